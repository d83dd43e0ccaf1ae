/*
 * export-text.c lays out the text of an export for a page of EXPORT_WIDTH
 * columns: everything is escaped first (text_escape()), then wrapped at
 * spaces, a word longer than a line cut, with labels in a column of their
 * own. It knows nothing of families.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/date.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "export-private.h"

/* Where the values of a field start: "  Lead professional:  ". */
#define LABEL_WIDTH	22

/* The bytes of the UTF-8 character at s (escaped text is valid). */
static size_t
export_text_charlen(const char *s)
{
	unsigned char	c = (unsigned char)*s;
	size_t		n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2, i;

	for (i = 1; i < n; i++)
		if (s[i] == '\0')
			return i;
	return n;
}

/* Columns of the len bytes at s. */
static size_t
export_text_width(const char *s, size_t len)
{
	char	*t = xstrndup(s, len);
	size_t	 w = text_width(t);

	free(t);
	return w;
}

/*
 * Write a word longer than a line, cut between characters, going on to
 * new lines of indent. *col is the column reached.
 */
static void
export_text_cut(FILE *f, const char *w, size_t len, size_t indent, size_t *col)
{
	size_t	n, cw;

	while (len > 0) {
		n = export_text_charlen(w);
		cw = export_text_width(w, n);
		if (*col + cw > EXPORT_WIDTH && *col > indent) {
			fprintf(f, "\n%*s", (int)indent, "");
			*col = indent;
		}
		fwrite(w, 1, n, f);
		*col += cw;
		w += n;
		len -= n;
	}
}

/*
 * Write one line of escaped text from column col, breaking it between
 * words to fit EXPORT_WIDTH; lines after the first start at indent.
 */
static void
export_text_wrap(FILE *f, const char *s, size_t col, size_t indent)
{
	const char	*q;
	size_t		 w, start = col;

	for (;;) {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		for (q = s; *q != '\0' && *q != ' '; q++)
			;
		w = export_text_width(s, (size_t)(q - s));
		if (col > start && col + 1 + w > EXPORT_WIDTH) {
			fprintf(f, "\n%*s", (int)indent, "");
			col = start = indent;
		}
		if (col > start) {
			fputc(' ', f);
			col++;
		}
		if (col + w > EXPORT_WIDTH)
			export_text_cut(f, s, (size_t)(q - s), indent, &col);
		else {
			fwrite(s, 1, (size_t)(q - s), f);
			col += w;
		}
		s = q;
	}
	fputc('\n', f);
}

/*
 * Write text from the records (may be several lines), escaped and
 * wrapped to fit: first (our own words, NULL: indent spaces) starts the
 * first line, and every line after starts at indent.
 */
void
export_text(FILE *f, const char *first, size_t indent, const char *text)
{
	char	*e = text_escape(text != NULL ? text : "", TEXT_MULTILINE);
	char	*line, *next;
	size_t	 col = indent;

	if (first != NULL) {
		fputs(first, f);
		col = text_width(first);
	} else
		fprintf(f, "%*s", (int)indent, "");
	for (line = e; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (line != e) {
			fprintf(f, "%*s", (int)indent, "");
			col = indent;
		}
		export_text_wrap(f, line, col, indent);
	}
	free(e);
}

/* A paragraph of text put together with printf (export-private.h). */
void
export_text_para(FILE *f, size_t indent, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	export_text(f, NULL, indent, s);
	free(s);
}

/* "  Label:" and a value after it; nothing when the value is empty. */
void
export_text_field(FILE *f, const char *label, const char *value)
{
	char	*l, *p;

	if (value == NULL || *value == '\0')
		return;
	l = xprintf("  %s:", label);
	p = xprintf("%-*s", LABEL_WIDTH, l);
	export_text(f, p, LABEL_WIDTH, value);
	free(p);
	free(l);
}

void
export_text_heading(FILE *f, const char *title)
{
	fprintf(f, "\n%s\n", title);
}

/* A stored ISO date as people read it, into buf (32). */
const char *
export_text_date(const char *iso, char *buf)
{
	if (iso == NULL || *iso == '\0')
		return "";
	date_format(iso, buf, 32);
	return buf;
}
