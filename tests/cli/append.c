/*
 * append: a test helper that does what the holder of a laptop of a team
 * made before sites were admitted could do (tests/cli/rootforge.sh):
 * write a bundle, sealed with the team key of DB, whose chain of DB's own
 * site continues after its change $BASE (default: the last held; 0: a
 * history of its own from the first) with forged changes, in the encoding
 * of the release before ($VERSION 1, the default) or a chain's (2). Its
 * head is signed with the site's key, or with a fresh one ($KEY=fresh: a
 * claim of the site's id by another). Each change is given as
 *
 *   famnew:HLC:AUTHOR:HOUSEHOLD	the oldest family made again under
 *					its id, closed, led by AUTHOR
 *   famset:HLC:AUTHOR:HOUSEHOLD	its household set
 *   staffnew:HLC:NAME:PASSPHRASE	an administrator made by no one
 *
 * HLC a time in seconds since 1970, AUTHOR a member's name ("-": no one).
 *
 *   append DB OUT CHANGE...
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

#define MAX_CHANGES	16

const char	*forger_name = "append";
#define die	forger_die

static struct id
staff_named(struct oneteam *ot, const char *name)
{
	struct query	*q;
	struct id	 id;

	memset(&id, 0, sizeof id);
	if (strcmp(name, "-") == 0)
		return id;
	q = query_prepare(ot->st, "SELECT id FROM staff WHERE name = ?1");
	query_bind_text(q, 1, name);
	if (query_step(q) != 1)
		die("staff", name);
	id = query_id(q, 0);
	query_done(q);
	return id;
}

/* The oldest family, its locality, and the change that set its household
 * last (the base of a new one). */
static void
oldest_family(struct oneteam *ot, struct id *fam, struct id *loc)
{
	struct query	*q;

	q = query_prepare(ot->st, "SELECT id, locality FROM family ORDER BY "
	    "hlc LIMIT 1");
	if (query_step(q) != 1)
		die("family", "none");
	*fam = query_id(q, 0);
	*loc = query_id(q, 1);
	query_done(q);
}

/* One change of the spec s (its parts cut in place, pointed to by op). */
static void
change_of(struct oneteam *ot, char *s, struct op *op, const struct id *fam,
    const struct id *loc, char *hash)
{
	char		*part[4], *cause = NULL;
	size_t		 n = 0;
	struct id	 who;

	while (n < 4 && (part[n] = strsep(&s, ":")) != NULL)
		n++;
	if (n != 4 || s != NULL)
		die("change", "expected KIND:HLC:WHO:TEXT");
	op->hlc = strtoull(part[1], NULL, 10) * 1000 << 16;
	if (strcmp(part[0], "staffnew") == 0) {
		if (signin_hash(part[3], strlen(part[3]), hash, NULL,
		    &cause) != 0)
			die("hash", cause);
		op->kind = OP_NEW;
		snprintf(op->etype, sizeof op->etype, "staff");
		if (op->version == OP_VERSION_1)
			id_random(&op->entity);
		else
			op_made_id(&op->origin, op->seq, &op->entity);
		op->fields = xcalloc(6, sizeof *op->fields);
		op->fields[0] = (struct field){ "name", val_text(part[2]) };
		op->fields[1] = (struct field){ "role",
		    val_text("early_help_worker") };
		op->fields[2] = (struct field){ "agency",
		    val_text("early_help") };
		op->fields[3] = (struct field){ "coordinator", val_int(1) };
		op->fields[4] = (struct field){ "admin", val_int(1) };
		op->fields[5] = (struct field){ "passhash", val_text(hash) };
		op->nfields = 6;
		return;
	}
	op->author = staff_named(ot, part[2]);
	op->entity = *fam;
	snprintf(op->etype, sizeof op->etype, "family");
	if (strcmp(part[0], "famset") == 0) {
		op->kind = OP_SET;
		snprintf(op->field, sizeof op->field, "household");
		op->value = val_text(part[3]);
		return;
	}
	if (strcmp(part[0], "famnew") != 0)
		die("change", part[0]);
	who = op->author;
	op->kind = OP_NEW;
	op->fields = xcalloc(5, sizeof *op->fields);
	op->fields[0] = (struct field){ "household", val_text(part[3]) };
	op->fields[1] = (struct field){ "locality", val_id(loc) };
	op->fields[2] = (struct field){ "level", val_int(1) };
	op->fields[3] = (struct field){ "status", val_text("closed") };
	op->fields[4] = (struct field){ "lead", val_id(&who) };
	op->nfields = 5;
}

int
main(int argc, char **argv)
{
	struct oneteam		 ot;
	struct team_info	 ti;
	struct bundle_head	 h;
	struct bundle_writer	 w;
	struct bundle_has	 e;
	struct op		 op[MAX_CHANGES];
	struct op_id		 link;
	struct id		 fam, loc;
	uint8_t			 key[TEAM_KEY_LEN], sk[64], fpk[32], fsk[64];
	char			*spec[MAX_CHANGES], *cause = NULL;
	char			 hash[MAX_CHANGES][SIGNIN_HASH_LEN];
	const char		*env;
	struct query		*q;
	uint64_t		 base;
	size_t			 n, i;
	FILE			*f;

	if (argc < 4 || argc - 3 > MAX_CHANGES) {
		fprintf(stderr, "usage: append DB OUT CHANGE...\n");
		return 2;
	}
	forger_open(argv[1], &ot, &ti, key, sk);
	q = query_prepare(ot.st, "SELECT max(seq) FROM op WHERE origin = ?1");
	query_bind_id(q, 1, store_site(ot.st));
	base = (uint64_t)query_count(q);
	if ((env = getenv("BASE")) != NULL)
		base = strtoull(env, NULL, 10);
	memset(&link, 0, sizeof link);
	if (base > 0 && store_link(ot.st, store_site(ot.st), base,
	    &link) != 1)
		die("BASE", "that change of the site is not held");
	/* A claim of the site's id by another: the whole bundle so. */
	if ((env = getenv("KEY")) != NULL && strcmp(env, "fresh") == 0) {
		crypto_sign_keypair(fpk, fsk);
		memcpy(sk, fsk, sizeof sk);
		sodium_memzero(fsk, sizeof fsk);
	}
	oldest_family(&ot, &fam, &loc);
	n = (size_t)argc - 3;
	memset(op, 0, sizeof op);
	for (i = 0; i < n; i++) {
		spec[i] = xstrdup(argv[3 + i]);
		op[i].version = (env = getenv("VERSION")) != NULL &&
		    strcmp(env, "2") == 0 ? OP_VERSION : OP_VERSION_1;
		op[i].origin = *store_site(ot.st);
		op[i].seq = base + i + 1;
		op[i].prev = link;
		change_of(&ot, spec[i], &op[i], &fam, &loc, hash[i]);
		if (op_encode(&op[i], &cause) != 0 ||
		    op_link(&op[i], &link, &link, &cause) != 0)
			die("encode", cause);
	}

	/* The site's head: its forged chain's, signed as its key says. */
	memset(&e, 0, sizeof e);
	e.origin = *store_site(ot.st);
	e.seq = base + n;
	memcpy(e.link, link.b, sizeof e.link);
	e.name = xstrdup(store_site_name(ot.st));
	bundle_head_sign(&ti.team, &e, sk);
	forger_header(&ot, &ti, sk, &e, 1, &h);
	h.changes = n;
	if ((f = fopen(argv[2], "wb")) == NULL)
		die(argv[2], "cannot write");
	if (bundle_write_start(&w, f, &h, key, &cause) != 0)
		die(argv[2], cause);
	for (i = 0; i < n; i++)
		if (bundle_write_record(&w, &op[i].id, op[i].enc,
		    op[i].enclen, &cause) != 0)
			die(argv[2], cause);
	if (bundle_write_end(&w, &cause) != 0)
		die(argv[2], cause);
	bundle_write_free(&w);
	if (fclose(f) != 0)
		die(argv[2], "cannot write");
	for (i = 0; i < n; i++) {
		op[i].value = val_null();
		op_free(&op[i]);
		free(spec[i]);
	}
	free(e.name);
	free(h.sender_name);
	sodium_memzero(sk, sizeof sk);
	oneteam_close(&ot);
	return 0;
}
