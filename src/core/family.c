/*
 * family.c owns families: adding one, changing it under the rules of the
 * trade (a new level is a step up or down with its reason; closing names
 * why; an early help episode opens and closes with the family), reading
 * one and listing them. People, contacts and the rest have modules of
 * their own.
 */
#include <stdlib.h>
#include <string.h>

#include "access-sql.h"
#include "consent-sql.h"
#include "family-private.h"
#include "oneteam/access.h"
#include "oneteam/authority.h"
#include "oneteam/date.h"
#include "oneteam/family.h"
#include "oneteam/field.h"
#include "oneteam/staff.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "read-private.h"

static struct id family_my_locality(struct oneteam *);

void
family_clear(struct family *f)
{
	free(f->household);
	free(f->address);
	free(f->postcode);
	free(f->lsoa);
	free(f->locality_name);
	free(f->status);
	free(f->lead_name);
	free(f->next_review);
	free(f->needs);
	free(f->consent);
	memset(f, 0, sizeof *f);
}

/* Reason an episode opens, from the involvement list; NULL if not given. */
static int
family_involvement(struct oneteam *ot, const char *text, const char **code,
    char **cause)
{
	const struct ref_item	*item;

	*code = NULL;
	if (text == NULL || *text == '\0')
		return 0;
	if (oneteam_choice(ot, REF_INVOLVEMENT, text, &item, cause) != 0)
		return -1;
	*code = item->code;
	return 0;
}

struct family_add_arg {
	const struct family_new	*fn;
	struct id		*id;
};

/* Postcodes are kept in capitals, as Royal Mail writes them. */
static void
upcase_postcode(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
}

/*
 * Check and collect the fields of a new family, in op field order: the
 * checks of its field table (field.h), then who leads it and where.
 * strs[] take the texts: household, address, postcode, LSOA, review,
 * needs.
 */
static int
family_add_fields(struct oneteam *ot, const struct family_new *fn,
    struct field *f, char **strs, char **cause)
{
	static const int	 kept[] = { FF_HOUSEHOLD, FF_ADDRESS,
				    FF_POSTCODE, FF_LSOA, FF_REVIEW, FF_NEEDS };
	struct field_val	 v[FF_ADD_N];
	struct id		 lead, locality;
	int			 level = 0;
	const char		*lname;
	size_t			 i;

	memset(&lead, 0, sizeof lead);
	memset(&locality, 0, sizeof locality);
	if (field_read(ot, &field_family_add, fn, v, cause) != 0)
		return -1;
	for (i = 0; i < sizeof kept / sizeof kept[0]; i++)
		strs[i] = field_take(&v[kept[i]]);
	if (v[FF_LEVEL].item != NULL)
		level = atoi(v[FF_LEVEL].item->code);
	field_vals_free(v, FF_ADD_N);
	if (fn->lead != NULL && *fn->lead != '\0' &&
	    staff_lookup_open(ot, fn->lead, &lead, cause) != 0)
		return field_fault(ot, "lead");
	lname = fn->locality != NULL ? fn->locality : ot->cfg.locality;
	if (lname != NULL && *lname != '\0') {
		if (locality_ensure(ot, lname, &locality, cause) != 0)
			return field_fault(ot, "locality");
	} else
		locality = family_my_locality(ot);
	if (strs[2] != NULL)
		upcase_postcode(strs[2]);
	f[0] = (struct field){ "household", val_text(strs[0]) };
	f[1] = (struct field){ "address", val_text(strs[1]) };
	f[2] = (struct field){ "postcode", val_text(strs[2]) };
	f[3] = (struct field){ "lsoa", val_text(strs[3]) };
	f[4] = (struct field){ "locality", val_id(&locality) };
	f[5] = (struct field){ "level", level ? val_int(level) : val_null() };
	f[6] = (struct field){ "status", val_text(FAMILY_STATUS_OPEN) };
	f[7] = (struct field){ "lead", val_id(&lead) };
	f[8] = (struct field){ "next_review", val_text(strs[4]) };
	f[9] = (struct field){ "needs", val_text(strs[5]) };
	return 0;
}

static int
family_add_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct family_add_arg	*a = arg;
	struct field		 f[10];
	char			*strs[6] = { NULL };
	const char		*reason;
	size_t			 i;
	int			 rc = -1;

	if (oneteam_need_me(ot, cause) != 0 ||
	    family_involvement(ot, a->fn->reason, &reason, cause) != 0 ||
	    family_add_fields(ot, a->fn, f, strs, cause) != 0)
		goto out;
	if (store_new(ot->st, "family", f, 10, a->id, cause) != 0 ||
	    family_settle(ot, a->id, NULL, reason, cause) != 0)
		goto out;
	rc = 0;
out:
	for (i = 0; i < 6; i++)
		free(strs[i]);
	return rc;
}

int
family_add(struct oneteam *ot, const struct family_new *fn, struct id *id,
    char **cause)
{
	struct family_add_arg	a = { fn, id };

	return oneteam_change(ot, family_add_fn, &a, cause);
}

/*
 * Set the text fields given, as read from the table (field_read()): the
 * household, address, postcode and LSOA code, each a column of its name;
 * "" clears one.
 */
static int
family_set_texts(struct oneteam *ot, const struct id *id,
    const struct family_change *c, struct field_val *vals, char **cause)
{
	static const int	 texts[] = { FF_HOUSEHOLD, FF_ADDRESS,
				    FF_POSTCODE, FF_LSOA };
	const struct field_def	*fd;
	struct val		 v;
	size_t			 i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		fd = &field_family_set.fields[texts[i]];
		if (field_get(fd, c) == NULL)
			continue;
		if (texts[i] == FF_POSTCODE && vals[texts[i]].text != NULL)
			upcase_postcode(vals[texts[i]].text);
		v = val_text(vals[texts[i]].text);
		if (store_set(ot->st, "family", id, fd->name, &v, cause) != 0)
			return -1;
	}
	return 0;
}

/* Record a step up or down and follow it with the episode it implies. */
int
family_step(struct oneteam *ot, const struct family *fam, int to,
    const char *reason, char **cause)
{
	struct field	 f[5];
	struct val	 v;
	char		*why;
	int		 up = to > fam->level, rc;

	/* The reason is the field "reason" of family set (field.h). */
	if (oneteam_text(ot, "reason for the change of level", reason,
	    ONETEAM_LINE_MAX, 0, 1, &why, cause) != 0)
		return field_fault(ot, "reason");
	f[0] = (struct field){ "family", val_id(&fam->id) };
	f[1] = (struct field){ "direction", val_text(up ? "up" : "down") };
	f[2] = (struct field){ "from_level", fam->level ?
	    val_int(fam->level) : val_null() };
	f[3] = (struct field){ "to_level", val_int(to) };
	f[4] = (struct field){ "reason", val_text(why) };
	rc = store_new(ot->st, "step", f, 5, NULL, cause);
	free(why);
	v = val_int(to);
	if (rc != 0 || store_set(ot->st, "family", &fam->id, "level", &v,
	    cause) != 0)
		return -1;
	/* Early help ends when social care takes the family on, and
	 * starts again when it steps down. */
	return family_settle(ot, &fam->id, "stepped_up", fam->level == 4 &&
	    refdata_find(ot->rd, REF_INVOLVEMENT, "stepped_down") ?
	    "stepped_down" : NULL, cause);
}

static int
family_set_status(struct oneteam *ot, const struct family *fam,
    const struct family_change *c, char **cause)
{
	const struct ref_item	*end = NULL;
	const char		*reason = NULL;
	char			*high = NULL;
	struct val		 v;
	int			 rc;

	if (text_casecmp(c->status, FAMILY_STATUS_CLOSED) == 0) {
		if (strcmp(fam->status, FAMILY_STATUS_CLOSED) == 0)
			return oneteam_refuse(ot, cause, "%s is closed already",
			    fam->ref);
		if (c->end_reason == NULL)
			return oneteam_refuse_field(ot, cause, "end_reason",
			    "closing %s needs the reason it ends, such as "
			    "outcomes_met", fam->ref);
		/* Not while a serious concern is open. */
		if ((rc = flag_high_active(ot, &fam->id, &high, cause)) != 0) {
			if (rc > 0)
				oneteam_refuse(ot, cause, "%s has a red flag of "
				    "high severity still active, %s: early "
				    "help does not close while it is (resolve "
				    "it first, saying what was done)",
				    fam->ref, high);
			free(high);
			return -1;
		}
		if (oneteam_choice(ot, REF_END_REASONS, c->end_reason, &end,
		    cause) != 0)
			return -1;
		v = val_text(FAMILY_STATUS_CLOSED);
	} else if (text_casecmp(c->status, FAMILY_STATUS_OPEN) == 0) {
		if (strcmp(fam->status, FAMILY_STATUS_OPEN) == 0)
			return oneteam_refuse(ot, cause, "%s is open already",
			    fam->ref);
		if (family_involvement(ot, c->reason, &reason, cause) != 0)
			return -1;
		v = val_text(FAMILY_STATUS_OPEN);
	} else
		return oneteam_refuse(ot, cause, "status \"%s\" is not open or "
		    "closed", c->status);
	if (store_set(ot->st, "family", &fam->id, "status", &v, cause) != 0)
		return -1;
	if (end != NULL) {
		v = val_text(end->code);
		if (store_set(ot->st, "family", &fam->id, "end_reason", &v,
		    cause) != 0)
			return -1;
	}
	return family_settle(ot, &fam->id, end != NULL ? end->code : NULL,
	    reason, cause);
}

static int
family_set_links(struct oneteam *ot, const struct family *fam,
    const struct family_change *c, struct field_val *vals, char **cause)
{
	struct id	 id;
	struct val	 v;

	if (c->lead != NULL) {
		memset(&id, 0, sizeof id);
		if (*c->lead != '\0' && staff_lookup_open(ot, c->lead, &id, cause))
			return field_fault(ot, "lead");
		v = val_id(&id);
		if (store_set(ot->st, "family", &fam->id, "lead", &v, cause))
			return -1;
	}
	if (c->locality != NULL) {
		memset(&id, 0, sizeof id);
		if (*c->locality != '\0' &&
		    locality_ensure(ot, c->locality, &id, cause) != 0)
			return field_fault(ot, "locality");
		v = val_id(&id);
		if (store_set(ot->st, "family", &fam->id, "locality", &v,
		    cause) != 0)
			return -1;
	}
	/* The date and the needs as read from the table: "" clears. */
	if (c->next_review != NULL) {
		v = val_text(vals[FF_REVIEW].text);
		if (store_set(ot->st, "family", &fam->id, "next_review", &v,
		    cause) != 0)
			return -1;
	}
	if (c->needs == NULL)
		return 0;
	v = val_text(vals[FF_NEEDS].text);
	return store_set(ot->st, "family", &fam->id, "needs", &v, cause);
}

struct family_change_arg {
	const struct id			*id;
	const struct family_change	*c;
};

/*
 * Who leads a family, its level of need and the end of its early help
 * are the locality's decisions: who may record them is the table of
 * authority.c's; the words of the act are this change's.
 */
static int
family_coordinator_only(struct oneteam *ot, const struct family *fam,
    const struct family_change *c, int level, char **cause)
{
	if (c->lead != NULL && authority_need_role(ot, "family", &fam->id,
	    "lead", NULL, NULL, cause) != 0)
		return -1;
	if (level != 0 && level != fam->level && authority_need_role(ot,
	    "family", &fam->id, "level", NULL, level > fam->level ?
	    "steps a family up" : "steps a family down", cause) != 0)
		return -1;
	return authority_need_role(ot, "family", &fam->id, "status",
	    c->status, NULL, cause);
}

static int
family_change_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct family_change_arg	*a = arg;
	struct family_change		 typed = *a->c;
	const struct family_change	*c = &typed;
	struct field_val		 vals[FF_SET_N];
	struct family			 fam;
	int				 level = 0, rc = -1;

	memset(vals, 0, sizeof vals);
	if (oneteam_need_me(ot, cause) != 0 ||
	    family_get_core(ot, a->id, &fam, cause) != 0)
		return -1;
	/* Moved to one's own locality, it would be one's to see. */
	if (access_need_write(ot, a->id, cause) != 0 ||
	    field_read(ot, &field_family_set, a->c, vals, cause) != 0)
		goto out;
	/* The status as its word, though a start of it was typed. */
	typed.status = field_word_of(&field_family_set.fields[FF_STATUS],
	    a->c, &vals[FF_STATUS]);
	if (vals[FF_LEVEL].item != NULL)
		level = atoi(vals[FF_LEVEL].item->code);
	if (c->end_reason != NULL && (c->status == NULL ||
	    text_casecmp(c->status, FAMILY_STATUS_CLOSED) != 0)) {
		oneteam_refuse_field(ot, cause, "status", "an end reason goes "
		    "with closing the family: set its status to closed");
		goto out;
	}
	if (family_coordinator_only(ot, &fam, c, level, cause) != 0)
		goto out;
	if (c->reason != NULL && (level == 0 || level == fam.level) &&
	    c->status == NULL) {
		if (level != 0)
			oneteam_refuse_field(ot, cause, "level", "the family is "
			    "at level %d already: a reason goes with a change "
			    "of level", level);
		else
			oneteam_refuse(ot, cause, "a reason goes with a change "
			    "of level or reopening the family");
		goto out;
	}
	if (family_set_texts(ot, a->id, c, vals, cause) != 0 ||
	    family_set_links(ot, &fam, c, vals, cause) != 0)
		goto out;
	if (level != 0 && level != fam.level &&
	    family_step(ot, &fam, level, c->reason, cause) != 0)
		goto out;
	/* Its status settles its episodes at the level it has now. */
	if (level != 0)
		fam.level = level;
	if (c->status != NULL && family_set_status(ot, &fam, c, cause) != 0)
		goto out;
	rc = 0;
out:
	field_vals_free(vals, FF_SET_N);
	family_clear(&fam);
	return rc;
}

int
family_change(struct oneteam *ot, const struct id *id,
    const struct family_change *c, char **cause)
{
	struct family_change_arg	a = { id, c };

	return oneteam_change(ot, family_change_fn, &a, cause);
}

#define FAMILY_COLUMNS "f.id, f.household, f.address, f.postcode, f.lsoa, " \
	"f.locality, l.name, f.level, f.status, f.lead, s.name, " \
	"f.next_review, f.needs, f.created, f.last_contact, " \
	"f.open_referrals, f.active_flags, k.state"
#define FAMILY_FROM " FROM family f LEFT JOIN locality l ON " \
	"l.id = f.locality LEFT JOIN staff s ON s.id = f.lead" \
	CONSENT_JOIN("f", "k")

static void
family_from_row(struct query *q, struct family *f)
{
	memset(f, 0, sizeof *f);
	f->id = query_id(q, 0);
	oneteam_ref("family", &f->id, f->ref);
	f->household = xstrdup(query_text(q, 1));
	f->address = query_text_dup(q, 2);
	f->postcode = query_text_dup(q, 3);
	f->lsoa = query_text_dup(q, 4);
	f->locality = query_id(q, 5);
	f->locality_name = query_text_dup(q, 6);
	f->level = (int)query_int(q, 7);
	f->status = xstrdup(query_text(q, 8));
	f->lead = query_id(q, 9);
	f->lead_name = query_text_dup(q, 10);
	f->next_review = query_text_dup(q, 11);
	f->needs = query_text_dup(q, 12);
	f->created = query_int(q, 13);
	f->last_contact = query_int(q, 14);
	f->open_referrals = (int)query_int(q, 15);
	f->active_flags = (int)query_int(q, 16);
	f->consent = query_text_dup(q, 17);
}

int
family_get_core(struct oneteam *ot, const struct id *id, struct family *f,
    char **cause)
{
	struct query	*q;
	int		 rc;

	memset(f, 0, sizeof *f);
	q = query_prepare(ot->st, "SELECT " FAMILY_COLUMNS FAMILY_FROM
	    "WHERE f.id = ?1");
	query_bind_id(q, 1, id);
	if ((rc = query_step(q)) == 1)
		family_from_row(q, f);
	query_done(q);
	if (rc == 1) {
		struct store_later	l;

		if (store_later(ot->st, id, &l, cause) != 0) {
			family_clear(f);
			return -1;
		}
		f->later = l.n;
		return 0;
	}
	return oneteam_get_fail(ot, rc, "family", cause);
}

int
family_get(struct oneteam *ot, const struct family_view *v, struct family *f,
    char **cause)
{
	const struct id	*family;

	if ((family = access_viewed(ot, v, cause)) == NULL)
		return -1;
	return family_get_core(ot, family, f, cause);
}

/* WHERE clauses of the filters; ?1 is who is at work, ?2 their locality. */
#define FAMILY_SEES ACCESS_SEES_ROW("f", "?1") " "
static const char *const family_where[] = {
	[FAMILY_MINE] = "WHERE " ACCESS_MINE("f", "?1") " ",
	[FAMILY_LOCALITY] = "WHERE f.status = 'open' AND (?2 IS NULL OR "
	    "f.locality IN " LOCALITY_SAME("?2") ") AND " FAMILY_SEES,
	/* Across localities: only those one needs to know. */
	[FAMILY_ALL] = "WHERE f.status = 'open' AND " FAMILY_SEES,
	[FAMILY_FLAGGED] = "WHERE f.active_flags > 0 AND " FAMILY_SEES,
	[FAMILY_NO_LEAD] = "WHERE f.status = 'open' AND f.lead IS NULL AND "
	    FAMILY_SEES,
	[FAMILY_CLOSED] = "WHERE f.status = 'closed' AND " FAMILY_SEES,
};
#define NFILTERS (sizeof family_where / sizeof family_where[0])

static const char *const family_order[][2] = {
	[FAMILY_BY_HOUSEHOLD] = { "f.household", "" },
	[FAMILY_BY_REF] = { "f.id", "" },
	[FAMILY_BY_LEVEL] = { "coalesce(f.level, 0)", ", f.household" },
	[FAMILY_BY_LEAD] = { "coalesce(s.name, '')", ", f.household" },
	[FAMILY_BY_LAST_CONTACT] = { "coalesce(f.last_contact, 0)",
	    ", f.household" },
	[FAMILY_BY_REFERRALS] = { "f.open_referrals", ", f.household" },
	[FAMILY_BY_FLAGS] = { "f.active_flags", ", f.household" },
	[FAMILY_BY_REVIEW] = { "coalesce(f.next_review, '9999')",
	    ", f.household" },
};
#define NSORTS (sizeof family_order / sizeof family_order[0])

/* The list statement of a filter and sort, built once from the constant
 * pieces above (never from data) and kept for the cached query. */
static const char *
family_list_sql(enum family_filter filter, enum family_sort sort, int desc)
{
	static char	*sql[NFILTERS][NSORTS][2];
	const char	*dir = desc ? " DESC" : "";
	const char	*then = family_order[sort][1];

	if (sql[filter][sort][desc] == NULL)
		sql[filter][sort][desc] = xconcat("SELECT " FAMILY_COLUMNS
		    FAMILY_FROM, family_where[filter], "ORDER BY ",
		    family_order[sort][0], dir, then, *then != '\0' ? dir : "",
		    ", f.id LIMIT ?4 OFFSET ?3", NULL);
	return sql[filter][sort][desc];
}

/* The locality of the member of staff at work, or the configured one. */
static struct id
family_my_locality(struct oneteam *ot)
{
	struct query	*q;
	struct id	 id;
	char		*cause = NULL;

	memset(&id, 0, sizeof id);
	q = query_prepare(ot->st, "SELECT locality FROM staff WHERE id = ?1");
	query_bind_id(q, 1, &ot->me);
	if (query_step(q) == 1)
		id = query_id(q, 0);
	query_done(q);
	if (id_is_zero(&id) && ot->cfg.locality != NULL &&
	    *ot->cfg.locality != '\0' &&
	    locality_lookup(ot, ot->cfg.locality, &id, &cause) != 0)
		free(cause);
	return id;
}

int
family_list(struct oneteam *ot, enum family_filter filter,
    enum family_sort sort, int desc, size_t offset, size_t limit,
    int (*fn)(const struct family *, void *), void *arg, char **cause)
{
	struct query	*q;
	struct family	 f;
	struct id	 locality = family_my_locality(ot);
	int		 rc, stop = 0;

	q = query_prepare(ot->st, family_list_sql(filter, sort, desc != 0));
	query_bind_id(q, 1, &ot->me);
	query_bind_id(q, 2, &locality);
	query_bind_int(q, 3, (int64_t)offset);
	query_bind_int(q, 4, limit == 0 ? -1 : (int64_t)limit);
	while (!stop && (rc = query_step(q)) == 1) {
		family_from_row(q, &f);
		stop = fn(&f, arg);
		family_clear(&f);
	}
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

/* How many families a filter shows, so a list can size its scroll bar
 * and jump to its end without reading every row. */
int
family_count(struct oneteam *ot, enum family_filter filter, size_t *n,
    char **cause)
{
	static char	*sql[NFILTERS];
	struct query	*q;
	struct id	 locality = family_my_locality(ot);
	int		 rc;

	if (sql[filter] == NULL)
		sql[filter] = xconcat("SELECT count(*), ?1, ?2 FROM family f ",
		    family_where[filter], NULL);
	q = query_prepare(ot->st, sql[filter]);
	query_bind_id(q, 1, &ot->me);
	query_bind_id(q, 2, &locality);
	if ((rc = query_step(q)) == 1)
		*n = (size_t)query_int(q, 0);
	query_done(q);
	return rc == 1 ? 0 : oneteam_db_fail(ot, cause);
}

static const char *const family_filter_names[] = {
	[FAMILY_MINE] = "mine", [FAMILY_LOCALITY] = "locality",
	[FAMILY_ALL] = "all", [FAMILY_FLAGGED] = "flagged",
	[FAMILY_NO_LEAD] = "no-lead", [FAMILY_CLOSED] = "closed",
};

static const char *const family_sort_names[] = {
	[FAMILY_BY_HOUSEHOLD] = "household", [FAMILY_BY_REF] = "ref",
	[FAMILY_BY_LEVEL] = "level", [FAMILY_BY_LEAD] = "lead",
	[FAMILY_BY_LAST_CONTACT] = "contact",
	[FAMILY_BY_REFERRALS] = "referrals", [FAMILY_BY_FLAGS] = "flags",
	[FAMILY_BY_REVIEW] = "review",
};

static int
family_name_index(const char *const *names, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (text_casecmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

int
family_filter_parse(const char *s, enum family_filter *out)
{
	int	i = family_name_index(family_filter_names, NFILTERS, s);

	if (i < 0)
		return -1;
	*out = (enum family_filter)i;
	return 0;
}

int
family_sort_parse(const char *s, enum family_sort *out)
{
	int	i = family_name_index(family_sort_names, NSORTS, s);

	if (i < 0)
		return -1;
	*out = (enum family_sort)i;
	return 0;
}
