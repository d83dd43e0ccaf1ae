/*
 * Operations: the unit of replication (ARCHITECTURE.md, "Sites and bundles").
 *
 * An operation either creates a record with its fields (OP_NEW) or sets
 * one field of a record (OP_SET), naming the operations its author saw
 * for that field (its base). It names its origin's previous change too,
 * so that a site's changes make a chain, which the site signs (its
 * head, bundle.c). Its id is the BLAKE2b-256 hash of its canonical
 * header, which holds the hash of its body: a body may one day be
 * dropped (a purge, a replica that holds only some localities) and the
 * chain still verify from the headers.
 *
 * Encoding, version 2, integers big-endian: a header, then a body.
 *   header: u8 version, u8 kind, origin[16], u64 seq, prev[32], u64 hlc,
 *     author[16], u8 len + etype, entity[16], OP_SET: u8 len + field,
 *     u32 body length, body hash[32]
 *   body: OP_SET: value, u16 nbase, nbase x id[32] ascending
 *     OP_NEW: u16 nfields, nfields x (u8 len + field, value), names
 *     ascending
 *   value: u8 tag (0 null, 1 int, 2 text, 3 id), then i64 | u32 len +
 *     UTF-8 | id[16]
 * prev is the link of the origin's change seq - 1 (zero for the first):
 * a version 2 change's link is its id. Nothing may follow the body.
 *
 * Version 4, made now, is version 2 saying which oneteam made it: after
 * the kind, u16 made (the generation of record kinds its maker knew,
 * kinds.h), and before the body's length, u16 len + extension bytes,
 * which a later generation may fill (empty from a maker this build's
 * generation or older, refused otherwise). A build keeps a change of a
 * later generation whose kind, fields or body it cannot read: its
 * header (so its id and chain) is read whatever its body holds
 * (opaque), and it folds once the site is upgraded (fold.c). Versions
 * before 4 count as made by generation 1.
 *
 * Version 3 (5) is version 2 (4) signed by its author: a change only
 * some may make (the judge decides it, store.h) made by a member of staff whose
 * passphrase gives them a key (signin.h) carries, at its header's end
 * after the body's hash, their Ed25519 signature of the BLAKE2b-256 hash
 * of "oneteam author 1" and the header before it. The signature is in
 * the header, so in the id and the chain: no one relaying it can take
 * it off. The fold checks it against the author's key as it stood at
 * the change's place in the order (the core's authority.c).
 *
 * Version 1 (before chains): u8 version, u8 kind, origin[16], u64 seq,
 * u64 hlc, author[16], u8 len + etype, entity[16], then the body as
 * above; its id the hash of it all. Such changes are still read (every
 * log holds them); none is made. Their link is oplog_link()'s.
 *
 * Decoding refuses any other form, so each operation has exactly one
 * encoding.
 */
#ifndef ONETEAM_OP_H
#define ONETEAM_OP_H

#include <stddef.h>
#include <stdint.h>

#include "oneteam/id.h"
#include "oneteam/store.h"

#define OP_VERSION	4	/* the version made */
#define OP_VERSION_SIGNED 5	/* version 4 signed by its author */
#define OP_VERSION_1	1	/* read only: changes from before chains */
#define OP_VERSION_2	2	/* read only: before changes said who made them */
#define OP_VERSION_2_SIGNED 3	/* read only: version 2 signed */
#define OP_EXT_MAX	1024	/* longest header extension (version 4) */
/*
 * The header extension (version 4), of generation 4 on: entries of a tag
 * byte, a length byte and that many bytes, tags rising. A later
 * generation's tags this build does not know are passed over. A change
 * made again by site recover (generation 5) names the change it makes
 * again: signed in the chain by the same key, it says that site let go of
 * the one it names, and every copy of it is let go (src/sync/fork.c).
 */
#define OP_EXT_WALL	1	/* the maker's clock: 8 bytes, ms, big-endian */
#define OP_EXT_REMAKES	2	/* the change it makes again (generation 5):
				 * origin[16], u64 seq, id[32] */
#define OP_EXT_REMAKES_LEN (ID_LEN + 8 + OP_ID_LEN)
#define OP_EXT_BEFORE	3	/* the changes that one made again in turn,
				 * newest first (generation 6): 1 to
				 * OP_BEFORE_MAX of origin[16], u64 seq,
				 * id[32] */
#define OP_BEFORE_MAX	4
#define OP_SIG_LEN	64	/* an author's Ed25519 signature */
#define OP_AUTHOR_SK_LEN 64	/* an author's Ed25519 secret key */
#define OP_AUTHOR_PK_LEN 32	/* and public key */
#define OP_ID_LEN	32
#define OP_NAME_MAX	64	/* longest entity type or field name */
#define OP_TEXT_MAX	(1 << 20) /* longest text value */

enum op_kind { OP_NEW = 1, OP_SET = 2 };

struct op_id {
	uint8_t	b[OP_ID_LEN];
};

/* A change named by another: its site, number and id. */
struct op_ref {
	struct id	 origin;
	uint64_t	 seq;
	struct op_id	 id;
};

struct op {
	struct op_id	 id;
	unsigned	 version;	/* of its encoding */
	unsigned	 made;		/* generation of kinds its maker knew */
	int		 opaque;	/* its body is a later generation's,
					 * not read: no fields, no value */
	struct id	 origin;	/* the site that made it */
	uint64_t	 seq;		/* gapless per origin, from 1 */
	struct op_id	 prev;		/* the link of seq - 1 (version 2) */
	uint64_t	 hlc;		/* hybrid clock: ms << 16 | counter */
	int64_t		 wall;		/* the maker's clock as it made it,
					 * ms (generation 4); 0: not said */
	int		 remade;	/* it makes a change again: */
	struct id	 remakes_origin; /* that change's site, */
	uint64_t	 remakes_seq;	/* number */
	struct op_id	 remakes;	/* and id (generation 5) */
	/* What that change made again in turn, and so on back (a change
	 * made again twice: a site let go of its copies twice): every
	 * copy of each is let go of too (generation 6). */
	struct op_ref	 before[OP_BEFORE_MAX];
	size_t		 nbefore;
	struct id	 author;	/* staff id; zero for the system */
	enum op_kind	 kind;
	char		 etype[OP_NAME_MAX + 1];
	struct id	 entity;
	/* OP_SET */
	char		 field[OP_NAME_MAX + 1];
	struct val	 value;
	size_t		 nbase;
	struct op_id	*base;
	/* OP_NEW */
	size_t		 nfields;
	struct field	*fields;
	/* The encoding; value and field texts point into owned copies.
	 * Its first headlen bytes are the header (version 2). */
	uint8_t		*enc;
	size_t		 enclen;
	size_t		 headlen;
	char		*strings;
};

/* Milliseconds of a hybrid clock value. */
static inline int64_t
hlc_ms(uint64_t hlc)
{
	return (int64_t)(hlc >> 16);
}

/* When op was made, for people: its maker's clock, when it says it, else
 * its hybrid clock's (which a change heard of from a clock far ahead
 * drags forward). */
static inline int64_t
op_when(const struct op *op)
{
	return op->wall > 0 ? op->wall : hlc_ms(op->hlc);
}

/* Is op of a chain (version 2 or later: it names prev, its header is
 * hashed apart from its body)? */
static inline int
op_chained(const struct op *op)
{
	return op->version >= OP_VERSION_2;
}

/* Did its author sign op (version 3 or 5)? */
static inline int
op_signed(const struct op *op)
{
	return op->version == OP_VERSION_SIGNED ||
	    op->version == OP_VERSION_2_SIGNED;
}

/*
 * Encode op (all fields but id, enc and strings set by the caller, prev
 * included; fields and base may be in any order and are sorted), set
 * op->enc and op->id: in the current version, unless op->version says
 * version 1 or 2 (a change read in it, encoded again as it was); made
 * zero is this build's generation.
 * Returns -1 with *cause for a name too long, duplicate field or base.
 */
int	 op_encode(struct op *, char **cause);
/* The same, signed by its author's secret key sk (OP_AUTHOR_SK_LEN
 * bytes), in version 5 (3); sk NULL: op_encode(). */
int	 op_encode_signed(struct op *, const uint8_t *sk, char **cause);
/* Did the holder of pk (OP_AUTHOR_PK_LEN bytes) sign op? 1 yes; 0 no,
 * or op is not signed (not version 3 or 5). */
int	 op_author_verify(const struct op *, const uint8_t *pk);
/*
 * Decode an encoding into op (which then owns copies of everything) and
 * compute its id. Returns -1 with *cause if it is not canonical.
 */
int	 op_decode(const uint8_t *, size_t, struct op *, char **cause);
void	 op_free(struct op *);

/*
 * The id a change makes a new record under: the BLAKE2b-128 hash of
 * "oneteam record 1", its origin and its sequence. A record's id so names
 * the one change that may make it; another making of that id (a forger
 * taking a record's id) cannot be that change, however it is dated.
 * Records made before ids were made so have random ones.
 */
void	 op_made_id(const struct id *origin, uint64_t seq, struct id *out);
/*
 * Does op (a making) make its record under the id its place gives? 1; 0
 * for a making under another id, which only a change of version 1 (from
 * before ids were so made) may be; 1 for a change that makes nothing.
 */
int	 op_makes_own(const struct op *op);

/* Hex of an operation id into buf (>= 65). */
void	 op_id_hex(const struct op_id *, char *buf);

/*
 * The link of a change in its origin's chain, given the link of the
 * change before it (zero for the first): its id for version 2, whose
 * header names prev; for version 1, the hash of prev and its id. So the
 * link of change n commits to changes 1 to n, and one signature of it
 * (a signed head) vouches for all of them. Returns -1 with *cause when
 * a version 2 change names another prev: it does not follow.
 */
int	 op_link(const struct op *, const struct op_id *prev,
	     struct op_id *link, char **cause);
/* The link of a change of version 1 of id, after prev (link may be
 * prev). */
void	 op_link_1(const struct op_id *prev, const struct op_id *id,
	     struct op_id *link);

#endif
