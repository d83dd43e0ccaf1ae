/*
 * cli-pass.c reads passphrases for the command line (the team's, a
 * member of staff's): from --passphrase-file, from standard input when it
 * is not a terminal (a hub's cron job, a script), or asked for on the
 * terminal without echo. They are kept in memory libsodium locks, never
 * in a stdio buffer, and the caller wipes them. And it proves who is at
 * work as the core's table (atwork.h) says: a session, the passphrase,
 * or none yet (cli_whoami()).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "oneteam/atwork.h"
#include "oneteam/signin.h"
#include "oneteam/staff.h"
#include "oneteam/install.h"
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
		if ((f = install_fopen(file, "r")) == NULL) {
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


ssize_t
cli_passphrase_of(struct cli *cli, const char *name, const char *file,
    char **pass)
{
	char	*prompt = xprintf("Passphrase of %s: ", name);
	ssize_t	 n;

	n = cli_passphrase(cli, prompt, file, 0, pass);
	free(prompt);
	if (n < 0) {
		sodium_free(*pass);
		*pass = NULL;
	}
	return n;
}

/*
 * The same database open for writing, beside the one a reading command
 * holds (CLI_READ): to count a wrong passphrase as a failed sign-in, or
 * to mark a session used. -1 when it cannot be (a read-only file): then
 * nothing is written, as nothing could be.
 */
static int
cli_side_open_why(struct cli *cli, struct oneteam *w, char **cause)
{
	if (oneteam_open(w, cli->config, cli->db, 0, cause) == 0)
		return 0;
	oneteam_close(w);
	return -1;
}

static int
cli_side_open(struct cli *cli, struct oneteam *w)
{
	char	*cause = NULL;
	int	 rc = cli_side_open_why(cli, w, &cause);

	free(cause);
	return rc;
}

/*
 * Prove the account named has its passphrase: from the file that
 * $ONETEAM_PASSPHRASE_FILE names, else asked on the terminal. A right one
 * writes nothing (a command is not a sign-in); a wrong one is a failed
 * sign-in: counted towards the wait, on the trail. Where it could not be
 * counted (a database that cannot be written), none is tried: else
 * guesses would be free there.
 */
int
cli_prove(struct cli *cli, const struct id *id)
{
	const char	*file = getenv("ONETEAM_PASSPHRASE_FILE");
	struct oneteam	 side, *count = &cli->ot;
	char		*name, *pass, *cause = NULL, *why;
	int64_t		 wait;
	ssize_t		 n;
	int		 rc;

	if (file != NULL && *file == '\0')
		file = NULL;
	name = oneteam_staff_name(&cli->ot, id);
	if (!(cli->cmd->open & CLI_WRITE)) {
		if (cli_side_open_why(cli, &side, &cause) != 0) {
			why = xprintf("%s's passphrase is not tried here, where "
			    "a wrong one could not be counted: %s", name,
			    cause != NULL ? cause : "the database cannot be "
			    "written");
			cli_print_escaped(stderr, why);
			free(why);
			free(cause);
			free(name);
			return EXIT_DB;
		}
		count = &side;
	}
	if (file == NULL && !isatty(STDIN_FILENO))
		oneteam_refuse(&cli->ot, &cause, "%s has a passphrase: sign in "
		    "first (eval \"$(oneteam signin NAME)\"), or name a file "
		    "holding it in $ONETEAM_PASSPHRASE_FILE", name);
	else if (file != NULL && access(file, R_OK) != 0)
		oneteam_refuse(&cli->ot, &cause, "cannot read %s, which "
		    "$ONETEAM_PASSPHRASE_FILE names: %s", file,
		    strerror(errno));
	if (cause != NULL || (n = cli_passphrase_of(cli, name, file,
	    &pass)) < 0) {
		if (count != &cli->ot)
			oneteam_close(&side);
		free(name);
		return cause != NULL ? cli_fail(cli, cause) : EXIT_USAGE;
	}
	/* Counted and recorded: where this command writes, or beside it. */
	if ((rc = signin_verify(&cli->ot, id, pass, (size_t)n, &cause)) != 0) {
		free(cause);
		cause = NULL;
		rc = signin_check(count, id, pass, (size_t)n, &wait, &cause);
	}
	if (count != &cli->ot)
		oneteam_close(&side);
	sodium_free(pass);
	if (rc != 0) {
		why = xprintf("%s: %s", name, cause);
		free(cause);
		cause = why;
	}
	free(name);
	return rc != 0 ? cli_fail(cli, cause) : EXIT_OK;
}

/* Mark a session used by a reading command, or delete it ended, beside
 * it (best effort: a read-only file keeps it as it was). */
static void
cli_touch(struct cli *cli, const char *token)
{
	struct oneteam	 side;
	struct id	 held;
	char		*cause = NULL;

	if (cli_side_open(cli, &side) != 0)
		return;
	if (signin_session_find(&side, token, 1, &held, &cause) < 0)
		free(cause);
	oneteam_close(&side);
}

/*
 * Ask the core's table whether id is at work when asked how, and prove
 * them as it says: at work with its proof, or the refusal said.
 */
static int
cli_admit(struct cli *cli, enum atwork_how how, const struct id *id)
{
	struct atwork	 a;
	char		*cause = NULL;
	int		 rc;

	if (atwork_decide(&cli->ot, how, id, &a, &cause) != 0)
		return cli_fail(cli, cause);
	if (a.verdict == ATWORK_ASK && (rc = cli_prove(cli, id)) != EXIT_OK)
		return rc;
	atwork_admit(&cli->ot, id, a.proof);
	return EXIT_OK;
}

int
cli_whoami(struct cli *cli)
{
	const char	*as = cli->as, *token = getenv("ONETEAM_SESSION");
	struct id	 named, held;
	struct atwork	 a;
	char		*cause = NULL;
	int		 live = 0;

	if (!id_is_zero(&cli->ot.me))
		return EXIT_OK;
	if (as == NULL || *as == '\0')
		as = getenv("ONETEAM_STAFF");
	if (as != NULL && *as == '\0')
		as = NULL;
	memset(&held, 0, sizeof held);
	if (token != NULL && *token != '\0') {
		if ((live = signin_session_find(&cli->ot, token,
		    (cli->cmd->open & CLI_WRITE) != 0, &held, &cause)) < 0)
			return cli_fail(cli, cause);
		/* Marked used, or (ended) deleted, beside a reading one. */
		if (!(cli->cmd->open & CLI_WRITE))
			cli_touch(cli, token);
		/* Ended: what it stood for must be proven again, unless
		 * --as names someone to prove. The table refuses; the words
		 * are the command line's. */
		if (live == 0 && as == NULL) {
			if (atwork_decide(&cli->ot, ATWORK_SESSION, NULL, &a,
			    &cause) == 0)
				fatal("an ended session admitted");
			free(cause);
			cause = NULL;
			oneteam_refuse(&cli->ot, &cause, "the session in "
			    "$ONETEAM_SESSION has ended or is not this "
			    "terminal's (unused a while, signed out, a new "
			    "passphrase, a disabled account, or signed in at "
			    "another terminal): sign in here with oneteam "
			    "signin");
			return cli_fail(cli, cause);
		}
	}
	if (as == NULL)
		return live == 1 ? cli_admit(cli, ATWORK_SESSION, &held) :
		    EXIT_OK;
	if (staff_lookup(&cli->ot, as, &named, &cause) != 0)
		return cli_fail(cli, cause);
	return cli_admit(cli, atwork_how_command(live, &held, &named),
	    &named);
}

int
cli_also_opt(struct cli *cli, struct cli_also *a, int opt, const char *arg)
{
	if (opt == CLI_OPT_ALSO) {
		if (a->nname == CLI_ALSO_MAX)
			return cli_usage(cli, "--also names at most %d members",
			    CLI_ALSO_MAX);
		a->name[a->nname++] = arg;
	} else {
		if (a->nfile == CLI_ALSO_MAX)
			return cli_usage(cli, "--also-passphrase-file is given "
			    "at most %d times", CLI_ALSO_MAX);
		a->file[a->nfile++] = arg;
	}
	return EXIT_OK;
}

int
cli_also_sign(struct cli *cli, const struct cli_also *a)
{
	struct id	 id;
	char		*pass, *cause = NULL, *name, *why;
	int64_t		 wait;
	ssize_t		 n;
	size_t		 i;
	int		 rc;

	if (a->nfile > 0 && a->nfile != a->nname)
		return cli_usage(cli, "give one --also-passphrase-file for each "
		    "--also (%zu names, %zu files)", a->nname, a->nfile);
	for (i = 0; i < a->nname; i++) {
		if (staff_lookup(&cli->ot, a->name[i], &id, &cause) != 0)
			return cli_fail(cli, cause);
		name = oneteam_staff_name(&cli->ot, &id);
		if (a->nfile == 0 && !isatty(STDIN_FILENO)) {
			oneteam_refuse(&cli->ot, &cause, "--also %s: there is "
			    "no terminal to ask their passphrase on: give "
			    "--also-passphrase-file", name);
			free(name);
			return cli_fail(cli, cause);
		}
		if ((n = cli_passphrase_of(cli, name, a->nfile > 0 ?
		    a->file[i] : NULL, &pass)) < 0) {
			free(name);
			return EXIT_USAGE;
		}
		rc = signin_also(&cli->ot, &id, pass, (size_t)n, &wait, &cause);
		sodium_free(pass);
		if (rc != 0) {
			why = xprintf("%s: %s", name, cause);
			free(cause);
			free(name);
			return cli_fail(cli, why);
		}
		free(name);
	}
	return EXIT_OK;
}
