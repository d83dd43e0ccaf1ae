/*
 * fixture.c: a fresh team for each unit test of the core.
 */
#include <dirent.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "fixture.h"
#include "oneteam/family.h"
#include "oneteam/signin.h"
#include "oneteam/staff.h"
#include "oneteam/store.h"
#include "oneteam/sync.h"
#include "oneteam/xmalloc.h"

/*
 * The fixture's member at work signs with a key (an admission is taken
 * only so signed): a passphrase set for them if they have none.
 */
static int
fixture_keyed(struct fixture *fx, char **cause)
{
	static const char	pass[] = "the fixture's administrator";
	const struct id		*who = store_author(fx->ot.st);
	char			 hash[SIGNIN_HASH_LEN];
	uint8_t			 sk[SIGNIN_SK_LEN];

	if (store_signer(fx->ot.st, who) != NULL)
		return 0;
	if (signin_hash(pass, sizeof pass - 1, hash, sk, cause) != 0 ||
	    store_begin(fx->ot.st, cause) != 0)
		return -1;
	if (signin_set_hash_tx(&fx->ot, who, hash, cause) != 0 ||
	    store_commit(fx->ot.st, cause) != 0) {
		store_rollback(fx->ot.st);
		return -1;
	}
	store_set_signer(fx->ot.st, who, sk);
	sodium_memzero(sk, sizeof sk);
	return 0;
}

int
fixture_admit(struct fixture *fx, struct oneteam *site, const char *name,
    char **cause)
{
	char	print[TEAM_PRINT_LEN];
	int	rc;

	if (fixture_keyed(fx, cause) != 0)
		return -1;

	if ((rc = team_site_print(site, print, cause)) != 1) {
		if (rc == 0)
			*cause = xstrdup("the site has no key yet");
		return -1;
	}
	return team_admit(&fx->ot, print, name != NULL ? name :
	    store_site_name(site->st), NULL, cause);
}

int
fixture_site_open(struct fixture *fx, const char *name, struct oneteam *ot,
    char **cause)
{
	char	*ini = xprintf("%s/%s.ini", fx->dir, name);
	char	*db = xprintf("%s/%s.db", fx->dir, name);
	FILE	*f;
	int	 rc = -1;

	if ((f = fopen(ini, "w")) == NULL) {
		xasprintf(cause, "%s: cannot write", ini);
		goto out;
	}
	fprintf(f, "[site]\nname = %s\n", name);
	if (fclose(f) != 0) {
		xasprintf(cause, "%s: cannot write", ini);
		goto out;
	}
	rc = oneteam_open(ot, ini, db, STORE_CREATE, cause);
out:
	free(ini);
	free(db);
	return rc;
}

int
fixture_setup(void **state)
{
	struct fixture		*fx = xcalloc(1, sizeof *fx);
	struct staff_new	 sn;
	struct family_new	 fn;
	char			*cause = NULL;

	setenv("ONETEAM_CONFIG", "/dev/null", 1);
	setenv("ONETEAM_NOW", "2026-03-12T09:30:00Z", 1);
	setenv("TZ", "Europe/London", 1);
	snprintf(fx->dir, sizeof fx->dir, "/tmp/oneteam-unit.XXXXXX");
	if (mkdtemp(fx->dir) == NULL)
		return -1;
	snprintf(fx->db, sizeof fx->db, "%s/t.db", fx->dir);
	if (oneteam_open(&fx->ot, NULL, fx->db, STORE_CREATE, &cause) != 0)
		goto fail;
	memset(&sn, 0, sizeof sn);
	sn.name = "Amira Khan";
	sn.role = "health_visitor";
	sn.agency = "health_visiting";
	sn.locality = "Riverside";
	sn.coordinator = 1;
	sn.admin = 1;
	/* The first, as init makes her: nobody is at work to add her. */
	if (store_begin(fx->ot.st, &cause) != 0 ||
	    staff_add_tx(&fx->ot, &sn, &fx->amira, &cause) != 0 ||
	    store_commit(fx->ot.st, &cause) != 0)
		goto fail;
	fx->ot.me = fx->amira;
	store_set_author(fx->ot.st, &fx->amira);
	sn.name = "Tom Brennan";
	sn.role = "early_help_worker";
	sn.agency = "early_help";
	sn.coordinator = 0;
	sn.admin = 0;
	if (staff_add(&fx->ot, &sn, &fx->tom, &cause) != 0)
		goto fail;
	memset(&fn, 0, sizeof fn);
	fn.household = "Khan family";
	fn.level = "2";
	fn.postcode = "E6 2AB";
	fn.locality = "Riverside";
	if (family_add(&fx->ot, &fn, &fx->family, &cause) != 0)
		goto fail;
	*state = fx;
	return 0;
fail:
	fprintf(stderr, "fixture: %s\n", cause != NULL ? cause : "failed");
	free(cause);
	return -1;
}

int
fixture_setup_utf8(void **state)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return -1;
	return fixture_setup(state);
}

void
assert_ok(int rc, char *cause)
{
	if (rc != 0)
		fail_msg("refused: %s", cause != NULL ? cause : "?");
}

int
fixture_teardown(void **state)
{
	struct fixture	*fx = *state;
	DIR		*dir;
	struct dirent	*de;
	char		 path[PATH_MAX];

	oneteam_close(&fx->ot);
	/* The database, its journal, its high-water mark and any copy a
	 * test made: the directory is the fixture's alone. */
	if ((dir = opendir(fx->dir)) != NULL) {
		while ((de = readdir(dir)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", fx->dir,
			    de->d_name);
			unlink(path);
		}
		closedir(dir);
	}
	rmdir(fx->dir);
	free(fx);
	return 0;
}

void
fixture_hash(struct fixture *fx, unsigned char out[32])
{
	crypto_generichash_state	 h;
	struct query			*q;

	crypto_generichash_init(&h, NULL, 0, 32);
	q = query_prepare(fx->ot.st, "SELECT hex(id) FROM op ORDER BY id");
	while (query_step(q) == 1) {
		const char *hex = query_text(q, 0);
		crypto_generichash_update(&h, (const unsigned char *)hex,
		    strlen(hex));
	}
	query_done(q);
	crypto_generichash_final(&h, out, 32);
}

int
fixture_file_holds(const char *path, const char *needle)
{
	FILE	*f;
	char	*buf;
	long	 n, i;
	size_t	 len = strlen(needle);
	int	 found = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) == (size_t)n)
		for (i = 0; !found && i + (long)len <= n; i++)
			found = memcmp(buf + i, needle, len) == 0;
	fclose(f);
	free(buf);
	return found;
}

void
assert_field(struct fixture *fx, int rc, char **cause, const char *field)
{
	assert_int_equal(rc, -1);
	assert_non_null(*cause);
	assert_true(**cause != '\0');
	assert_null(strchr(*cause, '\n'));
	assert_int_not_equal((*cause)[strlen(*cause) - 1], '.');
	if (strstr(*cause, "--") != NULL)
		fail_msg("\"%s\" names an option", *cause);
	if (fx->ot.fault_field == NULL ||
	    strcmp(fx->ot.fault_field, field) != 0)
		fail_msg("\"%s\" names the field %s, not %s", *cause,
		    fx->ot.fault_field != NULL ? fx->ot.fault_field : "(none)",
		    field);
	free(*cause);
	*cause = NULL;
}
