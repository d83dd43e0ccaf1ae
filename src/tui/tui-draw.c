/*
 * tui-draw.c draws the frame of the screens around the top one: the title
 * bar (the screen, who is signed in, the locality, the site, the exchange
 * and the clock), the key bar, the message line, and the plea for a bigger
 * terminal when it is too small. Everything is drawn anew after each key.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "tui-private.h"

/* The clock of the title bar: local time, to the minute. */
static void
tui_draw_clock(struct tui *t, char *buf, size_t len)
{
	time_t		 secs = (time_t)(t->ot->now / 1000);
	struct tm	 tm;

	localtime_r(&secs, &tm);
	strftime(buf, len, "%a %e %b %H:%M", &tm);
}

static void
tui_draw_title(struct tui *t)
{
	char	 clock[64], *left, *site, *right;
	int	 look = tui_look(LOOK_TITLE), lw, sw, cw;

	tui_draw_clock(t, clock, sizeof clock);
	left = xprintf(" %s │ %s │ %s ", t->top != NULL ? t->top->ops->name :
	    "", t->who, t->locality);
	site = xprintf("site %s · %s · ", store_site_name(t->ot->st),
	    t->sync != NULL ? t->sync : "");
	right = xprintf("%s ", clock);
	/* Who is signed in and the time matter most: the site goes first,
	 * then the left is cut; the clock stays at the right edge. */
	lw = (int)text_width(left);
	sw = (int)text_width(site);
	cw = (int)text_width(right);
	if (cw > COLS)
		cw = COLS;
	if (lw + sw + cw > COLS)
		sw = COLS - cw - lw > 0 ? COLS - cw - lw : 0;
	w_text(stdscr, 0, 0, COLS - cw - sw, left, look);
	if (sw > 0)
		w_text(stdscr, 0, COLS - cw - sw, sw, site, look);
	w_text(stdscr, 0, COLS - cw, cw, right, look);
	free(left);
	free(site);
	free(right);
}

static const struct tui_bind tui_typing_help = {
	W_FN | KEY_F(1), "F1", "help", 1, tui_help_open
};

/* Add one "key what" pair to the key bar; returns the new x. */
static int
tui_draw_bar_item(int x, const struct tui_bind *b)
{
	int	need = (int)(text_width(b->label) + text_width(b->what)) + 2;

	if (x + need > COLS)
		return x;
	x += w_text(stdscr, LINES - 2, x, COLS - x, b->label,
	    tui_look(LOOK_BAR_KEY));
	x += w_text(stdscr, LINES - 2, x, COLS - x, " ", tui_look(LOOK_BAR));
	x += w_text(stdscr, LINES - 2, x, COLS - x, b->what,
	    tui_look(LOOK_BAR));
	x += w_text(stdscr, LINES - 2, x, COLS - x, " ", tui_look(LOOK_BAR));
	return x;
}

/* The width of one "key what" pair in the key bar. */
static int
tui_bar_width(const struct tui_bind *b)
{
	return (int)(text_width(b->label) + text_width(b->what)) + 2;
}

/*
 * The screen's keys own in the key bar from *x: those it shows first,
 * then the others, in its table's order, as many as fit before tail
 * (drawn, or only measured); how many did not fit.
 */
static int
tui_bar_own(const struct tui_bind *own, int tail, int draw, int *x)
{
	static const int	 order[] = { TUI_BAR_YES, TUI_BAR_ROOM,
				    TUI_BAR_NO };
	const struct tui_bind	*b;
	size_t			 i;
	int			 more = 0;

	for (i = 0; i < sizeof order / sizeof order[0]; i++)
		for (b = own; b != NULL && b->key != 0; b++) {
			if (b->bar != order[i] || b->label == NULL)
				continue;
			if (*x + tui_bar_width(b) + tail > COLS)
				more++;
			else if (draw)
				*x = tui_draw_bar_item(*x, b);
			else
				*x += tui_bar_width(b);
		}
	return more;
}

/*
 * The key bar: the screen's keys, those it shows first, then the others
 * it has, in its table's order (most used first), as many as fit before
 * the shared ones (help, lock, back), which always fit; help says how
 * many more it lists ("? help +4").
 */
static void
tui_draw_bar(struct tui *t)
{
	const struct tui_bind	*b, *own;
	struct tui_bind		 help;
	char			 what[48];
	int			 x = 0, tail = 0, more;

	w_text(stdscr, LINES - 2, 0, COLS, "", tui_look(LOOK_BAR));
	if (t->top == NULL)
		return;
	own = tui_binds_now(t->top);
	if (tui_typing_now(t->top)) {
		for (b = own; b != NULL && b->key != 0; b++)
			if (b->bar == TUI_BAR_YES && b->label != NULL)
				x = tui_draw_bar_item(x, b);
		/* Letters are text here: only the function keys work, and
		 * the lock (not at the sign-in, where it means nothing). */
		x = tui_draw_bar_item(x, &tui_typing_help);
		if (!tui_is_signin(t->top))
			x = tui_draw_bar_item(x, &tui_lock_bind);
		return;
	}
	/* Room kept for the shared keys, and for help to say "+12" (keys
	 * more) when the screen's keys do not all fit. */
	for (b = tui_common_binds; b->key != 0; b++)
		if (b->bar && b->label != NULL)
			tail += tui_bar_width(b);
	if (tui_bar_own(own, tail, 0, &x) > 0)
		tail += 4;
	x = 0;
	more = tui_bar_own(own, tail, 1, &x);
	for (b = tui_common_binds; b->key != 0; b++) {
		if (!b->bar || b->label == NULL)
			continue;
		if (b->key == '?' && more > 0) {
			help = *b;
			snprintf(what, sizeof what, "help +%d", more);
			help.what = what;
			x = tui_draw_bar_item(x, &help);
		} else
			x = tui_draw_bar_item(x, b);
	}
}

/* Says the terminal is too small, the words wrapped to what width there
 * is, so the way out is never cut off. */
static void
tui_draw_small(void)
{
	char	*say, *word, *save = NULL;
	int	 y = 0, x = 0, ww;

	erase();
	say = xprintf("This terminal is %d×%d: oneteam needs at least %d×%d. "
	    "Make it bigger, or press q to leave.", COLS, LINES,
	    TUI_MIN_COLS, TUI_MIN_LINES);
	for (word = strtok_r(say, " ", &save); word != NULL && y < LINES;
	    word = strtok_r(NULL, " ", &save)) {
		ww = (int)text_width(word);
		if (x > 0 && x + 1 + ww > COLS) {
			y++;
			x = 0;
		}
		if (y >= LINES)
			break;
		if (x > 0)
			x += w_text(stdscr, y, x, COLS - x, " ", A_BOLD);
		x += w_text(stdscr, y, x, COLS - x, word, A_BOLD);
	}
	free(say);
}

void
tui_draw(struct tui *t)
{
	int	h = LINES - 3;

	memset(&w_cursor, 0, sizeof w_cursor);
	if (tui_small()) {
		tui_draw_small();
		curs_set(0);
		refresh();
		return;
	}
	if (t->main == NULL)
		t->main = derwin(stdscr, h, COLS, 1, 0);
	werase(stdscr);
	tui_draw_title(t);
	if (t->top != NULL)
		t->top->ops->draw(t, t->top, t->main, h, COLS);
	tui_draw_bar(t);
	/* A message wider than the line says where it is read whole. */
	if (t->msg != NULL && (int)text_width(t->msg) > COLS && COLS > 20) {
		w_text(stdscr, LINES - 1, 0, COLS - 9, t->msg,
		    tui_look(t->msg_look));
		w_text(stdscr, LINES - 1, COLS - 9, 9, " F3: all",
		    tui_look(LOOK_HEADING));
	} else
		w_text(stdscr, LINES - 1, 0, COLS, t->msg != NULL ? t->msg :
		    "", t->msg != NULL ? tui_look(t->msg_look) : 0);
	wnoutrefresh(stdscr);
	if (w_cursor.win != NULL) {
		curs_set(1);
		wmove(w_cursor.win, w_cursor.y, w_cursor.x);
		wnoutrefresh(w_cursor.win);
	} else
		curs_set(0);
	doupdate();
}
