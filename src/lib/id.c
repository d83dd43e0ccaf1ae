/*
 * id.c owns record ids and their short references. It knows nothing of
 * the store: looking a reference up is the caller's business, with the id
 * range this module computes.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "oneteam/id.h"
#include "oneteam/xmalloc.h"

static const char b32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void
id_random(struct id *id)
{
	randombytes_buf(id->b, sizeof id->b);
}

int
id_is_zero(const struct id *id)
{
	static const struct id	zero;

	return memcmp(id->b, zero.b, ID_LEN) == 0;
}

int
id_cmp(const struct id *a, const struct id *b)
{
	return memcmp(a->b, b->b, ID_LEN);
}

/* Bit i (0 is the most significant of byte 0) of the id. */
static int
id_bit(const struct id *id, size_t i)
{
	return (id->b[i / 8] >> (7 - i % 8)) & 1;
}

static void
id_set_bit(struct id *id, size_t i, int v)
{
	if (v)
		id->b[i / 8] |= (uint8_t)(1 << (7 - i % 8));
	else
		id->b[i / 8] &= (uint8_t)~(1 << (7 - i % 8));
}

/* The 5-bit group g of the id; the last group is padded with zeros. */
static int
id_group(const struct id *id, size_t g)
{
	size_t	i, bit;
	int	v = 0;

	for (i = 0; i < 5; i++) {
		bit = g * 5 + i;
		v = (v << 1) | (bit < ID_LEN * 8 ? id_bit(id, bit) : 0);
	}
	return v;
}

void
id_base32(const struct id *id, char *buf)
{
	size_t	g;

	for (g = 0; g < 26; g++)
		buf[g] = b32[id_group(id, g)];
	buf[26] = '\0';
}

/* Value of a base32 character, reading O as 0 and I, L as 1; -1 if none. */
static int
b32_value(int c)
{
	const char	*p;

	c = toupper((unsigned char)c);
	if (c == 'O')
		c = '0';
	else if (c == 'I' || c == 'L')
		c = '1';
	if (c == '\0' || (p = strchr(b32, c)) == NULL)
		return -1;
	return (int)(p - b32);
}

int
id_from_base32(const char *s, struct id *id)
{
	size_t	g, i, bit;
	int	v;

	if (strlen(s) != 26)
		return -1;
	memset(id, 0, sizeof *id);
	for (g = 0; g < 26; g++) {
		if ((v = b32_value(s[g])) < 0)
			return -1;
		for (i = 0; i < 5; i++) {
			bit = g * 5 + i;
			if (bit < ID_LEN * 8)
				id_set_bit(id, bit, (v >> (4 - i)) & 1);
			else if ((v >> (4 - i)) & 1)
				return -1;
		}
	}
	return 0;
}

void
id_ref(const char *prefix, const struct id *id, size_t n, char *buf)
{
	char	full[27];

	if (n == 0)
		n = ID_REF_CHARS;
	if (n > 26)
		n = 26;
	id_base32(id, full);
	full[n] = '\0';
	snprintf(buf, ID_REF_MAX, "%s-%s", prefix, full);
}

int
id_ref_range(const char *prefix, const char *text, struct id *lo,
    struct id *hi, char **cause)
{
	const char	*p = text;
	size_t		 plen = strlen(prefix), nbits = 0, i;
	int		 v;

	while (isspace((unsigned char)*p))
		p++;
	/* "F-7K2Q" or a bare "7K2Q"; the letter alone could be base32. */
	if (strncasecmp(p, prefix, plen) == 0 && p[plen] == '-')
		p += plen + 1;
	memset(lo, 0, sizeof *lo);
	for (; *p != '\0' && !isspace((unsigned char)*p); p++) {
		if ((v = b32_value(*p)) < 0 || nbits + 5 > 26 * 5) {
			xasprintf(cause, "\"%s\" is not a %s- reference",
			    text, prefix);
			return -1;
		}
		for (i = 0; i < 5 && nbits < ID_LEN * 8; i++, nbits++)
			id_set_bit(lo, nbits, (v >> (4 - i)) & 1);
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '\0' || nbits < 20) {
		xasprintf(cause, "\"%s\" is not a %s- reference: type at least "
		    "4 characters, as in %s-7K2Q", text, prefix, prefix);
		return -1;
	}
	*hi = *lo;
	for (i = nbits; i < ID_LEN * 8; i++)
		id_set_bit(hi, i, 1);
	return 0;
}
