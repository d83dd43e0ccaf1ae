/*
 * preview.c: a look at a bundle before it is imported, for the Sync
 * screen: what its header says (who sent it, when, for whom), whether it
 * was imported here before, and, at a site of its team, whether an import
 * would take it and what it brings that this site lacks. The bundle is
 * read with the team key and checked by the import's own first pass
 * (import.c), so "it would be taken" is the import's word, not a guess;
 * nothing is written.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "oneteam/kinds.h"
#include "oneteam/xmalloc.h"
#include "sync-private.h"

struct preview_arg {
	struct oneteam		*ot;
	struct bundle_preview	*pv;
	int			 failed;	/* the database's */
};

/* Add id to the set v of *n, if it is not there. */
static void
preview_note(struct id **v, size_t *n, const struct id *id)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if (id_cmp(&(*v)[i], id) == 0)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = *id;
}

/* One change checked: counted, if this site lacks it. */
static void
preview_each(const struct op *op, int taken, void *arg)
{
	struct preview_arg	*a = arg;
	struct bundle_preview	*pv = a->pv;
	const struct kind	*k;
	int64_t			 made;
	int			 rc;

	if ((rc = import_held(a->ot, op)) < 0)
		a->failed = 1;
	if (rc != 0) {
		pv->held++;
		return;
	}
	if (!taken) {
		pv->not_yet++;
		return;
	}
	pv->fresh++;
	made = op->wall != 0 ? op->wall : (int64_t)(op->hlc >> 16);
	if (pv->first == 0 || made < pv->first)
		pv->first = made;
	if (made > pv->last)
		pv->last = made;
	preview_note(&pv->origins, &pv->norigins, &op->origin);
	if (!id_is_zero(&op->author))
		preview_note(&pv->authors, &pv->nauthors, &op->author);
	if (op->opaque || (k = kinds_get(op->etype)) == NULL) {
		pv->later++;
		return;
	}
	if (op->kind == OP_NEW)
		pv->kinds[kinds_index(k)].added++;
	else
		pv->kinds[kinds_index(k)].changed++;
}

int
bundle_preview(struct oneteam *ot, const char *path,
    const struct sync_progress *p, struct bundle_preview *pv, char **cause)
{
	struct preview_arg	 a = { ot, pv, 0 };
	struct team_info	 ti;
	struct bundle_reader	 r;
	struct fork_names	 names = { NULL, 0 };
	enum store_fault	 fault = store_fault(ot->st);
	uint8_t			*key;
	int			 rc;

	memset(pv, 0, sizeof *pv);
	if (bundle_info(path, &pv->h, cause) != 0)
		return -1;
	pv->seen = sync_bundle_seen(ot, &pv->h.bundle);
	if ((rc = team_get(ot, &ti, cause)) < 0) {
		bundle_preview_free(pv);
		return -1;
	}
	if (rc == 0)
		return 0;	/* the header alone: no team to read it with */
	if ((key = sodium_malloc(TEAM_KEY_LEN)) == NULL)
		fatal("out of memory");
	pv->kinds = xcalloc(kinds_count(), sizeof *pv->kinds);
	pv->checked = 1;
	if (team_key_load(ot, &ti, key, &pv->why) == 0) {
		if (bundle_read_open(&r, path, &pv->why) == 0 &&
		    import_fits(ot, &ti, &r, &pv->why) == 0) {
			bundle_read_close(&r);
			if (import_check(ot, path, key, p, &names, preview_each,
			    &a, &pv->why) != 0 && pv->why == NULL)
				oneteam_db_fail(ot, &pv->why);
		} else
			bundle_read_close(&r);
	}
	sodium_free(key);
	fork_names_free(&names);
	/* A look: what the import would refuse is said, not a fault. */
	store_set_fault(ot->st, fault);
	if (a.failed) {
		bundle_preview_free(pv);
		return oneteam_db_fail(ot, cause);
	}
	return 0;
}

void
bundle_preview_free(struct bundle_preview *pv)
{
	bundle_head_free(&pv->h);
	free(pv->why);
	free(pv->kinds);
	free(pv->origins);
	free(pv->authors);
	memset(pv, 0, sizeof *pv);
}
