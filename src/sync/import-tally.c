/*
 * import-tally.c: what an import added to what a replica holds and does
 * not show (refused, held, kept for a newer oneteam) and to its conflicts
 * across records, counted before and after (import.c).
 */
#include <stdlib.h>

#include "sync-private.h"
#include "oneteam/conflict.h"

/* How many more there are now than there were. */
static uint64_t
import_more(int64_t now, int64_t was)
{
	return now > was ? (uint64_t)(now - was) : 0;
}

int
import_refusals(struct oneteam *ot, struct import_counts *c)
{
	struct query	*q;
	char		*cause = NULL;
	int		 rc;

	q = query_prepare(ot->st, "SELECT coalesce(sum(gate <> 1), 0), "
	    "coalesce(sum(gate = 1), 0) FROM refused");
	if ((rc = query_step(q)) == 1) {
		c->refused = query_int(q, 0);
		c->held = query_int(q, 1);
	}
	query_done(q);
	if (rc == 1 && store_later(ot->st, NULL, &c->later, &cause) != 0)
		rc = -1;
	if (rc == 1) {
		/* Contacts corrected apart are counted by those touched
		 * (import_touch()): all of them is a scan of every
		 * correction. */
		q = query_prepare(ot->st, "SELECT (SELECT count(*) FROM family "
		    "WHERE " CONFLICT_EPISODES ") + (SELECT count(*) FROM "
		    "referral INDEXED BY referral_clash WHERE " CONFLICT_MOVES
		    ")");
		if ((c->versions = query_count(q)) < 0)
			rc = -1;
	}
	free(cause);
	return rc == 1 ? 0 : -1;
}

/* What the import added to what is not shown, since was: refused, held,
 * kept for a newer oneteam, and (*versions) conflicts across records.
 * 0, or -1 for the database's failure. */
int
import_tally(struct oneteam *ot, const struct import_counts *was,
    struct sync_result *res, uint64_t *versions)
{
	struct import_counts	now;

	if (import_refusals(ot, &now) != 0)
		return -1;
	res->refused = import_more(now.refused, was->refused);
	res->unadmitted = import_more(now.held, was->held);
	res->later = import_more(now.later.n, was->later.n);
	*versions = import_more(now.versions, was->versions);
	return 0;
}

