/*
 * Unit tests for w-field.c and w-choice.c: the keys a person types and
 * the text or choice that results, with no terminal; then what is drawn,
 * into a curses screen that writes to /dev/null and is read back.
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
#include <wchar.h>

#include "w.h"

#define E_ACUTE		"e\xcc\x81"		/* e + U+0301 */
#define KEY(k)		(W_FN | (k))

/* Type the characters of s one key each, each a change. */
static void
type(struct w_field *f, const char *s)
{
	mbstate_t	st;
	wchar_t		wc;
	size_t		n;

	memset(&st, 0, sizeof st);
	while (*s != '\0') {
		n = mbrtowc(&wc, s, strlen(s), &st);
		assert_true(n > 0 && n <= 4);
		assert_int_equal(w_field_key(f, (int)wc), W_CHANGED);
		s += n;
	}
}

static void
assert_text(const struct w_field *f, const char *want)
{
	char	*s;

	s = w_field_text(f);
	assert_string_equal(s, want);
	free(s);
}

static void
press(struct w_field *f, int key, enum w_result want)
{
	assert_int_equal(w_field_key(f, key), want);
}

static void
field_ascii(void **state)
{
	struct w_field	*f;

	f = w_field_new(NULL);
	assert_true(w_field_empty(f));
	assert_false(w_field_changed(f));
	assert_text(f, "");
	type(f, "hello world");
	assert_text(f, "hello world");
	assert_false(w_field_empty(f));
	assert_true(w_field_changed(f));
	w_field_free(f);
}

static void
field_multibyte(void **state)
{
	struct w_field	*f;

	f = w_field_new(NULL);
	type(f, "\xc3\xa9\xe7\x8e\x8b\xf0\x9f\x98\x80");	/* é王😀 */
	press(f, KEY(KEY_LEFT), W_HANDLED);
	type(f, "x");
	assert_text(f, "\xc3\xa9\xe7\x8e\x8bx\xf0\x9f\x98\x80");
	press(f, KEY(KEY_LEFT), W_HANDLED);
	press(f, KEY(KEY_LEFT), W_HANDLED);
	press(f, KEY(KEY_BACKSPACE), W_CHANGED);
	assert_text(f, "\xe7\x8e\x8bx\xf0\x9f\x98\x80");
	press(f, KEY(KEY_DC), W_CHANGED);
	assert_text(f, "x\xf0\x9f\x98\x80");
	w_field_free(f);
}

static void
field_moves(void **state)
{
	struct w_field	*f;

	f = w_field_new("abc");
	type(f, "d");			/* the cursor starts at the end */
	assert_text(f, "abcd");
	press(f, KEY(KEY_RIGHT), W_HANDLED);
	type(f, "e");
	press(f, KEY(KEY_HOME), W_HANDLED);
	press(f, KEY(KEY_LEFT), W_HANDLED);
	type(f, "<");
	press(f, KEY(KEY_END), W_HANDLED);
	type(f, ">");
	assert_text(f, "<abcde>");
	press(f, W_CTRL('a'), W_HANDLED);
	press(f, KEY(KEY_RIGHT), W_HANDLED);
	type(f, "1");
	press(f, W_CTRL('e'), W_HANDLED);
	press(f, KEY(KEY_LEFT), W_HANDLED);
	type(f, "2");
	assert_text(f, "<1abcde2>");
	w_field_free(f);
}

/* The cursor never stops between a letter and its accent. */
static void
field_combining(void **state)
{
	struct w_field	*f;

	f = w_field_new("a" E_ACUTE "b");
	press(f, KEY(KEY_LEFT), W_HANDLED);	/* before b */
	press(f, KEY(KEY_LEFT), W_HANDLED);	/* before e + accent */
	type(f, "X");
	assert_text(f, "aX" E_ACUTE "b");
	press(f, KEY(KEY_RIGHT), W_HANDLED);	/* over e + accent */
	type(f, "Y");
	assert_text(f, "aX" E_ACUTE "Yb");
	press(f, KEY(KEY_END), W_HANDLED);
	press(f, KEY(KEY_BACKSPACE), W_CHANGED);
	press(f, KEY(KEY_BACKSPACE), W_CHANGED);
	assert_text(f, "aX" E_ACUTE);
	press(f, KEY(KEY_BACKSPACE), W_CHANGED);	/* both go */
	assert_text(f, "aX");
	w_field_set(f, "a" E_ACUTE);
	press(f, KEY(KEY_HOME), W_HANDLED);
	press(f, KEY(KEY_RIGHT), W_HANDLED);
	press(f, KEY(KEY_DC), W_CHANGED);
	assert_text(f, "a");
	w_field_free(f);
}

/* A mark with no letter is its own cluster until a letter comes. */
static void
field_lone_mark(void **state)
{
	struct w_field	*f;

	f = w_field_new("\xcc\x81x");
	press(f, KEY(KEY_HOME), W_HANDLED);
	press(f, KEY(KEY_RIGHT), W_HANDLED);
	type(f, "1");
	assert_text(f, "\xcc\x81" "1x");
	press(f, KEY(KEY_HOME), W_HANDLED);
	type(f, "e");			/* the mark joins it: the cursor */
	type(f, "2");			/* goes past the mark */
	assert_text(f, E_ACUTE "21x");
	w_field_free(f);
}

static void
field_kill(void **state)
{
	struct w_field	*f;

	f = w_field_new("one two  three");
	press(f, W_CTRL('w'), W_CHANGED);
	assert_text(f, "one two  ");
	press(f, W_CTRL('w'), W_CHANGED);
	assert_text(f, "one ");
	w_field_set(f, "hello world");
	press(f, KEY(KEY_HOME), W_HANDLED);
	press(f, W_CTRL('w'), W_HANDLED);
	press(f, W_CTRL('u'), W_HANDLED);
	press(f, KEY(KEY_BACKSPACE), W_HANDLED);
	assert_text(f, "hello world");
	press(f, KEY(KEY_RIGHT), W_HANDLED);
	press(f, KEY(KEY_RIGHT), W_HANDLED);
	press(f, W_CTRL('k'), W_CHANGED);
	assert_text(f, "he");
	press(f, W_CTRL('k'), W_HANDLED);
	press(f, KEY(KEY_DC), W_HANDLED);
	press(f, KEY(KEY_LEFT), W_HANDLED);
	press(f, W_CTRL('u'), W_CHANGED);
	assert_text(f, "e");
	w_field_set(f, "abc");
	press(f, 0x7f, W_CHANGED);
	press(f, W_CTRL('h'), W_CHANGED);
	assert_text(f, "a");
	w_field_free(f);
}

static void
field_changed(void **state)
{
	struct w_field	*f;

	f = w_field_new("abc");
	assert_false(w_field_changed(f));
	type(f, "d");
	assert_true(w_field_changed(f));
	press(f, KEY(KEY_BACKSPACE), W_CHANGED);
	assert_false(w_field_changed(f));
	w_field_set(f, "x");
	assert_false(w_field_changed(f));
	assert_false(w_field_empty(f));
	press(f, W_CTRL('u'), W_CHANGED);
	assert_true(w_field_changed(f));
	assert_true(w_field_empty(f));
	w_field_set(f, NULL);
	assert_false(w_field_changed(f));
	assert_true(w_field_empty(f));
	w_field_free(f);
}

/* Bytes that are not UTF-8 read as U+FFFD, and that is not a change. */
static void
field_invalid(void **state)
{
	struct w_field	*f;

	f = w_field_new("a\xff" "b\x1b");
	assert_false(w_field_changed(f));
	assert_text(f, "a\xef\xbf\xbd" "b\x1b");
	press(f, KEY(KEY_BACKSPACE), W_CHANGED);
	assert_text(f, "a\xef\xbf\xbd" "b");
	w_field_free(f);
}

static void
field_refused(void **state)
{
	struct w_field	*f;
	const int	 keys[] = { 0x1b, W_CTRL('g'), '\t', 0x9b, 0x85,
	    KEY(KEY_F(1)), KEY(KEY_UP), KEY(KEY_DOWN), KEY(KEY_NPAGE),
	    W_CTRL('b'), W_CTRL('f') };
	size_t		 i;

	f = w_field_new("ab");
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		press(f, keys[i], W_IGNORED);
	assert_text(f, "ab");
	assert_false(w_field_changed(f));
	press(f, '\n', W_SUBMIT);
	press(f, '\r', W_SUBMIT);
	press(f, KEY(KEY_ENTER), W_SUBMIT);
	assert_text(f, "ab");
	w_field_free(f);
}

/* --- the choice ----------------------------------------------------- */

static struct w_choice *
choice_new(void)
{
	struct w_choice	*c;

	c = w_choice_new();
	w_choice_add(c, "zoe", "Zo\xc3\xab Smith", "sister");
	w_choice_add(c, "ann", "Ann Jones", NULL);
	w_choice_add(c, "ZZ", "\xc3\x89mile", "");
	w_choice_add(c, "bob", "Bob", "j k");
	return c;
}

/* Type s into the choice's filter. */
static void
type_filter(struct w_choice *c, const char *s)
{
	mbstate_t	st;
	wchar_t		wc;
	size_t		n;

	memset(&st, 0, sizeof st);
	while (*s != '\0') {
		n = mbrtowc(&wc, s, strlen(s), &st);
		assert_true(n > 0 && n <= 4);
		assert_int_equal(w_choice_key(c, (int)wc), W_CHANGED);
		s += n;
	}
}

static void
choice_filter(void **state)
{
	struct w_choice	*c;

	c = choice_new();
	assert_int_equal(w_choice_count(c), 4);
	assert_string_equal(w_choice_code(c), "zoe");
	type_filter(c, "zo\xc3\xab");		/* zoë */
	assert_int_equal(w_choice_count(c), 1);
	assert_string_equal(w_choice_label(c), "Zo\xc3\xab Smith");
	assert_int_equal(w_choice_key(c, W_CTRL('u')), W_CHANGED);
	type_filter(c, "ZO\xc3\x8b");		/* ZOË */
	assert_int_equal(w_choice_count(c), 1);
	w_choice_key(c, W_CTRL('u'));
	type_filter(c, "\xc3\xa9");		/* é finds Émile */
	assert_int_equal(w_choice_count(c), 1);
	assert_string_equal(w_choice_code(c), "ZZ");
	w_choice_key(c, W_CTRL('u'));
	type_filter(c, "zz");		/* the code matches too */
	assert_string_equal(w_choice_code(c), "ZZ");
	w_choice_key(c, W_CTRL('u'));
	type_filter(c, "j");			/* a letter, not a move */
	assert_int_equal(w_choice_count(c), 1);
	assert_string_equal(w_choice_code(c), "ann");
	assert_int_equal(w_choice_key(c, KEY(KEY_BACKSPACE)), W_CHANGED);
	assert_int_equal(w_choice_count(c), 4);
	assert_int_equal(w_choice_key(c, KEY(KEY_BACKSPACE)), W_HANDLED);
	w_choice_free(c);
}

static void
choice_nomatch(void **state)
{
	struct w_choice	*c;

	c = choice_new();
	type_filter(c, "xyz");
	assert_int_equal(w_choice_count(c), 0);
	assert_null(w_choice_code(c));
	assert_null(w_choice_label(c));
	assert_int_equal(w_choice_key(c, '\r'), W_HANDLED);
	assert_int_equal(w_choice_key(c, KEY(KEY_DOWN)), W_HANDLED);
	assert_int_equal(w_choice_key(c, 0x1b), W_CHANGED);
	assert_int_equal(w_choice_count(c), 4);
	assert_string_equal(w_choice_code(c), "zoe");
	assert_int_equal(w_choice_key(c, 0x1b), W_CANCEL);
	w_choice_free(c);

	c = w_choice_new();
	assert_int_equal(w_choice_count(c), 0);
	assert_null(w_choice_code(c));
	assert_int_equal(w_choice_key(c, KEY(KEY_END)), W_HANDLED);
	w_choice_free(c);
}

static void
choice_move(void **state)
{
	struct w_choice	*c;

	c = choice_new();
	assert_int_equal(w_choice_key(c, KEY(KEY_UP)), W_HANDLED);
	assert_string_equal(w_choice_code(c), "zoe");
	assert_int_equal(w_choice_key(c, KEY(KEY_DOWN)), W_CHANGED);
	assert_string_equal(w_choice_code(c), "ann");
	assert_int_equal(w_choice_key(c, KEY(KEY_END)), W_CHANGED);
	assert_string_equal(w_choice_code(c), "bob");
	assert_int_equal(w_choice_key(c, KEY(KEY_DOWN)), W_HANDLED);
	assert_int_equal(w_choice_key(c, KEY(KEY_NPAGE)), W_HANDLED);
	assert_string_equal(w_choice_code(c), "bob");
	assert_int_equal(w_choice_key(c, KEY(KEY_HOME)), W_CHANGED);
	assert_string_equal(w_choice_code(c), "zoe");
	assert_int_equal(w_choice_key(c, KEY(KEY_PPAGE)), W_HANDLED);
	assert_int_equal(w_choice_key(c, '\n'), W_SUBMIT);
	assert_int_equal(w_choice_key(c, KEY(KEY_ENTER)), W_SUBMIT);
	assert_int_equal(w_choice_key(c, '\t'), W_IGNORED);
	assert_int_equal(w_choice_key(c, KEY(KEY_LEFT)), W_IGNORED);
	assert_int_equal(w_choice_key(c, KEY(KEY_F(2))), W_IGNORED);
	w_choice_free(c);
}

static void
choice_select(void **state)
{
	struct w_choice	*c;

	c = choice_new();
	w_choice_select(c, "bob");
	assert_string_equal(w_choice_code(c), "bob");
	w_choice_select(c, "nobody");
	assert_string_equal(w_choice_code(c), "bob");
	w_choice_select(c, "ann");
	type_filter(c, "o");			/* Ann Jones still matches */
	assert_int_equal(w_choice_count(c), 3);
	assert_string_equal(w_choice_code(c), "ann");
	type_filter(c, "b");		/* it does not: the first match */
	assert_int_equal(w_choice_count(c), 1);
	assert_string_equal(w_choice_code(c), "bob");
	w_choice_select(c, "ZZ");	/* hidden: the filter is cleared */
	assert_int_equal(w_choice_count(c), 4);
	assert_string_equal(w_choice_code(c), "ZZ");
	assert_int_equal(w_choice_key(c, 0x1b), W_CANCEL);
	w_choice_free(c);
}

/* --- drawing ---------------------------------------------------------- */

static SCREEN	*screen;
static FILE	*screen_out, *screen_in;

/* A curses screen writing to /dev/null: nothing is seen, all is kept. */
static int
screen_setup(void **state)
{
	screen_out = fopen("/dev/null", "w");
	screen_in = fopen("/dev/null", "r");
	if (screen_out == NULL || screen_in == NULL)
		return -1;
	screen = newterm("xterm", screen_out, screen_in);
	if (screen == NULL)
		return 0;
	resizeterm(24, 80);
	return 0;
}

static int
screen_teardown(void **state)
{
	if (screen != NULL) {
		endwin();
		delscreen(screen);
	}
	fclose(screen_out);
	fclose(screen_in);
	return 0;
}

/* Read back row y of win, to its right edge, as UTF-8. */
static char *
row(WINDOW *win, int y)
{
	wchar_t	ws[256];
	char	*s;
	size_t	 len;

	assert_int_not_equal(mvwinnwstr(win, y, 0, ws, 255), ERR);
	len = wcstombs(NULL, ws, 0);
	assert_true(len != (size_t)-1);
	s = malloc(len + 1);
	wcstombs(s, ws, len + 1);
	return s;
}

static void
assert_row(WINDOW *win, int y, const char *want)
{
	char	*s;

	s = row(win, y);
	assert_string_equal(s, want);
	free(s);
}

/* Draw f in 10 columns between two sentinels that must survive. */
static void
draw10(struct w_field *f, WINDOW *win, const char *want, int cx)
{
	werase(win);
	mvwaddstr(win, 0, 0, "|");
	mvwaddstr(win, 0, 11, "|");
	w_cursor.win = NULL;
	w_field_draw(f, win, 0, 1, 10, 1);
	assert_row(win, 0, want);
	assert_ptr_equal(w_cursor.win, win);
	assert_int_equal(w_cursor.y, 0);
	assert_int_equal(w_cursor.x, cx);
}

static void
draw_field(void **state)
{
	struct w_field	*f;
	WINDOW		*win;

	if (screen == NULL)
		skip();
	win = newwin(1, 12, 0, 0);
	f = w_field_new("abc");
	draw10(f, win, "|abc       |", 4);
	w_field_set(f, "abcdefghijklmnop");
	draw10(f, win, "|<ijklmnop |", 10);
	press(f, KEY(KEY_HOME), W_HANDLED);
	draw10(f, win, "|abcdefghi>|", 1);
	w_field_set(f, "a\x07" "b");		/* a bell shows as \x07 */
	draw10(f, win, "|a\\x07b    |", 7);
	w_field_set(f, "\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b"
	    "\xe7\x8e\x8b\xe7\x8e\x8b");		/* 王 six times */
	draw10(f, win, "|<\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b"
	    " |", 10);
	press(f, KEY(KEY_HOME), W_HANDLED);
	draw10(f, win, "|\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b"
	    " >|", 1);
	/* A mark alone, é, and right-to-left override (shown escaped). */
	w_field_set(f, "\xcc\x81" E_ACUTE "\xe2\x80\xae");
	draw10(f, win, "|<" E_ACUTE "\\u202e  |", 9);
	press(f, KEY(KEY_LEFT), W_HANDLED);
	draw10(f, win, "|<" E_ACUTE "\\u202e  |", 3);
	press(f, KEY(KEY_LEFT), W_HANDLED);
	press(f, KEY(KEY_LEFT), W_HANDLED);
	draw10(f, win, "|\\u0301" E_ACUTE "  >|", 1);
	w_field_set(f, "abcdefghijklmnop");
	draw10(f, win, "|<ijklmnop |", 10);
	press(f, KEY(KEY_LEFT), W_HANDLED);
	press(f, KEY(KEY_LEFT), W_HANDLED);	/* the view stays */
	draw10(f, win, "|<ijklmnop |", 8);
	press(f, W_CTRL('u'), W_CHANGED);	/* and fills again */
	draw10(f, win, "|op        |", 1);
	w_field_free(f);
	delwin(win);
}

/* Is the character at y, x of win ch? */
static int
cell_is(WINDOW *win, int y, int x, wchar_t ch)
{
	wchar_t	ws[4];

	assert_int_not_equal(mvwinnwstr(win, y, x, ws, 1), ERR);
	return ws[0] == ch;
}

/* However narrow, the field stays inside its columns with its cursor. */
static void
draw_narrow(void **state)
{
	const char	*texts[] = { "abcdef", "\xe7\x8e\x8b\xe7\x8e\x8b"
	    "\xe7\x8e\x8b", "a\x07" "b\x1b", E_ACUTE E_ACUTE E_ACUTE };
	struct w_field	*f;
	WINDOW		*win;
	size_t		 i;
	int		 cols, k;

	if (screen == NULL)
		skip();
	win = newwin(1, 12, 0, 0);
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		f = w_field_new(texts[i]);
		for (cols = 1; cols <= 8; cols++) {
			for (k = 0; k < 4; k++) {
				werase(win);
				mvwaddstr(win, 0, 0, "|");
				mvwaddstr(win, 0, 1 + cols, "|");
				w_field_draw(f, win, 0, 1, cols, 1);
				assert_true(cell_is(win, 0, 0, L'|'));
				assert_true(cell_is(win, 0, 1 + cols, L'|'));
				assert_in_range(w_cursor.x, 1, cols);
				w_field_key(f, KEY(KEY_LEFT));
			}
			w_field_key(f, KEY(KEY_END));
		}
		w_field_free(f);
	}
	delwin(win);
}

/* Is the cell at y, x in reverse video? */
static int
reversed(WINDOW *win, int y, int x)
{
	cchar_t	cc;
	wchar_t	wc[CCHARW_MAX + 1];
	attr_t	attr;
	short	pair;

	assert_int_not_equal(mvwin_wch(win, y, x, &cc), ERR);
	getcchar(&cc, wc, &attr, &pair, NULL);
	return (attr & A_REVERSE) != 0;
}

static void
draw_choice(void **state)
{
	struct w_choice	*c;
	WINDOW		*win;

	if (screen == NULL)
		skip();
	win = newwin(4, 30, 0, 0);
	c = choice_new();
	w_choice_draw(c, win, 0, 0, 4, 30, 1);
	w_choice_key(c, KEY(KEY_DOWN));
	w_choice_draw(c, win, 0, 0, 4, 30, 1);
	assert_row(win, 0, "Type to filter:               ");
	assert_int_equal(w_cursor.x, 16);
	assert_row(win, 1, "  Zo\xc3\xab Smith  sister           ");
	assert_row(win, 2, "> Ann Jones                   ");
	assert_row(win, 3, "  \xc3\x89mile                       ");
	assert_false(reversed(win, 1, 2));
	assert_true(reversed(win, 2, 2));
	assert_true(reversed(win, 2, 29));
	w_choice_key(c, KEY(KEY_END));		/* Bob scrolls into view */
	w_choice_draw(c, win, 0, 0, 4, 30, 1);
	assert_row(win, 1, "  Ann Jones                   ");
	assert_row(win, 3, "> Bob        j k              ");
	type_filter(c, "q");
	w_choice_draw(c, win, 0, 0, 4, 30, 1);
	assert_row(win, 0, "Type to filter: q             ");
	assert_int_equal(w_cursor.x, 17);
	assert_row(win, 1, "  (nothing matches)           ");
	assert_row(win, 2, "                              ");
	w_choice_free(c);

	c = w_choice_new();			/* escaped and cut */
	w_choice_add(c, "x", "bell\x07 and a very long label indeed",
	    NULL);
	w_choice_draw(c, win, 0, 0, 2, 30, 0);
	assert_row(win, 1, "> bell\\x07 and a very long la\xe2\x80\xa6");
	w_choice_free(c);
	delwin(win);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(field_ascii),
		cmocka_unit_test(field_multibyte),
		cmocka_unit_test(field_moves),
		cmocka_unit_test(field_combining),
		cmocka_unit_test(field_lone_mark),
		cmocka_unit_test(field_kill),
		cmocka_unit_test(field_changed),
		cmocka_unit_test(field_invalid),
		cmocka_unit_test(field_refused),
		cmocka_unit_test(choice_filter),
		cmocka_unit_test(choice_nomatch),
		cmocka_unit_test(choice_move),
		cmocka_unit_test(choice_select),
		cmocka_unit_test(draw_field),
		cmocka_unit_test(draw_narrow),
		cmocka_unit_test(draw_choice),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, screen_setup, screen_teardown);
}
