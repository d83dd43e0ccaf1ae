/*
 * workday.c: working days, as a council counts a service's response time:
 * Monday to Friday, not a bank holiday. Which days are bank holidays is a
 * list a council keeps (the reference list bank_holidays): the caller asks
 * it through holiday().
 */
#include <stddef.h>

#include "oneteam/date.h"

/* Monday 0 .. Sunday 6. 2024-01-01 was a Monday. */
static int
workday_weekday(const struct date *d)
{
	static const struct date	monday = { 2024, 1, 1 };
	int				n = date_diff(&monday, d) % 7;

	return n < 0 ? n + 7 : n;
}

int
date_is_workday(const struct date *d,
    int (*holiday)(const struct date *, void *), void *arg)
{
	if (workday_weekday(d) >= 5)
		return 0;
	return holiday == NULL || !holiday(d, arg);
}

struct date
date_add_workdays(const struct date *from, int n,
    int (*holiday)(const struct date *, void *), void *arg)
{
	struct date	d = *from;

	while (n > 0) {
		d = date_add_days(&d, 1);
		if (date_is_workday(&d, holiday, arg))
			n--;
	}
	return d;
}
