/*
 * main.c chooses between the command line and the screens, and is the one
 * place that knows both: the command line parses the options and runs a
 * command, and opens the screens main.c gives it when none is named (or
 * the Huddle alone); the two never call each other. The process is
 * protected first, before any secret is read, then the locale is set:
 * text widths depend on it.
 */
#include <locale.h>

#include "cli/cli.h"
#include "oneteam/oneteam.h"
#include "tui.h"

static const struct cli_screens main_screens = { tui_main };

int
main(int argc, char **argv)
{
	oneteam_protect();
	setlocale(LC_ALL, "");
	return cli_main(argc, argv, &main_screens);
}
