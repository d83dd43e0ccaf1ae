/*
 * audit-change.c puts the changes of a transaction on the audit trail
 * (audit.h): one entry for each family changed, naming what was added
 * or set, and one for each record of no family (a member of staff, a
 * huddle). The change log already holds every change; the trail is
 * where a subject access request or an investigation reads who touched
 * a family, next to who looked at it.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/audit.h"
#include "oneteam/kinds.h"
#include "oneteam/op.h"
#include "oneteam/xmalloc.h"

/* The longest detail an entry is given; what does not fit is counted. */
#define CHANGE_DETAIL_MAX	200

/* What changed of one family (or of no family: zero id). */
struct change_group {
	struct id	 family;
	char		*detail;
	size_t		 more;		/* changes left out of detail */
};

struct change_set {
	struct change_group	*g;
	size_t			 n, cap;
};

/* Is what one of the items of a detail ("new contact, family.lead")? */
static int
change_has(const char *detail, const char *what)
{
	size_t		 len = strlen(what);
	const char	*p;

	for (p = detail; p != NULL; p = strstr(p, ", ")) {
		if (*p == ',')
			p += 2;
		if (strncmp(p, what, len) == 0 && (p[len] == '\0' ||
		    p[len] == ','))
			return 1;
	}
	return 0;
}

/* Add what one change did ("new contact", "family.lead") to its group. */
static void
change_add(struct change_set *cs, const struct id *family, const char *what)
{
	struct change_group	*g;
	char			*d;
	size_t			 i;

	for (i = 0; i < cs->n; i++)
		if (id_cmp(&cs->g[i].family, family) == 0)
			break;
	if (i == cs->n) {
		if (cs->n == cs->cap) {
			cs->cap = cs->cap == 0 ? 4 : cs->cap * 2;
			cs->g = xreallocarray(cs->g, cs->cap, sizeof *cs->g);
		}
		g = &cs->g[cs->n++];
		g->family = *family;
		g->detail = xstrdup(what);
		g->more = 0;
		return;
	}
	g = &cs->g[i];
	/* A record of several fields set says each once. */
	if (change_has(g->detail, what))
		return;
	if (strlen(g->detail) + 2 + strlen(what) > CHANGE_DETAIL_MAX) {
		g->more++;
		return;
	}
	d = xprintf("%s, %s", g->detail, what);
	free(g->detail);
	g->detail = d;
}

int
audit_change_mark(struct oneteam *ot, int64_t *seq, char **cause)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "SELECT COALESCE(MAX(seq), 0) FROM op "
	    "WHERE origin = ?1");
	query_bind_id(q, 1, store_site(ot->st));
	if ((rc = query_step(q)) == 1)
		*seq = query_int(q, 0);
	query_done(q);
	return rc == 1 ? 0 : oneteam_db_fail(ot, cause);
}

int
audit_change_record(struct oneteam *ot, int64_t since, char **cause)
{
	struct change_set	 cs = { NULL, 0, 0 };
	struct query		*q;
	struct id		 entity, family;
	char			*what, *name, *detail;
	size_t			 i;
	int			 rc, fail = 0;

	q = query_prepare(ot->st, "SELECT etype, entity, kind, field FROM op "
	    "WHERE origin = ?1 AND seq > ?2 AND etype <> 'audit' ORDER BY seq");
	query_bind_id(q, 1, store_site(ot->st));
	query_bind_int(q, 2, since);
	while ((rc = query_step(q)) == 1) {
		entity = query_id(q, 1);
		if (kinds_family_of(ot->st, query_text(q, 0), &entity,
		    &family) < 0) {
			fail = 1;
			break;
		}
		if (strcmp(query_text(q, 0), "staff") == 0) {
			/* Whose account: the name, for an investigation. */
			name = oneteam_staff_name(ot, &entity);
			what = query_int(q, 2) == OP_NEW ? xprintf("new staff "
			    "%s", name) : xprintf("staff %s: %s", name,
			    query_text(q, 3));
			free(name);
		} else if (query_int(q, 2) == OP_NEW)
			what = xprintf("new %s", query_text(q, 0));
		else
			what = xprintf("%s.%s", query_text(q, 0),
			    query_text(q, 3));
		change_add(&cs, &family, what);
		free(what);
	}
	query_done(q);
	if (rc < 0 || fail) {
		rc = oneteam_db_fail(ot, cause);
		goto out;
	}
	rc = 0;
	for (i = 0; i < cs.n && rc == 0; i++) {
		detail = cs.g[i].more == 0 ? xstrdup(cs.g[i].detail) :
		    xprintf("%s and %zu more", cs.g[i].detail, cs.g[i].more);
		rc = audit_record(ot, AUDIT_CHANGE, id_is_zero(&cs.g[i].family) ?
		    NULL : &cs.g[i].family, detail, cause);
		free(detail);
	}
out:
	for (i = 0; i < cs.n; i++)
		free(cs.g[i].detail);
	free(cs.g);
	return rc;
}
