/*
 * tui-tabs.c: what each tab of the Family screen shows, read from the core
 * into a document (tui-doc.c). The Family screen (tui-family.c) owns the
 * keys and the forms; this file only reads and lays out.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/action.h"
#include "oneteam/consent.h"
#include "oneteam/contact.h"
#include "oneteam/family.h"
#include "oneteam/flag.h"
#include "oneteam/person.h"
#include "oneteam/referral.h"
#include "oneteam/story.h"
#include "oneteam/xmalloc.h"
#include "tui-family.h"

static void
tab_day(const char *iso, char *buf, size_t len)
{
	tui_date(iso, buf, len);
}

/* --- people ------------------------------------------------------------- */

static int
tab_person(const struct person *p, void *arg)
{
	struct tab_ctx	*c = arg;
	char		 dob[24], age[32], *markers;
	const char	*v[5];

	tab_day(p->dob, dob, sizeof dob);
	person_age(p->dob, c->ot->now, age, sizeof age);
	markers = person_markers(p->markers, p->archived, 1);
	v[0] = p->ref;
	v[1] = p->name;
	v[2] = refdata_label(c->ot->rd, REF_RELATIONSHIPS, p->relationship);
	v[3] = dob;
	v[4] = markers != NULL ? markers : "";
	if (*age != '\0') {
		char *with = xprintf("%s (%s)", dob, age);

		v[3] = with;
		tui_doc_row(c->doc, 0, TAB_K_PERSON, &p->id, v);
		free(with);
	} else
		tui_doc_row(c->doc, 0, TAB_K_PERSON, &p->id, v);
	free(markers);
	c->count++;
	return 0;
}

static int
tab_people(struct tab_ctx *c, const struct family_view *view, char **cause)
{
	static const struct tui_col cols[] = {
		{ "Ref", 8 }, { "Name", 26 }, { "Relationship", 16 },
		{ "Born", 24 }, { "Notes", 0 },
	};

	tui_doc_columns(c->doc, cols, 5);
	return person_list(c->ot, view, 1, tab_person, c, cause);
}

/* --- contacts ------------------------------------------------------------ */

static int
tab_contact(const struct contact *k, void *arg)
{
	struct tab_ctx	*c = arg;
	char		 when[48], follow[24], *head;
	const char	*kind;

	tui_when(c->t, k->at, when, sizeof when);
	kind = refdata_label(c->ot->rd, REF_CONTACT_KINDS, k->kind);
	head = xprintf("%s  %s%s%s  %s%s  by %s%s", when, kind,
	    k->venue != NULL && *k->venue != '\0' ? " at " : "",
	    k->venue != NULL ? k->venue : "", k->ref,
	    k->planned ? " (planned)" : "", k->recorded_by_name,
	    k->versions > 1 ? "  (corrected)" : "");
	tui_doc_text(c->doc, tui_look(LOOK_HEADING), TAB_K_CONTACT, &k->id, 0,
	    head);
	free(head);
	if (k->seen != NULL && *k->seen != '\0')
		tui_doc_textf(c->doc, 0, 2, "Seen: %s", k->seen);
	if (k->summary != NULL && *k->summary != '\0')
		tui_doc_text(c->doc, 0, TAB_K_CONTACT, &k->id, 2, k->summary);
	if (k->follow_up != NULL) {
		tab_day(k->follow_up, follow, sizeof follow);
		tui_doc_textf(c->doc, 0, 2, "Follow up by %s", follow);
	}
	tui_doc_text(c->doc, 0, 0, NULL, 0, "");
	c->count++;
	return 0;
}

/* --- referrals ------------------------------------------------------------ */

static int
tab_referral(const struct referral *r, void *arg)
{
	struct tab_ctx	*c = arg;
	char		 due[24], status[48];
	const char	*v[6];

	tab_day(r->response_due, due, sizeof due);
	snprintf(status, sizeof status, "%s%s",
	    referral_status_name(r->status), r->overdue ? " (late)" : "");
	v[0] = r->ref;
	v[1] = refdata_label(c->ot->rd, REF_SERVICES, r->service);
	v[2] = status;
	v[3] = due;
	v[4] = r->raised_by;
	v[5] = r->reason;
	tui_doc_row(c->doc, r->overdue ? tui_look(LOOK_LATE) : 0,
	    TAB_K_REFERRAL, &r->id, v);
	c->count++;
	return 0;
}

static int
tab_referrals(struct tab_ctx *c, const struct family_view *view, char **cause)
{
	static const struct tui_col cols[] = {
		{ "Ref", 8 }, { "Service", 22 }, { "Status", 20 },
		{ "Due", 12 }, { "Raised by", 16 }, { "Reason", 0 },
	};
	struct referral_filter	f;

	memset(&f, 0, sizeof f);
	f.view = view;
	f.status = -1;
	tui_doc_columns(c->doc, cols, 6);
	return referral_list(c->ot, &f, tab_referral, c, cause);
}

/* --- flags ------------------------------------------------------------------ */

static int
tab_flag(const struct flag *f, void *arg)
{
	struct tab_ctx	*c = arg;
	char		 when[48], *head;
	const char	*state;

	tui_when(c->t, f->at, when, sizeof when);
	state = f->resolved ? "resolved" : f->acked ? "acknowledged" :
	    "NOT ACKNOWLEDGED";
	/* "!" marks an active flag for those who cannot see the colour. */
	head = xprintf("%s %s  %s  %s (%s)  %s%s%s", f->resolved ? " " : "!",
	    f->ref, when, f->label, f->severity, state,
	    *f->person_name != '\0' ? "  about " : "", f->person_name);
	tui_doc_text(c->doc, f->resolved ? tui_look(LOOK_DIM) :
	    tui_look(LOOK_FLAG), TAB_K_FLAG, &f->id, 0, head);
	free(head);
	if (f->note != NULL && *f->note != '\0')
		tui_doc_text(c->doc, 0, TAB_K_FLAG, &f->id, 4, f->note);
	if (!f->resolved && *f->response != '\0')
		tui_doc_textf(c->doc, tui_look(LOOK_DIM), 4,
		    "Agreed response: %s", f->response);
	tui_doc_textf(c->doc, tui_look(LOOK_DIM), 4, "Raised by %s%s%s%s%s",
	    f->raised_by, f->acked ? "; acknowledged by " : "",
	    f->acked ? f->acked_by : "", f->resolved ? "; resolved by " : "",
	    f->resolved ? f->resolved_by : "");
	if (f->resolved && f->resolve_note != NULL)
		tui_doc_text(c->doc, tui_look(LOOK_DIM), TAB_K_FLAG, &f->id,
		    4, f->resolve_note);
	tui_doc_text(c->doc, 0, 0, NULL, 0, "");
	c->count++;
	return 0;
}

/* --- actions ---------------------------------------------------------------- */

static int
tab_action(const struct action *a, void *arg)
{
	struct tab_ctx	*c = arg;
	char		 due[24], state[32];
	const char	*v[5];

	tab_day(a->due, due, sizeof due);
	snprintf(state, sizeof state, "%s", a->withdrawn ? "withdrawn" :
	    a->done ? "done" : a->overdue ? "LATE" : "open");
	v[0] = a->ref;
	v[1] = state;
	v[2] = due;
	v[3] = a->owner_name;
	v[4] = a->what;
	tui_doc_row(c->doc, a->done ? tui_look(LOOK_DIM) : a->overdue ?
	    tui_look(LOOK_LATE) : 0, TAB_K_ACTION, &a->id, v);
	c->count++;
	return 0;
}

static int
tab_actions(struct tab_ctx *c, const struct family_view *view, char **cause)
{
	static const struct tui_col cols[] = {
		{ "Ref", 8 }, { "State", 10 }, { "Due", 12 }, { "Owner", 18 },
		{ "What", 0 },
	};
	struct action_filter	f;

	memset(&f, 0, sizeof f);
	f.view = view;
	f.all = 1;
	tui_doc_columns(c->doc, cols, 5);
	return action_list(c->ot, &f, tab_action, c, cause);
}

/* --- story ------------------------------------------------------------------ */

static int
tab_story_rev(const struct story_rev *r, void *arg)
{
	struct tab_ctx	*c = arg;
	char		 when[48], rb[24], *by;
	int		 kind = TAB_K_STORY + (int)r->section;

	tui_when(c->t, r->written, when, sizeof when);
	if (r->read_back != NULL)
		tab_day(r->read_back, rb, sizeof rb);
	/* Each line of a section is the section's: e, h and Enter act on
	 * it wherever the cursor is in it. */
	by = xprintf("%s, %s%s%s%s",
	    *r->author_name != '\0' ? r->author_name : "someone", when,
	    r->read_back != NULL ? "; read back to the family " : "",
	    r->read_back != NULL ? rb : "", r->versions > 1 ?
	    "  (two versions: both shown; edit to merge them)" : "");
	tui_doc_text(c->doc, tui_look(LOOK_DIM), kind, NULL, 2, by);
	free(by);
	tui_doc_text(c->doc, 0, kind, NULL, 2, *r->body != '\0' ? r->body :
	    "(cleared)");
	c->count++;
	return 0;
}

static int
tab_story(struct tab_ctx *c, const struct family_view *view, char **cause)
{
	enum story_section	 sec;
	int			 before;

	for (sec = 0; sec < STORY_NSECTIONS; sec++) {
		tui_doc_text(c->doc, tui_look(LOOK_HEADING),
		    TAB_K_STORY + (int)sec, NULL, 0, story_section_title(sec));
		before = c->count;
		if (story_get(c->ot, view, sec, tab_story_rev, c,
		    cause) != 0)
			return -1;
		if (c->count == before)
			tui_doc_text(c->doc, tui_look(LOOK_DIM),
			    TAB_K_STORY + (int)sec, NULL, 2,
			    "Not written yet: press e to write it with the "
			    "family.");
		tui_doc_text(c->doc, 0, TAB_K_STORY + (int)sec, NULL, 0, "");
	}
	return 0;
}

/* --- the tabs --------------------------------------------------------------- */

static int
tab_contacts(struct tab_ctx *c, const struct family_view *view, char **cause)
{
	return contact_list(c->ot, view, 0, tab_contact, c, cause);
}

static int
tab_flags(struct tab_ctx *c, const struct family_view *view, char **cause)
{
	return flag_list(c->ot, view, 1, tab_flag, c, cause);
}

static const struct {
	const char	*name;
	int		(*load)(struct tab_ctx *, const struct family_view *,
			    char **);
	const char	*empty;
} tabs[TAB_COUNT] = {
	[TAB_SUMMARY] = { "Summary", tui_summary_load, NULL },
	[TAB_STORY] = { "Story", tab_story, NULL },
	[TAB_PEOPLE] = { "People", tab_people, "No people recorded: press "
	    "p to add someone." },
	[TAB_CONTACTS] = { "Contacts", tab_contacts, "No contacts yet: "
	    "press c to log one." },
	[TAB_REFERRALS] = { "Referrals", tab_referrals, "No referrals: "
	    "press r to raise one." },
	[TAB_FLAGS] = { "Flags", tab_flags, "No red flags." },
	[TAB_CHRONOLOGY] = { "Chronology", tui_chron_load, NULL },
	[TAB_ACTIONS] = { "Actions", tab_actions, "No actions: press a to "
	    "add one." },
};

const char *
tui_tab_name(enum tab tab)
{
	return tabs[tab].name;
}

int
tui_tab_load(struct tui *t, enum tab tab, const struct family_view *view,
    const struct chron_filter *chron, struct tui_doc *doc, char **cause)
{
	struct tab_ctx	c;

	memset(&c, 0, sizeof c);
	c.t = t;
	c.ot = tui_core(t);
	c.doc = doc;
	c.chron = chron;
	tui_doc_clear(doc);
	if (tabs[tab].load(&c, view, cause) != 0)
		return -1;
	if (c.count == 0 && tabs[tab].empty != NULL)
		tui_doc_text(doc, tui_look(LOOK_DIM), 0, NULL, 2,
		    tabs[tab].empty);
	return 0;
}
