/*
 * field-table-people.c holds the tables of the fields of the changes to
 * a family's people and its record of what happened (field.h): consent
 * record, person add and set. The core checks a change from its table (field.c), the command
 * line makes its options and --help from it, the screens their form.
 * Only the words and limits are here; the rules are the modules'.
 */
#include <stddef.h>

#include "oneteam/consent.h"
#include "oneteam/field.h"
#include "oneteam/person.h"

static const struct field_word consent_state_words[] = {
	{ CONSENT_GIVEN, "Given: the family agrees to share" },
	{ CONSENT_REFUSED, "Refused" },
	{ CONSENT_WITHDRAWN, "Withdrawn" },
	{ NULL, NULL }
};

#define CN(f)	offsetof(struct consent_new, f)

static const struct field_def consent_record_fields[] = {
	[FC_STATE] = { "state", "decision", "Decision", FIELD_WORD, 0,
	    consent_state_words, 0, 1, CN(state), "STATE",
	    "given, refused or withdrawn", NULL, NULL },
	[FC_BY] = { "by", "who made the decision", "Decided by", FIELD_LINE,
	    0, NULL, ONETEAM_NAME_MAX, 1, CN(given_by), "NAME",
	    "who gave, refused or withdrew it: a parent, a\n"
	    "carer or the young person",
	    "Who gave, refused or withdrew it: a parent or carer, or the "
	    "young person.", NULL },
	[FC_SCOPE] = { "scope", "scope", "What may be shared", FIELD_LINE, 0,
	    NULL, ONETEAM_LINE_MAX, 0, CN(scope), "TEXT",
	    "what may be shared, with whom (needed when\n"
	    "given), such as \"core team professionals\"",
	    "Needed when consent is given: what, and with whom.", NULL },
	[FC_DATE] = { "date", "date of the decision", "Date of the decision",
	    FIELD_DATE, 0, NULL, 0, 0, CN(date), "DATE",
	    "when it was decided (default: today)", NULL, NULL },
	[FC_REVIEW] = { "review", "review date", "Review by", FIELD_DATE, 0,
	    NULL, 0, 0, CN(review), "DATE",
	    "when to review it (after --date)", NULL, NULL },
};

const struct field_table field_consent_record = {
	"consent", "record", consent_record_fields, FC_N, 0
};

/*
 * A person's own fields, which person add and person set share: S is the
 * change's struct, M the int of the markers it sets.
 */
#define PERSON_FIELDS(S, M)						\
	[FP_DOB] = { "dob", "date of birth", "Born", FIELD_DATE, 0, NULL,	\
	    0, 0, offsetof(S, dob), "DATE",				\
	    "date of birth (4/5/2021 or 2021-05-04);\n"		\
	    "for an unborn baby, the due date",				\
	    "Date of birth, or the due date of an unborn baby: 4/5/2021, " \
	    "2021-05-04.", NULL },					\
	[FP_RELATIONSHIP] = { "relationship", "relationship",		\
	    "Relationship", FIELD_LIST, REF_RELATIONSHIPS, NULL, 0, 0,	\
	    offsetof(S, relationship), "REL",				\
	    "mother, father, carer, child, unborn_baby\n"		\
	    "and others (see oneteam(1))", NULL, "(not given)" },	\
	[FP_SCHOOL] = { "school", "school or setting", "School or setting", \
	    FIELD_LINE, 0, NULL, ONETEAM_NAME_MAX, 0, offsetof(S, school), \
	    "TEXT", "school or early years setting", NULL, NULL },	\
	[FP_GP] = { "gp", "GP practice", "GP practice", FIELD_LINE, 0,	\
	    NULL, ONETEAM_NAME_MAX, 0, offsetof(S, gp), "TEXT",		\
	    "GP practice", NULL, NULL },					\
	[FP_SEND] = { "send", "SEND", NULL, FIELD_BIT, 0, NULL, 0, 0,	\
	    offsetof(S, M), NULL,					\
	    "special educational needs or disability", NULL, NULL,	\
	    PERSON_SEND },						\
	[FP_YOUNG_CARER] = { "young_carer", "young carer", NULL,		\
	    FIELD_BIT, 0, NULL, 0, 0, offsetof(S, M), NULL,		\
	    "is a young carer", NULL, NULL, PERSON_YOUNG_CARER },	\
	[FP_LOOKED_AFTER] = { "looked_after", "looked after", NULL,	\
	    FIELD_BIT, 0, NULL, 0, 0, offsetof(S, M), NULL,		\
	    "is looked after by the council (a child)", NULL, NULL,	\
	    PERSON_LOOKED_AFTER },					\
	[FP_CP_PLAN] = { "cp_plan", "child protection plan", NULL,	\
	    FIELD_BIT, 0, NULL, 0, 0, offsetof(S, M), NULL,		\
	    "is on a child protection plan (a child)", NULL, NULL,	\
	    PERSON_CP_PLAN }

static const struct field_def person_add_fields[] = {
	PERSON_FIELDS(struct person_new, markers),
};

const struct field_table field_person_add = {
	"person", "add", person_add_fields, FP_ADD_N, 0
};

#define PC(f)	offsetof(struct person_change, f)

static const struct field_def person_set_fields[] = {
	[FP_NAME] = { "name", "name", "Name", FIELD_LINE, 0, NULL,
	    ONETEAM_NAME_MAX, 1, PC(name), "TEXT", "name", NULL, NULL },
	PERSON_FIELDS(struct person_change, markers_on),
	[FP_NO_SEND] = { "no_send", "SEND", NULL, FIELD_BIT, 0, NULL, 0, 0,
	    PC(markers_off), NULL, "clear the marker --send", NULL, NULL,
	    PERSON_SEND },
	[FP_NO_YOUNG_CARER] = { "no_young_carer", "young carer", NULL,
	    FIELD_BIT, 0, NULL, 0, 0, PC(markers_off), NULL,
	    "clear the marker --young-carer", NULL, NULL,
	    PERSON_YOUNG_CARER },
	[FP_NO_LOOKED_AFTER] = { "no_looked_after", "looked after", NULL,
	    FIELD_BIT, 0, NULL, 0, 0, PC(markers_off), NULL,
	    "clear the marker --looked-after", NULL, NULL,
	    PERSON_LOOKED_AFTER },
	[FP_NO_CP_PLAN] = { "no_cp_plan", "child protection plan", NULL,
	    FIELD_BIT, 0, NULL, 0, 0, PC(markers_off), NULL,
	    "clear the marker --cp-plan", NULL, NULL, PERSON_CP_PLAN },
	[FP_ARCHIVE] = { "archive", "archive", NULL, FIELD_YES, 0, NULL, 0,
	    0, PC(archive), NULL,
	    "left the household (kept, never deleted)", NULL, NULL, 1 },
	[FP_UNARCHIVE] = { "unarchive", "unarchive", NULL, FIELD_YES, 0,
	    NULL, 0, 0, PC(archive), NULL, "is back in the household", NULL,
	    NULL, -1 },
};

const struct field_table field_person_set = {
	"person", "set", person_set_fields, FP_SET_N, 1
};

/* The changes described here, for field_table_of(); NULL ends. */
const struct field_table *const field_people_tables[] = {
	&field_consent_record, &field_person_add, &field_person_set,
	NULL
};
