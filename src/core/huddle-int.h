/*
 * huddle-int.h: what the huddle's files share and no one else needs. The
 * agenda is asked of the records in huddle-ask.c and assembled in
 * huddle.c; a recorded huddle is read and written in huddle-meet.c and
 * decided in huddle-decide.c; reasons are huddle-reason.c's.
 */
#ifndef ONETEAM_HUDDLE_INT_H
#define ONETEAM_HUDDLE_INT_H

#include "oneteam/huddle.h"
#include "oneteam/store.h"

/* An agenda being built. The queries are bound ?1 the locality, ?2
 * since (ms), ?3 today (ISO), ?4 the kinds of contact of concern, ?5
 * now. */
struct build {
	struct oneteam		*ot;
	struct huddle_agenda	*a;
	struct id		 locality;
	/* Every locality of its name: each site of a team may have made
	 * its own before they met, and its families belong to that one. */
	struct id		*same;
	size_t			 nsame;
	int64_t			 since;
	char			 today[11];
	char			*concerns;	/* ["not_brought","no_access"] */
	int			 failed;	/* a query of a callback */
	/* Each family's item by its id: index + 1, 0 empty; a power of 2. */
	size_t			*slots;
	size_t			 nslots;
};

/* The columns every query of the agenda starts with (huddle-ask.c). */
#define HUDDLE_FAMILY "SELECT f.id, f.household, (SELECT s.name FROM " \
	"staff s WHERE s.id = f.lead)"

/* The family's item, made on first sight from the columns col (its id),
 * col + 1 (household) and col + 2 (lead). */
struct huddle_item *huddle_item(struct build *, struct query *, int col);
/* A new reason of the item, of kind k in group g, ranked rank. */
struct huddle_reason *huddle_reason_add(struct huddle_item *,
	    enum huddle_group g, enum huddle_reason_kind k, int64_t rank);
/* Ask the records every question of the agenda (but what the last
 * huddle left, huddle.c's). Returns -1 with *cause. */
int	huddle_ask(struct build *, char **cause);

/* The group of a code; an unknown one, the last. */
enum huddle_group huddle_group_parse(const char *code);

/* Refuse a change to a huddle that has ended, as the database has it. */
int	huddle_running(struct oneteam *, const struct huddle *, char **cause);
/* The item of a huddle at position (from 1), or NULL with *cause. */
const struct huddle_entry *huddle_item_at(struct oneteam *,
	    const struct huddle *, int position, char **cause);

/* Write the reasons of a recorded item, a row each, in its transaction. */
int	huddle_reasons_store(struct oneteam *, const struct id *item,
	    const struct id *family, const struct huddle_reason *, size_t,
	    char **cause);
/* Read the reasons of h's items from their rows; an item with none reads
 * its prose[i] (huddle_item's reasons, as older sites kept them). */
int	huddle_reasons_load(struct oneteam *, struct huddle *,
	    char *const *prose, char **cause);
/* What an item not reached had, in words on one line ("a;b"), to be
 * freed: its rows', or its prose. Returns -1 when the store fails. */
int	huddle_reasons_had(struct oneteam *, const struct id *item,
	    const char *prose, char **out);

/*
 * Parking (huddle-park.c): the reasons of a recorded item left off the
 * agenda while their facts are the same (refused for a red flag, a new
 * referral or concern, a waiting referral, a conflict); parks of an item
 * ended (its decision undone); an agenda's parked reasons taken out, its
 * items with none left dropped and counted.
 */
int	huddle_park_may(struct oneteam *, const struct huddle_entry *,
	    char **cause);
int	huddle_park_item(struct oneteam *, const struct huddle_entry *,
	    const char *note, char **cause);
int	huddle_park_end(struct oneteam *, const struct id *item,
	    char **cause);
int	huddle_park_filter(struct oneteam *, struct huddle_agenda *,
	    char **cause);

#endif
