/*
 * The morning huddle's agenda: every family of the locality where
 * something changed or is slipping, built from the records, each family
 * once with all its reasons, grouped and ordered by urgency:
 *
 *   1 red flags raised since the last huddle, or still unacknowledged,
 *     most severe first, each with its agreed response;
 *   2 new referrals since the last huddle, and contacts since of a kind
 *     the contact kinds list marks as a concern (a child not brought);
 *   3 referrals waiting past their response date, longest first;
 *   4 families proposed for step up (children's social care, the service
 *     coded mash, accepted a referral of a family below level 4) or step
 *     down (it closed or declined the last of a family at level 4);
 *   5 families with needs across agencies (level 3 or more, or contacts
 *     from two agencies) and no lead professional;
 *   6 consent to share not recorded, refused or withdrawn, or due for
 *     review;
 *   7 reviews, actions and follow-ups overdue, by owner;
 *   8 conflicts from bundle exchange still to resolve.
 *
 * A family's place is its most urgent reason's group; within a group,
 * families the last huddle did not reach come again first, saying so,
 * then those with something new since the last huddle (a reason that
 * happened since, not one that only went on: huddle_reasons_new()), each
 * lot the most urgent first. "Since the last huddle" is
 * since the last recorded huddle of the locality before today began;
 * the first huddle looks back three days.
 *
 * A huddle is a record (huddle_start): the agenda as it stood (each
 * reason of an item a row of facts), who was present, and for each item
 * what was decided. A decision writes the
 * same records as anywhere else (a lead, a flag acknowledged, an action)
 * in the same transaction, and is in the family's chronology. The
 * minutes are written from the record.
 */
#ifndef ONETEAM_HUDDLE_H
#define ONETEAM_HUDDLE_H

#include <stddef.h>
#include <stdint.h>

#include "oneteam/oneteam.h"

enum huddle_group {
	HUDDLE_FLAGS,
	HUDDLE_CONCERNS,
	HUDDLE_WAITING,
	HUDDLE_STEPS,
	HUDDLE_NO_LEAD,
	HUDDLE_CONSENT,
	HUDDLE_OVERDUE,
	HUDDLE_CONFLICTS,
	HUDDLE_NGROUPS
};

/* The heading of a group ("Red flags"). */
const char	*huddle_group_name(enum huddle_group);
/* Its code, for scripts ("flags"). */
const char	*huddle_group_code(enum huddle_group);

/* What a reason is about: its code ("red_flag"), the same in the rows
 * of a recorded huddle and for scripts. */
enum huddle_reason_kind {
	HUDDLE_R_RED_FLAG,		/* a red flag raised or not acked */
	HUDDLE_R_REFERRAL_NEW,		/* a referral raised since */
	HUDDLE_R_CONCERN,		/* a contact of a kind of concern */
	HUDDLE_R_REFERRAL_WAITING,	/* past its response date */
	HUDDLE_R_STEP,			/* proposed for step up or down */
	HUDDLE_R_NO_LEAD,		/* needs across agencies, no lead */
	HUDDLE_R_CONSENT,		/* not recorded, refused, review */
	HUDDLE_R_REVIEW,		/* the family's review overdue */
	HUDDLE_R_ACTION,		/* an action overdue */
	HUDDLE_R_FOLLOW_UP,		/* a follow-up overdue */
	HUDDLE_R_CONFLICT,		/* a conflict from bundles */
	HUDDLE_R_NOT_REACHED,		/* the last huddle did not reach it */
	HUDDLE_R_PROSE,			/* words only, as older sites kept */
	HUDDLE_NREASONS
};

const char	*huddle_reason_code(enum huddle_reason_kind);
enum huddle_reason_kind huddle_reason_parse(const char *);

/*
 * A reason as facts; words are made of it only by huddle_reason_words().
 * Which facts a kind has is said at each; the others are 0, "" or NULL.
 */
struct huddle_reason {
	enum huddle_group	 group;
	enum huddle_reason_kind	 kind;
	int64_t			 rank;		/* within the group: lower
						   first (the agenda's) */
	const char		*etype;		/* the record's kind, or NULL */
	struct id		 record;
	char			 ref[ID_REF_MAX]; /* the record, or "" */
	char			*code;		/* the flag's, the service's,
						   the contact's kind */
	char			*label;		/* what the list calls it */
	char			*state;		/* a flag's "acknowledged" or
						   "not_acknowledged"; a
						   referral's status;
						   consent's */
	char			*detail;	/* an action's what, the field
						   in conflict; not reached:
						   what it had, in words */
	int64_t			 at;		/* when (ms), or 0 */
	char			 day[11];	/* ISO: consent's date, the
						   huddle that did not reach */
	char			 due[11];	/* ISO: due, response, review */
	char			*who;		/* who raised or recorded it */
	char			*owner;		/* whose it is to do, or NULL */
	char			*severity;	/* a flag's; a referral's
						   urgency */
	int			 late;		/* days past due */
	int64_t			 level;		/* the family's level of need */
	int64_t			 count;		/* agencies; values */
	char			*response;	/* agreed response, or NULL */
	int			 carried;	/* not reached last time */
};

/*
 * A reason in words, to be freed: "Red flag: ... raised ... by ...", and
 * with HUDDLE_WORDS_RESPONSE its agreed response after ("; agreed
 * response: ..."). The one place a reason becomes words.
 */
#define HUDDLE_WORDS_RESPONSE	0x1
char	*huddle_reason_words(const struct huddle_reason *, int flags);
void	 huddle_reason_clear(struct huddle_reason *);

struct huddle_item {
	struct id		 family;
	char			 ref[ID_REF_MAX];
	char			*household;
	char			*lead;		/* NULL: none */
	enum huddle_group	 group;		/* of its most urgent reason */
	struct huddle_reason	*reasons;	/* most urgent first */
	size_t			 nreasons;
	char			 carried[11];	/* the day of the huddle that
						   did not reach it, or "" */
	int			 fresh;		/* new since the last huddle */
};

/* Did one of the reasons happen since since (ms), not only go on? */
int	 huddle_reasons_new(const struct huddle_reason *, size_t,
	     int64_t since);

struct huddle_agenda {
	int64_t			 since;		/* ms */
	struct id		 locality_id;
	char			*locality;
	struct huddle_item	*items;		/* in agenda order */
	size_t			 nitems;
	struct huddle_item	*parked;	/* left off: parked; no reasons */
	size_t			 nparked;
};

/*
 * Build the agenda for the locality named (NULL: that of who is at work,
 * else the configured one) as of ot->now, with "new" meaning since since
 * (ms; 0: since the last huddle, or three days). Returns -1 with *cause.
 */
int	 huddle_agenda(struct oneteam *, const char *locality, int64_t since,
	     struct huddle_agenda *, char **cause);
void	 huddle_agenda_free(struct huddle_agenda *);
/* Refuse a huddle of locality to whoever is at work, if they are of
 * another (a huddle is its own team's: its families need to know). */
int	 huddle_ours(struct oneteam *, const struct id *locality,
	     char **cause);
/* The locality named, else who is at work's, else the configured one.
 * Whoever is at work, if of a locality, is refused any other's. */
int	 huddle_locality(struct oneteam *, const char *name, struct id *,
	     char **out, char **cause);

/* What a huddle may decide for an item. */
enum huddle_decision {
	HUDDLE_NO_CHANGE,	/* discussed: nothing to change */
	HUDDLE_LEAD,		/* allocate a lead professional */
	HUDDLE_ACK,		/* acknowledge a red flag */
	HUDDLE_ACTION,		/* who does what by when */
	HUDDLE_CHASE,		/* chase a referral: an action to do so */
	HUDDLE_LEVEL,		/* change the level of need */
	HUDDLE_REVIEW,		/* set the family's next review date */
	HUDDLE_SEEK_CONSENT,	/* seek consent to share again: an action */
	HUDDLE_TAF,		/* convene a team around the family: an
				   action */
	HUDDLE_FRONT_DOOR,	/* refer to the front door (MASH) */
	HUDDLE_CLOSE,		/* close the family's early help (a
				   coordinator's) */
	HUDDLE_PARK,		/* park the item until its facts change */
	HUDDLE_NDECISIONS
};

/* Consent sought again and a team around the family convened: the
 * action's owner is the family's lead unless said, due in so many days
 * unless said. The front door is the service of this code, asked
 * urgently. */
#define HUDDLE_SEEK_DAYS		7
#define HUDDLE_TAF_DAYS			14
#define HUDDLE_FRONT_DOOR_SERVICE	"mash"

/* Its code ("no_change", "lead", ...) and parse one, '-' for '_' too;
 * its name, which tells no detail of the family ("Action agreed"). */
const char	*huddle_decision_code(enum huddle_decision);
const char	*huddle_decision_name(enum huddle_decision);
int		 huddle_decision_parse(const char *, enum huddle_decision *);
/* The kind of record a decision writes ("action", "flag", "referral"),
 * or NULL when it changes the family itself. */
const char	*huddle_decision_record(enum huddle_decision);

/* A decision as given; texts as typed, NULL when not given. */
struct huddle_choice {
	enum huddle_decision	 kind;
	const char		*who;	 /* LEAD: the lead; ACTION, CHASE,
					    SEEK_CONSENT, TAF: the owner
					    (CHASE: default who raised the
					    referral; SEEK_CONSENT, TAF:
					    the lead) */
	const char		*record; /* ACK: the flag; CHASE: the
					    referral (default: the only one) */
	const char		*what;	 /* ACTION: what is to be done */
	const char		*due;	 /* ACTION, CHASE, SEEK_CONSENT, TAF:
					    by when */
	const char		*review; /* REVIEW: the next review */
	const char		*why;	 /* FRONT_DOOR: why it is asked */
	const char		*level;	 /* LEVEL: the new level */
	const char		*end;	 /* CLOSE: why early help ends */
	const char		*note;	 /* words: LEVEL's reason, ACK's
					    note, or anything said */
};

struct huddle_decided {
	enum huddle_decision	 kind;
	char			*note;		/* in words, as minuted */
	char			 ref[ID_REF_MAX]; /* the record written */
	int64_t			 at;
	char			*by;
	int			 undone;	/* undone while it ran */
	char			*undo_note;	/* why, when said; or NULL */
	char			*undo_by;	/* who undid it */
};

/* An item of a recorded huddle. */
struct huddle_entry {
	struct id		 id;
	int			 position;	/* from 1 */
	struct id		 family;
	char			 ref[ID_REF_MAX];
	char			*household;
	int			 consent;	/* consent to share given */
	enum huddle_group	 group;
	struct huddle_reason	*reasons;	/* as the agenda had them */
	size_t			 nreasons;
	char			*carried;	/* day not reached, or NULL */
	struct huddle_decided	*decisions;	/* undone ones too, marked */
	size_t			 ndecisions;
	size_t			 nstanding;	/* those not undone: an item
						   with none is not decided */
};

struct huddle {
	struct id		 id;
	char			 ref[ID_REF_MAX];
	struct id		 locality;
	char			*locality_name;
	char			 day[11];	/* ISO */
	int64_t			 since, started, ended;	/* ended 0: running */
	char			*present;	/* names, ", "; NULL: none */
	char			*apologies;	/* members who sent them, as
						   present; NULL: none */
	char			*guests;	/* with no account, as typed,
						   ", "; NULL: none */
	char			*started_by;
	struct huddle_entry	*items;
	size_t			 nitems;
};

/*
 * Start today's huddle of a locality (NULL as for huddle_agenda): the
 * agenda is built and recorded, item by item, with who is present (as
 * huddle_attend(); NULL: not said yet), in one transaction. Refused while
 * one of the locality is running today; one left running from an
 * earlier day is ended.
 */
int	 huddle_start(struct oneteam *, const char *locality,
	     const char *present, struct huddle *, char **cause);
/*
 * Read a huddle: the running one of the locality (day NULL), or the
 * last of the locality on an ISO day. Refused when there is none.
 */
int	 huddle_find(struct oneteam *, const char *locality, const char *day,
	     struct huddle *, char **cause);
int	 huddle_get(struct oneteam *, const struct id *, struct huddle *,
	     char **cause);
void	 huddle_clear(struct huddle *);
/*
 * Who is at a running huddle, in one transaction; each not NULL replaces
 * what was said before ("" for none). present and apologies: members of
 * the team, names (or S- refs) separated by commas, never one in both: a
 * member said present who had sent apologies came after all, and the
 * other way about. guests: people with no account, as typed, separated
 * by commas ("Jo Bell (school DSL)"); struct huddle_attending's fields
 * are field.h's (apologies and guests).
 */
struct huddle_attending {
	const char	*present;
	const char	*apologies;
	const char	*guests;
};
int	 huddle_attend(struct oneteam *, const struct huddle *,
	     const struct huddle_attending *, char **cause);
/*
 * Decide for item position (from 1): the decision and what it writes in
 * one transaction. Refused once the huddle has ended. What was decided
 * in *out (NULL: not wanted; huddle_decided_clear() frees it).
 */
int	 huddle_decide(struct oneteam *, const struct huddle *, int position,
	     const struct huddle_choice *, struct huddle_decided *out,
	     char **cause);
void	 huddle_decided_clear(struct huddle_decided *);
/*
 * Undo the last decision of item position (from 1) that stands, while
 * the huddle runs, saying why (optional: struct huddle_undoing, whose
 * fields field.h describes), in one transaction; what it
 * wrote is put back: a lead or a level as it was (refused if changed
 * since), an action withdrawn (refused once done). An acknowledged red
 * flag stays acknowledged: it was seen, and that is not undone. The
 * decision stays in the minutes, marked undone. What was undone in *out
 * (NULL: not wanted).
 */
struct huddle_undoing {
	const char	*note;		/* why, as said; NULL if not */
};
int	 huddle_undo(struct oneteam *, const struct huddle *, int position,
	     const struct huddle_undoing *, struct huddle_decided *out,
	     char **cause);
/* Whether huddle_undo() would undo the item's last decision now: 0, or
 * -1 with *cause saying why not. Nothing is written. */
int	 huddle_undo_may(struct oneteam *, const struct huddle *,
	     int position, char **cause);
/*
 * End the parks of a family (huddle decide's park), whatever huddle made
 * them, in one transaction: it is back on the next agenda. Refused when
 * it is not parked.
 */
int	 huddle_unpark(struct oneteam *, const struct id *family,
	     char **cause);
/* Whether item position (from 1) may be parked: 0, or -1 with *cause
 * (a red flag, a referral waiting, parked already). Nothing is written. */
int	 huddle_park_ask(struct oneteam *, const struct huddle *, int position,
	     char **cause);
/* End a running huddle; items with no decision roll over. */
int	 huddle_end(struct oneteam *, const struct huddle *, char **cause);
/*
 * The minutes of h, lines each ending in a newline, to be freed: for the
 * team (all of it), or to be sent (HUDDLE_MINUTES_SHARED: the details of
 * families that have not given consent to share are left out, and the
 * minutes say so); as Markdown; with ISO times for scripts. Text from
 * the records is given as typed: the caller escapes it for its output.
 */
#define HUDDLE_MINUTES_SHARED	0x1
#define HUDDLE_MINUTES_MARKDOWN	0x2
#define HUDDLE_MINUTES_ISO	0x4
char	*huddle_minutes(const struct huddle *, int flags);

/*
 * The families an agenda or a huddle names, looked at as a whole by
 * whoever is at work (the agenda on a screen or printed, a huddle shown,
 * its minutes read or sent): an entry each on the audit trail, as a look
 * at a family is, in one transaction. what: "the minutes", "the items".
 */
int	 huddle_agenda_looked(struct oneteam *, const struct huddle_agenda *,
	     char **cause);
int	 huddle_looked(struct oneteam *, const struct huddle *,
	     const char *what, char **cause);
/*
 * The minutes to be sent (HUDDLE_MINUTES_SHARED, as Markdown) written to
 * a new file at path, the person's, never replacing one; each family
 * they name on the trail as exported (saying when its details were left
 * out). -1 with *cause, the field "file" at fault for the file's.
 */
int	 huddle_minutes_write(struct oneteam *, const struct huddle *,
	     const char *path, char **cause);
/*
 * Call fn for the huddles of a locality (NULL as above), latest first:
 * no items, nitems their number. fn returns non-zero to stop.
 */
int	 huddle_list(struct oneteam *, const char *locality,
	     int (*fn)(const struct huddle *, void *), void *arg,
	     char **cause);

#endif
