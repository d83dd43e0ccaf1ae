/*
 * The columns of the Families screen (tui-families-cols.c), for the screen
 * itself (tui-families.c), which reads the families of a view a window at
 * a time, searches them and takes the keys: a family drawn as a row of
 * the columns, under their headings.
 */
#ifndef ONETEAM_TUI_FAMILIES_COLS_H
#define ONETEAM_TUI_FAMILIES_COLS_H

#include "oneteam/family.h"
#include "tui.h"

#define TUI_FAMILIES_NCOLS	8	/* the columns of a row */

/*
 * Draw the headings at line y, the column of sort marked as sorted (desc:
 * turned); fill cols (TUI_FAMILIES_NCOLS of them) as they fit w.
 * Returns the household's width: what the other columns leave.
 */
int	 tui_families_cols_headings(WINDOW *, int y, int w,
	     enum family_sort sort, int desc, struct tui_col *cols);
/* Draw family f at line y in the columns the headings filled; kids: its
 * children in brief, or NULL; today: the date, to tell a review past. */
void	 tui_families_cols_row(const struct family *, const char *kids,
	     const char *today, WINDOW *, int y, int w,
	     const struct tui_col *cols, int hw, int cursor);
/* Move *sort to the next column's, *desc to that column's first order;
 * returns the column's title. */
const char *tui_families_cols_next(enum family_sort *sort, int *desc);

#endif
