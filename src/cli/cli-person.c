/* Placeholder: being written. */
#include "cli.h"
const struct cli_cmd cli_person_cmds[] = { { NULL, NULL, NULL, NULL, NULL, 0, NULL } };
const struct cli_cmd cli_consent_cmds[] = { { NULL, NULL, NULL, NULL, NULL, 0, NULL } };
