/*
 * w-list.c: a cursor over rows. The list knows only how many rows there
 * are and how many are seen; the screen that owns it draws the rows, so
 * one list serves families, referrals, contacts and the rest alike.
 */
#include "w.h"

void
w_list_set(struct w_list *l, size_t n)
{
	l->n = n;
	if (n == 0)
		l->cur = l->top = 0;
	else if (l->cur >= n)
		l->cur = n - 1;
	if (l->top > l->cur)
		l->top = l->cur;
}

void
w_list_fit(struct w_list *l, int h)
{
	size_t	seen;

	l->h = h < 1 ? 1 : h;
	seen = (size_t)l->h;
	if (l->cur < l->top)
		l->top = l->cur;
	else if (l->cur >= l->top + seen)
		l->top = l->cur - seen + 1;
	/* No empty rows below the last while there are rows above. */
	if (l->n > seen && l->top > l->n - seen)
		l->top = l->n - seen;
	if (l->n <= seen)
		l->top = 0;
}

/* Move the cursor by delta rows, stopping at either end. */
static enum w_result
w_list_move(struct w_list *l, long delta)
{
	size_t	old = l->cur;

	if (l->n == 0)
		return W_HANDLED;
	if (delta < 0 && (size_t)-delta > l->cur)
		l->cur = 0;
	else if (delta > 0 && (size_t)delta >= l->n - l->cur)
		l->cur = l->n - 1;
	else
		l->cur = (size_t)((long)l->cur + delta);
	w_list_fit(l, l->h);
	return l->cur != old ? W_CHANGED : W_HANDLED;
}

enum w_result
w_list_key(struct w_list *l, int key)
{
	long	page = l->h > 1 ? l->h - 1 : 1;

	switch (key) {
	case W_FN | KEY_UP:
	case 'k':
		return w_list_move(l, -1);
	case W_FN | KEY_DOWN:
	case 'j':
		return w_list_move(l, 1);
	case W_FN | KEY_PPAGE:
		return w_list_move(l, -page);
	case W_FN | KEY_NPAGE:
	case ' ':
		return w_list_move(l, page);
	case W_FN | KEY_HOME:
	case 'g':
		return w_list_move(l, -(long)l->n);
	case W_FN | KEY_END:
	case 'G':
		return w_list_move(l, (long)l->n);
	default:
		return W_IGNORED;
	}
}
