/*
 * bench-sync.c: the bundles' part of `make bench`. A site with about a
 * million changes exports them in one full bundle and a new site imports
 * it; the same rows are then inserted by plain SQLite, row by row in one
 * transaction, into an empty database of the same schema, the yardstick
 * the import is held to (within three times). Then a bundle of 1,000 new
 * contacts is imported into the borough of 100,000 families.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "bench.h"
#include "oneteam/demo.h"
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

static void
sync_remove(const char *db)
{
	char	*p;

	unlink(db);
	p = xconcat(db, "-wal", NULL);
	unlink(p);
	free(p);
	p = xconcat(db, "-shm", NULL);
	unlink(p);
	free(p);
	p = xconcat(db, ".key", NULL);
	unlink(p);
	free(p);
	p = xconcat(db, ".ini", NULL);
	unlink(p);
	free(p);
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

/* A bundle of 1,000 new contacts, from a site of its own, imported into
 * the borough (which joins that site's team first). */
void
bench_sync_delta(const char *dir, const char *borough)
{
	struct oneteam		 ot, d;
	struct sync_result	 res;
	struct query		*q;
	struct field		 f[10];
	struct id		 fam[1000];
	char			 path[256], file[256], more[64];
	char			*cause = NULL;
	double			 t;
	int			 i, n = 0;

	if (oneteam_open(&ot, NULL, borough, 0, &cause) != 0)
		bench_die(borough, cause);
	q = query_prepare(ot.st, "SELECT id FROM family ORDER BY random() "
	    "LIMIT 1000");
	while (n < 1000 && query_step(q) == 1)
		fam[n++] = query_id(q, 0);
	query_done(q);

	snprintf(path, sizeof path, "%s/oneteam-bench-sync-d-%ld.db", dir,
	    (long)getpid());
	snprintf(file, sizeof file, "%s/oneteam-bench-delta-%ld.otb", dir,
	    (long)getpid());
	sync_open(&d, path);
	if (team_create(&d, PASS, strlen(PASS), TEAM_KDF_INTERACTIVE,
	    &cause) != 0 || store_begin(d.st, &cause) != 0)
		bench_die("delta site", cause);
	for (i = 0; i < 1000; i++) {
		f[0] = (struct field){ "contact", val_null() };
		f[1] = (struct field){ "corrects", val_null() };
		f[2] = (struct field){ "family", val_id(&fam[i % n]) };
		f[3] = (struct field){ "at", val_int(d.now - i * 60000LL) };
		f[4] = (struct field){ "kind", val_text("phone_call") };
		f[5] = (struct field){ "venue", val_null() };
		f[6] = (struct field){ "seen", val_null() };
		f[7] = (struct field){ "summary",
		    val_text("Rang mum: the boiler is fixed, school is fine.") };
		f[8] = (struct field){ "follow_up", val_null() };
		f[9] = (struct field){ "planned", val_int(0) };
		if (store_new(d.st, "contact", f, 10, NULL, &cause) != 0)
			bench_die("contact", cause);
	}
	if (store_commit(d.st, &cause) != 0 ||
	    bundle_export(&d, NULL, file, NULL, &res, &cause) != 0)
		bench_die("delta export", cause);
	oneteam_close(&d);
	if (team_join(&ot, file, PASS, strlen(PASS), &cause) != 0)
		bench_die("borough join", cause);
	t = bench_now();
	if (bundle_import(&ot, file, NULL, &res, &cause) != 0)
		bench_die("delta import", cause);
	t = bench_now() - t;
	snprintf(more, sizeof more, "%llu new; target 1 s: %s",
	    (unsigned long long)res.added, t <= 1000 ? "ok" : "OVER TARGET");
	sync_line("import 1,000 new contacts into the borough", t, more);
	/* What the title bar asks at each screen it loads. */
	t = bench_now();
	if (conflict_count(&ot, &cause) < 0)
		bench_die("conflicts", cause);
	(void)sync_last_exchange(&ot);
	t = bench_now() - t;
	printf("%-48s %9.3f ms\n", "title bar: conflicts and last exchange", t);
	oneteam_close(&ot);
	sync_remove(path);
	unlink(file);
}

void
bench_sync(const char *dir, long changes)
{
	sync_full(dir, changes);
}
