/*
 * Unit tests for audit.c: entries chain, each holding the hash of the one
 * before; verify passes a clean trail and finds an entry edited or
 * deleted (in the middle, and at the end) behind oneteam's back with
 * sqlite3; two sites' chains are walked apart; sign-ins, failed ones and
 * attempts while waiting are recorded, without the passphrase; the lists
 * come newest first, the break-glass entries alone and since a moment;
 * each change is an entry naming its family and what it added or set;
 * a view of a family, by which its records are read, comes only with its
 * entry, and reads for whoever opened it alone.
 * Each test has a fresh fixture: Amira Khan at work, Tom Brennan, the
 * Khan family, the clock at 2026-03-12 09:30.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "oneteam/access.h"
#include "oneteam/audit.h"
#include "oneteam/date.h"
#include "oneteam/family.h"
#include "oneteam/person.h"
#include "oneteam/signin.h"
#include "oneteam/staff.h"
#include "oneteam/store.h"
#include "oneteam/xmalloc.h"

#define TOM_PASS	"kettle on by nine"
#define MINUTE		INT64_C(60000)

/* Record n views of the family, a minute apart. */
static void
views(struct oneteam *ot, const struct id *family, int n)
{
	char	*cause = NULL;
	int	 i;

	for (i = 0; i < n; i++) {
		ot->now += MINUTE;
		assert_ok(audit_record(ot, AUDIT_VIEW, family, "family show",
		    &cause), cause);
	}
}

/* What verify said: the problems, one a line, in *said (freed by the
 * caller); returns their number. */
static void
collect(const char *problem, void *arg)
{
	char	**said = arg, *more;

	more = xprintf("%s%s\n", *said != NULL ? *said : "", problem);
	free(*said);
	*said = more;
}

static int
verify(struct fixture *fx, struct audit_tally *t, char **said)
{
	char	*cause = NULL;
	int	 n;

	*said = NULL;
	n = audit_verify(&fx->ot, collect, said, t, &cause);
	if (n < 0)
		fail_msg("verify: %s", cause);
	return n;
}

/* How many entries the trail holds: the fixture's changes make some. */
static int64_t
entries(struct fixture *fx)
{
	struct query	*q;

	q = query_prepare(fx->ot.st, "SELECT count(*) FROM audit");
	return query_count(q);
}

/* Run SQL on the database file behind oneteam's back. */
static void
tamper(struct fixture *fx, const char *sql)
{
	sqlite3	*db;

	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void
test_chain(void **state)
{
	struct fixture		*fx = *state;
	struct audit_tally	 t;
	struct query		*q;
	char			*said, prev[AUDIT_HASH_HEX] = "";
	int64_t			 seq = 0, before = entries(fx);

	views(&fx->ot, &fx->family, 3);
	q = query_prepare(fx->ot.st, "SELECT seq, prev, hash, site FROM audit "
	    "ORDER BY seq");
	while (query_step(q) == 1) {
		struct id site = query_id(q, 3);

		assert_int_equal(query_int(q, 0), ++seq);
		assert_string_equal(query_text(q, 1), prev);
		assert_int_equal(strlen(query_text(q, 2)), 64);
		assert_string_not_equal(query_text(q, 2), prev);
		assert_int_equal(id_cmp(&site, store_site(fx->ot.st)), 0);
		snprintf(prev, sizeof prev, "%s", query_text(q, 2));
	}
	query_done(q);
	assert_int_equal(seq, before + 3);
	assert_int_equal(verify(fx, &t, &said), 0);
	assert_null(said);
	assert_int_equal(t.entries, before + 3);
	assert_int_equal(t.sites, 1);
}

/* Recorded inside a change, an entry is part of it: undone with it. */
static void
test_joins_change(void **state)
{
	struct fixture	*fx = *state;
	char		*cause = NULL;
	int64_t		 before = entries(fx);

	assert_ok(store_begin(fx->ot.st, &cause), cause);
	assert_ok(audit_record(&fx->ot, AUDIT_EXPORT, &fx->family, NULL,
	    &cause), cause);
	store_rollback(fx->ot.st);
	assert_int_equal(entries(fx), before);
}

static void
test_edited(void **state)
{
	struct fixture	*fx = *state;
	char		*said;

	views(&fx->ot, &fx->family, 3);
	tamper(fx, "UPDATE audit SET detail = 'nothing to see' WHERE seq = 2");
	assert_int_equal(verify(fx, NULL, &said), 1);
	assert_non_null(strstr(said, "entry 2 was edited"));
	free(said);
}

/* Edited and hashed again: the next entry no longer follows it. */
static void
test_edited_rehashed(void **state)
{
	struct fixture	*fx = *state;
	char		*said;

	views(&fx->ot, &fx->family, 3);
	tamper(fx, "UPDATE audit SET hash = (SELECT hash FROM audit WHERE "
	    "seq = 1) WHERE seq = 2");
	assert_int_equal(verify(fx, NULL, &said), 2);
	assert_non_null(strstr(said, "entry 2 was edited"));
	assert_non_null(strstr(said, "entry 3 does not follow entry 2"));
	free(said);
}

static void
test_deleted(void **state)
{
	struct fixture	*fx = *state;
	char		*said;

	views(&fx->ot, &fx->family, 4);
	tamper(fx, "DELETE FROM audit WHERE seq = 2");
	assert_true(verify(fx, NULL, &said) >= 1);
	assert_non_null(strstr(said, "entry 2 is missing: it was deleted"));
	free(said);
}

/* The last entry deleted leaves a whole chain; the change log tells. */
static void
test_deleted_last(void **state)
{
	struct fixture	*fx = *state;
	char		*said;

	views(&fx->ot, &fx->family, 3);
	tamper(fx, "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM "
	    "audit)");
	assert_int_equal(verify(fx, NULL, &said), 1);
	assert_non_null(strstr(said, "1 entry in the change log is not in "
	    "the trail"));
	free(said);
}

/* Copy every audit entry site b made into site a, as a bundle would. */
static void
copy_entries(struct oneteam *b, struct oneteam *a)
{
	struct query	*q;
	const void	*enc;
	size_t		 len;
	char		*cause = NULL;

	assert_ok(store_begin(a->st, &cause), cause);
	q = query_prepare(b->st, "SELECT enc FROM op WHERE etype = 'audit' "
	    "ORDER BY seq");
	while (query_step(q) == 1) {
		enc = query_blob(q, 0, &len);
		assert_int_equal(store_apply(a->st, enc, len, &cause), 1);
	}
	query_done(q);
	assert_ok(store_commit(a->st, &cause), cause);
}

static void
test_two_sites(void **state)
{
	struct fixture		*fx = *state;
	struct audit_tally	 t;
	struct oneteam		 b;
	struct query		*q;
	char			*path, *cause = NULL, *said, b32[27];
	int64_t			 before = entries(fx);

	path = xprintf("%s/b.db", fx->dir);
	assert_ok(oneteam_open(&b, NULL, path, STORE_CREATE, &cause), cause);
	views(&b, &fx->family, 2);
	views(&fx->ot, &fx->family, 1);
	copy_entries(&b, &fx->ot);
	views(&fx->ot, &fx->family, 1);
	id_base32(store_site(b.st), b32);
	b32[8] = '\0';
	oneteam_close(&b);
	unlink(path);
	free(path);

	/* Each site numbers its own from 1. */
	q = query_prepare(fx->ot.st, "SELECT count(*) FROM audit WHERE "
	    "seq = 1");
	assert_int_equal(query_count(q), 2);
	assert_int_equal(verify(fx, &t, &said), 0);
	assert_int_equal(t.entries, before + 4);
	assert_int_equal(t.sites, 2);

	/* An edit of the other site's entry names that site. */
	tamper(fx, "UPDATE audit SET at = at + 1 WHERE seq = 2 AND site != "
	    "(SELECT site FROM local)");
	assert_int_equal(verify(fx, &t, &said), 1);
	assert_non_null(strstr(said, b32));
	assert_non_null(strstr(said, "entry 2 was edited"));
	free(said);
}

static int
count_entry(const struct audit_entry *e, void *arg)
{
	char	**s = arg, *more;

	more = xprintf("%s%s %s %s|", *s != NULL ? *s : "", e->what,
	    e->who_name, e->detail);
	free(*s);
	*s = more;
	return 0;
}

static void
test_signin(void **state)
{
	struct fixture	*fx = *state;
	struct query	*q;
	char		*cause = NULL, *list = NULL, *said;
	int64_t		 wait;
	int		 i;

	assert_ok(signin_set(&fx->ot, &fx->tom, TOM_PASS, strlen(TOM_PASS),
	    &cause), cause);
	assert_int_equal(signin_check(&fx->ot, &fx->tom, "kettle on by ten",
	    strlen("kettle on by ten"), &wait, &cause), -1);
	free(cause);
	cause = NULL;
	fx->ot.now += MINUTE;
	assert_ok(signin_check(&fx->ot, &fx->tom, TOM_PASS, strlen(TOM_PASS),
	    &wait, &cause), cause);
	/* Amira is at work; the entries are Tom's. */
	assert_ok(audit_by(&fx->ot, &fx->tom, 0, count_entry, &list, &cause),
	    cause);
	assert_string_equal(list, "signin Tom Brennan by passphrase|"
	    "signin_failed Tom "
	    "Brennan wrong passphrase (1 in a row)|");
	free(list);
	/* Five wrong make Tom wait; an attempt while waiting is one too. */
	for (i = 0; i < SIGNIN_TRIES + 1; i++) {
		assert_int_equal(signin_check(&fx->ot, &fx->tom,
		    "not it at all", 13, &wait, &cause), -1);
		free(cause);
		cause = NULL;
	}
	q = query_prepare(fx->ot.st, "SELECT count(*) FROM audit WHERE "
	    "what = 'signin_failed' AND detail LIKE 'tried while waiting%'");
	assert_int_equal(query_count(q), 1);
	q = query_prepare(fx->ot.st, "SELECT count(*) FROM audit WHERE "
	    "what = 'signin_failed'");
	assert_int_equal(query_count(q), SIGNIN_TRIES + 2);
	assert_int_equal(verify(fx, NULL, &said), 0);
	tamper(fx, "PRAGMA wal_checkpoint(TRUNCATE)");
	assert_false(fixture_file_holds(fx->db, TOM_PASS));
	assert_false(fixture_file_holds(fx->db, "kettle on by ten"));
}

/* Each change is an entry of its family, in the change's transaction;
 * a refused change leaves none. */
static void
test_changes(void **state)
{
	struct fixture		*fx = *state;
	struct person_new	 pn = { .name = "Zara Khan",
				    .relationship = "child" };
	struct query		*q;
	char			*cause = NULL;
	int64_t			 before;

	fx->ot.now += MINUTE;
	assert_ok(person_add(&fx->ot, &fx->family, &pn, NULL, &cause),
	    cause);
	q = query_prepare(fx->ot.st, "SELECT count(*) FROM audit WHERE "
	    "what = 'change' AND family = ?1 AND detail = 'new person' AND "
	    "who = ?2 AND at = ?3");
	query_bind_id(q, 1, &fx->family);
	query_bind_id(q, 2, &fx->amira);
	query_bind_int(q, 3, fx->ot.now);
	assert_int_equal(query_count(q), 1);
	before = entries(fx);
	pn.name = "";
	assert_int_equal(person_add(&fx->ot, &fx->family, &pn, NULL, &cause),
	    -1);
	free(cause);
	assert_int_equal(entries(fx), before);
	/* A member of staff is a record of no family: named in the entry. */
	assert_ok(staff_disable(&fx->ot, &fx->tom, &cause), cause);
	q = query_prepare(fx->ot.st, "SELECT count(*) FROM audit WHERE "
	    "what = 'change' AND family IS NULL AND detail = "
	    "'staff Tom Brennan: active'");
	assert_int_equal(query_count(q), 1);
	assert_int_equal(verify(fx, NULL, &cause), 0);
}

static void
test_lists(void **state)
{
	struct fixture	*fx = *state;
	char		*cause = NULL, *list = NULL;
	int64_t		 since;

	views(&fx->ot, &fx->family, 1);
	since = fx->ot.now + MINUTE;
	fx->ot.me = fx->tom;
	views(&fx->ot, &fx->family, 1);
	fx->ot.now += MINUTE;
	assert_ok(audit_record(&fx->ot, AUDIT_BUNDLE_EXPORT, NULL, "b.otb",
	    &cause), cause);
	fx->ot.me = fx->amira;
	views(&fx->ot, &fx->family, 1);

	assert_ok(audit_who_viewed(&fx->ot, &fx->family, count_entry, &list,
	    &cause), cause);
	/* The family's making is on the trail too, as a change. */
	assert_string_equal(list, "view Amira Khan family show|view Tom "
	    "Brennan family show|view Amira Khan family show|change Amira "
	    "Khan new family, new episode|");
	free(list);
	list = NULL;
	assert_ok(audit_by(&fx->ot, &fx->amira, since, count_entry, &list,
	    &cause), cause);
	assert_string_equal(list, "view Amira Khan family show|");
	free(list);
	list = NULL;
	assert_ok(audit_by(&fx->ot, &fx->tom, 0, count_entry, &list,
	    &cause), cause);
	assert_string_equal(list, "bundle_export Tom Brennan b.otb|view Tom "
	    "Brennan family show|");
	free(list);
}

/* The glass broken, a minute on, by who (the one at work after). */
static void
glass(struct fixture *fx, const struct id *who, const char *reason)
{
	char	*cause = NULL;

	fx->ot.now += MINUTE;
	fx->ot.me = *who;
	assert_ok(access_break_glass(&fx->ot, &fx->family, reason, &cause),
	    cause);
}

/* Only break-glass entries, newest first, since the bound, to the limit;
 * a view (even with the same detail) or a change is never one. */
static void
test_of_kind(void **state)
{
	struct fixture	*fx = *state;
	char		*cause = NULL, *list = NULL;
	int64_t		 since;

	views(&fx->ot, &fx->family, 1);
	glass(fx, &fx->tom, "Mum asked at the hub");
	fx->ot.now += MINUTE;
	assert_ok(audit_record(&fx->ot, AUDIT_VIEW, &fx->family, "not glass",
	    &cause), cause);
	since = fx->ot.now + MINUTE;
	glass(fx, &fx->amira, "Strategy meeting at noon");
	fx->ot.now += MINUTE;
	assert_ok(audit_record(&fx->ot, AUDIT_CHANGE, &fx->family, NULL,
	    &cause), cause);
	glass(fx, &fx->tom, "School rang about the baby");

	/* Tom, a practitioner, reads only his own; Amira reads them all. */
	assert_int_equal(audit_of_kind(&fx->ot, AUDIT_BREAK_GLASS, 0, 0,
	    count_entry, &list, &cause), -1);
	assert_non_null(strstr(cause, "only a coordinator or an "
	    "administrator"));
	free(cause);
	cause = NULL;
	assert_int_equal(audit_who_viewed(&fx->ot, &fx->family, count_entry,
	    &list, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(audit_by(&fx->ot, &fx->amira, 0, count_entry, &list,
	    &cause), -1);
	free(cause);
	cause = NULL;
	assert_null(list);
	assert_ok(audit_by(&fx->ot, &fx->tom, since, count_entry, &list,
	    &cause), cause);
	assert_string_equal(list, "break_glass Tom Brennan School rang about "
	    "the baby|");
	free(list);
	list = NULL;
	fx->ot.me = fx->amira;
	assert_ok(audit_of_kind(&fx->ot, AUDIT_BREAK_GLASS, 0, 0, count_entry,
	    &list, &cause), cause);
	assert_string_equal(list, "break_glass Tom Brennan School rang about "
	    "the baby|break_glass Amira Khan Strategy meeting at noon|"
	    "break_glass Tom Brennan Mum asked at the hub|");
	free(list);
	list = NULL;
	assert_ok(audit_of_kind(&fx->ot, AUDIT_BREAK_GLASS, since, 0,
	    count_entry, &list, &cause), cause);
	assert_string_equal(list, "break_glass Tom Brennan School rang about "
	    "the baby|break_glass Amira Khan Strategy meeting at noon|");
	free(list);
	list = NULL;
	/* The bound is inclusive: an entry at the very moment is listed. */
	assert_ok(audit_of_kind(&fx->ot, AUDIT_BREAK_GLASS, fx->ot.now, 0,
	    count_entry, &list, &cause), cause);
	assert_string_equal(list, "break_glass Tom Brennan School rang about "
	    "the baby|");
	free(list);
	list = NULL;
	assert_ok(audit_of_kind(&fx->ot, AUDIT_BREAK_GLASS, 0, 2, count_entry,
	    &list, &cause), cause);
	assert_string_equal(list, "break_glass Tom Brennan School rang about "
	    "the baby|break_glass Amira Khan Strategy meeting at noon|");
	free(list);
	list = NULL;
	assert_ok(audit_of_kind(&fx->ot, AUDIT_BREAK_GLASS, fx->ot.now + 1, 0,
	    count_entry, &list, &cause), cause);
	assert_null(list);
	assert_ok(audit_of_kind(&fx->ot, AUDIT_VIEW, 0, 0, count_entry, &list,
	    &cause), cause);
	assert_string_equal(list, "view Tom Brennan not glass|view Amira "
	    "Khan family show|");
	free(list);
}

/*
 * The view by which a family's records are read comes only with its
 * entry: after access_view() the look is on the trail and the view reads
 * the family; outside one's work and without a reason, no view and no
 * entry; with one, the glass broken and the look. A view is of whoever
 * opened it: another at work reads nothing by it.
 */
static void
test_view(void **state)
{
	struct fixture		*fx = *state;
	struct family_view	*v = NULL;
	struct family_new	 fn;
	struct family		 f;
	struct id		 away;
	char			*cause = NULL, *list = NULL;
	int64_t			 n;

	n = entries(fx);
	assert_ok(access_view(&fx->ot, &fx->family, NULL, "a test", &v,
	    &cause), cause);
	assert_non_null(v);
	assert_int_equal(entries(fx), n + 1);
	assert_ok(audit_who_viewed(&fx->ot, &fx->family, count_entry, &list,
	    &cause), cause);
	assert_string_equal(list, "view Amira Khan a test|change Amira Khan "
	    "new family, new episode|");
	free(list);
	list = NULL;
	assert_true(id_cmp(family_view_family(v), &fx->family) == 0);
	assert_ok(family_get(&fx->ot, v, &f, &cause), cause);
	assert_string_equal(f.household, "Khan family");
	family_clear(&f);
	fx->ot.me = fx->tom;
	assert_int_equal(family_get(&fx->ot, v, &f, &cause), -1);
	assert_non_null(strstr(cause, "open it again"));
	free(cause);
	cause = NULL;
	fx->ot.me = fx->amira;
	family_view_close(v);

	/* A family of another locality: Tom does not work with it. */
	memset(&fn, 0, sizeof fn);
	fn.household = "Nowak family";
	fn.locality = "Northgate";
	assert_ok(family_add(&fx->ot, &fn, &away, &cause), cause);
	fx->ot.me = fx->tom;
	n = entries(fx);
	v = NULL;
	assert_int_equal(access_view(&fx->ot, &away, NULL, "a test", &v,
	    &cause), -1);
	assert_non_null(strstr(cause, "say why"));
	free(cause);
	cause = NULL;
	assert_null(v);
	assert_int_equal(entries(fx), n);
	assert_ok(access_view(&fx->ot, &away, "Mum asked at the hub",
	    "a test", &v, &cause), cause);
	assert_non_null(v);
	assert_int_equal(entries(fx), n + 2);
	assert_ok(family_get(&fx->ot, v, &f, &cause), cause);
	assert_string_equal(f.household, "Nowak family");
	family_clear(&f);
	family_view_close(v);
	fx->ot.me = fx->amira;
	assert_ok(audit_who_viewed(&fx->ot, &away, count_entry, &list,
	    &cause), cause);
	assert_string_equal(list, "view Tom Brennan a test|break_glass Tom "
	    "Brennan Mum asked at the hub|change Amira Khan new family, new "
	    "episode|");
	free(list);
}

/* A date alone is from the start of its day; a moment is that moment. */
static void
test_since(void **state)
{
	struct fixture	*fx = *state;
	char		*cause = NULL;
	int64_t		 ms, want;

	assert_ok(time_parse("2026-03-10 00:00", fx->ot.now, &want, &cause),
	    cause);
	assert_ok(audit_since(&fx->ot, "10/3", &ms, &cause), cause);
	assert_int_equal(ms, want);
	assert_ok(audit_since(&fx->ot, "-2d", &ms, &cause), cause);
	assert_int_equal(ms, want);
	assert_ok(time_parse("2026-03-10 14:30", fx->ot.now, &want, &cause),
	    cause);
	assert_ok(audit_since(&fx->ot, "2026-03-10 14:30", &ms, &cause),
	    cause);
	assert_int_equal(ms, want);
	assert_int_equal(audit_since(&fx->ot, "next tuesday", &ms, &cause),
	    -1);
	assert_non_null(cause);
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define U(f) cmocka_unit_test_setup_teardown(f, fixture_setup_utf8, \
	    fixture_teardown)
		U(test_chain),
		U(test_joins_change),
		U(test_edited),
		U(test_edited_rehashed),
		U(test_deleted),
		U(test_changes),
		U(test_deleted_last),
		U(test_two_sites),
		U(test_signin),
		U(test_lists),
		U(test_of_kind),
		U(test_view),
		U(test_since),
#undef U
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
