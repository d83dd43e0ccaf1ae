/*
 * tui-myday.c: the My day screen: what is mine to do today across every
 * family, in three groups under headings (follow-ups of my contacts, my
 * actions, my planned contacts), each due today or late. What counts is
 * the core's rule (myday.h); this file only reads and lays out. Each row
 * stands for its family, which Enter opens; late ones say "LATE".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/date.h"
#include "oneteam/myday.h"
#include "oneteam/xmalloc.h"
#include "tui-lists.h"
#include "tui-sync.h"

/* What a row of the document stands for. */
enum {
	MYDAY_K_FAMILY = 1,	/* its id is the family's */
	MYDAY_K_NO_FAMILY,	/* an action for no family */
};

/* An item kept until the groups are laid out. */
struct myday_row {
	enum myday_kind	 kind;
	struct id	 family;
	char		 family_ref[ID_REF_MAX];
	char		*household;
	char		 date[11];
	char		*text;
	int		 overdue;
	int		 ahead;		/* in the coming week */
	enum myday_news_kind news;	/* of the news, what it is */
};

struct myday {
	struct tui_doc		*doc;
	struct myday_row	*rows;
	size_t			 nrows;
	struct myday_row	*news;	/* since I last looked */
	size_t			 nnews;
	struct myday_mark	 since;	/* that look */
	int			 looked; /* this opening is recorded */
	size_t			 count[MYDAY_NKINDS];
	size_t			 late;
	size_t			 ahead;
	char			 today[11];
};

enum { COL_DUE, COL_STATE, COL_REF, COL_HOUSEHOLD, COL_WHAT, NCOLS };
static const struct tui_col myday_cols[NCOLS] = {
	{ "Due", 12 }, { "", 6 }, { "Family", 8 }, { "Household", 22 },
	{ "What", 0 },
};

/* What each group says when it has nothing due. */
static const char *const myday_none[MYDAY_NKINDS] = {
	[MYDAY_FLAG] = "No red flag waits on the families you lead.",
	[MYDAY_FOLLOW_UP] = "No follow-ups due.",
	[MYDAY_ACTION] = "No actions due.",
	[MYDAY_PLANNED] = "No planned contacts due.",
};

static void
myday_drop_rows(struct myday *md)
{
	size_t	i;

	for (i = 0; i < md->nrows; i++) {
		free(md->rows[i].household);
		free(md->rows[i].text);
	}
	free(md->rows);
	md->rows = NULL;
	md->nrows = 0;
	for (i = 0; i < md->nnews; i++) {
		free(md->news[i].household);
		free(md->news[i].text);
	}
	free(md->news);
	md->news = NULL;
	md->nnews = 0;
	memset(md->count, 0, sizeof md->count);
	md->late = 0;
	md->ahead = 0;
}

/* --- loading ------------------------------------------------------------ */

static int
myday_keep(const struct myday_item *it, void *arg)
{
	struct myday		*md = arg;
	struct myday_row	*r;

	if ((unsigned)it->kind >= MYDAY_NKINDS)
		return 0;
	md->rows = xreallocarray(md->rows, md->nrows + 1, sizeof *md->rows);
	r = &md->rows[md->nrows++];
	r->kind = it->kind;
	r->family = it->family;
	memcpy(r->family_ref, it->family_ref, sizeof r->family_ref);
	r->household = xstrdup(it->household != NULL ? it->household : "");
	memcpy(r->date, it->date, sizeof r->date);
	r->text = xstrdup(it->text != NULL ? it->text : "");
	r->overdue = it->overdue;
	r->ahead = it->ahead;
	md->count[it->kind]++;
	if (it->overdue)
		md->late++;
	if (it->ahead)
		md->ahead++;
	return 0;
}

/* What changed since I last looked, kept in the core's order. */
static int
myday_keep_news(const struct myday_news *n, void *arg)
{
	struct myday		*md = arg;
	struct myday_row	*r;
	struct date		 d = date_from_ms(n->at);

	md->news = xreallocarray(md->news, md->nnews + 1, sizeof *md->news);
	r = &md->news[md->nnews++];
	memset(r, 0, sizeof *r);
	r->news = n->kind;
	r->family = n->family;
	memcpy(r->family_ref, n->family_ref, sizeof r->family_ref);
	r->household = xstrdup(n->household != NULL ? n->household : "");
	if (n->at != 0)
		date_iso(&d, r->date);
	r->text = xstrdup(n->text != NULL ? n->text : "");
	return 0;
}

/* The news, first: each line opens its family. */
static void
myday_news_group(struct tui *t, struct myday *md)
{
	const struct myday_row	*r;
	const char		*v[NCOLS];
	char			 day[24], when[32];
	size_t			 i;
	int			 family;

	if (md->since.at == 0) {
		tui_doc_text(md->doc, tui_look(LOOK_HEADING), 0, NULL, 0,
		    "Since you last looked");
		tui_doc_text(md->doc, tui_look(LOOK_DIM), 0, NULL, 2,
		    "This is your first look here: from now on, what others "
		    "record on your families shows here.");
		tui_doc_text(md->doc, 0, 0, NULL, 0, "");
		return;
	}
	tui_when(t, md->since.at, when, sizeof when);
	tui_doc_textf(md->doc, tui_look(LOOK_HEADING), 0, "Since you last "
	    "looked, %s (%zu)", when, md->nnews);
	for (i = 0; i < md->nnews; i++) {
		r = &md->news[i];
		tui_date(r->date, day, sizeof day);
		v[COL_DUE] = *r->date != '\0' ? day : "";
		/* A conflict stands until settled: not news each time. */
		v[COL_STATE] = r->news == MYDAY_NEWS_CONFLICT ? "settle" :
		    r->news == MYDAY_NEWS_MORE ? "" : "new";
		family = !id_is_zero(&r->family);
		v[COL_REF] = family ? r->family_ref : "-";
		v[COL_HOUSEHOLD] = r->household;
		v[COL_WHAT] = r->text;
		tui_doc_row(md->doc, 0, family ? MYDAY_K_FAMILY :
		    MYDAY_K_NO_FAMILY, family ? &r->family : NULL, v);
	}
	if (md->nnews == 0)
		tui_doc_text(md->doc, tui_look(LOOK_DIM), 0, NULL, 2,
		    "Nothing new on your families.");
	tui_doc_text(md->doc, 0, 0, NULL, 0, "");
}

static void
myday_add_row(struct myday *md, const struct myday_row *r)
{
	char		 due[24];
	const char	*v[NCOLS];
	int		 family = !id_is_zero(&r->family);

	tui_date(r->date, due, sizeof due);
	v[COL_DUE] = due;
	/* Late is said in words, not by the colour alone. */
	v[COL_STATE] = r->overdue ? "LATE" : r->ahead ? "soon" : "today";
	v[COL_REF] = family ? r->family_ref : "-";
	v[COL_HOUSEHOLD] = family ? r->household : "(no family)";
	v[COL_WHAT] = r->text;
	tui_doc_row(md->doc, r->overdue ? tui_look(LOOK_LATE) : 0,
	    family ? MYDAY_K_FAMILY : MYDAY_K_NO_FAMILY,
	    family ? &r->family : NULL, v);
}

/* One group: its heading, its rows in the core's order, or a word. */
static void
myday_group(struct myday *md, enum myday_kind kind)
{
	size_t	i;

	tui_doc_textf(md->doc, tui_look(LOOK_HEADING), 0, "%s (%zu)",
	    myday_kind_name(kind), md->count[kind]);
	for (i = 0; i < md->nrows; i++)
		if (md->rows[i].kind == kind)
			myday_add_row(md, &md->rows[i]);
	if (md->count[kind] == 0)
		tui_doc_text(md->doc, tui_look(LOOK_DIM), 0, NULL, 2,
		    myday_none[kind]);
	tui_doc_text(md->doc, 0, 0, NULL, 0, "");
}

static int
myday_load(struct tui *t, struct tui_screen *s, char **cause)
{
	struct myday	*md = s->data;
	struct date	 today = date_from_ms(tui_core(t)->now);
	int		 k;

	date_iso(&today, md->today);
	tui_doc_clear(md->doc);
	myday_drop_rows(md);
	tui_doc_columns(md->doc, myday_cols, NCOLS);
	/* This opening is the look: what is new is since the one before,
	 * however often the screen is read again while open. */
	if (!md->looked) {
		if (myday_looked(tui_core(t), &md->since, cause) != 0)
			return -1;
		md->looked = 1;
	}
	if (myday_news(tui_core(t), &md->since, myday_keep_news, md,
	    cause) != 0 ||
	    myday_list(tui_core(t), myday_keep, md, cause) != 0)
		return -1;
	myday_news_group(t, md);
	for (k = 0; k < MYDAY_NKINDS; k++)
		myday_group(md, (enum myday_kind)k);
	return 0;
}

/* --- drawing and keys ---------------------------------------------------- */

/* "Today, 12 Mar 2026: 5 to do, 2 late". */
static void
myday_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h, int w)
{
	struct myday	*md = s->data;
	char		 day[24], *line;

	(void)t;
	tui_date(md->today, day, sizeof day);
	line = xprintf("Today, %s: %zu to do, %zu late; %zu in the coming "
	    "week", day, md->nrows - md->ahead, md->late, md->ahead);
	w_text(win, 0, 0, w, line, md->late > 0 ? tui_look(LOOK_LATE) :
	    tui_look(LOOK_HEADING));
	free(line);
	tui_doc_draw(md->doc, win, 1, h - 1, w);
}

static enum w_result
myday_key(struct tui *t, struct tui_screen *s, int key)
{
	struct myday	*md = s->data;

	(void)t;
	return tui_doc_key(md->doc, key) == W_IGNORED ? W_IGNORED :
	    W_HANDLED;
}

static int
myday_open(struct tui *t, struct tui_screen *s, int key)
{
	struct myday	*md = s->data;
	struct id	 id;
	int		 kind;

	(void)key;
	if (!tui_doc_selected(md->doc, &kind, &id)) {
		tui_say(t, "Move to a line of a family (Down): Enter opens "
		    "it.");
		return 0;
	}
	if (kind == MYDAY_K_NO_FAMILY)
		tui_say(t, "This line is for no family: there is none to "
		    "open.");
	else
		tui_family_open(t, &id);
	return 0;
}

static void
myday_free(struct tui_screen *s)
{
	struct myday	*md = s->data;

	if (md == NULL)
		return;
	myday_drop_rows(md);
	tui_doc_free(md->doc);
	free(md);
}

static int
myday_conflicts(struct tui *t, struct tui_screen *s, int key)
{
	(void)s;
	(void)key;
	tui_conflicts_open(t);
	return 0;
}

static const struct tui_bind myday_binds[] = {
	{ '\r', "Enter", "open the family", 1, myday_open },
	{ 'C', "C", "conflicts", 0, myday_conflicts },
	{ '\n', NULL, NULL, 0, myday_open },
	{ W_FN | KEY_ENTER, NULL, NULL, 0, myday_open },
	{ 0, NULL, NULL, 0, NULL }
};

const struct tui_screen_ops tui_myday_ops = {
	.name = "My day",
	.about = "What changed on my families since I last looked (red "
	    "flags, other agencies' contacts, answers to referrals, "
	    "conflicts), then what is mine to do today and in the coming "
	    "week, late ones first in each group: red flags no one has "
	    "acknowledged on the families I lead, follow-ups of contacts I recorded (unless "
	    "I have recorded a later one with the family), my actions, and "
	    "contacts I planned.",
	.binds = myday_binds,
	.load = myday_load,
	.draw = myday_draw,
	.key = myday_key,
	.free = myday_free,
};

void
tui_myday_open(struct tui *t)
{
	struct myday	*md = xcalloc(1, sizeof *md);

	md->doc = tui_doc_new();
	tui_push(t, &tui_myday_ops, md);
}
