/*
 * A front end reading one family's records: built by tests/build/view.sh,
 * it compiles only when it reads by a view (access.h). Each CASE is a way
 * round the view that must not compile: a reader given the family's bare
 * id, a reader of one record given the record's id alone, a filter asked
 * for the family's id, a view made by hand. CASE 0 reads by a view made
 * by access_view(), and compiles, so that a failure of the others is
 * theirs, not the file's.
 */
#include <stddef.h>

#include "oneteam/access.h"
#include "oneteam/action.h"
#include "oneteam/chronology.h"
#include "oneteam/consent.h"
#include "oneteam/contact.h"
#include "oneteam/family.h"
#include "oneteam/flag.h"
#include "oneteam/person.h"
#include "oneteam/referral.h"
#include "oneteam/story.h"

int	front_end_reads(struct oneteam *, const struct id *,
	    const struct id *, char **);

int
front_end_reads(struct oneteam *ot, const struct id *family,
    const struct id *record, char **cause)
{
	struct family_view	*v;
	struct family		 f;
	struct referral		 r;
	struct flag		 g;
	struct action		 a;
	struct person		 p;
	struct contact		 c;
	int			 rc;

	if (access_view(ot, family, NULL, "a test", &v, cause) != 0)
		return -1;
	(void)v;
	(void)record;
#if CASE == 0
	rc = family_get(ot, v, &f, cause);
	rc = referral_get(ot, v, record, &r, cause);
	rc = flag_get(ot, v, record, &g, cause);
	rc = action_get(ot, v, record, &a, cause);
	rc = person_get(ot, v, record, &p, cause);
	rc = contact_get(ot, v, record, &c, cause);
#elif CASE == 1
	rc = family_get(ot, family, &f, cause);
#elif CASE == 2
	rc = person_list(ot, family, 0, NULL, NULL, cause);
#elif CASE == 3
	{
		struct consent	c;
		int		found;

		rc = consent_current(ot, family, &c, &found, cause);
	}
#elif CASE == 4
	rc = contact_list(ot, family, 0, NULL, NULL, cause);
#elif CASE == 5
	rc = story_get(ot, family, STORY_OUR_FAMILY, NULL, NULL, cause);
#elif CASE == 6
	rc = chronology(ot, family, 0, NULL, NULL, NULL, cause);
#elif CASE == 7
	rc = flag_list(ot, family, 0, NULL, NULL, cause);
#elif CASE == 8
	{
		struct referral_filter	rf = { .family = family };

		rc = referral_list(ot, &rf, NULL, NULL, cause);
	}
#elif CASE == 9
	{
		struct family_view	forged;

		rc = family_get(ot, &forged, &f, cause);
	}
#elif CASE == 10
	rc = referral_get(ot, record, &r, cause);
#elif CASE == 11
	rc = flag_get(ot, record, &g, cause);
#elif CASE == 12
	rc = action_get(ot, record, &a, cause);
#elif CASE == 13
	rc = person_get(ot, record, &p, cause);
#elif CASE == 14
	rc = contact_get(ot, record, &c, cause);
#endif
	family_view_close(v);
	(void)f;
	(void)r;
	(void)g;
	(void)a;
	(void)p;
	(void)c;
	return rc;
}
