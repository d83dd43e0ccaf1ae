/*
 * Configuration: oneteam.ini parsed once into a typed struct. Every key has
 * a built-in default, so no file is needed.
 */
#ifndef ONETEAM_CONFIG_H
#define ONETEAM_CONFIG_H

#include <stdio.h>

#include "oneteam/refdata.h"

struct config {
	char	*file;		/* the file read, or NULL when none was found */
	char	*db_path;	/* [database] path */
	char	*site_name;	/* [site] name: this replica, as peers see it */
	int	 site_name_set;	/* given in the file, not the host's name */
	char	*locality;	/* [site] locality: the team's locality name */
	int	 idle_lock_minutes; /* [security] idle_lock_minutes, 1..240 */
	char	*bundle_dir;	/* [bundles] directory */
	char	*key_file;	/* [bundles] key_file; NULL: the database's
				 * path with ".key" added */
	char	*ref_paths[REF_NLISTS]; /* [reference] <list> = file, or NULL */
};

/*
 * Find and load the configuration. The first of these that is set wins:
 * path (from --config; must exist), $ONETEAM_CONFIG (must exist),
 * $XDG_CONFIG_HOME/oneteam/oneteam.ini (or ~/.config/...),
 * /etc/oneteam/oneteam.ini; the last two only if they exist. A protected
 * install reads its own file only (install_config()) and refuses path. A bad value is
 * refused: -1 with *cause naming file, section, key, value and what was
 * expected ("/etc/oneteam/oneteam.ini: [security] idle_lock_minutes =
 * \"soon\": expected a whole number of minutes from 1 to 240"). Unknown
 * sections and keys are refused the same way, so a typo is not ignored.
 */
int	 config_load(const char *path, struct config *, char **cause);

/*
 * Use the database at path (from --db) instead of the configured one; with
 * path NULL, only check the configured one. A protected install
 * (oneteam/install.h) refuses one outside its directory: -1 with *cause.
 */
int	 config_set_db(struct config *, const char *path, char **cause);
void	 config_free(struct config *);

/* The key file's path: [bundles] key_file, or the database's with ".key"
 * added; and the site's high-water mark's beside it, ".mark" for ".key"
 * (oneteam.db.mark). The caller frees them. */
char	*config_key_path(const struct config *);
char	*config_mark_path(const struct config *);

/* Print the effective configuration as an ini file (for `oneteam config`). */
void	 config_print(const struct config *, FILE *);

#endif
