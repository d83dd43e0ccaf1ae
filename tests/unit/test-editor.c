/*
 * test-editor.c: the multi-line editor (w-editor.c) driven key by key as a
 * screen drives it, its cursor read back through w_editor_where() and its
 * text through w_editor_text(). The drawing tests draw into a curses
 * screen written to /dev/null and read the cells back.
 */
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <cmocka.h>

#include "w.h"

/* Send each character of the UTF-8 string s as a key. */
static void
type(struct w_editor *e, const char *s)
{
	mbstate_t	st;
	wchar_t		c;
	size_t		n, rest = strlen(s);

	memset(&st, 0, sizeof st);
	while (rest > 0) {
		n = mbrtowc(&c, s, rest, &st);
		assert_true(n != (size_t)-1 && n != (size_t)-2 && n != 0);
		assert_int_equal(w_editor_key(e, (int)c), W_CHANGED);
		s += n;
		rest -= n;
	}
}

/* Send key n times; each must be used. */
static void
press(struct w_editor *e, int key, int n)
{
	while (n-- > 0)
		assert_int_not_equal(w_editor_key(e, key), W_IGNORED);
}

static void
assert_where(const struct w_editor *e, size_t line, size_t col)
{
	size_t	l, c;

	w_editor_where(e, &l, &c);
	assert_int_equal(l, line);
	assert_int_equal(c, col);
}

static void
assert_text(const struct w_editor *e, const char *want)
{
	char	*s = w_editor_text(e);

	assert_string_equal(s, want);
	free(s);
}

#define K_UP	(W_FN | KEY_UP)
#define K_DOWN	(W_FN | KEY_DOWN)
#define K_LEFT	(W_FN | KEY_LEFT)
#define K_RIGHT	(W_FN | KEY_RIGHT)
#define K_HOME	(W_FN | KEY_HOME)
#define K_END	(W_FN | KEY_END)
#define K_BS	(W_FN | KEY_BACKSPACE)
#define K_DEL	(W_FN | KEY_DC)
#define K_START	W_CTRL('a')
#define K_EOT	W_CTRL('e')

/* Text given comes back byte for byte, and is not a change. */
static void
roundtrip(void **state)
{
	static const char *const texts[] = {
		"", "hello", "caf\xc3\xa9", "\xe7\x8e\x8b\xe5\xb0\x8f",
		"e\xcc\x81 and \xcc\x81 alone", "\xf0\x9f\x98\x80 ok",
		"one\ntwo\n\n", "\n", "a\tb\r\n\x1b[31m",
		"bad \xff byte \xc3", "\xe2\x80\xae reversed",
	};
	struct w_editor		*e;
	size_t			 i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		e = w_editor_new(texts[i]);
		assert_text(e, texts[i]);
		assert_false(w_editor_changed(e));
		w_editor_free(e);
	}
	e = w_editor_new(NULL);
	assert_text(e, "");
	w_editor_free(e);
}

/* Typed text of every width comes out as typed; the cursor counts clusters. */
static void
insert(void **state)
{
	const char	*s = "caf\xc3\xa9 \xe7\x8e\x8b e\xcc\x81 \xf0\x9f\x98\x80";
	struct w_editor	*e = w_editor_new(NULL);

	type(e, s);
	assert_text(e, s);
	assert_true(w_editor_changed(e));
	assert_where(e, 1, 11);
	press(e, K_LEFT, 3);		/* past the emoji, space and é */
	assert_where(e, 1, 8);
	type(e, "x");
	assert_text(e, "caf\xc3\xa9 \xe7\x8e\x8b x"
	    "e\xcc\x81 \xf0\x9f\x98\x80");
	w_editor_free(e);
}

/* The cursor never sits between a letter and its mark. */
static void
combining(void **state)
{
	struct w_editor	*e = w_editor_new("e\xcc\x81x");

	press(e, K_RIGHT, 1);
	assert_where(e, 1, 2);
	press(e, K_RIGHT, 1);
	assert_where(e, 1, 3);
	press(e, K_LEFT, 2);
	assert_where(e, 1, 1);
	assert_int_equal(w_editor_key(e, K_DEL), W_CHANGED);
	assert_text(e, "x");
	w_editor_free(e);

	/* A mark typed first, then its letter typed before it. */
	e = w_editor_new(NULL);
	type(e, "\xcc\x81");
	assert_where(e, 1, 2);
	press(e, K_HOME, 1);
	type(e, "e");
	assert_text(e, "e\xcc\x81");
	assert_where(e, 1, 2);
	assert_int_equal(w_editor_key(e, K_BS), W_CHANGED);
	assert_text(e, "");
	w_editor_free(e);

	/* Joining lines puts a lone mark on the letter before. */
	e = w_editor_new("e\n\xcc\x81z");
	press(e, K_END, 1);
	assert_int_equal(w_editor_key(e, K_DEL), W_CHANGED);
	assert_text(e, "e\xcc\x81z");
	assert_where(e, 1, 2);
	w_editor_free(e);
}

static void
newline(void **state)
{
	struct w_editor	*e = w_editor_new("abcd");

	press(e, K_RIGHT, 1);
	assert_int_equal(w_editor_key(e, '\n'), W_CHANGED);
	assert_where(e, 2, 1);
	press(e, K_RIGHT, 1);
	assert_int_equal(w_editor_key(e, '\r'), W_CHANGED);
	press(e, K_RIGHT, 1);
	assert_int_equal(w_editor_key(e, W_FN | KEY_ENTER), W_CHANGED);
	assert_text(e, "a\nb\nc\nd");
	assert_where(e, 4, 1);
	press(e, K_LEFT, 1);		/* back over the line break */
	assert_where(e, 3, 2);
	press(e, K_RIGHT, 2);
	assert_where(e, 4, 2);
	w_editor_free(e);
}

static void
backspace(void **state)
{
	struct w_editor	*e = w_editor_new("ab\ncd");

	assert_int_equal(w_editor_key(e, K_BS), W_HANDLED);
	press(e, K_DOWN, 1);
	assert_where(e, 2, 1);
	assert_int_equal(w_editor_key(e, K_BS), W_CHANGED);
	assert_text(e, "abcd");
	assert_where(e, 1, 3);
	assert_int_equal(w_editor_key(e, 0x7f), W_CHANGED);
	assert_int_equal(w_editor_key(e, 8), W_CHANGED);
	assert_text(e, "cd");
	assert_where(e, 1, 1);
	w_editor_free(e);
}

static void
delete(void **state)
{
	struct w_editor	*e = w_editor_new("ab\ncd");

	press(e, K_END, 1);
	assert_where(e, 1, 3);
	assert_int_equal(w_editor_key(e, K_DEL), W_CHANGED);
	assert_text(e, "abcd");
	assert_int_equal(w_editor_key(e, K_DEL), W_CHANGED);
	assert_text(e, "abd");
	press(e, K_EOT, 1);
	assert_int_equal(w_editor_key(e, K_DEL), W_HANDLED);
	assert_text(e, "abd");
	w_editor_free(e);
}

/* "the quick brown fox" in 10 columns: "the quick " then "brown fox". */
static void
wrap_updown(void **state)
{
	struct w_editor	*e = w_editor_new("the quick brown fox");

	w_editor_size(e, 5, 10);
	press(e, K_RIGHT, 2);
	press(e, K_DOWN, 1);
	assert_where(e, 1, 13);		/* br|own */
	press(e, K_UP, 1);
	assert_where(e, 1, 3);
	press(e, K_UP, 1);		/* no row above: stays */
	assert_where(e, 1, 3);
	press(e, K_EOT, 1);
	assert_where(e, 1, 20);
	press(e, K_UP, 1);		/* column 9: before the space */
	assert_where(e, 1, 10);
	press(e, K_DOWN, 1);
	assert_where(e, 1, 20);
	w_editor_free(e);

	/* The column is kept across a shorter line. */
	e = w_editor_new("the quick brown fox\nab\nthe quick brown fox");
	w_editor_size(e, 5, 10);
	press(e, K_RIGHT, 7);
	press(e, K_DOWN, 1);
	assert_where(e, 1, 18);
	press(e, K_DOWN, 1);
	assert_where(e, 2, 3);
	press(e, K_DOWN, 1);
	assert_where(e, 3, 8);
	press(e, K_DOWN, 2);
	assert_where(e, 3, 18);
	press(e, K_LEFT, 1);		/* a move across forgets the column */
	press(e, K_UP, 2);
	assert_where(e, 2, 3);
	w_editor_free(e);

	/* Without a size, Up and Down go by lines. */
	e = w_editor_new("the quick brown fox\nab");
	press(e, K_DOWN, 1);
	assert_where(e, 2, 1);
	w_editor_free(e);
}

static void
home_end(void **state)
{
	struct w_editor	*e = w_editor_new("the quick brown fox\nx");

	w_editor_size(e, 5, 10);
	press(e, K_END, 1);
	assert_where(e, 1, 10);		/* before the space the row ends in */
	press(e, K_HOME, 1);
	assert_where(e, 1, 1);
	press(e, K_DOWN, 1);
	press(e, K_END, 1);
	assert_where(e, 1, 20);
	press(e, K_HOME, 1);
	assert_where(e, 1, 11);
	press(e, K_EOT, 1);
	assert_where(e, 2, 2);
	press(e, K_START, 1);
	assert_where(e, 1, 1);
	w_editor_free(e);
}

/* A word wider than the editor breaks at its width. */
static void
long_word(void **state)
{
	struct w_editor	*e = w_editor_new("abcdefghijklmnopqrstuvwxy");

	w_editor_size(e, 5, 10);
	press(e, K_DOWN, 1);
	assert_where(e, 1, 11);
	press(e, K_DOWN, 1);
	assert_where(e, 1, 21);
	press(e, K_END, 1);
	assert_where(e, 1, 26);
	press(e, K_UP, 2);
	press(e, K_END, 1);
	assert_where(e, 1, 10);		/* before the j the row ends with */
	w_editor_free(e);

	/* A line that fills its row has an empty row for the cursor. */
	e = w_editor_new("abcdefghij");
	w_editor_size(e, 5, 10);
	press(e, K_EOT, 1);
	press(e, K_UP, 1);
	assert_where(e, 1, 1);
	press(e, K_DOWN, 1);
	assert_where(e, 1, 11);
	w_editor_free(e);

	/* A wide character that does not fit goes to the next row. */
	e = w_editor_new("aaaaaaaaa\xe7\x8e\x8b" "b");
	w_editor_size(e, 5, 10);
	press(e, K_DOWN, 1);
	assert_where(e, 1, 10);
	press(e, K_RIGHT, 1);
	assert_where(e, 1, 11);
	w_editor_free(e);
}

static void
page(void **state)
{
	struct w_editor	*e;
	char		 s[200] = "";
	int		 i;

	for (i = 1; i <= 30; i++)
		snprintf(s + strlen(s), sizeof s - strlen(s), "%s%d",
		    i > 1 ? "\n" : "", i);
	e = w_editor_new(s);
	w_editor_size(e, 10, 20);
	press(e, W_FN | KEY_NPAGE, 1);
	assert_where(e, 11, 1);
	press(e, W_FN | KEY_NPAGE, 1);
	assert_where(e, 21, 1);
	press(e, W_FN | KEY_NPAGE, 1);
	assert_where(e, 30, 1);
	press(e, W_FN | KEY_PPAGE, 1);
	assert_where(e, 20, 1);
	press(e, W_FN | KEY_PPAGE, 2);
	assert_where(e, 1, 1);
	w_editor_free(e);
}

static void
kill_line(void **state)
{
	struct w_editor	*e = w_editor_new("hello world\nnext");

	press(e, K_RIGHT, 5);
	assert_int_equal(w_editor_key(e, W_CTRL('k')), W_CHANGED);
	assert_text(e, "hello\nnext");
	assert_int_equal(w_editor_key(e, W_CTRL('k')), W_CHANGED);
	assert_text(e, "hellonext");
	assert_int_equal(w_editor_key(e, W_CTRL('k')), W_CHANGED);
	assert_text(e, "hello");
	assert_int_equal(w_editor_key(e, W_CTRL('k')), W_HANDLED);
	assert_where(e, 1, 6);
	w_editor_free(e);
}

static void
changed(void **state)
{
	struct w_editor	*e = w_editor_new("abc");

	assert_false(w_editor_changed(e));
	press(e, K_RIGHT, 1);
	assert_false(w_editor_changed(e));
	type(e, "x");
	assert_true(w_editor_changed(e));
	press(e, K_BS, 1);
	assert_false(w_editor_changed(e));
	w_editor_free(e);
}

/* A paste arrives a key at a time: 20,000 of them, lines and all. */
static void
paste(void **state)
{
	static const char	*word[] = { "family ", "caf\xc3\xa9 ",
	    "\xe7\x8e\x8b\xe5\xb0\x8f ", "e\xcc\x81t\xc3\xa9 " };
	struct w_editor		*e = w_editor_new(NULL);
	char			*s, *p;
	size_t			 i, chars = 0, line, col;

	p = s = malloc(100000);
	for (i = 0; chars < 20000; i++) {
		if (i % 13 == 12) {
			*p++ = '\n';
			chars++;
			continue;
		}
		p = stpcpy(p, word[i % 4]);
		chars += mbstowcs(NULL, word[i % 4], 0);
	}
	*p = '\0';
	w_editor_size(e, 20, 40);
	type(e, s);
	assert_text(e, s);
	press(e, K_UP, 50);
	press(e, K_DOWN, 10);
	w_editor_where(e, &line, &col);
	assert_true(line > 1);
	assert_text(e, s);
	w_editor_free(e);

	/* One paragraph with no line breaks at all. */
	e = w_editor_new(NULL);
	w_editor_size(e, 20, 40);
	for (p = s, i = 0; i < 20000; i++)
		*p++ = (i % 7 == 6) ? ' ' : 'a';
	*p = '\0';
	type(e, s);
	press(e, K_UP, 3);
	assert_text(e, s);
	w_editor_free(e);
	free(s);
}

/* Row starts of e in cols columns, found by going down from the top. */
static size_t
rows(struct w_editor *e, size_t (*where)[2], size_t max)
{
	size_t	n = 0;

	w_editor_key(e, K_START);
	while (n < max) {
		w_editor_where(e, &where[n][0], &where[n][1]);
		if (n > 0 && where[n][0] == where[n - 1][0] &&
		    where[n][1] == where[n - 1][1])
			break;
		n++;
		w_editor_key(e, K_DOWN);
	}
	return n;
}

/*
 * Rows worked out again only from near an edit are the rows a new editor
 * works out for the whole text: random edits, each after a move that
 * wraps the line, then both walked from the top.
 */
static void
wrap_edits(void **state)
{
	static const int keys[] = { 'a', 'b', ' ', ' ', 0x738b, 0x301,
	    0x1f600, K_BS, K_DEL, K_LEFT, K_RIGHT, W_CTRL('k'), '\n' };
	static size_t		 a[2000][2], b[2000][2];
	struct w_editor		*e, *fresh;
	unsigned long		 seed = 1;
	size_t			 i, na, nb;
	char			*s;

	e = w_editor_new("tab\there\nand a rather longer line of words");
	w_editor_size(e, 4, 7);
	for (i = 0; i < 3000; i++) {
		seed = seed * 1103515245 + 12345;
		w_editor_key(e, keys[(seed >> 16) % (sizeof keys /
		    sizeof keys[0])]);
		w_editor_key(e, K_UP);
		w_editor_key(e, K_DOWN);
	}
	s = w_editor_text(e);
	fresh = w_editor_new(s);
	w_editor_size(fresh, 4, 7);
	na = rows(e, a, 2000);
	nb = rows(fresh, b, 2000);
	assert_true(na > 10);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na * sizeof a[0]);
	free(s);
	w_editor_free(fresh);
	w_editor_free(e);
}

/* A tab from the database is one unit, and goes back as it came. */
static void
tab(void **state)
{
	struct w_editor	*e = w_editor_new("a\tb\nc");

	assert_false(w_editor_changed(e));
	press(e, K_RIGHT, 2);
	assert_where(e, 1, 3);
	press(e, K_LEFT, 1);
	assert_int_equal(w_editor_key(e, K_DEL), W_CHANGED);
	assert_text(e, "ab\nc");
	w_editor_free(e);

	/* In 4 columns the "\t" shown goes whole to the next row. */
	e = w_editor_new("abc\tde");
	w_editor_size(e, 5, 4);
	press(e, K_DOWN, 1);
	assert_where(e, 1, 4);
	press(e, K_DOWN, 1);		/* the empty row after a full one */
	assert_where(e, 1, 7);
	assert_text(e, "abc\tde");
	w_editor_free(e);
}

static void
empty(void **state)
{
	static const int keys[] = { K_UP, K_DOWN, K_LEFT, K_RIGHT, K_HOME,
	    K_END, W_FN | KEY_PPAGE, W_FN | KEY_NPAGE, K_START, K_EOT, K_BS,
	    K_DEL, W_CTRL('k') };
	struct w_editor	*e = w_editor_new("");
	size_t		 i;

	w_editor_size(e, 3, 10);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		assert_int_equal(w_editor_key(e, keys[i]), W_HANDLED);
		assert_where(e, 1, 1);
	}
	assert_false(w_editor_changed(e));
	assert_text(e, "");
	w_editor_free(e);
}

/* Keys the form around the editor uses. */
static void
ignored(void **state)
{
	static const int keys[] = { '\t', 27, W_FN | KEY_F(2),
	    W_FN | KEY_BTAB, W_CTRL('x'), W_FN | KEY_RESIZE };
	struct w_editor	*e = w_editor_new("x");
	size_t		 i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		assert_int_equal(w_editor_key(e, keys[i]), W_IGNORED);
	assert_text(e, "x");
	w_editor_free(e);
}

/* A curses screen that writes to /dev/null, to draw in and read back. */
static int
screen_setup(void **state)
{
	FILE	*out, *in;
	SCREEN	*sp;

	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	if (out == NULL || in == NULL)
		return -1;
	if ((sp = newterm("xterm", out, in)) == NULL) {
		fclose(out);
		fclose(in);
		*state = NULL;
		return 0;
	}
	*state = sp;
	return 0;
}

static int
screen_teardown(void **state)
{
	if (*state != NULL) {
		endwin();
		delscreen(*state);
	}
	return 0;
}

/* Row y of win as UTF-8, wide characters once, marks with their letter. */
static char *
row_at(WINDOW *win, int y)
{
	wchar_t		 ws[128];
	char		*s;

	assert_int_not_equal(mvwinnwstr(win, y, 0, ws, 127), ERR);
	s = malloc(sizeof ws * 2);
	assert_int_not_equal(wcstombs(s, ws, sizeof ws * 2), (size_t)-1);
	return s;
}

static void
assert_row(WINDOW *win, int y, const char *want)
{
	char	*s = row_at(win, y);

	assert_string_equal(s, want);
	free(s);
}

/* A window of '#' with the editor in 3 rows of 10 columns at 1, 2. */
static WINDOW *
canvas(void)
{
	WINDOW	*win = newwin(5, 14, 0, 0);
	int	 y;

	assert_non_null(win);
	for (y = 0; y < 5; y++)
		mvwhline(win, y, 0, '#', 14);
	return win;
}

static void
draw(void **state)
{
	struct w_editor	*e;
	WINDOW		*win;

	if (*state == NULL)
		skip();
	win = canvas();
	e = w_editor_new("the quick brown fox\n"
	    "\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b"
	    "\xe7\x8e\x8b\ta");
	memset(&w_cursor, 0, sizeof w_cursor);
	w_editor_draw(e, win, 1, 2, 3, 10, 1);
	assert_row(win, 0, "##############");
	assert_row(win, 1, "##the quick ##");
	assert_row(win, 2, "##brown fox ##");
	assert_row(win, 3, "##\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b"
	    "\xe7\x8e\x8b\xe7\x8e\x8b##");
	assert_row(win, 4, "##############");
	assert_ptr_equal(w_cursor.win, win);
	assert_int_equal(w_cursor.y, 1);
	assert_int_equal(w_cursor.x, 2);

	/*
	 * To the end: scrolled by one row, the tab shown as "\t", and the a
	 * drawn over half of a wide character is still there.
	 */
	press(e, K_EOT, 1);
	w_editor_draw(e, win, 1, 2, 3, 10, 1);
	assert_row(win, 1, "##brown fox ##");
	assert_row(win, 3, "##\xe7\x8e\x8b\\ta     ##");
	assert_int_equal(w_cursor.y, 3);
	assert_int_equal(w_cursor.x, 7);

	/* A line gone: the row left over is cleared. */
	press(e, K_START, 1);
	press(e, W_CTRL('k'), 2);
	w_editor_draw(e, win, 1, 2, 3, 10, 1);
	assert_row(win, 1, "##\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b"
	    "\xe7\x8e\x8b\xe7\x8e\x8b##");
	assert_row(win, 2, "##\xe7\x8e\x8b\\ta     ##");
	assert_row(win, 3, "##          ##");
	assert_int_equal(w_cursor.y, 1);
	w_editor_free(e);
	delwin(win);
}

/* Marks on their letter and alone; a cursor at a full row's end. */
static void
draw_marks(void **state)
{
	struct w_editor	*e;
	WINDOW		*win;

	if (*state == NULL)
		skip();
	win = canvas();
	e = w_editor_new("\xcc\x81xe\xcc\x81\nabcdefghij");
	w_editor_draw(e, win, 1, 2, 3, 10, 0);
	assert_row(win, 1, "##\\u0301xe\xcc\x81  ##");
	assert_row(win, 2, "##abcdefghij##");
	assert_row(win, 3, "##          ##");
	assert_row(win, 4, "##############");
	memset(&w_cursor, 0, sizeof w_cursor);
	press(e, K_EOT, 1);
	w_editor_draw(e, win, 1, 2, 3, 10, 1);
	assert_int_equal(w_cursor.y, 3);
	assert_int_equal(w_cursor.x, 2);
	w_editor_free(e);
	delwin(win);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roundtrip),
		cmocka_unit_test(insert),
		cmocka_unit_test(combining),
		cmocka_unit_test(newline),
		cmocka_unit_test(backspace),
		cmocka_unit_test(delete),
		cmocka_unit_test(wrap_updown),
		cmocka_unit_test(home_end),
		cmocka_unit_test(long_word),
		cmocka_unit_test(page),
		cmocka_unit_test(kill_line),
		cmocka_unit_test(changed),
		cmocka_unit_test(wrap_edits),
		cmocka_unit_test(paste),
		cmocka_unit_test(tab),
		cmocka_unit_test(empty),
		cmocka_unit_test(ignored),
		cmocka_unit_test_setup_teardown(draw, screen_setup,
		    screen_teardown),
		cmocka_unit_test_setup_teardown(draw_marks, screen_setup,
		    screen_teardown),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
