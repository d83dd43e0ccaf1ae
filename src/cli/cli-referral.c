/* Placeholder: being written. */
#include "cli.h"
const struct cli_cmd cli_referral_cmds[] = { { NULL, NULL, NULL, NULL, NULL, 0, NULL } };
const struct cli_cmd cli_flag_cmds[] = { { NULL, NULL, NULL, NULL, NULL, 0, NULL } };
const struct cli_cmd cli_action_cmds[] = { { NULL, NULL, NULL, NULL, NULL, 0, NULL } };
