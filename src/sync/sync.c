/*
 * sync.c owns the exchange: what a bundle for a site carries, importing
 * one all or nothing, what each peer has said it holds, and the changes
 * held back because their clock is more than a day ahead.
 *
 * An import reads the bundle twice. The first pass authenticates every
 * part and checks every change's form and id, writing nothing; the second
 * applies the changes in one transaction, verbatim, with their own
 * origins (a hub relays, it never re-records). A change arriving twice is
 * held already and changes nothing; a change whose record has not
 * arrived waits in the fold until it does.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "sync-private.h"
#include "oneteam/date.h"
#include "oneteam/xmalloc.h"

#define DAY_MS		(24 * 60 * 60 * 1000LL)
#define PROGRESS_EVERY	1000

static void
progress(const struct sync_progress *p, const char *stage, uint64_t done,
    uint64_t total)
{
	if (p != NULL && p->fn != NULL && (done % PROGRESS_EVERY == 0 ||
	    done == total))
		p->fn(stage, done, total, p->arg);
}

/* The team and its key, or a refusal that says what to do. */
static int
sync_team(struct oneteam *ot, struct team_info *ti,
    uint8_t key[TEAM_KEY_LEN], char **cause)
{
	int	rc;

	if ((rc = team_get(ot, ti, cause)) < 0)
		return -1;
	if (rc == 0)
		return oneteam_refuse(ot, cause, "this site is in no team yet: "
		    "run oneteam team create for a new team, or oneteam team "
		    "join with a bundle of the team");
	return team_key_load(ot, ti, key, cause);
}

/* --- what this replica holds --------------------------------------------- */

struct holding {
	struct id	 origin;
	uint64_t	 seq;		/* every change up to it is held */
	uint64_t	 max;
	uint64_t	 count;
};

/* The highest sequence of origin up to which nothing is missing. */
static int
sync_contiguous(struct oneteam *ot, struct holding *h)
{
	struct query	*q;
	int		 rc;

	if (h->count == h->max) {
		h->seq = h->max;
		return 0;
	}
	q = query_prepare(ot->st, "SELECT CASE WHEN EXISTS (SELECT 1 FROM op "
	    "WHERE origin = ?1 AND seq = 1) THEN (SELECT min(o.seq) FROM op o "
	    "WHERE o.origin = ?1 AND NOT EXISTS (SELECT 1 FROM op p WHERE "
	    "p.origin = ?1 AND p.seq = o.seq + 1)) ELSE 0 END");
	query_bind_id(q, 1, &h->origin);
	if ((rc = query_step(q)) == 1)
		h->seq = (uint64_t)query_int(q, 0);
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* Each origin this replica holds changes of. */
static int
sync_holdings(struct oneteam *ot, struct holding **out, size_t *n,
    char **cause)
{
	struct query	*q;
	struct holding	*v = NULL;
	size_t		 i;
	int		 rc;

	*n = 0;
	q = query_prepare(ot->st, "SELECT origin, max(seq), count(*) FROM op "
	    "GROUP BY origin ORDER BY origin");
	while ((rc = query_step(q)) == 1) {
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[*n].origin = query_id(q, 0);
		v[*n].max = (uint64_t)query_int(q, 1);
		v[*n].count = (uint64_t)query_int(q, 2);
		v[*n].seq = 0;
		(*n)++;
	}
	query_done(q);
	for (i = 0; rc == 0 && i < *n; i++)
		if (sync_contiguous(ot, &v[i]) != 0)
			rc = -1;
	if (rc < 0) {
		free(v);
		*n = 0;
		return oneteam_db_fail(ot, cause);
	}
	*out = v;
	return 0;
}

/* The name of a site: this one's, or as a bundle said; NULL if unknown. */
static char *
sync_site_name(struct oneteam *ot, const struct id *site)
{
	struct query	*q;
	char		*name = NULL;

	if (id_cmp(site, store_site(ot->st)) == 0)
		return xstrdup(store_site_name(ot->st));
	q = query_prepare(ot->st, "SELECT name FROM site WHERE id = ?1");
	query_bind_id(q, 1, site);
	if (query_step(q) == 1)
		name = query_text_dup(q, 0);
	query_done(q);
	return name;
}

char *
sync_peer_name(struct oneteam *ot, const struct id *site)
{
	char	*name = sync_site_name(ot, site), b32[27];

	if (name == NULL || *name == '\0') {
		free(name);
		id_base32(site, b32);
		name = xprintf("site %.8s", b32);
	}
	return name;
}

/* What site `to` has said it holds of origin; 0 for nothing. */
static uint64_t
sync_peer_has(struct oneteam *ot, const struct id *to,
    const struct id *origin)
{
	struct query	*q;
	uint64_t	 seq = 0;

	q = query_prepare(ot->st, "SELECT seq FROM peer_has WHERE peer = ?1 "
	    "AND origin = ?2");
	query_bind_id(q, 1, to);
	query_bind_id(q, 2, origin);
	if (query_step(q) == 1)
		seq = (uint64_t)query_int(q, 0);
	query_done(q);
	return seq;
}

int
sync_digest(struct oneteam *ot, uint8_t out[32], char **cause)
{
	if (store_digest(ot->st, out, cause) != 0)
		return oneteam_db_fail(ot, cause);
	return 0;
}

/* --- export -------------------------------------------------------------- */

/* Write the changes of one origin past seq (all of them for a full one). */
static int
export_origin(struct oneteam *ot, struct bundle_writer *w,
    const struct id *origin, uint64_t after, uint64_t total,
    const struct sync_progress *p, char **cause)
{
	struct query	*q;
	struct op_id	 id;
	const void	*enc, *idp;
	size_t		 len, idlen;
	int		 rc;

	q = query_prepare(ot->st, "SELECT id, enc FROM op WHERE origin = ?1 "
	    "AND seq > ?2 ORDER BY seq");
	query_bind_id(q, 1, origin);
	query_bind_int(q, 2, (int64_t)after);
	while ((rc = query_step(q)) == 1) {
		idp = query_blob(q, 0, &idlen);
		enc = query_blob(q, 1, &len);
		if (idlen != OP_ID_LEN) {
			rc = -1;
			break;
		}
		memcpy(id.b, idp, OP_ID_LEN);
		if (bundle_write_record(w, &id, enc, len, cause) != 0) {
			query_done(q);
			return -1;
		}
		progress(p, "writing", w->records, total);
	}
	query_done(q);
	if (rc < 0) {
		if (*cause == NULL)
			xasprintf(cause, "%s: a change of the log is damaged: "
			    "run oneteam check", ot->cfg.db_path);
		return -1;
	}
	return 0;
}

/* Fill the header of a bundle from this replica, for to or everyone. */
static int
export_head(struct oneteam *ot, const struct team_info *ti,
    const struct id *to, const struct holding *v, size_t n,
    struct bundle_head *h, char **cause)
{
	size_t	i;

	memset(h, 0, sizeof *h);
	h->version = BUNDLE_VERSION;
	h->team = ti->team;
	memcpy(h->key_id, ti->key_id, sizeof h->key_id);
	memcpy(h->salt, ti->salt, sizeof h->salt);
	h->opslimit = ti->opslimit;
	h->memlimit = ti->memlimit;
	id_random(&h->bundle);
	h->sender = *store_site(ot->st);
	h->sender_name = xstrdup(store_site_name(ot->st));
	h->created = ot->now;
	if (to != NULL)
		h->to = *to;
	if (sync_digest(ot, h->digest, cause) != 0)
		return -1;
	h->has = xcalloc(n + 1, sizeof *h->has);
	for (i = 0; i < n; i++) {
		h->has[i].origin = v[i].origin;
		h->has[i].seq = v[i].seq;
		h->has[i].name = sync_site_name(ot, &v[i].origin);
		if (h->has[i].name == NULL)
			h->has[i].name = xstrdup("");
		h->changes += to == NULL ? v[i].count : 0;
	}
	h->nhas = n;
	return 0;
}

/* Count what a bundle for to carries: each origin past what to holds. */
static int
export_count(struct oneteam *ot, const struct id *to, struct holding *v,
    size_t n, uint64_t *after, uint64_t *total)
{
	struct query	*q;
	size_t		 i;
	int		 rc = 0;

	*total = 0;
	for (i = 0; i < n && rc >= 0; i++) {
		after[i] = sync_peer_has(ot, to, &v[i].origin);
		q = query_prepare(ot->st, "SELECT count(*) FROM op WHERE "
		    "origin = ?1 AND seq > ?2");
		query_bind_id(q, 1, &v[i].origin);
		query_bind_int(q, 2, (int64_t)after[i]);
		if ((rc = query_step(q)) == 1)
			*total += (uint64_t)query_int(q, 0);
		query_done(q);
	}
	return rc < 0 ? -1 : 0;
}

/* Note when a bundle was last made for a site. */
static int
export_sent(struct oneteam *ot, const struct id *to)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "INSERT INTO peer (site, sent) VALUES (?1, "
	    "?2) ON CONFLICT (site) DO UPDATE SET sent = excluded.sent");
	query_bind_id(q, 1, to);
	query_bind_int(q, 2, ot->now);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/*
 * May path be written? A new name, or an older bundle, which is replaced;
 * never anything else (a database, a key file, a document), which a slip
 * of the keyboard would otherwise destroy.
 */
static int
export_target_ok(struct oneteam *ot, const char *path, char **cause)
{
	struct stat	 sb;
	char		 magic[8];
	FILE		*f;
	size_t		 n = 0;

	if (lstat(path, &sb) != 0)
		return errno == ENOENT ? 0 : oneteam_refuse(ot, cause,
		    "cannot write %s: %s", path, strerror(errno));
	if (S_ISREG(sb.st_mode) && (f = fopen(path, "rb")) != NULL) {
		n = fread(magic, 1, sizeof magic, f);
		fclose(f);
	}
	if (n == sizeof magic && memcmp(magic, BUNDLE_MAGIC, 8) == 0)
		return 0;
	return oneteam_refuse(ot, cause, "%s exists and is not a bundle: "
	    "choose another name (an older bundle is replaced, nothing else "
	    "is)", path);
}

/*
 * Write the bundle to tmp, readable by its owner only, and sync it: the
 * header h, then of each origin the changes past after[]. path is only
 * for messages.
 */
static int
export_file(struct oneteam *ot, const char *tmp, const char *path,
    const struct bundle_head *h, const uint8_t *key, const struct holding *v,
    size_t n, const uint64_t *after, const struct sync_progress *p,
    char **cause)
{
	struct bundle_writer	 w;
	FILE			*f = NULL;
	size_t			 i;
	int			 fd, rc = -1;

	memset(&w, 0, sizeof w);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) < 0 || (f = fdopen(fd, "wb")) == NULL) {
		if (fd >= 0)
			close(fd);
		return oneteam_refuse(ot, cause, "cannot write %s: %s", path,
		    strerror(errno));
	}
	if (bundle_write_start(&w, f, h, key, cause) != 0)
		goto out;
	for (i = 0; i < n; i++)
		if (export_origin(ot, &w, &v[i].origin, after[i], h->changes, p,
		    cause) != 0)
			goto out;
	if (w.records != h->changes) {
		xasprintf(cause, "the log changed while the bundle was "
		    "written: try again");
		goto out;
	}
	if (bundle_write_end(&w, cause) != 0)
		goto out;
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		oneteam_refuse(ot, cause, "cannot write %s: %s", path,
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fclose(f) != 0 && rc == 0)
		rc = oneteam_refuse(ot, cause, "cannot write %s: %s", path,
		    strerror(errno));
	bundle_write_free(&w);
	return rc;
}

int
bundle_export(struct oneteam *ot, const struct id *to, const char *path,
    const struct sync_progress *p, struct sync_result *res, char **cause)
{
	struct team_info	 ti;
	struct bundle_head	 h;
	struct holding		*v = NULL;
	uint8_t			*key;
	uint64_t		*after = NULL;
	size_t			 n = 0;
	char			*tmp = NULL;
	int			 rc = -1;

	memset(res, 0, sizeof *res);
	memset(&h, 0, sizeof h);
	if (export_target_ok(ot, path, cause) != 0)
		return -1;
	if ((key = sodium_malloc(TEAM_KEY_LEN)) == NULL)
		fatal("out of memory");
	if (sync_team(ot, &ti, key, cause) != 0) {
		sodium_free(key);
		return -1;
	}
	/*
	 * One snapshot: the header says what the body holds. It only
	 * reads, so a worker saving meanwhile is not held up; when the
	 * bundle was made for a site is noted after, on its own.
	 */
	if (store_begin_read(ot->st, cause) != 0)
		goto out;
	if (sync_holdings(ot, &v, &n, cause) != 0 ||
	    export_head(ot, &ti, to, v, n, &h, cause) != 0)
		goto fail;
	after = xcalloc(n + 1, sizeof *after);
	if (to != NULL && export_count(ot, to, v, n, after, &h.changes) != 0)
		goto dbfail;
	tmp = xprintf("%s.part.%ld", path, (long)getpid());
	if (export_file(ot, tmp, path, &h, key, v, n, after, p, cause) != 0)
		goto fail;
	if (store_commit(ot->st, cause) != 0)
		goto out;
	if (to != NULL && (store_begin(ot->st, cause) != 0 ||
	    export_sent(ot, to) != 0 || store_commit(ot->st, cause) != 0)) {
		if (*cause == NULL)
			oneteam_db_fail(ot, cause);
		store_rollback(ot->st);
		goto out;
	}
	if (rename(tmp, path) != 0) {
		oneteam_refuse(ot, cause, "cannot write %s: %s", path,
		    strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	res->changes = h.changes;
	res->bundle = h.bundle;
	res->sender = h.sender;
	rc = 0;
	goto out;
dbfail:
	oneteam_db_fail(ot, cause);
fail:
	store_rollback(ot->st);
out:
	if (tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(after);
	free(v);
	bundle_head_free(&h);
	sodium_free(key);
	return rc;
}

/* --- import -------------------------------------------------------------- */

/* Is this bundle for this team, and will the disk hold it? */
static int
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
	if (sodium_memcmp(r->h.key_id, ti->key_id, sizeof ti->key_id) != 0)
		return oneteam_refuse(ot, cause, "%s is sealed with another "
		    "key than this team's: it was altered, or made with a "
		    "wrong passphrase", r->path);
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

/* The first pass: every part authenticated, every change well formed and
 * its id its content's. Nothing is written. */
static int
import_check(struct oneteam *ot, const char *path, const uint8_t *key,
    const struct sync_progress *p, char **cause)
{
	struct bundle_reader	 r;
	struct op_id		 id;
	struct op		 op;
	const uint8_t		*enc;
	size_t			 len;
	char			*why = NULL;
	int			 rc;

	if (bundle_read_open(&r, path, cause) != 0 ||
	    bundle_read_start(&r, key, cause) != 0) {
		bundle_read_close(&r);
		return -1;
	}
	while ((rc = bundle_read_record(&r, &id, &enc, &len, cause)) == 1) {
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
		op_free(&op);
		progress(p, "checking", r.records, r.h.changes);
	}
	bundle_read_close(&r);
	if (rc < 0)
		store_set_fault(ot->st, STORE_EINPUT);
	return rc;
}

/* A fault injected for the tests of atomicity (ONETEAM_FAULT). */
static int
import_fault(const char *where, char **cause)
{
	const char	*f = getenv("ONETEAM_FAULT");

	if (f == NULL || strcmp(f, where) != 0)
		return 0;
	xasprintf(cause, "stopped by ONETEAM_FAULT=%s before the import was "
	    "saved", where);
	return -1;
}

/* Hold back a change whose clock is more than a day ahead. */
static int
import_quarantine(struct oneteam *ot, const struct op *op,
    const struct id *bundle)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "INSERT OR IGNORE INTO quarantine (op, "
	    "origin, seq, hlc, enc, bundle, received) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7)");
	query_bind_blob(q, 1, op->id.b, OP_ID_LEN);
	query_bind_id(q, 2, &op->origin);
	query_bind_int(q, 3, (int64_t)op->seq);
	query_bind_int(q, 4, (int64_t)op->hlc);
	query_bind_blob(q, 5, op->enc, op->enclen);
	query_bind_id(q, 6, bundle);
	query_bind_int(q, 7, clock_now_ms());
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* Note a field's heads before a set reaches it, to count new conflicts. */
static int
import_touch(struct oneteam *ot, const struct op *op)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "INSERT OR IGNORE INTO temp.touched (entity, "
	    "field, heads) SELECT ?1, ?2, count(*) FROM reg WHERE entity = ?1 "
	    "AND field = ?2");
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
static int
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

/*
 * Is there another change under op's (origin, sequence), logged or held
 * back? Two sites share a site id (a copied database): refuse the
 * bundle, or the held-back twin would block every import once released.
 */
static int
import_clone(struct oneteam *ot, const struct op *op, char **cause)
{
	struct query	*q;
	char		 site[27];
	int		 rc;

	q = query_prepare(ot->st, "SELECT 1 FROM op WHERE origin = ?1 AND "
	    "seq = ?2 AND id IS NOT ?3 UNION ALL SELECT 1 FROM quarantine "
	    "WHERE origin = ?1 AND seq = ?2 AND op IS NOT ?3 LIMIT 1");
	query_bind_id(q, 1, &op->origin);
	query_bind_int(q, 2, (int64_t)op->seq);
	query_bind_blob(q, 3, op->id.b, OP_ID_LEN);
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 0)
		return 0;
	id_base32(&op->origin, site);
	return oneteam_refuse(ot, cause, "site %.8s made two different "
	    "changes numbered %llu: its database was copied or restored from "
	    "a backup", site, (unsigned long long)op->seq);
}

/* Apply one change from a bundle, or hold it back; counts in *res.
 * deferred: conflicts are counted for the whole database, not by field. */
static int
import_one(struct oneteam *ot, struct op *op, const struct id *bundle,
    int deferred, struct sync_result *res, char **cause)
{
	int	rc;

	if (import_clone(ot, op, cause) != 0)
		return -1;
	/* Held back or not, it must be a change this oneteam can fold:
	 * one that cannot would block every import when released. */
	if (store_op_valid(op, cause) != 0) {
		store_set_fault(ot->st, STORE_EINPUT);
		return -1;
	}
	if (hlc_ms(op->hlc) > clock_now_ms() + DAY_MS) {
		if (import_quarantine(ot, op, bundle) != 0)
			return oneteam_db_fail(ot, cause);
		res->quarantined++;
		return 0;
	}
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
	if (!deferred && op->kind == OP_SET && import_touch(ot, op) != 0)
		return oneteam_db_fail(ot, cause);
	if ((rc = store_apply_op(ot->st, op, cause)) < 0)
		return -1;
	if (rc == 1)
		res->added++;
	else
		res->held++;
	return 0;
}

/* Apply what was held back and is no longer ahead of the clock. */
static int
import_release(struct oneteam *ot, struct sync_result *res, char **cause)
{
	struct query	*q;
	struct op	 op;
	const void	*enc;
	size_t		 len;
	int		 rc;

	q = query_prepare(ot->st, "SELECT enc FROM quarantine WHERE hlc < ?1 "
	    "ORDER BY hlc");
	query_bind_int(q, 1, (int64_t)((uint64_t)(clock_now_ms() + DAY_MS)
	    << 16));
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
			    "%llu) cannot be applied now its day has come: %s",
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
	q = query_prepare(ot->st, "DELETE FROM quarantine WHERE hlc < ?1");
	query_bind_int(q, 1, (int64_t)((uint64_t)(clock_now_ms() + DAY_MS)
	    << 16));
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

/* Remember the sender: its name, the names it knows, what it holds. */
static int
import_peer(struct oneteam *ot, const struct bundle_head *h)
{
	struct query	*q;
	uint8_t		 mine[32];
	char		*cause = NULL;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < h->nhas && rc >= 0; i++) {
		if (*h->has[i].name != '\0' &&
		    id_cmp(&h->has[i].origin, store_site(ot->st)) != 0) {
			q = query_prepare(ot->st, "INSERT INTO site (id, name) "
			    "VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET "
			    "name = excluded.name");
			query_bind_id(q, 1, &h->has[i].origin);
			query_bind_text(q, 2, h->has[i].name);
			rc = query_step(q);
			query_done(q);
		}
		if (rc < 0)
			break;
		q = query_prepare(ot->st, "INSERT INTO peer_has (peer, origin, "
		    "seq) VALUES (?1, ?2, ?3) ON CONFLICT (peer, origin) DO "
		    "UPDATE SET seq = max(seq, excluded.seq)");
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

/* When this bundle was imported before, or 0. */
static int64_t
import_before(struct oneteam *ot, const struct id *bundle)
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

/*
 * The sender says it holds changes of this site numbered beyond any made
 * here: this database was put back from a backup, and those numbers are
 * used. It takes a new site id before applying anything (and then holds
 * the old id's changes as another site's).
 */
static int
import_restored(struct oneteam *ot, const struct bundle_head *h,
    struct sync_result *res, char **cause)
{
	struct query	*q;
	int64_t		 next;
	size_t		 i;

	q = query_prepare(ot->st, "SELECT next_seq FROM local WHERE id = 1");
	if ((next = query_count(q)) < 0)
		return oneteam_db_fail(ot, cause);
	for (i = 0; i < h->nhas; i++)
		if (id_cmp(&h->has[i].origin, store_site(ot->st)) == 0 &&
		    h->has[i].seq >= (uint64_t)next) {
			if (store_new_site(ot->st, cause) != 0)
				return -1;
			res->new_site = 1;
			break;
		}
	return 0;
}

/* The second pass, inside the transaction. */
static int
import_apply(struct oneteam *ot, const char *path, const uint8_t *key,
    const struct bundle_head *checked, int deferred,
    const struct sync_progress *p, struct sync_result *res, char **cause)
{
	struct bundle_reader	 r;
	struct op_id		 id;
	struct op		 op;
	struct query		*q;
	const uint8_t		*enc;
	size_t			 len;
	int			 rc;

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
	if (import_fault("import-start", cause) != 0 ||
	    import_restored(ot, &r.h, res, cause) != 0)
		goto fail;
	while ((rc = bundle_read_record(&r, &id, &enc, &len, cause)) == 1) {
		if (op_decode(enc, len, &op, cause) != 0)
			goto fail;
		rc = import_one(ot, &op, &r.h.bundle, deferred, res, cause);
		op_free(&op);
		if (rc != 0) {
			char	*c = *cause;

			xasprintf(cause, "%s: change %llu: %s", path,
			    (unsigned long long)r.records, c);
			free(c);
			goto fail;
		}
		if (r.records == r.h.changes / 2 + 1 &&
		    import_fault("import-half", cause) != 0)
			goto fail;
		progress(p, "importing", r.records, r.h.changes);
	}
	if (rc < 0)
		goto fail;
	res->changes = r.records;
	if (import_release(ot, res, cause) != 0 ||
	    import_peer(ot, &r.h) != 0) {
		if (*cause == NULL)
			oneteam_db_fail(ot, cause);
		goto fail;
	}
	if (deferred) {
		int	n = conflict_count(ot, cause);

		if (n < 0)
			goto fail;
		res->conflicts = (uint64_t)n > res->conflicts ?
		    (uint64_t)n - res->conflicts : 0;
	} else {
		q = query_prepare(ot->st, "SELECT count(*) FROM temp.touched t "
		    "WHERE t.heads <= 1 AND (SELECT count(*) FROM reg g WHERE "
		    "g.entity = t.entity AND g.field = t.field) > 1");
		res->conflicts = (uint64_t)query_count(q);
	}
	q = query_prepare(ot->st, "INSERT OR IGNORE INTO bundle_in (id, sender, "
	    "imported, changes, added) VALUES (?1, ?2, ?3, ?4, ?5)");
	query_bind_id(q, 1, &r.h.bundle);
	query_bind_id(q, 2, &r.h.sender);
	query_bind_int(q, 3, ot->now);
	query_bind_int(q, 4, (int64_t)res->changes);
	query_bind_int(q, 5, (int64_t)res->added);
	rc = query_step(q);
	query_done(q);
	if (rc < 0) {
		oneteam_db_fail(ot, cause);
		goto fail;
	}
	if (import_fault("import-commit", cause) != 0)
		goto fail;
	bundle_read_close(&r);
	return 0;
fail:
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
	uint8_t			*key;
	int			 rc = -1, deferred = 0, n = 0;

	memset(res, 0, sizeof *res);
	memset(&h, 0, sizeof h);
	if ((key = sodium_malloc(TEAM_KEY_LEN)) == NULL)
		fatal("out of memory");
	if (sync_team(ot, &ti, key, cause) != 0)
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
	if (rc != 0 || (rc = import_check(ot, path, key, p, cause)) != 0) {
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
	res->before = import_before(ot, &h.bundle);
	if (import_apply(ot, path, key, &h, deferred, p, res, cause) != 0) {
		store_rollback(ot->st);
		if (store_fault(ot->st) == STORE_OK)
			store_set_fault(ot->st, STORE_EINPUT);
		goto out;
	}
	if (store_commit(ot->st, cause) != 0)
		goto out;
	rc = 0;
out:
	store_set_deferred(ot->st, 0);
	bundle_head_free(&h);
	sodium_free(key);
	return rc;
}

/* --- peers and quarantine ------------------------------------------------ */

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
	return import_before(ot, bundle);
}
