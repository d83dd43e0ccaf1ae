/*
 * query.c owns prepared statements: a cache keyed by the SQL text's
 * address (callers pass string literals), binding, stepping and reading.
 * It lets the core run SQL without including <sqlite3.h>.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "oneteam/xmalloc.h"

static size_t
query_bucket(const char *sql)
{
	return ((uintptr_t)sql >> 4) % QUERY_BUCKETS;
}

/*
 * Return a prepared statement for sql. A statement already handed out
 * (a query run inside the loop of the same query) gets a fresh one that is
 * finalised when done.
 */
struct query *
query_prepare(struct store *st, const char *sql)
{
	struct query	*q;
	size_t		 b = query_bucket(sql);
	int		 found = 0;

	for (q = st->cache[b]; q != NULL; q = q->next) {
		if (q->sql != sql)
			continue;
		if (!q->busy) {
			q->busy = 1;
			return q;
		}
		found = 1;
	}
	q = xcalloc(1, sizeof *q);
	q->st = st;
	q->sql = sql;
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &q->stmt, NULL) != SQLITE_OK)
		fatal("cannot prepare SQL (%s): %s", sqlite3_errmsg(st->db), sql);
	q->busy = 1;
	if (!found) {
		q->cached = 1;
		q->next = st->cache[b];
		st->cache[b] = q;
	}
	return q;
}

void
query_done(struct query *q)
{
	if (q == NULL)
		return;
	if (!q->cached) {
		sqlite3_finalize(q->stmt);
		free(q);
		return;
	}
	sqlite3_reset(q->stmt);
	sqlite3_clear_bindings(q->stmt);
	q->busy = 0;
}

/* Finalise every cached statement (before closing the database). */
void
query_free_all(struct store *st)
{
	struct query	*q, *next;
	size_t		 b;

	for (b = 0; b < QUERY_BUCKETS; b++) {
		for (q = st->cache[b]; q != NULL; q = next) {
			next = q->next;
			sqlite3_finalize(q->stmt);
			free(q);
		}
		st->cache[b] = NULL;
	}
}

void
query_bind_int(struct query *q, int i, int64_t v)
{
	sqlite3_bind_int64(q->stmt, i, v);
}

void
query_bind_place(struct query *q, int i, const struct op *at)
{
	query_bind_int(q, i, (int64_t)at->hlc);
	query_bind_id(q, i + 1, &at->origin);
	query_bind_int(q, i + 2, (int64_t)at->seq);
}

void
query_bind_text(struct query *q, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(q->stmt, i);
	else
		sqlite3_bind_text(q->stmt, i, s, -1, SQLITE_TRANSIENT);
}

void
query_bind_blob(struct query *q, int i, const void *p, size_t len)
{
	if (p == NULL)
		sqlite3_bind_null(q->stmt, i);
	else
		sqlite3_bind_blob(q->stmt, i, p, (int)len, SQLITE_TRANSIENT);
}

void
query_bind_id(struct query *q, int i, const struct id *id)
{
	if (id == NULL || id_is_zero(id))
		sqlite3_bind_null(q->stmt, i);
	else
		sqlite3_bind_blob(q->stmt, i, id->b, ID_LEN, SQLITE_TRANSIENT);
}

void
query_bind_id_static(struct query *q, int i, const struct id *id)
{
	if (id == NULL || id_is_zero(id))
		sqlite3_bind_null(q->stmt, i);
	else
		sqlite3_bind_blob(q->stmt, i, id->b, ID_LEN, SQLITE_STATIC);
}

void
query_bind_val(struct query *q, int i, const struct val *v)
{
	switch (v->type) {
	case VAL_NULL:
		sqlite3_bind_null(q->stmt, i);
		break;
	case VAL_INT:
		query_bind_int(q, i, v->i);
		break;
	case VAL_TEXT:
		query_bind_text(q, i, v->s);
		break;
	case VAL_ID:
		query_bind_id(q, i, &v->id);
		break;
	}
}

void
query_bind_val_static(struct query *q, int i, const struct val *v)
{
	switch (v->type) {
	case VAL_TEXT:
		sqlite3_bind_text(q->stmt, i, v->s, -1, SQLITE_STATIC);
		break;
	case VAL_ID:
		sqlite3_bind_blob(q->stmt, i, v->id.b, ID_LEN, SQLITE_STATIC);
		break;
	default:
		query_bind_val(q, i, v);
		break;
	}
}

int
query_step(struct query *q)
{
	int	rc;

	rc = sqlite3_step(q->stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	store_sqlite_error(q->st, rc, NULL);
	return -1;
}

int
query_is_null(struct query *q, int col)
{
	return sqlite3_column_type(q->stmt, col) == SQLITE_NULL;
}

int64_t
query_int(struct query *q, int col)
{
	return sqlite3_column_int64(q->stmt, col);
}

const char *
query_text(struct query *q, int col)
{
	const unsigned char	*s = sqlite3_column_text(q->stmt, col);

	return s == NULL ? "" : (const char *)s;
}

const char *
query_text_or_null(struct query *q, int col)
{
	if (query_is_null(q, col))
		return NULL;
	return query_text(q, col);
}

char *
query_text_dup(struct query *q, int col)
{
	const char	*s = query_text_or_null(q, col);

	return s != NULL ? xstrdup(s) : NULL;
}

const void *
query_blob(struct query *q, int col, size_t *len)
{
	const void	*p = sqlite3_column_blob(q->stmt, col);

	*len = (size_t)sqlite3_column_bytes(q->stmt, col);
	return p;
}

struct id
query_id(struct query *q, int col)
{
	struct id	 id;
	const void	*p = sqlite3_column_blob(q->stmt, col);

	memset(&id, 0, sizeof id);
	if (p != NULL && sqlite3_column_bytes(q->stmt, col) == ID_LEN)
		memcpy(id.b, p, ID_LEN);
	return id;
}

int64_t
query_count(struct query *q)
{
	int64_t	n = -1;

	if (query_step(q) == 1)
		n = query_int(q, 0);
	query_done(q);
	return n;
}
