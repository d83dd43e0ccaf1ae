/*
 * bench-sync.c: the bundles' part of `make bench`. A site with about a
 * million changes exports them in one full bundle and a new site imports
 * it; the same rows are then inserted by plain SQLite, row by row in one
 * transaction, into an empty database of the same schema, the yardstick
 * the import is held to (within three times). Then bundles of 1,000 new
 * contacts are imported into the borough of 100,000 families: five one
 * at a time, timed each, and a county hub's day, ten sites' bundles one
 * after the other, timed together.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "bench.h"
#include "oneteam/demo.h"
#include "oneteam/signin.h"
#include "oneteam/staff.h"
#include "oneteam/sync.h"
#include "oneteam/xmalloc.h"

#define PASS		"a benchmark team passphrase"
#define CHANGES_A_FAMILY 33	/* of the demo with 20 contacts, 2 stories */

/* A new site at db, named by its file (site names are unique in a team)
 * in a configuration of its own beside it. */
static void
sync_open(struct oneteam *ot, const char *db)
{
	const char	*name = strrchr(db, '/');
	char		*cause = NULL, *ini = xconcat(db, ".ini", NULL);
	FILE		*f;

	unlink(db);
	if ((f = fopen(ini, "w")) == NULL)
		bench_die(ini, xstrdup("cannot write"));
	fprintf(f, "[site]\nname = %s\n", name != NULL ? name + 1 : db);
	fclose(f);
	if (oneteam_open(ot, ini, db, STORE_CREATE, &cause) != 0)
		bench_die(db, cause);
	free(ini);
}

/* A site's database and the files beside it. */
static void
sync_remove(const char *db)
{
	static const char *const sfx[] = { "-wal", "-shm", ".key", ".ini",
	    ".mark" };
	char	*p;
	size_t	 i;

	unlink(db);
	for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		p = xconcat(db, sfx[i], NULL);
		unlink(p);
		free(p);
	}
}

static void
sync_line(const char *what, double ms, const char *more)
{
	printf("%-48s %9.1f s  %s\n", what, ms / 1e3, more);
}

/*
 * The yardstick: every row of the synchronised tables of src inserted
 * with a prepared statement, row by row, in one transaction, into dst,
 * an empty database with the same schema. Returns the time in ms.
 */
static double
sync_plain_insert(const char *src, const char *dst, long *rows)
{
	sqlite3		*db;
	sqlite3_stmt	*tables, *sel, *ins;
	char		*sql;
	double		 t0;
	int		 i, n;

	if (sqlite3_open(dst, &db) != SQLITE_OK)
		bench_die(dst, xstrdup(sqlite3_errmsg(db)));
	sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = "
	    "FULL; PRAGMA cache_size = -32768", NULL, NULL, NULL);
	sql = sqlite3_mprintf("ATTACH DATABASE %Q AS src", src);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	/* The log and the tables the fold fills; not local state, not the
	 * search index, which the import makes too (a cost it carries). */
	sqlite3_prepare_v2(db, "SELECT name FROM src.sqlite_schema WHERE "
	    "type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE "
	    "'%fts%' AND name NOT IN ('local', 'team', 'site', 'peer', "
	    "'peer_has', 'bundle_in', 'quarantine')", -1, &tables, NULL);
	*rows = 0;
	t0 = bench_now();
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		sql = sqlite3_mprintf("SELECT * FROM src.%Q",
		    sqlite3_column_text(tables, 0));
		sqlite3_prepare_v2(db, sql, -1, &sel, NULL);
		sqlite3_free(sql);
		n = sqlite3_column_count(sel);
		sql = sqlite3_mprintf("INSERT INTO main.%Q VALUES (?%s",
		    sqlite3_column_text(tables, 0), "");
		for (i = 1; i < n; i++) {
			char	*more = sqlite3_mprintf("%s, ?", sql);

			sqlite3_free(sql);
			sql = more;
		}
		{
			char	*done = sqlite3_mprintf("%s)", sql);

			sqlite3_free(sql);
			sql = done;
		}
		if (sqlite3_prepare_v2(db, sql, -1, &ins, NULL) != SQLITE_OK)
			bench_die(sql, xstrdup(sqlite3_errmsg(db)));
		sqlite3_free(sql);
		while (sqlite3_step(sel) == SQLITE_ROW) {
			for (i = 0; i < n; i++)
				sqlite3_bind_value(ins, i + 1,
				    sqlite3_column_value(sel, i));
			if (sqlite3_step(ins) != SQLITE_DONE)
				bench_die("insert", xstrdup(sqlite3_errmsg(db)));
			sqlite3_reset(ins);
			(*rows)++;
		}
		sqlite3_finalize(sel);
		sqlite3_finalize(ins);
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	t0 = bench_now() - t0;
	sqlite3_finalize(tables);
	sqlite3_close(db);
	return t0;
}

/* A site with about changes changes, in a team; its path in a. */
static void
sync_source(const char *a, long changes)
{
	struct oneteam		 ot;
	struct demo_opts	 o;
	char			*cause = NULL;

	sync_open(&ot, a);
	demo_defaults(&o);
	o.families = (unsigned)(changes / CHANGES_A_FAMILY);
	o.contacts = 20;
	o.stories = 2;
	if (demo_build(&ot, &o, &cause) != 0 ||
	    team_create(&ot, PASS, strlen(PASS), TEAM_KDF_INTERACTIVE,
	    &cause) != 0)
		bench_die("source", cause);
	oneteam_close(&ot);
}

static void
sync_full(const char *dir, long changes)
{
	struct oneteam		 ot;
	struct sync_result	 res;
	struct stat		 sb;
	char			 a[256], b[256], c[256], file[256], more[128];
	char			*cause = NULL;
	double			 t, import, plain;
	long			 rows;

	snprintf(a, sizeof a, "%s/oneteam-bench-sync-a-%ld.db", dir,
	    (long)getpid());
	snprintf(b, sizeof b, "%s/oneteam-bench-sync-b-%ld.db", dir,
	    (long)getpid());
	snprintf(c, sizeof c, "%s/oneteam-bench-sync-c-%ld.db", dir,
	    (long)getpid());
	snprintf(file, sizeof file, "%s/oneteam-bench-%ld.otb", dir,
	    (long)getpid());
	sync_source(a, changes);

	if (oneteam_open(&ot, NULL, a, 0, &cause) != 0)
		bench_die(a, cause);
	t = bench_now();
	if (bundle_export(&ot, NULL, file, NULL, &res, &cause) != 0)
		bench_die("export", cause);
	t = bench_now() - t;
	oneteam_close(&ot);
	stat(file, &sb);
	snprintf(more, sizeof more, "%llu changes, %.0f bytes a change",
	    (unsigned long long)res.changes, (double)sb.st_size /
	    (double)res.changes);
	sync_line("export a full bundle", t, more);

	sync_open(&ot, b);
	if (team_join(&ot, file, PASS, strlen(PASS), &cause) != 0)
		bench_die("join", cause);
	import = bench_now();
	if (bundle_import(&ot, file, NULL, &res, &cause) != 0)
		bench_die("import", cause);
	import = bench_now() - import;
	oneteam_close(&ot);
	snprintf(more, sizeof more, "%llu new", (unsigned long long)res.added);
	sync_line("import it at a new site", import, more);

	sync_open(&ot, c);
	oneteam_close(&ot);
	plain = sync_plain_insert(b, c, &rows);
	snprintf(more, sizeof more, "%ld rows", rows);
	sync_line("plain SQLite: the same rows, one transaction", plain,
	    more);
	printf("%-48s %9.2f    target 3: %s\n", "import / plain SQLite",
	    import / plain, import <= 3 * plain ? "ok" : "OVER TARGET");
	sync_remove(a);
	sync_remove(b);
	sync_remove(c);
	unlink(file);
}

/*
 * The borough's bundles: a delta of a day's contacts from a site, and a
 * county hub's day, the daily bundles of ten sites of one team. The
 * sites are of one team because a database joins one team only: the
 * borough joins it, and each delta and each hub site is a site of it,
 * admitted by the site that made it (an administrator's act, as at a
 * real hub), so that their changes are taken, not held.
 */
#define DAY		1000	/* contacts a site records in a day */
#define DELTAS		5	/* deltas timed one by one, for a median */
#define HUB_SITES	10	/* a county hub's sites, the root the first */
#define NSITES		(HUB_SITES + DELTAS)
#define ADMIN_PASS	"the hub administrator's passphrase"

struct hub {
	const char	*dir;
	struct oneteam	 root;		/* made the team; admits the others */
	char		 db[NSITES][256];	/* 0 the root */
	char		 first[256];	/* the root's bundle sites join with */
};

static void
hub_path(char *buf, size_t len, const char *dir, const char *what, int i,
    const char *ext)
{
	snprintf(buf, len, "%s/oneteam-bench-%s%d-%ld.%s", dir, what, i,
	    (long)getpid(), ext);
}

/* Open site i of the hub again, with its own configuration. */
static void
hub_open(struct hub *h, int i, struct oneteam *ot)
{
	char	*cause = NULL, *ini = xconcat(h->db[i], ".ini", NULL);

	if (oneteam_open(ot, ini, h->db[i], 0, &cause) != 0)
		bench_die(h->db[i], cause);
	free(ini);
}

/*
 * The root: a site whose administrator signs with a passphrase's key
 * (only such a one admits a site, and every site takes an admission
 * only so signed), and who makes the team.
 */
static void
hub_root(struct hub *h)
{
	struct oneteam		*ot = &h->root;
	struct staff_new	 sn;
	struct sync_result	 res;
	struct id		 admin;
	char			 hash[SIGNIN_HASH_LEN], *cause = NULL;
	uint8_t			 sk[SIGNIN_SK_LEN];

	sync_open(ot, h->db[0]);
	memset(&sn, 0, sizeof sn);
	sn.name = "County hub administrator";
	sn.role = "health_visitor";
	sn.agency = "health_visiting";
	sn.locality = "Riverside";
	sn.coordinator = 1;
	sn.admin = 1;
	/* The first, as init makes them: nobody is at work to add them. */
	if (store_begin(ot->st, &cause) != 0 ||
	    staff_add_tx(ot, &sn, &admin, &cause) != 0 ||
	    signin_hash(ADMIN_PASS, strlen(ADMIN_PASS), hash, sk,
	    &cause) != 0 ||
	    signin_set_hash_tx(ot, &admin, hash, &cause) != 0 ||
	    store_commit(ot->st, &cause) != 0)
		bench_die("hub administrator", cause);
	ot->me = admin;
	store_set_author(ot->st, &admin);
	store_set_signer(ot->st, &admin, sk);
	if (team_create(ot, PASS, strlen(PASS), TEAM_KDF_INTERACTIVE,
	    &cause) != 0 ||
	    bundle_export(ot, NULL, h->first, NULL, &res, &cause) != 0)
		bench_die("hub team", cause);
}

/*
 * Site i joins the team from the root's bundle and is admitted at the
 * root from a bundle of its own, as test-converge.c's admit() does.
 */
static void
hub_admit(struct hub *h, int i)
{
	struct oneteam		 ot;
	struct sync_result	 res;
	char			 file[256], print[TEAM_PRINT_LEN];
	char			*cause = NULL;

	hub_path(file, sizeof file, h->dir, "hub-join", i, "otb");
	sync_open(&ot, h->db[i]);
	if (team_join(&ot, h->first, PASS, strlen(PASS), &cause) != 0 ||
	    bundle_import(&ot, h->first, NULL, &res, &cause) != 0 ||
	    bundle_export(&ot, NULL, file, NULL, &res, &cause) != 0)
		bench_die("hub site", cause);
	if (team_site_print(&ot, print, &cause) != 1)
		bench_die("hub site's fingerprint", cause);
	if (bundle_import(&h->root, file, NULL, &res, &cause) != 0 ||
	    team_admit(&h->root, print, store_site_name(ot.st), NULL,
	    &cause) != 0)
		bench_die("hub admission", cause);
	oneteam_close(&ot);
	unlink(file);
}

/*
 * A site's day: DAY contacts on random families of the borough, in one
 * transaction, then its bundle at file.
 */
static void
hub_day(struct oneteam *site, struct oneteam *borough, const char *file)
{
	struct sync_result	 res;
	struct query		*q;
	struct field		 f[10];
	struct id		 fam[DAY];
	char			*cause = NULL;
	int			 i, n = 0;

	q = query_prepare(borough->st, "SELECT id FROM family ORDER BY "
	    "random() LIMIT ?1");
	query_bind_int(q, 1, DAY);
	while (n < DAY && query_step(q) == 1)
		fam[n++] = query_id(q, 0);
	query_done(q);
	if (n == 0)
		bench_die("delta", xstrdup("the borough has no families"));
	if (store_begin(site->st, &cause) != 0)
		bench_die("delta site", cause);
	for (i = 0; i < DAY; i++) {
		f[0] = (struct field){ "contact", val_null() };
		f[1] = (struct field){ "corrects", val_null() };
		f[2] = (struct field){ "family", val_id(&fam[i % n]) };
		f[3] = (struct field){ "at", val_int(site->now - i * 60000LL) };
		f[4] = (struct field){ "kind", val_text("phone_call") };
		f[5] = (struct field){ "venue", val_null() };
		f[6] = (struct field){ "seen", val_null() };
		f[7] = (struct field){ "summary",
		    val_text("Rang mum: the boiler is fixed, school is fine.") };
		f[8] = (struct field){ "follow_up", val_null() };
		f[9] = (struct field){ "planned", val_int(0) };
		if (store_new(site->st, "contact", f, 10, NULL, &cause) != 0)
			bench_die("contact", cause);
	}
	if (store_commit(site->st, &cause) != 0 ||
	    bundle_export(site, NULL, file, NULL, &res, &cause) != 0)
		bench_die("delta export", cause);
}

/* The CPU time of the process so far, user and system, in ms: against
 * the wall's, what an import waits for (the disk) shows. */
static double
cpu_now(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

/* What the process has written so far, in MB: the bytes of its write
 * calls (/proc/self/io wchar; 0 where there is none). Unlike time, the
 * same whatever else the machine does, so it tells a change that writes
 * fewer pages even on a noisy disk. */
static double
written_now(void)
{
	FILE			*f;
	char			 line[128];
	unsigned long long	 n = 0;

	if ((f = fopen("/proc/self/io", "r")) == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "wchar: %llu", &n) == 1)
			break;
	fclose(f);
	return n / 1e6;
}

/* Import file into the borough; the time in ms. A day's contacts must
 * be taken: none held for want of an admission, or left out. */
static double
hub_import(struct oneteam *borough, const char *file, uint64_t least,
    struct sync_result *res)
{
	char	*cause = NULL;
	double	 t;

	t = bench_now();
	if (bundle_import(borough, file, NULL, res, &cause) != 0)
		bench_die("import into the borough", cause);
	t = bench_now() - t;
	if (res->added - res->trail < least || res->unadmitted != 0 ||
	    res->skipped != 0 || res->refused != 0 || res->forged != 0)
		bench_die(file, xprintf("%llu new (%llu of the trail), %llu "
		    "held before, %llu unadmitted, %llu skipped, %llu "
		    "refused, %llu forged", (unsigned long long)res->added,
		    (unsigned long long)res->trail,
		    (unsigned long long)res->held,
		    (unsigned long long)res->unadmitted,
		    (unsigned long long)res->skipped,
		    (unsigned long long)res->refused,
		    (unsigned long long)res->forged));
	return t;
}

/* Copy a closed database (and its log, if any) from to to. */
static void
sync_copy(const char *from, const char *to)
{
	static char	 buf[1 << 20];
	const char	*sfx[] = { "", "-wal" };
	char		*a, *b;
	ssize_t		 n;
	int		 i, in, out;

	for (i = 0; i < 2; i++) {
		a = xconcat(from, sfx[i], NULL);
		b = xconcat(to, sfx[i], NULL);
		unlink(b);
		if ((in = open(a, O_RDONLY)) == -1) {
			if (i == 0)
				bench_die(a, xstrdup(strerror(errno)));
			free(a);
			free(b);
			continue;
		}
		if ((out = open(b, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
			bench_die(b, xstrdup(strerror(errno)));
		while ((n = read(in, buf, sizeof buf)) > 0)
			if (write(out, buf, (size_t)n) != n)
				bench_die(b, xstrdup(strerror(errno)));
		if (n < 0 || close(out) != 0)
			bench_die(a, xstrdup(strerror(errno)));
		close(in);
		free(a);
		free(b);
	}
}

/*
 * Write what the page cache holds of a database to disk: a borough just
 * built (without syncing, as the bulk load does) or copied is mostly
 * writes still waiting, and the first import's fsync would wait for all
 * of them, gigabytes, and be timed for it. A hub's database is on disk.
 */
static void
sync_settle(const char *db)
{
	const char	*sfx[] = { "", "-wal" };
	char		*p;
	int		 i, fd;

	for (i = 0; i < 2; i++) {
		p = xconcat(db, sfx[i], NULL);
		if ((fd = open(p, O_RDONLY)) != -1) {
			if (fsync(fd) != 0)
				bench_die(p, xstrdup(strerror(errno)));
			close(fd);
		}
		free(p);
	}
}

/*
 * The borough's bundles. The borough joins the hub's team (once a
 * database has joined a team it joins no other: a kept borough, -o, is
 * copied first so that it can be timed again), then imports DELTAS
 * bundles of a day's contacts one by one, each from a site of its own,
 * and then the county hub's day: one bundle from each of HUB_SITES
 * sites, one after the other, as a hub takes them in the morning.
 */
void
bench_sync_borough(const char *dir, const char *borough, int copy)
{
	struct hub		 h;
	struct oneteam		 ot, site;
	struct sync_result	 res;
	double			 t[DELTAS], each[HUB_SITES], all, cpu, mb, wrote;
	char			 path[256], delta[256], file[HUB_SITES][256];
	char			 more[128];
	char			*cause = NULL;
	uint64_t		 added = 0, held = 0;
	int			 i;

	memset(&h, 0, sizeof h);
	h.dir = dir;
	if (copy) {
		hub_path(path, sizeof path, dir, "borough", 0, "db");
		all = bench_now();
		sync_copy(borough, path);
		sync_line("  (a copy of the kept borough to time on)",
		    bench_now() - all, "");
		borough = path;
	}
	all = bench_now();
	sync_settle(borough);
	sync_line("  (the borough written to disk first)", bench_now() - all,
	    "");
	for (i = 0; i < NSITES; i++)
		hub_path(h.db[i], sizeof h.db[i], dir, "site", i, "db");
	hub_path(h.first, sizeof h.first, dir, "hub-first", 0, "otb");
	hub_path(delta, sizeof delta, dir, "delta", 0, "otb");
	for (i = 0; i < HUB_SITES; i++)
		hub_path(file[i], sizeof file[i], dir, "hub-day", i, "otb");
	hub_root(&h);
	for (i = 1; i < NSITES; i++)
		hub_admit(&h, i);
	/* The borough joins from a bundle of the root that carries the
	 * admissions; it is small, but the borough's first. */
	if (bundle_export(&h.root, NULL, h.first, NULL, &res, &cause) != 0)
		bench_die("hub team", cause);
	if (oneteam_open(&ot, NULL, borough, 0, &cause) != 0)
		bench_die(borough, cause);
	if (team_join(&ot, h.first, PASS, strlen(PASS), &cause) != 0)
		bench_die("borough join", cause);
	all = hub_import(&ot, h.first, NSITES - 1, &res);
	snprintf(more, sizeof more, "%llu new",
	    (unsigned long long)res.added);
	printf("%-48s %9.3f ms %s\n", "  join: the team's first bundle", all,
	    more);

	/* The deltas, each a site's day on its own. */
	for (i = 0, cpu = 0, mb = 0; i < DELTAS; i++) {
		hub_open(&h, HUB_SITES + i, &site);
		hub_day(&site, &ot, delta);
		oneteam_close(&site);
		all = cpu_now();
		wrote = written_now();
		t[i] = hub_import(&ot, delta, DAY, &res);
		cpu += cpu_now() - all;
		mb += written_now() - wrote;
		added += res.added;
		held += res.held;
	}
	printf("%-48s", "  each");
	for (i = 0; i < DELTAS; i++)
		printf(" %.1f", t[i]);
	printf(" ms\n");
	snprintf(more, sizeof more, "import %d deltas of 1,000 contacts (ms)",
	    DELTAS);
	bench_report(more, t, DELTAS, 300);
	printf("%-48s %9llu new, %llu held before\n", "  of them",
	    (unsigned long long)added, (unsigned long long)held);
	printf("%-48s %9.1f ms\n", "  their CPU time, user and system, a delta",
	    cpu / DELTAS);
	printf("%-48s %9.1f MB\n", "  written (the log, the database), a delta",
	    mb / DELTAS);

	/* The county hub: every site's day, then the hub takes them all. */
	hub_day(&h.root, &ot, file[0]);
	for (i = 1; i < HUB_SITES; i++) {
		hub_open(&h, i, &site);
		hub_day(&site, &ot, file[i]);
		oneteam_close(&site);
	}
	added = held = 0;
	all = 0;
	cpu = cpu_now();
	for (i = 0; i < HUB_SITES; i++) {
		each[i] = hub_import(&ot, file[i], DAY, &res);
		all += each[i];
		added += res.added;
		held += res.held;
	}
	printf("%-48s", "  each");
	for (i = 0; i < HUB_SITES; i++)
		printf(" %.0f", each[i]);
	printf(" ms\n");
	snprintf(more, sizeof more, "%llu new, %llu held before; target 5 s: "
	    "%s", (unsigned long long)added, (unsigned long long)held,
	    all <= 5000 ? "ok" : "OVER TARGET");
	sync_line("county hub: 10 sites' days into the borough", all, more);
	sync_line("  its CPU time (user and system)", cpu_now() - cpu, "");

	/* What the title bar asks at each screen it loads. */
	all = bench_now();
	if (conflict_count(&ot, &cause) < 0)
		bench_die("conflicts", cause);
	(void)sync_last_exchange(&ot);
	all = bench_now() - all;
	printf("%-48s %9.3f ms\n", "title bar: conflicts and last exchange",
	    all);
	oneteam_close(&ot);
	oneteam_close(&h.root);
	for (i = 0; i < NSITES; i++)
		sync_remove(h.db[i]);
	for (i = 0; i < HUB_SITES; i++)
		unlink(file[i]);
	unlink(h.first);
	unlink(delta);
	if (copy)
		sync_remove(path);
}

void
bench_sync(const char *dir, long changes)
{
	sync_full(dir, changes);
}
