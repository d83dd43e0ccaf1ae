/*
 * tui-history.c: the History screen of a record of a family, read from
 * the family's view as the Family screen's tabs are: a referral's own
 * view (what was asked, every change of its status, and u to move it
 * on), a section of the story with every version of it, and the family's
 * decisions on consent, newest first. h on the Family screen opens the
 * one under the cursor; Enter on a referral opens its view.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/consent.h"
#include "oneteam/referral.h"
#include "oneteam/story.h"
#include "oneteam/xmalloc.h"
#include "tui-family.h"
#include "tui-forms.h"

enum history_of {
	HISTORY_REFERRAL,
	HISTORY_STORY,
	HISTORY_CONSENT,
};

struct history {
	struct tui_target	 tg;
	enum history_of		 of;
	struct tui_doc		*doc;
};

/* A text of several lines, each a line of the document, indented. */
static void
history_lines(struct tui_doc *doc, int look, int indent, const char *text)
{
	char	*all, *p, *line;

	p = all = xstrdup(text);
	while ((line = strsep(&p, "\n")) != NULL)
		tui_doc_text(doc, look, 0, NULL, indent, line);
	free(all);
}

static int
history_event(const struct referral_event *e, void *arg)
{
	struct tui	*t = ((void **)arg)[0];
	struct tui_doc	*doc = ((void **)arg)[1];
	char		 when[32];

	tui_when(t, e->at, when, sizeof when);
	tui_doc_textf(doc, 0, 2, "%s  %s, by %s", when,
	    referral_status_name(e->status), *e->by != '\0' ? e->by :
	    "someone of another site");
	if (e->note != NULL && *e->note != '\0')
		history_lines(doc, tui_look(LOOK_DIM), 4, e->note);
	return 0;
}

static int
history_referral(struct tui *t, struct history *h, char **cause)
{
	struct oneteam	*ot = tui_core(t);
	struct referral	 r;
	void		*arg[2] = { t, h->doc };
	char		 due[24], sent[32], *needs;

	if (referral_get(ot, h->tg.view, &h->tg.id, &r, cause) != 0)
		return -1;
	tui_doc_textf(h->doc, tui_look(LOOK_HEADING), 0, "Referral %s to %s: "
	    "%s", r.ref, refdata_label(ot->rd, REF_SERVICES, r.service),
	    referral_status_name(r.status));
	tui_doc_textf(h->doc, 0, 2, "About: %s", *r.person_name != '\0' ?
	    r.person_name : "the whole family");
	tui_doc_textf(h->doc, 0, 2, "Urgency: %s · basis for sharing: %s",
	    r.urgency != NULL ? r.urgency : "routine", r.basis != NULL ?
	    r.basis : "not said yet (a draft)");
	if (r.basis_reason != NULL && *r.basis_reason != '\0') {
		tui_doc_text(h->doc, 0, 0, NULL, 2, "Why without consent:");
		history_lines(h->doc, 0, 4, r.basis_reason);
	}
	if (r.needs != NULL && *r.needs != '\0') {
		needs = refdata_labels(ot->rd, REF_NEEDS, r.needs);
		tui_doc_textf(h->doc, 0, 2, "Needs: %s", needs);
		free(needs);
	}
	if (r.sent_at != 0) {
		tui_when(t, r.sent_at, sent, sizeof sent);
		tui_date(r.response_due, due, sizeof due);
		tui_doc_textf(h->doc, r.overdue ? tui_look(LOOK_LATE) : 0, 2,
		    "Sent %s by %s; answer due %s%s", sent, r.raised_by, due,
		    r.overdue ? " (LATE)" : "");
	} else
		tui_doc_textf(h->doc, 0, 2, "A draft of %s, not sent",
		    r.raised_by);
	tui_doc_text(h->doc, 0, 0, NULL, 2, "Reason:");
	history_lines(h->doc, 0, 4, r.reason);
	if (r.outcome != NULL && *r.outcome != '\0') {
		tui_doc_text(h->doc, 0, 0, NULL, 2, "Outcome:");
		history_lines(h->doc, 0, 4, r.outcome);
	}
	tui_doc_text(h->doc, 0, 0, NULL, 0, "");
	tui_doc_text(h->doc, tui_look(LOOK_HEADING), 0, NULL, 0,
	    referral_is_final(r.status) ? "Its history, oldest first" :
	    "Its history, oldest first (u moves it on)");
	referral_clear(&r);
	return referral_history(ot, h->tg.view, &h->tg.id, history_event,
	    arg, cause);
}

static int
history_rev(const struct story_rev *r, void *arg)
{
	struct tui	*t = ((void **)arg)[0];
	struct tui_doc	*doc = ((void **)arg)[1];
	char		 when[32], back[24];

	tui_when(t, r->written, when, sizeof when);
	if (r->read_back != NULL)
		tui_date(r->read_back, back, sizeof back);
	tui_doc_textf(doc, tui_look(LOOK_HEADING), 0, "Version %d, %s by %s%s"
	    "%s%s", r->revision, when, *r->author_name != '\0' ?
	    r->author_name : "someone of another site", r->current ?
	    " (as it stands)" : "", r->read_back != NULL ?
	    "; read back to the family on " : "", r->read_back != NULL ?
	    back : "");
	history_lines(doc, r->current ? 0 : tui_look(LOOK_DIM), 2,
	    *r->body != '\0' ? r->body : "(emptied)");
	tui_doc_text(doc, 0, 0, NULL, 0, "");
	(*(size_t *)((void **)arg)[2])++;
	return 0;
}

static int
history_consent(const struct consent *c, void *arg)
{
	struct tui	*t = ((void **)arg)[0];
	struct tui_doc	*doc = ((void **)arg)[1];
	char		 day[24], review[24], when[32];

	tui_date(c->date, day, sizeof day);
	tui_when(t, c->created, when, sizeof when);
	tui_doc_textf(doc, tui_look(LOOK_HEADING), 0, "%s, by %s, on %s",
	    c->state, c->given_by, day);
	if (c->scope != NULL && *c->scope != '\0')
		tui_doc_textf(doc, 0, 2, "What may be shared: %s", c->scope);
	if (c->review != NULL) {
		tui_date(c->review, review, sizeof review);
		tui_doc_textf(doc, 0, 2, "Review by %s", review);
	}
	tui_doc_textf(doc, tui_look(LOOK_DIM), 2, "Recorded %s by %s", when,
	    *c->recorded_by_name != '\0' ? c->recorded_by_name :
	    "someone of another site");
	tui_doc_text(doc, 0, 0, NULL, 0, "");
	return 0;
}

static int
history_load(struct tui *t, struct tui_screen *s, char **cause)
{
	struct history		*h = s->data;
	enum story_section	 sec;
	size_t			 nrev = 0;
	void			*arg[3] = { t, h->doc, &nrev };

	tui_doc_clear(h->doc);
	switch (h->of) {
	case HISTORY_REFERRAL:
		return history_referral(t, h, cause);
	case HISTORY_STORY:
		sec = (enum story_section)(h->tg.kind - TAB_K_STORY);
		tui_doc_textf(h->doc, tui_look(LOOK_HEADING), 0, "The family's "
		    "story: %s, every version, newest first",
		    story_section_title(sec));
		tui_doc_text(h->doc, 0, 0, NULL, 0, "");
		if (story_history(tui_core(t), h->tg.view, sec, history_rev,
		    arg, cause) != 0)
			return -1;
		if (nrev == 0)
			tui_doc_text(h->doc, tui_look(LOOK_DIM), 0, NULL, 2,
			    "Not written yet: e on the Story tab writes it "
			    "with the family.");
		return 0;
	default:
		tui_doc_text(h->doc, tui_look(LOOK_HEADING), 0, NULL, 0,
		    "The family's decisions on sharing, newest first (k "
		    "records one on the family)");
		tui_doc_text(h->doc, 0, 0, NULL, 0, "");
		return consent_list(tui_core(t), h->tg.view, history_consent,
		    arg, cause);
	}
}

static void
history_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int hh,
    int w)
{
	struct history	*h = s->data;

	(void)t;
	tui_doc_draw(h->doc, win, 0, hh, w);
}

static enum w_result
history_key(struct tui *t, struct tui_screen *s, int key)
{
	struct history	*h = s->data;

	(void)t;
	return tui_doc_key(h->doc, key) == W_IGNORED ? W_IGNORED : W_HANDLED;
}

static void
history_free(struct tui_screen *s)
{
	struct history	*h = s->data;

	tui_doc_free(h->doc);
	free(h);
}

/* Move the referral on: its form, the view read again once saved. */
static int
history_update(struct tui *t, struct tui_screen *s, int key)
{
	struct history	*h = s->data;

	(void)key;
	if (h->of != HISTORY_REFERRAL) {
		tui_say(t, "u moves a referral on: open one (Enter on the "
		    "Referrals tab) first.");
		return 0;
	}
	tui_form_referral_update(t, &h->tg);
	return 0;
}

static const struct tui_bind history_binds[] = {
	{ 'u', "u", "move the referral on", 1, history_update },
	{ 0, NULL, NULL, 0, NULL }
};

/* u is offered in the key bar on a referral's view only. */
static const struct tui_bind history_binds_read[] = {
	{ 'u', "u", "move the referral on", TUI_BAR_NEVER, history_update },
	{ 0, NULL, NULL, 0, NULL }
};

static const struct tui_bind *
history_binds_now(struct tui_screen *s)
{
	struct history	*h = s->data;

	return h->of == HISTORY_REFERRAL ? history_binds : history_binds_read;
}

const struct tui_screen_ops tui_history_ops = {
	.name = "History",
	.about = "A record's history, read only: a referral with every "
	    "change of its status (u moves it on), a section of the story "
	    "with every version, or the family's decisions on consent. q or "
	    "Esc goes back.",
	.binds = history_binds,
	.binds_now = history_binds_now,
	.load = history_load,
	.draw = history_draw,
	.key = history_key,
	.free = history_free,
};

/*
 * The history of the record under the Family screen's cursor: its
 * referral or its section of the story; anywhere else, the family's
 * consent.
 */
void
tui_history_open(struct tui *t, const struct tui_target *tg)
{
	struct history	*h = xcalloc(1, sizeof *h);

	h->tg = *tg;
	if (tg->kind == TAB_K_REFERRAL)
		h->of = HISTORY_REFERRAL;
	else if (tg->kind >= TAB_K_STORY &&
	    tg->kind < TAB_K_STORY + STORY_NSECTIONS)
		h->of = HISTORY_STORY;
	else
		h->of = HISTORY_CONSENT;
	h->doc = tui_doc_new();
	tui_push(t, &tui_history_ops, h);
}
