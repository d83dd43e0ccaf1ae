/*
 * op.c owns the canonical encoding of operations and their ids. It does
 * not store or fold them (oplog.c and fold.c do); it only turns an
 * operation into bytes and back, refusing anything not canonical.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "oneteam/kinds.h"
#include "oneteam/op.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

#define OP_ENC_START	512	/* bytes first allocated for an encoding */

struct buf {
	uint8_t	*p;
	size_t	 len;
	size_t	 cap;
};

static void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
buf_u8(struct buf *b, unsigned v)
{
	uint8_t	c = (uint8_t)v;

	buf_add(b, &c, 1);
}

static void
buf_be(struct buf *b, uint64_t v, int n)
{
	uint8_t	c[8];
	int	i;

	for (i = 0; i < n; i++)
		c[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
	buf_add(b, c, (size_t)n);
}

static void
buf_name(struct buf *b, const char *s)
{
	buf_u8(b, (unsigned)strlen(s));
	buf_add(b, s, strlen(s));
}

static void
buf_val(struct buf *b, const struct val *v)
{
	buf_u8(b, v->type);
	switch (v->type) {
	case VAL_NULL:
		break;
	case VAL_INT:
		buf_be(b, (uint64_t)v->i, 8);
		break;
	case VAL_TEXT:
		buf_be(b, strlen(v->s), 4);
		buf_add(b, v->s, strlen(v->s));
		break;
	case VAL_ID:
		buf_add(b, v->id.b, ID_LEN);
		break;
	}
}

static int
cmp_field(const void *a, const void *b)
{
	return strcmp(((const struct field *)a)->name,
	    ((const struct field *)b)->name);
}

static int
cmp_opid(const void *a, const void *b)
{
	return memcmp(a, b, OP_ID_LEN);
}

static int
check_name(const char *what, const char *s, char **cause)
{
	size_t	len = strlen(s);

	if (len == 0 || len > OP_NAME_MAX) {
		xasprintf(cause, "%s name \"%s\" is empty or too long", what, s);
		return -1;
	}
	return 0;
}

/* Sort fields and base, refusing duplicates, so the encoding is canonical. */
static int
op_sort(struct op *op, char **cause)
{
	size_t	i;

	/* qsort() with a null array is undefined, even for no elements. */
	if (op->nfields > 1)
		qsort(op->fields, op->nfields, sizeof *op->fields, cmp_field);
	for (i = 0; i < op->nfields; i++) {
		if (check_name("field", op->fields[i].name, cause) != 0)
			return -1;
		if (i > 0 && strcmp(op->fields[i - 1].name,
		    op->fields[i].name) == 0) {
			xasprintf(cause, "field \"%s\" given twice",
			    op->fields[i].name);
			return -1;
		}
	}
	if (op->nbase > 1)
		qsort(op->base, op->nbase, sizeof *op->base, cmp_opid);
	for (i = 1; i < op->nbase; i++) {
		if (cmp_opid(&op->base[i - 1], &op->base[i]) == 0) {
			*cause = xstrdup("operation base lists an id twice");
			return -1;
		}
	}
	return 0;
}

/* The body of an OP_SET or OP_NEW (op.h), the same in every version. */
static void
op_body(struct buf *b, const struct op *op)
{
	size_t	i;

	if (op->kind == OP_SET) {
		buf_val(b, &op->value);
		buf_be(b, op->nbase, 2);
		for (i = 0; i < op->nbase; i++)
			buf_add(b, op->base[i].b, OP_ID_LEN);
	} else {
		buf_be(b, op->nfields, 2);
		for (i = 0; i < op->nfields; i++) {
			buf_name(b, op->fields[i].name);
			buf_val(b, &op->fields[i].v);
		}
	}
}

#define BODY_HEAD	(4 + OP_ID_LEN)	/* u32 body length, body hash */

/* Encode a change read in version 1 as it was (so that decoding and
 * encoding again give the same bytes): no prev, its id the hash of all. */
static int
op_encode_1(struct op *op, struct buf *b)
{
	buf_u8(b, OP_VERSION_1);
	buf_u8(b, op->kind);
	buf_add(b, op->origin.b, ID_LEN);
	buf_be(b, op->seq, 8);
	buf_be(b, op->hlc, 8);
	buf_add(b, op->author.b, ID_LEN);
	buf_name(b, op->etype);
	buf_add(b, op->entity.b, ID_LEN);
	if (op->kind == OP_SET)
		buf_name(b, op->field);
	op_body(b, op);
	free(op->enc);
	op->enc = b->p;
	op->enclen = b->len;
	op->headlen = 0;
	crypto_generichash(op->id.b, OP_ID_LEN, b->p, b->len, NULL, 0);
	return 0;
}

/* What an author signs of a change of version 3: the hash of its header
 * up to the signature (everything but the signature), apart from any
 * other hash the site's key signs. */
static void
op_author_digest(const uint8_t *head, size_t len, uint8_t out[OP_ID_LEN])
{
	static const char	what[] = "oneteam author 1";
	crypto_generichash_state s;

	crypto_generichash_init(&s, NULL, 0, OP_ID_LEN);
	crypto_generichash_update(&s, (const uint8_t *)what, sizeof what - 1);
	crypto_generichash_update(&s, head, len);
	crypto_generichash_final(&s, out, OP_ID_LEN);
}

int
op_encode(struct op *op, char **cause)
{
	return op_encode_signed(op, NULL, cause);
}

/* The version op is encoded in: version 2's form for a change read in
 * it, the current one otherwise; signed or not. */
static unsigned
op_version_made(const struct op *op, int sig)
{
	if (op->version == OP_VERSION_2 || op->version == OP_VERSION_2_SIGNED)
		return sig ? OP_VERSION_2_SIGNED : OP_VERSION_2;
	return sig ? OP_VERSION_SIGNED : OP_VERSION;
}

/* A version 4 header's extension (op.h): its length, then its entries. */
static void
op_ext(struct buf *b, const struct op *op)
{
	const int	wall = op->wall > 0 &&
			    op->made >= KINDS_GENERATION_WALL;
	const int	remade = op->remade &&
			    op->made >= KINDS_GENERATION_REMAKES;
	const size_t	before = remade && op->made >= KINDS_GENERATION_BEFORE ?
			    op->nbefore : 0;
	size_t		i;

	buf_be(b, (wall ? 10 : 0) + (remade ? 2 + OP_EXT_REMAKES_LEN : 0) +
	    (before > 0 ? 2 + before * OP_EXT_REMAKES_LEN : 0), 2);
	if (wall) {
		buf_u8(b, OP_EXT_WALL);
		buf_u8(b, 8);
		buf_be(b, (uint64_t)op->wall, 8);
	}
	if (remade) {
		buf_u8(b, OP_EXT_REMAKES);
		buf_u8(b, OP_EXT_REMAKES_LEN);
		buf_add(b, op->remakes_origin.b, ID_LEN);
		buf_be(b, op->remakes_seq, 8);
		buf_add(b, op->remakes.b, OP_ID_LEN);
	}
	if (before > 0) {
		buf_u8(b, OP_EXT_BEFORE);
		buf_u8(b, (unsigned)(before * OP_EXT_REMAKES_LEN));
		for (i = 0; i < before; i++) {
			buf_add(b, op->before[i].origin.b, ID_LEN);
			buf_be(b, op->before[i].seq, 8);
			buf_add(b, op->before[i].id.b, OP_ID_LEN);
		}
	}
}

int
op_encode_signed(struct op *op, const uint8_t *sk, char **cause)
{
	struct buf	b = { NULL, 0, 0 };
	uint8_t		digest[OP_ID_LEN];
	size_t		hlen, i, sig = sk != NULL ? OP_SIG_LEN : 0;
	unsigned	version = op_version_made(op, sk != NULL);

	if (check_name("record type", op->etype, cause) != 0 ||
	    op_sort(op, cause) != 0)
		return -1;
	if (op->kind == OP_SET && check_name("field", op->field, cause) != 0)
		return -1;
	if (op->opaque) {
		*cause = xstrdup("a change whose body was not read cannot be "
		    "encoded again");
		return -1;
	}
	/* Most operations fit: one allocation rather than a few. */
	b.cap = OP_ENC_START;
	b.p = xmalloc(b.cap);
	if (op->version == OP_VERSION_1)
		return op_encode_1(op, &b);
	if (version >= OP_VERSION && op->made == 0)
		op->made = KINDS_GENERATION;
	if (version < OP_VERSION)
		op->made = 1;
	buf_u8(&b, version);
	buf_u8(&b, op->kind);
	if (version >= OP_VERSION)
		buf_be(&b, op->made, 2);
	buf_add(&b, op->origin.b, ID_LEN);
	buf_be(&b, op->seq, 8);
	buf_add(&b, op->prev.b, OP_ID_LEN);
	buf_be(&b, op->hlc, 8);
	buf_add(&b, op->author.b, ID_LEN);
	buf_name(&b, op->etype);
	buf_add(&b, op->entity.b, ID_LEN);
	if (op->kind == OP_SET)
		buf_name(&b, op->field);
	/* Its maker's clock, from generation 4 on, and the change it makes
	 * again, from 5; else none. */
	if (version >= OP_VERSION)
		op_ext(&b, op);
	/* The body's length and hash end the header (then, signed, the
	 * author's signature): made room for here, filled in once the body
	 * is written after them. */
	hlen = b.len + BODY_HEAD + sig;
	buf_add(&b, (const uint8_t[BODY_HEAD + OP_SIG_LEN]){ 0 },
	    BODY_HEAD + sig);
	op_body(&b, op);
	if (b.len - hlen > UINT32_MAX) {
		free(b.p);
		*cause = xstrdup("operation too large");
		return -1;
	}
	/* hlen: where the body starts. */
	for (i = 0; i < 4; i++)
		b.p[hlen - BODY_HEAD - sig + i] =
		    (uint8_t)((b.len - hlen) >> (8 * (3 - i)));
	crypto_generichash(b.p + hlen - OP_ID_LEN - sig, OP_ID_LEN,
	    b.p + hlen, b.len - hlen, NULL, 0);
	if (sk != NULL) {
		op_author_digest(b.p, hlen - OP_SIG_LEN, digest);
		crypto_sign_detached(b.p + hlen - OP_SIG_LEN, NULL, digest,
		    sizeof digest, sk);
	}
	free(op->enc);
	op->enc = b.p;
	op->enclen = b.len;
	op->headlen = hlen;
	op->version = version;
	crypto_generichash(op->id.b, OP_ID_LEN, b.p, hlen, NULL, 0);
	return 0;
}

int
op_author_verify(const struct op *op, const uint8_t *pk)
{
	uint8_t	digest[OP_ID_LEN];

	if (!op_signed(op) || op->headlen < OP_SIG_LEN)
		return 0;
	op_author_digest(op->enc, op->headlen - OP_SIG_LEN, digest);
	return crypto_sign_verify_detached(op->enc + op->headlen - OP_SIG_LEN,
	    digest, sizeof digest, pk) == 0;
}

/* A reader over an encoding; any short read marks it bad. */
struct rd {
	const uint8_t	*p;
	size_t		 left;
	int		 bad;
	char		*str;	/* where copied strings go */
};

static const uint8_t *
rd_take(struct rd *r, size_t n)
{
	const uint8_t	*p = r->p;

	if (r->bad || n > r->left) {
		r->bad = 1;
		return NULL;
	}
	r->p += n;
	r->left -= n;
	return p;
}

static uint64_t
rd_be(struct rd *r, int n)
{
	const uint8_t	*p;
	uint64_t	 v = 0;
	int		 i;

	if ((p = rd_take(r, (size_t)n)) == NULL)
		return 0;
	for (i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}

static void
rd_id(struct rd *r, uint8_t *out, size_t n)
{
	const uint8_t	*p;

	if ((p = rd_take(r, n)) != NULL)
		memcpy(out, p, n);
	else
		memset(out, 0, n);
}

/* Copy n bytes into the string area and return them NUL-terminated. */
static char *
rd_string(struct rd *r, size_t n)
{
	const uint8_t	*p;
	char		*s = r->str;

	if ((p = rd_take(r, n)) == NULL)
		return NULL;
	memcpy(s, p, n);
	s[n] = '\0';
	r->str += n + 1;
	if (!text_valid_utf8(s, n) || memchr(s, '\0', n) != NULL)
		r->bad = 1;
	return s;
}

/* Read a length-prefixed name into the string area; NULL if bad. */
static const char *
rd_name(struct rd *r)
{
	size_t	n = (size_t)rd_be(r, 1);

	if (n == 0 || n > OP_NAME_MAX) {
		r->bad = 1;
		return NULL;
	}
	return rd_string(r, n);
}

static void
rd_name_into(struct rd *r, char *out)
{
	const char	*s;

	if ((s = rd_name(r)) == NULL)
		out[0] = '\0';
	else
		memcpy(out, s, strlen(s) + 1);
}

static void
rd_val(struct rd *r, struct val *v)
{
	size_t	n;

	memset(v, 0, sizeof *v);
	v->type = (enum val_type)rd_be(r, 1);
	switch (v->type) {
	case VAL_NULL:
		break;
	case VAL_INT:
		v->i = (int64_t)rd_be(r, 8);
		break;
	case VAL_TEXT:
		n = (size_t)rd_be(r, 4);
		if (n > OP_TEXT_MAX)
			r->bad = 1;
		else
			v->s = rd_string(r, n);
		break;
	case VAL_ID:
		rd_id(r, v->id.b, ID_LEN);
		break;
	default:
		r->bad = 1;
	}
}

static void
rd_fields(struct rd *r, struct op *op)
{
	const char	*name;
	size_t		 i;

	op->nfields = (size_t)rd_be(r, 2);
	if (op->nfields > r->left / 2) {
		r->bad = 1;
		return;
	}
	op->fields = xcalloc(op->nfields, sizeof *op->fields);
	for (i = 0; i < op->nfields && !r->bad; i++) {
		if ((name = rd_name(r)) == NULL)
			break;
		op->fields[i].name = name;
		rd_val(r, &op->fields[i].v);
		if (i > 0 && strcmp(op->fields[i - 1].name, name) >= 0)
			r->bad = 1;
	}
}

static void
rd_base(struct rd *r, struct op *op)
{
	size_t	i;

	op->nbase = (size_t)rd_be(r, 2);
	if (op->nbase > r->left / OP_ID_LEN) {
		r->bad = 1;
		return;
	}
	op->base = xcalloc(op->nbase, sizeof *op->base);
	for (i = 0; i < op->nbase && !r->bad; i++) {
		rd_id(r, op->base[i].b, OP_ID_LEN);
		if (i > 0 && cmp_opid(&op->base[i - 1], &op->base[i]) >= 0)
			r->bad = 1;
	}
}

/* Read a version 2 header's end: the body's length and hash, checked;
 * signed (version 3), the author's signature after them (checked by
 * whoever knows the author's key: op_author_verify()). */
static void
rd_body_head(struct rd *r, int sig)
{
	uint8_t	 want[OP_ID_LEN], got[OP_ID_LEN];
	size_t	 n = (size_t)rd_be(r, 4);

	rd_id(r, want, OP_ID_LEN);
	if (sig)
		rd_take(r, OP_SIG_LEN);
	if (r->bad || n != r->left) {
		r->bad = 1;
		return;
	}
	crypto_generichash(got, OP_ID_LEN, r->p, r->left, NULL, 0);
	if (sodium_memcmp(got, want, OP_ID_LEN) != 0)
		r->bad = 1;
}

/*
 * Read a version 4 header's extension: empty before generation 4; then
 * entries (op.h), of which this build knows the maker's clock. A later
 * generation's others, or what it says past what this build can read,
 * are passed over; anything else is not canonical.
 */
static void
rd_ext(struct rd *r, struct op *op)
{
	size_t		n = (size_t)rd_be(r, 2), len;
	unsigned	tag, last = 0;
	const int	later = op->made > KINDS_GENERATION;

	if (n > OP_EXT_MAX || (n > 0 && op->made < KINDS_GENERATION_WALL) ||
	    n > r->left) {
		r->bad = 1;
		return;
	}
	while (n > 0 && !r->bad) {
		if (n < 2 || (len = r->p[1]) > n - 2 || r->p[0] <= last) {
			if (later)
				rd_take(r, n);
			else
				r->bad = 1;
			break;
		}
		tag = (unsigned)rd_be(r, 1);
		len = (size_t)rd_be(r, 1);
		n -= 2;
		if (tag == OP_EXT_WALL && len == 8) {
			op->wall = (int64_t)rd_be(r, 8);
			if (op->wall <= 0)
				r->bad = 1;
		} else if (tag == OP_EXT_REMAKES && len == OP_EXT_REMAKES_LEN &&
		    op->made >= KINDS_GENERATION_REMAKES) {
			op->remade = 1;
			rd_id(r, op->remakes_origin.b, ID_LEN);
			op->remakes_seq = rd_be(r, 8);
			rd_id(r, op->remakes.b, OP_ID_LEN);
			if (op->remakes_seq == 0)
				r->bad = 1;
		} else if (tag == OP_EXT_BEFORE && op->remade && len > 0 &&
		    len % OP_EXT_REMAKES_LEN == 0 &&
		    len / OP_EXT_REMAKES_LEN <= OP_BEFORE_MAX &&
		    op->made >= KINDS_GENERATION_BEFORE) {
			while (op->nbefore < len / OP_EXT_REMAKES_LEN) {
				struct op_ref	*e = &op->before[op->nbefore++];

				rd_id(r, e->origin.b, ID_LEN);
				e->seq = rd_be(r, 8);
				rd_id(r, e->id.b, OP_ID_LEN);
				if (e->seq == 0)
					r->bad = 1;
			}
		} else if (later)
			rd_take(r, len);
		else
			r->bad = 1;
		n -= len;
		last = tag;
	}
}

/* Read the body of op; a later generation's that this build cannot read
 * is kept unread (opaque): its header vouches for it. */
static void
rd_body(struct rd *r, struct op *op)
{
	struct rd	at = *r;

	if (op->kind == OP_SET) {
		rd_val(r, &op->value);
		rd_base(r, op);
	} else
		rd_fields(r, op);
	if ((!r->bad && r->left == 0) || op->made <= KINDS_GENERATION)
		return;
	free(op->base);
	free(op->fields);
	op->base = NULL;
	op->fields = NULL;
	op->nbase = op->nfields = 0;
	memset(&op->value, 0, sizeof op->value);
	op->opaque = 1;
	*r = at;
	r->p += r->left;
	r->left = 0;
}

int
op_decode(const uint8_t *p, size_t len, struct op *op, char **cause)
{
	struct rd	r = { p, len, 0, NULL };
	size_t		hlen = len;

	memset(op, 0, sizeof *op);
	/* Every string is shorter than the encoding; one area holds them. */
	op->strings = r.str = xmalloc(len * 2 + 1);
	op->version = (unsigned)rd_be(&r, 1);
	if (op->version < OP_VERSION_1 || op->version > OP_VERSION_SIGNED) {
		*cause = xstrdup("operation of an unknown version");
		goto bad;
	}
	op->kind = (enum op_kind)rd_be(&r, 1);
	op->made = op->version >= OP_VERSION ? (unsigned)rd_be(&r, 2) : 1;
	rd_id(&r, op->origin.b, ID_LEN);
	op->seq = rd_be(&r, 8);
	if (op_chained(op))
		rd_id(&r, op->prev.b, OP_ID_LEN);
	op->hlc = rd_be(&r, 8);
	rd_id(&r, op->author.b, ID_LEN);
	rd_name_into(&r, op->etype);
	rd_id(&r, op->entity.b, ID_LEN);
	if (op->kind == OP_SET)
		rd_name_into(&r, op->field);
	else if (op->kind != OP_NEW)
		r.bad = 1;
	if (op->made == 0)
		r.bad = 1;
	if (op->version >= OP_VERSION)
		rd_ext(&r, op);
	if (op_chained(op)) {
		rd_body_head(&r, op_signed(op));
		hlen = len - r.left;
	}
	if (!r.bad)
		rd_body(&r, op);
	/* Both are stored as SQLite's signed 64-bit integers. */
	if (r.bad || r.left != 0 || op->seq == 0 || op->seq > INT64_MAX ||
	    op->hlc > INT64_MAX) {
		*cause = xstrdup("operation is not in canonical form");
		goto bad;
	}
	op->enc = xmalloc(len);
	memcpy(op->enc, p, len);
	op->enclen = len;
	op->headlen = op_chained(op) ? hlen : 0;
	crypto_generichash(op->id.b, OP_ID_LEN, p, hlen, NULL, 0);
	return 0;
bad:
	op_free(op);
	return -1;
}

void
op_link_1(const struct op_id *prev, const struct op_id *id,
    struct op_id *link)
{
	static const char	what[] = "oneteam link 1";
	crypto_generichash_state s;

	crypto_generichash_init(&s, NULL, 0, OP_ID_LEN);
	crypto_generichash_update(&s, (const uint8_t *)what, sizeof what - 1);
	crypto_generichash_update(&s, prev->b, OP_ID_LEN);
	crypto_generichash_update(&s, id->b, OP_ID_LEN);
	crypto_generichash_final(&s, link->b, OP_ID_LEN);
}

int
op_link(const struct op *op, const struct op_id *prev, struct op_id *link,
    char **cause)
{

	if (op_chained(op)) {
		if (sodium_memcmp(op->prev.b, prev->b, OP_ID_LEN) != 0) {
			*cause = xstrdup("it does not follow the change before "
			    "it");
			return -1;
		}
		*link = op->id;
		return 0;
	}
	op_link_1(prev, &op->id, link);
	return 0;
}

void
op_free(struct op *op)
{
	free(op->base);
	free(op->fields);
	free(op->enc);
	free(op->strings);
	memset(op, 0, sizeof *op);
}

void
op_made_id(const struct id *origin, uint64_t seq, struct id *out)
{
	static const char	what[] = "oneteam record 1";
	crypto_generichash_state s;
	uint8_t			 be[8];
	int			 i;

	for (i = 0; i < 8; i++)
		be[i] = (uint8_t)(seq >> (8 * (7 - i)));
	crypto_generichash_init(&s, NULL, 0, ID_LEN);
	crypto_generichash_update(&s, (const uint8_t *)what, sizeof what - 1);
	crypto_generichash_update(&s, origin->b, ID_LEN);
	crypto_generichash_update(&s, be, sizeof be);
	crypto_generichash_final(&s, out->b, ID_LEN);
}

int
op_makes_own(const struct op *op)
{
	struct id	id;

	if (op->kind != OP_NEW)
		return 1;
	op_made_id(&op->origin, op->seq, &id);
	return id_cmp(&id, &op->entity) == 0;
}

void
op_id_hex(const struct op_id *id, char *buf)
{
	sodium_bin2hex(buf, OP_ID_LEN * 2 + 1, id->b, OP_ID_LEN);
}
