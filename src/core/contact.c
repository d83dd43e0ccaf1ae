/*
 * contact.c owns contacts: recording one under the rules of the trade (a
 * contact that happened is not in the future, its follow-up is not before
 * it, it says what happened), correcting one by a new revision that keeps
 * the old, and reading them with the names of the people seen. Each change
 * is checked against its field table (field_contact_add and
 * field_contact_correct of field.h) and each refusal names its field.
 *
 * Which revision is current is the fold's business (fold_after_contact in
 * src/store/fold.c): a revision is current until another corrects it.
 * People belong to person.c: who was seen is found with
 * person_find_in_family(), and this module reads the person table only
 * for their names.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/access.h"
#include "oneteam/contact.h"
#include "oneteam/date.h"
#include "oneteam/field.h"
#include "oneteam/kinds.h"
#include "oneteam/person.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "read-private.h"

/* The fields of a revision as stored: what a change is checked on. */
struct contact_draft {
	struct id	 family;
	int64_t		 at;
	char		*kind;
	char		*venue;
	char		*seen;		/* base32 person ids, "," between */
	char		*summary;
	char		*follow_up;
	int		 planned;
};

static void
contact_draft_clear(struct contact_draft *d)
{
	free(d->kind);
	free(d->venue);
	free(d->seen);
	free(d->summary);
	free(d->follow_up);
	memset(d, 0, sizeof *d);
}

/* Replace *field with value (which the draft now owns). */
static void
contact_draft_put(char **field, char *value)
{
	free(*field);
	*field = value;
}

void
contact_clear(struct contact *c)
{
	free(c->kind);
	free(c->venue);
	free(c->seen_ids);
	free(c->seen);
	free(c->summary);
	free(c->follow_up);
	free(c->recorded_by_name);
	memset(c, 0, sizeof *c);
}

/* When the contact happened or is planned; now when not given. */
static int
contact_when(struct oneteam *ot, const char *text, int64_t *at, char **cause)
{
	char	*why = NULL;

	if (text == NULL) {
		*at = ot->now;
		return 0;
	}
	if (time_parse(text, ot->now, at, &why) != 0) {
		oneteam_refuse_field(ot, cause, "at", "time of the contact: %s",
		    why);
		free(why);
		return -1;
	}
	return 0;
}

/*
 * Check a change of a contact (contact_new or contact_change, size bytes)
 * against its table and read its values into vals; the line ends of
 * Windows ("\r\n") in a summary are one line end, and a blank follow-up
 * is none, as "" is. When it happened and who was seen are this module's
 * to read.
 */
static int
contact_read(struct oneteam *ot, const struct field_table *ft,
    const void *change, size_t size, struct field_val *vals, char **cause)
{
	union {
		struct contact_new	n;
		struct contact_change	c;
	}			 lf;
	const struct field_def	*fd = &ft->fields[FT_SUMMARY];
	char			*summary = NULL;
	int			 rc;

	memcpy(&lf, change, size);
	if (field_get(fd, change) != NULL) {
		summary = xstrdup(field_get(fd, change));
		text_crlf(summary);
		field_set(fd, &lf, summary);
	}
	fd = &ft->fields[FT_FOLLOW_UP];
	if (field_get(fd, change) != NULL && text_blank(field_get(fd, change)))
		field_set(fd, &lf, "");
	rc = field_read(ot, ft, &lf, vals, cause);
	free(summary);
	return rc;
}

/* Append a person's id to the stored list, unless it is there already. */
static void
contact_seen_add(char **list, const struct id *id)
{
	char	 b32[27], *next;

	id_base32(id, b32);
	if (*list != NULL && strstr(*list, b32) != NULL)
		return;
	xasprintf(&next, "%s%s%s", *list != NULL ? *list : "",
	    *list != NULL ? "," : "", b32);
	free(*list);
	*list = next;
}

/* One person typed in the list of who was seen. */
static int
contact_seen_one(struct oneteam *ot, const struct id *family,
    const char *word, struct id *id, char **cause)
{
	char	*why = NULL;

	if (text_check("who was seen", word, ONETEAM_NAME_MAX, 0, &why) != 0) {
		oneteam_refuse(ot, cause, "%s", why);
		free(why);
		return -1;
	}
	/* Someone who has left the household may have been seen before. */
	return person_find_in_family(ot, family, word, 0, id, cause);
}

/*
 * Turn who was seen, as typed ("Aisha, P-7K2QM, yusuf"), into the ids kept
 * in the record; NULL for nobody.
 */
static int
contact_seen(struct oneteam *ot, const struct id *family, const char *text,
    char **out, char **cause)
{
	struct id	 id;
	char		*copy, *word, *save, *t;
	int		 rc = 0;

	*out = NULL;
	if (text == NULL)
		return 0;
	copy = xstrdup(text);
	for (word = strtok_r(copy, ",", &save); word != NULL && rc == 0;
	    word = strtok_r(NULL, ",", &save)) {
		t = text_trim(word);
		if (*t != '\0' &&
		    (rc = contact_seen_one(ot, family, t, &id, cause)) == 0)
			contact_seen_add(out, &id);
		free(t);
	}
	free(copy);
	if (rc != 0) {
		free(*out);
		*out = NULL;
		return field_fault(ot, "seen");
	}
	return rc;
}

/*
 * The rules every revision keeps: a contact that happened is not in the
 * future and says what happened; a follow-up is not before its day.
 */
static int
contact_check(struct oneteam *ot, const struct contact_draft *d,
    const struct contact_draft *old, char **cause)
{
	struct date	day = date_from_ms(d->at);
	char		iso[11], when[32], on[16], fu[16];

	/* A correction that leaves when it happened alone is not refused
	 * for it: it was recorded by the clock of another site. */
	if (!d->planned && d->at > ot->now + CONTACT_SLACK_MS &&
	    (old == NULL || old->planned || old->at != d->at)) {
		time_format(d->at, when, sizeof when);
		return oneteam_refuse_field(ot, cause, "at", "a contact that "
		    "has happened cannot be in the future (%s): give the time "
		    "it happened, or record it as planned", when);
	}
	date_iso(&day, iso);
	if (d->follow_up != NULL && strcmp(d->follow_up, iso) < 0) {
		date_format(d->follow_up, fu, sizeof fu);
		date_format(iso, on, sizeof on);
		return oneteam_refuse_field(ot, cause, "follow_up", "the "
		    "follow-up (%s) is before the contact (%s)", fu, on);
	}
	if (!d->planned && d->summary == NULL)
		return oneteam_refuse_field(ot, cause, "summary", "a contact "
		    "that has happened needs a summary of what happened");
	return 0;
}

/* Record a revision: the first of a contact when contact is NULL; a
 * correction that merges another version too when merges is not. */
static int
contact_record(struct oneteam *ot, const struct contact_draft *d,
    const struct id *contact, const struct id *corrects,
    const struct id *merges, struct id *id, char **cause)
{
	struct field	f[11];

	f[0] = (struct field){ "contact", val_id(contact) };
	f[1] = (struct field){ "corrects", val_id(corrects) };
	f[2] = (struct field){ "family", val_id(&d->family) };
	f[3] = (struct field){ "at", val_int(d->at) };
	f[4] = (struct field){ "kind", val_text(d->kind) };
	f[5] = (struct field){ "venue", val_text(d->venue) };
	f[6] = (struct field){ "seen", val_text(d->seen) };
	f[7] = (struct field){ "summary", val_text(d->summary) };
	f[8] = (struct field){ "follow_up", val_text(d->follow_up) };
	f[9] = (struct field){ "planned", val_int(d->planned != 0) };
	f[10] = (struct field){ "merges", val_id(merges) };
	return store_new(ot->st, "contact", f, merges != NULL ? 11 : 10, id,
	    cause);
}

/*
 * Record the correction d of cur: of its newest version and, when it was
 * corrected at sites apart, of every other (each revision merges one
 * more), so that the contact has one version again.
 */
static int
contact_record_correction(struct oneteam *ot, const struct contact_draft *d,
    const struct contact *cur, char **cause)
{
	struct query	*q;
	struct id	*other = NULL, prev = cur->revision_id;
	size_t		 n = 0, i;
	int		 rc;

	q = query_prepare(ot->st, "SELECT id FROM contact WHERE "
	    KINDS_CONTACT_REVISIONS("contact", "?1") " AND current AND "
	    "id <> ?2 ORDER BY hlc DESC, id DESC");
	query_bind_id(q, 1, &cur->id);
	query_bind_id(q, 2, &cur->revision_id);
	while ((rc = query_step(q)) == 1) {
		other = xreallocarray(other, n + 1, sizeof *other);
		other[n++] = query_id(q, 0);
	}
	query_done(q);
	if (rc < 0)
		rc = oneteam_db_fail(ot, cause);
	else if (n == 0)
		rc = contact_record(ot, d, &cur->id, &prev, NULL, NULL, cause);
	for (i = 0; rc == 0 && i < n; i++)
		rc = contact_record(ot, d, &cur->id, &prev, &other[i], &prev,
		    cause);
	free(other);
	return rc;
}

struct contact_add_arg {
	const struct id			*family;
	const struct contact_new	*cn;
	struct id			*id;
};

static int
contact_add_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct contact_add_arg		*a = arg;
	const struct contact_new	*cn = a->cn;
	struct contact_draft		 d;
	struct field_val		 v[FT_ADD_N];
	int				 rc = -1;

	memset(&d, 0, sizeof d);
	memset(v, 0, sizeof v);
	d.family = *a->family;
	d.planned = cn->planned != 0;
	/* Need to know first: what is refused after it may name people. */
	if (oneteam_need_me(ot, cause) != 0 ||
	    oneteam_family_exists(ot, a->family, cause) != 0 ||
	    access_need_write_why(ot, a->family, cn->reason, cause) != 0 ||
	    contact_read(ot, &field_contact_add, cn, sizeof *cn, v,
	    cause) != 0 ||
	    contact_when(ot, cn->at, &d.at, cause) != 0 ||
	    contact_seen(ot, a->family, cn->seen, &d.seen, cause) != 0)
		goto out;
	d.kind = xstrdup(v[FT_KIND].item->code);
	d.venue = field_take(&v[FT_VENUE]);
	d.summary = field_take(&v[FT_SUMMARY]);
	d.follow_up = field_take(&v[FT_FOLLOW_UP]);
	if (contact_check(ot, &d, NULL, cause) != 0)
		goto out;
	rc = contact_record(ot, &d, NULL, NULL, NULL, a->id, cause);
out:
	field_vals_free(v, FT_ADD_N);
	contact_draft_clear(&d);
	return rc;
}

int
contact_add(struct oneteam *ot, const struct id *family,
    const struct contact_new *cn, struct id *contact, char **cause)
{
	struct contact_add_arg	a = { family, cn, contact };
	struct id		id;

	if (a.id == NULL)
		a.id = &id;
	return oneteam_change(ot, contact_add_fn, &a, cause);
}

/* The draft of a revision read back, to be changed by a correction. */
static void
contact_draft_of(const struct contact *c, struct contact_draft *d)
{
	memset(d, 0, sizeof *d);
	d->family = c->family;
	d->at = c->at;
	d->kind = xstrdup(c->kind);
	d->venue = c->venue != NULL ? xstrdup(c->venue) : NULL;
	d->seen = c->seen_ids != NULL ? xstrdup(c->seen_ids) : NULL;
	d->summary = c->summary != NULL ? xstrdup(c->summary) : NULL;
	d->follow_up = c->follow_up != NULL ? xstrdup(c->follow_up) : NULL;
	d->planned = c->planned;
}

static int
contact_same_text(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static int
contact_draft_same(const struct contact_draft *a,
    const struct contact_draft *b)
{
	return a->at == b->at && a->planned == b->planned &&
	    contact_same_text(a->kind, b->kind) &&
	    contact_same_text(a->venue, b->venue) &&
	    contact_same_text(a->seen, b->seen) &&
	    contact_same_text(a->summary, b->summary) &&
	    contact_same_text(a->follow_up, b->follow_up);
}

/*
 * Apply what a correction changes to a copy of the current revision: the
 * values of its fields as read (contact_read()), taken from vals.
 */
static int
contact_apply(struct oneteam *ot, const struct contact *cur,
    const struct contact_change *c, struct field_val *vals,
    struct contact_draft *d, char **cause)
{
	char	*s = NULL;

	if (c->done && !cur->planned)
		return oneteam_refuse_field(ot, cause, "done", "%s is done "
		    "already", cur->ref);
	if (c->done)
		d->planned = 0;
	if (c->at != NULL && contact_when(ot, c->at, &d->at, cause) != 0)
		return -1;
	if (c->seen != NULL) {
		if (contact_seen(ot, &cur->family, c->seen, &s, cause) != 0)
			return -1;
		contact_draft_put(&d->seen, s);
	}
	if (c->kind != NULL)
		contact_draft_put(&d->kind, xstrdup(vals[FT_KIND].item->code));
	/* Given as "" (or blank), each of these is cleared. */
	if (c->venue != NULL)
		contact_draft_put(&d->venue, field_take(&vals[FT_VENUE]));
	if (c->summary != NULL)
		contact_draft_put(&d->summary, field_take(&vals[FT_SUMMARY]));
	if (c->follow_up != NULL)
		contact_draft_put(&d->follow_up,
		    field_take(&vals[FT_FOLLOW_UP]));
	return 0;
}

/* What to tell someone who corrected a contact that had two versions. */
static char *
contact_versions_note(const struct contact *cur)
{
	char	when[32];

	time_format(cur->recorded, when, sizeof when);
	return xprintf("%s had %d versions, corrected at different sites "
	    "while apart; this correction, made from the newest (revision "
	    "%d, recorded by %s on %s), takes the place of all of them",
	    cur->ref, cur->versions, cur->revision, cur->recorded_by_name,
	    when);
}

struct contact_correct_arg {
	const struct id			*contact;
	const struct contact_change	*c;
	char				**note;
};

static int
contact_correct_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct contact_correct_arg	*a = arg;
	struct contact			 cur;
	struct contact_draft		 old, d;
	struct field_val		 v[FT_CORRECT_N];
	int				 rc = -1;

	if (oneteam_need_me(ot, cause) != 0 ||
	    contact_get_core(ot, a->contact, &cur, cause) != 0)
		return -1;
	/* A correction is a contact of one's own: need to know first. */
	if (access_need_write(ot, &cur.family, cause) != 0) {
		contact_clear(&cur);
		return -1;
	}
	memset(v, 0, sizeof v);
	contact_draft_of(&cur, &old);
	contact_draft_of(&cur, &d);
	if (contact_read(ot, &field_contact_correct, a->c, sizeof *a->c, v,
	    cause) != 0 ||
	    contact_apply(ot, &cur, a->c, v, &d, cause) != 0 ||
	    contact_check(ot, &d, &old, cause) != 0)
		goto out;
	/* Of versions made apart, the newest kept as it is makes them one. */
	if (cur.versions < 2 && contact_draft_same(&old, &d)) {
		oneteam_refuse(ot, cause, "nothing to correct: %s says that "
		    "already", cur.ref);
		goto out;
	}
	if (contact_record_correction(ot, &d, &cur, cause) != 0)
		goto out;
	if (a->note != NULL && cur.versions > 1)
		*a->note = contact_versions_note(&cur);
	rc = 0;
out:
	field_vals_free(v, FT_CORRECT_N);
	contact_draft_clear(&old);
	contact_draft_clear(&d);
	contact_clear(&cur);
	return rc;
}

int
contact_keep_tx(struct oneteam *ot, const struct id *contact,
    const struct id *revision, char **cause)
{
	struct contact		cur;
	struct contact_draft	d;
	struct query		*q;
	int			rc;

	if (oneteam_need_me(ot, cause) != 0 ||
	    contact_get_core(ot, contact, &cur, cause) != 0)
		return -1;
	if (access_need_write(ot, &cur.family, cause) != 0) {
		contact_clear(&cur);
		return -1;
	}
	memset(&d, 0, sizeof d);
	q = query_prepare(ot->st, "SELECT family, at, kind, venue, seen, "
	    "summary, follow_up, coalesce(planned, 0) FROM contact WHERE "
	    "id = ?1 AND contact = ?2 AND current");
	query_bind_id(q, 1, revision);
	query_bind_id(q, 2, contact);
	if ((rc = query_step(q)) == 1) {
		d.family = query_id(q, 0);
		d.at = query_int(q, 1);
		d.kind = query_text_dup(q, 2);
		d.venue = query_text_dup(q, 3);
		d.seen = query_text_dup(q, 4);
		d.summary = query_text_dup(q, 5);
		d.follow_up = query_text_dup(q, 6);
		d.planned = query_int(q, 7) != 0;
	}
	query_done(q);
	if (rc < 0)
		rc = oneteam_db_fail(ot, cause);
	else if (rc == 0)
		rc = oneteam_refuse(ot, cause, "%s has no such version: look "
		    "again", cur.ref);
	else
		rc = contact_record_correction(ot, &d, &cur, cause);
	contact_draft_clear(&d);
	contact_clear(&cur);
	return rc;
}

int
contact_correct(struct oneteam *ot, const struct id *contact,
    const struct contact_change *c, char **note, char **cause)
{
	struct contact_correct_arg	a = { contact, c, note };
	int				rc;

	if (note != NULL)
		*note = NULL;
	rc = oneteam_change(ot, contact_correct_fn, &a, cause);
	if (rc != 0 && note != NULL) {
		free(*note);
		*note = NULL;
	}
	return rc;
}

/*
 * Revisions with their number along the chain of corrections, of a family
 * (?1) or of one contact (?3); current ones only unless ?2. A revision
 * whose corrected one has not arrived yet counts as a first. Contacts come
 * newest first (ties by when each was first recorded), each contact's
 * revisions together, newest first; "newest" between revisions is the
 * order of their operations' clocks, as for every register.
 */
#define CONTACT_SQL \
	"WITH RECURSIVE rev(id, n) AS (SELECT c.id, 1 FROM contact c " \
	"WHERE (c.family = ?1 OR " KINDS_CONTACT_REVISIONS("c", "?3") ") AND " \
	"NOT EXISTS " \
	"(SELECT 1 FROM contact p WHERE p.id = c.corrects) UNION ALL " \
	"SELECT c.id, rev.n + 1 FROM contact c JOIN rev ON " \
	"c.corrects = rev.id) " \
	"SELECT c.id, c.contact, rev.n, c.current, (SELECT count(*) FROM " \
	"contact h WHERE " KINDS_CONTACT_REVISIONS("h", "c.contact") " AND " \
	"h.current), c.family, " \
	"c.at, c.kind, c.venue, c.seen, c.summary, c.follow_up, " \
	"coalesce(c.planned, 0), c.created_by, s.name, c.created " \
	"FROM contact c JOIN rev ON rev.id = c.id " \
	"LEFT JOIN contact f ON f.id = c.contact " \
	"LEFT JOIN staff s ON s.id = c.created_by " \
	"WHERE (?2 OR c.current) AND (?3 IS NULL OR c.contact = ?3) " \
	"ORDER BY (SELECT max(h.at) FROM contact h WHERE " \
	KINDS_CONTACT_REVISIONS("h", "c.contact") " AND h.current) DESC, " \
	"f.hlc DESC, " \
	"c.contact, c.hlc DESC, c.id"

/* The names of the people seen, from their stored ids. */
static char *
contact_seen_names(struct oneteam *ot, const char *ids)
{
	struct query	*q;
	struct id	 id;
	char		*copy, *word, *save, *names = NULL, *next;
	const char	*name;

	if (ids == NULL)
		return NULL;
	copy = xstrdup(ids);
	for (word = strtok_r(copy, ",", &save); word != NULL;
	    word = strtok_r(NULL, ",", &save)) {
		name = NULL;
		q = query_prepare(ot->st, "SELECT name FROM person "
		    "WHERE id = ?1");
		if (id_from_base32(word, &id) == 0) {
			query_bind_id(q, 1, &id);
			if (query_step(q) == 1)
				name = query_text(q, 0);
		}
		/* A person may reach this site after a contact naming them. */
		xasprintf(&next, "%s%s%s", names != NULL ? names : "",
		    names != NULL ? ", " : "", name != NULL ? name :
		    "(someone not yet known here)");
		query_done(q);
		free(names);
		names = next;
	}
	free(copy);
	return names;
}

static void
contact_from_row(struct oneteam *ot, struct query *q, struct contact *c)
{
	memset(c, 0, sizeof *c);
	c->revision_id = query_id(q, 0);
	c->id = query_id(q, 1);
	oneteam_ref("contact", &c->id, c->ref);
	c->revision = (int)query_int(q, 2);
	c->current = query_int(q, 3) != 0;
	c->versions = (int)query_int(q, 4);
	c->family = query_id(q, 5);
	c->at = query_int(q, 6);
	c->kind = xstrdup(query_text(q, 7));
	c->venue = query_text_dup(q, 8);
	c->seen_ids = query_text_dup(q, 9);
	c->summary = query_text_dup(q, 10);
	c->follow_up = query_text_dup(q, 11);
	c->planned = query_int(q, 12) != 0;
	c->recorded_by = query_id(q, 13);
	c->recorded_by_name = xstrdup(query_text(q, 14));
	c->recorded = query_int(q, 15);
	c->seen = contact_seen_names(ot, c->seen_ids);
}

int
contact_get_core(struct oneteam *ot, const struct id *contact,
    struct contact *c, char **cause)
{
	struct query	*q;
	int		 rc;

	memset(c, 0, sizeof *c);
	q = query_prepare(ot->st, CONTACT_SQL);
	query_bind_id(q, 1, NULL);
	query_bind_int(q, 2, 0);
	query_bind_id(q, 3, contact);
	if ((rc = query_step(q)) == 1)
		contact_from_row(ot, q, c);
	query_done(q);
	if (rc == 1)
		return 0;
	return oneteam_get_fail(ot, rc, "contact", cause);
}

int
contact_get(struct oneteam *ot, const struct family_view *v,
    const struct id *id, struct contact *c, char **cause)
{
	if (access_record(ot, v, "contact", id, cause) == 0)
		return contact_get_core(ot, id, c, cause);
	memset(c, 0, sizeof *c);
	return -1;
}

int
contact_list_core(struct oneteam *ot, const struct id *family,
    int all_revisions,
    int (*fn)(const struct contact *, void *), void *arg, char **cause)
{
	struct query	*q;
	struct contact	 c;
	int		 rc, stop = 0;

	q = query_prepare(ot->st, CONTACT_SQL);
	query_bind_id(q, 1, family);
	query_bind_int(q, 2, all_revisions != 0);
	query_bind_id(q, 3, NULL);
	while (!stop && (rc = query_step(q)) == 1) {
		contact_from_row(ot, q, &c);
		stop = fn(&c, arg);
		contact_clear(&c);
	}
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
contact_list(struct oneteam *ot, const struct family_view *v,
    int all_revisions, int (*fn)(const struct contact *, void *), void *arg,
    char **cause)
{
	const struct id	*family;

	if ((family = access_viewed(ot, v, cause)) == NULL)
		return -1;
	return contact_list_core(ot, family, all_revisions, fn, arg, cause);
}
