/*
 * import.c owns reading a bundle in, all or nothing. A change is applied
 * whatever its clock (clock.c tells of clocks far out).
 *
 * An import reads the bundle twice. The first pass authenticates every
 * part and checks every change's form and id, writing nothing; the second
 * applies the changes in one transaction, verbatim, with their own
 * origins (a hub relays, it never re-records), and the import's entry on
 * the audit trail. A change arriving twice is held already and changes
 * nothing; a change whose record has not arrived waits in the fold until
 * it does.
 */
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "sync-private.h"
#include "oneteam/audit.h"
#include "oneteam/conflict.h"
#include "oneteam/date.h"
#include "oneteam/xmalloc.h"

/* Is this bundle for this team, and will the disk hold it? */
/* Was the team key of id this site's before (team rekey)? */
static int
import_key_old(struct oneteam *ot, const uint8_t id[32])
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "SELECT 1 FROM team_key_old WHERE key_id = "
	    "?1");
	query_bind_blob(q, 1, id, 32);
	rc = query_step(q);
	query_done(q);
	return rc == 1;
}

int
import_fits(struct oneteam *ot, const struct team_info *ti,
    const struct bundle_reader *r, char **cause)
{
	struct statvfs	 vfs;
	char		 a[27], b[27], *dir;
	uint64_t	 avail;

	if (id_cmp(&r->h.team, &ti->team) != 0 &&
	    sodium_memcmp(r->h.key_id, ti->key_id, sizeof ti->key_id) == 0)
		return oneteam_refuse(ot, cause, "%s is damaged or was altered: "
		    "its team id was changed", r->path);
	if (id_cmp(&r->h.team, &ti->team) != 0) {
		id_base32(&r->h.team, a);
		id_base32(&ti->team, b);
		return oneteam_refuse(ot, cause, "%s belongs to another team "
		    "(team %s; this site is in team %s)", r->path, a, b);
	}
	if (sodium_memcmp(r->h.key_id, ti->key_id, sizeof ti->key_id) != 0 &&
	    import_key_old(ot, r->h.key_id))
		return oneteam_refuse(ot, cause, "%s is sealed with the "
		    "team's old key, which this site replaced with a new one: "
		    "refused (the site that made it takes the new key with "
		    "oneteam team join and a bundle of this site's)", r->path);
	if (sodium_memcmp(r->h.key_id, ti->key_id, sizeof ti->key_id) != 0)
		return oneteam_refuse(ot, cause, "%s is sealed with another "
		    "key than this site's: it was altered or made with a wrong "
		    "passphrase, or the team has a new key (take it with "
		    "oneteam team join %s and the new passphrase)", r->path,
		    r->path);
	dir = xstrdup(ot->cfg.db_path);
	if (statvfs(dirname(dir), &vfs) == 0) {
		avail = (uint64_t)vfs.f_bavail * vfs.f_frsize;
		/* The changes take about as much room again in the tables. */
		if (r->h.size > avail / 2) {
			free(dir);
			store_set_fault(ot->st, STORE_EFULL);
			xasprintf(cause, "%s is too big for the disk holding the "
			    "database (%llu MB; %llu MB free): make room first",
			    r->path, (unsigned long long)(r->h.size >> 20),
			    (unsigned long long)(avail >> 20));
			return -1;
		}
	}
	free(dir);
	return 0;
}

/* The head the bundle gave the forked site, kept with the fork. */
static void
import_fork_head(struct trust_fork *fk, struct trust_check *tc,
    const struct bundle_head *h)
{
	struct trust_origin	*o;

	if ((o = trust_find(tc, &fk->origin)) == NULL)
		return;
	fk->head = *o->head;
	fk->head.name = NULL;
	fk->has_head = 1;
	fk->bundle = h->bundle;
	fk->sender = h->sender;
}

/*
 * Once the first part has vouched for the header (a header changed is
 * damage, told as such): its heads, each signed by its site's key, and
 * the header signed by the site it names as its sender, so that what it
 * says of the sender (its id, the names, what it holds) is the sender's
 * word, not any holder's of the team key.
 */
static int
import_vouch(struct oneteam *ot, const struct bundle_reader *r,
    const char *path, struct trust_check *tc, char **cause)
{
	const struct bundle_has	*e;

	if (trust_check_start(ot, &r->h, path, tc, cause) != 0)
		return -1;
	if (bundle_read_sender(r, &e) != 0)
		return oneteam_refuse(ot, cause, "%s was not signed by the site "
		    "it names as its sender: it was forged or altered", path);
	return 0;
}

/* The first pass: every part authenticated, every change well formed,
 * its id its content's, and in its origin's chain up to a head the
 * origin signed (trust.c). Nothing is written. each, if not NULL, is
 * shown each change checked, and whether the import would take it (not:
 * its site's changes before are not here, or it was relayed forged). */
int
import_check(struct oneteam *ot, const char *path, const uint8_t *key,
    const struct sync_progress *p, struct fork_names *fn,
    void (*each)(const struct op *, int, void *), void *arg, char **cause)
{
	struct trust_check	 tc;
	struct bundle_reader	 r;
	struct op_id		 id;
	struct op		 op;
	const uint8_t		*enc;
	size_t			 len;
	char			*why = NULL;
	int			 rc;

	memset(&tc, 0, sizeof tc);
	if (bundle_read_open(&r, path, cause) != 0 ||
	    bundle_read_start(&r, key, cause) != 0) {
		bundle_read_close(&r);
		return -1;
	}
	while ((rc = bundle_read_record(&r, &id, &enc, &len, cause)) == 1) {
		if (r.records == 1 && (rc = import_vouch(ot, &r, path, &tc,
		    cause)) != 0)
			break;
		tc.first_pass = 1;
		if (op_decode(enc, len, &op, &why) != 0) {
			xasprintf(cause, "%s is damaged: change %llu is not "
			    "well formed (%s)", path,
			    (unsigned long long)r.records, why);
			free(why);
			rc = -1;
			break;
		}
		if (memcmp(op.id.b, id.b, OP_ID_LEN) != 0) {
			xasprintf(cause, "%s is damaged: change %llu's id does "
			    "not match its content", path,
			    (unsigned long long)r.records);
			op_free(&op);
			rc = -1;
			break;
		}
		rc = trust_check_op(ot, &tc, &op, cause);
		fork_names_add(fn, &op);
		if (rc == 0 && each != NULL)
			each(&op, !trust_skip(&tc, &op) && !trust_forged(&tc,
			    &op), arg);
		op_free(&op);
		if (rc != 0)
			break;
		rc = 1;
		sync_tell(p, "checking", r.records, r.h.changes);
	}
	if (rc == 0 && r.records == 0)
		rc = import_vouch(ot, &r, path, &tc, cause);
	if (rc == 0)
		rc = trust_check_end(ot, &tc, cause);
	trust_check_free(&tc);
	bundle_read_close(&r);
	if (rc < 0 && store_fault(ot->st) == STORE_OK)
		store_set_fault(ot->st, STORE_EINPUT);
	return rc;
}

/*
 * Note a field's heads before a set reaches it, to count new conflicts;
 * and a contact's current versions before a correction of it (its field
 * "#versions"), so that only the contacts a bundle touches are counted.
 */
static int
import_touch(struct oneteam *ot, const struct op *op)
{
	struct query	*q;
	size_t		 i;
	int		 rc;

	if (op->kind == OP_SET)
		q = query_prepare(ot->st, "INSERT OR IGNORE INTO temp.touched "
		    "(entity, field, heads) SELECT ?1, ?2, " CONFLICT_VALUES
		    " FROM reg WHERE entity = ?1 AND field = ?2");
	else {
		for (i = 0; i < op->nfields; i++)
			if (strcmp(op->fields[i].name, "contact") == 0 &&
			    op->fields[i].v.type == VAL_ID)
				break;
		if (strcmp(op->etype, "contact") != 0 || i == op->nfields)
			return 0;
		q = query_prepare(ot->st, "INSERT OR IGNORE INTO temp.touched "
		    "(entity, field, heads) SELECT ?1, '#versions', count(*) "
		    "FROM contact WHERE contact = ?1 AND current AND corrects "
		    "IS NOT NULL");
		query_bind_id(q, 1, &op->fields[i].v.id);
		rc = query_step(q);
		query_done(q);
		return rc < 0 ? -1 : 0;
	}
	query_bind_id(q, 1, &op->entity);
	query_bind_text(q, 2, op->field);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? -1 : 0;
}

static int
import_exec(struct oneteam *ot, const char *sql)
{
	struct query	*q = query_prepare(ot->st, sql);
	int		 rc = query_step(q);

	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* Does this replica hold the change of origin numbered seq? */
int
import_held(struct oneteam *ot, const struct op *op)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "SELECT 1 FROM op WHERE origin = ?1 AND "
	    "seq = ?2");
	query_bind_id(q, 1, &op->origin);
	query_bind_int(q, 2, (int64_t)op->seq);
	rc = query_step(q);
	query_done(q);
	return rc;
}


/* Apply one change from a bundle; counts in *res.
 * deferred: conflicts are counted for the whole database, not by field. */
static int
import_one(struct oneteam *ot, struct op *op, int deferred,
    const struct fork_names *fn, struct sync_result *res,
    struct trust_fork *fk, char **cause)
{
	int	rc;

	/* The history this site took out and made again: left out, and
	 * said; the team holds the one this site kept. */
	if ((rc = fork_recovered(ot, fn, op)) != 0) {
		if (rc < 0)
			return oneteam_db_fail(ot, cause);
		res->recovered++;
		return 0;
	}
	if (fork_clone(ot, op, fk, cause) != 0)
		return -1;
	if (store_op_valid(ot->st, op, cause) != 0) {
		store_set_fault(ot->st, STORE_EINPUT);
		return -1;
	}
	if (op->made > store_generation(ot->st) && op->made > res->later_made)
		res->later_made = op->made;
	/*
	 * A change of this site's own that it does not hold: this database
	 * was put back from a backup (its file the same), and its numbers
	 * from here on are used already. It takes a new site id first.
	 */
	if (id_cmp(&op->origin, store_site(ot->st)) == 0) {
		if ((rc = import_held(ot, op)) < 0)
			return oneteam_db_fail(ot, cause);
		if (rc == 0) {
			if (store_new_site(ot->st, cause) != 0)
				return -1;
			res->new_site = 1;
		}
	}
	if (!deferred && import_touch(ot, op) != 0)
		return oneteam_db_fail(ot, cause);
	if ((rc = store_apply_op(ot->st, op, cause)) < 0)
		return -1;
	if (rc == 1) {
		res->added++;
		if (strcmp(op->etype, "audit") == 0)
			res->trail++;
	} else
		res->held++;
	return 0;
}

/*
 * Apply what an older oneteam held back for a clock more than a day
 * ahead: nothing is held back for its clock any more.
 */
static int
import_release(struct oneteam *ot, struct sync_result *res, char **cause)
{
	struct query	*q;
	struct op	 op;
	const void	*enc;
	size_t		 len;
	int		 rc;

	q = query_prepare(ot->st, "SELECT enc FROM quarantine ORDER BY origin, "
	    "seq");
	while ((rc = query_step(q)) == 1) {
		enc = query_blob(q, 0, &len);
		if (op_decode(enc, len, &op, cause) != 0) {
			rc = -1;
			break;
		}
		rc = store_apply_op(ot->st, &op, cause);
		if (rc < 0) {
			char	 site[27], *c = *cause;

			id_base32(&op.origin, site);
			xasprintf(cause, "a change held back (site %.8s, number "
			    "%llu) cannot be applied: %s",
			    site, (unsigned long long)op.seq, c);
			free(c);
		}
		op_free(&op);
		if (rc < 0)
			break;
		res->added += (uint64_t)rc;
	}
	query_done(q);
	if (rc < 0) {
		if (*cause == NULL)
			oneteam_db_fail(ot, cause);
		return -1;
	}
	q = query_prepare(ot->st, "DELETE FROM quarantine");
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

/* Does e, a head this site's key signed, claim a change that this site
 * holds as another (its link differs)? 1, 0, -1. (A claim not signed
 * carries no link to go by: a team's from before chains.) */
static int
import_claim_forked(struct oneteam *ot, const struct bundle_has *e)
{
	struct op_id	link;
	int		rc;

	if (!e->is_signed || !trust_ours(ot, &e->origin))
		return 0;
	if ((rc = store_link(ot->st, &e->origin, e->seq, &link)) != 1)
		return rc < 0 ? -1 : 0;
	return memcmp(link.b, e->link, OP_ID_LEN) != 0;
}

/*
 * Remember the sender: its name, the names it knows, what it holds. Of
 * former, an id this site had until this import found it put back from a
 * backup (NULL: none), the sender's claim is not taken: what this site
 * made under it since the backup is sent again, so that the team, which
 * holds other changes under those numbers, sees the fork and gives the
 * evidence that site recover needs.
 */
static int
import_peer(struct oneteam *ot, const struct bundle_head *h,
    const struct id *former)
{
	struct query	*q;
	uint8_t		 mine[32];
	char		*cause = NULL;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < h->nhas && rc >= 0; i++) {
		/* Another site's name as the sender knows it, only until
		 * that site's own bundle names it. */
		if (*h->has[i].name != '\0' &&
		    id_cmp(&h->has[i].origin, store_site(ot->st)) != 0) {
			q = query_prepare(ot->st, "INSERT INTO site (id, name) "
			    "VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING");
			query_bind_id(q, 1, &h->has[i].origin);
			query_bind_text(q, 2, h->has[i].name);
			rc = query_step(q);
			query_done(q);
		}
		if (rc < 0)
			break;
		if (former != NULL && id_cmp(&h->has[i].origin, former) == 0)
			continue;
		/* Its claim to hold this site's own changes to a number under
		 * which this site made another (put back with its mark, it
		 * made them again): not taken, so that the next bundle sends
		 * them again and the sender sees the fork. */
		if ((rc = import_claim_forked(ot, &h->has[i])) != 0) {
			rc = rc < 0 ? -1 : 0;
			if (rc < 0)
				break;
			continue;
		}
		/* The greatest heard (bundles come out of order), but
		 * less where the sender let go of copies past it. */
		q = query_prepare(ot->st, "INSERT INTO peer_has (peer, origin, "
		    "seq) VALUES (?1, ?2, ?3) ON CONFLICT (peer, origin) DO "
		    "UPDATE SET seq = CASE WHEN EXISTS (SELECT 1 FROM recovered "
		    "r WHERE r.origin = ?2 AND r.seq > ?3 AND r.now IS NOT "
		    "NULL) THEN excluded.seq ELSE max(seq, excluded.seq) END");
		query_bind_id(q, 1, &h->sender);
		query_bind_id(q, 2, &h->has[i].origin);
		query_bind_int(q, 3, (int64_t)h->has[i].seq);
		rc = query_step(q);
		query_done(q);
	}
	if (rc < 0)
		return -1;
	q = query_prepare(ot->st, "INSERT INTO site (id, name) VALUES (?1, ?2) "
	    "ON CONFLICT (id) DO UPDATE SET name = excluded.name");
	query_bind_id(q, 1, &h->sender);
	query_bind_text(q, 2, h->sender_name);
	rc = query_step(q);
	query_done(q);
	if (rc < 0 || store_digest(ot->st, mine, &cause) != 0) {
		free(cause);
		return -1;
	}
	q = query_prepare(ot->st, "INSERT INTO peer (site, heard, digest, "
	    "in_step) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (site) DO UPDATE SET "
	    "heard = excluded.heard, digest = excluded.digest, in_step = "
	    "excluded.in_step");
	query_bind_id(q, 1, &h->sender);
	query_bind_int(q, 2, ot->now);
	query_bind_blob(q, 3, h->digest, sizeof h->digest);
	query_bind_int(q, 4, memcmp(mine, h->digest, 32) == 0);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* Does the bundle hold more changes than this site (and many)? */
static int
import_is_big(struct oneteam *ot, const struct bundle_head *h)
{
	struct query	*q;
	int64_t		 held;

	if (h->changes < 10000)
		return 0;
	q = query_prepare(ot->st, "SELECT count(*) FROM op");
	if ((held = query_count(q)) < 0)
		return -1;
	return h->changes > (uint64_t)held;
}

/*
 * The sender says it holds changes of this site numbered beyond any made
 * here: this database was put back from a backup, and those numbers are
 * used. It takes a new site id before applying anything (and then holds
 * the old id's changes as another site's).
 */
static int
import_restored(struct oneteam *ot, const struct bundle_head *h,
    struct trust_check *tc, struct sync_result *res, char **cause)
{
	struct query		*q;
	struct trust_origin	*o;
	int64_t			 next;
	size_t			 i;

	q = query_prepare(ot->st, "SELECT next_seq FROM local WHERE id = 1");
	if ((next = query_count(q)) < 0)
		return oneteam_db_fail(ot, cause);
	/* Only this site's own signed head says so (its key is known here:
	 * trust_check_start() refused any other, or left out one relayed
	 * under another key, a claim in its name). */
	for (i = 0; i < h->nhas; i++)
		if (id_cmp(&h->has[i].origin, store_site(ot->st)) == 0 &&
		    h->has[i].is_signed && h->has[i].seq >= (uint64_t)next &&
		    ((o = trust_find(tc, &h->has[i].origin)) == NULL ||
		    !o->forged)) {
			if (store_new_site(ot->st, cause) != 0)
				return -1;
			res->new_site = 1;
			break;
		}
	return 0;
}

/*
 * Once a bundle's changes are in: the conflicts that arose, the bundle
 * as imported, and the import on the audit trail, in its transaction.
 */
static int
import_note(struct oneteam *ot, const char *path, const struct bundle_head *h,
    int deferred, struct sync_result *res, char **cause)
{
	struct query	*q;
	int		 rc;

	if (deferred) {
		int	n = conflict_count(ot, cause);

		if (n < 0)
			return -1;
		res->conflicts = (uint64_t)n > res->conflicts ?
		    (uint64_t)n - res->conflicts : 0;
	} else {
		q = query_prepare(ot->st, "SELECT count(*) FROM temp.touched t "
		    "WHERE t.heads <= 1 AND (SELECT " CONFLICT_VALUES " FROM "
		    "reg WHERE entity = t.entity AND field = t.field) > 1");
		res->conflicts = (uint64_t)query_count(q);
		q = query_prepare(ot->st, "SELECT count(*) FROM temp.touched t "
		    "WHERE t.field = '#versions' AND t.heads <= 1 AND (SELECT "
		    "count(*) FROM contact WHERE contact = t.entity AND current "
		    "AND corrects IS NOT NULL) > 1");
		res->conflicts += (uint64_t)query_count(q);
	}
	q = query_prepare(ot->st, "INSERT OR IGNORE INTO bundle_in (id, sender, "
	    "imported, changes, added) VALUES (?1, ?2, ?3, ?4, ?5)");
	query_bind_id(q, 1, &h->bundle);
	query_bind_id(q, 2, &h->sender);
	query_bind_int(q, 3, ot->now);
	query_bind_int(q, 4, (int64_t)res->changes);
	query_bind_int(q, 5, (int64_t)res->added);
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	/*
	 * On the trail, unless all it brought was other sites' entries of
	 * the trail: else two sites would never be in step, each import
	 * making an entry for the other to import. Changes held back are
	 * not brought yet: the import that lets them in is entered.
	 */
	if (res->added > res->trail)
		return sync_trail(ot, AUDIT_BUNDLE_IMPORT, path, &h->bundle,
		    res->changes, &res->added, cause);
	return 0;
}

/*
 * One change of the bundle r, its id and encoding as read: checked
 * against the bundle's trust, left out (forged) or not taken (beyond a
 * gap), or applied. 0, or -1 with *cause naming the file and change.
 */
static int
import_record(struct oneteam *ot, const struct bundle_reader *r,
    struct trust_check *tc, const struct op_id *id, const uint8_t *enc,
    size_t len, int deferred, const struct fork_names *fn,
    struct sync_result *res, struct trust_fork *fk, char **cause)
{
	struct op	 op;
	char		*c;
	int		 rc;

	if (op_decode(enc, len, &op, cause) != 0)
		return -1;
	if (memcmp(op.id.b, id->b, OP_ID_LEN) != 0 ||
	    trust_check_op(ot, tc, &op, cause) != 0) {
		op_free(&op);
		if (*cause == NULL)
			xasprintf(cause, "%s changed while it was imported",
			    r->path);
		return -1;
	}
	if (trust_forged(tc, &op))
		res->forged++;
	else if (trust_skip(tc, &op))
		res->skipped++;
	else if ((rc = import_one(ot, &op, deferred, fn, res, fk,
	    cause)) != 0) {
		if (fk->found)
			import_fork_head(fk, tc, &r->h);
		op_free(&op);
		c = *cause;
		xasprintf(cause, "%s: change %llu: %s", r->path,
		    (unsigned long long)r->records, c);
		free(c);
		return -1;
	}
	op_free(&op);
	return 0;
}

/*
 * The second pass, inside the transaction: the file is read again, so
 * every check is made again on what is read now (a file changed between
 * the passes gains nothing), each change before it is applied.
 */
static int
import_apply(struct oneteam *ot, const char *path, const uint8_t *key,
    const struct bundle_head *checked, int deferred,
    const struct sync_progress *p, const struct fork_names *fn,
    struct sync_result *res, struct trust_fork *fk, char **cause)
{
	struct trust_check	 tc;
	struct bundle_reader	 r;
	struct op_id		 id;
	const uint8_t		*enc;
	size_t			 len;
	struct import_counts	 was;
	struct id		 site = *store_site(ot->st);
	uint64_t		 versions, own_from = 0;
	int			 rc;

	memset(&tc, 0, sizeof tc);
	if (bundle_read_open(&r, path, cause) != 0 ||
	    bundle_read_start(&r, key, cause) != 0)
		goto fail;
	/* The file read twice must be the bundle checked. */
	if (id_cmp(&r.h.bundle, &checked->bundle) != 0) {
		xasprintf(cause, "%s changed while it was imported", path);
		goto fail;
	}
	if (import_exec(ot, "CREATE TEMP TABLE IF NOT EXISTS touched (entity "
	    "BLOB, field TEXT, heads INTEGER, PRIMARY KEY (entity, field))") ||
	    import_exec(ot, "DELETE FROM temp.touched")) {
		oneteam_db_fail(ot, cause);
		goto fail;
	}
	if (sync_fault("import-start", cause) != 0)
		goto fail;
	if (import_refusals(ot, &was) != 0 ||
	    import_across_before(ot) != 0) {
		oneteam_db_fail(ot, cause);
		goto fail;
	}
	while ((rc = bundle_read_record(&r, &id, &enc, &len, cause)) == 1) {
		if (r.records == 1 && (import_vouch(ot, &r, path, &tc,
		    cause) != 0 || trust_check_keys(ot, &tc, cause) != 0 ||
		    import_restored(ot, &r.h, &tc, res, cause) != 0 ||
		    fork_let_go(ot, fn, res, &own_from, cause) != 0))
			goto fail;
		if (import_record(ot, &r, &tc, &id, enc, len, deferred, fn,
		    res, fk, cause) != 0)
			goto fail;
		if (r.records == r.h.changes / 2 + 1 &&
		    sync_fault("import-half", cause) != 0)
			goto fail;
		sync_tell(p, "importing", r.records, r.h.changes);
	}
	if (rc < 0)
		goto fail;
	if (r.records == 0 && (import_vouch(ot, &r, path, &tc, cause) != 0 ||
	    import_restored(ot, &r.h, &tc, res, cause) != 0))
		goto fail;
	if (trust_check_end(ot, &tc, cause) != 0 || (own_from > 0 &&
	    fork_remake_own(ot, own_from, res, cause) != 0))
		goto fail;
	res->changes = r.records;
	if (import_tally(ot, &was, res, &versions) != 0) {
		oneteam_db_fail(ot, cause);
		goto fail;
	}
	if (import_release(ot, res, cause) != 0 ||
	    clock_note(ot, &r.h, res, cause) != 0 ||
	    fork_mended(ot, &r.h, cause) != 0 ||
	    trust_check_note(ot, &tc, cause) != 0 ||
	    import_peer(ot, &r.h, id_cmp(&site, store_site(ot->st)) != 0 ?
	    &site : NULL) != 0) {
		if (*cause == NULL)
			oneteam_db_fail(ot, cause);
		goto fail;
	}
	if (import_note(ot, path, &r.h, deferred, res, cause) != 0)
		goto fail;
	/* A family's episodes, a referral's moves, are conflicts too (the
	 * whole database's count, deferred, has them). */
	if (!deferred)
		res->conflicts += versions;
	if (sync_fault("import-commit", cause) != 0)
		goto fail;
	trust_check_free(&tc);
	bundle_read_close(&r);
	return 0;
fail:
	trust_check_free(&tc);
	bundle_read_close(&r);
	return -1;
}

int
bundle_import(struct oneteam *ot, const char *path,
    const struct sync_progress *p, struct sync_result *res, char **cause)
{
	struct team_info	 ti;
	struct bundle_reader	 r;
	struct bundle_head	 h;
	struct trust_fork	 fork;
	struct fork_names	 names = { NULL, 0 };
	uint8_t			*key, *secret;
	char			*why = NULL;
	int			 rc = -1, deferred = 0, n = 0;

	memset(res, 0, sizeof *res);
	memset(&h, 0, sizeof h);
	if ((key = sodium_malloc(TEAM_KEY_LEN)) == NULL ||
	    (secret = sodium_malloc(crypto_sign_SECRETKEYBYTES)) == NULL)
		fatal("out of memory");
	/* This site's own key known first: a head in its own name is then
	 * checked against it, never taken on first sight. */
	if (sync_team(ot, &ti, key, cause) != 0 ||
	    team_sign_key(ot, &ti, secret, cause) != 0)
		goto out;
	if (bundle_read_open(&r, path, cause) != 0) {
		bundle_read_close(&r);
		store_set_fault(ot->st, STORE_EINPUT);
		goto out;
	}
	rc = import_fits(ot, &ti, &r, cause);
	h = r.h;
	memset(&r.h, 0, sizeof r.h);
	bundle_read_close(&r);
	if (rc != 0 || import_check(ot, path, key, p, &names, NULL, NULL,
	    cause) != 0) {
		if (store_fault(ot->st) == STORE_OK)
			store_set_fault(ot->st, STORE_EINPUT);
		rc = -1;
		goto out;
	}
	rc = -1;
	res->bundle = h.bundle;
	res->sender = h.sender;
	/*
	 * A bundle holding more than this site does (its first import) is
	 * folded like a bulk load: indexes of random keys, derived state
	 * and the search index made once at the commit, in the same
	 * transaction, so still all or nothing.
	 */
	if ((deferred = import_is_big(ot, &h)) < 0) {
		oneteam_db_fail(ot, cause);
		goto out;
	}
	if (deferred && (n = conflict_count(ot, cause)) < 0)
		goto out;
	res->conflicts = deferred ? (uint64_t)n : 0;
	store_set_deferred(ot->st, deferred);
	if (store_begin(ot->st, cause) != 0)
		goto out;
	res->before = sync_bundle_seen(ot, &h.bundle);
	memset(&fork, 0, sizeof fork);
	if (import_apply(ot, path, key, &h, deferred, p, &names, res, &fork,
	    cause) != 0) {
		store_rollback(ot->st);
		if (store_fault(ot->st) == STORE_OK)
			store_set_fault(ot->st, STORE_EINPUT);
		/* The refusal stands; the proof of the fork is kept. */
		if (fork.found && trust_fork_note(ot, &fork, &why) != 0)
			free(why);
		goto out;
	}
	if (store_commit(ot->st, cause) != 0)
		goto out;
	rc = 0;
out:
	store_set_deferred(ot->st, 0);
	fork_names_free(&names);
	bundle_head_free(&h);
	sodium_free(key);
	sodium_free(secret);
	return rc;
}

