/*
 * tui-signin.c: the first screen, where a person says who they are by
 * typing part of their name and choosing from the team, then gives their
 * passphrase. Every record made afterwards carries their name. Nothing
 * else in the screens knows how a person came to be signed in.
 *
 * Whether to ask for the passphrase, let the person in, or refuse is the
 * core's table's (atwork.h), as for the command line. The passphrase is
 * typed into memory libsodium locks, shown as stars, and wiped once
 * checked or given up. An account with no passphrase yet signs in
 * without one, and is told to have one set.
 *
 * The same screen is the lock (tui_signin_lock): over the screens of who
 * locked, it asks for their passphrase, or lets another sign in; it can
 * only be left by signing in (tui_session_start() then sorts out whose
 * screens are shown), or by quitting.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/atwork.h"
#include "oneteam/refdata.h"
#include "oneteam/signin.h"
#include "oneteam/staff.h"
#include "oneteam/xmalloc.h"
#include "tui-sync.h"
#include "tui.h"


struct signin {
	struct w_choice	*choice;
	const char	*as;		/* whom to offer first, or NULL */
	struct oneteam	*ot;
	/* A lock: of locker, named locker_name; it has no passphrase. */
	int		 locked;
	struct id	 locker;
	char		*locker_name;
	int		 nopass;
	/* Asking for the passphrase of who, name: */
	int		 asking;
	struct id	 who;
	char		*name;
	struct w_secret	 pass;
	size_t		 accounts;	/* in the database, enabled or not */
};

/* Forget what was typed and whose it was: back to the names. */
static void
signin_forget(struct signin *si)
{
	w_secret_clear(&si->pass);
	si->asking = 0;
	free(si->name);
	si->name = NULL;
}

static int
signin_add(const struct staff *st, void *arg)
{
	struct signin	*si = arg;
	char		 ref[ID_REF_MAX], *detail;
	const char	*role, *agency;

	si->accounts++;
	if (!st->active)
		return 0;
	oneteam_ref("staff", &st->id, ref);
	role = refdata_label(si->ot->rd, REF_ROLES, st->role);
	agency = refdata_label(si->ot->rd, REF_AGENCIES, st->agency);
	detail = xprintf("%s, %s%s", role, agency, st->coordinator ?
	    ", coordinator" : "");
	w_choice_add(si->choice, ref, st->name, detail);
	free(detail);
	return 0;
}

static int
signin_load(struct tui *t, struct tui_screen *s, char **cause)
{
	struct signin	*si = s->data;
	struct id	 id;
	char		 ref[ID_REF_MAX], *why = NULL;

	si->ot = tui_core(t);
	w_choice_free(si->choice);
	si->choice = w_choice_new();
	si->accounts = 0;
	if (staff_list(si->ot, signin_add, si, cause) != 0)
		return -1;
	if (si->as != NULL && staff_lookup(si->ot, si->as, &id, &why) == 0) {
		oneteam_ref("staff", &id, ref);
		w_choice_select(si->choice, ref);
	}
	free(why);
	return 0;
}

static void
signin_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h, int w)
{
	struct signin	*si = s->data;
	int		 bw = w > 72 ? 72 : w - 2, x = (w - bw) / 2;
	char		*line, dots[21];

	if (si->locked && si->nopass) {
		line = xprintf("Locked by %s, who has no passphrase yet.",
		    si->locker_name);
		w_text(win, 1, x, bw, line, tui_look(LOOK_HEADING));
		free(line);
		w_text(win, 2, x, bw, "Enter goes on; Esc lets someone else "
		    "sign in.", tui_look(LOOK_DIM));
		return;
	}
	if (si->asking) {
		line = si->locked && id_cmp(&si->who, &si->locker) == 0 ?
		    xprintf("Locked. %s: your passphrase to go on:", si->name) :
		    xprintf("Passphrase for %s:", si->name);
		w_text(win, 1, x, bw, line, tui_look(LOOK_HEADING));
		free(line);
		w_text(win, 2, x, bw, si->locked ? "Type it, then press Enter; "
		    "Esc lets someone else sign in." : "Type it, then press "
		    "Enter; Esc chooses another name.", tui_look(LOOK_DIM));
		/* A dot a character, up to the width: not what was typed. */
		w_secret_dots(&si->pass, dots, sizeof dots);
		w_text(win, 4, x, bw, dots, tui_look(LOOK_FIELD));
		return;
	}
	if (!si->locked && si->accounts == 0) {
		/* A site's database made (oneteam init) and nobody on it yet:
		 * its people come with its team's bundles. */
		w_text(win, 1, x, bw, "Nobody has an account at this site yet.",
		    tui_look(LOOK_HEADING));
		w_text(win, 3, x, bw, "A new site of a team: press Enter, then "
		    "join", 0);
		w_text(win, 4, x, bw, "the team with a bundle of it (j) and "
		    "import it (i):", 0);
		w_text(win, 5, x, bw, "its people can then sign in here.", 0);
		w_text(win, 7, x, bw, "A new team: add its first administrator "
		    "on the", 0);
		w_text(win, 8, x, bw, "command line (oneteam staff add), then "
		    "sign in.", 0);
		return;
	}
	if (si->locked) {
		line = xprintf("Locked by %s. Who is using oneteam?",
		    si->locker_name);
		w_text(win, 1, x, bw, line, tui_look(LOOK_HEADING));
		free(line);
	} else
		w_text(win, 1, x, bw, "Who is using oneteam?",
		    tui_look(LOOK_HEADING));
	w_text(win, 2, x, bw, "Type part of your name, choose it with the "
	    "arrows, then press Enter.", tui_look(LOOK_DIM));
	w_choice_draw(si->choice, win, 4, x, h - 5, bw, 1);
}

/* Check what was typed: signed in, or told why not and asked again. */
static void
signin_check_pass(struct tui *t, struct signin *si)
{
	struct id	 who = si->who;
	int64_t		 wait;
	char		*cause = NULL;
	int		 rc;

	rc = signin_check(tui_core(t), &who, si->pass.buf, si->pass.len,
	    &wait, &cause);
	w_secret_clear(&si->pass);
	if (rc != 0) {
		tui_fail(t, cause);
		return;
	}
	signin_forget(si);
	tui_session_start(t, &who, ATWORK_PROOF_PASSPHRASE);
}

/* A key while asking for the passphrase. */
static enum w_result
signin_pass_key(struct tui *t, struct signin *si, int key)
{
	switch (w_secret_key(&si->pass, key)) {
	case W_SUBMIT:
		signin_check_pass(t, si);
		return W_HANDLED;
	case W_CANCEL:
		/* The names again, as at the start (at a lock: for another
		 * to sign in). */
		signin_forget(si);
		tui_reload(t);
		return W_HANDLED;
	case W_IGNORED:
		return W_IGNORED;
	default:
		return W_HANDLED;
	}
}

/* Ask for the passphrase of id. */
static void
signin_ask(struct tui *t, struct signin *si, const struct id *id)
{
	struct staff	 st;
	char		*cause = NULL;

	if (staff_get(tui_core(t), id, &st, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	if (si->pass.buf == NULL)
		w_secret_init(&si->pass, SIGNIN_MAX_LEN);
	w_secret_clear(&si->pass);
	si->who = *id;
	free(si->name);
	si->name = xstrdup(st.name);
	si->asking = 1;
	staff_clear(&st);
}

/*
 * A name chosen: the core's table says whether to ask for the
 * passphrase, to let them in (none is set yet: at the lock, once Enter
 * is pressed), or to refuse.
 */
static void
signin_chosen(struct tui *t, struct signin *si, const struct id *id)
{
	struct atwork	 a;
	enum atwork_how	 how;
	char		*cause = NULL;

	how = atwork_how_screen(si->locked, &si->locker, id);
	if (atwork_decide(tui_core(t), how, id, &a, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	if (a.verdict == ATWORK_ASK) {
		signin_ask(t, si, id);
		return;
	}
	if (how == ATWORK_UNLOCK) {
		si->nopass = 1;		/* nothing to ask: Enter goes on */
		return;
	}
	if (atwork_record(tui_core(t), id, a.proof, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	tui_session_start(t, id, a.proof);
	if (a.proof == ATWORK_PROOF_NONE_YET)
		tui_say(t, "No passphrase is set for you yet: ask a "
		    "coordinator to set one (oneteam staff passwd).");
}

/* Enter at the lock of one with no passphrase: asked again, as the
 * account may have changed since it locked. */
static void
signin_unlock_nopass(struct tui *t, struct signin *si)
{
	struct atwork	 a;
	char		*cause = NULL;

	si->nopass = 0;
	if (atwork_decide(tui_core(t), ATWORK_UNLOCK, &si->locker, &a,
	    &cause) != 0)
		tui_fail(t, cause);
	else if (a.verdict == ATWORK_ADMIT)
		tui_session_start(t, &si->locker, a.proof);
	else
		signin_ask(t, si, &si->locker);
}

static enum w_result
signin_key(struct tui *t, struct tui_screen *s, int key)
{
	struct signin	*si = s->data;
	struct id	 id;
	char		*cause = NULL;

	if (si->locked && si->nopass) {
		if (key == '\r' || key == '\n' || key == (W_FN | KEY_ENTER))
			signin_unlock_nopass(t, si);
		else if (key == 27) {
			si->nopass = 0;
			tui_reload(t);
		}
		return (key & W_FN) && key != (W_FN | KEY_ENTER) ? W_IGNORED :
		    W_HANDLED;
	}
	if (si->asking)
		return signin_pass_key(t, si, key);
	if (!si->locked && si->accounts == 0) {
		if (key == '\r' || key == '\n' || key == (W_FN | KEY_ENTER))
			tui_sync_open(t);
		return key == 27 || (key & W_FN) ? W_IGNORED : W_HANDLED;
	}
	switch (w_choice_key(si->choice, key)) {
	case W_SUBMIT:
		if (staff_lookup(tui_core(t), w_choice_code(si->choice), &id,
		    &cause) != 0) {
			tui_fail(t, cause);
			return W_HANDLED;
		}
		signin_chosen(t, si, &id);
		return W_HANDLED;
	case W_CANCEL:
		/* Esc on an empty filter: leave; at a lock, back to asking
		 * who locked, as a lock is only left by signing in. */
		if (si->locked) {
			signin_chosen(t, si, &si->locker);
			return W_HANDLED;
		}
		return W_IGNORED;
	case W_IGNORED:
		/* Letters belong to the filter here, q included. */
		return key == 27 || (key & W_FN) ? W_IGNORED : W_HANDLED;
	default:
		return W_HANDLED;
	}
}

static void
signin_free(struct tui_screen *s)
{
	struct signin	*si = s->data;

	if (si == NULL)
		return;
	signin_forget(si);
	free(si->locker_name);
	w_secret_free(&si->pass);
	w_choice_free(si->choice);
	free(si);
}

static const struct tui_bind signin_binds[] = {
	{ '\r', "Enter", "sign in", 1, NULL },
	{ 0, NULL, NULL, 0, NULL }
};

/* A site with nobody on it yet: Enter sets it up, on the Sync screen. */
static const struct tui_bind signin_binds_new[] = {
	{ '\r', "Enter", "set up this site (Sync)", 1, NULL },
	{ 0, NULL, NULL, 0, NULL }
};

static const struct tui_bind *
signin_binds_now(struct tui_screen *s)
{
	struct signin	*si = s->data;

	return !si->locked && si->accounts == 0 ? signin_binds_new :
	    signin_binds;
}

static const struct tui_screen_ops tui_signin_ops = {
	.name = "Sign in",
	.typing = 1,
	.about = "Choose who you are: type part of your name to find it, "
	    "press Enter, then give your passphrase. At a new site with "
	    "nobody on it yet, Enter opens the Sync screen, to join its team "
	    "and import its bundles.",
	.binds = signin_binds,
	.binds_now = signin_binds_now,
	.load = signin_load,
	.draw = signin_draw,
	.key = signin_key,
	.free = signin_free,
};

void
tui_signin_lock(struct tui *t, const struct id *who)
{
	struct signin	*si = xcalloc(1, sizeof *si);
	struct staff	 st;
	char		*cause = NULL;

	si->locked = 1;
	si->locker = *who;
	if (staff_get(tui_core(t), who, &st, &cause) == 0) {
		si->locker_name = xstrdup(st.name);
		staff_clear(&st);
	} else {
		free(cause);
		si->locker_name = xstrdup("?");
	}
	tui_push(t, &tui_signin_ops, si);
	signin_chosen(t, si, who);
}

void
tui_signin_open(struct tui *t, const char *as)
{
	struct signin	*si = xcalloc(1, sizeof *si);

	si->as = as;
	tui_push(t, &tui_signin_ops, si);
}

int
tui_is_signin(const struct tui_screen *s)
{
	return s->ops == &tui_signin_ops;
}
