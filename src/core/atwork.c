/*
 * atwork.c owns the decision of who is at work and how they proved it
 * (atwork.h): one table, read by atwork_decide(), for the sign-in screen,
 * the lock, a command naming someone or holding a session, and the
 * signin command. It reads the account's state through signin.c, which
 * owns passphrases, their checking and the waiting; it neither asks for
 * a passphrase nor words a verdict for people beyond the core's reason.
 */
#include <stdlib.h>

#include "oneteam/atwork.h"
#include "oneteam/audit.h"
#include "oneteam/signin.h"
#include "oneteam/staff.h"
#include "oneteam/store.h"
#include "oneteam/xmalloc.h"

#define A	ATWORK_ADMIT
#define Q	ATWORK_ASK
#define R	ATWORK_REFUSE
#define PASS	ATWORK_PROOF_PASSPHRASE
#define SESS	ATWORK_PROOF_SESSION
#define NONE	ATWORK_PROOF_NONE_YET
#define NOONE	ATWORK_PROOF_NOBODY
#define OK	ATWORK_WHY_NONE
#define DIS	ATWORK_WHY_DISABLED
#define END	ATWORK_WHY_ENDED

/*
 * The table. A passphrase is asked wherever one is set, except of a
 * live session, which stands for it; while the account waits after
 * wrong ones it is still asked, and signin_check() says how long to wait
 * (as before: a session already open is not ended by another's
 * guessing). An account with no passphrase yet is admitted everywhere,
 * taken at its word, so that a new member can get in to set one. A
 * disabled account is refused everywhere, the lock included. Only a
 * session can have ended; whatever else met it would refuse.
 */
static const struct atwork_rule atwork_table[] = {
	{ ATWORK_SCREEN,  ATWORK_HAS,      Q, PASS,  OK  },
	{ ATWORK_SCREEN,  ATWORK_NONE_YET, A, NONE,  OK  },
	{ ATWORK_SCREEN,  ATWORK_DISABLED, R, NOONE, DIS },
	{ ATWORK_SCREEN,  ATWORK_WAITING,  Q, PASS,  OK  },
	{ ATWORK_SCREEN,  ATWORK_ENDED,    R, NOONE, END },

	{ ATWORK_UNLOCK,  ATWORK_HAS,      Q, PASS,  OK  },
	{ ATWORK_UNLOCK,  ATWORK_NONE_YET, A, NONE,  OK  },
	{ ATWORK_UNLOCK,  ATWORK_DISABLED, R, NOONE, DIS },
	{ ATWORK_UNLOCK,  ATWORK_WAITING,  Q, PASS,  OK  },
	{ ATWORK_UNLOCK,  ATWORK_ENDED,    R, NOONE, END },

	{ ATWORK_NAMED,   ATWORK_HAS,      Q, PASS,  OK  },
	{ ATWORK_NAMED,   ATWORK_NONE_YET, A, NONE,  OK  },
	{ ATWORK_NAMED,   ATWORK_DISABLED, R, NOONE, DIS },
	{ ATWORK_NAMED,   ATWORK_WAITING,  Q, PASS,  OK  },
	{ ATWORK_NAMED,   ATWORK_ENDED,    R, NOONE, END },

	{ ATWORK_SESSION, ATWORK_HAS,      A, SESS,  OK  },
	{ ATWORK_SESSION, ATWORK_NONE_YET, A, NONE,  OK  },
	{ ATWORK_SESSION, ATWORK_DISABLED, R, NOONE, DIS },
	{ ATWORK_SESSION, ATWORK_WAITING,  A, SESS,  OK  },
	{ ATWORK_SESSION, ATWORK_ENDED,    R, NOONE, END },

	{ ATWORK_SIGNIN,  ATWORK_HAS,      Q, PASS,  OK  },
	{ ATWORK_SIGNIN,  ATWORK_NONE_YET, A, NONE,  OK  },
	{ ATWORK_SIGNIN,  ATWORK_DISABLED, R, NOONE, DIS },
	{ ATWORK_SIGNIN,  ATWORK_WAITING,  Q, PASS,  OK  },
	{ ATWORK_SIGNIN,  ATWORK_ENDED,    R, NOONE, END },
};

#undef A
#undef Q
#undef R
#undef PASS
#undef SESS
#undef NONE
#undef NOONE
#undef OK
#undef DIS
#undef END

const struct atwork_rule *
atwork_rules(size_t *n)
{
	*n = sizeof atwork_table / sizeof atwork_table[0];
	return atwork_table;
}

const struct atwork_rule *
atwork_rule(enum atwork_how how, enum atwork_state state)
{
	size_t	i;

	for (i = 0; i < sizeof atwork_table / sizeof atwork_table[0]; i++)
		if (atwork_table[i].how == how &&
		    atwork_table[i].state == state)
			return &atwork_table[i];
	return NULL;
}

enum atwork_how
atwork_how_command(int live, const struct id *held, const struct id *named)
{
	return live == 1 && id_cmp(named, held) == 0 ? ATWORK_SESSION :
	    ATWORK_NAMED;
}

enum atwork_how
atwork_how_screen(int locked, const struct id *locker, const struct id *who)
{
	return locked && id_cmp(who, locker) == 0 ? ATWORK_UNLOCK :
	    ATWORK_SCREEN;
}

/* Is how a sign-in, whose every attempt is on the audit trail? A
 * command is not one (it writes nothing when it is proven). */
static int
atwork_is_signin(enum atwork_how how)
{
	return how == ATWORK_SCREEN || how == ATWORK_UNLOCK ||
	    how == ATWORK_SIGNIN;
}

/* The account's state; ENDED for no account (an ended session). */
static int
atwork_state(struct oneteam *ot, const struct id *staff, struct atwork *a,
    char **cause)
{
	int	has, active;

	a->wait_ms = 0;
	if (staff == NULL) {
		a->state = ATWORK_ENDED;
		return 0;
	}
	if (signin_state(ot, staff, &has, &active, &a->wait_ms, cause) != 0)
		return -1;
	if (!active)
		a->state = ATWORK_DISABLED;
	else if (!has)
		a->state = ATWORK_NONE_YET;
	else if (a->wait_ms > 0)
		a->state = ATWORK_WAITING;
	else
		a->state = ATWORK_HAS;
	return 0;
}

/* Refuse for the row's reason, on the trail when it is a sign-in. */
static int
atwork_refuse(struct oneteam *ot, enum atwork_how how,
    const struct id *staff, enum atwork_why why, char **cause)
{
	struct staff	s;

	if (why == ATWORK_WHY_ENDED)
		return oneteam_refuse(ot, cause, "the session has ended: sign "
		    "in again");
	if (atwork_is_signin(how) && audit_record_as(ot, staff,
	    AUDIT_SIGNIN_FAILED, NULL, "this account is disabled", cause) != 0)
		return -1;
	if (staff_get(ot, staff, &s, cause) != 0)
		return -1;
	staff_refuse_ended(ot, &s, cause);
	staff_clear(&s);
	return -1;
}

int
atwork_decide(struct oneteam *ot, enum atwork_how how,
    const struct id *staff, struct atwork *a, char **cause)
{
	const struct atwork_rule	*r;

	if (atwork_state(ot, staff, a, cause) != 0)
		return -1;
	if ((r = atwork_rule(how, a->state)) == NULL)
		fatal("no row of the sign-in table for %d, %d", (int)how,
		    (int)a->state);
	a->verdict = r->verdict;
	a->proof = r->proof;
	if (r->verdict == ATWORK_REFUSE)
		return atwork_refuse(ot, how, staff, r->why, cause);
	return 0;
}

void
atwork_admit(struct oneteam *ot, const struct id *staff,
    enum atwork_proof proof)
{
	ot->me = *staff;
	ot->me_proof = proof;
	store_set_author(ot->st, staff);
	/* The key a passphrase just gave is theirs; anyone else's goes. */
	if (store_signer(ot->st, staff) == NULL)
		store_set_signer(ot->st, NULL, NULL);
}

int
atwork_record(struct oneteam *ot, const struct id *staff,
    enum atwork_proof proof, char **cause)
{
	return audit_record_as(ot, staff, AUDIT_SIGNIN, NULL,
	    atwork_proof_words(proof), cause);
}

const char *
atwork_proof_words(enum atwork_proof proof)
{
	switch (proof) {
	case ATWORK_PROOF_PASSPHRASE:
		return "by passphrase";
	case ATWORK_PROOF_SESSION:
		return "by a session of oneteam signin";
	case ATWORK_PROOF_NONE_YET:
		return "with no passphrase: none is set";
	case ATWORK_PROOF_NOBODY:
		break;
	}
	return "";
}
