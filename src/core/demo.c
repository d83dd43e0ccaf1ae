/*
 * demo.c owns the seeded generator of the demo and the small helpers every
 * demo record is made with: a number, a chance (per cent in the demo, per
 * mille in a borough), a date, a moment in working hours, someone of the
 * team, a template filled in, a record made as someone. Only what it
 * draws is random, so a seed gives the same families every time (their
 * ids are random as always).
 */
#include <stdio.h>
#include <string.h>

#include "oneteam/date.h"
#include "demo-private.h"

static uint64_t
demo_next(struct demo *d)
{
	/* xorshift64*: small, fast, and the same on every machine. */
	d->rng ^= d->rng >> 12;
	d->rng ^= d->rng << 25;
	d->rng ^= d->rng >> 27;
	return d->rng * 2685821657736338717ULL;
}

int
demo_pick(struct demo *d, int n)
{
	return (int)(demo_next(d) % (uint64_t)n);
}

int
demo_chance(struct demo *d, int percent)
{
	return demo_pick(d, 100) < percent;
}

/*
 * A chance in percent in the demo, or per mille in a borough. Either
 * way it draws one number, so the demo's families stay as they were.
 */
int
demo_rate(struct demo *d, int percent, int permille)
{
	if (d->borough)
		return demo_pick(d, 1000) < permille;
	return demo_chance(d, percent);
}

void
demo_date(struct demo *d, int64_t ms, char *iso)
{
	struct date	dt = date_from_ms(ms);

	(void)d;
	date_iso(&dt, iso);
}

/* Copy a template of our own, putting name where it says %s. */
void
demo_fill(char *buf, size_t len, const char *template, const char *name)
{
	const char	*p;
	size_t		 n = 0, k;

	for (p = template; *p != '\0' && n + 1 < len; p++) {
		if (p[0] == '%' && p[1] == 's') {
			k = strlen(name);
			if (n + k >= len)
				break;
			memcpy(buf + n, name, k);
			n += k;
			p++;
		} else
			buf[n++] = *p;
	}
	buf[n] = '\0';
}

void
demo_defaults(struct demo_opts *o)
{
	memset(o, 0, sizeof *o);
	o->families = 60;
	o->seed = 1;
	o->contacts = 20;
	o->stories = 6;
}

int
demo_new(struct demo *d, const char *etype, const struct field *f,
    size_t n, struct id *id, char **cause)
{
	return store_new(d->ot->st, etype, f, n, id, cause);
}

/* Be a member of staff for the records that follow. */
void
demo_as(struct demo *d, const struct id *who)
{
	store_set_author(d->ot->st, who);
	store_set_signer(d->ot->st, who, d->has_sk ? d->sk : NULL);
}

/* A moment within the last days of the demo, in working hours. */
int64_t
demo_when(struct demo *d, int from_days, int to_days)
{
	int64_t	day = d->ot->now - (int64_t)(from_days + demo_pick(d,
		    to_days - from_days + 1)) * DAY_MS;

	day -= day % DAY_MS;
	return day + (8 + demo_pick(d, 9)) * 3600000LL +
	    demo_pick(d, 4) * 900000LL;
}

const struct id *
demo_someone(struct demo *d)
{
	return &d->staff[1 + demo_pick(d, (int)d->nstaff - 2)];
}

