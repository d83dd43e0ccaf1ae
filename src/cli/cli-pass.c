/*
 * cli-pass.c reads passphrases for the command line (the team's, a
 * member of staff's): from --passphrase-file, from standard input when it
 * is not a terminal (a hub's cron job, a script), or asked for on the
 * terminal without echo. They are kept in memory libsodium locks, never
 * in a stdio buffer, and the caller wipes them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "oneteam/xmalloc.h"

#define PASS_MAX	1024

/* Read one line into buf (PASS_MAX), without its newline; its length or
 * -1 if there was none. */
static ssize_t
pass_line(FILE *f, char *buf)
{
	size_t	n;

	/* Unbuffered: no copy of it in a stdio buffer freed unwiped. */
	setvbuf(f, NULL, _IONBF, 0);
	if (fgets(buf, PASS_MAX, f) == NULL)
		return -1;
	n = strcspn(buf, "\r\n");
	if (buf[n] == '\0' && n == PASS_MAX - 1)
		return -2;	/* longer than we keep */
	buf[n] = '\0';
	return (ssize_t)n;
}

/* Ask on the terminal with echo off. */
static ssize_t
pass_ask(const char *prompt, char *buf)
{
	struct termios	 old, quiet;
	FILE		*tty;
	ssize_t		 n;

	if ((tty = fopen("/dev/tty", "r+")) == NULL)
		return -1;
	fputs(prompt, tty);
	fflush(tty);
	if (tcgetattr(fileno(tty), &old) != 0) {
		fclose(tty);
		return -1;
	}
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	n = pass_line(tty, buf);
	tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	return n;
}

ssize_t
cli_passphrase(struct cli *cli, const char *prompt, const char *file,
    int twice, char **out)
{
	char	*buf, *again;
	FILE	*f;
	ssize_t	 n;

	/* It may come before the core is open (init reads it first). */
	if (sodium_init() < 0)
		fatal("libsodium could not start");
	if ((buf = sodium_malloc(PASS_MAX)) == NULL)
		fatal("out of memory");
	*out = buf;
	if (file != NULL) {
		if ((f = fopen(file, "r")) == NULL) {
			cli_usage(cli, "cannot read passphrase file %s: %s",
			    file, strerror(errno));
			return -1;
		}
		n = pass_line(f, buf);
		fclose(f);
	} else if (!isatty(STDIN_FILENO))
		n = pass_line(stdin, buf);
	else {
		n = pass_ask(prompt, buf);
		if (n >= 0 && twice) {
			if ((again = sodium_malloc(PASS_MAX)) == NULL)
				fatal("out of memory");
			if (pass_ask("The same again: ", again) != n ||
			    sodium_memcmp(buf, again, (size_t)n) != 0)
				n = -3;
			sodium_free(again);
		}
	}
	if (n == -2)
		cli_usage(cli, "the passphrase is longer than %d bytes",
		    PASS_MAX - 2);
	else if (n == -3)
		cli_usage(cli, "the two passphrases differ: nothing was made");
	else if (n < 0 || n == 0)
		cli_usage(cli, "no passphrase was given%s", file != NULL ?
		    " (the file is empty)" : "");
	return n > 0 ? n : -1;
}

