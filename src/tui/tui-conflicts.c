/*
 * tui-conflicts.c: the Conflicts queue: every field that two people
 * changed while apart, with each value, who made it, at which site and
 * when; the first is the one every site shows meanwhile. Enter keeps the
 * value under the cursor, m writes a merged text; either is a change
 * that reaches the other sites and resolves the conflict there too.
 * Below the queue, when there are any, the changes every site refused
 * for their author's role (kept in the log, not applied): there is
 * nothing to resolve in them, only to know. The queue is the core's
 * (conflict.c), and so is the list of refusals (authority.h, which check
 * prints too); this file lays them out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/authority.h"
#include "oneteam/conflict.h"
#include "oneteam/xmalloc.h"
#include "tui-forms.h"
#include "tui-sync.h"

/* A value a row stands for: kind is its index in picks, plus one. */
struct pick {
	char	 ref[ID_REF_MAX];
	char	*field;
	size_t	 take;
	char	*value;
	int	 text;		/* the field holds text: may be merged */
	int	 secret;	/* a passphrase: never kept from here */
};

struct conflicts {
	struct tui_doc	*doc;
	struct pick	*picks;
	size_t		 npicks;
	int		 count;
	int		 refused;
};

/* The kind of a line of a refused change: no value to keep. */
enum { KIND_REFUSED = -1 };

enum { COL_N, COL_VALUE, COL_WHO, COL_WHERE, NCOLS };
static const struct tui_col conflicts_cols[NCOLS] = {
	{ "", 10 }, { "Value", 0 }, { "By", 20 }, { "Site and when", 30 },
};

static void
conflicts_drop(struct conflicts *cs)
{
	size_t	i;

	for (i = 0; i < cs->npicks; i++) {
		free(cs->picks[i].field);
		free(cs->picks[i].value);
	}
	free(cs->picks);
	cs->picks = NULL;
	cs->npicks = 0;
}

struct conflicts_arg {
	struct tui		*t;
	struct conflicts	*cs;
};

static int
conflicts_add(const struct conflict *c, void *arg)
{
	struct conflicts_arg	*a = arg;
	struct conflicts	*cs = a->cs;
	struct pick		*p;
	const char		*v[NCOLS];
	char			 ref[ID_REF_MAX], n[32], when[64], *where;
	size_t			 i;

	conflict_ref(c, ref);
	tui_doc_textf(cs->doc, tui_look(LOOK_HEADING), 0, "%s %s of %s%s%s",
	    c->etype, c->field, ref, c->household != NULL ? ", " : "",
	    c->household != NULL ? c->household : "");
	for (i = 0; i < c->nvalues; i++) {
		cs->picks = xreallocarray(cs->picks, cs->npicks + 1,
		    sizeof *cs->picks);
		p = &cs->picks[cs->npicks++];
		memcpy(p->ref, ref, sizeof p->ref);
		p->field = xstrdup(c->field);
		p->take = i + 1;
		p->value = xstrdup(c->values[i].value != NULL ?
		    c->values[i].value : "");
		/* A number, a date, a code or a member of staff is kept,
		 * not merged: the core says which may be (authority.h). */
		p->text = c->merge;
		p->secret = c->secret;
		snprintf(n, sizeof n, "%zu%s", i + 1, i == 0 ? " shown" : "");
		tui_when(a->t, c->values[i].at, when, sizeof when);
		where = xprintf("%s, %s", c->values[i].site, when);
		v[COL_N] = n;
		v[COL_VALUE] = c->secret ? "(a passphrase: not shown)" :
		    c->values[i].value != NULL ? c->values[i].value :
		    "(empty)";
		v[COL_WHO] = c->values[i].who;
		v[COL_WHERE] = where;
		tui_doc_row(cs->doc, 0, (int)cs->npicks, NULL, v);
		free(where);
	}
	tui_doc_text(cs->doc, 0, 0, NULL, 0, "");
	return 0;
}

/*
 * A refused change, under the queue's columns: what it would have set and
 * why not (wrapped, as a conflict's heading is), then who, where and when.
 * The heading of the section comes with the first, so none shows alone.
 */
static int
conflicts_refused_add(const struct authority_refusal *r, void *arg)
{
	struct conflicts_arg	*a = arg;
	struct conflicts	*cs = a->cs;
	const char		*v[NCOLS];
	char			 when[64], *s;

	if (cs->refused++ == 0) {
		if (cs->count == 0)
			tui_doc_text(cs->doc, 0, 0, NULL, 0, "");
		tui_doc_text(cs->doc, tui_look(LOOK_HEADING), KIND_REFUSED,
		    NULL, 0, "Refused changes (kept, not applied, the same "
		    "at every site)");
	}
	s = xprintf("%s: %s", r->what, r->why);
	tui_doc_text(cs->doc, 0, KIND_REFUSED, NULL, 0, s);
	free(s);
	tui_when(a->t, r->at, when, sizeof when);
	s = xprintf("%s, %s", r->site, when);
	v[COL_N] = "refused";
	v[COL_VALUE] = "(not applied)";
	v[COL_WHO] = *r->who != '\0' ? r->who : "nobody";
	v[COL_WHERE] = s;
	tui_doc_row(cs->doc, 0, KIND_REFUSED, NULL, v);
	free(s);
	return 0;
}

static int
conflicts_load(struct tui *t, struct tui_screen *s, char **cause)
{
	struct conflicts	*cs = s->data;
	struct conflicts_arg	 a = { t, cs };

	tui_doc_clear(cs->doc);
	conflicts_drop(cs);
	cs->refused = 0;
	tui_doc_columns(cs->doc, conflicts_cols, NCOLS);
	if ((cs->count = conflict_list(tui_core(t), conflicts_add, &a,
	    cause)) < 0)
		return -1;
	if (cs->count == 0)
		tui_doc_text(cs->doc, tui_look(LOOK_DIM), 0, NULL, 0,
		    "No conflicts: nobody changed the same thing while apart.");
	return authority_refused(tui_core(t), conflicts_refused_add, &a,
	    cause);
}

static void
conflicts_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h,
    int w)
{
	struct conflicts	*cs = s->data;
	char			*line, *refused;

	(void)t;
	/* Said first: at 80 columns the end of the line is cut. */
	refused = cs->refused == 0 ? xstrdup("") : xprintf(", %d change%s "
	    "refused (below)", cs->refused, cs->refused == 1 ? "" : "s");
	line = cs->count == 0 ? xprintf("No conflicts to resolve%s",
	    refused) : xprintf("%d conflict%s to resolve%s: Enter keeps the "
	    "value under the cursor, m writes a merged one", cs->count,
	    cs->count == 1 ? "" : "s", refused);
	w_text(win, 0, 0, w, line, tui_look(LOOK_HEADING));
	free(refused);
	free(line);
	tui_doc_draw(cs->doc, win, 1, h - 1, w);
}

static enum w_result
conflicts_key(struct tui *t, struct tui_screen *s, int key)
{
	struct conflicts	*cs = s->data;

	(void)t;
	return tui_doc_key(cs->doc, key) == W_IGNORED ? W_IGNORED :
	    W_HANDLED;
}

/* The value under the cursor, or NULL (and a word why). */
static struct pick *
conflicts_pick(struct tui *t, struct conflicts *cs)
{
	struct id	id;
	int		kind;

	if (!tui_doc_selected(cs->doc, &kind, &id))
		kind = 0;
	if (kind == KIND_REFUSED) {
		tui_say(t, "A refused change is kept as it came, never "
		    "applied: there is nothing in it to keep or merge.");
		return NULL;
	}
	if (kind < 1 || (size_t)kind > cs->npicks) {
		tui_say(t, "Move the cursor to a value first.");
		return NULL;
	}
	return &cs->picks[kind - 1];
}

static int
conflicts_keep(struct tui *t, struct tui_screen *s, int key)
{
	struct conflicts	*cs = s->data;
	struct pick		*p;
	char			*q, *cause = NULL;
	int			 yes;

	(void)key;
	if ((p = conflicts_pick(t, cs)) == NULL)
		return 0;
	if (p->secret) {
		tui_say(t, "A passphrase changed at two sites is not kept from "
		    "here: setting a new one ends the conflict.");
		return 0;
	}
	q = xprintf("Keep \"%s\" as %s of %s?", p->value, p->field, p->ref);
	yes = tui_ask(t, q);
	free(q);
	if (!yes)
		return 0;
	if (conflict_resolve(tui_core(t), p->ref, p->field, p->take, NULL,
	    p->value, &cause) != 0) {
		tui_reload(t);
		tui_fail(t, cause);
		return 0;
	}
	tui_say(t, "Resolved %s of %s: it reaches the other sites with the "
	    "next bundle.", p->field, p->ref);
	tui_reload(t);
	return 0;
}

/* The merged-text form: one field, saved as the resolution. */
struct merge {
	char	 ref[ID_REF_MAX];
	char	 field[72];	/* a field's name: at most 64 bytes */
	size_t	 text;		/* the field of the form */
};

static char *
merge_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct merge	*m = tui_form_data(f);

	if (conflict_resolve(tui_core(t), m->ref, m->field, 0,
	    tui_form_get(f, m->text) != NULL ? tui_form_get(f, m->text) : "",
	    NULL, cause) != 0)
		return NULL;
	return xprintf("Resolved %s of %s with the merged text.", m->field,
	    m->ref);
}

static int
conflicts_merge(struct tui *t, struct tui_screen *s, int key)
{
	struct conflicts	*cs = s->data;
	struct tui_target	 target;
	struct tui_form		*f;
	struct merge		*m;
	struct pick		*p;
	char			*title;

	(void)key;
	if ((p = conflicts_pick(t, cs)) == NULL)
		return 0;
	if (!p->text) {
		tui_say(t, "%s is not a text written in words: keep one of "
		    "the values with Enter.", p->field);
		return 0;
	}
	memset(&target, 0, sizeof target);
	m = xcalloc(1, sizeof *m);
	memcpy(m->ref, p->ref, sizeof m->ref);
	snprintf(m->field, sizeof m->field, "%s", p->field);
	title = xprintf("Merge %s of %s", p->field, p->ref);
	f = tui_form_new(t, title, &target, merge_save);
	free(title);
	m->text = tui_form_add(f, "Merged text", FORM_LINES, 1, p->value);
	/* The core names a merged text it refuses "value". */
	tui_form_name(f, m->text, "value");
	tui_form_hint(f, m->text, "starts as the value under the cursor");
	tui_form_set_data(f, m);
	tui_form_open(t, f);
	return 0;
}

static void
conflicts_free(struct tui_screen *s)
{
	struct conflicts	*cs = s->data;

	if (cs == NULL)
		return;
	conflicts_drop(cs);
	tui_doc_free(cs->doc);
	free(cs);
}

static const struct tui_bind conflicts_binds[] = {
	{ '\r', "Enter", "keep this value", 1, conflicts_keep },
	{ '\n', NULL, NULL, 0, conflicts_keep },
	{ W_FN | KEY_ENTER, NULL, NULL, 0, conflicts_keep },
	{ 'm', "m", "merge", 1, conflicts_merge },
	{ 0, NULL, NULL, 0, NULL }
};

const struct tui_screen_ops tui_conflicts_ops = {
	.name = "Conflicts",
	.about = "Fields two people changed while apart, each value with who, "
	    "where and when; the first is shown meanwhile at every site. "
	    "Keep one, or write a merged text. Below them (End goes there), "
	    "any change that every site refused because its author's role "
	    "did not allow it: kept in the log, never applied.",
	.binds = conflicts_binds,
	.load = conflicts_load,
	.draw = conflicts_draw,
	.key = conflicts_key,
	.free = conflicts_free,
};

void
tui_conflicts_open(struct tui *t)
{
	struct conflicts	*cs = xcalloc(1, sizeof *cs);

	cs->doc = tui_doc_new();
	tui_push(t, &tui_conflicts_ops, cs);
}
