/*
 * w-field.c: a one-line text field. It owns the text being edited, the
 * cursor in it and how far it is scrolled; it does not know what the text
 * means, whether it is valid, or where it is saved.
 *
 * The text is kept as wide characters so that the cursor moves by
 * characters, not bytes. It moves by clusters: a character that takes
 * columns followed by the zero-width marks that belong to it (e + U+0301
 * is one é), so the cursor never sits between a letter and its accent.
 *
 * Characters are drawn as text_escape() would show them, so a control
 * character set from the database shows as \x07 and is one cluster as
 * wide as its escape. A zero-width mark with no letter to sit on is shown
 * as its escape too, since it would otherwise land on whatever is drawn
 * before the field.
 *
 * The field draws with the window's attributes, so a screen that wants
 * it underlined sets that before w_field_draw().
 */
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "w.h"

/* What is drawn for one character: itself or its escape. */
struct w_field_cell {
	char	s[16];		/* UTF-8 to draw */
	int	width;		/* columns; 0 for a mark on its letter */
};

struct w_field {
	wchar_t	*s;		/* the text, NUL-terminated */
	size_t	 len;
	size_t	 size;		/* wide characters allocated */
	size_t	 cur;		/* the cursor: a cluster boundary */
	size_t	 left;		/* the first cluster seen when drawn */
	wchar_t	*orig;		/* the text as given, for changed */
	size_t	 origlen;
	int	 fresh;		/* typing replaces the text given */
};

/* Decode UTF-8, each invalid byte becoming U+FFFD; *lenp is its length. */
static wchar_t *
w_field_decode(const char *s, size_t *lenp)
{
	mbstate_t	 st;
	wchar_t		*ws;
	size_t		 rest = strlen(s), n, len = 0;

	ws = xreallocarray(NULL, rest + 1, sizeof *ws);
	memset(&st, 0, sizeof st);
	while (rest > 0) {
		n = mbrtowc(&ws[len], s, rest, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			ws[len] = 0xfffd;
			n = 1;
			memset(&st, 0, sizeof st);
		}
		len++;
		s += n;
		rest -= n;
	}
	ws[len] = L'\0';
	*lenp = len;
	return ws;
}

/* Encode ch as UTF-8 into buf (MB_LEN_MAX bytes); 0 if it cannot be. */
static size_t
w_field_encode(wchar_t ch, char *buf)
{
	mbstate_t	st;
	size_t		n;

	memset(&st, 0, sizeof st);
	n = wcrtomb(buf, ch, &st);
	return n == (size_t)-1 ? 0 : n;
}

/* Would text_escape() leave ch as it is? */
static int
w_field_raw(wchar_t ch)
{
	char	 buf[MB_LEN_MAX + 1], *esc;
	size_t	 n;
	int	 same;

	if ((n = w_field_encode(ch, buf)) == 0)
		return 0;
	buf[n] = '\0';
	esc = text_escape(buf, 0);
	same = strcmp(esc, buf) == 0;
	free(esc);
	return same;
}

/* A zero-width mark drawn as it is: it goes on the character before. */
static int
w_field_is_mark(wchar_t ch)
{
	return wcwidth(ch) == 0 && w_field_raw(ch);
}

/* Is the character at i a mark on a letter, inside a cluster? */
static int
w_field_joins(const struct w_field *f, size_t i)
{
	if (i == 0 || i >= f->len || !w_field_is_mark(f->s[i]))
		return 0;
	while (--i > 0 && w_field_is_mark(f->s[i]))
		continue;
	return wcwidth(f->s[i]) > 0 && w_field_raw(f->s[i]);
}

/* The start of the cluster holding i. */
static size_t
w_field_start(const struct w_field *f, size_t i)
{
	while (w_field_joins(f, i))
		i--;
	return i;
}

/* The start of the cluster after the one at i. */
static size_t
w_field_next(const struct w_field *f, size_t i)
{
	if (i >= f->len)
		return f->len;
	for (i++; w_field_joins(f, i); i++)
		continue;
	return i;
}

/* The start of the cluster before i. */
static size_t
w_field_prev(const struct w_field *f, size_t i)
{
	return i == 0 ? 0 : w_field_start(f, i - 1);
}

/* Make room for n more characters and the terminating NUL. */
static void
w_field_grow(struct w_field *f, size_t n)
{
	if (f->len + n + 1 <= f->size)
		return;
	f->size = (f->len + n + 1) * 2;
	f->s = xreallocarray(f->s, f->size, sizeof *f->s);
}

/* Take the text from a string, the cursor at its end. */
static void
w_field_load(struct w_field *f, const char *s)
{
	free(f->s);
	free(f->orig);
	f->s = w_field_decode(s != NULL ? s : "", &f->len);
	f->size = f->len + 1;
	f->orig = xreallocarray(NULL, f->size, sizeof *f->orig);
	wmemcpy(f->orig, f->s, f->size);
	f->origlen = f->len;
	f->cur = f->len;
	f->left = 0;
}

/* Create a field holding initial, the cursor at its end. */
struct w_field *
w_field_new(const char *initial)
{
	struct w_field	*f;

	f = xcalloc(1, sizeof *f);
	w_field_load(f, initial);
	return f;
}

/* Free a field and its text. */
void
w_field_free(struct w_field *f)
{
	if (f == NULL)
		return;
	free(f->s);
	free(f->orig);
	free(f);
}

/* Replace the text; what is set is what changed compares with. */
void
w_field_set(struct w_field *f, const char *s)
{
	w_field_load(f, s);
}

/* Return the text as a new UTF-8 string. */
char *
w_field_text(const struct w_field *f)
{
	char	*s, *p;
	size_t	 i, n;

	p = s = xreallocarray(NULL, f->len + 1, MB_LEN_MAX);
	for (i = 0; i < f->len; i++) {
		if ((n = w_field_encode(f->s[i], p)) == 0)
			n = w_field_encode(0xfffd, p);
		p += n;
	}
	*p = '\0';
	return s;
}

/* Does the text differ from what was given to new or set? */
int
w_field_changed(const struct w_field *f)
{
	return f->len != f->origlen || wmemcmp(f->s, f->orig, f->len) != 0;
}

/* Is the text empty? */
int
w_field_empty(const struct w_field *f)
{
	return f->len == 0;
}

/*
 * A mark typed or uncovered just after the cursor joins the letter before
 * it: move past it so the cursor stays between clusters.
 */
static void
w_field_settle(struct w_field *f)
{
	while (w_field_joins(f, f->cur))
		f->cur++;
}

static enum w_result
w_field_insert(struct w_field *f, wchar_t ch)
{
	w_field_grow(f, 1);
	wmemmove(&f->s[f->cur + 1], &f->s[f->cur], f->len - f->cur + 1);
	f->s[f->cur++] = ch;
	f->len++;
	w_field_settle(f);
	return W_CHANGED;
}

/* Delete the characters from a to b, leaving the cursor at a. */
static enum w_result
w_field_delete(struct w_field *f, size_t a, size_t b)
{
	if (a >= b)
		return W_HANDLED;
	wmemmove(&f->s[a], &f->s[b], f->len - b + 1);
	f->len -= b - a;
	f->cur = a;
	w_field_settle(f);
	return W_CHANGED;
}

/* The start of the word before the cursor, for Ctrl-W. */
static size_t
w_field_word(const struct w_field *f)
{
	size_t	i = f->cur;

	while (i > 0 && iswspace((wint_t)f->s[i - 1]))
		i--;
	while (i > 0 && !iswspace((wint_t)f->s[i - 1]))
		i--;
	return w_field_start(f, i);
}

static enum w_result
w_field_move(struct w_field *f, size_t to)
{
	f->cur = to;
	return W_HANDLED;
}

/* Handle a key: see w.h for which. */
static enum w_result	w_field_edit(struct w_field *, int);

enum w_result
w_field_key(struct w_field *f, int key)
{
	enum w_result	r;

	/* A date given to be changed is typed over, not after; a key that
	 * edits or moves first keeps it, to change a part. */
	if (f->fresh && w_key_printable(key))
		(void)w_field_delete(f, 0, f->len);
	if ((r = w_field_edit(f, key)) != W_IGNORED && r != W_SUBMIT)
		f->fresh = 0;
	return r;
}

void
w_field_fresh(struct w_field *f)
{
	f->fresh = f->len > 0;
}

/* A key of the field's own: text, moving, deleting. */
static enum w_result
w_field_edit(struct w_field *f, int key)
{
	if (w_key_printable(key))
		return w_field_insert(f, (wchar_t)key);
	switch (key) {
	case W_FN | KEY_LEFT:
		return w_field_move(f, w_field_prev(f, f->cur));
	case W_FN | KEY_RIGHT:
		return w_field_move(f, w_field_next(f, f->cur));
	case W_FN | KEY_HOME:
	case W_CTRL('a'):
		return w_field_move(f, 0);
	case W_FN | KEY_END:
	case W_CTRL('e'):
		return w_field_move(f, f->len);
	case W_FN | KEY_BACKSPACE:
	case W_CTRL('h'):
	case 0x7f:
		return w_field_delete(f, w_field_prev(f, f->cur), f->cur);
	case W_FN | KEY_DC:
		return w_field_delete(f, f->cur, w_field_next(f, f->cur));
	case W_CTRL('u'):
		return w_field_delete(f, 0, f->cur);
	case W_CTRL('k'):
		return w_field_delete(f, f->cur, f->len);
	case W_CTRL('w'):
		return w_field_delete(f, w_field_word(f), f->cur);
	case W_FN | KEY_ENTER:
	case '\r':
	case '\n':
		return W_SUBMIT;
	default:
		return W_IGNORED;
	}
}

/* Replace the character in c with its escape. */
static void
w_field_escape(struct w_field_cell *c)
{
	char	*esc;

	esc = text_escape(c->s, 0);
	snprintf(c->s, sizeof c->s, "%s", esc);
	c->width = (int)text_width(esc);
	free(esc);
}

/*
 * Fill c with what is drawn for ch; on says it follows a letter drawn as
 * itself. Returns whether a mark after ch may sit on it.
 */
static int
w_field_cell(wchar_t ch, int on, struct w_field_cell *c)
{
	size_t	n;
	int	mark = w_field_is_mark(ch);

	if ((mark && !on) || (n = w_field_encode(ch, c->s)) == 0) {
		/* The form text_escape() gives the code points it escapes. */
		snprintf(c->s, sizeof c->s, "\\u%0*x",
		    (unsigned)ch <= 0xffff ? 4 : 6, (unsigned)ch);
		c->width = (int)strlen(c->s);
		return 0;
	}
	c->s[n] = '\0';
	if (mark) {
		c->width = 0;
		return 1;
	}
	if (!w_field_raw(ch)) {
		w_field_escape(c);
		return 0;
	}
	c->width = wcwidth(ch);
	return 1;
}

/*
 * Work out what each character draws as; *pw gets the columns before
 * each of them (len + 1 entries, so the last is the whole width).
 */
static struct w_field_cell *
w_field_cells(const struct w_field *f, int **pw)
{
	struct w_field_cell	*c;
	size_t			 i;
	int			 on = 0;

	c = xreallocarray(NULL, f->len + 1, sizeof *c);
	*pw = xreallocarray(NULL, f->len + 1, sizeof **pw);
	(*pw)[0] = 0;
	for (i = 0; i < f->len; i++) {
		on = w_field_cell(f->s[i], on, &c[i]);
		(*pw)[i + 1] = (*pw)[i] + c[i].width;
	}
	return c;
}

/*
 * Is the cursor seen when drawing from left? A marker takes the first
 * column when text is hidden to the left and the last when it is hidden
 * to the right; the cursor needs its cluster's columns, or one at the end.
 */
static int
w_field_fits(const struct w_field *f, const int *pw, size_t left, int cols)
{
	int	lm = left > 0, rm, x, cw;

	x = lm + pw[f->cur] - pw[left];
	if (f->cur == f->len)
		return x + 1 <= cols;
	cw = pw[w_field_next(f, f->cur)] - pw[f->cur];
	rm = lm + pw[f->len] - pw[left] > cols;
	return x + cw <= cols - rm;
}

/*
 * Does everything from left to the end fit, with a column for the cursor
 * after it? That column is kept even when the cursor is elsewhere, or the
 * view would jump by one as the cursor leaves the end.
 */
static int
w_field_all_fits(const struct w_field *f, const int *pw, size_t left,
    int cols)
{
	return (left > 0) + pw[f->len] - pw[left] + 1 <= cols;
}

/*
 * Scroll as little as shows the cursor: left moves back only to fill
 * room freed at the right (text deleted, field wider), so the view does
 * not jump while the cursor moves inside it.
 */
static void
w_field_scroll(struct w_field *f, const int *pw, int cols)
{
	size_t	prev;

	if (f->left > f->cur)
		f->left = f->cur;
	f->left = w_field_start(f, f->left);
	while (f->left > 0) {
		prev = w_field_prev(f, f->left);
		if (!w_field_all_fits(f, pw, prev, cols))
			break;
		f->left = prev;
	}
	while (f->left < f->cur && !w_field_fits(f, pw, f->left, cols))
		f->left = w_field_next(f, f->left);
}

/*
 * Draw the clusters from left that fit in cols columns (less one for the
 * marker when some are hidden), then the markers. Returns the cursor's
 * column. "<" and ">" rather than "…", which a person may type.
 */
static int
w_field_paint(const struct w_field *f, const struct w_field_cell *c,
    const int *pw, WINDOW *win, int y, int x, int cols)
{
	size_t	i, j;
	int	lm = f->left > 0 && cols > 1, rm, at = lm, cx = -1;

	rm = lm + pw[f->len] - pw[f->left] > cols;
	wmove(win, y, x);
	if (lm)
		waddstr(win, "<");
	for (i = f->left; i < f->len; i = j) {
		j = w_field_next(f, i);
		if (at + pw[j] - pw[i] > cols - rm)
			break;
		if (i == f->cur)
			cx = at;
		for (; i < j; i++)
			waddstr(win, c[i].s);
		at = lm + pw[j] - pw[f->left];
	}
	if (cx < 0)
		cx = at;
	if (at < cols - rm)
		mvwhline(win, y, x + at, ' ', cols - rm - at);
	if (rm && cols > lm)
		mvwaddstr(win, y, x + cols - 1, ">");
	return cx < cols ? cx : cols - 1;
}

/* Draw in cols columns at y, x, scrolled so the cursor shows. */
void
w_field_draw(struct w_field *f, WINDOW *win, int y, int x, int cols,
    int focused)
{
	struct w_field_cell	*c;
	int			*pw, cx;

	if (cols <= 0)
		return;
	c = w_field_cells(f, &pw);
	w_field_scroll(f, pw, cols);
	cx = w_field_paint(f, c, pw, win, y, x, cols);
	if (focused) {
		w_cursor.win = win;
		w_cursor.y = y;
		w_cursor.x = x + cx;
	}
	free(c);
	free(pw);
}
