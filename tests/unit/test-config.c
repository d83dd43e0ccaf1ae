/*
 * Tests of config.c: where oneteam.ini is looked for, every default, every
 * kind of value that is refused, and the [reference] lists it names.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oneteam/config.h"
#include "oneteam/install.h"
#include "oneteam/refdata.h"
#include "oneteam/xmalloc.h"

/* A scratch directory with a home directory inside it. */
struct fixture {
	char	 dir[64];
	char	*home;
};

static int
setup(void **state)
{
	struct fixture	*fx;

	fx = xcalloc(1, sizeof *fx);
	snprintf(fx->dir, sizeof fx->dir, "/tmp/test-config.XXXXXX");
	if (mkdtemp(fx->dir) == NULL) {
		free(fx);
		return -1;
	}
	fx->home = xprintf("%s/home", fx->dir);
	if (mkdir(fx->home, 0700) != 0)
		return -1;
	setenv("HOME", fx->home, 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
	unsetenv("ONETEAM_CONFIG");
	*state = fx;
	return 0;
}

static int
remove_entry(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
teardown(void **state)
{
	struct fixture	*fx = *state;

	nftw(fx->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(fx->home);
	free(fx);
	return 0;
}

/* Write text to dir/name, making the directories on the way. */
static char *
write_file(const char *dir, const char *name, const char *text)
{
	char	*path, *p;
	FILE	*f;

	path = xprintf("%s/%s", dir, name);
	for (p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		mkdir(path, 0700);
		*p = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void
assert_zeroed(const struct config *cfg)
{
	unsigned int	i;

	assert_null(cfg->file);
	assert_null(cfg->db_path);
	assert_null(cfg->site_name);
	assert_null(cfg->locality);
	assert_null(cfg->bundle_dir);
	assert_int_equal(cfg->idle_lock_minutes, 0);
	for (i = 0; i < REF_NLISTS; i++)
		assert_null(cfg->ref_paths[i]);
}

/* Load a file holding text; expect it refused with "<path><rest>". */
static void
expect_refused(struct fixture *fx, const char *text, const char *rest)
{
	struct config	 cfg;
	char		*path, *cause = NULL, *want;

	path = write_file(fx->dir, "bad.ini", text);
	assert_int_equal(config_load(path, &cfg, &cause), -1);
	assert_non_null(cause);
	want = xprintf("%s%s", path, rest);
	assert_string_equal(cause, want);
	assert_zeroed(&cfg);
	config_free(&cfg);
	free(want);
	free(cause);
	free(path);
}

/* Load the file holding text; it must succeed. */
static void
load_text(struct fixture *fx, const char *text, struct config *cfg)
{
	char	*path, *cause = NULL;

	path = write_file(fx->dir, "oneteam.ini", text);
	if (config_load(path, cfg, &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(cfg->file, path);
	free(path);
}

static int
system_file_exists(void)
{
	struct stat	sb;

	return stat("/etc/oneteam/oneteam.ini", &sb) == 0;
}

static void
test_defaults(void **state)
{
	struct fixture	*fx = *state;
	struct config	 cfg;
	char		*cause = NULL, *want, host[HOST_NAME_MAX + 1];
	unsigned int	 i;

	if (system_file_exists())
		skip();
	assert_int_equal(config_load(NULL, &cfg, &cause), 0);
	assert_null(cause);
	assert_null(cfg.file);

	want = xprintf("%s/.local/share/oneteam/oneteam.db", fx->home);
	assert_string_equal(cfg.db_path, want);
	free(want);
	want = xprintf("%s/.local/share/oneteam/bundles", fx->home);
	assert_string_equal(cfg.bundle_dir, want);
	free(want);

	assert_int_equal(gethostname(host, sizeof host), 0);
	host[sizeof host - 1] = '\0';
	assert_string_equal(cfg.site_name, host);
	assert_string_equal(cfg.locality, "");
	assert_int_equal(cfg.idle_lock_minutes, 5);
	for (i = 0; i < REF_NLISTS; i++)
		assert_null(cfg.ref_paths[i]);
	config_free(&cfg);
	assert_zeroed(&cfg);
}

static void
test_xdg_data_home(void **state)
{
	struct fixture	*fx = *state;
	struct config	 cfg;
	char		*cause = NULL, *want;

	if (system_file_exists())
		skip();
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	assert_int_equal(config_load(NULL, &cfg, &cause), 0);
	assert_string_equal(cfg.db_path, "/srv/data/oneteam/oneteam.db");
	assert_string_equal(cfg.bundle_dir, "/srv/data/oneteam/bundles");
	config_free(&cfg);

	/* A relative XDG_DATA_HOME is ignored, as the XDG spec says. */
	setenv("XDG_DATA_HOME", "data", 1);
	assert_int_equal(config_load(NULL, &cfg, &cause), 0);
	want = xprintf("%s/.local/share/oneteam/oneteam.db", fx->home);
	assert_string_equal(cfg.db_path, want);
	free(want);
	config_free(&cfg);

	setenv("XDG_DATA_HOME", "", 1);
	assert_int_equal(config_load(NULL, &cfg, &cause), 0);
	want = xprintf("%s/.local/share/oneteam/bundles", fx->home);
	assert_string_equal(cfg.bundle_dir, want);
	free(want);
	config_free(&cfg);
}

/* Load with no path and check which file was read. */
static void
expect_found(const char *path, const char *site)
{
	struct config	 cfg;
	char		*cause = NULL;

	if (config_load(path, &cfg, &cause) != 0)
		fail_msg("%s", cause);
	assert_non_null(cfg.file);
	assert_string_equal(cfg.site_name, site);
	config_free(&cfg);
}

static void
test_lookup_order(void **state)
{
	struct fixture	*fx = *state;
	char		*user, *xdg, *env, *given;

	user = write_file(fx->home, ".config/oneteam/oneteam.ini",
	    "[site]\nname = user\n");
	xdg = write_file(fx->dir, "xdg/oneteam/oneteam.ini",
	    "[site]\nname = xdg\n");
	env = write_file(fx->dir, "env.ini", "[site]\nname = env\n");
	given = write_file(fx->dir, "given.ini", "[site]\nname = given\n");

	expect_found(NULL, "user");
	setenv("XDG_CONFIG_HOME", "relative/is/ignored", 1);
	expect_found(NULL, "user");
	setenv("XDG_CONFIG_HOME", "", 1);
	expect_found(NULL, "user");
	xdg[strlen(xdg) - strlen("/oneteam/oneteam.ini")] = '\0';
	setenv("XDG_CONFIG_HOME", xdg, 1);
	expect_found(NULL, "xdg");
	setenv("ONETEAM_CONFIG", "", 1);
	expect_found(NULL, "xdg");
	setenv("ONETEAM_CONFIG", env, 1);
	expect_found(NULL, "env");
	expect_found(given, "given");

	free(user);
	free(xdg);
	free(env);
	free(given);
}

static void
test_missing_file(void **state)
{
	struct fixture	*fx = *state;
	struct config	 cfg;
	char		*path, *user, *cause = NULL, *want;

	/* An explicitly named file must be there, even if others are. */
	user = write_file(fx->home, ".config/oneteam/oneteam.ini",
	    "[site]\nname = user\n");
	path = xprintf("%s/nowhere.ini", fx->dir);
	assert_int_equal(config_load(path, &cfg, &cause), -1);
	want = xprintf("cannot read configuration %s: No such file or "
	    "directory", path);
	assert_string_equal(cause, want);
	assert_zeroed(&cfg);
	free(want);
	free(cause);

	setenv("ONETEAM_CONFIG", path, 1);
	assert_int_equal(config_load(NULL, &cfg, &cause), -1);
	want = xprintf("cannot read configuration %s (named by "
	    "ONETEAM_CONFIG): No such file or directory", path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);

	assert_int_equal(config_load(fx->dir, &cfg, &cause), -1);
	want = xprintf("cannot read configuration %s: Is a directory",
	    fx->dir);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	free(path);
	free(user);
}

static void
test_values(void **state)
{
	struct fixture	*fx = *state;
	struct config	 cfg;
	char		*want;

	load_text(fx, "# Our locality's configuration\n"
	    "[database]\n"
	    "path = /var/lib/oneteam/north.db\n"
	    "\n"
	    "; the site\n"
	    "[site]\n"
	    "name = Family hub \xe2\x80\x93 North\n"
	    "locality = \"North # and East\"\n"
	    "[security]\n"
	    "idle_lock_minutes = 15 ; a comment\n"
	    "[bundles]\n"
	    "directory = ~/bundles\n", &cfg);
	assert_string_equal(cfg.db_path, "/var/lib/oneteam/north.db");
	assert_string_equal(cfg.site_name, "Family hub \xe2\x80\x93 North");
	assert_string_equal(cfg.locality, "North # and East");
	assert_int_equal(cfg.idle_lock_minutes, 15);
	want = xprintf("%s/bundles", fx->home);
	assert_string_equal(cfg.bundle_dir, want);
	free(want);
	config_free(&cfg);

	/* Names are not case-sensitive; the limits are allowed. */
	load_text(fx, "[Security]\nIdle_Lock_Minutes = 240\n"
	    "[SITE]\nlocality =\n", &cfg);
	assert_int_equal(cfg.idle_lock_minutes, 240);
	assert_string_equal(cfg.locality, "");
	config_free(&cfg);
	load_text(fx, "[security]\nidle_lock_minutes = 1\n", &cfg);
	assert_int_equal(cfg.idle_lock_minutes, 1);
	config_free(&cfg);

	/* A relative path is taken from the file's directory. */
	load_text(fx, "[database]\npath = data/oneteam.db\n"
	    "[bundles]\ndirectory = /media/usb\n", &cfg);
	want = xprintf("%s/data/oneteam.db", fx->dir);
	assert_string_equal(cfg.db_path, want);
	free(want);
	assert_string_equal(cfg.bundle_dir, "/media/usb");
	config_free(&cfg);
}

static void
test_bad_numbers(void **state)
{
	static const char *const bad[] = {
		"soon", "0", "241", "-5", "+5", "5.5", "0x10", "1e2", "",
		"99999999999999999999", "5 minutes"
	};
	struct fixture	*fx = *state;
	char		*text, *rest;
	size_t		 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		text = xprintf("[site]\nname = x\n[security]\n"
		    "idle_lock_minutes = %s\n", bad[i]);
		rest = xprintf(": [security] idle_lock_minutes = \"%s\": "
		    "expected a whole number of minutes from 1 to 240",
		    bad[i]);
		expect_refused(fx, text, rest);
		free(rest);
		free(text);
	}
}

static void
test_bad_values(void **state)
{
	struct fixture	*fx = *state;
	char		 name[66], *text, *rest;

	expect_refused(fx, "[database]\npath =\n",
	    ": [database] path = \"\": expected the path of the database "
	    "file");
	expect_refused(fx, "[database]\npath = \"\"\n",
	    ": [database] path = \"\": expected the path of the database "
	    "file");
	expect_refused(fx, "[bundles]\ndirectory = ''\n",
	    ": [bundles] directory = \"\": expected the path of a directory");
	expect_refused(fx, "[site]\nname =\n",
	    ": [site] name = \"\": expected a name for this site of 1 to 64 "
	    "characters");
	memset(name, 'n', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	text = xprintf("[site]\nname = %s\n", name);
	rest = xprintf(": [site] name = \"%s\": expected a name for this site "
	    "of 1 to 64 characters", name);
	expect_refused(fx, text, rest);
	free(rest);
	free(text);
	expect_refused(fx, "[site]\nlocality = North\x1b[2J\n",
	    ": [site] locality = \"North\x1b[2J\": expected the locality's "
	    "name, at most 64 characters");
	expect_refused(fx, "[reference]\nroles =\n",
	    ": [reference] roles = \"\": expected the path of a reference "
	    "list file (leave the key out for the built-in list)");
}

static void
test_unknown(void **state)
{
	struct fixture	*fx = *state;

	expect_refused(fx, "[site]\nname = x\ncolour = blue\n",
	    ": [site] colour = \"blue\": not a known key; expected one of "
	    "name, locality");
	expect_refused(fx, "[security]\nidle_lock = 5\n",
	    ": [security] idle_lock = \"5\": not a known key; expected one of "
	    "idle_lock_minutes");
	expect_refused(fx, "[reference]\nred_flag = flags.tsv\n",
	    ": [reference] red_flag = \"flags.tsv\": not a known key; "
	    "expected one of roles, agencies, contact_kinds, red_flags, "
	    "needs, levels, services, involvement, end_reasons, "
	    "relationships, bank_holidays");
	expect_refused(fx, "[site]\nname = x\n[colours]\ntheme = dark\n",
	    ": [colours]: not a known section; expected one of database, "
	    "site, security, bundles, reference");
	expect_refused(fx, "[database]\n[colours]\n",
	    ": [colours]: not a known section; expected one of database, "
	    "site, security, bundles, reference");
	expect_refused(fx, "name = x\n[site]\n",
	    ": name = \"x\": not in a section; expected a [section] line "
	    "above it");
}

static void
test_syntax_error(void **state)
{
	struct fixture	*fx = *state;

	expect_refused(fx, "[site]\nname = x\n\n# fine so far\nlocality\n",
	    " line 5: \"locality\" is not a [section] or a key = value line");
	expect_refused(fx, "[site\nname = x\n",
	    " line 1: \"[site\" is not a [section] or a key = value line");
}

static void
test_reference(void **state)
{
	struct fixture		*fx = *state;
	struct config		 cfg;
	struct refdata		*rd;
	const struct ref_item	*item;
	char			*kinds, *want, *cause = NULL;

	kinds = write_file(fx->dir, "lists/kinds.tsv",
	    "code\tlabel\nhome_visit\tHome visit\nwalk\tWalk and talk\n");
	load_text(fx, "[reference]\ncontact_kinds = lists/kinds.tsv\n"
	    "roles = ~/roles.tsv\nneeds = /srv/needs.tsv\n", &cfg);
	assert_string_equal(cfg.ref_paths[REF_CONTACT_KINDS], kinds);
	want = xprintf("%s/roles.tsv", fx->home);
	assert_string_equal(cfg.ref_paths[REF_ROLES], want);
	free(want);
	assert_string_equal(cfg.ref_paths[REF_NEEDS], "/srv/needs.tsv");
	assert_null(cfg.ref_paths[REF_RED_FLAGS]);
	config_free(&cfg);

	/* The lists it names are what refdata_load reads. */
	load_text(fx, "[reference]\ncontact_kinds = lists/kinds.tsv\n", &cfg);
	rd = refdata_load((const char *const *)cfg.ref_paths, &cause);
	if (rd == NULL)
		fail_msg("%s", cause);
	assert_int_equal(refdata_count(rd, REF_CONTACT_KINDS), 2);
	item = refdata_lookup(rd, REF_CONTACT_KINDS, "walk", &cause);
	assert_non_null(item);
	assert_string_equal(item->label, "Walk and talk");
	assert_non_null(refdata_find(rd, REF_ROLES, "health_visitor"));
	refdata_free(rd);
	config_free(&cfg);
	free(kinds);
}

static void
test_reference_bad_file(void **state)
{
	struct fixture	*fx = *state;
	struct config	 cfg;
	char		*flags, *want, *cause = NULL;

	flags = write_file(fx->dir, "flags.tsv",
	    "code\tlabel\tseverity\tresponse\n"
	    "dv\tDomestic abuse\thigh\tCall the front door\n"
	    "late\tLate for school\tsoon\tDiscuss at the huddle\n");
	load_text(fx, "[reference]\nred_flags = flags.tsv\n", &cfg);
	assert_null(refdata_load((const char *const *)cfg.ref_paths, &cause));
	want = xprintf("%s line 3: severity \"soon\" is not one of high, "
	    "medium, low", flags);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	config_free(&cfg);

	load_text(fx, "[reference]\nlevels = missing.tsv\n", &cfg);
	assert_null(refdata_load((const char *const *)cfg.ref_paths, &cause));
	want = xprintf("cannot read reference list %s/missing.tsv: No such "
	    "file or directory", fx->dir);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	config_free(&cfg);
	free(flags);
}

/* What config_print writes reads back as the same configuration. */
static void
test_print(void **state)
{
	struct fixture	*fx = *state;
	struct config	 cfg, again;
	char		*path, *cause = NULL, *text = NULL;
	size_t		 len = 0;
	FILE		*f;
	unsigned int	 i;

	load_text(fx, "[site]\nname = \" Hub; North #1 \"\nlocality = Ashby\n"
	    "[database]\npath = it's here.db\n"
	    "[reference]\nservices = /srv/services.tsv\n", &cfg);
	f = open_memstream(&text, &len);
	assert_non_null(f);
	config_print(&cfg, f);
	assert_int_equal(fclose(f), 0);
	assert_non_null(strstr(text, "\n[security]\nidle_lock_minutes = 5\n"));
	assert_non_null(strstr(text, "\nlocality = Ashby\n"));
	assert_non_null(strstr(text, "\n# roles: built-in\n"));
	assert_non_null(strstr(text, "\nservices = /srv/services.tsv\n"));

	path = write_file(fx->dir, "printed.ini", text);
	if (config_load(path, &again, &cause) != 0)
		fail_msg("%s\n%s", cause, text);
	assert_string_equal(again.db_path, cfg.db_path);
	assert_string_equal(again.site_name, " Hub; North #1 ");
	assert_string_equal(again.locality, cfg.locality);
	assert_string_equal(again.bundle_dir, cfg.bundle_dir);
	assert_int_equal(again.idle_lock_minutes, cfg.idle_lock_minutes);
	for (i = 0; i < REF_NLISTS; i++) {
		if (cfg.ref_paths[i] == NULL)
			assert_null(again.ref_paths[i]);
		else
			assert_string_equal(again.ref_paths[i],
			    cfg.ref_paths[i]);
	}
	config_free(&again);
	config_free(&cfg);
	free(path);
	free(text);
}

/* The shipped oneteam.ini, all comments, loads as the defaults. */
static void
test_shipped_file(void **state)
{
	const char	*srcdir = getenv("srcdir");
	struct config	 cfg;
	char		*path, *cause = NULL;

	(void)state;
	path = xprintf("%s/share/oneteam/oneteam.ini",
	    srcdir == NULL ? "." : srcdir);
	if (access(path, R_OK) != 0) {
		free(path);
		skip();
	}
	if (config_load(path, &cfg, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(cfg.idle_lock_minutes, 5);
	assert_string_equal(cfg.locality, "");
	config_free(&cfg);
	free(path);
}

/*
 * What lies in a protected install's directory, the rule by which it
 * keeps its group: only a path under it, with no step that climbs out.
 */
static void
test_install_within(void **state)
{
	static const char	dir[] = "/var/lib/oneteam";

	(void)state;
	assert_true(install_within(dir, "/var/lib/oneteam/oneteam.db"));
	assert_true(install_within("/var/lib/oneteam/", "/var/lib/oneteam/a"));
	assert_true(install_within(dir, "/var/lib/oneteam/bundles/b.otb"));
	assert_true(install_within(dir, "/var/lib/oneteam/..b.otb"));
	assert_false(install_within(dir, "/var/lib/oneteam"));
	assert_false(install_within(dir, "/var/lib/oneteam/"));
	assert_false(install_within(dir, "/var/lib/oneteamx/oneteam.db"));
	assert_false(install_within(dir, "/var/lib/oneteam/../x"));
	assert_false(install_within(dir, "/var/lib/oneteam/a/../../x"));
	assert_false(install_within(dir, "/var/lib/oneteam/./a"));
	assert_false(install_within(dir, "/var/lib/oneteam/a/.."));
	assert_false(install_within(dir, "/var/lib/oneteam//a"));
	assert_false(install_within(dir, "/var/lib/oneteam/bundles/"));
	assert_false(install_within(dir, "/var/lib/oneteam//"));
	assert_false(install_within(dir, "oneteam.db"));
	assert_false(install_within(NULL, "/var/lib/oneteam/a"));
	/* The library's own is a personal install: no directory, and a
	 * mode stays as asked. */
	assert_null(install_dir());
	assert_int_equal(install_mode(0600), 0600);
	assert_true(install_keeper());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_xdg_data_home, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_lookup_order, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_missing_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_numbers, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bad_values, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syntax_error, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reference, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reference_bad_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_print, setup, teardown),
		cmocka_unit_test(test_install_within),
		cmocka_unit_test_setup_teardown(test_shipped_file, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
