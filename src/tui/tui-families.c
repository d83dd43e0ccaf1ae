/*
 * tui-families.c: the Families screen, where a worker's day starts. It
 * shows one view of the families at a time (mine, the locality's,
 * flagged, without a lead professional, closed) sorted by any column,
 * and searches as the person types. How a family shows as a row of the
 * list is tui-families-cols.c's.
 *
 * A locality may hold a hundred thousand families, so the list never
 * reads them all: it counts them, and reads a window of rows around what
 * is seen, again only when the view scrolls out of that window.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/access.h"
#include "oneteam/consent.h"
#include "oneteam/date.h"
#include "oneteam/family.h"
#include "oneteam/person.h"
#include "oneteam/search.h"
#include "oneteam/staff.h"
#include "oneteam/xmalloc.h"
#include "tui-families-cols.h"
#include "tui-forms.h"
#include "tui-lists.h"
#include "tui-sync.h"

#define FAMILIES_WINDOW	240	/* rows read at a time */
#define FAMILIES_HITS	500	/* search results shown at most */

struct families_hit {
	struct id	 family;
	char		 ref[ID_REF_MAX];
	char		*household;
	char		*postcode;
	char		*where;
	char		*snippet;
	int		 outside;	/* not one's own to see */
	int		 noted;		/* household says its consent */
};

struct families {
	enum family_filter	 filter;
	enum family_sort	 sort;
	int			 desc;
	struct w_list		 list;
	struct family		*rows;	/* rows off .. off + nrows - 1 */
	char			**kids;	/* each row's children, or NULL */
	unsigned char		*kids_read; /* read when first drawn */
	size_t			 off;
	size_t			 nrows;
	int			 stale;	/* read the window again */

	struct w_field		*search;	/* NULL: not searching */
	int			 paused;	/* kept, not typed into: a
						 * family was opened from it */
	struct families_hit	*hits;
	size_t			 nhits;
	struct w_list		 hlist;

	int			 manager; /* a coordinator or administrator */
};

static const struct {
	enum family_filter	 filter;
	const char		*name;
} families_views[] = {
	{ FAMILY_MINE, "Mine" },
	{ FAMILY_LOCALITY, "Locality" },
	{ FAMILY_FLAGGED, "Flagged" },
	{ FAMILY_NO_LEAD, "No lead" },
	{ FAMILY_CLOSED, "Closed" },
};
#define NVIEWS (sizeof families_views / sizeof families_views[0])

static void
families_drop_rows(struct families *fs)
{
	size_t	i;

	for (i = 0; i < fs->nrows; i++) {
		family_clear(&fs->rows[i]);
		if (fs->kids != NULL)
			free(fs->kids[i]);
	}
	free(fs->rows);
	free(fs->kids);
	free(fs->kids_read);
	fs->rows = NULL;
	fs->kids = NULL;
	fs->kids_read = NULL;
	fs->nrows = fs->off = 0;
}

static void
families_drop_hits(struct families *fs)
{
	size_t	i;

	for (i = 0; i < fs->nhits; i++) {
		free(fs->hits[i].household);
		free(fs->hits[i].postcode);
		free(fs->hits[i].where);
		free(fs->hits[i].snippet);
	}
	free(fs->hits);
	fs->hits = NULL;
	fs->nhits = 0;
}

/* Keep a row that family_list() gives: its strings move into the cache. */
static int
families_keep(const struct family *f, void *arg)
{
	struct families	*fs = arg;

	fs->rows = xreallocarray(fs->rows, fs->nrows + 1, sizeof *fs->rows);
	fs->rows[fs->nrows++] = *f;
	/* family_list() clears f after this: give it nothing to free. */
	memset((struct family *)f, 0, sizeof *f);
	return 0;
}

/*
 * Scrolling past the rows held: the children read for the rows of the
 * window before are kept for those in the new one (the same families, in
 * the same order, read moments ago), so that moving on reads only rows
 * not drawn yet.
 */
static void
families_carry_kids(struct families *fs, struct families *was)
{
	size_t	i, j = 0;

	for (i = 0; i < fs->nrows && was->kids_read != NULL; i++)
		for (; j < was->nrows; j++) {
			if (id_cmp(&was->rows[j].id, &fs->rows[i].id) != 0)
				continue;
			if (was->kids_read[j]) {
				fs->kids[i] = was->kids[j];
				was->kids[j] = NULL;
				fs->kids_read[i] = 1;
			}
			break;
		}
	families_drop_rows(was);
}

/* Read the rows around what is seen, if they are not held already. */
static int
families_fill(struct tui *t, struct families *fs, char **cause)
{
	struct families	was;
	size_t		first = fs->list.top, from;
	size_t		last = fs->list.top + (size_t)fs->list.h;
	int		rc;

	if (last > fs->list.n)
		last = fs->list.n;
	if (!fs->stale && first >= fs->off && last <= fs->off + fs->nrows)
		return 0;
	/* Read again (stale) holds nothing over: a child may be new. */
	memset(&was, 0, sizeof was);
	if (!fs->stale) {
		was.rows = fs->rows;
		was.kids = fs->kids;
		was.kids_read = fs->kids_read;
		was.nrows = fs->nrows;
		fs->rows = NULL;
		fs->kids = NULL;
		fs->kids_read = NULL;
		fs->nrows = fs->off = 0;
	} else
		families_drop_rows(fs);
	fs->stale = 0;
	from = first > FAMILIES_WINDOW / 3 ? first - FAMILIES_WINDOW / 3 : 0;
	fs->off = from;
	rc = family_list(tui_core(t), fs->filter, fs->sort, fs->desc, from,
	    FAMILIES_WINDOW, families_keep, fs, cause);
	/* Families are told apart by their children too: read for the
	 * rows drawn, as they are drawn. */
	fs->kids = xcalloc(fs->nrows + 1, sizeof *fs->kids);
	fs->kids_read = xcalloc(fs->nrows + 1, 1);
	families_carry_kids(fs, &was);
	return rc;
}

static int
families_load(struct tui *t, struct tui_screen *s, char **cause)
{
	struct families	*fs = s->data;
	char		*why = NULL;
	size_t		 n;

	if (fs == NULL)
		s->data = fs = xcalloc(1, sizeof *fs);
	/* Whether the key bar offers the audit trail; not a permission:
	 * the Audit screen asks for itself, so a failure here is no. */
	if ((fs->manager = staff_me_manager(tui_core(t), &why)) < 0) {
		free(why);
		fs->manager = 0;
	}
	if (family_count(tui_core(t), fs->filter, &n, cause) != 0)
		return -1;
	w_list_set(&fs->list, n);
	fs->stale = 1;
	return 0;
}

/* --- drawing ------------------------------------------------------------ */

static void
families_draw_views(struct families *fs, WINDOW *win, int w)
{
	size_t	i;
	int	x = 0;
	char	label[32];

	for (i = 0; i < NVIEWS && x < w; i++) {
		int on = families_views[i].filter == fs->filter;

		snprintf(label, sizeof label, on ? "[%zu %s]" : " %zu %s ",
		    i + 1, families_views[i].name);
		x += w_text(win, 0, x, w - x, label,
		    tui_look(on ? LOOK_TAB_ON : LOOK_TAB));
		x += w_text(win, 0, x, w - x, " ", 0);
	}
}

static void
families_draw_list(struct tui *t, struct families *fs, WINDOW *win, int h,
    int w)
{
	struct tui_col	 cols[TUI_FAMILIES_NCOLS];
	struct date	 d = date_from_ms(tui_core(t)->now);
	char		*cause = NULL, where[64], today[11];
	size_t		 i;
	int		 y, hw;

	date_iso(&d, today);
	hw = tui_families_cols_headings(win, 1, w, fs->sort, fs->desc, cols);
	w_list_fit(&fs->list, h - 3);
	if (families_fill(t, fs, &cause) != 0)
		tui_fail(t, cause);
	for (y = 0; y < fs->list.h; y++) {
		i = fs->list.top + (size_t)y;
		if (i >= fs->list.n || i < fs->off || i >= fs->off + fs->nrows)
			break;
		if (!fs->kids_read[i - fs->off]) {
			fs->kids[i - fs->off] = person_children_brief(
			    tui_core(t), &fs->rows[i - fs->off].id);
			fs->kids_read[i - fs->off] = 1;
		}
		tui_families_cols_row(&fs->rows[i - fs->off],
		    fs->kids[i - fs->off], today, win, 2 + y, w, cols, hw,
		    i == fs->list.cur);
	}
	if (fs->list.n == 0)
		w_text(win, 3, 2, w - 2, "No families in this view.",
		    tui_look(LOOK_DIM));
	snprintf(where, sizeof where, "%zu of %zu",
	    fs->list.n ? fs->list.cur + 1 : 0, fs->list.n);
	w_text(win, h - 1, 0, w, where, tui_look(LOOK_DIM));
}

/*
 * Say after its household whether a family found has consent to share,
 * asked only of the rows shown (a search redone at each key finds
 * hundreds), once each; of a family outside one's work, nothing.
 */
static void
families_hit_note(struct tui *t, struct families_hit *hit)
{
	const char	*state, *note;
	char		*cause = NULL, *was;

	if (hit->noted || hit->outside)
		return;
	hit->noted = 1;
	if (consent_now(tui_core(t), &hit->family, &state, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	if ((note = consent_note(state)) == NULL)
		return;
	was = hit->household;
	hit->household = xprintf("%s (%s)", was, note);
	free(was);
}

static void
families_draw_hits(struct tui *t, struct families *fs, WINDOW *win, int h,
    int w)
{
	static const struct tui_col cols[] = {
		{ "Ref", 8 }, { "Household", 24 }, { "Postcode", 10 },
		{ "Found in", 10 }, { "", 0 },
	};
	const char	*v[5];
	size_t		 i;
	int		 y;

	w_text(win, 0, 0, 10, "Search: ", tui_look(LOOK_HEADING));
	w_field_draw(fs->search, win, 0, 8, w - 8, 1);
	v[0] = "Ref"; v[1] = "Household"; v[2] = "Postcode";
	v[3] = "Found in"; v[4] = "";
	tui_columns(win, 1, w, cols, 5, v, tui_look(LOOK_HEADING));
	w_list_fit(&fs->hlist, h - 3);
	for (y = 0; y < fs->hlist.h; y++) {
		struct families_hit	*hit;

		if ((i = fs->hlist.top + (size_t)y) >= fs->nhits)
			break;
		hit = &fs->hits[i];
		families_hit_note(t, hit);
		v[0] = hit->ref; v[1] = hit->household; v[2] = hit->postcode;
		v[3] = hit->where; v[4] = hit->snippet;
		tui_columns(win, 2 + y, w, cols, 5, v, i == fs->hlist.cur ?
		    tui_look(LOOK_CURSOR) : 0);
	}
	w_text(win, h - 1, 0, w, fs->nhits == 0 ? (w_field_empty(fs->search) ?
	    "Type a name, postcode, reference or words from a note." :
	    "No family matches.") : "Enter opens the family; Esc goes back "
	    "to the list.", tui_look(LOOK_DIM));
}

static void
families_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h, int w)
{
	struct families	*fs = s->data;

	if (fs->search != NULL) {
		families_draw_hits(t, fs, win, h, w);
		return;
	}
	families_draw_views(fs, win, w);
	families_draw_list(t, fs, win, h, w);
}

/* --- searching ------------------------------------------------------------ */

static int
families_hit(const struct search_hit *h, void *arg)
{
	struct families		*fs = arg;
	struct families_hit	*k;

	fs->hits = xreallocarray(fs->hits, fs->nhits + 1, sizeof *fs->hits);
	k = &fs->hits[fs->nhits++];
	k->family = h->family;
	oneteam_ref("family", &h->family, k->ref);
	k->household = xstrdup(h->household != NULL ? h->household : "");
	k->outside = h->outside;
	k->noted = 0;
	k->postcode = xstrdup(h->postcode != NULL ? h->postcode : "");
	/* Opening it will ask why (tui-family.c). */
	k->where = xstrdup(h->outside ? "not yours" : h->where);
	/* Of one outside one's work, whose it is, not what matched. */
	k->snippet = h->outside ? xprintf("a family of %s", h->locality !=
	    NULL ? h->locality : "no locality") : xstrdup(h->snippet != NULL ?
	    h->snippet : "");
	return 0;
}

static void
families_search_run(struct tui *t, struct families *fs)
{
	char	*text = w_field_text(fs->search), *cause = NULL;

	families_drop_hits(fs);
	if (access_search(tui_core(t), text, FAMILIES_HITS, families_hit, fs,
	    &cause) < 0)
		tui_fail(t, cause);
	w_list_set(&fs->hlist, fs->nhits);
	fs->hlist.cur = fs->hlist.top = 0;
	free(text);
}

static void
families_search_end(struct families *fs)
{
	w_field_free(fs->search);
	fs->search = NULL;
	fs->paused = 0;
	families_drop_hits(fs);
}

/*
 * Back from a family opened from the search, its results are kept to
 * open the next, but letters are keys again, not typed into the search
 * behind it: q or Esc ends it, / types into it again.
 */
static enum w_result
families_search_paused(struct tui *t, struct families *fs, int key)
{
	switch (key) {
	case 27:
	case 'q':
		families_search_end(fs);
		return W_HANDLED;
	case '/':
		fs->paused = 0;
		return W_HANDLED;
	}
	/* A letter is no key here: say what the keys are. */
	if (w_key_printable(key)) {
		tui_say(t, "The search is kept: / types into it again, q or "
		    "Esc ends it.");
		return W_HANDLED;
	}
	return W_IGNORED;
}

static enum w_result
families_search_key(struct tui *t, struct families *fs, int key)
{
	switch (key) {
	case 27:
		families_search_end(fs);
		return W_HANDLED;
	case '\r':
	case '\n':
	case W_FN | KEY_ENTER:
		if (fs->nhits > 0) {
			fs->paused = 1;
			tui_family_open(t, &fs->hits[fs->hlist.cur].family);
		}
		return W_HANDLED;
	case W_FN | KEY_UP:
	case W_FN | KEY_DOWN:
	case W_FN | KEY_PPAGE:
	case W_FN | KEY_NPAGE:
		w_list_key(&fs->hlist, key);
		return W_HANDLED;
	}
	if (fs->paused)
		return families_search_paused(t, fs, key);
	switch (w_field_key(fs->search, key)) {
	case W_CHANGED:
		families_search_run(t, fs);
		return W_HANDLED;
	case W_IGNORED:
		return W_IGNORED;
	default:
		return W_HANDLED;
	}
}

static enum w_result
families_key(struct tui *t, struct tui_screen *s, int key)
{
	struct families	*fs = s->data;

	if (fs->search != NULL)
		return families_search_key(t, fs, key);
	if (key >= '1' && key < '1' + (int)NVIEWS) {
		fs->filter = families_views[key - '1'].filter;
		fs->list.cur = fs->list.top = 0;
		tui_reload(t);
		return W_HANDLED;
	}
	return w_list_key(&fs->list, key) == W_IGNORED ? W_IGNORED :
	    W_HANDLED;
}

/* --- keys ------------------------------------------------------------------ */

static int
families_open(struct tui *t, struct tui_screen *s, int key)
{
	struct families	*fs = s->data;
	size_t		 i = fs->list.cur;

	if (fs->list.n == 0) {
		tui_say(t, "No family in this view: 1 to 5 choose another, "
		    "/ searches, a adds one.");
		return 0;
	}
	if (i < fs->off || i >= fs->off + fs->nrows)
		return 0;
	tui_family_open(t, &fs->rows[i - fs->off].id);
	return 0;
}

static int
families_find(struct tui *t, struct tui_screen *s, int key)
{
	struct families	*fs = s->data;

	fs->search = w_field_new(NULL);
	fs->hlist.cur = fs->hlist.top = 0;
	return 0;
}

static int
families_add(struct tui *t, struct tui_screen *s, int key)
{
	(void)s;
	(void)key;
	tui_form_family_add(t);
	return 0;
}

/* Sort by the next column; the same column again turns the order. */
static int
families_sort(struct tui *t, struct tui_screen *s, int key)
{
	struct families	*fs = s->data;
	const char	*title;

	title = tui_families_cols_next(&fs->sort, &fs->desc);
	fs->stale = 1;
	tui_say(t, "Sorted by %s.", title);
	return 0;
}

static int
families_reverse(struct tui *t, struct tui_screen *s, int key)
{
	struct families	*fs = s->data;

	fs->desc = !fs->desc;
	fs->stale = 1;
	return 0;
}

static int
families_next_view(struct tui *t, struct tui_screen *s, int key)
{
	struct families	*fs = s->data;
	size_t		 i;

	for (i = 0; i < NVIEWS; i++)
		if (families_views[i].filter == fs->filter)
			break;
	fs->filter = families_views[(i + 1) % NVIEWS].filter;
	fs->list.cur = fs->list.top = 0;
	tui_reload(t);
	return 0;
}

static void
families_free(struct tui_screen *s)
{
	struct families	*fs = s->data;

	if (fs == NULL)
		return;
	families_drop_rows(fs);
	families_search_end(fs);
	free(fs);
}

static int
families_referrals(struct tui *t, struct tui_screen *s, int key)
{
	tui_referrals_open(t);
	return 0;
}

static int
families_myday(struct tui *t, struct tui_screen *s, int key)
{
	tui_myday_open(t);
	return 0;
}

static int
families_huddle(struct tui *t, struct tui_screen *s, int key)
{
	(void)s;
	(void)key;
	tui_huddle_open(t);
	return 0;
}

static int
families_sync(struct tui *t, struct tui_screen *s, int key)
{
	(void)s;
	(void)key;
	tui_sync_open(t);
	return 0;
}

static int
families_conflicts(struct tui *t, struct tui_screen *s, int key)
{
	(void)s;
	(void)key;
	tui_conflicts_open(t);
	return 0;
}

static int
families_audit(struct tui *t, struct tui_screen *s, int key)
{
	(void)s;
	(void)key;
	tui_audit_open(t);
	return 0;
}

static const struct tui_bind families_binds[] = {
	{ '\r', "Enter", "open", 1, families_open },
	{ '\n', NULL, NULL, 0, families_open },
	{ W_FN | KEY_ENTER, NULL, NULL, 0, families_open },
	{ '/', "/", "search", 1, families_find },
	/* The views are named at the top: their key bar room is the lock's. */
	{ '\t', "Tab", "view", 0, families_next_view },
	{ 's', "s", "sort", 1, families_sort },
	{ 'S', "S", "reverse", 0, families_reverse },
	{ 'r', "r", "referrals", 1, families_referrals },
	{ 'd', "d", "my day", 1, families_myday },
	{ 'H', "H", "huddle", 0, families_huddle },
	{ 'b', "b", "bundles", 1, families_sync },
	{ 'C', "C", "conflicts", 0, families_conflicts },
	/* Everyone may press it: their own trail, or all of it. */
	{ 'A', "A", "audit trail (your own; coordinators: everyone's)",
	    TUI_BAR_NEVER, families_audit },
	{ 'a', "a", "add a family", 0, families_add },
	{ 0, NULL, NULL, 0, NULL }
};
#define NBINDS (sizeof families_binds / sizeof families_binds[0])

/*
 * A coordinator's or administrator's keys: the same, with the audit
 * trail in the key bar where there is room (at 80 columns the lock
 * keeps its place). Made once from the table above.
 */
static const struct tui_bind *
families_manager_binds(void)
{
	static struct tui_bind	b[NBINDS];
	size_t			i;

	if (b[0].key != 0)
		return b;
	memcpy(b, families_binds, sizeof b);
	for (i = 0; i < NBINDS; i++) {
		if (b[i].fn != families_audit || b[i].label == NULL)
			continue;
		b[i].what = "audit";
		b[i].bar = TUI_BAR_ROOM;
	}
	return b;
}

/* While searching: the keys that work, for the key bar (the search
 * handles them itself). */
static const struct tui_bind families_search_binds[] = {
	{ '\r', "Enter", "open", 1, NULL },
	{ 27, "Esc", "end the search", 1, NULL },
	{ 0, NULL, NULL, 0, NULL }
};
static const struct tui_bind families_paused_binds[] = {
	{ '\r', "Enter", "open", 1, NULL },
	{ '/', "/", "search again", 1, NULL },
	{ 0, NULL, NULL, 0, NULL }
};

static const struct tui_bind *
families_binds_now(struct tui_screen *s)
{
	struct families	*fs = s->data;

	if (fs->search != NULL)
		return fs->paused ? families_paused_binds :
		    families_search_binds;
	return fs->manager ? families_manager_binds() : families_binds;
}

static int
families_typing_now(struct tui_screen *s)
{
	struct families	*fs = s->data;

	return fs->search != NULL && !fs->paused;
}

const struct tui_screen_ops tui_families_ops = {
	.name = "Families",
	.about = "The families of a view: 1-5 choose the view (mine, the "
	    "locality's, flagged, no lead professional, closed).",
	.binds = families_binds,
	.binds_now = families_binds_now,
	.typing_now = families_typing_now,
	.load = families_load,
	.draw = families_draw,
	.key = families_key,
	.free = families_free,
};
