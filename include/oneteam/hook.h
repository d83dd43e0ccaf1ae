/*
 * Inputs for tests only: the clock fixed (ONETEAM_NOW) and a fault
 * injected (ONETEAM_FAULT). The installed oneteam links src/lib/hook.c,
 * which answers none of them, so no one at a shared terminal can turn
 * the clock back to revive an ended session or keep the screens from
 * locking. The programs `make check` runs link tests/hook-on.c instead,
 * which reads them from the environment. Which a program honours is a
 * matter of what it links, not of how it was configured.
 */
#ifndef ONETEAM_HOOK_H
#define ONETEAM_HOOK_H

/* The value of the test input name, or NULL (always, when installed). */
const char	*hook_get(const char *name);

#endif
