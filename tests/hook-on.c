/*
 * hook-on.c: the test inputs (oneteam/hook.h) from the environment, for
 * the programs `make check` runs (tests/oneteam-test, the unit tests and
 * the forgers). Linked as an object, it takes the place of src/lib/hook.c.
 */
#include <stdlib.h>

#include "oneteam/hook.h"

const char *
hook_get(const char *name)
{
	return getenv(name);
}
