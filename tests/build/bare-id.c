/*
 * A front end reading one family's records: built by tests/build/view.sh,
 * it compiles only when it reads by a view (access.h). Each CASE is a way
 * round the view that must not compile: a reader given the family's bare
 * id, a filter asked for the family's id, a view made by hand. CASE 0
 * reads by a view made by access_view(), and compiles, so that a failure
 * of the others is theirs, not the file's.
 */
#include <stddef.h>

#include "oneteam/access.h"
#include "oneteam/chronology.h"
#include "oneteam/consent.h"
#include "oneteam/contact.h"
#include "oneteam/family.h"
#include "oneteam/flag.h"
#include "oneteam/person.h"
#include "oneteam/referral.h"
#include "oneteam/story.h"

int	front_end_reads(struct oneteam *, const struct id *, char **);

int
front_end_reads(struct oneteam *ot, const struct id *family, char **cause)
{
	struct family_view	*v;
	struct family		 f;
	int			 rc;

	if (access_view(ot, family, NULL, "a test", &v, cause) != 0)
		return -1;
	(void)v;
#if CASE == 0
	rc = family_get(ot, v, &f, cause);
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
	rc = chronology(ot, family, 0, NULL, NULL, cause);
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
#endif
	family_view_close(v);
	(void)f;
	return rc;
}
