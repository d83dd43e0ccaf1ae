/*
 * cli-audit.c: the audit trail from the command line: verifying every
 * site's chain, who looked at a family, what a member of staff did, who
 * broke the glass and why (for the coordinators); and
 * the recording of a view or a bundle exchange for the commands that do
 * them (audit.c holds the trail itself).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "oneteam/access.h"
#include "oneteam/audit.h"
#include "oneteam/staff.h"
#include "oneteam/sync.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

/*
 * Record that whoever is at work is shown a family, in its own
 * transaction, before anything of it is printed: a view that cannot be
 * recorded is not shown (every access attributable). A family outside
 * their work needs reason, recorded first (access.h). The view to read it
 * by in *view, to be closed. Returns an exit code.
 */
int
cli_audit_view(struct cli *cli, const struct id *family, const char *reason,
    struct family_view **view)
{
	char	*cause = NULL, *why, *detail, ref[ID_REF_MAX];
	int	 rc;

	*view = NULL;
	if ((rc = cli_whoami(cli)) != EXIT_OK)
		return rc;
	detail = xprintf("%s%s%s", cli->cmd->group != NULL ?
	    cli->cmd->group : "", cli->cmd->group != NULL ? " " : "",
	    cli->cmd->name);
	rc = access_view(&cli->ot, family, reason, detail, view, &cause);
	free(detail);
	if (rc == 0)
		return EXIT_OK;
	/* Refused (need to know, the reason), or the trail could not be
	 * written. */
	if (store_fault(cli->ot.st) == STORE_EINPUT)
		return cli_fail(cli, cause);
	oneteam_ref("family", family, ref);
	why = xprintf("the view of %s could not be recorded, so it is not "
	    "shown: %s", ref, cause);
	free(cause);
	return cli_fail(cli, why);
}

/* --- audit verify -------------------------------------------------------- */

static void
verify_report(const char *problem, void *arg)
{
	char	*e = text_escape(problem, 0);

	(void)arg;
	printf("problem: %s\n", e);
	free(e);
}

static int
verify_run(struct cli *cli, int argc, char **argv)
{
	struct audit_tally	 t;
	char			*cause = NULL;
	int			 rc, problems;

	if (cli_getopt(cli, argc, argv, NULL) != -1)
		return EXIT_USAGE;
	if (optind != argc)
		return cli_usage(cli, "too many arguments");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	problems = sync_verify_all(&cli->ot, verify_report, NULL, &t, &cause);
	if (problems < 0)
		return cli_fail(cli, cause);
	if (problems > 0) {
		fprintf(stderr, "oneteam: the audit trail is not whole: %d "
		    "problem%s found\n", problems, problems == 1 ? "" : "s");
		return EXIT_DB;
	}
	printf("the audit trail is whole: %lld entr%s from %lld site%s\n",
	    (long long)t.entries, t.entries == 1 ? "y" : "ies",
	    (long long)t.sites, t.sites == 1 ? "" : "s");
	return EXIT_OK;
}

/* --- listing ------------------------------------------------------------- */

static const char *const audit_columns[] = {
	"when", "who", "what", "family", "household", "detail", "site", "seq",
};
#define NAUDIT_COLUMNS (sizeof audit_columns / sizeof audit_columns[0])

/* For people, what was done in words; for scripts, the codes kept. */
static int
audit_row(const struct audit_entry *e, void *arg)
{
	struct out	*o = arg;
	const char	*v[NAUDIT_COLUMNS];
	char		*detail = NULL;
	int		 human = out_cli(o)->format == OUT_HUMAN;

	if (human)
		detail = audit_detail_words(e);
	v[0] = cli_time(out_cli(o), e->at);
	v[1] = e->who_name;
	v[2] = human ? audit_what_words(e->what) : e->what;
	v[3] = e->family_ref;
	v[4] = e->household;
	v[5] = human ? detail : e->detail;
	v[6] = e->site_name;
	v[7] = cli_int(e->seq);
	out_row(o, v);
	free(detail);
	return 0;
}

/* The table of entries; people need not read the entry's number. */
static struct out *
audit_table(struct cli *cli)
{
	return out_table(cli, "entries", audit_columns,
	    cli->format == OUT_HUMAN ? NAUDIT_COLUMNS - 1 : NAUDIT_COLUMNS);
}

static int
who_viewed_run(struct cli *cli, int argc, char **argv)
{
	struct out	*o;
	struct id	 family;
	char		*cause = NULL;
	int		 rc;

	if (cli_getopt(cli, argc, argv, NULL) != -1)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(cli, "give one family reference");
	if ((rc = cli_find(cli, "family", argv[optind], &family)) != EXIT_OK)
		return rc;
	o = audit_table(cli);
	rc = audit_who_viewed(&cli->ot, &family, audit_row, o, &cause);
	return out_end_list(o, rc, cause);
}

/* The moment --since names (audit_since()), or a usage error. */
static int
by_since(struct cli *cli, const char *text, int64_t *ms)
{
	char	*cause = NULL;
	int	 rc;

	if (audit_since(&cli->ot, text, ms, &cause) == 0)
		return EXIT_OK;
	rc = cli_usage(cli, "--since \"%s\": %s", text, cause);
	free(cause);
	return rc;
}

static int
by_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct out	*o;
	struct id	 staff;
	const char	*since = NULL;
	char		*cause = NULL;
	int64_t		 since_ms = 0;
	int		 opt, rc;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt != 's')
			return EXIT_USAGE;
		since = optarg;
	}
	if (optind + 1 != argc)
		return cli_usage(cli, "give one member of staff");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (since != NULL && (rc = by_since(cli, since, &since_ms)) !=
	    EXIT_OK)
		return rc;
	if (staff_lookup(&cli->ot, argv[optind], &staff, &cause) != 0)
		return cli_fail(cli, cause);
	o = audit_table(cli);
	rc = audit_by(&cli->ot, &staff, since_ms, audit_row, o, &cause);
	return out_end_list(o, rc, cause);
}

/* --- audit break-glass ---------------------------------------------------- */

static const char *const glass_columns[] = {
	"when", "who", "family", "reason", "site", "seq",
};
#define NGLASS_COLUMNS (sizeof glass_columns / sizeof glass_columns[0])

static int
glass_row(const struct audit_entry *e, void *arg)
{
	struct out	*o = arg;
	const char	*v[NGLASS_COLUMNS];

	v[0] = cli_time(out_cli(o), e->at);
	v[1] = e->who_name;
	v[2] = e->family_ref;
	v[3] = e->detail;
	v[4] = e->site_name;
	v[5] = cli_int(e->seq);
	out_row(o, v);
	return 0;
}

static int
glass_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct out	*o;
	const char	*since = NULL;
	char		*cause = NULL;
	int64_t		 since_ms = 0;
	int		 opt, rc;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt != 's')
			return EXIT_USAGE;
		since = optarg;
	}
	if (optind != argc)
		return cli_usage(cli, "too many arguments");
	/* For coordinators and administrators: the core refuses others. */
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (since != NULL && (rc = by_since(cli, since, &since_ms)) !=
	    EXIT_OK)
		return rc;
	o = out_table(cli, "entries", glass_columns, cli->format ==
	    OUT_HUMAN ? NGLASS_COLUMNS - 1 : NGLASS_COLUMNS);
	rc = audit_of_kind(&cli->ot, AUDIT_BREAK_GLASS, since_ms, 0,
	    glass_row, o, &cause);
	return out_end_list(o, rc, cause);
}

const struct cli_cmd cli_audit_cmds[] = {
	{ "audit", "verify", "",
	    "Check the audit trail of every site: nothing edited or deleted",
	    "", CLI_READ, verify_run },
	{ "audit", "who-viewed", "REF",
	    "Who looked at a family, and what else was done with it, newest "
	    "first", "", CLI_READ, who_viewed_run },
	{ "audit", "by", "STAFF [--since WHEN]",
	    "What a member of staff did: sign-ins, views, exports, newest "
	    "first",
	    "  --since WHEN   only from then (today, -7d, 12/3, 2026-03-12 "
	    "14:30)\n", CLI_READ, by_run },
	{ "audit", "break-glass", "[--since WHEN]",
	    "Who opened a family outside their work, and why, newest first "
	    "(coordinators and administrators)",
	    "  --since WHEN   only from then (today, -30d, 12/3, 2026-03-12 "
	    "14:30)\n", CLI_READ, glass_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};
