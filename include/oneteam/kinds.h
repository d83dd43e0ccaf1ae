/*
 * The kinds of record: one registry of what each is, from which the fold,
 * check and repair, finding a record by its reference, the conflicts
 * queue, the audit trail and the huddle take what they need to know of
 * it. A new kind of record is a new entry here (and its table in a
 * migration); nothing else keeps a list of kinds.
 *
 * Every name in an entry is a constant that may go into SQL: the fold
 * builds its statements from them once, never from data.
 */
#ifndef ONETEAM_KINDS_H
#define ONETEAM_KINDS_H

#include <stddef.h>

/*
 * The generation of record kinds this build knows: one more with each
 * release that adds a kind or a field, which says since when (its since;
 * 0 is 1, the first). Each change says the generation of its maker
 * (op.h), so that a build keeps what a later one made and folds it once
 * upgraded (fold.c).
 */
#define KINDS_GENERATION	9
/*
 * Generation 4 adds no kind: each change's header says its maker's clock
 * as it made it (op.h, struct op's wall), so that what a site records
 * after hearing of a change a wrong clock put far ahead is shown at its
 * own time, while its hybrid clock, which orders, is past that change.
 */
#define KINDS_GENERATION_WALL	4
/*
 * Generation 5 adds no kind: a change made again by site recover says in
 * its header which change it makes again (op.h, struct op's remakes), so
 * that every site knows the copies its maker let go of (src/sync/fork.c).
 */
#define KINDS_GENERATION_REMAKES 5
/*
 * Generation 6 adds no kind: a change made again that made another again
 * before it (a site let go of its copies twice, each time making its own
 * work on them again) names those too (op.h, struct op's before), so that
 * a site holding the first copy, which never saw the one between, lets
 * it go as well.
 */
#define KINDS_GENERATION_BEFORE	6
/*
 * Generation 6 is also the first whose changes of members' accounts are
 * judged by locality: a coordinator keeps only their own locality's
 * (authority.c). A change made before is judged as it was then, so that
 * no history changes when a site upgrades or repairs.
 */
#define KINDS_GENERATION_ACCOUNTS 6
/*
 * Generation 7 adds what was done, said as an action is marked done
 * (action's done_note); a huddle's decisions undone while it runs (the
 * kind huddle_undo; a decision's before and after, what it changed; an
 * action's withdrawn, for one undone).
 *
 * Generation 8 adds who sent apologies to a huddle and its guests, who
 * have no account (huddle's apologies and guests), and the kind
 * huddle_park: an item parked by the huddle until its facts change.
 */
/*
 * Generation 9 adds no kind: it is the first whose changes of an
 * administrator's account (disabling or merging it, its role, agency,
 * locality or coordinator's part) are an administrator's only, as its
 * passphrase always was (authority.c). A change made before is judged as
 * it was then, as for KINDS_GENERATION_ACCOUNTS.
 */
#define KINDS_GENERATION_ADMINS	9

/* The type of a field's value (the store's VAL_INT, VAL_TEXT, VAL_ID). */
enum kind_type { KIND_TEXT, KIND_INT, KIND_ID };

/* How a person reads a value of an INT field (a conflict lists it). */
enum kind_show { KIND_SHOW_NUMBER, KIND_SHOW_YES, KIND_SHOW_MOMENT };

struct kind_field {
	const char	*name;		/* also its column */
	enum kind_type	 type;
	int		 reg;		/* a register: may be set later */
	enum kind_show	 show;
	unsigned	 since;		/* generation; 0 is 1 */
};

struct kind {
	const char		*etype;		/* also its table */
	const char		*label;		/* what a person calls one */
	const char		*prefix;	/* of its reference: "F" */
	const struct kind_field	*fields;	/* given when one is made */
	size_t			 nfields;
	/* Never changed once made (so no field is a register). */
	int			 append_only;
	/*
	 * Its family: the column that names it ("id" for a family itself,
	 * NULL when it is reached through another record or there is
	 * none), and the SQL that reads it, ?1 the record (NULL: a record
	 * of no family).
	 */
	const char		*family_column;
	const char		*family;
	/*
	 * Finding one by reference: the column a reference names (NULL
	 * for its id; a contact's names every revision of the contact),
	 * and the column that tells records apart when a reference typed
	 * is more than one (NULL: none).
	 */
	const char		*ref_column;
	const char		*tell;
	/* Columns the fold computes from the records (repair recomputes
	 * them), NULL-terminated. */
	const char *const	*derived;
	unsigned		 since;		/* generation; 0 is 1 */
};

/* Does a build of generation gen know what came in since? */
static inline int
kinds_known(unsigned since, unsigned gen)
{
	return (since == 0 ? 1 : since) <= gen;
}

/*
 * SQL: is the referral row r over (declined, completed or withdrawn)?
 * The fold counts a family's open referrals by it; the rule is
 * referral_class()'s (referral.h), whose SQL (src/core/referral-sql.h)
 * is this, and test-referral checks the two agree for every status.
 */
#define KINDS_REFERRAL_FINAL(r) \
	"(" r ".status IN ('declined', 'completed', 'withdrawn'))"

/*
 * SQL: is row r of contact a revision of the contact whose first revision
 * is x (x itself, or a correction of it)? A first revision names itself
 * as its contact; only corrections are in the index of contacts
 * (contact_revisions), so a new contact adds no key to it: at a hub every
 * key of that index would be a random page written (BENCHMARKS.md).
 */
#define KINDS_CONTACT_REVISIONS(r, x) "(" r ".id = " x " OR (" r \
	".contact = " x " AND " r ".corrects IS NOT NULL))"

/*
 * SQL over a row of family: how many open episodes of early help the one
 * rule of episodes gives it, one when it is open below level 4 and none
 * when it is closed or social care has it (level 4). family_settle()
 * (src/core/episode.c) brings a family's episodes to it and is the one
 * place that does; the fold keeps family.episode_open, whether one is
 * open (two opened apart are one: episode.joined). A family whose two
 * differ after changes made apart is a conflict (conflict.h).
 */
#define KINDS_EPISODES_WANTED "(status = 'open' AND level IS NOT 4)"

/*
 * SQL: the moves of a referral's status that referral_can_move()
 * (referral.c) allows, as rows (from, to) of a VALUES list; test-referral
 * checks the two agree for every pair. At each site the command keeps to
 * them; the fold marks a referral whose events, in their order, make a
 * move they do not allow (accepted at one site, declined at another:
 * accepted, then declined), and that no later event settles, as a
 * conflict (referral.clash; conflict.h).
 */
#define KINDS_REFERRAL_MOVES "VALUES ('draft', 'sent'), " \
	"('draft', 'withdrawn'), ('sent', 'acknowledged'), " \
	"('sent', 'accepted'), ('sent', 'declined'), ('sent', 'withdrawn'), " \
	"('acknowledged', 'accepted'), ('acknowledged', 'declined'), " \
	"('acknowledged', 'withdrawn'), ('accepted', 'completed'), " \
	"('accepted', 'withdrawn')"

/* How many kinds there are; kinds_at(0 .. count - 1) lists them. */
size_t			 kinds_count(void);
const struct kind	*kinds_at(size_t);
/* The kind of etype, or NULL when there is no such kind. */
const struct kind	*kinds_get(const char *etype);
/* Where k is in the list (kinds_at(kinds_index(k)) == k). */
size_t			 kinds_index(const struct kind *k);

/*
 * The family of record id of kind etype, by the registry's SQL, into
 * *family (zero when it names none: a team's action): 1 when the record
 * is here, 0 when it is not or its kind has no family, -1 for the
 * database's failure.
 */
struct store;
struct id;
int			 kinds_family_of(struct store *, const char *etype,
			     const struct id *id, struct id *family);

#endif
