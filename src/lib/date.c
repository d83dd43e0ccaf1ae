/*
 * date.c owns calendar dates and moments: reading them as the team types
 * them, doing sums on them and writing them for people and for the store.
 * It also owns clock_now_ms(), the one place the program asks the time, so
 * that the programs of the tests can fix "now" (oneteam/hook.h).
 *
 * Calendar sums (days between, days added, months added) are done on day
 * numbers from the civil calendar, never through time_t, so a change of
 * clocks cannot move a due date. Only turning a moment into a local date or
 * time, and back, goes through localtime_r() and mktime() with the TZ of
 * the process.
 *
 * This file does not decide which dates make sense for a field (a date of
 * birth in the future, say); the callers do.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "oneteam/date.h"
#include "oneteam/hook.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

#define DATE_MIN_YEAR	1900
#define DATE_MAX_YEAR	2200
#define DATE_HINT	"try 2026-03-12, 12/3, today or +3d"
#define TIME_HINT	"try 14:30 or 2:30pm"
#define MOMENT_HINT	"try now, 14:30, today 2:30pm or 12/3/2026 14:30"

static const char *date_months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* Division that rounds towards minus infinity, for moments before 1970. */
static int64_t
date_floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int
date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
date_days_in_month(int y, int m)
{
	static const int	days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && date_is_leap(y))
		return 29;
	return days[m - 1];
}

/*
 * Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil,
 * good for any year the struct can hold).
 */
static int64_t
date_to_days(int y, int m, int d)
{
	int64_t	era, yoe, doy, doe;

	y -= m <= 2;
	era = date_floordiv(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The civil date of a day number, the inverse of date_to_days(). */
static struct date
date_from_days(int64_t z)
{
	struct date	dt;
	int64_t		era, doe, yoe, doy, mp;

	z += 719468;
	era = date_floordiv(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dt.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	dt.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	dt.y = (int)(yoe + era * 400 + (dt.m <= 2));
	return dt;
}

/* Moment of a local date and time, through mktime() and the process TZ. */
static int
date_local_ms(const struct date *dt, int h, int mi, int s, int64_t *out)
{
	struct tm	tm;
	time_t		t;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = dt->y - 1900;
	tm.tm_mon = dt->m - 1;
	tm.tm_mday = dt->d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	tm.tm_isdst = -1;
	errno = 0;
	if ((t = mktime(&tm)) == (time_t)-1 && errno != 0)
		return -1;
	*out = (int64_t)t * 1000;
	return 0;
}

/*
 * Read between min and max decimal digits at *pp into *out and move *pp
 * past them. Returns -1 if there are fewer than min.
 */
static int
date_digits(const char **pp, int min, int max, int *out)
{
	const char	*p = *pp;
	int		 n = 0, v = 0;

	while (n < max && *p >= '0' && *p <= '9') {
		v = v * 10 + (*p++ - '0');
		n++;
	}
	if (n < min)
		return -1;
	*pp = p;
	*out = v;
	return 0;
}

/* Read one expected character at *pp. */
static int
date_expect(const char **pp, char ch)
{
	if (**pp != ch)
		return -1;
	(*pp)++;
	return 0;
}

/* Parse "YYYY-MM-DDTHH:MM:SS" with an optional Z, into *out in ms. */
static int
clock_parse_env(const char *s, int64_t *out)
{
	struct date	dt;
	int		h, mi, sec;

	if (date_digits(&s, 4, 4, &dt.y) != 0 || date_expect(&s, '-') != 0 ||
	    date_digits(&s, 2, 2, &dt.m) != 0 || date_expect(&s, '-') != 0 ||
	    date_digits(&s, 2, 2, &dt.d) != 0 || date_expect(&s, 'T') != 0 ||
	    date_digits(&s, 2, 2, &h) != 0 || date_expect(&s, ':') != 0 ||
	    date_digits(&s, 2, 2, &mi) != 0 || date_expect(&s, ':') != 0 ||
	    date_digits(&s, 2, 2, &sec) != 0)
		return -1;
	if (!date_valid(&dt) || h > 23 || mi > 59 || sec > 60)
		return -1;
	if (strcmp(s, "Z") == 0) {
		*out = (date_to_days(dt.y, dt.m, dt.d) * 86400 +
		    h * 3600 + mi * 60 + sec) * 1000;
		return 0;
	}
	if (*s != '\0')
		return -1;
	return date_local_ms(&dt, h, mi, sec, out);
}

/* Parse ONETEAM_NOW: seconds since the epoch or an ISO date and time. */
static int
clock_parse_now(const char *s, int64_t *out)
{
	char		*end;
	long long	 secs;

	if (strchr(s, '-') == NULL || s[0] == '-') {
		errno = 0;
		secs = strtoll(s, &end, 10);
		if (end == s || *end != '\0' || errno != 0 ||
		    secs > INT64_MAX / 1000 || secs < INT64_MIN / 1000)
			return -1;
		*out = (int64_t)secs * 1000;
		return 0;
	}
	return clock_parse_env(s, out);
}

/*
 * A bad ONETEAM_NOW is a mistake in a test or a script, and carrying on
 * with the wall clock would hide it, so it ends the program.
 */
int64_t
clock_now_ms(void)
{
	struct timespec	 ts;
	const char	*env;
	int64_t		 ms;

	if ((env = hook_get("ONETEAM_NOW")) != NULL && *env != '\0') {
		if (clock_parse_now(env, &ms) != 0)
			fatal("ONETEAM_NOW \"%s\" not understood", env);
		return ms;
	}
	/* From the kernel, not through a library a colleague could put
	 * in front of libc's (LD_PRELOAD, libfaketime) to move it. */
#ifdef SYS_clock_gettime
	if (syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts) != 0)
#else
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
#endif
		fatal("cannot read the clock");
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The local calendar date at a moment, through localtime_r(). */
struct date
date_from_ms(int64_t ms)
{
	struct date	dt;
	struct tm	tm;
	time_t		t = (time_t)date_floordiv(ms, 1000);

	if (localtime_r(&t, &tm) == NULL)
		return date_from_days(date_floordiv(ms, 86400000));
	dt.y = tm.tm_year + 1900;
	dt.m = tm.tm_mon + 1;
	dt.d = tm.tm_mday;
	return dt;
}

/* Is dt a real day in the years we take? */
int
date_valid(const struct date *dt)
{
	if (dt->y < DATE_MIN_YEAR || dt->y > DATE_MAX_YEAR)
		return 0;
	if (dt->m < 1 || dt->m > 12)
		return 0;
	return dt->d >= 1 && dt->d <= date_days_in_month(dt->y, dt->m);
}

/* Write dt as "YYYY-MM-DD", the form the store keeps. */
void
date_iso(const struct date *dt, char *buf)
{
	/* The modulo tells the compiler that the output fits. */
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)dt->y % 10000,
	    (unsigned)dt->m % 100, (unsigned)dt->d % 100);
}

/* Read a stored "YYYY-MM-DD" strictly: no spaces, no short forms. */
int
date_from_iso(const char *s, struct date *out)
{
	struct date	dt;

	if (date_digits(&s, 4, 4, &dt.y) != 0 || date_expect(&s, '-') != 0 ||
	    date_digits(&s, 2, 2, &dt.m) != 0 || date_expect(&s, '-') != 0 ||
	    date_digits(&s, 2, 2, &dt.d) != 0 || *s != '\0')
		return -1;
	if (!date_valid(&dt))
		return -1;
	*out = dt;
	return 0;
}

/* Days from a to b, counted on day numbers so clock changes do not count. */
int
date_diff(const struct date *a, const struct date *b)
{
	return (int)(date_to_days(b->y, b->m, b->d) -
	    date_to_days(a->y, a->m, a->d));
}

/* The date n days after a (before it if n is negative). */
struct date
date_add_days(const struct date *a, int n)
{
	return date_from_days(date_to_days(a->y, a->m, a->d) + n);
}

/* a plus n calendar months, the day clamped to the end of the month. */
static struct date
date_add_months(const struct date *a, int n)
{
	struct date	dt;
	int64_t		months;
	int		dim;

	months = (int64_t)a->y * 12 + (a->m - 1) + n;
	dt.y = (int)date_floordiv(months, 12);
	dt.m = (int)(months - (int64_t)dt.y * 12) + 1;
	dim = date_days_in_month(dt.y, dt.m);
	dt.d = a->d > dim ? dim : a->d;
	return dt;
}

/* A lower-case (ASCII) copy of s, for matching words. */
static char *
date_lower(const char *s)
{
	char	*copy, *p;

	copy = xstrdup(s);
	for (p = copy; *p != '\0'; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = *p - 'A' + 'a';
	}
	return copy;
}

/* "today", "tomorrow", "yesterday". Returns 1 if s is one of them. */
static int
date_parse_word(const char *s, const struct date *today, struct date *out)
{
	if (strcmp(s, "today") == 0)
		*out = *today;
	else if (strcmp(s, "tomorrow") == 0)
		*out = date_add_days(today, 1);
	else if (strcmp(s, "yesterday") == 0)
		*out = date_add_days(today, -1);
	else
		return 0;
	return 1;
}

/* "+3d", "-2d", "+2w", "+1m". Returns 1 if s has that shape. */
static int
date_parse_relative(const char *s, const struct date *today,
    struct date *out)
{
	int	sign, n;

	if (*s != '+' && *s != '-')
		return 0;
	sign = *s++ == '-' ? -1 : 1;
	if (date_digits(&s, 1, 5, &n) != 0 || s[0] == '\0' || s[1] != '\0')
		return 0;
	switch (s[0]) {
	case 'd':
		*out = date_add_days(today, sign * n);
		break;
	case 'w':
		*out = date_add_days(today, sign * n * 7);
		break;
	case 'm':
		*out = date_add_months(today, sign * n);
		break;
	default:
		return 0;
	}
	return 1;
}

/* "12/3", "12/3/2026", "12/03/26": day first. Returns 1 if that shape. */
static int
date_parse_dmy(const char *s, const struct date *today, struct date *out)
{
	const char	*p;
	int		 y;

	if (date_digits(&s, 1, 2, &out->d) != 0 || date_expect(&s, '/') != 0 ||
	    date_digits(&s, 1, 2, &out->m) != 0)
		return 0;
	if (*s == '\0') {
		out->y = today->y;
		return 1;
	}
	if (date_expect(&s, '/') != 0)
		return 0;
	p = s;
	if (date_digits(&s, 2, 4, &y) != 0 || *s != '\0' || s - p == 3)
		return 0;
	out->y = s - p == 2 ? 2000 + y : y;
	return 1;
}

/* "2026-03-12". Returns 1 if s has that shape. */
static int
date_parse_ymd(const char *s, struct date *out)
{
	return (date_digits(&s, 4, 4, &out->y) == 0 &&
	    date_expect(&s, '-') == 0 &&
	    date_digits(&s, 2, 2, &out->m) == 0 &&
	    date_expect(&s, '-') == 0 &&
	    date_digits(&s, 2, 2, &out->d) == 0 && *s == '\0');
}

/*
 * Parse the lower-case, trimmed s; quoted is s as typed, for messages.
 * Returns 0, -1 if s is not understood as a date at all, or -2 if it is
 * understood but is not a date we can take.
 */
static int
date_parse_clean(const char *s, const char *quoted, int64_t now_ms,
    struct date *out, char **cause)
{
	struct date	today, dt;

	if (*s == '\0') {
		*cause = xprintf("no date given: " DATE_HINT);
		return -1;
	}
	today = date_from_ms(now_ms);
	if (!date_parse_word(s, &today, &dt) &&
	    !date_parse_relative(s, &today, &dt) &&
	    !date_parse_dmy(s, &today, &dt) && !date_parse_ymd(s, &dt)) {
		*cause = xprintf("date \"%s\" not understood: " DATE_HINT,
		    quoted);
		return -1;
	}
	if (dt.y < DATE_MIN_YEAR || dt.y > DATE_MAX_YEAR) {
		*cause = xprintf("date \"%s\" is outside the years %d to %d",
		    quoted, DATE_MIN_YEAR, DATE_MAX_YEAR);
		return -2;
	}
	if (!date_valid(&dt)) {
		*cause = xprintf("date \"%s\" does not exist", quoted);
		return -2;
	}
	*out = dt;
	return 0;
}

/* date_parse() with the -1 or -2 of date_parse_clean(). */
static int
date_parse_code(const char *s, int64_t now_ms, struct date *out,
    char **cause)
{
	char	*trimmed, *lower, *quoted;
	int	 rc;

	trimmed = text_trim(s);
	lower = date_lower(trimmed);
	quoted = text_escape(trimmed, 0);
	rc = date_parse_clean(lower, quoted, now_ms, out, cause);
	free(quoted);
	free(lower);
	free(trimmed);
	return rc;
}

/* Read a date as a person types it, relative to the local date of now_ms. */
int
date_parse(const char *s, int64_t now_ms, struct date *out, char **cause)
{
	return date_parse_code(s, now_ms, out, cause) == 0 ? 0 : -1;
}

/* Skip spaces and an "am" or "pm" at s; *half is 0, 1 (am) or 2 (pm). */
static const char *
time_skip_half(const char *s, int *half)
{
	const char	*p = s + strspn(s, " ");

	*half = 0;
	if (strcmp(p, "am") == 0)
		*half = 1;
	else if (strcmp(p, "pm") == 0)
		*half = 2;
	return *half != 0 ? p + 2 : s;
}

/* Does the lower-case s look like a clock time ("14:30", "2 pm")? */
static int
time_looks_like_clock(const char *s)
{
	size_t	n;
	int	half;

	if (*s < '0' || *s > '9')
		return 0;
	n = strspn(s, "0123456789:");
	if (*time_skip_half(s + n, &half) != '\0')
		return 0;
	return half != 0 || memchr(s, ':', n) != NULL;
}

/*
 * Parse the lower-case "14:30", "2:30pm", "2:30 pm" or "2pm" into hours and
 * minutes. Returns 0, -1 if not understood, -2 if out of range.
 */
static int
time_parse_clock(const char *s, int *h, int *mi)
{
	int	colon, half;

	*mi = 0;
	if (date_digits(&s, 1, 2, h) != 0)
		return -1;
	if ((colon = *s == ':')) {
		s++;
		if (date_digits(&s, 2, 2, mi) != 0)
			return -1;
	}
	if (*(s = time_skip_half(s, &half)) != '\0')
		return -1;
	if (!colon && half == 0)
		return -1;
	if (*mi > 59)
		return -2;
	if (half == 0)
		return *h > 23 ? -2 : 0;
	if (*h < 1 || *h > 12)
		return -2;
	*h = *h % 12 + (half == 2 ? 12 : 0);
	return 0;
}

/*
 * Where in the lower-case s does a clock time start? Returns its offset,
 * or -1 if s has none. The date is the *datelen bytes before it.
 */
static int
time_find_clock(const char *s, size_t *datelen)
{
	size_t	len = strlen(s), c, k;

	*datelen = len;
	if (len > 11 && s[4] == '-' && s[7] == '-' && s[10] == 't') {
		*datelen = 10;
		return 11;
	}
	c = len;
	while (c > 0 && s[c - 1] != ' ')
		c--;
	if (c > 0 && (strcmp(s + c, "am") == 0 || strcmp(s + c, "pm") == 0)) {
		for (k = c; k > 0 && s[k - 1] == ' '; k--)
			/* nothing */;
		for (c = k; c > 0 && s[c - 1] != ' '; c--)
			/* nothing */;
	}
	if (!time_looks_like_clock(s + c))
		return -1;
	*datelen = c;
	return (int)c;
}

/* Read the clock time at typed + off (lower is typed in lower case). */
static int
time_read_clock(const char *typed, const char *lower, int off, int *h,
    int *mi, char **cause)
{
	char	*quoted;
	int	 rc;

	if ((rc = time_parse_clock(lower + off, h, mi)) == 0)
		return 0;
	quoted = text_escape(typed + off, 0);
	if (rc == -2)
		*cause = xprintf("time \"%s\" does not exist", quoted);
	else
		*cause = xprintf("time \"%s\" not understood: " TIME_HINT,
		    quoted);
	free(quoted);
	return -1;
}

/*
 * Read the date in the first len bytes of typed: today if there are none.
 * Alone is set if there is no clock time after it.
 */
static int
time_read_date(const char *typed, size_t len, int alone, int64_t now_ms,
    struct date *dt, char **cause)
{
	char	*part, *quoted;
	int	 rc;

	if (len == 0) {
		*dt = date_from_ms(now_ms);
		return 0;
	}
	part = xstrndup(typed, len);
	rc = date_parse_code(part, now_ms, dt, cause);
	free(part);
	if (rc == -1 && alone) {
		free(*cause);
		quoted = text_escape(typed, 0);
		*cause = xprintf("\"%s\" not understood as a date and time: "
		    MOMENT_HINT, quoted);
		free(quoted);
	}
	return rc == 0 ? 0 : -1;
}

/* time_parse() on typed, already trimmed, and its lower-case copy. */
static int
time_parse_clean(const char *typed, const char *lower, int64_t now_ms,
    int64_t *out, char **cause)
{
	struct date	dt, today;
	size_t		datelen;
	int		off, h = 12, mi = 0;

	if (*lower == '\0') {
		*cause = xprintf("no date or time given: " MOMENT_HINT);
		return -1;
	}
	if (strcmp(lower, "now") == 0) {
		*out = now_ms;
		return 0;
	}
	off = time_find_clock(lower, &datelen);
	if (time_read_date(typed, datelen, off < 0, now_ms, &dt, cause) != 0)
		return -1;
	if (off >= 0 && time_read_clock(typed, lower, off, &h, &mi,
	    cause) != 0)
		return -1;
	today = date_from_ms(now_ms);
	if (off < 0 && date_diff(&today, &dt) == 0) {
		*out = now_ms;
		return 0;
	}
	if (date_local_ms(&dt, h, mi, 0, out) != 0) {
		*cause = xprintf("that date and time cannot be worked out");
		return -1;
	}
	return 0;
}

/* Read a moment as a person types it, in local time. */
int
time_parse(const char *s, int64_t now_ms, int64_t *out, char **cause)
{
	char	*trimmed, *lower;
	int	 rc;

	trimmed = text_trim(s);
	lower = date_lower(trimmed);
	rc = time_parse_clean(trimmed, lower, now_ms, out, cause);
	free(lower);
	free(trimmed);
	return rc;
}

/* Write a moment in local time for people, "12 Mar 2026 14:30". */
void
time_format(int64_t ms, char *buf, size_t len)
{
	struct tm	tm;
	time_t		t = (time_t)date_floordiv(ms, 1000);

	if (localtime_r(&t, &tm) == NULL) {
		time_format_iso(ms, buf, len);
		return;
	}
	snprintf(buf, len, "%d %s %04d %02d:%02d", tm.tm_mday,
	    date_months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}

/* Write a moment as UTC ISO 8601, worked out without time_t. */
void
time_format_iso(int64_t ms, char *buf, size_t len)
{
	struct date	dt;
	int64_t		secs;

	dt = date_from_days(date_floordiv(ms, 86400000));
	secs = date_floordiv(ms, 1000) - date_floordiv(ms, 86400000) * 86400;
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02dZ", dt.y, dt.m,
	    dt.d, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}

/* Write a stored date for people, or the text as it is if not a date. */
void
date_format(const char *iso, char *buf, size_t len)
{
	struct date	dt;

	if (date_from_iso(iso, &dt) != 0) {
		snprintf(buf, len, "%s", iso);
		return;
	}
	snprintf(buf, len, "%d %s %04d", dt.d, date_months[dt.m - 1], dt.y);
}

void
duration_format(int64_t ms, char *buf, size_t len)
{
	static const struct {
		const char	*unit;
		int64_t		 ms;
	} units[] = {
		{ "year", 365 * 24 * 3600 * 1000LL },
		{ "month", 30 * 24 * 3600 * 1000LL },
		{ "day", 24 * 3600 * 1000LL },
		{ "hour", 3600 * 1000LL },
		{ "minute", 60 * 1000LL },
		{ "second", 1000LL },
	};
	size_t	i;
	int64_t	n;

	if (ms < 0)
		ms = -ms;
	/* The largest unit of which there are at least 2 (or 1 year). */
	for (i = 0; i + 1 < sizeof units / sizeof units[0]; i++)
		if (ms / units[i].ms >= (i == 0 ? 1 : 2))
			break;
	n = ms / units[i].ms;
	snprintf(buf, len, "%lld %s%s", (long long)n, units[i].unit,
	    n == 1 ? "" : "s");
}
