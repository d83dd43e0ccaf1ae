/*
 * tui-forms-house.c: the forms of a household: adding a family from the
 * Families list (its first people follow, one form each), and editing a
 * person of a family (details, markers, left the household). Each saves
 * through one call of the core, as family add and person set do.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/family.h"
#include "oneteam/field.h"
#include "oneteam/person.h"
#include "oneteam/xmalloc.h"
#include "tui-family.h"
#include "tui-forms.h"

/* --- a new family ------------------------------------------------------- */

/*
 * Saved, the family opens in the form's place and the form of its first
 * person is put in front of it: a family is its people.
 */
static char *
house_family_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct family_new	fn;
	struct id		id;
	char			ref[ID_REF_MAX];

	memset(&fn, 0, sizeof fn);
	tui_form_fill(f, &field_family_add, &fn);
	if (family_add(tui_core(t), &fn, &id, cause) != 0)
		return NULL;
	oneteam_ref("family", &id, ref);
	tui_pop(t);
	tui_family_open(t, &id);
	if (tui_family_form(t, 'p') == 0)
		tui_say(t, "Family %s recorded. Add its people, one form each "
		    "(p adds another; Esc when there are no more).", ref);
	*cause = NULL;
	return NULL;
}

/*
 * The fields of family add (field.h) a worker knows at the door: the
 * locality is the configured one, or that of whoever is at work.
 */
void
tui_form_family_add(struct tui *t)
{
	const struct field_def	*fd = field_family_add.fields;
	struct field_def	 reason = fd[FF_REASON], level = fd[FF_LEVEL];
	struct tui_form		*f;

	/* Not said is not said: no level or reason is chosen for them. */
	reason.none = level.none = "(not said)";
	f = tui_form_new(t, "Add a family", NULL, house_family_save);
	tui_form_field(f, &fd[FF_HOUSEHOLD], 0, NULL);
	tui_form_hint(f, 0, "How the team will know them: \"Ahmed family\".");
	tui_form_field(f, &fd[FF_ADDRESS], 0, NULL);
	tui_form_field(f, &fd[FF_POSTCODE], 0, NULL);
	tui_form_field(f, &reason, 0, "");
	tui_form_field(f, &level, 0, "");
	tui_form_field(f, &fd[FF_LEAD], 0, "");
	tui_form_field(f, &fd[FF_REVIEW], 0, NULL);
	tui_form_field(f, &fd[FF_NEEDS], 0, NULL);
	tui_form_open(t, f);
}

/* --- a person ----------------------------------------------------------- */

/* The markers a form shows, each a choice of its own. */
static const struct {
	int		 bit;
	const char	*name;		/* the core's field (field.h) */
	const char	*label;
} house_markers[] = {
	{ PERSON_SEND, "send", "SEND" },
	{ PERSON_YOUNG_CARER, "young_carer", "Young carer" },
	{ PERSON_LOOKED_AFTER, "looked_after", "Looked after" },
	{ PERSON_CP_PLAN, "cp_plan", "Child protection plan" },
};
#define NMARKERS (sizeof house_markers / sizeof house_markers[0])

/* What the person was when the form opened, and where its fields are. */
struct house_person {
	struct person	 p;
	size_t		 marker[NMARKERS];
	size_t		 left;
};

/*
 * A text of the form as person set takes it: NULL when it is as the
 * person had it, "" when one they had was emptied (cleared).
 */
static const char *
house_text(const char *now, const char *had)
{
	if (now == NULL)
		return had != NULL && *had != '\0' ? "" : NULL;
	return had != NULL && strcmp(now, had) == 0 ? NULL : now;
}

/*
 * Save what was changed: the texts as person set takes them, a marker
 * whose choice moved set or cleared, and leaving or coming back to the
 * household. Nothing changed is said so, and nothing is written.
 */
static char *
house_person_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct house_person	*hp = tui_form_data(f);
	const struct person	*p = &hp->p;
	struct person_change	 c;
	size_t			 i;
	int			 on, left;

	memset(&c, 0, sizeof c);
	tui_form_fill(f, &field_person_set, &c);
	c.markers_on = c.markers_off = 0;
	c.archive = 0;
	c.name = house_text(c.name, p->name);
	c.dob = house_text(c.dob, p->dob);
	c.relationship = house_text(c.relationship, p->relationship);
	c.school = house_text(c.school, p->school);
	c.gp = house_text(c.gp, p->gp);
	for (i = 0; i < NMARKERS; i++) {
		on = tui_form_get(f, hp->marker[i]) != NULL;
		if (on && !(p->markers & house_markers[i].bit))
			c.markers_on |= house_markers[i].bit;
		else if (!on && (p->markers & house_markers[i].bit))
			c.markers_off |= house_markers[i].bit;
	}
	left = tui_form_get(f, hp->left) != NULL;
	if (left != p->archived)
		c.archive = left ? 1 : -1;
	/* Nothing to save is no error: the form closes, saying so. */
	if (memcmp(&c, &(struct person_change){ 0 }, sizeof c) == 0)
		return xstrdup("Nothing was changed, so nothing was saved.");
	if (person_change(tui_core(t), &p->id, &c, cause) != 0)
		return NULL;
	return xprintf("%s changed.", p->ref);
}

static void
house_person_free(void *data)
{
	struct house_person	*hp = data;

	person_clear(&hp->p);
	free(hp);
}

/*
 * Edit the person under the cursor (tab 3, People): the fields of person
 * set (field.h) as they are now, a marker each, and whether they are in
 * the household; one who left is kept, never deleted.
 */
void
tui_form_person_edit(struct tui *t, const struct tui_target *tg)
{
	const struct field_def	*fd = field_person_set.fields;
	struct house_person	*hp;
	struct tui_form		*f;
	char			*title, *cause = NULL;
	size_t			 i, k;

	hp = xcalloc(1, sizeof *hp);
	if (person_get(tui_core(t), tg->view, &tg->id, &hp->p, &cause) != 0) {
		tui_fail(t, cause);
		free(hp);
		return;
	}
	title = xprintf("Edit %s, %s", hp->p.ref, hp->p.name);
	f = tui_form_new(t, title, tg, house_person_save);
	free(title);
	tui_form_set_data(f, hp);
	tui_form_set_free(f, house_person_free);
	tui_form_field(f, &fd[FP_NAME], 0, hp->p.name);
	tui_form_field(f, &fd[FP_DOB], 0, hp->p.dob);
	tui_form_field(f, &fd[FP_RELATIONSHIP], 0, hp->p.relationship != NULL ?
	    hp->p.relationship : "");
	tui_form_field(f, &fd[FP_SCHOOL], 0, hp->p.school);
	tui_form_field(f, &fd[FP_GP], 0, hp->p.gp);
	for (k = 0; k < NMARKERS; k++) {
		i = tui_form_add(f, house_markers[k].label, FORM_CHOICE, 0,
		    (hp->p.markers & house_markers[k].bit) ? "1" : "");
		tui_form_name(f, i, house_markers[k].name);
		tui_form_item(f, i, "", "No", NULL);
		tui_form_item(f, i, "1", "Yes", NULL);
		hp->marker[k] = i;
	}
	i = tui_form_add(f, "In the household", FORM_CHOICE, 0,
	    hp->p.archived ? "1" : "");
	tui_form_name(f, i, "archive");
	tui_form_item(f, i, "", "Yes", NULL);
	tui_form_item(f, i, "1", "Has left (kept, never deleted)", NULL);
	hp->left = i;
	tui_form_open(t, f);
}
