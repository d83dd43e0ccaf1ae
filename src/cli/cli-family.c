/*
 * cli-family.c: the family commands (list, show, add, set) over family.c.
 * Showing a family is a view recorded on the audit trail; a list is not.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "oneteam/family.h"
#include "oneteam/field.h"
#include "oneteam/refdata.h"
#include "oneteam/xmalloc.h"

static const char *const family_columns[] = {
	"ref", "household", "level", "lead", "last_contact", "referrals",
	"flags", "next_review", "consent",
};
#define NFAMILY_COLUMNS (sizeof family_columns / sizeof family_columns[0])

static int
family_list_row(const struct family *f, void *arg)
{
	struct out	*o = arg;
	const char	*v[NFAMILY_COLUMNS];

	v[0] = f->ref;
	v[1] = f->household;
	v[2] = f->level ? cli_int(f->level) : "";
	v[3] = f->lead_name;
	v[4] = cli_time(out_cli(o), f->last_contact);
	v[5] = cli_int(f->open_referrals);
	v[6] = cli_int(f->active_flags);
	v[7] = cli_date(out_cli(o), f->next_review);
	/* Without consent to share, said in words, not left blank. */
	v[8] = f->consent != NULL ? f->consent : "none";
	out_row(o, v);
	return 0;
}

static int
family_list_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "sort", required_argument, NULL, 's' },
		{ "reverse", no_argument, NULL, 'r' },
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	enum family_filter	 filter = FAMILY_ALL;
	enum family_sort	 sort = FAMILY_BY_HOUSEHOLD;
	struct out		*o;
	char			*cause = NULL, *end;
	long			 limit = 0;
	int			 opt, reverse = 0, rc;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (opt) {
		case 's':
			if (family_sort_parse(optarg, &sort) != 0)
				return cli_usage(cli, "--sort \"%s\" is not one "
				    "of household, ref, level, lead, contact, "
				    "referrals, flags, review", optarg);
			break;
		case 'r':
			reverse = 1;
			break;
		case 'n':
			limit = strtol(optarg, &end, 10);
			if (*end != '\0' || limit < 0)
				return cli_usage(cli, "--limit \"%s\" is not a "
				    "number", optarg);
			break;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind < argc && family_filter_parse(argv[optind], &filter) != 0)
		return cli_usage(cli, "\"%s\" is not one of mine, locality, "
		    "all, flagged, no-lead, closed", argv[optind]);
	if (optind + 1 < argc)
		return cli_usage(cli, "too many arguments");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (filter == FAMILY_MINE && id_is_zero(&cli->ot.me))
		return cli_usage(cli, "\"mine\" needs to know who you are: "
		    "give --as NAME");
	o = out_table(cli, "families", family_columns, NFAMILY_COLUMNS);
	rc = family_list(&cli->ot, filter, sort, reverse, 0, (size_t)limit,
	    family_list_row, o, &cause);
	return out_end_list(o, rc, cause);
}

/* The family's own fields, as one record. */
static void
family_show_record(struct cli *cli, const struct family *f)
{
	struct out	*o = out_record(cli, "family");
	char		*level = NULL, *needs;

	if (f->level && cli->format == OUT_HUMAN)
		xasprintf(&level, "%d: %s", f->level, cli_label(cli,
		    REF_LEVELS, cli_int(f->level)));
	else if (f->level)
		level = xstrdup(cli_int(f->level));
	needs = cli_labels(cli, REF_NEEDS, f->needs);
	out_field(o, "Reference", f->ref);
	out_field(o, "Household", f->household);
	out_field(o, "Address", f->address);
	out_field(o, "Postcode", f->postcode);
	out_field(o, "LSOA", f->lsoa);
	out_field(o, "Locality", f->locality_name);
	out_field(o, "Level of need", level);
	out_field(o, "Status", f->status);
	out_field(o, "Lead professional", f->lead_name);
	out_field(o, "Next review", cli_date(cli, f->next_review));
	out_field(o, "Needs", needs);
	if (f->later > 0) {
		char	*later;

		xasprintf(&later, "%lld change%s made by a newer oneteam, "
		    "shown in full once this one is upgraded to one that "
		    "knows %s", (long long)f->later, f->later == 1 ? "" : "s",
		    f->later == 1 ? "it" : "them");
		out_field(o, "Not shown yet", later);
		free(later);
	}
	out_end(o);
	free(level);
	free(needs);
}

static int
family_show_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	struct family_view	*view;
	struct family		 f;
	struct id		 id;
	const char		*reason = NULL;
	char			*cause = NULL;
	int			 opt, rc;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt != 'R')
			return EXIT_USAGE;
		reason = optarg;
	}
	if (optind + 1 != argc)
		return cli_usage(cli, "give one family reference");
	if ((rc = cli_find(cli, "family", argv[optind], &id)) != EXIT_OK)
		return rc;
	if ((rc = cli_audit_view(cli, &id, reason, &view)) != EXIT_OK)
		return rc;
	if (family_get(&cli->ot, view, &f, &cause) != 0) {
		family_view_close(view);
		return cli_fail(cli, cause);
	}
	out_begin(cli);
	family_show_record(cli, &f);
	rc = cli_family_sections(cli, view);
	out_finish(cli);
	family_clear(&f);
	family_view_close(view);
	return rc;
}

/* The sections of family show after the family itself, in order. */
static int (*const family_sections[])(struct cli *,
    const struct family_view *) = {
	cli_consent_section, cli_flag_section, cli_person_section,
	cli_referral_section, cli_story_section, cli_contact_section,
	cli_action_section,
};

int
cli_family_sections(struct cli *cli, const struct family_view *view)
{
	size_t	i;
	int	rc;

	for (i = 0; i < sizeof family_sections / sizeof family_sections[0];
	    i++)
		if ((rc = family_sections[i](cli, view)) != EXIT_OK)
			return rc;
	return EXIT_OK;
}

static int
family_add_run(struct cli *cli, int argc, char **argv)
{
	struct family_new	 fn;
	struct id		 id;
	char			*cause = NULL;
	int			 rc;

	memset(&fn, 0, sizeof fn);
	if (cli_field_options(cli, argc, argv, &field_family_add, &fn) != 0)
		return EXIT_USAGE;
	if (optind < argc && fn.household == NULL)
		fn.household = argv[optind++];
	if (optind < argc)
		return cli_usage(cli, "too many arguments");
	if (fn.household == NULL)
		return cli_usage(cli, "give the household name");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (family_add(&cli->ot, &fn, &id, &cause) != 0)
		return cli_fail(cli, cause);
	cli_done(cli, "family", "family", &id);
	return EXIT_OK;
}

static int
family_set_run(struct cli *cli, int argc, char **argv)
{
	struct family_change	 c;
	struct id		 id;
	char			*cause = NULL;
	int			 rc;

	memset(&c, 0, sizeof c);
	if (cli_field_options(cli, argc, argv, &field_family_set, &c) != 0)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(cli, "give one family reference");
	if (memcmp(&c, &(struct family_change){ 0 }, sizeof c) == 0)
		return cli_usage(cli, "nothing to change: give an option such "
		    "as --level or --lead");
	if ((rc = cli_find(cli, "family", argv[optind], &id)) != EXIT_OK)
		return rc;
	if (family_change(&cli->ot, &id, &c, &cause) != 0)
		return cli_fail(cli, cause);
	cli_done(cli, "the change to family", "family", &id);
	return EXIT_OK;
}

const struct cli_cmd cli_family_cmds[] = {
	{ "family", "list", "[mine|locality|all|flagged|no-lead|closed] "
	    "[--sort COLUMN] [--reverse] [--limit N]",
	    "List families (default: the open families you need to know)",
	    "  --sort COLUMN  household (default), ref, level, lead, contact,\n"
	    "                 referrals, flags or review\n"
	    "  --reverse      sort the other way\n"
	    "  --limit N      at most N families\n",
	    CLI_READ | CLI_NAMED, family_list_run },
	{ "family", "show", "REF [--reason TEXT]",
	    "Show a family: details, people, consent, flags, referrals, "
	    "contacts", REASON_HELP,
	    /* It writes the view on the audit trail, by --as if given. */
	    CLI_WRITE | CLI_NOSTAFF | CLI_NAMED, family_show_run },
	{ "family", "add", "HOUSEHOLD [options]",
	    "Add a family and open an episode of early help", NULL,
	    CLI_WRITE, family_add_run },
	{ "family", "set", "REF [options]",
	    "Change a family: details, level (step up or down), lead, status",
	    NULL, CLI_WRITE, family_set_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};
