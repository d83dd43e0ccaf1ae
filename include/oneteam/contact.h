/*
 * Contacts: every recorded interaction with a family (a home visit, a
 * phone call, a clinic, a "not brought" appointment): when, who recorded
 * it, what kind, where, which people of the family were seen, what
 * happened and what next (a follow-up date). A contact may be planned
 * before it happens.
 *
 * Case recording is a legal record, so a contact is never edited in
 * place: each contact is a chain of revisions, and a correction is a new
 * revision naming the one it corrects. The old one is kept and can be
 * listed. Marking a planned contact as done is a correction too.
 */
#ifndef ONETEAM_CONTACT_H
#define ONETEAM_CONTACT_H

#include <stdint.h>

#include "oneteam/access.h"
#include "oneteam/oneteam.h"

/* How far ahead of the clock a contact that happened may be (clocks
 * differ between laptops, and people round up). */
#define CONTACT_SLACK_MS	(5 * 60 * 1000)

/*
 * One revision of a contact, as contact_get() and contact_list() give it.
 * versions counts the current revisions of the contact: more than 1 when
 * it was corrected at two sites while apart.
 */
struct contact {
	struct id	 id;		/* the contact: its first revision */
	char		 ref[ID_REF_MAX];	/* "C-XXXXX" of the contact */
	struct id	 revision_id;	/* this revision */
	int		 revision;	/* 1 the first, 2 its correction... */
	int		 current;	/* no revision corrects this one */
	int		 versions;
	struct id	 family;
	int64_t		 at;		/* when it happened or will, ms */
	char		*kind;		/* code of the contact kinds list */
	char		*venue;		/* or NULL */
	char		*seen_ids;	/* base32 person ids, "," between */
	char		*seen;		/* their names, ", " between */
	char		*summary;	/* or NULL (planned) */
	char		*follow_up;	/* ISO date or NULL */
	int		 planned;
	struct id	 recorded_by;
	char		*recorded_by_name;
	int64_t		 recorded;	/* when this revision was made, ms */
};

/*
 * What a person gives to record a contact: texts as typed, NULL if not
 * given. kind is required; at is a moment as time_parse() reads it (NULL:
 * now); seen lists people of the family, comma-separated, by P- reference
 * or name; summary (several lines allowed) is required unless planned;
 * follow_up is a date.
 */
struct contact_new {
	const char	*kind;
	const char	*at;
	const char	*venue;
	const char	*seen;
	const char	*summary;
	const char	*follow_up;
	int		 planned;	/* it has not happened yet */
	const char	*reason;	/* why, for a family outside one's
					 * work (access_need_write()) */
};

/*
 * A correction: each field not NULL replaces that of the current revision
 * ("" clears venue, seen and follow_up, and the summary of a planned contact).
 * done marks a planned contact as having happened; it then needs a summary.
 */
struct contact_change {
	const char	*at;
	const char	*kind;
	const char	*venue;
	const char	*seen;
	const char	*summary;
	const char	*follow_up;
	int		 done;
};

/*
 * Record a contact with a family in one transaction; its id in *contact.
 * Refuses a contact that happened in the future, a follow-up before the
 * contact's day, a done contact with no summary, and anyone seen who is
 * not of the family.
 */
int	 contact_add(struct oneteam *, const struct id *family,
	     const struct contact_new *, struct id *contact, char **cause);

/*
 * Correct a contact: copy its current revision, apply the changes and
 * record the result as a new revision that names the one it corrects, in
 * one transaction. Refuses a correction that changes nothing.
 *
 * If the contact has more than one current revision (corrected at sites
 * apart), the changes are applied to the newest and the correction takes
 * the place of them all (a revision names the one it corrects and one it
 * merges), and *note (when note is not NULL) is set to a message that
 * says so. Otherwise *note is NULL. The caller frees *note.
 */
int	 contact_correct(struct oneteam *, const struct id *contact,
	     const struct contact_change *, char **note, char **cause);
/*
 * Of a contact corrected at sites apart (a conflict, conflict.h), keep
 * the current revision revision as it is: a correction with its content
 * takes the place of every version, inside the caller's transaction.
 */
int	 contact_keep_tx(struct oneteam *, const struct id *contact,
	     const struct id *revision, char **cause);

/*
 * Read the current revision of a contact (the newest if there are two) of
 * the family of a view (access.h); one of another family is refused,
 * naming it.
 */
int	 contact_get(struct oneteam *, const struct family_view *,
	     const struct id *contact, struct contact *, char **cause);
/* Free what a contact holds and zero it. */
void	 contact_clear(struct contact *);

/*
 * Call fn for the contacts of the family of a view (access.h), newest first:
 * the current revisions, or with all_revisions every revision, each contact's
 * together, newest revision first. fn returns non-zero to stop. Returns -1
 * with *cause.
 */
int	 contact_list(struct oneteam *, const struct family_view *,
	     int all_revisions, int (*fn)(const struct contact *, void *),
	     void *arg, char **cause);

#endif
