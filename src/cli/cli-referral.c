/*
 * cli-referral.c: the referral, flag and action commands over referral.c,
 * flag.c and action.c, and their sections of family show. The rules are
 * the core's; this file reads options and prints.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "oneteam/action.h"
#include "oneteam/field.h"
#include "oneteam/flag.h"
#include "oneteam/referral.h"
#include "oneteam/staff.h"

/* Print a row with empty values as absent (null in json). */
static void
cli_ref_row(struct out *o, const char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i] != NULL && *v[i] == '\0')
			v[i] = NULL;
	out_row(o, v);
}

/*
 * Take whoever is at work, and the family typed as the first argument
 * left if there is one: opening it is a view, recorded, and outside
 * one's work it needs reason. The view in *view (NULL: no family typed),
 * to be closed.
 */
static int
cli_ref_family(struct cli *cli, int argc, char **argv, const char *reason,
    struct family_view **view)
{
	struct id	family;
	int		rc;

	*view = NULL;
	if ((rc = cli_whoami(cli)) != EXIT_OK)
		return rc;
	if (optind >= argc)
		return reason == NULL ? EXIT_OK : cli_usage(cli, "--reason is "
		    "for opening one family: give its reference");
	if ((rc = cli_find(cli, "family", argv[optind], &family)) != EXIT_OK)
		return rc;
	return cli_audit_view(cli, &family, reason, view);
}

/* --- referrals ---------------------------------------------------------- */

static const char *const referral_columns[] = {
	"ref", "family", "household", "child", "service", "urgency",
	"status", "since", "due", "raised_by", "days_waiting",
};
#define NREFERRAL_COLUMNS \
	(sizeof referral_columns / sizeof referral_columns[0])

static int
referral_list_row(const struct referral *r, void *arg)
{
	struct out	*o = arg;
	struct cli	*cli = out_cli(o);
	const char	*v[NREFERRAL_COLUMNS];

	v[0] = r->ref;
	v[1] = r->family_ref;
	v[2] = r->household;
	v[3] = r->person_name;
	v[4] = cli_label(cli, REF_SERVICES, r->service);
	v[5] = r->urgency;
	v[6] = referral_status_name(r->status);
	v[7] = cli_time(cli, r->status_at);
	v[8] = cli_date(cli, r->response_due);
	v[9] = r->raised_by;
	v[10] = r->waiting >= 0 ? cli_int(r->waiting) : "";
	cli_ref_row(o, v, sizeof v / sizeof v[0]);
	return 0;
}

static int
referral_list_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "waiting", no_argument, NULL, 'w' },
		{ "mine", no_argument, NULL, 'm' },
		{ "open", no_argument, NULL, 'o' },
		{ "status", required_argument, NULL, 's' },
		{ "reason", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	struct referral_filter	 rf = { .status = -1 };
	enum referral_status	 s;
	struct family_view	*view;
	struct out		*o;
	const char		*reason = NULL;
	char			*cause = NULL;
	int			 opt, rc;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (opt) {
		case 'w': rf.waiting = 1; break;
		case 'm': rf.mine = 1; break;
		case 'o': rf.open = 1; break;
		case 's':
			if (referral_status_parse(optarg, &s) != 0)
				return cli_usage(cli, "--status \"%s\" is not "
				    "one of draft, sent, acknowledged, "
				    "accepted, declined, completed, withdrawn",
				    optarg);
			rf.status = (int)s;
			break;
		case 'R': reason = optarg; break;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind + 1 < argc)
		return cli_usage(cli, "too many arguments");
	if ((rc = cli_start(cli)) != EXIT_OK ||
	    (rc = cli_ref_family(cli, argc, argv, reason, &view)))
		return rc;
	rf.view = view;
	o = out_table(cli, "referrals", referral_columns, NREFERRAL_COLUMNS);
	rc = referral_list(&cli->ot, &rf, referral_list_row, o, &cause);
	family_view_close(view);
	return out_end_list(o, rc, cause);
}

static const char *const referral_section_columns[] = {
	"ref", "service", "child", "urgency", "status", "since", "due",
	"days_waiting",
};
#define NREFERRAL_SECTION_COLUMNS \
	(sizeof referral_section_columns / sizeof referral_section_columns[0])

static int
referral_section_row(const struct referral *r, void *arg)
{
	struct out	*o = arg;
	struct cli	*cli = out_cli(o);
	const char	*v[NREFERRAL_SECTION_COLUMNS];

	v[0] = r->ref;
	v[1] = cli_label(cli, REF_SERVICES, r->service);
	v[2] = r->person_name;
	v[3] = r->urgency;
	v[4] = referral_status_name(r->status);
	v[5] = cli_time(cli, r->status_at);
	v[6] = cli_date(cli, r->response_due);
	v[7] = r->waiting >= 0 ? cli_int(r->waiting) : "";
	cli_ref_row(o, v, sizeof v / sizeof v[0]);
	return 0;
}

int
cli_referral_section(struct cli *cli, const struct family_view *view)
{
	struct referral_filter	 rf = { .view = view, .status = -1 };
	struct out		*o;
	char			*cause = NULL;
	int			 rc;

	o = out_table(cli, "referrals", referral_section_columns,
	    NREFERRAL_SECTION_COLUMNS);
	rc = referral_list(&cli->ot, &rf, referral_section_row, o, &cause);
	return out_end_list(o, rc, cause);
}

/* The referral's own fields, as one record. */
static void
referral_show_record(struct cli *cli, const struct referral *r)
{
	struct out	*o = out_record(cli, "referral");
	char		*needs;

	needs = cli_labels(cli, REF_NEEDS, r->needs);
	out_field(o, "Reference", r->ref);
	out_field(o, "Family", r->family_ref);
	out_field(o, "Household", r->household);
	out_field(o, "Child", *r->person_name != '\0' ? r->person_name :
	    NULL);
	out_field(o, "Service", cli_label(cli, REF_SERVICES,
	    r->service));
	out_field(o, "Reason", r->reason);
	out_field(o, "Needs", needs);
	out_field(o, "Urgency", r->urgency);
	out_field(o, "Consent basis", r->basis);
	out_field(o, "Basis reason", r->basis_reason);
	out_field(o, "Status", referral_status_name(r->status));
	out_field(o, "Since", cli_time(cli, r->status_at));
	out_field(o, "Response due", cli_date(cli, r->response_due));
	out_field(o, "Days waiting", r->waiting >= 0 ? cli_int(r->waiting) :
	    NULL);
	out_field(o, "Outcome", r->outcome);
	out_field(o, "Raised by", r->raised_by);
	out_field(o, "Raised", cli_time(cli, r->created));
	out_end(o);
	free(needs);
}

static int
referral_history_row(const struct referral_event *e, void *arg)
{
	struct out	*o = arg;
	const char	*v[4];

	v[0] = referral_status_name(e->status);
	v[1] = cli_time(out_cli(o), e->at);
	v[2] = e->by;
	v[3] = e->note;
	cli_ref_row(o, v, sizeof v / sizeof v[0]);
	return 0;
}

static int
referral_show_run(struct cli *cli, int argc, char **argv)
{
	static const char *const columns[] = { "status", "at", "by", "note" };
	static const struct option opts[] = {
		{ "reason", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	struct family_view	*view;
	struct referral		 r;
	struct id		 id, family;
	struct out		*o;
	const char		*reason = NULL;
	char			*cause = NULL;
	int			 opt, rc;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt != 'R')
			return EXIT_USAGE;
		reason = optarg;
	}
	if (optind + 1 != argc)
		return cli_usage(cli, "give one referral reference");
	if ((rc = cli_find(cli, "referral", argv[optind], &id)) != EXIT_OK)
		return rc;
	/* Its family first, looked at on the trail; then the referral. */
	if (oneteam_family_of(&cli->ot, "referral", &id, &family, &cause) != 0)
		return cli_fail(cli, cause);
	if ((rc = cli_audit_view(cli, &family, reason, &view)) != EXIT_OK)
		return rc;
	if (referral_get(&cli->ot, view, &id, &r, &cause) != 0) {
		family_view_close(view);
		return cli_fail(cli, cause);
	}
	out_begin(cli);
	referral_show_record(cli, &r);
	o = out_table(cli, "history", columns, 4);
	rc = referral_history(&cli->ot, view, &id, referral_history_row, o,
	    &cause);
	out_end(o);
	out_finish(cli);
	referral_clear(&r);
	family_view_close(view);
	return rc != 0 ? cli_fail(cli, cause) : EXIT_OK;
}

/* Say what happens next: when the answer is due, or how to send it. */
static void
referral_raised_say(struct cli *cli, const struct referral *r)
{
	if (*r->ref == '\0')
		return;
	if (r->status == REFERRAL_DRAFT)
		out_say(cli, "Kept as a draft: send it with oneteam referral "
		    "update %s --status sent.", r->ref);
	else
		out_say(cli, "Sent to %s; the response is due by %s.",
		    cli_label(cli, REF_SERVICES, r->service),
		    cli_date(cli, r->response_due));
}

static int
referral_raise_run(struct cli *cli, int argc, char **argv)
{
	struct referral_new	 rn;
	struct referral		 r;
	struct id		 family, id;
	char			*cause = NULL;
	int			 rc;

	memset(&rn, 0, sizeof rn);
	if (cli_field_options(cli, argc, argv, &field_referral_raise,
	    &rn) != 0)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(cli, "give one family reference");
	if ((rc = cli_field_needed(cli, &field_referral_raise, &rn)) !=
	    EXIT_OK)
		return rc;
	if ((rc = cli_find(cli, "family", argv[optind], &family)) != EXIT_OK)
		return rc;
	if (referral_raise_get(&cli->ot, &family, &rn, &id, &r, &cause) != 0)
		return cli_fail(cli, cause);
	cli_done(cli, "referral", "referral", &id);
	referral_raised_say(cli, &r);
	referral_clear(&r);
	return EXIT_OK;
}

static int
referral_update_run(struct cli *cli, int argc, char **argv)
{
	struct referral_update	 u;
	struct id		 id;
	char			*cause = NULL;
	int			 rc;

	memset(&u, 0, sizeof u);
	if (cli_field_options(cli, argc, argv, &field_referral_update,
	    &u) != 0)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(cli, "give one referral reference");
	if ((rc = cli_field_needed(cli, &field_referral_update, &u)) !=
	    EXIT_OK)
		return rc;
	if ((rc = cli_find(cli, "referral", argv[optind], &id)) != EXIT_OK)
		return rc;
	if (referral_update(&cli->ot, &id, &u, &cause) != 0)
		return cli_fail(cli, cause);
	cli_done(cli, "the change to referral", "referral", &id);
	return EXIT_OK;
}

/* --- red flags ---------------------------------------------------------- */

static const char *const flag_columns[] = {
	"ref", "family", "household", "person", "flag", "severity", "raised",
	"raised_by", "acknowledged", "acknowledged_by", "resolved",
	"resolved_by",
};
#define NFLAG_COLUMNS (sizeof flag_columns / sizeof flag_columns[0])

static int
flag_list_row(const struct flag *f, void *arg)
{
	struct out	*o = arg;
	struct cli	*cli = out_cli(o);
	const char	*v[NFLAG_COLUMNS];

	v[0] = f->ref;
	v[1] = f->family_ref;
	v[2] = f->household;
	v[3] = f->person_name;
	v[4] = f->label;
	v[5] = f->severity;
	v[6] = cli_time(cli, f->at);
	v[7] = f->raised_by;
	v[8] = cli_time(cli, f->acked);
	v[9] = f->acked != 0 ? f->acked_by : "";
	v[10] = cli_time(cli, f->resolved);
	v[11] = f->resolved != 0 ? f->resolved_by : "";
	cli_ref_row(o, v, sizeof v / sizeof v[0]);
	return 0;
}

static int
flag_list_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "reason", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	struct family_view	*view;
	struct out		*o;
	const char		*reason = NULL;
	char			*cause = NULL;
	int			 opt, all = 0, rc;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt == 'a')
			all = 1;
		else if (opt == 'R')
			reason = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind + 1 < argc)
		return cli_usage(cli, "too many arguments");
	if ((rc = cli_start(cli)) != EXIT_OK ||
	    (rc = cli_ref_family(cli, argc, argv, reason, &view)))
		return rc;
	o = out_table(cli, all ? "red flags" : "active red flags",
	    flag_columns, NFLAG_COLUMNS);
	rc = flag_list(&cli->ot, view, all, flag_list_row, o, &cause);
	family_view_close(view);
	return out_end_list(o, rc, cause);
}

static const char *const flag_section_columns[] = {
	"ref", "person", "flag", "severity", "raised", "raised_by",
	"acknowledged", "acknowledged_by",
};
#define NFLAG_SECTION_COLUMNS \
	(sizeof flag_section_columns / sizeof flag_section_columns[0])

static int
flag_section_row(const struct flag *f, void *arg)
{
	struct out	*o = arg;
	struct cli	*cli = out_cli(o);
	const char	*v[NFLAG_SECTION_COLUMNS];

	v[0] = f->ref;
	v[1] = f->person_name;
	v[2] = f->label;
	v[3] = f->severity;
	v[4] = cli_time(cli, f->at);
	v[5] = f->raised_by;
	v[6] = cli_time(cli, f->acked);
	v[7] = f->acked != 0 ? f->acked_by : "";
	cli_ref_row(o, v, sizeof v / sizeof v[0]);
	return 0;
}

int
cli_flag_section(struct cli *cli, const struct family_view *view)
{
	struct out	*o;
	char		*cause = NULL;
	int		 rc;

	o = out_table(cli, "active red flags", flag_section_columns,
	    NFLAG_SECTION_COLUMNS);
	rc = flag_list(&cli->ot, view, 0, flag_section_row, o, &cause);
	return out_end_list(o, rc, cause);
}

static int
flag_raise_run(struct cli *cli, int argc, char **argv)
{
	struct flag_new	 fn;
	struct id	 family, id;
	const char	*response;
	char		*cause = NULL;
	int		 rc;

	memset(&fn, 0, sizeof fn);
	if (cli_field_options(cli, argc, argv, &field_flag_raise, &fn) != 0)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(cli, "give one family reference");
	if ((rc = cli_field_needed(cli, &field_flag_raise, &fn)) != EXIT_OK)
		return rc;
	if ((rc = cli_find(cli, "family", argv[optind], &family)) != EXIT_OK)
		return rc;
	if (flag_raise(&cli->ot, &family, &fn, &id, &cause) != 0)
		return cli_fail(cli, cause);
	cli_done(cli, "red flag", "flag", &id);
	/* What to do now matters more than the record; anyone may raise
	 * a flag, so it is read from the list, not the family's flag. */
	response = flag_response(&cli->ot, fn.code);
	if (*response != '\0')
		out_say(cli, "Agreed response: %s", response);
	return EXIT_OK;
}

/* flag ack and flag resolve: one reference and the fields of their table. */
static int
flag_step_run(struct cli *cli, int argc, char **argv, int resolve)
{
	const struct field_table	*ft = resolve ? &field_flag_resolve :
					    &field_flag_ack;
	struct flag_step		 fs;
	struct id			 id;
	char				*cause = NULL;
	int				 rc;

	memset(&fs, 0, sizeof fs);
	if (cli_field_options(cli, argc, argv, ft, &fs) != 0)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(cli, "give one red flag reference");
	if ((rc = cli_field_needed(cli, ft, &fs)) != EXIT_OK)
		return rc;
	if ((rc = cli_find(cli, "flag", argv[optind], &id)) != EXIT_OK)
		return rc;
	rc = resolve ? flag_resolve(&cli->ot, &id, fs.note, &cause) :
	    flag_ack(&cli->ot, &id, fs.note, &cause);
	if (rc != 0)
		return cli_fail(cli, cause);
	cli_done(cli, resolve ? "the resolution of red flag" :
	    "the acknowledgement of red flag", "flag", &id);
	return EXIT_OK;
}

static int
flag_ack_run(struct cli *cli, int argc, char **argv)
{
	return flag_step_run(cli, argc, argv, 0);
}

static int
flag_resolve_run(struct cli *cli, int argc, char **argv)
{
	return flag_step_run(cli, argc, argv, 1);
}

/* --- actions ------------------------------------------------------------ */

static const char *
action_state(const struct action *a)
{
	return a->withdrawn ? "withdrawn" : a->done ? "done" : a->overdue ?
	    "overdue" : "open";
}

static const char *const action_columns[] = {
	"ref", "family", "household", "what", "owner", "due", "status",
	"done", "note",
};
#define NACTION_COLUMNS (sizeof action_columns / sizeof action_columns[0])

static int
action_list_row(const struct action *a, void *arg)
{
	struct out	*o = arg;
	struct cli	*cli = out_cli(o);
	const char	*v[NACTION_COLUMNS];

	v[0] = a->ref;
	v[1] = a->family_ref;
	v[2] = a->household;
	v[3] = a->what;
	v[4] = a->owner_name;
	v[5] = cli_date(cli, a->due);
	v[6] = action_state(a);
	v[7] = cli_time(cli, a->done_at);
	v[8] = a->done_note != NULL ? a->done_note : "";
	cli_ref_row(o, v, sizeof v / sizeof v[0]);
	return 0;
}

static int
action_list_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "mine", no_argument, NULL, 'm' },
		{ "owner", required_argument, NULL, 'o' },
		{ "all", no_argument, NULL, 'a' },
		{ "reason", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	struct action_filter	 af = { NULL, NULL, 0 };
	const char		*owner = NULL, *reason = NULL;
	struct family_view	*view;
	struct id		 who;
	struct out		*o;
	char			*cause = NULL;
	int			 opt, mine = 0, rc;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (opt) {
		case 'm': mine = 1; break;
		case 'o': owner = optarg; break;
		case 'a': af.all = 1; break;
		case 'R': reason = optarg; break;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind + 1 < argc)
		return cli_usage(cli, "too many arguments");
	if (mine && owner != NULL)
		return cli_usage(cli, "give --mine or --owner, not both");
	if ((rc = cli_start(cli)) != EXIT_OK ||
	    (rc = cli_ref_family(cli, argc, argv, reason, &view)))
		return rc;
	if (owner != NULL && staff_lookup(&cli->ot, owner, &who, &cause)) {
		family_view_close(view);
		return cli_fail(cli, cause);
	}
	af.view = view;
	af.owner = mine ? &cli->ot.me : owner != NULL ? &who : NULL;
	o = out_table(cli, af.all ? "actions" : "open actions",
	    action_columns, NACTION_COLUMNS);
	rc = action_list(&cli->ot, &af, action_list_row, o, &cause);
	family_view_close(view);
	return out_end_list(o, rc, cause);
}

static int
action_section_row(const struct action *a, void *arg)
{
	struct out	*o = arg;
	const char	*v[5];

	v[0] = a->ref;
	v[1] = a->what;
	v[2] = a->owner_name;
	v[3] = cli_date(out_cli(o), a->due);
	v[4] = action_state(a);
	cli_ref_row(o, v, sizeof v / sizeof v[0]);
	return 0;
}

int
cli_action_section(struct cli *cli, const struct family_view *view)
{
	static const char *const columns[] = {
		"ref", "what", "owner", "due", "status",
	};
	struct action_filter	 af = { view, NULL, 0 };
	struct out		*o;
	char			*cause = NULL;
	int			 rc;

	o = out_table(cli, "open actions", columns, 5);
	rc = action_list(&cli->ot, &af, action_section_row, o, &cause);
	return out_end_list(o, rc, cause);
}

static int
action_add_run(struct cli *cli, int argc, char **argv)
{
	struct action_new	 an;
	const struct id		*which;
	struct id		 family, id;
	char			*cause = NULL;
	int			 rc;

	memset(&an, 0, sizeof an);
	if (cli_field_options(cli, argc, argv, &field_action_add, &an) != 0)
		return EXIT_USAGE;
	if (optind + 1 < argc)
		return cli_usage(cli, "too many arguments");
	if (an.reason != NULL && optind == argc)
		return cli_usage(cli, "--reason is for an action of a family: "
		    "give its reference");
	if ((rc = cli_field_needed(cli, &field_action_add, &an)) != EXIT_OK)
		return rc;
	which = optind < argc ? &family : NULL;
	if ((rc = cli_start(cli)) != EXIT_OK || (which != NULL &&
	    (rc = cli_find(cli, "family", argv[optind], &family)) != EXIT_OK))
		return rc;
	if (action_add(&cli->ot, which, &an, &id, &cause) != 0)
		return cli_fail(cli, cause);
	cli_done(cli, "action", "action", &id);
	return EXIT_OK;
}

static int
action_done_run(struct cli *cli, int argc, char **argv)
{
	struct action_finish	 af;
	struct id		 id;
	char			*cause = NULL;
	int			 rc;

	memset(&af, 0, sizeof af);
	if (cli_field_options(cli, argc, argv, &field_action_done, &af) != 0)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(cli, "give one action reference");
	if ((rc = cli_find(cli, "action", argv[optind], &id)) != EXIT_OK)
		return rc;
	if (action_done(&cli->ot, &id, &af, &cause) != 0)
		return cli_fail(cli, cause);
	cli_done(cli, "the completion of action", "action", &id);
	return EXIT_OK;
}

/* --- the tables ----------------------------------------------------------- */

const struct cli_cmd cli_referral_cmds[] = {
	{ "referral", "raise", "FAMILY --service SERVICE --reason TEXT "
	    "[options]",
	    "Raise a referral to another service and send it (or keep a "
	    "draft)", NULL, CLI_WRITE, referral_raise_run },
	{ "referral", "update", "REF --status STATUS [options]",
	    "Record a change of a referral's status", NULL,
	    CLI_WRITE, referral_update_run },
	{ "referral", "list", "[FAMILY] [--waiting] [--mine] [--open] "
	    "[--status STATUS]",
	    "List referrals, those waiting past their response date first",
	    "  FAMILY           only this family's\n"
	    "  --waiting        only those sent or acknowledged and past "
	    "their due date\n"
	    "  --mine           only those I raised\n"
	    "  --open           only those not declined, completed or "
	    "withdrawn\n"
	    "  --status STATUS  only those of this status\n" REASON_HELP,
	    CLI_WRITE | CLI_NOSTAFF | CLI_NAMED,
	    referral_list_run },
	{ "referral", "show", "REF [--reason TEXT]",
	    "Show a referral and the history of its status", REASON_HELP,
	    CLI_WRITE | CLI_NOSTAFF | CLI_NAMED,
	    referral_show_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};

const struct cli_cmd cli_flag_cmds[] = {
	{ "flag", "raise", "FAMILY --code CODE [--person WHO] [--note TEXT] "
	    "[--at WHEN]",
	    "Raise a red flag and show the response agreed for it", NULL,
	    CLI_WRITE, flag_raise_run },
	{ "flag", "ack", "REF [--note TEXT]",
	    "Acknowledge a red flag: it has been seen and is being acted on",
	    NULL,
	    CLI_WRITE, flag_ack_run },
	{ "flag", "resolve", "REF --note TEXT",
	    "Resolve a red flag, saying what was done", NULL,
	    CLI_WRITE, flag_resolve_run },
	{ "flag", "list", "[FAMILY] [--all] [--reason TEXT]",
	    "List active red flags, high severity first",
	    "  FAMILY           only this family's\n"
	    "  --all            resolved ones too, after the active ones\n"
	    REASON_HELP, CLI_WRITE | CLI_NOSTAFF | CLI_NAMED,
	    flag_list_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};

const struct cli_cmd cli_action_cmds[] = {
	{ "action", "add", "[FAMILY] --what TEXT --owner NAME [--due DATE] "
	    "[--reason TEXT]",
	    "Record an action: who does what by when",
	    "  FAMILY         the family it is for (none for the team's own)\n",
	    CLI_WRITE, action_add_run },
	{ "action", "done", "REF [--note TEXT]",
	    "Mark an action done, saying what was done", NULL,
	    CLI_WRITE, action_done_run },
	{ "action", "list", "[FAMILY] [--mine | --owner NAME] [--all] "
	    "[--reason TEXT]",
	    "List open actions, overdue first",
	    "  FAMILY           only this family's\n"
	    "  --mine           only mine\n"
	    "  --owner NAME     only this member of staff's\n"
	    "  --all            done ones too, after the open ones\n"
	    REASON_HELP, CLI_WRITE | CLI_NOSTAFF | CLI_NAMED,
	    action_list_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};
