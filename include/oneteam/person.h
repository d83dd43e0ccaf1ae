/*
 * People in a family: the children, parents, carers and other adults of a
 * household. A person belongs to one family for good; one who leaves the
 * household is archived, never deleted, so what was recorded about them
 * stays readable. Other modules of the core name a person of a family
 * through person_find_in_family() of read-private.h ("who was seen",
 * "which child is referred").
 */
#ifndef ONETEAM_PERSON_H
#define ONETEAM_PERSON_H

#include <stddef.h>
#include <stdint.h>

#include "oneteam/access.h"
#include "oneteam/oneteam.h"

/* Markers, a bit each in struct person's markers. */
#define PERSON_SEND		0x01	/* educational needs, disability */
#define PERSON_YOUNG_CARER	0x02
#define PERSON_LOOKED_AFTER	0x04	/* in the care of the council */
#define PERSON_CP_PLAN		0x08	/* on a child protection plan */
#define PERSON_MARKERS		0x0f

/* The relationship whose date of birth is the due date, in the future. */
#define PERSON_UNBORN		"unborn_baby"

struct person {
	struct id	 id;
	char		 ref[ID_REF_MAX];
	struct id	 family;
	char		*name;
	char		*dob;		/* ISO date or NULL; unborn: due date */
	char		*relationship;	/* code of the relationships list */
	char		*school;	/* school or early years setting */
	char		*gp;		/* GP practice */
	int		 markers;	/* PERSON_SEND | ... */
	int		 archived;	/* has left the household */
	int64_t		 created;
	struct id	 created_by;
};

/* What a person gives to add someone; texts as typed, NULL if not given. */
struct person_new {
	const char	*name;		/* required */
	const char	*dob;		/* a date: 4/5/2021, 2021-05-04 */
	const char	*relationship;	/* code or label: "mother", "Child" */
	const char	*school;
	const char	*gp;
	int		 markers;
};

/*
 * A change to a person: each text not NULL is changed ("" clears the
 * optional ones); markers_on are set and markers_off cleared; archive is
 * 1 to archive (left the household), -1 to bring back, 0 to leave.
 */
struct person_change {
	const char	*name;
	const char	*dob;
	const char	*relationship;
	const char	*school;
	const char	*gp;
	int		 markers_on;
	int		 markers_off;
	int		 archive;
};

/*
 * Add a person to a family in one transaction; their id in *id. A closed
 * family takes people too (families reopen). Refuses a second person of
 * the same name and date of birth still in the household.
 */
int	 person_add(struct oneteam *, const struct id *family,
	     const struct person_new *, struct id *id, char **cause);
/* The same inside a transaction the caller holds. */
int	 person_add_tx(struct oneteam *, const struct id *family,
	     const struct person_new *, struct id *id, char **cause);
/* Change a person in one transaction: all of the change or none. */
int	 person_change(struct oneteam *, const struct id *,
	     const struct person_change *, char **cause);
/*
 * Read a person of the family of a view (access.h); -1 with *cause ("no
 * such person") if there is none, or naming one of another family.
 */
int	 person_get(struct oneteam *, const struct family_view *,
	     const struct id *, struct person *, char **cause);
/* Free what person_get() or person_list() filled in. */
void	 person_clear(struct person *);

/*
 * Call fn for the people of the family of a view (access.h), children first
 * (under 18, or of a child's relationship when the date of birth is not
 * known), eldest child first, then the adults by name; archived people only
 * when include_archived, after the others. fn returns non-zero to stop.
 */
int	 person_list(struct oneteam *, const struct family_view *,
	     int include_archived, int (*fn)(const struct person *, void *),
	     void *arg, char **cause);

/*
 * Write the age of someone born on dob (ISO) at the moment now_ms into buf:
 * "34 years", "18 months" under 2, "12 days" under a month, "due in 6
 * weeks" or "due today" before birth; "" when dob is NULL or not a date.
 */
void	 person_age(const char *dob, int64_t now_ms, char *buf, size_t len);

/*
 * The children of a family's household, for a list to tell families
 * apart: first names and ages, eldest first ("Zara 5, Yusuf 2, Maryam
 * 14m, Ali 3w"; a baby of under a week "newborn"), to be freed; NULL
 * when there are none, or whoever is at work may not see the family.
 * Not a look at the family (access.h): a list's line, as its
 * household's name is.
 */
char	*person_children_brief(struct oneteam *, const struct id *family);
/* Is someone of this date of birth (ISO, may be NULL) and relationship a
 * child at now_ms? */
int	 person_is_child(const char *dob, const char *relationship,
	     int64_t now_ms);

/*
 * The markers (and "archived" when archived) as a new string: labels for
 * people ("SEND, young carer") or codes for scripts ("send,young_carer");
 * "" when none.
 */
char	*person_markers(int markers, int archived, int for_people);

#endif
