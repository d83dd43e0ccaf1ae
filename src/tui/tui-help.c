/*
 * tui-help.c: the Help screen: every key, by screen, read from the same
 * tables that dispatch the keys, so help cannot drift from what works. The
 * screen it was opened from comes first. And the Message screen: the last
 * message of the message line, whole (F3), when the line cut it.
 */
#include <stdlib.h>

#include "oneteam/xmalloc.h"
#include "tui-forms.h"
#include "tui-lists.h"

struct help {
	const struct tui_screen_ops	*from;
	struct tui_doc			*doc;
};

static const struct tui_screen_ops *const help_screens[] = {
	&tui_families_ops, &tui_family_ops, &tui_form_ops, &tui_referrals_ops,
	&tui_myday_ops, &tui_huddle_ops, &tui_audit_ops,
};
#define NSCREENS (sizeof help_screens / sizeof help_screens[0])

static void
help_binds(struct tui_doc *doc, const struct tui_bind *b)
{
	for (; b->key != 0; b++)
		if (b->label != NULL)
			tui_doc_textf(doc, 0, 2, "%-10s %s", b->label, b->what);
}

static void
help_screen(struct tui_doc *doc, const struct tui_screen_ops *ops)
{
	tui_doc_text(doc, tui_look(LOOK_HEADING), 0, NULL, 0, ops->name);
	tui_doc_text(doc, tui_look(LOOK_DIM), 0, NULL, 2, ops->about);
	help_binds(doc, ops->binds);
	tui_doc_text(doc, 0, 0, NULL, 0, "");
}

static int
help_load(struct tui *t, struct tui_screen *s, char **cause)
{
	struct help	*h = s->data;
	size_t		 i;

	tui_doc_clear(h->doc);
	if (h->from != NULL && h->from != &tui_help_ops)
		help_screen(h->doc, h->from);
	tui_doc_text(h->doc, tui_look(LOOK_HEADING), 0, NULL, 0,
	    "Everywhere");
	tui_doc_text(h->doc, tui_look(LOOK_DIM), 0, NULL, 2, "Arrows move "
	    "(j and k too, where the screen has no key of its own for them: "
	    "on a family, k records consent), PgUp and PgDn page, Home and "
	    "End (or g and G) go to the first and last. In forms and the "
	    "sign-in, letters are text: use F1 for help and Esc to go back. "
	    "A message too long for the line ends with F3, which shows it "
	    "whole.");
	help_binds(h->doc, tui_common_binds);
	tui_doc_text(h->doc, 0, 0, NULL, 0, "");
	for (i = 0; i < NSCREENS; i++)
		if (help_screens[i] != h->from)
			help_screen(h->doc, help_screens[i]);
	return 0;
}

static void
help_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h, int w)
{
	struct help	*hp = s->data;

	tui_doc_draw(hp->doc, win, 0, h, w);
}

static enum w_result
help_key(struct tui *t, struct tui_screen *s, int key)
{
	struct help	*h = s->data;

	return tui_doc_key(h->doc, key) == W_IGNORED ? W_IGNORED : W_HANDLED;
}

static void
help_free(struct tui_screen *s)
{
	struct help	*h = s->data;

	tui_doc_free(h->doc);
	free(h);
}

const struct tui_screen_ops tui_help_ops = {
	.name = "Help",
	.about = "Every key, by screen. q or Esc goes back.",
	.binds = NULL,
	.load = help_load,
	.draw = help_draw,
	.key = help_key,
	.free = help_free,
};

/* The Message screen: its doc is made when it opens, once: no load. */
const struct tui_screen_ops tui_message_ops = {
	.name = "Message",
	.about = "The last message, whole, as the line could not show it. "
	    "q or Esc goes back.",
	.binds = NULL,
	.load = NULL,
	.draw = help_draw,
	.key = help_key,
	.free = help_free,
};

void
tui_message_open(struct tui *t, const char *said)
{
	struct help	*h = xcalloc(1, sizeof *h);

	h->doc = tui_doc_new();
	tui_doc_text(h->doc, 0, 0, NULL, 0, said);
	tui_push(t, &tui_message_ops, h);
}

int
tui_help_open(struct tui *t, struct tui_screen *s, int key)
{
	struct help	*h;

	if (s->ops == &tui_help_ops)
		return 0;
	h = xcalloc(1, sizeof *h);
	h->from = s->ops;
	h->doc = tui_doc_new();
	tui_push(t, &tui_help_ops, h);
	return 0;
}
