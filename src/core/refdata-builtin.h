/*
 * The built-in reference lists, generated from the .tsv files in
 * share/oneteam by build-aux/embed-tsv.sh into refdata-builtin.c. Private
 * to refdata.c.
 */
#ifndef ONETEAM_REFDATA_BUILTIN_H
#define ONETEAM_REFDATA_BUILTIN_H

#include "oneteam/refdata.h"

/*
 * The lines of each list's .tsv file, without their newlines, indexed by
 * enum ref_list; each array ends with NULL.
 */
extern const char *const *const refdata_builtin[REF_NLISTS];

#endif
