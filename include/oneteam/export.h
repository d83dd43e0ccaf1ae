/*
 * Exports for people outside the core team: a printable summary of one
 * family (for a school, a team around the family meeting) and a CSV of
 * families. A family's records leave the team only on a basis: its
 * consent to share, given; or, without it, safeguarding (a child at risk
 * of significant harm) with the reason written. Every family exported is
 * an entry on the audit trail, written in the same transaction that
 * decides the file may be published: no entry, no file.
 *
 * The order of a whole export (export_run()):
 *   1. export_decide() for each family: may it go, on what basis;
 *   2. the output is opened: a new file beside the target, readable by
 *      its owner only (or a buffer, for standard output);
 *   3. the caller's write function fills it (export_summary(),
 *      export_csv_*());
 *   4. one transaction: need to know (breaking the glass with a reason
 *      for a family outside one's work) and an AUDIT_EXPORT entry for
 *      each family;
 *   5. the file is renamed into place (or the buffer written out).
 * A failure at any step removes the new file: nothing half-written is
 * left, and nothing is on the trail unless step 4 committed.
 */
#ifndef ONETEAM_EXPORT_H
#define ONETEAM_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "oneteam/consent.h"
#include "oneteam/oneteam.h"

/* The widest line of a printed summary, in columns. */
#define EXPORT_WIDTH	80

/* On what basis a family's records may leave the team. */
enum export_basis {
	EXPORT_REFUSED,		/* on none: it stays in the team */
	EXPORT_CONSENT,		/* its consent to share is given */
	EXPORT_SAFEGUARDING,	/* without it, a child at risk: reason */
};

/* A family to export and the basis it goes on. */
struct export_share {
	struct id		 family;
	char			 ref[ID_REF_MAX];
	enum export_basis	 basis;
	int			 found;		/* consent has a record */
	struct consent		 consent;	/* the current one, if found */
	char			*safeguarding;	/* the reason, or NULL */
};

/*
 * What an export shares and why, as typed: the fields of export summary
 * and export families (field.h). export_ask_check() checks them against
 * the change's table before anything is read or written.
 */
struct export_ask {
	const char	*safeguarding;	/* why without consent, or NULL */
	const char	*reason;	/* why families outside one's work
					 * are opened, or NULL */
	const char	*locality;	/* export families: whose open
					 * families (NULL: yours) */
	size_t		 named;		/* export families: how many
					 * families are named one by one */
};

/*
 * Check what an export is asked for against its table (ft: the table of
 * export summary or of export families): a reason given is one line and
 * not blank; families are a locality's or named, not both; and a
 * safeguarding reason is about a child, so it covers families named,
 * never a whole locality's. Returns -1 with *cause naming the field at
 * fault.
 */
struct field_table;
int	 export_ask_check(struct oneteam *, const struct field_table *ft,
	     const struct export_ask *, char **cause);

/*
 * The rule itself: the basis for a family whose current consent is state
 * (NULL: none recorded), given a safeguarding reason (NULL or blank:
 * none). Consent given always wins, so a reason is only written where it
 * is needed.
 */
enum export_basis export_basis(const char *state, const char *safeguarding);

/*
 * Read a family's current consent into s and decide its basis under
 * export_basis(). Returns -1 with *cause only when it cannot be read; a
 * family that may not go has s->basis EXPORT_REFUSED. export_clear()
 * frees what s holds.
 */
int	 export_decide(struct oneteam *, const struct id *family,
	     const char *safeguarding, struct export_share *s, char **cause);
void	 export_clear(struct export_share *);

/*
 * Why a family may not go, for a message: "has no consent to share
 * recorded", "refused consent to share", "withdrew consent to share".
 */
const char *export_why_not(const struct export_share *);

/*
 * Write the printable summary of s's family to f: OFFICIAL-SENSITIVE,
 * the family, its people, consent, story, open referrals and actions, and
 * who produced it, when, where and on what basis. Every line is at most
 * EXPORT_WIDTH columns; text from the records is escaped as for a
 * terminal. Returns -1 with *cause.
 */
int	 export_summary(struct oneteam *, const struct export_share *s,
	     FILE *f, char **cause);

/* The columns of the families CSV, and how many. */
extern const char *const export_csv_columns[];
#define EXPORT_CSV_NCOLUMNS	14

/*
 * Write one field of CSV (RFC 4180, lines ending CR LF): quoted when it
 * holds a comma, a quote, CR or LF, quotes doubled; one that a
 * spreadsheet would take for a formula (starting with = + - @, a tab or
 * CR) gets a ' in front. Text is escaped as for a terminal first
 * (newlines kept). NULL is an empty field.
 */
void	 export_csv_field(FILE *, const char *);
/* A whole row of n fields and its CR LF. */
void	 export_csv_row(FILE *, const char *const *fields, size_t n);
/* The row of a family, after the header row (export_csv_columns). */
int	 export_csv_family(struct oneteam *, const struct export_share *s,
	     FILE *f, char **cause);

/* What export_run() records and where it writes. */
struct export_job {
	const char		*path;	/* NULL: standard output */
	const char		*what;	/* the detail: "summary" */
	const char		*reason; /* why families outside one's work
					  * are opened, or NULL */
	const struct export_share *shares;
	size_t			 nshares;
	/* Fill f; returns -1 with *cause. */
	int			(*write)(struct oneteam *, FILE *f, void *arg,
				    char **cause);
	void			*arg;
};

/*
 * Run an export as the comment at the top says. Whoever is at work must
 * be known. A family outside their locality and work needs job->reason
 * (refused otherwise). Returns -1 with *cause; then no file is left and
 * nothing was recorded.
 */
int	 export_run(struct oneteam *, const struct export_job *, char **cause);

/*
 * Choose the open families of a locality (NULL: that of who is at work,
 * else the configured one), by household: *ids is a new array of *n, and
 * *name (may be NULL) the locality's name. Returns -1 with *cause.
 */
int	 export_locality(struct oneteam *, const char *locality,
	     struct id **ids, size_t *n, char **name, char **cause);

#endif
