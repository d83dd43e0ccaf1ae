/*
 * The SQL of a referral's class (referral.h, referral_class()): waiting
 * for an answer past its response date, open, final; and of waiting for
 * an answer at all (referral_awaits()). referral.c owns the rule; these
 * say it in SQL, in the same words, for the statements that choose
 * referrals by it (the lists, the huddle, the count of a family's open
 * referrals the fold keeps), and test-referral.c checks them against
 * referral_class() for every status. Private to the core and the fold:
 * nothing else splices them.
 *
 * r is the name of a referral row (a table alias); today an ISO date (a
 * parameter). Each reads only the row's own columns, so that an index on
 * status and response date serves the conditions.
 */
#ifndef ONETEAM_REFERRAL_SQL_H
#define ONETEAM_REFERRAL_SQL_H

#include "oneteam/kinds.h"

/* REFERRAL_CLASS_FINAL: declined, completed or withdrawn; said where the
 * fold, below the core, can read it too (kinds.h). */
#define REFERRAL_SQL_FINAL(r) KINDS_REFERRAL_FINAL(r)
/* referral_awaits(): waiting for an answer, past its date or not. */
#define REFERRAL_SQL_AWAITS(r) \
	"(" r ".status IN ('sent', 'acknowledged'))"
/* referral_is_live(): with its service, not a draft nor over. */
#define REFERRAL_SQL_LIVE(r) \
	"(" r ".status <> 'draft' AND NOT " REFERRAL_SQL_FINAL(r) ")"
/* REFERRAL_CLASS_WAITING: waiting for an answer past its response date. */
#define REFERRAL_SQL_WAITING(r, today) \
	"(" REFERRAL_SQL_AWAITS(r) " AND " r ".response_due < " today ")"
/* The class itself, an enum referral_class, for an ORDER BY. */
#define REFERRAL_SQL_CLASS(r, today) "CASE WHEN " \
	REFERRAL_SQL_WAITING(r, today) " THEN 0 WHEN " REFERRAL_SQL_FINAL(r) \
	" THEN 2 ELSE 1 END"

#endif
