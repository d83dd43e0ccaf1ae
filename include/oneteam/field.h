/*
 * The fields of the changes people make: a field has a name ("basis_reason")
 * that each front end words its own way. The command line makes its option
 * of it (--basis-reason); the screens show the message under the field of
 * that name in the form. A refusal of the core names its field
 * (oneteam_refuse_field()) and no option.
 */
#ifndef ONETEAM_FIELD_H
#define ONETEAM_FIELD_H

#include <stddef.h>

/* The command line's option of a field, "--" and the name with "-" for
 * "_", into buf of len bytes. */
void	 field_option(const char *name, char *buf, size_t len);

#endif
