/*
 * huddle-meet.c keeps the morning huddle as a record (huddle.h): starting
 * one writes the agenda as it stands, an item a family and a row a
 * reason; it reads a huddle back, says who is present, and ending it
 * leaves what was not reached to roll over. What is decided is
 * huddle-decide.c's; what an agenda holds, huddle.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access-sql.h"
#include "consent-sql.h"
#include "huddle-int.h"
#include "oneteam/consent.h"
#include "oneteam/date.h"
#include "oneteam/field.h"
#include "oneteam/staff.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

void
huddle_clear(struct huddle *h)
{
	size_t	i, k;

	/* huddle_list() gives the number of items, not the items. */
	for (i = 0; h->items != NULL && i < h->nitems; i++) {
		struct huddle_entry *e = &h->items[i];

		for (k = 0; k < e->ndecisions; k++)
			huddle_decided_clear(&e->decisions[k]);
		for (k = 0; k < e->nreasons; k++)
			huddle_reason_clear(&e->reasons[k]);
		free(e->decisions);
		free(e->household);
		free(e->reasons);
		free(e->carried);
	}
	free(h->items);
	free(h->locality_name);
	free(h->present);
	free(h->apologies);
	free(h->guests);
	free(h->started_by);
	memset(h, 0, sizeof *h);
}

/*
 * The huddles of locality ?1: of it or of any locality of the same name,
 * since each site of a team may have made its own before they met.
 */
#define SAME_LOCALITY(col) col " IN " LOCALITY_SAME("?1")

#define HUDDLE_COLUMNS "h.id, h.locality, l.name, h.day, h.since, " \
	"h.started, h.ended, h.present, s.name, (SELECT count(*) FROM " \
	"huddle_item i WHERE i.huddle = h.id), h.apologies, h.guests"
#define HUDDLE_FROM " FROM huddle h LEFT JOIN locality l ON " \
	"l.id = h.locality LEFT JOIN staff s ON s.id = h.created_by "

static char	*attend_without(const char *, const char *);

static void
huddle_from_row(struct query *q, struct huddle *h)
{
	char	*away;

	memset(h, 0, sizeof *h);
	h->id = query_id(q, 0);
	oneteam_ref("huddle", &h->id, h->ref);
	h->locality = query_id(q, 1);
	h->locality_name = xstrdup(query_text(q, 2));
	snprintf(h->day, sizeof h->day, "%s", query_text(q, 3));
	h->since = query_int(q, 4);
	h->started = query_int(q, 5);
	h->ended = query_int(q, 6);
	h->present = query_text_dup(q, 7);
	h->started_by = xstrdup(query_text(q, 8));
	h->nitems = (size_t)query_int(q, 9);
	h->apologies = query_text_dup(q, 10);
	h->guests = query_text_dup(q, 11);
	/* Said apart at two sites, one may be both: present wins (they
	 * came after all), as it does when said at one. */
	if (h->present != NULL && h->apologies != NULL) {
		away = attend_without(h->apologies, h->present);
		free(h->apologies);
		h->apologies = away;
	}
}

/* The items of h, in order, with their decisions. */
static int
huddle_items(struct oneteam *ot, struct huddle *h, char **cause)
{
	struct query		*q;
	struct huddle_entry	*e;
	struct huddle_decided	*d;
	struct id		 item;
	char			**prose;
	size_t			 n = 0, i;
	int			 rc = 0;

	h->items = xcalloc(h->nitems != 0 ? h->nitems : 1, sizeof *h->items);
	prose = xcalloc(h->nitems != 0 ? h->nitems : 1, sizeof *prose);
	q = query_prepare(ot->st, "SELECT i.id, i.position, i.family, "
	    "f.household, i.grp, i.reasons, i.carried, k.state IS '"
	    CONSENT_GIVEN "' "
	    "FROM huddle_item i LEFT JOIN family f ON f.id = i.family"
	    CONSENT_JOIN("f", "k") "WHERE i.huddle = ?1 ORDER BY i.position, "
	    "i.id");
	query_bind_id(q, 1, &h->id);
	while (n < h->nitems && (rc = query_step(q)) == 1) {
		e = &h->items[n++];
		e->id = query_id(q, 0);
		e->position = (int)n;
		e->family = query_id(q, 2);
		oneteam_ref("family", &e->family, e->ref);
		e->household = xstrdup(query_text(q, 3));
		e->group = huddle_group_parse(query_text(q, 4));
		prose[n - 1] = query_text_dup(q, 5);
		e->carried = query_text_dup(q, 6);
		e->consent = query_int(q, 7) != 0;
	}
	query_done(q);
	h->nitems = n;
	/* Each item's reasons: its rows, else the words kept before. */
	rc = rc < 0 ? oneteam_db_fail(ot, cause) :
	    huddle_reasons_load(ot, h, prose, cause);
	for (i = 0; i < n; i++)
		free(prose[i]);
	free(prose);
	if (rc != 0)
		return -1;
	q = query_prepare(ot->st, "SELECT d.item, d.kind, d.note, d.record, "
	    "d.at, coalesce(s.name, ''), u.id IS NOT NULL, u.note, "
	    "coalesce(us.name, '') FROM huddle_item i JOIN huddle_decision d "
	    "ON d.item = i.id LEFT JOIN staff s ON s.id = d.created_by LEFT "
	    "JOIN huddle_undo u ON u.decision = d.id LEFT JOIN staff us ON "
	    "us.id = u.created_by WHERE i.huddle = ?1 GROUP BY d.id "
	    "ORDER BY d.at, d.hlc, d.id");
	query_bind_id(q, 1, &h->id);
	while ((rc = query_step(q)) == 1) {
		item = query_id(q, 0);
		for (i = 0; i < h->nitems; i++)
			if (id_cmp(&h->items[i].id, &item) == 0)
				break;
		if (i == h->nitems)
			continue;
		e = &h->items[i];
		e->decisions = xreallocarray(e->decisions, e->ndecisions + 1,
		    sizeof *e->decisions);
		d = &e->decisions[e->ndecisions++];
		memset(d, 0, sizeof *d);
		/* A kind a newer oneteam decides: shown in its words,
		 * never undone here (huddle-undo.c). */
		if (huddle_decision_parse(query_text(q, 1), &d->kind) != 0)
			d->kind = HUDDLE_NDECISIONS;
		d->note = xstrdup(query_text(q, 2));
		if (!query_is_null(q, 3) &&
		    huddle_decision_record(d->kind) != NULL) {
			item = query_id(q, 3);
			oneteam_ref(huddle_decision_record(d->kind), &item,
			    d->ref);
		}
		d->at = query_int(q, 4);
		d->by = xstrdup(query_text(q, 5));
		d->undone = query_int(q, 6) != 0;
		d->undo_note = query_text_dup(q, 7);
		d->undo_by = d->undone ? xstrdup(query_text(q, 8)) : NULL;
		if (!d->undone)
			e->nstanding++;
	}
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
huddle_get(struct oneteam *ot, const struct id *id, struct huddle *h,
    char **cause)
{
	struct query	*q;
	int		 rc;

	memset(h, 0, sizeof *h);
	q = query_prepare(ot->st, "SELECT " HUDDLE_COLUMNS HUDDLE_FROM
	    "WHERE h.id = ?1");
	query_bind_id(q, 1, id);
	if ((rc = query_step(q)) == 1)
		huddle_from_row(q, h);
	query_done(q);
	if (rc != 1)
		return oneteam_get_fail(ot, rc, "huddle", cause);
	if (huddle_ours(ot, &h->locality, cause) != 0 ||
	    huddle_items(ot, h, cause) != 0) {
		huddle_clear(h);
		return -1;
	}
	return 0;
}

int
huddle_find(struct oneteam *ot, const char *locality, const char *day,
    struct huddle *h, char **cause)
{
	struct query	*q;
	struct id	 where, id;
	char		*name = NULL, shown[32];
	int		 rc;

	memset(h, 0, sizeof *h);
	if (huddle_locality(ot, locality, &where, &name, cause) != 0)
		return -1;
	q = query_prepare(ot->st, day == NULL ? "SELECT id FROM huddle WHERE "
	    SAME_LOCALITY("locality") " AND ?2 IS NULL AND ended IS NULL "
	    "ORDER BY started DESC, id LIMIT 1" : "SELECT id FROM huddle "
	    "WHERE " SAME_LOCALITY("locality") " AND day = ?2 ORDER BY "
	    "started DESC, id LIMIT 1");
	query_bind_id(q, 1, &where);
	query_bind_text(q, 2, day);
	if ((rc = query_step(q)) == 1)
		id = query_id(q, 0);
	query_done(q);
	if (rc == 1)
		rc = huddle_get(ot, &id, h, cause);
	else if (rc == 0 && day == NULL)
		rc = oneteam_refuse(ot, cause, "no huddle of %s is running: "
		    "start one with 'oneteam huddle start'", name);
	else if (rc == 0) {
		date_format(day, shown, sizeof shown);
		rc = oneteam_refuse(ot, cause, "no huddle of %s on %s", name,
		    shown);
	} else
		rc = oneteam_db_fail(ot, cause);
	if (rc != 0 && *cause != NULL && strncmp(*cause, "no huddle", 9) == 0)
		store_set_fault(ot->st, STORE_ENOTFOUND);
	free(name);
	return rc;
}

int
huddle_list(struct oneteam *ot, const char *locality,
    int (*fn)(const struct huddle *, void *), void *arg, char **cause)
{
	struct query	*q;
	struct huddle	 h;
	struct id	 where;
	char		*name = NULL;
	int		 rc, stop = 0;

	if (huddle_locality(ot, locality, &where, &name, cause) != 0)
		return -1;
	free(name);
	q = query_prepare(ot->st, "SELECT " HUDDLE_COLUMNS HUDDLE_FROM
	    "WHERE " SAME_LOCALITY("h.locality") " ORDER BY h.day DESC, "
	    "h.started DESC, h.id");
	query_bind_id(q, 1, &where);
	while (!stop && (rc = query_step(q)) == 1) {
		huddle_from_row(q, &h);
		stop = fn(&h, arg);
		huddle_clear(&h);
	}
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

static int	huddle_attend_tx(struct oneteam *, const struct id *,
		    const struct huddle_attending *, char **);

struct start_arg {
	const char	*locality;
	const char	*present;	/* NULL: not said yet */
	struct id	 id;
};

static int
huddle_start_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct start_arg	*a = arg;
	struct huddle_agenda	 ag;
	struct query		*q;
	struct field		 f[6];
	struct date		 today = date_from_ms(ot->now);
	struct id		 where, running, by, item;
	struct val		 v;
	char			 day[11], when[32], *who;
	size_t			 i;
	int			 rc = 0, step = 0;

	date_iso(&today, day);
	if (oneteam_need_me(ot, cause) != 0 ||
	    huddle_agenda(ot, a->locality, 0, &ag, cause) != 0)
		return -1;
	/* By id: two sites may each have made a locality of that name. */
	where = ag.locality_id;
	/* One huddle of a locality runs at a time. One left running from
	 * an earlier day ends now: its items roll over. */
	q = query_prepare(ot->st, "SELECT id, day, started, created_by FROM "
	    "huddle WHERE " SAME_LOCALITY("locality") " AND ended IS NULL "
	    "ORDER BY started");
	query_bind_id(q, 1, &where);
	while (rc == 0 && (step = query_step(q)) == 1) {
		running = query_id(q, 0);
		if (strcmp(query_text(q, 1), day) >= 0) {
			by = query_id(q, 3);
			who = oneteam_staff_name(ot, &by);
			time_format(query_int(q, 2), when, sizeof when);
			rc = oneteam_refuse(ot, cause, "a huddle of %s is "
			    "running already, started %s by %s: go on with "
			    "it, or end it ('oneteam huddle end')",
			    ag.locality, when, who);
			free(who);
			break;
		}
		v = val_int(ot->now);
		rc = store_set(ot->st, "huddle", &running, "ended", &v, cause);
	}
	query_done(q);
	if (rc == 0 && step < 0)
		rc = oneteam_db_fail(ot, cause);
	if (rc != 0)
		goto out;
	f[0] = (struct field){ "locality", val_id(&where) };
	f[1] = (struct field){ "day", val_text(day) };
	f[2] = (struct field){ "since", val_int(ag.since) };
	f[3] = (struct field){ "started", val_int(ot->now) };
	if ((rc = store_new(ot->st, "huddle", f, 4, &a->id, cause)) != 0)
		goto out;
	for (i = 0; i < ag.nitems && rc == 0; i++) {
		const struct huddle_item *it = &ag.items[i];

		f[0] = (struct field){ "huddle", val_id(&a->id) };
		f[1] = (struct field){ "family", val_id(&it->family) };
		f[2] = (struct field){ "position", val_int((int64_t)i + 1) };
		f[3] = (struct field){ "grp",
		    val_text(huddle_group_code(it->group)) };
		/* The reasons are rows of their own (huddle-reason.c). */
		f[4] = (struct field){ "reasons", val_null() };
		f[5] = (struct field){ "carried", val_text(*it->carried !=
		    '\0' ? it->carried : NULL) };
		if ((rc = store_new(ot->st, "huddle_item", f, 6, &item,
		    cause)) == 0)
			rc = huddle_reasons_store(ot, &item, &it->family,
			    it->reasons, it->nreasons, cause);
	}
	if (rc == 0 && a->present != NULL) {
		struct huddle_attending	at = { a->present, NULL, NULL };

		rc = huddle_attend_tx(ot, &a->id, &at, cause);
	}
out:
	huddle_agenda_free(&ag);
	return rc;
}

int
huddle_start(struct oneteam *ot, const char *locality, const char *present,
    struct huddle *h, char **cause)
{
	struct start_arg	a = { locality, present, { { 0 } } };

	memset(h, 0, sizeof *h);
	if (oneteam_change(ot, huddle_start_fn, &a, cause) != 0)
		return -1;
	return huddle_get(ot, &a.id, h, cause);
}


int
huddle_running(struct oneteam *ot, const struct huddle *h, char **cause)
{
	struct query	*q;
	char		 when[32];
	int64_t		 ended = 0;
	int		 rc;

	q = query_prepare(ot->st, "SELECT coalesce(ended, 0) FROM huddle "
	    "WHERE id = ?1");
	query_bind_id(q, 1, &h->id);
	if ((rc = query_step(q)) == 1)
		ended = query_int(q, 0);
	query_done(q);
	if (rc != 1)
		return oneteam_get_fail(ot, rc, "huddle", cause);
	if (ended == 0)
		return 0;
	time_format(ended, when, sizeof when);
	return oneteam_refuse(ot, cause, "the huddle %s ended %s", h->ref,
	    when);
}

/*
 * Members named (names or S- refs, separated by commas), each found once,
 * in the order given: their ids into *ids (*n of them) and their names
 * joined by ", " into *out (NULL: none).
 */
static int
attend_members(struct oneteam *ot, const char *names, struct id **ids,
    size_t *n, char **out, char **cause)
{
	struct staff	 w;
	struct id	 id;
	char		*list, *p, *name, *t;
	size_t		 i;
	int		 rc = 0;

	*ids = NULL;
	*n = 0;
	*out = NULL;
	list = xstrdup(names);
	for (p = list; rc == 0 && (name = strsep(&p, ",")) != NULL; ) {
		name = text_trim(name);
		if (*name != '\0' &&
		    (rc = staff_lookup(ot, name, &id, cause)) == 0) {
			for (i = 0; i < *n; i++)
				if (id_cmp(&(*ids)[i], &id) == 0)
					break;
			if (i == *n && (rc = staff_get(ot, &id, &w,
			    cause)) == 0) {
				*ids = xreallocarray(*ids, *n + 1,
				    sizeof **ids);
				(*ids)[(*n)++] = id;
				t = *out == NULL ? xstrdup(w.name) :
				    xprintf("%s, %s", *out, w.name);
				free(*out);
				*out = t;
				staff_clear(&w);
			}
		}
		free(name);
	}
	free(list);
	return rc;
}

/* Whether the name is one of a list joined by ", ". */
static int
attend_named(const char *list, const char *name)
{
	size_t	len = strlen(name);
	const char *p;

	for (p = list; p != NULL && *p != '\0'; ) {
		if (strncmp(p, name, len) == 0 && (p[len] == '\0' ||
		    p[len] == ','))
			return 1;
		if ((p = strchr(p, ',')) != NULL)
			p += strspn(p, ", ");
	}
	return 0;
}

/*
 * A list kept (said before, not now) without those said now in the
 * other: a member said present who had sent apologies came after all.
 */
static char *
attend_without(const char *kept, const char *now)
{
	char	*list, *p, *name, *out = NULL, *t;

	if (kept == NULL)
		return NULL;
	list = xstrdup(kept);
	for (p = list; (name = strsep(&p, ",")) != NULL; ) {
		name += strspn(name, " ");
		if (*name == '\0' || attend_named(now, name))
			continue;
		t = out == NULL ? xstrdup(name) : xprintf("%s, %s", out, name);
		free(out);
		out = t;
	}
	free(list);
	return out;
}

/* Guests as typed: each trimmed, the blank left out, joined by ", ". */
static char *
attend_guests(const char *typed)
{
	char	*list, *p, *name, *out = NULL, *t;

	list = xstrdup(typed);
	for (p = list; (name = strsep(&p, ",")) != NULL; ) {
		name = text_trim(name);
		if (*name != '\0') {
			t = out == NULL ? xstrdup(name) :
			    xprintf("%s, %s", out, name);
			free(out);
			out = t;
		}
		free(name);
	}
	free(list);
	return out;
}

/* Set a field of the huddle to a list, if it is not that already. */
static int
attend_set(struct oneteam *ot, const struct id *huddle, const char *field,
    const char *was, const char *now, char **cause)
{
	struct val	v;

	if (strcmp(was != NULL ? was : "", now != NULL ? now : "") == 0)
		return 0;
	v = val_text(now);
	return store_set(ot->st, "huddle", huddle, field, &v, cause);
}

static int
huddle_attend_tx(struct oneteam *ot, const struct id *huddle,
    const struct huddle_attending *at, char **cause)
{
	struct field_val	 v[FH_N];
	struct huddle		 h;
	struct id		*here = NULL, *away = NULL;
	size_t			 nhere = 0, naway = 0, i, k;
	char			*present = NULL, *apologies = NULL;
	char			*guests = NULL;
	int			 rc;

	if (field_read(ot, &field_huddle_attend, at, v, cause) != 0)
		return -1;
	if ((rc = huddle_get(ot, huddle, &h, cause)) != 0)
		goto out;
	if (at->present != NULL && (rc = attend_members(ot, at->present,
	    &here, &nhere, &present, cause)) != 0)
		goto done;
	/* Said (if only as "", none) is given; not said is kept. */
	if (at->apologies != NULL && v[FH_APOLOGIES].text != NULL &&
	    (rc = attend_members(ot, v[FH_APOLOGIES].text, &away, &naway,
	    &apologies, cause)) != 0) {
		ot->fault_field = "apologies";
		goto done;
	}
	for (i = 0; i < nhere; i++)
		for (k = 0; k < naway; k++)
			if (id_cmp(&here[i], &away[k]) == 0) {
				char	*name = oneteam_staff_name(ot,
					    &here[i]);

				rc = oneteam_refuse_field(ot, cause,
				    "apologies", "%s is said both present "
				    "and sending apologies: say which", name);
				free(name);
				goto done;
			}
	/* A list not said now stays, but for who is said in the other. */
	if (at->present == NULL)
		present = attend_without(h.present, apologies);
	if (at->apologies == NULL)
		apologies = attend_without(h.apologies, present);
	if (v[FH_GUESTS].text != NULL)
		guests = attend_guests(v[FH_GUESTS].text);
	if ((rc = attend_set(ot, huddle, "present", h.present, present,
	    cause)) == 0 && (rc = attend_set(ot, huddle, "apologies",
	    h.apologies, apologies, cause)) == 0 && at->guests != NULL)
		rc = attend_set(ot, huddle, "guests", h.guests, guests, cause);
done:
	huddle_clear(&h);
out:
	field_vals_free(v, FH_N);
	free(here);
	free(away);
	free(present);
	free(apologies);
	free(guests);
	return rc;
}

struct attend_arg {
	const struct huddle		*h;
	const struct huddle_attending	*at;
};

static int
huddle_attend_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct attend_arg	*a = arg;

	if (oneteam_need_me(ot, cause) != 0 ||
	    huddle_running(ot, a->h, cause) != 0)
		return -1;
	return huddle_attend_tx(ot, &a->h->id, a->at, cause);
}

int
huddle_attend(struct oneteam *ot, const struct huddle *h,
    const struct huddle_attending *at, char **cause)
{
	struct attend_arg	a = { h, at };

	return oneteam_change(ot, huddle_attend_fn, &a, cause);
}

static int
huddle_end_fn(struct oneteam *ot, void *arg, char **cause)
{
	const struct huddle	*h = arg;
	struct val		 v = val_int(ot->now);

	if (oneteam_need_me(ot, cause) != 0 ||
	    huddle_running(ot, h, cause) != 0)
		return -1;
	return store_set(ot->st, "huddle", &h->id, "ended", &v, cause);
}

int
huddle_end(struct oneteam *ot, const struct huddle *h, char **cause)
{
	return oneteam_change(ot, huddle_end_fn, (void *)h, cause);
}
