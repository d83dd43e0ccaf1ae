/*
 * tui.c owns the terminal while the screens run: starting and ending
 * curses, the colours, the title bar, the key bar, the message line, the
 * stack of screens and the loop that reads keys. What each screen shows
 * lives in its own tui-*.c file; nothing here knows about families.
 */
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "oneteam/audit.h"
#include "oneteam/date.h"
#include "oneteam/staff.h"
#include "oneteam/sync.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "tui-lists.h"
#include "tui.h"

struct tui {
	struct oneteam		*ot;
	struct tui_screen	*top;
	WINDOW			*main;	/* between the title and the key bar */
	char			*msg;	/* the message line, or NULL */
	enum tui_look		 msg_look;
	char			*who;	/* "Amira Khan (coordinator)" */
	char			*locality;
	char			*sync;	/* "synced 12 Mar 09:30 · 2 conflicts" */
	int			 colour;
	int			 quit;
	int			 huddle; /* open the Huddle once signed in */
	struct id		 who_id;	/* zero: nobody signed in */
	int64_t			 last_key;	/* for the idle lock */
	/* The screens of people who locked and gave way to another, kept
	 * for them (their forms' unsaved text too), never drawn meanwhile. */
	struct tui_parked	*parked;
};

struct tui_parked {
	struct id		 who;
	struct tui_screen	*top;	/* its bottom's below is NULL */
	struct tui_parked	*next;
};

static int	tui_is_lock(const struct tui_screen *);
static void	tui_audit(struct tui *, const char *);
static void	tui_park(struct tui *);
static int	tui_unpark(struct tui *, const struct id *);

/*
 * The looks: a colour pair for colour terminals and, beside it, the
 * attributes that carry the same meaning on a monochrome one or under
 * NO_COLOR. Meaning is never in the colour alone: flags and late items
 * are also marked in words.
 */
static const struct {
	short	fg, bg;
	int	attr;		/* with colour */
	int	mono;		/* without */
} tui_looks[LOOK_COUNT] = {
	[LOOK_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[LOOK_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[LOOK_BAR] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[LOOK_BAR_KEY] = { COLOR_WHITE, COLOR_BLACK, A_BOLD, A_BOLD },
	[LOOK_HEADING] = { -1, -1, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE },
	[LOOK_CURSOR] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[LOOK_FLAG] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[LOOK_LATE] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[LOOK_DIM] = { -1, -1, A_DIM, A_DIM },
	[LOOK_ERROR] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_REVERSE },
	[LOOK_GOOD] = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[LOOK_TAB] = { -1, -1, A_NORMAL, A_NORMAL },
	[LOOK_TAB_ON] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[LOOK_FIELD] = { -1, -1, A_UNDERLINE, A_UNDERLINE },
};

static int tui_has_colour;

int
tui_look(enum tui_look look)
{
	if (!tui_has_colour)
		return tui_looks[look].mono;
	if (look == LOOK_NORMAL || (tui_looks[look].fg == -1 &&
	    tui_looks[look].bg == -1))
		return tui_looks[look].attr;
	return (int)COLOR_PAIR((int)look) | tui_looks[look].attr;
}

static void
tui_colours(void)
{
	const char	*no = getenv("NO_COLOR");
	short		 i;

	tui_has_colour = 0;
	if ((no != NULL && *no != '\0') || !has_colors())
		return;
	if (start_color() != OK)
		return;
	use_default_colors();
	for (i = 1; i < LOOK_COUNT; i++)
		init_pair(i, tui_looks[i].fg, tui_looks[i].bg);
	tui_has_colour = COLORS >= 8;
}

struct oneteam *
tui_core(struct tui *t)
{
	return t->ot;
}

/* --- the message line ---------------------------------------------------- */

static void
tui_vsay(struct tui *t, enum tui_look look, const char *fmt, va_list ap)
{
	free(t->msg);
	xvasprintf(&t->msg, fmt, ap);
	t->msg_look = look;
}

void
tui_say(struct tui *t, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	tui_vsay(t, LOOK_GOOD, fmt, ap);
	va_end(ap);
}

void
tui_fail(struct tui *t, char *cause)
{
	free(t->msg);
	t->msg = xprintf("Error: %s", cause != NULL ? cause : "failed");
	t->msg_look = LOOK_ERROR;
	free(cause);
}

/* --- the stack ----------------------------------------------------------- */

/* The title's word on the exchange: when last, how many conflicts. */
static void
tui_sync_status(struct tui *t)
{
	char	 when[64], *cause = NULL;
	int64_t	 last;
	int	 n;

	free(t->sync);
	if ((last = sync_last_exchange(t->ot)) > 0) {
		tui_when(t, last, when, sizeof when);
		t->sync = xprintf("synced %s", when);
	} else
		t->sync = xstrdup("never synced");
	if ((n = conflict_count(t->ot, &cause)) > 0) {
		char	*more = xprintf("%s · %d conflict%s", t->sync, n,
		    n == 1 ? "" : "s");

		free(t->sync);
		t->sync = more;
	}
	free(cause);
}

static void
tui_load(struct tui *t)
{
	char	*cause = NULL;

	if (t->top == NULL || t->top->ops->load == NULL)
		return;
	t->ot->now = clock_now_ms();
	tui_sync_status(t);
	if (t->top->ops->load(t, t->top, &cause) != 0)
		tui_fail(t, cause);
}

void
tui_push(struct tui *t, const struct tui_screen_ops *ops, void *data)
{
	struct tui_screen	*s = xcalloc(1, sizeof *s);

	s->ops = ops;
	s->data = data;
	s->below = t->top;
	t->top = s;
	tui_load(t);
}

static void
tui_free_top(struct tui *t)
{
	struct tui_screen	*s = t->top;

	t->top = s->below;
	if (s->ops->free != NULL)
		s->ops->free(s);
	free(s);
}

void
tui_pop(struct tui *t)
{
	if (t->top == NULL)
		return;
	tui_free_top(t);
	if (t->top == NULL)
		t->quit = 1;
	else
		tui_load(t);
}

void
tui_done(struct tui *t, const char *fmt, ...)
{
	va_list	ap;

	tui_pop(t);
	/* After the reload, so a failure to reload does not hide it. */
	if (t->msg == NULL || t->msg_look != LOOK_ERROR) {
		va_start(ap, fmt);
		tui_vsay(t, LOOK_GOOD, fmt, ap);
		va_end(ap);
	}
}

void
tui_reload(struct tui *t)
{
	tui_load(t);
}

/* --- drawing -------------------------------------------------------------- */

void
tui_when(struct tui *t, int64_t ms, char *buf, size_t len)
{
	(void)t;
	if (ms == 0) {
		snprintf(buf, len, "-");
		return;
	}
	time_format(ms, buf, len);
}

void
tui_date(const char *iso, char *buf, size_t len)
{
	if (iso == NULL || *iso == '\0') {
		snprintf(buf, len, "-");
		return;
	}
	date_format(iso, buf, len);
}

void
tui_columns(WINDOW *win, int y, int w, const struct tui_col *cols,
    size_t ncols, const char *const *values, int attr)
{
	size_t	i;
	int	x = 0, width, fixed = 0, flex;

	/* The column of width 0 takes what the others leave. */
	for (i = 0; i < ncols; i++)
		fixed += cols[i].width;
	flex = w - fixed > 8 ? w - fixed : 8;
	for (i = 0; i < ncols && x < w; i++) {
		width = cols[i].width == 0 ? flex : cols[i].width;
		if (width > w - x || i + 1 == ncols)
			width = w - x;
		/* One blank column between columns, inside the width. */
		w_text(win, y, x, width > 1 && i + 1 < ncols ? width - 1 :
		    width, values[i], attr);
		if (width > 1 && i + 1 < ncols)
			mvwaddch(win, y, x + width - 1, ' ' | (chtype)attr);
		x += width;
	}
}

/* The clock of the title bar: local time, to the minute. */
static void
tui_clock(struct tui *t, char *buf, size_t len)
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

	tui_clock(t, clock, sizeof clock);
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

/* In forms and the sign-in, where letters are text. */
static int	tui_key_lock(struct tui *, struct tui_screen *, int);

/* The lock, shared by every screen but the sign-in. */
static const struct tui_bind tui_lock_bind =
	{ W_CTRL('l'), "^L", "lock", 1, tui_key_lock };

static const struct tui_bind tui_typing_help = {
	W_FN | KEY_F(1), "F1", "help", 1, tui_help_open
};

/* Add one "key what" pair to the key bar; returns the new x. */
static int
tui_bar_item(int x, const struct tui_bind *b)
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

static const struct tui_bind *
tui_binds_now(struct tui_screen *s)
{
	if (s->ops->binds_now != NULL)
		return s->ops->binds_now(s);
	return s->ops->binds;
}

static int
tui_typing_now(struct tui_screen *s)
{
	if (s->ops->typing_now != NULL)
		return s->ops->typing_now(s);
	return s->ops->typing;
}

static void
tui_draw_bar(struct tui *t)
{
	const struct tui_bind	*b;
	int			 x = 0;

	w_text(stdscr, LINES - 2, 0, COLS, "", tui_look(LOOK_BAR));
	if (t->top == NULL)
		return;
	for (b = tui_binds_now(t->top); b != NULL && b->key != 0; b++)
		if (b->bar == TUI_BAR_YES && b->label != NULL)
			x = tui_bar_item(x, b);
	if (tui_typing_now(t->top)) {
		/* Letters are text here: only the function keys work, and
		 * the lock (not at the sign-in, where it means nothing). */
		x = tui_bar_item(x, &tui_typing_help);
		if (!tui_is_signin(t->top))
			x = tui_bar_item(x, &tui_lock_bind);
		return;
	}
	for (b = tui_common_binds; b->key != 0; b++)
		if (b->bar && b->label != NULL)
			x = tui_bar_item(x, b);
	/* Keys that give way to the shared ones (help, lock, back). */
	for (b = tui_binds_now(t->top); b != NULL && b->key != 0; b++)
		if (b->bar == TUI_BAR_ROOM && b->label != NULL)
			x = tui_bar_item(x, b);
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

static int
tui_small(void)
{
	return COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
}

static void
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
	w_text(stdscr, LINES - 1, 0, COLS, t->msg != NULL ? t->msg : "",
	    t->msg != NULL ? tui_look(t->msg_look) : 0);
	wnoutrefresh(stdscr);
	if (w_cursor.win != NULL) {
		curs_set(1);
		wmove(w_cursor.win, w_cursor.y, w_cursor.x);
		wnoutrefresh(w_cursor.win);
	} else
		curs_set(0);
	doupdate();
}

void
tui_progress(struct tui *t, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	tui_vsay(t, LOOK_NORMAL, fmt, ap);
	va_end(ap);
	tui_draw(t);
}

/* --- keys --------------------------------------------------------------- */

/* Read a key, redrawing on a resize so the screen follows at once. */
static int
tui_read(struct tui *t)
{
	wint_t	ch;
	int	rc;

	for (;;) {
		rc = get_wch(&ch);
		if (rc == ERR)
			return 0;	/* the clock's timeout */
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			if (t->main != NULL) {
				delwin(t->main);
				t->main = NULL;
			}
			tui_draw(t);
			continue;
		}
		return w_key(rc, ch);
	}
}

int
tui_ask(struct tui *t, const char *question)
{
	int	key;

	for (;;) {
		free(t->msg);
		t->msg = xprintf("%s (y/n)", question);
		t->msg_look = LOOK_ERROR;
		tui_draw(t);
		key = tui_read(t);
		if (key == 'y' || key == 'Y' || key == 'n' || key == 'N' ||
		    key == 27 || key == W_CTRL('c'))
			break;
	}
	free(t->msg);
	t->msg = NULL;
	return key == 'y' || key == 'Y';
}

static int
tui_key_back(struct tui *t, struct tui_screen *s, int key)
{
	if (s->ops->leave != NULL && !s->ops->leave(t, s))
		return 0;
	if (s->below == NULL || tui_is_signin(s->below)) {
		if (!tui_ask(t, "Leave oneteam?"))
			return 0;
		t->quit = 1;
		return 0;
	}
	tui_pop(t);
	return 0;
}

static int
tui_key_quit(struct tui *t, struct tui_screen *s, int key)
{
	struct tui_screen	*u;

	for (u = s; u != NULL; u = u->below)
		if (u->ops->leave != NULL && !u->ops->leave(t, u))
			return 0;
	if (tui_ask(t, "Leave oneteam?"))
		t->quit = 1;
	return 0;
}

static int
tui_key_refresh(struct tui *t, struct tui_screen *s, int key)
{
	/* The terminal is drawn anew too, whatever garbled it. */
	clearok(curscr, TRUE);
	tui_load(t);
	if (t->msg == NULL)
		tui_say(t, "Read again from the database.");
	return 0;
}

static int
tui_key_lock(struct tui *t, struct tui_screen *s, int key)
{
	(void)s;
	(void)key;
	tui_lock(t);
	return 0;
}

const struct tui_bind tui_common_binds[] = {
	{ '?', "?", "help", 1, tui_help_open },
	{ W_FN | KEY_F(1), NULL, NULL, 0, tui_help_open },
	{ W_CTRL('l'), "^L", "lock", 1, tui_key_lock },
	{ 'q', "q", "back", 1, tui_key_back },
	{ 27, NULL, NULL, 0, tui_key_back },
	{ W_FN | KEY_F(5), "F5", "refresh", 0, tui_key_refresh },
	{ W_CTRL('r'), NULL, NULL, 0, tui_key_refresh },
	{ W_FN | KEY_F(10), "F10", "quit", 0, tui_key_quit },
	{ W_CTRL('c'), NULL, NULL, 0, tui_key_quit },
	{ 0, NULL, NULL, 0, NULL }
};

/* Find a key in a table; alternatives share their leader's function. */
static const struct tui_bind *
tui_bind_find(const struct tui_bind *b, int key)
{
	for (; b != NULL && b->key != 0; b++)
		if (b->key == key)
			return b;
	return NULL;
}

static void
tui_key(struct tui *t, int key)
{
	struct tui_screen	*s = t->top;
	const struct tui_bind	*b;

	free(t->msg);
	t->msg = NULL;
	t->ot->now = clock_now_ms();
	if (tui_small()) {
		if (key == 'q' || key == W_CTRL('c'))
			t->quit = 1;
		return;
	}
	/* The lock comes first, whatever has the focus (a form's field). */
	if (key == tui_lock_bind.key) {
		tui_lock(t);
		return;
	}
	if (s->ops->key != NULL && s->ops->key(t, s, key) != W_IGNORED)
		return;
	/* An entry without a function only shows a key the screen's own
	 * key handler takes, or one every screen shares (Esc in a form). */
	if ((b = tui_bind_find(tui_binds_now(s), key)) == NULL ||
	    b->fn == NULL)
		b = tui_bind_find(tui_common_binds, key);
	if (b != NULL && b->fn != NULL)
		b->fn(t, s, key);
}

/* --- start and end ---------------------------------------------------- */

static SCREEN	*tui_screen_now;

/* Give the terminal back as it was; also what fatal() calls first. */
static void
tui_end(void)
{
	if (tui_screen_now == NULL)
		return;
	if (!isendwin())
		endwin();
	delscreen(tui_screen_now);
	tui_screen_now = NULL;
}

/* Take the terminal: raw keys, so Ctrl-C and Ctrl-S reach us as keys. */
static int
tui_start(FILE *out, FILE *in, const char *term)
{
	SCREEN	*sp;

	if ((sp = newterm(term, out, in)) == NULL)
		return -1;
	set_term(sp);
	tui_screen_now = sp;
	fatal_set_hook(tui_end);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	/* Wake every half minute to keep the clock of the title bar true. */
	timeout(30 * 1000);
	tui_colours();
	return 0;
}

static struct tui *
tui_new(struct oneteam *ot)
{
	struct tui	*t = xcalloc(1, sizeof *t);

	t->ot = ot;
	t->who = xstrdup("nobody signed in");
	t->locality = xstrdup(ot->cfg.locality);
	return t;
}

static void
tui_free(struct tui *t)
{
	struct tui_parked	*p;

	while (t->top != NULL)
		tui_free_top(t);
	while ((p = t->parked) != NULL) {
		t->parked = p->next;
		t->top = p->top;
		while (t->top != NULL)
			tui_free_top(t);
		free(p);
	}
	if (t->main != NULL)
		delwin(t->main);
	tui_end();
	free(t->msg);
	free(t->who);
	free(t->locality);
	free(t->sync);
	free(t);
}

/*
 * Widths are counted in a UTF-8 locale; if the one we were given is not,
 * take C.UTF-8 for characters rather than draw names in pieces.
 */
static int
tui_utf8(void)
{
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return 0;
	if (setlocale(LC_CTYPE, "C.UTF-8") != NULL &&
	    strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return 0;
	return -1;
}

void
tui_signed_in(struct tui *t, const struct id *who)
{
	struct staff	 st;
	char		*cause = NULL, ref[ID_REF_MAX];

	/* Through the core, so every change made is signed with the name. */
	oneteam_ref("staff", who, ref);
	free(t->who);
	free(t->locality);
	if (oneteam_set_me(t->ot, ref, &cause) != 0 ||
	    staff_get(t->ot, who, &st, &cause) != 0) {
		tui_fail(t, cause);
		t->who = xstrdup("?");
		t->locality = xstrdup(t->ot->cfg.locality);
		return;
	}
	t->who = xprintf("%s%s", st.name, st.coordinator ?
	    " (coordinator)" : "");
	t->locality = xstrdup(st.locality_name != NULL &&
	    *st.locality_name != '\0' ? st.locality_name :
	    t->ot->cfg.locality);
	staff_clear(&st);
	if (tui_is_lock(t->top)) {
		/* The same person again: the screens as they were. */
		if (id_cmp(who, &t->who_id) == 0) {
			tui_audit(t, AUDIT_UNLOCK);
			tui_pop(t);
			return;
		}
		tui_park(t);
		tui_pop(t);
	}
	while (t->top != NULL && !tui_is_signin(t->top))
		tui_free_top(t);
	t->who_id = *who;
	if (tui_unpark(t, who)) {
		tui_reload(t);
		return;
	}
	tui_push(t, &tui_families_ops, NULL);
	if (t->huddle) {
		t->huddle = 0;
		tui_huddle_open(t);
	}
}

/* Is s a lock: a sign-in screen over someone's screens? */
static int
tui_is_lock(const struct tui_screen *s)
{
	return s != NULL && tui_is_signin(s) && s->below != NULL;
}

/*
 * Keep the screens under the lock (down to the first sign-in screen) for
 * whoever locked: another is signing in at it.
 */
static void
tui_park(struct tui *t)
{
	struct tui_screen	*lock = t->top, *first = lock->below, *s, *last;
	struct tui_parked	*p;

	for (last = NULL, s = first; s != NULL && !tui_is_signin(s);
	    s = s->below)
		last = s;
	if (last == NULL)
		return;
	last->below = NULL;
	lock->below = s;
	p = xcalloc(1, sizeof *p);
	p->who = t->who_id;
	p->top = first;
	p->next = t->parked;
	t->parked = p;
}

/* Give who back the screens kept for them, if any: 1 if there were. */
static int
tui_unpark(struct tui *t, const struct id *who)
{
	struct tui_parked	**pp, *p;
	struct tui_screen	*last;

	for (pp = &t->parked; (p = *pp) != NULL; pp = &p->next)
		if (id_cmp(&p->who, who) == 0)
			break;
	if (p == NULL)
		return 0;
	*pp = p->next;
	for (last = p->top; last->below != NULL; last = last->below)
		continue;
	last->below = t->top;
	t->top = p->top;
	free(p);
	return 1;
}

void
tui_lock(struct tui *t)
{
	if (id_is_zero(&t->who_id) || t->top == NULL ||
	    tui_is_signin(t->top))
		return;	/* nobody at work, or locked already */
	/* Nothing of what was shown stays, the message line included. */
	free(t->msg);
	t->msg = NULL;
	tui_audit(t, AUDIT_LOCK);
	tui_signin_lock(t, &t->who_id);
}

/* Put a lock or an unlock on the audit trail; a failure is said. */
static void
tui_audit(struct tui *t, const char *what)
{
	char	*cause = NULL;

	if (audit_record(t->ot, what, NULL, NULL, &cause) != 0)
		tui_fail(t, cause);
}

/* Wait for a key until the clock's next minute or the idle lock. */
static void
tui_idle_timeout(struct tui *t)
{
	int64_t	left = 30 * 1000;

	if (!id_is_zero(&t->who_id) && !tui_is_signin(t->top)) {
		left = oneteam_lock_left(t->ot, t->last_key, clock_now_ms());
		if (left > 30 * 1000)
			left = 30 * 1000;
		if (left < 0)
			left = 0;
	}
	timeout((int)left);
}

int
tui_main(struct oneteam *ot, const char *as, int huddle)
{
	struct tui	*t;
	int		 key, cols, lines;

	if (tui_utf8() != 0) {
		fputs("oneteam: the screens need a UTF-8 locale (for example "
		    "LANG=en_GB.UTF-8)\n", stderr);
		return 2;
	}
	if (tui_start(stdout, stdin, NULL) != 0) {
		fputs("oneteam: cannot start the screens on this terminal "
		    "(is TERM set to a terminal this machine knows?)\n",
		    stderr);
		return 2;
	}
	if (tui_small()) {
		cols = COLS;
		lines = LINES;
		tui_end();
		fprintf(stderr, "oneteam: the terminal is %d×%d; the screens "
		    "need at least %d×%d\n", cols, lines, TUI_MIN_COLS,
		    TUI_MIN_LINES);
		return 2;
	}
	t = tui_new(ot);
	t->huddle = huddle;
	tui_signin_open(t, as);
	/* A copied database has just taken a site id of its own. */
	if (store_notice(ot->st) != NULL)
		tui_say(t, "%s", store_notice(ot->st));
	t->last_key = clock_now_ms();
	while (!t->quit && t->top != NULL) {
		tui_draw(t);
		tui_idle_timeout(t);
		if ((key = tui_read(t)) != 0) {
			t->last_key = clock_now_ms();
			tui_key(t, key);
		} else if (oneteam_lock_left(t->ot, t->last_key,
		    clock_now_ms()) <= 0)
			tui_lock(t);
	}
	tui_free(t);
	return 0;
}

struct tui *
tui_bench_start(struct oneteam *ot, const struct id *who, FILE *out,
    FILE *in, int cols, int lines)
{
	struct tui	*t;

	if (tui_utf8() != 0 || tui_start(out, in, "xterm") != 0)
		return NULL;
	resize_term(lines, cols);
	t = tui_new(ot);
	tui_signin_open(t, NULL);
	tui_signed_in(t, who);
	tui_draw(t);
	return t;
}

void
tui_bench_key(struct tui *t, int key)
{
	tui_key(t, key);
	tui_draw(t);
}

void
tui_bench_end(struct tui *t)
{
	tui_free(t);
}
