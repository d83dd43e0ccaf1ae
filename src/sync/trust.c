/*
 * trust.c owns who signed what (sync-design.md, "Trust"): the public key
 * each site signs with, as this replica first saw it; the best signed
 * head it holds of each site, which it relays; and the check, before an
 * import writes anything, that every change a bundle carries is in its
 * origin's chain up to a head that origin signed.
 *
 * A change is vouched for by a signed head at or after it: the head's
 * link commits to every change of the origin up to it (op.h). So a site
 * holding the team key cannot make a change in another site's name, nor
 * take another site's next number: it cannot sign for that site.
 *
 * Checking everything again when asked (audit verify) is verify.c's.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sync-private.h"
#include "oneteam/admission.h"
#include "oneteam/audit.h"
#include "oneteam/date.h"
#include "oneteam/xmalloc.h"

int
trust_key_get(struct oneteam *ot, const struct id *origin,
    uint8_t key[SITE_KEY_LEN])
{
	struct query	*q;
	const void	*p;
	size_t		 n;
	int		 rc;

	q = query_prepare(ot->st, "SELECT key FROM site_key WHERE origin = ?1");
	query_bind_id(q, 1, origin);
	if ((rc = query_step(q)) == 1) {
		p = query_blob(q, 0, &n);
		if (n == SITE_KEY_LEN)
			memcpy(key, p, SITE_KEY_LEN);
		else
			rc = 0;
	}
	query_done(q);
	return rc;
}

int
team_site_print(struct oneteam *ot, char out[TEAM_PRINT_LEN], char **cause)
{
	uint8_t	key[SITE_KEY_LEN];
	int	rc;

	if ((rc = trust_key_get(ot, store_site(ot->st), key)) < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 1)
		team_fingerprint(key, out);
	return rc;
}

int
trust_key_note(struct oneteam *ot, const struct id *origin,
    const uint8_t key[SITE_KEY_LEN], char **cause)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "INSERT INTO site_key (origin, key, seen) "
	    "VALUES (?1, ?2, ?3) ON CONFLICT (origin) DO NOTHING");
	query_bind_id(q, 1, origin);
	query_bind_blob(q, 2, key, SITE_KEY_LEN);
	query_bind_int(q, 3, ot->now);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
trust_head_get(struct oneteam *ot, const struct id *origin,
    struct bundle_has *e)
{
	struct query	*q;
	const void	*link, *sig;
	size_t		 nl, ns;
	int		 rc;

	q = query_prepare(ot->st, "SELECT h.seq, h.link, h.sig, k.key FROM "
	    "head h JOIN site_key k ON k.origin = h.origin WHERE h.origin = ?1");
	query_bind_id(q, 1, origin);
	if ((rc = query_step(q)) == 1) {
		link = query_blob(q, 1, &nl);
		sig = query_blob(q, 2, &ns);
		if (nl != sizeof e->link || ns != sizeof e->sig ||
		    trust_key_get(ot, origin, e->key) != 1)
			rc = 0;
		else {
			e->origin = *origin;
			e->seq = (uint64_t)query_int(q, 0);
			memcpy(e->link, link, nl);
			memcpy(e->sig, sig, ns);
			e->is_signed = 1;
		}
	}
	query_done(q);
	return rc;
}

/*
 * Keep a verified head if it is further than the one held and this
 * replica holds the change it names, with its link: so the head held of
 * a site always vouches for changes held here, and can be relayed.
 */
static int
trust_head_note(struct oneteam *ot, const struct bundle_has *e)
{
	struct query	*q;
	struct op_id	 link;
	int		 rc;

	if ((rc = store_link(ot->st, &e->origin, e->seq, &link)) <= 0 ||
	    sodium_memcmp(link.b, e->link, sizeof e->link) != 0)
		return rc < 0 ? -1 : 0;
	/* Held in the log, not held back for its clock: a head can be
	 * relayed only with every change up to it. */
	q = query_prepare(ot->st, "SELECT 1 FROM op WHERE origin = ?1 AND "
	    "seq = ?2");
	query_bind_id(q, 1, &e->origin);
	query_bind_int(q, 2, (int64_t)e->seq);
	rc = query_step(q);
	query_done(q);
	if (rc <= 0)
		return rc;
	q = query_prepare(ot->st, "INSERT INTO head (origin, seq, link, sig) "
	    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (origin) DO UPDATE SET "
	    "seq = excluded.seq, link = excluded.link, sig = excluded.sig "
	    "WHERE excluded.seq > seq");
	query_bind_id(q, 1, &e->origin);
	query_bind_int(q, 2, (int64_t)e->seq);
	query_bind_blob(q, 3, e->link, sizeof e->link);
	query_bind_blob(q, 4, e->sig, sizeof e->sig);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* --- checking a bundle ------------------------------------------------- */

/* A label for a site in a message: its name as the bundle gives it, and
 * the start of its id. */
static char *
trust_site(const struct bundle_has *e)
{
	char	b32[27];

	id_base32(&e->origin, b32);
	if (e->name != NULL && *e->name != '\0')
		return xprintf("site %s (%.8s)", e->name, b32);
	return xprintf("site %.8s", b32);
}

static int
trust_refuse(struct oneteam *ot, struct trust_check *tc, char **cause,
    const struct trust_origin *o, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int
trust_refuse(struct oneteam *ot, struct trust_check *tc, char **cause,
    const struct trust_origin *o, const char *fmt, ...)
{
	va_list	 ap;
	char	*why, *site;

	va_start(ap, fmt);
	xvasprintf(&why, fmt, ap);
	va_end(ap);
	site = trust_site(o->head);
	oneteam_refuse(ot, cause, "%s: %s %s", tc->path, site, why);
	free(site);
	free(why);
	return -1;
}

/*
 * A head whose key is not the one noted here for its site, but the one
 * the site's admission names: the key noted came from a bundle that
 * claimed the site's id before the admission did (in its name, and held
 * since), and this head is the site's own. Its changes here are dropped
 * and its key put right when the bundle is applied (trust_check_keys()).
 * 1, 0, -1.
 */
static int
trust_admitted_key(struct oneteam *ot, struct trust_origin *o)
{
	uint8_t	admitted[SITE_KEY_LEN];
	int	rc;

	if ((rc = admission_key_of(ot->st, &o->head->origin, admitted)) != 1)
		return rc;
	if (sodium_memcmp(admitted, o->head->key, SITE_KEY_LEN) != 0)
		return 0;
	o->rekey = 1;
	return 1;
}

/*
 * The sender's own head under another key than the one noted here for
 * its id: forged in its name; or, when no admission names its key, the
 * site's own, come after a bundle that claimed its id: the person at the
 * site can read its fingerprint out, and an administrator admit it with
 * this bundle (team admit --from), which puts its key right. -1.
 */
static int
trust_refuse_sender(struct oneteam *ot, struct trust_check *tc, char **cause,
    const struct trust_origin *o)
{
	uint8_t	admitted[SITE_KEY_LEN];
	char	print[TEAM_PRINT_LEN];
	int	rc;

	if ((rc = admission_key_of(ot->st, &o->head->origin, admitted)) < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 1)
		return trust_refuse(ot, tc, cause, o, "is given a key that is "
		    "not the one it signs with: the bundle was forged in its "
		    "name");
	team_fingerprint(o->head->key, print);
	return trust_refuse(ot, tc, cause, o, "signs with a key that is not "
	    "the one first heard of for it here: forged in its name, or "
	    "another claimed its id first (if the site's fingerprint is %s, "
	    "admit it with oneteam team admit \"%s\" --name NAME --from %s)",
	    print, print, tc->path);
}

int
trust_check_start(struct oneteam *ot, const struct bundle_head *h,
    const char *path, struct trust_check *tc, char **cause)
{
	struct trust_origin	*o;
	uint8_t			 known[SITE_KEY_LEN];
	size_t			 i, j;
	int			 rc;

	memset(tc, 0, sizeof *tc);
	tc->path = path;
	tc->team = h->team;
	tc->o = xcalloc(h->nhas + 1, sizeof *tc->o);
	for (i = 0; i < h->nhas; i++) {
		o = &tc->o[tc->n++];
		o->head = &h->has[i];
		for (j = 0; j < i; j++)
			if (id_cmp(&h->has[j].origin, &h->has[i].origin) == 0)
				return trust_refuse(ot, tc, cause, o, "is "
				    "named twice in its header: it was "
				    "altered");
		/* The history an admission as it was pins, if any. */
		if ((rc = admission_pin(ot->st, &o->head->origin, &o->pin,
		    o->pin_link)) < 0)
			return oneteam_db_fail(ot, cause);
		if (rc == 0)
			o->pin = -1;
		if (!o->head->is_signed)
			continue;
		if ((rc = trust_key_get(ot, &o->head->origin, known)) < 0)
			return oneteam_db_fail(ot, cause);
		if (rc == 1 && sodium_memcmp(known, o->head->key,
		    SITE_KEY_LEN) != 0 && (rc = trust_admitted_key(ot,
		    o)) != 1) {
			if (rc < 0)
				return oneteam_db_fail(ot, cause);
			/* Another site's, relayed under another key: left
			 * out, so that a site given a forged key (before
			 * its admission put it right) does not cut off
			 * the sites that relay from it. Its sender's own
			 * head is the bundle's word: refused. */
			if (id_cmp(&o->head->origin, &h->sender) == 0)
				return trust_refuse_sender(ot, tc, cause, o);
			o->forged = 1;
			continue;
		}
		/* Not seen yet, but admitted: by the key its admission
		 * names, not the first a bundle gives it. */
		if (rc == 0 && (rc = admission_key_of(ot->st,
		    &o->head->origin, known)) < 0)
			return oneteam_db_fail(ot, cause);
		if (rc == 1 && !o->rekey && sodium_memcmp(known, o->head->key,
		    SITE_KEY_LEN) != 0)
			return trust_refuse(ot, tc, cause, o, "is given a key "
			    "that is not the one it was admitted with: the "
			    "bundle was forged in its name");
		if (bundle_head_verify(&tc->team, o->head) != 0)
			return trust_refuse(ot, tc, cause, o, "has a head that "
			    "its key did not sign: the bundle was forged or "
			    "altered");
	}
	return 0;
}

struct trust_origin *
trust_find(struct trust_check *tc, const struct id *origin)
{
	size_t	i;

	/* Changes come origin by origin: the last found is most likely. */
	if (tc->last < tc->n && id_cmp(&tc->o[tc->last].head->origin,
	    origin) == 0)
		return &tc->o[tc->last];
	for (i = 0; i < tc->n; i++)
		if (id_cmp(&tc->o[i].head->origin, origin) == 0) {
			tc->last = i;
			return &tc->o[i];
		}
	return NULL;
}

/* Is origin's change seq, held here, of a chain (op_chained())? 1, 0,
 * -1. */
static int
trust_chained(struct oneteam *ot, const struct id *origin, uint64_t seq)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "SELECT 1 FROM op WHERE origin = ?1 AND "
	    "seq = ?2 AND unicode(enc) <> 1");
	query_bind_id(q, 1, origin);
	query_bind_int(q, 2, (int64_t)seq);
	rc = query_step(q);
	query_done(q);
	return rc;
}

/* The generation of kinds origin's change seq held here says made it
 * (op.h), or 0: none held, or unread. */
static unsigned
trust_made(struct oneteam *ot, const struct id *origin, uint64_t seq)
{
	struct query	*q;
	struct op	 op;
	const void	*enc;
	char		*why = NULL;
	size_t		 len;
	unsigned	 made = 0;

	q = query_prepare(ot->st, "SELECT enc FROM op WHERE origin = ?1 AND "
	    "seq = ?2");
	query_bind_id(q, 1, origin);
	query_bind_int(q, 2, (int64_t)seq);
	if (query_step(q) == 1 && (enc = query_blob(q, 0, &len)) != NULL) {
		if (op_decode(enc, len, &op, &why) == 0) {
			made = op.made;
			op_free(&op);
		}
		free(why);
	}
	query_done(q);
	return made;
}

/*
 * A site is upgraded, never put back to an older oneteam (an older build
 * does not write a database a newer one has: oplog.c). A change that
 * follows its site's change before, saying an older made it than made
 * that one, is a forger's, labelled so to be judged by older rules
 * (authority.c). (One that does not follow it is a fork's, left out
 * before this is asked.) 0, or -1 refused.
 */
static int
trust_check_made(struct oneteam *ot, struct trust_check *tc,
    struct trust_origin *o, const struct op *op, char **cause)
{
	if (op->made < o->made)
		return trust_refuse(ot, tc, cause, o, "did not make its change "
		    "%llu in the bundle as it says: it says an older oneteam "
		    "made it (generation %u) than made its change before "
		    "(generation %u)", (unsigned long long)op->seq, op->made,
		    o->made);
	o->made = op->made;
	return 0;
}

int
trust_ours(struct oneteam *ot, const struct id *origin)
{
	uint8_t	mine[SITE_KEY_LEN], its[SITE_KEY_LEN];

	return trust_key_get(ot, store_site(ot->st), mine) == 1 &&
	    trust_key_get(ot, origin, its) == 1 &&
	    sodium_memcmp(mine, its, sizeof mine) == 0;
}

int
trust_check_op(struct oneteam *ot, struct trust_check *tc,
    const struct op *op, char **cause)
{
	struct trust_origin	*o;
	struct bundle_has	 anon;
	struct op_id		 link;
	char			*why = NULL;
	int			 rc;

	if ((o = trust_find(tc, &op->origin)) != NULL && o->forged)
		return 0;
	if (o == NULL || !o->head->is_signed) {
		struct trust_origin	tmp;

		memset(&anon, 0, sizeof anon);
		anon.origin = op->origin;
		tmp.head = o != NULL ? o->head : &anon;
		return trust_refuse(ot, tc, cause, &tmp, "signed no head for "
		    "its change %llu in the bundle: that change was not made "
		    "by that site", (unsigned long long)op->seq);
	}
	if (op->seq > o->head->seq)
		return trust_refuse(ot, tc, cause, o, "signed its changes up "
		    "to %llu, not its change %llu in the bundle: that change "
		    "was not made by that site",
		    (unsigned long long)o->head->seq,
		    (unsigned long long)op->seq);
	if (!o->started) {
		o->started = 1;
		o->next = o->first = op->seq;
		/* Its changes held here are another's: from its first. */
		if (o->rekey) {
			memset(&o->link, 0, sizeof o->link);
			rc = op->seq == 1;
		} else if ((rc = store_link(ot->st, &op->origin, op->seq - 1,
		    &o->link)) < 0)
			return oneteam_db_fail(ot, cause);
		/* A change before it is missing here: none of the origin's
		 * changes in this bundle can be checked, nor applied. */
		o->skip = rc == 0;
		if (rc == 1 && !o->rekey && (o->chained =
		    trust_chained(ot, &op->origin, op->seq - 1)) < 0)
			return oneteam_db_fail(ot, cause);
		if (rc == 1 && !o->rekey)
			o->made = trust_made(ot, &op->origin, op->seq - 1);
	}
	if (o->skip)
		return 0;
	/* Changes of version 1 were made before chains, so before any of
	 * version 2: one after is a forger's, dated back to be taken as
	 * the first release's (unsigned by its author). */
	if (!op_chained(op) && o->chained)
		return trust_refuse(ot, tc, cause, o, "did not make its change "
		    "%llu in the bundle: it is of the encoding from before "
		    "chains, after changes of the new (forged)",
		    (unsigned long long)op->seq);
	o->chained |= op_chained(op);
	if (op->seq != o->next)
		return trust_refuse(ot, tc, cause, o, "has its changes out of "
		    "order in the bundle (%llu after %llu): it was altered",
		    (unsigned long long)op->seq,
		    (unsigned long long)o->next - 1);
	if (op_link(op, &o->link, &link, &why) != 0) {
		free(why);
		/* Its change before differs from this site's own of that
		 * number: this site's history forked (a backup put back
		 * after it had sent more). Not a forgery, nor a wall: the
		 * origin is left out of this import, the rest taken; the
		 * team, which has the fork's evidence from this site's
		 * bundle, sends the changes that show it where. Another's,
		 * in the first pass, waits for the second: the change held
		 * here before it may be a copy this import lets go of. */
		if (trust_ours(ot, &op->origin) || (tc->first_pass &&
		    op->seq == o->first)) {
			o->skip = 1;
			return 0;
		}
		return trust_refuse(ot, tc, cause, o, "did not make its change "
		    "%llu in the bundle: it does not follow its change %llu "
		    "(forged or altered)", (unsigned long long)op->seq,
		    (unsigned long long)op->seq - 1);
	}
	if (o->pin >= 0 && op->seq == (uint64_t)o->pin &&
	    sodium_memcmp(link.b, o->pin_link, sizeof link.b) != 0)
		return trust_refuse(ot, tc, cause, o, "did not make its changes "
		    "to %llu in the bundle as the team's root held them when it "
		    "got its root: they were forged", (unsigned long long)op->seq);
	if (trust_check_made(ot, tc, o, op, cause) != 0)
		return -1;
	o->link = link;
	o->next++;
	if (op->seq == o->head->seq && sodium_memcmp(link.b, o->head->link,
	    sizeof link.b) != 0)
		return trust_refuse(ot, tc, cause, o, "did not sign its "
		    "changes to %llu as the bundle holds them: they were "
		    "forged or altered", (unsigned long long)op->seq);
	return 0;
}

int
trust_check_end(struct oneteam *ot, struct trust_check *tc, char **cause)
{
	size_t	i;

	for (i = 0; i < tc->n; i++)
		if (tc->o[i].started && !tc->o[i].skip &&
		    tc->o[i].next != tc->o[i].head->seq + 1)
			return trust_refuse(ot, tc, cause, &tc->o[i], "signed "
			    "its changes up to %llu; the bundle ends at %llu: "
			    "it was cut or altered",
			    (unsigned long long)tc->o[i].head->seq,
			    (unsigned long long)tc->o[i].next - 1);
	return 0;
}

int
trust_forged(struct trust_check *tc, const struct op *op)
{
	struct trust_origin	*o = trust_find(tc, &op->origin);

	return o != NULL && o->forged;
}

int
trust_skip(struct trust_check *tc, const struct op *op)
{
	struct trust_origin	*o = trust_find(tc, &op->origin);

	return o == NULL || o->skip;
}

/*
 * A site that joined with a bundle lacking the head of the site that made
 * its team takes that site as the team's root when a head of its (signed
 * with the key that names the team) comes, and decides every site's
 * changes again: a team made before sites were admitted has none.
 */
static int
trust_root_learn(struct oneteam *ot, const struct bundle_has *e, char **cause)
{
	struct team_info	ti;
	struct id		 team;
	int			 rc;

	admission_root_id(e->key, &team);
	if ((rc = team_get(ot, &ti, cause)) != 1)
		return rc < 0 ? -1 : 0;
	if (id_cmp(&team, &ti.team) != 0 || (rc = admission_rooted(ot,
	    cause)) != 0)
		return rc < 0 ? -1 : 0;
	return admission_root_set(ot, &e->origin, cause);
}

/* Drop what a site's id holds that was made in its name under another
 * key, and note its own key (trust_admitted_key()). */
static int
trust_rekey(struct oneteam *ot, const struct bundle_has *e, char **cause)
{
	static const char *const forget[] = {
		"DELETE FROM site_key WHERE origin = ?1",
		"DELETE FROM head WHERE origin = ?1",
		"DELETE FROM peer_has WHERE origin = ?1",
	};
	struct query	*q;
	size_t		 i;
	int		 rc;

	if ((rc = store_forget_origin(ot->st, &e->origin, cause)) <= 0) {
		if (rc == 0)
			oneteam_refuse(ot, cause, "site %s's changes here were "
			    "made under another key, and some are taken: "
			    "oneteam check", e->name != NULL ? e->name : "");
		return -1;
	}
	for (i = 0; i < sizeof forget / sizeof forget[0]; i++) {
		q = query_prepare(ot->st, forget[i]);
		query_bind_id(q, 1, &e->origin);
		rc = query_step(q);
		query_done(q);
		if (rc < 0)
			return oneteam_db_fail(ot, cause);
	}
	return trust_key_note(ot, &e->origin, e->key, cause);
}

int
trust_check_keys(struct oneteam *ot, struct trust_check *tc, char **cause)
{
	size_t	i;

	for (i = 0; i < tc->n; i++)
		if (tc->o[i].rekey && trust_rekey(ot, tc->o[i].head,
		    cause) != 0)
			return -1;
	for (i = 0; i < tc->n; i++)
		if (tc->o[i].head->is_signed && !tc->o[i].forged &&
		    (trust_key_note(ot,
		    &tc->o[i].head->origin, tc->o[i].head->key, cause) != 0 ||
		    trust_root_learn(ot, tc->o[i].head, cause) != 0))
			return -1;
	return 0;
}

int
trust_check_note(struct oneteam *ot, struct trust_check *tc, char **cause)
{
	size_t	i;

	for (i = 0; i < tc->n; i++) {
		if (!tc->o[i].head->is_signed || tc->o[i].forged)
			continue;
		if (trust_key_note(ot, &tc->o[i].head->origin,
		    tc->o[i].head->key, cause) != 0)
			return -1;
		if (trust_head_note(ot, tc->o[i].head) != 0)
			return oneteam_db_fail(ot, cause);
	}
	return 0;
}

size_t
trust_skipped(const struct trust_check *tc)
{
	size_t	i, n = 0;

	for (i = 0; i < tc->n; i++)
		n += tc->o[i].skip;
	return n;
}

void
trust_check_free(struct trust_check *tc)
{
	free(tc->o);
	memset(tc, 0, sizeof *tc);
}

/* --- the heads held, checked again ------------------------------------- */

/* The ids of this site's key (?12): its own, and those it had. */
#define TRUST_OURS "(SELECT k.origin FROM site_key k WHERE k.key = (SELECT " \
	"key FROM site_key WHERE origin = ?12))"

int
trust_fork_note(struct oneteam *ot, const struct trust_fork *fk, char **cause)
{
	struct query	*q;
	int		 rc;

	if (store_begin(ot->st, cause) != 0)
		return -1;
	/* Known already, straight from a machine of this site's key (its
	 * own bundle from before it was put back): the team's sender, when
	 * one shows it too, is kept instead, or it would read as a cloned
	 * twin's for good (fork.c) and site recover refuse. */
	q = query_prepare(ot->st, "INSERT INTO evidence (origin, seq, held, "
	    "other, head_seq, head_link, head_sig, head_key, bundle, sender, "
	    "found) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON "
	    "CONFLICT (origin, seq, other) DO UPDATE SET bundle = "
	    "excluded.bundle, sender = excluded.sender WHERE evidence.sender "
	    "IN " TRUST_OURS " AND excluded.sender NOT IN " TRUST_OURS);
	query_bind_id(q, 1, &fk->origin);
	query_bind_int(q, 2, (int64_t)fk->seq);
	query_bind_blob(q, 3, fk->held.b, OP_ID_LEN);
	query_bind_blob(q, 4, fk->other.b, OP_ID_LEN);
	if (fk->has_head && fk->head.is_signed) {
		query_bind_int(q, 5, (int64_t)fk->head.seq);
		query_bind_blob(q, 6, fk->head.link, sizeof fk->head.link);
		query_bind_blob(q, 7, fk->head.sig, sizeof fk->head.sig);
		query_bind_blob(q, 8, fk->head.key, sizeof fk->head.key);
	}
	query_bind_id(q, 9, &fk->bundle);
	query_bind_id(q, 10, &fk->sender);
	query_bind_int(q, 11, ot->now);
	query_bind_id(q, 12, store_site(ot->st));
	rc = query_step(q);
	query_done(q);
	if (rc < 0) {
		oneteam_db_fail(ot, cause);
		store_rollback(ot->st);
		return -1;
	}
	return store_commit(ot->st, cause);
}
