/*
 * What admission.c and admission-root.c share: the writing of an
 * admission record, one change.
 */
#ifndef ADMISSION_PRIVATE_H
#define ADMISSION_PRIVATE_H

#include <stdint.h>

#include "oneteam/oneteam.h"

struct admission_arg {
	const struct id	*origin;
	const uint8_t	*key;		/* NULL: none known */
	const char	*name;
	const char	*what;		/* admitted, revoked, root, withdrawn */
	int64_t		 last;		/* -1: none */
	const char	*link;		/* of last, in hex; NULL: none */
};

/* Write the admission record a says, under the id this change gives. */
int	 admission_write(struct oneteam *, const struct admission_arg *,
	     char **cause);

#endif
