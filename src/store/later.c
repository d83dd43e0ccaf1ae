/*
 * later.c keeps what a later oneteam made (sync-design.md, "Upgrades"):
 * a change whose kind, field or body this build's generation of record
 * kinds (kinds.h) does not know, made by a later generation, is kept in
 * the log and relayed like any other, listed here with the family it is
 * about when that is known, so that the family's view can say part of
 * its record needs a newer oneteam; once this site is upgraded, its first
 * opening folds the log again and they show. Whether a change can be
 * folded is the fold's (fold_can()); this file only keeps the list.
 */
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "oneteam/kinds.h"
#include "oneteam/xmalloc.h"

void
store_set_generation(struct store *st, unsigned gen)
{
	st->generation = gen > 0 && gen < KINDS_GENERATION ? gen :
	    KINDS_GENERATION;
}

unsigned
store_generation(const struct store *st)
{
	return st->generation;
}

void
store_set_made_as(struct store *st, unsigned gen)
{
	st->made_as = gen < KINDS_GENERATION ? gen : 0;
}

/* The family op is about, when this build can tell: 1 with *family. */
static int
later_family(struct store *st, const struct op *op, struct id *family)
{
	size_t	i;

	if (strcmp(op->etype, "family") == 0) {
		*family = op->entity;
		return 1;
	}
	for (i = 0; i < op->nfields; i++) {
		if (strcmp(op->fields[i].name, "family") == 0 &&
		    op->fields[i].v.type == VAL_ID) {
			*family = op->fields[i].v.id;
			return 1;
		}
	}
	if (op->kind == OP_SET)
		return kinds_family_of(st, op->etype, &op->entity, family);
	return 0;
}

int
later_keep(struct store *st, const struct op *op, int whole, char **cause)
{
	struct query	*q;
	struct id	 family;
	int		 rc;

	if ((rc = later_family(st, op, &family)) < 0)
		return fold_fail(st, cause);
	q = query_prepare(st, "INSERT OR IGNORE INTO later (op, made, family, "
	    "whole) VALUES (?1, ?2, ?3, ?4)");
	query_bind_blob(q, 1, op->id.b, OP_ID_LEN);
	query_bind_int(q, 2, op->made);
	if (rc == 1 && !id_is_zero(&family))
		query_bind_id(q, 3, &family);
	query_bind_int(q, 4, whole);
	return fold_exec(st, q, cause);
}

int
later_drop(struct store *st, const struct op *op, char **cause)
{
	struct query	*q;

	q = query_prepare(st, "DELETE FROM later WHERE op = ?1");
	query_bind_blob(q, 1, op->id.b, OP_ID_LEN);
	return fold_exec(st, q, cause);
}

int
later_refuse(struct store *st, const struct op *op, char **cause)
{
	struct query	*q;
	char		*why;

	xasprintf(&why, "made by a newer oneteam and not as this one reads "
	    "it: %s", *cause != NULL ? *cause : "?");
	free(*cause);
	*cause = NULL;
	/* Refused as the judge refuses (gate 0): no rule takes it back. */
	q = query_prepare(st, "INSERT OR REPLACE INTO refused (op, why, gate) "
	    "VALUES (?1, ?2, 0)");
	query_bind_blob(q, 1, op->id.b, OP_ID_LEN);
	query_bind_text(q, 2, why);
	free(why);
	return fold_exec(st, q, cause);
}

int
later_whole(const struct store *st, const struct op *op)
{
	char	*cause = NULL;
	int	 rc;

	if (op->made <= st->generation)
		return 0;
	rc = fold_can(st, op, &cause);
	free(cause);
	return rc == FOLD_LATER;
}

int
store_later(struct store *st, const struct id *family, struct store_later *l,
    char **cause)
{
	struct query	*q;
	int		 rc;

	memset(l, 0, sizeof *l);
	if (family != NULL) {
		q = query_prepare(st, "SELECT count(*), max(made) FROM later "
		    "WHERE family = ?1");
		query_bind_id(q, 1, family);
	} else
		q = query_prepare(st, "SELECT count(*), max(made) FROM later");
	if ((rc = query_step(q)) == 1) {
		l->n = query_int(q, 0);
		l->made = (unsigned)query_int(q, 1);
	}
	query_done(q);
	return rc < 0 ? fold_fail(st, cause) : 0;
}

/* Generation 4 on: the maker's clock into the log; 1 when it was read. */
static int
later_wall(struct store *st, int64_t rowid, const struct op *op)
{
	struct query	*u;
	int		 rc;

	if (op->wall <= 0)
		return 0;
	u = query_prepare(st, "UPDATE op SET wall = ?2 WHERE rowid = ?1");
	query_bind_int(u, 1, rowid);
	query_bind_int(u, 2, op->wall);
	rc = query_step(u);
	query_done(u);
	return rc < 0 ? -1 : 1;
}

/* Generation 5 on: the change a change made again makes again, and (6
 * on) what that one made again before, each noted as let go of
 * (recover.c); 0, as the log folds the same. */
static int
later_before(struct store *st, int64_t rowid, const struct op *op)
{
	(void)rowid;
	return op->remade && recover_note(st, op) != 0 ? -1 : 0;
}

/*
 * What a build before this one passed over in the headers of changes it
 * held (a site upgraded after others: one of generation 4 took the
 * makings again of generation 5 for a later one's, and noted none), read
 * once each, in a transaction
 * of its own, the flag in local set with it: the changes of that
 * generation on (their encoding says it: version 4 on, its third and
 * fourth bytes) read, then the log folded again if any read says so.
 */
static const struct later_header {
	const char	*ask, *done;	/* its flag in local */
	const char	*select;	/* rowid and enc of those to read */
	unsigned	 since;		/* generation */
	int		(*read)(struct store *, int64_t, const struct op *);
} later_headers[] = {
	{ "SELECT walls_read FROM local WHERE id = 1",
	    "UPDATE local SET walls_read = 1 WHERE id = 1",
	    "SELECT rowid, enc FROM op WHERE wall IS NULL AND length(enc) > 4 "
	    "AND substr(enc, 1, 1) >= x'04' AND substr(enc, 3, 2) >= ?1",
	    KINDS_GENERATION_WALL, later_wall },
	{ "SELECT befores_read FROM local WHERE id = 1",
	    "UPDATE local SET befores_read = 1 WHERE id = 1",
	    "SELECT rowid, enc FROM op WHERE length(enc) > 4 AND "
	    "substr(enc, 1, 1) >= x'04' AND substr(enc, 3, 2) >= ?1",
	    KINDS_GENERATION_REMAKES, later_before },
};

static int
later_header_read(struct store *st, const struct later_header *h,
    char **cause)
{
	struct query	*q;
	struct op	 op;
	const void	*enc;
	const uint8_t	 gen[2] = { (uint8_t)(h->since >> 8),
			    (uint8_t)h->since };
	char		*why = NULL;
	size_t		 len;
	int64_t		 folds = 0;
	int		 rc;

	q = query_prepare(st, h->ask);
	if ((rc = query_step(q)) == 1 && query_int(q, 0) != 0)
		rc = 0;
	query_done(q);
	if (rc <= 0)
		return rc < 0 ? fold_fail(st, cause) : 0;
	if (store_begin(st, cause) != 0)
		return -1;
	q = query_prepare(st, h->done);
	rc = query_step(q) < 0 ? -1 : 0;
	query_done(q);
	q = query_prepare(st, h->select);
	query_bind_blob(q, 1, gen, sizeof gen);
	while (rc == 0 && (rc = query_step(q)) == 1) {
		enc = query_blob(q, 1, &len);
		/* One this build cannot read says nothing it can take. */
		if (op_decode(enc, len, &op, &why) != 0) {
			free(why);
			why = NULL;
			rc = 0;
			continue;
		}
		rc = h->read(st, query_int(q, 0), &op);
		op_free(&op);
		if (rc == 1)
			folds++;
		rc = rc < 0 ? -1 : 0;
	}
	query_done(q);
	if (rc < 0 && *cause == NULL)
		fold_fail(st, cause);
	if (rc < 0 || (folds > 0 && check_refold(st, cause) != 0)) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, cause);
}

int
store_upgrade(struct store *st, char **cause)
{
	struct query	*q;
	int64_t		 n = 0;
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof later_headers / sizeof later_headers[0]; i++)
		if (later_header_read(st, &later_headers[i], cause) != 0)
			return -1;
	q = query_prepare(st, "SELECT count(*) FROM later WHERE made <= ?1");
	query_bind_int(q, 1, st->generation);
	if ((rc = query_step(q)) == 1)
		n = query_int(q, 0);
	query_done(q);
	if (rc < 0)
		return fold_fail(st, cause);
	if (n == 0)
		return 0;
	/* Folded in their place among the others, each judged on what came
	 * before it, as a repair folds. */
	if (store_repair(st, cause) != 0)
		return -1;
	store_notice_add(st, "this oneteam now knows what %lld change%s made "
	    "by a newer one held: %s folded in with the rest (oneteam check "
	    "lists any it refuses)", (long long)n, n == 1 ? "" : "s",
	    n == 1 ? "it is" : "they are");
	return 0;
}
