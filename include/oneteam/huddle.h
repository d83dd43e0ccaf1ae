/*
 * The morning huddle's agenda: every family of the locality where
 * something changed or is slipping, built from the records, each family
 * once with all its reasons, grouped and ordered by urgency:
 *
 *   1 red flags raised since the last huddle, or still unacknowledged,
 *     most severe first, each with its agreed response;
 *   2 new referrals since the last huddle, and contacts of a concerning
 *     kind (a child not brought to an appointment);
 *   3 referrals waiting past their response date, longest first;
 *   4 families with needs across agencies (level 3 or more, or contacts
 *     from two agencies) and no lead professional;
 *   5 consent to share not recorded, refused or withdrawn, or due for
 *     review;
 *   6 reviews, actions and follow-ups overdue, by owner;
 *   7 conflicts from bundle exchange still to resolve.
 *
 * A family's place is its most urgent reason's group; within a group,
 * the most urgent first. "Since the last huddle" is since a given time;
 * until huddles are recorded, the default is the last three days.
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

struct huddle_reason {
	enum huddle_group	 group;
	int64_t			 rank;		/* within the group: lower first */
	char			*text;		/* the reason and its facts */
	char			*response;	/* the agreed response, or NULL */
	char			*owner;		/* whose it is, or NULL */
	char			 ref[ID_REF_MAX]; /* the record, or "" */
};

struct huddle_item {
	struct id		 family;
	char			 ref[ID_REF_MAX];
	char			*household;
	char			*lead;		/* NULL: none */
	enum huddle_group	 group;		/* of its most urgent reason */
	struct huddle_reason	*reasons;	/* most urgent first */
	size_t			 nreasons;
};

struct huddle_agenda {
	int64_t			 since;		/* ms */
	char			*locality;
	struct huddle_item	*items;		/* in agenda order */
	size_t			 nitems;
};

/*
 * Build the agenda for the locality named (NULL: that of who is at work,
 * else the configured one), with "new" meaning since since (ms; 0: three
 * days before ot->now). Returns -1 with *cause.
 */
int	 huddle_agenda(struct oneteam *, const char *locality, int64_t since,
	     struct huddle_agenda *, char **cause);
void	 huddle_agenda_free(struct huddle_agenda *);

#endif
