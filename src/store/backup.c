/*
 * backup.c owns putting a backup back: the whole database replaced by a
 * copy made earlier, by SQLite's backup API, so that the file stays the
 * one a oneteam may have open (it waits) and is never half written. What
 * the backup holds is checked first, and the database it replaces is
 * kept beside it: nothing is lost by a restore, even of the wrong file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store-private.h"
#include "oneteam/install.h"
#include "oneteam/xmalloc.h"

#define BACKUP_BUSY_MS	5000

/* The site of the oneteam database db (at path), checked whole. */
static int
backup_check(sqlite3 *db, const char *path, struct id *site, char **cause)
{
	sqlite3_stmt	*q = NULL;
	const void	*p;
	int		 version = -1, ok = 0;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL) ==
	    SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
		version = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if (version < 1) {
		xasprintf(cause, "%s is not a oneteam database", path);
		return -1;
	}
	if (version > migrate_latest()) {
		xasprintf(cause, "%s was written by a newer oneteam (schema %d, "
		    "this oneteam knows up to %d): upgrade oneteam to restore "
		    "it", path, version, migrate_latest());
		return -1;
	}
	if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &q, NULL) ==
	    SQLITE_OK && sqlite3_step(q) == SQLITE_ROW &&
	    sqlite3_column_text(q, 0) != NULL)
		ok = strcmp((const char *)sqlite3_column_text(q, 0), "ok") == 0;
	sqlite3_finalize(q);
	if (!ok) {
		xasprintf(cause, "%s is damaged: restore another backup", path);
		return -1;
	}
	ok = 0;
	if (sqlite3_prepare_v2(db, "SELECT site FROM local WHERE id = 1", -1,
	    &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW &&
	    (p = sqlite3_column_blob(q, 0)) != NULL &&
	    sqlite3_column_bytes(q, 0) == (int)sizeof site->b) {
		memcpy(site->b, p, sizeof site->b);
		ok = 1;
	}
	sqlite3_finalize(q);
	if (!ok) {
		xasprintf(cause, "%s is not a oneteam database", path);
		return -1;
	}
	return 0;
}

/* The site id of the database at path, if it can be read; else 0. */
static int
backup_site_of(const char *path, struct id *site)
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*q = NULL;
	const void	*p;
	int		 found = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(db, "SELECT site FROM local WHERE "
	    "id = 1", -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) ==
	    SQLITE_ROW && (p = sqlite3_column_blob(q, 0)) != NULL &&
	    sqlite3_column_bytes(q, 0) == (int)sizeof site->b) {
		memcpy(site->b, p, sizeof site->b);
		found = 1;
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	return found;
}

/* Copy the file from to to, whole, readable by its owner only. */
static int
backup_copy(const char *from, const char *to, char **cause)
{
	FILE	*in, *out;
	char	 buf[65536];
	size_t	 n;
	int	 ok = 1, fd = -1;

	if ((in = fopen(from, "rb")) == NULL) {
		if (errno == ENOENT)
			return 0;
		xasprintf(cause, "%s: %s", from, strerror(errno));
		return -1;
	}
	/* Never over another: an earlier restore's copy is someone's work. */
	if ((fd = open(to, O_WRONLY | O_CREAT | O_EXCL,
	    install_mode(0600))) == -1 ||
	    (out = fdopen(fd, "wb")) == NULL) {
		xasprintf(cause, "%s: %s", to, strerror(errno));
		if (fd != -1)
			close(fd);
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			ok = 0;
	if (ferror(in))
		ok = 0;
	fclose(in);
	if (fclose(out) != 0)
		ok = 0;
	if (!ok) {
		xasprintf(cause, "%s: could not be saved whole", to);
		unlink(to);
		return -1;
	}
	return 0;
}

/* The database at path and its companions, gone (kept already). */
static void
backup_unlink(const char *path)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	size_t	 i;
	char	*p;

	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		p = xconcat(path, ext[i], NULL);
		unlink(p);
		free(p);
	}
}

/* Another site's backup would take this machine's key for its own: the
 * backup's site must be the database's at path, or one its mark knows. */
static int
backup_is_ours(const char *path, const char *backup, const char *mark,
    const struct id *site, char **cause)
{
	struct id	now;
	char		b32[27], was[27];
	int		known = store_mark_knows(mark, site);

	id_base32(site, b32);
	if (backup_site_of(path, &now) && id_cmp(&now, site) != 0 &&
	    known != 1) {
		id_base32(&now, was);
		xasprintf(cause, "%s is site %.8s's database, and %s is site "
		    "%.8s's: restore a backup of this site", backup, b32, path,
		    was);
		return -1;
	}
	if (known == 0) {
		xasprintf(cause, "%s is site %.8s's database, which never was "
		    "this site's (%s): restore a backup of this site", backup,
		    b32, mark);
		return -1;
	}
	return 0;
}

/* The database at path (and its -wal) kept as saved, or dropped again. */
static int
backup_keep(const char *path, const char *saved, int drop, char **cause)
{
	char	*wal_from = xconcat(path, "-wal", NULL);
	char	*wal_to = xconcat(saved, "-wal", NULL);
	int	 rc = 0;

	if (drop) {
		unlink(saved);
		unlink(wal_to);
	} else if (backup_copy(path, saved, cause) != 0 ||
	    backup_copy(wal_from, wal_to, cause) != 0)
		rc = -1;
	free(wal_from);
	free(wal_to);
	return rc;
}

/* Copy src into the database at path, whole: SQLITE_DONE, or an error. */
static int
backup_into(const char *path, sqlite3 *src, char **errmsg)
{
	sqlite3		*dst = NULL;
	sqlite3_backup	*b;
	int		 rc;

	if ((rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL)) == SQLITE_OK) {
		sqlite3_busy_timeout(dst, BACKUP_BUSY_MS);
		if ((b = sqlite3_backup_init(dst, "main", src, "main")) !=
		    NULL) {
			rc = sqlite3_backup_step(b, -1);
			sqlite3_backup_finish(b);
		} else
			rc = sqlite3_errcode(dst);
	}
	if (rc != SQLITE_DONE)
		*errmsg = xstrdup(rc == SQLITE_BUSY || rc == SQLITE_LOCKED ?
		    "the database is in use by another oneteam; try again in a "
		    "moment" : dst != NULL && sqlite3_errcode(dst) != SQLITE_OK ?
		    sqlite3_errmsg(dst) : sqlite3_errstr(rc));
	sqlite3_close(dst);
	return rc;
}

int
store_restore(const char *path, const char *backup, const char *mark,
    const char *saved, struct id *site, char **cause)
{
	sqlite3		*src = NULL;
	char		*errmsg = NULL;
	int		 rc, fd;

	if (access(backup, R_OK) != 0) {
		xasprintf(cause, "%s: %s", backup, strerror(errno));
		return -1;
	}
	if (sqlite3_open_v2(backup, &src, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		xasprintf(cause, "%s: %s", backup, sqlite3_errmsg(src));
		sqlite3_close(src);
		return -1;
	}
	/* What is there now kept as it is (damaged, perhaps), first. */
	if (backup_check(src, backup, site, cause) != 0 ||
	    backup_is_ours(path, backup, mark, site, cause) != 0 ||
	    backup_keep(path, saved, 0, cause) != 0) {
		sqlite3_close(src);
		return -1;
	}
	rc = backup_into(path, src, &errmsg);
	/* What is there is no database any more (kept): a new file. */
	if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) {
		free(errmsg);
		errmsg = NULL;
		backup_unlink(path);
		/* Made as the store makes one: SQLite's would be 0644. */
		if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL,
		    install_mode(0600))) >= 0)
			close(fd);
		rc = backup_into(path, src, &errmsg);
	} else if (rc != SQLITE_DONE) {
		/* Nothing replaced: no copy of it kept. */
		(void)backup_keep(path, saved, 1, cause);
	}
	sqlite3_close(src);
	if (rc != SQLITE_DONE) {
		xasprintf(cause, "%s: %s", path, errmsg);
		free(errmsg);
		return -1;
	}
	return 0;
}
