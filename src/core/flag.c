/*
 * flag.c owns red flags: raising one from the agreed list, acknowledging
 * and resolving it (each a flag_event whose author and time say who and
 * when; the fold derives the flag's state from the earliest of each), and
 * listing the active ones with the most severe first. What each flag means
 * and the response agreed for it come from the reference list.
 */
#include <stdlib.h>
#include <string.h>

#include "access-sql.h"
#include "oneteam/access.h"
#include "oneteam/date.h"
#include "oneteam/field.h"
#include "oneteam/flag.h"
#include "oneteam/person.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "read-private.h"

void
flag_clear(struct flag *f)
{
	free(f->household);
	free(f->person_name);
	free(f->code);
	free(f->label);
	free(f->severity);
	free(f->response);
	free(f->note);
	free(f->raised_by);
	free(f->acked_by);
	free(f->resolved_by);
	free(f->resolve_note);
	memset(f, 0, sizeof *f);
}

int
flag_severity_rank(const char *severity)
{
	static const char *const ranks[] = { "high", "medium", "low" };
	int			 i;

	for (i = 0; i < 3; i++)
		if (severity != NULL && strcmp(severity, ranks[i]) == 0)
			return i;
	return 3;
}

const char *
flag_response(struct oneteam *ot, const char *code)
{
	const struct ref_item	*item;
	char			*why = NULL;

	item = code != NULL ? refdata_lookup(ot->rd, REF_RED_FLAGS, code,
	    &why) : NULL;
	free(why);
	return item != NULL && item->extra[1] != NULL ? item->extra[1] : "";
}

/* When a flag was seen: typed or now, and not in the future. */
static int
flag_when(struct oneteam *ot, const char *typed, int64_t *at, char **cause)
{
	char	*why = NULL, when[32];

	*at = ot->now;
	if (typed != NULL && time_parse(typed, ot->now, at, &why) != 0) {
		oneteam_refuse(ot, cause, "when: %s", why);
		free(why);
		return -1;
	}
	if (*at <= ot->now)
		return 0;
	time_format(*at, when, sizeof when);
	return oneteam_refuse(ot, cause, "%s is in the future: record what "
	    "has happened", when);
}

struct flag_raise_arg {
	const struct id		*family;
	const struct flag_new	*fn;
	struct id		*id;
};

static int
flag_raise_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct flag_raise_arg	*a = arg;
	struct field_val	 v[FG_N];
	struct field		 f[5];
	struct id		 person;
	int64_t			 at;
	int			 rc = -1, seen;

	memset(&person, 0, sizeof person);
	memset(v, 0, sizeof v);
	if (oneteam_need_me(ot, cause) != 0 ||
	    oneteam_family_exists(ot, a->family, cause) != 0 ||
	    field_read(ot, &field_flag_raise, a->fn, v, cause) != 0)
		goto out;
	if (flag_when(ot, a->fn->at, &at, cause) != 0) {
		field_fault(ot, "at");
		goto out;
	}
	/*
	 * Anyone raises a red flag on any family: the agreed response does
	 * not wait. Naming its person is for those who know the family:
	 * finding them would tell the family's people.
	 */
	if (a->fn->person != NULL && *a->fn->person != '\0' &&
	    (seen = access_may_view(ot, a->family, cause)) != 1) {
		if (seen == 0)
			oneteam_refuse_field(ot, cause, "person", "the family "
			    "is not of your locality nor one you work with: "
			    "raise the flag for the family, naming no "
			    "person");
		goto out;
	}
	if (a->fn->person != NULL && *a->fn->person != '\0' &&
	    person_find_in_family(ot, a->family, a->fn->person,
	    PERSON_FIND_CURRENT, &person, cause) != 0) {
		field_fault(ot, "person");
		goto out;
	}
	f[0] = (struct field){ "family", val_id(a->family) };
	f[1] = (struct field){ "person", val_id(&person) };
	f[2] = (struct field){ "code", val_text(v[FG_CODE].item->code) };
	f[3] = (struct field){ "note", val_text(v[FG_NOTE].text) };
	f[4] = (struct field){ "at", val_int(at) };
	rc = store_new(ot->st, "flag", f, 5, a->id, cause);
out:
	field_vals_free(v, FG_N);
	return rc;
}

int
flag_raise(struct oneteam *ot, const struct id *family,
    const struct flag_new *fn, struct id *id, char **cause)
{
	struct flag_raise_arg	a = { family, fn, id };

	return oneteam_change(ot, flag_raise_fn, &a, cause);
}

/* Refuse a step already taken, saying who took it and when. */
static int
flag_refuse_done(struct oneteam *ot, const struct flag *f, const char *what,
    int64_t at, const char *by, const char *then, char **cause)
{
	char	when[32];

	time_format(at, when, sizeof when);
	return oneteam_refuse(ot, cause, "%s was %s by %s on %s%s", f->ref,
	    what, *by != '\0' ? by : "the system", when, then);
}

struct flag_event_arg {
	const struct id	*id;
	const char	*what;		/* "ack" or "resolve" */
	const char	*note;
};

static int
flag_event_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct flag_event_arg	*a = arg;
	struct flag_step	 step = { a->note };
	struct field_val	 v[FK_N];
	struct flag		 f;
	struct field		 fl[4];
	int			 resolve = strcmp(a->what, "resolve") == 0;
	int			 rc = -1;

	memset(v, 0, sizeof v);
	if (oneteam_need_me(ot, cause) != 0 ||
	    flag_get_core(ot, a->id, &f, cause) != 0)
		return -1;
	if (access_need_write(ot, &f.family, cause) != 0)
		;
	else if (f.resolved != 0)
		flag_refuse_done(ot, &f, "resolved", f.resolved, f.resolved_by,
		    resolve ? "" : ": there is nothing to acknowledge", cause);
	else if (!resolve && f.acked != 0)
		flag_refuse_done(ot, &f, "acknowledged", f.acked, f.acked_by,
		    "", cause);
	else if (resolve && text_blank(a->note))
		/* The table's need, in words that name the flag. */
		oneteam_refuse_field(ot, cause, "note", "resolving %s needs a "
		    "note of what was done", f.ref);
	else if (field_read(ot, resolve ? &field_flag_resolve :
	    &field_flag_ack, &step, v, cause) != 0)
		;
	else {
		fl[0] = (struct field){ "flag", val_id(a->id) };
		fl[1] = (struct field){ "what", val_text(a->what) };
		fl[2] = (struct field){ "note", val_text(v[FK_NOTE].text) };
		fl[3] = (struct field){ "at", val_int(ot->now) };
		rc = store_new(ot->st, "flag_event", fl, 4, NULL, cause);
	}
	field_vals_free(v, FK_N);
	flag_clear(&f);
	return rc;
}

int
flag_ack(struct oneteam *ot, const struct id *id, const char *note,
    char **cause)
{
	struct flag_event_arg	a = { id, "ack", note };

	return oneteam_change(ot, flag_event_fn, &a, cause);
}

int
flag_resolve(struct oneteam *ot, const struct id *id, const char *note,
    char **cause)
{
	struct flag_event_arg	a = { id, "resolve", note };

	return oneteam_change(ot, flag_event_fn, &a, cause);
}

#define FLAG_COLUMNS "g.id, g.family, f.household, g.person, p.name, " \
	"g.code, g.note, g.at, s.name, g.acked, sa.name, g.resolved, " \
	"sr.name, g.resolve_note"
#define FLAG_FROM " FROM flag g LEFT JOIN family f ON f.id = g.family " \
	"LEFT JOIN person p ON p.id = g.person " \
	"LEFT JOIN staff s ON s.id = g.created_by " \
	"LEFT JOIN staff sa ON sa.id = g.acked_by " \
	"LEFT JOIN staff sr ON sr.id = g.resolved_by "

static void
flag_from_row(struct oneteam *ot, struct query *q, struct flag *f)
{
	const struct ref_item	*item;

	memset(f, 0, sizeof *f);
	f->id = query_id(q, 0);
	oneteam_ref("flag", &f->id, f->ref);
	f->family = query_id(q, 1);
	oneteam_ref("family", &f->family, f->family_ref);
	f->household = xstrdup(query_text(q, 2));
	f->person = query_id(q, 3);
	f->person_name = xstrdup(query_text(q, 4));
	f->code = xstrdup(query_text(q, 5));
	f->note = query_text_dup(q, 6);
	f->at = query_int(q, 7);
	f->raised_by = xstrdup(query_text(q, 8));
	f->acked = query_int(q, 9);
	f->acked_by = xstrdup(query_text(q, 10));
	f->resolved = query_int(q, 11);
	f->resolved_by = xstrdup(query_text(q, 12));
	f->resolve_note = query_text_dup(q, 13);
	item = refdata_find(ot->rd, REF_RED_FLAGS, f->code);
	f->label = xstrdup(item != NULL ? item->label : f->code);
	f->severity = xstrdup(item != NULL && item->extra[0] != NULL ?
	    item->extra[0] : "");
	f->response = xstrdup(item != NULL && item->extra[1] != NULL ?
	    item->extra[1] : "");
}

int
flag_get_core(struct oneteam *ot, const struct id *id, struct flag *f,
    char **cause)
{
	struct query	*q;
	int		 rc;

	memset(f, 0, sizeof *f);
	q = query_prepare(ot->st, "SELECT " FLAG_COLUMNS FLAG_FROM
	    "WHERE g.id = ?1");
	query_bind_id(q, 1, id);
	if ((rc = query_step(q)) == 1)
		flag_from_row(ot, q, f);
	query_done(q);
	if (rc == 1)
		return 0;
	return oneteam_get_fail(ot, rc, "red flag", cause);
}

int
flag_get(struct oneteam *ot, const struct family_view *v,
    const struct id *id, struct flag *f, char **cause)
{
	if (access_record(ot, v, "flag", id, cause) == 0)
		return flag_get_core(ot, id, f, cause);
	memset(f, 0, sizeof *f);
	return -1;
}

/* Active before resolved, high severity first, then the latest. */
static int
flag_order(const void *a, const void *b)
{
	const struct flag	*x = a, *y = b;
	int			 rx, ry;

	if ((x->resolved != 0) != (y->resolved != 0))
		return x->resolved != 0 ? 1 : -1;
	rx = flag_severity_rank(x->severity);
	ry = flag_severity_rank(y->severity);
	if (rx != ry)
		return rx < ry ? -1 : 1;
	if (x->at != y->at)
		return x->at > y->at ? -1 : 1;
	return id_cmp(&x->id, &y->id);
}

int
flag_list_core(struct oneteam *ot, const struct id *family, int all,
    int (*fn)(const struct flag *, void *), void *arg, char **cause)
{
	struct query	*q;
	struct flag	*v = NULL;
	size_t		 n = 0, i;
	int		 rc, stop = 0;

	/* The severities are in the reference list, not the database:
	 * collect, then sort here. */
	/* A family's flags through its index, not a scan of all. */
	q = query_prepare(ot->st, family != NULL ? "SELECT " FLAG_COLUMNS
	    FLAG_FROM "WHERE g.family = ?1 AND (?2 OR g.resolved IS NULL)" :
	    "SELECT " FLAG_COLUMNS FLAG_FROM "WHERE ?1 IS NULL AND (?2 OR "
	    "g.resolved IS NULL) AND " ACCESS_SEES("g.family", "?3"));
	query_bind_id(q, 1, family);
	query_bind_int(q, 2, all != 0);
	if (family == NULL)
		query_bind_id(q, 3, &ot->me);
	while ((rc = query_step(q)) == 1) {
		v = xreallocarray(v, n + 1, sizeof *v);
		flag_from_row(ot, q, &v[n++]);
	}
	query_done(q);
	if (rc == 0 && n > 1)
		qsort(v, n, sizeof *v, flag_order);
	for (i = 0; i < n; i++) {
		if (rc == 0 && !stop)
			stop = fn(&v[i], arg);
		flag_clear(&v[i]);
	}
	free(v);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
flag_list(struct oneteam *ot, const struct family_view *v, int all,
    int (*fn)(const struct flag *, void *), void *arg, char **cause)
{
	const struct id	*family = NULL;

	if (v != NULL && (family = access_viewed(ot, v, cause)) == NULL)
		return -1;
	return flag_list_core(ot, family, all, fn, arg, cause);
}

/* The first active red flag of high severity: its words kept, and stop. */
static int
flag_high_one(const struct flag *f, void *arg)
{
	char	**label = arg;

	if (flag_severity_rank(f->severity) != 0)
		return 0;
	*label = xstrdup(*f->label != '\0' ? f->label : f->code);
	return 1;
}

int
flag_high_active(struct oneteam *ot, const struct id *family, char **label,
    char **cause)
{
	*label = NULL;
	if (flag_list_core(ot, family, 0, flag_high_one, label, cause) != 0)
		return -1;
	return *label != NULL;
}
