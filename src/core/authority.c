/*
 * authority.c owns who may set which field of a record (authority.h):
 * the roles a field asks for, which fields are secrets, and which a
 * person may merge by hand when two sites changed them apart.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/access.h"
#include "oneteam/authority.h"
#include "oneteam/family.h"
#include "oneteam/field.h"
#include "oneteam/kinds.h"
#include "oneteam/staff.h"
#include "oneteam/store.h"
#include "oneteam/text.h"

#define CLOSING	"closes a family's early help"

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
	{ "staff", "passhash", AUTH_SELF_OR_MANAGER, "sets another's "
	    "passphrase", 1, NULL },
	{ "family", "lead", AUTH_COORDINATOR, "changes the lead "
	    "professional", 0, NULL },
	{ "family", "level", AUTH_COORDINATOR, "sets a family's level of "
	    "need", 0, NULL },
	{ "family", "status", AUTH_CLOSER, CLOSING, 0, NULL },
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

/* Is whoever is at work an administrator? 1, 0, or -1 with *cause. */
static int
authority_me_admin(struct oneteam *ot, char **cause)
{
	struct staff	me;
	int		admin;

	if (oneteam_need_me(ot, cause) != 0 ||
	    staff_get(ot, &ot->me, &me, cause) != 0)
		return -1;
	admin = me.admin != 0;
	staff_clear(&me);
	return admin;
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
	if (what == NULL)
		what = r->what;
	switch (r->who) {
	case AUTH_WRITER:
		return 0;
	case AUTH_CLOSER:
		if (value == NULL ||
		    text_casecmp(value, FAMILY_STATUS_CLOSED) != 0)
			return 0;
		/* FALLTHROUGH */
	case AUTH_COORDINATOR:
		rc = staff_me_coordinator(ot, cause);
		who = "a coordinator";
		break;
	case AUTH_SELF_OR_MANAGER:
		if (oneteam_need_me(ot, cause) != 0)
			return -1;
		if (id_cmp(&ot->me, entity) == 0)
			return 0;
		/* FALLTHROUGH */
	case AUTH_MANAGER:
		rc = staff_me_manager(ot, cause);
		who = "a coordinator or an administrator";
		break;
	case AUTH_ADMIN:
	default:
		rc = authority_me_admin(ot, cause);
		who = "an administrator";
		break;
	}
	if (rc < 0)
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
	const struct kind	*k = kinds_get(etype);
	struct query		*q;
	struct id		 family;
	int			 rc = 0;

	if (oneteam_need_me(ot, cause) != 0)
		return -1;
	if (k != NULL && k->family != NULL) {
		q = query_prepare(ot->st, k->family);
		query_bind_id(q, 1, entity);
		if ((rc = query_step(q)) == 1 && !query_is_null(q, 0))
			family = query_id(q, 0);
		query_done(q);
		if (rc < 0)
			return oneteam_db_fail(ot, cause);
		if (rc == 1 && access_need_write(ot, &family, cause) != 0)
			return -1;
	}
	return authority_need_role(ot, etype, entity, field, value, NULL,
	    cause);
}
