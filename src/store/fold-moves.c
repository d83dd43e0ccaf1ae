/*
 * fold-moves.c owns a referral's clash: whether its events, in the fold's
 * order (when it happened, when recorded, id), make a move of status the
 * rule does not allow (kinds.h KINDS_REFERRAL_MOVES), as two sites moving
 * it apart do (accepted at one, declined at the other). Each event in such
 * a move is marked (referral_event.clash), and the referral (clash), for
 * the conflicts queue to list.
 *
 * The same status recorded twice (the service rang both sites) is no
 * move. An event that settles a clash names what its site held: a digest
 * of its events then (store_referral_seen()), all but settlings of the
 * same status, which two sites keeping the same made apart. When the
 * events before it here are those, everything before it is settled;
 * when they are not (a withdrawal recorded at a third site, a completion
 * meanwhile, another settling the other way), it clashes with all since
 * the last settling that stands, so that nothing is settled unseen.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store-private.h"
#include "oneteam/kinds.h"
#include "oneteam/xmalloc.h"

struct move {
	struct id	 id;
	char		*status;
	struct id	 settles;	/* zero: an ordinary move */
	int		 clash;
};

/* May a referral move from a to b? 1, 0, -1. */
static int
fold_move_allowed(struct store *st, const char *a, const char *b)
{
	struct query	*q;
	int		 rc;

	if (strcmp(a, b) == 0)
		return 1;
	q = query_prepare(st, "SELECT (?1, ?2) IN (" KINDS_REFERRAL_MOVES ")");
	query_bind_text(q, 1, a);
	query_bind_text(q, 2, b);
	if ((rc = query_step(q)) == 1)
		rc = query_int(q, 0) != 0;
	query_done(q);
	return rc;
}

/* The referral's events in the fold's order, into *m. 0, or -1. */
static int
fold_moves_read(struct store *st, const struct id *referral, struct move **m,
    size_t *n)
{
	struct query	*q;
	int		 rc;

	*m = NULL;
	*n = 0;
	q = query_prepare(st, "SELECT id, coalesce(status, ''), settles, "
	    "clash FROM referral_event WHERE referral = ?1 ORDER BY at, "
	    "created, id");
	query_bind_id(q, 1, referral);
	while ((rc = query_step(q)) == 1) {
		*m = xreallocarray(*m, *n + 1, sizeof **m);
		(*m)[*n].id = query_id(q, 0);
		(*m)[*n].status = query_text_dup(q, 1);
		(*m)[*n].settles = query_id(q, 2);
		(*m)[*n].clash = (int)query_int(q, 3);
		(*n)++;
	}
	query_done(q);
	return rc < 0 ? -1 : 0;
}

/* The digest of the events m[0 .. n - 1] a settling of status covers:
 * all but the settlings of that same status. */
static void
fold_moves_digest(const struct move *m, size_t n, const char *status,
    struct id *digest)
{
	crypto_generichash_state	h;
	size_t				i;

	crypto_generichash_init(&h, NULL, 0, ID_LEN);
	for (i = 0; i < n; i++)
		if (id_is_zero(&m[i].settles) ||
		    strcmp(m[i].status, status) != 0)
			crypto_generichash_update(&h, m[i].id.b, ID_LEN);
	crypto_generichash_final(&h, digest->b, ID_LEN);
}

/* Does the settling m[i] name the events before it here? */
static int
fold_moves_seen(const struct move *m, size_t i)
{
	struct id	d;

	fold_moves_digest(m, i, m[i].status, &d);
	return id_cmp(&d, &m[i].settles) == 0;
}

/* Which events clash, into want (one for each of m). 0, or -1. */
static int
fold_moves_judge(struct store *st, const struct move *m, size_t n, int *want)
{
	size_t	i, j, last = 0;
	int	ok;

	/* Settled: every event before the last settling that saw them. */
	for (i = n; i-- > 1; )
		if (!id_is_zero(&m[i].settles) && fold_moves_seen(m, i)) {
			last = i;
			break;
		}
	memset(want, 0, n * sizeof *want);
	/* The first raised it: no move. */
	for (i = last + 1; i < n; i++) {
		if (!id_is_zero(&m[i].settles)) {
			/* It did not see them all: it and all since. */
			for (j = last > 0 ? last : 1; j <= i; j++)
				want[j] = 1;
			continue;
		}
		if ((ok = fold_move_allowed(st, m[i - 1].status,
		    m[i].status)) < 0)
			return -1;
		if (!ok)
			want[i - 1] = want[i] = 1;
	}
	return 0;
}

int
store_referral_seen(struct store *st, const struct id *referral,
    const char *status, struct id *digest)
{
	struct move	*m;
	size_t		 n, i;

	if (fold_moves_read(st, referral, &m, &n) != 0)
		return -1;
	fold_moves_digest(m, n, status, digest);
	for (i = 0; i < n; i++)
		free(m[i].status);
	free(m);
	return 0;
}

int
fold_referral_clash(struct store *st, const struct id *referral,
    char **cause)
{
	struct query	*q;
	struct move	*m;
	size_t		 n, i;
	int		*want, any = 0, rc = 0;

	if (fold_moves_read(st, referral, &m, &n) != 0)
		return fold_fail(st, cause);
	want = xcalloc(n + 1, sizeof *want);
	if (fold_moves_judge(st, m, n, want) != 0)
		rc = fold_fail(st, cause);
	for (i = 0; rc == 0 && i < n; i++) {
		any |= want[i];
		if (want[i] == m[i].clash)
			continue;
		q = query_prepare(st, "UPDATE referral_event SET clash = ?2 "
		    "WHERE id = ?1");
		query_bind_id(q, 1, &m[i].id);
		query_bind_int(q, 2, want[i]);
		rc = fold_exec(st, q, cause);
	}
	if (rc == 0) {
		q = query_prepare(st, "UPDATE referral SET clash = ?2 WHERE id = "
		    "?1 AND clash IS NOT ?2");
		query_bind_id(q, 1, referral);
		query_bind_int(q, 2, any);
		rc = fold_exec(st, q, cause);
	}
	for (i = 0; i < n; i++)
		free(m[i].status);
	free(m);
	free(want);
	return rc;
}
