/*
 * A fresh team for a unit test of the core: a database in a temporary
 * directory, no configuration file, the clock pinned, two members of
 * staff (Amira Khan, a coordinator, at work; Tom Brennan) and one family.
 */
#ifndef ONETEAM_TEST_FIXTURE_H
#define ONETEAM_TEST_FIXTURE_H

#include "oneteam/oneteam.h"

struct fixture {
	char		 dir[64];
	char		 db[96];
	struct oneteam	 ot;
	struct id	 amira;
	struct id	 tom;
	struct id	 family;	/* "Khan family", level 2 */
};

/* cmocka group setup and teardown: *state becomes a struct fixture. */
int	fixture_setup(void **state);
int	fixture_teardown(void **state);
/* The same setup, in the UTF-8 locale people's names need. */
int	fixture_setup_utf8(void **state);

/*
 * Open (making it) another site's database, NAME.db in the fixture's
 * directory, with a configuration of its own that gives it that name:
 * site names are unique in a team. 0, or -1 with *cause.
 */
int	fixture_site_open(struct fixture *, const char *name, struct oneteam *,
	    char **cause);

/*
 * Admit the site site opens, by name (NULL: the name it has), at the
 * fixture's site
 * (Amira, an administrator, at work), by its fingerprint, as a person
 * reads it out: a bundle of that site must have been imported there.
 * 0, or -1 with *cause.
 */
int	fixture_admit(struct fixture *, struct oneteam *site, const char *name,
	    char **cause);

/* The core did what was asked: rc 0, else fail with its cause. */
void	assert_ok(int rc, char *cause);

/* Does the file hold these bytes anywhere (a secret that must not)? */
int	fixture_file_holds(const char *path, const char *needle);

/* A hash of every row of the op table, to prove nothing changed. */
void	fixture_hash(struct fixture *, unsigned char out[32]);

/*
 * rc is a refusal (-1) whose message, one line, names the field at fault
 * (ot->fault_field) and no option of the command line: the screens show
 * it under the field, where a person has no options. *cause is freed.
 */
void	assert_field(struct fixture *, int rc, char **cause,
	    const char *field);

#endif
