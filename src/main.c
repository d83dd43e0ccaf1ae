/*
 * main.c chooses between the command line and the screens (cli.c does).
 * The process is protected first, before any secret is read, then the
 * locale is set: text widths depend on it.
 */
#include <locale.h>

#include "cli/cli.h"
#include "oneteam/oneteam.h"

int
main(int argc, char **argv)
{
	oneteam_protect();
	setlocale(LC_ALL, "");
	return cli_main(argc, argv);
}
