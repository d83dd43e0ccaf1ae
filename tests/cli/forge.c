/*
 * forge: a test helper that does what a member holding the team key and
 * a copy of the team's records could do (sync-design.md, "Trust"): write
 * a bundle, sealed with the team key, holding one change made in another
 * site's name, taking that site's next number, setting the passphrase of
 * the team's first administrator. oneteam must refuse it.
 *
 *   forge DB SITE OUT own-key|site-key|unsigned|authority|admission|
 *       in-name|wrong-key|backdated|remake|old
 *
 * DB is the forger's database (its key file beside it), SITE the name of
 * the site to forge (as DB knows it), OUT the bundle written. The bundle
 * is the forger's own, its header signed by the forger's site with its
 * own head; the head of the forged change is signed with the forger's
 * own key and gives that key (own-key), gives SITE's key with the
 * forger's signature (site-key), or is not signed (unsigned). With
 * authority, the change is the forger's site's own, well signed, made in
 * the name of a member of staff who is neither a coordinator nor an
 * administrator (SITE is then the forger's own site): the fold refuses
 * it at every site. With admission, the same practitioner's change admits
 * SITE (a site that joined the team and was not admitted, whose bundle DB
 * has imported): refused the same. With in-name, the forger's site's
 * own change, well signed by the site, sets the administrator's
 * passphrase in the administrator's own name, not signed by them (the
 * forger has not their passphrase, so not their key); with wrong-key,
 * signed in their name with a key of the forger's making: the fold
 * refuses both at every site. With backdated, the change in her name
 * makes the first practitioner (the forger) an administrator, dated just
 * after her record was made, before her passphrase was set (when she had
 * no key): judged where the forger's site was admitted, it is refused
 * the same. With remake, the forger's site's own change, well signed by
 * the site, makes the team's oldest family again under its id (one made
 * before ids were derived from their making), closed and led by the
 * practitioner, dated in 1970: refused at every site, since a change of
 * a chain makes only the id its place gives; with old, the same in the
 * encoding from before chains (version 1), after the forger's site's
 * changes of the new one: a bundle holding it is refused. $FORGE_PASSPHRASE, when
 * set, is the
 * author's own passphrase (the forger's, a practitioner's): the change is
 * then signed with their key, as their own would be.
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

const char	*forger_name = "forge";
#define die	forger_die

/* The site's last change held in DB: its number and link. */
static void
forge_last(struct oneteam *ot, const struct id *site, struct op *op)
{
	struct query	*q;

	q = query_prepare(ot->st, "SELECT max(seq) FROM op WHERE origin = ?1");
	query_bind_id(q, 1, site);
	op->seq = (uint64_t)query_count(q) + 1;
	if (store_link(ot->st, site, op->seq - 1, &op->prev) != 1)
		die("link", "the site's last change is not held");
}

int
main(int argc, char **argv)
{
	struct oneteam		 ot;
	struct team_info	 ti;
	struct bundle_head	 h;
	struct bundle_writer	 w;
	struct bundle_has	 e[2];
	struct query		*q;
	struct op		 op;
	struct op_id		 link;
	struct id		 site, admin, author, rogue;
	uint8_t			 key[TEAM_KEY_LEN], sk[64], pk[SITE_KEY_LEN];
	char			*cause = NULL, hex[2 * SITE_KEY_LEN + 1];
	const char		*pass;
	FILE			*f;
	uint8_t			 wpk[32], wsk[64], opl[OP_ID_LEN];
	size_t			 nhas;
	int			 own, admit, inname, remake;

	if (argc != 5) {
		fprintf(stderr, "usage: forge DB SITE OUT own-key|site-key|"
		    "unsigned|authority|admission|in-name|wrong-key|"
		    "backdated|remake|old\n");
		return 2;
	}
	admit = strcmp(argv[4], "admission") == 0;
	inname = strcmp(argv[4], "in-name") == 0 ||
	    strcmp(argv[4], "wrong-key") == 0 ||
	    strcmp(argv[4], "backdated") == 0;
	remake = strcmp(argv[4], "remake") == 0 || strcmp(argv[4], "old") == 0;
	own = admit || inname || remake || strcmp(argv[4], "authority") == 0;
	forger_open(argv[1], &ot, &ti, key, sk);
	if (own)
		site = *store_site(ot.st);
	else if (sync_site_find(&ot, argv[2], &site, &cause) != 0)
		die(argv[2], cause);
	if (admit && (sync_site_find(&ot, argv[2], &rogue, &cause) != 0 ||
	    trust_key_get(&ot, &rogue, pk) != 1))
		die(argv[2], cause != NULL ? cause : "its key is not known here");
	q = query_prepare(ot.st, "SELECT id FROM staff WHERE admin = 1 ORDER "
	    "BY created LIMIT 1");
	if (query_step(q) != 1)
		die("staff", "no administrator");
	admin = query_id(q, 0);
	query_done(q);
	author = admin;
	if (own && !inname) {
		q = query_prepare(ot.st, "SELECT id FROM staff WHERE admin = 0 "
		    "AND coordinator = 0 ORDER BY created LIMIT 1");
		if (query_step(q) != 1)
			die("staff", "no practitioner");
		author = query_id(q, 0);
		query_done(q);
	}

	/* The change: the administrator's passphrase, as SITE would. */
	memset(&op, 0, sizeof op);
	op.kind = OP_SET;
	op.origin = site;
	op.author = author;
	/* After every change it holds, as its clock would stamp it. */
	q = query_prepare(ot.st, "SELECT max(hlc) FROM op");
	op.hlc = (uint64_t)query_count(q) + 1;
	snprintf(op.etype, sizeof op.etype, "staff");
	snprintf(op.field, sizeof op.field, "passhash");
	op.entity = admin;
	op.value = val_text("$argon2id$v=19$m=65536,t=2,p=1$Zm9yZ2Vk$Zm9yZ2Vk");
	if (admit) {
		/* Instead: SITE admitted, as team admit would write it. */
		sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
		op.kind = OP_NEW;
		snprintf(op.etype, sizeof op.etype, "admission");
		op.field[0] = '\0';
		op.value = val_null();
		op.fields = xcalloc(4, sizeof *op.fields);
		op.fields[0] = (struct field){ "site", val_id(&rogue) };
		op.fields[1] = (struct field){ "what", val_text("admitted") };
		op.fields[2] = (struct field){ "key", val_text(hex) };
		op.fields[3] = (struct field){ "name", val_text(argv[2]) };
		op.nfields = 4;
	}
	if (remake) {
		/* Instead: the oldest family made again, in 1970. */
		struct id	fam, locality;

		q = query_prepare(ot.st, "SELECT id, locality FROM family "
		    "ORDER BY hlc LIMIT 1");
		if (query_step(q) != 1)
			die("family", "none");
		fam = query_id(q, 0);
		locality = query_id(q, 1);
		query_done(q);
		op.kind = OP_NEW;
		snprintf(op.etype, sizeof op.etype, "family");
		op.field[0] = '\0';
		op.entity = fam;
		op.value = val_null();
		op.fields = xcalloc(5, sizeof *op.fields);
		op.fields[0] = (struct field){ "household",
		    val_text("Taken family") };
		op.fields[1] = (struct field){ "locality", val_id(&locality) };
		op.fields[2] = (struct field){ "level", val_int(1) };
		op.fields[3] = (struct field){ "status", val_text("closed") };
		op.fields[4] = (struct field){ "lead", val_id(&author) };
		op.nfields = 5;
		op.hlc = 1 << 16;
		if (strcmp(argv[4], "old") == 0)
			op.version = OP_VERSION_1;
	}
	forge_last(&ot, &site, &op);
	/* A site's admission, under the id its place gives. */
	if (admit)
		op_made_id(&site, op.seq, &op.entity);
	if (strcmp(argv[4], "backdated") == 0) {
		/* After her making, before her passphrase: at her making's
		 * clock if this site sorts after its site, else just after. */
		q = query_prepare(ot.st, "SELECT hlc, origin FROM op WHERE "
		    "entity = ?1 AND kind = 1");
		query_bind_id(q, 1, &admin);
		if (query_step(q) != 1)
			die("staff", "the administrator's making is not held");
		op.hlc = (uint64_t)query_int(q, 0);
		rogue = query_id(q, 1);
		query_done(q);
		if (id_cmp(&site, &rogue) < 0)
			op.hlc++;
		q = query_prepare(ot.st, "SELECT id FROM staff WHERE admin = 0 "
		    "AND coordinator = 0 ORDER BY created LIMIT 1");
		if (query_step(q) != 1)
			die("staff", "no practitioner");
		op.entity = query_id(q, 0);
		query_done(q);
		snprintf(op.field, sizeof op.field, "admin");
		op.value = val_int(1);
	}
	crypto_sign_keypair(wpk, wsk);
	if ((pass = getenv("FORGE_PASSPHRASE")) != NULL &&
	    signin_verify(&ot, &author, pass, strlen(pass), &cause) != 0)
		die("FORGE_PASSPHRASE", cause);
	if (op_encode_signed(&op, strcmp(argv[4], "wrong-key") == 0 ? wsk :
	    store_signer(ot.st, &author), &cause) != 0 ||
	    op_link(&op, &op.prev, &link, &cause) != 0)
		die("encode", cause);
	memcpy(opl, link.b, sizeof opl);

	/* The forger's own head, as its site signs it. */
	memset(&h, 0, sizeof h);
	memset(e, 0, sizeof e);
	e[0].origin = *store_site(ot.st);
	q = query_prepare(ot.st, "SELECT max(seq) FROM op WHERE origin = ?1");
	query_bind_id(q, 1, &e[0].origin);
	e[0].seq = (uint64_t)query_count(q);
	if (store_link(ot.st, &e[0].origin, e[0].seq, &link) != 1)
		die("link", "the forger's own last change is not held");
	memcpy(e[0].link, link.b, sizeof e[0].link);
	e[0].name = xstrdup(store_site_name(ot.st));
	bundle_head_sign(&ti.team, &e[0], sk);
	nhas = 2;
	if (own) {
		/* The forger's own head is the forged change's. */
		e[0].seq = op.seq;
		memcpy(e[0].link, opl, sizeof e[0].link);
		bundle_head_sign(&ti.team, &e[0], sk);
		nhas = 1;
	}
	/* The forged change's. */
	e[1].origin = site;
	e[1].seq = op.seq;
	e[1].name = xstrdup(argv[2]);
	memcpy(e[1].link, opl, sizeof e[1].link);
	if (strcmp(argv[4], "unsigned") != 0)
		bundle_head_sign(&ti.team, &e[1], sk);
	if (strcmp(argv[4], "site-key") == 0) {
		if (trust_key_get(&ot, &site, pk) != 1)
			die(argv[2], "its key is not known here");
		memcpy(e[1].key, pk, sizeof pk);
	} else if (strcmp(argv[4], "unsigned") == 0) {
		memset(e[1].key, 0, sizeof e[1].key);
		e[1].is_signed = 0;
	} else if (strcmp(argv[4], "own-key") != 0 && !own)
		die(argv[4], "expected own-key, site-key, unsigned, authority, "
		    "admission, in-name, wrong-key, backdated, remake or old");

	forger_header(&ot, &ti, sk, e, nhas, &h);
	h.changes = 1;
	if ((f = fopen(argv[3], "wb")) == NULL)
		die(argv[3], "cannot write");
	if (bundle_write_start(&w, f, &h, key, &cause) != 0 ||
	    bundle_write_record(&w, &op.id, op.enc, op.enclen, &cause) != 0 ||
	    bundle_write_end(&w, &cause) != 0)
		die(argv[3], cause);
	bundle_write_free(&w);
	if (fclose(f) != 0)
		die(argv[3], "cannot write");
	op.value.s = NULL;
	op_free(&op);
	free(e[0].name);
	free(e[1].name);
	free(h.sender_name);
	oneteam_close(&ot);
	return 0;
}
