/*
 * The SQL of a referral's class (referral.h, referral_class()): final,
 * waiting for an answer, waiting past its response date. referral.c owns
 * the rule; these say it in SQL, in the same words, for the statements
 * that choose referrals by it (the lists, the huddle, the count of a
 * family's open referrals the fold keeps), and test-referral.c checks
 * them against referral_class() for every status. Private to the core and
 * the fold: nothing else splices them.
 *
 * r is the name of a referral row (a table alias); today an ISO date (a
 * parameter). Each is a condition on the row's own columns, so that an
 * index on status and response date serves it.
 */
#ifndef ONETEAM_REFERRAL_SQL_H
#define ONETEAM_REFERRAL_SQL_H

/* REFERRAL_CLASS_FINAL: declined, completed or withdrawn. */
#define REFERRAL_SQL_FINAL(r) \
	"(" r ".status IN ('declined', 'completed', 'withdrawn'))"
/* Waiting for an answer, due or not: REFERRAL_CLASS_AWAITING or _LATE. */
#define REFERRAL_SQL_AWAITS(r) \
	"(" r ".status IN ('sent', 'acknowledged'))"
/* REFERRAL_CLASS_LATE: waiting for an answer past its response date. */
#define REFERRAL_SQL_LATE(r, today) \
	"(" REFERRAL_SQL_AWAITS(r) " AND " r ".response_due < " today ")"

#endif
