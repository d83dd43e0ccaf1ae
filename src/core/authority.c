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

/* The role a row asks, against whoever is at work: 1, 0, or -1. */
static int
authority_role(struct oneteam *ot, const struct authority_rule *r,
    const struct id *entity, const char *value, const char **who,
    char **cause)
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
		return staff_me_coordinator(ot, cause);
	case AUTH_SELF_OR_MANAGER:
		if (oneteam_need_me(ot, cause) != 0)
			return -1;
		if (id_cmp(&ot->me, entity) == 0)
			return 1;
		/* FALLTHROUGH */
	case AUTH_MANAGER:
		return staff_me_manager(ot, cause);
	case AUTH_ADMIN:
	default:
		*who = "an administrator";
		return authority_me_admin(ot, cause);
	}
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
