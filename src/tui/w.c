/*
 * w.c: what every widget shares: drawing text safely and telling a key
 * to insert from a key to act on. The widgets themselves are w-*.c.
 */
#include <stdlib.h>
#include <wctype.h>

#include "oneteam/text.h"
#include "w.h"

struct w_cursor w_cursor;

/* Characters that go into text: printable, never a control character. */
int
w_key_printable(int key)
{
	if (key & W_FN)
		return 0;
	if (key < 0x20 || (key >= 0x7f && key < 0xa0))
		return 0;
	return iswprint((wint_t)key) != 0;
}

int
w_text(WINDOW *win, int y, int x, int cols, const char *s, int attr)
{
	char	*fit;
	int	 used;

	if (cols <= 0)
		return 0;
	fit = text_fit(s != NULL ? s : "", (size_t)cols, 0);
	used = (int)text_width(fit);
	wattr_on(win, (attr_t)attr, NULL);
	/*
	 * Blank the cells first: a narrow character drawn over the first
	 * half of a wide one leaves the second half behind, and padding
	 * that starts on it would blank the character just drawn.
	 */
	mvwhline(win, y, x, ' ', cols);
	mvwaddstr(win, y, x, fit);
	wattr_off(win, (attr_t)attr, NULL);
	free(fit);
	return used;
}
