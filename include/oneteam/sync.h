/*
 * Synchronising sites by bundle files (ARCHITECTURE.md, "Sites and
 * bundles"; the file format is oneteam-bundle(5)).
 *
 * A team shares one key, derived once from the team passphrase with
 * Argon2id when the team is created or a site joins it, and kept in a key
 * file only its owner can read. A bundle carries operations exactly as
 * their sites made them, encrypted and authenticated with that key.
 * Importing one checks all of it before one transaction applies it.
 * The conflicts an import may bring are the core's (conflict.h, included
 * here for those who use both).
 */
#ifndef ONETEAM_SYNC_H
#define ONETEAM_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "oneteam/conflict.h"
#include "oneteam/oneteam.h"

#define TEAM_KEY_LEN		32
#define TEAM_PASS_MIN		10	/* characters of a team passphrase */
#define TEAM_SALT_LEN		16
#define BUNDLE_VERSION		3
#define SITE_KEY_LEN		32	/* a site's public key (Ed25519) */
#define SITE_SIG_LEN		64

/* How hard the key derivation works (libsodium's limits of those names). */
enum team_kdf {
	TEAM_KDF_INTERACTIVE,		/* 64 MiB: for tests and old laptops */
	TEAM_KDF_MODERATE,		/* 256 MiB: the default */
	TEAM_KDF_SENSITIVE,		/* 1 GiB */
};

struct team_info {
	struct id	 team;
	uint8_t		 key_id[32];	/* tells the key apart, reveals nothing */
	uint8_t		 salt[TEAM_SALT_LEN];
	uint64_t	 opslimit;
	uint64_t	 memlimit;
	int64_t		 joined;	/* when this site made or joined it */
};

/* This database's team: 1 with *ti filled, 0 if it has none, -1. */
int	 team_get(struct oneteam *, struct team_info *, char **cause);

/*
 * Make a new team in a database that has none: a random team id and salt,
 * the key derived from the passphrase, written to the key file (which
 * must not exist). The passphrase is not kept.
 */
int	 team_create(struct oneteam *, const char *pass, size_t len,
	     enum team_kdf, char **cause);

/*
 * Join the team that made the bundle at path: the key is derived from the
 * passphrase with the bundle's parameters and must match its key id (a
 * wrong passphrase is refused as such), then written to the key file.
 * A site in that team already takes the new key the bundle was made with
 * (team_rekey()), keeping its signing key.
 */
/* team_join(), before: the team may be one made before sites were
 * admitted (a bundle without its root's head is taken as such). */
int	 team_join_as(struct oneteam *, const char *path, const char *pass,
	     size_t len, int before, char **cause);
int	 team_join(struct oneteam *, const char *path, const char *pass,
	     size_t len, char **cause);

/* The key file of this database (configured, or the database's path with
 * ".key" added); the caller frees it. */
char	*team_key_path(struct oneteam *);

/*
 * A site's fingerprint: its public key's hash, 24 characters of base32 in
 * groups of four, to be read out and compared by people.
 */
#define TEAM_PRINT_LEN		30
void	 team_fingerprint(const uint8_t key[SITE_KEY_LEN],
	     char out[TEAM_PRINT_LEN]);
/* This site's: 1 with out, 0 when it has no signing key yet (a site from
 * before signing: its next bundle makes one), -1. */
int	 team_site_print(struct oneteam *, char out[TEAM_PRINT_LEN],
	     char **cause);

/*
 * Make a new team key from a new passphrase (an administrator's), in
 * place of this site's: bundles made with it are refused by the sites
 * that have taken the new one (team_join() with a bundle made with it
 * and the new passphrase), and a holder of the old key reads none made
 * since. The team's id, its sites and their signing keys stay.
 */
int	 team_rekey(struct oneteam *, const char *pass, size_t len,
	     enum team_kdf, char **cause);

/*
 * Admit the site whose key has the fingerprint print (as team show gives
 * it at that site, read out) under name: an administrator's, once a
 * bundle of that site has been imported here, or from, a bundle the site
 * made itself (its own were refused here: a bundle claiming its id came
 * first). Its changes, held until then, are taken at every site the
 * admission reaches (admission.h).
 */
int	 team_admit(struct oneteam *, const char *print, const char *name,
	     const char *from, char **cause);
/*
 * In a team made before sites were admitted: with print NULL, make this
 * site the team's root, and admit as they were the sites whose changes
 * it holds (admission.h, admission_root_take(): *v and *n those sites);
 * else take for root the site whose key has the fingerprint print, read
 * out at that site, once a bundle of it has been imported here
 * (admission_root_accept()).
 */
struct admission_kept;
int	 team_root(struct oneteam *, const char *print,
	     struct admission_kept **v, size_t *n, char **cause);
/*
 * Revoke the site known here as site (name or reference): its changes
 * after the last taken here (*last) are refused at every site. An
 * administrator's.
 */
int	 team_revoke(struct oneteam *, const char *site, int64_t *last,
	     char **cause);

/*
 * One origin a bundle's sender holds: every change up to seq. Signed (a
 * signed head): the origin's public key, the link of its change seq
 * (op.h) and the origin's signature of both, which vouches for every
 * change of it up to seq. A bundle carries changes of an origin only up
 * to its signed head. Unsigned (key zero): a claim, what a sender holds
 * of an origin that has signed nothing it has seen.
 */
struct bundle_has {
	struct id	 origin;
	uint64_t	 seq;
	char		*name;		/* the site's name, as the sender knows it */
	uint8_t		 key[SITE_KEY_LEN];
	uint8_t		 link[32];
	uint8_t		 sig[SITE_SIG_LEN];
	int		 is_signed;
};

/* The clear header of a bundle, readable without the key. */
struct bundle_head {
	unsigned	 version;
	struct id	 team;
	uint8_t		 key_id[32];
	uint8_t		 salt[TEAM_SALT_LEN];
	uint64_t	 opslimit;
	uint64_t	 memlimit;
	struct id	 bundle;
	struct id	 sender;
	char		*sender_name;
	int64_t		 created;	/* ms, by the sender's clock */
	struct id	 to;		/* the site it was made for; zero: full */
	uint64_t	 changes;
	uint8_t		 digest[32];	/* of the sender's operations */
	struct bundle_has *has;
	size_t		 nhas;
	uint8_t		 sig[SITE_SIG_LEN]; /* the sender's, of the header */
	const uint8_t	*signer;	/* writing: the sender's secret key */
	uint64_t	 size;		/* of the file */
};

void	 bundle_head_free(struct bundle_head *);

/*
 * Read the header of the bundle at path, checking its form but not its
 * contents (that needs the key). Refuses what is not a bundle, a newer
 * format, a damaged or truncated header.
 */
int	 bundle_info(const char *path, struct bundle_head *, char **cause);

/* What an export or import did. */
#define SYNC_LET_GO_SITES 4	/* sites named as copies of theirs let go */

struct sync_result {
	uint64_t	 changes;	/* in the bundle */
	uint64_t	 added;		/* new here */
	uint64_t	 trail;		/* of those, entries of the audit trail */
	uint64_t	 held;		/* already held */
	uint64_t	 conflicts;	/* fields that came into conflict */
	uint64_t	 refused;	/* more refused by the rules of who may
					   make them (oneteam check lists) */
	uint64_t	 skipped;	/* a change of their site before them
					   is missing: not checked, not taken */
	uint64_t	 unadmitted;	/* more held: their site is not
					   admitted (oneteam peers lists) */
	uint64_t	 later;		/* of those new, made by a newer
					   oneteam than this: kept, passed
					   on, not shown (store_later()) */
	unsigned	 later_made;	/* the newest generation of kinds
					   (kinds.h) among them */
	uint64_t	 forged;	/* relayed with a head signed by
					   another key than their site's:
					   left out */
	int64_t		 before;	/* the bundle was imported then; 0 */
	struct id	 bundle;
	struct id	 sender;
	int		 new_site;	/* this replica took a new site id */
	uint64_t	 recovered;	/* changes of a history this site took
					 * out with site recover: left out */
	uint64_t	 let_go;	/* copies held here of changes their
					 * site made again after its history
					 * forked: let go of (fork.c) */
	struct id	 let_go_of[SYNC_LET_GO_SITES]; /* the sites they
					 * were of, the first few */
	size_t		 nlet_go_of;	/* how many (one more: more still) */
	uint64_t	 remade;	/* this site's own made on them: made
					 * again under a new site id */
	uint64_t	 remade_stale;	/* of those, signed with a key their
					 * author has changed since: made
					 * again refused, kept */
	struct id	 repass[SYNC_LET_GO_SITES]; /* whose new passphrase
					 * was one (the first few) */
	size_t		 nrepass;
	int64_t		 ahead;		/* ms: a site's changes were dated so
					   far after this machine's clock
					   (more than CLOCK_FAR_MS); 0 */
	struct id	 ahead_site;	/* that site */
};

/*
 * A look at the bundle at path before it is imported (the Sync screen):
 * its header, when it was imported here (0: never), and at a site of its
 * team (checked) what an import of it would say: why it would be
 * refused, or (why NULL) what it brings that this site lacks. It is read
 * with the team key and checked by the import's own first pass; nothing
 * is written. -1 when the header cannot be read, or the database fails
 * (nothing to free); 0 otherwise, the refusal in why, and
 * bundle_preview_free() frees it.
 */
struct preview_kind {
	uint64_t	 added;		/* records of the kind made */
	uint64_t	 changed;	/* fields of such records set */
};
struct bundle_preview {
	struct bundle_head	 h;
	int64_t			 seen;
	int			 checked;
	char			*why;
	uint64_t		 held;		/* changes held here already */
	uint64_t		 not_yet;	/* not taken: their sites' changes
					   before are not here (or relayed
					   forged) */
	uint64_t		 fresh;		/* changes new here, taken: */
	struct preview_kind	*kinds;		/* by kind, as kinds_at() */
	uint64_t		 later;		/* made by a newer oneteam */
	struct id		*origins;	/* by the sites, */
	size_t			 norigins;
	struct id		*authors;	/* the people, */
	size_t			 nauthors;
	int64_t			 first, last;	/* then (makers' clocks, ms) */
};
struct sync_progress;
int	 bundle_preview(struct oneteam *, const char *path,
	     const struct sync_progress *, struct bundle_preview *,
	     char **cause);
void	 bundle_preview_free(struct bundle_preview *);

/* Told how far a long export or import has come. */
struct sync_progress {
	void	(*fn)(const char *stage, uint64_t done, uint64_t total,
		    void *arg);
	void	 *arg;
};

/*
 * Write a bundle to path: for the site to (what it has not said it has),
 * or everything when to is NULL. The file is written beside path and
 * renamed over it only when complete, readable by its owner only.
 */
int	 bundle_export(struct oneteam *, const struct id *to, const char *path,
	     const struct sync_progress *, struct sync_result *, char **cause);

/*
 * Import the bundle at path: all of it is decrypted and checked, then its
 * changes are applied in one transaction, or nothing is. Returns 0 with
 * *res filled, -1 with *cause.
 */
int	 bundle_import(struct oneteam *, const char *path,
	     const struct sync_progress *, struct sync_result *, char **cause);

/* A site this replica knows of. */
struct peer {
	struct id	 site;
	const char	*name;
	int		 self;		/* this replica */
	int64_t		 heard;		/* its last bundle imported; 0: never */
	int64_t		 sent;		/* last bundle made for it; 0: never */
	uint64_t	 holds;		/* changes it has said it holds */
	uint64_t	 behind;	/* changes held here it has not */
	int		 in_step;	/* each holds every record the other
					   does (the trail of their exchanges
					   aside) */
	const struct id	*also;		/* other sites known by its name */
	size_t		 nalso;
	int		 admission;	/* enum admission_state */
	int64_t		 last;		/* revoked after its change last */
	int64_t		 waiting;	/* its changes held: not admitted */
	char		 print[30];	/* its key's fingerprint, or "" */
	int		 timed;		/* its clock measured, when ahead: */
	int64_t		 ahead;		/* how far its newest change was dated
					   after this machine's clock when it
					   came, in ms (clock.c) */
};

int	 sync_peers(struct oneteam *, int (*fn)(const struct peer *, void *),
	     void *arg, char **cause);
/*
 * Whether a peer's changes are taken here, in words: "yes", "yes: made
 * the team", "yes: team made before admission", "no: N changes held",
 * "revoked after change N"; "" for this site. The caller frees it.
 */
char	*sync_peer_admitted(const struct peer *);

/*
 * A peer's name as lists show it: with "(this site)", and with the sites
 * that have its name too ("name also used by XXXXXXXX"), which their
 * configurations should set apart. The caller frees it.
 */
char	*sync_peer_label(const struct peer *);

/*
 * Find another site known here by its name or the start of its reference;
 * a name two sites have is refused, naming both, unless they are one site
 * under the ids it took in turn (one key: a backup put back, a recover),
 * when the one heard from last is meant.
 */
int	 sync_site_find(struct oneteam *, const char *text, struct id *,
	     char **cause);

/*
 * Check again the signed heads held here (the best of each site, which
 * this site relays): each its site's key's signature, of the changes
 * held. Calls report with a line for each problem; returns how many, 0
 * for a site in no team, or -1 with *cause.
 */
int	 sync_verify(struct oneteam *, void (*report)(const char *, void *),
	     void *arg, char **cause);

/*
 * All that audit verify checks, for the command line and the screens
 * alike: the audit trail and every site's chain of changes
 * (audit_verify(), which fills tally), then the signed heads held
 * (sync_verify()). Returns the number of problems reported, or -1.
 */
struct audit_tally;
int	 sync_verify_all(struct oneteam *,
	     void (*report)(const char *, void *), void *arg,
	     struct audit_tally *tally, char **cause);

/* The digest of the operations this replica holds (as in a bundle). */
int	 sync_digest(struct oneteam *, uint8_t out[32], char **cause);

/* What peers says of the team's root, when a site was made root that
 * this one does not take (none yet, or another): a sentence to free, or
 * NULL. */
char	*sync_root_word(struct oneteam *);
/* How many changes held here are of sites not admitted; -1. */
int64_t	 sync_unadmitted(struct oneteam *);
/* When a bundle was last imported from or made for any site; 0: never. */
int64_t	 sync_last_exchange(struct oneteam *);
/* When the bundle of that id was imported here; 0: never. */
int64_t	 sync_bundle_seen(struct oneteam *, const struct id *bundle);

/*
 * This site's history forked (a bundle refused for changes of this site
 * numbered as others the team holds): make its changes from the fork on
 * again under a new site id (store_recover()). Refused when no such
 * bundle was refused here.
 */
int	 sync_recover(struct oneteam *, struct store_recovered *,
	     char **cause);

/* What peers says of clocks far out: the site whose changes came dated
 * furthest after this machine's clock, or this machine's clock behind the
 * changes held; a sentence to free, or NULL. */
char	*sync_clock_word(struct oneteam *);

#endif
