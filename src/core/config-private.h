/*
 * What config.c asks of config-path.c: the file to read, and the paths
 * in it expanded and checked for the kind of install.
 */
#ifndef ONETEAM_CONFIG_PRIVATE_H
#define ONETEAM_CONFIG_PRIVATE_H

/* The "$XDG_DATA_HOME/" of a default or a value. */
#define CONFIG_DATA_HOME	"$XDG_DATA_HOME/"

/* The file to read (*file NULL: none), from path or where it is looked
 * for: 0, or -1 with *cause. */
int	 config_find(const char *path, char **file, char **cause);

/* value, read from file (NULL: a default), as a path: a new string, or
 * NULL with *cause. */
char	*config_expand_path(const char *value, const char *file,
	     char **cause);

/* Does path (a database or key file) lie where the install keeps them?
 * 0, or -1 with *cause naming what (for a message). */
int	 config_kept(const char *path, const char *what, char **cause);

#endif
