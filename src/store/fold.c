/*
 * fold.c owns the meaning of operations: which record types and fields
 * exist, and how an operation changes the tables. The tables are a
 * deterministic fold of the set of operations, whatever order they come
 * in (../shared/sync-design.md):
 *
 * - OP_NEW inserts the record. Records of append-only kinds (contacts,
 *   story revisions, referral and flag events) are never changed after.
 * - OP_SET writes a register field. The heads of a field are the set
 *   operations no other lists in its base, or the creating operation when
 *   there are none; the table shows the head with the greatest (clock,
 *   origin, id). More than one head is a conflict for review.
 * - A set that arrives before its record is kept in reg and takes effect
 *   when the record does.
 * - Derived state (current revision, a referral's status, a flag's
 *   acknowledgement, the search index) is recomputed from the rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "referral-sql.h"
#include "store-private.h"
#include "oneteam/xmalloc.h"

enum ftype { FT_TEXT, FT_INT, FT_ID };

struct fdef {
	const char	*name;
	enum ftype	 type;
	int		 reg;		/* a register: may be set later */
};

struct edef {
	const char		*etype;		/* also the table name */
	const struct fdef	*fields;
	size_t			 nfields;
	int			(*after)(struct store *, const struct op *,
				    char **);
	char			*insert;	/* built once from the above */
	char			**update;	/* per field, registers only */
	char			**same;		/* per field: is it ?2 now */
	char			*get_op;
	char			*state;		/* every row, for the state hash */
	int			 has_reg;	/* any field is a register */
};

static int fold_after_family(struct store *, const struct op *, char **);
static int fold_after_person(struct store *, const struct op *, char **);
static int fold_after_contact(struct store *, const struct op *, char **);
static int fold_after_story(struct store *, const struct op *, char **);
static int fold_after_referral(struct store *, const struct op *, char **);
static int fold_after_flag(struct store *, const struct op *, char **);

static const struct fdef locality_fields[] = {
	{ "name", FT_TEXT, 1 },
};
static const struct fdef staff_fields[] = {
	{ "name", FT_TEXT, 1 }, { "role", FT_TEXT, 1 },
	{ "agency", FT_TEXT, 1 }, { "locality", FT_ID, 1 },
	{ "coordinator", FT_INT, 1 }, { "active", FT_INT, 1 },
	{ "passhash", FT_TEXT, 1 }, { "admin", FT_INT, 1 },
};
static const struct fdef family_fields[] = {
	{ "household", FT_TEXT, 1 }, { "address", FT_TEXT, 1 },
	{ "postcode", FT_TEXT, 1 }, { "lsoa", FT_TEXT, 1 },
	{ "locality", FT_ID, 1 }, { "level", FT_INT, 1 },
	{ "status", FT_TEXT, 1 }, { "lead", FT_ID, 1 },
	{ "next_review", FT_TEXT, 1 }, { "needs", FT_TEXT, 1 },
};
static const struct fdef episode_fields[] = {
	{ "family", FT_ID, 0 }, { "opened", FT_TEXT, 0 },
	{ "reason", FT_TEXT, 1 }, { "closed", FT_TEXT, 1 },
	{ "end_reason", FT_TEXT, 1 },
};
static const struct fdef step_fields[] = {
	{ "family", FT_ID, 0 }, { "direction", FT_TEXT, 0 },
	{ "from_level", FT_INT, 0 }, { "to_level", FT_INT, 0 },
	{ "reason", FT_TEXT, 0 },
};
static const struct fdef person_fields[] = {
	{ "family", FT_ID, 0 }, { "name", FT_TEXT, 1 },
	{ "dob", FT_TEXT, 1 }, { "relationship", FT_TEXT, 1 },
	{ "school", FT_TEXT, 1 }, { "gp", FT_TEXT, 1 },
	{ "send", FT_INT, 1 }, { "young_carer", FT_INT, 1 },
	{ "looked_after", FT_INT, 1 }, { "cp_plan", FT_INT, 1 },
	{ "archived", FT_INT, 1 },
};
static const struct fdef consent_fields[] = {
	{ "family", FT_ID, 0 }, { "state", FT_TEXT, 0 },
	{ "given_by", FT_TEXT, 0 }, { "scope", FT_TEXT, 0 },
	{ "date", FT_TEXT, 0 }, { "review", FT_TEXT, 0 },
};
static const struct fdef contact_fields[] = {
	{ "contact", FT_ID, 0 }, { "corrects", FT_ID, 0 },
	{ "family", FT_ID, 0 }, { "at", FT_INT, 0 },
	{ "kind", FT_TEXT, 0 }, { "venue", FT_TEXT, 0 },
	{ "seen", FT_TEXT, 0 }, { "summary", FT_TEXT, 0 },
	{ "follow_up", FT_TEXT, 0 }, { "planned", FT_INT, 0 },
};
static const struct fdef story_fields[] = {
	{ "family", FT_ID, 0 }, { "section", FT_TEXT, 0 },
	{ "body", FT_TEXT, 0 }, { "base", FT_ID, 0 },
	{ "base2", FT_ID, 0 }, { "read_back", FT_TEXT, 1 },
};
static const struct fdef referral_fields[] = {
	{ "family", FT_ID, 0 }, { "person", FT_ID, 1 },
	{ "service", FT_TEXT, 1 }, { "reason", FT_TEXT, 1 },
	{ "needs", FT_TEXT, 1 }, { "urgency", FT_TEXT, 1 },
	{ "basis", FT_TEXT, 1 }, { "basis_reason", FT_TEXT, 1 },
	{ "response_due", FT_TEXT, 1 }, { "outcome", FT_TEXT, 1 },
};
static const struct fdef referral_event_fields[] = {
	{ "referral", FT_ID, 0 }, { "status", FT_TEXT, 0 },
	{ "note", FT_TEXT, 0 }, { "at", FT_INT, 0 },
};
static const struct fdef flag_fields[] = {
	{ "family", FT_ID, 0 }, { "person", FT_ID, 0 },
	{ "code", FT_TEXT, 0 }, { "note", FT_TEXT, 0 },
	{ "at", FT_INT, 0 },
};
static const struct fdef flag_event_fields[] = {
	{ "flag", FT_ID, 0 }, { "what", FT_TEXT, 0 },
	{ "note", FT_TEXT, 0 }, { "at", FT_INT, 0 },
};
static const struct fdef action_fields[] = {
	{ "family", FT_ID, 0 }, { "what", FT_TEXT, 1 },
	{ "owner", FT_ID, 1 }, { "due", FT_TEXT, 1 },
	{ "done", FT_INT, 1 }, { "done_at", FT_INT, 1 },
};
static const struct fdef huddle_fields[] = {
	{ "locality", FT_ID, 0 }, { "day", FT_TEXT, 0 },
	{ "since", FT_INT, 0 }, { "started", FT_INT, 0 },
	{ "ended", FT_INT, 1 }, { "present", FT_TEXT, 1 },
};
static const struct fdef huddle_item_fields[] = {
	{ "huddle", FT_ID, 0 }, { "family", FT_ID, 0 },
	{ "position", FT_INT, 0 }, { "grp", FT_TEXT, 0 },
	{ "reasons", FT_TEXT, 0 }, { "carried", FT_TEXT, 0 },
};
static const struct fdef huddle_decision_fields[] = {
	{ "item", FT_ID, 0 }, { "family", FT_ID, 0 },
	{ "kind", FT_TEXT, 0 }, { "note", FT_TEXT, 0 },
	{ "record", FT_ID, 0 }, { "at", FT_INT, 0 },
};
/* Append-only: an entry is never changed (audit.c), so no registers. */
static const struct fdef audit_fields[] = {
	{ "seq", FT_INT, 0 }, { "site", FT_ID, 0 },
	{ "at", FT_INT, 0 }, { "who", FT_ID, 0 },
	{ "what", FT_TEXT, 0 }, { "family", FT_ID, 0 },
	{ "detail", FT_TEXT, 0 }, { "prev", FT_TEXT, 0 },
	{ "hash", FT_TEXT, 0 },
};

#define EDEF(name, f, after) \
	{ name, f, sizeof f / sizeof f[0], after, NULL, NULL, NULL, NULL, NULL, 0 }
static struct edef edefs[] = {
	EDEF("locality", locality_fields, NULL),
	EDEF("staff", staff_fields, NULL),
	EDEF("family", family_fields, fold_after_family),
	EDEF("episode", episode_fields, NULL),
	EDEF("step", step_fields, NULL),
	EDEF("person", person_fields, fold_after_person),
	EDEF("consent", consent_fields, fold_consent),
	EDEF("contact", contact_fields, fold_after_contact),
	EDEF("story", story_fields, fold_after_story),
	EDEF("referral", referral_fields, fold_after_referral),
	EDEF("referral_event", referral_event_fields, fold_after_referral),
	EDEF("flag", flag_fields, fold_after_flag),
	EDEF("flag_event", flag_event_fields, fold_after_flag),
	EDEF("action", action_fields, NULL),
	EDEF("huddle", huddle_fields, NULL),
	EDEF("huddle_item", huddle_item_fields, NULL),
	EDEF("huddle_decision", huddle_decision_fields, NULL),
	EDEF("audit", audit_fields, NULL),
};
#define NEDEFS (sizeof edefs / sizeof edefs[0])

/* Build the statements of a record type the first time it is used. */
static void
fold_build(struct edef *e)
{
	char	*cols, *params, num[16];
	size_t	 i, clen = 0;

	for (i = 0; i < e->nfields; i++)
		clen += strlen(e->fields[i].name) + 2;
	cols = xcalloc(1, clen + 1);
	params = xcalloc(1, e->nfields * 8 + 1);
	e->update = xcalloc(e->nfields, sizeof *e->update);
	e->same = xcalloc(e->nfields, sizeof *e->same);
	for (i = 0; i < e->nfields; i++) {
		strcat(cols, ", ");
		strcat(cols, e->fields[i].name);
		snprintf(num, sizeof num, ", ?%zu", i + 6);
		strcat(params, num);
		if (e->fields[i].reg) {
			e->has_reg = 1;
			/* Only the constant names above go into SQL. */
			e->update[i] = xconcat("UPDATE ", e->etype, " SET ",
			    e->fields[i].name, " = ?2 WHERE id = ?1", NULL);
			e->same[i] = xconcat("SELECT ", e->fields[i].name,
			    " IS ?2 FROM ", e->etype, " WHERE id = ?1", NULL);
		}
	}
	e->insert = xconcat("INSERT INTO ", e->etype, " (id, op, created, "
	    "created_by, hlc", cols, ") VALUES (?1, ?2, ?3, ?4, ?5", params,
	    ")", NULL);
	e->get_op = xconcat("SELECT op FROM ", e->etype, " WHERE id = ?1",
	    NULL);
	e->state = xconcat("SELECT * FROM ", e->etype, " ORDER BY id", NULL);
	free(cols);
	free(params);
}

static struct edef *
fold_edef(const char *etype)
{
	size_t	i;

	for (i = 0; i < NEDEFS; i++) {
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

	for (i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Does the value's type fit the field? Null fits any. */
static int
fold_type_ok(const struct fdef *f, const struct val *v)
{
	switch (v->type) {
	case VAL_NULL:
		return 1;
	case VAL_INT:
		return f->type == FT_INT;
	case VAL_TEXT:
		return f->type == FT_TEXT;
	case VAL_ID:
		return f->type == FT_ID;
	}
	return 0;
}

int
store_op_valid(const struct op *op, char **cause)
{
	const struct edef	*e;
	size_t			 i;
	int			 fi;

	if ((e = fold_edef(op->etype)) == NULL) {
		xasprintf(cause, "unknown kind of record \"%s\"", op->etype);
		return -1;
	}
	if (op->kind == OP_SET) {
		fi = fold_field(e, op->field);
		if (fi < 0 || !e->fields[fi].reg ||
		    !fold_type_ok(&e->fields[fi], &op->value)) {
			xasprintf(cause, "%s field %s cannot be set to that",
			    e->etype, op->field);
			return -1;
		}
		return 0;
	}
	for (i = 0; i < op->nfields; i++) {
		fi = fold_field(e, op->fields[i].name);
		if (fi < 0 || !fold_type_ok(&e->fields[fi],
		    &op->fields[i].v)) {
			xasprintf(cause, "%s has no field %s of that type",
			    e->etype, op->fields[i].name);
			return -1;
		}
	}
	return 0;
}

static int
fold_fail(struct store *st, char **cause)
{
	store_cause(st, cause);
	return -1;
}

/* Run a prepared statement to its end; -1 with *cause on failure. */
static int
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
	query_bind_text(q, 2, e->fields[fi].name);
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
		if (fi >= 0 && e->fields[fi].reg &&
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
	query_bind_int(q, 3, hlc_ms(op->hlc));
	query_bind_id_static(q, 4, &op->author);
	query_bind_int(q, 5, (int64_t)op->hlc);
	for (i = 0; i < op->nfields; i++) {
		fi = fold_field(e, op->fields[i].name);
		if (fi < 0 || !fold_type_ok(&e->fields[fi], &op->fields[i].v)) {
			query_done(q);
			xasprintf(cause, "%s has no field %s of that type",
			    e->etype, op->fields[i].name);
			return -1;
		}
		query_bind_val_static(q, fi + 6, &op->fields[i].v);
	}
	if (query_step(q) < 0) {
		query_done(q);
		if ((sqlite3_extended_errcode(st->db)) ==
		    SQLITE_CONSTRAINT_PRIMARYKEY) {
			xasprintf(cause, "%s record created twice", e->etype);
			return -1;
		}
		return fold_fail(st, cause);
	}
	query_done(q);
	st->last_rowid = sqlite3_last_insert_rowid(st->db);
	if (!e->has_reg)
		return 0;	/* append-only: nothing can be set early */
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
	if (fi < 0 || !e->fields[fi].reg ||
	    !fold_type_ok(&e->fields[fi], &op->value)) {
		xasprintf(cause, "%s field %s cannot be set to that", e->etype,
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
	q = query_prepare(st, "SELECT 1 FROM op_base WHERE base = ?1");
	sqlite3_bind_blob(q->stmt, 1, op->id.b, OP_ID_LEN, SQLITE_STATIC);
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
fold_apply(struct store *st, const struct op *op, char **cause)
{
	const struct edef	*e;
	int			 rc;

	if ((e = fold_edef(op->etype)) == NULL) {
		xasprintf(cause, "unknown kind of record \"%s\"", op->etype);
		return -1;
	}
	if (op->kind == OP_NEW)
		rc = fold_new(st, e, op, cause);
	else
		rc = fold_set(st, e, op, cause);
	/* A bulk load works out derived state once, in fold_bulk_finish(). */
	if (rc == 0 && e->after != NULL && !st->bulk)
		rc = e->after(st, op, cause);
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
	    (fi = fold_field(e, op->field)) < 0 || !e->fields[fi].reg)
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

/* The value a creating operation gives a field, or NULL. */
static const struct val *
fold_op_value(const struct op *op, const char *name)
{
	size_t	i;

	for (i = 0; i < op->nfields; i++)
		if (strcmp(op->fields[i].name, name) == 0)
			return &op->fields[i].v;
	return NULL;
}

/* The id a creating operation gives a field; zero when it gives none. */
static void
fold_op_id(const struct op *op, const char *name, struct id *id)
{
	const struct val	*v = fold_op_value(op, name);

	if (v != NULL && v->type == VAL_ID)
		*id = v->id;
	else
		memset(id, 0, sizeof *id);
}

/* The family a row of table etype belongs to, by its id. */
static int
fold_family_of(struct store *st, const char *sql, const struct id *id,
    struct id *family, char **cause)
{
	struct query	*q;
	int		 rc;

	memset(family, 0, sizeof *family);
	q = query_prepare(st, sql);
	query_bind_id(q, 1, id);
	if ((rc = query_step(q)) == 1)
		*family = query_id(q, 0);
	query_done(q);
	return rc < 0 ? fold_fail(st, cause) : 0;
}

/*
 * What the families list shows of a family's other records, recomputed
 * from them: the last contact, open referrals, active red flags. Each
 * after-hook recomputes the one its records change; a new family, or the
 * end of a bulk load, all three in one statement.
 */
#define SUMMARY_CONTACT_SQL \
	"last_contact = (SELECT max(at) FROM contact WHERE family = ?1 AND " \
	"current AND NOT coalesce(planned, 0))"
#define SUMMARY_REFERRALS_SQL \
	"open_referrals = (SELECT count(*) FROM referral WHERE family = ?1 " \
	"AND NOT " REFERRAL_SQL_FINAL("referral") ")"
#define SUMMARY_FLAGS_SQL \
	"active_flags = (SELECT count(*) FROM flag WHERE family = ?1 AND " \
	"resolved IS NULL)"
static const char *const fold_summary_sql[] = {
	"UPDATE family SET " SUMMARY_CONTACT_SQL " WHERE id = ?1",
	"UPDATE family SET " SUMMARY_REFERRALS_SQL " WHERE id = ?1",
	"UPDATE family SET " SUMMARY_FLAGS_SQL " WHERE id = ?1",
	"UPDATE family SET " SUMMARY_CONTACT_SQL ", " SUMMARY_REFERRALS_SQL
	    ", " SUMMARY_FLAGS_SQL " WHERE id = ?1",
};
enum { SUMMARY_CONTACT, SUMMARY_REFERRALS, SUMMARY_FLAGS, SUMMARY_ALL };

static int
fold_family_summary(struct store *st, const struct id *family, int which,
    char **cause)
{
	struct query	*q;

	if (id_is_zero(family))
		return 0;
	q = query_prepare(st, fold_summary_sql[which]);
	query_bind_id(q, 1, family);
	return fold_exec(st, q, cause);
}

static int
fold_after_family(struct store *st, const struct op *op, char **cause)
{
	if (op->kind == OP_NEW &&
	    (fold_family_summary(st, &op->entity, SUMMARY_ALL, cause) != 0 ||
	    fold_consent(st, op, cause) != 0))
		return -1;
	if (search_index_family(st, &op->entity) != 0)
		return fold_fail(st, cause);
	return 0;
}

static int
fold_after_person(struct store *st, const struct op *op, char **cause)
{
	struct id	family;

	if (fold_family_of(st, "SELECT family FROM person WHERE id = ?1",
	    &op->entity, &family, cause) != 0)
		return -1;
	if (!id_is_zero(&family) && search_index_family(st, &family) != 0)
		return fold_fail(st, cause);
	return 0;
}

/*
 * A contact revision is current until another corrects it. The first
 * revision names no contact: its own id is the contact's.
 */
static int
fold_after_contact(struct store *st, const struct op *op, char **cause)
{
	struct query		*q;
	const struct val	*corrects = fold_op_value(op, "corrects");
	const struct val	*family = fold_op_value(op, "family");
	const struct val	*contact = fold_op_value(op, "contact");
	const struct val	*at = fold_op_value(op, "at");
	const struct val	*planned = fold_op_value(op, "planned");
	const struct val	*summary = fold_op_value(op, "summary");
	const struct val	*venue = fold_op_value(op, "venue");
	int64_t			 rowid = st->last_rowid;
	int			 corrected;

	/*
	 * Rarely, its correction came first: then it is not current. Asking
	 * the small index of corrections first spares a look-up by id.
	 */
	q = query_prepare(st, "SELECT 1 FROM contact WHERE corrects = ?1");
	query_bind_id(q, 1, &op->entity);
	corrected = query_step(q);
	query_done(q);
	if (corrected < 0)
		return fold_fail(st, cause);
	if (corrected) {
		q = query_prepare(st, "UPDATE contact SET current = 0 "
		    "WHERE id = ?1");
		query_bind_id(q, 1, &op->entity);
		if (fold_exec(st, q, cause) != 0)
			return -1;
	}
	if (contact == NULL || contact->type != VAL_ID) {
		q = query_prepare(st, "UPDATE contact SET contact = id "
		    "WHERE id = ?1");
		query_bind_id(q, 1, &op->entity);
		if (fold_exec(st, q, cause) != 0)
			return -1;
	}
	if (corrects != NULL && corrects->type == VAL_ID) {
		q = query_prepare(st, "UPDATE contact SET current = 0 "
		    "WHERE id = ?1");
		query_bind_id(q, 1, &corrects->id);
		if (fold_exec(st, q, cause) != 0)
			return -1;
	}
	if (search_index_contact(st, rowid, summary != NULL &&
	    summary->type == VAL_TEXT ? summary->s : NULL, venue != NULL &&
	    venue->type == VAL_TEXT ? venue->s : NULL) != 0)
		return fold_fail(st, cause);
	if (family == NULL || family->type != VAL_ID)
		return 0;
	if (corrected || (corrects != NULL && corrects->type == VAL_ID))
		return fold_family_summary(st, &family->id, SUMMARY_CONTACT,
		    cause);
	if (at == NULL || at->type != VAL_INT ||
	    (planned != NULL && planned->type == VAL_INT && planned->i))
		return 0;
	/* A new current contact only raises the family's last contact. */
	q = query_prepare(st, "UPDATE family SET last_contact = ?2 "
	    "WHERE id = ?1 AND coalesce(last_contact, 0) < ?2");
	query_bind_id(q, 1, &family->id);
	query_bind_int(q, 2, at->i);
	return fold_exec(st, q, cause);
}

/*
 * A story revision is current until a later one is based on it. An edit
 * made while two revisions were current (a conflict) names both, base and
 * base2, and so resolves it.
 */
static int
fold_after_story(struct store *st, const struct op *op, char **cause)
{
	struct query	*q;

	if (op->kind != OP_NEW)
		return 0;
	q = query_prepare(st, "UPDATE story SET current = NOT EXISTS (SELECT 1 "
	    "FROM story s WHERE s.base = ?1 OR s.base2 = ?1) WHERE id = ?1");
	query_bind_id(q, 1, &op->entity);
	if (fold_exec(st, q, cause) != 0)
		return -1;
	q = query_prepare(st, "UPDATE story SET current = 0 WHERE id IN "
	    "(SELECT base FROM story WHERE id = ?1 UNION ALL "
	    "SELECT base2 FROM story WHERE id = ?1)");
	query_bind_id(q, 1, &op->entity);
	if (fold_exec(st, q, cause) != 0)
		return -1;
	if (search_index_story(st, &op->entity) != 0)
		return fold_fail(st, cause);
	return 0;
}

/*
 * A referral's status is that of its latest event (by when it happened,
 * then when recorded, then id, so every replica agrees); draft before any.
 */
static int
fold_referral_status(struct store *st, const struct id *referral,
    char **cause)
{
	struct query	*q;

	q = query_prepare(st, "UPDATE referral SET (status, status_at) = "
	    "(SELECT coalesce(max(e.status), 'draft'), max(e.at) FROM "
	    "(SELECT status, at FROM referral_event WHERE referral = ?1 "
	    "ORDER BY at DESC, created DESC, id DESC LIMIT 1) e) "
	    "WHERE id = ?1");
	query_bind_id(q, 1, referral);
	return fold_exec(st, q, cause);
}

static int
fold_after_referral(struct store *st, const struct op *op, char **cause)
{
	struct id	referral = op->entity, family;

	/* An event is only ever created, so its op says what its row holds. */
	if (strcmp(op->etype, "referral_event") == 0)
		fold_op_id(op, "referral", &referral);
	if (fold_referral_status(st, &referral, cause) != 0 ||
	    fold_family_of(st, "SELECT family FROM referral WHERE id = ?1",
	    &referral, &family, cause) != 0)
		return -1;
	return fold_family_summary(st, &family, SUMMARY_REFERRALS, cause);
}

/* A flag is acknowledged or resolved by its earliest such event. */
static int
fold_flag_state(struct store *st, const struct id *flag, char **cause)
{
	struct query	*q;

	q = query_prepare(st, "UPDATE flag SET "
	    "(acked, acked_by) = (SELECT at, created_by FROM flag_event WHERE "
	    "flag = ?1 AND what = 'ack' ORDER BY at, created, id LIMIT 1), "
	    "(resolved, resolved_by, resolve_note) = (SELECT at, created_by, "
	    "note FROM flag_event WHERE flag = ?1 AND what = 'resolve' "
	    "ORDER BY at, created, id LIMIT 1) WHERE id = ?1");
	query_bind_id(q, 1, flag);
	return fold_exec(st, q, cause);
}

static int
fold_after_flag(struct store *st, const struct op *op, char **cause)
{
	struct id	flag = op->entity, family;

	if (strcmp(op->etype, "flag_event") == 0)
		fold_op_id(op, "flag", &flag);
	if (fold_flag_state(st, &flag, cause) != 0 ||
	    fold_family_of(st, "SELECT family FROM flag WHERE id = ?1",
	    &flag, &family, cause) != 0)
		return -1;
	return fold_family_summary(st, &family, SUMMARY_FLAGS, cause);
}

/*
 * What the after-hooks do, done once for every row at the end of a bulk
 * load, which runs none of them: the same rules, so the tables come out
 * as the hooks leave them (oneteam check refolds the log to prove it).
 * Currency is set for the whole table at once: a revision stops being
 * current when another names it, whichever came first.
 */
static const char *const fold_bulk_sql[] = {
	"UPDATE contact SET contact = id WHERE contact IS NULL",
	"UPDATE contact SET current = 0 WHERE id IN (SELECT corrects FROM "
	"contact WHERE corrects IS NOT NULL)",
	"UPDATE story SET current = 0 WHERE id IN (SELECT base FROM story "
	"WHERE base IS NOT NULL UNION ALL SELECT base2 FROM story WHERE "
	"base2 IS NOT NULL)",
	"UPDATE family SET " FOLD_CONSENT_SQL,
};

/* Run fn on the id of each row that sql lists. */
static int
fold_each(struct store *st, const char *sql,
    int (*fn)(struct store *, const struct id *, char **), char **cause)
{
	struct query	*q;
	struct id	 id;
	int		 rc;

	q = query_prepare(st, sql);
	while ((rc = query_step(q)) == 1) {
		id = query_id(q, 0);
		if (fn(st, &id, cause) != 0) {
			query_done(q);
			return -1;
		}
	}
	query_done(q);
	return rc < 0 ? fold_fail(st, cause) : 0;
}

static int
fold_family_all(struct store *st, const struct id *family, char **cause)
{
	return fold_family_summary(st, family, SUMMARY_ALL, cause);
}

int
fold_bulk_finish(struct store *st, char **cause)
{
	size_t	i;
	int	rc;

	for (i = 0; i < sizeof fold_bulk_sql / sizeof fold_bulk_sql[0]; i++) {
		rc = sqlite3_exec(st->db, fold_bulk_sql[i], NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			store_sqlite_error(st, rc, "saving");
			return fold_fail(st, cause);
		}
	}
	/* The summaries last: they count what the statuses above say. */
	if (fold_each(st, "SELECT id FROM referral ORDER BY rowid",
	    fold_referral_status, cause) != 0 ||
	    fold_each(st, "SELECT id FROM flag ORDER BY rowid",
	    fold_flag_state, cause) != 0)
		return -1;
	return fold_each(st, "SELECT id FROM family ORDER BY rowid",
	    fold_family_all, cause);
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
	struct query			*q;
	size_t				 i;
	int				 rc = 0, col;

	crypto_generichash_init(&h, NULL, 0, 32);
	for (i = 0; i < NEDEFS && rc >= 0; i++) {
		fold_edef(edefs[i].etype);
		crypto_generichash_update(&h, (const uint8_t *)edefs[i].etype,
		    strlen(edefs[i].etype) + 1);
		q = query_prepare(st, edefs[i].state);
		while ((rc = query_step(q)) == 1)
			for (col = 0; col < sqlite3_column_count(q->stmt); col++)
				fold_hash_value(&h, q->stmt, col);
		query_done(q);
	}
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
