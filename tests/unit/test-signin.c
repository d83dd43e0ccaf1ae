/*
 * Unit tests for signin.c: a passphrase is kept only as its hash, is
 * checked, is refused when short; wrong ones in a row make the account
 * wait, longer each time, with the clock injected; a right one ends the
 * waiting; a disabled account or one with no passphrase cannot sign in;
 * sessions of the command line end unused, closed or disabled; the
 * table of who is at work (atwork.c) has a verdict for every way of
 * asking and every state, the same for the screens and the command line;
 * only an administrator keeps an administrator's account, and no two
 * accounts have names that read alike, nor one the first words of
 * another's.
 * Each test has a fresh fixture: Amira Khan at work, Tom Brennan, and the
 * clock at 2026-03-12 09:30.
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
#include <sqlite3.h>

#include "fixture.h"
#include "oneteam/atwork.h"
#include "oneteam/authority.h"
#include "oneteam/kinds.h"
#include "oneteam/op.h"
#include "oneteam/signin.h"
#include "oneteam/staff.h"
#include "oneteam/store.h"
#include "oneteam/xmalloc.h"

#define TOM_PASS	"kettle on by nine"
#define SECOND		INT64_C(1000)

/* Check pass for staff: 0 or -1, the cause freed, the wait in *wait. */
static int
check(struct fixture *fx, const struct id *staff, const char *pass,
    int64_t *wait, char **said)
{
	char	*cause = NULL;
	int	 rc;

	rc = signin_check(&fx->ot, staff, pass, strlen(pass), wait, &cause);
	if (said != NULL)
		*said = cause;
	else
		free(cause);
	return rc;
}

static void
test_set_and_check(void **state)
{
	struct fixture	*fx = *state;
	sqlite3		*db;
	sqlite3_stmt	*st;
	char		*cause = NULL, *said;
	int64_t		 wait;

	assert_int_equal(signin_has(&fx->ot, &fx->tom, &cause), 0);
	assert_int_equal(check(fx, &fx->tom, TOM_PASS, &wait, &said), -1);
	assert_non_null(strstr(said, "no passphrase is set"));
	free(said);

	assert_int_equal(signin_set(&fx->ot, &fx->tom, "too short", 9,
	    &cause), -1);
	assert_non_null(strstr(cause, "at least 10 characters"));
	free(cause);
	cause = NULL;
	assert_ok(signin_set(&fx->ot, &fx->tom, TOM_PASS, strlen(TOM_PASS),
	    &cause), cause);
	assert_int_equal(signin_has(&fx->ot, &fx->tom, &cause), 1);
	assert_int_equal(check(fx, &fx->tom, TOM_PASS, &wait, NULL), 0);
	assert_int_equal(check(fx, &fx->tom, "kettle on by ten", &wait,
	    &said), -1);
	assert_string_equal(said, "wrong passphrase");
	free(said);
	/* One's passphrase is not another's. */
	assert_int_equal(check(fx, &fx->amira, TOM_PASS, &wait, NULL), -1);

	/* Only the hash, Argon2id, with the key it makes, is kept: not the
	 * passphrase. */
	assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT passhash FROM staff "
	    "WHERE passhash IS NOT NULL", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_true(strncmp((const char *)sqlite3_column_text(st, 0),
	    "$oneteam-key$v=1$", 17) == 0);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	/* (The search finds what is there.) */
	assert_true(fixture_file_holds(fx->db, "$oneteam-key$v=1$"));
	assert_false(fixture_file_holds(fx->db, TOM_PASS));
}

/* One's own passphrase, or a coordinator anyone's but an administrator's,
 * whose key signs admissions: that is an administrator's. */
static void
test_who_sets(void **state)
{
	struct fixture	*fx = *state;
	char		*cause = NULL;

	fx->ot.me = fx->tom;
	assert_int_equal(signin_set(&fx->ot, &fx->amira, "not tom's to set",
	    16, &cause), -1);
	assert_string_equal(cause, "only an administrator sets another's "
	    "passphrase");
	free(cause);
	cause = NULL;
	assert_int_equal(signin_has(&fx->ot, &fx->amira, &cause), 0);
	assert_ok(signin_set(&fx->ot, &fx->tom, TOM_PASS, strlen(TOM_PASS),
	    &cause), cause);
	fx->ot.me = fx->amira;
	assert_ok(signin_set(&fx->ot, &fx->tom, "amira set this one", 18,
	    &cause), cause);
	assert_int_equal(signin_check(&fx->ot, &fx->tom, TOM_PASS,
	    strlen(TOM_PASS), &(int64_t){ 0 }, &cause), -1);
	free(cause);
}

/* Refused with cause, which is freed. */
static void
refused(int rc, char **cause, const char *want)
{
	assert_int_equal(rc, -1);
	assert_string_equal(*cause, want);
	free(*cause);
	*cause = NULL;
}

/*
 * An administrator's account is an administrator's to keep: Cara, a
 * coordinator of Amira's own locality, does not disable, merge or
 * rename her, change her role, or make an administrator, though she keeps
 * Tom's account; Amira does each to another administrator.
 */
static void
test_who_keeps_an_administrator(void **state)
{
	struct fixture		*fx = *state;
	struct staff_new	 sn;
	struct staff		 s;
	struct id		 cara, pat;
	char			*cause = NULL;
	int			 families, actions;

	memset(&sn, 0, sizeof sn);
	sn.name = "Cara Mills";
	sn.role = "locality_coordinator";
	sn.agency = "early_help";
	sn.coordinator = 1;
	assert_ok(staff_add(&fx->ot, &sn, &cara, &cause), cause);
	atwork_admit(&fx->ot, &cara, ATWORK_PROOF_NONE_YET);
	refused(staff_disable(&fx->ot, &fx->amira, &cause), &cause,
	    "only an administrator disables an account");
	refused(staff_merge(&fx->ot, &fx->amira, &fx->tom, &families,
	    &actions, &cause), &cause, "only an administrator merges a "
	    "member added twice");
	refused(authority_need_role(&fx->ot, "staff", &fx->amira, "role",
	    NULL, NULL, &cause), &cause, "only an administrator sets a "
	    "member's role");
	refused(authority_need_role(&fx->ot, "staff", &fx->amira, "name",
	    NULL, NULL, &cause), &cause, "only an administrator names a "
	    "member of staff");
	refused(signin_set(&fx->ot, &fx->amira, "not cara's to set", 17,
	    &cause), &cause, "only an administrator sets another's "
	    "passphrase");
	sn.name = "Pat Quinn";
	sn.coordinator = 0;
	sn.admin = 1;
	refused(staff_add(&fx->ot, &sn, &pat, &cause), &cause,
	    "only an administrator makes another");
	assert_ok(staff_get(&fx->ot, &fx->amira, &s, &cause), cause);
	assert_true(s.active && id_is_zero(&s.same_as));
	staff_clear(&s);
	assert_ok(staff_disable(&fx->ot, &fx->tom, &cause), cause);

	atwork_admit(&fx->ot, &fx->amira, ATWORK_PROOF_NONE_YET);
	assert_ok(staff_add(&fx->ot, &sn, &pat, &cause), cause);
	assert_ok(signin_set(&fx->ot, &pat, "amira set this one", 18,
	    &cause), cause);
	assert_ok(staff_disable(&fx->ot, &pat, &cause), cause);
	assert_ok(staff_get(&fx->ot, &pat, &s, &cause), cause);
	assert_false(s.active);
	staff_clear(&s);
}

/*
 * A new name that reads as an account's already, disabled or not, is
 * refused naming the field and that account; a name is kept trimmed,
 * its words one space apart.
 */
static void
test_names_alike(void **state)
{
	static const char *const alike[] = {
		"Tom Brennan", "tom brennan", "Tom  Brennan", " Tom Brennan",
		"TOM BRENNAN ",
	};
	struct fixture		*fx = *state;
	struct staff_new	 sn;
	struct staff		 s;
	struct id		 id;
	char			*cause = NULL;
	size_t			 i;

	memset(&sn, 0, sizeof sn);
	sn.role = "early_help_worker";
	sn.agency = "early_help";
	for (i = 0; i < sizeof alike / sizeof alike[0]; i++) {
		sn.name = alike[i];
		assert_int_equal(staff_add(&fx->ot, &sn, &id, &cause), -1);
		assert_non_null(strstr(cause, ": Tom Brennan (S-"));
		assert_non_null(strstr(cause, ") has that name already"));
		assert_field(fx, -1, &cause, "name");
	}
	assert_ok(staff_disable(&fx->ot, &fx->tom, &cause), cause);
	sn.name = "tom brennan";
	assert_int_equal(staff_add(&fx->ot, &sn, &id, &cause), -1);
	assert_field(fx, -1, &cause, "name");
	sn.name = "  Tom   Brennan-Shaw ";
	assert_ok(staff_add(&fx->ot, &sn, &id, &cause), cause);
	assert_ok(staff_get(&fx->ot, &id, &s, &cause), cause);
	assert_string_equal(s.name, "Tom Brennan-Shaw");
	staff_clear(&s);
	sn.name = "Tom Brennan Shaw";
	assert_ok(staff_add(&fx->ot, &sn, &id, &cause), cause);
}

/*
 * A new name that reads as an account's first words, disabled or not, is
 * refused naming the field and that account: a look-up finds an exact
 * name first, so "tom" would find the new one, not Tom Brennan. A name
 * the same as one account's is told as that, before one it starts.
 */
static void
test_names_first_words(void **state)
{
	static const char *const first[] = { "Tom", "tom ", "  TOM" };
	struct fixture		*fx = *state;
	struct staff_new	 sn;
	struct id		 id, uma;
	char			*cause = NULL;
	size_t			 i;

	memset(&sn, 0, sizeof sn);
	sn.role = "early_help_worker";
	sn.agency = "early_help";
	for (i = 0; i < sizeof first / sizeof first[0]; i++) {
		sn.name = first[i];
		assert_int_equal(staff_add(&fx->ot, &sn, &id, &cause), -1);
		assert_non_null(strstr(cause, "\": Tom Brennan (S-"));
		assert_non_null(strstr(cause, ") is found by that name "
		    "already"));
		assert_field(fx, -1, &cause, "name");
		assert_ok(staff_lookup(&fx->ot, "tom", &id, &cause), cause);
		assert_int_equal(id_cmp(&id, &fx->tom), 0);
	}
	assert_ok(staff_disable(&fx->ot, &fx->tom, &cause), cause);
	sn.name = "Tom";
	assert_int_equal(staff_add(&fx->ot, &sn, &id, &cause), -1);
	assert_field(fx, -1, &cause, "name");
	/* Whole words only: "Tomas" starts no name's first word. */
	sn.name = "Tomas";
	assert_ok(staff_add(&fx->ot, &sn, &id, &cause), cause);
	/* Uma first, then Uma Patel (a name starting hers is not hers). */
	sn.name = "Uma";
	assert_ok(staff_add(&fx->ot, &sn, &uma, &cause), cause);
	sn.name = "Uma Patel";
	assert_ok(staff_add(&fx->ot, &sn, &id, &cause), cause);
	sn.name = "uma";
	assert_int_equal(staff_add(&fx->ot, &sn, &id, &cause), -1);
	assert_non_null(strstr(cause, "name \"uma\": Uma (S-"));
	assert_non_null(strstr(cause, ") has that name already"));
	assert_field(fx, -1, &cause, "name");
}

/* A disabled account cannot sign in, its right passphrase or not. */
static void
test_disabled(void **state)
{
	struct fixture	*fx = *state;
	char		*cause = NULL, *said;
	int64_t		 wait;

	assert_ok(signin_set(&fx->ot, &fx->tom, TOM_PASS, strlen(TOM_PASS),
	    &cause), cause);
	assert_ok(staff_disable(&fx->ot, &fx->tom, &cause), cause);
	assert_int_equal(check(fx, &fx->tom, TOM_PASS, &wait, &said), -1);
	assert_string_equal(said, "this account is disabled");
	free(said);
}

static void
test_waiting(void **state)
{
	struct fixture	*fx = *state;
	char		*cause = NULL, *said;
	int64_t		 wait, start = fx->ot.now;
	int		 i;

	assert_ok(signin_set(&fx->ot, &fx->tom, TOM_PASS, strlen(TOM_PASS),
	    &cause), cause);
	/* Four wrong: no waiting yet; the fifth starts 30 s. */
	for (i = 0; i < SIGNIN_TRIES - 1; i++) {
		assert_int_equal(check(fx, &fx->tom, "not the one at all",
		    &wait, NULL), -1);
		assert_int_equal(wait, 0);
	}
	assert_int_equal(check(fx, &fx->tom, "not the one at all", &wait,
	    &said), -1);
	assert_int_equal(wait, 30 * SECOND);
	assert_string_equal(said, "too many wrong passphrases: wait 30 "
	    "seconds and try again");
	free(said);
	/* While it waits, even the right one is refused, and not counted. */
	fx->ot.now = start + 29 * SECOND;
	assert_int_equal(check(fx, &fx->tom, TOM_PASS, &wait, NULL), -1);
	assert_int_equal(wait, 1 * SECOND);
	/* After, five more wrong: 60 s, then 120 s. */
	fx->ot.now = start + 30 * SECOND;
	for (i = 0; i < SIGNIN_TRIES; i++)
		check(fx, &fx->tom, "still not it, sorry", &wait, NULL);
	assert_int_equal(wait, 60 * SECOND);
	fx->ot.now += 60 * SECOND;
	for (i = 0; i < SIGNIN_TRIES - 1; i++)
		check(fx, &fx->tom, "still not it, sorry", &wait, NULL);
	check(fx, &fx->tom, "still not it, sorry", &wait, &said);
	assert_int_equal(wait, 120 * SECOND);
	assert_string_equal(said, "too many wrong passphrases: wait 2 "
	    "minutes and try again");
	free(said);
	/* The right one after the wait ends it: four wrong are free again. */
	fx->ot.now += 120 * SECOND;
	assert_int_equal(check(fx, &fx->tom, TOM_PASS, &wait, NULL), 0);
	for (i = 0; i < SIGNIN_TRIES - 1; i++)
		check(fx, &fx->tom, "not the one at all", &wait, NULL);
	assert_int_equal(wait, 0);
	/* Another's account does not wait for Tom's. */
	assert_ok(signin_set(&fx->ot, &fx->amira, "amira's long phrase", 19,
	    &cause), cause);
	assert_int_equal(check(fx, &fx->amira, "amira's long phrase", &wait,
	    NULL), 0);
}

static void
test_waiting_grows_to_an_hour(void **state)
{
	struct fixture	*fx = *state;
	char		*cause = NULL;
	int64_t		 wait = 0;
	int		 round, i;

	assert_ok(signin_set(&fx->ot, &fx->tom, TOM_PASS, strlen(TOM_PASS),
	    &cause), cause);
	for (round = 0; round < 12; round++) {
		fx->ot.now += wait;
		for (i = 0; i < SIGNIN_TRIES; i++)
			check(fx, &fx->tom, "a guess, and wrong", &wait, NULL);
	}
	assert_int_equal(wait, SIGNIN_WAIT_MAX);
}

/* How many rows a table holds. */
static int64_t
rows(struct fixture *fx, const char *sql)
{
	struct query	*q;

	q = query_prepare(fx->ot.st, sql);
	return query_count(q);
}

/*
 * A session stands for Tom until it goes unused for the idle minutes
 * (5), is closed, or he is disabled; only its token's hash is kept; a
 * token not of a session, or not a token at all, finds nobody.
 */
static void
test_sessions(void **state)
{
	struct fixture	*fx = *state;
	char		 token[SIGNIN_TOKEN_HEX], other[SIGNIN_TOKEN_HEX];
	char		*cause = NULL;
	struct id	 who;
	int64_t		 trail, wait;

	assert_ok(signin_set(&fx->ot, &fx->tom, TOM_PASS, strlen(TOM_PASS),
	    &cause), cause);
	/* As the signin command: the passphrase, then the session, which
	 * keeps the key it made. */
	assert_int_equal(check(fx, &fx->tom, TOM_PASS, &wait, NULL), 0);
	assert_ok(signin_session_open(&fx->ot, &fx->tom, token, &cause),
	    cause);
	assert_int_equal(strlen(token), SIGNIN_TOKEN_HEX - 1);
	assert_int_equal(signin_session_find(&fx->ot, token, 1, &who,
	    &cause), 1);
	assert_int_equal(id_cmp(&who, &fx->tom), 0);
	/* Used at 4 minutes: alive at 8, from then. */
	fx->ot.now += 4 * 60 * SECOND;
	assert_int_equal(signin_session_find(&fx->ot, token, 1, &who,
	    &cause), 1);
	fx->ot.now += 4 * 60 * SECOND;
	assert_int_equal(signin_session_find(&fx->ot, token, 0, &who,
	    &cause), 1);
	/* Not marked used (read only): 5 minutes and a second later, gone. */
	fx->ot.now += 60 * SECOND + SECOND;
	assert_int_equal(signin_session_find(&fx->ot, token, 1, &who,
	    &cause), 0);
	assert_true(id_is_zero(&who));

	assert_ok(signin_session_open(&fx->ot, &fx->tom, token, &cause),
	    cause);
	assert_ok(signin_session_open(&fx->ot, &fx->amira, other, &cause),
	    cause);
	assert_string_not_equal(token, other);
	assert_ok(signin_session_close(&fx->ot, other, &cause), cause);
	assert_int_equal(signin_session_find(&fx->ot, other, 1, &who,
	    &cause), 0);
	assert_int_equal(signin_session_find(&fx->ot, token, 1, &who,
	    &cause), 1);
	assert_int_equal(signin_session_find(&fx->ot, "not a token", 1, &who,
	    &cause), 0);
	other[0] = other[0] == 'a' ? 'b' : 'a';
	assert_int_equal(signin_session_find(&fx->ot, other, 1, &who,
	    &cause), 0);
	assert_int_equal(rows(fx, "SELECT count(*) FROM signin_session"), 1);
	assert_false(fixture_file_holds(fx->db, token));

	/* Disabled, Tom's session ends with his account. */
	assert_ok(staff_disable(&fx->ot, &fx->tom, &cause), cause);
	assert_int_equal(signin_session_find(&fx->ot, token, 1, &who,
	    &cause), 0);

	/* Checking without writing: nothing on the trail, right or wrong. */
	assert_ok(signin_set(&fx->ot, &fx->amira, TOM_PASS, strlen(TOM_PASS),
	    &cause), cause);
	trail = rows(fx, "SELECT count(*) FROM audit");
	assert_ok(signin_verify(&fx->ot, &fx->amira, TOM_PASS,
	    strlen(TOM_PASS), &cause), cause);
	assert_int_equal(signin_verify(&fx->ot, &fx->amira, "not it at all",
	    13, &cause), -1);
	assert_non_null(strstr(cause, "wrong passphrase"));
	free(cause);
	cause = NULL;
	assert_int_equal(signin_verify(&fx->ot, &fx->tom, TOM_PASS,
	    strlen(TOM_PASS), &cause), -1);
	assert_non_null(strstr(cause, "disabled"));
	free(cause);
	assert_int_equal(rows(fx, "SELECT count(*) FROM audit"), trail);
}

/*
 * The table of who is at work (atwork.c): every way of asking meets
 * every state in exactly one row, with a verdict; an admission names
 * its proof, a refusal its reason; and the screens and the command line
 * give the same verdict for the same account.
 */
static void
test_atwork_table(void **state)
{
	static const enum atwork_how fronts[] = { ATWORK_SCREEN,
	    ATWORK_UNLOCK, ATWORK_NAMED, ATWORK_SIGNIN };
	const struct atwork_rule	*rules, *r, *first;
	size_t				 n, i, k;
	int				 how, st;

	(void)state;
	rules = atwork_rules(&n);
	assert_int_equal(n, ATWORK_HOWS * ATWORK_STATES);
	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			assert_false(rules[i].how == rules[k].how &&
			    rules[i].state == rules[k].state);
	for (how = 0; how < ATWORK_HOWS; how++)
		for (st = 0; st < ATWORK_STATES; st++) {
			r = atwork_rule(how, st);
			assert_non_null(r);
			switch (r->verdict) {
			case ATWORK_ADMIT:
				assert_int_not_equal(r->proof,
				    ATWORK_PROOF_NOBODY);
				break;
			case ATWORK_ASK:
				assert_int_equal(r->proof,
				    ATWORK_PROOF_PASSPHRASE);
				break;
			case ATWORK_REFUSE:
				assert_int_not_equal(r->why, ATWORK_WHY_NONE);
				break;
			default:
				fail_msg("row %d, %d has no verdict", how, st);
			}
		}
	/* The screens and the command line agree, state by state. */
	for (st = 0; st < ATWORK_STATES; st++) {
		first = atwork_rule(fronts[0], st);
		for (i = 1; i < sizeof fronts / sizeof fronts[0]; i++) {
			r = atwork_rule(fronts[i], st);
			assert_int_equal(r->verdict, first->verdict);
			assert_int_equal(r->proof, first->proof);
		}
	}
	/* No passphrase yet: in, taken at their word, however asked. */
	for (how = 0; how < ATWORK_HOWS; how++) {
		r = atwork_rule(how, ATWORK_NONE_YET);
		assert_int_equal(r->verdict, ATWORK_ADMIT);
		assert_int_equal(r->proof, ATWORK_PROOF_NONE_YET);
	}
}

/* Decide for tom asked how: the verdict, or -1 with the cause freed. */
static int
decide(struct fixture *fx, enum atwork_how how, struct atwork *a)
{
	char	*cause = NULL;
	int	 rc;

	rc = atwork_decide(&fx->ot, how, &fx->tom, a, &cause);
	free(cause);
	return rc == 0 ? (int)a->verdict : -1;
}

/* atwork_decide() reads the account's state as the table says. */
static void
test_atwork_decide(void **state)
{
	struct fixture	*fx = *state;
	struct atwork	 a;
	char		*cause = NULL;
	int		 how, i;

	for (how = 0; how < ATWORK_HOWS; how++) {
		assert_int_equal(decide(fx, how, &a), ATWORK_ADMIT);
		assert_int_equal(a.state, ATWORK_NONE_YET);
		assert_int_equal(a.proof, ATWORK_PROOF_NONE_YET);
	}
	atwork_admit(&fx->ot, &fx->tom, a.proof);
	assert_int_equal(id_cmp(&fx->ot.me, &fx->tom), 0);
	assert_int_equal(fx->ot.me_proof, ATWORK_PROOF_NONE_YET);
	atwork_admit(&fx->ot, &fx->amira, ATWORK_PROOF_PASSPHRASE);

	assert_ok(signin_set(&fx->ot, &fx->tom, TOM_PASS, strlen(TOM_PASS),
	    &cause), cause);
	assert_int_equal(decide(fx, ATWORK_SCREEN, &a), ATWORK_ASK);
	assert_int_equal(decide(fx, ATWORK_NAMED, &a), ATWORK_ASK);
	assert_int_equal(decide(fx, ATWORK_SESSION, &a), ATWORK_ADMIT);
	assert_int_equal(a.proof, ATWORK_PROOF_SESSION);
	for (i = 0; i < SIGNIN_TRIES; i++)
		assert_int_equal(check(fx, &fx->tom, "not it at all", &a.wait_ms,
		    NULL), -1);
	assert_int_equal(decide(fx, ATWORK_SIGNIN, &a), ATWORK_ASK);
	assert_int_equal(a.state, ATWORK_WAITING);
	assert_true(a.wait_ms > 0);
	assert_int_equal(decide(fx, ATWORK_SESSION, &a), ATWORK_ADMIT);

	assert_int_equal(atwork_decide(&fx->ot, ATWORK_SESSION, NULL, &a,
	    &cause), -1);
	assert_non_null(strstr(cause, "ended"));
	free(cause);
	cause = NULL;

	assert_ok(staff_disable(&fx->ot, &fx->tom, &cause), cause);
	for (how = 0; how < ATWORK_HOWS; how++) {
		assert_int_equal(atwork_decide(&fx->ot, how, &fx->tom, &a,
		    &cause), -1);
		assert_string_equal(cause, "the account of Tom Brennan is "
		    "disabled");
		free(cause);
		cause = NULL;
	}
}

/*
 * A passphrase set at another site ends the sessions here when its
 * change arrives: folded as an import folds it, with no command of this
 * site to end them.
 */
static void
test_session_ends_with_a_passphrase_from_afar(void **state)
{
	struct fixture	*fx = *state;
	char		 token[SIGNIN_TOKEN_HEX];
	char		*cause = NULL;
	struct id	 who;
	struct val	 v = val_text("$argon2id$v=19$from-another-site");
	int64_t		 wait;

	assert_ok(signin_set(&fx->ot, &fx->tom, TOM_PASS, strlen(TOM_PASS),
	    &cause), cause);
	/* As the signin command: the passphrase, then the session, which
	 * keeps the key it made. */
	assert_int_equal(check(fx, &fx->tom, TOM_PASS, &wait, NULL), 0);
	assert_ok(signin_session_open(&fx->ot, &fx->tom, token, &cause),
	    cause);
	assert_int_equal(signin_session_find(&fx->ot, token, 1, &who,
	    &cause), 1);
	assert_ok(store_begin(fx->ot.st, &cause), cause);
	assert_ok(store_set(fx->ot.st, "staff", &fx->tom, "passhash", &v,
	    &cause), cause);
	assert_ok(store_commit(fx->ot.st, &cause), cause);
	assert_int_equal(signin_session_find(&fx->ot, token, 1, &who,
	    &cause), 0);
}

/* Which way of asking: a session stands for its own name only, and
 * only the one who locked the screens unlocks them. */
static void
test_atwork_how(void **state)
{
	struct fixture	*fx = *state;

	assert_int_equal(atwork_how_command(1, &fx->tom, &fx->tom),
	    ATWORK_SESSION);
	assert_int_equal(atwork_how_command(1, &fx->tom, &fx->amira),
	    ATWORK_NAMED);
	assert_int_equal(atwork_how_command(0, &fx->tom, &fx->tom),
	    ATWORK_NAMED);
	assert_int_equal(atwork_how_screen(1, &fx->tom, &fx->tom),
	    ATWORK_UNLOCK);
	assert_int_equal(atwork_how_screen(1, &fx->tom, &fx->amira),
	    ATWORK_SCREEN);
	assert_int_equal(atwork_how_screen(0, &fx->tom, &fx->tom),
	    ATWORK_SCREEN);
}

/* Every row of who may set what names a field of the registry, a
 * field that can be set (a register), and a merged text's field. */
static void
test_authority_table(void **state)
{
	const struct authority_rule	*rules;
	const struct kind		*k;
	size_t				 n, i, j;

	(void)state;
	rules = authority_rules(&n);
	for (i = 0; i < n; i++) {
		k = kinds_get(rules[i].etype);
		assert_non_null(k);
		for (j = 0; j < k->nfields; j++)
			if (strcmp(k->fields[j].name, rules[i].field) == 0)
				break;
		assert_true(j < k->nfields);
		assert_true(k->fields[j].reg);
		if (rules[i].merge != NULL)
			assert_non_null(authority_merge(rules[i].etype,
			    rules[i].field));
	}
	assert_true(authority_secret("staff", "passhash"));
	assert_false(authority_secret("family", "household"));
}

/* The rule is asked as whoever is at work: a practitioner may not keep
 * a lead nor set another's passphrase; a coordinator may; one's own
 * passphrase is one's own. */
static void
test_authority_roles(void **state)
{
	struct fixture	*fx = *state;
	char		*cause = NULL;

	atwork_admit(&fx->ot, &fx->tom, ATWORK_PROOF_NONE_YET);
	assert_int_equal(authority_need_role(&fx->ot, "staff", &fx->amira,
	    "passhash", NULL, NULL, &cause), -1);
	assert_string_equal(cause, "only an administrator sets another's "
	    "passphrase");
	free(cause);
	cause = NULL;
	assert_ok(authority_need_role(&fx->ot, "staff", &fx->tom,
	    "passhash", NULL, NULL, &cause), cause);
	assert_int_equal(authority_need_role(&fx->ot, "family", &fx->tom,
	    "status", "closed", NULL, &cause), -1);
	free(cause);
	cause = NULL;
	assert_ok(authority_need_role(&fx->ot, "family", &fx->tom,
	    "status", "open", NULL, &cause), cause);
	atwork_admit(&fx->ot, &fx->amira, ATWORK_PROOF_NONE_YET);
	assert_ok(authority_need_role(&fx->ot, "family", &fx->tom, "lead",
	    NULL, NULL, &cause), cause);
}

/* The version of the last change to a field of a record of staff. */
static int
last_version(struct fixture *fx, const char *field)
{
	struct query	*q;
	int		 v;

	q = query_prepare(fx->ot.st, "SELECT unicode(enc) FROM op WHERE "
	    "etype = 'staff' AND field = ?1 ORDER BY seq DESC LIMIT 1");
	query_bind_text(q, 1, field);
	v = query_step(q) == 1 ? (int)query_int(q, 0) : -1;
	query_done(q);
	return v;
}

/*
 * A passphrase gives its member a key (signin.h): the record keeps its
 * public half; a right passphrase sets the secret to sign with, and a
 * change only some may make is then signed by its author (version 3). A
 * change in a keyed member's name that they did not sign is refused by
 * the judge. A session keeps the key, sealed by its token; one kept
 * without it has ended. A hash from before keys still checks, and gives
 * none: its member is taken at their word, as before.
 */
static void
test_keys(void **state)
{
	struct fixture	*fx = *state;
	char		 token[SIGNIN_TOKEN_HEX], old[crypto_pwhash_STRBYTES];
	char		*cause = NULL, *hash = NULL;
	uint8_t		 pk[SIGNIN_PK_LEN];
	struct query	*q;
	struct id	 who;
	struct val	 on = val_int(1);
	int64_t		 wait;

	assert_ok(signin_set(&fx->ot, &fx->tom, TOM_PASS, strlen(TOM_PASS),
	    &cause), cause);
	q = query_prepare(fx->ot.st, "SELECT passhash FROM staff WHERE "
	    "id = ?1");
	query_bind_id(q, 1, &fx->tom);
	assert_int_equal(query_step(q), 1);
	hash = xstrdup(query_text(q, 0));
	query_done(q);
	assert_int_equal(signin_key_of(hash, pk), 1);
	free(hash);
	/* Amira sets it (hers has no passphrase: taken at her word). */
	assert_int_equal(last_version(fx, "passhash"), OP_VERSION);
	assert_null(store_signer(fx->ot.st, &fx->tom));
	assert_int_equal(check(fx, &fx->tom, TOM_PASS, &wait, NULL), 0);
	assert_non_null(store_signer(fx->ot.st, &fx->tom));

	/* Tom, at work, changes his own: signed, with the key he had. */
	atwork_admit(&fx->ot, &fx->tom, ATWORK_PROOF_PASSPHRASE);
	assert_ok(signin_set(&fx->ot, &fx->tom, "kettle on by ten",
	    strlen("kettle on by ten"), &cause), cause);
	assert_int_equal(last_version(fx, "passhash"), OP_VERSION_SIGNED);
	/* In his name, not signed: refused as the fold would refuse it. */
	store_set_signer(fx->ot.st, NULL, NULL);
	assert_ok(store_begin(fx->ot.st, &cause), cause);
	assert_int_equal(store_set(fx->ot.st, "staff", &fx->tom,
	    "coordinator", &on, &cause), -1);
	store_rollback(fx->ot.st);
	assert_non_null(strstr(cause, "its author did not sign it"));
	free(cause);
	cause = NULL;

	/* A session keeps his key; without it, it has ended. */
	assert_int_equal(check(fx, &fx->tom, "kettle on by ten", &wait, NULL),
	    0);
	assert_ok(signin_session_open(&fx->ot, &fx->tom, token, &cause),
	    cause);
	store_set_signer(fx->ot.st, NULL, NULL);
	assert_int_equal(signin_session_find(&fx->ot, token, 1, &who,
	    &cause), 1);
	assert_non_null(store_signer(fx->ot.st, &fx->tom));
	q = query_prepare(fx->ot.st, "UPDATE signin_session SET seal = NULL");
	assert_int_equal(query_step(q), 0);
	query_done(q);
	assert_int_equal(signin_session_find(&fx->ot, token, 1, &who,
	    &cause), 0);

	/* A hash from before keys checks, and gives no key. */
	assert_int_equal(crypto_pwhash_str_alg(old, TOM_PASS,
	    strlen(TOM_PASS), crypto_pwhash_OPSLIMIT_MIN,
	    crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13), 0);
	assert_ok(store_begin(fx->ot.st, &cause), cause);
	assert_ok(signin_set_hash_tx(&fx->ot, &fx->tom, old, &cause), cause);
	assert_ok(store_commit(fx->ot.st, &cause), cause);
	assert_int_equal(signin_key_of(old, pk), 0);
	assert_int_equal(check(fx, &fx->tom, TOM_PASS, &wait, NULL), 0);
	assert_null(store_signer(fx->ot.st, &fx->tom));
	assert_ok(signin_set(&fx->ot, &fx->tom, TOM_PASS, strlen(TOM_PASS),
	    &cause), cause);
	assert_int_equal(last_version(fx, "passhash"), OP_VERSION);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, fixture_setup_utf8, \
	    fixture_teardown)
		T(test_set_and_check),
		T(test_who_sets),
		T(test_who_keeps_an_administrator),
		T(test_names_alike),
		T(test_names_first_words),
		T(test_disabled),
		T(test_waiting),
		T(test_waiting_grows_to_an_hour),
		T(test_sessions),
		T(test_session_ends_with_a_passphrase_from_afar),
		T(test_atwork_table),
		T(test_atwork_decide),
		T(test_atwork_how),
		T(test_authority_table),
		T(test_authority_roles),
		T(test_keys),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
