/*
 * field.c owns the fields of the changes people make: their names and how
 * a front end words them. It holds no rule of a record's own: those are
 * the record's module's.
 */
#include <string.h>

#include "oneteam/field.h"

void
field_option(const char *name, char *buf, size_t len)
{
	size_t	i;

	if (len < 3) {
		if (len > 0)
			*buf = '\0';
		return;
	}
	buf[0] = buf[1] = '-';
	for (i = 2; i + 1 < len && *name != '\0'; i++, name++)
		buf[i] = *name == '_' ? '-' : *name;
	buf[i] = '\0';
}
