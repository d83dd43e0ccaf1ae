/*
 * oplog.c owns the operation log: giving a local change its origin,
 * sequence number, clock and author, writing it, and the two entry points
 * store_new() and store_set() through which every change is made. The
 * tables are filled by fold.c from what is written here.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store-private.h"
#include "oneteam/date.h"
#include "oneteam/kinds.h"
#include "oneteam/xmalloc.h"

/*
 * Did a newer oneteam than this make this site's last change? Then this
 * one does not make more: the team refuses a site's change that says an
 * older oneteam made it than made its change before (trust.c), as a
 * forger's labelled older to be judged by older rules. 0, or -1 said.
 */
static int
oplog_not_older(struct store *st, char **cause)
{
	struct query	*q;
	struct op	 op;
	const void	*enc;
	char		*why = NULL;
	size_t		 len;
	unsigned	 made = 0;

	if (st->next_seq <= 1)
		return 0;
	q = query_prepare(st, "SELECT enc FROM op WHERE origin = ?1 AND seq = "
	    "?2");
	query_bind_id(q, 1, &st->site);
	query_bind_int(q, 2, (int64_t)st->next_seq - 1);
	if (query_step(q) == 1 && (enc = query_blob(q, 0, &len)) != NULL &&
	    op_decode(enc, len, &op, &why) == 0) {
		made = op.made;
		op_free(&op);
	}
	free(why);
	query_done(q);
	if (made <= KINDS_GENERATION)
		return 0;
	xasprintf(cause, "this site's last change was made by a newer oneteam "
	    "(generation %u; this one is %u): record changes with that one, "
	    "or a newer", made, KINDS_GENERATION);
	store_set_fault(st, STORE_EINPUT);
	return -1;
}

/* Take this site's next sequence number. */
static int
oplog_next_seq(struct store *st, uint64_t *seq, char **cause)
{
	if (store_local_load(st, cause) != 0)
		return -1;
	/* The first change of a transaction: was the file put back from a
	 * backup since it was opened? Is this oneteam as new as the one
	 * that made the last? */
	if (st->next_seq == st->seq_loaded && (mark_check(st, cause) != 0 ||
	    oplog_not_older(st, cause) != 0))
		return -1;
	*seq = st->next_seq++;
	st->local_dirty = 1;
	return 0;
}

/*
 * The digest of the log: the sum of the operations' ids, each read as a
 * 256-bit big-endian number, modulo 2^256. A sum, unlike a hash of a list,
 * does not depend on the order the operations came in, and grows by one
 * addition as each is logged.
 */
void
oplog_digest_add(uint8_t digest[32], const struct op_id *id)
{
	unsigned	carry = 0;
	int		i;

	for (i = OP_ID_LEN - 1; i >= 0; i--) {
		carry += (unsigned)digest[i] + id->b[i];
		digest[i] = (uint8_t)carry;
		carry >>= 8;
	}
}

static void
oplog_digest_sub(uint8_t digest[32], const struct op_id *id)
{
	int	borrow = 0, d, i;

	for (i = OP_ID_LEN - 1; i >= 0; i--) {
		d = (int)digest[i] - id->b[i] - borrow;
		borrow = d < 0;
		digest[i] = (uint8_t)(d + (borrow ? 256 : 0));
	}
}

int
store_forget_origin(struct store *st, const struct id *origin, char **cause)
{
	static const char *const forget[] = {
		"DELETE FROM refused WHERE op IN (SELECT id FROM op WHERE "
		"origin = ?1)",
		"DELETE FROM op WHERE origin = ?1",
		"DELETE FROM quarantine WHERE origin = ?1",
	};
	struct query	*q;
	struct op_id	*v = NULL;
	size_t		 n = 0, i;
	int		 rc;

	if (!st->in_tx)
		fatal("changes forgotten outside a transaction");
	q = query_prepare(st, "SELECT count(*) FROM op o WHERE o.origin = ?1 "
	    "AND NOT EXISTS (SELECT 1 FROM refused r WHERE r.op = o.id)");
	query_bind_id(q, 1, origin);
	if ((rc = (int)query_count(q)) != 0)
		return rc < 0 ? (store_cause(st, cause), -1) : 0;
	if (store_local_load(st, cause) != 0)
		return -1;
	q = query_prepare(st, "SELECT id FROM op WHERE origin = ?1");
	query_bind_id(q, 1, origin);
	while ((rc = query_step(q)) == 1) {
		if (sqlite3_column_bytes(q->stmt, 0) != OP_ID_LEN)
			continue;
		v = xreallocarray(v, n + 1, sizeof *v);
		memcpy(v[n++].b, sqlite3_column_blob(q->stmt, 0), OP_ID_LEN);
	}
	query_done(q);
	for (i = 0; rc == 0 && i < sizeof forget / sizeof forget[0]; i++) {
		q = query_prepare(st, forget[i]);
		query_bind_id(q, 1, origin);
		rc = query_step(q) < 0 ? -1 : 0;
		query_done(q);
	}
	for (i = 0; rc == 0 && i < n; i++)
		oplog_digest_sub(st->digest, &v[i]);
	free(v);
	if (rc < 0) {
		store_cause(st, cause);
		return -1;
	}
	st->local_dirty = 1;
	fold_gates_forget(st);
	return 1;
}

int
oplog_cut(struct store *st, const struct id *origin, uint64_t from,
    char **cause)
{
	static const char *const cut[] = {
		"DELETE FROM refused WHERE op IN (SELECT id FROM op WHERE "
		"origin = ?1 AND seq >= ?2)",
		"DELETE FROM op WHERE origin = ?1 AND seq >= ?2",
		"DELETE FROM head WHERE origin = ?1 AND seq >= ?2",
	};
	struct query	*q;
	struct op_id	 id;
	size_t		 i;
	int		 rc;

	if (store_local_load(st, cause) != 0)
		return -1;
	q = query_prepare(st, "SELECT id FROM op WHERE origin = ?1 AND seq >= "
	    "?2");
	query_bind_id(q, 1, origin);
	query_bind_int(q, 2, (int64_t)from);
	while ((rc = query_step(q)) == 1)
		if (sqlite3_column_bytes(q->stmt, 0) == OP_ID_LEN) {
			memcpy(id.b, sqlite3_column_blob(q->stmt, 0),
			    OP_ID_LEN);
			oplog_digest_sub(st->digest, &id);
		}
	query_done(q);
	for (i = 0; rc == 0 && i < sizeof cut / sizeof cut[0]; i++) {
		q = query_prepare(st, cut[i]);
		query_bind_id(q, 1, origin);
		query_bind_int(q, 2, (int64_t)from);
		rc = query_step(q) < 0 ? -1 : 0;
		query_done(q);
	}
	if (rc < 0) {
		store_cause(st, cause);
		return -1;
	}
	st->local_dirty = 1;
	fold_gates_forget(st);
	return 0;
}

/* Work the digest out from the whole log (a database from before it was
 * kept, and oneteam check). */
int
oplog_digest_scan(struct store *st, uint8_t out[32], char **cause)
{
	struct query	*q;
	struct op_id	 id;
	int		 rc;

	memset(out, 0, 32);
	q = query_prepare(st, "SELECT id FROM op");
	while ((rc = query_step(q)) == 1) {
		if (sqlite3_column_bytes(q->stmt, 0) != OP_ID_LEN)
			continue;	/* oneteam check reports it */
		memcpy(id.b, sqlite3_column_blob(q->stmt, 0), OP_ID_LEN);
		oplog_digest_add(out, &id);
	}
	query_done(q);
	if (rc < 0) {
		store_cause(st, cause);
		return -1;
	}
	return 0;
}

int
oplog_link_of(struct store *st, const struct id *origin, uint64_t seq,
    struct op_id *link)
{
	struct query	*q;
	const void	*p;
	size_t		 n;
	int		 rc;

	if (seq == 0) {
		memset(link, 0, sizeof *link);
		return 1;
	}
	/* A version 2 change's link is its id (NULL); an empty one is not
	 * known: the migration found a gap before it. */
	q = query_prepare(st, "SELECT coalesce(link, id) FROM op WHERE "
	    "origin = ?1 AND seq = ?2 UNION ALL SELECT coalesce(link, op) "
	    "FROM quarantine WHERE origin = ?1 AND seq = ?2 LIMIT 1");
	query_bind_id(q, 1, origin);
	query_bind_int(q, 2, (int64_t)seq);
	if ((rc = query_step(q)) == 1) {
		p = query_blob(q, 0, &n);
		if (n == OP_ID_LEN)
			memcpy(link->b, p, OP_ID_LEN);
		else
			rc = 0;
	}
	query_done(q);
	return rc;
}

/*
 * The link to keep with op: NULL for version 2 (its id), else worked out
 * from the change before it, or empty when that is not here.
 */
static void
oplog_bind_link(struct store *st, struct query *q, int col,
    const struct op *op)
{
	struct op_id	 prev, link;
	char		*cause = NULL;

	if (op_chained(op)) {
		sqlite3_bind_null(q->stmt, col);
		return;
	}
	if (oplog_link_of(st, &op->origin, op->seq - 1, &prev) == 1 &&
	    op_link(op, &prev, &link, &cause) == 0)
		query_bind_blob(q, col, link.b, OP_ID_LEN);
	else
		query_bind_blob(q, col, "", 0);
	free(cause);
}

/*
 * A change of version 1 whose link is now known (the one before it came)
 * gives the changes of version 1 after it, whose links were not known
 * (a gap when the log was migrated), theirs.
 */
static int
oplog_link_forward(struct store *st, const struct id *origin, uint64_t seq)
{
	struct query	*q, *u;
	struct op_id	 link, next;
	const void	*p;
	size_t		 n;
	int		 rc;

	if (oplog_link_of(st, origin, seq, &link) != 1)
		return 0;
	for (;;) {
		q = query_prepare(st, "SELECT id, length(link) FROM op WHERE "
		    "origin = ?1 AND seq = ?2");
		query_bind_id(q, 1, origin);
		query_bind_int(q, 2, (int64_t)++seq);
		if ((rc = query_step(q)) != 1 || query_is_null(q, 1) ||
		    query_int(q, 1) != 0) {
			query_done(q);
			return rc < 0 ? -1 : 0;
		}
		p = query_blob(q, 0, &n);
		if (n != OP_ID_LEN) {
			query_done(q);
			return 0;
		}
		memcpy(next.b, p, OP_ID_LEN);
		query_done(q);
		op_link_1(&link, &next, &link);
		u = query_prepare(st, "UPDATE op SET link = ?3 WHERE origin = ?1 "
		    "AND seq = ?2");
		query_bind_id(u, 1, origin);
		query_bind_int(u, 2, (int64_t)seq);
		query_bind_blob(u, 3, link.b, OP_ID_LEN);
		rc = query_step(u);
		query_done(u);
		if (rc < 0)
			return -1;
	}
}

/* Write an encoded operation to the log; 0 if it was there already. */
static int
oplog_insert(struct store *st, const struct op *op, char **cause)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "INSERT INTO op (id, origin, seq, hlc, author, "
	    "kind, etype, entity, field, enc, link, wall) VALUES (?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (origin, seq) DO NOTHING");
	/* The op outlives the step: every value is bound without a copy. */
	sqlite3_bind_blob(q->stmt, 1, op->id.b, OP_ID_LEN, SQLITE_STATIC);
	query_bind_id_static(q, 2, &op->origin);
	query_bind_int(q, 3, (int64_t)op->seq);
	query_bind_int(q, 4, (int64_t)op->hlc);
	query_bind_id_static(q, 5, &op->author);
	query_bind_int(q, 6, op->kind);
	sqlite3_bind_text(q->stmt, 7, op->etype, -1, SQLITE_STATIC);
	query_bind_id_static(q, 8, &op->entity);
	if (op->kind == OP_SET)
		sqlite3_bind_text(q->stmt, 9, op->field, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q->stmt, 9);
	sqlite3_bind_blob(q->stmt, 10, op->enc, (int)op->enclen,
	    SQLITE_STATIC);
	oplog_bind_link(st, q, 11, op);
	if (op->wall > 0)
		query_bind_int(q, 12, op->wall);
	rc = query_step(q);
	query_done(q);
	if (rc < 0) {
		store_cause(st, cause);
		return -1;
	}
	if (sqlite3_changes(st->db) == 0)
		return 0;
	if (op->remade && recover_note(st, op) != 0) {
		store_cause(st, cause);
		return -1;
	}
	if (!op_chained(op) &&
	    oplog_link_forward(st, &op->origin, op->seq) != 0) {
		store_cause(st, cause);
		return -1;
	}
	if (store_local_load(st, cause) != 0)
		return -1;
	oplog_digest_add(st->digest, &op->id);
	st->local_dirty = 1;
	if (strcmp(op->etype, "audit") != 0)
		st->changed++;
	return 1;
}

void
store_set_signer(struct store *st, const struct id *who, const uint8_t *sk)
{
	size_t	i;

	for (i = 0; i < st->nalso; i++)
		sodium_free(st->also_sk[i]);
	free(st->also);
	free(st->also_sk);
	st->also = NULL;
	st->also_sk = NULL;
	st->nalso = 0;
	if (st->signer_sk != NULL)
		sodium_free(st->signer_sk);
	st->signer_sk = NULL;
	memset(&st->signer, 0, sizeof st->signer);
	if (sk == NULL)
		return;
	if ((st->signer_sk = sodium_malloc(OP_AUTHOR_SK_LEN)) == NULL)
		fatal("no memory for a key");
	memcpy(st->signer_sk, sk, OP_AUTHOR_SK_LEN);
	st->signer = *who;
}

void
store_add_signer(struct store *st, const struct id *who, const uint8_t *sk)
{
	st->also = xreallocarray(st->also, st->nalso + 1, sizeof *st->also);
	st->also_sk = xreallocarray(st->also_sk, st->nalso + 1,
	    sizeof *st->also_sk);
	if ((st->also_sk[st->nalso] = sodium_malloc(OP_AUTHOR_SK_LEN)) == NULL)
		fatal("no memory for a key");
	memcpy(st->also_sk[st->nalso], sk, OP_AUTHOR_SK_LEN);
	st->also[st->nalso++] = *who;
}

const uint8_t *
store_signer(const struct store *st, const struct id *who)
{
	size_t	i;

	if (st->signer_sk != NULL && id_cmp(&st->signer, who) == 0)
		return st->signer_sk;
	for (i = 0; i < st->nalso; i++)
		if (id_cmp(&st->also[i], who) == 0)
			return st->also_sk[i];
	return NULL;
}

/* The key to sign op with: its author's, when the judge decides it. */
static const uint8_t *
oplog_signer(const struct store *st, const struct op *op)
{
	const uint8_t	*sk;
	uint8_t		 pk[OP_AUTHOR_PK_LEN];

	if (st->judge == NULL || !st->judge->decides(op) ||
	    (sk = store_signer(st, &op->author)) == NULL)
		return NULL;
	/* A change made again (site recover) is signed only where that key
	 * signed it then: one put in the log in the author's name is not
	 * signed now by their giving their passphrase to recover. */
	if (st->remaking != NULL) {
		crypto_sign_ed25519_sk_to_pk(pk, sk);
		if (!op_author_verify(st->remaking, pk))
			return NULL;
	}
	return sk;
}

/* Stamp a local operation, encode it, log it and fold it. */
int
oplog_record(struct store *st, struct op *op, char **cause)
{
	if (!st->in_tx)
		fatal("change recorded outside a transaction");
	op->origin = st->site;
	op->author = st->author;
	if (st->made_as != 0)
		op->made = st->made_as;
	if (oplog_next_seq(st, &op->seq, cause) != 0 ||
	    hlc_next(st, &op->hlc, cause) != 0)
		return -1;
	/* Its maker's clock, which no change heard of drags forward; one
	 * made again keeps its own (recover.c). A clock put back by a flat
	 * battery would date it, and show it, years before it was made. */
	op->wall = st->stamp != 0 ? st->stamp_wall : clock_now_ms();
	if (st->stamp == 0 && op->wall < CLOCK_EPOCH_MS) {
		char	when[32];

		time_format_iso(op->wall, when, sizeof when);
		xasprintf(cause, "this machine's clock says %.10s, which cannot "
		    "be right: set it to today's date and time, then record "
		    "this again", when);
		store_set_fault(st, STORE_EINPUT);
		return -1;
	}
	if (st->remaking != NULL) {
		op->remade = 1;
		op->remakes_origin = st->remaking->origin;
		op->remakes_seq = st->remaking->seq;
		op->remakes = st->remaking->id;
		recover_before(op, st->remaking);
	}
	op->prev = st->prev;
	if (op_encode_signed(op, oplog_signer(st, op), cause) != 0)
		return -1;
	if (oplog_insert(st, op, cause) != 1) {
		if (*cause == NULL)
			*cause = xstrdup("operation recorded twice");
		return -1;
	}
	st->prev = op->id;
	free(st->refused);
	st->refused = NULL;
	if (fold_apply(st, op, cause) != 0)
		return -1;
	/* The judge refuses what the command would have: the command's
	 * own check and the judge's rule have drifted apart. (What it
	 * decided of others' changes, a site this one admits, is theirs.) */
	if (st->refused != NULL && (fold_refused(st, &op->id) != 1 ||
	    (st->remaking != NULL && st->remaking_refused))) {
		free(st->refused);
		st->refused = NULL;
	}
	if (st->refused != NULL) {
		*cause = st->refused;
		st->refused = NULL;
		store_set_fault(st, STORE_EINPUT);
		return -1;
	}
	return 0;
}

/* Refuse a second operation under an (origin, sequence) already used. */
static int
oplog_check_clone(struct store *st, const struct op *op, char **cause)
{
	struct query	*q;
	char		 site[27];
	int		 rc;

	q = query_prepare(st, "SELECT 1 FROM op WHERE origin = ?1 AND "
	    "seq = ?2 AND id IS NOT ?3");
	query_bind_id(q, 1, &op->origin);
	query_bind_int(q, 2, (int64_t)op->seq);
	sqlite3_bind_blob(q->stmt, 3, op->id.b, OP_ID_LEN, SQLITE_STATIC);
	rc = query_step(q);
	query_done(q);
	if (rc < 0) {
		store_cause(st, cause);
		return -1;
	}
	if (rc == 1) {
		id_base32(&op->origin, site);
		xasprintf(cause, "site %.8s made two different changes numbered "
		    "%llu: its database was copied or restored from a backup",
		    site, (unsigned long long)op->seq);
		return -1;
	}
	return 0;
}

int
store_apply_op(struct store *st, const struct op *op, char **cause)
{
	int	rc;

	if (!st->in_tx)
		fatal("operation applied outside a transaction");
	if ((rc = oplog_check_clone(st, op, cause)) == 0 &&
	    (rc = oplog_insert(st, op, cause)) == 1 &&
	    fold_apply(st, op, cause) != 0)
		rc = -1;
	if (rc < 0)
		return -1;
	if (store_local_load(st, cause) != 0)
		return -1;
	hlc_seen(st, op->hlc);
	return rc;
}

int
store_apply(struct store *st, const uint8_t *enc, size_t len, char **cause)
{
	struct op	op;
	int		rc;

	if (op_decode(enc, len, &op, cause) != 0)
		return -1;
	rc = store_apply_op(st, &op, cause);
	op_free(&op);
	return rc;
}

int
store_link(struct store *st, const struct id *origin, uint64_t seq,
    struct op_id *link)
{
	return oplog_link_of(st, origin, seq, link);
}

/* --- the chains, walked whole ------------------------------------------- */

struct chain_walk {
	struct store	*st;
	void		(*report)(const char *, void *);
	void		*arg;
	int		 problems;
	struct id	 origin;
	char		*name;
	uint64_t	 seq;		/* the last change walked */
	struct op_id	 link;		/* its link */
	int		 known;		/* its link is known */
};

static void
chain_problem(struct chain_walk *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
chain_problem(struct chain_walk *w, const char *fmt, ...)
{
	va_list	 ap;
	char	*s, *line;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	xasprintf(&line, "changes of %s: %s", w->name, s);
	w->report(line, w->arg);
	w->problems++;
	free(line);
	free(s);
}

/* One change of the site walked: its id, its place, its link. */
static void
chain_one(struct chain_walk *w, struct query *q)
{
	struct op	 op;
	struct op_id	 link, kept;
	const void	*p;
	size_t		 n, nk;
	char		*cause = NULL;
	uint64_t	 seq = (uint64_t)query_int(q, 1);
	const void	*k = query_blob(q, 4, &nk);

	if (seq != w->seq + 1) {
		if (seq == w->seq + 2)
			chain_problem(w, "change %llu is missing: it was "
			    "deleted", (unsigned long long)w->seq + 1);
		else if (seq > w->seq + 2)
			chain_problem(w, "changes %llu to %llu are missing: "
			    "they were deleted", (unsigned long long)w->seq + 1,
			    (unsigned long long)seq - 1);
		w->known = 0;
	}
	w->seq = seq;
	p = query_blob(q, 3, &n);
	if (op_decode(p, n, &op, &cause) != 0) {
		chain_problem(w, "change %llu is damaged (%s)",
		    (unsigned long long)seq, cause);
		free(cause);
		w->known = 0;
		return;
	}
	p = query_blob(q, 2, &n);
	if (n != OP_ID_LEN || memcmp(p, op.id.b, OP_ID_LEN) != 0)
		chain_problem(w, "change %llu was edited: it does not match "
		    "its id", (unsigned long long)seq);
	if (w->known && op_link(&op, &w->link, &link, &cause) != 0) {
		chain_problem(w, "change %llu does not follow change %llu: "
		    "its history was rewritten here",
		    (unsigned long long)seq, (unsigned long long)seq - 1);
		free(cause);
		cause = NULL;
		w->known = 0;
	} else if (w->known) {
		/* One from before chains keeps the link worked out then. */
		if (!op_chained(&op) && nk == OP_ID_LEN &&
		    memcmp(k, link.b, OP_ID_LEN) != 0)
			chain_problem(w, "change %llu does not follow change "
			    "%llu: its history was rewritten here",
			    (unsigned long long)seq,
			    (unsigned long long)seq - 1);
		w->link = link;
	}
	/* After a gap, a change of version 2 starts a chain again. */
	if (!w->known && op_chained(&op)) {
		w->link = op.id;
		w->known = 1;
	} else if (!w->known && nk == OP_ID_LEN) {
		memcpy(kept.b, k, OP_ID_LEN);
		w->link = kept;
		w->known = 1;
	}
	op_free(&op);
}

int
store_chain_check(struct store *st, void (*report)(const char *, void *),
    void *arg, char **cause)
{
	struct chain_walk	 w;
	struct query		*q;
	struct id		 origin;
	int			 rc, first = 1;

	memset(&w, 0, sizeof w);
	w.st = st;
	w.report = report;
	w.arg = arg;
	q = query_prepare(st, "SELECT origin, seq, id, enc, link FROM op "
	    "UNION ALL SELECT origin, seq, op, enc, link FROM quarantine "
	    "ORDER BY 1, 2");
	while ((rc = query_step(q)) == 1) {
		origin = query_id(q, 0);
		if (first || id_cmp(&origin, &w.origin) != 0) {
			free(w.name);
			w.origin = origin;
			w.name = site_label(st, &origin);
			w.seq = 0;
			w.known = 1;
			memset(&w.link, 0, sizeof w.link);
			first = 0;
		}
		chain_one(&w, q);
	}
	query_done(q);
	free(w.name);
	if (rc < 0) {
		store_cause(st, cause);
		return -1;
	}
	return w.problems;
}

int
store_next_id(struct store *st, struct id *id, char **cause)
{
	if (!st->in_tx)
		fatal("record id taken outside a transaction");
	if (store_local_load(st, cause) != 0)
		return -1;
	op_made_id(&st->site, st->next_seq, id);
	return 0;
}

int
store_new(struct store *st, const char *etype, const struct field *fields,
    size_t nfields, struct id *id, char **cause)
{
	struct id	made;

	if (store_next_id(st, &made, cause) != 0 ||
	    store_new_id(st, etype, fields, nfields, &made, cause) != 0)
		return -1;
	if (id != NULL)
		*id = made;
	return 0;
}

int
store_new_id(struct store *st, const char *etype, const struct field *fields,
    size_t nfields, const struct id *id, char **cause)
{
	struct op	op;
	int		rc;

	memset(&op, 0, sizeof op);
	op.kind = OP_NEW;
	if (strlen(etype) > OP_NAME_MAX)
		fatal("record type %s too long", etype);
	strcpy(op.etype, etype);
	op.entity = *id;
	op.nfields = nfields;
	op.fields = xcalloc(nfields, sizeof *op.fields);
	memcpy(op.fields, fields, nfields * sizeof *fields);
	rc = oplog_record(st, &op, cause);
	op_free(&op);
	return rc;
}

int
store_set(struct store *st, const char *etype, const struct id *id,
    const char *field, const struct val *v, char **cause)
{
	struct op	op;
	int		rc, same;

	memset(&op, 0, sizeof op);
	op.kind = OP_SET;
	if (strlen(etype) > OP_NAME_MAX || strlen(field) > OP_NAME_MAX)
		fatal("record type %s or field %s too long", etype, field);
	strcpy(op.etype, etype);
	strcpy(op.field, field);
	op.entity = *id;
	op.value = *v;
	if ((rc = fold_heads(st, &op, &same, cause)) == 0 && !same)
		rc = oplog_record(st, &op, cause);
	op_free(&op);
	return rc;
}

uint64_t
store_change_mark(struct store *st)
{
	struct query	*q;
	int64_t		 v;

	/* Inside a transaction what is read may yet be rolled back. */
	if (!sqlite3_get_autocommit(st->db))
		return 0;
	q = query_prepare(st, "PRAGMA data_version");
	if ((v = query_count(q)) < 0)
		return 0;
	/* Never 0: that says "not known". */
	return ((uint64_t)v << 32) + st->changed + 1;
}
