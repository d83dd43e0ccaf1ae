/*
 * bench-screens.c: the screens' part of `make bench`: the time from a key
 * press to the updated screen, for scrolling the family list, each key of
 * search-as-you-type, and opening a family. The screens run on a terminal
 * of 200×60 whose output is thrown away (curses still works out and
 * writes every change), and each key is taken and drawn exactly as the
 * loop of the screens does.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/xmalloc.h"
#include "bench.h"
#include "tui.h"

/* Time one key: taken, and the screen drawn. */
static double
bench_key(struct tui *t, int key)
{
	double	start = bench_now();

	tui_bench_key(t, key);
	return bench_now() - start;
}

static void
bench_scroll(struct tui *t, double *times, int runs)
{
	int	i;

	tui_bench_key(t, '2');		/* the locality's families */
	for (i = 0; i < runs; i++)
		times[i] = bench_key(t, i % 10 == 9 ? W_FN | KEY_NPAGE :
		    W_FN | KEY_DOWN);
	bench_report("screens: scroll the family list (key to screen)",
	    times, runs, 16);
}

static void
bench_search(struct tui *t, double *times, int runs)
{
	static const char *const words[] = { "khan", "nowak", "rv3",
	    "boiler", "okafor", "smith", "zoë", "王" };
	const char	*w;
	wchar_t		 wc[16];
	size_t		 k, n;
	int		 i = 0;

	while (i < runs) {
		w = words[(size_t)i % (sizeof words / sizeof words[0])];
		tui_bench_key(t, '/');
		n = mbstowcs(wc, w, 16);
		for (k = 0; k < n && k < 16 && i < runs; k++)
			times[i++] = bench_key(t, (int)wc[k]);
		tui_bench_key(t, 27);
	}
	bench_report_p95("screens: each key of search-as-you-type", times,
	    runs, 16, 30);
}

static void
bench_open(struct tui *t, double *times, int runs)
{
	int	i;

	for (i = 0; i < runs; i++) {
		tui_bench_key(t, W_FN | KEY_DOWN);
		times[i] = bench_key(t, '\r');
		tui_bench_key(t, 'q');
	}
	bench_report("screens: open a family (Summary tab)", times, runs, 16);
}

void
bench_screens(struct oneteam *ot, const struct id *me, int runs)
{
	struct tui	*t;
	FILE		*out, *in;
	double		*times;

	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	if (out == NULL || in == NULL ||
	    (t = tui_bench_start(ot, me, out, in, 200, 60)) == NULL) {
		fprintf(stderr, "bench: cannot start the screens\n");
		exit(1);
	}
	times = xcalloc((size_t)runs, sizeof *times);
	bench_scroll(t, times, runs);
	bench_search(t, times, runs);
	tui_bench_key(t, W_FN | KEY_HOME);
	bench_open(t, times, runs);
	tui_bench_end(t);
	free(times);
	fclose(out);
	fclose(in);
}
