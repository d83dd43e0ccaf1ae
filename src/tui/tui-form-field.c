/*
 * tui-form-field.c: the fields of a form (tui-form.c) as the core
 * describes them: a field of one of its tables (field.h), made as its
 * kind says, and the choices filled from its lists: a reference list, the
 * family's people, the team's staff, one to choose or several to tick.
 * The form itself (its values, checking, drawing and keys, and the values
 * given back to the core's change) is tui-form.c's; this file makes
 * fields through the form's interface alone.
 */
#include <stdlib.h>

#include "oneteam/field.h"
#include "oneteam/person.h"
#include "oneteam/staff.h"
#include "tui-forms.h"

/* The choice that a list of the core's is added to, item by item. */
struct form_items {
	struct tui_form	*f;
	size_t		 i;	/* the field */
	struct oneteam	*ot;	/* for the labels of codes */
};

void
tui_form_list(struct tui_form *f, size_t i, enum ref_list list)
{
	struct oneteam		*ot = tui_core(tui_form_tui(f));
	const struct ref_item	*it;
	size_t			 k, n = refdata_count(ot->rd, list);

	for (k = 0; k < n; k++) {
		it = refdata_item(ot->rd, list, k);
		tui_form_item(f, i, it->code, it->label, NULL);
	}
}

static int
tui_form_person_item(const struct person *p, void *arg)
{
	struct form_items	*to = arg;

	tui_form_item(to->f, to->i, p->ref, p->name, refdata_label(to->ot->rd,
	    REF_RELATIONSHIPS, p->relationship));
	return 0;
}

size_t
tui_form_people(struct tui_form *f, const char *label, const char *none)
{
	struct tui		*t = tui_form_tui(f);
	struct form_items	 to = { f, 0, tui_core(t) };
	char			*cause = NULL;

	to.i = tui_form_add(f, label, FORM_CHOICE, 0, "");
	tui_form_item(f, to.i, "", none, NULL);
	if (person_list(tui_core(t), tui_form_target(f)->view, 0,
	    tui_form_person_item, &to, &cause) != 0)
		tui_fail(t, cause);
	return to.i;
}

/* A person of the family to tick (who was seen): by reference; one
 * who has left the household may have been seen too, and says so. */
static int
tui_form_tick_person(const struct person *p, void *arg)
{
	struct form_items	*to = arg;

	tui_form_item(to->f, to->i, p->ref, p->name, p->archived ?
	    "left the household" : refdata_label(to->ot->rd,
	    REF_RELATIONSHIPS, p->relationship));
	return 0;
}

static int
tui_form_staff_item(const struct staff *st, void *arg)
{
	struct form_items	*to = arg;
	char			 ref[ID_REF_MAX];

	if (!st->active)
		return 0;
	oneteam_ref("staff", &st->id, ref);
	tui_form_item(to->f, to->i, ref, st->name, refdata_label(to->ot->rd,
	    REF_ROLES, st->role));
	return 0;
}

/* A choice of the team's staff, the one of reference ref chosen. */
static size_t
tui_form_staff_ref(struct tui_form *f, const char *label, int required,
    const char *ref, const char *none)
{
	struct tui		*t = tui_form_tui(f);
	struct form_items	 to = { f, 0, tui_core(t) };
	char			*cause = NULL;

	to.i = tui_form_add(f, label, FORM_CHOICE, required, ref);
	if (none != NULL)
		tui_form_item(f, to.i, "", none, NULL);
	if (staff_list(tui_core(t), tui_form_staff_item, &to, &cause) != 0)
		tui_fail(t, cause);
	return to.i;
}

size_t
tui_form_staff(struct tui_form *f, const char *label, int required,
    const struct id *initial, const char *none)
{
	char	ref[ID_REF_MAX] = "";

	if (initial != NULL && !id_is_zero(initial))
		oneteam_ref("staff", initial, ref);
	return tui_form_staff_ref(f, label, required, ref, none);
}

/* --- fields of the core's tables ---------------------------------------- */

static const enum form_kind tui_form_kinds[] = {
	[FIELD_LINE] = FORM_TEXT,
	[FIELD_NAME] = FORM_TEXT,
	[FIELD_TEXT] = FORM_LINES,
	[FIELD_DATE] = FORM_DATE,
	[FIELD_WHEN] = FORM_WHEN,
	[FIELD_LIST] = FORM_CHOICE,
	[FIELD_NEEDS] = FORM_CHOICE,
	[FIELD_WORD] = FORM_CHOICE,
	[FIELD_STAFF] = FORM_CHOICE,
	[FIELD_PERSON] = FORM_CHOICE,
	[FIELD_PEOPLE] = FORM_CHOICE,
	[FIELD_PLACE] = FORM_TEXT,
	[FIELD_YES] = FORM_CHOICE,
};

/* Ticked from the family's people or the needs, not typed. */
static size_t
tui_form_field_ticks(struct tui_form *f, const struct field_def *fd,
    int required, const char *initial)
{
	struct tui		*t = tui_form_tui(f);
	struct form_items	 to = { f, 0, tui_core(t) };
	char			*cause = NULL;

	to.i = tui_form_add_ticks(f, fd->prompt, required, initial);
	if (fd->kind == FIELD_NEEDS)
		tui_form_list(f, to.i, fd->list);
	else if (person_list(tui_core(t), tui_form_target(f)->view, 1,
	    tui_form_tick_person, &to, &cause) != 0)
		tui_fail(t, cause);
	return to.i;
}

size_t
tui_form_field(struct tui_form *f, const struct field_def *fd, int flags,
    const char *initial)
{
	const struct field_word	*w;
	enum form_kind		 kind = tui_form_kinds[fd->kind];
	size_t			 i;
	int			 required = fd->required ||
				    (flags & FORM_NEEDED);

	if (kind == FORM_LINES && (flags & FORM_ONE_LINE))
		kind = FORM_TEXT;
	if (fd->kind == FIELD_PERSON)
		i = tui_form_people(f, fd->prompt, fd->none);
	else if (fd->kind == FIELD_PEOPLE || fd->kind == FIELD_NEEDS)
		i = tui_form_field_ticks(f, fd, required, initial);
	else if (fd->kind == FIELD_STAFF)
		i = tui_form_staff_ref(f, fd->prompt, required,
		    initial != NULL ? initial : "", fd->none);
	else {
		i = tui_form_add(f, fd->prompt, kind, required, initial);
		if (fd->none != NULL)
			tui_form_item(f, i, "", fd->none, NULL);
	}
	if (fd->kind == FIELD_LIST)
		tui_form_list(f, i, fd->list);
	for (w = fd->words; w != NULL && w->word != NULL; w++)
		tui_form_item(f, i, w->word, w->label, NULL);
	tui_form_name(f, i, fd->name);
	if (fd->hint != NULL)
		tui_form_hint(f, i, fd->hint);
	return i;
}
