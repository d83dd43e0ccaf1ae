/*
 * site.c owns the names of the sites this replica has heard of: its own,
 * kept by the store and renamed with its configuration, and those the
 * bundles it imported said (the site table). Audit trails, conflicts and
 * the exchange all name a site the same way through it, and find the
 * sites that share a name. And a new site id for this replica, when its
 * database was copied or put back (store_new_site()), and whether it is a
 * demo's (store_set_demo()).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store-private.h"
#include "oneteam/xmalloc.h"

/* The name of a site: this one's, or as a bundle said; NULL if unknown. */
char *
site_name_of(struct store *st, const struct id *site)
{
	struct query	*q;
	char		*name = NULL;

	if (id_cmp(site, store_site(st)) == 0)
		return xstrdup(store_site_name(st));
	q = query_prepare(st, "SELECT name FROM site WHERE id = ?1");
	query_bind_id(q, 1, site);
	if (query_step(q) == 1)
		name = query_text_dup(q, 0);
	query_done(q);
	return name;
}

/* A site's name as known here, or "site XXXXXXXX" from its id. */
char *
site_label(struct store *st, const struct id *site)
{
	char	*name = site_name_of(st, site), b32[27];

	if (name == NULL || *name == '\0') {
		free(name);
		id_base32(site, b32);
		name = xprintf("site %.8s", b32);
	}
	return name;
}

/*
 * The sites known here by name, ASCII case ignored as site names are
 * matched (sync_site_find()): this one first if it is one of them, then
 * as bundles said, in the order they became known. Names are meant to be
 * unique in a team; more than one is a clash to show. The caller frees
 * the array.
 */
struct id *
site_named(struct store *st, const char *name, size_t *n)
{
	struct query	*q;
	struct id	*v = NULL;

	*n = 0;
	if (strcasecmp(store_site_name(st), name) == 0) {
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = *store_site(st);
	}
	q = query_prepare(st, "SELECT id FROM site WHERE name = ?1 COLLATE "
	    "NOCASE AND id <> ?2 ORDER BY rowid");
	query_bind_text(q, 1, name);
	query_bind_id(q, 2, store_site(st));
	while (query_step(q) == 1) {
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = query_id(q, 0);
	}
	query_done(q);
	return v;
}

/*
 * A site's name is its configuration's ([site] name): take it when it was
 * changed, so that a site whose name another site of the team has can be
 * given another, which its next bundle carries. (The host's name, the
 * default, only names a new database: a command run without the site's
 * configuration does not rename it.)
 */
int
site_rename(struct store *st, const char *site_name, char **cause)
{
	struct query	*q;
	int		 rc;

	if (site_name == NULL || *site_name == '\0' ||
	    strcmp(site_name, st->site_name) == 0)
		return 0;
	q = query_prepare(st, "UPDATE local SET site_name = ?1 WHERE id = 1");
	query_bind_text(q, 1, site_name);
	rc = query_step(q);
	query_done(q);
	if (rc < 0) {
		store_cause(st, cause);
		return -1;
	}
	free(st->site_name);
	st->site_name = xstrdup(site_name);
	return 0;
}

int
store_new_site(struct store *st, char **cause)
{
	struct query	*q;
	int		 rc;

	if (!st->in_tx)
		fatal("site id changed outside a transaction");
	if (store_local_load(st, cause) != 0)
		return -1;
	if (!st->site_changed) {
		st->site_before = st->site;
		st->site_changed = 1;
	}
	id_random(&st->site);
	st->next_seq = 1;
	memset(&st->prev, 0, sizeof st->prev);
	st->local_dirty = 1;
	q = query_prepare(st, "UPDATE local SET site = ?1 WHERE id = 1");
	query_bind_id(q, 1, &st->site);
	rc = query_step(q);
	query_done(q);
	/* The key file is the copy's too: the new id signs with the key
	 * the old one did, and the changes of both are this site's own. */
	if (rc >= 0) {
		q = query_prepare(st, "INSERT OR IGNORE INTO site_key (origin, "
		    "key, seen) SELECT ?1, key, seen FROM site_key WHERE "
		    "origin = ?2");
		query_bind_id(q, 1, &st->site);
		query_bind_id(q, 2, &st->site_before);
		rc = query_step(q);
		query_done(q);
	}
	if (rc < 0) {
		store_cause(st, cause);
		return -1;
	}
	return 0;
}

int
store_set_demo(struct store *st, int on, char **cause)
{
	if (!st->in_tx)
		fatal("demo marked outside a transaction");
	if (sqlite3_exec(st->db, on ? "UPDATE local SET demo = 1 WHERE id = 1" :
	    "UPDATE local SET demo = 0 WHERE id = 1", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		store_cause(st, cause);
		return -1;
	}
	return 0;
}

int
store_is_demo(const char *path, char **cause)
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*q = NULL;
	int		 rc = -1;

	/* Read only, and nothing made where there was nothing. */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(db, "SELECT demo FROM local WHERE "
	    "id = 1", -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) ==
	    SQLITE_ROW)
		rc = sqlite3_column_int(q, 0) != 0;
	sqlite3_finalize(q);
	sqlite3_close(db);
	if (rc < 0)
		xasprintf(cause, "%s is not a oneteam database, or cannot be "
		    "read", path);
	return rc;
}
