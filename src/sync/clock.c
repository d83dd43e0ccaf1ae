/*
 * clock.c owns what this site knows of other sites' clocks: for each site
 * it imported a bundle from, how far after this machine's clock that
 * bundle was made, by its sender's own clock. (Not its changes' dates:
 * those follow every change their site had seen, and a site that saw a
 * change of a clock far ahead dates its own after it, clock right or
 * not.) A bundle cannot be made after it arrives, so a sender so measured
 * more than CLOCK_FAR_MS ahead has a clock far out, or this machine has:
 * the import says so and `peers` shows it; when every sender measured is
 * ahead, it is this machine's clock, and opening the database says so
 * (hlc_check()). Nothing is held back for it: what a replica shows
 * depends only on the changes it holds.
 */
#include <stdlib.h>
#include <string.h>

#include "sync-private.h"
#include "oneteam/date.h"
#include "oneteam/xmalloc.h"

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

/* At the end of an import: keep its sender's measure, and name it in
 * *res when far ahead. */
int
clock_note(struct oneteam *ot, const struct bundle_head *h,
    struct sync_result *res, char **cause)
{
	int64_t	ahead = h->created - ot->now;

	if (id_cmp(&h->sender, store_site(ot->st)) == 0)
		return 0;
	if (clock_keep(ot, &h->sender, ahead) != 0)
		return oneteam_db_fail(ot, cause);
	if (ahead > CLOCK_FAR_MS) {
		res->ahead = ahead;
		res->ahead_site = h->sender;
	}
	return 0;
}

char *
sync_clock_word(struct oneteam *ot)
{
	struct query	*q;
	struct id	 site;
	char		 d[32], *name, *word = NULL;
	int64_t		 ahead = 0;

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
		xasprintf(&word, "The last bundle from %s was made %s after "
		    "this machine's clock: one of the two clocks is wrong.",
		    name, d);
		free(name);
	}
	return word;
}
