/*
 * field-table-refer.c holds the field tables (field.h) of the changes
 * that move a referral on and of those that answer a red flag: referral
 * update, flag ack and flag resolve. Only the words and limits are here;
 * the rules (which moves are allowed, what goes with which status) are
 * referral.c's and flag.c's.
 */
#include <stddef.h>

#include "oneteam/field.h"
#include "oneteam/flag.h"
#include "oneteam/referral.h"

#define RU(f)	offsetof(struct referral_update, f)

/* The status is read by referral.c, which knows the moves allowed; the
 * form offers only those. */
static const struct field_def referral_update_fields[] = {
	[FU_STATUS] = { "status", "new status", "New status", FIELD_LINE, 0,
	    NULL, 0, 1, RU(status), "STATUS",
	    "sent, acknowledged, accepted, declined, completed\n"
	    "or withdrawn; the moves allowed are\n"
	    "draft: sent, withdrawn\n"
	    "sent: acknowledged, accepted, declined, withdrawn\n"
	    "acknowledged: accepted, declined, withdrawn\n"
	    "accepted: completed, withdrawn", NULL, NULL },
	[FU_NOTE] = { "note", "note", "Note", FIELD_TEXT, 0, NULL,
	    ONETEAM_NOTE_MAX, 0, RU(note), "TEXT", "a note of the change",
	    NULL, NULL },
	[FU_OUTCOME] = { "outcome", "outcome", "Outcome", FIELD_TEXT, 0, NULL,
	    ONETEAM_NOTE_MAX, 0, RU(outcome), "TEXT",
	    "what came of it (completed or declined)",
	    "What came of it: needed when it is completed or declined.",
	    NULL },
	[FU_AT] = { "at", "when", NULL, FIELD_WHEN, 0, NULL, 0, 0, RU(at),
	    "WHEN", "when it happened (default: now)", NULL, NULL },
	[FU_DUE] = { "due", "response due", "New answer due by", FIELD_DATE,
	    0, NULL, 0, 0, RU(due), "DATE", "a new date the answer is due",
	    NULL, NULL },
	[FU_BASIS] = { "basis", "basis", "Basis for sharing", FIELD_WORD, 0,
	    field_referral_basis_words, 0, 0, RU(basis), "BASIS",
	    "consent or safeguarding, when a draft is sent", NULL,
	    "(as it is)" },
	[FU_BASIS_REASON] = { "basis_reason", "basis reason",
	    "Why without consent",
	    FIELD_TEXT, 0, NULL, ONETEAM_NOTE_MAX, 0, RU(basis_reason),
	    "TEXT", "why it is shared without consent", NULL, NULL },
};

const struct field_table field_referral_update = {
	"referral", "update", referral_update_fields, FU_N, 0
};

#define FS(f)	offsetof(struct flag_step, f)

static const struct field_def flag_ack_fields[] = {
	[FK_NOTE] = { "note", "note", "Note", FIELD_TEXT, 0, NULL,
	    ONETEAM_NOTE_MAX, 0, FS(note), "TEXT", "a note", NULL, NULL },
};

const struct field_table field_flag_ack = {
	"flag", "ack", flag_ack_fields, FK_N, 0
};

static const struct field_def flag_resolve_fields[] = {
	[FK_NOTE] = { "note", "note of what was done", "What was done",
	    FIELD_TEXT, 0, NULL, ONETEAM_NOTE_MAX, 1, FS(note), "TEXT",
	    "what was done (needed)", NULL, NULL },
};

const struct field_table field_flag_resolve = {
	"flag", "resolve", flag_resolve_fields, FK_N, 0
};
