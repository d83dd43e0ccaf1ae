/*
 * Unit tests of families (steps, episodes, closing and reopening, needs,
 * lead, the lists), search and the chronology, through the core API.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "oneteam/chronology.h"
#include "oneteam/contact.h"
#include "oneteam/family.h"
#include "oneteam/search.h"
#include "oneteam/xmalloc.h"
#include "read-private.h"

static int64_t
count(struct fixture *fx, const char *sql, const struct id *id)
{
	struct query	*q = query_prepare(fx->ot.st, sql);

	query_bind_id(q, 1, id);
	return query_count(q);
}

/* A change that must be refused, leaving the database as it was. */
static void
refused(struct fixture *fx, const struct family_change *c, const char *words)
{
	unsigned char	 before[32], after[32];
	char		*cause = NULL;

	fixture_hash(fx, before);
	assert_int_equal(family_change(&fx->ot, &fx->family, c, &cause), -1);
	assert_non_null(cause);
	if (strstr(cause, words) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", cause, words);
	free(cause);
	fixture_hash(fx, after);
	assert_memory_equal(before, after, 32);
}

static void
test_step_up_closes_episode(void **state)
{
	struct fixture		*fx = *state;
	struct family_change	 c;
	struct family		 f;
	char			*cause = NULL;

	memset(&c, 0, sizeof c);
	c.level = "4";
	refused(fx, &c, "reason");
	c.reason = "Disclosure at school";
	assert_int_equal(family_change(&fx->ot, &fx->family, &c, &cause), 0);
	assert_int_equal(family_get_core(&fx->ot, &fx->family, &f, &cause),
	    0);
	assert_int_equal(f.level, 4);
	family_clear(&f);
	assert_int_equal(count(fx, "SELECT count(*) FROM step WHERE family = "
	    "?1 AND direction = 'up' AND from_level = 2", &fx->family), 1);
	assert_int_equal(count(fx, "SELECT count(*) FROM episode WHERE "
	    "family = ?1 AND closed IS NOT NULL AND end_reason = 'stepped_up'",
	    &fx->family), 1);
	/* Stepping down from social care opens early help again. */
	c.level = "3";
	c.reason = "Child in need plan ended";
	assert_int_equal(family_change(&fx->ot, &fx->family, &c, &cause), 0);
	assert_int_equal(count(fx, "SELECT count(*) FROM episode WHERE "
	    "family = ?1 AND closed IS NULL", &fx->family), 1);
}

static void
test_close_and_reopen(void **state)
{
	struct fixture		*fx = *state;
	struct family_change	 c;
	char			*cause = NULL;

	memset(&c, 0, sizeof c);
	c.status = "closed";
	refused(fx, &c, "needs the reason it ends");
	c.end_reason = "moved to the moon";
	refused(fx, &c, "not known");
	c.end_reason = "outcomes met";
	assert_int_equal(family_change(&fx->ot, &fx->family, &c, &cause), 0);
	refused(fx, &c, "closed already");
	memset(&c, 0, sizeof c);
	c.status = "open";
	c.reason = "re_referral";
	assert_int_equal(family_change(&fx->ot, &fx->family, &c, &cause), 0);
	assert_int_equal(count(fx, "SELECT count(*) FROM episode WHERE "
	    "family = ?1", &fx->family), 2);
	memset(&c, 0, sizeof c);
	c.end_reason = "outcomes_met";
	refused(fx, &c, "goes with closing");
	c.end_reason = NULL;
	c.reason = "because";
	refused(fx, &c, "goes with a change of level");
}

static void
test_fields(void **state)
{
	struct fixture		*fx = *state;
	struct family_change	 c;
	struct family		 f;
	char			*cause = NULL;

	memset(&c, 0, sizeof c);
	c.needs = "secure housing, health, Secure housing";
	c.lead = "tom";
	c.next_review = "+14d";
	c.postcode = "e6 2ab";
	assert_int_equal(family_change(&fx->ot, &fx->family, &c, &cause), 0);
	assert_int_equal(family_get_core(&fx->ot, &fx->family, &f, &cause),
	    0);
	assert_string_equal(f.needs, "health,secure_housing");
	assert_string_equal(f.lead_name, "Tom Brennan");
	assert_string_equal(f.next_review, "2026-03-26");
	assert_string_equal(f.postcode, "E6 2AB");
	assert_string_equal(f.locality_name, "Riverside");
	family_clear(&f);
	memset(&c, 0, sizeof c);
	c.lead = "";
	assert_int_equal(family_change(&fx->ot, &fx->family, &c, &cause), 0);
	assert_int_equal(family_get_core(&fx->ot, &fx->family, &f, &cause),
	    0);
	assert_true(id_is_zero(&f.lead));
	family_clear(&f);
	memset(&c, 0, sizeof c);
	c.household = "  ";
	refused(fx, &c, "household name is needed");
	c.household = NULL;
	c.lead = "Nobody Here";
	refused(fx, &c, "no member of staff");
	c.lead = NULL;
	c.next_review = "30/2";
	refused(fx, &c, "does not exist");
}

static int
collect(const struct family *f, void *arg)
{
	char	**s = arg, *next;

	xasprintf(&next, "%s%s;", *s, f->household);
	free(*s);
	*s = next;
	return 0;
}

static void
test_lists(void **state)
{
	struct fixture		*fx = *state;
	struct family_new	 fn;
	struct family_change	 c;
	struct id		 other;
	char			*cause = NULL, *s = xstrdup("");

	memset(&fn, 0, sizeof fn);
	fn.household = "Ahmed family";
	fn.lead = "Tom";
	assert_int_equal(family_add(&fx->ot, &fn, &other, &cause), 0);
	assert_int_equal(family_list(&fx->ot, FAMILY_ALL, FAMILY_BY_HOUSEHOLD,
	    0, 0, 0, collect, &s, &cause), 0);
	assert_string_equal(s, "Ahmed family;Khan family;");
	free(s);
	s = xstrdup("");
	assert_int_equal(family_list(&fx->ot, FAMILY_NO_LEAD,
	    FAMILY_BY_HOUSEHOLD, 0, 0, 0, collect, &s, &cause), 0);
	assert_string_equal(s, "Khan family;");
	free(s);
	memset(&c, 0, sizeof c);
	c.status = "closed";
	c.end_reason = "declined";
	assert_int_equal(family_change(&fx->ot, &other, &c, &cause), 0);
	s = xstrdup("");
	assert_int_equal(family_list(&fx->ot, FAMILY_CLOSED,
	    FAMILY_BY_HOUSEHOLD, 0, 0, 0, collect, &s, &cause), 0);
	assert_string_equal(s, "Ahmed family;");
	free(s);
}

static int
hit_count(const struct search_hit *h, void *arg)
{
	(void)h;
	(*(int *)arg)++;
	return 0;
}

static void
test_search_any_text(void **state)
{
	static const char *const junk[] = { "\"", "(", "AND", "OR NOT",
	    "NEAR(", "*", "^", "khan\"", "-", ":", "{}", "\xf0\x9f\x98\x80",
	    "", "   ", "a'b", "x AND", "col:khan" };
	struct fixture	*fx = *state;
	char		*cause = NULL;
	size_t		 i;
	int		 n;

	for (i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		n = 0;
		if (search_families(fx->ot.st, junk[i], 10, NULL, hit_count,
		    &n, &cause) < 0)
			fail_msg("\"%s\" failed: %s", junk[i], cause);
	}
	n = 0;
	assert_int_equal(search_families(fx->ot.st, "kha", 10, NULL,
	    hit_count, &n, &cause), 1);
	n = 0;
	assert_int_equal(search_families(fx->ot.st, "e6 2a", 10, NULL,
	    hit_count, &n, &cause), 1);
	assert_null(search_fts_query("  ,;  "));
}

static int
chron_collect(const struct chron_event *ev, void *arg)
{
	char	**s = arg, *next;

	xasprintf(&next, "%s%s|", *s, ev->what);
	free(*s);
	*s = next;
	return 0;
}

static void
test_chronology_order(void **state)
{
	struct fixture		*fx = *state;
	struct contact_new	 cn;
	struct id		 c;
	char			*cause = NULL, *s = xstrdup("");

	memset(&cn, 0, sizeof cn);
	cn.kind = "phone call";
	cn.summary = "Mum rang about the rent";
	cn.at = "yesterday 10:00";
	assert_int_equal(contact_add(&fx->ot, &fx->family, &cn, &c, &cause),
	    0);
	cn.at = "2/3 14:00";
	cn.kind = "home visit";
	assert_int_equal(contact_add(&fx->ot, &fx->family, &cn, &c, &cause),
	    0);
	assert_int_equal(chronology_core(&fx->ot, &fx->family, 0, NULL,
	    chron_collect, &s, &cause), 0);
	/* Oldest first: the visit on 2 March, the call on 11 March, then
	 * the family's creation recorded on 12 March. */
	assert_string_equal(s, "contact|contact|family|opened|");
	free(s);
}

/* What a filter shows: its classes (data entry folded away), the
 * agency of who recorded each, an unknown agency refused. */
static void
test_chronology_filter(void **state)
{
	struct fixture		*fx = *state;
	struct chron_filter	 cf = { CHRON_EVENTS, NULL };
	struct contact_new	 cn;
	enum chron_class	 cls;
	struct id		 c;
	char			*cause = NULL, *s = xstrdup("");

	memset(&cn, 0, sizeof cn);
	cn.kind = "phone call";
	cn.summary = "Mum rang about the rent";
	cn.at = "yesterday 10:00";
	assert_int_equal(contact_add(&fx->ot, &fx->family, &cn, &c, &cause),
	    0);
	assert_int_equal(chronology_core(&fx->ot, &fx->family, 0, &cf,
	    chron_collect, &s, &cause), 0);
	assert_string_equal(s, "contact|opened|");
	free(s);
	s = xstrdup("");
	cf.classes = 1u << CHRON_RECORD;
	assert_int_equal(chronology_core(&fx->ot, &fx->family, 0, &cf,
	    chron_collect, &s, &cause), 0);
	assert_string_equal(s, "family|");
	free(s);
	s = xstrdup("");
	cf.classes = 0;
	cf.agency = "police";
	assert_int_equal(chronology_core(&fx->ot, &fx->family, 0, &cf,
	    chron_collect, &s, &cause), 0);
	assert_string_equal(s, "");
	cf.agency = "Nowhere";
	assert_int_equal(chronology_core(&fx->ot, &fx->family, 0, &cf,
	    chron_collect, &s, &cause), -1);
	assert_string_equal(fx->ot.fault_field, "agency");
	free(cause);
	free(s);
	assert_int_equal(chron_class_parse("Red flag", &cls), 0);
	assert_int_equal(cls, CHRON_FLAG);
	assert_int_equal(chron_class_parse("banana", &cls), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_step_up_closes_episode,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_close_and_reopen,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_fields, fixture_setup,
		    fixture_teardown),
		cmocka_unit_test_setup_teardown(test_lists, fixture_setup,
		    fixture_teardown),
		cmocka_unit_test_setup_teardown(test_search_any_text,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_chronology_filter,
		    fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_chronology_order,
		    fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
