/*
 * refdata-load.c loads the reference lists when the core opens: each from
 * the council's file when the configuration names one (config.c), else
 * the built-in list compiled into the binary (refdata-builtin.c), both
 * read by the one parser (refdata-parse.c). A list that fails leaves no
 * lists at all, and the failure says which file and line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/install.h"
#include "oneteam/xmalloc.h"
#include "refdata-builtin.h"
#include "refdata-private.h"

/* Read a whole list file into a new buffer; *len is its size. */
static char *
refdata_load_file(const char *path, size_t *len, char **cause)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 size = 0, n;

	/* Read as whoever runs oneteam: a protected install's group opens
	 * no list a configuration names elsewhere (oneteam/install.h). */
	if ((f = install_fopen(path, "rb")) == NULL) {
		*cause = xprintf("cannot read reference list %s: %s", path,
		    strerror(errno));
		return NULL;
	}
	*len = 0;
	do {
		if (*len == size) {
			size = size == 0 ? 8192 : size * 2;
			buf = xreallocarray(buf, size, 1);
		}
		n = fread(buf + *len, 1, size - *len, f);
		*len += n;
	} while (n != 0 && *len <= REFDATA_MAX_FILE);
	if (ferror(f)) {
		*cause = xprintf("cannot read reference list %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	if (*len > REFDATA_MAX_FILE) {
		*cause = xprintf("%s: larger than %d bytes, not a reference "
		    "list", path, REFDATA_MAX_FILE);
		goto fail;
	}
	fclose(f);
	return buf;

fail:
	fclose(f);
	free(buf);
	return NULL;
}

/* The text of a built-in list: its lines joined again. */
static char *
refdata_load_builtin(enum ref_list list, size_t *len)
{
	const char *const	*lines = refdata_builtin[list];
	char			*buf;
	size_t			 i, n, off;

	for (i = 0, n = 0; lines[i] != NULL; i++)
		n += strlen(lines[i]) + 1;
	buf = xmalloc(n + 1);
	for (i = 0, off = 0; lines[i] != NULL; i++) {
		n = strlen(lines[i]);
		memcpy(buf + off, lines[i], n);
		off += n;
		buf[off++] = '\n';
	}
	buf[off] = '\0';
	*len = off;
	return buf;
}

/* Load one list from path, or the built-in list when path is NULL. */
static int
refdata_load_list(struct refdata *rd, enum ref_list list, const char *path,
    char **cause)
{
	char	*text, *name;
	size_t	 len;
	int	 error;

	if (path == NULL) {
		text = refdata_load_builtin(list, &len);
		name = xprintf("built-in %s", refdata_specs[list].file);
	} else {
		if ((text = refdata_load_file(path, &len, cause)) == NULL)
			return -1;
		name = xstrdup(path);
	}
	error = refdata_parse(list, name, text, len, &rd->lists[list], cause);
	free(name);
	free(text);
	return error;
}

struct refdata *
refdata_load(const char *const paths[REF_NLISTS], char **cause)
{
	struct refdata	*rd;
	unsigned int	 i;

	rd = xcalloc(1, sizeof *rd);
	rd->strange = xcalloc(1, sizeof *rd->strange);
	for (i = 0; i < REF_NLISTS; i++) {
		if (refdata_load_list(rd, i, paths == NULL ? NULL : paths[i],
		    cause) != 0) {
			refdata_free(rd);
			return NULL;
		}
	}
	return rd;
}
