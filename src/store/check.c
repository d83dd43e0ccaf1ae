/*
 * check.c owns `oneteam check`: proving a store is whole. It reads
 * everything and changes nothing: SQLite's own integrity check, each
 * operation against its id and columns, this site's sequence, the tables
 * against a fresh fold of the log in memory, and the search index. And
 * `oneteam check --repair`: the tables folded again from the log.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store-private.h"
#include "oneteam/kinds.h"
#include "oneteam/search.h"
#include "oneteam/xmalloc.h"

struct check {
	struct store	*st;
	void		(*report)(const char *, void *);
	void		*arg;
	int		 problems;
};

static void
check_problem(struct check *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
check_problem(struct check *c, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	c->report(s, c->arg);
	free(s);
	c->problems++;
}

static int
check_sqlite(struct check *c)
{
	struct query	*q;
	const char	*msg;
	int		 rc;

	q = query_prepare(c->st, "PRAGMA integrity_check(20)");
	while ((rc = query_step(q)) == 1) {
		msg = query_text(q, 0);
		if (strcmp(msg, "ok") != 0)
			check_problem(c, "database: %s", msg);
	}
	query_done(q);
	return rc;
}

/* Each operation decodes canonically, hashes to its id, matches its row. */
static int
check_ops(struct check *c)
{
	struct query	*q;
	struct op	 op;
	const void	*enc, *id;
	size_t		 len, idlen;
	char		*why = NULL;
	int		 rc;

	q = query_prepare(c->st, "SELECT enc, id, origin, seq, hlc, etype, "
	    "entity, seq FROM op ORDER BY rowid");
	while ((rc = query_step(q)) == 1) {
		enc = query_blob(q, 0, &len);
		id = query_blob(q, 1, &idlen);
		if (op_decode(enc, len, &op, &why) != 0) {
			check_problem(c, "operation %lld: %s",
			    (long long)query_int(q, 3), why);
			free(why);
			why = NULL;
			continue;
		}
		if (idlen != OP_ID_LEN || memcmp(id, op.id.b, OP_ID_LEN) != 0)
			check_problem(c, "operation %lld: its id does not "
			    "match its content", (long long)op.seq);
		else if (id_cmp(&op.origin, &(struct id){ 0 }) == 0 ||
		    (uint64_t)query_int(q, 3) != op.seq ||
		    (uint64_t)query_int(q, 4) != op.hlc ||
		    strcmp(query_text(q, 5), op.etype) != 0 ||
		    id_cmp(&op.entity, &(struct id){ 0 }) == 0)
			check_problem(c, "operation %lld: its row does not "
			    "match its content", (long long)op.seq);
		op_free(&op);
	}
	query_done(q);
	return rc;
}

/* This site's operations are numbered 1 .. next_seq - 1 without a gap. */
static int
check_sequence(struct check *c)
{
	struct query	*q;
	int64_t		 n = 0, max = 0, next = 0;
	int		 rc;

	q = query_prepare(c->st, "SELECT count(*), coalesce(max(seq), 0), "
	    "(SELECT next_seq FROM local) FROM op WHERE origin = "
	    "(SELECT site FROM local)");
	if ((rc = query_step(q)) == 1) {
		n = query_int(q, 0);
		max = query_int(q, 1);
		next = query_int(q, 2);
	}
	query_done(q);
	if (rc == 1 && (n != max || max != next - 1))
		check_problem(c, "this site's changes are numbered up to %lld "
		    "but %lld are held and the next is %lld",
		    (long long)max, (long long)n, (long long)next);
	return rc < 0 ? -1 : 0;
}

/* The digest kept as changes are logged is the sum of the log's ids. */
static int
check_digest(struct check *c, char **cause)
{
	uint8_t	kept[32], sum[32];

	if (store_digest(c->st, kept, cause) != 0 ||
	    oplog_digest_scan(c->st, sum, cause) != 0)
		return -1;
	if (memcmp(kept, sum, sizeof sum) != 0)
		check_problem(c, "the digest of the change log is not the one "
		    "kept: run oneteam check --repair");
	return 0;
}

/*
 * Copy the rows sql reads from one store into another's table by insert:
 * what the judge asks besides the log (this site, its team's root, the
 * keys sites sign with) is this replica's, and the refold must see it.
 */
static int
check_copy(struct store *from, struct store *to, const char *sql,
    const char *insert)
{
	sqlite3_stmt	*r = NULL, *w = NULL;
	int		 rc, i;

	rc = sqlite3_prepare_v2(from->db, sql, -1, &r, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(to->db, insert, -1, &w, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(r)) == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(r); i++)
			sqlite3_bind_value(w, i + 1, sqlite3_column_value(r, i));
		rc = sqlite3_step(w) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
		sqlite3_reset(w);
	}
	sqlite3_finalize(r);
	sqlite3_finalize(w);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Fold every operation afresh in memory; the tables must come out equal. */
static int
check_fold(struct check *c, char **cause)
{
	struct store	*mem;
	struct query	*q;
	uint8_t		 have[32], want[32];
	const void	*enc;
	size_t		 len;
	int		 rc = -1;

	if ((mem = store_open(":memory:", STORE_CREATE, "check",
	    cause)) == NULL)
		return -1;
	/* Judged as here, change by change as an import would. */
	mem->judge = c->st->judge;
	/* This site's changes are its own there too (admission.h). */
	mem->own = c->st->site;
	mem->has_own = 1;
	if (store_begin(mem, cause) != 0)
		goto out;
	if (check_copy(c->st, mem, "SELECT team, key_id, salt, opslimit, "
	    "memlimit, joined, root FROM team", "INSERT INTO team (id, team, "
	    "key_id, salt, opslimit, memlimit, joined, root) VALUES (1, ?1, "
	    "?2, ?3, ?4, ?5, ?6, ?7)") != 0 || check_copy(c->st, mem,
	    "SELECT origin, key, seen FROM site_key", "INSERT INTO site_key "
	    "(origin, key, seen) VALUES (?1, ?2, ?3)") != 0) {
		store_cause(mem, cause);
		goto out;
	}
	q = query_prepare(c->st, "SELECT enc FROM op ORDER BY rowid");
	while ((rc = query_step(q)) == 1) {
		enc = query_blob(q, 0, &len);
		if (store_apply(mem, enc, len, cause) < 0) {
			rc = -1;
			break;
		}
	}
	query_done(q);
	if (rc < 0) {
		if (*cause == NULL)
			store_cause(c->st, cause);
		goto out;
	}
	if (store_commit(mem, cause) != 0 ||
	    store_state_hash(mem, want, cause) != 0 ||
	    store_state_hash(c->st, have, cause) != 0)
		goto out;
	if (memcmp(have, want, sizeof have) != 0)
		check_problem(c, "the tables differ from what the change log "
		    "gives: run oneteam check --repair");
	rc = 0;
out:
	store_close(mem);
	return rc;
}

static int
check_search(struct check *c)
{
	static const char *const sql[] = {
		("INSERT INTO contact_fts (contact_fts) VALUES "
		    "('integrity-check')"),
		"INSERT INTO story_fts (story_fts) VALUES ('integrity-check')",
		"INSERT INTO family_fts (family_fts) VALUES ('integrity-check')",
	};
	size_t	i;

	for (i = 0; i < sizeof sql / sizeof sql[0]; i++)
		if (sqlite3_exec(c->st->db, sql[i], NULL, NULL, NULL) !=
		    SQLITE_OK)
			check_problem(c, "the search index is damaged: run "
			    "oneteam check --repair");
	return 0;
}

int
store_check(struct store *st, void (*report)(const char *, void *),
    void *arg, char **cause)
{
	struct check	c = { st, report, arg, 0 };

	if (check_sqlite(&c) < 0 || check_ops(&c) < 0 ||
	    check_sequence(&c) < 0) {
		store_cause(st, cause);
		return -1;
	}
	if (c.problems > 0)
		return c.problems;	/* a damaged file: refolding is moot */
	if (check_digest(&c, cause) != 0 || check_fold(&c, cause) != 0)
		return -1;
	check_search(&c);
	return c.problems;
}

/*
 * Empty every table the fold fills, for repair to fold the log again:
 * its own (the heads of registers, the bases of sets) and that of every
 * kind of record in the registry.
 */
static int
check_empty(struct store *st)
{
	const struct kind	*k;
	char			*sql;
	size_t			 i;
	int			 rc;

	if (sqlite3_exec(st->db, "DELETE FROM reg; DELETE FROM op_base; "
	    "DELETE FROM refused; DELETE FROM later", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	for (i = 0; i < kinds_count(); i++) {
		k = kinds_at(i);
		/* A constant name of the registry, not data. */
		sql = xconcat("DELETE FROM ", k->etype, NULL);
		rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
		free(sql);
		if (rc != SQLITE_OK)
			return -1;
	}
	return 0;
}

/* Fold the whole log again, inside the transaction open. */
int
check_refold(struct store *st, char **cause)
{
	struct query	*q;
	struct op	 op;
	const void	*enc;
	size_t		 len;
	int		 rc = 0;

	if (check_empty(st) != 0)
		goto fail;
	/* In the order of changes, each judged on those before it, all
	 * decided already: none needs deciding again (fold-judge.c). */
	st->replaying = 1;
	q = query_prepare(st, "SELECT enc FROM op ORDER BY hlc, origin, seq");
	while (rc == 0 && (rc = query_step(q)) == 1) {
		enc = query_blob(q, 0, &len);
		rc = op_decode(enc, len, &op, cause);
		if (rc == 0) {
			st->replay_at = &op;
			rc = fold_apply(st, &op, cause);
			st->replay_at = NULL;
			op_free(&op);
		}
	}
	query_done(q);
	st->replaying = 0;
	if (rc < 0 || search_rebuild(st, cause) != 0)
		goto fail;
	/* The digest, worked out again from the log. */
	if (store_local_load(st, cause) != 0 ||
	    oplog_digest_scan(st, st->digest, cause) != 0)
		goto fail;
	st->local_dirty = 1;
	/* Judged as it was folded, if there is a judge. */
	if (st->judge != NULL && sqlite3_exec(st->db, "UPDATE local SET "
	    "judged = 1", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	return 0;
fail:
	if (*cause == NULL)
		store_cause(st, cause);
	st->replaying = 0;
	return -1;
}

int
store_repair(struct store *st, char **cause)
{
	if (store_begin(st, cause) != 0)
		return -1;
	if (check_refold(st, cause) != 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, cause);
}
