/*
 * action.c owns actions: adding one (what, whose, by when, for which
 * family if any), marking it done once, and listing them with the open
 * and overdue ones first. Who owns an action is a member of staff found
 * by staff.c; what a huddle decides is up to the huddle.
 */
#include <stdlib.h>
#include <string.h>

#include "access-sql.h"
#include "oneteam/access.h"
#include "oneteam/action.h"
#include "oneteam/date.h"
#include "oneteam/field.h"
#include "oneteam/staff.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "read-private.h"

void
action_clear(struct action *a)
{
	free(a->household);
	free(a->what);
	free(a->owner_name);
	free(a->due);
	free(a->done_note);
	free(a->raised_by);
	memset(a, 0, sizeof *a);
}

/* A due date as typed: today or later, since it says what is to come. */
static int
action_due(struct oneteam *ot, const char *typed, char *iso, char **cause)
{
	struct date	today = date_from_ms(ot->now);
	char		now[11], shown[32];

	*iso = '\0';
	if (typed == NULL || *typed == '\0')
		return 0;
	if (oneteam_date(ot, "due date", typed, iso, cause) != 0)
		return -1;
	date_iso(&today, now);
	if (strcmp(iso, now) >= 0)
		return 0;
	date_format(iso, shown, sizeof shown);
	return oneteam_refuse_field(ot, cause, "due", "the due date %s has "
	    "passed: an action is due today or later", shown);
}

struct action_add_arg {
	const struct id		*family;
	const struct action_new	*an;
	struct id		*id;
};

static int
action_add_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct action_add_arg	*a = arg;
	struct field_val	 v[FA_N];
	struct field		 f[5];
	struct id		 owner;
	char			 due[11];
	int			 rc = -1;

	/* An action is for a family, or for the team itself. */
	memset(v, 0, sizeof v);
	if (oneteam_need_me(ot, cause) != 0 ||
	    (a->family != NULL && !id_is_zero(a->family) &&
	    (oneteam_family_exists(ot, a->family, cause) != 0 ||
	    access_need_write_why(ot, a->family, a->an->reason, cause) != 0)) ||
	    field_read(ot, &field_action_add, a->an, v, cause) != 0)
		goto out;
	if (staff_lookup_open(ot, a->an->owner, &owner, cause) != 0) {
		field_fault(ot, "owner");
		goto out;
	}
	if (action_due(ot, v[FA_DUE].text, due, cause) != 0)
		goto out;
	f[0] = (struct field){ "family", val_id(a->family) };
	f[1] = (struct field){ "what", val_text(v[FA_WHAT].text) };
	f[2] = (struct field){ "owner", val_id(&owner) };
	f[3] = (struct field){ "due", val_text(*due != '\0' ? due : NULL) };
	f[4] = (struct field){ "done", val_int(0) };
	rc = store_new(ot->st, "action", f, 5, a->id, cause);
out:
	field_vals_free(v, FA_N);
	return rc;
}

int
action_add(struct oneteam *ot, const struct id *family,
    const struct action_new *an, struct id *id, char **cause)
{
	struct action_add_arg	a = { family, an, id };

	return oneteam_change(ot, action_add_fn, &a, cause);
}

struct action_done_arg {
	const struct id			*id;
	const struct action_finish	*af;
	int				 withdraw;
};

static int
action_done_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct action_done_arg	*d = arg;
	const struct id		*id = d->id;
	struct field_val	 fv[FX_N];
	struct action		 a;
	struct val		 v;
	char			 when[32];
	int			 rc = -1;

	memset(fv, 0, sizeof fv);
	if (oneteam_need_me(ot, cause) != 0 ||
	    action_get_core(ot, id, &a, cause) != 0)
		return -1;
	if (!id_is_zero(&a.family) &&
	    access_need_write(ot, &a.family, cause) != 0)
		goto out;
	if (a.done) {
		time_format(a.done_at, when, sizeof when);
		oneteam_refuse(ot, cause, "%s was %s already, on %s", a.ref,
		    a.withdrawn ? "withdrawn" : "done", when);
		goto out;
	}
	if (field_read(ot, &field_action_done, d->af, fv, cause) != 0)
		goto out;
	v = val_int(1);
	if (store_set(ot->st, "action", id, "done", &v, cause) != 0)
		goto out;
	v = val_int(ot->now);
	if (store_set(ot->st, "action", id, "done_at", &v, cause) != 0)
		goto out;
	if (fv[FX_NOTE].text != NULL) {
		v = val_text(fv[FX_NOTE].text);
		if (store_set(ot->st, "action", id, "done_note", &v,
		    cause) != 0)
			goto out;
	}
	if (d->withdraw) {
		v = val_int(1);
		if (store_set(ot->st, "action", id, "withdrawn", &v,
		    cause) != 0)
			goto out;
	}
	rc = 0;
out:
	field_vals_free(fv, FX_N);
	action_clear(&a);
	return rc;
}

int
action_done(struct oneteam *ot, const struct id *id,
    const struct action_finish *af, char **cause)
{
	static const struct action_finish	none;
	struct action_done_arg			d = { id, af != NULL ? af :
						    &none, 0 };

	return oneteam_change(ot, action_done_fn, &d, cause);
}

int
action_withdraw(struct oneteam *ot, const struct id *id, const char *why,
    char **cause)
{
	struct action_finish	af = { why };
	struct action_done_arg	d = { id, &af, 1 };

	return oneteam_change(ot, action_done_fn, &d, cause);
}

#define ACTION_COLUMNS "a.id, a.family, f.household, a.what, a.owner, " \
	"o.name, a.due, coalesce(a.done, 0), a.done_at, a.created, s.name, " \
	"a.done_note, coalesce(a.withdrawn, 0)"
#define ACTION_FROM " FROM action a LEFT JOIN family f ON f.id = a.family " \
	"LEFT JOIN staff o ON o.id = a.owner " \
	"LEFT JOIN staff s ON s.id = a.created_by "

static void
action_from_row(struct query *q, const char *today, struct action *a)
{
	memset(a, 0, sizeof *a);
	a->id = query_id(q, 0);
	oneteam_ref("action", &a->id, a->ref);
	a->family = query_id(q, 1);
	if (!id_is_zero(&a->family))
		oneteam_ref("family", &a->family, a->family_ref);
	a->household = xstrdup(query_text(q, 2));
	a->what = xstrdup(query_text(q, 3));
	a->owner = query_id(q, 4);
	a->owner_name = xstrdup(query_text(q, 5));
	a->due = query_text_dup(q, 6);
	a->done = query_int(q, 7) != 0;
	a->done_at = query_int(q, 8);
	a->created = query_int(q, 9);
	a->raised_by = xstrdup(query_text(q, 10));
	a->done_note = query_text_dup(q, 11);
	a->withdrawn = query_int(q, 12) != 0;
	a->overdue = !a->done && a->due != NULL && strcmp(a->due, today) < 0;
}

int
action_get_core(struct oneteam *ot, const struct id *id, struct action *a,
    char **cause)
{
	struct query	*q;
	struct date	 d = date_from_ms(ot->now);
	char		 today[11];
	int		 rc;

	memset(a, 0, sizeof *a);
	date_iso(&d, today);
	q = query_prepare(ot->st, "SELECT " ACTION_COLUMNS ACTION_FROM
	    "WHERE a.id = ?1");
	query_bind_id(q, 1, id);
	if ((rc = query_step(q)) == 1)
		action_from_row(q, today, a);
	query_done(q);
	if (rc == 1)
		return 0;
	return oneteam_get_fail(ot, rc, "action", cause);
}

int
action_get(struct oneteam *ot, const struct family_view *v,
    const struct id *id, struct action *a, char **cause)
{
	if (access_record(ot, v, "action", id, cause) == 0)
		return action_get_core(ot, id, a, cause);
	memset(a, 0, sizeof *a);
	return -1;
}

/* The actions a filter lets through; first is the condition on ?1, the
 * family, and ?2, the owner, so that either uses its index. */
#define ACTION_LIST(first) "SELECT " ACTION_COLUMNS ACTION_FROM "WHERE " \
	first " AND (?3 OR NOT coalesce(a.done, 0)) ORDER BY " \
	"coalesce(a.done, 0), CASE WHEN coalesce(a.done, 0) THEN " \
	"-a.done_at ELSE 0 END, coalesce(a.due, '9999'), a.created, a.id"

/* Across families, need to know (?4, who is at work): the team's own
 * actions, and those of families one sees. */
#define ACTION_SEES "(a.family IS NULL OR " ACCESS_SEES("a.family", "?4") ")"

int
action_list_core(struct oneteam *ot, const struct id *family,
    const struct action_filter *af,
    int (*fn)(const struct action *, void *), void *arg, char **cause)
{
	struct query	*q;
	struct action	 a;
	struct date	 d = date_from_ms(ot->now);
	char		 today[11];
	int		 rc, stop = 0;

	date_iso(&d, today);
	/* Through the index of the family or the owner, not a scan. */
	q = query_prepare(ot->st, family != NULL ?
	    ACTION_LIST("a.family = ?1 AND (?2 IS NULL OR a.owner IN "
	    ACCESS_SELF("?2") ")") :
	    af->owner != NULL ? ACTION_LIST("?1 IS NULL AND a.owner IN "
	    ACCESS_SELF("?2") " AND "
	    ACTION_SEES) : ACTION_LIST("?1 IS NULL AND ?2 IS NULL AND "
	    ACTION_SEES));
	query_bind_id(q, 1, family);
	query_bind_id(q, 2, af->owner);
	query_bind_int(q, 3, af->all != 0);
	if (family == NULL)
		query_bind_id(q, 4, &ot->me);
	while (!stop && (rc = query_step(q)) == 1) {
		action_from_row(q, today, &a);
		stop = fn(&a, arg);
		action_clear(&a);
	}
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
action_list(struct oneteam *ot, const struct action_filter *af,
    int (*fn)(const struct action *, void *), void *arg, char **cause)
{
	const struct id	*family = NULL;

	if (af->view != NULL &&
	    (family = access_viewed(ot, af->view, cause)) == NULL)
		return -1;
	return action_list_core(ot, family, af, fn, arg, cause);
}
