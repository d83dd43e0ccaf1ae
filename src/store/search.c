/*
 * search.c owns the search index: keeping the FTS5 tables in step with the
 * folded tables, and answering a search. The index is local: it is never
 * synchronised, and can be rebuilt from the tables at any time.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"
#include "oneteam/kinds.h"
#include "oneteam/search.h"
#include "oneteam/xmalloc.h"

/* Is p an apostrophe, ' or U+2019 (its UTF-8 length), or not (0)? */
static size_t
search_apostrophe(const unsigned char *p)
{
	if (*p == '\'')
		return 1;
	if (p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0x99)
		return 3;
	return 0;
}

/*
 * The names with an apostrophe in them, written without it ("O'Brien"
 * as "OBrien"), so that "obrien" finds them as "o'brien" does (the
 * tokenizer splits at the apostrophe); NULL when there are none.
 */
static char *
search_joined(const char *text)
{
	const unsigned char	*p = (const unsigned char *)text, *w;
	char			*out, *o;
	size_t			 n;
	int			 had;

	if (text == NULL)
		return NULL;
	out = o = xmalloc(strlen(text) + 1);
	while (*p != '\0') {
		/* A word: letters, with apostrophes between them. */
		for (w = p, had = 0; *p != '\0' && *p != ' '; p++)
			if (search_apostrophe(p) != 0)
				had = 1;
		if (had) {
			if (o != out)
				*o++ = ' ';
			for (; w < p; w += n)
				if ((n = search_apostrophe(w)) == 0) {
					*o++ = (char)*w;
					n = 1;
				}
		}
		while (*p == ' ')
			p++;
	}
	*o = '\0';
	if (o == out) {
		free(out);
		return NULL;
	}
	return out;
}

/* The family's fields and its people's names, for its entry: ?1 the
 * family. */
#define SEARCH_FAMILY_READ "SELECT f.rowid, f.household, f.address, " \
	"f.postcode, (SELECT group_concat(name, ' ') FROM (SELECT p.name " \
	"FROM person p WHERE p.family = f.id ORDER BY p.name, p.id)) FROM " \
	"family f WHERE f.id = ?1"
#define SEARCH_FAMILY_PUT "INSERT INTO family_fts (rowid, ref, " \
	"household, address, postcode, people, joined) VALUES (?1, ?2, ?3, " \
	"?4, ?5, ?6, ?7)"

/*
 * Add family's entry, read by rd (SEARCH_FAMILY_READ), put by put
 * (SEARCH_FAMILY_PUT): statements of the store's or the migration's,
 * reset here. SQLITE_DONE or an error.
 */
static int
search_family_put(sqlite3_stmt *rd, sqlite3_stmt *put,
    const struct id *family)
{
	char	 ref[ID_REF_MAX], *both, *joined;
	int	 rc, i;

	id_ref(kinds_get("family")->prefix, family, 0, ref);
	sqlite3_bind_blob(rd, 1, family->b, sizeof family->b, SQLITE_STATIC);
	if ((rc = sqlite3_step(rd)) != SQLITE_ROW) {
		sqlite3_reset(rd);
		return rc;
	}
	sqlite3_bind_int64(put, 1, sqlite3_column_int64(rd, 0));
	sqlite3_bind_text(put, 2, ref, -1, SQLITE_STATIC);
	for (i = 1; i <= 4; i++)
		sqlite3_bind_value(put, i + 2, sqlite3_column_value(rd, i));
	both = xconcat((const char *)sqlite3_column_text(rd, 1) != NULL ?
	    (const char *)sqlite3_column_text(rd, 1) : "", " ",
	    (const char *)sqlite3_column_text(rd, 4) != NULL ?
	    (const char *)sqlite3_column_text(rd, 4) : "", NULL);
	joined = search_joined(both);
	free(both);
	sqlite3_bind_text(put, 7, joined, -1, free);
	rc = sqlite3_step(put);
	sqlite3_reset(put);
	sqlite3_clear_bindings(put);
	sqlite3_reset(rd);
	return rc;
}

/* Add a family's entry: ref, household, address, postcode, people, and
 * the names with apostrophes joined. */
static int
search_family_add(struct store *st, const struct id *family)
{
	struct query	*rd, *put;
	int		 rc;

	rd = query_prepare(st, SEARCH_FAMILY_READ);
	put = query_prepare(st, SEARCH_FAMILY_PUT);
	rc = search_family_put(rd->stmt, put->stmt, family);
	query_done(put);
	query_done(rd);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Migration 23: the families' entries again, in a family_fts made with
 * the names joined and the prefixes of one to three letters indexed (a
 * search as a name is typed asks for those), on the migration's db.
 */
int
migrate_search(sqlite3 *db, char **err)
{
	sqlite3_stmt	*all = NULL, *rd = NULL, *put = NULL;
	struct id	 id;
	int		 rc;

	if (sqlite3_prepare_v2(db, "SELECT id FROM family ORDER BY rowid", -1,
	    &all, NULL) != SQLITE_OK || sqlite3_prepare_v2(db,
	    SEARCH_FAMILY_READ, -1, &rd, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, SEARCH_FAMILY_PUT, -1, &put, NULL) !=
	    SQLITE_OK)
		rc = SQLITE_ERROR;
	else {
		while ((rc = sqlite3_step(all)) == SQLITE_ROW) {
			if (sqlite3_column_bytes(all, 0) != (int)sizeof id.b)
				continue;
			memcpy(id.b, sqlite3_column_blob(all, 0), sizeof id.b);
			if ((rc = search_family_put(rd, put, &id)) !=
			    SQLITE_DONE)
				break;
		}
	}
	if (rc != SQLITE_DONE)
		*err = sqlite3_mprintf("%s", sqlite3_errmsg(db));
	sqlite3_finalize(all);
	sqlite3_finalize(rd);
	sqlite3_finalize(put);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Refresh a family's entry after a change to it or its people. */
int
search_index_family(struct store *st, const struct id *family)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "DELETE FROM family_fts WHERE rowid = "
	    "(SELECT rowid FROM family WHERE id = ?1)");
	query_bind_id(q, 1, family);
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		return -1;
	return search_family_add(st, family);
}

/*
 * Take a record about to be deleted (its making undone, fold.c) out of
 * the index: a contact revision's or a story revision's entry, given its
 * own values (the external-content tables' 'delete'), or a family's.
 */
int
search_unindex(struct store *st, const char *etype, const struct id *id)
{
	static const struct {
		const char	*etype;
		const char	*sql;
	} unindex[] = {
		{ "contact", "INSERT INTO contact_fts (contact_fts, rowid, "
		    "summary, venue) SELECT 'delete', rowid, summary, venue "
		    "FROM contact WHERE id = ?1" },
		{ "story", "INSERT INTO story_fts (story_fts, rowid, body) "
		    "SELECT 'delete', rowid, body FROM story WHERE id = ?1" },
		{ "family", "DELETE FROM family_fts WHERE rowid = (SELECT "
		    "rowid FROM family WHERE id = ?1)" },
	};
	struct query	*q;
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof unindex / sizeof unindex[0]; i++)
		if (strcmp(unindex[i].etype, etype) == 0)
			break;
	if (i == sizeof unindex / sizeof unindex[0])
		return 0;
	q = query_prepare(st, unindex[i].sql);
	query_bind_id(q, 1, id);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* Index a contact revision just inserted as rowid, from its own values. */
int
search_index_contact(struct store *st, int64_t rowid, const char *summary,
    const char *venue)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "INSERT INTO contact_fts (rowid, summary, venue) "
	    "VALUES (?1, ?2, ?3)");
	query_bind_int(q, 1, rowid);
	sqlite3_bind_text(q->stmt, 2, summary, -1, SQLITE_STATIC);
	sqlite3_bind_text(q->stmt, 3, venue, -1, SQLITE_STATIC);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? -1 : 0;
}

int
search_index_story(struct store *st, const struct id *revision)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "INSERT INTO story_fts (rowid, body) "
	    "SELECT rowid, body FROM story WHERE id = ?1");
	query_bind_id(q, 1, revision);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? -1 : 0;
}

int
search_rebuild(struct store *st, char **cause)
{
	struct query	*q;
	struct id	 id;
	int		 rc;

	if (sqlite3_exec(st->db, "DELETE FROM family_fts;"
	    "INSERT INTO contact_fts (contact_fts) VALUES ('rebuild');"
	    "INSERT INTO story_fts (story_fts) VALUES ('rebuild');",
	    NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	/*
	 * In rowid order and with no delete between, FTS5 gathers the terms
	 * of many families before it writes; a delete, or a rowid lower than
	 * the last, makes it write a segment for each family.
	 */
	q = query_prepare(st, "SELECT id FROM family ORDER BY rowid");
	while ((rc = query_step(q)) == 1) {
		id = query_id(q, 0);
		if (search_family_add(st, &id) != 0) {
			rc = -1;
			break;
		}
	}
	query_done(q);
	if (rc == 0)
		return 0;
fail:
	store_cause(st, cause);
	return -1;
}

/* Is c part of a word? Bytes of multibyte UTF-8 characters are. */
static int
search_word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

char *
search_fts_query(const char *text)
{
	const unsigned char	*p = (const unsigned char *)text;
	char			*out, *o;
	int			 words = 0;

	/* Each byte becomes at most itself plus quotes, star and space. */
	out = o = xmalloc(strlen(text) * 5 + 1);
	while (*p != '\0') {
		if (!search_word_char(*p)) {
			p++;
			continue;
		}
		if (words++ > 0)
			*o++ = ' ';
		*o++ = '"';
		while (*p != '\0' && search_word_char(*p))
			*o++ = (char)*p++;
		*o++ = '"';
		*o++ = '*';
	}
	*o = '\0';
	if (words == 0) {
		free(out);
		return NULL;
	}
	return out;
}

struct search_seen {
	struct id	*ids;
	size_t		 n;
};

/* Is the family already shown? */
static int
search_seen_has(const struct search_seen *seen, const struct id *id)
{
	size_t	i;

	for (i = 0; i < seen->n; i++)
		if (id_cmp(&seen->ids[i], id) == 0)
			return 1;
	return 0;
}

static void
search_seen_add(struct search_seen *seen, const struct id *id)
{
	seen->ids = xreallocarray(seen->ids, seen->n + 1, sizeof *seen->ids);
	seen->ids[seen->n++] = *id;
}

/*
 * Ranking every match costs time in proportion to their number: the first
 * letter or two of a name can match most of a borough's families, and
 * ranking 25,000 takes 60 ms, too long for a search redone at each key.
 * Past this many matches the families come unranked, oldest first; the
 * next letter typed narrows them.
 */
#define SEARCH_RANK_MAX	2000

/* The family's locality by name, for people. */
#define SEARCH_LOCALITY "(SELECT l.name FROM locality l WHERE l.id = " \
	"f.locality)"

/* The three searches, best first; each row: family, household, postcode,
 * locality, snippet. Notes are taken newest first (as they came here: an order by
 * their dates would sort every match of a common word). */
static const char *const search_sql[] = {
	"SELECT f.id, f.household, f.postcode, " SEARCH_LOCALITY ", snippet(family_fts, -1, '[', "
	"']', '…', 8) FROM family_fts JOIN family f ON f.rowid = "
	"family_fts.rowid WHERE family_fts MATCH ?1 ORDER BY rank LIMIT ?2",
	"SELECT f.id, f.household, f.postcode, " SEARCH_LOCALITY ", snippet(contact_fts, -1, '[', "
	"']', '…', 8) FROM contact_fts JOIN contact c ON c.rowid = "
	"contact_fts.rowid JOIN family f ON f.id = c.family WHERE contact_fts "
	"MATCH ?1 AND c.current ORDER BY contact_fts.rowid DESC LIMIT ?2",
	"SELECT f.id, f.household, f.postcode, " SEARCH_LOCALITY ", snippet(story_fts, -1, '[', "
	"']', '…', 8) FROM story_fts JOIN story s ON s.rowid = "
	"story_fts.rowid JOIN family f ON f.id = s.family WHERE story_fts "
	"MATCH ?1 AND s.current ORDER BY story_fts.rowid DESC LIMIT ?2",
};
static const char *const search_where[] = { "household", "contact", "story" };
static const char search_unranked[] =
	"SELECT f.id, f.household, f.postcode, " SEARCH_LOCALITY ", snippet(family_fts, -1, '[', "
	"']', '…', 8) FROM family_fts JOIN family f ON f.rowid = "
	"family_fts.rowid WHERE family_fts MATCH ?1 LIMIT ?2";

/* Do more families match than are worth ranking? 1, 0, or -1. */
static int
search_many(struct store *st, const char *match)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(st, "SELECT count(*) FROM (SELECT 1 FROM family_fts "
	    "WHERE family_fts MATCH ?1 LIMIT ?2)");
	query_bind_text(q, 1, match);
	query_bind_int(q, 2, SEARCH_RANK_MAX);
	if ((rc = query_step(q)) == 1)
		rc = query_int(q, 0) >= SEARCH_RANK_MAX;
	query_done(q);
	return rc;
}

int
search_families(struct store *st, const char *text, size_t limit,
    int (*keep)(struct search_hit *, void *),
    int (*fn)(const struct search_hit *, void *), void *arg, char **cause)
{
	struct search_seen	 seen = { NULL, 0 };
	struct search_hit	 hit;
	struct query		*q;
	char			*match;
	size_t			 i;
	int			 rc = 0, stop = 0, many, kept;

	if ((match = search_fts_query(text)) == NULL)
		return 0;
	if ((many = search_many(st, match)) < 0) {
		free(match);
		store_cause(st, cause);
		return -1;
	}
	for (i = 0; i < 3 && !stop && seen.n < limit; i++) {
		q = query_prepare(st, i == 0 && many ? search_unranked :
		    search_sql[i]);
		query_bind_text(q, 1, match);
		query_bind_int(q, 2, (int64_t)(limit * 4));
		while (!stop && seen.n < limit && (rc = query_step(q)) == 1) {
			hit.family = query_id(q, 0);
			if (search_seen_has(&seen, &hit.family))
				continue;
			hit.household = query_text(q, 1);
			hit.postcode = query_text(q, 2);
			hit.locality = query_text_or_null(q, 3);
			hit.where = search_where[i];
			hit.snippet = query_text(q, 4);
			hit.outside = 0;
			if (keep != NULL && (kept = keep(&hit, arg)) <= 0) {
				if (kept < 0)
					rc = -1;
				stop = kept < 0;
				continue;
			}
			search_seen_add(&seen, &hit.family);
			stop = fn(&hit, arg);
		}
		query_done(q);
		if (rc < 0)
			break;
	}
	free(match);
	free(seen.ids);
	if (rc < 0) {
		store_cause(st, cause);
		return -1;
	}
	return (int)seen.n;
}
