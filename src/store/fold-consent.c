/*
 * fold-consent.c owns a family's consent as the fold keeps it: in
 * family.consent, the id of the consent record that stands, the latest by
 * date, then by the hybrid clock of the operation that recorded it (finer
 * than the millisecond kept in created), then by id, so that every
 * replica agrees. It is the one place that says which decision stands:
 * consent.c, the lists and the huddle read the column. What the states
 * mean is consent.c's.
 */
#include <string.h>

#include "store-private.h"

/*
 * After a consent record, work out its family's again; after a new
 * family, its own, for its consent may have come first from another site.
 * Records of consent are never changed, so only their creation counts.
 */
int
fold_consent(struct store *st, const struct op *op, char **cause)
{
	struct query	*q;
	size_t		 i;

	if (op->kind != OP_NEW)
		return 0;
	/* A record undone is gone: its making names its family. */
	if (st->undoing && strcmp(op->etype, "consent") == 0) {
		for (i = 0; i < op->nfields; i++)
			if (strcmp(op->fields[i].name, "family") == 0 &&
			    op->fields[i].v.type == VAL_ID)
				break;
		if (i == op->nfields)
			return 0;
		q = query_prepare(st, "UPDATE family SET " FOLD_CONSENT_SQL
		    " WHERE id = ?1");
		query_bind_id(q, 1, &op->fields[i].v.id);
		return fold_exec(st, q, cause);
	}
	q = query_prepare(st, strcmp(op->etype, "consent") == 0 ?
	    "UPDATE family SET " FOLD_CONSENT_SQL " WHERE id = "
	    "(SELECT family FROM consent WHERE id = ?1)" :
	    "UPDATE family SET " FOLD_CONSENT_SQL " WHERE id = ?1");
	query_bind_id(q, 1, &op->entity);
	return fold_exec(st, q, cause);
}
