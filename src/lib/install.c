/*
 * install.c: the kind of install (oneteam/install.h). Built into the
 * library as a personal install; built again into the protected program
 * with ONETEAM_PROTECTED_DIR and ONETEAM_PROTECTED_CONFIG set, when it
 * takes the library's place (the program's own object comes first).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "oneteam/install.h"
#include "oneteam/xmalloc.h"

#ifdef ONETEAM_PROTECTED_DIR
#define INSTALL_DIR	ONETEAM_PROTECTED_DIR
#define INSTALL_CONFIG	ONETEAM_PROTECTED_CONFIG
#else
#define INSTALL_DIR	NULL
#define INSTALL_CONFIG	NULL
#endif

static gid_t	 install_group;		/* the set-group-id group */
static int	 install_has_group;	/* the program runs with it */
static char	*install_bundles;	/* the bundle directory */
static int	 install_dropped;	/* acting as the person now */

const char *
install_dir(void)
{
	return INSTALL_DIR;
}

const char *
install_config(void)
{
	return INSTALL_CONFIG;
}

int
install_start(void)
{
	if (install_dir() == NULL)
		return 0;
	install_group = getegid();
	install_has_group = install_group != getgid();
	/* The C library passes over TMPDIR for a set-group-id program,
	 * not SQLite's own variable: its passing files stay ours. */
	if (setenv("SQLITE_TMPDIR", install_dir(), 1) != 0)
		return -1;
	/* Files of the install's are made with the group's rights. */
	umask(007);
	return 0;
}

int
install_within(const char *dir, const char *path)
{
	size_t		 n;
	const char	*p;

	if (dir == NULL || path == NULL)
		return 0;
	n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (strncmp(path, dir, n) != 0 || path[n] != '/' || path[n + 1] == '\0' ||
	    path[strlen(path) - 1] == '/' || strstr(path + n, "//") != NULL)
		return 0;
	/* No step may climb out, stand still or be empty: ".", ".." and
	 * "//" refused, and a name ending "/". */
	for (p = path + n; p != NULL; p = strchr(p + 1, '/')) {
		if (strncmp(p, "/.", 2) == 0 && (p[2] == '/' || p[2] == '\0' ||
		    (p[2] == '.' && (p[3] == '/' || p[3] == '\0'))))
			return 0;
	}
	return 1;
}

void
install_set_bundles(const char *dir)
{
	free(install_bundles);
	install_bundles = dir != NULL ? strdup(dir) : NULL;
}

int
install_begin(const char *path)
{
	/* The bundle directory's files are the Sync screen's, when it has
	 * named it; the others of the install's are never opened this way,
	 * so a name typed that leads into its directory is the person's. */
	if (install_dir() == NULL || !install_has_group ||
	    install_within(install_bundles, path))
		return 0;
	if (install_dropped)
		return 0;
	/* The group stays the saved one, to be taken back. */
	if (setegid(getgid()) != 0)
		abort();
	install_dropped = 1;
	return 1;
}

void
install_end(int dropped)
{
	if (!dropped)
		return;
	if (setegid(install_group) != 0)
		abort();
	install_dropped = 0;
}

/*
 * Is fd, opened as the person, one of the install's files after all? A
 * name in /proc/self/fd leads to the -wal the person's login first
 * made: theirs to open, but the group's. -1 with EACCES, else 0.
 */
static int
install_not_ours(int fd, int dropped)
{
	struct stat	sb;

	if (!dropped || fd < 0 || fstat(fd, &sb) != 0 ||
	    sb.st_gid != install_group)
		return 0;
	errno = EACCES;
	return -1;
}

int
install_open(const char *path, int flags, mode_t mode)
{
	int	as = install_begin(path), fd, e;

	fd = open(path, flags, install_mode(mode));
	e = errno;
	install_end(as);
	if (install_not_ours(fd, as) != 0) {
		close(fd);
		return -1;
	}
	errno = e;
	return fd;
}

FILE *
install_fopen(const char *path, const char *how)
{
	int	 as = install_begin(path), e;
	FILE	*f;

	f = fopen(path, how);
	e = errno;
	install_end(as);
	if (f != NULL && install_not_ours(fileno(f), as) != 0) {
		fclose(f);
		errno = EACCES;
		return NULL;
	}
	errno = e;
	return f;
}

mode_t
install_mode(mode_t mode)
{
	if (install_dir() == NULL || install_dropped)
		return mode;
	return mode | ((mode & 0700) >> 3);
}

int
install_keeper_only(const char *what, char **cause)
{
	if (install_keeper())
		return 0;
	*cause = xprintf("%s: on a protected install only the machine's "
	    "administrator (root, or a member of its group) makes, replaces "
	    "or puts back the database and its team key", what);
	return -1;
}

int
install_keeper(void)
{
	gid_t	groups[256];
	int	n, i;

	if (install_dir() == NULL || getuid() == 0 || !install_has_group)
		return 1;
	if ((n = getgroups(256, groups)) < 0)
		return 0;
	for (i = 0; i < n; i++)
		if (groups[i] == install_group)
			return 1;
	return 0;
}
