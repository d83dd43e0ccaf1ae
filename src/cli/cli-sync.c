/*
 * cli-sync.c: bundles, peers and conflicts from the command line (the
 * team and its key: cli-team.c). The core puts each bundle written or
 * imported on the audit trail (sync.c).
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "oneteam/admission.h"
#include "oneteam/date.h"
#include "oneteam/kinds.h"
#include "oneteam/sync.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

enum { SY_FOR = 1, SY_FULL, SY_TAKE, SY_VALUE, SY_OUT = 'o' };

/* --- bundles ------------------------------------------------------------- */

/* Progress on a terminal, for big bundles. */
static void
bundle_progress(const char *stage, uint64_t done, uint64_t total, void *arg)
{
	(void)arg;
	if (total < 20000)
		return;
	fprintf(stderr, "\r%s: %llu of %llu changes (%d%%) ", stage,
	    (unsigned long long)done, (unsigned long long)total,
	    (int)(done * 100 / total));
	if (done == total)
		fputc('\n', stderr);
}

static const struct option export_opts[] = {
	{ "for", required_argument, NULL, SY_FOR },
	{ "full", no_argument, NULL, SY_FULL },
	{ "output", required_argument, NULL, SY_OUT },
	{ NULL, 0, NULL, 0 }
};

static int
bundle_export_run(struct cli *cli, int argc, char **argv)
{
	struct sync_progress	 p = { bundle_progress, NULL };
	struct sync_result	 res;
	struct id		 to;
	const char		*for_site = NULL, *path = NULL;
	char			*cause = NULL, ref[27];
	int			 opt, rc, full = 0;

	while ((opt = cli_getopt(cli, argc, argv, export_opts)) != -1) {
		switch (opt) {
		case SY_FOR: for_site = optarg; break;
		case SY_FULL: full = 1; break;
		case SY_OUT: path = optarg; break;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return cli_usage(cli, "unexpected \"%s\": bundle export takes "
		    "its options only", argv[optind]);
	if ((for_site == NULL) == (full == 0))
		return cli_usage(cli, "give --for SITE or --full");
	if (path == NULL)
		return cli_usage(cli, "give the file to write with -o FILE");
	if ((rc = cli_start(cli)) != EXIT_OK ||
	    (rc = cli_whoami(cli)) != EXIT_OK)
		return rc;
	if (for_site != NULL && sync_site_find(&cli->ot, for_site, &to,
	    &cause) != 0)
		return cli_fail(cli, cause);
	if (bundle_export(&cli->ot, full ? NULL : &to, path,
	    isatty(STDERR_FILENO) ? &p : NULL, &res, &cause) != 0)
		return cli_fail(cli, cause);
	id_base32(&res.bundle, ref);
	out_say(cli, "Wrote %llu change%s to %s.",
	    (unsigned long long)res.changes, res.changes == 1 ? "" : "s",
	    path);
	if (cli->format != OUT_HUMAN) {
		struct out	*o = out_record(cli, "bundle");

		out_field(o, "bundle", ref);
		out_field(o, "changes", cli_int((int64_t)res.changes));
		out_field(o, "file", path);
		out_end(o);
	}
	return EXIT_OK;
}

/* What an import held back, refused or left out: a count of the result
 * and what it says after it, for one change and for more. */
static const struct import_said {
	size_t		 count;
	const char	*one, *more;
} import_said[] = {
	{ offsetof(struct sync_result, refused),
	    "change refused: its author could not make it, or its site was "
	    "revoked (kept, not applied; oneteam check lists it).",
	    "changes refused: their author could not make them, or their "
	    "site was revoked (kept, not applied; oneteam check lists "
	    "them)." },
	{ offsetof(struct sync_result, skipped),
	    "change not taken: changes of its site made before it are not "
	    "here yet (a bundle made for another site?), so it cannot be "
	    "checked; a bundle made for this site brings them.",
	    "changes not taken: changes of their site made before them are "
	    "not here yet (a bundle made for another site?), so they cannot "
	    "be checked; a bundle made for this site brings them." },
	{ offsetof(struct sync_result, recovered),
	    "change left out: a copy of changes their site made again under "
	    "a new id after its history forked, which the site that sent it "
	    "has not let go of yet (it does at its next import).",
	    "changes left out: a copy of changes their site made again under "
	    "a new id after its history forked, which the site that sent "
	    "them has not let go of yet (it does at its next import)." },
	{ offsetof(struct sync_result, forged),
	    "change left out: its site's head in it is signed with another "
	    "key than the site's own (made in its name; the site that sent "
	    "it may have been given a forged key).",
	    "changes left out: their site's head in it is signed with "
	    "another key than the site's own (made in its name; the site "
	    "that sent it may have been given a forged key)." },
	{ offsetof(struct sync_result, unadmitted),
	    "change held: its site is not admitted to the team (oneteam "
	    "peers; an administrator admits it with oneteam team admit).",
	    "changes held: their site is not admitted to the team (oneteam "
	    "peers; an administrator admits it with oneteam team admit)." },
};

/* The sites whose copies an import let go of, for people: "A", "A and
 * B", "A, B and C", or the first few "and others". */
static char *
import_let_go_sites(struct cli *cli, const struct sync_result *res)
{
	char	*s = NULL, *t, *site;
	size_t	 i, n = res->nlet_go_of;

	for (i = 0; i < n && i < SYNC_LET_GO_SITES; i++) {
		site = site_label(cli->ot.st, &res->let_go_of[i]);
		t = s;
		xasprintf(&s, "%s%s%s", t != NULL ? t : "", i == 0 ? "" :
		    i + 1 == n ? " and " : ", ", site);
		free(t);
		free(site);
	}
	if (n > SYNC_LET_GO_SITES) {
		t = s;
		xasprintf(&s, "%s and others", t);
		free(t);
	}
	return s;
}

/* What an import did, for people: its summary and what it held back,
 * refused or left out, each said once. */
static void
import_say(struct cli *cli, const char *path, const char *name,
    const struct sync_result *res)
{
	uint64_t	 n;
	size_t		 i;

	out_say(cli, "%s from %s: %llu change%s, %llu new, "
	    "%llu held already, %llu conflict%s arose.",
	    path, name, (unsigned long long)res->changes,
	    res->changes == 1 ? "" : "s",
	    (unsigned long long)res->added,
	    (unsigned long long)res->held,
	    (unsigned long long)res->conflicts,
	    res->conflicts == 1 ? "" : "s");
	if (res->before != 0)
		out_say(cli, "  It was imported before, on %s: "
		    "nothing new.", cli_time(cli, res->before));
	if (res->ahead > 0) {
		char	 d[32], *site = site_label(cli->ot.st,
			    &res->ahead_site);

		duration_format(res->ahead, d, sizeof d);
		out_say(cli, "  It was made %s after this machine's clock, "
		    "by %s's: one of the two clocks is wrong (oneteam peers "
		    "shows each site's).", d, site);
		free(site);
	}
	for (i = 0; i < sizeof import_said / sizeof import_said[0]; i++) {
		memcpy(&n, (const char *)res + import_said[i].count, sizeof n);
		if (n > 0)
			out_say(cli, "  %llu %s", (unsigned long long)n,
			    n == 1 ? import_said[i].one : import_said[i].more);
	}
	if (res->let_go > 0) {
		char	*sites = import_let_go_sites(cli, res);

		out_say(cli, "  %llu change%s of %s let go of: %s history "
		    "forked, and %s made %s again under a new site id (they "
		    "came in this bundle); the team's history under those "
		    "numbers is taken.", (unsigned long long)res->let_go,
		    res->let_go == 1 ? "" : "s", sites,
		    res->nlet_go_of == 1 ? "its" : "their",
		    res->nlet_go_of == 1 ? "it" : "each",
		    res->let_go == 1 ? "it" : "them");
		free(sites);
	}
	if (res->remade > 0)
		out_say(cli, "  %llu of this site's own changes, made on "
		    "those, made again under a new site id, naming what they "
		    "were made again as.", (unsigned long long)res->remade);
	cli_say_stale(cli, res->remade_stale, res->repass, res->nrepass);
	if (res->later > 0)
		out_say(cli, "  %llu change%s made by a newer oneteam (of "
		    "record kinds %u; this one knows up to %u): kept and "
		    "passed on to other sites, shown here once this oneteam "
		    "is upgraded.", (unsigned long long)res->later,
		    res->later == 1 ? "" : "s", res->later_made,
		    KINDS_GENERATION);
}

static int
bundle_import_run(struct cli *cli, int argc, char **argv)
{
	struct sync_progress	 p = { bundle_progress, NULL };
	struct sync_result	 res;
	struct out		*o = NULL;
	char			*cause = NULL, *name;
	const char		*cols[] = { "file", "changes", "new", "held",
				    "conflicts", "clock_ahead", "sender",
				    "not_taken", "not_admitted", "needs_newer" };
	static const struct option opts[] = {
		CLI_ALSO_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct cli_also		 also;
	const char		*v[10];
	int			 i, opt, rc, failed = EXIT_OK;

	memset(&also, 0, sizeof also);
	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1)
		if (opt == '?' || (rc = cli_also_opt(cli, &also, opt,
		    optarg)) != EXIT_OK)
			return EXIT_USAGE;
	if (optind >= argc)
		return cli_usage(cli, "give the bundle files to import");
	/* Others who signed this site's changes that an import may make
	 * again (a copy let go of) give their passphrases after it. */
	if ((rc = cli_start(cli)) != EXIT_OK ||
	    (rc = cli_whoami(cli)) != EXIT_OK ||
	    (rc = cli_also_sign(cli, &also)) != EXIT_OK)
		return rc;
	if (cli->format != OUT_HUMAN)
		o = out_table(cli, "imported", cols, 10);
	/* Each file all or nothing; a refused one does not stop the rest. */
	for (i = optind; i < argc; i++) {
		if (bundle_import(&cli->ot, argv[i], isatty(STDERR_FILENO) ?
		    &p : NULL, &res, &cause) != 0) {
			failed = cli_fail(cli, cause);
			cause = NULL;
			continue;
		}
		name = site_label(cli->ot.st, &res.sender);
		if (o != NULL) {
			v[0] = argv[i];
			v[1] = cli_int((int64_t)res.changes);
			v[2] = cli_int((int64_t)res.added);
			v[3] = cli_int((int64_t)res.held);
			v[4] = cli_int((int64_t)res.conflicts);
			v[5] = cli_int(res.ahead / 1000);
			v[6] = name;
			v[7] = cli_int((int64_t)res.skipped);
			v[8] = cli_int((int64_t)res.unadmitted);
			v[9] = cli_int((int64_t)res.later);
			out_row(o, v);
		} else {
			import_say(cli, argv[i], name, &res);
		}
		if (res.new_site)
			fprintf(stderr, "oneteam: this database held fewer of "
			    "its own changes than other sites have: it was put "
			    "back from a backup, and is now a site of its own\n");
		free(name);
	}
	if (o != NULL)
		out_end(o);
	return failed;
}

static void
info_has(struct cli *cli, const struct bundle_head *h)
{
	const char	*cols[] = { "site", "name", "holds_up_to",
			    "signed_by" };
	const char	*v[4];
	struct out	*o;
	char		 b32[27], print[TEAM_PRINT_LEN];
	size_t		 i;

	o = out_table(cli, "holds", cols, 4);
	for (i = 0; i < h->nhas; i++) {
		id_base32(&h->has[i].origin, b32);
		b32[8] = '\0';
		v[0] = b32;
		v[1] = h->has[i].name;
		v[2] = cli_int((int64_t)h->has[i].seq);
		/* Whose key the header says signed it: checked at import,
		 * not here (no key is needed to read a header). */
		if (h->has[i].is_signed)
			team_fingerprint(h->has[i].key, print);
		v[3] = h->has[i].is_signed ? print : "not signed";
		out_row(o, v);
	}
	out_end(o);
}

static int
bundle_info_run(struct cli *cli, int argc, char **argv)
{
	struct bundle_head	 h;
	struct team_info	 ti;
	struct out		*o;
	char			*cause = NULL, b32[27], to[27], team[27];
	int			 mine = -1;

	if (cli_getopt(cli, argc, argv, export_opts + 3) != -1)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(cli, "give one bundle file");
	/* The header is clear: no key is needed, nor a database. */
	if (bundle_info(argv[optind], &h, &cause) != 0) {
		cli_fail(cli, cause);
		return EXIT_INPUT;
	}
	/* Without a database here, the header alone. */
	cli->quiet_open = 1;
	if (cli_start(cli) == EXIT_OK && team_get(&cli->ot, &ti, &cause) == 1)
		mine = id_cmp(&ti.team, &h.team) == 0;
	free(cause);
	out_begin(cli);
	id_base32(&h.bundle, b32);
	id_base32(&h.team, team);
	id_base32(&h.to, to);
	b32[8] = to[8] = team[8] = '\0';
	o = out_record(cli, "bundle");
	out_field(o, "bundle", b32);
	out_field(o, "format", cli_int(h.version));
	out_field(o, "team", mine < 0 ? team : mine ? "this site's" :
	    "another team's");
	out_field(o, "sender", h.sender_name);
	out_field(o, "made", cli_time(cli, h.created));
	out_field(o, "for", id_is_zero(&h.to) ? "anyone (full)" : to);
	out_field(o, "changes", cli_int((int64_t)h.changes));
	out_field(o, "size", cli_int((int64_t)h.size));
	out_end(o);
	info_has(cli, &h);
	out_finish(cli);
	bundle_head_free(&h);
	return EXIT_OK;
}

/* --- peers --------------------------------------------------------------- */

static int
peer_row(const struct peer *p, void *arg)
{
	struct out	*o = arg;
	struct cli	*cli = out_cli(o);
	const char	*v[10];
	char		 b32[27], *admitted, clock[48], d[32];

	id_base32(&p->site, b32);
	b32[8] = '\0';
	v[0] = b32;
	v[1] = sync_peer_label(p);
	v[2] = p->self ? "" : p->heard != 0 ? cli_time(cli, p->heard) :
	    "never";
	v[3] = p->self ? "" : p->sent != 0 ? cli_time(cli, p->sent) : "never";
	v[4] = cli_int((int64_t)p->holds);
	v[5] = p->self ? "" : cli_int((int64_t)p->behind);
	v[6] = p->self ? "" : p->in_step ? "yes" : "no";
	v[7] = admitted = sync_peer_admitted(p);
	/* Far ahead only: a change dated before it came says nothing. */
	clock[0] = '\0';
	if (p->timed && p->ahead > CLOCK_FAR_MS) {
		duration_format(p->ahead, d, sizeof d);
		snprintf(clock, sizeof clock, "%s ahead", d);
	}
	v[8] = clock;
	v[9] = p->print;
	out_row(o, v);
	free((char *)v[1]);
	free(admitted);
	return 0;
}

static int
peers_run(struct cli *cli, int argc, char **argv)
{
	const char	*cols[] = { "site", "name", "heard", "sent", "holds",
			    "to_send", "in_step", "admitted", "clock",
			    "fingerprint" };
	struct out	*o;
	char		*cause = NULL, *word;
	int		 rc;

	if (cli_getopt(cli, argc, argv, export_opts + 3) != -1)
		return EXIT_USAGE;
	if (optind != argc)
		return cli_usage(cli, "peers takes no arguments");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	o = out_table(cli, "peers", cols, 10);
	rc = sync_peers(&cli->ot, peer_row, o, &cause);
	if ((rc = out_end_list(o, rc, cause)) != EXIT_OK)
		return rc;
	if ((word = sync_clock_word(&cli->ot)) != NULL)
		out_say(cli, "%s", word);
	free(word);
	if (sync_unadmitted(&cli->ot) > 0)
		out_say(cli, "The changes of a site not admitted are held: an "
		    "administrator admits it with oneteam team admit and the "
		    "fingerprint read out at that site (oneteam team show).");
	if ((word = sync_root_word(&cli->ot)) != NULL)
		out_say(cli, "%s", word);
	free(word);
	return EXIT_OK;
}

/* --- conflicts ------------------------------------------------------------ */

static int
conflict_row(const struct conflict *c, void *arg)
{
	struct out	*o = arg;
	struct cli	*cli = out_cli(o);
	const char	*v[8];
	char		 ref[ID_REF_MAX], fam[ID_REF_MAX], n[40];
	size_t		 i;

	conflict_ref(c, ref);
	if (!id_is_zero(&c->family))
		oneteam_ref("family", &c->family, fam);
	else
		fam[0] = '\0';
	for (i = 0; i < c->nvalues; i++) {
		snprintf(n, sizeof n, "%zu%s", i + 1, i == 0 ? " (shown)" : "");
		v[0] = ref;
		v[1] = c->field;
		v[2] = fam;
		v[3] = c->household != NULL ? c->household : "";
		v[4] = n;
		v[5] = c->secret ? "(a passphrase: not shown)" :
		    c->values[i].value != NULL ? c->values[i].value : "";
		v[6] = c->values[i].who;
		v[7] = xprintf("%s, %s", c->values[i].site,
		    cli_time(cli, c->values[i].at));
		out_row(o, v);
		free((char *)v[7]);
	}
	return 0;
}

static int
conflicts_list_run(struct cli *cli, int argc, char **argv)
{
	const char	*cols[] = { "record", "field", "family", "household",
			    "value", "text", "by", "where_and_when" };
	struct out	*o;
	char		*cause = NULL;
	int		 rc;

	if (cli_getopt(cli, argc, argv, export_opts + 3) != -1)
		return EXIT_USAGE;
	if (optind != argc)
		return cli_usage(cli, "conflicts list takes no arguments");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	o = out_table(cli, "conflicts", cols, 8);
	rc = conflict_list(&cli->ot, conflict_row, o, &cause);
	return out_end_list(o, rc < 0 ? rc : 0, cause);
}

static const struct option resolve_opts[] = {
	{ "take", required_argument, NULL, SY_TAKE },
	{ "value", required_argument, NULL, SY_VALUE },
	{ NULL, 0, NULL, 0 }
};

static int
conflicts_resolve_run(struct cli *cli, int argc, char **argv)
{
	const char	*value = NULL;
	char		*cause = NULL, *end;
	long		 take = 0;
	int		 opt, rc;

	while ((opt = cli_getopt(cli, argc, argv, resolve_opts)) != -1) {
		if (opt == SY_TAKE) {
			take = strtol(optarg, &end, 10);
			if (*end != '\0' || take < 1 || take > 100)
				return cli_usage(cli, "--take \"%s\": expected "
				    "the number of a value as listed", optarg);
		} else if (opt == SY_VALUE)
			value = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind + 2 != argc)
		return cli_usage(cli, "give the record and the field in "
		    "conflict (as oneteam conflicts list shows them)");
	if ((take == 0) == (value == NULL))
		return cli_usage(cli, "give --take N or --value TEXT");
	if ((rc = cli_start(cli)) != EXIT_OK)
		return rc;
	if (conflict_resolve(&cli->ot, argv[optind], argv[optind + 1],
	    (size_t)take, value, NULL, &cause) != 0)
		return cli_fail(cli, cause);
	out_say(cli, "Resolved %s of %s.", argv[optind + 1], argv[optind]);
	return EXIT_OK;
}

const struct cli_cmd cli_sync_cmds[] = {
	{ "bundle", "export", "--for SITE | --full -o FILE",
	    "Write a bundle: what SITE has not said it has, or everything",
	    "  --for SITE     for a known site (name or reference)\n"
	    "  --full         everything, for any site\n"
	    "  -o, --output FILE  the bundle file to write\n",
	    CLI_WRITE | CLI_NOSTAFF, bundle_export_run },
	{ "bundle", "import", "[--also NAME]... FILE...",
	    "Import bundles, each all or nothing",
	    "  --also NAME                  another author who gives their "
	    "passphrase\n"
	    "  --also-passphrase-file FILE  theirs, read from FILE\n\n"
	    "A site that took another's forked history (\"... let go of\") "
	    "makes its own\nchanges made on it again as their authors "
	    "made them: name each other\nauthor with --also NAME (their "
	    "passphrase is asked, or read from the\n"
	    "--also-passphrase-file given for them, in order).\n",
	    CLI_WRITE | CLI_NOSTAFF, bundle_import_run },
	{ "bundle", "info", "FILE",
	    "Show a bundle's header: sender, what it carries (no key needed)",
	    "", CLI_READ, bundle_info_run },
	{ NULL, "peers", "",
	    "List the sites known here, what each holds, when last heard",
	    "", CLI_READ, peers_run },
	{ "conflicts", "list", "",
	    "List fields two people changed apart to different values", "",
	    CLI_READ | CLI_NAMED, conflicts_list_run },
	{ "conflicts", "resolve", "REF FIELD --take N | --value TEXT",
	    "Resolve a conflict: keep one value, or write a merged one",
	    "  --take N       keep value N as listed\n"
	    "  --value TEXT   write this text instead (a text written in "
	    "words: a\n"
	    "                 household, an address, a name, a reason)\n"
	    "\nKeeping a value is setting the field: only a coordinator "
	    "keeps a lead, a\nlevel or a closing. A passphrase changed at "
	    "two sites is not chosen here:\nsetting a new one (staff "
	    "passwd) ends the conflict.\n",
	    CLI_WRITE, conflicts_resolve_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};
