/*
 * Who is at work, and how they proved it: one table (atwork.c) for the
 * screens and the command line alike. A front end says how it is asking
 * (the sign-in screen, the lock, a command naming someone, a command
 * holding a session, the signin command) and about whom; the core reads
 * the account's state and answers with one verdict (admit, ask for the
 * passphrase, or refuse with a reason) and the proof that admits. The
 * front ends word the answer; neither decides by itself.
 *
 * An account with no passphrase yet is admitted everywhere, taken at its
 * word (ATWORK_PROOF_NONE_YET), and its sign-ins say so on the audit
 * trail: a new member must be able to get in, on a shared terminal or
 * the command line, to set their own passphrase (oneteam staff passwd),
 * which then ends any session opened without one.
 */
#ifndef ONETEAM_ATWORK_H
#define ONETEAM_ATWORK_H

#include <stddef.h>
#include <stdint.h>

#include "oneteam/oneteam.h"

/* How a front end asks. */
enum atwork_how {
	ATWORK_SCREEN,		/* the sign-in screen (at a lock: another) */
	ATWORK_UNLOCK,		/* the lock, by who locked */
	ATWORK_NAMED,		/* a command with --as or $ONETEAM_STAFF */
	ATWORK_SESSION,		/* a command with $ONETEAM_SESSION */
	ATWORK_SIGNIN,		/* the signin command */
	ATWORK_HOWS
};

/* The account's state, as the table reads it. */
enum atwork_state {
	ATWORK_HAS,		/* has a passphrase */
	ATWORK_NONE_YET,	/* has none yet */
	ATWORK_DISABLED,	/* disabled, passphrase or not */
	ATWORK_WAITING,		/* has one, waiting after wrong ones */
	ATWORK_ENDED,		/* a session's alone: it has ended */
	ATWORK_STATES
};

enum atwork_verdict {
	ATWORK_ADMIT,		/* at work now, with the row's proof */
	ATWORK_ASK,		/* ask the passphrase; signin_check() it */
	ATWORK_REFUSE		/* not at work: the row's reason says why */
};

/* Why a refusal. */
enum atwork_why {
	ATWORK_WHY_NONE,
	ATWORK_WHY_DISABLED,
	ATWORK_WHY_ENDED
};

/* One row of the table. */
struct atwork_rule {
	enum atwork_how		how;
	enum atwork_state	state;
	enum atwork_verdict	verdict;
	enum atwork_proof	proof;	/* that admits, or that is asked */
	enum atwork_why		why;	/* of a refusal */
};

/* The answer of atwork_decide(). */
struct atwork {
	enum atwork_state	 state;
	enum atwork_verdict	 verdict;
	enum atwork_proof	 proof;
	int64_t			 wait_ms;	/* ATWORK_WAITING: how long */
};

/* The row for how and state: every pair has exactly one. */
const struct atwork_rule *atwork_rule(enum atwork_how, enum atwork_state);
/* The whole table, *n rows, for walking it (the unit tests do). */
const struct atwork_rule *atwork_rules(size_t *n);

/*
 * How a command asks who named is, when it holds a session (live: the
 * session is open, held: the name it stands for): a session proves the
 * name it holds and no other, which must be proven anew.
 */
enum atwork_how atwork_how_command(int live, const struct id *held,
	     const struct id *named);
/* How the screens ask who is at the sign-in screen: the one who locked
 * them unlocks (locked, locker); anyone else signs in anew. */
enum atwork_how atwork_how_screen(int locked, const struct id *locker,
	     const struct id *who);

/*
 * Decide whether staff (NULL: a session that has ended) is at work when
 * asked how: 0 with *a filled for ADMIT and ASK; -1 with *cause for a
 * refusal (the core's words) or a failure. A refused sign-in (the
 * screens, the signin command) is on the audit trail as a failed one.
 */
int	 atwork_decide(struct oneteam *, enum atwork_how,
	     const struct id *staff, struct atwork *a, char **cause);

/*
 * Put staff at work with proof: every change afterwards is theirs, and
 * later rules can ask ot->me_proof how they proved it.
 */
void	 atwork_admit(struct oneteam *, const struct id *staff,
	     enum atwork_proof);

/*
 * Record a sign-in admitted without a passphrase asked (none yet): the
 * passphrase's is recorded by signin_check(), with its proof too.
 */
int	 atwork_record(struct oneteam *, const struct id *staff,
	     enum atwork_proof, char **cause);

/* The proof in the words of the audit trail ("by passphrase"; "" for
 * nobody). */
const char *atwork_proof_words(enum atwork_proof);

#endif
