/*
 * Consent to share: whether a family agrees that core team professionals
 * share what they know of it. Each decision (given, refused, withdrawn) is
 * a record that is never changed; the family's consent is its latest
 * record. Without consent, information is shared only where a child is at
 * risk of significant harm.
 */
#ifndef ONETEAM_CONSENT_H
#define ONETEAM_CONSENT_H

#include <stdint.h>

#include "oneteam/access.h"
#include "oneteam/oneteam.h"

#define CONSENT_GIVEN		"given"
#define CONSENT_REFUSED		"refused"
#define CONSENT_WITHDRAWN	"withdrawn"

struct consent {
	struct id	 id;
	struct id	 family;
	char		*state;		/* CONSENT_GIVEN, ... */
	char		*given_by;	/* who gave, refused or withdrew it */
	char		*scope;		/* what may be shared, with whom */
	char		*date;		/* ISO date of the decision */
	char		*review;	/* ISO date to review it, or NULL */
	int64_t		 created;	/* when it was recorded (ms) */
	struct id	 recorded_by;
	char		*recorded_by_name;
};

/* What a person gives to record a decision; texts as typed. */
struct consent_new {
	const char	*state;		/* given, refused, withdrawn */
	const char	*given_by;	/* required: who decided */
	const char	*scope;		/* required when given */
	const char	*date;		/* NULL: today; never in the future */
	const char	*review;	/* optional; after date */
};

/*
 * Record a decision about consent in one transaction; its id in *id (may
 * be NULL). Withdrawing needs consent given; a decision dated before the
 * family's current one is refused, since it would not change it.
 */
int	 consent_record(struct oneteam *, const struct id *family,
	     const struct consent_new *, struct id *id, char **cause);

/*
 * The consent of the family of a view (access.h) now: its latest record by
 * date, then by the clock of when it was recorded, then id, so every replica
 * agrees (the fold keeps which it is). *found is 0 when the family has none
 * (c is then cleared).
 */
int	 consent_current(struct oneteam *, const struct family_view *,
	     struct consent *, int *found, char **cause);

/* Call fn for each record of a family's consent, the current one first;
 * fn returns non-zero to stop. */
int	 consent_list(struct oneteam *, const struct family_view *,
	     int (*fn)(const struct consent *, void *), void *arg,
	     char **cause);

/* Free what consent_current() filled in. */
void	 consent_clear(struct consent *);

/*
 * What a list says of a family's consent state (NULL: none recorded):
 * NULL when given, else "no consent", "consent refused", "consent
 * withdrawn", so that a family without it shows so wherever it appears.
 */
const char *consent_note(const char *state);
/*
 * The state of a family's consent now, as a constant (CONSENT_GIVEN,
 * ...) into *state, NULL when none is recorded: for a list, which asks it
 * of each family it shows. Refused (-1 with *cause) for a family whoever
 * is at work may not see (access_may_view()), as any failure.
 */
int	 consent_now(struct oneteam *, const struct id *family,
	     const char **state, char **cause);

/* Is a review date set and passed at now_ms? */
int	 consent_review_due(const struct consent *, int64_t now_ms);

#endif
