/*
 * huddle-reason.c owns a huddle's reasons as facts (huddle.h): their
 * codes, the one place they become words (huddle_reason_words()), and
 * their rows in a recorded huddle, one a reason of an item (the
 * huddle_reason kind), read back as the agenda had them. An item that
 * older sites recorded with its reasons in words only (huddle_item's
 * reasons, a line each) reads back as reasons of words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huddle-int.h"
#include "oneteam/date.h"
#include "oneteam/kinds.h"
#include "oneteam/xmalloc.h"

static const char *const reason_codes[HUDDLE_NREASONS] = {
	[HUDDLE_R_RED_FLAG] = "red_flag",
	[HUDDLE_R_REFERRAL_NEW] = "referral_new",
	[HUDDLE_R_CONCERN] = "concern",
	[HUDDLE_R_REFERRAL_WAITING] = "referral_waiting",
	[HUDDLE_R_STEP] = "step",
	[HUDDLE_R_NO_LEAD] = "no_lead",
	[HUDDLE_R_CONSENT] = "consent",
	[HUDDLE_R_REVIEW] = "review",
	[HUDDLE_R_ACTION] = "action",
	[HUDDLE_R_FOLLOW_UP] = "follow_up",
	[HUDDLE_R_CONFLICT] = "conflict",
	[HUDDLE_R_NOT_REACHED] = "not_reached",
	[HUDDLE_R_PROSE] = "prose",
};

const char *
huddle_reason_code(enum huddle_reason_kind k)
{
	return (unsigned)k < HUDDLE_NREASONS ? reason_codes[k] : "";
}

/* A code of a newer version than this one reads as words. */
enum huddle_reason_kind
huddle_reason_parse(const char *code)
{
	int	k;

	for (k = 0; k < HUDDLE_NREASONS; k++)
		if (strcmp(reason_codes[k], code) == 0)
			return (enum huddle_reason_kind)k;
	return HUDDLE_R_PROSE;
}

static const char *
plural(int64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* The reason's words, without its agreed response. */
static char *
reason_words(const struct huddle_reason *r)
{
	const char	*label = r->label != NULL ? r->label : r->code != NULL ?
			    r->code : "";
	const char	*who = r->who != NULL ? r->who : "";
	char		 when[32], day[32], due[32];
	int		 up;

	time_format(r->at, when, sizeof when);
	date_format(r->day, day, sizeof day);
	date_format(r->due, due, sizeof due);
	switch (r->kind) {
	case HUDDLE_R_RED_FLAG:
		return xprintf("Red flag: %s (%s), raised %s by %s%s", label,
		    r->severity != NULL ? r->severity : "severity not known",
		    when, who, r->state != NULL && strcmp(r->state,
		    "not_acknowledged") == 0 ? "; not acknowledged" : "");
	case HUDDLE_R_REFERRAL_NEW:
		return xprintf("New referral to %s (%s urgency), raised %s by "
		    "%s", label, r->severity != NULL ? r->severity : "no",
		    when, who);
	case HUDDLE_R_CONCERN:
		return xprintf("%s on %s, recorded by %s", label, when, who);
	case HUDDLE_R_REFERRAL_WAITING:
		return xprintf("Referral to %s %s, waiting %d day%s past its "
		    "response date (%s)", label, r->state != NULL ? r->state :
		    "", r->late, plural(r->late, "", "s"), due);
	case HUDDLE_R_STEP:
		up = r->state != NULL && strcmp(r->state, "accepted") == 0;
		return xprintf("Proposed for step %s: %s %s the referral on "
		    "%s; the family is at level %lld", up ? "up" : "down",
		    label, up ? "accepted" : r->state != NULL &&
		    strcmp(r->state, "declined") == 0 ? "declined" : "closed",
		    when, (long long)r->level);
	case HUDDLE_R_NO_LEAD:
		return xprintf("No lead professional: level %lld, %lld "
		    "agenc%s involved", (long long)r->level,
		    (long long)r->count, plural(r->count, "y", "ies"));
	case HUDDLE_R_CONSENT:
		if (r->state == NULL)
			return xstrdup("Consent to share not recorded");
		if (strcmp(r->state, "given") != 0)
			return xprintf("Consent to share %s on %s", r->state,
			    day);
		return xprintf("Consent to share due for review (%s)", due);
	case HUDDLE_R_REVIEW:
		return xprintf("Review overdue since %s (%d day%s)", due,
		    r->late, plural(r->late, "", "s"));
	case HUDDLE_R_ACTION:
		return xprintf("Action for %s due %s (%d day%s late): %s",
		    r->owner != NULL ? r->owner : "", due, r->late,
		    plural(r->late, "", "s"), r->detail != NULL ? r->detail :
		    "");
	case HUDDLE_R_FOLLOW_UP:
		return xprintf("Follow-up by %s due %s (%d day%s late), after "
		    "a %s", who, due, r->late, plural(r->late, "", "s"),
		    label);
	case HUDDLE_R_CONFLICT:
		return xprintf("Conflict: %s of the %s was changed at two "
		    "sites while apart (%lld values)", r->detail != NULL ?
		    r->detail : "", r->etype != NULL ? r->etype : "record",
		    (long long)r->count);
	case HUDDLE_R_NOT_REACHED:
		if (r->detail == NULL)
			return xprintf("Not reached at the huddle on %s", day);
		return xprintf("Not reached at the huddle on %s, which had: "
		    "%s", day, r->detail);
	default:
		return xstrdup(r->detail != NULL ? r->detail : "");
	}
}

char *
huddle_reason_words(const struct huddle_reason *r, int flags)
{
	char	*s, *t;

	s = reason_words(r);
	if (!(flags & HUDDLE_WORDS_RESPONSE) || r->response == NULL)
		return s;
	t = xprintf("%s; agreed response: %s", s, r->response);
	free(s);
	return t;
}

void
huddle_reason_clear(struct huddle_reason *r)
{
	free(r->code);
	free(r->label);
	free(r->state);
	free(r->detail);
	free(r->who);
	free(r->owner);
	free(r->severity);
	free(r->response);
	memset(r, 0, sizeof *r);
}

/* The columns of a reason's row, in the registry's order (kinds.c). */
#define REASON_NFIELDS	22

int
huddle_reasons_store(struct oneteam *ot, const struct id *item,
    const struct id *family, const struct huddle_reason *rs, size_t n,
    char **cause)
{
	struct field	 f[REASON_NFIELDS];
	size_t		 k;
	int		 rc = 0;

	for (k = 0; k < n && rc == 0; k++) {
		const struct huddle_reason *r = &rs[k];

		f[0] = (struct field){ "item", val_id(item) };
		f[1] = (struct field){ "family", val_id(family) };
		f[2] = (struct field){ "position", val_int((int64_t)k + 1) };
		f[3] = (struct field){ "grp",
		    val_text(huddle_group_code(r->group)) };
		f[4] = (struct field){ "kind",
		    val_text(huddle_reason_code(r->kind)) };
		f[5] = (struct field){ "record_kind", val_text(r->etype) };
		f[6] = (struct field){ "record", val_id(&r->record) };
		f[7] = (struct field){ "code", val_text(r->code) };
		f[8] = (struct field){ "label", val_text(r->label) };
		f[9] = (struct field){ "state", val_text(r->state) };
		f[10] = (struct field){ "detail", val_text(r->detail) };
		f[11] = (struct field){ "at", r->at != 0 ? val_int(r->at) :
		    val_null() };
		f[12] = (struct field){ "day", val_text(*r->day != '\0' ?
		    r->day : NULL) };
		f[13] = (struct field){ "due", val_text(*r->due != '\0' ?
		    r->due : NULL) };
		f[14] = (struct field){ "who", val_text(r->who) };
		f[15] = (struct field){ "owner", val_text(r->owner) };
		f[16] = (struct field){ "severity", val_text(r->severity) };
		f[17] = (struct field){ "late", val_int(r->late) };
		f[18] = (struct field){ "level", val_int(r->level) };
		f[19] = (struct field){ "number", val_int(r->count) };
		f[20] = (struct field){ "response", val_text(r->response) };
		f[21] = (struct field){ "carried", val_int(r->carried) };
		rc = store_new(ot->st, "huddle_reason", f, REASON_NFIELDS, NULL,
		    cause);
	}
	return rc;
}

/* What a reason's row is read by, after a first column. */
#define REASON_COLUMNS "r.grp, r.kind, r.record_kind, r.record, r.code, " \
	"r.label, r.state, r.detail, r.at, r.day, r.due, r.who, r.owner, " \
	"r.severity, r.late, r.level, r.number, r.response, r.carried"

/* A reason from a row of REASON_COLUMNS, from column 1. */
static void
reason_from_row(struct query *q, struct huddle_reason *r)
{
	const struct kind	*k;

	memset(r, 0, sizeof *r);
	r->group = huddle_group_parse(query_text(q, 1));
	r->kind = huddle_reason_parse(query_text(q, 2));
	if ((k = kinds_get(query_text(q, 3))) != NULL) {
		r->etype = k->etype;
		if (!query_is_null(q, 4)) {
			r->record = query_id(q, 4);
			oneteam_ref(k->etype, &r->record, r->ref);
		}
	}
	r->code = query_text_dup(q, 5);
	r->label = query_text_dup(q, 6);
	r->state = query_text_dup(q, 7);
	r->detail = query_text_dup(q, 8);
	r->at = query_int(q, 9);
	snprintf(r->day, sizeof r->day, "%s", query_text(q, 10));
	snprintf(r->due, sizeof r->due, "%s", query_text(q, 11));
	r->who = query_text_dup(q, 12);
	r->owner = query_text_dup(q, 13);
	r->severity = query_text_dup(q, 14);
	r->late = (int)query_int(q, 15);
	r->level = query_int(q, 16);
	r->count = query_int(q, 17);
	r->response = query_text_dup(q, 18);
	r->carried = query_int(q, 19) != 0;
}

int
huddle_reasons_had(struct oneteam *ot, const struct id *item,
    const char *prose, char **out)
{
	struct huddle_reason	 r;
	struct query		*q;
	char			*all = NULL, *w, *t, *p;
	int			 rc;

	q = query_prepare(ot->st, "SELECT r.item, " REASON_COLUMNS " FROM "
	    "huddle_reason r WHERE r.item = ?1 ORDER BY r.position, r.id");
	query_bind_id(q, 1, item);
	while ((rc = query_step(q)) == 1) {
		reason_from_row(q, &r);
		w = huddle_reason_words(&r, HUDDLE_WORDS_RESPONSE);
		t = all == NULL ? w : xprintf("%s;%s", all, w);
		if (t != w)
			free(w);
		free(all);
		all = t;
		huddle_reason_clear(&r);
	}
	query_done(q);
	if (rc < 0) {
		free(all);
		return -1;
	}
	/* Before the rows: its lines, as they were kept. */
	if (all == NULL) {
		all = xstrdup(prose);
		for (p = all; (p = strchr(p, '\n')) != NULL; p++)
			*p = ';';
	}
	*out = all;
	return 0;
}

/* An item recorded with its reasons in words only: a reason a line. */
static void
reasons_from_prose(struct huddle_entry *e, const char *prose)
{
	char	*all = xstrdup(prose), *p = all, *line;

	while ((line = strsep(&p, "\n")) != NULL) {
		struct huddle_reason *r;

		e->reasons = xreallocarray(e->reasons, e->nreasons + 1,
		    sizeof *e->reasons);
		r = &e->reasons[e->nreasons++];
		memset(r, 0, sizeof *r);
		r->group = e->group;
		r->kind = HUDDLE_R_PROSE;
		r->detail = xstrdup(line);
	}
	free(all);
}

int
huddle_reasons_load(struct oneteam *ot, struct huddle *h,
    char *const *prose, char **cause)
{
	struct query	*q;
	struct id	 item;
	size_t		 i = 0;
	int		 rc;

	/* Items and rows both in the items' order: one pass. */
	q = query_prepare(ot->st, "SELECT r.item, " REASON_COLUMNS " FROM "
	    "huddle_item i JOIN huddle_reason r ON r.item = i.id WHERE "
	    "i.huddle = ?1 ORDER BY i.position, i.id, r.position, r.id");
	query_bind_id(q, 1, &h->id);
	while ((rc = query_step(q)) == 1) {
		struct huddle_entry *e;

		item = query_id(q, 0);
		while (i < h->nitems && id_cmp(&h->items[i].id, &item) != 0)
			i++;
		if (i == h->nitems)
			break;
		e = &h->items[i];
		e->reasons = xreallocarray(e->reasons, e->nreasons + 1,
		    sizeof *e->reasons);
		reason_from_row(q, &e->reasons[e->nreasons++]);
	}
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	for (i = 0; i < h->nitems; i++)
		if (h->items[i].nreasons == 0 && prose[i] != NULL)
			reasons_from_prose(&h->items[i], prose[i]);
	return 0;
}
