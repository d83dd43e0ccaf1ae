/*
 * tui-present.c: the Present screen of a running huddle: the team's
 * members, each ticked as present or as having sent apologies, saved as
 * who was there (huddle_attend()); and g, the guests who have no
 * account, a form of their own. The Huddle screen (tui-huddle.c) opens
 * it with p.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/field.h"
#include "oneteam/huddle.h"
#include "oneteam/staff.h"
#include "oneteam/xmalloc.h"
#include "tui-forms.h"
#include "tui-lists.h"

/* A member's mark: not said, present, or apologies sent. */
enum { PR_NONE, PR_HERE, PR_AWAY };

struct present {
	struct id	 huddle;
	struct id	*staff;
	char		**names;
	int		*ticked;	/* PR_* */
	size_t		 n;
	char		*guests;	/* as recorded, or NULL */
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

/* Mark those of a list (names joined by ", ") as mark. */
static void
present_mark(struct present *p, const char *names, int mark)
{
	char	*list, *name, *rest;
	size_t	 i;

	rest = list = xstrdup(names != NULL ? names : "");
	while ((name = strsep(&rest, ",")) != NULL) {
		while (*name == ' ')
			name++;
		for (i = 0; i < p->n; i++)
			if (strcmp(p->names[i], name) == 0)
				p->ticked[i] = mark;
	}
	free(list);
}

static int
present_load(struct tui *t, struct tui_screen *s, char **cause)
{
	struct present	*p = s->data;
	struct huddle	 h;
	int		 first = p->n == 0;

	if (huddle_get(tui_core(t), &p->huddle, &h, cause) != 0)
		return -1;
	/* The guests as recorded; the ticks are kept until saved. */
	free(p->guests);
	p->guests = h.guests != NULL ? xstrdup(h.guests) : NULL;
	if (first && staff_list(tui_core(t), present_keep, p, cause) != 0) {
		huddle_clear(&h);
		return -1;
	}
	if (first) {
		present_mark(p, h.present, PR_HERE);
		present_mark(p, h.apologies, PR_AWAY);
		w_list_set(&p->list, p->n);
	}
	huddle_clear(&h);
	return 0;
}

static void
present_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h,
    int w)
{
	struct present	*p = s->data;
	static const char *const marks[] = { " ", "x", "a" };
	char		*line;
	size_t		 i;
	int		 y;

	(void)t;
	w_text(win, 0, 0, w, "Who is present? Space ticks, a marks apologies, "
	    "g the guests, F2 saves.", tui_look(LOOK_HEADING));
	line = xprintf("Guests: %s", p->guests != NULL ? p->guests :
	    "none (g)");
	w_text(win, 1, 0, w, line, 0);
	free(line);
	w_list_fit(&p->list, h - 3);
	for (y = 3, i = p->list.top; i < p->n && y < h; i++, y++) {
		line = xprintf("[%s] %s%s", marks[p->ticked[i]], p->names[i],
		    p->ticked[i] == PR_AWAY ? " (apologies)" : "");
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
	/* Space (Enter and x too, as a tick reads) ticks present. */
	if ((key == ' ' || key == '\r' || key == '\n' || key == 'x' ||
	    key == 'a') && p->n != 0) {
		int	mark = key == 'a' ? PR_AWAY : PR_HERE;

		p->ticked[p->list.cur] = p->ticked[p->list.cur] == mark ?
		    PR_NONE : mark;
		return W_HANDLED;
	}
	/* g is the guests here, not the list's top. */
	if (key == 'g')
		return W_IGNORED;
	return w_list_key(&p->list, key);
}

/* The references of the members marked so, separated by commas. */
static char *
present_refs(const struct present *p, int mark, size_t *n)
{
	char	*names = xstrdup(""), *next, ref[ID_REF_MAX];
	size_t	 i;

	for (*n = 0, i = 0; i < p->n; i++)
		if (p->ticked[i] == mark) {
			oneteam_ref("staff", &p->staff[i], ref);
			next = xprintf("%s%s%s", names, (*n)++ != 0 ? "," : "",
			    ref);
			free(names);
			names = next;
		}
	return names;
}

static int
present_save(struct tui *t, struct tui_screen *s, int key)
{
	struct present		*p = s->data;
	struct huddle_attending	 at;
	struct huddle		 h;
	char			*here, *away, *cause = NULL;
	size_t			 n, naway;
	int			 rc;

	(void)key;
	here = present_refs(p, PR_HERE, &n);
	away = present_refs(p, PR_AWAY, &naway);
	memset(&at, 0, sizeof at);
	at.present = here;
	at.apologies = away;
	rc = huddle_get(tui_core(t), &p->huddle, &h, &cause);
	if (rc == 0)
		rc = huddle_attend(tui_core(t), &h, &at, &cause);
	huddle_clear(&h);
	free(here);
	free(away);
	if (rc != 0) {
		tui_fail(t, cause);
		return 0;
	}
	if (naway != 0)
		tui_done(t, "%zu present, %zu sent apologies.", n, naway);
	else
		tui_done(t, "%zu present.", n);
	return 0;
}

/* The guests, a form of their own, saved at once. */
static char *
present_guests_save(struct tui *t, struct tui_form *f, char **cause)
{
	const struct id		*huddle = tui_form_data(f);
	struct huddle_attending	 at;
	struct huddle		 h;
	int			 rc;

	memset(&at, 0, sizeof at);
	tui_form_fill(f, &field_huddle_attend, &at);
	if (at.guests == NULL)
		at.guests = "";
	if (huddle_get(tui_core(t), huddle, &h, cause) != 0)
		return NULL;
	rc = huddle_attend(tui_core(t), &h, &at, cause);
	huddle_clear(&h);
	return rc == 0 ? xstrdup("The guests are recorded.") : NULL;
}

static int
present_guests(struct tui *t, struct tui_screen *s, int key)
{
	struct present		*p = s->data;
	struct tui_target	 tg;
	struct tui_form		*f;
	struct id		*huddle;

	(void)key;
	memset(&tg, 0, sizeof tg);
	f = tui_form_new(t, "Guests at the huddle", &tg, present_guests_save);
	tui_form_field(f, &field_huddle_attend.fields[FH_GUESTS], 0,
	    p->guests != NULL ? p->guests : "");
	/* The form's own copy: it frees it. */
	huddle = xmalloc(sizeof *huddle);
	*huddle = p->huddle;
	tui_form_set_data(f, huddle);
	tui_form_open(t, f);
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
	free(p->guests);
	free(p);
}

static const struct tui_bind present_binds[] = {
	{ ' ', "Space", "present", 1, NULL },
	{ 'a', "a", "apologies", 1, NULL },
	{ 'g', "g", "guests", 1, present_guests },
	{ W_FN | KEY_F(2), "F2", "save", 1, present_save },
	{ 0, NULL, NULL, 0, NULL }
};

static const struct tui_screen_ops present_ops = {
	.name = "Present",
	.about = "Tick who is present at the huddle, from the team (Space), "
	    "or who sent apologies (a); g names the guests who have no "
	    "account, such as a school's safeguarding lead.",
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
