/*
 * The core's own: what a view of a family is (access.h keeps it opaque to
 * the front ends), and the readers of one family's records by its id, for
 * the core's rules (the referral's consent), the huddle and exports, which
 * record their own entries or none. The front ends (src/cli, src/tui)
 * never include this header: they read a family through a view, made by
 * access_view() with the look on the audit trail.
 */
#ifndef ONETEAM_READ_PRIVATE_H
#define ONETEAM_READ_PRIVATE_H

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

/* Made by access.c alone, with the look on the audit trail. */
struct family_view {
	struct oneteam	*ot;		/* the core it was opened on */
	struct id	 family;
	struct id	 who;		/* who opened it */
};

/*
 * The family of view, if it may be read by whoever is at work now (who
 * opened it, on the core it was opened on); else NULL with *cause.
 */
const struct id	*access_viewed(struct oneteam *, const struct family_view *,
		     char **cause);

/*
 * May the record id of kind (kinds.h) be read by view: is it of the
 * family of view, which whoever is at work may read (access_viewed())?
 * Asked of the record's family alone, before anything else of it is
 * read. 0; else -1 with *cause naming the record ("R-7K2QM4 is not of
 * the family open"), or saying there is no such record.
 */
int		 access_record(struct oneteam *, const struct family_view *,
		     const char *kind, const struct id *id, char **cause);

/*
 * Each as its public form (family.h, person.h, consent.h, contact.h,
 * story.h, referral.h, flag.h, action.h, chronology.h) but by the
 * family's id, or the record's, with no view asked: for the core alone,
 * which records its own entries (an export), shows nothing (a rule, a
 * decision of the huddle) or reads the record a change is of.
 */
int	 family_get_core(struct oneteam *, const struct id *family,
	     struct family *, char **cause);
int	 person_get_core(struct oneteam *, const struct id *person,
	     struct person *, char **cause);
int	 person_list_core(struct oneteam *, const struct id *family, int all,
	     int (*fn)(const struct person *, void *), void *arg,
	     char **cause);
int	 consent_current_core(struct oneteam *, const struct id *family,
	     struct consent *, int *found, char **cause);
int	 consent_list_core(struct oneteam *, const struct id *family,
	     int (*fn)(const struct consent *, void *), void *arg,
	     char **cause);
int	 contact_get_core(struct oneteam *, const struct id *contact,
	     struct contact *, char **cause);
int	 contact_list_core(struct oneteam *, const struct id *family,
	     int all, int (*fn)(const struct contact *, void *), void *arg,
	     char **cause);
int	 story_get_core(struct oneteam *, const struct id *family,
	     enum story_section, int (*fn)(const struct story_rev *, void *),
	     void *arg, char **cause);
int	 story_history_core(struct oneteam *, const struct id *family,
	     enum story_section, int (*fn)(const struct story_rev *, void *),
	     void *arg, char **cause);
int	 referral_get_core(struct oneteam *, const struct id *referral,
	     struct referral *, char **cause);
/* The referrals of filter, of family (NULL: every family one sees); the
 * filter's view is not looked at. */
int	 referral_list_core(struct oneteam *, const struct id *family,
	     const struct referral_filter *,
	     int (*fn)(const struct referral *, void *), void *arg,
	     char **cause);
int	 referral_history_core(struct oneteam *, const struct id *referral,
	     int (*fn)(const struct referral_event *, void *), void *arg,
	     char **cause);
int	 flag_get_core(struct oneteam *, const struct id *flag,
	     struct flag *, char **cause);
int	 flag_list_core(struct oneteam *, const struct id *family, int all,
	     int (*fn)(const struct flag *, void *), void *arg, char **cause);
/*
 * The first active red flag of high severity of a family, its words
 * (label, else code) into *label to be freed: 1; 0 when there is none;
 * -1 with *cause. A serious concern open: nothing is left as it was in
 * silence (the huddle's no change) nor closed while it is.
 */
int	 flag_high_active(struct oneteam *, const struct id *family,
	     char **label, char **cause);
int	 action_get_core(struct oneteam *, const struct id *action,
	     struct action *, char **cause);
/* The actions of filter, of family (NULL: every family and none); the
 * filter's view is not looked at. */
int	 action_list_core(struct oneteam *, const struct id *family,
	     const struct action_filter *,
	     int (*fn)(const struct action *, void *), void *arg,
	     char **cause);
int	 chronology_core(struct oneteam *, const struct id *family,
	     int reverse, const struct chron_filter *,
	     int (*fn)(const struct chron_event *, void *), void *arg,
	     char **cause);

/*
 * Finding a person of a family by what was typed, for the changes that
 * name one (contact, referral, red flag): its refusals name the family's
 * people, so it is the core's alone, never a front end's.
 */
#define PERSON_FIND_CURRENT	0x01	/* by name, only those still there */

/*
 * Find a person of the family by what was typed: a P- reference (refused
 * when it is someone of another family), a full name (any case), or an
 * unambiguous start of the name or of a word of it. People still in the
 * household are preferred to archived ones; with PERSON_FIND_CURRENT a
 * name finds only them (a referral or a red flag is about someone still
 * there), while a P- reference still names anyone of the family. Returns
 * -1 with *cause ("there is nobody called \"Zara\" in F-7K2QM", "\"A\"
 * could be Amira Khan or Ali Khan: give more of the name").
 */
int	 person_find_in_family(struct oneteam *, const struct id *family,
	     const char *text, int flags, struct id *id, char **cause);

#endif
