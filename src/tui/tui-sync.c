/*
 * tui-sync.c: the Sync screen. It shows the sites this one knows (when
 * each was last heard from and sent to, what each holds and how many of
 * this site's changes it lacks) and the bundle files in the bundle
 * directory (a USB stick, say), with whether each was imported. Keys make
 * a bundle for the site under the cursor or a full one, import the file
 * under the cursor or every new one, and open the Conflicts queue. Long
 * exports and imports show their progress on the message line.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "oneteam/admission.h"
#include "oneteam/sync.h"
#include "oneteam/install.h"
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
};

struct sync_screen {
	struct tui_doc		*doc;
	struct sync_peer	*peers;
	size_t			 npeers;
	struct sync_file	*files;
	size_t			 nfiles;
	int			 team;
};

enum { COL_A, COL_B, COL_C, COL_D, COL_E, COL_F, NCOLS };
static const struct tui_col sync_peer_cols[NCOLS] = {
	{ "Site", 0 }, { "Heard from", 18 }, { "Sent to", 18 },
	{ "Holds", 9 }, { "To send", 8 }, { "In step", 18 },
};

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
	if (p->heard != 0)
		tui_when(a->t, p->heard, heard, sizeof heard);
	else
		snprintf(heard, sizeof heard, "never");
	if (p->sent != 0)
		tui_when(a->t, p->sent, sent, sizeof sent);
	else
		snprintf(sent, sizeof sent, "never");
	snprintf(holds, sizeof holds, "%llu", (unsigned long long)p->holds);
	snprintf(behind, sizeof behind, "%llu", (unsigned long long)p->behind);
	name = sync_peer_label(p);
	v[COL_A] = name;
	v[COL_B] = p->self ? "" : heard;
	v[COL_C] = p->self ? "" : sent;
	v[COL_D] = holds;
	v[COL_E] = p->self ? "" : behind;
	/* Not in step, and why, for a site whose changes are not taken. */
	v[COL_F] = p->self ? "" : p->admission == ADMISSION_HELD ?
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

	if ((d = opendir(dir)) == NULL)
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

static void
sync_files(struct tui *t, struct sync_screen *ss)
{
	const char		*dir = tui_core(t)->cfg.bundle_dir;
	/* In the columns of the sites above, under headings of their own. */
	static const char *const titles[NCOLS] = {
		"Bundle file", "From", "Made", "Changes", "", "Imported",
	};
	const char		*v[NCOLS];
	char			 made[64], seen[64], n[24];
	struct id		 id;
	size_t			 i;

	tui_doc_text(ss->doc, 0, 0, NULL, 0, "");
	tui_doc_textf(ss->doc, 0, 0, "Bundles in %s", dir);
	sync_scan(t, ss, dir);
	if (ss->nfiles == 0) {
		tui_doc_text(ss->doc, tui_look(LOOK_DIM), 0, NULL, 2,
		    "No bundle files (*.otb) here yet.");
		return;
	}
	tui_doc_row(ss->doc, tui_look(LOOK_HEADING), 0, NULL, titles);
	for (i = 0; i < ss->nfiles; i++) {
		struct sync_file	*f = &ss->files[i];

		if (f->bad) {
			tui_doc_textf(ss->doc, tui_look(LOOK_ERROR), 0,
			    "%s: %s", f->name, f->why);
			continue;
		}
		tui_when(t, f->made, made, sizeof made);
		if (f->own)
			snprintf(seen, sizeof seen, "made here");
		else if (f->seen != 0)
			tui_when(t, f->seen, seen, sizeof seen);
		else
			snprintf(seen, sizeof seen, "NEW: not yet");
		snprintf(n, sizeof n, "%llu", (unsigned long long)f->changes);
		v[COL_A] = f->name;
		v[COL_B] = f->sender;
		v[COL_C] = made;
		v[COL_D] = n;
		v[COL_E] = "";
		v[COL_F] = seen;
		tui_doc_row(ss->doc, f->seen == 0 && !f->own ?
		    tui_look(LOOK_GOOD) : 0, SYNC_K_FILE, sync_file_id(i, &id), v);
	}
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
	if ((rc = team_get(tui_core(t), &ti, cause)) < 0)
		return -1;
	ss->team = rc;
	if (!ss->team) {
		tui_doc_text(ss->doc, tui_look(LOOK_LATE), 0, NULL, 0,
		    "This site is in no team yet. On the command line, make "
		    "one with oneteam team create, or join the team with "
		    "oneteam team join and a bundle of the team.");
		return 0;
	}
	tui_doc_columns(ss->doc, sync_peer_cols, NCOLS);
	if (sync_peers(tui_core(t), sync_peer_row, &a, cause) != 0)
		return -1;
	if ((word = sync_clock_word(tui_core(t))) != NULL)
		tui_doc_text(ss->doc, tui_look(LOOK_LATE), 2, NULL, 0, word);
	free(word);
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
	tui_doc_draw(ss->doc, win, 1, h - 1, w);
}

static enum w_result
sync_key(struct tui *t, struct tui_screen *s, int key)
{
	struct sync_screen	*ss = s->data;

	(void)t;
	return tui_doc_key(ss->doc, key) == W_IGNORED ? W_IGNORED :
	    W_HANDLED;
}

/* Progress of a long export or import, on the message line. */
static void
sync_progress_fn(const char *stage, uint64_t done, uint64_t total, void *arg)
{
	struct tui	*t = arg;
	char		 bar[21];
	int		 i, n = total > 0 ? (int)(done * 20 / total) : 20;

	if (total < 5000)
		return;
	for (i = 0; i < 20; i++)
		bar[i] = i < n ? '#' : '.';
	bar[20] = '\0';
	tui_progress(t, "%s: [%s] %llu of %llu changes", stage, bar,
	    (unsigned long long)done, (unsigned long long)total);
}

/* Make the bundle directory if it is not there (a stick may be). */
static int
sync_dir(struct tui *t)
{
	const char	*dir = tui_core(t)->cfg.bundle_dir;
	char		*p, *c;

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
	struct sync_progress	 p = { sync_progress_fn, t };
	struct sync_result	 res;
	struct tm		 tm;
	time_t			 now = (time_t)(ot->now / 1000);
	char			 stamp[32], *path, *cause = NULL, *name;
	size_t			 i;

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
	path = xprintf("%s/%s", ot->cfg.bundle_dir, name);
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

static int
sync_export_peer(struct tui *t, struct tui_screen *s, int key)
{
	struct sync_screen	*ss = s->data;
	struct id		 id;
	size_t			 i;
	int			 kind;

	(void)key;
	if (!ss->team || !tui_doc_selected(ss->doc, &kind, &id) ||
	    kind != SYNC_K_PEER) {
		tui_say(t, "Move the cursor to a site to make a bundle for it "
		    "(F makes a full one, for any site).");
		return 0;
	}
	for (i = 0; i < ss->npeers; i++)
		if (id_cmp(&ss->peers[i].site, &id) == 0)
			break;
	if (i == ss->npeers || ss->peers[i].self) {
		tui_say(t, "That is this site: choose another.");
		return 0;
	}
	sync_export(t, &id, ss->peers[i].name);
	return 0;
}

static int
sync_export_full(struct tui *t, struct tui_screen *s, int key)
{
	struct sync_screen	*ss = s->data;

	(void)key;
	if (!ss->team) {
		tui_say(t, "This site is in no team yet.");
		return 0;
	}
	sync_export(t, NULL, NULL);
	return 0;
}

/* Import one file, adding what it did to *sum; 0, or -1 refused (said). */
static int
sync_import_file(struct tui *t, const struct sync_file *f,
    struct sync_result *sum)
{
	struct sync_progress	 p = { sync_progress_fn, t };
	struct sync_result	 res;
	char			*cause = NULL;

	if (bundle_import(tui_core(t), f->path, &p, &res, &cause) != 0) {
		tui_fail(t, cause);
		return -1;
	}
	sum->changes += res.changes;
	sum->added += res.added;
	sum->held += res.held;
	sum->conflicts += res.conflicts;
	if (res.ahead > sum->ahead) {
		sum->ahead = res.ahead;
		sum->ahead_site = res.ahead_site;
	}
	sum->skipped += res.skipped;
	sum->refused += res.refused;
	sum->unadmitted += res.unadmitted;
	sum->later += res.later;
	sum->recovered += res.recovered;
	sum->forged += res.forged;
	sum->let_go += res.let_go;
	sum->remade += res.remade;
	sum->new_site |= res.new_site;
	return 0;
}

/* Say what the imports did, and reload to show it. */
static void
sync_imported(struct tui *t, size_t files, const struct sync_result *sum)
{
	tui_reload(t);
	tui_say(t, "Imported %zu bundle%s: %llu new change%s, %llu held "
	    "already, %llu conflict%s arose%s%s%s.", files, files == 1 ? "" : "s",
	    (unsigned long long)sum->added, sum->added == 1 ? "" : "s",
	    (unsigned long long)sum->held, (unsigned long long)sum->conflicts,
	    sum->conflicts == 1 ? "" : "s", sum->ahead > 0 ?
	    "; a bundle was made far after this machine's clock, by its "
	    "sender's: one of the two clocks is wrong (see the list)" :
	    sum->skipped > 0 ?
	    "; some not taken, their sites' earlier changes not here yet "
	    "(import a bundle made for this site)" : sum->unadmitted > 0 ?
	    "; some held, their sites not admitted to the team (see "
	    "oneteam peers)" : sum->refused > 0 ?
	    "; some refused, their authors could not make them (see "
	    "Conflicts)" : sum->later > 0 ? "; some made by a newer oneteam, "
	    "kept and passed on, shown once this one is upgraded" :
	    sum->recovered > 0 || sum->forged > 0 ? "; some left out, copies "
	    "their sites let go of or signed in another's name (oneteam "
	    "bundle import says which)" : "",
	    sum->remade > 0 ? "; copies of a forked site's changes were let "
	    "go of, and this site's own work on them made again under a new "
	    "site id" : sum->let_go > 0 ? "; copies of a forked site's "
	    "changes were let go of, the team's history of them taken" : "",
	    sum->new_site ?
	    "; this database was put back from a backup and is now a site of "
	    "its own" : "");
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
	struct sync_result	 sum;

	(void)key;
	if (!ss->team || f == NULL || f->bad) {
		tui_say(t, "Move the cursor to a bundle file to import it (I "
		    "imports every new one).");
		return 0;
	}
	memset(&sum, 0, sizeof sum);
	if (sync_import_file(t, f, &sum) == 0)
		sync_imported(t, 1, &sum);
	return 0;
}

static int
sync_import_new(struct tui *t, struct tui_screen *s, int key)
{
	struct sync_screen	*ss = s->data;
	struct sync_result	 sum;
	size_t			 i, done = 0;

	(void)key;
	if (!ss->team) {
		tui_say(t, "This site is in no team yet.");
		return 0;
	}
	memset(&sum, 0, sizeof sum);
	for (i = 0; i < ss->nfiles; i++) {
		/* This site's own bundles hold nothing it lacks. */
		if (ss->files[i].bad || ss->files[i].seen != 0 ||
		    ss->files[i].own)
			continue;
		if (sync_import_file(t, &ss->files[i], &sum) != 0)
			break;	/* said why; the ones before are in */
		done++;
	}
	if (i < ss->nfiles) {
		/* The refusal stays on the message line; those before it
		 * are in, and shown so. */
		tui_reload(t);
		return 0;
	}
	if (done == 0)
		tui_say(t, "No new bundle files to import.");
	else
		sync_imported(t, done, &sum);
	return 0;
}

static int
sync_conflicts(struct tui *t, struct tui_screen *s, int key)
{
	(void)s;
	(void)key;
	tui_conflicts_open(t);
	return 0;
}

static void
sync_free(struct tui_screen *s)
{
	struct sync_screen	*ss = s->data;

	if (ss == NULL)
		return;
	sync_drop(ss);
	tui_doc_free(ss->doc);
	free(ss);
}

static const struct tui_bind sync_binds[] = {
	{ 'x', "x", "export for site", 1, sync_export_peer },
	{ 'F', "F", "export full", 1, sync_export_full },
	{ 'i', "i", "import file", 1, sync_import_one },
	{ 'I', "I", "import new", 1, sync_import_new },
	{ 'C', "C", "conflicts", 1, sync_conflicts },
	{ 0, NULL, NULL, 0, NULL }
};

const struct tui_screen_ops tui_sync_ops = {
	.name = "Sync",
	.about = "The sites of the team and the bundle files in the bundle "
	    "directory: make a bundle for a site or a full one, import a file "
	    "or every new one.",
	.binds = sync_binds,
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
