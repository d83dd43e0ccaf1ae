/*
 * authority.c owns who may set which field of a record (authority.h):
 * the roles a field asks for, which fields are secrets, and which a
 * person may merge by hand when two sites changed them apart.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/access.h"
#include "oneteam/admission.h"
#include "oneteam/authority.h"
#include "oneteam/family.h"
#include "oneteam/field.h"
#include "oneteam/kinds.h"
#include "oneteam/op.h"
#include "oneteam/signin.h"
#include "oneteam/staff.h"
#include "oneteam/store.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

#define CLOSING	"closes a family's early help"

/* Adding a member of staff: a manager's; one who manages the accounts,
 * an administrator's (staff_add_managed_tx() asks the same). */
static const struct authority_rule authority_staff_add = {
	"staff", "", AUTH_MANAGER, "adds a member of staff", 0, NULL
};
static const struct authority_rule authority_admin_add = {
	"staff", "admin", AUTH_ADMIN, "adds an administrator", 0, NULL
};
/* A site admitted or revoked (admission.c): a new record, always. */
static const struct authority_rule authority_admission = {
	"admission", "", AUTH_ADMIN, "admits or revokes a site", 0, NULL
};

static const struct authority_rule authority_table[] = {
	{ "staff", "name", AUTH_MANAGER, "names a member of staff", 0,
	    NULL },
	{ "staff", "role", AUTH_MANAGER, "sets a member's role", 0, NULL },
	{ "staff", "agency", AUTH_MANAGER, "sets a member's agency", 0,
	    NULL },
	{ "staff", "locality", AUTH_MANAGER, "sets a member's locality", 0,
	    NULL },
	{ "staff", "coordinator", AUTH_MANAGER, "makes a coordinator", 0,
	    NULL },
	{ "staff", "active", AUTH_MANAGER, "disables an account", 0, NULL },
	{ "staff", "admin", AUTH_ADMIN, "makes another", 0, NULL },
	{ "staff", "same_as", AUTH_MANAGER, "merges a member added twice",
	    0, NULL },
	{ "staff", "passhash", AUTH_SELF_OR_MANAGER, "sets another's "
	    "passphrase", 1, NULL },
	{ "family", "lead", AUTH_COORDINATOR, "changes the lead "
	    "professional", 0, NULL },
	{ "family", "level", AUTH_COORDINATOR, "sets a family's level of "
	    "need", 0, NULL },
	{ "family", "status", AUTH_CLOSER, CLOSING, 0, NULL },
	{ "family", "end_reason", AUTH_COORDINATOR, CLOSING, 0, NULL },
	{ "family", "household", AUTH_WRITER, NULL, 0, &field_family_set },
	{ "family", "address", AUTH_WRITER, NULL, 0, &field_family_set },
	{ "episode", "closed", AUTH_COORDINATOR, CLOSING, 0, NULL },
	{ "episode", "end_reason", AUTH_COORDINATOR, CLOSING, 0, NULL },
	{ "person", "name", AUTH_WRITER, NULL, 0, &field_person_set },
	{ "person", "school", AUTH_WRITER, NULL, 0, &field_person_set },
	{ "person", "gp", AUTH_WRITER, NULL, 0, &field_person_set },
	{ "referral", "reason", AUTH_WRITER, NULL, 0, &field_referral_raise },
	{ "referral", "basis_reason", AUTH_WRITER, NULL, 0,
	    &field_referral_update },
	{ "referral", "outcome", AUTH_WRITER, NULL, 0,
	    &field_referral_update },
	{ "action", "what", AUTH_WRITER, NULL, 0, &field_action_add },
};

const struct authority_rule *
authority_rules(size_t *n)
{
	*n = sizeof authority_table / sizeof authority_table[0];
	return authority_table;
}

const struct authority_rule *
authority_rule(const char *etype, const char *field)
{
	size_t	i;

	for (i = 0; i < sizeof authority_table / sizeof authority_table[0];
	    i++)
		if (strcmp(authority_table[i].etype, etype) == 0 &&
		    strcmp(authority_table[i].field, field) == 0)
			return &authority_table[i];
	return NULL;
}

int
authority_secret(const char *etype, const char *field)
{
	const struct authority_rule	*r = authority_rule(etype, field);

	return r != NULL && r->secret;
}

const struct field_def *
authority_merge(const char *etype, const char *field)
{
	const struct authority_rule	*r = authority_rule(etype, field);

	return r != NULL && r->merge != NULL ? field_find(r->merge, field) :
	    NULL;
}

/* Whose authority a rule is asked of, and what it is. */
struct authority_of {
	struct id	who;
	int		admin;
	int		coordinator;
	struct id	locality;	/* where they work */
	int		target_admin;	/* the member an account rule is
					   of is an administrator */
	struct id	target_locality; /* where the member an account
					   rule is of works (zero: none) */
	unsigned	made;		/* the generation of kinds whose
					   rules judge (kinds.h) */
};

/* The rule is of members' accounts: a coordinator keeps only those of
 * their own locality's members. */
static int
authority_of_accounts(const struct authority_rule *r)
{
	return strcmp(r->etype, "staff") == 0 && (r->who == AUTH_MANAGER ||
	    r->who == AUTH_SELF_OR_MANAGER);
}

/*
 * Is the account an administrator's, kept by administrators only? Their
 * key signs admissions, so their passphrase always was; and a coordinator
 * who could disable or merge one, or change their role, could lock the
 * team out of its keeping: every change of their account from generation
 * 9 on (KINDS_GENERATION_ADMINS).
 */
static int
authority_admins_only(const struct authority_rule *r,
    const struct authority_of *a)
{
	return authority_of_accounts(r) && a->target_admin &&
	    (r->who == AUTH_SELF_OR_MANAGER ||
	    a->made >= KINDS_GENERATION_ADMINS);
}

/*
 * Does a rule allow a of setting the field of entity to value? 1 or 0,
 * and *who the role it asks, in words. The one place the rule's roles
 * are read: the commands ask it of whoever is at work now, the fold of
 * a change's author at the change's place (authority_judge()).
 */
static int
authority_allows(const struct authority_rule *r, const struct authority_of *a,
    const struct id *entity, const char *value, const char **who)
{
	*who = "a coordinator or an administrator";
	switch (r->who) {
	case AUTH_WRITER:
		return 1;
	case AUTH_CLOSER:
		if (value == NULL ||
		    text_casecmp(value, FAMILY_STATUS_CLOSED) != 0)
			return 1;
		/* FALLTHROUGH */
	case AUTH_COORDINATOR:
		*who = "a coordinator";
		return a->coordinator;
	case AUTH_SELF_OR_MANAGER:
		if (id_cmp(&a->who, entity) == 0)
			return 1;
		/* FALLTHROUGH */
	case AUTH_MANAGER:
		if (authority_admins_only(r, a)) {
			*who = "an administrator";
			return a->admin;
		}
		if (a->admin)
			return 1;
		/* A coordinator manages their own locality's accounts, an
		 * administrator every one. */
		if (authority_of_accounts(r) &&
		    a->made >= KINDS_GENERATION_ACCOUNTS) {
			*who = "an administrator or a coordinator of the "
			    "member's locality";
			return a->coordinator && !id_is_zero(&a->locality) &&
			    id_cmp(&a->locality, &a->target_locality) == 0;
		}
		return a->coordinator;
	case AUTH_ADMIN:
	default:
		*who = "an administrator";
		return a->admin;
	}
}

/* Whoever is at work, as their record stands now. */
static int
authority_me(struct oneteam *ot, struct authority_of *a, char **cause)
{
	struct staff	me;

	if (oneteam_need_me(ot, cause) != 0 ||
	    staff_get(ot, &ot->me, &me, cause) != 0)
		return -1;
	memset(a, 0, sizeof *a);
	a->who = ot->me;
	a->admin = me.admin != 0;
	a->coordinator = me.coordinator != 0;
	a->locality = me.locality;
	a->made = KINDS_GENERATION;
	staff_clear(&me);
	return 0;
}

/* The role a row asks, against whoever is at work: 1, 0, or -1. */
static int
authority_role(struct oneteam *ot, const struct authority_rule *r,
    const struct id *entity, const char *value, const char **who,
    char **cause)
{
	struct authority_of	a;

	if (r->who == AUTH_WRITER ||
	    (r->who == AUTH_CLOSER && (value == NULL ||
	    text_casecmp(value, FAMILY_STATUS_CLOSED) != 0)))
		return 1;
	if (authority_me(ot, &a, cause) != 0)
		return -1;
	if (authority_of_accounts(r) && entity != NULL) {
		struct staff	target;

		if (staff_get(ot, entity, &target, cause) != 0)
			return -1;
		a.target_admin = target.admin != 0;
		a.target_locality = target.locality;
		staff_clear(&target);
	}
	return authority_allows(r, &a, entity, value, who);
}

int
authority_may(struct oneteam *ot, const char *etype,
    const struct id *entity, const char *field, const char *value,
    char **cause)
{
	const struct authority_rule	*r = authority_rule(etype, field);
	const char			*who;

	return r == NULL ? 1 : authority_role(ot, r, entity, value, &who,
	    cause);
}

int
authority_need_role(struct oneteam *ot, const char *etype,
    const struct id *entity, const char *field, const char *value,
    const char *what, char **cause)
{
	const struct authority_rule	*r = authority_rule(etype, field);
	const char			*who;
	int				 rc;

	if (r == NULL)
		return 0;
	if ((rc = authority_role(ot, r, entity, value, &who, cause)) < 0)
		return -1;
	if (rc == 0)
		return oneteam_refuse(ot, cause, "only %s %s", who,
		    what != NULL ? what : r->what);
	return 0;
}

int
authority_need_to_admit(struct oneteam *ot, const char *what, char **cause)
{
	if (authority_need_admin(ot, what != NULL ? what :
	    authority_admission.what, cause) != 0)
		return -1;
	/* Every site takes it only so signed (authority_signed()). */
	if (store_signer(ot->st, store_author(ot->st)) == NULL)
		return oneteam_refuse(ot, cause, "only an administrator who "
		    "signs with the key a passphrase gives %s: set yours "
		    "(oneteam staff passwd, again if it is from before keys)",
		    what != NULL ? what : authority_admission.what);
	return 0;
}

int
authority_need_admin(struct oneteam *ot, const char *what, char **cause)
{
	const char	*who;
	int		 rc;

	if ((rc = authority_role(ot, &authority_admission, NULL, NULL, &who,
	    cause)) < 0)
		return -1;
	if (rc == 0)
		return oneteam_refuse(ot, cause, "only %s %s", who, what);
	return 0;
}

int
authority_may_set(struct oneteam *ot, const char *etype,
    const struct id *entity, const char *field, const char *value,
    char **cause)
{
	struct id	family;
	int		rc;

	if (oneteam_need_me(ot, cause) != 0)
		return -1;
	if ((rc = kinds_family_of(ot->st, etype, entity, &family)) < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 1 && !id_is_zero(&family) &&
	    access_need_write(ot, &family, cause) != 0)
		return -1;
	return authority_need_role(ot, etype, entity, field, value, NULL,
	    cause);
}

/* --- the rules, checked again by the fold (store.h, struct store_judge) -- */

/* The rule a change asks, or NULL: any writer's. */
static const struct authority_rule *
authority_rule_of(const struct op *op)
{
	const struct authority_rule	*r;
	size_t				 i;

	if (op->kind == OP_NEW) {
		if (strcmp(op->etype, "admission") == 0)
			return &authority_admission;
		if (strcmp(op->etype, "staff") != 0)
			return NULL;
		for (i = 0; i < op->nfields; i++)
			if (strcmp(op->fields[i].name, "admin") == 0 &&
			    op->fields[i].v.type == VAL_INT &&
			    op->fields[i].v.i != 0)
				return &authority_admin_add;
		return &authority_staff_add;
	}
	r = authority_rule(op->etype, op->field);
	return r != NULL && r->who != AUTH_WRITER ? r : NULL;
}

static int
authority_decides(const struct op *op)
{
	return authority_rule_of(op) != NULL;
}

/* A member's roles, whether their account is active, their locality
 * (whose accounts a coordinator keeps) and their key (their
 * passphrase's) are what their changes are judged by. */
static int
authority_bears(const struct op *op, struct id *who)
{
	if (strcmp(op->etype, "staff") != 0 || (op->kind == OP_SET &&
	    strcmp(op->field, "admin") != 0 &&
	    strcmp(op->field, "coordinator") != 0 &&
	    strcmp(op->field, "active") != 0 &&
	    strcmp(op->field, "locality") != 0 &&
	    strcmp(op->field, "passhash") != 0))
		return 0;
	*who = op->entity;
	return 1;
}

/*
 * Changes made by no one are a site's first (init makes its first member
 * and their passphrase, the demo its staff): a member of staff made, or
 * the passphrase of one the site made, before the site's first change
 * made by a member of staff; nothing else; and only at the team's root
 * (by its id, not a copy of it) or in a team from before admission
 * (admission_named()). May op, made by no one, be taken? 1, 0, -1.
 */
static int
authority_by_no_one(struct store *st, const struct op *op)
{
	struct id	origin;
	int		rc;

	if ((rc = store_origin_staffed(st, op)) != 0)
		return rc < 0 ? -1 : 0;
	if (op->kind == OP_SET && strcmp(op->field, "passhash") == 0) {
		if ((rc = store_made_by(st, "staff", &op->entity,
		    &origin)) <= 0)
			return rc;
		if (id_cmp(&origin, &op->origin) != 0)
			return 0;
	} else if (op->kind != OP_NEW || strcmp(op->etype, "staff") != 0)
		return 0;
	return admission_named(st, op);
}

/*
 * Did op's author sign it, with the key their passphrase gave them as it
 * stood at op's place? 1 yes, or they had none (an account with no
 * passphrase yet, or one set before keys, is taken at its word here as
 * at a terminal, but for what keyed says must be signed: a site's
 * admission, which lets in every change a site makes); 0 with *why; -1.
 */
static int
authority_signed(struct store *st, const struct op *op, const struct op *at,
    int keyed, char **why)
{
	uint8_t	 pk[SIGNIN_PK_LEN];
	char	*hash = NULL;
	int	 rc, has;

	if ((rc = store_text_at(st, "staff", &op->author, "passhash", at,
	    &hash)) < 0)
		return rc;
	has = rc == 1 && signin_key_of(hash, pk);
	free(hash);
	if (!has && keyed) {
		*why = xstrdup("a site's admission is taken only signed by an "
		    "administrator's key, and its author had none (no "
		    "passphrase, or one from before keys)");
		return 0;
	}
	if (!has || op_author_verify(op, pk))
		return 1;
	/* Made again after a fork (site recover), as signed: with a key
	 * its author has changed since (no one holds it), or one a change
	 * refused so gave. */
	*why = xstrdup(op->remade ? "made again after its site's history "
	    "forked, signed with a passphrase of its author's that does not "
	    "stand there now: record it again" : op_signed(op) ? "it is not "
	    "signed with the key its author had then" : "its author did not "
	    "sign it: made in their name");
	return 0;
}

/*
 * Where op is judged: at its place in the order, or, for a change its
 * site dates before the change that admitted the site, at that admission.
 * A site's work counts from its admission on (fold-ask.c), and what it
 * dates earlier cannot reach back to before its author had a key or lost
 * a role. *at is op, or *adm filled in: 0, or -1.
 */
static int
authority_place(struct store *st, const struct op *op, struct op *adm,
    const struct op **at)
{
	int	rc;

	*at = op;
	memset(adm, 0, sizeof *adm);
	if ((rc = admission_place(st, op, adm)) <= 0)
		return rc;
	if (adm->hlc > op->hlc || (adm->hlc == op->hlc &&
	    (id_cmp(&adm->origin, &op->origin) > 0 ||
	    (id_cmp(&adm->origin, &op->origin) == 0 && adm->seq > op->seq))))
		*at = adm;
	return 0;
}

/*
 * What rule r asks of the member an account's change is of, as they stood
 * at its place: whether an administrator (a member added is not yet),
 * and, for a change of generation 6 on, where they and its author work
 * (a member added: the locality it names). 0, or -1.
 */
static int
authority_target(struct store *st, const struct op *op,
    const struct authority_rule *r, const struct op *at,
    const struct op *adm, struct authority_of *a)
{
	int64_t	v = 0;
	size_t	i;

	/*
	 * The rules of the generation the change says made it, but never
	 * older than those of the change that admitted its site: a site
	 * admitted by a build of generation 9 runs one, so a change of it
	 * saying 8 is not let off the rules of 9 (a site of a colleague's
	 * that labels its changes older, to be judged by older rules).
	 */
	a->made = op->made > adm->made ? op->made : adm->made;
	if (!authority_of_accounts(r))
		return 0;
	if (op->kind != OP_NEW) {
		if (store_int_at(st, "staff", &op->entity, "admin", at, 0,
		    &v) < 0)
			return -1;
		a->target_admin = v != 0;
	}
	if (a->made < KINDS_GENERATION_ACCOUNTS)
		return 0;
	if (store_id_at(st, "staff", &op->author, "locality", at,
	    &a->locality) < 0)
		return -1;
	if (op->kind != OP_NEW)
		return store_id_at(st, "staff", &op->entity, "locality", at,
		    &a->target_locality) < 0 ? -1 : 0;
	for (i = 0; i < op->nfields; i++)
		if (strcmp(op->fields[i].name, "locality") == 0 &&
		    op->fields[i].v.type == VAL_ID)
			a->target_locality = op->fields[i].v.id;
	return 0;
}

/* A change made by no one, under rule r: 1, 0 with *why, or -1. */
static int
authority_judge_no_one(struct store *st, const struct op *op,
    const struct authority_rule *r, char **why)
{
	int	rc;

	if ((rc = authority_by_no_one(st, op)) != 0)
		return rc;
	if ((rc = admission_named(st, op)) < 0)
		return -1;
	if (rc == 0)
		*why = xstrdup("made by no one at a site other than the team's "
		    "root: a site brings no staff of its own");
	else
		xasprintf(why, "only a member of staff %s, and no member of "
		    "staff made it", r->what);
	return 0;
}

static int
authority_judge(struct store *st, const struct op *op, char **why)
{
	const struct authority_rule	*r = authority_rule_of(op);
	struct authority_of		 a;
	struct op			 adm;
	const struct op			*at;
	const char			*who, *value = NULL;
	int64_t				 v;
	int				 rc;

	if (r == NULL)
		return 1;
	if (id_is_zero(&op->author) &&
	    (rc = authority_judge_no_one(st, op, r, why)) >= 0)
		return rc;
	if (id_is_zero(&op->author))
		goto fail;
	memset(&a, 0, sizeof a);
	a.who = op->author;
	if (authority_place(st, op, &adm, &at) != 0 ||
	    (rc = store_int_at(st, "staff", &op->author, "admin", at, 0,
	    &v)) < 0)
		goto fail;
	if (rc == 0) {
		xasprintf(why, "its author was not a member of staff when it "
		    "was made");
		return 0;
	}
	a.admin = v != 0;
	if (authority_target(st, op, r, at, &adm, &a) != 0)
		goto fail;
	if ((rc = authority_signed(st, op, at, 0, why)) <= 0) {
		if (rc < 0)
			goto fail;
		return 0;
	}
	if (store_int_at(st, "staff", &op->author, "coordinator", at, 0,
	    &v) < 0)
		goto fail;
	a.coordinator = v != 0;
	/* A disabled account's authority ends with it (a lost laptop still
	 * signed in as them gains nothing). */
	if (store_int_at(st, "staff", &op->author, "active", at, 1, &v) < 0)
		goto fail;
	if (v == 0) {
		xasprintf(why, "its author's account was disabled when it was "
		    "made");
		return 0;
	}
	if (op->kind == OP_SET && op->value.type == VAL_TEXT)
		value = op->value.s;
	if (!authority_allows(r, &a, &op->entity, value, &who)) {
		xasprintf(why, "only %s %s", who, r->what);
		return 0;
	}
	/* Signed with a key, for a site's admission lets in all it makes;
	 * one site revokes, so that two cannot revoke each other. */
	if (r == &authority_admission) {
		if ((rc = authority_signed(st, op, at, 1, why)) <= 0) {
			if (rc < 0)
				goto fail;
			return 0;
		}
		if ((rc = admission_revoker(st, op)) < 0)
			goto fail;
		if (rc == 0) {
			*why = xstrdup("a site is revoked only at the site that "
			    "made the team");
			return 0;
		}
	}
	return 1;
fail:
	*why = xstrdup("the database failed while a change was judged");
	return -1;
}

static int
authority_place_of(struct store *st, const struct op *op, struct op *at)
{
	struct op	 adm;
	const struct op	*p;

	if (authority_place(st, op, &adm, &p) != 0)
		return -1;
	at->hlc = p->hlc;
	at->origin = p->origin;
	at->seq = p->seq;
	return 0;
}

static const struct store_judge authority_judge_rules = {
	authority_decides, authority_bears, authority_judge,
	admission_site, admission_admits,
	authority_place_of,
};

const struct store_judge *
authority_judge_of(void)
{
	return &authority_judge_rules;
}

/* --- the changes refused, as people read them ----------------------------- */

struct refused_arg {
	struct oneteam	 *ot;
	int		(*fn)(const struct authority_refusal *, void *);
	void		 *arg;
};

static int
authority_refused_one(const struct store_refusal *r, void *arg)
{
	struct refused_arg		*a = arg;
	struct authority_refusal	 out;
	const struct kind		*k = kinds_get(r->etype);
	int				 stop;

	memset(&out, 0, sizeof out);
	out.at = r->at;
	out.site = site_label(a->ot->st, &r->origin);
	out.seq = r->seq;
	out.who = oneteam_staff_name(a->ot, &r->author);
	out.kind = k != NULL ? k->label : r->etype;
	out.field = r->field;
	out.why = r->why;
	oneteam_ref(r->etype, &r->entity, out.ref);
	/* One wording for check and the Conflicts screen. */
	out.what = r->field != NULL ? xprintf("%s of %s %s", r->field,
	    out.kind, out.ref) : xprintf("a new %s %s", out.kind, out.ref);
	stop = a->fn(&out, a->arg);
	free(out.site);
	free(out.who);
	free(out.what);
	return stop;
}

int
authority_refused(struct oneteam *ot,
    int (*fn)(const struct authority_refusal *, void *), void *arg,
    char **cause)
{
	struct refused_arg	a = { ot, fn, arg };

	if (store_refused_each(ot->st, authority_refused_one, &a, cause) != 0)
		return oneteam_db_fail(ot, cause);
	return 0;
}
