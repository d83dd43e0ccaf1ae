/*
 * Tell it once: the family's story, told once and read by every agency
 * instead of asking again. It has fixed sections, each a chain of
 * revisions with who wrote it and when; a revision can be marked as read
 * back to the family ("is this right?") on a date.
 *
 * Two people editing a section while apart (offline, at different sites)
 * leave it with two current revisions: a conflict, shown with both. The
 * next edit names both as its bases and so resolves it.
 */
#ifndef ONETEAM_STORY_H
#define ONETEAM_STORY_H

#include <stdint.h>

#include "oneteam/access.h"
#include "oneteam/oneteam.h"

/* The sections, in the order they are shown. */
enum story_section {
	STORY_OUR_FAMILY,	/* "Our family" */
	STORY_WORKING_WELL,	/* "What's working well" */
	STORY_WORRIES,		/* "What we're worried about" */
	STORY_FAMILY_WANTS,	/* "What the family wants to happen" */
	STORY_CHILD_VOICE,	/* "The child's voice" */
	STORY_HISTORY,		/* "Important history" */
	STORY_NSECTIONS
};

/*
 * One revision of a section. versions counts the current revisions of the
 * section: 2 or more is a conflict.
 */
struct story_rev {
	struct id		 id;
	enum story_section	 section;
	int			 revision;	/* 1, 2, ... along the chain */
	int			 current;	/* nothing is based on it yet */
	int			 versions;
	char			*body;		/* the text; "" when cleared */
	char			*read_back;	/* ISO date read back to the
						 * family, or NULL */
	struct id		 author;
	char			*author_name;	/* "" if not known here */
	int64_t			 written;	/* when, ms */
};

/* The stored code ("worries") and the title people read of a section. */
const char	*story_section_code(enum story_section);
const char	*story_section_title(enum story_section);

/*
 * Find a section by what a person typed: its code, its title, or an
 * unambiguous start of either or of a word of either, in any case
 * ("worries", "voice", "Our family"). Returns -1 with *cause.
 */
int	 story_section_find(struct oneteam *, const char *text,
	     enum story_section *, char **cause);

/*
 * What a person gives to write a section anew, as typed (its fields are
 * described by field_story_edit of field.h): the text, several lines
 * allowed (NULL or blank clears the section), and, not NULL, the date it
 * was read back to the family.
 */
struct story_change {
	const char	*text;
	const char	*read_back;
};

/*
 * Write a section anew, in one transaction: a new revision based on the
 * current one, or on both current ones when there is a conflict, which it
 * resolves. Refuses text the section has already (when there is no
 * conflict), and a read-back date in the future.
 */
int	 story_edit(struct oneteam *, const struct id *family,
	     enum story_section, const struct story_change *, char **cause);

/*
 * Mark the current text of a section as read back to the family on a date
 * (as typed; not in the future), in one transaction. Refuses a section
 * with no text, or with two versions (edit them into one first).
 */
int	 story_read_back(struct oneteam *, const struct id *family,
	     enum story_section, const char *date, char **cause);

/*
 * Call fn for each current revision of a section of the story of the
 * family of a view (access.h), newest first: none when
 * nothing was ever written, two or more in a conflict. fn returns
 * non-zero to stop. Returns -1 with *cause.
 */
int	 story_get(struct oneteam *, const struct family_view *,
	     enum story_section, int (*fn)(const struct story_rev *, void *),
	     void *arg, char **cause);

/* Call fn for every revision of a section, newest first. */
int	 story_history(struct oneteam *, const struct family_view *,
	     enum story_section, int (*fn)(const struct story_rev *, void *),
	     void *arg, char **cause);

/* Free what a revision holds and zero it. */
void	 story_rev_clear(struct story_rev *);

#endif
