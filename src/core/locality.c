/*
 * locality.c owns localities: the towns or wards a team serves. A
 * locality is named once and referred to by id everywhere else.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/staff.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

int
locality_lookup(struct oneteam *ot, const char *name, struct id *id,
    char **cause)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "SELECT id FROM locality WHERE name = ?1 "
	    "COLLATE NOCASE ORDER BY created, id LIMIT 1");
	query_bind_text(q, 1, name);
	if ((rc = query_step(q)) == 1)
		*id = query_id(q, 0);
	query_done(q);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	if (rc == 0) {
		store_set_fault(ot->st, STORE_ENOTFOUND);
		xasprintf(cause, "there is no locality called \"%s\"", name);
		return -1;
	}
	return 0;
}

int
locality_ensure(struct oneteam *ot, const char *name, struct id *id,
    char **cause)
{
	struct field	f;
	char		*trimmed;
	int		 rc;

	if (oneteam_text(ot, "locality name", name, ONETEAM_NAME_MAX, 0, 1,
	    &trimmed, cause) != 0)
		return -1;
	if (locality_lookup(ot, trimmed, id, cause) == 0) {
		free(trimmed);
		return 0;
	}
	free(*cause);
	*cause = NULL;
	f.name = "name";
	f.v = val_text(trimmed);
	rc = store_new(ot->st, "locality", &f, 1, id, cause);
	free(trimmed);
	return rc;
}
