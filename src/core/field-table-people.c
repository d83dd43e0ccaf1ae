/*
 * field-table-people.c holds the tables of the fields of the changes to
 * a family's people and its record of what happened (field.h): consent
 * record. The core checks a change from its table (field.c), the command
 * line makes its options and --help from it, the screens their form.
 * Only the words and limits are here; the rules are the modules'.
 */
#include <stddef.h>

#include "oneteam/consent.h"
#include "oneteam/field.h"

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

/* The changes described here, for field_table_of(); NULL ends. */
const struct field_table *const field_people_tables[] = {
	&field_consent_record,
	NULL
};
