/*
 * tui-session.c owns the session of the screens: who is signed in (and so
 * signs every change) and how they proved it, the lock, by key or when
 * idle, with its entries on the audit trail, and the screens of whoever
 * locked, kept for them unseen while another works, given back when they
 * sign in again. Whether someone may sign in is the core's (atwork.h).
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/atwork.h"
#include "oneteam/audit.h"
#include "oneteam/staff.h"
#include "oneteam/xmalloc.h"
#include "tui-lists.h"
#include "tui-private.h"

static int	tui_session_is_lock(const struct tui_screen *);
static void	tui_session_audit(struct tui *, const char *, const char *);
static void	tui_session_park(struct tui *);
static int	tui_session_unpark(struct tui *, const struct id *);

void
tui_session_start(struct tui *t, const struct id *who,
    enum atwork_proof proof)
{
	struct staff	 st;
	char		*cause = NULL;

	/* Through the core, so every change made is signed with the name,
	 * and later rules know how they proved it. */
	atwork_admit(t->ot, who, proof);
	free(t->who);
	free(t->locality);
	if (staff_get(t->ot, who, &st, &cause) != 0) {
		tui_fail(t, cause);
		t->who = xstrdup("?");
		t->locality = xstrdup(t->ot->cfg.locality);
		return;
	}
	t->who = xprintf("%s%s", st.name, st.coordinator ?
	    " (coordinator)" : "");
	t->locality = xstrdup(st.locality_name != NULL &&
	    *st.locality_name != '\0' ? st.locality_name :
	    t->ot->cfg.locality);
	staff_clear(&st);
	if (tui_session_is_lock(t->top)) {
		/* The same person again: the screens as they were. */
		if (id_cmp(who, &t->who_id) == 0) {
			tui_session_audit(t, AUDIT_UNLOCK,
			    atwork_proof_words(proof));
			tui_pop(t);
			return;
		}
		tui_session_park(t);
		tui_pop(t);
	}
	while (t->top != NULL && !tui_is_signin(t->top))
		tui_free_top(t);
	t->who_id = *who;
	if (tui_session_unpark(t, who)) {
		tui_reload(t);
		return;
	}
	tui_push(t, &tui_families_ops, NULL);
	if (t->huddle) {
		t->huddle = 0;
		tui_huddle_open(t);
	}
}

/* Is s a lock: a sign-in screen over someone's screens? */
static int
tui_session_is_lock(const struct tui_screen *s)
{
	return s != NULL && tui_is_signin(s) && s->below != NULL;
}

/*
 * Keep the screens under the lock (down to the first sign-in screen) for
 * whoever locked: another is signing in at it.
 */
static void
tui_session_park(struct tui *t)
{
	struct tui_screen	*lock = t->top, *first = lock->below, *s, *last;
	struct tui_parked	*p;

	for (last = NULL, s = first; s != NULL && !tui_is_signin(s);
	    s = s->below)
		last = s;
	if (last == NULL)
		return;
	last->below = NULL;
	lock->below = s;
	p = xcalloc(1, sizeof *p);
	p->who = t->who_id;
	p->top = first;
	p->next = t->parked;
	t->parked = p;
}

/* Give who back the screens kept for them, if any: 1 if there were. */
static int
tui_session_unpark(struct tui *t, const struct id *who)
{
	struct tui_parked	**pp, *p;
	struct tui_screen	*last;

	for (pp = &t->parked; (p = *pp) != NULL; pp = &p->next)
		if (id_cmp(&p->who, who) == 0)
			break;
	if (p == NULL)
		return 0;
	*pp = p->next;
	for (last = p->top; last->below != NULL; last = last->below)
		continue;
	last->below = t->top;
	t->top = p->top;
	free(p);
	return 1;
}

void
tui_session_lock(struct tui *t)
{
	if (id_is_zero(&t->who_id) || t->top == NULL ||
	    tui_is_signin(t->top))
		return;	/* nobody at work, or locked already */
	/* Nothing of what was shown stays, the message line included. */
	free(t->msg);
	t->msg = NULL;
	free(t->said);
	t->said = NULL;
	tui_session_audit(t, AUDIT_LOCK, NULL);
	tui_signin_lock(t, &t->who_id);
}

void
tui_session_sign_out(struct tui *t)
{
	struct tui_screen	*s;
	int			 half = 0;

	if (id_is_zero(&t->who_id) || t->top == NULL ||
	    tui_is_signin(t->top)) {
		tui_say(t, "Nobody is signed in here: sign in first (F9 then "
		    "signs you out).");
		return;
	}
	for (s = t->top; s != NULL && !tui_is_signin(s); s = s->below)
		half |= s->ops->unsaved != NULL && s->ops->unsaved(s);
	if (!tui_ask(t, half ? "Sign out? The form you were typing is lost." :
	    t->parked != NULL ? "Sign out? Your screens close; colleagues' "
	    "kept at the lock stay." : "Sign out? Your screens close."))
		return;
	tui_session_audit(t, AUDIT_SIGNOUT, NULL);
	while (t->top != NULL && !tui_is_signin(t->top))
		tui_free_top(t);
	free(t->msg);
	t->msg = NULL;
	free(t->said);
	t->said = NULL;
	memset(&t->who_id, 0, sizeof t->who_id);
	atwork_admit(t->ot, &t->who_id, ATWORK_PROOF_NOBODY);
	free(t->who);
	t->who = xstrdup("nobody signed in");
	free(t->locality);
	t->locality = xstrdup(t->ot->cfg.locality != NULL ?
	    t->ot->cfg.locality : "");
	tui_reload(t);
	tui_say(t, "Signed out.");
}

/* Put a lock or an unlock (with its proof) on the audit trail; a failure
 * is said. */
static void
tui_session_audit(struct tui *t, const char *what, const char *detail)
{
	char	*cause = NULL;

	if (audit_record(t->ot, what, NULL, detail, &cause) != 0)
		tui_fail(t, cause);
}
