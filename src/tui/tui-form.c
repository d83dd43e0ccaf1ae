/*
 * tui-form.c: a form of labelled fields, for every change made from the
 * screens. Each field is checked when the person leaves it and again on
 * saving; what is wrong is explained under the field, and nothing is
 * saved until every field is right. The change itself is the form's save
 * function, one transaction of the core. Leaving a form with changes asks
 * first, so work is never lost silently. The fields that the core
 * describes, and the choices filled from its lists, are made in
 * tui-form-field.c.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/date.h"
#include "oneteam/field.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "tui-forms.h"

#define FORM_LABEL	20	/* columns of the labels */
#define FORM_POPUP	9	/* lines of an open choice */

struct form_field {
	char		*name;		/* the core's name of it (field.h) */
	char		*label;
	enum form_kind	 kind;
	int		 required;
	char		*hint;
	char		*initial;	/* a choice's code at the start */
	struct w_field	*field;
	struct w_editor	*ed;
	struct w_choice	*choice;
	char		*error;
	char		*value;		/* what tui_form_get() last gave */
	char		*start;		/* ticks: those ticked as it opened */
	int		 y;		/* where it was drawn */
};

struct tui_form {
	struct tui		*t;
	char			*title;
	struct tui_target	 target;
	char			*(*save)(struct tui *, struct tui_form *,
				    char **);
	struct form_field	*fields;
	size_t			 n;
	size_t			 focus;
	void			*data;
	void			(*data_free)(void *);	/* NULL: free() */
};

struct tui_form *
tui_form_new(struct tui *t, const char *title, const struct tui_target *tg,
    char *(*save)(struct tui *, struct tui_form *, char **))
{
	struct tui_form	*f = xcalloc(1, sizeof *f);

	f->t = t;
	f->title = xstrdup(title);
	if (tg != NULL)
		f->target = *tg;
	f->save = save;
	return f;
}

size_t
tui_form_add(struct tui_form *f, const char *label, enum form_kind kind,
    int required, const char *initial)
{
	struct form_field	*ff;

	f->fields = xreallocarray(f->fields, f->n + 1, sizeof *f->fields);
	ff = &f->fields[f->n];
	memset(ff, 0, sizeof *ff);
	ff->label = xstrdup(label);
	ff->kind = kind;
	ff->required = required;
	switch (kind) {
	case FORM_LINES:
		ff->ed = w_editor_new(initial);
		break;
	case FORM_CHOICE:
		ff->choice = w_choice_new();
		ff->initial = xstrdup(initial != NULL ? initial : "");
		/* Nothing is chosen for the person: they choose. */
		if (required && *ff->initial == '\0')
			w_choice_add(ff->choice, "", "(choose)", NULL);
		break;
	default:
		ff->field = w_field_new(initial);
		/* A date offered ("now", a view's day) is typed over. */
		if (kind == FORM_DATE || kind == FORM_WHEN)
			w_field_fresh(ff->field);
		break;
	}
	return f->n++;
}

void
tui_form_name(struct tui_form *f, size_t i, const char *name)
{
	free(f->fields[i].name);
	f->fields[i].name = xstrdup(name);
}

void
tui_form_label(struct tui_form *f, size_t i, const char *label)
{
	free(f->fields[i].label);
	f->fields[i].label = xstrdup(label);
}

void
tui_form_hint(struct tui_form *f, size_t i, const char *hint)
{
	free(f->fields[i].hint);
	f->fields[i].hint = xstrdup(hint);
}

/* Tick what the field's initial text names (", " between). */
static void
tui_form_tick_initial(struct form_field *ff)
{
	char	*all, *rest, *one;

	rest = all = xstrdup(ff->initial);
	while ((one = strsep(&rest, ",")) != NULL) {
		while (*one == ' ')
			one++;
		if (*one != '\0')
			w_choice_tick(ff->choice, one);
	}
	free(all);
}

/* Make a choice a list to tick, initial naming those ticked at first. */
void
tui_form_ticks(struct tui_form *f, size_t i)
{
	w_choice_set_ticks(f->fields[i].choice);
}

size_t
tui_form_add_ticks(struct tui_form *f, const char *label, int required,
    const char *initial)
{
	size_t	i;

	/* Added as not needed: a list to tick offers no "(choose)". */
	i = tui_form_add(f, label, FORM_CHOICE, 0, initial);
	f->fields[i].required = required;
	tui_form_ticks(f, i);
	return i;
}

void
tui_form_item(struct tui_form *f, size_t i, const char *code,
    const char *label, const char *detail)
{
	struct form_field	*ff = &f->fields[i];

	if (w_choice_ticks(ff->choice)) {
		w_choice_add(ff->choice, code, label, detail);
		tui_form_tick_initial(ff);
		return;
	}
	/* With none given, the first item is where the choice starts: a
	 * form left as it opened has nothing to lose. */
	if (w_choice_count(ff->choice) == 0 && *ff->initial == '\0') {
		free(ff->initial);
		ff->initial = xstrdup(code);
	}
	w_choice_add(ff->choice, code, label, detail);
	if (strcmp(code, ff->initial) == 0)
		w_choice_select(ff->choice, code);
}

/* The values typed, given to the core's change by their fields' names. */
void
tui_form_fill(struct tui_form *f, const struct field_table *ft, void *change)
{
	const struct field_def	*fd;
	const char		*v;
	size_t			 i;

	for (i = 0; i < f->n; i++) {
		if (f->fields[i].name == NULL ||
		    (fd = field_find(ft, f->fields[i].name)) == NULL)
			continue;
		v = tui_form_get(f, i);
		/* A choice of yes or no gives it only when chosen. */
		if (v != NULL || (fd->kind != FIELD_YES &&
		    fd->kind != FIELD_BIT))
			field_set(fd, change, v);
	}
}

const struct tui_target *
tui_form_target(const struct tui_form *f)
{
	return &f->target;
}

struct tui *
tui_form_tui(const struct tui_form *f)
{
	return f->t;
}

void
tui_form_set_data(struct tui_form *f, void *data)
{
	f->data = data;
}

void
tui_form_set_save(struct tui_form *f, char *(*save)(struct tui *,
    struct tui_form *, char **))
{
	f->save = save;
}

void
tui_form_set_free(struct tui_form *f, void (*data_free)(void *))
{
	f->data_free = data_free;
}

void *
tui_form_data(const struct tui_form *f)
{
	return f->data;
}

const char *
tui_form_get(struct tui_form *f, size_t i)
{
	struct form_field	*ff = &f->fields[i];
	const char		*code;

	free(ff->value);
	ff->value = NULL;
	if (ff->kind == FORM_CHOICE && w_choice_ticks(ff->choice))
		ff->value = w_choice_ticked(ff->choice);
	else if (ff->kind == FORM_CHOICE) {
		code = w_choice_code(ff->choice);
		ff->value = code != NULL && *code != '\0' ? xstrdup(code) :
		    NULL;
	} else {
		char *s = ff->ed != NULL ? w_editor_text(ff->ed) :
		    w_field_text(ff->field);

		/* Blank is not given: the core then uses its default. */
		ff->value = text_trim(s);
		free(s);
		if (*ff->value == '\0') {
			free(ff->value);
			ff->value = NULL;
		}
	}
	return ff->value;
}

static int
tui_form_changed_field(const struct form_field *ff)
{
	const char	*code;

	switch (ff->kind) {
	case FORM_LINES:
		return w_editor_changed(ff->ed);
	case FORM_CHOICE:
		if (w_choice_ticks(ff->choice)) {
			char	*now = w_choice_ticked(ff->choice);
			int	 changed = strcmp(now != NULL ? now : "",
				    ff->start != NULL ? ff->start : "") != 0;

			free(now);
			return changed;
		}
		code = w_choice_code(ff->choice);
		return strcmp(code != NULL ? code : "", ff->initial) != 0;
	default:
		return w_field_changed(ff->field);
	}
}

static int
tui_form_changed(const struct tui_form *f)
{
	size_t	i;

	for (i = 0; i < f->n; i++)
		if (tui_form_changed_field(&f->fields[i]))
			return 1;
	return 0;
}

/* --- checking ------------------------------------------------------------ */

/* Check one field; the reason it is wrong goes under it. */
static int
tui_form_check(struct tui_form *f, size_t i)
{
	struct form_field	*ff = &f->fields[i];
	struct oneteam		*ot = tui_core(f->t);
	const char		*v = tui_form_get(f, i);
	char			*cause = NULL, iso[16];
	int64_t			 ms;
	int			 rc = 0;

	free(ff->error);
	ff->error = NULL;
	if (v == NULL) {
		if (ff->required)
			ff->error = xprintf("%s is needed", ff->label);
		return ff->required ? -1 : 0;
	}
	switch (ff->kind) {
	case FORM_DATE:
		rc = oneteam_date(ot, ff->label, v, iso, &cause);
		break;
	case FORM_WHEN:
		rc = time_parse(v, ot->now, &ms, &cause);
		break;
	case FORM_TEXT:
		rc = text_check(ff->label, v, ONETEAM_LINE_MAX, 0, &cause);
		break;
	case FORM_LINES:
		rc = text_check(ff->label, v, ONETEAM_NOTE_MAX,
		    TEXT_MULTILINE, &cause);
		break;
	case FORM_CHOICE:
		break;
	}
	ff->error = cause;
	return rc;
}

static int
tui_form_check_all(struct tui_form *f)
{
	size_t	i, bad = f->n;

	for (i = 0; i < f->n; i++)
		if (tui_form_check(f, i) != 0 && bad == f->n)
			bad = i;
	if (bad == f->n)
		return 0;
	f->focus = bad;
	return -1;
}

/* --- drawing ---------------------------------------------------------------- */

/* What a field shows after the value: a date as read back, or the hint. */
static void
tui_form_preview(struct tui_form *f, struct form_field *ff, char *buf,
    size_t len)
{
	struct oneteam	*ot = tui_core(f->t);
	const char	*v;
	char		 iso[16], *cause = NULL;
	int64_t		 ms;

	*buf = '\0';
	if (ff->kind != FORM_DATE && ff->kind != FORM_WHEN)
		return;
	v = tui_form_get(f, (size_t)(ff - f->fields));
	if (v == NULL)
		return;
	if (ff->kind == FORM_DATE && oneteam_date(ot, ff->label, v, iso,
	    &cause) == 0) {
		tui_date(iso, buf, len);
	} else if (ff->kind == FORM_WHEN && time_parse(v, ot->now, &ms,
	    &cause) == 0)
		time_format(ms, buf, len);
	free(cause);
}

static int
tui_form_draw_field(struct tui_form *f, struct form_field *ff, WINDOW *win,
    int y, int w, int focused)
{
	char		 preview[64];
	const char	*label;
	int		 x = FORM_LABEL + 2, cols = w - x - 1;

	ff->y = y;
	mvwaddstr(win, y, 0, focused ? ">" : " ");
	w_text(win, y, 1, FORM_LABEL, ff->label, ff->error != NULL ?
	    tui_look(LOOK_FLAG) : focused ? (int)A_BOLD : 0);
	if (ff->kind == FORM_CHOICE && w_choice_ticks(ff->choice)) {
		char	*all = w_choice_ticked_labels(ff->choice);

		w_text(win, y, x, cols, all != NULL ? all : "(none ticked)",
		    tui_look(LOOK_FIELD));
		free(all);
	} else if (ff->kind == FORM_CHOICE) {
		label = w_choice_label(ff->choice);
		w_text(win, y, x, cols, label != NULL ? label : "(choose)",
		    tui_look(LOOK_FIELD));
	} else {
		tui_form_preview(f, ff, preview, sizeof preview);
		if (*preview != '\0' && cols > 40) {
			cols = 30;
			w_text(win, y, x + cols + 1, w - x - cols - 1,
			    preview, tui_look(LOOK_DIM));
		}
		w_field_draw(ff->field, win, y, x, cols, focused);
	}
	if (ff->error == NULL)
		return y + 1;
	/* "!" says it is wrong without colour. */
	w_text(win, y + 1, 1, FORM_LABEL, "", 0);
	{
		char *say = xprintf("! %s", ff->error);

		w_text(win, y + 1, x, w - x, say, tui_look(LOOK_FLAG));
		free(say);
	}
	return y + 2;
}

static void
tui_form_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h, int w)
{
	struct tui_form		*f = s->data;
	struct form_field	*ff, *lines = NULL;
	const char		*hint;
	size_t			 i;
	int			 y = 2;

	w_text(win, 0, 0, w, f->title, tui_look(LOOK_HEADING));
	for (i = 0; i < f->n; i++) {
		ff = &f->fields[i];
		if (ff->kind == FORM_LINES) {
			lines = ff;
			continue;
		}
		y = tui_form_draw_field(f, ff, win, y, w, i == f->focus);
	}
	if (lines != NULL) {
		int focused = lines == &f->fields[f->focus], eh;

		lines->y = y;
		w_text(win, y, 0, w, focused ? ">" : " ", 0);
		w_text(win, y, 1, w - 1, lines->label, lines->error != NULL ?
		    tui_look(LOOK_FLAG) : focused ? (int)A_BOLD : 0);
		if (lines->error != NULL) {
			char *say = xprintf("! %s", lines->error);

			w_text(win, ++y, 2, w - 2, say, tui_look(LOOK_FLAG));
			free(say);
		}
		eh = h - y - 3;
		w_editor_draw(lines->ed, win, y + 1, 2, eh < 2 ? 2 : eh, w - 4,
		    focused);
	}
	ff = &f->fields[f->focus];
	hint = ff->hint != NULL ? ff->hint : ff->kind == FORM_DATE ?
	    "A date: today, tomorrow, +3d, 12/3, 2026-03-12." :
	    ff->kind == FORM_WHEN ? "When: now, today 14:30, yesterday 9am, "
	    "12/3 10:00." : ff->kind == FORM_LINES ? "Enter starts a new "
	    "line; Tab goes to the next field." : ff->kind == FORM_CHOICE &&
	    w_choice_ticks(ff->choice) ? "Type to filter, arrows to move, "
	    "Enter ticks or unticks; Tab goes on." : ff->kind == FORM_CHOICE ?
	    "Type to filter, arrows to choose, Enter to take it." : "";
	if (ff->error != NULL) {
		/* Also here: an open list covers the line under its field. */
		char *say = xprintf("! %s", ff->error);

		w_text(win, h - 1, 0, w, say, tui_look(LOOK_FLAG));
		free(say);
	} else
		w_text(win, h - 1, 0, w, hint, tui_look(LOOK_DIM));
	if (ff->kind == FORM_CHOICE) {
		/* Below what is wrong with it, which stays in sight. */
		int py = ff->y + (ff->error != NULL ? 2 : 0), ph = h - 1 - py;

		if (ph > FORM_POPUP)
			ph = FORM_POPUP;
		w_choice_draw(ff->choice, win, py, FORM_LABEL + 2, ph,
		    w - FORM_LABEL - 3, 1);
	}
}

/* --- keys --------------------------------------------------------------- */

static void
tui_form_move(struct tui_form *f, int by)
{
	tui_form_check(f, f->focus);
	if (by > 0)
		f->focus = (f->focus + 1) % f->n;
	else
		f->focus = (f->focus + f->n - 1) % f->n;
}

/*
 * The core refused the change, naming a field of this form: its message
 * goes under that field, which takes the cursor. Returns -1 when the form
 * has no such field (the message line then says it).
 */
static int
tui_form_refused(struct tui_form *f, char *cause)
{
	const char	*name = tui_core(f->t)->fault_field;
	size_t		 i;

	for (i = 0; name != NULL && i < f->n; i++) {
		if (f->fields[i].name == NULL ||
		    strcmp(f->fields[i].name, name) != 0)
			continue;
		free(f->fields[i].error);
		f->fields[i].error = cause;
		f->focus = i;
		return 0;
	}
	return -1;
}

static void
tui_form_save(struct tui *t, struct tui_form *f)
{
	char	*said, *cause = NULL;

	if (tui_form_check_all(f) != 0)
		goto correct;
	tui_core(t)->fault_field = NULL;
	if ((said = f->save(t, f, &cause)) == NULL) {
		/* No cause: the save put another screen in the form's
		 * place, and the form is gone. */
		if (cause != NULL && tui_form_refused(f, cause) == 0)
			goto correct;
		if (cause != NULL)
			tui_fail(t, cause);
		return;
	}
	tui_done(t, "%s", said);
	free(said);
	return;
correct:
	tui_fail(t, xprintf("%s: please correct what is marked !", f->title));
}

static enum w_result
tui_form_widget_key(struct tui_form *f, struct form_field *ff, int key)
{
	switch (ff->kind) {
	case FORM_LINES:
		return w_editor_key(ff->ed, key);
	case FORM_CHOICE:
		return w_choice_key(ff->choice, key);
	default:
		return w_field_key(ff->field, key);
	}
}

static enum w_result
tui_form_key(struct tui *t, struct tui_screen *s, int key)
{
	struct tui_form		*f = s->data;
	struct form_field	*ff = &f->fields[f->focus];

	switch (key) {
	case W_FN | KEY_F(2):
	case W_CTRL('o'):
		tui_form_save(t, f);
		return W_HANDLED;
	case '\t':
		tui_form_move(f, 1);
		return W_HANDLED;
	case W_FN | KEY_BTAB:
		tui_form_move(f, -1);
		return W_HANDLED;
	}
	switch (tui_form_widget_key(f, ff, key)) {
	case W_SUBMIT:
		tui_form_move(f, 1);
		return W_HANDLED;
	case W_CANCEL:
		return W_IGNORED;	/* Esc: leave, asking first */
	case W_IGNORED:
		break;
	default:
		free(ff->error);
		ff->error = NULL;
		return W_HANDLED;
	}
	if (key == (W_FN | KEY_UP) || key == (W_FN | KEY_DOWN)) {
		tui_form_move(f, key == (W_FN | KEY_UP) ? -1 : 1);
		return W_HANDLED;
	}
	/* Keys of the screens (q, ? and letters) are text here. */
	return key == 27 || (key & W_FN) ? W_IGNORED : W_HANDLED;
}

static int
tui_form_leave(struct tui *t, struct tui_screen *s)
{
	struct tui_form	*f = s->data;

	if (!tui_form_changed(f))
		return 1;
	return tui_ask(t, "Leave this form? What you typed will be lost.");
}

static int
tui_form_unsaved(struct tui_screen *s)
{
	return tui_form_changed(s->data);
}

static void
tui_form_free(struct tui_screen *s)
{
	struct tui_form		*f = s->data;
	struct form_field	*ff;
	size_t			 i;

	for (i = 0; i < f->n; i++) {
		ff = &f->fields[i];
		free(ff->name);
		free(ff->label);
		free(ff->hint);
		free(ff->initial);
		free(ff->error);
		free(ff->value);
		free(ff->start);
		w_field_free(ff->field);
		w_editor_free(ff->ed);
		w_choice_free(ff->choice);
	}
	free(f->fields);
	free(f->title);
	if (f->data_free != NULL && f->data != NULL)
		f->data_free(f->data);
	else
		free(f->data);
	free(f);
}

static const struct tui_bind tui_form_binds[] = {
	{ W_FN | KEY_F(2), "F2", "save", 1, NULL },
	{ W_CTRL('o'), "Ctrl-O", "save", 0, NULL },
	{ '\t', "Tab", "next field", 1, NULL },
	{ W_FN | KEY_BTAB, "Shift-Tab", "previous field", 0, NULL },
	{ 27, "Esc", "cancel", 1, NULL },
	{ 0, NULL, NULL, 0, NULL }
};

const struct tui_screen_ops tui_form_ops = {
	.name = "Form",
	.typing = 1,
	.about = "Fill in the fields; what is wrong is explained under the "
	    "field and nothing is saved until it is right.",
	.binds = tui_form_binds,
	.draw = tui_form_draw,
	.key = tui_form_key,
	.free = tui_form_free,
	.leave = tui_form_leave,
	.unsaved = tui_form_unsaved,
};

void
tui_form_open(struct tui *t, struct tui_form *f)
{
	size_t	i;

	/* What a list to tick starts as, to know whether it was changed. */
	for (i = 0; i < f->n; i++)
		if (f->fields[i].choice != NULL &&
		    w_choice_ticks(f->fields[i].choice))
			f->fields[i].start = w_choice_ticked(
			    f->fields[i].choice);
	tui_push(t, &tui_form_ops, f);
}
