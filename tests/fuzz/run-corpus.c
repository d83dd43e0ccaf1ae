/*
 * run-corpus.c: replay inputs of the bundle fuzz target without libFuzzer,
 * so any compiler can run the corpus, under the sanitizers or valgrind,
 * and a crash found by the fuzzer can be run again in a debugger.
 *
 *	run-corpus file|directory ...
 *
 * Each file, and each file in a directory (in name order, hidden ones
 * left out), goes once through LLVMFuzzerTestOneInput. The results are
 * TAP: an input the target stops on never prints its "ok" line.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "oneteam/xmalloc.h"
#include "fuzz-bundle.h"

struct inputs {
	char	**v;
	size_t	  n;
};

static void
inputs_add(struct inputs *in, char *path)
{
	in->v = xreallocarray(in->v, in->n + 1, sizeof *in->v);
	in->v[in->n++] = path;
}

static int
visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* A file, or the files of a directory; -1 if it cannot be read. */
static int
inputs_collect(struct inputs *in, const char *path)
{
	struct dirent	**list;
	struct stat	  sb;
	int		  n, i;

	if (stat(path, &sb) != 0) {
		fprintf(stderr, "run-corpus: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		inputs_add(in, xstrdup(path));
		return 0;
	}
	if ((n = scandir(path, &list, visible, alphasort)) < 0) {
		fprintf(stderr, "run-corpus: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		inputs_add(in, xprintf("%s/%s", path, list[i]->d_name));
		free(list[i]);
	}
	free(list);
	return 0;
}

/* The whole of a file, in memory of its own size (for ASan to guard). */
static uint8_t *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	uint8_t	*p = NULL;
	long	 size;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		p = xmalloc((size_t)size);
		if (fread(p, 1, (size_t)size, f) != (size_t)size) {
			free(p);
			p = NULL;
		}
		*len = (size_t)size;
	}
	fclose(f);
	return p;
}

int
main(int argc, char **argv)
{
	struct inputs	 in = { NULL, 0 };
	uint8_t		*p;
	size_t		 i, len;
	int		 a, bad = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: run-corpus file|directory ...\n");
		return 2;
	}
	for (a = 1; a < argc; a++)
		if (inputs_collect(&in, argv[a]) != 0)
			return 1;
	printf("1..%zu\n", in.n);
	for (i = 0; i < in.n; i++) {
		fflush(stdout);
		if ((p = slurp(in.v[i], &len)) == NULL) {
			printf("not ok %zu - %s: %s\n", i + 1, in.v[i],
			    strerror(errno));
			bad = 1;
		} else {
			LLVMFuzzerTestOneInput(p, len);
			printf("ok %zu - %s\n", i + 1, in.v[i]);
		}
		free(p);
		free(in.v[i]);
	}
	free(in.v);
	return bad;
}
