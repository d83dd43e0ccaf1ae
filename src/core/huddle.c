/*
 * huddle.c assembles the morning huddle's agenda (huddle.h) for one
 * locality: the reasons huddle-ask.c finds, gathered by family, so that
 * a family comes up once with all of its reasons, with what the last
 * huddle did not reach, in order of urgency. It only reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access-sql.h"
#include "export-private.h"
#include "huddle-int.h"
#include "oneteam/audit.h"
#include "oneteam/date.h"
#include "oneteam/staff.h"
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

enum huddle_group
huddle_group_parse(const char *code)
{
	int	g;

	for (g = 0; g < HUDDLE_NGROUPS; g++)
		if (strcmp(huddle_codes[g], code) == 0)
			return (enum huddle_group)g;
	return HUDDLE_CONFLICTS;
}

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

struct huddle_item *
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
	oneteam_ref("family", &family, it->ref);
	it->household = xstrdup(query_text(q, col + 1));
	it->lead = query_text_dup(q, col + 2);
	return it;
}

struct huddle_reason *
huddle_reason_add(struct huddle_item *it, enum huddle_group g,
    enum huddle_reason_kind k, int64_t rank)
{
	struct huddle_reason	*r;

	it->reasons = xreallocarray(it->reasons, it->nreasons + 1,
	    sizeof *it->reasons);
	r = &it->reasons[it->nreasons++];
	memset(r, 0, sizeof *r);
	r->group = g;
	r->kind = k;
	r->rank = rank;
	return r;
}

/* The localities of the name of b->locality, itself first. */
static int
huddle_same(struct build *b)
{
	struct query	*q;
	int		 rc;

	b->same = xcalloc(1, sizeof *b->same);
	b->same[b->nsame++] = b->locality;
	q = query_prepare(b->ot->st, "SELECT id FROM locality WHERE id IN "
	    LOCALITY_SAME("?1") " AND id <> ?1 ORDER BY id");
	query_bind_id(q, 1, &b->locality);
	while ((rc = query_step(q)) == 1) {
		b->same = xreallocarray(b->same, b->nsame + 1,
		    sizeof *b->same);
		b->same[b->nsame++] = query_id(q, 0);
	}
	query_done(q);
	return rc < 0 ? -1 : 0;
}

static int	huddle_order_reason(const void *, const void *);
static int	huddle_order_item(const void *, const void *);

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
	/* Of no locality, one is of no locality's team. */
	if (rc == 0)
		return oneteam_refuse(ot, cause, "you are of no locality, so "
		    "no huddle is yours: a coordinator adds you again with "
		    "--locality and merges this account into that one "
		    "(oneteam staff merge)");
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
	    "locality IN " LOCALITY_SAME("?1") " AND day < ?2 "
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
	struct id		 item;
	char			*had;
	int			 rc, fresh;

	q = query_prepare(b->ot->st, HUDDLE_FAMILY ", i.grp, i.reasons, h.day, "
	    "i.id FROM huddle h JOIN huddle_item i ON i.huddle = h.id JOIN "
	    "family f ON f.id = i.family WHERE h.id = ?1 AND f.status = 'open' "
	    "AND NOT EXISTS (SELECT 1 FROM huddle_decision d WHERE d.item = "
	    "i.id AND NOT EXISTS (SELECT 1 FROM huddle_undo u WHERE "
	    "u.decision = d.id)) ORDER BY i.position");
	query_bind_id(q, 1, last);
	while ((rc = query_step(q)) == 1) {
		it = huddle_item(b, q, 0);
		fresh = it->nreasons != 0;
		had = NULL;
		item = query_id(q, 6);
		if (!fresh && huddle_reasons_had(b->ot, &item, query_text(q, 4),
		    &had) != 0) {
			rc = -1;
			break;
		}
		r = huddle_reason_add(it, huddle_group_parse(query_text(q, 3)),
		    HUDDLE_R_NOT_REACHED, INT64_MIN);
		snprintf(it->carried, sizeof it->carried, "%s",
		    query_text(q, 5));
		snprintf(r->day, sizeof r->day, "%s", query_text(q, 5));
		r->detail = had;
		r->carried = 1;
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

	if (huddle_same(b) != 0 || huddle_last(b, &last) != 0)
		return oneteam_db_fail(b->ot, cause);
	huddle_concerns(b);
	if (b->since == 0)
		b->since = b->ot->now - HUDDLE_SINCE;
	b->a->since = b->since;
	if (huddle_ask(b, cause) != 0)
		return -1;
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
	/* What the huddle parked stays off while its facts hold. */
	if (rc == 0)
		rc = huddle_park_filter(ot, a, cause);
	if (rc != 0) {
		huddle_agenda_free(a);
		return -1;
	}
	/* Each family's reasons most urgent first; families likewise. */
	for (i = 0; i < a->nitems; i++) {
		qsort(a->items[i].reasons, a->items[i].nreasons,
		    sizeof *a->items[i].reasons, huddle_order_reason);
		a->items[i].group = a->items[i].reasons[0].group;
		a->items[i].fresh = huddle_reasons_new(a->items[i].reasons,
		    a->items[i].nreasons, a->since);
	}
	qsort(a->items, a->nitems, sizeof *a->items, huddle_order_item);
	return 0;
}

int
huddle_reasons_new(const struct huddle_reason *r, size_t n, int64_t since)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (r[i].at != 0 && r[i].at >= since)
			return 1;
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
	if ((a->carried[0] != '\0') != (b->carried[0] != '\0'))
		return a->carried[0] != '\0' ? -1 : 1;
	if (a->fresh != b->fresh)
		return a->fresh ? -1 : 1;
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
		for (k = 0; k < a->items[i].nreasons; k++)
			huddle_reason_clear(&a->items[i].reasons[k]);
		free(a->items[i].reasons);
		free(a->items[i].household);
		free(a->items[i].lead);
	}
	free(a->items);
	for (i = 0; i < a->nparked; i++) {
		free(a->parked[i].household);
		free(a->parked[i].lead);
	}
	free(a->parked);
	free(a->locality);
	memset(a, 0, sizeof *a);
}

/* --- looked at as a whole -------------------------------------------------- */

/* An entry on the trail for each family of ids, a look at it by whoever
 * is at work, with detail: in one transaction. */
static int
huddle_look_ids(struct oneteam *ot, const struct id *ids, size_t n,
    const char *detail, char **cause)
{
	size_t	i;
	int	own = !store_in_tx(ot->st);

	if (n == 0)
		return 0;
	if (own && store_begin(ot->st, cause) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (audit_record(ot, AUDIT_VIEW, &ids[i], detail, cause) != 0) {
			if (own)
				store_rollback(ot->st);
			return -1;
		}
	return own ? store_commit(ot->st, cause) : 0;
}

int
huddle_agenda_looked(struct oneteam *ot, const struct huddle_agenda *a,
    char **cause)
{
	struct id	*ids = xcalloc(a->nitems + 1, sizeof *ids);
	size_t		 i;
	int		 rc;

	for (i = 0; i < a->nitems; i++)
		ids[i] = a->items[i].family;
	rc = huddle_look_ids(ot, ids, a->nitems, "on the huddle's agenda",
	    cause);
	free(ids);
	return rc;
}

int
huddle_looked(struct oneteam *ot, const struct huddle *h, const char *what,
    char **cause)
{
	struct id	*ids = xcalloc(h->nitems + 1, sizeof *ids);
	char		*detail;
	size_t		 i;
	int		 rc;

	for (i = 0; i < h->nitems; i++)
		ids[i] = h->items[i].family;
	detail = xprintf("%s of huddle %s", what, h->ref);
	rc = huddle_look_ids(ot, ids, h->nitems, detail, cause);
	free(detail);
	free(ids);
	return rc;
}

struct minutes_file {
	const struct huddle	*h;
	const char		*path;
};

/* The minutes written are an export of each family they name: on the
 * trail as one, saying whose details were left out. */
static int
huddle_minutes_record_fn(struct oneteam *ot, void *arg, char **cause)
{
	const struct minutes_file	*mf = arg;
	const struct huddle_entry	*e;
	char				*detail;
	size_t				 i;
	int				 rc = 0;

	for (i = 0; rc == 0 && i < mf->h->nitems; i++) {
		e = &mf->h->items[i];
		detail = xprintf("the minutes of huddle %s, to %s%s",
		    mf->h->ref, mf->path, e->consent ? "" : " (its details "
		    "left out: no consent to share)");
		rc = audit_record(ot, AUDIT_EXPORT, &e->family, detail, cause);
		free(detail);
	}
	return rc;
}

static int
huddle_minutes_record(struct oneteam *ot, void *arg, char **cause)
{
	return oneteam_change(ot, huddle_minutes_record_fn, arg, cause);
}

int
huddle_minutes_write(struct oneteam *ot, const struct huddle *h,
    const char *path, char **cause)
{
	struct minutes_file	 mf;
	char			*text;
	int			 rc;

	if (oneteam_need_me(ot, cause) != 0)
		return -1;
	if (path == NULL || *path == '\0')
		return oneteam_refuse_field(ot, cause, "file", "which file are "
		    "the minutes written to?");
	text = huddle_minutes(h, HUDDLE_MINUTES_SHARED |
	    HUDDLE_MINUTES_MARKDOWN);
	mf.h = h;
	mf.path = path;
	rc = export_file(ot, path, text, huddle_minutes_record, &mf, cause);
	free(text);
	/* A file refused (there already, or not to be written) is the
	 * file's fault, said under it. */
	if (rc != 0 && ot->fault_field == NULL)
		ot->fault_field = "file";
	return rc;
}
