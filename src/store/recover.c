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

/* Old ids and their new ones: records made, and changes. */
struct recover_map {
	struct id	*old_rec, *new_rec;
	size_t		 nrec;
	struct op_id	*old_op, *new_op;
	size_t		 nop;
	struct id	*skipped;	/* records not made again */
	size_t		 nskipped;
};

static const struct id *
recover_rec(const struct recover_map *m, const struct id *id)
{
	size_t	i;

	for (i = 0; i < m->nrec; i++)
		if (id_cmp(&m->old_rec[i], id) == 0)
			return &m->new_rec[i];
	return id;
}

static int
recover_gone(const struct recover_map *m, const struct id *id)
{
	size_t	i;

	for (i = 0; i < m->nskipped; i++)
		if (id_cmp(&m->skipped[i], id) == 0)
			return 1;
	return 0;
}

static void
recover_val(const struct recover_map *m, struct val *v)
{
	if (v->type == VAL_ID)
		v->id = *recover_rec(m, &v->id);
}

/*
 * Make old again under this site's id, as its author made it. A change
 * signed by its author (one the judge decides) can be made again only
 * with their key set on the store: else it is skipped (0), and so is a
 * change of a record that was skipped. 1: made again.
 */
static int
recover_one(struct store *st, struct recover_map *m, const struct op *old,
    struct store_recovered *r, char **cause)
{
	struct op	 op;
	struct id	 author = *store_author(st), made;
	size_t		 i, j;
	int		 rc;

	if (recover_gone(m, &old->entity) || (old->version >= 3 &&
	    st->judge != NULL && st->judge->decides(old) &&
	    store_signer(st, &old->author) == NULL)) {
		if (old->kind == OP_NEW) {
			m->skipped = xreallocarray(m->skipped,
			    m->nskipped + 1, sizeof *m->skipped);
			m->skipped[m->nskipped++] = old->entity;
		}
		return 0;
	}
	memset(&op, 0, sizeof op);
	op.kind = old->kind;
	strcpy(op.etype, old->etype);
	op.entity = *recover_rec(m, &old->entity);
	if (old->kind == OP_NEW) {
		/* A making makes its record under the id its place gives. */
		if (store_next_id(st, &made, cause) != 0)
			return -1;
		m->old_rec = xreallocarray(m->old_rec, m->nrec + 1,
		    sizeof *m->old_rec);
		m->new_rec = xreallocarray(m->new_rec, m->nrec + 1,
		    sizeof *m->new_rec);
		m->old_rec[m->nrec] = old->entity;
		m->new_rec[m->nrec++] = made;
		r->remade = xreallocarray(r->remade, r->nremade + 1,
		    sizeof *r->remade);
		r->remade[r->nremade].etype = kinds_get(old->etype) != NULL ?
		    kinds_get(old->etype)->etype : "";
		r->remade[r->nremade].was = old->entity;
		r->remade[r->nremade++].now = made;
		op.entity = made;
		op.nfields = old->nfields;
		op.fields = xcalloc(old->nfields + 1, sizeof *op.fields);
		for (i = 0; i < old->nfields; i++) {
			op.fields[i] = old->fields[i];
			recover_val(m, &op.fields[i].v);
		}
	} else {
		strcpy(op.field, old->field);
		op.value = old->value;
		recover_val(m, &op.value);
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
	/* As its author made it, when they made it: its place in the
	 * order the same as before. */
	store_set_author(st, &old->author);
	st->stamp = old->hlc;
	rc = oplog_record(st, &op, cause);
	st->stamp = 0;
	store_set_author(st, &author);
	if (rc == 0) {
		m->old_op = xreallocarray(m->old_op, m->nop + 1,
		    sizeof *m->old_op);
		m->new_op = xreallocarray(m->new_op, m->nop + 1,
		    sizeof *m->new_op);
		m->old_op[m->nop] = old->id;
		m->new_op[m->nop++] = op.id;
	}
	op_free(&op);
	return rc < 0 ? -1 : 1;
}

/* This site's changes from from on, as encoded, in their order. */
static int
recover_load(struct store *st, uint64_t from, uint8_t ***enc, size_t **len,
    size_t *n, char **cause)
{
	struct query	*q;
	const void	*p;
	size_t		 l;
	int		 rc;

	*enc = NULL;
	*len = NULL;
	*n = 0;
	q = query_prepare(st, "SELECT enc FROM op WHERE origin = ?1 AND seq >= "
	    "?2 ORDER BY seq");
	query_bind_id(q, 1, &st->site);
	query_bind_int(q, 2, (int64_t)from);
	while ((rc = query_step(q)) == 1) {
		p = query_blob(q, 0, &l);
		*enc = xreallocarray(*enc, *n + 1, sizeof **enc);
		*len = xreallocarray(*len, *n + 1, sizeof **len);
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

int
store_recover(struct store *st, uint64_t from, struct store_recovered *r,
    char **cause)
{
	struct recover_map	 m;
	struct query		*q;
	struct op		 op;
	uint8_t			**enc = NULL;
	size_t			*len = NULL, n = 0, i;
	int			 rc = 0;

	memset(r, 0, sizeof *r);
	memset(&m, 0, sizeof m);
	if (store_begin(st, cause) != 0)
		return -1;
	if (store_local_load(st, cause) != 0)
		goto fail;
	r->was = st->site;
	r->from = from;
	r->to = st->next_seq - 1;
	if (from < 1 || from > r->to) {
		store_rollback(st);
		return 0;
	}
	/* Out of the log, the tables folded again without them, the proof
	 * of the fork this replica kept dropped (its own copy is gone). */
	q = query_prepare(st, "DELETE FROM evidence WHERE origin = ?1");
	query_bind_id(q, 1, &st->site);
	rc = query_step(q);
	query_done(q);
	if (rc < 0 || recover_load(st, from, &enc, &len, &n, cause) != 0 ||
	    oplog_cut(st, &st->site, from, cause) != 0 ||
	    check_refold(st, cause) != 0 || store_new_site(st, cause) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if (op_decode(enc[i], len[i], &op, cause) != 0)
			goto fail;
		rc = recover_one(st, &m, &op, r, cause);
		op_free(&op);
		if (rc < 0)
			goto fail;
		if (rc == 1)
			r->made++;
		else
			r->skipped++;
	}
	if (store_commit(st, cause) != 0)
		goto fail;
	r->now = st->site;
	rc = 0;
	goto done;
fail:
	if (*cause == NULL)
		store_cause(st, cause);
	store_rollback(st);
	free(r->remade);
	r->remade = NULL;
	r->nremade = 0;
	rc = -1;
done:
	for (i = 0; i < n; i++)
		free(enc[i]);
	free(enc);
	free(len);
	free(m.old_rec);
	free(m.new_rec);
	free(m.old_op);
	free(m.new_op);
	free(m.skipped);
	return rc;
}
