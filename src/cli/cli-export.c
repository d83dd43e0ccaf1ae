/*
 * cli-export.c: exports for people outside the team from the command
 * line: the printed summary of a family and the CSV of families, over
 * export.c. Here are the options, the choosing of families and the words
 * of a refusal; the rule of consent, the file and its audit entries are
 * the core's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "oneteam/access.h"
#include "oneteam/export.h"
#include "oneteam/family.h"
#include "oneteam/field.h"
#include "oneteam/xmalloc.h"

enum { EO_OUTPUT = 'o', EO_SAFEGUARDING = 1, EO_REASON, EO_LOCALITY,
    EO_FAMILY };

/*
 * Refuse a family its consent keeps in the team, naming it and the way
 * out for a child at risk. Returns the exit code.
 */
static int
cli_export_refuse(struct cli *cli, const struct export_share *s)
{
	char	*cause = NULL;
	int	 seen;

	/* The reference alone, and of a family outside one's work (the
	 * glass not broken yet: nothing is exported) not even which
	 * decision its consent is. */
	if ((seen = access_may_view(&cli->ot, &s->family, &cause)) < 0)
		return cli_fail(cli, cause);
	oneteam_refuse(&cli->ot, &cause, "%s %s, so it is not shared outside "
	    "the team: give --safeguarding REASON if a child is at risk of "
	    "significant harm", s->ref, seen ? export_why_not(s) :
	    "has no consent to share given");
	return cli_fail(cli, cause);
}

/*
 * Need to know, asked before anything is written: a family outside
 * one's locality and work needs --reason, as for showing it (the core
 * asks again, and breaks the glass, as it records). Returns an exit code.
 */
static int
cli_export_may(struct cli *cli, const struct export_share *s, size_t n,
    const char *reason)
{
	char	*cause = NULL;
	size_t	 i;
	int	 rc;

	for (i = 0; i < n && reason == NULL; i++) {
		if ((rc = access_may_view(&cli->ot, &s[i].family, &cause)) < 0)
			return cli_fail(cli, cause);
		if (rc == 0) {
			oneteam_refuse(&cli->ot, &cause, "%s is not of your "
			    "locality nor a family you work with: to export "
			    "it, say why with --reason (it is recorded for "
			    "the coordinators)", s[i].ref);
			return cli_fail(cli, cause);
		}
	}
	return EXIT_OK;
}

/* --- export summary ---------------------------------------------------- */

static int
summary_write(struct oneteam *ot, FILE *f, void *arg, char **cause)
{
	return export_summary(ot, arg, f, cause);
}

/* Write the summary of a family that may go (to out, NULL: stdout). */
static int
summary_export(struct cli *cli, const struct export_share *s,
    const char *out, const char *reason)
{
	struct export_job	 job;
	char			*cause = NULL;

	memset(&job, 0, sizeof job);
	job.path = out;
	job.what = "summary";
	job.reason = reason;
	job.shares = s;
	job.nshares = 1;
	job.write = summary_write;
	job.arg = (void *)s;
	if (export_run(&cli->ot, &job, &cause) != 0)
		return cli_fail(cli, cause);
	if (out != NULL)
		out_say(cli, "Wrote the summary of %s to %s.", s->ref, out);
	return EXIT_OK;
}

/* The command line's own options of an export, beside its fields. */
static const struct option export_opts[] = {
	{ "output", required_argument, NULL, EO_OUTPUT },
	{ "family", required_argument, NULL, EO_FAMILY },
	{ NULL, 0, NULL, 0 }
};

/* An export's fields, checked by the core: an exit code. */
static int
export_check(struct cli *cli, const struct field_table *ft,
    const struct export_ask *ask)
{
	char	*cause = NULL;
	int	 rc;

	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (export_ask_check(&cli->ot, ft, ask, &cause) != 0)
		return cli_fail(cli, cause);
	return EXIT_OK;
}

static int
summary_run(struct cli *cli, int argc, char **argv)
{
	struct export_ask	 ask;
	struct export_share	 s;
	struct id		 family;
	const char		*out = NULL;
	char			*cause = NULL;
	int			 opt, rc;

	memset(&ask, 0, sizeof ask);
	/* export_opts[1], --family, is export families' alone. */
	while ((opt = cli_field_getopt(cli, argc, argv, &field_export_summary,
	    &ask, (const struct option[]){ export_opts[0], { 0 } })) != -1) {
		if (opt != EO_OUTPUT)
			return EXIT_USAGE;
		out = optarg;
	}
	if (optind + 1 != argc)
		return cli_usage(cli, "give one family reference");
	if ((rc = export_check(cli, &field_export_summary, &ask)) != EXIT_OK ||
	    (rc = cli_find(cli, "family", argv[optind], &family)) != EXIT_OK)
		return rc;
	if (export_decide(&cli->ot, &family, ask.safeguarding, &s,
	    &cause) != 0)
		return cli_fail(cli, cause);
	/* Need to know first: its consent is not for all to learn. */
	if ((rc = cli_export_may(cli, &s, 1, ask.reason)) == EXIT_OK)
		rc = s.basis == EXPORT_REFUSED ? cli_export_refuse(cli, &s) :
		    summary_export(cli, &s, out, ask.reason);
	export_clear(&s);
	return rc;
}

/* --- export families --------------------------------------------------- */

/* The families chosen and those their consent keeps in the team. */
struct families {
	struct export_share	*shares;
	size_t			 n;
	size_t			 left_out;
	struct id		*seen;		/* each family once */
	size_t			 nseen;
};

static int
families_write(struct oneteam *ot, FILE *f, void *arg, char **cause)
{
	struct families	*fs = arg;
	size_t		 i;

	export_csv_row(f, export_csv_columns, EXPORT_CSV_NCOLUMNS);
	for (i = 0; i < fs->n; i++)
		if (export_csv_family(ot, &fs->shares[i], f, cause) != 0)
			return -1;
	return 0;
}

/*
 * Add a family to the export once, or count it left out. Need to know
 * first, so that not even its consent is told of a family outside one's
 * work without a reason. An exit code.
 */
static int
families_add(struct cli *cli, struct families *fs, const struct id *id,
    const char *safeguarding, const char *reason)
{
	struct export_share	 s;
	char			*cause = NULL;
	size_t			 i;
	int			 rc;

	for (i = 0; i < fs->nseen; i++)
		if (id_cmp(&fs->seen[i], id) == 0)
			return EXIT_OK;
	fs->seen = xreallocarray(fs->seen, fs->nseen + 1, sizeof *fs->seen);
	fs->seen[fs->nseen++] = *id;
	memset(&s, 0, sizeof s);
	s.family = *id;
	oneteam_ref("family", id, s.ref);
	if ((rc = cli_export_may(cli, &s, 1, reason)) != EXIT_OK)
		return rc;
	if (export_decide(&cli->ot, id, safeguarding, &s, &cause) != 0)
		return cli_fail(cli, cause);
	if (s.basis == EXPORT_REFUSED) {
		export_clear(&s);
		fs->left_out++;
		return EXIT_OK;
	}
	fs->shares = xreallocarray(fs->shares, fs->n + 1,
	    sizeof *fs->shares);
	fs->shares[fs->n++] = s;
	return EXIT_OK;
}

/* Choose the families named, or else those of the locality. */
static int
families_choose(struct cli *cli, struct families *fs, char **refs,
    size_t nrefs, const char *locality, const char *safeguarding,
    const char *reason)
{
	struct id	*ids = NULL, id;
	char		*cause = NULL;
	size_t		 i, n = 0;
	int		 rc = EXIT_OK;

	for (i = 0; i < nrefs && rc == EXIT_OK; i++)
		if ((rc = cli_find(cli, "family", refs[i], &id)) == EXIT_OK)
			rc = families_add(cli, fs, &id, safeguarding,
			    reason);
	if (nrefs > 0 || rc != EXIT_OK)
		return rc;
	if (export_locality(&cli->ot, locality, &ids, &n, NULL, &cause) != 0)
		return cli_fail(cli, cause);
	for (i = 0; i < n && rc == EXIT_OK; i++)
		rc = families_add(cli, fs, &ids[i], safeguarding, reason);
	free(ids);
	return rc;
}

static void
families_free(struct families *fs)
{
	size_t	i;

	for (i = 0; i < fs->n; i++)
		export_clear(&fs->shares[i]);
	free(fs->shares);
	free(fs->seen);
}

/* The options of export families; --family may come again and again. */
struct families_opts {
	struct export_ask	  ask;
	const char		 *out;
	char			**refs;
	size_t			  nrefs;
};

static int
families_options(struct cli *cli, int argc, char **argv,
    struct families_opts *o)
{
	int	opt;

	memset(o, 0, sizeof *o);
	o->refs = xcalloc((size_t)argc + 1, sizeof *o->refs);
	while ((opt = cli_field_getopt(cli, argc, argv, &field_export_families,
	    &o->ask, export_opts)) != -1) {
		switch (opt) {
		case EO_OUTPUT: o->out = optarg; break;
		case EO_FAMILY: o->refs[o->nrefs++] = optarg; break;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(cli, "too many arguments: name families with "
		    "--family REF");
	o->ask.named = o->nrefs;
	return EXIT_OK;
}

/* Is one of the families chosen outside one's work? 1, 0, or -1 with
 * *cause. */
static int
families_outside(struct cli *cli, const struct families *fs, char **cause)
{
	size_t	i;
	int	rc;

	for (i = 0; i < fs->nseen; i++)
		if ((rc = access_may_view(&cli->ot, &fs->seen[i], cause)) != 1)
			return rc < 0 ? -1 : 1;
	return 0;
}

/* Say how many families their consent kept out of it. */
static void
families_said(const struct families *fs)
{
	if (fs->left_out == 0)
		return;
	fprintf(stderr, "oneteam: %zu %s without consent to share %s left "
	    "out\n", fs->left_out, fs->left_out == 1 ? "family" : "families",
	    fs->left_out == 1 ? "was" : "were");
}

static int
families_run(struct cli *cli, int argc, char **argv)
{
	struct families_opts	 o;
	struct families		 fs;
	struct export_job	 job;
	char			*cause = NULL;
	int			 rc;

	memset(&fs, 0, sizeof fs);
	if ((rc = families_options(cli, argc, argv, &o)) != EXIT_OK ||
	    (rc = export_check(cli, &field_export_families, &o.ask)) !=
	    EXIT_OK ||
	    (rc = families_choose(cli, &fs, o.refs, o.nrefs, o.ask.locality,
	    o.ask.safeguarding, o.ask.reason)) != EXIT_OK)
		goto out;
	/* Named, and none may go: say so, rather than an empty file; and
	 * of a family outside one's work, not even why. */
	if (o.nrefs > 0 && fs.n == 0) {
		if ((rc = families_outside(cli, &fs, &cause)) >= 0)
			oneteam_refuse(&cli->ot, &cause, "none of the families "
			    "named %s: give --safeguarding REASON if a child is "
			    "at risk of significant harm", rc ? "may be shared "
			    "outside the team" : "has consent to share");
		rc = cli_fail(cli, cause);
		goto out;
	}
	memset(&job, 0, sizeof job);
	job.path = o.out;
	job.what = "families csv";
	job.reason = o.ask.reason;
	job.shares = fs.shares;
	job.nshares = fs.n;
	job.write = families_write;
	job.arg = &fs;
	if (export_run(&cli->ot, &job, &cause) != 0) {
		rc = cli_fail(cli, cause);
		goto out;
	}
	families_said(&fs);
	if (o.out != NULL)
		out_say(cli, "Wrote %zu %s to %s.", fs.n, fs.n == 1 ?
		    "family" : "families", o.out);
out:
	families_free(&fs);
	free(o.refs);
	return rc;
}

/* The lines of the fields are made from the core's tables (--help):
 * these are the command line's own. */
#define EXPORT_OUTPUT_HELP \
	"  -o, --output FILE      write a new file, readable by you only " \
	"(default:\n                         standard output)\n"

const struct cli_cmd cli_export_cmds[] = {
	{ "export", "summary", "REF [-o FILE] [--safeguarding REASON] "
	    "[--reason TEXT]",
	    "A family's summary to print and share outside the team, with "
	    "its consent",
	    EXPORT_OUTPUT_HELP,
	    CLI_WRITE, summary_run },
	{ "export", "families", "[-o FILE] [--locality NAME | --family REF "
	    "...] [--safeguarding REASON] [--reason TEXT]",
	    "A CSV of open families with consent to share, for people "
	    "outside the team",
	    EXPORT_OUTPUT_HELP
	    "  --family REF           this family (again for more) instead "
	    "of a locality\n"
	    "\nFamilies without consent to share are left out, and how many "
	    "is said.\nLines end CR LF (RFC 4180); a cell a spreadsheet would "
	    "take for a formula\nstarts with '.\n",
	    CLI_WRITE, families_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};
