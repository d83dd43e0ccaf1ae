/*
 * Red flags: signs from the agreed local list (REF_RED_FLAGS) that every
 * professional responds to in the same agreed way. A flag is raised on a
 * family (and perhaps one of its people), acknowledged once, and resolved
 * once with a note of what was done; each step says who and when.
 */
#ifndef ONETEAM_FLAG_H
#define ONETEAM_FLAG_H

#include <stdint.h>

#include "oneteam/access.h"
#include "oneteam/oneteam.h"

struct flag {
	struct id	 id;
	char		 ref[ID_REF_MAX];
	struct id	 family;
	char		 family_ref[ID_REF_MAX];
	char		*household;
	struct id	 person;	/* zero: the whole family */
	char		*person_name;	/* "" when none */
	char		*code;		/* from the red flags list */
	/* From the list: label, severity (high, medium, low) and the
	 * agreed response; the code, "" and "" if the list lacks it. */
	char		*label;
	char		*severity;
	char		*response;
	char		*note;		/* NULL when none */
	int64_t		 at;		/* when it was seen or disclosed */
	char		*raised_by;
	int64_t		 acked;		/* 0: not acknowledged */
	char		*acked_by;
	int64_t		 resolved;	/* 0: active */
	char		*resolved_by;
	char		*resolve_note;
};

/* What a person gives to raise a flag; texts as typed, NULL if not given. */
struct flag_new {
	const char	*code;		/* required: code or label */
	const char	*person;	/* a person of the family: P- or name */
	const char	*note;
	const char	*at;		/* when; default now, not later */
};

/* Raise a red flag on a family in one transaction; its id in *id. */
int	 flag_raise(struct oneteam *, const struct id *family,
	     const struct flag_new *, struct id *id, char **cause);
/* What acknowledging or resolving a flag is given, as the command line
 * and the screens read it (field.h: field_flag_ack, field_flag_resolve). */
struct flag_step {
	const char	*note;		/* needed to resolve */
};

/* Acknowledge a flag: refused once it is acknowledged or resolved. */
int	 flag_ack(struct oneteam *, const struct id *, const char *note,
	     char **cause);
/* Resolve a flag with a note of what was done: refused a second time. */
int	 flag_resolve(struct oneteam *, const struct id *, const char *note,
	     char **cause);
/*
 * Read one flag of the family of a view (access.h); flag_clear() frees
 * what it holds. A flag of another family is refused, naming it.
 */
int	 flag_get(struct oneteam *, const struct family_view *,
	     const struct id *, struct flag *, char **cause);
void	 flag_clear(struct flag *);
/*
 * Call fn for the active flags of the family of a view (access.h), or of
 * every family one sees when view is NULL (with all, the resolved ones too,
 * after them): high severity first, then the latest. fn returns non-zero to
 * stop.
 */
int	 flag_list(struct oneteam *, const struct family_view *, int all,
	     int (*fn)(const struct flag *, void *), void *arg, char **cause);

/*
 * The response agreed for the red flag code (a code or a label of the
 * list, as typed to raise it): what whoever raised it is to do now, read
 * from the list, not from the flag, so that anyone who may raise one is
 * told it. "" when the list has none.
 */
const char	*flag_response(struct oneteam *, const char *code);

/* Rank of a severity for sorting: 0 high, 1 medium, 2 low, 3 other. */
int	 flag_severity_rank(const char *);

#endif
