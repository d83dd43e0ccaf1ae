/*
 * Unit tests of bundles: the team key, export and import between two
 * sites, and the refusals of bad bundles, each leaving the database as it
 * was.
 *
 * Deriving a team key is slow on purpose, so most tests share one world
 * made once: site A (the fixture's database) made the team; site B joined
 * it and is given nothing but bad bundles, so it must never change from
 * start to end; site C joined it too and takes the imports that succeed.
 * The bad bundles are good ones damaged on purpose, and each good one is
 * first read whole by the bundle reader, so that a refusal is the damage's
 * doing. Bundles that no export would write (a change whose id is not its
 * content's, two changes under one number) are written with the writer
 * of src/sync.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "oneteam/audit.h"
#include "oneteam/contact.h"
#include "oneteam/date.h"
#include "oneteam/kinds.h"
#include "oneteam/op.h"
#include "oneteam/sync.h"
#include "oneteam/xmalloc.h"
#include "../../src/sync/sync-private.h"

#define PASS		"correct horse battery staple"
#define NOW		"2026-03-12T09:30:00Z"	/* the fixture's */
#define DAY		(24 * 60 * 60 * 1000LL)
#define BIG_CONTACTS	14	/* of about 15 KB: four parts or more */
#define PARTS_MAX	64

/* --- what a refused import must leave as it was --------------------------- */

/* Every row of the log and of the state kept beside it, one text a row. */
static const char *const snap_rows[] = {
	"SELECT quote(site) || quote(site_name) || quote(next_seq) || "
	    "quote(hlc) || quote(digest) || quote(inode) FROM local",
	"SELECT quote(id) || quote(origin) || quote(seq) || quote(hlc) || "
	    "quote(enc) FROM op ORDER BY origin, seq",
	"SELECT quote(base) || quote(op) FROM op_base ORDER BY base, op",
	"SELECT quote(entity) || quote(field) || quote(op) || quote(value) "
	    "FROM reg ORDER BY entity, field, op",
	"SELECT quote(team) || quote(key_id) || quote(salt) || "
	    "quote(joined) FROM team",
	"SELECT quote(id) || quote(name) FROM site ORDER BY id",
	"SELECT quote(site) || quote(heard) || quote(sent) || quote(digest) "
	    "|| quote(in_step) FROM peer ORDER BY site",
	"SELECT quote(peer) || quote(origin) || quote(seq) FROM peer_has "
	    "ORDER BY peer, origin",
	"SELECT quote(id) || quote(sender) || quote(imported) || "
	    "quote(changes) || quote(added) FROM bundle_in ORDER BY id",
	"SELECT quote(op) || quote(hlc) || quote(enc) || quote(received) "
	    "|| quote(link) FROM quarantine ORDER BY op",
	"SELECT quote(origin) || quote(seq) || quote(link) FROM op WHERE "
	    "link IS NOT NULL ORDER BY origin, seq",
	"SELECT quote(origin) || quote(key) FROM site_key ORDER BY origin",
	"SELECT quote(site) || quote(ahead) || quote(at) FROM clock ORDER BY "
	    "site",
	"SELECT quote(origin) || quote(seq) || quote(link) || quote(sig) "
	    "FROM head ORDER BY origin",
};

/* Counted apart as well, so a failure says which table grew. */
static const char *const snap_counts[] = {
	"SELECT count(*) FROM op",
	"SELECT count(*) FROM site",
	"SELECT count(*) FROM peer",
	"SELECT count(*) FROM peer_has",
	"SELECT count(*) FROM bundle_in",
	"SELECT count(*) FROM quarantine",
	"SELECT count(*) FROM team",
	"SELECT count(*) FROM site_key",
	"SELECT count(*) FROM head",
};
#define NCOUNTS	(sizeof snap_counts / sizeof snap_counts[0])

struct snap {
	uint8_t		 state[32];	/* store_state_hash(): the fold */
	uint8_t		 ops[32];	/* ids of the log: fixture_hash() */
	uint8_t		 rows[32];	/* snap_rows */
	int64_t		 count[NCOUNTS];
	struct id	 site;
};

static void
snap_take(struct oneteam *ot, struct snap *s)
{
	crypto_generichash_state	 h;
	struct query			*q;
	const char			*row;
	char				*cause = NULL;
	size_t				 i;
	int				 rc;

	memset(s, 0, sizeof *s);
	if (store_state_hash(ot->st, s->state, &cause) != 0)
		fail_msg("state hash: %s", cause);
	/* What fixture_hash() takes of a fixture, for any site. */
	crypto_generichash_init(&h, NULL, 0, sizeof s->ops);
	q = query_prepare(ot->st, "SELECT hex(id) FROM op ORDER BY id");
	while ((rc = query_step(q)) == 1) {
		row = query_text(q, 0);
		crypto_generichash_update(&h, (const uint8_t *)row,
		    strlen(row));
	}
	query_done(q);
	assert_int_equal(rc, 0);
	crypto_generichash_final(&h, s->ops, sizeof s->ops);
	crypto_generichash_init(&h, NULL, 0, sizeof s->rows);
	for (i = 0; i < sizeof snap_rows / sizeof snap_rows[0]; i++) {
		q = query_prepare(ot->st, snap_rows[i]);
		while ((rc = query_step(q)) == 1) {
			row = query_text(q, 0);
			crypto_generichash_update(&h, (const uint8_t *)row,
			    strlen(row) + 1);
		}
		query_done(q);
		assert_int_equal(rc, 0);
	}
	crypto_generichash_final(&h, s->rows, sizeof s->rows);
	for (i = 0; i < NCOUNTS; i++) {
		q = query_prepare(ot->st, snap_counts[i]);
		if ((s->count[i] = query_count(q)) < 0)
			fail_msg("%s failed", snap_counts[i]);
	}
	s->site = *store_site(ot->st);
}

static void
snap_same(const struct snap *a, const struct snap *b, const char *what)
{
	size_t	i;

	for (i = 0; i < NCOUNTS; i++)
		if (a->count[i] != b->count[i])
			fail_msg("%s: %s went from %lld to %lld", what,
			    snap_counts[i], (long long)a->count[i],
			    (long long)b->count[i]);
	if (memcmp(a->state, b->state, 32) != 0)
		fail_msg("%s: the state hash changed", what);
	if (memcmp(a->ops, b->ops, 32) != 0)
		fail_msg("%s: the log changed", what);
	if (memcmp(a->rows, b->rows, 32) != 0)
		fail_msg("%s: a row of the log, local, team or peer tables "
		    "changed", what);
	if (id_cmp(&a->site, &b->site) != 0)
		fail_msg("%s: the site id changed", what);
}

/* --- the world ------------------------------------------------------------ */

struct world {
	struct fixture		*fx;	  /* site A: made the team */
	struct oneteam		 b;	  /* given bad bundles only */
	struct oneteam		 c;	  /* takes imports that succeed */
	struct snap		 b0;	  /* B as it must stay */
	struct team_info	 ti;
	uint8_t			 key[TEAM_KEY_LEN];
	char			*small;	  /* a full bundle of A: 1 part */
	char			*big[2];  /* A's changes twice: 4+ parts */
	char			*scratch; /* where a bad bundle goes */
	int			 made;	  /* bundles written by hand */
};

static char *
wpath(struct world *w, const char *name)
{
	return xprintf("%s/%s", w->fx->dir, name);
}

static int
site_open(struct world *w, const char *name, struct oneteam *ot)
{
	char	*cause = NULL;
	int	 rc;

	if ((rc = fixture_site_open(w->fx, name, ot, &cause)) != 0) {
		fprintf(stderr, "open %s: %s\n", name, cause);
		free(cause);
	}
	return rc;
}

static int
export(struct oneteam *ot, const char *path)
{
	struct sync_result	 res;
	char			*cause = NULL;

	if (bundle_export(ot, NULL, path, NULL, &res, &cause) != 0) {
		fprintf(stderr, "export %s: %s\n", path, cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* A contact at family, recorded at ot. */
static int
add_contact_to(struct oneteam *ot, const struct id *family)
{
	struct contact_new	 cn;
	char			*cause = NULL;
	int			 rc;

	memset(&cn, 0, sizeof cn);
	cn.kind = "Home";
	cn.at = "yesterday 14:00";
	cn.summary = "Visited; all well.";
	if ((rc = contact_add(ot, family, &cn, NULL, &cause)) != 0) {
		fprintf(stderr, "contact: %s\n", cause);
		free(cause);
	}
	return rc;
}

/* A's next contact, its summary long enough to fill a part in a few. */
static int
add_contact(struct world *w, size_t len, char **cause)
{
	struct contact_new	 cn;
	char			*summary;
	size_t			 i;
	int			 rc;

	summary = xmalloc(len + 1);
	for (i = 0; i < len; i++)
		summary[i] = "Visited at home; all well. "[i % 27];
	summary[len] = '\0';
	memset(&cn, 0, sizeof cn);
	cn.kind = "Home";
	cn.at = "yesterday 14:00";
	cn.summary = summary;
	rc = contact_add(&w->fx->ot, &w->fx->family, &cn, NULL, cause);
	free(summary);
	return rc;
}

/*
 * A makes the team and a small full bundle, B and C join with it; then A
 * writes long contacts and exports them twice, for bundles of many parts.
 */
static int
world_setup(void **state)
{
	struct world	*w = xcalloc(1, sizeof *w);
	void		*fx;
	char		*cause = NULL;
	int		 i;

	if (fixture_setup(&fx) != 0)
		return -1;
	w->fx = fx;
	w->small = wpath(w, "small.otb");
	w->big[0] = wpath(w, "big0.otb");
	w->big[1] = wpath(w, "big1.otb");
	w->scratch = wpath(w, "bad.otb");
	if (team_create(&w->fx->ot, PASS, strlen(PASS), TEAM_KDF_INTERACTIVE,
	    &cause) != 0 || team_get(&w->fx->ot, &w->ti, &cause) != 1 ||
	    team_key_load(&w->fx->ot, &w->ti, w->key, &cause) != 0)
		goto fail;
	if (export(&w->fx->ot, w->small) != 0 ||
	    site_open(w, "b", &w->b) != 0 || site_open(w, "c", &w->c) != 0)
		return -1;
	if (team_join(&w->b, w->small, PASS, strlen(PASS), &cause) != 0 ||
	    team_join(&w->c, w->small, PASS, strlen(PASS), &cause) != 0)
		goto fail;
	for (i = 0; i < BIG_CONTACTS; i++)
		if (add_contact(w, 15000, &cause) != 0)
			goto fail;
	if (export(&w->fx->ot, w->big[0]) != 0 ||
	    export(&w->fx->ot, w->big[1]) != 0)
		return -1;
	snap_take(&w->b, &w->b0);
	*state = w;
	return 0;
fail:
	fprintf(stderr, "world: %s\n", cause != NULL ? cause : "failed");
	free(cause);
	return -1;
}

/*
 * Remove what the tests wrote, so the fixture can remove its directory;
 * but not the fixture's database, still open (the fixture removes it).
 */
static void
dir_clean(const char *dir)
{
	static const char *const keep[] = {
		".", "..", "t.db", "t.db-wal", "t.db-shm",
	};
	struct dirent	*de;
	DIR		*d;
	char		*path;
	size_t		 i;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		for (i = 0; i < sizeof keep / sizeof keep[0]; i++)
			if (strcmp(de->d_name, keep[i]) == 0)
				break;
		if (i < sizeof keep / sizeof keep[0])
			continue;
		path = xprintf("%s/%s", dir, de->d_name);
		if (unlink(path) != 0 && errno == EISDIR)
			rmdir(path);
		free(path);
	}
	closedir(d);
}

static int
world_teardown(void **state)
{
	struct world	*w = *state;
	void		*fx = w->fx;
	int		 i;

	oneteam_close(&w->b);
	oneteam_close(&w->c);
	sodium_memzero(w->key, sizeof w->key);
	dir_clean(w->fx->dir);
	free(w->small);
	for (i = 0; i < 2; i++)
		free(w->big[i]);
	free(w->scratch);
	free(w);
	return fixture_teardown(&fx);
}

/* A test that moves the clock or injects a fault puts them back even when
 * it fails, so the next test starts from the fixture's. */
static int
world_tidy(void **state)
{
	(void)state;
	unsetenv("ONETEAM_FAULT");
	setenv("ONETEAM_NOW", NOW, 1);
	return 0;
}

/* --- files ---------------------------------------------------------------- */

static uint8_t *
file_get(const char *path, size_t *len)
{
	struct stat	 sb;
	uint8_t		*p;
	FILE		*f;

	if ((f = fopen(path, "rb")) == NULL || fstat(fileno(f), &sb) != 0)
		fail_msg("%s: %s", path, strerror(errno));
	*len = (size_t)sb.st_size;
	p = xmalloc(*len + 1);
	if (fread(p, 1, *len, f) != *len)
		fail_msg("%s: short read", path);
	fclose(f);
	return p;
}

static void
file_put(const char *path, const void *p, size_t len)
{
	FILE	*f;

	if ((f = fopen(path, "wb")) == NULL || fwrite(p, 1, len, f) != len ||
	    fclose(f) != 0)
		fail_msg("%s: %s", path, strerror(errno));
}

/* Flip bits of one byte of a file where it lies: a second call undoes it. */
static void
file_flip(const char *path, size_t off, uint8_t mask)
{
	uint8_t	c;
	int	fd;

	if ((fd = open(path, O_RDWR)) < 0 ||
	    pread(fd, &c, 1, (off_t)off) != 1)
		fail_msg("%s: %s", path, strerror(errno));
	c ^= mask;
	if (pwrite(fd, &c, 1, (off_t)off) != 1 || close(fd) != 0)
		fail_msg("%s: %s", path, strerror(errno));
}

static uint64_t
be_read(const uint8_t *p, int n)
{
	uint64_t	v = 0;
	int		i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* The header's length, as its bytes 10 to 13 say. */
static size_t
head_len(const uint8_t *p)
{
	return (size_t)be_read(p + 10, 4);
}

/* Where each part starts (its u32 length) and ends, after the header. */
static size_t
parts_of(const uint8_t *p, size_t len, size_t *start, size_t *end)
{
	size_t	n = 0, off = head_len(p);

	while (off < len) {
		assert_true(n < PARTS_MAX && off + 4 <= len);
		start[n] = off;
		off += 4 + (size_t)be_read(p + off, 4);
		end[n++] = off;
	}
	assert_int_equal(off, len);
	return n;
}

/* --- importing ------------------------------------------------------------ */

/* The control: the reader takes the bundle at path whole, with the key. */
static void
bundle_ok(struct world *w, const char *path)
{
	struct bundle_reader	 r;
	struct op_id		 id;
	const uint8_t		*enc;
	size_t			 len;
	char			*cause = NULL;
	int			 rc;

	if (bundle_read_open(&r, path, &cause) != 0 ||
	    bundle_read_start(&r, w->key, &cause) != 0)
		fail_msg("control %s: %s", path, cause);
	while ((rc = bundle_read_record(&r, &id, &enc, &len, &cause)) == 1)
		continue;
	if (rc != 0)
		fail_msg("control %s: %s", path, cause);
	assert_int_equal(r.records, r.h.changes);
	bundle_read_close(&r);
}

/*
 * Import path into ot, which must refuse it with a message of one line
 * naming the file and saying one of want ("a|b"), and leave ot as before.
 */
static void
refused(struct oneteam *ot, const struct snap *before, const char *path,
    const char *want, const char *what)
{
	struct sync_result	 res;
	struct snap		 after;
	char			*cause = NULL, *alt, *one, *last;
	int			 rc, found = 0;

	store_set_fault(ot->st, STORE_OK);
	rc = bundle_import(ot, path, NULL, &res, &cause);
	if (rc == 0)
		fail_msg("%s: imported, %llu changes added", what,
		    (unsigned long long)res.added);
	assert_int_equal(rc, -1);
	assert_non_null(cause);
	alt = xstrdup(want);
	for (one = strtok_r(alt, "|", &last); one != NULL;
	    one = strtok_r(NULL, "|", &last))
		if (strstr(cause, one) != NULL)
			found = 1;
	free(alt);
	if (!found)
		fail_msg("%s: \"%s\" does not say \"%s\"", what, cause, want);
	if (strstr(cause, path) == NULL)
		fail_msg("%s: \"%s\" does not name the file", what, cause);
	if (strchr(cause, '\n') != NULL)
		fail_msg("%s: \"%s\" is more than a line", what, cause);
	/* The command line exits with the code of bad input. */
	assert_int_equal(store_fault(ot->st), STORE_EINPUT);
	free(cause);
	snap_take(ot, &after);
	snap_same(before, &after, what);
}

/* B refuses it, and is as it was at the start. */
static void
refused_b(struct world *w, const char *path, const char *want,
    const char *what)
{
	refused(&w->b, &w->b0, path, want, what);
}

/* --- bundles written by hand ---------------------------------------------- */

struct rec {
	struct op_id	 id;
	uint8_t		*enc;
	size_t		 len;
};

/*
 * The sites that made the changes written by hand: each its signing key,
 * and its chain so far (op.h), so that its next change follows its last.
 */
struct fake_site {
	struct id	origin;
	uint8_t		pk[crypto_sign_PUBLICKEYBYTES];
	uint8_t		sk[crypto_sign_SECRETKEYBYTES];
	uint64_t	seq;
	struct op_id	link;
};
static struct fake_site	fakes[32];
static size_t		nfakes;
/* The generation of kinds the changes written by hand say made them
 * (op.h); 0 this build's. */
static unsigned		fake_made;

static struct fake_site *
fake_of(const struct id *origin)
{
	size_t	i;

	for (i = 0; i < nfakes; i++)
		if (id_cmp(&fakes[i].origin, origin) == 0)
			return &fakes[i];
	if (nfakes == sizeof fakes / sizeof fakes[0])
		fail_msg("too many sites made by hand");
	memset(&fakes[nfakes], 0, sizeof fakes[nfakes]);
	fakes[nfakes].origin = *origin;
	crypto_sign_keypair(fakes[nfakes].pk, fakes[nfakes].sk);
	return &fakes[nfakes++];
}

/* Encode op as its site made it: after its last change when it is the
 * next, else as the first of a chain of its own (a clone's). */
static void
fake_encode(struct op *op)
{
	struct fake_site	*f = fake_of(&op->origin);
	char			*cause = NULL;

	memset(&op->prev, 0, sizeof op->prev);
	if (op->seq == f->seq + 1)
		op->prev = f->link;
	op->made = fake_made;
	if (op_encode(op, &cause) != 0)
		fail_msg("encode: %s", cause);
	if (op->seq == f->seq + 1) {
		f->seq = op->seq;
		f->link = op->id;
	}
}

/* A change as another site made it: a new record of kind etype with a
 * name, at ms. */
static void
rec_make_kind(struct rec *r, const struct id *origin, uint64_t seq,
    int64_t ms, const char *etype, const char *name)
{
	struct op	 op;
	struct field	 f;

	memset(&op, 0, sizeof op);
	op.kind = OP_NEW;
	op.origin = *origin;
	op.seq = seq;
	op.hlc = (uint64_t)ms << 16;
	snprintf(op.etype, sizeof op.etype, "%s", etype);
	id_random(&op.entity);
	f.name = "name";
	f.v = val_text(name);
	op.fields = &f;
	op.nfields = 1;
	fake_encode(&op);
	r->id = op.id;
	r->enc = op.enc;
	r->len = op.enclen;
	op.enc = NULL;
	op.fields = NULL;
	op_free(&op);
}

/* A change as another site made it: a new locality, at ms. */
static void
rec_make(struct rec *r, const struct id *origin, uint64_t seq, int64_t ms,
    const char *name)
{
	rec_make_kind(r, origin, seq, ms, "locality", name);
}

/* A record of these bytes as they are, with the id op.h gives them if
 * they are a change, else their hash. */
static void
rec_raw(struct rec *r, const uint8_t *p, size_t len)
{
	struct op	 op;
	char		*cause = NULL;

	r->enc = xmalloc(len + 1);
	memcpy(r->enc, p, len);
	r->len = len;
	if (op_decode(p, len, &op, &cause) == 0) {
		r->id = op.id;
		op_free(&op);
	} else {
		crypto_generichash(r->id.b, OP_ID_LEN, p, len, NULL, 0);
		free(cause);
	}
}

static void
rec_free(struct rec *r)
{
	free(r->enc);
	memset(r, 0, sizeof *r);
}

/* The site that sends the bundles written by hand. */
static struct id	crafter;

/*
 * The signed heads of the records' sites, as export_head() fills them:
 * each site's head at its last change in r (its link that change's id),
 * signed with its key. Records that are not changes have none.
 */
static void
craft_heads(struct world *w, const struct rec *r, size_t n,
    struct bundle_head *h)
{
	struct fake_site	*f;
	struct bundle_has	*e;
	struct op		 op;
	char			*cause = NULL;
	size_t			 i, j;

	/* The sender: a site of its own that signs its header, with a head
	 * of no changes. */
	h->has = xcalloc(n + 2, sizeof *h->has);
	h->has[0].origin = crafter;
	h->has[0].name = xstrdup("crafted");
	h->nhas = 1;
	h->sender = crafter;
	h->signer = fake_of(&crafter)->sk;
	for (i = 0; i < n; i++) {
		if (op_decode(r[i].enc, r[i].len, &op, &cause) != 0) {
			free(cause);
			cause = NULL;
			continue;
		}
		for (j = 0; j < h->nhas; j++)
			if (id_cmp(&h->has[j].origin, &op.origin) == 0)
				break;
		e = &h->has[j];
		if (j == h->nhas) {
			h->nhas++;
			e->origin = op.origin;
			e->name = xstrdup("");
		}
		if (op.seq >= e->seq) {
			e->seq = op.seq;
			memcpy(e->link, op.id.b, sizeof e->link);
		}
		op_free(&op);
	}
	for (i = 0; i < h->nhas; i++) {
		f = fake_of(&h->has[i].origin);
		bundle_head_sign(&w->ti.team, &h->has[i], f->sk);
	}
}

/* What a test does to a crafted bundle's header before it is written. */
static void	(*craft_hook)(struct world *, struct bundle_head *);

/*
 * Write a bundle of the team holding the records as they are, with a
 * header that says it holds changes of them (as export_head() fills it).
 */
static char *
craft(struct world *w, const struct rec *r, size_t n, uint64_t changes)
{
	struct bundle_head	 h;
	struct bundle_writer	 bw;
	char			*path, *cause = NULL;
	size_t			 i;
	FILE			*f;

	path = xprintf("%s/craft%d.otb", w->fx->dir, ++w->made);
	memset(&h, 0, sizeof h);
	h.version = BUNDLE_VERSION;
	h.team = w->ti.team;
	memcpy(h.key_id, w->ti.key_id, sizeof h.key_id);
	memcpy(h.salt, w->ti.salt, sizeof h.salt);
	h.opslimit = w->ti.opslimit;
	h.memlimit = w->ti.memlimit;
	id_random(&h.bundle);
	if (id_is_zero(&crafter))
		id_random(&crafter);
	h.sender_name = xstrdup("crafted");
	h.created = w->fx->ot.now;
	h.changes = changes;
	craft_heads(w, r, n, &h);
	if (craft_hook != NULL)
		craft_hook(w, &h);
	if ((f = fopen(path, "wb")) == NULL)
		fail_msg("%s: %s", path, strerror(errno));
	if (bundle_write_start(&bw, f, &h, w->key, &cause) != 0)
		fail_msg("write: %s", cause);
	for (i = 0; i < n; i++)
		if (bundle_write_record(&bw, &r[i].id, r[i].enc, r[i].len,
		    &cause) != 0)
			fail_msg("write: %s", cause);
	if (bundle_write_end(&bw, &cause) != 0)
		fail_msg("write: %s", cause);
	bundle_write_free(&bw);
	bundle_head_free(&h);
	if (fclose(f) != 0)
		fail_msg("%s: %s", path, strerror(errno));
	return path;
}

static void
imported(struct oneteam *ot, const char *path, struct sync_result *res)
{
	char	*cause = NULL;

	if (bundle_import(ot, path, NULL, res, &cause) != 0)
		fail_msg("import %s: %s", path, cause);
}

static int
has_op(struct oneteam *ot, const struct op_id *id)
{
	struct query	*q;

	q = query_prepare(ot->st, "SELECT count(*) FROM op WHERE id = ?1");
	query_bind_blob(q, 1, id->b, OP_ID_LEN);
	return (int)query_count(q);
}

/* --- tests ---------------------------------------------------------------- */

/* A full bundle takes a new site from nothing to the same state. */
static void
test_full_round_trip(void **state)
{
	struct fixture		*fx = *state;
	struct oneteam		 b;
	struct sync_result	 res;
	uint8_t			 ha[32], hb[32];
	char			*cause = NULL, *file, *path, *back;

	file = xprintf("%s/full.otb", fx->dir);
	back = xprintf("%s/back.otb", fx->dir);
	path = xprintf("%s/b.db", fx->dir);
	assert_int_equal(team_create(&fx->ot, PASS, strlen(PASS),
	    TEAM_KDF_INTERACTIVE, &cause), 0);
	assert_int_equal(bundle_export(&fx->ot, NULL, file, NULL, &res,
	    &cause), 0);
	if (fixture_site_open(fx, "b", &b, &cause) != 0)
		fail_msg("open %s: %s", path, cause);
	assert_int_equal(team_join(&b, file, PASS, strlen(PASS), &cause), 0);
	if (bundle_import(&b, file, NULL, &res, &cause) != 0)
		fail_msg("import: %s", cause);
	assert_true(res.added > 0);
	assert_int_equal(res.held, 0);
	/* Again: nothing new, and it says it was imported before. */
	assert_int_equal(bundle_import(&b, file, NULL, &res, &cause), 0);
	assert_int_equal(res.added, 0);
	assert_true(res.before != 0);
	/* B's trail (the import, a bundle made) goes back: one state. */
	assert_int_equal(bundle_export(&b, NULL, back, NULL, &res, &cause),
	    0);
	assert_int_equal(bundle_import(&fx->ot, back, NULL, &res, &cause),
	    0);
	assert_int_equal(res.added, 2);
	assert_int_equal(res.trail, 2);
	/* Held until B is admitted, then taken: one state. */
	assert_int_equal(res.unadmitted, 2);
	assert_int_equal(store_state_hash(fx->ot.st, ha, &cause), 0);
	assert_int_equal(store_state_hash(b.st, hb, &cause), 0);
	assert_memory_not_equal(ha, hb, 32);
	assert_ok(fixture_admit(fx, &b, NULL, &cause), cause);
	assert_int_equal(bundle_export(&fx->ot, NULL, back, NULL, &res,
	    &cause), 0);
	assert_int_equal(bundle_import(&b, back, NULL, &res, &cause), 0);
	assert_int_equal(bundle_export(&b, NULL, back, NULL, &res, &cause),
	    0);
	assert_int_equal(bundle_import(&fx->ot, back, NULL, &res, &cause),
	    0);
	assert_int_equal(res.unadmitted, 0);
	assert_int_equal(store_state_hash(fx->ot.st, ha, &cause), 0);
	assert_int_equal(store_state_hash(b.st, hb, &cause), 0);
	assert_memory_equal(ha, hb, 32);
	oneteam_close(&b);
	dir_clean(fx->dir);
	free(path);
	free(file);
	free(back);
}

/* The entries of the trail naming bundle bundle, what and who. */
static int
trail_count(struct oneteam *ot, const char *what, const struct id *who,
    const struct id *bundle)
{
	struct query	*q;
	char		 b32[27], *like;
	int		 n;

	id_base32(bundle, b32);
	b32[8] = '\0';
	like = xprintf("%%(bundle %s)%%", b32);
	q = query_prepare(ot->st, "SELECT count(*) FROM audit WHERE what = ?1 "
	    "AND who = ?2 AND detail LIKE ?3");
	query_bind_text(q, 1, what);
	query_bind_id(q, 2, who);
	query_bind_text(q, 3, like);
	n = (int)query_count(q);
	free(like);
	return n;
}

/*
 * The core puts a bundle written or read on the trail, in the bundle's
 * own transaction, whichever front end asked (the Sync screen did not):
 * the bundle written carries its own entry; a bundle read is entered at
 * the site that read it, by whoever is at work there.
 */
static void
test_on_the_trail(void **state)
{
	struct fixture		*fx = *state;
	struct oneteam		 b;
	struct sync_result	 res, in;
	char			*cause = NULL, *file, *path;

	file = xprintf("%s/trail.otb", fx->dir);
	path = xprintf("%s/b.db", fx->dir);
	assert_int_equal(team_create(&fx->ot, PASS, strlen(PASS),
	    TEAM_KDF_INTERACTIVE, &cause), 0);
	assert_int_equal(bundle_export(&fx->ot, NULL, file, NULL, &res,
	    &cause), 0);
	assert_int_equal(trail_count(&fx->ot, AUDIT_BUNDLE_EXPORT,
	    &fx->amira, &res.bundle), 1);
	if (fixture_site_open(fx, "b", &b, &cause) != 0)
		fail_msg("open %s: %s", path, cause);
	b.me = fx->tom;
	assert_int_equal(team_join(&b, file, PASS, strlen(PASS), &cause), 0);
	if (bundle_import(&b, file, NULL, &in, &cause) != 0)
		fail_msg("import: %s", cause);
	/* All it held came, its own entry among them. */
	assert_int_equal(in.added, res.changes);
	assert_int_equal(trail_count(&b, AUDIT_BUNDLE_EXPORT, &fx->amira,
	    &res.bundle), 1);
	assert_int_equal(trail_count(&b, AUDIT_BUNDLE_IMPORT, &fx->tom,
	    &res.bundle), 1);
	/* Read again, it brings nothing: no second entry. */
	assert_int_equal(bundle_import(&b, file, NULL, &in, &cause), 0);
	assert_int_equal(trail_count(&b, AUDIT_BUNDLE_IMPORT, &fx->tom,
	    &res.bundle), 1);
	oneteam_close(&b);
	dir_clean(fx->dir);
	free(path);
	free(file);
}

/*
 * A bundle on a disk is always backed by its site's database: the entry
 * is committed before the file is written, so an export that fails (or
 * is killed) while writing leaves the entry and no file, and the site's
 * next bundles are taken elsewhere as before. (A bundle written before
 * its commit, then the commit lost, held a change numbered again after.)
 */
static void
test_export_fault(void **state)
{
	struct fixture		*fx = *state;
	struct oneteam		 b;
	struct sync_result	 res;
	char			*cause = NULL, *file, *path, *part;

	file = xprintf("%s/fault.otb", fx->dir);
	path = xprintf("%s/b.db", fx->dir);
	part = xprintf("%s.part.%ld", file, (long)getpid());
	assert_int_equal(team_create(&fx->ot, PASS, strlen(PASS),
	    TEAM_KDF_INTERACTIVE, &cause), 0);
	setenv("ONETEAM_FAULT", "export-file", 1);
	assert_int_equal(bundle_export(&fx->ot, NULL, file, NULL, &res,
	    &cause), -1);
	unsetenv("ONETEAM_FAULT");
	if (strstr(cause, "the audit trail says the bundle was made") == NULL)
		fail_msg("\"%s\" does not say the entry stands", cause);
	free(cause);
	cause = NULL;
	assert_int_equal(access(file, F_OK), -1);
	assert_int_equal(access(part, F_OK), -1);
	/* Made again, taken at a new site, and after it the next. */
	assert_int_equal(bundle_export(&fx->ot, NULL, file, NULL, &res,
	    &cause), 0);
	if (fixture_site_open(fx, "b", &b, &cause) != 0)
		fail_msg("open %s: %s", path, cause);
	assert_int_equal(team_join(&b, file, PASS, strlen(PASS), &cause), 0);
	if (bundle_import(&b, file, NULL, &res, &cause) != 0)
		fail_msg("import: %s", cause);
	assert_int_equal(add_contact_to(&fx->ot, &fx->family), 0);
	assert_int_equal(bundle_export(&fx->ot, NULL, file, NULL, &res,
	    &cause), 0);
	if (bundle_import(&b, file, NULL, &res, &cause) != 0)
		fail_msg("import after: %s", cause);
	assert_true(res.added >= 2);
	oneteam_close(&b);
	dir_clean(fx->dir);
	free(part);
	free(path);
	free(file);
}

/* Files that are no bundle at all, the database itself among them. */
static void
test_not_a_bundle(void **state)
{
	struct world	*w = *state;
	uint8_t		 noise[3000];
	static const char letter[] = "Dear team,\nthe notes of Tuesday's "
	    "meeting are below.\n";

	bundle_ok(w, w->small);
	file_put(w->scratch, letter, sizeof letter - 1);
	refused_b(w, w->scratch, "is not a oneteam bundle", "a letter");
	randombytes_buf(noise, sizeof noise);
	file_put(w->scratch, noise, sizeof noise);
	refused_b(w, w->scratch, "is not a oneteam bundle", "noise");
	file_put(w->scratch, "OTBUN", 5);
	refused_b(w, w->scratch, "is not a oneteam bundle", "5 bytes");
	refused_b(w, w->fx->db, "is not a oneteam bundle", "a database");
}

static void
test_empty(void **state)
{
	struct world	*w = *state;

	file_put(w->scratch, "", 0);
	refused_b(w, w->scratch, "is empty", "an empty file");
}

static void
test_directory(void **state)
{
	struct world	*w = *state;
	char		*dir = wpath(w, "bundles");

	assert_int_equal(mkdir(dir, 0700), 0);
	refused_b(w, dir, "is a directory", "a directory");
	refused_b(w, "/dev/null", "is not a file", "a device");
	assert_int_equal(rmdir(dir), 0);
	free(dir);
}

/* A file that is not there, or a link to one that is not. */
static void
test_missing(void **state)
{
	struct world	*w = *state;
	char		*dangling = wpath(w, "link.otb");
	char		*gone = wpath(w, "gone.otb");

	refused_b(w, gone, "cannot be read: ", "a missing file");
	assert_int_equal(symlink(gone, dangling), 0);
	refused_b(w, dangling, "cannot be read: ", "a dangling link");
	assert_int_equal(unlink(dangling), 0);
	free(dangling);
	free(gone);
}

/* A file its owner may not read: found, but not opened. Skipped when
 * run as root, who reads it anyway. */
static void
test_unreadable(void **state)
{
	struct world	*w = *state;
	uint8_t		*p;
	size_t		 len;
	char		*under;

	/* A path through a file cannot be read, whoever asks. */
	under = xprintf("%s/inside.otb", w->small);
	refused_b(w, under, "cannot be read: ", "a path through a file");
	free(under);
	/* Permissions stop everyone but root: as root there is no more. */
	if (geteuid() == 0)
		return;
	p = file_get(w->small, &len);
	file_put(w->scratch, p, len);
	assert_int_equal(chmod(w->scratch, 0), 0);
	refused_b(w, w->scratch, "cannot be read: ", "a file chmod 000");
	assert_int_equal(chmod(w->scratch, 0600), 0);
	free(p);
}

/* The format number: a newer one asks for a newer oneteam. */
static void
test_newer_format(void **state)
{
	struct world		*w = *state;
	struct bundle_head	 h;
	uint8_t			*p;
	size_t			 len;
	char			*cause = NULL, *want;

	p = file_get(w->small, &len);
	assert_int_equal(be_read(p + 8, 2), BUNDLE_VERSION);
	p[8] = 0;
	p[9] = BUNDLE_VERSION + 1;
	file_put(w->scratch, p, len);
	want = xprintf("was made by a newer oneteam (bundle format %d; this "
	    "oneteam reads format %d): upgrade oneteam", BUNDLE_VERSION + 1,
	    BUNDLE_VERSION);
	refused_b(w, w->scratch, want, "a newer format");
	free(want);
	/* Its header is refused as well, by those who only look. */
	assert_int_equal(bundle_info(w->scratch, &h, &cause), -1);
	assert_non_null(strstr(cause, "newer oneteam"));
	free(cause);
	p[9] = 0;
	file_put(w->scratch, p, len);
	refused_b(w, w->scratch, "its format number is 0", "format 0");
	free(p);
}

/* A bundle of another team, made with the same passphrase: another salt,
 * another key. */
static void
test_other_team(void **state)
{
	struct world	*w = *state;
	struct oneteam	 o;
	struct field	 f;
	uint8_t		*p;
	size_t		 len;
	char		*path = wpath(w, "other.otb"), *cause = NULL;

	assert_int_equal(site_open(w, "other", &o), 0);
	assert_int_equal(team_create(&o, PASS, strlen(PASS),
	    TEAM_KDF_INTERACTIVE, &cause), 0);
	f.name = "name";
	f.v = val_text("Northside");
	assert_int_equal(store_begin(o.st, &cause), 0);
	assert_int_equal(store_new(o.st, "locality", &f, 1, NULL, &cause), 0);
	assert_int_equal(store_commit(o.st, &cause), 0);
	assert_int_equal(export(&o, path), 0);
	oneteam_close(&o);
	refused_b(w, path, "belongs to another team", "another team");
	/* Its team id made this team's: the key id still tells. */
	p = file_get(path, &len);
	memcpy(p + 14, w->ti.team.b, ID_LEN);
	file_put(w->scratch, p, len);
	refused_b(w, w->scratch, "is sealed with another key than this "
	    "site's", "another team's key");
	free(p);
	free(path);
}

/* Joining with a wrong passphrase: refused as such, and no key file, no
 * team; nor does a site in no team import. */
static void
test_wrong_passphrase(void **state)
{
	static const char	 wrong[] = "incorrect horse battery staple";
	struct world		*w = *state;
	struct team_info	 ti;
	struct sync_result	 res;
	struct oneteam		 o;
	struct snap		 before, after;
	struct dirent		*de;
	DIR			*d;
	char			*cause = NULL, *key;

	assert_int_equal(site_open(w, "w", &o), 0);
	snap_take(&o, &before);
	key = team_key_path(&o);
	assert_int_equal(team_join(&o, w->small, wrong, strlen(wrong),
	    &cause), -1);
	if (strstr(cause, "not the passphrase of the team") == NULL)
		fail_msg("\"%s\"", cause);
	assert_non_null(strstr(cause, w->small));
	assert_int_equal(store_fault(o.st), STORE_EINPUT);
	free(cause);
	cause = NULL;
	assert_int_equal(access(key, F_OK), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(team_get(&o, &ti, &cause), 0);
	/* Nor a key file half made beside it. */
	assert_non_null(d = opendir(w->fx->dir));
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "w.db.key", 8) == 0)
			fail_msg("%s left behind", de->d_name);
	closedir(d);
	snap_take(&o, &after);
	snap_same(&before, &after, "a wrong passphrase");
	/* What is no bundle is refused before any key is derived. */
	file_put(w->scratch, "not a bundle\n", 13);
	assert_int_equal(team_join(&o, w->scratch, PASS, strlen(PASS),
	    &cause), -1);
	assert_non_null(strstr(cause, "is not a oneteam bundle"));
	free(cause);
	cause = NULL;
	assert_int_equal(access(key, F_OK), -1);
	assert_int_equal(bundle_import(&o, w->small, NULL, &res, &cause), -1);
	if (strstr(cause, "this site is in no team yet") == NULL)
		fail_msg("\"%s\"", cause);
	free(cause);
	snap_take(&o, &after);
	snap_same(&before, &after, "no team");
	oneteam_close(&o);
	free(key);
}

/* What a changed header byte must be refused as, by where it lies. */
static const char *
head_want(size_t off, const uint8_t *p)
{
	uint64_t	v;

	if (off < 8)
		return "is not a oneteam bundle";
	if (off < 10) {
		v = be_read(p + 8, 2);
		return v == 0 ? "its format number is 0" : v < BUNDLE_VERSION ?
		    "was made by an older oneteam" :
		    "was made by a newer oneteam";
	}
	if (off < 14)
		return "is damaged|is cut short";
	if (off < 30)		/* the key id is still this team's */
		return "its team id was changed";
	if (off < 62)
		return "is sealed with another key";
	if (off == 62)
		return "its key derivation is not one this oneteam knows";
	return "is damaged";
}

/* Every byte of the header changed in turn, one bit and another. */
static void
test_tampered_header(void **state)
{
	static const uint8_t	 masks[] = { 0x01, 0x80 };
	struct world		*w = *state;
	uint8_t			*p;
	size_t			 len, hl, off, m;
	char			 what[64];

	p = file_get(w->small, &len);
	hl = head_len(p);
	assert_true(hl > 200 && hl < len);
	file_put(w->scratch, p, len);
	bundle_ok(w, w->scratch);
	for (off = 0; off < hl; off++) {
		for (m = 0; m < sizeof masks; m++) {
			snprintf(what, sizeof what, "header byte %zu ^ 0x%02x",
			    off, masks[m]);
			p[off] ^= masks[m];
			file_flip(w->scratch, off, masks[m]);
			refused_b(w, w->scratch, head_want(off, p), what);
			file_flip(w->scratch, off, masks[m]);
			p[off] ^= masks[m];
		}
	}
	bundle_ok(w, w->scratch);
	free(p);
}

/* One byte of the body of the bundle at scratch changed, and put back.
 * A changed part length reads as a cut when it points past the end. */
static void
body_flip(struct world *w, size_t off, size_t len)
{
	char	what[64];

	snprintf(what, sizeof what, "body byte %zu of %zu", off, len);
	file_flip(w->scratch, off, 0x01);
	refused_b(w, w->scratch, "is damaged|is cut short", what);
	file_flip(w->scratch, off, 0x01);
}

/* Body bytes changed: the first and last, and every 97th between, of a
 * bundle of one part and of one of many. */
static void
test_tampered_body(void **state)
{
	struct world	*w = *state;
	const char	*src[2] = { w->small, w->big[0] };
	uint8_t		*p;
	size_t		 len, hl, off;
	int		 i;

	for (i = 0; i < 2; i++) {
		p = file_get(src[i], &len);
		hl = head_len(p);
		file_put(w->scratch, p, len);
		bundle_ok(w, w->scratch);
		for (off = hl; off < len; off += 97)
			body_flip(w, off, len);
		if ((len - 1 - hl) % 97 != 0)
			body_flip(w, len - 1, len);
		bundle_ok(w, w->scratch);
		free(p);
	}
}

/* Cut short at every length, or carrying bytes after its end. */
static void
test_truncated(void **state)
{
	struct world	*w = *state;
	uint8_t		*p, *q;
	size_t		 len, cut;
	char		 what[64];

	p = file_get(w->small, &len);
	file_put(w->scratch, p, len);
	/* Shorter and shorter: each cut keeps the start of the last. */
	for (cut = len - 1; cut > 0; cut--) {
		snprintf(what, sizeof what, "cut to %zu of %zu", cut, len);
		assert_int_equal(truncate(w->scratch, (off_t)cut), 0);
		if (cut < 8)
			refused_b(w, w->scratch, "is not a oneteam bundle",
			    what);
		else
			refused_b(w, w->scratch, "is cut short", what);
	}
	q = xmalloc(len * 2 + 100);
	memcpy(q, p, len);
	q[len] = 0;
	file_put(w->scratch, q, len + 1);
	refused_b(w, w->scratch, "has 1 byte after its end", "1 byte more");
	randombytes_buf(q + len, 100);
	file_put(w->scratch, q, len + 100);
	refused_b(w, w->scratch, "has 100 bytes after its end",
	    "100 bytes more");
	/* The same bundle twice, as a careless cat would. */
	memcpy(q + len, p, len);
	file_put(w->scratch, q, len * 2);
	refused_b(w, w->scratch, "bytes after its end", "twice over");
	free(q);
	free(p);
}

/* Assemble a bundle from parts: the header of one, then parts of any. */
static void
assemble(const char *path, const uint8_t *head, size_t hl,
    const uint8_t *const *src, const size_t *start, const size_t *end,
    size_t n)
{
	FILE	*f;
	size_t	 i;

	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(head, 1, hl, f) != hl)
		fail_msg("%s: %s", path, strerror(errno));
	for (i = 0; i < n; i++)
		if (fwrite(src[i] + start[i], 1, end[i] - start[i], f) !=
		    end[i] - start[i])
			fail_msg("%s: %s", path, strerror(errno));
	if (fclose(f) != 0)
		fail_msg("%s: %s", path, strerror(errno));
}

/* Parts of a bundle of many: reordered, dropped, repeated, taken from
 * another bundle of the team, or the file cut between two. */
static void
test_parts(void **state)
{
	struct world	*w = *state;
	uint8_t		*a, *b;
	const uint8_t	*src[PARTS_MAX + 1];
	size_t		 alen, blen, as[PARTS_MAX], ae[PARTS_MAX];
	size_t		 bs[PARTS_MAX], be[PARTS_MAX], n, k, i;
	size_t		 s[PARTS_MAX + 1], e[PARTS_MAX + 1];
	char		 what[64], want[64];

	bundle_ok(w, w->big[0]);
	bundle_ok(w, w->big[1]);
	a = file_get(w->big[0], &alen);
	b = file_get(w->big[1], &blen);
	n = parts_of(a, alen, as, ae);
	assert_true(n >= 3);
	assert_int_equal(parts_of(b, blen, bs, be), n);
	/* Part k of a in place of part k, the rest in order, as a control. */
	for (i = 0; i < n; i++) {
		src[i] = a;
		s[i] = as[i];
		e[i] = ae[i];
	}
	assemble(w->scratch, a, head_len(a), src, s, e, n);
	bundle_ok(w, w->scratch);
	/* Two neighbours swapped: the first out of place fails. */
	for (k = 0; k + 1 < n; k++) {
		s[k] = as[k + 1];
		e[k] = ae[k + 1];
		s[k + 1] = as[k];
		e[k + 1] = ae[k];
		assemble(w->scratch, a, head_len(a), src, s, e, n);
		snprintf(what, sizeof what, "parts %zu and %zu swapped",
		    k + 1, k + 2);
		snprintf(want, sizeof want, "part %zu is not as it was sealed",
		    k + 1);
		refused_b(w, w->scratch, want, what);
		s[k] = as[k];
		e[k] = ae[k];
		s[k + 1] = as[k + 1];
		e[k + 1] = ae[k + 1];
	}
	/* A part of the other export (same changes, another stream). */
	for (k = 0; k < n; k++) {
		src[k] = b;
		s[k] = bs[k];
		e[k] = be[k];
		assemble(w->scratch, a, head_len(a), src, s, e, n);
		snprintf(what, sizeof what, "part %zu from another bundle",
		    k + 1);
		snprintf(want, sizeof want, "part %zu is not as it was sealed",
		    k + 1);
		refused_b(w, w->scratch, want, what);
		src[k] = a;
		s[k] = as[k];
		e[k] = ae[k];
	}
	/* The other's header on these parts. */
	assemble(w->scratch, b, head_len(b), src, s, e, n);
	refused_b(w, w->scratch, "part 1 is not as it was sealed",
	    "another bundle's header");
	/* A part left out, or given twice. */
	assemble(w->scratch, a, head_len(a), src + 1, s + 1, e + 1, n - 1);
	refused_b(w, w->scratch, "part 1 is not as it was sealed",
	    "part 1 left out");
	for (i = n; i > 0; i--) {
		s[i] = s[i - 1];
		e[i] = e[i - 1];
	}
	src[n] = a;
	assemble(w->scratch, a, head_len(a), src, s, e, n + 1);
	refused_b(w, w->scratch, "part 2 is not as it was sealed",
	    "part 1 twice");
	/* Cut between two parts, or after a part's length. */
	for (k = 0; k + 1 < n; k++) {
		file_put(w->scratch, a, ae[k]);
		snprintf(what, sizeof what, "cut after part %zu", k + 1);
		refused_b(w, w->scratch, "is cut short: it ends before its "
		    "last part", what);
		file_put(w->scratch, a, ae[k] + 4);
		snprintf(what, sizeof what, "cut in part %zu", k + 2);
		refused_b(w, w->scratch, "is cut short: it ends inside part",
		    what);
	}
	free(a);
	free(b);
}

/*
 * The bytes of a good change of x numbered 2, a family of two fields,
 * spoiled the n-th way (the 0th: not at all) so that it is not canonical,
 * with their hash for an id so that only the form is wrong. Returns what
 * was done, or NULL past the last way.
 */
static const char *
spoil(struct rec *r, const struct id *x, int64_t ms, size_t n)
{
	static const char *const ways[] = {
		"unspoiled", "a byte after the change", "version 3", "kind 3",
		"sequence 0", "text not UTF-8", "a text longer than said",
		"fields out of order",
	};
	struct op	 op;
	struct field	 f[2];
	uint8_t		*p;
	size_t		 len, lvl, start;

	if (n >= sizeof ways / sizeof ways[0])
		return NULL;
	memset(&op, 0, sizeof op);
	op.kind = OP_NEW;
	op.origin = *x;
	op.seq = 2;
	op.hlc = (uint64_t)ms << 16;
	snprintf(op.etype, sizeof op.etype, "family");
	id_random(&op.entity);
	f[0].name = "household";
	f[0].v = val_text("Westside family");
	f[1].name = "level";
	f[1].v = val_int(2);
	op.fields = f;
	op.nfields = 2;
	fake_encode(&op);
	len = op.enclen;
	p = xmalloc(len + 1);
	memcpy(p, op.enc, len);
	/* The fields come last: household's 30 bytes, then level's 15. */
	lvl = 1 + 5 + 1 + 8;
	start = len - lvl - (1 + 9 + 1 + 4 + 15);
	assert_int_equal(p[start], 9);
	assert_int_equal(p[len - lvl], 5);
	switch (n) {
	case 1:
		p[len++] = 0;
		break;
	case 2:
		p[0] = OP_VERSION_SIGNED + 1;
		break;
	case 3:
		p[1] = 3;
		break;
	case 4:
		memset(p + 20, 0, 8);	/* after version, kind, made, origin */
		break;
	case 5:
		p[len - lvl - 1] = 0xff;	/* household's last byte */
		break;
	case 6:
		p[start + 1 + 9 + 1 + 3]++;	/* its length one more */
		break;
	case 7:
		memcpy(p + start, op.enc + len - lvl, lvl);
		memcpy(p + start + lvl, op.enc + start, len - lvl - start);
		break;
	}
	rec_raw(r, p, len);
	free(p);
	op.fields = NULL;
	op_free(&op);
	return ways[n];
}

/*
 * Changes no export writes: an id not its content's, two changes under
 * one number, encodings that are not canonical, a header that miscounts.
 * Each bundle's first change is good, so taking any of them would show.
 */
static void
test_bad_changes(void **state)
{
	struct world	*w = *state;
	struct rec	 r[3], good;
	struct op	 op;
	struct id	 x;
	const char	*way;
	size_t		 n;
	char		*path, *cause = NULL, want[80];

	id_random(&x);
	rec_make(&r[0], &x, 1, w->fx->ot.now, "Eastside");
	rec_make(&r[1], &x, 2, w->fx->ot.now, "Westside");
	good = r[1];
	path = craft(w, r, 2, 2);
	bundle_ok(w, path);
	free(path);

	/* An id that is not the hash of the change. */
	r[1].id.b[OP_ID_LEN - 1] ^= 1;
	path = craft(w, r, 2, 2);
	refused_b(w, path, "change 2's id does not match its content",
	    "a wrong id");
	free(path);
	r[1].id.b[OP_ID_LEN - 1] ^= 1;

	/* The same origin and number, other content: a cloned replica, or
	 * a change forged in its name; its chain cannot hold both. */
	rec_make(&r[2], &x, 1, w->fx->ot.now, "Southside");
	path = craft(w, r, 3, 3);
	refused_b(w, path, "has its changes out of order in the bundle (1 "
	    "after 2)", "a clone in one bundle");
	free(path);
	rec_free(&r[2]);

	/* Not canonical, one way after another, after a good change; the
	 * unspoiled one first, which decodes. */
	spoil(&r[2], &x, w->fx->ot.now, 0);
	assert_int_equal(op_decode(r[2].enc, r[2].len, &op, &cause), 0);
	assert_memory_equal(op.id.b, r[2].id.b, OP_ID_LEN);
	op_free(&op);
	rec_free(&r[2]);
	for (n = 1; (way = spoil(&r[2], &x, w->fx->ot.now, n)) != NULL;
	    n++) {
		r[1] = r[2];
		path = craft(w, r, 2, 2);
		snprintf(want, sizeof want, "change 2 is not well formed (%s)",
		    n == 2 ? "operation of an unknown version" : "operation "
		    "is not in canonical form");
		refused_b(w, path, want, way);
		free(path);
		rec_free(&r[2]);
	}
	r[1] = good;

	/* The header's count of changes is not what it holds. */
	path = craft(w, r, 2, 3);
	refused_b(w, path, "it holds 2 changes, its header says 3",
	    "one change fewer");
	free(path);
	path = craft(w, r, 2, 1);
	refused_b(w, path, "it holds 2 changes, its header says 1",
	    "one change more");
	free(path);
	rec_free(&r[0]);
	rec_free(&r[1]);
}

/* A change under a number C holds with other content is refused. */
static void
test_clone_held(void **state)
{
	struct world		*w = *state;
	struct sync_result	 res;
	struct snap		 before;
	struct rec		 r[2];
	struct id		 y, z;
	char			*path;

	id_random(&y);
	id_random(&z);
	rec_make(&r[0], &y, 1, w->fx->ot.now, "Riverside East");
	path = craft(w, r, 1, 1);
	imported(&w->c, path, &res);
	assert_int_equal(res.added, 1);
	free(path);
	rec_free(&r[0]);
	rec_make(&r[0], &z, 1, w->fx->ot.now, "Riverside North");
	rec_make(&r[1], &y, 1, w->fx->ot.now, "Riverside West");
	path = craft(w, r, 2, 2);
	snap_take(&w->c, &before);
	refused(&w->c, &before, path, "made two different changes numbered 1",
	    "a clone of a change held");
	free(path);
	rec_free(&r[0]);
	rec_free(&r[1]);
}

/* A number this replica keeps, as SQL gives it. */
static int64_t
count_of(struct oneteam *ot, const char *sql, const struct id *id)
{
	struct query	*q;

	q = query_prepare(ot->st, sql);
	if (id != NULL)
		query_bind_id(q, 1, id);
	return query_count(q);
}

/* The crafted bundle made a year ahead, by its sender's clock. */
static void
craft_year_ahead(struct world *w, struct bundle_head *h)
{
	(void)w;
	h->created += 365 * DAY;
}

/*
 * A change dated a year ahead (a laptop whose clock was wrong) is applied
 * at once, as any other: what a replica shows depends on the changes it
 * holds, never on its clock at import. The import says how far after this
 * machine's clock its sender made the bundle, and peers keeps it.
 */
static void
test_clock_ahead(void **state)
{
	struct world		*w = *state;
	struct sync_result	 res;
	struct snap		 before, after;
	struct rec		 r;
	struct id		 x;
	int64_t			 now = clock_now_ms();
	char			*path;

	id_random(&x);
	rec_make(&r, &x, 1, now + 365 * DAY, "Hillside");
	craft_hook = craft_year_ahead;
	path = craft(w, &r, 1, 1);
	craft_hook = NULL;
	snap_take(&w->c, &before);
	imported(&w->c, path, &res);
	assert_int_equal(res.added, 1);
	assert_int_equal(has_op(&w->c, &r.id), 1);
	assert_int_equal(id_cmp(&res.ahead_site, &crafter), 0);
	assert_true(res.ahead >= 365 * DAY - 60000 && res.ahead <= 365 * DAY);
	snap_take(&w->c, &after);
	assert_memory_not_equal(before.state, after.state, 32);
	/* Kept for peers: the sender's clock, a year ahead. */
	assert_true(count_of(&w->c, "SELECT ahead FROM clock WHERE site = ?1",
	    &crafter) >= 365 * DAY - 60000);
	free(path);
	rec_free(&r);

	/* The site's later changes, its clock set right, come in too (its
	 * own clock keeps them after its first, as a clock does); its
	 * bundle made now, its clock is no longer said to be out. */
	rec_make(&r, &x, 2, now + 365 * DAY + 1, "Hillside North");
	path = craft(w, &r, 1, 1);
	imported(&w->c, path, &res);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.ahead, 0);
	assert_true(count_of(&w->c, "SELECT ahead FROM clock WHERE site = ?1",
	    &crafter) <= 60000);
	free(path);
	rec_free(&r);
}

/* A change a year behind is applied too, and says nothing of clocks (a
 * change is dated before it came, as every change is). */
static void
test_clock_behind(void **state)
{
	struct world		*w = *state;
	struct sync_result	 res;
	struct rec		 r;
	struct id		 x;
	char			*path;

	id_random(&x);
	rec_make(&r, &x, 1, clock_now_ms() - 365 * DAY, "Dale");
	path = craft(w, &r, 1, 1);
	imported(&w->c, path, &res);
	assert_int_equal(res.added, 1);
	assert_int_equal(res.ahead, 0);
	free(path);
	rec_free(&r);
}

/*
 * A kind of record a newer oneteam made (an assessment, say) is taken
 * and passed on, not refused with the changes beside it: no site need
 * wait for all the others to upgrade.
 */
static void
test_newer_kind(void **state)
{
	struct world		*w = *state;
	struct sync_result	 res;
	struct store_later	 l;
	struct oneteam		 d;
	struct rec		 r[3];
	struct op		 op;
	struct field		 f;
	struct id		 x;
	char			*path, *relay, *other, *cause = NULL;

	id_random(&x);
	/* A newer site's changes say its generation, all of them. */
	fake_made = KINDS_GENERATION + 1;
	rec_make_kind(&r[0], &x, 1, clock_now_ms(), "assessment", "Khan");
	rec_make(&r[1], &x, 2, clock_now_ms(), "Hillside Newer");
	fake_made = 0;
	path = craft(w, r, 2, 2);
	imported(&w->c, path, &res);
	assert_int_equal(res.added, 2);
	/* Its site is not admitted here: held, as any change of it (once
	 * admitted, kept for a newer oneteam: test-converge). */
	assert_int_equal(res.unadmitted, 2);
	assert_int_equal(res.later, 0);
	assert_int_equal(has_op(&w->c, &r[0].id), 1);
	assert_int_equal(has_op(&w->c, &r[1].id), 1);
	assert_int_equal(store_later(w->c.st, NULL, &l, &cause), 0);
	assert_int_equal(l.n, 0);
	/* A field this build knows, of another type: refused, whoever made
	 * it (a later generation adds fields, it never retypes one). */
	memset(&op, 0, sizeof op);
	op.kind = OP_NEW;
	id_random(&op.origin);
	op.seq = 1;
	op.hlc = (uint64_t)clock_now_ms() << 16;
	snprintf(op.etype, sizeof op.etype, "family");
	id_random(&op.entity);
	f = (struct field){ "level", val_text("four") };
	op.fields = &f;
	op.nfields = 1;
	fake_made = KINDS_GENERATION + 1;
	fake_encode(&op);
	fake_made = 0;
	rec_raw(&r[2], op.enc, op.enclen);
	op.fields = NULL;
	op_free(&op);
	other = craft(w, &r[2], 1, 1);
	refused_b(w, other, "family has no field level of that type",
	    "a known field retyped by a newer oneteam");
	free(other);
	rec_free(&r[2]);

	/* Passed on as it came: the site it goes to holds it too. */
	relay = wpath(w, "relay.otb");
	assert_int_equal(export(&w->c, relay), 0);
	assert_int_equal(site_open(w, "newer", &d), 0);
	assert_int_equal(team_join(&d, w->small, PASS, strlen(PASS), &cause),
	    0);
	imported(&d, relay, &res);
	assert_int_equal(has_op(&d, &r[0].id), 1);
	oneteam_close(&d);
	free(relay);
	free(path);
	rec_free(&r[0]);
	rec_free(&r[1]);
}

/* A change this oneteam cannot fold is refused (whatever its clock). */
static void
test_clock_unknown(void **state)
{
	struct world	*w = *state;
	struct rec	 r;
	struct id	 x;
	char		*path;

	id_random(&x);
	rec_make_kind(&r, &x, 1, clock_now_ms() + 2 * DAY, "nonsense",
	    "Hillside");
	path = craft(w, &r, 1, 1);
	rec_free(&r);
	refused_b(w, path, "unknown kind of record", "a day ahead, unknown");
	free(path);
}

/*
 * Two changes under one number, one of them days ahead: whichever comes
 * second is refused as a clone, as if both were dated now.
 */
static void
clone_ahead(struct world *w, const char *name, int ahead_first)
{
	struct oneteam		 d;
	struct sync_result	 res;
	struct rec		 r[2];
	struct id		 x;
	int64_t			 now = clock_now_ms();
	char			*path, *cause = NULL;
	int			 i, rc = 0;

	assert_int_equal(site_open(w, name, &d), 0);
	assert_int_equal(team_join(&d, w->small, PASS, strlen(PASS), &cause),
	    0);
	id_random(&x);
	rec_make(&r[0], &x, 1, now, "Lakeside");
	rec_make(&r[1], &x, 1, now + 2 * DAY, "Lakeside East");
	for (i = 0; i < 2 && rc == 0; i++) {
		path = craft(w, &r[ahead_first ? 1 - i : i], 1, 1);
		rc = bundle_import(&d, path, NULL, &res, &cause);
		free(path);
	}
	if (rc == 0 || i != 2 || strstr(cause, "two different changes") ==
	    NULL)
		fail_msg("bundle %d: %s", i, rc == 0 ? "taken" : cause);
	free(cause);
	oneteam_close(&d);
	rec_free(&r[0]);
	rec_free(&r[1]);
}

/* The clone ahead of the clock comes after the change held. */
static void
test_clock_clone_after(void **state)
{
	clone_ahead(*state, "qa", 0);
}

/* The clone ahead of the clock comes first. */
static void
test_clock_clone_before(void **state)
{
	clone_ahead(*state, "qb", 1);
}

/* A fault before the commit, at its start, half way or at its end,
 * leaves C as it was; then the same import succeeds, and once more adds
 * nothing. */
static void
test_fault(void **state)
{
	static const char *const where[] = {
		"import-start", "import-half", "import-commit",
	};
	struct world		*w = *state;
	struct sync_result	 res;
	struct snap		 before, after;
	char			*path = wpath(w, "fault.otb");
	char			*cause = NULL, want[64];
	size_t			 i;
	int			 rc;

	assert_int_equal(add_contact(w, 200, &cause), 0);
	assert_int_equal(export(&w->fx->ot, path), 0);
	snap_take(&w->c, &before);
	for (i = 0; i < sizeof where / sizeof where[0]; i++) {
		setenv("ONETEAM_FAULT", where[i], 1);
		rc = bundle_import(&w->c, path, NULL, &res, &cause);
		assert_int_equal(rc, -1);
		snprintf(want, sizeof want, "stopped by ONETEAM_FAULT=%s",
		    where[i]);
		if (strstr(cause, want) == NULL)
			fail_msg("\"%s\" does not say \"%s\"", cause, want);
		free(cause);
		cause = NULL;
		snap_take(&w->c, &after);
		snap_same(&before, &after, where[i]);
	}
	unsetenv("ONETEAM_FAULT");
	imported(&w->c, path, &res);
	/* All of it was new, so each fault had something to undo. */
	assert_true(res.changes > BIG_CONTACTS);
	assert_int_equal(res.added, res.changes);
	assert_int_equal(res.before, 0);
	snap_take(&w->c, &after);
	/* What came, and the import's entry on c's own trail. */
	assert_int_equal(after.count[0], before.count[0] +
	    (int64_t)res.added + 1);
	assert_memory_not_equal(before.state, after.state, 32);
	/* Once more: held, all of it, and nothing changes. */
	imported(&w->c, path, &res);
	assert_int_equal(res.added, 0);
	assert_int_equal(res.held, res.changes);
	assert_true(res.before != 0);
	snap_take(&w->c, &before);
	snap_same(&after, &before, "imported again");
	free(path);
}

/* B has been given bad bundles only, all along: it is as it began. */
static void
test_b_untouched(void **state)
{
	struct world	*w = *state;
	struct snap	 now;

	snap_take(&w->b, &now);
	snap_same(&w->b0, &now, "B at the end");
	assert_int_equal(now.count[0], 0);
}

/* --- changes forged by a holder of the team key (sync-design.md) -------- */

/* Site A's next change, as a forger would make it: after A's last, a new
 * locality, in A's name. Its head is signed with a key of the forger's. */
static void
forge_next(struct world *w, struct rec *r, const char *name)
{
	struct oneteam		*a = &w->fx->ot;
	struct fake_site	*f = fake_of(store_site(a->st));
	struct query		*q;

	q = query_prepare(a->st, "SELECT max(seq) FROM op WHERE origin = ?1");
	query_bind_id(q, 1, store_site(a->st));
	f->seq = (uint64_t)query_count(q);
	assert_int_equal(store_link(a->st, store_site(a->st), f->seq,
	    &f->link), 1);
	rec_make(r, store_site(a->st), f->seq + 1, a->now, name);
}

/* The forger gives A's own public key, and signs with theirs. */
static void
hook_real_key(struct world *w, struct bundle_head *h)
{
	uint8_t	key[SITE_KEY_LEN];
	size_t	i;

	for (i = 1; i < h->nhas; i++) {
		assert_int_equal(trust_key_get(&w->fx->ot, &h->has[i].origin,
		    key), 1);
		memcpy(h->has[i].key, key, sizeof key);
	}
}

/* The forger signs no head at all: the changes come as A's, unsigned. */
static void
hook_unsigned(struct world *w, struct bundle_head *h)
{
	size_t	i;

	(void)w;
	for (i = 1; i < h->nhas; i++) {
		memset(h->has[i].key, 0, sizeof h->has[i].key);
		memset(h->has[i].sig, 0, sizeof h->has[i].sig);
		h->has[i].is_signed = 0;
	}
}

/* The forger's bundle, its header not signed by the site it names. */
static void
hook_no_sender(struct world *w, struct bundle_head *h)
{
	(void)w;
	h->signer = NULL;
}

/* The forger relays A's genuine head, one change short of the forged. */
static struct bundle_has	real_head;

static void
hook_real_head(struct world *w, struct bundle_head *h)
{
	(void)w;
	free(h->has[1].name);
	h->has[1] = real_head;
	h->has[1].name = xstrdup("");
}

/* How many rows sql (one id bound) counts at ot. */
static int64_t
count_rows(struct oneteam *ot, const char *sql, const struct id *id)
{
	struct query	*q;

	q = query_prepare(ot->st, sql);
	query_bind_id(q, 1, id);
	return query_count(q);
}

/*
 * A member holding the team key and a copy of the team's records makes a
 * change in site A's name, taking A's next number: given its own key,
 * A's key with its own signature, no signature, or A's genuine head. C,
 * which holds A's changes, leaves the first out (relayed under another
 * key than A's: the rest of such a bundle is taken) and refuses the
 * others, unchanged; and A's genuine next bundle is then taken as ever
 * (its number was not taken from it).
 */
static void
test_forged_site(void **state)
{
	struct world		*w = *state;
	struct sync_result	 res;
	struct snap		 c0;
	struct rec		 r;
	char			*path, *next, *cause = NULL;
	int64_t			 c0_a;

	imported(&w->c, w->small, &res);
	snap_take(&w->c, &c0);
	c0_a = count_rows(&w->c, "SELECT count(*) FROM op WHERE origin = ?1",
	    store_site(w->fx->ot.st));
	forge_next(w, &r, "Forged Lane");

	path = craft(w, &r, 1, 1);
	store_set_fault(w->c.st, STORE_OK);
	assert_int_equal(bundle_import(&w->c, path, NULL, &res, &cause), 0);
	assert_int_equal(res.forged, 1);
	assert_int_equal(res.added, 0);
	assert_int_equal(count_rows(&w->c, "SELECT count(*) FROM op WHERE "
	    "origin = ?1", store_site(w->fx->ot.st)), c0_a);
	free(path);
	snap_take(&w->c, &c0);

	craft_hook = hook_real_key;
	path = craft(w, &r, 1, 1);
	refused(&w->c, &c0, path, "has a head that its key did not sign",
	    "a forged change under the site's key, signed by the forger");
	free(path);

	craft_hook = hook_unsigned;
	path = craft(w, &r, 1, 1);
	refused(&w->c, &c0, path, "signed no head for its change",
	    "a forged change with no signed head");
	free(path);

	/* A new site's change, its bundle's header not signed by the site
	 * it names as its sender. */
	{
		struct rec	fresh;
		struct id	x;

		id_random(&x);
		rec_make(&fresh, &x, 1, w->fx->ot.now, "Fresh Lane");
		craft_hook = hook_no_sender;
		path = craft(w, &fresh, 1, 1);
		refused(&w->c, &c0, path, "was not signed by the site it names "
		    "as its sender", "a header its sender did not sign");
		free(path);
		craft_hook = NULL;
		rec_free(&fresh);
	}

	/* A's own head, as C holds it, vouches for nothing after it. */
	memset(&real_head, 0, sizeof real_head);
	assert_int_equal(trust_head_get(&w->c, store_site(w->fx->ot.st),
	    &real_head), 1);
	craft_hook = hook_real_head;
	path = craft(w, &r, 1, 1);
	refused(&w->c, &c0, path, "signed its changes up to",
	    "a forged change beyond the site's genuine head");
	free(path);
	craft_hook = NULL;
	rec_free(&r);

	/* A's next change, made by A, reaches C. */
	add_contact(w, 100, NULL);
	next = wpath(w, "next.otb");
	assert_int_equal(export(&w->fx->ot, next), 0);
	imported(&w->c, next, &res);
	assert_true(res.added > 0);
	free(next);
}

/*
 * A genuine bundle of site X's with its first change put back with other
 * content (what a holder of the team key, not of X's key, can do): the
 * change after it no longer follows it, and the bundle is refused; the
 * genuine bundle is then taken.
 */
static void
test_forged_in_chain(void **state)
{
	struct world		*w = *state;
	struct sync_result	 res;
	struct fake_site	*f, saved;
	struct snap		 c0;
	struct rec		 r[3], g[2], forged[2];
	struct id		 x;
	char			*path;
	size_t			 i;

	id_random(&x);
	rec_make(&r[0], &x, 1, w->fx->ot.now, "Northside");
	rec_make(&r[1], &x, 2, w->fx->ot.now, "Southside");
	rec_make(&r[2], &x, 3, w->fx->ot.now, "Eastside");
	path = craft(w, r, 3, 3);
	imported(&w->c, path, &res);
	assert_int_equal(res.added, 3);
	free(path);
	rec_make(&g[0], &x, 4, w->fx->ot.now, "Westside");
	rec_make(&g[1], &x, 5, w->fx->ot.now, "Upside");

	/* A 4 of other content, after X's 3 as C holds it. */
	f = fake_of(&x);
	saved = *f;
	f->seq = 3;
	assert_int_equal(store_link(w->c.st, &x, 3, &f->link), 1);
	rec_make(&forged[0], &x, 4, w->fx->ot.now, "Forged Row");
	*f = saved;
	forged[1] = g[1];

	snap_take(&w->c, &c0);
	path = craft(w, forged, 2, 2);
	refused(&w->c, &c0, path, "does not follow its change 4",
	    "a change replaced in a signed chain");
	free(path);
	path = craft(w, g, 2, 2);
	imported(&w->c, path, &res);
	assert_int_equal(res.added, 2);
	free(path);
	for (i = 0; i < 3; i++)
		rec_free(&r[i]);
	rec_free(&g[0]);
	rec_free(&g[1]);
	rec_free(&forged[0]);
}

/*
 * A look at a bundle before it is imported (the Sync screen's Enter): read
 * with the key and checked as the import checks it, it says what is new
 * here, by kind, where made and by whom; nothing is written; a bundle the
 * import would refuse is said so with its refusal; one imported already
 * brings nothing new and says when; a site in no team reads its header.
 */
static void
test_preview(void **state)
{
	struct world		*w = *state;
	struct bundle_preview	 pv;
	struct sync_result	 res;
	struct oneteam		 d;
	struct snap		 after;
	const struct kind	*staff = kinds_get("staff");
	uint8_t			*p;
	size_t			 len;
	char			*cause = NULL;

	store_set_fault(w->b.st, STORE_OK);
	assert_int_equal(bundle_preview(&w->b, w->small, NULL, &pv, &cause),
	    0);
	assert_true(pv.checked);
	assert_null(pv.why);
	assert_int_equal(pv.seen, 0);
	assert_int_equal(pv.held, 0);
	assert_int_equal(pv.fresh, pv.h.changes);
	assert_true(pv.kinds[kinds_index(staff)].added > 0);
	assert_int_equal(pv.norigins, 1);
	assert_int_equal(id_cmp(&pv.origins[0], store_site(w->fx->ot.st)), 0);
	assert_string_equal(pv.h.sender_name, store_site_name(w->fx->ot.st));
	bundle_preview_free(&pv);
	snap_take(&w->b, &after);
	snap_same(&w->b0, &after, "a look at a bundle");
	/* A change altered: what the import would say, and still nothing
	 * written. */
	p = file_get(w->small, &len);
	file_put(w->scratch, p, len);
	free(p);
	file_flip(w->scratch, len - 20, 0x01);
	assert_int_equal(bundle_preview(&w->b, w->scratch, NULL, &pv,
	    &cause), 0);
	assert_true(pv.checked);
	assert_non_null(pv.why);
	assert_non_null(strstr(pv.why, w->scratch));
	bundle_preview_free(&pv);
	assert_int_equal(store_fault(w->b.st), STORE_OK);
	snap_take(&w->b, &after);
	snap_same(&w->b0, &after, "a look at a damaged bundle");
	/* In no team: the header alone. */
	assert_int_equal(site_open(w, "d", &d), 0);
	assert_int_equal(bundle_preview(&d, w->small, NULL, &pv, &cause), 0);
	assert_false(pv.checked);
	assert_null(pv.why);
	assert_int_equal(pv.fresh, 0);
	assert_string_equal(pv.h.sender_name, store_site_name(w->fx->ot.st));
	bundle_preview_free(&pv);
	/* Imported: nothing new, and when it was. */
	assert_int_equal(team_join(&d, w->small, PASS, strlen(PASS), &cause),
	    0);
	assert_int_equal(bundle_import(&d, w->small, NULL, &res, &cause), 0);
	assert_int_equal(bundle_preview(&d, w->small, NULL, &pv, &cause), 0);
	assert_null(pv.why);
	assert_int_equal(pv.fresh, 0);
	assert_int_equal(pv.held, pv.h.changes);
	assert_true(pv.seen != 0);
	bundle_preview_free(&pv);
	/* Not a bundle at all: refused as the header is. */
	assert_int_equal(bundle_preview(&d, w->fx->ot.cfg.db_path, NULL, &pv,
	    &cause), -1);
	assert_non_null(cause);
	free(cause);
	bundle_preview_free(&pv);
	oneteam_close(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_full_round_trip,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_on_the_trail,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_export_fault,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test(test_not_a_bundle),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_directory),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_newer_format),
		cmocka_unit_test(test_other_team),
		cmocka_unit_test(test_wrong_passphrase),
		cmocka_unit_test(test_tampered_header),
		cmocka_unit_test(test_tampered_body),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_bad_changes),
		cmocka_unit_test(test_clone_held),
		cmocka_unit_test_teardown(test_clock_ahead, world_tidy),
		cmocka_unit_test_teardown(test_clock_behind, world_tidy),
		cmocka_unit_test_teardown(test_clock_unknown, world_tidy),
		cmocka_unit_test_teardown(test_newer_kind, world_tidy),
		cmocka_unit_test_teardown(test_clock_clone_after,
		    world_tidy),
		cmocka_unit_test_teardown(test_clock_clone_before,
		    world_tidy),
		cmocka_unit_test_teardown(test_fault, world_tidy),
		cmocka_unit_test_teardown(test_forged_site, world_tidy),
		cmocka_unit_test_teardown(test_forged_in_chain, world_tidy),
		cmocka_unit_test(test_preview),
		cmocka_unit_test(test_b_untouched),
	};

	return cmocka_run_group_tests(tests, world_setup, world_teardown);
}
