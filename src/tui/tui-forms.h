/*
 * Forms: a generic form (tui-form.c) of labelled fields that are checked
 * beside the field before anything is saved, its fields as the core
 * describes them (tui-form-field.c), and the forms of oneteam built on it
 * (tui-forms.c, tui-forms-refer.c, tui-forms-house.c), one function each.
 */
#ifndef ONETEAM_TUI_FORMS_H
#define ONETEAM_TUI_FORMS_H

#include "oneteam/access.h"
#include "tui.h"

/* What a form is about: a family, and the record under the cursor. */
struct tui_target {
	struct id	 family;
	/* The look at it the form reads it by (access.h), of the screen it
	 * was opened from, which outlives the form; NULL: none. */
	const struct family_view *view;
	int		 tab;	/* the tab it was opened from */
	int		 kind;	/* TAB_K_*, 0: no record */
	struct id	 id;
};

enum form_kind {
	FORM_TEXT,	/* one line */
	FORM_LINES,	/* several lines, in the editor: one a form */
	FORM_DATE,	/* a date: today, +3d, 12/3, 2026-03-12 */
	FORM_WHEN,	/* a date and an optional time: today 14:30 */
	FORM_CHOICE,	/* one item of a list, typed to filter */
};

struct tui_form;

/*
 * A new form. save is called with every field checked; it makes the
 * change in one transaction and returns what to say ("Contact C-7K2QX
 * recorded."), or NULL with *cause, which is shown and nothing is lost.
 * A save that pops the form itself (to open another) returns NULL with
 * *cause NULL.
 */
struct tui_form	*tui_form_new(struct tui *, const char *title,
		     const struct tui_target *,
		     char *(*save)(struct tui *, struct tui_form *, char **));
/* Add a field; returns its number. max is in bytes (0: one line's). */
size_t		 tui_form_add(struct tui_form *, const char *label,
		     enum form_kind, int required, const char *initial);
/* Name a field as the core names it (field.h), so that a refusal of the
 * core naming it is shown under it. */
void		 tui_form_name(struct tui_form *, size_t, const char *name);
/* Show a field by another label (a field of a table: not its prompt). */
void		 tui_form_label(struct tui_form *, size_t, const char *label);
/* A hint shown beside a field, under it when there is no room. */
void		 tui_form_hint(struct tui_form *, size_t, const char *);
/* Add an item to a choice field; select it if code matches initial. */
void		 tui_form_item(struct tui_form *, size_t, const char *code,
		     const char *label, const char *detail);
/* Make a choice field a list to tick, its initial text naming those
 * ticked at first (codes, ", " between); its value, those ticked. */
void		 tui_form_ticks(struct tui_form *, size_t);
/* Add a list to tick, initial naming those ticked at first; required:
 * one must be ticked. */
size_t		 tui_form_add_ticks(struct tui_form *, const char *label,
		     int required, const char *initial);
struct field_table;
/* Set in change each field of the table that the form has, as typed. */
void		 tui_form_fill(struct tui_form *, const struct field_table *,
		     void *change);
/* Show the form. */
void		 tui_form_open(struct tui *, struct tui_form *);
/* The value of a field as typed (a choice: its code), NULL when empty. */
const char	*tui_form_get(struct tui_form *, size_t);
const struct tui_target *tui_form_target(const struct tui_form *);
/* The screens the form is shown on. */
struct tui	*tui_form_tui(const struct tui_form *);
/* Data of the form's own, freed with it. */
void		 tui_form_set_data(struct tui_form *, void *);
void		*tui_form_data(const struct tui_form *);
/* Another save for a form made by a maker of forms (tui-huddle.c). */
void		 tui_form_set_save(struct tui_form *, char *(*)(struct tui *,
		     struct tui_form *, char **));
/* What frees the form's data when it closes, if free() will not do. */
void		 tui_form_set_free(struct tui_form *, void (*)(void *));

/* tui-form-field.c: the items and fields that come from the core. */
/* Add every item of a reference list to a choice field. */
void		 tui_form_list(struct tui_form *, size_t, enum ref_list);
/* Add a choice of the family's people, with none first as "". */
size_t		 tui_form_people(struct tui_form *, const char *label,
		     const char *none);
/* Add a choice of the team's staff, initial chosen; none (may be NULL)
 * first as "". */
size_t		 tui_form_staff(struct tui_form *, const char *label,
		     int required, const struct id *initial, const char *none);
/*
 * Add the field of a core's table (field.h) that fd describes: its
 * prompt, kind, list or words, hint and name; needed if the table or
 * flags say so; initial as typed (a member of staff: an S- reference).
 * Returns its number.
 */
#define FORM_NEEDED	0x1	/* needed here, though the core may not */
#define FORM_ONE_LINE	0x2	/* one line here, though the core takes more */
struct field_def;
size_t		 tui_form_field(struct tui_form *, const struct field_def *,
		     int flags, const char *initial);

/* The screen of every form, for the help screen. */
extern const struct tui_screen_ops tui_form_ops;

/* The forms of the Family screen. */
void	 tui_form_contact(struct tui *, const struct tui_target *);
void	 tui_form_story(struct tui *, const struct tui_target *);
/* e: the contact under the cursor corrected, else a story section. */
void	 tui_form_contact_correct(struct tui *, const struct tui_target *);
void	 tui_form_edit(struct tui *, const struct tui_target *);
void	 tui_form_referral(struct tui *, const struct tui_target *);
void	 tui_form_referral_update(struct tui *, const struct tui_target *);
void	 tui_form_flag(struct tui *, const struct tui_target *);
void	 tui_form_flag_ack(struct tui *, const struct tui_target *);
void	 tui_form_flag_resolve(struct tui *, const struct tui_target *);
void	 tui_form_consent(struct tui *, const struct tui_target *);
void	 tui_form_person(struct tui *, const struct tui_target *);
void	 tui_form_person_edit(struct tui *, const struct tui_target *);
/* The History screen of the record under the cursor (tui-history.c). */
void	 tui_history_open(struct tui *, const struct tui_target *);
extern const struct tui_screen_ops tui_history_ops;
/* Add a family from the Families list (tui-forms-house.c). */
void	 tui_form_family_add(struct tui *);
void	 tui_form_family(struct tui *, const struct tui_target *);
void	 tui_form_action(struct tui *, const struct tui_target *);
void	 tui_form_action_done(struct tui *, const struct tui_target *);

#endif
