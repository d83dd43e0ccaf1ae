/*
 * hook.c: the installed program's test inputs (oneteam/hook.h): none.
 * A program that links tests/hook-on.c first never pulls this from the
 * library.
 */
#include <stddef.h>

#include "oneteam/hook.h"

const char *
hook_get(const char *name)
{
	(void)name;
	return NULL;
}
