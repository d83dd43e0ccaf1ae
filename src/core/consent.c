/*
 * consent.c owns consent to share: recording a family's decision (given,
 * refused, withdrawn) under the rules of the trade, and reading which
 * decision stands. Records are append-only: a decision is never changed,
 * a new one is recorded, and the history stays readable. What may be
 * shared without consent (a safeguarding referral) is the referral's
 * rule, not this module's.
 *
 * The decision that stands is the latest by date, then by the hybrid
 * clock of the operation that recorded it (finer than the millisecond
 * kept in created), then by id, so every replica agrees: the fold keeps
 * its id with the family (src/store/fold-consent.c), and this module,
 * like the lists, reads it there (consent-sql.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consent-sql.h"
#include "oneteam/access.h"
#include "oneteam/consent.h"
#include "oneteam/date.h"
#include "oneteam/field.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "read-private.h"

void
consent_clear(struct consent *c)
{
	free(c->state);
	free(c->given_by);
	free(c->scope);
	free(c->date);
	free(c->review);
	free(c->recorded_by_name);
	memset(c, 0, sizeof *c);
}

int
consent_review_due(const struct consent *c, int64_t now_ms)
{
	struct date	today = date_from_ms(now_ms);
	char		iso[11];

	if (c->review == NULL)
		return 0;
	date_iso(&today, iso);
	return strcmp(c->review, iso) <= 0;
}

#define CONSENT_COLUMNS "c.id, c.family, c.state, c.given_by, c.scope, " \
	"c.date, c.review, c.created, c.created_by, s.name"
#define CONSENT_STAFF "LEFT JOIN staff s ON s.id = c.created_by "
/* The history, latest first in the order in which the fold finds the
 * decision that stands, so that it comes first. */
#define CONSENT_FROM " FROM consent c " CONSENT_STAFF "WHERE c.family = ?1 " \
	"ORDER BY c.date DESC, c.hlc DESC, c.id DESC"

static void
consent_from_row(struct query *q, struct consent *c)
{
	memset(c, 0, sizeof *c);
	c->id = query_id(q, 0);
	c->family = query_id(q, 1);
	c->state = xstrdup(query_text(q, 2));
	c->given_by = xstrdup(query_text(q, 3));
	c->scope = query_text_dup(q, 4);
	c->date = xstrdup(query_text(q, 5));
	c->review = query_text_dup(q, 6);
	c->created = query_int(q, 7);
	c->recorded_by = query_id(q, 8);
	c->recorded_by_name = xstrdup(query_text(q, 9));
}

int
consent_current_core(struct oneteam *ot, const struct id *family,
    struct consent *c, int *found, char **cause)
{
	struct query	*q;
	int		 rc;

	memset(c, 0, sizeof *c);
	*found = 0;
	q = query_prepare(ot->st, "SELECT " CONSENT_COLUMNS " FROM family f "
	    "JOIN consent c ON c.id = f.consent " CONSENT_STAFF
	    "WHERE f.id = ?1");
	query_bind_id(q, 1, family);
	if ((rc = query_step(q)) == 1) {
		consent_from_row(q, c);
		*found = 1;
	}
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
consent_list_core(struct oneteam *ot, const struct id *family,
    int (*fn)(const struct consent *, void *), void *arg, char **cause)
{
	struct query	*q;
	struct consent	 c;
	int		 rc, stop = 0;

	q = query_prepare(ot->st, "SELECT " CONSENT_COLUMNS CONSENT_FROM);
	query_bind_id(q, 1, family);
	while (!stop && (rc = query_step(q)) == 1) {
		consent_from_row(q, &c);
		stop = fn(&c, arg);
		consent_clear(&c);
	}
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
consent_current(struct oneteam *ot, const struct family_view *v,
    struct consent *c, int *found, char **cause)
{
	const struct id	*family;

	if ((family = access_viewed(ot, v, cause)) == NULL)
		return -1;
	return consent_current_core(ot, family, c, found, cause);
}

int
consent_list(struct oneteam *ot, const struct family_view *v,
    int (*fn)(const struct consent *, void *), void *arg, char **cause)
{
	const struct id	*family;

	if ((family = access_viewed(ot, v, cause)) == NULL)
		return -1;
	return consent_list_core(ot, family, fn, arg, cause);
}

/* The date of a decision, as read (ISO, or NULL): today if not given,
 * never in the future; the review date, if any, after it. */
static int
consent_dates(struct oneteam *ot, const char *given, const char *review,
    char *iso, char **cause)
{
	struct date	today = date_from_ms(ot->now), d;
	char		shown[32];

	date_iso(&today, iso);
	if (given != NULL) {
		if (date_from_iso(given, &d) == 0 &&
		    date_diff(&today, &d) > 0) {
			date_format(given, shown, sizeof shown);
			return oneteam_refuse_field(ot, cause, "date",
			    "consent cannot be dated %s, in the future",
			    shown);
		}
		snprintf(iso, 11, "%s", given);
	}
	if (review != NULL && strcmp(review, iso) <= 0) {
		date_format(review, shown, sizeof shown);
		return oneteam_refuse_field(ot, cause, "review", "review date "
		    "%s is not after the decision", shown);
	}
	return 0;
}

/*
 * Refuse a decision that would not stand or means nothing: one dated
 * before the family's current decision, or withdrawing consent that is
 * not given.
 */
static int
consent_fits(struct oneteam *ot, const struct id *family, const char *state,
    const char *date, char **cause)
{
	struct consent	cur;
	char		shown[32], fref[ID_REF_MAX];
	int		found, rc = 0;

	if (consent_current_core(ot, family, &cur, &found, cause) != 0)
		return -1;
	oneteam_ref("family", family, fref);
	if (found)
		date_format(cur.date, shown, sizeof shown);
	if (found && strcmp(date, cur.date) < 0)
		rc = oneteam_refuse_field(ot, cause, "date", "consent for %s "
		    "was %s on %s: a decision dated before that would not "
		    "change it", fref, cur.state, shown);
	else if (strcmp(state, CONSENT_WITHDRAWN) == 0 && !found)
		rc = oneteam_refuse_field(ot, cause, "state", "there is no "
		    "consent to withdraw: none is recorded for %s", fref);
	else if (strcmp(state, CONSENT_WITHDRAWN) == 0 &&
	    strcmp(cur.state, CONSENT_GIVEN) != 0)
		rc = oneteam_refuse_field(ot, cause, "state", "there is no "
		    "consent to withdraw: consent for %s was %s on %s", fref,
		    cur.state, shown);
	consent_clear(&cur);
	return rc;
}

struct consent_record_arg {
	const struct id			*family;
	const struct consent_new	*cn;
	struct id			*id;
};

/* Check a decision from its table and collect its fields, in op field
 * order; the texts stay in v, the caller's to free. */
static int
consent_fields(struct oneteam *ot, const struct consent_new *cn,
    struct field *f, struct field_val *v, char *date, char **cause)
{
	const char	*state;

	if (field_read(ot, &field_consent_record, cn, v, cause) != 0)
		return -1;
	state = field_word_of(&field_consent_record.fields[FC_STATE], cn,
	    &v[FC_STATE]);
	if (v[FC_SCOPE].text == NULL && strcmp(state, CONSENT_GIVEN) == 0)
		return oneteam_refuse_field(ot, cause, "scope", "say what "
		    "consent is given for (the scope), such as \"core team "
		    "professionals\"");
	if (consent_dates(ot, v[FC_DATE].text, v[FC_REVIEW].text, date,
	    cause) != 0)
		return -1;
	f[1] = (struct field){ "state", val_text(state) };
	f[2] = (struct field){ "given_by", val_text(v[FC_BY].text) };
	f[3] = (struct field){ "scope", val_text(v[FC_SCOPE].text) };
	f[4] = (struct field){ "date", val_text(date) };
	f[5] = (struct field){ "review", val_text(v[FC_REVIEW].text) };
	return 0;
}

static int
consent_record_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct consent_record_arg	*a = arg;
	struct field			 f[6];
	struct field_val		 v[FC_N];
	char				 date[11];
	int				 rc = -1;

	if (oneteam_need_me(ot, cause) != 0 ||
	    oneteam_family_exists(ot, a->family, cause) != 0 ||
	    access_need_write(ot, a->family, cause) != 0)
		return -1;
	f[0] = (struct field){ "family", val_id(a->family) };
	memset(v, 0, sizeof v);
	if (consent_fields(ot, a->cn, f, v, date, cause) == 0 &&
	    consent_fits(ot, a->family, f[1].v.s, date, cause) == 0)
		rc = store_new(ot->st, "consent", f, 6, a->id, cause);
	field_vals_free(v, FC_N);
	return rc;
}

int
consent_record(struct oneteam *ot, const struct id *family,
    const struct consent_new *cn, struct id *id, char **cause)
{
	struct consent_record_arg	a = { family, cn, id };

	return oneteam_change(ot, consent_record_fn, &a, cause);
}

const char *
consent_note(const char *state)
{
	if (state == NULL)
		return "no consent";
	if (strcmp(state, CONSENT_GIVEN) == 0)
		return NULL;
	if (strcmp(state, CONSENT_REFUSED) == 0)
		return "consent refused";
	return "consent withdrawn";
}

int
consent_now(struct oneteam *ot, const struct id *family, const char **state,
    char **cause)
{
	struct query	*q;
	const char	*s;
	int		 rc;

	*state = NULL;
	/* Even a family's consent is its record: need to know first. */
	if ((rc = access_may_view(ot, family, cause)) != 1) {
		if (rc == 0)
			oneteam_refuse(ot, cause, "the consent of a family "
			    "outside your work is not shown");
		return -1;
	}
	q = query_prepare(ot->st, "SELECT k.state FROM family f"
	    CONSENT_JOIN("f", "k") "WHERE f.id = ?1");
	query_bind_id(q, 1, family);
	if ((rc = query_step(q)) == 1 && (s = query_text_or_null(q, 0)) !=
	    NULL)
		*state = strcmp(s, CONSENT_GIVEN) == 0 ? CONSENT_GIVEN :
		    strcmp(s, CONSENT_REFUSED) == 0 ? CONSENT_REFUSED :
		    CONSENT_WITHDRAWN;
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}
