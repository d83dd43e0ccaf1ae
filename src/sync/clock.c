/*
 * clock.c owns what this site knows of other sites' clocks: for each, how
 * far after this machine's clock its newest change was dated when it
 * arrived (and, for a bundle's sender, when the bundle was made). A change
 * cannot come from the future, so a site so measured more than
 * CLOCK_FAR_MS ahead has a clock far out, or this machine has; the import
 * says so and `peers` shows it. Nothing is held back for it: what a
 * replica shows depends only on the changes it holds.
 */
#include <stdlib.h>
#include <string.h>

#include "sync-private.h"
#include "oneteam/date.h"
#include "oneteam/xmalloc.h"

/* A change of op's origin was added by this import: note its clock. */
void
clock_arrived(struct trust_check *tc, const struct op *op, int64_t now)
{
	struct trust_origin	*o;
	int64_t			 ahead = hlc_ms(op->hlc) - now;

	if ((o = trust_find(tc, &op->origin)) == NULL)
		return;
	if (!o->timed || ahead > o->ahead) {
		o->ahead = ahead;
		o->timed = 1;
	}
}

static int
clock_keep(struct oneteam *ot, const struct id *site, int64_t ahead)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "INSERT OR REPLACE INTO clock (site, ahead, "
	    "at) VALUES (?1, ?2, ?3)");
	query_bind_id(q, 1, site);
	query_bind_int(q, 2, ahead);
	query_bind_int(q, 3, ot->now);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* The far-out site measured, for the import's summary (ties by name,
 * so that it does not turn on the order of random ids). */
static void
clock_far(struct oneteam *ot, struct sync_result *res, const struct id *site,
    int64_t ahead)
{
	char	*a, *b;
	int	 first = 0;

	if (ahead <= CLOCK_FAR_MS || ahead < res->ahead)
		return;
	if (ahead == res->ahead) {
		a = site_label(ot->st, site);
		b = site_label(ot->st, &res->ahead_site);
		first = strcmp(a, b) < 0;
		free(a);
		free(b);
		if (!first)
			return;
	}
	res->ahead = ahead;
	res->ahead_site = *site;
}

/*
 * At the end of an import: keep each site's measure, its sender's with
 * the bundle's own time, and name in *res the site most ahead.
 */
int
clock_note(struct oneteam *ot, const struct trust_check *tc,
    const struct bundle_head *h, struct sync_result *res, char **cause)
{
	const struct trust_origin	*o;
	int64_t				 ahead = h->created - ot->now;
	size_t				 i;

	for (i = 0; i < tc->n; i++) {
		o = &tc->o[i];
		if (!o->timed || id_cmp(&o->head->origin,
		    store_site(ot->st)) == 0)
			continue;
		if (id_cmp(&o->head->origin, &h->sender) == 0) {
			if (o->ahead > ahead)
				ahead = o->ahead;
			continue;
		}
		if (clock_keep(ot, &o->head->origin, o->ahead) != 0)
			return oneteam_db_fail(ot, cause);
		clock_far(ot, res, &o->head->origin, o->ahead);
	}
	if (id_cmp(&h->sender, store_site(ot->st)) != 0) {
		if (clock_keep(ot, &h->sender, ahead) != 0)
			return oneteam_db_fail(ot, cause);
		clock_far(ot, res, &h->sender, ahead);
	}
	return 0;
}

char *
sync_clock_word(struct oneteam *ot)
{
	struct query	*q;
	struct id	 site;
	char		 d[32], *name, *word = NULL, *cause = NULL;
	int64_t		 ahead = 0, behind;

	/* Ties by name, so every replica names the same site. */
	q = query_prepare(ot->st, "SELECT c.site, c.ahead FROM clock c LEFT "
	    "JOIN site s ON s.id = c.site WHERE c.ahead > ?1 ORDER BY c.ahead "
	    "DESC, s.name, c.site LIMIT 1");
	query_bind_int(q, 1, CLOCK_FAR_MS);
	if (query_step(q) == 1) {
		site = query_id(q, 0);
		ahead = query_int(q, 1);
	}
	query_done(q);
	if (ahead > 0) {
		duration_format(ahead, d, sizeof d);
		name = site_label(ot->st, &site);
		xasprintf(&word, "The newest changes of %s came dated %s after "
		    "this machine's clock: one of the two clocks is wrong.",
		    name, d);
		free(name);
	} else if (store_clock_ahead(ot->st, &behind, &cause) == 0 &&
	    behind > CLOCK_FAR_MS) {
		duration_format(behind, d, sizeof d);
		xasprintf(&word, "Changes held here are dated up to %s after "
		    "this machine's clock: if it is wrong, set it right.", d);
	}
	free(cause);
	return word;
}
