/*
 * episode.c owns a family's episodes of early help: the one rule of
 * episodes (kinds.h KINDS_EPISODES_WANTED: an open family below level 4
 * has one open episode, any other none), which every change of a family's
 * status or level follows (family_settle()), and the conflict that arises
 * when changes made apart break it: a family closed at one site while
 * another stepped it down, which opened an episode, comes together closed
 * with an episode open. Such a family has two ways to stand, listed in the
 * conflicts queue like the values of a field; keeping one brings the
 * family and its episodes together again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflict-private.h"
#include "family-private.h"
#include "oneteam/authority.h"
#include "oneteam/date.h"
#include "oneteam/kinds.h"
#include "oneteam/xmalloc.h"

static int
episode_open_new(struct oneteam *ot, const struct id *family,
    const char *reason, char **cause)
{
	struct field	f[3];
	char		today[11];
	struct date	d = date_from_ms(ot->now);

	date_iso(&d, today);
	f[0] = (struct field){ "family", val_id(family) };
	f[1] = (struct field){ "opened", val_text(today) };
	f[2] = (struct field){ "reason", val_text(reason) };
	return store_new(ot->st, "episode", f, 3, NULL, cause);
}

/* Close every open episode of the family (one, but for two sites that
 * opened it again apart) for end_reason; *n how many were open. */
static int
episode_close_all(struct oneteam *ot, const struct id *family,
    const char *end_reason, int *n, char **cause)
{
	struct query	*q;
	struct id	*open = NULL;
	struct val	 v;
	char		 today[11];
	struct date	 d = date_from_ms(ot->now);
	int		 rc, i;

	q = query_prepare(ot->st, "SELECT id FROM episode WHERE family = ?1 "
	    "AND closed IS NULL ORDER BY opened, hlc, id");
	query_bind_id(q, 1, family);
	for (*n = 0; (rc = query_step(q)) == 1; (*n)++) {
		open = xreallocarray(open, (size_t)*n + 1, sizeof *open);
		open[*n] = query_id(q, 0);
	}
	query_done(q);
	if (rc < 0)
		rc = oneteam_db_fail(ot, cause);
	date_iso(&d, today);
	for (i = 0; rc == 0 && end_reason != NULL && i < *n; i++) {
		v = val_text(today);
		if (store_set(ot->st, "episode", &open[i], "closed", &v,
		    cause) != 0)
			rc = -1;
		v = val_text(end_reason);
		if (rc == 0 && store_set(ot->st, "episode", &open[i],
		    "end_reason", &v, cause) != 0)
			rc = -1;
	}
	free(open);
	return rc;
}

/* Why the family's early help ended, as its closing said, else as its
 * last episode ended; or NULL: a new string. */
static int
episode_last_end(struct oneteam *ot, const struct id *family, char **reason)
{
	struct query	*q;
	int		 rc;

	*reason = NULL;
	q = query_prepare(ot->st, "SELECT end_reason FROM family WHERE id = "
	    "?1 AND status = 'closed' AND end_reason IS NOT NULL UNION ALL "
	    "SELECT * FROM (SELECT end_reason FROM episode WHERE family = ?1 "
	    "AND end_reason IS NOT NULL ORDER BY closed DESC, hlc DESC, id "
	    "DESC) LIMIT 1");
	query_bind_id(q, 1, family);
	if ((rc = query_step(q)) == 1)
		*reason = xstrdup(query_text(q, 0));
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* What the family now is: its status (a new string), level, whether the
 * rule wants an episode open and whether one is. 1, 0 when it is not
 * here, -1. */
struct standing {
	char	*status;
	int	 level;
	int	 wanted;
	int	 open;
};

static int
episode_standing(struct oneteam *ot, const struct id *family,
    struct standing *s)
{
	struct query	*q;
	int		 rc;

	memset(s, 0, sizeof *s);
	q = query_prepare(ot->st, "SELECT status, level, "
	    KINDS_EPISODES_WANTED ", episode_open FROM family WHERE id = ?1");
	query_bind_id(q, 1, family);
	if ((rc = query_step(q)) == 1) {
		s->status = query_text_dup(q, 0);
		s->level = (int)query_int(q, 1);
		s->wanted = (int)query_int(q, 2);
		s->open = (int)query_int(q, 3);
	}
	query_done(q);
	return rc;
}

int
family_settle(struct oneteam *ot, const struct id *family,
    const char *end_reason, const char *open_reason, char **cause)
{
	struct standing	 s;
	char		*last = NULL;
	int		 n, rc;

	if ((rc = episode_standing(ot, family, &s)) != 1)
		return rc < 0 ? oneteam_db_fail(ot, cause) : oneteam_refuse(ot,
		    cause, "no such family");
	if (s.wanted) {
		free(s.status);
		return s.open ? 0 : episode_open_new(ot, family, open_reason,
		    cause);
	}
	if (s.level == 4 && strcmp(s.status, FAMILY_STATUS_OPEN) == 0)
		end_reason = "stepped_up";
	free(s.status);
	if (!s.open)
		return 0;
	if (end_reason == NULL) {
		if (episode_last_end(ot, family, &last) != 0)
			return oneteam_db_fail(ot, cause);
		end_reason = last != NULL ? last : "no_further_action";
	}
	rc = episode_close_all(ot, family, end_reason, &n, cause);
	free(last);
	return rc;
}

int
family_kept(struct oneteam *ot, const struct id *family, const char *field,
    char **cause)
{
	struct standing	s;
	int		rc;

	if ((rc = episode_standing(ot, family, &s)) != 1)
		return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
	free(s.status);
	/* A level below 4 kept opens early help as a step down does; an
	 * open status kept, as reopening without a reason. */
	return family_settle(ot, family, NULL, strcmp(field, "level") == 0 &&
	    s.level < 4 && refdata_find(ot->rd, REF_INVOLVEMENT,
	    "stepped_down") ? "stepped_down" : NULL, cause);
}

/* --- the conflict ---------------------------------------------------- */

/* Who made the latest change to field of entity, where and when, into
 * v; or, when field is NULL, who made record entity (an episode, or a
 * family). */
static int
episode_who(struct oneteam *ot, const struct id *entity, const char *field,
    struct conflict_value *v)
{
	struct query	*q;
	int		 rc;

	if (field != NULL) {
		q = query_prepare(ot->st, "SELECT author, origin, coalesce("
		    "(SELECT w.wall FROM op w WHERE w.id = reg.op), hlc >> 16) "
		    "FROM reg WHERE entity = ?1 AND field = ?2 ORDER BY hlc "
		    "DESC, origin DESC, op DESC LIMIT 1");
		query_bind_text(q, 2, field);
	} else
		q = query_prepare(ot->st, "SELECT e.created_by, o.origin, "
		    "e.created FROM episode e JOIN op o ON o.id = e.op WHERE "
		    "e.id = ?1 UNION ALL SELECT f.created_by, o.origin, "
		    "f.created FROM family f JOIN op o ON o.id = f.op WHERE "
		    "f.id = ?1");
	query_bind_id(q, 1, entity);
	if ((rc = query_step(q)) == 1) {
		conflict_value_by(ot, v, q, 0);
		v->at = query_int(q, 2);
	}
	query_done(q);
	return rc < 0 ? -1 : rc;
}

/* The episode the family's open episodes are one with, or the last one
 * that closed (open: which), into *e; 1, 0 when there is none, -1. */
static int
episode_latest(struct oneteam *ot, const struct id *family, int open,
    struct id *e)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, open ? "SELECT id FROM episode WHERE "
	    "family = ?1 AND closed IS NULL ORDER BY opened, hlc, id LIMIT 1" :
	    "SELECT id FROM episode WHERE family = ?1 AND closed IS NOT NULL "
	    "ORDER BY closed DESC, hlc DESC, id DESC LIMIT 1");
	query_bind_id(q, 1, family);
	if ((rc = query_step(q)) == 1)
		*e = query_id(q, 0);
	query_done(q);
	return rc;
}

/* The level a family stepped up to 4 from, by its latest step up; 3 when
 * none says. */
static int
episode_level_before(struct oneteam *ot, const struct id *family)
{
	struct query	*q;
	int		 level = 3;

	q = query_prepare(ot->st, "SELECT from_level FROM step WHERE family "
	    "= ?1 AND to_level = 4 AND from_level BETWEEN 1 AND 3 ORDER BY "
	    "created DESC, hlc DESC, id DESC LIMIT 1");
	query_bind_id(q, 1, family);
	if (query_step(q) == 1)
		level = (int)query_int(q, 0);
	query_done(q);
	return level;
}

/*
 * The two ways a family whose episodes break the rule can stand, first
 * the family as it stands (its episodes brought to it), then its
 * episodes as they stand (the family brought to them), each with the
 * change it keeps: who made it, where and when.
 */
int
family_episode_ways(struct oneteam *ot, const struct id *family,
    struct conflict_value **values, size_t *n)
{
	struct conflict_value	*v;
	struct standing		 s;
	struct id		 e;
	char			*end = NULL, level[24];
	size_t			 i;
	int			 rc, closed;

	*values = NULL;
	*n = 0;
	if ((rc = episode_standing(ot, family, &s)) != 1)
		return rc;
	closed = strcmp(s.status, FAMILY_STATUS_OPEN) != 0;
	if (s.level > 0)
		snprintf(level, sizeof level, "level %d", s.level);
	else
		snprintf(level, sizeof level, "no level set");
	v = xcalloc(2, sizeof *v);
	if (s.open) {
		/* Closed, or with social care, and an episode open. */
		v[0].value = closed ? xstrdup("closed; its episode ends") :
		    xstrdup("level 4, social care; its episode ends");
		v[1].value = closed ? xprintf("open, %s; its episode goes "
		    "on", level) : xprintf("level %d, early help; its "
		    "episode goes on", episode_level_before(ot, family));
		rc = episode_who(ot, family, closed ? "status" : "level",
		    &v[0]);
		if (rc >= 0 && (rc = episode_latest(ot, family, 1, &e)) == 1)
			rc = episode_who(ot, &e, NULL, &v[1]);
	} else {
		/* Open below level 4, and no episode open. */
		if (episode_last_end(ot, family, &end) != 0)
			rc = -1;
		v[0].value = xprintf("open, %s; an episode opens", level);
		v[1].value = xprintf("closed (%s); no episode",
		    end != NULL ? end : "no_further_action");
		if (rc >= 0)
			rc = episode_who(ot, family, "status", &v[0]);
		if (rc >= 0 && (rc = episode_latest(ot, family, 0, &e)) == 1)
			rc = episode_who(ot, &e, "closed", &v[1]);
	}
	/* Each a change made here or brought: else who made the family,
	 * with the value it has still. */
	for (i = 0; rc >= 0 && i < 2; i++)
		if (v[i].who == NULL && (rc = episode_who(ot, family, NULL,
		    &v[i])) == 0) {
			v[i].who = xstrdup("(unknown)");
			v[i].site = xstrdup("(unknown)");
		}
	free(end);
	free(s.status);
	*values = v;
	*n = 2;
	return rc < 0 ? -1 : 1;
}

/*
 * Keep way take (1 or 2, as family_episode_ways() lists them): the family
 * as it stands, its episodes settled to it; or its episodes, the family
 * brought to them, by the change that does so with its authority: opened
 * again, stepped back down from 4, or closed.
 */
int
family_episode_keep(struct oneteam *ot, const struct id *family, size_t take,
    char **cause)
{
	struct standing	 s;
	struct family	 fam;
	struct val	 v;
	char		 level[12], *end = NULL;
	int		 rc, closed, to;

	if ((rc = episode_standing(ot, family, &s)) != 1)
		return rc < 0 ? oneteam_db_fail(ot, cause) : oneteam_refuse(ot,
		    cause, "no such family");
	closed = strcmp(s.status, FAMILY_STATUS_OPEN) != 0;
	free(s.status);
	snprintf(level, sizeof level, "%d", s.level);
	if (take == 1) {
		/* Whoever may set what it stands by may keep it. */
		if (authority_may_set(ot, "family", family, s.open && !closed ?
		    "level" : "status", s.open && !closed ? level : closed ?
		    FAMILY_STATUS_CLOSED : FAMILY_STATUS_OPEN, cause) != 0)
			return -1;
		return family_settle(ot, family, NULL, NULL, cause);
	}
	if (s.open && !closed) {
		to = episode_level_before(ot, family);
		snprintf(level, sizeof level, "%d", to);
		if (authority_may_set(ot, "family", family, "level", level,
		    cause) != 0 || family_get_core(ot, family, &fam, cause) != 0)
			return -1;
		rc = family_step(ot, &fam, to, "kept in early help: a step up "
		    "and its episode came apart", cause);
		family_clear(&fam);
		return rc;
	}
	/* Closed as its last episode ended, as the way said (read while it
	 * is open): so kept. */
	if (!closed && episode_last_end(ot, family, &end) != 0)
		return oneteam_db_fail(ot, cause);
	v = val_text(closed ? FAMILY_STATUS_OPEN : FAMILY_STATUS_CLOSED);
	rc = authority_may_set(ot, "family", family, "status", v.s, cause) ||
	    store_set(ot->st, "family", family, "status", &v, cause);
	v = val_text(end);
	if (rc == 0 && end != NULL)
		rc = store_set(ot->st, "family", family, "end_reason", &v,
		    cause);
	free(end);
	return rc != 0 ? -1 : family_settle(ot, family, NULL, NULL, cause);
}
