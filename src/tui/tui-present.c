/*
 * tui-present.c: the Present screen of a running huddle: the team's
 * members, ticked as present, saved as who was there (huddle_present()).
 * The Huddle screen (tui-huddle.c) opens it with p.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/huddle.h"
#include "oneteam/staff.h"
#include "oneteam/xmalloc.h"
#include "tui-lists.h"

struct present {
	struct id	 huddle;
	struct id	*staff;
	char		**names;
	int		*ticked;
	size_t		 n;
	struct w_list	 list;
};

static int
present_keep(const struct staff *st, void *arg)
{
	struct present	*p = arg;

	if (!st->active)
		return 0;
	p->staff = xreallocarray(p->staff, p->n + 1, sizeof *p->staff);
	p->names = xreallocarray(p->names, p->n + 1, sizeof *p->names);
	p->ticked = xreallocarray(p->ticked, p->n + 1, sizeof *p->ticked);
	p->staff[p->n] = st->id;
	p->names[p->n] = xstrdup(st->name);
	p->ticked[p->n] = 0;
	p->n++;
	return 0;
}

static int
present_load(struct tui *t, struct tui_screen *s, char **cause)
{
	struct present	*p = s->data;
	struct huddle		 h;
	size_t			 i;
	char			*list, *name, *rest;

	(void)t;
	if (p->n != 0)
		return 0;	/* ticks are kept until saved */
	if (staff_list(tui_core(t), present_keep, p, cause) != 0 ||
	    huddle_get(tui_core(t), &p->huddle, &h, cause) != 0)
		return -1;
	/* Tick who is present already. */
	rest = list = xstrdup(h.present != NULL ? h.present : "");
	while ((name = strsep(&rest, ",")) != NULL) {
		while (*name == ' ')
			name++;
		for (i = 0; i < p->n; i++)
			if (strcmp(p->names[i], name) == 0)
				p->ticked[i] = 1;
	}
	free(list);
	huddle_clear(&h);
	w_list_set(&p->list, p->n);
	return 0;
}

static void
present_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h,
    int w)
{
	struct present	*p = s->data;
	char			*line;
	size_t			 i;
	int			 y;

	(void)t;
	w_text(win, 0, 0, w, "Who is present? Space ticks, F2 saves.",
	    tui_look(LOOK_HEADING));
	w_list_fit(&p->list, h - 2);
	for (y = 2, i = p->list.top; i < p->n && y < h; i++, y++) {
		line = xprintf("[%s] %s", p->ticked[i] ? "x" : " ",
		    p->names[i]);
		w_text(win, y, 0, w, line, i == p->list.cur ?
		    tui_look(LOOK_CURSOR) : 0);
		free(line);
	}
}

static enum w_result
present_key(struct tui *t, struct tui_screen *s, int key)
{
	struct present	*p = s->data;

	(void)t;
	if (key == ' ' && p->n != 0) {
		p->ticked[p->list.cur] = !p->ticked[p->list.cur];
		return W_HANDLED;
	}
	return w_list_key(&p->list, key);
}

static int
present_save(struct tui *t, struct tui_screen *s, int key)
{
	struct present	*p = s->data;
	struct huddle		 h;
	char			*names = xstrdup(""), *next, ref[ID_REF_MAX];
	char			*cause = NULL;
	size_t			 i, n = 0;

	(void)key;
	for (i = 0; i < p->n; i++)
		if (p->ticked[i]) {
			oneteam_ref("staff", &p->staff[i], ref);
			next = xprintf("%s%s%s", names, n++ != 0 ? "," : "",
			    ref);
			free(names);
			names = next;
		}
	if (huddle_get(tui_core(t), &p->huddle, &h, &cause) != 0 ||
	    huddle_present(tui_core(t), &h, names, &cause) != 0) {
		huddle_clear(&h);
		free(names);
		tui_fail(t, cause);
		return 0;
	}
	huddle_clear(&h);
	free(names);
	tui_done(t, "%zu present.", n);
	return 0;
}

static void
present_free(struct tui_screen *s)
{
	struct present	*p = s->data;
	size_t			 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		free(p->names[i]);
	free(p->names);
	free(p->staff);
	free(p->ticked);
	free(p);
}

static const struct tui_bind present_binds[] = {
	{ ' ', "Space", "tick or untick", 1, NULL },
	{ W_FN | KEY_F(2), "F2", "save", 1, present_save },
	{ 0, NULL, NULL, 0, NULL }
};

static const struct tui_screen_ops present_ops = {
	.name = "Present",
	.about = "Tick who is present at the huddle, from the team.",
	.binds = present_binds,
	.load = present_load,
	.draw = present_draw,
	.key = present_key,
	.free = present_free,
};

void
tui_present_open(struct tui *t, const struct id *huddle)
{
	struct present	*p = xcalloc(1, sizeof *p);

	p->huddle = *huddle;
	tui_push(t, &present_ops, p);
}
