/*
 * w-secret.c: a passphrase being typed. It is kept in memory libsodium
 * guards (never swapped, wiped when freed), shown only as a dot a
 * character, and wiped as soon as it has been used. The sign-in and the
 * team's passphrase (tui-team.c) are typed into one.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <sodium.h>

#include "oneteam/xmalloc.h"
#include "w.h"

void
w_secret_init(struct w_secret *s, size_t max)
{
	memset(s, 0, sizeof *s);
	s->cap = max + MB_LEN_MAX;
	if ((s->buf = sodium_malloc(s->cap)) == NULL)
		fatal("out of memory");
	sodium_memzero(s->buf, s->cap);
}

void
w_secret_clear(struct w_secret *s)
{
	if (s->buf != NULL)
		sodium_memzero(s->buf, s->cap);
	s->len = s->chars = 0;
}

void
w_secret_free(struct w_secret *s)
{
	sodium_free(s->buf);	/* wipes it */
	memset(s, 0, sizeof *s);
}

void
w_secret_dots(const struct w_secret *s, char *dots, size_t n)
{
	size_t	i, k = s->chars < n - 1 ? s->chars : n - 1;

	for (i = 0; i < k; i++)
		dots[i] = '*';
	dots[k] = '\0';
}

enum w_result
w_secret_key(struct w_secret *s, int key)
{
	mbstate_t	st;
	size_t		n;

	switch (key) {
	case '\r':
	case '\n':
	case W_FN | KEY_ENTER:
		return W_SUBMIT;
	case 27:
		return W_CANCEL;
	case W_FN | KEY_BACKSPACE:
	case W_CTRL('h'):
	case 0x7f:
		/* Back over the last character, UTF-8 continuations too. */
		while (s->len > 0 &&
		    ((unsigned char)s->buf[--s->len] & 0xc0) == 0x80)
			s->buf[s->len] = '\0';
		s->buf[s->len] = '\0';
		if (s->chars > 0)
			s->chars--;
		return W_CHANGED;
	case W_CTRL('u'):
		w_secret_clear(s);
		return W_CHANGED;
	}
	if (!w_key_printable(key))
		return (key & W_FN) ? W_IGNORED : W_HANDLED;
	if (s->len + MB_LEN_MAX >= s->cap)
		return W_HANDLED;	/* longer than any passphrase */
	memset(&st, 0, sizeof st);
	n = wcrtomb(s->buf + s->len, (wchar_t)key, &st);
	if (n != (size_t)-1) {
		s->len += n;
		s->chars++;
	}
	return W_CHANGED;
}
