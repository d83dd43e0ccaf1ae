/*
 * peers.c owns what this replica knows of the other sites: when each was
 * heard from, what each has said it holds and so lacks, finding one by
 * name (and the sites that share one, which the lists show), and the
 * counts the title bar shows (the last exchange, a
 * bundle seen before).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sync-private.h"
#include "oneteam/admission.h"
#include "oneteam/xmalloc.h"

/*
 * How many changes this replica holds that site has not said it holds;
 * and whether the two are in step: each holds every record the other
 * does, whatever entries of the trail their exchanges wrote since (each
 * import and export writes one, which the other has not yet).
 */
static int
peer_behind(struct oneteam *ot, struct peer *p)
{
	struct query	*q;
	int64_t		 records = 0, ahead = 0;
	int		 rc;

	q = query_prepare(ot->st, "SELECT coalesce((SELECT sum(seq) FROM "
	    "peer_has WHERE peer = ?1), 0), count(*), count(*) FILTER (WHERE "
	    "o.etype <> 'audit') FROM op o WHERE o.seq > coalesce((SELECT seq "
	    "FROM peer_has h WHERE h.peer = ?1 AND h.origin = o.origin), 0)");
	query_bind_id(q, 1, &p->site);
	if ((rc = query_step(q)) == 1) {
		p->holds = (uint64_t)query_int(q, 0);
		p->behind = (uint64_t)query_int(q, 1);
		records = query_int(q, 2);
	}
	query_done(q);
	if (rc < 0)
		return -1;
	/* What it has said it holds that this replica does not. */
	q = query_prepare(ot->st, "SELECT count(*) FROM peer_has h WHERE "
	    "h.peer = ?1 AND h.seq > coalesce((SELECT max(seq) FROM op WHERE "
	    "origin = h.origin), 0)");
	query_bind_id(q, 1, &p->site);
	if ((ahead = query_count(q)) < 0)
		return -1;
	p->in_step = p->in_step || (p->heard != 0 && records == 0 &&
	    ahead == 0);
	return 0;
}

/* The other sites known by p's name, which the lists show as a clash. */
static void
peer_also(struct oneteam *ot, struct peer *p)
{
	struct id	*v;
	size_t		 n, i, j = 0;

	if (*p->name == '\0')
		return;
	v = site_named(ot->st, p->name, &n);
	for (i = 0; i < n; i++)
		if (id_cmp(&v[i], &p->site) != 0)
			v[j++] = v[i];
	if (j == 0) {
		free(v);
		return;
	}
	p->also = v;
	p->nalso = j;
}

/* How p stands in the team (admission.h), and its key's fingerprint. */
static int
peer_admission(struct oneteam *ot, struct peer *p)
{
	struct admission_info	 ai;
	uint8_t			 key[SITE_KEY_LEN];
	char			*cause = NULL;
	int			 rc;

	if (admission_of(ot, &p->site, &ai, &cause) != 0) {
		free(cause);
		return -1;
	}
	p->admission = (int)ai.state;
	p->last = ai.last;
	p->waiting = ai.held;
	if ((rc = trust_key_get(ot, &p->site, key)) < 0)
		return -1;
	if (rc == 1)
		team_fingerprint(key, p->print);
	return 0;
}

int
sync_peers(struct oneteam *ot, int (*fn)(const struct peer *, void *),
    void *arg, char **cause)
{
	struct query	*q;
	struct peer	*v = NULL, me;
	uint8_t		 mine[32];
	const void	*d;
	size_t		 n = 0, i, dlen;
	int		 rc, stop = 0;

	memset(&me, 0, sizeof me);
	me.site = *store_site(ot->st);
	me.name = store_site_name(ot->st);
	me.self = 1;
	me.in_step = 1;
	if (sync_digest(ot, mine, cause) != 0)
		return -1;
	q = query_prepare(ot->st, "SELECT count(*) FROM op");
	me.holds = (uint64_t)query_count(q);
	/* With the sites never heard from whose changes are held here. */
	q = query_prepare(ot->st, "SELECT p.site, coalesce(s.name, ''), "
	    "coalesce(p.heard, 0), coalesce(p.sent, 0), p.digest, c.ahead FROM "
	    "(SELECT site, heard, sent, digest, rowid AS r FROM peer UNION ALL "
	    "SELECT site, NULL, NULL, NULL, 9e18 FROM (SELECT o.origin AS site "
	    "FROM refused x JOIN op o ON o.id = x.op WHERE x.gate = 1 UNION "
	    "SELECT site FROM clock) WHERE site NOT IN (SELECT site FROM "
	    "peer)) p LEFT JOIN site s ON s.id = p.site LEFT JOIN clock c ON "
	    "c.site = p.site WHERE p.site <> ?1 ORDER BY s.name, p.r, p.site");
	query_bind_id(q, 1, &me.site);
	while ((rc = query_step(q)) == 1) {
		v = xreallocarray(v, n + 1, sizeof *v);
		memset(&v[n], 0, sizeof v[n]);
		v[n].site = query_id(q, 0);
		v[n].name = query_text_dup(q, 1);
		v[n].heard = query_int(q, 2);
		v[n].sent = query_int(q, 3);
		/* In step: its last bundle held what this replica holds now. */
		d = query_blob(q, 4, &dlen);
		v[n].in_step = dlen == 32 && memcmp(d, mine, 32) == 0;
		if ((v[n].timed = !query_is_null(q, 5)))
			v[n].ahead = query_int(q, 5);
		n++;
	}
	query_done(q);
	for (i = 0; rc == 0 && i < n; i++) {
		if (peer_behind(ot, &v[i]) != 0 ||
		    peer_admission(ot, &v[i]) != 0)
			rc = -1;
		peer_also(ot, &v[i]);
	}
	if (rc == 0 && peer_admission(ot, &me) != 0)
		rc = -1;
	peer_also(ot, &me);
	if (rc == 0)
		stop = fn(&me, arg);
	for (i = 0; rc == 0 && !stop && i < n; i++)
		stop = fn(&v[i], arg);
	for (i = 0; i < n; i++) {
		free((char *)v[i].name);
		free((struct id *)v[i].also);
	}
	free((struct id *)me.also);
	free(v);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

/* Whether a site's changes are taken here, in words (admission.h). */
char *
sync_peer_admitted(const struct peer *p)
{
	switch ((enum admission_state)p->admission) {
	case ADMISSION_SELF:
		return xstrdup("");
	case ADMISSION_ROOT:
		return xstrdup("yes: the team's root");
	case ADMISSION_ADMITTED:
		return xstrdup("yes");
	case ADMISSION_BEFORE:
		return xstrdup("yes: team made before admission");
	case ADMISSION_REVOKED:
		return xprintf("revoked after change %lld", (long long)p->last);
	case ADMISSION_HELD:
	default:
		return xprintf("no: %lld change%s held", (long long)p->waiting,
		    p->waiting == 1 ? "" : "s");
	}
}

/* The start of each id of v, "AAAAAAAA, BBBBBBBB", for a person to tell
 * sites apart by. */
static char *
peer_refs(const struct id *v, size_t n)
{
	char	*refs = xstrdup(""), *s, b32[27];
	size_t	 i;

	for (i = 0; i < n; i++) {
		id_base32(&v[i], b32);
		s = xprintf("%s%s%.8s", refs, i == 0 ? "" : ", ", b32);
		free(refs);
		refs = s;
	}
	return refs;
}

char *
sync_peer_label(const struct peer *p)
{
	const char	*name = *p->name != '\0' ? p->name : "(no name)";
	char		*also, *s;

	if (p->nalso == 0)
		return p->self ? xprintf("%s (this site)", name) :
		    xstrdup(name);
	also = peer_refs(p->also, p->nalso);
	s = xprintf("%s (%sname also used by %s)", name,
	    p->self ? "this site; " : "", also);
	free(also);
	return s;
}

/* Does the site row of q (its id, and its name or NULL) answer to text? */
static int
site_answers(struct query *q, const struct id *id, const char *text)
{
	char	b32[27];
	size_t	len = strlen(text);

	id_base32(id, b32);
	return (query_text_or_null(q, 1) != NULL &&
	    strcasecmp(query_text(q, 1), text) == 0) ||
	    (len >= 4 && strncasecmp(b32, text, len) == 0);
}

/*
 * Are the ids v one site under the ids it took in turn (a site is its
 * key: a backup put back, a recover, a copy)? Then *out is the one heard
 * from last, else the last known.
 */
static int
site_one_key(struct oneteam *ot, const struct id *v, size_t n,
    struct id *out)
{
	struct query	*q;
	uint8_t		 first[SITE_KEY_LEN], key[SITE_KEY_LEN];
	int64_t		 heard, best_heard = -1;
	size_t		 i, best = n - 1;

	if (trust_key_get(ot, &v[0], first) != 1)
		return 0;
	for (i = 1; i < n; i++)
		if (trust_key_get(ot, &v[i], key) != 1 ||
		    memcmp(key, first, sizeof key) != 0)
			return 0;
	for (i = 0; i < n; i++) {
		q = query_prepare(ot->st, "SELECT coalesce(heard, 0) FROM peer "
		    "WHERE site = ?1");
		query_bind_id(q, 1, &v[i]);
		heard = query_step(q) == 1 ? query_int(q, 0) : 0;
		query_done(q);
		if (heard > 0 && heard >= best_heard) {
			best_heard = heard;
			best = i;
		}
	}
	*out = v[best];
	return 1;
}

int
sync_site_find(struct oneteam *ot, const char *text, struct id *out,
    char **cause)
{
	struct query	*q;
	struct id	 id, *v = NULL;
	char		*refs;
	size_t		 n = 0, i;
	int		 rc;

	/* In the order they became known, so a message lists them so. */
	q = query_prepare(ot->st, "SELECT id, name, 0, rowid FROM site UNION "
	    "ALL SELECT site, NULL, 1, rowid FROM peer ORDER BY 3, 4");
	while ((rc = query_step(q)) == 1) {
		id = query_id(q, 0);
		if (id_cmp(&id, store_site(ot->st)) == 0 ||
		    !site_answers(q, &id, text))
			continue;
		for (i = 0; i < n && id_cmp(&v[i], &id) != 0; i++)
			;
		if (i == n) {
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n++] = id;
		}
	}
	query_done(q);
	if (rc < 0) {
		free(v);
		return oneteam_db_fail(ot, cause);
	}
	if (n == 1)
		*out = v[0];
	else if (n > 1 && site_one_key(ot, v, n, out))
		n = 1;
	else if (n > 1) {
		refs = peer_refs(v, n);
		oneteam_refuse(ot, cause, "more than one site is \"%s\" (%s): "
		    "give more of the reference of the one meant", text, refs);
		free(refs);
	} else {
		oneteam_refuse_field(ot, cause, "full", "no site \"%s\" is "
		    "known here: see the peers, or send everything to a site "
		    "never heard from", text);
		store_set_fault(ot->st, STORE_ENOTFOUND);
	}
	free(v);
	return n == 1 ? 0 : -1;
}

char *
sync_root_word(struct oneteam *ot)
{
	struct admission_made	*v;
	struct id		 root;
	char			 print[TEAM_PRINT_LEN], *word = NULL;
	char			*name, *ours;
	size_t			 n, i;
	int			 rooted;

	if ((rooted = admission_root(ot->st, &root)) < 0 ||
	    admission_roots_made(ot->st, &v, &n) != 0)
		return NULL;
	/* The first site made root that this one does not take (none yet,
	 * or another, made root apart), and that took no other since. */
	for (i = 0; i < n; i++)
		if (!v[i].withdrawn && v[i].keyed && (!rooted ||
		    id_cmp(&v[i].origin, &root) != 0))
			break;
	if (i < n) {
		team_fingerprint(v[i].key, print);
		name = site_label(ot->st, &v[i].origin);
		if (!rooted)
			xasprintf(&word, "%s was made the team's root: once its "
			    "fingerprint is checked with it, an administrator "
			    "here takes it with oneteam team root \"%s\".",
			    name, print);
		else {
			ours = site_label(ot->st, &root);
			xasprintf(&word, "%s was made the team's root too, "
			    "apart from %s, which this site takes: sites that "
			    "take different roots take different changes. The "
			    "team agrees on one, and each site takes it (oneteam "
			    "team root and its fingerprint; %s's is %s).", name,
			    ours, name, print);
			free(ours);
		}
		free(name);
	}
	free(v);
	return word;
}

int64_t
sync_unadmitted(struct oneteam *ot)
{
	struct query	*q;

	q = query_prepare(ot->st, "SELECT count(*) FROM refused WHERE gate "
	    "= 1");
	return query_count(q);
}

int64_t
sync_last_exchange(struct oneteam *ot)
{
	struct query	*q;

	q = query_prepare(ot->st, "SELECT coalesce(max(max(coalesce(heard, 0), "
	    "coalesce(sent, 0))), 0) FROM peer");
	return query_count(q);
}

int64_t
sync_bundle_seen(struct oneteam *ot, const struct id *bundle)
{
	struct query	*q;
	int64_t		 at = 0;

	q = query_prepare(ot->st, "SELECT imported FROM bundle_in WHERE "
	    "id = ?1");
	query_bind_id(q, 1, bundle);
	if (query_step(q) == 1)
		at = query_int(q, 0);
	query_done(q);
	return at;
}
