/*
 * tui-minutes.c: the Minutes screen: a recorded huddle's minutes for the
 * team, as the core writes them (huddle-minutes.c), read on the screen
 * that ran the huddle. Sending them outside the team is the command
 * line's (oneteam huddle minutes), which leaves out what consent does
 * not allow.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/huddle.h"
#include "oneteam/xmalloc.h"
#include "tui-lists.h"

struct minutes {
	struct id	 huddle;
	struct tui_doc	*doc;
	int		 looked;	/* on the trail */
};

static int
minutes_load(struct tui *t, struct tui_screen *s, char **cause)
{
	struct minutes	*m = s->data;
	struct huddle	 h;
	char		*text, *p, *line;

	if (huddle_get(tui_core(t), &m->huddle, &h, cause) != 0)
		return -1;
	/* Read on the screen once, as on paper: on the trail once. */
	if (!m->looked && huddle_looked(tui_core(t), &h, "the minutes",
	    cause) != 0) {
		huddle_clear(&h);
		return -1;
	}
	m->looked = 1;
	text = huddle_minutes(&h, 0);
	huddle_clear(&h);
	tui_doc_clear(m->doc);
	for (p = text; (line = strsep(&p, "\n")) != NULL; )
		if (p != NULL)		/* the last line ends before "" */
			tui_doc_text(m->doc, 0, 0, NULL, 0, line);
	free(text);
	return 0;
}

static void
minutes_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h, int w)
{
	struct minutes	*m = s->data;

	(void)t;
	tui_doc_draw(m->doc, win, 0, h, w);
}

static enum w_result
minutes_key(struct tui *t, struct tui_screen *s, int key)
{
	struct minutes	*m = s->data;

	(void)t;
	return tui_doc_key(m->doc, key) == W_IGNORED ? W_IGNORED : W_HANDLED;
}

static void
minutes_free(struct tui_screen *s)
{
	struct minutes	*m = s->data;

	tui_doc_free(m->doc);
	free(m);
}

const struct tui_screen_ops tui_minutes_ops = {
	.name = "Minutes",
	.about = "The minutes of the huddle, for the team: who was there, "
	    "each item with its reasons and what was decided, and the "
	    "actions agreed. To send them outside the team, use oneteam "
	    "huddle minutes, which leaves out the families that have not "
	    "given consent to share.",
	.binds = NULL,
	.load = minutes_load,
	.draw = minutes_draw,
	.key = minutes_key,
	.free = minutes_free,
};

void
tui_minutes_open(struct tui *t, const struct id *huddle)
{
	struct minutes	*m = xcalloc(1, sizeof *m);

	m->huddle = *huddle;
	m->doc = tui_doc_new();
	tui_push(t, &tui_minutes_ops, m);
}
