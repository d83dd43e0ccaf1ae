/*
 * story.c owns the tell-it-once story of a family: its fixed sections,
 * writing a section anew (a revision based on the current one, or on both
 * sides of a conflict, which it resolves), marking the current text as
 * read back to the family, and reading the current text and the history.
 *
 * Which revisions are current is the fold's business (fold_after_story in
 * src/store/fold.c): a revision is current until a later one names it as
 * base or base2. The read-back date is a register of a revision.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/access.h"
#include "oneteam/date.h"
#include "oneteam/field.h"
#include "oneteam/story.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "read-private.h"

static const struct {
	const char	*code;
	const char	*title;
} story_sections[STORY_NSECTIONS] = {
	[STORY_OUR_FAMILY] = { "our_family", "Our family" },
	[STORY_WORKING_WELL] = { "working_well", "What's working well" },
	[STORY_WORRIES] = { "worries", "What we're worried about" },
	[STORY_FAMILY_WANTS] = { "family_wants",
	    "What the family wants to happen" },
	[STORY_CHILD_VOICE] = { "child_voice", "The child's voice" },
	[STORY_HISTORY] = { "history", "Important history" },
};

const char *
story_section_code(enum story_section s)
{
	return story_sections[s].code;
}

const char *
story_section_title(enum story_section s)
{
	return story_sections[s].title;
}

void
story_rev_clear(struct story_rev *r)
{
	free(r->body);
	free(r->read_back);
	free(r->author_name);
	memset(r, 0, sizeof *r);
}

/* Does typed start s at the start of s or of one of its words? */
static int
story_word_prefix(const char *s, const char *typed)
{
	const char	*p;

	for (p = s; *p != '\0'; p++)
		if ((p == s || p[-1] == ' ' || p[-1] == '_') &&
		    text_has_prefix(p, typed))
			return 1;
	return 0;
}

/* Typed with spaces and dashes read as the underscores of a code. */
static char *
story_as_code(const char *typed)
{
	char	*code = xstrdup(typed), *p;

	for (p = code; *p != '\0'; p++)
		if (*p == ' ' || *p == '-')
			*p = '_';
	return code;
}

/* The codes of the sections matched, as "a, b or c". */
static char *
story_section_names(const int *match)
{
	char	*out = xstrdup(""), *next;
	int	 i, n = 0, left = 0;

	for (i = 0; i < STORY_NSECTIONS; i++)
		left += match == NULL || match[i];
	for (i = 0; i < STORY_NSECTIONS; i++) {
		if (match != NULL && !match[i])
			continue;
		n++;
		xasprintf(&next, "%s%s%s", out, n == 1 ? "" : n == left ?
		    " or " : ", ", story_sections[i].code);
		free(out);
		out = next;
	}
	return out;
}

static int
story_section_refuse(struct oneteam *ot, const char *typed, const int *match,
    char **cause)
{
	char	*names = story_section_names(match), *shown;

	shown = text_escape(typed, 0);
	if (*typed == '\0')
		oneteam_refuse(ot, cause, "no section of the story given: "
		    "choose from %s", names);
	else if (match == NULL)
		oneteam_refuse(ot, cause, "\"%s\" is not a section of the "
		    "story: choose from %s", shown, names);
	else
		oneteam_refuse(ot, cause, "\"%s\" could be %s: type more of it",
		    shown, names);
	free(shown);
	free(names);
	return -1;
}

int
story_section_find(struct oneteam *ot, const char *text,
    enum story_section *out, char **cause)
{
	int	 match[STORY_NSECTIONS], i, n = 0, found = -1;
	char	*typed, *code;

	typed = text_trim(text != NULL ? text : "");
	code = story_as_code(typed);
	for (i = 0; i < STORY_NSECTIONS && *typed != '\0'; i++) {
		if (text_casecmp(story_sections[i].code, code) == 0 ||
		    text_casecmp(story_sections[i].title, typed) == 0) {
			n = 1;
			found = i;
			break;
		}
		match[i] = story_word_prefix(story_sections[i].code, code) ||
		    story_word_prefix(story_sections[i].title, typed);
		if (match[i] && n++ == 0)
			found = i;
	}
	if (n == 1)
		*out = (enum story_section)found;
	else
		story_section_refuse(ot, typed, n == 0 ? NULL : match, cause);
	free(code);
	free(typed);
	return n == 1 ? 0 : -1;
}

/*
 * Revisions of a section (?1 family, ?2 section code) with their number
 * along the chain (a merge counts from its longer side); current ones
 * only unless ?3. Newest first, by the clocks of their operations.
 */
#define STORY_SQL \
	"WITH RECURSIVE d(id, n) AS (SELECT s.id, 1 FROM story s " \
	"WHERE s.family = ?1 AND s.section = ?2 AND NOT EXISTS " \
	"(SELECT 1 FROM story p WHERE p.id = s.base OR p.id = s.base2) " \
	"UNION ALL SELECT s.id, d.n + 1 FROM story s JOIN d ON " \
	"s.base = d.id OR s.base2 = d.id), " \
	"r(id, n) AS (SELECT id, max(n) FROM d GROUP BY id) " \
	"SELECT s.id, r.n, s.current, (SELECT count(*) FROM story h WHERE " \
	"h.family = ?1 AND h.section = ?2 AND h.current), s.body, " \
	"s.read_back, s.created_by, st.name, s.created " \
	"FROM story s JOIN r ON r.id = s.id " \
	"LEFT JOIN staff st ON st.id = s.created_by " \
	"WHERE ?3 OR s.current ORDER BY s.hlc DESC, s.id DESC"

static void
story_from_row(struct query *q, enum story_section section,
    struct story_rev *r)
{
	memset(r, 0, sizeof *r);
	r->id = query_id(q, 0);
	r->section = section;
	r->revision = (int)query_int(q, 1);
	r->current = query_int(q, 2) != 0;
	r->versions = (int)query_int(q, 3);
	r->body = xstrdup(query_text(q, 4));
	r->read_back = query_text_dup(q, 5);
	r->author = query_id(q, 6);
	r->author_name = xstrdup(query_text(q, 7));
	r->written = query_int(q, 8);
}

static int
story_query(struct oneteam *ot, const struct id *family,
    enum story_section section, int all,
    int (*fn)(const struct story_rev *, void *), void *arg, char **cause)
{
	struct query		*q;
	struct story_rev	 r;
	int			 rc, stop = 0;

	q = query_prepare(ot->st, STORY_SQL);
	query_bind_id(q, 1, family);
	query_bind_text(q, 2, story_sections[section].code);
	query_bind_int(q, 3, all != 0);
	while (!stop && (rc = query_step(q)) == 1) {
		story_from_row(q, section, &r);
		stop = fn(&r, arg);
		story_rev_clear(&r);
	}
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
story_get_core(struct oneteam *ot, const struct id *family,
    enum story_section section, int (*fn)(const struct story_rev *, void *),
    void *arg, char **cause)
{
	return story_query(ot, family, section, 0, fn, arg, cause);
}

int
story_history_core(struct oneteam *ot, const struct id *family,
    enum story_section section, int (*fn)(const struct story_rev *, void *),
    void *arg, char **cause)
{
	return story_query(ot, family, section, 1, fn, arg, cause);
}

int
story_get(struct oneteam *ot, const struct family_view *v,
    enum story_section section, int (*fn)(const struct story_rev *, void *),
    void *arg, char **cause)
{
	const struct id	*family;

	if ((family = access_viewed(ot, v, cause)) == NULL)
		return -1;
	return story_query(ot, family, section, 0, fn, arg, cause);
}

int
story_history(struct oneteam *ot, const struct family_view *v,
    enum story_section section, int (*fn)(const struct story_rev *, void *),
    void *arg, char **cause)
{
	const struct id	*family;

	if ((family = access_viewed(ot, v, cause)) == NULL)
		return -1;
	return story_query(ot, family, section, 1, fn, arg, cause);
}

/* The current revisions of a section, newest first: one, or as many
 * as were written apart. */
struct story_heads {
	int			 n;
	struct story_rev	*rev;
};

static int
story_heads_fn(const struct story_rev *r, void *arg)
{
	struct story_heads	*h = arg;
	struct story_rev	*d;

	h->rev = xreallocarray(h->rev, (size_t)h->n + 1, sizeof *h->rev);
	d = &h->rev[h->n++];
	*d = *r;
	d->body = xstrdup(r->body);
	d->read_back = r->read_back != NULL ? xstrdup(r->read_back) : NULL;
	d->author_name = xstrdup(r->author_name);
	return 0;
}

static void
story_heads_clear(struct story_heads *h)
{
	int	i;

	for (i = 0; i < h->n; i++)
		story_rev_clear(&h->rev[i]);
	free(h->rev);
	memset(h, 0, sizeof *h);
}

/* Check the family and who is at work, and read a section's heads. */
static int
story_begin(struct oneteam *ot, const struct id *family,
    enum story_section section, struct story_heads *h, char **cause)
{
	memset(h, 0, sizeof *h);
	if (oneteam_need_me(ot, cause) != 0 ||
	    oneteam_family_exists(ot, family, cause) != 0 ||
	    access_need_write(ot, family, cause) != 0)
		return -1;
	return story_query(ot, family, section, 0, story_heads_fn, h, cause);
}

/* Set the read-back date of a revision: iso, as read from the change. */
static int
story_mark(struct oneteam *ot, const struct id *rev,
    enum story_section section, const char *iso, const char *was,
    char **cause)
{
	struct date	today = date_from_ms(ot->now);
	struct val	v;
	char		now[11], shown[16];

	date_iso(&today, now);
	date_format(iso, shown, sizeof shown);
	if (strcmp(iso, now) > 0)
		return oneteam_refuse_field(ot, cause, "read_back", "the "
		    "read-back date (%s) is in the future", shown);
	if (was != NULL && strcmp(was, iso) == 0)
		return oneteam_refuse_field(ot, cause, "read_back", "\"%s\" "
		    "was read back to the family on %s already",
		    story_sections[section].title, shown);
	v = val_text(iso);
	return store_set(ot->st, "story", rev, "read_back", &v, cause);
}

/*
 * Check a change of a section against its table (field_story_edit) and
 * read its values into vals: the text is called by the section's title
 * in messages, and the line ends of Windows ("\r\n") are one line end.
 */
static int
story_read(struct oneteam *ot, enum story_section section,
    const struct story_change *c, struct field_val *vals, char **cause)
{
	struct field_def	defs[FY_N];
	struct field_table	ft = field_story_edit;
	struct story_change	lf = *c;
	char			*what, *text = NULL;
	int			 rc;

	memcpy(defs, field_story_edit.fields, sizeof defs);
	what = xprintf("\"%s\"", story_sections[section].title);
	defs[FY_TEXT].label = what;
	ft.fields = defs;
	if (c->text != NULL) {
		text = xstrdup(c->text);
		text_crlf(text);
		lf.text = text;
	}
	rc = field_read(ot, &ft, &lf, vals, cause);
	free(text);
	free(what);
	return rc;
}

struct story_edit_arg {
	const struct id			*family;
	enum story_section		 section;
	const struct story_change	*c;
};

/* Refuse an edit that writes what the section says already. */
static int
story_unchanged(struct oneteam *ot, const struct story_edit_arg *a,
    const struct story_heads *h, const char *body, char **cause)
{
	const char	*title = story_sections[a->section].title;

	if (h->n > 1 || strcmp(h->n == 1 ? h->rev[0].body : "", body) != 0)
		return 0;
	if (*body == '\0')
		return oneteam_refuse_field(ot, cause, "text", "\"%s\" is "
		    "empty already", title);
	return oneteam_refuse_field(ot, cause, "text", "\"%s\" says that "
	    "already", title);
}

static int
story_edit_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct story_edit_arg	*a = arg;
	struct story_heads	 h;
	struct field_val	 v[FY_N];
	struct field		 f[5];
	struct id		 id;
	const char		*read_back;
	char			*body = NULL;
	int			 rc = -1, i;

	memset(v, 0, sizeof v);
	if (story_begin(ot, a->family, a->section, &h, cause) != 0 ||
	    story_read(ot, a->section, a->c, v, cause) != 0)
		goto out;
	/* Blank text clears the section. */
	body = v[FY_TEXT].text != NULL ? field_take(&v[FY_TEXT]) :
	    xstrdup("");
	read_back = v[FY_READ_BACK].text;
	if (story_unchanged(ot, a, &h, body, cause) != 0)
		goto out;
	if (read_back != NULL && *body == '\0') {
		oneteam_refuse_field(ot, cause, "read_back", "there is no "
		    "text to read back: \"%s\" is cleared",
		    story_sections[a->section].title);
		goto out;
	}
	f[0] = (struct field){ "family", val_id(a->family) };
	f[1] = (struct field){ "section", val_text(
	    story_sections[a->section].code) };
	f[2] = (struct field){ "body", val_text(body) };
	/* A revision names two it follows: of more versions written apart,
	 * each merges the one before with the next, the last all of them. */
	id = h.n > 0 ? h.rev[0].id : (struct id){ { 0 } };
	i = 1;
	do {
		f[3] = (struct field){ "base", val_id(h.n > 0 ? &id : NULL) };
		f[4] = (struct field){ "base2", val_id(i < h.n ?
		    &h.rev[i].id : NULL) };
		if (store_new(ot->st, "story", f, 5, &id, cause) != 0)
			goto out;
	} while (++i < h.n);
	if (read_back != NULL && story_mark(ot, &id, a->section, read_back,
	    NULL, cause) != 0)
		goto out;
	rc = 0;
out:
	field_vals_free(v, FY_N);
	free(body);
	story_heads_clear(&h);
	return rc;
}

int
story_edit(struct oneteam *ot, const struct id *family,
    enum story_section section, const struct story_change *c, char **cause)
{
	struct story_edit_arg	a = { family, section, c };

	return oneteam_change(ot, story_edit_fn, &a, cause);
}

/* Mark the current text read back: the date is read as story edit's. */
static int
story_read_back_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct story_edit_arg	*a = arg;
	struct story_heads	 h;
	struct field_val	 v[FY_N];
	const char		*title = story_sections[a->section].title;
	int			 rc = -1;

	memset(v, 0, sizeof v);
	if (story_begin(ot, a->family, a->section, &h, cause) != 0)
		goto out;
	if (h.n == 0 || *h.rev[0].body == '\0')
		oneteam_refuse(ot, cause, "\"%s\" has no text to read back",
		    title);
	else if (h.n > 1)
		oneteam_refuse(ot, cause, "\"%s\" has %d versions, written "
		    "at different sites while apart: edit them into one "
		    "before reading it back", title, h.n);
	else if (story_read(ot, a->section, a->c, v, cause) == 0) {
		if (v[FY_READ_BACK].text == NULL)
			oneteam_refuse_field(ot, cause, "read_back", "the "
			    "date it was read back is needed");
		else
			rc = story_mark(ot, &h.rev[0].id, a->section,
			    v[FY_READ_BACK].text, h.rev[0].read_back, cause);
	}
out:
	field_vals_free(v, FY_N);
	story_heads_clear(&h);
	return rc;
}

int
story_read_back(struct oneteam *ot, const struct id *family,
    enum story_section section, const char *date, char **cause)
{
	struct story_change	c = { NULL, date };
	struct story_edit_arg	a = { family, section, &c };

	return oneteam_change(ot, story_read_back_fn, &a, cause);
}
