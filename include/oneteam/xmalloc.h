/*
 * Allocation that never fails: on exhaustion the program ends through
 * fatal(), which restores the terminal first if the screens set a hook.
 */
#ifndef ONETEAM_XMALLOC_H
#define ONETEAM_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 xvasprintf(char **, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* Format into a new string and return it. */
char	*xprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* Join strings, up to a NULL, into a new one. */
char	*xconcat(const char *, ...) __attribute__((sentinel));

/* End the program with a message; runs the hook set below first. */
void	 fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
/* Called by fatal() before it prints (the screens pass endwin). */
void	 fatal_set_hook(void (*)(void));

#endif
