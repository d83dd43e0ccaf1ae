/*
 * tui-bundle.c: the Bundle screen, a look at a bundle file before it is
 * imported (Enter on one on the Sync screen): who sent it and when, for
 * which site, whether it was imported here, and at a site of its team
 * whether an import would take it and what it brings that this site
 * lacks, by kind of record, by whom and from which sites. The core reads
 * it as the import checks it (bundle_preview()); nothing is written
 * until i imports it. At a site in no team yet, j joins the team with it.
 * The importing itself is here too, for this screen and the Sync screen:
 * a file imported with its progress shown, and what the imports did said
 * in words.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/kinds.h"
#include "oneteam/sync.h"
#include "oneteam/xmalloc.h"
#include "tui-sync.h"

#define BUNDLE_NAMES	6	/* people or sites named; then "and N more" */

struct bundle_screen {
	char			*path;
	struct tui_doc		*doc;
	int			 team;	/* this site is in a team */
	int			 ok;	/* an import would take it */
	char			*sender;
};

/* A site's name: as this site knows it, else as the bundle names it. */
static char *
bundle_site(struct tui *t, const struct bundle_preview *pv,
    const struct id *site)
{
	char	*name = site_name_of(tui_core(t)->st, site);
	size_t	 i;

	for (i = 0; (name == NULL || *name == '\0') && i < pv->h.nhas; i++)
		if (id_cmp(&pv->h.has[i].origin, site) == 0 &&
		    pv->h.has[i].name != NULL) {
			free(name);
			name = xstrdup(pv->h.has[i].name);
		}
	if (name == NULL || *name == '\0') {
		free(name);
		name = site_label(tui_core(t)->st, site);
	}
	return name;
}

/* Who made them, or where (staff 0): the first few by name, ", "
 * between; people not known here yet (their accounts in the bundle)
 * counted. */
static char *
bundle_names(struct tui *t, const struct bundle_preview *pv, int staff)
{
	const struct id	*v = staff ? pv->authors : pv->origins;
	size_t		 n = staff ? pv->nauthors : pv->norigins, i, shown = 0,
			 more = 0, unknown = 0;
	char		*all = xstrdup(""), *name, *was;

	for (i = 0; i < n; i++) {
		name = staff ? oneteam_staff_name(tui_core(t), &v[i]) :
		    bundle_site(t, pv, &v[i]);
		if (*name == '\0')
			unknown++;
		else if (shown == BUNDLE_NAMES)
			more++;
		else {
			was = all;
			all = xprintf("%s%s%s", was, shown > 0 ? ", " : "",
			    name);
			free(was);
			shown++;
		}
		free(name);
	}
	was = all;
	if (more > 0)
		all = xprintf("%s and %zu more", was, more);
	else
		all = xstrdup(was);
	free(was);
	if (unknown > 0) {
		was = all;
		all = xprintf("%s%s%zu %s not known here yet", was, shown > 0 ?
		    "; " : "", unknown, unknown == 1 ? "person" : "people");
		free(was);
	}
	return all;
}

/* What it brings that this site lacks. */
static void
bundle_fresh(struct tui *t, struct bundle_screen *bs,
    const struct bundle_preview *pv)
{
	char	 first[64], last[64], *names;
	size_t	 i;

	tui_doc_textf(bs->doc, pv->fresh > 0 ? tui_look(LOOK_GOOD) : 0, 0,
	    "An import would take it: %llu change%s new here, %llu held "
	    "already.", (unsigned long long)pv->fresh, pv->fresh == 1 ? "" :
	    "s", (unsigned long long)pv->held);
	if (pv->not_yet > 0)
		tui_doc_textf(bs->doc, tui_look(LOOK_LATE), 2, "%llu more "
		    "not yet: their sites' changes before them are not here "
		    "(import a bundle made for this site first)",
		    (unsigned long long)pv->not_yet);
	if (pv->fresh == 0)
		return;
	tui_when(t, pv->first, first, sizeof first);
	tui_when(t, pv->last, last, sizeof last);
	if (strcmp(first, last) == 0)
		tui_doc_textf(bs->doc, 0, 2, "Made %s (by its maker's clock)",
		    first);
	else
		tui_doc_textf(bs->doc, 0, 2, "Made from %s to %s (by their "
		    "makers' clocks)", first, last);
	names = bundle_names(t, pv, 1);
	tui_doc_textf(bs->doc, 0, 2, "By: %s", pv->nauthors > 0 ? names :
	    "the sites themselves");
	free(names);
	names = bundle_names(t, pv, 0);
	tui_doc_textf(bs->doc, 0, 2, "Made at: %s", names);
	free(names);
	tui_doc_text(bs->doc, 0, 0, NULL, 0, "");
	tui_doc_text(bs->doc, tui_look(LOOK_HEADING), 0, NULL, 0,
	    "What is new, by kind of record");
	for (i = 0; i < kinds_count(); i++)
		if (pv->kinds[i].added + pv->kinds[i].changed > 0)
			tui_doc_textf(bs->doc, 0, 2, "%-26s %llu new, %llu "
			    "change%s", kinds_at(i)->label,
			    (unsigned long long)pv->kinds[i].added,
			    (unsigned long long)pv->kinds[i].changed,
			    pv->kinds[i].changed == 1 ? "" : "s");
	if (pv->later > 0)
		tui_doc_textf(bs->doc, tui_look(LOOK_DIM), 2, "%llu made by a "
		    "newer oneteam: kept and passed on, shown once this one is "
		    "upgraded", (unsigned long long)pv->later);
}

static int
bundle_load(struct tui *t, struct tui_screen *s, char **cause)
{
	struct bundle_screen	*bs = s->data;
	struct sync_progress	 p = { tui_sync_progress, t };
	struct bundle_preview	 pv;
	char			 made[64], seen[64], *to;

	tui_doc_clear(bs->doc);
	if (bundle_preview(tui_core(t), bs->path, &p, &pv, cause) != 0)
		return -1;
	free(bs->sender);
	bs->sender = xstrdup(pv.h.sender_name);
	bs->team = pv.checked;
	bs->ok = pv.checked && pv.why == NULL;
	tui_when(t, pv.h.created, made, sizeof made);
	tui_doc_textf(bs->doc, tui_look(LOOK_HEADING), 0, "Bundle %s",
	    bs->path);
	tui_doc_textf(bs->doc, 0, 2, "From: %s, made %s (by its clock)",
	    pv.h.sender_name, made);
	to = id_is_zero(&pv.h.to) ? xstrdup("any site (a full bundle)") :
	    id_cmp(&pv.h.to, store_site(tui_core(t)->st)) == 0 ?
	    xstrdup("this site") : bundle_site(t, &pv, &pv.h.to);
	tui_doc_textf(bs->doc, 0, 2, "For: %s", to);
	free(to);
	tui_doc_textf(bs->doc, 0, 2, "Holds: %llu change%s",
	    (unsigned long long)pv.h.changes, pv.h.changes == 1 ? "" : "s");
	if (pv.seen != 0) {
		tui_when(t, pv.seen, seen, sizeof seen);
		tui_doc_textf(bs->doc, 0, 2, "Imported here %s", seen);
	} else
		tui_doc_text(bs->doc, 0, 0, NULL, 2, "Not imported here yet");
	tui_doc_text(bs->doc, 0, 0, NULL, 0, "");
	if (!pv.checked)
		tui_doc_text(bs->doc, tui_look(LOOK_LATE), 0, NULL, 0, "This "
		    "site is in no team yet: j joins the team that made this "
		    "bundle, with the team passphrase.");
	else if (pv.why != NULL)
		tui_doc_textf(bs->doc, tui_look(LOOK_ERROR), 0, "An import "
		    "would refuse it: %s", pv.why);
	else
		bundle_fresh(t, bs, &pv);
	bundle_preview_free(&pv);
	return 0;
}

static void
bundle_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h, int w)
{
	struct bundle_screen	*bs = s->data;

	(void)t;
	tui_doc_draw(bs->doc, win, 0, h, w);
}

static enum w_result
bundle_key(struct tui *t, struct tui_screen *s, int key)
{
	struct bundle_screen	*bs = s->data;

	(void)t;
	if (key == 'j')
		return W_IGNORED;	/* joins, not a move down */
	return tui_doc_key(bs->doc, key) == W_IGNORED ? W_IGNORED : W_HANDLED;
}

static int
bundle_import_key(struct tui *t, struct tui_screen *s, int key)
{
	struct bundle_screen	*bs = s->data;
	char			*path;

	(void)key;
	if (!bs->team) {
		tui_say(t, "This site is in no team yet: j joins the team with "
		    "this bundle.");
		return 0;
	}
	/* Imported, or refused with the import's own words: either way
	 * the Sync screen shows what came of it. */
	path = xstrdup(bs->path);
	tui_pop(t);
	tui_sync_import(t, path);
	free(path);
	return 0;
}

static int
bundle_join_key(struct tui *t, struct tui_screen *s, int key)
{
	struct bundle_screen	*bs = s->data;

	(void)key;
	if (bs->team) {
		tui_say(t, "This site is in a team already (a new team key is "
		    "taken with oneteam team join).");
		return 0;
	}
	tui_team_pass_open(t, bs->path, bs->sender);
	return 0;
}

static void
bundle_free(struct tui_screen *s)
{
	struct bundle_screen	*bs = s->data;

	tui_doc_free(bs->doc);
	free(bs->path);
	free(bs->sender);
	free(bs);
}

static const struct tui_bind bundle_binds[] = {
	{ 'i', "i", "import it", 1, bundle_import_key },
	{ 'j', "j", "join its team", 1, bundle_join_key },
	{ 0, NULL, NULL, 0, NULL }
};

/* At a site of a team: j is not offered (it says why if pressed). */
static const struct tui_bind bundle_binds_team[] = {
	{ 'i', "i", "import it", 1, bundle_import_key },
	{ 'j', "j", "join its team", TUI_BAR_NEVER, bundle_join_key },
	{ 0, NULL, NULL, 0, NULL }
};

static const struct tui_bind *
bundle_binds_now(struct tui_screen *s)
{
	struct bundle_screen	*bs = s->data;

	return bs->team ? bundle_binds_team : bundle_binds;
}

const struct tui_screen_ops tui_bundle_ops = {
	.name = "Bundle",
	.about = "A bundle file before it is imported: who sent it, for whom, "
	    "and what an import would take that this site lacks. i imports it; "
	    "at a site in no team yet, j joins the team with it.",
	.binds = bundle_binds,
	.binds_now = bundle_binds_now,
	.load = bundle_load,
	.draw = bundle_draw,
	.key = bundle_key,
	.free = bundle_free,
};

void
tui_bundle_open(struct tui *t, const char *path)
{
	struct bundle_screen	*bs = xcalloc(1, sizeof *bs);

	bs->path = xstrdup(path);
	bs->doc = tui_doc_new();
	tui_push(t, &tui_bundle_ops, bs);
}

/* --- importing, from here and the Sync screen ----------------------------- */

/* Progress of a long export or import, on the message line. */
void
tui_sync_progress(const char *stage, uint64_t done, uint64_t total, void *arg)
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

/* Import one file, adding what it did to *sum; 0, or -1 refused (said). */
int
tui_sync_import_file(struct tui *t, const char *path, struct sync_result *sum)
{
	struct sync_progress	 p = { tui_sync_progress, t };
	struct sync_result	 res;
	char			*cause = NULL;

	if (bundle_import(tui_core(t), path, &p, &res, &cause) != 0) {
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

/* Say what the imports did, and reload to show it. At a new site that
 * nobody has signed in to yet, the team's people have come with it: they
 * sign in now. */
void
tui_sync_imported(struct tui *t, size_t files, const struct sync_result *sum)
{
	if (id_is_zero(&tui_core(t)->me))
		tui_pop(t);
	else
		tui_reload(t);
	tui_say(t, "%sImported %zu bundle%s: %llu new change%s, %llu held "
	    "already, %llu conflict%s arose%s%s%s.",
	    id_is_zero(&tui_core(t)->me) ? "Sign in now. " : "",
	    files, files == 1 ? "" : "s",
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

int
tui_sync_import(struct tui *t, const char *path)
{
	struct sync_result	sum;

	memset(&sum, 0, sizeof sum);
	if (tui_sync_import_file(t, path, &sum) != 0)
		return -1;
	tui_sync_imported(t, 1, &sum);
	return 0;
}

