/*
 * The command line: a thin front over the core. Each group of commands
 * has a file (cli-family.c, cli-contact.c, ...) holding a table of its
 * commands; cli.c parses the options common to all and runs one.
 */
#ifndef ONETEAM_CLI_H
#define ONETEAM_CLI_H

#include <sys/types.h>

#include <getopt.h>
#include <stdio.h>

#include "oneteam/access.h"
#include "oneteam/oneteam.h"

/* Exit codes, as oneteam(1) lists them. */
enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,		/* refused: bad input or a broken rule */
	EXIT_USAGE = 2,		/* wrong arguments or options */
	EXIT_NOTFOUND = 3,	/* no such record */
	EXIT_BUSY = 4,		/* database locked by another oneteam */
	EXIT_DB = 5,		/* database missing, damaged, newer, read-only */
	EXIT_FULL = 6,		/* disk full */
	EXIT_CONFIG = 7,	/* bad configuration or reference list */
};

enum out_format { OUT_HUMAN, OUT_TSV, OUT_JSON };

/*
 * The screens, as main.c hands them to the command line, which knows them
 * only by this: run runs them over an open core, offering as to sign in
 * first (may be NULL), at the Huddle screen once signed in when huddle,
 * and returns the exit code.
 */
struct cli_screens {
	int	(*run)(struct oneteam *, const char *as, int huddle);
};

/* What every command gets: the global options and, once opened, the core. */
struct cli {
	const char	*config;	/* --config */
	const char	*db;		/* --db */
	const char	*as;		/* --as, or $ONETEAM_STAFF */
	enum out_format	 format;	/* --format */
	struct oneteam	 ot;
	int		 opened;
	int		 quiet_open;	/* a database is not needed: a
					 * failure to open one is not told */
	const struct cli_cmd *cmd;
	int		 in_doc;	/* inside out_begin() .. out_finish() */
	int		 doc_items;	/* tables and records printed in it */
	const struct cli_screens *screens; /* as main.c gives them */
};

/* How a command opens the database. */
#define CLI_READ	0x1	/* read only */
#define CLI_WRITE	0x2	/* read and write; needs --as */
#define CLI_CREATE	0x4	/* may create the database */
#define CLI_NOSTAFF	0x8	/* writes as nobody, unless the command
				 * asks who is at work (cli_whoami()) */
#define CLI_NAMED	0x10	/* shows families' records: only to someone
				 * named and proven (need to know) */

struct cli_cmd {
	const char	*group;		/* "family", or NULL for top level */
	const char	*name;		/* "add" */
	const char	*args;		/* usage after the name: "REF [options]" */
	const char	*summary;	/* one line for the command list */
	const char	*help;		/* the options, one a line */
	int		 open;		/* CLI_* flags, 0: no database */
	int		(*run)(struct cli *, int, char **);
};

/* The command tables of each group, ending with an entry of NULL name. */
extern const struct cli_cmd cli_family_cmds[];
extern const struct cli_cmd cli_setup_cmds[];
extern const struct cli_cmd cli_site_cmds[];
extern const struct cli_cmd cli_person_cmds[];
extern const struct cli_cmd cli_contact_cmds[];
extern const struct cli_cmd cli_story_cmds[];
extern const struct cli_cmd cli_referral_cmds[];
extern const struct cli_cmd cli_flag_cmds[];
extern const struct cli_cmd cli_action_cmds[];
extern const struct cli_cmd cli_consent_cmds[];
extern const struct cli_cmd cli_report_cmds[];
/* cli-site.c: of changes made again, n signed with a key their author
 * has changed since (made again refused), said, and whose own new
 * passphrase was one. */
void		 cli_say_stale(struct cli *, uint64_t n, const struct id *repass,
		     size_t nrepass);
extern const struct cli_cmd cli_team_cmds[];
extern const struct cli_cmd cli_sync_cmds[];
extern const struct cli_cmd cli_huddle_agenda_cmds[];
extern const struct cli_cmd cli_huddle_cmds[];
extern const struct cli_cmd cli_audit_cmds[];
extern const struct cli_cmd cli_export_cmds[];
/*
 * The audit trail (cli-audit.c): record that a family is shown, before it
 * is, refusing to show it when that cannot be recorded. Returns an exit
 * code.
 */
int	 cli_audit_view(struct cli *, const struct id *family,
	     const char *reason, struct family_view **);
/* The help of --reason, for a family outside one's work. */
#define REASON_HELP \
	"  --reason TEXT    why you open a family that is not of your " \
	"locality nor\n                   one you work with (recorded " \
	"for the coordinators)\n"

/*
 * Print what family show lists after the family itself: people, consent,
 * red flags, referrals, contacts, actions (cli-sections.c). Returns an exit
 * code.
 */
int	 cli_family_sections(struct cli *, const struct family_view *);

/*
 * The sections of family show, each printed as one table or record by the
 * file of its group, in this order. Each returns an exit code.
 */
int	 cli_person_section(struct cli *, const struct family_view *);
int	 cli_consent_section(struct cli *, const struct family_view *);
int	 cli_flag_section(struct cli *, const struct family_view *);
int	 cli_referral_section(struct cli *, const struct family_view *);
int	 cli_story_section(struct cli *, const struct family_view *);
int	 cli_contact_section(struct cli *, const struct family_view *);
int	 cli_action_section(struct cli *, const struct family_view *);

/*
 * Read a passphrase (cli-pass.c) from file, or standard input when it is
 * not a terminal, or else ask on the terminal with prompt (twice: a new
 * one, asked again to confirm) into memory from sodium_malloc, which the
 * caller frees with sodium_free. Returns its length, or -1 after printing
 * why.
 */
ssize_t	 cli_passphrase(struct cli *, const char *prompt, const char *file,
	     int twice, char **out);
/* The same, asked once as the passphrase of the member of staff name;
 * on failure *out is freed already. */
/* Print "oneteam: s" to f, escaped, on its own line. */
void	 cli_print_escaped(FILE *, const char *s);
/* Prove id has the passphrase: $ONETEAM_PASSPHRASE_FILE's, else asked; a
 * wrong one counted as a failed sign-in. EXIT_OK, or the refusal said. */
int	 cli_prove(struct cli *, const struct id *);
/*
 * --also NAME and --also-passphrase-file FILE (each may be given again,
 * the files in the names' order): others who signed changes a command
 * makes again as they made them (site recover, an import letting go of a
 * copy). cli_also_opt() takes the option (0, or an exit status);
 * cli_also_sign(), once the core is open, checks each one's passphrase
 * (a file's, else asked on the terminal; a wrong one counted as a failed
 * sign-in) and adds their key.
 */
#define CLI_ALSO_MAX	8
enum { CLI_OPT_ALSO = 900, CLI_OPT_ALSO_FILE };
#define CLI_ALSO_OPTIONS \
	{ "also", required_argument, NULL, CLI_OPT_ALSO }, \
	{ "also-passphrase-file", required_argument, NULL, CLI_OPT_ALSO_FILE }
struct cli_also {
	const char	*name[CLI_ALSO_MAX];
	const char	*file[CLI_ALSO_MAX];
	size_t		 nname, nfile;
};
int	 cli_also_opt(struct cli *, struct cli_also *, int opt,
	     const char *arg);
int	 cli_also_sign(struct cli *, const struct cli_also *);
ssize_t	 cli_passphrase_of(struct cli *, const char *name, const char *file,
	     char **out);

/*
 * Who is at work (cli-pass.c): --as or $ONETEAM_STAFF, else the one
 * signed in by $ONETEAM_SESSION, else nobody, as the core's table
 * (atwork.h) decides. An account with a passphrase must prove it: its
 * session, or the passphrase from the file $ONETEAM_PASSPHRASE_FILE names
 * or asked on the terminal. Sets cli->ot.me and how they proved it;
 * returns an exit code.
 */
int	 cli_whoami(struct cli *);

/* Run the command line, opening the screens when no command asks otherwise;
 * returns the exit code. */
int	 cli_main(int, char **, const struct cli_screens *);

/*
 * Parse a command's options with getopt_long. Returns the option as
 * getopt_long does, -1 at the end; an unknown option or missing argument
 * prints the usage and returns '?'.
 */
int	 cli_getopt(struct cli *, int, char **, const struct option *);

/*
 * The options of a change described by a field table of the core
 * (cli-field.c): read them into change (-1: not one of them); print
 * their lines of --help; refuse, as usage, a needed one not given
 * (returns an exit code).
 */
struct field_table;
int	 cli_field_options(struct cli *, int, char **,
	     const struct field_table *, void *change);
/* The same, for a command that also has options of its own, apart from
 * the change (more, ended by a NULL name; --passphrase-file): returns
 * the val of each of those as getopt_long() would, with optarg, then -1
 * at the end; a field's option is read into change, never returned. */
int	 cli_field_getopt(struct cli *, int, char **,
	     const struct field_table *, void *change,
	     const struct option *more);
/* The lines of --help of the fields of the core's table of the change
 * the command makes ("referral raise"), after a blank line, if the core
 * describes it: returns 1, else 0 with nothing printed. */
int	 cli_field_help(FILE *, const struct cli_cmd *);
int	 cli_field_needed(struct cli *, const struct field_table *,
	     const void *change);

/*
 * Open the database as the command's table entry says, once its options
 * are parsed (so --help and usage errors need no database); opening twice
 * is harmless. Returns an exit code: EXIT_OK to go on.
 */
int	 cli_start(struct cli *);
/* Read the configuration, for a command that opens no database yet (or
 * not yet): an exit code, the error said (cli-setup.c). */
struct config;
int	 cli_config_read(struct cli *, struct config *);
/* May the person make, replace or put back the database (a protected
 * install: its administrator only)? EXIT_OK, or said and EXIT_INPUT. */
int	 cli_keeper(const struct cli *);

/* Print a one-line error for a failure of the core and return its exit
 * code (from the store's fault). cause is freed. */
int	 cli_fail(struct cli *, char *cause);
/* Print a usage error naming what is wrong; returns EXIT_USAGE. */
int	 cli_usage(struct cli *, const char *fmt, ...)
	     __attribute__((format(printf, 2, 3)));
/* Find a record by the reference typed, opening the core first if it is
 * not open yet, or print why not (exit code). */
int	 cli_find(struct cli *, const char *kind, const char *text,
	     struct id *);
/* Print "Recorded <what> <ref>." for people, ref being the reference of
 * the record of that kind and id (nothing for tsv/json but the ref). */
void	 cli_done(struct cli *, const char *what, const char *kind,
	     const struct id *);

/*
 * Output of records: a table (out_table) of rows, or one record of named
 * fields (out_record). For people: aligned columns or "Name: value" lines;
 * tsv: a header and tab-separated rows; json: arrays of objects. Values
 * are escaped so nothing raw reaches the terminal.
 */
struct out;
struct out	*out_table(struct cli *, const char *title,
		     const char *const *columns, size_t ncolumns);
void		 out_row(struct out *, const char *const *values);
struct out	*out_record(struct cli *, const char *title);
void		 out_field(struct out *, const char *label, const char *value);
/* The command line an output belongs to. */
struct cli	*out_cli(struct out *);
/* End a table or record and print what is buffered. */
void		 out_end(struct out *);
/*
 * out_end() a table that a list function of the core filled, given what
 * that returned (rc, cause): the exit code, with cli_fail() when rc is not
 * 0.
 */
int		 out_end_list(struct out *, int rc, char *cause);
/* Begin and end a document of several tables and records (json object). */
void		 out_begin(struct cli *);
void		 out_finish(struct cli *);
/* Print a line of text for people, escaped (nothing in tsv or json). */
void		 out_say(struct cli *, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
/* Print a line of a document (minutes) escaped, whatever the format. */
void		 out_line(const char *fmt, ...)
		     __attribute__((format(printf, 1, 2)));

/*
 * Values for output: a moment in local time for people, ISO 8601 UTC for
 * scripts; a date likewise; a number. Each returns one of four rotating
 * static buffers, so up to four may be used in one statement.
 */
const char	*cli_time(struct cli *, int64_t ms);
const char	*cli_date(struct cli *, const char *iso);
const char	*cli_int(int64_t);
/*
 * A comma-separated list of codes as people read it ("Secure housing,
 * Improved health"), or the codes unchanged for scripts. A new string,
 * NULL when codes is NULL.
 */
char		*cli_labels(struct cli *, enum ref_list, const char *codes);
/*
 * One code's label (refdata_label()); for scripts, a code this site's
 * list does not have is given as it is, not marked as people read it.
 */
const char	*cli_label(struct cli *, enum ref_list, const char *code);

#endif
