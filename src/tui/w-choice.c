/*
 * w-choice.c: choosing one item of a list by typing part of its name.
 * It owns copies of the items, the filter (a w_field whose cursor stays at
 * its end) and a w_list over the items that match; it does not know what
 * the items are or where they come from.
 *
 * Since typing filters, every printable key goes to the filter: j, k, g
 * and space are letters here, not the moves they are in a plain list.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "w.h"

#define W_CHOICE_PROMPT	"Type to filter: "

struct w_choice_item {
	char	*code;
	char	*label;
	char	*detail;	/* NULL: none */
	wchar_t	*lcode;		/* code and label in lower case, to match */
	wchar_t	*llabel;
};

struct w_choice {
	struct w_choice_item	*items;
	size_t			 n;
	size_t			 size;		/* items allocated */
	struct w_field		*filter;
	wchar_t			*lfilter;	/* the filter in lower case */
	size_t			*match;		/* indexes of matching items */
	size_t			 nmatch;
	struct w_list		 list;		/* the cursor over match */
	int			 ticks;		/* a list to tick */
	unsigned char		*ticked;	/* per item, when ticks */
};

/* Decode UTF-8 in lower case, each invalid byte becoming U+FFFD. */
static wchar_t *
w_choice_lower(const char *s)
{
	mbstate_t	 st;
	wchar_t		*ws;
	size_t		 rest = strlen(s), n, len = 0;

	ws = xreallocarray(NULL, rest + 1, sizeof *ws);
	memset(&st, 0, sizeof st);
	while (rest > 0) {
		n = mbrtowc(&ws[len], s, rest, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			ws[len] = 0xfffd;
			n = 1;
			memset(&st, 0, sizeof st);
		}
		ws[len] = (wchar_t)towlower((wint_t)ws[len]);
		len++;
		s += n;
		rest -= n;
	}
	ws[len] = L'\0';
	return ws;
}

/* Create an empty choice. */
struct w_choice *
w_choice_new(void)
{
	struct w_choice	*c;

	c = xcalloc(1, sizeof *c);
	c->filter = w_field_new(NULL);
	c->lfilter = w_choice_lower("");
	return c;
}

/* Free a choice and its items. */
void
w_choice_free(struct w_choice *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->items[i].code);
		free(c->items[i].label);
		free(c->items[i].detail);
		free(c->items[i].lcode);
		free(c->items[i].llabel);
	}
	free(c->items);
	free(c->ticked);
	free(c->match);
	free(c->lfilter);
	w_field_free(c->filter);
	free(c);
}

/* The index of the item under the cursor, or c->n when none is. */
static size_t
w_choice_current(const struct w_choice *c)
{
	return c->nmatch == 0 ? c->n : c->match[c->list.cur];
}

/* Does the item hold the (lower case) filter in its label or code? */
static int
w_choice_matches(const struct w_choice_item *it, const wchar_t *filter)
{
	return wcsstr(it->llabel, filter) != NULL ||
	    wcsstr(it->lcode, filter) != NULL;
}

/*
 * Work out which items match the filter, keeping the cursor on the item
 * it was on if that still matches, else on the first.
 */
static void
w_choice_refilter(struct w_choice *c)
{
	char	*s;
	size_t	 was = w_choice_current(c), i, at = 0;

	s = w_field_text(c->filter);
	free(c->lfilter);
	c->lfilter = w_choice_lower(s);
	free(s);
	c->nmatch = 0;
	for (i = 0; i < c->n; i++) {
		if (!w_choice_matches(&c->items[i], c->lfilter))
			continue;
		if (i == was)
			at = c->nmatch;
		c->match[c->nmatch++] = i;
	}
	c->list.cur = at;
	w_list_set(&c->list, c->nmatch);
}

/* Add an item at the end, copying its strings. */
void
w_choice_add(struct w_choice *c, const char *code, const char *label,
    const char *detail)
{
	struct w_choice_item	*it;

	if (c->n == c->size) {
		c->size = c->size == 0 ? 16 : c->size * 2;
		c->items = xreallocarray(c->items, c->size, sizeof *c->items);
		c->match = xreallocarray(c->match, c->size, sizeof *c->match);
		c->ticked = xreallocarray(c->ticked, c->size, 1);
	}
	c->ticked[c->n] = 0;
	it = &c->items[c->n];
	it->code = xstrdup(code);
	it->label = xstrdup(label != NULL ? label : code);
	it->detail = detail != NULL && *detail != '\0' ? xstrdup(detail) :
	    NULL;
	it->lcode = w_choice_lower(it->code);
	it->llabel = w_choice_lower(it->label);
	if (w_choice_matches(it, c->lfilter)) {
		c->match[c->nmatch++] = c->n;
		w_list_set(&c->list, c->nmatch);
	}
	c->n++;
}

/*
 * Put the cursor on the item with this code. If the filter hides it, the
 * filter is cleared: the item asked for must be the one seen.
 */
void
w_choice_select(struct w_choice *c, const char *code)
{
	size_t	i, j;

	if (code == NULL)
		return;
	for (i = 0; i < c->n; i++)
		if (strcmp(c->items[i].code, code) == 0)
			break;
	if (i == c->n)
		return;
	for (j = 0; j < c->nmatch; j++)
		if (c->match[j] == i)
			break;
	if (j == c->nmatch) {
		w_field_set(c->filter, "");
		w_choice_refilter(c);
		j = i;
	}
	c->list.cur = j;
	w_list_set(&c->list, c->nmatch);
}

/* Pass a key to the filter, matching again if it changed. */
static enum w_result
w_choice_edit(struct w_choice *c, int key)
{
	enum w_result	r;

	if ((r = w_field_key(c->filter, key)) == W_CHANGED)
		w_choice_refilter(c);
	return r;
}

/* Esc: clear the filter, or give up when there is none. */
static enum w_result
w_choice_escape(struct w_choice *c)
{
	if (w_field_empty(c->filter))
		return W_CANCEL;
	w_field_set(c->filter, "");
	w_choice_refilter(c);
	return W_CHANGED;
}

/* Handle a key: see w.h for which. */
enum w_result
w_choice_key(struct w_choice *c, int key)
{
	if (w_key_printable(key))
		return w_choice_edit(c, key);
	switch (key) {
	case W_FN | KEY_BACKSPACE:
	case W_CTRL('h'):
	case 0x7f:
	case W_CTRL('u'):
		return w_choice_edit(c, key);
	case W_FN | KEY_UP:
	case W_FN | KEY_DOWN:
	case W_FN | KEY_PPAGE:
	case W_FN | KEY_NPAGE:
	case W_FN | KEY_HOME:
	case W_FN | KEY_END:
		return w_list_key(&c->list, key);
	case W_FN | KEY_ENTER:
	case '\r':
	case '\n':
		if (c->ticks && c->nmatch > 0) {
			c->ticked[w_choice_current(c)] ^= 1;
			return W_CHANGED;
		}
		return c->nmatch > 0 && !c->ticks ? W_SUBMIT : W_HANDLED;
	case 0x1b:
		return w_choice_escape(c);
	default:
		return W_IGNORED;
	}
}

/* The code of the item under the cursor; NULL when nothing matches. */
const char *
w_choice_code(const struct w_choice *c)
{
	return c->nmatch == 0 ? NULL : c->items[w_choice_current(c)].code;
}

/* The label of the item under the cursor; NULL when nothing matches. */
const char *
w_choice_label(const struct w_choice *c)
{
	return c->nmatch == 0 ? NULL : c->items[w_choice_current(c)].label;
}

/* How many items match the filter. */
size_t
w_choice_count(const struct w_choice *c)
{
	return c->nmatch;
}

void
w_choice_set_ticks(struct w_choice *c)
{
	c->ticks = 1;
}

int
w_choice_ticks(const struct w_choice *c)
{
	return c->ticks;
}

void
w_choice_tick(struct w_choice *c, const char *text)
{
	wchar_t	*lt = w_choice_lower(text);
	size_t	 i;

	for (i = 0; i < c->n; i++)
		if (wcscmp(c->items[i].lcode, lt) == 0 ||
		    wcscmp(c->items[i].llabel, lt) == 0)
			c->ticked[i] = 1;
	free(lt);
}

/* The codes (or labels) ticked, ", " between; NULL when none is. */
static char *
w_choice_join(const struct w_choice *c, int labels)
{
	char	*all = NULL, *next;
	size_t	 i;

	for (i = 0; i < c->n; i++) {
		if (!c->ticked[i])
			continue;
		next = xprintf("%s%s%s", all != NULL ? all : "", all != NULL ?
		    ", " : "", labels ? c->items[i].label : c->items[i].code);
		free(all);
		all = next;
	}
	return all;
}

char *
w_choice_ticked(const struct w_choice *c)
{
	return w_choice_join(c, 0);
}

char *
w_choice_ticked_labels(const struct w_choice *c)
{
	return w_choice_join(c, 1);
}

/*
 * The columns for labels, so that details line up: the widest label
 * seen, leaving details at least a third of the width when there are any.
 */
static int
w_choice_label_cols(const struct w_choice *c, int cols)
{
	const struct w_choice_item	*it;
	size_t				 i, end;
	int				 w, lw = 0, details = 0;

	end = c->list.top + (size_t)c->list.h;
	for (i = c->list.top; i < c->nmatch && i < end; i++) {
		it = &c->items[c->match[i]];
		if ((w = (int)text_width(it->label)) > lw)
			lw = w;
		details |= it->detail != NULL;
	}
	if (details && lw > cols - cols / 3 - 2)
		lw = cols - cols / 3 - 2;
	return lw < cols ? lw : cols;
}

/* Draw one item: a marker, then its label, then its detail dimmed. */
static void
w_choice_draw_item(const struct w_choice *c, WINDOW *win, int y, int x,
    int cols, int lw, size_t row)
{
	const struct w_choice_item	*it = &c->items[c->match[row]];
	int				 here = row == c->list.cur;
	int				 attr = here ? A_REVERSE : A_NORMAL;

	/* The marker says which is current without the reverse video. */
	w_text(win, y, x, cols < 2 ? cols : 2, here ? "> " : "  ", attr);
	if ((cols -= 2) <= 0)
		return;
	if (c->ticks) {
		w_text(win, y, x + 2, cols < 4 ? cols : 4,
		    c->ticked[c->match[row]] ? "[x] " : "[ ] ", attr);
		if ((cols -= 4) <= 0)
			return;
		x += 4;
	}
	if (it->detail == NULL || cols - lw <= 2) {
		w_text(win, y, x + 2, cols, it->label, attr);
		return;
	}
	w_text(win, y, x + 2, lw, it->label, attr);
	w_text(win, y, x + 2 + lw, 2, "", attr);
	w_text(win, y, x + 4 + lw, cols - lw - 2, it->detail, attr | A_DIM);
}

/* Draw the filter line: the prompt if there is room, then the filter. */
static void
w_choice_draw_filter(struct w_choice *c, WINDOW *win, int y, int x,
    int cols, int focused)
{
	int	pw = (int)strlen(W_CHOICE_PROMPT);

	if (cols < pw + 8)
		pw = 0;
	if (pw > 0)
		w_text(win, y, x, pw, W_CHOICE_PROMPT, A_DIM);
	w_field_draw(c->filter, win, y, x + pw, cols - pw, focused);
}

/* Draw the filter line then the items in h lines of cols columns. */
void
w_choice_draw(struct w_choice *c, WINDOW *win, int y, int x, int h,
    int cols, int focused)
{
	int	i, lw;

	if (h <= 0 || cols <= 0)
		return;
	w_choice_draw_filter(c, win, y, x, cols, focused);
	if (h == 1)
		return;
	w_list_fit(&c->list, h - 1);
	lw = w_choice_label_cols(c, cols - 2);
	for (i = 1; i < h; i++) {
		if (c->list.top + (size_t)(i - 1) < c->nmatch)
			w_choice_draw_item(c, win, y + i, x, cols, lw,
			    c->list.top + (size_t)(i - 1));
		else if (i == 1 && c->nmatch == 0)
			w_text(win, y + i, x, cols, "  (nothing matches)",
			    A_NORMAL);
		else
			w_text(win, y + i, x, cols, "", A_NORMAL);
	}
}
