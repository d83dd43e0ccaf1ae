/*
 * Text that comes from people, the database or a bundle: checking it on the
 * way in and making it safe to show on the way out.
 */
#ifndef ONETEAM_TEXT_H
#define ONETEAM_TEXT_H

#include <stddef.h>

/*
 * Flags for text_check() and text_escape(). TEXT_MULTILINE: text_check()
 * allows newlines and tabs; text_escape() keeps newlines (tabs are still
 * shown as \t, since their width depends on where they fall).
 */
#define TEXT_MULTILINE	0x1
/*
 * TEXT_NAME: text_check() refuses characters that show nothing or show as
 * a plain space (every format character, zero-width ones, bidirectional
 * controls, line separators, fillers, spaces other than the space bar's),
 * letters in a fullwidth or mathematical form, and a word with letters of
 * two of the Latin, Greek and Cyrillic alphabets ("Grace" with a Cyrillic
 * a, U+0430), so that two names cannot look alike.
 */
#define TEXT_NAME	0x2

/*
 * Check a field typed by a person: valid UTF-8, no NUL, no control
 * characters (newline and tab only with TEXT_MULTILINE), at most max bytes.
 * On failure returns -1 and sets *cause to a one-line message naming what
 * ("household name must be on one line", "summary is too long (at most
 * 8000 characters)"). Empty or blank text passes: callers decide whether a
 * field is required.
 */
int	 text_check(const char *what, const char *s, size_t max, int flags,
	     char **cause);

/* Return 1 if the len bytes at s are valid UTF-8 (no overlongs, surrogates). */
int	 text_valid_utf8(const char *s, size_t len);

/*
 * Return a new string safe to write to a terminal: every character that is
 * not printable (iswprint fails: C0 and C1 controls, DEL, escape sequences
 * and so on) becomes a visible escape such as \e, \t, \x07 or \u009b, and
 * invalid UTF-8 bytes become \xNN. With TEXT_MULTILINE, newlines are kept.
 * Backslash itself is left as is.
 */
char	*text_escape(const char *s, int flags);

/* Columns that s takes on a terminal (as escaped by text_escape). */
size_t	 text_width(const char *s);

/*
 * Return a new string of the escaped s fitted to exactly cols columns: cut
 * with "…" when too wide (never splitting a character), padded with spaces
 * when pad is set and it is narrower.
 */
char	*text_fit(const char *s, size_t cols, int pad);

/* Return a new copy of s without leading and trailing white space. */
char	*text_trim(const char *s);
/* Is s NULL, empty or only white space, so that it trims to nothing? */
int	 text_blank(const char *s);
/* Make each run of white space in s one space, in place (a name, trimmed,
 * keeps its words one space apart). */
void	 text_squeeze(char *s);

/*
 * Make the CR LF line ends of s LF, in place (text pasted from Windows),
 * before it is checked as TEXT_MULTILINE. A lone CR is left for
 * text_check() to refuse.
 */
void	 text_crlf(char *s);

/* Case-insensitive (ASCII) comparison and prefix test, for list look-ups. */
int	 text_casecmp(const char *, const char *);
int	 text_has_prefix(const char *s, const char *prefix);
/*
 * Do two names read alike: the same but for ASCII case, white space at
 * their ends and how much of it parts their words ("Tom Reid", " tom  reid")?
 */
int	 text_same_name(const char *, const char *);
/*
 * Is words, compared so, name or its first words ("grace" of "Grace
 * Okafor"; not "Gra")?
 */
int	 text_name_starts(const char *name, const char *words);

#endif
