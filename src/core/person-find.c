/*
 * person-find.c owns finding a person of a family by what was typed: a
 * reference, a whole name or the start of one (of a word of it), the
 * household first, and a refusal that lists the names alike to choose
 * from. Recording and reading people is person.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/person.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "read-private.h"

#define PERSON_FIND_MAX		50		/* more than any household */
#define PERSON_NAMES_SHOWN	5

/* A person whose name matched what was typed. */
struct person_match {
	struct id	 id;
	char		*name;
	int		 tier;	/* 0 exact, 1 exact archived, 2 start, 3 ... */
};

/*
 * Everyone of the family whose name is text or starts (a word) with it;
 * with PERSON_FIND_CURRENT, only those still in the household.
 */
static int
person_matches(struct oneteam *ot, const struct id *family, const char *text,
    int flags, struct person_match *m, size_t *n, char **cause)
{
	struct query	*q;
	char		*like;
	int		 rc;

	*n = 0;
	q = query_prepare(ot->st, "SELECT id, name, "
	    "(name <> ?2 COLLATE NOCASE) * 2 + coalesce(archived, 0) "
	    "FROM person WHERE family = ?1 AND "
	    "(NOT ?6 OR NOT coalesce(archived, 0)) AND "
	    "(name = ?2 COLLATE NOCASE OR name LIKE ?3 ESCAPE '\\' OR "
	    "name LIKE ?4 ESCAPE '\\') ORDER BY 3, name COLLATE NOCASE, id "
	    "LIMIT ?5");
	query_bind_id(q, 1, family);
	query_bind_text(q, 2, text);
	like = oneteam_like("", text);
	query_bind_text(q, 3, like);
	free(like);
	like = oneteam_like("% ", text);
	query_bind_text(q, 4, like);
	free(like);
	query_bind_int(q, 5, PERSON_FIND_MAX);
	query_bind_int(q, 6, (flags & PERSON_FIND_CURRENT) != 0);
	while ((rc = query_step(q)) == 1) {
		m[*n].id = query_id(q, 0);
		m[*n].name = xstrdup(query_text(q, 1));
		m[*n].tier = (int)query_int(q, 2);
		(*n)++;
	}
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

/* "A, B or C", names escaped; with references when two names are alike. */
static char *
person_name_list(const struct person_match *m, size_t n)
{
	char	*out = xstrdup(""), *next, *name, ref[ID_REF_MAX];
	size_t	 i, j, shown = n > PERSON_NAMES_SHOWN ? PERSON_NAMES_SHOWN : n;
	int	 alike = 0;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (text_casecmp(m[i].name, m[j].name) == 0)
				alike = 1;
	for (i = 0; i < shown; i++) {
		name = text_escape(m[i].name, 0);
		oneteam_ref("person", &m[i].id, ref);
		xasprintf(&next, "%s%s%s%s%s%s", out, i == 0 ? "" :
		    i + 1 == shown && shown == n ? " or " : ", ", name,
		    alike ? " (" : "", alike ? ref : "", alike ? ")" : "");
		free(name);
		free(out);
		out = next;
	}
	if (shown < n) {
		xasprintf(&next, "%s or %zu more", out, n - shown);
		free(out);
		out = next;
	}
	return out;
}

/* Pick the one match of the best tier, or say who it could be. */
static int
person_pick(struct oneteam *ot, const struct id *family, const char *text,
    const struct person_match *m, size_t n, struct id *id, char **cause)
{
	char	*shown = text_escape(text, 0), *names, fref[ID_REF_MAX];
	size_t	 same = 0;

	while (same < n && m[same].tier == m[0].tier)
		same++;
	if (same == 1)
		*id = m[0].id;
	else if (n == 0) {
		oneteam_ref("family", family, fref);
		oneteam_refuse(ot, cause, "there is nobody called \"%s\" in %s",
		    shown, fref);
	} else {
		names = person_name_list(m, same);
		oneteam_refuse(ot, cause, "\"%s\" could be %s: give more of "
		    "the name%s", shown, names, strchr(names, '(') != NULL ?
		    " or the P- reference" : "");
		free(names);
	}
	free(shown);
	return same == 1 ? 0 : -1;
}

/* A P- reference: it must be someone of this family. */
static int
person_find_ref(struct oneteam *ot, const struct id *family, const char *text,
    struct id *id, char **cause)
{
	struct query	*q;
	struct id	 theirs;
	char		 ref[ID_REF_MAX], fref[ID_REF_MAX];
	int		 rc;

	if (oneteam_find(ot, "person", text, id, cause) != 0)
		return -1;
	q = query_prepare(ot->st, "SELECT family FROM person WHERE id = ?1");
	query_bind_id(q, 1, id);
	if ((rc = query_step(q)) == 1)
		theirs = query_id(q, 0);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 1 && id_cmp(&theirs, family) == 0)
		return 0;
	oneteam_ref("person", id, ref);
	oneteam_ref("family", family, fref);
	return oneteam_refuse(ot, cause, "%s is not one of the people of %s",
	    ref, fref);
}

int
person_find_in_family(struct oneteam *ot, const struct id *family,
    const char *text, int flags, struct id *id, char **cause)
{
	struct person_match	 m[PERSON_FIND_MAX];
	char			*t;
	size_t			 n = 0, i;
	int			 rc;

	if (text == NULL || (t = text_trim(text)) == NULL)
		return oneteam_refuse(ot, cause, "say which person");
	if (*t == '\0') {
		free(t);
		return oneteam_refuse(ot, cause, "say which person");
	}
	if ((t[0] == 'P' || t[0] == 'p') && t[1] == '-')
		rc = person_find_ref(ot, family, t, id, cause);
	else if ((rc = person_matches(ot, family, t, flags, m, &n,
	    cause)) == 0)
		rc = person_pick(ot, family, t, m, n, id, cause);
	for (i = 0; i < n; i++)
		free(m[i].name);
	free(t);
	return rc;
}
