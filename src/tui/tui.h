/*
 * The screens: a stack of screens over the core, drawn with ncursesw.
 *
 * tui.c owns the terminal, the message line, the stack and the key loop,
 * tui-draw.c the title bar and the key bar drawn around the top screen,
 * tui-session.c who is signed in and the lock (tui-private.h is what the
 * three share); each other tui-*.c file is one screen (or the forms) and
 * talks to the core only through its public headers, never to SQLite.
 *
 * A screen is a struct tui_screen_ops, called in this order:
 *   load	when the screen is pushed, when it is shown again after the
 *		screen above it is popped, and on the refresh key: (re)read
 *		what it shows from the core, so the screen follows the
 *		database. A failure is shown on the message line.
 *   draw	after every key and resize, into the main area.
 *   key	every key first, so a field with the focus can take it; if it
 *		answers W_IGNORED, the screen's bindings are tried, then the
 *		bindings every screen shares (help, back, refresh, quit).
 *   free	when the screen is popped.
 */
#ifndef ONETEAM_TUI_H
#define ONETEAM_TUI_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "oneteam/oneteam.h"
#include "w.h"

struct tui;
struct tui_screen;

/*
 * Run the screens over an open core until the person leaves; as names who
 * to offer first at the start (may be NULL); huddle: open the Huddle
 * screen once signed in. Returns the exit code.
 */
int	 tui_main(struct oneteam *, const char *as, int huddle);

/*
 * For the benchmark: the screens on a terminal of cols×lines written to
 * out (keys are not read from in but given), signed in as who and showing
 * Families. tui_bench_key() takes a key as the screens do and draws.
 */
struct tui	*tui_bench_start(struct oneteam *, const struct id *who,
		     FILE *out, FILE *in, int cols, int lines);
void		 tui_bench_key(struct tui *, int key);
void		 tui_bench_end(struct tui *);

/* The smallest terminal the screens are drawn on. */
#define TUI_MIN_COLS	80
#define TUI_MIN_LINES	24

/*
 * A key a screen answers to. One table serves the dispatch, the key bar
 * and the help screen. An entry whose label is NULL is another key for
 * the entry before it (j for Down), neither shown nor listed.
 */
struct tui_bind {
	int		 key;
	const char	*label;		/* as shown: "c", "Enter", "F1" */
	const char	*what;		/* "log a contact" */
	int		 bar;		/* in the key bar too: TUI_BAR_* */
	int		(*fn)(struct tui *, struct tui_screen *, int key);
};
/* Where a key is shown in the key bar: after the screen's others where
 * room is left, first, second, or never (a key that only tells whoever
 * presses it that it is not theirs). The shared keys always fit; help
 * says how many it lists that did not. */
#define TUI_BAR_NO	0
#define TUI_BAR_YES	1
#define TUI_BAR_ROOM	2
#define TUI_BAR_NEVER	3

struct tui_screen_ops {
	const char		*name;	/* "Families": for help and the title */
	const char		*about;	/* one line for the help screen */
	int			 typing; /* letters are text here: q, ? too */
	/* Optional: the keys of the screen as it is now, and whether it
	 * is taking text now (a search open), instead of the two above. */
	const struct tui_bind	*(*binds_now)(struct tui_screen *);
	int			 (*typing_now)(struct tui_screen *);
	const struct tui_bind	*binds;	/* ends with a zero key */
	int		(*load)(struct tui *, struct tui_screen *, char **);
	void		(*draw)(struct tui *, struct tui_screen *, WINDOW *,
			    int h, int w);
	enum w_result	(*key)(struct tui *, struct tui_screen *, int key);
	void		(*free)(struct tui_screen *);
	/* May the person leave? Forms ask first when something changed. */
	int		(*leave)(struct tui *, struct tui_screen *);
	/* Optional: does it hold what someone typed and has not saved? */
	int		(*unsaved)(struct tui_screen *);
	/* Optional: is a meeting running on it (the huddle), which the idle
	 * lock waits for (oneteam_lock_left_meeting())? */
	int		(*meeting)(struct tui_screen *);
};

struct tui_screen {
	const struct tui_screen_ops	*ops;
	void				*data;
	struct tui_screen		*below;
};

/* Colours and the attributes that stand for them without colour. */
enum tui_look {
	LOOK_NORMAL,
	LOOK_TITLE,	/* the title bar */
	LOOK_BAR,	/* the key bar */
	LOOK_BAR_KEY,	/* a key in the key bar */
	LOOK_HEADING,	/* column headings, section titles */
	LOOK_CURSOR,	/* the row with the cursor */
	LOOK_FLAG,	/* a red flag: also marked with "!" */
	LOOK_LATE,	/* overdue: also marked with "late" */
	LOOK_DIM,	/* details, hints */
	LOOK_ERROR,	/* the message line, on a failure: also "Error:" */
	LOOK_GOOD,	/* the message line, when something was saved */
	LOOK_TAB,	/* a tab not chosen */
	LOOK_TAB_ON,	/* the chosen tab */
	LOOK_FIELD,	/* a field of a form */
	LOOK_COUNT
};
int	 tui_look(enum tui_look);

/* The core, as the screens use it: who is at work, what time it is. */
struct oneteam	*tui_core(struct tui *);

/* The screen in front (NULL: none yet). */
struct tui_screen *tui_top(struct tui *);
/* Push a screen (it is loaded at once) or pop the top one. */
void	 tui_push(struct tui *, const struct tui_screen_ops *, void *data);
void	 tui_pop(struct tui *);
/* Pop the top screen and reload the one below: after a form is saved. */
void	 tui_done(struct tui *, const char *fmt, ...)
	     __attribute__((format(printf, 2, 3)));

/* Say something on the message line until the next key. */
void	 tui_say(struct tui *, const char *fmt, ...)
	     __attribute__((format(printf, 2, 3)));
/* Say how far a long task has come, drawn at once (no key is read). */
void	 tui_progress(struct tui *, const char *fmt, ...)
	     __attribute__((format(printf, 2, 3)));
/* Show a failure of the core on the message line; cause is freed. */
void	 tui_fail(struct tui *, char *cause);
/* Ask a yes/no question on the message line; returns 1 for yes. */
int	 tui_ask(struct tui *, const char *question);
/* Reload the top screen from the core. */
void	 tui_reload(struct tui *);

/* The screens (tui-*.c). */
extern const struct tui_screen_ops tui_families_ops;
extern const struct tui_screen_ops tui_family_ops;
extern const struct tui_screen_ops tui_help_ops;

/* Open the help screen for the screen below it. */
int	 tui_help_open(struct tui *, struct tui_screen *, int key);
/* Open the Message screen: said, whole (F3 when the line cut it). */
void	 tui_message_open(struct tui *, const char *said);
/* The bindings every screen shares, for the help screen. */
extern const struct tui_bind tui_common_binds[];
/* The entry of key in a table of binds (ended by key 0), or NULL. */
const struct tui_bind *tui_bind_find(const struct tui_bind *, int key);

/* The Audit screen (tui-audit.c): for coordinators and administrators;
 * anyone else is refused on the message line. */
extern const struct tui_screen_ops tui_audit_ops;
void	 tui_audit_open(struct tui *);

/* Open a family by id (tui-family.c). */
void	 tui_family_open(struct tui *, const struct id *);
/* Open the form of key of the Family screen on top (-1: none on top). */
int	 tui_family_form(struct tui *, int key);
/* Start at the sign-in, offering as first (may be NULL). */
void	 tui_signin_open(struct tui *, const char *as);
int	 tui_is_signin(const struct tui_screen *);
/*
 * Sign in as someone, proven as the core's table said (tui-signin.c
 * calls it; an unlock's entry carries the proof), then show Families; at a
 * lock, the same person gets their screens back as they were, another
 * gets their own (kept from their last lock) or Families, and the
 * screens of who locked are kept for them, unseen (tui-session.c).
 */
void	 tui_session_start(struct tui *, const struct id *,
	     enum atwork_proof);
/* Lock the screens (Ctrl-L, or idle): nothing of them is shown until
 * who is at work gives their passphrase, or another signs in. */
void	 tui_session_lock(struct tui *);
/*
 * Sign out whoever is at work, asking first: their screens close (a
 * half-typed form is lost, and the question says so), colleagues' kept
 * at the lock stay kept, and the sign-in asks who is next.
 */
void	 tui_session_sign_out(struct tui *);
/* Push the sign-in screen as a lock, asking for who's passphrase. */
void	 tui_signin_lock(struct tui *, const struct id *who);

/* Draw a line of column headings, a row of text cut to columns. */
struct tui_col {
	const char	*title;
	int		 width;	/* columns; 0: what is left */
};
void	 tui_columns(WINDOW *, int y, int w, const struct tui_col *,
	     size_t ncols, const char *const *values, int attr);

/*
 * A document of rows with a cursor (tui-doc.c): lines of cells under
 * column headings, and paragraphs wrapped to the width drawn at. A row
 * may stand for a record: kind (the screen's own numbering, not 0) and id.
 */
struct tui_doc;
struct tui_doc	*tui_doc_new(void);
void		 tui_doc_free(struct tui_doc *);
/* Drop the rows and columns, keeping the cursor where it was. */
void		 tui_doc_clear(struct tui_doc *);
void		 tui_doc_columns(struct tui_doc *, const struct tui_col *,
		     size_t);
void		 tui_doc_row(struct tui_doc *, int look, int kind,
		     const struct id *, const char *const *cells);
void		 tui_doc_text(struct tui_doc *, int look, int kind,
		     const struct id *, int indent, const char *text);
void		 tui_doc_textf(struct tui_doc *, int look, int indent,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void		 tui_doc_draw(struct tui_doc *, WINDOW *, int y, int h, int w);
enum w_result	 tui_doc_key(struct tui_doc *, int key);
/* The record under the cursor: 1 and its kind and id, or 0. */
int		 tui_doc_selected(const struct tui_doc *, int *kind,
		     struct id *);
/* Put the cursor back on the first line. */
void		 tui_doc_top(struct tui_doc *);
/* Put the cursor on the first line of a row of kind, once laid out. */
void		 tui_doc_cursor_to(struct tui_doc *, int kind);

/* A moment (ms) or ISO date as people read it, into buf. */
void	 tui_when(struct tui *, int64_t ms, char *buf, size_t len);
void	 tui_date(const char *iso, char *buf, size_t len);

/* The folder bundles are exchanged in: one chosen on the Sync screen for
 * this run of the screens (a USB stick), or the configuration's; NULL
 * sets it back to the configuration's. */
const char	*tui_bundle_folder(struct tui *);
void		 tui_set_bundle_folder(struct tui *, const char *dir);

#endif
