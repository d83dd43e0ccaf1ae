/*
 * huddle-ask.c asks the records of one locality's open families the
 * agenda's questions (huddle.h): a query for each kind of reason, and
 * what a row of it is, as facts (huddle_reason); huddle.c assembles
 * them into the agenda. It only reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access-sql.h"
#include "consent-sql.h"
#include "huddle-int.h"
#include "referral-sql.h"
#include "oneteam/conflict.h"
#include "oneteam/date.h"
#include "oneteam/kinds.h"
#include "oneteam/xmalloc.h"

/*
 * Every query starts with HUDDLE_FAMILY's columns (the family, its
 * household and lead; huddle-int.h), and its families are the
 * locality's open ones. Names of staff are
 * subqueries in the columns, so that only the rows that come out look
 * them up.
 *
 * The agenda must take under 100 ms for a locality of 20,000 families
 * (BENCHMARKS.md), so no query reads every family's row. A reason few
 * records have (a flag not resolved, an action late) starts from those
 * records, by a partial index of its own (migrate.c), then asks whether
 * the family is the locality's and open, of family_locality alone:
 * HUDDLE_FROM(t), t naming them x. CROSS JOIN keeps SQLite to that
 * order; with no statistics it would start from the families. A reason
 * any family may have (consent, a follow-up) goes through the locality's
 * families, HUDDLE_FAMILIES, with one look-up each in a small index.
 *
 * Every query is bound ?1 the locality, ?2 since, ?3 today, ?4 the kinds
 * of contact of concern and ?5 now (what is new is no later: an agenda
 * as at an earlier moment); one that needs only some names the others
 * too ("?2 IS NOT NULL"), so that each binding finds its parameter.
 */
#define HUDDLE_FROM(t) " FROM " t " CROSS JOIN family f ON f.locality = " \
	"?1 AND f.status = 'open' AND f.id = x.family WHERE ?2 IS NOT NULL " \
	"AND ?3 IS NOT NULL AND ?4 IS NOT NULL AND ?5 IS NOT NULL "
#define HUDDLE_FAMILIES_JOIN(joins) " FROM family f " joins " WHERE " \
	"f.locality = ?1 AND f.status = 'open' AND ?2 IS NOT NULL AND " \
	"?3 IS NOT NULL AND ?4 IS NOT NULL AND ?5 IS NOT NULL "
#define HUDDLE_FAMILIES HUDDLE_FAMILIES_JOIN("")

/* Run a kind's query for each locality of the name. */
static int
huddle_run(struct build *b, const char *sql,
    int (*row)(struct build *, struct query *, struct huddle_item *))
{
	struct query	*q;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < b->nsame && rc == 0; i++) {
		q = query_prepare(b->ot->st, sql);
		query_bind_id(q, 1, &b->same[i]);
		query_bind_int(q, 2, b->since);
		query_bind_text(q, 3, b->today);
		query_bind_text(q, 4, b->concerns);
		query_bind_int(q, 5, b->ot->now);
		while ((rc = query_step(q)) == 1)
			if (row(b, q, huddle_item(b, q, 0)) != 0) {
				rc = -1;
				break;
			}
		query_done(q);
	}
	return rc < 0 ? -1 : 0;
}

/* The due date and the days from it to today (late if positive). */
static int
huddle_late(const struct build *b, const char *iso, struct huddle_reason *r)
{
	struct date	due, today;

	snprintf(r->due, sizeof r->due, "%s", iso);
	if (date_from_iso(iso, &due) != 0 ||
	    date_from_iso(b->today, &today) != 0)
		return 0;
	r->late = date_diff(&due, &today);
	return r->late;
}

/* The record of the reason: its kind and id, from column col. */
static void
huddle_record(struct huddle_reason *r, const char *etype, struct query *q,
    int col)
{
	r->etype = etype;
	r->record = query_id(q, col);
	oneteam_ref(etype, &r->record, r->ref);
}

/* A code of a list and what the list calls it. */
static void
huddle_code(struct build *b, struct huddle_reason *r, enum ref_list list,
    const char *code)
{
	r->code = xstrdup(code);
	r->label = xstrdup(refdata_label(b->ot->rd, list, code));
}

/* 1: red flags raised since, or not yet acknowledged; unresolved. */
static int
row_flag(struct build *b, struct query *q, struct huddle_item *it)
{
	const struct ref_item	*f;
	struct huddle_reason	*r;
	const char		*sev;
	int			 rank;

	f = refdata_find(b->ot->rd, REF_RED_FLAGS, query_text(q, 4));
	sev = f != NULL && f->extra[0] != NULL ? f->extra[0] : "";
	rank = strcmp(sev, "high") == 0 ? 0 : strcmp(sev, "medium") == 0 ? 1 :
	    2;
	r = huddle_reason_add(it, HUDDLE_FLAGS, HUDDLE_R_RED_FLAG,
	    rank * 100000000000000LL - query_int(q, 5));
	huddle_record(r, "flag", q, 3);
	r->code = xstrdup(query_text(q, 4));
	if (f != NULL)
		r->label = xstrdup(f->label);
	if (*sev != '\0')
		r->severity = xstrdup(sev);
	r->at = query_int(q, 5);
	r->who = xstrdup(query_text(q, 6));
	r->state = xstrdup(query_is_null(q, 7) ? "not_acknowledged" :
	    "acknowledged");
	if (f != NULL && f->extra[1] != NULL)
		r->response = xstrdup(f->extra[1]);
	return 0;
}

/*
 * An event of the family since the last huddle (a referral raised, a
 * contact of concern): its record at column 3, its code of list at 4,
 * when at 5, who recorded it at who.
 */
static struct huddle_reason *
row_event(struct build *b, struct query *q, struct huddle_item *it,
    enum huddle_reason_kind kind, const char *record, enum ref_list list,
    int who)
{
	struct huddle_reason	*r;

	r = huddle_reason_add(it, HUDDLE_CONCERNS, kind, -query_int(q, 5));
	huddle_record(r, record, q, 3);
	huddle_code(b, r, list, query_text(q, 4));
	r->at = query_int(q, 5);
	r->who = xstrdup(query_text(q, who));
	return r;
}

/* 2: referrals raised since. */
static int
row_new_referral(struct build *b, struct query *q, struct huddle_item *it)
{
	struct huddle_reason	*r;

	r = row_event(b, q, it, HUDDLE_R_REFERRAL_NEW, "referral",
	    REF_SERVICES, 7);
	r->severity = query_text_dup(q, 6);
	return 0;
}

/* 2: contacts since of a kind of concern (a child not brought). */
static int
row_concern(struct build *b, struct query *q, struct huddle_item *it)
{
	row_event(b, q, it, HUDDLE_R_CONCERN, "contact", REF_CONTACT_KINDS, 6);
	return 0;
}

/* 3: referrals past their response date, longest first. */
static int
row_waiting(struct build *b, struct query *q, struct huddle_item *it)
{
	struct huddle_reason	*r;

	r = huddle_reason_add(it, HUDDLE_WAITING, HUDDLE_R_REFERRAL_WAITING,
	    0);
	r->rank = -huddle_late(b, query_text(q, 5), r);
	huddle_record(r, "referral", q, 3);
	huddle_code(b, r, REF_SERVICES, query_text(q, 4));
	r->state = xstrdup(query_text(q, 6));
	r->who = xstrdup(query_text(q, 7));
	r->owner = xstrdup(query_text(q, 7));
	return 0;
}

/* 5: needs across agencies, no lead professional. */
static int
row_no_lead(struct build *b, struct query *q, struct huddle_item *it)
{
	struct huddle_reason	*r;

	(void)b;
	r = huddle_reason_add(it, HUDDLE_NO_LEAD, HUDDLE_R_NO_LEAD,
	    -query_int(q, 3));
	r->level = query_int(q, 3);
	r->count = query_int(q, 4);
	return 0;
}

/* 6: consent not recorded, refused or withdrawn, or due for review. */
static int
row_consent(struct build *b, struct query *q, struct huddle_item *it)
{
	struct huddle_reason	*r;
	const char		*state = query_text_or_null(q, 3);

	(void)b;
	r = huddle_reason_add(it, HUDDLE_CONSENT, HUDDLE_R_CONSENT,
	    state == NULL ? 1 : strcmp(state, "given") != 0 ? 0 : 2);
	if (state == NULL)
		return 0;
	r->state = xstrdup(state);
	snprintf(r->day, sizeof r->day, "%s", query_text(q, 4));
	snprintf(r->due, sizeof r->due, "%s", query_text(q, 5));
	return 0;
}

/* 7: the family's review overdue. */
static int
row_review(struct build *b, struct query *q, struct huddle_item *it)
{
	struct huddle_reason	*r;

	r = huddle_reason_add(it, HUDDLE_OVERDUE, HUDDLE_R_REVIEW, 0);
	r->rank = -huddle_late(b, query_text(q, 3), r);
	return 0;
}

/* 7: actions not done past their due date. */
static int
row_action(struct build *b, struct query *q, struct huddle_item *it)
{
	struct huddle_reason	*r;

	r = huddle_reason_add(it, HUDDLE_OVERDUE, HUDDLE_R_ACTION, 0);
	r->rank = -huddle_late(b, query_text(q, 5), r);
	huddle_record(r, "action", q, 3);
	r->detail = xstrdup(query_text(q, 4));
	r->owner = xstrdup(query_text(q, 6));
	return 0;
}

/* 7: follow-ups of contacts past their date, with no later contact. */
static int
row_follow_up(struct build *b, struct query *q, struct huddle_item *it)
{
	struct huddle_reason	*r;

	r = huddle_reason_add(it, HUDDLE_OVERDUE, HUDDLE_R_FOLLOW_UP, 0);
	r->rank = -huddle_late(b, query_text(q, 4), r);
	huddle_record(r, "contact", q, 3);
	r->who = xstrdup(query_text(q, 5));
	r->owner = xstrdup(query_text(q, 5));
	huddle_code(b, r, REF_CONTACT_KINDS, query_text(q, 6));
	return 0;
}

/*
 * 4: a family proposed for step up or step down: children's social care
 * (the service coded mash) has accepted a referral of a family below
 * level 4, or has closed or declined the last of a family at level 4.
 */
static int
row_step(struct build *b, struct query *q, struct huddle_item *it)
{
	struct huddle_reason	*r;
	const char		*status = query_text(q, 4);
	int			 up = strcmp(status, "accepted") == 0;

	r = huddle_reason_add(it, HUDDLE_STEPS, HUDDLE_R_STEP,
	    (up ? 0 : 100000000000000LL) - query_int(q, 6));
	huddle_record(r, "referral", q, 3);
	huddle_code(b, r, REF_SERVICES, "mash");
	r->state = xstrdup(status);
	r->at = query_int(q, 6);
	r->level = query_int(q, 5);
	return 0;
}

/* Each kind of reason: its query (constant SQL) and what makes a row. */
static const struct {
	const char	*sql;
	int		(*row)(struct build *, struct query *,
			    struct huddle_item *);
} huddle_kinds[] = {
	{ HUDDLE_FAMILY ", x.id, x.code, x.at, coalesce((SELECT w.name FROM "
	  "staff w WHERE w.id = x.created_by), ''), x.acked"
	  HUDDLE_FROM("flag x") "AND x.resolved IS NULL AND (x.acked IS NULL "
	  "OR x.at >= ?2) AND x.at <= ?5", row_flag },
	/* Raised: when it was first sent, by the referral's own record: a
	 * sending since, with none before it (the earlier of two at once). */
	{ HUDDLE_FAMILY ", x.id, x.service, e.at, x.urgency, coalesce((SELECT "
	  "w.name FROM staff w WHERE w.id = x.created_by), '')"
	  HUDDLE_FROM("referral_event e CROSS JOIN referral x ON x.id = "
	  "e.referral") "AND e.status = 'sent' AND e.at >= ?2 AND e.at <= ?5 "
	  "AND NOT EXISTS "
	  "(SELECT 1 FROM referral_event p WHERE p.referral = e.referral AND "
	  "p.status = 'sent' AND (p.at < e.at OR (p.at = e.at AND p.rowid < "
	  "e.rowid)))", row_new_referral },
	{ HUDDLE_FAMILY ", x.contact, x.kind, x.at, coalesce((SELECT w.name "
	  "FROM contact o JOIN staff w ON w.id = o.created_by WHERE o.id = "
	  "x.contact), '')" HUDDLE_FROM("contact x") "AND x.kind IN (SELECT "
	  "value FROM json_each(?4)) AND x.at >= ?2 AND x.at <= ?5 AND "
	  "x.current = 1 AND NOT coalesce(x.planned, 0)", row_concern },
	{ HUDDLE_FAMILY ", x.id, x.service, x.response_due, x.status, "
	  "coalesce((SELECT w.name FROM staff w WHERE w.id = x.created_by), "
	  "'')" HUDDLE_FROM("referral x") "AND "
	  REFERRAL_SQL_WAITING("x", "?3"), row_waiting },
	/* Social care's answers are few: from them to the family. */
	{ HUDDLE_FAMILY ", x.id, x.status, coalesce(f.level, 0), (SELECT "
	  "max(e.at) FROM referral_event e WHERE e.referral = x.id AND "
	  "e.status = x.status)" HUDDLE_FROM("referral x") "AND x.service = "
	  "'mash' AND ((x.status = 'accepted' AND coalesce(f.level, 0) < 4) OR "
	  "(" REFERRAL_SQL_FINAL("x") " AND x.status <> 'withdrawn' AND "
	  "f.level = 4 AND NOT EXISTS (SELECT 1 FROM referral o WHERE "
	  "o.family = x.family AND o.service = 'mash' AND ("
	  REFERRAL_SQL_LIVE("o") " OR o.created > x.created))))", row_step },
	/*
	 * By family_no_lead: only the few with no lead count agencies. Named,
	 * for with no statistics SQLite may take family_locality, which
	 * holds the consent too since migration 5, and read every open
	 * family's agencies: 77 ms of a borough's locality instead of 14.
	 */
	{ HUDDLE_FAMILY ", coalesce(f.level, 0), (SELECT count(DISTINCT "
	  "w.agency) FROM contact c JOIN staff w ON w.id = c.created_by WHERE "
	  "c.family = f.id AND c.current = 1 AND NOT coalesce(c.planned, 0)) "
	  "AS agencies FROM family f INDEXED BY family_no_lead WHERE "
	  "f.locality = ?1 AND f.status = 'open' AND ?2 IS NOT NULL AND "
	  "?3 IS NOT NULL AND ?4 IS NOT NULL AND ?5 IS NOT NULL "
	  "AND f.lead IS NULL "
	  "AND (coalesce(f.level, 0) >= 3 OR agencies >= 2)", row_no_lead },
	/*
	 * The consent that stands is the fold's (family.consent), judged
	 * from family_locality and consent_latest alone (consent-sql.h),
	 * so that only the families shown read a row: reading every
	 * family's took twice as long. No consent recorded is shown; given
	 * with no review date is not.
	 */
	{ HUDDLE_FAMILY ", k.state, k.date, k.review"
	  HUDDLE_FAMILIES_JOIN(CONSENT_JOIN("f", "k")) "AND (k.state IS NOT "
	  "'given' OR coalesce(k.review <= ?3, 0))", row_consent },
	{ HUDDLE_FAMILY ", f.next_review" HUDDLE_FAMILIES "AND f.next_review "
	  "< ?3", row_review },
	{ HUDDLE_FAMILY ", x.id, x.what, x.due, coalesce((SELECT w.name FROM "
	  "staff w WHERE w.id = x.owner), '')" HUDDLE_FROM("action x")
	  "AND coalesce(x.done, 0) = 0 AND x.due < ?3", row_action },
	/*
	 * A follow-up stands until the next contact with the family: only
	 * the family's latest contact's can be overdue. That is the one at
	 * its last_contact (kept by the fold, as the families list shows
	 * it), found in contact_follow_at, where the recent contacts are
	 * together. Of two at the same moment, the greater contact (then
	 * id, should two revisions of one contact both be current).
	 */
	{ HUDDLE_FAMILY ", x.contact, x.follow_up, coalesce((SELECT w.name "
	  "FROM contact o JOIN staff w ON w.id = o.created_by WHERE o.id = "
	  "x.contact), ''), x.kind" HUDDLE_FAMILIES_JOIN("JOIN contact x ON "
	  "x.at = f.last_contact AND x.family = f.id") "AND x.follow_up < ?3 "
	  "AND x.current = 1 AND NOT coalesce(x.planned, 0) AND NOT EXISTS "
	  "(SELECT 1 FROM contact c WHERE c.family = f.id AND c.at = x.at AND "
	  "c.current = 1 AND NOT coalesce(c.planned, 0) AND (c.contact, c.id) "
	  "> (x.contact, x.id))", row_follow_up },
};
#define NKINDS (sizeof huddle_kinds / sizeof huddle_kinds[0])

/* 8: a conflict on the family or its records, if it is one of ours. */
static int
huddle_conflict(const struct conflict *c, void *arg)
{
	struct build		*b = arg;
	const struct kind	*k;
	struct huddle_reason	*r;
	struct query		*q;
	int			 rc;

	if (id_is_zero(&c->family))
		return 0;
	q = query_prepare(b->ot->st, HUDDLE_FAMILY " FROM family f WHERE "
	    "f.id = ?1 AND f.status = 'open' AND f.locality IN "
	    LOCALITY_SAME("?2"));
	query_bind_id(q, 1, &c->family);
	query_bind_id(q, 2, &b->locality);
	if ((rc = query_step(q)) == 1) {
		r = huddle_reason_add(huddle_item(b, q, 0), HUDDLE_CONFLICTS,
		    HUDDLE_R_CONFLICT, 0);
		/* The registry's name outlives the conflict's. */
		k = kinds_get(c->etype);
		r->etype = k != NULL ? k->etype : NULL;
		r->record = c->entity;
		if (k != NULL)
			oneteam_ref(k->etype, &c->entity, r->ref);
		r->detail = xstrdup(c->field);
		r->count = (int64_t)c->nvalues;
	}
	query_done(q);
	/* A failure stops the list; huddle_ask() reports it. */
	b->failed = rc < 0;
	return rc < 0;
}

int
huddle_ask(struct build *b, char **cause)
{
	size_t	i;

	for (i = 0; i < NKINDS; i++)
		if (huddle_run(b, huddle_kinds[i].sql,
		    huddle_kinds[i].row) != 0)
			return oneteam_db_fail(b->ot, cause);
	if (conflict_list(b->ot, huddle_conflict, b, cause) < 0)
		return -1;
	if (b->failed)
		return oneteam_db_fail(b->ot, cause);
	return 0;
}
