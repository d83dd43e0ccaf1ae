/*
 * Unit tests for myday.c: which follow-ups, actions and planned contacts
 * are the worker's to do today, which are late, in which order, and the
 * rules of myday.h (whose a contact is, what supersedes a follow-up).
 * Each test has a fresh fixture: Amira Khan at work, Tom Brennan, the
 * Khan family, and the clock at 2026-03-12 09:30 (GMT, Europe/London).
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
#include "oneteam/action.h"
#include "oneteam/contact.h"
#include "oneteam/family.h"
#include "oneteam/flag.h"
#include "oneteam/myday.h"
#include "oneteam/referral.h"
#include "oneteam/xmalloc.h"

#define DAY_MS	INT64_C(86400000)

static void
as(struct fixture *fx, const struct id *who)
{
	fx->ot.me = *who;
	store_set_author(fx->ot.st, who);
}

static struct id
add_family(struct fixture *fx, const char *household)
{
	struct family_new	 fn;
	struct id		 id;
	char			*cause = NULL;

	memset(&fn, 0, sizeof fn);
	fn.household = household;
	assert_ok(family_add(&fx->ot, &fn, &id, &cause), cause);
	return id;
}

/* A contact that happened at at, with a follow-up date or none. */
static struct id
contact(struct fixture *fx, const struct id *family, const char *at,
    const char *follow_up)
{
	struct contact_new	 cn;
	struct id		 id;
	char			*cause = NULL;

	memset(&cn, 0, sizeof cn);
	cn.kind = "home_visit";
	cn.at = at;
	cn.summary = "Saw mum and baby\nWeight is fine";
	cn.follow_up = follow_up;
	assert_ok(contact_add(&fx->ot, family, &cn, &id, &cause), cause);
	return id;
}

static struct id
planned(struct fixture *fx, const struct id *family, const char *at)
{
	struct contact_new	 cn;
	struct id		 id;
	char			*cause = NULL;

	memset(&cn, 0, sizeof cn);
	cn.kind = "home_visit";
	cn.at = at;
	cn.venue = "Riverside Library";
	cn.planned = 1;
	assert_ok(contact_add(&fx->ot, family, &cn, &id, &cause), cause);
	return id;
}

static void
act(struct fixture *fx, const struct id *family, const char *what,
    const char *owner, const char *due)
{
	struct action_new	 an;
	struct id		 id;
	char			*cause = NULL;

	memset(&an, 0, sizeof an);
	an.what = what;
	an.owner = owner;
	an.due = due;
	assert_ok(action_add(&fx->ot, family, &an, &id, &cause), cause);
}

static void
close_family(struct fixture *fx, const struct id *family)
{
	struct val	 v = val_text("closed");
	char		*cause = NULL;

	assert_ok(store_begin(fx->ot.st, &cause), cause);
	assert_ok(store_set(fx->ot.st, "family", family, "status", &v,
	    &cause), cause);
	assert_ok(store_commit(fx->ot.st, &cause), cause);
}

/* Each item as "kind:household:date[!+]", "|" between: ! late, + in the
 * coming week. */
static int
item_row(const struct myday_item *it, void *arg)
{
	static const char	 kinds[] = "RFAP";
	char			**s = arg, *next;

	xasprintf(&next, "%s%s%c:%s:%s%s", *s, **s ? "|" : "",
	    kinds[it->kind], it->household, it->date + 5,
	    it->overdue ? "!" : it->ahead ? "+" : "");
	free(*s);
	*s = next;
	return 0;
}

static char *
my_day(struct fixture *fx)
{
	char	*s = xstrdup(""), *cause = NULL;

	assert_ok(myday_list(&fx->ot, item_row, &s, &cause), cause);
	return s;
}

static void
test_follow_ups(void **state)
{
	struct fixture		*fx = *state;
	struct contact_change	 cc;
	struct id		 b, c, d, e, f, g, k;
	char			*s, *cause = NULL;

	b = add_family(fx, "B");
	c = add_family(fx, "C");
	d = add_family(fx, "D");
	e = add_family(fx, "E");
	f = add_family(fx, "F");
	g = add_family(fx, "G");
	contact(fx, &fx->family, "5/3 10:00", "10/3");	/* late */
	contact(fx, &b, "1/3 10:00", "12/3");		/* today */
	contact(fx, &c, "1/3 10:00", "20/3");		/* not yet */
	contact(fx, &e, "1/3 10:00", "5/3");		/* superseded: */
	contact(fx, &e, "8/3 10:00", NULL);		/* seen again */
	k = contact(fx, &f, "1/3 10:00", "5/3");	/* stands */
	contact(fx, &g, "1/3 10:00", "5/3");		/* closed family */
	close_family(fx, &g);
	as(fx, &fx->tom);
	contact(fx, &d, "1/3 10:00", "2/3");		/* Tom's */
	contact(fx, &f, "8/3 10:00", NULL);		/* not Amira's */
	/* Tom corrects Amira's contact: it stays hers, as corrected. */
	memset(&cc, 0, sizeof cc);
	cc.follow_up = "11/3";
	assert_ok(contact_correct(&fx->ot, &k, &cc, NULL, &cause), cause);

	s = my_day(fx);
	assert_string_equal(s, "F:D:03-02!");
	free(s);
	as(fx, &fx->amira);
	s = my_day(fx);
	assert_string_equal(s, "F:Khan family:03-10!|F:F:03-11!|F:B:03-12");
	free(s);
}

static void
test_actions(void **state)
{
	struct fixture	*fx = *state;
	char		*s;

	/* Made two days ago, so that one can be due yesterday. */
	fx->ot.now -= 2 * DAY_MS;
	act(fx, &fx->family, "Call school", "amira", "11/3");
	act(fx, NULL, "Find a venue", "amira", "12/3");
	act(fx, &fx->family, "Later", "amira", "13/3");
	act(fx, &fx->family, "Whenever", "amira", NULL);
	act(fx, &fx->family, "Tom's", "tom", "11/3");
	fx->ot.now += 2 * DAY_MS;
	s = my_day(fx);
	assert_string_equal(s, "A:Khan family:03-11!|A::03-12|"
	    "A:Khan family:03-13+");
	free(s);
}

static void
test_planned(void **state)
{
	struct fixture		*fx = *state;
	struct contact_change	 cc;
	struct id		 b, c, done;
	char			*s, *cause = NULL;

	b = add_family(fx, "B");
	c = add_family(fx, "C");
	planned(fx, &b, "12/3 15:00");			/* later today */
	planned(fx, &fx->family, "11/3 10:00");		/* late */
	planned(fx, &c, "13/3 10:00");			/* tomorrow */
	planned(fx, &c, "20/3 10:00");			/* next week */
	done = planned(fx, &c, "10/3 10:00");		/* happened: */
	memset(&cc, 0, sizeof cc);
	cc.done = 1;
	cc.summary = "Went well";
	assert_ok(contact_correct(&fx->ot, &done, &cc, NULL, &cause), cause);
	as(fx, &fx->tom);
	planned(fx, &b, "12/3 08:00");			/* Tom's */
	as(fx, &fx->amira);
	s = my_day(fx);
	assert_string_equal(s, "P:Khan family:03-11!|P:B:03-12|P:C:03-13+");
	free(s);
}

/* The three groups in order, and the words of each. */
struct texts {
	char	 text[3][120];
	char	 ref[3][ID_REF_MAX];
	int	 n;
};

static int
item_text(const struct myday_item *it, void *arg)
{
	struct texts	*t = arg;

	if (t->n < 3) {
		snprintf(t->text[t->n], sizeof t->text[t->n], "%s",
		    it->text);
		memcpy(t->ref[t->n], it->family_ref, ID_REF_MAX);
		t->n++;
	}
	return 0;
}

static void
test_order_and_texts(void **state)
{
	struct fixture	*fx = *state;
	struct texts	 t;
	char		*cause = NULL, ref[ID_REF_MAX];

	planned(fx, &fx->family, "12/3 15:00");
	act(fx, NULL, "Find a venue", "amira", "today");
	contact(fx, &fx->family, "5/3 10:00", "10/3");
	memset(&t, 0, sizeof t);
	assert_ok(myday_list(&fx->ot, item_text, &t, &cause), cause);
	assert_int_equal(t.n, 3);
	assert_string_equal(t.text[0], "Home visit on 5 Mar 2026: Saw mum "
	    "and baby");
	assert_string_equal(t.text[1], "Find a venue");
	assert_string_equal(t.text[2], "Home visit at 15:00, Riverside "
	    "Library");
	oneteam_ref("family", &fx->family, ref);
	assert_string_equal(t.ref[0], ref);
	assert_string_equal(t.ref[1], "");
	assert_string_equal(t.ref[2], ref);
	assert_string_equal(myday_kind_name(MYDAY_FOLLOW_UP), "Follow-ups");
	assert_string_equal(myday_kind_name(MYDAY_NKINDS), "unknown");
}

/*
 * A red flag raised on a family I lead, by anyone, is mine to see first,
 * with what to do now, until someone acknowledges it; not on another's
 * family.
 */
static void
test_flags_of_my_families(void **state)
{
	struct fixture		*fx = *state;
	struct family_change	 fc;
	struct flag_new		 fn;
	struct texts		 t;
	struct id		 b, flag, high;
	char			*s, *cause = NULL;

	b = add_family(fx, "B");
	memset(&fc, 0, sizeof fc);
	fc.lead = "amira";
	assert_ok(family_change(&fx->ot, &fx->family, &fc, &cause), cause);
	as(fx, &fx->tom);
	memset(&fn, 0, sizeof fn);
	/* An older flag of medium severity, then one of high: the high
	 * comes first, whatever its date. */
	fn.code = "repeated_not_brought";
	fn.at = "5/3 10:00";
	assert_ok(flag_raise(&fx->ot, &fx->family, &fn, &flag, &cause),
	    cause);
	fn.code = "domestic_abuse_disclosure";
	fn.at = NULL;
	assert_ok(flag_raise(&fx->ot, &fx->family, &fn, &high, &cause),
	    cause);
	assert_ok(flag_raise(&fx->ot, &b, &fn, NULL, &cause), cause);
	s = my_day(fx);
	assert_string_equal(s, "");		/* Tom leads neither */
	free(s);
	as(fx, &fx->amira);
	s = my_day(fx);
	assert_string_equal(s, "R:Khan family:03-12|R:Khan family:03-05!");
	free(s);
	memset(&t, 0, sizeof t);
	assert_ok(myday_list(&fx->ot, item_text, &t, &cause), cause);
	assert_string_equal(t.text[0], "HIGH: Disclosure of domestic abuse: "
	    "Same-day call to the front door (MASH); complete a DASH risk "
	    "assessment");
	assert_ok(flag_ack(&fx->ot, &high, "Rang the front door", &cause),
	    cause);
	assert_ok(flag_ack(&fx->ot, &flag, "Spoke to the GP", &cause),
	    cause);
	s = my_day(fx);
	assert_string_equal(s, "");
	free(s);
}

/* Each piece of news as "kind:household:text", "|" between. */
static int
news_row(const struct myday_news *n, void *arg)
{
	static const char	 kinds[] = "FCRXM";
	char			**s = arg, *next;

	xasprintf(&next, "%s%s%c:%s:%s", *s, **s ? "|" : "", kinds[n->kind],
	    n->household, n->text);
	free(*s);
	*s = next;
	return 0;
}

/* Amira looks at My day: what is new since her last look. */
static char *
news(struct fixture *fx, struct myday_mark *since)
{
	char	*s = xstrdup(""), *cause = NULL;

	assert_ok(myday_looked(&fx->ot, since, &cause), cause);
	assert_ok(myday_news(&fx->ot, since, news_row, &s, &cause), cause);
	return s;
}

/*
 * Since I last looked: others' red flags and contacts of other agencies
 * on my families, answers to my referrals; not my own work, not another
 * family's, not what came before the look; a first look has none.
 */
static void
test_news_since_i_looked(void **state)
{
	struct fixture		*fx = *state;
	struct family_change	 fc;
	struct flag_new		 fn;
	struct referral_new	 rn;
	struct referral_update	 ru;
	struct myday_mark	 since;
	struct id		 other, ref;
	char			*s, *cause = NULL;

	/* A family Tom added: not Amira's. */
	as(fx, &fx->tom);
	other = add_family(fx, "Other family");
	as(fx, &fx->amira);
	memset(&fc, 0, sizeof fc);
	fc.lead = "amira";
	assert_ok(family_change(&fx->ot, &fx->family, &fc, &cause), cause);
	memset(&rn, 0, sizeof rn);
	rn.service = "camhs";
	rn.reason = "Low mood";
	rn.basis = "safeguarding";
	rn.basis_reason = "Risk of harm";
	assert_ok(referral_raise(&fx->ot, &fx->family, &rn, &ref, &cause),
	    cause);
	s = news(fx, &since);
	assert_int_equal(since.at, 0);
	assert_string_equal(s, "");		/* a first look */
	free(s);

	/* Tom (early help) raises a flag, logs a contact and answers the
	 * referral on Amira's family; and a flag on a family not hers;
	 * Amira logs a contact of her own. */
	fx->ot.now += 3600000;
	as(fx, &fx->tom);
	memset(&fn, 0, sizeof fn);
	fn.code = "domestic_abuse_disclosure";
	assert_ok(flag_raise(&fx->ot, &fx->family, &fn, NULL, &cause),
	    cause);
	assert_ok(flag_raise(&fx->ot, &other, &fn, NULL, &cause), cause);
	contact(fx, &fx->family, "12/3 10:00", NULL);
	memset(&ru, 0, sizeof ru);
	ru.status = "accepted";
	assert_ok(referral_update(&fx->ot, &ref, &ru, &cause), cause);
	as(fx, &fx->amira);
	contact(fx, &fx->family, "12/3 10:15", NULL);
	s = news(fx, &since);
	assert_true(since.at != 0);
	assert_string_equal(s,
	    "F:Khan family:Red flag raised by Tom Brennan (Early help): "
	    "Disclosure of domestic abuse|"
	    "C:Khan family:Home visit by Tom Brennan (Early help)|"
	    "R:Khan family:Referral to CAMHS: accepted, recorded by Tom "
	    "Brennan (Early help)");
	free(s);
	/* Looked at: nothing new until something is. */
	s = news(fx, &since);
	assert_string_equal(s, "");
	free(s);
}

static int
item_stop(const struct myday_item *it, void *arg)
{
	int	*n = arg;

	(void)it;
	(*n)++;
	return 1;
}

static void
test_stop_and_nobody(void **state)
{
	struct fixture	*fx = *state;
	char		*cause = NULL;
	int		 n = 0;

	contact(fx, &fx->family, "5/3 10:00", "10/3");
	act(fx, NULL, "Find a venue", "amira", "today");
	planned(fx, &fx->family, "12/3 15:00");
	assert_ok(myday_list(&fx->ot, item_stop, &n, &cause), cause);
	assert_int_equal(n, 1);

	memset(&fx->ot.me, 0, sizeof fx->ot.me);
	assert_int_equal(myday_list(&fx->ot, item_stop, &n, &cause), -1);
	assert_non_null(cause);
	assert_int_equal(n, 1);
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, fixture_setup_utf8, \
	    fixture_teardown)
		T(test_follow_ups),
		T(test_flags_of_my_families),
		T(test_actions),
		T(test_planned),
		T(test_order_and_texts),
		T(test_stop_and_nobody),
		T(test_news_since_i_looked),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
