/*
 * field-table.c holds the tables of the fields of each change described
 * once (field.h), as the configuration's option table does for options:
 * the core checks a change from its table (field.c), the command line
 * makes its options and --help from it, the screens their form. Only the
 * words and limits are here; the rules are the modules'.
 */
#include <stddef.h>
#include <string.h>

#include "oneteam/action.h"
#include "oneteam/family.h"
#include "oneteam/field.h"
#include "oneteam/flag.h"
#include "oneteam/referral.h"

static const struct field_word referral_urgency_words[] = {
	{ "routine", "Routine" },
	{ "priority", "Priority" },
	{ "urgent", "Urgent" },
	{ NULL, NULL }
};

const struct field_word field_referral_basis_words[] = {
	{ REFERRAL_BASIS_CONSENT, "Consent of the family" },
	{ REFERRAL_BASIS_SAFEGUARDING, "Safeguarding, without consent" },
	{ NULL, NULL }
};

#define RN(f)	offsetof(struct referral_new, f)

static const struct field_def referral_raise_fields[] = {
	[FR_SERVICE] = { "service", "service", "To", FIELD_LIST,
	    REF_SERVICES, NULL, 0, 1, RN(service), "SERVICE",
	    "where it goes: code or name, such as camhs or housing", NULL,
	    NULL },
	[FR_REASON] = { "reason", "reason", "Reason for the referral",
	    FIELD_TEXT, 0, NULL, ONETEAM_NOTE_MAX, 1, RN(reason), "TEXT",
	    "why help is asked for", NULL, NULL },
	[FR_CHILD] = { "child", "child", "About", FIELD_PERSON, 0, NULL, 0,
	    0, RN(child), "WHO",
	    "the person it concerns: P- reference or name", NULL,
	    "(the whole family)" },
	[FR_NEEDS] = { "needs", "needs", "Needs", FIELD_NEEDS, REF_NEEDS,
	    NULL, 0, 0, RN(needs), "LIST",
	    "needs, comma-separated (see oneteam(1))", NULL, NULL },
	[FR_URGENCY] = { "urgency", "urgency", "Urgency", FIELD_WORD, 0,
	    referral_urgency_words, 0, 0, RN(urgency), "URGENCY",
	    "routine (default), priority or urgent", NULL, NULL },
	[FR_BASIS] = { "basis", "basis", "Basis for sharing", FIELD_WORD, 0,
	    field_referral_basis_words, 0, 0, RN(basis), "BASIS",
	    "consent (the family's consent to share is recorded)\n"
	    "or safeguarding (without consent)", NULL, NULL },
	[FR_BASIS_REASON] = { "basis_reason", "basis reason",
	    "Why without consent", FIELD_TEXT, 0, NULL, ONETEAM_NOTE_MAX, 0,
	    RN(basis_reason), "TEXT",
	    "why it is shared without consent (needed with\n"
	    "--basis safeguarding)",
	    "Needed for a safeguarding basis: why the family's consent is "
	    "not sought.", NULL },
	[FR_DUE] = { "due", "response due", "Answer due by", FIELD_DATE, 0,
	    NULL, 0, 0, RN(due), "DATE",
	    "when the answer is due (default: in working days after\n"
	    "sending, the service's response time or 1 if urgent, 5 if\n"
	    "priority, 15 if routine, whichever is sooner)", NULL, NULL },
	[FR_AT] = { "at", "when", NULL, FIELD_WHEN, 0, NULL, 0, 0, RN(at),
	    "WHEN", "when it was sent (default: now)", NULL, NULL },
	[FR_DRAFT] = { "draft", "draft", NULL, FIELD_YES, 0, NULL, 0, 0,
	    RN(draft), NULL, "keep it a draft: no basis needed yet", NULL,
	    NULL },
};

const struct field_table field_referral_raise = {
	"referral", "raise", referral_raise_fields, FR_N, 0
};

/*
 * A family's own fields, which family add and family set share: S is the
 * change's struct. A postcode or an LSOA code is short.
 */
#define FAMILY_FIELDS(S)						\
	[FF_HOUSEHOLD] = { "household", "household name", "Household name", \
	    FIELD_LINE, 0, NULL, ONETEAM_NAME_MAX, 1, offsetof(S, household), \
	    "TEXT", "household name", NULL, NULL },			\
	[FF_ADDRESS] = { "address", "address", "Address", FIELD_LINE, 0, NULL, \
	    ONETEAM_LINE_MAX, 0, offsetof(S, address), "TEXT", "address", \
	    NULL, NULL },						\
	[FF_POSTCODE] = { "postcode", "postcode", "Postcode", FIELD_LINE, 0, \
	    NULL, 16, 0, offsetof(S, postcode), "TEXT", "postcode", NULL, \
	    NULL },							\
	[FF_LSOA] = { "lsoa", "LSOA code", NULL, FIELD_LINE, 0, NULL, 16, \
	    0, offsetof(S, lsoa), "CODE", "LSOA code (census small area)", \
	    NULL, NULL },						\
	[FF_LOCALITY] = { "locality", "locality", NULL, FIELD_PLACE, 0,	\
	    NULL, 0, 0, offsetof(S, locality), "NAME",			\
	    "locality (default: the configured one)", NULL, NULL },	\
	[FF_LEVEL] = { "level", "level of need", "Level of need",	\
	    FIELD_LIST, REF_LEVELS, NULL, 0, 0, offsetof(S, level), "1-4", \
	    "level of need", NULL, NULL },				\
	[FF_LEAD] = { "lead", "lead professional", "Lead professional",	\
	    FIELD_STAFF, 0, NULL, 0, 0, offsetof(S, lead), "NAME",	\
	    "lead professional (\"\" for none)", NULL, "(none)" },	\
	[FF_REVIEW] = { "next_review", "next review", "Next review",	\
	    FIELD_DATE, 0, NULL, 0, 0, offsetof(S, next_review), "DATE",	\
	    "next review (today, +3d, 12/3, 2026-03-12)", NULL, NULL },	\
	[FF_NEEDS] = { "needs", "needs", "Needs", FIELD_NEEDS, REF_NEEDS, \
	    NULL, 0, 0, offsetof(S, needs), "LIST",			\
	    "needs, comma-separated (see oneteam(1))", NULL, NULL }

static const struct field_def family_add_fields[] = {
	FAMILY_FIELDS(struct family_new),
	[FF_REASON] = { "reason", "reason", "Why early help is involved",
	    FIELD_LIST, REF_INVOLVEMENT, NULL, 0, 0,
	    offsetof(struct family_new, reason),
	    "REASON", "why early help is involved", NULL, NULL },
};

const struct field_table field_family_add = {
	"family", "add", family_add_fields, FF_ADD_N, 0
};

static const struct field_word family_status_words[] = {
	{ FAMILY_STATUS_OPEN, "Open: early help is involved" },
	{ FAMILY_STATUS_CLOSED, "Closed" },
	{ NULL, NULL }
};

/* A reason of family set is text for a step, or how early help starts
 * again: the module reads it either way. */
static const struct field_def family_set_fields[] = {
	FAMILY_FIELDS(struct family_change),
	[FF_REASON] = { "reason", "reason", "Why it opens", FIELD_LINE, 0,
	    NULL, ONETEAM_LINE_MAX, 0, offsetof(struct family_change, reason),
	    "TEXT", "why the level changes (needed with --level),\n"
	    "or why early help starts again (reopening: a\n"
	    "reason of the involvement list, see oneteam(1))", NULL,
	    "(it is open already)" },
	[FF_STATUS] = { "status", "status", "Status", FIELD_WORD, 0,
	    family_status_words, 0, 0, offsetof(struct family_change, status),
	    "STATUS", "open or closed", NULL, NULL },
	[FF_END_REASON] = { "end_reason", "end reason", "Why it closes",
	    FIELD_LIST, REF_END_REASONS, NULL, 0, 0,
	    offsetof(struct family_change, end_reason), "CODE",
	    "why it closes (needed with --status closed)", NULL,
	    "(it stays open)" },
};

const struct field_table field_family_set = {
	"family", "set", family_set_fields, FF_SET_N, 1
};

#define AN(f)	offsetof(struct action_new, f)

static const struct field_def action_add_fields[] = {
	[FA_WHAT] = { "what", "what is to be done", "What is to be done",
	    FIELD_LINE, 0, NULL, ONETEAM_LINE_MAX, 1, AN(what), "TEXT",
	    "what is to be done", NULL, NULL },
	[FA_OWNER] = { "owner", "owner", "Who does it", FIELD_STAFF, 0, NULL,
	    0, 1, AN(owner), "NAME", "the member of staff who does it", NULL,
	    NULL },
	[FA_DUE] = { "due", "due date", "By", FIELD_DATE, 0, NULL, 0, 0,
	    AN(due), "DATE", "by when (today, +3d, 12/3, 2026-03-12)", NULL,
	    NULL },
	[FA_REASON] = { "reason", "reason", NULL, FIELD_LINE, 0, NULL,
	    ONETEAM_LINE_MAX, 0, AN(reason), "TEXT",
	    "why you record for a family that is not of your locality\n"
	    "nor one you work with (recorded for the coordinators)", NULL,
	    NULL },
};

const struct field_table field_action_add = {
	"action", "add", action_add_fields, FA_N, 0
};

static const struct field_def action_done_fields[] = {
	[FX_NOTE] = { "note", "what was done", "What was done", FIELD_TEXT,
	    0, NULL, ONETEAM_NOTE_MAX, 0,
	    offsetof(struct action_finish, note), "TEXT",
	    "what was done (the minutes and the chronology say it)",
	    "What was done, for the team: \"Housing officer rang; visit "
	    "booked for Monday.\"", NULL },
};

const struct field_table field_action_done = {
	"action", "done", action_done_fields, FX_N, 0
};

#define FN(f)	offsetof(struct flag_new, f)

static const struct field_def flag_raise_fields[] = {
	[FG_CODE] = { "code", "red flag", "What was seen", FIELD_LIST,
	    REF_RED_FLAGS, NULL, 0, 1, FN(code), "CODE",
	    "the red flag: code or name from the agreed list", NULL, NULL },
	[FG_PERSON] = { "person", "person", "About", FIELD_PERSON, 0, NULL,
	    0, 0, FN(person), "WHO",
	    "the person it concerns: P- reference or name", NULL,
	    "(the whole family)" },
	[FG_NOTE] = { "note", "note", "What you saw or were told", FIELD_TEXT,
	    0, NULL, ONETEAM_NOTE_MAX, 0, FN(note), "TEXT",
	    "what was seen or said", NULL, NULL },
	[FG_AT] = { "at", "when", "When", FIELD_WHEN, 0, NULL, 0, 0, FN(at),
	    "WHEN", "when (default: now)", NULL, NULL },
};

const struct field_table field_flag_raise = {
	"flag", "raise", flag_raise_fields, FG_N, 0
};

/* Every change described, for the front ends to find by name. */
static const struct field_table *const field_tables[] = {
	&field_referral_raise, &field_family_add, &field_family_set,
	&field_action_add, &field_action_done, &field_flag_raise,
	&field_referral_update, &field_flag_ack, &field_flag_resolve, NULL
};

/* Every list of tables, this file's and the others', each ended by NULL. */
static const struct field_table *const *const field_lists[] = {
	field_tables, field_people_tables, field_contact_tables,
	field_setup_tables,
};

/* The table of a change in a list that NULL ends, or NULL. */
static const struct field_table *
field_table_in(const struct field_table *const *list, const char *record,
    const char *change)
{
	for (; *list != NULL; list++)
		if (strcmp((*list)->record, record) == 0 &&
		    strcmp((*list)->change, change) == 0)
			return *list;
	return NULL;
}

const struct field_table *
field_table_of(const char *record, const char *change)
{
	const struct field_table	*ft = NULL;
	size_t				 l;

	for (l = 0; ft == NULL && l < sizeof field_lists /
	    sizeof field_lists[0]; l++)
		ft = field_table_in(field_lists[l], record, change);
	return ft;
}

const char *
field_label_of(const char *record, const char *name)
{
	const struct field_table *const	*list;
	const struct field_def		*fd;
	size_t				 l;

	for (l = 0; l < sizeof field_lists / sizeof field_lists[0]; l++)
		for (list = field_lists[l]; *list != NULL; list++)
			if (strcmp((*list)->record, record) == 0 &&
			    (fd = field_find(*list, name)) != NULL)
				return fd->label;
	return NULL;
}
