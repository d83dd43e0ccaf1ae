/*
 * Unit tests for text.c: UTF-8 checking, escaping for the terminal, column
 * widths, fitting with an ellipsis, trimming, CR LF line ends and field
 * checks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/text.h"

#define ELLIPSIS	"\xe2\x80\xa6"

static int
setup_locale(void **state)
{
	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return -1;
	return 0;
}

static void
assert_escape(const char *in, int flags, const char *want)
{
	char	*s;

	s = text_escape(in, flags);
	assert_string_equal(s, want);
	free(s);
}

static void
assert_fit(const char *in, size_t cols, int pad, const char *want)
{
	char	*s;

	s = text_fit(in, cols, pad);
	assert_string_equal(s, want);
	assert_true(text_width(s) <= cols);
	if (pad)
		assert_int_equal(text_width(s), cols);
	free(s);
}

/* A message is one line with no full stop at the end. */
static void
assert_message(const char *cause)
{
	size_t	len;

	assert_non_null(cause);
	len = strlen(cause);
	assert_true(len > 0);
	assert_null(strchr(cause, '\n'));
	assert_int_not_equal(cause[len - 1], '.');
}

static void
assert_check_fails(const char *what, const char *in, size_t max, int flags,
    const char *want)
{
	char	*cause = NULL;

	assert_int_equal(text_check(what, in, max, flags, &cause), -1);
	assert_message(cause);
	assert_string_equal(cause, want);
	free(cause);
}

static void
assert_check_passes(const char *in, size_t max, int flags)
{
	char	*cause = NULL;

	assert_int_equal(text_check("name", in, max, flags, &cause), 0);
	assert_null(cause);
}

/* Write cp as UTF-8 into buf (at least 5 bytes), terminated. */
static char *
utf8(uint32_t cp, char *buf)
{
	unsigned char	*p = (unsigned char *)buf;

	if (cp < 0x80)
		*p++ = (unsigned char)cp;
	else if (cp < 0x800) {
		*p++ = (unsigned char)(0xc0 | cp >> 6);
		*p++ = (unsigned char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*p++ = (unsigned char)(0xe0 | cp >> 12);
		*p++ = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		*p++ = (unsigned char)(0x80 | (cp & 0x3f));
	} else {
		*p++ = (unsigned char)(0xf0 | cp >> 18);
		*p++ = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		*p++ = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		*p++ = (unsigned char)(0x80 | (cp & 0x3f));
	}
	*p = '\0';
	return buf;
}

static void
test_valid_utf8(void **state)
{
	static const char	*good[] = {
		"", "plain", "caf\xc3\xa9", "\xe4\xb8\xad\xe6\x96\x87",
		"\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf", "\xef\xbf\xbd"
	};
	static const char	*bad[] = {
		"\xc0\xaf",			/* overlong '/' */
		"\xc1\xbf",			/* overlong */
		"\xe0\x80\xaf",			/* overlong, 3 bytes */
		"\xf0\x80\x80\xaf",		/* overlong, 4 bytes */
		"\xed\xa0\x80",			/* surrogate U+D800 */
		"\xed\xbf\xbf",			/* surrogate U+DFFF */
		"\xf4\x90\x80\x80",		/* above U+10FFFF */
		"\xf5\x80\x80\x80",
		"\xe2\x82",			/* truncated */
		"\x80",				/* lone continuation */
		"a\xffz",
		"\xfe"
	};
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_true(text_valid_utf8(good[i], strlen(good[i])));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(text_valid_utf8(bad[i], strlen(bad[i])));
	/* Only len bytes are looked at. */
	assert_true(text_valid_utf8("ab\xff", 2));
	assert_false(text_valid_utf8("\xc3\xa9", 1));
}

static void
test_escape_plain(void **state)
{
	(void)state;
	assert_escape("", 0, "");
	assert_escape("Smith family", 0, "Smith family");
	assert_escape("back\\slash", 0, "back\\slash");
	assert_escape("caf\xc3\xa9", 0, "caf\xc3\xa9");
	assert_escape("\xe4\xb8\xad\xe6\x96\x87", 0,
	    "\xe4\xb8\xad\xe6\x96\x87");
	assert_escape("\xf0\x9f\x98\x80", 0, "\xf0\x9f\x98\x80");
	/* e + combining acute accent stays as it is. */
	assert_escape("e\xcc\x81", 0, "e\xcc\x81");
}

static void
test_escape_controls(void **state)
{
	(void)state;
	assert_escape("\x1b[31mred\x1b[0m", 0, "\\e[31mred\\e[0m");
	assert_escape("\x1b]0;title\x07", 0, "\\e]0;title\\x07");
	assert_escape("a\tb", 0, "a\\tb");
	assert_escape("a\tb", TEXT_MULTILINE, "a\\tb");
	assert_escape("one\ntwo", 0, "one\\ntwo");
	assert_escape("one\ntwo", TEXT_MULTILINE, "one\ntwo");
	assert_escape("one\r\ntwo", TEXT_MULTILINE, "one\\r\ntwo");
	assert_escape("\x01\x1f\x7f", 0, "\\x01\\x1f\\x7f");
	assert_escape("\x08\x08\x08", 0, "\\x08\\x08\\x08");
}

static void
test_escape_c1_and_bidi(void **state)
{
	(void)state;
	/* U+009B CSI, U+0085 NEL, U+0080. */
	assert_escape("\xc2\x9b" "2J", 0, "\\u009b2J");
	assert_escape("\xc2\x85", 0, "\\u0085");
	assert_escape("\xc2\x80", 0, "\\u0080");
	/* Right-to-left override and friends. */
	assert_escape("abc\xe2\x80\xaetxt.exe", 0, "abc\\u202etxt.exe");
	assert_escape("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", 0,
	    "\\u202a\\u202b\\u202c\\u202d");
	assert_escape("\xe2\x81\xa6\xe2\x81\xa9", 0, "\\u2066\\u2069");
	assert_escape("\xe2\x80\x8e\xe2\x80\x8f", 0, "\\u200e\\u200f");
	assert_escape("\xd8\x9c", 0, "\\u061c");
	/* What draws nothing, so that two texts look alike: zero-width
	 * space, word joiner, byte order mark, soft hyphen. Joiners stay:
	 * scripts need them. */
	assert_escape("Khan\xe2\x80\x8b" "family", 0, "Khan\\u200bfamily");
	assert_escape("\xe2\x81\xa0\xef\xbb\xbf\xc2\xad", 0,
	    "\\u2060\\ufeff\\u00ad");
	assert_escape("\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d", 0,
	    "\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d");
	/* Line separator: not printable. */
	assert_escape("a\xe2\x80\xa8" "b", 0, "a\\u2028b");
	/* Beyond the BMP: six hex digits. */
	assert_escape("\xf4\x8f\xbf\xbf", 0, "\\u10ffff");
}

static void
test_escape_invalid(void **state)
{
	(void)state;
	assert_escape("\xff\xfe", 0, "\\xff\\xfe");
	assert_escape("a\xe2\x82z", 0, "a\\xe2\\x82z");
	assert_escape("\xc0\xaf", 0, "\\xc0\\xaf");
	assert_escape("\xed\xa0\x80", 0, "\\xed\\xa0\\x80");
	assert_escape("\x80x", 0, "\\x80x");
	/* A truncated sequence at the very end. */
	assert_escape("ok\xf0\x9f\x98", 0, "ok\\xf0\\x9f\\x98");
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("caf\xc3\xa9"), 4);
	/* CJK is two columns each. */
	assert_int_equal(text_width("\xe4\xb8\xad\xe6\x96\x87"), 4);
	/* Combining marks take no column. */
	assert_int_equal(text_width("e\xcc\x81"), 1);
	assert_int_equal(text_width("a\xcc\x81\xcc\x82" "b"), 2);
	/* Emoji. */
	assert_int_equal(text_width("\xf0\x9f\x98\x80"), 2);
	assert_int_equal(text_width("\xf0\x9f\x91\x8d" "ok"), 4);
	/* Escapes count as they are shown. */
	assert_int_equal(text_width("\x1b"), 2);
	assert_int_equal(text_width("\x07"), 4);
	assert_int_equal(text_width("\xff"), 4);
	assert_int_equal(text_width("\xe2\x80\xae"), 6);
	assert_int_equal(text_width("a\nb"), 4);
	assert_int_equal(text_width(ELLIPSIS), 1);
}

static void
test_fit_ascii(void **state)
{
	(void)state;
	assert_fit("abc", 0, 0, "");
	assert_fit("abc", 0, 1, "");
	assert_fit("", 3, 0, "");
	assert_fit("", 3, 1, "   ");
	assert_fit("abc", 3, 0, "abc");
	assert_fit("abc", 3, 1, "abc");
	assert_fit("abc", 5, 0, "abc");
	assert_fit("abc", 5, 1, "abc  ");
	assert_fit("abcd", 3, 0, "ab" ELLIPSIS);
	assert_fit("abcdef", 4, 1, "abc" ELLIPSIS);
	assert_fit("abc", 2, 0, "a" ELLIPSIS);
	assert_fit("abc", 1, 0, ELLIPSIS);
	assert_fit("abc", 1, 1, ELLIPSIS);
}

static void
test_fit_wide(void **state)
{
	(void)state;
	/* 中文字: 6 columns. */
	assert_fit("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 6, 0,
	    "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97");
	assert_fit("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 5, 0,
	    "\xe4\xb8\xad\xe6\x96\x87" ELLIPSIS);
	/* No room for the second character: one column short. */
	assert_fit("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 4, 0,
	    "\xe4\xb8\xad" ELLIPSIS);
	assert_fit("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97", 4, 1,
	    "\xe4\xb8\xad" ELLIPSIS " ");
	assert_fit("\xe4\xb8\xad\xe6\x96\x87", 2, 0, ELLIPSIS);
	assert_fit("\xe4\xb8\xad\xe6\x96\x87", 2, 1, ELLIPSIS " ");
	assert_fit("\xe4\xb8\xad", 1, 0, ELLIPSIS);
	assert_fit("\xe4\xb8\xad", 3, 1, "\xe4\xb8\xad ");
	/* Emoji. */
	assert_fit("\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 3, 0,
	    "\xf0\x9f\x98\x80" ELLIPSIS);
}

static void
test_fit_combining(void **state)
{
	(void)state;
	/* The accent goes with its letter, never cut off from it. */
	assert_fit("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 3, 0,
	    "e\xcc\x81" "e\xcc\x81" "e\xcc\x81");
	assert_fit("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2, 0,
	    "e\xcc\x81" ELLIPSIS);
	assert_fit("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 5, 1,
	    "e\xcc\x81" "e\xcc\x81" "e\xcc\x81  ");
}

static void
test_fit_escapes(void **state)
{
	(void)state;
	/* Escapes are fitted as shown and never split. */
	assert_fit("a\x1b", 3, 0, "a\\e");
	assert_fit("a\x1b" "b", 3, 0, "a" ELLIPSIS);
	assert_fit("a\x1b" "b", 3, 1, "a" ELLIPSIS " ");
	assert_fit("\x1b[1m", 3, 0, "\\e" ELLIPSIS);
	/* "\u202e" is six columns: it goes whole or not at all. */
	assert_fit("\xe2\x80\xae" "abc", 6, 0, ELLIPSIS);
	assert_fit("\xe2\x80\xae" "abc", 6, 1, ELLIPSIS "     ");
	assert_fit("\xe2\x80\xae" "abc", 8, 0, "\\u202ea" ELLIPSIS);
	assert_fit("\xe2\x80\xae", 6, 0, "\\u202e");
	assert_fit("\xff\xfe", 7, 0, "\\xff" ELLIPSIS);
}

static void
test_trim(void **state)
{
	static const struct {
		const char	*in;
		const char	*want;
	} cases[] = {
		{ "", "" },
		{ "   ", "" },
		{ "\t\n\r\v\f", "" },
		{ "abc", "abc" },
		{ "  a b  ", "a b" },
		{ "\t\n x \r\n", "x" },
		{ "caf\xc3\xa9 ", "caf\xc3\xa9" },
		/* No-break space is not ASCII white space. */
		{ "\xc2\xa0x\xc2\xa0", "\xc2\xa0x\xc2\xa0" },
	};
	size_t	 i;
	char	*s;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = text_trim(cases[i].in);
		assert_string_equal(s, cases[i].want);
		/* Blank is what trims to nothing. */
		assert_int_equal(text_blank(cases[i].in),
		    *cases[i].want == '\0');
		free(s);
	}
	assert_true(text_blank(NULL));
}

static void
test_crlf(void **state)
{
	static const struct {
		const char	*in;
		const char	*want;
	} cases[] = {
		{ "", "" },
		{ "one line", "one line" },
		{ "a\r\nb\r\n", "a\nb\n" },
		{ "\r\n\r\n", "\n\n" },
		{ "a\nb", "a\nb" },
		/* A lone CR stays, for text_check() to refuse. */
		{ "a\rb\r", "a\rb\r" },
		{ "a\r\r\nb", "a\r\nb" },
		{ "\n\r", "\n\r" },
		{ "caf\xc3\xa9\r\n", "caf\xc3\xa9\n" },
	};
	size_t	 i;
	char	*s;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = strdup(cases[i].in);
		assert_non_null(s);
		text_crlf(s);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
}

/* Each run of white space becomes one space; nothing else changes. */
static void
test_squeeze(void **state)
{
	static const struct {
		const char	*in;
		const char	*want;
	} cases[] = {
		{ "", "" },
		{ "Tom Reid", "Tom Reid" },
		{ "Tom  Reid", "Tom Reid" },
		{ "Tom \t  Reid", "Tom Reid" },
		{ "  Tom   Reid  ", " Tom Reid " },
		{ "   ", " " },
		{ "Zo\xc3\xab  Ann", "Zo\xc3\xab Ann" },
	};
	size_t	 i;
	char	*s;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = strdup(cases[i].in);
		assert_non_null(s);
		text_squeeze(s);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
}

/* Names read alike but for case, the ends and how many spaces part their
 * words; not when a space parts words in one only, or a letter differs. */
static void
test_same_name(void **state)
{
	static const char *const alike[] = {
		"Tom Reid", "tom reid", "TOM REID", "Tom  Reid", " Tom Reid",
		"Tom Reid ", "  tom \t reid  ",
	};
	size_t	i, j;

	(void)state;
	for (i = 0; i < sizeof alike / sizeof alike[0]; i++)
		for (j = 0; j < sizeof alike / sizeof alike[0]; j++)
			assert_true(text_same_name(alike[i], alike[j]));
	assert_false(text_same_name("Tom Reid", "TomReid"));
	assert_false(text_same_name("Tom Reid", "Tom Reed"));
	assert_false(text_same_name("Tom Reid", "Tom Reid Jr"));
	assert_false(text_same_name("Tom Reid", "Tom"));
	assert_false(text_same_name("Tom", "Tom Reid"));
	assert_false(text_same_name("Tom Reid", ""));
	assert_true(text_same_name("", "  "));
	/* Only ASCII letters are compared without case. */
	assert_true(text_same_name("Zo\xc3\xab", "zo\xc3\xab"));
	assert_false(text_same_name("\xc3\x89mile", "\xc3\xa9mile"));
}

/* A name's first words read as it does, whole words only. */
static void
test_name_starts(void **state)
{
	(void)state;
	assert_true(text_name_starts("Grace Okafor", "Grace"));
	assert_true(text_name_starts("Grace Okafor", "grace"));
	assert_true(text_name_starts("Grace Okafor", " GRACE  "));
	assert_true(text_name_starts("Grace Okafor", "grace okafor"));
	assert_true(text_name_starts("Ann Marie Cole", "Ann  Marie"));
	assert_true(text_name_starts("Grace", "Grace"));
	assert_false(text_name_starts("Grace Okafor", "Gra"));
	assert_false(text_name_starts("Grace Okafor", "Grace O"));
	assert_false(text_name_starts("Grace Okafor", "Okafor"));
	assert_false(text_name_starts("Grace Okafor", "Grace Okafor Jr"));
	assert_false(text_name_starts("Grace Okafor", "GraceOkafor"));
	assert_false(text_name_starts("Grace", "Grace Okafor"));
	assert_false(text_name_starts("Grace Okafor", ""));
	assert_false(text_name_starts("Grace Okafor", "  "));
	/* Only ASCII letters are compared without case. */
	assert_false(text_name_starts("\xc3\x89mile Roy", "\xc3\xa9mile"));
}

static void
test_casecmp(void **state)
{
	(void)state;
	assert_int_equal(text_casecmp("Abc", "aBC"), 0);
	assert_int_equal(text_casecmp("", ""), 0);
	assert_true(text_casecmp("abc", "abd") < 0);
	assert_true(text_casecmp("b", "A") > 0);
	assert_true(text_casecmp("ab", "ABC") < 0);
	assert_true(text_casecmp("abc", "AB") > 0);
	/* Bytes above 127 compare as they are, after ASCII. */
	assert_true(text_casecmp("z", "\xc3\xa9") < 0);
	assert_int_not_equal(text_casecmp("\xc3\xa9", "\xc3\x89"), 0);
}

static void
test_has_prefix(void **state)
{
	(void)state;
	assert_true(text_has_prefix("Tomorrow", "tom"));
	assert_true(text_has_prefix("tom", "TOM"));
	assert_true(text_has_prefix("anything", ""));
	assert_true(text_has_prefix("", ""));
	assert_false(text_has_prefix("to", "tom"));
	assert_false(text_has_prefix("", "a"));
	assert_false(text_has_prefix("today", "tom"));
}

static void
test_check_passes(void **state)
{
	(void)state;
	assert_check_passes("Smith", 200, 0);
	assert_check_passes("Zo\xc3\xab \xe4\xb8\xad \xf0\x9f\x98\x80", 200, 0);
	/* Empty and blank are for the caller to judge. */
	assert_check_passes("", 200, 0);
	assert_check_passes("   ", 200, 0);
	assert_check_passes("\n\t \n", 200, TEXT_MULTILINE);
	assert_check_passes("line one\nline two\tend", 8000, TEXT_MULTILINE);
	/* Printable but odd characters are kept; they are escaped on show. */
	assert_check_passes("abc\xe2\x80\xae" "def", 200, 0);
	/* The limit itself is allowed. */
	assert_check_passes("aaaaa", 5, 0);
	assert_check_passes("\xc3\xa9\xc3\xa9", 4, 0);
}

/* A name shows all it holds: nothing in it shows nothing, or a space that
 * is not one, so two accounts cannot look alike. */
static void
test_check_name(void **state)
{
	static const char *const alike[] = {
		"Tom\xe2\x80\x8b Brennan",	/* zero-width space */
		"Tom\xc2\xa0" "Brennan",	/* no-break space */
		"Tom Brenn\xc2\xad" "an",	/* soft hyphen */
		"\xef\xbb\xbfTom Brennan",	/* byte order mark */
		"Tom Brennan\xe2\x80\xae",	/* right-to-left override */
		"Tom\xe2\x80\x8d Brennan",	/* zero-width joiner */
		"Tom\xe3\x85\xa4",		/* Hangul filler */
		"Tom\xe2\xa0\x80" "Brennan",	/* Braille blank */
		"Tom\xef\xb8\x8f Brennan",	/* variation selector */
		"Tom\xf3\xa0\x80\xa0 Brennan",	/* tag space */
	};
	size_t	i;
	char	*cause = NULL;

	(void)state;
	for (i = 0; i < sizeof alike / sizeof alike[0]; i++) {
		assert_int_equal(text_check("name", alike[i], 200, TEXT_NAME,
		    &cause), -1);
		assert_message(cause);
		assert_non_null(strstr(cause, "shows nothing"));
		free(cause);
		cause = NULL;
		/* Any other text may hold them (shown escaped if need be). */
		assert_check_passes(alike[i], 200, 0);
	}
	assert_check_fails("name", "Tom\xe2\x80\x8b", 200, TEXT_NAME,
	    "name contains a character that shows nothing or shows as a "
	    "space (U+200B): type it with plain letters and spaces, so that "
	    "no two look alike");
	assert_check_passes("Zo\xc3\xab O'Brien-\xc5\x81\xc3\xb3" "d\xc5\xba",
	    200, TEXT_NAME);
	assert_check_passes("\xd8\xb9\xd9\x84\xdb\x8c", 200, TEXT_NAME);
}

/*
 * Every format character (Unicode 15.1, category Cf) and the line and
 * paragraph separators (Zl, Zp) are refused in a name, joiners with them;
 * the characters either side of each range are not.
 */
static void
test_check_name_format(void **state)
{
	static const struct {
		uint32_t	first, last;
	} format[] = {
		{ 0x00ad, 0x00ad }, { 0x0600, 0x0605 }, { 0x061c, 0x061c },
		{ 0x06dd, 0x06dd }, { 0x070f, 0x070f }, { 0x0890, 0x0891 },
		{ 0x08e2, 0x08e2 }, { 0x180e, 0x180e }, { 0x200b, 0x200f },
		{ 0x2028, 0x202e }, { 0x2060, 0x2064 }, { 0x2066, 0x206f },
		{ 0xfeff, 0xfeff }, { 0xfff9, 0xfffb }, { 0x110bd, 0x110bd },
		{ 0x110cd, 0x110cd }, { 0x13430, 0x1343f },
		{ 0x1bca0, 0x1bca3 }, { 0x1d173, 0x1d17a },
		{ 0xe0001, 0xe0001 }, { 0xe0020, 0xe007f },
	};
	static const uint32_t	 beside[] = {
		0x05ff, 0x0606, 0x06dc, 0x06de, 0x070e, 0x0710, 0x08e1,
		0x08e3, 0x110bc, 0x110be, 0x110cc, 0x110ce, 0x1342f, 0x13440,
		0x2027,
	};
	char			 in[32], c[8], want[200];
	uint32_t		 cp;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof format / sizeof format[0]; i++) {
		for (cp = format[i].first; cp <= format[i].last; cp++) {
			snprintf(in, sizeof in, "Grace%s Okafor", utf8(cp, c));
			snprintf(want, sizeof want, "name contains a character "
			    "that shows nothing or shows as a space (U+%04X): "
			    "type it with plain letters and spaces, so that no "
			    "two look alike", (unsigned)cp);
			assert_check_fails("name", in, 200, TEXT_NAME, want);
		}
	}
	for (i = 0; i < sizeof beside / sizeof beside[0]; i++) {
		snprintf(in, sizeof in, "Grace%s Okafor", utf8(beside[i], c));
		assert_check_passes(in, 200, TEXT_NAME);
	}
	/* Zero-width non-joiner and joiner. */
	assert_check_fails("name", "Tom\xe2\x80\x8c", 200, TEXT_NAME,
	    "name contains a character that shows nothing or shows as a "
	    "space (U+200C): type it with plain letters and spaces, so that "
	    "no two look alike");
	assert_check_fails("name", "Tom\xe2\x80\x8d", 200, TEXT_NAME,
	    "name contains a character that shows nothing or shows as a "
	    "space (U+200D): type it with plain letters and spaces, so that "
	    "no two look alike");
	/* Only a name is held to this. */
	assert_check_passes("Grace\xd8\x80 Okafor", 200, 0);
}

/* Fullwidth and mathematical letters pass for ordinary ones. */
static void
test_check_name_forms(void **state)
{
	static const uint32_t	 form[] = {
		0xff01, 0xff27, 0xff41, 0xff5e, 0x1d400, 0x1d406, 0x1d5a6,
		0x1d7ce, 0x1d7ff,
	};
	static const uint32_t	 beside[] = {
		0xff00, 0xff5f, 0x1d3ff, 0x1d800,
	};
	char			 in[32], c[8], want[200];
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof form / sizeof form[0]; i++) {
		snprintf(in, sizeof in, "%srace Okafor", utf8(form[i], c));
		snprintf(want, sizeof want, "name contains a fullwidth or "
		    "mathematical form of a character (U+%04X): type it with "
		    "ordinary letters, so that no two look alike",
		    (unsigned)form[i]);
		assert_check_fails("name", in, 200, TEXT_NAME, want);
		assert_check_passes(in, 200, 0);
	}
	for (i = 0; i < sizeof beside / sizeof beside[0]; i++) {
		snprintf(in, sizeof in, "%srace Okafor", utf8(beside[i], c));
		assert_check_passes(in, 200, TEXT_NAME);
	}
}

/*
 * A word of a name has letters of one alphabet of Latin, Greek and
 * Cyrillic: "Grаce" with a Cyrillic а passes for "Grace". A name all in
 * one, or with words in two, is a name.
 */
static void
test_check_name_alphabets(void **state)
{
	static const char *const names[] = {
		/* Ольга Петрова */
		"\xd0\x9e\xd0\xbb\xd1\x8c\xd0\xb3\xd0\xb0 "
		    "\xd0\x9f\xd0\xb5\xd1\x82\xd1\x80\xd0\xbe"
		    "\xd0\xb2\xd0\xb0",
		/* Νίκος Αλεξίου */
		"\xce\x9d\xce\xaf\xce\xba\xce\xbf\xcf\x82 "
		    "\xce\x91\xce\xbb\xce\xb5\xce\xbe\xce\xaf"
		    "\xce\xbf\xcf\x85",
		"\xd0\x9e\xd0\xbb\xd1\x8c\xd0\xb3\xd0\xb0 Smith",
		"\xc5\x81ucja Kowalska", "\xc5\x9etefan Popescu",
		"Mehmet Y\xc4\xb1lmaz", "Chlo\xc3\xa9 Martin",
		"\xe1\xba\xa0nh Nguy\xe1\xbb\x85n",	/* Ạnh Nguyễn */
		"Ann-Marie O'Neill", "Ali \xd8\xb9\xd9\x84\xdb\x8c",
	};
	size_t	i;

	(void)state;
	assert_check_fails("name", "Gr\xd0\xb0" "ce Okafor", 200, TEXT_NAME,
	    "name \"Gr\xd0\xb0" "ce Okafor\": a word mixes letters of two "
	    "alphabets (Latin and Cyrillic), so it could pass for another "
	    "name: type it in one");
	assert_check_fails("name", "Grace T\xce\xbfm", 200, TEXT_NAME,
	    "name \"Grace T\xce\xbfm\": a word mixes letters of two "
	    "alphabets (Latin and Greek), so it could pass for another "
	    "name: type it in one");
	/* Greek ο and Cyrillic о. */
	assert_check_fails("name", "\xce\xbf\xd0\xbe", 200, TEXT_NAME,
	    "name \"\xce\xbf\xd0\xbe\": a word mixes letters of two "
	    "alphabets (Greek and Cyrillic), so it could pass for another "
	    "name: type it in one");
	/* Latin beyond ASCII, Greek beyond its first block. */
	assert_check_fails("name", "\xc5\x81\xd1\x83" "cja", 200, TEXT_NAME,
	    "name \"\xc5\x81\xd1\x83" "cja\": a word mixes letters of two "
	    "alphabets (Latin and Cyrillic), so it could pass for another "
	    "name: type it in one");
	assert_check_fails("name", "\xe1\xbc\x80nna", 200, TEXT_NAME,
	    "name \"\xe1\xbc\x80nna\": a word mixes letters of two "
	    "alphabets (Latin and Greek), so it could pass for another "
	    "name: type it in one");
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		assert_check_passes(names[i], 200, TEXT_NAME);
	/* Only a name is held to this. */
	assert_check_passes("Gr\xd0\xb0" "ce Okafor", 200, 0);
}

static void
test_check_utf8(void **state)
{
	(void)state;
	assert_check_fails("household name", "Sm\xffith", 200, 0,
	    "household name has characters that cannot be read "
	    "(not valid UTF-8)");
	assert_check_fails("summary", "\xed\xa0\x80", 8000, TEXT_MULTILINE,
	    "summary has characters that cannot be read (not valid UTF-8)");
	assert_check_fails("summary", "\xc0\x8a", 8000, TEXT_MULTILINE,
	    "summary has characters that cannot be read (not valid UTF-8)");
}

static void
test_check_controls(void **state)
{
	(void)state;
	assert_check_fails("household name", "Smith\nJones", 200, 0,
	    "household name must be on one line");
	assert_check_fails("household name", "Smith\r", 200, 0,
	    "household name must be on one line");
	assert_check_fails("household name", "a\tb", 200, 0,
	    "household name may not contain a tab");
	assert_check_fails("household name", "\x1b[2J", 200, 0,
	    "household name contains a hidden control character (\\e)");
	assert_check_fails("summary", "ding\x07", 8000, TEXT_MULTILINE,
	    "summary contains a hidden control character (\\x07)");
	assert_check_fails("summary", "a\r\nb", 8000, TEXT_MULTILINE,
	    "summary contains a hidden control character (\\r)");
	assert_check_fails("summary", "a\x7f", 8000, TEXT_MULTILINE,
	    "summary contains a hidden control character (\\x7f)");
	assert_check_fails("summary", "\xc2\x9b" "31m", 8000, TEXT_MULTILINE,
	    "summary contains a hidden control character (\\u009b)");
	assert_check_fails("summary", "\xc2\x85", 8000, 0,
	    "summary contains a hidden control character (\\u0085)");
}

static void
test_check_length(void **state)
{
	char	buf[202];

	(void)state;
	memset(buf, 'a', 201);
	buf[201] = '\0';
	assert_check_fails("household name", buf, 200, 0,
	    "household name is too long (at most 200 characters)");
	buf[200] = '\0';
	assert_check_passes(buf, 200, 0);
	/* Counted in bytes: é is two. */
	assert_check_fails("surname", "\xc3\xa9\xc3\xa9\xc3\xa9", 5, 0,
	    "surname is too long (at most 5 characters)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_utf8),
		cmocka_unit_test(test_escape_plain),
		cmocka_unit_test(test_escape_controls),
		cmocka_unit_test(test_escape_c1_and_bidi),
		cmocka_unit_test(test_escape_invalid),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit_ascii),
		cmocka_unit_test(test_fit_wide),
		cmocka_unit_test(test_fit_combining),
		cmocka_unit_test(test_fit_escapes),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_squeeze),
		cmocka_unit_test(test_same_name),
		cmocka_unit_test(test_name_starts),
		cmocka_unit_test(test_casecmp),
		cmocka_unit_test(test_has_prefix),
		cmocka_unit_test(test_check_passes),
		cmocka_unit_test(test_check_name),
		cmocka_unit_test(test_check_name_format),
		cmocka_unit_test(test_check_name_forms),
		cmocka_unit_test(test_check_name_alphabets),
		cmocka_unit_test(test_check_utf8),
		cmocka_unit_test(test_check_controls),
		cmocka_unit_test(test_check_length),
	};

	return cmocka_run_group_tests(tests, setup_locale, NULL);
}
