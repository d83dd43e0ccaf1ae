/*
 * cli-huddle-agenda.c: the morning huddle's agenda from the command line,
 * grouped by urgency, each family once with all its reasons, and the
 * families a huddle parked; for people or, with their facts, for scripts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-huddle.h"
#include "oneteam/date.h"
#include "oneteam/huddle.h"
#include "oneteam/xmalloc.h"

enum { HO_SINCE = 1, HO_LOCALITY, HO_AT };

/* For people: a heading a group, a family a paragraph. */
static void
agenda_human(struct cli *cli, const struct huddle_agenda *a)
{
	enum huddle_group	 g = HUDDLE_NGROUPS;
	const struct huddle_item *it;
	size_t			 i, k, n = 0;
	char			*words;

	out_say(cli, "Huddle agenda for %s, %s: %zu famil%s; new since %s.",
	    a->locality, cli_time(cli, cli->ot.now), a->nitems,
	    a->nitems == 1 ? "y" : "ies", cli_time(cli, a->since));
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
			words = huddle_reason_words(&it->reasons[k], 0);
			out_say(cli, "   - %s", words);
			free(words);
			if (it->reasons[k].response != NULL)
				out_say(cli, "     Agreed response: %s",
				    it->reasons[k].response);
		}
	}
	if (a->nitems == 0)
		out_say(cli, "Nothing moved and nothing is slipping.");
	if (a->nparked != 0) {
		out_say(cli, "%s", "");
		out_say(cli, "Parked: %zu famil%s left off until something "
		    "about them changes (oneteam huddle unpark FAMILY brings "
		    "one back):", a->nparked, a->nparked == 1 ? "y" : "ies");
		for (i = 0; i < a->nparked; i++)
			out_say(cli, "- %s %s", a->parked[i].ref,
			    a->parked[i].household);
	}
}

/*
 * A reason's facts for scripts, after the item's columns: codes, ISO
 * times and dates, numbers where the kind has them, NULL where not.
 */
const char *const cli_huddle_reason_cols[REASON_NCOLS] = {
	"group", "reason", "record", "code", "state", "at", "day", "due",
	"days_late", "who", "owner", "severity", "level", "count", "detail",
	"response", "carried"
};

void
cli_huddle_reason_values(struct cli *cli, const struct huddle_reason *r,
    const char **v, char late[24], char level[24], char count[24])
{
	enum huddle_reason_kind	k = r->kind;

	snprintf(late, 24, "%d", r->late);
	snprintf(level, 24, "%lld", (long long)r->level);
	snprintf(count, 24, "%lld", (long long)r->count);
	v[0] = huddle_group_code(r->group);
	v[1] = huddle_reason_code(k);
	v[2] = *r->ref != '\0' ? r->ref : NULL;
	v[3] = r->code;
	v[4] = r->state;
	v[5] = r->at != 0 ? cli_time(cli, r->at) : NULL;
	v[6] = *r->day != '\0' ? r->day : NULL;
	v[7] = *r->due != '\0' ? r->due : NULL;
	v[8] = *r->due != '\0' && k != HUDDLE_R_CONSENT ? late : NULL;
	v[9] = r->who;
	v[10] = r->owner;
	v[11] = r->severity;
	v[12] = k == HUDDLE_R_STEP || k == HUDDLE_R_NO_LEAD ? level : NULL;
	v[13] = k == HUDDLE_R_NO_LEAD || k == HUDDLE_R_CONFLICT ? count : NULL;
	v[14] = r->detail;
	v[15] = r->response;
	v[16] = r->carried ? "yes" : "no";
}

/* For scripts: a row a reason, the family's number first; then the
 * families parked. */
static void
agenda_rows(struct cli *cli, const struct huddle_agenda *a)
{
	const char	*cols[5 + REASON_NCOLS] = { "item", "family",
			    "household", "lead", "item_group" };
	const char	*v[5 + REASON_NCOLS];
	struct out	*o;
	size_t		 i, k;
	char		 n[24], late[24], level[24], count[24];

	memcpy(cols + 5, cli_huddle_reason_cols, sizeof cli_huddle_reason_cols);
	o = out_table(cli, "agenda", cols, 5 + REASON_NCOLS);
	for (i = 0; i < a->nitems; i++)
		for (k = 0; k < a->items[i].nreasons; k++) {
			snprintf(n, sizeof n, "%zu", i + 1);
			v[0] = n;
			v[1] = a->items[i].ref;
			v[2] = a->items[i].household;
			v[3] = a->items[i].lead;
			v[4] = huddle_group_code(a->items[i].group);
			cli_huddle_reason_values(cli, &a->items[i].reasons[k],
			    v + 5, late, level, count);
			out_row(o, v);
		}
	/* The families parked, after: a row each, its group and reason
	 * "parked", no item number, no facts. */
	for (i = 0; i < a->nparked; i++) {
		memset(v, 0, sizeof v);
		v[1] = a->parked[i].ref;
		v[2] = a->parked[i].household;
		v[3] = a->parked[i].lead;
		v[4] = v[5] = v[6] = "parked";
		v[5 + REASON_NCOLS - 1] = "no";
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
		{ "at", required_argument, NULL, HO_AT },
		{ NULL, 0, NULL, 0 }
	};
	struct huddle_agenda	 a;
	const char		*since = NULL, *locality = NULL, *at = NULL;
	char			*cause = NULL;
	int64_t			 from = 0;
	int			 opt, rc;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt == HO_SINCE)
			since = optarg;
		else if (opt == HO_LOCALITY)
			locality = optarg;
		else if (opt == HO_AT)
			at = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind != argc)
		return cli_usage(cli, "unexpected \"%s\"", argv[optind]);
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	/* Looking back: the agenda as at another moment. */
	if (at != NULL && time_parse(at, cli->ot.now, &cli->ot.now,
	    &cause) != 0) {
		rc = cli_usage(cli, "--at: %s", cause);
		free(cause);
		return rc;
	}
	if (since != NULL && time_parse(since, cli->ot.now, &from,
	    &cause) != 0) {
		rc = cli_usage(cli, "--since: %s", cause);
		free(cause);
		return rc;
	}
	if (huddle_agenda(&cli->ot, locality, from, &a, &cause) != 0)
		return cli_fail(cli, cause);
	if (huddle_agenda_looked(&cli->ot, &a, &cause) != 0) {
		huddle_agenda_free(&a);
		return cli_fail(cli, cause);
	}
	if (cli->format == OUT_HUMAN)
		agenda_human(cli, &a);
	else
		agenda_rows(cli, &a);
	huddle_agenda_free(&a);
	return EXIT_OK;
}

const struct cli_cmd cli_huddle_agenda_cmds[] = {
	{ "huddle", "agenda", "[--since WHEN] [--at WHEN] [--locality NAME]",
	    "The morning huddle's agenda: what moved or is slipping, by family",
	    "  --since WHEN      what is new since then (default: since the "
	    "last huddle\n"
	    "                    began, or three days)\n"
	    "  --at WHEN         the agenda as at another moment, to look "
	    "back (leads,\n"
	    "                    levels and consent as they are now)\n"
	    "  --locality NAME   another locality than the one of who is at "
	    "work\n",
	    /* It writes the families' looks on the audit trail. */
	    CLI_WRITE | CLI_NAMED, huddle_agenda_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};
