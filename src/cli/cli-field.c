/*
 * cli-field.c: the command line's side of the core's field tables
 * (field.h). A change described by a table has its options, their lines
 * of --help and the check that the needed ones are given made here from
 * its table, so an option is never written apart from its field.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "oneteam/field.h"

#define CLI_FIELD_OPT	0x1000	/* getopt's value of the first field */
#define CLI_FIELDS_MAX	32

/* "--basis-reason TEXT": the option and its value, as --help shows it. */
static void
cli_field_usage(const struct field_def *fd, char *buf, size_t len)
{
	char	option[64];

	field_option(fd->name, option, sizeof option);
	snprintf(buf, len, "%s%s%s", option, fd->arg != NULL ? " " : "",
	    fd->arg != NULL ? fd->arg : "");
}

int
cli_field_help(FILE *f, const struct cli_cmd *c)
{
	const struct field_table	*ft;
	const char			*s;
	char				 usage[96];
	size_t				 i, width = 0;

	if ((ft = field_table_of(c->group != NULL ? c->group : "",
	    c->name)) == NULL)
		return 0;
	fputc('\n', f);
	for (i = 0; i < ft->n; i++) {
		cli_field_usage(&ft->fields[i], usage, sizeof usage);
		if (strlen(usage) > width)
			width = strlen(usage);
	}
	for (i = 0; i < ft->n; i++) {
		cli_field_usage(&ft->fields[i], usage, sizeof usage);
		fprintf(f, "  %-*s  ", (int)width, usage);
		/* Each further line of the help under the first. */
		for (s = ft->fields[i].help; *s != '\0'; s++) {
			fputc(*s, f);
			if (*s == '\n')
				fprintf(f, "  %-*s  ", (int)width, "");
		}
		fputc('\n', f);
	}
	return 1;
}

int
cli_field_getopt(struct cli *cli, int argc, char **argv,
    const struct field_table *ft, void *change, const struct option *more)
{
	static char	names[CLI_FIELDS_MAX][64];
	static struct option opts[CLI_FIELDS_MAX * 2 + 1];
	size_t		i, n = 0;
	int		opt;

	memset(opts, 0, sizeof opts);
	for (i = 0; i < ft->n && i < CLI_FIELDS_MAX; i++) {
		field_option(ft->fields[i].name, names[i], sizeof names[i]);
		opts[n].name = names[i] + 2;
		opts[n].has_arg = ft->fields[i].kind == FIELD_YES ||
		    ft->fields[i].kind == FIELD_BIT ? no_argument :
		    required_argument;
		opts[n++].val = CLI_FIELD_OPT + (int)i;
	}
	for (i = 0; more != NULL && more[i].name != NULL &&
	    i < CLI_FIELDS_MAX; i++)
		opts[n++] = more[i];
	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt < CLI_FIELD_OPT || opt >= CLI_FIELD_OPT + (int)ft->n)
			return opt;
		field_set(&ft->fields[opt - CLI_FIELD_OPT], change, optarg);
	}
	return -1;
}

int
cli_field_options(struct cli *cli, int argc, char **argv,
    const struct field_table *ft, void *change)
{
	return cli_field_getopt(cli, argc, argv, ft, change, NULL) == -1 ?
	    0 : -1;
}

int
cli_field_needed(struct cli *cli, const struct field_table *ft,
    const void *change)
{
	const struct field_def	*fd;
	char			 option[64];
	size_t			 i;

	for (i = 0; i < ft->n; i++) {
		fd = &ft->fields[i];
		if (!fd->required || field_get(fd, change) != NULL)
			continue;
		field_option(fd->name, option, sizeof option);
		return cli_usage(cli, "%s is needed (%s)", fd->label, option);
	}
	return EXIT_OK;
}
