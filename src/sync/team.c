/*
 * team.c owns the team's key: deriving it from the team passphrase with
 * Argon2id, its key id, and the key file that keeps it on this machine.
 * The key never goes into the database, which travels less carefully
 * than a key should (backups, copies); the database keeps only what tells
 * the key apart (the team id, the key id, the salt and limits).
 *
 * The key file holds this site's signing key too (Ed25519's secret,
 * crypto_sign's), with which it signs the heads of its chain of changes
 * (op.h, bundle.c); its public key goes with every bundle, and other
 * sites keep it as the site's key the first time they see it.
 *
 * Key file, text, readable by its owner only:
 *   oneteam team key 2
 *   team <26 characters of base32>
 *   key <64 hex digits>
 *   sign <128 hex digits>
 * Version 1 (before signing) has no sign line; the first bundle made
 * with one adds it (team_sign_key()).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "sync-private.h"
#include "oneteam/admission.h"
#include "oneteam/authority.h"
#include "oneteam/install.h"
#include "oneteam/xmalloc.h"

#define KEY_FILE_MAGIC	"oneteam team key 2\n"
#define KEY_FILE_MAGIC_1 "oneteam team key 1\n"
#define KEY_FILE_MAX	512

/* What a key file holds; in memory that is never swapped out. */
struct key_file {
	struct id	team;
	uint8_t		key[TEAM_KEY_LEN];
	uint8_t		sign[crypto_sign_SECRETKEYBYTES];
	int		has_sign;
};

char *
team_key_path(struct oneteam *ot)
{
	return config_key_path(&ot->cfg);
}

void
team_key_id(const uint8_t key[TEAM_KEY_LEN], uint8_t out[32])
{
	static const char	what[] = "oneteam key id 1";

	crypto_generichash(out, 32, (const uint8_t *)what, sizeof what - 1,
	    key, TEAM_KEY_LEN);
}

int
team_get(struct oneteam *ot, struct team_info *ti, char **cause)
{
	struct query	*q;
	size_t		 n1, n2;
	const void	*k, *s;
	int		 rc;

	memset(ti, 0, sizeof *ti);
	q = query_prepare(ot->st, "SELECT team, key_id, salt, opslimit, "
	    "memlimit, joined FROM team WHERE id = 1");
	if ((rc = query_step(q)) == 1) {
		ti->team = query_id(q, 0);
		k = query_blob(q, 1, &n1);
		s = query_blob(q, 2, &n2);
		if (n1 != sizeof ti->key_id || n2 != sizeof ti->salt) {
			query_done(q);
			return oneteam_refuse(ot, cause, "%s: the team's key "
			    "id is damaged: run oneteam check",
			    ot->cfg.db_path);
		}
		memcpy(ti->key_id, k, n1);
		memcpy(ti->salt, s, n2);
		ti->opslimit = (uint64_t)query_int(q, 3);
		ti->memlimit = (uint64_t)query_int(q, 4);
		ti->joined = query_int(q, 5);
	}
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	return rc;
}

/* The limits libsodium gives each strength. */
static void
team_limits(enum team_kdf kdf, uint64_t *ops, uint64_t *mem)
{
	switch (kdf) {
	case TEAM_KDF_INTERACTIVE:
		*ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
		*mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
		break;
	case TEAM_KDF_SENSITIVE:
		*ops = crypto_pwhash_OPSLIMIT_SENSITIVE;
		*mem = crypto_pwhash_MEMLIMIT_SENSITIVE;
		break;
	default:
		*ops = crypto_pwhash_OPSLIMIT_MODERATE;
		*mem = crypto_pwhash_MEMLIMIT_MODERATE;
		break;
	}
}

/*
 * Limits a bundle may ask for: libsodium's own bounds, and no more memory
 * than the sensitive level, so a forged header cannot ask for terabytes.
 */
int
team_limits_ok(uint64_t ops, uint64_t mem)
{
	return ops >= crypto_pwhash_OPSLIMIT_MIN &&
	    ops <= crypto_pwhash_OPSLIMIT_SENSITIVE * 4 &&
	    mem >= crypto_pwhash_MEMLIMIT_MIN &&
	    mem <= crypto_pwhash_MEMLIMIT_SENSITIVE;
}

int
team_derive(const char *pass, size_t len, const uint8_t salt[TEAM_SALT_LEN],
    uint64_t ops, uint64_t mem, uint8_t key[TEAM_KEY_LEN], char **cause)
{
	if (crypto_pwhash(key, TEAM_KEY_LEN, pass, len, salt,
	    (unsigned long long)ops, (size_t)mem,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		xasprintf(cause, "not enough memory to derive the team key "
		    "(%llu MiB needed)", (unsigned long long)(mem >> 20));
		return -1;
	}
	return 0;
}

/* A passphrase long enough to hold off guessing, in characters. */
static int
team_pass_ok(struct oneteam *ot, const char *pass, size_t len, char **cause)
{
	size_t	i, chars = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)pass[i] & 0xc0) != 0x80)
			chars++;
	if (chars < TEAM_PASS_MIN)
		return oneteam_refuse(ot, cause, "the team passphrase must be "
		    "at least %d characters (a few words make a good one)",
		    TEAM_PASS_MIN);
	return 0;
}

/*
 * Write the key file: made beside its final name, readable by its owner
 * only whatever the umask, synced, then linked into place, so there is
 * never a half-written key file and an existing one is never replaced;
 * or, to add a signing key to one of version 1 (replace), renamed over
 * it.
 */
static int
team_key_write(const char *path, const struct key_file *kf, int replace,
    char **cause)
{
	char	 buf[KEY_FILE_MAX], b32[27], hex[TEAM_KEY_LEN * 2 + 1];
	char	 shex[crypto_sign_SECRETKEYBYTES * 2 + 1];
	char	*tmp, *dir;
	int	 fd, n, rc = -1;

	if (!replace && faccessat(AT_FDCWD, path, F_OK, AT_EACCESS) == 0) {
		xasprintf(cause, "key file %s exists already: this machine "
		    "holds a team key there (set [bundles] key_file for "
		    "another)", path);
		return -1;
	}
	id_base32(&kf->team, b32);
	sodium_bin2hex(hex, sizeof hex, kf->key, TEAM_KEY_LEN);
	sodium_bin2hex(shex, sizeof shex, kf->sign, sizeof kf->sign);
	n = snprintf(buf, sizeof buf, KEY_FILE_MAGIC "team %s\nkey %s\n"
	    "sign %s\n", b32, hex, shex);
	sodium_memzero(hex, sizeof hex);
	sodium_memzero(shex, sizeof shex);
	tmp = xprintf("%s.new.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    install_mode(0600));
	if (fd < 0) {
		xasprintf(cause, "cannot write key file %s: %s", path,
		    strerror(errno));
		goto out;
	}
	if (fchmod(fd, install_mode(0600)) != 0 || write(fd, buf, (size_t)n) != n ||
	    fsync(fd) != 0) {
		xasprintf(cause, "cannot write key file %s: %s", path,
		    strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	close(fd);
	if (replace ? rename(tmp, path) != 0 : link(tmp, path) != 0) {
		xasprintf(cause, "cannot write key file %s: %s", path,
		    strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (!replace)
		unlink(tmp);
	/* The new name itself survives a power cut. */
	dir = xstrdup(path);
	if ((fd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
	rc = 0;
out:
	sodium_memzero(buf, sizeof buf);
	free(tmp);
	return rc;
}

/* Read the key file into kf, checked against ti. */
static int
team_key_read(struct oneteam *ot, const struct team_info *ti,
    struct key_file *kf, char **cause)
{
	char		 buf[KEY_FILE_MAX + 1], b32[27], *path, *p;
	uint8_t		 id[32];
	struct stat	 sb;
	size_t		 bin = 0, skip;
	ssize_t		 n;
	int		 fd, rc = -1, v1;

	memset(kf, 0, sizeof *kf);
	path = team_key_path(ot);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			oneteam_refuse(ot, cause, "this site has no team key "
			    "(%s is missing): run oneteam team join", path);
		else
			oneteam_refuse(ot, cause, "cannot read key file %s: "
			    "%s", path, strerror(errno));
		free(path);
		return -1;
	}
	/* Its owner's only; a protected install's group's too. */
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    (sb.st_mode & ~install_mode(0700) & 0777) != 0) {
		oneteam_refuse(ot, cause, "key file %s can be read by others: "
		    "make it its owner's only (chmod %o)", path,
		    (unsigned)install_mode(0600));
		goto out;
	}
	n = read(fd, buf, KEY_FILE_MAX);
	if (n < 0 || n == KEY_FILE_MAX)
		goto bad;
	buf[n] = '\0';
	v1 = strncmp(buf, KEY_FILE_MAGIC_1, strlen(KEY_FILE_MAGIC_1)) == 0;
	if (!v1 && strncmp(buf, KEY_FILE_MAGIC, strlen(KEY_FILE_MAGIC)) != 0)
		goto bad;
	skip = strlen(KEY_FILE_MAGIC);
	if (sscanf(buf + skip, "team %26s\n", b32) != 1 ||
	    id_from_base32(b32, &kf->team) != 0 ||
	    (p = strstr(buf, "\nkey ")) == NULL ||
	    sodium_hex2bin(kf->key, TEAM_KEY_LEN, p + 5, TEAM_KEY_LEN * 2,
	    NULL, &bin, NULL) != 0 || bin != TEAM_KEY_LEN)
		goto bad;
	if (!v1) {
		if ((p = strstr(buf, "\nsign ")) == NULL ||
		    sodium_hex2bin(kf->sign, sizeof kf->sign, p + 6,
		    sizeof kf->sign * 2, NULL, &bin, NULL) != 0 ||
		    bin != sizeof kf->sign)
			goto bad;
		kf->has_sign = 1;
	}
	team_key_id(kf->key, id);
	if (id_cmp(&kf->team, &ti->team) != 0 ||
	    sodium_memcmp(id, ti->key_id, sizeof id) != 0) {
		oneteam_refuse(ot, cause, "key file %s holds the key of "
		    "another team than this database's", path);
		goto out;
	}
	rc = 0;
	goto out;
bad:
	oneteam_refuse(ot, cause, "key file %s is not a oneteam key file",
	    path);
out:
	if (rc != 0)
		sodium_memzero(kf, sizeof *kf);
	sodium_memzero(buf, sizeof buf);
	close(fd);
	free(path);
	return rc;
}

static struct key_file *
key_file_new(void)
{
	struct key_file	*kf;

	if ((kf = sodium_malloc(sizeof *kf)) == NULL)
		fatal("out of memory");
	memset(kf, 0, sizeof *kf);
	return kf;
}

int
team_key_load(struct oneteam *ot, const struct team_info *ti,
    uint8_t key[TEAM_KEY_LEN], char **cause)
{
	struct key_file	*kf = key_file_new();
	int		 rc;

	if ((rc = team_key_read(ot, ti, kf, cause)) == 0)
		memcpy(key, kf->key, TEAM_KEY_LEN);
	sodium_free(kf);
	return rc;
}

/*
 * In one write transaction, which also keeps two oneteams from making a
 * key each: read the key file; give one of version 1 a signing key,
 * unless this site has signed with one before (a key file put back from
 * before would lose it for good); keep this site's public key the first
 * time; refuse a key file whose key is not the one this site signs with.
 */
int
team_sign_key(struct oneteam *ot, const struct team_info *ti,
    uint8_t secret[crypto_sign_SECRETKEYBYTES], char **cause)
{
	struct key_file	*kf = key_file_new();
	uint8_t		 pk[crypto_sign_PUBLICKEYBYTES], known[SITE_KEY_LEN];
	char		*path = team_key_path(ot);
	int		 rc, had;

	if (store_begin(ot->st, cause) != 0)
		goto fail;
	if (team_key_read(ot, ti, kf, cause) != 0)
		goto rollback;
	if ((had = trust_key_get(ot, store_site(ot->st), known)) < 0) {
		oneteam_db_fail(ot, cause);
		goto rollback;
	}
	if (!kf->has_sign && had) {
		oneteam_refuse(ot, cause, "key file %s holds no signing key, "
		    "but this site has signed with one: put back the key file "
		    "this site had", path);
		goto rollback;
	}
	if (!kf->has_sign) {
		crypto_sign_keypair(pk, kf->sign);
		if (team_key_write(path, kf, 1, cause) != 0)
			goto rollback;
	}
	crypto_sign_ed25519_sk_to_pk(pk, kf->sign);
	if (had && sodium_memcmp(pk, known, sizeof pk) != 0) {
		oneteam_refuse(ot, cause, "key file %s holds another signing "
		    "key than the one this site signs with: put back the key "
		    "file this site had", path);
		goto rollback;
	}
	if ((!had && trust_key_note(ot, store_site(ot->st), pk, cause) != 0) ||
	    store_commit(ot->st, cause) != 0)
		goto fail;
	memcpy(secret, kf->sign, sizeof kf->sign);
	rc = 0;
	goto out;
rollback:
	store_rollback(ot->st);
fail:
	rc = -1;
out:
	sodium_free(kf);
	free(path);
	return rc;
}

void
team_fingerprint(const uint8_t key[SITE_KEY_LEN], char out[TEAM_PRINT_LEN])
{
	uint8_t	h[16];
	char	b32[27];
	size_t	i, j = 0;
	struct id id;

	crypto_generichash(h, sizeof h, key, SITE_KEY_LEN, NULL, 0);
	memcpy(id.b, h, sizeof h);
	id_base32(&id, b32);
	/* 24 of the 26 characters (120 bits), read out in six fours. */
	for (i = 0; i < 24; i++) {
		if (i > 0 && i % 4 == 0)
			out[j++] = ' ';
		out[j++] = b32[i];
	}
	out[j] = '\0';
}

/* Record the team and this site's public key in the database, or take
 * the key file back. */
static int
team_save(struct oneteam *ot, const struct team_info *ti,
    const struct id *root, const uint8_t *root_key,
    const struct key_file *kf, const char *path, char **cause)
{
	struct query	*q;
	uint8_t		 pk[SITE_KEY_LEN];
	int		 rc;

	if (store_begin(ot->st, cause) != 0)
		goto fail;
	crypto_sign_ed25519_sk_to_pk(pk, kf->sign);
	/* This site's key, and the root's as its head in the bundle joined
	 * with gave it: no other is taken in its name. */
	if (trust_key_note(ot, store_site(ot->st), pk, cause) != 0 ||
	    (root_key != NULL && trust_key_note(ot, root, root_key,
	    cause) != 0)) {
		store_rollback(ot->st);
		goto fail;
	}
	q = query_prepare(ot->st, "INSERT INTO team (id, team, key_id, salt, "
	    "opslimit, memlimit, joined, root) VALUES (1, ?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7)");
	query_bind_id(q, 1, &ti->team);
	query_bind_blob(q, 2, ti->key_id, sizeof ti->key_id);
	query_bind_blob(q, 3, ti->salt, sizeof ti->salt);
	query_bind_int(q, 4, (int64_t)ti->opslimit);
	query_bind_int(q, 5, (int64_t)ti->memlimit);
	query_bind_int(q, 6, ot->now);
	if (root != NULL)
		query_bind_id(q, 7, root);
	rc = query_step(q);
	query_done(q);
	/* A team's now, whatever it was made as: no demo replaces it. */
	if (rc >= 0 && store_set_demo(ot->st, 0, cause) != 0)
		rc = -1;
	if (rc < 0) {
		oneteam_db_fail(ot, cause);
		store_rollback(ot->st);
		goto fail;
	}
	if (store_commit(ot->st, cause) != 0)
		goto fail;
	return 0;
fail:
	unlink(path);
	return -1;
}

/* Refuse a second team in one database. */
static int
team_none_yet(struct oneteam *ot, char **cause)
{
	struct team_info	ti;
	char			b32[27];
	int			rc;

	if ((rc = team_get(ot, &ti, cause)) < 0)
		return -1;
	if (rc == 0)
		return 0;
	id_base32(&ti.team, b32);
	return oneteam_refuse(ot, cause, "this database is in team %.8s "
	    "already", b32);
}

int
team_create(struct oneteam *ot, const char *pass, size_t len,
    enum team_kdf kdf, char **cause)
{
	struct team_info	 ti;
	struct key_file		*kf;
	uint8_t			 pk[SITE_KEY_LEN];
	char			*path;
	int			 rc = -1;

	if (install_keeper_only("team create", cause) != 0 ||
	    team_none_yet(ot, cause) != 0 || team_pass_ok(ot, pass, len,
	    cause) != 0)
		return -1;
	memset(&ti, 0, sizeof ti);
	randombytes_buf(ti.salt, sizeof ti.salt);
	team_limits(kdf, &ti.opslimit, &ti.memlimit);
	kf = key_file_new();
	crypto_sign_keypair(pk, kf->sign);
	/* The team is named by this site's key: its root, known as such
	 * at every site (admission.h). */
	admission_root_id(pk, &ti.team);
	kf->team = ti.team;
	path = team_key_path(ot);
	if (team_derive(pass, len, ti.salt, ti.opslimit, ti.memlimit, kf->key,
	    cause) == 0) {
		team_key_id(kf->key, ti.key_id);
		if (team_key_write(path, kf, 0, cause) == 0)
			rc = team_save(ot, &ti, store_site(ot->st), NULL, kf,
			    path, cause);
	}
	sodium_free(kf);
	free(path);
	if (rc != 0 && ot->st != NULL)
		store_set_fault(ot->st, STORE_EINPUT);
	return rc;
}

/*
 * Refuse to join a team in which another site has this site's name (as
 * the bundle's header knows the team's sites): names are unique in a
 * team, so that a bundle can be made for a site by its name.
 */
static int
team_name_free(struct oneteam *ot, const struct bundle_head *h, char **cause)
{
	const struct id	*me = store_site(ot->st), *other = NULL;
	const char	*name = store_site_name(ot->st);
	char		 b32[27];
	size_t		 i;

	if (id_cmp(&h->sender, me) != 0 &&
	    strcasecmp(h->sender_name, name) == 0)
		other = &h->sender;
	for (i = 0; other == NULL && i < h->nhas; i++)
		if (id_cmp(&h->has[i].origin, me) != 0 &&
		    strcasecmp(h->has[i].name, name) == 0)
			other = &h->has[i].origin;
	if (other == NULL)
		return 0;
	id_base32(other, b32);
	return oneteam_refuse(ot, cause, "site %.8s of the team is named "
	    "\"%s\" already: set another [site] name for this site and join "
	    "again", b32, name);
}

/*
 * Put key (derived for ti, whose key id and parameters it has now) in
 * this site's key file in place of the one it had (had), keeping its
 * signing key, and ti in the database: one transaction, the file renamed
 * into place before the commit.
 */
static int
team_key_replace(struct oneteam *ot, const struct team_info *had,
    const struct team_info *ti, const uint8_t key[TEAM_KEY_LEN],
    char **cause)
{
	struct key_file	*kf = key_file_new();
	struct query	*q;
	char		*path = team_key_path(ot);
	int		 rc = -1;

	if (store_begin(ot->st, cause) != 0)
		goto out;
	if (team_key_read(ot, had, kf, cause) != 0)
		goto fail;
	if (!kf->has_sign) {
		oneteam_refuse(ot, cause, "this site has no signing key yet: "
		    "make or import a bundle first");
		goto fail;
	}
	memcpy(kf->key, key, TEAM_KEY_LEN);
	q = query_prepare(ot->st, "INSERT OR REPLACE INTO team_key_old "
	    "(key_id, replaced) VALUES (?1, ?2)");
	query_bind_blob(q, 1, had->key_id, sizeof had->key_id);
	query_bind_int(q, 2, ot->now);
	rc = query_step(q);
	query_done(q);
	if (rc < 0) {
		rc = -1;
		oneteam_db_fail(ot, cause);
		goto fail;
	}
	q = query_prepare(ot->st, "UPDATE team SET key_id = ?1, salt = ?2, "
	    "opslimit = ?3, memlimit = ?4 WHERE id = 1");
	query_bind_blob(q, 1, ti->key_id, sizeof ti->key_id);
	query_bind_blob(q, 2, ti->salt, sizeof ti->salt);
	query_bind_int(q, 3, (int64_t)ti->opslimit);
	query_bind_int(q, 4, (int64_t)ti->memlimit);
	rc = query_step(q);
	query_done(q);
	if (rc < 0) {
		rc = -1;
		oneteam_db_fail(ot, cause);
		goto fail;
	}
	rc = -1;
	if (team_key_write(path, kf, 1, cause) != 0)
		goto fail;
	rc = store_commit(ot->st, cause);
	goto out;
fail:
	store_rollback(ot->st);
out:
	sodium_free(kf);
	free(path);
	return rc;
}

int
team_rekey(struct oneteam *ot, const char *pass, size_t len,
    enum team_kdf kdf, char **cause)
{
	struct team_info	 had, ti;
	uint8_t			*key;
	int			 rc;

	if ((rc = team_get(ot, &had, cause)) != 1)
		return rc < 0 ? -1 : oneteam_refuse(ot, cause, "this site is "
		    "in no team yet: run oneteam team create, or oneteam team "
		    "join");
	if (authority_need_admin(ot, "makes a new team key", cause) != 0 ||
	    team_pass_ok(ot, pass, len, cause) != 0)
		return -1;
	ti = had;
	randombytes_buf(ti.salt, sizeof ti.salt);
	team_limits(kdf, &ti.opslimit, &ti.memlimit);
	if ((key = sodium_malloc(TEAM_KEY_LEN)) == NULL)
		fatal("out of memory");
	rc = team_derive(pass, len, ti.salt, ti.opslimit, ti.memlimit, key,
	    cause);
	if (rc == 0) {
		team_key_id(key, ti.key_id);
		rc = team_key_replace(ot, &had, &ti, key, cause);
	}
	sodium_free(key);
	if (rc != 0 && store_fault(ot->st) == STORE_OK)
		store_set_fault(ot->st, STORE_EINPUT);
	return rc;
}

/* Take the team's new key, as the bundle h at path was sealed with. */
static int
team_take_key(struct oneteam *ot, const struct team_info *had,
    const struct bundle_head *h, const char *path, const char *pass,
    size_t len, char **cause)
{
	struct team_info	 ti;
	struct query		*q;
	uint8_t			*key, id[32];
	int			 rc;

	if (sodium_memcmp(h->key_id, had->key_id, sizeof id) == 0)
		return oneteam_refuse(ot, cause, "this site is in that team, "
		    "with the key %s was made with, already", path);
	/* Never back to a key this site replaced (a thief's old bundle and
	 * the old passphrase would undo the new key). */
	q = query_prepare(ot->st, "SELECT 1 FROM team_key_old WHERE key_id = "
	    "?1");
	query_bind_blob(q, 1, h->key_id, sizeof h->key_id);
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 1)
		return oneteam_refuse(ot, cause, "%s is sealed with the team's "
		    "old key, which this site replaced with a new one: it is "
		    "not taken back", path);
	ti = *had;
	memcpy(ti.key_id, h->key_id, sizeof ti.key_id);
	memcpy(ti.salt, h->salt, sizeof ti.salt);
	ti.opslimit = h->opslimit;
	ti.memlimit = h->memlimit;
	if ((key = sodium_malloc(TEAM_KEY_LEN)) == NULL)
		fatal("out of memory");
	rc = team_derive(pass, len, ti.salt, ti.opslimit, ti.memlimit, key,
	    cause);
	if (rc == 0) {
		team_key_id(key, id);
		if (sodium_memcmp(id, ti.key_id, sizeof id) != 0) {
			xasprintf(cause, "that is not the passphrase of the "
			    "team key that made %s", path);
			rc = -1;
		} else
			rc = team_key_replace(ot, had, &ti, key, cause);
	}
	sodium_free(key);
	if (rc != 0 && store_fault(ot->st) == STORE_OK)
		store_set_fault(ot->st, STORE_EINPUT);
	return rc;
}

/*
 * The site whose key made the team, among the heads of a bundle of it:
 * 1 with *root, 0 for a team made before sites were admitted (or a
 * bundle without that site's head, which every bundle of a team made
 * since has: the site that made it holds changes).
 */
static int
team_root_of(const struct bundle_head *h, struct id *root,
    uint8_t key[SITE_KEY_LEN])
{
	struct id	team;
	size_t		i;

	for (i = 0; i < h->nhas; i++) {
		if (!h->has[i].is_signed)
			continue;
		admission_root_id(h->has[i].key, &team);
		if (id_cmp(&team, &h->team) == 0 &&
		    bundle_head_verify(&h->team, &h->has[i]) == 0) {
			*root = h->has[i].origin;
			memcpy(key, h->has[i].key, SITE_KEY_LEN);
			return 1;
		}
	}
	return 0;
}

int
team_join(struct oneteam *ot, const char *bundle, const char *pass,
    size_t len, char **cause)
{
	return team_join_as(ot, bundle, pass, len, 0, cause);
}

int
team_join_as(struct oneteam *ot, const char *bundle, const char *pass,
    size_t len, int before, char **cause)
{
	struct bundle_head	 h;
	struct team_info	 ti;
	struct key_file		*kf;
	struct id		 root;
	uint8_t			 pk[SITE_KEY_LEN], rk[SITE_KEY_LEN];
	char			*path, b32[27];
	int			 rc = -1, rooted;

	if (install_keeper_only("team join", cause) != 0 ||
	    bundle_info(bundle, &h, cause) != 0) {
		store_set_fault(ot->st, STORE_EINPUT);
		return -1;
	}
	/* A site of the team takes the team's new key (team rekey). */
	if ((rc = team_get(ot, &ti, cause)) == 1 &&
	    id_cmp(&ti.team, &h.team) == 0) {
		rc = team_take_key(ot, &ti, &h, bundle, pass, len, cause);
		bundle_head_free(&h);
		return rc;
	}
	rc = -1;
	if (team_none_yet(ot, cause) != 0) {
		bundle_head_free(&h);
		return -1;
	}
	if (team_name_free(ot, &h, cause) != 0) {
		bundle_head_free(&h);
		return -1;
	}
	memset(&ti, 0, sizeof ti);
	ti.team = h.team;
	memcpy(ti.key_id, h.key_id, sizeof ti.key_id);
	memcpy(ti.salt, h.salt, sizeof ti.salt);
	ti.opslimit = h.opslimit;
	ti.memlimit = h.memlimit;
	rooted = team_root_of(&h, &root, rk);
	bundle_head_free(&h);
	/* Without the head of the site that made it, a bundle could make
	 * a new site take its team for one made before admission, and so
	 * take every site's changes: only if the person says it is. */
	if (!rooted && !before) {
		id_base32(&ti.team, b32);
		store_set_fault(ot->st, STORE_EINPUT);
		return oneteam_refuse(ot, cause, "%s holds no head signed by "
		    "the site that made team %.8s: join with a bundle that "
		    "holds that site's changes; for a team made before sites "
		    "were admitted (given a root since or not), join with "
		    "--before-admission", bundle, b32);
	}
	kf = key_file_new();
	kf->team = ti.team;
	crypto_sign_keypair(pk, kf->sign);
	path = team_key_path(ot);
	if (team_derive(pass, len, ti.salt, ti.opslimit, ti.memlimit, kf->key,
	    cause) == 0) {
		uint8_t	id[32];

		team_key_id(kf->key, id);
		if (sodium_memcmp(id, ti.key_id, sizeof id) != 0)
			xasprintf(cause, "that is not the passphrase of the "
			    "team that made %s", bundle);
		else if (team_key_write(path, kf, 0, cause) == 0)
			rc = team_save(ot, &ti, rooted ? &root : NULL,
			    rooted ? rk : NULL, kf, path, cause);
	}
	sodium_free(kf);
	free(path);
	if (rc != 0)
		store_set_fault(ot->st, STORE_EINPUT);
	return rc;
}
