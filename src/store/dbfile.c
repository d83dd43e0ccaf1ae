/*
 * dbfile.c: the database's file as the system sees it, before SQLite
 * opens it: its directories and the file made with the modes of the
 * kind of install (oneteam/install.h), and whether it may be written.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store-private.h"
#include "oneteam/install.h"
#include "oneteam/xmalloc.h"

/* Make the directories above path, like mkdir -p. */
int
store_mkdirs(const char *path, char **cause)
{
	char	*copy = xstrdup(path), *p;
	int	 rc = 0;

	for (p = copy + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, install_mode(0700)) != 0 &&
		    errno != EEXIST) {
			xasprintf(cause, "cannot make directory %s: %s", copy,
			    strerror(errno));
			rc = -1;
			break;
		}
		*p = '/';
	}
	free(copy);
	return rc;
}

/*
 * Make a new database file readable by its owner only (a protected
 * install: and its group), whatever the umask allows beyond that: it
 * holds the records of children. SQLite gives its -wal and -shm files
 * the database's mode.
 */
int
store_create_file(const char *path, char **cause)
{
	int	fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    install_mode(0600));
	if (fd < 0) {
		xasprintf(cause, "cannot make database %s: %s", path,
		    strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

/* May this process write path? Asked with its effective group, which a
 * protected install's is (oneteam/install.h), not its user's: 0 or -1. */
int
store_writable(const char *path)
{
	return faccessat(AT_FDCWD, path, W_OK, AT_EACCESS);
}
