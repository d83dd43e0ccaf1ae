/*
 * forger.c: what the test helpers that forge bundles share (forger.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forger.h"

extern const char *forger_name;	/* the helper's, for its messages */

void
forger_die(const char *what, const char *cause)
{
	fprintf(stderr, "%s: %s: %s\n", forger_name, what,
	    cause != NULL ? cause : "");
	exit(1);
}

void
forger_open(const char *db, struct oneteam *ot, struct team_info *ti,
    uint8_t key[TEAM_KEY_LEN], uint8_t sk[64])
{
	char	*cause = NULL;

	if (oneteam_open(ot, NULL, db, 0, &cause) != 0)
		forger_die(db, cause);
	if (team_get(ot, ti, &cause) != 1 ||
	    team_key_load(ot, ti, key, &cause) != 0 ||
	    team_sign_key(ot, ti, sk, &cause) != 0)
		forger_die("team key", cause);
}

void
forger_header(struct oneteam *ot, const struct team_info *ti, uint8_t *sk,
    struct bundle_has *has, size_t n, struct bundle_head *h)
{
	bundle_head_own(ot, ti, sk, h);
	id_random(&h->bundle);
	h->has = has;
	h->nhas = n;
}
