/*
 * What the test helpers that forge bundles share (forge.c, claim.c): a
 * forger's database opened with its team key and its site's signing key,
 * and a bundle's header made as its own site would make it.
 */
#ifndef FORGER_H
#define FORGER_H

#include <stdint.h>

#include "oneteam/oneteam.h"
#include "oneteam/sync.h"
#include "sync-private.h"

/* Say why and exit 1; what names the helper's part at fault. */
void	forger_die(const char *what, const char *cause)
	    __attribute__((noreturn));
/* Open db, its team and keys: key the team key, sk the site's own. */
void	forger_open(const char *db, struct oneteam *,
	    struct team_info *, uint8_t key[TEAM_KEY_LEN], uint8_t sk[64]);
/* A header of this site's, signed with sk, holding heads has[0..n). */
void	forger_header(struct oneteam *, const struct team_info *,
	    uint8_t *sk, struct bundle_has *has, size_t n,
	    struct bundle_head *);

#endif
