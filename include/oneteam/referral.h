/*
 * Referrals: requests for help from another service (CAMHS, housing, the
 * front door...). A referral names the service, the child it concerns,
 * the reason, needs, urgency and its consent basis, and moves through
 * statuses, each change a dated and attributed event:
 *
 *   draft -> sent | withdrawn
 *   sent -> acknowledged | accepted | declined | withdrawn
 *   acknowledged -> accepted | declined | withdrawn
 *   accepted -> completed | withdrawn
 *   declined, completed and withdrawn are final.
 *
 * A referral is sent only with a consent basis: "consent" while the
 * family's consent to share is given, or "safeguarding" with its reason
 * written. The answer is due by a date: given, or in working days from
 * the day it is sent (Monday to Friday, not a bank holiday of the list
 * bank_holidays), the service's response time (the services list's
 * response column: the front door one) or the urgency's
 * (REFERRAL_DUE_URGENT, _PRIORITY, _ROUTINE), whichever is sooner.
 */
#ifndef ONETEAM_REFERRAL_H
#define ONETEAM_REFERRAL_H

#include <stdint.h>

#include "oneteam/access.h"
#include "oneteam/oneteam.h"

/* Working days from sending to the response due date, by urgency. */
#define REFERRAL_DUE_URGENT	1
#define REFERRAL_DUE_PRIORITY	5
#define REFERRAL_DUE_ROUTINE	15

/*
 * The answer's due date (ISO) of a referral to service with urgency (a
 * word as stored: routine, priority or urgent; NULL or another: routine),
 * sent at sent (ms): the one rule, which the demo keeps too.
 */
struct oneteam;
void	 referral_due_date(struct oneteam *, const char *service,
	     const char *urgency, int64_t sent, char iso[11]);

#define REFERRAL_BASIS_CONSENT		"consent"
#define REFERRAL_BASIS_SAFEGUARDING	"safeguarding"

enum referral_status {
	REFERRAL_DRAFT,
	REFERRAL_SENT,
	REFERRAL_ACKNOWLEDGED,
	REFERRAL_ACCEPTED,
	REFERRAL_DECLINED,
	REFERRAL_COMPLETED,
	REFERRAL_WITHDRAWN,
	REFERRAL_NSTATUS
};

/*
 * What a referral is now, for the lists, the huddle and the families'
 * counts of open referrals: referral_class() is the one rule. In the
 * order the lists show them.
 */
enum referral_class {
	REFERRAL_CLASS_WAITING,	/* waiting for an answer (sent,
				   acknowledged) past its response date */
	REFERRAL_CLASS_OPEN,	/* any other that is not final */
	REFERRAL_CLASS_FINAL,	/* declined, completed, withdrawn */
};

struct referral {
	struct id	 id;
	char		 ref[ID_REF_MAX];
	struct id	 family;
	char		 family_ref[ID_REF_MAX];
	char		*household;
	struct id	 person;	/* zero: the whole family */
	char		*person_name;	/* "" when none */
	char		*service;	/* code from the services list */
	char		*reason;
	char		*needs;		/* need codes, comma-separated; NULL */
	char		*urgency;	/* routine, priority or urgent */
	char		*basis;		/* consent, safeguarding, or NULL */
	char		*basis_reason;
	char		*response_due;	/* ISO date, or NULL for a draft */
	char		*outcome;
	enum referral_status status;
	int64_t		 status_at;	/* when the latest change happened */
	int64_t		 sent_at;	/* when first sent; 0 if never */
	int		 waiting;	/* days since sent while awaiting an
					   answer (sent, acknowledged); -1 */
	int		 overdue;	/* awaiting an answer, past due */
	int64_t		 created;
	struct id	 created_by;
	char		*raised_by;	/* name of who raised it */
};

/* What a person gives to raise a referral; texts as typed, NULL if not
 * given. */
struct referral_new {
	const char	*service;	/* required: code or label */
	const char	*reason;	/* required */
	const char	*child;		/* a person of the family: P- or name */
	const char	*needs;		/* codes or labels, comma-separated */
	const char	*urgency;	/* routine (default), priority or
					   urgent */
	const char	*basis;		/* consent or safeguarding */
	const char	*basis_reason;	/* why, for safeguarding */
	const char	*due;		/* response due date */
	const char	*at;		/* when it was sent; default now */
	int		 draft;		/* keep it a draft, not sent */
};

/* A change of status; texts as typed, NULL if not given. */
struct referral_update {
	const char	*status;	/* required */
	const char	*note;
	const char	*outcome;	/* with completed or declined */
	const char	*at;		/* when it happened; default now */
	const char	*due;		/* a new response due date */
	const char	*basis;		/* when a draft is sent */
	const char	*basis_reason;
};

/*
 * Which referrals referral_list() shows; the conditions combine. The two
 * agency fields come last so that an initializer naming only the first
 * five leaves them NULL.
 */
struct referral_filter {
	const struct family_view *view;	/* of a family (access.h); NULL:
					   every family one sees */
	int		 waiting;	/* sent or acknowledged, past due */
	int		 mine;		/* raised by whoever is at work */
	int		 open;		/* not declined, completed, withdrawn */
	int		 status;	/* an enum referral_status, or -1 */
	const char	*agency;	/* raised by staff of this agency */
	const char	*to_agency;	/* sent to a service this agency answers
					   (see referral_for_agency); never a
					   draft */
};

/* One change of status, for the history of a referral. */
struct referral_event {
	enum referral_status status;
	char		*note;
	int64_t		 at;
	int64_t		 created;
	char		*by;		/* name of who recorded it */
};

/* Name of a status ("acknowledged"). */
const char	*referral_status_name(enum referral_status);
/* Parse a status typed by a person: any case, or an unambiguous start. */
int		 referral_status_parse(const char *, enum referral_status *);
/* May a referral move from one status to another? */
int		 referral_can_move(enum referral_status from,
		     enum referral_status to);
/*
 * The class of a referral of status s whose answer is due on
 * response_due, today (ISO dates; either NULL: not waiting past it).
 */
enum referral_class referral_class(enum referral_status s,
		     const char *response_due, const char *today);
/* Is a status final (declined, completed, withdrawn)? */
int		 referral_is_final(enum referral_status);
/* Does a referral of this status wait for an answer (sent,
 * acknowledged), past its response date or not? */
int		 referral_awaits(enum referral_status);
/* Is a referral of this status with its service: sent and not over
 * (sent, acknowledged, accepted)? A draft is not, nor a final one. */
int		 referral_is_live(enum referral_status);
/*
 * Does this agency answer referrals to this service? The services list
 * names no agency, so the rule is one of codes: a service is answered by
 * the agency of the same code (camhs, housing, early_help), or of the
 * code its own starts with before a "_" (send_support by send,
 * domestic_abuse_service by domestic_abuse); and the front door, mash, by
 * childrens_social_care. A service that fits no agency (food_bank) is
 * answered by none of the team's.
 */
int		 referral_for_agency(const char *service, const char *agency);

/*
 * Raise a referral for a family in one transaction: the referral and its
 * first event, sent (or draft). Its id in *id.
 */
int	 referral_raise(struct oneteam *, const struct id *family,
	     const struct referral_new *, struct id *id, char **cause);
/*
 * Raise a referral as referral_raise() does, and read it back into *r
 * (referral_clear() frees it) to tell whoever raised it what happens next:
 * no view is asked, as it shows only what they have just written, which
 * they were let write and is on the audit trail as their change. Read
 * back or not (r zero, r->ref empty), the referral is raised.
 */
int	 referral_raise_get(struct oneteam *, const struct id *family,
	     const struct referral_new *, struct id *id, struct referral *r,
	     char **cause);
/* Move a referral to a new status under the rules above. */
int	 referral_update(struct oneteam *, const struct id *,
	     const struct referral_update *, char **cause);
/*
 * Read one referral of the family of a view (access.h); referral_clear()
 * frees what it holds. A referral of another family is refused, naming
 * it, and nothing of it is read.
 */
int	 referral_get(struct oneteam *, const struct family_view *,
	     const struct id *, struct referral *, char **cause);
void	 referral_clear(struct referral *);
/*
 * Call fn for the referrals of a filter: those waiting past their
 * response date first (oldest due first), then the open ones by due date,
 * then the closed ones, latest first. fn returns non-zero to stop.
 */
int	 referral_list(struct oneteam *, const struct referral_filter *,
	     int (*fn)(const struct referral *, void *), void *arg,
	     char **cause);
/* Call fn for each change of status of a referral of the family of a
 * view (access.h), in order. */
int	 referral_history(struct oneteam *, const struct family_view *,
	     const struct id *,
	     int (*fn)(const struct referral_event *, void *), void *arg,
	     char **cause);

#endif
