/* Placeholder: being written. */
#include "cli.h"
const struct cli_cmd cli_contact_cmds[] = { { NULL, NULL, NULL, NULL, NULL, 0, NULL } };
const struct cli_cmd cli_story_cmds[] = { { NULL, NULL, NULL, NULL, NULL, 0, NULL } };
