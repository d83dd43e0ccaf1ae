/*
 * fold-judge.c owns the changes the judge refuses (store.h, struct
 * store_judge): deciding each change only some may make as it is folded,
 * keeping the refused in the log and listed, not folded, and deciding
 * again, when a change that alters someone's authority arrives late, the
 * changes of theirs that come after it in the total order. What is
 * decided, and how, is the judge's (the core's authority.c); that every
 * replica comes to the same decisions, whatever the order changes arrive
 * in, is this file's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "oneteam/xmalloc.h"

void
store_set_judge(struct store *st, const struct store_judge *judge)
{
	st->judge = judge;
}

int
fold_refused(struct store *st, const struct op_id *id)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "SELECT 1 FROM refused WHERE op = ?1");
	sqlite3_bind_blob(q->stmt, 1, id->b, OP_ID_LEN, SQLITE_STATIC);
	rc = query_step(q);
	query_done(q);
	return rc;
}

/* Record op as refused, for why; or take the refusal back (why NULL). */
static int
judge_mark(struct store *st, const struct op *op, const char *why,
    char **cause)
{
	struct query	*q;

	if (why != NULL) {
		q = query_prepare(st, "INSERT INTO refused (op, why) VALUES "
		    "(?1, ?2) ON CONFLICT (op) DO UPDATE SET why = excluded.why");
		query_bind_text(q, 2, why);
	} else
		q = query_prepare(st, "DELETE FROM refused WHERE op = ?1");
	sqlite3_bind_blob(q->stmt, 1, op->id.b, OP_ID_LEN, SQLITE_STATIC);
	return fold_exec(st, q, cause);
}

/* Take back what a change taken did: its record, or its set. */
static int
judge_undo(struct store *st, const struct op *op, char **cause)
{
	if (op->kind == OP_NEW)
		return fold_unmake(st, op, cause);
	return fold_register_again(st, op->etype, &op->entity, op->field,
	    cause);
}

static int	judge_again(struct store *, const struct op *, const struct id *,
		    int, char **);

/*
 * Decide op (one the judge decides), fold it or keep it refused, and when
 * its decision is new and it alters someone's authority, decide their
 * later changes again. was: 1 refused before, 0 taken before, -1 new.
 */
static int
judge_decide(struct store *st, const struct op *op, int was, int depth,
    char **cause)
{
	struct id	 who;
	char		*why = NULL;
	int		 rc, taken;

	if ((rc = st->judge->judge(st, op, &why)) < 0) {
		*cause = why;
		return -1;
	}
	taken = rc == 1;
	if (was >= 0 && taken == !was) {
		/* Decided as before; refused, perhaps for another reason
		 * now (its author's record has come): the reason is part of
		 * what every replica agrees on. */
		rc = was == 1 ? judge_mark(st, op, why, cause) : 0;
		free(why);
		return rc;
	}
	if (!taken) {
		rc = judge_mark(st, op, why, cause);
		if (rc == 0 && was == 0)
			rc = judge_undo(st, op, cause);
		if (rc == 0 && was < 0) {
			free(st->refused);
			st->refused = why;
			why = NULL;
		}
		free(why);
	} else {
		rc = was == 1 ? judge_mark(st, op, NULL, cause) : 0;
		if (rc == 0)
			rc = fold_do(st, op, cause);
	}
	if (rc != 0)
		return -1;
	/* What it altered is what later changes of that person stood on
	 * (none are folded yet when the log is folded again in order). */
	if ((was >= 0 || taken) && !st->replaying &&
	    st->judge->bears(op, &who))
		return judge_again(st, op, &who, depth + 1, cause);
	return 0;
}

/*
 * Decide again the changes of who after op in the total order, that the
 * judge decides: their authority there may be other now. Each decided
 * anew may alter another's, and so on; a chain of authority is as long
 * as a team's staff at most.
 */
static int
judge_again(struct store *st, const struct op *at, const struct id *who,
    int depth, char **cause)
{
	struct query	*q;
	struct op	*later = NULL, stub;
	const void	*enc;
	size_t		 n = 0, i, len;
	int		 rc, was;

	if (depth > 1000) {
		*cause = xstrdup("authority alters authority too many times "
		    "over");
		return -1;
	}
	q = query_prepare(st, "SELECT kind, etype, field, enc FROM op WHERE "
	    "author = ?1 AND etype IN ('staff', 'family', 'episode') AND (hlc "
	    "> ?2 OR (hlc = ?2 AND (origin > ?3 OR (origin = ?3 AND seq > "
	    "?4)))) ORDER BY hlc, origin, seq");
	query_bind_id(q, 1, who);
	query_bind_int(q, 2, (int64_t)at->hlc);
	query_bind_id(q, 3, &at->origin);
	query_bind_int(q, 4, (int64_t)at->seq);
	while ((rc = query_step(q)) == 1) {
		/* Asked first of its kind and field alone, so that only the
		 * few changes the judge decides are decoded. */
		memset(&stub, 0, sizeof stub);
		stub.kind = (enum op_kind)query_int(q, 0);
		snprintf(stub.etype, sizeof stub.etype, "%s", query_text(q, 1));
		snprintf(stub.field, sizeof stub.field, "%s", query_text(q, 2));
		if (!st->judge->decides(&stub))
			continue;
		later = xreallocarray(later, n + 1, sizeof *later);
		enc = query_blob(q, 3, &len);
		if (op_decode(enc, len, &later[n], cause) != 0) {
			rc = -1;
			break;
		}
		if (st->judge->decides(&later[n]))
			n++;
		else
			op_free(&later[n]);
	}
	query_done(q);
	if (rc < 0 && *cause == NULL)
		fold_fail(st, cause);
	/* In the total order: each decision stands on those before it. */
	for (i = 0; i < n && rc >= 0; i++) {
		if ((was = fold_refused(st, &later[i].id)) < 0)
			rc = fold_fail(st, cause);
		else
			rc = judge_decide(st, &later[i], was, depth, cause);
	}
	for (i = 0; i < n; i++)
		op_free(&later[i]);
	free(later);
	return rc < 0 ? -1 : 0;
}

int
fold_judged(struct store *st, const struct op *op, char **cause)
{
	struct id	who;

	free(st->refused);
	st->refused = NULL;
	if (st->judge->decides(op))
		return judge_decide(st, op, -1, 0, cause);
	if (fold_do(st, op, cause) != 0)
		return -1;
	if (!st->replaying && st->judge->bears(op, &who))
		return judge_again(st, op, &who, 1, cause);
	return 0;
}

int
store_judge_held(struct store *st, char **cause)
{
	struct query	*q;
	struct op	 op;
	const void	*enc;
	size_t		 len;
	int		 rc, was;

	if (st->judge == NULL)
		return 0;
	q = query_prepare(st, "SELECT judged FROM local WHERE id = 1");
	rc = query_step(q);
	was = rc == 1 ? (int)query_int(q, 0) : 1;
	query_done(q);
	if (rc < 0)
		return fold_fail(st, cause);
	if (was)
		return 0;
	if (store_begin(st, cause) != 0)
		return -1;
	/* In the order of changes, each on those before it, decided now:
	 * none needs deciding again (as a repair folds). */
	st->replaying = 1;
	q = query_prepare(st, "SELECT enc FROM op WHERE etype IN ('staff', "
	    "'family', 'episode') ORDER BY hlc, origin, seq");
	while ((rc = query_step(q)) == 1) {
		enc = query_blob(q, 0, &len);
		if (op_decode(enc, len, &op, cause) != 0) {
			rc = -1;
			break;
		}
		if (st->judge->decides(&op)) {
			if ((was = fold_refused(st, &op.id)) < 0)
				rc = -1;
			else if (judge_decide(st, &op, was, 0, cause) != 0)
				rc = -1;
		}
		op_free(&op);
		if (rc < 0)
			break;
	}
	query_done(q);
	st->replaying = 0;
	if (rc == 0) {
		q = query_prepare(st, "UPDATE local SET judged = 1 WHERE id = 1");
		rc = query_step(q) < 0 ? -1 : 0;
		query_done(q);
	}
	if (rc < 0) {
		if (*cause == NULL)
			store_cause(st, cause);
		store_rollback(st);
		return -1;
	}
	return store_commit(st, cause);
}

/* --- what the judge asks ------------------------------------------------- */

int
store_made_by(struct store *st, const char *etype, const struct id *entity,
    struct id *origin)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "SELECT origin FROM op WHERE entity = ?1 AND "
	    "kind = 1 AND etype IN ('staff', 'family', 'episode') AND "
	    "etype = ?2 LIMIT 1");
	query_bind_id(q, 1, entity);
	query_bind_text(q, 2, etype);
	if ((rc = query_step(q)) == 1)
		*origin = query_id(q, 0);
	query_done(q);
	return rc;
}

/*
 * The one change sql finds of entity (?1) and name (?2, its kind or
 * field) before at (?3 to ?5) and not refused, decoded into *o: 1, 0 for
 * none, -1.
 */
static int
judge_find_before(struct store *st, const char *sql, const struct id *entity,
    const char *name, const struct op *at, struct op *o)
{
	struct query	*q;
	const void	*enc;
	char		*cause = NULL;
	size_t		 len;
	int		 rc;

	q = query_prepare(st, sql);
	query_bind_id(q, 1, entity);
	query_bind_text(q, 2, name);
	query_bind_int(q, 3, (int64_t)at->hlc);
	query_bind_id(q, 4, &at->origin);
	query_bind_int(q, 5, (int64_t)at->seq);
	if ((rc = query_step(q)) == 1) {
		enc = query_blob(q, 0, &len);
		if (op_decode(enc, len, o, &cause) != 0)
			rc = -1;
	}
	query_done(q);
	free(cause);
	return rc;
}

#define JUDGE_BEFORE "(o.hlc < ?3 OR (o.hlc = ?3 AND (o.origin < ?4 OR " \
	"(o.origin = ?4 AND o.seq < ?5)))) AND NOT EXISTS (SELECT 1 FROM " \
	"refused r WHERE r.op = o.id)"

int
store_int_at(struct store *st, const char *etype, const struct id *entity,
    const char *field, const struct op *at, int64_t dflt, int64_t *v)
{
	struct op	o;
	size_t		i;
	int		rc;

	/* The record, made before at and not refused. */
	rc = judge_find_before(st, "SELECT o.enc FROM op o WHERE o.entity = ?1 "
	    "AND o.kind = 1 AND o.etype IN ('staff', 'family', 'episode') AND "
	    "o.etype = ?2 AND " JUDGE_BEFORE " ORDER BY o.hlc, o.origin, "
	    "o.seq LIMIT 1", entity, etype, at, &o);
	if (rc != 1)
		return rc;
	*v = dflt;
	for (i = 0; i < o.nfields; i++)
		if (strcmp(o.fields[i].name, field) == 0)
			*v = o.fields[i].v.type == VAL_INT ? o.fields[i].v.i :
			    dflt;
	op_free(&o);
	/* Its last set before at, not refused. */
	rc = judge_find_before(st, "SELECT o.enc FROM op o WHERE o.entity = ?1 "
	    "AND o.field = ?2 AND o.kind = 2 AND " JUDGE_BEFORE " ORDER BY "
	    "o.hlc DESC, o.origin DESC, o.seq DESC LIMIT 1", entity, field, at,
	    &o);
	if (rc == 1) {
		*v = o.value.type == VAL_INT ? o.value.i : dflt;
		op_free(&o);
	}
	return rc < 0 ? -1 : 1;
}

int
store_origin_staffed(struct store *st, const struct op *op)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "SELECT 1 FROM op WHERE origin = ?1 AND "
	    "seq < ?2 AND author IS NOT NULL LIMIT 1");
	query_bind_id(q, 1, &op->origin);
	query_bind_int(q, 2, (int64_t)op->seq);
	rc = query_step(q);
	query_done(q);
	return rc;
}

int
store_refused_each(struct store *st, int (*fn)(const struct store_refusal *,
    void *), void *arg, char **cause)
{
	struct store_refusal	 r;
	struct query		*q;
	const void		*p;
	size_t			 n;
	int			 rc, stop = 0;

	q = query_prepare(st, "SELECT o.id, o.origin, o.seq, o.author, "
	    "o.etype, o.field, r.why, o.hlc, o.entity FROM refused r JOIN op "
	    "o ON o.id = r.op ORDER BY o.hlc, o.origin, o.seq");
	while (!stop && (rc = query_step(q)) == 1) {
		memset(&r, 0, sizeof r);
		p = query_blob(q, 0, &n);
		if (n == sizeof r.op)
			memcpy(r.op, p, n);
		r.origin = query_id(q, 1);
		r.seq = (uint64_t)query_int(q, 2);
		r.author = query_id(q, 3);
		r.etype = query_text(q, 4);
		r.field = query_text_or_null(q, 5);
		r.why = query_text(q, 6);
		r.at = hlc_ms((uint64_t)query_int(q, 7));
		r.entity = query_id(q, 8);
		stop = fn(&r, arg);
	}
	query_done(q);
	if (rc < 0) {
		store_cause(st, cause);
		return -1;
	}
	return 0;
}
