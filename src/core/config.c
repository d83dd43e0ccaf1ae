/*
 * config.c owns oneteam.ini: finding it, reading it, checking every value
 * and filling struct config, once, at start-up. It is the only file that
 * includes <iniparser.h>; the rest of oneteam sees only the typed struct.
 *
 * Every option is a row of config_options below, with its default written
 * as a value would be in the file, so defaults go through the same checks
 * and expansions as what a council writes. The [reference] section has one
 * key per reference list, named by refdata_list_name(); those files are read
 * and checked by refdata.c, not here.
 *
 * A value that is wrong, a key or section we do not know, or a line that is
 * not ini is refused with a message that names the file and what was
 * expected: a typo in a shared terminal's configuration should stop the
 * program where someone can see it, not quietly leave a default in place.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iniparser.h>

#include "oneteam/config.h"
#include "oneteam/install.h"
#include "oneteam/refdata.h"
#include "oneteam/xmalloc.h"
#include "config-private.h"

#define CONFIG_MAX_NAME		64

enum config_type {
	CONFIG_PATH,		/* a file or directory, expanded */
	CONFIG_NAME,		/* one line of text, 1 to CONFIG_MAX_NAME */
	CONFIG_TEXT,		/* one line of text, may be empty */
	CONFIG_NUMBER		/* a whole number from minimum to maximum */
};

/* One option: where it lives in the file and in struct config. */
struct config_option {
	const char		*section;
	const char		*key;
	enum config_type	 type;
	size_t			 offset;	/* of the member */
	const char		*default_value;	/* NULL: computed */
	int			 minimum;
	int			 maximum;
	const char		*expected;	/* for messages */
};

static const struct config_option config_options[] = {
	{ "database", "path", CONFIG_PATH,
	  offsetof(struct config, db_path),
	  CONFIG_DATA_HOME "oneteam/oneteam.db", 0, 0,
	  "expected the path of the database file" },
	{ "site", "name", CONFIG_NAME,
	  offsetof(struct config, site_name),
	  NULL, 1, CONFIG_MAX_NAME,
	  "expected a name for this site of 1 to 64 characters" },
	{ "site", "locality", CONFIG_TEXT,
	  offsetof(struct config, locality),
	  "", 0, CONFIG_MAX_NAME,
	  "expected the locality's name, at most 64 characters" },
	{ "security", "idle_lock_minutes", CONFIG_NUMBER,
	  offsetof(struct config, idle_lock_minutes),
	  "5", 1, 240,
	  "expected a whole number of minutes from 1 to 240" },
	{ "bundles", "directory", CONFIG_PATH,
	  offsetof(struct config, bundle_dir),
	  CONFIG_DATA_HOME "oneteam/bundles", 0, 0,
	  "expected the path of a directory" },
	{ "bundles", "key_file", CONFIG_PATH,
	  offsetof(struct config, key_file),
	  NULL, 0, 0,
	  "expected the path of the team's key file" },
};
#define CONFIG_NOPTIONS	(sizeof config_options / sizeof config_options[0])

#define CONFIG_REFERENCE	"reference"
#define CONFIG_REF_EXPECTED	"expected the path of a reference list file " \
				"(leave the key out for the built-in list)"

/* Sections in the order they are printed. */
static const char *const config_sections[] = {
	"database", "site", "security", "bundles", CONFIG_REFERENCE
};
#define CONFIG_NSECTIONS (sizeof config_sections / sizeof config_sections[0])

/*
 * The first message iniparser reported while loading. Its error callback
 * has no argument to carry a context, so this is file-scope; the
 * configuration is loaded once, before anything else runs.
 */
static char	*config_ini_error;

/* The string member of cfg that option o sets. */
static char **
config_string(struct config *cfg, const struct config_option *o)
{
	return (char **)(void *)((char *)cfg + o->offset);
}

/* The number member of cfg that option o sets. */
static int *
config_int(struct config *cfg, const struct config_option *o)
{
	return (int *)(void *)((char *)cfg + o->offset);
}

/* The name of this machine, the default site name. */
static char *
config_hostname(void)
{
	char	name[HOST_NAME_MAX + 1];

	if (gethostname(name, sizeof name) != 0 || *name == '\0')
		return xstrdup("localhost");
	name[sizeof name - 1] = '\0';
	return xstrdup(name);
}

/* Does s have a control character (it is to be shown as one line)? */
static int
config_has_control(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	}
	return 0;
}

/* Parse a whole number from minimum to maximum: digits only. */
static int
config_number(const char *value, int minimum, int maximum, int *out)
{
	const char	*p;
	long		 n;

	if (*value == '\0' || strlen(value) > 9)
		return -1;
	for (p = value; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return -1;
	}
	n = strtol(value, NULL, 10);
	if (n < minimum || n > maximum)
		return -1;
	*out = (int)n;
	return 0;
}

/* The message for a value that is refused. */
static char *
config_refused(const char *file, const char *section, const char *key,
    const char *value, const char *expected)
{
	return xprintf("%s: [%s] %s = \"%s\": %s", file == NULL ?
	    "built-in default" : file, section, key, value, expected);
}

/*
 * Check value and set the option in cfg; file is where the value came from
 * (NULL for a default). Returns 0, or -1 with *cause.
 */
static int
config_set(struct config *cfg, const struct config_option *o,
    const char *value, const char *file, char **cause)
{
	char	**sp = config_string(cfg, o);
	char	 *s;
	size_t	  len = strlen(value);

	switch (o->type) {
	case CONFIG_PATH:
		if (len == 0)
			break;
		if ((s = config_expand_path(value, file, cause)) == NULL)
			return -1;
		free(*sp);
		*sp = s;
		return 0;
	case CONFIG_NAME:
	case CONFIG_TEXT:
		if (len < (size_t)o->minimum || len > (size_t)o->maximum ||
		    config_has_control(value))
			break;
		free(*sp);
		*sp = xstrdup(value);
		if (file != NULL &&
		    o->offset == offsetof(struct config, site_name))
			cfg->site_name_set = 1;
		return 0;
	case CONFIG_NUMBER:
		if (config_number(value, o->minimum, o->maximum,
		    config_int(cfg, o)) != 0)
			break;
		return 0;
	}
	*cause = config_refused(file, o->section, o->key, value, o->expected);
	return -1;
}

/* Set every option to its default. */
static int
config_defaults(struct config *cfg, char **cause)
{
	const struct config_option	*o;
	size_t				 i;

	for (i = 0; i < CONFIG_NOPTIONS; i++) {
		o = &config_options[i];
		if (o->default_value == NULL)
			continue;
		if (config_set(cfg, o, o->default_value, NULL, cause) != 0)
			return -1;
	}
	cfg->site_name = config_hostname();
	return 0;
}

/* The option for a section and key, or NULL. */
static const struct config_option *
config_find_option(const char *section, const char *key)
{
	size_t	i;

	for (i = 0; i < CONFIG_NOPTIONS; i++) {
		if (strcmp(config_options[i].section, section) == 0 &&
		    strcmp(config_options[i].key, key) == 0)
			return &config_options[i];
	}
	return NULL;
}

/* The reference list a [reference] key names, or REF_NLISTS. */
static enum ref_list
config_find_list(const char *key)
{
	unsigned int	i;

	for (i = 0; i < REF_NLISTS; i++) {
		if (strcmp(refdata_list_name(i), key) == 0)
			break;
	}
	return i;
}

/* Add a name to a list "a, b" for a message; the list may be NULL. */
static char *
config_append(char *s, const char *name)
{
	char	*t;

	if (s == NULL)
		return xstrdup(name);
	xasprintf(&t, "%s, %s", s, name);
	free(s);
	return t;
}

/* The keys a section holds, "a, b", for messages. */
static char *
config_known_keys(const char *section)
{
	char		*s = NULL;
	unsigned int	 list;
	size_t		 i;

	if (strcmp(section, CONFIG_REFERENCE) == 0) {
		for (list = 0; list < REF_NLISTS; list++)
			s = config_append(s, refdata_list_name(list));
	}
	for (i = 0; i < CONFIG_NOPTIONS; i++) {
		if (strcmp(config_options[i].section, section) == 0)
			s = config_append(s, config_options[i].key);
	}
	return s == NULL ? xstrdup("none") : s;
}

static int
config_known_section(const char *section)
{
	size_t	i;

	for (i = 0; i < CONFIG_NSECTIONS; i++) {
		if (strcmp(config_sections[i], section) == 0)
			return 1;
	}
	return 0;
}

/* The message for a section we do not know. */
static void
config_unknown_section(const char *section, const char *file, char **cause)
{
	char	*known = NULL;
	size_t	 i;

	for (i = 0; i < CONFIG_NSECTIONS; i++)
		known = config_append(known, config_sections[i]);
	*cause = xprintf("%s: [%s]: not a known section; expected one of %s",
	    file, section, known);
	free(known);
}

/* Set a [reference] key: the file for one list. */
static int
config_set_reference(struct config *cfg, enum ref_list list,
    const char *value, const char *file, char **cause)
{
	char	*path;

	if (*value == '\0') {
		*cause = config_refused(file, CONFIG_REFERENCE,
		    refdata_list_name(list), value, CONFIG_REF_EXPECTED);
		return -1;
	}
	if ((path = config_expand_path(value, file, cause)) == NULL)
		return -1;
	free(cfg->ref_paths[list]);
	cfg->ref_paths[list] = path;
	return 0;
}

/* Apply one "section:key" entry of the file. */
static int
config_apply_key(struct config *cfg, const char *entry, const char *value,
    const char *file, char **cause)
{
	const struct config_option	*o;
	const char			*colon = strchr(entry, ':');
	char				*section, *known;
	const char			*key = colon + 1;
	enum ref_list			 list;
	int				 error = -1;

	section = xstrndup(entry, (size_t)(colon - entry));
	if (*section == '\0') {
		*cause = xprintf("%s: %s = \"%s\": not in a section; expected "
		    "a [section] line above it", file, key, value);
	} else if (strcmp(section, CONFIG_REFERENCE) == 0 &&
	    (list = config_find_list(key)) != REF_NLISTS)
		error = config_set_reference(cfg, list, value, file, cause);
	else if ((o = config_find_option(section, key)) != NULL)
		error = config_set(cfg, o, value, file, cause);
	else {
		known = config_known_keys(section);
		*cause = xprintf("%s: [%s] %s = \"%s\": not a known key; "
		    "expected one of %s", file, section, key, value, known);
		free(known);
	}
	free(section);
	return error;
}

/*
 * Apply every entry of the dictionary in the order of the file. The
 * entries are walked directly because iniparser's section functions do not
 * show keys written above the first [section] line, and those must be
 * refused too.
 */
static int
config_apply(struct config *cfg, const dictionary *d, const char *file,
    char **cause)
{
	const char	*entry, *value;
	ssize_t		 i;

	for (i = 0; i < d->size; i++) {
		if ((entry = d->key[i]) == NULL)
			continue;
		value = d->val[i] == NULL ? "" : d->val[i];
		if (strchr(entry, ':') != NULL) {
			if (config_apply_key(cfg, entry, value, file,
			    cause) != 0)
				return -1;
		} else if (!config_known_section(entry)) {
			config_unknown_section(entry, file, cause);
			return -1;
		}
	}
	return 0;
}

/* iniparser's error callback: keep the first message for config_read. */
static int __attribute__((format(printf, 1, 2)))
config_ini_errback(const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	if (config_ini_error == NULL)
		config_ini_error = msg;
	else
		free(msg);
	return 0;
}

/*
 * Turn iniparser's message ("iniparser: syntax error in FILE (4):\n-> x")
 * into one line that names the file and line. A message of another shape
 * is kept, on one line.
 */
static char *
config_ini_message(const char *file, const char *msg)
{
	const char	*in, *p;
	char		*what, *line, *s, *end;
	unsigned long	 lineno;

	if (msg == NULL)
		return xprintf("%s: cannot be read as an ini file", file);
	if (strncmp(msg, "iniparser: ", 11) == 0)
		msg += 11;
	what = xstrdup(msg);
	what[strcspn(what, "\n")] = '\0';
	if ((in = strstr(msg, " in ")) == NULL ||
	    strncmp(in + 4, file, strlen(file)) != 0 ||
	    strncmp(in + 4 + strlen(file), " (", 2) != 0)
		goto other;
	p = in + 4 + strlen(file) + 2;
	lineno = strtoul(p, &end, 10);
	if (end == p || *end != ')')
		goto other;
	if ((p = strstr(end, "-> ")) == NULL)
		p = "";
	else
		p += 3;
	line = xstrndup(p, strcspn(p, "\n"));
	if (strncmp(msg, "syntax error", 12) == 0)
		s = xprintf("%s line %lu: \"%s\" is not a [section] or a key = "
		    "value line", file, lineno, line);
	else
		s = xprintf("%s line %lu: %.*s", file, lineno,
		    (int)(in - msg), msg);
	free(line);
	free(what);
	return s;

other:
	s = xprintf("%s: %s", file, what);
	free(what);
	return s;
}

/* Read and apply the file. */
static int
config_read(struct config *cfg, const char *file, char **cause)
{
	dictionary	*d;
	FILE		*f;
	struct stat	 sb;
	int		 error;

	/* iniparser would say only "cannot open"; say why. */
	if (stat(file, &sb) != 0)
		goto unreadable;
	if (S_ISDIR(sb.st_mode)) {
		errno = EISDIR;
		goto unreadable;
	}
	if ((f = fopen(file, "r")) == NULL)
		goto unreadable;
	fclose(f);

	config_ini_error = NULL;
	iniparser_set_error_callback(config_ini_errback);
	d = iniparser_load(file);
	iniparser_set_error_callback(NULL);
	if (d == NULL) {
		*cause = config_ini_message(file, config_ini_error);
		free(config_ini_error);
		config_ini_error = NULL;
		return -1;
	}
	free(config_ini_error);
	config_ini_error = NULL;
	error = config_apply(cfg, d, file, cause);
	iniparser_freedict(d);
	return error;

unreadable:
	*cause = xprintf("cannot read configuration %s: %s", file,
	    strerror(errno));
	return -1;
}

int
config_load(const char *path, struct config *cfg, char **cause)
{
	struct config	new;

	memset(cfg, 0, sizeof *cfg);
	memset(&new, 0, sizeof new);
	if (config_defaults(&new, cause) != 0 ||
	    config_find(path, &new.file, cause) != 0)
		goto fail;
	if (new.file != NULL && config_read(&new, new.file, cause) != 0)
		goto fail;
	if (config_set_db(&new, NULL, cause) != 0 || (new.key_file != NULL &&
	    config_kept(new.key_file, "[bundles] key_file", cause) != 0) ||
	    config_kept(new.bundle_dir, "[bundles] directory", cause) != 0)
		goto fail;
	*cfg = new;
	return 0;

fail:
	config_free(&new);
	return -1;
}

char *
config_key_path(const struct config *cfg)
{
	if (cfg->key_file != NULL && *cfg->key_file != '\0')
		return xstrdup(cfg->key_file);
	return xconcat(cfg->db_path, ".key", NULL);
}

char *
config_mark_path(const struct config *cfg)
{
	char	*key = config_key_path(cfg), *mark;
	size_t	 n = strlen(key);

	if (n > 4 && strcmp(key + n - 4, ".key") == 0)
		key[n - 4] = '\0';
	mark = xconcat(key, ".mark", NULL);
	free(key);
	return mark;
}

void
config_free(struct config *cfg)
{
	const struct config_option	*o;
	size_t				 i;

	for (i = 0; i < CONFIG_NOPTIONS; i++) {
		o = &config_options[i];
		if (o->type != CONFIG_NUMBER)
			free(*config_string(cfg, o));
	}
	for (i = 0; i < REF_NLISTS; i++)
		free(cfg->ref_paths[i]);
	free(cfg->file);
	memset(cfg, 0, sizeof *cfg);
}

/* Print one value so that iniparser reads it back as it is. */
static void
config_print_value(FILE *f, const char *key, const char *value)
{
	size_t	len = strlen(value);

	if (len != 0 && strpbrk(value, ";#\"'") == NULL && value[0] != ' ' &&
	    value[len - 1] != ' ' && value[len - 1] != '\\')
		fprintf(f, "%s = %s\n", key, value);
	else if (strchr(value, '"') == NULL)
		fprintf(f, "%s = \"%s\"\n", key, value);
	else
		fprintf(f, "%s = '%s'\n", key, value);
}

/* Print one option of the table. */
static void
config_print_option(const struct config *cfg, const struct config_option *o,
    FILE *f)
{
	const void	*member = (const char *)cfg + o->offset;

	if (o->type == CONFIG_NUMBER)
		fprintf(f, "%s = %d\n", o->key, *(const int *)member);
	else if (*(char *const *)member == NULL)
		fprintf(f, "# %s: not set\n", o->key);
	else
		config_print_value(f, o->key, *(char *const *)member);
}

void
config_print(const struct config *cfg, FILE *f)
{
	const struct config_option	*o;
	size_t				 i, j;
	unsigned int			 list;

	fprintf(f, "# oneteam configuration: %s\n", cfg->file == NULL ?
	    "built-in defaults (no file found)" : cfg->file);
	for (i = 0; i < CONFIG_NSECTIONS; i++) {
		fprintf(f, "\n[%s]\n", config_sections[i]);
		for (j = 0; j < CONFIG_NOPTIONS; j++) {
			o = &config_options[j];
			if (strcmp(o->section, config_sections[i]) == 0)
				config_print_option(cfg, o, f);
		}
	}
	for (list = 0; list < REF_NLISTS; list++) {
		if (cfg->ref_paths[list] == NULL)
			fprintf(f, "# %s: built-in\n", refdata_list_name(list));
		else
			config_print_value(f, refdata_list_name(list),
			    cfg->ref_paths[list]);
	}
}
