/*
 * What the export modules share and nobody else sees: export.c (the rule,
 * the CSV, writing and recording), export-text.c (laying out text for a
 * page of EXPORT_WIDTH columns) and export-summary.c (a family's printed
 * summary).
 */
#ifndef ONETEAM_EXPORT_PRIVATE_H
#define ONETEAM_EXPORT_PRIVATE_H

#include <stddef.h>
#include <stdio.h>

#include "oneteam/export.h"

/*
 * export.c: write text to a new file at path, made with the person's
 * rights and never replacing one, once record(ot, arg) has put it on the
 * trail (in a transaction of its own): recorded and not written says
 * more than was done, never less.
 */
int	 export_file(struct oneteam *, const char *path, const char *text,
	     int (*record)(struct oneteam *, void *, char **), void *arg,
	     char **cause);

/* export.c: a member of staff as an export names them (NULL: nobody). */
char	*export_staff(struct oneteam *, const struct id *, int with_name);

/*
 * export-text.c: escaped text wrapped at EXPORT_WIDTH, its first line
 * after first (a label) and the rest at indent; a paragraph put together
 * with printf; "  Label:" and a value (nothing when it is empty); a
 * heading; a stored ISO date as people read it, into buf (32).
 */
void	 export_text(FILE *, const char *first, size_t indent,
	     const char *text);
void	 export_text_para(FILE *, size_t indent, const char *fmt, ...)
	     __attribute__((format(printf, 3, 4)));
void	 export_text_field(FILE *, const char *label, const char *value);
void	 export_text_heading(FILE *, const char *title);
const char *export_text_date(const char *iso, char *buf);

#endif
