/*
 * cli-huddle.c: the morning huddle from the command line: its agenda,
 * grouped by urgency, each family once with all its reasons.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "oneteam/date.h"
#include "oneteam/huddle.h"
#include "oneteam/xmalloc.h"

enum { HO_SINCE = 1, HO_LOCALITY };

/* For people: a heading a group, a family a paragraph. */
static void
agenda_human(struct cli *cli, const struct huddle_agenda *a)
{
	enum huddle_group	 g = HUDDLE_NGROUPS;
	const struct huddle_item *it;
	size_t			 i, k, n = 0;

	out_say(cli, "Huddle agenda for %s: %zu famil%s; new since %s.",
	    a->locality, a->nitems, a->nitems == 1 ? "y" : "ies",
	    cli_time(cli, a->since));
	for (i = 0; i < a->nitems; i++) {
		it = &a->items[i];
		if (it->group != g) {
			g = it->group;
			out_say(cli, "%s", "");
			out_say(cli, "%s", huddle_group_name(g));
		}
		out_say(cli, "%zu. %s %s (lead: %s)", ++n, it->ref,
		    it->household, it->lead != NULL ? it->lead : "none");
		for (k = 0; k < it->nreasons; k++) {
			out_say(cli, "   - %s", it->reasons[k].text);
			if (it->reasons[k].response != NULL)
				out_say(cli, "     Agreed response: %s",
				    it->reasons[k].response);
		}
	}
	if (a->nitems == 0)
		out_say(cli, "Nothing moved and nothing is slipping.");
}

/* For scripts: a row a reason, the family's number first. */
static void
agenda_rows(struct cli *cli, const struct huddle_agenda *a)
{
	const char	*cols[] = { "item", "group", "family", "household",
			    "lead", "reason", "response", "owner", "record" };
	const char	*v[9];
	struct out	*o = out_table(cli, "agenda", cols, 9);
	size_t		 i, k;
	char		 n[24];

	for (i = 0; i < a->nitems; i++)
		for (k = 0; k < a->items[i].nreasons; k++) {
			const struct huddle_reason *r = &a->items[i].reasons[k];

			snprintf(n, sizeof n, "%zu", i + 1);
			v[0] = n;
			v[1] = huddle_group_code(r->group);
			v[2] = a->items[i].ref;
			v[3] = a->items[i].household;
			v[4] = a->items[i].lead;
			v[5] = r->text;
			v[6] = r->response;
			v[7] = r->owner;
			v[8] = r->ref[0] != '\0' ? r->ref : NULL;
			out_row(o, v);
		}
	out_end(o);
}

static int
huddle_agenda_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, HO_SINCE },
		{ "locality", required_argument, NULL, HO_LOCALITY },
		{ NULL, 0, NULL, 0 }
	};
	struct huddle_agenda	 a;
	const char		*since = NULL, *locality = NULL;
	char			*cause = NULL;
	int64_t			 from = 0;
	int			 opt, rc;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt == HO_SINCE)
			since = optarg;
		else if (opt == HO_LOCALITY)
			locality = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind != argc)
		return cli_usage(cli, "unexpected \"%s\"", argv[optind]);
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (since != NULL && time_parse(since, cli->ot.now, &from,
	    &cause) != 0) {
		rc = cli_usage(cli, "--since: %s", cause);
		free(cause);
		return rc;
	}
	if (huddle_agenda(&cli->ot, locality, from, &a, &cause) != 0)
		return cli_fail(cli, cause);
	if (cli->format == OUT_HUMAN)
		agenda_human(cli, &a);
	else
		agenda_rows(cli, &a);
	huddle_agenda_free(&a);
	return EXIT_OK;
}

const struct cli_cmd cli_huddle_cmds[] = {
	{ "huddle", "agenda", "[--since WHEN] [--locality NAME]",
	    "The morning huddle's agenda: what moved or is slipping, by family",
	    "  --since WHEN      what is new since then (default: three days "
	    "ago)\n"
	    "  --locality NAME   another locality than the one of who is at "
	    "work\n", CLI_READ, huddle_agenda_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};
