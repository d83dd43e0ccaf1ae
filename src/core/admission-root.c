/*
 * admission-root.c owns the root of a team made before sites were
 * admitted (admission.h). An administrator makes their own site the
 * team's root (team root): every site whose changes it holds is admitted,
 * as it was, in changes signed by them; and each other site takes that
 * site for its root by its fingerprint, read out as for an admission
 * (team root FINGERPRINT). Which site is root is each replica's to know,
 * as the team it is in: not a change that two sites could make apart and
 * the order decide. From then on the team is as one made since: a site
 * takes the changes of the root and of the sites admitted, a new site is
 * admitted by its fingerprint, and a change made before is taken as it
 * was only up to the last of its site the root held.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "oneteam/admission.h"
#include "oneteam/authority.h"
#include "oneteam/op.h"
#include "oneteam/signin.h"
#include "oneteam/store.h"
#include "oneteam/xmalloc.h"
#include "admission-private.h"

struct root_arg {
	struct admission_kept	*v;
	size_t			 n;
};

/* The sites whose changes this replica holds, but its own: each with the
 * last of its changes held and its key if known. 0, -1. */
static int
admission_sites_held(struct store *st, struct root_arg *a)
{
	struct query		*q;
	struct admission_kept	*k;
	struct op_id		 link;
	const void		*p;
	size_t			 len, i;
	int			 rc;

	/* To the last whose link is known (a change of the release before
	 * after a gap has none): that history, and no other, is pinned. */
	q = query_prepare(st, "SELECT o.origin, max(o.seq), k.key FROM op o "
	    "LEFT JOIN site_key k ON k.origin = o.origin LEFT JOIN site s ON "
	    "s.id = o.origin WHERE o.origin NOT IN (SELECT a.origin FROM "
	    "site_key a JOIN site_key b ON a.key = b.key WHERE b.origin = ?1) "
	    "AND o.origin <> ?1 AND (o.link IS NULL OR length(o.link) > 0) "
	    "GROUP BY o.origin ORDER BY s.name, o.origin");
	query_bind_id(q, 1, store_site(st));
	while ((rc = query_step(q)) == 1) {
		a->v = xreallocarray(a->v, a->n + 1, sizeof *a->v);
		k = &a->v[a->n++];
		memset(k, 0, sizeof *k);
		k->origin = query_id(q, 0);
		k->last = query_int(q, 1);
		p = query_blob(q, 2, &len);
		if ((k->keyed = len == ADMISSION_KEY_LEN))
			memcpy(k->key, p, ADMISSION_KEY_LEN);
		k->name = site_label(st, &k->origin);
	}
	query_done(q);
	for (i = 0; rc == 0 && i < a->n; i++) {
		k = &a->v[i];
		if ((rc = store_link(st, &k->origin, (uint64_t)k->last,
		    &link)) != 1)
			return -1;
		sodium_bin2hex(k->link, sizeof k->link, link.b, OP_ID_LEN);
		rc = 0;
	}
	return rc < 0 ? -1 : 0;
}

/* Does a passphrase's hash give the key that signed op? */
static int
admission_signed_with(const struct op *op, const char *hash)
{
	uint8_t	pk[SIGNIN_PK_LEN];

	return hash != NULL && signin_key_of(hash, pk) &&
	    op_author_verify(op, pk);
}

/*
 * Is op signed by its author, an administrator (their record as it
 * stands here), with a key one of their passphrases gave them: as it
 * stands, or one set before and not refused (they may have changed it
 * since)? 1, 0, -1. A root made in the name of one who never signed it,
 * or by one who may not, is no one's word.
 */
static int
admission_signed_by_admin(struct store *st, const struct op *op)
{
	struct query	*q;
	struct op	 set;
	const void	*enc;
	char		*cause = NULL;
	size_t		 len, i;
	int		 rc, yes = 0;

	q = query_prepare(st, "SELECT passhash FROM staff WHERE id = ?1 AND "
	    "admin = 1 AND active = 1");
	query_bind_id(q, 1, &op->author);
	if ((rc = query_step(q)) == 1)
		yes = admission_signed_with(op, query_text(q, 0));
	query_done(q);
	if (rc <= 0 || yes)
		return rc < 0 ? -1 : yes;
	q = query_prepare(st, "SELECT o.enc FROM op o WHERE o.etype = 'staff' "
	    "AND o.entity = ?1 AND (o.kind = 1 OR o.field = 'passhash') AND "
	    "NOT EXISTS (SELECT 1 FROM refused r WHERE r.op = o.id)");
	query_bind_id(q, 1, &op->author);
	while (!yes && (rc = query_step(q)) == 1) {
		enc = query_blob(q, 0, &len);
		if (op_decode(enc, len, &set, &cause) != 0) {
			free(cause);
			cause = NULL;
			continue;
		}
		if (set.kind == OP_SET && set.value.type == VAL_TEXT)
			yes = admission_signed_with(op, set.value.s);
		for (i = 0; i < set.nfields; i++)
			if (strcmp(set.fields[i].name, "passhash") == 0 &&
			    set.fields[i].v.type == VAL_TEXT)
				yes |= admission_signed_with(op,
				    set.fields[i].v.s);
		op_free(&set);
	}
	query_done(q);
	return rc < 0 ? -1 : yes;
}

int
admission_roots_made(struct store *st, struct admission_made **v, size_t *n)
{
	struct query		*q;
	struct op		 op;
	struct admission_made	*m;
	const void		*enc;
	const char		*what, *key;
	char			*cause = NULL;
	size_t			 len, i, j;
	int			 rc;

	*v = NULL;
	*n = 0;
	/* From the log, taken or not: which changes a site takes turns on
	 * its root, so these must not. In the order of changes. */
	q = query_prepare(st, "SELECT enc FROM op WHERE kind = 1 AND etype = "
	    "'admission' ORDER BY hlc, origin, seq");
	while ((rc = query_step(q)) == 1) {
		enc = query_blob(q, 0, &len);
		if (op_decode(enc, len, &op, &cause) != 0) {
			free(cause);
			cause = NULL;
			continue;
		}
		what = key = NULL;
		for (i = 0; i < op.nfields; i++)
			if (op.fields[i].v.type != VAL_TEXT)
				continue;
			else if (strcmp(op.fields[i].name, "what") == 0)
				what = op.fields[i].v.s;
			else if (strcmp(op.fields[i].name, "key") == 0)
				key = op.fields[i].v.s;
		for (j = 0; j < *n && id_cmp(&(*v)[j].origin, &op.origin); j++)
			;
		if (what != NULL && strcmp(what, "root") == 0 && j == *n &&
		    (rc = admission_signed_by_admin(st, &op)) != 0) {
			if (rc < 0) {
				op_free(&op);
				break;
			}
			*v = xreallocarray(*v, *n + 1, sizeof **v);
			m = &(*v)[(*n)++];
			memset(m, 0, sizeof *m);
			m->origin = op.origin;
			m->keyed = key != NULL && sodium_hex2bin(m->key,
			    sizeof m->key, key, strlen(key), NULL, &len,
			    NULL) == 0 && len == sizeof m->key;
		} else if (what != NULL && strcmp(what, "withdrawn") == 0 &&
		    j < *n)
			(*v)[j].withdrawn = 1;
		op_free(&op);
	}
	query_done(q);
	if (rc < 0) {
		free(*v);
		*v = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* Does origin hold a change of its own that makes it the team's root,
 * not withdrawn? 1, 0, -1. */
static int
admission_made_root(struct store *st, const struct id *origin)
{
	struct admission_made	*v;
	size_t			 n, i;
	int			 found = 0;

	if (admission_roots_made(st, &v, &n) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (id_cmp(&v[i].origin, origin) == 0 && !v[i].withdrawn)
			found = 1;
	free(v);
	return found;
}

int
admission_root_set(struct oneteam *ot, const struct id *origin, char **cause)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "UPDATE team SET root = ?1 WHERE id = 1");
	query_bind_id(q, 1, origin);
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	return store_judge_sites(ot->st, cause);
}

/* The site whose key the team's id is made from, if its key is known
 * here: 1 with *root, 0, -1. */
static int
admission_namer(struct store *st, struct id *root)
{
	struct query	*q;
	struct id	 team, made;
	const void	*p;
	size_t		 len;
	int		 rc;

	q = query_prepare(st, "SELECT t.team, k.origin, k.key FROM team t, "
	    "site_key k WHERE t.id = 1");
	while ((rc = query_step(q)) == 1) {
		team = query_id(q, 0);
		p = query_blob(q, 2, &len);
		if (len != ADMISSION_KEY_LEN)
			continue;
		admission_root_id(p, &made);
		if (id_cmp(&team, &made) == 0) {
			*root = query_id(q, 1);
			break;
		}
	}
	query_done(q);
	return rc;
}

/* Was the team made with root for its root (team create), not given
 * it since? 1, 0, -1. */
static int
admission_made_rooted(struct store *st, const struct id *root)
{
	struct id	namer;
	int		rc;

	if ((rc = admission_namer(st, &namer)) <= 0)
		return rc;
	return id_cmp(&namer, root) == 0;
}

/*
 * Refused in no team, or in a team that has a root; but, with again, a
 * root taken since the team was made may be taken again (two sites were
 * made root apart, and the team agreed on the other): 0, -1.
 */
static int
admission_rootless(struct oneteam *ot, int again, char **cause)
{
	struct query	*q;
	struct id	 root;
	char		*name;
	int		 rc;

	q = query_prepare(ot->st, "SELECT 1 FROM team WHERE id = 1");
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 0)
		return oneteam_refuse(ot, cause, "this site is in no team yet: "
		    "run oneteam team create, or oneteam team join");
	if ((rc = admission_root(ot->st, &root)) < 0 ||
	    (rc == 1 && again && (rc = admission_made_rooted(ot->st,
	    &root)) == 0))
		return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
	/* A team made with a root, joined before its root's key was
	 * heard of here: the key that names it, if any site's. */
	if (rc == 0 && (rc = admission_namer(ot->st, &root)) == 0)
		return 0;
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	name = site_label(ot->st, &root);
	rc = oneteam_refuse(ot, cause, "the team has its root already: %s",
	    name);
	free(name);
	return rc;
}

/* A record of this site's own, what it is to the team (root, withdrawn),
 * with its key if given: one change. */
static int
admission_write_own(struct oneteam *ot, const char *what, const uint8_t *key,
    char **cause)
{
	struct admission_arg	w = { store_site(ot->st), key,
				    store_site_name(ot->st), what, -1, NULL };

	return admission_write(ot, &w, cause);
}

/* This site's own key: 1 with key, 0 for none yet, -1. */
static int
admission_own_key(struct store *st, uint8_t key[ADMISSION_KEY_LEN])
{
	struct query	*q;
	const void	*p;
	size_t		 len = 0;
	int		 rc;

	q = query_prepare(st, "SELECT key FROM site_key WHERE origin = ?1");
	query_bind_id(q, 1, store_site(st));
	if ((rc = query_step(q)) == 1) {
		p = query_blob(q, 0, &len);
		if (len == ADMISSION_KEY_LEN)
			memcpy(key, p, len);
		else
			rc = 0;
	}
	query_done(q);
	return rc;
}

int
admission_root_may(struct oneteam *ot, char **cause)
{
	if (authority_need_to_admit(ot, "makes a team's root", cause) != 0 ||
	    admission_rootless(ot, 0, cause) != 0)
		return -1;
	return 0;
}

static int
admission_root_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct root_arg		*a = arg;
	struct admission_arg	 w;
	uint8_t			 own[ADMISSION_KEY_LEN];
	size_t			 i;
	int			 rc;

	if (admission_root_may(ot, cause) != 0)
		return -1;
	if (admission_sites_held(ot->st, a) != 0)
		return oneteam_db_fail(ot, cause);
	for (i = 0; i < a->n; i++) {
		w.origin = &a->v[i].origin;
		w.key = a->v[i].keyed ? a->v[i].key : NULL;
		w.name = a->v[i].name;
		w.what = "admitted";
		w.last = a->v[i].last;
		w.link = a->v[i].link;
		if (admission_write(ot, &w, cause) != 0)
			return -1;
	}
	/* And a record that it is root, by which the others take it. */
	if ((rc = admission_own_key(ot->st, own)) <= 0)
		return rc < 0 ? oneteam_db_fail(ot, cause) : oneteam_refuse(ot,
		    cause, "this site has no signing key yet: make a bundle "
		    "first");
	if (admission_write_own(ot, "root", own, cause) != 0)
		return -1;
	return admission_root_set(ot, store_site(ot->st), cause);
}

/* Take arg, another site's id, for the team's root. */
static int
admission_root_accept_fn(struct oneteam *ot, void *arg, char **cause)
{
	const struct id		*origin = arg;
	struct id		 root;
	int			 rc, rooted;

	if (authority_need_to_admit(ot, "takes a team's root", cause) != 0)
		return -1;
	if ((rooted = admission_root(ot->st, &root)) < 0)
		return oneteam_db_fail(ot, cause);
	if (rooted == 1 && id_cmp(&root, origin) == 0)
		return oneteam_refuse(ot, cause, "%s", id_cmp(origin,
		    store_site(ot->st)) == 0 ? "this site is the team's root "
		    "already" : "this site takes that site for the team's root "
		    "already");
	if (admission_rootless(ot, 1, cause) != 0)
		return -1;
	if (id_cmp(origin, store_site(ot->st)) == 0)
		return oneteam_refuse(ot, cause, "that is this site's own "
		    "fingerprint: to make this site the root, run oneteam team "
		    "root alone");
	/* Made root by its administrator, in a change held here: taken
	 * or not, for what this site takes turns on its root (the person
	 * vouches for it, by its fingerprint). */
	if ((rc = admission_made_root(ot->st, origin)) < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 0)
		return oneteam_refuse(ot, cause, "that site was not made the "
		    "team's root, or the change that made it has not come here: "
		    "import a bundle it made since");
	/* This site made root apart, and the team agreed on the other: it
	 * says so, for every site to see. */
	if (rooted == 1 && id_cmp(&root, store_site(ot->st)) == 0 &&
	    admission_write_own(ot, "withdrawn", NULL, cause) != 0)
		return -1;
	return admission_root_set(ot, origin, cause);
}

int
admission_root_accept(struct oneteam *ot, const struct id *origin,
    char **cause)
{
	return oneteam_change(ot, admission_root_accept_fn, (void *)origin,
	    cause);
}

int
admission_root_take(struct oneteam *ot, struct admission_kept **v,
    size_t *n, char **cause)
{
	struct root_arg	a = { NULL, 0 };

	if (oneteam_change(ot, admission_root_fn, &a, cause) != 0) {
		admission_kept_free(a.v, a.n);
		*v = NULL;
		*n = 0;
		return -1;
	}
	*v = a.v;
	*n = a.n;
	return 0;
}

void
admission_kept_free(struct admission_kept *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}
