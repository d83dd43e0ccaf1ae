/*
 * Operations: the unit of replication (ARCHITECTURE.md, "Sites and bundles").
 *
 * An operation either creates a record with its fields (OP_NEW) or sets
 * one field of a record (OP_SET), naming the operations its author saw
 * for that field (its base). Its id is the BLAKE2b-256 hash of one
 * canonical encoding, so the same change hashes the same on every site.
 *
 * Encoding, version 1, integers big-endian:
 *   u8 version, u8 kind, origin[16], u64 seq, u64 hlc, author[16],
 *   u8 len + etype, entity[16], then
 *   OP_SET: u8 len + field, value, u16 nbase, nbase x id[32] ascending
 *   OP_NEW: u16 nfields, nfields x (u8 len + field, value), names ascending
 *   value: u8 tag (0 null, 1 int, 2 text, 3 id), then i64 | u32 len + UTF-8
 *          | id[16]
 * Nothing may follow. Decoding refuses any other form, so each operation
 * has exactly one encoding.
 */
#ifndef ONETEAM_OP_H
#define ONETEAM_OP_H

#include <stddef.h>
#include <stdint.h>

#include "oneteam/id.h"
#include "oneteam/store.h"

#define OP_VERSION	1
#define OP_ID_LEN	32
#define OP_NAME_MAX	64	/* longest entity type or field name */
#define OP_TEXT_MAX	(1 << 20) /* longest text value */

enum op_kind { OP_NEW = 1, OP_SET = 2 };

struct op_id {
	uint8_t	b[OP_ID_LEN];
};

struct op {
	struct op_id	 id;
	struct id	 origin;	/* the site that made it */
	uint64_t	 seq;		/* gapless per origin, from 1 */
	uint64_t	 hlc;		/* hybrid clock: ms << 16 | counter */
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
	/* The encoding; value and field texts point into owned copies. */
	uint8_t		*enc;
	size_t		 enclen;
	char		*strings;
};

/* Milliseconds of a hybrid clock value. */
static inline int64_t
hlc_ms(uint64_t hlc)
{
	return (int64_t)(hlc >> 16);
}

/*
 * Encode op (all fields but id, enc and strings set by the caller; fields
 * and base may be in any order and are sorted), set op->enc and op->id.
 * Returns -1 with *cause for a name too long, duplicate field or base.
 */
int	 op_encode(struct op *, char **cause);
/*
 * Decode an encoding into op (which then owns copies of everything) and
 * compute its id. Returns -1 with *cause if it is not canonical.
 */
int	 op_decode(const uint8_t *, size_t, struct op *, char **cause);
void	 op_free(struct op *);

/* Hex of an operation id into buf (>= 65). */
void	 op_id_hex(const struct op_id *, char *buf);

#endif
