/*
 * audit.c owns the audit trail (audit.h): writing an entry onto the end
 * of this site's chain, walking every site's chain to find what was
 * edited or taken out, and listing entries for a subject access request,
 * an investigation or the coordinators' look at the glass broken.
 * Deciding what is worth an entry is for the callers (signin.c, the
 * commands, the screens).
 *
 * An entry's hash covers the hash of the entry before it and its own
 * fields, each written with its type and length so that no two different
 * entries encode alike ("ab" + "c" is not "a" + "bc"). The chain shows
 * what was done to the table; an entry taken off the end of a chain,
 * from the table and from the change log alike, shows only at the sites
 * that hold it already.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "oneteam/audit.h"
#include "oneteam/op.h"
#include "oneteam/date.h"
#include "oneteam/staff.h"
#include "oneteam/xmalloc.h"

/* The encoding's name and version, hashed first: a new encoding is a new
 * name, never a silent change of meaning. */
#define AUDIT_DOMAIN	"oneteam audit 1"

enum { AT_NULL, AT_INT, AT_TEXT, AT_ID };

/* The fields of an entry that its hash covers. */
struct audit_fields {
	const struct id	*site;
	int64_t		 seq;
	int64_t		 at;
	const struct id	*who;		/* NULL or zero: nobody */
	const char	*what;
	const struct id	*family;	/* NULL or zero: none */
	const char	*detail;	/* NULL: none */
	const char	*prev;		/* hex, "" for a site's first */
};

/* One field: a tag, four bytes of length (big-endian) and the bytes. */
static void
audit_put(crypto_generichash_state *h, int tag, const void *p, size_t len)
{
	uint8_t	head[5];

	head[0] = (uint8_t)tag;
	head[1] = (uint8_t)(len >> 24);
	head[2] = (uint8_t)(len >> 16);
	head[3] = (uint8_t)(len >> 8);
	head[4] = (uint8_t)len;
	crypto_generichash_update(h, head, tag == AT_NULL ? 1 : 5);
	if (tag != AT_NULL && len > 0)
		crypto_generichash_update(h, p, len);
}

static void
audit_put_int(crypto_generichash_state *h, int64_t v)
{
	uint8_t		b[8];
	uint64_t	u = (uint64_t)v;
	int		i;

	for (i = 7; i >= 0; i--, u >>= 8)
		b[i] = (uint8_t)u;
	audit_put(h, AT_INT, b, sizeof b);
}

static void
audit_put_text(crypto_generichash_state *h, const char *s)
{
	if (s == NULL)
		audit_put(h, AT_NULL, NULL, 0);
	else
		audit_put(h, AT_TEXT, s, strlen(s));
}

static void
audit_put_id(crypto_generichash_state *h, const struct id *id)
{
	if (id == NULL || id_is_zero(id))
		audit_put(h, AT_NULL, NULL, 0);
	else
		audit_put(h, AT_ID, id->b, ID_LEN);
}

/* The hash of an entry, as hex into hex (AUDIT_HASH_HEX). */
static void
audit_hash(const struct audit_fields *f, char *hex)
{
	crypto_generichash_state	h;
	uint8_t				out[32];

	crypto_generichash_init(&h, NULL, 0, sizeof out);
	audit_put_text(&h, AUDIT_DOMAIN);
	audit_put_text(&h, f->prev);
	audit_put_id(&h, f->site);
	audit_put_int(&h, f->seq);
	audit_put_int(&h, f->at);
	audit_put_id(&h, f->who);
	audit_put_text(&h, f->what);
	audit_put_id(&h, f->family);
	audit_put_text(&h, f->detail);
	crypto_generichash_final(&h, out, sizeof out);
	sodium_bin2hex(hex, AUDIT_HASH_HEX, out, sizeof out);
}

/* A detail kept to one line of bounded length, whatever it was given. */
static char *
audit_line(const char *detail)
{
	char	*s, *p;

	if (detail == NULL)
		return NULL;
	s = xstrndup(detail, ONETEAM_LINE_MAX);
	for (p = s; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return s;
}

struct record_arg {
	const struct id	*who;
	const char	*what;
	const struct id	*family;
	const char	*detail;
	int64_t		 at;		/* 0: now */
};

/* The number and hash of this site's last entry: 0 and "" for none. */
static int
audit_last(struct oneteam *ot, int64_t *seq, char *hash, char **cause)
{
	struct query	*q;
	int		 rc;

	*seq = 0;
	*hash = '\0';
	q = query_prepare(ot->st, "SELECT seq, hash FROM audit WHERE "
	    "site = ?1 ORDER BY seq DESC LIMIT 1");
	query_bind_id(q, 1, store_site(ot->st));
	if ((rc = query_step(q)) == 1) {
		*seq = query_int(q, 0);
		snprintf(hash, AUDIT_HASH_HEX, "%s", query_text(q, 1));
	}
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

static int
audit_record_fn(struct oneteam *ot, void *arg, char **cause)
{
	struct record_arg	*a = arg;
	struct audit_fields	 af;
	struct field		 f[9];
	struct id		 id, author = *store_author(ot->st);
	char			 prev[AUDIT_HASH_HEX], hash[AUDIT_HASH_HEX];
	char			*detail;
	int64_t			 last;
	int			 rc;

	if (audit_last(ot, &last, prev, cause) != 0)
		return -1;
	detail = audit_line(a->detail);
	af = (struct audit_fields){ store_site(ot->st), last + 1,
	    a->at != 0 ? a->at : ot->now, a->who, a->what, a->family, detail,
	    prev };
	audit_hash(&af, hash);
	f[0] = (struct field){ "seq", val_int(af.seq) };
	f[1] = (struct field){ "site", val_id(af.site) };
	f[2] = (struct field){ "at", val_int(af.at) };
	f[3] = (struct field){ "who", val_id(af.who) };
	f[4] = (struct field){ "what", val_text(af.what) };
	f[5] = (struct field){ "family", val_id(af.family) };
	f[6] = (struct field){ "detail", val_text(detail) };
	f[7] = (struct field){ "prev", val_text(prev) };
	f[8] = (struct field){ "hash", val_text(hash) };
	/* The change that carries an entry is by whom it is about. */
	store_set_author(ot->st, a->who);
	rc = store_new(ot->st, "audit", f, 9, &id, cause);
	store_set_author(ot->st, &author);
	free(detail);
	return rc;
}

int
audit_record_as(struct oneteam *ot, const struct id *who, const char *what,
    const struct id *family, const char *detail, char **cause)
{
	struct record_arg	a = { who, what, family, detail, 0 };

	return oneteam_change(ot, audit_record_fn, &a, cause);
}

int
audit_record_again(struct oneteam *ot, const struct op *old,
    const struct store_recovered *r, char **cause)
{
	struct record_arg	 a;
	const struct val	*v;
	struct id		 who, family;
	size_t			 i;
	int			 rc;

	memset(&a, 0, sizeof a);
	memset(&who, 0, sizeof who);
	memset(&family, 0, sizeof family);
	for (i = 0; i < old->nfields; i++) {
		v = &old->fields[i].v;
		if (strcmp(old->fields[i].name, "at") == 0 &&
		    v->type == VAL_INT)
			a.at = v->i;
		else if (strcmp(old->fields[i].name, "who") == 0 &&
		    v->type == VAL_ID)
			who = *store_recovered_id(r, &v->id);
		else if (strcmp(old->fields[i].name, "family") == 0 &&
		    v->type == VAL_ID)
			family = *store_recovered_id(r, &v->id);
		else if (strcmp(old->fields[i].name, "what") == 0 &&
		    v->type == VAL_TEXT)
			a.what = v->s;
		else if (strcmp(old->fields[i].name, "detail") == 0 &&
		    v->type == VAL_TEXT)
			a.detail = v->s;
	}
	if (a.what == NULL)
		return oneteam_refuse(ot, cause, "an entry of the trail with "
		    "no kind cannot be entered again");
	a.who = &who;
	a.family = id_is_zero(&family) ? NULL : &family;
	store_set_remaking(ot->st, old);
	rc = audit_record_fn(ot, &a, cause);
	store_set_remaking(ot->st, NULL);
	return rc;
}

int
audit_record(struct oneteam *ot, const char *what, const struct id *family,
    const char *detail, char **cause)
{
	return audit_record_as(ot, &ot->me, what, family, detail, cause);
}

/* --- verifying ----------------------------------------------------------- */

struct walk {
	struct oneteam	*ot;
	void		(*report)(const char *, void *);
	void		*arg;
	int		 problems;
	const struct id	*site;
	char		*name;		/* of the site */
	int64_t		 expect;	/* the next seq */
	char		 prev[AUDIT_HASH_HEX]; /* the last entry's hash */
};

static void
audit_problem(struct walk *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
audit_problem(struct walk *w, const char *fmt, ...)
{
	va_list	 ap;
	char	*s, *line;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	xasprintf(&line, "audit trail of %s: %s", w->name, s);
	w->report(line, w->arg);
	w->problems++;
	free(line);
	free(s);
}

/* One entry of the site being walked, its columns from AUDIT_WALK. */
static void
audit_walk_one(struct walk *w, struct query *q)
{
	struct audit_fields	 af;
	struct id		 who = query_id(q, 2), family = query_id(q, 4);
	char			 hash[AUDIT_HASH_HEX];
	const char		*prev = query_text(q, 6);

	af = (struct audit_fields){ w->site, query_int(q, 0), query_int(q, 1),
	    &who, query_text_or_null(q, 3), &family,
	    query_text_or_null(q, 5), prev };
	if (af.seq < w->expect)
		audit_problem(w, "entry %lld is there twice or out of order",
		    (long long)af.seq);
	else if (af.seq == w->expect + 1)
		audit_problem(w, "entry %lld is missing: it was deleted",
		    (long long)w->expect);
	else if (af.seq > w->expect)
		audit_problem(w, "entries %lld to %lld are missing: they were "
		    "deleted", (long long)w->expect, (long long)af.seq - 1);
	else if (strcmp(prev, w->prev) != 0)
		audit_problem(w, "entry %lld does not follow entry %lld: an "
		    "entry was deleted, replaced or put out of order",
		    (long long)af.seq, (long long)af.seq - 1);
	audit_hash(&af, hash);
	if (strcmp(hash, query_text(q, 7)) != 0)
		audit_problem(w, "entry %lld was edited: it does not match "
		    "its hash", (long long)af.seq);
	if (af.seq >= w->expect)
		w->expect = af.seq + 1;
	snprintf(w->prev, sizeof w->prev, "%s", query_text(q, 7));
}

#define AUDIT_WALK "SELECT seq, at, who, what, family, detail, prev, hash " \
	"FROM audit WHERE site = ?1 ORDER BY seq, hlc, id"

/*
 * The change log holds every entry the site made that reached here: more
 * of them than the table has is an entry deleted from the table, the end
 * of a chain included, which the chain cannot show. Entries of a site
 * not admitted, or revoked, are kept in the log and not in the table.
 */
static int
audit_walk_log(struct walk *w, int64_t rows)
{
	struct query	*q;
	int64_t		 logged;

	/* kind 1: the operation that made the entry (op.h's OP_NEW); not
	 * one its site's admission holds back or refuses (admission.h). */
	q = query_prepare(w->ot->st, "SELECT count(*) FROM op o WHERE "
	    "origin = ?1 AND etype = 'audit' AND kind = 1 AND NOT EXISTS "
	    "(SELECT 1 FROM refused r WHERE r.op = o.id)");
	query_bind_id(q, 1, w->site);
	logged = query_count(q);
	if (logged < 0)
		return -1;
	if (logged > rows)
		audit_problem(w, "%lld entr%s in the change log %s not in the "
		    "trail: deleted", (long long)(logged - rows),
		    logged - rows == 1 ? "y" : "ies",
		    logged - rows == 1 ? "is" : "are");
	return 0;
}

/* Walk one site's chain from its first entry. */
static int
audit_walk_site(struct walk *w, const struct id *site, int64_t *rows)
{
	struct query	*q;
	int		 rc;

	w->site = site;
	w->name = site_label(w->ot->st, site);
	w->expect = 1;
	*w->prev = '\0';
	*rows = 0;
	q = query_prepare(w->ot->st, AUDIT_WALK);
	query_bind_id(q, 1, site);
	while ((rc = query_step(q)) == 1) {
		audit_walk_one(w, q);
		(*rows)++;
	}
	query_done(q);
	if (rc == 0)
		rc = audit_walk_log(w, *rows);
	free(w->name);
	return rc;
}

/* The sites with entries here, or with entries in the log only. */
static struct id *
audit_sites(struct oneteam *ot, size_t *n)
{
	struct query	*q;
	struct id	*sites = NULL;

	*n = 0;
	q = query_prepare(ot->st, "SELECT site FROM audit UNION SELECT "
	    "origin FROM op WHERE etype = 'audit' AND kind = 1 ORDER BY 1");
	while (query_step(q) == 1) {
		sites = xreallocarray(sites, *n + 1, sizeof *sites);
		sites[(*n)++] = query_id(q, 0);
	}
	query_done(q);
	return sites;
}

int
audit_verify(struct oneteam *ot, void (*report)(const char *, void *),
    void *arg, struct audit_tally *tally, char **cause)
{
	struct walk	 w = { ot, report, arg, 0, NULL, NULL, 0, "" };
	struct id	*sites;
	size_t		 n, i;
	int64_t		 rows;
	int		 rc = 0;

	if (tally != NULL)
		memset(tally, 0, sizeof *tally);
	/* One snapshot, so a writer at work does not look like a gap. */
	if (store_begin_read(ot->st, cause) != 0)
		return -1;
	sites = audit_sites(ot, &n);
	for (i = 0; rc == 0 && i < n; i++) {
		rc = audit_walk_site(&w, &sites[i], &rows);
		if (tally != NULL) {
			tally->entries += rows;
			tally->sites++;
		}
	}
	free(sites);
	if (rc != 0) {
		oneteam_db_fail(ot, cause);
		store_rollback(ot->st);
		return -1;
	}
	/* Entries are changes of their sites' chains: a change deleted,
	 * edited or put in another's place shows there, entry or not. */
	if ((rc = store_chain_check(ot->st, report, arg, cause)) < 0) {
		store_rollback(ot->st);
		return -1;
	}
	store_rollback(ot->st);
	return w.problems + rc;
}

/* --- listing ------------------------------------------------------------- */

#define AUDIT_COLUMNS "a.site, a.seq, a.at, a.who, s.name, a.what, " \
	"a.family, a.detail, f.household"
#define AUDIT_FROM " FROM audit a LEFT JOIN staff s ON s.id = a.who " \
	"LEFT JOIN family f ON f.id = a.family "

static void
audit_from_row(struct oneteam *ot, struct query *q, struct audit_entry *e)
{
	memset(e, 0, sizeof *e);
	e->site = query_id(q, 0);
	e->site_name = site_label(ot->st, &e->site);
	e->seq = query_int(q, 1);
	e->at = query_int(q, 2);
	e->who = query_id(q, 3);
	e->who_name = xstrdup(query_text(q, 4));
	e->what = query_text(q, 5);
	e->family = query_id(q, 6);
	if (!id_is_zero(&e->family))
		oneteam_ref("family", &e->family, e->family_ref);
	e->detail = xstrdup(query_text(q, 7));
	e->household = xstrdup(query_text(q, 8));
}

static void
audit_entry_clear(struct audit_entry *e)
{
	free(e->site_name);
	free(e->who_name);
	free(e->detail);
	free(e->household);
}

/* Call fn for each row of a prepared and bound query. */
static int
audit_list(struct oneteam *ot, struct query *q,
    int (*fn)(const struct audit_entry *, void *), void *arg, char **cause)
{
	struct audit_entry	e;
	int			rc, stop = 0;

	while (!stop && (rc = query_step(q)) == 1) {
		audit_from_row(ot, q, &e);
		stop = fn(&e, arg);
		audit_entry_clear(&e);
	}
	query_done(q);
	return rc < 0 ? oneteam_db_fail(ot, cause) : 0;
}

/*
 * The trail says who looked at which family and why: for coordinators
 * and administrators to read, and for each member of staff their own
 * entries (staff, may be NULL). what is what the refusal says they do:
 * "reads who viewed a family".
 */
static int
audit_need_reader(struct oneteam *ot, const struct id *staff,
    const char *what, char **cause)
{
	if (id_is_zero(&ot->me))
		return oneteam_refuse_field(ot, cause, "as", "only a "
		    "coordinator or an administrator %s: sign in, or say "
		    "who you are", what);
	if (staff != NULL && id_cmp(staff, &ot->me) == 0)
		return 0;
	return staff_need_manager(ot, what, cause) == 0 ? 0 : -1;
}

int
audit_who_viewed(struct oneteam *ot, const struct id *family,
    int (*fn)(const struct audit_entry *, void *), void *arg, char **cause)
{
	struct query	*q;

	if (audit_need_reader(ot, NULL, "reads who viewed a family",
	    cause) != 0)
		return -1;

	q = query_prepare(ot->st, "SELECT " AUDIT_COLUMNS AUDIT_FROM
	    "WHERE a.family = ?1 ORDER BY a.at DESC, a.site, a.seq DESC");
	query_bind_id(q, 1, family);
	return audit_list(ot, q, fn, arg, cause);
}

int
audit_by(struct oneteam *ot, const struct id *staff, int64_t since_ms,
    int (*fn)(const struct audit_entry *, void *), void *arg, char **cause)
{
	struct query	*q;

	if (audit_need_reader(ot, staff, "reads what another member of "
	    "staff did", cause) != 0)
		return -1;
	q = query_prepare(ot->st, "SELECT " AUDIT_COLUMNS AUDIT_FROM
	    "WHERE a.who = ?1 AND a.at >= ?2 "
	    "ORDER BY a.at DESC, a.site, a.seq DESC");
	query_bind_id(q, 1, staff);
	query_bind_int(q, 2, since_ms);
	return audit_list(ot, q, fn, arg, cause);
}

int
audit_of_kind(struct oneteam *ot, const char *what, int64_t since_ms,
    size_t limit, int (*fn)(const struct audit_entry *, void *), void *arg,
    char **cause)
{
	struct query	*q;

	if (audit_need_reader(ot, NULL, "lists entries of the audit "
	    "trail", cause) != 0)
		return -1;
	/* LIMIT -1 is SQLite's "no limit". */
	q = query_prepare(ot->st, "SELECT " AUDIT_COLUMNS AUDIT_FROM
	    "WHERE a.what = ?1 AND a.at >= ?2 "
	    "ORDER BY a.at DESC, a.site, a.seq DESC LIMIT ?3");
	query_bind_text(q, 1, what);
	query_bind_int(q, 2, since_ms);
	query_bind_int(q, 3, limit == 0 ? -1 : (int64_t)limit);
	return audit_list(ot, q, fn, arg, cause);
}

int
audit_since(struct oneteam *ot, const char *text, int64_t *ms, char **cause)
{
	struct date	 d;
	char		*why = NULL, *start, iso[11];
	int		 rc;

	if (date_parse(text, ot->now, &d, &why) != 0) {
		free(why);
		return time_parse(text, ot->now, ms, cause);
	}
	date_iso(&d, iso);
	start = xprintf("%s 00:00", iso);
	rc = time_parse(start, ot->now, ms, cause);
	free(start);
	return rc;
}
