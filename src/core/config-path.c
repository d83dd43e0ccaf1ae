/*
 * config-path.c: where oneteam.ini is found and where the paths in it
 * lead: the home and XDG directories of a personal install, or the one
 * file and directory of a protected one (oneteam/install.h), which no
 * one running it can move.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oneteam/config.h"
#include "oneteam/install.h"
#include "oneteam/xmalloc.h"
#include "config-private.h"

/* The configuration shared by everyone on this machine. */
#ifndef ONETEAM_SYSTEM_CONFIG
#define ONETEAM_SYSTEM_CONFIG	"/etc/oneteam/oneteam.ini"
#endif

/* An environment variable, or NULL when unset or empty. */
static const char *
config_getenv(const char *name)
{
	const char	*value;

	value = getenv(name);
	if (value == NULL || *value == '\0')
		return NULL;
	return value;
}

/* The home directory: $HOME, or the password file's; NULL if neither. */
static const char *
config_home(void)
{
	const char	*home;
	struct passwd	*pw;

	if ((home = config_getenv("HOME")) != NULL)
		return home;
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_dir != NULL &&
	    *pw->pw_dir != '\0')
		return pw->pw_dir;
	return NULL;
}

/*
 * An XDG base directory: the variable when it holds an absolute path (the
 * XDG specification says to ignore a relative one), else fallback under the
 * home directory. Returns a new string or NULL with *cause.
 */
static char *
config_xdg_dir(const char *variable, const char *fallback, char **cause)
{
	const char	*value, *home;

	value = config_getenv(variable);
	if (value != NULL && *value == '/')
		return xstrdup(value);
	if ((home = config_home()) == NULL) {
		*cause = xprintf("cannot find the home directory: HOME is not "
		    "set");
		return NULL;
	}
	return xprintf("%s/%s", home, fallback);
}

/* The directory part of a file name, or NULL when it has none. */
static char *
config_dirname(const char *file)
{
	const char	*slash;

	if ((slash = strrchr(file, '/')) == NULL)
		return NULL;
	if (slash == file)
		return xstrdup("/");
	return xstrndup(file, (size_t)(slash - file));
}

/*
 * Expand a path in a protected install: its default directory is its
 * own, and no path may depend on who runs oneteam (their home, their
 * environment) or on where the file is read from.
 */
static char *
config_expand_protected(const char *value, const char *file, char **cause)
{
	static const char	own[] = CONFIG_DATA_HOME "oneteam/";

	if (strncmp(value, own, sizeof own - 1) == 0)
		return xprintf("%s/%s", install_dir(), value + sizeof own - 1);
	if (*value == '/')
		return xstrdup(value);
	*cause = xprintf("%s: %s: a protected install takes absolute paths "
	    "only", file != NULL ? file : install_config(), value);
	return NULL;
}

/*
 * Expand a path from the file (or a default): "~/" is the home directory,
 * "$XDG_DATA_HOME/" the data directory, and a relative path is taken from
 * the directory of the file it was read from. Returns a new string, or NULL
 * with *cause.
 */
char *
config_expand_path(const char *value, const char *file, char **cause)
{
	const char	*home;
	char		*dir, *path;
	size_t		 len = strlen(CONFIG_DATA_HOME);

	/* A protected install's files are where it is, whoever runs it. */
	if (install_dir() != NULL)
		return config_expand_protected(value, file, cause);
	if (strncmp(value, "~/", 2) == 0) {
		if ((home = config_home()) == NULL) {
			*cause = xprintf("cannot expand %s: HOME is not set",
			    value);
			return NULL;
		}
		return xprintf("%s/%s", home, value + 2);
	}
	if (strncmp(value, CONFIG_DATA_HOME, len) == 0) {
		dir = config_xdg_dir("XDG_DATA_HOME", ".local/share", cause);
		if (dir == NULL)
			return NULL;
		path = xprintf("%s/%s", dir, value + len);
		free(dir);
		return path;
	}
	if (*value == '/' || file == NULL ||
	    (dir = config_dirname(file)) == NULL)
		return xstrdup(value);
	path = xprintf("%s%s%s", dir, strcmp(dir, "/") == 0 ? "" : "/",
	    value);
	free(dir);
	return path;
}

/*
 * Choose the file: the first set of path, $ONETEAM_CONFIG, the user's file,
 * the system's. *file is NULL when there is none. A file that is not there
 * is skipped only for the last two.
 */
int
config_find(const char *path, char **file, char **cause)
{
	const char	*env;
	char		*dir;
	struct stat	 sb;

	*file = NULL;
	if (install_config() != NULL) {
		if (path != NULL) {
			*cause = xprintf("--config %s: a protected install "
			    "reads %s only", path, install_config());
			return -1;
		}
		if (stat(install_config(), &sb) == 0 || (errno != ENOENT &&
		    errno != ENOTDIR))
			*file = xstrdup(install_config());
		return 0;
	}
	if (path != NULL) {
		*file = xstrdup(path);
		return 0;
	}
	if ((env = config_getenv("ONETEAM_CONFIG")) != NULL) {
		if (stat(env, &sb) != 0) {
			*cause = xprintf("cannot read configuration %s (named "
			    "by ONETEAM_CONFIG): %s", env, strerror(errno));
			return -1;
		}
		*file = xstrdup(env);
		return 0;
	}
	dir = config_xdg_dir("XDG_CONFIG_HOME", ".config", cause);
	if (dir != NULL) {
		*file = xprintf("%s/oneteam/oneteam.ini", dir);
		free(dir);
		if (stat(*file, &sb) == 0 || (errno != ENOENT &&
		    errno != ENOTDIR))
			return 0;
		free(*file);
		*file = NULL;
	} else {
		free(*cause);	/* no home, so no user file */
		*cause = NULL;
	}
	if (stat(ONETEAM_SYSTEM_CONFIG, &sb) == 0 || (errno != ENOENT &&
	    errno != ENOTDIR))
		*file = xstrdup(ONETEAM_SYSTEM_CONFIG);
	return 0;
}

/*
 * In a protected install, the database, its key file and the bundle
 * directory lie in its directory: what refuses one set elsewhere, named
 * by what.
 */
int
config_kept(const char *path, const char *what, char **cause)
{
	if (install_dir() == NULL || install_within(install_dir(), path))
		return 0;
	*cause = xprintf("%s %s: a protected install keeps its database, key "
	    "file and bundles in %s", what, path, install_dir());
	return -1;
}

int
config_set_db(struct config *cfg, const char *path, char **cause)
{
	if (config_kept(path != NULL ? path : cfg->db_path, path != NULL ?
	    "--db" : "[database] path", cause) != 0)
		return -1;
	/* Another file there (a copy kept by restore) is no way round the
	 * database's trail but for those who may read them all anyway. */
	if (path != NULL && install_dir() != NULL && !install_keeper() &&
	    strcmp(path, cfg->db_path) != 0) {
		*cause = xprintf("--db %s: a protected install opens its "
		    "database, %s, only", path, cfg->db_path);
		return -1;
	}
	if (path != NULL) {
		free(cfg->db_path);
		cfg->db_path = xstrdup(path);
	}
	return 0;
}
