/*
 * Actions: who does what by when, as decided at a huddle or a team
 * around the family meeting. An action may be for a family or for none
 * (a huddle's own business); it is owned by a member of staff and done
 * once.
 */
#ifndef ONETEAM_ACTION_H
#define ONETEAM_ACTION_H

#include <stdint.h>

#include "oneteam/access.h"
#include "oneteam/oneteam.h"

struct action {
	struct id	 id;
	char		 ref[ID_REF_MAX];
	struct id	 family;	/* zero: for no family */
	char		 family_ref[ID_REF_MAX]; /* "" when none */
	char		*household;	/* "" when none */
	char		*what;
	struct id	 owner;
	char		*owner_name;
	char		*due;		/* ISO date, or NULL */
	int		 done;
	int64_t		 done_at;	/* 0 while open */
	char		*done_note;	/* what was done, or NULL */
	int		 withdrawn;	/* done as not to be done: why is
					   its done_note */
	int		 overdue;	/* open and past its due date */
	int64_t		 created;
	char		*raised_by;	/* who recorded it */
};

/* What a person gives to add an action; texts as typed, NULL if not given. */
struct action_new {
	const char	*what;		/* required */
	const char	*owner;		/* required: a member of staff */
	const char	*due;		/* a date, today or later */
	const char	*reason;	/* why, for a family outside one's
					 * work (access_need_write()) */
};

/* Which actions action_list() shows; the conditions combine. */
struct action_filter {
	const struct family_view *view;	/* of a family (access.h); NULL:
					   every family one sees, and none */
	const struct id	*owner;		/* NULL: anyone's */
	int		 all;		/* done ones too, after the open */
};

/* Add an action, for a family or none (NULL), in one transaction. */
int	 action_add(struct oneteam *, const struct id *family,
	     const struct action_new *, struct id *id, char **cause);
/* What a person says as they mark an action done: NULL if not given. */
struct action_finish {
	const char	*note;		/* what was done */
};

/* Mark an action done now, saying what was done (optional); refused
 * when it is done already. */
int	 action_done(struct oneteam *, const struct id *,
	     const struct action_finish *, char **cause);
/*
 * Withdraw an open action: done as not to be done (a huddle's decision
 * undone), why in its done note; refused once done. In the caller's
 * transaction, or one of its own.
 */
int	 action_withdraw(struct oneteam *, const struct id *, const char *why,
	     char **cause);
/*
 * Read one action of the family of a view (access.h); action_clear()
 * frees what it holds. An action of another family, or of none (the
 * team's), is refused, naming it.
 */
int	 action_get(struct oneteam *, const struct family_view *,
	     const struct id *, struct action *, char **cause);
void	 action_clear(struct action *);
/*
 * Call fn for the actions of a filter: open ones first, overdue first
 * and then by due date; done ones after, latest first. fn returns
 * non-zero to stop.
 */
int	 action_list(struct oneteam *, const struct action_filter *,
	     int (*fn)(const struct action *, void *), void *arg,
	     char **cause);

#endif
