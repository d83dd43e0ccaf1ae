/*
 * signin.c owns passphrases (signin.h): setting one as its Argon2id hash
 * through the staff record, checking one, and the waiting that failed
 * attempts bring. The screens and the command line ask for the
 * passphrase; nothing here keeps it, and what it copies is wiped. Each
 * attempt, right or wrong, goes on the audit trail (audit.h) with why it
 * failed, never with what was typed.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "oneteam/atwork.h"
#include "oneteam/audit.h"
#include "oneteam/authority.h"
#include "oneteam/signin.h"
#include "oneteam/staff.h"
#include "oneteam/xmalloc.h"

/*
 * The cost of one hash: libsodium's interactive limits (64 MiB, two
 * passes; about a tenth of a second), as a sign-in must be quick on an
 * old office terminal; the waiting stops guessing at the screen.
 */
#define SIGNIN_OPS	crypto_pwhash_OPSLIMIT_INTERACTIVE
#define SIGNIN_MEM	crypto_pwhash_MEMLIMIT_INTERACTIVE

/*
 * A passphrase as the staff record keeps it: "$oneteam-key$v=1$" then, in
 * hex and apart by "$", a salt (16 random bytes), a check and a public
 * key. Argon2id of the passphrase with the salt, at the limits above,
 * gives 64 bytes: the BLAKE2b-256 hash of the first 32 is the check, the
 * last 32 the seed of the member's Ed25519 key pair, whose public half is
 * the key. So one hash both checks a passphrase and makes its key, and
 * the record gives neither the key nor the passphrase without a guess
 * as costly as the hash. A value from before keys (crypto_pwhash_str's
 * "$argon2id$...") still checks a passphrase and makes no key.
 */
#define SIGNIN_FORM	"$oneteam-key$v=1$"
#define SIGNIN_SALT	16

/* A value in our form, read. */
struct signin_form {
	uint8_t	salt[SIGNIN_SALT];
	uint8_t	check[32];
	uint8_t	pk[SIGNIN_PK_LEN];
};

/* A hash fits. */
typedef char signin_hash_fits[SIGNIN_HASH_LEN > sizeof SIGNIN_FORM +
    2 * (SIGNIN_SALT + 32 + SIGNIN_PK_LEN) + 2 &&
    SIGNIN_HASH_LEN >= crypto_pwhash_STRBYTES ? 1 : -1];

/* One hex field of a value, ending at end ('$' or NUL): 0, or -1. */
static int
signin_hex(const char **p, uint8_t *out, size_t n, char end)
{
	size_t	got;

	if (strlen(*p) < 2 * n || (*p)[2 * n] != end ||
	    sodium_hex2bin(out, n, *p, 2 * n, NULL, &got, NULL) != 0 ||
	    got != n)
		return -1;
	*p += 2 * n + 1;
	return 0;
}

/* Read hash: 1 in our form, 0 a value from before keys, -1 neither. */
static int
signin_form_of(const char *hash, struct signin_form *f)
{
	const char	*p = hash;

	if (strncmp(p, SIGNIN_FORM, sizeof SIGNIN_FORM - 1) != 0)
		return strncmp(p, "$argon2id$", 10) == 0 ? 0 : -1;
	p += sizeof SIGNIN_FORM - 1;
	if (signin_hex(&p, f->salt, sizeof f->salt, '$') != 0 ||
	    signin_hex(&p, f->check, sizeof f->check, '$') != 0 ||
	    signin_hex(&p, f->pk, sizeof f->pk, '\0') != 0)
		return -1;
	return 1;
}

/* The check and key pair of pass with salt: 0, or -1 (no memory). */
static int
signin_derive(const char *pass, size_t len, struct signin_form *f,
    uint8_t sk[SIGNIN_SK_LEN])
{
	uint8_t	out[64];

	if (crypto_pwhash(out, sizeof out, pass, len, f->salt, SIGNIN_OPS,
	    SIGNIN_MEM, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return -1;
	crypto_generichash(f->check, sizeof f->check, out, 32, NULL, 0);
	crypto_sign_seed_keypair(f->pk, sk, out + 32);
	sodium_memzero(out, sizeof out);
	return 0;
}

int
signin_hash(const char *pass, size_t len, char *hash, uint8_t *sk,
    char **cause)
{
	struct signin_form	f;
	uint8_t			own[SIGNIN_SK_LEN];
	char			*p = hash;

	randombytes_buf(f.salt, sizeof f.salt);
	if (signin_derive(pass, len, &f, sk != NULL ? sk : own) != 0) {
		*cause = xstrdup("not enough memory to make the passphrase's "
		    "hash");
		return -1;
	}
	sodium_memzero(own, sizeof own);
	memcpy(p, SIGNIN_FORM, sizeof SIGNIN_FORM - 1);
	p += sizeof SIGNIN_FORM - 1;
	sodium_bin2hex(p, 2 * sizeof f.salt + 1, f.salt, sizeof f.salt);
	p += 2 * sizeof f.salt;
	*p++ = '$';
	sodium_bin2hex(p, 2 * sizeof f.check + 1, f.check, sizeof f.check);
	p += 2 * sizeof f.check;
	*p++ = '$';
	sodium_bin2hex(p, 2 * sizeof f.pk + 1, f.pk, sizeof f.pk);
	return 0;
}

int
signin_key_of(const char *hash, uint8_t pk[SIGNIN_PK_LEN])
{
	struct signin_form	f;
	int			rc;

	if (hash == NULL || (rc = signin_form_of(hash, &f)) <= 0)
		return 0;
	memcpy(pk, f.pk, sizeof f.pk);
	return rc;
}

int
signin_set_hash_tx(struct oneteam *ot, const struct id *staff,
    const char *hash, char **cause)
{
	struct val	 v = val_text(hash);
	struct query	*q;
	int		 rc;

	/* A new passphrase ends the sessions the old one opened here. */
	q = query_prepare(ot->st, "DELETE FROM signin_session WHERE "
	    "staff = ?1");
	query_bind_id(q, 1, staff);
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	return store_set(ot->st, "staff", staff, "passhash", &v, cause);
}

int
signin_set_tx(struct oneteam *ot, const struct id *staff, const char *pass,
    size_t len, char **cause)
{
	char		hash[SIGNIN_HASH_LEN];
	uint8_t		sk[SIGNIN_SK_LEN];
	struct staff	s;
	int		rc;

	if (len < SIGNIN_MIN_LEN)
		return oneteam_refuse(ot, cause, "a passphrase has at least "
		    "%d characters: a few words are easy to remember and "
		    "hard to guess", SIGNIN_MIN_LEN);
	if (len > SIGNIN_MAX_LEN)
		return oneteam_refuse(ot, cause, "a passphrase has at most %d "
		    "characters", SIGNIN_MAX_LEN);
	if (staff_get(ot, staff, &s, cause) != 0)
		return -1;
	staff_clear(&s);
	if (signin_hash(pass, len, hash, sk, cause) != 0)
		return -1;
	/* Set with the key one had (one's own) or one's own (another's);
	 * one's own changes after it with the new one. */
	rc = signin_set_hash_tx(ot, staff, hash, cause);
	if (rc == 0 && id_cmp(staff, &ot->me) == 0)
		store_set_signer(ot->st, staff, sk);
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(hash, sizeof hash);
	return rc;
}

struct set_arg {
	const struct id	*staff;
	const char	*pass;
	size_t		 len;
};

int
signin_needs_current(const struct oneteam *ot, const struct id *staff)
{
	return id_cmp(staff, &ot->me) == 0 &&
	    ot->me_proof == ATWORK_PROOF_SESSION;
}

/* One's own passphrase, proven with the one one has; or a coordinator's
 * or administrator's anyone's. */
static int
signin_set_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct set_arg	*a = arg;

	if (signin_needs_current(ot, a->staff))
		return oneteam_refuse(ot, cause, "give the passphrase you have "
		    "now to set a new one: a session alone does not change "
		    "it");
	if (authority_need_role(ot, "staff", a->staff, "passhash", NULL,
	    NULL, cause) != 0)
		return -1;
	return signin_set_tx(ot, a->staff, a->pass, a->len, cause);
}

int
signin_set(struct oneteam *ot, const struct id *staff, const char *pass,
    size_t len, char **cause)
{
	struct set_arg	a = { staff, pass, len };

	return oneteam_change(ot, signin_set_fn, &a, cause);
}

/* Wipe and free a passphrase's hash read from the store. */
static void
signin_forget(char **hash)
{
	if (*hash == NULL)
		return;
	sodium_memzero(*hash, strlen(*hash));
	free(*hash);
	*hash = NULL;
}

/* The hash of staff's passphrase (NULL: none) and whether active. */
static int
signin_stored(struct oneteam *ot, const struct id *staff, char **hash,
    int *active, char **cause)
{
	struct query	*q;
	int		 rc;

	*hash = NULL;
	q = query_prepare(ot->st, "SELECT passhash, coalesce(active, 1) FROM "
	    "staff WHERE id = ?1");
	query_bind_id(q, 1, staff);
	if ((rc = query_step(q)) == 1) {
		*hash = query_text_dup(q, 0);
		*active = (int)query_int(q, 1);
	}
	query_done(q);
	if (rc != 1)
		return oneteam_get_fail(ot, rc, "member of staff", cause);
	return 0;
}

int
signin_has(struct oneteam *ot, const struct id *staff, char **cause)
{
	char	*hash;
	int	 active, has;

	if (signin_stored(ot, staff, &hash, &active, cause) != 0)
		return -1;
	has = hash != NULL;
	signin_forget(&hash);
	return has;
}

/* How long the account must wait from now (ms), 0 for not at all. */
static int
signin_waiting(struct oneteam *ot, const struct id *staff, int64_t *wait_ms,
    char **cause)
{
	struct query	*q;
	int		 rc;

	*wait_ms = 0;
	q = query_prepare(ot->st, "SELECT until FROM signin_wait WHERE "
	    "staff = ?1");
	query_bind_id(q, 1, staff);
	if ((rc = query_step(q)) == 1 && query_int(q, 0) > ot->now)
		*wait_ms = query_int(q, 0) - ot->now;
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
signin_state(struct oneteam *ot, const struct id *staff, int *has,
    int *active, int64_t *wait_ms, char **cause)
{
	char	*hash;

	*wait_ms = 0;
	if (signin_stored(ot, staff, &hash, active, cause) != 0)
		return -1;
	*has = hash != NULL;
	signin_forget(&hash);
	return signin_waiting(ot, staff, wait_ms, cause);
}

/*
 * Count a failure in a row: each SIGNIN_TRIES-th starts a wait, twice
 * the one before, up to SIGNIN_WAIT_MAX. *nfails: how many in a row now.
 */
static int
signin_count_fail(struct oneteam *ot, const struct id *staff, int64_t *nfails,
    char **cause)
{
	struct query	*q;
	int64_t		 fails = 0, until = 0, wait, k;
	int		 rc;

	q = query_prepare(ot->st, "SELECT fails, until FROM signin_wait "
	    "WHERE staff = ?1");
	query_bind_id(q, 1, staff);
	if ((rc = query_step(q)) == 1) {
		fails = query_int(q, 0);
		until = query_int(q, 1);
	}
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (++fails % SIGNIN_TRIES == 0) {
		wait = SIGNIN_WAIT_MS;
		for (k = fails / SIGNIN_TRIES; --k > 0 &&
		    wait < SIGNIN_WAIT_MAX; )
			wait *= 2;
		until = ot->now + (wait < SIGNIN_WAIT_MAX ? wait :
		    SIGNIN_WAIT_MAX);
	}
	q = query_prepare(ot->st, "INSERT INTO signin_wait (staff, fails, "
	    "until) VALUES (?1, ?2, ?3) ON CONFLICT (staff) DO UPDATE SET "
	    "fails = excluded.fails, until = excluded.until");
	query_bind_id(q, 1, staff);
	query_bind_int(q, 2, fails);
	query_bind_int(q, 3, until);
	rc = query_step(q);
	query_done(q);
	*nfails = fails;
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

/* A wrong passphrase: counted and on the trail, together or neither. */
static int
signin_fail_fn(struct oneteam *ot, void *arg, char **cause)
{
	const struct id	*staff = arg;
	int64_t		 fails = 0;
	char		*why;
	int		 rc;

	if (signin_count_fail(ot, staff, &fails, cause) != 0)
		return -1;
	why = xprintf("wrong passphrase (%lld in a row)", (long long)fails);
	rc = audit_record_as(ot, staff, AUDIT_SIGNIN_FAILED, NULL, why, cause);
	free(why);
	return rc;
}

/* A right passphrase: the waiting ends, and the sign-in is recorded with
 * its proof. */
static int
signin_clear_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "DELETE FROM signin_wait WHERE staff = ?1");
	query_bind_id(q, 1, (const struct id *)arg);
	rc = query_step(q);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	return atwork_record(ot, arg, ATWORK_PROOF_PASSPHRASE, cause);
}

/*
 * An attempt refused before the passphrase is looked at (none set, a
 * disabled account, the waiting) is an attempt still: record it, then
 * refuse with the reason. If it cannot be recorded, say that instead.
 */
static int
signin_refuse(struct oneteam *ot, const struct id *staff, const char *why,
    char **cause)
{
	if (audit_record_as(ot, staff, AUDIT_SIGNIN_FAILED, NULL, why,
	    cause) != 0)
		return -1;
	return oneteam_refuse(ot, cause, "%s", why);
}

/* Say how long to wait, in words. */
static int
signin_refuse_wait(struct oneteam *ot, int64_t wait_ms, char **cause)
{
	int64_t	s = (wait_ms + 999) / 1000;

	if (s < 120)
		return oneteam_refuse(ot, cause, "too many wrong passphrases: "
		    "wait %lld second%s and try again", (long long)s,
		    s == 1 ? "" : "s");
	return oneteam_refuse(ot, cause, "too many wrong passphrases: wait "
	    "%lld minutes and try again", (long long)((s + 59) / 60));
}

/*
 * The gate before a passphrase is looked at, for signin_check() and
 * signin_verify() alike: an account with none set, a disabled one and
 * one waiting after wrong ones are refused, and (record) each refusal is
 * an attempt on the trail. Else *hash is the stored hash, to forget.
 */
static int
signin_gate(struct oneteam *ot, const struct id *staff, int record,
    char **hash, int64_t *wait_ms, char **cause)
{
	const char	*why;
	int		 active;

	*wait_ms = 0;
	if (signin_stored(ot, staff, hash, &active, cause) != 0)
		return -1;
	if (*hash == NULL)
		why = record ? "no passphrase is set for this account: a "
		    "coordinator sets one (oneteam staff passwd)" :
		    "no passphrase is set for this account";
	else if (!active)
		why = "this account is disabled";
	else {
		if (signin_waiting(ot, staff, wait_ms, cause) != 0 ||
		    *wait_ms > 0)
			signin_forget(hash);
		if (*hash != NULL)
			return 0;
		if (*wait_ms == 0 || (record && audit_record_as(ot, staff,
		    AUDIT_SIGNIN_FAILED, NULL, "tried while waiting after "
		    "wrong passphrases", cause) != 0))
			return -1;
		return signin_refuse_wait(ot, *wait_ms, cause);
	}
	signin_forget(hash);
	return record ? signin_refuse(ot, staff, why, cause) :
	    oneteam_refuse(ot, cause, "%s", why);
}

/*
 * Does pass match hash? When it does, the member's key (in our form)
 * signs their changes from now (store_set_signer()), or, also, besides
 * the one at work's (store_add_signer()). The hash is forgotten.
 */
static int
signin_matches(struct oneteam *ot, const struct id *staff, char **hash,
    const char *pass, size_t len, int also)
{
	struct signin_form	f, got;
	uint8_t			sk[SIGNIN_SK_LEN];
	int			ok = 0, form;

	if ((form = signin_form_of(*hash, &f)) == 0)
		ok = crypto_pwhash_str_verify(*hash, pass, len) == 0;
	else if (form == 1) {
		memcpy(got.salt, f.salt, sizeof got.salt);
		ok = signin_derive(pass, len, &got, sk) == 0 &&
		    sodium_memcmp(got.check, f.check, sizeof f.check) == 0 &&
		    sodium_memcmp(got.pk, f.pk, sizeof f.pk) == 0;
	}
	if (ok && also && form == 1)
		store_add_signer(ot->st, staff, sk);
	else if (ok && !also)
		store_set_signer(ot->st, staff, form == 1 ? sk : NULL);
	sodium_memzero(sk, sizeof sk);
	signin_forget(hash);
	return ok;
}

static int
signin_check_as(struct oneteam *ot, const struct id *staff, const char *pass,
    size_t len, int also, int64_t *wait_ms, char **cause)
{
	char	*hash, *why = NULL;

	if (signin_gate(ot, staff, 1, &hash, wait_ms, cause) != 0)
		return -1;
	if (signin_matches(ot, staff, &hash, pass, len, also))
		return oneteam_change(ot, signin_clear_fn, (void *)staff, cause);
	if (oneteam_change(ot, signin_fail_fn, (void *)staff, &why) != 0) {
		*cause = why;
		return -1;
	}
	if (signin_waiting(ot, staff, wait_ms, cause) != 0)
		return -1;
	if (*wait_ms > 0)
		return signin_refuse_wait(ot, *wait_ms, cause);
	return oneteam_refuse(ot, cause, "wrong passphrase");
}

int
signin_check(struct oneteam *ot, const struct id *staff, const char *pass,
    size_t len, int64_t *wait_ms, char **cause)
{
	return signin_check_as(ot, staff, pass, len, 0, wait_ms, cause);
}

/* A right one writes nothing (giving it is not a sign-in); a wrong one
 * is counted, as signin_check() counts it. */
int
signin_also(struct oneteam *ot, const struct id *staff, const char *pass,
    size_t len, int64_t *wait_ms, char **cause)
{
	char	*hash;

	*wait_ms = 0;
	if (signin_gate(ot, staff, 0, &hash, wait_ms, cause) != 0)
		return -1;
	if (signin_matches(ot, staff, &hash, pass, len, 1))
		return 0;
	return signin_check_as(ot, staff, pass, len, 1, wait_ms, cause);
}

int
signin_verify(struct oneteam *ot, const struct id *staff, const char *pass,
    size_t len, char **cause)
{
	char	*hash;
	int64_t	 wait_ms;

	if (signin_gate(ot, staff, 0, &hash, &wait_ms, cause) != 0)
		return -1;
	return signin_matches(ot, staff, &hash, pass, len, 0) ? 0 :
	    oneteam_refuse(ot, cause, "wrong passphrase");
}

/* --- sessions of the command line ---------------------------------------- */

/*
 * The key a session is kept by: the hash of its token's bytes; and
 * (seal not NULL) the key its member's signing key is sealed with, the
 * token's keyed hash of other words, which the site does not keep. -1
 * when the text is not a token.
 */
static int
signin_session_key(const char *token, uint8_t key[32], uint8_t *seal)
{
	static const char	what[] = "oneteam session seal";
	uint8_t			raw[32];
	size_t			len;

	if (token == NULL || strlen(token) != SIGNIN_TOKEN_HEX - 1 ||
	    sodium_hex2bin(raw, sizeof raw, token, SIGNIN_TOKEN_HEX - 1, NULL,
	    &len, NULL) != 0 || len != sizeof raw)
		return -1;
	crypto_generichash(key, 32, raw, sizeof raw, NULL, 0);
	if (seal != NULL)
		crypto_generichash(seal, crypto_secretbox_KEYBYTES,
		    (const uint8_t *)what, sizeof what - 1, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
	return 0;
}

/* A sealed signing key: nonce, then the key and its tag. */
#define SIGNIN_SEAL_LEN	(crypto_secretbox_NONCEBYTES + \
	crypto_secretbox_MACBYTES + SIGNIN_SK_LEN)

struct session_arg {
	const struct id	*staff;
	const uint8_t	*key;
	const uint8_t	*seal;		/* sealed key, or NULL */
};

/*
 * SQL: is session x (a row of signin_session) live at ?2 for the
 * terminal ?3? Not expired, used within its idle window, both fixed
 * when it was opened; opened at that terminal; its member's account
 * enabled, with the passphrase it was opened with, wherever a new one
 * was set (one from another site arrives in a bundle, not by a
 * command). The one rule of a session's life, for finding one and for
 * deleting the ended.
 */
#define SIGNIN_LIVE(x) "(" x ".expires >= ?2 AND " x ".last >= ?2 - " x \
	".idle AND EXISTS (SELECT 1 FROM staff s WHERE s.id = " x ".staff " \
	"AND coalesce(s.active, 1) AND s.passhash IS " x ".passhash))"
#define SIGNIN_AT(x) "(" x ".terminal = ?3)"

/* Delete every session that has ended, wherever it was opened. */
static int
signin_session_sweep(struct oneteam *ot)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "DELETE FROM signin_session WHERE NOT "
	    SIGNIN_LIVE("signin_session"));
	query_bind_int(q, 2, ot->now);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? -1 : 0;
}

static int
signin_session_open_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct session_arg	*a = arg;
	struct query		*q;
	char			 at[ONETEAM_TERMINAL_MAX];
	int			 rc;

	if (signin_session_sweep(ot) != 0)
		return oneteam_db_fail(ot, cause);
	/* Its idle window and its end are the site's as it opens: a
	 * configuration read later changes neither. */
	oneteam_terminal(at);
	q = query_prepare(ot->st, "INSERT INTO signin_session (token, staff, "
	    "created, last, passhash, seal, idle, expires, terminal) SELECT "
	    "?1, ?2, ?3, ?3, passhash, ?4, ?5, ?3 + ?6, ?7 FROM staff WHERE "
	    "id = ?2");
	query_bind_blob(q, 1, a->key, 32);
	query_bind_id(q, 2, a->staff);
	query_bind_int(q, 3, ot->now);
	if (a->seal != NULL)
		query_bind_blob(q, 4, a->seal, SIGNIN_SEAL_LEN);
	query_bind_int(q, 5, oneteam_lock_left(ot, 0, 0));
	query_bind_int(q, 6, SIGNIN_SESSION_MAX);
	query_bind_text(q, 7, at);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

int
signin_session_open(struct oneteam *ot, const struct id *staff,
    char token[SIGNIN_TOKEN_HEX], char **cause)
{
	struct session_arg	a;
	const uint8_t		*sk;
	uint8_t			raw[32], key[32], box[32];
	uint8_t			seal[SIGNIN_SEAL_LEN];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(token, SIGNIN_TOKEN_HEX, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
	if (signin_session_key(token, key, box) != 0)
		fatal("a token of our own is not a token");
	a.staff = staff;
	a.key = key;
	a.seal = NULL;
	/* The key the passphrase just made, for the session's commands. */
	if ((sk = store_signer(ot->st, staff)) != NULL) {
		randombytes_buf(seal, crypto_secretbox_NONCEBYTES);
		crypto_secretbox_easy(seal + crypto_secretbox_NONCEBYTES, sk,
		    SIGNIN_SK_LEN, seal, box);
		a.seal = seal;
	}
	sodium_memzero(box, sizeof box);
	if (oneteam_change(ot, signin_session_open_fn, &a, cause) == 0)
		return 0;
	sodium_memzero(token, SIGNIN_TOKEN_HEX);
	return -1;
}

int
signin_session_find(struct oneteam *ot, const char *token, int touch,
    struct id *staff, char **cause)
{
	struct query	*q;
	uint8_t		 key[32], box[32], sk[SIGNIN_SK_LEN];
	uint8_t		 pk[SIGNIN_PK_LEN];
	const uint8_t	*seal;
	char		 at[ONETEAM_TERMINAL_MAX];
	size_t		 len;
	int		 rc, sealed = 0;

	memset(staff, 0, sizeof *staff);
	if (signin_session_key(token, key, box) != 0)
		return 0;
	oneteam_terminal(at);
	q = query_prepare(ot->st, "SELECT x.staff, x.seal, x.passhash FROM "
	    "signin_session x WHERE x.token = ?1 AND " SIGNIN_LIVE("x")
	    " AND " SIGNIN_AT("x"));
	query_bind_blob(q, 1, key, sizeof key);
	query_bind_int(q, 2, ot->now);
	query_bind_text(q, 3, at);
	if ((rc = query_step(q)) == 1) {
		*staff = query_id(q, 0);
		seal = query_blob(q, 1, &len);
		sealed = len == SIGNIN_SEAL_LEN &&
		    crypto_secretbox_open_easy(sk, seal +
		    crypto_secretbox_NONCEBYTES, len -
		    crypto_secretbox_NONCEBYTES, seal, box) == 0;
		/* One whose passphrase gives a key, kept without it (opened
		 * before keys), has ended: it could sign nothing. */
		if (!sealed && signin_key_of(query_text(q, 2), pk)) {
			memset(staff, 0, sizeof *staff);
			rc = 0;
		}
	}
	query_done(q);
	sodium_memzero(box, sizeof box);
	/* Its member's key signs as the passphrase's would (none: a session
	 * of an account with none, or from before keys). */
	if (rc == 1)
		store_set_signer(ot->st, staff, sealed ? sk : NULL);
	sodium_memzero(sk, sizeof sk);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (!touch)
		return rc;
	/* An ended one is deleted as it is found (with any other). */
	if (rc == 0)
		return signin_session_sweep(ot) != 0 ?
		    oneteam_db_fail(ot, cause) : 0;
	q = query_prepare(ot->st, "UPDATE signin_session SET last = ?2 WHERE "
	    "token = ?1");
	query_bind_blob(q, 1, key, sizeof key);
	query_bind_int(q, 2, ot->now);
	rc = query_step(q);
	query_done(q);
	if (rc < 0 || signin_session_sweep(ot) != 0)
		return oneteam_db_fail(ot, cause);
	return 1;
}

int
signin_session_close(struct oneteam *ot, const char *token, char **cause)
{
	struct query	*q;
	uint8_t		 key[32];
	int		 rc;

	if (signin_session_key(token, key, NULL) != 0)
		return 0;
	q = query_prepare(ot->st, "DELETE FROM signin_session WHERE "
	    "token = ?1");
	query_bind_blob(q, 1, key, sizeof key);
	rc = query_step(q);
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}
