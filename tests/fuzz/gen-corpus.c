/*
 * gen-corpus.c: make the seed corpus of the bundle fuzz target from a real
 * bundle and its team's key file (make-corpus.sh makes both with oneteam).
 *
 *	gen-corpus key-file bundle directory
 *
 * The changes of the bundle become FUZZ_RECORDS and FUZZ_PARTS inputs:
 * one change of each kind of record and field, and a few together. Some
 * are sealed with the fixed key and written whole as FUZZ_FILE inputs,
 * beside copies cut short, extended and of a newer format, and the real
 * bundle's header, so each mode starts from inputs that reach deep.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "sync-private.h"
#include "oneteam/op.h"
#include "oneteam/xmalloc.h"
#include "fuzz-bundle.h"

#define SEED_SINGLES	48	/* inputs of one change */
#define SEED_MANY	40	/* changes in the input of many */
#define SEED_HEAD_MORE	96	/* bytes kept after the header */

struct rec {
	struct op_id	 id;
	uint8_t		*enc;
	size_t		 len;
	char		 what[2 * OP_NAME_MAX + 32];
};

struct seed {
	uint8_t	*p;
	size_t	 len;
	size_t	 cap;
};

static const char	*outdir;

static void
seed_add(struct seed *s, const void *p, size_t n)
{
	if (s->len + n > s->cap) {
		s->cap = (s->len + n) * 2 + 256;
		s->p = xreallocarray(s->p, s->cap, 1);
	}
	if (n > 0)
		memcpy(s->p + s->len, p, n);
	s->len += n;
}

static void
seed_byte(struct seed *s, unsigned v)
{
	uint8_t	c = (uint8_t)v;

	seed_add(s, &c, 1);
}

/* A record as a part's plain text frames it: id, u32 length, change. */
static void
seed_framed(struct seed *s, const struct rec *r)
{
	uint8_t	be[4];

	be[0] = (uint8_t)(r->len >> 24);
	be[1] = (uint8_t)(r->len >> 16);
	be[2] = (uint8_t)(r->len >> 8);
	be[3] = (uint8_t)r->len;
	seed_add(s, r->id.b, OP_ID_LEN);
	seed_add(s, be, 4);
	seed_add(s, r->enc, r->len);
}

static void
seed_write(const char *name, const uint8_t *p, size_t len)
{
	char	*path = xprintf("%s/%s", outdir, name);
	FILE	*f;

	if ((f = fopen(path, "wb")) == NULL || fwrite(p, 1, len, f) != len ||
	    fclose(f) != 0)
		fatal("cannot write %s: %s", path, strerror(errno));
	free(path);
}

static void
seed_done(const char *name, struct seed *s)
{
	seed_write(name, s->p, s->len);
	free(s->p);
	memset(s, 0, sizeof *s);
}

static uint8_t *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	uint8_t	*p;
	long	 size;

	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		fatal("cannot read %s: %s", path, strerror(errno));
	p = xmalloc((size_t)size);
	if (fread(p, 1, (size_t)size, f) != (size_t)size)
		fatal("cannot read %s", path);
	fclose(f);
	*len = (size_t)size;
	return p;
}

/* The key of a oneteam key file (team.c writes it). */
static void
read_key(const char *path, uint8_t key[TEAM_KEY_LEN])
{
	uint8_t	*p;
	char	*text, *k;
	size_t	 len, bin = 0;

	p = slurp(path, &len);
	text = xstrndup((const char *)p, len);
	if ((k = strstr(text, "\nkey ")) == NULL ||
	    sodium_hex2bin(key, TEAM_KEY_LEN, k + 5, TEAM_KEY_LEN * 2, NULL,
	    &bin, NULL) != 0 || bin != TEAM_KEY_LEN)
		fatal("%s is not a oneteam key file", path);
	sodium_memzero(text, len);
	free(text);
	free(p);
}

/* Every change of the bundle, with what it touches. */
static size_t
read_records(const char *path, const uint8_t *key, struct rec **out)
{
	struct bundle_reader	 r;
	struct op		 op;
	struct rec		*v = NULL;
	const uint8_t		*enc;
	struct op_id		 id;
	size_t			 n = 0, len;
	char			*cause = NULL;
	int			 rc;

	if (bundle_read_open(&r, path, &cause) != 0 ||
	    bundle_read_start(&r, key, &cause) != 0)
		fatal("%s", cause);
	while ((rc = bundle_read_record(&r, &id, &enc, &len, &cause)) == 1) {
		if (op_decode(enc, len, &op, &cause) != 0)
			fatal("%s: change %zu: %s", path, n + 1, cause);
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].id = id;
		v[n].enc = xmalloc(len);
		memcpy(v[n].enc, enc, len);
		v[n].len = len;
		if (op.kind == OP_NEW)
			snprintf(v[n].what, sizeof v[n].what, "%s-new",
			    op.etype);
		else
			snprintf(v[n].what, sizeof v[n].what, "%s-%s-b%zu",
			    op.etype, op.field, op.nbase);
		op_free(&op);
		n++;
	}
	if (rc < 0)
		fatal("%s", cause);
	bundle_read_close(&r);
	*out = v;
	return n;
}

/* One change of each kind of record and each field set. */
static void
gen_singles(struct rec *v, size_t n)
{
	struct seed	 s = { NULL, 0, 0 };
	size_t		 i, j, made = 0;
	char		*name;

	for (i = 0; i < n && made < SEED_SINGLES; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(v[j].what, v[i].what) == 0)
				break;
		if (j < i)
			continue;
		seed_byte(&s, FUZZ_RECORDS);
		seed_add(&s, v[i].enc, v[i].len);
		name = xprintf("rec-%s", v[i].what);
		seed_done(name, &s);
		free(name);
		made++;
	}
}

/* Seal a sealed-mode seed and keep the file as a FUZZ_FILE seed too. */
static void
gen_file(const char *name, const struct seed *in)
{
	char	*path = xprintf("%s/.sealed", outdir);
	uint8_t	*p;
	size_t	 len;

	if (fuzz_bundle_seal(in->p, in->len, path) < 0)
		fatal("cannot seal %s", name);
	p = slurp(path, &len);
	unlink(path);
	p = xreallocarray(p, len + 1, 1);
	memmove(p + 1, p, len);
	p[0] = FUZZ_FILE;
	seed_write(name, p, len + 1);
	free(path);
	free(p);
}

/* Several changes as an export writes them, and as parts. */
static void
gen_many(struct rec *v, size_t n)
{
	struct seed	 s = { NULL, 0, 0 };
	size_t		 i, m = n < SEED_MANY ? n : SEED_MANY;
	unsigned	 twist;
	char		*name;

	seed_byte(&s, FUZZ_RECORDS);
	for (i = 0; i < m; i++) {
		if (i > 0)
			seed_add(&s, FUZZ_SEP, FUZZ_SEP_LEN);
		seed_add(&s, v[i].enc, v[i].len);
	}
	gen_file("file-many", &s);
	seed_done("rec-many", &s);

	/* Three parts: two changes, one, none; then the ends spoilt. */
	for (twist = 0; twist < 4 && n >= 3; twist++) {
		seed_byte(&s, FUZZ_PARTS | twist << 2);
		seed_byte(&s, 3);
		seed_framed(&s, &v[0]);
		seed_framed(&s, &v[1]);
		seed_add(&s, FUZZ_SEP, FUZZ_SEP_LEN);
		seed_framed(&s, &v[2]);
		seed_add(&s, FUZZ_SEP, FUZZ_SEP_LEN);
		if (twist == 0)
			gen_file("file-parts", &s);
		name = xprintf("parts-twist%u", twist);
		seed_done(name, &s);
		free(name);
	}
	/* A part that ends inside a change. */
	if (n >= 1) {
		seed_byte(&s, FUZZ_PARTS);
		seed_byte(&s, 1);
		seed_framed(&s, &v[0]);
		s.len -= 3;
		seed_done("parts-cut-change", &s);
	}
}

/* Files that are bundles only nearly: cut, extended, newer. */
static void
gen_spoilt(struct rec *v, size_t n)
{
	struct seed	 s = { NULL, 0, 0 };
	uint8_t		*p;
	char		*path = xprintf("%s/file-one", outdir);
	size_t		 len;

	if (n == 0)
		return;
	seed_byte(&s, FUZZ_RECORDS);
	seed_add(&s, v[0].enc, v[0].len);
	gen_file("file-one", &s);
	free(s.p);
	p = slurp(path, &len);
	seed_write("file-one-cut-head", p, 120);
	seed_write("file-one-cut-part", p, len - 7);
	p = xreallocarray(p, len + 1, 1);
	p[len] = '\n';
	seed_write("file-one-extended", p, len + 1);
	p[1 + 9] = 2;		/* the format number's low byte */
	seed_write("file-one-newer", p, len);
	free(p);
	free(path);
}

/* The real bundle's header and the start of its first part: sealed with
 * another key, it is refused there, but its header is a real one. */
static void
gen_real(const char *bundle)
{
	uint8_t	*p;
	size_t	 len, head;

	p = slurp(bundle, &len);
	if (len < 14)
		fatal("%s is not a bundle", bundle);
	head = (size_t)p[10] << 24 | (size_t)p[11] << 16 |
	    (size_t)p[12] << 8 | p[13];
	if (head + SEED_HEAD_MORE < len)
		len = head + SEED_HEAD_MORE;
	p = xreallocarray(p, len + 1, 1);
	memmove(p + 1, p, len);
	p[0] = FUZZ_FILE;
	seed_write("file-real-head", p, len + 1);
	free(p);
}

int
main(int argc, char **argv)
{
	uint8_t		 key[TEAM_KEY_LEN];
	struct rec	*v;
	size_t		 n, i;

	if (argc != 4) {
		fprintf(stderr, "usage: gen-corpus key-file bundle "
		    "directory\n");
		return 2;
	}
	if (sodium_init() < 0)
		fatal("cannot start libsodium");
	outdir = argv[3];
	read_key(argv[1], key);
	n = read_records(argv[2], key, &v);
	sodium_memzero(key, sizeof key);
	gen_singles(v, n);
	gen_many(v, n);
	gen_spoilt(v, n);
	gen_real(argv[2]);
	for (i = 0; i < n; i++)
		free(v[i].enc);
	free(v);
	printf("%zu changes made the seeds in %s\n", n, outdir);
	return 0;
}
