/*
 * What the modules of the reference lists share and nobody else sees:
 * refdata.c (the lists, and finding things in them), refdata-load.c
 * (loading them, from files or built in), refdata-parse.c (reading the
 * text of one list) and refdata-check.c (what a list and each of its
 * entries must be).
 */
#ifndef ONETEAM_REFDATA_PRIVATE_H
#define ONETEAM_REFDATA_PRIVATE_H

#include <stddef.h>

#include "oneteam/refdata.h"

#define REFDATA_MAX_FILE	(1024 * 1024)	/* bytes in a list file */
#define REFDATA_MAX_CODE	40		/* bytes in a code */
#define REFDATA_MAX_LABEL	200		/* bytes in a label */
#define REFDATA_MAX_TEXT	1000		/* bytes in a response */
#define REFDATA_MAX_COLUMNS	4

/* One loaded list. */
struct refdata_list {
	struct ref_item	*items;
	size_t		 n;
};

/* The lists loaded. */
/* The labels given to codes a list does not have (refdata_label()). */
struct refdata_strange {
	char	**labels;
	size_t	  n;
};

struct refdata {
	struct refdata_list	 lists[REF_NLISTS];
	struct refdata_strange	*strange;	/* made with it */
};

/* How each list is named, spoken of and laid out. */
struct refdata_spec {
	const char	*name;		/* configuration key: "red_flags" */
	const char	*file;		/* built-in file: "red-flags.tsv" */
	const char	*what;		/* one entry, in people's words */
	unsigned int	 ncolumns;
	const char	*columns[REFDATA_MAX_COLUMNS];
	unsigned int	 optional;	/* last columns a file may leave out */
};

/* Each list's name, file and columns (refdata.c). */
extern const struct refdata_spec refdata_specs[REF_NLISTS];

/* Where the parser is: which list, which file, what it has read so far. */
struct refdata_parse {
	enum ref_list		 list;
	const char		*file;		/* for messages */
	struct refdata_list	*out;
	unsigned int		*lines;		/* line of each item */
	size_t			 size;		/* allocated items */
	int			 header;	/* header line seen */
	unsigned int		 ncolumns;	/* as the header has them */
};

/* refdata.c */
int	 refdata_casecmp(const char *, const char *);
/* A new copy of the len bytes at s without spaces at either end. */
char	*refdata_trim(const char *s, size_t len);
/* The item of a list with this exact code, or NULL. */
const struct ref_item *refdata_find_in(const struct refdata_list *,
	     const char *code);
void	 refdata_free_list(struct refdata_list *);

/*
 * refdata-parse.c: parse the len bytes of text, a whole list file, into
 * *out. The file name is only for messages.
 */
int	 refdata_parse(enum ref_list, const char *file, const char *text,
	     size_t len, struct refdata_list *out, char **cause);

/* refdata-check.c: the header line, an entry line before it is added,
 * the whole list once read. */
int	 refdata_check_header(struct refdata_parse *, char **fields,
	     unsigned int n, unsigned int lineno, char **cause);
int	 refdata_check_entry(struct refdata_parse *, char **fields,
	     unsigned int n, unsigned int lineno, char **cause);
int	 refdata_check_list(struct refdata_parse *, char **cause);

#endif
