/*
 * Unit tests of the registry of record kinds (kinds.h): that it names each
 * kind once, with a prefix and a label; that it says what the schema holds;
 * and that one record of every kind it lists, with its registers set and
 * in conflict, is folded, checked and repaired. The records are made from
 * the registry itself, so a kind added later is covered with no change
 * here: a kind the fold, check or repair forgot fails this test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "oneteam/kinds.h"
#include "oneteam/store.h"
#include "oneteam/xmalloc.h"

/* The columns every table of records has besides its fields. */
static const char *const base_columns[] = {
	"id", "op", "created", "created_by", "hlc"
};
#define NBASE (sizeof base_columns / sizeof base_columns[0])

/* Two sites, each a store in memory: enough to fold, check, repair. */
struct two {
	struct store	*a;
	struct store	*b;
};

static int
two_setup(void **state)
{
	struct two	*t = xcalloc(1, sizeof *t);
	char		*cause = NULL;

	setenv("ONETEAM_NOW", "2026-03-12T09:30:00Z", 1);
	assert_true(sodium_init() >= 0);
	if ((t->a = store_open(":memory:", STORE_CREATE, "a", &cause)) == NULL ||
	    (t->b = store_open(":memory:", STORE_CREATE, "b", &cause)) == NULL)
		fail_msg("open: %s", cause);
	*state = t;
	return 0;
}

static int
two_teardown(void **state)
{
	struct two	*t = *state;

	store_close(t->a);
	store_close(t->b);
	free(t);
	return 0;
}

/* Every kind has a name, a prefix and a label, each kind's its own. */
static void
test_names(void **state)
{
	const struct kind	*k, *o;
	size_t			 i, j, n = kinds_count();

	(void)state;
	assert_true(n > 0);
	assert_null(kinds_at(n));
	assert_null(kinds_get("no such kind"));
	for (i = 0; i < n; i++) {
		k = kinds_at(i);
		assert_non_null(k->etype);
		assert_non_null(k->prefix);
		assert_non_null(k->label);
		assert_true(*k->etype != '\0' && *k->prefix != '\0' &&
		    *k->label != '\0');
		assert_ptr_equal(kinds_get(k->etype), k);
		assert_int_equal(kinds_index(k), i);
		for (j = 0; j < i; j++) {
			o = kinds_at(j);
			if (strcmp(o->prefix, k->prefix) == 0)
				fail_msg("%s and %s share the prefix %s",
				    o->etype, k->etype, k->prefix);
			assert_string_not_equal(o->etype, k->etype);
		}
	}
}

/* Is name one of the kind's fields (of type type, unless -1)? */
static int
has_field(const struct kind *k, const char *name, int type)
{
	size_t	i;

	for (i = 0; i < k->nfields; i++)
		if (strcmp(k->fields[i].name, name) == 0)
			return type < 0 || (int)k->fields[i].type == type;
	return 0;
}

/*
 * No field twice; an append-only kind has no register, any other has
 * one; the columns named for a family, a reference and telling records
 * apart are fields.
 */
static void
test_fields(void **state)
{
	const struct kind	*k;
	size_t			 i, j, m, regs;

	(void)state;
	for (i = 0; i < kinds_count(); i++) {
		k = kinds_at(i);
		assert_true(k->nfields > 0);
		for (j = regs = 0; j < k->nfields; j++) {
			regs += k->fields[j].reg != 0;
			for (m = 0; m < j; m++)
				if (strcmp(k->fields[m].name,
				    k->fields[j].name) == 0)
					fail_msg("%s has %s twice", k->etype,
					    k->fields[j].name);
		}
		if (k->append_only != (regs == 0))
			fail_msg("%s: append-only is %d with %zu registers",
			    k->etype, k->append_only, regs);
		if (k->family_column != NULL &&
		    strcmp(k->family_column, "id") != 0)
			assert_true(has_field(k, k->family_column, KIND_ID));
		if (k->family_column != NULL)
			assert_non_null(k->family);
		if (k->ref_column != NULL)
			assert_true(has_field(k, k->ref_column, KIND_ID));
		if (k->tell != NULL)
			assert_true(has_field(k, k->tell, -1));
	}
}

/* Is name a column the registry gives kind k's table? */
static int
registered(const struct kind *k, const char *name)
{
	size_t	i;

	for (i = 0; i < NBASE; i++)
		if (strcmp(base_columns[i], name) == 0)
			return 1;
	for (i = 0; k->derived[i] != NULL; i++)
		if (strcmp(k->derived[i], name) == 0)
			return 1;
	return has_field(k, name, -1);
}

/* How many columns kind k's table has, each one the registry gives it. */
static size_t
table_columns(struct store *st, const struct kind *k)
{
	struct query	*q;
	size_t		 n = 0;

	q = query_prepare(st, "SELECT name FROM pragma_table_info(?1)");
	query_bind_text(q, 1, k->etype);
	while (query_step(q) == 1) {
		if (!registered(k, query_text(q, 0)))
			fail_msg("%s.%s is not in the registry", k->etype,
			    query_text(q, 0));
		n++;
	}
	query_done(q);
	return n;
}

/*
 * The registry says what the schema holds: each kind's table has its
 * fields and derived columns and no other, and every table of records
 * (an id, the operation that made it, its clock) is a kind's.
 */
static void
test_schema(void **state)
{
	struct two		*t = *state;
	const struct kind	*k;
	struct query		*q;
	size_t			 i, n;

	for (i = 0; i < kinds_count(); i++) {
		k = kinds_at(i);
		for (n = 0; k->derived[n] != NULL; n++)
			;
		assert_int_equal(table_columns(t->a, k),
		    NBASE + k->nfields + n);
	}
	q = query_prepare(t->a, "SELECT name FROM sqlite_schema s WHERE "
	    "type = 'table' AND (SELECT count(*) FROM "
	    "pragma_table_info(s.name) WHERE name IN ('id', 'op', "
	    "'created_by', 'hlc')) = 4");
	while (query_step(q) == 1)
		if (kinds_get(query_text(q, 0)) == NULL)
			fail_msg("table %s is of no kind", query_text(q, 0));
	query_done(q);
}

/* A value of the field's type: text, a number, or an id from ids. */
static struct val
value_of(const struct kind_field *f, const char *text, int64_t i,
    const struct id *id)
{
	switch (f->type) {
	case KIND_TEXT:
		return val_text(text);
	case KIND_INT:
		return val_int(i);
	case KIND_ID:
		break;
	}
	return val_id(id);
}

/*
 * One record of each kind, every field given: an id field names the
 * record made of the kind of its name (a person's family, an event's
 * referral), if there is one, else an id of its own.
 */
static void
make_all(struct store *st, struct id *made)
{
	const struct kind	*k, *of;
	struct field		*f;
	struct id		 other;
	char			*cause = NULL;
	size_t			 i, j;

	for (i = 0; i < kinds_count(); i++) {
		k = kinds_at(i);
		f = xcalloc(k->nfields, sizeof *f);
		for (j = 0; j < k->nfields; j++) {
			of = kinds_get(k->fields[j].name);
			if (of != NULL && kinds_index(of) < i)
				other = made[kinds_index(of)];
			else
				id_random(&other);
			f[j].name = k->fields[j].name;
			f[j].v = value_of(&k->fields[j], k->etype,
			    (int64_t)j + 1, &other);
		}
		assert_int_equal(store_begin(st, &cause), 0);
		if (store_new(st, k->etype, f, k->nfields, &made[i],
		    &cause) != 0)
			fail_msg("new %s: %s", k->etype, cause);
		assert_int_equal(store_commit(st, &cause), 0);
		free(f);
	}
}

/* Set the first register of each kind that has one, to v or n. */
static void
set_all(struct store *st, const struct id *made, const char *v, int64_t n)
{
	const struct kind	*k;
	struct val		 val;
	struct id		 id;
	char			*cause = NULL;
	size_t			 i, j;

	assert_int_equal(store_begin(st, &cause), 0);
	for (i = 0; i < kinds_count(); i++) {
		k = kinds_at(i);
		for (j = 0; j < k->nfields && !k->fields[j].reg; j++)
			;
		if (j == k->nfields)
			continue;
		id_random(&id);
		val = value_of(&k->fields[j], v, n, &id);
		if (store_set(st, k->etype, &made[i], k->fields[j].name, &val,
		    &cause) != 0)
			fail_msg("set %s.%s: %s", k->etype, k->fields[j].name,
			    cause);
	}
	assert_int_equal(store_commit(st, &cause), 0);
}

/* Copy every operation of from to to. */
static void
exchange(struct store *from, struct store *to)
{
	struct query	*q;
	const void	*enc;
	size_t		 len;
	char		*cause = NULL;

	assert_int_equal(store_begin(to, &cause), 0);
	q = query_prepare(from, "SELECT enc FROM op ORDER BY rowid");
	while (query_step(q) == 1) {
		enc = query_blob(q, 0, &len);
		if (store_apply(to, enc, len, &cause) < 0)
			fail_msg("apply: %s", cause);
	}
	query_done(q);
	assert_int_equal(store_commit(to, &cause), 0);
}

static void
report(const char *problem, void *arg)
{
	(void)arg;
	print_message("# problem: %s\n", problem);
}

/* Check finds nothing, repair keeps the state, check finds nothing. */
static void
check_repair(struct store *st, uint8_t hash[32])
{
	uint8_t	 after[32];
	char	*cause = NULL;

	assert_int_equal(store_check(st, report, NULL, &cause), 0);
	assert_int_equal(store_state_hash(st, hash, &cause), 0);
	if (store_repair(st, &cause) != 0)
		fail_msg("repair: %s", cause);
	assert_int_equal(store_check(st, report, NULL, &cause), 0);
	assert_int_equal(store_state_hash(st, after, &cause), 0);
	assert_memory_equal(hash, after, 32);
}

/*
 * One record of every kind, its registers set, then set apart at two
 * sites: a conflict on each. Both check whole, repair to the same state.
 */
static void
test_every_kind(void **state)
{
	struct two		*t = *state;
	struct id		*made;
	struct query		*q;
	uint8_t			 ha[32], hb[32];
	size_t			 i, regs = 0;

	made = xcalloc(kinds_count(), sizeof *made);
	make_all(t->a, made);
	set_all(t->a, made, "set", 100);
	exchange(t->a, t->b);
	set_all(t->a, made, "at a", 200);
	set_all(t->b, made, "at b", 300);
	exchange(t->a, t->b);
	exchange(t->b, t->a);
	for (i = 0; i < kinds_count(); i++)
		regs += !kinds_at(i)->append_only;
	q = query_prepare(t->a, "SELECT count(*) FROM (SELECT 1 FROM reg "
	    "GROUP BY entity, field HAVING count(*) > 1)");
	assert_int_equal(query_count(q), (int64_t)regs);
	for (i = 0; i < kinds_count(); i++) {
		q = query_prepare(t->a, "SELECT count(*) FROM op WHERE "
		    "etype = ?1");
		query_bind_text(q, 1, kinds_at(i)->etype);
		assert_true(query_count(q) >= 1);
	}
	check_repair(t->a, ha);
	check_repair(t->b, hb);
	assert_memory_equal(ha, hb, 32);
	free(made);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_fields),
		cmocka_unit_test_setup_teardown(test_schema, two_setup,
		    two_teardown),
		cmocka_unit_test_setup_teardown(test_every_kind, two_setup,
		    two_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
