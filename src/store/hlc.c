/*
 * hlc.c owns this replica's hybrid logical clock: milliseconds of the wall
 * clock in the high 48 bits and a counter in the low 16, never going
 * backwards, so a laptop whose clock is wrong still orders its own changes,
 * and past every change held, so a machine whose clock is far behind them
 * can be told.
 */
#include <stdlib.h>

#include "store-private.h"
#include "oneteam/date.h"
#include "oneteam/xmalloc.h"

/*
 * A change that arrives moves this replica's clock past it, so that a
 * change made here after it sorts after it even if this machine's clock
 * is behind: the rules of who may do what are decided in that order (a
 * member's new key, a promotion), and a change made here in view of one
 * must not be placed before it. (Bounding the drag would put a slow
 * site's changes before what it had seen, to be refused.) A clock far
 * out is told instead: hlc_check(), clock.c.
 */
void
hlc_seen(struct store *st, uint64_t hlc)
{
	if (hlc > st->hlc) {
		st->hlc = hlc;
		st->local_dirty = 1;
	}
}

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

int
store_clock_ahead(struct store *st, int64_t *ahead, char **cause)
{
	int	in_tx = st->in_tx;

	if (store_local_load(st, cause) != 0)
		return -1;
	*ahead = hlc_ms(st->hlc) - clock_now_ms();
	/* Outside a transaction, nothing loaded may be kept for later. */
	if (!in_tx)
		st->local_loaded = st->local_dirty = 0;
	return 0;
}

/*
 * Opened to write: is this machine's clock far behind the changes held
 * here (its own, made when the clock was ahead, or others')? Changes
 * made here are then dated after them, not by the clock: say so.
 */
int
hlc_check(struct store *st, char **cause)
{
	char	 was[32], now[32], *add, *old = st->notice;
	int64_t	 ahead;

	if (store_clock_ahead(st, &ahead, cause) != 0)
		return -1;
	if (ahead <= CLOCK_FAR_MS)
		return 0;
	time_format(clock_now_ms(), now, sizeof now);
	time_format(clock_now_ms() + ahead, was, sizeof was);
	xasprintf(&add, "this machine's clock reads %s, but changes held here "
	    "are dated up to %s: if its clock is wrong, set it right (changes "
	    "made here are dated after them until then)", now, was);
	if (old != NULL) {
		xasprintf(&st->notice, "%s; %s", old, add);
		free(old);
		free(add);
	} else
		st->notice = add;
	return 0;
}
