/*
 * Search over households, people, addresses, postcodes, references and
 * note text (contacts and the family story), with SQLite's FTS5. Any text
 * a person types is a valid search: it is split into words and each word
 * matched as a prefix, so no query syntax can reach the user as an error.
 */
#ifndef ONETEAM_SEARCH_H
#define ONETEAM_SEARCH_H

#include <stddef.h>

#include "oneteam/id.h"
#include "oneteam/store.h"

struct search_hit {
	struct id	 family;
	const char	*household;
	const char	*postcode;
	const char	*locality;	/* its name, or NULL */
	const char	*where;		/* "household", "contact", "story" */
	const char	*snippet;	/* matching text with [brackets]; NULL
					 * of a family outside one's work */
	int		 outside;	/* set by keep: not one's own to see */
};

/*
 * The FTS5 query for what a person typed: each word quoted and matched as
 * a prefix, all words required. NULL when it holds no word at all.
 */
char	*search_fts_query(const char *text);

/*
 * Call fn for each family matching text, best first (matches on the
 * household, people, address, postcode or reference, then the newest
 * notes), each family once, at most limit. keep (may be NULL) first
 * says of each match whether it is shown: 1 yes, 0 no (the next match of
 * the family may be), -1 stop with the store's error. fn returns non-zero
 * to stop. Returns the number of families, or -1 with *cause set.
 */
int	 search_families(struct store *, const char *text, size_t limit,
	     int (*keep)(struct search_hit *, void *),
	     int (*fn)(const struct search_hit *, void *), void *arg,
	     char **cause);

/* Rebuild the whole search index from the tables (oneteam check --repair). */
int	 search_rebuild(struct store *, char **cause);

#endif
