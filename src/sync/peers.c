/*
 * peers.c owns what this replica knows of the other sites: when each was
 * heard from, what each has said it holds and so lacks, finding one by
 * name, and the counts the title bar shows (changes held back, the last
 * exchange, a bundle seen before).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sync-private.h"
#include "oneteam/xmalloc.h"

/* How many changes this replica holds that site has not said it holds. */
static int
peer_behind(struct oneteam *ot, const struct id *site, uint64_t *holds,
    uint64_t *behind)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "SELECT coalesce((SELECT sum(seq) FROM "
	    "peer_has WHERE peer = ?1), 0), (SELECT count(*) FROM op o WHERE "
	    "o.seq > coalesce((SELECT seq FROM peer_has h WHERE h.peer = ?1 "
	    "AND h.origin = o.origin), 0))");
	query_bind_id(q, 1, site);
	if ((rc = query_step(q)) == 1) {
		*holds = (uint64_t)query_int(q, 0);
		*behind = (uint64_t)query_int(q, 1);
	}
	query_done(q);
	return rc < 0 ? -1 : 0;
}

int
sync_peers(struct oneteam *ot, int (*fn)(const struct peer *, void *),
    void *arg, char **cause)
{
	struct query	*q;
	struct peer	*v = NULL, me;
	uint8_t		 mine[32];
	const void	*d;
	size_t		 n = 0, i, dlen;
	int		 rc, stop = 0;

	memset(&me, 0, sizeof me);
	me.site = *store_site(ot->st);
	me.name = store_site_name(ot->st);
	me.self = 1;
	me.in_step = 1;
	if (sync_digest(ot, mine, cause) != 0)
		return -1;
	q = query_prepare(ot->st, "SELECT count(*) FROM op");
	me.holds = (uint64_t)query_count(q);
	q = query_prepare(ot->st, "SELECT p.site, coalesce(s.name, ''), "
	    "coalesce(p.heard, 0), coalesce(p.sent, 0), p.digest FROM peer p "
	    "LEFT JOIN site s ON s.id = p.site WHERE p.site <> ?1 ORDER BY "
	    "s.name, p.site");
	query_bind_id(q, 1, &me.site);
	while ((rc = query_step(q)) == 1) {
		v = xreallocarray(v, n + 1, sizeof *v);
		memset(&v[n], 0, sizeof v[n]);
		v[n].site = query_id(q, 0);
		v[n].name = query_text_dup(q, 1);
		v[n].heard = query_int(q, 2);
		v[n].sent = query_int(q, 3);
		/* In step: its last bundle held what this replica holds now. */
		d = query_blob(q, 4, &dlen);
		v[n].in_step = dlen == 32 && memcmp(d, mine, 32) == 0;
		n++;
	}
	query_done(q);
	for (i = 0; rc == 0 && i < n; i++)
		if (peer_behind(ot, &v[i].site, &v[i].holds,
		    &v[i].behind) != 0)
			rc = -1;
	if (rc == 0)
		stop = fn(&me, arg);
	for (i = 0; rc == 0 && !stop && i < n; i++)
		stop = fn(&v[i], arg);
	for (i = 0; i < n; i++)
		free((char *)v[i].name);
	free(v);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
sync_site_find(struct oneteam *ot, const char *text, struct id *out,
    char **cause)
{
	struct query	*q;
	struct id	 id;
	char		 b32[27];
	size_t		 len = strlen(text);
	int		 rc, found = 0;

	q = query_prepare(ot->st, "SELECT id, name FROM site UNION SELECT site, "
	    "NULL FROM peer");
	while ((rc = query_step(q)) == 1) {
		id = query_id(q, 0);
		id_base32(&id, b32);
		if ((query_text_or_null(q, 1) != NULL &&
		    strcasecmp(query_text(q, 1), text) == 0) ||
		    (len >= 4 && strncasecmp(b32, text, len) == 0)) {
			if (found && id_cmp(&id, out) != 0) {
				query_done(q);
				return oneteam_refuse(ot, cause, "more than one "
				    "site is \"%s\": give more of its "
				    "reference", text);
			}
			*out = id;
			found = 1;
		}
	}
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (!found) {
		oneteam_refuse_field(ot, cause, "full", "no site \"%s\" is "
		    "known here: see the peers, or send everything to a site "
		    "never heard from", text);
		store_set_fault(ot->st, STORE_ENOTFOUND);
		return -1;
	}
	return 0;
}

int
sync_quarantine_count(struct oneteam *ot, char **cause)
{
	struct query	*q;
	int64_t		 n;

	q = query_prepare(ot->st, "SELECT count(*) FROM quarantine");
	if ((n = query_count(q)) < 0)
		return oneteam_db_fail(ot, cause);
	return (int)n;
}

int64_t
sync_last_exchange(struct oneteam *ot)
{
	struct query	*q;

	q = query_prepare(ot->st, "SELECT coalesce(max(max(coalesce(heard, 0), "
	    "coalesce(sent, 0))), 0) FROM peer");
	return query_count(q);
}

int64_t
sync_bundle_seen(struct oneteam *ot, const struct id *bundle)
{
	struct query	*q;
	int64_t		 at = 0;

	q = query_prepare(ot->st, "SELECT imported FROM bundle_in WHERE "
	    "id = ?1");
	query_bind_id(q, 1, bundle);
	if (query_step(q) == 1)
		at = query_int(q, 0);
	query_done(q);
	return at;
}
