/*
 * Dates and times as the team says them and as the store keeps them.
 *
 * A calendar date (date of birth, due date, review date) has no time zone
 * and is kept as ISO text "YYYY-MM-DD". A moment (when a contact happened,
 * when something was recorded) is kept as milliseconds since the epoch in
 * UTC and shown in local time (the TZ of the process).
 */
#ifndef ONETEAM_DATE_H
#define ONETEAM_DATE_H

#include <stdint.h>

struct date {
	int	y;	/* 1900..2200 */
	int	m;	/* 1..12 */
	int	d;	/* 1..31, valid for the month */
};

/*
 * Now, in milliseconds since the epoch: the wall clock. The programs of
 * the tests (oneteam/hook.h) fix it through the ONETEAM_NOW environment
 * variable ("2026-03-12T09:30:00Z" or "2026-03-12T09:30:00" in local
 * time, or seconds since the epoch); a value they cannot read ends the
 * program. The installed oneteam never reads it.
 */
int64_t	 clock_now_ms(void);
/*
 * Before this, a machine's clock is wrong (a flat battery puts it back to
 * 2000 or 1970): 2024-01-01, before oneteam's first release. Nothing is
 * recorded by a clock before it (oplog.c).
 */
#define CLOCK_EPOCH_MS	1704067200000LL

/* Today's local date at the given moment. */
struct date date_from_ms(int64_t ms);

/*
 * Parse a date typed by a person, relative to the local date of now_ms:
 * "today", "tomorrow", "yesterday", "+3d", "-2d", "+2w", "+1m" (months),
 * "12/3" (day/month, this year), "12/3/2026", "12/03/26", "2026-03-12".
 * Returns -1 with *cause set ("date \"31/2\" does not exist", "date
 * \"next tuesday\" not understood: try 2026-03-12, 12/3, today or +3d").
 */
int	 date_parse(const char *s, int64_t now_ms, struct date *out,
	     char **cause);

/* Is this a real calendar date? */
int	 date_valid(const struct date *);

/* Write "YYYY-MM-DD" into buf (at least 11 bytes). */
void	 date_iso(const struct date *, char *buf);

/* Parse strict "YYYY-MM-DD" (as stored); returns -1 if not a real date. */
int	 date_from_iso(const char *s, struct date *out);

/* Days from a to b (b - a). */
int	 date_diff(const struct date *a, const struct date *b);

/* a plus n days. */
struct date date_add_days(const struct date *a, int n);

/*
 * Working days (workday.c): Monday to Friday, and not a day holiday(d,
 * arg) says is a bank holiday (holiday may be NULL). The date n working
 * days after from: the first working day after it counts one, whatever
 * from is (a referral sent on Friday, or on a Saturday, with a day to
 * answer is due on Monday). n is 0 or more.
 */
int		 date_is_workday(const struct date *,
		     int (*holiday)(const struct date *, void *), void *arg);
struct date	 date_add_workdays(const struct date *from, int n,
		     int (*holiday)(const struct date *, void *), void *arg);

/*
 * Parse a moment typed by a person, in local time: "now"; a date as
 * date_parse() accepts, optionally followed by a time "14:30", "2:30pm",
 * "2:30 pm" or "2pm" (a date alone means the current time of day if it is
 * today, else 12:00; a time alone means today); ISO "2026-03-12T14:30" and
 * "2026-03-12 14:30".
 * Returns -1 with *cause set.
 */
int	 time_parse(const char *s, int64_t now_ms, int64_t *out, char **cause);

/* Format a moment in local time, "12 Mar 2026 14:30", into buf (>= 32). */
void	 time_format(int64_t ms, char *buf, size_t len);

/* Format a moment as ISO 8601 UTC "2026-03-12T14:30:00Z" into buf (>= 32). */
void	 time_format_iso(int64_t ms, char *buf, size_t len);

/* Format a length of time for people, rounded down: "20 minutes",
 * "23 hours", "3 days", "5 months", "1 year" into buf (>= 32). */
void	 duration_format(int64_t ms, char *buf, size_t len);

/* Format a stored ISO date for people: "12 Mar 2026" into buf (>= 16). */
void	 date_format(const char *iso, char *buf, size_t len);

#endif
