/*
 * tui-huddle.c: the Huddle screen, made for one big shared display: the
 * agenda of the locality as a list with the current item highlighted,
 * and under it that item's reasons and decisions in full; a countdown of
 * the fifteen minutes, who is present, and a key or two for each
 * decision. Before the huddle starts it shows the agenda as it stands;
 * s records it. Every rule is the core's (huddle.h): a decision here is
 * the same call as oneteam huddle decide (its keys and forms are in
 * tui-huddle-decide.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/date.h"
#include "oneteam/huddle.h"
#include "oneteam/xmalloc.h"
#include "tui-forms.h"
#include "tui-family.h"
#include "tui-huddle.h"
#include "tui-lists.h"

#define HUDDLE_MINUTES	15	/* a stand-up, not a meeting */

static void
hd_drop(struct hd *hd)
{
	size_t	i;

	for (i = 0; i < hd->nitems; i++) {
		free(hd->items[i].household);
		free(hd->items[i].lead);
		free(hd->items[i].reasons);
		free(hd->items[i].decisions);
	}
	free(hd->items);
	hd->items = NULL;
	hd->nitems = 0;
	free(hd->locality);
	hd->locality = NULL;
	huddle_clear(&hd->h);
	hd->started = 0;
	hd->detail_of = 0;
	hd->summary_of = 0;
}

static struct hd_item *
hd_add(struct hd *hd)
{
	struct hd_item	*it;

	hd->items = xreallocarray(hd->items, hd->nitems + 1,
	    sizeof *hd->items);
	it = &hd->items[hd->nitems++];
	memset(it, 0, sizeof *it);
	return it;
}

/* Reasons in words (huddle_reason_words()), a line each. */
static char *
hd_reasons(const struct huddle_reason *rs, size_t n)
{
	char	*s = xstrdup(""), *w, *t;
	size_t	 k;

	for (k = 0; k < n; k++) {
		w = huddle_reason_words(&rs[k], HUDDLE_WORDS_RESPONSE);
		t = xprintf("%s%s%s", s, k != 0 ? "\n" : "", w);
		free(s);
		free(w);
		s = t;
	}
	return s;
}

/* Before the start: the agenda as it stands. */
static void
hd_from_agenda(struct hd *hd, const struct huddle_agenda *a)
{
	struct hd_item	*it;
	size_t		 i;

	hd->locality = xstrdup(a->locality);
	hd->since = a->since;
	for (i = 0; i < a->nitems; i++) {
		it = hd_add(hd);
		it->family = a->items[i].family;
		memcpy(it->ref, a->items[i].ref, sizeof it->ref);
		it->household = xstrdup(a->items[i].household);
		it->lead = a->items[i].lead != NULL ?
		    xstrdup(a->items[i].lead) : NULL;
		it->group = a->items[i].group;
		it->carried = a->items[i].carried[0] != '\0';
		it->fresh = a->items[i].fresh;
		it->reasons = hd_reasons(a->items[i].reasons,
		    a->items[i].nreasons);
	}
}

/* Once started: the record, with what was decided. */
static void
hd_from_record(struct hd *hd)
{
	struct hd_item	*it;
	char		*t;
	size_t		 i, k;

	hd->started = 1;
	hd->locality = xstrdup(hd->h.locality_name);
	hd->since = hd->h.since;
	for (i = 0; i < hd->h.nitems; i++) {
		const struct huddle_entry *e = &hd->h.items[i];

		it = hd_add(hd);
		it->family = e->family;
		memcpy(it->ref, e->ref, sizeof it->ref);
		it->household = xstrdup(e->household);
		it->group = e->group;
		it->carried = e->carried != NULL;
		it->fresh = huddle_reasons_new(e->reasons, e->nreasons,
		    hd->h.since);
		it->reasons = hd_reasons(e->reasons, e->nreasons);
		it->decided = e->nstanding != 0;
		for (k = 0; k < e->ndecisions; k++) {
			const struct huddle_decided *d = &e->decisions[k];
			char *undone = !d->undone ? xstrdup("") :
			    xprintf(" (undone by %s%s%s)", d->undo_by,
			    d->undo_note != NULL ? ": " : "",
			    d->undo_note != NULL ? d->undo_note : "");

			t = xprintf("%s%s%s%s%s%s%s", it->decisions != NULL ?
			    it->decisions : "", it->decisions != NULL ? "\n" :
			    "", d->undone ? "(undone) " : "", d->note,
			    *d->ref != '\0' ? " " : "", d->ref, undone);
			free(undone);
			free(it->decisions);
			it->decisions = t;
		}
	}
}

/* A huddle not found is no failure here: forget why. */
static void
hd_forget(char **cause)
{
	free(*cause);
	*cause = NULL;
}

static int
hd_load(struct tui *t, struct tui_screen *s, char **cause)
{
	struct hd		*hd = s->data;
	struct huddle_agenda	 a;
	struct date		 today = date_from_ms(tui_core(t)->now);
	char			 day[11];
	size_t			 cur = hd->list.cur;
	int			 found;

	hd_drop(hd);
	date_iso(&today, day);
	/*
	 * Today's running huddle, else today's that has ended, else what
	 * there is to discuss. One left running from an earlier day is not
	 * today's: starting today's ends it (huddle_start).
	 */
	found = huddle_find(tui_core(t), NULL, NULL, &hd->h, cause) == 0;
	if (found && strcmp(hd->h.day, day) < 0) {
		huddle_clear(&hd->h);
		found = 0;
	}
	if (!found) {
		hd_forget(cause);
		found = huddle_find(tui_core(t), NULL, day, &hd->h,
		    cause) == 0;
	}
	/* Its families looked at as a whole: on the trail when the screen
	 * first shows them, not again at each change made on it. */
	if (found) {
		if (!hd->looked && huddle_looked(tui_core(t), &hd->h,
		    "the items", cause) != 0)
			return -1;
		hd_from_record(hd);
	} else {
		hd_forget(cause);
		if (huddle_agenda(tui_core(t), NULL, 0, &a, cause) != 0)
			return -1;
		if (!hd->looked && huddle_agenda_looked(tui_core(t), &a,
		    cause) != 0) {
			huddle_agenda_free(&a);
			return -1;
		}
		hd_from_agenda(hd, &a);
		hd->nparked = a.nparked;
		huddle_agenda_free(&a);
	}
	hd->looked = 1;
	w_list_set(&hd->list, hd->nitems);
	/* Decided, the meeting moves on to the next item. */
	if (hd->go_to != 0)
		cur = hd->go_to - 1;
	hd->go_to = 0;
	hd->list.cur = cur < hd->nitems ? cur : hd->nitems != 0 ?
	    hd->nitems - 1 : 0;
	return 0;
}

/* --- drawing -------------------------------------------------------------- */

/* Line 0: where, when, how far, and the time left of the fifteen. */
static void
hd_draw_head(struct tui *t, struct hd *hd, WINDOW *win, int w)
{
	char		 day[32], parked[32], *line;
	int64_t		 left, on;
	size_t		 i, decided = 0;
	int		 look = tui_look(LOOK_HEADING);

	for (i = 0; i < hd->nitems; i++)
		decided += hd->items[i].decided;
	if (!hd->started) {
		tui_when(t, hd->since, day, sizeof day);
		snprintf(parked, sizeof parked, " (%zu parked)", hd->nparked);
		line = xprintf("Huddle of %s: not started. %zu famil%s to "
		    "discuss%s, new since %s. s starts it.", hd->locality,
		    hd->nitems, hd->nitems == 1 ? "y" : "ies",
		    hd->nparked != 0 ? parked : "", day);
	} else {
		left = hd->h.started + HUDDLE_MINUTES * 60 * 1000LL -
		    tui_core(t)->now;
		tui_date(hd->h.day, day, sizeof day);
		if (hd->h.ended != 0)
			line = xprintf("Huddle of %s, %s: ended. %zu of %zu "
			    "decided.", hd->locality, day, decided,
			    hd->nitems);
		else {
			/* How long the item in front of the room has had:
			 * from when the cursor came to it. */
			if (hd->timed != hd->list.cur + 1) {
				hd->timed = hd->list.cur + 1;
				hd->timed_since = tui_core(t)->now;
			}
			on = (tui_core(t)->now - hd->timed_since) / 1000;
			line = xprintf("Huddle of %s%s%s: item %zu of %zu "
			    "(%lld:%02lld), %zu decided. %s %lld min",
			    hd->locality, w >= 100 ? ", " : "", w >= 100 ?
			    day : "", hd->nitems != 0 ? hd->list.cur + 1 : 0,
			    hd->nitems, (long long)(on / 60),
			    (long long)(on % 60), decided, left >= 0 ?
			    "Time left:" : "Over by", (long long)((left >= 0 ?
			    left + 59999 : -left) / 60000));
			if (left < 0)
				look = tui_look(LOOK_LATE);
		}
	}
	w_text(win, 0, 0, w, line, look);
	free(line);
	if (hd->started) {
		line = xprintf("Present: %s%s%s%s%s", hd->h.present != NULL ?
		    hd->h.present : "nobody ticked yet (p)", hd->h.guests !=
		    NULL ? "; guests: " : "", hd->h.guests != NULL ?
		    hd->h.guests : "", hd->h.apologies != NULL ?
		    "; apologies: " : "", hd->h.apologies != NULL ?
		    hd->h.apologies : "");
		w_text(win, 1, 0, w, line, 0);
		free(line);
	}
}

/* Every decision's key, under the item: the key bar has room for few. */
#define HD_DECIDE_KEYS "n no change, l lead, a acknowledge flag, " \
	"t action, c chase referral, v level, r review date, o seek " \
	"consent, w team around the family, f front door, x close, z park " \
	"until something changes."

/* One row of the list: number, family, why, and whether decided. */
static void
hd_draw_row(struct hd *hd, WINDOW *win, int y, int w, size_t i)
{
	const struct hd_item	*it = &hd->items[i];
	char			*line;
	int			 look = 0;

	line = xprintf("%s%2zu. %-8s %s — %s%s%s%s", i == hd->list.cur ? "▶" :
	    " ", i + 1, it->ref, it->household, huddle_group_name(it->group),
	    it->fresh ? " · NEW" : "", it->carried ? " · carried over" : "",
	    it->decided ? " · DECIDED" : "");
	if (i == hd->list.cur)
		look = tui_look(LOOK_CURSOR);
	else if (it->group == HUDDLE_FLAGS)
		look = tui_look(LOOK_FLAG);
	else if (it->decided)
		look = tui_look(LOOK_DIM);
	w_text(win, y, 0, w, line, look);
	free(line);
}

/* The current item in full, made again when the cursor moves. */
static void
hd_detail(struct hd *hd)
{
	const struct hd_item	*it;
	char			*all, *p, *line;

	if (hd->detail_of == hd->list.cur + 1)
		return;
	hd->detail_of = hd->list.cur + 1;
	tui_doc_clear(hd->detail);
	tui_doc_top(hd->detail);
	if (hd->nitems == 0) {
		tui_doc_text(hd->detail, 0, 0, NULL, 0, "Nothing moved and "
		    "nothing is slipping.");
		return;
	}
	it = &hd->items[hd->list.cur];
	tui_doc_textf(hd->detail, tui_look(LOOK_HEADING), 0, "%zu. %s %s%s%s",
	    hd->list.cur + 1, it->ref, it->household, it->lead != NULL ?
	    ", lead: " : "", it->lead != NULL ? it->lead : "");
	all = xstrdup(it->reasons);
	for (p = all; (line = strsep(&p, "\n")) != NULL; )
		tui_doc_textf(hd->detail, 0, 2, "• %s", line);
	free(all);
	if (it->decisions == NULL) {
		tui_doc_text(hd->detail, tui_look(LOOK_DIM), 0, NULL, 2,
		    hd->started ? "Decide: " HD_DECIDE_KEYS :
		    "Start the huddle (s) to record decisions.");
		return;
	}
	all = xstrdup(it->decisions);
	for (p = all; (line = strsep(&p, "\n")) != NULL; )
		if (strncmp(line, "(undone) ", 9) == 0)
			tui_doc_textf(hd->detail, tui_look(LOOK_DIM), 2,
			    "✗ Decided, then undone: %s", line + 9);
		else
			tui_doc_textf(hd->detail, tui_look(LOOK_GOOD), 2,
			    "✓ Decided: %s", line);
	free(all);
	if (hd->started && hd->h.ended == 0 && it->decided)
		tui_doc_text(hd->detail, tui_look(LOOK_DIM), 0, NULL, 2,
		    "u undoes the last decision; or decide more: "
		    HD_DECIDE_KEYS);
	else if (hd->started && hd->h.ended == 0)
		tui_doc_text(hd->detail, tui_look(LOOK_DIM), 0, NULL, 2,
		    "Decide: " HD_DECIDE_KEYS);
}

/* A screen for the room (160×45 and the like) with a huddle running:
 * room for the family's summary beside its item. */
static int
hd_big(const struct hd *hd, int w, int h)
{
	return hd->started && hd->h.ended == 0 && hd->nitems != 0 &&
	    w >= 140 && h >= 40;
}

/* The summary of the item's family, read once for each item: the
 * huddle's view of it (no look of its own on the trail). */
static void
hd_summary(struct tui *t, struct hd *hd)
{
	struct family_view	*view = NULL;
	char			*cause = NULL, *line;

	if (hd->summary_of == hd->list.cur + 1)
		return;
	hd->summary_of = hd->list.cur + 1;
	tui_doc_clear(hd->summary);
	if (access_huddle_view(tui_core(t), &hd->h.id, (int)hd->list.cur + 1,
	    &view, &cause) != 0 ||
	    tui_tab_load(t, TAB_SUMMARY, view, NULL, hd->summary,
	    &cause) != 0) {
		tui_doc_clear(hd->summary);
		line = xprintf("The family's summary cannot be shown: %s",
		    cause != NULL ? cause : "");
		tui_doc_text(hd->summary, tui_look(LOOK_DIM), 0, NULL, 0,
		    line);
		free(line);
		free(cause);
	}
	if (view != NULL)
		family_view_close(view);
}

static void
hd_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h, int w)
{
	struct hd	*hd = s->data;
	WINDOW		*half;
	int		 top = hd->started ? 3 : 2, rows, y;
	size_t		 i;

	hd_draw_head(t, hd, win, w);
	/* The list takes up to half of what is left; the detail the rest. */
	rows = (h - top) / 2;
	if (rows < 3)
		rows = 3;
	w_list_fit(&hd->list, rows);
	for (y = 0, i = hd->list.top; i < hd->nitems && y < rows; i++, y++)
		hd_draw_row(hd, win, top + y, w, i);
	hd_detail(hd);
	y = top + rows + 1;
	if (!hd_big(hd, w, h)) {
		tui_doc_draw(hd->detail, win, y, h - y, w);
		return;
	}
	/* The big screen: the item beside its family's summary. */
	tui_doc_draw(hd->detail, win, y, h - y, w / 2 - 1);
	hd_summary(t, hd);
	if ((half = derwin(win, h - y, w - w / 2, y, w / 2)) != NULL) {
		tui_doc_draw(hd->summary, half, 0, h - y, w - w / 2);
		delwin(half);
	}
}

/* --- keys ----------------------------------------------------------------- */

static enum w_result
hd_key(struct tui *t, struct tui_screen *s, int key)
{
	struct hd	*hd = s->data;

	(void)t;
	return w_list_key(&hd->list, key);
}

static int
hd_open_family(struct tui *t, struct tui_screen *s, int key)
{
	struct hd	*hd = s->data;

	(void)key;
	if (hd->nitems != 0)
		tui_family_open(t, &hd->items[hd->list.cur].family);
	return 0;
}

static int
hd_start(struct tui *t, struct tui_screen *s, int key)
{
	struct hd	*hd = s->data;
	struct huddle	 h;
	char		*cause = NULL;

	(void)key;
	if (hd->started && hd->h.ended == 0) {
		tui_say(t, "The huddle %s is running already.", hd->h.ref);
		return 0;
	}
	if (!tui_ask(t, hd->started ? "Start another huddle today? The "
	    "agenda is recorded as it stands." : "Start today's huddle now? "
	    "The agenda is recorded as it stands."))
		return 0;
	if (huddle_start(tui_core(t), NULL, NULL, &h, &cause) != 0) {
		tui_fail(t, cause);
		return 0;
	}
	tui_say(t, "Huddle %s started: %zu items.", h.ref, h.nitems);
	huddle_clear(&h);
	hd->list.cur = 0;
	tui_reload(t);
	return 0;
}

static int
hd_end(struct tui *t, struct tui_screen *s, int key)
{
	struct hd	*hd = s->data;
	char		*cause = NULL;

	(void)key;
	if (!hd->started) {
		tui_say(t, "No huddle is running.");
		return 0;
	}
	if (!tui_ask(t, "End the huddle? Items not decided roll over to the "
	    "next one."))
		return 0;
	if (huddle_end(tui_core(t), &hd->h, &cause) != 0) {
		tui_fail(t, cause);
		return 0;
	}
	tui_say(t, "Huddle %s ended: its minutes, for the team.", hd->h.ref);
	tui_reload(t);
	tui_minutes_open(t, &hd->h.id);
	return 0;
}

static int
hd_minutes(struct tui *t, struct tui_screen *s, int key)
{
	struct hd	*hd = s->data;

	(void)key;
	if (!hd->started) {
		tui_say(t, "No huddle has been started today: its minutes are "
		    "made as it runs.");
		return 0;
	}
	tui_minutes_open(t, &hd->h.id);
	return 0;
}

static int
hd_present(struct tui *t, struct tui_screen *s, int key)
{
	struct hd		*hd = s->data;

	(void)key;
	if (!hd->started) {
		tui_say(t, "Start the huddle first (s).");
		return 0;
	}
	tui_present_open(t, &hd->h.id);
	return 0;
}

/* A huddle started and not ended is a meeting: the idle lock waits. */
static int
hd_meeting(struct tui_screen *s)
{
	struct hd	*hd = s->data;

	return hd != NULL && hd->started && hd->h.ended == 0;
}

static void
hd_free(struct tui_screen *s)
{
	struct hd	*hd = s->data;

	if (hd == NULL)
		return;
	hd_drop(hd);
	tui_doc_free(hd->detail);
	tui_doc_free(hd->summary);
	free(hd);
}

static const struct tui_bind hd_binds[] = {
	{ 's', "s", "start", 1, hd_start },
	{ 'p', "p", "present", 1, hd_present },
	{ 'n', "n", "no change", 1, hd_no_change },
	{ 'l', "l", "lead", 1, hd_lead },
	{ 'a', "a", "ack flag", 1, hd_ack },
	{ 't', "t", "action", 1, hd_action },
	{ 'c', "c", "chase", 1, hd_chase },
	{ 'v', "v", "level", 1, hd_level },
	{ 'r', "r", "review date", 0, hd_review },
	{ 'o', "o", "seek consent", 0, hd_seek_consent },
	{ 'w', "w", "team around", 0, hd_taf },
	{ 'f', "f", "front door", 0, hd_front_door },
	{ 'x', "x", "close", 0, hd_close },
	{ 'z', "z", "park until it changes", 0, hd_park },
	{ 'u', "u", "undo decision", 0, hd_undo },
	{ 'e', "e", "end", 1, hd_end },
	{ 'm', "m", "minutes", 2, hd_minutes },
	{ '\r', "Enter", "open the family", 0, hd_open_family },
	{ '\n', NULL, NULL, 0, hd_open_family },
	{ W_FN | KEY_ENTER, NULL, NULL, 0, hd_open_family },
	{ 0, NULL, NULL, 0, NULL }
};

const struct tui_screen_ops tui_huddle_ops = {
	.name = "Huddle",
	.about = "The morning huddle of the locality, for a shared screen: "
	    "each family where something moved or is slipping, once, most "
	    "urgent first, with a countdown of fifteen minutes. s starts it "
	    "(the agenda is recorded), p ticks who is present (and who sent "
	    "apologies, and names the guests), and each "
	    "decision is a key: n no change, l lead professional, a "
	    "acknowledge a red flag, t an action, c chase a referral, v the "
	    "level of need, r the next review, o seek consent to share again, "
	    "w convene a team around the family, f refer to the front door "
	    "(MASH), x close early help (a coordinator's), z park it until "
	    "something about it changes; u undoes an item's last decision, saying why. e "
	    "ends it; what was not reached rolls over. m shows the minutes, "
	    "for the team.",
	.binds = hd_binds,
	.load = hd_load,
	.draw = hd_draw,
	.key = hd_key,
	.free = hd_free,
	.meeting = hd_meeting,
};

void
tui_huddle_open(struct tui *t)
{
	struct hd	*hd = xcalloc(1, sizeof *hd);

	hd->detail = tui_doc_new();
	hd->summary = tui_doc_new();
	tui_push(t, &tui_huddle_ops, hd);
}
