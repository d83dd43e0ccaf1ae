/*
 * huddle-minutes.c owns the minutes of a recorded huddle: the words made
 * from its record (huddle-meet.c reads and writes the record; huddle.c
 * builds the agenda; a reason's words are huddle_reason_words()'s), for
 * the team or to be sent, for people or as Markdown. The rule of what
 * minutes to be sent may say of a family without consent to share is
 * here, once, for the command line and the screens alike.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/date.h"
#include "oneteam/huddle.h"
#include "oneteam/xmalloc.h"

/* The minutes as they are written: lines, each ending in "\n". */
struct minutes {
	char	*text;
	size_t	 len;
	int	 flags;
};

static void
minutes_line(struct minutes *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
minutes_line(struct minutes *m, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	size_t	 n;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	n = strlen(s);
	m->text = xreallocarray(m->text, m->len + n + 2, 1);
	memcpy(m->text + m->len, s, n);
	m->len += n;
	m->text[m->len++] = '\n';
	m->text[m->len] = '\0';
	free(s);
}

/*
 * Text from the records as one line of the minutes: a line break in it
 * would start a line of its own (an item, a heading), so it becomes
 * "; ". For Markdown, its marks are shown as they are.
 */
static char *
minutes_words(const struct minutes *m, const char *s)
{
	char	*out, *p;
	int	 md = m->flags & HUDDLE_MINUTES_MARKDOWN;

	out = p = xmalloc(2 * strlen(s) + 1);
	for (; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r') {
			*p++ = ';';
			*p++ = ' ';
			continue;
		}
		if (md && strchr("\\`*_[]<>#|", *s) != NULL)
			*p++ = '\\';
		*p++ = *s;
	}
	*p = '\0';
	return out;
}

/* A time of the record as the minutes say it; "" for none. */
static const char *
minutes_time(const struct minutes *m, int64_t ms, char *buf, size_t len)
{
	if (ms == 0)
		*buf = '\0';
	else if (m->flags & HUDDLE_MINUTES_ISO)
		time_format_iso(ms, buf, len);
	else
		time_format(ms, buf, len);
	return buf;
}

/* Each of the item's reasons in words, indented. */
static void
minutes_reasons(struct minutes *m, const struct huddle_entry *e)
{
	char	*w, *t;
	size_t	 k;

	for (k = 0; k < e->nreasons; k++) {
		w = huddle_reason_words(&e->reasons[k], HUDDLE_WORDS_RESPONSE);
		t = minutes_words(m, w);
		minutes_line(m, "   - %s", t);
		free(t);
		free(w);
	}
}

/* May the minutes give the details of this item's family? */
static int
minutes_show(const struct minutes *m, const struct huddle_entry *e)
{
	return !(m->flags & HUDDLE_MINUTES_SHARED) || e->consent;
}

/* The heading: who, when, how far it got, and what is left out. */
static void
minutes_head(struct minutes *m, const struct huddle *h)
{
	const char	*bold = m->flags & HUDDLE_MINUTES_MARKDOWN ? "**" : "";
	size_t		 i, n, decided = 0, hidden = 0;
	char		*t, *loc, day[32], a[32], b[32];
	const char	*p;

	for (i = 0; i < h->nitems; i++) {
		decided += h->items[i].nstanding != 0;
		hidden += !minutes_show(m, &h->items[i]);
	}
	loc = minutes_words(m, h->locality_name);
	if (m->flags & HUDDLE_MINUTES_ISO)
		snprintf(day, sizeof day, "%s", h->day);
	else
		date_format(h->day, day, sizeof day);
	minutes_line(m, "%sHuddle of %s, %s (%s)", m->flags &
	    HUDDLE_MINUTES_MARKDOWN ? "# " : "", loc, day, h->ref);
	free(loc);
	minutes_line(m, "%s", "");
	t = minutes_words(m, h->started_by);
	minutes_line(m, "%sStarted:%s %s by %s; %s%s.", bold, bold,
	    minutes_time(m, h->started, a, sizeof a), t, h->ended != 0 ?
	    "ended " : "still running", minutes_time(m, h->ended, b,
	    sizeof b));
	free(t);
	t = minutes_words(m, h->present != NULL ? h->present :
	    "not recorded");
	minutes_line(m, "%sPresent:%s %s.", bold, bold, t);
	free(t);
	/* Guests are named for the team; minutes to be sent count them:
	 * a guest may be of a family ("the children's grandfather"). */
	if (h->guests != NULL && (m->flags & HUDDLE_MINUTES_SHARED)) {
		n = 1;
		for (p = h->guests; (p = strchr(p, ',')) != NULL; p++)
			n++;
		minutes_line(m, "%sGuests:%s %zu (named in the team's "
		    "minutes).", bold, bold, n);
	} else if (h->guests != NULL) {
		t = minutes_words(m, h->guests);
		minutes_line(m, "%sGuests:%s %s.", bold, bold, t);
		free(t);
	}
	if (h->apologies != NULL) {
		t = minutes_words(m, h->apologies);
		minutes_line(m, "%sApologies:%s %s.", bold, bold, t);
		free(t);
	}
	minutes_line(m, "%sNew since:%s %s.", bold, bold,
	    minutes_time(m, h->since, a, sizeof a));
	minutes_line(m, "%sItems:%s %zu, %zu decided, %zu %s%s.", bold, bold,
	    h->nitems, decided, h->nitems - decided, h->ended != 0 ?
	    "not reached" : "to discuss", h->ended != 0 && h->nitems > decided ?
	    " (they roll over to the next huddle)" : "");
	if (hidden != 0)
		minutes_line(m, "%sLeft out:%s the details of %zu famil%s "
		    "that %s not given consent to share outside the team.",
		    bold, bold, hidden, hidden == 1 ? "y" : "ies",
		    hidden == 1 ? "has" : "have");
}

/* Who undid a decision, and why (details kept to the team's). */
static void
minutes_undone(struct minutes *m, const struct huddle_decided *d, int show)
{
	char	*by, *why;

	by = minutes_words(m, d->undo_by != NULL && *d->undo_by != '\0' ?
	    d->undo_by : "someone of another site");
	why = minutes_words(m, show && d->undo_note != NULL ? d->undo_note :
	    "");
	minutes_line(m, "     Undone by %s%s%s", by, *why != '\0' ? ": " :
	    "", why);
	free(by);
	free(why);
}

/* An item: its family, its reasons, what was decided. */
static void
minutes_item(struct minutes *m, const struct huddle *h,
    const struct huddle_entry *e)
{
	const char	*bold = m->flags & HUDDLE_MINUTES_MARKDOWN ? "**" : "";
	int		 show = minutes_show(m, e);
	size_t		 k;
	char		*hh, *t;

	minutes_line(m, "%s", "");
	hh = minutes_words(m, show ? e->household : "");
	minutes_line(m, "%d. %s%s%s%s%s%s", e->position, bold, e->ref,
	    show ? " " : "", hh, bold, show ? "" :
	    " (details left out: no consent to share)");
	free(hh);
	if (show)
		minutes_reasons(m, e);
	for (k = 0; k < e->ndecisions; k++) {
		const struct huddle_decided *d = &e->decisions[k];

		t = minutes_words(m, show ? d->note :
		    huddle_decision_name(d->kind));
		minutes_line(m, "   - %s%s:%s %s%s%s", bold, d->undone ?
		    "Decided, then undone" : "Decided", bold, t,
		    *d->ref != '\0' ? " " : "", d->ref);
		free(t);
		if (d->undone)
			minutes_undone(m, d, show);
	}
	if (e->nstanding == 0)
		minutes_line(m, "   - %s", h->ended != 0 ? "Not reached: "
		    "rolls over to the next huddle" : "To discuss");
}

/* The actions agreed, with their records: who does what by when. */
static void
minutes_actions(struct minutes *m, const struct huddle *h)
{
	const struct huddle_decided	*d;
	size_t				 i, k, n = 0;
	char				*t;

	for (i = 0; i < h->nitems; i++)
		for (k = 0; k < h->items[i].ndecisions; k++) {
			d = &h->items[i].decisions[k];
			if (huddle_decision_record(d->kind) == NULL ||
			    strcmp(huddle_decision_record(d->kind),
			    "action") != 0 || d->undone)
				continue;
			if (n++ == 0) {
				minutes_line(m, "%s", "");
				minutes_line(m, "%s", m->flags &
				    HUDDLE_MINUTES_MARKDOWN ? "## Actions" :
				    "Actions");
				if (m->flags & HUDDLE_MINUTES_MARKDOWN)
					minutes_line(m, "%s", "");
			}
			t = minutes_words(m, minutes_show(m, &h->items[i]) ?
			    d->note : "an action (details left out)");
			minutes_line(m, "- %s (%s, %s)", t, d->ref,
			    h->items[i].ref);
			free(t);
		}
}

char *
huddle_minutes(const struct huddle *h, int flags)
{
	struct minutes	m = { NULL, 0, flags };
	size_t		i;

	minutes_head(&m, h);
	for (i = 0; i < h->nitems; i++)
		minutes_item(&m, h, &h->items[i]);
	minutes_actions(&m, h);
	return m.text;
}
