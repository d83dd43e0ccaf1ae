/*
 * What the store modules (src/store) share and nobody else sees.
 */
#ifndef ONETEAM_STORE_PRIVATE_H
#define ONETEAM_STORE_PRIVATE_H

#include <sqlite3.h>

#include "oneteam/op.h"
#include "oneteam/store.h"

#define QUERY_BUCKETS 64

struct query {
	struct store	*st;
	sqlite3_stmt	*stmt;
	const char	*sql;
	int		 busy;		/* handed out and not yet done */
	int		 cached;	/* kept in the cache after done */
	struct query	*next;
};

/* What the judge said of a site's changes (fold-judge.c). */
struct store_gate {
	struct id	 origin;
	int		 rc;		/* 1 taken to last, 0 held */
	int64_t		 last;
	char		*why;
};

struct store {
	sqlite3		*db;
	char		*path;
	struct id	 site;
	char		*site_name;
	struct id	 author;
	struct id	 signer;	/* whose key signer_sk is */
	uint8_t		*signer_sk;	/* store_set_signer(), or NULL */
	/* Others who signed changes to be made again (store_add_signer()). */
	struct id	*also;
	uint8_t		**also_sk;
	size_t		 nalso;
	int		 in_tx;
	int		 bulk;		/* store_set_bulk(): derive at commit */
	char		**deferred;	/* SQL of indexes a bulk tx dropped */
	size_t		 ndeferred;
	int64_t		 last_rowid;	/* of the row fold_new() inserted */
	/* local.next_seq, hlc and digest, held while a transaction is open. */
	int		 local_loaded;
	int		 local_dirty;
	uint64_t	 next_seq;
	uint64_t	 hlc;
	uint64_t	 seq_loaded;	/* next_seq as loaded: changes made? */
	uint64_t	 stamp;		/* recover.c: the clock to make with */
	int64_t		 stamp_wall;	/* and its maker's clock (op.h wall) */
	const struct op	*remaking;	/* and the change it makes again */
	int		 remaking_refused; /* which was refused: may be again */
	uint8_t		 digest[32];
	struct op_id	 prev;		/* link of this site's last change */
	/* The site id before store_new_site(), restored by a rollback. */
	struct id	 site_before;
	int		 site_changed;
	char		*notice;	/* store_notice() */
	char		*mark;		/* store_mark(): its path, or NULL */
	const struct store_judge *judge; /* store_set_judge() */
	const struct op	*judging;	/* the change judge() decides */
	char		*refused;	/* why the last change was refused */
	int		 replaying;	/* folding the log in its order */
	int		 undoing;	/* an after-hook of a change undone */
	const struct op	*replay_at;	/* the change folded now, then */
	struct store_gate *gates;	/* the judge's site(), by origin */
	struct id	 own;		/* store_judge_own(), when has_own */
	int		 has_own;
	size_t		 ngates;
	unsigned	 generation;	/* of kinds it folds (kinds.h) */
	unsigned	 made_as;	/* of changes it makes; 0: its own */
	uint64_t	 changed;	/* changes put in the log here, but
					 * audit entries (store_change_mark) */
	enum store_fault fault;
	char		 error[512];
	struct query	*cache[QUERY_BUCKETS];
};

/* Record an SQLite failure as the store's error and fault. */
void	store_sqlite_error(struct store *, int rc, const char *what);
/* Bind a value or id that stays valid until the query is done (no copy). */
void	query_bind_val_static(struct query *, int, const struct val *);
void	query_bind_id_static(struct query *, int, const struct id *);
/* Finalise every cached statement. */
void	query_free_all(struct store *);
/* Set *cause from the store's last error. */
void	store_cause(struct store *, char **cause);

/* migrate.c */
int	migrate_latest(void);
int	migrate_run(sqlite3 *, const char *path, char **cause);
/* migrate-links.c: migration 8's links of the changes held. */
int	migrate_links(sqlite3 *, char **err);
int	migrate_search(sqlite3 *, char **err);	/* search.c */
/* Refuse a schema this oneteam cannot read as it is. */
int	migrate_check(sqlite3 *, const char *path, char **cause);

/* hlc.c: the next clock value for a local operation. */
int	hlc_next(struct store *, uint64_t *, char **cause);
/* A change of that clock arrived (store_local_load() first). */
void	hlc_seen(struct store *, uint64_t);
/* check.c: fold the whole log again, inside a transaction. */
int	check_refold(struct store *, char **cause);
/* oplog.c: take origin's changes numbered from on out of the log (their
 * refusals too; the digest kept), inside a transaction. */
int	oplog_cut(struct store *, const struct id *origin, uint64_t from,
	    char **cause);
/* What to tell about the opening, added to what is said already. */
void	store_notice_add(struct store *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* mark.c: before this site's first change in a transaction, is its
 * next number one the mark says was made (a backup put back while the
 * database was open)? Then -1, nothing recorded. */
int	mark_check(struct store *, char **cause);
/* mark.c: after a commit that made changes here, made of site's. */
void	mark_write(struct store *, const struct id *site, uint64_t made);
/* Opened to write: a notice if this machine's clock is far behind. */
int	hlc_check(struct store *, char **cause);
/* Load this site's sequence and clock for the open transaction. */
int	store_local_load(struct store *, char **cause);
/* site.c: take the configured name as this site's, if it has changed. */
int	site_rename(struct store *, const char *site_name, char **cause);

/* The sum of the ids of every operation in the log (oplog.c). */
void	oplog_digest_add(uint8_t digest[32], const struct op_id *);
int	oplog_digest_scan(struct store *, uint8_t out[32], char **cause);

/* oplog.c: stamp, log and fold a local operation. */
int	oplog_record(struct store *, struct op *, char **cause);
/* The link of origin's change seq held here (op or quarantine): 1, or 0
 * when it is not held or its link is not known (a gap before it). */
int	oplog_link_of(struct store *, const struct id *origin, uint64_t seq,
	    struct op_id *link);

/* fold.c: apply one operation (already in the log) to the tables, as
 * the judge decides (fold-judge.c), or as it is (fold_do()). */
int	fold_apply(struct store *, const struct op *, char **cause);
int	fold_do(struct store *, const struct op *, char **cause);
/* The change that made op's record, when another made it (its row is
 * there and another change's): 1 with *made, 0, -1. */
int	fold_made_op(struct store *, const struct op *, struct op *made,
	    char **cause);
/* fold.c: can this store fold op? FOLD_ALL; FOLD_PART, a making whose
 * fields of a later generation it leaves out; FOLD_LATER, none of it
 * (a later generation's, kept: later.c); -1 with *cause, never (what no
 * oneteam makes). */
enum { FOLD_ALL, FOLD_PART, FOLD_LATER };
int	fold_can(const struct store *, const struct op *, char **cause);
/* later.c: keep op for a later oneteam (whole: none of it folded), or
 * forget it (taken back). */
int	later_keep(struct store *, const struct op *, int whole, char **cause);
int	later_drop(struct store *, const struct op *, char **cause);
/* later.c: a change kept for a later oneteam that this one, upgraded,
 * cannot fold: refused (*cause, the reason, taken), the fold goes on. */
int	later_refuse(struct store *, const struct op *, char **cause);
/* later.c: is op kept for a later oneteam, none of it folded? The judge
 * neither decides it nor reads it (fold-judge.c, fold-ask.c). */
int	later_whole(const struct store *, const struct op *);
/* fold-judge.c: fold_apply() when a judge is set. */
int	fold_judged(struct store *, const struct op *, char **cause);
/* Is the change refused (1), or not (0), or -1. */
int	fold_refused(struct store *, const struct op_id *);
/* Is op after st->replay_at in the total order, so not yet folded by a
 * fold of the log in its order? 0 when not replaying. */
int	fold_not_yet(const struct store *, const struct op *);
/* The judge's answers for sites, forgotten (a transaction's end). */
void	fold_gates_forget(struct store *);
/* Take back what a change taken did, and what its kind derives. */
int	fold_undo(struct store *, const struct op *, char **cause);
/* Fold a register again from the sets of it not refused (its value as
 * its record was made when none stands). */
int	fold_register_again(struct store *, const char *etype,
	    const struct id *entity, const char *field, char **cause);
/* Take back the record op made (its row, if op made it). */
int	fold_unmake(struct store *, const struct op *, char **cause);
/*
 * Set op->base to the current heads of op's field, and *same when there is
 * one head and it already has op's value (nothing to record).
 */
int	fold_heads(struct store *, struct op *, int *same, char **cause);
/* Set *cause from the store's error; returns -1. */
int	fold_fail(struct store *, char **cause);
/* Run a prepared statement to its end; -1 with *cause on failure. */
int	fold_exec(struct store *, struct query *, char **cause);

/*
 * fold-derive.c: what an operation of a kind changes of the derived
 * state, worked out after it is folded (NULL: nothing).
 */
typedef int (*fold_hook)(struct store *, const struct op *, char **cause);
fold_hook fold_derive_hook(const char *etype);
/* Work out the derived state a bulk load left to its commit. */
int	fold_bulk_finish(struct store *, char **cause);

/*
 * fold-consent.c: a family's consent that stands, the id of its latest
 * record (date, then clock, then id) in family.consent, kept by the fold
 * after a consent record or a new family. FOLD_CONSENT_SQL is the
 * assignment, for an UPDATE of family; with no WHERE it works out every
 * family's (a bulk load, the migration that made the column).
 */
#define FOLD_CONSENT_SQL "consent = (SELECT c.id FROM consent c WHERE " \
	"c.family = family.id ORDER BY c.date DESC, c.hlc DESC, c.id DESC " \
	"LIMIT 1)"
int	fold_consent(struct store *, const struct op *, char **cause);

/* fold-moves.c: whether a referral's events make a move the rule does
 * not allow, each event's and the referral's clash worked out again. */
int	fold_referral_clash(struct store *, const struct id *referral,
	    char **cause);

/* recover.c: a change made again from old names what old made again
 * before it; op, logged, making a change again, is noted as letting go
 * of each it names (0, or -1). */
void	recover_before(struct op *, const struct op *old);
int	recover_note(struct store *, const struct op *);

/* search.c: keep the search index in step with the tables. */
int	search_index_family(struct store *, const struct id *family);
int	search_unindex(struct store *, const char *etype, const struct id *);
int	search_index_contact(struct store *, int64_t rowid, const char *summary,
	    const char *venue);
int	search_index_story(struct store *, const struct id *revision);

/* The database's file (dbfile.c): the directories above path made; the
 * file made, its owner's (and a protected install's group's) only; may
 * this process write it (0, or -1 with errno)? */
int	store_mkdirs(const char *path, char **cause);
int	store_create_file(const char *path, char **cause);
int	store_writable(const char *path);

#endif
