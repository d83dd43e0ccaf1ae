/*
 * field-table-setup.c holds the field tables (field.h) of the changes
 * that set a team up (staff add, and init, which makes the first member
 * of staff), of what a running huddle decides for an item, and of what
 * an export shares and why. Only the words and limits are here; the
 * rules (who may add staff, which decision needs what, the basis of an
 * export) are staff.c's, huddle-decide.c's and export.c's.
 */
#include <stddef.h>

#include "oneteam/export.h"
#include "oneteam/field.h"
#include "oneteam/huddle.h"
#include "oneteam/staff.h"

#define SN(f)	offsetof(struct staff_new, f)

/* A role and an agency are needed: staff.c says so with the list to
 * choose from, which "is needed" would not. */
static const struct field_def staff_add_fields[] = {
	[FS_NAME] = { "name", "name", "Name", FIELD_NAME, 0, NULL,
	    ONETEAM_NAME_MAX, 1, SN(name), "NAME",
	    "the member of staff's name", NULL, NULL },
	[FS_ROLE] = { "role", "role", "Role", FIELD_LIST, REF_ROLES, NULL, 0,
	    0, SN(role), "ROLE",
	    "role, from the roles list (health visitor, ...)", NULL, NULL },
	[FS_AGENCY] = { "agency", "agency", "Agency", FIELD_LIST,
	    REF_AGENCIES, NULL, 0, 0, SN(agency), "AGENCY",
	    "agency, from the agencies list", NULL, NULL },
	[FS_LOCALITY] = { "locality", "locality", "Locality", FIELD_PLACE, 0,
	    NULL, 0, 0, SN(locality), "NAME",
	    "locality (default: the configured one)", NULL, NULL },
	[FS_COORDINATOR] = { "coordinator", "coordinator", NULL, FIELD_YES,
	    0, NULL, 0, 0, SN(coordinator), NULL,
	    "a locality coordinator", NULL, NULL },
	[FS_ADMIN] = { "administrator", "administrator", NULL, FIELD_YES, 0,
	    NULL, 0, 0, SN(admin), NULL,
	    "manages accounts (init's first member is one)", NULL, NULL },
};

const struct field_table field_staff_add = {
	"staff", "add", staff_add_fields, FS_N, 0
};

/* init makes its first member of staff with staff add's fields: the
 * command of no group, found as record "". */
static const struct field_table field_init = {
	"", "init", staff_add_fields, FS_N, 0
};

#define HC(f)	offsetof(struct huddle_choice, f)

/*
 * What a decision's value is depends on the decision: the lead and the
 * owner are the same member of the choice, as are the flag and the
 * referral. Which are needed is huddle-decide.c's to say, by decision.
 */
static const struct field_def huddle_decide_fields[] = {
	[FD_LEAD] = { "lead", "lead professional", "Lead professional",
	    FIELD_STAFF, 0, NULL, 0, 0, HC(who), "NAME",
	    "lead: who becomes the lead professional (its VALUE)", NULL,
	    NULL },
	[FD_FLAG] = { "flag", "red flag", "Red flag", FIELD_LINE, 0, NULL,
	    0, 0, HC(record), "FLAG",
	    "ack: the red flag (its VALUE; default: the only one\n"
	    "waiting)", NULL, NULL },
	[FD_REFERRAL] = { "referral", "referral", "Referral", FIELD_LINE, 0,
	    NULL, 0, 0, HC(record), "REF",
	    "chase: the referral (its VALUE; default: the only one\n"
	    "waiting for an answer)", NULL, NULL },
	[FD_LEVEL] = { "level", "level of need", "Level", FIELD_LIST,
	    REF_LEVELS, NULL, 0, 0, HC(level), "N",
	    "level: the new level of need, 1 to 4 (its VALUE)", NULL, NULL },
	[FD_WHAT] = { "what", "what is to be done", "What", FIELD_LINE, 0,
	    NULL, ONETEAM_LINE_MAX, 0, HC(what), "TEXT",
	    "action: what is to be done (or its VALUE)", NULL, NULL },
	[FD_OWNER] = { "owner", "owner", "Owner", FIELD_STAFF, 0, NULL, 0,
	    0, HC(who), "NAME", "action, chase, consent, taf: who does it\n"
	    "(consent, taf: its VALUE; default the lead)", NULL, NULL },
	[FD_DUE] = { "due", "due date", "Due", FIELD_DATE, 0, NULL, 0, 0,
	    HC(due), "DATE", "action, chase, consent, taf: by when", NULL,
	    NULL },
	[FD_NOTE] = { "note", "note", "Note", FIELD_LINE, 0, NULL,
	    ONETEAM_LINE_MAX, 0, HC(note), "TEXT",
	    "what was said: the reason of level, the note of ack", NULL,
	    NULL },
	[FD_REVIEW] = { "review", "review date", "Next review", FIELD_DATE, 0,
	    NULL, 0, 0, HC(review), "DATE",
	    "review: the family's next review (its VALUE)", NULL, NULL },
	[FD_WHY] = { "why", "why it goes to the front door", "Why",
	    FIELD_LINE, 0, NULL, ONETEAM_LINE_MAX, 0, HC(why), "TEXT",
	    "front-door: why the front door is asked (its VALUE)",
	    "What the front door is to decide, and why now.", NULL },
	[FD_END] = { "end", "why early help ends", "Why it closes",
	    FIELD_LIST, REF_END_REASONS, NULL, 0, 0, HC(end), "CODE",
	    "close: why early help ends (its VALUE: an end reason)", NULL,
	    NULL },
};

const struct field_table field_huddle_decide = {
	"huddle", "decide", huddle_decide_fields, FD_N, 0
};

#define HA(f)	offsetof(struct huddle_attending, f)

static const struct field_def huddle_attend_fields[] = {
	[FH_APOLOGIES] = { "apologies", "apologies", NULL, FIELD_LINE, 0,
	    NULL, ONETEAM_LINE_MAX, 0, HA(apologies), "NAMES",
	    "members who sent apologies, names separated by\n"
	    "commas (\"\" for none)", NULL, NULL },
	[FH_GUESTS] = { "guests", "guests", "Guests", FIELD_LINE, 0, NULL,
	    ONETEAM_LINE_MAX, 0, HA(guests), "TEXT",
	    "guests with no account, separated by commas (\"\"\n"
	    "for none)", "Names and roles, separated by commas: \"Jo Bell "
	    "(school DSL)\".", NULL },
};

const struct field_table field_huddle_attend = {
	"huddle", "present", huddle_attend_fields, FH_N, 1
};

static const struct field_def huddle_undo_fields[] = {
	[FO_NOTE] = { "note", "why it is undone", "Why", FIELD_LINE, 0, NULL,
	    ONETEAM_LINE_MAX, 0, offsetof(struct huddle_undoing, note),
	    "TEXT", "why the decision is undone (for the minutes)",
	    "For the minutes: \"decided for the wrong family\".", NULL },
};

const struct field_table field_huddle_undo = {
	"huddle", "undo", huddle_undo_fields, FO_N, 0
};

#define EA(f)	offsetof(struct export_ask, f)

/* An export's fields are each optional, but a reason given is a reason
 * written: the tables are partial, so a needed one is one not blank. */

#define EXPORT_REASON_FIELD						\
	[FE_REASON] = { "reason", "reason", NULL, FIELD_LINE, 0, NULL,	\
	    ONETEAM_LINE_MAX, 0, EA(reason), "TEXT",			\
	    "why you export a family that is not of your\n"		\
	    "locality nor one you work with (recorded for the\n"	\
	    "coordinators)", NULL, NULL }

/* Safeguarding, with the words of each export's --help. */
#define EXPORT_SAFEGUARDING_FIELD(help)					\
	[FE_SAFEGUARDING] = { "safeguarding", "the safeguarding reason", \
	    NULL, FIELD_LINE, 0, NULL, ONETEAM_LINE_MAX, 1,		\
	    EA(safeguarding), "REASON", help, NULL, NULL }

static const struct field_def export_summary_fields[] = {
	EXPORT_SAFEGUARDING_FIELD(
	    "share it without consent because a child is at risk\n"
	    "of significant harm (the reason is recorded and\n"
	    "printed)"),
	EXPORT_REASON_FIELD,
};

const struct field_table field_export_summary = {
	"export", "summary", export_summary_fields, FE_SUMMARY_N, 1
};

static const struct field_def export_families_fields[] = {
	EXPORT_SAFEGUARDING_FIELD(
	    "include the families named with --family that have\n"
	    "no consent, because a child is at risk of significant\n"
	    "harm (never for a whole locality)"),
	EXPORT_REASON_FIELD,
	[FE_LOCALITY] = { "locality", "locality", NULL, FIELD_PLACE, 0, NULL,
	    0, 0, EA(locality), "NAME",
	    "the open families of this locality (default: yours)", NULL,
	    NULL },
};

const struct field_table field_export_families = {
	"export", "families", export_families_fields, FE_FAMILIES_N, 1
};

const struct field_table *const field_setup_tables[] = {
	&field_staff_add, &field_init, &field_huddle_decide,
	&field_huddle_undo, &field_huddle_attend,
	&field_export_summary,
	&field_export_families, NULL
};
