/*
 * main.c chooses between the command line and (with the next issue) the
 * screens. The locale comes first, always: text widths depend on it.
 */
#include <locale.h>

#include "cli/cli.h"

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	return cli_main(argc, argv);
}
