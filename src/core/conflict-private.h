/*
 * The conflicts of a rule across records, which no field's register
 * shows (conflict.h): each has its ways to stand, listed as the values of
 * a conflict, and keeping one is the change that makes it so. Owned by
 * the module of the rule; asked by the conflicts queue (conflict.c).
 */
#ifndef ONETEAM_CONFLICT_PRIVATE_H
#define ONETEAM_CONFLICT_PRIVATE_H

#include <stddef.h>

#include "oneteam/conflict.h"

/*
 * Who made value v and at which site, by name, from the ids of its author
 * and its site in columns col and col + 1 of q (conflict.c).
 */
void	conflict_value_by(struct oneteam *, struct conflict_value *v,
	    struct query *q, int col);

/*
 * A family whose episodes break the rule after changes made apart
 * (CONFLICT_EPISODES), episode.c: its two ways to stand, as values of a
 * conflict (*values, *n: the caller frees each text and the array); 1,
 * 0 when it is not here, -1. Keeping way take (from 1) brings family and
 * episodes together, inside the caller's transaction.
 */
int	family_episode_ways(struct oneteam *, const struct id *family,
	    struct conflict_value **values, size_t *n);
int	family_episode_keep(struct oneteam *, const struct id *family,
	    size_t take, char **cause);

/*
 * A referral moved apart at two sites so that its events make a move the
 * rule does not allow (CONFLICT_MOVES), referral.c: the statuses of the
 * moves that clash, newest first, each with the event that made it, as
 * values of a conflict (as above). Keeping one records an event of it
 * that settles the clash, inside the caller's transaction.
 */
int	referral_ways(struct oneteam *, const struct id *referral,
	    struct conflict_value **values, size_t *n);
int	referral_settle(struct oneteam *, const struct id *referral,
	    const char *status, char **cause);

#endif
