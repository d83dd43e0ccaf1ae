/*
 * tui-minutes.c: the Minutes screen: a recorded huddle's minutes, as the
 * core writes them (huddle-minutes.c), read on the screen that ran the
 * huddle: for the team, or (t) as they are sent outside it, leaving out
 * what consent does not allow; w writes those to a file.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/huddle.h"
#include "oneteam/xmalloc.h"
#include "tui-forms.h"
#include "tui-lists.h"

struct minutes {
	struct id	 huddle;
	struct tui_doc	*doc;
	int		 looked;	/* on the trail */
	int		 shared;	/* as sent outside the team */
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
	tui_doc_clear(m->doc);
	tui_doc_text(m->doc, tui_look(LOOK_DIM), 0, NULL, 0, m->shared ?
	    "As sent outside the team (t: for the team; w writes these to a "
	    "file):" : "For the team (t: as sent outside it):");
	text = huddle_minutes(&h, m->shared ? HUDDLE_MINUTES_SHARED : 0);
	huddle_clear(&h);
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

static int
minutes_toggle(struct tui *t, struct tui_screen *s, int key)
{
	struct minutes	*m = s->data;

	(void)key;
	m->shared = !m->shared;
	tui_doc_top(m->doc);
	tui_reload(t);
	return 0;
}

static char *
minutes_write_save(struct tui *t, struct tui_form *f, char **cause)
{
	const struct id	*huddle = tui_form_data(f);
	const char	*path = tui_form_get(f, 0);
	struct huddle	 h;
	int		 rc;

	if (huddle_get(tui_core(t), huddle, &h, cause) != 0)
		return NULL;
	rc = huddle_minutes_write(tui_core(t), &h, path, cause);
	huddle_clear(&h);
	return rc == 0 ? xprintf("The minutes to send are written to %s.",
	    path) : NULL;
}

/* w: the minutes as sent outside the team, to a new file. */
static int
minutes_write(struct tui *t, struct tui_screen *s, int key)
{
	struct minutes	*m = s->data;
	struct tui_form	*f;
	struct huddle	 h;
	struct id	*huddle;
	char		*name, *cause = NULL;
	size_t		 i;

	(void)key;
	if (huddle_get(tui_core(t), &m->huddle, &h, &cause) != 0) {
		tui_fail(t, cause);
		return 0;
	}
	name = xprintf("minutes-%s.md", h.day);
	huddle_clear(&h);
	f = tui_form_new(t, "Write the minutes to send", NULL,
	    minutes_write_save);
	i = tui_form_add(f, "File", FORM_TEXT, 1, name);
	tui_form_name(f, i, "file");
	tui_form_hint(f, i, "a new file: one there already is never "
	    "replaced. Families without consent to share are left out.");
	free(name);
	huddle = xmalloc(sizeof *huddle);
	*huddle = m->huddle;
	tui_form_set_data(f, huddle);
	tui_form_open(t, f);
	return 0;
}

static void
minutes_free(struct tui_screen *s)
{
	struct minutes	*m = s->data;

	tui_doc_free(m->doc);
	free(m);
}

static const struct tui_bind minutes_binds[] = {
	{ 't', "t", "for the team or to send", 1, minutes_toggle },
	{ 'w', "w", "write the minutes to send", 1, minutes_write },
	{ 0, NULL, NULL, 0, NULL }
};

const struct tui_screen_ops tui_minutes_ops = {
	.name = "Minutes",
	.about = "The minutes of the huddle: who was there, each item with "
	    "its reasons and what was decided, and the actions agreed. For "
	    "the team at first; t shows them as they are sent outside it, "
	    "leaving out the families that have not given consent to share, "
	    "and w writes those to a new file (as oneteam huddle minutes "
	    "--markdown prints them).",
	.binds = minutes_binds,
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
