/*
 * Unit tests for date.c: the injected clock, reading dates and times as
 * people type them, calendar sums and formatting. Every test runs in
 * Europe/London with "now" fixed through ONETEAM_NOW.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oneteam/date.h"

/* 2026-03-12T09:30:00Z, a Thursday, before the clocks go forward. */
#define NOW_ISO		"2026-03-12T09:30:00Z"
#define NOW_MS		INT64_C(1773307800000)
/* 2026-03-12T14:30:00Z: 14:30 in London on that day. */
#define AFTERNOON_MS	INT64_C(1773325800000)
#define HOUR_MS		INT64_C(3600000)
#define DAY_MS		(24 * HOUR_MS)

#define DATE_HINT	"try 2026-03-12, 12/3, today or +3d"
#define MOMENT_HINT	"try now, 14:30, today 2:30pm or 12/3/2026 14:30"

static int
setup_group(void **state)
{
	struct tm	tm;
	time_t		summer = 1782896400;	/* 2026-07-01T09:00:00Z */

	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return -1;
	if (setenv("TZ", "Europe/London", 1) != 0)
		return -1;
	tzset();
	/* Without the zone data, TZ quietly means UTC. */
	if (localtime_r(&summer, &tm) == NULL || tm.tm_hour != 10) {
		fprintf(stderr, "no Europe/London zone data (tzdata)\n");
		return -1;
	}
	return 0;
}

static int
setup_now(void **state)
{
	(void)state;
	return setenv("ONETEAM_NOW", NOW_ISO, 1);
}

/* A message is one line with no full stop at the end. */
static void
assert_message(const char *cause)
{
	size_t	len;

	assert_non_null(cause);
	len = strlen(cause);
	assert_true(len > 0);
	assert_null(strchr(cause, '\n'));
	assert_int_not_equal(cause[len - 1], '.');
}

static void
assert_date(const struct date *dt, int y, int m, int d)
{
	assert_int_equal(dt->y, y);
	assert_int_equal(dt->m, m);
	assert_int_equal(dt->d, d);
}

static void
assert_parses(const char *in, int64_t now, const char *want)
{
	struct date	 dt;
	char		*cause = NULL, iso[11];

	if (date_parse(in, now, &dt, &cause) != 0)
		fail_msg("\"%s\": %s", in, cause);
	assert_null(cause);
	date_iso(&dt, iso);
	assert_string_equal(iso, want);
}

static void
assert_date_fails(const char *in, const char *want)
{
	struct date	 dt;
	char		*cause = NULL;

	assert_int_equal(date_parse(in, NOW_MS, &dt, &cause), -1);
	assert_message(cause);
	assert_string_equal(cause, want);
	free(cause);
}

static void
assert_time_parses(const char *in, int64_t want)
{
	int64_t	 ms;
	char	*cause = NULL;

	if (time_parse(in, NOW_MS, &ms, &cause) != 0)
		fail_msg("\"%s\": %s", in, cause);
	assert_null(cause);
	if (ms != want)
		fail_msg("\"%s\": got %lld, want %lld", in, (long long)ms,
		    (long long)want);
}

static void
assert_time_fails(const char *in, const char *want)
{
	int64_t	 ms;
	char	*cause = NULL;

	assert_int_equal(time_parse(in, NOW_MS, &ms, &cause), -1);
	assert_message(cause);
	assert_string_equal(cause, want);
	free(cause);
}

/* Milliseconds of a UTC date and time, worked out independently. */
static int64_t
utc_ms(int y, int m, int d, int h, int mi)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return (int64_t)timegm(&tm) * 1000;
}

static void
test_clock_env(void **state)
{
	(void)state;
	assert_int_equal(clock_now_ms(), NOW_MS);
	setenv("ONETEAM_NOW", "1773307800", 1);
	assert_int_equal(clock_now_ms(), NOW_MS);
	setenv("ONETEAM_NOW", "0", 1);
	assert_int_equal(clock_now_ms(), 0);
	/* Local time: in winter London is on UTC... */
	setenv("ONETEAM_NOW", "2026-03-12T09:30:00", 1);
	assert_int_equal(clock_now_ms(), NOW_MS);
	/* ...and in summer an hour ahead of it. */
	setenv("ONETEAM_NOW", "2026-07-01T10:00:00", 1);
	assert_int_equal(clock_now_ms(), utc_ms(2026, 7, 1, 9, 0));
	setenv("ONETEAM_NOW", "2026-07-01T10:00:00Z", 1);
	assert_int_equal(clock_now_ms(), utc_ms(2026, 7, 1, 10, 0));
}

static void
test_clock_wall(void **state)
{
	int64_t	now;

	(void)state;
	unsetenv("ONETEAM_NOW");
	now = clock_now_ms();
	/* After 2024 and before 2200. */
	assert_true(now > INT64_C(1704067200000));
	assert_true(now < INT64_C(7258118400000));
	setenv("ONETEAM_NOW", "", 1);
	assert_true(clock_now_ms() > INT64_C(1704067200000));
}

static void
test_date_from_ms(void **state)
{
	struct date	dt;

	(void)state;
	dt = date_from_ms(NOW_MS);
	assert_date(&dt, 2026, 3, 12);
	/* 23:30 UTC on 30 June is already 1 July in London. */
	dt = date_from_ms(utc_ms(2026, 6, 30, 23, 30));
	assert_date(&dt, 2026, 7, 1);
	/* 23:30 UTC on 31 December is still that day (GMT). */
	dt = date_from_ms(utc_ms(2026, 12, 31, 23, 30));
	assert_date(&dt, 2026, 12, 31);
}

static void
test_parse_words(void **state)
{
	(void)state;
	assert_parses("today", NOW_MS, "2026-03-12");
	assert_parses("TODAY", NOW_MS, "2026-03-12");
	assert_parses("  Tomorrow  ", NOW_MS, "2026-03-13");
	assert_parses("yesterday", NOW_MS, "2026-03-11");
	assert_parses("Yesterday\t", NOW_MS, "2026-03-11");
	/* "Today" is the local date, not the UTC one. */
	assert_parses("today", utc_ms(2026, 6, 30, 23, 30), "2026-07-01");
	assert_parses("tomorrow", utc_ms(2026, 12, 31, 12, 0), "2027-01-01");
}

static void
test_parse_relative(void **state)
{
	(void)state;
	assert_parses("+3d", NOW_MS, "2026-03-15");
	assert_parses("-2d", NOW_MS, "2026-03-10");
	assert_parses("+0d", NOW_MS, "2026-03-12");
	assert_parses("+2w", NOW_MS, "2026-03-26");
	assert_parses("-1W", NOW_MS, "2026-03-05");
	assert_parses("+1m", NOW_MS, "2026-04-12");
	assert_parses("+1M", NOW_MS, "2026-04-12");
	assert_parses("-3m", NOW_MS, "2025-12-12");
	assert_parses("+20d", NOW_MS, "2026-04-01");
	assert_parses("+365d", NOW_MS, "2027-03-12");
	assert_parses(" +12m ", NOW_MS, "2027-03-12");
	/* Across the change to summer time, days are still days. */
	assert_parses("+17d", NOW_MS, "2026-03-29");
	assert_parses("+18d", NOW_MS, "2026-03-30");
}

static void
test_parse_months_clamp(void **state)
{
	int64_t	jan31 = utc_ms(2026, 1, 31, 12, 0);

	(void)state;
	assert_parses("+1m", jan31, "2026-02-28");
	assert_parses("+2m", jan31, "2026-03-31");
	assert_parses("+3m", jan31, "2026-04-30");
	assert_parses("+13m", jan31, "2027-02-28");
	assert_parses("+1m", utc_ms(2028, 1, 31, 12, 0), "2028-02-29");
	assert_parses("-1m", utc_ms(2026, 3, 31, 12, 0), "2026-02-28");
	assert_parses("-12m", utc_ms(2028, 2, 29, 12, 0), "2027-02-28");
	assert_parses("+48m", utc_ms(2028, 2, 29, 12, 0), "2032-02-29");
}

static void
test_parse_day_month(void **state)
{
	(void)state;
	/* Day first, as in the UK. */
	assert_parses("12/3", NOW_MS, "2026-03-12");
	assert_parses("3/12", NOW_MS, "2026-12-03");
	assert_parses("1/1", NOW_MS, "2026-01-01");
	assert_parses("01/01", NOW_MS, "2026-01-01");
	assert_parses("12/3/2026", NOW_MS, "2026-03-12");
	assert_parses("12/03/26", NOW_MS, "2026-03-12");
	assert_parses("5/11/99", NOW_MS, "2099-11-05");
	assert_parses("1/2/00", NOW_MS, "2000-02-01");
	assert_parses("14/2/1985", NOW_MS, "1985-02-14");
	assert_parses("29/2/2028", NOW_MS, "2028-02-29");
	assert_parses("29/2/2000", NOW_MS, "2000-02-29");
	assert_parses("1/1/1900", NOW_MS, "1900-01-01");
	assert_parses("31/12/2200", NOW_MS, "2200-12-31");
	assert_parses(" 12/3 ", NOW_MS, "2026-03-12");
}

static void
test_parse_iso(void **state)
{
	(void)state;
	assert_parses("2026-03-12", NOW_MS, "2026-03-12");
	assert_parses("1999-12-31", NOW_MS, "1999-12-31");
	assert_parses("2028-02-29", NOW_MS, "2028-02-29");
	assert_parses("\t2026-03-12\n", NOW_MS, "2026-03-12");
}

static void
test_parse_impossible(void **state)
{
	(void)state;
	assert_date_fails("31/2", "date \"31/2\" does not exist");
	assert_date_fails("29/2", "date \"29/2\" does not exist");
	assert_date_fails("29/2/1900", "date \"29/2/1900\" does not exist");
	assert_date_fails("2026-02-29", "date \"2026-02-29\" does not exist");
	assert_date_fails("31/4/2026", "date \"31/4/2026\" does not exist");
	assert_date_fails("12/13", "date \"12/13\" does not exist");
	assert_date_fails("2026-13-01", "date \"2026-13-01\" does not exist");
	assert_date_fails("2026-00-10", "date \"2026-00-10\" does not exist");
	assert_date_fails("0/3", "date \"0/3\" does not exist");
	assert_date_fails("32/1/2026", "date \"32/1/2026\" does not exist");
	/* The message quotes what was typed, trimmed. */
	assert_date_fails("  31/02/26 ", "date \"31/02/26\" does not exist");
}

static void
test_parse_years(void **state)
{
	(void)state;
	assert_date_fails("31/12/1899",
	    "date \"31/12/1899\" is outside the years 1900 to 2200");
	assert_date_fails("2201-01-01",
	    "date \"2201-01-01\" is outside the years 1900 to 2200");
	assert_date_fails("0001-01-01",
	    "date \"0001-01-01\" is outside the years 1900 to 2200");
	assert_date_fails("+99999d",
	    "date \"+99999d\" is outside the years 1900 to 2200");
	assert_date_fails("-99999m",
	    "date \"-99999m\" is outside the years 1900 to 2200");
}

static void
test_parse_not_understood(void **state)
{
	(void)state;
	assert_date_fails("next tuesday",
	    "date \"next tuesday\" not understood: " DATE_HINT);
	assert_date_fails("Next Tuesday",
	    "date \"Next Tuesday\" not understood: " DATE_HINT);
	assert_date_fails("", "no date given: " DATE_HINT);
	assert_date_fails("   ", "no date given: " DATE_HINT);
	assert_date_fails("tomorrowx",
	    "date \"tomorrowx\" not understood: " DATE_HINT);
	assert_date_fails("3d", "date \"3d\" not understood: " DATE_HINT);
	assert_date_fails("+3", "date \"+3\" not understood: " DATE_HINT);
	assert_date_fails("+d", "date \"+d\" not understood: " DATE_HINT);
	assert_date_fails("+3y", "date \"+3y\" not understood: " DATE_HINT);
	assert_date_fails("+3dd", "date \"+3dd\" not understood: " DATE_HINT);
	assert_date_fails("+100000d",
	    "date \"+100000d\" not understood: " DATE_HINT);
	assert_date_fails("12-3-2026",
	    "date \"12-3-2026\" not understood: " DATE_HINT);
	assert_date_fails("12.3.2026",
	    "date \"12.3.2026\" not understood: " DATE_HINT);
	assert_date_fails("12/3/202",
	    "date \"12/3/202\" not understood: " DATE_HINT);
	assert_date_fails("12/3/20266",
	    "date \"12/3/20266\" not understood: " DATE_HINT);
	assert_date_fails("12/3/", "date \"12/3/\" not understood: " DATE_HINT);
	assert_date_fails("123/3", "date \"123/3\" not understood: " DATE_HINT);
	assert_date_fails("2026-3-12",
	    "date \"2026-3-12\" not understood: " DATE_HINT);
	assert_date_fails("2026-03-12x",
	    "date \"2026-03-12x\" not understood: " DATE_HINT);
	assert_date_fails("12 / 3",
	    "date \"12 / 3\" not understood: " DATE_HINT);
	/* What is quoted back is made safe for the terminal, on one line. */
	assert_date_fails("\x1b[2J\nx",
	    "date \"\\e[2J\\nx\" not understood: " DATE_HINT);
}

static void
test_valid_and_iso(void **state)
{
	struct date	dt = { 2026, 3, 12 };
	struct date	bad[] = {
		{ 1899, 12, 31 }, { 2201, 1, 1 }, { 2026, 0, 1 },
		{ 2026, 13, 1 }, { 2026, 1, 0 }, { 2026, 1, 32 },
		{ 2026, 2, 29 }, { 2100, 2, 29 }, { 2026, 6, 31 }
	};
	char		buf[11];
	size_t		i;

	(void)state;
	assert_true(date_valid(&dt));
	date_iso(&dt, buf);
	assert_string_equal(buf, "2026-03-12");
	dt.y = 1900; dt.m = 1; dt.d = 1;
	assert_true(date_valid(&dt));
	date_iso(&dt, buf);
	assert_string_equal(buf, "1900-01-01");
	dt.y = 2000; dt.m = 2; dt.d = 29;
	assert_true(date_valid(&dt));
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(date_valid(&bad[i]));
}

static void
test_from_iso(void **state)
{
	static const char	*bad[] = {
		"", "2026-3-12", "2026-03-1", "26-03-12", "2026/03/12",
		"2026-03-12 ", " 2026-03-12", "2026-03-12T00:00",
		"2026-02-29", "2026-13-01", "1899-12-31", "2201-01-01",
		"today", "12/3/2026", "+2026-03-12"
	};
	struct date		 dt;
	size_t			 i;

	(void)state;
	assert_int_equal(date_from_iso("2026-03-12", &dt), 0);
	assert_date(&dt, 2026, 3, 12);
	assert_int_equal(date_from_iso("2028-02-29", &dt), 0);
	assert_date(&dt, 2028, 2, 29);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		dt.y = 1; dt.m = 2; dt.d = 3;
		assert_int_equal(date_from_iso(bad[i], &dt), -1);
		/* Left alone on failure. */
		assert_date(&dt, 1, 2, 3);
	}
}

static void
test_diff(void **state)
{
	struct date	a = { 2026, 3, 12 }, b = { 2026, 3, 13 };
	struct date	c = { 2026, 3, 28 }, d = { 2026, 3, 30 };
	struct date	e = { 2028, 2, 28 }, f = { 2028, 3, 1 };
	struct date	g = { 1900, 1, 1 }, h = { 2200, 12, 31 };
	struct date	i = { 2026, 12, 31 }, j = { 2027, 1, 1 };

	(void)state;
	assert_int_equal(date_diff(&a, &a), 0);
	assert_int_equal(date_diff(&a, &b), 1);
	assert_int_equal(date_diff(&b, &a), -1);
	assert_int_equal(date_diff(&c, &d), 2);	/* over the clock change */
	assert_int_equal(date_diff(&e, &f), 2);	/* leap year */
	assert_int_equal(date_diff(&i, &j), 1);
	assert_int_equal(date_diff(&g, &h), 109937);
	assert_int_equal(date_diff(&h, &g), -109937);
}

static void
test_add_days(void **state)
{
	struct date	a = { 2026, 1, 31 }, r;

	(void)state;
	r = date_add_days(&a, 1);
	assert_date(&r, 2026, 2, 1);
	r = date_add_days(&a, 0);
	assert_date(&r, 2026, 1, 31);
	a.y = 2026; a.m = 1; a.d = 1;
	r = date_add_days(&a, -1);
	assert_date(&r, 2025, 12, 31);
	r = date_add_days(&a, 365);
	assert_date(&r, 2027, 1, 1);
	a.y = 1900; a.m = 3; a.d = 1;
	r = date_add_days(&a, -1);
	assert_date(&r, 1900, 2, 28);	/* 1900 was not a leap year */
	a.y = 2000;
	r = date_add_days(&a, -1);
	assert_date(&r, 2000, 2, 29);	/* 2000 was */
	a.y = 2026; a.m = 3; a.d = 28;
	r = date_add_days(&a, 2);
	assert_date(&r, 2026, 3, 30);
}

/* Every day from 1900 to 2200 follows the one before it. */
static void
test_days_walk(void **state)
{
	struct date	start = { 1900, 1, 1 }, prev, cur;
	int		n;

	(void)state;
	prev = start;
	for (n = 1; n <= 109937; n++) {
		cur = date_add_days(&start, n);
		assert_true(date_valid(&cur));
		assert_int_equal(date_diff(&prev, &cur), 1);
		if (cur.d != 1)
			assert_int_equal(cur.d, prev.d + 1);
		else if (cur.m != 1)
			assert_int_equal(cur.m, prev.m + 1);
		else
			assert_int_equal(cur.y, prev.y + 1);
		prev = cur;
	}
	assert_date(&prev, 2200, 12, 31);
}

static void
test_time_accepts(void **state)
{
	(void)state;
	assert_time_parses("now", NOW_MS);
	assert_time_parses(" NOW ", NOW_MS);
	assert_time_parses("today 14:30", AFTERNOON_MS);
	assert_time_parses("Today 2:30pm", AFTERNOON_MS);
	assert_time_parses("today 2:30 PM", AFTERNOON_MS);
	assert_time_parses("12/3 14:30", AFTERNOON_MS);
	assert_time_parses("12/3/2026 2:30pm", AFTERNOON_MS);
	assert_time_parses("12/03/26  14:30", AFTERNOON_MS);
	assert_time_parses("2026-03-12T14:30", AFTERNOON_MS);
	assert_time_parses("2026-03-12t14:30", AFTERNOON_MS);
	assert_time_parses("2026-03-12 14:30", AFTERNOON_MS);
	assert_time_parses("2026-03-12 2:30pm", AFTERNOON_MS);
	assert_time_parses("yesterday 14:30", AFTERNOON_MS - DAY_MS);
	assert_time_parses("+1d 14:30", AFTERNOON_MS + DAY_MS);
	/* A time alone is today. */
	assert_time_parses("14:30", AFTERNOON_MS);
	assert_time_parses("2:30pm", AFTERNOON_MS);
	assert_time_parses("2pm", AFTERNOON_MS - 30 * 60000);
	assert_time_parses("9:05", utc_ms(2026, 3, 12, 9, 5));
	assert_time_parses("09:05", utc_ms(2026, 3, 12, 9, 5));
	assert_time_parses("0:00", utc_ms(2026, 3, 12, 0, 0));
	assert_time_parses("23:59", utc_ms(2026, 3, 12, 23, 59));
}

static void
test_time_half_days(void **state)
{
	(void)state;
	assert_time_parses("12am", utc_ms(2026, 3, 12, 0, 0));
	assert_time_parses("12:15am", utc_ms(2026, 3, 12, 0, 15));
	assert_time_parses("12pm", utc_ms(2026, 3, 12, 12, 0));
	assert_time_parses("12:45pm", utc_ms(2026, 3, 12, 12, 45));
	assert_time_parses("1am", utc_ms(2026, 3, 12, 1, 0));
	assert_time_parses("11:59pm", utc_ms(2026, 3, 12, 23, 59));
	assert_time_parses("11:59 am", utc_ms(2026, 3, 12, 11, 59));
}

static void
test_time_date_only(void **state)
{
	(void)state;
	/* Today means the time now... */
	assert_time_parses("today", NOW_MS);
	assert_time_parses("12/3", NOW_MS);
	assert_time_parses("2026-03-12", NOW_MS);
	/* ...any other day means midday there. */
	assert_time_parses("tomorrow", utc_ms(2026, 3, 13, 12, 0));
	assert_time_parses("-1d", utc_ms(2026, 3, 11, 12, 0));
	/* Midday in summer is 11:00 UTC. */
	assert_time_parses("2026-07-01", utc_ms(2026, 7, 1, 11, 0));
}

static void
test_time_summer(void **state)
{
	(void)state;
	assert_time_parses("1/7/2026 14:30", utc_ms(2026, 7, 1, 13, 30));
	assert_time_parses("2026-07-01T00:30", utc_ms(2026, 6, 30, 23, 30));
	/* The last day of summer time and the first after it. */
	assert_time_parses("24/10/2026 10:00", utc_ms(2026, 10, 24, 9, 0));
	assert_time_parses("26/10/2026 10:00", utc_ms(2026, 10, 26, 10, 0));
}

static void
test_time_rejects(void **state)
{
	(void)state;
	assert_time_fails("25:00", "time \"25:00\" does not exist");
	assert_time_fails("24:00", "time \"24:00\" does not exist");
	assert_time_fails("14:60", "time \"14:60\" does not exist");
	assert_time_fails("today 25:00", "time \"25:00\" does not exist");
	assert_time_fails("2026-03-12T25:00", "time \"25:00\" does not exist");
	assert_time_fails("13pm", "time \"13pm\" does not exist");
	assert_time_fails("0am", "time \"0am\" does not exist");
	assert_time_fails("14:30pm", "time \"14:30pm\" does not exist");
	assert_time_fails("today 2:30 XM",
	    "\"today 2:30 XM\" not understood as a date and time: "
	    MOMENT_HINT);
	assert_time_fails("1:2", "time \"1:2\" not understood: "
	    "try 14:30 or 2:30pm");
	assert_time_fails("14:30:00", "time \"14:30:00\" not understood: "
	    "try 14:30 or 2:30pm");
	assert_time_fails("123:45", "time \"123:45\" not understood: "
	    "try 14:30 or 2:30pm");
	assert_time_fails("Today 14:3O",
	    "\"Today 14:3O\" not understood as a date and time: "
	    MOMENT_HINT);
	assert_time_fails("31/2 14:30", "date \"31/2\" does not exist");
	assert_time_fails("2026-02-30T10:00",
	    "date \"2026-02-30\" does not exist");
	assert_time_fails("someday 14:30",
	    "date \"someday\" not understood: " DATE_HINT);
	assert_time_fails("Next Tuesday",
	    "\"Next Tuesday\" not understood as a date and time: "
	    MOMENT_HINT);
	assert_time_fails("31/2", "date \"31/2\" does not exist");
	assert_time_fails("1/1/1800 10:00",
	    "date \"1/1/1800\" is outside the years 1900 to 2200");
	assert_time_fails("", "no date or time given: " MOMENT_HINT);
	assert_time_fails("  ", "no date or time given: " MOMENT_HINT);
	assert_time_fails("now 14:30",
	    "date \"now\" not understood: " DATE_HINT);
}

static void
test_time_format(void **state)
{
	char	buf[32];

	(void)state;
	time_format(NOW_MS, buf, sizeof buf);
	assert_string_equal(buf, "12 Mar 2026 09:30");
	time_format(AFTERNOON_MS, buf, sizeof buf);
	assert_string_equal(buf, "12 Mar 2026 14:30");
	time_format(utc_ms(2026, 7, 1, 9, 0), buf, sizeof buf);
	assert_string_equal(buf, "1 Jul 2026 10:00");
	time_format(utc_ms(2026, 12, 31, 23, 59), buf, sizeof buf);
	assert_string_equal(buf, "31 Dec 2026 23:59");
	/* A small buffer is cut, not overrun. */
	time_format(NOW_MS, buf, 6);
	assert_string_equal(buf, "12 Ma");
}

static void
test_time_format_iso(void **state)
{
	char	buf[32];

	(void)state;
	time_format_iso(NOW_MS, buf, sizeof buf);
	assert_string_equal(buf, NOW_ISO);
	time_format_iso(utc_ms(2026, 7, 1, 9, 0) + 59999, buf, sizeof buf);
	assert_string_equal(buf, "2026-07-01T09:00:59Z");
	time_format_iso(0, buf, sizeof buf);
	assert_string_equal(buf, "1970-01-01T00:00:00Z");
	time_format_iso(-1, buf, sizeof buf);
	assert_string_equal(buf, "1969-12-31T23:59:59Z");
	time_format_iso(utc_ms(1900, 1, 1, 0, 0), buf, sizeof buf);
	assert_string_equal(buf, "1900-01-01T00:00:00Z");
}

static void
test_date_format(void **state)
{
	char	buf[16];

	(void)state;
	date_format("2026-03-12", buf, sizeof buf);
	assert_string_equal(buf, "12 Mar 2026");
	date_format("2026-01-05", buf, sizeof buf);
	assert_string_equal(buf, "5 Jan 2026");
	date_format("1999-12-31", buf, sizeof buf);
	assert_string_equal(buf, "31 Dec 1999");
	/* Anything else is shown as it is. */
	date_format("2026-02-30", buf, sizeof buf);
	assert_string_equal(buf, "2026-02-30");
	date_format("not a date", buf, sizeof buf);
	assert_string_equal(buf, "not a date");
	date_format("", buf, sizeof buf);
	assert_string_equal(buf, "");
	date_format("a very long thing indeed", buf, sizeof buf);
	assert_string_equal(buf, "a very long thi");
}

/* Parsing what time_format_iso() and date_iso() write gives it back. */
static void
test_round_trip(void **state)
{
	struct date	 dt;
	int64_t		 ms;
	char		 iso[11], *cause = NULL;
	int		 n;

	(void)state;
	for (n = -400; n <= 400; n += 7) {
		dt = date_add_days(&(struct date){ 2026, 3, 12 }, n);
		date_iso(&dt, iso);
		assert_int_equal(date_parse(iso, NOW_MS, &dt, &cause), 0);
		assert_int_equal(date_diff(&(struct date){ 2026, 3, 12 }, &dt),
		    n);
	}
	assert_int_equal(time_parse("2026-03-29 10:00", NOW_MS, &ms, &cause),
	    0);
	assert_int_equal(ms, utc_ms(2026, 3, 29, 9, 0));
	assert_null(cause);
}

/* A bank holiday of the test: Christmas and Boxing Day 2026 (its
 * substitute, Monday 28th). */
static int
test_holiday(const struct date *d, void *arg)
{
	(void)arg;
	return d->y == 2026 && d->m == 12 && (d->d == 25 || d->d == 28);
}

/* Working days: Monday to Friday, bank holidays skipped; the first
 * working day after the day counts one, whatever the day is. */
static void
test_workdays(void **state)
{
	struct date	d, r;
	char		iso[11];

	(void)state;
	d = (struct date){ 2026, 12, 4 };	/* a Friday */
	r = date_add_workdays(&d, 1, NULL, NULL);
	date_iso(&r, iso);
	assert_string_equal(iso, "2026-12-07");
	d = (struct date){ 2026, 12, 5 };	/* a Saturday */
	r = date_add_workdays(&d, 1, NULL, NULL);
	date_iso(&r, iso);
	assert_string_equal(iso, "2026-12-07");
	d = (struct date){ 2026, 12, 1 };	/* a Tuesday */
	r = date_add_workdays(&d, 5, NULL, NULL);
	date_iso(&r, iso);
	assert_string_equal(iso, "2026-12-08");
	r = date_add_workdays(&d, 0, NULL, NULL);
	assert_int_equal(date_diff(&d, &r), 0);
	/* Christmas Eve, a Thursday: Friday 25th and Monday 28th are bank
	 * holidays, so the next working day is Tuesday 29th. */
	d = (struct date){ 2026, 12, 24 };
	r = date_add_workdays(&d, 1, test_holiday, NULL);
	date_iso(&r, iso);
	assert_string_equal(iso, "2026-12-29");
	r = date_add_workdays(&d, 15, test_holiday, NULL);
	date_iso(&r, iso);
	assert_string_equal(iso, "2027-01-18");
	assert_false(date_is_workday(&(struct date){ 2026, 12, 25 },
	    test_holiday, NULL));
	assert_false(date_is_workday(&(struct date){ 2026, 12, 27 }, NULL,
	    NULL));
	assert_true(date_is_workday(&(struct date){ 2026, 12, 29 },
	    test_holiday, NULL));
	/* Before 2024 too: 1 January 2020 was a Wednesday. */
	assert_true(date_is_workday(&(struct date){ 2020, 1, 1 }, NULL,
	    NULL));
	assert_false(date_is_workday(&(struct date){ 2019, 12, 29 }, NULL,
	    NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_clock_env, setup_now),
		cmocka_unit_test_setup(test_clock_wall, setup_now),
		cmocka_unit_test_setup(test_date_from_ms, setup_now),
		cmocka_unit_test_setup(test_parse_words, setup_now),
		cmocka_unit_test_setup(test_parse_relative, setup_now),
		cmocka_unit_test_setup(test_parse_months_clamp, setup_now),
		cmocka_unit_test_setup(test_parse_day_month, setup_now),
		cmocka_unit_test_setup(test_parse_iso, setup_now),
		cmocka_unit_test_setup(test_parse_impossible, setup_now),
		cmocka_unit_test_setup(test_parse_years, setup_now),
		cmocka_unit_test_setup(test_parse_not_understood, setup_now),
		cmocka_unit_test_setup(test_valid_and_iso, setup_now),
		cmocka_unit_test_setup(test_from_iso, setup_now),
		cmocka_unit_test_setup(test_diff, setup_now),
		cmocka_unit_test_setup(test_add_days, setup_now),
		cmocka_unit_test_setup(test_days_walk, setup_now),
		cmocka_unit_test_setup(test_time_accepts, setup_now),
		cmocka_unit_test_setup(test_time_half_days, setup_now),
		cmocka_unit_test_setup(test_time_date_only, setup_now),
		cmocka_unit_test_setup(test_time_summer, setup_now),
		cmocka_unit_test_setup(test_time_rejects, setup_now),
		cmocka_unit_test_setup(test_time_format, setup_now),
		cmocka_unit_test_setup(test_time_format_iso, setup_now),
		cmocka_unit_test_setup(test_date_format, setup_now),
		cmocka_unit_test_setup(test_round_trip, setup_now),
		cmocka_unit_test(test_workdays),
	};

	return cmocka_run_group_tests(tests, setup_group, NULL);
}
