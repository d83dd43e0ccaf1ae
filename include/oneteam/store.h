/*
 * The store: one SQLite database holding a replica of the team's records.
 *
 * There is one way to change data. A change is an operation (see op.h):
 * store_new() creates a record, store_set() changes one field of it. Each
 * is written to the operation log and folded into the tables in the same
 * transaction, so the tables are always what folding the log gives.
 * Reading is through prepared queries (struct query) so that no module
 * outside src/store needs <sqlite3.h>, and no SQL is built from data.
 */
#ifndef ONETEAM_STORE_H
#define ONETEAM_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "oneteam/id.h"

struct store;
struct query;

/* Flags for store_open(). */
#define STORE_CREATE	0x1	/* create the file and schema if missing */
#define STORE_READONLY	0x2	/* open for reading only */
#define STORE_RENAME	0x4	/* an existing database takes site_name */

/* Exit codes that callers map store failures to (see oneteam(1)). */
enum store_fault {
	STORE_OK = 0,
	STORE_EINPUT,		/* bad input from the person or a file */
	STORE_ENOTFOUND,	/* no such record */
	STORE_EBUSY,		/* locked by another oneteam for too long */
	STORE_EDB,		/* not a database, corrupt, newer, read-only */
	STORE_EFULL,		/* the disk is full */
};

/*
 * Open the database at path. Refuses with *cause set: a file that is not
 * a SQLite database or is corrupt, a database written by a newer oneteam,
 * a missing file without STORE_CREATE, an unwritable one without
 * STORE_READONLY. A new database gets a fresh site id named site_name; with
 * STORE_RENAME, one opened to write takes site_name as its site's name.
 */
struct store	*store_open(const char *path, int flags, const char *site_name,
		     char **cause);
void		 store_close(struct store *);

/* The fault class of the last failure (for the exit code). */
enum store_fault store_fault(const struct store *);
/* Set the fault class; used by the core when it refuses input. */
void		 store_set_fault(struct store *, enum store_fault);

/* This replica's site id and name. */
const struct id	*store_site(const struct store *);
/* The site whose changes the judge takes as this replica's own: this
 * one, or the replica a refold in memory checks (check.c). */
const struct id	*store_judge_own(const struct store *);
const char	*store_site_name(const struct store *);
/* A site's name, this one's or as a bundle said (site.c); NULL if unknown.
 * The caller frees it. */
char		*site_name_of(struct store *, const struct id *);
/* A site's name as known here, or "site XXXXXXXX"; the caller frees it. */
char		*site_label(struct store *, const struct id *);
/* The sites known by name (case ignored), this one first if it is one;
 * *n of them. The caller frees the array. */
struct id	*site_named(struct store *, const char *name, size_t *n);
/*
 * Take a new site id, inside a transaction: for a replica that finds it is
 * a copy or a restored backup of a site, whose sequence numbers that site
 * may already have used. Its changes stay as they are; new ones are
 * numbered from 1 under the new id.
 */
int		 store_new_site(struct store *, char **cause);
/*
 * A demo's database is marked so as it is made (store_set_demo(), in its
 * transaction), and unmarked once it makes or joins a team; only a
 * database so marked may be replaced by another demo: store_is_demo() of
 * the file at path is 1 for one, 0 for any other oneteam database, and -1
 * (with *cause) for a file that is none or cannot be read.
 */
int		 store_set_demo(struct store *, int on, char **cause);
int		 store_is_demo(const char *path, char **cause);
/*
 * Opened to write: check this database against its site's high-water
 * mark, the file at path (mark.c), and keep it there after every change
 * made here. A database that holds fewer of its site's changes than were
 * made (a backup put back) takes a new site id now, and says so
 * (store_notice()).
 */
int		 store_mark(struct store *, const char *path, char **cause);
/*
 * The path back for a site whose history forked (a backup put back, a
 * database copied): the changes of origin (this site, or an id it had
 * before) numbered from on are taken out of its history and made again,
 * in their order, by their authors, at their times, under a new site id
 * when origin is this site's (recover.c), inside the caller's
 * transaction. A record they made gets the id its new place gives, and
 * every change naming it (its record, a value, a list of ids in a text,
 * its author, the changes it saw) names the new one. Entries of the
 * audit trail are not made again here (they are chained by site): they
 * are handed back for the caller to enter again. A change its author
 * signed needs their key set (store_set_signer()): if any lacks it,
 * nothing is done, -1, and r->need lists those authors.
 */
struct store_remade {
	const char	*etype;		/* the registry's (kinds.h) */
	struct id	 was, now;	/* a record's old id and new */
};
struct store_recovered {
	struct id	 was, now;	/* the site ids */
	uint64_t	 from, to;	/* its changes taken out */
	uint64_t	 made;		/* made again */
	struct store_remade *remade;	/* records made again */
	size_t		 nremade;
	struct op	*trail;		/* entries of the trail, to enter */
	size_t		 ntrail;
	struct id	*need;		/* authors whose keys are needed */
	size_t		 nneed;
	uint64_t	 stale;		/* of those made, refused where they
					 * stand now and not before (signed
					 * with a key their author changed
					 * since): kept */
	struct id	*repass;	/* authors whose new passphrase was
					 * one: the one before stands */
	size_t		 nrepass;
};
int		 store_recover(struct store *, const struct id *origin,
		     uint64_t from, struct store_recovered *, char **cause);
/*
 * Let go of this replica's copies of origin's changes from number from to
 * number to, the last this replica holds: their maker made them again
 * under another id (site recover; which are let go of is src/sync/fork.c's
 * to say). Refused, nothing changed, when it holds more of origin past
 * to, which its maker did not make again. Each is noted as let go of (a
 * copy that comes again is left out), taken out of the log, and the log
 * folded again. *own_from: the first of this site's own changes made on
 * one of them (about or naming a record one made, or having seen one),
 * from which this site's must be made again (store_recover()), else left
 * as it was; *count: how many were let go of. In the transaction open.
 */
int		 store_let_go(struct store *, const struct id *origin,
		     uint64_t from, uint64_t to, uint64_t *own_from,
		     uint64_t *count, char **cause);
/* The change the next one recorded makes again (an entry of the trail
 * entered again after store_recover()), or NULL when done. */
void		 store_set_remaking(struct store *, const struct op *old);
/* The new id of a record made again, or id itself. */
const struct id	*store_recovered_id(const struct store_recovered *,
		     const struct id *);
void		 store_recovered_free(struct store_recovered *);
/* Does the mark at path know site: 1, 0, or -1 when there is none. */
int		 store_mark_knows(const char *path, const struct id *site);
/*
 * Put the backup in place of the database at path, whole (SQLite's backup
 * API: a oneteam with it open waits). Refused, and nothing changed, when
 * the backup is no oneteam database, newer, damaged, or of a site that is
 * neither the database's nor one its mark knows. What is at path now is
 * first copied to saved (and its -wal). *site: the backup's site id. The
 * next opening to write finds the backup put back (store_mark()).
 */
int		 store_restore(const char *path, const char *backup,
		     const char *mark, const char *saved, struct id *site,
		     char **cause);
/*
 * What the person should be told about opening the database, or NULL:
 * that it was a copy and has taken a new site id, or that this machine's
 * clock is behind every sender's.
 */
const char	*store_notice(const struct store *);

/*
 * Clocks. A change is applied whatever its clock. A sender whose bundle
 * was made more than CLOCK_FAR_MS after this machine's clock says (or
 * this machine's clock, behind every sender's) is far out, and people are
 * told so.
 */
#define CLOCK_FAR_MS	(60 * 60 * 1000LL)

/*
 * The digest of the operations held: the sum of their ids modulo 2^256,
 * kept as each is logged. Two replicas holding the same operations have
 * the same digest, so the same state.
 */
int		 store_digest(struct store *, uint8_t out[32], char **cause);

/*
 * Who is making the changes: the staff id put on each operation as its
 * author. Zero (the default) is the system, for set-up and the demo.
 */
void		 store_set_author(struct store *, const struct id *);
const struct id	*store_author(const struct store *);
/*
 * The secret key (OP_AUTHOR_SK_LEN bytes, copied into guarded memory) of
 * the member of staff who; NULL: none. A change only some may make (the
 * judge decides it) whose author is who is signed with it (op.h, version
 * 3), so the fold at every replica can check that its author made it.
 */
void		 store_set_signer(struct store *, const struct id *who,
		     const uint8_t *sk);
/* Another's key besides (until the next store_set_signer()): one who
 * signed changes that site recover makes again, who gave it. */
void		 store_add_signer(struct store *, const struct id *who,
		     const uint8_t *sk);
/* The secret key set for who, or NULL. */
const uint8_t	*store_signer(const struct store *, const struct id *who);

/*
 * One user action is one transaction. store_begin() takes the write lock
 * at once (BEGIN IMMEDIATE) so a busy database fails before work is done.
 * store_commit() makes it durable (synchronous=FULL). On any failure the
 * caller calls store_rollback(), which is safe to call when no
 * transaction is open.
 */
int		 store_begin(struct store *, char **cause);
/* A transaction that only reads: one snapshot, other writers not held
 * up. Ended with store_commit() or store_rollback(); it may not write. */
int		 store_begin_read(struct store *, char **cause);
int		 store_commit(struct store *, char **cause);
void		 store_rollback(struct store *);
/* Whether a transaction is open. */
int		 store_in_tx(const struct store *);

/* A value of a field. Ids are kept as 16-byte blobs. */
enum val_type { VAL_NULL, VAL_INT, VAL_TEXT, VAL_ID };
struct val {
	enum val_type	 type;
	int64_t		 i;
	const char	*s;
	struct id	 id;
};

static inline struct val
val_null(void)
{
	struct val v = { .type = VAL_NULL };
	return v;
}
static inline struct val
val_int(int64_t i)
{
	struct val v = { .type = VAL_INT, .i = i };
	return v;
}
/* Text, or null when s is NULL. */
static inline struct val
val_text(const char *s)
{
	struct val v = { .type = s == NULL ? VAL_NULL : VAL_TEXT, .s = s };
	return v;
}
/* An id, or null when id is NULL or zero. */
static inline struct val
val_id(const struct id *id)
{
	struct val v = { .type = VAL_NULL };
	if (id != NULL && !id_is_zero(id)) {
		v.type = VAL_ID;
		v.id = *id;
	}
	return v;
}

struct field {
	const char	*name;
	struct val	 v;
};

/*
 * Create a record of kind etype ("family", "contact", ...) with a new id
 * (returned in *id: the change's own, op_made_id()) and the given fields;
 * inside a transaction. Returns -1 with *cause set.
 */
int	 store_new(struct store *, const char *etype, const struct field *,
	     size_t nfields, struct id *id, char **cause);
/* The id the next record made here will have, for a record that names
 * itself (a contact's first revision); then store_new_id() with it. */
int	 store_next_id(struct store *, struct id *, char **cause);
int	 store_new_id(struct store *, const char *etype, const struct field *,
	     size_t nfields, const struct id *id, char **cause);
/*
 * Set one field of an existing record. The operation's base is the
 * field's current heads, so setting a field also resolves a conflict on it.
 * Setting a field to the value it has already is not recorded.
 */
int	 store_set(struct store *, const char *etype, const struct id *,
	     const char *field, const struct val *, char **cause);

/*
 * Apply an operation made at another site (from a bundle, or a test),
 * given its canonical encoding, inside the caller's transaction: checked,
 * logged verbatim with its own origin, author and clock, and folded.
 * Returns 1 if it was new, 0 if it was held already, -1 with *cause (not
 * canonical; the same origin and sequence with other content, as from a
 * copied replica).
 */
int	 store_apply(struct store *, const uint8_t *enc, size_t len,
	     char **cause);
/*
 * Could the operation be folded here: a kind of record and fields this
 * oneteam knows, values of their types, or made by a later oneteam (kept
 * until this one is upgraded: store_later())? (Whether it fits the
 * records held is for store_apply_op to say.)
 */
struct op;
struct op_id;
int	 store_op_valid(const struct store *, const struct op *,
	     char **cause);
/*
 * Changes a later oneteam made that this one keeps, relays and cannot
 * show yet (whole or in part): of family (NULL: all), how many, and the
 * latest generation of kinds (kinds.h) that made one.
 */
struct store_later {
	int64_t		 n;
	unsigned	 made;
};
int	 store_later(struct store *, const struct id *family,
	     struct store_later *, char **cause);
/*
 * What a settling of referral's moves at status names as seen: a digest
 * of its events here, but settlings of that status (fold-moves.c). 0, or
 * -1 for the database's failure.
 */
int	 store_referral_seen(struct store *, const struct id *referral,
	     const char *status, struct id *digest);
/*
 * Fold the changes kept for a later oneteam that this one now knows (it
 * was upgraded), inside a transaction of its own, with a notice; after
 * the judge is set. Nothing to do: 0.
 */
int	 store_upgrade(struct store *, char **cause);
/* Fold as a build of generation gen would (tests of upgrades: a build
 * never knows less than its own; 0 is its own); the generation it folds
 * as (kinds.h). */
void	 store_set_generation(struct store *, unsigned gen);
unsigned store_generation(const struct store *);
/* Make changes as a build of generation gen made them (tests of rules
 * that changed with a generation; 0, the default: this build's). */
void	 store_set_made_as(struct store *, unsigned gen);

/*
 * A mark that moves when the records may have changed: a change put in
 * the log through this store (an audit entry, which changes no record,
 * aside), or any commit by another connection to the file (PRAGMA
 * data_version). Equal marks: what was read of the records stands, so a
 * count over them (the conflicts) need not be made again. 0 (inside a
 * transaction, or not known): nothing read may be kept.
 */
uint64_t store_change_mark(struct store *);
/* store_apply() of an operation already decoded (op_decode()). */
int	 store_apply_op(struct store *, const struct op *, char **cause);
/*
 * The link (op.h) of origin's change seq as held here, logged or held
 * back: 1, or 0 when that change is not here or its link is not known
 * (a change before it was missing when the log was migrated), -1 for the
 * database's failure. seq 0 is the start of every chain: zero.
 */
int	 store_link(struct store *, const struct id *origin, uint64_t seq,
	     struct op_id *link);
/*
 * Walk every site's chain of changes held here (op.h): each change's id
 * its content's, no number missing, each following the one before.
 * Calls report with a line for each problem (a change edited, deleted
 * or put in another's place); returns how many, or -1 with *cause.
 */
int	 store_chain_check(struct store *, void (*report)(const char *,
	     void *), void *arg, char **cause);

/*
 * The rules of authority, checked again by the fold at every replica
 * (sync-design.md, "Trust"): a judge, given by the layer that owns the
 * rules (the core's authority.c), decides each change only some may make
 * against the authority its author had at the change's place in the
 * total order of changes (clock, origin, sequence). A change refused is
 * kept in the log, not folded, and listed (store_refused_each()); the
 * list is part of the state every replica agrees on. A change that alters
 * someone's authority, arriving late, decides again their changes after
 * it.
 */
struct store_judge {
	/* Is op a change only some may make? Asked also of a change given
	 * only its kind, record type and field (no fields, no value): it
	 * must not say no to one it would decide given all of it. */
	int	(*decides)(const struct op *);
	/* Does op, taken, alter the authority of a member of staff (*who)? */
	int	(*bears)(const struct op *, struct id *who);
	/* 1 if op's author could make it at its place; 0 with *why (the
	 * reason, allocated); -1 with *why the database's failure. */
	int	(*judge)(struct store *, const struct op *, char **why);
	/*
	 * Which changes of a site (origin) are taken, whoever made them:
	 * 1, those to *last (-1: all), the ones after it refused for *why
	 * (allocated); 2, those to *last, the ones after it held for *why
	 * (a site admitted as far as was known of it); 0, none yet, held
	 * for *why (a site not admitted); -1 with *why the failure. Asked once an origin a transaction;
	 * the answer changes only with a change that admits() names.
	 */
	int	(*site)(struct store *, const struct id *origin, int64_t *last,
		    char **why);
	/* Does op, taken, change which changes of sites are taken: 1 with
	 * those sites (*v, *n, allocated), 0, or -1. */
	int	(*admits)(struct store *, const struct op *, struct id **v,
		    size_t *n);
	/*
	 * Where op is judged in the order (its place, or later: its site's
	 * admission when it dates itself before it): 0 with *at's hlc,
	 * origin and seq, -1. NULL: its own. What the judge reads stands
	 * before the change judged in the order so placed, the changes a
	 * site dates before its admission just after that admission in
	 * their site's order (fold-ask.c): so what decides an admission
	 * never rests on the changes it lets in, a site's changes count for
	 * one another, and every decision rests only on changes before it.
	 */
	int	(*place)(struct store *, const struct op *op, struct op *at);
};
void	 store_set_judge(struct store *, const struct store_judge *);
/*
 * Judge the changes held that were folded before there was a judge (a
 * database from before, once, on its first open for writing): each in
 * the order of changes; those refused taken back and listed. 0, or -1.
 */
int	 store_judge_held(struct store *, char **cause);
/*
 * An integer field of a record (of a kind the judge decides: staff,
 * family, episode) as it stood just before op in the total order: the
 * last set of it before op not refused (in the order the judge's
 * place() gives), else the value it was made with
 * (dflt when none was given, or null). 1 with *v, 0 when the record was
 * not made before op (or its making was refused), -1.
 */
int	 store_int_at(struct store *, const char *etype, const struct id *,
	     const char *field, const struct op *at, int64_t dflt,
	     int64_t *v);
/*
 * Forget every change of origin held here, none of them folded (each held
 * by the judge's site()): a bundle gave its id another key than the one
 * its admission names, so all of it was made in its name. 1 forgotten,
 * 0 when one is folded (nothing done), -1. In a transaction.
 */
int	 store_forget_origin(struct store *, const struct id *origin,
	     char **cause);
/* The same of a text field: 1 with *text (allocated; NULL for none). */
int	 store_text_at(struct store *, const char *etype, const struct id *,
	     const char *field, const struct op *at, char **text);
/* The same of a field naming a record: 1 with *id (zero for none). */
int	 store_id_at(struct store *, const char *etype, const struct id *,
	     const char *field, const struct op *at, struct id *id);
/* The site that made a record (of those kinds): 1 with *origin, 0, -1. */
int	 store_made_by(struct store *, const char *etype, const struct id *,
	     struct id *origin);
/*
 * Has op's origin made, before op, a change whose author is a member of
 * staff? (A site's first changes, as init makes its first member, are
 * made by no one.) 1, 0, or -1.
 */
int	 store_origin_staffed(struct store *, const struct op *);
/* Decide again every site's changes, as what the judge's site() says
 * has changed for them all (a team's root learnt): 0, or -1. In a
 * transaction. */
int	 store_judge_sites(struct store *, char **cause);
/* How many changes of origin its site holds back (not admitted): 0 with
 * *n, or -1. */
int	 store_held(struct store *, const struct id *origin, int64_t *n);
/* A change refused by the judge: its id, origin, sequence, author, kind
 * of record, field, and why. */
struct store_refusal {
	uint8_t		 op[32];
	struct id	 origin;
	uint64_t	 seq;
	struct id	 author;
	const char	*etype;
	struct id	 entity;
	const char	*field;		/* NULL: a new record */
	const char	*why;
	int64_t		 at;		/* ms, by its clock */
};
int	 store_refused_each(struct store *, int (*fn)(const struct
	     store_refusal *, void *), void *arg, char **cause);

/*
 * The canonical state of the replica: a BLAKE2b-256 hash over every
 * synchronised table, row by row in id order. Two replicas holding the same
 * operations have the same hash, whatever order the operations came in.
 */
int	 store_state_hash(struct store *, uint8_t out[32], char **cause);

/*
 * Check the store: SQLite's integrity check, every operation's id against
 * its content, this site's sequence without gaps, the tables against a
 * fresh fold of the log, and the search index. Calls report for each
 * problem found; returns how many, or -1 with *cause if it could not run.
 */
int	 store_check(struct store *, void (*report)(const char *, void *),
	     void *arg, char **cause);

/*
 * Rebuild the tables and the search index from the operation log, in one
 * transaction (oneteam check --repair). Nothing recorded is lost: the log
 * is the record, the tables are its fold.
 */
int	 store_repair(struct store *, char **cause);

/*
 * Prepared queries, cached per SQL text: query_prepare() the SQL (a string
 * literal of the caller), bind parameters (1-based), step through rows,
 * read columns (0-based), query_done() when finished with it. Column text
 * stays valid until the next step or done.
 */
struct query	*query_prepare(struct store *, const char *sql);
void		 query_bind_int(struct query *, int, int64_t);
void		 query_bind_text(struct query *, int, const char *);
void		 query_bind_id(struct query *, int, const struct id *);
/* A change's place in the total order of changes: its clock, origin
 * and sequence, to ?i, ?i+1 and ?i+2. */
void		 query_bind_place(struct query *, int i, const struct op *);
void		 query_bind_blob(struct query *, int, const void *, size_t);
void		 query_bind_val(struct query *, int, const struct val *);
/* 1 a row, 0 no more rows, -1 failure (store_error() says which). */
int		 query_step(struct query *);
int		 query_is_null(struct query *, int);
int64_t		 query_int(struct query *, int);
/* Text of a column, "" when null. */
const char	*query_text(struct query *, int);
/* Text of a column or NULL when null. */
const char	*query_text_or_null(struct query *, int);
/* A new copy of a column's text, or NULL when null. */
char		*query_text_dup(struct query *, int);
/* Bytes of a blob column and their number. */
const void	*query_blob(struct query *, int, size_t *);
/* Id of a column; zero id when null. */
struct id	 query_id(struct query *, int);
void		 query_done(struct query *);

/*
 * Use up to mib MiB of memory for SQLite's page cache on this connection
 * (a bulk load of a borough wants more than the everyday 32 MiB).
 */
void		 store_set_cache(struct store *, int mib);
/*
 * For a bulk load into a new file that is thrown away if the load fails,
 * best made in one transaction. On (outside a transaction), commits are
 * not synced to disk, and each transaction drops the indexes of random
 * keys as it begins, runs no after-hooks, and at its commit makes those
 * indexes again, works out the derived state (current revisions, statuses,
 * the families' summaries) and builds the search index, each in one pass:
 * until then, derived state and search are stale. Off, everything is
 * synced and commits are durable again.
 */
int		 store_set_bulk(struct store *, int on, char **cause);
/*
 * The same deferral of indexes, derived state and search to the commit,
 * without giving up durability: for importing a bundle that holds more
 * than the database does (a new site's first), still all or nothing.
 */
void		 store_set_deferred(struct store *, int on);

/* The last failure of the store as a one-line message (static storage). */
const char	*store_error(struct store *);

/* Run a query that returns one integer (count); -1 on failure. */
int64_t		 query_count(struct query *);

#endif
