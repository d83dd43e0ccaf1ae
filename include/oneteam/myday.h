/*
 * My day: what the member of staff at work has to do today and in the
 * coming week, across every family, gathered from what is recorded
 * elsewhere:
 *
 *   red flags	active red flags not yet acknowledged on the open
 *		families I lead, raised by anyone: the lead is told.
 *   follow-ups	contacts I recorded whose follow-up date is today or
 *		past, unless I have recorded a later contact with that
 *		family since (it says what is next, with its own
 *		follow-up); not for closed families.
 *   actions	my open actions due today or before; one with no due
 *		date is not due.
 *   planned	contacts I planned for today or before that are still
 *		planned (not yet marked as having happened).
 *
 * "I recorded" means the contact's first revision was mine: a colleague's
 * correction does not make it theirs. "Today" is the local date of
 * ot->now; an item is overdue when its day is before today. Follow-ups,
 * actions and planned contacts of the next MYDAY_AHEAD_DAYS days come
 * too, after those due, marked ahead: the coming week.
 */
#ifndef ONETEAM_MYDAY_H
#define ONETEAM_MYDAY_H

#include <stdint.h>

#include "oneteam/oneteam.h"

/* The groups of my day, in the order myday_list() gives them. */
enum myday_kind {
	MYDAY_FLAG,
	MYDAY_FOLLOW_UP,
	MYDAY_ACTION,
	MYDAY_PLANNED,
	MYDAY_NKINDS
};

/* One thing to do; its texts last until the callback returns. */
struct myday_item {
	enum myday_kind	 kind;
	struct id	 id;		/* the contact or the action */
	char		 ref[ID_REF_MAX];	/* "C-..." or "A-..." */
	struct id	 family;	/* zero: an action for no family */
	char		 family_ref[ID_REF_MAX];	/* "" when none */
	const char	*household;	/* "" when none */
	char		 date[11];	/* ISO: follow-up date, due date, or
					   the day planned */
	int64_t		 at;		/* when the contact happened or is
					   planned; 0 for an action */
	const char	*text;		/* in people's words, one line */
	int		 overdue;	/* its day is before today */
	int		 ahead;		/* its day is after today */
};

/* The coming week: how many days after today My day looks ahead. */
#define MYDAY_AHEAD_DAYS	7

/* Name of a group, for headings ("Follow-ups"). */
const char	*myday_kind_name(enum myday_kind);

/*
 * Call fn for what the member of staff at work has to do: red flags on
 * their families, follow-ups, then actions, then planned contacts; in
 * each, the oldest first (what is ahead after what is due). fn
 * returns non-zero to stop. Refused when nobody is at work; -1 with
 * *cause.
 */
int	 myday_list(struct oneteam *,
	     int (*fn)(const struct myday_item *, void *), void *arg,
	     char **cause);

/*
 * Since I last looked (myday-news.c): what others recorded on my
 * families (open, and I lead them or have recorded a contact with them)
 * or on referrals I raised, since I last opened My day at this site,
 * whenever its maker made it (a bundle's changes count when they came):
 *
 *   flag	a red flag raised
 *   contact	a contact, done or planned, by another agency than mine
 *   referral	a referral's status moved on (an answer)
 *   conflict	two sites gave a field of the family different values
 *		(each there now, not only the new ones)
 *   more	after a large import, only the latest changes are read
 *		(myday-news.c): this says there was more, for no family
 */
enum myday_news_kind {
	MYDAY_NEWS_FLAG,
	MYDAY_NEWS_CONTACT,
	MYDAY_NEWS_REFERRAL,
	MYDAY_NEWS_CONFLICT,
	MYDAY_NEWS_MORE,
};

/* One thing that changed; its texts last until the callback returns. */
struct myday_news {
	enum myday_news_kind	 kind;
	struct id		 family;
	char			 family_ref[ID_REF_MAX];
	const char		*household;
	int64_t			 at;	/* when it was recorded (its maker's
					   clock); 0 for a conflict */
	const char		*text;	/* in people's words, one line */
};

/* A look at My day: where the log ended, and when (at 0: never). */
struct myday_mark {
	int64_t		 op;
	int64_t		 at;
};

/*
 * Record that whoever is at work looks at My day now, and give their
 * look before (at 0 when this is the first), in one transaction.
 */
int	 myday_looked(struct oneteam *, struct myday_mark *before,
	     char **cause);
/*
 * Call fn for what changed since the look since, the newest first, then
 * the conflicts; nothing when there was no look before. fn returns
 * non-zero to stop.
 */
int	 myday_news(struct oneteam *, const struct myday_mark *since,
	     int (*fn)(const struct myday_news *, void *), void *arg,
	     char **cause);

#endif
