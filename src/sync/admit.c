/*
 * admit.c: admitting a site to the team by its key's fingerprint, read
 * out by the person at it, and revoking one by its name (team admit,
 * team revoke). Which changes that takes or refuses is admission.c's.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sync-private.h"
#include "oneteam/admission.h"
#include "oneteam/xmalloc.h"

/* The letters and digits of a fingerprint, in upper case, as typed or
 * shown (in fours, with spaces or dashes): 0, or -1 if not 24 of them. */
static int
admit_print_norm(const char *text, char out[25])
{
	size_t	n = 0;

	for (; *text != '\0'; text++) {
		if (*text == ' ' || *text == '-')
			continue;
		if (!isalnum((unsigned char)*text) || n == 24)
			return -1;
		out[n++] = (char)toupper((unsigned char)*text);
	}
	out[n] = '\0';
	return n == 24 ? 0 : -1;
}

/* The site whose key has the fingerprint print: 1 with *origin and key,
 * 0, -1. */
static int
admit_find(struct oneteam *ot, const char *print, struct id *origin,
    uint8_t key[SITE_KEY_LEN])
{
	struct query	*q;
	const void	*p;
	char		 have[TEAM_PRINT_LEN], norm[25];
	size_t		 n;
	int		 rc, found = 0;

	/* The site that signed with it last, of those a copy made. */
	q = query_prepare(ot->st, "SELECT origin, key FROM site_key ORDER BY "
	    "seen DESC, rowid DESC");
	while (!found && (rc = query_step(q)) == 1) {
		p = query_blob(q, 1, &n);
		if (n != SITE_KEY_LEN)
			continue;
		team_fingerprint(p, have);
		if (admit_print_norm(have, norm) == 0 &&
		    strcmp(norm, print) == 0) {
			*origin = query_id(q, 0);
			memcpy(key, p, SITE_KEY_LEN);
			found = 1;
		}
	}
	query_done(q);
	return rc < 0 ? -1 : found;
}

/*
 * The sender of the bundle at path, if its own head's key has the
 * fingerprint print and signed the bundle's header: a site whose key was
 * never noted here (a bundle claiming its id came first, and its own
 * were refused). 1 with *origin and key, 0, -1 with *cause.
 */
static int
admit_from(struct oneteam *ot, const struct team_info *ti, const char *path,
    const char *print, struct id *origin, uint8_t key[SITE_KEY_LEN],
    char **cause)
{
	struct bundle_reader	 r;
	const struct bundle_has	*e;
	char			 have[TEAM_PRINT_LEN], norm[25];
	int			 rc = 0;

	if (bundle_read_open(&r, path, cause) != 0) {
		store_set_fault(ot->st, STORE_EINPUT);
		bundle_read_close(&r);
		return -1;
	}
	if (id_cmp(&r.h.team, &ti->team) != 0)
		rc = oneteam_refuse(ot, cause, "%s is a bundle of another "
		    "team", path);
	else if (bundle_read_sender(&r, &e) != 0)
		rc = oneteam_refuse(ot, cause, "%s was not signed by the site "
		    "that sent it: it was forged or altered", path);
	else {
		team_fingerprint(e->key, have);
		if (admit_print_norm(have, norm) == 0 &&
		    strcmp(norm, print) == 0) {
			*origin = r.h.sender;
			memcpy(key, e->key, SITE_KEY_LEN);
			rc = 1;
		}
	}
	if (rc < 0)
		store_set_fault(ot->st, STORE_EINPUT);
	bundle_read_close(&r);
	return rc;
}

int
team_admit(struct oneteam *ot, const char *print, const char *name,
    const char *from, char **cause)
{
	struct team_info	 ti;
	struct id		 origin;
	uint8_t			 key[SITE_KEY_LEN], mine[SITE_KEY_LEN];
	char			 norm[25];
	int			 rc;

	if ((rc = team_get(ot, &ti, cause)) != 1)
		return rc < 0 ? -1 : oneteam_refuse(ot, cause, "this site is "
		    "in no team yet: run oneteam team create, or oneteam team "
		    "join");
	if (admit_print_norm(print, norm) != 0)
		return oneteam_refuse(ot, cause, "\"%s\" is not a site's "
		    "fingerprint: six groups of four letters and digits, as "
		    "oneteam team show gives it at the site", print);
	if (*name == '\0')
		return oneteam_refuse_field(ot, cause, "name", "give the "
		    "name of the site admitted");
	if (from != NULL) {
		if ((rc = admit_from(ot, &ti, from, norm, &origin, key,
		    cause)) < 0)
			return -1;
		if (rc == 0) {
			store_set_fault(ot->st, STORE_EINPUT);
			return oneteam_refuse(ot, cause, "%s was not sent by "
			    "the site with fingerprint %s: admit a site with a "
			    "bundle it made itself", from, print);
		}
	} else if ((rc = admit_find(ot, norm, &origin, key)) < 0)
		return oneteam_db_fail(ot, cause);
	else if (rc == 0) {
		store_set_fault(ot->st, STORE_ENOTFOUND);
		return oneteam_refuse(ot, cause, "no bundle of a site with "
		    "fingerprint %s has been imported here: check it for a "
		    "mistyped character, or import one of its bundles first",
		    print);
	}
	if ((rc = trust_key_get(ot, store_site(ot->st), mine)) < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 1 && memcmp(mine, key, SITE_KEY_LEN) == 0)
		return oneteam_refuse(ot, cause, "that is this site's own "
		    "fingerprint: admit it at another site of the team");
	return admission_admit(ot, &origin, key, name, cause);
}

int
team_root(struct oneteam *ot, const char *print, struct admission_kept **v,
    size_t *n, char **cause)
{
	struct team_info	ti;
	struct id		origin;
	uint8_t			secret[crypto_sign_SECRETKEYBYTES];
	uint8_t			key[SITE_KEY_LEN];
	char			norm[25];
	int			rc;

	*v = NULL;
	*n = 0;
	if ((rc = team_get(ot, &ti, cause)) != 1)
		return rc < 0 ? -1 : oneteam_refuse(ot, cause, "this site is "
		    "in no team yet: run oneteam team create, or oneteam team "
		    "join");
	if (print == NULL) {
		/* Its key noted (a key file of the release before gets one):
		 * the other sites take it by that key's fingerprint. Not for
		 * a command refused. */
		if (admission_root_may(ot, cause) != 0)
			return -1;
		rc = team_sign_key(ot, &ti, secret, cause);
		sodium_memzero(secret, sizeof secret);
		if (rc != 0)
			return -1;
		return admission_root_take(ot, v, n, cause);
	}
	if (admit_print_norm(print, norm) != 0)
		return oneteam_refuse(ot, cause, "\"%s\" is not a site's "
		    "fingerprint: six groups of four letters and digits, as "
		    "oneteam team show gives it at the site", print);
	if ((rc = admit_find(ot, norm, &origin, key)) < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 0) {
		store_set_fault(ot->st, STORE_ENOTFOUND);
		return oneteam_refuse(ot, cause, "no bundle of a site with "
		    "fingerprint %s has been imported here: check it for a "
		    "mistyped character, or import a bundle the root made "
		    "first", print);
	}
	return admission_root_accept(ot, &origin, cause);
}

int
team_revoke(struct oneteam *ot, const char *site, int64_t *last,
    char **cause)
{
	struct id	 origin;
	uint8_t		 key[SITE_KEY_LEN];
	char		*name;
	int		 rc;

	/* This site by its name: the rules say why not (admission.c). */
	if (strcasecmp(site, store_site_name(ot->st)) == 0)
		origin = *store_site(ot->st);
	else if (sync_site_find(ot, site, &origin, cause) != 0)
		return -1;
	if ((rc = trust_key_get(ot, &origin, key)) < 0)
		return oneteam_db_fail(ot, cause);
	name = site_label(ot->st, &origin);
	rc = admission_revoke(ot, &origin, rc == 1 ? key : NULL, name, last,
	    cause);
	free(name);
	return rc;
}
