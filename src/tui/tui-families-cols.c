/*
 * tui-families-cols.c: the columns of the Families screen (tui-families.c)
 * and a family drawn as a row of them: its household named with what
 * tells it apart (its children, its postcode, whether it consents to
 * share), its dates, flags and referrals, each told by more than colour.
 * On a narrow terminal the columns are narrower, the dates without their
 * year. Which families, read when, and the keys are the screen's.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oneteam/consent.h"
#include "oneteam/family.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "tui-families-cols.h"

/*
 * The columns, in the order of enum family_sort's keys they sort by; on
 * a narrow terminal (under FAMILIES_WIDE columns) some are narrower, the
 * dates without their year, so that the household has room.
 */
#define FAMILIES_WIDE	100
static const struct {
	const char		*title;
	int			 width;	/* 0: what is left */
	enum family_sort	 sort;
	int			 most;	/* a count: largest first */
	const char		*narrow_title;
	int			 narrow;
} families_cols[] = {
	{ "Ref", 8, FAMILY_BY_REF, 0, "Ref", 8 },
	{ "Household", 0, FAMILY_BY_HOUSEHOLD, 0, "Household", 0 },
	{ "Lvl", 4, FAMILY_BY_LEVEL, 0, "Lvl", 4 },
	{ "Lead professional", 18, FAMILY_BY_LEAD, 0, "Lead", 14 },
	{ "Last contact", 13, FAMILY_BY_LAST_CONTACT, 0, "Contact", 8 },
	{ "Refs", 5, FAMILY_BY_REFERRALS, 1, "Refs", 5 },
	{ "Flags", 6, FAMILY_BY_FLAGS, 1, "Flags", 6 },
	{ "Next review", 12, FAMILY_BY_REVIEW, 0, "Review", 8 },
};
#define NCOLS (sizeof families_cols / sizeof families_cols[0])
_Static_assert(NCOLS == TUI_FAMILIES_NCOLS, "the Families columns");

/* The column after that of *sort, sorted its first way. */
const char *
tui_families_cols_next(enum family_sort *sort, int *desc)
{
	size_t	i;

	for (i = 0; i < NCOLS; i++)
		if (families_cols[i].sort == *sort)
			break;
	*sort = families_cols[(i + 1) % NCOLS].sort;
	*desc = families_cols[(i + 1) % NCOLS].most;
	return families_cols[(i + 1) % NCOLS].title;
}

/* The columns as they fit w, their headings drawn. */
int
tui_families_cols_headings(WINDOW *win, int y, int w, enum family_sort sort,
    int desc, struct tui_col *cols)
{
	const char	*titles[NCOLS];
	char		 buf[NCOLS][40];
	size_t		 i;
	int		 hw;

	for (i = 0; i < NCOLS; i++) {
		int narrow = w < FAMILIES_WIDE;

		cols[i].width = narrow ? families_cols[i].narrow :
		    families_cols[i].width;
		cols[i].title = narrow ? families_cols[i].narrow_title :
		    families_cols[i].title;
		if (families_cols[i].sort == sort) {
			/* Sorted: said with an arrow, not only a look; first,
			 * where a narrow column cannot cut it off. */
			snprintf(buf[i], sizeof buf[i], "%s%s",
			    desc ? "▼" : "▲", cols[i].title);
			titles[i] = buf[i];
		} else
			titles[i] = cols[i].title;
	}
	/* The household takes what the others leave. */
	tui_columns(win, y, w, cols, NCOLS, titles, tui_look(LOOK_HEADING));
	for (i = 0, hw = w; i < NCOLS; i++)
		hw -= cols[i].width;
	return hw;
}

static void
families_day(int64_t ms, int narrow, char *buf, size_t len)
{
	time_t		secs = (time_t)(ms / 1000);
	struct tm	tm;

	if (ms == 0 || localtime_r(&secs, &tm) == NULL) {
		snprintf(buf, len, "-");
		return;
	}
	strftime(buf, len, narrow ? "%e %b" : "%e %b %Y", &tm);
}

/*
 * The household as it fits in hw columns with what tells it apart: its
 * children, then its postcode, as many as fit whole; and without consent
 * to share, it says so wherever it shows.
 */
static char *
families_named(const struct family *f, const char *kids, const char *note,
    int hw)
{
	const char	*pc = f->postcode != NULL && *f->postcode != '\0' ?
			    f->postcode : NULL;
	char		*c[4], *named = NULL;
	int		 i, extra;

	extra = note != NULL ? (int)text_width(note) + 3 : 0;
	c[0] = kids != NULL && pc != NULL ? xprintf("%s · %s · %s",
	    f->household, kids, pc) : NULL;
	c[1] = kids != NULL ? xprintf("%s · %s", f->household, kids) : NULL;
	c[2] = pc != NULL ? xprintf("%s · %s", f->household, pc) : NULL;
	c[3] = xstrdup(f->household);
	for (i = 0; i < 4; i++) {
		if (named == NULL && c[i] != NULL &&
		    ((int)text_width(c[i]) + extra < hw || i == 3)) {
			named = c[i];
			continue;
		}
		free(c[i]);
	}
	if (note == NULL)
		return named;
	c[0] = xprintf("%s (%s)", named, note);
	free(named);
	return c[0];
}

/* The next review as the column says it, "!" before it when it is past. */
static void
families_review(const struct family *f, const char *today, int w, char *buf,
    size_t len)
{
	char	day[24];

	/* A review past its day is told by "!" before it, as a flag is,
	 * not by a colour alone. */
	tui_date(f->next_review, day, sizeof day);
	/* Narrow: "22 Nov", the year left for the wide ones to say. */
	if (w < FAMILIES_WIDE && f->next_review != NULL &&
	    strlen(day) > 5 && day[strlen(day) - 5] == ' ')
		day[strlen(day) - 5] = '\0';
	if (f->next_review != NULL && strcmp(f->next_review, today) < 0)
		snprintf(buf, len, "!%s", day);
	else
		snprintf(buf, len, "%s", day);
}

/* Family f as line y, the columns as the headings made them. */
void
tui_families_cols_row(const struct family *f, const char *kids,
    const char *today, WINDOW *win, int y, int w, const struct tui_col *cols,
    int hw, int cursor)
{
	char		 lvl[8], last[24], refs[12], flags[16], review[32];
	char		*household;
	const char	*v[NCOLS], *note = consent_note(f->consent);
	int		 look;

	snprintf(lvl, sizeof lvl, f->level > 0 ? "%d" : "-", f->level);
	families_day(f->last_contact, w < FAMILIES_WIDE, last, sizeof last);
	snprintf(refs, sizeof refs, "%d", f->open_referrals);
	/* A flag is told by "!" too, not by its colour alone. */
	if (f->active_flags > 0)
		snprintf(flags, sizeof flags, "!%d", f->active_flags);
	else
		snprintf(flags, sizeof flags, "-");
	families_review(f, today, w, review, sizeof review);
	v[0] = f->ref;
	/* Three "Ahmed family" rows are told apart. */
	household = families_named(f, kids, note, hw);
	v[1] = household;
	v[2] = lvl;
	v[3] = f->lead_name != NULL && *f->lead_name != '\0' ?
	    f->lead_name : "(none)";
	v[4] = last;
	v[5] = refs;
	v[6] = flags;
	v[7] = review;
	look = cursor ? tui_look(LOOK_CURSOR) :
	    f->active_flags > 0 ? tui_look(LOOK_FLAG) : 0;
	tui_columns(win, y, w, cols, NCOLS, v, look);
	free(household);
}
