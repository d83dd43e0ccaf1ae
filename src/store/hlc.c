/*
 * hlc.c owns this replica's hybrid logical clock: milliseconds of the wall
 * clock in the high 48 bits and a counter in the low 16, never going
 * backwards, so a laptop whose clock is wrong still orders its own changes.
 */
#include "store-private.h"
#include "oneteam/date.h"

/* The next clock value for an operation made here. */
int
hlc_next(struct store *st, uint64_t *out, char **cause)
{
	uint64_t	now;

	if (store_local_load(st, cause) != 0)
		return -1;
	now = (uint64_t)clock_now_ms() << 16;
	*out = now > st->hlc ? now : st->hlc + 1;
	st->hlc = *out;
	st->local_dirty = 1;
	return 0;
}
