/*
 * store.c owns the connection: opening a database safely (refusing what is
 * not ours, newer or damaged), the pragmas every connection needs, this
 * replica's local identity, transactions and the error a failure leaves.
 * What the tables hold is fold.c's business, the log oplog.c's.
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store-private.h"
#include "oneteam/date.h"
#include "oneteam/search.h"
#include "oneteam/xmalloc.h"

#define STORE_BUSY_MS	5000

void
store_sqlite_error(struct store *st, int rc, const char *what)
{
	const char	*msg;
	int		 os = errno;

	/*
	 * A write cut short by a full disk, a quota or a file size limit.
	 * SQLite does not always keep the system error (a WAL write at
	 * commit), so errno as the failed call left it is asked too.
	 */
	if (st->db != NULL && sqlite3_system_errno(st->db) != 0)
		os = sqlite3_system_errno(st->db);
	if ((rc & 0xff) == SQLITE_IOERR && (os == ENOSPC || os == EFBIG ||
	    os == EDQUOT))
		rc = SQLITE_FULL;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		st->fault = STORE_EBUSY;
		msg = "the database is in use by another oneteam; try again "
		    "in a moment";
		break;
	case SQLITE_FULL:
		st->fault = STORE_EFULL;
		msg = "the disk is full: nothing was saved";
		break;
	case SQLITE_READONLY:
		st->fault = STORE_EDB;
		msg = "the database is read-only: nothing can be saved";
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		st->fault = STORE_EDB;
		msg = "the database file is damaged (run oneteam check)";
		break;
	default:
		st->fault = STORE_EDB;
		msg = sqlite3_errmsg(st->db);
		break;
	}
	/* Saying when only helps with the errors that are not plain. */
	if (st->fault != STORE_EDB)
		what = NULL;
	snprintf(st->error, sizeof st->error, "%s: %s%s%s", st->path, msg,
	    what != NULL ? " while " : "", what != NULL ? what : "");
}

const char *
store_error(struct store *st)
{
	return st->error[0] != '\0' ? st->error : "unknown database error";
}

void
store_cause(struct store *st, char **cause)
{
	*cause = xstrdup(store_error(st));
}

enum store_fault
store_fault(const struct store *st)
{
	return st->fault;
}

void
store_set_fault(struct store *st, enum store_fault fault)
{
	st->fault = fault;
}

void
store_set_cache(struct store *st, int mib)
{
	char	pragma[64];

	snprintf(pragma, sizeof pragma, "PRAGMA cache_size = %d",
	    -1024 * mib);
	sqlite3_exec(st->db, pragma, NULL, NULL, NULL);
}

int
store_set_bulk(struct store *st, int on, char **cause)
{
	int	rc;

	if (st->in_tx)
		fatal("bulk mode changed inside a transaction");
	st->bulk = on;
	rc = sqlite3_exec(st->db, on ? "PRAGMA journal_mode = MEMORY;"
	    "PRAGMA synchronous = OFF" : "PRAGMA synchronous = FULL;"
	    "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		store_sqlite_error(st, rc, "saving");
		store_cause(st, cause);
		return -1;
	}
	return 0;
}

void
store_set_deferred(struct store *st, int on)
{
	if (st->in_tx)
		fatal("deferred mode changed inside a transaction");
	st->bulk = on;
}

/*
 * Indexes whose keys come in no order (random ids), which a bulk
 * transaction drops as it begins and makes again as it commits: sorting
 * two million keys once is far quicker than keeping them in order row by
 * row (BENCHMARKS.md). Nothing reads them meanwhile: the fold runs no
 * after-hooks in bulk mode, and the commit makes them before it works out
 * what the hooks would have.
 */
static const char *const store_deferred[] = {
	"contact_by", "contact_follow_at", "contact_recent",
};
#define STORE_NDEFERRED (sizeof store_deferred / sizeof store_deferred[0])

/* Forget the indexes a bulk transaction dropped (made again or rolled back). */
static void
store_bulk_forget(struct store *st)
{
	size_t	i;

	for (i = 0; i < st->ndeferred; i++)
		free(st->deferred[i]);
	free(st->deferred);
	st->deferred = NULL;
	st->ndeferred = 0;
}

/*
 * Drop the deferred indexes, keeping the SQL the schema made them with so
 * that the commit makes them again exactly as they were.
 */
static int
store_bulk_drop(struct store *st)
{
	struct query	*q;
	char		*sql;
	size_t		 i;
	int		 rc;

	st->deferred = xcalloc(STORE_NDEFERRED, sizeof *st->deferred);
	for (i = 0; i < STORE_NDEFERRED; i++) {
		q = query_prepare(st, "SELECT sql FROM sqlite_schema WHERE "
		    "type = 'index' AND name = ?1 AND sql IS NOT NULL");
		query_bind_text(q, 1, store_deferred[i]);
		if ((rc = query_step(q)) == 1)
			st->deferred[st->ndeferred++] = query_text_dup(q, 0);
		query_done(q);
		if (rc < 0)
			return -1;
		if (rc == 0)
			continue;	/* a schema without it */
		/* Only the constant names above go into SQL. */
		sql = xconcat("DROP INDEX ", store_deferred[i], NULL);
		rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
		free(sql);
		if (rc != SQLITE_OK) {
			store_sqlite_error(st, rc, "starting to save");
			return -1;
		}
	}
	return 0;
}

/*
 * Before a bulk transaction commits: make the deferred indexes again,
 * then the derived state and the search index, each in one pass.
 */
static int
store_bulk_finish(struct store *st, char **cause)
{
	size_t	i;
	int	rc;

	for (i = 0; i < st->ndeferred; i++) {
		rc = sqlite3_exec(st->db, st->deferred[i], NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			store_sqlite_error(st, rc, "indexing");
			store_cause(st, cause);
			return -1;
		}
	}
	store_bulk_forget(st);
	if (fold_bulk_finish(st, cause) != 0)
		return -1;
	return search_rebuild(st, cause);
}

const struct id *
store_judge_own(const struct store *st)
{
	return st->has_own ? &st->own : &st->site;
}

const struct id *
store_site(const struct store *st)
{
	return &st->site;
}

const char *
store_site_name(const struct store *st)
{
	return st->site_name;
}

void
store_set_author(struct store *st, const struct id *id)
{
	if (id == NULL)
		memset(&st->author, 0, sizeof st->author);
	else
		st->author = *id;
}

const struct id *
store_author(const struct store *st)
{
	return &st->author;
}

/* Does the file start as every SQLite database does? */
static int
store_has_magic(const char *path)
{
	static const char	magic[16] = "SQLite format 3";
	char			buf[16];
	FILE			*f;
	size_t			n = 0;

	if ((f = fopen(path, "rb")) != NULL) {
		n = fread(buf, 1, sizeof buf, f);
		fclose(f);
	}
	return n == sizeof buf && memcmp(buf, magic, sizeof buf) == 0;
}

/*
 * Refuse a file that is not SQLite, or is a SQLite database of something
 * else, before any pragma writes to it.
 */
static int
store_check_kind(struct store *st, char **cause)
{
	sqlite3_stmt	*s = NULL;
	int		 rc, version = 0, tables = 0;

	rc = sqlite3_prepare_v2(st->db, "SELECT (SELECT count(*) FROM "
	    "sqlite_schema), (SELECT user_version FROM pragma_user_version)",
	    -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		tables = sqlite3_column_int(s, 0);
		version = sqlite3_column_int(s, 1);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	st->fault = STORE_EDB;
	if ((rc & 0xff) == SQLITE_NOTADB && !store_has_magic(st->path)) {
		xasprintf(cause, "%s is not a oneteam database (it is not a "
		    "SQLite file)", st->path);
		return -1;
	}
	if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT) {
		xasprintf(cause, "%s is damaged and cannot be read: restore "
		    "it from a backup", st->path);
		return -1;
	}
	if (rc != SQLITE_OK) {
		store_sqlite_error(st, rc, "opening it");
		store_cause(st, cause);
		return -1;
	}
	if (version == 0 && tables > 0) {
		xasprintf(cause, "%s is a SQLite database of another program, "
		    "not oneteam's", st->path);
		return -1;
	}
	st->fault = STORE_OK;
	return 0;
}

static int
store_pragmas(struct store *st, int flags, char **cause)
{
	char	*err = NULL;

	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	sqlite3_extended_result_codes(st->db, 1);
	/* A 32 MiB page cache keeps a borough's indexes in memory. */
	if (sqlite3_exec(st->db, "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = FULL; PRAGMA cache_size = -32768;"
	    "PRAGMA temp_store = MEMORY;", NULL, NULL, &err) != SQLITE_OK)
		goto fail;
	if (!(flags & STORE_READONLY) && sqlite3_exec(st->db,
	    "PRAGMA journal_mode = WAL", NULL, NULL, &err) != SQLITE_OK)
		goto fail;
	return 0;
fail:
	xasprintf(cause, "%s: %s", st->path, err != NULL ? err :
	    sqlite3_errmsg(st->db));
	sqlite3_free(err);
	st->fault = STORE_EDB;
	return -1;
}

/* Read this replica's identity, creating it in a new database. */
static int
store_local(struct store *st, const char *site_name, char **cause)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "SELECT site, site_name FROM local WHERE id = 1");
	if ((rc = query_step(q)) == 1) {
		st->site = query_id(q, 0);
		st->site_name = xstrdup(query_text(q, 1));
	}
	query_done(q);
	if (rc != 0) {
		if (rc < 0)
			store_cause(st, cause);
		return rc < 0 ? -1 : 0;
	}
	id_random(&st->site);
	st->site_name = xstrdup(site_name != NULL && *site_name != '\0' ?
	    site_name : "site");
	q = query_prepare(st, "INSERT INTO local (id, site, site_name, "
	    "next_seq, hlc, created, digest) VALUES (1, ?, ?, 1, 0, ?, "
	    "zeroblob(32))");
	query_bind_id(q, 1, &st->site);
	query_bind_text(q, 2, st->site_name);
	query_bind_int(q, 3, clock_now_ms());
	rc = query_step(q);
	query_done(q);
	if (rc < 0) {
		store_cause(st, cause);
		return -1;
	}
	return 0;
}

/*
 * Is this file the one this site took its id in? A copy of the database,
 * or a backup put back, is another file (another inode): it would reuse
 * sequence numbers its original has used or will use, so it takes a new
 * site id here, before it records anything, and says so.
 */
static int
store_check_copy(struct store *st, char **cause)
{
	struct query	*q;
	struct stat	 sb;
	char		 was[27], now[27];
	int64_t		 inode = 0;
	int		 rc, known = 0;

	if (stat(st->path, &sb) != 0)
		return 0;	/* :memory: and the like */
	q = query_prepare(st, "SELECT inode FROM local WHERE id = 1");
	if ((rc = query_step(q)) == 1 && !query_is_null(q, 0)) {
		inode = query_int(q, 0);
		known = 1;
	}
	query_done(q);
	if (rc < 0)
		goto fail;
	if (known && inode == (int64_t)sb.st_ino)
		return 0;
	if (store_begin(st, cause) != 0)
		return -1;
	if (known) {
		id_base32(&st->site, was);
		if (store_new_site(st, cause) != 0) {
			store_rollback(st);
			return -1;
		}
		id_base32(&st->site, now);
	}
	q = query_prepare(st, "UPDATE local SET inode = ?1 WHERE id = 1");
	query_bind_int(q, 1, (int64_t)sb.st_ino);
	rc = query_step(q);
	query_done(q);
	if (rc < 0) {
		store_cause(st, cause);
		store_rollback(st);
		return -1;
	}
	if (store_commit(st, cause) != 0)
		return -1;
	if (known)
		xasprintf(&st->notice, "%s is a copy of site %.8s's database "
		    "(or a backup put back): it is now a site of its own, "
		    "%.8s", st->path, was, now);
	return 0;
fail:
	store_cause(st, cause);
	return -1;
}

/* Open the SQLite file itself, refusing a missing one unless creating. */
static int
store_connect(struct store *st, int flags, char **cause)
{
	struct stat	sb;
	int		oflags;

	if (strcmp(st->path, ":memory:") == 0)
		oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	else if (stat(st->path, &sb) != 0) {
		if (errno != ENOENT || !(flags & STORE_CREATE)) {
			xasprintf(cause, "cannot open database %s: %s%s",
			    st->path, strerror(errno), errno == ENOENT ?
			    " (make one with oneteam init or oneteam demo)" :
			    "");
			return -1;
		}
		if (store_mkdirs(st->path, cause) != 0 ||
		    store_create_file(st->path, cause) != 0)
			return -1;
	} else if (S_ISDIR(sb.st_mode)) {
		xasprintf(cause, "database %s is a directory", st->path);
		return -1;
	} else if (!(flags & STORE_READONLY) &&
	    store_writable(st->path) != 0) {
		xasprintf(cause, "database %s is read-only: nothing can be "
		    "saved to it", st->path);
		return -1;
	}
	if (strcmp(st->path, ":memory:") != 0)
		oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY :
		    SQLITE_OPEN_READWRITE | (flags & STORE_CREATE ?
		    SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(st->path, &st->db, oflags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		xasprintf(cause, "cannot open database %s: %s", st->path,
		    st->db != NULL ? sqlite3_errmsg(st->db) : "out of memory");
		return -1;
	}
	return 0;
}

/*
 * Reopen a database that must only be read and cannot be written where it
 * lies (a read-only stick or folder): SQLite cannot make its shared-memory
 * file there, so it is opened as immutable, which it is to us.
 */
static int
store_reopen_immutable(struct store *st, char **cause)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	char			*uri, *o;

	uri = o = xmalloc(strlen(st->path) * 3 + 32);
	o = stpcpy(o, "file:");
	for (p = (const unsigned char *)st->path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20) {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 0xf];
		} else
			*o++ = (char)*p;
	}
	strcpy(o, "?immutable=1");
	sqlite3_close(st->db);
	st->db = NULL;
	if (sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		xasprintf(cause, "cannot open database %s: %s", st->path,
		    st->db != NULL ? sqlite3_errmsg(st->db) : "out of memory");
		free(uri);
		return -1;
	}
	free(uri);
	return 0;
}

struct store *
store_open(const char *path, int flags, const char *site_name, char **cause)
{
	struct store	*st;

	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->fault = STORE_EDB;
	store_set_generation(st, 0);
	if (store_connect(st, flags, cause) != 0)
		goto fail;
	if ((flags & STORE_READONLY) && store_writable(st->path) != 0 &&
	    store_reopen_immutable(st, cause) != 0)
		goto fail;
	if (store_check_kind(st, cause) != 0 ||
	    store_pragmas(st, flags, cause) != 0)
		goto fail;
	if (flags & STORE_READONLY) {
		/* Never migrate through a read-only connection. */
		if (migrate_check(st->db, st->path, cause) != 0)
			goto fail;
	} else if (migrate_run(st->db, st->path, cause) != 0)
		goto fail;
	if (store_local(st, site_name, cause) != 0)
		goto fail;
	if (!(flags & STORE_READONLY) && (store_check_copy(st, cause) != 0 ||
	    hlc_check(st, cause) != 0))
		goto fail;
	if ((flags & (STORE_READONLY | STORE_RENAME)) == STORE_RENAME &&
	    site_rename(st, site_name, cause) != 0)
		goto fail;
	st->fault = STORE_OK;
	return st;
fail:
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	store_rollback(st);
	store_set_signer(st, NULL, NULL);
	query_free_all(st);
	if (st->db != NULL)
		sqlite3_close(st->db);
	free(st->site_name);
	free(st->notice);
	free(st->mark);
	free(st->refused);
	free(st->path);
	free(st);
}

int
store_begin(struct store *st, char **cause)
{
	int	rc;

	if (st->in_tx)
		fatal("transaction already open");
	if ((rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL,
	    NULL)) != SQLITE_OK) {
		store_sqlite_error(st, rc, "starting to save");
		store_cause(st, cause);
		return -1;
	}
	st->in_tx = 1;
	fold_gates_forget(st);
	if (st->bulk && store_bulk_drop(st) != 0) {
		store_cause(st, cause);
		store_rollback(st);
		return -1;
	}
	return 0;
}

int
store_begin_read(struct store *st, char **cause)
{
	int	rc;

	if (st->in_tx)
		fatal("transaction already open");
	/* Deferred: a snapshot from the first read, no lock on writers. */
	if ((rc = sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL)) !=
	    SQLITE_OK) {
		store_sqlite_error(st, rc, "starting to read");
		store_cause(st, cause);
		return -1;
	}
	st->in_tx = 1;
	return 0;
}

/*
 * This site's next sequence and clock are read once a transaction and
 * written back at commit, not once an operation.
 */
int
store_local_load(struct store *st, char **cause)
{
	struct query	*q;
	int		 rc, scan = 0;

	if (st->local_loaded)
		return 0;
	q = query_prepare(st, "SELECT next_seq, hlc, digest, site FROM local "
	    "WHERE id = 1");
	if ((rc = query_step(q)) == 1) {
		st->next_seq = (uint64_t)query_int(q, 0);
		st->hlc = (uint64_t)query_int(q, 1);
		st->seq_loaded = st->next_seq;
		/* Another oneteam on this file may have taken a new site id
		 * (a restore found at import): number changes under it. */
		st->site = query_id(q, 3);
		if (sqlite3_column_bytes(q->stmt, 2) == 32)
			memcpy(st->digest, sqlite3_column_blob(q->stmt, 2), 32);
		else
			scan = 1;	/* a log from before it was kept */
	}
	query_done(q);
	if (rc != 1) {
		store_cause(st, cause);
		return -1;
	}
	if (scan && oplog_digest_scan(st, st->digest, cause) != 0)
		return -1;
	/* This site's next change follows its last (op.h). */
	memset(&st->prev, 0, sizeof st->prev);
	if (st->next_seq > 1 && oplog_link_of(st, &st->site, st->next_seq - 1,
	    &st->prev) < 0) {
		store_cause(st, cause);
		return -1;
	}
	st->local_loaded = 1;
	st->local_dirty = scan;
	return 0;
}

static int
store_local_save(struct store *st, char **cause)
{
	struct query	*q;
	int		 rc;

	if (!st->local_dirty)
		return 0;
	q = query_prepare(st, "UPDATE local SET next_seq = ?1, hlc = ?2, "
	    "digest = ?3 WHERE id = 1");
	query_bind_int(q, 1, (int64_t)st->next_seq);
	query_bind_int(q, 2, (int64_t)st->hlc);
	sqlite3_bind_blob(q->stmt, 3, st->digest, 32, SQLITE_STATIC);
	rc = query_step(q);
	query_done(q);
	if (rc < 0) {
		store_cause(st, cause);
		return -1;
	}
	return 0;
}

int
store_digest(struct store *st, uint8_t out[32], char **cause)
{
	int	in_tx = st->in_tx;

	if (store_local_load(st, cause) != 0)
		return -1;
	memcpy(out, st->digest, 32);
	/* Outside a transaction, nothing loaded may be kept for later. */
	if (!in_tx)
		st->local_loaded = st->local_dirty = 0;
	return 0;
}

const char *
store_notice(const struct store *st)
{
	return st->notice;
}

void
store_notice_add(struct store *st, const char *fmt, ...)
{
	va_list	 ap;
	char	*add, *old = st->notice;

	va_start(ap, fmt);
	xvasprintf(&add, fmt, ap);
	va_end(ap);
	if (old == NULL) {
		st->notice = add;
		return;
	}
	xasprintf(&st->notice, "%s; %s", old, add);
	free(old);
	free(add);
}

int
store_commit(struct store *st, char **cause)
{
	int	rc, made;

	if ((st->bulk && store_bulk_finish(st, cause) != 0) ||
	    store_local_save(st, cause) != 0) {
		store_rollback(st);
		return -1;
	}
	made = st->local_loaded && (st->next_seq != st->seq_loaded ||
	    st->site_changed);
	st->local_loaded = st->local_dirty = 0;
	if ((rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL)) !=
	    SQLITE_OK) {
		store_sqlite_error(st, rc, "saving");
		store_cause(st, cause);
		store_rollback(st);
		return -1;
	}
	st->in_tx = 0;
	st->site_changed = 0;
	if (made)
		mark_write(st, &st->site, st->next_seq - 1);
	return 0;
}

int
store_in_tx(const struct store *st)
{
	return st->in_tx;
}

void
store_rollback(struct store *st)
{
	if (st->db != NULL && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_tx = 0;
	st->local_loaded = st->local_dirty = 0;
	fold_gates_forget(st);
	if (st->site_changed) {
		st->site = st->site_before;
		st->site_changed = 0;
	}
	store_bulk_forget(st);
}
