/*
 * verify.c: everything checked again when asked (audit verify, on the
 * command line or the Audit screen): the audit trail and every chain
 * (audit.c), then the signed heads held (trust.c keeps them), and the
 * evidence of any site found to have signed two histories.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sync-private.h"
#include "oneteam/admission.h"
#include "oneteam/audit.h"
#include "oneteam/date.h"
#include "oneteam/xmalloc.h"

/* Report each site found to have signed two histories: 0 or how many. */
static int
trust_forks_report(struct oneteam *ot, const struct team_info *ti,
    void (*report)(const char *, void *), void *arg)
{
	struct bundle_has	 e;
	struct query		*q;
	struct id		 origin, sender;
	const void		*p;
	char			*name, *from, *line, when[32];
	size_t			 n;
	int			 rc, problems = 0, signed_ok;

	q = query_prepare(ot->st, "SELECT origin, seq, head_seq, head_link, "
	    "head_sig, head_key, sender, found FROM evidence WHERE mended IS "
	    "NULL ORDER BY found, origin, seq");
	while ((rc = query_step(q)) == 1) {
		origin = query_id(q, 0);
		memset(&e, 0, sizeof e);
		e.origin = origin;
		signed_ok = 0;
		if (!query_is_null(q, 2)) {
			e.seq = (uint64_t)query_int(q, 2);
			if ((p = query_blob(q, 3, &n)) != NULL &&
			    n == sizeof e.link)
				memcpy(e.link, p, n);
			if ((p = query_blob(q, 4, &n)) != NULL &&
			    n == sizeof e.sig)
				memcpy(e.sig, p, n);
			if ((p = query_blob(q, 5, &n)) != NULL &&
			    n == sizeof e.key)
				memcpy(e.key, p, n);
			signed_ok = bundle_head_verify(&ti->team, &e) == 0;
		}
		sender = query_id(q, 6);
		name = site_label(ot->st, &origin);
		from = site_label(ot->st, &sender);
		time_format(query_int(q, 7), when, sizeof when);
		xasprintf(&line, "changes of %s: two different changes numbered "
		    "%lld, the one held here and another in a bundle from %s, "
		    "refused on %s (%s): its history was forked, or its "
		    "database copied or put back", name,
		    (long long)query_int(q, 1), from, when, signed_ok ?
		    "its head over the other, signed with its key, is kept" :
		    "the other's head is kept");
		report(line, arg);
		problems++;
		free(line);
		free(name);
		free(from);
	}
	query_done(q);
	return rc < 0 ? -1 : problems;
}

/*
 * The sites admitted as they were when the team got its root, whose
 * history held here is not the one the root held (another came here
 * first: made in their name): reported, how many, or -1.
 */
static int
trust_pins_report(struct oneteam *ot, void (*report)(const char *, void *),
    void *arg)
{
	struct query	*q;
	struct op_id	 link;
	struct id	 origin;
	uint8_t		 pin[32];
	int64_t		 last;
	char		*name, *line;
	int		 rc, problems = 0;

	q = query_prepare(ot->st, "SELECT DISTINCT site FROM admission WHERE "
	    "what = 'admitted' AND link IS NOT NULL");
	while ((rc = query_step(q)) == 1) {
		origin = query_id(q, 0);
		if (admission_pin(ot->st, &origin, &last, pin) != 1 ||
		    store_link(ot->st, &origin, (uint64_t)last, &link) != 1 ||
		    sodium_memcmp(link.b, pin, sizeof pin) == 0)
			continue;
		name = site_label(ot->st, &origin);
		xasprintf(&line, "changes of %s: those to %lld held here are "
		    "not the ones the team's root held when it got its root; "
		    "another history in its name came here first, and is taken "
		    "only as an admitted site's: set this site up again from a "
		    "bundle of the root's (oneteam init, team join)", name,
		    (long long)last);
		report(line, arg);
		problems++;
		free(line);
		free(name);
	}
	query_done(q);
	return rc < 0 ? -1 : problems;
}

int
sync_verify(struct oneteam *ot, void (*report)(const char *, void *),
    void *arg, char **cause)
{
	struct team_info	 ti;
	struct bundle_has	 e;
	struct query		*q;
	struct op_id		 link;
	struct id		 origin;
	const char		*why;
	char			*name, *line;
	int			 rc, problems = 0;

	if ((rc = team_get(ot, &ti, cause)) <= 0)
		return rc;
	if (store_begin_read(ot->st, cause) != 0)
		return -1;
	q = query_prepare(ot->st, "SELECT origin FROM head ORDER BY origin");
	while ((rc = query_step(q)) == 1) {
		origin = query_id(q, 0);
		memset(&e, 0, sizeof e);
		if (trust_head_get(ot, &origin, &e) != 1)
			continue;
		why = NULL;
		if (bundle_head_verify(&ti.team, &e) != 0)
			why = "the head it signed, held here, is not its key's "
			    "signature: it was altered here";
		else if (store_link(ot->st, &origin, e.seq, &link) != 1 ||
		    sodium_memcmp(link.b, e.link, sizeof e.link) != 0)
			why = "the changes it signed are not those held here: "
			    "its history was rewritten or cut here";
		if (why == NULL)
			continue;
		name = site_label(ot->st, &origin);
		xasprintf(&line, "changes of %s: %s (its head at %llu)", name,
		    why, (unsigned long long)e.seq);
		report(line, arg);
		problems++;
		free(line);
		free(name);
	}
	query_done(q);
	if (rc == 0 && (rc = trust_forks_report(ot, &ti, report, arg)) > 0) {
		problems += rc;
		rc = 0;
	}
	if (rc == 0 && (rc = trust_pins_report(ot, report, arg)) > 0) {
		problems += rc;
		rc = 0;
	}
	store_rollback(ot->st);
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	return problems;
}

int
sync_verify_all(struct oneteam *ot, void (*report)(const char *, void *),
    void *arg, struct audit_tally *tally, char **cause)
{
	int	trail, heads;

	if ((trail = audit_verify(ot, report, arg, tally, cause)) < 0 ||
	    (heads = sync_verify(ot, report, arg, cause)) < 0)
		return -1;
	return trail + heads;
}
