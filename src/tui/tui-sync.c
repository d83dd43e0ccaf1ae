/*
 * tui-sync.c: the Sync screen. It shows this site's team and fingerprint,
 * the sites this one knows (when each was last heard from and sent to,
 * what each holds and how many of this site's changes it lacks, whether
 * its changes are taken) and the bundle files in the folder bundles are
 * exchanged in (the site's, or a USB stick chosen with d), with who sent
 * each and whether it was imported. Keys make a bundle for the site under
 * the cursor or a full one, look at a file before importing it (Enter),
 * import it or every new one, make or join a team, admit or revoke a
 * site (tui-team.c), and open the Conflicts queue. Long exports and
 * imports show their progress on the message line.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "oneteam/admission.h"
#include "oneteam/sync.h"
#include "oneteam/install.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "tui-sync.h"

enum { SYNC_K_PEER = 1, SYNC_K_FILE };

struct sync_file {
	char		*path;
	char		*name;
	char		*sender;
	uint64_t	 changes;
	int64_t		 made;
	int64_t		 seen;		/* imported then; 0: not yet */
	int		 own;		/* made by this site */
	int		 bad;		/* not a readable bundle */
	char		*why;
};

struct sync_peer {
	struct id	 site;
	char		*name;
	int		 self;
	int		 held;		/* not admitted: its changes held */
};

struct sync_screen {
	struct tui_doc		*doc;
	struct sync_peer	*peers;
	size_t			 npeers;
	struct sync_file	*files;
	size_t			 nfiles;
	int			 team;
	char			*site;		/* its name and fingerprint */
};

/* Narrow enough that a site's name has 21 columns at 80. */
enum { COL_A, COL_B, COL_C, COL_D, COL_E, COL_F, NCOLS };
static const struct tui_col sync_peer_cols[NCOLS] = {
	{ "Site", 0 }, { "Heard from", 13 }, { "Sent to", 13 },
	{ "Holds", 8 }, { "To send", 8 }, { "In step", 17 },
};

/* A moment in 12 columns: the time this year, else the year. */
static void
sync_when(struct tui *t, int64_t ms, char *buf, size_t len)
{
	struct tm	tm, now;
	time_t		s = (time_t)(ms / 1000), n;

	n = (time_t)(tui_core(t)->now / 1000);
	localtime_r(&s, &tm);
	localtime_r(&n, &now);
	strftime(buf, len, tm.tm_year == now.tm_year ? "%e %b %H:%M" :
	    "%e %b %Y", &tm);
}

static void
sync_drop(struct sync_screen *ss)
{
	size_t	i;

	for (i = 0; i < ss->npeers; i++)
		free(ss->peers[i].name);
	free(ss->peers);
	for (i = 0; i < ss->nfiles; i++) {
		free(ss->files[i].path);
		free(ss->files[i].name);
		free(ss->files[i].sender);
		free(ss->files[i].why);
	}
	free(ss->files);
	ss->peers = NULL;
	ss->files = NULL;
	ss->npeers = ss->nfiles = 0;
}

struct sync_arg {
	struct tui		*t;
	struct sync_screen	*ss;
};

static int
sync_peer_row(const struct peer *p, void *arg)
{
	struct sync_arg		*a = arg;
	struct sync_screen	*ss = a->ss;
	struct sync_peer	*sp;
	const char		*v[NCOLS];
	char			 heard[64], sent[64], holds[24], behind[24];
	char			*name;

	ss->peers = xreallocarray(ss->peers, ss->npeers + 1,
	    sizeof *ss->peers);
	sp = &ss->peers[ss->npeers++];
	sp->site = p->site;
	sp->name = xstrdup(p->name);
	sp->self = p->self;
	sp->held = p->admission == ADMISSION_HELD;
	if (p->heard != 0)
		sync_when(a->t, p->heard, heard, sizeof heard);
	else
		snprintf(heard, sizeof heard, "never");
	if (p->sent != 0)
		sync_when(a->t, p->sent, sent, sizeof sent);
	else
		snprintf(sent, sizeof sent, "never");
	snprintf(holds, sizeof holds, "%llu", (unsigned long long)p->holds);
	snprintf(behind, sizeof behind, "%llu", (unsigned long long)p->behind);
	/* This site by its name alone, "this site" where it is in step
	 * with itself: the name whole in the narrow column. */
	name = p->self && p->nalso == 0 ? xstrdup(p->name) :
	    sync_peer_label(p);
	v[COL_A] = name;
	v[COL_B] = p->self ? "" : heard;
	v[COL_C] = p->self ? "" : sent;
	v[COL_D] = holds;
	v[COL_E] = p->self ? "" : behind;
	/* Not in step, and why, for a site whose changes are not taken. */
	v[COL_F] = p->self ? "this site" : p->admission == ADMISSION_HELD ?
	    "no: not admitted" : p->admission == ADMISSION_REVOKED ?
	    "no: revoked" : p->in_step ? "yes" : "no";
	tui_doc_row(ss->doc, 0, SYNC_K_PEER, &p->site, v);
	free(name);
	return 0;
}

/* A file row stands for its index in the list, carried as its id. */
static const struct id *
sync_file_id(size_t i, struct id *id)
{
	memset(id, 0, sizeof *id);
	memcpy(id->b, &i, sizeof i);
	return id;
}

static int
sync_file_cmp(const void *a, const void *b)
{
	const struct sync_file	*x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* The bundle files of the bundle directory, read by their headers. */
static void
sync_scan(struct tui *t, struct sync_screen *ss, const char *dir)
{
	struct bundle_head	 h;
	struct sync_file	*f;
	struct dirent		*de;
	DIR			*d;
	size_t			 len;
	char			*cause = NULL;
	int			 as = install_begin(dir);

	d = opendir(dir);
	install_end(as);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".otb") != 0)
			continue;
		ss->files = xreallocarray(ss->files, ss->nfiles + 1,
		    sizeof *ss->files);
		f = &ss->files[ss->nfiles++];
		memset(f, 0, sizeof *f);
		f->name = xstrdup(de->d_name);
		f->path = xprintf("%s/%s", dir, de->d_name);
		if (bundle_info(f->path, &h, &cause) != 0) {
			f->bad = 1;
			f->why = cause;
			cause = NULL;
			continue;
		}
		f->sender = xstrdup(h.sender_name);
		f->changes = h.changes;
		f->made = h.created;
		f->seen = sync_bundle_seen(tui_core(t), &h.bundle);
		f->own = id_cmp(&h.sender, store_site(tui_core(t)->st)) == 0;
		bundle_head_free(&h);
	}
	closedir(d);
	if (ss->nfiles > 1)
		qsort(ss->files, ss->nfiles, sizeof *ss->files, sync_file_cmp);
}

/* The bundle files, a line each (wrapped where narrow): its name, who
 * sent it, when, how many changes, whether it was imported here. */
static void
sync_files(struct tui *t, struct sync_screen *ss)
{
	const char		*dir = tui_bundle_folder(t);
	char			 made[32], seen[48], *line, *name, *sender;
	char			*why;
	struct id		 id;
	size_t			 i;

	tui_doc_text(ss->doc, 0, 0, NULL, 0, "");
	tui_doc_textf(ss->doc, tui_look(LOOK_HEADING), 0, "Bundle files in %s%s",
	    dir, tui_bundle_folder(t) != tui_core(t)->cfg.bundle_dir ?
	    " (chosen: d chooses again)" : " (d chooses another, a USB stick)");
	sync_scan(t, ss, dir);
	if (ss->nfiles == 0) {
		tui_doc_text(ss->doc, tui_look(LOOK_DIM), 0, NULL, 2,
		    "No bundle files (*.otb) here yet.");
		return;
	}
	for (i = 0; i < ss->nfiles; i++) {
		struct sync_file	*f = &ss->files[i];

		sync_file_id(i, &id);
		if (f->bad) {
			name = text_escape(f->name, 0);
			why = text_escape(f->why, 0);	/* it names the file */
			tui_doc_textf(ss->doc, tui_look(LOOK_ERROR), 2,
			    "%s: %s", name, why);
			free(name);
			free(why);
			continue;
		}
		sync_when(t, f->made, made, sizeof made);
		if (f->own)
			snprintf(seen, sizeof seen, "made here");
		else if (f->seen != 0) {
			snprintf(seen, sizeof seen, "imported ");
			sync_when(t, f->seen, seen + 9, sizeof seen - 9);
		} else
			snprintf(seen, sizeof seen, "NEW: not imported yet");
		/* Escaped whole here: a line break in a file's name would
		 * draw a row of its own. */
		name = text_escape(f->name, 0);
		sender = text_escape(f->sender, 0);
		line = xprintf("%s  from %s, %s, %llu change%s, %s", name,
		    sender, made, (unsigned long long)f->changes,
		    f->changes == 1 ? "" : "s", seen);
		free(name);
		free(sender);
		tui_doc_text(ss->doc, f->seen == 0 && !f->own ?
		    tui_look(LOOK_GOOD) : 0, SYNC_K_FILE, &id, 2, line);
		free(line);
	}
}

/* This site, and the fingerprint its administrator reads out. */
static int
sync_team_line(struct tui *t, struct sync_screen *ss, char **cause)
{
	char	 print[TEAM_PRINT_LEN];
	int	 rc;

	if ((rc = team_site_print(tui_core(t), print, cause)) < 0)
		return -1;
	free(ss->site);
	ss->site = xprintf("This site: %s · its fingerprint: %s",
	    store_site_name(tui_core(t)->st), rc == 1 ? print :
	    "none yet (made with its first bundle)");
	return 0;
}

static int
sync_load(struct tui *t, struct tui_screen *s, char **cause)
{
	struct sync_screen	*ss = s->data;
	struct sync_arg		 a = { t, ss };
	struct team_info	 ti;
	char			*word;
	int			 rc;

	tui_doc_clear(ss->doc);
	sync_drop(ss);
	free(ss->site);
	ss->site = NULL;
	if ((rc = team_get(tui_core(t), &ti, cause)) < 0)
		return -1;
	ss->team = rc;
	if (!ss->team) {
		tui_doc_text(ss->doc, tui_look(LOOK_LATE), 0, NULL, 0,
		    "This site is in no team yet. n makes a new team (its "
		    "first site); to join a team, put a bundle of the team in "
		    "the folder below, move the cursor to it and press j.");
		sync_files(t, ss);
		tui_doc_cursor_to(ss->doc, SYNC_K_FILE);
		return 0;
	}
	if (sync_team_line(t, ss, cause) != 0)
		return -1;
	tui_doc_columns(ss->doc, sync_peer_cols, NCOLS);
	if (sync_peers(tui_core(t), sync_peer_row, &a, cause) != 0)
		return -1;
	if ((word = sync_clock_word(tui_core(t))) != NULL)
		tui_doc_text(ss->doc, tui_look(LOOK_LATE), 2, NULL, 0, word);
	free(word);
	if (sync_unadmitted(tui_core(t)) > 0)
		tui_doc_text(ss->doc, tui_look(LOOK_LATE), 0, NULL, 0, "The "
		    "changes of a site not admitted are held: an administrator "
		    "admits it (A), with the fingerprint read out at it.");
	sync_files(t, ss);
	return 0;
}

static void
sync_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h, int w)
{
	struct sync_screen	*ss = s->data;

	(void)t;
	w_text(win, 0, 0, w, "Exchange bundles with the other sites of the "
	    "team", tui_look(LOOK_HEADING));
	if (ss->site == NULL) {
		tui_doc_draw(ss->doc, win, 1, h - 1, w);
		return;
	}
	w_text(win, 1, 0, w, ss->site, 0);
	tui_doc_draw(ss->doc, win, 2, h - 2, w);
}

static struct sync_file *sync_file_at(struct sync_screen *);

/* Enter on a bundle file: a look at it before it is imported. */
static enum w_result
sync_key(struct tui *t, struct tui_screen *s, int key)
{
	struct sync_screen	*ss = s->data;
	struct sync_file	*f;

	if (key == '\r' || key == '\n' || key == (W_FN | KEY_ENTER)) {
		if ((f = sync_file_at(ss)) == NULL || f->bad)
			tui_say(t, "Enter opens a bundle file to look at it "
			    "before it is imported: move the cursor to one.");
		else
			tui_bundle_open(t, f->path);
		return W_HANDLED;
	}
	/* j joins a team: the screen's own key, not a move down. */
	if (key == 'j')
		return W_IGNORED;
	return tui_doc_key(ss->doc, key) == W_IGNORED ? W_IGNORED :
	    W_HANDLED;
}

/*
 * Is nobody signed in? A new site's Sync screen, opened from a sign-in
 * with nobody on it, only joins its team and imports: what the bundles
 * bring is for its people to see, once signed in. Said so.
 */
static int
sync_nobody(struct tui *t)
{
	if (!id_is_zero(&tui_core(t)->me))
		return 0;
	tui_say(t, "Nobody is signed in: here a new site only joins its team "
	    "(j) and imports its bundles (i, I); then its people sign in.");
	return 1;
}

/* Is this site in no team yet? Said so, with what to do. */
static int
sync_no_team(struct tui *t, struct sync_screen *ss)
{
	if (ss->team)
		return 0;
	tui_say(t, "This site is in no team yet: n makes a new team, j joins "
	    "the team of the bundle file under the cursor.");
	return 1;
}

/* Make the site's bundle folder if it is not there; a folder chosen (a
 * stick) must be. */
static int
sync_dir(struct tui *t)
{
	const char	*dir = tui_core(t)->cfg.bundle_dir;
	char		*p, *c;

	if (tui_bundle_folder(t) != dir)
		return 0;
	c = xstrdup(dir);
	for (p = c + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(c, install_mode(0700));
		*p = '/';
	}
	free(c);
	if (mkdir(dir, install_mode(0700)) != 0 && errno != EEXIST) {
		tui_fail(t, xprintf("cannot make the bundle directory %s: %s",
		    dir, strerror(errno)));
		return -1;
	}
	return 0;
}

/* Export for to (NULL: full) into the bundle directory. */
static void
sync_export(struct tui *t, const struct id *to, const char *toname)
{
	struct oneteam		*ot = tui_core(t);
	struct sync_progress	 p = { tui_sync_progress, t };
	struct sync_result	 res;
	struct tm		 tm;
	time_t			 now = (time_t)(ot->now / 1000);
	char			 stamp[32], *path, *cause = NULL, *name;
	size_t			 i;
	int			 n;

	if (sync_dir(t) != 0)
		return;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	/* A file name from the site names: only letters, digits, - and _. */
	name = xprintf("%s-for-%s-%s.otb", store_site_name(ot->st),
	    to != NULL ? toname : "everyone", stamp);
	for (i = 0; name[i] != '\0'; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9') || name[i] == '-' ||
		    name[i] == '_' || name[i] == '.'))
			name[i] = '_';
	path = xprintf("%s/%s", tui_bundle_folder(t), name);
	/* Two in the same second: the second beside the first, not over
	 * it (a bundle not yet taken to the other site would be lost). */
	for (n = 2; access(path, F_OK) == 0 && n < 100; n++) {
		free(path);
		path = xprintf("%s/%.*s-%d.otb", tui_bundle_folder(t),
		    (int)strlen(name) - 4, name, n);
	}
	free(name);
	if (bundle_export(ot, to, path, &p, &res, &cause) != 0)
		tui_fail(t, cause);
	else {
		tui_reload(t);
		tui_say(t, "Wrote %llu change%s to %s.",
		    (unsigned long long)res.changes, res.changes == 1 ? "" :
		    "s", path);
	}
	free(path);
}

/* The site under the cursor, this one too, or NULL. */
static struct sync_peer *
sync_peer_under(struct sync_screen *ss)
{
	struct id	 id;
	size_t		 i;
	int		 kind;

	if (!tui_doc_selected(ss->doc, &kind, &id) || kind != SYNC_K_PEER)
		return NULL;
	for (i = 0; i < ss->npeers; i++)
		if (id_cmp(&ss->peers[i].site, &id) == 0)
			return &ss->peers[i];
	return NULL;
}

static int
sync_export_peer(struct tui *t, struct tui_screen *s, int key)
{
	struct sync_screen	*ss = s->data;
	struct sync_peer	*p;

	(void)key;
	if (sync_nobody(t) || sync_no_team(t, ss))
		return 0;
	if ((p = sync_peer_under(ss)) == NULL) {
		tui_say(t, "Move the cursor to a site to make a bundle for it "
		    "(F makes a full one, for any site).");
		return 0;
	}
	if (p->self) {
		tui_say(t, "That is this site: choose another.");
		return 0;
	}
	sync_export(t, &p->site, p->name);
	return 0;
}

static int
sync_export_full(struct tui *t, struct tui_screen *s, int key)
{
	struct sync_screen	*ss = s->data;

	(void)key;
	if (sync_nobody(t) || sync_no_team(t, ss))
		return 0;
	sync_export(t, NULL, NULL);
	return 0;
}

/* The file under the cursor, or NULL. */
static struct sync_file *
sync_file_at(struct sync_screen *ss)
{
	struct id	id;
	size_t		i;
	int		kind;

	if (!tui_doc_selected(ss->doc, &kind, &id) || kind != SYNC_K_FILE)
		return NULL;
	memcpy(&i, id.b, sizeof i);
	return i < ss->nfiles ? &ss->files[i] : NULL;
}

static int
sync_import_one(struct tui *t, struct tui_screen *s, int key)
{
	struct sync_screen	*ss = s->data;
	struct sync_file	*f = sync_file_at(ss);

	(void)key;
	if (sync_no_team(t, ss))
		return 0;
	if (f == NULL || f->bad) {
		tui_say(t, "Move the cursor to a bundle file to import it (I "
		    "imports every new one).");
		return 0;
	}
	tui_sync_import(t, f->path);
	return 0;
}

static int
sync_import_new(struct tui *t, struct tui_screen *s, int key)
{
	struct sync_screen	*ss = s->data;
	struct sync_result	 sum;
	size_t			 i, done = 0;

	(void)key;
	if (sync_no_team(t, ss))
		return 0;
	memset(&sum, 0, sizeof sum);
	for (i = 0; i < ss->nfiles; i++) {
		/* This site's own bundles hold nothing it lacks. */
		if (ss->files[i].bad || ss->files[i].seen != 0 ||
		    ss->files[i].own)
			continue;
		if (tui_sync_import_file(t, ss->files[i].path, &sum) != 0)
			break;	/* said why; the ones before are in */
		done++;
	}
	if (i < ss->nfiles) {
		/* The refusal stays on the message line; those before it
		 * are in, and shown so; at a new site, their people sign
		 * in now. */
		if (done > 0 && id_is_zero(&tui_core(t)->me))
			tui_pop(t);
		else
			tui_reload(t);
		return 0;
	}
	if (done == 0)
		tui_say(t, "No new bundle files to import.");
	else
		tui_sync_imported(t, done, &sum);
	return 0;
}

static int
sync_conflicts(struct tui *t, struct tui_screen *s, int key)
{
	(void)s;
	(void)key;
	if (!sync_nobody(t))
		tui_conflicts_open(t);
	return 0;
}

/* The site under the cursor, other than this one, or NULL (said). */
static struct sync_peer *
sync_peer_at(struct tui *t, struct sync_screen *ss, const char *what)
{
	struct sync_peer	*p = sync_peer_under(ss);

	if (p != NULL && !p->self)
		return p;
	tui_say(t, "Move the cursor to another site of the team to %s it.",
	    what);
	return NULL;
}

static int
sync_admit(struct tui *t, struct tui_screen *s, int key)
{
	struct sync_screen	*ss = s->data;
	struct sync_peer	*p;

	(void)key;
	if (sync_nobody(t) || sync_no_team(t, ss))
		return 0;
	/* A site held under the cursor is offered by its name. */
	p = sync_peer_under(ss);
	tui_team_admit(t, p != NULL && p->held ? p->name : NULL);
	return 0;
}

static int
sync_revoke(struct tui *t, struct tui_screen *s, int key)
{
	struct sync_screen	*ss = s->data;
	struct sync_peer	*p;
	char			 b32[27];

	(void)key;
	if (sync_nobody(t) || sync_no_team(t, ss) ||
	    (p = sync_peer_at(t, ss, "revoke")) == NULL)
		return 0;
	id_base32(&p->site, b32);
	b32[8] = '\0';
	tui_team_revoke(t, b32, p->name);
	return 0;
}

static int
sync_new_team(struct tui *t, struct tui_screen *s, int key)
{
	struct sync_screen	*ss = s->data;

	(void)key;
	if (ss->team) {
		tui_say(t, "This site is in a team already.");
		return 0;
	}
	tui_team_pass_open(t, NULL, NULL);
	return 0;
}

static int
sync_join(struct tui *t, struct tui_screen *s, int key)
{
	struct sync_screen	*ss = s->data;
	struct sync_file	*f = sync_file_at(ss);

	(void)key;
	if (ss->team) {
		tui_say(t, "This site is in a team already (a new team key is "
		    "taken on the command line: oneteam team join).");
		return 0;
	}
	if (f == NULL || f->bad) {
		tui_say(t, "Move the cursor to a bundle of the team to join it "
		    "(d chooses the folder, a USB stick, it is in).");
		return 0;
	}
	tui_team_pass_open(t, f->path, f->sender);
	return 0;
}

static int
sync_folder(struct tui *t, struct tui_screen *s, int key)
{
	(void)s;
	(void)key;
	tui_team_folder(t);
	return 0;
}

static void
sync_free(struct tui_screen *s)
{
	struct sync_screen	*ss = s->data;

	if (ss == NULL)
		return;
	sync_drop(ss);
	free(ss->site);
	tui_doc_free(ss->doc);
	free(ss);
}

static const struct tui_bind sync_binds[] = {
	{ 'I', "I", "import new", 1, sync_import_new },
	{ 'x', "x", "export for site", 1, sync_export_peer },
	{ '\r', "Enter", "look at a file", 1, NULL },
	{ 'i', "i", "import file", 1, sync_import_one },
	{ 'F', "F", "export full", 1, sync_export_full },
	{ 'd', "d", "folder (stick)", 1, sync_folder },
	{ 'C', "C", "conflicts", 1, sync_conflicts },
	{ 'A', "A", "admit a site", 1, sync_admit },
	{ 'R', "R", "revoke a site", 1, sync_revoke },
	{ 'n', "n", "new team (none yet)", TUI_BAR_NEVER, sync_new_team },
	{ 'j', "j", "join the file's team (none yet)", TUI_BAR_NEVER,
	    sync_join },
	{ 0, NULL, NULL, 0, NULL }
};

/* Before there is a team: make one, or join one with a bundle of it. */
static const struct tui_bind sync_binds_alone[] = {
	{ 'n', "n", "new team", 1, sync_new_team },
	{ 'j', "j", "join the file's team", 1, sync_join },
	{ '\r', "Enter", "look at a file", 1, NULL },
	{ 'd', "d", "folder (stick)", 1, sync_folder },
	{ 'I', "I", "import new", TUI_BAR_NEVER, sync_import_new },
	{ 'x', "x", "export for site", TUI_BAR_NEVER, sync_export_peer },
	{ 'i', "i", "import file", TUI_BAR_NEVER, sync_import_one },
	{ 'F', "F", "export full", TUI_BAR_NEVER, sync_export_full },
	{ 'C', "C", "conflicts", TUI_BAR_NEVER, sync_conflicts },
	{ 'A', "A", "admit a site", TUI_BAR_NEVER, sync_admit },
	{ 'R', "R", "revoke a site", TUI_BAR_NEVER, sync_revoke },
	{ 0, NULL, NULL, 0, NULL }
};

static const struct tui_bind *
sync_binds_now(struct tui_screen *s)
{
	struct sync_screen	*ss = s->data;

	return ss->team ? sync_binds : sync_binds_alone;
}

const struct tui_screen_ops tui_sync_ops = {
	.name = "Sync",
	.about = "The sites of the team and the bundle files in the folder "
	    "bundles are exchanged in: make a bundle for a site or a full one, "
	    "look at a file (Enter) and import it or every new one, choose "
	    "the folder (a USB stick), admit or revoke a site. Before there "
	    "is a team, make one or join one with a bundle of it.",
	.binds = sync_binds,
	.binds_now = sync_binds_now,
	.load = sync_load,
	.draw = sync_draw,
	.key = sync_key,
	.free = sync_free,
};

void
tui_sync_open(struct tui *t)
{
	struct sync_screen	*ss = xcalloc(1, sizeof *ss);

	ss->doc = tui_doc_new();
	tui_push(t, &tui_sync_ops, ss);
}
