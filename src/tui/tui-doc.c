/*
 * tui-doc.c: a document of rows shown with a cursor, for everything the
 * screens show as read: the tabs of a family, referrals, my day, help. A
 * row is either a line of cells under the document's column headings or a
 * paragraph wrapped at words to the width it is drawn at. Each row may
 * stand for a record (a kind and an id), so a key can act on the record
 * under the cursor.
 *
 * The cursor moves over lines as drawn; the layout is made again on each
 * draw, so a resize rewraps at once and keys use the last layout.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "tui.h"

#define DOC_MAXCOLS	8

struct doc_row {
	char		*cells[DOC_MAXCOLS];	/* a line of cells, or */
	char		*text;			/* a paragraph */
	int		 indent;
	int		 look;
	int		 kind;
	struct id	 id;
};

/* A line as drawn: a row, and for a paragraph the bytes of it shown. */
struct doc_line {
	size_t	row;
	size_t	start;
	size_t	len;
};

struct tui_doc {
	struct tui_col	 cols[DOC_MAXCOLS];
	size_t		 ncols;
	struct doc_row	*rows;
	size_t		 nrows;
	struct doc_line	*lines;
	size_t		 nlines;
	int		 width;		/* the layout's */
	struct w_list	 list;
	int		 want;		/* a kind to put the cursor on */
};

struct tui_doc *
tui_doc_new(void)
{
	return xcalloc(1, sizeof(struct tui_doc));
}

void
tui_doc_clear(struct tui_doc *d)
{
	size_t	i, c;

	for (i = 0; i < d->nrows; i++) {
		for (c = 0; c < DOC_MAXCOLS; c++)
			free(d->rows[i].cells[c]);
		free(d->rows[i].text);
	}
	free(d->rows);
	d->rows = NULL;
	d->nrows = 0;
	d->ncols = 0;
	d->width = 0;	/* lay out again */
}

void
tui_doc_free(struct tui_doc *d)
{
	if (d == NULL)
		return;
	tui_doc_clear(d);
	free(d->lines);
	free(d);
}

void
tui_doc_columns(struct tui_doc *d, const struct tui_col *cols, size_t n)
{
	if (n > DOC_MAXCOLS)
		n = DOC_MAXCOLS;
	memcpy(d->cols, cols, n * sizeof *cols);
	d->ncols = n;
}

static struct doc_row *
tui_doc_add(struct tui_doc *d, int look, int kind, const struct id *id)
{
	struct doc_row	*r;

	d->rows = xreallocarray(d->rows, d->nrows + 1, sizeof *d->rows);
	r = &d->rows[d->nrows++];
	memset(r, 0, sizeof *r);
	r->look = look;
	r->kind = kind;
	if (id != NULL)
		r->id = *id;
	d->width = 0;
	return r;
}

void
tui_doc_row(struct tui_doc *d, int look, int kind, const struct id *id,
    const char *const *cells)
{
	struct doc_row	*r = tui_doc_add(d, look, kind, id);
	size_t		 c;

	for (c = 0; c < d->ncols; c++)
		r->cells[c] = xstrdup(cells[c] != NULL ? cells[c] : "");
}

void
tui_doc_text(struct tui_doc *d, int look, int kind, const struct id *id,
    int indent, const char *text)
{
	struct doc_row	*r = tui_doc_add(d, look, kind, id);

	/* Escaped once here: the layout measures what will be drawn. */
	r->text = text_escape(text != NULL ? text : "", TEXT_MULTILINE);
	r->indent = indent;
}

void
tui_doc_textf(struct tui_doc *d, int look, int indent, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	tui_doc_text(d, look, 0, NULL, indent, s);
	free(s);
}

/* --- layout ----------------------------------------------------------------- */

static void
tui_doc_line(struct tui_doc *d, size_t row, size_t start, size_t len)
{
	d->lines = xreallocarray(d->lines, d->nlines + 1, sizeof *d->lines);
	d->lines[d->nlines].row = row;
	d->lines[d->nlines].start = start;
	d->lines[d->nlines].len = len;
	d->nlines++;
}

/*
 * Bytes of s (up to a newline) that fit in cols columns, broken after the
 * last space that fits; a word longer than the line is broken where it
 * must. *next is where the following line starts.
 */
static size_t
tui_doc_fit(const char *s, int cols, size_t *next)
{
	mbstate_t	ps;
	size_t		i = 0, brk = 0, n;
	int		used = 0, cw;
	wchar_t		wc;

	memset(&ps, 0, sizeof ps);
	while (s[i] != '\0' && s[i] != '\n') {
		n = mbrtowc(&wc, s + i, MB_CUR_MAX, &ps);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			n = 1;
			cw = 1;
			memset(&ps, 0, sizeof ps);
		} else if ((cw = wcwidth(wc)) < 0)
			cw = 1;
		if (used + cw > cols && i > 0)
			break;
		used += cw;
		i += n;
		if (wc == L' ')
			brk = i;
	}
	if (s[i] == '\n') {
		*next = i + 1;
		return i;
	}
	if (s[i] == '\0' || brk == 0) {
		*next = i;
		return i;
	}
	*next = brk;
	return brk;
}

static void
tui_doc_wrap(struct tui_doc *d, size_t row, int cols)
{
	const char	*s = d->rows[row].text;
	size_t		 at = 0, len, next;

	if (cols < 1)
		cols = 1;
	do {
		len = tui_doc_fit(s + at, cols, &next);
		tui_doc_line(d, row, at, len);
		at += next;
	} while (s[at] != '\0');
}

static void
tui_doc_layout(struct tui_doc *d, int w)
{
	size_t	i;

	if (d->width == w && d->lines != NULL)
		return;
	d->nlines = 0;
	for (i = 0; i < d->nrows; i++) {
		if (d->rows[i].text != NULL)
			tui_doc_wrap(d, i, w - d->rows[i].indent);
		else
			tui_doc_line(d, i, 0, 0);
	}
	d->width = w;
	w_list_set(&d->list, d->nlines);
	for (i = 0; d->want != 0 && i < d->nlines; i++)
		if (d->rows[d->lines[i].row].kind == d->want) {
			d->list.cur = i;
			break;
		}
	d->want = 0;
}

/* --- drawing and keys -------------------------------------------------------- */

void
tui_doc_draw(struct tui_doc *d, WINDOW *win, int y, int h, int w)
{
	const char	*titles[DOC_MAXCOLS];
	size_t		 i, c;
	int		 top = y;

	if (d->ncols > 0) {
		for (c = 0; c < d->ncols; c++)
			titles[c] = d->cols[c].title;
		tui_columns(win, y, w, d->cols, d->ncols, titles,
		    tui_look(LOOK_HEADING));
		top++;
		h--;
	}
	tui_doc_layout(d, w);
	w_list_fit(&d->list, h);
	for (i = d->list.top; i < d->nlines && (int)(i - d->list.top) < h;
	    i++) {
		const struct doc_line	*l = &d->lines[i];
		const struct doc_row	*r = &d->rows[l->row];
		int			 look = i == d->list.cur ?
		    tui_look(LOOK_CURSOR) : r->look;
		int			 ly = top + (int)(i - d->list.top);

		if (r->text == NULL) {
			tui_columns(win, ly, w, d->cols, d->ncols,
			    (const char *const *)r->cells, look);
			continue;
		}
		{
			char *part = xstrndup(r->text + l->start, l->len);

			w_text(win, ly, 0, r->indent, "", look);
			w_text(win, ly, r->indent, w - r->indent, part, look);
			free(part);
		}
	}
}

enum w_result
tui_doc_key(struct tui_doc *d, int key)
{
	return w_list_key(&d->list, key);
}

int
tui_doc_selected(const struct tui_doc *d, int *kind, struct id *id)
{
	const struct doc_row	*r;

	if (d->nlines == 0 || d->list.cur >= d->nlines)
		return 0;
	r = &d->rows[d->lines[d->list.cur].row];
	if (r->kind == 0)
		return 0;
	*kind = r->kind;
	*id = r->id;
	return 1;
}

void
tui_doc_top(struct tui_doc *d)
{
	d->list.cur = d->list.top = 0;
}

void
tui_doc_cursor_to(struct tui_doc *d, int kind)
{
	d->want = kind;
	d->width = 0;	/* lay out again, and go there */
}
