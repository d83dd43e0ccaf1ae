/*
 * sync.c owns what a bundle carries and writing one: what this replica
 * holds of each origin, the bundle for a site (what it has not said it
 * has) or for everyone, and the bundle's entry on the audit trail. What
 * the sync modules share is here too: the team's key, progress. Reading
 * a bundle in is import.c's; what each peer holds is peers.c's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sync-private.h"
#include "oneteam/audit.h"
#include "oneteam/hook.h"
#include "oneteam/install.h"
#include "oneteam/xmalloc.h"

#define PROGRESS_EVERY	1000

void
sync_tell(const struct sync_progress *p, const char *stage, uint64_t done,
    uint64_t total)
{
	if (p != NULL && p->fn != NULL && (done % PROGRESS_EVERY == 0 ||
	    done == total))
		p->fn(stage, done, total, p->arg);
}

int
sync_fault(const char *where, char **cause)
{
	const char	*f = hook_get("ONETEAM_FAULT");

	if (f == NULL || strcmp(f, where) != 0)
		return 0;
	xasprintf(cause, "stopped by ONETEAM_FAULT=%s before the %s was "
	    "saved", where, strncmp(where, "export", 6) == 0 ? "bundle" :
	    "import");
	return -1;
}

int
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
	uint64_t	 upto;		/* carried up to: its signed head */
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

/*
 * Where a bundle for site `to` starts the changes of origin: past what
 * `to` has said it holds of it (0 for nothing), but never past a fork of
 * its history this replica holds evidence of and has not seen mended.
 * The site whose history forked (a backup put back, a copied disk)
 * holds other changes under those numbers and says it holds them: only
 * given the team's does it see the fork, refuse them, and have the
 * evidence that site recover needs, from the daily bundle as from a
 * full one.
 */
static uint64_t
sync_peer_has(struct oneteam *ot, const struct id *to,
    const struct id *origin)
{
	struct query	*q;
	uint64_t	 seq = 0;

	q = query_prepare(ot->st, "SELECT min(coalesce((SELECT seq FROM "
	    "peer_has WHERE peer = ?1 AND origin = ?2), 0), coalesce((SELECT "
	    "min(seq) - 1 FROM evidence WHERE origin = ?2 AND mended IS "
	    "NULL), 1 << 62))");
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

/* --- the audit trail ------------------------------------------------------ */

/*
 * Put a bundle written or read on the audit trail, in the transaction
 * that writes or imports it, so that it is there whichever front end did
 * it, or neither is. The file's name and the bundle's id (oneteam bundle
 * info shows it) say which it was; the folder is left out, as entries
 * travel to every site and a folder says more of this machine than of
 * the bundle.
 */
int
sync_trail(struct oneteam *ot, const char *what, const char *path,
    const struct id *bundle, uint64_t changes, const uint64_t *added,
    char **cause)
{
	const char	*base = strrchr(path, '/');
	char		*detail, b32[27];
	int		 rc;

	base = base != NULL && base[1] != '\0' ? base + 1 : path;
	id_base32(bundle, b32);
	b32[8] = '\0';
	if (added == NULL)
		detail = xprintf("%s (bundle %s): %llu change%s", base, b32,
		    (unsigned long long)changes, changes == 1 ? "" : "s");
	else
		detail = xprintf("%s (bundle %s): %llu change%s, %llu new",
		    base, b32, (unsigned long long)changes,
		    changes == 1 ? "" : "s", (unsigned long long)*added);
	rc = audit_record(ot, what, NULL, detail, cause);
	free(detail);
	return rc;
}

/* --- export -------------------------------------------------------------- */

/* Write the changes of one origin past after (all of them for a full
 * one), up to upto: what the bundle's header says it holds. */
static int
export_origin(struct oneteam *ot, struct bundle_writer *w,
    const struct id *origin, uint64_t after, uint64_t upto, uint64_t total,
    const struct sync_progress *p, char **cause)
{
	struct query	*q;
	struct op_id	 id;
	const void	*enc, *idp;
	size_t		 len, idlen;
	int		 rc;

	q = query_prepare(ot->st, "SELECT id, enc FROM op WHERE origin = ?1 "
	    "AND seq > ?2 AND seq <= ?3 ORDER BY seq");
	query_bind_id(q, 1, origin);
	query_bind_int(q, 2, (int64_t)after);
	query_bind_int(q, 3, (int64_t)upto);
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
		sync_tell(p, "writing", w->records, total);
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

/*
 * The head of origin v in a bundle: this site's own, signed now; another
 * site's, the best signed head held of it; else a claim of what is held,
 * unsigned, and none of its changes carried (a site that has signed
 * nothing seen here: changes from before chains, op.h).
 */
static int
export_one_head(struct oneteam *ot, const struct team_info *ti,
    const uint8_t *secret, struct holding *v, struct bundle_has *e)
{
	struct op_id	link;
	uint8_t		mine[SITE_KEY_LEN], key[SITE_KEY_LEN];
	int		rc, self;

	e->origin = v->origin;
	e->seq = v->seq;
	v->upto = 0;
	/*
	 * This site signs for itself, and for an id it had before (a copy
	 * or a restore gave it a new one): the changes made under that id
	 * that no other site has yet must still go out.
	 */
	self = id_cmp(&v->origin, store_site(ot->st)) == 0;
	if (!self) {
		crypto_sign_ed25519_sk_to_pk(mine, secret);
		if ((rc = trust_key_get(ot, &v->origin, key)) < 0)
			return -1;
		self = rc == 1 && sodium_memcmp(mine, key, sizeof key) == 0;
	}
	if (self) {
		if ((rc = store_link(ot->st, &v->origin, v->seq, &link)) < 0)
			return -1;
		if (rc == 1 && v->seq > 0) {
			memcpy(e->link, link.b, sizeof e->link);
			bundle_head_sign(&ti->team, e, secret);
			v->upto = v->seq;
		}
		return 0;
	}
	if ((rc = trust_head_get(ot, &v->origin, e)) < 0)
		return -1;
	/* A head of changes held back (their clock ahead) waits for them. */
	if (rc == 0 || e->seq > v->seq) {
		memset(e, 0, sizeof *e);
		e->origin = v->origin;
		e->seq = v->seq;
		return 0;
	}
	v->upto = e->seq;
	return 0;
}

void
bundle_head_own(struct oneteam *ot, const struct team_info *ti,
    const uint8_t *secret, struct bundle_head *h)
{
	memset(h, 0, sizeof *h);
	h->version = BUNDLE_VERSION;
	h->team = ti->team;
	memcpy(h->key_id, ti->key_id, sizeof h->key_id);
	memcpy(h->salt, ti->salt, sizeof h->salt);
	h->opslimit = ti->opslimit;
	h->memlimit = ti->memlimit;
	h->sender = *store_site(ot->st);
	h->sender_name = xstrdup(store_site_name(ot->st));
	h->signer = secret;
	h->created = ot->now;
}

/* Fill the header of a bundle from this replica, for to or everyone. */
static int
export_head(struct oneteam *ot, const struct team_info *ti,
    const uint8_t *secret, const struct id *to, struct holding *v, size_t n,
    struct bundle_head *h, char **cause)
{
	size_t	i;
	int	self = 0;

	bundle_head_own(ot, ti, secret, h);
	if (to != NULL)
		h->to = *to;
	if (sync_digest(ot, h->digest, cause) != 0)
		return -1;
	h->has = xcalloc(n + 1, sizeof *h->has);
	for (i = 0; i < n; i++) {
		if (export_one_head(ot, ti, secret, &v[i], &h->has[i]) != 0)
			return oneteam_db_fail(ot, cause);
		h->has[i].name = site_name_of(ot->st, &v[i].origin);
		if (h->has[i].name == NULL)
			h->has[i].name = xstrdup("");
		h->changes += to == NULL ? v[i].upto : 0;
		self |= id_cmp(&v[i].origin, store_site(ot->st)) == 0;
	}
	h->nhas = n;
	/* The sender signs its header with the key of its own head: a site
	 * that has made nothing under its id yet gives a head of nothing. */
	if (!self) {
		h->has = xreallocarray(h->has, n + 1, sizeof *h->has);
		memset(&h->has[n], 0, sizeof h->has[n]);
		h->has[n].origin = *store_site(ot->st);
		h->has[n].name = xstrdup(store_site_name(ot->st));
		bundle_head_sign(&ti->team, &h->has[n], secret);
		h->nhas++;
	}
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
		    "origin = ?1 AND seq > ?2 AND seq <= ?3");
		query_bind_id(q, 1, &v[i].origin);
		query_bind_int(q, 2, (int64_t)after[i]);
		query_bind_int(q, 3, (int64_t)v[i].upto);
		if ((rc = query_step(q)) == 1)
			*total += (uint64_t)query_int(q, 0);
		query_done(q);
	}
	return rc < 0 ? -1 : 0;
}

/*
 * Does a bundle carry anything but entries of the audit trail: any
 * change of an origin past after[]? Only such a bundle goes on the trail
 * itself, so that two sites come in step: else each bundle's entry would
 * be news for the next.
 */
static int
export_news(struct oneteam *ot, const struct holding *v, size_t n,
    const uint64_t *after)
{
	struct query	*q;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		q = query_prepare(ot->st, "SELECT 1 FROM op WHERE origin = ?1 "
		    "AND seq > ?2 AND seq <= ?3 AND etype <> 'audit' LIMIT 1");
		query_bind_id(q, 1, &v[i].origin);
		query_bind_int(q, 2, (int64_t)after[i]);
		query_bind_int(q, 3, (int64_t)v[i].upto);
		rc = query_step(q);
		query_done(q);
	}
	return rc;
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
 * of the keyboard would otherwise destroy. Looked at with the rights of
 * whoever named it (oneteam/install.h); and on a shared terminal only by
 * a member at work, whose name the trail gives: all of the team's
 * records leave in a bundle.
 */
static int
export_may(struct oneteam *ot, const char *path, char **cause)
{
	struct stat	 sb;
	char		 magic[8];
	FILE		*f;
	size_t		 n = 0;
	int		 as, there, e;

	if (install_dir() != NULL && oneteam_need_me(ot, cause) != 0)
		return -1;
	as = install_begin(path);
	there = lstat(path, &sb) == 0;
	e = errno;
	if (there && S_ISREG(sb.st_mode) && (f = fopen(path, "rb")) != NULL) {
		n = fread(magic, 1, sizeof magic, f);
		fclose(f);
	}
	install_end(as);
	if (!there)
		return e == ENOENT ? 0 : oneteam_refuse(ot, cause,
		    "cannot write %s: %s", path, strerror(e));
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
	if ((fd = install_open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) < 0 || (f = fdopen(fd, "wb")) == NULL) {
		if (fd >= 0)
			close(fd);
		return oneteam_refuse(ot, cause, "cannot write %s: %s", path,
		    strerror(errno));
	}
	if (bundle_write_start(&w, f, h, key, cause) != 0)
		goto out;
	for (i = 0; i < n; i++)
		if (export_origin(ot, &w, &v[i].origin, after[i], v[i].upto,
		    h->changes, p, cause) != 0)
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

/*
 * What a bundle for to (everyone: NULL) carries, in *v and after[], and
 * its header: the holdings of this replica as they stand.
 */
static int
export_plan(struct oneteam *ot, const struct team_info *ti,
    const uint8_t *secret, const struct id *to, struct holding **v,
    size_t *n, uint64_t **after, struct bundle_head *h, char **cause)
{
	struct id	bundle = h->bundle;

	bundle_head_free(h);
	free(*v);
	free(*after);
	*v = NULL;
	*after = NULL;
	if (sync_holdings(ot, v, n, cause) != 0 ||
	    export_head(ot, ti, secret, to, *v, *n, h, cause) != 0)
		return -1;
	h->bundle = bundle;
	*after = xcalloc(*n + 1, sizeof **after);
	if (to != NULL && export_count(ot, to, *v, *n, *after,
	    &h->changes) != 0)
		return oneteam_db_fail(ot, cause);
	return 0;
}

/*
 * Decide what the bundle carries and put it on the audit trail, in one
 * short write transaction: the entry first (unless the bundle carries
 * nothing but the trail: export_news()), so the bundle carries the
 * record of its own making and counts it. The header, made here, says
 * what the bundle holds, to the sequence of each origin.
 */
static int
export_decide(struct oneteam *ot, const struct team_info *ti,
    const uint8_t *secret, const struct id *to, const char *path,
    struct holding **v, size_t *n, uint64_t **after, struct bundle_head *h,
    int *entered, char **cause)
{
	uint64_t	changes;
	int		news;

	*entered = 0;
	if (store_begin(ot->st, cause) != 0)
		return -1;
	id_random(&h->bundle);
	if (export_plan(ot, ti, secret, to, v, n, after, h, cause) != 0 ||
	    (news = export_news(ot, *v, *n, *after)) < 0)
		goto fail;
	changes = h->changes + (news ? 1 : 0);	/* and the entry itself */
	if (news && (sync_trail(ot, AUDIT_BUNDLE_EXPORT, path, &h->bundle,
	    changes, NULL, cause) != 0 ||
	    export_plan(ot, ti, secret, to, v, n, after, h, cause) != 0))
		goto fail;
	if (h->changes != changes) {
		xasprintf(cause, "the log changed while the bundle was "
		    "made: try again");
		goto fail;
	}
	if (store_commit(ot->st, cause) != 0)
		return -1;
	*entered = news;
	return 0;
fail:
	if (*cause == NULL)
		oneteam_db_fail(ot, cause);
	store_rollback(ot->st);
	return -1;
}

/*
 * The entry is committed before the file is written, from a snapshot
 * that reads only to the sequences the header gives: a bundle on a disk
 * is always backed by this database (a bundle whose changes the database
 * then lost would make the next ones look forged elsewhere), and other
 * workers' saves wait only for the entry, however slow the stick. A file
 * that then cannot be written leaves the entry, which says the bundle
 * was made, and the message says so.
 */
int
bundle_export(struct oneteam *ot, const struct id *to, const char *path,
    const struct sync_progress *p, struct sync_result *res, char **cause)
{
	struct team_info	 ti;
	struct bundle_head	 h;
	struct holding		*v = NULL;
	uint8_t			*key, *secret;
	uint64_t		*after = NULL;
	size_t			 n = 0;
	char			*tmp = NULL, *why;
	int			 rc = -1, entered, as;

	memset(res, 0, sizeof *res);
	memset(&h, 0, sizeof h);
	if (export_may(ot, path, cause) != 0)
		return -1;
	if ((key = sodium_malloc(TEAM_KEY_LEN)) == NULL ||
	    (secret = sodium_malloc(crypto_sign_SECRETKEYBYTES)) == NULL)
		fatal("out of memory");
	if (sync_team(ot, &ti, key, cause) != 0 ||
	    team_sign_key(ot, &ti, secret, cause) != 0 ||
	    export_decide(ot, &ti, secret, to, path, &v, &n, &after, &h,
	    &entered, cause) != 0)
		goto out;
	if (store_begin_read(ot->st, cause) != 0)
		goto made;
	tmp = xprintf("%s.part.%ld", path, (long)getpid());
	rc = sync_fault("export-file", cause) != 0 ? -1 :
	    export_file(ot, tmp, path, &h, key, v, n, after, p, cause);
	store_rollback(ot->st);		/* it only read */
	if (rc != 0)
		goto made;
	rc = -1;
	as = install_begin(path);
	if (rename(tmp, path) != 0) {
		oneteam_refuse(ot, cause, "cannot write %s: %s", path,
		    strerror(errno));
		install_end(as);
		goto made;
	}
	install_end(as);
	free(tmp);
	tmp = NULL;
	/* When a bundle was last made for a site: a note, on its own. */
	if (to != NULL && (store_begin(ot->st, cause) != 0 ||
	    export_sent(ot, to) != 0 || store_commit(ot->st, cause) != 0)) {
		if (*cause == NULL)
			oneteam_db_fail(ot, cause);
		store_rollback(ot->st);
		goto out;
	}
	res->changes = h.changes;
	res->bundle = h.bundle;
	res->sender = h.sender;
	rc = 0;
	goto out;
made:
	if (*cause == NULL)
		oneteam_db_fail(ot, cause);
	if (entered) {
		why = *cause;
		xasprintf(cause, "%s (the audit trail says the bundle was "
		    "made)", why);
		free(why);
	}
out:
	if (tmp != NULL) {
		as = install_begin(tmp);
		unlink(tmp);
		install_end(as);
	}
	free(tmp);
	free(after);
	free(v);
	bundle_head_free(&h);
	sodium_free(key);
	sodium_free(secret);
	return rc;
}
