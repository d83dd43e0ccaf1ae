/*
 * cli-report.c: commands that read across records: search, chronology
 * (a view of the family, on the audit trail), and check (the store's
 * integrity).
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cli.h"
#include "oneteam/access.h"
#include "oneteam/authority.h"
#include "oneteam/chronology.h"
#include "oneteam/consent.h"
#include "oneteam/family.h"
#include "oneteam/search.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

/* The table of a search, and what stopped it, if anything did. */
struct search_out {
	struct out	*o;
	char		*cause;
};

static int
search_row(const struct search_hit *hit, void *arg)
{
	struct search_out	*so = arg;
	char			 ref[ID_REF_MAX];
	const char		*v[8], *state = NULL;

	/* Its consent, of a family one sees: nothing more of another. */
	if (!hit->outside && consent_now(&out_cli(so->o)->ot, &hit->family,
	    &state, &so->cause) != 0)
		return 1;
	oneteam_ref("family", &hit->family, ref);
	v[0] = ref;
	v[1] = hit->household;
	v[2] = hit->postcode;
	v[3] = hit->locality;
	v[4] = hit->where;
	v[5] = hit->snippet;
	/* Found, but to open it is to say why (access.h). */
	v[6] = hit->outside ? "outside your work" : NULL;
	v[7] = hit->outside ? NULL : state != NULL ? state : "none";
	out_row(so->o, v);
	return 0;
}

static int
search_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const cols[] = { "ref", "household", "postcode",
	    "locality", "found_in", "match", "access", "consent" };
	struct search_out so;
	char		*cause = NULL, *text, *end;
	long		 limit = 50;
	int		 opt, rc, i;
	size_t		 len = 0;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt != 'n')
			return EXIT_USAGE;
		limit = strtol(optarg, &end, 10);
		if (*end != '\0' || limit < 1 || limit > 10000)
			return cli_usage(cli, "--limit \"%s\" is not a number "
			    "from 1 to 10000", optarg);
	}
	if (optind >= argc)
		return cli_usage(cli, "give something to search for");
	for (i = optind; i < argc; i++)
		len += strlen(argv[i]) + 1;
	text = xcalloc(1, len + 1);
	for (i = optind; i < argc; i++) {
		strcat(text, argv[i]);
		strcat(text, " ");
	}
	if ((rc = cli_start(cli)) != EXIT_OK) {
		free(text);
		return rc;
	}
	so.o = out_table(cli, "families", cols, 8);
	so.cause = NULL;
	rc = access_search(&cli->ot, text, (size_t)limit, search_row, &so,
	    &cause);
	free(text);
	if (rc >= 0 && so.cause != NULL) {
		rc = -1;
		cause = so.cause;
	}
	return out_end_list(so.o, rc < 0 ? -1 : 0, cause);
}

static int
chronology_row(const struct chron_event *ev, void *arg)
{
	struct out	*o = arg;
	const char	*v[5];
	char		*who;

	if (*ev->agency != '\0' && out_cli(o)->format == OUT_HUMAN)
		who = xprintf("%s (%s)", ev->who, ev->agency);
	else
		who = xstrdup(ev->who);
	v[0] = cli_time(out_cli(o), ev->at);
	v[1] = ev->text;
	v[2] = who;
	v[3] = ev->ref;
	v[4] = ev->what;
	out_row(o, v);
	free(who);
	return 0;
}

/* The classes of --kind: codes or names separated by commas. */
static int
chronology_kinds(struct cli *cli, const char *list, unsigned *classes)
{
	enum chron_class	 c;
	char			*all, *p, *k, *codes = NULL, *t;
	int			 rc = EXIT_OK;
	size_t			 i;

	all = p = xstrdup(list);
	while (rc == EXIT_OK && (k = strsep(&p, ",")) != NULL) {
		k = text_trim(k);
		if (*k != '\0' && chron_class_parse(k, &c) == 0)
			*classes |= 1u << c;
		else if (*k != '\0') {
			for (i = 0; i < CHRON_NCLASSES; i++) {
				t = xprintf("%s%s%s", codes != NULL ? codes :
				    "", codes != NULL ? ", " : "",
				    chron_class_code((enum chron_class)i));
				free(codes);
				codes = t;
			}
			rc = cli_usage(cli, "kind: \"%s\" is not one of %s", k,
			    codes);
		}
		free(k);
	}
	if (rc == EXIT_OK && *classes == 0)
		rc = cli_usage(cli, "kind: name at least one kind of event");
	free(codes);
	free(all);
	return rc;
}

static int
chronology_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "newest-first", no_argument, NULL, 'r' },
		{ "reason", required_argument, NULL, 'R' },
		{ "kind", required_argument, NULL, 'k' },
		{ "agency", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const cols[] = { "when", "what", "recorded_by",
	    "ref", "kind" };
	struct chron_filter	 cf;
	struct family_view	*view;
	struct family		 f;
	struct out		*o;
	struct id		 id;
	const char		*reason = NULL;
	char			*cause = NULL, *title;
	int			 opt, rc, reverse = 0;

	memset(&cf, 0, sizeof cf);
	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt == 'r')
			reverse = 1;
		else if (opt == 'R')
			reason = optarg;
		else if (opt == 'k') {
			if ((rc = chronology_kinds(cli, optarg,
			    &cf.classes)) != EXIT_OK)
				return rc;
		} else if (opt == 'a')
			cf.agency = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind + 1 != argc)
		return cli_usage(cli, "give one family reference");
	if ((rc = cli_find(cli, "family", argv[optind], &id)) != EXIT_OK)
		return rc;
	/* A filter refused is refused before the look is recorded. */
	if (chronology_filter_check(&cli->ot, &cf, &cause) != 0)
		return cli_fail(cli, cause);
	if ((rc = cli_audit_view(cli, &id, reason, &view)) != EXIT_OK)
		return rc;
	if (family_get(&cli->ot, view, &f, &cause) != 0) {
		family_view_close(view);
		return cli_fail(cli, cause);
	}
	title = xprintf("Chronology of %s, %s", f.ref, f.household);
	family_clear(&f);
	out_say(cli, "%s", title);
	free(title);
	/* Printed and passed on, it must not pass for the whole record. */
	if ((title = chronology_filter_words(&cli->ot, &cf)) != NULL) {
		out_say(cli, "Showing only %s.", title);
		free(title);
	}
	o = out_table(cli, "events", cols, cli->format == OUT_HUMAN ? 3 : 5);
	rc = chronology(&cli->ot, view, reverse, &cf, chronology_row, o,
	    &cause);
	family_view_close(view);
	return out_end_list(o, rc, cause);
}

static void
check_report(const char *problem, void *arg)
{
	char	*e = text_escape(problem, 0);

	(void)arg;
	printf("problem: %s\n", e);
	free(e);
}

/* A change refused by the rules of authority, as check lists it. */
static int
check_refused_row(const struct authority_refusal *r, void *arg)
{
	struct out	*o = arg;
	const char	*v[6];

	v[0] = cli_time(out_cli(o), r->at);
	v[1] = r->site;
	v[2] = *r->who != '\0' ? r->who : "nobody";
	v[3] = r->what;
	v[4] = r->why;
	v[5] = cli_int((int64_t)r->seq);
	out_row(o, v);
	return 0;
}

static int
check_refused_count(const struct authority_refusal *r, void *arg)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

/* The changes refused, if any: kept, not applied, the same everywhere. */
static int
check_refused(struct cli *cli, char **cause)
{
	const char	*cols[] = { "when", "site", "who", "change", "why",
			    "seq" };
	struct out	*o = NULL;
	int		 rc, n = 0;

	if (authority_refused(&cli->ot, check_refused_count, &n, cause) != 0)
		return -1;
	if (n == 0)
		return 0;
	out_say(cli, "Changes refused by the rules of who may make them (kept "
	    "in the log, not applied, at every site alike):");
	o = out_table(cli, "refused", cols, 6);
	rc = authority_refused(&cli->ot, check_refused_row, o, cause);
	out_end(o);
	return rc;
}

static int
check_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "repair", no_argument, NULL, 'r' },
		{ "hash", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	uint8_t	 h[32];
	char	*cause = NULL, hex[65];
	int	 opt, rc, repair = 0, hash = 0, problems;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt == 'r')
			repair = 1;
		else if (opt == 'h')
			hash = 1;
		else
			return EXIT_USAGE;
	}
	if (optind != argc)
		return cli_usage(cli, "too many arguments");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (repair && store_repair(cli->ot.st, &cause) != 0)
		return cli_fail(cli, cause);
	problems = store_check(cli->ot.st, check_report, NULL, &cause);
	if (problems < 0)
		return cli_fail(cli, cause);
	if (problems > 0) {
		fprintf(stderr, "oneteam: %s: %d problem%s found\n",
		    cli->ot.cfg.db_path, problems, problems == 1 ? "" : "s");
		return EXIT_DB;
	}
	printf("%s: no problems found%s.\n", cli->ot.cfg.db_path,
	    repair ? " after repair" : "");
	if (check_refused(cli, &cause) != 0)
		return cli_fail(cli, cause);
	if (hash) {
		/* What every site holding the same changes has: compare. */
		if (store_state_hash(cli->ot.st, h, &cause) != 0)
			return cli_fail(cli, cause);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		printf("state: %s\n", hex);
	}
	return EXIT_OK;
}

const struct cli_cmd cli_report_cmds[] = {
	{ NULL, "search", "TEXT... [--limit N]",
	    "Find families by household, person, address, postcode, "
	    "reference or note text",
	    "  --limit N   at most N families (default 50)\n"
	    "Every word must match the start of a word; any text is a valid "
	    "search.\nA family outside your locality and work is found only "
	    "by its names, address,\npostcode or reference, never its notes, "
	    "and marked \"outside your work\": its\nhousehold, postcode and "
	    "locality only, and its finding is on the audit trail.\n",
	    /* A family found outside one's work is on the trail. */
	    CLI_WRITE | CLI_NOSTAFF | CLI_NAMED, search_run },
	{ NULL, "chronology", "REF [--newest-first] [--kind LIST] [--agency "
	    "NAME] [--reason TEXT]",
	    "Every event of a family, from every agency, in time order",
	    "  --newest-first   the latest events first\n"
	    "  --kind LIST      only these, separated by commas: contact, "
	    "referral,\n"
	    "                   flag, story, consent, level, action, huddle, "
	    "record\n"
	    "                   (the family and its people added)\n"
	    "  --agency NAME    only what members of this agency recorded\n"
	    REASON_HELP,
	    /* It writes the view on the audit trail, by --as if given. */
	    CLI_WRITE | CLI_NOSTAFF | CLI_NAMED, chronology_run },
	{ NULL, "check", "[--repair] [--hash]",
	    "Check the database is whole: file, change log, tables, search",
	    "  --repair   rebuild the tables and search index from the change "
	    "log first\n"
	    "  --hash     then print the hash of the state, the same at every\n"
	    "             site that holds the same changes\n",
	    CLI_WRITE | CLI_NOSTAFF, check_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};
