/*
 * tui-chron.c: the Chronology tab of the Family screen, each event with
 * when, what it is about, who recorded it and in words what happened, as
 * the core tells it (chronology.h); and F, the form that chooses what it
 * shows: which kinds of event (the family and its people being added,
 * data entry, folded away at first) and whose agency recorded them.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/chronology.h"
#include "oneteam/xmalloc.h"
#include "tui-family.h"
#include "tui-forms.h"

static int
chron_event(const struct chron_event *e, void *arg)
{
	struct tab_ctx	*c = arg;
	char		 when[48], *head;

	tui_when(c->t, e->at, when, sizeof when);
	head = xprintf("%s  %s  %s%s%s%s", when, chron_class_name(e->cls),
	    e->who, e->agency != NULL && *e->agency != '\0' ? " (" : "",
	    e->agency != NULL ? e->agency : "",
	    e->agency != NULL && *e->agency != '\0' ? ")" : "");
	tui_doc_text(c->doc, tui_look(LOOK_HEADING), 0, NULL, 0, head);
	tui_doc_text(c->doc, 0, 0, NULL, 4, e->text);
	free(head);
	c->count++;
	return 0;
}

int
tui_chron_load(struct tab_ctx *c, const struct family_view *view,
    char **cause)
{
	struct chron_filter	 all = { 0, NULL };
	const struct chron_filter *cf = c->chron != NULL ? c->chron : &all;
	char			*shown, *line;

	shown = chronology_filter_words(c->ot, cf);
	if (shown != NULL) {
		line = xprintf("Showing %s: F chooses what to show.", shown);
		tui_doc_text(c->doc, tui_look(LOOK_DIM), 0, NULL, 0, line);
		free(line);
		free(shown);
	}
	if (chronology(c->ot, view, 1, cf, chron_event, c, cause) != 0)
		return -1;
	if (c->count == 0)
		tui_doc_text(c->doc, tui_look(LOOK_DIM), 0, NULL, 2,
		    cf->classes == 0 || cf->classes == CHRON_ALL ?
		    "Nothing has happened yet." : "Nothing of what is "
		    "shown: F shows more.");
	return 0;
}

/* What the form changes: the Family screen's, which is under it. */
struct chron_choice {
	struct chron_filter	*cf;
	char			**agency;
};

static char *
chron_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct chron_choice	*cc = tui_form_data(f);
	enum chron_class	 cls;
	const char		*ticked = tui_form_get(f, 0);
	const char		*agency = tui_form_get(f, 1);
	char			*all, *rest, *one;
	unsigned		 classes = 0;

	(void)t;
	rest = all = xstrdup(ticked != NULL ? ticked : "");
	while ((one = strsep(&rest, ",")) != NULL) {
		one += strspn(one, " ");
		if (*one != '\0' && chron_class_parse(one, &cls) == 0)
			classes |= 1u << cls;
	}
	free(all);
	if (classes == 0) {
		*cause = xstrdup("tick at least one kind of event to show");
		return NULL;
	}
	cc->cf->classes = classes;
	free(*cc->agency);
	*cc->agency = agency != NULL && *agency != '\0' ? xstrdup(agency) :
	    NULL;
	cc->cf->agency = *cc->agency;
	return xstrdup("The chronology shows what was ticked.");
}

void
tui_chron_choose(struct tui *t, struct chron_filter *cf, char **agency)
{
	struct tui_target	 tg;
	struct chron_choice	*cc;
	struct tui_form		*f;
	char			*ticked = NULL, *next;
	unsigned		 classes = cf->classes != 0 ? cf->classes :
				    CHRON_ALL;
	size_t			 i;

	for (i = 0; i < CHRON_NCLASSES; i++)
		if (classes & (1u << i)) {
			next = xprintf("%s%s%s", ticked != NULL ? ticked : "",
			    ticked != NULL ? ", " : "",
			    chron_class_code((enum chron_class)i));
			free(ticked);
			ticked = next;
		}
	memset(&tg, 0, sizeof tg);
	f = tui_form_new(t, "What the chronology shows", &tg, chron_save);
	i = tui_form_add(f, "Show", FORM_CHOICE, 1, ticked != NULL ? ticked :
	    "");
	free(ticked);
	tui_form_ticks(f, i);
	/* Data entry, folded away at first, is first: in sight. */
	tui_form_item(f, 0, chron_class_code(CHRON_RECORD),
	    chron_class_name(CHRON_RECORD), "the family, its people added");
	for (i = 0; i < CHRON_RECORD; i++)
		tui_form_item(f, 0, chron_class_code((enum chron_class)i),
		    chron_class_name((enum chron_class)i), NULL);
	tui_form_add(f, "Recorded by", FORM_CHOICE, 0, *agency != NULL ?
	    *agency : "");
	tui_form_item(f, 1, "", "any agency", NULL);
	tui_form_list(f, 1, REF_AGENCIES);
	cc = xmalloc(sizeof *cc);
	cc->cf = cf;
	cc->agency = agency;
	tui_form_set_data(f, cc);
	tui_form_open(t, f);
}
