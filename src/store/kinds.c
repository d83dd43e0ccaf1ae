/*
 * kinds.c owns the registry of record kinds (kinds.h): for each kind its
 * table, its fields and their types, which fields are registers, whether
 * it is append-only, its reference and what people call it, how to reach
 * its family, how a reference finds it, and the columns the fold derives.
 * It holds data only: what the fold does with a kind is fold.c's, what
 * it derives fold-derive.c's, and the tables themselves migrate.c's.
 *
 * The order is the order of the state hash (fold.c), which names every
 * kind it knows: replicas compare hashes only when they run the same
 * version. A new kind goes at the end, so that the others keep theirs.
 */
#include <string.h>

#include "oneteam/kinds.h"
#include "oneteam/store.h"

#define KF(n, t, r)	{ n, KIND_ ## t, r, KIND_SHOW_NUMBER, 1 }
/* A register of yes or no, and of a moment (ms). */
#define KY(n)		{ n, KIND_INT, 1, KIND_SHOW_YES, 1 }
#define KM(n)		{ n, KIND_INT, 1, KIND_SHOW_MOMENT, 1 }
/* A field added in generation g (kinds.h), a register or not. */
#define KG(n, t, r, g)	{ n, KIND_ ## t, r, KIND_SHOW_NUMBER, g }
#define KYG(n, g)	{ n, KIND_INT, 1, KIND_SHOW_YES, g }
#define NF(a)		a, sizeof a / sizeof a[0]

static const struct kind_field locality_fields[] = {
	KF("name", TEXT, 1),
};
static const struct kind_field staff_fields[] = {
	KF("name", TEXT, 1), KF("role", TEXT, 1),
	KF("agency", TEXT, 1), KF("locality", ID, 1),
	KY("coordinator"), KY("active"),
	KF("passhash", TEXT, 1), KY("admin"),
	/* Merged into that member: the same person, added twice. */
	KG("same_as", ID, 1, 2),
};
static const struct kind_field family_fields[] = {
	KF("household", TEXT, 1), KF("address", TEXT, 1),
	KF("postcode", TEXT, 1), KF("lsoa", TEXT, 1),
	KF("locality", ID, 1), KF("level", INT, 1),
	KF("status", TEXT, 1), KF("lead", ID, 1),
	KF("next_review", TEXT, 1), KF("needs", TEXT, 1),
	/* Why its early help last ended, said when it closed. */
	KG("end_reason", TEXT, 1, 3),
};
static const struct kind_field episode_fields[] = {
	KF("family", ID, 0), KF("opened", TEXT, 0),
	KF("reason", TEXT, 1), KF("closed", TEXT, 1),
	KF("end_reason", TEXT, 1),
};
static const struct kind_field step_fields[] = {
	KF("family", ID, 0), KF("direction", TEXT, 0),
	KF("from_level", INT, 0), KF("to_level", INT, 0),
	KF("reason", TEXT, 0),
};
static const struct kind_field person_fields[] = {
	KF("family", ID, 0), KF("name", TEXT, 1),
	KF("dob", TEXT, 1), KF("relationship", TEXT, 1),
	KF("school", TEXT, 1), KF("gp", TEXT, 1),
	KY("send"), KY("young_carer"),
	KY("looked_after"), KY("cp_plan"),
	KY("archived"),
};
static const struct kind_field consent_fields[] = {
	KF("family", ID, 0), KF("state", TEXT, 0),
	KF("given_by", TEXT, 0), KF("scope", TEXT, 0),
	KF("date", TEXT, 0), KF("review", TEXT, 0),
};
/* A correction is a new revision naming the one it corrects. */
static const struct kind_field contact_fields[] = {
	KF("contact", ID, 0), KF("corrects", ID, 0),
	KF("family", ID, 0), KF("at", INT, 0),
	KF("kind", TEXT, 0), KF("venue", TEXT, 0),
	KF("seen", TEXT, 0), KF("summary", TEXT, 0),
	KF("follow_up", TEXT, 0), KF("planned", INT, 0),
	/* A correction of versions made apart: the other it corrects. */
	KG("merges", ID, 0, 2),
};
/* A revision of a section; only when it was read back is set later. */
static const struct kind_field story_fields[] = {
	KF("family", ID, 0), KF("section", TEXT, 0),
	KF("body", TEXT, 0), KF("base", ID, 0),
	KF("base2", ID, 0), KF("read_back", TEXT, 1),
};
static const struct kind_field referral_fields[] = {
	KF("family", ID, 0), KF("person", ID, 1),
	KF("service", TEXT, 1), KF("reason", TEXT, 1),
	KF("needs", TEXT, 1), KF("urgency", TEXT, 1),
	KF("basis", TEXT, 1), KF("basis_reason", TEXT, 1),
	KF("response_due", TEXT, 1), KF("outcome", TEXT, 1),
};
static const struct kind_field referral_event_fields[] = {
	KF("referral", ID, 0), KF("status", TEXT, 0),
	KF("note", TEXT, 0), KF("at", INT, 0),
	/* It settles a clash of moves made apart: a digest of the events
	 * its site held (fold-moves.c). */
	KG("settles", ID, 0, 3),
};
static const struct kind_field flag_fields[] = {
	KF("family", ID, 0), KF("person", ID, 0),
	KF("code", TEXT, 0), KF("note", TEXT, 0),
	KF("at", INT, 0),
};
static const struct kind_field flag_event_fields[] = {
	KF("flag", ID, 0), KF("what", TEXT, 0),
	KF("note", TEXT, 0), KF("at", INT, 0),
};
static const struct kind_field action_fields[] = {
	KF("family", ID, 0), KF("what", TEXT, 1),
	KF("owner", ID, 1), KF("due", TEXT, 1),
	KY("done"), KM("done_at"),
	/* What was done, said as it was marked done. */
	KG("done_note", TEXT, 1, 7),
	/* Done as not to be done: a huddle's decision undone. */
	KYG("withdrawn", 7),
};
static const struct kind_field huddle_fields[] = {
	KF("locality", ID, 0), KF("day", TEXT, 0),
	KF("since", INT, 0), KF("started", INT, 0),
	KY("ended"), KF("present", TEXT, 1),
	/* Members who sent apologies; guests with no account. */
	KG("apologies", TEXT, 1, 8), KG("guests", TEXT, 1, 8),
};
static const struct kind_field huddle_item_fields[] = {
	KF("huddle", ID, 0), KF("family", ID, 0),
	KF("position", INT, 0), KF("grp", TEXT, 0),
	KF("reasons", TEXT, 0), KF("carried", TEXT, 0),
};
static const struct kind_field huddle_decision_fields[] = {
	KF("item", ID, 0), KF("family", ID, 0),
	KF("kind", TEXT, 0), KF("note", TEXT, 0),
	KF("record", ID, 0), KF("at", INT, 0),
	/* What a lead or a level was before the decision and after it,
	 * for an undoing (huddle-undo.c). */
	KG("before", TEXT, 0, 7), KG("after", TEXT, 0, 7),
};
/* A decision of a running huddle undone, and why. */
static const struct kind_field huddle_undo_fields[] = {
	KG("decision", ID, 0, 7), KG("item", ID, 0, 7),
	KG("family", ID, 0, 7), KG("note", TEXT, 0, 7),
	KG("at", INT, 0, 7),
};
/* A reason of an item of a huddle parked by its decision (huddle-park.c):
 * left off the agenda while its facts are the same; ended when undone. */
static const struct kind_field huddle_park_fields[] = {
	KG("family", ID, 0, 8), KG("item", ID, 0, 8),
	KG("reason", TEXT, 0, 8), KG("facts", TEXT, 0, 8),
	KG("note", TEXT, 0, 8), KG("at", INT, 0, 8),
	{ "ended", KIND_INT, 1, KIND_SHOW_MOMENT, 8 },
};
/* A reason an item of a huddle was on its agenda, as facts
 * (huddle-reason.c); its family is the item's. */
static const struct kind_field huddle_reason_fields[] = {
	KF("item", ID, 0), KF("family", ID, 0),
	KF("position", INT, 0), KF("grp", TEXT, 0),
	KF("kind", TEXT, 0), KF("record_kind", TEXT, 0),
	KF("record", ID, 0), KF("code", TEXT, 0),
	KF("label", TEXT, 0), KF("state", TEXT, 0),
	KF("detail", TEXT, 0), KF("at", INT, 0),
	KF("day", TEXT, 0), KF("due", TEXT, 0),
	KF("who", TEXT, 0), KF("owner", TEXT, 0),
	KF("severity", TEXT, 0), KF("late", INT, 0),
	KF("level", INT, 0), KF("number", INT, 0),
	KF("response", TEXT, 0), KF("carried", INT, 0),
};
/* An entry is never changed (audit.c); the family is the one it tells
 * of, not one whose record it is: it belongs to no family. */
static const struct kind_field audit_fields[] = {
	KF("seq", INT, 0), KF("site", ID, 0),
	KF("at", INT, 0), KF("who", ID, 0),
	KF("what", TEXT, 0), KF("family", ID, 0),
	KF("detail", TEXT, 0), KF("prev", TEXT, 0),
	KF("hash", TEXT, 0),
};
/* A site admitted to the team (its key, as its fingerprint was read
 * out), or revoked after its change last (sync-design.md, "Trust"); or
 * admitted as it was to its change last, whose link is link, when the
 * team got its root (team root). */
static const struct kind_field admission_fields[] = {
	KF("site", ID, 0), KF("what", TEXT, 0),
	KF("key", TEXT, 0), KF("name", TEXT, 0),
	KF("last", INT, 0), KF("link", TEXT, 0),
};

/* The families list's summary of each family's other records. */
static const char *const family_derived[] = {
	"last_contact", "open_referrals", "active_flags", "consent",
	"episode_open", NULL
};
/* The open episode it is one with, opened again apart (fold-derive.c). */
static const char *const episode_derived[] = { "joined", NULL };
/* Whether it is one of a move its referral's rule does not allow. */
static const char *const event_derived[] = { "clash", NULL };
/* Whether no later revision corrects it (or is based on it). */
static const char *const current_derived[] = { "current", NULL };
/* Of its latest event; whether its events make a move not allowed. */
static const char *const referral_derived[] = {
	"status", "status_at", "clash", NULL
};
/* Of its first acknowledgement and resolution. */
static const char *const flag_derived[] = {
	"acked", "acked_by", "resolved", "resolved_by", "resolve_note", NULL
};
static const char *const no_derived[] = { NULL };

/* Its family is named by its column c. */
#define FAMILY(t, c)	c, "SELECT " c " FROM " t " WHERE id = ?1"
/* Of no family, or one reached through another record by sql. */
#define NO_FAMILY	NULL, NULL
#define FAMILY_BY(sql)	NULL, sql

/*
 * Each: etype, label, prefix, fields, append-only, family (column, SQL),
 * reference column, the column that tells apart, derived columns, the
 * generation that added it (kinds.h).
 */
static const struct kind kinds[] = {
	{ "locality", "locality", "L", NF(locality_fields), 0,
	    NO_FAMILY, NULL, "name", no_derived, 1 },
	{ "staff", "member of staff", "S", NF(staff_fields), 0,
	    NO_FAMILY, NULL, "name", no_derived, 1 },
	{ "family", "family", "F", NF(family_fields), 0,
	    FAMILY("family", "id"), NULL, "household", family_derived, 1 },
	{ "episode", "episode", "E", NF(episode_fields), 0,
	    FAMILY("episode", "family"), NULL, "opened", episode_derived, 1 },
	{ "step", "step up or down", "SP", NF(step_fields), 1,
	    FAMILY("step", "family"), NULL, "direction", no_derived, 1 },
	{ "person", "person", "P", NF(person_fields), 0,
	    FAMILY("person", "family"), NULL, "name", no_derived, 1 },
	{ "consent", "consent", "K", NF(consent_fields), 1,
	    FAMILY("consent", "family"), NULL, "state", no_derived, 1 },
	{ "contact", "contact", "C", NF(contact_fields), 1,
	    FAMILY("contact", "family"), "contact", NULL, current_derived, 1 },
	{ "story", "story revision", "ST", NF(story_fields), 0,
	    FAMILY("story", "family"), NULL, "section", current_derived, 1 },
	{ "referral", "referral", "R", NF(referral_fields), 0,
	    FAMILY("referral", "family"), NULL, "service", referral_derived, 1 },
	{ "referral_event", "referral event", "RE",
	    NF(referral_event_fields), 1,
	    FAMILY_BY("SELECT r.family FROM referral_event e JOIN referral "
	    "r ON r.id = e.referral WHERE e.id = ?1"), NULL, "status",
	    event_derived, 1 },
	{ "flag", "red flag", "RF", NF(flag_fields), 1,
	    FAMILY("flag", "family"), NULL, "code", flag_derived, 1 },
	{ "flag_event", "red flag event", "FE", NF(flag_event_fields), 1,
	    FAMILY_BY("SELECT f.family FROM flag_event e JOIN flag f ON "
	    "f.id = e.flag WHERE e.id = ?1"), NULL, "what", no_derived, 1 },
	{ "action", "action", "A", NF(action_fields), 0,
	    FAMILY("action", "family"), NULL, "what", no_derived, 1 },
	{ "huddle", "huddle", "H", NF(huddle_fields), 0,
	    NO_FAMILY, NULL, "day", no_derived, 1 },
	{ "huddle_item", "huddle item", "HI", NF(huddle_item_fields), 1,
	    FAMILY("huddle_item", "family"), NULL, "position", no_derived, 1 },
	{ "huddle_decision", "huddle decision", "HD",
	    NF(huddle_decision_fields), 1,
	    FAMILY("huddle_decision", "family"), NULL, "kind", no_derived, 1 },
	{ "audit", "audit entry", "AU", NF(audit_fields), 1,
	    NO_FAMILY, NULL, "what", no_derived, 1 },
	{ "huddle_reason", "huddle reason", "HR", NF(huddle_reason_fields), 1,
	    FAMILY("huddle_reason", "family"), NULL, "kind", no_derived, 1 },
	{ "admission", "site admission", "AD", NF(admission_fields), 1,
	    NO_FAMILY, NULL, "what", no_derived, 1 },
	{ "huddle_undo", "undone huddle decision", "HU",
	    NF(huddle_undo_fields), 1,
	    FAMILY("huddle_undo", "family"), NULL, "note", no_derived, 7 },
	{ "huddle_park", "parked huddle item", "HP", NF(huddle_park_fields), 0,
	    FAMILY("huddle_park", "family"), NULL, "reason", no_derived, 8 },
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

size_t
kinds_count(void)
{
	return NKINDS;
}

const struct kind *
kinds_at(size_t i)
{
	return i < NKINDS ? &kinds[i] : NULL;
}

const struct kind *
kinds_get(const char *etype)
{
	size_t	i;

	for (i = 0; i < NKINDS; i++)
		if (strcmp(kinds[i].etype, etype) == 0)
			return &kinds[i];
	return NULL;
}

size_t
kinds_index(const struct kind *k)
{
	return (size_t)(k - kinds);
}

int
kinds_family_of(struct store *st, const char *etype, const struct id *id,
    struct id *family)
{
	const struct kind	*k = kinds_get(etype);
	struct query		*q;
	int			 rc;

	memset(family, 0, sizeof *family);
	if (k == NULL || k->family == NULL)
		return 0;
	q = query_prepare(st, k->family);
	query_bind_id(q, 1, id);
	if ((rc = query_step(q)) == 1 && !query_is_null(q, 0))
		*family = query_id(q, 0);
	query_done(q);
	return rc;
}
