/*
 * protected-asan.c: in an AddressSanitizer build, tests/oneteam-protected
 * looks for no leaks. LeakSanitizer stops the process with a tracer of
 * its own, which a set-group-id process started by an ordinary user may
 * not have, and such a process cannot read ASAN_OPTIONS (its
 * /proc/self/environ is root's); every other test looks for leaks.
 */
#if defined(__SANITIZE_ADDRESS__)
const char	*__asan_default_options(void);

const char *
__asan_default_options(void)
{
	return "detect_leaks=0";
}
#else
/* ISO C wants something in a file. */
typedef int	protected_asan_unused;
#endif
