/*
 * The widgets of the screens: small hand-written modules, each holding its
 * own state and knowing nothing of the core or of which screen uses it.
 *
 *   w-list.c	a cursor moving over rows the caller draws
 *   w-field.c	a one-line text field
 *   w-editor.c	a multi-line editor with word wrap
 *   w-choice.c	a choice from a list, filtered as the person types
 *
 * Every widget is driven the same way, in this order: a screen passes each
 * key to w_*_key(), which answers with a w_result; then, when the screen
 * is drawn, w_*_draw() paints the widget into the rectangle given and, if
 * it has the focus, says where the cursor goes by setting w_cursor.
 *
 * Keys are wide characters as wget_wch() returns them, or, for function
 * keys, W_FN | KEY_xxx (see w_key()).
 */
#ifndef ONETEAM_W_H
#define ONETEAM_W_H

#include <stddef.h>
#include <wchar.h>

#include <curses.h>

/* Function keys are KEY_xxx | W_FN: above every Unicode code point. */
#define W_FN		0x01000000
#define W_CTRL(c)	((c) & 0x1f)

/* A key from wget_wch(): what it returned and the character it read. */
static inline int
w_key(int rc, wint_t ch)
{
	return rc == KEY_CODE_YES ? (int)(W_FN | ch) : (int)ch;
}

/* Is this key a character to insert into text? */
int	 w_key_printable(int key);

/* What a widget did with a key. */
enum w_result {
	W_IGNORED,	/* not its key: the screen may use it */
	W_HANDLED,	/* used: the cursor moved or nothing changed */
	W_CHANGED,	/* used: the text or the choice changed */
	W_SUBMIT,	/* Enter in a field or a choice */
	W_CANCEL,	/* Esc in a choice that is open */
};

/* Where the screen's cursor should be once everything is drawn. */
struct w_cursor {
	WINDOW	*win;	/* NULL: hide the cursor */
	int	 y;
	int	 x;
};
extern struct w_cursor w_cursor;

/*
 * Draw text from anywhere (the database, a bundle, a person) at y, x in
 * exactly cols columns: escaped (text_escape), cut with "…" when too
 * long, padded with spaces. Returns the columns used before the padding.
 */
int	 w_text(WINDOW *, int y, int x, int cols, const char *s, int attr);

/* --- w-list.c: a cursor over n rows, of which h are seen at once ------- */
struct w_list {
	size_t	n;	/* rows */
	size_t	cur;	/* the row with the cursor (0 when n is 0) */
	size_t	top;	/* the first row seen */
	int	h;	/* rows seen, set by w_list_fit() when drawn */
};
/* Move with arrows, j/k, PgUp/PgDn, Home/End, g/G. */
enum w_result	 w_list_key(struct w_list *, int key);
/* Say how many rows are seen, and scroll so the cursor is among them. */
void		 w_list_fit(struct w_list *, int h);
/* Set the number of rows, keeping the cursor inside. */
void		 w_list_set(struct w_list *, size_t n);

/* --- w-field.c: one line of text ---------------------------------------- */
struct w_field;
/* A field holding initial (may be NULL: empty). */
struct w_field	*w_field_new(const char *initial);
void		 w_field_free(struct w_field *);
/* Typing replaces the text given, until a key edits or moves in it
 * first (a date offered to be changed). */
void		 w_field_fresh(struct w_field *);
/*
 * Printable characters insert; Left, Right, Home, End (and Ctrl-A,
 * Ctrl-E) move; Backspace and Delete delete; Ctrl-U clears to the start,
 * Ctrl-K to the end, Ctrl-W deletes the word before the cursor. Enter is
 * W_SUBMIT. Everything else is W_IGNORED.
 */
enum w_result	 w_field_key(struct w_field *, int key);
/* Draw in cols columns at y, x, scrolled so the cursor shows. */
void		 w_field_draw(struct w_field *, WINDOW *, int y, int x,
		     int cols, int focused);
/* The text as UTF-8, a new string. */
char		*w_field_text(const struct w_field *);
/* Replace the text (the cursor goes to its end); not a change. */
void		 w_field_set(struct w_field *, const char *);
/* Has the text changed since w_field_new() or w_field_set()? */
int		 w_field_changed(const struct w_field *);
/* Is it empty? */
int		 w_field_empty(const struct w_field *);

/* --- w-editor.c: several lines of text, wrapped at words ---------------- */
struct w_editor;
struct w_editor	*w_editor_new(const char *initial);
void		 w_editor_free(struct w_editor *);
/*
 * Printable characters insert, Enter starts a new line; arrows move (up
 * and down by lines as drawn), Home/End to the start and end of the
 * line as drawn, PgUp/PgDn by a page, Ctrl-Home/Ctrl-End to the start
 * and end of the text; Backspace and Delete delete, joining lines; Ctrl-K
 * deletes to the end of the line. Tab, Esc and function keys other than
 * those are W_IGNORED, for the form around it.
 */
enum w_result	 w_editor_key(struct w_editor *, int key);
/* The width and height it is drawn at; key handling uses the last set. */
void		 w_editor_size(struct w_editor *, int h, int cols);
/* Draw in h lines of cols columns at y, x, scrolled so the cursor shows. */
void		 w_editor_draw(struct w_editor *, WINDOW *, int y, int x,
		     int h, int cols, int focused);
char		*w_editor_text(const struct w_editor *);
int		 w_editor_changed(const struct w_editor *);
/* Line and column (from 1) of the cursor in the text, for the status. */
void		 w_editor_where(const struct w_editor *, size_t *line,
		     size_t *col);

/* --- w-choice.c: pick one of a list, typing to filter -------------------- */
struct w_choice;
struct w_choice	*w_choice_new(void);
void		 w_choice_free(struct w_choice *);
/* Add an item: its code (what is returned), label (what is seen and
 * matched) and an optional detail shown dimmer beside it. */
void		 w_choice_add(struct w_choice *, const char *code,
		     const char *label, const char *detail);
/* Put the cursor on the item with this code, if there is one. */
void		 w_choice_select(struct w_choice *, const char *code);
/*
 * Printable characters and Backspace edit the filter: items whose label
 * or code contains it (any case) are seen. Up, Down, PgUp, PgDn move.
 * Enter is W_SUBMIT when an item is chosen; Esc clears the filter, or is
 * W_CANCEL when it is empty.
 */
enum w_result	 w_choice_key(struct w_choice *, int key);
/* Draw the filter line then the items in h lines of cols columns. */
void		 w_choice_draw(struct w_choice *, WINDOW *, int y, int x,
		     int h, int cols, int focused);
/* The chosen item's code and label, NULL when nothing matches. */
const char	*w_choice_code(const struct w_choice *);
const char	*w_choice_label(const struct w_choice *);
/* How many items match the filter. */
size_t		 w_choice_count(const struct w_choice *);
/*
 * A list to tick rather than choose one of: Enter ticks or unticks the
 * item under the cursor (and is never W_SUBMIT); each item is drawn
 * with its tick. w_choice_tick() ticks the item whose code or label is
 * text (any case); w_choice_ticked() gives the codes ticked, in the
 * list's order, ", " between (to be freed), or NULL when none is, and
 * w_choice_ticked_labels() their labels.
 */
void		 w_choice_set_ticks(struct w_choice *);
int		 w_choice_ticks(const struct w_choice *);
void		 w_choice_tick(struct w_choice *, const char *text);
char		*w_choice_ticked(const struct w_choice *);
char		*w_choice_ticked_labels(const struct w_choice *);

/*
 * A passphrase being typed (w-secret.c): in memory libsodium guards,
 * drawn only as dots, wiped by w_secret_clear() once used. Enter is
 * W_SUBMIT, Esc W_CANCEL; a function key W_IGNORED.
 */
struct w_secret {
	char	*buf;		/* what was typed, NUL-terminated */
	size_t	 cap;
	size_t	 len;		/* bytes */
	size_t	 chars;		/* characters, shown as dots */
};
void		 w_secret_init(struct w_secret *, size_t max);
void		 w_secret_clear(struct w_secret *);
void		 w_secret_free(struct w_secret *);
enum w_result	 w_secret_key(struct w_secret *, int key);
/* A dot a character, at most n - 1 of them, into dots. */
void		 w_secret_dots(const struct w_secret *, char *dots, size_t n);

#endif
