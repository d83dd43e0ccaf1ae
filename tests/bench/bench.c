/*
 * bench.c: the benchmark behind `make bench`. It builds a borough-sized
 * database with the demo generator (100,000 families, about 400,000
 * people, 2,000,000 contacts and 200,000 story revisions), then times the
 * everyday operations many times over and prints median and 95th
 * percentile figures, and the bytes on disk per contact; bench-screens.c
 * times the screens from a key press to the drawn screen. The morning
 * huddle's agenda is timed after a day's changes in the worker's
 * locality.
 *
 * usage: bench [-bk] [-f families] [-n runs] [-d dir] [-o database]
 *     [-s changes]
 *
 * -k keeps the database it builds; -o times one kept before instead of
 * building (it adds contacts, and another day's changes, to it). -s sets
 * the size of the full bundle timed by bench-sync.c (1,000,000 changes;
 * 0 leaves bundles out). -b times the borough's bundles only (the deltas
 * and the county hub), not the rest nor the full bundle: with -o, on a
 * borough kept before. A kept borough's bundles are timed on a copy of
 * it, as a database joins one team only and they join it to one.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "oneteam/action.h"
#include "oneteam/chronology.h"
#include "oneteam/contact.h"
#include "oneteam/demo.h"
#include "oneteam/family.h"
#include "oneteam/flag.h"
#include "oneteam/huddle.h"
#include "oneteam/referral.h"
#include "oneteam/access.h"
#include "oneteam/search.h"
#include "oneteam/staff.h"
#include "oneteam/xmalloc.h"
#include "bench.h"
#include "read-private.h"

struct bench {
	const char	*db;
	int		 runs;
	struct id	 family300;	/* a family with 300 events */
	struct id	 me;
};

double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void
bench_report_p95(const char *what, double *t, int n, double target,
    double p95_target)
{
	double	median, p95;

	qsort(t, (size_t)n, sizeof *t, cmp_double);
	median = t[n / 2];
	p95 = t[(int)((n - 1) * 0.95)];
	printf("%-48s %9.3f %9.3f  %s\n", what, median, p95,
	    target <= 0 ? "" : median > target ? "OVER TARGET" :
	    p95_target > 0 && p95 > p95_target ? "p95 OVER TARGET" : "ok");
}

void
bench_report(const char *what, double *t, int n, double target)
{
	bench_report_p95(what, t, n, target, 0);
}

void
bench_die(const char *what, char *cause)
{
	fprintf(stderr, "bench: %s: %s\n", what, cause != NULL ? cause : "");
	exit(1);
}

static void
open_core(struct oneteam *ot, const char *db)
{
	char	*cause = NULL;

	if (oneteam_open(ot, NULL, db, 0, &cause) != 0)
		bench_die("open", cause);
}

/* Report each 10,000 families with the time so far, to show the curve. */
static void
progress(unsigned done, unsigned total, void *arg)
{
	const double	*t0 = arg;

	if (done % 10000 == 0 || done == total)
		fprintf(stderr, "  %u of %u families, %.1f s\n", done, total,
		    (bench_now() - *t0) / 1e3);
}

/* Build the borough, and one family with 300 events for the chronology. */
static void
build(struct bench *b, unsigned families)
{
	struct oneteam		ot;
	struct demo_opts	o;
	struct field		f[10];
	struct family_new	fn;
	char			*cause = NULL;
	double			 t0;
	int			 i;

	demo_defaults(&o);
	o.families = families;
	o.contacts = 20;
	o.stories = 2;
	o.progress = progress;
	o.arg = &t0;
	if (oneteam_open(&ot, NULL, b->db, STORE_CREATE, &cause) != 0)
		bench_die("create", cause);
	t0 = bench_now();
	if (demo_build(&ot, &o, &cause) != 0)
		bench_die("demo", cause);
	printf("%-48s %9.1f s\n", "build the database", (bench_now() - t0) / 1e3);
	if (staff_lookup(&ot, "Tom Brennan", &b->me, &cause) != 0)
		bench_die("staff", cause);
	ot.me = b->me;
	store_set_author(ot.st, &b->me);
	memset(&fn, 0, sizeof fn);
	fn.household = "Benchmark family";
	fn.level = "3";
	if (family_add(&ot, &fn, &b->family300, &cause) != 0)
		bench_die("family", cause);
	if (store_begin(ot.st, &cause) != 0)
		bench_die("begin", cause);
	for (i = 0; i < 298; i++) {
		f[0] = (struct field){ "contact", val_null() };
		f[1] = (struct field){ "corrects", val_null() };
		f[2] = (struct field){ "family", val_id(&b->family300) };
		f[3] = (struct field){ "at", val_int(ot.now - (int64_t)i *
		    3600000) };
		f[4] = (struct field){ "kind", val_text("home_visit") };
		f[5] = (struct field){ "venue", val_text("home") };
		f[6] = (struct field){ "seen", val_null() };
		f[7] = (struct field){ "summary", val_text("Visit; all well.") };
		f[8] = (struct field){ "follow_up", val_null() };
		f[9] = (struct field){ "planned", val_int(0) };
		if (store_new(ot.st, "contact", f, 10, NULL, &cause) != 0)
			bench_die("contact", cause);
	}
	if (store_commit(ot.st, &cause) != 0)
		bench_die("commit", cause);
	oneteam_close(&ot);
}

static int
first_hit(const struct search_hit *h, void *arg)
{
	*(struct id *)arg = h->family;
	return 1;
}

/* Time an existing benchmark database (-o): who and what build() made. */
static void
reuse(struct bench *b)
{
	struct oneteam	ot;
	char		*cause = NULL;

	open_core(&ot, b->db);
	if (staff_lookup(&ot, "Tom Brennan", &b->me, &cause) != 0)
		bench_die("staff", cause);
	if (search_families(ot.st, "Benchmark family", 1, NULL, first_hit,
	    &b->family300, &cause) != 1)
		bench_die("the family with 300 events", cause);
	oneteam_close(&ot);
}

static int
count_row(const struct family *f, void *arg)
{
	(void)f;
	(*(int *)arg)++;
	return 0;
}

static int
count_hit(const struct search_hit *h, void *arg)
{
	(void)h;
	(*(int *)arg)++;
	return 0;
}

static int
count_event(const struct chron_event *e, void *arg)
{
	(void)e;
	(*(int *)arg)++;
	return 0;
}

static int
count_contact(const struct contact *c, void *arg)
{
	(void)c;
	(*(int *)arg)++;
	return 0;
}

static void
time_open(struct bench *b, double *t)
{
	struct oneteam	ot;
	double		t0;
	int		i;

	for (i = 0; i < b->runs; i++) {
		t0 = bench_now();
		open_core(&ot, b->db);
		oneteam_close(&ot);
		t[i] = bench_now() - t0;
	}
	bench_report("open the database", t, b->runs, 10);
}

static void
time_reads(struct bench *b, struct oneteam *ot, double *t)
{
	static const char *const words[] = { "khan", "nowak", "rv3",
	    "boiler", "Zoë", "okonkwo", "attendance", "murphy", "王" };
	char	*cause = NULL;
	double	 t0;
	int	 i, n;

	for (i = 0; i < b->runs; i++) {
		n = 0;
		t0 = bench_now();
		if (family_list(ot, FAMILY_LOCALITY, FAMILY_BY_HOUSEHOLD, 0,
		    (size_t)(i % 5) * 50, 50, count_row, &n, &cause) != 0)
			bench_die("list", cause);
		t[i] = bench_now() - t0;
	}
	bench_report("first page of the family list (50)", t, b->runs, 10);
	/* A view across localities, as far as Tom needs to know
	 * (access.h): counted for the scroll bar, a page shown. */
	for (i = 0; i < b->runs; i++) {
		size_t	all;

		n = 0;
		t0 = bench_now();
		if (family_count(ot, FAMILY_FLAGGED, &all, &cause) != 0 ||
		    family_list(ot, FAMILY_FLAGGED, FAMILY_BY_HOUSEHOLD, 0,
		    0, 50, count_row, &n, &cause) != 0)
			bench_die("flagged", cause);
		t[i] = bench_now() - t0;
	}
	bench_report("count and page of the flagged Tom sees (50)", t,
	    b->runs, 16);
	for (i = 0; i < b->runs; i++) {
		n = 0;
		t0 = bench_now();
		if (access_search(ot, words[i % 9], 50, count_hit, &n,
		    &cause) < 0)
			bench_die("search", cause);
		t[i] = bench_now() - t0;
	}
	bench_report("search (50 families)", t, b->runs, 10);
	for (i = 0; i < b->runs; i++) {
		n = 0;
		t0 = bench_now();
		if (chronology_core(ot, &b->family300, 0, NULL, count_event, &n,
		    &cause) != 0)
			bench_die("chronology", cause);
		t[i] = bench_now() - t0;
		if (n < 300)
			bench_die("chronology", xprintf("%d events, not 300", n));
	}
	bench_report("chronology of a family (300 events)", t, b->runs, 10);
	for (i = 0; i < b->runs; i++) {
		n = 0;
		t0 = bench_now();
		if (contact_list_core(ot, &b->family300, 0, count_contact, &n,
		    &cause) != 0)
			bench_die("contacts", cause);
		t[i] = bench_now() - t0;
	}
	bench_report("contacts of a family (300)", t, b->runs, 10);
}

/* A moment minutes ago, as a person types it (local time). */
static const char *
bench_ago(const struct oneteam *ot, int minutes, char *buf, size_t len)
{
	time_t		t = (time_t)(ot->now / 1000) - (time_t)minutes * 60;
	struct tm	tm;

	localtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M", &tm);
	return buf;
}

/* A day from today, as a person types it. */
static const char *
bench_day(const struct oneteam *ot, int days, char *buf, size_t len)
{
	time_t		t = (time_t)(ot->now / 1000) + (time_t)days * 86400;
	struct tm	tm;

	localtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d", &tm);
	return buf;
}

/* 300 contacts in 20 hours: one in 20 a child not brought, one in 3
 * with a follow-up in a fortnight. */
static void
day_contacts(struct oneteam *ot, const struct id *fam, size_t n)
{
	struct contact_new	 cn;
	struct id		 id;
	char			*cause = NULL, at[32], due[16];
	size_t			 i;

	for (i = 0; i < 300; i++) {
		memset(&cn, 0, sizeof cn);
		cn.kind = i % 20 == 0 ? "not_brought" : i % 2 ? "home_visit" :
		    "phone_call";
		cn.at = bench_ago(ot, 10 + (int)i * 4, at, sizeof at);
		cn.summary = i % 20 == 0 ? "Not brought to the clinic; "
		    "letter sent." : "Visit; plan reviewed with mum.";
		cn.follow_up = i % 3 == 0 ? bench_day(ot, 14, due, sizeof due) :
		    NULL;
		if (contact_add(ot, &fam[i % n], &cn, &id, &cause) != 0)
			bench_die("huddle: contact", cause);
	}
}

/* 40 referrals sent: every fourth on safeguarding grounds, and any for
 * a family whose consent is not given (consent-based is refused). */
static void
day_referrals(struct oneteam *ot, const struct id *fam, size_t n)
{
	static const char *const services[] = { "housing", "camhs",
	    "welfare_rights", "mash" };
	struct referral_new	 rn;
	struct id		 id;
	char			*cause = NULL, at[32];
	size_t			 i;

	for (i = 0; i < 40; i++) {
		memset(&rn, 0, sizeof rn);
		rn.service = services[i % 4];
		rn.reason = "Agreed at the visit; see the family plan";
		rn.basis = i % 4 == 3 ? "safeguarding" : "consent";
		rn.basis_reason = i % 4 == 3 ? "Risk of significant harm" :
		    NULL;
		rn.at = bench_ago(ot, 30 + (int)i * 20, at, sizeof at);
		if (referral_raise(ot, &fam[(i * 7) % n], &rn, &id,
		    &cause) == 0)
			continue;
		free(cause);
		cause = NULL;
		rn.basis = "safeguarding";
		rn.basis_reason = "Risk of significant harm";
		if (referral_raise(ot, &fam[(i * 7) % n], &rn, &id,
		    &cause) != 0)
			bench_die("huddle: referral", cause);
	}
}

/* 12 red flags, half of them acknowledged, and 30 actions. */
static void
day_flags(struct oneteam *ot, const struct id *fam, size_t n)
{
	struct flag_new		 fn;
	struct action_new	 an;
	struct id		 id;
	char			*cause = NULL, at[32], due[16];
	size_t			 i;

	for (i = 0; i < 12; i++) {
		memset(&fn, 0, sizeof fn);
		fn.code = i % 2 ? "imminent_eviction" : "parental_mental_health";
		fn.note = "Raised after the visit";
		fn.at = bench_ago(ot, 60 + (int)i * 90, at, sizeof at);
		if (flag_raise(ot, &fam[(i * 11 + 5) % n], &fn, &id,
		    &cause) != 0 || (i % 2 == 0 && flag_ack(ot, &id,
		    "Discussed with the lead", &cause) != 0))
			bench_die("huddle: flag", cause);
	}
	for (i = 0; i < 30; i++) {
		memset(&an, 0, sizeof an);
		an.what = "Book a joint visit";
		an.owner = "Tom Brennan";
		an.due = bench_day(ot, 1 + (int)i % 14, due, sizeof due);
		if (action_add(ot, &fam[(i * 13 + 3) % n], &an, &id,
		    &cause) != 0)
			bench_die("huddle: action", cause);
	}
}

/*
 * What a locality's team records in a day, before the huddle, for 300
 * open families of Tom's locality, each change in a transaction of its
 * own as the team makes them. The demo's borough gave the rest: its
 * records of the days before, and what has slipped.
 */
static void
day_changes(struct bench *b, struct oneteam *ot)
{
	struct query	*q;
	struct id	*fam = NULL;
	size_t		 n = 0;

	q = query_prepare(ot->st, "SELECT f.id FROM family f JOIN staff w ON "
	    "w.locality = f.locality WHERE w.id = ?1 AND f.status = 'open' "
	    "ORDER BY f.id LIMIT 300");
	query_bind_id(q, 1, &b->me);
	while (query_step(q) == 1) {
		fam = xreallocarray(fam, n + 1, sizeof *fam);
		fam[n++] = query_id(q, 0);
	}
	query_done(q);
	if (n == 0)
		bench_die("huddle", xstrdup("no families in Tom's locality"));
	day_contacts(ot, fam, n);
	day_referrals(ot, fam, n);
	day_flags(ot, fam, n);
	free(fam);
}

/* The open families of Tom's locality, for the report. */
static int64_t
count_locality(struct bench *b, struct oneteam *ot)
{
	struct query	*q;

	q = query_prepare(ot->st, "SELECT count(*) FROM family f JOIN staff w "
	    "ON w.locality = f.locality WHERE w.id = ?1 AND f.status = "
	    "'open'");
	query_bind_id(q, 1, &b->me);
	return query_count(q);
}

/*
 * The morning huddle's agenda of Tom's locality (issue 6: 100 ms), after
 * a day's changes. The first run reads what the others find in the
 * connection's page cache: it is reported too.
 */
static void
time_huddle(struct bench *b, struct oneteam *ot, double *t)
{
	struct huddle_agenda	 a;
	char			*cause = NULL;
	double			 t0, first;
	size_t			 n = 0, reasons = 0, k;
	int			 i, runs = b->runs < 50 ? b->runs : 50;

	day_changes(b, ot);
	for (i = 0; i < runs; i++) {
		t0 = bench_now();
		if (huddle_agenda(ot, NULL, 0, &a, &cause) != 0)
			bench_die("huddle", cause);
		t[i] = bench_now() - t0;
		n = a.nitems;
		for (reasons = 0, k = 0; k < a.nitems; k++)
			reasons += a.items[k].nreasons;
		huddle_agenda_free(&a);
	}
	first = t[0];
	bench_report("huddle agenda of a locality", t, runs, 100);
	printf("%-48s %9.3f\n", "  its first run", first);
	printf("%-48s %9lld open families\n", "  the locality",
	    (long long)count_locality(b, ot));
	printf("%-48s %9zu families, %zu reasons\n", "  on its agenda", n,
	    reasons);
}

static void
time_add_contact(struct bench *b, struct oneteam *ot, double *t)
{
	struct contact_new	cn;
	struct id		id;
	char			*cause = NULL;
	double			 t0;
	int			 i;

	memset(&cn, 0, sizeof cn);
	cn.kind = "home visit";
	cn.summary = "Home visit: mum well, baby weighed, plan reviewed.";
	cn.venue = "home";
	ot->me = b->me;
	store_set_author(ot->st, &b->me);
	for (i = 0; i < b->runs; i++) {
		t0 = bench_now();
		if (contact_add(ot, &b->family300, &cn, &id, &cause) != 0)
			bench_die("add contact", cause);
		t[i] = bench_now() - t0;
	}
	bench_report("add a contact (one durable transaction)", t, b->runs, 10);
}

static void
sizes(struct bench *b, struct oneteam *ot)
{
	struct query	*q;
	struct stat	 sb;
	struct rusage	 ru;
	int64_t		 contacts, people, families, stories;

	q = query_prepare(ot->st, "SELECT count(*) FROM contact");
	contacts = query_count(q);
	q = query_prepare(ot->st, "SELECT count(*) FROM person");
	people = query_count(q);
	q = query_prepare(ot->st, "SELECT count(*) FROM family");
	families = query_count(q);
	q = query_prepare(ot->st, "SELECT count(*) FROM story");
	stories = query_count(q);
	if (stat(b->db, &sb) != 0)
		bench_die("stat", strerror(errno));
	printf("%-48s %lld families, %lld people, %lld contacts, "
	    "%lld story revisions\n", "holds", (long long)families,
	    (long long)people, (long long)contacts, (long long)stories);
	printf("%-48s %9.1f MB\n", "database file", sb.st_size / 1e6);
	printf("%-48s %9.0f bytes\n", "bytes on disk per contact (file)",
	    (double)sb.st_size / (double)contacts);
	getrusage(RUSAGE_SELF, &ru);
	printf("%-48s %9.1f MB\n", "peak memory (RSS)", ru.ru_maxrss / 1e3);
}

int
main(int argc, char **argv)
{
	struct bench	 b;
	struct oneteam	 ot;
	unsigned	 families = 100000;
	double		*t;
	char		 path[256];
	const char	*dir = "/tmp";
	int		 opt, keep = 0, only_borough = 0;
	long		 changes = 1000000;
	const char	*old = NULL;

	memset(&b, 0, sizeof b);
	b.runs = 200;
	while ((opt = getopt(argc, argv, "bf:n:d:ko:s:")) != -1) {
		switch (opt) {
		case 'b': only_borough = 1; break;
		case 'f': families = (unsigned)atoi(optarg); break;
		case 'n': b.runs = atoi(optarg); break;
		case 'd': dir = optarg; break;
		case 'k': keep = 1; break;
		case 'o': old = optarg; keep = 1; break;
		case 's': changes = atol(optarg); break;
		default:
			fprintf(stderr, "usage: bench [-bk] [-f families] "
			    "[-n runs] [-d dir] [-o database] [-s changes]\n");
			return 2;
		}
	}
	if (b.runs < 1)
		b.runs = 1;
	setvbuf(stdout, NULL, _IOLBF, 0);	/* in step with the progress */
	setenv("ONETEAM_CONFIG", "/dev/null", 1);
	snprintf(path, sizeof path, "%s/oneteam-bench-%ld.db", dir,
	    (long)getpid());
	b.db = old != NULL ? old : path;
	printf("%-48s %9s %9s  (ms; target: median under 10 ms, the screens 16 ms)\n", "",
	    "median", "p95");
	if (old != NULL)
		reuse(&b);
	else
		build(&b, families);
	if (only_borough) {
		bench_sync_borough(dir, b.db, keep);
		goto out;
	}
	t = xcalloc((size_t)b.runs, sizeof *t);
	time_open(&b, t);
	open_core(&ot, b.db);
	ot.me = b.me;		/* the families of Tom's locality */
	store_set_author(ot.st, &b.me);
	time_reads(&b, &ot, t);
	time_add_contact(&b, &ot, t);
	time_huddle(&b, &ot, t);
	bench_screens(&ot, &b.me, b.runs);
	sizes(&b, &ot);
	oneteam_close(&ot);
	free(t);
	if (changes > 0) {
		bench_sync_borough(dir, b.db, keep);
		bench_sync(dir, changes);
	}
out:
	if (!keep) {
		char	*key = xconcat(path, ".key", NULL);

		unlink(key);
		free(key);
		unlink(path);
		strcat(path, "-wal");
		unlink(path);
		path[strlen(path) - 4] = '\0';
		strcat(path, "-shm");
		unlink(path);
		path[strlen(path) - 4] = '\0';
		strcat(path, ".mark");
		unlink(path);
	}
	return 0;
}
