/*
 * The core's context: configuration, reference lists and the store that a
 * command or a screen works with, and who is working. Every domain module
 * (family.h, contact.h, ...) takes one of these.
 */
#ifndef ONETEAM_ONETEAM_H
#define ONETEAM_ONETEAM_H

#include <stdint.h>

#include "oneteam/config.h"
#include "oneteam/id.h"
#include "oneteam/refdata.h"
#include "oneteam/store.h"

/* Limits on what people type, in bytes. */
#define ONETEAM_NAME_MAX	200	/* names, household, school, venue */
#define ONETEAM_LINE_MAX	500	/* address, reason, scope, one line */
#define ONETEAM_NOTE_MAX	20000	/* summaries, story sections */

/* How whoever is at work proved who they are (atwork.h decides). */
enum atwork_proof {
	ATWORK_PROOF_NOBODY,		/* nobody is at work, or not said */
	ATWORK_PROOF_PASSPHRASE,	/* their passphrase, just now */
	ATWORK_PROOF_SESSION,		/* a session of oneteam signin */
	ATWORK_PROOF_NONE_YET		/* taken at their word: none is set */
};

struct oneteam {
	struct config	 cfg;
	struct refdata	*rd;
	struct store	*st;
	struct id	 me;	/* the member of staff at work; zero: nobody */
	enum atwork_proof me_proof;	/* and how they proved it */
	int64_t		 now;	/* the moment the command or key press began */
	const char	*fault_field;	/* the field the last refusal named,
					 * or NULL (field.h) */
	int		 conflicts;	/* conflict_count() kept, when */
	uint64_t	 conflicts_mark; /* the store's mark was this (0:
					 * none kept) */
};

/*
 * Read the configuration (config_path may be NULL), the reference lists,
 * and open the database (db_path, or the configured one). flags are
 * store_open()'s. Returns -1 with *cause set; *fault then says why.
 */
int	 oneteam_open(struct oneteam *, const char *config_path,
	     const char *db_path, int flags, char **cause);
void	 oneteam_close(struct oneteam *);

/*
 * Keep what the process holds (the team key, passphrases, records) out
 * of core dumps, and, on Linux, from other processes of the same user
 * that would attach to it; and start the kind of install this is
 * (oneteam/install.h). Returns -1 if the system refused a part.
 */
int	 oneteam_protect(void);

/*
 * The terminal this process runs at, in words for a session to be bound
 * to (signin.h): its controlling terminal, the terminal's session (the
 * login shell or window it was started from) and when that began, and
 * the namespaces it runs in; and whether it runs in the background of
 * that terminal. Another window, another login, a process started apart
 * from the terminal, one in namespaces of its own or a job left in the
 * background is another terminal. Into buf (ONETEAM_TERMINAL_MAX).
 */
#define ONETEAM_TERMINAL_MAX	128
void	 oneteam_terminal(char buf[ONETEAM_TERMINAL_MAX]);

/*
 * The screens lock after the configured idle minutes ([security]
 * idle_lock_minutes): ms from now until they do after a key at last_key
 * (0 or less: now).
 */
int64_t	 oneteam_lock_left(const struct oneteam *, int64_t last_key,
	     int64_t now);
/*
 * The same while a huddle runs on the screens: a meeting, not a desk
 * left, so the lock waits ONETEAM_MEETING_LOCK_MINUTES from the last key
 * (or the idle minutes, if more), then locks as ever.
 */
#define ONETEAM_MEETING_LOCK_MINUTES	45
int64_t	 oneteam_lock_left_meeting(const struct oneteam *, int64_t last_key,
	     int64_t now);

/* Say who is at work, by name, unique name prefix or S- reference, with
 * no proof of it (atwork.h proves and admits). */
int	 oneteam_set_me(struct oneteam *, const char *who, char **cause);

/*
 * Refuse a change when nobody is at work: every change is attributed to a
 * person. Returns -1 with *cause set.
 */
int	 oneteam_need_me(struct oneteam *, char **cause);

/*
 * Find a record by the reference a person typed. kind is a kind of the
 * registry (kinds.h): "family", "person", "contact", "flag"... Returns -1
 * with *cause when there is none ("no family F-7K2QM") or several ("F-7K2Q
 * could be F-7K2QM (Khan) or F-7K2QX (Smith): type more of it").
 */
int	 oneteam_find(struct oneteam *, const char *kind, const char *text,
	     struct id *out, char **cause);

/*
 * The family of record id of kind (kinds.h), as the registry reaches it,
 * in *family: zero for a record of no family (a team's action) or of a
 * kind of none. Only the family is read, so that a front end given a
 * record's reference may open its family (access.h) before it reads the
 * record. Returns -1 with *cause when there is no such record.
 */
int	 oneteam_family_of(struct oneteam *, const char *kind,
	     const struct id *id, struct id *family, char **cause);

/* Write the reference of a record of the given kind (kinds.h) into buf
 * (ID_REF_MAX): its prefix is the registry's. */
void	 oneteam_ref(const char *kind, const struct id *, char *buf);

/* Name of a member of staff, or "" when the id is zero or unknown. The
 * result is a new string. */
char	*oneteam_staff_name(struct oneteam *, const struct id *);

/*
 * Refuse with the fault STORE_EINPUT: set *cause from fmt and return -1.
 * Domain modules use it for every rule a change breaks.
 */
int	 oneteam_refuse(struct oneteam *, char **cause, const char *fmt, ...)
	     __attribute__((format(printf, 3, 4)));
/*
 * The same, naming the field at fault (a field's name of field.h, such as
 * "basis_reason") in ot->fault_field, so that each front end can say it in
 * its own words: the command line its option, the screens the field's
 * label with the message under the field. The message names no option.
 */
int	 oneteam_refuse_field(struct oneteam *, char **cause,
	     const char *field, const char *fmt, ...)
	     __attribute__((format(printf, 4, 5)));

/*
 * Check a field a person typed: trimmed, valid, at most max bytes, and
 * present when required. *out is a new string, or NULL when the field was
 * absent or blank and not required. Returns -1 with *cause naming what.
 */
int	 oneteam_text(struct oneteam *, const char *what, const char *s,
	     size_t max, int flags, int required, char **out, char **cause);
/* Parse a date a person typed into ISO form in iso (11 bytes). */
int	 oneteam_date(struct oneteam *, const char *what, const char *s,
	     char *iso, char **cause);
/* Look up a choice from a reference list, as typed. */
int	 oneteam_choice(struct oneteam *, enum ref_list, const char *text,
	     const struct ref_item **, char **cause);

/* A LIKE pattern: before, then text with % _ and \\ escaped, then %. */
char	*oneteam_like(const char *before, const char *text);

/*
 * Turn a typed list of needs ("housing, Improved health") into the sorted,
 * comma-separated codes of the needs list, each once. *codes is a new
 * string, or NULL when the list names none. Returns -1 with *cause (and
 * *codes NULL) for a need the list does not know.
 */
int	 oneteam_needs(struct oneteam *, const char *text, char **codes,
	     char **cause);

/*
 * Refuse a family that is not there: -1 with the fault STORE_ENOTFOUND and
 * *cause "no such family", or the store's failure.
 */
int	 oneteam_family_exists(struct oneteam *, const struct id *family,
	     char **cause);

/* Fail with the store's last failure in *cause: returns -1. */
int	 oneteam_db_fail(struct oneteam *, char **cause);

/*
 * Fail the reading of one record, by the query's rc: 0, nothing there
 * (the fault STORE_ENOTFOUND and *cause "no such <what>"); -1, the
 * store's failure. Returns -1.
 */
int	 oneteam_get_fail(struct oneteam *, int rc, const char *what,
	     char **cause);

/* Run fn inside one transaction: all of it is saved or none, with an
 * audit entry of what it changed (audit.h). Called inside one already
 * open, fn becomes part of it. */
int	 oneteam_change(struct oneteam *, int (*fn)(struct oneteam *, void *,
	     char **), void *arg, char **cause);

#endif
