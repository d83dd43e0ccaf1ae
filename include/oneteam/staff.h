/*
 * Staff of the team and the localities they work in.
 */
#ifndef ONETEAM_STAFF_H
#define ONETEAM_STAFF_H

#include <stdint.h>

#include "oneteam/oneteam.h"

struct staff {
	struct id	 id;
	char		*name;
	char		*role;		/* code from the roles list */
	char		*agency;	/* code from the agencies list */
	struct id	 locality;
	char		*locality_name;
	int		 coordinator;
	int		 admin;		/* manages accounts */
	int		 active;
	struct id	 same_as;	/* merged into (staff_merge()); zero */
	char		*same_as_name;
};

struct staff_new {
	const char	*name;		/* required */
	const char	*role;		/* what a person typed: code or label */
	const char	*agency;
	const char	*locality;	/* name; NULL: the configured locality */
	int		 coordinator;
	int		 admin;		/* an administrator: manages accounts */
};

/*
 * Add a member of staff in one transaction; their id in *id. Only a
 * coordinator or an administrator adds one, and only an administrator
 * another administrator.
 */
int	 staff_add(struct oneteam *, const struct staff_new *, struct id *id,
	     char **cause);
/* The same inside a transaction the caller holds. */
int	 staff_add_managed_tx(struct oneteam *, const struct staff_new *,
	     struct id *id, char **cause);
/* Add whoever is at work or not: the first member of staff (init), the
 * demo's, inside the caller's transaction. */
int	 staff_add_tx(struct oneteam *, const struct staff_new *,
	     struct id *id, char **cause);
/*
 * Find an active member of staff by S- reference, full name (any case) or
 * an unambiguous start of their name or of a word of it.
 */
int	 staff_lookup(struct oneteam *, const char *text, struct id *,
	     char **cause);
/*
 * Find a member of staff to be given work (a lead, an action): as
 * staff_lookup() does, and an account named by reference that is
 * disabled or merged is refused, saying so (staff_refuse_ended()).
 */
int	 staff_lookup_open(struct oneteam *, const char *text, struct id *,
	     char **cause);
int	 staff_get(struct oneteam *, const struct id *, struct staff *,
	     char **cause);
/*
 * Is whoever is at work a coordinator? 1 or 0; -1 with *cause when
 * nobody is, or they cannot be read. What only coordinators do (a lead,
 * a step, closing, managing staff) asks this first.
 */
int	 staff_me_coordinator(struct oneteam *, char **cause);
/*
 * May whoever is at work manage accounts (add, disable, set another's
 * passphrase)? A coordinator or an administrator may. 1, 0 or -1.
 */
int	 staff_me_manager(struct oneteam *, char **cause);
/* Refuse ("only a coordinator or an administrator <what>") unless so. */
int	 staff_need_manager(struct oneteam *, const char *what, char **cause);
/*
 * Disable an account, in one transaction: it can no longer sign in or
 * be named for work; its records stay. Only a coordinator or an
 * administrator, and not their own.
 */
int	 staff_disable(struct oneteam *, const struct id *, char **cause);
/*
 * Merge dup, a member added twice, into kept, in one transaction (a
 * coordinator or an administrator; a coordinator when dup leads a
 * family, as the lead moves): dup's account ends as a disabled one does,
 * the families dup leads and the actions dup was given are kept's, and
 * whoever works as kept sees and is given what dup recorded (the core's
 * need to know counts both accounts, ACCESS_SELF). *families and
 * *actions: how many moved.
 */
int	 staff_merge(struct oneteam *, const struct id *dup,
	     const struct id *kept, int *families, int *actions,
	     char **cause);
/* Refuse, saying why s's account cannot be used: merged into another,
 * or disabled. -1. */
int	 staff_refuse_ended(struct oneteam *, const struct staff *,
	     char **cause);
void	 staff_clear(struct staff *);
/* Call fn for every member of staff, by name; fn returns non-zero to stop. */
int	 staff_list(struct oneteam *, int (*fn)(const struct staff *, void *),
	     void *arg, char **cause);

/*
 * The locality called name, created if the team has none of that name
 * (inside the caller's transaction).
 */
int	 locality_ensure(struct oneteam *, const char *name, struct id *,
	     char **cause);
/* Find a locality by name (any case); -1 with *cause if none. */
int	 locality_lookup(struct oneteam *, const char *name, struct id *,
	     char **cause);

#endif
