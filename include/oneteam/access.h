/*
 * Need to know: whoever is at work looks, without saying why, at the
 * families of their own locality and those they work with (they lead
 * it, have recorded a contact with it, or own one of its actions). Any
 * other family is opened by "breaking the glass": saying why, which goes
 * on the audit trail for coordinators to see. With nobody at work there
 * is nobody to ask, and every family is seen: the command line and the
 * screens see to it that somebody is (cli.h CLI_NAMED, the sign-in).
 */
#ifndef ONETEAM_ACCESS_H
#define ONETEAM_ACCESS_H

#include "oneteam/oneteam.h"
#include "oneteam/search.h"

/*
 * May whoever is at work see family without breaking the glass? The one
 * answer to it: the lists that cross families ask the same of each row
 * in SQL kept private to the core (src/core/access-sql.h).
 * 1: it is theirs to see; 0: only by breaking the glass; -1: *cause.
 */
int	 access_may_view(struct oneteam *, const struct id *family,
	     char **cause);
/*
 * Break the glass: record why whoever is at work opens family (a line,
 * required) on the audit trail, in one transaction.
 */
int	 access_break_glass(struct oneteam *, const struct id *family,
	     const char *reason, char **cause);

/*
 * A family looked at: the capability to read one family's records. The
 * functions that read them (family_get, person_list, consent_current,
 * contact_list, story_get, chronology, and the lists of referrals, flags
 * and actions of one family) take a view in place of the family's id;
 * those that read one record by its id (referral_get, flag_get,
 * action_get, person_get, contact_get, referral_history) take the view
 * of its family too, and refuse a record of any other. A view is made
 * only by access_view(), with the look on the audit trail, so that no
 * command nor screen shows a family without its entry: given only a
 * record's reference, a front end opens its family first
 * (oneteam_family_of()), then reads.
 * The C type system is the guard: the type is opaque outside the core
 * (its members are in src/core/read-private.h, with the core's own
 * readers by id, for the rules, the lists across families, the huddle
 * and exports), so a front end can neither make one nor hand an id where
 * a view is asked for. A view is of whoever opened it: read with another
 * at work, it is refused. Kept open across redraws, it is one look.
 */
struct family_view;

/*
 * Record that whoever is at work is shown family (detail: what shows it,
 * "family show"), before it is: for a family outside their work, only
 * with reason, the glass broken in the same transaction as the view.
 * The view in *view, to be closed with family_view_close(); refused or
 * not recorded, no view.
 */
int	 access_view(struct oneteam *, const struct id *family,
	     const char *reason, const char *detail, struct family_view **view,
	     char **cause);
/*
 * A view of the family of item position (from 1) of huddle, while it
 * runs: the huddle is the team looking at its agenda together, recorded
 * as such (its minutes), and no entry of its own is added for a look at
 * one of its items, as before views were asked for. Only of a family
 * whoever is at work may see (access_may_view()): one that moved out of
 * their locality since the huddle began is refused.
 */
int	 access_huddle_view(struct oneteam *, const struct id *huddle,
	     int position, struct family_view **view, char **cause);
/* The family a view is of. */
const struct id *family_view_family(const struct family_view *);
/* Close a view (NULL: nothing). */
void	 family_view_close(struct family_view *);

/*
 * Before a change to a family's records (a contact recorded or
 * corrected, an action, a person, the story, consent, a referral, the
 * family itself): whoever is at work must see it already, or have
 * broken the glass for it today, or give reason (a line) to break it
 * now, inside the caller's transaction. Otherwise refused, so that
 * writing to a family is never a way round asking why (a contact or an
 * action would make it one's own) nor of learning its people's names.
 * Raising a red flag is the exception: anyone may (flag.c).
 *
 * access_need_write_why() is for the changes that take the reason
 * themselves (a contact, an action): its refusal names the field
 * "reason". access_need_write() is for the others, whose refusal says
 * to open the family first, with its reason, and names no field of
 * the change, whose own "reason" (if it has one) is another thing.
 */
int	 access_need_write_why(struct oneteam *, const struct id *family,
	     const char *reason, char **cause);
int	 access_need_write(struct oneteam *, const struct id *family,
	     char **cause);

/*
 * Search (search.h) as whoever is at work needs to know: a family outside
 * their work is found by what names it (household, people, address,
 * postcode, reference) and marked outside, never by its notes, whose
 * words are not theirs to read.
 */
int	 access_search(struct oneteam *, const char *text, size_t limit,
	     int (*fn)(const struct search_hit *, void *), void *arg,
	     char **cause);

#endif
