/*
 * Who may set which field of a record (authority.c): one table, asked by
 * the commands that set those fields and by the resolving of a conflict
 * on one, so that choosing a value in the conflicts queue is never a way
 * round the rule of the command that sets it. A field of no row is any
 * writer's: whoever may write to the record's family (access.h), or, for
 * a record of no family, whoever is at work.
 *
 * The table is also what the fold will ask at every site (trust across
 * sites), against the staff records at the change's place in the order.
 */
#ifndef ONETEAM_AUTHORITY_H
#define ONETEAM_AUTHORITY_H

#include "oneteam/oneteam.h"

struct field_def;

enum authority_who {
	AUTH_WRITER,		/* whoever may write to the family */
	AUTH_COORDINATOR,	/* a coordinator */
	AUTH_MANAGER,		/* a coordinator or an administrator */
	AUTH_ADMIN,		/* an administrator */
	AUTH_SELF_OR_MANAGER,	/* the member themselves, or a manager */
	AUTH_CLOSER		/* a writer; closing is a coordinator's */
};

struct authority_rule {
	const char		*etype;
	const char		*field;
	enum authority_who	 who;
	const char		*what;	/* the act, in a refusal: "only a
					 * coordinator changes the lead
					 * professional" */
	int			 secret; /* never shown, never typed */
	const struct field_table *merge; /* a text a person may write in a
					 * conflict, checked as the field
					 * of that name in this table;
					 * NULL: the values only */
};

/* The whole table, *n rows, for walking it (the unit tests do). */
const struct authority_rule *authority_rules(size_t *n);
/* The row for a field of a kind of record, or NULL: any writer's. */
const struct authority_rule *authority_rule(const char *etype,
	     const char *field);

/*
 * Has whoever is at work the role the row asks to set field of the
 * record (etype, entity) to value (its text, or NULL when it does not
 * matter or is not text)? Returns 0, or -1 with *cause: a refusal in the
 * words "only a coordinator ..." with what (NULL: the row's words for
 * the act). The commands ask this, having asked need to know their way.
 */
int	 authority_need_role(struct oneteam *, const char *etype,
	     const struct id *entity, const char *field, const char *value,
	     const char *what, char **cause);
/* The same as a question, for a form that shows only what one may set:
 * 1 yes, 0 no, -1 with *cause for a failure. */
int	 authority_may(struct oneteam *, const char *etype,
	     const struct id *entity, const char *field, const char *value,
	     char **cause);
/* May whoever is at work admit or revoke a site, or do what (NULL: that)
 * to the team's sites (admission.c)? An administrator's, signed with
 * their key, as every site takes it only so signed. 0, or -1 with the
 * refusal. */
int	 authority_need_to_admit(struct oneteam *, const char *what,
	     char **cause);
/* Is whoever is at work an administrator? 0, or -1 with "only an
 * administrator " what. */
int	 authority_need_admin(struct oneteam *, const char *what,
	     char **cause);
/* The same, and first need to know: whoever may write to the record's
 * family (access_need_write()), or for a record of no family whoever is
 * at work. For a change that names no command: a conflict resolved. */
int	 authority_may_set(struct oneteam *, const char *etype,
	     const struct id *entity, const char *field, const char *value,
	     char **cause);

/* Is the field a secret (a passphrase's hash): never shown to anyone,
 * never taken from a person as a value? */
int	 authority_secret(const char *etype, const char *field);

/* The field a person's merged text for a conflict on field is checked
 * as, or NULL when only one of the values may be kept. */
const struct field_def *authority_merge(const char *etype,
	     const char *field);

/*
 * The rules above as the fold's judge (store.h, struct store_judge): at
 * every replica, each change only some may make is decided against the
 * authority its author had at its place in the order of changes, the same
 * rule as the commands ask. oneteam_open() sets it on the store.
 */
struct store_judge;
const struct store_judge *authority_judge_of(void);

/*
 * The changes the fold refused (kept in the log, not applied, the same at
 * every site), oldest first: when, by whose site and who, what it would
 * have set, and why it was refused. For check and the Conflicts screen.
 */
struct authority_refusal {
	int64_t		 at;		/* ms, by its clock */
	char		*site;		/* its site's name */
	uint64_t	 seq;		/* its number there */
	char		*who;		/* its author's name, or "" */
	const char	*kind;		/* of record, as people say it */
	char		 ref[ID_REF_MAX];
	const char	*field;		/* NULL: a new record */
	char		*what;		/* field and record in words:
					 * "passhash of member of staff
					 * S-..." or "a new family F-..." */
	const char	*why;
};
int	 authority_refused(struct oneteam *,
	     int (*fn)(const struct authority_refusal *, void *), void *arg,
	     char **cause);

#endif
