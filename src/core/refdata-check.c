/*
 * refdata-check.c owns what a reference list must be: its header names the
 * expected columns in order; each entry has a snake_case code (a bank
 * holiday: its date), a label of clean UTF-8 and the values its list
 * allows, neither used before; and the rules the rest of oneteam relies on
 * (levels are 1 to 4, the national end reasons exist). Each refusal names
 * the file and the line.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/date.h"
#include "oneteam/xmalloc.h"
#include "refdata-private.h"

/* The national reasons an episode closes; reports count them by code. */
static const char *const refdata_end_reasons[] = {
	"outcomes_met", "stepped_up", "stepped_down", "no_further_action",
	"moved_away", "declined"
};

static const char *const refdata_severities[] = { "high", "medium", "low" };
static const char *const refdata_yes_no[] = { "yes", "no" };

/*
 * Is s valid UTF-8 (no overlongs, surrogates or bytes past U+10FFFF) with
 * no control characters, C0, DEL or C1?
 */
static int
refdata_check_clean(const char *s)
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

/* Is s a day of the calendar, "YYYY-MM-DD" (a bank holiday's code)? */
static int
refdata_check_day(const char *s)
{
	struct date	d;

	return strlen(s) == 10 && date_from_iso(s, &d) == 0;
}

/* Is s a number of working days a service answers in: 1 to 60, or empty
 * (by the referral's urgency)? */
static int
refdata_check_days(const char *s)
{
	const char	*p;

	if (*s == '\0')
		return 1;
	for (p = s; *p >= '0' && *p <= '9'; p++)
		;
	return *p == '\0' && p - s <= 2 && atoi(s) >= 1 && atoi(s) <= 60;
}

/* Is s a code: lowercase ASCII words of letters and digits joined by _? */
static int
refdata_check_code(const char *s)
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
refdata_check_one_of(const char *s, const char *const *set, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(s, set[i]) == 0)
			return 1;
	}
	return 0;
}

/* The first n expected columns as "code, label, ...", for messages. */
static char *
refdata_check_expected(const struct refdata_spec *spec, unsigned int n)
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
int
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
	columns = refdata_check_expected(spec, spec->ncolumns);
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
	if (!refdata_check_clean(s)) {
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
	    !refdata_check_one_of(fields[2], refdata_yes_no, 2)) {
		*cause = xprintf("%s line %u: concern \"%s\" is not yes or "
		    "no", rp->file, lineno, fields[2]);
		return -1;
	}
	if (rp->list == REF_SERVICES && rp->ncolumns > 2 &&
	    !refdata_check_days(fields[2])) {
		*cause = xprintf("%s line %u: response \"%s\" is not a number "
		    "of working days from 1 to 60 (or empty: by the referral's "
		    "urgency)", rp->file, lineno, fields[2]);
		return -1;
	}
	if (rp->list == REF_RED_FLAGS) {
		if (!refdata_check_one_of(fields[2], refdata_severities, 3)) {
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

/* Check an entry line before it is added to the list. */
int
refdata_check_entry(struct refdata_parse *rp, char **fields, unsigned int n,
    unsigned int lineno, char **cause)
{
	const struct refdata_spec	*spec = &refdata_specs[rp->list];
	char				*columns;

	if (n != rp->ncolumns) {
		columns = refdata_check_expected(spec, rp->ncolumns);
		*cause = xprintf("%s line %u: %u columns where %u were "
		    "expected (%s, separated by tabs)", rp->file, lineno, n,
		    rp->ncolumns, columns);
		free(columns);
		return -1;
	}
	if (rp->list == REF_BANK_HOLIDAYS && !refdata_check_day(fields[0])) {
		*cause = xprintf("%s line %u: date \"%s\" is not a day of the "
		    "calendar written YYYY-MM-DD", rp->file, lineno, fields[0]);
		return -1;
	}
	if (rp->list != REF_BANK_HOLIDAYS && !refdata_check_code(fields[0])) {
		*cause = xprintf("%s line %u: code \"%s\" is not snake_case "
		    "(lowercase letters and digits joined by _, at most %d)",
		    rp->file, lineno, fields[0], REFDATA_MAX_CODE);
		return -1;
	}
	if (refdata_check_text(rp, "label", fields[1], REFDATA_MAX_LABEL,
	    lineno, cause) != 0 || refdata_check_rules(rp, fields, lineno,
	    cause) != 0 || refdata_check_unique(rp, fields, lineno, cause) != 0)
		return -1;
	return 0;
}

/* Rules of particular lists that apply to the whole list. */
int
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
