/*
 * cli-setup.c: setting a team up: init, demo, config, the staff (add,
 * passwd, disable, merge, list), signin and signout.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include <sodium.h>

#include "oneteam/atwork.h"
#include "oneteam/demo.h"
#include "oneteam/field.h"
#include "oneteam/install.h"
#include "oneteam/signin.h"
#include "oneteam/staff.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

enum { SO_PASSFILE = 1 };

/* The command's own option beside the fields of staff add. */
static const struct option staff_opts[] = {
	{ "passphrase-file", required_argument, NULL, SO_PASSFILE },
	{ NULL, 0, NULL, 0 }
};

/* The options of init and staff add, the fields of staff add's table;
 * *passfile: --passphrase-file. */
static int
staff_options(struct cli *cli, int argc, char **argv, struct staff_new *sn,
    const char **passfile)
{
	int	opt;

	memset(sn, 0, sizeof *sn);
	*passfile = NULL;
	while ((opt = cli_field_getopt(cli, argc, argv, &field_staff_add, sn,
	    staff_opts)) != -1) {
		if (opt != SO_PASSFILE)
			return -1;
		*passfile = optarg;
	}
	return 0;
}

int
cli_config_read(struct cli *cli, struct config *cfg)
{
	char	*cause = NULL;

	if (config_load(cli->config, cfg, &cause) == 0) {
		if (config_set_db(cfg, cli->db, &cause) == 0)
			return EXIT_OK;
		config_free(cfg);
	}
	cli_print_escaped(stderr, cause);
	free(cause);
	return EXIT_CONFIG;
}

int
cli_keeper(const struct cli *cli)
{
	char	*cause = NULL;

	if (install_keeper_only(cli->cmd->name, &cause) == 0)
		return EXIT_OK;
	cli_print_escaped(stderr, cause);
	free(cause);
	return EXIT_INPUT;
}

/* A member of staff to add, with a passphrase, or (init) the first. */
struct staff_arg {
	const struct staff_new	*sn;
	int			 init;	/* the locality, and maybe nobody */
	const char		*pass;	/* NULL: none */
	size_t			 passlen;
	struct id		 staff;
};

/* The member of staff and their passphrase, in one transaction. */
static int
staff_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct staff_arg	*a = arg;
	struct id		 locality;
	const char		*lname = a->sn->locality != NULL ?
				    a->sn->locality : ot->cfg.locality;

	if (a->init) {
		/* A site made to join a team (no first member) takes the
		 * team's localities from its bundle, and makes none: three
		 * sites made three "Riverside". */
		if (a->sn->name == NULL)
			return 0;
		if (lname != NULL && *lname != '\0' &&
		    locality_ensure(ot, lname, &locality, cause) != 0)
			return -1;
		/* The first member of staff manages the accounts. */
		if (staff_add_tx(ot, a->sn, &a->staff, cause) != 0)
			return -1;
	} else if (staff_add_managed_tx(ot, a->sn, &a->staff, cause) != 0)
		return -1;
	if (a->pass == NULL)
		return 0;
	return signin_set_tx(ot, &a->staff, a->pass, a->passlen, cause);
}

/* The passphrase of --passphrase-file, or none; -1 after saying why. */
static int
staff_passphrase(struct cli *cli, const char *file, char **pass,
    size_t *len)
{
	ssize_t	n;

	*pass = NULL;
	*len = 0;
	if (file == NULL)
		return 0;
	if ((n = cli_passphrase(cli, "Passphrase: ", file, 0, pass)) < 0) {
		sodium_free(*pass);
		*pass = NULL;
		return -1;
	}
	*len = (size_t)n;
	return 0;
}

/* Read --passphrase-file, open the core and add: an exit code. */
static int
staff_write(struct cli *cli, const char *passfile, struct staff_arg *a)
{
	char	*cause = NULL, *pass;
	size_t	 len;
	int	 rc;

	if (staff_passphrase(cli, passfile, &pass, &len) != 0)
		return EXIT_USAGE;
	if ((rc = cli_start(cli)) == EXIT_OK) {
		a->pass = pass;
		a->passlen = len;
		if (oneteam_change(&cli->ot, staff_fn, a, &cause) != 0)
			rc = cli_fail(cli, cause);
		a->pass = NULL;
	}
	sodium_free(pass);
	return rc;
}

/* The files of a database at path: itself, its journal and its mark. */
static const char *const db_files[] = { "", "-wal", "-shm", ".mark" };

/* Remove the files path names with db_files[first] up to db_files[end]. */
static void
db_files_unlink(const char *path, size_t first, size_t end)
{
	char	*side;
	size_t	 i;

	for (i = first; i < end && i < sizeof db_files / sizeof db_files[0];
	    i++) {
		side = xconcat(path, db_files[i], NULL);
		unlink(side);
		free(side);
	}
}

/* A refused init leaves nothing: the files it made go (there were none). */
static void
init_unmake(struct cli *cli)
{
	char	*path;

	if (!cli->opened)
		return;
	path = xstrdup(cli->ot.cfg.db_path);
	oneteam_close(&cli->ot);
	cli->opened = 0;
	db_files_unlink(path, 0, 4);
	free(path);
}

static int
init_run(struct cli *cli, int argc, char **argv)
{
	struct staff_new	 sn;
	struct staff_arg	 a;
	struct config		 cfg;
	struct stat		 sb;
	const char		*path, *passfile;
	int			 rc;

	if (staff_options(cli, argc, argv, &sn, &passfile) != 0)
		return EXIT_USAGE;
	if (optind != argc)
		return cli_usage(cli, "too many arguments");
	if (sn.name == NULL && (sn.role != NULL || sn.agency != NULL ||
	    passfile != NULL))
		return cli_usage(cli, "--role, --agency and --passphrase-file "
		    "describe the first member of staff: give --name too");
	/* Refuse to touch a database that is there already. */
	if ((rc = cli_keeper(cli)) != EXIT_OK ||
	    (rc = cli_config_read(cli, &cfg)) != EXIT_OK)
		return rc;
	path = cfg.db_path;
	rc = stat(path, &sb) == 0 || errno != ENOENT;
	if (rc)
		fprintf(stderr, "oneteam: %s exists already: init makes a new "
		    "database\n", path);
	config_free(&cfg);
	if (rc)
		return EXIT_INPUT;
	memset(&a, 0, sizeof a);
	sn.admin = 1;		/* the first manages the accounts */
	a.sn = &sn;
	a.init = 1;
	if ((rc = staff_write(cli, passfile, &a)) != EXIT_OK) {
		init_unmake(cli);
		return rc;
	}
	out_say(cli, "Made the database %s for site %s.",
	    cli->ot.cfg.db_path, store_site_name(cli->ot.st));
	if (sn.name != NULL)
		cli_done(cli, "member of staff", "staff", &a.staff);
	return EXIT_OK;
}

static int
staff_add_run(struct cli *cli, int argc, char **argv)
{
	struct staff_new	 sn;
	struct staff_arg	 a;
	const char		*passfile;
	int			 rc;

	if (staff_options(cli, argc, argv, &sn, &passfile) != 0)
		return EXIT_USAGE;
	if (optind < argc && sn.name == NULL)
		sn.name = argv[optind++];
	if (optind != argc)
		return cli_usage(cli, "too many arguments");
	if (sn.name == NULL)
		return cli_usage(cli, "give the name of the member of staff");
	memset(&a, 0, sizeof a);
	a.sn = &sn;
	if ((rc = staff_write(cli, passfile, &a)) != EXIT_OK)
		return rc;
	cli_done(cli, "member of staff", "staff", &a.staff);
	return EXIT_OK;
}

/* staff passwd NAME: one's own passphrase, or (a coordinator) anyone's. */
static int
staff_passwd_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "passphrase-file", required_argument, NULL, SO_PASSFILE },
		{ NULL, 0, NULL, 0 }
	};
	const char	*passfile = NULL;
	struct id	 id;
	char		*cause = NULL, *pass;
	ssize_t		 n;
	int		 opt, rc, by_session;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt != SO_PASSFILE)
			return EXIT_USAGE;
		passfile = optarg;
	}
	if (optind + 1 != argc)
		return cli_usage(cli, "give the name of the member of staff");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (staff_lookup(&cli->ot, argv[optind], &id, &cause) != 0)
		return cli_fail(cli, cause);
	/* One's own, with a session: the one one has first. */
	by_session = cli->ot.me_proof == ATWORK_PROOF_SESSION;
	if (signin_needs_current(&cli->ot, &id)) {
		if ((rc = cli_prove(cli, &id)) != EXIT_OK)
			return rc;
		atwork_admit(&cli->ot, &id, ATWORK_PROOF_PASSPHRASE);
	}
	if ((n = cli_passphrase(cli, "New passphrase: ", passfile, 1,
	    &pass)) < 0) {
		sodium_free(pass);
		return EXIT_USAGE;
	}
	rc = signin_set(&cli->ot, &id, pass, (size_t)n, &cause);
	sodium_free(pass);
	if (rc != 0)
		return cli_fail(cli, cause);
	cli_done(cli, "the passphrase of", "staff", &id);
	if (by_session && id_cmp(&id, &cli->ot.me) == 0)
		out_say(cli, "The session it was signed in with has ended: "
		    "sign in again with the new passphrase.");
	return EXIT_OK;
}

/* --- signing in on the command line ------------------------------------ */

static int
signin_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "passphrase-file", required_argument, NULL, SO_PASSFILE },
		{ NULL, 0, NULL, 0 }
	};
	const char	*passfile = NULL;
	struct atwork	 a;
	struct id	 id;
	char		*cause = NULL, *pass, *name, *said;
	char		 token[SIGNIN_TOKEN_HEX];
	int64_t		 wait;
	ssize_t		 n;
	int		 opt, rc, idle;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt != SO_PASSFILE)
			return EXIT_USAGE;
		passfile = optarg;
	}
	if (optind + 1 != argc)
		return cli_usage(cli, "give the name of the member of staff");
	/* The session is for the shell to keep, not for the screen to
	 * show to whoever comes by. */
	if (isatty(STDOUT_FILENO))
		return cli_usage(cli, "the session is for your shell to keep: "
		    "eval \"$(oneteam signin %s)\"", argv[optind]);
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	/* The core's table decides; a refusal is on the trail. */
	if (staff_lookup(&cli->ot, argv[optind], &id, &cause) != 0 ||
	    atwork_decide(&cli->ot, ATWORK_SIGNIN, &id, &a, &cause) != 0)
		return cli_fail(cli, cause);
	name = oneteam_staff_name(&cli->ot, &id);
	if (a.verdict == ATWORK_ASK) {
		if ((n = cli_passphrase_of(cli, name, passfile, &pass)) < 0) {
			free(name);
			return EXIT_USAGE;
		}
		rc = signin_check(&cli->ot, &id, pass, (size_t)n, &wait,
		    &cause);
		sodium_free(pass);
	} else
		rc = atwork_record(&cli->ot, &id, a.proof, &cause);
	if (rc == 0)
		rc = signin_session_open(&cli->ot, &id, token, &cause);
	if (rc != 0) {
		free(name);
		return cli_fail(cli, cause);
	}
	/* For the shell to take in: eval "$(oneteam signin NAME)". */
	printf("ONETEAM_SESSION=%s; export ONETEAM_SESSION\n", token);
	sodium_memzero(token, sizeof token);
	said = text_escape(name, 0);
	idle = (int)(oneteam_lock_left(&cli->ot, 0, 0) / 60000);
	fprintf(stderr, "Signed in as %s, until %d minute%s without use (%d "
	    "hours at most) or oneteam signout.\n", said, idle,
	    idle == 1 ? "" : "s", (int)(SIGNIN_SESSION_MAX / 3600000));
	if (a.proof == ATWORK_PROOF_NONE_YET)
		fprintf(stderr, "No passphrase is set for you yet: set one "
		    "now (oneteam staff passwd \"%s\"), or ask a coordinator.\n",
		    said);
	/* A right passphrase gives its key, unless it was set before
	 * passphrases gave keys. */
	else if (store_signer(cli->ot.st, &id) == NULL)
		fprintf(stderr, "Your passphrase was set before passphrases "
		    "gave keys: set it again (oneteam staff passwd \"%s\") so "
		    "that every site knows what you do as yours.\n", said);
	free(said);
	free(name);
	return EXIT_OK;
}

static int
signout_run(struct cli *cli, int argc, char **argv)
{
	const char	*token = getenv("ONETEAM_SESSION");
	char		*cause = NULL;
	int		 rc;

	if (cli_getopt(cli, argc, argv, NULL) != -1)
		return EXIT_USAGE;
	if (optind != argc)
		return cli_usage(cli, "too many arguments");
	if (token == NULL || *token == '\0')
		return cli_usage(cli, "nobody is signed in here: "
		    "ONETEAM_SESSION is not set");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (signin_session_close(&cli->ot, token, &cause) != 0)
		return cli_fail(cli, cause);
	puts("unset ONETEAM_SESSION");
	fputs("Signed out.\n", stderr);
	return EXIT_OK;
}

static int
staff_merge_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "into", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 }
	};
	struct id	 dup, kept;
	const char	*into = NULL;
	char		*cause = NULL, ref[2][ID_REF_MAX];
	int		 opt, rc, families, actions;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt != 'i')
			return EXIT_USAGE;
		into = optarg;
	}
	if (optind + 1 != argc)
		return cli_usage(cli, "give the member of staff added twice");
	if (into == NULL)
		return cli_usage(cli, "--into names the member of staff to "
		    "keep");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (staff_lookup(&cli->ot, argv[optind], &dup, &cause) != 0 ||
	    staff_lookup(&cli->ot, into, &kept, &cause) != 0 ||
	    staff_merge(&cli->ot, &dup, &kept, &families, &actions,
	    &cause) != 0)
		return cli_fail(cli, cause);
	oneteam_ref("staff", &dup, ref[0]);
	oneteam_ref("staff", &kept, ref[1]);
	if (cli->format != OUT_HUMAN) {
		printf("%s\n", ref[0]);
		return EXIT_OK;
	}
	printf("Merged %s into %s: %d famil%s led and %d action%s moved; "
	    "%s signs in no more.\n", ref[0], ref[1], families,
	    families == 1 ? "y" : "ies", actions, actions == 1 ? "" : "s",
	    ref[0]);
	return EXIT_OK;
}

static int
staff_list_row(const struct staff *s, void *arg)
{
	struct out	*o = arg;
	struct cli	*cli = out_cli(o);
	char		 ref[ID_REF_MAX], into[ID_REF_MAX] = "";
	const char	*v[9];

	oneteam_ref("staff", &s->id, ref);
	v[0] = ref;
	v[1] = s->name;
	v[2] = cli_label(cli, REF_ROLES, s->role);
	v[3] = cli_label(cli, REF_AGENCIES, s->agency);
	v[4] = s->locality_name;
	v[5] = s->coordinator ? "yes" : "no";
	v[6] = s->admin ? "yes" : "no";
	v[7] = s->active ? "yes" : "no";
	if (!id_is_zero(&s->same_as))
		oneteam_ref("staff", &s->same_as, into);
	v[8] = into;
	out_row(o, v);
	return 0;
}

static int
staff_disable_run(struct cli *cli, int argc, char **argv)
{
	struct id	 id;
	char		*cause = NULL;
	int		 rc;

	if (cli_getopt(cli, argc, argv, NULL) != -1)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(cli, "give the name of the member of staff");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (staff_lookup(&cli->ot, argv[optind], &id, &cause) != 0 ||
	    staff_disable(&cli->ot, &id, &cause) != 0)
		return cli_fail(cli, cause);
	cli_done(cli, "the disabling of", "staff", &id);
	return EXIT_OK;
}

static int
staff_list_run(struct cli *cli, int argc, char **argv)
{
	static const char *const cols[] = { "ref", "name", "role", "agency",
	    "locality", "coordinator", "administrator", "active",
	    "merged_into" };
	struct out	*o;
	char		*cause = NULL;
	int		 rc;

	if (cli_getopt(cli, argc, argv, NULL) != -1)
		return EXIT_USAGE;
	if (optind != argc)
		return cli_usage(cli, "too many arguments");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	o = out_table(cli, "staff", cols, 9);
	rc = staff_list(&cli->ot, staff_list_row, o, &cause);
	return out_end_list(o, rc, cause);
}

static int
config_run(struct cli *cli, int argc, char **argv)
{
	struct config	cfg;
	int		rc;

	if (cli_getopt(cli, argc, argv, NULL) != -1)
		return EXIT_USAGE;
	if (optind != argc)
		return cli_usage(cli, "too many arguments");
	if ((rc = cli_config_read(cli, &cfg)) != EXIT_OK)
		return rc;
	config_print(&cfg, stdout);
	config_free(&cfg);
	return EXIT_OK;
}

static void
demo_progress(unsigned done, unsigned total, void *arg)
{
	(void)arg;
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\r%u of %u families", done, total);
	if (done == total && isatty(STDERR_FILENO))
		fputc('\n', stderr);
}

/* Parse a whole number option within limits. */
static int
demo_number(struct cli *cli, const char *what, const char *s,
    unsigned long max, unsigned long *out)
{
	char	*end;

	*out = strtoul(s, &end, 10);
	if (*s == '\0' || *end != '\0' || *s == '-' || *out > max)
		return cli_usage(cli, "%s \"%s\" is not a whole number up to "
		    "%lu", what, s, max);
	return 0;
}

static int	demo_replaceable(const char *);

/*
 * Build the demo in a file beside the target and move it into place only
 * when it is whole, so a failure leaves nothing half-written.
 */
static int
demo_make(struct cli *cli, const char *path, const struct demo_opts *o)
{
	char	*tmp, *cause = NULL, *side, *mark;
	int	 rc;

	tmp = xprintf("%s.new-%ld", path, (long)getpid());
	cli->db = tmp;
	if ((rc = cli_start(cli)) != EXIT_OK)
		goto out;
	if (demo_build(&cli->ot, o, &cause) != 0) {
		rc = cli_fail(cli, cause);
		goto out;
	}
	oneteam_close(&cli->ot);
	cli->opened = 0;
	/* Asked again as it goes in: a team's database may have been put
	 * there while the demo was made. */
	if (access(path, F_OK) == 0 && (rc = demo_replaceable(path)) !=
	    EXIT_OK)
		goto out;
	if (rename(tmp, path) != 0) {
		fprintf(stderr, "oneteam: cannot move the demo to %s: %s\n",
		    path, strerror(errno));
		rc = EXIT_DB;
		goto out;
	}
	/* Its high-water mark goes with it (one of a demo replaced too). */
	side = xprintf("%s.mark", tmp);
	mark = xprintf("%s.mark", path);
	if (rename(side, mark) != 0)
		unlink(mark);
	free(side);
	free(mark);
	printf("Made the demo locality Riverside in %s: %u famil%s.\n"
	    "Every member of its staff signs in with the passphrase \"%s\".\n",
	    path, o->families, o->families == 1 ? "y" : "ies",
	    DEMO_PASSPHRASE);
	rc = EXIT_OK;
out:
	if (cli->opened) {
		oneteam_close(&cli->ot);
		cli->opened = 0;
	}
	db_files_unlink(tmp, 0, 4);
	free(tmp);
	return rc;
}

/*
 * --replace puts a demo only where a demo was: a team's records are never
 * one mistyped path away from being replaced. Its journal goes with it.
 */
static int
demo_replaceable(const char *path)
{
	char	*cause = NULL, *e;
	int	 rc;

	/* Its journal goes (the file stays until the new one takes its
	 * place). */
	if ((rc = store_is_demo(path, &cause)) == 1) {
		db_files_unlink(path, 1, 3);
		return EXIT_OK;
	}
	if (rc == 0)
		cause = xprintf("%s is not a demo's database (oneteam demo did "
		    "not make it, or it has made or joined a team since): it "
		    "may hold a team's records, and is left as it is; give "
		    "another path, or move it aside yourself", path);
	e = text_escape(cause, 0);
	fprintf(stderr, "oneteam: %s\n", e);
	free(e);
	free(cause);
	return EXIT_INPUT;
}

static int
demo_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "families", required_argument, NULL, 'f' },
		{ "seed", required_argument, NULL, 's' },
		{ "contacts", required_argument, NULL, 'c' },
		{ "stories", required_argument, NULL, 'S' },
		{ "replace", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct demo_opts	 o;
	struct config		 cfg;
	struct stat		 sb;
	unsigned long		 n;
	char			*path;
	int			 opt, replace = 0, rc;

	demo_defaults(&o);
	o.progress = demo_progress;
	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (opt) {
		case 'f':
			if (demo_number(cli, "--families", optarg, 1000000, &n))
				return EXIT_USAGE;
			o.families = (unsigned)n;
			break;
		case 's':
			if (demo_number(cli, "--seed", optarg, ~0UL, &n))
				return EXIT_USAGE;
			o.seed = n;
			break;
		case 'c':
			if (demo_number(cli, "--contacts", optarg, 1000, &n))
				return EXIT_USAGE;
			o.contacts = (int)n;
			break;
		case 'S':
			if (demo_number(cli, "--stories", optarg, 100, &n))
				return EXIT_USAGE;
			o.stories = (int)n;
			break;
		case 'r':
			replace = 1;
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(cli, "too many arguments");
	if ((rc = cli_keeper(cli)) != EXIT_OK ||
	    (rc = cli_config_read(cli, &cfg)) != EXIT_OK)
		return rc;
	path = xstrdup(cfg.db_path);
	config_free(&cfg);
	if (stat(path, &sb) == 0 && !replace) {
		fprintf(stderr, "oneteam: %s exists already: give --replace to "
		    "put the demo in its place\n", path);
		rc = EXIT_INPUT;
	} else if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		fprintf(stderr, "oneteam: %s is not a file\n", path);
		rc = EXIT_INPUT;
	} else if (stat(path, &sb) == 0)
		rc = demo_replaceable(path);
	if (rc == EXIT_OK)
		rc = demo_make(cli, path, &o);
	free(path);
	return rc;
}

#define PASS_HELP \
	"  --passphrase-file FILE  their passphrase, for signing in (at least " \
	"10\n                     characters; the first line of FILE)\n"
/* init is no change of a group, so its --help is written here: the same
 * words as the fields of staff add (field-table-setup.c). */

const struct cli_cmd cli_setup_cmds[] = {
	{ NULL, "init", "[--name NAME --role ROLE --agency AGENCY] "
	    "[--locality NAME] [--passphrase-file FILE]",
	    "Make a new database, with its locality and first member of staff",
	    PASS_HELP, CLI_WRITE | CLI_CREATE | CLI_NOSTAFF, init_run },
	{ NULL, "demo", "[--families N] [--seed N] [--replace]",
	    "Make a demo database: the fictional locality Riverside, its team "
	    "and families",
	    "  --families N   how many families (default 60)\n"
	    "  --seed N       another seed, other families (default 1)\n"
	    "  --contacts N   contacts a family on average (default 20)\n"
	    "  --stories N    story revisions a family (default 6)\n"
	    "  --replace      replace the database if it exists and is a demo's\n",
	    CLI_WRITE | CLI_CREATE | CLI_NOSTAFF, demo_run },
	{ NULL, "config", "", "Print the configuration in effect", "",
	    0, config_run },
	{ "staff", "add", "NAME --role ROLE --agency AGENCY [options]",
	    "Add a member of staff", PASS_HELP, CLI_WRITE,
	    staff_add_run },
	{ "staff", "passwd", "NAME [--passphrase-file FILE]",
	    "Set a passphrase: one's own, or another's (a coordinator of "
	    "theirs; an administrator's, an administrator)",
	    "  --passphrase-file FILE  read it from FILE (else standard input "
	    "when it\n"
	    "                          is not a terminal, else asked twice)\n",
	    CLI_WRITE, staff_passwd_run },
	{ "staff", "disable", "NAME",
	    "Disable an account (a coordinator of its locality, not one's "
	    "own); records stay",
	    "", CLI_WRITE, staff_disable_run },
	{ "staff", "merge", "NAME --into NAME",
	    "Merge a member of staff added twice into the one to keep (a "
	    "coordinator of its locality)",
	    "  --into NAME  the member to keep: the other's account ends, "
	    "the families\n"
	    "               they lead and their actions move, and what they "
	    "recorded is\n"
	    "               seen as the kept member's\n",
	    CLI_WRITE, staff_merge_run },
	{ "staff", "list", "", "List the members of staff", "",
	    CLI_READ, staff_list_run },
	{ NULL, "signin", "NAME [--passphrase-file FILE]",
	    "Sign in on the command line: eval \"$(oneteam signin NAME)\"",
	    "  --passphrase-file FILE  read it from FILE (else standard input "
	    "when it\n"
	    "                          is not a terminal, else asked)\n"
	    "Prints the session for the shell to keep (ONETEAM_SESSION); "
	    "it stands for\nyour passphrase until it goes unused for the "
	    "idle minutes of the\nconfiguration, or oneteam signout. An "
	    "account with no passphrase yet is\nsigned in without one, to "
	    "set one.\n",
	    CLI_WRITE | CLI_NOSTAFF, signin_run },
	{ NULL, "signout", "",
	    "End the session: eval \"$(oneteam signout)\"", "",
	    CLI_WRITE | CLI_NOSTAFF, signout_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};
