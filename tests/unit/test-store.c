/*
 * Unit tests of the store: the canonical encoding of operations, the fold
 * (registers, conflicts, operations out of order and twice), the state
 * hash, check and repair, and refusing files that are not ours.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "oneteam/oneteam.h"
#include "oneteam/kinds.h"
#include "oneteam/op.h"
#include "oneteam/store.h"
#include "oneteam/xmalloc.h"

struct two {
	char		 dir[64];
	struct store	*a;
	struct store	*b;
};

static char *
path_in(const char *dir, const char *name)
{
	return xprintf("%s/%s", dir, name);
}

static int
two_setup(void **state)
{
	struct two	*t = xcalloc(1, sizeof *t);
	char		*cause = NULL, *p;

	setenv("ONETEAM_NOW", "2026-03-12T09:30:00Z", 1);
	snprintf(t->dir, sizeof t->dir, "/tmp/oneteam-store.XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	p = path_in(t->dir, "a.db");
	t->a = store_open(p, STORE_CREATE, "a", &cause);
	free(p);
	p = path_in(t->dir, "b.db");
	t->b = store_open(p, STORE_CREATE, "b", &cause);
	free(p);
	assert_non_null(t->a);
	assert_non_null(t->b);
	*state = t;
	return 0;
}

static int
two_teardown(void **state)
{
	struct two	*t = *state;
	char		*cmd;

	store_close(t->a);
	store_close(t->b);
	cmd = xprintf("rm -rf %s", t->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(t);
	return 0;
}

/* Copy every operation of from that to lacks, in the order given. */
static int
exchange(struct store *from, struct store *to, int reverse)
{
	struct query	*q;
	const void	*enc;
	size_t		 len;
	char		*cause = NULL;
	int		 n = 0, rc;

	assert_int_equal(store_begin(to, &cause), 0);
	q = query_prepare(from, reverse ? "SELECT enc FROM op ORDER BY rowid "
	    "DESC" : "SELECT enc FROM op ORDER BY rowid");
	while (query_step(q) == 1) {
		enc = query_blob(q, 0, &len);
		rc = store_apply(to, enc, len, &cause);
		if (rc < 0)
			fail_msg("apply: %s", cause);
		n += rc;
	}
	query_done(q);
	assert_int_equal(store_commit(to, &cause), 0);
	return n;
}

static struct id
new_family(struct store *st, const char *household)
{
	struct field	f[2] = {
		{ "household", val_text(household) },
		{ "status", val_text("open") },
	};
	struct id	id;
	char		*cause = NULL;

	assert_int_equal(store_begin(st, &cause), 0);
	assert_int_equal(store_new(st, "family", f, 2, &id, &cause), 0);
	assert_int_equal(store_commit(st, &cause), 0);
	return id;
}

static void
set_text(struct store *st, const struct id *id, const char *field,
    const char *value)
{
	struct val	 v = val_text(value);
	char		*cause = NULL;

	assert_int_equal(store_begin(st, &cause), 0);
	if (store_set(st, "family", id, field, &v, &cause) != 0)
		fail_msg("set: %s", cause);
	assert_int_equal(store_commit(st, &cause), 0);
}

static char *
household(struct store *st, const struct id *id)
{
	struct query	*q;
	char		*s = NULL;

	q = query_prepare(st, "SELECT household FROM family WHERE id = ?1");
	query_bind_id(q, 1, id);
	if (query_step(q) == 1)
		s = xstrdup(query_text(q, 0));
	query_done(q);
	return s;
}

static int64_t
heads(struct store *st, const struct id *id, const char *field)
{
	struct query	*q;

	q = query_prepare(st, "SELECT count(*) FROM reg WHERE entity = ?1 AND "
	    "field = ?2");
	query_bind_id(q, 1, id);
	query_bind_text(q, 2, field);
	return query_count(q);
}

static void
assert_same_state(struct store *a, struct store *b)
{
	uint8_t	ha[32], hb[32];
	char	*cause = NULL;

	assert_int_equal(store_state_hash(a, ha, &cause), 0);
	assert_int_equal(store_state_hash(b, hb, &cause), 0);
	assert_memory_equal(ha, hb, 32);
}

/* No core dump, and on Linux no attaching, once protected. */
static void
test_protect(void **state)
{
	struct rlimit	rl;

	(void)state;
	assert_int_equal(oneteam_protect(), 0);
	assert_int_equal(getrlimit(RLIMIT_CORE, &rl), 0);
	assert_true(rl.rlim_cur == 0 && rl.rlim_max == 0);
#ifdef __linux__
	assert_int_equal(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
#endif
}

/* The idle lock: the configured minutes after the last key, clock given. */
static void
test_idle_lock(void **state)
{
	struct oneteam	ot;
	int64_t		key = INT64_C(1773307800000), min = 60 * 1000;

	(void)state;
	memset(&ot, 0, sizeof ot);
	ot.cfg.idle_lock_minutes = 5;
	assert_int_equal(oneteam_lock_left(&ot, key, key), 5 * min);
	assert_int_equal(oneteam_lock_left(&ot, key, key + 5 * min - 1), 1);
	assert_true(oneteam_lock_left(&ot, key, key + 5 * min) <= 0);
	ot.cfg.idle_lock_minutes = 10;
	assert_int_equal(oneteam_lock_left(&ot, key, key + 5 * min), 5 * min);
	assert_true(oneteam_lock_left(&ot, key, key + 10 * min + 1) < 0);
}

static void
test_encoding_roundtrip(void **state)
{
	struct op	 op, back;
	struct field	 f[2] = {
		{ "zeta", val_int(-5) }, { "alpha", val_text("Zoë \xe7\x8e\x8b") },
	};
	char		*cause = NULL;

	(void)state;
	memset(&op, 0, sizeof op);
	op.kind = OP_NEW;
	strcpy(op.etype, "family");
	op.seq = 7;
	op.hlc = 12345;
	op.fields = f;
	op.nfields = 2;
	assert_int_equal(op_encode(&op, &cause), 0);
	/* Fields are sorted: the same change always encodes the same. */
	assert_string_equal(op.fields[0].name, "alpha");
	assert_int_equal(op_decode(op.enc, op.enclen, &back, &cause), 0);
	assert_memory_equal(op.id.b, back.id.b, OP_ID_LEN);
	assert_int_equal(back.nfields, 2);
	assert_string_equal(back.fields[0].v.s, "Zoë \xe7\x8e\x8b");
	assert_int_equal(back.fields[1].v.i, -5);
	op_free(&back);
	free(op.enc);
}

/*
 * Re-encode a version 4 change's body by hand: hash it into the header
 * again, as a later oneteam that wrote such a body would have.
 */
static uint8_t *
later_body(const struct op *op, const uint8_t *body, size_t blen, size_t *len)
{
	uint8_t	*p = xmalloc(op->headlen + blen);
	size_t	 i;

	memcpy(p, op->enc, op->headlen);
	memcpy(p + op->headlen, body, blen);
	for (i = 0; i < 4; i++)
		p[op->headlen - 4 - OP_ID_LEN + i] =
		    (uint8_t)(blen >> (8 * (3 - i)));
	crypto_generichash(p + op->headlen - OP_ID_LEN, OP_ID_LEN,
	    p + op->headlen, blen, NULL, 0);
	*len = op->headlen + blen;
	return p;
}

/* The header of a version 4 change with ext (n bytes) in its extension. */
static uint8_t *
later_ext(const struct op *op, const uint8_t *ext, size_t n, size_t *len)
{
	size_t	 at = op->headlen - 4 - OP_ID_LEN - 2;
	uint8_t	*p = xmalloc(op->enclen + n);

	memcpy(p, op->enc, at);
	p[at] = (uint8_t)(n >> 8);
	p[at + 1] = (uint8_t)n;
	memcpy(p + at + 2, ext, n);
	memcpy(p + at + 2 + n, op->enc + at + 2, op->enclen - at - 2);
	*len = op->enclen + n;
	return p;
}

/* A change of level 2, made by generation made (0: this one's). */
static void
level_op(struct op *op, unsigned made, int64_t wall)
{
	memset(op, 0, sizeof *op);
	op->kind = OP_SET;
	strcpy(op->etype, "family");
	strcpy(op->field, "level");
	op->seq = 3;
	op->hlc = (uint64_t)1900000000000 << 16;	/* a clock far ahead */
	op->value = val_int(2);
	op->made = made;
	op->wall = wall;
}

/* Decode n bytes at p: 0 and its maker's clock in *wall, or -1. */
static int
decode_wall(const uint8_t *p, size_t n, int64_t *wall)
{
	struct op	 back;
	char		*cause = NULL;

	if (op_decode(p, n, &back, &cause) != 0) {
		free(cause);
		return -1;
	}
	*wall = back.wall;
	op_free(&back);
	return 0;
}

/*
 * Generation 4 on, a change says its maker's clock (the extension's
 * entry OP_EXT_WALL), in one form, read back as made; one of a generation
 * before says none; a later generation's entries this build does not
 * know are passed over, this generation's are not canonical.
 */
static void
test_encoding_wall(void **state)
{
	static const uint8_t	 wall_ok[] = { OP_EXT_WALL, 8, 0, 0, 1, 0x9c,
				     0xe1, 0x61, 0xa9, 0xc0 };
	static const uint8_t	 more[] = { OP_EXT_WALL, 8, 0, 0, 1, 0x9c,
				     0xe1, 0x61, 0xa9, 0xc0, 9, 1, 42 };
	static const uint8_t	 backwards[] = { 9, 1, 42, OP_EXT_WALL, 8, 0,
				     0, 1, 0x9c, 0xe1, 0x61, 0xa9, 0xc0 };
	const int64_t		 when = 1773307800000;	/* 12 Mar 2026 */
	struct op		 op, back;
	uint8_t			*p;
	char			*cause = NULL;
	size_t			 len;
	int64_t			 wall;

	(void)state;
	level_op(&op, 0, when);
	assert_int_equal(op_encode(&op, &cause), 0);
	assert_int_equal(op.made, KINDS_GENERATION);
	assert_int_equal(op_decode(op.enc, op.enclen, &back, &cause), 0);
	assert_int_equal(back.wall, when);
	assert_int_equal(op_when(&back), when);
	assert_int_equal(hlc_ms(back.hlc), 1900000000000);
	/* The one form: encoded again, the same bytes. */
	free(back.enc);
	back.enc = NULL;
	assert_int_equal(op_encode(&back, &cause), 0);
	assert_int_equal(back.enclen, op.enclen);
	assert_memory_equal(back.enc, op.enc, op.enclen);
	op_free(&back);
	op_free(&op);

	/* Made by generation 3: no clock, and none may be given. */
	level_op(&op, 3, when);
	assert_int_equal(op_encode(&op, &cause), 0);
	assert_int_equal(decode_wall(op.enc, op.enclen, &wall), 0);
	assert_int_equal(wall, 0);
	p = later_ext(&op, wall_ok, sizeof wall_ok, &len);
	assert_int_equal(decode_wall(p, len, &wall), -1);
	free(p);
	op_free(&op);

	/* This generation's: only the entries it knows, tags rising. */
	level_op(&op, 0, 0);
	assert_int_equal(op_encode(&op, &cause), 0);
	p = later_ext(&op, wall_ok, sizeof wall_ok, &len);
	assert_int_equal(decode_wall(p, len, &wall), 0);
	assert_int_equal(wall, when);
	free(p);
	p = later_ext(&op, more, sizeof more, &len);
	assert_int_equal(decode_wall(p, len, &wall), -1);
	free(p);
	op_free(&op);

	/* A later generation's: what it knows read, the rest passed over. */
	level_op(&op, KINDS_GENERATION + 1, 0);
	assert_int_equal(op_encode(&op, &cause), 0);
	p = later_ext(&op, more, sizeof more, &len);
	assert_int_equal(decode_wall(p, len, &wall), 0);
	assert_int_equal(wall, when);
	free(p);
	p = later_ext(&op, backwards, sizeof backwards, &len);
	assert_int_equal(decode_wall(p, len, &wall), 0);
	assert_int_equal(wall, 0);
	free(p);
	op_free(&op);
}

/*
 * Generation 5 on, a change made again by site recover names the change
 * it makes again (OP_EXT_REMAKES), read back as made, in one form; a
 * change of generation 4 may not.
 */
static void
test_encoding_remakes(void **state)
{
	const int64_t	 when = 1773307800000;
	struct op	 op, back;
	uint8_t		 ext[10 + 2 + OP_EXT_REMAKES_LEN], *p;
	char		*cause = NULL;
	size_t		 len;

	(void)state;
	level_op(&op, 0, when);
	op.remade = 1;
	memset(op.remakes_origin.b, 7, ID_LEN);
	op.remakes_seq = 12;
	memset(op.remakes.b, 9, OP_ID_LEN);
	assert_int_equal(op_encode(&op, &cause), 0);
	assert_int_equal(op_decode(op.enc, op.enclen, &back, &cause), 0);
	assert_true(back.remade);
	assert_int_equal(back.wall, when);
	assert_memory_equal(back.remakes_origin.b, op.remakes_origin.b, ID_LEN);
	assert_int_equal(back.remakes_seq, 12);
	assert_memory_equal(back.remakes.b, op.remakes.b, OP_ID_LEN);
	free(back.enc);
	back.enc = NULL;
	assert_int_equal(op_encode(&back, &cause), 0);
	assert_int_equal(back.enclen, op.enclen);
	assert_memory_equal(back.enc, op.enc, op.enclen);
	op_free(&back);
	/* Its entry, put in a change of generation 4, is not canonical. */
	memcpy(ext, op.enc + op.headlen - 4 - OP_ID_LEN - sizeof ext,
	    sizeof ext);
	op_free(&op);
	level_op(&op, KINDS_GENERATION_WALL, 0);
	assert_int_equal(op_encode(&op, &cause), 0);
	p = later_ext(&op, ext, 10, &len);
	assert_int_equal(op_decode(p, len, &back, &cause), 0);
	assert_false(back.remade);
	op_free(&back);
	free(p);
	p = later_ext(&op, ext, sizeof ext, &len);
	assert_int_not_equal(op_decode(p, len, &back, &cause), 0);
	free(cause);
	free(p);
	op_free(&op);
}

/*
 * Generation 6 on, a change made again names too what the change it makes
 * again made again before (OP_EXT_BEFORE), read back as made; the entry
 * is not canonical in a change of generation 5, nor without the change
 * it follows, nor of a length that is not whole entries.
 */
static void
test_encoding_before(void **state)
{
	const int64_t	 when = 1773307800000;
	struct op	 op, back;
	uint8_t		 ext[10 + 2 + OP_EXT_REMAKES_LEN + 2 +
			    2 * OP_EXT_REMAKES_LEN], *p;
	char		*cause = NULL;
	size_t		 len, i;

	(void)state;
	level_op(&op, 0, when);
	op.remade = 1;
	memset(op.remakes_origin.b, 7, ID_LEN);
	op.remakes_seq = 12;
	memset(op.remakes.b, 9, OP_ID_LEN);
	op.nbefore = 2;
	for (i = 0; i < 2; i++) {
		memset(op.before[i].origin.b, 3 + (int)i, ID_LEN);
		op.before[i].seq = 40 + i;
		memset(op.before[i].id.b, 5 + (int)i, OP_ID_LEN);
	}
	assert_int_equal(op_encode(&op, &cause), 0);
	assert_int_equal(op_decode(op.enc, op.enclen, &back, &cause), 0);
	assert_true(back.remade);
	assert_int_equal(back.remakes_seq, 12);
	assert_int_equal(back.nbefore, 2);
	for (i = 0; i < 2; i++) {
		assert_memory_equal(back.before[i].origin.b,
		    op.before[i].origin.b, ID_LEN);
		assert_int_equal(back.before[i].seq, 40 + i);
		assert_memory_equal(back.before[i].id.b, op.before[i].id.b,
		    OP_ID_LEN);
	}
	free(back.enc);
	back.enc = NULL;
	assert_int_equal(op_encode(&back, &cause), 0);
	assert_int_equal(back.enclen, op.enclen);
	assert_memory_equal(back.enc, op.enc, op.enclen);
	op_free(&back);
	/* Its extension, put in a change of generation 5: not canonical. */
	memcpy(ext, op.enc + op.headlen - 4 - OP_ID_LEN - sizeof ext,
	    sizeof ext);
	op_free(&op);
	level_op(&op, KINDS_GENERATION_REMAKES, 0);
	assert_int_equal(op_encode(&op, &cause), 0);
	p = later_ext(&op, ext, sizeof ext, &len);
	assert_int_not_equal(op_decode(p, len, &back, &cause), 0);
	free(cause);
	cause = NULL;
	free(p);
	op_free(&op);
	/* In this generation's: cut short of a whole entry, or without the
	 * change it follows. */
	level_op(&op, 0, 0);
	assert_int_equal(op_encode(&op, &cause), 0);
	ext[10 + 2 + OP_EXT_REMAKES_LEN + 1] = 2 * OP_EXT_REMAKES_LEN - 1;
	p = later_ext(&op, ext, sizeof ext - 1, &len);
	assert_int_not_equal(op_decode(p, len, &back, &cause), 0);
	free(cause);
	cause = NULL;
	free(p);
	ext[10 + 2 + OP_EXT_REMAKES_LEN + 1] = 2 * OP_EXT_REMAKES_LEN;
	memmove(ext + 10, ext + 10 + 2 + OP_EXT_REMAKES_LEN,
	    2 + 2 * OP_EXT_REMAKES_LEN);
	p = later_ext(&op, ext, 10 + 2 + 2 * OP_EXT_REMAKES_LEN, &len);
	assert_int_not_equal(op_decode(p, len, &back, &cause), 0);
	free(cause);
	cause = NULL;
	free(p);
	op_free(&op);
}

/*
 * Each change says which generation of kinds made it (version 4); a
 * later generation's is read whatever its body and extension hold, this
 * generation's only in the one form.
 */
static void
test_encoding_generations(void **state)
{
	struct op	 op, back;
	static const uint8_t body[] = { 9, 1, 2, 3 }, ext[] = { 7, 7, 7 };
	uint8_t		*p, hid[OP_ID_LEN];
	char		*cause = NULL;
	size_t		 len;
	unsigned	 made;

	(void)state;
	for (made = KINDS_GENERATION; made <= KINDS_GENERATION + 1; made++) {
		memset(&op, 0, sizeof op);
		op.kind = OP_SET;
		strcpy(op.etype, "family");
		strcpy(op.field, "level");
		op.seq = 3;
		op.hlc = 777;
		op.value = val_int(2);
		op.made = made == KINDS_GENERATION ? 0 : made;
		assert_int_equal(op_encode(&op, &cause), 0);
		assert_int_equal(op.version, OP_VERSION);
		assert_int_equal(op.made, made);
		assert_int_equal(op_decode(op.enc, op.enclen, &back, &cause),
		    0);
		assert_int_equal(back.made, made);
		assert_false(back.opaque);
		assert_int_equal(back.value.i, 2);
		assert_int_equal(back.wall, 0);
		op_free(&back);

		/* A body this build cannot read: a later generation's is
		 * kept unread, its id its header's. */
		p = later_body(&op, body, sizeof body, &len);
		if (made > KINDS_GENERATION) {
			assert_int_equal(op_decode(p, len, &back, &cause), 0);
			assert_true(back.opaque);
			assert_int_equal(back.nfields + back.nbase, 0);
			crypto_generichash(hid, OP_ID_LEN, p, op.headlen, NULL,
			    0);
			assert_memory_equal(back.id.b, hid, OP_ID_LEN);
			assert_int_equal(op_encode(&back, &cause), -1);
			free(cause);
			cause = NULL;
			op_free(&back);
		} else {
			assert_int_equal(op_decode(p, len, &back, &cause), -1);
			assert_string_equal(cause, "operation is not in "
			    "canonical form");
			free(cause);
			cause = NULL;
		}
		free(p);

		/* Something in the extension: only a later generation's. */
		p = later_ext(&op, ext, sizeof ext, &len);
		if (made > KINDS_GENERATION) {
			assert_int_equal(op_decode(p, len, &back, &cause), 0);
			assert_false(back.opaque);
			assert_int_equal(back.value.i, 2);
			assert_memory_not_equal(back.id.b, op.id.b, OP_ID_LEN);
			op_free(&back);
		} else {
			assert_int_equal(op_decode(p, len, &back, &cause), -1);
			free(cause);
			cause = NULL;
		}
		free(p);
		free(op.enc);
	}
	/* Made by no generation: refused. */
	memset(&op, 0, sizeof op);
	op.kind = OP_SET;
	strcpy(op.etype, "family");
	strcpy(op.field, "level");
	op.seq = 3;
	op.value = val_int(2);
	assert_int_equal(op_encode(&op, &cause), 0);
	op.enc[2] = op.enc[3] = 0;
	assert_int_equal(op_decode(op.enc, op.enclen, &back, &cause), -1);
	free(cause);
	free(op.enc);
}

static void
test_encoding_refuses_noncanonical(void **state)
{
	struct op	 op, back;
	struct field	 f[2] = {
		{ "alpha", val_int(1) }, { "beta", val_int(2) },
	};
	uint8_t		*bad;
	char		*cause = NULL;
	size_t		 i;

	(void)state;
	memset(&op, 0, sizeof op);
	op.kind = OP_NEW;
	strcpy(op.etype, "family");
	op.seq = 1;
	op.fields = f;
	op.nfields = 2;
	assert_int_equal(op_encode(&op, &cause), 0);
	/* Every truncation is refused. */
	for (i = 0; i < op.enclen; i++) {
		assert_int_equal(op_decode(op.enc, i, &back, &cause), -1);
		free(cause);
		cause = NULL;
	}
	/* A byte after the end is refused. */
	bad = xmalloc(op.enclen + 1);
	memcpy(bad, op.enc, op.enclen);
	bad[op.enclen] = 0;
	assert_int_equal(op_decode(bad, op.enclen + 1, &back, &cause), -1);
	free(cause);
	cause = NULL;
	/* Fields out of order are refused ("alpha" becomes "zlpha"). */
	memcpy(bad, op.enc, op.enclen);
	for (i = 0; i + 5 <= op.enclen; i++)
		if (memcmp(bad + i, "alpha", 5) == 0)
			bad[i] = 'z';
	assert_int_equal(op_decode(bad, op.enclen, &back, &cause), -1);
	free(cause);
	free(bad);
	/* Duplicate field names are refused when encoding. */
	f[1].name = "alpha";
	cause = NULL;
	assert_int_equal(op_encode(&op, &cause), -1);
	free(cause);
	free(op.enc);
}

/*
 * Version 3 (op.h): a change signed by its author, the signature in its
 * header, so in its id and its chain. The holder of the key verifies;
 * another key does not; a byte of the header or the signature changed
 * is another change or no one's; a change of version 2 is signed by no
 * one.
 */
static void
test_encoding_signed(void **state)
{
	struct op		 op, back, plain;
	struct field		 f = { "name", val_text("Riverside") };
	struct op_id		 link;
	uint8_t			 pk[32], sk[64], pk2[32], sk2[64], *bad;
	char			*cause = NULL;

	(void)state;
	crypto_sign_keypair(pk, sk);
	crypto_sign_keypair(pk2, sk2);
	memset(&op, 0, sizeof op);
	op.kind = OP_NEW;
	strcpy(op.etype, "staff");
	op.seq = 1;
	op.hlc = 1;
	op.fields = &f;
	op.nfields = 1;
	plain = op;
	assert_int_equal(op_encode_signed(&op, sk, &cause), 0);
	assert_int_equal(op.version, OP_VERSION_SIGNED);
	assert_true(op_chained(&op));
	assert_int_equal(op_author_verify(&op, pk), 1);
	assert_int_equal(op_author_verify(&op, pk2), 0);
	assert_int_equal(op_decode(op.enc, op.enclen, &back, &cause), 0);
	assert_int_equal(back.version, OP_VERSION_SIGNED);
	assert_memory_equal(back.id.b, op.id.b, OP_ID_LEN);
	assert_int_equal(back.headlen, op.headlen);
	assert_int_equal(op_author_verify(&back, pk), 1);
	assert_int_equal(op_link(&back, &op.prev, &link, &cause), 0);
	assert_memory_equal(link.b, op.id.b, OP_ID_LEN);
	op_free(&back);
	/* The same change unsigned is another, and signed by no one. */
	assert_int_equal(op_encode(&plain, &cause), 0);
	assert_int_equal(plain.version, OP_VERSION);
	assert_memory_not_equal(plain.id.b, op.id.b, OP_ID_LEN);
	assert_int_equal(op_author_verify(&plain, pk), 0);
	/* Its clock changed: it reads, and no one signed it. */
	bad = xmalloc(op.enclen);
	memcpy(bad, op.enc, op.enclen);
	bad[1 + 1 + 16 + 8 + 32] ^= 1;
	assert_int_equal(op_decode(bad, op.enclen, &back, &cause), 0);
	assert_int_equal(op_author_verify(&back, pk), 0);
	op_free(&back);
	/* Its signature changed: the same. */
	memcpy(bad, op.enc, op.enclen);
	bad[op.headlen - 1] ^= 1;
	assert_int_equal(op_decode(bad, op.enclen, &back, &cause), 0);
	assert_int_equal(op_author_verify(&back, pk), 0);
	op_free(&back);
	/* Cut short (no signature), it is not canonical. */
	memcpy(bad, op.enc, op.enclen);
	assert_int_equal(op_decode(bad, op.enclen - 1, &back, &cause), -1);
	free(cause);
	free(bad);
	free(op.enc);
	free(plain.enc);
}

/*
 * The chain (op.h): a change of version 2 names the link of the change
 * before it, and its id hashes its header, which holds its body's hash:
 * a body changed is refused, a header alone gives the id. One of version
 * 1 (from before chains) still reads and encodes as it was, and links by
 * the hash of the link before and its id.
 */
static void
test_encoding_chain(void **state)
{
	static const char	 what[] = "oneteam link 1";
	struct op		 op, back, v1;
	struct op_id		 prev, link, want;
	struct field		 f = { "name", val_text("Riverside") };
	crypto_generichash_state h;
	uint8_t			*bad;
	char			*cause = NULL;

	(void)state;
	memset(&op, 0, sizeof op);
	op.kind = OP_NEW;
	strcpy(op.etype, "locality");
	op.seq = 2;
	op.hlc = 1;
	op.fields = &f;
	op.nfields = 1;
	memset(prev.b, 7, sizeof prev.b);
	op.prev = prev;
	assert_int_equal(op_encode(&op, &cause), 0);
	assert_int_equal(op.version, OP_VERSION);
	assert_true(op.headlen > 0 && op.headlen < op.enclen);
	crypto_generichash(want.b, OP_ID_LEN, op.enc, op.headlen, NULL, 0);
	assert_memory_equal(op.id.b, want.b, OP_ID_LEN);
	assert_int_equal(op_link(&op, &prev, &link, &cause), 0);
	assert_memory_equal(link.b, op.id.b, OP_ID_LEN);
	/* It does not follow another change. */
	prev.b[0] ^= 1;
	assert_int_equal(op_link(&op, &prev, &link, &cause), -1);
	free(cause);
	cause = NULL;
	/* Its body changed is refused (its hash in the header). */
	bad = xmalloc(op.enclen);
	memcpy(bad, op.enc, op.enclen);
	bad[op.enclen - 1] ^= 1;
	assert_int_equal(op_decode(bad, op.enclen, &back, &cause), -1);
	free(cause);
	cause = NULL;
	free(bad);

	/* Version 1: read and encoded again as it was. */
	memset(&v1, 0, sizeof v1);
	v1.version = OP_VERSION_1;
	v1.kind = OP_NEW;
	strcpy(v1.etype, "locality");
	v1.seq = 1;
	v1.hlc = 1;
	v1.fields = &f;
	v1.nfields = 1;
	assert_int_equal(op_encode(&v1, &cause), 0);
	crypto_generichash(want.b, OP_ID_LEN, v1.enc, v1.enclen, NULL, 0);
	assert_memory_equal(v1.id.b, want.b, OP_ID_LEN);
	assert_int_equal(op_decode(v1.enc, v1.enclen, &back, &cause), 0);
	assert_int_equal(back.version, OP_VERSION_1);
	assert_memory_equal(back.id.b, v1.id.b, OP_ID_LEN);
	assert_int_equal(op_encode(&back, &cause), 0);
	assert_int_equal(back.enclen, v1.enclen);
	assert_memory_equal(back.enc, v1.enc, v1.enclen);
	assert_int_equal(op_link(&back, &prev, &link, &cause), 0);
	crypto_generichash_init(&h, NULL, 0, OP_ID_LEN);
	crypto_generichash_update(&h, (const uint8_t *)what, sizeof what - 1);
	crypto_generichash_update(&h, prev.b, OP_ID_LEN);
	crypto_generichash_update(&h, v1.id.b, OP_ID_LEN);
	crypto_generichash_final(&h, want.b, OP_ID_LEN);
	assert_memory_equal(link.b, want.b, OP_ID_LEN);
	op_free(&back);
	free(v1.enc);
	free(op.enc);
}

static void
test_replicas_converge(void **state)
{
	struct two	*t = *state;
	struct id	 fam = new_family(t->a, "Khan");
	char		*s;

	assert_int_equal(exchange(t->a, t->b, 0), 1);
	/* Importing again changes nothing. */
	assert_int_equal(exchange(t->a, t->b, 0), 0);
	s = household(t->b, &fam);
	assert_string_equal(s, "Khan");
	free(s);
	/* Both edit the same field while apart: a conflict, the same on both. */
	set_text(t->a, &fam, "household", "Khan-Ahmed");
	set_text(t->b, &fam, "household", "Khan family");
	exchange(t->a, t->b, 0);
	exchange(t->b, t->a, 1);
	assert_int_equal(heads(t->a, &fam, "household"), 2);
	assert_int_equal(heads(t->b, &fam, "household"), 2);
	assert_same_state(t->a, t->b);
	/* Editing it again resolves it everywhere. */
	set_text(t->a, &fam, "household", "Khan family");
	exchange(t->a, t->b, 0);
	assert_int_equal(heads(t->b, &fam, "household"), 1);
	s = household(t->b, &fam);
	assert_string_equal(s, "Khan family");
	free(s);
	assert_same_state(t->a, t->b);
}

static void
test_out_of_order(void **state)
{
	struct two	*t = *state;
	struct id	 fam = new_family(t->a, "Nowak");
	char		*s;

	set_text(t->a, &fam, "household", "Nowak-Smith");
	set_text(t->a, &fam, "postcode", "E6 2AB");
	/* Newest first: each set arrives before the family it changes. */
	exchange(t->a, t->b, 1);
	s = household(t->b, &fam);
	assert_string_equal(s, "Nowak-Smith");
	free(s);
	assert_int_equal(heads(t->b, &fam, "household"), 1);
	assert_same_state(t->a, t->b);
}

/* A change of version 1 (from before chains) of site x, new locality. */
static void
v1_locality(struct op *op, const struct id *x, uint64_t seq)
{
	static struct field	f = { "name", { .type = VAL_TEXT } };
	char			*cause = NULL;

	f.v = val_text("Riverside");
	memset(op, 0, sizeof *op);
	op->version = OP_VERSION_1;
	op->kind = OP_NEW;
	op->origin = *x;
	op->seq = seq;
	op->hlc = seq;
	strcpy(op->etype, "locality");
	id_random(&op->entity);
	op->fields = &f;
	op->nfields = 1;
	assert_int_equal(op_encode(op, &cause), 0);
	op->fields = NULL;
}

/*
 * Changes from before chains link by their ids (op.h): one whose change
 * before is missing has no link known; when that one comes, it and the
 * ones after it are linked.
 */
static void
test_links_after_a_gap(void **state)
{
	struct two	*t = *state;
	struct op	 op[3];
	struct op_id	 want, got, zero;
	struct id	 x;
	char		*cause = NULL;
	int		 i;

	id_random(&x);
	memset(&zero, 0, sizeof zero);
	for (i = 0; i < 3; i++)
		v1_locality(&op[i], &x, (uint64_t)i + 1);
	assert_int_equal(store_begin(t->b, &cause), 0);
	assert_int_equal(store_apply(t->b, op[0].enc, op[0].enclen, &cause), 1);
	assert_int_equal(store_apply(t->b, op[2].enc, op[2].enclen, &cause), 1);
	assert_int_equal(store_link(t->b, &x, 1, &got), 1);
	assert_int_equal(store_link(t->b, &x, 3, &got), 0);
	assert_int_equal(store_apply(t->b, op[1].enc, op[1].enclen, &cause), 1);
	assert_int_equal(store_commit(t->b, &cause), 0);
	op_link_1(&zero, &op[0].id, &want);
	op_link_1(&want, &op[1].id, &want);
	op_link_1(&want, &op[2].id, &want);
	assert_int_equal(store_link(t->b, &x, 3, &got), 1);
	assert_memory_equal(got.b, want.b, OP_ID_LEN);
	for (i = 0; i < 3; i++)
		op_free(&op[i]);
}

static void
test_unchanged_set_not_recorded(void **state)
{
	struct two	*t = *state;
	struct id	 fam = new_family(t->a, "Same");
	struct query	*q;

	set_text(t->a, &fam, "household", "Same");
	q = query_prepare(t->a, "SELECT count(*) FROM op");
	assert_int_equal(query_count(q), 1);
}

static void
test_clone_refused(void **state)
{
	struct two	*t = *state;
	struct op	 op;
	struct field	 f = { "household", val_text("Copy") };
	struct query	*q;
	const void	*enc;
	size_t		 len;
	char		*cause = NULL;

	new_family(t->a, "Original");
	exchange(t->a, t->b, 0);
	/* Another change under the same (origin, 1): a copied database. */
	q = query_prepare(t->a, "SELECT enc FROM op WHERE seq = 1");
	assert_int_equal(query_step(q), 1);
	enc = query_blob(q, 0, &len);
	assert_int_equal(op_decode(enc, len, &op, &cause), 0);
	query_done(q);
	free(op.fields);
	op.fields = &f;
	op.nfields = 1;
	id_random(&op.entity);
	assert_int_equal(op_encode(&op, &cause), 0);
	assert_int_equal(store_begin(t->b, &cause), 0);
	assert_int_equal(store_apply(t->b, op.enc, op.enclen, &cause), -1);
	assert_non_null(strstr(cause, "copied"));
	store_rollback(t->b);
	free(cause);
	op.fields = NULL;
	op_free(&op);
}

/* The digest is the same for the same operations in any order, and
 * follows each change. */
static void
test_digest(void **state)
{
	struct two	*t = *state;
	uint8_t		 da[32], db[32], zero[32] = { 0 };
	char		*cause = NULL;
	struct id	 fam;

	assert_int_equal(store_digest(t->a, da, &cause), 0);
	assert_memory_equal(da, zero, 32);
	fam = new_family(t->a, "Ahmed");
	set_text(t->a, &fam, "household", "Ahmed-Okafor");
	set_text(t->a, &fam, "postcode", "E6 2AB");
	assert_int_equal(store_digest(t->a, da, &cause), 0);
	assert_memory_not_equal(da, zero, 32);
	exchange(t->a, t->b, 1);	/* newest first */
	assert_int_equal(store_digest(t->b, db, &cause), 0);
	assert_memory_equal(da, db, 32);
	/* One more change here: the digests part. */
	set_text(t->b, &fam, "postcode", "E6 2AC");
	assert_int_equal(store_digest(t->b, db, &cause), 0);
	assert_memory_not_equal(da, db, 32);
}

/* A change from another site moves this site's clock past its own, so a
 * change made here afterwards sorts after it. */
static void
test_clock_follows(void **state)
{
	struct two	*t = *state;
	struct id	 fam = new_family(t->a, "Clock");
	struct query	*q;
	int64_t		 theirs, ours;

	exchange(t->a, t->b, 0);
	/* b's machine is an hour behind a's. */
	setenv("ONETEAM_NOW", "2026-03-12T08:30:00Z", 1);
	set_text(t->b, &fam, "household", "Clock family");
	setenv("ONETEAM_NOW", "2026-03-12T09:30:00Z", 1);
	q = query_prepare(t->b, "SELECT (SELECT hlc FROM op WHERE seq = 1 AND "
	    "origin <> (SELECT site FROM local)), (SELECT hlc FROM op WHERE "
	    "origin = (SELECT site FROM local))");
	assert_int_equal(query_step(q), 1);
	theirs = query_int(q, 0);
	ours = query_int(q, 1);
	query_done(q);
	assert_true(ours > theirs);
}

/* A copy of the database file takes a new site id when opened to write,
 * so the two never number two changes the same. */
static void
test_copy_takes_new_site(void **state)
{
	struct two	*t = *state;
	struct store	*c;
	struct id	 site_a = *store_site(t->a);
	char		*cause = NULL, *cmd, *p;

	new_family(t->a, "Original");
	store_close(t->a);
	t->a = NULL;
	cmd = xprintf("cp %s/a.db %s/copy.db", t->dir, t->dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	/* Opened again where it was made, it is the same site. */
	p = path_in(t->dir, "a.db");
	t->a = store_open(p, 0, "a", &cause);
	free(p);
	assert_non_null(t->a);
	assert_int_equal(id_cmp(store_site(t->a), &site_a), 0);
	assert_null(store_notice(t->a));
	/* Read only, the copy is left as it is. */
	p = path_in(t->dir, "copy.db");
	c = store_open(p, STORE_READONLY, "a", &cause);
	assert_non_null(c);
	assert_int_equal(id_cmp(store_site(c), &site_a), 0);
	store_close(c);
	/* Opened to write, it takes a new id, and says so. */
	c = store_open(p, 0, "a", &cause);
	free(p);
	assert_non_null(c);
	assert_int_not_equal(id_cmp(store_site(c), &site_a), 0);
	assert_non_null(store_notice(c));
	assert_non_null(strstr(store_notice(c), "copy"));
	/* Its next change is numbered 1 under the new id: no clash. */
	new_family(c, "Copy");
	exchange(c, t->b, 0);
	assert_int_equal(exchange(t->a, t->b, 0), 0);
	store_close(c);
}

static void
report_count(const char *problem, void *arg)
{
	(void)problem;
	(*(int *)arg)++;
}

static void
test_check_and_repair(void **state)
{
	struct two	*t = *state;
	struct id	 fam = new_family(t->a, "Checked");
	sqlite3		*db;
	char		*cause = NULL, *p;
	int		 n = 0;

	set_text(t->a, &fam, "household", "Checked again");
	assert_int_equal(store_check(t->a, report_count, &n, &cause), 0);
	assert_int_equal(n, 0);
	/* Change a table behind the log's back: check finds it. */
	p = path_in(t->dir, "a.db");
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE family SET household = "
	    "'tampered'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	free(p);
	assert_int_equal(store_check(t->a, report_count, &n, &cause), 1);
	assert_int_equal(store_repair(t->a, &cause), 0);
	n = 0;
	assert_int_equal(store_check(t->a, report_count, &n, &cause), 0);
	p = household(t->a, &fam);
	assert_string_equal(p, "Checked again");
	free(p);
}

/* A decision about consent for a family, made at st. */
static struct id
new_consent(struct store *st, const struct id *family, const char *state,
    const char *date)
{
	struct field	f[4] = {
		{ "family", val_id(family) },
		{ "state", val_text(state) },
		{ "given_by", val_text("Sadia Khan") },
		{ "date", val_text(date) },
	};
	struct id	id;
	char		*cause = NULL;

	assert_int_equal(store_begin(st, &cause), 0);
	assert_int_equal(store_new(st, "consent", f, 4, &id, &cause), 0);
	assert_int_equal(store_commit(st, &cause), 0);
	return id;
}

/* The consent the fold keeps as a family's (family.consent). */
static void
assert_consent(struct store *st, const struct id *family,
    const struct id *want)
{
	struct query	*q;
	struct id	 have;

	memset(&have, 0, sizeof have);
	q = query_prepare(st, "SELECT consent FROM family WHERE id = ?1");
	query_bind_id(q, 1, family);
	assert_int_equal(query_step(q), 1);
	if (!query_is_null(q, 0))
		have = query_id(q, 0);
	query_done(q);
	if (want == NULL)
		assert_true(id_is_zero(&have));
	else
		assert_int_equal(id_cmp(&have, want), 0);
}

/*
 * A family's consent that stands is the latest decision by date, then
 * clock, then id, whatever order the records come in and whether they
 * are folded one by one or in bulk: b has every decision before its
 * family, c loads them in bulk, and all three agree with a and with a
 * fresh fold (check).
 */
static void
test_consent_fold(void **state)
{
	struct two	*t = *state;
	struct id	 fam = new_family(t->a, "Begum"), none, c1, c3;
	struct store	*c;
	char		*cause = NULL, *p;
	int		 n = 0;

	none = new_family(t->a, "Okafor");
	assert_consent(t->a, &fam, NULL);
	c1 = new_consent(t->a, &fam, "given", "2026-03-10");
	assert_consent(t->a, &fam, &c1);
	/* Dated before: it does not stand, though recorded later. */
	new_consent(t->a, &fam, "refused", "2026-03-01");
	assert_consent(t->a, &fam, &c1);
	/* The same day, recorded in the same millisecond: the clock says. */
	c3 = new_consent(t->a, &fam, "withdrawn", "2026-03-10");
	assert_consent(t->a, &fam, &c3);
	assert_consent(t->a, &none, NULL);

	exchange(t->a, t->b, 1);
	assert_consent(t->b, &fam, &c3);
	assert_consent(t->b, &none, NULL);
	assert_same_state(t->a, t->b);

	p = path_in(t->dir, "c.db");
	c = store_open(p, STORE_CREATE, "c", &cause);
	free(p);
	assert_non_null(c);
	assert_int_equal(store_set_bulk(c, 1, &cause), 0);
	exchange(t->a, c, 0);
	assert_int_equal(store_set_bulk(c, 0, &cause), 0);
	assert_consent(c, &fam, &c3);
	assert_consent(c, &none, NULL);
	assert_same_state(t->a, c);
	store_close(c);

	assert_int_equal(store_check(t->a, report_count, &n, &cause), 0);
	assert_int_equal(n, 0);
}

/*
 * A database made before family.consent (schema 4) gets it on opening,
 * worked out for every family, the same as the fold's.
 */
static void
test_consent_migrated(void **state)
{
	struct two	*t = *state;
	struct id	 fam = new_family(t->a, "Begum"), k;
	sqlite3		*db;
	char		*cause = NULL, *p;
	int		 n = 0;

	new_consent(t->a, &fam, "refused", "2026-03-01");
	k = new_consent(t->a, &fam, "given", "2026-03-10");
	store_close(t->a);
	p = path_in(t->dir, "a.db");
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DROP INDEX family_locality; "
	    "ALTER TABLE family DROP COLUMN consent; CREATE INDEX "
	    "family_locality ON family(locality, status, id, last_contact); "
	    "DROP TABLE huddle_reason; ALTER TABLE signin_session DROP "
	    "COLUMN seal; ALTER TABLE signin_session DROP COLUMN passhash; ALTER TABLE op DROP COLUMN link; ALTER TABLE "
	    "quarantine DROP COLUMN link; DROP TABLE site_key; DROP TABLE "
	    "head; DROP TABLE refused; DROP INDEX op_made; DROP INDEX "
	    "op_by_author; ALTER TABLE local DROP COLUMN judged; DROP TABLE "
	    "admission; ALTER TABLE team DROP COLUMN root; DROP TABLE "
	    "team_key_old; DROP TABLE evidence; DROP TABLE clock; "
	    "DROP TABLE later; DROP INDEX staff_same_as; "
	    "ALTER TABLE staff DROP COLUMN same_as; "
	    "ALTER TABLE episode DROP COLUMN joined; DROP INDEX contact_merges; "
	    "DROP INDEX contact_versions; "
	    "ALTER TABLE contact DROP COLUMN merges; "
	    "DROP INDEX family_unsettled; "
	    "ALTER TABLE family DROP COLUMN episode_open; "
	    "ALTER TABLE family DROP COLUMN end_reason; "
	    "ALTER TABLE referral_event DROP COLUMN clash; "
	    "DROP INDEX referral_clash; "
	    "ALTER TABLE referral DROP COLUMN clash; "
	    "ALTER TABLE referral_event DROP COLUMN settles; "
	    "DROP INDEX contact_revisions; "
	    "CREATE INDEX contact_contact ON contact(contact); "
	    "ALTER TABLE signin_session DROP COLUMN idle; "
	    "ALTER TABLE signin_session DROP COLUMN expires; "
	    "ALTER TABLE signin_session DROP COLUMN terminal; "
	    "ALTER TABLE local DROP COLUMN demo; "
	    "ALTER TABLE op DROP COLUMN wall; "
	    "ALTER TABLE local DROP COLUMN walls_read; "
	    "DROP TABLE recovered; DROP INDEX op_admission; "
	    "ALTER TABLE local DROP COLUMN befores_read; "
	    "ALTER TABLE action DROP COLUMN done_note; DROP TABLE myday_look; "
	    "ALTER TABLE action DROP COLUMN withdrawn; "
	    "ALTER TABLE huddle_decision DROP COLUMN before; "
	    "ALTER TABLE huddle_decision DROP COLUMN after; "
	    "DROP TABLE huddle_undo; "
	    "ALTER TABLE huddle DROP COLUMN apologies; "
	    "ALTER TABLE huddle DROP COLUMN guests; DROP TABLE huddle_park; "
	    " PRAGMA user_version = 4", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(db);
	t->a = store_open(p, 0, "a", &cause);
	free(p);
	assert_non_null(t->a);
	assert_consent(t->a, &fam, &k);
	assert_int_equal(store_check(t->a, report_count, &n, &cause), 0);
	assert_int_equal(n, 0);
}

/* Write bytes to a new file in dir and return its path. */
static char *
write_file(const char *dir, const char *name, const char *bytes)
{
	char	*p = path_in(dir, name);
	FILE	*f = fopen(p, "w");

	assert_non_null(f);
	fputs(bytes, f);
	fclose(f);
	return p;
}

static void
expect_refused(const char *path, int flags, const char *words)
{
	struct store	*st;
	char		*cause = NULL;

	st = store_open(path, flags, "x", &cause);
	assert_null(st);
	assert_non_null(cause);
	if (strstr(cause, words) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", cause, words);
	assert_null(strchr(cause, '\n'));
	free(cause);
}

static void
test_open_refusals(void **state)
{
	struct two	*t = *state;
	sqlite3		*db;
	char		*p;

	p = write_file(t->dir, "text.db", "hello, this is not a database at "
	    "all, but it is long enough to look like a file\n");
	expect_refused(p, 0, "not a oneteam database");
	free(p);
	expect_refused(t->dir, 0, "is a directory");
	p = path_in(t->dir, "missing.db");
	expect_refused(p, 0, "oneteam init");
	free(p);
	p = path_in(t->dir, "other.db");
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
	sqlite3_close(db);
	expect_refused(p, 0, "another program");
	free(p);
	p = path_in(t->dir, "a.db");
	store_close(t->a);
	t->a = NULL;
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	expect_refused(p, 0, "newer oneteam");
	free(p);
	p = path_in(t->dir, "b.db");
	store_close(t->b);
	t->b = NULL;
	chmod(p, 0444);
	if (geteuid() != 0)	/* root may write anything */
		expect_refused(p, 0, "read-only");
	free(p);
}

/* Run one statement on st (a test's own rows); -1 on failure. */
static int
exec_on(struct store *st, const char *sql, const struct id *a,
    const struct id *b)
{
	struct query	*q = query_prepare(st, sql);
	int		 rc;

	if (a != NULL)
		query_bind_id(q, 1, a);
	if (b != NULL)
		query_bind_id(q, 2, b);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* How many changes are noted let go of and made again as the one of
 * origin's number seq. */
static int64_t
noted_as(struct store *st, const struct id *origin, uint64_t seq)
{
	struct query	*q;
	int64_t		 n;

	q = query_prepare(st, "SELECT count(*) FROM recovered r CROSS JOIN op "
	    "o ON o.origin = ?1 AND o.seq = ?2 WHERE r.now = o.id");
	query_bind_id(q, 1, origin);
	query_bind_int(q, 2, (int64_t)seq);
	n = query_count(q);
	return n;
}

/*
 * A change made again from one that made another again before (a site
 * letting go of copies twice) names both, and each is noted let go of,
 * made again as it; noted again when a build that passed the second over
 * is upgraded (store_upgrade()).
 */
static void
test_remade_before_noted(void **state)
{
	struct two	*t = *state;
	struct op	 old;
	struct id	 fam = new_family(t->a, "Khan"), first, between;
	struct val	 v;
	char		*cause = NULL;

	/* The site it was, twice, with its key. */
	memset(&first, 0x11, sizeof first);
	memset(&between, 0x22, sizeof between);
	assert_int_equal(exec_on(t->a, "INSERT INTO site_key (origin, key, "
	    "seen) VALUES (?1, zeroblob(32), 0), (?2, zeroblob(32), 0)",
	    &first, &between), 0);
	assert_int_equal(exec_on(t->a, "INSERT INTO site_key (origin, key, "
	    "seen) VALUES (?1, zeroblob(32), 0)", store_site(t->a), NULL), 0);
	memset(&old, 0, sizeof old);
	old.origin = between;
	old.seq = 4;
	memset(old.id.b, 0x44, OP_ID_LEN);
	old.remade = 1;
	old.remakes_origin = first;
	old.remakes_seq = 9;
	memset(old.remakes.b, 0x99, OP_ID_LEN);
	assert_int_equal(store_begin(t->a, &cause), 0);
	store_set_remaking(t->a, &old);
	v = val_text("Made again twice");
	assert_int_equal(store_set(t->a, "family", &fam, "household", &v,
	    &cause), 0);
	store_set_remaking(t->a, NULL);
	assert_int_equal(store_commit(t->a, &cause), 0);
	assert_int_equal(noted_as(t->a, store_site(t->a), 2), 2);

	/* A build that read tag 2 only; upgraded. */
	assert_int_equal(exec_on(t->a, "DELETE FROM recovered WHERE origin = "
	    "?1", &first, NULL), 0);
	assert_int_equal(exec_on(t->a, "UPDATE local SET befores_read = 0",
	    NULL, NULL), 0);
	assert_int_equal(noted_as(t->a, store_site(t->a), 2), 1);
	assert_int_equal(store_upgrade(t->a, &cause), 0);
	assert_int_equal(noted_as(t->a, store_site(t->a), 2), 2);
	/* Once. */
	assert_int_equal(exec_on(t->a, "DELETE FROM recovered WHERE origin = "
	    "?1", &first, NULL), 0);
	assert_int_equal(store_upgrade(t->a, &cause), 0);
	assert_int_equal(noted_as(t->a, store_site(t->a), 2), 1);
}

static void
test_refs(void **state)
{
	struct id	 id, lo, hi;
	char		 ref[ID_REF_MAX], *cause = NULL;

	(void)state;
	id_random(&id);
	id_ref("F", &id, 0, ref);
	assert_int_equal(strlen(ref), 7);
	assert_int_equal(id_ref_range("F", ref, &lo, &hi, &cause), 0);
	assert_true(id_cmp(&lo, &id) <= 0 && id_cmp(&id, &hi) <= 0);
	/* Lower case, and O for 0 and I/L for 1, are read the same. */
	assert_int_equal(id_ref_range("F", "f-0111", &lo, &hi, &cause), 0);
	assert_int_equal(id_ref_range("F", "F-OIL1", &hi, &hi, &cause), 0);
	assert_memory_equal(lo.b, hi.b, 2);
	assert_int_equal(id_ref_range("F", "F-7K2", &lo, &hi, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(id_ref_range("F", "F-7K2U", &lo, &hi, &cause), -1);
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_protect),
		cmocka_unit_test(test_idle_lock),
		cmocka_unit_test(test_encoding_roundtrip),
		cmocka_unit_test(test_encoding_refuses_noncanonical),
		cmocka_unit_test(test_encoding_generations),
		cmocka_unit_test(test_encoding_wall),
		cmocka_unit_test(test_encoding_remakes),
		cmocka_unit_test(test_encoding_before),
		cmocka_unit_test(test_encoding_chain),
		cmocka_unit_test(test_encoding_signed),
		cmocka_unit_test_setup_teardown(test_remade_before_noted,
		    two_setup, two_teardown),
		cmocka_unit_test_setup_teardown(test_links_after_a_gap, two_setup,
		    two_teardown),
		cmocka_unit_test(test_refs),
		cmocka_unit_test_setup_teardown(test_replicas_converge,
		    two_setup, two_teardown),
		cmocka_unit_test_setup_teardown(test_out_of_order, two_setup,
		    two_teardown),
		cmocka_unit_test_setup_teardown(test_unchanged_set_not_recorded,
		    two_setup, two_teardown),
		cmocka_unit_test_setup_teardown(test_digest, two_setup,
		    two_teardown),
		cmocka_unit_test_setup_teardown(test_clock_follows, two_setup,
		    two_teardown),
		cmocka_unit_test_setup_teardown(test_copy_takes_new_site,
		    two_setup, two_teardown),
		cmocka_unit_test_setup_teardown(test_clone_refused, two_setup,
		    two_teardown),
		cmocka_unit_test_setup_teardown(test_consent_fold, two_setup,
		    two_teardown),
		cmocka_unit_test_setup_teardown(test_consent_migrated,
		    two_setup, two_teardown),
		cmocka_unit_test_setup_teardown(test_check_and_repair,
		    two_setup, two_teardown),
		cmocka_unit_test_setup_teardown(test_open_refusals, two_setup,
		    two_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
