/*
 * staff.c owns the members of staff: adding them (no two of names that
 * read alike), finding one by what a person types, listing them,
 * disabling an account and merging one added twice (a coordinator's to
 * do). Passphrases are signin.c's; who may manage whose account,
 * authority.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/authority.h"
#include "oneteam/field.h"
#include "oneteam/staff.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

void
staff_clear(struct staff *s)
{
	free(s->name);
	free(s->role);
	free(s->agency);
	free(s->locality_name);
	free(s->same_as_name);
	memset(s, 0, sizeof *s);
}

#define STAFF_COLUMNS "s.id, s.name, s.role, s.agency, s.locality, " \
	"l.name, s.coordinator, coalesce(s.active, 1), coalesce(s.admin, 0), " \
	"s.same_as, (SELECT m.name FROM staff m WHERE m.id = s.same_as)"

static void
staff_from_row(struct query *q, struct staff *s)
{
	s->id = query_id(q, 0);
	s->name = xstrdup(query_text(q, 1));
	s->role = xstrdup(query_text(q, 2));
	s->agency = xstrdup(query_text(q, 3));
	s->locality = query_id(q, 4);
	s->locality_name = xstrdup(query_text(q, 5));
	s->coordinator = (int)query_int(q, 6);
	s->active = (int)query_int(q, 7);
	s->admin = (int)query_int(q, 8);
	s->same_as = query_id(q, 9);
	s->same_as_name = query_is_null(q, 10) ? NULL :
	    xstrdup(query_text(q, 10));
}

/* A role or an agency is needed: refuse one not given with the list
 * to choose from, naming its field. */
static int
staff_needed(struct oneteam *ot, const struct field_val *v, size_t which,
    const struct ref_item **item, char **cause)
{
	const struct field_def	*fd = &field_staff_add.fields[which];

	if ((*item = v[which].item) != NULL)
		return 0;
	if (oneteam_choice(ot, fd->list, "", item, cause) != 0)
		return field_fault(ot, fd->name);
	return 0;
}

/* The locality of member id into *locality: 1, 0 (none, or nobody),
 * -1. */
static int
staff_locality_of(struct oneteam *ot, const struct id *id,
    struct id *locality)
{
	struct query	*q;
	int		 rc;

	memset(locality, 0, sizeof *locality);
	if (id_is_zero(id))
		return 0;
	q = query_prepare(ot->st, "SELECT locality FROM staff WHERE id = ?1 "
	    "AND locality IS NOT NULL AND locality IN (SELECT id FROM "
	    "locality)");
	query_bind_id(q, 1, id);
	if ((rc = query_step(q)) == 1)
		*locality = query_id(q, 0);
	query_done(q);
	return rc;
}

/*
 * How a new name stands to an account's: 2 it reads as the account's
 * (text_same_name()), 1 as its first words ("Tom" of "Tom Reid"), 0
 * neither.
 */
static int
staff_name_alike(const char *other, const char *name)
{
	if (text_same_name(other, name))
		return 2;
	return text_name_starts(other, name);
}

/*
 * A new name that reads as an account's already (text_same_name(): "tom
 * reid" beside "Tom Reid") is refused, naming that account, disabled or
 * not: two that look alike could not be told apart on a screen, in a
 * chronology or on the audit trail. So is one that reads as its first
 * words ("Tom"): staff_lookup() finds an exact name before the names it
 * starts, so "--as tom", Tom Reid's until then, would be the new
 * account's, with no passphrase asked. typed is as given, name as kept.
 */
static int
staff_name_free(struct oneteam *ot, const char *typed, const char *name,
    char **cause)
{
	struct query	*q;
	struct id	 other;
	char		 ref[ID_REF_MAX], *shown, *found = NULL;
	int		 rc, how, alike = 0;

	q = query_prepare(ot->st, "SELECT id, name FROM staff");
	while (alike < 2 && (rc = query_step(q)) == 1) {
		/* The same name is told before a name it starts. */
		if ((how = staff_name_alike(query_text(q, 1), name)) > alike) {
			alike = how;
			other = query_id(q, 0);
			free(found);
			found = xstrdup(query_text(q, 1));
		}
	}
	query_done(q);
	if (rc < 0) {
		free(found);
		return oneteam_db_fail(ot, cause);
	}
	if (alike == 0)
		return 0;
	oneteam_ref("staff", &other, ref);
	shown = text_escape(typed, 0);
	oneteam_refuse_field(ot, cause, "name", "name \"%s\": %s (%s) %s",
	    shown, found, ref, alike == 2 ? "has that name already" :
	    "is found by that name already");
	free(shown);
	free(found);
	return -1;
}

int
staff_add_tx(struct oneteam *ot, const struct staff_new *sn, struct id *id,
    char **cause)
{
	const struct ref_item	*role, *agency;
	struct field_val	 v[FS_N];
	struct field		 f[7];
	struct id		 locality;
	const char		*lname;
	int			 rc = -1;

	if (field_read(ot, &field_staff_add, sn, v, cause) != 0)
		return -1;
	if (staff_name_free(ot, sn->name, v[FS_NAME].text, cause) != 0 ||
	    staff_needed(ot, v, FS_ROLE, &role, cause) != 0 ||
	    staff_needed(ot, v, FS_AGENCY, &agency, cause) != 0)
		goto out;
	/* A member works in a locality: the one named, else the adder's,
	 * else this site's; with none, which is asked (one of none would
	 * read no huddle). */
	lname = sn->locality != NULL ? sn->locality : ot->cfg.locality;
	memset(&locality, 0, sizeof locality);
	if (sn->locality == NULL && staff_locality_of(ot, &ot->me,
	    &locality) < 0) {
		oneteam_db_fail(ot, cause);
		goto out;
	}
	if (id_is_zero(&locality) && (lname == NULL || *lname == '\0')) {
		oneteam_refuse_field(ot, cause, "locality", "which locality "
		    "does %s work in? name it", v[FS_NAME].text);
		goto out;
	}
	if (id_is_zero(&locality) &&
	    locality_ensure(ot, lname, &locality, cause) != 0) {
		if (store_fault(ot->st) == STORE_EINPUT)
			field_fault(ot, "locality");
		goto out;
	}
	f[0] = (struct field){ "name", val_text(v[FS_NAME].text) };
	f[1] = (struct field){ "role", val_text(role->code) };
	f[2] = (struct field){ "agency", val_text(agency->code) };
	f[3] = (struct field){ "locality", val_id(&locality) };
	f[4] = (struct field){ "coordinator", val_int(sn->coordinator != 0) };
	f[5] = (struct field){ "active", val_int(1) };
	f[6] = (struct field){ "admin", val_int(sn->admin != 0) };
	rc = store_new(ot->st, "staff", f, 7, id, cause);
out:
	field_vals_free(v, FS_N);
	return rc;
}

struct staff_add_arg {
	const struct staff_new	*sn;
	struct id		*id;
};

int
staff_add_managed_tx(struct oneteam *ot, const struct staff_new *sn,
    struct id *id, char **cause)
{
	if (staff_need_manager(ot, "adds a member of staff", cause) != 0)
		return -1;
	if (sn->admin && authority_need_role(ot, "staff", &ot->me, "admin",
	    NULL, NULL, cause) != 0)
		return -1;
	return staff_add_tx(ot, sn, id, cause);
}

static int
staff_add_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct staff_add_arg	*a = arg;

	return staff_add_managed_tx(ot, a->sn, a->id, cause);
}

int
staff_add(struct oneteam *ot, const struct staff_new *sn, struct id *id,
    char **cause)
{
	struct staff_add_arg	a = { sn, id };

	return oneteam_change(ot, staff_add_fn, &a, cause);
}

/* Whoever is at work is read, and one of their flags given: an int. */
static int
staff_me_flag(struct oneteam *ot, int manager, char **cause)
{
	struct staff	me;
	int		rc;

	if (oneteam_need_me(ot, cause) != 0 ||
	    staff_get(ot, &ot->me, &me, cause) != 0)
		return -1;
	rc = me.coordinator != 0 || (manager && me.admin != 0);
	staff_clear(&me);
	return rc;
}

int
staff_me_manager(struct oneteam *ot, char **cause)
{
	return staff_me_flag(ot, 1, cause);
}

int
staff_need_manager(struct oneteam *ot, const char *what, char **cause)
{
	int	rc;

	if ((rc = staff_me_manager(ot, cause)) < 0)
		return -1;
	if (rc == 0)
		return oneteam_refuse(ot, cause, "only a coordinator or an "
		    "administrator %s", what);
	return 0;
}

int
staff_me_coordinator(struct oneteam *ot, char **cause)
{
	return staff_me_flag(ot, 0, cause);
}

static int
staff_disable_fn(struct oneteam *ot, void *arg, char **cause)
{
	const struct id	*id = arg;
	struct staff	 s;
	struct val	 v = val_int(0);
	int		 rc;

	if (authority_need_role(ot, "staff", id, "active", NULL, NULL,
	    cause) != 0)
		return -1;
	if (id_cmp(id, &ot->me) == 0)
		return oneteam_refuse(ot, cause, "one's own account is "
		    "disabled by another coordinator or administrator");
	if (staff_get(ot, id, &s, cause) != 0)
		return -1;
	rc = s.active ? 0 : oneteam_refuse(ot, cause, "%s's account is "
	    "disabled already", s.name);
	staff_clear(&s);
	if (rc != 0)
		return -1;
	return store_set(ot->st, "staff", id, "active", &v, cause);
}

int
staff_disable(struct oneteam *ot, const struct id *id, char **cause)
{
	return oneteam_change(ot, staff_disable_fn, (void *)id, cause);
}

struct merge_arg {
	const struct id	*dup, *kept;
	int		 families, actions;
};

/* Set field of each record the SQL (?1 dup) gives to kept; *n how many. */
static int
staff_move(struct oneteam *ot, const char *sql, const char *etype,
    const char *field, const struct merge_arg *a, int *n, char **cause)
{
	struct query	*q;
	struct id	*ids = NULL;
	struct val	 v = val_id(a->kept);
	int		 rc, i;

	/* Read first: each set writes to the table read. */
	q = query_prepare(ot->st, sql);
	query_bind_id(q, 1, a->dup);
	for (*n = 0; (rc = query_step(q)) == 1; (*n)++) {
		ids = xreallocarray(ids, (size_t)*n + 1, sizeof *ids);
		ids[*n] = query_id(q, 0);
	}
	query_done(q);
	if (rc < 0)
		rc = oneteam_db_fail(ot, cause);
	/* The lead of each family moves as a coordinator moves it. */
	if (rc == 0 && *n > 0 && strcmp(etype, "family") == 0)
		rc = authority_need_role(ot, "family", &ids[0], "lead", NULL,
		    "moves the families a member leads (a merge)", cause);
	for (i = 0; rc == 0 && i < *n; i++)
		rc = store_set(ot->st, etype, &ids[i], field, &v, cause);
	free(ids);
	return rc;
}

/* Were they merged into each other (at two sites apart)? */
static int
staff_merged_apart(const struct staff *a, const struct staff *b)
{
	return id_cmp(&a->same_as, &b->id) == 0 &&
	    id_cmp(&b->same_as, &a->id) == 0;
}

/* Why dup cannot be merged into kept, or 0. Two merged into each other
 * apart may be: kept is the one in use again. */
static int
staff_merge_check(struct oneteam *ot, const struct staff *dup,
    const struct staff *kept, char **cause)
{
	if (staff_merged_apart(dup, kept))
		return 0;
	if (id_cmp(&dup->id, &kept->id) == 0)
		return oneteam_refuse(ot, cause, "a member of staff is merged "
		    "into another, not into themselves");
	if (id_cmp(&dup->id, &ot->me) == 0)
		return oneteam_refuse(ot, cause, "one's own account is merged "
		    "by another coordinator or administrator");
	/* Merged into another, it may be merged again into this one (two
	 * merges made apart that made a chain). */
	if (id_cmp(&dup->same_as, &kept->id) == 0)
		return oneteam_refuse(ot, cause, "%s is merged into %s already",
		    dup->name, kept->name);
	if (!id_is_zero(&kept->same_as))
		return oneteam_refuse(ot, cause, "%s was merged into %s: merge "
		    "into that account", kept->name, kept->same_as_name !=
		    NULL ? kept->same_as_name : "another");
	if (!kept->active)
		return oneteam_refuse(ot, cause, "%s's account is disabled: "
		    "merge into one in use", kept->name);
	return 0;
}

static int
staff_merge_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct merge_arg	*a = arg;
	struct staff		 dup, kept;
	struct val		 off = val_int(0), to = val_id(a->kept);
	int			 rc, n;

	if (authority_need_role(ot, "staff", a->dup, "same_as", NULL, NULL,
	    cause) != 0)
		return -1;
	if (staff_get(ot, a->dup, &dup, cause) != 0)
		return -1;
	if (staff_get(ot, a->kept, &kept, cause) != 0) {
		staff_clear(&dup);
		return -1;
	}
	rc = staff_merge_check(ot, &dup, &kept, cause);
	/* Merged into each other apart: kept's account is kept again. */
	if (rc == 0 && staff_merged_apart(&dup, &kept)) {
		struct val	 none = val_id(NULL), on = val_int(1);

		if (store_set(ot->st, "staff", a->kept, "same_as", &none,
		    cause) != 0 || store_set(ot->st, "staff", a->kept,
		    "active", &on, cause) != 0)
			rc = -1;
	}
	if (rc == 0)
		rc = store_set(ot->st, "staff", a->dup, "same_as", &to, cause);
	if (rc == 0 && dup.active)
		rc = store_set(ot->st, "staff", a->dup, "active", &off, cause);
	/* Those merged into dup before are kept's now. */
	if (rc == 0)
		rc = staff_move(ot, "SELECT id FROM staff WHERE same_as = ?1",
		    "staff", "same_as", a, &n, cause);
	if (rc == 0)
		rc = staff_move(ot, "SELECT id FROM family WHERE lead = ?1",
		    "family", "lead", a, &a->families, cause);
	if (rc == 0)
		rc = staff_move(ot, "SELECT id FROM action WHERE owner = ?1",
		    "action", "owner", a, &a->actions, cause);
	staff_clear(&dup);
	staff_clear(&kept);
	return rc;
}

int
staff_merge(struct oneteam *ot, const struct id *dup, const struct id *kept,
    int *families, int *actions, char **cause)
{
	struct merge_arg	a = { dup, kept, 0, 0 };

	if (oneteam_change(ot, staff_merge_fn, &a, cause) != 0)
		return -1;
	*families = a.families;
	*actions = a.actions;
	return 0;
}

int
staff_get(struct oneteam *ot, const struct id *id, struct staff *s,
    char **cause)
{
	struct query	*q;
	int		 rc;

	memset(s, 0, sizeof *s);
	q = query_prepare(ot->st, "SELECT " STAFF_COLUMNS " FROM staff s "
	    "LEFT JOIN locality l ON l.id = s.locality WHERE s.id = ?1");
	query_bind_id(q, 1, id);
	if ((rc = query_step(q)) == 1)
		staff_from_row(q, s);
	query_done(q);
	if (rc == 1)
		return 0;
	if (rc == 0)
		return oneteam_refuse(ot, cause, "no such member of staff");
	return oneteam_db_fail(ot, cause);
}

int
staff_list(struct oneteam *ot, int (*fn)(const struct staff *, void *),
    void *arg, char **cause)
{
	struct query	*q;
	struct staff	 s;
	int		 rc, stop = 0;

	q = query_prepare(ot->st, "SELECT " STAFF_COLUMNS " FROM staff s "
	    "LEFT JOIN locality l ON l.id = s.locality "
	    "ORDER BY s.name COLLATE NOCASE, s.id");
	while (!stop && (rc = query_step(q)) == 1) {
		staff_from_row(q, &s);
		stop = fn(&s, arg);
		staff_clear(&s);
	}
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

/* SQL: the member's name is ?1, or starts with ?2, or has a word that
 * starts with ?3 (staff_bind_named()). */
#define STAFF_NAMED "(name = ?1 COLLATE NOCASE OR name LIKE ?2 ESCAPE " \
	"'\\' OR name LIKE ?3 ESCAPE '\\')"

static void
staff_bind_named(struct query *q, const char *text)
{
	char	*like;

	query_bind_text(q, 1, text);
	like = oneteam_like("", text);
	query_bind_text(q, 2, like);
	free(like);
	like = oneteam_like("% ", text);
	query_bind_text(q, 3, like);
	free(like);
}

/*
 * Staff whose name is text, or starts with it, or has a word starting
 * with it; exact names win over prefixes. Sets *n to how many matched
 * (stopping at 5) and their names in *names.
 */
static int
staff_match(struct oneteam *ot, const char *text, struct id *id, int *n,
    char **names)
{
	struct query	*q;
	struct id	 ref_of;
	char		*next, ref[ID_REF_MAX];
	int		 rc, exact = 0;

	*n = 0;
	*names = xstrdup("");
	q = query_prepare(ot->st, "SELECT id, name, name = ?1 COLLATE NOCASE "
	    "FROM staff WHERE coalesce(active, 1) AND " STAFF_NAMED
	    " ORDER BY 3 DESC, name LIMIT 5");
	staff_bind_named(q, text);
	while ((rc = query_step(q)) == 1) {
		if (query_int(q, 2)) {
			if (exact++ == 0)
				*id = query_id(q, 0);
		} else if (exact == 0 && *n == 0)
			*id = query_id(q, 0);
		/* Two of one name are told apart by their references. */
		ref_of = query_id(q, 0);
		oneteam_ref("staff", &ref_of, ref);
		xasprintf(&next, "%s%s%s (%s)", *names, **names ? ", " : "",
		    query_text(q, 1), ref);
		free(*names);
		*names = next;
		(*n)++;
	}
	query_done(q);
	if (exact == 1)
		*n = 1;
	return rc;
}

/* The one account ended (disabled or merged) that text names: -1 with
 * why it cannot be named, or 0. */
static int
staff_ended(struct oneteam *ot, const char *text, char **cause)
{
	struct query	*q;
	struct staff	 s;
	struct id	 id;
	int		 rc;


	/* As staff_match() finds those at work. */
	q = query_prepare(ot->st, "SELECT id FROM staff WHERE NOT "
	    "coalesce(active, 1) AND " STAFF_NAMED " LIMIT 2");
	staff_bind_named(q, text);
	if ((rc = query_step(q)) == 1) {
		id = query_id(q, 0);
		if (query_step(q) != 0)
			rc = 0;		/* two: neither said */
	}
	query_done(q);
	if (rc != 1 || staff_get(ot, &id, &s, cause) != 0)
		return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
	staff_refuse_ended(ot, &s, cause);
	staff_clear(&s);
	return -1;
}

int
staff_lookup_open(struct oneteam *ot, const char *text, struct id *id,
    char **cause)
{
	struct staff	s;
	int		rc = 0;

	if (staff_lookup(ot, text, id, cause) != 0 ||
	    staff_get(ot, id, &s, cause) != 0)
		return -1;
	if (!s.active)
		rc = staff_refuse_ended(ot, &s, cause);
	staff_clear(&s);
	return rc;
}

int
staff_refuse_ended(struct oneteam *ot, const struct staff *s, char **cause)
{
	struct staff	 into;
	char		*why = NULL;
	int		 apart = 0;

	if (id_is_zero(&s->same_as))
		return oneteam_refuse(ot, cause, "the account of %s is disabled",
		    s->name);
	if (staff_get(ot, &s->same_as, &into, &why) == 0) {
		apart = staff_merged_apart(s, &into);
		staff_clear(&into);
	}
	free(why);
	if (apart)
		return oneteam_refuse(ot, cause, "the accounts of %s and %s "
		    "were merged into each other at two sites: a coordinator "
		    "merges one into the other again, by their references "
		    "(oneteam staff list, oneteam staff merge)",
		    s->name, s->same_as_name);
	return oneteam_refuse(ot, cause, "the account of %s was merged into "
	    "%s's: use theirs", s->name, s->same_as_name != NULL ?
	    s->same_as_name : "another");
}

int
staff_lookup(struct oneteam *ot, const char *text, struct id *id,
    char **cause)
{
	char	*names = NULL, *shown;
	int	 n, rc;

	if (text == NULL || *text == '\0')
		return oneteam_refuse(ot, cause, "no member of staff named");
	if ((text[0] == 'S' || text[0] == 's') && text[1] == '-' &&
	    oneteam_find(ot, "staff", text, id, cause) == 0)
		return 0;
	free(*cause);
	*cause = NULL;
	if ((rc = staff_match(ot, text, id, &n, &names)) < 0) {
		free(names);
		return oneteam_db_fail(ot, cause);
	}
	shown = text_escape(text, 0);
	if (n == 0 && staff_ended(ot, text, cause) != 0)
		;
	else if (n == 0)
		oneteam_refuse(ot, cause, "there is no member of staff called "
		    "\"%s\"", shown);
	else if (n > 1)
		oneteam_refuse(ot, cause, "\"%s\" could be %s: give more of "
		    "the name", shown, names);
	free(shown);
	free(names);
	return n == 1 ? 0 : -1;
}
