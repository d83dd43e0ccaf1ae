/*
 * hlc.c owns this replica's hybrid logical clock: milliseconds of the wall
 * clock in the high 48 bits and a counter in the low 16, never going
 * backwards, so a laptop whose clock is wrong still orders its own changes,
 * and past every change held; and tells a machine whose clock is behind.
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
	/* A change made again keeps its time (recover.c). */
	if (st->stamp != 0) {
		*out = st->stamp;
		return 0;
	}
	now = (uint64_t)clock_now_ms() << 16;
	*out = now > st->hlc ? now : st->hlc + 1;
	st->hlc = *out;
	st->local_dirty = 1;
	return 0;
}

/*
 * Opened to write: was every bundle imported lately made far after this
 * machine's clock, by its sender's (clock.c)? Then it is this machine's
 * clock that is out, most likely: say so.
 */
int
hlc_check(struct store *st, char **cause)
{
	struct query	*q;
	char		 d[32];
	int64_t		 n = 0, least = 0;
	int		 rc;

	q = query_prepare(st, "SELECT count(*), min(ahead) FROM clock");
	if ((rc = query_step(q)) == 1) {
		n = query_int(q, 0);
		least = query_int(q, 1);
	}
	query_done(q);
	if (rc < 0) {
		store_cause(st, cause);
		return -1;
	}
	if (n == 0 || least <= CLOCK_FAR_MS)
		return 0;
	duration_format(least, d, sizeof d);
	store_notice_add(st, "every bundle imported here lately was made at "
	    "least %s after this machine's clock says: if its clock is wrong, "
	    "set it right (changes made here are shown at the time it says)",
	    d);
	return 0;
}
