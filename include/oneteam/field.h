/*
 * The fields of the changes people make, each described once, in the
 * manner of the configuration's option table: a field's name ("basis_reason"),
 * the words a message calls it by ("basis reason"), what a form shows
 * beside it ("Why without consent"), its kind, its reference list, its
 * longest text, whether it is needed, and where its value lies in the
 * change's struct (offsetof). From a change's table the core checks the
 * change (field_read()), the command line makes its options, their --help
 * lines and its checks, and the screens make their form.
 *
 * A refusal of the core names its field (oneteam_refuse_field()) and no
 * option; each front end words it: the command line with the field's
 * option (field_option(): --basis-reason), the screens with the message
 * under the field that has that name.
 */
#ifndef ONETEAM_FIELD_H
#define ONETEAM_FIELD_H

#include <stddef.h>
#include <stdint.h>

#include "oneteam/oneteam.h"

enum field_kind {
	FIELD_LINE,	/* one line of text */
	FIELD_NAME,	/* one line naming someone: nothing in it that
			 * shows nothing (text.h TEXT_NAME), its words
			 * kept one space apart */
	FIELD_TEXT,	/* text of several lines */
	FIELD_DATE,	/* a date: today, +3d, 12/3, 2026-03-12 */
	FIELD_WHEN,	/* a date and an optional time: checked by the module */
	FIELD_LIST,	/* an item of a reference list, by code or label */
	FIELD_NEEDS,	/* items of the needs list, commas between */
	FIELD_WORD,	/* one of the words of the field, or a start of one */
	FIELD_STAFF,	/* a member of staff: checked by the module */
	FIELD_PERSON,	/* a person of the family: checked by the module */
	FIELD_PEOPLE,	/* people of the family, commas between: checked
			 * by the module */
	FIELD_PLACE,	/* a locality by name: checked by the module */
	FIELD_YES,	/* given or not: an int in the struct, not a string */
	FIELD_BIT,	/* given or not: a bit of an int in the struct */
};

/* One of the words of a FIELD_WORD, and what a form shows for it. */
struct field_word {
	const char	*word;		/* "safeguarding" */
	const char	*label;		/* "Safeguarding, without consent" */
};

struct field_def {
	const char		*name;	/* "basis_reason": --basis-reason */
	const char		*label;	/* in messages: "basis reason" */
	const char		*prompt; /* beside it in a form; NULL: not
					  * in the form */
	enum field_kind		 kind;
	enum ref_list		 list;	/* FIELD_LIST */
	const struct field_word	*words;	/* FIELD_WORD: word NULL ends;
					 * FIELD_YES: in a form, its one
					 * word gives it, none does not */
	size_t			 max;	/* bytes of text; 0: by its kind */
	int			 required;
	size_t			 offset; /* of its value in the change */
	const char		*arg;	/* its value in --help: "TEXT" */
	const char		*help;	/* in --help; "\n" between lines */
	const char		*hint;	/* in a form, or NULL */
	const char		*none;	/* in a form: what not giving it
					 * means, or NULL */
	int			 bit;	/* FIELD_BIT: the bit it sets;
					 * FIELD_YES: the value (0: 1) */
};

/* The fields of one change, in the order of --help and the form. */
struct field_table {
	const char		*record;	/* "referral" */
	const char		*change;	/* "raise" */
	const struct field_def	*fields;
	size_t			 n;
	int			 partial;	/* a field not given is left
						 * as it is; needed: not
						 * blank when given */
};

/* Fields of referral raise (referral_new), by index in its table. */
enum {
	FR_SERVICE, FR_REASON, FR_CHILD, FR_NEEDS, FR_URGENCY, FR_BASIS,
	FR_BASIS_REASON, FR_DUE, FR_AT, FR_DRAFT, FR_N
};
extern const struct field_table field_referral_raise;
/* The bases for sharing a referral, which raise and update share. */
extern const struct field_word field_referral_basis_words[];

/* Fields of referral update (referral_update). */
enum {
	FU_STATUS, FU_NOTE, FU_OUTCOME, FU_AT, FU_DUE, FU_BASIS,
	FU_BASIS_REASON, FU_N
};
extern const struct field_table field_referral_update;

/* Fields of flag ack and flag resolve (struct flag_step of flag.h). */
enum { FK_NOTE, FK_N };
extern const struct field_table field_flag_ack;
extern const struct field_table field_flag_resolve;

/* Fields of family add (family_new) and family set (family_change). */
enum {
	FF_HOUSEHOLD, FF_ADDRESS, FF_POSTCODE, FF_LSOA, FF_LOCALITY,
	FF_LEVEL, FF_LEAD, FF_REVIEW, FF_NEEDS, FF_REASON, FF_ADD_N,
	FF_STATUS = FF_ADD_N, FF_END_REASON, FF_SET_N
};
extern const struct field_table field_family_add;
extern const struct field_table field_family_set;

/* Fields of the changes to a family's people and its record of what
 * happened (field-table-people.c). Consent record (consent_new): */
enum { FC_STATE, FC_BY, FC_SCOPE, FC_DATE, FC_REVIEW, FC_N };
extern const struct field_table field_consent_record;
/* Person add (person_new; the name is the command line's argument, not
 * an option) and person set (person_change). */
enum {
	FP_DOB, FP_RELATIONSHIP, FP_SCHOOL, FP_GP, FP_SEND, FP_YOUNG_CARER,
	FP_LOOKED_AFTER, FP_CP_PLAN, FP_ADD_N,
	FP_NAME = FP_ADD_N, FP_NO_SEND, FP_NO_YOUNG_CARER, FP_NO_LOOKED_AFTER,
	FP_NO_CP_PLAN, FP_ARCHIVE, FP_UNARCHIVE, FP_SET_N
};
extern const struct field_table field_person_add;
extern const struct field_table field_person_set;
/* The tables of field-table-people.c, for field_table_of(); NULL ends. */
extern const struct field_table *const field_people_tables[];

/* Fields of action add (action_new). */
enum { FA_WHAT, FA_OWNER, FA_DUE, FA_REASON, FA_N };
extern const struct field_table field_action_add;
/* Fields of action done (struct action_finish of action.h). */
enum { FX_NOTE, FX_N };
extern const struct field_table field_action_done;

/*
 * Fields of the changes that set a team up and of what its huddle and
 * its exports do (field-table-setup.c). Staff add and init (staff_new of
 * staff.h; staff add's name may be its argument too):
 */
enum {
	FS_NAME, FS_ROLE, FS_AGENCY, FS_LOCALITY, FS_COORDINATOR, FS_ADMIN,
	FS_N
};
extern const struct field_table field_staff_add;
/* Huddle decide (huddle_choice of huddle.h): the item and the decision
 * are the command's arguments; what the decision's value is (a lead, a
 * flag, a referral, a level, what is to be done) and its options are
 * fields. */
enum {
	FD_LEAD, FD_FLAG, FD_REFERRAL, FD_LEVEL, FD_WHAT, FD_OWNER, FD_DUE,
	FD_NOTE, FD_REVIEW, FD_WHY, FD_END, FD_N
};
extern const struct field_table field_huddle_decide;
/* Who is at a huddle (struct huddle_attending of huddle.h): who is
 * present is the command's arguments, or ticked on the screen. */
enum { FH_APOLOGIES, FH_GUESTS, FH_N };
extern const struct field_table field_huddle_attend;
/* Huddle undo (struct huddle_undoing of huddle.h). */
enum { FO_NOTE, FO_N };
extern const struct field_table field_huddle_undo;
/* Export summary and export families (export_ask of export.h): what is
 * shared and why. The families named and the file are the command
 * line's own. */
enum { FE_SAFEGUARDING, FE_REASON, FE_LOCALITY, FE_SUMMARY_N = FE_LOCALITY,
	FE_FAMILIES_N };
extern const struct field_table field_export_summary;
extern const struct field_table field_export_families;
/* The tables of field-table-setup.c, for field_table_of(); NULL ends. */
extern const struct field_table *const field_setup_tables[];

/* Fields of flag raise (flag_new). */
enum { FG_CODE, FG_PERSON, FG_NOTE, FG_AT, FG_N };
extern const struct field_table field_flag_raise;

/* Fields of contact add (contact_new) and contact correct
 * (contact_change), and of story edit (story_change of story.h), in
 * field-table-contact.c. */
enum {
	FT_KIND, FT_AT, FT_VENUE, FT_SEEN, FT_SUMMARY, FT_FOLLOW_UP,
	FT_PLANNED, FT_REASON, FT_ADD_N,
	FT_DONE = FT_PLANNED, FT_CORRECT_N
};
extern const struct field_table field_contact_add;
extern const struct field_table field_contact_correct;
enum { FY_TEXT, FY_READ_BACK, FY_N };
extern const struct field_table field_story_edit;
/* The tables of field-table-contact.c, for field_table_of(); NULL ends. */
extern const struct field_table *const field_contact_tables[];

/* The table of a change, by the names of its record and of the change
 * ("referral", "raise"; "" and "init" for init, which adds its first
 * member with staff add's fields), or NULL when none describes it. */
const struct field_table *field_table_of(const char *record,
	     const char *change);

/* A value read from a change by field_read(). */
struct field_val {
	char			*text;	/* trimmed text, an ISO date or the
					 * needs' codes; NULL: not given */
	const struct ref_item	*item;	/* FIELD_LIST: the item */
	size_t			 word;	/* FIELD_WORD: which of the words */
};

/*
 * Check a change against its table and read its values into vals (one
 * for each field, freed with field_vals_free()): each needed field given,
 * each text valid and no longer than its most, each list's item known,
 * each date a date, each word one of its words. The kinds checked by the
 * module (FIELD_WHEN, FIELD_STAFF, FIELD_PERSON, FIELD_PLACE) are left to
 * it. Returns -1 with *cause, naming the field at fault (ot->fault_field).
 */
int	 field_read(struct oneteam *, const struct field_table *,
	     const void *change, struct field_val *vals, char **cause);
void	 field_vals_free(struct field_val *, size_t);
/* Check one value v of a field as field_read() does, into *out (free
 * its text with field_vals_free(out, 1)). */
int	 field_read_value(struct oneteam *, const struct field_def *,
	     const char *v, struct field_val *out, char **cause);
/* The text read, now the caller's to free (NULL: none). */
char	*field_take(struct field_val *);
/* The word of a FIELD_WORD as read, or NULL when the change gives none. */
const char *field_word_of(const struct field_def *, const void *change,
	     const struct field_val *);

/*
 * Name the field of a refusal that another module made (no staff of that
 * name: the lead), as oneteam_refuse_field() would have. Returns -1.
 */
int	 field_fault(struct oneteam *, const char *name);

/* The text of a field in a change, as given (NULL: not given). */
const char *field_get(const struct field_def *, const void *change);
/* Set the text of a field in a change (a FIELD_YES: to 1). */
void	 field_set(const struct field_def *, void *change, const char *);
/* What a person calls a field of a record ("lead professional"), as
 * the first table of that record naming it says, or NULL. */
const char *field_label_of(const char *record, const char *name);
/* The field of a table by name, or NULL. */
const struct field_def *field_find(const struct field_table *,
	     const char *name);

/* The command line's option of a field, "--" and the name with "-" for
 * "_", into buf of len bytes. */
void	 field_option(const char *name, char *buf, size_t len);

#endif
