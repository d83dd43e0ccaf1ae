/*
 * Unit tests for referral.c, flag.c and action.c: every move of a
 * referral's status, allowed and refused; the consent basis; dates; which
 * agency answers a service; the rules of red flags and actions; the order
 * and filters of the lists; and that a refused change leaves the database
 * as it was. Each test has a fresh
 * fixture: Amira Khan at work, Tom Brennan, the Khan family, and the clock
 * at 2026-03-12 09:30 UTC. People and consent are written through the
 * store here, so these tests do not hang on person.c and consent.c.
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
#include "referral-sql.h"
#include "oneteam/action.h"
#include "oneteam/consent.h"
#include "oneteam/contact.h"
#include "oneteam/date.h"
#include "oneteam/family.h"
#include "oneteam/field.h"
#include "oneteam/flag.h"
#include "oneteam/person.h"
#include "oneteam/kinds.h"
#include "oneteam/referral.h"
#include "oneteam/xmalloc.h"
#include "read-private.h"

#define NOW_MS	INT64_C(1773307800000)	/* 2026-03-12T09:30:00Z */
#define DAY_MS	INT64_C(86400000)
#define SAFE	"Disclosure of harm; telling the family would put the child " \
		"at risk"

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

/* rc is a refusal whose message holds want, and nothing was written
 * since before was taken. */
static void
assert_refused(struct fixture *fx, const unsigned char before[32], int rc,
    char **cause, const char *want)
{
	unsigned char	after[32];

	assert_int_equal(rc, -1);
	assert_message(*cause);
	if (strstr(*cause, want) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", *cause, want);
	free(*cause);
	*cause = NULL;
	fixture_hash(fx, after);
	assert_memory_equal(before, after, 32);
}

/* Write a record straight through the store, in one transaction. */
static struct id
put(struct fixture *fx, const char *etype, const struct field *f, size_t n)
{
	struct id	 id;
	char		*cause = NULL;

	assert_ok(store_begin(fx->ot.st, &cause), cause);
	assert_ok(store_new(fx->ot.st, etype, f, n, &id, &cause), cause);
	assert_ok(store_commit(fx->ot.st, &cause), cause);
	return id;
}

static struct id
add_person(struct fixture *fx, const struct id *family, const char *name)
{
	struct field	f[3];

	f[0] = (struct field){ "family", val_id(family) };
	f[1] = (struct field){ "name", val_text(name) };
	f[2] = (struct field){ "relationship", val_text("child") };
	return put(fx, "person", f, 3);
}

static struct id
add_consent_of(struct fixture *fx, const struct id *family, const char *state,
    const char *date)
{
	struct field	f[4];

	f[0] = (struct field){ "family", val_id(family) };
	f[1] = (struct field){ "state", val_text(state) };
	f[2] = (struct field){ "given_by", val_text("Sadia Khan") };
	f[3] = (struct field){ "date", val_text(date) };
	return put(fx, "consent", f, 4);
}

static void
add_consent(struct fixture *fx, const char *state, const char *date)
{
	add_consent_of(fx, &fx->family, state, date);
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

/* A referral on safeguarding grounds, so it may be sent; draft or not. */
static void
safe_new(struct referral_new *rn, int draft)
{
	memset(rn, 0, sizeof *rn);
	rn->service = "camhs";
	rn->reason = "Low mood and not sleeping";
	rn->basis = "safeguarding";
	rn->basis_reason = SAFE;
	rn->draft = draft;
}

static struct id
raise(struct fixture *fx, const struct referral_new *rn)
{
	struct id	 id;
	char		*cause = NULL;

	assert_ok(referral_raise(&fx->ot, &fx->family, rn, &id, &cause),
	    cause);
	return id;
}

static int
move(struct fixture *fx, const struct id *id, const char *status,
    char **cause)
{
	struct referral_update	u;

	memset(&u, 0, sizeof u);
	u.status = status;
	*cause = NULL;
	return referral_update(&fx->ot, id, &u, cause);
}

static struct referral
get(struct fixture *fx, const struct id *id)
{
	struct referral	 r;
	char		*cause = NULL;

	assert_ok(referral_get_core(&fx->ot, id, &r, &cause), cause);
	return r;
}

static enum referral_status
status_of(struct fixture *fx, const struct id *id)
{
	struct referral		r = get(fx, id);
	enum referral_status	s = r.status;

	referral_clear(&r);
	return s;
}

/* --- statuses ------------------------------------------------------------- */

/* The moves allowed, written out again here to check the table. */
static const char allowed[REFERRAL_NSTATUS][REFERRAL_NSTATUS] = {
	/*		  dr se ac ap de co wi */
	[REFERRAL_DRAFT] = { 0, 1, 0, 0, 0, 0, 1 },
	[REFERRAL_SENT] = { 0, 0, 1, 1, 1, 0, 1 },
	[REFERRAL_ACKNOWLEDGED] = { 0, 0, 0, 1, 1, 0, 1 },
	[REFERRAL_ACCEPTED] = { 0, 0, 0, 0, 0, 1, 1 },
	[REFERRAL_DECLINED] = { 0 },
	[REFERRAL_COMPLETED] = { 0 },
	[REFERRAL_WITHDRAWN] = { 0 },
};

/* How to bring a referral to each status after raising it. */
static const char *const path[REFERRAL_NSTATUS][3] = {
	[REFERRAL_DRAFT] = { NULL },
	[REFERRAL_SENT] = { NULL },
	[REFERRAL_ACKNOWLEDGED] = { "acknowledged", NULL },
	[REFERRAL_ACCEPTED] = { "accepted", NULL },
	[REFERRAL_DECLINED] = { "declined", NULL },
	[REFERRAL_COMPLETED] = { "accepted", "completed", NULL },
	[REFERRAL_WITHDRAWN] = { "withdrawn", NULL },
};

static void
test_status_names(void **state)
{
	enum referral_status	s;
	int			i;

	(void)state;
	for (i = 0; i < REFERRAL_NSTATUS; i++) {
		assert_int_equal(referral_status_parse(referral_status_name(
		    (enum referral_status)i), &s), 0);
		assert_int_equal(s, i);
	}
	assert_int_equal(referral_status_parse("ACK", &s), 0);
	assert_int_equal(s, REFERRAL_ACKNOWLEDGED);
	assert_int_equal(referral_status_parse("Withdrawn", &s), 0);
	assert_int_equal(s, REFERRAL_WITHDRAWN);
	/* "d" could be draft or declined. */
	assert_int_equal(referral_status_parse("d", &s), -1);
	assert_int_equal(referral_status_parse("", &s), -1);
	assert_int_equal(referral_status_parse("closed", &s), -1);
	assert_true(referral_is_final(REFERRAL_DECLINED));
	assert_true(referral_is_final(REFERRAL_COMPLETED));
	assert_true(referral_is_final(REFERRAL_WITHDRAWN));
	assert_false(referral_is_final(REFERRAL_ACCEPTED));
}

/* The class of each status with no due date, written out again here. */
static const enum referral_class class_of[REFERRAL_NSTATUS] = {
	[REFERRAL_DRAFT] = REFERRAL_CLASS_OPEN,
	[REFERRAL_SENT] = REFERRAL_CLASS_OPEN,
	[REFERRAL_ACKNOWLEDGED] = REFERRAL_CLASS_OPEN,
	[REFERRAL_ACCEPTED] = REFERRAL_CLASS_OPEN,
	[REFERRAL_DECLINED] = REFERRAL_CLASS_FINAL,
	[REFERRAL_COMPLETED] = REFERRAL_CLASS_FINAL,
	[REFERRAL_WITHDRAWN] = REFERRAL_CLASS_FINAL,
};

/* The SQL of a class for a status and due date, as at today. */
static void
class_sql(struct fixture *fx, int status, const char *due, const char *today,
    int64_t out[5])
{
	struct query	*q;
	int		 i;

	q = query_prepare(fx->ot.st, "SELECT " REFERRAL_SQL_CLASS("r", "?3")
	    ", " REFERRAL_SQL_FINAL("r") ", " REFERRAL_SQL_AWAITS("r") ", "
	    "coalesce(" REFERRAL_SQL_WAITING("r", "?3") ", 0), "
	    REFERRAL_SQL_LIVE("r") " FROM (SELECT ?1 AS status, ?2 AS "
	    "response_due) r");
	query_bind_text(q, 1, referral_status_name(status));
	query_bind_text(q, 2, due);
	query_bind_text(q, 3, today);
	assert_int_equal(query_step(q), 1);
	for (i = 0; i < 5; i++)
		out[i] = query_int(q, i);
	query_done(q);
}

/*
 * The moves of a referral have one rule, referral_can_move(); the SQL the
 * fold marks moves made apart by (kinds.h KINDS_REFERRAL_MOVES) allows
 * the same pairs, every one.
 */
static void
test_moves_sql(void **state)
{
	struct fixture	*fx = *state;
	struct query	*q;
	int		 from, to;

	for (from = 0; from < REFERRAL_NSTATUS; from++)
		for (to = 0; to < REFERRAL_NSTATUS; to++) {
			q = query_prepare(fx->ot.st, "SELECT (?1, ?2) IN ("
			    KINDS_REFERRAL_MOVES ")");
			query_bind_text(q, 1, referral_status_name(from));
			query_bind_text(q, 2, referral_status_name(to));
			assert_int_equal(query_step(q), 1);
			if (query_int(q, 0) != referral_can_move(from, to))
				fail_msg("%s to %s: the SQL says %lld",
				    referral_status_name(from),
				    referral_status_name(to),
				    (long long)query_int(q, 0));
			query_done(q);
		}
}

/*
 * A referral's class has one rule, referral_class(); the SQL that says it
 * (referral-sql.h) gives the same for every status and due date.
 */
static void
test_class(void **state)
{
	static const char *const dues[] = {
		NULL, "2026-03-11", "2026-03-12", "2026-03-13",
	};
	struct fixture		*fx = *state;
	enum referral_class	 c, want;
	const char		*today = "2026-03-12";
	int64_t			 sql[5];
	size_t			 d;
	int			 s, awaits;

	for (s = 0; s < REFERRAL_NSTATUS; s++) {
		awaits = s == REFERRAL_SENT || s == REFERRAL_ACKNOWLEDGED;
		assert_int_equal(referral_awaits(s), awaits);
		assert_int_equal(referral_is_final(s),
		    class_of[s] == REFERRAL_CLASS_FINAL);
		for (d = 0; d < sizeof dues / sizeof dues[0]; d++) {
			c = referral_class(s, dues[d], today);
			want = awaits && dues[d] != NULL &&
			    strcmp(dues[d], today) < 0 ?
			    REFERRAL_CLASS_WAITING : class_of[s];
			assert_int_equal(c, want);
			class_sql(fx, s, dues[d], today, sql);
			assert_int_equal(sql[0], c);
			assert_int_equal(sql[1], c == REFERRAL_CLASS_FINAL);
			assert_int_equal(sql[2], awaits);
			assert_int_equal(sql[3], c == REFERRAL_CLASS_WAITING);
			assert_int_equal(sql[4], referral_is_live(s));
			assert_int_equal(referral_is_live(s),
			    s == REFERRAL_SENT || s == REFERRAL_ACKNOWLEDGED ||
			    s == REFERRAL_ACCEPTED);
		}
	}
	assert_int_equal(referral_class(REFERRAL_NSTATUS, NULL, NULL),
	    REFERRAL_CLASS_FINAL);
}

static void
test_can_move_table(void **state)
{
	int	from, to;

	(void)state;
	for (from = 0; from < REFERRAL_NSTATUS; from++)
		for (to = 0; to < REFERRAL_NSTATUS; to++)
			if (referral_can_move((enum referral_status)from,
			    (enum referral_status)to) != allowed[from][to])
				fail_msg("%s -> %s", referral_status_name(
				    (enum referral_status)from),
				    referral_status_name(
				    (enum referral_status)to));
}

/* Every move from every status, through referral_update(). */
static void
test_every_move(void **state)
{
	struct fixture		*fx = *state;
	struct referral_new	 rn;
	struct id		 id;
	unsigned char		 before[32];
	char			*cause;
	int			 from, to, i, rc;

	for (from = 0; from < REFERRAL_NSTATUS; from++) {
		for (to = 0; to < REFERRAL_NSTATUS; to++) {
			safe_new(&rn, from == REFERRAL_DRAFT);
			id = raise(fx, &rn);
			for (i = 0; path[from][i] != NULL; i++) {
				rc = move(fx, &id, path[from][i], &cause);
				assert_ok(rc, cause);
			}
			assert_int_equal(status_of(fx, &id), from);
			fixture_hash(fx, before);
			rc = move(fx, &id, referral_status_name(
			    (enum referral_status)to), &cause);
			if (allowed[from][to]) {
				assert_ok(rc, cause);
				assert_int_equal(status_of(fx, &id), to);
			} else {
				assert_refused(fx, before, rc, &cause,
				    from == to ? "already" :
				    referral_is_final((enum referral_status)
				    from) ? "final" : "can be");
				assert_int_equal(status_of(fx, &id), from);
			}
		}
	}
}

static void
test_refused_move_says_what_may_follow(void **state)
{
	struct fixture		*fx = *state;
	struct referral_new	 rn;
	struct id		 id;
	unsigned char		 before[32];
	char			*cause, want[96];

	safe_new(&rn, 0);
	id = raise(fx, &rn);
	fixture_hash(fx, before);
	oneteam_ref("referral", &id, want);
	strcat(want, " is sent: it can be acknowledged, accepted, declined "
	    "or withdrawn next, not completed");
	assert_refused(fx, before, move(fx, &id, "completed", &cause), &cause,
	    want);
	assert_refused(fx, before, move(fx, &id, "opened", &cause), &cause,
	    "status \"opened\" is not one of");
}

/* --- raising -------------------------------------------------------------- */

static void
test_raise_records_all(void **state)
{
	struct fixture		*fx = *state;
	struct referral_new	 rn;
	struct referral		 r;
	struct id		 id, child;

	child = add_person(fx, &fx->family, "Zara Khan");
	safe_new(&rn, 0);
	rn.service = "Speech and language";
	rn.child = "zara";
	rn.needs = "secure housing, health, Health";
	rn.urgency = "PRI";
	id = raise(fx, &rn);
	r = get(fx, &id);
	assert_int_equal(id_cmp(&r.family, &fx->family), 0);
	assert_int_equal(id_cmp(&r.person, &child), 0);
	assert_string_equal(r.person_name, "Zara Khan");
	assert_string_equal(r.household, "Khan family");
	assert_string_equal(r.service, "speech_language_therapy");
	assert_string_equal(r.needs, "health,secure_housing");
	assert_string_equal(r.urgency, "priority");
	assert_string_equal(r.basis, "safeguarding");
	assert_string_equal(r.basis_reason, SAFE);
	assert_string_equal(r.response_due, "2026-03-19");
	assert_int_equal(r.status, REFERRAL_SENT);
	assert_true(r.status_at == NOW_MS);
	assert_true(r.sent_at == NOW_MS);
	assert_int_equal(r.waiting, 0);
	assert_false(r.overdue);
	assert_string_equal(r.raised_by, "Amira Khan");
	assert_int_equal(id_cmp(&r.created_by, &fx->amira), 0);
	assert_null(r.outcome);
	referral_clear(&r);
}

static void
test_due_by_urgency(void **state)
{
	static const struct {
		const char	*urgency;
		const char	*due;
	} cases[] = {
		/* Sent on Thursday 12 March: working days. */
		{ NULL, "2026-04-02" },		/* routine: 15 */
		{ "routine", "2026-04-02" },
		{ "priority", "2026-03-19" },	/* 5 */
		{ "urgent", "2026-03-13" },	/* 1 */
	};
	struct fixture		*fx = *state;
	struct referral_new	 rn;
	struct referral		 r;
	struct id		 id;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		safe_new(&rn, 0);
		rn.urgency = cases[i].urgency;
		id = raise(fx, &rn);
		r = get(fx, &id);
		assert_string_equal(r.response_due, cases[i].due);
		referral_clear(&r);
	}
	/* The front door answers in a working day, whatever the urgency
	 * says (its response time in the services list), and a Friday's
	 * referral on the Monday; a service's time is counted past the
	 * bank holidays of Easter. */
	safe_new(&rn, 0);
	rn.service = "mash";
	id = raise(fx, &rn);
	r = get(fx, &id);
	assert_string_equal(r.response_due, "2026-03-13");
	referral_clear(&r);
	safe_new(&rn, 0);
	rn.service = "mash";
	rn.at = "6/3 16:00";
	id = raise(fx, &rn);
	r = get(fx, &id);
	assert_string_equal(r.response_due, "2026-03-09");
	referral_clear(&r);
	/* On the Thursday before Easter: Good Friday and Easter Monday are
	 * bank holidays. */
	setenv("ONETEAM_NOW", "2026-04-02T15:00:00Z", 1);
	fx->ot.now = clock_now_ms();
	safe_new(&rn, 0);
	rn.service = "mash";
	id = raise(fx, &rn);
	r = get(fx, &id);
	assert_string_equal(r.response_due, "2026-04-07");
	referral_clear(&r);
	setenv("ONETEAM_NOW", "2026-03-12T09:30:00Z", 1);
	fx->ot.now = clock_now_ms();
	safe_new(&rn, 0);
	rn.urgency = "urgent";
	rn.due = "20/3";
	id = raise(fx, &rn);
	r = get(fx, &id);
	assert_string_equal(r.response_due, "2026-03-20");
	referral_clear(&r);
}

static void
test_raise_refusals(void **state)
{
	struct fixture		*fx = *state;
	struct referral_new	 rn;
	struct id		 id, other, nobody, piotr;
	unsigned char		 before[32];
	char			*cause = NULL, pref[ID_REF_MAX];

	other = add_family(fx, "Nowak");
	piotr = add_person(fx, &other, "Piotr Nowak");
	oneteam_ref("person", &piotr, pref);
	add_person(fx, &fx->family, "Sam Khan");
	add_person(fx, &fx->family, "Sara Khan");
	memset(&nobody, 0, sizeof nobody);
	nobody.b[0] = 1;
	fixture_hash(fx, before);
#define REFUSE(field, value, want) do {					\
	safe_new(&rn, 0);						\
	rn.field = value;						\
	assert_refused(fx, before, referral_raise(&fx->ot, &fx->family,	\
	    &rn, &id, &cause), &cause, want);				\
} while (0)
	REFUSE(service, "astrology", "not known");
	REFUSE(service, NULL, "service is needed");
	REFUSE(reason, NULL, "reason is needed");
	REFUSE(reason, "  ", "reason is needed");
	REFUSE(reason, "bad\033[31m red", "hidden control character");
	REFUSE(urgency, "whenever", "urgency \"whenever\" is not one of");
	REFUSE(basis, "gut feeling", "basis \"gut feeling\" is not consent");
	REFUSE(needs, "housing, astrology", "not known");
	REFUSE(child, "Piotr", "nobody called \"Piotr\"");
	REFUSE(child, "Sa", "\"Sa\" could be Sam Khan or Sara Khan");
	REFUSE(due, "31/2", "response due: date \"31/2\" does not exist");
	REFUSE(due, "11/3", "response due date cannot be before 12 Mar 2026");
	REFUSE(at, "tomorrow 10am", "is in the future");
	REFUSE(at, "next tuesday", "when: ");
#undef REFUSE
	/* A person of another family, by reference. */
	safe_new(&rn, 0);
	rn.child = pref;
	assert_refused(fx, before, referral_raise(&fx->ot, &fx->family, &rn,
	    &id, &cause), &cause, "is not one of the people of");
	safe_new(&rn, 0);
	assert_int_equal(referral_raise(&fx->ot, &nobody, &rn, &id, &cause),
	    -1);
	assert_int_equal(store_fault(fx->ot.st), STORE_ENOTFOUND);
	free(cause);
	cause = NULL;
	memset(&fx->ot.me, 0, sizeof fx->ot.me);
	assert_refused(fx, before, referral_raise(&fx->ot, &fx->family, &rn,
	    &id, &cause), &cause, "who is recording this?");
}

static void
test_child_by_reference(void **state)
{
	struct fixture		*fx = *state;
	struct referral_new	 rn;
	struct referral		 r;
	struct id		 id, child;
	char			 pref[ID_REF_MAX];

	child = add_person(fx, &fx->family, "Ілля Хан");
	add_person(fx, &fx->family, "Sam Khan");
	oneteam_ref("person", &child, pref);
	safe_new(&rn, 0);
	rn.child = pref;
	id = raise(fx, &rn);
	r = get(fx, &id);
	assert_string_equal(r.person_name, "Ілля Хан");
	referral_clear(&r);
	rn.child = "Хан";	/* a word of the name */
	id = raise(fx, &rn);
	r = get(fx, &id);
	assert_int_equal(id_cmp(&r.person, &child), 0);
	referral_clear(&r);
	rn.child = "sam khan";	/* the whole name, any case */
	id = raise(fx, &rn);
	r = get(fx, &id);
	assert_string_equal(r.person_name, "Sam Khan");
	referral_clear(&r);
}

/* --- the consent basis ---------------------------------------------------- */

static void
test_consent_basis(void **state)
{
	struct fixture		*fx = *state;
	struct referral_new	 rn;
	struct referral		 r;
	struct id		 id;
	unsigned char		 before[32];
	char			*cause = NULL, want[200];

	memset(&rn, 0, sizeof rn);
	rn.service = "housing";
	rn.reason = "Notice to quit";
	rn.basis = "consent";
	fixture_hash(fx, before);
	oneteam_ref("family", &fx->family, want);
	strcat(want, " has no consent to share recorded: record it first, "
	    "or refer on the basis of safeguarding, with the reason");
	assert_refused(fx, before, referral_raise(&fx->ot, &fx->family, &rn,
	    &id, &cause), &cause, want);

	add_consent(fx, "given", "2026-01-10");
	add_consent(fx, "withdrawn", "2026-03-01");
	fixture_hash(fx, before);
	assert_refused(fx, before, referral_raise(&fx->ot, &fx->family, &rn,
	    &id, &cause), &cause, "is withdrawn (1 Mar 2026): record consent "
	    "given");

	add_consent(fx, "given", "2026-03-11");
	id = raise(fx, &rn);
	r = get(fx, &id);
	assert_string_equal(r.basis, "consent");
	assert_null(r.basis_reason);
	assert_int_equal(r.status, REFERRAL_SENT);
	referral_clear(&r);
}

/*
 * A family of the Tie families whose two decisions of 11 March, first and
 * then second, were recorded in the same millisecond (the clock is pinned)
 * with the later one's id the smaller: ordered by when recorded and then
 * by id, as the clock does not, the earlier would stand.
 */
static struct id
tie_family(struct fixture *fx, const char *first, const char *second)
{
	struct id	family, a, b;
	int		i;

	for (i = 0; i < 64; i++) {
		family = add_family(fx, "Tie family");
		a = add_consent_of(fx, &family, first, "2026-03-11");
		b = add_consent_of(fx, &family, second, "2026-03-11");
		if (id_cmp(&b, &a) < 0)
			return family;
	}
	fail_msg("no two ids in the order wanted in 64 tries");
	return family;
}

/* The state of a family's consent that stands, by consent_current(). */
static char *
current_state(struct fixture *fx, const struct id *family)
{
	struct consent	 c;
	char		*cause = NULL, *state;
	int		 found;

	assert_ok(consent_current_core(&fx->ot, family, &c, &found, &cause),
	    cause);
	assert_true(found);
	state = xstrdup(c.state);
	consent_clear(&c);
	return state;
}

/*
 * Whether a referral may be sent with basis consent follows the decision
 * that stands by consent_current(): of two the same day, the later by the
 * clock, even recorded in the same millisecond as the other.
 */
static void
test_consent_basis_same_day(void **state)
{
	struct fixture		*fx = *state;
	struct referral_new	 rn;
	struct id		 family, id;
	unsigned char		 before[32];
	char			*cause = NULL, *now;
	int			 rc;

	memset(&rn, 0, sizeof rn);
	rn.service = "housing";
	rn.reason = "Notice to quit";
	rn.basis = "consent";

	family = tie_family(fx, "refused", "given");
	now = current_state(fx, &family);
	assert_string_equal(now, "given");
	free(now);
	rc = referral_raise(&fx->ot, &family, &rn, &id, &cause);
	assert_ok(rc, cause);

	family = tie_family(fx, "given", "refused");
	now = current_state(fx, &family);
	assert_string_equal(now, "refused");
	free(now);
	fixture_hash(fx, before);
	assert_refused(fx, before, referral_raise(&fx->ot, &family, &rn, &id,
	    &cause), &cause, "is refused (11 Mar 2026)");
}

static void
test_safeguarding_basis(void **state)
{
	struct fixture		*fx = *state;
	struct referral_new	 rn;
	struct id		 id;
	unsigned char		 before[32];
	char			*cause = NULL;

	fixture_hash(fx, before);
	safe_new(&rn, 0);
	rn.basis_reason = NULL;
	assert_refused(fx, before, referral_raise(&fx->ot, &fx->family, &rn,
	    &id, &cause), &cause, "needs the reason written");
	safe_new(&rn, 0);
	rn.basis = NULL;
	rn.basis_reason = NULL;
	assert_refused(fx, before, referral_raise(&fx->ot, &fx->family, &rn,
	    &id, &cause), &cause, "cannot be sent without a consent basis");
	safe_new(&rn, 0);
	rn.basis = "consent";
	assert_refused(fx, before, referral_raise(&fx->ot, &fx->family, &rn,
	    &id, &cause), &cause, "a basis reason goes with the basis "
	    "safeguarding");
	safe_new(&rn, 0);
	rn.basis = NULL;
	assert_refused(fx, before, referral_raise(&fx->ot, &fx->family, &rn,
	    &id, &cause), &cause, "a basis reason goes with");
	safe_new(&rn, 0);
	rn.basis_reason = " \t ";	/* a blank reason is none */
	assert_refused(fx, before, referral_raise(&fx->ot, &fx->family, &rn,
	    &id, &cause), &cause, "needs the reason written");
}

/* A draft needs no basis; sending it does, and sets the due date. */
static void
test_draft_then_send(void **state)
{
	struct fixture		*fx = *state;
	struct referral_new	 rn;
	struct referral_update	 u;
	struct referral		 r;
	struct id		 id;
	unsigned char		 before[32];
	char			*cause = NULL;

	memset(&rn, 0, sizeof rn);
	rn.service = "mash";
	rn.reason = "Bruise on a baby's arm";
	rn.urgency = "urgent";
	rn.draft = 1;
	id = raise(fx, &rn);
	r = get(fx, &id);
	assert_int_equal(r.status, REFERRAL_DRAFT);
	assert_null(r.basis);
	assert_null(r.response_due);
	assert_int_equal(r.waiting, -1);
	referral_clear(&r);

	fixture_hash(fx, before);
	assert_refused(fx, before, move(fx, &id, "sent", &cause), &cause,
	    "cannot be sent without a consent basis");
	memset(&u, 0, sizeof u);
	u.status = "sent";
	u.basis = "safeguarding";
	assert_refused(fx, before, referral_update(&fx->ot, &id, &u, &cause),
	    &cause, "needs the reason written");
	u.basis = "consent";
	assert_refused(fx, before, referral_update(&fx->ot, &id, &u, &cause),
	    &cause, "has no consent to share recorded");
	memset(&u, 0, sizeof u);
	u.status = "withdrawn";
	u.basis = "safeguarding";
	assert_refused(fx, before, referral_update(&fx->ot, &id, &u, &cause),
	    &cause, "the consent basis is set when the referral is sent");

	/* Sent the next day, a Friday: due the next working day, Monday. */
	fx->ot.now += DAY_MS;
	memset(&u, 0, sizeof u);
	u.status = "sent";
	u.basis = "safeguarding";
	u.basis_reason = SAFE;
	assert_ok(referral_update(&fx->ot, &id, &u, &cause), cause);
	r = get(fx, &id);
	assert_int_equal(r.status, REFERRAL_SENT);
	assert_string_equal(r.basis, "safeguarding");
	assert_string_equal(r.basis_reason, SAFE);
	assert_string_equal(r.response_due, "2026-03-16");
	assert_true(r.sent_at == NOW_MS + DAY_MS);
	referral_clear(&r);
}

/* --- dates, outcome, history ---------------------------------------------- */

static void
test_update_dates(void **state)
{
	struct fixture		*fx = *state;
	struct referral_new	 rn;
	struct referral_update	 u;
	struct referral		 r;
	struct id		 id;
	unsigned char		 before[32];
	char			*cause = NULL;

	safe_new(&rn, 0);
	rn.at = "10/3 14:00";
	id = raise(fx, &rn);
	r = get(fx, &id);
	/* 10/3 and 15 working days */
	assert_string_equal(r.response_due, "2026-03-31");
	assert_int_equal(r.waiting, 2);
	referral_clear(&r);

	fixture_hash(fx, before);
	memset(&u, 0, sizeof u);
	u.status = "acknowledged";
	u.at = "10/3 13:59";
	assert_refused(fx, before, referral_update(&fx->ot, &id, &u, &cause),
	    &cause, "the last change was at 10 Mar 2026 14:00: this one "
	    "cannot come before it");
	u.at = "13/3";
	assert_refused(fx, before, referral_update(&fx->ot, &id, &u, &cause),
	    &cause, "is in the future");
	u.at = "someday";
	assert_refused(fx, before, referral_update(&fx->ot, &id, &u, &cause),
	    &cause, "when: ");
	u.at = NULL;
	u.due = "9/3";
	assert_refused(fx, before, referral_update(&fx->ot, &id, &u, &cause),
	    &cause, "cannot be before 12 Mar 2026");

	/* The same minute counts as after; the status follows. */
	u.at = "10/3 14:00";
	u.due = "25/3";
	assert_ok(referral_update(&fx->ot, &id, &u, &cause), cause);
	u.status = "accepted";
	u.due = NULL;
	assert_ok(referral_update(&fx->ot, &id, &u, &cause), cause);
	r = get(fx, &id);
	assert_int_equal(r.status, REFERRAL_ACCEPTED);
	assert_string_equal(r.response_due, "2026-03-25");
	assert_int_equal(r.waiting, -1);
	assert_true(r.status_at > NOW_MS - 2 * DAY_MS);
	referral_clear(&r);
	memset(&u, 0, sizeof u);
	u.status = "completed";
	u.due = "+3d";
	fixture_hash(fx, before);
	assert_refused(fx, before, referral_update(&fx->ot, &id, &u, &cause),
	    &cause, "a completed referral is not waiting for a response");
}

static int
history_row(const struct referral_event *e, void *arg)
{
	char	**s = arg, *next;

	xasprintf(&next, "%s%s%s:%s", *s, **s ? " " : "",
	    referral_status_name(e->status), e->note != NULL ? e->note : "");
	free(*s);
	*s = next;
	return 0;
}

static void
test_outcome_and_history(void **state)
{
	struct fixture		*fx = *state;
	struct referral_new	 rn;
	struct referral_update	 u;
	struct referral		 r;
	struct id		 id;
	unsigned char		 before[32];
	char			*cause = NULL, *h;

	safe_new(&rn, 0);
	id = raise(fx, &rn);
	memset(&u, 0, sizeof u);
	u.status = "acknowledged";
	u.outcome = "Seen";
	fixture_hash(fx, before);
	assert_refused(fx, before, referral_update(&fx->ot, &id, &u, &cause),
	    &cause, "an outcome goes with completed or declined");
	u.outcome = NULL;
	u.note = "Duty worker called back";
	assert_ok(referral_update(&fx->ot, &id, &u, &cause), cause);
	u.status = "declined";
	u.note = NULL;
	u.outcome = "Below threshold: early help to continue";
	fx->ot.me = fx->tom;
	store_set_author(fx->ot.st, &fx->tom);
	assert_ok(referral_update(&fx->ot, &id, &u, &cause), cause);
	r = get(fx, &id);
	assert_int_equal(r.status, REFERRAL_DECLINED);
	assert_string_equal(r.outcome, "Below threshold: early help to "
	    "continue");
	assert_string_equal(r.raised_by, "Amira Khan");
	referral_clear(&r);
	h = xstrdup("");
	assert_ok(referral_history_core(&fx->ot, &id, history_row, &h, &cause),
	    cause);
	assert_string_equal(h, "sent: acknowledged:Duty worker called back "
	    "declined:");
	free(h);
}

/* --- lists ---------------------------------------------------------------- */

struct seen {
	char	 refs[16][ID_REF_MAX];
	int	 waiting[16];
	size_t	 n;
};

static int
seen_row(const struct referral *r, void *arg)
{
	struct seen	*s = arg;

	if (s->n < 16) {
		memcpy(s->refs[s->n], r->ref, ID_REF_MAX);
		s->waiting[s->n++] = r->waiting;
	}
	return 0;
}

/* Raise one sent at the given moment, due on the given date. */
static struct id
raise_at(struct fixture *fx, const char *at, const char *due)
{
	struct referral_new	rn;

	safe_new(&rn, 0);
	rn.at = at;
	rn.due = due;
	return raise(fx, &rn);
}

static void
assert_order(const struct seen *s, const struct id *const *ids, size_t n)
{
	char	ref[ID_REF_MAX];
	size_t	i;

	assert_int_equal(s->n, n);
	for (i = 0; i < n; i++) {
		oneteam_ref("referral", ids[i], ref);
		assert_string_equal(s->refs[i], ref);
	}
}

static void
test_waiting_list(void **state)
{
	struct fixture		*fx = *state;
	struct referral_filter	 rf = { .waiting = 1, .status = -1 };
	struct family_view	*view;
	struct referral_new	 rn;
	struct seen		 s;
	struct id		 a, b, c, d, e, f, g, other;
	char			*cause = NULL;

	other = add_family(fx, "Nowak");
	a = raise_at(fx, "1/3", "10/3");	/* waiting, due 10/3 */
	b = raise_at(fx, "1/2", "20/2");	/* waiting, due 20/2: first */
	c = raise_at(fx, "1/2", "12/3");	/* due today: not yet */
	d = raise_at(fx, "1/2", "1/3");		/* acknowledged: waiting */
	assert_ok(move(fx, &d, "acknowledged", &cause), cause);
	e = raise_at(fx, "1/2", "2/2");		/* accepted: answered */
	assert_ok(move(fx, &e, "accepted", &cause), cause);
	safe_new(&rn, 0);
	rn.at = "5/2";
	rn.due = "6/2";
	assert_ok(referral_raise(&fx->ot, &other, &rn, &f, &cause), cause);
	safe_new(&rn, 1);	/* a draft is not waiting */
	g = raise(fx, &rn);

	memset(&s, 0, sizeof s);
	assert_ok(referral_list(&fx->ot, &rf, seen_row, &s, &cause), cause);
	{
		const struct id *const want[] = { &f, &b, &d, &a };
		assert_order(&s, want, 4);
	}
	assert_int_equal(s.waiting[1], 39);	/* 1 Feb to 12 Mar */
	assert_int_equal(s.waiting[3], 11);

	/* One family, everything: waiting, then open, then closed. */
	assert_ok(access_view(&fx->ot, &fx->family, NULL, "a test", &view,
	    &cause), cause);
	rf.view = view;
	rf.waiting = 0;
	assert_ok(move(fx, &c, "withdrawn", &cause), cause);
	memset(&s, 0, sizeof s);
	assert_ok(referral_list(&fx->ot, &rf, seen_row, &s, &cause), cause);
	{
		const struct id *const want[] = { &b, &d, &a, &e, &g, &c };
		assert_order(&s, want, 6);
	}
	rf.open = 1;
	memset(&s, 0, sizeof s);
	assert_ok(referral_list(&fx->ot, &rf, seen_row, &s, &cause), cause);
	assert_int_equal(s.n, 5);
	rf.open = 0;
	rf.status = REFERRAL_ACKNOWLEDGED;
	memset(&s, 0, sizeof s);
	assert_ok(referral_list(&fx->ot, &rf, seen_row, &s, &cause), cause);
	{
		const struct id *const want[] = { &d };
		assert_order(&s, want, 1);
	}
	family_view_close(view);
}

static void
test_list_mine(void **state)
{
	struct fixture		*fx = *state;
	struct referral_filter	 rf = { .mine = 1, .status = -1 };
	struct referral_new	 rn;
	struct seen		 s;
	struct id		 mine, toms;
	char			*cause = NULL;

	safe_new(&rn, 0);
	mine = raise(fx, &rn);
	fx->ot.me = fx->tom;
	store_set_author(fx->ot.st, &fx->tom);
	toms = raise(fx, &rn);
	memset(&s, 0, sizeof s);
	assert_ok(referral_list(&fx->ot, &rf, seen_row, &s, &cause), cause);
	{
		const struct id *const want[] = { &toms };
		assert_order(&s, want, 1);
	}
	fx->ot.me = fx->amira;
	memset(&s, 0, sizeof s);
	assert_ok(referral_list(&fx->ot, &rf, seen_row, &s, &cause), cause);
	{
		const struct id *const want[] = { &mine };
		assert_order(&s, want, 1);
	}
	memset(&fx->ot.me, 0, sizeof fx->ot.me);
	assert_int_equal(referral_list(&fx->ot, &rf, seen_row, &s, &cause),
	    -1);
	assert_message(cause);
	free(cause);
}

static void
test_for_agency_rule(void **state)
{
	(void)state;
	assert_true(referral_for_agency("camhs", "camhs"));
	assert_true(referral_for_agency("send_support", "send"));
	assert_true(referral_for_agency("domestic_abuse_service",
	    "domestic_abuse"));
	assert_true(referral_for_agency("mash", "childrens_social_care"));
	assert_false(referral_for_agency("mash", "police"));
	assert_false(referral_for_agency("educational_psychology",
	    "education"));
	assert_false(referral_for_agency("youth_service", "youth_justice"));
	assert_false(referral_for_agency("camhsx", "camhs"));
	assert_false(referral_for_agency("housing", "housing_options"));
	assert_false(referral_for_agency("camhs", ""));
	assert_false(referral_for_agency(NULL, "camhs"));
	assert_false(referral_for_agency("camhs", NULL));
}

/* The built-in lists: no service is answered by two agencies, and those
 * the team chases most are answered by one. */
static void
test_for_agency_builtin(void **state)
{
	struct fixture		*fx = *state;
	const struct refdata	*rd = fx->ot.rd;
	const struct ref_item	*svc;
	const char *const	 answered[] = { "mash", "camhs", "housing",
	    "domestic_abuse_service", "health_visiting", "school_nursing",
	    "midwifery", "send_support", "substance_misuse",
	    "adult_mental_health", "childrens_centre", "early_help" };
	size_t			 i, j, n;

	for (i = 0; i < refdata_count(rd, REF_SERVICES); i++) {
		svc = refdata_item(rd, REF_SERVICES, i);
		for (j = 0, n = 0; j < refdata_count(rd, REF_AGENCIES); j++)
			n += referral_for_agency(svc->code,
			    refdata_item(rd, REF_AGENCIES, j)->code) != 0;
		if (n > 1)
			fail_msg("service %s is answered by %zu agencies",
			    svc->code, n);
		for (j = 0; j < sizeof answered / sizeof answered[0]; j++)
			if (strcmp(answered[j], svc->code) == 0 && n != 1)
				fail_msg("service %s is answered by no agency",
				    svc->code);
	}
}

/* Raise one to a service, as whoever is at work; due fixes the order. */
static struct id
raise_to(struct fixture *fx, const char *service, int draft,
    const char *due)
{
	struct referral_new	rn;

	safe_new(&rn, draft);
	rn.service = service;
	rn.due = due;
	return raise(fx, &rn);
}

static void
as(struct fixture *fx, const struct id *who)
{
	fx->ot.me = *who;
	store_set_author(fx->ot.st, who);
}

static void
test_list_agency(void **state)
{
	struct fixture		*fx = *state;
	struct referral_filter	 rf = { .status = -1 };
	struct seen		 s;
	struct id		 camhs, draft, hv, mash, eh;
	char			*cause = NULL;

	/* Amira is of health visiting, Tom of early help. */
	camhs = raise_to(fx, "camhs", 0, "20/3");
	draft = raise_to(fx, "early_help", 1, NULL);
	as(fx, &fx->tom);
	hv = raise_to(fx, "health_visiting", 0, "21/3");
	mash = raise_to(fx, "mash", 0, "22/3");
	eh = raise_to(fx, "early_help", 0, "23/3");

	rf.agency = "health_visiting";
	memset(&s, 0, sizeof s);
	assert_ok(referral_list(&fx->ot, &rf, seen_row, &s, &cause), cause);
	{
		const struct id *const want[] = { &camhs, &draft };
		assert_order(&s, want, 2);
	}
	rf.agency = "early_help";
	memset(&s, 0, sizeof s);
	assert_ok(referral_list(&fx->ot, &rf, seen_row, &s, &cause), cause);
	{
		const struct id *const want[] = { &hv, &mash, &eh };
		assert_order(&s, want, 3);
	}
	rf.agency = "police";
	memset(&s, 0, sizeof s);
	assert_ok(referral_list(&fx->ot, &rf, seen_row, &s, &cause), cause);
	assert_int_equal(s.n, 0);

	/* To early help: the one sent, not Amira's draft. */
	rf.agency = NULL;
	rf.to_agency = "early_help";
	memset(&s, 0, sizeof s);
	assert_ok(referral_list(&fx->ot, &rf, seen_row, &s, &cause), cause);
	{
		const struct id *const want[] = { &eh };
		assert_order(&s, want, 1);
	}
	rf.to_agency = "childrens_social_care";
	memset(&s, 0, sizeof s);
	assert_ok(referral_list(&fx->ot, &rf, seen_row, &s, &cause), cause);
	{
		const struct id *const want[] = { &mash };
		assert_order(&s, want, 1);
	}
	/* Both: raised by early help, to health visiting. */
	rf.agency = "early_help";
	rf.to_agency = "health_visiting";
	memset(&s, 0, sizeof s);
	assert_ok(referral_list(&fx->ot, &rf, seen_row, &s, &cause), cause);
	{
		const struct id *const want[] = { &hv };
		assert_order(&s, want, 1);
	}
	/* And with the other conditions: an answered one is not open. */
	assert_ok(move(fx, &hv, "declined", &cause), cause);
	rf.open = 1;
	memset(&s, 0, sizeof s);
	assert_ok(referral_list(&fx->ot, &rf, seen_row, &s, &cause), cause);
	assert_int_equal(s.n, 0);
}

/* --- red flags ------------------------------------------------------------ */

static struct id
flag(struct fixture *fx, const struct id *family, const char *code,
    const char *at)
{
	struct flag_new	 fn;
	struct id	 id;
	char		*cause = NULL;

	memset(&fn, 0, sizeof fn);
	fn.code = code;
	fn.at = at;
	assert_ok(flag_raise(&fx->ot, family, &fn, &id, &cause), cause);
	return id;
}

static void
test_flag_raise(void **state)
{
	struct fixture	*fx = *state;
	struct flag_new	 fn;
	struct flag	 f;
	struct id	 id, child;
	unsigned char	 before[32];
	char		*cause = NULL;

	child = add_person(fx, &fx->family, "Zara Khan");
	memset(&fn, 0, sizeof fn);
	fn.code = "Child missing";
	fn.person = "Zara";
	fn.note = "Not home since last night; mother called at 8am";
	fn.at = "08:15";
	assert_ok(flag_raise(&fx->ot, &fx->family, &fn, &id, &cause), cause);
	assert_ok(flag_get_core(&fx->ot, &id, &f, &cause), cause);
	assert_string_equal(f.code, "child_missing");
	assert_string_equal(f.label, "Child missing from home");
	assert_string_equal(f.severity, "high");
	assert_non_null(strstr(f.response, "Report to the police at once"));
	assert_int_equal(id_cmp(&f.person, &child), 0);
	assert_string_equal(f.person_name, "Zara Khan");
	assert_string_equal(f.raised_by, "Amira Khan");
	assert_true(f.at == NOW_MS - 75 * 60000);	/* 08:15 GMT */
	assert_true(f.acked == 0 && f.resolved == 0);
	flag_clear(&f);

	fixture_hash(fx, before);
	fn.code = "alien abduction";
	assert_refused(fx, before, flag_raise(&fx->ot, &fx->family, &fn, &id,
	    &cause), &cause, "not known");
	fn.code = "child_missing";
	fn.at = "+1d";
	assert_refused(fx, before, flag_raise(&fx->ot, &fx->family, &fn, &id,
	    &cause), &cause, "is in the future");
	fn.at = NULL;
	fn.person = "Nobody";
	assert_refused(fx, before, flag_raise(&fx->ot, &fx->family, &fn, &id,
	    &cause), &cause, "nobody called \"Nobody\"");
	fn.person = NULL;
	fn.note = "\033]0;owned\007";
	assert_refused(fx, before, flag_raise(&fx->ot, &fx->family, &fn, &id,
	    &cause), &cause, "hidden control character");
}

static void
test_flag_ack_resolve(void **state)
{
	struct fixture	*fx = *state;
	struct flag	 f;
	struct id	 id, other;
	unsigned char	 before[32];
	char		*cause = NULL, want[160];

	id = flag(fx, &fx->family, "imminent_eviction", NULL);
	assert_ok(flag_ack(&fx->ot, &id, "Housing called", &cause), cause);
	fixture_hash(fx, before);
	oneteam_ref("flag", &id, want);
	strcat(want, " was acknowledged by Amira Khan on 12 Mar 2026 09:30");
	assert_refused(fx, before, flag_ack(&fx->ot, &id, NULL, &cause),
	    &cause, want);
	fx->ot.me = fx->tom;
	store_set_author(fx->ot.st, &fx->tom);
	fx->ot.now += 3600000;
	assert_refused(fx, before, flag_resolve(&fx->ot, &id, NULL, &cause),
	    &cause, "needs a note of what was done");
	assert_refused(fx, before, flag_resolve(&fx->ot, &id, "  ", &cause),
	    &cause, "needs a note of what was done");
	assert_ok(flag_resolve(&fx->ot, &id, "Eviction stayed", &cause),
	    cause);
	assert_ok(flag_get_core(&fx->ot, &id, &f, &cause), cause);
	assert_string_equal(f.acked_by, "Amira Khan");
	assert_true(f.acked == NOW_MS);
	assert_string_equal(f.resolved_by, "Tom Brennan");
	assert_true(f.resolved == NOW_MS + 3600000);
	assert_string_equal(f.resolve_note, "Eviction stayed");
	flag_clear(&f);

	fixture_hash(fx, before);
	oneteam_ref("flag", &id, want);
	strcat(want, " was resolved by Tom Brennan on 12 Mar 2026 10:30");
	assert_refused(fx, before, flag_resolve(&fx->ot, &id, "Again",
	    &cause), &cause, want);
	assert_refused(fx, before, flag_ack(&fx->ot, &id, NULL, &cause),
	    &cause, "there is nothing to acknowledge");

	/* Resolving needs no acknowledgement first. */
	other = flag(fx, &fx->family, "persistent_absence", NULL);
	assert_ok(flag_resolve(&fx->ot, &other, "Back at school", &cause),
	    cause);
	fixture_hash(fx, before);
	memset(&fx->ot.me, 0, sizeof fx->ot.me);
	assert_refused(fx, before, flag_ack(&fx->ot, &other, NULL, &cause),
	    &cause, "who is recording this?");
}

static int
flag_row(const struct flag *f, void *arg)
{
	char	**s = arg, *next;

	xasprintf(&next, "%s%s%s", *s, **s ? " " : "", f->code);
	free(*s);
	*s = next;
	return 0;
}

static char *
flags_of(struct fixture *fx, const struct id *family, int all)
{
	char	*s = xstrdup(""), *cause = NULL;

	assert_ok(flag_list_core(&fx->ot, family, all, flag_row, &s, &cause),
	    cause);
	return s;
}

static void
test_flag_list_order(void **state)
{
	struct fixture	*fx = *state;
	struct id	 other, done;
	char		*s, *cause = NULL;

	other = add_family(fx, "Nowak");
	flag(fx, &fx->family, "persistent_absence", "11/3");
	flag(fx, &fx->family, "imminent_eviction", "10/3");
	flag(fx, &fx->family, "domestic_abuse_disclosure", "1/3");
	flag(fx, &fx->family, "child_missing", "9/3");
	done = flag(fx, &fx->family, "self_harm", "12/3 09:00");
	flag(fx, &other, "no_food_or_heating", "12/3 08:00");
	assert_ok(flag_resolve(&fx->ot, &done, "Seen by CAMHS crisis team",
	    &cause), cause);
	s = flags_of(fx, &fx->family, 0);
	assert_string_equal(s, "child_missing domestic_abuse_disclosure "
	    "imminent_eviction persistent_absence");
	free(s);
	s = flags_of(fx, NULL, 0);
	assert_string_equal(s, "child_missing domestic_abuse_disclosure "
	    "no_food_or_heating imminent_eviction persistent_absence");
	free(s);
	s = flags_of(fx, &fx->family, 1);
	assert_string_equal(s, "child_missing domestic_abuse_disclosure "
	    "imminent_eviction persistent_absence self_harm");
	free(s);
	s = flags_of(fx, &other, 0);
	assert_string_equal(s, "no_food_or_heating");
	free(s);
}

/* --- actions -------------------------------------------------------------- */

static struct id
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
	return id;
}

/* Adding this action to the Khan family is refused and changes nothing. */
static void
refuse_action(struct fixture *fx, const char *what, const char *owner,
    const char *due, const char *want)
{
	struct action_new	 an;
	struct id		 id;
	unsigned char		 before[32];
	char			*cause = NULL;

	memset(&an, 0, sizeof an);
	an.what = what;
	an.owner = owner;
	an.due = due;
	fixture_hash(fx, before);
	assert_refused(fx, before, action_add(&fx->ot, &fx->family, &an, &id,
	    &cause), &cause, want);
}

static void
test_action_rules(void **state)
{
	struct fixture		*fx = *state;
	struct action_new	 an;
	struct action_finish	 fin;
	struct action		 a;
	struct id		 id, nobody;
	unsigned char		 before[32];
	char			*cause = NULL, want[80], *big;

	id = act(fx, NULL, "Find a venue for the May drop-in", "tom", "+7d");
	assert_ok(action_get_core(&fx->ot, &id, &a, &cause), cause);
	assert_true(id_is_zero(&a.family));
	assert_string_equal(a.family_ref, "");
	assert_string_equal(a.owner_name, "Tom Brennan");
	assert_string_equal(a.due, "2026-03-19");
	assert_string_equal(a.raised_by, "Amira Khan");
	assert_false(a.done);
	action_clear(&a);

	memset(&nobody, 0, sizeof nobody);
	nobody.b[0] = 1;
	refuse_action(fx, NULL, "tom", NULL, "what is to be done is needed");
	refuse_action(fx, "Call school", NULL, NULL, "owner is needed");
	refuse_action(fx, "Call school", "Zed", NULL, "no member of staff "
	    "called \"Zed\"");
	refuse_action(fx, "Call school", "tom", "yesterday", "the due date "
	    "11 Mar 2026 has passed");
	refuse_action(fx, "Call school", "tom", "30/2", "due date: date "
	    "\"30/2\" does not exist");
	refuse_action(fx, "Call\nschool", "tom", NULL, "must be on one line");
	an.what = "Call school";
	an.owner = "tom";
	an.due = NULL;
	assert_int_equal(action_add(&fx->ot, &nobody, &an, &id, &cause), -1);
	assert_int_equal(store_fault(fx->ot.st), STORE_ENOTFOUND);
	free(cause);

	id = act(fx, &fx->family, "Call school", "Tom", "today");
	fx->ot.now += 3600000;
	assert_ok(action_done(&fx->ot, &id, NULL, &cause), cause);
	assert_ok(action_get_core(&fx->ot, &id, &a, &cause), cause);
	assert_true(a.done);
	assert_true(a.done_at == NOW_MS + 3600000);
	assert_false(a.overdue);
	action_clear(&a);
	fixture_hash(fx, before);
	oneteam_ref("action", &id, want);
	strcat(want, " was done already, on 12 Mar 2026 10:30");
	assert_refused(fx, before, action_done(&fx->ot, &id, NULL, &cause),
	    &cause, want);

	/* What was done is kept with it; a note of two lines is taken, one
	 * too long refused, naming the field, and nothing written. */
	id = act(fx, &fx->family, "Ring the housing officer", "Tom", "today");
	big = xmalloc(ONETEAM_NOTE_MAX + 2);
	memset(big, 'a', ONETEAM_NOTE_MAX + 1);
	big[ONETEAM_NOTE_MAX + 1] = '\0';
	fin.note = big;
	fixture_hash(fx, before);
	assert_refused(fx, before, action_done(&fx->ot, &id, &fin, &cause),
	    &cause, "what was done");
	free(big);
	fin.note = "Rang her.\nA visit is booked for Monday.";
	assert_ok(action_done(&fx->ot, &id, &fin, &cause), cause);
	assert_ok(action_get_core(&fx->ot, &id, &a, &cause), cause);
	assert_true(a.done);
	assert_string_equal(a.done_note, fin.note);
	action_clear(&a);
}

static int
action_row(const struct action *a, void *arg)
{
	char	**s = arg, *next;

	xasprintf(&next, "%s%s%s%s", *s, **s ? "|" : "", a->what,
	    a->overdue ? "!" : "");
	free(*s);
	*s = next;
	return 0;
}

static char *
actions_of(struct fixture *fx, const struct action_filter *af)
{
	char	*s = xstrdup(""), *cause = NULL;

	assert_ok(action_list(&fx->ot, af, action_row, &s, &cause), cause);
	return s;
}

static void
test_action_list(void **state)
{
	struct fixture		*fx = *state;
	struct action_filter	 af = { NULL, NULL, 0 };
	struct family_view	*view;
	struct id		 done;
	char			*s, *cause = NULL;

	act(fx, &fx->family, "Later", "amira", "+5d");
	act(fx, &fx->family, "Soon", "tom", "today");
	act(fx, &fx->family, "Whenever", "tom", NULL);
	act(fx, NULL, "Team", "amira", "tomorrow");
	done = act(fx, &fx->family, "Finished", "tom", "+1d");
	assert_ok(action_done(&fx->ot, &done, NULL, &cause), cause);
	fx->ot.now += 2 * DAY_MS;	/* "Soon" and "Team" are overdue */
	s = actions_of(fx, &af);
	assert_string_equal(s, "Soon!|Team!|Later|Whenever");
	free(s);
	af.all = 1;
	s = actions_of(fx, &af);
	assert_string_equal(s, "Soon!|Team!|Later|Whenever|Finished");
	free(s);
	af.all = 0;
	assert_ok(access_view(&fx->ot, &fx->family, NULL, "a test", &view,
	    &cause), cause);
	af.view = view;
	s = actions_of(fx, &af);
	assert_string_equal(s, "Soon!|Later|Whenever");
	free(s);
	family_view_close(view);
	af.view = NULL;
	af.owner = &fx->tom;
	s = actions_of(fx, &af);
	assert_string_equal(s, "Soon!|Whenever");
	free(s);
}

/*
 * Reading one record by its id is by a view of its family: of family A,
 * a referral, flag, action, person or contact of family B is refused,
 * naming the record, and nothing of it is given; of B, each reads (a
 * contact by its id, corrected since). A team action is of no family: no
 * view of a family reads it. A record that is not there is said so.
 */
static void
assert_not_of(struct fixture *fx, int rc, char **cause, const char *kind,
    const struct id *id)
{
	char	want[ID_REF_MAX + 40];

	(void)fx;
	oneteam_ref(kind, id, want);
	strcat(want, " is not of the family open");
	assert_int_equal(rc, -1);
	assert_message(*cause);
	if (strstr(*cause, want) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", *cause, want);
	free(*cause);
	*cause = NULL;
}

static void
test_get_by_view(void **state)
{
	struct fixture		*fx = *state;
	struct family_view	*va, *vb;
	struct referral_new	 rn;
	struct referral		 r;
	struct flag		 g;
	struct action		 a;
	struct person		 p;
	struct contact_new	 cn;
	struct contact_change	 ch;
	struct contact		 c;
	struct id		 b, ref, fl, ac, team, pe, co, none;
	char			*cause = NULL, *note = NULL;

	b = add_family(fx, "Smith");
	safe_new(&rn, 0);
	assert_ok(referral_raise(&fx->ot, &b, &rn, &ref, &cause), cause);
	fl = flag(fx, &b, "imminent_eviction", NULL);
	ac = act(fx, &b, "Call school", "tom", NULL);
	team = act(fx, NULL, "Book the hall", "tom", NULL);
	pe = add_person(fx, &b, "Jo Smith");
	memset(&cn, 0, sizeof cn);
	cn.kind = "home_visit";
	cn.summary = "Saw Jo";
	cn.reason = "a test of views";
	assert_ok(contact_add(&fx->ot, &b, &cn, &co, &cause), cause);
	memset(&ch, 0, sizeof ch);
	ch.summary = "Saw Jo and mum";
	assert_ok(contact_correct(&fx->ot, &co, &ch, &note, &cause), cause);
	free(note);
	assert_ok(access_view(&fx->ot, &fx->family, NULL, "a test", &va,
	    &cause), cause);
	assert_ok(access_view(&fx->ot, &b, "a test of views", "a test", &vb,
	    &cause), cause);

	assert_not_of(fx, referral_get(&fx->ot, va, &ref, &r, &cause), &cause,
	    "referral", &ref);
	assert_null(r.household);
	assert_not_of(fx, flag_get(&fx->ot, va, &fl, &g, &cause), &cause,
	    "flag", &fl);
	assert_null(g.household);
	assert_not_of(fx, action_get(&fx->ot, va, &ac, &a, &cause), &cause,
	    "action", &ac);
	assert_null(a.what);
	assert_not_of(fx, action_get(&fx->ot, vb, &team, &a, &cause), &cause,
	    "action", &team);
	assert_not_of(fx, person_get(&fx->ot, va, &pe, &p, &cause), &cause,
	    "person", &pe);
	assert_null(p.name);
	assert_not_of(fx, contact_get(&fx->ot, va, &co, &c, &cause), &cause,
	    "contact", &co);
	assert_null(c.summary);
	memset(&none, 0, sizeof none);
	none.b[0] = 1;
	assert_int_equal(referral_get(&fx->ot, va, &none, &r, &cause), -1);
	assert_string_equal(cause, "no such referral");
	free(cause);
	cause = NULL;

	assert_ok(referral_get(&fx->ot, vb, &ref, &r, &cause), cause);
	assert_string_equal(r.household, "Smith");
	referral_clear(&r);
	assert_ok(flag_get(&fx->ot, vb, &fl, &g, &cause), cause);
	assert_string_equal(g.code, "imminent_eviction");
	flag_clear(&g);
	assert_ok(action_get(&fx->ot, vb, &ac, &a, &cause), cause);
	assert_string_equal(a.what, "Call school");
	action_clear(&a);
	assert_ok(person_get(&fx->ot, vb, &pe, &p, &cause), cause);
	assert_string_equal(p.name, "Jo Smith");
	person_clear(&p);
	assert_ok(contact_get(&fx->ot, vb, &co, &c, &cause), cause);
	assert_string_equal(c.summary, "Saw Jo and mum");
	assert_int_equal(c.revision, 2);
	contact_clear(&c);
	family_view_close(va);
	family_view_close(vb);
}

static void
test_refusals_name_fields(void **state)
{
	struct fixture		*fx = *state;
	struct referral_new	 rn;
	struct action_new	 an;
	struct family_change	 c;
	struct family_new	 famn;
	struct contact_new	 cn;
	struct consent_new	 cons;
	struct person_new	 pn;
	struct flag_new		 fn;
	struct id		 id;
	char			*cause = NULL;

	safe_new(&rn, 0);
	rn.basis_reason = NULL;
	assert_field(fx, referral_raise(&fx->ot, &fx->family, &rn, &id,
	    &cause), &cause, "basis_reason");
	safe_new(&rn, 0);
	rn.basis = "consent";
	assert_field(fx, referral_raise(&fx->ot, &fx->family, &rn, &id,
	    &cause), &cause, "basis_reason");
	rn.basis_reason = NULL;
	assert_field(fx, referral_raise(&fx->ot, &fx->family, &rn, &id,
	    &cause), &cause, "basis");
	safe_new(&rn, 0);
	rn.basis = NULL;
	rn.basis_reason = NULL;
	assert_field(fx, referral_raise(&fx->ot, &fx->family, &rn, &id,
	    &cause), &cause, "basis");
	safe_new(&rn, 0);
	rn.due = "yesterday";
	assert_field(fx, referral_raise(&fx->ot, &fx->family, &rn, &id,
	    &cause), &cause, "due");
	/* The checks of the change's field table name theirs too. */
	safe_new(&rn, 0);
	rn.service = "astrology";
	assert_field(fx, referral_raise(&fx->ot, &fx->family, &rn, &id,
	    &cause), &cause, "service");
	safe_new(&rn, 0);
	rn.reason = " ";
	assert_field(fx, referral_raise(&fx->ot, &fx->family, &rn, &id,
	    &cause), &cause, "reason");
	safe_new(&rn, 0);
	rn.urgency = "whenever";
	assert_field(fx, referral_raise(&fx->ot, &fx->family, &rn, &id,
	    &cause), &cause, "urgency");
	safe_new(&rn, 0);
	rn.due = "31/2";
	assert_field(fx, referral_raise(&fx->ot, &fx->family, &rn, &id,
	    &cause), &cause, "due");

	memset(&an, 0, sizeof an);
	an.what = "Call school";
	assert_field(fx, action_add(&fx->ot, &fx->family, &an, &id, &cause),
	    &cause, "owner");
	an.owner = "Zed";
	assert_field(fx, action_add(&fx->ot, &fx->family, &an, &id, &cause),
	    &cause, "owner");
	an.owner = "tom";
	an.due = "yesterday";
	assert_field(fx, action_add(&fx->ot, &fx->family, &an, &id, &cause),
	    &cause, "due");
	memset(&fn, 0, sizeof fn);
	fn.code = "alien abduction";
	assert_field(fx, flag_raise(&fx->ot, &fx->family, &fn, &id, &cause),
	    &cause, "code");
	fn.code = "Child missing";
	fn.at = "tomorrow 10am";
	assert_field(fx, flag_raise(&fx->ot, &fx->family, &fn, &id, &cause),
	    &cause, "at");

	memset(&c, 0, sizeof c);
	c.status = "closed";
	assert_field(fx, family_change(&fx->ot, &fx->family, &c, &cause),
	    &cause, "end_reason");
	memset(&c, 0, sizeof c);
	c.end_reason = "outcomes_met";
	assert_field(fx, family_change(&fx->ot, &fx->family, &c, &cause),
	    &cause, "status");
	memset(&c, 0, sizeof c);
	c.status = "maybe";
	assert_field(fx, family_change(&fx->ot, &fx->family, &c, &cause),
	    &cause, "status");
	memset(&c, 0, sizeof c);
	c.level = "9";
	assert_field(fx, family_change(&fx->ot, &fx->family, &c, &cause),
	    &cause, "level");
	memset(&c, 0, sizeof c);
	c.lead = "Nobody";
	assert_field(fx, family_change(&fx->ot, &fx->family, &c, &cause),
	    &cause, "lead");
	memset(&c, 0, sizeof c);
	c.household = " ";
	assert_field(fx, family_change(&fx->ot, &fx->family, &c, &cause),
	    &cause, "household");
	memset(&c, 0, sizeof c);
	c.next_review = "31/2";
	assert_field(fx, family_change(&fx->ot, &fx->family, &c, &cause),
	    &cause, "next_review");
	memset(&famn, 0, sizeof famn);
	famn.household = "Ng family";
	famn.postcode = "a postcode far too long to be one";
	assert_field(fx, family_add(&fx->ot, &famn, &id, &cause), &cause,
	    "postcode");
	famn.postcode = NULL;
	famn.household = NULL;
	assert_field(fx, family_add(&fx->ot, &famn, &id, &cause), &cause,
	    "household");

	memset(&fn, 0, sizeof fn);
	fn.code = "Child missing";
	assert_int_equal(flag_raise(&fx->ot, &fx->family, &fn, &id, &cause),
	    0);
	assert_field(fx, flag_resolve(&fx->ot, &id, NULL, &cause), &cause,
	    "note");

	memset(&cn, 0, sizeof cn);
	cn.kind = "phone";
	assert_field(fx, contact_add(&fx->ot, &fx->family, &cn, &id, &cause),
	    &cause, "summary");
	cn.follow_up = "31/2";
	assert_field(fx, contact_add(&fx->ot, &fx->family, &cn, &id, &cause),
	    &cause, "follow_up");

	memset(&cons, 0, sizeof cons);
	cons.state = "given";
	cons.given_by = "Sadia Khan";
	assert_field(fx, consent_record(&fx->ot, &fx->family, &cons, &id,
	    &cause), &cause, "scope");
	cons.state = "maybe";
	assert_field(fx, consent_record(&fx->ot, &fx->family, &cons, &id,
	    &cause), &cause, "state");

	memset(&pn, 0, sizeof pn);
	pn.name = "Zara Khan";
	pn.relationship = "cousin";
	assert_field(fx, person_add(&fx->ot, &fx->family, &pn, &id, &cause),
	    &cause, "relationship");
	pn.relationship = "child";
	pn.dob = "tomorrow";
	assert_field(fx, person_add(&fx->ot, &fx->family, &pn, &id, &cause),
	    &cause, "dob");

	/* A refusal of no field forgets the one before. */
	assert_int_equal(oneteam_refuse(&fx->ot, &cause, "no"), -1);
	assert_null(fx->ot.fault_field);
	free(cause);
}

/* A change's field table: each field named once, worded, and reached. */
static void
test_field_table(void **state)
{
	const struct field_table	*ft;
	const struct field_def		*fd;
	struct referral_new		 rn;
	char				 option[64];
	size_t				 i, j;

	(void)state;
	field_option("basis_reason", option, sizeof option);
	assert_string_equal(option, "--basis-reason");
	ft = field_table_of("referral", "raise");
	assert_ptr_equal(ft, &field_referral_raise);
	assert_ptr_equal(field_table_of("family", "set"), &field_family_set);
	assert_null(field_table_of("referral", "juggle"));
	for (i = 0; i < ft->n; i++) {
		fd = &ft->fields[i];
		assert_non_null(fd->label);
		assert_non_null(fd->help);
		assert_ptr_equal(field_find(ft, fd->name), fd);
		for (j = 0; j < i; j++)
			assert_string_not_equal(ft->fields[j].name, fd->name);
		/* Its offset is its own: set, it is read back there. */
		memset(&rn, 0, sizeof rn);
		field_set(fd, &rn, "x");
		if (fd->kind == FIELD_YES)
			assert_int_equal(rn.draft, 1);
		else
			assert_string_equal(field_get(fd, &rn), "x");
	}
	memset(&rn, 0, sizeof rn);
	field_set(&ft->fields[FR_BASIS_REASON], &rn, "why");
	assert_string_equal(rn.basis_reason, "why");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, fixture_setup_utf8, \
	    fixture_teardown)
		T(test_status_names),
		T(test_can_move_table),
		T(test_class),
		T(test_moves_sql),
		T(test_every_move),
		T(test_refused_move_says_what_may_follow),
		T(test_raise_records_all),
		T(test_due_by_urgency),
		T(test_raise_refusals),
		T(test_child_by_reference),
		T(test_consent_basis),
		T(test_consent_basis_same_day),
		T(test_safeguarding_basis),
		T(test_draft_then_send),
		T(test_update_dates),
		T(test_outcome_and_history),
		T(test_waiting_list),
		T(test_list_mine),
		T(test_for_agency_rule),
		T(test_for_agency_builtin),
		T(test_list_agency),
		T(test_flag_raise),
		T(test_flag_ack_resolve),
		T(test_flag_list_order),
		T(test_action_rules),
		T(test_action_list),
		T(test_get_by_view),
		T(test_refusals_name_fields),
		T(test_field_table),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
