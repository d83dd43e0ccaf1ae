/*
 * The core's own of families and their episodes: what family.c and
 * episode.c, and the conflicts queue (conflict.c), ask of each other.
 */
#ifndef ONETEAM_FAMILY_PRIVATE_H
#define ONETEAM_FAMILY_PRIVATE_H

#include <stddef.h>

#include "read-private.h"
#include "oneteam/conflict.h"

/*
 * The one rule of episodes (kinds.h KINDS_EPISODES_WANTED): bring the
 * family's episodes to what its status and level now are, closing what
 * is open for end_reason (NULL: the reason its last episode closed for;
 * a family at level 4, "stepped_up") or opening one for open_reason.
 * Inside the caller's transaction.
 */
int	family_settle(struct oneteam *, const struct id *family,
	    const char *end_reason, const char *open_reason, char **cause);
/* Record a step of fam's level to to, for reason, and settle. */
int	family_step(struct oneteam *, const struct family *fam, int to,
	    const char *reason, char **cause);
#endif
