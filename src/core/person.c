/*
 * person.c owns the people of a family: adding someone, changing what is
 * known of them (markers such as SEND or a child protection plan, the
 * school, the GP), archiving one who has left the household, listing a
 * household children first, and saying a person's age; finding one by
 * what a worker types is person-find.c's. It does not own the family
 * (family.c) nor what is recorded about a person elsewhere (contacts,
 * referrals, flags).
 *
 * A date of birth is never in the future, except an unborn baby's, which
 * is the due date. Looked after and child protection plan are for
 * children, so they are refused for someone known to be 18 or over.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/access.h"
#include "oneteam/date.h"
#include "oneteam/field.h"
#include "oneteam/person.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "access-sql.h"
#include "read-private.h"

#define PERSON_ADULT_AGE	18
#define PERSON_DUE_MAX_DAYS	(42 * 7)	/* a pregnancy at its longest */

struct person_marker {
	int		 bit;
	const char	*field;		/* record field; code for scripts */
	const char	*label;		/* what people read */
};

static const struct person_marker person_marker_defs[] = {
	{ PERSON_SEND, "send", "SEND" },
	{ PERSON_YOUNG_CARER, "young_carer", "young carer" },
	{ PERSON_LOOKED_AFTER, "looked_after", "looked after" },
	{ PERSON_CP_PLAN, "cp_plan", "CP plan" },
};
#define NMARKERS (sizeof person_marker_defs / sizeof person_marker_defs[0])

/* Relationships that say "child" when the date of birth is not known. */
static const char *const person_child_relationships[] = {
	"child", "stepchild", "sibling", "half_sibling", PERSON_UNBORN,
};
#define NCHILD_RELATIONSHIPS (sizeof person_child_relationships / \
	sizeof person_child_relationships[0])

void
person_clear(struct person *p)
{
	free(p->name);
	free(p->dob);
	free(p->relationship);
	free(p->school);
	free(p->gp);
	memset(p, 0, sizeof *p);
}

/* Whole years from a to b, a birthday counting from its day (29 February
 * from 1 March in other years). */
static int
person_years(const struct date *a, const struct date *b)
{
	int	years = b->y - a->y;

	if (b->m < a->m || (b->m == a->m && b->d < a->d))
		years--;
	return years;
}

/* Whole months from a to b. */
static int
person_months(const struct date *a, const struct date *b)
{
	int	months = (b->y - a->y) * 12 + b->m - a->m;

	if (b->d < a->d)
		months--;
	return months;
}

static const char *
person_plural(int n)
{
	return n == 1 ? "" : "s";
}

void
person_age(const char *dob, int64_t now_ms, char *buf, size_t len)
{
	struct date	born, today = date_from_ms(now_ms);
	int		days, months, years;

	if (len > 0)
		*buf = '\0';
	if (dob == NULL || date_from_iso(dob, &born) != 0)
		return;
	days = date_diff(&born, &today);
	months = person_months(&born, &today);
	years = person_years(&born, &today);
	if (days < -13)
		snprintf(buf, len, "due in %d weeks", -days / 7);
	else if (days < 0)
		snprintf(buf, len, "due in %d day%s", -days,
		    person_plural(-days));
	else if (days == 0)
		snprintf(buf, len, "born today");
	else if (months < 1)
		snprintf(buf, len, "%d day%s", days, person_plural(days));
	else if (months < 24)
		snprintf(buf, len, "%d month%s", months, person_plural(months));
	else
		snprintf(buf, len, "%d years", years);
}

int
person_is_child(const char *dob, const char *relationship, int64_t now_ms)
{
	struct date	born, today = date_from_ms(now_ms);
	size_t		i;

	if (dob != NULL && date_from_iso(dob, &born) == 0)
		return person_years(&born, &today) < PERSON_ADULT_AGE;
	if (relationship == NULL)
		return 0;
	for (i = 0; i < NCHILD_RELATIONSHIPS; i++)
		if (strcmp(relationship, person_child_relationships[i]) == 0)
			return 1;
	return 0;
}

/*
 * ?1 the family, ?2 whoever is at work: its people in the household,
 * eldest first, if they may see the family at all.
 */
#define PERSON_BRIEF_SQL "SELECT p.name, p.dob, p.relationship FROM " \
	"person p WHERE p.family = ?1 AND NOT coalesce(p.archived, 0) AND " \
	"EXISTS (SELECT 1 FROM family f WHERE f.id = ?1 AND " \
	ACCESS_SEES_ROW("f", "?2") ") ORDER BY p.dob IS NULL, p.dob, p.id"

char *
person_children_brief(struct oneteam *ot, const struct id *family)
{
	struct date	 born, today = date_from_ms(ot->now);
	struct query	*q;
	const char	*name, *dob;
	char		*all = NULL, *next, age[16];
	int		 months, days, n;

	q = query_prepare(ot->st, PERSON_BRIEF_SQL);
	query_bind_id(q, 1, family);
	query_bind_id(q, 2, &ot->me);
	while (query_step(q) == 1) {
		dob = query_text_or_null(q, 1);
		if (!person_is_child(dob, query_text_or_null(q, 2), ot->now) ||
		    dob == NULL || date_from_iso(dob, &born) != 0 ||
		    date_diff(&born, &today) < 0)
			continue;	/* not a child, or not born yet */
		months = person_months(&born, &today);
		days = date_diff(&born, &today);
		if (days < 7)
			snprintf(age, sizeof age, "newborn");
		else if (months < 1)
			snprintf(age, sizeof age, "%dw", days / 7);
		else if (months < 24)
			snprintf(age, sizeof age, "%dm", months);
		else
			snprintf(age, sizeof age, "%d", person_years(&born,
			    &today));
		/* The first name is enough beside the household's. */
		name = query_text(q, 0);
		n = (int)strcspn(name, " ");
		next = xprintf("%s%s%.*s %s", all != NULL ? all : "",
		    all != NULL ? ", " : "", n, name, age);
		free(all);
		all = next;
	}
	query_done(q);
	return all;
}

char *
person_markers(int markers, int archived, int for_people)
{
	const char	*sep = for_people ? ", " : ",";
	char		*out, *next;
	size_t		 i;

	/* Left the household first: a cut column still says it. */
	out = xstrdup(!archived ? "" : for_people ? "left the household" :
	    "archived");
	for (i = 0; i < NMARKERS; i++) {
		if (!(markers & person_marker_defs[i].bit))
			continue;
		xasprintf(&next, "%s%s%s", out, *out ? sep : "", for_people ?
		    person_marker_defs[i].label : person_marker_defs[i].field);
		free(out);
		out = next;
	}
	return out;
}

#define PERSON_COLUMNS "id, family, name, dob, relationship, school, gp, " \
	"send, young_carer, looked_after, cp_plan, archived, created, " \
	"created_by"

static void
person_from_row(struct query *q, struct person *p)
{
	size_t	i;

	memset(p, 0, sizeof *p);
	p->id = query_id(q, 0);
	oneteam_ref("person", &p->id, p->ref);
	p->family = query_id(q, 1);
	p->name = xstrdup(query_text(q, 2));
	p->dob = query_text_dup(q, 3);
	p->relationship = query_text_dup(q, 4);
	p->school = query_text_dup(q, 5);
	p->gp = query_text_dup(q, 6);
	for (i = 0; i < NMARKERS; i++)
		if (query_int(q, 7 + (int)i) != 0)
			p->markers |= person_marker_defs[i].bit;
	p->archived = query_int(q, 11) != 0;
	p->created = query_int(q, 12);
	p->created_by = query_id(q, 13);
}

int
person_get_core(struct oneteam *ot, const struct id *id, struct person *p,
    char **cause)
{
	struct query	*q;
	int		 rc;

	memset(p, 0, sizeof *p);
	q = query_prepare(ot->st, "SELECT " PERSON_COLUMNS " FROM person "
	    "WHERE id = ?1");
	query_bind_id(q, 1, id);
	if ((rc = query_step(q)) == 1)
		person_from_row(q, p);
	query_done(q);
	if (rc == 1)
		return 0;
	return oneteam_get_fail(ot, rc, "person", cause);
}

int
person_get(struct oneteam *ot, const struct family_view *v,
    const struct id *id, struct person *p, char **cause)
{
	if (access_record(ot, v, "person", id, cause) == 0)
		return person_get_core(ot, id, p, cause);
	memset(p, 0, sizeof *p);
	return -1;
}

/*
 * A date of birth is not in the future; an unborn baby's due date is at
 * most 42 weeks away.
 */
static int
person_dob_check(struct oneteam *ot, const char *iso, const char *rel,
    char **cause)
{
	struct date	today = date_from_ms(ot->now), dob;
	char		shown[32];

	if (iso == NULL || date_from_iso(iso, &dob) != 0)
		return 0;
	date_format(iso, shown, sizeof shown);
	if (rel != NULL && strcmp(rel, PERSON_UNBORN) == 0) {
		if (date_diff(&today, &dob) > PERSON_DUE_MAX_DAYS)
			return oneteam_refuse_field(ot, cause, "dob", "due "
			    "date %s is more than 42 weeks away", shown);
		return 0;
	}
	if (date_diff(&today, &dob) > 0)
		return oneteam_refuse_field(ot, cause, "dob", "date of birth "
		    "%s is in the future (an unborn baby's due date goes with "
		    "the relationship unborn_baby)", shown);
	return 0;
}

/* Looked after and a child protection plan are for children. */
static int
person_markers_check(struct oneteam *ot, const char *name, const char *dob,
    int markers, char **cause)
{
	struct date	 today = date_from_ms(ot->now), born;
	char		*shown;
	int		 years;

	if (!(markers & (PERSON_LOOKED_AFTER | PERSON_CP_PLAN)) ||
	    dob == NULL || date_from_iso(dob, &born) != 0 ||
	    (years = person_years(&born, &today)) < PERSON_ADULT_AGE)
		return 0;
	shown = text_escape(name, 0);
	oneteam_refuse(ot, cause, "%s is %d: only a child can be %s", shown,
	    years, (markers & PERSON_CP_PLAN) ? "on a child protection plan" :
	    "looked after");
	free(shown);
	return -1;
}

/*
 * Refuse adding the same person twice: someone of that name and date of
 * birth still in the household.
 */
static int
person_unique(struct oneteam *ot, const struct id *family, const char *name,
    const char *dob, char **cause)
{
	struct query	*q;
	struct id	 other;
	char		 ref[ID_REF_MAX], fref[ID_REF_MAX], *shown = NULL;
	int		 rc;

	q = query_prepare(ot->st, "SELECT id, name FROM person WHERE "
	    "family = ?1 AND name = ?2 COLLATE NOCASE AND dob IS ?3 AND "
	    "NOT coalesce(archived, 0) LIMIT 1");
	query_bind_id(q, 1, family);
	query_bind_text(q, 2, name);
	query_bind_text(q, 3, dob);
	if ((rc = query_step(q)) == 1) {
		other = query_id(q, 0);
		shown = text_escape(query_text(q, 1), 0);
	}
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 0)
		return 0;
	oneteam_ref("person", &other, ref);
	oneteam_ref("family", family, fref);
	oneteam_refuse(ot, cause, "%s is in %s already, as %s", shown, fref,
	    ref);
	free(shown);
	return -1;
}

/* Check a new person from its table and collect the fields, in op field
 * order; the texts stay in v and strs, the caller's to free. */
static int
person_add_fields(struct oneteam *ot, const struct id *family,
    const struct person_new *pn, struct field *f, struct field_val *v,
    char **name, char **cause)
{
	const char	*rel, *dob;
	size_t		 i;

	if (pn->markers & ~PERSON_MARKERS)
		return oneteam_refuse(ot, cause, "unknown marker");
	/* The name is the command line's argument: no option to name. */
	if (oneteam_text(ot, "name", pn->name, ONETEAM_NAME_MAX, 0, 1,
	    name, cause) != 0 ||
	    field_read(ot, &field_person_add, pn, v, cause) != 0)
		return -1;
	rel = v[FP_RELATIONSHIP].item != NULL ?
	    v[FP_RELATIONSHIP].item->code : NULL;
	dob = v[FP_DOB].text;
	if (person_dob_check(ot, dob, rel, cause) != 0 ||
	    person_markers_check(ot, *name, dob, pn->markers, cause) != 0 ||
	    person_unique(ot, family, *name, dob, cause) != 0)
		return -1;
	f[0] = (struct field){ "family", val_id(family) };
	f[1] = (struct field){ "name", val_text(*name) };
	f[2] = (struct field){ "dob", val_text(dob) };
	f[3] = (struct field){ "relationship", val_text(rel) };
	f[4] = (struct field){ "school", val_text(v[FP_SCHOOL].text) };
	f[5] = (struct field){ "gp", val_text(v[FP_GP].text) };
	for (i = 0; i < NMARKERS; i++)
		f[6 + i] = (struct field){ person_marker_defs[i].field,
		    val_int((pn->markers & person_marker_defs[i].bit) != 0) };
	f[6 + NMARKERS] = (struct field){ "archived", val_int(0) };
	return 0;
}

int
person_add_tx(struct oneteam *ot, const struct id *family,
    const struct person_new *pn, struct id *id, char **cause)
{
	struct field		 f[7 + NMARKERS];
	struct field_val	 v[FP_ADD_N];
	char			*name = NULL;
	int			 rc = -1;

	/* People belong to a family. */
	if (oneteam_need_me(ot, cause) != 0 ||
	    oneteam_family_exists(ot, family, cause) != 0)
		return -1;
	memset(v, 0, sizeof v);
	if (person_add_fields(ot, family, pn, f, v, &name, cause) == 0)
		rc = store_new(ot->st, "person", f, 7 + NMARKERS, id, cause);
	field_vals_free(v, FP_ADD_N);
	free(name);
	return rc;
}

struct person_add_arg {
	const struct id		*family;
	const struct person_new	*pn;
	struct id		*id;
};

static int
person_add_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct person_add_arg	*a = arg;

	/* (person_add_tx() is also a new family's, which one sees.) */
	if (oneteam_family_exists(ot, a->family, cause) != 0 ||
	    access_need_write(ot, a->family, cause) != 0)
		return -1;
	return person_add_tx(ot, a->family, a->pn, a->id, cause);
}

int
person_add(struct oneteam *ot, const struct id *family,
    const struct person_new *pn, struct id *id, char **cause)
{
	struct person_add_arg	a = { family, pn, id };

	return oneteam_change(ot, person_add_fn, &a, cause);
}

/* A change checked and read, ready to write: texts trimmed, codes found. */
struct person_next {
	char		*name;
	char		*school;
	char		*gp;
	const char	*rel;		/* the relationship after the change */
	char		 dob[11];	/* the date of birth after, "" none */
	int		 markers;	/* after */
};

static void
person_next_clear(struct person_next *n)
{
	free(n->name);
	free(n->school);
	free(n->gp);
}

/* Refuse what cannot be asked of this person, whatever the values. */
static int
person_change_sane(struct oneteam *ot, const struct person *p,
    const struct person_change *c, char **cause)
{
	char	*shown;
	int	 rc = 0;

	if ((c->markers_on | c->markers_off) & ~PERSON_MARKERS)
		return oneteam_refuse(ot, cause, "unknown marker");
	if (c->markers_on & c->markers_off)
		return oneteam_refuse(ot, cause, "a marker cannot be both set "
		    "and cleared");
	shown = text_escape(p->name, 0);
	if (c->archive > 0 && p->archived)
		rc = oneteam_refuse(ot, cause, "%s (%s) is archived already",
		    shown, p->ref);
	else if (c->archive < 0 && !p->archived)
		rc = oneteam_refuse(ot, cause, "%s (%s) is not archived", shown,
		    p->ref);
	free(shown);
	return rc;
}

/* Check every field of a change against the person as they are. */
static int
person_change_check(struct oneteam *ot, const struct person *p,
    const struct person_change *c, struct person_next *n,
    struct field_val *v, char **cause)
{
	const char	*name;

	memset(n, 0, sizeof *n);
	if (person_change_sane(ot, p, c, cause) != 0 ||
	    field_read(ot, &field_person_set, c, v, cause) != 0)
		return -1;
	n->name = field_take(&v[FP_NAME]);
	n->school = field_take(&v[FP_SCHOOL]);
	n->gp = field_take(&v[FP_GP]);
	n->rel = p->relationship;
	if (c->relationship != NULL)
		n->rel = v[FP_RELATIONSHIP].item != NULL ?
		    v[FP_RELATIONSHIP].item->code : NULL;
	if (c->dob != NULL)
		snprintf(n->dob, sizeof n->dob, "%s", v[FP_DOB].text != NULL ?
		    v[FP_DOB].text : "");
	else if (p->dob != NULL)
		snprintf(n->dob, sizeof n->dob, "%s", p->dob);
	n->markers = (p->markers | c->markers_on) & ~c->markers_off;
	name = n->name != NULL ? n->name : p->name;
	if ((c->dob != NULL || c->relationship != NULL) &&
	    person_dob_check(ot, *n->dob ? n->dob : NULL, n->rel, cause) != 0)
		return -1;
	if ((c->dob != NULL || c->markers_on != 0) &&
	    person_markers_check(ot, name, *n->dob ? n->dob : NULL,
	    n->markers, cause) != 0)
		return -1;
	return 0;
}

static int
person_set(struct oneteam *ot, const struct id *id, const char *field,
    struct val v, char **cause)
{
	return store_set(ot->st, "person", id, field, &v, cause);
}

/* Write the fields a checked change names; store_set skips the same. */
static int
person_change_write(struct oneteam *ot, const struct person *p,
    const struct person_change *c, const struct person_next *n, char **cause)
{
	size_t	i;
	int	bit;

	if ((c->name != NULL && person_set(ot, &p->id, "name",
	    val_text(n->name), cause) != 0) ||
	    (c->dob != NULL && person_set(ot, &p->id, "dob",
	    val_text(*n->dob ? n->dob : NULL), cause) != 0) ||
	    (c->relationship != NULL && person_set(ot, &p->id,
	    "relationship", val_text(n->rel), cause) != 0) ||
	    (c->school != NULL && person_set(ot, &p->id, "school",
	    val_text(n->school), cause) != 0) ||
	    (c->gp != NULL && person_set(ot, &p->id, "gp", val_text(n->gp),
	    cause) != 0))
		return -1;
	for (i = 0; i < NMARKERS; i++) {
		bit = person_marker_defs[i].bit;
		if (((c->markers_on | c->markers_off) & bit) &&
		    person_set(ot, &p->id, person_marker_defs[i].field,
		    val_int((n->markers & bit) != 0), cause) != 0)
			return -1;
	}
	if (c->archive != 0 && person_set(ot, &p->id, "archived",
	    val_int(c->archive > 0), cause) != 0)
		return -1;
	return 0;
}

struct person_change_arg {
	const struct id			*id;
	const struct person_change	*c;
};

static int
person_change_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct person_change_arg	*a = arg;
	struct person			 p;
	struct person_next		 n;
	struct field_val		 v[FP_SET_N];
	int				 rc = -1;

	if (oneteam_need_me(ot, cause) != 0 ||
	    person_get_core(ot, a->id, &p, cause) != 0)
		return -1;
	memset(&n, 0, sizeof n);
	memset(v, 0, sizeof v);
	if (access_need_write(ot, &p.family, cause) == 0 &&
	    person_change_check(ot, &p, a->c, &n, v, cause) == 0 &&
	    person_change_write(ot, &p, a->c, &n, cause) == 0)
		rc = 0;
	person_next_clear(&n);
	field_vals_free(v, FP_SET_N);
	person_clear(&p);
	return rc;
}

int
person_change(struct oneteam *ot, const struct id *id,
    const struct person_change *c, char **cause)
{
	struct person_change_arg	a = { id, c };

	return oneteam_change(ot, person_change_fn, &a, cause);
}

/* A person with what the list is sorted by. */
struct person_sorted {
	struct person	p;
	int		child;
};

static int
person_sort_cmp(const void *va, const void *vb)
{
	const struct person_sorted	*a = va, *b = vb;
	int				 c;

	if (a->p.archived != b->p.archived)
		return a->p.archived - b->p.archived;
	if (a->child != b->child)
		return b->child - a->child;
	if (a->child && (a->p.dob == NULL) != (b->p.dob == NULL))
		return a->p.dob == NULL ? 1 : -1;
	if (a->child && a->p.dob != NULL &&
	    (c = strcmp(a->p.dob, b->p.dob)) != 0)
		return c;
	if ((c = text_casecmp(a->p.name, b->p.name)) != 0)
		return c;
	return id_cmp(&a->p.id, &b->p.id);
}

/* Read the people of a family into *out, unsorted. */
static int
person_fetch(struct oneteam *ot, const struct id *family, int archived,
    struct person_sorted **out, size_t *n, char **cause)
{
	struct query	*q;
	int		 rc;

	*out = NULL;
	*n = 0;
	q = query_prepare(ot->st, "SELECT " PERSON_COLUMNS " FROM person "
	    "WHERE family = ?1 AND (?2 OR NOT coalesce(archived, 0))");
	query_bind_id(q, 1, family);
	query_bind_int(q, 2, archived != 0);
	while ((rc = query_step(q)) == 1) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		person_from_row(q, &(*out)[*n].p);
		(*out)[*n].child = person_is_child((*out)[*n].p.dob,
		    (*out)[*n].p.relationship, ot->now);
		(*n)++;
	}
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
person_list_core(struct oneteam *ot, const struct id *family, int archived,
    int (*fn)(const struct person *, void *), void *arg, char **cause)
{
	struct person_sorted	*all;
	size_t			 n, i;
	int			 rc, stop = 0;

	rc = person_fetch(ot, family, archived, &all, &n, cause);
	if (n > 1)
		qsort(all, n, sizeof *all, person_sort_cmp);
	for (i = 0; i < n; i++) {
		if (rc == 0 && !stop)
			stop = fn(&all[i].p, arg);
		person_clear(&all[i].p);
	}
	free(all);
	return rc;
}

int
person_list(struct oneteam *ot, const struct family_view *v, int archived,
    int (*fn)(const struct person *, void *), void *arg, char **cause)
{
	const struct id	*family;

	if ((family = access_viewed(ot, v, cause)) == NULL)
		return -1;
	return person_list_core(ot, family, archived, fn, arg, cause);
}
