/*
 * admission.c owns which sites' changes a replica takes (admission.h):
 * the team's root, the sites admitted and the sites revoked, as the
 * admission records and this replica's view of the team say; and the
 * two changes that write those records. The fold asks admission_site()
 * through the judge (authority.c), once an origin a transaction.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "oneteam/admission.h"
#include "oneteam/authority.h"
#include "oneteam/op.h"
#include "oneteam/store.h"
#include "oneteam/xmalloc.h"
#include "admission-private.h"

void
admission_root_id(const uint8_t key[ADMISSION_KEY_LEN], struct id *team)
{
	static const char		tag[] = "oneteam team 1";
	crypto_generichash_state	h;

	crypto_generichash_init(&h, NULL, 0, ID_LEN);
	crypto_generichash_update(&h, (const uint8_t *)tag, sizeof tag);
	crypto_generichash_update(&h, key, ADMISSION_KEY_LEN);
	crypto_generichash_final(&h, team->b, ID_LEN);
}

/* Does the constant sql find a row for origin (?1), and with own, this
 * site's own id (?2)? 1, 0, -1. */
static int
admission_ask(struct store *st, const char *sql, const struct id *origin,
    int own)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, sql);
	query_bind_id(q, 1, origin);
	if (own)
		query_bind_id(q, 2, store_judge_own(st));
	rc = query_step(q);
	query_done(q);
	return rc;
}

/* Does origin sign with the key of the team's root (its own id, or one
 * its database took when copied or put back)? 1, 0, -1. */
static int
admission_is_root(struct store *st, const struct id *origin)
{
	return admission_ask(st, "SELECT 1 FROM team t WHERE t.root = ?1 "
	    "UNION ALL SELECT 1 FROM team t JOIN site_key r ON r.origin = "
	    "t.root JOIN site_key k ON k.key = r.key WHERE k.origin = ?1 "
	    "LIMIT 1", origin, 0);
}

int
admission_root(struct store *st, struct id *root)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "SELECT root FROM team WHERE id = 1 AND root "
	    "IS NOT NULL");
	if ((rc = query_step(q)) == 1)
		*root = query_id(q, 0);
	query_done(q);
	return rc;
}

/*
 * An admission (a) of site ?1 as it was when the team got its root: made
 * by the root (by its id, or a copy's), with the last change of the site
 * it held then and that change's link; and of the history held here:
 * that change held, with that link (so every change before it is the
 * root's too). Until it comes, none is taken as it was (a shorter
 * history may be a forger's); when it comes, the site's changes are
 * decided again (admission_admits()). Another numbered alike is refused
 * at import (trust.c).
 */
/* The root's site ids: its own, and a copy's (its key under a new id). */
#define ROOT_IDS "(SELECT t.root FROM team t WHERE t.id = 1 UNION SELECT " \
	"k.origin FROM team t JOIN site_key r ON r.origin = t.root JOIN " \
	"site_key k ON k.key = r.key)"
#define ROOT_MADE "a.site = ?1 AND a.what = 'admitted' AND a.link IS NOT " \
	"NULL AND EXISTS (SELECT 1 FROM op ao WHERE ao.id = a.op AND " \
	"ao.origin IN " ROOT_IDS ")"
#define AS_IT_WAS ROOT_MADE " AND EXISTS (SELECT 1 FROM op h WHERE " \
	"h.origin = a.site AND h.seq = a.last AND lower(hex(coalesce(" \
	"h.link, h.id))) = a.link)"

int
admission_pin(struct store *st, const struct id *origin, int64_t *last,
    uint8_t link[32])
{
	struct query	*q;
	const char	*hex;
	size_t		 len;
	int		 rc;

	q = query_prepare(st, "SELECT a.last, a.link FROM admission a WHERE "
	    ROOT_MADE " ORDER BY a.hlc, a.id LIMIT 1");
	query_bind_id(q, 1, origin);
	if ((rc = query_step(q)) == 1) {
		*last = query_int(q, 0);
		hex = query_text(q, 1);
		if (hex == NULL || sodium_hex2bin(link, 32, hex, strlen(hex),
		    NULL, &len, NULL) != 0 || len != 32)
			rc = 0;
	}
	query_done(q);
	return rc;
}

/*
 * Is op taken as it was, its site of the team before the team had a
 * root (team root admitted it so): a change up to the last of its site
 * the root held then, of the history it held? 1, 0, -1.
 */
static int
admission_as_it_was(struct store *st, const struct op *op)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "SELECT 1 FROM admission a WHERE " AS_IT_WAS
	    " AND a.last >= ?2 LIMIT 1");
	query_bind_id(q, 1, &op->origin);
	query_bind_int(q, 2, (int64_t)op->seq);
	rc = query_step(q);
	query_done(q);
	return rc;
}

int
admission_named(struct store *st, const struct op *op)
{
	struct id	 root;
	int		 rc;

	if ((rc = admission_root(st, &root)) <= 0)
		return rc < 0 ? -1 : 1;
	/* The root by any id its key had: a site that joined after the
	 * root recovered from a fork may know it by its new one. */
	if ((rc = admission_is_root(st, &op->origin)) != 0)
		return rc;
	return admission_as_it_was(st, op);
}

/* Is origin this site, or a site id it had before (its database copied
 * or put back: the same key file)? 1, 0, -1. */
static int
admission_own(struct store *st, const struct id *origin)
{
	if (id_cmp(origin, store_judge_own(st)) == 0)
		return 1;
	return admission_ask(st, "SELECT 1 FROM site_key a JOIN site_key b ON "
	    "a.key = b.key WHERE a.origin = ?1 AND b.origin = ?2", origin, 1);
}

/*
 * The last change of origin taken before its revocation: 1 with *last,
 * 0, -1. A revocation names each site id its key signed for at the
 * revoking site, with the last of each taken there; another id signed
 * with a revoked key (a copy of the database made since) has none of its
 * changes taken (*named 0).
 */
static int
admission_revoked(struct store *st, const struct id *origin, int64_t *last,
    int *named)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "SELECT min(coalesce(last, 0)) FROM admission "
	    "WHERE what = 'revoked' AND site = ?1 HAVING count(*) > 0");
	query_bind_id(q, 1, origin);
	if ((rc = query_step(q)) == 1) {
		*last = query_int(q, 0);
		*named = 1;
	}
	query_done(q);
	if (rc != 0)
		return rc;
	if ((rc = admission_ask(st, "SELECT 1 FROM admission a JOIN site_key "
	    "k ON a.key = lower(hex(k.key)) WHERE k.origin = ?1 AND a.what = "
	    "'revoked' LIMIT 1", origin, 0)) == 1) {
		*last = 0;
		*named = 0;
	}
	return rc;
}

/*
 * Is the key origin signs with here admitted? 1, 0, -1. A site is its
 * key: a database put back or copied takes a new site id, and signs with
 * the key it had.
 */
static int
admission_admitted(struct store *st, const struct id *origin)
{
	return admission_ask(st, "SELECT 1 FROM admission a JOIN site_key k "
	    "ON a.key = lower(hex(k.key)) WHERE k.origin = ?1 AND a.what = "
	    "'admitted' AND (a.link IS NULL OR EXISTS (SELECT 1 FROM op ao "
	    "WHERE ao.id = a.op AND ao.origin IN " ROOT_IDS ")) LIMIT 1",
	    origin, 0);
}

/*
 * Was origin admitted by its id alone, as it was when the team got its
 * root, its key never heard (team root)? 1 with *upto, the last of its
 * changes the root held then; 0, -1. Only those are taken: a later one
 * under its id, whosever key signed it, is held until an administrator
 * admits the site by its fingerprint.
 */
static int
admission_keyless(struct store *st, const struct id *origin, int64_t *upto)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "SELECT max(a.last) FROM admission a WHERE "
	    AS_IT_WAS " AND a.key IS NULL HAVING count(*) > 0");
	query_bind_id(q, 1, origin);
	if ((rc = query_step(q)) == 1)
		*upto = query_int(q, 0);
	query_done(q);
	return rc;
}

/*
 * Was origin's id admitted with another key than the one it signs with
 * here (its key first learnt from a bundle that claimed the id before
 * the admission came)? Then its changes are another's in its name,
 * whatever key signed them. 1, 0, -1.
 */
static int
admission_other_key(struct store *st, const struct id *origin)
{
	return admission_ask(st, "SELECT 1 FROM admission a JOIN site_key k "
	    "ON k.origin = a.site WHERE a.site = ?1 AND a.what = 'admitted' "
	    "AND a.key <> lower(hex(k.key)) LIMIT 1", origin, 0);
}

int
admission_site(struct store *st, const struct id *origin, int64_t *last,
    char **why)
{
	struct id	root;
	int		rc, named = 0, rooted;

	*last = -1;
	*why = NULL;
	/* A site's own changes are its own, whatever others make of it. */
	if ((rc = admission_own(st, origin)) != 0) {
		if (rc < 0)
			goto fail;
		return 1;
	}
	/* The site that made the team is its root, never revoked. */
	if ((rooted = admission_root(st, &root)) < 0)
		goto fail;
	if (rooted && (rc = admission_is_root(st, origin)) != 0) {
		if (rc < 0)
			goto fail;
		return 1;
	}
	if ((rc = admission_revoked(st, origin, last, &named)) < 0)
		goto fail;
	if (rc == 1 && named)
		xasprintf(why, "its site was revoked after its change %lld",
		    (long long)*last);
	else if (rc == 1)
		*why = xstrdup("it is signed with a revoked site's key");
	/* A team made before sites were admitted takes every site's. */
	if (rooted == 0)
		return 1;
	if ((rc = admission_other_key(st, origin)) < 0)
		goto fail;
	if (rc == 1) {
		free(*why);
		*why = xstrdup("it is signed with another key than the one its "
		    "site was admitted with: made in its name");
		*last = -1;
		return 0;
	}
	if ((rc = admission_admitted(st, origin)) < 0)
		goto fail;
	if (rc == 1)
		return 1;
	if (*last < 0 && (rc = admission_keyless(st, origin, last)) != 0) {
		if (rc < 0)
			goto fail;
		free(*why);
		xasprintf(why, "its site's key was not heard when the team got "
		    "its root: its changes after its change %lld are held "
		    "until an administrator admits it by its fingerprint",
		    (long long)*last);
		return 2;
	}
	free(*why);
	*why = xstrdup("its site is not admitted to the team");
	*last = -1;
	return 0;
fail:
	free(*why);
	*why = xstrdup("the database failed while a site's admission was "
	    "read");
	return -1;
}

/*
 * The first admission made of origin's key, taken or not (refused, or
 * the one being decided): its place. A site's changes dated before its
 * admission never count for it, even where the admission is not taken:
 * else at the site itself, whose own changes are its own, a change of
 * its own dated before its admission (its clock behind) that alters its
 * author's authority decides the admission other than elsewhere.
 */
static int
admission_made_for(struct store *st, const struct id *origin,
    struct op *place)
{
	struct query	*q;
	struct op	 o;
	const char	*want;
	char		*cause = NULL;
	size_t		 i;
	int		 rc, key, admitted, found = 0;

	/* Admissions are few: their own index (migration 21). */
	q = query_prepare(st, "SELECT o.enc, lower(hex(k.key)) FROM op o, "
	    "site_key k WHERE o.etype = 'admission' AND o.kind = 1 AND "
	    "k.origin = ?1 ORDER BY o.hlc, o.origin, o.seq");
	query_bind_id(q, 1, origin);
	while (!found && (rc = query_step(q)) == 1) {
		const void	*enc;
		size_t		 len;

		enc = query_blob(q, 0, &len);
		want = query_text(q, 1);
		if (want == NULL || op_decode(enc, len, &o, &cause) != 0) {
			free(cause);
			cause = NULL;
			continue;
		}
		key = admitted = 0;
		for (i = 0; i < o.nfields; i++) {
			if (o.fields[i].v.type != VAL_TEXT)
				continue;
			if (strcmp(o.fields[i].name, "key") == 0)
				key = strcmp(o.fields[i].v.s, want) == 0;
			else if (strcmp(o.fields[i].name, "what") == 0)
				admitted = strcmp(o.fields[i].v.s,
				    "admitted") == 0;
		}
		if (key && admitted) {
			place->hlc = o.hlc;
			place->origin = o.origin;
			place->seq = o.seq;
			found = 1;
		}
		op_free(&o);
	}
	query_done(q);
	return rc < 0 ? -1 : found;
}

/* The generation of kinds the admission in column col was made by. */
static unsigned
admission_made_of(struct query *q, int col)
{
	const void	*enc;
	struct op	 o;
	char		*why = NULL;
	size_t		 len;
	unsigned	 made = 0;

	enc = query_blob(q, col, &len);
	if (enc != NULL && op_decode(enc, len, &o, &why) == 0) {
		made = o.made;
		op_free(&o);
	} else
		free(why);
	return made;
}

int
admission_place(struct store *st, const struct op *op, struct op *place)
{
	struct query	*q;
	struct id	 root;
	const struct id	*origin = &op->origin;
	int		 rc;

	if ((rc = admission_root(st, &root)) <= 0 ||
	    (rc = admission_is_root(st, origin)) != 0 ||
	    (rc = admission_as_it_was(st, op)) != 0)
		return rc < 0 ? -1 : 0;
	q = query_prepare(st, "SELECT o.hlc, o.origin, o.seq, o.enc FROM "
	    "admission a JOIN site_key k ON a.key = lower(hex(k.key)) JOIN op "
	    "o ON o.id = a.op WHERE k.origin = ?1 AND a.what = 'admitted' "
	    "ORDER BY o.hlc, o.origin, o.seq LIMIT 1");
	query_bind_id(q, 1, origin);
	if ((rc = query_step(q)) == 1) {
		place->hlc = (uint64_t)query_int(q, 0);
		place->origin = query_id(q, 1);
		place->seq = (uint64_t)query_int(q, 2);
		place->made = admission_made_of(q, 3);
	}
	query_done(q);
	/* Only this site's own changes stand where its admission is not
	 * taken (another's are held until it is). */
	if (rc == 0 && (rc = admission_own(st, origin)) == 1)
		rc = admission_made_for(st, origin, place);
	return rc;
}

int
admission_key_of(struct store *st, const struct id *origin,
    uint8_t key[ADMISSION_KEY_LEN])
{
	struct query	*q;
	size_t		 len;
	int		 rc;

	q = query_prepare(st, "SELECT key FROM admission WHERE site = ?1 AND "
	    "what = 'admitted' AND key IS NOT NULL ORDER BY hlc, id LIMIT 1");
	query_bind_id(q, 1, origin);
	if ((rc = query_step(q)) == 1 && (query_text(q, 0) == NULL ||
	    sodium_hex2bin(key, ADMISSION_KEY_LEN, query_text(q, 0),
	    strlen(query_text(q, 0)), NULL, &len, NULL) != 0 ||
	    len != ADMISSION_KEY_LEN))
		rc = 0;
	query_done(q);
	return rc;
}

int
admission_revoker(struct store *st, const struct op *op)
{
	struct id	root;
	size_t		i;
	int		rc;

	for (i = 0; i < op->nfields; i++)
		if (strcmp(op->fields[i].name, "what") == 0 &&
		    op->fields[i].v.type == VAL_TEXT &&
		    strcmp(op->fields[i].v.s, "revoked") == 0)
			break;
	if (op->kind != OP_NEW || i == op->nfields)
		return 1;
	/* A team made before sites were admitted has no such site. */
	if ((rc = admission_root(st, &root)) <= 0)
		return rc < 0 ? -1 : 1;
	return admission_is_root(st, &op->origin);
}

/*
 * Is op the change an admission as it was pins (its site's last the root
 * held)? Then its site's changes are taken as they were from now on,
 * and are decided again: 1 with *v its site, 0, -1.
 */
static int
admission_pinned_came(struct store *st, const struct op *op, struct id **v,
    size_t *n)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "SELECT 1 FROM admission WHERE site = ?1 AND "
	    "what = 'admitted' AND last = ?2 AND link IS NOT NULL");
	query_bind_id(q, 1, &op->origin);
	query_bind_int(q, 2, (int64_t)op->seq);
	rc = query_step(q);
	query_done(q);
	if (rc != 1)
		return rc;
	*v = xcalloc(1, sizeof **v);
	(*v)[0] = op->origin;
	*n = 1;
	return 1;
}

int
admission_admits(struct store *st, const struct op *op, struct id **v,
    size_t *n)
{
	struct query	*q;
	const char	*key = "";
	struct id	 site;
	size_t		 i;
	int		 rc, named = 0;

	*v = NULL;
	*n = 0;
	if (op->kind != OP_NEW || strcmp(op->etype, "admission") != 0)
		return admission_pinned_came(st, op, v, n);
	for (i = 0; i < op->nfields; i++) {
		if (strcmp(op->fields[i].name, "site") == 0 &&
		    op->fields[i].v.type == VAL_ID) {
			site = op->fields[i].v.id;
			named = 1;
		} else if (strcmp(op->fields[i].name, "key") == 0 &&
		    op->fields[i].v.type == VAL_TEXT)
			key = op->fields[i].v.s;
	}
	/* The site it names, and every other that signs with its key. */
	q = query_prepare(st, "SELECT origin FROM site_key WHERE "
	    "lower(hex(key)) = ?1");
	query_bind_text(q, 1, key);
	while ((rc = query_step(q)) == 1) {
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[(*n)++] = query_id(q, 0);
	}
	query_done(q);
	if (rc < 0) {
		free(*v);
		*v = NULL;
		*n = 0;
		return -1;
	}
	for (i = 0; named && i < *n; i++)
		if (id_cmp(&(*v)[i], &site) == 0)
			named = 0;
	if (named) {
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[(*n)++] = site;
	}
	return 1;
}

/* --- admitting and revoking ---------------------------------------------- */

int
admission_write(struct oneteam *ot, const struct admission_arg *a,
    char **cause)
{
	struct field	f[6];
	struct id	id;
	char		hex[ADMISSION_KEY_LEN * 2 + 1];
	size_t		n = 0;

	f[n++] = (struct field){ "site", val_id(a->origin) };
	f[n++] = (struct field){ "what", val_text(a->what) };
	if (a->key != NULL) {
		sodium_bin2hex(hex, sizeof hex, a->key, ADMISSION_KEY_LEN);
		f[n++] = (struct field){ "key", val_text(hex) };
	}
	f[n++] = (struct field){ "name", val_text(a->name) };
	if (a->last >= 0)
		f[n++] = (struct field){ "last", val_int(a->last) };
	if (a->link != NULL)
		f[n++] = (struct field){ "link", val_text(a->link) };
	return store_new(ot->st, "admission", f, n, &id, cause);
}

static int
admission_admit_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct admission_arg	*a = arg;
	struct query		*q;
	struct id		*v;
	char			 hex[ADMISSION_KEY_LEN * 2 + 1], *known;
	size_t			 n, i;
	int			 rc;

	if (authority_need_to_admit(ot, NULL, cause) != 0)
		return -1;
	sodium_bin2hex(hex, sizeof hex, a->key, ADMISSION_KEY_LEN);
	q = query_prepare(ot->st, "SELECT 1 FROM admission WHERE what = "
	    "'revoked' AND key = ?1");
	query_bind_text(q, 1, hex);
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 1)
		return oneteam_refuse(ot, cause, "that site's key was revoked: "
		    "it is not admitted again (set the machine up as a new "
		    "site)");
	q = query_prepare(ot->st, "SELECT 1 FROM admission WHERE what = "
	    "'admitted' AND key = ?1");
	query_bind_text(q, 1, hex);
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 1) {
		known = site_label(ot->st, a->origin);
		rc = oneteam_refuse(ot, cause, "the site with that fingerprint, "
		    "%s, is admitted already", known);
		free(known);
		return rc;
	}
	/* Names are unique in a team (a bundle is made for a site by it). */
	v = site_named(ot->st, a->name, &n);
	for (i = 0; i < n && id_cmp(&v[i], a->origin) == 0; i++)
		;
	free(v);
	if (i < n)
		return oneteam_refuse_field(ot, cause, "name", "another site "
		    "of the team is named \"%s\" already", a->name);
	return admission_write(ot, a, cause);
}

int
admission_admit(struct oneteam *ot, const struct id *origin,
    const uint8_t key[ADMISSION_KEY_LEN], const char *name, char **cause)
{
	struct admission_arg	a = { origin, key, name, "admitted", -1, NULL };

	return oneteam_change(ot, admission_admit_fn, &a, cause);
}

/* The last change of origin taken here (held ones never were): 0, -1. */
static int
admission_last_taken(struct store *st, const struct id *origin, int64_t *last)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "SELECT coalesce(max(seq), 0) FROM op o WHERE "
	    "origin = ?1 AND NOT EXISTS (SELECT 1 FROM refused r WHERE r.op = "
	    "o.id AND r.gate > 0)");
	query_bind_id(q, 1, origin);
	if ((rc = query_step(q)) == 1)
		*last = query_int(q, 0);
	query_done(q);
	return rc == 1 ? 0 : -1;
}

/* Refused here, not at the root: named, so the person knows where. */
static int
admission_revoke_there(struct oneteam *ot, const char *name, char **cause)
{
	struct id	 root;
	char		*there;
	int		 rc;

	if (admission_root(ot->st, &root) != 1)
		return oneteam_db_fail(ot, cause);
	there = site_label(ot->st, &root);
	rc = oneteam_refuse(ot, cause, "a site is revoked only at the team's "
	    "root, %s, so that two sites cannot revoke each other: revoke "
	    "\"%s\" there", there, name);
	free(there);
	return rc;
}

/*
 * Revoke a->origin, and every other site id that signs with its key here
 * (its database copied or put back), each after its last change taken
 * here: a change each.
 */
static int
admission_revoke_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct admission_arg	*a = arg, one;
	struct query		*q;
	struct id		*v = NULL;
	int64_t			 before = 0, first = 0, *last;
	size_t			 n = 0, i;
	int			 rc = 0, named, wrote = 0, *skip;

	if (authority_need_to_admit(ot, NULL, cause) != 0)
		return -1;
	if ((rc = admission_is_root(ot->st, a->origin)) != 0)
		return rc < 0 ? oneteam_db_fail(ot, cause) : oneteam_refuse(ot,
		    cause, "\"%s\" made the team and is never revoked: if "
		    "its key may be in other hands, make a new team", a->name);
	if ((rc = admission_rooted(ot, cause)) < 0 || (rc == 1 &&
	    (rc = admission_is_root(ot->st, store_site(ot->st))) != 1))
		return rc < 0 ? -1 : admission_revoke_there(ot, a->name,
		    cause);
	/* The ids its key signs for here, the one named first. */
	v = xreallocarray(v, ++n, sizeof *v);
	v[0] = *a->origin;
	q = query_prepare(ot->st, "SELECT k.origin FROM site_key k JOIN "
	    "site_key s ON s.key = k.key WHERE s.origin = ?1 AND k.origin <> "
	    "?1");
	query_bind_id(q, 1, a->origin);
	while ((rc = query_step(q)) == 1) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = query_id(q, 0);
	}
	query_done(q);
	/* Each id's last taken and whether it is revoked already, all
	 * before any is revoked: revoking one refuses the others' changes
	 * that its key signed. */
	last = xcalloc(n, sizeof *last);
	skip = xcalloc(n, sizeof *skip);
	for (i = 0; rc == 0 && i < n; i++) {
		named = 0;
		if (admission_last_taken(ot->st, &v[i], &last[i]) != 0 ||
		    (rc = admission_revoked(ot->st, &v[i], &before,
		    &named)) < 0) {
			rc = -1;
			break;
		}
		rc = 0;
		skip[i] = named && before <= last[i];
		if (i == 0)
			first = named ? before : last[i];
	}
	a->last = last[0];
	for (i = 0; rc == 0 && i < n; i++) {
		if (skip[i])
			continue;
		one = *a;
		one.origin = &v[i];
		one.last = last[i];
		if ((rc = admission_write(ot, &one, cause)) != 0)
			break;
		wrote++;
	}
	free(v);
	free(last);
	free(skip);
	if (rc < 0)
		return *cause != NULL ? -1 : oneteam_db_fail(ot, cause);
	if (wrote == 0)
		return oneteam_refuse(ot, cause, "site \"%s\" is revoked "
		    "already, after its change %lld", a->name,
		    (long long)first);
	return 0;
}

int
admission_revoke(struct oneteam *ot, const struct id *origin,
    const uint8_t *key, const char *name, int64_t *last, char **cause)
{
	struct admission_arg	a = { origin, key, name, "revoked", -1, NULL };

	if (oneteam_change(ot, admission_revoke_fn, &a, cause) != 0)
		return -1;
	*last = a.last;
	return 0;
}

/* --- how a site stands ---------------------------------------------------- */

int
admission_rooted(struct oneteam *ot, char **cause)
{
	struct id	root;
	int		rc;

	if ((rc = admission_root(ot->st, &root)) < 0)
		return oneteam_db_fail(ot, cause);
	return rc;
}

int
admission_of(struct oneteam *ot, const struct id *origin,
    struct admission_info *ai, char **cause)
{
	struct id	 root;
	char		*why = NULL;
	int		 rc, rooted;

	memset(ai, 0, sizeof *ai);
	if ((rc = admission_site(ot->st, origin, &ai->last, &why)) < 0 ||
	    (rooted = admission_root(ot->st, &root)) < 0 ||
	    store_held(ot->st, origin, &ai->held) != 0) {
		free(why);
		return oneteam_db_fail(ot, cause);
	}
	free(why);
	if (id_cmp(origin, store_site(ot->st)) == 0)
		ai->state = ADMISSION_SELF;
	else if (rc == 0 || (rc == 2 && ai->held > 0))
		ai->state = ADMISSION_HELD;
	else if (rc == 2)
		ai->state = ADMISSION_ADMITTED;
	else if (ai->last >= 0)
		ai->state = ADMISSION_REVOKED;
	else if (rooted == 0)
		ai->state = ADMISSION_BEFORE;
	else if (admission_is_root(ot->st, origin) == 1)
		ai->state = ADMISSION_ROOT;
	else
		ai->state = ADMISSION_ADMITTED;
	return 0;
}
