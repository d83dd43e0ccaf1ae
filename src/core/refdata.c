/*
 * refdata.c owns the reference lists: what roles, agencies, contact kinds,
 * red flags, needs, levels of need, services and reasons a record may name.
 *
 * Each list is a small UTF-8 TSV text: a header line, then one entry a line.
 * The built-in lists are the .tsv files in share/oneteam compiled into the
 * binary (refdata-builtin.c, made by build-aux/embed-tsv.sh); a council may
 * replace any list with its own file. Both go through the one parser below,
 * so what the binary ships is checked exactly as a council's file is.
 *
 * Codes are stored in records, so they are plain snake_case ASCII and must
 * be unique; labels are what people read. Some lists carry rules the rest of
 * oneteam relies on (levels are 1 to 4, the national end reasons exist) and
 * those are checked here, once, when the lists are loaded.
 *
 * This file does not know where override files come from (config.c) nor
 * how the lists are shown.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/refdata.h"
#include "oneteam/xmalloc.h"
#include "refdata-builtin.h"

#define REFDATA_MAX_FILE	(1024 * 1024)	/* bytes in a list file */
#define REFDATA_MAX_CODE	40		/* bytes in a code */
#define REFDATA_MAX_LABEL	200		/* bytes in a label */
#define REFDATA_MAX_TEXT	1000		/* bytes in a response */
#define REFDATA_MAX_COLUMNS	4

/* One loaded list. */
struct refdata_list {
	struct ref_item	*items;
	size_t		 n;
};

struct refdata {
	struct refdata_list	lists[REF_NLISTS];
};

/* How each list is named, spoken of and laid out. */
struct refdata_spec {
	const char	*name;		/* configuration key: "red_flags" */
	const char	*file;		/* built-in file: "red-flags.tsv" */
	const char	*what;		/* one entry, in people's words */
	unsigned int	 ncolumns;
	const char	*columns[REFDATA_MAX_COLUMNS];
	unsigned int	 optional;	/* last columns a file may leave out */
};

static const struct refdata_spec refdata_specs[REF_NLISTS] = {
	[REF_ROLES] = { "roles", "roles.tsv", "role",
	    2, { "code", "label" } },
	[REF_AGENCIES] = { "agencies", "agencies.tsv", "agency",
	    2, { "code", "label" } },
	/* concern: yes for a kind the huddle hears of (a child not
	 * brought); a list of code and label alone has none. */
	[REF_CONTACT_KINDS] = { "contact_kinds", "contact-kinds.tsv",
	    "contact kind", 3, { "code", "label", "concern" }, 1 },
	[REF_RED_FLAGS] = { "red_flags", "red-flags.tsv", "red flag",
	    4, { "code", "label", "severity", "response" } },
	[REF_NEEDS] = { "needs", "needs.tsv", "need",
	    2, { "code", "label" } },
	[REF_LEVELS] = { "levels", "levels.tsv", "level of need",
	    2, { "code", "label" } },
	[REF_SERVICES] = { "services", "services.tsv", "service",
	    2, { "code", "label" } },
	[REF_INVOLVEMENT] = { "involvement", "involvement.tsv",
	    "reason for involvement", 2, { "code", "label" } },
	[REF_END_REASONS] = { "end_reasons", "end-reasons.tsv", "end reason",
	    2, { "code", "label" } },
	[REF_RELATIONSHIPS] = { "relationships", "relationships.tsv",
	    "relationship", 2, { "code", "label" } },
};

/* The national reasons an episode closes; reports count them by code. */
static const char *const refdata_end_reasons[] = {
	"outcomes_met", "stepped_up", "stepped_down", "no_further_action",
	"moved_away", "declined"
};

static const char *const refdata_severities[] = { "high", "medium", "low" };
static const char *const refdata_yes_no[] = { "yes", "no" };

/* Where the parser is: which list, which file, what it has read so far. */
struct refdata_parse {
	enum ref_list		 list;
	const char		*file;		/* for messages */
	struct refdata_list	*out;
	unsigned int		*lines;		/* line of each item */
	size_t			 size;		/* allocated items */
	int			 header;	/* header line seen */
	unsigned int		 ncolumns;	/* as the header has them */
};

const char *
refdata_list_name(enum ref_list list)
{
	if ((unsigned int)list >= REF_NLISTS)
		return "unknown";
	return refdata_specs[list].name;
}

/* ASCII lower case, so that the locale cannot change a look-up. */
static int
refdata_lower(int ch)
{
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A' + 'a';
	return ch;
}

static int
refdata_casecmp(const char *a, const char *b)
{
	const unsigned char	*p = (const unsigned char *)a;
	const unsigned char	*q = (const unsigned char *)b;

	while (*p != '\0' && refdata_lower(*p) == refdata_lower(*q)) {
		p++;
		q++;
	}
	return refdata_lower(*p) - refdata_lower(*q);
}

static int
refdata_has_prefix(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++) {
		if (refdata_lower((unsigned char)*s) !=
		    refdata_lower((unsigned char)*prefix))
			return 0;
	}
	return 1;
}

/* A new copy of the len bytes at s without spaces at either end. */
static char *
refdata_trim(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return xstrndup(s, len);
}

/*
 * Is s valid UTF-8 (no overlongs, surrogates or bytes past U+10FFFF) with
 * no control characters, C0, DEL or C1?
 */
static int
refdata_clean_text(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c, min;
	unsigned int		 n, i;

	while (*p != '\0') {
		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f)
				return 0;
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf) {
			n = 2; c = *p & 0x1f; min = 0x80;
		} else if (*p >= 0xe0 && *p <= 0xef) {
			n = 3; c = *p & 0x0f; min = 0x800;
		} else if (*p >= 0xf0 && *p <= 0xf4) {
			n = 4; c = *p & 0x07; min = 0x10000;
		} else
			return 0;
		for (i = 1; i < n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (p[i] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ||
		    (c >= 0x80 && c <= 0x9f))
			return 0;
		p += n;
	}
	return 1;
}

/* Is s a code: lowercase ASCII words of letters and digits joined by _? */
static int
refdata_valid_code(const char *s)
{
	const char	*p;

	if (*s == '\0' || *s == '_' || strlen(s) > REFDATA_MAX_CODE)
		return 0;
	for (p = s; *p != '\0'; p++) {
		if (*p == '_') {
			if (p[1] == '_' || p[1] == '\0')
				return 0;
		} else if (!(*p >= 'a' && *p <= 'z') &&
		    !(*p >= '0' && *p <= '9'))
			return 0;
	}
	return 1;
}

static int
refdata_one_of(const char *s, const char *const *set, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(s, set[i]) == 0)
			return 1;
	}
	return 0;
}

static void
refdata_free_item(struct ref_item *item)
{
	free(item->code);
	free(item->label);
	free(item->extra[0]);
	free(item->extra[1]);
}

static void
refdata_free_list(struct refdata_list *rl)
{
	size_t	i;

	for (i = 0; i < rl->n; i++)
		refdata_free_item(&rl->items[i]);
	free(rl->items);
	rl->items = NULL;
	rl->n = 0;
}

/* Split a line at its tabs into at most max trimmed fields; return how many. */
static unsigned int
refdata_split(const char *line, char **fields, unsigned int max)
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
refdata_free_fields(char **fields, unsigned int n)
{
	unsigned int	i;

	for (i = 0; i < n && i < REFDATA_MAX_COLUMNS; i++)
		free(fields[i]);
}

/* The first n expected columns as "code, label, ...", for messages. */
static char *
refdata_columns(const struct refdata_spec *spec, unsigned int n)
{
	char	*s, *t;
	unsigned int	 i;

	s = xstrdup(spec->columns[0]);
	for (i = 1; i < n; i++) {
		xasprintf(&t, "%s, %s", s, spec->columns[i]);
		free(s);
		s = t;
	}
	return s;
}

/* Check the header line: the expected column names, in order. */
static int
refdata_check_header(struct refdata_parse *rp, char **fields,
    unsigned int n, unsigned int lineno, char **cause)
{
	const struct refdata_spec	*spec = &refdata_specs[rp->list];
	char				*columns;
	unsigned int			 i;

	for (i = 0; i < n && i < spec->ncolumns; i++) {
		if (refdata_casecmp(fields[i], spec->columns[i]) != 0)
			break;
	}
	if (n <= spec->ncolumns && n >= spec->ncolumns - spec->optional &&
	    i == n) {
		rp->ncolumns = n;
		return 0;
	}
	columns = refdata_columns(spec, spec->ncolumns);
	*cause = xprintf("%s line %u: the first line must be the header "
	    "\"%s\" (separated by tabs)%s", rp->file, lineno, columns,
	    spec->optional != 0 ? ", the last may be left out" : "");
	free(columns);
	return -1;
}

/* Check one piece of text (label or response) of an entry. */
static int
refdata_check_text(struct refdata_parse *rp, const char *column,
    const char *s, size_t max, unsigned int lineno, char **cause)
{
	if (*s == '\0') {
		*cause = xprintf("%s line %u: the %s is empty", rp->file,
		    lineno, column);
		return -1;
	}
	if (!refdata_clean_text(s)) {
		*cause = xprintf("%s line %u: the %s is not valid UTF-8 or "
		    "has control characters", rp->file, lineno, column);
		return -1;
	}
	if (strlen(s) > max) {
		*cause = xprintf("%s line %u: the %s is longer than %zu bytes",
		    rp->file, lineno, column, max);
		return -1;
	}
	return 0;
}

/* Check that the code and label of a new entry are not already used. */
static int
refdata_check_unique(struct refdata_parse *rp, char **fields,
    unsigned int lineno, char **cause)
{
	const struct ref_item	*item;
	size_t			 i;

	for (i = 0; i < rp->out->n; i++) {
		item = &rp->out->items[i];
		if (strcmp(item->code, fields[0]) == 0) {
			*cause = xprintf("%s line %u: code \"%s\" is already "
			    "used on line %u", rp->file, lineno, fields[0],
			    rp->lines[i]);
			return -1;
		}
		if (refdata_casecmp(item->label, fields[1]) == 0) {
			*cause = xprintf("%s line %u: label \"%s\" is already "
			    "used on line %u", rp->file, lineno, fields[1],
			    rp->lines[i]);
			return -1;
		}
	}
	return 0;
}

/* Rules of particular lists that apply to one entry. */
static int
refdata_check_rules(struct refdata_parse *rp, char **fields,
    unsigned int lineno, char **cause)
{
	char	want[8];

	if (rp->list == REF_LEVELS) {
		snprintf(want, sizeof want, "%zu", rp->out->n + 1);
		if (rp->out->n >= 4 || strcmp(fields[0], want) != 0) {
			*cause = xprintf("%s line %u: level \"%s\" is not "
			    "expected here (levels are exactly 1, 2, 3, 4, in "
			    "that order)", rp->file, lineno, fields[0]);
			return -1;
		}
	}
	if (rp->list == REF_CONTACT_KINDS && rp->ncolumns > 2 &&
	    !refdata_one_of(fields[2], refdata_yes_no, 2)) {
		*cause = xprintf("%s line %u: concern \"%s\" is not yes or "
		    "no", rp->file, lineno, fields[2]);
		return -1;
	}
	if (rp->list == REF_RED_FLAGS) {
		if (!refdata_one_of(fields[2], refdata_severities, 3)) {
			*cause = xprintf("%s line %u: severity \"%s\" is not "
			    "one of high, medium, low", rp->file, lineno,
			    fields[2]);
			return -1;
		}
		if (refdata_check_text(rp, "response", fields[3],
		    REFDATA_MAX_TEXT, lineno, cause) != 0)
			return -1;
	}
	return 0;
}

/* Check an entry line and add it to the list. */
static int
refdata_add_entry(struct refdata_parse *rp, char **fields, unsigned int n,
    unsigned int lineno, char **cause)
{
	const struct refdata_spec	*spec = &refdata_specs[rp->list];
	struct ref_item			*item;
	char				*columns;
	unsigned int			 i;

	if (n != rp->ncolumns) {
		columns = refdata_columns(spec, rp->ncolumns);
		*cause = xprintf("%s line %u: %u columns where %u were "
		    "expected (%s, separated by tabs)", rp->file, lineno, n,
		    rp->ncolumns, columns);
		free(columns);
		return -1;
	}
	if (!refdata_valid_code(fields[0])) {
		*cause = xprintf("%s line %u: code \"%s\" is not snake_case "
		    "(lowercase letters and digits joined by _, at most %d)",
		    rp->file, lineno, fields[0], REFDATA_MAX_CODE);
		return -1;
	}
	if (refdata_check_text(rp, "label", fields[1], REFDATA_MAX_LABEL,
	    lineno, cause) != 0 || refdata_check_rules(rp, fields, lineno,
	    cause) != 0 || refdata_check_unique(rp, fields, lineno, cause) != 0)
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

	n = refdata_split(line, fields, REFDATA_MAX_COLUMNS);
	if (!rp->header) {
		error = refdata_check_header(rp, fields, n, lineno, cause);
		rp->header = 1;
	} else
		error = refdata_add_entry(rp, fields, n, lineno, cause);
	refdata_free_fields(fields, n);
	return error;
}

/* The item of a list with this exact code, or NULL. */
static const struct ref_item *
refdata_find_in(const struct refdata_list *rl, const char *code)
{
	size_t	i;

	for (i = 0; i < rl->n; i++) {
		if (strcmp(rl->items[i].code, code) == 0)
			return &rl->items[i];
	}
	return NULL;
}

/* Rules of particular lists that apply to the whole list. */
static int
refdata_check_list(struct refdata_parse *rp, char **cause)
{
	const char	*what = refdata_specs[rp->list].what;
	size_t		 i, n = sizeof refdata_end_reasons /
			     sizeof refdata_end_reasons[0];

	if (!rp->header) {
		*cause = xprintf("%s: no header line (the file is empty)",
		    rp->file);
		return -1;
	}
	if (rp->out->n == 0) {
		*cause = xprintf("%s: no entries (at least one %s is needed)",
		    rp->file, what);
		return -1;
	}
	if (rp->list == REF_LEVELS && rp->out->n != 4) {
		*cause = xprintf("%s: %zu levels where 4 were expected "
		    "(levels are 1, 2, 3, 4)", rp->file, rp->out->n);
		return -1;
	}
	for (i = 0; rp->list == REF_END_REASONS && i < n; i++) {
		if (refdata_find_in(rp->out, refdata_end_reasons[i]) == NULL) {
			*cause = xprintf("%s: end reason \"%s\" is missing "
			    "(the national end reasons outcomes_met, "
			    "stepped_up, stepped_down, no_further_action, "
			    "moved_away and declined must all be there)",
			    rp->file, refdata_end_reasons[i]);
			return -1;
		}
	}
	return 0;
}

/*
 * Parse the len bytes of text, a whole list file, into *out. The file name
 * is only for messages.
 */
static int
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

/* Read a whole list file into a new buffer; *len is its size. */
static char *
refdata_read_file(const char *path, size_t *len, char **cause)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 size = 0, n;

	if ((f = fopen(path, "rb")) == NULL) {
		*cause = xprintf("cannot read reference list %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	*len = 0;
	do {
		if (*len == size) {
			size = size == 0 ? 8192 : size * 2;
			buf = xreallocarray(buf, size, 1);
		}
		n = fread(buf + *len, 1, size - *len, f);
		*len += n;
	} while (n != 0 && *len <= REFDATA_MAX_FILE);
	if (ferror(f)) {
		*cause = xprintf("cannot read reference list %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	if (*len > REFDATA_MAX_FILE) {
		*cause = xprintf("%s: larger than %d bytes, not a reference "
		    "list", path, REFDATA_MAX_FILE);
		goto fail;
	}
	fclose(f);
	return buf;

fail:
	fclose(f);
	free(buf);
	return NULL;
}

/* The text of a built-in list: its lines joined again. */
static char *
refdata_builtin_text(enum ref_list list, size_t *len)
{
	const char *const	*lines = refdata_builtin[list];
	char			*buf;
	size_t			 i, n, off;

	for (i = 0, n = 0; lines[i] != NULL; i++)
		n += strlen(lines[i]) + 1;
	buf = xmalloc(n + 1);
	for (i = 0, off = 0; lines[i] != NULL; i++) {
		n = strlen(lines[i]);
		memcpy(buf + off, lines[i], n);
		off += n;
		buf[off++] = '\n';
	}
	buf[off] = '\0';
	*len = off;
	return buf;
}

/* Load one list from path, or the built-in list when path is NULL. */
static int
refdata_load_list(struct refdata *rd, enum ref_list list, const char *path,
    char **cause)
{
	char	*text, *name;
	size_t	 len;
	int	 error;

	if (path == NULL) {
		text = refdata_builtin_text(list, &len);
		name = xprintf("built-in %s", refdata_specs[list].file);
	} else {
		if ((text = refdata_read_file(path, &len, cause)) == NULL)
			return -1;
		name = xstrdup(path);
	}
	error = refdata_parse(list, name, text, len, &rd->lists[list], cause);
	free(name);
	free(text);
	return error;
}

struct refdata *
refdata_load(const char *const paths[REF_NLISTS], char **cause)
{
	struct refdata	*rd;
	unsigned int	 i;

	rd = xcalloc(1, sizeof *rd);
	for (i = 0; i < REF_NLISTS; i++) {
		if (refdata_load_list(rd, i, paths == NULL ? NULL : paths[i],
		    cause) != 0) {
			refdata_free(rd);
			return NULL;
		}
	}
	return rd;
}

void
refdata_free(struct refdata *rd)
{
	unsigned int	i;

	if (rd == NULL)
		return;
	for (i = 0; i < REF_NLISTS; i++)
		refdata_free_list(&rd->lists[i]);
	free(rd);
}

size_t
refdata_count(const struct refdata *rd, enum ref_list list)
{
	return rd->lists[list].n;
}

const struct ref_item *
refdata_item(const struct refdata *rd, enum ref_list list, size_t i)
{
	if (i >= rd->lists[list].n)
		return NULL;
	return &rd->lists[list].items[i];
}

const struct ref_item *
refdata_find(const struct refdata *rd, enum ref_list list, const char *code)
{
	if (code == NULL)
		return NULL;
	return refdata_find_in(&rd->lists[list], code);
}

const char *
refdata_label(const struct refdata *rd, enum ref_list list, const char *code)
{
	const struct ref_item	*item;

	if (code == NULL)
		return "";
	if ((item = refdata_find(rd, list, code)) == NULL)
		return code;
	return item->label;
}

/* "a, b or c" from the codes of the chosen items (all when chosen is NULL). */
static char *
refdata_codes(const struct refdata_list *rl, const int *chosen,
    const char *last)
{
	char	*s = NULL, *t;
	size_t	 i, n = 0, left = 0;

	for (i = 0; i < rl->n; i++) {
		if (chosen == NULL || chosen[i])
			left++;
	}
	for (i = 0; i < rl->n; i++) {
		if (chosen != NULL && !chosen[i])
			continue;
		left--;
		if (n++ == 0)
			t = xstrdup(rl->items[i].code);
		else
			xasprintf(&t, "%s%s%s", s, left == 0 ? last : ", ",
			    rl->items[i].code);
		free(s);
		s = t;
	}
	return s == NULL ? xstrdup("") : s;
}

/*
 * Mark the items with a code or label that starts with text; return how
 * many there are.
 */
static size_t
refdata_prefixes(const struct refdata_list *rl, const char *text, int *chosen)
{
	const struct ref_item	*item;
	size_t			 i, n = 0;

	for (i = 0; i < rl->n; i++) {
		item = &rl->items[i];
		chosen[i] = refdata_has_prefix(item->code, text) ||
		    refdata_has_prefix(item->label, text);
		if (chosen[i])
			n++;
	}
	return n;
}

/* Find what a person typed, already trimmed; see refdata_lookup. */
static const struct ref_item *
refdata_match(const struct refdata_list *rl, const char *what,
    const char *text, char **cause)
{
	const struct ref_item	*found = NULL;
	int			*chosen;
	char			*codes;
	size_t			 i, n;

	for (i = 0; i < rl->n; i++) {
		if (refdata_casecmp(rl->items[i].code, text) == 0)
			return &rl->items[i];
	}
	for (i = 0; i < rl->n; i++) {
		if (refdata_casecmp(rl->items[i].label, text) == 0)
			return &rl->items[i];
	}

	chosen = xcalloc(rl->n, sizeof *chosen);
	n = *text == '\0' ? 0 : refdata_prefixes(rl, text, chosen);
	if (n == 1) {
		for (i = 0; !chosen[i]; i++)
			/* nothing */;
		found = &rl->items[i];
	} else if (n > 1) {
		codes = refdata_codes(rl, chosen, " or ");
		*cause = xprintf("%s \"%s\" could be %s", what, text, codes);
		free(codes);
	} else {
		codes = refdata_codes(rl, NULL, ", ");
		if (*text == '\0')
			*cause = xprintf("no %s given: choose from %s", what,
			    codes);
		else
			*cause = xprintf("%s \"%s\" is not known: choose from "
			    "%s", what, text, codes);
		free(codes);
	}
	free(chosen);
	return found;
}

const struct ref_item *
refdata_lookup(const struct refdata *rd, enum ref_list list,
    const char *text, char **cause)
{
	const struct ref_item	*item;
	char			*trimmed;

	trimmed = refdata_trim(text, strlen(text));
	item = refdata_match(&rd->lists[list], refdata_specs[list].what,
	    trimmed, cause);
	free(trimmed);
	return item;
}

char *
refdata_labels(const struct refdata *rd, enum ref_list list,
    const char *codes)
{
	char	*copy, *word, *save, *out, *next;

	out = xstrdup("");
	copy = xstrdup(codes);
	for (word = strtok_r(copy, ",", &save); word != NULL;
	    word = strtok_r(NULL, ",", &save)) {
		xasprintf(&next, "%s%s%s", out, *out ? ", " : "",
		    refdata_label(rd, list, word));
		free(out);
		out = next;
	}
	free(copy);
	return out;
}
