/*
 * tui-family.c: the Family screen: a header with what must never be missed
 * (red flags, consent, the lead professional) and tabs with everything the
 * team knows. The tabs are read by tui-tabs.c; the forms its keys open are
 * in tui-forms.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/access.h"
#include "oneteam/conflict.h"
#include "oneteam/consent.h"
#include "oneteam/family.h"
#include "oneteam/story.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "tui-family.h"
#include "tui-forms.h"
#include "tui-sync.h"

struct famscreen {
	struct id	 id;
	struct family_view *view;	/* the look, recorded once */
	struct family	 fam;
	int		 have;		/* fam was read */
	char		*consent;	/* "given", ... or NULL: none recorded */
	enum tab	 tab;
	struct tui_doc	*doc;
	int		 conflicts;	/* fields changed apart at two sites */
	struct chron_filter chron;	/* what the Chronology shows */
	char		*agency;	/* its agency, or NULL */
};

static int
family_screen_load(struct tui *t, struct tui_screen *s, char **cause)
{
	struct famscreen	*fs = s->data;
	struct consent		 k;
	int			 found;

	if (fs->have)
		family_clear(&fs->fam);
	fs->have = 0;
	if (family_get(tui_core(t), fs->view, &fs->fam, cause) != 0)
		return -1;
	fs->have = 1;
	free(fs->consent);
	fs->consent = NULL;
	if (consent_current(tui_core(t), fs->view, &k, &found, cause) != 0)
		return -1;
	if (found) {
		fs->consent = xstrdup(k.state);
		consent_clear(&k);
	}
	if ((fs->conflicts = conflict_family_count(tui_core(t), &fs->id,
	    cause)) < 0)
		return -1;
	return tui_tab_load(t, fs->tab, fs->view, &fs->chron, fs->doc,
	    cause);
}

/* The header: who the family is, and what must never be missed. */
static void
family_screen_header(struct famscreen *fs, WINDOW *win, int w)
{
	const struct family	*f = &fs->fam;
	char			*line, flags[48];
	int			 x;

	x = w_text(win, 0, 0, 9, f->ref, tui_look(LOOK_HEADING));
	if (fs->conflicts > 0) {
		/* Said in words at the right: two sites disagree here. */
		line = xprintf(" CONFLICT: %d field%s (C) ", fs->conflicts,
		    fs->conflicts == 1 ? "" : "s");
		x = (int)text_width(line);
		w_text(win, 0, 9, w - 9 - x, f->household, A_BOLD);
		if (w - x > 9)
			w_text(win, 0, w - x, x, line, tui_look(LOOK_LATE));
		free(line);
	} else
		w_text(win, 0, 9, w - 9, f->household, A_BOLD);
	if (f->active_flags > 0)
		snprintf(flags, sizeof flags, "! %d red flag%s", f->active_flags,
		    f->active_flags == 1 ? "" : "s");
	else
		snprintf(flags, sizeof flags, "no red flags");
	line = xprintf("Level %s · %s · lead: %s · consent: %s · %s",
	    f->level > 0 ? (const char[]){ (char)('0' + f->level), 0 } : "-",
	    f->status, f->lead_name != NULL && *f->lead_name != '\0' ?
	    f->lead_name : "none", fs->consent != NULL ? fs->consent :
	    "NOT RECORDED", flags);
	w_text(win, 1, 0, w, line, f->active_flags > 0 ||
	    fs->consent == NULL ? tui_look(LOOK_FLAG) : 0);
	free(line);
}

static void
family_screen_tabs(struct famscreen *fs, WINDOW *win, int y, int w)
{
	char	label[32];
	int	i, x = 0, need = 0, digits;

	/* The numbers that choose a tab are shown when they fit. */
	for (i = 0; i < TAB_COUNT; i++)
		need += (int)strlen(tui_tab_name((enum tab)i)) + 5;
	digits = need <= w;
	for (i = 0; i < TAB_COUNT && x < w; i++) {
		int on = (enum tab)i == fs->tab;

		/* The chosen tab is bracketed, not only coloured. */
		if (digits)
			snprintf(label, sizeof label, on ? "[%d %s]" :
			    " %d %s ", i + 1, tui_tab_name((enum tab)i));
		else
			snprintf(label, sizeof label, on ? "[%s]" : " %s ",
			    tui_tab_name((enum tab)i));
		x += w_text(win, y, x, w - x, label,
		    tui_look(on ? LOOK_TAB_ON : LOOK_TAB));
	}
	if (x < w)
		w_text(win, y, x, w - x, "", 0);
}

static void
family_screen_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h,
    int w)
{
	struct famscreen	*fs = s->data;

	if (!fs->have) {
		w_text(win, 1, 2, w - 2, "This family could not be read.",
		    tui_look(LOOK_DIM));
		return;
	}
	family_screen_header(fs, win, w);
	family_screen_tabs(fs, win, 2, w);
	tui_doc_draw(fs->doc, win, 3, h - 3, w);
}

static void
family_screen_tab(struct tui *t, struct famscreen *fs, int tab)
{
	char	*cause = NULL;

	fs->tab = (enum tab)((tab + TAB_COUNT) % TAB_COUNT);
	tui_doc_top(fs->doc);
	if (tui_tab_load(t, fs->tab, fs->view, &fs->chron, fs->doc,
	    &cause) != 0)
		tui_fail(t, cause);
}

static void
family_screen_free(struct tui_screen *s)
{
	struct famscreen	*fs = s->data;

	if (fs->have)
		family_clear(&fs->fam);
	free(fs->consent);
	free(fs->agency);
	tui_doc_free(fs->doc);
	family_view_close(fs->view);
	free(fs);
}

/* The family and the record under the cursor, for the forms. */
static struct tui_target
family_screen_target(struct tui_screen *s)
{
	struct famscreen	*fs = s->data;
	struct tui_target	 tg;

	memset(&tg, 0, sizeof tg);
	tg.family = fs->id;
	tg.view = fs->view;
	tg.tab = fs->tab;
	if (!tui_doc_selected(fs->doc, &tg.kind, &tg.id))
		tg.kind = 0;
	return tg;
}

/* The forms the Family screen opens, by key. */
static const struct {
	int	  key;
	void	(*open)(struct tui *, const struct tui_target *);
} family_forms[] = {
	{ 'c', tui_form_contact },
	{ 'n', tui_form_story },
	{ 'e', tui_form_edit },
	{ 'r', tui_form_referral },
	{ 'u', tui_form_referral_update },
	{ 'f', tui_form_flag },
	{ 'A', tui_form_flag_ack },
	{ 'R', tui_form_flag_resolve },
	{ 'k', tui_form_consent },
	{ 'p', tui_form_person },
	{ 'l', tui_form_family },
	{ 'a', tui_form_action },
	{ 'x', tui_form_action_done },
	{ 'h', tui_history_open },
};

static int
family_key_form(struct tui *t, struct tui_screen *s, int key)
{
	struct tui_target	tg = family_screen_target(s);
	size_t			i;

	for (i = 0; i < sizeof family_forms / sizeof family_forms[0]; i++)
		if (family_forms[i].key == key)
			family_forms[i].open(t, &tg);
	return 0;
}

/*
 * Open a form of the Family screen on top, as its key would: a family
 * just added opens with the form of its first person. -1 when the top
 * screen is not a family's (its opening was refused).
 */
int
tui_family_form(struct tui *t, int key)
{
	struct tui_screen	*top = tui_top(t);

	if (top == NULL || top->ops != &tui_family_ops)
		return -1;
	return family_key_form(t, top, key);
}

/* Enter: a referral's own view, a section's versions; else say what. */
static int
family_enter(struct tui *t, struct tui_screen *s, int key)
{
	struct tui_target	tg = family_screen_target(s);

	(void)key;
	if (tg.kind == TAB_K_REFERRAL || (tg.kind >= TAB_K_STORY &&
	    tg.kind < TAB_K_STORY + STORY_NSECTIONS))
		tui_history_open(t, &tg);
	else
		tui_say(t, "Enter opens a referral (tab 5) or a section of "
		    "the story (tab 2); h shows the family's consent "
		    "decisions.");
	return 0;
}

/* F: what the Chronology shows, chosen; it opens to show it. */
static int
family_chron(struct tui *t, struct tui_screen *s, int key)
{
	struct famscreen	*fs = s->data;

	(void)key;
	if (fs->tab != TAB_CHRONOLOGY)
		family_screen_tab(t, fs, TAB_CHRONOLOGY);
	tui_chron_choose(t, &fs->chron, &fs->agency);
	return 0;
}

static int
family_conflicts(struct tui *t, struct tui_screen *s, int key)
{
	(void)s;
	(void)key;
	tui_conflicts_open(t);
	return 0;
}

static const struct tui_bind family_binds[] = {
	{ 'c', "c", "contact", 1, family_key_form },
	{ 'n', "n", "story", 1, family_key_form },
	{ 'r', "r", "referral", 1, family_key_form },
	{ 'f', "f", "flag", 1, family_key_form },
	/* The rest in the key bar as room allows, most used first. */
	{ 'k', "k", "consent", 0, family_key_form },
	{ 'a', "a", "action", 0, family_key_form },
	{ 'x', "x", "action done", 0, family_key_form },
	{ 'e', "e", "edit person or story, correct contact", 0,
	    family_key_form },
	{ 'u', "u", "update referral", 0, family_key_form },
	{ 'A', "A", "acknowledge flag", 0, family_key_form },
	{ 'R', "R", "resolve flag", 0, family_key_form },
	{ 'p', "p", "add person", 0, family_key_form },
	{ 'l', "l", "level, lead, status", 0, family_key_form },
	{ 'h', "h", "history: referral, story section, consent", 0,
	    family_key_form },
	{ '\r', "Enter", "open a referral or a story section", 0,
	    family_enter },
	{ '\n', NULL, NULL, 0, family_enter },
	{ 'C', "C", "conflicts", 0, family_conflicts },
	{ 'F', "F", "what the chronology shows", 0, family_chron },
	{ 0, NULL, NULL, 0, NULL }
};

static enum w_result
family_screen_key(struct tui *t, struct tui_screen *s, int key)
{
	struct famscreen	*fs = s->data;
	const struct tui_bind	*b;

	/* A key the screen binds is its binding's, before the list's own
	 * (k records consent; the arrows move the cursor). */
	if ((b = tui_bind_find(family_binds, key)) != NULL && b->fn != NULL)
		return W_IGNORED;
	if (key >= '1' && key < '1' + TAB_COUNT) {
		family_screen_tab(t, fs, key - '1');
		return W_HANDLED;
	}
	switch (key) {
	case '\t':
	case W_FN | KEY_RIGHT:
		family_screen_tab(t, fs, (int)fs->tab + 1);
		return W_HANDLED;
	case W_FN | KEY_BTAB:
	case W_FN | KEY_LEFT:
		family_screen_tab(t, fs, (int)fs->tab - 1);
		return W_HANDLED;
	}
	return tui_doc_key(fs->doc, key) == W_IGNORED ? W_IGNORED : W_HANDLED;
}

const struct tui_screen_ops tui_family_ops = {
	.name = "Family",
	.about = "Everything the team knows about a family. 1-8 or Tab and "
	    "the arrows choose the tab: Summary, Story, People, Contacts, "
	    "Referrals, Flags, Chronology, Actions.",
	.binds = family_binds,
	.load = family_screen_load,
	.draw = family_screen_draw,
	.key = family_screen_key,
	.free = family_screen_free,
};

/* The Family screen of a family whose look is on the trail already:
 * view, kept until the screen is closed. */
static void
family_show(struct tui *t, struct family_view *view)
{
	struct famscreen	*fs;

	fs = xcalloc(1, sizeof *fs);
	fs->id = *family_view_family(view);
	fs->view = view;
	fs->doc = tui_doc_new();
	/* Data entry (the family and its people added) folded away. */
	fs->chron.classes = CHRON_EVENTS;
	tui_push(t, &tui_family_ops, fs);
}

/*
 * The reason given: the glass broken and the look recorded together,
 * then the family in place of the form; refused, the form stays.
 */
static char *
family_glass_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct family_view	*view;
	struct id		 id = tui_form_target(f)->family;

	if (access_view(tui_core(t), &id, tui_form_get(f, 0), "the screens",
	    &view, cause) != 0)
		return NULL;
	tui_pop(t);
	family_show(t, view);
	*cause = NULL;
	return NULL;
}

void
tui_family_open(struct tui *t, const struct id *id)
{
	struct family_view	*view;
	struct tui_target	 tg;
	struct tui_form		*f;
	char			*cause = NULL, ref[ID_REF_MAX], *title;
	int			 rc;

	if ((rc = access_may_view(tui_core(t), id, &cause)) < 0) {
		tui_fail(t, cause);
		return;
	}
	if (rc == 1) {
		/* Every look at a family is on the audit trail, or not
		 * taken. */
		if (access_view(tui_core(t), id, NULL, "the screens", &view,
		    &cause) != 0)
			tui_fail(t, cause);
		else
			family_show(t, view);
		return;
	}
	/* Not of my locality nor my work: break the glass, saying why. */
	memset(&tg, 0, sizeof tg);
	tg.family = *id;
	oneteam_ref("family", id, ref);
	title = xprintf("Why do you need to open %s? It is not of your "
	    "locality nor a family you work with", ref);
	f = tui_form_new(t, title, &tg, family_glass_save);
	free(title);
	tui_form_add(f, "Reason", FORM_TEXT, 1, "");
	tui_form_name(f, 0, "reason");
	tui_form_hint(f, 0, "recorded, for the coordinators to see");
	tui_form_open(t, f);
}
