/*
 * What the frame of the screens shares among its own modules and no screen
 * sees: tui.c (the terminal, the stack of screens and the key loop),
 * tui-draw.c (the title bar, the key bar and the message line drawn
 * around the top screen) and tui-session.c (who is signed in, the lock,
 * and the screens kept for whoever locked).
 */
#ifndef ONETEAM_TUI_PRIVATE_H
#define ONETEAM_TUI_PRIVATE_H

#include "tui.h"

struct tui {
	struct oneteam		*ot;
	struct tui_screen	*top;
	WINDOW			*main;	/* between the title and the key bar */
	char			*msg;	/* the message line, or NULL */
	enum tui_look		 msg_look;
	char			*said;	/* the last message, whole, for F3
					 * (gone at the lock), or NULL */
	char			*who;	/* "Amira Khan (coordinator)" */
	char			*locality;
	char			*sync;	/* "synced 12 Mar 09:30 · 2 conflicts" */
	int			 colour;
	int			 quit;
	int			 huddle; /* open the Huddle once signed in */
	struct id		 who_id;	/* zero: nobody signed in */
	int64_t			 last_key;	/* for the idle lock */
	/* The screens of people who locked and gave way to another, kept
	 * for them (their forms' unsaved text too), never drawn meanwhile. */
	struct tui_parked	*parked;
	/* The folder bundles are exchanged in, chosen on the Sync screen
	 * for this run (a USB stick); NULL: the configuration's. */
	char			*folder;
};

struct tui_parked {
	struct id		 who;
	struct tui_screen	*top;	/* its bottom's below is NULL */
	struct tui_parked	*next;
};

/* tui.c */
/* The lock's key, shared by every screen but the sign-in. */
extern const struct tui_bind tui_lock_bind;
/* Is the terminal smaller than the screens are drawn on? */
int	 tui_small(void);
/* The keys of a screen as it is now, and whether it takes text now. */
const struct tui_bind *tui_binds_now(struct tui_screen *);
int	 tui_typing_now(struct tui_screen *);
/* Pop the top screen without loading the one below. */
void	 tui_free_top(struct tui *);

/* tui-draw.c: draw the frame and the top screen, as they are now. */
void	 tui_draw(struct tui *);

#endif
