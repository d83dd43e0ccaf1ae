/*
 * tui.c owns the terminal while the screens run: starting and ending
 * curses, the colours, the message line, the stack of screens and the
 * loop that reads keys and gives them to the top screen. The frame is
 * drawn by tui-draw.c, who is signed in and the lock are tui-session.c's;
 * what each screen shows lives in its own tui-*.c file; nothing here
 * knows about families.
 */
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "oneteam/date.h"
#include "oneteam/install.h"
#include "oneteam/sync.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "tui-private.h"

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
	free(t->said);
	t->said = xstrdup(t->msg);
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
	free(t->said);
	t->said = xstrdup(t->msg);
	free(cause);
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

void
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

struct tui_screen *
tui_top(struct tui *t)
{
	return t->top;
}

void
tui_reload(struct tui *t)
{
	tui_load(t);
}

/* --- what the screens draw with ------------------------------------------ */

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

const char *
tui_bundle_folder(struct tui *t)
{
	return t->folder != NULL ? t->folder : t->ot->cfg.bundle_dir;
}

void
tui_set_bundle_folder(struct tui *t, const char *dir)
{
	free(t->folder);
	t->folder = dir != NULL ? xstrdup(dir) : NULL;
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

/* --- keys --------------------------------------------------------------- */

/* In forms and the sign-in, where letters are text. */
static int	tui_key_lock(struct tui *, struct tui_screen *, int);

/* The lock, shared by every screen but the sign-in. */
const struct tui_bind tui_lock_bind =
	{ W_CTRL('l'), "^L", "lock", 1, tui_key_lock };

const struct tui_bind *
tui_binds_now(struct tui_screen *s)
{
	if (s->ops->binds_now != NULL)
		return s->ops->binds_now(s);
	return s->ops->binds;
}

int
tui_typing_now(struct tui_screen *s)
{
	if (s->ops->typing_now != NULL)
		return s->ops->typing_now(s);
	return s->ops->typing;
}

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

static int64_t	tui_lock_left(struct tui *);
static void	tui_idle_timeout(struct tui *);

/*
 * A question waits no longer than the idle lock would: unanswered, it is
 * no, and the screens lock as soon as it has gone (the last key is still
 * the one before it).
 */
int
tui_ask(struct tui *t, const char *question)
{
	int	key;

	for (;;) {
		free(t->msg);
		t->msg = xprintf("%s (y/n)", question);
		t->msg_look = LOOK_ERROR;
		t->ot->now = clock_now_ms();
		tui_draw(t);
		tui_idle_timeout(t);
		key = tui_read(t);
		if (key == 0 && !id_is_zero(&t->who_id) &&
		    tui_lock_left(t) <= 0)
			break;
		if (key == (W_FN | KEY_F(3))) {
			/* A question cut on the line, read whole; any key
			 * comes back to it. */
			tui_message_open(t, t->msg);
			free(t->msg);
			t->msg = xstrdup("Any key goes back to the question.");
			t->msg_look = LOOK_GOOD;
			tui_draw(t);
			(void)tui_read(t);
			tui_pop(t);
			continue;
		}
		if (key == 'y' || key == 'Y' || key == 'n' || key == 'N' ||
		    key == 27 || key == W_CTRL('c'))
			break;
	}
	free(t->msg);
	t->msg = NULL;
	return key == 'y' || key == 'Y';
}

/*
 * Leave oneteam? Asked before the last screen closes. Colleagues' screens
 * kept at the lock (tui-session.c) close with it: whose they are is said,
 * and whose hold a half-typed form, which would be lost.
 */
static int
tui_ask_leave(struct tui *t)
{
	struct tui_parked	*p;
	struct tui_screen	*s;
	char			*q = NULL, *t0, *name;
	int			 half, yes;

	for (p = t->parked; p != NULL; p = p->next) {
		for (half = 0, s = p->top; s != NULL && !half; s = s->below)
			half = s->ops->unsaved != NULL && s->ops->unsaved(s);
		name = oneteam_staff_name(tui_core(t), &p->who);
		t0 = q;
		xasprintf(&q, "%s%s%s%s", t0 == NULL ? "Leave oneteam? "
		    "Screens kept at the lock close: " : t0, t0 == NULL ? "" :
		    ", ", name, half ? " (a half-typed form, lost)" : "");
		free(t0);
		free(name);
	}
	yes = tui_ask(t, q != NULL ? q : "Leave oneteam?");
	free(q);
	return yes;
}

static int
tui_key_back(struct tui *t, struct tui_screen *s, int key)
{
	if (s->ops->leave != NULL && !s->ops->leave(t, s))
		return 0;
	/* Back from the first screen of whoever is signed in is leaving;
	 * with nobody signed in, back from help or a new site's Sync
	 * screen is the sign-in again. */
	if (s->below == NULL || (tui_is_signin(s->below) &&
	    !id_is_zero(&t->who_id))) {
		if (!tui_ask_leave(t))
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
	if (tui_ask_leave(t))
		t->quit = 1;
	return 0;
}

static int
tui_key_sign_out(struct tui *t, struct tui_screen *s, int key)
{
	(void)s;
	(void)key;
	tui_session_sign_out(t);
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

/* F3: the last message, whole, when the line cut it. */
static int
tui_key_said(struct tui *t, struct tui_screen *s, int key)
{
	(void)s;
	(void)key;
	/* Said on the line only: it is no message to read again. What was
	 * said to whoever locked or signed out is gone (tui-session.c). */
	if (t->said == NULL || tui_is_signin(s)) {
		free(t->msg);
		t->msg = xstrdup("No message to read.");
		t->msg_look = LOOK_GOOD;
	} else
		tui_message_open(t, t->said);
	return 0;
}

static int
tui_key_lock(struct tui *t, struct tui_screen *s, int key)
{
	(void)s;
	(void)key;
	tui_session_lock(t);
	return 0;
}

const struct tui_bind tui_common_binds[] = {
	{ '?', "?", "help", 1, tui_help_open },
	{ W_FN | KEY_F(1), NULL, NULL, 0, tui_help_open },
	{ W_CTRL('l'), "^L", "lock", 1, tui_key_lock },
	{ 'q', "q", "back", 1, tui_key_back },
	{ 27, NULL, NULL, 0, tui_key_back },
	{ W_FN | KEY_F(5), "F5", "refresh", 0, tui_key_refresh },
	{ W_FN | KEY_F(3), "F3", "message in full", 0, tui_key_said },
	{ W_CTRL('r'), NULL, NULL, 0, tui_key_refresh },
	{ W_FN | KEY_F(9), "F9", "sign out", 0, tui_key_sign_out },
	{ W_FN | KEY_F(10), "F10", "quit", 0, tui_key_quit },
	{ W_CTRL('c'), NULL, NULL, 0, tui_key_quit },
	{ 0, NULL, NULL, 0, NULL }
};

const struct tui_bind *
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
		tui_session_lock(t);
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

int
tui_small(void)
{
	return COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
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
	free(t->said);
	free(t->who);
	free(t->locality);
	free(t->sync);
	free(t->folder);
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

/* How long until the idle lock: longer while a huddle runs on a screen
 * of the stack (a family opened from it is part of the meeting). */
static int64_t
tui_lock_left(struct tui *t)
{
	struct tui_screen	*s;

	for (s = t->top; s != NULL; s = s->below)
		if (s->ops->meeting != NULL && s->ops->meeting(s))
			return oneteam_lock_left_meeting(t->ot, t->last_key,
			    clock_now_ms());
	return oneteam_lock_left(t->ot, t->last_key, clock_now_ms());
}

/* Wait for a key until the clock's next minute or the idle lock. */
static void
tui_idle_timeout(struct tui *t)
{
	int64_t	left = 30 * 1000;

	if (!id_is_zero(&t->who_id) && !tui_is_signin(t->top)) {
		left = tui_lock_left(t);
		if (left > 30 * 1000)
			left = 30 * 1000;
		if (left < 0)
			left = 0;
	}
	/* A meeting in front of the room: its clocks move each second. */
	if (t->top != NULL && t->top->ops->meeting != NULL &&
	    t->top->ops->meeting(t->top) && left > 1000)
		left = 1000;
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
	/* The Sync screen's bundles, named by the configuration and not
	 * typed, are the install's (oneteam/install.h); the command line
	 * opens every file as the person who named it. */
	install_set_bundles(ot->cfg.bundle_dir);
	t = tui_new(ot);
	t->huddle = huddle;
	tui_signin_open(t, as);
	/* A copied database has just taken a site id of its own. */
	if (store_notice(ot->st) != NULL)
		tui_say(t, "%s", store_notice(ot->st));
	t->last_key = clock_now_ms();
	while (!t->quit && t->top != NULL) {
		/* The clock and the huddle's countdown move with no key. */
		t->ot->now = clock_now_ms();
		tui_draw(t);
		tui_idle_timeout(t);
		if ((key = tui_read(t)) != 0) {
			t->last_key = clock_now_ms();
			tui_key(t, key);
		} else if (tui_lock_left(t) <= 0)
			tui_session_lock(t);
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
	tui_session_start(t, who, ATWORK_PROOF_NOBODY);
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
