/*
 * export-summary.c writes a family's printed summary for people outside
 * the core team: the family, its people, its consent, its story and the
 * work open with it, then who produced it and on what basis it is shared.
 * A family not shared (export.c's rule) is refused, never written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/action.h"
#include "oneteam/date.h"
#include "oneteam/family.h"
#include "oneteam/person.h"
#include "oneteam/referral.h"
#include "oneteam/story.h"
#include "oneteam/xmalloc.h"
#include "export-private.h"
#include "read-private.h"

/* What the callbacks of the lists write to, and whether they wrote. */
struct export_sink {
	struct oneteam	*ot;
	FILE		*f;
	int		 any;		/* of the whole section */
	int		 titled;	/* of a part of the story */
};

static void
export_summary_family(struct oneteam *ot, const struct family *fam, FILE *f)
{
	char	 code[16], *level = NULL, *needs, *lead, d[32];

	if (fam->level != 0) {
		snprintf(code, sizeof code, "%d", fam->level);
		level = xprintf("%s: %s", code, refdata_label(ot->rd,
		    REF_LEVELS, code));
	}
	needs = fam->needs != NULL ? refdata_labels(ot->rd, REF_NEEDS,
	    fam->needs) : NULL;
	lead = export_staff(ot, &fam->lead, 1);
	export_text_heading(f, "Family");
	export_text_field(f, "Reference", fam->ref);
	export_text_field(f, "Household", fam->household);
	export_text_field(f, "Locality", fam->locality_name);
	export_text_field(f, "Level of need", level != NULL ? level :
	    "not yet assessed");
	export_text_field(f, "Status", fam->status);
	export_text_field(f, "Lead professional", lead != NULL ? lead :
	    "none");
	export_text_field(f, "Next review", export_text_date(fam->next_review,
	    d));
	export_text_field(f, "Needs", needs);
	free(level);
	free(needs);
	free(lead);
}

/* One person: children with their date of birth, adults without it. */
static int
export_summary_person(const struct person *p, void *arg)
{
	struct export_sink	*k = arg;
	struct oneteam		*ot = k->ot;
	char			 d[32], age[32], *line;
	const char		*rel = p->relationship != NULL ?
			     refdata_label(ot->rd, REF_RELATIONSHIPS,
			     p->relationship) : NULL;

	person_age(p->dob, ot->now, age, sizeof age);
	if (p->dob != NULL && p->relationship != NULL &&
	    strcmp(p->relationship, PERSON_UNBORN) == 0)
		line = xprintf("%s, %s, due %s", p->name, rel,
		    export_text_date(p->dob, d));
	else if (p->dob != NULL && person_is_child(p->dob, p->relationship,
	    ot->now))
		line = xprintf("%s%s%s, born %s (%s)", p->name,
		    rel != NULL ? ", " : "", rel != NULL ? rel : "",
		    export_text_date(p->dob, d), age);
	else
		line = xprintf("%s%s%s", p->name, rel != NULL ? ", " : "",
		    rel != NULL ? rel : "");
	export_text(k->f, "  ", 4, line);
	free(line);
	k->any = 1;
	return 0;
}

static int
export_summary_people(struct oneteam *ot, const struct id *family, FILE *f,
    char **cause)
{
	struct export_sink	k = { ot, f, 0, 0 };

	export_text_heading(f, "People");
	if (person_list_core(ot, family, 0, export_summary_person, &k,
	    cause) != 0)
		return -1;
	if (!k.any)
		fputs("  None recorded.\n", f);
	return 0;
}

static void
export_summary_consent(struct oneteam *ot, const struct export_share *s,
    FILE *f)
{
	const struct consent	*c = &s->consent;
	char			 d[32], *review = NULL;
	const char		*by = "Given by";

	export_text_heading(f, "Consent to share");
	if (!s->found) {
		fputs("  NOT RECORDED: the family has not been asked, or did "
		    "not answer.\n", f);
		return;
	}
	if (strcmp(c->state, CONSENT_REFUSED) == 0)
		by = "Refused by";
	else if (strcmp(c->state, CONSENT_WITHDRAWN) == 0)
		by = "Withdrawn by";
	export_text_field(f, "State", strcmp(c->state, CONSENT_GIVEN) == 0 ?
	    "given" : strcmp(c->state, CONSENT_REFUSED) == 0 ? "REFUSED" :
	    "WITHDRAWN");
	export_text_field(f, by, c->given_by);
	export_text_field(f, "Scope", c->scope);
	export_text_field(f, "Date", export_text_date(c->date, d));
	if (c->review != NULL)
		review = xprintf("%s%s", export_text_date(c->review, d),
		    consent_review_due(c, ot->now) ? " (review due)" : "");
	export_text_field(f, "Review", review);
	free(review);
}

/* One current revision of a section of the story, and who wrote it. */
static int
export_summary_story_rev(const struct story_rev *r, void *arg)
{
	struct export_sink	*k = arg;
	char			 d[32], when[32], *by;

	if (r->body == NULL || *r->body == '\0')
		return 0;
	if (!k->titled)
		fprintf(k->f, "  %s\n", story_section_title(r->section));
	k->titled = k->any = 1;
	export_text(k->f, NULL, 4, r->body);
	time_format(r->written, when, sizeof when);
	by = xprintf("(%swritten by %s on %s%s%s)", r->versions > 1 ?
	    "versions differ, not yet agreed; " : "",
	    *r->author_name != '\0' ? r->author_name : "someone not known "
	    "here", when, r->read_back != NULL ? "; read back to the family "
	    "on " : "", export_text_date(r->read_back, d));
	export_text(k->f, NULL, 4, by);
	free(by);
	return 0;
}

static int
export_summary_story(struct oneteam *ot, const struct id *family, FILE *f,
    char **cause)
{
	struct export_sink	k = { ot, f, 0, 0 };
	int			s;

	export_text_heading(f, "The family's story (tell it once)");
	for (s = 0; s < STORY_NSECTIONS; s++) {
		k.titled = 0;
		if (story_get_core(ot, family, (enum story_section)s,
		    export_summary_story_rev, &k, cause) != 0)
			return -1;
	}
	if (!k.any)
		fputs("  Not written yet.\n", f);
	return 0;
}

static int
export_summary_referral(const struct referral *r, void *arg)
{
	struct export_sink	*k = arg;
	char			 d[32], *line, *first;

	first = xprintf("  %s  ", r->ref);
	line = xprintf("%s, %s%s%s%s%s%s", refdata_label(k->ot->rd,
	    REF_SERVICES, r->service), referral_status_name(r->status),
	    *r->person_name != '\0' ? ", about " : "", r->person_name,
	    r->response_due != NULL ? ", answer due " : "",
	    export_text_date(r->response_due, d),
	    r->overdue ? " (overdue)" : "");
	export_text(k->f, first, strlen(first), line);
	export_text(k->f, NULL, strlen(first), r->reason);
	free(first);
	free(line);
	k->any = 1;
	return 0;
}

static int
export_summary_action(const struct action *x, void *arg)
{
	struct export_sink	*k = arg;
	char			 d[32], *line;

	line = xprintf("%s (%s%s%s%s)", x->what, x->owner_name,
	    x->due != NULL ? ", by " : "", export_text_date(x->due, d),
	    x->overdue ? ", overdue" : "");
	export_text(k->f, "  ", 4, line);
	free(line);
	k->any = 1;
	return 0;
}

static int
export_summary_work(struct oneteam *ot, const struct id *family, FILE *f,
    char **cause)
{
	struct referral_filter	 rf = { NULL, 0, 0, 1, -1, NULL, NULL };
	struct action_filter	 af = { NULL, NULL, 0 };
	struct export_sink	 k = { ot, f, 0, 0 };

	export_text_heading(f, "Open referrals");
	if (referral_list_core(ot, family, &rf, export_summary_referral, &k,
	    cause) != 0)
		return -1;
	if (!k.any)
		fputs("  None.\n", f);
	k.any = 0;
	export_text_heading(f, "Open actions");
	if (action_list_core(ot, family, &af, export_summary_action, &k,
	    cause) != 0)
		return -1;
	if (!k.any)
		fputs("  None.\n", f);
	return 0;
}

/* Who produced it, when, where, and on what basis it is shared. */
static void
export_summary_footer(struct oneteam *ot, const struct export_share *s, FILE *f)
{
	char	 when[32], d[32], *me = export_staff(ot, &ot->me, 1);

	time_format(ot->now, when, sizeof when);
	fprintf(f, "\n%.*s\n", EXPORT_WIDTH, "-----------------------------"
	    "---------------------------------------------------");
	export_text_para(f, 0, "Produced by %s on %s at site %s.", me != NULL ?
	    me : "nobody known", when, store_site_name(ot->st));
	if (s->basis == EXPORT_CONSENT)
		export_text_para(f, 0, "Shared with consent given by %s on %s "
		    "for: %s", s->consent.given_by,
		    export_text_date(s->consent.date, d),
		    s->consent.scope != NULL ? s->consent.scope : "");
	else
		export_text_para(f, 0, "Shared without consent, on "
		    "safeguarding grounds: %s", s->safeguarding);
	fputs("Do not copy it or pass it on. Destroy it securely when it is no "
	    "longer needed.\nOFFICIAL-SENSITIVE\n", f);
	free(me);
}

int
export_summary(struct oneteam *ot, const struct export_share *s, FILE *f,
    char **cause)
{
	struct family	fam;
	int		rc = -1;

	if (s->basis == EXPORT_REFUSED)
		return oneteam_refuse(ot, cause, "%s %s: it is not shared "
		    "outside the team", s->ref, export_why_not(s));
	if (family_get_core(ot, &s->family, &fam, cause) != 0)
		return -1;
	fputs("OFFICIAL-SENSITIVE\n", f);
	export_text_para(f, 0, "Family summary: %s, %s", fam.household,
	    fam.ref);
	fputs("For the people it is shared with, on a need-to-know basis.\n",
	    f);
	export_summary_family(ot, &fam, f);
	if (export_summary_people(ot, &s->family, f, cause) != 0)
		goto out;
	export_summary_consent(ot, s, f);
	if (export_summary_story(ot, &s->family, f, cause) != 0 ||
	    export_summary_work(ot, &s->family, f, cause) != 0)
		goto out;
	export_summary_footer(ot, s, f);
	rc = 0;
out:
	family_clear(&fam);
	return rc;
}
