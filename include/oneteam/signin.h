/*
 * Signing in: each member of staff has a passphrase, kept only as its
 * Argon2id hash (libsodium's crypto_pwhash_str, the algorithm pinned),
 * which travels with the staff record so that one may sign in at any
 * site. After SIGNIN_TRIES failed attempts in a row an account waits
 * before the next, SIGNIN_WAIT_MS the first time and twice as long each
 * time after, up to an hour; a success ends it. The waiting is of this
 * site alone. Every attempt, right or wrong, is on the audit trail
 * (audit.h), never what was typed.
 */
#ifndef ONETEAM_SIGNIN_H
#define ONETEAM_SIGNIN_H

#include <stddef.h>
#include <stdint.h>

#include "oneteam/oneteam.h"

#define SIGNIN_MIN_LEN	10		/* bytes: a passphrase, not a word */
#define SIGNIN_MAX_LEN	1024
#define SIGNIN_TRIES	5
#define SIGNIN_WAIT_MS	(30 * 1000LL)
#define SIGNIN_WAIT_MAX	(60 * 60 * 1000LL)

/*
 * Set the passphrase of a member of staff (len bytes of pass, which the
 * caller wipes) in one transaction: one's own, or anyone's for a
 * coordinator or an administrator. Refused when shorter than
 * SIGNIN_MIN_LEN.
 */
int	 signin_set(struct oneteam *, const struct id *staff,
	     const char *pass, size_t len, char **cause);
/*
 * Does setting staff's passphrase need the one they have now, proven in
 * this command first (ATWORK_PROOF_PASSPHRASE)? For one's own when at
 * work by a session, which a colleague may have found open at the
 * terminal: 1. signin_set() refuses without it; a front end asks it and
 * proves it first.
 */
int	 signin_needs_current(const struct oneteam *, const struct id *staff);
/* The same inside the caller's transaction, whoever is at work. */
int	 signin_set_tx(struct oneteam *, const struct id *staff,
	     const char *pass, size_t len, char **cause);
/*
 * A passphrase gives its member a key (Ed25519): with it, the changes
 * only some may make are signed by their author (op.h, version 3), and
 * every site's fold checks the signature against the key the member's
 * record held at the change's place (authority.c). The record keeps the
 * public key with the passphrase's hash, made by one Argon2id; the
 * secret is made again from the passphrase at each sign-in, and kept by
 * nothing but a session (sealed by its token) and the store while at
 * work (store_set_signer(): signin_check() and signin_verify() set it).
 */
#define SIGNIN_SK_LEN	64
#define SIGNIN_PK_LEN	32
/*
 * The hash signin_set_tx() keeps, made once into hash (SIGNIN_HASH_LEN),
 * for giving many accounts one passphrase (the demo's), and keeping it;
 * sk (SIGNIN_SK_LEN, or NULL) the secret key it makes.
 */
#define SIGNIN_HASH_LEN	192
int	 signin_hash(const char *pass, size_t len, char *hash, uint8_t *sk,
	     char **cause);
/* The public key a kept hash holds: 1 with pk; 0 none (a hash from
 * before keys, NULL, or not one of ours). */
int	 signin_key_of(const char *hash, uint8_t pk[SIGNIN_PK_LEN]);
int	 signin_set_hash_tx(struct oneteam *, const struct id *staff,
	     const char *hash, char **cause);
/* Whether the member of staff has a passphrase: 1, 0, or -1 (cause). */
int	 signin_has(struct oneteam *, const struct id *staff, char **cause);
/*
 * What atwork_decide() asks of an account: whether it has a passphrase,
 * is active, and how long it must wait from now (ms, 0: not at all).
 */
int	 signin_state(struct oneteam *, const struct id *staff, int *has,
	     int *active, int64_t *wait_ms, char **cause);
/*
 * Check a passphrase at ot->now. 0 when it is right (the waiting ends);
 * -1 with *cause when it is wrong, the account has none, is not active,
 * or must wait (*wait_ms, else 0, says how long). Each failure is
 * counted in its own transaction.
 */
int	 signin_check(struct oneteam *, const struct id *staff,
	     const char *pass, size_t len, int64_t *wait_ms, char **cause);

/*
 * Check another's passphrase as signin_check() does, its key added to the
 * one at work's (store_add_signer()): one who signed changes that site
 * recover, or an import letting go of a copy, makes again as they made
 * them, gives it at the terminal.
 */
int	 signin_also(struct oneteam *, const struct id *staff,
	     const char *pass, size_t len, int64_t *wait_ms, char **cause);

/*
 * Check a passphrase as signin_check() does but writing nothing, for a
 * database open for reading: the waiting is honoured, a failure is not
 * counted nor recorded.
 */
int	 signin_verify(struct oneteam *, const struct id *staff,
	     const char *pass, size_t len, char **cause);

/*
 * Sessions of the command line: once signed in (signin_check()), a
 * member of staff is given a token, held by their shell
 * (ONETEAM_SESSION), that stands for the passphrase at the terminal it
 * was opened at (oneteam_terminal()) only, until it goes unused for the
 * idle minutes configured when it opened, or for SIGNIN_SESSION_MAX at
 * most, or is closed, or a new passphrase is set for the account. An
 * ended session is deleted as the next one opens or is used. This site
 * keeps only the token's hash.
 */
#define SIGNIN_TOKEN_HEX	65	/* 64 hex digits and a NUL */
#define SIGNIN_SESSION_MAX	(12 * 60 * 60 * 1000LL)
/* Open one for staff, in its own transaction; the token into token. */
int	 signin_session_open(struct oneteam *, const struct id *staff,
	     char token[SIGNIN_TOKEN_HEX], char **cause);
/*
 * The member of staff of a live session into *staff: 1; 0 when the
 * token is of no session, an ended one, or a disabled account. touch
 * (a database open for writing) marks it used now.
 */
int	 signin_session_find(struct oneteam *, const char *token, int touch,
	     struct id *staff, char **cause);
/* Close a session; closing one that is not there is no error. */
int	 signin_session_close(struct oneteam *, const char *token,
	     char **cause);

#endif
