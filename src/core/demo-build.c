/*
 * demo-build.c builds the demo: a fictional locality, Riverside, with its
 * core team and families drawn from the many communities an English
 * borough serves, and six months of their records (demo-family.c makes
 * them: people, consent, contacts, the family story, referrals in every
 * status, red flags, actions, steps up and down). It writes through
 * store_new() and store_set() like everything else, in one bulk
 * transaction, so the same code builds the benchmark's borough of 100,000
 * families. Only what the seeded generator of demo.c draws is random, so
 * a seed gives the same families every time (their ids are random as
 * always).
 *
 * Past DEMO_BOROUGH families it makes a borough rather than one team's
 * locality: the families spread over several localities, and things slip
 * at the rates of a working service (a few families in a hundred), not
 * the demo's, where nearly every family has something to show.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "oneteam/signin.h"
#include "oneteam/staff.h"
#include "demo-private.h"

#define DEMO_PROGRESS	1000	/* families between progress reports */
#define DEMO_BOROUGH	1000	/* more families than this: a borough */
#define DEMO_LOCALITY	12500	/* a borough's families a locality */

/* The first two are the demo's; a borough has up to all of them. */
static const char *const demo_localities[DEMO_NLOCALITIES] = {
	"Riverside", "Northfield", "Millbrook", "Eastgate", "Hollins",
	"Southmead", "Westbank", "Canal Side",
};

static const struct {
	const char	*name;
	const char	*role;
	const char	*agency;
	int		 coordinator;
} demo_staff[] = {
	{ "Grace Okafor", "locality_coordinator", "early_help", 1 },
	{ "Amira Hassan", "health_visitor", "health_visiting", 0 },
	{ "Siobhan Byrne", "health_visitor", "health_visiting", 0 },
	{ "Priya Patel", "midwife", "midwifery", 0 },
	{ "Tom Brennan", "early_help_worker", "early_help", 0 },
	{ "Łucja Kowalska", "family_support_worker", "early_help", 0 },
	{ "Dwayne Campbell", "early_help_worker", "early_help", 0 },
	{ "Fatima Begum", "school_nurse", "school_nursing", 0 },
	{ "Chloé Martin", "childrens_centre_worker", "childrens_centre", 0 },
	{ "Mehmet Yılmaz", "social_worker", "childrens_social_care", 0 },
	{ "Rachel Green", "attendance_officer", "education", 0 },
	{ "Oluwaseun Adeyemi", "senco", "education", 0 },
	{ "Gareth Jones", "pcso", "police", 0 },
	{ "Nadia Rahman", "housing_officer", "housing", 0 },
	{ "Ştefan Popescu", "voluntary_sector_worker", "voluntary_sector", 0 },
	{ "Mei Lin", "locality_coordinator", "early_help", 1 },
};

static int
demo_build_team(struct demo *d, char **cause)
{
	struct staff_new	sn;
	char			hash[SIGNIN_HASH_LEN];
	size_t			i;

	/* One hash for all: they share the demo's passphrase. */
	if (signin_hash(DEMO_PASSPHRASE, strlen(DEMO_PASSPHRASE), hash,
	    d->sk, cause) != 0)
		return -1;
	d->has_sk = 1;
	for (i = 0; i < d->nlocality; i++)
		if (locality_ensure(d->ot, demo_localities[i], &d->locality[i],
		    cause) != 0)
			return -1;
	for (i = 0; i < NELEM(demo_staff); i++) {
		memset(&sn, 0, sizeof sn);
		sn.name = demo_staff[i].name;
		sn.role = demo_staff[i].role;
		sn.agency = demo_staff[i].agency;
		sn.locality = demo_localities[i == NELEM(demo_staff) - 1];
		sn.coordinator = demo_staff[i].coordinator;
		sn.admin = i == 0;	/* Grace manages the accounts */
		if (staff_add_tx(d->ot, &sn, &d->staff[i], cause) != 0 ||
		    signin_set_hash_tx(d->ot, &d->staff[i], hash, cause) != 0)
			return -1;
	}
	d->nstaff = NELEM(demo_staff);
	return 0;
}

int
demo_build(struct oneteam *ot, const struct demo_opts *opts, char **cause)
{
	struct demo	d;
	struct id	author = ot->me;
	unsigned	i;
	int		rc = -1;

	memset(&d, 0, sizeof d);
	d.ot = ot;
	d.opts = opts;
	d.rng = opts->seed * 0x9e3779b97f4a7c15ULL + 1;
	d.borough = opts->families > DEMO_BOROUGH;
	d.nlocality = 2;
	if (d.borough && opts->families / DEMO_LOCALITY > 2)
		d.nlocality = opts->families / DEMO_LOCALITY;
	if (d.nlocality > NELEM(demo_localities))
		d.nlocality = NELEM(demo_localities);
	/*
	 * Room for the indexes the load writes at random, about 2.5 KiB a
	 * family; a larger cache only leaves more for the commit to write.
	 */
	if (opts->families > 1000)
		store_set_cache(ot->st, 32 + (int)(opts->families / 400));
	/*
	 * One bulk transaction for the lot: the store makes its indexes of
	 * random keys, the derived state and the search index once, at the
	 * commit, and a failure leaves an empty database, not part of one.
	 */
	if (store_set_bulk(ot->st, 1, cause) != 0 ||
	    store_begin(ot->st, cause) != 0)
		return -1;
	/* Marked, so that only a demo's file is replaced by another. */
	if (store_set_demo(ot->st, 1, cause) != 0 ||
	    demo_build_team(&d, cause) != 0)
		goto out;
	for (i = 0; i < opts->families; i++) {
		d.index = i;
		if (demo_family(&d, cause) != 0)
			goto out;
		if (opts->progress != NULL && ((i + 1) % DEMO_PROGRESS == 0 ||
		    i + 1 == opts->families))
			opts->progress(i + 1, opts->families, opts->arg);
	}
	if (store_commit(ot->st, cause) != 0)
		goto done;
	rc = store_set_bulk(ot->st, 0, cause);
	goto done;
out:
	store_rollback(ot->st);
done:
	for (i = 0; i < d.npeople; i++)
		free(d.pname[i]);
	store_set_author(ot->st, &author);
	store_set_signer(ot->st, NULL, NULL);
	sodium_memzero(d.sk, sizeof d.sk);
	return rc;
}

