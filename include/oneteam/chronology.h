/*
 * The chronology of a family: every significant event recorded by any
 * agency, in time order, with who recorded it. Serious case reviews find
 * that agencies each held a piece and nobody held the whole; this is the
 * whole.
 */
#ifndef ONETEAM_CHRONOLOGY_H
#define ONETEAM_CHRONOLOGY_H

#include <stdint.h>

#include "oneteam/access.h"
#include "oneteam/oneteam.h"

struct chron_event {
	int64_t		 at;	/* when it happened (ms UTC) */
	const char	*what;	/* "contact", "referral", "red flag", ... */
	const char	*text;	/* what happened, in people's words */
	const char	*who;	/* who recorded it */
	const char	*agency; /* their agency, as a label */
	const char	*ref;	/* reference of the record, or "" */
};

/*
 * Call fn for each event of the family of a view (access.h), oldest first
 * (newest first with reverse). fn returns non-zero to stop. Returns -1 with
 * *cause.
 */
int	 chronology(struct oneteam *, const struct family_view *,
	     int reverse, int (*fn)(const struct chron_event *, void *),
	     void *arg, char **cause);

#endif
