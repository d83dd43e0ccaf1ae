/*
 * access.c owns need to know (access.h): whose a family is to look at,
 * breaking the glass to look at one that is not, and the views of a
 * family that reading one asks for. It reads; the look and the glass
 * broken are entries of the audit trail (audit.c).
 */
#include <stdlib.h>
#include <string.h>

#include "access-sql.h"
#include "oneteam/access.h"
#include "oneteam/audit.h"
#include "oneteam/huddle.h"
#include "oneteam/xmalloc.h"
#include "read-private.h"

int
access_may_view(struct oneteam *ot, const struct id *family, char **cause)
{
	struct query	*q;
	int		 rc;

	if (id_is_zero(&ot->me))
		return 1;
	/* Of my locality (any of its name: each site may have made its
	 * own), or one I lead, have seen, or have an action of. */
	q = query_prepare(ot->st, "SELECT " ACCESS_SEES("?1", "?2"));
	query_bind_id(q, 1, family);
	query_bind_id(q, 2, &ot->me);
	if ((rc = query_step(q)) == 1)
		rc = query_int(q, 0) != 0;
	else
		rc = -1;
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : rc;
}

/* The fewest characters of a reason for breaking the glass. */
#define ACCESS_REASON_MIN	5

/* Characters, not bytes, of s (UTF-8), spaces aside. */
static size_t
access_chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80 && *s != ' ' &&
		    *s != '\t')
			n++;
	return n;
}

struct glass_arg {
	const struct id	*family;
	const char	*reason;
};

static int
access_glass_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct glass_arg	*a = arg;
	char			*why;
	int			 rc;

	if (oneteam_need_me(ot, cause) != 0 ||
	    oneteam_family_exists(ot, a->family, cause) != 0 ||
	    oneteam_text(ot, "the reason for opening the family", a->reason,
	    ONETEAM_LINE_MAX, 0, 1, &why, cause) != 0)
		return -1;
	/* The coordinators read it to judge the look: "x" tells them
	 * nothing. */
	if (access_chars(why) < ACCESS_REASON_MIN) {
		free(why);
		return oneteam_refuse_field(ot, cause, "reason", "say why you "
		    "open it in a few words (at least %d letters): the "
		    "coordinators read the reason", ACCESS_REASON_MIN);
	}
	rc = audit_record(ot, AUDIT_BREAK_GLASS, a->family, why, cause);
	free(why);
	return rc;
}

struct view_arg {
	const struct id	*family;
	const char	*reason;
	const char	*detail;
};

static int
access_view_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct view_arg		*a = arg;
	struct glass_arg	 g = { a->family, a->reason };
	char			 ref[ID_REF_MAX];
	int			 rc;

	if ((rc = access_may_view(ot, a->family, cause)) < 0)
		return -1;
	if (rc == 0 && a->reason == NULL) {
		oneteam_ref("family", a->family, ref);
		return oneteam_refuse_field(ot, cause, "reason", "%s is not "
		    "of your locality nor a family you work with: to open "
		    "it, say why; the reason is recorded for the "
		    "coordinators", ref);
	}
	if (rc == 0 && access_glass_fn(ot, &g, cause) != 0)
		return -1;
	return audit_record(ot, AUDIT_VIEW, a->family, a->detail, cause);
}

/* A view of family for whoever is at work. */
static struct family_view *
access_view_new(struct oneteam *ot, const struct id *family)
{
	struct family_view	*v = xcalloc(1, sizeof *v);

	v->ot = ot;
	v->family = *family;
	v->who = ot->me;
	return v;
}

int
access_view(struct oneteam *ot, const struct id *family, const char *reason,
    const char *detail, struct family_view **view, char **cause)
{
	struct view_arg	a = { family, reason, detail };

	*view = NULL;
	if (oneteam_change(ot, access_view_fn, &a, cause) != 0)
		return -1;
	*view = access_view_new(ot, family);
	return 0;
}

int
access_huddle_view(struct oneteam *ot, const struct id *huddle, int position,
    struct family_view **view, char **cause)
{
	struct huddle	h;
	size_t		i;
	int		rc = -1;

	*view = NULL;
	/* The huddle as the core has it, not as the caller says. */
	if (huddle_get(ot, huddle, &h, cause) != 0)
		return -1;
	for (i = 0; i < h.nitems && h.items[i].position != position; i++)
		continue;
	if (h.ended != 0)
		oneteam_refuse(ot, cause, "%s has ended", h.ref);
	else if (i == h.nitems)
		oneteam_refuse(ot, cause, "%s has no item %d", h.ref,
		    position);
	else if ((rc = access_may_view(ot, &h.items[i].family, cause)) == 1) {
		*view = access_view_new(ot, &h.items[i].family);
		rc = 0;
	} else if (rc == 0) {
		/* Moved out of the locality since the huddle began: as for
		 * any family, looking needs its own reason and entry. */
		rc = oneteam_refuse(ot, cause, "item %d of %s is no longer a "
		    "family of your locality or work: open it from the list of "
		    "families, saying why", position, h.ref);
	}
	huddle_clear(&h);
	return rc;
}

const struct id *
family_view_family(const struct family_view *v)
{
	return &v->family;
}

void
family_view_close(struct family_view *v)
{
	free(v);
}

const struct id *
access_viewed(struct oneteam *ot, const struct family_view *v, char **cause)
{
	static const struct id	 none;
	char			 ref[ID_REF_MAX];

	if (v != NULL && v->ot == ot && id_cmp(&v->who, &ot->me) == 0)
		return &v->family;
	oneteam_ref("family", v != NULL ? &v->family : &none, ref);
	oneteam_refuse(ot, cause, "%s is not open for whoever is at work: "
	    "open it again", ref);
	return NULL;
}

int
access_record(struct oneteam *ot, const struct family_view *v,
    const char *kind, const struct id *id, char **cause)
{
	const struct id	*family;
	struct id	 of;
	char		 ref[ID_REF_MAX];

	if ((family = access_viewed(ot, v, cause)) == NULL ||
	    oneteam_family_of(ot, kind, id, &of, cause) != 0)
		return -1;
	if (id_cmp(&of, family) == 0)
		return 0;
	oneteam_ref(kind, id, ref);
	return oneteam_refuse(ot, cause, "%s is not of the family open", ref);
}

int
access_break_glass(struct oneteam *ot, const struct id *family,
    const char *reason, char **cause)
{
	struct glass_arg	a = { family, reason };

	return oneteam_change(ot, access_glass_fn, &a, cause);
}

/* Has whoever is at work an entry what (AUDIT_...) of family since
 * since_ms? */
static int
access_noted_since(struct oneteam *ot, const char *what,
    const struct id *family, int64_t since_ms, char **cause)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "SELECT EXISTS (SELECT 1 FROM audit WHERE "
	    "family = ?1 AND at >= ?2 AND who = ?3 AND what = ?4)");
	query_bind_id(q, 1, family);
	query_bind_int(q, 2, since_ms);
	query_bind_id(q, 3, &ot->me);
	query_bind_text(q, 4, what);
	if ((rc = query_step(q)) == 1)
		rc = query_int(q, 0) != 0;
	else
		rc = -1;
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : rc;
}

/* The write check; field: the change's field for the reason, or NULL. */
static int
access_write(struct oneteam *ot, const struct id *family,
    const char *reason, const char *field, char **cause)
{
	struct query	*q;
	char		 ref[ID_REF_MAX];
	int64_t		 today;
	int		 rc;

	if ((rc = access_may_view(ot, family, cause)) != 0)
		return rc < 0 ? -1 : 0;
	/* A record whose family has not come here yet (a bundle brings it
	 * later): nothing here tells whose the family is. */
	q = query_prepare(ot->st, "SELECT 1 FROM family WHERE id = ?1");
	query_bind_id(q, 1, family);
	rc = query_step(q);
	query_done(q);
	if (rc <= 0)
		return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
	if (reason != NULL)
		return access_break_glass(ot, family, reason, cause);
	if (audit_since(ot, "today", &today, cause) != 0 ||
	    (rc = access_noted_since(ot, AUDIT_BREAK_GLASS, family, today,
	    cause)) < 0)
		return -1;
	if (rc == 1)
		return 0;
	oneteam_ref("family", family, ref);
	if (field != NULL)
		return oneteam_refuse_field(ot, cause, field, "%s is not of "
		    "your locality nor a family you work with: to record for "
		    "it, open it first the same day, saying why; the reason is "
		    "recorded for the coordinators", ref);
	return oneteam_refuse(ot, cause, "%s is not of your locality nor a "
	    "family you work with: to record for it, open the family first "
	    "the same day and say why you open it; the reason is recorded "
	    "for the coordinators", ref);
}

int
access_need_write_why(struct oneteam *ot, const struct id *family,
    const char *reason, char **cause)
{
	return access_write(ot, family, reason, "reason", cause);
}

int
access_need_write(struct oneteam *ot, const struct id *family, char **cause)
{
	return access_write(ot, family, NULL, NULL, cause);
}

struct search_arg {
	struct oneteam	*ot;
	int		(*fn)(const struct search_hit *, void *);
	void		*arg;
	struct id	*outside;	/* the families found outside */
	size_t		 noutside;
};

/*
 * A family outside one's work is found only by its names, and shows its
 * household name, postcode and locality only: not what matched, which
 * may be its members' names or its address.
 */
static int
access_search_keep(struct search_hit *hit, void *arg)
{
	struct search_arg	*a = arg;
	char			*cause = NULL;
	int			 rc;

	if ((rc = access_may_view(a->ot, &hit->family, &cause)) < 0) {
		free(cause);
		return -1;
	}
	hit->outside = rc == 0;
	if (hit->outside)
		hit->snippet = NULL;
	return !hit->outside || strcmp(hit->where, "household") == 0;
}

static int
access_search_fn(const struct search_hit *hit, void *arg)
{
	struct search_arg	*a = arg;

	if (hit->outside) {
		a->outside = xreallocarray(a->outside, a->noutside + 1,
		    sizeof *a->outside);
		a->outside[a->noutside++] = hit->family;
	}
	return a->fn(hit, a->arg);
}

/* Each family found outside one's work, on the trail once a day. */
static int
access_search_note(struct oneteam *ot, void *arg, char **cause)
{
	struct search_arg	*a = arg;
	int64_t			 today;
	size_t			 i;
	int			 rc;

	if (audit_since(ot, "today", &today, cause) != 0)
		return -1;
	for (i = 0; i < a->noutside; i++) {
		if ((rc = access_noted_since(ot, AUDIT_SEARCH, &a->outside[i],
		    today, cause)) < 0)
			return -1;
		if (rc == 0 && audit_record(ot, AUDIT_SEARCH, &a->outside[i],
		    "found by a search: outside one's work", cause) != 0)
			return -1;
	}
	return 0;
}

int
access_search(struct oneteam *ot, const char *text, size_t limit,
    int (*fn)(const struct search_hit *, void *), void *arg, char **cause)
{
	struct search_arg	a = { ot, fn, arg, NULL, 0 };
	int			rc;

	rc = search_families(ot->st, text, limit, access_search_keep,
	    access_search_fn, &a, cause);
	/* A family not one's own, even only found, is on the trail. */
	if (rc >= 0 && a.noutside > 0 && !id_is_zero(&ot->me) &&
	    oneteam_change(ot, access_search_note, &a, cause) != 0)
		rc = -1;
	free(a.outside);
	return rc;
}
