/*
 * fuzz-bundle.c: a libFuzzer target for the code that parses the untrusted
 * bytes of a bundle: its header (bundle_read_open), its sealed parts and
 * the framing of records (bundle_read_start, bundle_read_record) and each
 * change (op_decode). It owns no format of its own; what an input means
 * is in fuzz-bundle.h.
 *
 * A fuzzer cannot forge a Poly1305 tag, so an input that is a whole file
 * (FUZZ_FILE) gets no further than the first part. The other modes seal
 * what the fuzzer chose with the fixed key first, and the reader then
 * opens it as it would a bundle from another site. Besides the sanitizers,
 * a few oracles abort: the writer's bundles must read back as written, a
 * bundle without its FINAL part at its end must be refused, every refusal
 * must say why, and a change that decodes must encode to the same bytes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "sync-private.h"
#include "oneteam/op.h"
#include "oneteam/xmalloc.h"
#include "fuzz-bundle.h"

#define FUZZ_PLAIN_MAX	(BUNDLE_CHUNK + BUNDLE_RECORD_MAX)

const uint8_t	 fuzz_bundle_key[TEAM_KEY_LEN] =
    "oneteam fuzz key, never a team!";

/* A slice of the input. */
struct fuzz_piece {
	const uint8_t	*p;
	size_t		 n;
};

/* What reading a sealed input must give. */
struct fuzz_expect {
	int			 records;	/* FUZZ_RECORDS */
	int			 refuse;	/* must not read whole */
	struct fuzz_piece	*piece;
	size_t			 npiece;
};

/* Inputs become files in a directory of this process's own. */
static char	*fuzz_dir;
static char	*fuzz_in;
static char	*fuzz_sealed;
static int	 fuzz_verbose;	/* FUZZ_BUNDLE_VERBOSE set */

static void fuzz_fail(const char *, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void
fuzz_fail(const char *fmt, ...)
{
	va_list	ap;

	fputs("fuzz-bundle: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static void
fuzz_cleanup(void)
{
	unlink(fuzz_in);
	unlink(fuzz_sealed);
	rmdir(fuzz_dir);
}

static void
fuzz_init(void)
{
	const char	*tmp = getenv("TMPDIR");

	if (fuzz_dir != NULL)
		return;
	if (sodium_init() < 0)
		fatal("cannot start libsodium");
	if (tmp == NULL || *tmp != '/')
		tmp = "/tmp";
	fuzz_dir = xprintf("%s/oneteam-fuzz.XXXXXX", tmp);
	if (mkdtemp(fuzz_dir) == NULL)
		fatal("cannot make %s: %s", fuzz_dir, strerror(errno));
	fuzz_in = xprintf("%s/in.otb", fuzz_dir);
	fuzz_sealed = xprintf("%s/sealed.otb", fuzz_dir);
	fuzz_verbose = getenv("FUZZ_BUNDLE_VERBOSE") != NULL;
	atexit(fuzz_cleanup);
}

static void
fuzz_write(const char *path, const uint8_t *p, size_t n)
{
	FILE	*f;

	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(p, 1, n, f) != n || fclose(f) != 0)
		fatal("cannot write %s: %s", path, strerror(errno));
}

/* Cut p at each FUZZ_SEP; nothing at all is no piece. */
static size_t
fuzz_split(const uint8_t *p, size_t len, struct fuzz_piece **out)
{
	const uint8_t	*end = p + len, *q;
	size_t		 n = 0;

	*out = NULL;
	if (len == 0)
		return 0;
	for (;;) {
		q = memmem(p, (size_t)(end - p), FUZZ_SEP, FUZZ_SEP_LEN);
		*out = xreallocarray(*out, n + 1, sizeof **out);
		(*out)[n].p = p;
		(*out)[n].n = (size_t)((q != NULL ? q : end) - p);
		n++;
		if (q == NULL)
			return n;
		p = q + FUZZ_SEP_LEN;
	}
}

/* The header of every sealed input: a team whose key is the fixed one. */
static void
fuzz_head(struct bundle_head *h, struct bundle_has has[2], uint64_t changes)
{
	memset(h, 0, sizeof *h);
	h->version = BUNDLE_VERSION;
	memset(h->team.b, 0x7e, ID_LEN);
	team_key_id(fuzz_bundle_key, h->key_id);
	h->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
	h->memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	memset(h->salt, 0x5a, sizeof h->salt);
	memset(h->bundle.b, 0xb0, ID_LEN);
	memset(h->sender.b, 0x5e, ID_LEN);
	h->sender_name = (char *)"fuzz-site";
	h->created = 1767225600000LL;	/* 1 January 2026 */
	h->changes = changes;
	memset(has, 0, 2 * sizeof *has);
	has[0].origin = h->sender;
	has[0].seq = changes;
	has[0].name = h->sender_name;
	memset(has[1].origin.b, 0x0a, ID_LEN);
	has[1].seq = 7;
	has[1].name = (char *)"hub";
	h->has = has;
	h->nhas = 2;
}

/* Seal one part of plain text as bw_seal() does: the first part
 * authenticates the header. */
static int
fuzz_push(struct bundle_writer *w, const uint8_t *p, size_t n,
    unsigned char tag)
{
	unsigned long long	len;
	uint8_t			be[4];

	if (n > FUZZ_PLAIN_MAX)
		n = FUZZ_PLAIN_MAX;
	crypto_secretstream_xchacha20poly1305_push(&w->ss, w->sealed, &len,
	    p, n, w->first ? w->head : NULL, w->first ? w->headlen : 0, tag);
	w->first = 0;
	be[0] = (uint8_t)(len >> 24);
	be[1] = (uint8_t)(len >> 16);
	be[2] = (uint8_t)(len >> 8);
	be[3] = (uint8_t)len;
	if (fwrite(be, 1, 4, w->f) != 4 ||
	    fwrite(w->sealed, 1, (size_t)len, w->f) != (size_t)len)
		return -1;
	return 0;
}

/* FUZZ_PARTS: each piece one part, the end spoilt as twist says. */
static int
fuzz_seal_parts(struct bundle_writer *w, const struct fuzz_expect *ex,
    int twist)
{
	static const uint8_t	none[1];
	unsigned char		tag;
	size_t			i;

	for (i = 0; i < ex->npiece; i++) {
		tag = crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
		if (i == ex->npiece - 1 && twist == FUZZ_TWIST_TAG)
			tag = crypto_secretstream_xchacha20poly1305_TAG_PUSH;
		else if (i == ex->npiece - 1 && twist != FUZZ_TWIST_OPEN)
			tag = crypto_secretstream_xchacha20poly1305_TAG_FINAL;
		if (fuzz_push(w, ex->piece[i].p, ex->piece[i].n, tag) != 0)
			return -1;
	}
	if (twist == FUZZ_TWIST_AFTER && fuzz_push(w, none, 0,
	    crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) != 0)
		return -1;
	return 0;
}

/* FUZZ_RECORDS: each piece a change, its id as op.h has it (of bytes
 * that are no change, their hash), as an export. */
static int
fuzz_seal_records(struct bundle_writer *w, const struct fuzz_expect *ex,
    char **cause)
{
	struct op_id	 id;
	struct op	 op;
	char		*why = NULL;
	size_t		 i;

	for (i = 0; i < ex->npiece; i++) {
		if (op_decode(ex->piece[i].p, ex->piece[i].n, &op, &why) == 0) {
			id = op.id;
			op_free(&op);
		} else {
			free(why);
			why = NULL;
			crypto_generichash(id.b, OP_ID_LEN, ex->piece[i].p,
			    ex->piece[i].n, NULL, 0);
		}
		if (bundle_write_record(w, &id, ex->piece[i].p, ex->piece[i].n,
		    cause) != 0)
			return -1;
	}
	return bundle_write_end(w, cause);
}

/* Seal a sealed-mode input at path, filling *ex; -1 if it cannot be. */
static int
fuzz_seal(const uint8_t *data, size_t size, const char *path,
    struct fuzz_expect *ex)
{
	struct bundle_writer	 w;
	struct bundle_head	 h;
	struct bundle_has	 has[2];
	FILE			*f;
	char			*cause = NULL;
	uint64_t		 changes;
	int			 rc = -1, twist = FUZZ_TWIST(data[0]);

	memset(ex, 0, sizeof *ex);
	memset(&w, 0, sizeof w);
	if ((data[0] & FUZZ_PARTS) == FUZZ_PARTS) {
		changes = size > 1 ? data[1] : 0;
		if (size > 2)
			ex->npiece = fuzz_split(data + 2, size - 2, &ex->piece);
		ex->refuse = ex->npiece == 0 || twist != FUZZ_TWIST_NONE;
	} else {
		ex->npiece = fuzz_split(data + 1, size - 1, &ex->piece);
		ex->records = 1;
		changes = ex->npiece;
	}
	fuzz_head(&h, has, changes);
	if ((f = fopen(path, "wb")) == NULL)
		fatal("cannot write %s: %s", path, strerror(errno));
	if (bundle_write_start(&w, f, &h, fuzz_bundle_key, &cause) == 0) {
		if (ex->records)
			rc = fuzz_seal_records(&w, ex, &cause);
		else
			rc = fuzz_seal_parts(&w, ex, twist);
	}
	bundle_write_free(&w);
	if (fclose(f) != 0)
		rc = -1;
	free(cause);
	return rc;
}

long
fuzz_bundle_seal(const uint8_t *data, size_t size, const char *path)
{
	struct fuzz_expect	ex;
	long			rc = -1;

	if (size == 0 || (data[0] & FUZZ_SEALED) == 0)
		return -1;
	if (fuzz_seal(data, size, path, &ex) == 0)
		rc = ex.records ? (long)ex.npiece : 0;
	free(ex.piece);
	return rc;
}

/* Decode a change; one that decodes must be canonical and, in a bundle
 * the writer made, carry its own id. */
static void
fuzz_op(const struct op_id *id, const uint8_t *enc, size_t len, int hashed)
{
	struct op	 op;
	char		*cause = NULL;

	if (op_decode(enc, len, &op, &cause) != 0) {
		if (cause == NULL)
			fuzz_fail("a change refused without a reason");
		free(cause);
		return;
	}
	if (hashed && memcmp(op.id.b, id->b, OP_ID_LEN) != 0)
		fuzz_fail("a change read back has another id");
	if (op_encode(&op, &cause) != 0)
		fuzz_fail("a change that decodes does not encode: %s", cause);
	if (op.enclen != len || memcmp(op.enc, enc, len) != 0)
		fuzz_fail("a change decodes and encodes to other bytes (%zu, "
		    "%zu): it has two encodings", len, op.enclen);
	op_free(&op);
}

/* Read the bundle at path to its end, or its refusal; ex is NULL for a
 * bundle the fuzzer wrote itself. */
static void
fuzz_read(const char *path, const struct fuzz_expect *ex)
{
	struct bundle_reader	 r;
	struct op_id		 id;
	const struct fuzz_piece	*want;
	const uint8_t		*enc;
	size_t			 len, k = 0;
	char			*cause = NULL;
	int			 rc, records = ex != NULL && ex->records;

	if ((rc = bundle_read_open(&r, path, &cause)) == 0 &&
	    (rc = bundle_read_start(&r, fuzz_bundle_key, &cause)) == 0) {
		while ((rc = bundle_read_record(&r, &id, &enc, &len,
		    &cause)) == 1) {
			fuzz_op(&id, enc, len, records);
			if (records) {
				if (k >= ex->npiece)
					fuzz_fail("more changes read back than "
					    "written");
				want = &ex->piece[k];
				if (len != want->n || (len > 0 &&
				    memcmp(enc, want->p, len) != 0))
					fuzz_fail("change %zu read back is not "
					    "the one written", k + 1);
			}
			k++;
		}
	}
	if (rc < 0 && cause == NULL)
		fuzz_fail("a bundle refused without a reason");
	if (rc == 0 && r.records != r.h.changes)
		fuzz_fail("a bundle of %llu changes read whole, its header "
		    "says %llu", (unsigned long long)r.records,
		    (unsigned long long)r.h.changes);
	if (records && (rc != 0 || k != ex->npiece))
		fuzz_fail("a bundle the writer made is refused: %s",
		    cause != NULL ? cause : "too few changes");
	if (ex != NULL && ex->refuse && rc == 0)
		fuzz_fail("a bundle that does not end with its FINAL part is "
		    "taken whole");
	if (fuzz_verbose)
		fprintf(stderr, "fuzz-bundle: %zu changes read, %s\n", k,
		    rc == 0 ? "then the end" : cause);
	free(cause);
	bundle_read_close(&r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_expect	ex;

	if (size == 0)
		return 0;
	fuzz_init();
	if ((data[0] & FUZZ_SEALED) == 0) {
		fuzz_write(fuzz_in, data + 1, size - 1);
		fuzz_read(fuzz_in, NULL);
		return 0;
	}
	if (fuzz_seal(data, size, fuzz_sealed, &ex) == 0)
		fuzz_read(fuzz_sealed, &ex);
	free(ex.piece);
	return 0;
}
