/*
 * huddle-undo.c owns undoing a decision of a running huddle (huddle.h):
 * the last of an item's decisions that stands is marked undone by a
 * record of its own (a decision is never changed once made), and what it
 * wrote is put back through the modules that own it: the lead, the level
 * or the next review by family.c, as the decision found them (kept with
 * it), an action withdrawn by action.c, a referral to the front door
 * withdrawn by referral.c while the front door has not answered it. What
 * was changed since the decision is not overwritten, and what ended an
 * episode (a close, a step to social care) is history: the undoing is
 * refused, saying what to do instead.
 */
#include <stdlib.h>
#include <string.h>

#include "huddle-int.h"
#include "read-private.h"
#include "oneteam/action.h"
#include "oneteam/date.h"
#include "oneteam/family.h"
#include "oneteam/referral.h"
#include "oneteam/field.h"
#include "oneteam/authority.h"
#include "oneteam/conflict.h"
#include "oneteam/staff.h"
#include "oneteam/xmalloc.h"

struct undo_arg {
	const struct huddle		*h;
	const struct huddle_entry	*e;
	const struct huddle_undoing	*ask;
	const char			*why;	/* as read, or NULL */
	struct huddle_decided		*out;
	int				 dry;	/* only whether it may */
};

/* The decision to undo, as it was made. */
struct undo_of {
	struct id		 id;
	enum huddle_decision	 kind;
	struct id		 record;
	char			*before, *after, *note;
};

static void
undo_of_clear(struct undo_of *u)
{
	free(u->before);
	free(u->after);
	free(u->note);
}

/* The last decision of the item that stands: 1, 0 when none, -1. */
static int
undo_last(struct oneteam *ot, const struct huddle_entry *e,
    struct undo_of *u)
{
	struct query	*q;
	int		 rc;

	memset(u, 0, sizeof *u);
	q = query_prepare(ot->st, "SELECT d.id, d.kind, d.record, d.before, "
	    "d.after, d.note FROM huddle_decision d WHERE d.item = ?1 AND "
	    "NOT EXISTS (SELECT 1 FROM huddle_undo u WHERE u.decision = "
	    "d.id) ORDER BY d.at DESC, d.hlc DESC, d.id DESC LIMIT 1");
	query_bind_id(q, 1, &e->id);
	if ((rc = query_step(q)) == 1) {
		u->id = query_id(q, 0);
		if (huddle_decision_parse(query_text(q, 1), &u->kind) != 0)
			u->kind = HUDDLE_NDECISIONS;
		if (!query_is_null(q, 2))
			u->record = query_id(q, 2);
		u->before = query_text_dup(q, 3);
		u->after = query_text_dup(q, 4);
		u->note = xstrdup(query_text(q, 5));
	}
	query_done(q);
	return rc;
}

/*
 * Why, in the family's history: the words said, or the huddle's day (also
 * when the words, so prefixed, would be longer than a reason may be; the
 * minutes have them whole).
 */
static char *
undo_reason(const struct undo_arg *a)
{
	static const char	said[] = "the huddle's decision undone: ";
	char			day[32];

	if (a->why != NULL && *a->why != '\0' &&
	    strlen(said) + strlen(a->why) <= ONETEAM_LINE_MAX)
		return xprintf("%s%s", said, a->why);
	date_format(a->h->day, day, sizeof day);
	return xprintf("the huddle's decision of %s undone", day);
}

/* The lead before, to be put back: an account still open. */
static int
undo_lead_open(struct oneteam *ot, const char *ref, char **cause)
{
	struct staff	s;
	struct id	id;
	int		rc = 0;

	if (oneteam_find(ot, "staff", ref, &id, cause) != 0 ||
	    staff_get(ot, &id, &s, cause) != 0)
		return -1;
	if (!s.active)
		rc = staff_refuse_ended(ot, &s, cause);
	staff_clear(&s);
	return rc;
}

/* A lead or a level put back, if it is still what the decision made. */
static int
undo_family(struct oneteam *ot, const struct undo_arg *a,
    const struct undo_of *u, char **cause)
{
	struct family_change	 fc;
	struct family		 fam;
	const char		*field;
	char			 now[ID_REF_MAX] = "", *reason;
	int			 rc;

	if (u->before == NULL || u->after == NULL)
		return oneteam_refuse(ot, cause, "this decision of %s was made "
		    "by an older oneteam, which kept no record of what it "
		    "changed: change the family itself", a->e->ref);
	/* Social care's level ends early help or starts it again: that
	 * episode is history, not undone. */
	if (u->kind == HUDDLE_LEVEL && (strcmp(u->before, "4") == 0 ||
	    strcmp(u->after, "4") == 0))
		return oneteam_refuse(ot, cause, "the step %s level 4 (social "
		    "care) %s %s's early help episode, which is not undone: "
		    "change the family's level itself, with its reason",
		    strcmp(u->after, "4") == 0 ? "to" : "from",
		    strcmp(u->after, "4") == 0 ? "closed" : "opened",
		    a->e->ref);
	/* Changed apart at another site since: theirs is not overwritten
	 * unasked; the conflicts queue settles it. */
	field = u->kind == HUDDLE_LEAD ? "lead" : u->kind == HUDDLE_LEVEL ?
	    "level" : "next_review";
	if ((rc = conflict_on(ot, &a->e->family, field, cause)) != 0)
		return rc < 0 ? -1 : oneteam_refuse(ot, cause, "the %s of %s "
		    "was changed apart at two sites since the huddle "
		    "decided: settle it in the conflicts queue (C) first",
		    u->kind == HUDDLE_LEAD ? "lead professional" :
		    u->kind == HUDDLE_LEVEL ? "level of need" : "next review",
		    a->e->ref);
	if (family_get_core(ot, &a->e->family, &fam, cause) != 0)
		return -1;
	if (u->kind == HUDDLE_LEAD && !id_is_zero(&fam.lead))
		oneteam_ref("staff", &fam.lead, now);
	else if (u->kind == HUDDLE_LEVEL)
		snprintf(now, sizeof now, "%d", fam.level);
	else if (u->kind == HUDDLE_REVIEW && fam.next_review != NULL)
		snprintf(now, sizeof now, "%s", fam.next_review);
	family_clear(&fam);
	if (strcmp(now, u->after) != 0)
		return oneteam_refuse(ot, cause, "the %s of %s was changed "
		    "since the huddle decided: it is not put back over that "
		    "change", u->kind == HUDDLE_LEAD ? "lead professional" :
		    u->kind == HUDDLE_LEVEL ? "level of need" : "next review",
		    a->e->ref);
	/* What the change itself would refuse, asked before a form. */
	if (authority_need_role(ot, "family", &a->e->family, field, NULL,
	    NULL, cause) != 0)
		return -1;
	if (u->kind == HUDDLE_LEVEL && atoi(u->before) < 1)
		return oneteam_refuse(ot, cause, "%s had no level of need "
		    "before the huddle: set its level on the family itself",
		    a->e->ref);
	if (u->kind == HUDDLE_LEAD && *u->before != '\0' &&
	    undo_lead_open(ot, u->before, cause) != 0)
		return -1;
	if (a->dry)
		return 0;
	memset(&fc, 0, sizeof fc);
	reason = undo_reason(a);
	if (u->kind == HUDDLE_LEAD)
		fc.lead = u->before;
	else if (u->kind == HUDDLE_REVIEW)
		fc.next_review = u->before;
	else {
		fc.level = u->before;
		fc.reason = reason;
	}
	rc = family_change(ot, &a->e->family, &fc, cause);
	free(reason);
	return rc;
}

/*
 * A referral to the front door is withdrawn only while it waits to be
 * acknowledged: once the front door has it, what it does is its own.
 */
static int
undo_referral(struct oneteam *ot, const struct undo_arg *a,
    const struct id *id, char **cause)
{
	struct referral_update	 ru;
	struct referral		 r;
	char			 when[32], *why;
	int			 rc = 0;

	if (referral_get_core(ot, id, &r, cause) != 0)
		return -1;
	if (r.status != REFERRAL_SENT) {
		time_format(r.status_at, when, sizeof when);
		rc = oneteam_refuse(ot, cause, "%s is %s since %s: it is not "
		    "withdrawn by undoing; record on the referral what "
		    "happens now", r.ref, referral_status_name(r.status),
		    when);
	}
	referral_clear(&r);
	if (rc != 0 || a->dry)
		return rc;
	why = undo_reason(a);
	why[0] = 'T';
	memset(&ru, 0, sizeof ru);
	ru.status = referral_status_name(REFERRAL_WITHDRAWN);
	ru.note = why;
	rc = referral_update(ot, id, &ru, cause);
	free(why);
	return rc;
}

/* An action is withdrawn only while open: one done was done. */
static int
undo_action(struct oneteam *ot, const struct id *id, char **cause)
{
	struct action	a;
	char		when[32];
	int		rc = 0;

	if (action_get_core(ot, id, &a, cause) != 0)
		return -1;
	if (a.done) {
		time_format(a.done_at, when, sizeof when);
		rc = oneteam_refuse(ot, cause, "%s was %s on %s: it is not "
		    "withdrawn", a.ref, a.withdrawn ? "withdrawn" : "done",
		    when);
	}
	action_clear(&a);
	return rc;
}

/* Put back what the decision u wrote, by its kind, or say why not. */
static int
undo_put_back(struct oneteam *ot, struct undo_arg *a, struct undo_of *u,
    char **cause)
{
	char	*why;
	int	 rc;

	switch (u->kind) {
	case HUDDLE_NDECISIONS:
		/* What it wrote is a newer oneteam's to put back. */
		rc = oneteam_refuse(ot, cause, "the last decision of item %d, "
		    "%s, was made by a newer oneteam: undo it there, or "
		    "upgrade", a->e->position, a->e->ref);
		break;
	case HUDDLE_ACK:
		rc = oneteam_refuse(ot, cause, "an acknowledged red flag stays "
		    "acknowledged: it was seen. Record what is done about it, "
		    "or acknowledge the right one");
		break;
	case HUDDLE_LEAD:
	case HUDDLE_LEVEL:
	case HUDDLE_REVIEW:
		rc = undo_family(ot, a, u, cause);
		break;
	case HUDDLE_CLOSE:
		/* As a step to social care: the episode it ended is
		 * history. */
		rc = oneteam_refuse(ot, cause, "closing %s ended its early "
		    "help episode, which is not undone: reopen the family "
		    "itself, with its reason", a->e->ref);
		break;
	case HUDDLE_FRONT_DOOR:
		rc = undo_referral(ot, a, &u->record, cause);
		break;
	case HUDDLE_PARK:
		rc = a->dry ? 0 : huddle_park_end(ot, &a->e->id, cause);
		break;
	case HUDDLE_ACTION:
	case HUDDLE_CHASE:
	case HUDDLE_SEEK_CONSENT:
	case HUDDLE_TAF:
		if ((rc = undo_action(ot, &u->record, cause)) != 0 || a->dry)
			break;
		why = undo_reason(a);
		why[0] = 'T';
		rc = action_withdraw(ot, &u->record, why, cause);
		free(why);
		break;
	default:
		rc = 0;
	}
	return rc;
}

static int
huddle_undo_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct undo_arg		*a = arg;
	struct field_val	 v[FO_N];
	struct undo_of		 u;
	struct field		 f[5];
	int			 rc;

	memset(v, 0, sizeof v);
	if (oneteam_need_me(ot, cause) != 0 ||
	    huddle_running(ot, a->h, cause) != 0 ||
	    field_read(ot, &field_huddle_undo, a->ask, v, cause) != 0)
		return -1;
	a->why = v[FO_NOTE].text;
	if ((rc = undo_last(ot, a->e, &u)) < 0) {
		field_vals_free(v, FO_N);
		return oneteam_db_fail(ot, cause);
	}
	if (rc == 0) {
		field_vals_free(v, FO_N);
		return oneteam_refuse(ot, cause, "item %d, %s, has no "
		    "decision to undo", a->e->position, a->e->ref);
	}
	rc = undo_put_back(ot, a, &u, cause);
	if (rc == 0 && !a->dry) {
		f[0] = (struct field){ "decision", val_id(&u.id) };
		f[1] = (struct field){ "item", val_id(&a->e->id) };
		f[2] = (struct field){ "family", val_id(&a->e->family) };
		f[3] = (struct field){ "note", a->why != NULL &&
		    *a->why != '\0' ? val_text(a->why) : val_null() };
		f[4] = (struct field){ "at", val_int(ot->now) };
		rc = store_new(ot->st, "huddle_undo", f, 5, NULL, cause);
	}
	if (rc == 0 && a->out != NULL && !a->dry) {
		a->out->kind = u.kind;
		a->out->note = u.note;
		u.note = NULL;
		a->out->undone = 1;
		a->out->at = ot->now;
	}
	undo_of_clear(&u);
	a->why = NULL;
	field_vals_free(v, FO_N);
	return rc;
}

/* Undo, or (dry) only ask whether it may be undone. */
static int
undo_run(struct oneteam *ot, const struct huddle *h, int position,
    const struct huddle_undoing *ask, struct huddle_decided *out, int dry,
    char **cause)
{
	static const struct huddle_undoing	none;
	struct undo_arg				a;
	int					rc;

	if (out != NULL)
		memset(out, 0, sizeof *out);
	memset(&a, 0, sizeof a);
	if ((a.e = huddle_item_at(ot, h, position, cause)) == NULL)
		return -1;
	a.h = h;
	a.ask = ask != NULL ? ask : &none;
	a.out = out;
	a.dry = dry;
	rc = oneteam_change(ot, huddle_undo_fn, &a, cause);
	if (rc != 0 && out != NULL)
		huddle_decided_clear(out);
	return rc;
}

int
huddle_undo(struct oneteam *ot, const struct huddle *h, int position,
    const struct huddle_undoing *ask, struct huddle_decided *out,
    char **cause)
{
	return undo_run(ot, h, position, ask, out, 0, cause);
}

int
huddle_undo_may(struct oneteam *ot, const struct huddle *h, int position,
    char **cause)
{
	return undo_run(ot, h, position, NULL, NULL, 1, cause);
}
