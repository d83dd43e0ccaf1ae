/*
 * chronology.c owns the chronology of a family: one query over every kind
 * of record that belongs to a family, put in time order, each event told
 * in words with its reference labels from the reference lists. It changes
 * nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/chronology.h"
#include "oneteam/date.h"
#include "oneteam/op.h"
#include "oneteam/story.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "read-private.h"

/* SQL: the change o from the log stands: not refused (by the judge,
 * or revoked), nor kept unread for a newer oneteam. */
#define CHRON_STANDS "NOT EXISTS (SELECT 1 FROM refused r WHERE r.op = " \
	"o.id) AND NOT EXISTS (SELECT 1 FROM later l WHERE l.op = o.id AND " \
	"l.whole)"

/*
 * Every event of family ?1 as (at, recorded by, kind, a, b, c, id), where
 * a, b and c depend on the kind. A calendar date takes the moment it was
 * recorded when that was on the day, else noon UTC of the day.
 */
static const char chronology_sql[] =
	"SELECT e.at, e.by, e.kind, e.a, e.b, e.c, e.id, s.name, s.agency "
	"FROM ("
	" SELECT c.at AS at, c.created_by AS by, 'contact' AS kind,"
	"  c.kind AS a, c.summary AS b, c.planned AS c, c.contact AS id,"
	"  c.hlc AS h FROM contact c WHERE c.family = ?1 AND c.current"
	" UNION ALL SELECT c.created, c.created_by, 'correction', c.kind,"
	"  NULL, NULL, c.contact, c.hlc FROM contact c"
	"  WHERE c.family = ?1 AND c.corrects IS NOT NULL"
	" UNION ALL SELECT s.created, s.created_by, 'story', s.section,"
	"  s.read_back, NULL, NULL, s.hlc FROM story s WHERE s.family = ?1"
	" UNION ALL SELECT e.at, e.created_by, 'referral', r.service,"
	"  e.status, e.note, r.id, e.hlc FROM referral_event e JOIN referral r"
	"  ON r.id = e.referral WHERE r.family = ?1"
	" UNION ALL SELECT f.at, f.created_by, 'flag', f.code, f.note,"
	"  NULL, f.id, f.hlc FROM flag f WHERE f.family = ?1"
	" UNION ALL SELECT e.at, e.created_by, 'flag_' || e.what, f.code,"
	"  e.note, NULL, f.id, e.hlc FROM flag_event e JOIN flag f"
	"  ON f.id = e.flag WHERE f.family = ?1"
	" UNION ALL SELECT CASE WHEN c.date = date(c.created / 1000,"
	"  'unixepoch') THEN c.created ELSE (unixepoch(c.date) + 43200) * 1000"
	"  END, c.created_by,"
	"  'consent', c.state, c.given_by, c.scope, NULL, c.hlc FROM consent c"
	"  WHERE c.family = ?1"
	" UNION ALL SELECT s.created, s.created_by, 'step', s.direction,"
	"  s.reason, s.from_level || ' to ' || s.to_level, NULL, s.hlc"
	"  FROM step s WHERE s.family = ?1"
	" UNION ALL SELECT CASE WHEN e.opened = date(e.created / 1000,"
	"  'unixepoch') THEN e.created ELSE (unixepoch(e.opened) + 43200)"
	"  * 1000 END, e.created_by,"
	"  'opened', e.reason, NULL, NULL, NULL, e.hlc FROM episode e"
	"  WHERE e.family = ?1"
	" UNION ALL SELECT coalesce((SELECT max(coalesce(o.wall, o.hlc >> 16))"
	"  FROM op o WHERE"
	"  o.entity = e.id AND o.kind = 2 AND o.field = 'closed' AND "
	CHRON_STANDS "),"
	"  (unixepoch(e.closed) + 43200) * 1000), (SELECT o.author FROM op o"
	"  WHERE o.entity = e.id AND o.kind = 2 AND o.field = 'closed' AND "
	CHRON_STANDS " ORDER BY o.hlc DESC LIMIT 1),"
	"  'closed', e.end_reason, NULL, NULL, NULL, e.hlc FROM episode e"
	"  WHERE e.family = ?1 AND e.closed IS NOT NULL"
	" UNION ALL SELECT a.created, a.created_by, 'action', a.what, a.due,"
	"  o.name, a.id, a.hlc FROM action a LEFT JOIN staff o"
	"  ON o.id = a.owner WHERE a.family = ?1"
	/* Who marked it done: the author of the change that did. */
	" UNION ALL SELECT a.done_at, (SELECT o.author FROM op o"
	"  WHERE o.entity = a.id AND o.kind = 2 AND o.field = 'done' AND "
	CHRON_STANDS " ORDER BY o.hlc DESC LIMIT 1), CASE WHEN a.withdrawn"
	"  THEN 'action_withdrawn' ELSE 'action_done' END, a.what,"
	"  a.done_note, NULL, a.id, a.hlc FROM action a"
	"  WHERE a.family = ?1 AND a.done"
	" UNION ALL SELECT p.created, p.created_by, 'person', p.name,"
	"  p.relationship, NULL, p.id, p.hlc FROM person p"
	"  WHERE p.family = ?1"
	" UNION ALL SELECT f.created, f.created_by, 'family', f.household,"
	"  NULL, NULL, f.id, f.hlc FROM family f WHERE f.id = ?1"
	" UNION ALL SELECT coalesce(o.wall, o.hlc >> 16), o.author, 'lead',"
	"  NULL, NULL, NULL,"
	"  o.enc, o.hlc FROM op o WHERE o.entity = ?1 AND o.kind = 2"
	"  AND o.field = 'lead' AND " CHRON_STANDS
	" UNION ALL SELECT u.at, u.created_by, 'huddle_undo', d.note, u.note,"
	"  NULL, u.id, u.hlc FROM huddle_undo u JOIN huddle_decision d"
	"  ON d.id = u.decision WHERE u.family = ?1"
	" UNION ALL SELECT d.at, d.created_by, 'huddle', h.day, d.note, NULL,"
	"  h.id, d.hlc FROM huddle_decision d JOIN huddle_item i"
	"  ON i.id = d.item JOIN huddle h ON h.id = i.huddle"
	"  WHERE d.family = ?1"
	/* A total order, the same at every replica and whatever order the
	 * changes came in: at one moment, as they were recorded (their
	 * clock), then by what each is. */
	") e LEFT JOIN staff s ON s.id = e.by ORDER BY e.at, e.h, e.kind, "
	"e.id, e.a, e.b, e.c";

static const struct {
	const char	*code, *name;
} chron_classes[CHRON_NCLASSES] = {
	[CHRON_CONTACT] = { "contact", "Contact" },
	[CHRON_REFERRAL] = { "referral", "Referral" },
	[CHRON_FLAG] = { "flag", "Red flag" },
	[CHRON_STORY] = { "story", "Story" },
	[CHRON_CONSENT] = { "consent", "Consent" },
	[CHRON_LEVEL] = { "level", "Level and lead" },
	[CHRON_ACTION] = { "action", "Action" },
	[CHRON_HUDDLE] = { "huddle", "Huddle" },
	[CHRON_RECORD] = { "record", "Data entry" },
};

const char *
chron_class_name(enum chron_class c)
{
	return (unsigned)c < CHRON_NCLASSES ? chron_classes[c].name : "";
}

const char *
chron_class_code(enum chron_class c)
{
	return (unsigned)c < CHRON_NCLASSES ? chron_classes[c].code : "";
}

int
chron_class_parse(const char *s, enum chron_class *out)
{
	size_t	i;

	for (i = 0; i < CHRON_NCLASSES; i++)
		if (text_casecmp(s, chron_classes[i].code) == 0 ||
		    text_casecmp(s, chron_classes[i].name) == 0) {
			*out = (enum chron_class)i;
			return 0;
		}
	return -1;
}

/* The class of a row's kind (the query's third column). */
static enum chron_class
chron_class_of(const char *kind)
{
	static const struct {
		const char		*kind;
		enum chron_class	 cls;
	} kinds[] = {
		{ "contact", CHRON_CONTACT }, { "correction", CHRON_CONTACT },
		{ "referral", CHRON_REFERRAL }, { "story", CHRON_STORY },
		{ "consent", CHRON_CONSENT }, { "step", CHRON_LEVEL },
		{ "opened", CHRON_LEVEL }, { "closed", CHRON_LEVEL },
		{ "lead", CHRON_LEVEL }, { "person", CHRON_RECORD },
		{ "family", CHRON_RECORD },
	};
	size_t	i;

	if (strncmp(kind, "flag", 4) == 0)
		return CHRON_FLAG;
	if (strncmp(kind, "action", 6) == 0)
		return CHRON_ACTION;
	if (strncmp(kind, "huddle", 6) == 0)
		return CHRON_HUDDLE;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kind, kinds[i].kind) == 0)
			return kinds[i].cls;
	return CHRON_RECORD;
}

struct chron_ctx {
	struct oneteam	*ot;
	struct query	*q;
	struct chron_event ev;
	char		*text;
	char		*who;
	char		*agency;
	char		 ref[ID_REF_MAX];
};

static const char *
col(struct chron_ctx *c, int i)
{
	return query_text(c->q, i);
}

static const char *
label(struct chron_ctx *c, enum ref_list list, int i)
{
	return refdata_label(c->ot->rd, list, col(c, i));
}

/* The title of a story section from its stored code. */
static const char *
chron_section(const char *code)
{
	int	i;

	for (i = 0; i < STORY_NSECTIONS; i++)
		if (strcmp(story_section_code((enum story_section)i), code) == 0)
			return story_section_title((enum story_section)i);
	return code;
}

/* "with a note" suffix, or "". */
static char *
chron_note(const char *prefix, const char *note)
{
	if (note == NULL || *note == '\0')
		return xstrdup("");
	return xprintf("%s%s", prefix, note);
}

/* The new lead professional, from the operation that set it. */
static char *
chron_lead(struct chron_ctx *c)
{
	struct op	 op;
	const void	*enc;
	size_t		 len;
	char		*cause = NULL, *name, *s;

	enc = query_blob(c->q, 6, &len);
	if (op_decode(enc, len, &op, &cause) != 0) {
		free(cause);
		return xstrdup("Lead professional changed");
	}
	if (op.value.type != VAL_ID)
		s = xstrdup("Lead professional removed: the family has none");
	else {
		name = oneteam_staff_name(c->ot, &op.value.id);
		s = xprintf("Lead professional is now %s", name);
		free(name);
	}
	op_free(&op);
	return s;
}

static char *
chron_contact(struct chron_ctx *c)
{
	char	*note = chron_note(": ", col(c, 4)), *s;
	struct id id = query_id(c->q, 6);

	oneteam_ref("contact", &id, c->ref);
	s = xprintf("%s%s%s", label(c, REF_CONTACT_KINDS, 3),
	    query_int(c->q, 5) ? " (planned)" : "", note);
	free(note);
	return s;
}

static char *
chron_referral(struct chron_ctx *c)
{
	char	*note = chron_note(": ", col(c, 5)), *s;
	struct id id = query_id(c->q, 6);

	oneteam_ref("referral", &id, c->ref);
	s = xprintf("Referral to %s %s%s", label(c, REF_SERVICES, 3),
	    col(c, 4), note);
	free(note);
	return s;
}

static char *
chron_flag(struct chron_ctx *c, const char *kind)
{
	const char	*what = strcmp(kind, "flag") == 0 ? "raised" :
			    strcmp(kind, "flag_ack") == 0 ? "acknowledged" :
			    "resolved";
	char		*note = chron_note(": ", col(c, 4)), *s;
	struct id	 id = query_id(c->q, 6);

	oneteam_ref("flag", &id, c->ref);
	s = xprintf("Red flag %s: %s%s", what, label(c, REF_RED_FLAGS, 3),
	    note);
	free(note);
	return s;
}

static char *
chron_other(struct chron_ctx *c, const char *kind)
{
	struct id	id = query_id(c->q, 6);

	if (strcmp(kind, "correction") == 0) {
		oneteam_ref("contact", &id, c->ref);
		return xprintf("Contact corrected (%s)",
		    label(c, REF_CONTACT_KINDS, 3));
	}
	if (strcmp(kind, "story") == 0)
		return xprintf("Family story: \"%s\" written%s%s",
		    chron_section(col(c, 3)), *col(c, 4) ? ", read back on " :
		    "", col(c, 4));
	if (strcmp(kind, "consent") == 0)
		return xprintf("Consent to share %s by %s%s%s", col(c, 3),
		    col(c, 4), *col(c, 5) ? " for " : "", col(c, 5));
	if (strcmp(kind, "step") == 0)
		return xprintf("Stepped %s, level %s: %s", col(c, 3),
		    col(c, 5), col(c, 4));
	if (strcmp(kind, "opened") == 0)
		return xprintf("Early help episode opened%s%s", *col(c, 3) ?
		    ": " : "", *col(c, 3) ? label(c, REF_INVOLVEMENT, 3) : "");
	if (strcmp(kind, "closed") == 0)
		return xprintf("Early help episode closed: %s",
		    label(c, REF_END_REASONS, 3));
	if (strcmp(kind, "huddle_undo") == 0)
		return xprintf("Huddle decision undone: %s%s%s", col(c, 3),
		    *col(c, 4) ? ". Why: " : "", col(c, 4));
	if (strcmp(kind, "action_withdrawn") == 0) {
		oneteam_ref("action", &id, c->ref);
		return xprintf("Action withdrawn: %s%s%s", col(c, 3),
		    *col(c, 4) ? ". Why: " : "", col(c, 4));
	}
	if (strcmp(kind, "action") == 0 || strcmp(kind, "action_done") == 0) {
		oneteam_ref("action", &id, c->ref);
		if (strcmp(kind, "action_done") == 0)
			return xprintf("Action done: %s%s%s", col(c, 3),
			    *col(c, 4) ? ". What was done: " : "", col(c, 4));
		return xprintf("Action for %s: %s%s%s", col(c, 5), col(c, 3),
		    *col(c, 4) ? ", due " : "", col(c, 4));
	}
	if (strcmp(kind, "person") == 0) {
		oneteam_ref("person", &id, c->ref);
		return xprintf("%s added to the family%s%s", col(c, 3),
		    *col(c, 4) ? " as " : "", *col(c, 4) ?
		    label(c, REF_RELATIONSHIPS, 4) : "");
	}
	if (strcmp(kind, "family") == 0) {
		oneteam_ref("family", &id, c->ref);
		return xprintf("Family %s added", col(c, 3));
	}
	if (strcmp(kind, "huddle") == 0) {
		char	day[32];

		oneteam_ref("huddle", &id, c->ref);
		date_format(col(c, 3), day, sizeof day);
		return xprintf("Decided at the huddle on %s: %s", day,
		    col(c, 4));
	}
	return chron_lead(c);
}

/* Tell the current row as an event. */
static void
chron_event(struct chron_ctx *c)
{
	const char	*kind = col(c, 2);

	c->ref[0] = '\0';
	if (strcmp(kind, "contact") == 0)
		c->text = chron_contact(c);
	else if (strcmp(kind, "referral") == 0)
		c->text = chron_referral(c);
	else if (strncmp(kind, "flag", 4) == 0)
		c->text = chron_flag(c, kind);
	else
		c->text = chron_other(c, kind);
	c->who = xstrdup(col(c, 7));
	c->agency = xstrdup(refdata_label(c->ot->rd, REF_AGENCIES, col(c, 8)));
	c->ev.at = query_int(c->q, 0);
	c->ev.cls = chron_class_of(kind);
	c->ev.what = kind;
	c->ev.text = c->text;
	c->ev.who = c->who;
	c->ev.agency = c->agency;
	c->ev.ref = c->ref;
}

/* The agency of a filter, from the list; NULL when none is said. */
static int
chron_agency(struct oneteam *ot, const struct chron_filter *cf,
    const struct ref_item **agency, char **cause)
{
	*agency = NULL;
	if (cf == NULL || cf->agency == NULL)
		return 0;
	if (oneteam_choice(ot, REF_AGENCIES, cf->agency, agency, cause) == 0)
		return 0;
	ot->fault_field = "agency";
	return -1;
}

int
chronology_filter_check(struct oneteam *ot, const struct chron_filter *cf,
    char **cause)
{
	const struct ref_item	*agency;

	return chron_agency(ot, cf, &agency, cause);
}

int
chronology_core(struct oneteam *ot, const struct id *family, int reverse,
    const struct chron_filter *cf, int (*fn)(const struct chron_event *,
    void *), void *arg, char **cause)
{
	const struct ref_item	*agency = NULL;
	struct chron_ctx	 c;
	struct chron_event	*evs = NULL;
	char			**texts = NULL;
	size_t			 n = 0, i;
	unsigned		 classes = cf != NULL && cf->classes != 0 ?
				    cf->classes : CHRON_ALL;
	int			 rc, stop = 0;

	if (chron_agency(ot, cf, &agency, cause) != 0)
		return -1;
	memset(&c, 0, sizeof c);
	c.ot = ot;
	c.q = query_prepare(ot->st, chronology_sql);
	query_bind_id(c.q, 1, family);
	while ((rc = query_step(c.q)) == 1) {
		if (!(classes & (1u << chron_class_of(col(&c, 2)))) ||
		    (agency != NULL && strcmp(col(&c, 8), agency->code) != 0))
			continue;
		chron_event(&c);
		evs = xreallocarray(evs, n + 1, sizeof *evs);
		texts = xreallocarray(texts, 4 * (n + 1), sizeof *texts);
		texts[4 * n] = c.text;
		texts[4 * n + 1] = c.who;
		texts[4 * n + 2] = xstrdup(c.ref);
		texts[4 * n + 3] = c.agency;
		evs[n] = c.ev;
		evs[n].what = xstrdup(c.ev.what);
		evs[n].ref = texts[4 * n + 2];
		n++;
	}
	query_done(c.q);
	for (i = 0; i < n && !stop && rc == 0; i++)
		stop = fn(&evs[reverse ? n - 1 - i : i], arg);
	for (i = 0; i < 4 * n; i++)
		free(texts[i]);
	for (i = 0; i < n; i++)
		free((char *)evs[i].what);
	free(texts);
	free(evs);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
chronology(struct oneteam *ot, const struct family_view *v, int reverse,
    const struct chron_filter *cf, int (*fn)(const struct chron_event *,
    void *), void *arg, char **cause)
{
	const struct id	*family;

	if ((family = access_viewed(ot, v, cause)) == NULL)
		return -1;
	return chronology_core(ot, family, reverse, cf, fn, arg, cause);
}

char *
chronology_filter_words(struct oneteam *ot, const struct chron_filter *cf)
{
	const struct ref_item	*agency;
	char			*why = NULL, *names = NULL, *t;
	unsigned		 classes = cf->classes != 0 ? cf->classes :
				    CHRON_ALL;
	int			 i;

	if (classes == CHRON_EVENTS)
		names = xstrdup("everything but data entry");
	else if (classes != CHRON_ALL)
		for (i = 0; i < CHRON_NCLASSES; i++) {
			if (!(classes & (1u << i)))
				continue;
			t = xprintf("%s%s%s", names != NULL ? names : "",
			    names != NULL ? ", " : "",
			    chron_class_name((enum chron_class)i));
			free(names);
			names = t;
		}
	if (cf->agency != NULL) {
		/* As the list names it, whatever was typed. */
		if (chron_agency(ot, cf, &agency, &why) != 0) {
			free(why);
			agency = NULL;
		}
		t = xprintf("%s%srecorded by %s", names != NULL ? names :
		    "everything ", names != NULL ? ", " : "", agency != NULL ?
		    agency->label : cf->agency);
		free(names);
		names = t;
	}
	return names;
}
