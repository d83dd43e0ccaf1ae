/*
 * site.c owns the names of the sites this replica has heard of: its own,
 * kept by the store, and those the bundles it imported said (the site
 * table). Audit trails, conflicts and the exchange all name a site the
 * same way through it.
 */
#include <stdlib.h>

#include "store-private.h"
#include "oneteam/xmalloc.h"

/* The name of a site: this one's, or as a bundle said; NULL if unknown. */
char *
site_name_of(struct store *st, const struct id *site)
{
	struct query	*q;
	char		*name = NULL;

	if (id_cmp(site, store_site(st)) == 0)
		return xstrdup(store_site_name(st));
	q = query_prepare(st, "SELECT name FROM site WHERE id = ?1");
	query_bind_id(q, 1, site);
	if (query_step(q) == 1)
		name = query_text_dup(q, 0);
	query_done(q);
	return name;
}

/* A site's name as known here, or "site XXXXXXXX" from its id. */
char *
site_label(struct store *st, const struct id *site)
{
	char	*name = site_name_of(st, site), b32[27];

	if (name == NULL || *name == '\0') {
		free(name);
		id_base32(site, b32);
		name = xprintf("site %.8s", b32);
	}
	return name;
}
