/*
 * Unit tests for contact.c and story.c: every rule of recording and
 * correcting a contact, and of writing, reading back and resolving the
 * tell-it-once story. Each refusal is checked to leave the operation log
 * as it was.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "oneteam/conflict.h"
#include "oneteam/contact.h"
#include "oneteam/date.h"
#include "oneteam/family.h"
#include "oneteam/field.h"
#include "oneteam/story.h"
#include "oneteam/xmalloc.h"
#include "read-private.h"

/* ---- helpers ----------------------------------------------------------- */

/* A person of a family, made straight through the store (person.c is
 * another module's). */
static struct id
add_person(struct fixture *fx, const struct id *family, const char *name)
{
	struct field	 f[2];
	struct id	 id;
	char		*cause = NULL;

	f[0] = (struct field){ "family", val_id(family) };
	f[1] = (struct field){ "name", val_text(name) };
	assert_int_equal(store_begin(fx->ot.st, &cause), 0);
	assert_int_equal(store_new(fx->ot.st, "person", f, 2, &id, &cause), 0);
	assert_int_equal(store_commit(fx->ot.st, &cause), 0);
	return id;
}

static struct id
add_family(struct fixture *fx, const char *household)
{
	struct family_new	 fn;
	struct id		 id;
	char			*cause = NULL;

	memset(&fn, 0, sizeof fn);
	fn.household = household;
	assert_int_equal(family_add(&fx->ot, &fn, &id, &cause), 0);
	return id;
}

/*
 * A refusal: rc is -1, the message is one line and says want, and the
 * operation log is as it was (before). cause is freed.
 */
static void
assert_refused(struct fixture *fx, const unsigned char *before, int rc,
    char *cause, const char *want)
{
	unsigned char	after[32];

	assert_int_equal(rc, -1);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", cause, want);
	assert_null(strchr(cause, '\n'));
	free(cause);
	fixture_hash(fx, after);
	assert_memory_equal(before, after, 32);
}

static int
add_contact(struct fixture *fx, const struct contact_new *cn, struct id *id,
    char **cause)
{
	return contact_add(&fx->ot, &fx->family, cn, id, cause);
}

/* Try to add cn, expecting a refusal that says want. */
static void
refuse_add(struct fixture *fx, const struct contact_new *cn, const char *want)
{
	unsigned char	 before[32];
	struct id	 id;
	char		*cause = NULL;
	int		 rc;

	fixture_hash(fx, before);
	rc = add_contact(fx, cn, &id, &cause);
	assert_refused(fx, before, rc, cause, want);
}

/* Try to correct a contact, expecting a refusal that says want. */
static void
refuse_correct(struct fixture *fx, const struct id *id,
    const struct contact_change *c, const char *want)
{
	unsigned char	 before[32];
	char		*cause = NULL, *note = NULL;
	int		 rc;

	fixture_hash(fx, before);
	rc = contact_correct(&fx->ot, id, c, &note, &cause);
	assert_null(note);
	assert_refused(fx, before, rc, cause, want);
}

/* A done home visit now, seeing nobody in particular. */
static struct id
visit(struct fixture *fx, const char *summary)
{
	struct contact_new	 cn;
	struct id		 id;
	char			*cause = NULL;

	memset(&cn, 0, sizeof cn);
	cn.kind = "home_visit";
	cn.summary = summary;
	if (add_contact(fx, &cn, &id, &cause) != 0)
		fail_msg("%s", cause);
	return id;
}

static void
correct(struct fixture *fx, const struct id *id,
    const struct contact_change *c)
{
	char	*cause = NULL, *note = NULL;

	if (contact_correct(&fx->ot, id, c, &note, &cause) != 0)
		fail_msg("%s", cause);
	assert_null(note);
}

/* What contact_list() gave, copied. */
struct seen_list {
	int		n;
	struct contact	c[8];
};

static int
collect(const struct contact *c, void *arg)
{
	struct seen_list	*l = arg;
	struct contact		*d;

	assert_true(l->n < 8);
	d = &l->c[l->n++];
	*d = *c;
	d->kind = xstrdup(c->kind);
	d->venue = c->venue ? xstrdup(c->venue) : NULL;
	d->seen_ids = c->seen_ids ? xstrdup(c->seen_ids) : NULL;
	d->seen = c->seen ? xstrdup(c->seen) : NULL;
	d->summary = c->summary ? xstrdup(c->summary) : NULL;
	d->follow_up = c->follow_up ? xstrdup(c->follow_up) : NULL;
	d->recorded_by_name = xstrdup(c->recorded_by_name);
	return 0;
}

static void
list(struct fixture *fx, int all, struct seen_list *l)
{
	char	*cause = NULL;

	memset(l, 0, sizeof *l);
	assert_int_equal(contact_list_core(&fx->ot, &fx->family, all, collect,
	    l, &cause), 0);
}

static void
list_clear(struct seen_list *l)
{
	int	i;

	for (i = 0; i < l->n; i++)
		contact_clear(&l->c[i]);
	l->n = 0;
}

static struct contact
get(struct fixture *fx, const struct id *id)
{
	struct contact	 c;
	char		*cause = NULL;

	if (contact_get_core(&fx->ot, id, &c, &cause) != 0)
		fail_msg("%s", cause);
	return c;
}

/* A correction made at another site while apart: a revision of the
 * contact correcting rev, straight through the store. */
static struct id
correct_elsewhere(struct fixture *fx, const struct id *contact,
    const struct id *rev, const char *summary)
{
	struct field	 f[10];
	struct id	 id;
	char		*cause = NULL;

	f[0] = (struct field){ "contact", val_id(contact) };
	f[1] = (struct field){ "corrects", val_id(rev) };
	f[2] = (struct field){ "family", val_id(&fx->family) };
	f[3] = (struct field){ "at", val_int(fx->ot.now) };
	f[4] = (struct field){ "kind", val_text("home_visit") };
	f[5] = (struct field){ "venue", val_null() };
	f[6] = (struct field){ "seen", val_null() };
	f[7] = (struct field){ "summary", val_text(summary) };
	f[8] = (struct field){ "follow_up", val_null() };
	f[9] = (struct field){ "planned", val_int(0) };
	assert_int_equal(store_begin(fx->ot.st, &cause), 0);
	assert_int_equal(store_new(fx->ot.st, "contact", f, 10, &id, &cause),
	    0);
	assert_int_equal(store_commit(fx->ot.st, &cause), 0);
	return id;
}

/* ---- contacts ---------------------------------------------------------- */

static void
test_contact_add(void **state)
{
	struct fixture		*fx = *state;
	struct contact_new	 cn;
	struct contact		 c;
	struct id		 id;
	char			*cause = NULL, ref[ID_REF_MAX];

	memset(&cn, 0, sizeof cn);
	cn.kind = "Home";
	cn.at = "yesterday 14:00";
	cn.venue = "  Family home ";
	cn.summary = "Saw mum and baby.\r\nBaby feeding well.\r\n";
	cn.follow_up = "+7d";
	assert_int_equal(add_contact(fx, &cn, &id, &cause), 0);
	c = get(fx, &id);
	oneteam_ref("contact", &id, ref);
	assert_string_equal(c.ref, ref);
	assert_memory_equal(&c.id, &id, sizeof id);
	assert_memory_equal(&c.revision_id, &id, sizeof id);
	assert_int_equal(c.revision, 1);
	assert_true(c.current);
	assert_int_equal(c.versions, 1);
	assert_string_equal(c.kind, "home_visit");
	assert_string_equal(c.venue, "Family home");
	assert_string_equal(c.summary, "Saw mum and baby.\nBaby feeding well.");
	assert_string_equal(c.follow_up, "2026-03-19");
	assert_false(c.planned);
	assert_null(c.seen);
	assert_string_equal(c.recorded_by_name, "Amira Khan");
	assert_memory_equal(&c.recorded_by, &fx->amira, sizeof fx->amira);
	/* 14:00 on 11 March, GMT. */
	assert_int_equal(c.at, fx->ot.now - (19 * 60 + 30) * 60000LL);
	contact_clear(&c);
}

static void
test_contact_add_refused(void **state)
{
	struct fixture		*fx = *state;
	struct contact_new	 cn;
	struct id		 other;
	char			 long_text[ONETEAM_NOTE_MAX + 2];

	memset(&cn, 0, sizeof cn);
	cn.summary = "Phoned mum";
	refuse_add(fx, &cn, "kind of contact is needed");
	cn.kind = "teleport";
	refuse_add(fx, &cn, "teleport");
	cn.kind = "phone";
	cn.at = "next blue moon";
	refuse_add(fx, &cn, "time of the contact");
	cn.at = "tomorrow 10:00";
	refuse_add(fx, &cn, "cannot be in the future");
	cn.at = "09:40";	/* ten minutes ahead: past the slack */
	refuse_add(fx, &cn, "cannot be in the future");
	cn.at = NULL;
	cn.summary = NULL;
	refuse_add(fx, &cn, "needs a summary");
	cn.summary = "  \n ";
	refuse_add(fx, &cn, "needs a summary");
	cn.summary = "Mum said \033[31mhello";
	refuse_add(fx, &cn, "hidden control character");
	memset(long_text, 'a', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	cn.summary = long_text;
	refuse_add(fx, &cn, "too long");
	cn.summary = "Phoned mum";
	cn.venue = "GP\nsurgery";
	refuse_add(fx, &cn, "one line");
	cn.venue = NULL;
	cn.follow_up = "31/2";
	refuse_add(fx, &cn, "does not exist");
	cn.follow_up = "yesterday";
	refuse_add(fx, &cn, "before the contact");
	cn.follow_up = NULL;
	cn.seen = "Nobody";
	refuse_add(fx, &cn, "there is nobody called \"Nobody\" in");
	other = add_family(fx, "Nowak");
	(void)add_person(fx, &other, "Piotr Nowak");
	cn.seen = "Piotr";
	refuse_add(fx, &cn, "called \"Piotr\"");
}

/* No such family; nobody at work. */
static void
test_contact_add_refused_context(void **state)
{
	struct fixture		*fx = *state;
	struct contact_new	 cn;
	struct id		 id, nobody;
	unsigned char		 before[32];
	char			*cause = NULL;
	int			 rc;

	memset(&cn, 0, sizeof cn);
	cn.kind = "phone";
	cn.summary = "Phoned mum";
	memset(&nobody, 0, sizeof nobody);
	nobody.b[0] = 1;
	fixture_hash(fx, before);
	rc = contact_add(&fx->ot, &nobody, &cn, &id, &cause);
	assert_int_equal(store_fault(fx->ot.st), STORE_ENOTFOUND);
	assert_refused(fx, before, rc, cause, "no such family");
	memset(&fx->ot.me, 0, sizeof fx->ot.me);
	cause = NULL;
	rc = add_contact(fx, &cn, &id, &cause);
	assert_refused(fx, before, rc, cause, "who is recording");
}

static void
test_contact_planned(void **state)
{
	struct fixture		*fx = *state;
	struct contact_new	 cn;
	struct contact		 c;
	struct id		 id;
	char			*cause = NULL;

	memset(&cn, 0, sizeof cn);
	cn.kind = "clinic";
	cn.at = "tomorrow 10:00";
	cn.planned = 1;
	cn.follow_up = "tomorrow";
	assert_int_equal(add_contact(fx, &cn, &id, &cause), 0);
	c = get(fx, &id);
	assert_true(c.planned);
	assert_null(c.summary);
	assert_string_equal(c.follow_up, "2026-03-13");
	contact_clear(&c);
	/* Within the slack a contact may be a little ahead of the clock. */
	cn.planned = 0;
	cn.at = "09:33";
	cn.follow_up = NULL;
	cn.summary = "Clinic";
	assert_int_equal(add_contact(fx, &cn, &id, &cause), 0);
}

static void
test_contact_seen(void **state)
{
	struct fixture		*fx = *state;
	struct contact_new	 cn;
	struct contact		 c;
	struct id		 aisha, yusuf, sara, id, other, piotr;
	char			*cause = NULL, ref[ID_REF_MAX], want[200];
	char			 b[3][27];

	aisha = add_person(fx, &fx->family, "Aisha Khan");
	yusuf = add_person(fx, &fx->family, "Yusuf Khan");
	sara = add_person(fx, &fx->family, "Sara Khan");
	(void)add_person(fx, &fx->family, "Samir Khan");
	other = add_family(fx, "Nowak");
	piotr = add_person(fx, &other, "Piotr Nowak");
	id_base32(&aisha, b[0]);
	id_base32(&yusuf, b[1]);
	id_base32(&sara, b[2]);
	oneteam_ref("person", &sara, ref);

	memset(&cn, 0, sizeof cn);
	cn.kind = "home_visit";
	cn.summary = "Saw everyone";
	cn.seen = " aisha khan, yus ,, , ";	/* name any case; a prefix */
	assert_int_equal(add_contact(fx, &cn, &id, &cause), 0);
	c = get(fx, &id);
	snprintf(want, sizeof want, "%s,%s", b[0], b[1]);
	assert_string_equal(c.seen_ids, want);
	assert_string_equal(c.seen, "Aisha Khan, Yusuf Khan");
	contact_clear(&c);

	/* By reference, any case; the same person twice is kept once. */
	ref[0] = 'p';
	cn.seen = xprintf("%s, Sara", ref);
	assert_int_equal(add_contact(fx, &cn, &id, &cause), 0);
	c = get(fx, &id);
	assert_string_equal(c.seen_ids, b[2]);
	assert_string_equal(c.seen, "Sara Khan");
	contact_clear(&c);
	free((char *)cn.seen);

	cn.seen = "Sa";
	refuse_add(fx, &cn, "could be Samir Khan or Sara Khan");
	cn.seen = "Khan";
	refuse_add(fx, &cn, "could be");
	oneteam_ref("person", &piotr, ref);
	cn.seen = ref;
	snprintf(want, sizeof want, "%s is not one of the people of", ref);
	refuse_add(fx, &cn, want);
	cn.seen = "P-ZZZZZZZZ";
	refuse_add(fx, &cn, "there is no person");
	cn.seen = "Aisha\033]0;x\a";
	refuse_add(fx, &cn, "hidden control character");
}

static void
test_contact_correct(void **state)
{
	struct fixture		*fx = *state;
	struct contact_change	 ch;
	struct seen_list	 l;
	struct contact		 c;
	struct id		 id, first;

	id = visit(fx, "Saw mum");
	first = id;
	memset(&ch, 0, sizeof ch);
	ch.summary = "Saw mum and Yusuf";
	ch.venue = "Children's centre";
	ch.follow_up = "+3d";
	correct(fx, &id, &ch);

	c = get(fx, &id);
	assert_memory_equal(&c.id, &id, sizeof id);
	assert_memory_not_equal(&c.revision_id, &first, sizeof first);
	assert_int_equal(c.revision, 2);
	assert_string_equal(c.summary, "Saw mum and Yusuf");
	assert_string_equal(c.venue, "Children's centre");
	assert_string_equal(c.kind, "home_visit");	/* copied over */
	assert_string_equal(c.follow_up, "2026-03-15");
	contact_clear(&c);

	/* The original is kept, no longer current. */
	list(fx, 0, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.c[0].revision, 2);
	list_clear(&l);
	list(fx, 1, &l);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.c[0].revision, 2);
	assert_true(l.c[0].current);
	assert_int_equal(l.c[1].revision, 1);
	assert_false(l.c[1].current);
	assert_memory_equal(&l.c[1].revision_id, &first, sizeof first);
	assert_memory_equal(&l.c[1].id, &id, sizeof id);
	assert_string_equal(l.c[1].summary, "Saw mum");
	assert_null(l.c[1].venue);
	assert_string_equal(l.c[0].ref, l.c[1].ref);
	list_clear(&l);

	/* A correction by someone else, taking the follow-up away. */
	fx->ot.me = fx->tom;
	store_set_author(fx->ot.st, &fx->tom);
	memset(&ch, 0, sizeof ch);
	ch.follow_up = "";
	correct(fx, &id, &ch);
	c = get(fx, &id);
	assert_int_equal(c.revision, 3);
	assert_null(c.follow_up);
	assert_string_equal(c.recorded_by_name, "Tom Brennan");
	contact_clear(&c);
}

static void
test_contact_correct_refused(void **state)
{
	struct fixture		*fx = *state;
	struct contact_change	 ch;
	struct id		 id, nothing;

	id = visit(fx, "Saw mum");
	memset(&ch, 0, sizeof ch);
	refuse_correct(fx, &id, &ch, "nothing to correct");
	ch.summary = " Saw mum ";
	refuse_correct(fx, &id, &ch, "nothing to correct");
	ch.summary = "";
	refuse_correct(fx, &id, &ch, "needs a summary");
	ch.summary = NULL;
	ch.kind = "";
	refuse_correct(fx, &id, &ch, "kind of contact is needed");
	ch.kind = NULL;
	ch.at = "tomorrow";
	refuse_correct(fx, &id, &ch, "cannot be in the future");
	ch.at = NULL;
	ch.follow_up = "-3d";
	refuse_correct(fx, &id, &ch, "before the contact");
	ch.follow_up = NULL;
	ch.done = 1;
	refuse_correct(fx, &id, &ch, "done already");
	ch.done = 0;
	ch.seen = "Nobody";
	refuse_correct(fx, &id, &ch, "there is nobody called \"Nobody\" in");
	ch.seen = NULL;
	memset(&nothing, 0, sizeof nothing);
	nothing.b[0] = 7;
	ch.summary = "x";
	refuse_correct(fx, &nothing, &ch, "no such contact");
	memset(&fx->ot.me, 0, sizeof fx->ot.me);
	refuse_correct(fx, &id, &ch, "who is recording");
}

static void
test_contact_planned_to_done(void **state)
{
	struct fixture		*fx = *state;
	struct contact_new	 cn;
	struct contact_change	 ch;
	struct contact		 c;
	struct id		 id;
	char			*cause = NULL;

	memset(&cn, 0, sizeof cn);
	cn.kind = "home_visit";
	cn.at = "tomorrow 10:00";
	cn.planned = 1;
	assert_int_equal(add_contact(fx, &cn, &id, &cause), 0);

	memset(&ch, 0, sizeof ch);
	ch.done = 1;
	refuse_correct(fx, &id, &ch, "cannot be in the future");
	ch.at = "9:00";
	refuse_correct(fx, &id, &ch, "needs a summary");
	ch.summary = "Visited early: mum rang to ask";
	correct(fx, &id, &ch);
	c = get(fx, &id);
	assert_false(c.planned);
	assert_int_equal(c.revision, 2);
	assert_string_equal(c.summary, "Visited early: mum rang to ask");
	contact_clear(&c);

	/* The family's last contact counts it now it is done. */
	{
		struct family	f;

		assert_int_equal(family_get_core(&fx->ot, &fx->family, &f,
		    &cause), 0);
		assert_int_equal(f.last_contact, fx->ot.now - 30 * 60000LL);
		family_clear(&f);
	}
	ch.summary = NULL;
	ch.at = NULL;
	refuse_correct(fx, &id, &ch, "done already");
}

static void
test_contact_list_order(void **state)
{
	struct fixture		*fx = *state;
	struct contact_new	 cn;
	struct seen_list	 l;
	struct id		 id;
	char			*cause = NULL;

	memset(&cn, 0, sizeof cn);
	cn.kind = "phone_call";
	cn.summary = "older";
	cn.at = "-2d";
	assert_int_equal(add_contact(fx, &cn, &id, &cause), 0);
	cn.summary = "first now";
	cn.at = NULL;
	assert_int_equal(add_contact(fx, &cn, &id, &cause), 0);
	cn.summary = "second now";
	assert_int_equal(add_contact(fx, &cn, &id, &cause), 0);
	cn.summary = NULL;
	cn.planned = 1;
	cn.at = "+1w";
	assert_int_equal(add_contact(fx, &cn, &id, &cause), 0);
	list(fx, 0, &l);
	assert_int_equal(l.n, 4);
	assert_true(l.c[0].planned);
	/* The same time: the one recorded later first. */
	assert_string_equal(l.c[1].summary, "second now");
	assert_string_equal(l.c[2].summary, "first now");
	assert_string_equal(l.c[3].summary, "older");
	list_clear(&l);
}

static void
test_contact_two_versions(void **state)
{
	struct fixture		*fx = *state;
	struct contact_change	 ch;
	struct seen_list	 l;
	struct contact		 c;
	struct id		 id, ours, theirs;
	char			*cause = NULL, *note = NULL;

	id = visit(fx, "Saw mum");
	ours = correct_elsewhere(fx, &id, &id, "Saw mum (ours)");
	theirs = correct_elsewhere(fx, &id, &id, "Saw mum (theirs)");

	/* Both corrections are current: the newest is the contact's. */
	c = get(fx, &id);
	assert_int_equal(c.versions, 2);
	assert_int_equal(c.revision, 2);
	assert_memory_equal(&c.revision_id, &theirs, sizeof theirs);
	contact_clear(&c);
	list(fx, 0, &l);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.c[0].versions, 2);
	assert_string_equal(l.c[0].summary, "Saw mum (theirs)");
	assert_string_equal(l.c[1].summary, "Saw mum (ours)");
	list_clear(&l);

	/* Correcting, from the newest, corrects both and says so: the
	 * contact has one version again. */
	memset(&ch, 0, sizeof ch);
	ch.summary = "Saw mum and baby";
	assert_int_equal(contact_correct(&fx->ot, &id, &ch, &note, &cause), 0);
	assert_non_null(note);
	assert_non_null(strstr(note, "had 2 versions"));
	assert_non_null(strstr(note, "from the newest (revision 2"));
	assert_non_null(strstr(note, "takes the place of all of them"));
	free(note);
	list(fx, 1, &l);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.c[0].summary, "Saw mum and baby");
	assert_int_equal(l.c[0].revision, 3);
	assert_true(l.c[0].current);
	assert_int_equal(l.c[0].versions, 1);
	assert_false(l.c[1].current);	/* theirs, corrected */
	assert_memory_equal(&l.c[1].revision_id, &theirs, sizeof theirs);
	assert_false(l.c[2].current);	/* ours, merged */
	assert_memory_equal(&l.c[2].revision_id, &ours, sizeof ours);
	assert_int_equal(l.c[3].revision, 1);
	list_clear(&l);
	c = get(fx, &id);
	assert_int_equal(c.versions, 1);
	contact_clear(&c);
	list(fx, 0, &l);
	assert_int_equal(l.n, 1);
	list_clear(&l);
}

/* Where a summary stands among a conflict's values, from 1, and the
 * value as shown: the version's kind, when, where, then the summary. */
struct version_at {
	const char	*summary;
	size_t		 at, n;
	char		 ref[ID_REF_MAX];
	char		 shown[256];
};

static int
version_at(const struct conflict *c, void *arg)
{
	struct version_at	*v = arg;
	const char		*t;
	size_t			 i;

	if (strcmp(c->etype, "contact") != 0)
		return 0;
	conflict_ref(c, v->ref);
	v->n = c->nvalues;
	for (i = 0; i < c->nvalues; i++) {
		t = c->values[i].value;
		if (strlen(t) > strlen(v->summary) && strcmp(t + strlen(t) -
		    strlen(v->summary), v->summary) == 0 && strncmp(t,
		    "Home visit, ", 12) == 0) {
			v->at = i + 1;
			snprintf(v->shown, sizeof v->shown, "%s", t);
		}
	}
	return 0;
}

/*
 * A contact corrected at two sites apart is a conflict in the queue, its
 * versions the values; keeping one, even the older, makes it the one
 * version, as a correction to it would.
 */
static void
test_contact_versions_conflict(void **state)
{
	struct fixture		*fx = *state;
	struct version_at	 v = { "Saw mum (ours)", 0, 0, "", "" };
	struct contact		 c;
	struct id		 id;
	char			*cause = NULL;

	id = visit(fx, "Saw mum");
	assert_int_equal(conflict_count(&fx->ot, &cause), 0);
	correct_elsewhere(fx, &id, &id, "Saw mum (ours)");
	correct_elsewhere(fx, &id, &id, "Saw mum (theirs)");
	assert_int_equal(conflict_count(&fx->ot, &cause), 1);
	assert_int_equal(conflict_family_count(&fx->ot, &fx->family, &cause),
	    1);
	assert_int_equal(conflict_list(&fx->ot, version_at, &v, &cause), 1);
	assert_int_equal(v.n, 2);
	assert_int_equal(v.at, 2);	/* the older, ours, second */
	/* A merged text is refused: a version is kept as it is. */
	assert_int_equal(conflict_resolve(&fx->ot, v.ref, "summary", 0,
	    "Saw mum, ours and theirs", NULL, &cause), -1);
	assert_non_null(strstr(cause, "kept as they are"));
	free(cause);
	cause = NULL;
	assert_non_null(strstr(v.shown, ", 0 seen: Saw mum (ours)"));
	assert_null(strstr(v.shown, "at ,"));	/* no venue, no "at" */
	if (conflict_resolve(&fx->ot, v.ref, "summary", v.at, NULL,
	    v.shown, &cause) != 0)
		fail_msg("resolve: %s", cause);
	assert_int_equal(conflict_count(&fx->ot, &cause), 0);
	assert_int_equal(conflict_family_count(&fx->ot, &fx->family, &cause),
	    0);
	c = get(fx, &id);
	assert_int_equal(c.versions, 1);
	assert_string_equal(c.summary, "Saw mum (ours)");
	contact_clear(&c);
}

/* Of two versions made apart, the newest kept as it is makes them one:
 * not "nothing to correct". */
static void
test_contact_keep_newest(void **state)
{
	struct fixture		*fx = *state;
	struct contact_change	 ch;
	struct contact		 c;
	struct id		 id;
	char			*cause = NULL, *note = NULL;

	id = visit(fx, "Saw dad");
	correct_elsewhere(fx, &id, &id, "Saw dad (ours)");
	correct_elsewhere(fx, &id, &id, "Saw dad (theirs)");
	memset(&ch, 0, sizeof ch);
	ch.summary = "Saw dad (theirs)";
	if (contact_correct(&fx->ot, &id, &ch, &note, &cause) != 0)
		fail_msg("%s", cause);
	free(note);
	c = get(fx, &id);
	assert_int_equal(c.versions, 1);
	assert_string_equal(c.summary, "Saw dad (theirs)");
	contact_clear(&c);
}

/* A problem oneteam check finds: the test fails with it. */
static void
check_fails(const char *problem, void *arg)
{
	(void)arg;
	fail_msg("oneteam check: %s", problem);
}

/*
 * The same correction made at two sites apart (the same words, or the
 * same version kept from a conflict) is one version and no conflict, and
 * stays one when corrected again; the fold from the log agrees.
 */
static void
test_contact_twins(void **state)
{
	struct fixture		*fx = *state;
	struct contact_change	 ch;
	struct contact		 c;
	struct id		 id;
	char			*cause = NULL, *note = NULL;

	id = visit(fx, "Saw mum");
	correct_elsewhere(fx, &id, &id, "Saw mum and baby");
	correct_elsewhere(fx, &id, &id, "Saw mum and baby");
	assert_int_equal(conflict_count(&fx->ot, &cause), 0);
	c = get(fx, &id);
	assert_int_equal(c.versions, 1);
	assert_string_equal(c.summary, "Saw mum and baby");
	contact_clear(&c);
	memset(&ch, 0, sizeof ch);
	ch.summary = "Saw mum and baby at home";
	if (contact_correct(&fx->ot, &id, &ch, &note, &cause) != 0)
		fail_msg("%s", cause);
	free(note);
	assert_int_equal(conflict_count(&fx->ot, &cause), 0);
	c = get(fx, &id);
	assert_int_equal(c.versions, 1);
	assert_string_equal(c.summary, "Saw mum and baby at home");
	contact_clear(&c);
	assert_int_equal(store_check(fx->ot.st, check_fails, NULL, &cause), 0);
}

/* ---- the story --------------------------------------------------------- */

static void
assert_section(struct fixture *fx, const char *typed, enum story_section want)
{
	enum story_section	 s;
	char			*cause = NULL;

	if (story_section_find(&fx->ot, typed, &s, &cause) != 0)
		fail_msg("%s: %s", typed, cause);
	assert_int_equal(s, want);
}

static void
assert_no_section(struct fixture *fx, const char *typed, const char *want)
{
	enum story_section	 s;
	char			*cause = NULL;

	assert_int_equal(story_section_find(&fx->ot, typed, &s, &cause), -1);
	if (strstr(cause, want) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", cause, want);
	free(cause);
}

static void
test_story_sections(void **state)
{
	struct fixture	*fx = *state;

	assert_string_equal(story_section_code(STORY_OUR_FAMILY),
	    "our_family");
	assert_string_equal(story_section_title(STORY_CHILD_VOICE),
	    "The child's voice");
	assert_section(fx, "worries", STORY_WORRIES);
	assert_section(fx, "WORR", STORY_WORRIES);
	assert_section(fx, "voice", STORY_CHILD_VOICE);
	assert_section(fx, "child-voice", STORY_CHILD_VOICE);
	assert_section(fx, "child's voice", STORY_CHILD_VOICE);
	assert_section(fx, "Our family", STORY_OUR_FAMILY);
	assert_section(fx, "our", STORY_OUR_FAMILY);
	assert_section(fx, "what the family", STORY_FAMILY_WANTS);
}

static void
test_story_sections_refused(void **state)
{
	struct fixture	*fx = *state;

	assert_no_section(fx, "w", "could be working_well, worries or "
	    "family_wants");
	assert_no_section(fx, "family", "could be our_family or family_wants");
	assert_no_section(fx, "money", "\"money\" is not a section of the "
	    "story: choose from our_family, working_well, worries, "
	    "family_wants, child_voice or history");
	assert_no_section(fx, " ", "no section");
	assert_no_section(fx, "\033[2J", "\\e[2J");
}

/* What story_get() or story_history() gave, copied. */
struct revs {
	int			n;
	struct story_rev	r[8];
};

static int
collect_rev(const struct story_rev *r, void *arg)
{
	struct revs	*l = arg;
	struct story_rev *d;

	assert_true(l->n < 8);
	d = &l->r[l->n++];
	*d = *r;
	d->body = xstrdup(r->body);
	d->read_back = r->read_back ? xstrdup(r->read_back) : NULL;
	d->author_name = xstrdup(r->author_name);
	return 0;
}

static void
revs_get(struct fixture *fx, enum story_section s, int history,
    struct revs *l)
{
	char	*cause = NULL;
	int	 rc;

	memset(l, 0, sizeof *l);
	if (history)
		rc = story_history_core(&fx->ot, &fx->family, s, collect_rev, l,
		    &cause);
	else
		rc = story_get_core(&fx->ot, &fx->family, s, collect_rev, l,
		    &cause);
	assert_int_equal(rc, 0);
}

static void
revs_clear(struct revs *l)
{
	int	i;

	for (i = 0; i < l->n; i++)
		story_rev_clear(&l->r[i]);
	l->n = 0;
}

static void
edit(struct fixture *fx, enum story_section s, const char *text,
    const char *read_back)
{
	struct story_change	 c = { text, read_back };
	char			*cause = NULL;

	if (story_edit(&fx->ot, &fx->family, s, &c, &cause) != 0)
		fail_msg("%s", cause);
}

static void
refuse_edit(struct fixture *fx, enum story_section s, const char *text,
    const char *read_back, const char *want)
{
	struct story_change	 c = { text, read_back };
	unsigned char		 before[32];
	char			*cause = NULL;
	int			 rc;

	fixture_hash(fx, before);
	rc = story_edit(&fx->ot, &fx->family, s, &c, &cause);
	assert_refused(fx, before, rc, cause, want);
}

static void
refuse_read_back(struct fixture *fx, enum story_section s, const char *date,
    const char *want)
{
	unsigned char	 before[32];
	char		*cause = NULL;
	int		 rc;

	fixture_hash(fx, before);
	rc = story_read_back(&fx->ot, &fx->family, s, date, &cause);
	assert_refused(fx, before, rc, cause, want);
}

static void
test_story_edit(void **state)
{
	struct fixture	*fx = *state;
	struct revs	 l;

	revs_get(fx, STORY_OUR_FAMILY, 0, &l);
	assert_int_equal(l.n, 0);
	edit(fx, STORY_OUR_FAMILY, "Mum Aisha, Yusuf (4) and baby Sara.\r\n"
	    "Мама говорит: всё хорошо. 我们很好\r\n", NULL);
	fx->ot.me = fx->tom;
	store_set_author(fx->ot.st, &fx->tom);
	edit(fx, STORY_OUR_FAMILY, "Mum Aisha, Yusuf (4), baby Sara and "
	    "Nan.", NULL);

	revs_get(fx, STORY_OUR_FAMILY, 0, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.r[0].revision, 2);
	assert_true(l.r[0].current);
	assert_int_equal(l.r[0].versions, 1);
	assert_int_equal(l.r[0].section, STORY_OUR_FAMILY);
	assert_string_equal(l.r[0].body, "Mum Aisha, Yusuf (4), baby Sara and "
	    "Nan.");
	assert_string_equal(l.r[0].author_name, "Tom Brennan");
	assert_int_equal(l.r[0].written, fx->ot.now);
	revs_clear(&l);

	revs_get(fx, STORY_OUR_FAMILY, 1, &l);
	assert_int_equal(l.n, 2);
	assert_false(l.r[1].current);
	assert_int_equal(l.r[1].revision, 1);
	assert_string_equal(l.r[1].body, "Mum Aisha, Yusuf (4) and baby Sara."
	    "\nМама говорит: всё хорошо. 我们很好");
	assert_string_equal(l.r[1].author_name, "Amira Khan");
	revs_clear(&l);

	/* Other sections are their own. */
	revs_get(fx, STORY_WORRIES, 1, &l);
	assert_int_equal(l.n, 0);

	/* Clearing is a revision too. */
	edit(fx, STORY_OUR_FAMILY, " \n ", NULL);
	revs_get(fx, STORY_OUR_FAMILY, 0, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.r[0].body, "");
	assert_int_equal(l.r[0].revision, 3);
	revs_clear(&l);
}

static void
test_story_edit_refused(void **state)
{
	struct fixture	*fx = *state;
	char		 long_text[ONETEAM_NOTE_MAX + 2];
	struct id	 nobody;

	refuse_edit(fx, STORY_WORRIES, "", NULL, "\"What we're worried about\" "
	    "is empty already");
	edit(fx, STORY_WORRIES, "Dad works nights", NULL);
	refuse_edit(fx, STORY_WORRIES, "Dad works nights\r\n", NULL,
	    "says that already");
	refuse_edit(fx, STORY_WORRIES, "Dad \033[31mworks", NULL,
	    "\"What we're worried about\" contains a hidden control "
	    "character (\\e)");
	memset(long_text, 'a', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	refuse_edit(fx, STORY_WORRIES, long_text, NULL, "too long");
	refuse_edit(fx, STORY_WORRIES, "Dad works days", "tomorrow",
	    "in the future");
	refuse_edit(fx, STORY_WORRIES, "Dad works days", "31/2",
	    "does not exist");
	refuse_edit(fx, STORY_WORRIES, "", "today", "no text to read back");
	edit(fx, STORY_WORRIES, "", NULL);
	refuse_edit(fx, STORY_WORRIES, "", NULL, "empty already");
	{
		unsigned char	 before[32];
		char		*cause = NULL;

		memset(&nobody, 0, sizeof nobody);
		nobody.b[0] = 3;
		int		 rc;

		fixture_hash(fx, before);
		rc = story_edit(&fx->ot, &nobody, STORY_WORRIES,
		    &(struct story_change){ "x", NULL }, &cause);
		assert_refused(fx, before, rc, cause, "no such family");
	}
	memset(&fx->ot.me, 0, sizeof fx->ot.me);
	refuse_edit(fx, STORY_WORRIES, "x", NULL, "who is recording");
}

static void
test_story_read_back(void **state)
{
	struct fixture	*fx = *state;
	struct revs	 l;
	char		*cause = NULL;

	refuse_read_back(fx, STORY_CHILD_VOICE, "today", "has no text to "
	    "read back");
	edit(fx, STORY_CHILD_VOICE, "I like nursery. I miss Dad.", NULL);
	refuse_read_back(fx, STORY_CHILD_VOICE, "tomorrow", "the read-back "
	    "date (13 Mar 2026) is in the future");
	refuse_read_back(fx, STORY_CHILD_VOICE, "someday", "read back: date");
	assert_int_equal(story_read_back(&fx->ot, &fx->family,
	    STORY_CHILD_VOICE, "yesterday", &cause), 0);
	refuse_read_back(fx, STORY_CHILD_VOICE, "11/3", "was read back to "
	    "the family on 11 Mar 2026 already");
	assert_int_equal(story_read_back(&fx->ot, &fx->family,
	    STORY_CHILD_VOICE, "today", &cause), 0);
	revs_get(fx, STORY_CHILD_VOICE, 0, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.r[0].read_back, "2026-03-12");
	assert_int_equal(l.r[0].revision, 1);
	revs_clear(&l);

	/* A new text is not read back until it is; an edit may say it was. */
	edit(fx, STORY_CHILD_VOICE, "I like nursery.", NULL);
	revs_get(fx, STORY_CHILD_VOICE, 0, &l);
	assert_null(l.r[0].read_back);
	revs_clear(&l);
	edit(fx, STORY_CHILD_VOICE, "I like nursery and my friend Ali.",
	    "today");
	revs_get(fx, STORY_CHILD_VOICE, 1, &l);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.r[0].read_back, "2026-03-12");
	assert_null(l.r[1].read_back);
	assert_string_equal(l.r[2].read_back, "2026-03-12");
	revs_clear(&l);

	edit(fx, STORY_CHILD_VOICE, "", NULL);
	refuse_read_back(fx, STORY_CHILD_VOICE, "today", "no text");
}

/* A revision written at another site while apart, on the same base. */
static struct id
story_elsewhere(struct fixture *fx, enum story_section s,
    const struct id *base, const char *body)
{
	struct field	 f[5];
	struct id	 id;
	char		*cause = NULL;

	f[0] = (struct field){ "family", val_id(&fx->family) };
	f[1] = (struct field){ "section", val_text(story_section_code(s)) };
	f[2] = (struct field){ "body", val_text(body) };
	f[3] = (struct field){ "base", val_id(base) };
	f[4] = (struct field){ "base2", val_null() };
	assert_int_equal(store_begin(fx->ot.st, &cause), 0);
	assert_int_equal(store_new(fx->ot.st, "story", f, 5, &id, &cause), 0);
	assert_int_equal(store_commit(fx->ot.st, &cause), 0);
	return id;
}

static void
test_story_conflict(void **state)
{
	struct fixture	*fx = *state;
	struct revs	 l;
	struct id	 base, ours, theirs;

	edit(fx, STORY_HISTORY, "Moved here in 2024.", NULL);
	revs_get(fx, STORY_HISTORY, 0, &l);
	base = l.r[0].id;
	revs_clear(&l);
	ours = story_elsewhere(fx, STORY_HISTORY, &base, "Moved here in 2024 "
	    "from Leeds.");
	theirs = story_elsewhere(fx, STORY_HISTORY, &base, "Moved here in "
	    "2024; Nan lives close.");

	revs_get(fx, STORY_HISTORY, 0, &l);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.r[0].versions, 2);
	assert_memory_equal(&l.r[0].id, &theirs, sizeof theirs);
	assert_memory_equal(&l.r[1].id, &ours, sizeof ours);
	assert_int_equal(l.r[0].revision, 2);
	assert_int_equal(l.r[1].revision, 2);
	revs_clear(&l);
	refuse_read_back(fx, STORY_HISTORY, "today", "has 2 versions");

	/* Keeping one side's text as it is still makes them one. */
	edit(fx, STORY_HISTORY, "Moved here in 2024; Nan lives close.", NULL);
	revs_get(fx, STORY_HISTORY, 0, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.r[0].versions, 1);
	assert_int_equal(l.r[0].revision, 3);
	revs_clear(&l);
	revs_get(fx, STORY_HISTORY, 1, &l);
	assert_int_equal(l.n, 4);
	assert_false(l.r[1].current);
	assert_false(l.r[2].current);
	revs_clear(&l);
	{
		struct query	*q;

		q = query_prepare(fx->ot.st, "SELECT count(*) FROM story WHERE "
		    "current AND ((base = ?1 AND base2 = ?2) OR "
		    "(base = ?2 AND base2 = ?1))");
		query_bind_id(q, 1, &ours);
		query_bind_id(q, 2, &theirs);
		assert_int_equal(query_count(q), 1);
	}
	refuse_edit(fx, STORY_HISTORY, "Moved here in 2024; Nan lives close.",
	    NULL, "says that already");
}

/* A section written at three sites apart: one edit makes it one again. */
static void
test_story_three_way(void **state)
{
	struct fixture	*fx = *state;
	struct revs	 l;
	struct id	 base;

	edit(fx, STORY_WORRIES, "Rent arrears.", NULL);
	revs_get(fx, STORY_WORRIES, 0, &l);
	base = l.r[0].id;
	revs_clear(&l);
	story_elsewhere(fx, STORY_WORRIES, &base, "Rent arrears; a letter "
	    "from the landlord.");
	story_elsewhere(fx, STORY_WORRIES, &base, "Rent arrears since May.");
	story_elsewhere(fx, STORY_WORRIES, &base, "Rent arrears, and Zara "
	    "is not sleeping.");
	revs_get(fx, STORY_WORRIES, 0, &l);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.r[0].versions, 3);
	revs_clear(&l);
	refuse_read_back(fx, STORY_WORRIES, "today", "has 3 versions");

	edit(fx, STORY_WORRIES, "Rent arrears since May (a letter from the "
	    "landlord), and Zara is not sleeping.", "today");
	revs_get(fx, STORY_WORRIES, 0, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.r[0].versions, 1);
	assert_non_null(l.r[0].read_back);
	revs_clear(&l);
}

/*
 * Each refusal of story edit and contact correct names the field at fault
 * and no option, so the screens put it under that field and the command
 * line words it with its option.
 */
static void
test_story_contact_fields(void **state)
{
	struct fixture		*fx = *state;
	struct contact_new	 cn;
	struct contact_change	 ch;
	struct story_change	 sc = { NULL, NULL };
	struct id		 id;
	char			*cause = NULL;

	sc.text = "Dad \033[31mworks";
	assert_field(fx, story_edit(&fx->ot, &fx->family, STORY_WORRIES, &sc,
	    &cause), &cause, "text");
	sc.text = "Dad works days";
	sc.read_back = "tomorrow";
	assert_field(fx, story_edit(&fx->ot, &fx->family, STORY_WORRIES, &sc,
	    &cause), &cause, "read_back");
	sc.read_back = "31/2";
	assert_field(fx, story_edit(&fx->ot, &fx->family, STORY_WORRIES, &sc,
	    &cause), &cause, "read_back");
	sc.text = "";
	sc.read_back = NULL;
	assert_field(fx, story_edit(&fx->ot, &fx->family, STORY_WORRIES, &sc,
	    &cause), &cause, "text");
	edit(fx, STORY_WORRIES, "Dad works nights", NULL);
	assert_field(fx, story_read_back(&fx->ot, &fx->family, STORY_WORRIES,
	    "31/2", &cause), &cause, "read_back");

	id = visit(fx, "Phoned mum");
	memset(&ch, 0, sizeof ch);
	ch.done = 1;
	assert_field(fx, contact_correct(&fx->ot, &id, &ch, NULL, &cause),
	    &cause, "done");

	/* A blank follow-up is none, on the table's check as before it. */
	memset(&cn, 0, sizeof cn);
	cn.kind = "phone";
	cn.summary = "Phoned mum again";
	cn.follow_up = "  ";
	if (add_contact(fx, &cn, &id, &cause) != 0)
		fail_msg("%s", cause);
	ch.done = 0;
	ch.follow_up = " ";
	ch.summary = "Phoned mum again, no answer";
	correct(fx, &id, &ch);
}

/*
 * The tables of contact add, contact correct and story edit: found by
 * their names, each field named once, worded for messages and --help, and
 * reached at an offset of its own in its change.
 */
static void
test_contact_story_tables(void **state)
{
	const struct field_table *const tables[] = {
		&field_contact_add, &field_contact_correct, &field_story_edit
	};
	const struct field_table	*ft;
	const struct field_def		*fd;
	union {
		struct contact_new	n;
		struct contact_change	c;
		struct story_change	s;
	}				 u;
	size_t				 t, i, j;

	(void)state;
	for (t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		ft = tables[t];
		assert_ptr_equal(field_table_of(ft->record, ft->change), ft);
		for (i = 0; i < ft->n; i++) {
			fd = &ft->fields[i];
			assert_non_null(fd->name);
			assert_non_null(fd->label);
			assert_non_null(fd->help);
			assert_ptr_equal(field_find(ft, fd->name), fd);
			memset(&u, 0, sizeof u);
			field_set(fd, &u, "x");
			if (fd->kind == FIELD_YES)
				assert_int_equal(*(int *)((char *)&u +
				    fd->offset), 1);
			else
				assert_string_equal(field_get(fd, &u), "x");
			for (j = 0; j < ft->n; j++)
				if (j != i)
					assert_null(field_get(&ft->fields[j],
					    &u));
		}
	}
	assert_ptr_equal(field_table_of("contact", "add"), &field_contact_add);
	assert_null(field_table_of("contact", "list"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, fixture_setup, \
	fixture_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_contact_add),
		T(test_story_contact_fields),
		T(test_contact_story_tables),
		T(test_contact_add_refused),
		T(test_contact_add_refused_context),
		T(test_contact_planned),
		T(test_contact_seen),
		T(test_contact_correct),
		T(test_contact_correct_refused),
		T(test_contact_planned_to_done),
		T(test_contact_list_order),
		T(test_contact_two_versions),
		T(test_contact_versions_conflict),
		T(test_contact_keep_newest),
		T(test_contact_twins),
		T(test_story_sections),
		T(test_story_sections_refused),
		T(test_story_edit),
		T(test_story_edit_refused),
		T(test_story_read_back),
		T(test_story_conflict),
		T(test_story_three_way),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
