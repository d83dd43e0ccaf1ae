/*
 * recover.c owns the path back for a site whose history forked: its
 * database was put back from a backup (or copied to another machine) and
 * it went on making changes under numbers it had made and sent before,
 * so the team holds other changes under them and refuses its bundles,
 * and it refuses the team's. store_recover() takes this site's changes
 * from the fork on out of its history and makes them again, in their
 * order, under a new site id: the records they made get the ids their
 * new places give, and every later change that names one (its record, a
 * value, the changes it saw) names the new one. Then the team's history
 * of the old id comes in with the next import. All in one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "oneteam/kinds.h"
#include "oneteam/xmalloc.h"

/* A change let go of by a site of its own site's key. */
#define RECOVER_SAME_KEY "EXISTS (SELECT 1 FROM site_key a JOIN site_key b " \
	"ON b.key = a.key WHERE a.origin = recovered.origin AND b.origin = " \
	"recovered.by)"

/* Old ids and their new ones: records made, and changes. */
struct recover_map {
	struct id	*old_rec, *new_rec;
	size_t		 nrec;
	struct op_id	*old_op, *new_op;
	size_t		 nop;
};

static void
recover_map_rec(struct recover_map *m, const struct id *was,
    const struct id *now)
{
	m->old_rec = xreallocarray(m->old_rec, m->nrec + 1, sizeof *m->old_rec);
	m->new_rec = xreallocarray(m->new_rec, m->nrec + 1, sizeof *m->new_rec);
	m->old_rec[m->nrec] = *was;
	m->new_rec[m->nrec++] = *now;
}

static void
recover_map_op(struct recover_map *m, const struct op_id *was,
    const struct op_id *now)
{
	m->old_op = xreallocarray(m->old_op, m->nop + 1, sizeof *m->old_op);
	m->new_op = xreallocarray(m->new_op, m->nop + 1, sizeof *m->new_op);
	m->old_op[m->nop] = *was;
	m->new_op[m->nop++] = *now;
}

static const struct id *
recover_rec(const struct recover_map *m, const struct id *id)
{
	size_t	i;

	for (i = 0; i < m->nrec; i++)
		if (id_cmp(&m->old_rec[i], id) == 0)
			return &m->new_rec[i];
	return id;
}

/* A text naming records by their base32 ids ("," between: who was seen
 * at a contact) names the new ones. */
static char *
recover_text(const struct recover_map *m, const char *s)
{
	char	 was[27], now[27], *t = xstrdup(s), *p;
	size_t	 i;

	for (i = 0; i < m->nrec; i++) {
		id_base32(&m->old_rec[i], was);
		id_base32(&m->new_rec[i], now);
		while ((p = strstr(t, was)) != NULL)
			memcpy(p, now, strlen(now));
	}
	return t;
}

/* A value naming a record made again names the new one; *owned: a text
 * so changed, to free. */
static void
recover_val(const struct recover_map *m, struct val *v, char **owned)
{
	if (v->type == VAL_ID)
		v->id = *recover_rec(m, &v->id);
	else if (v->type == VAL_TEXT && v->s != NULL && m->nrec > 0)
		v->s = *owned = recover_text(m, v->s);
}

/* Could old be made again here: is it signed by an author whose key
 * is not set? */
static int
recover_needs_key(struct store *st, const struct op *old)
{
	return op_signed(old) && st->judge != NULL &&
	    st->judge->decides(old) && store_signer(st, &old->author) == NULL;
}

/* Make old again under this site's id, as its author made it, then. */
static int
recover_one(struct store *st, struct recover_map *m, const struct op *old,
    struct store_recovered *r, char **cause)
{
	struct op	 op;
	struct id	 author = *store_author(st), made;
	char		**owned;
	size_t		 i, j, nowned = 0;
	int		 rc;

	if (old->opaque) {
		xasprintf(cause, "change %llu of this site was made by a newer "
		    "oneteam: recover the site with that one",
		    (unsigned long long)old->seq);
		return -1;
	}
	memset(&op, 0, sizeof op);
	/* Made again as its maker made it: by a newer oneteam, it says so. */
	op.made = old->made > KINDS_GENERATION ? old->made : 0;
	op.kind = old->kind;
	strcpy(op.etype, old->etype);
	op.entity = *recover_rec(m, &old->entity);
	owned = xcalloc(old->nfields + 1, sizeof *owned);
	if (old->kind == OP_NEW) {
		/* A making makes its record under the id its place gives. */
		if (store_next_id(st, &made, cause) != 0) {
			free(owned);
			return -1;
		}
		op.entity = made;
		op.nfields = old->nfields;
		op.fields = xcalloc(old->nfields + 1, sizeof *op.fields);
		for (i = 0; i < old->nfields; i++) {
			op.fields[i] = old->fields[i];
			recover_val(m, &op.fields[i].v, &owned[nowned++]);
		}
		recover_map_rec(m, &old->entity, &made);
		r->remade = xreallocarray(r->remade, r->nremade + 1,
		    sizeof *r->remade);
		r->remade[r->nremade].etype = kinds_get(old->etype) != NULL ?
		    kinds_get(old->etype)->etype : "";
		r->remade[r->nremade].was = old->entity;
		r->remade[r->nremade++].now = made;
	} else {
		strcpy(op.field, old->field);
		op.value = old->value;
		recover_val(m, &op.value, &owned[nowned++]);
		op.nbase = old->nbase;
		op.base = xcalloc(old->nbase + 1, sizeof *op.base);
		for (i = 0; i < old->nbase; i++) {
			op.base[i] = old->base[i];
			for (j = 0; j < m->nop; j++)
				if (memcmp(m->old_op[j].b, old->base[i].b,
				    OP_ID_LEN) == 0)
					op.base[i] = m->new_op[j];
		}
	}
	/* As its author made it (a member made again, as the new record),
	 * when they made it: its place in the order the same as before. */
	store_set_author(st, recover_rec(m, &old->author));
	st->stamp = old->hlc;
	st->stamp_wall = op_when(old);
	st->remaking = old;
	rc = oplog_record(st, &op, cause);
	st->remaking = NULL;
	st->stamp = 0;
	store_set_author(st, &author);
	if (rc == 0)
		recover_map_op(m, &old->id, &op.id);
	op_free(&op);
	for (i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	return rc;
}

/* origin's changes from from on, as encoded, in their order, and
 * whether each was refused here by the rules of who may make it. */
static int
recover_load(struct store *st, const struct id *origin, uint64_t from,
    uint8_t ***enc, size_t **len, uint8_t **refused, size_t *n, char **cause)
{
	struct query	*q;
	const void	*p;
	size_t		 l;
	int		 rc;

	*enc = NULL;
	*len = NULL;
	*refused = NULL;
	*n = 0;
	q = query_prepare(st, "SELECT enc, EXISTS (SELECT 1 FROM refused r "
	    "WHERE r.op = op.id) FROM op WHERE origin = ?1 AND seq >= ?2 ORDER "
	    "BY seq");
	query_bind_id(q, 1, origin);
	query_bind_int(q, 2, (int64_t)from);
	while ((rc = query_step(q)) == 1) {
		p = query_blob(q, 0, &l);
		*enc = xreallocarray(*enc, *n + 1, sizeof **enc);
		*len = xreallocarray(*len, *n + 1, sizeof **len);
		*refused = xreallocarray(*refused, *n + 1, sizeof **refused);
		(*refused)[*n] = query_int(q, 1) != 0;
		(*enc)[*n] = xmalloc(l + 1);
		memcpy((*enc)[*n], p, l);
		(*len)[(*n)++] = l;
	}
	query_done(q);
	if (rc < 0) {
		store_cause(st, cause);
		return -1;
	}
	return 0;
}

/*
 * Before origin's changes from from are cut: the proof of the fork this
 * replica kept is dropped (its own copy is gone), and each change taken
 * out is remembered, so that a copy of one that comes later from a third
 * site is neither taken again nor recovered again (fork.c); the team's
 * others under those numbers come back. 0, or -1.
 */
static int
recover_forget(struct store *st, const struct id *origin, uint64_t from)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "DELETE FROM evidence WHERE origin = ?1");
	query_bind_id(q, 1, origin);
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		return -1;
	q = query_prepare(st, "INSERT INTO recovered (op, origin, seq, entity) "
	    "SELECT id, origin, seq, CASE kind WHEN 1 THEN entity END FROM op "
	    "WHERE origin = ?1 AND seq >= ?2 ORDER BY seq ON CONFLICT (op) DO "
	    "UPDATE SET entity = excluded.entity");
	query_bind_id(q, 1, origin);
	query_bind_int(q, 2, (int64_t)from);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* Is old made again already, by a site of its key? 1, 0, -1. */
static int
recover_remade(struct store *st, const struct op *old)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "SELECT 1 FROM recovered WHERE op = ?1 AND now "
	    "IS NOT NULL AND " RECOVER_SAME_KEY);
	query_bind_blob(q, 1, old->id.b, OP_ID_LEN);
	rc = query_step(q);
	query_done(q);
	return rc;
}

/* The authors of changes in enc whose keys are needed and not set. */
static int
recover_keys(struct store *st, uint8_t **enc, size_t *len, size_t n,
    struct store_recovered *r, char **cause)
{
	struct op	op;
	size_t		i, j;

	for (i = 0; i < n; i++) {
		if (op_decode(enc[i], len[i], &op, cause) != 0)
			return -1;
		if (recover_needs_key(st, &op) && recover_remade(st, &op) == 0) {
			for (j = 0; j < r->nneed; j++)
				if (id_cmp(&r->need[j], &op.author) == 0)
					break;
			if (j == r->nneed) {
				r->need = xreallocarray(r->need, r->nneed + 1,
				    sizeof *r->need);
				r->need[r->nneed++] = op.author;
			}
		}
		op_free(&op);
	}
	return 0;
}

/*
 * The changes let go of by their makers and made again, heard of here
 * (oplog.c notes each remaking): a change of this site's made on one of
 * them names, when made again, the remaking and its record instead.
 */
static int
recover_seed(struct store *st, struct recover_map *m)
{
	struct query	*q;
	struct op_id	 was, now;
	const void	*p, *t;
	size_t		 n, k;
	int		 rc;

	q = query_prepare(st, "SELECT op, now, entity, now_entity FROM "
	    "recovered WHERE now IS NOT NULL AND " RECOVER_SAME_KEY);
	while ((rc = query_step(q)) == 1) {
		if ((p = query_blob(q, 0, &n)) == NULL || n != OP_ID_LEN ||
		    (t = query_blob(q, 1, &k)) == NULL || k != OP_ID_LEN)
			continue;
		memcpy(was.b, p, OP_ID_LEN);
		memcpy(now.b, t, OP_ID_LEN);
		recover_map_op(m, &was, &now);
		if (!query_is_null(q, 2) && !query_is_null(q, 3)) {
			struct id	a = query_id(q, 2), b = query_id(q, 3);

			recover_map_rec(m, &a, &b);
		}
	}
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* op, made again, stands refused: no record of it is said to be made
 * again; if it was not refused before (its author's key changed since),
 * it is counted, and their own new passphrase among them named. */
static void
recover_refused(struct store_recovered *r, const struct op *op, int was)
{
	if (op->kind == OP_NEW && r->nremade > 0 &&
	    id_cmp(&r->remade[r->nremade - 1].was, &op->entity) == 0)
		r->nremade--;
	if (was)
		return;
	r->stale++;
	if (op->kind != OP_SET || strcmp(op->etype, "staff") != 0 ||
	    strcmp(op->field, "passhash") != 0 ||
	    id_cmp(&op->entity, &op->author) != 0)
		return;
	r->repass = xreallocarray(r->repass, r->nrepass + 1,
	    sizeof *r->repass);
	r->repass[r->nrepass++] = op->author;
}

/* Make again each of the n changes encoded, in their order (the trail's
 * handed back), as store_recover() says. */
static int
recover_all(struct store *st, struct recover_map *m, uint8_t **enc,
    const size_t *len, const uint8_t *refused, size_t n,
    struct store_recovered *r, char **cause)
{
	struct op	op;
	size_t		i;
	int		rc;

	for (i = 0, rc = 0; rc == 0 && i < n; i++) {
		if ((rc = op_decode(enc[i], len[i], &op, cause)) != 0)
			break;
		/* Made again already (this site put back from a backup
		 * after it made them again): that one stands. */
		if ((rc = recover_remade(st, &op)) != 0) {
			op_free(&op);
			rc = rc < 0 ? -1 : 0;
			continue;
		}
		/* The trail is the caller's to enter again. */
		if (strcmp(op.etype, "audit") == 0) {
			r->trail = xreallocarray(r->trail, r->ntrail + 1,
			    sizeof *r->trail);
			r->trail[r->ntrail++] = op;
			continue;
		}
		/* Refused where it was, it may be refused again; so may one
		 * the rules refuse where it stands now (signed with a key its
		 * author has changed since, or after a change so refused):
		 * kept, and said, not a wall. */
		st->remaking_refused = 1;
		if ((rc = recover_one(st, m, &op, r, cause)) == 0) {
			r->made++;
			if ((rc = fold_refused(st, &m->new_op[m->nop - 1])) == 1)
				recover_refused(r, &op, refused[i]);
			rc = rc < 0 ? -1 : 0;
		}
		st->remaking_refused = 0;
		op_free(&op);
	}
	return rc;
}

int
store_recover(struct store *st, const struct id *origin, uint64_t from,
    struct store_recovered *r, char **cause)
{
	struct recover_map	 m;
	uint8_t			**enc = NULL, *refused = NULL;
	size_t			*len = NULL, n = 0, i;
	int			 rc = -1;

	if (!st->in_tx)
		fatal("history recovered outside a transaction");
	memset(r, 0, sizeof *r);
	memset(&m, 0, sizeof m);
	if (store_local_load(st, cause) != 0)
		return -1;
	r->was = *origin;
	r->from = from;
	if (recover_load(st, origin, from, &enc, &len, &refused, &n,
	    cause) != 0)
		goto done;
	r->to = from + n - 1;
	if (n == 0) {
		rc = 0;
		goto done;
	}
	if (recover_keys(st, enc, len, n, r, cause) != 0)
		goto done;
	if (r->nneed > 0) {
		xasprintf(cause, "some of these changes were signed by their "
		    "authors (%zu), and only they can make them again",
		    r->nneed);
		goto done;
	}
	/* Out of the log, the tables folded again without them. */
	if ((rc = recover_forget(st, origin, from)) < 0 ||
	    oplog_cut(st, origin, from, cause) != 0 ||
	    check_refold(st, cause) != 0 || recover_seed(st, &m) != 0 ||
	    (id_cmp(origin, &st->site) == 0 &&
	    store_new_site(st, cause) != 0)) {
		rc = -1;
		goto done;
	}
	rc = recover_all(st, &m, enc, len, refused, n, r, cause);
	r->now = st->site;
done:
	if (rc != 0 && *cause == NULL)
		store_cause(st, cause);
	for (i = 0; i < n; i++)
		free(enc[i]);
	free(enc);
	free(len);
	free(refused);
	free(m.old_rec);
	free(m.new_rec);
	free(m.old_op);
	free(m.new_op);
	return rc;
}

/* A change made again from old names what old made again before it,
 * newest first, as far as its header has room. */
void
recover_before(struct op *op, const struct op *old)
{
	size_t	i;

	op->nbefore = 0;
	if (!old->remade)
		return;
	op->before[op->nbefore].origin = old->remakes_origin;
	op->before[op->nbefore].seq = old->remakes_seq;
	op->before[op->nbefore++].id = old->remakes;
	for (i = 0; i < old->nbefore && op->nbefore < OP_BEFORE_MAX; i++)
		op->before[op->nbefore++] = old->before[i];
}

/*
 * op makes a change again (site recover at its site): the change it names,
 * and those that one made again before it, are noted as let go of by their
 * maker, with op, whose record stands for the one each made (fork.c and
 * recover.c read them). Who made it again is kept, to be checked against
 * the key of each one named.
 */
int
recover_note(struct store *st, const struct op *op)
{
	struct query	*q;
	struct op_ref	 named;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; rc >= 0 && i <= op->nbefore; i++) {
		if (i == 0) {
			named.origin = op->remakes_origin;
			named.seq = op->remakes_seq;
			named.id = op->remakes;
		} else
			named = op->before[i - 1];
		/* Only a site of the named one's key may let it go: another's
		 * claim is not noted (nor could it take the place of the
		 * true). A note of a remaking op makes again in turn stands
		 * for op now. */
		q = query_prepare(st, "INSERT INTO recovered (op, origin, seq, "
		    "by, now, now_entity) SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE "
		    "EXISTS (SELECT 1 FROM site_key a JOIN site_key b ON b.key "
		    "= a.key WHERE a.origin = ?2 AND b.origin = ?4) ON CONFLICT "
		    "(op) DO UPDATE SET origin = excluded.origin, seq = "
		    "excluded.seq, by = excluded.by, now = excluded.now, "
		    "now_entity = excluded.now_entity WHERE now IS NULL OR "
		    "EXISTS (SELECT 1 FROM recovered r WHERE r.op = "
		    "recovered.now AND r.now = excluded.now)");
		query_bind_blob(q, 1, named.id.b, OP_ID_LEN);
		query_bind_id(q, 2, &named.origin);
		query_bind_int(q, 3, (int64_t)named.seq);
		query_bind_id(q, 4, &op->origin);
		query_bind_blob(q, 5, op->id.b, OP_ID_LEN);
		if (op->kind == OP_NEW)
			query_bind_id(q, 6, &op->entity);
		rc = query_step(q);
		query_done(q);
	}
	return rc < 0 ? -1 : 0;
}

/* --- copies let go of ------------------------------------------------- */

/* The changes let go of, and the records they made. */
struct let_go {
	struct op_id	*ops;
	size_t		 nop;
	struct id	*rec;
	size_t		 nrec;
	uint64_t	 first_hlc;
};

static int
let_go_val(const struct let_go *g, const struct val *v)
{
	char	b32[27];
	size_t	i;

	for (i = 0; i < g->nrec; i++) {
		if (v->type == VAL_ID && id_cmp(&v->id, &g->rec[i]) == 0)
			return 1;
		if (v->type == VAL_TEXT && v->s != NULL) {
			id_base32(&g->rec[i], b32);
			if (strstr(v->s, b32) != NULL)
				return 1;
		}
	}
	return 0;
}

/* Was op made on one of them: about a record one made, naming one, or
 * having seen one? */
static int
let_go_names(const struct let_go *g, const struct op *op)
{
	size_t	i, j;

	for (i = 0; i < g->nrec; i++)
		if (id_cmp(&op->entity, &g->rec[i]) == 0)
			return 1;
	for (i = 0; i < op->nfields; i++)
		if (let_go_val(g, &op->fields[i].v))
			return 1;
	if (op->kind == OP_SET && let_go_val(g, &op->value))
		return 1;
	for (i = 0; i < op->nbase; i++)
		for (j = 0; j < g->nop; j++)
			if (memcmp(op->base[i].b, g->ops[j].b, OP_ID_LEN) == 0)
				return 1;
	return 0;
}

static int
let_go_load(struct store *st, const struct id *origin, uint64_t from,
    struct let_go *g)
{
	struct query	*q;
	const void	*p;
	size_t		 n;
	int		 rc;

	q = query_prepare(st, "SELECT id, kind, entity, hlc FROM op WHERE "
	    "origin = ?1 AND seq >= ?2 ORDER BY seq");
	query_bind_id(q, 1, origin);
	query_bind_int(q, 2, (int64_t)from);
	while ((rc = query_step(q)) == 1) {
		if ((p = query_blob(q, 0, &n)) == NULL || n != OP_ID_LEN)
			continue;
		g->ops = xreallocarray(g->ops, g->nop + 1, sizeof *g->ops);
		memcpy(g->ops[g->nop++].b, p, OP_ID_LEN);
		if (query_int(q, 1) == OP_NEW) {
			g->rec = xreallocarray(g->rec, g->nrec + 1,
			    sizeof *g->rec);
			g->rec[g->nrec++] = query_id(q, 2);
		}
		if (g->nop == 1)
			g->first_hlc = (uint64_t)query_int(q, 3);
	}
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* The first of this site's own changes made on them (after the first of
 * them was made: its clock is past it), or 0. */
static int
let_go_own(struct store *st, const struct let_go *g, uint64_t *own_from,
    char **cause)
{
	struct query	*q;
	struct op	 op;
	const void	*p;
	size_t		 n;
	int		 rc;

	q = query_prepare(st, "SELECT seq, enc FROM op WHERE origin = ?1 AND "
	    "hlc > ?2 ORDER BY seq");
	query_bind_id(q, 1, &st->site);
	query_bind_int(q, 2, (int64_t)g->first_hlc);
	while ((rc = query_step(q)) == 1) {
		if ((p = query_blob(q, 1, &n)) == NULL)
			continue;
		if (op_decode(p, n, &op, cause) != 0) {
			query_done(q);
			return -1;
		}
		rc = let_go_names(g, &op);
		op_free(&op);
		if (rc) {
			if (*own_from == 0 ||
			    (uint64_t)query_int(q, 0) < *own_from)
				*own_from = (uint64_t)query_int(q, 0);
			break;
		}
	}
	query_done(q);
	if (rc < 0) {
		store_cause(st, cause);
		return -1;
	}
	return 0;
}

int
store_let_go(struct store *st, const struct id *origin, uint64_t from,
    uint64_t to, uint64_t *own_from, uint64_t *count, char **cause)
{
	struct let_go	 g;
	struct query	*q;
	char		 b32[27];
	int64_t		 last;
	int		 rc = -1;

	if (!st->in_tx)
		fatal("copies let go of outside a transaction");
	memset(&g, 0, sizeof g);
	if (store_local_load(st, cause) != 0)
		return -1;
	/* Past the last its maker made again: changes it no longer holds
	 * (put back from a backup once more), here only. Never dropped. */
	q = query_prepare(st, "SELECT coalesce(max(seq), 0) FROM op WHERE "
	    "origin = ?1 AND seq > ?2 AND NOT EXISTS (SELECT 1 FROM recovered "
	    "r WHERE r.op = op.id AND r.now IS NOT NULL)");
	query_bind_id(q, 1, origin);
	query_bind_int(q, 2, (int64_t)to);
	last = query_step(q) == 1 ? query_int(q, 0) : -1;
	query_done(q);
	if (last < 0) {
		store_cause(st, cause);
		return -1;
	}
	if (last > 0) {
		id_base32(origin, b32);
		store_set_fault(st, STORE_EINPUT);
		xasprintf(cause, "this site holds changes %llu to %lld of site "
		    "%.8s, made after its history forked, that it did not make "
		    "again (it no longer holds them: put back from a backup "
		    "again?): they are kept here and this bundle is not "
		    "taken; keep this database as it is and ask for help",
		    (unsigned long long)to + 1, (long long)last, b32);
		return -1;
	}
	if (let_go_load(st, origin, from, &g) != 0) {
		store_cause(st, cause);
		goto done;
	}
	*count = g.nop;
	if (g.nop == 0) {
		rc = 0;
		goto done;
	}
	if (let_go_own(st, &g, own_from, cause) != 0)
		goto done;
	q = query_prepare(st, "INSERT INTO recovered (op, origin, seq, entity) "
	    "SELECT id, origin, seq, CASE kind WHEN 1 THEN entity END FROM op "
	    "WHERE origin = ?1 AND seq >= ?2 ORDER BY seq ON CONFLICT (op) DO "
	    "UPDATE SET entity = excluded.entity");
	query_bind_id(q, 1, origin);
	query_bind_int(q, 2, (int64_t)from);
	rc = query_step(q);
	query_done(q);
	if (rc < 0) {
		store_cause(st, cause);
		goto done;
	}
	rc = oplog_cut(st, origin, from, cause) != 0 ||
	    check_refold(st, cause) != 0 ? -1 : 0;
done:
	free(g.ops);
	free(g.rec);
	return rc;
}

void
store_set_remaking(struct store *st, const struct op *old)
{
	st->remaking = old;
}

const struct id *
store_recovered_id(const struct store_recovered *r, const struct id *id)
{
	size_t	i;

	for (i = 0; i < r->nremade; i++)
		if (id_cmp(&r->remade[i].was, id) == 0)
			return &r->remade[i].now;
	return id;
}

void
store_recovered_free(struct store_recovered *r)
{
	size_t	i;

	for (i = 0; i < r->ntrail; i++)
		op_free(&r->trail[i]);
	free(r->trail);
	free(r->remade);
	free(r->need);
	free(r->repass);
	memset(r, 0, sizeof *r);
}
