/*
 * tui-team.c: the team from the screens, opened from the Sync screen:
 * the team passphrase typed to make a new team (twice) or to join one
 * with a bundle of it (once), a site admitted by the fingerprint read out
 * at it, a site revoked, and the folder bundles are exchanged in chosen
 * (a USB stick). Each asks the core (team.c, admit.c), which decides who
 * may, as on the command line; the screens word its answer.
 */
#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "oneteam/install.h"
#include "oneteam/sync.h"
#include "oneteam/xmalloc.h"
#include "tui-forms.h"
#include "tui-sync.h"

/* --- the team passphrase ------------------------------------------------- */

#define TEAM_PASS_MAX	1024

struct team_pass {
	char		*join;		/* the bundle joined with; NULL: a new
					 * team */
	char		*sender;	/* who made it */
	struct w_secret	 pass;
	struct w_secret	 first;		/* a new team's, typed once already */
	int		 again;		/* asking for it the second time */
};

static void
team_pass_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h,
    int w)
{
	struct team_pass	*tp = s->data;
	int			 bw = w > 72 ? 72 : w - 2, x = (w - bw) / 2;
	char			*line, dots[21];

	(void)t;
	(void)h;
	if (tp->join != NULL) {
		line = xprintf("Join the team of %s's bundle", tp->sender);
		w_text(win, 1, x, bw, line, tui_look(LOOK_HEADING));
		free(line);
		w_text(win, 2, x, bw, "The team passphrase, as its "
		    "administrator said it to you:", tui_look(LOOK_DIM));
	} else {
		w_text(win, 1, x, bw, tp->again ? "Type the team passphrase "
		    "again:" : "A new team: its passphrase", tui_look(
		    LOOK_HEADING));
		w_text(win, 2, x, bw, "Give it to the other sites by word of "
		    "mouth, never with a bundle.", tui_look(LOOK_DIM));
	}
	w_text(win, 3, x, bw, "Type it, then press Enter; Esc goes back.",
	    tui_look(LOOK_DIM));
	w_secret_dots(&tp->pass, dots, sizeof dots);
	w_text(win, 5, x, bw, dots, tui_look(LOOK_FIELD));
}

/* Made or joined: back to the Sync screen, saying this site's
 * fingerprint, which the administrator admitting it needs read out. */
static void
team_pass_done(struct tui *t, int join)
{
	char	 print[TEAM_PRINT_LEN], *cause = NULL;
	int	 rc;

	rc = team_site_print(tui_core(t), print, &cause);
	free(cause);
	tui_done(t, "%s This site's fingerprint: %s.", join ? "Joined the "
	    "team: import its bundles (i), and read the fingerprint out to "
	    "its administrator, who admits this site." : "Made a new team. "
	    "Give its passphrase to the other sites by word of mouth.",
	    rc == 1 ? print : "made with this site's first bundle");
}

static void
team_pass_enter(struct tui *t, struct team_pass *tp)
{
	char	*cause = NULL;
	int	 rc;

	if (tp->join == NULL && !tp->again) {
		/* A new team's passphrase is typed twice: a slip in it
		 * would lock every site out. */
		sodium_memzero(tp->first.buf, tp->first.cap);
		memcpy(tp->first.buf, tp->pass.buf, tp->pass.len);
		tp->first.len = tp->pass.len;
		w_secret_clear(&tp->pass);
		tp->again = 1;
		return;
	}
	if (tp->join == NULL && (tp->first.len != tp->pass.len ||
	    sodium_memcmp(tp->first.buf, tp->pass.buf, tp->pass.len) != 0)) {
		w_secret_clear(&tp->pass);
		w_secret_clear(&tp->first);
		tp->again = 0;
		tui_fail(t, xstrdup("The two passphrases differ: type it "
		    "again, twice."));
		return;
	}
	tui_progress(t, "Making the team's key from the passphrase (a few "
	    "seconds)...");
	if (tp->join != NULL)
		rc = team_join_as(tui_core(t), tp->join, tp->pass.buf,
		    tp->pass.len, 0, &cause);
	else
		rc = team_create(tui_core(t), tp->pass.buf, tp->pass.len,
		    TEAM_KDF_MODERATE, &cause);
	w_secret_clear(&tp->pass);
	w_secret_clear(&tp->first);
	tp->again = 0;
	if (rc != 0) {
		tui_fail(t, cause);
		return;
	}
	team_pass_done(t, tp->join != NULL);
}

static enum w_result
team_pass_key(struct tui *t, struct tui_screen *s, int key)
{
	struct team_pass	*tp = s->data;

	switch (w_secret_key(&tp->pass, key)) {
	case W_SUBMIT:
		team_pass_enter(t, tp);
		return W_HANDLED;
	case W_CANCEL:
		tui_pop(t);
		return W_HANDLED;
	case W_IGNORED:
		return W_IGNORED;
	default:
		return W_HANDLED;
	}
}

static int
team_pass_unsaved(struct tui_screen *s)
{
	struct team_pass	*tp = s->data;

	return tp->pass.len > 0 || tp->again;
}

static void
team_pass_free(struct tui_screen *s)
{
	struct team_pass	*tp = s->data;

	w_secret_free(&tp->pass);
	w_secret_free(&tp->first);
	free(tp->join);
	free(tp->sender);
	free(tp);
}

static const struct tui_bind team_pass_binds[] = {
	{ 0, NULL, NULL, 0, NULL }
};

const struct tui_screen_ops tui_team_pass_ops = {
	.name = "Team passphrase",
	.about = "The team passphrase, to make a new team or join one with a "
	    "bundle of it. What is typed is shown as stars. Enter goes on; Esc "
	    "goes back.",
	.typing = 1,
	.binds = team_pass_binds,
	.draw = team_pass_draw,
	.key = team_pass_key,
	.unsaved = team_pass_unsaved,
	.free = team_pass_free,
};

void
tui_team_pass_open(struct tui *t, const char *join, const char *sender)
{
	struct team_pass	*tp = xcalloc(1, sizeof *tp);

	if (join != NULL) {
		tp->join = xstrdup(join);
		tp->sender = xstrdup(sender != NULL ? sender : "a site");
	}
	w_secret_init(&tp->pass, TEAM_PASS_MAX);
	w_secret_init(&tp->first, TEAM_PASS_MAX);
	tui_push(t, &tui_team_pass_ops, tp);
}

/* --- admitting and revoking a site --------------------------------------- */

static char *
team_admit_save(struct tui *t, struct tui_form *f, char **cause)
{
	const char	*print = tui_form_get(f, 0), *name = tui_form_get(f, 1);

	if (team_admit(tui_core(t), print, name, NULL, cause) != 0)
		return NULL;
	return xprintf("Admitted \"%s\": its changes are taken here now, and "
	    "at the other sites with the next bundle.", name);
}

void
tui_team_admit(struct tui *t, const char *name)
{
	struct tui_form	*f;
	size_t		 i;

	f = tui_form_new(t, "Admit a site to the team", NULL,
	    team_admit_save);
	i = tui_form_add(f, "Fingerprint", FORM_TEXT, 1, NULL);
	tui_form_hint(f, i, "read out at that site (its Sync screen shows "
	    "it): six groups of four");
	i = tui_form_add(f, "Site's name", FORM_TEXT, 1, name);
	tui_form_name(f, i, "name");
	tui_form_open(t, f);
}

void
tui_team_revoke(struct tui *t, const char *ref, const char *name)
{
	struct oneteam	*ot = tui_core(t);
	char		*q, *cause = NULL, *was = xstrdup(name), *site;
	int64_t		 last;
	int		 yes;

	/* The name and reference are the screen's, gone at its reload. */
	site = xstrdup(ref);
	q = xprintf("Revoke %s? Its changes from now on are refused here, and "
	    "at the other sites with the next bundle.", was);
	yes = tui_ask(t, q);
	free(q);
	if (yes && team_revoke(ot, site, &last, &cause) != 0)
		tui_fail(t, cause);
	else if (yes) {
		tui_reload(t);
		tui_say(t, "Revoked %s. Its key file still reads bundles: if it "
		    "may be in other hands, make a new team key (oneteam team "
		    "rekey).", was);
	}
	free(was);
	free(site);
}

/* --- the folder bundles are exchanged in --------------------------------- */

/* The folders under base (a stick mounted there) as items of choice i. */
static void
team_folders_under(struct tui_form *f, size_t i, const char *base,
    const char *skip)
{
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;
	char		*path;
	int		 as = install_begin(base);

	if ((d = opendir(base)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			path = xprintf("%s/%s", base, de->d_name);
			if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode) &&
			    (skip == NULL || strcmp(path, skip) != 0))
				tui_form_item(f, i, path, de->d_name, path);
			free(path);
		}
		closedir(d);
	}
	install_end(as);
}

static char *
team_folder_save(struct tui *t, struct tui_form *f, char **cause)
{
	const char	*dir = tui_form_get(f, 1), *conf;
	struct stat	 sb;
	int		 as, rc, e;

	if (dir == NULL)
		dir = tui_form_get(f, 0);
	if (dir == NULL) {
		*cause = xstrdup("choose a folder, or type one");
		return NULL;
	}
	conf = tui_core(t)->cfg.bundle_dir;
	if (strcmp(dir, conf) == 0) {
		tui_set_bundle_folder(t, NULL);
		return xprintf("Bundles are exchanged in this site's folder, %s.",
		    conf);
	}
	/* Looked at as the person: a folder of theirs, a stick. */
	as = install_begin(dir);
	errno = 0;
	rc = stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) &&
	    access(dir, R_OK | X_OK) == 0;
	e = errno;
	install_end(as);
	if (!rc) {
		xasprintf(cause, "folder \"%s\": %s", dir, e == 0 || e ==
		    EEXIST ? "not a folder you can read" : strerror(e));
		return NULL;
	}
	tui_set_bundle_folder(t, dir);
	return xprintf("Bundles are exchanged in %s until the screens are left "
	    "(d chooses again).", dir);
}

void
tui_team_folder(struct tui *t)
{
	struct oneteam	*ot = tui_core(t);
	struct passwd	*pw = getpwuid(getuid());
	struct tui_form	*f;
	char		*mine;
	size_t		 i;

	f = tui_form_new(t, "The folder bundles are exchanged in", NULL,
	    team_folder_save);
	i = tui_form_add(f, "Folder", FORM_CHOICE, 0, tui_bundle_folder(t));
	tui_form_item(f, i, ot->cfg.bundle_dir, "this site's bundle folder",
	    ot->cfg.bundle_dir);
	/* Sticks, where Debian's desktops and udisks mount them. */
	if (pw != NULL) {
		mine = xprintf("/media/%s", pw->pw_name);
		team_folders_under(f, i, mine, NULL);
		team_folders_under(f, i, "/media", mine);
		free(mine);
		mine = xprintf("/run/media/%s", pw->pw_name);
		team_folders_under(f, i, mine, NULL);
		free(mine);
	}
	team_folders_under(f, i, "/mnt", NULL);
	tui_form_hint(f, i, "a USB stick shows here once it is plugged in");
	i = tui_form_add(f, "Or another folder", FORM_TEXT, 0, NULL);
	tui_form_hint(f, i, "its whole path, e.g. /media/stick/bundles");
	tui_form_open(t, f);
}
