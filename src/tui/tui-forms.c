/*
 * tui-forms.c: the forms of a family's day-to-day record: logging a
 * contact, writing a section of the story, adding a person, recording
 * consent, changing the level, lead professional or status, and actions.
 * Each builds a generic form (tui-form.c) and saves through one call of
 * the core; referrals and flags are in tui-forms-refer.c.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/action.h"
#include "oneteam/authority.h"
#include "oneteam/consent.h"
#include "oneteam/contact.h"
#include "oneteam/family.h"
#include "oneteam/field.h"
#include "oneteam/person.h"
#include "oneteam/staff.h"
#include "oneteam/story.h"
#include "oneteam/xmalloc.h"
#include "tui-family.h"
#include "tui-forms.h"

/* Say what was recorded, with its reference. */
static char *
forms_done(const char *what, const char *kind, const struct id *id)
{
	char	ref[ID_REF_MAX];

	oneteam_ref(kind, id, ref);
	return xprintf("%s %s recorded.", what, ref);
}

/* --- a contact ------------------------------------------------------------ */

static char *
forms_contact_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct contact_new	cn;
	struct id		id;

	memset(&cn, 0, sizeof cn);
	tui_form_fill(f, &field_contact_add, &cn);
	if (contact_add(tui_core(t), &tui_form_target(f)->family, &cn, &id,
	    cause) != 0)
		return NULL;
	return forms_done("Contact", "contact", &id);
}

/* The fields of contact add (field.h), in the order a worker tells it. */
void
tui_form_contact(struct tui *t, const struct tui_target *tg)
{
	const struct field_def	*fd = field_contact_add.fields;
	struct tui_form		*f;

	f = tui_form_new(t, "Log a contact", tg, forms_contact_save);
	tui_form_field(f, &fd[FT_KIND], 0, "");
	tui_form_field(f, &fd[FT_AT], FORM_NEEDED, "now");
	tui_form_field(f, &fd[FT_PLANNED], 0, "");
	tui_form_field(f, &fd[FT_VENUE], 0, NULL);
	tui_form_field(f, &fd[FT_SEEN], 0, NULL);
	tui_form_field(f, &fd[FT_FOLLOW_UP], 0, NULL);
	tui_form_field(f, &fd[FT_SUMMARY], 0, NULL);
	tui_form_open(t, f);
}

/* Which of a contact's texts it had when its correction began. */
struct forms_correct {
	int	venue, seen, follow_up;
};

/* Save a correction: a new revision, the original kept, as on the
 * command line (contact correct); a text emptied is taken away. */
static char *
forms_correct_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct forms_correct	*had = tui_form_data(f);
	struct contact_change	 c;
	char			*note = NULL, *done;

	memset(&c, 0, sizeof c);
	tui_form_fill(f, &field_contact_correct, &c);
	if (c.venue == NULL && had->venue)
		c.venue = "";
	if (c.seen == NULL && had->seen)
		c.seen = "";
	if (c.follow_up == NULL && had->follow_up)
		c.follow_up = "";
	if (contact_correct(tui_core(t), &tui_form_target(f)->id, &c, &note,
	    cause) != 0)
		return NULL;
	done = note != NULL ? xprintf("Contact corrected (%s).", note) :
	    xstrdup("Contact corrected: the original is kept (Chronology "
	    "and contact list --all show both).");
	free(note);
	return done;
}

/* The references of who was seen, from their ids (", " between). */
static char *
forms_seen_refs(const char *ids)
{
	char		*all, *rest, *one, *refs = NULL, *next;
	char		 ref[ID_REF_MAX];
	struct id	 id;

	rest = all = xstrdup(ids != NULL ? ids : "");
	while ((one = strsep(&rest, ",")) != NULL) {
		if (*one == '\0' || id_from_base32(one, &id) != 0)
			continue;
		oneteam_ref("person", &id, ref);
		next = xprintf("%s%s%s", refs != NULL ? refs : "",
		    refs != NULL ? ", " : "", ref);
		free(refs);
		refs = next;
	}
	free(all);
	return refs;
}

/*
 * Correct the contact under the cursor: its fields as they are now, a
 * field cleared or changed becomes the correction; when it happened
 * stays as it was unless given.
 */
void
tui_form_contact_correct(struct tui *t, const struct tui_target *tg)
{
	const struct field_def	*fd = field_contact_correct.fields;
	struct forms_correct	*had;
	struct tui_form		*f;
	struct contact		 c;
	char			*title, *refs, *cause = NULL;
	size_t			 i;

	if (tg->kind != TAB_K_CONTACT) {
		tui_fail(t, xstrdup("put the cursor on a contact first (tab "
		    "4, Contacts)"));
		return;
	}
	if (contact_get(tui_core(t), tg->view, &tg->id, &c, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	title = xprintf("Correct contact %s (the original is kept)", c.ref);
	f = tui_form_new(t, title, tg, forms_correct_save);
	free(title);
	had = xcalloc(1, sizeof *had);
	had->venue = c.venue != NULL && *c.venue != '\0';
	had->seen = c.seen != NULL && *c.seen != '\0';
	had->follow_up = c.follow_up != NULL && *c.follow_up != '\0';
	tui_form_set_data(f, had);
	tui_form_field(f, &fd[FT_KIND], 0, c.kind);
	i = tui_form_field(f, &fd[FT_AT], 0, NULL);
	tui_form_hint(f, i, "leave empty to keep when it happened");
	tui_form_field(f, &fd[FT_VENUE], 0, c.venue);
	/* Who was seen, ticked by reference: names may repeat or hold a
	 * comma. */
	refs = forms_seen_refs(c.seen_ids);
	tui_form_field(f, &fd[FT_SEEN], 0, refs);
	free(refs);
	tui_form_field(f, &fd[FT_FOLLOW_UP], 0, c.follow_up);
	tui_form_field(f, &fd[FT_SUMMARY], 0, c.summary);
	if (c.planned) {
		i = tui_form_add(f, "Happened?", FORM_CHOICE, 0, "");
		tui_form_name(f, i, fd[FT_DONE].name);
		tui_form_item(f, i, "", "Still planned", NULL);
		tui_form_item(f, i, "1", "It has happened now", NULL);
	}
	contact_clear(&c);
	tui_form_open(t, f);
}

/* --- a section of the story ---------------------------------------------- */

struct forms_story {
	enum story_section	 section;
};

static char *
forms_story_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct forms_story	*fs = tui_form_data(f);
	struct story_change	 c;

	memset(&c, 0, sizeof c);
	tui_form_fill(f, &field_story_edit, &c);
	if (story_edit(tui_core(t), &tui_form_target(f)->family, fs->section,
	    &c, cause) != 0)
		return NULL;
	return xprintf("\"%s\" saved.", story_section_title(fs->section));
}

/* The current text, both versions when two sites wrote it at once. */
static int
forms_story_text(const struct story_rev *r, void *arg)
{
	char	**text = arg, *next;

	if (**text == '\0')
		next = xstrdup(r->body);
	else
		next = xprintf("%s\n\n--- the other version, by %s ---\n%s",
		    *text, r->author_name, r->body);
	free(*text);
	*text = next;
	return 0;
}

static void
forms_story_open(struct tui *t, const struct tui_target *tg,
    enum story_section sec)
{
	const struct field_def	*fd = field_story_edit.fields;
	struct forms_story	*fs = xcalloc(1, sizeof *fs);
	struct tui_form		*f;
	char			*text = xstrdup(""), *title, *cause = NULL;
	size_t			 i;

	fs->section = sec;
	if (story_get(tui_core(t), tg->view, sec, forms_story_text, &text,
	    &cause) != 0) {
		tui_fail(t, cause);
		free(text);
		free(fs);
		return;
	}
	title = xprintf("The family's story: %s", story_section_title(sec));
	f = tui_form_new(t, title, tg, forms_story_save);
	tui_form_set_data(f, fs);
	/* The text of story edit (field.h), by the section's title. */
	i = tui_form_field(f, &fd[FY_TEXT], 0, text);
	tui_form_label(f, i, story_section_title(sec));
	tui_form_field(f, &fd[FY_READ_BACK], 0, NULL);
	free(title);
	free(text);
	tui_form_open(t, f);
}

/* Choosing which section, when the cursor is not on one. */
static char *
forms_section_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct tui_target	tg = *tui_form_target(f);
	enum story_section	sec;

	if (story_section_find(tui_core(t), tui_form_get(f, 0), &sec,
	    cause) != 0)
		return NULL;
	/* This form is done: the section's own form takes its place. */
	tui_pop(t);
	forms_story_open(t, &tg, sec);
	*cause = NULL;
	return NULL;
}

void
tui_form_edit(struct tui *t, const struct tui_target *tg)
{
	if (tg->kind == TAB_K_CONTACT)
		tui_form_contact_correct(t, tg);
	else if (tg->kind == TAB_K_PERSON)
		tui_form_person_edit(t, tg);
	else
		tui_form_story(t, tg);
}

void
tui_form_story(struct tui *t, const struct tui_target *tg)
{
	struct tui_form		*f;
	enum story_section	 sec;
	size_t			 i;

	if (tg->kind >= TAB_K_STORY &&
	    tg->kind < TAB_K_STORY + STORY_NSECTIONS) {
		forms_story_open(t, tg, (enum story_section)(tg->kind -
		    TAB_K_STORY));
		return;
	}
	f = tui_form_new(t, "Which part of the story?", tg,
	    forms_section_save);
	i = tui_form_add(f, "Section", FORM_CHOICE, 1, "");
	for (sec = 0; sec < STORY_NSECTIONS; sec++)
		tui_form_item(f, i, story_section_code(sec),
		    story_section_title(sec), NULL);
	tui_form_open(t, f);
}

/* --- a person ----------------------------------------------------------------- */

static char *
forms_person_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct person_new	pn;
	struct id		id;

	memset(&pn, 0, sizeof pn);
	pn.name = tui_form_get(f, 0);
	tui_form_fill(f, &field_person_add, &pn);
	if (person_add(tui_core(t), &tui_form_target(f)->family, &pn, &id,
	    cause) != 0)
		return NULL;
	return forms_done("Person", "person", &id);
}

void
tui_form_person(struct tui *t, const struct tui_target *tg)
{
	const struct field_def	*fd = field_person_add.fields;
	struct tui_form		*f;
	size_t			 i;

	f = tui_form_new(t, "Add a person to the household", tg,
	    forms_person_save);
	/* The name, the command line's argument, is first and by itself. */
	i = tui_form_add(f, "Name", FORM_TEXT, 1, NULL);
	tui_form_name(f, i, "name");
	tui_form_field(f, &fd[FP_DOB], 0, NULL);
	tui_form_field(f, &fd[FP_RELATIONSHIP], 0, "");
	tui_form_field(f, &fd[FP_SCHOOL], 0, NULL);
	tui_form_field(f, &fd[FP_GP], 0, NULL);
	tui_form_open(t, f);
}

/* --- consent ------------------------------------------------------------------ */

static char *
forms_consent_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct consent_new	cn;
	struct id		id;

	memset(&cn, 0, sizeof cn);
	tui_form_fill(f, &field_consent_record, &cn);
	if (consent_record(tui_core(t), &tui_form_target(f)->family, &cn,
	    &id, cause) != 0)
		return NULL;
	return xprintf("Consent recorded: %s.", cn.state);
}

void
tui_form_consent(struct tui *t, const struct tui_target *tg)
{
	const struct field_def	*fd = field_consent_record.fields;
	struct tui_form		*f;

	f = tui_form_new(t, "Record the family's decision on sharing", tg,
	    forms_consent_save);
	tui_form_field(f, &fd[FC_STATE], 0, "");
	tui_form_field(f, &fd[FC_BY], 0, NULL);
	tui_form_field(f, &fd[FC_SCOPE], 0, NULL);
	tui_form_field(f, &fd[FC_DATE], 0, "today");
	tui_form_field(f, &fd[FC_REVIEW], 0, NULL);
	tui_form_open(t, f);
}

/* --- level, lead professional, status ----------------------------------------- */

/* What the family's form shows, for its save. */
struct family_form {
	int	lead;		/* the lead professional is on it */
};

/*
 * Save what was changed: a level or a status chosen as it was is no
 * change (the core would refuse to open an open family), and an empty
 * choice of lead professional, where there is one, takes the lead away.
 */
static char *
forms_family_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct family_form	*ff = tui_form_data(f);
	struct family_change	 fc;
	struct family		 old;
	const struct id		*id = &tui_form_target(f)->family;
	char			 level[8], lead[ID_REF_MAX] = "";

	memset(&fc, 0, sizeof fc);
	tui_form_fill(f, &field_family_set, &fc);
	if (family_get(tui_core(t), tui_form_target(f)->view, &old,
	    cause) != 0)
		return NULL;
	snprintf(level, sizeof level, "%d", old.level);
	if (!id_is_zero(&old.lead))
		oneteam_ref("staff", &old.lead, lead);
	if (fc.level != NULL && strcmp(fc.level, level) == 0)
		fc.level = NULL;
	if (fc.status != NULL && old.status != NULL &&
	    strcmp(fc.status, old.status) == 0)
		fc.status = NULL;
	if (fc.next_review != NULL && old.next_review != NULL &&
	    strcmp(fc.next_review, old.next_review) == 0)
		fc.next_review = NULL;
	if (fc.lead != NULL && strcmp(fc.lead, lead) == 0)
		fc.lead = NULL;
	else if (ff->lead && fc.lead == NULL && *lead != '\0')
		fc.lead = "";
	family_clear(&old);
	/* Nothing to save is no error: the form closes, saying so. */
	if (memcmp(&fc, &(struct family_change){ 0 }, sizeof fc) == 0)
		return xstrdup("Nothing was changed, so nothing was saved.");
	if (family_change(tui_core(t), id, &fc, cause) != 0)
		return NULL;
	return xstrdup("Family changed.");
}

/*
 * The family's form, of the fields of family set (field.h), with those
 * whoever is at work may set (authority.h): the level and the lead are a
 * coordinator's, closing too; anyone may set the next review, and open
 * again a closed family. The reason is the level's (words) on an open
 * family, and why early help starts again (a reason of the list of
 * involvement) on a closed one.
 */
void
tui_form_family(struct tui *t, const struct tui_target *tg)
{
	const struct field_def	*fd = field_family_set.fields;
	struct family_form	*ff;
	struct tui_form		*f;
	struct family		 fam;
	char			 level[8], lead[ID_REF_MAX] = "", *cause = NULL;
	char			*name, *label;
	size_t			 i;
	int			 steps, closes, closed;

	if (family_get(tui_core(t), tg->view, &fam, &cause) != 0 ||
	    (steps = authority_may(tui_core(t), "family", &tg->family,
	    "level", NULL, &cause)) < 0 ||
	    (closes = authority_may(tui_core(t), "family", &tg->family,
	    "status", FAMILY_STATUS_CLOSED, &cause)) < 0) {
		tui_fail(t, cause);
		return;
	}
	closed = fam.status != NULL &&
	    strcmp(fam.status, FAMILY_STATUS_CLOSED) == 0;
	f = tui_form_new(t, steps ? "Level of need, lead professional, "
	    "status" : closed ? "Next review, or open it again (a "
	    "coordinator changes the level and the lead)" : "Next review (a "
	    "coordinator changes the level, lead and status)", tg,
	    forms_family_save);
	ff = xcalloc(1, sizeof *ff);
	ff->lead = steps;
	tui_form_set_data(f, ff);
	snprintf(level, sizeof level, "%d", fam.level);
	if (!id_is_zero(&fam.lead))
		oneteam_ref("staff", &fam.lead, lead);
	/* A closed family's level moves when it opens again. */
	if (steps && !closed)
		tui_form_field(f, &fd[FF_LEVEL], 0, level);
	if (steps) {
		i = tui_form_field(f, &fd[FF_LEAD], 0, lead);
		/* A lead whose account is disabled is not among those to
		 * choose: shown as it is, so that saving keeps it. */
		if (*lead != '\0' && tui_form_get(f, i) == NULL) {
			name = oneteam_staff_name(tui_core(t), &fam.lead);
			label = xprintf("%s (account disabled)", name);
			tui_form_item(f, i, lead, label, NULL);
			free(label);
			free(name);
		}
	}
	if (closed || closes)
		tui_form_field(f, &fd[FF_STATUS], FORM_NEEDED, fam.status);
	tui_form_field(f, &fd[FF_REVIEW], 0, fam.next_review);
	if (!closed && closes)
		tui_form_field(f, &fd[FF_END_REASON], 0, "");
	if (!closed && steps) {
		/* The table's "none" is the choice's, on a closed one. */
		i = tui_form_add(f, "Reason for the step", FORM_TEXT, 0,
		    "");
		tui_form_name(f, i, fd[FF_REASON].name);
	} else if (closed) {
		i = tui_form_add(f, fd[FF_REASON].prompt, FORM_CHOICE, 0, "");
		tui_form_name(f, i, fd[FF_REASON].name);
		tui_form_item(f, i, "", "(it stays closed)", NULL);
		tui_form_list(f, i, REF_INVOLVEMENT);
	}
	family_clear(&fam);
	tui_form_open(t, f);
}

/* --- actions ------------------------------------------------------------------ */

static char *
forms_action_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct action_new	an;
	struct id		id;

	memset(&an, 0, sizeof an);
	tui_form_fill(f, &field_action_add, &an);
	if (action_add(tui_core(t), &tui_form_target(f)->family, &an, &id,
	    cause) != 0)
		return NULL;
	return forms_done("Action", "action", &id);
}

void
tui_form_action(struct tui *t, const struct tui_target *tg)
{
	const struct field_def	*fd = field_action_add.fields;
	struct tui_form		*f;
	char			 me[ID_REF_MAX];

	oneteam_ref("staff", &tui_core(t)->me, me);
	f = tui_form_new(t, "Add an action", tg, forms_action_save);
	tui_form_field(f, &fd[FA_WHAT], 0, NULL);
	tui_form_field(f, &fd[FA_OWNER], 0, me);
	tui_form_field(f, &fd[FA_DUE], 0, NULL);
	tui_form_open(t, f);
}

/* Mark the action done, with what was done if said. */
static char *
forms_action_done_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct action_finish	af;
	char			ref[ID_REF_MAX];

	memset(&af, 0, sizeof af);
	tui_form_fill(f, &field_action_done, &af);
	if (action_done(tui_core(t), &tui_form_target(f)->id, &af,
	    cause) != 0)
		return NULL;
	oneteam_ref("action", &tui_form_target(f)->id, ref);
	return xprintf("Action %s done.", ref);
}

void
tui_form_action_done(struct tui *t, const struct tui_target *tg)
{
	const struct field_def	*fd = field_action_done.fields;
	struct tui_form		*f;
	struct action		 a;
	char			*cause = NULL, *title;

	if (tg->kind != TAB_K_ACTION) {
		tui_fail(t, xstrdup(tg->tab == TAB_ACTIONS ? "there is no "
		    "action here to mark done: a adds one" : "put the cursor "
		    "on an action first (tab "
		    "8, Actions)"));
		return;
	}
	if (action_get(tui_core(t), tg->view, &tg->id, &a, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	if (a.done) {
		/* Said before anything is typed that could not be saved. */
		tui_say(t, "%s is %s: nothing is left to mark.", a.ref,
		    a.withdrawn ? "withdrawn" : "done");
		action_clear(&a);
		return;
	}
	title = xprintf("Mark %s done: %s", a.ref, a.what);
	f = tui_form_new(t, title, tg, forms_action_done_save);
	free(title);
	tui_form_field(f, &fd[FX_NOTE], 0, NULL);
	action_clear(&a);
	tui_form_open(t, f);
}
