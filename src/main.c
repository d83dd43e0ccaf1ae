/*
 * main.c chooses between the command line and (later) the screens.
 */
#include <locale.h>
#include <stdio.h>

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	(void)argc;
	(void)argv;
	return 0;
}
