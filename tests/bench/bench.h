/*
 * Shared by the parts of the benchmark: bench.c builds the database and
 * times the core; bench-screens.c times the screens on it.
 */
#ifndef ONETEAM_BENCH_H
#define ONETEAM_BENCH_H

#include "oneteam/oneteam.h"

/* Say what failed and end the benchmark. */
void	 bench_die(const char *what, char *cause) __attribute__((noreturn));

/* A monotonic clock, in ms. */
double	 bench_now(void);

/* Print the median and 95th percentile of n times (ms; sorts t) against a
 * target median in ms. */
void	 bench_report(const char *what, double *t, int n, double target);
/* The same, with a target for the 95th percentile too (0: none). */
void	 bench_report_p95(const char *what, double *t, int n, double target,
	     double p95_target);

/* Time the screens over an open core, as who. */
void	 bench_screens(struct oneteam *, const struct id *who, int runs);

/* Time a full bundle of about changes changes: export, import, and plain
 * SQLite inserting the same rows (bench-sync.c). */
void	 bench_sync(const char *dir, long changes);
/* Time importing bundles of 1,000 new contacts into the borough: one
 * site's at a time, and a county hub's day of ten sites; on a copy of
 * it if copy (bench-sync.c). */
void	 bench_sync_borough(const char *dir, const char *borough, int copy);

#endif
