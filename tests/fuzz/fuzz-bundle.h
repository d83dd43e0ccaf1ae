/*
 * The fuzz target of the bundle reader (fuzz-bundle.c), shared with the
 * plain driver that replays a corpus (run-corpus.c) and the generator of
 * the corpus (gen-corpus.c).
 *
 * The first byte of an input chooses what the rest is:
 *   bit 0 clear	FUZZ_FILE: the rest is a whole bundle file, read with
 *			the fixed key fuzz_bundle_key;
 *   bits 0, 1 = 1, 0	FUZZ_RECORDS: the rest is encoded changes separated
 *			by FUZZ_SEP, sealed by bundle_write_*() with the
 *			fixed key, then read back: they must come back as
 *			they went in;
 *   bits 0, 1 = 1, 1	FUZZ_PARTS: the next byte is the header's count of
 *			changes, the rest the plain texts of parts
 *			separated by FUZZ_SEP, each sealed as one part, so
 *			the framing of records is fuzzed too. Bits 2 and 3
 *			spoil the end (FUZZ_TWIST_*): such a bundle must be
 *			refused.
 * Every record read goes through op_decode(); one that decodes must encode
 * back to the same bytes.
 */
#ifndef ONETEAM_FUZZ_BUNDLE_H
#define ONETEAM_FUZZ_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include "oneteam/sync.h"

#define FUZZ_FILE		0x00
#define FUZZ_SEALED		0x01
#define FUZZ_RECORDS		0x01
#define FUZZ_PARTS		0x03
#define FUZZ_TWIST(b)		(((b) >> 2) & 3)
#define FUZZ_TWIST_NONE		0	/* the last part FINAL */
#define FUZZ_TWIST_OPEN		1	/* the last part not FINAL */
#define FUZZ_TWIST_AFTER	2	/* one more part after the FINAL one */
#define FUZZ_TWIST_TAG		3	/* the last part tagged PUSH */

#define FUZZ_SEP		"\xff\xfe\xfd\xfc"	/* never in UTF-8 */
#define FUZZ_SEP_LEN		4

/* The team key of every bundle the target reads or seals. */
extern const uint8_t	 fuzz_bundle_key[TEAM_KEY_LEN];

/*
 * Seal a FUZZ_RECORDS or FUZZ_PARTS input (its first byte included) as a
 * bundle file at path. Returns the number of records written for
 * FUZZ_RECORDS, 0 for FUZZ_PARTS, -1 if it cannot be written.
 */
long	 fuzz_bundle_seal(const uint8_t *, size_t, const char *path);

/* libFuzzer's entry point: always 0; abort() when an oracle fails. */
int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#endif
