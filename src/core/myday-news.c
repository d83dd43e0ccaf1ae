/*
 * myday-news.c owns "since I last looked" (myday.h): what others recorded
 * on my families, or on referrals I raised, since the last time I opened
 * My day at this site, and the mark of that look. The mark is the site's
 * own (a local table, never sent): the last row of the change log when I
 * looked, so that what a bundle brought counts when it arrived, whatever
 * its maker's clock said. Which families are mine is access-sql.h's rule.
 */
#include <stdlib.h>
#include <string.h>

#include "access-sql.h"
#include "oneteam/conflict.h"
#include "oneteam/myday.h"
#include "oneteam/xmalloc.h"

/*
 * ?1 the mark (the log's last row at my last look), ?2 me. Each a new
 * record whose maker was not me, in the log since the mark: red flags
 * and contacts on my families, answers to referrals on my families or
 * raised by me. Columns: kind, family, household, when recorded, by
 * whom, their agency, then the kind's own (flag: code; contact: kind,
 * planned; referral: service, status).
 */
#define NEWS_NEW(etype) "o.rowid > ?1 AND o.kind = 1 AND o.etype = '" \
	etype "' AND (o.author IS NULL OR o.author NOT IN " \
	ACCESS_SELF("?2") ")"
#define NEWS_SQL \
	"SELECT 0, g.family, f.household, g.created, s.name, s.agency, " \
	"g.code, NULL FROM op o JOIN flag g ON g.id = o.entity " \
	"JOIN family f ON f.id = g.family LEFT JOIN staff s ON " \
	"s.id = g.created_by WHERE " NEWS_NEW("flag") " AND " \
	ACCESS_MINE("f", "?2") \
	" UNION ALL SELECT 1, c.family, f.household, c.created, s.name, " \
	"s.agency, c.kind, c.planned FROM op o JOIN contact c ON " \
	"c.id = o.entity JOIN family f ON f.id = c.family LEFT JOIN staff s " \
	"ON s.id = c.created_by WHERE " NEWS_NEW("contact") " AND " \
	"c.id = c.contact AND coalesce(s.agency, '') <> coalesce((SELECT " \
	"agency FROM staff WHERE id = ?2), '') AND " ACCESS_MINE("f", "?2") \
	" UNION ALL SELECT 2, r.family, f.household, e.created, s.name, " \
	"s.agency, r.service, e.status FROM op o JOIN referral_event e ON " \
	"e.id = o.entity JOIN referral r ON r.id = e.referral JOIN family f " \
	"ON f.id = r.family LEFT JOIN staff s ON s.id = e.created_by WHERE " \
	NEWS_NEW("referral_event") " AND e.status IN ('acknowledged', " \
	"'accepted', 'declined', 'completed') AND " \
	"(r.created_by IN " ACCESS_SELF("?2") " OR " ACCESS_MINE("f", "?2") \
	") ORDER BY 4 DESC, 2, 1"

/* ?1 me, ?2 a family: is it mine (for a conflict on it)? */
#define NEWS_MINE_SQL "SELECT 1 FROM family f WHERE f.id = ?2 AND " \
	ACCESS_MINE("f", "?1")

/*
 * The changes read at most, the latest: after a large import (a site's
 * first full bundle) the news would be the whole borough's, and My day
 * would not open in time. What lies before is said to be there.
 */
#define NEWS_SCAN_MAX	INT64_C(50000)

struct news_ctx {
	struct oneteam	*ot;
	int		(*fn)(const struct myday_news *, void *);
	void		*arg;
	int		 stop;
	int		 failed;
};

/* "Home visit by Siobhan Byrne (Health visiting)". */
static char *
news_text(struct oneteam *ot, struct query *q)
{
	const char	*by = query_text(q, 4), *agency;
	char		*who, *what;

	agency = refdata_label(ot->rd, REF_AGENCIES, query_text(q, 5));
	who = *by != '\0' ? xprintf("%s (%s)", by, agency) :
	    xstrdup("someone of another site");
	switch (query_int(q, 0)) {
	case MYDAY_NEWS_FLAG:
		what = xprintf("Red flag raised by %s: %s", who,
		    refdata_label(ot->rd, REF_RED_FLAGS, query_text(q, 6)));
		break;
	case MYDAY_NEWS_CONTACT:
		what = xprintf("%s %s %s",
		    refdata_label(ot->rd, REF_CONTACT_KINDS, query_text(q, 6)),
		    query_int(q, 7) ? "planned by" : "by", who);
		break;
	default:
		what = xprintf("Referral to %s: %s, recorded by %s",
		    refdata_label(ot->rd, REF_SERVICES, query_text(q, 6)),
		    query_text(q, 7), who);
		break;
	}
	free(who);
	return what;
}

static int
news_records(struct news_ctx *nc, const struct myday_mark *since)
{
	struct myday_news	 n;
	struct query		*q;
	char			*text;
	int64_t			 last, from = since->op;
	int			 rc;

	q = query_prepare(nc->ot->st, "SELECT coalesce(max(rowid), 0) FROM "
	    "op");
	rc = query_step(q);
	last = rc == 1 ? query_int(q, 0) : 0;
	query_done(q);
	if (rc < 0)
		return -1;
	if (last - from > NEWS_SCAN_MAX)
		from = last - NEWS_SCAN_MAX;
	q = query_prepare(nc->ot->st, NEWS_SQL);
	query_bind_int(q, 1, from);
	query_bind_id(q, 2, &nc->ot->me);
	while (!nc->stop && (rc = query_step(q)) == 1) {
		memset(&n, 0, sizeof n);
		n.kind = (enum myday_news_kind)query_int(q, 0);
		n.family = query_id(q, 1);
		oneteam_ref("family", &n.family, n.family_ref);
		n.household = query_text(q, 2);
		n.at = query_int(q, 3);
		text = news_text(nc->ot, q);
		n.text = text;
		nc->stop = nc->fn(&n, nc->arg) != 0;
		free(text);
	}
	query_done(q);
	if (rc < 0)
		return -1;
	if (!nc->stop && from != since->op) {
		memset(&n, 0, sizeof n);
		n.kind = MYDAY_NEWS_MORE;
		n.household = "";
		n.text = "More came than this shows (a large import): each "
		    "family's chronology has all of it.";
		nc->stop = nc->fn(&n, nc->arg) != 0;
	}
	return 0;
}

/* A conflict on one of my families: a value two sites gave apart. */
static int
news_conflict(const struct conflict *c, void *arg)
{
	struct news_ctx		*nc = arg;
	struct myday_news	 n;
	struct query		*q;
	char			 ref[ID_REF_MAX], *text;
	int			 rc;

	if (id_is_zero(&c->family))
		return 0;
	q = query_prepare(nc->ot->st, NEWS_MINE_SQL);
	query_bind_id(q, 1, &nc->ot->me);
	query_bind_id(q, 2, &c->family);
	rc = query_step(q);
	query_done(q);
	if (rc < 0) {
		nc->failed = 1;
		return 1;
	}
	if (rc == 0)
		return 0;
	memset(&n, 0, sizeof n);
	n.kind = MYDAY_NEWS_CONFLICT;
	n.family = c->family;
	oneteam_ref("family", &n.family, n.family_ref);
	n.household = c->household != NULL ? c->household : "";
	conflict_ref(c, ref);
	text = xprintf("Two sites gave %s of %s different values: C opens "
	    "the Conflicts queue", c->field, ref);
	n.text = text;
	nc->stop = nc->fn(&n, nc->arg) != 0;
	free(text);
	return nc->stop;
}

int
myday_news(struct oneteam *ot, const struct myday_mark *since,
    int (*fn)(const struct myday_news *, void *), void *arg, char **cause)
{
	struct news_ctx	nc = { ot, fn, arg, 0, 0 };

	if (oneteam_need_me(ot, cause) != 0)
		return -1;
	if (since->at == 0)
		return 0;
	if (news_records(&nc, since) != 0)
		return oneteam_db_fail(ot, cause);
	if (!nc.stop && conflict_list(ot, news_conflict, &nc, cause) < 0)
		return -1;
	if (nc.failed)
		return oneteam_db_fail(ot, cause);
	return 0;
}

static int
news_looked_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct myday_mark	*before = arg;
	struct query		*q;
	int			 rc;

	memset(before, 0, sizeof *before);
	q = query_prepare(ot->st, "SELECT op, at FROM myday_look WHERE "
	    "staff = ?1");
	query_bind_id(q, 1, &ot->me);
	if ((rc = query_step(q)) == 1) {
		before->op = query_int(q, 0);
		before->at = query_int(q, 1);
	}
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	q = query_prepare(ot->st, "INSERT OR REPLACE INTO myday_look (staff, "
	    "op, at) VALUES (?1, (SELECT coalesce(max(rowid), 0) FROM op), "
	    "?2)");
	query_bind_id(q, 1, &ot->me);
	query_bind_int(q, 2, ot->now);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
myday_looked(struct oneteam *ot, struct myday_mark *before, char **cause)
{
	if (oneteam_need_me(ot, cause) != 0)
		return -1;
	return oneteam_change(ot, news_looked_fn, before, cause);
}
