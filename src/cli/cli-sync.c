/*
 * cli-sync.c: the team key, bundles, peers and conflicts from the command
 * line. The team passphrase comes through cli_passphrase() (cli-pass.c)
 * and is wiped from memory once the key is made. The core puts each
 * bundle written or imported on the audit trail (sync.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "oneteam/admission.h"
#include "oneteam/date.h"
#include "oneteam/kinds.h"
#include "oneteam/sync.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

enum { SY_PASSFILE = 1, SY_KDF, SY_FOR, SY_FULL, SY_TAKE, SY_VALUE,
    SY_BEFORE, SY_OUT = 'o' };

/* --- team ---------------------------------------------------------------- */

static const struct option team_opts[] = {
	{ "passphrase-file", required_argument, NULL, SY_PASSFILE },
	{ "kdf", required_argument, NULL, SY_KDF },
	{ NULL, 0, NULL, 0 }
};

static int
team_show(struct cli *cli, const struct team_info *ti)
{
	struct out	*o;
	struct id	 root;
	char		 b32[27], *path, print[TEAM_PRINT_LEN], *cause = NULL;
	char		*name;
	int		 rc;

	if ((rc = team_site_print(&cli->ot, print, &cause)) < 0)
		return cli_fail(cli, cause);
	id_base32(&ti->team, b32);
	path = team_key_path(&cli->ot);
	o = out_record(cli, "team");
	out_field(o, "team", b32);
	out_field(o, "site", store_site_name(cli->ot.st));
	out_field(o, "fingerprint", rc == 1 ? print :
	    "none yet (made with this site's next bundle)");
	if ((rc = admission_root(cli->ot.st, &root)) == 1) {
		name = site_label(cli->ot.st, &root);
		out_field(o, "root", id_cmp(&root, store_site(cli->ot.st)) ==
		    0 ? "this site" : name);
		free(name);
	} else
		out_field(o, "root", rc < 0 ? "?" : "none: a team made before "
		    "sites were admitted (oneteam team root)");
	out_field(o, "key_file", path);
	out_field(o, "joined", cli_time(cli, ti->joined));
	out_end(o);
	free(path);
	return EXIT_OK;
}

/* --passphrase-file and --kdf, of team create and team rekey. */
static int
team_opts_read(struct cli *cli, int argc, char **argv, const char **file,
    enum team_kdf *kdf)
{
	int	opt;

	while ((opt = cli_getopt(cli, argc, argv, team_opts)) != -1) {
		if (opt == SY_PASSFILE)
			*file = optarg;
		else if (opt == SY_KDF && strcmp(optarg, "interactive") == 0)
			*kdf = TEAM_KDF_INTERACTIVE;
		else if (opt == SY_KDF && strcmp(optarg, "moderate") == 0)
			*kdf = TEAM_KDF_MODERATE;
		else if (opt == SY_KDF && strcmp(optarg, "sensitive") == 0)
			*kdf = TEAM_KDF_SENSITIVE;
		else if (opt == SY_KDF)
			return cli_usage(cli, "--kdf \"%s\": expected "
			    "interactive, moderate or sensitive", optarg);
		else
			return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int
team_create_run(struct cli *cli, int argc, char **argv)
{
	struct team_info	 ti;
	enum team_kdf		 kdf = TEAM_KDF_MODERATE;
	const char		*file = NULL;
	char			*pass = NULL, *cause = NULL;
	ssize_t			 n;
	int			 rc;

	if ((rc = team_opts_read(cli, argc, argv, &file, &kdf)) != EXIT_OK)
		return rc;
	if (optind != argc)
		return cli_usage(cli, "team create takes no arguments");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if ((n = cli_passphrase(cli, "Team passphrase: ", file, 1, &pass)) < 0) {
		sodium_free(pass);
		return EXIT_USAGE;
	}
	rc = team_create(&cli->ot, pass, (size_t)n, kdf, &cause);
	sodium_free(pass);
	if (rc != 0)
		return cli_fail(cli, cause);
	if (team_get(&cli->ot, &ti, &cause) != 1)
		return cli_fail(cli, cause);
	out_say(cli, "Made a new team. Give its passphrase to the other "
	    "sites by word of mouth, never with a bundle.");
	return team_show(cli, &ti);
}

static const struct option join_opts[] = {
	{ "passphrase-file", required_argument, NULL, SY_PASSFILE },
	{ "before-admission", no_argument, NULL, SY_BEFORE },
	{ NULL, 0, NULL, 0 }
};

static int
team_join_run(struct cli *cli, int argc, char **argv)
{
	struct team_info	 ti;
	const char		*file = NULL;
	char			*pass = NULL, *cause = NULL;
	ssize_t			 n;
	int			 opt, rc, member, before = 0;

	while ((opt = cli_getopt(cli, argc, argv, join_opts)) != -1) {
		if (opt == SY_BEFORE)
			before = 1;
		else if (opt == SY_PASSFILE)
			file = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind + 1 != argc)
		return cli_usage(cli, "give one bundle of the team to join");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if ((n = cli_passphrase(cli, "Team passphrase: ", file, 0, &pass)) < 0) {
		sodium_free(pass);
		return EXIT_USAGE;
	}
	if ((member = team_get(&cli->ot, &ti, &cause)) < 0) {
		sodium_free(pass);
		return cli_fail(cli, cause);
	}
	rc = team_join_as(&cli->ot, argv[optind], pass, (size_t)n, before,
	    &cause);
	sodium_free(pass);
	if (rc != 0)
		return cli_fail(cli, cause);
	if (team_get(&cli->ot, &ti, &cause) != 1)
		return cli_fail(cli, cause);
	if (member)
		out_say(cli, "Took the team's new key: bundles made with the "
		    "old one are refused here from now on.");
	else
		out_say(cli, "Joined the team. Import its bundles with oneteam "
		    "bundle import.");
	return team_show(cli, &ti);
}

static int
team_rekey_run(struct cli *cli, int argc, char **argv)
{
	struct team_info	 ti;
	enum team_kdf		 kdf = TEAM_KDF_MODERATE;
	const char		*file = NULL;
	char			*pass = NULL, *cause = NULL;
	ssize_t			 n;
	int			 rc;

	if ((rc = team_opts_read(cli, argc, argv, &file, &kdf)) != EXIT_OK)
		return rc;
	if (optind != argc)
		return cli_usage(cli, "team rekey takes no arguments");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if ((n = cli_passphrase(cli, "New team passphrase: ", file, 1,
	    &pass)) < 0) {
		sodium_free(pass);
		return EXIT_USAGE;
	}
	rc = team_rekey(&cli->ot, pass, (size_t)n, kdf, &cause);
	sodium_free(pass);
	if (rc != 0)
		return cli_fail(cli, cause);
	if (team_get(&cli->ot, &ti, &cause) != 1)
		return cli_fail(cli, cause);
	out_say(cli, "Made a new team key. Give the new passphrase to the "
	    "other sites by word of mouth; each takes the key with oneteam "
	    "team join and a bundle made here, and refuses bundles made with "
	    "the old one from then on.");
	return team_show(cli, &ti);
}

static int
team_show_run(struct cli *cli, int argc, char **argv)
{
	struct team_info	 ti;
	char			*cause = NULL;
	int			 rc;

	if (cli_getopt(cli, argc, argv, team_opts + 2) != -1)
		return EXIT_USAGE;
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if ((rc = team_get(&cli->ot, &ti, &cause)) < 0)
		return cli_fail(cli, cause);
	if (rc == 0) {
		fprintf(stderr, "oneteam: this site is in no team yet: run "
		    "oneteam team create, or oneteam team join\n");
		return EXIT_NOTFOUND;
	}
	return team_show(cli, &ti);
}

static const struct option admit_opts[] = {
	{ "name", required_argument, NULL, 'n' },
	{ "from", required_argument, NULL, 'f' },
	{ NULL, 0, NULL, 0 }
};

static int
team_admit_run(struct cli *cli, int argc, char **argv)
{
	const char	*name = NULL, *from = NULL;
	char		*cause = NULL;
	int		 opt, rc;

	while ((opt = cli_getopt(cli, argc, argv, admit_opts)) != -1) {
		if (opt == 'n')
			name = optarg;
		else if (opt == 'f')
			from = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind + 1 != argc)
		return cli_usage(cli, "give the fingerprint of the site to "
		    "admit, in quotes");
	if (name == NULL)
		return cli_usage(cli, "give the site's name with --name");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (team_admit(&cli->ot, argv[optind], name, from, &cause) != 0)
		return cli_fail(cli, cause);
	out_say(cli, "Admitted \"%s\": its changes are taken here now, and "
	    "at the other sites with the next bundle.", name);
	return EXIT_OK;
}

static int
team_root_run(struct cli *cli, int argc, char **argv)
{
	const char		*cols[] = { "site", "name", "fingerprint",
				    "taken_to" };
	struct admission_kept	*v;
	struct out		*o;
	const char		*row[4];
	char			*cause = NULL, b32[27], print[TEAM_PRINT_LEN];
	size_t			 n, i;
	int			 rc;

	if (cli_getopt(cli, argc, argv, NULL) != -1)
		return EXIT_USAGE;
	if (optind + 1 < argc)
		return cli_usage(cli, "give the root's fingerprint, in quotes, "
		    "or nothing to make this site the root");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (team_root(&cli->ot, optind < argc ? argv[optind] : NULL, &v, &n,
	    &cause) != 0)
		return cli_fail(cli, cause);
	if (optind < argc) {
		out_say(cli, "This site takes the site with fingerprint %s for "
		    "the team's root: it takes the changes of the sites the "
		    "root admitted, and holds the others' until they are "
		    "admitted.", argv[optind]);
		return EXIT_OK;
	}
	out_say(cli, "This site is the team's root now. Admitted as they "
	    "were, their changes held here taken as before:");
	o = out_table(cli, "admitted", cols, 4);
	for (i = 0; i < n; i++) {
		id_base32(&v[i].origin, b32);
		b32[8] = '\0';
		if (v[i].keyed)
			team_fingerprint(v[i].key, print);
		row[0] = b32;
		row[1] = v[i].name;
		row[2] = v[i].keyed ? print : "(none heard)";
		row[3] = cli_int(v[i].last);
		out_row(o, row);
	}
	out_end(o);
	for (i = 0; i < n && v[i].keyed; i++)
		;
	if (i < n)
		out_say(cli, "A site whose key was not heard here is admitted "
		    "by its id only as far as its changes held here: what it "
		    "makes after is held until it is admitted by its "
		    "fingerprint (oneteam team admit).");
	admission_kept_free(v, n);
	if ((rc = team_site_print(&cli->ot, print, &cause)) < 0)
		return cli_fail(cli, cause);
	out_say(cli, "Revoke at once any you do not know (oneteam team "
	    "revoke). At each other site, once it has imported a bundle from "
	    "here, an administrator runs: oneteam team root \"%s\"",
	    rc == 1 ? print : "FINGERPRINT");
	return EXIT_OK;
}

static int
team_revoke_run(struct cli *cli, int argc, char **argv)
{
	char	*cause = NULL;
	int64_t	 last;
	int	 rc;

	if (cli_getopt(cli, argc, argv, NULL) != -1)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(cli, "give the site to revoke (its name or "
		    "reference, as oneteam peers lists it)");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (team_revoke(&cli->ot, argv[optind], &last, &cause) != 0)
		return cli_fail(cli, cause);
	out_say(cli, "Revoked \"%s\": its changes after its change %lld are "
	    "refused here now, and at the other sites with the next bundle. "
	    "Its key file still reads bundles: make a new team key (oneteam "
	    "team rekey) if it may be in other hands.", argv[optind],
	    (long long)last);
	return EXIT_OK;
}

/* --- bundles ------------------------------------------------------------- */

/* Progress on a terminal, for big bundles. */
static void
bundle_progress(const char *stage, uint64_t done, uint64_t total, void *arg)
{
	(void)arg;
	if (total < 20000)
		return;
	fprintf(stderr, "\r%s: %llu of %llu changes (%d%%) ", stage,
	    (unsigned long long)done, (unsigned long long)total,
	    (int)(done * 100 / total));
	if (done == total)
		fputc('\n', stderr);
}

static const struct option export_opts[] = {
	{ "for", required_argument, NULL, SY_FOR },
	{ "full", no_argument, NULL, SY_FULL },
	{ "output", required_argument, NULL, SY_OUT },
	{ NULL, 0, NULL, 0 }
};

static int
bundle_export_run(struct cli *cli, int argc, char **argv)
{
	struct sync_progress	 p = { bundle_progress, NULL };
	struct sync_result	 res;
	struct id		 to;
	const char		*for_site = NULL, *path = NULL;
	char			*cause = NULL, ref[27];
	int			 opt, rc, full = 0;

	while ((opt = cli_getopt(cli, argc, argv, export_opts)) != -1) {
		switch (opt) {
		case SY_FOR: for_site = optarg; break;
		case SY_FULL: full = 1; break;
		case SY_OUT: path = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(cli, "unexpected \"%s\": bundle export takes "
		    "its options only", argv[optind]);
	if ((for_site == NULL) == (full == 0))
		return cli_usage(cli, "give --for SITE or --full");
	if (path == NULL)
		return cli_usage(cli, "give the file to write with -o FILE");
	if ((rc = cli_start(cli)) != EXIT_OK ||
	    (rc = cli_whoami(cli)) != EXIT_OK)
		return rc;
	if (for_site != NULL && sync_site_find(&cli->ot, for_site, &to,
	    &cause) != 0)
		return cli_fail(cli, cause);
	if (bundle_export(&cli->ot, full ? NULL : &to, path,
	    isatty(STDERR_FILENO) ? &p : NULL, &res, &cause) != 0)
		return cli_fail(cli, cause);
	id_base32(&res.bundle, ref);
	out_say(cli, "Wrote %llu change%s to %s.",
	    (unsigned long long)res.changes, res.changes == 1 ? "" : "s",
	    path);
	if (cli->format != OUT_HUMAN) {
		struct out	*o = out_record(cli, "bundle");

		out_field(o, "bundle", ref);
		out_field(o, "changes", cli_int((int64_t)res.changes));
		out_field(o, "file", path);
		out_end(o);
	}
	return EXIT_OK;
}

/* What an import did, for people: its summary and what it held back,
 * refused or left out, each said once. */
static void
import_say(struct cli *cli, const char *path, const char *name,
    const struct sync_result *res)
{
	out_say(cli, "%s from %s: %llu change%s, %llu new, "
	    "%llu held already, %llu conflict%s arose.",
	    path, name, (unsigned long long)res->changes,
	    res->changes == 1 ? "" : "s",
	    (unsigned long long)res->added,
	    (unsigned long long)res->held,
	    (unsigned long long)res->conflicts,
	    res->conflicts == 1 ? "" : "s");
	if (res->before != 0)
		out_say(cli, "  It was imported before, on %s: "
		    "nothing new.", cli_time(cli, res->before));
	if (res->ahead > 0) {
		char	 d[32], *site = site_label(cli->ot.st,
			    &res->ahead_site);

		duration_format(res->ahead, d, sizeof d);
		out_say(cli, "  It was made %s after this machine's clock, "
		    "by %s's: one of the two clocks is wrong (oneteam peers "
		    "shows each site's).", d, site);
		free(site);
	}
	if (res->refused > 0)
		out_say(cli, "  %llu change%s refused: %s "
		    "author could not make %s, or %s site was "
		    "revoked (kept, not applied; oneteam check "
		    "lists %s).",
		    (unsigned long long)res->refused,
		    res->refused == 1 ? "" : "s",
		    res->refused == 1 ? "its" : "their",
		    res->refused == 1 ? "it" : "them",
		    res->refused == 1 ? "its" : "their",
		    res->refused == 1 ? "it" : "them");
	if (res->skipped > 0)
		out_say(cli, "  %llu change%s not taken: "
		    "changes of %s site made before %s are "
		    "not here yet (a bundle made for another "
		    "site?), so %s cannot be checked; a "
		    "bundle made for this site brings them.",
		    (unsigned long long)res->skipped,
		    res->skipped == 1 ? "" : "s",
		    res->skipped == 1 ? "its" : "their",
		    res->skipped == 1 ? "it" : "them",
		    res->skipped == 1 ? "it" : "they");
	if (res->recovered > 0)
		out_say(cli, "  %llu change%s left out: a copy of changes "
		    "their site made again under a new id after its history "
		    "forked, which the site that sent %s has not let go of "
		    "yet (it does at its next import).",
		    (unsigned long long)res->recovered,
		    res->recovered == 1 ? "" : "s",
		    res->recovered == 1 ? "it" : "them");
	if (res->let_go > 0) {
		char	*site = site_label(cli->ot.st, &res->let_go_of);

		out_say(cli, "  %llu change%s of %s let go of: %s history "
		    "forked, and it made %s again under a new site id (they "
		    "came in this bundle); the team's history under those "
		    "numbers is taken.", (unsigned long long)res->let_go,
		    res->let_go == 1 ? "" : "s", site, "its",
		    res->let_go == 1 ? "it" : "them");
		free(site);
	}
	if (res->remade > 0)
		out_say(cli, "  %llu of this site's own changes, made on "
		    "those, made again under a new site id, naming what they "
		    "were made again as.", (unsigned long long)res->remade);
	if (res->forged > 0)
		out_say(cli, "  %llu change%s left out: %s "
		    "site's head in it is signed with another "
		    "key than the site's own (made in its name; "
		    "the site that sent it may have been given "
		    "a forged key).",
		    (unsigned long long)res->forged,
		    res->forged == 1 ? "" : "s",
		    res->forged == 1 ? "its" : "their");
	if (res->later > 0)
		out_say(cli, "  %llu change%s made by a newer oneteam (of "
		    "record kinds %u; this one knows up to %u): kept and "
		    "passed on to other sites, shown here once this oneteam "
		    "is upgraded.", (unsigned long long)res->later,
		    res->later == 1 ? "" : "s", res->later_made,
		    KINDS_GENERATION);
	if (res->unadmitted > 0)
		out_say(cli, "  %llu change%s held: %s site "
		    "is not admitted to the team (oneteam "
		    "peers; an administrator admits it with "
		    "oneteam team admit).",
		    (unsigned long long)res->unadmitted,
		    res->unadmitted == 1 ? "" : "s",
		    res->unadmitted == 1 ? "its" : "their");
}

static int
bundle_import_run(struct cli *cli, int argc, char **argv)
{
	struct sync_progress	 p = { bundle_progress, NULL };
	struct sync_result	 res;
	struct out		*o = NULL;
	char			*cause = NULL, *name;
	const char		*cols[] = { "file", "changes", "new", "held",
				    "conflicts", "clock_ahead", "sender",
				    "not_taken", "not_admitted", "needs_newer" };
	static const struct option opts[] = {
		CLI_ALSO_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct cli_also		 also;
	const char		*v[10];
	int			 i, opt, rc, failed = EXIT_OK;

	memset(&also, 0, sizeof also);
	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1)
		if (opt == '?' || (rc = cli_also_opt(cli, &also, opt,
		    optarg)) != EXIT_OK)
			return EXIT_USAGE;
	if (optind >= argc)
		return cli_usage(cli, "give the bundle files to import");
	/* Others who signed this site's changes that an import may make
	 * again (a copy let go of) give their passphrases after it. */
	if ((rc = cli_start(cli)) != EXIT_OK ||
	    (rc = cli_whoami(cli)) != EXIT_OK ||
	    (rc = cli_also_sign(cli, &also)) != EXIT_OK)
		return rc;
	if (cli->format != OUT_HUMAN)
		o = out_table(cli, "imported", cols, 10);
	/* Each file all or nothing; a refused one does not stop the rest. */
	for (i = optind; i < argc; i++) {
		if (bundle_import(&cli->ot, argv[i], isatty(STDERR_FILENO) ?
		    &p : NULL, &res, &cause) != 0) {
			failed = cli_fail(cli, cause);
			cause = NULL;
			continue;
		}
		name = site_label(cli->ot.st, &res.sender);
		if (o != NULL) {
			v[0] = argv[i];
			v[1] = cli_int((int64_t)res.changes);
			v[2] = cli_int((int64_t)res.added);
			v[3] = cli_int((int64_t)res.held);
			v[4] = cli_int((int64_t)res.conflicts);
			v[5] = cli_int(res.ahead / 1000);
			v[6] = name;
			v[7] = cli_int((int64_t)res.skipped);
			v[8] = cli_int((int64_t)res.unadmitted);
			v[9] = cli_int((int64_t)res.later);
			out_row(o, v);
		} else {
			import_say(cli, argv[i], name, &res);
		}
		if (res.new_site)
			fprintf(stderr, "oneteam: this database held fewer of "
			    "its own changes than other sites have: it was put "
			    "back from a backup, and is now a site of its own\n");
		free(name);
	}
	if (o != NULL)
		out_end(o);
	return failed;
}

static void
info_has(struct cli *cli, const struct bundle_head *h)
{
	const char	*cols[] = { "site", "name", "holds_up_to",
			    "signed_by" };
	const char	*v[4];
	struct out	*o;
	char		 b32[27], print[TEAM_PRINT_LEN];
	size_t		 i;

	o = out_table(cli, "holds", cols, 4);
	for (i = 0; i < h->nhas; i++) {
		id_base32(&h->has[i].origin, b32);
		b32[8] = '\0';
		v[0] = b32;
		v[1] = h->has[i].name;
		v[2] = cli_int((int64_t)h->has[i].seq);
		/* Whose key the header says signed it: checked at import,
		 * not here (no key is needed to read a header). */
		if (h->has[i].is_signed)
			team_fingerprint(h->has[i].key, print);
		v[3] = h->has[i].is_signed ? print : "not signed";
		out_row(o, v);
	}
	out_end(o);
}

static int
bundle_info_run(struct cli *cli, int argc, char **argv)
{
	struct bundle_head	 h;
	struct team_info	 ti;
	struct out		*o;
	char			*cause = NULL, b32[27], to[27], team[27];
	int			 mine = -1;

	if (cli_getopt(cli, argc, argv, export_opts + 3) != -1)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(cli, "give one bundle file");
	/* The header is clear: no key is needed, nor a database. */
	if (bundle_info(argv[optind], &h, &cause) != 0) {
		cli_fail(cli, cause);
		return EXIT_INPUT;
	}
	/* Without a database here, the header alone. */
	cli->quiet_open = 1;
	if (cli_start(cli) == EXIT_OK && team_get(&cli->ot, &ti, &cause) == 1)
		mine = id_cmp(&ti.team, &h.team) == 0;
	free(cause);
	out_begin(cli);
	id_base32(&h.bundle, b32);
	id_base32(&h.team, team);
	id_base32(&h.to, to);
	b32[8] = to[8] = team[8] = '\0';
	o = out_record(cli, "bundle");
	out_field(o, "bundle", b32);
	out_field(o, "format", cli_int(h.version));
	out_field(o, "team", mine < 0 ? team : mine ? "this site's" :
	    "another team's");
	out_field(o, "sender", h.sender_name);
	out_field(o, "made", cli_time(cli, h.created));
	out_field(o, "for", id_is_zero(&h.to) ? "anyone (full)" : to);
	out_field(o, "changes", cli_int((int64_t)h.changes));
	out_field(o, "size", cli_int((int64_t)h.size));
	out_end(o);
	info_has(cli, &h);
	out_finish(cli);
	bundle_head_free(&h);
	return EXIT_OK;
}

/* --- peers --------------------------------------------------------------- */

static int
peer_row(const struct peer *p, void *arg)
{
	struct out	*o = arg;
	struct cli	*cli = out_cli(o);
	const char	*v[10];
	char		 b32[27], *admitted, clock[48], d[32];

	id_base32(&p->site, b32);
	b32[8] = '\0';
	v[0] = b32;
	v[1] = sync_peer_label(p);
	v[2] = p->self ? "" : p->heard != 0 ? cli_time(cli, p->heard) :
	    "never";
	v[3] = p->self ? "" : p->sent != 0 ? cli_time(cli, p->sent) : "never";
	v[4] = cli_int((int64_t)p->holds);
	v[5] = p->self ? "" : cli_int((int64_t)p->behind);
	v[6] = p->self ? "" : p->in_step ? "yes" : "no";
	v[7] = admitted = sync_peer_admitted(p);
	/* Far ahead only: a change dated before it came says nothing. */
	clock[0] = '\0';
	if (p->timed && p->ahead > CLOCK_FAR_MS) {
		duration_format(p->ahead, d, sizeof d);
		snprintf(clock, sizeof clock, "%s ahead", d);
	}
	v[8] = clock;
	v[9] = p->print;
	out_row(o, v);
	free((char *)v[1]);
	free(admitted);
	return 0;
}

static int
peers_run(struct cli *cli, int argc, char **argv)
{
	const char	*cols[] = { "site", "name", "heard", "sent", "holds",
			    "to_send", "in_step", "admitted", "clock",
			    "fingerprint" };
	struct out	*o;
	char		*cause = NULL, *word;
	int		 rc;

	if (cli_getopt(cli, argc, argv, export_opts + 3) != -1)
		return EXIT_USAGE;
	if (optind != argc)
		return cli_usage(cli, "peers takes no arguments");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	o = out_table(cli, "peers", cols, 10);
	rc = sync_peers(&cli->ot, peer_row, o, &cause);
	if ((rc = out_end_list(o, rc, cause)) != EXIT_OK)
		return rc;
	if ((word = sync_clock_word(&cli->ot)) != NULL)
		out_say(cli, "%s", word);
	free(word);
	if (sync_unadmitted(&cli->ot) > 0)
		out_say(cli, "The changes of a site not admitted are held: an "
		    "administrator admits it with oneteam team admit and the "
		    "fingerprint read out at that site (oneteam team show).");
	if ((word = sync_root_word(&cli->ot)) != NULL)
		out_say(cli, "%s", word);
	free(word);
	return EXIT_OK;
}

/* --- conflicts ------------------------------------------------------------ */

static int
conflict_row(const struct conflict *c, void *arg)
{
	struct out	*o = arg;
	struct cli	*cli = out_cli(o);
	const char	*v[8];
	char		 ref[ID_REF_MAX], fam[ID_REF_MAX], n[40];
	size_t		 i;

	conflict_ref(c, ref);
	if (!id_is_zero(&c->family))
		oneteam_ref("family", &c->family, fam);
	else
		fam[0] = '\0';
	for (i = 0; i < c->nvalues; i++) {
		snprintf(n, sizeof n, "%zu%s", i + 1, i == 0 ? " (shown)" : "");
		v[0] = ref;
		v[1] = c->field;
		v[2] = fam;
		v[3] = c->household != NULL ? c->household : "";
		v[4] = n;
		v[5] = c->secret ? "(a passphrase: not shown)" :
		    c->values[i].value != NULL ? c->values[i].value : "";
		v[6] = c->values[i].who;
		v[7] = xprintf("%s, %s", c->values[i].site,
		    cli_time(cli, c->values[i].at));
		out_row(o, v);
		free((char *)v[7]);
	}
	return 0;
}

static int
conflicts_list_run(struct cli *cli, int argc, char **argv)
{
	const char	*cols[] = { "record", "field", "family", "household",
			    "value", "text", "by", "where_and_when" };
	struct out	*o;
	char		*cause = NULL;
	int		 rc;

	if (cli_getopt(cli, argc, argv, export_opts + 3) != -1)
		return EXIT_USAGE;
	if (optind != argc)
		return cli_usage(cli, "conflicts list takes no arguments");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	o = out_table(cli, "conflicts", cols, 8);
	rc = conflict_list(&cli->ot, conflict_row, o, &cause);
	return out_end_list(o, rc < 0 ? rc : 0, cause);
}

static const struct option resolve_opts[] = {
	{ "take", required_argument, NULL, SY_TAKE },
	{ "value", required_argument, NULL, SY_VALUE },
	{ NULL, 0, NULL, 0 }
};

static int
conflicts_resolve_run(struct cli *cli, int argc, char **argv)
{
	const char	*value = NULL;
	char		*cause = NULL, *end;
	long		 take = 0;
	int		 opt, rc;

	while ((opt = cli_getopt(cli, argc, argv, resolve_opts)) != -1) {
		if (opt == SY_TAKE) {
			take = strtol(optarg, &end, 10);
			if (*end != '\0' || take < 1 || take > 100)
				return cli_usage(cli, "--take \"%s\": expected "
				    "the number of a value as listed", optarg);
		} else if (opt == SY_VALUE)
			value = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind + 2 != argc)
		return cli_usage(cli, "give the record and the field in "
		    "conflict (as oneteam conflicts list shows them)");
	if ((take == 0) == (value == NULL))
		return cli_usage(cli, "give --take N or --value TEXT");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (conflict_resolve(&cli->ot, argv[optind], argv[optind + 1],
	    (size_t)take, value, NULL, &cause) != 0)
		return cli_fail(cli, cause);
	out_say(cli, "Resolved %s of %s.", argv[optind + 1], argv[optind]);
	return EXIT_OK;
}

#define PASS_HELP \
	"  --passphrase-file FILE  read the team passphrase from FILE (else\n" \
	"                          standard input when it is not a terminal,\n" \
	"                          else it is asked for)\n"

const struct cli_cmd cli_sync_cmds[] = {
	{ "team", "create", "[--kdf LEVEL] [--passphrase-file FILE]",
	    "Make a new team and its key, from the team passphrase",
	    PASS_HELP
	    "  --kdf LEVEL    interactive, moderate (default) or sensitive:\n"
	    "                 how much memory deriving the key takes\n",
	    CLI_WRITE | CLI_NOSTAFF, team_create_run },
	{ "team", "join", "BUNDLE [--passphrase-file FILE] "
	    "[--before-admission]",
	    "Join the team that made BUNDLE, or take its new key",
	    PASS_HELP
	    "  --before-admission      the team was made before sites were\n"
	    "                          admitted (its bundles hold no head of\n"
	    "                          the site that made it)\n",
	    CLI_WRITE | CLI_NOSTAFF, team_join_run },
	{ "team", "rekey", "[--kdf LEVEL] [--passphrase-file FILE]",
	    "Make a new team key from a new team passphrase (a lost laptop)",
	    PASS_HELP
	    "  --kdf LEVEL    interactive, moderate (default) or sensitive\n"
	    "\nAn administrator's. The other sites take the new key with team "
	    "join and a\nbundle made here; each then refuses bundles made "
	    "with the old one.\n",
	    CLI_WRITE, team_rekey_run },
	{ "team", "show", "", "Show this site's team and key file", "",
	    CLI_READ, team_show_run },
	{ "team", "admit", "FINGERPRINT --name NAME [--from BUNDLE]",
	    "Admit a site by its key's fingerprint, read out at that site",
	    "  --name NAME    the site's name in the team\n"
	    "  --from BUNDLE  a bundle the site made, refused here because "
	    "another\n"
	    "                 claimed its id first\n"
	    "\nAn administrator's. Until a site is admitted its changes are "
	    "held (oneteam\npeers). Import one of its bundles first.\n",
	    CLI_WRITE, team_admit_run },
	{ "team", "root", "[FINGERPRINT]",
	    "Give a team made before sites were admitted its root",
	    "  FINGERPRINT    the root's, read out there: take that site for "
	    "root\n"
	    "\nAlone, make this site the root: an administrator's, with a "
	    "passphrase set\nsince keys. Every site whose changes this site "
	    "holds is admitted, its\nchanges so far taken as they were. Then, "
	    "at each other site, an\nadministrator takes it for root by its "
	    "fingerprint. From then on a new\nsite is held until admitted "
	    "(team admit), as in a team made now.\n",
	    CLI_WRITE, team_root_run },
	{ "team", "revoke", "SITE",
	    "Refuse a site's changes after the last taken here (a lost laptop)",
	    "  SITE           its name or reference, as oneteam peers lists "
	    "it\n\nAn administrator's, at the site that made the team.\n",
	    CLI_WRITE, team_revoke_run },
	{ "bundle", "export", "--for SITE | --full -o FILE",
	    "Write a bundle: what SITE has not said it has, or everything",
	    "  --for SITE     for a known site (name or reference)\n"
	    "  --full         everything, for any site\n"
	    "  -o, --output FILE  the bundle file to write\n",
	    CLI_WRITE | CLI_NOSTAFF, bundle_export_run },
	{ "bundle", "import", "[--also NAME]... FILE...",
	    "Import bundles, each all or nothing",
	    "  --also NAME                  another author who gives their "
	    "passphrase\n"
	    "  --also-passphrase-file FILE  theirs, read from FILE\n\n"
	    "A site that took another's forked history (\"... let go of\") "
	    "makes its own\nchanges made on it again as their authors "
	    "made them: name each other\nauthor with --also NAME (their "
	    "passphrase is asked, or read from the\n"
	    "--also-passphrase-file given for them, in order).\n",
	    CLI_WRITE | CLI_NOSTAFF, bundle_import_run },
	{ "bundle", "info", "FILE",
	    "Show a bundle's header: sender, what it carries (no key needed)",
	    "", CLI_READ, bundle_info_run },
	{ NULL, "peers", "",
	    "List the sites known here, what each holds, when last heard",
	    "", CLI_READ, peers_run },
	{ "conflicts", "list", "",
	    "List fields two people changed apart to different values", "",
	    CLI_READ | CLI_NAMED, conflicts_list_run },
	{ "conflicts", "resolve", "REF FIELD --take N | --value TEXT",
	    "Resolve a conflict: keep one value, or write a merged one",
	    "  --take N       keep value N as listed\n"
	    "  --value TEXT   write this text instead (a text written in "
	    "words: a\n"
	    "                 household, an address, a name, a reason)\n"
	    "\nKeeping a value is setting the field: only a coordinator "
	    "keeps a lead, a\nlevel or a closing. A passphrase changed at "
	    "two sites is not chosen here:\nsetting a new one (staff "
	    "passwd) ends the conflict.\n",
	    CLI_WRITE, conflicts_resolve_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};
