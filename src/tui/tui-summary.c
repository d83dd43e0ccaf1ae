/*
 * tui-summary.c: the Summary tab of a family, everything the team needs at
 * a glance: the level, the lead professional, consent, needs, who is
 * involved from which agency, the active red flags, the open referrals,
 * and the contacts planned by any agency, so that two workers do not meet
 * on the doorstep.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/chronology.h"
#include "oneteam/consent.h"
#include "oneteam/contact.h"
#include "oneteam/family.h"
#include "oneteam/flag.h"
#include "oneteam/referral.h"
#include "oneteam/xmalloc.h"
#include "tui-family.h"

#define SUMMARY_PLANNED	5	/* planned contacts shown */

/* Who has recorded something about the family, once each. */
struct involved {
	char	**who;
	char	**agency;
	size_t	  n;
};

static int
summary_involved_add(const struct chron_event *e, void *arg)
{
	struct involved	*in = arg;
	size_t		 i;

	if (e->who == NULL || *e->who == '\0')
		return 0;
	for (i = 0; i < in->n; i++)
		if (strcmp(in->who[i], e->who) == 0)
			return 0;
	in->who = xreallocarray(in->who, in->n + 1, sizeof *in->who);
	in->agency = xreallocarray(in->agency, in->n + 1, sizeof *in->agency);
	in->who[in->n] = xstrdup(e->who);
	in->agency[in->n] = xstrdup(e->agency != NULL ? e->agency : "");
	in->n++;
	return 0;
}

static int
summary_involved(struct tab_ctx *c, const struct family_view *view,
    char **cause)
{
	struct involved	in;
	size_t		i;
	int		rc;

	memset(&in, 0, sizeof in);
	/* Newest first, so the list starts with who is active now. */
	rc = chronology(c->ot, view, 1, NULL, summary_involved_add, &in,
	    cause);
	tui_doc_text(c->doc, tui_look(LOOK_HEADING), 0, NULL, 0,
	    "Who is involved");
	for (i = 0; i < in.n; i++) {
		if (rc == 0)
			tui_doc_textf(c->doc, 0, 2, "%s (%s)", in.who[i],
			    *in.agency[i] != '\0' ? in.agency[i] : "agency "
			    "not known");
		free(in.who[i]);
		free(in.agency[i]);
	}
	if (in.n == 0 && rc == 0)
		tui_doc_text(c->doc, tui_look(LOOK_DIM), 0, NULL, 2,
		    "Nobody has recorded anything yet.");
	free(in.who);
	free(in.agency);
	return rc;
}

static int
summary_consent(struct tab_ctx *c, const struct family_view *view, char **cause)
{
	struct consent	k;
	char		date[24], review[24];
	int		found;

	if (consent_current(c->ot, view, &k, &found, cause) != 0)
		return -1;
	if (!found) {
		/* Said plainly: nothing may be shared outside the team. */
		tui_doc_text(c->doc, tui_look(LOOK_FLAG), 0, NULL, 0,
		    "Consent: NOT RECORDED - press k to record the "
		    "family's decision");
		return 0;
	}
	tui_date(k.date, date, sizeof date);
	tui_date(k.review, review, sizeof review);
	tui_doc_textf(c->doc, strcmp(k.state, "given") == 0 ? 0 :
	    tui_look(LOOK_FLAG), 0, "Consent: %s by %s on %s%s%s%s",
	    k.state, k.given_by, date, k.review != NULL ? ", review by " : "",
	    k.review != NULL ? review : "", consent_review_due(&k,
	    c->ot->now) ? " (REVIEW DUE)" : "");
	if (k.scope != NULL && *k.scope != '\0')
		tui_doc_textf(c->doc, 0, 2, "Scope: %s", k.scope);
	consent_clear(&k);
	return 0;
}

static int
summary_flag(const struct flag *f, void *arg)
{
	struct tab_ctx	*c = arg;

	tui_doc_textf(c->doc, tui_look(LOOK_FLAG), 2, "! %s %s (%s)%s",
	    f->ref, f->label, f->severity, f->acked ? "" :
	    ": not acknowledged");
	c->count++;
	return 0;
}

static int
summary_referral(const struct referral *r, void *arg)
{
	struct tab_ctx	*c = arg;
	char		 due[24];

	tui_date(r->response_due, due, sizeof due);
	tui_doc_textf(c->doc, r->overdue ? tui_look(LOOK_LATE) : 0, 2,
	    "%s %s: %s, answer due %s%s", r->ref, refdata_label(c->ot->rd,
	    REF_SERVICES, r->service), referral_status_name(r->status), due,
	    r->overdue ? " (LATE)" : "");
	c->count++;
	return 0;
}

static int
summary_planned(const struct contact *k, void *arg)
{
	struct tab_ctx	*c = arg;
	char		 when[48];

	if (!k->planned || k->at < c->ot->now || c->count >= SUMMARY_PLANNED)
		return 0;
	tui_when(c->t, k->at, when, sizeof when);
	tui_doc_textf(c->doc, 0, 2, "%s  %s, %s", when,
	    refdata_label(c->ot->rd, REF_CONTACT_KINDS, k->kind),
	    k->recorded_by_name);
	c->count++;
	return 0;
}

static void
summary_family(struct tab_ctx *c, const struct family *f)
{
	char	*needs = NULL, review[24], level[12];

	tui_date(f->next_review, review, sizeof review);
	snprintf(level, sizeof level, "%d", f->level);
	tui_doc_textf(c->doc, 0, 0, "Level of need: %s", f->level > 0 ?
	    refdata_label(c->ot->rd, REF_LEVELS, level) : "not assessed");
	tui_doc_textf(c->doc, 0, 0, "Status: %s    Next review: %s",
	    f->status, review);
	tui_doc_textf(c->doc, f->lead_name == NULL || *f->lead_name == '\0' ?
	    tui_look(LOOK_LATE) : 0, 0, "Lead professional: %s",
	    f->lead_name != NULL && *f->lead_name != '\0' ? f->lead_name :
	    "NONE - ask the coordinator to allocate one");
	if (f->needs != NULL && *f->needs != '\0') {
		needs = refdata_labels(c->ot->rd, REF_NEEDS, f->needs);
		tui_doc_textf(c->doc, 0, 0, "Needs: %s", needs);
		free(needs);
	}
	if (f->address != NULL && *f->address != '\0')
		tui_doc_textf(c->doc, 0, 0, "Address: %s%s%s", f->address,
		    f->postcode != NULL ? ", " : "", f->postcode != NULL ?
		    f->postcode : "");
	if (f->later > 0)
		tui_doc_textf(c->doc, tui_look(LOOK_LATE), 0, "Not shown yet: "
		    "%lld change%s made by a newer oneteam, shown in full once "
		    "this one is upgraded to one that knows %s",
		    (long long)f->later, f->later == 1 ? "" : "s",
		    f->later == 1 ? "it" : "them");
}

static int
summary_lists(struct tab_ctx *c, const struct family_view *view, char **cause)
{
	struct referral_filter	rf;

	tui_doc_text(c->doc, tui_look(LOOK_HEADING), 0, NULL, 0,
	    "Active red flags");
	c->count = 0;
	if (flag_list(c->ot, view, 0, summary_flag, c, cause) != 0)
		return -1;
	if (c->count == 0)
		tui_doc_text(c->doc, tui_look(LOOK_DIM), 0, NULL, 2, "None.");
	tui_doc_text(c->doc, tui_look(LOOK_HEADING), 0, NULL, 0,
	    "Open referrals");
	memset(&rf, 0, sizeof rf);
	rf.view = view;
	rf.open = 1;
	rf.status = -1;
	c->count = 0;
	if (referral_list(c->ot, &rf, summary_referral, c, cause) != 0)
		return -1;
	if (c->count == 0)
		tui_doc_text(c->doc, tui_look(LOOK_DIM), 0, NULL, 2, "None.");
	tui_doc_text(c->doc, tui_look(LOOK_HEADING), 0, NULL, 0,
	    "Planned contacts, by any agency");
	c->count = 0;
	if (contact_list(c->ot, view, 0, summary_planned, c, cause) != 0)
		return -1;
	if (c->count == 0)
		tui_doc_text(c->doc, tui_look(LOOK_DIM), 0, NULL, 2, "None.");
	return 0;
}

int
tui_summary_load(struct tab_ctx *c, const struct family_view *view,
    char **cause)
{
	struct family	f;
	int		rc;

	if (family_get(c->ot, view, &f, cause) != 0)
		return -1;
	summary_family(c, &f);
	family_clear(&f);
	if (summary_consent(c, view, cause) != 0 ||
	    summary_lists(c, view, cause) != 0)
		return -1;
	rc = summary_involved(c, view, cause);
	/* The summary is never "empty": count it as read. */
	c->count = 1;
	return rc;
}
