/*
 * The audit trail: who signed in, looked at which family, exported what,
 * when and at which site. Entries are records like any other, so they
 * travel in bundles; they are never changed. Each site numbers its own
 * entries from 1 with no gaps, and each entry holds the hash of the one
 * before it of the same site, so that an edited, deleted or reordered
 * entry shows when the chain is walked (audit_verify()).
 */
#ifndef ONETEAM_AUDIT_H
#define ONETEAM_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "oneteam/oneteam.h"

/* What an entry records; the codes are stored. */
#define AUDIT_SIGNIN		"signin"
#define AUDIT_SIGNIN_FAILED	"signin_failed"
#define AUDIT_LOCK		"lock"
#define AUDIT_UNLOCK		"unlock"
#define AUDIT_SIGNOUT		"signout"
#define AUDIT_VIEW		"view"
#define AUDIT_BREAK_GLASS	"break_glass"
#define AUDIT_SEARCH		"search"	/* a family outside one's
						 * work found, once a day */
#define AUDIT_CHANGE		"change"
#define AUDIT_EXPORT		"export"
#define AUDIT_BUNDLE_EXPORT	"bundle_export"
#define AUDIT_BUNDLE_IMPORT	"bundle_import"
#define AUDIT_SITE_RECOVER	"site_recover"

/* 64 hex digits of a BLAKE2b-256 hash and a NUL */
#define AUDIT_HASH_HEX	65

struct audit_entry {
	struct id	 site;
	char		*site_name;	/* known here, or "site XXXXXXXX" */
	int64_t		 seq;
	int64_t		 at;
	struct id	 who;		/* zero: nobody said */
	char		*who_name;	/* "" when nobody */
	const char	*what;		/* one of the codes above */
	struct id	 family;	/* zero: of no family */
	char		 family_ref[ID_REF_MAX]; /* "" when none */
	char		*household;	/* the family's, "" when none */
	char		*detail;	/* "" when none */
};

/*
 * An entry in people's words (audit-words.c): what it records ("viewed",
 * "broke the glass"; a code not known, as it is), and its detail, to be
 * freed: a change's codes told ("added a decision at the huddle, story:
 * read back"), the glass's reason said as one, any other as it is.
 */
const char	*audit_what_words(const char *code);
char		*audit_detail_words(const struct audit_entry *);

/* What audit_verify() walked. */
struct audit_tally {
	int64_t		 entries;
	int64_t		 sites;
};

/*
 * Record what (a code above) by whoever is at work (ot->me, maybe
 * nobody), about family (NULL: none), with a line of detail (NULL:
 * none), at ot->now: inside the caller's transaction if one is open,
 * else in its own.
 */
int	 audit_record(struct oneteam *, const char *what,
	     const struct id *family, const char *detail, char **cause);
/* The same for someone other than the one at work (a sign-in's). */
int	 audit_record_as(struct oneteam *, const struct id *who,
	     const char *what, const struct id *family, const char *detail,
	     char **cause);

/*
 * An entry of this site's trail taken out of its history by a recover
 * (store_recover()), entered again as it was (when, by whom, what, of
 * which family, the new ids of records made again) at the end of this
 * site's chain, inside the open transaction.
 */
struct store_recovered;
int	 audit_record_again(struct oneteam *, const struct op *,
	     const struct store_recovered *, char **cause);

/*
 * Every change is on the trail (audit-change.c): inside the open
 * transaction, mark this site's last change (*seq) before making any,
 * then write an entry for each family (and each record of no family)
 * changed since. oneteam_change() does both.
 */
int	 audit_change_mark(struct oneteam *, int64_t *seq, char **cause);
int	 audit_change_record(struct oneteam *, int64_t since, char **cause);

/*
 * Walk each site's entries by number and call report with a sentence for
 * each entry missing, edited, or out of its chain. Returns the number of
 * problems (0: whole), or -1 with *cause; tally (may be NULL) counts what
 * was walked.
 */
int	 audit_verify(struct oneteam *, void (*report)(const char *, void *),
	     void *arg, struct audit_tally *tally, char **cause);

/*
 * The lists below are for coordinators and administrators (and audit_by()
 * also for a member of staff's own entries): anyone else, or nobody, is
 * refused.
 *
 * Call fn for each entry about a family (views, break-glass, changes,
 * exports), newest first; fn returns non-zero to stop.
 */
int	 audit_who_viewed(struct oneteam *, const struct id *family,
	     int (*fn)(const struct audit_entry *, void *), void *arg,
	     char **cause);
/* Call fn for each entry of a member of staff since since_ms, newest
 * first. */
int	 audit_by(struct oneteam *, const struct id *staff, int64_t since_ms,
	     int (*fn)(const struct audit_entry *, void *), void *arg,
	     char **cause);
/*
 * Call fn for each entry of one kind (what: a code above, such as
 * AUDIT_BREAK_GLASS) since since_ms, newest first, at most limit of them
 * (0: all); fn returns non-zero to stop.
 */
int	 audit_of_kind(struct oneteam *, const char *what, int64_t since_ms,
	     size_t limit, int (*fn)(const struct audit_entry *, void *),
	     void *arg, char **cause);

/*
 * The moment that "since" text names, for the lists above: a date alone
 * (12/3, -30d, today) is the start of that local day, not the noon that
 * time_parse() gives it, so that "since 12/3" includes that morning; a
 * moment (2026-03-12 14:30) is that moment. -1 with *cause.
 */
int	 audit_since(struct oneteam *, const char *text, int64_t *ms,
	     char **cause);

#endif
