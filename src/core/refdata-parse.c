/*
 * refdata-parse.c reads the text of one reference list, a built-in one or
 * a council's file alike: a header line, then one entry a line, fields
 * separated by tabs, blank lines and lines starting with # passed over,
 * a byte order mark and CRLF line ends allowed. refdata-check.c says
 * whether each line is right; the first fault stops the reading.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/xmalloc.h"
#include "refdata-private.h"

/* Split a line at its tabs into at most max trimmed fields; return how many. */
static unsigned int
refdata_parse_split(const char *line, char **fields, unsigned int max)
{
	const char	*p, *tab;
	unsigned int	 n = 0;

	for (p = line;; p = tab + 1) {
		tab = strchr(p, '\t');
		if (n < max)
			fields[n] = refdata_trim(p, tab == NULL ?
			    strlen(p) : (size_t)(tab - p));
		n++;
		if (tab == NULL)
			break;
	}
	return n;
}

static void
refdata_parse_free_fields(char **fields, unsigned int n)
{
	unsigned int	i;

	for (i = 0; i < n && i < REFDATA_MAX_COLUMNS; i++)
		free(fields[i]);
}

/* Check an entry line and add it to the list. */
static int
refdata_parse_entry(struct refdata_parse *rp, char **fields, unsigned int n,
    unsigned int lineno, char **cause)
{
	struct ref_item	*item;
	unsigned int	 i;

	if (refdata_check_entry(rp, fields, n, lineno, cause) != 0)
		return -1;
	if (rp->out->n == rp->size) {
		rp->size = rp->size == 0 ? 16 : rp->size * 2;
		rp->out->items = xreallocarray(rp->out->items, rp->size,
		    sizeof *rp->out->items);
		rp->lines = xreallocarray(rp->lines, rp->size,
		    sizeof *rp->lines);
	}
	rp->lines[rp->out->n] = lineno;
	item = &rp->out->items[rp->out->n++];
	memset(item, 0, sizeof *item);
	item->code = fields[0];
	item->label = fields[1];
	for (i = 2; i < n; i++)
		item->extra[i - 2] = fields[i];
	for (i = 0; i < n; i++)
		fields[i] = NULL;	/* now owned by the item */
	return 0;
}

/* Parse one line, without its newline. */
static int
refdata_parse_line(struct refdata_parse *rp, const char *line,
    unsigned int lineno, char **cause)
{
	char		*fields[REFDATA_MAX_COLUMNS];
	const char	*p;
	unsigned int	 n;
	int		 error;

	for (p = line; *p == ' ' || *p == '\t'; p++)
		/* nothing */;
	if (*p == '\0' || *p == '#')
		return 0;

	n = refdata_parse_split(line, fields, REFDATA_MAX_COLUMNS);
	if (!rp->header) {
		error = refdata_check_header(rp, fields, n, lineno, cause);
		rp->header = 1;
	} else
		error = refdata_parse_entry(rp, fields, n, lineno, cause);
	refdata_parse_free_fields(fields, n);
	return error;
}

/* Parse a whole list file (refdata-private.h). */
int
refdata_parse(enum ref_list list, const char *file, const char *text,
    size_t len, struct refdata_list *out, char **cause)
{
	struct refdata_parse	 rp;
	const char		*eol;
	char			*line;
	size_t			 n;
	unsigned int		 lineno = 0;
	int			 error = 0;

	memset(&rp, 0, sizeof rp);
	rp.list = list;
	rp.file = file;
	rp.out = out;

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;	/* a byte order mark, as spreadsheets write */
		len -= 3;
	}
	while (len > 0 && error == 0) {
		lineno++;
		eol = memchr(text, '\n', len);
		n = eol == NULL ? len : (size_t)(eol - text);
		if (memchr(text, '\0', n) != NULL) {
			*cause = xprintf("%s line %u: contains a NUL byte",
			    file, lineno);
			error = -1;
			break;
		}
		line = xstrndup(text, n > 0 && text[n - 1] == '\r' ? n - 1 : n);
		error = refdata_parse_line(&rp, line, lineno, cause);
		free(line);
		n = eol == NULL ? n : n + 1;
		text += n;
		len -= n;
	}
	if (error == 0)
		error = refdata_check_list(&rp, cause);
	free(rp.lines);
	if (error != 0)
		refdata_free_list(out);
	return error;
}
