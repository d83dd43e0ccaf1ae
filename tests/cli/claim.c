/*
 * claim: a test helper that does what the holder of an admitted laptop
 * could do to a site of the team that has not yet seen another site's
 * key (tests/cli/claim.sh): write a bundle, sealed with the team key and
 * signed by the laptop, that relays every other site's changes with
 * their own signed heads, and claims SITE's id with a chain of its own,
 * signed with the laptop's key: a new member of staff, Eve, an
 * administrator made by no one, then, signed by Eve's key (of a
 * passphrase the forger chose), the first practitioner made an
 * administrator and the first administrator's passphrase set. oneteam
 * must apply none of it. With remake, the bundle is the forger's own
 * chain, one change longer: the newest family made again, under its id,
 * closed and led by the practitioner, dated in 1970. oneteam must refuse
 * that making (a record's id names the change that made it) and go on
 * taking every site's bundles; $CLAIM_ALONE set, the bundle holds the forger's
 * chain alone (no other site's), so that the second making may come first.
 *
 * With restaff, the same of the first administrator's record, made
 * again by the practitioner: she must stay, at every site, whatever the
 * order.
 *
 *   claim DB SITE OUT [remake|restaff]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "oneteam/oneteam.h"
#include "oneteam/op.h"
#include "oneteam/signin.h"
#include "oneteam/sync.h"
#include "oneteam/xmalloc.h"
#include "sync-private.h"
#include "forger.h"

#define MAX_SITES	32

const char	*forger_name = "claim";
#define die	forger_die

/* The forged chain, in SITE's name, after its change base. */
struct chain {
	struct id	 site;
	uint64_t	 base;
	struct op_id	 link;		/* of base */
	struct op	 op[4];
	size_t		 n;
	uint64_t	 hlc;
};

static void
chain_add(struct chain *c, struct op *op, const uint8_t *sk)
{
	char	*cause = NULL;

	op->origin = c->site;
	op->seq = c->base + c->n + 1;
	op->prev = c->n > 0 ? c->op[c->n - 1].id : c->link;
	op->hlc = (c->hlc += 0x10000);
	if (op_encode_signed(op, sk, &cause) != 0)
		die("encode", cause);
	c->op[c->n++] = *op;
}

/* The first member of staff who is (admin 1) or is not an
 * administrator, nor a coordinator. */
static struct id
staff_first(struct oneteam *ot, int admin)
{
	struct query	*q;
	struct id	 id;

	q = query_prepare(ot->st, admin ? "SELECT id FROM staff WHERE "
	    "admin = 1 ORDER BY created LIMIT 1" : "SELECT id FROM staff "
	    "WHERE admin = 0 AND coordinator = 0 ORDER BY created LIMIT 1");
	if (query_step(q) != 1)
		die("staff", admin ? "no administrator" : "no practitioner");
	id = query_id(q, 0);
	query_done(q);
	return id;
}

static void
chain_make(struct oneteam *ot, struct chain *c)
{
	struct query	*q;
	struct op	 op;
	struct id	 eve, tom, admin;
	uint8_t		 evesk[SIGNIN_SK_LEN];
	char		 evehash[SIGNIN_HASH_LEN], ahash[SIGNIN_HASH_LEN];
	char		*cause = NULL;

	admin = staff_first(ot, 1);
	tom = staff_first(ot, 0);
	q = query_prepare(ot->st, "SELECT max(hlc) FROM op");
	c->hlc = (uint64_t)query_count(q);
	if (signin_hash("eve chose this one", 18, evehash, evesk, &cause) != 0 ||
	    signin_hash("the admin is ours now", 21, ahash, NULL, &cause) != 0)
		die("hash", cause);
	/* Eve, an administrator, made by no one (as init makes a first). */
	memset(&op, 0, sizeof op);
	id_random(&eve);
	op.kind = OP_NEW;
	snprintf(op.etype, sizeof op.etype, "staff");
	op.entity = eve;
	op.fields = xcalloc(6, sizeof *op.fields);
	op.fields[0] = (struct field){ "name", val_text("Eve Stone") };
	op.fields[1] = (struct field){ "role", val_text("early_help_worker") };
	op.fields[2] = (struct field){ "agency", val_text("early_help") };
	op.fields[3] = (struct field){ "coordinator", val_int(1) };
	op.fields[4] = (struct field){ "admin", val_int(1) };
	op.fields[5] = (struct field){ "passhash", val_text(evehash) };
	op.nfields = 6;
	chain_add(c, &op, NULL);
	/* Then, signed by Eve: the practitioner an administrator, and the
	 * administrator's passphrase. */
	memset(&op, 0, sizeof op);
	op.kind = OP_SET;
	op.author = eve;
	snprintf(op.etype, sizeof op.etype, "staff");
	op.entity = tom;
	snprintf(op.field, sizeof op.field, "admin");
	op.value = val_int(1);
	chain_add(c, &op, evesk);
	op.entity = admin;
	snprintf(op.field, sizeof op.field, "passhash");
	op.value = val_text(ahash);
	op.enc = NULL;		/* the change before it keeps its own */
	chain_add(c, &op, evesk);
	sodium_memzero(evesk, sizeof evesk);
}

/* The newest family made again, closed, led by the practitioner. */
static void
chain_remake(struct oneteam *ot, struct chain *c)
{
	struct query	*q;
	struct op	 op;
	struct id	 tom = staff_first(ot, 0), fam, locality;

	/* Dated in 1970, before any making, as a forger would date it. */
	c->hlc = 0;
	q = query_prepare(ot->st, "SELECT id, locality FROM family ORDER BY "
	    "hlc DESC LIMIT 1");
	if (query_step(q) != 1)
		die("family", "none");
	fam = query_id(q, 0);
	locality = query_id(q, 1);
	query_done(q);
	memset(&op, 0, sizeof op);
	op.kind = OP_NEW;
	op.author = tom;
	snprintf(op.etype, sizeof op.etype, "family");
	op.entity = fam;
	op.fields = xcalloc(5, sizeof *op.fields);
	op.fields[0] = (struct field){ "household", val_text("Taken family") };
	op.fields[1] = (struct field){ "locality", val_id(&locality) };
	op.fields[2] = (struct field){ "level", val_int(1) };
	op.fields[3] = (struct field){ "status", val_text("closed") };
	op.fields[4] = (struct field){ "lead", val_id(&tom) };
	op.nfields = 5;
	chain_add(c, &op, NULL);
}

/* The first administrator made again, under her id, dated in 1970. */
static void
chain_restaff(struct oneteam *ot, struct chain *c)
{
	struct op	op;
	struct id	tom = staff_first(ot, 0);

	c->hlc = 0;
	memset(&op, 0, sizeof op);
	op.kind = OP_NEW;
	op.author = tom;
	snprintf(op.etype, sizeof op.etype, "staff");
	op.entity = staff_first(ot, 1);
	op.fields = xcalloc(2, sizeof *op.fields);
	op.fields[0] = (struct field){ "name", val_text("Not Her") };
	op.fields[1] = (struct field){ "role", val_text("early_help_worker") };
	op.nfields = 2;
	chain_add(c, &op, NULL);
}

/* The number of the forger's own last change. */
static uint64_t
forger_last(struct oneteam *ot)
{
	struct query	*q;

	q = query_prepare(ot->st, "SELECT max(seq) FROM op WHERE origin = ?1");
	query_bind_id(q, 1, store_site(ot->st));
	return (uint64_t)query_count(q);
}

/* Every change of e's origin held, to e's head. */
static void
write_origin(struct oneteam *ot, struct bundle_writer *w,
    const struct bundle_has *e)
{
	struct query	*q;
	struct op_id	 id;
	const void	*enc, *p;
	size_t		 len, n;
	char		*cause = NULL;

	q = query_prepare(ot->st, "SELECT id, enc FROM op WHERE origin = ?1 "
	    "AND seq <= ?2 ORDER BY seq");
	query_bind_id(q, 1, &e->origin);
	query_bind_int(q, 2, (int64_t)e->seq);
	while (query_step(q) == 1) {
		p = query_blob(q, 0, &n);
		enc = query_blob(q, 1, &len);
		memcpy(id.b, p, sizeof id.b);
		if (bundle_write_record(w, &id, enc, len, &cause) != 0)
			die("write", cause);
	}
	query_done(q);
}

int
main(int argc, char **argv)
{
	struct oneteam		 ot;
	struct team_info	 ti;
	struct bundle_head	 h;
	struct bundle_writer	 w;
	struct bundle_has	 e[MAX_SITES], mine;
	struct chain		 c;
	struct query		*q;
	struct op_id		 link;
	uint8_t			 key[TEAM_KEY_LEN], sk[64];
	char			*cause = NULL;
	size_t			 n = 0, i;
	FILE			*f;

	if (argc != 4 && (argc != 5 || (strcmp(argv[4], "remake") != 0 &&
	    strcmp(argv[4], "restaff") != 0))) {
		fprintf(stderr, "usage: claim DB SITE OUT [remake|restaff]\n");
		return 2;
	}
	forger_open(argv[1], &ot, &ti, key, sk);
	memset(&c, 0, sizeof c);
	if (argc == 5) {
		c.site = *store_site(ot.st);
		c.base = forger_last(&ot);
		if (store_link(ot.st, &c.site, c.base, &c.link) != 1)
			die("link", "its own last change");
		if (strcmp(argv[4], "remake") == 0)
			chain_remake(&ot, &c);
		else
			chain_restaff(&ot, &c);
	} else {
		if (sync_site_find(&ot, argv[2], &c.site, &cause) != 0)
			die(argv[2], cause);
		chain_make(&ot, &c);
	}

	/* Every other origin with its own head (the forger's, signed by
	 * it), and SITE's id with the forged chain's, signed by the
	 * forger's key. */
	memset(e, 0, sizeof e);
	q = query_prepare(ot.st, "SELECT DISTINCT origin FROM op");
	while (query_step(q) == 1 && n + 1 < MAX_SITES) {
		e[n].origin = query_id(q, 0);
		if (id_cmp(&e[n].origin, &c.site) == 0 ||
		    (argc == 5 && getenv("CLAIM_ALONE") != NULL))
			continue;
		if (id_cmp(&e[n].origin, store_site(ot.st)) == 0) {
			e[n].seq = forger_last(&ot);
			if (store_link(ot.st, &e[n].origin, e[n].seq,
			    &link) != 1)
				die("link", "its own last change");
			memcpy(e[n].link, link.b, sizeof e[n].link);
			bundle_head_sign(&ti.team, &e[n], sk);
		} else if (trust_head_get(&ot, &e[n].origin, &e[n]) != 1)
			continue;
		e[n].name = site_name_of(ot.st, &e[n].origin);
		if (e[n].name == NULL)
			e[n].name = xstrdup("");
		n++;
	}
	query_done(q);
	e[n].origin = c.site;
	e[n].seq = c.base + c.n;
	memcpy(e[n].link, c.op[c.n - 1].id.b, sizeof e[n].link);
	e[n].name = xstrdup(argv[2]);
	bundle_head_sign(&ti.team, &e[n], sk);
	n++;

	forger_header(&ot, &ti, sk, e, n, &h);
	for (i = 0; i < n; i++)
		h.changes += e[i].seq;
	if ((f = fopen(argv[3], "wb")) == NULL)
		die(argv[3], "cannot write");
	if (bundle_write_start(&w, f, &h, key, &cause) != 0)
		die(argv[3], cause);
	for (i = 0; i + 1 < n; i++)
		write_origin(&ot, &w, &e[i]);
	mine = e[n - 1];		/* what its chain holds before */
	mine.seq = c.base;
	write_origin(&ot, &w, &mine);
	for (i = 0; i < c.n; i++)
		if (bundle_write_record(&w, &c.op[i].id, c.op[i].enc,
		    c.op[i].enclen, &cause) != 0)
			die(argv[3], cause);
	if (bundle_write_end(&w, &cause) != 0)
		die(argv[3], cause);
	bundle_write_free(&w);
	if (fclose(f) != 0)
		die(argv[3], "cannot write");
	for (i = 0; i < c.n; i++) {
		free(c.op[i].enc);
		if (i == 0 || c.op[i].fields != c.op[i - 1].fields)
			free(c.op[i].fields);
	}
	for (i = 0; i < n; i++)
		free(e[i].name);
	free(h.sender_name);
	oneteam_close(&ot);
	return 0;
}
