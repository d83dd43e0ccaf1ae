/*
 * tui-signin.c: the first screen, where a person says who they are by
 * typing part of their name and choosing from the team. Every record made
 * afterwards carries their name. Signing in with a passphrase belongs
 * here too, when it comes; nothing else in the screens knows how a person
 * came to be signed in.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/refdata.h"
#include "oneteam/staff.h"
#include "oneteam/xmalloc.h"
#include "tui.h"

struct signin {
	struct w_choice	*choice;
	const char	*as;		/* whom to offer first, or NULL */
	struct oneteam	*ot;
};

static int
signin_add(const struct staff *st, void *arg)
{
	struct signin	*si = arg;
	char		 ref[ID_REF_MAX], *detail;
	const char	*role, *agency;

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

	w_text(win, 1, x, bw, "Who is using oneteam?", tui_look(LOOK_HEADING));
	w_text(win, 2, x, bw, "Type part of your name, choose it with the "
	    "arrows, then press Enter.", tui_look(LOOK_DIM));
	w_choice_draw(si->choice, win, 4, x, h - 5, bw, 1);
}

static enum w_result
signin_key(struct tui *t, struct tui_screen *s, int key)
{
	struct signin	*si = s->data;
	struct id	 id;
	char		*cause = NULL;

	switch (w_choice_key(si->choice, key)) {
	case W_SUBMIT:
		if (staff_lookup(tui_core(t), w_choice_code(si->choice), &id,
		    &cause) != 0) {
			tui_fail(t, cause);
			return W_HANDLED;
		}
		tui_signed_in(t, &id);
		return W_HANDLED;
	case W_CANCEL:
		return W_IGNORED;	/* Esc on an empty filter: leave */
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
	w_choice_free(si->choice);
	free(si);
}

static const struct tui_bind signin_binds[] = {
	{ '\r', "Enter", "sign in", 1, NULL },
	{ 0, NULL, NULL, 0, NULL }
};

static const struct tui_screen_ops tui_signin_ops = {
	.name = "Sign in",
	.typing = 1,
	.about = "Choose who you are: type part of your name to find it.",
	.binds = signin_binds,
	.load = signin_load,
	.draw = signin_draw,
	.key = signin_key,
	.free = signin_free,
};

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
