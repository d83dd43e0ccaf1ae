/*
 * What the sync modules (src/sync) share and nobody else sees.
 */
#ifndef ONETEAM_SYNC_PRIVATE_H
#define ONETEAM_SYNC_PRIVATE_H

#include <stdio.h>

#include <sodium.h>

#include "oneteam/op.h"
#include "oneteam/sync.h"

/* sync.c: what the sync modules share. */
/* Tell p how far stage has come, every so often and at the end. */
void	 sync_tell(const struct sync_progress *p, const char *stage,
	     uint64_t done, uint64_t total);
/* A fault injected at where for the tests of atomicity (ONETEAM_FAULT):
 * -1 with *cause when it names where. */
int	 sync_fault(const char *where, char **cause);
/* The team and its key, or a refusal that says what to do. */
int	 sync_team(struct oneteam *, struct team_info *,
	     uint8_t key[TEAM_KEY_LEN], char **cause);
/* Put bundle (written: added NULL; or read) on the audit trail, in the
 * transaction under way. */
int	 sync_trail(struct oneteam *, const char *what, const char *path,
	     const struct id *bundle, uint64_t changes, const uint64_t *added,
	     char **cause);

/* team.c */
void	 team_key_id(const uint8_t key[TEAM_KEY_LEN], uint8_t out[32]);
int	 team_limits_ok(uint64_t ops, uint64_t mem);
int	 team_derive(const char *pass, size_t len,
	     const uint8_t salt[TEAM_SALT_LEN], uint64_t ops, uint64_t mem,
	     uint8_t key[TEAM_KEY_LEN], char **cause);
/* Read this site's key from its key file, checked against ti. */
int	 team_key_load(struct oneteam *, const struct team_info *ti,
	     uint8_t key[TEAM_KEY_LEN], char **cause);

/* Read this site's signing key (crypto_sign's secret) from its key file;
 * one of version 1 is given one first (team.c). */
int	 team_sign_key(struct oneteam *, const struct team_info *ti,
	     uint8_t secret[crypto_sign_SECRETKEYBYTES], char **cause);

/* trust.c: the key a site signs with, as first seen here: 1 with key,
 * 0 if none is known, -1; and noting one (kept if one is known). */
int	 trust_key_get(struct oneteam *, const struct id *origin,
	     uint8_t key[SITE_KEY_LEN]);
int	 trust_key_note(struct oneteam *, const struct id *origin,
	     const uint8_t key[SITE_KEY_LEN], char **cause);
/* The best signed head of origin held (to relay): 1 with e, 0, -1. */
struct bundle_has;
int	 trust_head_get(struct oneteam *, const struct id *origin,
	     struct bundle_has *e);

/*
 * Checking the chains of a bundle before it is imported: start with its
 * header (each signed head verified against the key known for its site),
 * then each change in the bundle's order, then the end (every origin's
 * changes reach its head). An origin whose change before the bundle's
 * first is missing here is skipped: none of its changes can be checked,
 * and none is applied (trust_skip()). After the import, note the keys
 * and heads (in its transaction).
 */
struct trust_origin {
	const struct bundle_has	*head;
	int			 started;
	int			 skip;
	int			 rekey;	/* its key here was another's */
	int			 forged; /* relayed under another key */
	int			 chained; /* its change next - 1 is */
	unsigned		 made;	/* the newest generation of kinds
					   its changes so far say made them */
	int64_t			 pin;	/* its change of pin_link, or -1 */
	uint8_t			 pin_link[32];
	uint64_t		 next;	/* the sequence expected */
	uint64_t		 first;	/* its first in the bundle */
	struct op_id		 link;	/* of next - 1 */
};
struct trust_check {
	const char		*path;
	struct id		 team;
	struct trust_origin	*o;
	size_t			 n;
	size_t			 last;
	/* The first pass, before copies let go of are (fork.c): a first
	 * change of a site that does not follow the one held here leaves
	 * it out there; the second pass, in the transaction, decides. */
	int			 first_pass;
};
/* A bundle's header as this site makes it, signed with secret: the team,
 * its key's id and salt, the sender and when; no heads, no digest yet. */
void	 bundle_head_own(struct oneteam *, const struct team_info *,
	     const uint8_t *secret, struct bundle_head *);
/* fork.c: at an import, a fork found here mended by its site. */
int	 fork_mended(struct oneteam *, const struct bundle_head *,
	     char **cause);
/* clock.c: at the end of an import, how far ahead its sender's clock
 * made it kept, and said in *res when far. */
int	 clock_note(struct oneteam *, const struct bundle_head *,
	     struct sync_result *, char **cause);
int	 trust_check_start(struct oneteam *, const struct bundle_head *,
	     const char *path, struct trust_check *, char **cause);
/* The origin in the bundle's header, or NULL. */
struct trust_origin *trust_find(struct trust_check *, const struct id *);
int	 trust_check_op(struct oneteam *, struct trust_check *,
	     const struct op *, char **cause);
int	 trust_check_end(struct oneteam *, struct trust_check *,
	     char **cause);
int	 trust_skip(struct trust_check *, const struct op *);
/* Is op of a site relayed under another key than its own (left out)? */
int	 trust_forged(struct trust_check *, const struct op *);
size_t	 trust_skipped(const struct trust_check *);
/*
 * A site that signed two changes under one number: the one held here and
 * the other, with the head over it, from a bundle refused for it. Noted
 * after that import is taken back (trust_fork_note(), its own
 * transaction); audit verify reports it (sync_verify()).
 */
struct trust_fork {
	int			 found;
	struct id		 origin;
	uint64_t		 seq;
	struct op_id		 held, other;
	struct bundle_has	 head;		/* name not kept */
	int			 has_head;
	struct id		 bundle, sender;
};
int	 trust_fork_note(struct oneteam *, const struct trust_fork *,
	     char **cause);
/* Is origin this site, or an id it had before (its key the same)? */
int	 trust_ours(struct oneteam *, const struct id *origin);
/*
 * fork.c, at an import: is there another change under op's (origin,
 * sequence), logged or held back (two sites share a site id: refused,
 * both kept as proof in *fk)? 0, or -1 with the refusal.
 */
int	 fork_clone(struct oneteam *, const struct op *, struct trust_fork *,
	     char **cause);

/*
 * The changes a bundle's changes make again (site recover at their site:
 * op.h, remakes), gathered as it is checked. At its import, before any
 * change is taken, this replica lets go of its copies of those named and
 * of any it holds already known to be let go of (store_let_go()), and
 * *own_from says from which of its own changes, made on them, it must
 * make its own again (fork_remake_own(), once the bundle's remakings are
 * taken), or 0. A copy in the bundle itself is left out
 * (fork_recovered()): a sender that has not let go yet still sends it.
 */
struct fork_named {
	struct id	 origin;
	uint64_t	 seq;
	struct op_id	 id;
	struct id	 by;		/* the site that made it again */
};
struct fork_names {
	struct fork_named *v;
	size_t		 n;
};
void	 fork_names_add(struct fork_names *, const struct op *);
void	 fork_names_free(struct fork_names *);
/* Is op a copy of a change let go of by its maker: named so here, or by
 * a change made again in the bundle fn was gathered from (1, 0, -1)? */
int	 fork_recovered(struct oneteam *, const struct fork_names *fn,
	     const struct op *);
int	 fork_let_go(struct oneteam *, const struct fork_names *,
	     struct sync_result *, uint64_t *own_from, char **cause);
int	 fork_remake_own(struct oneteam *, uint64_t from,
	     struct sync_result *, char **cause);
/* The keys of the heads vouched for, noted before any change is folded
 * (the fold asks them of a site's admission); then all with the heads. */
int	 trust_check_keys(struct oneteam *, struct trust_check *,
	     char **cause);
int	 trust_check_note(struct oneteam *, struct trust_check *,
	     char **cause);
void	 trust_check_free(struct trust_check *);

/* bundle.c: the file format (oneteam-bundle(5)). */
#define BUNDLE_MAGIC		"OTBUNDLE"
#define BUNDLE_CHUNK		(64 * 1024)	/* plaintext a part, about */
#define BUNDLE_RECORD_MAX	(4 * 1024 * 1024) /* one change, encoded */

/* Writing: records go into parts of about BUNDLE_CHUNK, sealed as they
 * fill; the last is sealed FINAL by bundle_write_end(). */
struct bundle_writer {
	FILE		*f;
	uint8_t		*head;		/* authenticated with the first part */
	size_t		 headlen;
	int		 first;
	crypto_secretstream_xchacha20poly1305_state ss;
	uint8_t		*buf;
	size_t		 len;
	uint8_t		*sealed;
	uint64_t	 records;
};

int	 bundle_write_start(struct bundle_writer *, FILE *,
	     const struct bundle_head *, const uint8_t key[TEAM_KEY_LEN],
	     char **cause);
int	 bundle_write_record(struct bundle_writer *, const struct op_id *,
	     const uint8_t *enc, size_t len, char **cause);
int	 bundle_write_end(struct bundle_writer *, char **cause);
void	 bundle_write_free(struct bundle_writer *);

/* Reading: the header, then each record, every part authenticated. */
struct bundle_reader {
	FILE		*f;
	char		*path;
	struct bundle_head h;
	uint8_t		*head;
	size_t		 headlen;
	uint8_t		 ss_head[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	crypto_secretstream_xchacha20poly1305_state ss;
	uint64_t	 parts;
	int		 final;
	uint8_t		*sealed;
	uint8_t		*plain;
	size_t		 plen;
	size_t		 pos;
	uint64_t	 records;
	uint64_t	 offset;	/* of the file read so far */
	size_t		 signed_len;	/* of the header its sender signed */
};

/* Open path and read its header; refuses what is not a whole bundle
 * header of a format this oneteam reads. */
int	 bundle_read_open(struct bundle_reader *, const char *path,
	     char **cause);
/* Start reading the parts with the team key. */
int	 bundle_read_start(struct bundle_reader *,
	     const uint8_t key[TEAM_KEY_LEN], char **cause);
/*
 * The next record: 1 with *id, *enc and *len (valid until the next call),
 * 0 at the end of a whole bundle (its FINAL part, then the end of the
 * file), -1 with *cause.
 */
int	 bundle_read_record(struct bundle_reader *, struct op_id *,
	     const uint8_t **enc, size_t *len, char **cause);
void	 bundle_read_close(struct bundle_reader *);

/* Sign e (its origin, seq and link set) with a site's secret key
 * (crypto_sign's), which also gives e its public key. */
void	 bundle_head_sign(const struct id *team, struct bundle_has *,
	     const uint8_t *secret);
/* 0 if e's signature is its key's for team, -1 if not. */
int	 bundle_head_verify(const struct id *team, const struct bundle_has *);
/*
 * Is the header its sender's: the sender's own head in it, signed, and
 * the header signed with that head's key? 0 with *e that head, -1 if
 * not. (Whether that key is the sender's, trust_check_start() says.)
 */
int	 bundle_read_sender(const struct bundle_reader *,
	     const struct bundle_has **e);

/* import-tally.c: what this replica does not show of what it holds, so
 * far, read before an import and after it. */
struct import_counts {
	int64_t			refused;	/* by the judge, or revoked */
	int64_t			held;		/* its site not admitted */
	struct store_later	later;		/* a newer oneteam's */
};
int	 import_refusals(struct oneteam *, struct import_counts *);
/* Note the families and referrals in conflict across records now. */
int	 import_across_before(struct oneteam *);
/* What the import added since was: refused, held, kept for a newer
 * oneteam, and (*versions) conflicts across records that were not
 * noted before (import_across_before()). 0, or -1. */
int	 import_tally(struct oneteam *, const struct import_counts *was,
	     struct sync_result *, uint64_t *versions);

/* import.c, for a look before an import (preview.c): is the bundle r
 * opened for this team, and will the disk hold it; its first pass, each
 * change checked shown to each; does this replica hold op (1, 0, -1)? */
int	 import_fits(struct oneteam *, const struct team_info *,
	     const struct bundle_reader *, char **cause);
int	 import_check(struct oneteam *, const char *path, const uint8_t *key,
	     const struct sync_progress *, struct fork_names *,
	     void (*each)(const struct op *, int taken, void *), void *arg,
	     char **cause);
int	 import_held(struct oneteam *, const struct op *);

#endif
