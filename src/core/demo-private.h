/*
 * What the demo's modules share and nobody else sees: demo.c (the seeded
 * generator), demo-family.c (one family and six months of its records)
 * and demo-build.c (the team, then the families, in one transaction).
 */
#ifndef ONETEAM_DEMO_PRIVATE_H
#define ONETEAM_DEMO_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "oneteam/demo.h"
#include "oneteam/store.h"

#define DAY_MS		(24 * 60 * 60 * 1000LL)
#define NELEM(a)	(sizeof (a) / sizeof (a)[0])
#define DEMO_NLOCALITIES 8	/* the localities a borough may have */

struct demo {
	struct oneteam		*ot;
	const struct demo_opts	*opts;
	uint64_t		 rng;
	struct id		 staff[16];
	size_t			 nstaff;
	struct id		 locality[DEMO_NLOCALITIES];
	size_t			 nlocality;
	int			 borough;	/* past DEMO_BOROUGH families */
	struct id		 person[8];	/* the current family's people */
	char			*pname[8];
	int			 page[8];
	int			 child_age;	/* the eldest's, whom
						   contacts name */
	size_t			 npeople;
	int			 flagged;
	unsigned		 index;
	/* The key the demo's passphrase gives its staff, who sign with it
	 * (demo_as()); has_sk once made. */
	uint8_t			 sk[64];
	int			 has_sk;
};

/* demo.c: the generator, seeded, so a seed gives the same families. */
int	 demo_pick(struct demo *, int n);		/* 0 to n - 1 */
int	 demo_chance(struct demo *, int percent);
/* A chance in percent in the demo, or per mille in a borough. */
int	 demo_rate(struct demo *, int percent, int permille);
void	 demo_date(struct demo *, int64_t ms, char *iso);
/* Copy a template of our own, putting name where it says %s. */
void	 demo_fill(char *buf, size_t len, const char *template,
	     const char *name);
int	 demo_new(struct demo *, const char *etype, const struct field *,
	     size_t n, struct id *, char **cause);
/* Be a member of staff for the records that follow. */
void	 demo_as(struct demo *, const struct id *who);
/* A moment within the last days of the demo, in working hours. */
int64_t	 demo_when(struct demo *, int from_days, int to_days);
/* One of the team, not Grace (who manages) nor the last. */
const struct id *demo_someone(struct demo *);

/* demo-family.c: the next family (d->index) and all its records. */
int	 demo_family(struct demo *, char **cause);

#endif
