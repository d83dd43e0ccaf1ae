/*
 * Record ids and the short references people read and type.
 *
 * Every record has a random 128-bit id, so replicas that never talk can
 * create records without clashing. People see a short reference: a letter
 * for the kind of record and the first characters of the id in Crockford
 * base32 ("F-7K2QM" for a family), which avoids I, L, O and U so a
 * reference read aloud or copied from paper is not mistaken.
 */
#ifndef ONETEAM_ID_H
#define ONETEAM_ID_H

#include <stddef.h>
#include <stdint.h>

#define ID_LEN		16
#define ID_REF_CHARS	5	/* characters of the id shown in a reference */
#define ID_REF_MAX	40	/* longest reference text, with its NUL */

struct id {
	uint8_t	b[ID_LEN];
};

/* Fill with a random id (libsodium's randombytes). */
void	 id_random(struct id *);
int	 id_is_zero(const struct id *);
int	 id_cmp(const struct id *, const struct id *);

/* 26 characters of Crockford base32 for the whole id, into buf (>= 27). */
void	 id_base32(const struct id *, char *buf);
/* Parse the 26-character form back; -1 if it is not one. */
int	 id_from_base32(const char *, struct id *);

/*
 * Write the reference "P-XXXXX" of a record of the given prefix (F family,
 * P person, C contact, R referral, RF red flag, A action, S staff, E
 * episode) into buf (ID_REF_MAX), with n characters of the id (0 means
 * ID_REF_CHARS).
 */
void	 id_ref(const char *prefix, const struct id *, size_t n, char *buf);

/*
 * Read what a person typed as a reference of the given prefix: "F-7K2QM",
 * "f-7k2qm" or "7K2QM" (any case, the letter and dash optional together; O
 * is read as 0, I and L as 1). Sets [*lo, *hi] to the range of ids that start with
 * the typed characters, for a look-up that finds one, none or several.
 * Returns -1 with *cause set when it cannot be a reference of this kind
 * (fewer than 4 characters, or a character that is not base32).
 */
int	 id_ref_range(const char *prefix, const char *text, struct id *lo,
	     struct id *hi, char **cause);

#endif
