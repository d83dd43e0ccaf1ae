/*
 * The Huddle screen's parts (tui-huddle.c): what it shows, and the keys of
 * a decision and of undoing one, each a form of the core's table
 * (tui-huddle-decide.c).
 */
#ifndef ONETEAM_TUI_HUDDLE_H
#define ONETEAM_TUI_HUDDLE_H

#include "oneteam/huddle.h"
#include "tui.h"

/* An item as shown, from the record or, before the start, the agenda. */
struct hd_item {
	struct id	 family;
	char		 ref[ID_REF_MAX];
	char		*household;
	char		*lead;		/* NULL: none or not known */
	enum huddle_group group;
	char		*reasons;	/* a line each */
	char		*decisions;	/* a line each, or NULL */
	int		 decided;	/* one stands (not undone) */
	int		 carried;
	int		 fresh;		/* new since the last huddle */
};

struct hd {
	struct huddle	 h;		/* when started */
	int		 started;
	char		*locality;
	int64_t		 since;
	struct hd_item	*items;
	size_t		 nitems;
	struct w_list	 list;
	struct tui_doc	*detail;
	size_t		 detail_of;	/* the item the detail shows, + 1 */
	size_t		 go_to;		/* after a decision: the next item,
					 * + 1 (0: stay) */
	int		 looked;	/* its families on the trail, once */
	struct tui_doc	*summary;	/* on a big screen: the family's */
	size_t		 summary_of;	/* the item it is of, + 1 */
	size_t		 nparked;	/* the agenda's families parked */
	size_t		 timed;		/* the item timed, + 1 */
	int64_t		 timed_since;	/* since the cursor came to it */
};

/* The keys of a decision, and u to undo one. */
int	hd_no_change(struct tui *, struct tui_screen *, int);
int	hd_lead(struct tui *, struct tui_screen *, int);
int	hd_ack(struct tui *, struct tui_screen *, int);
int	hd_action(struct tui *, struct tui_screen *, int);
int	hd_chase(struct tui *, struct tui_screen *, int);
int	hd_level(struct tui *, struct tui_screen *, int);
int	hd_review(struct tui *, struct tui_screen *, int);
int	hd_seek_consent(struct tui *, struct tui_screen *, int);
int	hd_taf(struct tui *, struct tui_screen *, int);
int	hd_front_door(struct tui *, struct tui_screen *, int);
int	hd_close(struct tui *, struct tui_screen *, int);
int	hd_park(struct tui *, struct tui_screen *, int);
int	hd_undo(struct tui *, struct tui_screen *, int);

#endif
