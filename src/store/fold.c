/*
 * fold.c owns the meaning of operations: how an operation changes the
 * tables, for the kinds of record and fields the registry lists (kinds.c),
 * and the hash of the state they come to. The tables are a deterministic
 * fold of the set of operations, whatever order they come in
 * (ARCHITECTURE.md, "Sites and bundles"):
 *
 * - OP_NEW inserts the record. Records of append-only kinds (contacts,
 *   referral and flag events, ...) are never changed after.
 * - OP_SET writes a register field. The heads of a field are the set
 *   operations no other lists in its base, or the creating operation when
 *   there are none; the table shows the head with the greatest (clock,
 *   origin, id). More than one head is a conflict for review.
 * - A set that arrives before its record is kept in reg and takes effect
 *   when the record does.
 * - Derived state (current revision, a referral's status, a flag's
 *   acknowledgement, the search index) is recomputed from the rows, by
 *   each kind's after-hook (fold-derive.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store-private.h"
#include "oneteam/kinds.h"
#include "oneteam/xmalloc.h"

/*
 * What the fold keeps of each kind of the registry (kinds.h): its
 * after-hook (fold-derive.c) and its statements, built from the
 * registry's constant names once, the first time the kind is used.
 */
struct edef {
	const char		*etype;		/* k's, at hand for the look-up */
	const struct kind	*k;
	fold_hook		 after;
	char			*insert;
	char			**update;	/* per field, registers only */
	char			**same;		/* per field: is it ?2 now */
	char			*get_op;
	char			*unmake;	/* its row, by id and op */
	char			*state;		/* every row, for the hash */
};

/* A kind each, in the registry's order. */
static struct edef	*edefs;
static size_t		 nedefs;

/* Build the statements of a kind the first time it is used. */
static void
fold_build(struct edef *e)
{
	const struct kind	*k = e->k;
	char			*cols, *params, num[16];
	size_t			 i, clen = 0;

	for (i = 0; i < k->nfields; i++)
		clen += strlen(k->fields[i].name) + 2;
	cols = xcalloc(1, clen + 1);
	params = xcalloc(1, k->nfields * 8 + 1);
	e->update = xcalloc(k->nfields, sizeof *e->update);
	e->same = xcalloc(k->nfields, sizeof *e->same);
	for (i = 0; i < k->nfields; i++) {
		strcat(cols, ", ");
		strcat(cols, k->fields[i].name);
		snprintf(num, sizeof num, ", ?%zu", i + 6);
		strcat(params, num);
		if (k->fields[i].reg) {
			/* Only the registry's constant names go into SQL. */
			e->update[i] = xconcat("UPDATE ", k->etype, " SET ",
			    k->fields[i].name, " = ?2 WHERE id = ?1", NULL);
			e->same[i] = xconcat("SELECT ", k->fields[i].name,
			    " IS ?2 FROM ", k->etype, " WHERE id = ?1", NULL);
		}
	}
	e->insert = xconcat("INSERT INTO ", k->etype, " (id, op, created, "
	    "created_by, hlc", cols, ") VALUES (?1, ?2, ?3, ?4, ?5", params,
	    ")", NULL);
	e->get_op = xconcat("SELECT op FROM ", k->etype, " WHERE id = ?1",
	    NULL);
	e->unmake = xconcat("DELETE FROM ", k->etype, " WHERE id = ?1 AND "
	    "op = ?2", NULL);
	e->state = xconcat("SELECT * FROM ", k->etype, " ORDER BY id", NULL);
	e->after = fold_derive_hook(k->etype);
	free(cols);
	free(params);
}

/* The fold's own of each kind, the first time one is asked for. */
static void
fold_kinds(void)
{
	size_t	i;

	nedefs = kinds_count();
	edefs = xcalloc(nedefs, sizeof *edefs);
	for (i = 0; i < nedefs; i++) {
		edefs[i].k = kinds_at(i);
		edefs[i].etype = edefs[i].k->etype;
	}
}

static struct edef *
fold_edef(const char *etype)
{
	size_t	i;

	if (edefs == NULL)
		fold_kinds();
	for (i = 0; i < nedefs; i++) {
		if (strcmp(edefs[i].etype, etype) == 0) {
			if (edefs[i].insert == NULL)
				fold_build(&edefs[i]);
			return &edefs[i];
		}
	}
	return NULL;
}

static int
fold_field(const struct edef *e, const char *name)
{
	size_t	i;

	for (i = 0; i < e->k->nfields; i++)
		if (strcmp(e->k->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Does the value's type fit the field? Null fits any. */
static int
fold_type_ok(const struct kind_field *f, const struct val *v)
{
	switch (v->type) {
	case VAL_NULL:
		return 1;
	case VAL_INT:
		return f->type == KIND_INT;
	case VAL_TEXT:
		return f->type == KIND_TEXT;
	case VAL_ID:
		return f->type == KIND_ID;
	}
	return 0;
}

int
fold_can(const struct store *st, const struct op *op, char **cause)
{
	const struct edef	*e;
	const struct kind_field	*f;
	size_t			 i;
	int			 fi, rc = FOLD_ALL;
	const int		 later = op->made > st->generation;

	if (op->opaque)
		return FOLD_LATER;	/* only a later generation's is */
	if ((e = fold_edef(op->etype)) == NULL ||
	    !kinds_known(e->k->since, st->generation)) {
		if (later)
			return FOLD_LATER;
		xasprintf(cause, "unknown kind of record \"%s\"", op->etype);
		return -1;
	}
	/* A field this build knows is of its type whoever made the change
	 * (a later generation adds fields, never retypes one); one it does
	 * not know waits for it, if a later generation made it. */
	if (op->kind == OP_SET) {
		fi = fold_field(e, op->field);
		f = fi < 0 ? NULL : &e->k->fields[fi];
		if (f != NULL && kinds_known(f->since, st->generation)) {
			if (f->reg && fold_type_ok(f, &op->value))
				return FOLD_ALL;
		} else if (later)
			return FOLD_LATER;
		xasprintf(cause, "%s field %s cannot be set to that",
		    e->k->etype, op->field);
		return -1;
	}
	for (i = 0; i < op->nfields; i++) {
		fi = fold_field(e, op->fields[i].name);
		f = fi < 0 ? NULL : &e->k->fields[fi];
		if (f != NULL && kinds_known(f->since, st->generation)) {
			if (fold_type_ok(f, &op->fields[i].v))
				continue;
		} else if (later) {
			rc = FOLD_PART;		/* left out */
			continue;
		}
		xasprintf(cause, "%s has no field %s of that type",
		    e->k->etype, op->fields[i].name);
		return -1;
	}
	return rc;
}

int
store_op_valid(const struct store *st, const struct op *op, char **cause)
{
	return fold_can(st, op, cause) < 0 ? -1 : 0;
}

int
fold_fail(struct store *st, char **cause)
{
	store_cause(st, cause);
	return -1;
}

int
fold_exec(struct store *st, struct query *q, char **cause)
{
	int	rc = query_step(q);

	query_done(q);
	return rc < 0 ? fold_fail(st, cause) : 0;
}

/* Show the winning head of a register field in the table, if it has any. */
static int
fold_materialise(struct store *st, const struct edef *e, int fi,
    const struct id *entity, char **cause)
{
	struct query	*q, *u;
	int		 rc;

	q = query_prepare(st, "SELECT value FROM reg WHERE entity = ?1 AND "
	    "field = ?2 ORDER BY hlc DESC, origin DESC, op DESC LIMIT 1");
	query_bind_id(q, 1, entity);
	query_bind_text(q, 2, e->k->fields[fi].name);
	if ((rc = query_step(q)) == 1) {
		u = query_prepare(st, e->update[fi]);
		query_bind_id(u, 1, entity);
		sqlite3_bind_value(u->stmt, 2, sqlite3_column_value(q->stmt, 0));
		rc = query_step(u);
		query_done(u);
	}
	query_done(q);
	return rc < 0 ? fold_fail(st, cause) : 0;
}

/* Materialise every register of an entity that has heads in reg. */
static int
fold_materialise_all(struct store *st, const struct edef *e,
    const struct id *entity, char **cause)
{
	struct query	*q;
	int		 rc, fi;

	q = query_prepare(st, "SELECT DISTINCT field FROM reg WHERE "
	    "entity = ?1");
	query_bind_id(q, 1, entity);
	while ((rc = query_step(q)) == 1) {
		fi = fold_field(e, query_text(q, 0));
		if (fi >= 0 && e->k->fields[fi].reg &&
		    fold_materialise(st, e, fi, entity, cause) != 0) {
			query_done(q);
			return -1;
		}
	}
	query_done(q);
	return rc < 0 ? fold_fail(st, cause) : 0;
}

static int
fold_new(struct store *st, const struct edef *e, const struct op *op,
    char **cause)
{
	struct query	*q;
	size_t		 i;
	int		 fi;

	q = query_prepare(st, e->insert);
	query_bind_id_static(q, 1, &op->entity);
	sqlite3_bind_blob(q->stmt, 2, op->id.b, OP_ID_LEN, SQLITE_STATIC);
	query_bind_int(q, 3, op_when(op));
	query_bind_id_static(q, 4, &op->author);
	query_bind_int(q, 5, (int64_t)op->hlc);
	/* fold_can() said it may be folded, but for the fields of a later
	 * generation: those are left out. */
	for (i = 0; i < op->nfields; i++) {
		fi = fold_field(e, op->fields[i].name);
		if (fi >= 0 && kinds_known(e->k->fields[fi].since,
		    st->generation))
			query_bind_val_static(q, fi + 6, &op->fields[i].v);
		/* The first revision of a record a reference names every
		 * revision of (a contact) names none: it is its own, written
		 * as it is made, not once more by its after-hook. */
		if (fi >= 0 && e->k->ref_column != NULL &&
		    op->fields[i].v.type == VAL_NULL &&
		    strcmp(op->fields[i].name, e->k->ref_column) == 0)
			query_bind_id_static(q, fi + 6, &op->entity);
	}
	if (query_step(q) < 0) {
		query_done(q);
		if ((sqlite3_extended_errcode(st->db)) ==
		    SQLITE_CONSTRAINT_PRIMARYKEY) {
			xasprintf(cause, "%s record created twice", e->k->etype);
			return -1;
		}
		return fold_fail(st, cause);
	}
	query_done(q);
	st->last_rowid = sqlite3_last_insert_rowid(st->db);
	if (e->k->append_only)
		return 0;	/* nothing of it can have been set early */
	return fold_materialise_all(st, e, &op->entity, cause);
}

static int
fold_set(struct store *st, const struct edef *e, const struct op *op,
    char **cause)
{
	struct query	*q;
	size_t		 i;
	int		 fi, superseded;

	fi = fold_field(e, op->field);
	if (fi < 0 || !e->k->fields[fi].reg ||
	    !fold_type_ok(&e->k->fields[fi], &op->value)) {
		xasprintf(cause, "%s field %s cannot be set to that", e->k->etype,
		    op->field);
		return -1;
	}
	for (i = 0; i < op->nbase; i++) {
		q = query_prepare(st, "INSERT OR IGNORE INTO op_base (base, op) "
		    "VALUES (?1, ?2)");
		sqlite3_bind_blob(q->stmt, 1, op->base[i].b, OP_ID_LEN,
		    SQLITE_STATIC);
		sqlite3_bind_blob(q->stmt, 2, op->id.b, OP_ID_LEN,
		    SQLITE_STATIC);
		if (fold_exec(st, q, cause) != 0)
			return -1;
		q = query_prepare(st, "DELETE FROM reg WHERE entity = ?1 AND "
		    "field = ?2 AND op = ?3");
		query_bind_id(q, 1, &op->entity);
		query_bind_text(q, 2, op->field);
		sqlite3_bind_blob(q->stmt, 3, op->base[i].b, OP_ID_LEN,
		    SQLITE_STATIC);
		if (fold_exec(st, q, cause) != 0)
			return -1;
	}
	/* Superseded by a set of this field seen after it: only one of
	 * the same record and field supersedes (a change made again for
	 * another record may still name what it saw of the first). */
	q = query_prepare(st, "SELECT 1 FROM op_base b WHERE b.base = ?1 AND "
	    "EXISTS (SELECT 1 FROM op o WHERE o.entity = ?2 AND o.field = ?3 "
	    "AND o.kind = 2 AND o.id = b.op)");
	sqlite3_bind_blob(q->stmt, 1, op->id.b, OP_ID_LEN, SQLITE_STATIC);
	query_bind_id(q, 2, &op->entity);
	query_bind_text(q, 3, op->field);
	if ((superseded = query_step(q)) < 0) {
		query_done(q);
		return fold_fail(st, cause);
	}
	query_done(q);
	if (superseded)
		return 0;
	q = query_prepare(st, "INSERT INTO reg (entity, field, op, hlc, origin, "
	    "author, value, etype) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	query_bind_id(q, 1, &op->entity);
	query_bind_text(q, 2, op->field);
	sqlite3_bind_blob(q->stmt, 3, op->id.b, OP_ID_LEN, SQLITE_STATIC);
	query_bind_int(q, 4, (int64_t)op->hlc);
	query_bind_id(q, 5, &op->origin);
	query_bind_id(q, 6, &op->author);
	query_bind_val(q, 7, &op->value);
	query_bind_text(q, 8, op->etype);
	if (fold_exec(st, q, cause) != 0)
		return -1;
	return fold_materialise(st, e, fi, &op->entity, cause);
}

int
fold_made_op(struct store *st, const struct op *op, struct op *made,
    char **cause)
{
	const struct edef	*e = fold_edef(op->etype);
	struct query		*q, *u;
	const void		*enc;
	size_t			 len;
	int			 rc;

	if (e == NULL || op->kind != OP_NEW)
		return 0;
	q = query_prepare(st, e->get_op);
	query_bind_id(q, 1, &op->entity);
	if ((rc = query_step(q)) != 1 || (query_blob(q, 0, &len) != NULL &&
	    len == OP_ID_LEN && memcmp(query_blob(q, 0, &len), op->id.b,
	    OP_ID_LEN) == 0)) {
		query_done(q);
		return rc < 0 ? fold_fail(st, cause) : 0;
	}
	u = query_prepare(st, "SELECT enc FROM op WHERE id = ?1");
	sqlite3_bind_value(u->stmt, 1, sqlite3_column_value(q->stmt, 0));
	if ((rc = query_step(u)) == 1) {
		enc = query_blob(u, 0, &len);
		if (op_decode(enc, len, made, cause) != 0)
			rc = -1;
	}
	query_done(u);
	query_done(q);
	if (rc < 0 && *cause == NULL)
		return fold_fail(st, cause);
	return rc;
}

int
fold_apply(struct store *st, const struct op *op, char **cause)
{
	if (st->judge != NULL)
		return fold_judged(st, op, cause);
	return fold_do(st, op, cause);
}

int
fold_do(struct store *st, const struct op *op, char **cause)
{
	const struct edef	*e;
	int			 rc;

	/* Kept by an older build, it may not be what this one reads: a
	 * fold of the log refuses it, and goes on. */
	if ((rc = fold_can(st, op, cause)) < 0)
		return st->replaying ? later_refuse(st, op, cause) : -1;
	if (rc != FOLD_ALL && later_keep(st, op, rc == FOLD_LATER,
	    cause) != 0)
		return -1;
	if (rc == FOLD_LATER)
		return 0;
	e = fold_edef(op->etype);
	if (op->kind == OP_NEW)
		rc = fold_new(st, e, op, cause);
	else
		rc = fold_set(st, e, op, cause);
	/* A bulk load works out derived state once, in fold_bulk_finish(). */
	if (rc == 0 && e->after != NULL && !st->bulk)
		rc = e->after(st, op, cause);
	return rc;
}

/* Show a register's value as its record was made, when no set stands. */
static int
fold_materialise_made(struct store *st, const struct edef *e, int fi,
    const struct id *entity, char **cause)
{
	struct query	*q, *u;
	struct op	 made;
	struct val	 v = { .type = VAL_NULL };
	const void	*enc;
	size_t		 len, i;
	int		 rc;

	q = query_prepare(st, e->get_op);
	query_bind_id(q, 1, entity);
	if ((rc = query_step(q)) != 1) {
		query_done(q);
		return rc < 0 ? fold_fail(st, cause) : 0;
	}
	/* The kinds a judge decides have their makings indexed (op_made). */
	u = query_prepare(st, "SELECT enc FROM op WHERE entity = ?1 AND "
	    "kind = 1 AND etype IN ('staff', 'family', 'episode') AND "
	    "id = ?2");
	query_bind_id(u, 1, entity);
	sqlite3_bind_value(u->stmt, 2, sqlite3_column_value(q->stmt, 0));
	rc = query_step(u);
	query_done(q);
	if (rc != 1) {
		query_done(u);
		return rc < 0 ? fold_fail(st, cause) : 0;
	}
	enc = query_blob(u, 0, &len);
	rc = op_decode(enc, len, &made, cause);
	query_done(u);
	if (rc != 0)
		return -1;
	for (i = 0; i < made.nfields; i++)
		if (strcmp(made.fields[i].name, e->k->fields[fi].name) == 0)
			v = made.fields[i].v;
	u = query_prepare(st, e->update[fi]);
	query_bind_id(u, 1, entity);
	query_bind_val(u, 2, &v);
	rc = query_step(u);
	query_done(u);
	op_free(&made);
	return rc < 0 ? fold_fail(st, cause) : 0;
}

int
fold_register_again(struct store *st, const char *etype,
    const struct id *entity, const char *field, char **cause)
{
	const struct edef	*e = fold_edef(etype);
	struct query		*q, *d;
	struct op		*sets = NULL;
	const void		*enc;
	size_t			 n = 0, i, j, len;
	int			 rc, fi, heads;

	if (e == NULL || (fi = fold_field(e, field)) < 0 ||
	    !e->k->fields[fi].reg)
		fatal("%s field %s is not a register", etype, field);
	/* Every set of the field, taken or not. */
	q = query_prepare(st, "SELECT enc FROM op WHERE entity = ?1 AND "
	    "field = ?2 AND kind = 2");
	query_bind_id(q, 1, entity);
	query_bind_text(q, 2, field);
	while ((rc = query_step(q)) == 1) {
		sets = xreallocarray(sets, n + 1, sizeof *sets);
		enc = query_blob(q, 0, &len);
		if (op_decode(enc, len, &sets[n], cause) != 0) {
			rc = -1;
			break;
		}
		n++;
	}
	query_done(q);
	if (rc < 0)
		goto out;
	/* Forget what they did, then fold those taken again: the fold of a
	 * register does not depend on the order of its sets. */
	for (i = 0; i < n && rc >= 0; i++)
		for (j = 0; j < sets[i].nbase && rc >= 0; j++) {
			d = query_prepare(st, "DELETE FROM op_base WHERE "
			    "base = ?1 AND op = ?2");
			sqlite3_bind_blob(d->stmt, 1, sets[i].base[j].b,
			    OP_ID_LEN, SQLITE_STATIC);
			sqlite3_bind_blob(d->stmt, 2, sets[i].id.b, OP_ID_LEN,
			    SQLITE_STATIC);
			rc = query_step(d);
			query_done(d);
		}
	if (rc >= 0) {
		d = query_prepare(st, "DELETE FROM reg WHERE entity = ?1 AND "
		    "field = ?2");
		query_bind_id(d, 1, entity);
		query_bind_text(d, 2, field);
		rc = query_step(d);
		query_done(d);
	}
	if (rc < 0) {
		fold_fail(st, cause);
		goto out;
	}
	for (i = 0; i < n && rc >= 0; i++) {
		/* Folding the log in its order: those after now come later. */
		if (fold_not_yet(st, &sets[i]))
			continue;
		if ((rc = fold_refused(st, &sets[i].id)) == 1)
			continue;
		if (rc == 0)
			rc = fold_set(st, e, &sets[i], cause);
	}
	if (rc < 0) {
		if (*cause == NULL)
			fold_fail(st, cause);
		goto out;
	}
	q = query_prepare(st, "SELECT count(*) FROM reg WHERE entity = ?1 AND "
	    "field = ?2");
	query_bind_id(q, 1, entity);
	query_bind_text(q, 2, field);
	heads = (int)query_count(q);
	rc = heads == 0 ? fold_materialise_made(st, e, fi, entity, cause) : 0;
out:
	for (i = 0; i < n; i++)
		op_free(&sets[i]);
	free(sets);
	return rc < 0 ? -1 : 0;
}

int
fold_unmake(struct store *st, const struct op *op, char **cause)
{
	const struct edef	*e = fold_edef(op->etype);
	struct query		*q;

	if (e == NULL)
		fatal("unknown kind %s", op->etype);
	q = query_prepare(st, e->unmake);
	query_bind_id(q, 1, &op->entity);
	query_bind_blob(q, 2, op->id.b, OP_ID_LEN);
	return fold_exec(st, q, cause);
}

int
fold_not_yet(const struct store *st, const struct op *op)
{
	const struct op	*at = st->replay_at;
	int		 c;

	if (!st->replaying || at == NULL)
		return 0;
	if (op->hlc != at->hlc)
		return op->hlc > at->hlc;
	if ((c = id_cmp(&op->origin, &at->origin)) != 0)
		return c > 0;
	return op->seq > at->seq;
}

int
fold_undo(struct store *st, const struct op *op, char **cause)
{
	const struct edef	*e = fold_edef(op->etype);
	int			 rc;

	/* Kept for a later oneteam: nothing of it was folded (or all but
	 * fields this one does not know). */
	if ((rc = fold_can(st, op, cause)) < 0)
		return -1;
	if (rc != FOLD_ALL && later_drop(st, op, cause) != 0)
		return -1;
	if (rc == FOLD_LATER)
		return 0;
	if (op->kind == OP_NEW) {
		if ((rc = search_unindex(st, op->etype, &op->entity)) != 0)
			return fold_fail(st, cause);
		rc = fold_unmake(st, op, cause);
	} else
		rc = fold_register_again(st, op->etype, &op->entity,
		    op->field, cause);
	/* What its kind derives, worked out again without it (its row, if
	 * it made one, gone: the hook reads what it needs of op). */
	if (rc == 0 && e->after != NULL && !st->bulk) {
		st->undoing = 1;
		rc = e->after(st, op, cause);
		st->undoing = 0;
	}
	return rc;
}

int
fold_heads(struct store *st, struct op *op, int *same, char **cause)
{
	const struct edef	*e;
	struct query		*q;
	int			 rc, fi;

	*same = 0;
	if ((e = fold_edef(op->etype)) == NULL ||
	    (fi = fold_field(e, op->field)) < 0 || !e->k->fields[fi].reg)
		fatal("%s field %s is not a register", op->etype, op->field);
	q = query_prepare(st, "SELECT op, value IS ?3 FROM reg "
	    "WHERE entity = ?1 AND field = ?2");
	query_bind_id(q, 1, &op->entity);
	query_bind_text(q, 2, op->field);
	query_bind_val(q, 3, &op->value);
	while ((rc = query_step(q)) == 1) {
		op->base = xreallocarray(op->base, op->nbase + 1,
		    sizeof *op->base);
		memcpy(op->base[op->nbase++].b, sqlite3_column_blob(q->stmt, 0),
		    OP_ID_LEN);
		*same = query_int(q, 1);
	}
	query_done(q);
	if (rc < 0)
		return fold_fail(st, cause);
	if (op->nbase > 1)
		*same = 0;
	if (op->nbase > 0)
		return 0;
	/* No set yet: the head is the operation that created the record. */
	q = query_prepare(st, e->get_op);
	query_bind_id(q, 1, &op->entity);
	if ((rc = query_step(q)) == 1) {
		op->base = xcalloc(1, sizeof *op->base);
		memcpy(op->base[0].b, sqlite3_column_blob(q->stmt, 0),
		    OP_ID_LEN);
		op->nbase = 1;
	}
	query_done(q);
	if (rc < 0)
		return fold_fail(st, cause);
	if (rc == 0) {
		xasprintf(cause, "no such %s record", op->etype);
		store_set_fault(st, STORE_ENOTFOUND);
		return -1;
	}
	q = query_prepare(st, e->same[fi]);
	query_bind_id(q, 1, &op->entity);
	query_bind_val(q, 2, &op->value);
	if ((rc = query_step(q)) == 1)
		*same = query_int(q, 0);
	query_done(q);
	return rc < 0 ? fold_fail(st, cause) : 0;
}

/* Add one column's type and value to the hash, in one fixed encoding. */
static void
fold_hash_value(crypto_generichash_state *h, sqlite3_stmt *stmt, int col)
{
	uint8_t		 tag = (uint8_t)sqlite3_column_type(stmt, col);
	uint8_t		 be[8];
	const void	*p;
	int64_t		 v;
	uint32_t	 n;
	int		 i;

	crypto_generichash_update(h, &tag, 1);
	switch (tag) {
	case SQLITE_INTEGER:
		v = sqlite3_column_int64(stmt, col);
		for (i = 0; i < 8; i++)
			be[i] = (uint8_t)((uint64_t)v >> (56 - 8 * i));
		crypto_generichash_update(h, be, 8);
		break;
	case SQLITE_TEXT:
	case SQLITE_BLOB:
		p = tag == SQLITE_TEXT ? (const void *)sqlite3_column_text(stmt,
		    col) : sqlite3_column_blob(stmt, col);
		n = (uint32_t)sqlite3_column_bytes(stmt, col);
		for (i = 0; i < 4; i++)
			be[i] = (uint8_t)(n >> (24 - 8 * i));
		crypto_generichash_update(h, be, 4);
		crypto_generichash_update(h, p, n);
		break;
	default:
		break;	/* NULL: the tag says it all; no REAL is stored */
	}
}

int
store_state_hash(struct store *st, uint8_t out[32], char **cause)
{
	crypto_generichash_state	 h;
	const struct edef		*e;
	struct query			*q;
	size_t				 i;
	int				 rc = 0, col;

	crypto_generichash_init(&h, NULL, 0, 32);
	for (i = 0; i < kinds_count() && rc >= 0; i++) {
		e = fold_edef(kinds_at(i)->etype);
		crypto_generichash_update(&h, (const uint8_t *)e->k->etype,
		    strlen(e->k->etype) + 1);
		q = query_prepare(st, e->state);
		while ((rc = query_step(q)) == 1)
			for (col = 0; col < sqlite3_column_count(q->stmt); col++)
				fold_hash_value(&h, q->stmt, col);
		query_done(q);
	}
	/* The changes refused: replicas must refuse the same. */
	q = query_prepare(st, "SELECT op, why FROM refused ORDER BY op");
	while (rc >= 0 && (rc = query_step(q)) == 1)
		for (col = 0; col < 2; col++)
			fold_hash_value(&h, q->stmt, col);
	query_done(q);
	/* The heads of every register: replicas must list the same conflicts. */
	q = query_prepare(st, "SELECT entity, field, op FROM reg "
	    "ORDER BY entity, field, op");
	while (rc >= 0 && (rc = query_step(q)) == 1)
		for (col = 0; col < 3; col++)
			fold_hash_value(&h, q->stmt, col);
	query_done(q);
	if (rc < 0)
		return fold_fail(st, cause);
	crypto_generichash_final(&h, out, 32);
	return 0;
}
