/*
 * Need to know: whoever is at work looks, without saying why, at the
 * families of their own locality and those they work with (they lead
 * it, have recorded a contact with it, or own one of its actions). Any
 * other family is opened by "breaking the glass": saying why, which goes
 * on the audit trail for coordinators to see. With nobody at work (the
 * command line without --as) there is nobody to ask; the look is still
 * recorded, by nobody.
 */
#ifndef ONETEAM_ACCESS_H
#define ONETEAM_ACCESS_H

#include "oneteam/oneteam.h"

/* 1: it is theirs to see; 0: only by breaking the glass; -1: *cause. */
int	 access_may_view(struct oneteam *, const struct id *family,
	     char **cause);
/*
 * Break the glass: record why whoever is at work opens family (a line,
 * required) on the audit trail, in one transaction.
 */
int	 access_break_glass(struct oneteam *, const struct id *family,
	     const char *reason, char **cause);

#endif
