/*
 * The demo: a realistic, fictional locality to try oneteam on, or, at
 * scale, a borough-sized database for the benchmark.
 */
#ifndef ONETEAM_DEMO_H
#define ONETEAM_DEMO_H

#include <stdint.h>

#include "oneteam/oneteam.h"

struct demo_opts {
	unsigned	 families;	/* how many families (default 60) */
	uint64_t	 seed;		/* the same seed, the same families */
	int		 contacts;	/* contacts a family, on average */
	int		 stories;	/* story revisions a family */
	/* Called now and then with how many families are done. */
	void		(*progress)(unsigned done, unsigned total, void *);
	void		*arg;
};

/* What every member of the demo's staff signs in with. */
#define DEMO_PASSPHRASE	"riverside demo"

/* Defaults: 60 families, seed 1, 20 contacts and 6 story revisions each. */
void	 demo_defaults(struct demo_opts *);

/*
 * Fill a new, empty database with a team, its families and six months of
 * their records, in large transactions (all or nothing for each batch of
 * families; a failure leaves the batches before it). Dates are relative
 * to ot->now. Returns -1 with *cause.
 */
int	 demo_build(struct oneteam *, const struct demo_opts *, char **cause);

#endif
