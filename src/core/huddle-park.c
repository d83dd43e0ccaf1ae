/*
 * huddle-park.c owns parking (huddle.h HUDDLE_PARK): a huddle may leave
 * an item that cannot change for now (consent refused in July, a review
 * put off) off the agenda until something about it changes. Each reason
 * of the item is parked with its facts (what it is, its record, state,
 * dates, level, agencies); while a reason's facts are the same it is left
 * off the agenda, and once they differ (consent given, another agency
 * involved) it comes back of itself. What must be seen every time (a red
 * flag, a new referral or concern, a referral waiting, a conflict) is
 * never parked. Undoing the decision ends its parks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huddle-int.h"
#include "oneteam/field.h"
#include "oneteam/xmalloc.h"

/* May a reason of this kind be parked? */
static int
park_may(enum huddle_reason_kind k)
{
	switch (k) {
	case HUDDLE_R_CONSENT:
	case HUDDLE_R_NO_LEAD:
	case HUDDLE_R_REVIEW:
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

int
huddle_park_item(struct oneteam *ot, const struct huddle_entry *e,
    const char *note, char **cause)
{
	struct field	 f[6];
	char		*facts, *what;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < e->nreasons; i++)
		if (!park_may(e->reasons[i].kind)) {
			what = huddle_reason_words(&e->reasons[i], 0);
			rc = oneteam_refuse(ot, cause, "%s is not parked: "
			    "this is seen at every huddle until it is dealt "
			    "with (%s)", e->ref, what);
			free(what);
			return rc;
		}
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

int
huddle_park_end(struct oneteam *ot, const struct id *item, char **cause)
{
	struct query	*q;
	struct id	*ids = NULL;
	struct val	 v = val_int(ot->now);
	size_t		 n = 0, i;
	int		 rc;

	q = query_prepare(ot->st, "SELECT id FROM huddle_park WHERE item = ?1 "
	    "AND ended IS NULL");
	query_bind_id(q, 1, item);
	while ((rc = query_step(q)) == 1) {
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		ids[n++] = query_id(q, 0);
	}
	query_done(q);
	if (rc < 0)
		rc = oneteam_db_fail(ot, cause);
	for (i = 0; rc == 0 && i < n; i++)
		rc = store_set(ot->st, "huddle_park", &ids[i], "ended", &v,
		    cause);
	free(ids);
	return rc;
}

/* Is this reason of family parked (a park of its facts not ended)? */
static int
park_holds(struct oneteam *ot, const struct id *family,
    const struct huddle_reason *r)
{
	struct query	*q;
	char		*facts = park_facts(r);
	int		 rc;

	q = query_prepare(ot->st, "SELECT 1 FROM huddle_park WHERE family = ?1 "
	    "AND facts = ?2 AND ended IS NULL LIMIT 1");
	query_bind_id(q, 1, family);
	query_bind_text(q, 2, facts);
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
		for (k = kept = parked = 0; k < it->nreasons; k++) {
			if ((rc = park_holds(ot, &it->family,
			    &it->reasons[k])) < 0)
				return oneteam_db_fail(ot, cause);
			if (rc == 1) {
				huddle_reason_clear(&it->reasons[k]);
				parked++;
			} else
				it->reasons[kept++] = it->reasons[k];
		}
		it->nreasons = kept;
		/* Parked, and "not reached last time" all that is left:
		 * what was not reached is what was parked. */
		if (parked != 0 && kept == 1 &&
		    it->reasons[0].kind == HUDDLE_R_NOT_REACHED)
			kept = 0;
		if (kept == 0) {
			for (k = 0; k < it->nreasons; k++)
				huddle_reason_clear(&it->reasons[k]);
			free(it->reasons);
			free(it->household);
			free(it->lead);
			a->nparked++;
			continue;
		}
		a->items[items++] = *it;
	}
	a->nitems = items;
	return 0;
}
