/*
 * huddle-meet.c keeps the morning huddle as a record (huddle.h): starting
 * one writes the agenda as it stands, an item a family; each decision is
 * written with the record it makes (a lead, a flag acknowledged, an
 * action) in one transaction; ending it leaves what was not reached to
 * roll over. What an agenda holds is huddle.c's business.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "referral-sql.h"
#include "oneteam/action.h"
#include "oneteam/date.h"
#include "oneteam/family.h"
#include "oneteam/flag.h"
#include "oneteam/huddle.h"
#include "oneteam/kinds.h"
#include "oneteam/referral.h"
#include "oneteam/staff.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "read-private.h"

static const char *const decision_codes[HUDDLE_NDECISIONS] = {
	[HUDDLE_NO_CHANGE] = "no_change",
	[HUDDLE_LEAD] = "lead",
	[HUDDLE_ACK] = "ack",
	[HUDDLE_ACTION] = "action",
	[HUDDLE_CHASE] = "chase",
	[HUDDLE_LEVEL] = "level",
};

static const char *const decision_names[HUDDLE_NDECISIONS] = {
	[HUDDLE_NO_CHANGE] = "No change",
	[HUDDLE_LEAD] = "Lead professional allocated",
	[HUDDLE_ACK] = "Red flag acknowledged",
	[HUDDLE_ACTION] = "Action agreed",
	[HUDDLE_CHASE] = "Referral to be chased",
	[HUDDLE_LEVEL] = "Level of need changed",
};

const char *
huddle_decision_code(enum huddle_decision d)
{
	return (unsigned)d < HUDDLE_NDECISIONS ? decision_codes[d] : "";
}

const char *
huddle_decision_name(enum huddle_decision d)
{
	return (unsigned)d < HUDDLE_NDECISIONS ? decision_names[d] : "";
}

int
huddle_decision_parse(const char *s, enum huddle_decision *out)
{
	size_t	i, k;

	for (i = 0; i < HUDDLE_NDECISIONS; i++) {
		for (k = 0; s[k] != '\0' && decision_codes[i][k] != '\0'; k++)
			if (s[k] != decision_codes[i][k] &&
			    !(s[k] == '-' && decision_codes[i][k] == '_'))
				break;
		if (s[k] == '\0' && decision_codes[i][k] == '\0') {
			*out = (enum huddle_decision)i;
			return 0;
		}
	}
	return -1;
}

static enum huddle_group
huddle_group_parse(const char *code)
{
	int	g;

	for (g = 0; g < HUDDLE_NGROUPS; g++)
		if (strcmp(huddle_group_code((enum huddle_group)g), code) == 0)
			return (enum huddle_group)g;
	return HUDDLE_CONFLICTS;
}

void
huddle_clear(struct huddle *h)
{
	size_t	i, k;

	/* huddle_list() gives the number of items, not the items. */
	for (i = 0; h->items != NULL && i < h->nitems; i++) {
		struct huddle_entry *e = &h->items[i];

		for (k = 0; k < e->ndecisions; k++) {
			free(e->decisions[k].note);
			free(e->decisions[k].by);
		}
		free(e->decisions);
		free(e->household);
		free(e->reasons);
		free(e->carried);
	}
	free(h->items);
	free(h->locality_name);
	free(h->present);
	free(h->started_by);
	memset(h, 0, sizeof *h);
}

/*
 * The huddles of locality ?1: of it or of any locality of the same name,
 * since each site of a team may have made its own before they met.
 */
#define SAME_LOCALITY(col) col " IN (SELECT b.id FROM locality a JOIN " \
	"locality b ON b.name = a.name COLLATE NOCASE WHERE a.id = ?1)"

#define HUDDLE_COLUMNS "h.id, h.locality, l.name, h.day, h.since, " \
	"h.started, h.ended, h.present, s.name, (SELECT count(*) FROM " \
	"huddle_item i WHERE i.huddle = h.id)"
#define HUDDLE_FROM " FROM huddle h LEFT JOIN locality l ON " \
	"l.id = h.locality LEFT JOIN staff s ON s.id = h.created_by "

static void
huddle_from_row(struct query *q, struct huddle *h)
{
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
}

/* The items of h, in order, with their decisions. */
static int
huddle_items(struct oneteam *ot, struct huddle *h, char **cause)
{
	struct query		*q;
	struct huddle_entry	*e;
	struct huddle_decided	*d;
	struct id		 item;
	size_t			 n = 0, i;
	int			 rc = 0;

	h->items = xcalloc(h->nitems != 0 ? h->nitems : 1, sizeof *h->items);
	q = query_prepare(ot->st, "SELECT i.id, i.position, i.family, "
	    "f.household, i.grp, i.reasons, i.carried, (SELECT c.state FROM "
	    "consent c WHERE c.family = i.family ORDER BY c.date DESC, c.hlc "
	    "DESC, c.id DESC LIMIT 1) IS 'given' FROM huddle_item i LEFT JOIN "
	    "family f ON f.id = i.family WHERE i.huddle = ?1 ORDER BY "
	    "i.position, i.id");
	query_bind_id(q, 1, &h->id);
	while (n < h->nitems && (rc = query_step(q)) == 1) {
		e = &h->items[n++];
		e->id = query_id(q, 0);
		e->position = (int)n;
		e->family = query_id(q, 2);
		oneteam_ref("family", &e->family, e->ref);
		e->household = xstrdup(query_text(q, 3));
		e->group = huddle_group_parse(query_text(q, 4));
		e->reasons = xstrdup(query_text(q, 5));
		e->carried = query_text_dup(q, 6);
		e->consent = query_int(q, 7) != 0;
	}
	query_done(q);
	h->nitems = n;
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	q = query_prepare(ot->st, "SELECT d.item, d.kind, d.note, d.record, "
	    "d.at, coalesce(s.name, '') FROM huddle_item i JOIN "
	    "huddle_decision d ON d.item = i.id LEFT JOIN staff s ON s.id = "
	    "d.created_by WHERE i.huddle = ?1 ORDER BY d.at, d.hlc, d.id");
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
		if (huddle_decision_parse(query_text(q, 1), &d->kind) != 0)
			d->kind = HUDDLE_NO_CHANGE;
		d->note = xstrdup(query_text(q, 2));
		if (!query_is_null(q, 3)) {
			item = query_id(q, 3);
			oneteam_ref(d->kind == HUDDLE_ACK ? "flag" : "action",
			    &item, d->ref);
		}
		d->at = query_int(q, 4);
		d->by = xstrdup(query_text(q, 5));
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

/* An item's reasons as kept: a line each, the agreed response after. */
static char *
huddle_reasons_text(const struct huddle_item *it)
{
	char	*s = xstrdup(""), *t;
	size_t	 k;

	for (k = 0; k < it->nreasons; k++) {
		const struct huddle_reason *r = &it->reasons[k];

		t = xprintf("%s%s%s%s%s", s, k != 0 ? "\n" : "", r->text,
		    r->response != NULL ? "; agreed response: " : "",
		    r->response != NULL ? r->response : "");
		free(s);
		s = t;
	}
	return s;
}

static int	huddle_present_tx(struct oneteam *, const struct id *,
		    const char *, char **);

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
	struct id		 where, running, by;
	struct val		 v;
	char			 day[11], when[32], *who, *reasons;
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

		reasons = huddle_reasons_text(it);
		f[0] = (struct field){ "huddle", val_id(&a->id) };
		f[1] = (struct field){ "family", val_id(&it->family) };
		f[2] = (struct field){ "position", val_int((int64_t)i + 1) };
		f[3] = (struct field){ "grp",
		    val_text(huddle_group_code(it->group)) };
		f[4] = (struct field){ "reasons", val_text(reasons) };
		f[5] = (struct field){ "carried", val_text(*it->carried !=
		    '\0' ? it->carried : NULL) };
		rc = store_new(ot->st, "huddle_item", f, 6, NULL, cause);
		free(reasons);
	}
	if (rc == 0 && a->present != NULL)
		rc = huddle_present_tx(ot, &a->id, a->present, cause);
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


/* Refuse a change to a huddle that has ended, as the database has it. */
static int
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

/* Who is present at huddle: each name found, once, in the order given. */
static int
huddle_present_tx(struct oneteam *ot, const struct id *huddle,
    const char *names, char **cause)
{
	struct staff		 w;
	struct id		*seen = NULL, id;
	struct val		 v;
	char			*list, *p, *name, *all = NULL, *t;
	size_t			 n = 0, i;
	int			 rc = 0;

	list = xstrdup(names);
	for (p = list; rc == 0 && (name = strsep(&p, ",")) != NULL; ) {
		name = text_trim(name);
		if (*name != '\0' &&
		    (rc = staff_lookup(ot, name, &id, cause)) == 0) {
			for (i = 0; i < n; i++)
				if (id_cmp(&seen[i], &id) == 0)
					break;
			if (i == n && (rc = staff_get(ot, &id, &w,
			    cause)) == 0) {
				seen = xreallocarray(seen, n + 1, sizeof *seen);
				seen[n++] = id;
				t = all == NULL ? xstrdup(w.name) :
				    xprintf("%s, %s", all, w.name);
				free(all);
				all = t;
				staff_clear(&w);
			}
		}
		free(name);
	}
	if (rc == 0) {
		v = val_text(all);
		rc = store_set(ot->st, "huddle", huddle, "present", &v, cause);
	}
	free(all);
	free(seen);
	free(list);
	return rc;
}

struct present_arg {
	const struct huddle	*h;
	const char		*names;
};

static int
huddle_present_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct present_arg	*a = arg;

	if (oneteam_need_me(ot, cause) != 0 ||
	    huddle_running(ot, a->h, cause) != 0)
		return -1;
	return huddle_present_tx(ot, &a->h->id, a->names, cause);
}

int
huddle_present(struct oneteam *ot, const struct huddle *h, const char *names,
    char **cause)
{
	struct present_arg	a = { h, names };

	return oneteam_change(ot, huddle_present_fn, &a, cause);
}

struct decide_arg {
	const struct huddle		*h;
	const struct huddle_entry	*e;
	const struct huddle_choice	*c;
	enum huddle_decision		 kind;
	char				*note;	/* in words, for the minutes */
	struct id			 record;
};

/* With the words said, if any: "what; said". */
static char *
decide_said(const char *what, const char *said)
{
	if (said == NULL || *said == '\0')
		return xstrdup(what);
	return xprintf("%s; %s", what, said);
}

static int
decide_lead(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	struct family_change	 fc;
	struct staff		 w;
	struct id		 lead;

	if (a->c->who == NULL || *a->c->who == '\0')
		return oneteam_refuse(ot, cause, "who is to be the lead "
		    "professional?");
	if (staff_lookup(ot, a->c->who, &lead, cause) != 0 ||
	    staff_get(ot, &lead, &w, cause) != 0)
		return -1;
	memset(&fc, 0, sizeof fc);
	fc.lead = a->c->who;
	if (family_change(ot, &a->e->family, &fc, cause) != 0) {
		staff_clear(&w);
		return -1;
	}
	a->note = xprintf("Lead professional: %s", w.name);
	staff_clear(&w);
	return 0;
}

/*
 * The record a decision is about: the one named, which must be the
 * family's, else the family's only one that sql (?1 the family) finds.
 */
static int
decide_which(struct oneteam *ot, struct decide_arg *a, const char *kind,
    const char *what, const char *sql, struct id *id, char **cause)
{
	struct query	*q;
	struct id	 family;
	char		 ref[ID_REF_MAX], *refs = NULL, *t;
	int		 rc, n = 0;

	if (a->c->record != NULL && *a->c->record != '\0') {
		if (oneteam_find(ot, kind, a->c->record, id, cause) != 0)
			return -1;
		/* Whose it is, as the registry reaches its family. */
		q = query_prepare(ot->st, kinds_get(kind)->family);
		query_bind_id(q, 1, id);
		rc = query_step(q);
		if (rc == 1)
			family = query_id(q, 0);
		query_done(q);
		if (rc < 0)
			return oneteam_db_fail(ot, cause);
		if (rc == 0 || id_cmp(&family, &a->e->family) != 0)
			return oneteam_refuse(ot, cause, "%s is not a %s of "
			    "%s", a->c->record, what, a->e->ref);
		return 0;
	}
	q = query_prepare(ot->st, sql);
	query_bind_id(q, 1, &a->e->family);
	while ((rc = query_step(q)) == 1) {
		*id = query_id(q, 0);
		oneteam_ref(kind, id, ref);
		t = refs == NULL ? xstrdup(ref) : xprintf("%s, %s", refs, ref);
		free(refs);
		refs = t;
		n++;
	}
	query_done(q);
	if (rc < 0)
		rc = oneteam_db_fail(ot, cause);
	else if (n == 0)
		rc = oneteam_refuse(ot, cause, "%s has no %s to decide on",
		    a->e->ref, what);
	else if (n > 1)
		rc = oneteam_refuse(ot, cause, "which %s? %s has %d: %s",
		    what, a->e->ref, n, refs);
	free(refs);
	return rc;
}

static int
decide_ack(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	struct flag	 f;
	char		*t;

	if (decide_which(ot, a, "flag", "red flag waiting to be "
	    "acknowledged", "SELECT id FROM flag WHERE family = ?1 AND "
	    "acked IS NULL AND resolved IS NULL ORDER BY at, id", &a->record,
	    cause) != 0 ||
	    flag_ack(ot, &a->record, a->c->note, cause) != 0 ||
	    flag_get(ot, &a->record, &f, cause) != 0)
		return -1;
	a->note = decide_said(f.label, a->c->note);
	t = xprintf("Red flag acknowledged: %s", a->note);
	free(a->note);
	a->note = t;
	flag_clear(&f);
	return 0;
}

/* An action for the family, told in words. */
static int
decide_add_action(struct oneteam *ot, struct decide_arg *a,
    const struct action_new *an, char **cause)
{
	struct action	act;
	char		due[32], *what;

	if (action_add(ot, &a->e->family, an, &a->record, cause) != 0 ||
	    action_get(ot, &a->record, &act, cause) != 0)
		return -1;
	if (act.due != NULL)
		date_format(act.due, due, sizeof due);
	what = xprintf("Action for %s, %s%s: %s", act.owner_name,
	    act.due != NULL ? "due " : "no due date", act.due != NULL ? due :
	    "", act.what);
	a->note = decide_said(what, a->c->note);
	free(what);
	action_clear(&act);
	return 0;
}

static int
decide_action(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	struct action_new	an = { .what = a->c->what, .owner = a->c->who,
	    .due = a->c->due };

	return decide_add_action(ot, a, &an, cause);
}

/* Chasing a referral is somebody's action: by default who raised it. */
static int
decide_chase(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	struct referral		r;
	struct action_new	an;
	struct date		today = date_from_ms(ot->now);
	char			owner[ID_REF_MAX], due[11], sent[32], *what;
	struct id		id;
	int			rc;

	if (decide_which(ot, a, "referral", "referral waiting for an "
	    "answer", "SELECT id FROM referral WHERE family = ?1 AND "
	    REFERRAL_SQL_AWAITS("referral") " ORDER BY response_due, id", &id,
	    cause) != 0 || referral_get(ot, &id, &r, cause) != 0)
		return -1;
	if (!referral_awaits(r.status)) {
		rc = oneteam_refuse(ot, cause, "%s is %s: it waits for no "
		    "answer", r.ref, referral_status_name(r.status));
		referral_clear(&r);
		return rc;
	}
	oneteam_ref("staff", &r.created_by, owner);
	date_iso(&today, due);
	time_format(r.sent_at, sent, sizeof sent);
	what = xprintf("Chase the referral to %s (%s), sent %s",
	    refdata_label(ot->rd, REF_SERVICES, r.service), r.ref, sent);
	an.what = what;
	an.owner = a->c->who != NULL ? a->c->who : owner;
	an.due = a->c->due != NULL ? a->c->due : due;
	rc = decide_add_action(ot, a, &an, cause);
	free(what);
	referral_clear(&r);
	return rc;
}

static int
decide_level(struct oneteam *ot, struct decide_arg *a, char **cause)
{
	const struct ref_item	*to;
	struct family_change	 fc;
	struct family		 fam;
	char			 shown[32], *reason = NULL, *what;
	int			 from, rc;

	if (a->c->level == NULL || *a->c->level == '\0')
		return oneteam_refuse(ot, cause, "which level of need (1 to "
		    "4)?");
	if (oneteam_choice(ot, REF_LEVELS, a->c->level, &to, cause) != 0 ||
	    family_get_core(ot, &a->e->family, &fam, cause) != 0)
		return -1;
	from = fam.level;
	family_clear(&fam);
	if (atoi(to->code) == from)
		return oneteam_refuse(ot, cause, "%s is at level %d already",
		    a->e->ref, from);
	date_format(a->h->day, shown, sizeof shown);
	if (a->c->note == NULL || *a->c->note == '\0')
		reason = xprintf("decided at the huddle on %s", shown);
	memset(&fc, 0, sizeof fc);
	fc.level = a->c->level;
	fc.reason = reason != NULL ? reason : a->c->note;
	if ((rc = family_change(ot, &a->e->family, &fc, cause)) == 0 &&
	    (rc = family_get_core(ot, &a->e->family, &fam, cause)) == 0) {
		what = xprintf("Level of need from %d to %d", from,
		    fam.level);
		a->note = decide_said(what, a->c->note);
		free(what);
		family_clear(&fam);
	}
	free(reason);
	return rc;
}

static int
huddle_decide_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct decide_arg	*a = arg;
	struct huddle_choice	 c = *a->c;
	struct field		 f[6];
	char			*note = NULL;
	int			 rc;

	/* The words said are one line of the minutes. */
	if (oneteam_need_me(ot, cause) != 0 ||
	    huddle_running(ot, a->h, cause) != 0 ||
	    oneteam_text(ot, "note", c.note, ONETEAM_LINE_MAX, 0, 0, &note,
	    cause) != 0)
		return -1;
	c.note = note;
	a->c = &c;
	switch (a->c->kind) {
	case HUDDLE_LEAD:
		rc = decide_lead(ot, a, cause);
		break;
	case HUDDLE_ACK:
		rc = decide_ack(ot, a, cause);
		break;
	case HUDDLE_ACTION:
		rc = decide_action(ot, a, cause);
		break;
	case HUDDLE_CHASE:
		rc = decide_chase(ot, a, cause);
		break;
	case HUDDLE_LEVEL:
		rc = decide_level(ot, a, cause);
		break;
	case HUDDLE_NO_CHANGE:
		a->note = decide_said("No change", a->c->note);
		rc = 0;
		break;
	default:
		rc = oneteam_refuse(ot, cause, "no such decision");
	}
	free(note);
	if (rc != 0)
		return -1;
	f[0] = (struct field){ "item", val_id(&a->e->id) };
	f[1] = (struct field){ "family", val_id(&a->e->family) };
	f[2] = (struct field){ "kind",
	    val_text(huddle_decision_code(a->c->kind)) };
	f[3] = (struct field){ "note", val_text(a->note) };
	f[4] = (struct field){ "record", val_id(id_is_zero(&a->record) ? NULL :
	    &a->record) };
	f[5] = (struct field){ "at", val_int(ot->now) };
	a->kind = c.kind;
	return store_new(ot->st, "huddle_decision", f, 6, NULL, cause);
}

int
huddle_decide(struct oneteam *ot, const struct huddle *h, int position,
    const struct huddle_choice *c, struct huddle_decided *out, char **cause)
{
	struct decide_arg	a;
	int			rc;

	if (out != NULL)
		memset(out, 0, sizeof *out);
	if (position < 1 || (size_t)position > h->nitems)
		return oneteam_refuse(ot, cause, "no item %d: the huddle %s "
		    "has %zu", position, h->ref, h->nitems);
	memset(&a, 0, sizeof a);
	a.h = h;
	a.e = &h->items[position - 1];
	a.c = c;
	rc = oneteam_change(ot, huddle_decide_fn, &a, cause);
	if (rc == 0 && out != NULL) {
		out->kind = a.kind;
		out->note = a.note;
		a.note = NULL;
		if (!id_is_zero(&a.record))
			oneteam_ref(a.kind == HUDDLE_ACK ? "flag" : "action",
			    &a.record, out->ref);
		out->at = ot->now;
		out->by = oneteam_staff_name(ot, &ot->me);
	}
	free(a.note);
	return rc;
}

void
huddle_decided_clear(struct huddle_decided *d)
{
	free(d->note);
	free(d->by);
	memset(d, 0, sizeof *d);
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
