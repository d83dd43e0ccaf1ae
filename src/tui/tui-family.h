/*
 * The Family screen's parts: the screen and its keys (tui-family.c), the
 * tabs it reads (tui-tabs.c) and the Summary tab (tui-summary.c).
 */
#ifndef ONETEAM_TUI_FAMILY_H
#define ONETEAM_TUI_FAMILY_H

#include "oneteam/access.h"
#include "oneteam/chronology.h"
#include "tui.h"

enum tab {
	TAB_SUMMARY,
	TAB_STORY,
	TAB_PEOPLE,
	TAB_CONTACTS,
	TAB_REFERRALS,
	TAB_FLAGS,
	TAB_CHRONOLOGY,
	TAB_ACTIONS,
	TAB_COUNT
};

/* What a row of a tab stands for (tui_doc kinds). A story row is
 * TAB_K_STORY plus its section. */
enum {
	TAB_K_PERSON = 1,
	TAB_K_CONTACT,
	TAB_K_REFERRAL,
	TAB_K_FLAG,
	TAB_K_ACTION,
	TAB_K_STORY = 100,
};

/* What a tab's reader is given. */
struct tab_ctx {
	struct tui	*t;
	struct oneteam	*ot;
	struct tui_doc	*doc;
	int		 count;	/* records added */
	const struct chron_filter *chron; /* what the Chronology shows */
};

const char	*tui_tab_name(enum tab);
/* Read a tab of the family of a view (access.h) into doc (cleared
 * first); the Chronology as chron shows (chronology.h). */
int		 tui_tab_load(struct tui *, enum tab,
		     const struct family_view *, const struct chron_filter *,
		     struct tui_doc *, char **cause);
/* The Chronology tab (tui-chron.c). */
int		 tui_chron_load(struct tab_ctx *,
		     const struct family_view *, char **cause);
/*
 * The form that chooses what the Chronology shows: its classes and the
 * agency of who recorded them; saved into *cf, whose agency is *agency,
 * owned by the caller, who outlives the form.
 */
void		 tui_chron_choose(struct tui *, struct chron_filter *cf,
		     char **agency);
/* The Summary tab. */
int		 tui_summary_load(struct tab_ctx *,
		     const struct family_view *, char **cause);

#endif
