/*
 * cli-huddle.c: the morning huddle from the command line: running a
 * recorded huddle (start, present, decide, undo, end), parks ended, and
 * its minutes. The agenda is cli-huddle-agenda.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-huddle.h"
#include "oneteam/date.h"
#include "oneteam/field.h"
#include "oneteam/huddle.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

enum {
	HO_LOCALITY = 1, HO_MARKDOWN, HO_PRESENT
};

/* --- a recorded huddle ---------------------------------------------------- */

/*
 * The minutes of h (huddle_minutes()), for people or Markdown; for the
 * team (shared 0), or to be sent.
 */
static void
cli_huddle_minutes(struct cli *cli, const struct huddle *h, int md,
    int shared)
{
	char	*text, *end;

	text = huddle_minutes(h, (md ? HUDDLE_MINUTES_MARKDOWN : 0) |
	    (shared ? HUDDLE_MINUTES_SHARED : 0) |
	    (cli->format != OUT_HUMAN ? HUDDLE_MINUTES_ISO : 0));
	if ((end = strrchr(text, '\n')) != NULL)
		*end = '\0';		/* out_line() ends the last line */
	out_line("%s", text);
	free(text);
}

/* Add line to the lines of *all, a newline between. */
static void
huddle_line(char **all, const char *line)
{
	char	*t;

	t = *all == NULL ? xstrdup(line) : xprintf("%s\n%s", *all, line);
	free(*all);
	*all = t;
}

#define DECIDED_NCOLS	7

/*
 * For scripts: a row a reason of an item, the item's decisions on each,
 * a line a decision in each of their columns: in words as minuted, and
 * as facts (the decision's code, the record it wrote, when; whether it
 * was undone, by whom and why).
 */
static void
huddle_rows(struct cli *cli, const struct huddle *h)
{
	const char	*cols[6 + DECIDED_NCOLS + REASON_NCOLS] = { "huddle",
			    "item", "family", "household", "item_group",
			    "not_reached_on", "decisions", "decision_kinds",
			    "decision_records", "decided_at", "decision_undone",
			    "undone_by", "undone_why" };
	const char	*v[6 + DECIDED_NCOLS + REASON_NCOLS];
	struct out	*o;
	size_t		 i, k;
	char		 n[24], late[24], level[24], count[24];
	char		*all[DECIDED_NCOLS];

	memcpy(cols + 6 + DECIDED_NCOLS, cli_huddle_reason_cols,
	    sizeof cli_huddle_reason_cols);
	o = out_table(cli, "huddle", cols, 6 + DECIDED_NCOLS + REASON_NCOLS);
	for (i = 0; i < h->nitems; i++) {
		const struct huddle_entry *e = &h->items[i];

		memset(all, 0, sizeof all);
		for (k = 0; k < e->ndecisions; k++) {
			const struct huddle_decided *d = &e->decisions[k];

			huddle_line(&all[0], d->note);
			huddle_line(&all[1], huddle_decision_code(d->kind));
			huddle_line(&all[2], d->ref);
			huddle_line(&all[3], cli_time(cli, d->at));
			huddle_line(&all[4], d->undone ? "yes" : "no");
			huddle_line(&all[5], d->undone ? d->undo_by : "");
			huddle_line(&all[6], d->undo_note != NULL ?
			    d->undo_note : "");
		}
		snprintf(n, sizeof n, "%d", e->position);
		v[0] = h->ref;
		v[1] = n;
		v[2] = e->ref;
		v[3] = e->household;
		v[4] = huddle_group_code(e->group);
		v[5] = e->carried;
		for (k = 0; k < DECIDED_NCOLS; k++)
			v[6 + k] = all[k];
		/* An item with no reason to tell still has its row. */
		for (k = 0; k < e->nreasons || k == 0; k++) {
			if (k < e->nreasons)
				cli_huddle_reason_values(cli, &e->reasons[k],
				    v + 6 + DECIDED_NCOLS, late, level, count);
			else
				memset(v + 6 + DECIDED_NCOLS, 0,
				    REASON_NCOLS * sizeof *v);
			out_row(o, v);
		}
		for (k = 0; k < DECIDED_NCOLS; k++)
			free(all[k]);
	}
	out_end(o);
}

static void
huddle_print(struct cli *cli, const struct huddle *h)
{
	if (cli->format == OUT_HUMAN)
		cli_huddle_minutes(cli, h, 0, 0);
	else
		huddle_rows(cli, h);
}

/* Options every running-huddle command takes: --locality. */
static int
huddle_opts(struct cli *cli, int argc, char **argv, const char **locality)
{
	static const struct option opts[] = {
		{ "locality", required_argument, NULL, HO_LOCALITY },
		{ NULL, 0, NULL, 0 }
	};
	int	opt;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt != HO_LOCALITY)
			return EXIT_USAGE;
		*locality = optarg;
	}
	return EXIT_OK;
}

static int
huddle_start_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "locality", required_argument, NULL, HO_LOCALITY },
		{ "present", required_argument, NULL, HO_PRESENT },
		{ NULL, 0, NULL, 0 }
	};
	struct huddle	 h;
	const char	*locality = NULL, *present = NULL;
	char		*cause = NULL;
	int		 opt, rc;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt == HO_LOCALITY)
			locality = optarg;
		else if (opt == HO_PRESENT)
			present = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind != argc)
		return cli_usage(cli, "unexpected \"%s\"", argv[optind]);
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (huddle_start(&cli->ot, locality, present, &h, &cause) != 0)
		return cli_fail(cli, cause);
	huddle_print(cli, &h);
	huddle_clear(&h);
	return EXIT_OK;
}

static int
huddle_show_run(struct cli *cli, int argc, char **argv)
{
	struct huddle	 h;
	struct id	 id;
	const char	*locality = NULL;
	char		*cause = NULL;
	int		 rc;

	if ((rc = huddle_opts(cli, argc, argv, &locality)) != EXIT_OK)
		return rc;
	if (optind + 1 < argc)
		return cli_usage(cli, "give at most one huddle reference");
	if (optind < argc) {
		if ((rc = cli_find(cli, "huddle", argv[optind], &id)) !=
		    EXIT_OK)
			return rc;
		rc = huddle_get(&cli->ot, &id, &h, &cause);
	} else {
		if ((rc = cli_start(cli)) != EXIT_OK)
			return rc;
		rc = huddle_find(&cli->ot, locality, NULL, &h, &cause);
	}
	if (rc != 0)
		return cli_fail(cli, cause);
	if (huddle_looked(&cli->ot, &h, "the items", &cause) != 0) {
		huddle_clear(&h);
		return cli_fail(cli, cause);
	}
	huddle_print(cli, &h);
	huddle_clear(&h);
	return EXIT_OK;
}

static int
huddle_present_run(struct cli *cli, int argc, char **argv)
{
	/* --locality only finds the huddle: no field of who attends. */
	static const struct option opts[] = {
		{ "locality", required_argument, NULL, HO_LOCALITY },
		{ NULL, 0, NULL, 0 }
	};
	struct huddle_attending	 at;
	struct huddle		 h;
	const char		*locality = NULL;
	char			*cause = NULL, *names = NULL, *t;
	int			 opt, rc, i;

	memset(&at, 0, sizeof at);
	while ((opt = cli_field_getopt(cli, argc, argv, &field_huddle_attend,
	    &at, opts)) != -1) {
		if (opt != HO_LOCALITY)
			return EXIT_USAGE;
		locality = optarg;
	}
	if (optind == argc && at.apologies == NULL && at.guests == NULL)
		return cli_usage(cli, "say who is present (or --apologies, "
		    "--guests)");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	for (i = optind; i < argc; i++) {
		t = names == NULL ? xstrdup(argv[i]) : xprintf("%s, %s", names,
		    argv[i]);
		free(names);
		names = t;
	}
	at.present = names;
	if (huddle_find(&cli->ot, locality, NULL, &h, &cause) != 0 ||
	    huddle_attend(&cli->ot, &h, &at, &cause) != 0) {
		free(names);
		huddle_clear(&h);
		return cli_fail(cli, cause);
	}
	free(names);
	huddle_clear(&h);
	if (huddle_find(&cli->ot, locality, NULL, &h, &cause) != 0)
		return cli_fail(cli, cause);
	t = xprintf("Present at %s: %s.", h.ref, h.present != NULL ?
	    h.present : "nobody");
	if (h.guests != NULL) {
		names = xprintf("%s Guests: %s.", t, h.guests);
		free(t);
		t = names;
	}
	if (h.apologies != NULL) {
		names = xprintf("%s Apologies: %s.", t, h.apologies);
		free(t);
		t = names;
	}
	out_say(cli, "%s", t);
	free(t);
	if (cli->format != OUT_HUMAN)
		printf("%s\n", h.ref);
	huddle_clear(&h);
	return EXIT_OK;
}

/* The field of the value after each decision, by the kind; -1: none. */
static const int decide_value_field[HUDDLE_NDECISIONS] = {
	[HUDDLE_NO_CHANGE] = -1,
	[HUDDLE_LEAD] = FD_LEAD,
	[HUDDLE_ACK] = FD_FLAG,
	[HUDDLE_ACTION] = FD_WHAT,
	[HUDDLE_CHASE] = FD_REFERRAL,
	[HUDDLE_LEVEL] = FD_LEVEL,
	[HUDDLE_REVIEW] = FD_REVIEW,
	[HUDDLE_SEEK_CONSENT] = FD_OWNER,
	[HUDDLE_TAF] = FD_OWNER,
	[HUDDLE_FRONT_DOOR] = FD_WHY,
	[HUDDLE_CLOSE] = FD_END,
	[HUDDLE_PARK] = -1,
};

/* What the value after the decision is, by the kind: an exit code. */
static int
decide_value(struct cli *cli, struct huddle_choice *c, const char *value)
{
	const struct field_def	*fd;
	char			 option[64];
	int			 i = decide_value_field[c->kind];

	if (i < 0) {
		if (value != NULL)
			return cli_usage(cli, "%s: unexpected \"%s\" (say it "
			    "with --note)", c->kind == HUDDLE_PARK ? "park" :
			    "no-change", value);
		return EXIT_OK;
	}
	fd = &field_huddle_decide.fields[i];
	field_option(fd->name, option, sizeof option);
	/* The value wins over --owner of a lead, as it always has; what
	 * is to be done is said once. */
	if (value != NULL && (i == FD_WHAT || i == FD_WHY ||
	    i == FD_REVIEW || i == FD_END || (i == FD_OWNER &&
	    c->kind != HUDDLE_LEAD)) && field_get(fd, c) != NULL)
		return cli_usage(cli, "%s: say %s once, as the argument or %s",
		    huddle_decision_code(c->kind), fd->label, option);
	if (value != NULL)
		field_set(fd, c, value);
	if (c->kind == HUDDLE_LEAD && field_get(fd, c) == NULL)
		return cli_usage(cli, "lead: say who is to be the lead "
		    "professional");
	return EXIT_OK;
}

/* The number of an item, as typed: an exit code. */
static int
huddle_item_arg(struct cli *cli, const char *num, long *item)
{
	char	*end;

	*item = strtol(num, &end, 10);
	if (*num == '\0' || *end != '\0' || *item < 1 || *item > 1000000)
		return cli_usage(cli, "item: \"%s\" is not the number of an "
		    "item", num);
	return EXIT_OK;
}

/* The decisions as typed: "no-change, lead, ...". */
static void
decide_codes(char *buf, size_t len)
{
	size_t	i, n = 0;
	char	*p;

	*buf = '\0';
	for (i = 0; i < HUDDLE_NDECISIONS && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", i > 0 ? ", " :
		    "", huddle_decision_code((enum huddle_decision)i));
	for (p = buf; *p != '\0'; p++)
		if (*p == '_')
			*p = '-';
}

static int
huddle_unpark_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	struct id	 id;
	char		*cause = NULL;
	int		 rc;

	if (cli_getopt(cli, argc, argv, opts) != -1)
		return EXIT_USAGE;
	if (argc - optind != 1)
		return cli_usage(cli, "give one family reference");
	if ((rc = cli_find(cli, "family", argv[optind], &id)) != EXIT_OK)
		return rc;
	if (huddle_unpark(&cli->ot, &id, &cause) != 0)
		return cli_fail(cli, cause);
	out_say(cli, "%s is back on the huddle's agenda.", argv[optind]);
	return EXIT_OK;
}

static int
huddle_decide_run(struct cli *cli, int argc, char **argv)
{
	/* --locality only finds the huddle: no field of the decision. */
	static const struct option opts[] = {
		{ "locality", required_argument, NULL, HO_LOCALITY },
		{ NULL, 0, NULL, 0 }
	};
	struct huddle_choice	 c;
	struct huddle		 h;
	struct huddle_decided	 d;
	const char		*locality = NULL, *value = NULL;
	char			*cause = NULL, codes[200];
	long			 item;
	int			 opt, rc;

	memset(&c, 0, sizeof c);
	while ((opt = cli_field_getopt(cli, argc, argv, &field_huddle_decide,
	    &c, opts)) != -1) {
		if (opt != HO_LOCALITY)
			return EXIT_USAGE;
		locality = optarg;
	}
	decide_codes(codes, sizeof codes);
	if (argc - optind < 2)
		return cli_usage(cli, "give the item's number and the decision "
		    "(%s)", codes);
	if (argc - optind > 3)
		return cli_usage(cli, "unexpected \"%s\"", argv[optind + 3]);
	if ((rc = huddle_item_arg(cli, argv[optind], &item)) != EXIT_OK)
		return rc;
	if (huddle_decision_parse(argv[optind + 1], &c.kind) != 0)
		return cli_usage(cli, "decision: \"%s\" is not one of %s",
		    argv[optind + 1], codes);
	if (argc - optind == 3)
		value = argv[optind + 2];
	if ((rc = decide_value(cli, &c, value)) != EXIT_OK)
		return rc;
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (huddle_find(&cli->ot, locality, NULL, &h, &cause) != 0)
		return cli_fail(cli, cause);
	if (huddle_decide(&cli->ot, &h, (int)item, &c, &d, &cause) != 0) {
		huddle_clear(&h);
		return cli_fail(cli, cause);
	}
	out_say(cli, "Decided for %d. %s: %s%s%s", (int)item,
	    h.items[item - 1].ref, d.note, *d.ref != '\0' ? " " : "", d.ref);
	if (cli->format != OUT_HUMAN)
		printf("%s\n", *d.ref != '\0' ? d.ref : h.ref);
	huddle_decided_clear(&d);
	huddle_clear(&h);
	return EXIT_OK;
}

static int
huddle_undo_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "locality", required_argument, NULL, HO_LOCALITY },
		{ NULL, 0, NULL, 0 }
	};
	struct huddle_undoing	 u;
	struct huddle		 h;
	struct huddle_decided	 d;
	const char		*locality = NULL;
	char			*cause = NULL;
	long			 item;
	int			 opt, rc;

	memset(&u, 0, sizeof u);
	while ((opt = cli_field_getopt(cli, argc, argv, &field_huddle_undo,
	    &u, opts)) != -1) {
		if (opt != HO_LOCALITY)
			return EXIT_USAGE;
		locality = optarg;
	}
	if (argc - optind != 1)
		return cli_usage(cli, "give the number of one item");
	if ((rc = huddle_item_arg(cli, argv[optind], &item)) != EXIT_OK)
		return rc;
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (huddle_find(&cli->ot, locality, NULL, &h, &cause) != 0)
		return cli_fail(cli, cause);
	if (huddle_undo(&cli->ot, &h, (int)item, &u, &d, &cause) != 0) {
		huddle_clear(&h);
		return cli_fail(cli, cause);
	}
	out_say(cli, "Undone for %d. %s: %s", (int)item, h.items[item - 1].ref,
	    d.note);
	if (cli->format != OUT_HUMAN)
		printf("%s\n", h.ref);
	huddle_decided_clear(&d);
	huddle_clear(&h);
	return EXIT_OK;
}

static int
huddle_end_run(struct cli *cli, int argc, char **argv)
{
	struct huddle	 h;
	const char	*locality = NULL;
	char		*cause = NULL;
	size_t		 i, left = 0;
	int		 rc;

	if ((rc = huddle_opts(cli, argc, argv, &locality)) != EXIT_OK)
		return rc;
	if (optind != argc)
		return cli_usage(cli, "unexpected \"%s\"", argv[optind]);
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (huddle_find(&cli->ot, locality, NULL, &h, &cause) != 0)
		return cli_fail(cli, cause);
	if (huddle_end(&cli->ot, &h, &cause) != 0) {
		huddle_clear(&h);
		return cli_fail(cli, cause);
	}
	for (i = 0; i < h.nitems; i++)
		left += h.items[i].nstanding == 0;
	out_say(cli, "Ended the huddle %s: %zu of %zu items decided%s.",
	    h.ref, h.nitems - left, h.nitems, left != 0 ? "; the others "
	    "roll over to the next huddle" : "");
	if (cli->format != OUT_HUMAN)
		printf("%s\n", h.ref);
	huddle_clear(&h);
	return EXIT_OK;
}

static int
huddle_minutes_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "locality", required_argument, NULL, HO_LOCALITY },
		{ "markdown", no_argument, NULL, HO_MARKDOWN },
		{ NULL, 0, NULL, 0 }
	};
	struct huddle	 h;
	struct date	 d;
	const char	*locality = NULL;
	char		*cause = NULL, day[11];
	int		 opt, rc, md = 0;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt == HO_LOCALITY)
			locality = optarg;
		else if (opt == HO_MARKDOWN)
			md = 1;
		else
			return EXIT_USAGE;
	}
	if (optind + 1 < argc)
		return cli_usage(cli, "give one date");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (optind < argc) {
		if (date_parse(argv[optind], cli->ot.now, &d, &cause) != 0) {
			rc = cli_usage(cli, "%s", cause);
			free(cause);
			return rc;
		}
	} else
		d = date_from_ms(cli->ot.now);
	date_iso(&d, day);
	if (huddle_find(&cli->ot, locality, day, &h, &cause) != 0)
		return cli_fail(cli, cause);
	if (huddle_looked(&cli->ot, &h, "the minutes", &cause) != 0) {
		huddle_clear(&h);
		return cli_fail(cli, cause);
	}
	cli_huddle_minutes(cli, &h, md, 1);
	huddle_clear(&h);
	return EXIT_OK;
}

static int
huddle_list_one(const struct huddle *h, void *arg)
{
	struct out	*o = arg;
	struct cli	*cli = out_cli(o);
	const char	*v[8];
	char		 n[24];

	snprintf(n, sizeof n, "%zu", h->nitems);
	v[0] = h->ref;
	v[1] = cli_date(cli, h->day);
	v[2] = cli_time(cli, h->started);
	v[3] = h->ended != 0 ? cli_time(cli, h->ended) : NULL;
	v[4] = n;
	v[5] = h->present;
	v[6] = h->guests;
	v[7] = h->apologies;
	out_row(o, v);
	return 0;
}

static int
huddle_list_run(struct cli *cli, int argc, char **argv)
{
	const char	*cols[] = { "huddle", "day", "started", "ended",
			    "items", "present", "guests", "apologies" };
	const char	*locality = NULL;
	char		*cause = NULL;
	struct out	*o;
	int		 rc;

	if ((rc = huddle_opts(cli, argc, argv, &locality)) != EXIT_OK)
		return rc;
	if (optind != argc)
		return cli_usage(cli, "unexpected \"%s\"", argv[optind]);
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	o = out_table(cli, "huddles", cols, 8);
	rc = huddle_list(&cli->ot, locality, huddle_list_one, o, &cause);
	return out_end_list(o, rc, cause);
}

const struct cli_cmd cli_huddle_cmds[] = {
	{ "huddle", "start", "[--present NAMES] [--locality NAME]",
	    "Start today's huddle: the agenda is recorded, item by item",
	    "  --present NAMES   who is present, names separated by commas\n"
	    "  --locality NAME   another locality than the one of who is at "
	    "work\n", CLI_WRITE, huddle_start_run },
	{ "huddle", "show", "[HUDDLE] [--locality NAME]",
	    "The running huddle (or the one named): items and decisions", "",
	    CLI_WRITE | CLI_NAMED, huddle_show_run },
	{ "huddle", "present", "[NAME...] [--apologies NAMES] [--guests TEXT] "
	    "[--locality NAME]",
	    "Say who is at the running huddle: present, guests, apologies",
	    "\nNAME... are the members present (names, or commas); each list "
	    "said\nreplaces the one before. A member said present who had "
	    "sent apologies\ncame after all.\n", CLI_WRITE,
	    huddle_present_run },
	{ "huddle", "decide", "ITEM DECISION [VALUE] [--owner NAME] "
	    "[--due DATE] [--what TEXT] [--note TEXT]",
	    "Record what the running huddle decided for an item",
	    "\nThe decisions, and the VALUE after each:\n"
	    "  no-change            discussed, nothing to change (--note)\n"
	    "  lead NAME            NAME becomes the lead professional\n"
	    "  ack [FLAG]           acknowledge the family's red flag\n"
	    "  action WHAT          --owner NAME, --due DATE: an action\n"
	    "  chase [REFERRAL]     an action to chase the waiting referral "
	    "(owner:\n"
	    "                       who raised it, or --owner; due today, or "
	    "--due)\n"
	    "  level N              the level of need; --note gives the "
	    "reason\n"
	    "  review DATE          the family's next review\n"
	    "  consent [NAME]       an action to seek consent to share again "
	    "(owner:\n"
	    "                       NAME or the lead; due in 7 days, or "
	    "--due)\n"
	    "  taf [NAME]           an action to convene a team around the "
	    "family\n"
	    "                       (owner: NAME or the lead; due in 14 days, "
	    "or --due)\n"
	    "  front-door WHY       an urgent referral to the front door "
	    "(MASH): on\n"
	    "                       consent if given, else for safeguarding, "
	    "WHY\n"
	    "  close END            close early help (a coordinator's), END "
	    "an end\n"
	    "                       reason such as outcomes_met\n"
	    "  park                 leave it off the agenda until its facts "
	    "change\n"
	    "                       (consent, no lead, a step proposed; "
	    "--note why)\n",
	    CLI_WRITE, huddle_decide_run },
	{ "huddle", "unpark", "FAMILY",
	    "Bring a family a huddle parked back on the agenda", "",
	    CLI_WRITE, huddle_unpark_run },
	{ "huddle", "undo", "ITEM [--note TEXT] [--locality NAME]",
	    "Undo the last decision of an item of the running huddle",
	    "\nWhat it wrote is put back: a lead, a level or a review as it "
	    "was, an\naction withdrawn, a referral to the front door "
	    "withdrawn while not\nacknowledged. An acknowledged red flag "
	    "stays acknowledged; a close or a\nstep to level 4 is not undone. "
	    "The minutes keep the decision, marked\nundone.\n",
	    CLI_WRITE, huddle_undo_run },
	{ "huddle", "end", "[--locality NAME]",
	    "End the running huddle: what it did not reach rolls over", "",
	    CLI_WRITE, huddle_end_run },
	{ "huddle", "minutes", "[DATE] [--markdown] [--locality NAME]",
	    "The minutes of a day's huddle (default today), to be sent",
	    "  --markdown        written in Markdown, for e-mail\n"
	    "Families that have not given consent to share are left out of "
	    "the\ndetails, and the minutes say so.\n", CLI_WRITE | CLI_NAMED,
	    huddle_minutes_run },
	{ "huddle", "list", "[--locality NAME]",
	    "The huddles of the locality, latest first", "",
	    CLI_READ | CLI_NAMED, huddle_list_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};
