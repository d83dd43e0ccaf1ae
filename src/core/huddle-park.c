/*
 * huddle-park.c owns parking (huddle.h HUDDLE_PARK): a huddle may leave
 * an item that cannot change for now (consent refused in July, a lead
 * to be agreed next month) off the agenda until something about it
 * changes. Each reason of the item is parked with its facts (what it is,
 * its record, state, dates, level, agencies). A family stays off while
 * every reason it has is parked with the same facts and nothing of it was
 * recorded since the park (its own fields set; a consent, contact,
 * referral, red flag or action added); anything else, and it is back
 * whole, its parked reasons with it. What must be seen every time (a red
 * flag, a new referral or concern, a referral waiting, a review overdue,
 * a conflict) is never parked. Undoing the decision, or huddle_unpark(),
 * ends its parks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huddle-int.h"
#include "oneteam/access.h"
#include "oneteam/field.h"
#include "oneteam/xmalloc.h"

/* May a reason of this kind be parked? */
static int
park_may(enum huddle_reason_kind k)
{
	switch (k) {
	case HUDDLE_R_CONSENT:
	case HUDDLE_R_NO_LEAD:
	case HUDDLE_R_STEP:
	case HUDDLE_R_NOT_REACHED:
		return 1;
	default:
		return 0;
	}
}

/* A reason's facts, what parks it while they hold: to be freed. Days
 * late are not among them: they grow each day by themselves. */
static char *
park_facts(const struct huddle_reason *r)
{
	return xprintf("%s|%s|%s|%s|%s|%s|%lld|%lld",
	    huddle_reason_code(r->kind), r->ref, r->code != NULL ? r->code :
	    "", r->state != NULL ? r->state : "", r->day, r->due,
	    (long long)r->level, (long long)r->count);
}

/* Refuse parking what must be seen every time, or parked already. */
int
huddle_park_may(struct oneteam *ot, const struct huddle_entry *e,
    char **cause)
{
	struct query	*q;
	char		*what;
	size_t		 i;
	int		 rc;

	q = query_prepare(ot->st, "SELECT 1 FROM huddle_park WHERE item = ?1 "
	    "AND ended IS NULL LIMIT 1");
	query_bind_id(q, 1, &e->id);
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 1)
		return oneteam_refuse(ot, cause, "%s is parked already",
		    e->ref);
	for (i = 0; i < e->nreasons; i++)
		if (!park_may(e->reasons[i].kind)) {
			what = huddle_reason_words(&e->reasons[i], 0);
			rc = oneteam_refuse(ot, cause, "%s is not parked: "
			    "this is seen at every huddle until it is dealt "
			    "with (%s)", e->ref, what);
			free(what);
			return rc;
		}
	return 0;
}

int
huddle_park_item(struct oneteam *ot, const struct huddle_entry *e,
    const char *note, char **cause)
{
	struct field	 f[6];
	char		*facts;
	size_t		 i;
	int		 rc = 0;

	if (huddle_park_may(ot, e, cause) != 0)
		return -1;
	for (i = 0; rc == 0 && i < e->nreasons; i++) {
		if (e->reasons[i].kind == HUDDLE_R_NOT_REACHED)
			continue;
		facts = park_facts(&e->reasons[i]);
		f[0] = (struct field){ "family", val_id(&e->family) };
		f[1] = (struct field){ "item", val_id(&e->id) };
		f[2] = (struct field){ "reason",
		    val_text(huddle_reason_code(e->reasons[i].kind)) };
		f[3] = (struct field){ "facts", val_text(facts) };
		f[4] = (struct field){ "note", val_text(note) };
		f[5] = (struct field){ "at", val_int(ot->now) };
		rc = store_new(ot->st, "huddle_park", f, 6, NULL, cause);
		free(facts);
	}
	return rc;
}

/*
 * End the parks standing that sql (?1 the id) finds: the item's, or the
 * family's. *n how many there were. In the caller's transaction.
 */
static int
park_end(struct oneteam *ot, const char *sql, const struct id *id,
    size_t *n, char **cause)
{
	struct query	*q;
	struct id	*ids = NULL;
	struct val	 v = val_int(ot->now);
	size_t		 i;
	int		 rc;

	*n = 0;
	q = query_prepare(ot->st, sql);
	query_bind_id(q, 1, id);
	while ((rc = query_step(q)) == 1) {
		ids = xreallocarray(ids, *n + 1, sizeof *ids);
		ids[(*n)++] = query_id(q, 0);
	}
	query_done(q);
	if (rc < 0)
		rc = oneteam_db_fail(ot, cause);
	for (i = 0; rc == 0 && i < *n; i++)
		rc = store_set(ot->st, "huddle_park", &ids[i], "ended", &v,
		    cause);
	free(ids);
	return rc;
}

int
huddle_park_end(struct oneteam *ot, const struct id *item, char **cause)
{
	size_t	n;

	return park_end(ot, "SELECT id FROM huddle_park WHERE item = ?1 AND "
	    "ended IS NULL", item, &n, cause);
}

/*
 * Is this reason of family parked: a park of its facts, made by now (an
 * agenda may look back), not ended, and nothing of the family recorded
 * since it was made?
 */
static int
park_holds(struct oneteam *ot, const struct id *family,
    const struct huddle_reason *r)
{
	struct query	*q;
	char		*facts = park_facts(r);
	int		 rc;

	q = query_prepare(ot->st, "SELECT 1 FROM huddle_park p WHERE "
	    "p.family = ?1 AND p.facts = ?2 AND p.ended IS NULL AND "
	    "p.at <= ?3 AND NOT EXISTS (SELECT 1 FROM op o WHERE "
	    "o.entity = ?1 AND o.kind = 2 AND coalesce(o.wall, o.hlc >> 16) "
	    "> p.at) AND NOT EXISTS (SELECT 1 FROM consent c WHERE "
	    "c.family = ?1 AND c.created > p.at) AND NOT EXISTS (SELECT 1 "
	    "FROM contact c WHERE c.family = ?1 AND c.created > p.at) AND "
	    "NOT EXISTS (SELECT 1 FROM referral r WHERE r.family = ?1 AND "
	    "r.created > p.at) AND NOT EXISTS (SELECT 1 FROM flag f WHERE "
	    "f.family = ?1 AND f.created > p.at) AND NOT EXISTS (SELECT 1 "
	    "FROM action a WHERE a.family = ?1 AND a.created > p.at) LIMIT 1");
	query_bind_id(q, 1, family);
	query_bind_text(q, 2, facts);
	query_bind_int(q, 3, ot->now);
	rc = query_step(q);
	query_done(q);
	free(facts);
	return rc;
}

int
huddle_park_filter(struct oneteam *ot, struct huddle_agenda *a, char **cause)
{
	struct huddle_item	*it;
	size_t			 i, k, kept, parked, items = 0;
	int			 rc;

	for (i = 0; i < a->nitems; i++) {
		it = &a->items[i];
		/* Off only if every reason is parked ("not reached last
		 * time" is what was parked); one not, and all are shown. */
		for (k = kept = parked = 0; k < it->nreasons; k++) {
			if (it->reasons[k].kind == HUDDLE_R_NOT_REACHED)
				continue;
			if ((rc = park_holds(ot, &it->family,
			    &it->reasons[k])) < 0)
				return oneteam_db_fail(ot, cause);
			if (rc == 1)
				parked++;
			else
				kept++;
		}
		if (parked == 0 || kept != 0) {
			a->items[items++] = *it;
			continue;
		}
		for (k = 0; k < it->nreasons; k++)
			huddle_reason_clear(&it->reasons[k]);
		free(it->reasons);
		it->reasons = NULL;
		it->nreasons = 0;
		/* Named, so that one parked by mistake can be found. */
		a->parked = xreallocarray(a->parked, a->nparked + 1,
		    sizeof *a->parked);
		a->parked[a->nparked++] = *it;
	}
	a->nitems = items;
	return 0;
}

int
huddle_park_ask(struct oneteam *ot, const struct huddle *h, int position,
    char **cause)
{
	const struct huddle_entry	*e;

	if ((e = huddle_item_at(ot, h, position, cause)) == NULL)
		return -1;
	return huddle_park_may(ot, e, cause);
}

static int
huddle_unpark_fn(struct oneteam *ot, void *arg, char **cause)
{
	const struct id	*family = arg;
	char		 ref[ID_REF_MAX];
	size_t		 n;

	if (oneteam_need_me(ot, cause) != 0 ||
	    access_need_write_why(ot, family, NULL, cause) != 0 ||
	    park_end(ot, "SELECT id FROM huddle_park WHERE family = ?1 AND "
	    "ended IS NULL", family, &n, cause) != 0)
		return -1;
	if (n > 0)
		return 0;
	/* Nothing was written: the change rolls back all the same. */
	oneteam_ref("family", family, ref);
	return oneteam_refuse(ot, cause, "%s is not parked", ref);
}

int
huddle_unpark(struct oneteam *ot, const struct id *family, char **cause)
{
	return oneteam_change(ot, huddle_unpark_fn, (void *)family, cause);
}
