/*
 * cli-site.c: a site put right: restore (a backup put back in its place)
 * and site recover (its changes made again under a new id).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#include "oneteam/date.h"
#include "oneteam/kinds.h"
#include "oneteam/store.h"
#include "oneteam/sync.h"
#include "oneteam/xmalloc.h"

static int
restore_new_site(struct oneteam *ot, void *arg, char **cause)
{
	(void)arg;
	return store_new_site(ot->st, cause);
}

/*
 * Put a backup back in place of the database: checked, the database it
 * replaces kept beside it, and a new site id taken, so that nothing the
 * site records from now on is numbered as a change it made and sent
 * after the backup (those come back from the team).
 */
static int
restore_run(struct cli *cli, int argc, char **argv)
{
	struct config	 cfg;
	struct id	 site;
	char		*path, *mark, *saved, *cause = NULL, when[32];
	char		 was[27], now[27];
	int		 rc;

	if (cli_getopt(cli, argc, argv, NULL) != -1)
		return EXIT_USAGE;
	if (optind != argc - 1)
		return cli_usage(cli, "give the backup to restore");
	if ((rc = cli_keeper(cli)) != EXIT_OK ||
	    (rc = cli_config_read(cli, &cfg)) != EXIT_OK)
		return rc;
	path = xstrdup(cfg.db_path);
	mark = config_mark_path(&cfg);
	config_free(&cfg);
	/* Named to the second, never over an earlier restore's copy. */
	time_format_iso(clock_now_ms(), when, sizeof when);
	saved = xprintf("%s.before-restore-%.10s-%.2s%.2s%.2s", path, when,
	    when + 11, when + 14, when + 17);
	rc = store_restore(path, argv[optind], mark, saved, &site, &cause);
	free(mark);
	if (rc == 0 && oneteam_open(&cli->ot, cli->config, path, 0,
	    &cause) != 0)
		rc = EXIT_DB;
	else if (rc != 0)
		rc = EXIT_INPUT;
	if (rc != 0) {
		cli_print_escaped(stderr, cause);
		free(cause);
		free(path);
		free(saved);
		return rc;
	}
	cli->opened = 1;
	/* Its mark found it behind, or (a new machine) there is none. */
	if (id_cmp(store_site(cli->ot.st), &site) == 0 &&
	    oneteam_change(&cli->ot, restore_new_site, NULL, &cause) != 0) {
		free(path);
		free(saved);
		return cli_fail(cli, cause);
	}
	id_base32(&site, was);
	id_base32(store_site(cli->ot.st), now);
	if (cli->format != OUT_HUMAN) {
		struct out	*o = out_record(cli, "restore");

		was[8] = now[8] = '\0';
		out_field(o, "database", path);
		out_field(o, "backup", argv[optind]);
		out_field(o, "replaced_kept_as", access(saved, F_OK) == 0 ?
		    saved : NULL);
		out_field(o, "site_was", was);
		out_field(o, "site", now);
		out_end(o);
	}
	out_say(cli, "%s restored from %s; the database it replaced is kept "
	    "as %s.", path, argv[optind], access(saved, F_OK) == 0 ? saved :
	    "(none: there was none)");
	out_say(cli, "It was site %.8s, and is now site %.8s: what it records "
	    "from now on is numbered afresh. Import a bundle from the team "
	    "(the hub) to get back what this site sent since the backup.",
	    was, now);
	free(path);
	free(saved);
	return EXIT_OK;
}

/* For scripts: what was made again, and the records renumbered. */
void
cli_say_stale(struct cli *cli, uint64_t n, const struct id *repass,
    size_t nrepass)
{
	char	*name;
	size_t	 i;

	if (n > 0)
		out_say(cli, "  %llu of them %s refused where %s now: "
		    "signed with a passphrase %s author has changed since, or "
		    "made after such a change; kept (oneteam check lists %s "
		    "and why): record %s again.", (unsigned long long)n,
		    n == 1 ? "is" : "are", n == 1 ? "it stands" : "they stand",
		    n == 1 ? "its" : "their", n == 1 ? "it" : "them",
		    n == 1 ? "it" : "them");
	for (i = 0; i < nrepass; i++) {
		name = oneteam_staff_name(&cli->ot, &repass[i]);
		out_say(cli, "  %s's new passphrase was one: the one before "
		    "stands again until they set it again (oneteam staff "
		    "passwd).", name);
		free(name);
	}
}

static void
recover_out(struct cli *cli, const struct store_recovered *r, char *was,
    char *now)
{
	static const char *const cols[] = { "kind", "was", "now" };
	struct out	*o;
	char		 from[24], to[24], made[24], trail[24], stale[24];
	char		 old[ID_REF_MAX], new[ID_REF_MAX];
	size_t		 i;

	out_begin(cli);
	o = out_record(cli, "recover");
	was[8] = now[8] = '\0';
	snprintf(from, sizeof from, "%llu", (unsigned long long)r->from);
	snprintf(to, sizeof to, "%llu", (unsigned long long)r->to);
	snprintf(made, sizeof made, "%llu", (unsigned long long)r->made);
	snprintf(trail, sizeof trail, "%zu", r->ntrail);
	snprintf(stale, sizeof stale, "%llu", (unsigned long long)r->stale);
	out_field(o, "site_was", was);
	out_field(o, "site", now);
	out_field(o, "from", from);
	out_field(o, "to", to);
	out_field(o, "made_again", made);
	out_field(o, "trail_entries", trail);
	out_field(o, "refused_old_key", stale);
	out_end(o);
	o = out_table(cli, "renumbered", cols, 3);
	for (i = 0; i < r->nremade; i++) {
		const struct kind	*k = kinds_get(r->remade[i].etype);

		if (k == NULL || k->prefix == NULL)
			continue;
		oneteam_ref(k->etype, &r->remade[i].was, old);
		oneteam_ref(k->etype, &r->remade[i].now, new);
		out_row(o, (const char *const []){ k->etype, old, new });
	}
	out_end(o);
	out_finish(cli);
}

/* This site's history forked: its changes from there made again. */
static int
site_recover_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_ALSO_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct store_recovered	 r;
	struct cli_also		 also;
	char			*cause = NULL, was[27], now[27];
	char			 old[ID_REF_MAX], new[ID_REF_MAX];
	size_t			 i;
	int			 opt, rc;

	memset(&also, 0, sizeof also);
	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1)
		if (opt == '?' || (rc = cli_also_opt(cli, &also, opt,
		    optarg)) != EXIT_OK)
			return EXIT_USAGE;
	if (optind != argc)
		return cli_usage(cli, "site recover takes no arguments");
	if ((rc = cli_start(cli)) != EXIT_OK ||
	    (rc = cli_also_sign(cli, &also)) != EXIT_OK)
		return rc;
	if (sync_recover(&cli->ot, &r, &cause) != 0) {
		store_recovered_free(&r);
		return cli_fail(cli, cause);
	}
	id_base32(&r.was, was);
	id_base32(&r.now, now);
	if (cli->format != OUT_HUMAN)
		recover_out(cli, &r, was, now);
	out_say(cli, "This site's changes %llu to %llu were taken out of site "
	    "%.8s's history, which the team holds with other changes under "
	    "those numbers, and made again as site %.8s: %llu, and %zu "
	    "entries of the audit trail.", (unsigned long long)r.from,
	    (unsigned long long)r.to, was, now, (unsigned long long)r.made,
	    r.ntrail);
	cli_say_stale(cli, r.stale, r.repass, r.nrepass);
	for (i = 0; i < r.nremade; i++) {
		const struct kind	*k = kinds_get(r.remade[i].etype);

		/* What people know records by: their references. */
		if (k == NULL || k->prefix == NULL)
			continue;
		oneteam_ref(k->etype, &r.remade[i].was, old);
		oneteam_ref(k->etype, &r.remade[i].now, new);
		out_say(cli, "  The %s %s is now %s.", k->label, old, new);
	}
	out_say(cli, "Import a bundle from the team next (the hub, or the "
	    "site this one exchanges with): it brings the team's history of "
	    "site %.8s.", was);
	store_recovered_free(&r);
	return EXIT_OK;
}

const struct cli_cmd cli_site_cmds[] = {
	{ NULL, "restore", "BACKUP",
	    "Put a backup of this site's database back in its place",
	    "The backup is checked (a oneteam database of this site, not "
	    "damaged); the\ndatabase it replaces is kept beside it "
	    "(DB.before-restore-DATE); the site\ntakes a new site id. Then "
	    "import a bundle from the team to get back what\nthis site sent "
	    "since the backup.\n", 0, restore_run },
	{ "site", "recover", "[--also NAME]...",
	    "Make this site's changes again under a new site id (a backup "
	    "put back, a copied database)",
	    "  --also NAME                  another author who gives their "
	    "passphrase\n"
	    "  --also-passphrase-file FILE  theirs, read from FILE\n\n"
	    "Needs a bundle refused for it first (\"this site ... made its "
	    "changes from\nnumber N again\"). Sign in first: a change only "
	    "its author could make is\nmade again only with their key: "
	    "name each other author with --also NAME\n(their passphrase is "
	    "asked, or read from the --also-passphrase-file given\nfor "
	    "them, in order).\n",
	    CLI_WRITE, site_recover_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};
