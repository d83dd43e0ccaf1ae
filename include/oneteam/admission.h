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
 * The team's root: the site whose key made the team, or, in a team made
 * before sites were admitted, the site an administrator made its root
 * since (team root). 1 with *root, 0 for none yet, -1.
 */
int	 admission_root(struct store *, struct id *root);
/*
 * Is op's site the team's root, by its id (not a copy of it, which signs
 * with its key under a new id), or any site of a team made before
 * admission; or is op taken as it was (a change its site made before
 * the team had a root, that the root held when it was made one)? The
 * judge takes changes made by no one (a first member and their
 * passphrase, as init makes them) only from such a site: an admitted
 * site brings no staff of its own, least of all an administrator its
 * admitter never saw. 1, 0, -1.
 */
int	 admission_named(struct store *, const struct op *op);

/*
 * May op's site make it, if it revokes a site? Only the team's root
 * revokes (any site of a team made before admission), so that two sites
 * revoking each other cannot make the order of arrival matter. 1, 0, -1.
 */
int	 admission_revoker(struct store *, const struct op *);

/* The place in the order (hlc, origin, seq into *place) of the first
 * change that admitted op's site, and the generation of kinds it was made
 * by (place->made; 0 for a site's own not admitted yet): 1; 0 for a
 * change that needs none (the root's, any in a team from before
 * admission, one taken as it was) or a site that has none; -1. */
int	 admission_place(struct store *, const struct op *op,
	     struct op *place);
/* The key the first admission of origin's id names: 1 with key, 0 for
 * none, -1. A bundle that gives the id another key is forged in its
 * name. */
int	 admission_key_of(struct store *, const struct id *origin,
	     uint8_t key[ADMISSION_KEY_LEN]);

/* The history of origin its admission as it was pins (team root): 1 with
 * *last and the link of that change (op.h), 0 for none, -1. A bundle that
 * brings another change numbered last is forged. */
int	 admission_pin(struct store *, const struct id *origin,
	     int64_t *last, uint8_t link[32]);
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

/*
 * Make this site the root of a team made before sites were admitted: an
 * administrator's, who signs with the key of a passphrase set since keys.
 * Every site whose changes this replica holds is admitted first, as it
 * was, one change each: its changes up to the last held here are taken
 * as they were, wherever they stand in the order; those after, as an
 * admitted site's. *v (*n of them, for admission_kept_free()) are those
 * sites. Refused in a team that has a root.
 */
struct admission_kept {
	struct id	 origin;
	char		*name;
	int		 keyed;		/* its key known here */
	uint8_t		 key[ADMISSION_KEY_LEN];
	int64_t		 last;		/* its last change held */
	char		 link[65];	/* that change's link, in hex */
};
int	 admission_root_take(struct oneteam *, struct admission_kept **v,
	     size_t *n, char **cause);
/* Would admission_root_take() be refused (who asks, the team as it is)?
 * 0, or -1 with *cause; nothing written. */
int	 admission_root_may(struct oneteam *, char **cause);
void	 admission_kept_free(struct admission_kept *, size_t);
/* The sites that made themselves a team's root (team root), from the
 * log, taken here or not, in the order of changes: *v, *n of them, to
 * free. withdrawn: it took another since. 0, -1. */
struct admission_made {
	struct id	 origin;
	int		 keyed;
	uint8_t		 key[ADMISSION_KEY_LEN];
	int		 withdrawn;
};
int	 admission_roots_made(struct store *, struct admission_made **v,
	     size_t *n);
/* Make origin this replica's root (team.root), and decide every site's
 * changes again, in the transaction open: 0, -1. */
int	 admission_root_set(struct oneteam *, const struct id *origin,
	     char **cause);
/*
 * Take origin, another site, for the root of a team made before sites
 * were admitted (its administrator made it so, and its fingerprint was
 * read out here): this replica's, an administrator's, like joining a
 * team. Every site's changes are decided again. Refused in a team that
 * has a root.
 */
int	 admission_root_accept(struct oneteam *, const struct id *origin,
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
