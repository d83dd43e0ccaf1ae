/*
 * cli-person.c: the commands over person.c (person add, set, list) and
 * consent.c (consent record, show), and the people and consent sections
 * of family show.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "oneteam/consent.h"
#include "oneteam/field.h"
#include "oneteam/person.h"
#include "oneteam/refdata.h"
#include "oneteam/xmalloc.h"

static const char *const person_columns[] = {
	"ref", "name", "age", "dob", "relationship", "school", "gp", "markers",
};
#define NPERSON_COLUMNS (sizeof person_columns / sizeof person_columns[0])

static int
person_row(const struct person *p, void *arg)
{
	struct out	*o = arg;
	struct cli	*cli = out_cli(o);
	const char	*v[NPERSON_COLUMNS];
	char		 age[32], *markers;

	person_age(p->dob, cli->ot.now, age, sizeof age);
	markers = person_markers(p->markers, p->archived,
	    cli->format == OUT_HUMAN);
	v[0] = p->ref;
	v[1] = p->name;
	v[2] = age;
	v[3] = cli_date(cli, p->dob);
	v[4] = p->relationship == NULL ? NULL : cli->format == OUT_HUMAN ?
	    cli_label(cli, REF_RELATIONSHIPS, p->relationship) :
	    p->relationship;
	v[5] = p->school;
	v[6] = p->gp;
	v[7] = *markers != '\0' ? markers : NULL;
	out_row(o, v);
	free(markers);
	return 0;
}

/* The people of a family as one table. */
static int
person_table(struct cli *cli, const struct family_view *view, int all)
{
	struct out	*o;
	char		*cause = NULL;
	int		 rc;

	o = out_table(cli, "people", person_columns, NPERSON_COLUMNS);
	rc = person_list(&cli->ot, view, all, person_row, o, &cause);
	return out_end_list(o, rc, cause);
}

int
cli_person_section(struct cli *cli, const struct family_view *view)
{
	return person_table(cli, view, 0);
}

static int
person_list_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "reason", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	struct family_view	*view;
	struct id		 id;
	const char		*reason = NULL;
	int			 opt, all = 0, rc;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt == 'a')
			all = 1;
		else if (opt == 'R')
			reason = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind + 1 != argc)
		return cli_usage(cli, "give one family reference");
	if ((rc = cli_find(cli, "family", argv[optind], &id)) != EXIT_OK ||
	    (rc = cli_audit_view(cli, &id, reason, &view)) != EXIT_OK)
		return rc;
	rc = person_table(cli, view, all);
	family_view_close(view);
	return rc;
}

static int
person_add_run(struct cli *cli, int argc, char **argv)
{
	struct person_new	 pn;
	struct id		 family, id;
	char			*cause = NULL;
	int			 rc;

	memset(&pn, 0, sizeof pn);
	if (cli_field_options(cli, argc, argv, &field_person_add, &pn) != 0)
		return EXIT_USAGE;
	if (optind + 2 != argc)
		return cli_usage(cli, "give the family reference and the "
		    "person's name");
	if ((rc = cli_find(cli, "family", argv[optind], &family)) != EXIT_OK)
		return rc;
	pn.name = argv[optind + 1];
	if (person_add(&cli->ot, &family, &pn, &id, &cause) != 0)
		return cli_fail(cli, cause);
	cli_done(cli, "person", "person", &id);
	return EXIT_OK;
}

static int
person_set_run(struct cli *cli, int argc, char **argv)
{
	struct person_change	 c;
	struct id		 id;
	char			*cause = NULL;
	int			 rc;

	memset(&c, 0, sizeof c);
	if (cli_field_options(cli, argc, argv, &field_person_set, &c) != 0)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(cli, "give one person reference");
	if (memcmp(&c, &(struct person_change){ 0 }, sizeof c) == 0)
		return cli_usage(cli, "nothing to change: give an option such "
		    "as --dob, --school or --archive");
	if ((rc = cli_find(cli, "person", argv[optind], &id)) != EXIT_OK)
		return rc;
	if (person_change(&cli->ot, &id, &c, &cause) != 0)
		return cli_fail(cli, cause);
	cli_done(cli, "the change to person", "person", &id);
	return EXIT_OK;
}

/* What people read of a state: refusal and withdrawal must stand out. */
static const char *
consent_state_text(struct cli *cli, const struct consent *c, int found)
{
	if (cli->format != OUT_HUMAN)
		return found ? c->state : NULL;
	if (!found)
		return "NOT RECORDED: ask the family before sharing";
	if (strcmp(c->state, CONSENT_REFUSED) == 0)
		return "REFUSED: share nothing without consent unless a child "
		    "is at risk of significant harm";
	if (strcmp(c->state, CONSENT_WITHDRAWN) == 0)
		return "WITHDRAWN: share nothing without consent unless a "
		    "child is at risk of significant harm";
	return c->state;
}

/* "Given by", "Refused by" or "Withdrawn by" for people; "by" else. */
static const char *
consent_by_label(struct cli *cli, const struct consent *c, int found)
{
	if (cli->format != OUT_HUMAN || !found)
		return "By";
	if (strcmp(c->state, CONSENT_REFUSED) == 0)
		return "Refused by";
	if (strcmp(c->state, CONSENT_WITHDRAWN) == 0)
		return "Withdrawn by";
	return "Given by";
}

/* The consent that stands, as one record. */
static void
consent_show_record(struct cli *cli, const struct consent *c, int found)
{
	struct out	*o = out_record(cli, "consent");
	char		*review = NULL;

	if (found && c->review != NULL && cli->format == OUT_HUMAN &&
	    consent_review_due(c, cli->ot.now))
		xasprintf(&review, "%s (review due)", cli_date(cli, c->review));
	else if (found && c->review != NULL)
		review = xstrdup(cli_date(cli, c->review));
	out_field(o, "Consent to share", consent_state_text(cli, c, found));
	out_field(o, consent_by_label(cli, c, found), c->given_by);
	out_field(o, "Scope", c->scope);
	out_field(o, "Date", found ? cli_date(cli, c->date) : NULL);
	out_field(o, "Review", review);
	out_field(o, "Recorded by", c->recorded_by_name);
	out_field(o, "Recorded", found ? cli_time(cli, c->created) : NULL);
	out_end(o);
	free(review);
}

int
cli_consent_section(struct cli *cli, const struct family_view *view)
{
	struct consent	 c;
	char		*cause = NULL;
	int		 found;

	if (consent_current(&cli->ot, view, &c, &found, &cause) != 0)
		return cli_fail(cli, cause);
	consent_show_record(cli, &c, found);
	consent_clear(&c);
	return EXIT_OK;
}

static const char *const consent_columns[] = {
	"date", "state", "by", "scope", "review", "recorded_by",
};
#define NCONSENT_COLUMNS (sizeof consent_columns / sizeof consent_columns[0])

static int
consent_row(const struct consent *c, void *arg)
{
	struct out	*o = arg;
	struct cli	*cli = out_cli(o);
	const char	*v[NCONSENT_COLUMNS];

	v[0] = cli_date(cli, c->date);
	v[1] = c->state;
	v[2] = c->given_by;
	v[3] = c->scope;
	v[4] = c->review != NULL ? cli_date(cli, c->review) : NULL;
	v[5] = c->recorded_by_name;
	out_row(o, v);
	return 0;
}

static int
consent_show_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	struct family_view	*view;
	struct out		*o;
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
	if ((rc = cli_find(cli, "family", argv[optind], &id)) != EXIT_OK ||
	    (rc = cli_audit_view(cli, &id, reason, &view)) != EXIT_OK)
		return rc;
	out_begin(cli);
	if ((rc = cli_consent_section(cli, view)) == EXIT_OK) {
		o = out_table(cli, "consent history", consent_columns,
		    NCONSENT_COLUMNS);
		if (consent_list(&cli->ot, view, consent_row, o, &cause) != 0)
			rc = cli_fail(cli, cause);
		out_end(o);
	}
	out_finish(cli);
	family_view_close(view);
	return rc;
}

static int
consent_record_run(struct cli *cli, int argc, char **argv)
{
	struct consent_new	 cn;
	struct id		 family;
	const char		*state;
	char			*cause = NULL, *what;
	int			 rc;

	memset(&cn, 0, sizeof cn);
	if (cli_field_options(cli, argc, argv, &field_consent_record,
	    &cn) != 0)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(cli, "give one family reference");
	if ((rc = cli_field_needed(cli, &field_consent_record, &cn)) !=
	    EXIT_OK)
		return rc;
	if ((rc = cli_find(cli, "family", argv[optind], &family)) != EXIT_OK)
		return rc;
	if (consent_record(&cli->ot, &family, &cn, NULL, &cause) != 0 ||
	    consent_now(&cli->ot, &family, &state, &cause) != 0)
		return cli_fail(cli, cause);
	xasprintf(&what, "consent %s for family", state != NULL ? state : "");
	cli_done(cli, what, "family", &family);
	free(what);
	return EXIT_OK;
}

const struct cli_cmd cli_person_cmds[] = {
	{ "person", "list", "FAMILY [--all] [--reason TEXT]",
	    "List the people of a family, children first",
	    "  --all            also those who have left the household "
	    "(archived)\n" REASON_HELP,
	    CLI_WRITE | CLI_NOSTAFF | CLI_NAMED, person_list_run },
	{ "person", "add", "FAMILY NAME [options]",
	    "Add a person to a family", NULL,
	    CLI_WRITE, person_add_run },
	{ "person", "set", "REF [options]",
	    "Change a person: details, markers, left the household",
	    "\nGive \"\" to clear --dob, --relationship, --school or --gp.\n",
	    CLI_WRITE, person_set_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};

const struct cli_cmd cli_consent_cmds[] = {
	{ "consent", "show", "FAMILY [--reason TEXT]",
	    "Show a family's consent to share and its history", REASON_HELP,
	    CLI_WRITE | CLI_NOSTAFF | CLI_NAMED,
	    consent_show_run },
	{ "consent", "record", "FAMILY --state STATE --by NAME [options]",
	    "Record a family's decision about consent to share",
	    "\nA decision is never changed: record a new one.\n",
	    CLI_WRITE, consent_record_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};
