/*
 * hlc.c owns this replica's hybrid logical clock: milliseconds of the wall
 * clock in the high 48 bits and a counter in the low 16, never going
 * backwards, so a laptop whose clock is wrong still orders its own changes.
 */
#include "store-private.h"
#include "oneteam/date.h"

/* The next clock value for an operation made here, saved in local. */
int
hlc_next(struct store *st, uint64_t *out, char **cause)
{
	struct query	*q;
	uint64_t	 last = 0, now;
	int		 rc;

	q = query_prepare(st, "SELECT hlc FROM local WHERE id = 1");
	if ((rc = query_step(q)) == 1)
		last = (uint64_t)query_int(q, 0);
	query_done(q);
	if (rc != 1)
		goto fail;
	now = (uint64_t)clock_now_ms() << 16;
	*out = now > last ? now : last + 1;
	q = query_prepare(st, "UPDATE local SET hlc = ? WHERE id = 1");
	query_bind_int(q, 1, (int64_t)*out);
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		goto fail;
	return 0;
fail:
	store_cause(st, cause);
	return -1;
}
