/*
 * cli-team.c: the team and its key from the command line: made, joined,
 * made again, shown; sites admitted and revoked; the root. The team
 * passphrase comes through cli_passphrase() (cli-pass.c) and is wiped
 * from memory once the key is made.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cli.h"
#include "oneteam/admission.h"
#include "oneteam/sync.h"
#include "oneteam/xmalloc.h"

enum { SY_PASSFILE = 1, SY_KDF, SY_BEFORE };

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

/* team create and team rekey: a key made from a passphrase typed (or
 * read), the team's first or a new one; rekey: which. */
static int
team_key_run(struct cli *cli, int argc, char **argv, int rekey)
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
		return cli_usage(cli, "team %s takes no arguments", rekey ?
		    "rekey" : "create");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if ((n = cli_passphrase(cli, rekey ? "New team passphrase: " :
	    "Team passphrase: ", file, 1, &pass)) < 0) {
		sodium_free(pass);
		return EXIT_USAGE;
	}
	rc = (rekey ? team_rekey : team_create)(&cli->ot, pass, (size_t)n,
	    kdf, &cause);
	sodium_free(pass);
	if (rc != 0)
		return cli_fail(cli, cause);
	if (team_get(&cli->ot, &ti, &cause) != 1)
		return cli_fail(cli, cause);
	if (rekey)
		out_say(cli, "Made a new team key. Give the new passphrase to "
		    "the other sites by word of mouth; each takes the key with "
		    "oneteam team join and a bundle made here, and refuses "
		    "bundles made with the old one from then on.");
	else
		out_say(cli, "Made a new team. Give its passphrase to the "
		    "other sites by word of mouth, never with a bundle.");
	return team_show(cli, &ti);
}

static int
team_create_run(struct cli *cli, int argc, char **argv)
{
	return team_key_run(cli, argc, argv, 0);
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
	return team_key_run(cli, argc, argv, 1);
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

#define PASS_HELP \
	"  --passphrase-file FILE  read the team passphrase from FILE (else\n" \
	"                          standard input when it is not a terminal,\n" \
	"                          else it is asked for)\n"

const struct cli_cmd cli_team_cmds[] = {
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
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};
