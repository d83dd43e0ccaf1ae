/*
 * fork.c owns the path back for this site when its history forked: a
 * bundle of the team was refused because the team holds other changes
 * under numbers this site used again (its database put back from a
 * backup with its mark, or copied to another machine), and the evidence
 * kept says from which number (trust.c). sync_recover() makes this
 * site's changes from there again under a new site id (store_recover()),
 * enters its trail again under it, and notes the recovery on the trail:
 * one transaction, after which its bundles and the team's are taken
 * again, and nothing it recorded is lost.
 */
#include <stdlib.h>
#include <string.h>

#include "sync-private.h"
#include "oneteam/audit.h"
#include "oneteam/xmalloc.h"

/*
 * Where this site's history forked: the first number the team holds
 * another change under, of this site's id or one it had before (a site
 * is its key: a database copied since took a new id with the same key).
 * *twin: every other history came straight from a site with this key (a
 * cloned twin's own bundle), so nothing says which the team holds.
 */
#define FORK_OURS "(SELECT k.origin FROM site_key k WHERE k.key = (SELECT " \
	"key FROM site_key WHERE origin = ?1))"

static int
fork_find(struct oneteam *ot, struct id *origin, int64_t *from, int *twin)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "SELECT e.origin, min(e.seq), min(e.sender "
	    "= e.origin OR e.sender IN " FORK_OURS ") FROM evidence e WHERE "
	    "(e.origin = ?1 OR e.origin IN " FORK_OURS ") AND e.mended IS "
	    "NULL GROUP BY e.origin ORDER BY e.origin = ?1 DESC, 2 LIMIT 1");
	query_bind_id(q, 1, store_site(ot->st));
	if ((rc = query_step(q)) == 1) {
		*origin = query_id(q, 0);
		*from = query_int(q, 1);
		*twin = query_int(q, 2) != 0;
	}
	query_done(q);
	return rc;
}

/* Do the two sites sign with one key (one machine, or a copy of it)? */
static int
fork_same_key(struct oneteam *ot, const struct id *a, const struct id *b)
{
	uint8_t	ka[SITE_KEY_LEN], kb[SITE_KEY_LEN];

	return trust_key_get(ot, a, ka) == 1 && trust_key_get(ot, b, kb) == 1 &&
	    sodium_memcmp(ka, kb, sizeof ka) == 0;
}

/*
 * Is there another change under op's (origin, sequence), logged or held
 * back? Two sites share a site id (a copied database): refuse the
 * bundle, or the held-back twin would block every import once released.
 */
int
fork_clone(struct oneteam *ot, const struct op *op, struct trust_fork *fk,
    char **cause)
{
	struct query	*q;
	const void	*p;
	char		 site[27];
	size_t		 n;
	int		 rc;

	q = query_prepare(ot->st, "SELECT id FROM op WHERE origin = ?1 AND "
	    "seq = ?2 AND id IS NOT ?3 UNION ALL SELECT op FROM quarantine "
	    "WHERE origin = ?1 AND seq = ?2 AND op IS NOT ?3 LIMIT 1");
	query_bind_id(q, 1, &op->origin);
	query_bind_int(q, 2, (int64_t)op->seq);
	query_bind_blob(q, 3, op->id.b, OP_ID_LEN);
	if ((rc = query_step(q)) == 1 && (p = query_blob(q, 0, &n)) != NULL &&
	    n == OP_ID_LEN) {
		/* Both kept as proof once this import is taken back. */
		memset(fk, 0, sizeof *fk);
		fk->found = 1;
		fk->origin = op->origin;
		fk->seq = op->seq;
		memcpy(fk->held.b, p, OP_ID_LEN);
		fk->other = op->id;
	}
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 0)
		return 0;
	id_base32(&op->origin, site);
	if (trust_ours(ot, &op->origin))
		return oneteam_refuse(ot, cause, "this site (%.8s) made its "
		    "changes from number %llu again after its database was "
		    "put back from a backup or copied, and the team holds "
		    "others under those numbers: oneteam site recover makes "
		    "this site's again under a new site id", site,
		    (unsigned long long)op->seq);
	return oneteam_refuse(ot, cause, "site %.8s made two different "
	    "changes numbered %llu: its database was copied or restored from "
	    "a backup (at that site, oneteam site recover mends it)", site,
	    (unsigned long long)op->seq);
}

/*
 * Is the change named let go of by its maker: made again by a site of
 * the same key as the one whose number it had (or by this site's own
 * recover, before remakings said so)? 1, 0, -1.
 */
static int
fork_disowned(struct oneteam *ot, const uint8_t id[OP_ID_LEN],
    const struct id *origin)
{
	struct query	*q;
	struct id	 by;
	int		 rc, null = 0;

	q = query_prepare(ot->st, "SELECT by FROM recovered WHERE op = ?1");
	query_bind_blob(q, 1, id, OP_ID_LEN);
	if ((rc = query_step(q)) == 1) {
		null = query_is_null(q, 0);
		by = query_id(q, 0);
	}
	query_done(q);
	if (rc != 1)
		return rc;
	return null || fork_same_key(ot, &by, origin);
}

int
fork_recovered(struct oneteam *ot, const struct fork_names *fn,
    const struct op *op)
{
	size_t	i;

	for (i = 0; fn != NULL && i < fn->n; i++)
		if (memcmp(fn->v[i].id.b, op->id.b, OP_ID_LEN) == 0 &&
		    fork_same_key(ot, &fn->v[i].by, &op->origin))
			return 1;
	return fork_disowned(ot, op->id.b, &op->origin);
}

/* The names of the authors whose keys are needed, for the refusal. */
static char *
fork_needed(struct oneteam *ot, const struct store_recovered *r)
{
	char	*names = NULL, *name, *t;
	size_t	 i;

	for (i = 0; i < r->nneed; i++) {
		name = oneteam_staff_name(ot, &r->need[i]);
		t = names;
		xasprintf(&names, "%s%s%s", t != NULL ? t : "", t != NULL ?
		    ", " : "", *name != '\0' ? name : "someone not known here");
		free(t);
		free(name);
	}
	return names;
}

/*
 * At an import: a bundle sent with the key of a site whose history forked
 * here, that holds this replica's history of it past the fork (the same
 * link at the number it says it holds), comes from that site after
 * site recover: the fork is mended, and no longer a problem. So it is
 * when the change of the other history that showed the fork here is
 * known let go of by its site, made again (a note of recover_note(),
 * from whichever site brought the making again).
 */
int
fork_mended(struct oneteam *ot, const struct bundle_head *h, char **cause)
{
	const struct bundle_has	*e;
	struct query		*q;
	struct op_id		 link;
	uint8_t			 key[SITE_KEY_LEN], sender[SITE_KEY_LEN];
	size_t			 i;
	int			 rc;

	q = query_prepare(ot->st, "UPDATE evidence SET mended = ?1 WHERE "
	    "mended IS NULL AND EXISTS (SELECT 1 FROM recovered r WHERE r.op = "
	    "evidence.other AND r.now IS NOT NULL)");
	query_bind_int(q, 1, ot->now);
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (trust_key_get(ot, &h->sender, sender) != 1)
		return 0;
	for (i = 0; i < h->nhas; i++) {
		e = &h->has[i];
		if (trust_key_get(ot, &e->origin, key) != 1 ||
		    memcmp(key, sender, sizeof key) != 0 ||
		    store_link(ot->st, &e->origin, e->seq, &link) != 1 ||
		    memcmp(link.b, e->link, OP_ID_LEN) != 0)
			continue;
		q = query_prepare(ot->st, "UPDATE evidence SET mended = ?3 "
		    "WHERE origin = ?1 AND seq <= ?2 AND mended IS NULL");
		query_bind_id(q, 1, &e->origin);
		query_bind_int(q, 2, (int64_t)e->seq);
		query_bind_int(q, 3, ot->now);
		rc = query_step(q);
		query_done(q);
		if (rc < 0)
			return oneteam_db_fail(ot, cause);
	}
	return 0;
}

/*
 * Make this site's changes from number from of origin (its id, or one it
 * had) again under a new id, its trail entered again, and the recovery
 * on the trail: in the transaction open. 0, or -1 with the refusal.
 */
static int
fork_remake(struct oneteam *ot, const struct id *origin, int64_t from,
    const char *again, struct store_recovered *r, char **cause)
{
	char	*names, detail[160], was[27];
	size_t	 i;

	if (store_recover(ot->st, origin, (uint64_t)from, r, cause) != 0) {
		if (r->nneed > 0) {
			free(*cause);
			names = fork_needed(ot, r);
			if (r->nneed == 1)
				oneteam_refuse(ot, cause, "changes made here "
				    "since the fork were signed by %s, and only "
				    "they can make them again: sign in as them "
				    "(or name them with --also, and they give "
				    "their passphrase) and %s", names, again);
			else
				oneteam_refuse(ot, cause, "changes made here "
				    "since the fork were signed by %s, and only "
				    "each can make theirs again: name each one "
				    "who is not signed in with --also (each gives "
				    "their passphrase) and %s", names, again);
			free(names);
		}
		return -1;
	}
	if (r->to < r->from)
		return oneteam_refuse(ot, cause, "none of this site's changes "
		    "from number %lld on are held here: nothing to make again",
		    (long long)from);
	for (i = 0; i < r->ntrail; i++)
		if (audit_record_again(ot, &r->trail[i], r, cause) != 0)
			return -1;
	id_base32(origin, was);
	snprintf(detail, sizeof detail, "changes %llu to %llu of site %.8s "
	    "made again: %llu, and %zu entries of the trail",
	    (unsigned long long)r->from, (unsigned long long)r->to, was,
	    (unsigned long long)r->made, r->ntrail);
	return audit_record(ot, AUDIT_SITE_RECOVER, NULL, detail, cause);
}

int
sync_recover(struct oneteam *ot, struct store_recovered *r, char **cause)
{
	struct id	 origin;
	int64_t		 from = 0;
	int		 rc, twin = 0;

	memset(r, 0, sizeof *r);
	if (store_begin(ot->st, cause) != 0)
		return -1;
	if ((rc = fork_find(ot, &origin, &from, &twin)) < 0) {
		oneteam_db_fail(ot, cause);
		goto fail;
	}
	if (rc == 0 || from < 1) {
		oneteam_refuse(ot, cause, "this site's history has not forked: "
		    "no bundle was refused here for changes of this site "
		    "numbered as others the team holds (import one from the "
		    "hub first)");
		goto fail;
	}
	/* Two machines with one id met straight: recover at the one the
	 * hub refuses, or this one's history, the team's, would be made
	 * again beside itself. */
	if (twin) {
		oneteam_refuse(ot, cause, "the other history of this site came "
		    "straight from a machine with this site's key (a copy of "
		    "it), not from the team: run site recover at the one whose "
		    "bundles the hub refuses, after importing the hub's bundle "
		    "there");
		goto fail;
	}
	if (fork_remake(ot, &origin, from, "run oneteam site recover again",
	    r, cause) != 0 ||
	    store_commit(ot->st, cause) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(ot->st);
	return -1;
}

/* --- copies let go of by their makers ---------------------------------- */

void
fork_names_add(struct fork_names *fn, const struct op *op)
{
	struct fork_named	*e;
	size_t			 i;

	if (!op->remade)
		return;
	/* The one it makes again, and those that one made again before. */
	fn->v = xreallocarray(fn->v, fn->n + 1 + op->nbefore, sizeof *fn->v);
	e = &fn->v[fn->n++];
	e->origin = op->remakes_origin;
	e->seq = op->remakes_seq;
	e->id = op->remakes;
	e->by = op->origin;
	for (i = 0; i < op->nbefore; i++) {
		e = &fn->v[fn->n++];
		e->origin = op->before[i].origin;
		e->seq = op->before[i].seq;
		e->id = op->before[i].id;
		e->by = op->origin;
	}
}

void
fork_names_free(struct fork_names *fn)
{
	free(fn->v);
	memset(fn, 0, sizeof *fn);
}

/* Is the named change held here, made again by a site of its key? One
 * of an id this site had before may be: it made it again, then was put
 * back from a backup that still held it. */
static int
fork_named_held(struct oneteam *ot, const struct fork_named *e)
{
	struct query	*q;
	int		 rc;

	if (id_cmp(&e->origin, store_site(ot->st)) == 0 ||
	    !fork_same_key(ot, &e->by, &e->origin))
		return 0;
	q = query_prepare(ot->st, "SELECT 1 FROM op WHERE origin = ?1 AND "
	    "seq = ?2 AND id = ?3");
	query_bind_id(q, 1, &e->origin);
	query_bind_int(q, 2, (int64_t)e->seq);
	query_bind_blob(q, 3, e->id.b, OP_ID_LEN);
	rc = query_step(q);
	query_done(q);
	return rc;
}

/* Let go of origin's changes here from number from on, say so. */
static int
fork_let_go_one(struct oneteam *ot, const struct fork_named *e,
    uint64_t from, uint64_t to, struct sync_result *res, uint64_t *own_from,
    char **cause)
{
	struct query	*q;
	uint64_t	 n = 0;
	char		 detail[160], was[27], by[27];
	size_t		 i;
	int		 rc;

	if (store_let_go(ot->st, &e->origin, from, to, own_from, &n,
	    cause) != 0)
		return -1;
	q = query_prepare(ot->st, "UPDATE evidence SET mended = ?2 WHERE "
	    "origin = ?1 AND mended IS NULL");
	query_bind_id(q, 1, &e->origin);
	query_bind_int(q, 2, ot->now);
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	/* The sites, the first few named; more: one past them. */
	for (i = 0; i < res->nlet_go_of && i < SYNC_LET_GO_SITES; i++)
		if (id_cmp(&res->let_go_of[i], &e->origin) == 0)
			break;
	if (n > 0 && i == res->nlet_go_of && i < SYNC_LET_GO_SITES) {
		res->let_go_of[i] = e->origin;
		res->nlet_go_of++;
	} else if (n > 0 && i == SYNC_LET_GO_SITES)
		res->nlet_go_of = SYNC_LET_GO_SITES + 1;
	res->let_go += n;
	id_base32(&e->origin, was);
	id_base32(&e->by, by);
	snprintf(detail, sizeof detail, "copies of changes %llu to %llu of "
	    "site %.8s let go of: that site made them again as site %.8s",
	    (unsigned long long)from, (unsigned long long)(from + n - 1), was,
	    by);
	return audit_record(ot, AUDIT_SITE_RECOVER, NULL, detail, cause);
}

/*
 * Copies held here of changes already known to be let go of (their
 * making again came before them, or in the same bundle as they did, at
 * a release before): let go of too.
 */
static int
fork_let_go_held(struct oneteam *ot, struct sync_result *res,
    uint64_t *own_from, char **cause)
{
	struct query		*q;
	struct fork_named	*v = NULL;
	uint64_t		*to = NULL;
	size_t			 n = 0, i;
	int			 rc;

	/* From the few noted to the log, never the other way round. */
	q = query_prepare(ot->st, "SELECT r.origin, min(r.seq), max(r.seq), "
	    "min(r.by) FROM recovered r CROSS JOIN op o ON o.origin = "
	    "r.origin AND o.seq = r.seq AND o.id = r.op WHERE r.now IS NOT "
	    "NULL GROUP BY r.origin");
	while ((rc = query_step(q)) == 1) {
		v = xreallocarray(v, n + 1, sizeof *v);
		to = xreallocarray(to, n + 1, sizeof *to);
		memset(&v[n], 0, sizeof v[n]);
		v[n].origin = query_id(q, 0);
		v[n].seq = (uint64_t)query_int(q, 1);
		to[n] = (uint64_t)query_int(q, 2);
		v[n++].by = query_id(q, 3);
	}
	query_done(q);
	for (i = 0; rc == 0 && i < n; i++)
		if (id_cmp(&v[i].origin, store_site(ot->st)) != 0 &&
		    fork_same_key(ot, &v[i].by, &v[i].origin) &&
		    fork_let_go_one(ot, &v[i], v[i].seq, to[i], res, own_from,
		    cause) != 0)
			rc = -2;
	free(v);
	free(to);
	if (rc == -1)
		return oneteam_db_fail(ot, cause);
	return rc < 0 ? -1 : 0;
}

int
fork_let_go(struct oneteam *ot, const struct fork_names *fn,
    struct sync_result *res, uint64_t *own_from, char **cause)
{
	size_t		 i, j;
	uint64_t	 from, to;
	int		 rc;

	*own_from = 0;
	for (i = 0; i < fn->n; i++) {
		if ((rc = fork_named_held(ot, &fn->v[i])) < 0)
			return oneteam_db_fail(ot, cause);
		if (rc == 0)
			continue;
		/* The first of its site's named that is held here: what
		 * follows it of that site here is that history too. */
		from = to = fn->v[i].seq;
		for (j = i + 1; j < fn->n; j++)
			if (id_cmp(&fn->v[j].origin, &fn->v[i].origin) == 0 &&
			    (fn->v[j].seq < from || fn->v[j].seq > to) &&
			    fork_named_held(ot, &fn->v[j]) == 1) {
				if (fn->v[j].seq < from)
					from = fn->v[j].seq;
				else
					to = fn->v[j].seq;
			}
		if (fork_let_go_one(ot, &fn->v[i], from, to, res, own_from,
		    cause) != 0)
			return -1;
	}
	return fork_let_go_held(ot, res, own_from, cause);
}

int
fork_remake_own(struct oneteam *ot, uint64_t from, struct sync_result *res,
    char **cause)
{
	struct store_recovered	 r;
	struct id		 site = *store_site(ot->st);
	size_t			 i;
	int			 rc;

	rc = fork_remake(ot, &site, (int64_t)from, "import this bundle again",
	    &r, cause);
	if (rc == 0) {
		res->remade = r.made;
		res->remade_stale = r.stale;
		for (i = 0; i < r.nrepass && i < SYNC_LET_GO_SITES; i++)
			res->repass[res->nrepass++] = r.repass[i];
	}
	store_recovered_free(&r);
	return rc;
}
