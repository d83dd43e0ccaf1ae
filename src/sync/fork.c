/*
 * fork.c owns the path back for this site when its history forked: a
 * bundle of the team was refused because the team holds other changes
 * under numbers this site used again (its database put back from a
 * backup with its mark, or copied to another machine), and the evidence
 * kept says from which number (trust.c). sync_recover() makes this
 * site's changes from there again under a new site id (store_recover()),
 * so that its bundles and the team's are taken again, and nothing it
 * recorded is lost.
 */
#include <stdlib.h>

#include "sync-private.h"

int
sync_recover(struct oneteam *ot, struct store_recovered *r, char **cause)
{
	struct query	*q;
	int64_t		 from = 0;
	int		 rc;

	q = query_prepare(ot->st, "SELECT min(seq) FROM evidence WHERE origin "
	    "= ?1");
	query_bind_id(q, 1, store_site(ot->st));
	if ((rc = query_step(q)) == 1 && !query_is_null(q, 0))
		from = query_int(q, 0);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (from < 1)
		return oneteam_refuse(ot, cause, "this site's history has not "
		    "forked: no bundle was refused here for changes of this "
		    "site numbered as others the team holds (import one from "
		    "the hub first)");
	if (store_recover(ot->st, (uint64_t)from, r, cause) != 0)
		return -1;
	return 0;
}
