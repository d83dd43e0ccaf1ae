/*
 * huddle.c builds the morning huddle's agenda (huddle.h) from the records
 * of one locality's open families: a reason for each thing that moved or
 * is slipping, gathered by family, so that a family comes up once with
 * all of its reasons. It only reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/date.h"
#include "oneteam/huddle.h"
#include "oneteam/staff.h"
#include "oneteam/sync.h"
#include "oneteam/xmalloc.h"

#define DAY_MS		(24 * 60 * 60 * 1000LL)
#define HUDDLE_SINCE	(3 * DAY_MS)	/* the first huddle looks back */

static const char *const huddle_names[HUDDLE_NGROUPS] = {
	[HUDDLE_FLAGS] = "Red flags",
	[HUDDLE_CONCERNS] = "New referrals and concerns",
	[HUDDLE_WAITING] = "Referrals waiting for an answer",
	[HUDDLE_STEPS] = "Proposed for step up or step down",
	[HUDDLE_NO_LEAD] = "No lead professional",
	[HUDDLE_CONSENT] = "Consent to share",
	[HUDDLE_OVERDUE] = "Overdue reviews, actions and follow-ups",
	[HUDDLE_CONFLICTS] = "Conflicts from bundles",
};

static const char *const huddle_codes[HUDDLE_NGROUPS] = {
	[HUDDLE_FLAGS] = "flags",
	[HUDDLE_CONCERNS] = "concerns",
	[HUDDLE_WAITING] = "waiting",
	[HUDDLE_STEPS] = "steps",
	[HUDDLE_NO_LEAD] = "no_lead",
	[HUDDLE_CONSENT] = "consent",
	[HUDDLE_OVERDUE] = "overdue",
	[HUDDLE_CONFLICTS] = "conflicts",
};

const char *
huddle_group_name(enum huddle_group g)
{
	return (unsigned)g < HUDDLE_NGROUPS ? huddle_names[g] : "";
}

const char *
huddle_group_code(enum huddle_group g)
{
	return (unsigned)g < HUDDLE_NGROUPS ? huddle_codes[g] : "";
}

/* What the queries below share: ?1 the locality, ?2 since (ms), ?3
 * today (ISO). */
struct build {
	struct oneteam		*ot;
	struct huddle_agenda	*a;
	struct id		 locality;
	/* Every locality of its name: each site of a team may have made
	 * its own before they met, and its families belong to that one. */
	struct id		*same;
	size_t			 nsame;
	int64_t			 since;
	char			 today[11];
	char			*concerns;	/* ["not_brought","no_access"] */
	int			 failed;	/* a query of a callback */
	/* Each family's item by its id: index + 1, 0 empty; a power of 2. */
	size_t			*slots;
	size_t			 nslots;
};

/* Ids are random: their first bytes are hash enough. */
static size_t
huddle_hash(const struct id *id)
{
	size_t	h;

	memcpy(&h, id->b, sizeof h);
	return h;
}

/* Make room, keeping the table at most half full. */
static void
huddle_grow(struct build *b)
{
	size_t	i, j, n = b->nslots != 0 ? b->nslots * 2 : 64;

	if (b->a->nitems < b->nslots / 2)
		return;
	free(b->slots);
	b->slots = xcalloc(n, sizeof *b->slots);
	b->nslots = n;
	for (i = 0; i < b->a->nitems; i++) {
		for (j = huddle_hash(&b->a->items[i].family) & (n - 1);
		    b->slots[j] != 0; j = (j + 1) & (n - 1))
			continue;
		b->slots[j] = i + 1;
	}
}

/* The family's item, made on first sight from the row's f.* columns. */
static struct huddle_item *
huddle_item(struct build *b, struct query *q, int col)
{
	struct huddle_agenda	*a = b->a;
	struct huddle_item	*it;
	struct id		 family = query_id(q, col);
	size_t			 j;

	huddle_grow(b);
	for (j = huddle_hash(&family) & (b->nslots - 1); b->slots[j] != 0;
	    j = (j + 1) & (b->nslots - 1))
		if (id_cmp(&a->items[b->slots[j] - 1].family, &family) == 0)
			return &a->items[b->slots[j] - 1];
	a->items = xreallocarray(a->items, a->nitems + 1, sizeof *a->items);
	b->slots[j] = a->nitems + 1;
	it = &a->items[a->nitems++];
	memset(it, 0, sizeof *it);
	it->family = family;
	id_ref("F", &family, 0, it->ref);
	it->household = xstrdup(query_text(q, col + 1));
	it->lead = query_text_dup(q, col + 2);
	return it;
}

static struct huddle_reason *
huddle_reason(struct huddle_item *it, enum huddle_group g, int64_t rank,
    char *text)
{
	struct huddle_reason	*r;

	it->reasons = xreallocarray(it->reasons, it->nreasons + 1,
	    sizeof *it->reasons);
	r = &it->reasons[it->nreasons++];
	memset(r, 0, sizeof *r);
	r->group = g;
	r->rank = rank;
	r->text = text;
	return r;
}

/*
 * The columns every query starts with (the family, its household and
 * lead), and its families: the locality's open ones. Names of staff are
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
#define HUDDLE_FAMILY "SELECT f.id, f.household, (SELECT s.name FROM " \
	"staff s WHERE s.id = f.lead)"
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

/* The localities of the name of b->locality, itself first. */
static int
huddle_same(struct build *b)
{
	struct query	*q;
	int		 rc;

	b->same = xcalloc(1, sizeof *b->same);
	b->same[b->nsame++] = b->locality;
	q = query_prepare(b->ot->st, "SELECT o.id FROM locality l JOIN "
	    "locality o ON o.name = l.name COLLATE NOCASE AND o.id <> l.id "
	    "WHERE l.id = ?1 ORDER BY o.id");
	query_bind_id(q, 1, &b->locality);
	while ((rc = query_step(q)) == 1) {
		b->same = xreallocarray(b->same, b->nsame + 1,
		    sizeof *b->same);
		b->same[b->nsame++] = query_id(q, 0);
	}
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* Days from an ISO date to today (late if positive), and it for people. */
static int
huddle_late(const struct build *b, const char *iso, char *day, size_t len)
{
	struct date	due, today;

	date_format(iso, day, len);
	if (date_from_iso(iso, &due) != 0 ||
	    date_from_iso(b->today, &today) != 0)
		return 0;
	return date_diff(&due, &today);
}

/* 1: red flags raised since, or not yet acknowledged; unresolved. */
static int
row_flag(struct build *b, struct query *q, struct huddle_item *it)
{
	const struct ref_item	*f;
	struct huddle_reason	*r;
	const char		*sev;
	char			 when[32];
	int			 rank;
	struct id		 id = query_id(q, 3);

	f = refdata_find(b->ot->rd, REF_RED_FLAGS, query_text(q, 4));
	sev = f != NULL && f->extra[0] != NULL ? f->extra[0] : "";
	rank = strcmp(sev, "high") == 0 ? 0 : strcmp(sev, "medium") == 0 ? 1 :
	    2;
	time_format(query_int(q, 5), when, sizeof when);
	r = huddle_reason(it, HUDDLE_FLAGS, rank * 100000000000000LL -
	    query_int(q, 5), xprintf("Red flag: %s (%s), raised %s by %s%s",
	    f != NULL ? f->label : query_text(q, 4), *sev != '\0' ? sev :
	    "severity not known", when, query_text(q, 6), query_is_null(q, 7) ?
	    "; not acknowledged" : ""));
	if (f != NULL && f->extra[1] != NULL)
		r->response = xstrdup(f->extra[1]);
	id_ref("RF", &id, 0, r->ref);
	return 0;
}

/* 2: referrals raised since. */
static int
row_new_referral(struct build *b, struct query *q, struct huddle_item *it)
{
	struct huddle_reason	*r;
	char			 when[32];
	struct id		 id = query_id(q, 3);

	time_format(query_int(q, 5), when, sizeof when);
	r = huddle_reason(it, HUDDLE_CONCERNS, -query_int(q, 5),
	    xprintf("New referral to %s (%s urgency), raised %s by %s",
	    refdata_label(b->ot->rd, REF_SERVICES, query_text(q, 4)),
	    query_text_or_null(q, 6) != NULL ? query_text(q, 6) : "no",
	    when, query_text(q, 7)));
	id_ref("R", &id, 0, r->ref);
	return 0;
}

/* 2: contacts since of a kind of concern (a child not brought). */
static int
row_concern(struct build *b, struct query *q, struct huddle_item *it)
{
	struct huddle_reason	*r;
	char			 when[32];
	struct id		 id = query_id(q, 3);

	time_format(query_int(q, 5), when, sizeof when);
	r = huddle_reason(it, HUDDLE_CONCERNS, -query_int(q, 5),
	    xprintf("%s on %s, recorded by %s",
	    refdata_label(b->ot->rd, REF_CONTACT_KINDS, query_text(q, 4)),
	    when, query_text(q, 6)));
	id_ref("C", &id, 0, r->ref);
	return 0;
}

/* 3: referrals past their response date, longest first. */
static int
row_waiting(struct build *b, struct query *q, struct huddle_item *it)
{
	struct huddle_reason	*r;
	char			 day[32];
	int			 late;
	struct id		 id = query_id(q, 3);

	late = huddle_late(b, query_text(q, 5), day, sizeof day);
	r = huddle_reason(it, HUDDLE_WAITING, -late, xprintf("Referral to "
	    "%s %s, waiting %d day%s past its response date (%s)",
	    refdata_label(b->ot->rd, REF_SERVICES, query_text(q, 4)),
	    query_text(q, 6), late, late == 1 ? "" : "s", day));
	r->owner = xstrdup(query_text(q, 7));
	id_ref("R", &id, 0, r->ref);
	return 0;
}

/* 5: needs across agencies, no lead professional. */
static int
row_no_lead(struct build *b, struct query *q, struct huddle_item *it)
{
	int64_t	level = query_int(q, 3), agencies = query_int(q, 4);

	(void)b;
	huddle_reason(it, HUDDLE_NO_LEAD, -level, xprintf("No lead "
	    "professional: level %lld, %lld agenc%s involved", (long long)level,
	    (long long)agencies, agencies == 1 ? "y" : "ies"));
	return 0;
}

/* 6: consent not recorded, refused or withdrawn, or due for review. */
static int
row_consent(struct build *b, struct query *q, struct huddle_item *it)
{
	const char	*state = query_text_or_null(q, 3);
	const char	*review = query_text_or_null(q, 5);
	char		 day[32], rday[32];
	char		*text;

	if (state == NULL)
		text = xstrdup("Consent to share not recorded");
	else if (strcmp(state, "given") != 0) {
		date_format(query_text(q, 4), day, sizeof day);
		text = xprintf("Consent to share %s on %s", state, day);
	} else {
		date_format(review, rday, sizeof rday);
		text = xprintf("Consent to share due for review (%s)", rday);
	}
	(void)b;
	huddle_reason(it, HUDDLE_CONSENT, state == NULL ? 1 :
	    strcmp(state, "given") != 0 ? 0 : 2, text);
	return 0;
}

/* 7: the family's review overdue. */
static int
row_review(struct build *b, struct query *q, struct huddle_item *it)
{
	char		day[32];
	int		late;

	late = huddle_late(b, query_text(q, 3), day, sizeof day);
	huddle_reason(it, HUDDLE_OVERDUE, -late, xprintf("Review overdue since "
	    "%s (%d day%s)", day, late, late == 1 ? "" : "s"));
	return 0;
}

/* 7: actions not done past their due date. */
static int
row_action(struct build *b, struct query *q, struct huddle_item *it)
{
	struct huddle_reason	*r;
	char			 day[32];
	int			 late;
	struct id		 id = query_id(q, 3);

	late = huddle_late(b, query_text(q, 5), day, sizeof day);
	r = huddle_reason(it, HUDDLE_OVERDUE, -late, xprintf("Action for %s "
	    "due %s (%d day%s late): %s", query_text(q, 6), day, late,
	    late == 1 ? "" : "s", query_text(q, 4)));
	r->owner = xstrdup(query_text(q, 6));
	id_ref("A", &id, 0, r->ref);
	return 0;
}

/* 7: follow-ups of contacts past their date, with no later contact. */
static int
row_follow_up(struct build *b, struct query *q, struct huddle_item *it)
{
	struct huddle_reason	*r;
	char			 day[32];
	int			 late;
	struct id		 id = query_id(q, 3);

	late = huddle_late(b, query_text(q, 4), day, sizeof day);
	r = huddle_reason(it, HUDDLE_OVERDUE, -late, xprintf("Follow-up by %s "
	    "due %s (%d day%s late), after a %s", query_text(q, 5), day, late,
	    late == 1 ? "" : "s", refdata_label(b->ot->rd, REF_CONTACT_KINDS,
	    query_text(q, 6))));
	r->owner = xstrdup(query_text(q, 5));
	id_ref("C", &id, 0, r->ref);
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
	const char	*status = query_text(q, 4);
	char		 when[32];
	int		 up = strcmp(status, "accepted") == 0;
	struct id	 id = query_id(q, 3);
	struct huddle_reason *r;

	time_format(query_int(q, 6), when, sizeof when);
	r = huddle_reason(it, HUDDLE_STEPS, (up ? 0 : 100000000000000LL) -
	    query_int(q, 6), xprintf("Proposed for step %s: %s %s the "
	    "referral on %s; the family is at level %lld", up ? "up" : "down",
	    refdata_label(b->ot->rd, REF_SERVICES, "mash"), up ? "accepted" :
	    strcmp(status, "declined") == 0 ? "declined" : "closed", when,
	    (long long)query_int(q, 5)));
	id_ref("R", &id, 0, r->ref);
	return 0;
}

static int	huddle_order_reason(const void *, const void *);
static int	huddle_order_item(const void *, const void *);

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
	  "'')" HUDDLE_FROM("referral x") "AND x.status IN ('sent', "
	  "'acknowledged') AND x.response_due < ?3", row_waiting },
	/* Social care's answers are few: from them to the family. */
	{ HUDDLE_FAMILY ", x.id, x.status, coalesce(f.level, 0), (SELECT "
	  "max(e.at) FROM referral_event e WHERE e.referral = x.id AND "
	  "e.status = x.status)" HUDDLE_FROM("referral x") "AND x.service = "
	  "'mash' AND ((x.status = 'accepted' AND coalesce(f.level, 0) < 4) OR "
	  "(x.status IN ('completed', 'declined') AND f.level = 4 AND NOT "
	  "EXISTS (SELECT 1 FROM referral o WHERE o.family = x.family AND "
	  "o.service = 'mash' AND (o.status IN ('sent', 'acknowledged', "
	  "'accepted') OR o.created > x.created))))", row_step },
	/* By family_no_lead: only the few with no lead count agencies. */
	{ HUDDLE_FAMILY ", coalesce(f.level, 0), (SELECT count(DISTINCT "
	  "w.agency) FROM contact c JOIN staff w ON w.id = c.created_by WHERE "
	  "c.family = f.id AND c.current = 1 AND NOT coalesce(c.planned, 0)) "
	  "AS agencies" HUDDLE_FAMILIES "AND f.lead IS NULL "
	  "AND (coalesce(f.level, 0) >= 3 OR agencies >= 2)", row_no_lead },
	/*
	 * The latest consent is judged in the WHERE, from consent_latest
	 * alone, so that only the families shown read its row: reading
	 * every family's took twice as long. The judgement is NULL only
	 * with no consent recorded (shown); given with no review date is
	 * not shown.
	 */
	{ HUDDLE_FAMILY ", k.state, k.date, k.review"
	  HUDDLE_FAMILIES_JOIN("LEFT JOIN consent k ON k.rowid = (SELECT "
	  "c.rowid FROM consent c WHERE c.family = f.id ORDER BY c.date DESC, "
	  "c.hlc DESC, c.id DESC LIMIT 1)") "AND coalesce((SELECT c.state IS "
	  "NOT 'given' OR coalesce(c.review <= ?3, 0) FROM consent c WHERE "
	  "c.family = f.id ORDER BY c.date DESC, c.hlc DESC, c.id DESC LIMIT "
	  "1), 1)", row_consent },
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
	struct huddle_item	*it;
	struct query		*q;
	int			 rc;

	if (id_is_zero(&c->family))
		return 0;
	q = query_prepare(b->ot->st, HUDDLE_FAMILY " FROM family f WHERE "
	    "f.id = ?1 AND f.status = 'open' AND f.locality IN (SELECT o.id "
	    "FROM locality l JOIN locality o ON o.name = l.name COLLATE NOCASE "
	    "WHERE l.id = ?2)");
	query_bind_id(q, 1, &c->family);
	query_bind_id(q, 2, &b->locality);
	if ((rc = query_step(q)) == 1) {
		it = huddle_item(b, q, 0);
		huddle_reason(it, HUDDLE_CONFLICTS, 0, xprintf("Conflict: %s of "
		    "the %s was changed at two sites while apart (%zu values)",
		    c->field, c->etype, c->nvalues));
	}
	query_done(q);
	/* A failure stops the list; huddle_gather() reports it. */
	b->failed = rc < 0;
	return rc < 0;
}

/*
 * A locality's huddle is its own team's: its agenda and minutes name the
 * families of the locality, for those who need to know them (access.h).
 * Whoever is at work, if of a locality, may only have one of its name.
 */
int
huddle_ours(struct oneteam *ot, const struct id *locality, char **cause)
{
	struct query	*q;
	char		*mine = NULL;
	int		 rc;

	if (id_is_zero(&ot->me))
		return 0;
	q = query_prepare(ot->st, "SELECT sl.name, sl.name = l.name COLLATE "
	    "NOCASE FROM staff s JOIN locality sl ON sl.id = s.locality "
	    "JOIN locality l ON l.id = ?2 WHERE s.id = ?1");
	query_bind_id(q, 1, &ot->me);
	query_bind_id(q, 2, locality);
	if ((rc = query_step(q)) == 1 && query_int(q, 1) == 0)
		mine = query_text_dup(q, 0);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (mine == NULL)
		return 0;
	oneteam_refuse(ot, cause, "a huddle is its own locality's: you are of "
	    "%s", mine);
	free(mine);
	return -1;
}

int
huddle_locality(struct oneteam *ot, const char *name, struct id *id,
    char **out, char **cause)
{
	struct query	*q;
	int		 rc;

	if (name == NULL && !id_is_zero(&ot->me)) {
		q = query_prepare(ot->st, "SELECT l.id, l.name FROM staff w JOIN "
		    "locality l ON l.id = w.locality WHERE w.id = ?1");
		query_bind_id(q, 1, &ot->me);
		if ((rc = query_step(q)) == 1) {
			*id = query_id(q, 0);
			*out = query_text_dup(q, 1);
		}
		query_done(q);
		if (rc < 0)
			return oneteam_db_fail(ot, cause);
		if (rc == 1)
			return 0;
	}
	if (name == NULL)
		name = ot->cfg.locality;
	if (name == NULL || *name == '\0')
		return oneteam_refuse_field(ot, cause, "locality", "which "
		    "locality? name one, or set [site] locality in the "
		    "configuration");
	if (locality_lookup(ot, name, id, cause) != 0 ||
	    huddle_ours(ot, id, cause) != 0)
		return -1;
	*out = xstrdup(name);
	return 0;
}

/*
 * The last huddle of the locality before today: "new" is since it began,
 * and what it did not reach comes again. Its id in *last, zero if none.
 */
static int
huddle_last(struct build *b, struct id *last)
{
	struct query	*q;
	int		 rc;

	memset(last, 0, sizeof *last);
	/* Of any locality of the name: each site may have made its own. */
	q = query_prepare(b->ot->st, "SELECT id, started FROM huddle WHERE "
	    "locality IN (SELECT b.id FROM locality a JOIN locality b ON "
	    "b.name = a.name COLLATE NOCASE WHERE a.id = ?1) AND day < ?2 "
	    "ORDER BY day DESC, started DESC, id LIMIT 1");
	query_bind_id(q, 1, &b->locality);
	query_bind_text(q, 2, b->today);
	if ((rc = query_step(q)) == 1) {
		*last = query_id(q, 0);
		if (b->since == 0)
			b->since = query_int(q, 1);
	}
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/*
 * The items the last huddle did not reach (no decision), of families
 * still open, come again first in their group; one with nothing new
 * keeps the reasons it had.
 */
static int
huddle_carry(struct build *b, const struct id *last)
{
	struct huddle_item	*it;
	struct huddle_reason	*r;
	struct query		*q;
	char			 day[32], *had, *p;
	int			 rc, fresh;
	size_t			 g;

	q = query_prepare(b->ot->st, HUDDLE_FAMILY ", i.grp, i.reasons, h.day "
	    "FROM huddle h JOIN huddle_item i ON i.huddle = h.id JOIN family f "
	    "ON f.id = i.family WHERE h.id = ?1 AND f.status = 'open' AND NOT "
	    "EXISTS (SELECT 1 FROM huddle_decision d WHERE d.item = i.id) "
	    "ORDER BY i.position");
	query_bind_id(q, 1, last);
	while ((rc = query_step(q)) == 1) {
		it = huddle_item(b, q, 0);
		fresh = it->nreasons != 0;
		for (g = 0; g < HUDDLE_NGROUPS; g++)
			if (strcmp(huddle_codes[g], query_text(q, 3)) == 0)
				break;
		date_format(query_text(q, 5), day, sizeof day);
		snprintf(it->carried, sizeof it->carried, "%s",
		    query_text(q, 5));
		/* The reasons it had, on one line. */
		had = xstrdup(query_text(q, 4));
		for (p = had; (p = strchr(p, '\n')) != NULL; p++)
			*p = ';';
		r = huddle_reason(it, g < HUDDLE_NGROUPS ? (enum huddle_group)g :
		    HUDDLE_CONFLICTS, INT64_MIN, fresh ? xprintf("Not reached "
		    "at the huddle on %s", day) : xprintf("Not reached at the "
		    "huddle on %s, which had: %s", day, had));
		r->carried = 1;
		free(had);
	}
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* The kinds of contact of concern, as the list marks them: a JSON
 * array, the codes being snake_case (refdata.c) and so needing no
 * escape. */
static void
huddle_concerns(struct build *b)
{
	const struct ref_item	*k;
	char			*t;
	size_t			 i, n = 0;

	b->concerns = xstrdup("[");
	for (i = 0; i < refdata_count(b->ot->rd, REF_CONTACT_KINDS); i++) {
		k = refdata_item(b->ot->rd, REF_CONTACT_KINDS, i);
		if (k->extra[0] == NULL || strcmp(k->extra[0], "yes") != 0)
			continue;
		t = xprintf("%s%s\"%s\"", b->concerns, n++ != 0 ? "," : "",
		    k->code);
		free(b->concerns);
		b->concerns = t;
	}
	t = xprintf("%s]", b->concerns);
	free(b->concerns);
	b->concerns = t;
}

/* Every reason of every kind, then what the last huddle left. */
static int
huddle_gather(struct build *b, char **cause)
{
	struct id	last;
	size_t		i;

	if (huddle_same(b) != 0 || huddle_last(b, &last) != 0)
		return oneteam_db_fail(b->ot, cause);
	huddle_concerns(b);
	if (b->since == 0)
		b->since = b->ot->now - HUDDLE_SINCE;
	b->a->since = b->since;
	for (i = 0; i < NKINDS; i++)
		if (huddle_run(b, huddle_kinds[i].sql, huddle_kinds[i].row) != 0)
			return oneteam_db_fail(b->ot, cause);
	if (conflict_list(b->ot, huddle_conflict, b, cause) < 0)
		return -1;
	if (b->failed)
		return oneteam_db_fail(b->ot, cause);
	if (!id_is_zero(&last) && huddle_carry(b, &last) != 0)
		return oneteam_db_fail(b->ot, cause);
	return 0;
}

int
huddle_agenda(struct oneteam *ot, const char *locality, int64_t since,
    struct huddle_agenda *a, char **cause)
{
	struct build	 b;
	struct date	 today = date_from_ms(ot->now);
	size_t		 i;
	int		 rc;

	memset(a, 0, sizeof *a);
	memset(&b, 0, sizeof b);
	b.ot = ot;
	b.a = a;
	b.since = since;
	date_iso(&today, b.today);
	if (huddle_locality(ot, locality, &b.locality, &a->locality,
	    cause) != 0)
		return -1;
	a->locality_id = b.locality;
	rc = huddle_gather(&b, cause);
	free(b.slots);
	free(b.same);
	free(b.concerns);
	if (rc != 0) {
		huddle_agenda_free(a);
		return -1;
	}
	/* Each family's reasons most urgent first; families likewise. */
	for (i = 0; i < a->nitems; i++) {
		qsort(a->items[i].reasons, a->items[i].nreasons,
		    sizeof *a->items[i].reasons, huddle_order_reason);
		a->items[i].group = a->items[i].reasons[0].group;
	}
	qsort(a->items, a->nitems, sizeof *a->items, huddle_order_item);
	return 0;
}

static int
huddle_order_reason(const void *x, const void *y)
{
	const struct huddle_reason	*a = x, *b = y;

	if (a->group != b->group)
		return (int)a->group - (int)b->group;
	return (a->rank > b->rank) - (a->rank < b->rank);
}

static int
huddle_order_item(const void *x, const void *y)
{
	const struct huddle_item	*a = x, *b = y;
	int				 c;

	if (a->group != b->group)
		return (int)a->group - (int)b->group;
	c = huddle_order_reason(&a->reasons[0], &b->reasons[0]);
	if (c != 0)
		return c;
	if ((c = strcmp(a->household, b->household)) != 0)
		return c;
	return strcmp(a->ref, b->ref);
}

void
huddle_agenda_free(struct huddle_agenda *a)
{
	size_t	i, k;

	for (i = 0; i < a->nitems; i++) {
		for (k = 0; k < a->items[i].nreasons; k++) {
			free(a->items[i].reasons[k].text);
			free(a->items[i].reasons[k].response);
			free(a->items[i].reasons[k].owner);
		}
		free(a->items[i].reasons);
		free(a->items[i].household);
		free(a->items[i].lead);
	}
	free(a->items);
	free(a->locality);
	memset(a, 0, sizeof *a);
}
