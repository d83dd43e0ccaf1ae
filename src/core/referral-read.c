/*
 * referral-read.c owns reading referrals: one by its id, the lists a
 * filter lets through (waiting ones first, a family's through its index,
 * across families only those whoever is at work may see), and a
 * referral's history of events. The rules they apply (a referral's
 * class, which agency answers it) are referral.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "access-sql.h"
#include "referral-sql.h"
#include "oneteam/access.h"
#include "oneteam/date.h"
#include "oneteam/referral.h"
#include "oneteam/xmalloc.h"
#include "read-private.h"

#define REFERRAL_COLUMNS "r.id, r.family, f.household, r.person, p.name, " \
	"r.service, r.reason, r.needs, r.urgency, r.basis, r.basis_reason, " \
	"r.response_due, r.outcome, r.status, r.status_at, (SELECT min(e.at) " \
	"FROM referral_event e WHERE e.referral = r.id AND " \
	"e.status = 'sent'), r.created, r.created_by, s.name"
#define REFERRAL_FROM " FROM referral r LEFT JOIN family f ON " \
	"f.id = r.family LEFT JOIN person p ON p.id = r.person " \
	"LEFT JOIN staff s ON s.id = r.created_by "

/* Fill r from a row; today is the day the waiting days count to. */
static void
referral_from_row(struct query *q, const struct date *today,
    struct referral *r)
{
	struct date	sent;
	char		iso[11];

	memset(r, 0, sizeof *r);
	r->id = query_id(q, 0);
	oneteam_ref("referral", &r->id, r->ref);
	r->family = query_id(q, 1);
	oneteam_ref("family", &r->family, r->family_ref);
	r->household = xstrdup(query_text(q, 2));
	r->person = query_id(q, 3);
	r->person_name = xstrdup(query_text(q, 4));
	r->service = xstrdup(query_text(q, 5));
	r->reason = xstrdup(query_text(q, 6));
	r->needs = query_text_dup(q, 7);
	r->urgency = xstrdup(query_text(q, 8));
	r->basis = query_text_dup(q, 9);
	r->basis_reason = query_text_dup(q, 10);
	r->response_due = query_text_dup(q, 11);
	r->outcome = query_text_dup(q, 12);
	if (referral_status_parse(query_text(q, 13), &r->status) != 0)
		r->status = REFERRAL_DRAFT;
	r->status_at = query_int(q, 14);
	r->sent_at = query_int(q, 15);
	r->created = query_int(q, 16);
	r->created_by = query_id(q, 17);
	r->raised_by = xstrdup(query_text(q, 18));
	r->waiting = -1;
	if (!referral_awaits(r->status))
		return;
	if (r->sent_at != 0) {
		sent = date_from_ms(r->sent_at);
		r->waiting = date_diff(&sent, today);
	}
	date_iso(today, iso);
	r->overdue = referral_class(r->status, r->response_due, iso) ==
	    REFERRAL_CLASS_WAITING;
}

int
referral_get_core(struct oneteam *ot, const struct id *id, struct referral *r,
    char **cause)
{
	struct query	*q;
	struct date	 today = date_from_ms(ot->now);
	int		 rc;

	memset(r, 0, sizeof *r);
	q = query_prepare(ot->st, "SELECT " REFERRAL_COLUMNS REFERRAL_FROM
	    "WHERE r.id = ?1");
	query_bind_id(q, 1, id);
	if ((rc = query_step(q)) == 1)
		referral_from_row(q, &today, r);
	query_done(q);
	if (rc == 1)
		return 0;
	return oneteam_get_fail(ot, rc, "referral", cause);
}

int
referral_get(struct oneteam *ot, const struct family_view *v,
    const struct id *id, struct referral *r, char **cause)
{
	if (access_record(ot, v, "referral", id, cause) == 0)
		return referral_get_core(ot, id, r, cause);
	memset(r, 0, sizeof *r);
	return -1;
}

/*
 * ?1 family, ?2 waiting only, ?3 raised by, ?4 open only, ?5 today,
 * ?6 status, ?7 agency of who raised it, ?8 no drafts, ?9 who is at work
 * (need to know, across families). Waiting, open and final: a
 * referral's class (referral_class(), referral-sql.h).
 */
#define REFERRAL_WAITING REFERRAL_SQL_WAITING("r", "?5")
#define REFERRAL_FINAL REFERRAL_SQL_FINAL("r")

/*
 * The referrals a filter lets through, waiting ones first; first is the
 * condition on ?1, the family, so that a family's list uses its index.
 */
#define REFERRAL_LIST(first) "SELECT " REFERRAL_COLUMNS REFERRAL_FROM \
	"WHERE " first " AND (NOT ?2 OR " REFERRAL_WAITING ") AND " \
	"(?3 IS NULL OR r.created_by = ?3) AND " \
	"(NOT ?4 OR NOT " REFERRAL_FINAL ") AND " \
	"(?6 IS NULL OR r.status = ?6) AND " \
	"(?7 IS NULL OR s.agency = ?7) AND " \
	"(NOT ?8 OR r.status <> 'draft') ORDER BY " \
	REFERRAL_SQL_CLASS("r", "?5") ", CASE WHEN " REFERRAL_FINAL " THEN " \
	"-r.status_at ELSE 0 END, coalesce(r.response_due, '9999'), " \
	"r.created, r.id"

int
referral_list_core(struct oneteam *ot, const struct id *family,
    const struct referral_filter *rf,
    int (*fn)(const struct referral *, void *), void *arg, char **cause)
{
	struct query	*q;
	struct referral	 r;
	struct date	 today = date_from_ms(ot->now);
	char		 iso[11];
	int		 rc, stop = 0;

	if (rf->mine && oneteam_need_me(ot, cause) != 0)
		return -1;
	date_iso(&today, iso);
	/* A family's referrals through its index, not a scan of all. */
	q = query_prepare(ot->st, family != NULL ?
	    REFERRAL_LIST("r.family = ?1") :
	    REFERRAL_LIST("?1 IS NULL AND " ACCESS_SEES("r.family", "?9")));
	query_bind_id(q, 1, family);
	query_bind_int(q, 2, rf->waiting != 0);
	query_bind_id(q, 3, rf->mine ? &ot->me : NULL);
	query_bind_int(q, 4, rf->open != 0);
	query_bind_text(q, 5, iso);
	query_bind_text(q, 6, rf->status >= 0 ? referral_status_name(
	    (enum referral_status)rf->status) : NULL);
	query_bind_text(q, 7, rf->agency);
	query_bind_int(q, 8, rf->to_agency != NULL);
	if (family == NULL)
		query_bind_id(q, 9, &ot->me);
	while (!stop && (rc = query_step(q)) == 1) {
		referral_from_row(q, &today, &r);
		/* The rule of referral_for_agency() is C's, not the SQL's. */
		if (rf->to_agency == NULL ||
		    referral_for_agency(r.service, rf->to_agency))
			stop = fn(&r, arg);
		referral_clear(&r);
	}
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
referral_list(struct oneteam *ot, const struct referral_filter *rf,
    int (*fn)(const struct referral *, void *), void *arg, char **cause)
{
	const struct id	*family = NULL;

	if (rf->view != NULL &&
	    (family = access_viewed(ot, rf->view, cause)) == NULL)
		return -1;
	return referral_list_core(ot, family, rf, fn, arg, cause);
}

int
referral_history_core(struct oneteam *ot, const struct id *id,
    int (*fn)(const struct referral_event *, void *), void *arg,
    char **cause)
{
	struct query		*q;
	struct referral_event	 e;
	int			 rc, stop = 0;

	q = query_prepare(ot->st, "SELECT e.status, e.note, e.at, e.created, "
	    "s.name FROM referral_event e LEFT JOIN staff s ON "
	    "s.id = e.created_by WHERE e.referral = ?1 "
	    "ORDER BY e.at, e.created, e.id");
	query_bind_id(q, 1, id);
	while (!stop && (rc = query_step(q)) == 1) {
		memset(&e, 0, sizeof e);
		if (referral_status_parse(query_text(q, 0), &e.status) != 0)
			e.status = REFERRAL_DRAFT;
		e.note = query_text_dup(q, 1);
		e.at = query_int(q, 2);
		e.created = query_int(q, 3);
		e.by = xstrdup(query_text(q, 4));
		stop = fn(&e, arg);
		free(e.note);
		free(e.by);
	}
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
referral_history(struct oneteam *ot, const struct family_view *v,
    const struct id *id, int (*fn)(const struct referral_event *, void *),
    void *arg, char **cause)
{
	if (access_record(ot, v, "referral", id, cause) != 0)
		return -1;
	return referral_history_core(ot, id, fn, arg, cause);
}
