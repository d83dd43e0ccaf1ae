/*
 * fold-judge.c owns the changes the judge refuses (store.h, struct
 * store_judge): deciding each change only some may make as it is folded,
 * keeping the refused in the log and listed, not folded, and deciding
 * again, when a change that alters someone's authority arrives late, the
 * changes of theirs that come after it in the total order. What is
 * decided, and how, is the judge's (the core's authority.c); that every
 * replica comes to the same decisions, whatever the order changes arrive
 * in, is this file's. So too for the changes of a site the judge does
 * not take (its site() rule: a site not admitted, or revoked): held,
 * kept in the log and out of the tables, and decided again, all of the
 * site's, when a change that admits or revokes it is taken or undone.
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

/* How a change came to be refused (refused.gate). */
enum judge_gate {
	GATE_JUDGED,	/* its author could not make it */
	GATE_HELD,	/* its site is not admitted (yet) */
	GATE_REVOKED,	/* its site was revoked before it */
	GATE_TAKEN	/* not refused */
};

/* How op stands: an enum judge_gate, or -1. */
static int
judge_state(struct store *st, const struct op_id *id)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "SELECT gate FROM refused WHERE op = ?1");
	sqlite3_bind_blob(q->stmt, 1, id->b, OP_ID_LEN, SQLITE_STATIC);
	if ((rc = query_step(q)) == 1)
		rc = (int)query_int(q, 0);
	else if (rc == 0)
		rc = GATE_TAKEN;
	query_done(q);
	return rc;
}

/* Record op as refused, for why, as gate says; or take the refusal
 * back (why NULL). */
static int
judge_mark_gate(struct store *st, const struct op *op, const char *why,
    enum judge_gate gate, char **cause)
{
	struct query	*q;

	if (why != NULL) {
		q = query_prepare(st, "INSERT INTO refused (op, why, gate) "
		    "VALUES (?1, ?2, ?3) ON CONFLICT (op) DO UPDATE SET why = "
		    "excluded.why, gate = excluded.gate");
		query_bind_text(q, 2, why);
		query_bind_int(q, 3, gate);
	} else
		q = query_prepare(st, "DELETE FROM refused WHERE op = ?1");
	sqlite3_bind_blob(q->stmt, 1, op->id.b, OP_ID_LEN, SQLITE_STATIC);
	return fold_exec(st, q, cause);
}

/* Why a second making of a record is refused (judge_made_first()). */
#define JUDGE_TWICE	"another change made its record: made twice"
/* Why a making of a chain under an id its place does not give is. */
#define JUDGE_NOT_OWN	"it makes its record under an id that is not its " \
	"own: made to take another record"

static int	judge_fold(struct store *, const struct op *, int, char **);

/* The judge's word on op; what it reads stands before op (fold-ask.c). */
static int
judge_ask(struct store *st, const struct op *op, char **why)
{
	int	rc;

	st->judging = op;
	rc = st->judge->judge(st, op, why);
	st->judging = NULL;
	return rc;
}


static int
judge_mark(struct store *st, const struct op *op, const char *why,
    char **cause)
{
	return judge_mark_gate(st, op, why, GATE_JUDGED, cause);
}

void
fold_gates_forget(struct store *st)
{
	size_t	i;

	for (i = 0; i < st->ngates; i++)
		free(st->gates[i].why);
	free(st->gates);
	st->gates = NULL;
	st->ngates = 0;
}

/*
 * Does op's site let it be taken (GATE_TAKEN), or is it held or revoked,
 * *why a copy of the reason; -1 with *why the failure. The judge is asked
 * once an origin until a change that admits is folded.
 */
static int
judge_gate(struct store *st, const struct op *op, char **why)
{
	struct store_gate	*g = NULL;
	size_t			 i;

	*why = NULL;
	if (st->judge->site == NULL)
		return GATE_TAKEN;
	for (i = 0; i < st->ngates && g == NULL; i++)
		if (id_cmp(&st->gates[i].origin, &op->origin) == 0)
			g = &st->gates[i];
	if (g == NULL) {
		st->gates = xreallocarray(st->gates, st->ngates + 1,
		    sizeof *st->gates);
		g = &st->gates[st->ngates];
		memset(g, 0, sizeof *g);
		g->origin = op->origin;
		if ((g->rc = st->judge->site(st, &op->origin, &g->last,
		    &g->why)) < 0) {
			*why = g->why;
			return -1;
		}
		st->ngates++;
	}
	if (g->rc == 0) {
		*why = xstrdup(g->why);
		return GATE_HELD;
	}
	if (g->last >= 0 && op->seq > (uint64_t)g->last) {
		*why = xstrdup(g->why);
		return g->rc == 2 ? GATE_HELD : GATE_REVOKED;
	}
	return GATE_TAKEN;
}

static int	judge_again(struct store *, const struct op *, const struct id *,
		    int, char **);
static int	judge_site_again(struct store *, const struct id *, int,
		    char **);

/*
 * A making taken back (op): the other makings of its record, refused as
 * made twice while it stood, decided again, each as if it came now.
 */
static int
judge_remade(struct store *st, const struct op *op, int depth, char **cause)
{
	struct query	*q;
	struct op	*v = NULL;
	const void	*enc;
	char		*why = NULL;
	size_t		 n = 0, i, len;
	int		 rc, gate = 0;

	if (op->kind != OP_NEW)
		return 0;
	q = query_prepare(st, "SELECT o.enc FROM op o JOIN refused r ON "
	    "r.op = o.id WHERE o.entity = ?1 AND o.kind = 1 AND o.etype = ?2 "
	    "AND r.gate = 0 AND r.why = '" JUDGE_TWICE "' ORDER BY o.hlc, "
	    "o.origin, o.seq");
	query_bind_id(q, 1, &op->entity);
	query_bind_text(q, 2, op->etype);
	while ((rc = query_step(q)) == 1) {
		v = xreallocarray(v, n + 1, sizeof *v);
		enc = query_blob(q, 0, &len);
		if (op_decode(enc, len, &v[n], cause) != 0) {
			rc = -1;
			break;
		}
		n++;
	}
	query_done(q);
	if (rc < 0 && *cause == NULL)
		fold_fail(st, cause);
	for (i = 0; rc >= 0 && i < n; i++) {
		/* Its site may hold it back now. */
		if ((gate = judge_gate(st, &v[i], &why)) < 0) {
			*cause = why;
			rc = -1;
		} else if (gate != GATE_TAKEN)
			rc = judge_mark_gate(st, &v[i], why,
			    (enum judge_gate)gate, cause);
		else if ((rc = judge_mark(st, &v[i], NULL, cause)) == 0)
			rc = judge_fold(st, &v[i], depth + 1, cause);
		if (gate >= 0)
			free(why);
		why = NULL;
	}
	for (i = 0; i < n; i++)
		op_free(&v[i]);
	free(v);
	return rc < 0 ? -1 : 0;
}

/* The changes of the sites op admits or revokes, decided again. */
static int
judge_admitted(struct store *st, const struct op *op, int depth,
    char **cause)
{
	struct id	*v;
	size_t		 n, i;
	int		 rc;

	if ((rc = st->judge->admits(st, op, &v, &n)) <= 0)
		return rc < 0 ? fold_fail(st, cause) : 0;
	fold_gates_forget(st);
	for (i = 0; rc >= 0 && i < n; i++)
		rc = judge_site_again(st, &v[i], depth + 1, cause);
	free(v);
	return rc < 0 ? -1 : 0;
}

/*
 * What follows from op, taken or taken back (changed): the later changes
 * of a person whose authority it alters, and the changes of a site it
 * admits or revokes, decided again.
 */
static int
judge_after(struct store *st, const struct op *op, int changed, int depth,
    char **cause)
{
	struct id	who;

	if (!changed)
		return 0;
	/* What it altered is what later changes of that person stood on
	 * (none are folded yet when the log is folded again in order). */
	if (!st->replaying && st->judge->bears(op, &who) &&
	    judge_again(st, op, &who, depth + 1, cause) != 0)
		return -1;
	/* A site's admission is of all its changes, before it or after. */
	if (st->judge->admits != NULL)
		return judge_admitted(st, op, depth, cause);
	return 0;
}

/*
 * Decide op (one the judge decides), fold it or keep it refused, and when
 * its decision is new and it alters someone's authority, decide their
 * later changes again. was: 1 refused before, 0 taken before, -1 new.
 */
static int
judge_decide(struct store *st, const struct op *op, int was, int depth,
    char **cause)
{
	char		*why = NULL;
	int		 rc, taken;

	if (later_whole(st, op))
		return fold_do(st, op, cause);	/* kept undecided */
	/* Refused at an upgrade, as no oneteam reads it: stays so. */
	if (fold_can(st, op, &why) < 0) {
		free(why);
		return 0;
	}
	if ((rc = judge_ask(st, op, &why)) < 0) {
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
		if (rc == 0 && was == 0 && (rc = fold_undo(st, op, cause)) == 0)
			rc = judge_remade(st, op, depth, cause);
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
	return judge_after(st, op, was >= 0 || taken, depth, cause);
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
	    "author = ?1 AND etype IN ('staff', 'family', 'episode', "
	    "'admission') AND (hlc > ?2 OR (hlc = ?2 AND (origin > ?3 OR "
	    "(origin = ?3 AND seq > ?4)))) ORDER BY hlc, origin, seq");
	query_bind_id(q, 1, who);
	query_bind_place(q, 2, at);
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
	/* In the total order: each decision stands on those before it;
	 * those their site holds back are not the judge's to decide. */
	for (i = 0; i < n && rc >= 0; i++) {
		if ((was = judge_state(st, &later[i].id)) < 0)
			rc = fold_fail(st, cause);
		else if (was == GATE_JUDGED || was == GATE_TAKEN)
			rc = judge_decide(st, &later[i], was == GATE_JUDGED,
			    depth, cause);
	}
	for (i = 0; i < n; i++)
		op_free(&later[i]);
	free(later);
	return rc < 0 ? -1 : 0;
}

/* Is a before b in the total order of changes? */
static int
judge_before(const struct op *a, const struct op *b)
{
	int	c;

	if (a->hlc != b->hlc)
		return a->hlc < b->hlc;
	if ((c = id_cmp(&a->origin, &b->origin)) != 0)
		return c < 0;
	return a->seq < b->seq;
}

/*
 * Of two makings of a record from before ids named their making, is a
 * the first, each where the judge places it (no earlier than its site's
 * admission: a making dated back takes no older record)? 1, 0, -1.
 */
static int
judge_placed_first(struct store *st, const struct op *a, const struct op *b)
{
	struct op	pa, pb;

	memset(&pa, 0, sizeof pa);
	memset(&pb, 0, sizeof pb);
	if (st->judge->place == NULL)
		return judge_before(a, b);
	if (st->judge->place(st, a, &pa) != 0 ||
	    st->judge->place(st, b, &pb) != 0)
		return -1;
	if (judge_before(&pa, &pb) != judge_before(&pb, &pa))
		return judge_before(&pa, &pb);
	return judge_before(a, b);
}

/* Does op make its record under the id its place gives (op_made_id())? */
static int
judge_made_own(const struct op *op)
{
	struct id	id;

	op_made_id(&op->origin, op->seq, &id);
	return id_cmp(&id, &op->entity) == 0;
}

/*
 * A record made twice, by two changes making one id (a forger's, taking
 * a record's id): the one whose place gives the id makes it (op.h); of
 * two that neither gives (records from before), the first in the order
 * of changes. The other is refused, whichever came first; and a making
 * the judge refuses takes nothing from another. 1 op is the maker
 * (another, taken before, is taken back and refused now), 0 op refused,
 * -1.
 */
static int
judge_made_first(struct store *st, const struct op *op, int depth,
    char **cause)
{
	static const char why[] = JUDGE_TWICE;
	struct op	 other;
	char		*no = NULL;
	int		 rc, first, own;

	/* The record's row says which change made it: one look by id. */
	if ((rc = fold_made_op(st, op, &other, cause)) <= 0)
		return rc < 0 ? -1 : 1;
	own = judge_made_own(op);
	if (own != judge_made_own(&other))
		first = own;
	else if ((first = judge_placed_first(st, op, &other)) < 0) {
		op_free(&other);
		return fold_fail(st, cause);
	}
	/* One its author could not make is the judge's to refuse. */
	if (first && st->judge->decides(op) &&
	    (rc = judge_ask(st, op, &no)) <= 0) {
		free(no);
		op_free(&other);
		return rc < 0 ? fold_fail(st, cause) : 1;
	}
	if (!first)
		rc = judge_mark(st, op, why, cause);
	else if ((rc = judge_mark(st, &other, why, cause)) == 0 &&
	    (rc = fold_undo(st, &other, cause)) == 0)
		rc = judge_after(st, &other, 1, depth, cause);
	op_free(&other);
	return rc < 0 ? -1 : first;
}

/* Fold op, which its site lets be taken, as the judge decides. */
static int
judge_fold(struct store *st, const struct op *op, int depth, char **cause)
{
	int	rc;

	/* Ids are made so by every site that chains its changes: another
	 * id is a forger's, taking a record from before (dated back, it
	 * would be placed first). */
	if (op_chained(op) && !op_makes_own(op))
		return judge_mark(st, op, JUDGE_NOT_OWN, cause);
	/* What a newer oneteam made and this one cannot read is kept
	 * undecided (fold_do()): it is judged once this one is upgraded. */
	if (later_whole(st, op))
		return fold_do(st, op, cause);
	if ((rc = judge_made_first(st, op, depth, cause)) <= 0)
		return rc;
	if (st->judge->decides(op))
		return judge_decide(st, op, -1, depth, cause);
	if (fold_do(st, op, cause) != 0)
		return -1;
	return judge_after(st, op, 1, depth, cause);
}

/*
 * A making of a record from before ids named their making (op), of a site
 * decided again: where it is placed may have changed (its site admitted
 * as it was, or not), and so which of two makings of the record is first
 * (judge_made_first()). was: op taken, or refused. 1 decided so again,
 * 0 not such a making (no other), -1.
 */
static int
judge_made_again(struct store *st, const struct op *op, int was, int depth,
    char **cause)
{
	struct query	*q;
	struct op	 other;
	const void	*enc;
	size_t		 len;
	int		 rc, first = 1;

	if (was != GATE_TAKEN) {
		/* Refused as made twice: against the maker, if any. */
		q = query_prepare(st, "SELECT 1 FROM refused WHERE op = ?1 AND "
		    "why = '" JUDGE_TWICE "'");
		sqlite3_bind_blob(q->stmt, 1, op->id.b, OP_ID_LEN,
		    SQLITE_STATIC);
		rc = query_step(q);
		query_done(q);
		if (rc <= 0)
			return rc < 0 ? fold_fail(st, cause) : 0;
		if ((rc = fold_made_op(st, op, &other, cause)) < 0)
			return -1;
		if (rc == 1) {
			first = judge_placed_first(st, op, &other);
			op_free(&other);
			if (first < 0)
				return fold_fail(st, cause);
		}
		/* op is first now (or alone): it takes the record. */
		if (first && ((rc = judge_mark(st, op, NULL, cause)) != 0 ||
		    (rc = judge_fold(st, op, depth + 1, cause)) != 0))
			return -1;
		return 1;
	}
	/* The maker: against the others refused as made twice. */
	q = query_prepare(st, "SELECT o.enc FROM op o JOIN refused r ON r.op "
	    "= o.id WHERE o.entity = ?1 AND o.kind = 1 AND o.etype = ?2 AND "
	    "r.gate = 0 AND r.why = '" JUDGE_TWICE "'");
	query_bind_id(q, 1, &op->entity);
	query_bind_text(q, 2, op->etype);
	while (first == 1 && (rc = query_step(q)) == 1) {
		enc = query_blob(q, 0, &len);
		if (op_decode(enc, len, &other, cause) != 0) {
			rc = -1;
			break;
		}
		first = judge_placed_first(st, op, &other);
		op_free(&other);
	}
	query_done(q);
	if (rc < 0 || first < 0)
		return *cause != NULL ? -1 : fold_fail(st, cause);
	if (first)
		return 0;
	/* Another is first now: it makes the record. */
	if (judge_mark(st, op, JUDGE_TWICE, cause) != 0 ||
	    fold_undo(st, op, cause) != 0 ||
	    judge_remade(st, op, depth, cause) != 0)
		return -1;
	return 1;
}

/*
 * Decide again every change of a site, in its order, when what its site
 * lets be taken has changed: a change held is taken (and judged) now, or
 * one taken is held or refused now and what it did taken back.
 */
static int
judge_site_again(struct store *st, const struct id *origin, int depth,
    char **cause)
{
	struct query	*q;
	struct op	 op;
	struct id	 who;
	const void	*enc;
	char		*why = NULL;
	size_t		 len;
	int		 rc, gate, was;

	if (depth > 1000) {
		*cause = xstrdup("admissions alter admissions too many times "
		    "over");
		return -1;
	}
	q = query_prepare(st, "SELECT enc FROM op WHERE origin = ?1 ORDER BY "
	    "seq");
	query_bind_id(q, 1, origin);
	while ((rc = query_step(q)) == 1) {
		enc = query_blob(q, 0, &len);
		if (op_decode(enc, len, &op, cause) != 0) {
			rc = -1;
			break;
		}
		/* Folding the log in its order, those after now are decided
		 * when they come. */
		if (fold_not_yet(st, &op)) {
			op_free(&op);
			continue;
		}
		if ((gate = judge_gate(st, &op, &why)) < 0 ||
		    (was = judge_state(st, &op.id)) < 0) {
			if (gate < 0)
				*cause = why;
			else
				free(why);
			op_free(&op);
			rc = -1;
			break;
		}
		rc = 0;
		if (gate == GATE_TAKEN) {
			/* Held or revoked before: judged now as new. */
			if (was == GATE_HELD || was == GATE_REVOKED) {
				rc = judge_mark_gate(st, &op, NULL, GATE_TAKEN,
				    cause);
				if (rc == 0)
					rc = judge_fold(st, &op, depth, cause);
			} else if (op.kind == OP_NEW && !op_makes_own(&op) &&
			    (rc = judge_made_again(st, &op, was, depth,
			    cause)) != 0)
				/* Which making is first, decided again. */
				rc = rc < 0 ? -1 : 0;
			else if (st->judge->decides(&op))
				/* What a site was let make may turn on its
				 * admission (a first change made by no one):
				 * decided again, as the rest is. */
				rc = judge_decide(st, &op, was == GATE_JUDGED,
				    depth, cause);
			/* Taken before, it stands at another place now
			 * (place()): what stood on it, decided again. */
			if (rc == 0 && was == GATE_TAKEN && !st->replaying &&
			    st->judge->bears(&op, &who))
				rc = judge_again(st, &op, &who, depth + 1,
				    cause);
		} else if (was == GATE_TAKEN) {
			rc = judge_mark_gate(st, &op, why, (enum judge_gate)gate,
			    cause);
			if (rc == 0)
				rc = fold_undo(st, &op, cause);
			if (rc == 0)
				rc = judge_remade(st, &op, depth, cause);
			if (rc == 0)
				rc = judge_after(st, &op, 1, depth, cause);
		} else
			rc = judge_mark_gate(st, &op, why, (enum judge_gate)gate,
			    cause);
		free(why);
		why = NULL;
		op_free(&op);
		if (rc != 0)
			break;
	}
	query_done(q);
	if (rc < 0) {
		if (*cause == NULL)
			fold_fail(st, cause);
		return -1;
	}
	return 0;
}

int
fold_judged(struct store *st, const struct op *op, char **cause)
{
	char	*why;
	int	 gate, rc;

	free(st->refused);
	st->refused = NULL;
	if ((gate = judge_gate(st, op, &why)) < 0) {
		*cause = why;
		return -1;
	}
	if (gate != GATE_TAKEN) {
		rc = judge_mark_gate(st, op, why, (enum judge_gate)gate, cause);
		free(why);
		return rc;
	}
	return judge_fold(st, op, 0, cause);
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
			if ((was = judge_state(st, &op.id)) < 0)
				rc = -1;
			else if ((was == GATE_JUDGED || was == GATE_TAKEN) &&
			    judge_decide(st, &op, was == GATE_JUDGED, 0,
			    cause) != 0)
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

int
store_judge_sites(struct store *st, char **cause)
{
	struct query	*q;
	struct id	*v = NULL;
	size_t		 n = 0, i;
	int		 rc;

	if (st->judge == NULL || st->judge->site == NULL)
		return 0;
	q = query_prepare(st, "SELECT DISTINCT origin FROM op");
	while ((rc = query_step(q)) == 1) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = query_id(q, 0);
	}
	query_done(q);
	fold_gates_forget(st);
	for (i = 0; rc == 0 && i < n; i++)
		rc = judge_site_again(st, &v[i], 1, cause);
	free(v);
	if (rc < 0 && *cause == NULL)
		fold_fail(st, cause);
	return rc < 0 ? -1 : 0;
}
