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
	free(cause);
	return rc == 1 ? 0 : -1;
}

/*
 * The families and referrals in conflict across records (episodes, moves),
 * noted before an import so that those it makes are counted, not the net
 * of those it makes and settles. Contacts corrected apart are counted by
 * those the import touches (import_touch()). 0, or -1.
 */
#define IMPORT_ACROSS "SELECT id FROM family WHERE " CONFLICT_EPISODES \
	" UNION ALL SELECT id FROM referral INDEXED BY referral_clash WHERE " \
	CONFLICT_MOVES

int
import_across_before(struct oneteam *ot)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "CREATE TEMP TABLE IF NOT EXISTS across "
	    "(id BLOB PRIMARY KEY) WITHOUT ROWID");
	rc = query_step(q);
	query_done(q);
	if (rc >= 0) {
		q = query_prepare(ot->st, "DELETE FROM temp.across");
		rc = query_step(q);
		query_done(q);
	}
	if (rc >= 0) {
		q = query_prepare(ot->st, "INSERT OR IGNORE INTO temp.across "
		    IMPORT_ACROSS);
		rc = query_step(q);
		query_done(q);
	}
	return rc < 0 ? -1 : 0;
}

static int64_t
import_across_new(struct oneteam *ot)
{
	struct query	*q;

	q = query_prepare(ot->st, "SELECT count(*) FROM (" IMPORT_ACROSS
	    ") WHERE id NOT IN (SELECT id FROM temp.across)");
	return query_count(q);
}

/* What the import added to what is not shown, since was: refused, held,
 * kept for a newer oneteam, and (*versions) conflicts across records
 * that were not before (import_across_before()). 0, or -1. */
int
import_tally(struct oneteam *ot, const struct import_counts *was,
    struct sync_result *res, uint64_t *versions)
{
	struct import_counts	now;
	int64_t			n;

	if (import_refusals(ot, &now) != 0 || (n = import_across_new(ot)) < 0)
		return -1;
	res->refused = import_more(now.refused, was->refused);
	res->unadmitted = import_more(now.held, was->held);
	res->later = import_more(now.later.n, was->later.n);
	*versions = (uint64_t)n;
	return 0;
}

