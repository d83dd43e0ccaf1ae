/*
 * bundle.c owns the bundle file format (oneteam-bundle(5)): a clear header
 * anyone can read, then the changes in parts sealed with libsodium's
 * secretstream (XChaCha20-Poly1305) under the team key. The first part
 * authenticates the whole header as its additional data, the stream's own
 * counter makes reordered or spliced parts fail, and only a part tagged
 * FINAL, exactly at the end of the file, ends a bundle: so a changed byte,
 * a cut or an extension anywhere is found before anything is applied.
 *
 * Integers are big-endian. Header:
 *   "OTBUNDLE", u16 version, u32 header length (all of it, from the magic
 *   to the stream header), team[16], key id[32], u8 algorithm, u64
 *   opslimit, u64 memlimit, salt[16], bundle[16], sender[16], u64 created
 *   (ms), to[16] (zero: full), u64 changes, digest[32], u8 len + sender
 *   name, u32 n, n x (origin[16], u64 seq, u8 len + name, key[32],
 *   link[32], signature[64]: the signed heads, sync.h), stream
 *   header[24]. A head's signature is Ed25519's of "oneteam head 1",
 *   team[16], origin[16], u64 seq, link[32]; an unsigned one's key and
 *   signature are zero.
 * Then parts: u32 sealed length, sealed bytes. A part's plain text is
 * records: op id[32], u32 len, the operation's canonical encoding.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "sync-private.h"
#include "oneteam/install.h"
#include "oneteam/xmalloc.h"

#define SS_ABYTES	crypto_secretstream_xchacha20poly1305_ABYTES
#define SS_HEADER	crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define TAG_MESSAGE	crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
#define TAG_FINAL	crypto_secretstream_xchacha20poly1305_TAG_FINAL
#define HEAD_FIXED	191	/* bytes before the sender's name */
#define HEAD_MIN	(HEAD_FIXED + 1 + 4 + SITE_SIG_LEN + SS_HEADER)
#define HEAD_MAX	(16 * 1024 * 1024)
#define PART_MAX	(BUNDLE_CHUNK + BUNDLE_RECORD_MAX + 36 + SS_ABYTES)
#define RECORD_HEAD	(OP_ID_LEN + 4)
#define HAS_MIN		(ID_LEN + 8 + 1 + SITE_KEY_LEN + 32 + SITE_SIG_LEN)

/* --- writing -------------------------------------------------------------- */

struct hbuf {
	uint8_t	*p;
	size_t	 len;
	size_t	 cap;
};

static void
hb_add(struct hbuf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 256;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
hb_be(struct hbuf *b, uint64_t v, int n)
{
	uint8_t	x[8];
	int	i;

	for (i = 0; i < n; i++)
		x[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
	hb_add(b, x, (size_t)n);
}

static void
hb_name(struct hbuf *b, const char *s)
{
	size_t	n = s != NULL ? strlen(s) : 0;

	if (n > 255)
		n = 255;	/* names are at most 64 bytes (config) */
	hb_be(b, n, 1);
	hb_add(b, s, n);
}

static void
be_put(uint8_t *p, uint64_t v, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
}

static uint64_t
be_get(const uint8_t *p, int n)
{
	uint64_t	v = 0;
	int		i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

#define HEADER_WHAT	"oneteam header 1"

/* What the sender signs: the header from its magic to its signature. */
static void
header_message(const uint8_t *p, size_t len, crypto_generichash_state *s,
    uint8_t h[32])
{
	crypto_generichash_init(s, NULL, 0, 32);
	crypto_generichash_update(s, (const uint8_t *)HEADER_WHAT,
	    sizeof HEADER_WHAT - 1);
	crypto_generichash_update(s, p, len);
	crypto_generichash_final(s, h, 32);
}

static void
header_sign(const uint8_t *p, size_t len, const uint8_t *secret,
    uint8_t sig[SITE_SIG_LEN])
{
	crypto_generichash_state	s;
	uint8_t				h[32];

	header_message(p, len, &s, h);
	crypto_sign_detached(sig, NULL, h, sizeof h, secret);
}

static int
bw_fail(char **cause)
{
	xasprintf(cause, "cannot write the bundle: %s", strerror(errno));
	return -1;
}

int
bundle_write_start(struct bundle_writer *w, FILE *f,
    const struct bundle_head *h, const uint8_t key[TEAM_KEY_LEN],
    char **cause)
{
	struct hbuf	b = { NULL, 0, 0 };
	uint8_t		sig[SITE_SIG_LEN];
	size_t		i;

	memset(w, 0, sizeof *w);
	w->f = f;
	hb_add(&b, BUNDLE_MAGIC, 8);
	hb_be(&b, BUNDLE_VERSION, 2);
	hb_be(&b, 0, 4);		/* the length, filled in below */
	hb_add(&b, h->team.b, ID_LEN);
	hb_add(&b, h->key_id, 32);
	hb_be(&b, crypto_pwhash_ALG_ARGON2ID13, 1);
	hb_be(&b, h->opslimit, 8);
	hb_be(&b, h->memlimit, 8);
	hb_add(&b, h->salt, TEAM_SALT_LEN);
	hb_add(&b, h->bundle.b, ID_LEN);
	hb_add(&b, h->sender.b, ID_LEN);
	hb_be(&b, (uint64_t)h->created, 8);
	hb_add(&b, h->to.b, ID_LEN);
	hb_be(&b, h->changes, 8);
	hb_add(&b, h->digest, 32);
	hb_name(&b, h->sender_name);
	hb_be(&b, h->nhas, 4);
	for (i = 0; i < h->nhas; i++) {
		hb_add(&b, h->has[i].origin.b, ID_LEN);
		hb_be(&b, h->has[i].seq, 8);
		hb_name(&b, h->has[i].name);
		hb_add(&b, h->has[i].key, SITE_KEY_LEN);
		hb_add(&b, h->has[i].link, 32);
		hb_add(&b, h->has[i].sig, SITE_SIG_LEN);
	}
	/* The sender signs what comes before: its id, the names, what it
	 * says it holds are its word, not anyone's with the team key. */
	be_put(b.p + 10, b.len + SITE_SIG_LEN + SS_HEADER, 4);
	if (h->signer != NULL)
		header_sign(b.p, b.len, h->signer, sig);
	else
		memset(sig, 0, sizeof sig);
	hb_add(&b, sig, sizeof sig);
	hb_add(&b, (const uint8_t[SS_HEADER]){ 0 }, SS_HEADER);
	crypto_secretstream_xchacha20poly1305_init_push(&w->ss,
	    b.p + b.len - SS_HEADER, key);
	w->head = b.p;
	w->headlen = b.len;
	w->first = 1;
	w->buf = xmalloc(BUNDLE_CHUNK + BUNDLE_RECORD_MAX + RECORD_HEAD);
	w->sealed = xmalloc(PART_MAX);
	if (fwrite(w->head, 1, w->headlen, f) != w->headlen)
		return bw_fail(cause);
	return 0;
}

/* Seal what is gathered as one part and write it. */
static int
bw_seal(struct bundle_writer *w, unsigned char tag, char **cause)
{
	unsigned long long	len;
	uint8_t			be[4];

	crypto_secretstream_xchacha20poly1305_push(&w->ss, w->sealed, &len,
	    w->buf, w->len, w->first ? w->head : NULL,
	    w->first ? w->headlen : 0, tag);
	w->first = 0;
	w->len = 0;
	be_put(be, len, 4);
	if (fwrite(be, 1, 4, w->f) != 4 ||
	    fwrite(w->sealed, 1, (size_t)len, w->f) != (size_t)len)
		return bw_fail(cause);
	return 0;
}

int
bundle_write_record(struct bundle_writer *w, const struct op_id *id,
    const uint8_t *enc, size_t len, char **cause)
{
	uint8_t	be[4];

	if (len > BUNDLE_RECORD_MAX) {
		xasprintf(cause, "a change of %zu bytes is too large to carry "
		    "in a bundle", len);
		return -1;
	}
	if (w->len > 0 && w->len + RECORD_HEAD + len > BUNDLE_CHUNK &&
	    bw_seal(w, TAG_MESSAGE, cause) != 0)
		return -1;
	be_put(be, len, 4);
	memcpy(w->buf + w->len, id->b, OP_ID_LEN);
	memcpy(w->buf + w->len + OP_ID_LEN, be, 4);
	memcpy(w->buf + w->len + RECORD_HEAD, enc, len);
	w->len += RECORD_HEAD + len;
	w->records++;
	return 0;
}

int
bundle_write_end(struct bundle_writer *w, char **cause)
{
	return bw_seal(w, TAG_FINAL, cause);
}

void
bundle_write_free(struct bundle_writer *w)
{
	sodium_memzero(&w->ss, sizeof w->ss);
	free(w->head);
	free(w->buf);
	free(w->sealed);
	memset(w, 0, sizeof *w);
}

/* --- reading -------------------------------------------------------------- */

static int
br_refuse(struct bundle_reader *r, char **cause, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
br_refuse(struct bundle_reader *r, char **cause, const char *fmt, ...)
{
	va_list	 ap;
	char	*why;

	va_start(ap, fmt);
	xvasprintf(&why, fmt, ap);
	va_end(ap);
	xasprintf(cause, "%s %s", r->path, why);
	free(why);
	return -1;
}

/* Read exactly n bytes; 0 if the file ended first (how many in *got). */
static int
br_read(struct bundle_reader *r, void *p, size_t n, size_t *got)
{
	size_t	k = fread(p, 1, n, r->f);

	r->offset += k;
	if (got != NULL)
		*got = k;
	return k == n;
}

struct cur {
	const uint8_t	*p;
	size_t		 left;
	int		 bad;
};

static const uint8_t *
cur_take(struct cur *c, size_t n)
{
	const uint8_t	*p = c->p;

	if (c->bad || n > c->left) {
		c->bad = 1;
		return NULL;
	}
	c->p += n;
	c->left -= n;
	return p;
}

static uint64_t
cur_be(struct cur *c, int n)
{
	const uint8_t	*p = cur_take(c, (size_t)n);

	return p != NULL ? be_get(p, n) : 0;
}

static void
cur_bytes(struct cur *c, void *out, size_t n)
{
	const uint8_t	*p = cur_take(c, n);

	if (p != NULL)
		memcpy(out, p, n);
}

/* A name: no NUL and no control character, or the header is damaged
 * (it is read before anything authenticates it). */
static char *
cur_name(struct cur *c)
{
	size_t		 n = (size_t)cur_be(c, 1), i;
	const uint8_t	*p = cur_take(c, n);

	for (i = 0; p != NULL && i < n; i++)
		if (p[i] < 0x20 || p[i] == 0x7f)
			c->bad = 1;
	return p != NULL ? xstrndup((const char *)p, n) : xstrdup("");
}

/* Parse the header after its first 14 bytes. */
static int
br_parse(struct bundle_reader *r, char **cause)
{
	struct bundle_head	*h = &r->h;
	struct cur		 c = { r->head + 14, r->headlen - 14, 0 };
	uint64_t		 n, i;

	cur_bytes(&c, h->team.b, ID_LEN);
	cur_bytes(&c, h->key_id, 32);
	if (cur_be(&c, 1) != crypto_pwhash_ALG_ARGON2ID13 && !c.bad)
		return br_refuse(r, cause, "is damaged: its key derivation "
		    "is not one this oneteam knows");
	h->opslimit = cur_be(&c, 8);
	h->memlimit = cur_be(&c, 8);
	cur_bytes(&c, h->salt, TEAM_SALT_LEN);
	cur_bytes(&c, h->bundle.b, ID_LEN);
	cur_bytes(&c, h->sender.b, ID_LEN);
	h->created = (int64_t)cur_be(&c, 8);
	cur_bytes(&c, h->to.b, ID_LEN);
	h->changes = cur_be(&c, 8);
	cur_bytes(&c, h->digest, 32);
	h->sender_name = cur_name(&c);
	n = cur_be(&c, 4);
	/* No count can be believed past what the header holds. */
	if (!c.bad && n > c.left / HAS_MIN)
		c.bad = 1;
	if (!c.bad) {
		h->has = xcalloc((size_t)n + 1, sizeof *h->has);
		for (i = 0; i < n && !c.bad; i++) {
			struct bundle_has	*e = &h->has[i];

			cur_bytes(&c, e->origin.b, ID_LEN);
			e->seq = cur_be(&c, 8);
			e->name = cur_name(&c);
			cur_bytes(&c, e->key, SITE_KEY_LEN);
			cur_bytes(&c, e->link, 32);
			cur_bytes(&c, e->sig, SITE_SIG_LEN);
			e->is_signed = !sodium_is_zero(e->key, SITE_KEY_LEN);
			h->nhas++;
		}
	}
	r->signed_len = c.bad ? 0 : (size_t)(c.p - r->head);
	cur_bytes(&c, h->sig, SITE_SIG_LEN);
	cur_bytes(&c, r->ss_head, SS_HEADER);
	if (c.bad || c.left != 0)
		return br_refuse(r, cause, "is damaged: its header is not "
		    "well formed");
	if (!team_limits_ok(h->opslimit, h->memlimit))
		return br_refuse(r, cause, "is damaged: its key derivation "
		    "limits are out of range");
	return 0;
}

int
bundle_read_open(struct bundle_reader *r, const char *path, char **cause)
{
	struct stat	sb;
	uint8_t		start[14];
	size_t		got;
	uint64_t	version, len;
	int		fd;

	memset(r, 0, sizeof *r);
	r->path = xstrdup(path);
	/* Opened first, then asked what it is: the file read is the one
	 * checked (and a FIFO put in its place cannot hang the reader). */
	if ((fd = install_open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC,
	    0)) < 0)
		return br_refuse(r, cause, "cannot be read: %s",
		    strerror(errno));
	if (fstat(fd, &sb) != 0) {
		close(fd);
		return br_refuse(r, cause, "cannot be read: %s",
		    strerror(errno));
	}
	if (S_ISDIR(sb.st_mode) || !S_ISREG(sb.st_mode) || sb.st_size == 0) {
		close(fd);
		return br_refuse(r, cause, "%s", S_ISDIR(sb.st_mode) ?
		    "is a directory, not a bundle" : !S_ISREG(sb.st_mode) ?
		    "is not a file, so not a bundle" : "is empty, not a bundle");
	}
	if ((r->f = fdopen(fd, "rb")) == NULL) {
		close(fd);
		return br_refuse(r, cause, "cannot be read: %s",
		    strerror(errno));
	}
	r->h.size = (uint64_t)sb.st_size;
	if (!br_read(r, start, sizeof start, &got)) {
		if (got >= 8 && memcmp(start, BUNDLE_MAGIC, 8) == 0)
			return br_refuse(r, cause, "is cut short: it ends "
			    "inside its header (truncated)");
		if (ferror(r->f))
			return br_refuse(r, cause, "cannot be read: %s",
			    strerror(errno));
		return br_refuse(r, cause, "is not a oneteam bundle");
	}
	if (memcmp(start, BUNDLE_MAGIC, 8) != 0)
		return br_refuse(r, cause, "is not a oneteam bundle");
	version = be_get(start + 8, 2);
	len = be_get(start + 10, 4);
	if (version > BUNDLE_VERSION)
		return br_refuse(r, cause, "was made by a newer oneteam "
		    "(bundle format %u; this oneteam reads format %d): "
		    "upgrade oneteam to import it", (unsigned)version,
		    BUNDLE_VERSION);
	if (version == 0)
		return br_refuse(r, cause, "is damaged: its format number "
		    "is 0");
	if (version < BUNDLE_VERSION)
		return br_refuse(r, cause, "was made by an older oneteam "
		    "(bundle format %u, whose changes are not signed; this "
		    "oneteam reads format %d): upgrade oneteam at the site that "
		    "made it, then make the bundle again", (unsigned)version,
		    BUNDLE_VERSION);
	r->h.version = (unsigned)version;
	if (len < HEAD_MIN || len > HEAD_MAX)
		return br_refuse(r, cause, "is damaged: its header length "
		    "(%llu bytes) is impossible", (unsigned long long)len);
	r->headlen = (size_t)len;
	r->head = xmalloc(r->headlen);
	memcpy(r->head, start, sizeof start);
	if (!br_read(r, r->head + 14, r->headlen - 14, NULL))
		return br_refuse(r, cause, "is cut short: it ends inside its "
		    "header (truncated)");
	return br_parse(r, cause);
}

int
bundle_read_start(struct bundle_reader *r, const uint8_t key[TEAM_KEY_LEN],
    char **cause)
{
	if (crypto_secretstream_xchacha20poly1305_init_pull(&r->ss,
	    r->ss_head, key) != 0)
		return br_refuse(r, cause, "is damaged: its stream header is "
		    "not valid");
	r->sealed = xmalloc(PART_MAX);
	r->plain = xmalloc(PART_MAX);
	return 0;
}

/* Read and open the next part. */
static int
br_part(struct bundle_reader *r, char **cause)
{
	unsigned long long	 plen;
	unsigned char		 tag;
	uint8_t			 be[4];
	size_t			 got;
	uint64_t		 len;

	if (!br_read(r, be, 4, &got)) {
		if (ferror(r->f))
			return br_refuse(r, cause, "cannot be read: %s",
			    strerror(errno));
		return br_refuse(r, cause, "is cut short: it ends before its "
		    "last part (truncated after %llu bytes)",
		    (unsigned long long)r->offset);
	}
	len = be_get(be, 4);
	if (len < SS_ABYTES || len > PART_MAX)
		return br_refuse(r, cause, "is damaged: part %llu has an "
		    "impossible length", (unsigned long long)r->parts + 1);
	if (!br_read(r, r->sealed, (size_t)len, NULL))
		return br_refuse(r, cause, "is cut short: it ends inside "
		    "part %llu (truncated after %llu bytes)",
		    (unsigned long long)r->parts + 1,
		    (unsigned long long)r->offset);
	if (crypto_secretstream_xchacha20poly1305_pull(&r->ss, r->plain,
	    &plen, &tag, r->sealed, (unsigned long long)len,
	    r->parts == 0 ? r->head : NULL, r->parts == 0 ? r->headlen : 0)
	    != 0)
		return br_refuse(r, cause, "is damaged or was altered: part "
		    "%llu is not as it was sealed%s",
		    (unsigned long long)r->parts + 1, r->parts == 0 ?
		    " (or the header was changed)" : "");
	if (tag != TAG_MESSAGE && tag != TAG_FINAL)
		return br_refuse(r, cause, "is damaged: part %llu has an "
		    "unknown tag", (unsigned long long)r->parts + 1);
	r->parts++;
	r->final = tag == TAG_FINAL;
	r->plen = (size_t)plen;
	r->pos = 0;
	return 0;
}

int
bundle_read_record(struct bundle_reader *r, struct op_id *id,
    const uint8_t **enc, size_t *len, char **cause)
{
	uint64_t	n;
	long		more;

	while (r->pos >= r->plen) {
		if (r->final) {
			if (fgetc(r->f) != EOF) {
				more = (long)(r->h.size - r->offset);
				more = more > 0 ? more : 1;
				return br_refuse(r, cause, "has %ld byte%s after "
				    "its end", more, more == 1 ? "" : "s");
			}
			if (r->records != r->h.changes)
				return br_refuse(r, cause, "is damaged: it holds "
				    "%llu changes, its header says %llu",
				    (unsigned long long)r->records,
				    (unsigned long long)r->h.changes);
			return 0;
		}
		if (br_part(r, cause) != 0)
			return -1;
	}
	if (r->plen - r->pos < RECORD_HEAD)
		goto bad;
	memcpy(id->b, r->plain + r->pos, OP_ID_LEN);
	n = be_get(r->plain + r->pos + OP_ID_LEN, 4);
	if (n > r->plen - r->pos - RECORD_HEAD)
		goto bad;
	*enc = r->plain + r->pos + RECORD_HEAD;
	*len = (size_t)n;
	r->pos += RECORD_HEAD + (size_t)n;
	r->records++;
	return 1;
bad:
	return br_refuse(r, cause, "is damaged: part %llu is not made of "
	    "whole changes", (unsigned long long)r->parts);
}

void
bundle_read_close(struct bundle_reader *r)
{
	if (r->f != NULL)
		fclose(r->f);
	sodium_memzero(&r->ss, sizeof r->ss);
	free(r->path);
	free(r->head);
	free(r->sealed);
	free(r->plain);
	bundle_head_free(&r->h);
	memset(r, 0, sizeof *r);
}

/* --- signed heads --------------------------------------------------------- */

#define HEAD_WHAT	"oneteam head 1"
#define HEAD_MSG	(sizeof HEAD_WHAT - 1 + ID_LEN * 2 + 8 + 32)

/* What a head's signature signs. */
static void
head_message(const struct id *team, const struct bundle_has *e,
    uint8_t m[HEAD_MSG])
{
	size_t	n = sizeof HEAD_WHAT - 1;

	memcpy(m, HEAD_WHAT, n);
	memcpy(m + n, team->b, ID_LEN);
	memcpy(m + n + ID_LEN, e->origin.b, ID_LEN);
	be_put(m + n + 2 * ID_LEN, e->seq, 8);
	memcpy(m + n + 2 * ID_LEN + 8, e->link, 32);
}

void
bundle_head_sign(const struct id *team, struct bundle_has *e,
    const uint8_t *secret)
{
	uint8_t	m[HEAD_MSG];

	head_message(team, e, m);
	crypto_sign_ed25519_sk_to_pk(e->key, secret);
	crypto_sign_detached(e->sig, NULL, m, sizeof m, secret);
	e->is_signed = 1;
}

int
bundle_read_sender(const struct bundle_reader *r, const struct bundle_has **e)
{
	crypto_generichash_state	s;
	uint8_t				h[32];
	size_t				i;

	*e = NULL;
	for (i = 0; i < r->h.nhas; i++)
		if (id_cmp(&r->h.has[i].origin, &r->h.sender) == 0)
			*e = &r->h.has[i];
	if (*e == NULL || !(*e)->is_signed || r->signed_len == 0)
		return -1;
	header_message(r->head, r->signed_len, &s, h);
	return crypto_sign_verify_detached(r->h.sig, h, sizeof h, (*e)->key);
}

int
bundle_head_verify(const struct id *team, const struct bundle_has *e)
{
	uint8_t	m[HEAD_MSG];

	head_message(team, e, m);
	return crypto_sign_verify_detached(e->sig, m, sizeof m, e->key);
}

void
bundle_head_free(struct bundle_head *h)
{
	size_t	i;

	for (i = 0; i < h->nhas; i++)
		free(h->has[i].name);
	free(h->has);
	free(h->sender_name);
	memset(h, 0, sizeof *h);
}

int
bundle_info(const char *path, struct bundle_head *h, char **cause)
{
	struct bundle_reader	r;
	int			rc;

	memset(h, 0, sizeof *h);
	rc = bundle_read_open(&r, path, cause);
	if (rc == 0) {
		*h = r.h;
		memset(&r.h, 0, sizeof r.h);
	}
	bundle_read_close(&r);
	return rc;
}
