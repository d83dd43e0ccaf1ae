/*
 * tui-huddle.c: the Huddle screen, made for one big shared display: the
 * agenda of the locality as a list with the current item highlighted,
 * and under it that item's reasons and decisions in full; a countdown of
 * the fifteen minutes, who is present, and a key or two for each
 * decision. Before the huddle starts it shows the agenda as it stands;
 * s records it. Every rule is the core's (huddle.h): a decision here is
 * the same call as oneteam huddle decide.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/date.h"
#include "oneteam/field.h"
#include "oneteam/flag.h"
#include "oneteam/huddle.h"
#include "oneteam/referral.h"
#include "oneteam/staff.h"
#include "oneteam/xmalloc.h"
#include "tui-forms.h"
#include "tui-lists.h"

#define HUDDLE_MINUTES	15	/* a stand-up, not a meeting */

/* An item as shown, from the record or, before the start, the agenda. */
struct hd_item {
	struct id	 family;
	char		 ref[ID_REF_MAX];
	char		*household;
	char		*lead;		/* NULL: none or not known */
	enum huddle_group group;
	char		*reasons;	/* a line each */
	char		*decisions;	/* a line each, or NULL */
	int		 decided;	/* one stands (not undone) */
	int		 carried;
};

struct hd {
	struct huddle	 h;		/* when started */
	int		 started;
	char		*locality;
	int64_t		 since;
	struct hd_item	*items;
	size_t		 nitems;
	struct w_list	 list;
	struct tui_doc	*detail;
	size_t		 detail_of;	/* the item the detail shows, + 1 */
	size_t		 go_to;		/* after a decision: the next item,
					 * + 1 (0: stay) */
	int		 looked;	/* its families on the trail, once */
};

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
	char		 day[32], *line;
	int64_t		 left;
	size_t		 i, decided = 0;
	int		 look = tui_look(LOOK_HEADING);

	for (i = 0; i < hd->nitems; i++)
		decided += hd->items[i].decided;
	if (!hd->started) {
		tui_when(t, hd->since, day, sizeof day);
		line = xprintf("Huddle of %s: not started. %zu famil%s to "
		    "discuss, new since %s. s starts it.", hd->locality,
		    hd->nitems, hd->nitems == 1 ? "y" : "ies", day);
	} else {
		left = hd->h.started + HUDDLE_MINUTES * 60 * 1000LL -
		    tui_core(t)->now;
		tui_date(hd->h.day, day, sizeof day);
		if (hd->h.ended != 0)
			line = xprintf("Huddle of %s, %s: ended. %zu of %zu "
			    "decided.", hd->locality, day, decided,
			    hd->nitems);
		else {
			line = xprintf("Huddle of %s, %s: item %zu of %zu, "
			    "%zu decided. %s %lld min", hd->locality, day,
			    hd->nitems != 0 ? hd->list.cur + 1 : 0,
			    hd->nitems, decided, left >= 0 ? "Time left:" :
			    "Over by", (long long)((left >= 0 ? left + 59999 :
			    -left) / 60000));
			if (left < 0)
				look = tui_look(LOOK_LATE);
		}
	}
	w_text(win, 0, 0, w, line, look);
	free(line);
	if (hd->started) {
		line = xprintf("Present: %s", hd->h.present != NULL ?
		    hd->h.present : "nobody ticked yet (p)");
		w_text(win, 1, 0, w, line, 0);
		free(line);
	}
}

/* One row of the list: number, family, why, and whether decided. */
static void
hd_draw_row(struct hd *hd, WINDOW *win, int y, int w, size_t i)
{
	const struct hd_item	*it = &hd->items[i];
	char			*line;
	int			 look = 0;

	line = xprintf("%s%2zu. %-8s %s — %s%s%s", i == hd->list.cur ? "▶" :
	    " ", i + 1, it->ref, it->household, huddle_group_name(it->group),
	    it->carried ? " · carried over" : "", it->decided ?
	    " · DECIDED" : "");
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
		    hd->started ? "Decide: n no change, l lead, a acknowledge "
		    "flag, t action, c chase referral, v level." :
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
		    "u undoes the last decision.");
	else if (hd->started && hd->h.ended == 0)
		tui_doc_text(hd->detail, tui_look(LOOK_DIM), 0, NULL, 2,
		    "Decide: n no change, l lead, a acknowledge flag, t "
		    "action, c chase referral, v level.");
}

static void
hd_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h, int w)
{
	struct hd	*hd = s->data;
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
	tui_doc_draw(hd->detail, win, top + rows + 1, h - top - rows - 1, w);
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

/* A decision needs the huddle running and an item under the cursor. */
static int
hd_can_decide(struct tui *t, struct hd *hd)
{
	if (!hd->started)
		tui_say(t, "Start the huddle first (s): decisions are "
		    "recorded in it.");
	else if (hd->h.ended != 0)
		tui_say(t, "The huddle %s has ended.", hd->h.ref);
	else if (hd->nitems == 0)
		tui_say(t, "There is no item to decide on.");
	else
		return 1;
	return 0;
}

static struct tui_form	*hd_form(struct tui *, struct hd *, const char *,
			    enum huddle_decision);
static size_t		 hd_field(struct tui_form *, size_t, int,
			    const char *, const char *, const char *);

static int
hd_no_change(struct tui *t, struct tui_screen *s, int key)
{
	struct hd		*hd = s->data;
	struct huddle_choice	 c;
	struct tui_form		*f;
	char			*cause = NULL;

	(void)key;
	if (!hd_can_decide(t, hd))
		return 0;
	memset(&c, 0, sizeof c);
	c.kind = HUDDLE_NO_CHANGE;
	if (huddle_decide(tui_core(t), &hd->h, (int)hd->list.cur + 1, &c, NULL,
	    &cause) != 0) {
		/* A family with a red flag of high severity: why nothing
		 * changes is asked for, in the minutes. */
		if (tui_core(t)->fault_field != NULL &&
		    strcmp(tui_core(t)->fault_field, "note") == 0) {
			f = hd_form(t, hd, "No change", HUDDLE_NO_CHANGE);
			hd_field(f, FD_NOTE, FORM_NEEDED, "Why no change",
			    NULL, "");
			tui_form_open(t, f);
		}
		tui_fail(t, cause);
		return 0;
	}
	tui_say(t, "Decided for %s: no change.", hd->items[hd->list.cur].ref);
	hd->go_to = hd->list.cur + 2;
	tui_reload(t);
	return 0;
}

/* --- the forms of a decision ---------------------------------------------- */

/* What a decision's form keeps: which huddle, which item, what kind. */
struct hd_form {
	struct oneteam		*ot;
	struct hd		*hd;		/* the screen below the form */
	struct id		 huddle;
	int			 position;
	enum huddle_decision	 kind;
};

static char *
hd_form_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct hd_form		*hf = tui_form_data(f);
	struct huddle_choice	 c;
	struct huddle_decided	 d;
	struct huddle		 h;
	char			*said;
	int			 rc;

	/* Each field of the form is one of the decision's table. */
	memset(&c, 0, sizeof c);
	c.kind = hf->kind;
	tui_form_fill(f, &field_huddle_decide, &c);
	if (huddle_get(tui_core(t), &hf->huddle, &h, cause) != 0)
		return NULL;
	/* Said in full: the cursor moves on, the item's detail with it. */
	rc = huddle_decide(tui_core(t), &h, hf->position, &c, &d, cause);
	said = rc == 0 ? xprintf("Decided for %s: %s",
	    h.items[hf->position - 1].ref, d.note) : NULL;
	if (rc == 0) {
		hf->hd->go_to = (size_t)hf->position + 1;
		huddle_decided_clear(&d);
	}
	huddle_clear(&h);
	return said;
}

static struct tui_form *
hd_form(struct tui *t, struct hd *hd, const char *title,
    enum huddle_decision kind)
{
	struct tui_target	 tg;
	struct tui_form		*f;
	struct hd_form		*hf;
	char			*full;

	memset(&tg, 0, sizeof tg);
	tg.family = hd->items[hd->list.cur].family;
	full = xprintf("%s: %zu. %s %s", title, hd->list.cur + 1,
	    hd->items[hd->list.cur].ref, hd->items[hd->list.cur].household);
	f = tui_form_new(t, full, &tg, hd_form_save);
	free(full);
	hf = xcalloc(1, sizeof *hf);
	hf->ot = tui_core(t);
	hf->hd = hd;
	hf->huddle = hd->h.id;
	hf->position = (int)hd->list.cur + 1;
	hf->kind = kind;
	tui_form_set_data(f, hf);
	return f;
}

/* Add the decision's field fd to the form; prompt, none (NULL: the
 * table's) and initial as this decision words it. */
static size_t
hd_field(struct tui_form *f, size_t fd, int flags, const char *prompt,
    const char *none, const char *initial)
{
	struct field_def	def = field_huddle_decide.fields[fd];

	if (prompt != NULL)
		def.prompt = prompt;
	if (none != NULL)
		def.none = none;
	return tui_form_field(f, &def, flags, initial);
}

/* The decision's field fd as a choice of the family's records, which
 * the caller adds. */
static size_t
hd_record(struct tui_form *f, size_t fd)
{
	const struct field_def	*def = &field_huddle_decide.fields[fd];
	size_t			 i;

	i = tui_form_add(f, def->prompt, FORM_CHOICE, 1, "");
	tui_form_name(f, i, def->name);
	return i;
}

static int
hd_lead(struct tui *t, struct tui_screen *s, int key)
{
	struct hd	*hd = s->data;
	struct tui_form	*f;

	(void)key;
	if (!hd_can_decide(t, hd))
		return 0;
	f = hd_form(t, hd, "Allocate a lead professional", HUDDLE_LEAD);
	hd_field(f, FD_LEAD, FORM_NEEDED, NULL, NULL, NULL);
	tui_form_open(t, f);
	return 0;
}

/* The flags waiting to be acknowledged, into the form's first field. */
static int
hd_flag_item(const struct flag *fl, void *arg)
{
	struct tui_form	*f = arg;

	if (fl->acked == 0 && fl->resolved == 0)
		tui_form_item(f, 0, fl->ref, fl->label, fl->severity);
	return 0;
}

static int
hd_ack(struct tui *t, struct tui_screen *s, int key)
{
	struct hd		*hd = s->data;
	struct tui_form		*f;
	struct family_view	*view;
	char			*cause = NULL;

	(void)key;
	if (!hd_can_decide(t, hd))
		return 0;
	f = hd_form(t, hd, "Acknowledge a red flag", HUDDLE_ACK);
	hd_record(f, FD_FLAG);
	if (access_huddle_view(tui_core(t), &hd->h.id, (int)hd->list.cur + 1,
	    &view, &cause) != 0 ||
	    flag_list(tui_core(t), view, 0, hd_flag_item, f, &cause) != 0)
		tui_fail(t, cause);
	family_view_close(view);
	hd_field(f, FD_NOTE, 0, NULL, NULL, "");
	tui_form_open(t, f);
	return 0;
}

static int
hd_action(struct tui *t, struct tui_screen *s, int key)
{
	struct hd	*hd = s->data;
	struct tui_form	*f;

	(void)key;
	if (!hd_can_decide(t, hd))
		return 0;
	f = hd_form(t, hd, "Add an action", HUDDLE_ACTION);
	hd_field(f, FD_WHAT, FORM_NEEDED, NULL, NULL, "");
	hd_field(f, FD_OWNER, FORM_NEEDED, NULL, NULL, NULL);
	hd_field(f, FD_DUE, 0, NULL, NULL, "");
	tui_form_open(t, f);
	return 0;
}

/* The referrals waiting for an answer, into the form's first field. */
static int
hd_referral_item(const struct referral *r, void *arg)
{
	struct tui_form	*f = arg;
	struct oneteam	*ot = tui_form_data(f) != NULL ?
			    ((struct hd_form *)tui_form_data(f))->ot : NULL;

	if (referral_awaits(r->status))
		tui_form_item(f, 0, r->ref, ot != NULL ?
		    refdata_label(ot->rd, REF_SERVICES, r->service) :
		    r->service, r->ref);
	return 0;
}

static int
hd_chase(struct tui *t, struct tui_screen *s, int key)
{
	struct hd		*hd = s->data;
	struct tui_form		*f;
	struct referral_filter	 rf;
	struct family_view	*view;
	char			*cause = NULL;

	(void)key;
	if (!hd_can_decide(t, hd))
		return 0;
	f = hd_form(t, hd, "Chase a referral", HUDDLE_CHASE);
	hd_record(f, FD_REFERRAL);
	memset(&rf, 0, sizeof rf);
	rf.status = -1;
	if (access_huddle_view(tui_core(t), &hd->h.id, (int)hd->list.cur + 1,
	    &view, &cause) == 0) {
		rf.view = view;
		if (referral_list(tui_core(t), &rf, hd_referral_item, f,
		    &cause) != 0)
			tui_fail(t, cause);
		family_view_close(view);
	} else
		tui_fail(t, cause);
	hd_field(f, FD_OWNER, 0, "Who chases", "who raised it", NULL);
	hd_field(f, FD_DUE, 0, "By", NULL, "today");
	tui_form_open(t, f);
	return 0;
}

static int
hd_level(struct tui *t, struct tui_screen *s, int key)
{
	struct hd	*hd = s->data;
	struct tui_form	*f;

	(void)key;
	if (!hd_can_decide(t, hd))
		return 0;
	f = hd_form(t, hd, "Change the level of need", HUDDLE_LEVEL);
	hd_field(f, FD_LEVEL, FORM_NEEDED, NULL, NULL, "");
	hd_field(f, FD_NOTE, 0, "Reason", NULL, "");
	tui_form_open(t, f);
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
	free(hd);
}

/* --- undoing a decision ------------------------------------------------ */

/* Undone, the cursor stays on the item: it is to be decided again. */
static char *
hd_undo_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct hd_form		*hf = tui_form_data(f);
	struct huddle_undoing	 u;
	struct huddle_decided	 d;
	struct huddle		 h;
	char			*said = NULL;

	memset(&u, 0, sizeof u);
	tui_form_fill(f, &field_huddle_undo, &u);
	if (huddle_get(tui_core(t), &hf->huddle, &h, cause) != 0)
		return NULL;
	if (huddle_undo(tui_core(t), &h, hf->position, &u, &d, cause) == 0) {
		said = xprintf("Undone for %s: %s",
		    h.items[hf->position - 1].ref, d.note);
		hf->hd->go_to = (size_t)hf->position;
		huddle_decided_clear(&d);
	}
	huddle_clear(&h);
	return said;
}

/* The item's last decision that stands, in a form that asks why. */
static int
hd_undo(struct tui *t, struct tui_screen *s, int key)
{
	struct hd			*hd = s->data;
	const struct huddle_entry	*e;
	const struct huddle_decided	*last = NULL;
	struct tui_form			*f;
	char				*title, *cause = NULL;
	size_t				 k;

	(void)key;
	if (!hd_can_decide(t, hd))
		return 0;
	e = &hd->h.items[hd->list.cur];
	for (k = 0; k < e->ndecisions; k++)
		if (!e->decisions[k].undone)
			last = &e->decisions[k];
	/* Whether it may be undone, asked before anything is typed. */
	if (huddle_undo_may(tui_core(t), &hd->h, (int)hd->list.cur + 1,
	    &cause) != 0) {
		tui_fail(t, cause);
		return 0;
	}
	if (last == NULL)
		return 0;
	title = xprintf("Undo \"%s\"", last->note);
	f = hd_form(t, hd, title, HUDDLE_NO_CHANGE);
	free(title);
	tui_form_field(f, &field_huddle_undo.fields[FO_NOTE], 0, NULL);
	tui_form_set_save(f, hd_undo_save);
	tui_form_open(t, f);
	return 0;
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
	    "(the agenda is recorded), p ticks who is present, and each "
	    "decision is a key: n no change, l lead professional, a "
	    "acknowledge a red flag, t an action, c chase a referral, v the "
	    "level of need; u undoes an item's last decision, saying why. e "
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
	tui_push(t, &tui_huddle_ops, hd);
}
