/*
 * myday.c owns "my day": the follow-ups, actions and planned contacts of
 * the member of staff at work that are due today or overdue, across every
 * family, under the rules written in myday.h. It only reads: contacts are
 * recorded by contact.c and actions by action.c, whose list it reuses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access-sql.h"
#include "oneteam/action.h"
#include "oneteam/date.h"
#include "oneteam/flag.h"
#include "oneteam/kinds.h"
#include "oneteam/myday.h"
#include "oneteam/xmalloc.h"

static const char *const myday_kind_names[MYDAY_NKINDS] = {
	[MYDAY_FLAG] = "Red flags on families I lead",
	[MYDAY_FOLLOW_UP] = "Follow-ups",
	[MYDAY_ACTION] = "Actions",
	[MYDAY_PLANNED] = "Planned contacts",
};

/* What a listing carries between the groups. */
struct myday_ctx {
	struct oneteam	*ot;
	int		(*fn)(const struct myday_item *, void *);
	void		*arg;
	char		 today[11];
	char		 last[11];	/* the last day looked ahead to */
	int64_t		 after;		/* ms at the local midnight after
					   the last day */
	int		 stop;
};

/*
 * The revision of a contact c that counts: the current one, or of two
 * current ones (corrected at two sites while apart) the newest, as
 * contact_get() reads it.
 */
#define MYDAY_NEWEST "NOT EXISTS (SELECT 1 FROM contact h WHERE " \
	KINDS_CONTACT_REVISIONS("h", "c.contact") " AND h.current = 1 AND " \
	"(h.hlc > c.hlc OR " \
	"(h.hlc = c.hlc AND h.id > c.id)))"

/*
 * ?1 me, ?2 today. Contacts whose first revision (o) is mine; their
 * follow-up not superseded by a later contact of mine with the family (l,
 * whose first revision is lo). Ties of time go to the later contact id,
 * so one of two contacts at the same minute stands.
 */
#define MYDAY_FOLLOW_UPS_SQL \
	"SELECT c.contact, c.family, f.household, c.follow_up, c.at, " \
	"c.kind, c.summary FROM contact o JOIN contact c ON " \
	KINDS_CONTACT_REVISIONS("c", "o.id") " LEFT JOIN family f ON " \
	"f.id = c.family " \
	"WHERE o.created_by IN " ACCESS_SELF("?1") " AND o.id = o.contact " \
	"AND c.current = 1 AND NOT coalesce(c.planned, 0) AND " \
	"c.follow_up IS NOT NULL AND " \
	"c.follow_up <= ?2 AND coalesce(f.status, 'open') <> 'closed' " \
	"AND " MYDAY_NEWEST " AND NOT EXISTS (SELECT 1 FROM contact l " \
	"JOIN contact lo ON lo.id = l.contact WHERE l.family = c.family " \
	"AND l.current = 1 AND l.contact <> c.contact AND " \
	"NOT coalesce(l.planned, 0) AND lo.created_by IN " ACCESS_SELF("?1") \
	" AND (l.at > c.at OR (l.at = c.at AND l.contact > c.contact))) " \
	"ORDER BY c.follow_up, c.at, c.contact"

/* ?1 me, ?2 the local midnight after today (ms). */
#define MYDAY_PLANNED_SQL \
	"SELECT c.contact, c.family, f.household, c.at, c.kind, c.venue " \
	"FROM contact o JOIN contact c ON " \
	KINDS_CONTACT_REVISIONS("c", "o.id") " LEFT JOIN family f ON " \
	"f.id = c.family " \
	"WHERE o.created_by IN " ACCESS_SELF("?1") " AND o.id = o.contact " \
	"AND c.current = 1 AND coalesce(c.planned, 0) AND c.at < ?2 AND " \
	MYDAY_NEWEST \
	" ORDER BY c.at, c.contact"

const char *
myday_kind_name(enum myday_kind k)
{
	if ((unsigned)k >= MYDAY_NKINDS)
		return "unknown";
	return myday_kind_names[k];
}

/* Give an item to the caller; remember if it asks to stop. */
static int
myday_give(struct myday_ctx *mc, struct myday_item *it)
{
	it->overdue = strcmp(it->date, mc->today) < 0;
	it->ahead = strcmp(it->date, mc->today) > 0;
	mc->stop = mc->fn(it, mc->arg) != 0;
	return mc->stop;
}

/* The part of a contact's row both kinds share: columns 0 to 2. */
static void
myday_contact(struct query *q, enum myday_kind kind, struct myday_item *it)
{
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->id = query_id(q, 0);
	oneteam_ref("contact", &it->id, it->ref);
	it->family = query_id(q, 1);
	oneteam_ref("family", &it->family, it->family_ref);
	it->household = query_text(q, 2);
}

/* "Home visit on 3 Mar 2026: the first line of what happened". */
static char *
myday_follow_up_text(struct myday_ctx *mc, int64_t at, const char *kind,
    const char *summary)
{
	struct date	d = date_from_ms(at);
	const char	*label;
	char		iso[11], day[32];

	date_iso(&d, iso);
	date_format(iso, day, sizeof day);
	label = refdata_label(mc->ot->rd, REF_CONTACT_KINDS, kind);
	if (summary == NULL || *summary == '\0')
		return xprintf("%s on %s", label, day);
	return xprintf("%s on %s: %.*s", label, day,
	    (int)strcspn(summary, "\n"), summary);
}

static int
myday_follow_ups(struct myday_ctx *mc)
{
	struct query		*q;
	struct myday_item	 it;
	char			*text;
	int			 rc = 0;

	q = query_prepare(mc->ot->st, MYDAY_FOLLOW_UPS_SQL);
	query_bind_id(q, 1, &mc->ot->me);
	query_bind_text(q, 2, mc->last);
	while (!mc->stop && (rc = query_step(q)) == 1) {
		myday_contact(q, MYDAY_FOLLOW_UP, &it);
		snprintf(it.date, sizeof it.date, "%s", query_text(q, 3));
		it.at = query_int(q, 4);
		text = myday_follow_up_text(mc, it.at, query_text(q, 5),
		    query_text_or_null(q, 6));
		it.text = text;
		myday_give(mc, &it);
		free(text);
	}
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* "Home visit at 14:30, Riverside Library". */
static char *
myday_planned_text(struct myday_ctx *mc, int64_t at, const char *kind,
    const char *venue)
{
	time_t		secs = (time_t)(at / 1000);
	struct tm	tm;
	char		hhmm[16] = "";
	const char	*label;

	if (localtime_r(&secs, &tm) != NULL)
		strftime(hhmm, sizeof hhmm, "%H:%M", &tm);
	label = refdata_label(mc->ot->rd, REF_CONTACT_KINDS, kind);
	if (venue == NULL || *venue == '\0')
		return xprintf("%s at %s", label, hhmm);
	return xprintf("%s at %s, %s", label, hhmm, venue);
}

static int
myday_planned(struct myday_ctx *mc)
{
	struct query		*q;
	struct myday_item	 it;
	struct date		 d;
	char			*text;
	int			 rc = 0;

	q = query_prepare(mc->ot->st, MYDAY_PLANNED_SQL);
	query_bind_id(q, 1, &mc->ot->me);
	query_bind_int(q, 2, mc->after);
	while (!mc->stop && (rc = query_step(q)) == 1) {
		myday_contact(q, MYDAY_PLANNED, &it);
		it.at = query_int(q, 3);
		d = date_from_ms(it.at);
		date_iso(&d, it.date);
		text = myday_planned_text(mc, it.at, query_text(q, 4),
		    query_text_or_null(q, 5));
		it.text = text;
		myday_give(mc, &it);
		free(text);
	}
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* action_list() gives open actions by due date: stop past the week. */
static int
myday_action(const struct action *a, void *arg)
{
	struct myday_ctx	*mc = arg;
	struct myday_item	 it;

	if (a->done || a->due == NULL || strcmp(a->due, mc->last) > 0)
		return 1;
	memset(&it, 0, sizeof it);
	it.kind = MYDAY_ACTION;
	it.id = a->id;
	memcpy(it.ref, a->ref, sizeof it.ref);
	it.family = a->family;
	memcpy(it.family_ref, a->family_ref, sizeof it.family_ref);
	it.household = a->household != NULL ? a->household : "";
	snprintf(it.date, sizeof it.date, "%s", a->due);
	it.text = a->what;
	return myday_give(mc, &it);
}

static int
myday_actions(struct myday_ctx *mc, char **cause)
{
	struct action_filter	af;

	memset(&af, 0, sizeof af);
	af.owner = &mc->ot->me;
	return action_list(mc->ot, &af, myday_action, mc, cause);
}

/* The last day of the coming week, and the local midnight that ends it,
 * as time_parse() reads local time. */
static int
myday_week(struct myday_ctx *mc, char **cause)
{
	struct date	d = date_from_ms(mc->ot->now);
	char		iso[11], when[32], *why = NULL;

	d = date_add_days(&d, MYDAY_AHEAD_DAYS);
	date_iso(&d, mc->last);
	d = date_add_days(&d, 1);
	date_iso(&d, iso);
	snprintf(when, sizeof when, "%sT00:00", iso);
	if (time_parse(when, mc->ot->now, &mc->after, &why) == 0)
		return 0;
	oneteam_refuse(mc->ot, cause, "the end of the week: %s", why);
	free(why);
	return -1;
}

/*
 * ?1 me. The active red flags no one has acknowledged on the open
 * families I lead, the oldest first.
 */
#define MYDAY_FLAGS_SQL \
	"SELECT g.id, g.family, f.household, g.code, g.at FROM family f " \
	"CROSS JOIN flag g ON g.family = f.id WHERE f.lead IN " \
	ACCESS_SELF("?1") " AND coalesce(f.status, 'open') <> 'closed' AND " \
	"g.resolved IS NULL AND g.acked IS NULL ORDER BY g.at, g.id"

/* A flag of my day, kept to be given most severe first. */
struct myday_flag {
	struct myday_item	 it;
	char			*household;
	char			*text;
	int			 rank;		/* flag_severity_rank() */
};

static int
myday_flag_order(const void *a, const void *b)
{
	const struct myday_flag	*x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->it.at != y->it.at)
		return x->it.at < y->it.at ? -1 : 1;
	return id_cmp(&x->it.id, &y->it.id);
}

/* The flags of the families I lead: high severity first, then the
 * oldest; each says its severity, what it is and what to do now. */
static int
myday_flags(struct myday_ctx *mc)
{
	const struct ref_item	*r;
	struct myday_flag	*v = NULL, *g;
	struct query		*q;
	struct date		 d;
	const char		*code, *response, *sev;
	size_t			 n = 0, i;
	int			 rc = 0;

	q = query_prepare(mc->ot->st, MYDAY_FLAGS_SQL);
	query_bind_id(q, 1, &mc->ot->me);
	while ((rc = query_step(q)) == 1) {
		v = xreallocarray(v, n + 1, sizeof *v);
		g = &v[n++];
		myday_contact(q, MYDAY_FLAG, &g->it);
		g->household = xstrdup(g->it.household);
		oneteam_ref("flag", &g->it.id, g->it.ref);
		g->it.at = query_int(q, 4);
		d = date_from_ms(g->it.at);
		date_iso(&d, g->it.date);
		code = query_text(q, 3);
		r = refdata_find(mc->ot->rd, REF_RED_FLAGS, code);
		sev = r != NULL && r->extra[0] != NULL ? r->extra[0] : "";
		g->rank = flag_severity_rank(sev);
		response = flag_response(mc->ot, code);
		g->text = xprintf("%s%s%s%s%s", g->rank == 0 ? "HIGH: " : "",
		    refdata_label(mc->ot->rd, REF_RED_FLAGS, code),
		    *response != '\0' ? ": " : "", response, "");
	}
	query_done(q);
	if (n > 1)
		qsort(v, n, sizeof *v, myday_flag_order);
	for (i = 0; i < n; i++) {
		v[i].it.household = v[i].household;
		v[i].it.text = v[i].text;
		if (rc == 0 && !mc->stop)
			myday_give(mc, &v[i].it);
		free(v[i].household);
		free(v[i].text);
	}
	free(v);
	return rc < 0 ? -1 : 0;
}

int
myday_list(struct oneteam *ot, int (*fn)(const struct myday_item *, void *),
    void *arg, char **cause)
{
	struct myday_ctx	mc;
	struct date		today = date_from_ms(ot->now);

	if (oneteam_need_me(ot, cause) != 0)
		return -1;
	memset(&mc, 0, sizeof mc);
	mc.ot = ot;
	mc.fn = fn;
	mc.arg = arg;
	date_iso(&today, mc.today);
	if (myday_week(&mc, cause) != 0)
		return -1;
	if (myday_flags(&mc) != 0)
		return oneteam_db_fail(ot, cause);
	if (!mc.stop && myday_follow_ups(&mc) != 0)
		return oneteam_db_fail(ot, cause);
	if (!mc.stop && myday_actions(&mc, cause) != 0)
		return -1;
	if (!mc.stop && myday_planned(&mc) != 0)
		return oneteam_db_fail(ot, cause);
	return 0;
}
