/*
 * Unit tests for person.c and consent.c: every rule, valid and refused,
 * and that a refused change leaves the database as it was. Each test has
 * a fresh fixture: Amira Khan at work, Tom Brennan, the Khan family, and
 * the clock at 2026-03-12 09:30 UTC.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "oneteam/consent.h"
#include "oneteam/family.h"
#include "oneteam/person.h"
#include "oneteam/store.h"
#include "read-private.h"

#define NOW_MS	INT64_C(1773307800000)	/* 2026-03-12T09:30:00Z */

/* A message is one line with no full stop at the end. */
static void
assert_message(const char *cause)
{
	size_t	len;

	assert_non_null(cause);
	len = strlen(cause);
	assert_true(len > 0);
	assert_null(strchr(cause, '\n'));
	assert_int_not_equal(cause[len - 1], '.');
}

/* rc is a refusal whose message holds want, with the fault given. */
static void
assert_refused(struct fixture *fx, int rc, char *cause, const char *want,
    enum store_fault fault)
{
	assert_int_equal(rc, -1);
	assert_message(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", cause, want);
	assert_int_equal(store_fault(fx->ot.st), fault);
	free(cause);
}

/* Add a person to fx's family or fail the test. */
static struct id
add(struct fixture *fx, const struct id *family, const char *name,
    const char *dob, const char *rel, int markers)
{
	struct person_new	pn;
	struct id		id;
	char			*cause = NULL;

	memset(&pn, 0, sizeof pn);
	pn.name = name;
	pn.dob = dob;
	pn.relationship = rel;
	pn.markers = markers;
	if (person_add(&fx->ot, family != NULL ? family : &fx->family, &pn,
	    &id, &cause) != 0)
		fail_msg("adding %s: %s", name, cause);
	return id;
}

static void
assert_age(const char *dob, const char *want)
{
	char	buf[32];

	person_age(dob, NOW_MS, buf, sizeof buf);
	assert_string_equal(buf, want);
}

static void
test_age(void **state)
{
	(void)state;
	assert_age("1990-04-03", "35 years");
	assert_age("1990-03-12", "36 years");	/* birthday today */
	assert_age("1990-03-13", "35 years");	/* tomorrow */
	assert_age("2024-03-12", "2 years");
	assert_age("2024-03-13", "23 months");
	assert_age("2024-09-12", "18 months");
	assert_age("2026-02-12", "1 month");
	assert_age("2026-02-13", "27 days");
	assert_age("2026-03-11", "1 day");
	assert_age("2026-03-12", "born today");
	assert_age("2026-03-13", "due in 1 day");
	assert_age("2026-03-25", "due in 13 days");
	assert_age("2026-03-26", "due in 2 weeks");
	assert_age("2026-04-23", "due in 6 weeks");
	/* Born on 29 February: a year older from 1 March. */
	assert_age("2008-02-29", "18 years");
	assert_age("2008-03-13", "17 years");
	assert_age(NULL, "");
	assert_age("2026-02-30", "");
	assert_age("soon", "");
}

static void
test_is_child(void **state)
{
	(void)state;
	assert_true(person_is_child("2008-03-13", "mother", NOW_MS));
	assert_false(person_is_child("2008-03-12", "child", NOW_MS));
	assert_true(person_is_child("2026-05-01", NULL, NOW_MS));
	assert_true(person_is_child(NULL, "child", NOW_MS));
	assert_true(person_is_child(NULL, "unborn_baby", NOW_MS));
	assert_false(person_is_child(NULL, "grandparent", NOW_MS));
	assert_false(person_is_child(NULL, NULL, NOW_MS));
}

static void
test_markers(void **state)
{
	char	*s;

	(void)state;
	s = person_markers(PERSON_SEND | PERSON_CP_PLAN, 1, 1);
	assert_string_equal(s, "left the household, SEND, CP plan");
	free(s);
	s = person_markers(PERSON_YOUNG_CARER | PERSON_LOOKED_AFTER, 0, 0);
	assert_string_equal(s, "young_carer,looked_after");
	free(s);
	s = person_markers(0, 0, 1);
	assert_string_equal(s, "");
	free(s);
}

static void
test_add(void **state)
{
	struct fixture		*fx = *state;
	struct person_new	 pn;
	struct person		 p;
	struct id		 id;
	char			*cause = NULL;

	memset(&pn, 0, sizeof pn);
	pn.name = "  Zara Khan ";
	pn.dob = "4/5/2021";
	pn.relationship = "Child";
	pn.school = "Elm Road Primary";
	pn.gp = "Riverside Medical Centre";
	pn.markers = PERSON_SEND | PERSON_YOUNG_CARER;
	assert_int_equal(person_add(&fx->ot, &fx->family, &pn, &id, &cause),
	    0);
	assert_int_equal(person_get_core(&fx->ot, &id, &p, &cause), 0);
	assert_string_equal(p.name, "Zara Khan");
	assert_string_equal(p.dob, "2021-05-04");
	assert_string_equal(p.relationship, "child");
	assert_string_equal(p.school, "Elm Road Primary");
	assert_string_equal(p.gp, "Riverside Medical Centre");
	assert_int_equal(p.markers, PERSON_SEND | PERSON_YOUNG_CARER);
	assert_false(p.archived);
	assert_int_equal(id_cmp(&p.family, &fx->family), 0);
	assert_int_equal(id_cmp(&p.created_by, &fx->amira), 0);
	assert_int_equal(strncmp(p.ref, "P-", 2), 0);
	person_clear(&p);

	/* The least: a name. An unborn baby's date is the due date. */
	id = add(fx, NULL, "Baby Khan", "+6w", "unborn", 0);
	assert_int_equal(person_get_core(&fx->ot, &id, &p, &cause), 0);
	assert_string_equal(p.dob, "2026-04-23");
	assert_string_equal(p.relationship, "unborn_baby");
	assert_null(p.school);
	person_clear(&p);
	add(fx, NULL, "محمد", NULL, NULL, 0);
}

/* Try to add pn to family and expect a refusal that changes nothing. */
static void
assert_add_refused(struct fixture *fx, const struct id *family,
    const struct person_new *pn, const char *want, enum store_fault fault)
{
	unsigned char	 before[32], after[32];
	struct id	 id;
	char		*cause = NULL;
	int		 rc;

	fixture_hash(fx, before);
	rc = person_add(&fx->ot, family, pn, &id, &cause);
	assert_refused(fx, rc, cause, want, fault);
	fixture_hash(fx, after);
	assert_memory_equal(before, after, 32);
}

static void
test_add_refused(void **state)
{
	struct fixture		*fx = *state;
	struct person_new	 pn;
	struct id		 nowhere;

	memset(&pn, 0, sizeof pn);
	assert_add_refused(fx, &fx->family, &pn, "name is needed",
	    STORE_EINPUT);
	pn.name = "   ";
	assert_add_refused(fx, &fx->family, &pn, "name is needed",
	    STORE_EINPUT);
	pn.name = "Zara\033[31m";
	assert_add_refused(fx, &fx->family, &pn, "hidden control character",
	    STORE_EINPUT);
	pn.name = "Zara Khan";
	pn.dob = "13/3/2026";
	assert_add_refused(fx, &fx->family, &pn, "date of birth 13 Mar 2026 "
	    "is in the future", STORE_EINPUT);
	pn.dob = "31/2/2020";
	assert_add_refused(fx, &fx->family, &pn, "date of birth: date "
	    "\"31/2/2020\" does not exist", STORE_EINPUT);
	pn.dob = "2027-02-01";
	pn.relationship = "unborn_baby";
	assert_add_refused(fx, &fx->family, &pn, "due date 1 Feb 2027 is more "
	    "than 42 weeks away", STORE_EINPUT);
	pn.dob = NULL;
	pn.relationship = "cousin";
	assert_add_refused(fx, &fx->family, &pn, "relationship \"cousin\" is "
	    "not known", STORE_EINPUT);
	pn.relationship = "mother";
	pn.dob = "3/4/1990";
	pn.markers = PERSON_CP_PLAN;
	assert_add_refused(fx, &fx->family, &pn, "Zara Khan is 35: only a "
	    "child can be on a child protection plan", STORE_EINPUT);
	pn.markers = PERSON_LOOKED_AFTER;
	assert_add_refused(fx, &fx->family, &pn, "only a child can be "
	    "looked after", STORE_EINPUT);
	pn.markers = 0x100;
	assert_add_refused(fx, &fx->family, &pn, "unknown marker",
	    STORE_EINPUT);
	pn.markers = 0;
	memset(&nowhere, 0x5a, sizeof nowhere);
	assert_add_refused(fx, &nowhere, &pn, "no such family",
	    STORE_ENOTFOUND);
	/* Nobody at work: nobody to attribute it to. */
	memset(&fx->ot.me, 0, sizeof fx->ot.me);
	assert_add_refused(fx, &fx->family, &pn, "who is recording this?",
	    STORE_EINPUT);
}

static void
test_add_twice(void **state)
{
	struct fixture		*fx = *state;
	struct person_new	 pn;
	struct person_change	 c;
	struct id		 id;
	char			*cause = NULL;

	id = add(fx, NULL, "Zara Khan", "4/5/2021", "child", 0);
	memset(&pn, 0, sizeof pn);
	pn.name = "zara khan";
	pn.dob = "2021-05-04";
	assert_add_refused(fx, &fx->family, &pn, "Zara Khan is in F-",
	    STORE_EINPUT);
	/* Another date of birth is someone else; so is one who left. */
	pn.dob = "2022-05-04";
	add(fx, NULL, pn.name, pn.dob, NULL, 0);
	memset(&c, 0, sizeof c);
	c.archive = 1;
	assert_int_equal(person_change(&fx->ot, &id, &c, &cause), 0);
	add(fx, NULL, "Zara Khan", "4/5/2021", "child", 0);
}

static void
test_change(void **state)
{
	struct fixture		*fx = *state;
	struct person_change	 c;
	struct person		 p;
	struct id		 id;
	char			*cause = NULL;

	id = add(fx, NULL, "Zara Kahn", "4/5/2021", "child", PERSON_SEND);
	memset(&c, 0, sizeof c);
	c.name = "Zara Khan";
	c.school = "Elm Road Primary";
	c.markers_on = PERSON_CP_PLAN;
	c.markers_off = PERSON_SEND;
	assert_int_equal(person_change(&fx->ot, &id, &c, &cause), 0);
	assert_int_equal(person_get_core(&fx->ot, &id, &p, &cause), 0);
	assert_string_equal(p.name, "Zara Khan");
	assert_string_equal(p.school, "Elm Road Primary");
	assert_string_equal(p.dob, "2021-05-04");
	assert_int_equal(p.markers, PERSON_CP_PLAN);
	person_clear(&p);

	/* "" clears an optional field; archiving keeps the person. */
	memset(&c, 0, sizeof c);
	c.dob = "";
	c.relationship = "";
	c.school = "";
	c.archive = 1;
	assert_int_equal(person_change(&fx->ot, &id, &c, &cause), 0);
	assert_int_equal(person_get_core(&fx->ot, &id, &p, &cause), 0);
	assert_null(p.dob);
	assert_null(p.relationship);
	assert_null(p.school);
	assert_true(p.archived);
	assert_int_equal(p.markers, PERSON_CP_PLAN);
	person_clear(&p);
	memset(&c, 0, sizeof c);
	c.archive = -1;
	assert_int_equal(person_change(&fx->ot, &id, &c, &cause), 0);
	assert_int_equal(person_get_core(&fx->ot, &id, &p, &cause), 0);
	assert_false(p.archived);
	person_clear(&p);
}

/* Try a change and expect a refusal that changes nothing. */
static void
assert_change_refused(struct fixture *fx, const struct id *id,
    const struct person_change *c, const char *want, enum store_fault fault)
{
	unsigned char	 before[32], after[32];
	char		*cause = NULL;
	int		 rc;

	fixture_hash(fx, before);
	rc = person_change(&fx->ot, id, c, &cause);
	assert_refused(fx, rc, cause, want, fault);
	fixture_hash(fx, after);
	assert_memory_equal(before, after, 32);
}

static void
test_change_refused(void **state)
{
	struct fixture		*fx = *state;
	struct person_change	 c;
	struct id		 id, baby, mum, nobody;

	id = add(fx, NULL, "Zara Khan", "4/5/2021", "child", 0);
	baby = add(fx, NULL, "Baby Khan", "+6w", "unborn_baby", 0);
	mum = add(fx, NULL, "Sara Khan", "3/4/1990", "mother", 0);
	memset(&c, 0, sizeof c);
	c.name = "";
	assert_change_refused(fx, &id, &c, "name is needed", STORE_EINPUT);
	/* A good name with a bad date: none of it is saved. */
	c.name = "Zara Nowak";
	c.dob = "+1d";
	assert_change_refused(fx, &id, &c, "is in the future", STORE_EINPUT);
	memset(&c, 0, sizeof c);
	c.relationship = "child";	/* born? then the date is wrong */
	assert_change_refused(fx, &baby, &c, "date of birth 23 Apr 2026 is in "
	    "the future", STORE_EINPUT);
	c.relationship = "uncle";
	assert_change_refused(fx, &id, &c, "relationship \"uncle\"",
	    STORE_EINPUT);
	memset(&c, 0, sizeof c);
	c.markers_on = PERSON_CP_PLAN;
	assert_change_refused(fx, &mum, &c, "Sara Khan is 35: only a "
	    "child can be on a child protection plan", STORE_EINPUT);
	c.markers_off = PERSON_CP_PLAN;
	assert_change_refused(fx, &id, &c, "both set and cleared",
	    STORE_EINPUT);
	memset(&c, 0, sizeof c);
	c.archive = -1;
	assert_change_refused(fx, &id, &c, "Zara Khan (P-", STORE_EINPUT);
	assert_change_refused(fx, &id, &c, "is not archived", STORE_EINPUT);
	c.school = "\033]0;title\007";
	c.archive = 0;
	assert_change_refused(fx, &id, &c, "school or setting contains a "
	    "hidden control character", STORE_EINPUT);
	memset(&nobody, 0x33, sizeof nobody);
	memset(&c, 0, sizeof c);
	c.gp = "Riverside";
	assert_change_refused(fx, &nobody, &c, "no such person",
	    STORE_ENOTFOUND);
}

static void
test_archive_twice(void **state)
{
	struct fixture		*fx = *state;
	struct person_change	 c;
	struct id		 id;
	char			*cause = NULL;

	id = add(fx, NULL, "Adam Khan", "1/1/1985", "father", 0);
	memset(&c, 0, sizeof c);
	c.archive = 1;
	assert_int_equal(person_change(&fx->ot, &id, &c, &cause), 0);
	assert_change_refused(fx, &id, &c, "Adam Khan (P-", STORE_EINPUT);
	assert_change_refused(fx, &id, &c, "is archived already",
	    STORE_EINPUT);
}

struct names {
	char	text[512];
	int	stop_after;
	int	seen;
};

static int
collect(const struct person *p, void *arg)
{
	struct names	*n = arg;

	if (n->text[0] != '\0')
		strcat(n->text, "|");
	strcat(n->text, p->name);
	return ++n->seen == n->stop_after;
}

static void
test_list(void **state)
{
	struct fixture		*fx = *state;
	struct person_change	 c;
	struct names		 n;
	struct id		 dad;
	char			*cause = NULL;

	add(fx, NULL, "Sara Khan", "3/4/1990", "mother", 0);
	add(fx, NULL, "Zara Khan", "4/5/2021", "child", 0);
	add(fx, NULL, "Ali Khan", "1/9/2016", "child", 0);
	add(fx, NULL, "Baby Khan", "+6w", "unborn_baby", 0);
	add(fx, NULL, "Sam Khan", NULL, "stepchild", 0);
	add(fx, NULL, "bilal Khan", NULL, "grandparent", 0);
	add(fx, NULL, "Omar Khan", "12/3/2008", "sibling", 0);	/* 18 today */
	dad = add(fx, NULL, "Adam Khan", "1/1/1985", "father", 0);
	memset(&c, 0, sizeof c);
	c.archive = 1;
	assert_int_equal(person_change(&fx->ot, &dad, &c, &cause), 0);

	memset(&n, 0, sizeof n);
	assert_int_equal(person_list_core(&fx->ot, &fx->family, 0, collect, &n,
	    &cause), 0);
	assert_string_equal(n.text, "Ali Khan|Zara Khan|Baby Khan|Sam Khan|"
	    "bilal Khan|Omar Khan|Sara Khan");
	memset(&n, 0, sizeof n);
	assert_int_equal(person_list_core(&fx->ot, &fx->family, 1, collect, &n,
	    &cause), 0);
	assert_string_equal(n.text, "Ali Khan|Zara Khan|Baby Khan|Sam Khan|"
	    "bilal Khan|Omar Khan|Sara Khan|Adam Khan");
	memset(&n, 0, sizeof n);
	n.stop_after = 2;
	assert_int_equal(person_list_core(&fx->ot, &fx->family, 1, collect, &n,
	    &cause), 0);
	assert_string_equal(n.text, "Ali Khan|Zara Khan");
}

/* Look text up in family and expect want. */
static void
assert_finds(struct fixture *fx, const struct id *family, const char *text,
    const struct id *want)
{
	struct id	 got;
	char		*cause = NULL;

	if (person_find_in_family(&fx->ot, family, text, 0, &got,
	    &cause) != 0)
		fail_msg("\"%s\": %s", text, cause);
	assert_int_equal(id_cmp(&got, want), 0);
}

static void
assert_find_refused(struct fixture *fx, const struct id *family,
    const char *text, const char *want, enum store_fault fault)
{
	struct id	 got;
	char		*cause = NULL;
	int		 rc;

	rc = person_find_in_family(&fx->ot, family, text, 0, &got, &cause);
	assert_refused(fx, rc, cause, want, fault);
}

static void
test_find(void **state)
{
	struct fixture		*fx = *state;
	struct family_new	 fn;
	struct person_change	 c;
	struct id		 amira, ali, alice, nowaks, zoe, dad;
	char			 ref[ID_REF_MAX], fref[ID_REF_MAX], want[256];
	char			*cause = NULL;

	amira = add(fx, NULL, "Amira Khan", "3/4/1990", "mother", 0);
	ali = add(fx, NULL, "Ali Khan", "1/9/2016", "child", 0);
	alice = add(fx, NULL, "Ali", "1/9/2018", "child", 0);
	dad = add(fx, NULL, "Adam Khan", "1/1/1985", "father", 0);
	memset(&c, 0, sizeof c);
	c.archive = 1;
	assert_int_equal(person_change(&fx->ot, &dad, &c, &cause), 0);
	memset(&fn, 0, sizeof fn);
	fn.household = "Nowak";
	assert_int_equal(family_add(&fx->ot, &fn, &nowaks, &cause), 0);
	zoe = add(fx, &nowaks, "Zoë Nowak", NULL, NULL, 0);

	assert_finds(fx, &fx->family, "Amira Khan", &amira);
	assert_finds(fx, &fx->family, "  amira KHAN ", &amira);
	assert_finds(fx, &fx->family, "Am", &amira);
	assert_finds(fx, &fx->family, "Ali", &alice);	/* exact wins */
	assert_finds(fx, &fx->family, "Ali K", &ali);
	assert_finds(fx, &fx->family, "Adam", &dad);	/* archived, alone */
	assert_finds(fx, &nowaks, "zoë", &zoe);
	assert_finds(fx, &nowaks, "Now", &zoe);		/* a later word */
	oneteam_ref("person", &ali, ref);
	assert_finds(fx, &fx->family, ref, &ali);
	ref[0] = 'p';
	assert_finds(fx, &fx->family, ref, &ali);

	assert_find_refused(fx, &fx->family, "A", "\"A\" could be Ali, Ali "
	    "Khan or Amira Khan: give more of the name", STORE_EINPUT);
	assert_find_refused(fx, &fx->family, "Khan", "\"Khan\" could be Ali "
	    "Khan or Amira Khan", STORE_EINPUT);
	oneteam_ref("family", &fx->family, fref);
	snprintf(want, sizeof want, "there is nobody called \"Zara\" in %s",
	    fref);
	assert_find_refused(fx, &fx->family, "Zara", want, STORE_EINPUT);
	assert_find_refused(fx, &fx->family, "Zoë", "nobody called \"Zoë\"",
	    STORE_EINPUT);
	assert_find_refused(fx, &fx->family, "%", "nobody called \"%\"",
	    STORE_EINPUT);
	assert_find_refused(fx, &fx->family, "Z\033[2J", "nobody called "
	    "\"Z\\e[2J\"", STORE_EINPUT);
	assert_find_refused(fx, &fx->family, " ", "say which person",
	    STORE_EINPUT);
	oneteam_ref("person", &zoe, ref);
	snprintf(want, sizeof want, "%s is not one of the people of %s", ref,
	    fref);
	assert_find_refused(fx, &fx->family, ref, want, STORE_EINPUT);
	assert_find_refused(fx, &fx->family, "P-ZZZZZ", "there is no person "
	    "P-ZZZZZ", STORE_ENOTFOUND);
}

static void
test_find_same_name(void **state)
{
	struct fixture	*fx = *state;
	struct id	 senior, junior;
	char		 want[256], a[ID_REF_MAX], b[ID_REF_MAX];

	senior = add(fx, NULL, "John Smith", "1/1/1980", "father", 0);
	junior = add(fx, NULL, "John Smith", "1/1/2010", "child", 0);
	oneteam_ref("person", &senior, a);
	oneteam_ref("person", &junior, b);
	if (id_cmp(&senior, &junior) > 0)
		snprintf(want, sizeof want, "could be John Smith (%s) or John "
		    "Smith (%s): give more of the name or the P- reference", b,
		    a);
	else
		snprintf(want, sizeof want, "could be John Smith (%s) or John "
		    "Smith (%s): give more of the name or the P- reference", a,
		    b);
	assert_find_refused(fx, &fx->family, "john smith", want, STORE_EINPUT);
	assert_finds(fx, &fx->family, b, &junior);
}

/* PERSON_FIND_CURRENT: a name finds only those still in the household. */
static void
test_find_current(void **state)
{
	struct fixture		*fx = *state;
	struct person_change	 c;
	struct id		 adam, ada, got;
	char			 ref[ID_REF_MAX], fref[ID_REF_MAX], want[256];
	char			*cause = NULL;
	int			 rc;

	adam = add(fx, NULL, "Adam Khan", "1/1/1985", "father", 0);
	ada = add(fx, NULL, "Ada Khan", "1/1/2015", "child", 0);
	memset(&c, 0, sizeof c);
	c.archive = 1;
	assert_int_equal(person_change(&fx->ot, &adam, &c, &cause), 0);

	assert_finds(fx, &fx->family, "Adam", &adam);	/* archived, alone */
	assert_int_equal(person_find_in_family(&fx->ot, &fx->family, "Ada",
	    PERSON_FIND_CURRENT, &got, &cause), 0);
	assert_int_equal(id_cmp(&got, &ada), 0);
	oneteam_ref("family", &fx->family, fref);
	snprintf(want, sizeof want, "there is nobody called \"Adam\" in %s",
	    fref);
	rc = person_find_in_family(&fx->ot, &fx->family, "Adam",
	    PERSON_FIND_CURRENT, &got, &cause);
	assert_refused(fx, rc, cause, want, STORE_EINPUT);
	cause = NULL;
	rc = person_find_in_family(&fx->ot, &fx->family, "adam khan",
	    PERSON_FIND_CURRENT, &got, &cause);
	assert_refused(fx, rc, cause, "nobody called \"adam khan\"",
	    STORE_EINPUT);
	cause = NULL;
	/* A P- reference names whom it names. */
	oneteam_ref("person", &adam, ref);
	assert_int_equal(person_find_in_family(&fx->ot, &fx->family, ref,
	    PERSON_FIND_CURRENT, &got, &cause), 0);
	assert_int_equal(id_cmp(&got, &adam), 0);
}

/* Record a decision or fail the test. */
static void
record(struct fixture *fx, const char *state, const char *by,
    const char *scope, const char *date, const char *review)
{
	struct consent_new	 cn = { state, by, scope, date, review };
	char			*cause = NULL;

	if (consent_record(&fx->ot, &fx->family, &cn, NULL, &cause) != 0)
		fail_msg("recording %s: %s", state, cause);
}

static void
assert_record_refused(struct fixture *fx, const struct id *family,
    const struct consent_new *cn, const char *want, enum store_fault fault)
{
	unsigned char	 before[32], after[32];
	char		*cause = NULL;
	int		 rc;

	fixture_hash(fx, before);
	rc = consent_record(&fx->ot, family, cn, NULL, &cause);
	assert_refused(fx, rc, cause, want, fault);
	fixture_hash(fx, after);
	assert_memory_equal(before, after, 32);
}

static void
test_consent(void **state)
{
	struct fixture		*fx = *state;
	struct consent_new	 cn;
	struct consent		 c;
	struct id		 id;
	char			*cause = NULL;
	int			 found = 1;

	assert_int_equal(consent_current_core(&fx->ot, &fx->family, &c, &found,
	    &cause), 0);
	assert_false(found);
	memset(&cn, 0, sizeof cn);
	cn.state = "Given";
	cn.given_by = " Sara Khan ";
	cn.scope = "core team professionals";
	cn.review = "12/3/2027";
	assert_int_equal(consent_record(&fx->ot, &fx->family, &cn, &id,
	    &cause), 0);
	assert_int_equal(consent_current_core(&fx->ot, &fx->family, &c, &found,
	    &cause), 0);
	assert_true(found);
	assert_int_equal(id_cmp(&c.id, &id), 0);
	assert_string_equal(c.state, CONSENT_GIVEN);
	assert_string_equal(c.given_by, "Sara Khan");
	assert_string_equal(c.scope, "core team professionals");
	assert_string_equal(c.date, "2026-03-12");
	assert_string_equal(c.review, "2027-03-12");
	assert_int_equal(id_cmp(&c.recorded_by, &fx->amira), 0);
	assert_string_equal(c.recorded_by_name, "Amira Khan");
	assert_int_equal(c.created, NOW_MS);
	assert_false(consent_review_due(&c, NOW_MS));
	assert_true(consent_review_due(&c, NOW_MS + INT64_C(365) * 86400000));
	consent_clear(&c);

	/* A refusal needs no scope; a start of the word will do. */
	record(fx, "ref", "Sara Khan", NULL, NULL, NULL);
	assert_int_equal(consent_current_core(&fx->ot, &fx->family, &c, &found,
	    &cause), 0);
	assert_string_equal(c.state, CONSENT_REFUSED);
	assert_null(c.scope);
	assert_null(c.review);
	consent_clear(&c);
}

static void
test_consent_refused(void **state)
{
	struct fixture		*fx = *state;
	struct consent_new	 cn;
	struct id		 nowhere;

	memset(&cn, 0, sizeof cn);
	cn.given_by = "Sara Khan";
	assert_record_refused(fx, &fx->family, &cn, "decision is needed",
	    STORE_EINPUT);
	cn.state = "maybe";
	assert_record_refused(fx, &fx->family, &cn, "decision \"maybe\" is not "
	    "one of given, refused or withdrawn", STORE_EINPUT);
	cn.state = "given";
	assert_record_refused(fx, &fx->family, &cn, "say what consent is given "
	    "for", STORE_EINPUT);
	cn.scope = "core team";
	cn.given_by = " ";
	assert_record_refused(fx, &fx->family, &cn, "who made the decision is "
	    "needed",
	    STORE_EINPUT);
	cn.state = "refused";
	cn.given_by = NULL;
	assert_record_refused(fx, &fx->family, &cn, "who made the decision is "
	    "needed",
	    STORE_EINPUT);
	cn.given_by = "Sara\033[31m";
	assert_record_refused(fx, &fx->family, &cn, "hidden control character",
	    STORE_EINPUT);
	cn.given_by = "Sara Khan";
	cn.date = "tomorrow";
	assert_record_refused(fx, &fx->family, &cn, "consent cannot be dated "
	    "13 Mar 2026, in the future", STORE_EINPUT);
	cn.date = "1/3/2026";
	cn.review = "1/3/2026";
	assert_record_refused(fx, &fx->family, &cn, "review date 1 Mar 2026 is "
	    "not after the decision", STORE_EINPUT);
	cn.review = "next year";
	assert_record_refused(fx, &fx->family, &cn, "review date: date",
	    STORE_EINPUT);
	cn.review = NULL;
	cn.state = "withdrawn";
	assert_record_refused(fx, &fx->family, &cn, "there is no consent to "
	    "withdraw: none is recorded", STORE_EINPUT);
	memset(&nowhere, 0x77, sizeof nowhere);
	cn.state = "refused";
	assert_record_refused(fx, &nowhere, &cn, "no such family",
	    STORE_ENOTFOUND);
	memset(&fx->ot.me, 0, sizeof fx->ot.me);
	assert_record_refused(fx, &fx->family, &cn, "who is recording this?",
	    STORE_EINPUT);
}

static void
test_consent_rules(void **state)
{
	struct fixture		*fx = *state;
	struct consent_new	 cn;
	char			*cause = NULL;

	record(fx, "refused", "Sara Khan", NULL, "5/3/2026", NULL);
	memset(&cn, 0, sizeof cn);
	cn.given_by = "Sara Khan";
	cn.state = "withdrawn";
	assert_record_refused(fx, &fx->family, &cn, "there is no consent to "
	    "withdraw: consent for F-", STORE_EINPUT);
	assert_record_refused(fx, &fx->family, &cn, "was refused on 5 Mar 2026",
	    STORE_EINPUT);
	cn.state = "given";
	cn.scope = "core team professionals";
	cn.date = "4/3/2026";
	assert_record_refused(fx, &fx->family, &cn, "was refused on 5 Mar "
	    "2026: a decision dated before that would not change it",
	    STORE_EINPUT);
	cn.date = "5/3/2026";	/* the same day, recorded later: it stands */
	assert_int_equal(consent_record(&fx->ot, &fx->family, &cn, NULL,
	    &cause), 0);
	record(fx, "withdrawn", "Sara Khan", NULL, NULL, NULL);
}

struct states {
	char	text[256];
};

static int
collect_state(const struct consent *c, void *arg)
{
	struct states	*s = arg;

	snprintf(s->text + strlen(s->text), sizeof s->text - strlen(s->text),
	    "%s%s %s", s->text[0] ? "|" : "", c->date, c->state);
	return 0;
}

static void
test_consent_current(void **state)
{
	struct fixture	*fx = *state;
	struct consent	 c;
	struct states	 s;
	char		*cause = NULL;
	int		 found, i;

	/* Several on one day and one clock: the order they were recorded. */
	record(fx, "given", "Sara Khan", "core team", "1/3/2026", NULL);
	for (i = 0; i < 3; i++) {
		record(fx, "refused", "Sara Khan", NULL, "10/3/2026", NULL);
		record(fx, "given", "Sara Khan", "core team", "10/3/2026",
		    NULL);
	}
	record(fx, "withdrawn", "Adam Khan", NULL, "10/3/2026", NULL);
	assert_int_equal(consent_current_core(&fx->ot, &fx->family, &c, &found,
	    &cause), 0);
	assert_true(found);
	assert_string_equal(c.state, CONSENT_WITHDRAWN);
	assert_string_equal(c.given_by, "Adam Khan");
	consent_clear(&c);
	memset(&s, 0, sizeof s);
	assert_int_equal(consent_list_core(&fx->ot, &fx->family,
	    collect_state, &s, &cause), 0);
	assert_string_equal(s.text, "2026-03-10 withdrawn|"
	    "2026-03-10 given|2026-03-10 refused|2026-03-10 given|"
	    "2026-03-10 refused|2026-03-10 given|2026-03-10 refused|"
	    "2026-03-01 given");
}

/*
 * consent_now(), for the lists, asks need to know itself: of a family
 * that moved out of Tom's locality, and that he does not work with, the
 * consent is refused, not told.
 */
static void
test_consent_now_needs_to_know(void **state)
{
	struct fixture	*fx = *state;
	const char	*st;
	char		*cause = NULL;
	struct id	 elsewhere;
	struct val	 v;

	record(fx, "given", "Sara Khan", "core team", "1/3/2026", NULL);
	fx->ot.me = fx->tom;
	store_set_author(fx->ot.st, &fx->tom);
	assert_int_equal(consent_now(&fx->ot, &fx->family, &st, &cause), 0);
	assert_string_equal(st, CONSENT_GIVEN);
	id_random(&elsewhere);
	v = val_id(&elsewhere);
	assert_int_equal(store_begin(fx->ot.st, &cause), 0);
	assert_int_equal(store_set(fx->ot.st, "family", &fx->family,
	    "locality", &v, &cause), 0);
	assert_int_equal(store_commit(fx->ot.st, &cause), 0);
	assert_int_equal(consent_now(&fx->ot, &fx->family, &st, &cause), -1);
	assert_non_null(strstr(cause, "outside your work"));
	free(cause);
}

/* A row of person with an id of our choosing (only finding reads it). */
static void
person_row(struct fixture *fx, const char *b32, const char *name)
{
	struct query	*q;
	struct id	 id;

	assert_int_equal(id_from_base32(b32, &id), 0);
	q = query_prepare(fx->ot.st, "INSERT INTO person (id, op, family, "
	    "name) VALUES (?1, x'00', ?2, ?3)");
	query_bind_id(q, 1, &id);
	query_bind_id(q, 2, &fx->family);
	query_bind_text(q, 3, name);
	assert_int_equal(query_step(q), 0);
	query_done(q);
}

/*
 * A reference typed that is more than one person lists every one (the
 * first was left out), by reference alone: a person's name is not for
 * whoever types, who may not be one to see the family.
 */
static void
test_find_ambiguous(void **state)
{
	struct fixture	*fx = *state;
	struct id	 id;
	char		*cause = NULL;

	person_row(fx, "ZZZZA000000000000000000000", "Ada Zed");
	person_row(fx, "ZZZZB000000000000000000000", "Bea Zed");
	assert_int_equal(oneteam_find(&fx->ot, "person", "P-ZZZZ", &id,
	    &cause), -1);
	if (strstr(cause, "P-ZZZZA000") == NULL ||
	    strstr(cause, "P-ZZZZB000") == NULL)
		fail_msg("not every candidate: %s",
		    cause != NULL ? cause : "(none)");
	if (strstr(cause, "Zed") != NULL)
		fail_msg("a person named: %s", cause);
	free(cause);
	cause = NULL;
	assert_int_equal(oneteam_find(&fx->ot, "person", "P-ZZZZZ", &id,
	    &cause), -1);
	assert_non_null(strstr(cause, "there is no person P-ZZZZZ"));
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define U(f) cmocka_unit_test_setup_teardown(f, fixture_setup_utf8, \
	    fixture_teardown)
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_is_child),
		cmocka_unit_test(test_markers),
		U(test_add),
		U(test_add_refused),
		U(test_add_twice),
		U(test_change),
		U(test_change_refused),
		U(test_archive_twice),
		U(test_list),
		U(test_find),
		U(test_find_same_name),
		U(test_find_ambiguous),
		U(test_find_current),
		U(test_consent),
		U(test_consent_refused),
		U(test_consent_rules),
		U(test_consent_current),
		U(test_consent_now_needs_to_know),
#undef U
	};

	setenv("TZ", "Europe/London", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
