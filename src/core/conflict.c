/*
 * conflict.c lists and resolves conflicts: fields that two or more people
 * changed while apart, so that the field's register holds more than one
 * head. Every replica holding the same changes lists the same conflicts
 * and shows the same value meanwhile (the newest by clock, then site):
 * the queue is derived from the registers, never decided at import.
 * Resolving one is an ordinary change whose base is every head, so it
 * travels and resolves it everywhere.
 */
#include <stdlib.h>
#include <string.h>

#include "conflict-private.h"
#include "oneteam/access.h"
#include "oneteam/audit.h"
#include "oneteam/authority.h"
#include "oneteam/conflict.h"
#include "oneteam/contact.h"
#include "oneteam/date.h"
#include "oneteam/family.h"
#include "oneteam/field.h"
#include "oneteam/kinds.h"
#include "oneteam/refdata.h"
#include "oneteam/xmalloc.h"

/*
 * The heads of a field's register (?1 the record, ?2 the field) in the
 * order they are listed, the shown one first: value N of a listing is
 * the Nth of this order when it is kept, so both read it here.
 */
#define CONFLICT_HEADS "FROM reg WHERE entity = ?1 AND field = ?2 " \
	"ORDER BY hlc DESC, origin DESC, op DESC"

void
conflict_ref(const struct conflict *c, char *buf)
{
	const struct kind	*k = kinds_get(c->etype);

	id_ref(k != NULL ? k->prefix : "X", &c->entity, 0, buf);
}

/* How the registry says a person reads field of etype. */
static enum kind_show
conflict_show(const char *etype, const char *field)
{
	const struct kind	*k = kinds_get(etype);
	size_t			 i;

	for (i = 0; k != NULL && i < k->nfields; i++)
		if (strcmp(k->fields[i].name, field) == 0)
			return k->fields[i].show;
	return KIND_SHOW_NUMBER;
}

/* A register's value (col, its type at col + 1) as a person reads it:
 * yes or no, a moment, a number; an id named (a member of staff, a
 * locality) or referenced. */
static char *
conflict_text(struct oneteam *ot, const struct conflict *c, struct query *q,
    int col)
{
	const char	*type = query_text(q, col + 1);
	struct query	*n;
	struct id	 id;
	char		*s = NULL, b32[27], when[32];

	if (strcmp(type, "null") == 0)
		return NULL;
	if (strcmp(type, "integer") == 0) {
		switch (conflict_show(c->etype, c->field)) {
		case KIND_SHOW_YES:
			return xstrdup(query_int(q, col) != 0 ? "yes" : "no");
		case KIND_SHOW_MOMENT:
			time_format(query_int(q, col), when, sizeof when);
			return xstrdup(when);
		case KIND_SHOW_NUMBER:
			break;
		}
		return xprintf("%lld", (long long)query_int(q, col));
	}
	if (strcmp(type, "text") == 0)
		return query_text_dup(q, col);
	id = query_id(q, col);
	n = query_prepare(ot->st, "SELECT name FROM staff WHERE id = ?1 UNION "
	    "ALL SELECT name FROM locality WHERE id = ?1");
	query_bind_id(n, 1, &id);
	if (query_step(n) == 1)
		s = query_text_dup(n, 0);
	query_done(n);
	if (s == NULL) {
		id_base32(&id, b32);
		s = xprintf("%.8s", b32);
	}
	return s;
}

/*
 * A version of a contact as people tell versions apart: its kind, when,
 * where, how many were seen, then its summary (columns 6 to 9 and 0).
 */
static char *
conflict_version_text(struct oneteam *ot, struct query *q)
{
	const char	*venue = query_text(q, 8), *seen = query_text(q, 9), *p;
	char		 when[32];
	int		 n = 0;

	time_format(query_int(q, 7), when, sizeof when);
	for (p = seen; p != NULL && *p != '\0'; p++)
		n += *p == ',';
	if (seen != NULL && *seen != '\0')
		n++;
	if (venue != NULL && *venue == '\0')
		venue = NULL;
	return xprintf("%s, %s%s%s, %d seen: %s", refdata_label(ot->rd,
	    REF_CONTACT_KINDS, query_text(q, 6)), when, venue != NULL ?
	    ", at " : "", venue != NULL ? venue : "", n, query_text(q, 0));
}

static void
conflict_clear(struct conflict *c)
{
	size_t	i;

	for (i = 0; i < c->nvalues; i++) {
		free((char *)c->values[i].value);
		free((char *)c->values[i].who);
		free((char *)c->values[i].site);
	}
	free(c->values);
	free((char *)c->etype);
	free((char *)c->field);
	free((char *)c->household);
	memset(c, 0, sizeof *c);
}

/* Is c a contact's versions (CONFLICT_VERSIONS), not a field's heads? */
static int
conflict_of_versions(const struct conflict *c)
{
	return strcmp(c->etype, "contact") == 0;
}

/* Is c a family's episodes (CONFLICT_EPISODES)? */
static int
conflict_of_episodes(const struct conflict *c)
{
	return strcmp(c->etype, "family") == 0 &&
	    strcmp(c->field, "episode") == 0;
}

/* Is c a referral's moves (CONFLICT_MOVES)? */
static int
conflict_of_moves(const struct conflict *c)
{
	return strcmp(c->etype, "referral") == 0 &&
	    strcmp(c->field, "status") == 0;
}

/* The household of c's family, if it has one. 0, or -1. */
static int
conflict_household(struct oneteam *ot, struct conflict *c)
{
	struct query	*q;
	int		 rc;

	if (id_is_zero(&c->family))
		return 0;
	q = query_prepare(ot->st, "SELECT household FROM family WHERE id = ?1");
	query_bind_id(q, 1, &c->family);
	if ((rc = query_step(q)) == 1)
		c->household = query_text_dup(q, 0);
	query_done(q);
	return rc < 0 ? -1 : 0;
}

void
conflict_value_by(struct oneteam *ot, struct conflict_value *v,
    struct query *q, int col)
{
	struct id	author = query_id(q, col), origin = query_id(q, col + 1);

	v->who = oneteam_staff_name(ot, &author);
	v->site = site_label(ot->st, &origin);
}

/* Fill the values (newest first, the one shown) and the family. */
static int
conflict_fill(struct oneteam *ot, struct conflict *c)
{
	struct query	*q;
	int		 rc;

	if (conflict_of_episodes(c)) {
		if (family_episode_ways(ot, &c->entity, &c->values,
		    &c->nvalues) < 0)
			return -1;
		c->family = c->entity;
		return conflict_household(ot, c);
	}
	if (conflict_of_moves(c)) {
		if (referral_ways(ot, &c->entity, &c->values, &c->nvalues) < 0 ||
		    kinds_family_of(ot->st, c->etype, &c->entity,
		    &c->family) < 0)
			return -1;
		return conflict_household(ot, c);
	}
	if (conflict_of_versions(c)) {
		q = query_prepare(ot->st, "SELECT c.summary, 'text', "
		    "c.created_by, o.origin, c.created, c.id, c.kind, c.at, "
		    "c.venue, c.seen FROM contact c JOIN op o ON o.id = c.op "
		    "WHERE " KINDS_CONTACT_REVISIONS("c", "?1") " AND c.current "
		    "ORDER BY c.hlc DESC, "
		    "c.id DESC");
		query_bind_id(q, 1, &c->entity);
	} else {
		q = query_prepare(ot->st, "SELECT value, typeof(value), "
		    "author, origin, coalesce((SELECT w.wall FROM op w WHERE "
		    "w.id = reg.op), hlc >> 16), NULL " CONFLICT_HEADS);
		query_bind_id(q, 1, &c->entity);
		query_bind_text(q, 2, c->field);
	}
	c->secret = authority_secret(c->etype, c->field);
	while ((rc = query_step(q)) == 1) {
		struct conflict_value	*v;

		c->values = xreallocarray(c->values, c->nvalues + 1,
		    sizeof *c->values);
		v = &c->values[c->nvalues++];
		if (c->nvalues == 1)
			c->text = strcmp(query_text(q, 1), "text") == 0;
		v->value = c->secret ? NULL : conflict_of_versions(c) ?
		    conflict_version_text(ot, q) : conflict_text(ot, c, q, 0);
		conflict_value_by(ot, v, q, 2);
		v->at = query_int(q, 4);
		v->record = query_id(q, 5);
	}
	query_done(q);
	c->merge = c->text && !c->secret && !conflict_of_versions(c) &&
	    authority_merge(c->etype, c->field) != NULL;
	/* Which family, from the registry: need to know asks it. */
	if (rc < 0 || kinds_family_of(ot->st, c->etype, &c->entity,
	    &c->family) < 0)
		return -1;
	return conflict_household(ot, c);
}

int
conflict_list(struct oneteam *ot, int (*fn)(const struct conflict *, void *),
    void *arg, char **cause)
{
	struct query	*q;
	struct conflict	*v = NULL;
	size_t		 n = 0, i;
	int		 rc, stop = 0, seen, shown = 0;

	q = query_prepare(ot->st, "SELECT entity, field, etype FROM reg "
	    "GROUP BY entity, field HAVING " CONFLICT_VALUES " > 1 UNION ALL "
	    "SELECT contact, 'summary', 'contact' FROM (" CONFLICT_VERSIONS
	    ") UNION ALL SELECT id, 'episode', 'family' FROM family WHERE "
	    CONFLICT_EPISODES " UNION ALL SELECT id, 'status', 'referral' "
	    "FROM referral INDEXED BY referral_clash WHERE " CONFLICT_MOVES
	    " ORDER BY 3, 1, 2");
	while ((rc = query_step(q)) == 1) {
		v = xreallocarray(v, n + 1, sizeof *v);
		memset(&v[n], 0, sizeof v[n]);
		v[n].entity = query_id(q, 0);
		v[n].field = query_text_dup(q, 1);
		v[n].etype = query_text_dup(q, 2);
		n++;
	}
	query_done(q);
	for (i = 0; rc == 0 && i < n; i++)
		if (conflict_fill(ot, &v[i]) != 0)
			rc = -1;
	/* Their values are a family's records: need to know (access.h). */
	for (i = 0; rc == 0 && !stop && i < n; i++) {
		if (!id_is_zero(&v[i].family) && (seen = access_may_view(ot,
		    &v[i].family, cause)) != 1) {
			if (seen < 0)
				rc = -2;
			continue;
		}
		shown++;
		stop = fn(&v[i], arg);
	}
	for (i = 0; i < n; i++)
		conflict_clear(&v[i]);
	free(v);
	if (rc == -2)
		return -1;
	return rc < 0 ? oneteam_db_fail(ot, cause) : shown;
}

int
conflict_count(struct oneteam *ot, char **cause)
{
	struct query	*q;
	int64_t		 n;
	uint64_t	 mark = store_change_mark(ot->st);

	/* Counted over every corrected contact: not again while nothing
	 * but the audit trail moved (opening a family, say). */
	if (mark != 0 && mark == ot->conflicts_mark)
		return ot->conflicts;
	q = query_prepare(ot->st, "SELECT (SELECT count(*) FROM (SELECT 1 "
	    "FROM reg GROUP BY entity, field HAVING " CONFLICT_VALUES
	    " > 1)) + (SELECT count(*) FROM (" CONFLICT_VERSIONS ")) + "
	    "(SELECT count(*) FROM family WHERE " CONFLICT_EPISODES ") + "
	    "(SELECT count(*) FROM referral INDEXED BY referral_clash WHERE "
	    CONFLICT_MOVES ")");
	if ((n = query_count(q)) < 0)
		return oneteam_db_fail(ot, cause);
	ot->conflicts = (int)n;
	ot->conflicts_mark = mark;
	return (int)n;
}

struct find {
	const char	*ref;
	const char	*field;
	struct conflict	 found;
	int		 n;
};

static int
conflict_match(const struct conflict *c, void *arg)
{
	struct find	*f = arg;
	char		 ref[ID_REF_MAX];
	size_t		 i;

	conflict_ref(c, ref);
	if (strncasecmp(ref, f->ref, strlen(f->ref)) != 0 ||
	    strlen(f->ref) < 5 || strcmp(c->field, f->field) != 0)
		return 0;
	if (f->n++ > 0)
		return 0;
	f->found = *c;
	f->found.etype = xstrdup(c->etype);
	f->found.field = xstrdup(c->field);
	f->found.household = c->household != NULL ?
	    xstrdup(c->household) : NULL;
	f->found.values = xcalloc(c->nvalues, sizeof *c->values);
	for (i = 0; i < c->nvalues; i++) {
		f->found.values[i] = c->values[i];
		f->found.values[i].value = c->values[i].value != NULL ?
		    xstrdup(c->values[i].value) : NULL;
		f->found.values[i].who = xstrdup(c->values[i].who);
		f->found.values[i].site = xstrdup(c->values[i].site);
	}
	return 0;
}

/* The raw value of head n (from 1, newest first) of a conflict. */
static int
conflict_head(struct oneteam *ot, const struct conflict *c, size_t n,
    struct val *v, char **text)
{
	struct query	*q;
	size_t		 i = 0;
	int		 rc;

	q = query_prepare(ot->st, "SELECT value, typeof(value) "
	    CONFLICT_HEADS);
	query_bind_id(q, 1, &c->entity);
	query_bind_text(q, 2, c->field);
	while ((rc = query_step(q)) == 1)
		if (++i == n)
			break;
	if (rc == 1) {
		const char	*type = query_text(q, 1);

		if (strcmp(type, "integer") == 0)
			*v = val_int(query_int(q, 0));
		else if (strcmp(type, "text") == 0) {
			*text = query_text_dup(q, 0);
			*v = val_text(*text);
		} else if (strcmp(type, "blob") == 0) {
			struct id	id = query_id(q, 0);

			*v = val_id(&id);
		} else
			*v = val_null();
	}
	query_done(q);
	return rc;
}

/* A passphrase is never chosen from the queue: the member sets a new
 * one, which supersedes both (signin_set()). */
static int
conflict_secret(struct oneteam *ot, const struct conflict *c, char **cause)
{
	char	*name;

	name = oneteam_staff_name(ot, &c->entity);
	oneteam_refuse(ot, cause, "the passphrase of %s changed at two sites "
	    "and is not chosen here: setting a new one (oneteam staff "
	    "passwd) ends the conflict", name);
	free(name);
	return -1;
}

/* A merged value, of a field a person may write so (authority.h),
 * checked as the command that sets it checks it, into *clean. */
static int
conflict_merge(struct oneteam *ot, const struct conflict *c,
    const char *ref, const char *value, char **clean, char **cause)
{
	const struct field_def	*fd;
	struct field_val	 fv;

	if (!c->text)
		return oneteam_refuse_field(ot, cause, "take", "%s of %s is "
		    "not text: choose one of the values", c->field, ref);
	if ((fd = authority_merge(c->etype, c->field)) == NULL)
		return oneteam_refuse_field(ot, cause, "take", "%s of %s is "
		    "not a text written in words: choose one of the values",
		    c->field, ref);
	if (field_read_value(ot, fd, value, &fv, cause) != 0) {
		ot->fault_field = "value";
		return -1;
	}
	/* Blank is no merge of two texts: keeping one says what is meant. */
	if ((*clean = field_take(&fv)) == NULL)
		return oneteam_refuse_field(ot, cause, "value", "a merged %s "
		    "is not blank: write it, or keep one of the values",
		    fd->label);
	return 0;
}

/*
 * Keep version take of a contact corrected apart, as it is: a correction
 * takes the place of every version (contact.h); or way take of a family
 * whose episodes came apart from it, or of a referral moved two ways
 * (conflict-private.h). 0, or -1.
 */
static int
conflict_keep_way(struct oneteam *ot, const struct conflict *c,
    const char *ref, size_t take, const char *value, const char *expect,
    char **cause)
{
	const char	*what = conflict_of_versions(c) ? "versions" :
			    conflict_of_moves(c) ? "statuses" : "ways";
	int64_t		 mark;
	int		 rc;

	if (value != NULL && conflict_of_versions(c))
		return oneteam_refuse_field(ot, cause, "value", "the versions "
		    "of %s are kept as they are: keep one, then correct it "
		    "(oneteam contact correct)", ref);
	if (value != NULL)
		return oneteam_refuse_field(ot, cause, "value", "%s stands one "
		    "way or the other, not merged: keep one of its %s", ref,
		    what);
	if (take < 1 || take > c->nvalues)
		return oneteam_refuse(ot, cause, "there are %zu %s of %s: take "
		    "one from 1 to %zu", c->nvalues, what, ref, c->nvalues);
	if (expect != NULL && strcmp(c->values[take - 1].value != NULL ?
	    c->values[take - 1].value : "", expect) != 0)
		return oneteam_refuse(ot, cause, "the %s of %s changed since "
		    "they were shown (an import?): look again", what, ref);
	if (audit_change_mark(ot, &mark, cause) != 0)
		return -1;
	if (conflict_of_versions(c))
		rc = contact_keep_tx(ot, &c->entity,
		    &c->values[take - 1].record, cause);
	else if (conflict_of_moves(c))
		rc = referral_settle(ot, &c->entity, c->values[take - 1].value,
		    cause);
	else
		rc = family_episode_keep(ot, &c->entity, take, cause);
	return rc != 0 ? -1 : audit_change_record(ot, mark, cause);
}

/* What keeping a value does beside setting it, as the command that sets
 * it does: a family's level or status settles its episodes. */
static int
conflict_kept(struct oneteam *ot, const struct conflict *c, char **cause)
{
	if (strcmp(c->etype, "family") == 0 && (strcmp(c->field, "level") ==
	    0 || strcmp(c->field, "status") == 0))
		return family_kept(ot, &c->entity, c->field, cause);
	return 0;
}

int
conflict_resolve(struct oneteam *ot, const char *ref, const char *field,
    size_t take, const char *value, const char *expect, char **cause)
{
	struct find	 f;
	struct val	 v;
	int64_t		 mark;
	char		*text = NULL, *clean = NULL;
	int		 rc = -1;

	memset(&f, 0, sizeof f);
	f.ref = ref;
	f.field = field;
	/* Read and set in one transaction: the heads set aside are the
	 * ones chosen from, whatever an import does meanwhile. */
	if (store_begin(ot->st, cause) != 0)
		return -1;
	if (conflict_list(ot, conflict_match, &f, cause) < 0)
		goto out;
	if (f.n == 0) {
		oneteam_refuse(ot, cause, "no conflict on %s of %s (see "
		    "oneteam conflicts list)", field, ref);
		store_set_fault(ot->st, STORE_ENOTFOUND);
		goto out;
	}
	if (f.n > 1) {
		oneteam_refuse(ot, cause, "more than one record is %s: give "
		    "more of its reference", ref);
		goto out;
	}
	if (authority_secret(f.found.etype, field)) {
		conflict_secret(ot, &f.found, cause);
		goto out;
	}
	if (conflict_of_versions(&f.found) || conflict_of_episodes(&f.found) ||
	    conflict_of_moves(&f.found)) {
		rc = conflict_keep_way(ot, &f.found, ref, take, value, expect,
		    cause);
		goto done_tx;
	}
	if (value != NULL) {
		if (conflict_merge(ot, &f.found, ref, value, &clean,
		    cause) != 0)
			goto out;
		v = clean != NULL ? val_text(clean) : val_null();
	} else if (take < 1 || take > f.found.nvalues) {
		oneteam_refuse(ot, cause, "there are %zu values of %s of %s: "
		    "take one from 1 to %zu", f.found.nvalues, field, ref,
		    f.found.nvalues);
		goto out;
	} else if (expect != NULL &&
	    strcmp(f.found.values[take - 1].value != NULL ?
	    f.found.values[take - 1].value : "", expect) != 0) {
		oneteam_refuse(ot, cause, "the values of %s of %s changed "
		    "since they were shown (an import?): look again", field,
		    ref);
		goto out;
	} else if (conflict_head(ot, &f.found, take, &v, &text) != 1) {
		oneteam_db_fail(ot, cause);
		goto out;
	}
	/* Keeping a value is setting it: the rule of whoever sets it. */
	if (authority_may_set(ot, f.found.etype, &f.found.entity, field,
	    value != NULL ? clean : f.found.values[take - 1].value,
	    cause) != 0)
		goto out;
	if (audit_change_mark(ot, &mark, cause) != 0 ||
	    store_set(ot->st, f.found.etype, &f.found.entity, field, &v,
	    cause) != 0 || conflict_kept(ot, &f.found, cause) != 0 ||
	    audit_change_record(ot, mark, cause) != 0)
		goto out;
	rc = 0;
done_tx:
	if (rc == 0)
		rc = store_commit(ot->st, cause);
	else
		store_rollback(ot->st);
	goto done;
out:
	store_rollback(ot->st);
done:
	free(text);
	free(clean);
	conflict_clear(&f.found);
	return rc;
}

/*
 * The conflicts of a family's own fields and those of its records: the
 * records of each kind that has registers and a column naming its
 * family, by index. Built from the registry's constant names, once.
 */
static const char *
conflict_family_sql(void)
{
	static char		*sql;
	const struct kind	*k;
	char			*in = NULL, *one, *t;
	size_t			 i;

	if (sql != NULL)
		return sql;
	for (i = 0; i < kinds_count(); i++) {
		k = kinds_at(i);
		if (k->append_only || k->family_column == NULL)
			continue;
		one = strcmp(k->family_column, "id") == 0 ?
		    xstrdup("SELECT ?1") : xconcat("SELECT id FROM ", k->etype,
		    " WHERE ", k->family_column, " = ?1", NULL);
		t = in == NULL ? xstrdup(one) : xconcat(in, " UNION ALL ", one,
		    NULL);
		free(one);
		free(in);
		in = t;
	}
	/* And its contacts corrected apart (CONFLICT_VERSIONS, by the
	 * family's contacts, not every corrected one's), its episodes
	 * (CONFLICT_EPISODES) and referrals (CONFLICT_MOVES). */
	sql = xconcat("SELECT (SELECT count(*) FROM (SELECT 1 FROM reg WHERE "
	    "entity IN (", in, ") GROUP BY entity, field HAVING "
	    CONFLICT_VALUES " > 1)) + (SELECT count(*) FROM (SELECT 1 FROM "
	    "contact INDEXED BY contact_family WHERE family = ?1 AND current "
	    "AND corrects IS NOT NULL GROUP BY contact HAVING count(*) > 1)) "
	    "+ (SELECT count(*) FROM family WHERE id = ?1 AND "
	    CONFLICT_EPISODES ") + (SELECT count(*) FROM referral WHERE "
	    "family = ?1 AND " CONFLICT_MOVES ")", NULL);
	free(in);
	return sql;
}

int
conflict_family_count(struct oneteam *ot, const struct id *family,
    char **cause)
{
	struct query	*q;
	int64_t		 n;

	q = query_prepare(ot->st, conflict_family_sql());
	query_bind_id(q, 1, family);
	if ((n = query_count(q)) < 0)
		return oneteam_db_fail(ot, cause);
	return (int)n;
}

int
conflict_on(struct oneteam *ot, const struct id *entity, const char *field,
    char **cause)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "SELECT 1 FROM reg WHERE entity = ?1 AND "
	    "field = ?2 GROUP BY field HAVING " CONFLICT_VALUES " > 1");
	query_bind_id(q, 1, entity);
	query_bind_text(q, 2, field);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : rc;
}
