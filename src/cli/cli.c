/*
 * cli.c owns the command line as a whole: the options every command
 * takes, finding the command, opening the core the way it needs, help,
 * and turning a failure into one escaped line on stderr and an exit code.
 * The commands themselves live in cli-*.c, one file per group.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "oneteam/field.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

static const struct cli_cmd *const cli_tables[] = {
	cli_setup_cmds, cli_site_cmds, cli_family_cmds, cli_person_cmds,
	cli_consent_cmds, cli_contact_cmds, cli_story_cmds, cli_referral_cmds,
	cli_flag_cmds, cli_action_cmds, cli_report_cmds, cli_team_cmds,
	cli_sync_cmds, cli_huddle_agenda_cmds, cli_huddle_cmds,
	cli_audit_cmds, cli_export_cmds,
};
#define NTABLES (sizeof cli_tables / sizeof cli_tables[0])

enum { OPT_DB = 1000, OPT_CONFIG, OPT_AS, OPT_FORMAT, OPT_HELP };

static const struct option cli_global_options[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "as", required_argument, NULL, OPT_AS },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, OPT_HELP },
};
#define NGLOBAL (sizeof cli_global_options / sizeof cli_global_options[0])

static const char cli_global_help[] =
	"  --db FILE         the database (default: from the configuration)\n"
	"  --config FILE     the configuration file to read\n"
	"  --as NAME         who is recording (default: $ONETEAM_STAFF, else "
	"signed in)\n"
	"  --format FORMAT   human (default), tsv or json\n"
	"  --help            show this help\n";

void
cli_print_escaped(FILE *f, const char *s)
{
	char	*e = text_escape(s, 0);

	fprintf(f, "oneteam: %s\n", e);
	free(e);
}

static void
cli_cmd_usage(FILE *f, const struct cli_cmd *c)
{
	fprintf(f, "usage: oneteam %s%s%s %s\n", c->group ? c->group : "",
	    c->group ? " " : "", c->name, c->args);
}

static void
cli_cmd_help(const struct cli_cmd *c)
{
	cli_cmd_usage(stdout, c);
	printf("\n%s.\n", c->summary);
	if (cli_field_help(stdout, c) == 0 && c->help != NULL &&
	    *c->help != '\0')
		printf("\n");
	if (c->help != NULL)
		fputs(c->help, stdout);
	printf("\nOptions of every command:\n%s", cli_global_help);
}

static void
cli_help(FILE *f, const char *group)
{
	const struct cli_cmd	*c;
	size_t			 t;
	char			 name[64];

	fputs("usage: oneteam [--db FILE] [--config FILE] [--as NAME] "
	    "[--format human|text|tsv|json] COMMAND ...\n\n"
	    "oneteam keeps a locality team's shared records of the families "
	    "they work with.\nCommands:\n", f);
	for (t = 0; t < NTABLES; t++)
		for (c = cli_tables[t]; c->name != NULL; c++) {
			if (group != NULL && (c->group == NULL ||
			    strcmp(c->group, group) != 0))
				continue;
			/* The huddle's screen comes before its commands. */
			if (c == cli_huddle_agenda_cmds)
				fprintf(f, "  %-20s %s\n", "huddle",
				    "The morning huddle on the screens");
			snprintf(name, sizeof name, "%s%s%s", c->group ?
			    c->group : "", c->group ? " " : "", c->name);
			fprintf(f, "  %-20s %s\n", name, c->summary);
		}
	fputs("\nRun oneteam COMMAND --help for its options; see oneteam(1).\n",
	    f);
}

int
cli_usage(struct cli *cli, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	cli_print_escaped(stderr, s);
	free(s);
	if (cli->cmd != NULL)
		cli_cmd_usage(stderr, cli->cmd);
	return EXIT_USAGE;
}

int
cli_fail(struct cli *cli, char *cause)
{
	const char	*field = cli->opened ? cli->ot.fault_field : NULL;
	char		 option[64], *said;
	int		 code = EXIT_INPUT;

	/* The core names the field at fault; here it is the option. */
	if (field != NULL && cause != NULL) {
		field_option(field, option, sizeof option);
		xasprintf(&said, "%s (%s)", cause, option);
		free(cause);
		cause = said;
	}
	cli_print_escaped(stderr, cause != NULL ? cause : "failed");
	free(cause);
	if (!cli->opened)
		return EXIT_DB;
	switch (store_fault(cli->ot.st)) {
	case STORE_OK:
	case STORE_EINPUT:
		code = EXIT_INPUT;
		break;
	case STORE_ENOTFOUND:
		code = EXIT_NOTFOUND;
		break;
	case STORE_EBUSY:
		code = EXIT_BUSY;
		break;
	case STORE_EDB:
		code = EXIT_DB;
		break;
	case STORE_EFULL:
		code = EXIT_FULL;
		break;
	}
	return code;
}

int
cli_find(struct cli *cli, const char *kind, const char *text, struct id *id)
{
	char	*cause = NULL;
	int	 rc;

	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (oneteam_find(&cli->ot, kind, text, id, &cause) != 0)
		return cli_fail(cli, cause);
	return EXIT_OK;
}

void
cli_done(struct cli *cli, const char *what, const char *kind,
    const struct id *id)
{
	char	ref[ID_REF_MAX];

	oneteam_ref(kind, id, ref);
	if (cli->format == OUT_HUMAN)
		printf("Recorded %s %s.\n", what, ref);
	else
		printf("%s\n", ref);
}

/* Handle a global option met among a command's options. */
static int
cli_global(struct cli *cli, int opt, const char *arg)
{
	switch (opt) {
	case OPT_DB:
		cli->db = arg;
		return 0;
	case OPT_CONFIG:
		cli->config = arg;
		return 0;
	case OPT_AS:
		cli->as = arg;
		return 0;
	case OPT_FORMAT:
		if (strcmp(arg, "human") == 0 || strcmp(arg, "text") == 0)
			cli->format = OUT_HUMAN;
		else if (strcmp(arg, "tsv") == 0)
			cli->format = OUT_TSV;
		else if (strcmp(arg, "json") == 0)
			cli->format = OUT_JSON;
		else
			return cli_usage(cli, "--format \"%s\" is not human, text, "
			    "tsv or json", arg);
		return 0;
	}
	return -1;
}

int
cli_getopt(struct cli *cli, int argc, char **argv, const struct option *opts)
{
	static struct option	merged[64];
	const char		*shorts = ":";
	size_t			n = 0, i;
	int			opt;

	for (; opts != NULL && opts[n].name != NULL && n < 64 - NGLOBAL - 1;
	    n++) {
		merged[n] = opts[n];
		/* -o FILE, for a command whose --output is 'o'. */
		if (opts[n].val == 'o')
			shorts = ":o:";
	}
	for (i = 0; i < NGLOBAL; i++)
		merged[n++] = cli_global_options[i];
	memset(&merged[n], 0, sizeof merged[n]);
	opterr = 0;	/* our own messages name oneteam, not the command */
	for (;;) {
		opt = getopt_long(argc, argv, shorts, merged, NULL);
		if (opt == OPT_HELP) {
			cli_cmd_help(cli->cmd);
			exit(EXIT_OK);
		}
		if (opt == ':') {
			cli_usage(cli, "%s needs a value", argv[optind - 1]);
			return '?';
		}
		if (opt == '?') {
			cli_usage(cli, "unknown option %s", argv[optind - 1]);
			return '?';
		}
		if (opt < OPT_DB || opt > OPT_FORMAT)
			return opt;
		if (cli_global(cli, opt, optarg) != 0)
			return '?';
	}
}

static const struct cli_cmd *
cli_lookup(const char *group, const char *name)
{
	const struct cli_cmd	*c;
	size_t			 t;

	for (t = 0; t < NTABLES; t++)
		for (c = cli_tables[t]; c->name != NULL; c++) {
			if ((group == NULL) != (c->group == NULL))
				continue;
			if (group != NULL && strcmp(group, c->group) != 0)
				continue;
			if (strcmp(name, c->name) == 0)
				return c;
		}
	return NULL;
}

static int
cli_is_group(const char *name)
{
	const struct cli_cmd	*c;
	size_t			 t;

	for (t = 0; t < NTABLES; t++)
		for (c = cli_tables[t]; c->name != NULL; c++)
			if (c->group != NULL && strcmp(c->group, name) == 0)
				return 1;
	return 0;
}

/* Open the core as the command needs it, with whoever is at work. */
static int
cli_open(struct cli *cli)
{
	int	 flags, rc, open = cli->cmd->open;
	char	*cause = NULL;

	if (open == 0 || cli->opened)
		return EXIT_OK;
	flags = (open & CLI_READ) ? STORE_READONLY : 0;
	if (open & CLI_CREATE)
		flags |= STORE_CREATE;
	if (oneteam_open(&cli->ot, cli->config, cli->db, flags, &cause) != 0) {
		/* No reference lists yet: the configuration was at fault. */
		int code = cli->ot.rd == NULL ? EXIT_CONFIG : EXIT_DB;

		if (!cli->quiet_open)
			cli_print_escaped(stderr, cause);
		free(cause);
		oneteam_close(&cli->ot);
		return code;
	}
	cli->opened = 1;
	/* A copied database has just taken a site id of its own: say so. */
	if (store_notice(cli->ot.st) != NULL)
		cli_print_escaped(stderr, store_notice(cli->ot.st));
	/* Setting up (init, demo, check) is nobody's change to a record. */
	if ((open & CLI_NOSTAFF) && !(open & CLI_NAMED))
		return EXIT_OK;
	if ((rc = cli_whoami(cli)) != EXIT_OK)
		return rc;
	/* Families' records are shown to someone who needs to know them. */
	if ((open & CLI_NAMED) && id_is_zero(&cli->ot.me)) {
		oneteam_refuse(&cli->ot, &cause, "who is looking? sign in "
		    "(oneteam signin NAME), or give --as NAME");
		return cli_fail(cli, cause);
	}
	if ((open & CLI_WRITE) && !(open & CLI_NOSTAFF) &&
	    oneteam_need_me(&cli->ot, &cause) != 0)
		return cli_fail(cli, cause);
	return EXIT_OK;
}

/* Take the global options that come before the command. */
static int
cli_globals(struct cli *cli, int argc, char **argv)
{
	optind = 1;
	opterr = 1;
	for (;;) {
		int opt = getopt_long(argc, argv, "+hV", cli_global_options,
		    NULL);
		if (opt == -1)
			return 0;
		if (opt == 'h' || opt == OPT_HELP) {
			cli_help(stdout, NULL);
			exit(EXIT_OK);
		}
		if (opt == 'V') {
			printf("oneteam %s\n", PACKAGE_VERSION);
			exit(EXIT_OK);
		}
		if (opt == '?' || cli_global(cli, opt, optarg) != 0)
			return -1;
	}
}

/*
 * Find the command named by the words after the global options, taking a
 * group's name off the front. Returns -1 with *cmd set to go on, or the
 * exit code when help was printed or the command is unknown.
 */
static const struct cli_cmd cli_huddle_screen_cmd;

static int
cli_command(int *argc, char ***argv, const struct cli_cmd **cmd)
{
	const char	*group = NULL;
	char		*what;

	if (strcmp((*argv)[0], "help") == 0) {
		cli_help(stdout, *argc > 1 ? (*argv)[1] : NULL);
		return EXIT_OK;
	}
	/* oneteam huddle alone: its screen. */
	if (*argc == 1 && strcmp((*argv)[0], "huddle") == 0) {
		*cmd = &cli_huddle_screen_cmd;
		return -1;
	}
	if (cli_is_group((*argv)[0])) {
		group = (*argv)[0];
		if (*argc < 2 || strcmp((*argv)[1], "--help") == 0 ||
		    strcmp((*argv)[1], "-h") == 0) {
			cli_help(*argc < 2 ? stderr : stdout, group);
			return *argc < 2 ? EXIT_USAGE : EXIT_OK;
		}
		(*argc)--;
		(*argv)++;
	}
	if ((*cmd = cli_lookup(group, (*argv)[0])) != NULL)
		return -1;
	if (group != NULL)
		what = xprintf("unknown command \"%s %s\": run oneteam %s "
		    "--help for its commands", group, (*argv)[0], group);
	else
		what = xprintf("unknown command \"%s\": run oneteam --help "
		    "for the commands", (*argv)[0]);
	cli_print_escaped(stderr, what);
	free(what);
	return EXIT_USAGE;
}

/* The screens, over the core opened as for any change. */
static int
cli_screens_at(struct cli *cli, int huddle)
{
	const char	*as = cli->as;
	int		 rc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("oneteam: the screens need a terminal on standard input "
		    "and output; run oneteam --help for the commands\n",
		    stderr);
		return EXIT_USAGE;
	}
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (as == NULL || *as == '\0')
		as = getenv("ONETEAM_STAFF");
	return cli->screens->run(&cli->ot, as, huddle);
}

/* No command: the screens. */
static int
cli_screens(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_screens_at(cli, 0);
}

/* oneteam huddle: the screens, at the Huddle once signed in. */
static int
cli_screens_huddle(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_screens_at(cli, 1);
}

static const struct cli_cmd cli_screens_cmd = {
	NULL, "", "", "open the screens", NULL, CLI_WRITE | CLI_NOSTAFF,
	cli_screens
};

static const struct cli_cmd cli_huddle_screen_cmd = {
	"huddle", "", "", "open the Huddle screen", NULL,
	CLI_WRITE | CLI_NOSTAFF, cli_screens_huddle
};

int
cli_main(int argc, char **argv, const struct cli_screens *screens)
{
	struct cli		 cli;
	const struct cli_cmd	*c;
	int			 rc;

	memset(&cli, 0, sizeof cli);
	cli.screens = screens;
	if (cli_globals(&cli, argc, argv) != 0) {
		fputs("usage: oneteam [--db FILE] [--config FILE] [--as NAME] "
		    "[--format human|text|tsv|json] COMMAND ...\n", stderr);
		return EXIT_USAGE;
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		c = &cli_screens_cmd;
	else if ((rc = cli_command(&argc, &argv, &c)) != -1)
		return rc;
	cli.cmd = c;
	optind = 0;	/* 0, not 1: GNU getopt then starts afresh */
	/* Options first, so --help needs no database. */
	rc = c->run(&cli, argc, argv);
	if (cli.opened)
		oneteam_close(&cli.ot);
	return rc;
}

/* Open the core for the command being run; for use by run functions
 * after their options are parsed. */
int
cli_start(struct cli *cli)
{
	return cli_open(cli);
}
