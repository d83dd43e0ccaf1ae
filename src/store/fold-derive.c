/*
 * fold-derive.c owns the state the fold derives from the records rather
 * than takes from an operation: which contact and story revisions are
 * current, a referral's status, a flag's acknowledgement and resolution,
 * the families list's summary of each family, and keeping the search
 * index in step. After an operation is folded (fold.c), the after-hook
 * of its kind works out what it changed; a bulk load runs no hooks and
 * works out everything once at its commit, by the same rules. Which
 * columns are derived is said in the registry (kinds.c).
 */
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "oneteam/kinds.h"
#include "oneteam/xmalloc.h"

/* The value a creating operation gives a field, or NULL. */
static const struct val *
fold_op_value(const struct op *op, const char *name)
{
	size_t	i;

	for (i = 0; i < op->nfields; i++)
		if (strcmp(op->fields[i].name, name) == 0)
			return &op->fields[i].v;
	return NULL;
}

/* The id a creating operation gives a field; zero when it gives none. */
static void
fold_op_id(const struct op *op, const char *name, struct id *id)
{
	const struct val	*v = fold_op_value(op, name);

	if (v != NULL && v->type == VAL_ID)
		*id = v->id;
	else
		memset(id, 0, sizeof *id);
}

/*
 * The family a row of table etype belongs to, by its id; a row whose
 * making is undone (fold_undo()) is gone: its making says (op, when it
 * made the row id).
 */
static int
fold_family_of(struct store *st, const char *sql, const struct id *id,
    const struct op *op, struct id *family, char **cause)
{
	struct query	*q;
	int		 rc;

	memset(family, 0, sizeof *family);
	q = query_prepare(st, sql);
	query_bind_id(q, 1, id);
	if ((rc = query_step(q)) == 1)
		*family = query_id(q, 0);
	query_done(q);
	if (rc == 0 && st->undoing && op->kind == OP_NEW &&
	    id_cmp(&op->entity, id) == 0)
		fold_op_id(op, "family", family);
	return rc < 0 ? fold_fail(st, cause) : 0;
}

/*
 * What the families list shows of a family's other records, recomputed
 * from them: the last contact, open referrals, active red flags, and
 * whether an episode of early help is open (the one rule of episodes
 * asks it: kinds.h KINDS_EPISODES_WANTED). Each after-hook recomputes
 * the one its records change; a new family, or the end of a bulk load,
 * all four in one statement.
 */
#define SUMMARY_CONTACT_SQL \
	"last_contact = (SELECT max(at) FROM contact WHERE family = ?1 AND " \
	"current AND NOT coalesce(planned, 0))"
#define SUMMARY_REFERRALS_SQL \
	"open_referrals = (SELECT count(*) FROM referral WHERE family = ?1 " \
	"AND NOT " KINDS_REFERRAL_FINAL("referral") ")"
#define SUMMARY_FLAGS_SQL \
	"active_flags = (SELECT count(*) FROM flag WHERE family = ?1 AND " \
	"resolved IS NULL)"
#define SUMMARY_EPISODE_SQL \
	"episode_open = EXISTS (SELECT 1 FROM episode WHERE family = ?1 AND " \
	"closed IS NULL)"
static const char *const fold_summary_sql[] = {
	"UPDATE family SET " SUMMARY_CONTACT_SQL " WHERE id = ?1",
	"UPDATE family SET " SUMMARY_REFERRALS_SQL " WHERE id = ?1",
	"UPDATE family SET " SUMMARY_FLAGS_SQL " WHERE id = ?1",
	"UPDATE family SET " SUMMARY_EPISODE_SQL " WHERE id = ?1",
	"UPDATE family SET " SUMMARY_CONTACT_SQL ", " SUMMARY_REFERRALS_SQL
	    ", " SUMMARY_FLAGS_SQL ", " SUMMARY_EPISODE_SQL " WHERE id = ?1",
};
enum {
	SUMMARY_CONTACT, SUMMARY_REFERRALS, SUMMARY_FLAGS, SUMMARY_EPISODE,
	SUMMARY_ALL
};

static int
fold_family_summary(struct store *st, const struct id *family, int which,
    char **cause)
{
	struct query	*q;

	if (id_is_zero(family))
		return 0;
	q = query_prepare(st, fold_summary_sql[which]);
	query_bind_id(q, 1, family);
	return fold_exec(st, q, cause);
}

static int
fold_after_family(struct store *st, const struct op *op, char **cause)
{
	if (op->kind == OP_NEW &&
	    (fold_family_summary(st, &op->entity, SUMMARY_ALL, cause) != 0 ||
	    fold_consent(st, op, cause) != 0))
		return -1;
	if (search_index_family(st, &op->entity) != 0)
		return fold_fail(st, cause);
	return 0;
}

static int
fold_after_person(struct store *st, const struct op *op, char **cause)
{
	struct id	family;

	if (fold_family_of(st, "SELECT family FROM person WHERE id = ?1",
	    &op->entity, op, &family, cause) != 0)
		return -1;
	if (!id_is_zero(&family) && search_index_family(st, &family) != 0)
		return fold_fail(st, cause);
	return 0;
}

/* A revision (contact, story) is current when no other names it (sql);
 * asked again of the one a revision undone named. */
static int
fold_current_again(struct store *st, const char *sql, const struct val *of,
    char **cause)
{
	struct query	*q;

	if (of == NULL || of->type != VAL_ID)
		return 0;
	q = query_prepare(st, sql);
	query_bind_id(q, 1, &of->id);
	return fold_exec(st, q, cause);
}

/*
 * A correction made twice the same (two sites keeping the same version of
 * a contact corrected apart, or correcting it to the same words): the
 * first in clock order stands for both, the other is never current, so
 * equal versions are no conflict. r is a row of contact.
 */
#define CONTACT_TWIN(r) "EXISTS (SELECT 1 FROM contact t WHERE t.corrects " \
	"= " r ".corrects AND t.merges IS " r ".merges AND (t.hlc < " r \
	".hlc OR (t.hlc = " r ".hlc AND t.id < " r ".id)) AND t.family IS " \
	r ".family AND t.at IS " r ".at AND t.kind IS " r ".kind AND " \
	"t.venue IS " r ".venue AND t.seen IS " r ".seen AND t.summary IS " \
	r ".summary AND t.follow_up IS " r ".follow_up AND t.planned IS " \
	r ".planned)"
#define CONTACT_STANDS "current = NOT EXISTS (SELECT 1 FROM contact c " \
	"WHERE c.corrects = contact.id OR c.merges = contact.id) AND NOT " \
	"(contact.corrects IS NOT NULL AND " CONTACT_TWIN("contact") ")"
#define CONTACT_CURRENT "UPDATE contact SET " CONTACT_STANDS " WHERE id = ?1"
/* The corrections of one revision, each asked again. */
#define CONTACT_TWINS "UPDATE contact SET " CONTACT_STANDS " WHERE " \
	"corrects = ?1"
#define STORY_CURRENT "UPDATE story SET current = NOT EXISTS (SELECT 1 " \
	"FROM story s WHERE s.base = ?1 OR s.base2 = ?1) WHERE id = ?1"

/* A contact revision undone: the one it corrected is current again,
 * unless another corrects it, and its family's last contact may fall. */
static int
fold_undo_contact(struct store *st, const struct op *op, char **cause)
{
	struct id	family;

	if (fold_current_again(st, CONTACT_CURRENT, fold_op_value(op,
	    "corrects"), cause) != 0 || fold_current_again(st,
	    CONTACT_CURRENT, fold_op_value(op, "merges"), cause) != 0 ||
	    fold_current_again(st, CONTACT_TWINS, fold_op_value(op,
	    "corrects"), cause) != 0)
		return -1;
	fold_op_id(op, "family", &family);
	return fold_family_summary(st, &family, SUMMARY_CONTACT, cause);
}

/* The revision a correction names (corrects, merges) is not current. */
static int
fold_not_current(struct store *st, const struct val *v, char **cause)
{
	struct query	*q;

	if (v == NULL || v->type != VAL_ID)
		return 0;
	q = query_prepare(st, "UPDATE contact SET current = 0 WHERE id = ?1");
	query_bind_id(q, 1, &v->id);
	return fold_exec(st, q, cause);
}

/*
 * A contact revision is current until another corrects it (or, made
 * apart, merges it). The first revision names no contact: its own id is
 * the contact's.
 */
static int
fold_after_contact(struct store *st, const struct op *op, char **cause)
{
	struct query		*q;
	const struct val	*corrects = fold_op_value(op, "corrects");
	const struct val	*merges = fold_op_value(op, "merges");
	const struct val	*family = fold_op_value(op, "family");
	const struct val	*contact = fold_op_value(op, "contact");
	const struct val	*at = fold_op_value(op, "at");
	const struct val	*planned = fold_op_value(op, "planned");
	const struct val	*summary = fold_op_value(op, "summary");
	const struct val	*venue = fold_op_value(op, "venue");
	int64_t			 rowid = st->last_rowid;
	int			 corrected;

	if (st->undoing)
		return fold_undo_contact(st, op, cause);
	/*
	 * Rarely, its correction came first: then it is not current. Asking
	 * the small index of corrections first spares a look-up by id.
	 */
	q = query_prepare(st, "SELECT 1 FROM contact WHERE corrects = ?1 OR "
	    "merges = ?1");
	query_bind_id(q, 1, &op->entity);
	corrected = query_step(q);
	query_done(q);
	if (corrected < 0)
		return fold_fail(st, cause);
	if (corrected && fold_not_current(st, &(struct val){ .type = VAL_ID,
	    .id = op->entity }, cause) != 0)
		return -1;
	if (contact == NULL || contact->type != VAL_ID) {
		/* The fold made it its own already (fold_new()), unless
		 * its change left the field out. */
		q = query_prepare(st, "UPDATE contact SET contact = id "
		    "WHERE id = ?1 AND contact IS NULL");
		query_bind_id(q, 1, &op->entity);
		if (fold_exec(st, q, cause) != 0)
			return -1;
	}
	if (fold_not_current(st, corrects, cause) != 0 ||
	    fold_not_current(st, merges, cause) != 0 ||
	    fold_current_again(st, CONTACT_TWINS, corrects, cause) != 0)
		return -1;
	if (search_index_contact(st, rowid, summary != NULL &&
	    summary->type == VAL_TEXT ? summary->s : NULL, venue != NULL &&
	    venue->type == VAL_TEXT ? venue->s : NULL) != 0)
		return fold_fail(st, cause);
	if (family == NULL || family->type != VAL_ID)
		return 0;
	if (corrected || (corrects != NULL && corrects->type == VAL_ID))
		return fold_family_summary(st, &family->id, SUMMARY_CONTACT,
		    cause);
	if (at == NULL || at->type != VAL_INT ||
	    (planned != NULL && planned->type == VAL_INT && planned->i))
		return 0;
	/* A new current contact only raises the family's last contact. */
	q = query_prepare(st, "UPDATE family SET last_contact = ?2 "
	    "WHERE id = ?1 AND coalesce(last_contact, 0) < ?2");
	query_bind_id(q, 1, &family->id);
	query_bind_int(q, 2, at->i);
	return fold_exec(st, q, cause);
}

/*
 * A story revision is current until a later one is based on it. An edit
 * made while two revisions were current (a conflict) names both, base and
 * base2, and so resolves it.
 */
static int
fold_after_story(struct store *st, const struct op *op, char **cause)
{
	struct query	*q;

	if (op->kind != OP_NEW)
		return 0;
	/* Undone: the revisions it was based on are current again, unless
	 * another is based on them. */
	if (st->undoing)
		return fold_current_again(st, STORY_CURRENT, fold_op_value(op,
		    "base"), cause) != 0 || fold_current_again(st,
		    STORY_CURRENT, fold_op_value(op, "base2"), cause) != 0 ?
		    -1 : 0;
	q = query_prepare(st, STORY_CURRENT);
	query_bind_id(q, 1, &op->entity);
	if (fold_exec(st, q, cause) != 0)
		return -1;
	q = query_prepare(st, "UPDATE story SET current = 0 WHERE id IN "
	    "(SELECT base FROM story WHERE id = ?1 UNION ALL "
	    "SELECT base2 FROM story WHERE id = ?1)");
	query_bind_id(q, 1, &op->entity);
	if (fold_exec(st, q, cause) != 0)
		return -1;
	if (search_index_story(st, &op->entity) != 0)
		return fold_fail(st, cause);
	return 0;
}

/*
 * A referral's status is that of its latest event (by when it happened,
 * then when recorded, then id, so every replica agrees); draft before any.
 */
static int
fold_referral_status(struct store *st, const struct id *referral,
    char **cause)
{
	struct query	*q;

	q = query_prepare(st, "UPDATE referral SET (status, status_at) = "
	    "(SELECT coalesce(max(e.status), 'draft'), max(e.at) FROM "
	    "(SELECT status, at FROM referral_event WHERE referral = ?1 "
	    "ORDER BY at DESC, created DESC, id DESC LIMIT 1) e) "
	    "WHERE id = ?1");
	query_bind_id(q, 1, referral);
	if (fold_exec(st, q, cause) != 0)
		return -1;
	return fold_referral_clash(st, referral, cause);
}

static int
fold_after_referral(struct store *st, const struct op *op, char **cause)
{
	struct id	referral = op->entity, family;

	/* An event is only ever created, so its op says what its row holds. */
	if (strcmp(op->etype, "referral_event") == 0)
		fold_op_id(op, "referral", &referral);
	if (fold_referral_status(st, &referral, cause) != 0 ||
	    fold_family_of(st, "SELECT family FROM referral WHERE id = ?1",
	    &referral, op, &family, cause) != 0)
		return -1;
	return fold_family_summary(st, &family, SUMMARY_REFERRALS, cause);
}

/*
 * A family has one open episode: of two opened apart (a family reopened
 * at two sites), the first in the order of their opening is the episode
 * and the other joins it; closing the family closes both (family.c).
 */
static int
fold_episode_joined(struct store *st, const struct id *family, char **cause)
{
	struct query	*q;

	q = query_prepare(st, "UPDATE episode SET joined = CASE WHEN "
	    "closed IS NULL AND id <> f.first THEN f.first END FROM (SELECT "
	    "(SELECT id FROM episode WHERE family = ?1 AND closed IS NULL "
	    "ORDER BY opened, hlc, id LIMIT 1) AS first) AS f WHERE "
	    "family = ?1 AND joined IS NOT (CASE WHEN closed IS NULL AND "
	    "id <> f.first THEN f.first END)");
	query_bind_id(q, 1, family);
	return fold_exec(st, q, cause);
}

static int
fold_after_episode(struct store *st, const struct op *op, char **cause)
{
	struct id	family;

	if (fold_family_of(st, "SELECT family FROM episode WHERE id = ?1",
	    &op->entity, op, &family, cause) != 0 ||
	    fold_episode_joined(st, &family, cause) != 0)
		return -1;
	return fold_family_summary(st, &family, SUMMARY_EPISODE, cause);
}

/* A flag is acknowledged or resolved by its earliest such event. */
static int
fold_flag_state(struct store *st, const struct id *flag, char **cause)
{
	struct query	*q;

	q = query_prepare(st, "UPDATE flag SET "
	    "(acked, acked_by) = (SELECT at, created_by FROM flag_event WHERE "
	    "flag = ?1 AND what = 'ack' ORDER BY at, created, id LIMIT 1), "
	    "(resolved, resolved_by, resolve_note) = (SELECT at, created_by, "
	    "note FROM flag_event WHERE flag = ?1 AND what = 'resolve' "
	    "ORDER BY at, created, id LIMIT 1) WHERE id = ?1");
	query_bind_id(q, 1, flag);
	return fold_exec(st, q, cause);
}

static int
fold_after_flag(struct store *st, const struct op *op, char **cause)
{
	struct id	flag = op->entity, family;

	if (strcmp(op->etype, "flag_event") == 0)
		fold_op_id(op, "flag", &flag);
	if (fold_flag_state(st, &flag, cause) != 0 ||
	    fold_family_of(st, "SELECT family FROM flag WHERE id = ?1",
	    &flag, op, &family, cause) != 0)
		return -1;
	return fold_family_summary(st, &family, SUMMARY_FLAGS, cause);
}

/*
 * What the after-hooks do, done once for every row at the end of a bulk
 * load, which runs none of them: the same rules, so the tables come out
 * as the hooks leave them (oneteam check refolds the log to prove it).
 * Currency is set for the whole table at once: a revision stops being
 * current when another names it, whichever came first.
 */
static const char *const fold_bulk_sql[] = {
	"UPDATE contact SET contact = id WHERE contact IS NULL",
	"UPDATE contact SET current = 0 WHERE id IN (SELECT corrects FROM "
	"contact WHERE corrects IS NOT NULL UNION ALL SELECT merges FROM "
	"contact WHERE merges IS NOT NULL)",
	"UPDATE contact SET current = 0 WHERE corrects IS NOT NULL AND "
	CONTACT_TWIN("contact"),
	"UPDATE story SET current = 0 WHERE id IN (SELECT base FROM story "
	"WHERE base IS NOT NULL UNION ALL SELECT base2 FROM story WHERE "
	"base2 IS NOT NULL)",
	"UPDATE family SET " FOLD_CONSENT_SQL,
};

/* Run fn on the id of each row that sql lists. */
static int
fold_each(struct store *st, const char *sql,
    int (*fn)(struct store *, const struct id *, char **), char **cause)
{
	struct query	*q;
	struct id	 id;
	int		 rc;

	q = query_prepare(st, sql);
	while ((rc = query_step(q)) == 1) {
		id = query_id(q, 0);
		if (fn(st, &id, cause) != 0) {
			query_done(q);
			return -1;
		}
	}
	query_done(q);
	return rc < 0 ? fold_fail(st, cause) : 0;
}

static int
fold_family_all(struct store *st, const struct id *family, char **cause)
{
	return fold_family_summary(st, family, SUMMARY_ALL, cause);
}

int
fold_bulk_finish(struct store *st, char **cause)
{
	size_t	i;
	int	rc;

	for (i = 0; i < sizeof fold_bulk_sql / sizeof fold_bulk_sql[0]; i++) {
		rc = sqlite3_exec(st->db, fold_bulk_sql[i], NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			store_sqlite_error(st, rc, "saving");
			return fold_fail(st, cause);
		}
	}
	/* The summaries last: they count what the statuses above say. */
	if (fold_each(st, "SELECT id FROM referral ORDER BY rowid",
	    fold_referral_status, cause) != 0 ||
	    fold_each(st, "SELECT id FROM flag ORDER BY rowid",
	    fold_flag_state, cause) != 0 ||
	    fold_each(st, "SELECT DISTINCT family FROM episode WHERE closed "
	    "IS NULL AND family IS NOT NULL", fold_episode_joined, cause) != 0)
		return -1;
	return fold_each(st, "SELECT id FROM family ORDER BY rowid",
	    fold_family_all, cause);
}


/* The after-hook of each kind that has one. */
static const struct {
	const char	*etype;
	fold_hook	 after;
} fold_hooks[] = {
	{ "family", fold_after_family },
	{ "episode", fold_after_episode },
	{ "person", fold_after_person },
	{ "consent", fold_consent },
	{ "contact", fold_after_contact },
	{ "story", fold_after_story },
	{ "referral", fold_after_referral },
	{ "referral_event", fold_after_referral },
	{ "flag", fold_after_flag },
	{ "flag_event", fold_after_flag },
};

fold_hook
fold_derive_hook(const char *etype)
{
	size_t	i;

	for (i = 0; i < sizeof fold_hooks / sizeof fold_hooks[0]; i++)
		if (strcmp(fold_hooks[i].etype, etype) == 0)
			return fold_hooks[i].after;
	return NULL;
}
