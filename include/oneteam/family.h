/*
 * Families (households): the unit of work. A family has a level of need,
 * a status (open while early help is involved, closed after), a lead
 * professional, and early help episodes; changing its level is a step up
 * or a step down, recorded with its reason.
 */
#ifndef ONETEAM_FAMILY_H
#define ONETEAM_FAMILY_H

#include <stddef.h>
#include <stdint.h>

#include "oneteam/access.h"
#include "oneteam/oneteam.h"

#define FAMILY_STATUS_OPEN	"open"
#define FAMILY_STATUS_CLOSED	"closed"

struct family {
	struct id	 id;
	char		 ref[ID_REF_MAX];
	char		*household;
	char		*address;
	char		*postcode;
	char		*lsoa;
	struct id	 locality;
	char		*locality_name;
	int		 level;		/* 1-4; 0 when not yet assessed */
	char		*status;	/* FAMILY_STATUS_OPEN or FAMILY_STATUS_CLOSED */
	struct id	 lead;
	char		*lead_name;
	char		*next_review;	/* ISO date or NULL */
	char		*needs;		/* need codes, comma-separated, or NULL */
	int64_t		 created;
	char		*consent;	/* its state now, NULL: none (consent.h) */
	/* Changes to its record made by a newer oneteam, held here and
	 * not shown until this one is upgraded (store_later()). */
	int64_t		 later;
	/* Filled by family_list() only. */
	int64_t		 last_contact;	/* ms, 0 when none */
	int		 open_referrals;
	int		 active_flags;
};

/* What a person gives to add a family; texts as typed, NULL if not given. */
struct family_new {
	const char	*household;	/* required */
	const char	*address;
	const char	*postcode;
	const char	*lsoa;
	const char	*locality;	/* NULL: the configured locality */
	const char	*level;		/* "1".."4" */
	const char	*lead;		/* a member of staff */
	const char	*next_review;	/* a date */
	const char	*needs;		/* need codes or labels, comma-separated */
	const char	*reason;	/* why early help is involved */
};

/*
 * A change to a family: each field not NULL is changed ("" clears the
 * optional ones). A new level needs reason (a step up or down); closing
 * needs end_reason; reopening needs reason.
 */
struct family_change {
	const char	*household;
	const char	*address;
	const char	*postcode;
	const char	*lsoa;
	const char	*locality;
	const char	*level;
	const char	*lead;
	const char	*status;
	const char	*next_review;
	const char	*needs;
	const char	*reason;
	const char	*end_reason;
};

enum family_filter {
	FAMILY_MINE,		/* I lead it, added it or recorded a contact */
	FAMILY_LOCALITY,	/* open families of my locality */
	FAMILY_ALL,		/* every open family */
	FAMILY_FLAGGED,		/* with an active red flag */
	FAMILY_NO_LEAD,		/* open, with no lead professional */
	FAMILY_CLOSED,
};

enum family_sort {
	FAMILY_BY_HOUSEHOLD,
	FAMILY_BY_REF,
	FAMILY_BY_LEVEL,
	FAMILY_BY_LEAD,
	FAMILY_BY_LAST_CONTACT,
	FAMILY_BY_REFERRALS,
	FAMILY_BY_FLAGS,
	FAMILY_BY_REVIEW,
};

int	 family_add(struct oneteam *, const struct family_new *, struct id *,
	     char **cause);
int	 family_change(struct oneteam *, const struct id *,
	     const struct family_change *, char **cause);
/* Read the family of a view (access.h). */
int	 family_get(struct oneteam *, const struct family_view *,
	     struct family *, char **cause);
void	 family_clear(struct family *);
/*
 * A conflict on the family's level or status (field) resolved: its
 * episodes brought to what the family now is, by the one rule of
 * episodes (an open family below level 4 has one open episode, any
 * other none), as the command that sets them does. Inside the caller's
 * transaction.
 */
int	 family_kept(struct oneteam *, const struct id *family,
	     const char *field, char **cause);
/*
 * Call fn for the families of a filter, sorted, from offset, at most
 * limit (0: all). fn returns non-zero to stop. Returns -1 with *cause.
 */
int	 family_list(struct oneteam *, enum family_filter, enum family_sort,
	     int descending, size_t offset, size_t limit,
	     int (*fn)(const struct family *, void *), void *arg, char **cause);

/* The number of families family_list() would give for a filter. */
int	 family_count(struct oneteam *, enum family_filter, size_t *n,
	     char **cause);
/* Parse "mine", "locality", "all", "flagged", "no-lead", "closed". */
int	 family_filter_parse(const char *, enum family_filter *);
/* Parse "household", "ref", "level", "lead", "contact", "referrals",
 * "flags", "review". */
int	 family_sort_parse(const char *, enum family_sort *);

#endif
