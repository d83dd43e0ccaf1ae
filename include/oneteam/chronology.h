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

/*
 * What an event is about, to show some and not others: a bit each
 * (1 << class) in a filter. The family and its people being added is
 * data entry, which the screens fold away unless asked.
 */
enum chron_class {
	CHRON_CONTACT,		/* contacts and their corrections */
	CHRON_REFERRAL,
	CHRON_FLAG,		/* red flags raised, acknowledged, resolved */
	CHRON_STORY,
	CHRON_CONSENT,
	CHRON_LEVEL,		/* level, lead, episodes opened and closed */
	CHRON_ACTION,
	CHRON_HUDDLE,		/* decisions of the huddle, and undone */
	CHRON_RECORD,		/* data entry: the family, its people added */
	CHRON_NCLASSES
};
#define CHRON_ALL	((1u << CHRON_NCLASSES) - 1)
/* Every class but data entry: what the screens show first. */
#define CHRON_EVENTS	(CHRON_ALL & ~(1u << CHRON_RECORD))

/* Its name, for a person ("Red flag"); its code, for a script
 * ("flag"); a code or name parsed (any case), -1 if none. */
const char	*chron_class_name(enum chron_class);
const char	*chron_class_code(enum chron_class);
int		 chron_class_parse(const char *, enum chron_class *);

/* Which events: classes a bit each, 0 for all; agency NULL for any, else
 * only those recorded by a member of that agency (code or label). */
struct chron_filter {
	unsigned	 classes;
	const char	*agency;
};
/* What a filter shows, in words to be freed ("Contact, Red flag,
 * recorded by Police"; "everything but data entry"), NULL when it shows
 * everything. */
char		*chronology_filter_words(struct oneteam *,
		     const struct chron_filter *);
/* Refuse a filter whose agency is not of the list (field "agency"),
 * before anything is shown; chronology() asks it too. */
int		 chronology_filter_check(struct oneteam *,
		     const struct chron_filter *, char **cause);

struct chron_event {
	int64_t		 at;	/* when it happened (ms UTC) */
	enum chron_class cls;
	const char	*what;	/* "contact", "referral", "flag_ack", ...:
				   the record's kind, for scripts */
	const char	*text;	/* what happened, in people's words */
	const char	*who;	/* who recorded it */
	const char	*agency; /* their agency, as a label */
	const char	*ref;	/* reference of the record, or "" */
};

/*
 * Call fn for each event of the family of a view (access.h) that the
 * filter shows (NULL: every one), oldest first (newest first with
 * reverse). fn returns non-zero to stop. Returns -1 with *cause (an agency
 * not of the list is refused, naming the field "agency").
 */
int	 chronology(struct oneteam *, const struct family_view *,
	     int reverse, const struct chron_filter *,
	     int (*fn)(const struct chron_event *, void *), void *arg,
	     char **cause);

#endif
