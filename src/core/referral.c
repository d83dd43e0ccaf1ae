/*
 * referral.c owns referrals to other services: raising one, moving it
 * through its statuses under the rules of referral.h (each change a dated,
 * attributed referral_event; the fold derives the status from the latest),
 * the consent basis a referral needs before it is sent, and listing them
 * with those waiting too long for an answer first. It reads the family's
 * consent and people itself; recording those belongs to consent.c and
 * person.c.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/date.h"
#include "oneteam/referral.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

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
		if (*s != '\0' && text_has_prefix(referral_status_names[i], s)) {
			if (found != -1)
				return -1;
			found = i;
		}
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
referral_is_final(enum referral_status s)
{
	return s == REFERRAL_DECLINED || s == REFERRAL_COMPLETED ||
	    s == REFERRAL_WITHDRAWN;
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
referral_db_fail(struct oneteam *ot, char **cause)
{
	xasprintf(cause, "%s", store_error(ot->st));
	return -1;
}

/* The people of a family whose name is text or starts with it, or has a
 * word that does; an exact name wins. *n says how many (up to 5). */
static int
referral_person_match(struct oneteam *ot, const struct id *family,
    const char *text, struct id *id, int *n, char **names)
{
	struct query	*q;
	char		*next;
	int		 rc, exact = 0;

	*n = 0;
	*names = xstrdup("");
	q = query_prepare(ot->st, "SELECT id, name, name = ?2 COLLATE NOCASE "
	    "FROM person WHERE family = ?1 AND NOT coalesce(archived, 0) AND "
	    "(name = ?2 COLLATE NOCASE OR name LIKE ?3 ESCAPE '\\' OR "
	    "name LIKE ?4 ESCAPE '\\') ORDER BY 3 DESC, name LIMIT 5");
	query_bind_id(q, 1, family);
	query_bind_text(q, 2, text);
	next = oneteam_like("", text);
	query_bind_text(q, 3, next);
	free(next);
	next = oneteam_like("% ", text);
	query_bind_text(q, 4, next);
	free(next);
	while ((rc = query_step(q)) == 1) {
		if (query_int(q, 2) ? exact++ == 0 : exact == 0 && *n == 0)
			*id = query_id(q, 0);
		xasprintf(&next, "%s%s%s", *names, **names ? ", " : "",
		    query_text(q, 1));
		free(*names);
		*names = next;
		(*n)++;
	}
	query_done(q);
	if (exact == 1)
		*n = 1;
	return rc;
}

/* A P- reference must name a person of this family. */
static int
referral_person_ref(struct oneteam *ot, const struct id *family,
    const char *text, struct id *person, char **cause)
{
	struct query	*q;
	struct id	 of;
	char		 fref[ID_REF_MAX], *shown;
	int		 rc;

	if (oneteam_find(ot, "person", text, person, cause) != 0)
		return -1;
	memset(&of, 0, sizeof of);
	q = query_prepare(ot->st, "SELECT family FROM person WHERE id = ?1");
	query_bind_id(q, 1, person);
	if ((rc = query_step(q)) == 1)
		of = query_id(q, 0);
	query_done(q);
	if (rc < 0)
		return referral_db_fail(ot, cause);
	if (id_cmp(&of, family) == 0)
		return 0;
	oneteam_ref("family", family, fref);
	shown = text_escape(text, 0);
	oneteam_refuse(ot, cause, "%s is not a member of %s", shown, fref);
	free(shown);
	return -1;
}

int
referral_person(struct oneteam *ot, const struct id *family,
    const char *text, struct id *person, char **cause)
{
	char	 fref[ID_REF_MAX], *names, *shown;
	int	 n, rc;

	if ((text[0] == 'P' || text[0] == 'p') && text[1] == '-')
		return referral_person_ref(ot, family, text, person, cause);
	if ((rc = referral_person_match(ot, family, text, person, &n,
	    &names)) < 0) {
		free(names);
		return referral_db_fail(ot, cause);
	}
	oneteam_ref("family", family, fref);
	shown = text_escape(text, 0);
	if (n == 0)
		oneteam_refuse(ot, cause, "%s has nobody called \"%s\"", fref,
		    shown);
	else if (n > 1)
		oneteam_refuse(ot, cause, "\"%s\" could be %s: give more of "
		    "the name", shown, names);
	free(shown);
	free(names);
	return n == 1 ? 0 : -1;
}

/*
 * Turn a typed list of needs ("housing, Improved health") into the
 * sorted, comma-separated codes kept in the record; NULL for none.
 */
static int
referral_needs(struct oneteam *ot, const char *text, char **out,
    char **cause)
{
	const struct ref_item	*item;
	const char		*codes[32], *t;
	char			*copy, *word, *save, *trimmed, *next;
	size_t			 n = 0, i, j;
	int			 rc = 0;

	*out = NULL;
	copy = xstrdup(text);
	for (word = strtok_r(copy, ",", &save); word != NULL && rc == 0;
	    word = strtok_r(NULL, ",", &save)) {
		trimmed = text_trim(word);
		if (*trimmed != '\0') {
			rc = oneteam_choice(ot, REF_NEEDS, trimmed, &item,
			    cause);
			if (rc == 0 && n < 32)
				codes[n++] = item->code;
		}
		free(trimmed);
	}
	free(copy);
	for (i = 1; i < n; i++)		/* a handful: insertion sort */
		for (j = i; j > 0 && strcmp(codes[j - 1], codes[j]) > 0; j--) {
			t = codes[j];
			codes[j] = codes[j - 1];
			codes[j - 1] = t;
		}
	for (i = 0; rc == 0 && i < n; i++) {
		if (i > 0 && strcmp(codes[i - 1], codes[i]) == 0)
			continue;
		xasprintf(&next, "%s%s%s", *out != NULL ? *out : "",
		    *out != NULL ? "," : "", codes[i]);
		free(*out);
		*out = next;
	}
	return rc;
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

/* A consent basis as typed: consent or safeguarding, or NULL. */
static int
referral_basis(struct oneteam *ot, const char *text, const char **basis,
    char **cause)
{
	char	*shown;

	*basis = NULL;
	if (text == NULL)
		return 0;
	if (*text != '\0' && text_has_prefix(REFERRAL_BASIS_CONSENT, text))
		*basis = REFERRAL_BASIS_CONSENT;
	else if (*text != '\0' &&
	    text_has_prefix(REFERRAL_BASIS_SAFEGUARDING, text))
		*basis = REFERRAL_BASIS_SAFEGUARDING;
	if (*basis != NULL)
		return 0;
	shown = text_escape(text, 0);
	oneteam_refuse(ot, cause, "basis \"%s\" is not consent or "
	    "safeguarding", shown);
	free(shown);
	return -1;
}

/* Refuse basis consent unless the family's latest consent is given. */
static int
referral_consent(struct oneteam *ot, const struct id *family, char **cause)
{
	struct query	*q;
	char		 fref[ID_REF_MAX], *state = NULL, since[32];
	int		 rc;

	q = query_prepare(ot->st, "SELECT state, date FROM consent WHERE "
	    "family = ?1 ORDER BY date DESC, created DESC, id DESC LIMIT 1");
	query_bind_id(q, 1, family);
	if ((rc = query_step(q)) == 1) {
		state = xstrdup(query_text(q, 0));
		date_format(query_text(q, 1), since, sizeof since);
	}
	query_done(q);
	if (rc < 0)
		return referral_db_fail(ot, cause);
	rc = 0;
	oneteam_ref("family", family, fref);
	if (state == NULL)
		rc = oneteam_refuse(ot, cause, "%s has no consent to share "
		    "recorded: record it with oneteam consent record, or use "
		    "--basis safeguarding with --basis-reason", fref);
	else if (strcmp(state, "given") != 0)
		rc = oneteam_refuse(ot, cause, "the consent to share of %s is "
		    "%s (%s): record consent given with oneteam consent "
		    "record, or use --basis safeguarding with --basis-reason",
		    fref, state, since);
	free(state);
	return rc;
}

/* Can a referral with this basis be sent? */
static int
referral_can_send(struct oneteam *ot, const struct id *family,
    const char *basis, const char *basis_reason, char **cause)
{
	if (basis == NULL)
		return oneteam_refuse(ot, cause, "a referral cannot be sent "
		    "without a consent basis: give --basis consent (with the "
		    "family's consent to share recorded) or --basis "
		    "safeguarding with --basis-reason");
	if (strcmp(basis, REFERRAL_BASIS_SAFEGUARDING) == 0) {
		if (basis_reason == NULL)
			return oneteam_refuse(ot, cause, "a safeguarding "
			    "referral without consent needs the reason "
			    "written: give --basis-reason");
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
		oneteam_refuse(ot, cause, "when: %s", why);
		free(why);
		return -1;
	}
	if (*at > ot->now) {
		time_format(*at, when, sizeof when);
		return oneteam_refuse(ot, cause, "%s is in the future: record "
		    "what has happened", when);
	}
	if (last == 0 || *at > last)
		return 0;
	if (*at / REFERRAL_MINUTE < last / REFERRAL_MINUTE) {
		time_format(last, when, sizeof when);
		return oneteam_refuse(ot, cause, "the last change was at %s: "
		    "this one cannot come before it", when);
	}
	*at = last + 1;
	return 0;
}

/* The response due date: typed, or by urgency from the day it is sent. */
static int
referral_due(struct oneteam *ot, const char *typed, size_t urgency,
    int64_t sent, char *iso, char **cause)
{
	struct date	d = date_from_ms(sent);
	char		from[11], shown[32];

	date_iso(&d, from);
	if (typed == NULL) {
		d = date_add_days(&d, referral_urgencies[urgency].days);
		date_iso(&d, iso);
		return 0;
	}
	if (oneteam_date(ot, "response due", typed, iso, cause) != 0)
		return -1;
	if (strcmp(iso, from) >= 0)
		return 0;
	date_format(from, shown, sizeof shown);
	return oneteam_refuse(ot, cause, "the response cannot be due before "
	    "the referral is made (%s)", shown);
}

static int
referral_family_exists(struct oneteam *ot, const struct id *family,
    char **cause)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "SELECT 1 FROM family WHERE id = ?1");
	query_bind_id(q, 1, family);
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		return referral_db_fail(ot, cause);
	if (rc == 0) {
		store_set_fault(ot->st, STORE_ENOTFOUND);
		xasprintf(cause, "no such family");
		return -1;
	}
	return 0;
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
	if (referral_family_exists(ot, family, cause) != 0 ||
	    oneteam_choice(ot, REF_SERVICES, rn->service != NULL ?
	    rn->service : "", &rf->service, cause) != 0 ||
	    oneteam_text(ot, "reason", rn->reason, ONETEAM_NOTE_MAX,
	    TEXT_MULTILINE, 1, &rf->reason, cause) != 0 ||
	    referral_urgency(ot, rn->urgency, &rf->urgency, cause) != 0 ||
	    referral_basis(ot, rn->basis, &rf->basis, cause) != 0 ||
	    oneteam_text(ot, "basis reason", rn->basis_reason,
	    ONETEAM_NOTE_MAX, TEXT_MULTILINE, 0, &rf->basis_reason, cause) ||
	    referral_when(ot, rn->at, 0, &rf->at, cause) != 0)
		return -1;
	if (rf->basis_reason != NULL && (rf->basis == NULL ||
	    strcmp(rf->basis, REFERRAL_BASIS_SAFEGUARDING) != 0))
		return oneteam_refuse(ot, cause, "a basis reason goes with "
		    "--basis safeguarding");
	if (rn->child != NULL && *rn->child != '\0' &&
	    referral_person(ot, family, rn->child, &rf->person, cause) != 0)
		return -1;
	if (rn->needs != NULL &&
	    referral_needs(ot, rn->needs, &rf->needs, cause) != 0)
		return -1;
	if (!rn->draft && referral_can_send(ot, family, rf->basis,
	    rf->basis_reason, cause) != 0)
		return -1;
	/* A draft's due date, if not given, is set when it is sent. */
	if ((rn->due != NULL || !rn->draft) &&
	    referral_due(ot, rn->due, rf->urgency, rf->at, rf->due, cause))
		return -1;
	return 0;
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
	if (oneteam_need_me(ot, cause) != 0 ||
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

/* Refuse a move the rules do not allow, saying which moves they do. */
static int
referral_refuse_move(struct oneteam *ot, const struct referral *r,
    enum referral_status to, char **cause)
{
	char	*list = xstrdup(""), *next;
	int	 i, n = 0;

	if (to == r->status)
		return oneteam_refuse(ot, cause, "%s is %s already", r->ref,
		    referral_status_name(to));
	if (referral_is_final(r->status))
		return oneteam_refuse(ot, cause, "%s is %s: that is final; "
		    "raise a new referral if help is still needed", r->ref,
		    referral_status_name(r->status));
	for (i = 0; i < REFERRAL_NSTATUS; i++) {
		if (!referral_can_move(r->status, (enum referral_status)i))
			continue;
		xasprintf(&next, "%s%s%s", list, n++ ? " or " : "",
		    referral_status_name((enum referral_status)i));
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

/* Sending a draft: its basis (as changed) and its response due date. */
static int
referral_send(struct oneteam *ot, const struct referral *r,
    const struct referral_update *u, int64_t at, char **cause)
{
	const char	*basis = r->basis;
	char		*why = NULL, due[11];
	size_t		 urgency;
	int		 rc = -1;

	if (referral_basis(ot, u->basis, &basis, cause) != 0 ||
	    oneteam_text(ot, "basis reason", u->basis_reason,
	    ONETEAM_NOTE_MAX, TEXT_MULTILINE, 0, &why, cause) != 0)
		goto out;
	if (u->basis == NULL)
		basis = r->basis;
	if (why == NULL && r->basis_reason != NULL)
		why = xstrdup(r->basis_reason);
	if (basis != NULL && strcmp(basis, REFERRAL_BASIS_CONSENT) == 0 &&
	    u->basis != NULL)
		free(why), why = NULL;	/* consent needs no reason */
	if (why != NULL && (basis == NULL ||
	    strcmp(basis, REFERRAL_BASIS_SAFEGUARDING) != 0)) {
		oneteam_refuse(ot, cause, "a basis reason goes with --basis "
		    "safeguarding");
		goto out;
	}
	if (referral_can_send(ot, &r->family, basis, why, cause) != 0 ||
	    referral_urgency(ot, r->urgency, &urgency, cause) != 0)
		goto out;
	if (u->due == NULL && r->response_due != NULL)
		strlcpy(due, r->response_due, sizeof due);
	else if (referral_due(ot, u->due, urgency, at, due, cause) != 0)
		goto out;
	if (u->due == NULL && r->response_due != NULL &&
	    referral_due(ot, r->response_due, urgency, at, due, cause) != 0)
		goto out;
	rc = referral_set(ot, &r->id, "basis", basis, cause) != 0 ||
	    referral_set(ot, &r->id, "basis_reason", why, cause) != 0 ||
	    referral_set(ot, &r->id, "response_due", due, cause) != 0 ? -1 : 0;
out:
	free(why);
	return rc;
}
