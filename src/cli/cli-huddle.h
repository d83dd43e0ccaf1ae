/*
 * What the huddle's commands share (cli-huddle-agenda.c, cli-huddle.c):
 * a reason's facts as columns for scripts, the same in an agenda and a
 * recorded huddle.
 */
#ifndef ONETEAM_CLI_HUDDLE_H
#define ONETEAM_CLI_HUDDLE_H

#include "cli.h"
#include "oneteam/huddle.h"

#define REASON_NCOLS	17
extern const char *const cli_huddle_reason_cols[REASON_NCOLS];
/* A reason's facts into v (REASON_NCOLS of them): codes, ISO times and
 * dates, numbers where the kind has them (written into late, level and
 * count), NULL where not. */
void	cli_huddle_reason_values(struct cli *, const struct huddle_reason *,
	    const char **v, char late[24], char level[24], char count[24]);

#endif
