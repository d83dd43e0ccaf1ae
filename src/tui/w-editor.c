/*
 * w-editor.c: a multi-line editor with word wrap, for the long free text of
 * a family's story and summaries (up to some 20,000 bytes, often pasted).
 * It owns the text while it is edited, the cursor and the scrolling; it
 * does not know what the text means, whether it is valid or where it is
 * saved, and leaves the status line (w_editor_where()) to the form.
 *
 * The text is an array of logical lines, each an array of wide characters
 * that carry the columns they are shown in, worked out once as they arrive.
 * How a line wraps is worked out when it is needed and kept: a new width
 * wraps every line again, an edit only the rows from just before it. A
 * paste arrives as one key per character, so a key must cost no more than
 * its own line, and typing at the end of a long paragraph only its end.
 *
 * Lines wrap after spaces; a word wider than the width breaks at it. A line
 * that fills its last row exactly gets an empty row after it, so that the
 * cursor at its end is inside the rectangle.
 *
 * The cursor moves over clusters: a character that takes columns and the
 * zero-width marks after it (e + U+0301 is one é). Characters are shown as
 * text_escape() shows them, so a tab loaded from the database is "\t" and
 * is one cluster; so is a mark with no letter to sit on, as "\u0301".
 * Bytes that are not valid in the locale's encoding are kept as U+DC80 to
 * U+DCFF, shown as "\xNN" and written back as they were, so text read from
 * the database goes back unchanged even when it was not.
 *
 * Keys: Ctrl-Home and Ctrl-End reach ncurses only as keys named from the
 * terminal's description ("kHOM5", "kEND5"), which not every terminal has,
 * so Ctrl-A and Ctrl-E go to the start and end of the text as well.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "w.h"

#define W_EDITOR_ESC	0x80	/* shown as its escape... */
#define W_EDITOR_COLS	0x7f	/* ...of this many columns */
#define W_EDITOR_ESCLEN	16

/* One character and the columns it is shown in. */
struct w_editor_char {
	wchar_t		c;
	unsigned char	w;	/* columns, | W_EDITOR_ESC for an escape */
};

/* A logical line (no '\n' in it) and the rows it wraps into. */
struct w_editor_line {
	struct w_editor_char	*s;
	size_t			 len;
	size_t			 size;
	size_t			*row;	/* where each row starts; row[0] is 0 */
	size_t			 nrow;
	size_t			 rowsize;
	unsigned		 gen;	/* rows good while this is e->gen... */
	size_t			 dirty;	/* ...and before this (SIZE_MAX: all) */
};

struct w_editor {
	struct w_editor_line	*lines;
	size_t			 nlines;
	size_t			 size;
	size_t			 cy;	/* the cursor's line... */
	size_t			 cx;	/* ...and cluster boundary in it */
	size_t			 ty;	/* the first row seen: its line... */
	size_t			 tr;	/* ...and row in that line */
	int			 pref;	/* column Up and Down keep, or -1 */
	int			 h;
	int			 cols;	/* 0: no wrapping */
	unsigned		 gen;	/* changes with cols */
	char			*initial;
};

/* A byte that was not a character in the locale, kept to write back. */
static inline int
w_editor_byte(wchar_t c)
{
	return c >= 0xdc00 && c <= 0xdcff;
}

/*
 * The columns c is shown in, flagged W_EDITOR_ESC when it is shown as its
 * escape, which then goes in esc. The escape is text_escape()'s own, so
 * the editor and every other place a text is drawn agree.
 */
static unsigned char
w_editor_look(wchar_t c, char *esc)
{
	char		 mb[MB_LEN_MAX + 1], *shown;
	mbstate_t	 st;
	size_t		 n;
	int		 w;

	if (c >= 0x20 && c < 0x7f)
		return 1;
	memset(&st, 0, sizeof st);
	if (w_editor_byte(c))
		snprintf(esc, W_EDITOR_ESCLEN, "\\x%02x", (unsigned)c & 0xff);
	else if ((n = wcrtomb(mb, c, &st)) == (size_t)-1)
		snprintf(esc, W_EDITOR_ESCLEN, "\\u%04x", (unsigned)c);
	else {
		mb[n] = '\0';
		shown = text_escape(mb, 0);
		if (strcmp(shown, mb) == 0 && (w = wcwidth(c)) >= 0) {
			free(shown);
			return (unsigned char)w;
		}
		snprintf(esc, W_EDITOR_ESCLEN, "%s", shown);
		free(shown);
	}
	return W_EDITOR_ESC | (unsigned char)strlen(esc);
}

/* Is the character at i a mark sitting on the letter before it? */
static int
w_editor_joins(const struct w_editor_line *l, size_t i)
{
	if (i == 0 || i >= l->len || l->s[i].w != 0)
		return 0;
	while (--i > 0 && l->s[i].w == 0)
		continue;
	return l->s[i].w != 0 && (l->s[i].w & W_EDITOR_ESC) == 0;
}

/* The start of the cluster after the one at i. */
static size_t
w_editor_next(const struct w_editor_line *l, size_t i)
{
	if (i >= l->len)
		return l->len;
	for (i++; w_editor_joins(l, i); i++)
		continue;
	return i;
}

/* The start of the cluster before i. */
static size_t
w_editor_prev(const struct w_editor_line *l, size_t i)
{
	if (i == 0)
		return 0;
	for (i--; w_editor_joins(l, i); i--)
		continue;
	return i;
}

/* The escape of the cluster at i if it is shown as one, or NULL. */
static const char *
w_editor_escape(const struct w_editor_line *l, size_t i, char *esc)
{
	wchar_t	c = l->s[i].c;

	if (l->s[i].w & W_EDITOR_ESC) {
		w_editor_look(c, esc);
		return esc;
	}
	if (l->s[i].w != 0)
		return NULL;
	/* A lone mark: the form text_escape() gives code points. */
	snprintf(esc, W_EDITOR_ESCLEN, "\\u%0*x", c <= 0xffff ? 4 : 6,
	    (unsigned)c);
	return esc;
}

/* The columns of the cluster at i. */
static int
w_editor_width(const struct w_editor_line *l, size_t i)
{
	if (l->s[i].w == 0)	/* a lone mark, as "\u0301" */
		return l->s[i].c <= 0xffff ? 6 : 8;
	return l->s[i].w & W_EDITOR_COLS;
}

/* Do rows break after the character at i? */
static int
w_editor_space(const struct w_editor_line *l, size_t i)
{
	return (l->s[i].w & W_EDITOR_ESC) == 0 && iswspace((wint_t)l->s[i].c);
}

/*
 * The text of l changed at at. Where a row starts depends only on the text
 * from the start of the row before it to the first cluster of the row
 * after it, so the rows are worked out again from two rows before the
 * change (w_editor_redo()). The character before at counts as changed,
 * since a mark typed at at joins it.
 */
static void
w_editor_touch(struct w_editor_line *l, size_t at)
{
	if (at > 0)
		at--;
	if (at < l->dirty)
		l->dirty = at;
}

/* Put n characters into l at at. */
static void
w_editor_put(struct w_editor_line *l, size_t at,
    const struct w_editor_char *s, size_t n)
{
	if (n == 0)
		return;
	if (l->len + n > l->size) {
		l->size = (l->len + n) * 2;
		l->s = xreallocarray(l->s, l->size, sizeof *l->s);
	}
	memmove(&l->s[at + n], &l->s[at], (l->len - at) * sizeof *l->s);
	memcpy(&l->s[at], s, n * sizeof *s);
	l->len += n;
	w_editor_touch(l, at);
}

/* Take the characters from a to b out of l. */
static void
w_editor_cut(struct w_editor_line *l, size_t a, size_t b)
{
	if (a == b)
		return;
	memmove(&l->s[a], &l->s[b], (l->len - b) * sizeof *l->s);
	l->len -= b - a;
	w_editor_touch(l, a);
}

/* Make an empty line the at'th. */
static void
w_editor_add(struct w_editor *e, size_t at)
{
	if (e->nlines == e->size) {
		e->size = e->size * 2 + 8;
		e->lines = xreallocarray(e->lines, e->size, sizeof *e->lines);
	}
	memmove(&e->lines[at + 1], &e->lines[at],
	    (e->nlines - at) * sizeof *e->lines);
	memset(&e->lines[at], 0, sizeof *e->lines);
	e->nlines++;
}

/* Join line y + 1 onto the end of line y. */
static void
w_editor_join(struct w_editor *e, size_t y)
{
	struct w_editor_line	*l = &e->lines[y], *next = &e->lines[y + 1];

	w_editor_put(l, l->len, next->s, next->len);
	free(next->s);
	free(next->row);
	memmove(next, next + 1, (e->nlines - y - 2) * sizeof *next);
	e->nlines--;
}

/* Read UTF-8 (as the locale has it) into lines. */
static void
w_editor_load(struct w_editor *e, const char *s)
{
	struct w_editor_char	 ch;
	mbstate_t		 st;
	size_t			 rest = strlen(s), n;
	char			 esc[W_EDITOR_ESCLEN];

	w_editor_add(e, 0);
	memset(&st, 0, sizeof st);
	while (rest > 0) {
		n = mbrtowc(&ch.c, s, rest, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			ch.c = 0xdc00 | (unsigned char)*s;
			n = 1;
			memset(&st, 0, sizeof st);
		}
		s += n;
		rest -= n;
		if (ch.c == L'\n') {
			w_editor_add(e, e->nlines);
			continue;
		}
		ch.w = w_editor_look(ch.c, esc);
		w_editor_put(&e->lines[e->nlines - 1],
		    e->lines[e->nlines - 1].len, &ch, 1);
	}
}

/* Create an editor holding initial (NULL: empty), the cursor at its start. */
struct w_editor *
w_editor_new(const char *initial)
{
	struct w_editor	*e;

	e = xcalloc(1, sizeof *e);
	e->initial = xstrdup(initial != NULL ? initial : "");
	e->pref = -1;
	e->h = 1;
	e->gen = 1;
	w_editor_load(e, e->initial);
	return e;
}

/* Free an editor and its text. */
void
w_editor_free(struct w_editor *e)
{
	size_t	y;

	if (e == NULL)
		return;
	for (y = 0; y < e->nlines; y++) {
		free(e->lines[y].s);
		free(e->lines[y].row);
	}
	free(e->lines);
	free(e->initial);
	free(e);
}

/* Write c into p as the locale has it; returns the bytes written. */
static size_t
w_editor_encode(wchar_t c, char *p)
{
	mbstate_t	st;
	size_t		n;

	if (w_editor_byte(c)) {
		*p = (char)(c & 0xff);
		return 1;
	}
	memset(&st, 0, sizeof st);
	if ((n = wcrtomb(p, c, &st)) == (size_t)-1) {
		*p = '?';
		return 1;
	}
	return n;
}

/* Return the text as a new string, lines joined by '\n'. */
char *
w_editor_text(const struct w_editor *e)
{
	const struct w_editor_line	*l;
	char				*s, *p;
	size_t				 y, i, size = 1;

	for (y = 0; y < e->nlines; y++)
		size += e->lines[y].len * MB_CUR_MAX + 1;
	p = s = xmalloc(size);
	for (y = 0; y < e->nlines; y++) {
		l = &e->lines[y];
		if (y > 0)
			*p++ = '\n';
		for (i = 0; i < l->len; i++)
			p += w_editor_encode(l->s[i].c, p);
	}
	*p = '\0';
	return s;
}

/* Does the text differ from what w_editor_new() was given? */
int
w_editor_changed(const struct w_editor *e)
{
	char	*s;
	int	 changed;

	s = w_editor_text(e);
	changed = strcmp(s, e->initial) != 0;
	free(s);
	return changed;
}

/* Line and column (in clusters), from 1, of the cursor. */
void
w_editor_where(const struct w_editor *e, size_t *line, size_t *col)
{
	const struct w_editor_line	*l = &e->lines[e->cy];
	size_t				 i, n = 1;

	for (i = 0; i < e->cx; i = w_editor_next(l, i))
		n++;
	*line = e->cy + 1;
	*col = n;
}

/* Set the size that keys move by; a new width wraps every line again. */
void
w_editor_size(struct w_editor *e, int h, int cols)
{
	e->h = h < 1 ? 1 : h;
	if (cols < 0)
		cols = 0;
	if (cols != e->cols) {
		e->cols = cols;
		e->gen++;
	}
}

static void
w_editor_addrow(struct w_editor_line *l, size_t start)
{
	if (l->nrow == l->rowsize) {
		l->rowsize = l->rowsize * 2 + 4;
		l->row = xreallocarray(l->row, l->rowsize, sizeof *l->row);
	}
	l->row[l->nrow++] = start;
}

/* The row of l that position x is on. */
static size_t
w_editor_find(const struct w_editor_line *l, size_t x)
{
	size_t	lo = 0, hi = l->nrow, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (l->row[mid] <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The row of l from which its rows must be worked out again. */
static size_t
w_editor_redo(struct w_editor *e, struct w_editor_line *l)
{
	size_t	r;

	if (l->gen != e->gen || l->nrow == 0) {
		l->nrow = 0;
		w_editor_addrow(l, 0);
		return 0;
	}
	r = w_editor_find(l, l->dirty);
	r = r > 2 ? r - 2 : 0;
	l->nrow = r + 1;
	return r;
}

/*
 * Work out where the rows of line y start, unless that is known: after the
 * last space that lets the row fit, or where a word reaches the width.
 */
static struct w_editor_line *
w_editor_wrap(struct w_editor *e, size_t y)
{
	struct w_editor_line	*l = &e->lines[y];
	size_t			 i, next, start, brk;
	int			 col = 0, brkcol = 0, cw;

	if (l->gen == e->gen && l->dirty == SIZE_MAX)
		return l;
	i = w_editor_redo(e, l);
	brk = start = l->row[i];
	l->gen = e->gen;
	l->dirty = SIZE_MAX;
	if (e->cols == 0)
		return l;
	for (i = start; i < l->len; i = next) {
		next = w_editor_next(l, i);
		cw = w_editor_width(l, i);
		while (col > 0 && col + cw > e->cols) {
			if (brk > start) {
				col -= brkcol;
				start = brk;
			} else {
				col = 0;
				start = i;
			}
			w_editor_addrow(l, start);
		}
		col += cw;
		if (w_editor_space(l, i)) {
			brk = next;
			brkcol = col;
		}
	}
	if (col >= e->cols)
		w_editor_addrow(l, l->len);
	return l;
}

/* Where row r of l ends: the next row's start, or the line's end. */
static size_t
w_editor_rowend(const struct w_editor_line *l, size_t r)
{
	return r + 1 < l->nrow ? l->row[r + 1] : l->len;
}

/* The row of line y that position x is on. */
static size_t
w_editor_row(struct w_editor *e, size_t y, size_t x)
{
	return w_editor_find(w_editor_wrap(e, y), x);
}

/* The column of position x on row r of line y. */
static int
w_editor_col(struct w_editor *e, size_t y, size_t r, size_t x)
{
	struct w_editor_line	*l = w_editor_wrap(e, y);
	size_t			 i;
	int			 col = 0;

	for (i = l->row[r]; i < x; i = w_editor_next(l, i))
		col += w_editor_width(l, i);
	return col;
}

/*
 * The position on row r of line y nearest col without passing it. Only the
 * last row has a place after its last cluster: elsewhere that is the start
 * of the next row.
 */
static size_t
w_editor_at(struct w_editor *e, size_t y, size_t r, int col)
{
	struct w_editor_line	*l = w_editor_wrap(e, y);
	size_t			 p = l->row[r], end, next;
	int			 x = 0, cw, last = r + 1 == l->nrow;

	end = w_editor_rowend(l, r);
	while (p < end) {
		next = w_editor_next(l, p);
		cw = w_editor_width(l, p);
		if ((next >= end && !last) || x + cw > col)
			break;
		x += cw;
		p = next;
	}
	return p;
}

/* Move *y, *r by delta rows, stopping at either end; returns how far. */
static long
w_editor_step(struct w_editor *e, size_t *y, size_t *r, long delta)
{
	long	moved = 0;

	for (; delta < 0; delta++, moved--) {
		if (*r > 0)
			(*r)--;
		else if (*y > 0)
			*r = w_editor_wrap(e, --*y)->nrow - 1;
		else
			break;
	}
	for (; delta > 0; delta--, moved++) {
		if (*r + 1 < w_editor_wrap(e, *y)->nrow)
			(*r)++;
		else if (*y + 1 < e->nlines) {
			(*y)++;
			*r = 0;
		} else
			break;
	}
	return moved;
}

/* Keep the first row seen inside the text after lines went or shrank. */
static void
w_editor_clamp(struct w_editor *e)
{
	struct w_editor_line	*l;

	if (e->ty >= e->nlines) {
		e->ty = e->nlines - 1;
		e->tr = SIZE_MAX;
	}
	l = w_editor_wrap(e, e->ty);
	if (e->tr >= l->nrow)
		e->tr = l->nrow - 1;
}

/* The cursor's line and the row it is on go up or down delta rows. */
static long
w_editor_vmove(struct w_editor *e, long delta)
{
	size_t	y = e->cy, r = w_editor_row(e, e->cy, e->cx);
	long	moved;

	if (e->pref < 0)
		e->pref = w_editor_col(e, y, r, e->cx);
	moved = w_editor_step(e, &y, &r, delta);
	e->cy = y;
	e->cx = w_editor_at(e, y, r, e->pref);
	return moved;
}

static enum w_result
w_editor_up(struct w_editor *e)
{
	w_editor_vmove(e, -1);
	return W_HANDLED;
}

static enum w_result
w_editor_down(struct w_editor *e)
{
	w_editor_vmove(e, 1);
	return W_HANDLED;
}

/* A page turns the rows seen with the cursor, so it stays where it was. */
static enum w_result
w_editor_page(struct w_editor *e, long delta)
{
	w_editor_clamp(e);
	w_editor_step(e, &e->ty, &e->tr, w_editor_vmove(e, delta));
	return W_HANDLED;
}

static enum w_result
w_editor_pgup(struct w_editor *e)
{
	return w_editor_page(e, -e->h);
}

static enum w_result
w_editor_pgdn(struct w_editor *e)
{
	return w_editor_page(e, e->h);
}

/* Put the cursor at x on line y; a move across, so Up and Down forget. */
static enum w_result
w_editor_go(struct w_editor *e, size_t y, size_t x)
{
	e->cy = y;
	e->cx = x;
	e->pref = -1;
	return W_HANDLED;
}

static enum w_result
w_editor_left(struct w_editor *e)
{
	if (e->cx > 0)
		return w_editor_go(e, e->cy, w_editor_prev(&e->lines[e->cy],
		    e->cx));
	if (e->cy > 0)
		return w_editor_go(e, e->cy - 1, e->lines[e->cy - 1].len);
	return W_HANDLED;
}

static enum w_result
w_editor_right(struct w_editor *e)
{
	struct w_editor_line	*l = &e->lines[e->cy];

	if (e->cx < l->len)
		return w_editor_go(e, e->cy, w_editor_next(l, e->cx));
	if (e->cy + 1 < e->nlines)
		return w_editor_go(e, e->cy + 1, 0);
	return W_HANDLED;
}

static enum w_result
w_editor_home(struct w_editor *e)
{
	struct w_editor_line	*l = w_editor_wrap(e, e->cy);

	return w_editor_go(e, e->cy, l->row[w_editor_row(e, e->cy, e->cx)]);
}

/* To the end of the row: its last cluster unless it is the line's last. */
static enum w_result
w_editor_end(struct w_editor *e)
{
	struct w_editor_line	*l = w_editor_wrap(e, e->cy);
	size_t			 r = w_editor_row(e, e->cy, e->cx);

	if (r + 1 == l->nrow)
		return w_editor_go(e, e->cy, l->len);
	return w_editor_go(e, e->cy, w_editor_prev(l, l->row[r + 1]));
}

static enum w_result
w_editor_top(struct w_editor *e)
{
	return w_editor_go(e, 0, 0);
}

static enum w_result
w_editor_bottom(struct w_editor *e)
{
	return w_editor_go(e, e->nlines - 1, e->lines[e->nlines - 1].len);
}

/*
 * A mark typed or uncovered just after the cursor joins the letter before
 * it: move past it so the cursor stays between clusters.
 */
static enum w_result
w_editor_settle(struct w_editor *e)
{
	while (w_editor_joins(&e->lines[e->cy], e->cx))
		e->cx++;
	e->pref = -1;
	return W_CHANGED;
}

static enum w_result
w_editor_insert(struct w_editor *e, wchar_t c)
{
	struct w_editor_char	ch;
	char			esc[W_EDITOR_ESCLEN];

	ch.c = c;
	ch.w = w_editor_look(c, esc);
	w_editor_put(&e->lines[e->cy], e->cx++, &ch, 1);
	return w_editor_settle(e);
}

static enum w_result
w_editor_newline(struct w_editor *e)
{
	struct w_editor_line	*l, *next;

	w_editor_add(e, e->cy + 1);
	l = &e->lines[e->cy];
	next = &e->lines[e->cy + 1];
	w_editor_put(next, 0, &l->s[e->cx], l->len - e->cx);
	w_editor_cut(l, e->cx, l->len);
	e->cy++;
	e->cx = 0;
	return w_editor_settle(e);
}

/* Join the cursor's line with the next, the cursor staying put. */
static enum w_result
w_editor_join_next(struct w_editor *e)
{
	if (e->cy + 1 >= e->nlines)
		return W_HANDLED;
	w_editor_join(e, e->cy);
	return w_editor_settle(e);
}

static enum w_result
w_editor_backspace(struct w_editor *e)
{
	struct w_editor_line	*l = &e->lines[e->cy];
	size_t			 from;

	if (e->cx == 0) {
		if (e->cy == 0)
			return W_HANDLED;
		e->cy--;
		e->cx = e->lines[e->cy].len;
		return w_editor_join_next(e);
	}
	from = w_editor_prev(l, e->cx);
	w_editor_cut(l, from, e->cx);
	e->cx = from;
	return w_editor_settle(e);
}

static enum w_result
w_editor_delete(struct w_editor *e)
{
	struct w_editor_line	*l = &e->lines[e->cy];

	if (e->cx == l->len)
		return w_editor_join_next(e);
	w_editor_cut(l, e->cx, w_editor_next(l, e->cx));
	return w_editor_settle(e);
}

/* Ctrl-K: the rest of the line, or the line break when there is none. */
static enum w_result
w_editor_kill(struct w_editor *e)
{
	struct w_editor_line	*l = &e->lines[e->cy];

	if (e->cx == l->len)
		return w_editor_join_next(e);
	w_editor_cut(l, e->cx, l->len);
	return w_editor_settle(e);
}

static const struct {
	int		  key;
	enum w_result	(*fn)(struct w_editor *);
} w_editor_keys[] = {
	{ '\n', w_editor_newline },
	{ '\r', w_editor_newline },
	{ W_FN | KEY_ENTER, w_editor_newline },
	{ W_FN | KEY_LEFT, w_editor_left },
	{ W_FN | KEY_RIGHT, w_editor_right },
	{ W_FN | KEY_UP, w_editor_up },
	{ W_FN | KEY_DOWN, w_editor_down },
	{ W_FN | KEY_HOME, w_editor_home },
	{ W_FN | KEY_END, w_editor_end },
	{ W_FN | KEY_PPAGE, w_editor_pgup },
	{ W_FN | KEY_NPAGE, w_editor_pgdn },
	{ W_CTRL('a'), w_editor_top },
	{ W_CTRL('e'), w_editor_bottom },
	{ W_FN | KEY_BACKSPACE, w_editor_backspace },
	{ 0x7f, w_editor_backspace },
	{ W_CTRL('h'), w_editor_backspace },
	{ W_FN | KEY_DC, w_editor_delete },
	{ W_CTRL('k'), w_editor_kill },
};

/*
 * Ctrl-Home and Ctrl-End have no KEY_ code: ncurses gives them codes of
 * its own, named after the terminal's capabilities.
 */
static enum w_result
w_editor_named(struct w_editor *e, int key)
{
	const char	*name;

	if ((key & W_FN) == 0 || (name = keyname(key & ~W_FN)) == NULL)
		return W_IGNORED;
	if (strcmp(name, "kHOM5") == 0)
		return w_editor_top(e);
	if (strcmp(name, "kEND5") == 0)
		return w_editor_bottom(e);
	return W_IGNORED;
}

/* Handle a key: see w.h and the top of this file for which. */
enum w_result
w_editor_key(struct w_editor *e, int key)
{
	size_t	i;

	if (w_key_printable(key))
		return w_editor_insert(e, (wchar_t)key);
	for (i = 0; i < sizeof w_editor_keys / sizeof w_editor_keys[0]; i++) {
		if (w_editor_keys[i].key == key)
			return w_editor_keys[i].fn(e);
	}
	return w_editor_named(e, key);
}

/* How many rows below the first seen the cursor is, or -1 if not seen. */
static long
w_editor_below(struct w_editor *e, size_t cr)
{
	size_t	y = e->ty, r = e->tr;
	long	i;

	for (i = 0; i < e->h; i++) {
		if (y == e->cy && r == cr)
			return i;
		if (w_editor_step(e, &y, &r, 1) == 0)
			break;
	}
	return -1;
}

/*
 * Scroll so that the cursor's row is seen, and so that no rows are left
 * empty at the bottom while there are rows above. Returns the cursor's row
 * on the screen.
 */
static long
w_editor_fit(struct w_editor *e)
{
	size_t	cr = w_editor_row(e, e->cy, e->cx), y, r;
	long	below, h1 = e->h - 1;

	w_editor_clamp(e);
	if (e->cy < e->ty || (e->cy == e->ty && cr < e->tr)) {
		e->ty = e->cy;
		e->tr = cr;
	} else if (w_editor_below(e, cr) < 0) {
		e->ty = e->cy;
		e->tr = cr;
		w_editor_step(e, &e->ty, &e->tr, -h1);
	}
	y = e->ty;
	r = e->tr;
	below = w_editor_step(e, &y, &r, h1);
	if (below < h1)
		w_editor_step(e, &e->ty, &e->tr, below - h1);
	return w_editor_below(e, cr);
}

/* Draw the cluster at i where the window's cursor is. */
static void
w_editor_paint(WINDOW *win, const struct w_editor_line *l, size_t i)
{
	wchar_t		 wc[CCHARW_MAX + 1];
	cchar_t		 cc;
	char		 esc[W_EDITOR_ESCLEN];
	size_t		 n = 0;

	if (w_editor_escape(l, i, esc) != NULL) {
		waddstr(win, esc);
		return;
	}
	/* Marks past what a cell holds are dropped from the screen only. */
	do
		wc[n++] = l->s[i++].c;
	while (n < CCHARW_MAX && w_editor_joins(l, i));
	wc[n] = L'\0';
	if (setcchar(&cc, wc, A_NORMAL, 0, NULL) == OK)
		wadd_wch(win, &cc);
}

/* Draw row r of line y in cols columns at wy, wx, padded with spaces. */
static void
w_editor_draw_row(struct w_editor *e, WINDOW *win, int wy, int wx,
    int cols, size_t y, size_t r)
{
	struct w_editor_line	*l = w_editor_wrap(e, y);
	size_t			 i, end = w_editor_rowend(l, r);
	int			 col = 0, cw;

	/*
	 * Blank the row first: a narrow character drawn over the first half
	 * of a wide one can leave its second half, and a whline() starting
	 * there would blank the narrow character again.
	 */
	mvwhline(win, wy, wx, ' ', cols);
	wmove(win, wy, wx);
	for (i = l->row[r]; i < end; i = w_editor_next(l, i)) {
		/* Only a cluster wider than the editor fails to fit. */
		if (col + (cw = w_editor_width(l, i)) > cols)
			break;
		w_editor_paint(win, l, i);
		col += cw;
	}
}

/* Draw the rows seen in h lines of cols columns at y, x. */
void
w_editor_draw(struct w_editor *e, WINDOW *win, int y, int x, int h, int cols,
    int focused)
{
	size_t	ly, r;
	long	cury;
	int	i, more = 1, curx;

	if (h <= 0 || cols <= 0)
		return;
	w_editor_size(e, h, cols);
	cury = w_editor_fit(e);
	ly = e->ty;
	r = e->tr;
	for (i = 0; i < h; i++) {
		if (!more) {
			mvwhline(win, y + i, x, ' ', cols);
			continue;
		}
		w_editor_draw_row(e, win, y + i, x, cols, ly, r);
		more = w_editor_step(e, &ly, &r, 1) == 1;
	}
	if (focused && cury >= 0) {
		curx = w_editor_col(e, e->cy, w_editor_row(e, e->cy, e->cx),
		    e->cx);
		w_cursor.win = win;
		w_cursor.y = y + (int)cury;
		w_cursor.x = x + (curx < cols ? curx : cols - 1);
	}
}
