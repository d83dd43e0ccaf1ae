/*
 * The screens that list records across families for the worker at work:
 * Referrals (tui-referrals.c), My day (tui-myday.c) and the Huddle
 * (tui-huddle.c), with its Present (tui-present.c) and Minutes
 * (tui-minutes.c) screens. Each row stands for
 * a family, which Enter opens.
 */
#ifndef ONETEAM_TUI_LISTS_H
#define ONETEAM_TUI_LISTS_H

#include "tui.h"

extern const struct tui_screen_ops tui_referrals_ops, tui_myday_ops,
    tui_huddle_ops, tui_minutes_ops;

/* Push the Referrals screen, on the view of those raised by me. */
void	 tui_referrals_open(struct tui *);
/* Push the My day screen. */
void	 tui_myday_open(struct tui *);
/* Push the Huddle screen of the locality of who is at work. */
void	 tui_huddle_open(struct tui *);
/* Push the Present screen of a running huddle (tui-present.c). */
void	 tui_present_open(struct tui *, const struct id *huddle);
/* Push the minutes of a recorded huddle, for the team (tui-minutes.c). */
void	 tui_minutes_open(struct tui *, const struct id *huddle);

#endif
