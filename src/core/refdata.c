/*
 * refdata.c owns the reference lists: what roles, agencies, contact kinds,
 * red flags, needs, levels of need, services and reasons a record may name,
 * and the bank holidays that working days skip.
 *
 * Each list is a small UTF-8 TSV text: a header line, then one entry a line.
 * The built-in lists are the .tsv files in share/oneteam compiled into the
 * binary (refdata-builtin.c, made by build-aux/embed-tsv.sh); a council may
 * replace any list with its own file (refdata-load.c loads either). Both
 * go through the one parser (refdata-parse.c), so what the binary ships
 * is checked exactly as a council's file is.
 *
 * Codes are stored in records, so they are plain snake_case ASCII and must
 * be unique; labels are what people read. Some lists carry rules the rest of
 * oneteam relies on (levels are 1 to 4, the national end reasons exist) and
 * those are checked once, when the lists are loaded (refdata-check.c).
 *
 * This file does not know where override files come from (config.c) nor
 * how the lists are shown.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/xmalloc.h"
#include "refdata-private.h"

const struct refdata_spec refdata_specs[REF_NLISTS] = {
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
	/* response: the working days it answers a referral in; a list of
	 * code and label alone leaves it to the referral's urgency. */
	[REF_SERVICES] = { "services", "services.tsv", "service",
	    3, { "code", "label", "response" }, 1 },
	[REF_INVOLVEMENT] = { "involvement", "involvement.tsv",
	    "reason for involvement", 2, { "code", "label" } },
	[REF_END_REASONS] = { "end_reasons", "end-reasons.tsv", "end reason",
	    2, { "code", "label" } },
	[REF_RELATIONSHIPS] = { "relationships", "relationships.tsv",
	    "relationship", 2, { "code", "label" } },
	/* England and Wales by default: a council elsewhere names its own. */
	[REF_BANK_HOLIDAYS] = { "bank_holidays", "bank-holidays.tsv",
	    "bank holiday", 2, { "date", "label" } },
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

int
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

char *
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

static void
refdata_free_item(struct ref_item *item)
{
	free(item->code);
	free(item->label);
	free(item->extra[0]);
	free(item->extra[1]);
}

void
refdata_free_list(struct refdata_list *rl)
{
	size_t	i;

	for (i = 0; i < rl->n; i++)
		refdata_free_item(&rl->items[i]);
	free(rl->items);
	rl->items = NULL;
	rl->n = 0;
}

const struct ref_item *
refdata_find_in(const struct refdata_list *rl, const char *code)
{
	size_t	i;

	for (i = 0; i < rl->n; i++) {
		if (strcmp(rl->items[i].code, code) == 0)
			return &rl->items[i];
	}
	return NULL;
}

void
refdata_free(struct refdata *rd)
{
	unsigned int	i;

	if (rd == NULL)
		return;
	for (i = 0; i < REF_NLISTS; i++)
		refdata_free_list(&rd->lists[i]);
	if (rd->strange != NULL) {
		for (i = 0; i < rd->strange->n; i++)
			free(rd->strange->labels[i]);
		free(rd->strange->labels);
		free(rd->strange);
	}
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

	struct refdata_strange	*st = rd->strange;
	char			*label;
	size_t			 i;

	if (code == NULL)
		return "";
	if ((item = refdata_find(rd, list, code)) != NULL)
		return item->label;
	/*
	 * A code another site's list has and this one's not (the lists
	 * are each site's): shown as such, never as if it were a label.
	 * Kept for the life of the lists, one for each such code.
	 */
	if (st == NULL)
		return code;
	label = xprintf("%s (not in this site's list)", code);
	for (i = 0; i < st->n; i++)
		if (strcmp(st->labels[i], label) == 0) {
			free(label);
			return st->labels[i];
		}
	st->labels = xreallocarray(st->labels, st->n + 1, sizeof *st->labels);
	st->labels[st->n++] = label;
	return label;
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


int
refdata_bank_holiday(const struct refdata *rd, const char *iso)
{
	return refdata_find_in(&rd->lists[REF_BANK_HOLIDAYS], iso) != NULL;
}

int
refdata_service_days(const struct refdata *rd, const char *service)
{
	const struct ref_item	*it;

	it = refdata_find_in(&rd->lists[REF_SERVICES], service);
	if (it == NULL || it->extra[0] == NULL || *it->extra[0] == '\0')
		return 0;
	return atoi(it->extra[0]);	/* checked: 1 to 60 (refdata-check.c) */
}
