/*
 * Which sites' changes a replica takes (admission.c; sync-design.md,
 * "Trust"): the site whose key made the team (its root), the sites an
 * administrator admitted by their key's fingerprint, and none of a
 * revoked site's changes after its last accepted. A site not admitted
 * has its changes held: kept, relayed, not applied, until an admission
 * arrives. The fold asks the same rule at every replica (the judge of
 * authority.c), so replicas holding the same changes agree.
 */
#ifndef ONETEAM_ADMISSION_H
#define ONETEAM_ADMISSION_H

#include <stdint.h>

#include "oneteam/oneteam.h"

#define ADMISSION_KEY_LEN	32	/* a site's Ed25519 public key */

/* The team id that a site's key makes when it makes a team: so every
 * replica knows the team's root by its key alone. */
void	 admission_root_id(const uint8_t key[ADMISSION_KEY_LEN],
	     struct id *team);

/*
 * Is origin the team's root, by its id (not a copy of it, which signs
 * with its key under a new id), or any site of a team made before
 * admission? The judge takes changes made by no one (a first member and
 * their passphrase, as init makes them) only from such a site: an
 * admitted site brings no staff of its own, least of all an
 * administrator its admitter never saw. 1, 0, -1.
 */
int	 admission_named(struct store *, const struct id *origin);

/*
 * May op's site make it, if it revokes a site? Only the team's root
 * revokes (any site of a team made before admission), so that two sites
 * revoking each other cannot make the order of arrival matter. 1, 0, -1.
 */
int	 admission_revoker(struct store *, const struct op *);

/*
 * Does a change of origin count in the records by which a change at at
 * is judged (store.h, struct store_judge's counts)? The root's and, in a
 * team from before admission, every site's, always; another site's from
 * the place of the change that admitted it on. 1, 0, -1.
 */
int	 admission_counts(struct store *, const struct id *origin,
	     const struct op *at);
/* The place in the order (hlc, origin, seq into *place) of the first
 * change that admitted origin's site: 1; 0 for a site that needs none
 * (the root, any site of a team from before admission) or has none; -1. */
int	 admission_place(struct store *, const struct id *origin,
	     struct op *place);
/* The key the first admission of origin's id names: 1 with key, 0 for
 * none, -1. A bundle that gives the id another key is forged in its
 * name. */
int	 admission_key_of(struct store *, const struct id *origin,
	     uint8_t key[ADMISSION_KEY_LEN]);

/* The judge's question (store.h, struct store_judge's site and admits). */
int	 admission_site(struct store *, const struct id *origin,
	     int64_t *last, char **why);
int	 admission_admits(struct store *, const struct op *, struct id **,
	     size_t *);

/*
 * Admit the site origin, whose key is key, by name: an administrator's,
 * one change. Refused for a site admitted already with that key.
 */
int	 admission_admit(struct oneteam *, const struct id *origin,
	     const uint8_t key[ADMISSION_KEY_LEN], const char *name,
	     char **cause);
/*
 * Revoke the site origin (not this one) from its changes after the last
 * this replica accepted: an administrator's, one change. *last is that
 * change's number.
 */
int	 admission_revoke(struct oneteam *, const struct id *origin,
	     const uint8_t *key, const char *name, int64_t *last,
	     char **cause);

enum admission_state {
	ADMISSION_SELF,		/* this site */
	ADMISSION_ROOT,		/* made the team */
	ADMISSION_ADMITTED,
	ADMISSION_BEFORE,	/* a team made before sites were admitted */
	ADMISSION_HELD,		/* not admitted: its changes held */
	ADMISSION_REVOKED	/* its changes after last refused */
};
struct admission_info {
	enum admission_state	 state;
	int64_t			 last;	/* ADMISSION_REVOKED */
	int64_t			 held;	/* its changes held here */
};
/* How a site stands here: 0 with *ai, or -1. */
int	 admission_of(struct oneteam *, const struct id *origin,
	     struct admission_info *, char **cause);
/* Has this team a root (made since sites are admitted)? 1, 0, -1. */
int	 admission_rooted(struct oneteam *, char **cause);

#endif
