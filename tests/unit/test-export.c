/*
 * Unit tests for export.c: the rule of consent (given goes; refused,
 * withdrawn or none goes only with a safeguarding reason); CSV fields
 * quoted and formulas defused; a summary never wider than a line; an
 * export that fails leaves no file and no audit entry, one that works a
 * file readable by its owner only and an entry for the family. Each test
 * has a fresh fixture: Amira Khan at work, the Khan family, the clock at
 * 2026-03-12 09:30.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "oneteam/audit.h"
#include "oneteam/consent.h"
#include "oneteam/export.h"
#include "oneteam/field.h"
#include "oneteam/story.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

static void
test_basis(void **state)
{
	(void)state;
	assert_int_equal(export_basis(CONSENT_GIVEN, NULL), EXPORT_CONSENT);
	/* Consent wins: no reason is written where none is needed. */
	assert_int_equal(export_basis(CONSENT_GIVEN, "at risk"),
	    EXPORT_CONSENT);
	assert_int_equal(export_basis(NULL, NULL), EXPORT_REFUSED);
	assert_int_equal(export_basis(CONSENT_REFUSED, NULL), EXPORT_REFUSED);
	assert_int_equal(export_basis(CONSENT_WITHDRAWN, ""), EXPORT_REFUSED);
	assert_int_equal(export_basis(NULL, "  \t "), EXPORT_REFUSED);
	assert_int_equal(export_basis(CONSENT_REFUSED, "disclosure of "
	    "domestic abuse"), EXPORT_SAFEGUARDING);
	assert_int_equal(export_basis(CONSENT_WITHDRAWN, "x"),
	    EXPORT_SAFEGUARDING);
	assert_int_equal(export_basis(NULL, "injury to a baby"),
	    EXPORT_SAFEGUARDING);
}

static void
consent(struct fixture *fx, const char *state, const char *date)
{
	struct consent_new	 cn;
	char			*cause = NULL;

	memset(&cn, 0, sizeof cn);
	cn.state = state;
	cn.given_by = "Sara Khan";
	cn.scope = strcmp(state, CONSENT_GIVEN) == 0 ? "school, health" :
	    NULL;
	cn.date = date;
	assert_ok(consent_record(&fx->ot, &fx->family, &cn, NULL, &cause),
	    cause);
}

static void
test_decide(void **state)
{
	struct fixture		*fx = *state;
	struct export_share	 s;
	char			*cause = NULL;

	assert_ok(export_decide(&fx->ot, &fx->family, NULL, &s, &cause),
	    cause);
	assert_int_equal(s.basis, EXPORT_REFUSED);
	assert_int_equal(s.found, 0);
	assert_string_equal(export_why_not(&s),
	    "has no consent to share recorded");
	export_clear(&s);

	assert_ok(export_decide(&fx->ot, &fx->family, " a child at risk ",
	    &s, &cause), cause);
	assert_int_equal(s.basis, EXPORT_SAFEGUARDING);
	assert_string_equal(s.safeguarding, "a child at risk");
	export_clear(&s);

	/* A reason is one line; the refusal names its field, for each
	 * front end to word, and no option. */
	assert_int_equal(export_decide(&fx->ot, &fx->family, "one\ntwo", &s,
	    &cause), -1);
	assert_non_null(fx->ot.fault_field);
	assert_string_equal(fx->ot.fault_field, "safeguarding");
	assert_null(strstr(cause, "--"));
	free(cause);
	cause = NULL;
	assert_int_equal(export_ask_check(&fx->ot, &field_export_families,
	    &(struct export_ask){ .reason = "for the\nschool" }, &cause), -1);
	assert_non_null(fx->ot.fault_field);
	assert_string_equal(fx->ot.fault_field, "reason");
	free(cause);
	cause = NULL;
	assert_ok(export_ask_check(&fx->ot, &field_export_summary,
	    &(struct export_ask){ .reason = "for the school" }, &cause),
	    cause);

	consent(fx, CONSENT_GIVEN, "1/3/2026");
	assert_ok(export_decide(&fx->ot, &fx->family, "at risk", &s,
	    &cause), cause);
	assert_int_equal(s.basis, EXPORT_CONSENT);
	assert_null(s.safeguarding);
	export_clear(&s);

	consent(fx, CONSENT_WITHDRAWN, "10/3/2026");
	assert_ok(export_decide(&fx->ot, &fx->family, NULL, &s, &cause),
	    cause);
	assert_int_equal(s.basis, EXPORT_REFUSED);
	assert_string_equal(export_why_not(&s), "withdrew consent to share");
	export_clear(&s);
}

/* What export_csv_field() makes of v. */
static char *
csv(const char *v)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&buf, &len);

	assert_non_null(f);
	export_csv_field(f, v);
	fclose(f);
	return buf;
}

static void
assert_csv(const char *v, const char *want)
{
	char	*got = csv(v);

	assert_string_equal(got, want);
	free(got);
}

static void
test_csv(void **state)
{
	const char	*row[] = { "a", NULL, "b,c" };
	char		*buf = NULL;
	size_t		 len = 0;
	FILE		*f;

	(void)state;
	assert_csv("Khan family", "Khan family");
	assert_csv(NULL, "");
	assert_csv("", "");
	assert_csv("Smith, Jones", "\"Smith, Jones\"");
	assert_csv("the \"Nest\"", "\"the \"\"Nest\"\"\"");
	assert_csv("two\nlines", "\"two\nlines\"");
	/* Formulas a spreadsheet would run, defused. */
	assert_csv("=HYPERLINK(\"http://x\",\"y\")",
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	assert_csv("+44 7700", "'+44 7700");
	assert_csv("-1", "'-1");
	assert_csv("@SUM(A1)", "'@SUM(A1)");
	assert_csv("\tx", "'\\tx");
	assert_csv("a=b", "a=b");
	/* Nothing raw reaches a terminal that shows it. */
	assert_csv("x\x1b[31m", "x\\e[31m");

	f = open_memstream(&buf, &len);
	export_csv_row(f, row, 3);
	fclose(f);
	assert_string_equal(buf, "a,,\"b,c\"\r\n");
	free(buf);
}

static int
count_entry(const struct audit_entry *e, void *arg)
{
	int	*n = arg;

	if (strcmp(e->what, AUDIT_EXPORT) == 0)
		(*n)++;
	return 0;
}

static int
exports(struct fixture *fx)
{
	char	*cause = NULL;
	int	 n = 0;

	assert_ok(audit_who_viewed(&fx->ot, &fx->family, count_entry, &n,
	    &cause), cause);
	return n;
}

static int
write_summary(struct oneteam *ot, FILE *f, void *arg, char **cause)
{
	return export_summary(ot, arg, f, cause);
}

static int
write_fail(struct oneteam *ot, FILE *f, void *arg, char **cause)
{
	(void)f;
	(void)arg;
	return oneteam_refuse(ot, cause, "no room");
}

static void
job_for(struct export_job *job, const struct export_share *s,
    const char *path)
{
	memset(job, 0, sizeof *job);
	job->path = path;
	job->what = "summary";
	job->shares = s;
	job->nshares = 1;
	job->write = write_summary;
	job->arg = (void *)s;
}

static void
test_run(void **state)
{
	struct fixture		*fx = *state;
	struct export_share	 s;
	struct export_job	 job;
	struct stat		 sb;
	char			*cause = NULL, path[128], bad[128];

	consent(fx, CONSENT_GIVEN, "1/3/2026");
	assert_ok(export_decide(&fx->ot, &fx->family, NULL, &s, &cause),
	    cause);
	snprintf(path, sizeof path, "%s/summary.txt", fx->dir);
	snprintf(bad, sizeof bad, "%s/none/summary.txt", fx->dir);

	/* Into a directory that is not there: nothing, and not recorded. */
	job_for(&job, &s, bad);
	assert_int_equal(export_run(&fx->ot, &job, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(exports(fx), 0);

	/* A write that fails leaves no file, not even the part. */
	job_for(&job, &s, path);
	job.write = write_fail;
	assert_int_equal(export_run(&fx->ot, &job, &cause), -1);
	assert_string_equal(cause, "no room");
	free(cause);
	cause = NULL;
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(exports(fx), 0);

	job_for(&job, &s, path);
	assert_ok(export_run(&fx->ot, &job, &cause), cause);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_true(fixture_file_holds(path, "OFFICIAL-SENSITIVE"));
	assert_true(fixture_file_holds(path, "consent given by Sara Khan"));
	assert_int_equal(exports(fx), 1);

	/* Never over a file already there: it may be the database. */
	assert_int_equal(export_run(&fx->ot, &job, &cause), -1);
	free(cause);
	assert_int_equal(exports(fx), 1);
	unlink(path);
	export_clear(&s);
}

/* Every line of the summary fits EXPORT_WIDTH, however long the words. */
static void
test_width(void **state)
{
	struct fixture		*fx = *state;
	struct export_share	 s;
	char			*cause = NULL, *buf = NULL, *line, *next;
	char			 text[2000];
	size_t			 len = 0, i;
	FILE			*f;

	for (i = 0; i + 1 < sizeof text; i++)
		text[i] = i % 300 < 150 ? (char)('a' + i % 26) :
		    i % 7 == 0 ? ' ' : 'x';
	text[sizeof text - 1] = '\0';
	memcpy(text + 500, "\xc3\xa9\xe6\x97\xa5\xe6\x9c\xac", 8);
	assert_ok(story_edit(&fx->ot, &fx->family, STORY_WORRIES,
	    &(struct story_change){ text, NULL }, &cause), cause);
	assert_ok(export_decide(&fx->ot, &fx->family, "a reason that goes "
	    "on and on past the end of a line of eighty columns, to see it "
	    "wrap", &s, &cause), cause);
	f = open_memstream(&buf, &len);
	assert_ok(export_summary(&fx->ot, &s, f, &cause), cause);
	fclose(f);
	assert_non_null(strstr(buf, "OFFICIAL-SENSITIVE\n"));
	assert_non_null(strstr(buf, "Shared without consent, on "
	    "safeguarding grounds: a reason"));
	for (line = buf; *line != '\0'; line = next) {
		next = strchr(line, '\n');
		assert_non_null(next);
		*next++ = '\0';
		if (text_width(line) > EXPORT_WIDTH)
			fail_msg("too wide: %s", line);
	}
	free(buf);
	export_clear(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define U(f) cmocka_unit_test_setup_teardown(f, fixture_setup_utf8, \
	    fixture_teardown)
		cmocka_unit_test(test_basis),
		cmocka_unit_test(test_csv),
		U(test_decide),
		U(test_run),
		U(test_width),
#undef U
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
