/*
 * fold-ask.c owns what the judge (store.h, struct store_judge) asks of
 * the records as they stood at a change's place in the order of changes:
 * a field of a member of staff, a family or an episode then, which site
 * made a record, whether a site had made a change by a member of staff
 * before. What it reads counts only the changes not refused (nor kept
 * unread for a newer oneteam, later.c) that stand
 * before the change judged, in the order the judge's place() gives: so
 * every decision rests only on changes before it. And what was refused or held,
 * for the command line and the screens (store_held(), store_refused_each()).
 */
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "oneteam/xmalloc.h"

int
store_made_by(struct store *st, const char *etype, const struct id *entity,
    struct id *origin)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "SELECT origin FROM op o WHERE entity = ?1 AND "
	    "kind = 1 AND etype IN ('staff', 'family', 'episode') AND "
	    "etype = ?2 AND NOT EXISTS (SELECT 1 FROM later l WHERE l.op = "
	    "o.id AND l.whole) LIMIT 1");
	query_bind_id(q, 1, entity);
	query_bind_text(q, 2, etype);
	if ((rc = query_step(q)) == 1)
		*origin = query_id(q, 0);
	query_done(q);
	return rc;
}

/*
 * Where a change stands in the order the judge decides in: at the place
 * the judge gives it (base: its own, or its site's admission when it is
 * dated before it), after the admission itself when placed there, then
 * in its site's own order. So a site's changes dated before its admission
 * come just after it, in their order, and count for one another there,
 * never for the admission.
 */
struct judge_pos {
	struct op	base;		/* hlc, origin, seq */
	int		placed;		/* base is not its own place */
	struct id	origin;
	uint64_t	seq;
};

static int
judge_pos_of(struct store *st, const struct op *x, struct judge_pos *p)
{
	memset(p, 0, sizeof *p);
	p->base.hlc = x->hlc;
	p->base.origin = x->origin;
	p->base.seq = x->seq;
	if (st->judge->place != NULL && st->judge->place(st, x, &p->base) != 0)
		return -1;
	p->placed = p->base.hlc != x->hlc || p->base.seq != x->seq ||
	    id_cmp(&p->base.origin, &x->origin) != 0;
	p->origin = x->origin;
	p->seq = x->seq;
	return 0;
}

static int
judge_pos_cmp(const struct judge_pos *a, const struct judge_pos *b)
{
	int	c;

	if (a->base.hlc != b->base.hlc)
		return a->base.hlc < b->base.hlc ? -1 : 1;
	if ((c = id_cmp(&a->base.origin, &b->base.origin)) != 0)
		return c;
	if (a->base.seq != b->base.seq)
		return a->base.seq < b->base.seq ? -1 : 1;
	if (a->placed != b->placed)
		return a->placed < b->placed ? -1 : 1;
	if ((c = id_cmp(&a->origin, &b->origin)) != 0)
		return c;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return 0;
}

/*
 * Of the changes sql finds of entity (?1) and name (?2, its kind or
 * field) dated before at (?3 to ?5) and not refused, in sql's order, the
 * first that stands before the change being judged at at (st->judging;
 * none: at itself), decoded into *o: 1, 0 for none, -1. Which stand
 * before is the judge's order; which of them gives the value is the
 * records' own (a field's last set by its clock), so the judge reads
 * what the tables hold.
 */
static int
judge_find_before(struct store *st, const char *sql, const struct id *entity,
    const char *name, const struct op *at, struct op *o)
{
	struct query		*q;
	struct judge_pos	 judged, pos;
	struct op		 c;
	const void		*enc;
	char			*cause = NULL;
	size_t			 len;
	int			 rc, found = 0;

	memset(&judged, 0, sizeof judged);
	judged.base.hlc = at->hlc;
	judged.base.origin = at->origin;
	judged.base.seq = at->seq;
	if (st->judging != NULL) {
		judged.origin = st->judging->origin;
		judged.seq = st->judging->seq;
		judged.placed = at->hlc != st->judging->hlc ||
		    at->seq != st->judging->seq ||
		    id_cmp(&at->origin, &st->judging->origin) != 0;
	} else {
		judged.origin = at->origin;
		judged.seq = at->seq;
	}
	q = query_prepare(st, sql);
	query_bind_id(q, 1, entity);
	query_bind_text(q, 2, name);
	query_bind_place(q, 3, at);
	while ((rc = query_step(q)) == 1) {
		enc = query_blob(q, 0, &len);
		if (op_decode(enc, len, &c, &cause) != 0 ||
		    judge_pos_of(st, &c, &pos) != 0) {
			if (cause == NULL)
				op_free(&c);
			rc = -1;
			break;
		}
		/* The first in sql's order (the records' own: the last set
		 * by its clock, as the table keeps) that stands before. */
		if (judge_pos_cmp(&pos, &judged) >= 0) {
			op_free(&c);
			continue;
		}
		*o = c;
		found = 1;
		break;
	}
	query_done(q);
	free(cause);
	return rc < 0 ? -1 : found;
}

#define JUDGE_BEFORE "(o.hlc < ?3 OR (o.hlc = ?3 AND (o.origin < ?4 OR " \
	"(o.origin = ?4 AND o.seq < ?5)))) AND NOT EXISTS (SELECT 1 FROM " \
	"refused r WHERE r.op = o.id) AND NOT EXISTS (SELECT 1 FROM later l " \
	"WHERE l.op = o.id AND l.whole)"

/*
 * A field of a record as it stood just before at (store_int_at()): 1 with
 * *v (a text copied, for the caller to free), 0 when the record was not
 * made before at, -1.
 */
static int
judge_val_at(struct store *st, const char *etype, const struct id *entity,
    const char *field, const struct op *at, struct val *v)
{
	struct op	 o;
	const struct val *found = NULL;
	size_t		 i;
	int		 rc;

	memset(v, 0, sizeof *v);
	/* The record, made before at and not refused. */
	rc = judge_find_before(st, "SELECT o.enc FROM op o WHERE o.entity = ?1 "
	    "AND o.kind = 1 AND o.etype IN ('staff', 'family', 'episode') AND "
	    "o.etype = ?2 AND " JUDGE_BEFORE " ORDER BY o.hlc, o.origin, "
	    "o.seq", entity, etype, at, &o);
	if (rc != 1)
		return rc;
	for (i = 0; i < o.nfields; i++)
		if (strcmp(o.fields[i].name, field) == 0)
			found = &o.fields[i].v;
	if (found != NULL)
		*v = *found;
	if (v->type == VAL_TEXT)
		v->s = xstrdup(v->s);
	op_free(&o);
	/* Its last set before at, not refused. */
	rc = judge_find_before(st, "SELECT o.enc FROM op o WHERE o.entity = ?1 "
	    "AND o.field = ?2 AND o.kind = 2 AND " JUDGE_BEFORE " ORDER BY "
	    "o.hlc DESC, o.origin DESC, o.seq DESC", entity, field, at, &o);
	if (rc == 1) {
		if (v->type == VAL_TEXT)
			free((char *)v->s);
		*v = o.value;
		if (v->type == VAL_TEXT)
			v->s = xstrdup(v->s);
		op_free(&o);
	}
	if (rc < 0 && v->type == VAL_TEXT)
		free((char *)v->s);
	return rc < 0 ? -1 : 1;
}

int
store_int_at(struct store *st, const char *etype, const struct id *entity,
    const char *field, const struct op *at, int64_t dflt, int64_t *v)
{
	struct val	x;
	int		rc;

	if ((rc = judge_val_at(st, etype, entity, field, at, &x)) != 1)
		return rc;
	*v = x.type == VAL_INT ? x.i : dflt;
	if (x.type == VAL_TEXT)
		free((char *)x.s);
	return 1;
}

int
store_text_at(struct store *st, const char *etype, const struct id *entity,
    const char *field, const struct op *at, char **text)
{
	struct val	x;
	int		rc;

	*text = NULL;
	if ((rc = judge_val_at(st, etype, entity, field, at, &x)) != 1)
		return rc;
	if (x.type == VAL_TEXT)
		*text = (char *)x.s;
	return 1;
}

int
store_id_at(struct store *st, const char *etype, const struct id *entity,
    const char *field, const struct op *at, struct id *id)
{
	struct val	x;
	int		rc;

	memset(id, 0, sizeof *id);
	if ((rc = judge_val_at(st, etype, entity, field, at, &x)) != 1)
		return rc;
	if (x.type == VAL_ID)
		*id = x.id;
	else if (x.type == VAL_TEXT)
		free((char *)x.s);
	return 1;
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
store_held(struct store *st, const struct id *origin, int64_t *n)
{
	struct query	*q;

	q = query_prepare(st, "SELECT count(*) FROM refused r JOIN op o ON "
	    "o.id = r.op WHERE r.gate = 1 AND o.origin = ?1");
	query_bind_id(q, 1, origin);
	*n = query_count(q);
	return *n < 0 ? -1 : 0;
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
	    "o.etype, o.field, r.why, coalesce(o.wall, o.hlc >> 16), o.entity "
	    "FROM refused r JOIN op "
	    "o ON o.id = r.op WHERE r.gate <> 1 ORDER BY o.hlc, o.origin, "
	    "o.seq");
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
		r.at = query_int(q, 7);
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
