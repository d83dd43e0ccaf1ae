/*
 * huddle-decide.c owns what a running huddle decides for an item
 * (huddle.h): each decision is written with the record it makes (a lead,
 * a flag acknowledged, an action) in one transaction, and told in words
 * for the minutes. The huddle itself is huddle-meet.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huddle-int.h"
#include "read-private.h"
#include "referral-sql.h"
#include "oneteam/action.h"
#include "oneteam/consent.h"
#include "oneteam/date.h"
#include "oneteam/family.h"
#include "oneteam/field.h"
#include "oneteam/flag.h"
#include "oneteam/kinds.h"
#include "oneteam/referral.h"
#include "oneteam/refdata.h"
#include "oneteam/staff.h"
#include "oneteam/xmalloc.h"

static const char *const decision_codes[HUDDLE_NDECISIONS] = {
	[HUDDLE_NO_CHANGE] = "no_change",
	[HUDDLE_LEAD] = "lead",
	[HUDDLE_ACK] = "ack",
	[HUDDLE_ACTION] = "action",
	[HUDDLE_CHASE] = "chase",
	[HUDDLE_LEVEL] = "level",
	[HUDDLE_REVIEW] = "review",
	[HUDDLE_SEEK_CONSENT] = "consent",
	[HUDDLE_TAF] = "taf",
	[HUDDLE_FRONT_DOOR] = "front_door",
	[HUDDLE_CLOSE] = "close",
	[HUDDLE_PARK] = "park",
};

static const char *const decision_names[HUDDLE_NDECISIONS] = {
	[HUDDLE_NO_CHANGE] = "No change",
	[HUDDLE_LEAD] = "Lead professional allocated",
	[HUDDLE_ACK] = "Red flag acknowledged",
	[HUDDLE_ACTION] = "Action agreed",
	[HUDDLE_CHASE] = "Referral to be chased",
	[HUDDLE_LEVEL] = "Level of need changed",
	[HUDDLE_REVIEW] = "Review date set",
	[HUDDLE_SEEK_CONSENT] = "Consent to be sought again",
	[HUDDLE_TAF] = "Team around the family to be convened",
	[HUDDLE_FRONT_DOOR] = "Referred to the front door",
	[HUDDLE_CLOSE] = "Early help closed",
	[HUDDLE_PARK] = "Parked until something changes",
};

/* The fields each takes (a bit each, field.h FD_*); a field of the
 * same member of the choice as one of these is taken too. */
#define FB(f)	(1u << (f))
static const unsigned decision_fields[HUDDLE_NDECISIONS] = {
	[HUDDLE_NO_CHANGE] = FB(FD_NOTE),
	[HUDDLE_LEAD] = FB(FD_LEAD) | FB(FD_NOTE),
	[HUDDLE_ACK] = FB(FD_FLAG) | FB(FD_NOTE),
	[HUDDLE_ACTION] = FB(FD_WHAT) | FB(FD_OWNER) | FB(FD_DUE) |
	    FB(FD_NOTE),
	[HUDDLE_CHASE] = FB(FD_REFERRAL) | FB(FD_OWNER) | FB(FD_DUE) |
	    FB(FD_NOTE),
	[HUDDLE_LEVEL] = FB(FD_LEVEL) | FB(FD_NOTE),
	[HUDDLE_REVIEW] = FB(FD_REVIEW) | FB(FD_NOTE),
	[HUDDLE_SEEK_CONSENT] = FB(FD_OWNER) | FB(FD_DUE) | FB(FD_NOTE),
	[HUDDLE_TAF] = FB(FD_OWNER) | FB(FD_DUE) | FB(FD_NOTE),
	[HUDDLE_FRONT_DOOR] = FB(FD_WHY) | FB(FD_NOTE),
	[HUDDLE_CLOSE] = FB(FD_END) | FB(FD_NOTE),
	[HUDDLE_PARK] = FB(FD_NOTE),
};

/*
 * Refuse a field given that the decision does not take (an owner for the
 * front door, a due date for a close): said and then ignored, it would
 * tell the room something that was not recorded.
 */
static int
decide_fields_taken(struct oneteam *ot, const struct huddle_choice *c,
    char **cause)
{
	const struct field_def	*fd = field_huddle_decide.fields;
	unsigned		 take = decision_fields[c->kind];
	size_t			 i, k;
	char			 code[32], *p;

	for (i = 0; i < FD_N; i++) {
		if (field_get(&fd[i], c) == NULL)
			continue;
		for (k = 0; k < FD_N; k++)
			if ((take & FB(k)) && fd[k].offset == fd[i].offset)
				break;
		if (k < FD_N)
			continue;
		/* Named as typed: "front-door". */
		snprintf(code, sizeof code, "%s", decision_codes[c->kind]);
		for (p = code; *p != '\0'; p++)
			if (*p == '_')
				*p = '-';
		/* A member two fields share (the lead, the owner) is
		 * named by the one this decision's kind would say. */
		for (k = i + 1; k < FD_N; k++)
			if (fd[k].offset == fd[i].offset)
				i = k;
		return oneteam_refuse_field(ot, cause, fd[i].name, "%s takes "
		    "no %s", code, fd[i].label);
	}
	return 0;
}

/* The record each writes; NULL: the family itself. */
static const char *const decision_records[HUDDLE_NDECISIONS] = {
	[HUDDLE_ACK] = "flag",
	[HUDDLE_ACTION] = "action",
	[HUDDLE_CHASE] = "action",
	[HUDDLE_SEEK_CONSENT] = "action",
	[HUDDLE_TAF] = "action",
	[HUDDLE_FRONT_DOOR] = "referral",
};

const char *
huddle_decision_code(enum huddle_decision d)
{
	return (unsigned)d < HUDDLE_NDECISIONS ? decision_codes[d] : "";
}

const char *
huddle_decision_name(enum huddle_decision d)
{
	return (unsigned)d < HUDDLE_NDECISIONS ? decision_names[d] :
	    "A decision of a newer oneteam";
}

const char *
huddle_decision_record(enum huddle_decision d)
{
	return (unsigned)d < HUDDLE_NDECISIONS ? decision_records[d] : NULL;
}

int
huddle_decision_parse(const char *s, enum huddle_decision *out)
{
	size_t	i, k;

	for (i = 0; i < HUDDLE_NDECISIONS; i++) {
		for (k = 0; s[k] != '\0' && decision_codes[i][k] != '\0'; k++)
			if (s[k] != decision_codes[i][k] &&
			    !(s[k] == '-' && decision_codes[i][k] == '_'))
				break;
		if (s[k] == '\0' && decision_codes[i][k] == '\0') {
			*out = (enum huddle_decision)i;
			return 0;
		}
	}
	return -1;
}

struct decide_arg {
	const struct huddle		*h;
	const struct huddle_entry	*e;
	const struct huddle_choice	*c;
	enum huddle_decision		 kind;
	char				*note;	/* in words, for the minutes */
	struct id			 record;
	struct field_val		 v[FD_N]; /* the choice, as read */
	/* A lead (S- reference, "" for none) or a level, before the
	 * decision and after it: what undoing it puts back. */
	char				 before[ID_REF_MAX];
	char				 after[ID_REF_MAX];
};

/* With the words said, if any: "what; said". */
static char *
decide_said(const char *what, const char *said)
{
	if (said == NULL || *said == '\0')
		return xstrdup(what);
	return xprintf("%s; %s", what, said);
}

static int
decide_lead(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	struct family_change	 fc;
	struct family		 fam;
	struct staff		 w;
	struct id		 lead;

	if (a->c->who == NULL || *a->c->who == '\0')
		return oneteam_refuse_field(ot, cause, "lead", "who is to be "
		    "the lead professional?");
	if (staff_lookup(ot, a->c->who, &lead, cause) != 0)
		return store_fault(ot->st) == STORE_EDB ? -1 :
		    field_fault(ot, "lead");
	if (staff_get(ot, &lead, &w, cause) != 0)
		return -1;
	if (family_get_core(ot, &a->e->family, &fam, cause) != 0) {
		staff_clear(&w);
		return -1;
	}
	if (!id_is_zero(&fam.lead))
		oneteam_ref("staff", &fam.lead, a->before);
	family_clear(&fam);
	oneteam_ref("staff", &lead, a->after);
	memset(&fc, 0, sizeof fc);
	fc.lead = a->c->who;
	if (family_change(ot, &a->e->family, &fc, cause) != 0) {
		staff_clear(&w);
		return -1;
	}
	a->note = xprintf("Lead professional: %s", w.name);
	staff_clear(&w);
	return 0;
}

/*
 * The record a decision is about: the one named, which must be the
 * family's, else the family's only one that sql (?1 the family) finds.
 * A refusal names the field of the choice, which is named as the kind.
 */
static int
decide_which(struct oneteam *ot, struct decide_arg *a, const char *kind,
    const char *what, const char *sql, struct id *id, char **cause)
{
	struct query	*q;
	struct id	 family;
	char		 ref[ID_REF_MAX], *refs = NULL, *t;
	int		 rc, n = 0;

	if (a->c->record != NULL && *a->c->record != '\0') {
		if (oneteam_find(ot, kind, a->c->record, id, cause) != 0)
			return store_fault(ot->st) == STORE_EDB ? -1 :
			    field_fault(ot, kind);
		/* Whose it is, as the registry reaches its family. */
		if ((rc = kinds_family_of(ot->st, kind, id, &family)) < 0)
			return oneteam_db_fail(ot, cause);
		if (rc == 0 || id_cmp(&family, &a->e->family) != 0)
			return oneteam_refuse_field(ot, cause, kind, "%s is "
			    "not a %s of %s", a->c->record, what, a->e->ref);
		return 0;
	}
	q = query_prepare(ot->st, sql);
	query_bind_id(q, 1, &a->e->family);
	while ((rc = query_step(q)) == 1) {
		*id = query_id(q, 0);
		oneteam_ref(kind, id, ref);
		t = refs == NULL ? xstrdup(ref) : xprintf("%s, %s", refs, ref);
		free(refs);
		refs = t;
		n++;
	}
	query_done(q);
	if (rc < 0)
		rc = oneteam_db_fail(ot, cause);
	else if (n == 0)
		rc = oneteam_refuse_field(ot, cause, kind, "%s has no %s to "
		    "decide on", a->e->ref, what);
	else if (n > 1)
		rc = oneteam_refuse_field(ot, cause, kind, "which %s? %s has "
		    "%d: %s", what, a->e->ref, n, refs);
	free(refs);
	return rc;
}

static int
decide_ack(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	struct flag	 f;
	char		*t;

	if (decide_which(ot, a, "flag", "red flag waiting to be "
	    "acknowledged", "SELECT id FROM flag WHERE family = ?1 AND "
	    "acked IS NULL AND resolved IS NULL ORDER BY at, id", &a->record,
	    cause) != 0 ||
	    flag_ack(ot, &a->record, a->c->note, cause) != 0 ||
	    flag_get_core(ot, &a->record, &f, cause) != 0)
		return -1;
	a->note = decide_said(f.label, a->c->note);
	t = xprintf("Red flag acknowledged: %s", a->note);
	free(a->note);
	a->note = t;
	flag_clear(&f);
	return 0;
}

/* An action for the family, told in words. */
static int
decide_add_action(struct oneteam *ot, struct decide_arg *a,
    const struct action_new *an, char **cause)
{
	struct action	act;
	char		due[32], *what;

	if (action_add(ot, &a->e->family, an, &a->record, cause) != 0 ||
	    action_get_core(ot, &a->record, &act, cause) != 0)
		return -1;
	if (act.due != NULL)
		date_format(act.due, due, sizeof due);
	what = xprintf("Action for %s, %s%s: %s", act.owner_name,
	    act.due != NULL ? "due " : "no due date", act.due != NULL ? due :
	    "", act.what);
	a->note = decide_said(what, a->c->note);
	free(what);
	action_clear(&act);
	return 0;
}

static int
decide_action(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	struct action_new	an = { .what = a->c->what, .owner = a->c->who,
	    .due = a->c->due };

	return decide_add_action(ot, a, &an, cause);
}

/* Chasing a referral is somebody's action: by default who raised it. */
static int
decide_chase(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	struct referral		r;
	struct action_new	an;
	struct date		today = date_from_ms(ot->now);
	char			owner[ID_REF_MAX], due[11], sent[32], *what;
	struct id		id;
	int			rc;

	if (decide_which(ot, a, "referral", "referral waiting for an "
	    "answer", "SELECT id FROM referral WHERE family = ?1 AND "
	    REFERRAL_SQL_AWAITS("referral") " ORDER BY response_due, id", &id,
	    cause) != 0 || referral_get_core(ot, &id, &r, cause) != 0)
		return -1;
	if (!referral_awaits(r.status)) {
		rc = oneteam_refuse_field(ot, cause, "referral", "%s is %s: "
		    "it waits for no answer", r.ref,
		    referral_status_name(r.status));
		referral_clear(&r);
		return rc;
	}
	oneteam_ref("staff", &r.created_by, owner);
	date_iso(&today, due);
	time_format(r.sent_at, sent, sizeof sent);
	what = xprintf("Chase the referral to %s (%s), sent %s",
	    refdata_label(ot->rd, REF_SERVICES, r.service), r.ref, sent);
	memset(&an, 0, sizeof an);
	an.what = what;
	an.owner = a->c->who != NULL ? a->c->who : owner;
	an.due = a->c->due != NULL ? a->c->due : due;
	rc = decide_add_action(ot, a, &an, cause);
	free(what);
	referral_clear(&r);
	return rc;
}

static int
decide_level(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	const struct ref_item	*to = a->v[FD_LEVEL].item;
	struct family_change	 fc;
	struct family		 fam;
	char			 shown[32], *reason = NULL, *what;
	int			 from, rc;

	if (to == NULL)
		return oneteam_refuse_field(ot, cause, "level", "which level "
		    "of need (1 to 4)?");
	if (family_get_core(ot, &a->e->family, &fam, cause) != 0)
		return -1;
	from = fam.level;
	family_clear(&fam);
	if (atoi(to->code) == from)
		return oneteam_refuse_field(ot, cause, "level", "%s is at "
		    "level %d already", a->e->ref, from);
	date_format(a->h->day, shown, sizeof shown);
	if (a->c->note == NULL || *a->c->note == '\0')
		reason = xprintf("decided at the huddle on %s", shown);
	memset(&fc, 0, sizeof fc);
	fc.level = a->c->level;
	fc.reason = reason != NULL ? reason : a->c->note;
	if ((rc = family_change(ot, &a->e->family, &fc, cause)) == 0 &&
	    (rc = family_get_core(ot, &a->e->family, &fam, cause)) == 0) {
		what = xprintf("Level of need from %d to %d", from,
		    fam.level);
		snprintf(a->before, sizeof a->before, "%d", from);
		snprintf(a->after, sizeof a->after, "%d", fam.level);
		a->note = decide_said(what, a->c->note);
		free(what);
		family_clear(&fam);
	}
	free(reason);
	return rc;
}

static int
decide_review(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	const char		*to = a->v[FD_REVIEW].text;
	struct family_change	 fc;
	struct family		 fam;
	char			 shown[32];

	if (to == NULL)
		return oneteam_refuse_field(ot, cause, "review", "when is %s "
		    "next reviewed?", a->e->ref);
	if (family_get_core(ot, &a->e->family, &fam, cause) != 0)
		return -1;
	snprintf(a->before, sizeof a->before, "%s", fam.next_review != NULL ?
	    fam.next_review : "");
	family_clear(&fam);
	date_format(to, shown, sizeof shown);
	if (strcmp(a->before, to) == 0)
		return oneteam_refuse_field(ot, cause, "review", "%s is to be "
		    "reviewed on %s already", a->e->ref, shown);
	memset(&fc, 0, sizeof fc);
	fc.next_review = to;
	if (family_change(ot, &a->e->family, &fc, cause) != 0)
		return -1;
	snprintf(a->after, sizeof a->after, "%s", to);
	a->note = xprintf("Next review: %s", shown);
	return 0;
}

/*
 * An action whose owner is by default the family's lead: what, due in
 * days unless said. Refused, naming the owner, when there is no lead and
 * none is said.
 */
static int
decide_lead_action(struct oneteam *ot, struct decide_arg *a,
    const char *what, int days, char **cause)
{
	struct action_new	 an;
	struct family		 fam;
	struct date		 d = date_from_ms(ot->now);
	char			 lead[ID_REF_MAX] = "", due[11];

	if (family_get_core(ot, &a->e->family, &fam, cause) != 0)
		return -1;
	if (!id_is_zero(&fam.lead))
		oneteam_ref("staff", &fam.lead, lead);
	family_clear(&fam);
	if ((a->c->who == NULL || *a->c->who == '\0') && *lead == '\0')
		return oneteam_refuse_field(ot, cause, "owner", "%s has no "
		    "lead professional: who is to do it?", a->e->ref);
	d = date_add_days(&d, days);
	date_iso(&d, due);
	memset(&an, 0, sizeof an);
	an.what = what;
	an.owner = a->c->who != NULL && *a->c->who != '\0' ? a->c->who : lead;
	an.due = a->c->due != NULL ? a->c->due : due;
	return decide_add_action(ot, a, &an, cause);
}

/* Consent sought again: not when it is given and not due for review. */
static int
decide_consent(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	struct consent	 c;
	char		 since[32], *what;
	int		 found, rc;

	if (consent_current_core(ot, &a->e->family, &c, &found, cause) != 0)
		return -1;
	if (found)
		date_format(c.date, since, sizeof since);
	if (found && strcmp(c.state, CONSENT_GIVEN) == 0 &&
	    !consent_review_due(&c, ot->now)) {
		rc = oneteam_refuse(ot, cause, "%s gave consent to share on "
		    "%s and it is not due for review: there is none to seek",
		    a->e->ref, since);
		consent_clear(&c);
		return rc;
	}
	what = found ? xprintf("Seek consent to share again (%s on %s)",
	    c.state, since) : xstrdup("Seek consent to share (none "
	    "recorded)");
	if (found)
		consent_clear(&c);
	rc = decide_lead_action(ot, a, what, HUDDLE_SEEK_DAYS, cause);
	free(what);
	return rc;
}

static int
decide_taf(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	return decide_lead_action(ot, a, "Convene a team around the family "
	    "meeting", HUDDLE_TAF_DAYS, cause);
}

/*
 * To the front door, urgent: on consent when the family's is given, else
 * on the ground of safeguarding, with the words said as its reason.
 */
static int
decide_front_door(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	struct referral_new	 rn;
	const char		*state = NULL;
	struct consent		 c;
	struct query		*q;
	struct id		 id;
	char			 ref[ID_REF_MAX];
	int			 found, rc;

	if (a->v[FD_WHY].text == NULL)
		return oneteam_refuse_field(ot, cause, "why", "why is the "
		    "front door asked about %s?", a->e->ref);
	/* Asked once: a second would be a second case at the front door. */
	q = query_prepare(ot->st, "SELECT r.id FROM referral r WHERE "
	    "r.family = ?1 AND r.service = ?2 AND " REFERRAL_SQL_LIVE("r")
	    " LIMIT 1");
	query_bind_id(q, 1, &a->e->family);
	query_bind_text(q, 2, HUDDLE_FRONT_DOOR_SERVICE);
	if ((rc = query_step(q)) == 1) {
		id = query_id(q, 0);
		oneteam_ref("referral", &id, ref);
	}
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 1)
		return oneteam_refuse(ot, cause, "%s is with the front door "
		    "already (%s): chase it, or record what happened on it",
		    a->e->ref, ref);
	if (refdata_find(ot->rd, REF_SERVICES, HUDDLE_FRONT_DOOR_SERVICE) ==
	    NULL)
		return oneteam_refuse(ot, cause, "the services list has no "
		    "front door (%s): it cannot be referred to",
		    HUDDLE_FRONT_DOOR_SERVICE);
	if (consent_current_core(ot, &a->e->family, &c, &found, cause) != 0)
		return -1;
	if (found && strcmp(c.state, CONSENT_GIVEN) == 0)
		state = REFERRAL_BASIS_CONSENT;
	if (found)
		consent_clear(&c);
	memset(&rn, 0, sizeof rn);
	rn.service = HUDDLE_FRONT_DOOR_SERVICE;
	rn.reason = a->v[FD_WHY].text;
	rn.urgency = "urgent";
	rn.basis = state != NULL ? state : REFERRAL_BASIS_SAFEGUARDING;
	rn.basis_reason = state != NULL ? NULL : a->v[FD_WHY].text;
	if (referral_raise(ot, &a->e->family, &rn, &a->record, cause) != 0)
		return -1;
	a->note = xprintf("Referred to %s, urgent%s: %s",
	    refdata_label(ot->rd, REF_SERVICES, HUDDLE_FRONT_DOOR_SERVICE),
	    state != NULL ? "" : ", without consent, for safeguarding",
	    a->v[FD_WHY].text);
	return 0;
}

static int
decide_close(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	const struct ref_item	*end = a->v[FD_END].item;
	struct family_change	 fc;
	char			*what;

	if (end == NULL)
		return oneteam_refuse_field(ot, cause, "end", "why does %s's "
		    "early help end?", a->e->ref);
	memset(&fc, 0, sizeof fc);
	fc.status = FAMILY_STATUS_CLOSED;
	fc.end_reason = end->code;
	if (family_change(ot, &a->e->family, &fc, cause) != 0) {
		/* The end reason is this form's "end". */
		if (ot->fault_field != NULL &&
		    strcmp(ot->fault_field, "end_reason") == 0)
			ot->fault_field = "end";
		return -1;
	}
	snprintf(a->before, sizeof a->before, "%s", FAMILY_STATUS_OPEN);
	snprintf(a->after, sizeof a->after, "%s", end->code);
	what = xprintf("Early help closed: %s", end->label);
	a->note = decide_said(what, a->c->note);
	free(what);
	return 0;
}

/*
 * No change, said in words: and a family with an active red flag of high
 * severity is not left as it was without the huddle saying why, in its
 * note (a child missing from home is not "no change" in silence).
 */
static int
decide_no_change(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	char	*high = NULL;
	int	 rc = 0;

	if ((a->c->note == NULL || *a->c->note == '\0') &&
	    flag_high_active(ot, &a->e->family, &high, cause) < 0)
		return -1;
	if (high != NULL)
		rc = oneteam_refuse_field(ot, cause, "note", "%s has a red flag "
		    "of high severity, %s, still active: say why nothing "
		    "changes", a->e->ref, high);
	else
		a->note = decide_said("No change", a->c->note);
	free(high);
	return rc;
}

/* Early help closed (at this huddle or since): nothing more is decided
 * for the family until it is opened again, on the family itself. */
static int
decide_open(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	struct family	fam;
	int		rc = 0;

	if (family_get_core(ot, &a->e->family, &fam, cause) != 0)
		return -1;
	if (strcmp(fam.status, FAMILY_STATUS_CLOSED) == 0)
		rc = oneteam_refuse(ot, cause, "%s is closed: open it again on "
		    "the family, with its reason, before deciding more for it",
		    a->e->ref);
	family_clear(&fam);
	return rc;
}

static int
huddle_decide_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct decide_arg	*a = arg;
	struct huddle_choice	 c = *a->c;
	struct field		 f[8];
	int			 rc;

	/* The choice as its table says; the words said are one line of
	 * the minutes. */
	field_vals_free(a->v, FD_N);
	if ((unsigned)c.kind >= HUDDLE_NDECISIONS)
		return oneteam_refuse(ot, cause, "no such decision");
	if (oneteam_need_me(ot, cause) != 0 ||
	    huddle_running(ot, a->h, cause) != 0 ||
	    decide_fields_taken(ot, &c, cause) != 0 ||
	    field_read(ot, &field_huddle_decide, &c, a->v, cause) != 0)
		return -1;
	c.note = a->v[FD_NOTE].text;
	a->c = &c;
	if (c.kind != HUDDLE_NO_CHANGE && decide_open(ot, a, cause) != 0)
		return -1;
	switch (a->c->kind) {
	case HUDDLE_LEAD:
		rc = decide_lead(ot, a, cause);
		break;
	case HUDDLE_ACK:
		rc = decide_ack(ot, a, cause);
		break;
	case HUDDLE_ACTION:
		rc = decide_action(ot, a, cause);
		break;
	case HUDDLE_CHASE:
		rc = decide_chase(ot, a, cause);
		break;
	case HUDDLE_LEVEL:
		rc = decide_level(ot, a, cause);
		break;
	case HUDDLE_NO_CHANGE:
		rc = decide_no_change(ot, a, cause);
		break;
	case HUDDLE_REVIEW:
		rc = decide_review(ot, a, cause);
		break;
	case HUDDLE_SEEK_CONSENT:
		rc = decide_consent(ot, a, cause);
		break;
	case HUDDLE_TAF:
		rc = decide_taf(ot, a, cause);
		break;
	case HUDDLE_FRONT_DOOR:
		rc = decide_front_door(ot, a, cause);
		break;
	case HUDDLE_CLOSE:
		rc = decide_close(ot, a, cause);
		break;
	case HUDDLE_PARK:
		if ((rc = huddle_park_item(ot, a->e, c.note, cause)) == 0)
			a->note = decide_said("Parked until something about "
			    "it changes", c.note);
		break;
	default:
		rc = oneteam_refuse(ot, cause, "no such decision");
	}
	if (rc != 0)
		return -1;
	f[0] = (struct field){ "item", val_id(&a->e->id) };
	f[1] = (struct field){ "family", val_id(&a->e->family) };
	f[2] = (struct field){ "kind",
	    val_text(huddle_decision_code(a->c->kind)) };
	f[3] = (struct field){ "note", val_text(a->note) };
	f[4] = (struct field){ "record", val_id(id_is_zero(&a->record) ? NULL :
	    &a->record) };
	f[5] = (struct field){ "at", val_int(ot->now) };
	f[6] = (struct field){ "before", huddle_decision_record(c.kind) ==
	    NULL ? val_text(a->before) : val_null() };
	f[7] = (struct field){ "after", huddle_decision_record(c.kind) ==
	    NULL ? val_text(a->after) : val_null() };
	a->kind = c.kind;
	return store_new(ot->st, "huddle_decision", f, 8, NULL, cause);
}

const struct huddle_entry *
huddle_item_at(struct oneteam *ot, const struct huddle *h, int position,
    char **cause)
{
	if (position >= 1 && (size_t)position <= h->nitems)
		return &h->items[position - 1];
	oneteam_refuse(ot, cause, "no item %d: the huddle %s has %zu",
	    position, h->ref, h->nitems);
	return NULL;
}

int
huddle_decide(struct oneteam *ot, const struct huddle *h, int position,
    const struct huddle_choice *c, struct huddle_decided *out, char **cause)
{
	struct decide_arg	a;
	int			rc;

	if (out != NULL)
		memset(out, 0, sizeof *out);
	memset(&a, 0, sizeof a);
	if ((a.e = huddle_item_at(ot, h, position, cause)) == NULL)
		return -1;
	a.h = h;
	a.c = c;
	rc = oneteam_change(ot, huddle_decide_fn, &a, cause);
	field_vals_free(a.v, FD_N);
	if (rc == 0 && out != NULL) {
		out->kind = a.kind;
		out->note = a.note;
		a.note = NULL;
		if (!id_is_zero(&a.record))
			oneteam_ref(huddle_decision_record(a.kind),
			    &a.record, out->ref);
		out->at = ot->now;
		out->by = oneteam_staff_name(ot, &ot->me);
	}
	free(a.note);
	return rc;
}

void
huddle_decided_clear(struct huddle_decided *d)
{
	free(d->note);
	free(d->by);
	free(d->undo_note);
	free(d->undo_by);
	memset(d, 0, sizeof *d);
}
