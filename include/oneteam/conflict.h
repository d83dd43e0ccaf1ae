/*
 * Conflicts: fields that two or more people changed while apart to
 * different values, so that the field's register holds heads of more than
 * one value (conflict.c). They are derived from the registers, whoever
 * brought the changes, so they are the core's; an import only counts the
 * new ones.
 */
#ifndef ONETEAM_CONFLICT_H
#define ONETEAM_CONFLICT_H

#include <stddef.h>
#include <stdint.h>

#include "oneteam/kinds.h"
#include "oneteam/oneteam.h"

/*
 * What a conflict is, the one rule: a field whose register has heads of
 * more than one value (heads of one value, two people setting the same
 * while apart, are none). An SQL expression over rows of reg, for
 * HAVING: the distinct values among them.
 */
#define CONFLICT_VALUES	"count(DISTINCT quote(value))"

/*
 * A contact corrected at sites apart has more than one current version:
 * a conflict too, on its summary, each version a value (its record the
 * revision); keeping one corrects the contact to it (contact_keep_tx()).
 */
#define CONFLICT_VERSIONS "SELECT contact FROM contact INDEXED BY " \
	"contact_versions WHERE current AND corrects IS NOT NULL GROUP BY " \
	"contact HAVING count(*) > 1"

/*
 * A family whose episodes break the one rule of episodes (kinds.h
 * KINDS_EPISODES_WANTED) after changes made apart, such as closed at one
 * site while stepped down, which opens an episode, at another: a
 * conflict on its "episode", whose values are its two ways to stand
 * (the family as it is, or its episodes as they are). A family with a
 * conflict on its status or level is not one: keeping one of those
 * settles its episodes. A WHERE clause over family, by a small index.
 */
#define CONFLICT_EPISODES "episode_open IS NOT " KINDS_EPISODES_WANTED \
	" AND NOT EXISTS (SELECT 1 FROM reg WHERE entity = family.id AND " \
	"field IN ('status', 'level') GROUP BY field HAVING " \
	CONFLICT_VALUES " > 1) AND NOT " CONFLICT_EPISODE_OLD
/*
 * Nor is a family added at level 4 by a release before this rule, which
 * opened an episode with every family added (the change after the
 * family's, at its site): made so at one site, nothing apart. Its next
 * change of level or status settles it.
 */
#define CONFLICT_EPISODE_OLD "(level IS 4 AND EXISTS (SELECT 1 FROM " \
	"episode e JOIN op oe ON oe.id = e.op JOIN op fo ON fo.id = " \
	"family.op WHERE e.family = family.id AND e.closed IS NULL AND " \
	"oe.origin = fo.origin AND oe.seq = fo.seq + 1))"

/*
 * A referral moved apart at two sites in ways its statuses do not allow
 * together (accepted at one, declined at the other): the fold marks it
 * (kinds.h KINDS_REFERRAL_MOVES), and it is a conflict on its "status",
 * whose values are the statuses that clash. A WHERE clause over
 * referral, by a small index.
 */
#define CONFLICT_MOVES "clash"

/* One value of a field in conflict. */
struct conflict_value {
	const char	*value;		/* as text; NULL for empty */
	const char	*who;
	const char	*site;
	int64_t		 at;
	struct id	 record;	/* a contact's version; zero */
};

/* A field that two or more people changed while apart. */
struct conflict {
	struct id	 entity;
	const char	*etype;
	const char	*field;
	struct id	 family;	/* the family it belongs to, if any */
	const char	*household;
	int		 text;		/* a text field */
	int		 merge;		/* a person may write a merged text
					 * (authority_merge()), not only
					 * keep a value */
	int		 secret;	/* a passphrase: no value is shown
					 * (each NULL), none is chosen */
	size_t		 nvalues;
	struct conflict_value *values;	/* the shown one first */
};

/*
 * Call fn for each conflict, but those of a family whoever is at work
 * may not see (access.h): its values are the family's records. Returns
 * how many were shown, or -1 with *cause. conflict_count() counts all.
 */
int	 conflict_list(struct oneteam *, int (*fn)(const struct conflict *,
	     void *), void *arg, char **cause);
int	 conflict_count(struct oneteam *, char **cause);
/* The reference of the record in conflict ("F-7K2QM") into buf. */
void	 conflict_ref(const struct conflict *, char *buf);
/*
 * Resolve the conflict on field of the record ref: take value number take
 * (from 1, as listed), or, when value is not NULL, a merged text written
 * by the person. expect, when not NULL, is the text of the value taken as
 * it was shown: if an import changed the values since, nothing is done.
 * A change like any other, which supersedes every value.
 */
int	 conflict_resolve(struct oneteam *, const char *ref, const char *field,
	     size_t take, const char *value, const char *expect, char **cause);

/* Whether a field of a record is in conflict: 1 or 0, -1 with *cause. */
int	 conflict_on(struct oneteam *, const struct id *entity,
	     const char *field, char **cause);
/* The conflicts on a family's fields and its records' fields. */
int	 conflict_family_count(struct oneteam *, const struct id *family,
	     char **cause);

#endif
