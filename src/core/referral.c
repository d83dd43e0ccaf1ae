/*
 * referral.c owns referrals to other services: raising one, moving it
 * through its statuses under the rules of referral.h (each change a dated,
 * attributed referral_event; the fold derives the status from the latest),
 * the consent basis a referral needs before it is sent, a referral's class
 * (waiting, open, final) and which agency answers it (a rule of codes:
 * referral.h). Reading and listing them is referral-read.c's. It asks
 * consent.c for the family's consent and person.c for the child; recording
 * those belongs to them.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/access.h"
#include "oneteam/consent.h"
#include "oneteam/date.h"
#include "oneteam/field.h"
#include "oneteam/person.h"
#include "oneteam/referral.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "conflict-private.h"
#include "read-private.h"

static const char *const referral_status_names[REFERRAL_NSTATUS] = {
	[REFERRAL_DRAFT] = "draft",
	[REFERRAL_SENT] = "sent",
	[REFERRAL_ACKNOWLEDGED] = "acknowledged",
	[REFERRAL_ACCEPTED] = "accepted",
	[REFERRAL_DECLINED] = "declined",
	[REFERRAL_COMPLETED] = "completed",
	[REFERRAL_WITHDRAWN] = "withdrawn",
};

#define RS(s) (1u << (s))
/* Where each status may move to; the final ones go nowhere. */
static const unsigned referral_moves[REFERRAL_NSTATUS] = {
	[REFERRAL_DRAFT] = RS(REFERRAL_SENT) | RS(REFERRAL_WITHDRAWN),
	[REFERRAL_SENT] = RS(REFERRAL_ACKNOWLEDGED) | RS(REFERRAL_ACCEPTED) |
	    RS(REFERRAL_DECLINED) | RS(REFERRAL_WITHDRAWN),
	[REFERRAL_ACKNOWLEDGED] = RS(REFERRAL_ACCEPTED) |
	    RS(REFERRAL_DECLINED) | RS(REFERRAL_WITHDRAWN),
	[REFERRAL_ACCEPTED] = RS(REFERRAL_COMPLETED) | RS(REFERRAL_WITHDRAWN),
};

static const struct {
	const char	*name;
	int		 days;
} referral_urgencies[] = {
	{ "routine", REFERRAL_DUE_ROUTINE },
	{ "priority", REFERRAL_DUE_PRIORITY },
	{ "urgent", REFERRAL_DUE_URGENT },
};
#define NURGENCIES (sizeof referral_urgencies / sizeof referral_urgencies[0])

/* Times are typed to the minute: a change in the same minute as the one
 * before it is taken as coming after it. */
#define REFERRAL_MINUTE	60000
/* How far ahead another site's clock may have put the last change for a
 * change here to be dated after it. */
#define REFERRAL_AHEAD	(60 * REFERRAL_MINUTE)

const char *
referral_status_name(enum referral_status s)
{
	if ((unsigned)s >= REFERRAL_NSTATUS)
		return "unknown";
	return referral_status_names[s];
}

int
referral_status_parse(const char *s, enum referral_status *out)
{
	int	i, found = -1;

	for (i = 0; i < REFERRAL_NSTATUS; i++) {
		if (text_casecmp(referral_status_names[i], s) == 0) {
			*out = (enum referral_status)i;
			return 0;
		}
		if (*s == '\0' ||
		    !text_has_prefix(referral_status_names[i], s))
			continue;
		if (found != -1)
			return -1;
		found = i;
	}
	if (found == -1)
		return -1;
	*out = (enum referral_status)found;
	return 0;
}

int
referral_can_move(enum referral_status from, enum referral_status to)
{
	if ((unsigned)from >= REFERRAL_NSTATUS ||
	    (unsigned)to >= REFERRAL_NSTATUS)
		return 0;
	return (referral_moves[from] & RS(to)) != 0;
}

int
referral_awaits(enum referral_status s)
{
	return s == REFERRAL_SENT || s == REFERRAL_ACKNOWLEDGED;
}

int
referral_is_live(enum referral_status s)
{
	return s != REFERRAL_DRAFT && !referral_is_final(s);
}

/* The final statuses are those that go nowhere (referral_moves). */
enum referral_class
referral_class(enum referral_status s, const char *response_due,
    const char *today)
{
	if ((unsigned)s >= REFERRAL_NSTATUS || referral_moves[s] == 0)
		return REFERRAL_CLASS_FINAL;
	if (referral_awaits(s) && response_due != NULL && today != NULL &&
	    strcmp(response_due, today) < 0)
		return REFERRAL_CLASS_WAITING;
	return REFERRAL_CLASS_OPEN;
}

int
referral_is_final(enum referral_status s)
{
	return referral_class(s, NULL, NULL) == REFERRAL_CLASS_FINAL;
}

/*
 * Services whose code names no agency, and the agency that answers them.
 * Councils that add one name its code after the agency instead.
 */
static const struct {
	const char	*service;
	const char	*agency;
} referral_front_doors[] = {
	{ "mash", "childrens_social_care" },
};
#define NFRONT_DOORS \
	(sizeof referral_front_doors / sizeof referral_front_doors[0])

int
referral_for_agency(const char *service, const char *agency)
{
	size_t	i, len;

	if (service == NULL || agency == NULL || *agency == '\0')
		return 0;
	len = strlen(agency);
	if (strncmp(service, agency, len) == 0 &&
	    (service[len] == '\0' || service[len] == '_'))
		return 1;
	for (i = 0; i < NFRONT_DOORS; i++) {
		if (strcmp(referral_front_doors[i].service, service) == 0 &&
		    strcmp(referral_front_doors[i].agency, agency) == 0)
			return 1;
	}
	return 0;
}

void
referral_clear(struct referral *r)
{
	free(r->household);
	free(r->person_name);
	free(r->service);
	free(r->reason);
	free(r->needs);
	free(r->urgency);
	free(r->basis);
	free(r->basis_reason);
	free(r->response_due);
	free(r->outcome);
	free(r->raised_by);
	memset(r, 0, sizeof *r);
}

static int
referral_urgency(struct oneteam *ot, const char *text, size_t *which,
    char **cause)
{
	char	*shown;
	size_t	 i;

	*which = 0;
	if (text == NULL)
		return 0;
	for (i = 0; i < NURGENCIES; i++) {
		if (text_casecmp(referral_urgencies[i].name, text) == 0 ||
		    (*text != '\0' &&
		    text_has_prefix(referral_urgencies[i].name, text))) {
			*which = i;
			return 0;
		}
	}
	shown = text_escape(text, 0);
	oneteam_refuse(ot, cause, "urgency \"%s\" is not one of routine, "
	    "priority or urgent", shown);
	free(shown);
	return -1;
}

/* Refuse basis consent unless the family's consent now is given. */
static int
referral_consent(struct oneteam *ot, const struct id *family, char **cause)
{
	struct consent	 c;
	char		 fref[ID_REF_MAX], *state = NULL, since[32];
	int		 rc, found;

	if (consent_current_core(ot, family, &c, &found, cause) != 0)
		return -1;
	if (found) {
		state = c.state;
		date_format(c.date, since, sizeof since);
	}
	rc = 0;
	oneteam_ref("family", family, fref);
	if (state == NULL)
		rc = oneteam_refuse_field(ot, cause, "basis", "%s has no "
		    "consent to share recorded: record it first, or refer "
		    "on the basis of safeguarding, with the reason", fref);
	else if (strcmp(state, "given") != 0)
		rc = oneteam_refuse_field(ot, cause, "basis", "the consent "
		    "to share of %s is %s (%s): record consent given first, "
		    "or refer on the basis of safeguarding, with the reason",
		    fref, state, since);
	consent_clear(&c);
	return rc;
}

/* Can a referral with this basis be sent? */
static int
referral_can_send(struct oneteam *ot, const struct id *family,
    const char *basis, const char *basis_reason, char **cause)
{
	if (basis == NULL)
		return oneteam_refuse_field(ot, cause, "basis", "a referral "
		    "cannot be sent without a consent basis: the family's "
		    "consent to share, recorded, or safeguarding, with the "
		    "reason");
	if (strcmp(basis, REFERRAL_BASIS_SAFEGUARDING) == 0) {
		if (basis_reason == NULL)
			return oneteam_refuse_field(ot, cause,
			    "basis_reason", "a safeguarding referral without "
			    "consent needs the reason written");
		return 0;
	}
	return referral_consent(ot, family, cause);
}

/*
 * When a change happened: typed, or now; not in the future, and not
 * before the latest change (last, 0 if none).
 */
static int
referral_when(struct oneteam *ot, const char *typed, int64_t last,
    int64_t *at, char **cause)
{
	char	*why = NULL, when[32];

	*at = ot->now;
	if (typed != NULL && time_parse(typed, ot->now, at, &why) != 0) {
		oneteam_refuse_field(ot, cause, "at", "when: %s", why);
		free(why);
		return -1;
	}
	if (*at > ot->now) {
		time_format(*at, when, sizeof when);
		return oneteam_refuse_field(ot, cause, "at", "%s is in the "
		    "future: record what has happened", when);
	}
	if (last == 0 || *at > last)
		return 0;
	/* Another site's clock put the last change a little ahead of this
	 * one's: this comes after it all the same. Far ahead (a clock that
	 * is wrong), it would date this, and the answer due, as far. */
	if (typed == NULL && last >= ot->now && last - ot->now <=
	    REFERRAL_AHEAD) {
		*at = last + 1;
		return 0;
	}
	if (last > ot->now + REFERRAL_AHEAD) {
		time_format(last, when, sizeof when);
		return oneteam_refuse_field(ot, cause, "at", "the last change "
		    "was dated %s, ahead of this machine's clock: the clock "
		    "of the site that made it is wrong (see oneteam peers); "
		    "record this at that site, or once the clocks agree",
		    when);
	}
	if (*at / REFERRAL_MINUTE < last / REFERRAL_MINUTE) {
		time_format(last, when, sizeof when);
		return oneteam_refuse_field(ot, cause, "at", "the last change "
		    "was at %s: this one cannot come before it", when);
	}
	*at = last + 1;
	return 0;
}

/* Is d a bank holiday of the list arg (a struct refdata)? */
static int
referral_holiday(const struct date *d, void *arg)
{
	char	iso[11];

	date_iso(d, iso);
	return refdata_bank_holiday(arg, iso);
}

/*
 * The response due date: typed, or in working days from the day it is
 * sent, the service's response time (the front door's one) or the
 * urgency's, whichever is sooner.
 */
/* The due date of a referral to service of the urgency given (its
 * number), sent then, in working days. */
static void
referral_due_by(struct oneteam *ot, const char *service, size_t urgency,
    int64_t sent, char iso[11])
{
	struct date	d = date_from_ms(sent);
	int		days, own;

	days = referral_urgencies[urgency].days;
	own = refdata_service_days(ot->rd, service);
	if (own > 0 && own < days)
		days = own;
	d = date_add_workdays(&d, days, referral_holiday, (void *)ot->rd);
	date_iso(&d, iso);
}

void
referral_due_date(struct oneteam *ot, const char *service,
    const char *urgency, int64_t sent, char iso[11])
{
	size_t	i;

	for (i = 0; urgency != NULL && i < NURGENCIES; i++)
		if (strcmp(referral_urgencies[i].name, urgency) == 0)
			break;
	referral_due_by(ot, service, urgency == NULL || i == NURGENCIES ? 0 :
	    i, sent, iso);
}

static int
referral_due(struct oneteam *ot, const char *typed, size_t urgency,
    const char *service, int64_t sent, char *iso, char **cause)
{
	struct date	d = date_from_ms(sent);
	char		from[11], shown[32];

	date_iso(&d, from);
	if (typed == NULL) {
		referral_due_by(ot, service, urgency, sent, iso);
		return 0;
	}
	if (oneteam_date(ot, "response due", typed, iso, cause) != 0)
		return -1;
	if (strcmp(iso, from) >= 0)
		return 0;
	date_format(from, shown, sizeof shown);
	return oneteam_refuse_field(ot, cause, "due", "the response due date "
	    "cannot be before %s", shown);
}

static int
referral_event_new(struct oneteam *ot, const struct id *referral,
    enum referral_status s, const char *note, int64_t at, char **cause)
{
	struct field	f[4];

	f[0] = (struct field){ "referral", val_id(referral) };
	f[1] = (struct field){ "status", val_text(referral_status_name(s)) };
	f[2] = (struct field){ "note", val_text(note) };
	f[3] = (struct field){ "at", val_int(at) };
	return store_new(ot->st, "referral_event", f, 4, NULL, cause);
}

/* What a new referral holds once checked; texts owned. */
struct referral_fields {
	const struct ref_item	*service;
	struct id		 person;
	size_t			 urgency;
	const char		*basis;
	char			*reason;
	char			*basis_reason;
	char			*needs;
	char			 due[11];
	int64_t			 at;
};

static int
referral_check_new(struct oneteam *ot, const struct id *family,
    const struct referral_new *rn, struct referral_fields *rf, char **cause)
{
	const struct field_table	*ft = &field_referral_raise;
	struct field_val		 v[FR_N];
	int				 rc = -1;

	if (oneteam_family_exists(ot, family, cause) != 0 ||
	    field_read(ot, ft, rn, v, cause) != 0)
		return -1;
	rf->service = v[FR_SERVICE].item;
	rf->reason = field_take(&v[FR_REASON]);
	rf->basis_reason = field_take(&v[FR_BASIS_REASON]);
	rf->needs = field_take(&v[FR_NEEDS]);
	rf->urgency = v[FR_URGENCY].word;
	rf->basis = field_word_of(&ft->fields[FR_BASIS], rn, &v[FR_BASIS]);
	if (referral_when(ot, rn->at, 0, &rf->at, cause) != 0)
		goto out;
	if (rf->basis_reason != NULL && (rf->basis == NULL ||
	    strcmp(rf->basis, REFERRAL_BASIS_SAFEGUARDING) != 0)) {
		oneteam_refuse_field(ot, cause, "basis_reason", "a basis "
		    "reason goes with the basis safeguarding");
		goto out;
	}
	if (rn->child != NULL && *rn->child != '\0' &&
	    person_find_in_family(ot, family, rn->child, PERSON_FIND_CURRENT,
	    &rf->person, cause) != 0) {
		field_fault(ot, "child");
		goto out;
	}
	if (!rn->draft && referral_can_send(ot, family, rf->basis,
	    rf->basis_reason, cause) != 0)
		goto out;
	/* A draft's due date, if not given, is set when it is sent. */
	if ((v[FR_DUE].text != NULL || !rn->draft) &&
	    referral_due(ot, v[FR_DUE].text, rf->urgency, rf->service->code,
	    rf->at, rf->due, cause))
		goto out;
	rc = 0;
out:
	field_vals_free(v, FR_N);
	return rc;
}

struct referral_raise_arg {
	const struct id			*family;
	const struct referral_new	*rn;
	struct id			*id;
};

static int
referral_raise_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct referral_raise_arg	*a = arg;
	struct referral_fields		 rf;
	struct field			 f[9];
	int				 rc = -1;

	memset(&rf, 0, sizeof rf);
	/* Need to know before the child is looked for by name. */
	if (oneteam_need_me(ot, cause) != 0 ||
	    oneteam_family_exists(ot, a->family, cause) != 0 ||
	    access_need_write(ot, a->family, cause) != 0 ||
	    referral_check_new(ot, a->family, a->rn, &rf, cause) != 0)
		goto out;
	f[0] = (struct field){ "family", val_id(a->family) };
	f[1] = (struct field){ "person", val_id(&rf.person) };
	f[2] = (struct field){ "service", val_text(rf.service->code) };
	f[3] = (struct field){ "reason", val_text(rf.reason) };
	f[4] = (struct field){ "needs", val_text(rf.needs) };
	f[5] = (struct field){ "urgency",
	    val_text(referral_urgencies[rf.urgency].name) };
	f[6] = (struct field){ "basis", val_text(rf.basis) };
	f[7] = (struct field){ "basis_reason", val_text(rf.basis_reason) };
	f[8] = (struct field){ "response_due",
	    val_text(*rf.due != '\0' ? rf.due : NULL) };
	if (store_new(ot->st, "referral", f, 9, a->id, cause) != 0 ||
	    referral_event_new(ot, a->id, a->rn->draft ? REFERRAL_DRAFT :
	    REFERRAL_SENT, NULL, rf.at, cause) != 0)
		goto out;
	rc = 0;
out:
	free(rf.reason);
	free(rf.basis_reason);
	free(rf.needs);
	return rc;
}

int
referral_raise(struct oneteam *ot, const struct id *family,
    const struct referral_new *rn, struct id *id, char **cause)
{
	struct referral_raise_arg	a = { family, rn, id };

	return oneteam_change(ot, referral_raise_fn, &a, cause);
}

int
referral_raise_get(struct oneteam *ot, const struct id *family,
    const struct referral_new *rn, struct id *id, struct referral *r,
    char **cause)
{
	char	*why = NULL;

	memset(r, 0, sizeof *r);
	if (referral_raise(ot, family, rn, id, cause) != 0)
		return -1;
	/* Raised: not read back is only nothing more to say. */
	if (referral_get_core(ot, id, r, &why) != 0)
		free(why);
	return 0;
}

/* Refuse a move the rules do not allow, saying which moves they do. */
static int
referral_refuse_move(struct oneteam *ot, const struct referral *r,
    enum referral_status to, char **cause)
{
	enum referral_status	 s;
	char			*list, *next;
	int			 i, n = 0, left = 0;

	if (to == r->status)
		return oneteam_refuse(ot, cause, "%s is %s already", r->ref,
		    referral_status_name(to));
	if (referral_is_final(r->status))
		return oneteam_refuse(ot, cause, "%s is %s: that is final; "
		    "raise a new referral if help is still needed", r->ref,
		    referral_status_name(r->status));
	list = xstrdup("");
	for (i = 0; i < REFERRAL_NSTATUS; i++)
		left += referral_can_move(r->status, (enum referral_status)i);
	for (i = 0; i < REFERRAL_NSTATUS; i++) {
		s = (enum referral_status)i;
		if (!referral_can_move(r->status, s))
			continue;
		n++;
		xasprintf(&next, "%s%s%s", list, n == 1 ? "" : n == left ?
		    " or " : ", ", referral_status_name(s));
		free(list);
		list = next;
	}
	oneteam_refuse(ot, cause, "%s is %s: it can be %s next, not %s",
	    r->ref, referral_status_name(r->status), list,
	    referral_status_name(to));
	free(list);
	return -1;
}

static int
referral_set(struct oneteam *ot, const struct id *id, const char *field,
    const char *value, char **cause)
{
	struct val	v = val_text(value);

	return store_set(ot->st, "referral", id, field, &v, cause);
}

/*
 * Sending a draft: the consent basis as it stands or as changed with the
 * change, and the response due date (kept, given, or set by urgency).
 */
static int
referral_send(struct oneteam *ot, const struct referral *r,
    const struct referral_update *u, struct field_val *v, int64_t at,
    char **cause)
{
	const char	*basis, *due_typed = v[FU_DUE].text;
	char		*why = field_take(&v[FU_BASIS_REASON]), due[11];
	size_t		 urgency;
	int		 rc = -1;

	basis = field_word_of(&field_referral_update.fields[FU_BASIS], u,
	    &v[FU_BASIS]);
	if (referral_urgency(ot, r->urgency, &urgency, cause) != 0)
		goto out;
	if (basis == NULL)
		basis = r->basis;
	/* A reason written on the draft stays while the basis does. */
	if (why == NULL && r->basis_reason != NULL && (u->basis == NULL ||
	    strcmp(basis, REFERRAL_BASIS_SAFEGUARDING) == 0))
		why = xstrdup(r->basis_reason);
	if (why != NULL && (basis == NULL ||
	    strcmp(basis, REFERRAL_BASIS_SAFEGUARDING) != 0)) {
		oneteam_refuse_field(ot, cause, "basis_reason", "a basis "
		    "reason goes with the basis safeguarding");
		goto out;
	}
	if (referral_can_send(ot, &r->family, basis, why, cause) != 0 ||
	    referral_due(ot, due_typed != NULL ? due_typed : r->response_due,
	    urgency, r->service, at, due, cause) != 0)
		goto out;
	rc = 0;
	if (referral_set(ot, &r->id, "basis", basis, cause) != 0 ||
	    referral_set(ot, &r->id, "basis_reason", why, cause) != 0 ||
	    referral_set(ot, &r->id, "response_due", due, cause) != 0)
		rc = -1;
out:
	free(why);
	return rc;
}

/* What goes with some statuses only: a basis, an outcome, a due date. */
static int
referral_check_update(struct oneteam *ot, const struct referral *r,
    const struct referral_update *u, enum referral_status to, char **cause)
{
	if (!referral_can_move(r->status, to)) {
		referral_refuse_move(ot, r, to, cause);
		/* A final referral goes nowhere, whatever status is typed. */
		return referral_is_final(r->status) ? -1 :
		    field_fault(ot, "status");
	}
	if ((u->basis != NULL || u->basis_reason != NULL) &&
	    to != REFERRAL_SENT)
		return oneteam_refuse_field(ot, cause, u->basis != NULL ?
		    "basis" : "basis_reason", "the consent basis is set "
		    "when the referral is sent, not when it is %s",
		    referral_status_name(to));
	if (u->outcome != NULL && to != REFERRAL_COMPLETED &&
	    to != REFERRAL_DECLINED)
		return oneteam_refuse_field(ot, cause, "outcome", "an outcome "
		    "goes with completed or declined");
	if (u->due != NULL && referral_is_final(to))
		return oneteam_refuse_field(ot, cause, "due", "a %s referral "
		    "is not waiting for a response: a due date does not go "
		    "with it",
		    referral_status_name(to));
	return 0;
}

/* The fields an update changes besides the status, read (v). */
static int
referral_update_fields(struct oneteam *ot, const struct referral *r,
    const struct referral_update *u, struct field_val *v,
    enum referral_status to, int64_t at, char **cause)
{
	const char	*outcome = v[FU_OUTCOME].text;
	char		 due[11];
	size_t		 urgency;

	if (to == REFERRAL_SENT)
		return referral_send(ot, r, u, v, at, cause);
	if (v[FU_DUE].text != NULL && (referral_urgency(ot, r->urgency,
	    &urgency, cause) != 0 || referral_due(ot, v[FU_DUE].text,
	    urgency, r->service, at, due, cause) != 0 ||
	    referral_set(ot, &r->id, "response_due", due, cause) != 0))
		return -1;
	return outcome != NULL ? referral_set(ot, &r->id, "outcome", outcome,
	    cause) : 0;
}

struct referral_update_arg {
	const struct id			*id;
	const struct referral_update	*u;
};

static int
referral_update_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct referral_update_arg	*a = arg;
	struct field_val		 v[FU_N];
	struct referral			 r;
	enum referral_status		 to;
	char				*shown;
	int64_t				 at;
	int				 rc = -1;

	memset(v, 0, sizeof v);
	if (oneteam_need_me(ot, cause) != 0 ||
	    referral_get_core(ot, a->id, &r, cause) != 0)
		return -1;
	if (access_need_write(ot, &r.family, cause) != 0 ||
	    field_read(ot, &field_referral_update, a->u, v, cause) != 0)
		goto out;
	if (referral_status_parse(v[FU_STATUS].text, &to) != 0) {
		shown = text_escape(v[FU_STATUS].text, 0);
		oneteam_refuse_field(ot, cause, "status", "status \"%s\" is "
		    "not one of draft, sent, acknowledged, accepted, "
		    "declined, completed, withdrawn", shown);
		free(shown);
		goto out;
	}
	if (referral_check_update(ot, &r, a->u, to, cause) != 0 ||
	    referral_when(ot, a->u->at, r.status_at, &at, cause) != 0 ||
	    referral_update_fields(ot, &r, a->u, v, to, at, cause) != 0 ||
	    referral_event_new(ot, &r.id, to, v[FU_NOTE].text, at,
	    cause) != 0)
		goto out;
	rc = 0;
out:
	field_vals_free(v, FU_N);
	referral_clear(&r);
	return rc;
}

int
referral_update(struct oneteam *ot, const struct id *id,
    const struct referral_update *u, char **cause)
{
	struct referral_update_arg	a = { id, u };

	return oneteam_change(ot, referral_update_fn, &a, cause);
}

/* --- moves made apart ------------------------------------------------ */

int
referral_ways(struct oneteam *ot, const struct id *referral,
    struct conflict_value **values, size_t *n)
{
	struct query		*q;
	struct conflict_value	*v;
	size_t			 i;
	int			 rc;

	*values = NULL;
	*n = 0;
	/* The events of moves that clash (the fold marks them), newest
	 * first: each status once, with its latest event. */
	q = query_prepare(ot->st, "SELECT e.status, e.created_by, o.origin, "
	    "e.at, e.id FROM referral_event e JOIN op o ON o.id = e.op WHERE "
	    "e.referral = ?1 AND e.clash ORDER BY e.at DESC, e.created DESC, "
	    "e.id DESC");
	query_bind_id(q, 1, referral);
	while ((rc = query_step(q)) == 1) {
		for (i = 0; i < *n; i++)
			if (strcmp((*values)[i].value, query_text(q, 0)) == 0)
				break;
		if (i < *n)
			continue;
		*values = xreallocarray(*values, *n + 1, sizeof **values);
		v = &(*values)[(*n)++];
		v->value = query_text_dup(q, 0);
		conflict_value_by(ot, v, q, 1);
		v->at = query_int(q, 3);
		v->record = query_id(q, 4);
	}
	query_done(q);
	return rc < 0 ? -1 : 1;
}

int
referral_settle(struct oneteam *ot, const struct id *id, const char *status,
    char **cause)
{
	struct referral		r;
	enum referral_status	s;
	struct field		f[5];
	struct id		seen;
	char			*note, *shown;
	int64_t			at;
	int			rc = -1, drop;

	if (referral_get_core(ot, id, &r, cause) != 0)
		return -1;
	if (access_need_write(ot, &r.family, cause) != 0)
		goto out;
	if (referral_status_parse(status, &s) != 0) {
		shown = text_escape(status, 0);
		oneteam_refuse(ot, cause, "status \"%s\" is not one this "
		    "oneteam knows: upgrade it to keep it", shown);
		free(shown);
		goto out;
	}
	if (store_referral_seen(ot->st, id, referral_status_name(s),
	    &seen) != 0) {
		oneteam_db_fail(ot, cause);
		goto out;
	}
	/* After every event it settles, whatever the clocks. An outcome
	 * goes only with an end that has one: one of a decline not kept is
	 * cleared, and said in the note, so nothing is lost. */
	at = r.status_at >= ot->now ? r.status_at + 1 : ot->now;
	drop = !referral_is_final(s) && r.outcome != NULL;
	note = drop ? xprintf("Conflict settled: kept %s (the outcome "
	    "recorded was: %s).", status, r.outcome) : xprintf("Conflict "
	    "settled: kept %s.", status);
	f[0] = (struct field){ "referral", val_id(&r.id) };
	f[1] = (struct field){ "status", val_text(referral_status_name(s)) };
	f[2] = (struct field){ "note", val_text(note) };
	f[3] = (struct field){ "at", val_int(at) };
	f[4] = (struct field){ "settles", val_id(&seen) };
	if (store_new(ot->st, "referral_event", f, 5, NULL, cause) == 0 &&
	    (!drop || referral_set(ot, &r.id, "outcome", NULL, cause) == 0))
		rc = 0;
	free(note);
out:
	referral_clear(&r);
	return rc;
}
