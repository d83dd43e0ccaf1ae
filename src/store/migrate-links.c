/*
 * migrate-links.c: what migration 8 does that SQL cannot, to the changes
 * held when it runs (migrate.c): each change's link in its site's chain.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store-private.h"

/* Work out the links of the changes held, origin by origin (op.h). */
int
migrate_links(sqlite3 *db, char **err)
{
	sqlite3_stmt	*sel = NULL, *upd[2] = { NULL, NULL };
	struct op	 op;
	struct op_id	 prev;
	uint8_t		 origin[ID_LEN];
	int64_t		 seq = 0;
	char		*cause = NULL;
	int		 rc, known = 0, t;

	memset(&op, 0, sizeof op);
	op.version = OP_VERSION_1;
	rc = sqlite3_prepare_v2(db, "SELECT origin, seq, id, 0, unicode(enc) "
	    "FROM op UNION ALL SELECT origin, seq, op, 1, unicode(enc) FROM "
	    "quarantine ORDER BY 1, 2", -1, &sel, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "UPDATE op SET link = ?1 WHERE "
		    "origin = ?2 AND seq = ?3", -1, &upd[0], NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "UPDATE quarantine SET link = ?1 "
		    "WHERE origin = ?2 AND seq = ?3", -1, &upd[1], NULL);
	memset(origin, 0, sizeof origin);
	while (rc == SQLITE_OK && (rc = sqlite3_step(sel)) == SQLITE_ROW) {
		if (sqlite3_column_bytes(sel, 0) != ID_LEN ||
		    sqlite3_column_bytes(sel, 2) != OP_ID_LEN) {
			rc = SQLITE_OK;	/* oneteam check reports it */
			continue;
		}
		if (memcmp(origin, sqlite3_column_blob(sel, 0), ID_LEN) != 0) {
			memcpy(origin, sqlite3_column_blob(sel, 0), ID_LEN);
			seq = 0;
			known = 1;
			memset(&prev, 0, sizeof prev);
		}
		/* A gap (or a change held twice): no link is known after. */
		if (sqlite3_column_int64(sel, 1) != seq + 1)
			known = 0;
		seq = sqlite3_column_int64(sel, 1);
		memcpy(op.id.b, sqlite3_column_blob(sel, 2), OP_ID_LEN);
		/* A change of version 2 is its own link (NULL, as made). */
		if (sqlite3_column_int(sel, 4) == OP_VERSION_2) {
			prev = op.id;
			rc = SQLITE_OK;
			continue;
		}
		if (known && op_link(&op, &prev, &prev, &cause) != 0)
			known = 0;
		free(cause);
		cause = NULL;
		t = sqlite3_column_int(sel, 3);
		sqlite3_bind_blob(upd[t], 1, prev.b, known ? OP_ID_LEN : 0,
		    SQLITE_TRANSIENT);
		sqlite3_bind_blob(upd[t], 2, origin, ID_LEN, SQLITE_STATIC);
		sqlite3_bind_int64(upd[t], 3, seq);
		rc = sqlite3_step(upd[t]) == SQLITE_DONE ? SQLITE_OK :
		    SQLITE_ERROR;
		sqlite3_reset(upd[t]);
	}
	sqlite3_finalize(sel);
	sqlite3_finalize(upd[0]);
	sqlite3_finalize(upd[1]);
	if (rc != SQLITE_DONE) {
		*err = sqlite3_mprintf("%s", sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}
