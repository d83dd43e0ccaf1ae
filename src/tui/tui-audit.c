/*
 * tui-audit.c: the Audit screen, the coordinators' and administrators'
 * window on the audit trail. It opens on the glass broken (who opened a
 * family outside their work, and why) over the last 30 days; 2 shows who
 * looked at a family and what else was done with it, 3 what a member of
 * staff did since a date, both asked for in a form. Enter opens the
 * family of the entry under the cursor, with need to know as anywhere.
 * v verifies the trail as audit verify does (every site's chain of
 * changes and the signed heads held) and shows whether it is whole, or
 * each problem found.
 *
 * The trail is the core's (audit.c), its verification the exchange's
 * (sync_verify_all()); this file lays them out and refuses whoever may
 * not see them. Every string of an entry or a problem is drawn through
 * tui_doc, which escapes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/audit.h"
#include "oneteam/date.h"
#include "oneteam/staff.h"
#include "oneteam/sync.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "tui-forms.h"
#include "tui.h"

#define AUDIT_SHOWN	2000	/* entries shown at most */
#define AUDIT_DAYS	"-30d"	/* the glass broken since, at first */

enum audit_view { VIEW_GLASS, VIEW_FAMILY, VIEW_STAFF, VIEW_VERIFY };

/* Each view named at the top with the key that shows it. */
static const struct {
	char		 key;
	const char	*name;
} audit_views[] = {
	{ '1', "Break glass" }, { '2', "Who viewed a family" },
	{ '3', "What staff did" }, { 'v', "Verify" },
};
#define NVIEWS (sizeof audit_views / sizeof audit_views[0])

/* What an entry under the cursor stands for: kind is its index, plus 1. */
struct audit_row {
	struct id	 family;
	struct id	 who;
};

struct audit_screen {
	enum audit_view	 view;
	int64_t		 since;		/* the glass and staff views */
	struct id	 family;	/* the family view's */
	struct id	 staff;		/* the staff view's */
	char		*staff_name;	/* theirs, read at each load */
	struct tui_doc	*doc;
	struct audit_row *rows;
	size_t		 nrows;
	int		 more;		/* more than AUDIT_SHOWN */
	int		 refused;	/* no longer theirs to see */
	int		 mine;		/* a member's own trail only: not a
					 * coordinator nor an administrator */
	/* The last verification (v): when, what it walked, what it found. */
	int64_t		 verified;
	struct audit_tally tally;
	char		**problems;	/* one line each, escaped */
	size_t		 nproblems;
};

/* The columns of each view: what the view itself says is left out. */
enum { COL_WHEN, COL_A, COL_B, COL_SITE, NCOLS };
static const struct tui_col audit_cols[NVIEWS][NCOLS] = {
	[VIEW_GLASS] = { { "When", 18 }, { "Who", 20 }, { "Family", 0 },
	    { "Site", 12 } },
	[VIEW_FAMILY] = { { "When", 18 }, { "Who", 22 }, { "What", 16 },
	    { "Site", 0 } },
	[VIEW_STAFF] = { { "When", 18 }, { "What", 16 }, { "Family", 0 },
	    { "Site", 12 } },
};

/* --- loading -------------------------------------------------------------- */

static void
audit_drop(struct audit_screen *as)
{
	free(as->rows);
	as->rows = NULL;
	as->nrows = 0;
	as->more = 0;
}

struct audit_arg {
	struct tui		*t;
	struct audit_screen	*as;
};

/* A row of cells for an entry, then its detail (the reason) below it. */
static int
audit_add(const struct audit_entry *e, void *arg)
{
	struct audit_arg	*a = arg;
	struct audit_screen	*as = a->as;
	const char		*v[NCOLS], *who, *what;
	char			 when[64], *detail, *family;
	int			 kind;

	if (as->nrows == AUDIT_SHOWN) {
		as->more = 1;
		return 1;
	}
	as->rows = xreallocarray(as->rows, as->nrows + 1, sizeof *as->rows);
	as->rows[as->nrows].family = e->family;
	as->rows[as->nrows].who = e->who;
	kind = (int)++as->nrows;
	tui_when(a->t, e->at, when, sizeof when);
	who = *e->who_name != '\0' ? e->who_name : "(nobody)";
	what = audit_what_words(e->what);
	/* The family by its reference and its name. */
	family = xprintf("%s%s%s", e->family_ref, *e->household != '\0' ?
	    " " : "", e->household);
	v[COL_WHEN] = when;
	v[COL_A] = as->view == VIEW_STAFF ? what : who;
	v[COL_B] = as->view == VIEW_FAMILY ? what : family;
	v[COL_SITE] = e->site_name;
	tui_doc_row(as->doc, 0, kind, &e->family, v);
	free(family);
	detail = audit_detail_words(e);
	/* The reason is what the coordinator reads; other details less. */
	if (*detail != '\0')
		tui_doc_text(as->doc, as->view == VIEW_GLASS ? 0 :
		    tui_look(LOOK_DIM), kind, &e->family, 2, detail);
	free(detail);
	return 0;
}

/* The last verification: the trail whole, or each problem found. */
static void
audit_verified(struct audit_screen *as)
{
	size_t	i, n = as->nproblems;

	if (n == 0) {
		tui_doc_textf(as->doc, tui_look(LOOK_GOOD), 0, "The audit "
		    "trail is whole: %lld entr%s from %lld site%s.",
		    (long long)as->tally.entries, as->tally.entries == 1 ?
		    "y" : "ies", (long long)as->tally.sites,
		    as->tally.sites == 1 ? "" : "s");
		return;
	}
	tui_doc_textf(as->doc, tui_look(LOOK_ERROR), 0, "The audit trail is "
	    "not whole: %zu problem%s found.", n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++)
		tui_doc_text(as->doc, 0, 0, NULL, 2, as->problems[i]);
}

/* 1: only one's own trail is theirs to read; 0: all of it; -1: nobody
 * is at work. */
static int
audit_mine(struct oneteam *ot)
{
	char	*why = NULL;
	int	 manager;

	if (id_is_zero(&ot->me))
		return -1;
	manager = staff_me_manager(ot, &why);
	free(why);
	return manager > 0 ? 0 : 1;
}

/* Refuse a view of the whole trail to one who reads only their own. */
static int
audit_refuse_mine(struct tui *t, struct audit_screen *as)
{
	if (!as->mine)
		return 0;
	tui_say(t, "That is for coordinators and administrators: this is "
	    "your own trail (s shows it from another day).");
	return 1;
}

static int
audit_load(struct tui *t, struct tui_screen *s, char **cause)
{
	struct audit_screen	*as = s->data;
	struct audit_arg	 a = { t, as };
	struct oneteam		*ot = tui_core(t);

	tui_doc_clear(as->doc);
	audit_drop(as);
	/* Asked again: who is at work may have changed, or their role.
	 * Anyone else reads their own trail, whoever is at work now. */
	as->refused = 0;
	if ((as->mine = audit_mine(ot)) < 0) {
		as->refused = 1;
		*cause = xstrdup("sign in to read your own audit trail");
		return -1;
	}
	if (as->mine) {
		as->view = VIEW_STAFF;
		as->staff = ot->me;
	}
	if (as->view == VIEW_VERIFY) {
		audit_verified(as);
		return 0;
	}
	tui_doc_columns(as->doc, audit_cols[as->view], NCOLS);
	switch (as->view) {
	case VIEW_GLASS:
		return audit_of_kind(ot, AUDIT_BREAK_GLASS, as->since,
		    AUDIT_SHOWN + 1, audit_add, &a, cause);
	case VIEW_FAMILY:
		return audit_who_viewed(ot, &as->family, audit_add, &a,
		    cause);
	case VIEW_STAFF:
		free(as->staff_name);
		as->staff_name = oneteam_staff_name(ot, &as->staff);
		return audit_by(ot, &as->staff, as->since, audit_add, &a,
		    cause);
	case VIEW_VERIFY:
		break;
	}
	return 0;
}

/* --- drawing -------------------------------------------------------------- */

static void
audit_draw_views(struct audit_screen *as, WINDOW *win, int w)
{
	size_t	i;
	int	x = 0, on;
	char	label[48];

	for (i = 0; i < NVIEWS && x < w; i++) {
		if (as->mine && i != VIEW_STAFF)
			continue;
		on = (size_t)as->view == i;
		if (as->mine)
			snprintf(label, sizeof label, "[Your own trail]");
		else
			snprintf(label, sizeof label, on ? "[%c %s]" :
			    " %c %s ", audit_views[i].key,
			    audit_views[i].name);
		x += w_text(win, 0, x, w - x, label,
		    tui_look(on ? LOOK_TAB_ON : LOOK_TAB));
		x += w_text(win, 0, x, w - x, " ", 0);
	}
}

/* The day a since bound falls on, as people read it. */
static void
audit_day(int64_t ms, char *buf, size_t len)
{
	struct date	d = date_from_ms(ms);
	char		iso[11];

	date_iso(&d, iso);
	tui_date(iso, buf, len);
}

/* The line that says what is shown: a new string. */
static char *
audit_heading(struct tui *t, struct audit_screen *as)
{
	char	 day[32], ref[ID_REF_MAX], when[64], *line, *count;

	count = xprintf("%s%zu entr%s", as->more ? "the newest " : "",
	    as->nrows, as->nrows == 1 ? "y" : "ies");
	audit_day(as->since, day, sizeof day);
	switch (as->view) {
	case VIEW_FAMILY:
		oneteam_ref("family", &as->family, ref);
		line = xprintf("Who viewed %s, and what else was done with "
		    "it, newest first: %s", ref, count);
		break;
	case VIEW_STAFF:
		if (as->mine)
			line = xprintf("Your own trail since %s, newest "
			    "first: %s", day, count);
		else
			line = xprintf("What %s did since %s, newest first: "
			    "%s", as->staff_name != NULL ? as->staff_name :
			    "?", day, count);
		break;
	case VIEW_VERIFY:
		tui_when(t, as->verified, when, sizeof when);
		/* The time first: at 80 columns the end may be cut. */
		line = xprintf("Verified %s: the trail, each site's chain and "
		    "signed head", when);
		break;
	default:
		line = xprintf("Families opened outside one's work since %s, "
		    "newest first: %s", day, count);
		break;
	}
	free(count);
	return line;
}

static void
audit_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h, int w)
{
	struct audit_screen	*as = s->data;
	char			*line;

	if (as->refused) {
		w_text(win, 1, 2, w - 2, "Sign in to read your own audit "
		    "trail.", tui_look(LOOK_DIM));
		return;
	}
	audit_draw_views(as, win, w);
	line = audit_heading(t, as);
	/* A staff name is the database's: w_text escapes it. */
	w_text(win, 1, 0, w, line, tui_look(LOOK_HEADING));
	free(line);
	tui_doc_draw(as->doc, win, 2, h - 2, w);
	if (as->nrows == 0 && as->view != VIEW_VERIFY)
		w_text(win, 4, 2, w - 2, as->view == VIEW_GLASS ? "Nobody "
		    "broke the glass in that time." : "No entries.",
		    tui_look(LOOK_DIM));
}

static enum w_result
audit_key(struct tui *t, struct tui_screen *s, int key)
{
	struct audit_screen	*as = s->data;

	(void)t;
	return tui_doc_key(as->doc, key) == W_IGNORED ? W_IGNORED :
	    W_HANDLED;
}

/* --- keys ----------------------------------------------------------------- */

/* The entry under the cursor, or NULL. */
static const struct audit_row *
audit_selected(struct audit_screen *as)
{
	struct id	id;
	int		kind;

	if (!tui_doc_selected(as->doc, &kind, &id) || kind < 1 ||
	    (size_t)kind > as->nrows)
		return NULL;
	return &as->rows[kind - 1];
}

static int
audit_open(struct tui *t, struct tui_screen *s, int key)
{
	const struct audit_row	*r = audit_selected(s->data);

	(void)key;
	if (r == NULL || id_is_zero(&r->family)) {
		tui_say(t, "This entry is of no family.");
		return 0;
	}
	tui_family_open(t, &r->family);
	return 0;
}

static int
audit_glass(struct tui *t, struct tui_screen *s, int key)
{
	struct audit_screen	*as = s->data;

	(void)key;
	if (audit_refuse_mine(t, as))
		return 0;
	as->view = VIEW_GLASS;
	tui_doc_top(as->doc);
	tui_reload(t);
	tui_say(t, "Who broke the glass: families opened outside one's "
	    "work, newest first.");
	return 0;
}

/* What a form of this screen changes: the screen below it. */
struct audit_ask {
	struct audit_screen	*as;
	size_t			 field;	/* the family or the member of staff */
	size_t			 since;	/* the since field, if any */
};

/* The since field of a form: the date the view has, to change. */
static size_t
audit_since_field(struct tui_form *f, struct audit_screen *as)
{
	struct date	d = date_from_ms(as->since);
	char		iso[11];
	size_t		i;

	date_iso(&d, iso);
	i = tui_form_add(f, "Since", FORM_DATE, 1, iso);
	tui_form_hint(f, i, "from the start of that day: 12/3, -7d, today");
	return i;
}

static int
audit_since_get(struct tui *t, struct tui_form *f, size_t i, int64_t *ms,
    char **cause)
{
	return audit_since(tui_core(t), tui_form_get(f, i), ms, cause);
}

static char *
audit_family_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct audit_ask	*q = tui_form_data(f);
	struct id		 family;

	if (oneteam_find(tui_core(t), "family", tui_form_get(f, q->field),
	    &family, cause) != 0)
		return NULL;
	q->as->family = family;
	q->as->view = VIEW_FAMILY;
	tui_doc_top(q->as->doc);
	return xstrdup("Who viewed the family, newest first.");
}

static int
audit_ask_family(struct tui *t, struct tui_screen *s, int key)
{
	struct audit_screen	*as = s->data;
	const struct audit_row	*r = audit_selected(as);
	struct tui_form		*f;
	struct audit_ask	*q;
	char			 ref[ID_REF_MAX] = "";

	(void)key;
	if (audit_refuse_mine(t, as))
		return 0;
	/* The family under the cursor, or the one asked about last. */
	if (r != NULL && !id_is_zero(&r->family))
		oneteam_ref("family", &r->family, ref);
	else if (!id_is_zero(&as->family))
		oneteam_ref("family", &as->family, ref);
	q = xcalloc(1, sizeof *q);
	q->as = as;
	f = tui_form_new(t, "Who viewed a family", NULL, audit_family_save);
	q->field = tui_form_add(f, "Family", FORM_TEXT, 1, ref);
	tui_form_hint(f, q->field, "its reference, e.g. F-7K2QM");
	tui_form_set_data(f, q);
	tui_form_open(t, f);
	return 0;
}

static char *
audit_staff_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct audit_ask	*q = tui_form_data(f);
	struct id		 staff;
	int64_t			 since;

	if (oneteam_find(tui_core(t), "staff", tui_form_get(f, q->field),
	    &staff, cause) != 0 ||
	    audit_since_get(t, f, q->since, &since, cause) != 0)
		return NULL;
	q->as->staff = staff;
	q->as->since = since;
	q->as->view = VIEW_STAFF;
	tui_doc_top(q->as->doc);
	return xstrdup("What they did, newest first.");
}

static int	audit_ask_since(struct tui *, struct tui_screen *, int);

struct audit_staff_arg {
	struct tui	*t;
	struct tui_form	*f;
	size_t		 field;
};

/* Everyone who ever worked here: an investigation may be of a leaver. */
static int
audit_staff_item(const struct staff *st, void *arg)
{
	struct audit_staff_arg	*a = arg;
	char			 ref[ID_REF_MAX];

	oneteam_ref("staff", &st->id, ref);
	tui_form_item(a->f, a->field, ref, st->name, st->active ?
	    refdata_label(tui_core(a->t)->rd, REF_ROLES, st->role) :
	    "account disabled");
	return 0;
}

static int
audit_ask_staff(struct tui *t, struct tui_screen *s, int key)
{
	struct audit_screen	*as = s->data;
	const struct audit_row	*r = audit_selected(as);
	struct audit_staff_arg	 sa;
	struct tui_form		*f;
	struct audit_ask	*q;
	char			 ref[ID_REF_MAX] = "", *cause = NULL;

	(void)key;
	/* One's own trail: only the day it starts is theirs to choose. */
	if (as->mine)
		return audit_ask_since(t, s, key);
	if (r != NULL && !id_is_zero(&r->who))
		oneteam_ref("staff", &r->who, ref);
	else if (!id_is_zero(&as->staff))
		oneteam_ref("staff", &as->staff, ref);
	q = xcalloc(1, sizeof *q);
	q->as = as;
	f = tui_form_new(t, "What a member of staff did", NULL,
	    audit_staff_save);
	tui_form_set_data(f, q);
	q->field = tui_form_add(f, "Member of staff", FORM_CHOICE, 1, ref);
	sa = (struct audit_staff_arg){ t, f, q->field };
	if (staff_list(tui_core(t), audit_staff_item, &sa, &cause) != 0)
		tui_fail(t, cause);
	q->since = audit_since_field(f, as);
	tui_form_open(t, f);
	return 0;
}

static char *
audit_since_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct audit_ask	*q = tui_form_data(f);
	int64_t			 since;

	if (audit_since_get(t, f, q->since, &since, cause) != 0)
		return NULL;
	q->as->since = since;
	tui_doc_top(q->as->doc);
	return xstrdup("Shown from that day.");
}

static int
audit_ask_since(struct tui *t, struct tui_screen *s, int key)
{
	struct audit_screen	*as = s->data;
	struct tui_form		*f;
	struct audit_ask	*q;

	(void)key;
	if (as->view == VIEW_FAMILY || as->view == VIEW_VERIFY) {
		tui_say(t, "%s goes back to the start: 1 or 3 take a date.",
		    as->view == VIEW_FAMILY ? "Who viewed a family" :
		    "Verifying");
		return 0;
	}
	q = xcalloc(1, sizeof *q);
	q->as = as;
	f = tui_form_new(t, "Show the entries since", NULL, audit_since_save);
	q->since = audit_since_field(f, as);
	tui_form_set_data(f, q);
	tui_form_open(t, f);
	return 0;
}

static void
audit_problems_drop(struct audit_screen *as)
{
	size_t	i;

	for (i = 0; i < as->nproblems; i++)
		free(as->problems[i]);
	free(as->problems);
	as->problems = NULL;
	as->nproblems = 0;
}

static void
audit_verify_report(const char *problem, void *arg)
{
	struct audit_screen	*as = arg;

	as->problems = xreallocarray(as->problems, as->nproblems + 1,
	    sizeof *as->problems);
	/* One line each: a newline in it is shown as \n, not obeyed. */
	as->problems[as->nproblems++] = text_escape(problem, 0);
}

/* Verify the trail as audit verify does, and show what was found. */
static int
audit_verify_run(struct tui *t, struct tui_screen *s, int key)
{
	struct audit_screen	*as = s->data;
	struct oneteam		*ot = tui_core(t);
	char			*cause = NULL;

	(void)key;
	if (audit_refuse_mine(t, as))
		return 0;
	if (staff_need_manager(ot, "verifies the audit trail", &cause) != 0) {
		tui_fail(t, cause);
		return 0;
	}
	audit_problems_drop(as);
	if (sync_verify_all(ot, audit_verify_report, as, &as->tally,
	    &cause) < 0) {
		tui_fail(t, cause);
		return 0;
	}
	as->verified = clock_now_ms();
	as->view = VIEW_VERIFY;
	tui_doc_top(as->doc);
	tui_reload(t);
	return 0;
}

static void
audit_free(struct tui_screen *s)
{
	struct audit_screen	*as = s->data;

	if (as == NULL)
		return;
	audit_drop(as);
	audit_problems_drop(as);
	tui_doc_free(as->doc);
	free(as->staff_name);
	free(as);
}

static const struct tui_bind audit_binds[] = {
	{ '\r', "Enter", "open", 1, audit_open },
	{ '\n', NULL, NULL, 0, audit_open },
	{ W_FN | KEY_ENTER, NULL, NULL, 0, audit_open },
	/* The views are named at the top: their key bar room is the lock's. */
	{ '1', "1", "who broke the glass", 0, audit_glass },
	{ '2', "2", "who viewed a family", 0, audit_ask_family },
	{ '3', "3", "what a member of staff did", 0, audit_ask_staff },
	{ 's', "s", "since another day", 1, audit_ask_since },
	{ 'v', "v", "verify the trail", 1, audit_verify_run },
	{ 0, NULL, NULL, 0, NULL }
};

/* One's own trail: only its day to choose, and its families to open. */
static const struct tui_bind audit_mine_binds[] = {
	{ '\r', "Enter", "open", 1, audit_open },
	{ '\n', NULL, NULL, 0, audit_open },
	{ W_FN | KEY_ENTER, NULL, NULL, 0, audit_open },
	{ 's', "s", "since another day", 1, audit_ask_since },
	/* Not offered; pressed, they say whose they are. */
	{ '1', NULL, NULL, 0, audit_glass },
	{ '2', NULL, NULL, 0, audit_ask_family },
	{ '3', NULL, NULL, 0, audit_ask_staff },
	{ 'v', NULL, NULL, 0, audit_verify_run },
	{ 0, NULL, NULL, 0, NULL }
};

static const struct tui_bind *
audit_binds_now(struct tui_screen *s)
{
	struct audit_screen	*as = s->data;

	return as != NULL && as->mine ? audit_mine_binds : audit_binds;
}

const struct tui_screen_ops tui_audit_ops = {
	.name = "Audit",
	.about = "The audit trail. Coordinators and administrators see who "
	    "opened a family outside their work and why (the last 30 days "
	    "at first), who viewed a family, what a member of staff did, "
	    "and whether it is whole, every site's chain checked; everyone "
	    "else reads their own trail: what they looked at and changed.",
	.binds = audit_binds,
	.binds_now = audit_binds_now,
	.load = audit_load,
	.draw = audit_draw,
	.key = audit_key,
	.free = audit_free,
};

void
tui_audit_open(struct tui *t)
{
	struct audit_screen	*as;
	char			*cause = NULL;

	/* Nobody at work: refused on the message line. Anyone else reads
	 * at least their own trail (audit_load()). */
	if (id_is_zero(&tui_core(t)->me)) {
		tui_fail(t, xstrdup("sign in to read your own audit trail"));
		return;
	}
	as = xcalloc(1, sizeof *as);
	as->doc = tui_doc_new();
	if (audit_since(tui_core(t), AUDIT_DAYS, &as->since, &cause) != 0) {
		/* "-30d" is always a date: say so rather than go on. */
		tui_fail(t, cause);
		as->since = 0;
	}
	tui_push(t, &tui_audit_ops, as);
}
