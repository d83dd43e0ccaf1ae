/*
 * text.c owns the checking of text as it comes in from people and the
 * making safe of text as it goes out to a terminal.
 *
 * UTF-8 is decoded here by hand so that the rules do not depend on the
 * locale's multibyte functions (which differ, and which accept things we do
 * not); only the questions "is this printable?" and "how wide is it?" go to
 * iswprint() and wcwidth(), so callers must have set an UTF-8 locale.
 *
 * Everything is reduced to a sequence of cells: each cell is either the
 * bytes of one printable character or a visible ASCII escape that stands for
 * one non-printable character or one invalid byte. Escaping, measuring and
 * fitting all walk the same cells, so they cannot disagree.
 *
 * This file does not know about fields, the database or curses.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

#define TEXT_ELLIPSIS	"\xe2\x80\xa6"	/* U+2026, one column */

/* One character (or one bad byte) ready to be written. */
struct text_cell {
	const char	*p;		/* bytes to write */
	size_t		 len;		/* how many of them */
	size_t		 width;		/* columns they take */
	char		 esc[16];	/* an escape; p may point here */
};

/* A growing output string. */
struct text_buf {
	char	*s;
	size_t	 len;
	size_t	 size;
};

/*
 * Decode one UTF-8 character from the len bytes at s into *cp. Returns the
 * bytes used, or 0 if the sequence is invalid: truncated, overlong, a
 * surrogate or beyond U+10FFFF.
 */
static size_t
text_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t	c, min;
	size_t		n, i;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2; c = s[0] & 0x1f; min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3; c = s[0] & 0x0f; min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4; c = s[0] & 0x07; min = 0x10000;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Is every one of the len bytes at s part of a well-formed character? */
int
text_valid_utf8(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 cp;
	size_t			 n;

	while (len > 0) {
		if ((n = text_decode(p, len, &cp)) == 0)
			return 0;
		p += n;
		len -= n;
	}
	return 1;
}

/*
 * Bidirectional embeddings, overrides, isolates and marks. glibc calls these
 * printable, but they reorder what follows them on the screen, so a name can
 * be made to read as something it is not ("Trojan Source"); show them.
 */
static int
text_is_bidi(uint32_t cp)
{
	return (cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069));
}

/* A range of code points, first and last. */
struct text_range {
	uint32_t	first;
	uint32_t	last;
};

/*
 * Characters that show nothing, or show as a plain space, and so could make
 * two names look alike ("Tom Brennan" with a zero-width space, or a
 * no-break space, in it): every format character of Unicode 15.1 (category
 * Cf: soft hyphen, joiners, zero-width spaces, the bidirectional controls
 * above, Arabic, Syriac and Kaithi number and verse marks, the format
 * controls of hieroglyphs, shorthand and music, tags), the line and
 * paragraph separators, fillers, variation selectors and the spaces
 * other than the space bar's. In order, for text_in().
 */
static const struct text_range text_invisible[] = {
	{ 0x00a0, 0x00a0 },	/* no-break space */
	{ 0x00ad, 0x00ad },	/* soft hyphen */
	{ 0x034f, 0x034f },	/* combining grapheme joiner */
	{ 0x0600, 0x0605 },	/* Arabic number signs */
	{ 0x061c, 0x061c },	/* Arabic letter mark */
	{ 0x06dd, 0x06dd },	/* Arabic end of ayah */
	{ 0x070f, 0x070f },	/* Syriac abbreviation mark */
	{ 0x0890, 0x0891 },	/* Arabic pound and piastre marks above */
	{ 0x08e2, 0x08e2 },	/* Arabic disputed end of ayah */
	{ 0x115f, 0x1160 },	/* Hangul fillers */
	{ 0x1680, 0x1680 },	/* Ogham space mark */
	{ 0x17b4, 0x17b5 },	/* Khmer inherent vowels */
	{ 0x180b, 0x180f },	/* Mongolian selectors, vowel separator */
	{ 0x2000, 0x200f },	/* spaces, zero-width space, joiners, marks */
	{ 0x2028, 0x202f },	/* line and paragraph separators, embeddings,
				 * narrow no-break space */
	{ 0x205f, 0x206f },	/* medium space, word joiner, invisible
				 * operators, isolates */
	{ 0x2800, 0x2800 },	/* Braille blank */
	{ 0x3000, 0x3000 },	/* ideographic space */
	{ 0x3164, 0x3164 },	/* Hangul filler */
	{ 0xfe00, 0xfe0f },	/* variation selectors */
	{ 0xfeff, 0xfeff },	/* byte order mark */
	{ 0xffa0, 0xffa0 },	/* halfwidth Hangul filler */
	{ 0xfff9, 0xfffb },	/* interlinear annotation */
	{ 0x110bd, 0x110bd },	/* Kaithi number sign */
	{ 0x110cd, 0x110cd },	/* Kaithi number sign above */
	{ 0x13430, 0x1343f },	/* Egyptian hieroglyph format controls */
	{ 0x1bca0, 0x1bca3 },	/* shorthand format controls */
	{ 0x1d173, 0x1d17a },	/* musical symbol format controls */
	{ 0xe0000, 0xe0fff },	/* tags, variation selectors supplement */
};

/*
 * Characters drawn as an ordinary letter, digit or sign is, in another
 * form: fullwidth forms (U+FF34 for T) and the mathematical alphanumeric
 * symbols (bold, italic, script and double-struck letters and digits).
 */
static const struct text_range text_forms[] = {
	{ 0xff01, 0xff5e },	/* fullwidth ASCII */
	{ 0x1d400, 0x1d7ff },	/* mathematical alphanumeric symbols */
};

/* Is cp in one of the n ranges of r, which are in order? */
static int
text_in(const struct text_range *r, size_t n, uint32_t cp)
{
	size_t	i;

	for (i = 0; i < n && r[i].first <= cp; i++)
		if (cp <= r[i].last)
			return 1;
	return 0;
}

static int
text_is_invisible(uint32_t cp)
{
	return text_in(text_invisible, sizeof text_invisible /
	    sizeof text_invisible[0], cp);
}

static int
text_is_form(uint32_t cp)
{
	return text_in(text_forms, sizeof text_forms / sizeof text_forms[0],
	    cp);
}

/*
 * The alphabets whose letters look like each other's (Latin a and
 * Cyrillic a, U+0430; Latin o and Greek omicron, U+03BF), as bits, and
 * their names for messages.
 */
#define TEXT_LATIN	0x1
#define TEXT_GREEK	0x2
#define TEXT_CYRILLIC	0x4

static const char *const text_alphabets[] = { "Latin", "Greek", "Cyrillic" };

/* Which of those alphabets cp is a letter of: its bit, or 0. */
static int
text_alphabet(uint32_t cp)
{
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 0x00c0 && cp <= 0x024f && cp != 0x00d7 && cp != 0x00f7) ||
	    (cp >= 0x1e00 && cp <= 0x1eff))
		return TEXT_LATIN;
	if ((cp >= 0x0370 && cp <= 0x03ff) || (cp >= 0x1f00 && cp <= 0x1fff))
		return TEXT_GREEK;
	if (cp >= 0x0400 && cp <= 0x052f)
		return TEXT_CYRILLIC;
	return 0;
}

/*
 * Characters that draw nothing and join nothing, so that text holding them
 * looks like text without (a household "Khan\u200bfamily" beside "Khan
 * family"): zero-width space, word joiner and invisible operators, the
 * byte order mark, soft hyphen, the Mongolian vowel separator. They are
 * shown escaped, as bidirectional controls are. Joiners (U+200C, U+200D)
 * and variation selectors are left: scripts and emoji need them.
 */
static int
text_is_hidden(uint32_t cp)
{
	return (cp == 0x200b || (cp >= 0x2060 && cp <= 0x2064) ||
	    cp == 0xfeff || cp == 0x00ad || cp == 0x180e);
}

/* Is this a C0 or C1 control character or DEL? */
static int
text_is_control(uint32_t cp)
{
	return (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f));
}

/* Fill c with a visible escape for a non-printable code point. */
static void
text_escape_cp(uint32_t cp, struct text_cell *c)
{
	switch (cp) {
	case 0x1b:
		strcpy(c->esc, "\\e");
		break;
	case '\t':
		strcpy(c->esc, "\\t");
		break;
	case '\n':
		strcpy(c->esc, "\\n");
		break;
	case '\r':
		strcpy(c->esc, "\\r");
		break;
	default:
		if (cp < 0x80) {
			snprintf(c->esc, sizeof c->esc, "\\x%02x",
			    (unsigned)cp);
		} else {
			snprintf(c->esc, sizeof c->esc, "\\u%0*x",
			    cp <= 0xffff ? 4 : 6, (unsigned)cp);
		}
		break;
	}
	c->p = c->esc;
	c->len = c->width = strlen(c->esc);
}

/*
 * Read the cell at the start of the len bytes at s into c and return how
 * many bytes of s it stands for (always at least 1 when len > 0).
 */
static size_t
text_cell(const char *s, size_t len, int flags, struct text_cell *c)
{
	uint32_t	cp;
	size_t		n;
	int		w;

	if ((n = text_decode((const unsigned char *)s, len, &cp)) == 0) {
		snprintf(c->esc, sizeof c->esc, "\\x%02x", (unsigned char)*s);
		c->p = c->esc;
		c->len = c->width = strlen(c->esc);
		return 1;
	}
	if (cp == '\n' && (flags & TEXT_MULTILINE)) {
		c->p = s;
		c->len = 1;
		c->width = 0;
		return n;
	}
	w = wcwidth((wchar_t)cp);
	if (text_is_control(cp) || text_is_bidi(cp) || text_is_hidden(cp) ||
	    !iswprint((wint_t)cp) || w < 0) {
		text_escape_cp(cp, c);
		return n;
	}
	c->p = s;
	c->len = n;
	c->width = (size_t)w;
	return n;
}

/* Append len bytes to b, keeping it terminated. */
static void
text_buf_add(struct text_buf *b, const char *p, size_t len)
{
	if (b->len + len + 1 > b->size) {
		b->size = (b->len + len + 1) * 2;
		b->s = xreallocarray(b->s, b->size, 1);
	}
	memcpy(b->s + b->len, p, len);
	b->len += len;
	b->s[b->len] = '\0';
}

/* Copy s with each cell written as shown: printable text or its escape. */
char *
text_escape(const char *s, int flags)
{
	struct text_buf		b = { NULL, 0, 0 };
	struct text_cell	c;
	size_t			len = strlen(s), n;

	text_buf_add(&b, "", 0);
	while (len > 0) {
		n = text_cell(s, len, flags, &c);
		s += n;
		len -= n;
		text_buf_add(&b, c.p, c.len);
	}
	return b.s;
}

/* Add up the columns of the cells of s, escapes counted as shown. */
size_t
text_width(const char *s)
{
	struct text_cell	c;
	size_t			len = strlen(s), n, width = 0;

	while (len > 0) {
		n = text_cell(s, len, 0, &c);
		s += n;
		len -= n;
		width += c.width;
	}
	return width;
}

/* Copy whole cells of s while they fit, then the ellipsis, then padding. */
char *
text_fit(const char *s, size_t cols, int pad)
{
	struct text_buf		b = { NULL, 0, 0 };
	struct text_cell	c;
	size_t			len = strlen(s), n, width = 0, limit;
	int			cut;

	text_buf_add(&b, "", 0);
	if (cols == 0)
		return b.s;
	cut = text_width(s) > cols;
	limit = cut ? cols - 1 : cols;	/* leave room for the ellipsis */
	while (len > 0) {
		n = text_cell(s, len, 0, &c);
		if (width + c.width > limit)
			break;
		text_buf_add(&b, c.p, c.len);
		width += c.width;
		s += n;
		len -= n;
	}
	if (cut) {
		text_buf_add(&b, TEXT_ELLIPSIS, strlen(TEXT_ELLIPSIS));
		width++;
	}
	for (; pad && width < cols; width++)
		text_buf_add(&b, " ", 1);
	return b.s;
}

/* White space in the ASCII sense, so that the locale cannot change it. */
static int
text_is_space(char ch)
{
	return (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	    ch == '\v' || ch == '\f');
}

/* Copy s without the ASCII white space at either end. */
char *
text_trim(const char *s)
{
	size_t	len;

	while (text_is_space(*s))
		s++;
	len = strlen(s);
	while (len > 0 && text_is_space(s[len - 1]))
		len--;
	return xstrndup(s, len);
}

/* Make each run of white space in s one space, in place. */
void
text_squeeze(char *s)
{
	char	*o = s;

	/* A run gives its space at its last. */
	for (; *s != '\0'; s++)
		if (!text_is_space(*s))
			*o++ = *s;
		else if (!text_is_space(s[1]))
			*o++ = ' ';
	*o = '\0';
}

/* Absent, or only the white space text_trim() takes away. */
int
text_blank(const char *s)
{
	if (s == NULL)
		return 1;
	while (text_is_space(*s))
		s++;
	return *s == '\0';
}

/* Drop each CR that comes before an LF; the string only gets shorter. */
void
text_crlf(char *s)
{
	char	*o = s;

	for (; *s != '\0'; s++)
		if (s[0] != '\r' || s[1] != '\n')
			*o++ = *s;
	*o = '\0';
}

/* Lower-case ASCII only: other bytes are left as they are. */
static int
text_lower(int ch)
{
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A' + 'a';
	return ch;
}

/* Compare a and b as strcmp() does, ignoring ASCII case. */
int
text_casecmp(const char *a, const char *b)
{
	const unsigned char	*p = (const unsigned char *)a;
	const unsigned char	*q = (const unsigned char *)b;

	while (*p != '\0' && text_lower(*p) == text_lower(*q)) {
		p++;
		q++;
	}
	return text_lower(*p) - text_lower(*q);
}

/*
 * Do a and b read alike: the same but for ASCII case, white space at
 * their ends and how much of it parts their words? With words set, b may
 * also end where a word of a ends: it reads as a's first words.
 */
static int
text_name_cmp(const char *a, const char *b, int words)
{
	int	sa, sb;

	while (text_is_space(*a))
		a++;
	while (text_is_space(*b))
		b++;
	while (*a != '\0' || *b != '\0') {
		sa = text_is_space(*a);
		sb = text_is_space(*b);
		while (text_is_space(*a))
			a++;
		while (text_is_space(*b))
			b++;
		/* White space at the end parts no words. */
		if (*a == '\0' && *b == '\0')
			break;
		if (words && *b == '\0' && sa)
			break;
		if (sa != sb || text_lower((unsigned char)*a) !=
		    text_lower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
	return 1;
}

int
text_same_name(const char *a, const char *b)
{
	return text_name_cmp(a, b, 0);
}

/* Is words name, or its first words, as text_same_name() compares? */
int
text_name_starts(const char *name, const char *words)
{
	return text_name_cmp(name, words, 1);
}

/* Does s start with prefix, ignoring ASCII case? */
int
text_has_prefix(const char *s, const char *prefix)
{
	while (*prefix != '\0') {
		if (text_lower((unsigned char)*s) !=
		    text_lower((unsigned char)*prefix))
			return 0;
		s++;
		prefix++;
	}
	return 1;
}

/* May a field of flags hold cp? (Not: a control character, but a line
 * break or tab in text of several lines; in a name, an invisible one.) */
static int
text_bad_control(uint32_t cp, int flags)
{
	return (text_is_control(cp) && !((flags & TEXT_MULTILINE) &&
	    (cp == '\n' || cp == '\t'))) ||
	    ((flags & TEXT_NAME) && text_is_invisible(cp));
}

/* A character in the form of another (text_forms), whatever the flags. */
static int
text_bad_form(uint32_t cp, int flags)
{
	(void)flags;
	return text_is_form(cp);
}

/*
 * Find the first character of s that bad(cp, flags) says a field may not
 * hold: returns 1 and sets *found, or 0. s must be valid UTF-8.
 */
static int
text_find(const char *s, int (*bad)(uint32_t, int), int flags,
    uint32_t *found)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), n;
	uint32_t		 cp;

	while (len > 0 && (n = text_decode(p, len, &cp)) != 0) {
		if (bad(cp, flags)) {
			*found = cp;
			return 1;
		}
		p += n;
		len -= n;
	}
	return 0;
}

/*
 * Find a word (between spaces) with letters of two of the alphabets of
 * text_alphabet() ("Grace" with a Cyrillic a, U+0430): returns 1 and sets *mixed
 * to their two bits, or 0. A word of one alphabet and another word of
 * another pass. s must be valid UTF-8.
 */
static int
text_find_mixed(const char *s, int *mixed)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), n;
	uint32_t		 cp;
	int			 seen = 0;

	while (len > 0 && (n = text_decode(p, len, &cp)) != 0) {
		if (cp < 0x80 && text_is_space((char)cp))
			seen = 0;
		seen |= text_alphabet(cp);
		/* Two bits set: the two alphabets met. */
		if ((seen & (seen - 1)) != 0) {
			*mixed = seen;
			return 1;
		}
		p += n;
		len -= n;
	}
	return 0;
}

/* The name of the first alphabet of the bits in mixed. */
static const char *
text_alphabet_name(int mixed)
{
	size_t	i;

	for (i = 0; (mixed & (1 << i)) == 0; i++)
		;
	return text_alphabets[i];
}

/*
 * What only a name is refused, beyond what shows nothing: a letter in
 * another letter's form, or a word of two alphabets, either of which
 * makes a name that passes for another.
 */
static int
text_check_name(const char *what, const char *s, char **cause)
{
	uint32_t	 cp;
	int		 mixed;
	char		*shown;

	if (text_find(s, text_bad_form, 0, &cp)) {
		*cause = xprintf("%s contains a fullwidth or mathematical "
		    "form of a character (U+%04X): type it with ordinary "
		    "letters, so that no two look alike", what, (unsigned)cp);
		return -1;
	}
	if (text_find_mixed(s, &mixed)) {
		shown = text_escape(s, 0);
		*cause = xprintf("%s \"%s\": a word mixes letters of two "
		    "alphabets (%s and %s), so it could pass for another "
		    "name: type it in one", what, shown,
		    text_alphabet_name(mixed),
		    text_alphabet_name(mixed & (mixed - 1)));
		free(shown);
		return -1;
	}
	return 0;
}

/* Check a field as typed: readable, no hidden controls, not too long. */
int
text_check(const char *what, const char *s, size_t max, int flags,
    char **cause)
{
	struct text_cell	c;
	uint32_t		cp = 0;

	if (!text_valid_utf8(s, strlen(s))) {
		*cause = xprintf("%s has characters that cannot be read "
		    "(not valid UTF-8)", what);
		return -1;
	}
	if (text_find(s, text_bad_control, flags, &cp)) {
		if (cp == '\n' || (cp == '\r' && !(flags & TEXT_MULTILINE)))
			*cause = xprintf("%s must be on one line", what);
		else if (cp == '\t')
			*cause = xprintf("%s may not contain a tab", what);
		else if (!text_is_control(cp))
			*cause = xprintf("%s contains a character that shows "
			    "nothing or shows as a space (U+%04X): type it "
			    "with plain letters and spaces, so that no two "
			    "look alike", what, (unsigned)cp);
		else {
			text_escape_cp(cp, &c);
			*cause = xprintf("%s contains a hidden control "
			    "character (%s)", what, c.esc);
		}
		return -1;
	}
	if ((flags & TEXT_NAME) && text_check_name(what, s, cause) != 0)
		return -1;
	if (strlen(s) > max) {
		*cause = xprintf("%s is too long (at most %zu characters)",
		    what, max);
		return -1;
	}
	return 0;
}
