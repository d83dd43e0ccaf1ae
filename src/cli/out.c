/*
 * out.c owns what the command line prints: tables and records for people
 * (aligned, escaped, cut to fit), for scripts as tsv, or as json. Every
 * value passes through text_escape() or the json escaper here, so nothing
 * from the database reaches the terminal raw.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "oneteam/date.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

#define OUT_MAX_WIDTH	60	/* widest column for people */

struct out {
	struct cli	 *cli;
	int		  record;	/* a record of fields, not a table */
	char		 *title;
	char		**cells;	/* rows x ncolumns, escaped */
	size_t		  ncolumns;
	size_t		  nrows;
	int		  json_rows;
};

/* Write s as a json string, escaping anything that is not printable. */
static void
out_json_string(FILE *f, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 cp;
	size_t			 n, i;

	fputc('"', f);
	while (*p != '\0') {
		n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 :
		    (*p >> 3) == 30 ? 4 : 0;
		for (i = 1; i < n; i++)
			if (p[i] == '\0' || (p[i] & 0xc0) != 0x80)
				n = 0;
		if (n == 0 || !text_valid_utf8((const char *)p, n)) {
			fputs("\\ufffd", f);
			p++;
			continue;
		}
		cp = n == 1 ? *p : n == 2 ? (*p & 0x1fu) : n == 3 ?
		    (*p & 0x0fu) : (*p & 0x07u);
		for (i = 1; i < n; i++)
			cp = (cp << 6) | (p[i] & 0x3fu);
		if (cp == '"' || cp == '\\')
			fprintf(f, "\\%c", (int)cp);
		else if (cp == '\n')
			fputs("\\n", f);
		else if (cp == '\t')
			fputs("\\t", f);
		else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
		    cp == 0x2028 || cp == 0x2029 || cp == 0x061c ||
		    cp == 0x200e || cp == 0x200f ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			fprintf(f, "\\u%04x", (unsigned)cp);
		else
			fwrite(p, 1, n, f);
		p += n;
	}
	fputc('"', f);
}

/* "Level of need" as a key for scripts: "level_of_need". */
static char *
out_key(const char *name)
{
	char	*key = xstrdup(name), *p;

	for (p = key; *p != '\0'; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
		else if (*p == ' ' || *p == '-')
			*p = '_';
	}
	return key;
}

static struct out *
out_new(struct cli *cli, const char *title, int record, size_t ncolumns)
{
	struct out	*o = xcalloc(1, sizeof *o);

	o->cli = cli;
	o->record = record;
	o->title = xstrdup(title != NULL ? title : "");
	o->ncolumns = ncolumns;
	if (cli->format == OUT_JSON && cli->in_doc) {
		char *key = out_key(o->title);

		fputs(cli->doc_items > 0 ? ",\n" : "\n", stdout);
		out_json_string(stdout, key);
		free(key);
		fputs(": ", stdout);
	} else if (cli->format == OUT_TSV && cli->in_doc)
		printf("%s# %s\n", cli->doc_items > 0 ? "\n" : "", o->title);
	cli->doc_items++;
	if (cli->format == OUT_JSON)
		fputs(record ? "{" : "[", stdout);
	return o;
}

static void
out_add(struct out *o, const char *const *values)
{
	size_t	i;

	o->cells = xreallocarray(o->cells, (o->nrows + 1) * o->ncolumns,
	    sizeof *o->cells);
	for (i = 0; i < o->ncolumns; i++)
		o->cells[o->nrows * o->ncolumns + i] = xstrdup(values[i] !=
		    NULL ? values[i] : "");
	o->nrows++;
}

struct out *
out_table(struct cli *cli, const char *title, const char *const *columns,
    size_t ncolumns)
{
	struct out	*o = out_new(cli, title, 0, ncolumns);

	out_add(o, columns);
	return o;
}

struct out *
out_record(struct cli *cli, const char *title)
{
	return out_new(cli, title, 1, 2);
}

/* One json object of a table row, keys from the header row. */
static void
out_json_row(struct out *o, const char *const *values)
{
	size_t	i;

	fputs(o->json_rows++ > 0 ? ",\n  {" : "\n  {", stdout);
	for (i = 0; i < o->ncolumns; i++) {
		if (i > 0)
			fputs(", ", stdout);
		out_json_string(stdout, o->cells[i]);
		fputs(": ", stdout);
		if (values[i] == NULL)
			fputs("null", stdout);
		else
			out_json_string(stdout, values[i]);
	}
	fputc('}', stdout);
}

void
out_row(struct out *o, const char *const *values)
{
	if (o->cli->format == OUT_JSON)
		out_json_row(o, values);
	else
		out_add(o, values);
}

void
out_field(struct out *o, const char *label, const char *value)
{
	char		*name = o->cli->format == OUT_HUMAN ? xstrdup(label) :
			    out_key(label);
	const char	*pair[2] = { name, value };

	/* People need not read a list of empty fields. */
	if (o->cli->format == OUT_HUMAN && (value == NULL || *value == '\0'))
		;
	else if (o->cli->format != OUT_JSON)
		out_add(o, pair);
	else {
		fputs(o->json_rows++ > 0 ? ",\n  " : "\n  ", stdout);
		out_json_string(stdout, name);
		fputs(": ", stdout);
		if (value == NULL)
			fputs("null", stdout);
		else
			out_json_string(stdout, value);
	}
	free(name);
}

static void
out_tsv(struct out *o)
{
	size_t	 r, c;
	char	*s;

	for (r = 0; r < o->nrows; r++) {
		for (c = 0; c < o->ncolumns; c++) {
			s = text_escape(o->cells[r * o->ncolumns + c], 0);
			printf("%s%s", c > 0 ? "\t" : "", s);
			free(s);
		}
		putchar('\n');
	}
}

/* The last column of row r with something in it (0 for none). */
static size_t
out_last(const struct out *o, size_t r)
{
	size_t	c = o->ncolumns;

	while (c > 1 && *o->cells[r * o->ncolumns + c - 1] == '\0')
		c--;
	return c - 1;
}

/* Aligned columns for people; a record is "Name:  value" lines. */
static void
out_human(struct out *o)
{
	size_t	*width, r, c, w, last;
	char	*s;

	width = xcalloc(o->ncolumns, sizeof *width);
	for (r = 0; r < o->nrows; r++)
		for (c = 0; c < o->ncolumns; c++) {
			w = text_width(o->cells[r * o->ncolumns + c]);
			if (o->record && c == 0)
				w++;
			if (w > width[c])
				width[c] = w > OUT_MAX_WIDTH && !o->record ?
				    OUT_MAX_WIDTH : w;
		}
	if (o->cli->in_doc && *o->title != '\0' && o->cli->doc_items > 1)
		putchar('\n');
	for (r = 0; r < o->nrows; r++) {
		last = o->record ? 1 : out_last(o, r);
		for (c = 0; c < o->ncolumns; c++) {
			if (o->record && c == 0) {
				s = text_escape(o->cells[r * 2], 0);
				printf("%s:%*s ", s, (int)(width[0] - 1 -
				    text_width(o->cells[r * 2])), "");
				free(s);
				continue;
			}
			if (o->record) {
				s = text_escape(o->cells[r * 2 + 1],
				    TEXT_MULTILINE);
				printf("%s", s);
			} else {
				/* No spaces at the line's end. */
				if (c > last)
					break;
				s = text_fit(o->cells[r * o->ncolumns + c],
				    width[c], c < last);
				printf("%s%s", c > 0 ? "  " : "", s);
			}
			free(s);
		}
		putchar('\n');
	}
	free(width);
}

/* Print a table as text: tab-separated, or laid out for people. */
static void
out_text(struct out *o)
{
	if (o->cli->format == OUT_TSV)
		out_tsv(o);
	else if (o->nrows > (o->record ? 0u : 1u))
		out_human(o);
	else if (!o->record)
		printf("%sNo %s.\n", o->cli->in_doc && o->cli->doc_items > 1 ?
		    "\n" : "", o->title);
}

/* Finish a table: print it (quiet: only the end of what JSON began). */
static void
out_close(struct out *o, int quiet)
{
	size_t	i;

	if (o->cli->format == OUT_JSON) {
		if (o->json_rows > 0)
			putchar('\n');
		fputs(o->record ? "}" : "]", stdout);
	} else if (!quiet)
		out_text(o);
	if (o->cli->format == OUT_JSON && !o->cli->in_doc)
		putchar('\n');
	for (i = 0; i < o->nrows * o->ncolumns; i++)
		free(o->cells[i]);
	free(o->cells);
	free(o->title);
	free(o);
}

void
out_end(struct out *o)
{
	out_close(o, 0);
}

int
out_end_list(struct out *o, int rc, char *cause)
{
	struct cli	*cli = o->cli;

	/* A list refused or failed is not "No entries.": only the why. */
	out_close(o, rc != 0);
	return rc != 0 ? cli_fail(cli, cause) : EXIT_OK;
}

struct cli *
out_cli(struct out *o)
{
	return o->cli;
}

void
out_begin(struct cli *cli)
{
	cli->in_doc = 1;
	cli->doc_items = 0;
	if (cli->format == OUT_JSON)
		fputs("{", stdout);
}

void
out_finish(struct cli *cli)
{
	if (cli->format == OUT_JSON)
		fputs("\n}\n", stdout);
	cli->in_doc = 0;
}

static void
out_vline(const char *fmt, va_list ap)
{
	char	*s, *e;

	xvasprintf(&s, fmt, ap);
	e = text_escape(s, TEXT_MULTILINE);
	puts(e);
	free(e);
	free(s);
}

void
out_say(struct cli *cli, const char *fmt, ...)
{
	va_list	 ap;

	if (cli->format != OUT_HUMAN)
		return;
	va_start(ap, fmt);
	out_vline(fmt, ap);
	va_end(ap);
}

void
out_line(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	out_vline(fmt, ap);
	va_end(ap);
}

const char *
cli_time(struct cli *cli, int64_t ms)
{
	static char	buf[4][32];
	static int	next;
	char		*b = buf[next++ % 4];

	if (ms == 0)
		return "";
	if (cli->format == OUT_HUMAN)
		time_format(ms, b, sizeof buf[0]);
	else
		time_format_iso(ms, b, sizeof buf[0]);
	return b;
}

const char *
cli_date(struct cli *cli, const char *iso)
{
	static char	buf[4][32];
	static int	next;
	char		*b = buf[next++ % 4];

	if (iso == NULL || *iso == '\0')
		return "";
	if (cli->format != OUT_HUMAN)
		return iso;
	date_format(iso, b, sizeof buf[0]);
	return b;
}

const char *
cli_int(int64_t v)
{
	static char	buf[4][32];
	static int	next;
	char		*b = buf[next++ % 4];

	snprintf(b, sizeof buf[0], "%lld", (long long)v);
	return b;
}

char *
cli_labels(struct cli *cli, enum ref_list list, const char *codes)
{
	if (codes == NULL)
		return NULL;
	if (cli->format != OUT_HUMAN)
		return xstrdup(codes);
	return refdata_labels(cli->ot.rd, list, codes);
}

const char *
cli_label(struct cli *cli, enum ref_list list, const char *code)
{
	if (cli->format != OUT_HUMAN && code != NULL &&
	    refdata_find(cli->ot.rd, list, code) == NULL)
		return code;
	return refdata_label(cli->ot.rd, list, code);
}
