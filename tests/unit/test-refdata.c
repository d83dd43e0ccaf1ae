/*
 * Tests of refdata.c: the built-in lists, override files and every rule a
 * list file must keep, and looking up what a person typed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "oneteam/refdata.h"
#include "oneteam/xmalloc.h"

/* A scratch directory for one test. */
struct fixture {
	char	dir[64];
};

static int
setup(void **state)
{
	struct fixture	*fx;

	fx = xcalloc(1, sizeof *fx);
	snprintf(fx->dir, sizeof fx->dir, "/tmp/test-refdata.XXXXXX");
	if (mkdtemp(fx->dir) == NULL) {
		free(fx);
		return -1;
	}
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
	free(fx);
	return 0;
}

/* Write len bytes of text to dir/name and return the new path. */
static char *
write_file_len(const char *dir, const char *name, const char *text,
    size_t len)
{
	char	*path;
	FILE	*f;

	path = xprintf("%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static char *
write_file(const char *dir, const char *name, const char *text)
{
	return write_file_len(dir, name, text, strlen(text));
}

/*
 * Load with paths[list] = a file holding text; expect failure with the
 * message "<path><rest>".
 */
static void
expect_bad(const char *dir, enum ref_list list, const char *text,
    const char *rest)
{
	const char	*paths[REF_NLISTS] = { NULL };
	struct refdata	*rd;
	char		*path, *cause = NULL, *want;

	path = write_file(dir, "list.tsv", text);
	paths[list] = path;
	rd = refdata_load(paths, &cause);
	assert_null(rd);
	assert_non_null(cause);
	want = xprintf("%s%s", path, rest);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	free(path);
}

/* Load with one list from text; it must succeed. */
static struct refdata *
load_one(const char *dir, enum ref_list list, const char *text)
{
	const char	*paths[REF_NLISTS] = { NULL };
	struct refdata	*rd;
	char		*path, *cause = NULL;

	path = write_file(dir, "list.tsv", text);
	paths[list] = path;
	rd = refdata_load(paths, &cause);
	if (rd == NULL)
		fail_msg("%s", cause);
	free(path);
	return rd;
}

static void
test_list_names(void **state)
{
	static const char *const names[REF_NLISTS] = {
		"roles", "agencies", "contact_kinds", "red_flags", "needs",
		"levels", "services", "involvement", "end_reasons",
		"relationships", "bank_holidays"
	};
	unsigned int	i;

	(void)state;
	for (i = 0; i < REF_NLISTS; i++)
		assert_string_equal(refdata_list_name(i), names[i]);
}

static void
test_builtin_loads(void **state)
{
	struct refdata		*rd;
	const struct ref_item	*item;
	char			*cause = NULL;
	unsigned int		 i;
	size_t			 j;

	(void)state;
	rd = refdata_load(NULL, &cause);
	if (rd == NULL)
		fail_msg("%s", cause);
	for (i = 0; i < REF_NLISTS; i++) {
		assert_true(refdata_count(rd, i) > 0);
		for (j = 0; j < refdata_count(rd, i); j++) {
			item = refdata_item(rd, i, j);
			assert_non_null(item);
			if (i == REF_RED_FLAGS) {
				assert_non_null(item->extra[0]);
				assert_non_null(item->extra[1]);
			} else if (i == REF_CONTACT_KINDS ||
			    i == REF_SERVICES) {
				assert_non_null(item->extra[0]);
				assert_null(item->extra[1]);
			} else {
				assert_null(item->extra[0]);
				assert_null(item->extra[1]);
			}
		}
		assert_null(refdata_item(rd, i, refdata_count(rd, i)));
	}
	refdata_free(rd);

	rd = refdata_load((const char *const [REF_NLISTS]){ NULL }, &cause);
	assert_non_null(rd);
	refdata_free(rd);
	refdata_free(NULL);
}

static void
test_builtin_content(void **state)
{
	static const char *const levels[] = { "Universal",
	    "Additional (early help)", "Complex (targeted early help)",
	    "Acute (statutory)" };
	static const char *const needs[] = { "Getting a good education",
	    "Good early years development",
	    "Improved mental and physical health",
	    "Better managed substance use", "Improved family relationships",
	    "Children safe from abuse and exploitation",
	    "Families diverted from crime", "Safe from domestic abuse",
	    "Secure housing", "Financial stability" };
	static const char *const ends[][2] = {
		{ "outcomes_met", "Outcomes met" },
		{ "stepped_up", "Stepped up" },
		{ "stepped_down", "Stepped down" },
		{ "no_further_action", "No further action" },
		{ "moved_away", "Moved away" },
		{ "declined", "Declined support" } };
	struct refdata		*rd;
	const struct ref_item	*item;
	char			*cause = NULL, code[2];
	size_t			 i;

	(void)state;
	rd = refdata_load(NULL, &cause);
	assert_non_null(rd);

	assert_int_equal(refdata_count(rd, REF_LEVELS), 4);
	for (i = 0; i < 4; i++) {
		snprintf(code, sizeof code, "%zu", i + 1);
		item = refdata_item(rd, REF_LEVELS, i);
		assert_string_equal(item->code, code);
		assert_string_equal(item->label, levels[i]);
	}
	assert_int_equal(refdata_count(rd, REF_NEEDS), 10);
	for (i = 0; i < 10; i++)
		assert_string_equal(refdata_item(rd, REF_NEEDS, i)->label,
		    needs[i]);
	for (i = 0; i < 6; i++)
		assert_string_equal(refdata_label(rd, REF_END_REASONS,
		    ends[i][0]), ends[i][1]);

	for (i = 0; i < refdata_count(rd, REF_RED_FLAGS); i++) {
		item = refdata_item(rd, REF_RED_FLAGS, i);
		assert_true(strcmp(item->extra[0], "high") == 0 ||
		    strcmp(item->extra[0], "medium") == 0 ||
		    strcmp(item->extra[0], "low") == 0);
	}
	item = refdata_find(rd, REF_RED_FLAGS, "domestic_abuse_disclosure");
	assert_non_null(item);
	assert_string_equal(item->extra[0], "high");
	assert_non_null(strstr(item->extra[1], "front door (MASH)"));

	/* Escapes made by embed-tsv.sh: a double quote and UTF-8. */
	item = refdata_find(rd, REF_RED_FLAGS, "repeated_not_brought");
	assert_non_null(item);
	assert_non_null(strstr(item->label, "(\"was not brought\")"));
	item = refdata_find(rd, REF_RED_FLAGS, "child_missing");
	assert_non_null(item);
	assert_non_null(strstr(item->extra[1], "at once \xe2\x80\x93 999"));

	assert_non_null(refdata_find(rd, REF_CONTACT_KINDS, "not_brought"));
	assert_non_null(refdata_find(rd, REF_SERVICES, "mash"));
	assert_non_null(refdata_find(rd, REF_RELATIONSHIPS, "unborn_baby"));
	refdata_free(rd);
}

/* The built-in lists are the .tsv files, byte for byte after parsing. */
static void
test_builtin_matches_files(void **state)
{
	const char		*srcdir = getenv("srcdir");
	const char		*paths[REF_NLISTS];
	char			*files[REF_NLISTS], *name, *p, *cause = NULL;
	struct refdata		*builtin, *fromfile;
	const struct ref_item	*a, *b;
	unsigned int		 i;
	size_t			 j;

	(void)state;
	if (srcdir == NULL)
		srcdir = ".";
	for (i = 0; i < REF_NLISTS; i++) {
		name = xstrdup(refdata_list_name(i));
		for (p = name; *p != '\0'; p++)
			*p = *p == '_' ? '-' : *p;
		files[i] = xprintf("%s/share/oneteam/%s.tsv", srcdir, name);
		paths[i] = files[i];
		free(name);
	}
	if (access(files[0], R_OK) != 0) {
		for (i = 0; i < REF_NLISTS; i++)
			free(files[i]);
		skip();
	}
	builtin = refdata_load(NULL, &cause);
	assert_non_null(builtin);
	fromfile = refdata_load(paths, &cause);
	if (fromfile == NULL)
		fail_msg("%s", cause);
	for (i = 0; i < REF_NLISTS; i++) {
		assert_int_equal(refdata_count(builtin, i),
		    refdata_count(fromfile, i));
		for (j = 0; j < refdata_count(builtin, i); j++) {
			a = refdata_item(builtin, i, j);
			b = refdata_item(fromfile, i, j);
			assert_string_equal(a->code, b->code);
			assert_string_equal(a->label, b->label);
			if (i == REF_RED_FLAGS) {
				assert_string_equal(a->extra[0], b->extra[0]);
				assert_string_equal(a->extra[1], b->extra[1]);
			}
		}
		free(files[i]);
	}
	refdata_free(builtin);
	refdata_free(fromfile);
}

static void
test_override_one_list(void **state)
{
	struct fixture		*fx = *state;
	struct refdata		*rd, *builtin;
	const struct ref_item	*item;
	char			*cause = NULL;

	rd = load_one(fx->dir, REF_CONTACT_KINDS,
	    "# Our own list of contact kinds\n"
	    "\n"
	    "code\tlabel\n"
	    "  # an indented comment\n"
	    "home_visit\tHome visit\n"
	    "  walk_and_talk \t Walk and talk  \n"
	    "\t \n"
	    "coffee\tCaf\xc3\xa9 drop-in\n");
	assert_int_equal(refdata_count(rd, REF_CONTACT_KINDS), 3);
	item = refdata_item(rd, REF_CONTACT_KINDS, 1);
	assert_string_equal(item->code, "walk_and_talk");
	assert_string_equal(item->label, "Walk and talk");
	assert_string_equal(refdata_label(rd, REF_CONTACT_KINDS, "coffee"),
	    "Caf\xc3\xa9 drop-in");
	assert_null(refdata_find(rd, REF_CONTACT_KINDS, "phone_call"));

	/* The other lists are the built-in ones. */
	builtin = refdata_load(NULL, &cause);
	assert_non_null(builtin);
	assert_int_equal(refdata_count(rd, REF_ROLES),
	    refdata_count(builtin, REF_ROLES));
	assert_int_equal(refdata_count(rd, REF_RED_FLAGS),
	    refdata_count(builtin, REF_RED_FLAGS));
	refdata_free(builtin);
	refdata_free(rd);
}

/* Spreadsheets save with a byte order mark and CRLF line ends. */
static void
test_override_crlf_bom(void **state)
{
	struct fixture	*fx = *state;
	struct refdata	*rd;

	rd = load_one(fx->dir, REF_RED_FLAGS,
	    "\xef\xbb\xbf" "Code\tLabel\tSeverity\tResponse\r\n"
	    "dv\tDomestic abuse\thigh\tCall the front door today\r\n"
	    "rent\tRent arrears\tlow\tDiscuss at the next huddle\r\n");
	assert_int_equal(refdata_count(rd, REF_RED_FLAGS), 2);
	assert_string_equal(refdata_item(rd, REF_RED_FLAGS, 0)->code, "dv");
	assert_string_equal(refdata_item(rd, REF_RED_FLAGS, 1)->extra[1],
	    "Discuss at the next huddle");
	refdata_free(rd);
}

static void
test_find_and_label(void **state)
{
	struct refdata	*rd;
	const char	*label;
	char		*cause = NULL;

	(void)state;
	rd = refdata_load(NULL, &cause);
	assert_non_null(rd);
	assert_string_equal(refdata_find(rd, REF_ROLES,
	    "health_visitor")->label, "Health visitor");
	assert_null(refdata_find(rd, REF_ROLES, "Health_visitor"));
	assert_null(refdata_find(rd, REF_ROLES, "health"));
	assert_null(refdata_find(rd, REF_ROLES, NULL));
	assert_string_equal(refdata_label(rd, REF_LEVELS, "3"),
	    "Complex (targeted early help)");
	/* Another site's code is shown as such, not as a label; the same
	 * string each time, kept with the lists. */
	label = refdata_label(rd, REF_ROLES, "astronaut");
	assert_string_equal(label, "astronaut (not in this site's list)");
	assert_ptr_equal(refdata_label(rd, REF_ROLES, "astronaut"), label);
	assert_string_equal(refdata_label(rd, REF_AGENCIES, "nasa"),
	    "nasa (not in this site's list)");
	assert_ptr_equal(refdata_label(rd, REF_ROLES, "astronaut"), label);
	assert_string_equal(refdata_label(rd, REF_ROLES, NULL), "");
	refdata_free(rd);
}

static void
test_lookup(void **state)
{
	struct fixture		*fx = *state;
	struct refdata		*rd;
	const struct ref_item	*item;
	char			*cause = NULL;

	rd = load_one(fx->dir, REF_CONTACT_KINDS,
	    "code\tlabel\n"
	    "home_visit\tHome visit\n"
	    "phone_call\tPhone call\n"
	    "photo_id\tPhoto ID check\n"
	    "visit\tVisit\n"
	    "clinic\tHome clinic\n");

	/* Exact code, in any case, with spaces around it. */
	item = refdata_lookup(rd, REF_CONTACT_KINDS, "phone_call", &cause);
	assert_string_equal(item->code, "phone_call");
	item = refdata_lookup(rd, REF_CONTACT_KINDS, " PHONE_Call ", &cause);
	assert_string_equal(item->code, "phone_call");
	/* An exact code wins over a longer code it is a prefix of. */
	item = refdata_lookup(rd, REF_CONTACT_KINDS, "visit", &cause);
	assert_string_equal(item->code, "visit");
	/* Exact label, any case. */
	item = refdata_lookup(rd, REF_CONTACT_KINDS, "home VISIT", &cause);
	assert_string_equal(item->code, "home_visit");
	item = refdata_lookup(rd, REF_CONTACT_KINDS, "photo id check", &cause);
	assert_string_equal(item->code, "photo_id");
	/* A unique prefix of a code or of a label. */
	item = refdata_lookup(rd, REF_CONTACT_KINDS, "phon", &cause);
	assert_string_equal(item->code, "phone_call");
	item = refdata_lookup(rd, REF_CONTACT_KINDS, "Home c", &cause);
	assert_string_equal(item->code, "clinic");
	item = refdata_lookup(rd, REF_CONTACT_KINDS, "cl", &cause);
	assert_string_equal(item->code, "clinic");
	assert_null(cause);

	/* Ambiguous. */
	item = refdata_lookup(rd, REF_CONTACT_KINDS, "ph", &cause);
	assert_null(item);
	assert_string_equal(cause,
	    "contact kind \"ph\" could be phone_call or photo_id");
	free(cause);
	item = refdata_lookup(rd, REF_CONTACT_KINDS, "h", &cause);
	assert_null(item);
	assert_string_equal(cause,
	    "contact kind \"h\" could be home_visit or clinic");
	free(cause);
	refdata_free(rd);
}

static void
test_lookup_unknown(void **state)
{
	struct fixture		*fx = *state;
	struct refdata		*rd, *builtin;
	const struct ref_item	*item;
	char			*cause = NULL;

	rd = load_one(fx->dir, REF_SERVICES,
	    "code\tlabel\n"
	    "camhs\tCAMHS\n"
	    "housing\tHousing options\n"
	    "mash\tChildren's social care (MASH front door)\n");
	item = refdata_lookup(rd, REF_SERVICES, "dentist", &cause);
	assert_null(item);
	assert_string_equal(cause, "service \"dentist\" is not known: "
	    "choose from camhs, housing, mash");
	free(cause);
	item = refdata_lookup(rd, REF_SERVICES, "  ", &cause);
	assert_null(item);
	assert_string_equal(cause,
	    "no service given: choose from camhs, housing, mash");
	free(cause);
	refdata_free(rd);

	builtin = refdata_load(NULL, &cause);
	assert_non_null(builtin);
	item = refdata_lookup(builtin, REF_RED_FLAGS, "zzz", &cause);
	assert_null(item);
	assert_true(strncmp(cause, "red flag \"zzz\" is not known: choose "
	    "from domestic_abuse_disclosure, child_missing, ", 70) == 0);
	free(cause);
	item = refdata_lookup(builtin, REF_LEVELS, "acute", &cause);
	assert_string_equal(item->code, "4");
	item = refdata_lookup(builtin, REF_END_REASONS, "declined support",
	    &cause);
	assert_string_equal(item->code, "declined");
	item = refdata_lookup(builtin, REF_CONTACT_KINDS, "p", &cause);
	assert_null(item);
	assert_string_equal(cause, "contact kind \"p\" could be phone_call, "
	    "plan_review or professional_contact");
	free(cause);
	refdata_free(builtin);
}

static void
test_missing_file(void **state)
{
	struct fixture	*fx = *state;
	const char	*paths[REF_NLISTS] = { NULL };
	char		*path, *cause = NULL, *want;

	path = xprintf("%s/no-such.tsv", fx->dir);
	paths[REF_NEEDS] = path;
	assert_null(refdata_load(paths, &cause));
	want = xprintf("cannot read reference list %s: No such file or "
	    "directory", path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);

	paths[REF_NEEDS] = fx->dir;
	assert_null(refdata_load(paths, &cause));
	want = xprintf("cannot read reference list %s: Is a directory",
	    fx->dir);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	free(path);
}

static void
test_bad_header(void **state)
{
	struct fixture	*fx = *state;

	expect_bad(fx->dir, REF_ROLES, "",
	    ": no header line (the file is empty)");
	expect_bad(fx->dir, REF_ROLES, "# only\n\n# comments\n",
	    ": no header line (the file is empty)");
	expect_bad(fx->dir, REF_ROLES, "code\tlabel\n# nothing\n",
	    ": no entries (at least one role is needed)");
	expect_bad(fx->dir, REF_ROLES, "# a list\nhealth_visitor\tHealth "
	    "visitor\n", " line 2: the first line must be the header "
	    "\"code, label\" (separated by tabs)");
	expect_bad(fx->dir, REF_ROLES, "code label\n",
	    " line 1: the first line must be the header \"code, label\" "
	    "(separated by tabs)");
	expect_bad(fx->dir, REF_RED_FLAGS, "code\tlabel\n",
	    " line 1: the first line must be the header \"code, label, "
	    "severity, response\" (separated by tabs)");
	expect_bad(fx->dir, REF_ROLES, "code\tlabel\textra\n",
	    " line 1: the first line must be the header \"code, label\" "
	    "(separated by tabs)");
}

static void
test_bad_code(void **state)
{
	struct fixture	*fx = *state;

	expect_bad(fx->dir, REF_ROLES, "code\tlabel\nHealth Visitor\tHV\n",
	    " line 2: code \"Health Visitor\" is not snake_case (lowercase "
	    "letters and digits joined by _, at most 40)");
	expect_bad(fx->dir, REF_ROLES, "code\tlabel\n\tHV\n",
	    " line 2: code \"\" is not snake_case (lowercase letters and "
	    "digits joined by _, at most 40)");
	expect_bad(fx->dir, REF_ROLES, "code\tlabel\nhv__x\tHV\n",
	    " line 2: code \"hv__x\" is not snake_case (lowercase letters "
	    "and digits joined by _, at most 40)");
	expect_bad(fx->dir, REF_ROLES, "code\tlabel\n_hv\tHV\n",
	    " line 2: code \"_hv\" is not snake_case (lowercase letters "
	    "and digits joined by _, at most 40)");
	expect_bad(fx->dir, REF_ROLES, "code\tlabel\nhv_\tHV\n",
	    " line 2: code \"hv_\" is not snake_case (lowercase letters "
	    "and digits joined by _, at most 40)");
	expect_bad(fx->dir, REF_ROLES,
	    "code\tlabel\nsoci\xc3\xa9t\xc3\xa9\tX\n",
	    " line 2: code \"soci\xc3\xa9t\xc3\xa9\" is not snake_case "
	    "(lowercase letters and digits joined by _, at most 40)");
	expect_bad(fx->dir, REF_ROLES, "code\tlabel\n"
	    "a_very_long_code_that_goes_on_and_on_and_on\tX\n",
	    " line 2: code \"a_very_long_code_that_goes_on_and_on_and_on\" "
	    "is not snake_case (lowercase letters and digits joined by _, "
	    "at most 40)");
	expect_bad(fx->dir, REF_ROLES, "code\tlabel\n# c\nhv\tHV\n\nsw\tSW\n"
	    "hv\tHealth visitor\n",
	    " line 6: code \"hv\" is already used on line 3");
}

static void
test_bad_label(void **state)
{
	struct fixture	*fx = *state;

	expect_bad(fx->dir, REF_ROLES, "code\tlabel\nhv\t  \n",
	    " line 2: the label is empty");
	expect_bad(fx->dir, REF_ROLES, "code\tlabel\nhv\tHealth \xff\n",
	    " line 2: the label is not valid UTF-8 or has control characters");
	expect_bad(fx->dir, REF_ROLES, "code\tlabel\nhv\t\xc0\xaf\n",
	    " line 2: the label is not valid UTF-8 or has control characters");
	expect_bad(fx->dir, REF_ROLES, "code\tlabel\nhv\tHealth\x1b[31m\n",
	    " line 2: the label is not valid UTF-8 or has control characters");
	expect_bad(fx->dir, REF_ROLES, "code\tlabel\nhv\tHealth\xc2\x9b\n",
	    " line 2: the label is not valid UTF-8 or has control characters");
	expect_bad(fx->dir, REF_ROLES,
	    "code\tlabel\nhv\tHealth visitor\nhv2\thealth VISITOR\n",
	    " line 3: label \"health VISITOR\" is already used on line 2");
	expect_bad(fx->dir, REF_ROLES, "code\tlabel\nhv\n",
	    " line 2: 1 columns where 2 were expected (code, label, "
	    "separated by tabs)");
	expect_bad(fx->dir, REF_ROLES, "code\tlabel\nhv\tHV\tmore\n",
	    " line 2: 3 columns where 2 were expected (code, label, "
	    "separated by tabs)");
}

static void
test_bad_nul(void **state)
{
	struct fixture	*fx = *state;
	const char	*paths[REF_NLISTS] = { NULL };
	static const char text[] = "code\tlabel\nhv\tHealth\0visitor\n";
	char		*path, *cause = NULL, *want;

	path = write_file_len(fx->dir, "nul.tsv", text, sizeof text - 1);
	paths[REF_ROLES] = path;
	assert_null(refdata_load(paths, &cause));
	want = xprintf("%s line 2: contains a NUL byte", path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	free(path);
}

static void
test_bad_red_flag(void **state)
{
	struct fixture	*fx = *state;
	const char	*head = "# Our flags\ncode\tlabel\tseverity\tresponse\n"
			    "dv\tDomestic abuse\thigh\tCall the front door\n";
	char		*text;

	text = xprintf("%sx\tX\turgent\tCall\n", head);
	expect_bad(fx->dir, REF_RED_FLAGS, text,
	    " line 4: severity \"urgent\" is not one of high, medium, low");
	free(text);
	text = xprintf("%sx\tX\tHigh\tCall\n", head);
	expect_bad(fx->dir, REF_RED_FLAGS, text,
	    " line 4: severity \"High\" is not one of high, medium, low");
	free(text);
	text = xprintf("%sx\tX\tlow\t\n", head);
	expect_bad(fx->dir, REF_RED_FLAGS, text,
	    " line 4: the response is empty");
	free(text);
	text = xprintf("%sx\tX\tlow\n", head);
	expect_bad(fx->dir, REF_RED_FLAGS, text,
	    " line 4: 3 columns where 4 were expected (code, label, severity, "
	    "response, separated by tabs)");
	free(text);
}

/* Contact kinds may say which are of concern to the huddle, or not. */
static void
test_contact_concern(void **state)
{
	struct fixture		*fx = *state;
	struct refdata		*rd;
	const char		*head = "code\tlabel\tconcern\n"
				    "home_visit\tHome visit\tno\n";
	char			*text, *cause = NULL;

	rd = load_one(fx->dir, REF_CONTACT_KINDS, "code\tlabel\tconcern\n"
	    "home_visit\tHome visit\tno\nmissed\tMissed visit\tyes\n");
	assert_string_equal(refdata_item(rd, REF_CONTACT_KINDS, 0)->extra[0],
	    "no");
	assert_string_equal(refdata_item(rd, REF_CONTACT_KINDS, 1)->extra[0],
	    "yes");
	refdata_free(rd);
	/* The built-in list: a child not brought, a visit with no access. */
	rd = refdata_load(NULL, &cause);
	assert_non_null(rd);
	assert_string_equal(refdata_find(rd, REF_CONTACT_KINDS,
	    "not_brought")->extra[0], "yes");
	assert_string_equal(refdata_find(rd, REF_CONTACT_KINDS,
	    "no_access")->extra[0], "yes");
	assert_string_equal(refdata_find(rd, REF_CONTACT_KINDS,
	    "home_visit")->extra[0], "no");
	refdata_free(rd);

	text = xprintf("%sx\tX\tmaybe\n", head);
	expect_bad(fx->dir, REF_CONTACT_KINDS, text,
	    " line 3: concern \"maybe\" is not yes or no");
	free(text);
	text = xprintf("%sx\tX\n", head);
	expect_bad(fx->dir, REF_CONTACT_KINDS, text,
	    " line 3: 2 columns where 3 were expected (code, label, concern, "
	    "separated by tabs)");
	free(text);
	/* Without the column, a line may not have it either. */
	expect_bad(fx->dir, REF_CONTACT_KINDS, "code\tlabel\nx\tX\tyes\n",
	    " line 2: 3 columns where 2 were expected (code, label, "
	    "separated by tabs)");
	expect_bad(fx->dir, REF_CONTACT_KINDS, "code\tconcern\n",
	    " line 1: the first line must be the header \"code, label, "
	    "concern\" (separated by tabs), the last may be left out");
}

static void
test_bad_levels(void **state)
{
	struct fixture	*fx = *state;

	expect_bad(fx->dir, REF_LEVELS,
	    "code\tlabel\n1\tU\n2\tA\n3\tC\n",
	    ": 3 levels where 4 were expected (levels are 1, 2, 3, 4)");
	expect_bad(fx->dir, REF_LEVELS,
	    "code\tlabel\n1\tU\n3\tC\n2\tA\n4\tS\n",
	    " line 3: level \"3\" is not expected here (levels are exactly "
	    "1, 2, 3, 4, in that order)");
	expect_bad(fx->dir, REF_LEVELS,
	    "code\tlabel\n1\tU\n2\tA\n3\tC\n4\tS\n5\tX\n",
	    " line 6: level \"5\" is not expected here (levels are exactly "
	    "1, 2, 3, 4, in that order)");
	expect_bad(fx->dir, REF_LEVELS,
	    "code\tlabel\nuniversal\tU\n",
	    " line 2: level \"universal\" is not expected here (levels are "
	    "exactly 1, 2, 3, 4, in that order)");
}

static void
test_end_reasons(void **state)
{
	struct fixture	*fx = *state;
	struct refdata	*rd;

	expect_bad(fx->dir, REF_END_REASONS,
	    "code\tlabel\noutcomes_met\tMet\nstepped_down\tDown\n"
	    "no_further_action\tNFA\nmoved_away\tMoved\ndeclined\tNo\n",
	    ": end reason \"stepped_up\" is missing (the national end reasons "
	    "outcomes_met, stepped_up, stepped_down, no_further_action, "
	    "moved_away and declined must all be there)");

	/* A council may add its own and reword the labels. */
	rd = load_one(fx->dir, REF_END_REASONS,
	    "code\tlabel\ndeclined\tFamily said no\noutcomes_met\tMet\n"
	    "stepped_up\tUp\nstepped_down\tDown\nno_further_action\tNFA\n"
	    "moved_away\tMoved\ntransferred\tTransferred to another "
	    "locality\n");
	assert_int_equal(refdata_count(rd, REF_END_REASONS), 7);
	assert_string_equal(refdata_label(rd, REF_END_REASONS, "declined"),
	    "Family said no");
	refdata_free(rd);
}

/*
 * Working days: the bank holidays are dated, not coded; a service's
 * response is a number of working days or left empty; both are read by
 * refdata_bank_holiday() and refdata_service_days().
 */
static void
test_working_days(void **state)
{
	struct fixture	*fx = *state;
	struct refdata	*rd;
	char		*cause = NULL;

	rd = refdata_load(NULL, &cause);
	assert_non_null(rd);
	assert_true(refdata_bank_holiday(rd, "2026-12-28"));
	assert_true(refdata_bank_holiday(rd, "2027-03-26"));
	assert_false(refdata_bank_holiday(rd, "2026-12-26"));
	assert_int_equal(refdata_service_days(rd, "mash"), 1);
	assert_int_equal(refdata_service_days(rd, "camhs"), 0);
	assert_int_equal(refdata_service_days(rd, "no_such_service"), 0);
	refdata_free(rd);
	rd = load_one(fx->dir, REF_SERVICES, "code\tlabel\tresponse\n"
	    "mash\tFront door\t2\nhousing\tHousing\t\n");
	assert_int_equal(refdata_service_days(rd, "mash"), 2);
	assert_int_equal(refdata_service_days(rd, "housing"), 0);
	refdata_free(rd);
	/* A council's list of code and label alone: by urgency. */
	rd = load_one(fx->dir, REF_SERVICES, "code\tlabel\nmash\tMASH\n");
	assert_int_equal(refdata_service_days(rd, "mash"), 0);
	refdata_free(rd);
	expect_bad(fx->dir, REF_SERVICES, "code\tlabel\tresponse\n"
	    "mash\tMASH\tone\n", " line 2: response \"one\" is not a number "
	    "of working days from 1 to 60 (or empty: by the referral's "
	    "urgency)");
	expect_bad(fx->dir, REF_SERVICES, "code\tlabel\tresponse\n"
	    "mash\tMASH\t0\n", " line 2: response \"0\" is not a number "
	    "of working days from 1 to 60 (or empty: by the referral's "
	    "urgency)");
	rd = load_one(fx->dir, REF_BANK_HOLIDAYS, "date\tlabel\n"
	    "2026-11-30\tSt Andrew's Day 2026\n");
	assert_true(refdata_bank_holiday(rd, "2026-11-30"));
	assert_false(refdata_bank_holiday(rd, "2026-12-25"));
	refdata_free(rd);
	expect_bad(fx->dir, REF_BANK_HOLIDAYS, "date\tlabel\n"
	    "2026-02-30\tNo such day\n", " line 2: date \"2026-02-30\" is "
	    "not a day of the calendar written YYYY-MM-DD");
	expect_bad(fx->dir, REF_BANK_HOLIDAYS, "date\tlabel\n"
	    "christmas\tChristmas\n", " line 2: date \"christmas\" is not a "
	    "day of the calendar written YYYY-MM-DD");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_names),
		cmocka_unit_test(test_builtin_loads),
		cmocka_unit_test(test_builtin_content),
		cmocka_unit_test(test_builtin_matches_files),
		cmocka_unit_test(test_find_and_label),
		cmocka_unit_test_setup_teardown(test_override_one_list, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_override_crlf_bom, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookup_unknown, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_missing_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bad_header, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bad_code, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_label, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bad_nul, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_red_flag, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_contact_concern, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bad_levels, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_end_reasons, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_working_days, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
