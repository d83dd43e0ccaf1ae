/*
 * tui-huddle-decide.c: the decisions of the Huddle screen, each a key: no
 * change at once, the others a form of the fields of huddle decide
 * (field.h) saved by one call of the core; and u, undoing an item's last
 * decision, asked of the core before its form opens.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/authority.h"
#include "oneteam/family.h"
#include "oneteam/field.h"
#include "oneteam/flag.h"
#include "oneteam/huddle.h"
#include "oneteam/referral.h"
#include "oneteam/xmalloc.h"
#include "tui-forms.h"
#include "tui-huddle.h"
#include "tui-lists.h"

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

int
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

/*
 * Save a decision's form (c) or an undoing's (u, c NULL) in the huddle as
 * it is now, and say it in full. Decided, the cursor moves on, the item's
 * detail with it; undone, it stays on the item: it is to be decided again.
 */
static char *
hd_save(struct tui *t, struct hd_form *hf, const struct huddle_choice *c,
    const struct huddle_undoing *u, char **cause)
{
	struct huddle_decided	 d;
	struct huddle		 h;
	char			*said = NULL;
	int			 rc;

	if (huddle_get(tui_core(t), &hf->huddle, &h, cause) != 0)
		return NULL;
	if (c != NULL)
		rc = huddle_decide(tui_core(t), &h, hf->position, c, &d, cause);
	else
		rc = huddle_undo(tui_core(t), &h, hf->position, u, &d, cause);
	if (rc == 0) {
		said = xprintf(c != NULL ? "Decided for %s: %s" :
		    "Undone for %s: %s", h.items[hf->position - 1].ref, d.note);
		hf->hd->go_to = (size_t)hf->position + (c != NULL ? 1 : 0);
		huddle_decided_clear(&d);
	}
	huddle_clear(&h);
	return said;
}

static char *
hd_form_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct hd_form		*hf = tui_form_data(f);
	struct huddle_choice	 c;

	/* Each field of the form is one of the decision's table. */
	memset(&c, 0, sizeof c);
	c.kind = hf->kind;
	tui_form_fill(f, &field_huddle_decide, &c);
	return hd_save(t, hf, &c, NULL, cause);
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

int
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

int
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

int
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

int
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

int
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

int
hd_review(struct tui *t, struct tui_screen *s, int key)
{
	struct hd	*hd = s->data;
	struct tui_form	*f;

	(void)key;
	if (!hd_can_decide(t, hd))
		return 0;
	f = hd_form(t, hd, "Set the next review", HUDDLE_REVIEW);
	hd_field(f, FD_REVIEW, FORM_NEEDED, NULL, NULL, "");
	hd_field(f, FD_NOTE, 0, NULL, NULL, "");
	tui_form_open(t, f);
	return 0;
}

/* An action whose owner is the family's lead unless another is chosen. */
static int
hd_lead_action(struct tui *t, struct tui_screen *s, const char *title,
    enum huddle_decision kind, int days)
{
	struct hd	*hd = s->data;
	struct tui_form	*f;
	char		 due[16];

	if (!hd_can_decide(t, hd))
		return 0;
	snprintf(due, sizeof due, "+%dd", days);
	f = hd_form(t, hd, title, kind);
	hd_field(f, FD_OWNER, 0, "Who does it", "the lead professional",
	    NULL);
	hd_field(f, FD_DUE, 0, "By", NULL, due);
	hd_field(f, FD_NOTE, 0, NULL, NULL, "");
	tui_form_open(t, f);
	return 0;
}

int
hd_seek_consent(struct tui *t, struct tui_screen *s, int key)
{
	(void)key;
	return hd_lead_action(t, s, "Seek consent to share again",
	    HUDDLE_SEEK_CONSENT, HUDDLE_SEEK_DAYS);
}

int
hd_taf(struct tui *t, struct tui_screen *s, int key)
{
	(void)key;
	return hd_lead_action(t, s, "Convene a team around the family",
	    HUDDLE_TAF, HUDDLE_TAF_DAYS);
}

int
hd_front_door(struct tui *t, struct tui_screen *s, int key)
{
	struct hd	*hd = s->data;
	struct tui_form	*f;

	(void)key;
	if (!hd_can_decide(t, hd))
		return 0;
	f = hd_form(t, hd, "Refer to the front door (urgent)",
	    HUDDLE_FRONT_DOOR);
	hd_field(f, FD_WHY, FORM_NEEDED, NULL, NULL, "");
	tui_form_open(t, f);
	return 0;
}

/* Closing is a coordinator's: asked before the form opens. */
int
hd_close(struct tui *t, struct tui_screen *s, int key)
{
	struct hd	*hd = s->data;
	struct tui_form	*f;
	char		*cause = NULL;

	(void)key;
	if (!hd_can_decide(t, hd))
		return 0;
	if (authority_need_role(tui_core(t), "family",
	    &hd->items[hd->list.cur].family, "status", FAMILY_STATUS_CLOSED,
	    NULL, &cause) != 0) {
		tui_fail(t, cause);
		return 0;
	}
	f = hd_form(t, hd, "Close early help", HUDDLE_CLOSE);
	hd_field(f, FD_END, FORM_NEEDED, NULL, NULL, "");
	hd_field(f, FD_NOTE, 0, NULL, NULL, "");
	tui_form_open(t, f);
	return 0;
}

/* Parked: off the agenda until its facts change; why, for the minutes. */
int
hd_park(struct tui *t, struct tui_screen *s, int key)
{
	struct hd	*hd = s->data;
	struct tui_form	*f;

	char		*cause = NULL;

	(void)key;
	if (!hd_can_decide(t, hd))
		return 0;
	/* What must be seen every time is refused before anything is
	 * typed. */
	if (huddle_park_ask(tui_core(t), &hd->h, (int)hd->list.cur + 1,
	    &cause) != 0) {
		tui_fail(t, cause);
		return 0;
	}
	f = hd_form(t, hd, "Park until something about it changes",
	    HUDDLE_PARK);
	hd_field(f, FD_NOTE, 0, "Why", NULL, "");
	tui_form_open(t, f);
	return 0;
}

/* --- undoing a decision ------------------------------------------------ */

static char *
hd_undo_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct huddle_undoing	 u;

	memset(&u, 0, sizeof u);
	tui_form_fill(f, &field_huddle_undo, &u);
	return hd_save(t, tui_form_data(f), NULL, &u, cause);
}

/* The item's last decision that stands, in a form that asks why. */
int
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
