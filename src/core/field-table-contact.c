/*
 * field-table-contact.c holds the tables of the fields of the changes to
 * a family's record of what happened and its story (field.h): contact
 * add, contact correct and story edit. The core checks a change from its
 * table (field.c), the command line makes its options and --help from it,
 * the screens their form. Only the words and limits are here; the rules
 * (a contact that happened is not in the future, a read-back date is not)
 * are the modules'.
 */
#include <stddef.h>

#include "oneteam/contact.h"
#include "oneteam/field.h"
#include "oneteam/story.h"

/* What giving --planned means, as a form offers it. */
static const struct field_word contact_planned_words[] = {
	{ "planned", "Planned: it is still to come" },
	{ NULL, NULL }
};

/*
 * The fields of a contact, which contact add and contact correct share: S
 * is the change's struct, KIND_HELP the help of its kind, FOLLOW_UP_HELP
 * that of its follow-up.
 */
#define CONTACT_FIELDS(S, KIND_HELP, FOLLOW_UP_HELP)			\
	[FT_KIND] = { "kind", "kind of contact", "Kind", FIELD_LIST,	\
	    REF_CONTACT_KINDS, NULL, 0, 1, offsetof(S, kind), "KIND",	\
	    KIND_HELP, NULL, NULL },					\
	[FT_AT] = { "at", "time of the contact", "When", FIELD_WHEN, 0,	\
	    NULL, 0, 0, offsetof(S, at), "WHEN",			\
	    "when it happened or will (default: now):\n"		\
	    "14:30, yesterday 2pm, 12/3 9:00, 2026-03-12 14:30", NULL,	\
	    NULL },							\
	[FT_VENUE] = { "venue", "venue", "Where", FIELD_LINE, 0, NULL,	\
	    ONETEAM_NAME_MAX, 0, offsetof(S, venue), "TEXT",		\
	    "where: home, GP surgery, children's centre...", NULL, NULL }, \
	[FT_SEEN] = { "seen", "who was seen", "Who was seen",		\
	    FIELD_PEOPLE, 0, NULL, 0, 0, offsetof(S, seen), "WHO,...",	\
	    "people of the family seen, by name or P- reference", NULL,	\
	    NULL },							\
	[FT_SUMMARY] = { "summary", "summary", "What happened, what next", \
	    FIELD_TEXT, 0, NULL, ONETEAM_NOTE_MAX, 0, offsetof(S, summary), \
	    "TEXT", "what happened (several lines allowed);\n"		\
	    "--summary - reads it from standard input", NULL, NULL },	\
	[FT_FOLLOW_UP] = { "follow_up", "follow-up", "Follow up by",	\
	    FIELD_DATE, 0, NULL, 0, 0, offsetof(S, follow_up), "DATE",	\
	    FOLLOW_UP_HELP, NULL, NULL }

#define CONTACT_FOLLOW_UP_HELP \
	"what next, by when (today, +3d, 12/3, 2026-03-12)"

static const struct field_def contact_add_fields[] = {
	CONTACT_FIELDS(struct contact_new,
	    "home_visit, phone_call, clinic, not_brought,\n"
	    "... (a code, a label or its start)", CONTACT_FOLLOW_UP_HELP),
	[FT_PLANNED] = { "planned", "planned", "Happened?", FIELD_YES, 0,
	    contact_planned_words, 0, 0, offsetof(struct contact_new,
	    planned), NULL, "it has not happened yet (the summary may wait)",
	    NULL, "It happened" },
	[FT_REASON] = { "reason", "reason", NULL, FIELD_LINE, 0, NULL,
	    ONETEAM_LINE_MAX, 0, offsetof(struct contact_new, reason), "TEXT",
	    "why you record for a family that is not of your\n"
	    "locality nor one you work with (recorded for the\n"
	    "coordinators)", NULL, NULL },
};

const struct field_table field_contact_add = {
	"contact", "add", contact_add_fields, FT_ADD_N, 0
};

/* A correction changes only what it gives ("" clears a field). */
static const struct field_def contact_correct_fields[] = {
	CONTACT_FIELDS(struct contact_change, "the kind of contact",
	    CONTACT_FOLLOW_UP_HELP "\n(--follow-up \"\" takes it away)"),
	[FT_DONE] = { "done", "done", NULL, FIELD_YES, 0, NULL, 0, 0,
	    offsetof(struct contact_change, done), NULL,
	    "a planned contact has happened (give the\n"
	    "--summary if it has none)", NULL, NULL },
};

const struct field_table field_contact_correct = {
	"contact", "correct", contact_correct_fields, FT_CORRECT_N, 1
};

#define SC(f)	offsetof(struct story_change, f)

/* The text of a section is called by the section's title in messages
 * (story.c); "text" is its name. */
static const struct field_def story_edit_fields[] = {
	[FY_TEXT] = { "text", "text", "Text", FIELD_TEXT, 0, NULL,
	    ONETEAM_NOTE_MAX, 0, SC(text), "TEXT",
	    "the new text (several lines allowed; \"\" clears it)", NULL,
	    NULL },
	[FY_READ_BACK] = { "read_back", "read back", "Read back on",
	    FIELD_DATE, 0, NULL, 0, 0, SC(read_back), "DATE",
	    "the text was read back to the family that day;\n"
	    "alone, it marks the current text so",
	    "The date it was read back to the family, if it was: today, "
	    "12/3.", NULL },
};

const struct field_table field_story_edit = {
	"story", "edit", story_edit_fields, FY_N, 0
};

/* The changes described here, for field_table_of(); NULL ends. */
const struct field_table *const field_contact_tables[] = {
	&field_contact_add, &field_contact_correct, &field_story_edit, NULL
};
