/*
 * oneteam.c owns the context a command works in: loading configuration,
 * reference lists and the store together, knowing who is at work, finding
 * records by the references people type, and running one change as one
 * transaction. It also holds the few checks that several domain modules
 * make alike: that a family exists, a typed list of needs, a failure of
 * the store. Domain rules live in the modules named after the records.
 */
#include <sys/resource.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/stat.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "oneteam/audit.h"
#include "oneteam/authority.h"
#include "oneteam/date.h"
#include "oneteam/install.h"
#include "oneteam/kinds.h"
#include "oneteam/oneteam.h"
#include "oneteam/staff.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

#define ONETEAM_NEEDS_MAX	32	/* needs kept from one list typed */

/* The registry's kind of etype; only a constant of the caller's is asked. */
static const struct kind *
oneteam_ref_kind(const char *etype)
{
	const struct kind	*k;

	if ((k = kinds_get(etype)) == NULL)
		fatal("unknown kind of record %s", etype);
	return k;
}

/*
 * Finding records of kind k by a reference: ids in [?1, ?2], with a word
 * to tell them apart. Built from the registry's constant names, once.
 */
static const char *
oneteam_find_sql(const struct kind *k)
{
	static char	**sql;
	const char	 *col = k->ref_column != NULL ? k->ref_column : "id";
	size_t		  i = kinds_index(k);

	if (sql == NULL)
		sql = xcalloc(kinds_count(), sizeof *sql);
	/* A column other than the id may name several rows: once each. */
	if (sql[i] == NULL)
		sql[i] = xconcat("SELECT ", k->ref_column != NULL ?
		    "DISTINCT " : "", col, ", ", k->tell != NULL ? k->tell :
		    "''", " FROM ", k->etype, " WHERE ", col, " BETWEEN ?1 AND "
		    "?2 LIMIT 5", NULL);
	return sql[i];
}

int64_t
oneteam_lock_left(const struct oneteam *ot, int64_t last_key, int64_t now)
{
	int64_t	minutes = ot->cfg.idle_lock_minutes > 0 ?
		    ot->cfg.idle_lock_minutes : 5;

	return last_key + minutes * 60 * 1000 - now;
}

int64_t
oneteam_lock_left_meeting(const struct oneteam *ot, int64_t last_key,
    int64_t now)
{
	int64_t	minutes = ot->cfg.idle_lock_minutes > 0 ?
		    ot->cfg.idle_lock_minutes : 5;

	if (minutes < ONETEAM_MEETING_LOCK_MINUTES)
		minutes = ONETEAM_MEETING_LOCK_MINUTES;
	return last_key + minutes * 60 * 1000 - now;
}

int
oneteam_protect(void)
{
	struct rlimit	rl = { 0, 0 };
	int		rc = setrlimit(RLIMIT_CORE, &rl);

#ifdef __linux__
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		rc = -1;
#endif
	if (install_start() != 0)
		rc = -1;
	return rc;
}

/* The fields after the name of /proc/<pid>/stat into buf, or NULL. */
static char *
oneteam_proc_stat(const char *pid, char *buf, size_t len)
{
	FILE	*f;
	char	 path[64], *p;
	size_t	 n = 0;

	snprintf(path, sizeof path, "/proc/%s/stat", pid);
	if ((f = fopen(path, "r")) != NULL) {
		n = fread(buf, 1, len - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	/* "pid (name) state ...", the name in parentheses being anything. */
	return (p = strrchr(buf, ')')) != NULL ? p + 1 : NULL;
}

/* The inode of a namespace of this process (/proc/self/ns/what), or 0. */
static unsigned long
oneteam_ns(const char *what)
{
	struct stat	sb;
	char		path[64];

	snprintf(path, sizeof path, "/proc/self/ns/%s", what);
	return stat(path, &sb) == 0 ? (unsigned long)sb.st_ino : 0;
}

void
oneteam_terminal(char buf[ONETEAM_TERMINAL_MAX])
{
	char			 stat[1024], lead[1024], pid[24], *p;
	unsigned long long	 started = 0;
	int			 sid = -1, tty = -1, pgrp = -1, fg = -1;

	/* The kernel says the session, the terminal, and the terminal's
	 * foreground group: a job left behind in a signed-in shell is not
	 * in the foreground; and the namespaces and the session leader's
	 * start, so that a session rebuilt elsewhere under the same numbers
	 * is another. */
	if ((p = oneteam_proc_stat("self", stat, sizeof stat)) == NULL ||
	    sscanf(p, " %*c %*d %d %d %d %d", &pgrp, &sid, &tty, &fg) != 4) {
		snprintf(buf, ONETEAM_TERMINAL_MAX, "session %d",
		    (int)getsid(0));
		return;
	}
	snprintf(pid, sizeof pid, "%d", sid);
	if ((p = oneteam_proc_stat(pid, lead, sizeof lead)) == NULL ||
	    sscanf(p, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u "
	    "%*d %*d %*d %*d %*d %*d %llu", &started) != 1)
		started = 0;
	snprintf(buf, ONETEAM_TERMINAL_MAX, "%d/%d/%llu/%lu/%lu%s", tty, sid,
	    started, oneteam_ns("pid"), oneteam_ns("user"), tty != 0 &&
	    fg != pgrp ? "/bg" : "");
}

int
oneteam_open(struct oneteam *ot, const char *config_path, const char *db_path,
    int flags, char **cause)
{
	memset(ot, 0, sizeof *ot);
	ot->now = clock_now_ms();
	if (sodium_init() < 0) {
		*cause = xstrdup("libsodium could not start");
		return -1;
	}
	if (config_load(config_path, &ot->cfg, cause) != 0 ||
	    config_set_db(&ot->cfg, db_path, cause) != 0)
		return -1;
	if ((ot->rd = refdata_load((const char *const *)ot->cfg.ref_paths,
	    cause)) == NULL)
		return -1;
	/* A name configured, not the host's, renames an existing site. */
	if (ot->cfg.site_name_set)
		flags |= STORE_RENAME;
	if ((ot->st = store_open(ot->cfg.db_path, flags, ot->cfg.site_name,
	    cause)) == NULL)
		return -1;
	if ((flags & STORE_READONLY) == 0) {
		char	*mark = config_mark_path(&ot->cfg);
		int	 rc = store_mark(ot->st, mark, cause);

		free(mark);
		if (rc != 0)
			return -1;
	}
	store_set_judge(ot->st, authority_judge_of());
	if ((flags & STORE_READONLY) == 0 &&
	    (store_judge_held(ot->st, cause) != 0 ||
	    store_upgrade(ot->st, cause) != 0))
		return -1;
	return 0;
}

void
oneteam_close(struct oneteam *ot)
{
	store_close(ot->st);
	refdata_free(ot->rd);
	config_free(&ot->cfg);
	memset(ot, 0, sizeof *ot);
}

/* Refuse, naming field (NULL: none): *cause from fmt, and -1. */
static int
oneteam_vrefuse(struct oneteam *ot, char **cause, const char *field,
    const char *fmt, va_list ap)
{
	xvasprintf(cause, fmt, ap);
	if (ot->st != NULL)
		store_set_fault(ot->st, STORE_EINPUT);
	ot->fault_field = field;
	return -1;
}

int
oneteam_refuse(struct oneteam *ot, char **cause, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	oneteam_vrefuse(ot, cause, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int
oneteam_refuse_field(struct oneteam *ot, char **cause, const char *field,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	oneteam_vrefuse(ot, cause, field, fmt, ap);
	va_end(ap);
	return -1;
}

int
oneteam_db_fail(struct oneteam *ot, char **cause)
{
	ot->fault_field = NULL;
	xasprintf(cause, "%s", store_error(ot->st));
	return -1;
}

int
oneteam_get_fail(struct oneteam *ot, int rc, const char *what, char **cause)
{
	if (rc < 0)
		return oneteam_db_fail(ot, cause);
	store_set_fault(ot->st, STORE_ENOTFOUND);
	ot->fault_field = NULL;
	xasprintf(cause, "no such %s", what);
	return -1;
}

int
oneteam_family_exists(struct oneteam *ot, const struct id *family,
    char **cause)
{
	struct query	*q;
	int		 rc;

	q = query_prepare(ot->st, "SELECT 1 FROM family WHERE id = ?1");
	query_bind_id(q, 1, family);
	rc = query_step(q);
	query_done(q);
	return rc == 1 ? 0 : oneteam_get_fail(ot, rc, "family", cause);
}

void
oneteam_ref(const char *kind, const struct id *id, char *buf)
{
	const struct kind	*k = kinds_get(kind);

	/* A kind a newer oneteam made (a change of it refused, listed). */
	id_ref(k != NULL ? k->prefix : "?", id, 0, buf);
}

/*
 * Add a candidate to *list: what tells it apart, but never of a family's
 * records, as the one typing may not be one to see that family.
 */
static void
oneteam_candidate(const struct kind *k, const struct id *id,
    const char *tell, char **list)
{
	char	ref[ID_REF_MAX], *word, *next;

	id_ref(k->prefix, id, 8, ref);
	word = k->family == NULL && tell != NULL ? text_escape(tell, 0) :
	    xstrdup("");
	xasprintf(&next, "%s%s%s%s%s%s", *list, **list ? ", " : "", ref,
	    *word ? " (" : "", word, *word ? ")" : "");
	free(word);
	free(*list);
	*list = next;
}

/* Candidates for an ambiguous reference, the first already read: as
 * "S-7K2QM4 (Tom Brennan)" for records of no family, refs alone else. */
static int
oneteam_ambiguous(struct oneteam *ot, const struct kind *k,
    const char *text, const struct id *first, const char *first_tell,
    struct query *q, char **cause)
{
	char		*list = xstrdup("");
	struct id	 id;
	int		 rc;

	oneteam_candidate(k, first, first_tell, &list);
	do {
		id = query_id(q, 0);
		oneteam_candidate(k, &id, query_text(q, 1), &list);
	} while ((rc = query_step(q)) == 1);
	oneteam_refuse(ot, cause, "%s is more than one %s: %s; type more "
	    "of it", text, k->label, list);
	free(list);
	return -1;
}

int
oneteam_find(struct oneteam *ot, const char *kind, const char *text,
    struct id *out, char **cause)
{
	const struct kind	*k = oneteam_ref_kind(kind);
	struct query		*q;
	struct id		 lo, hi;
	char			*why = NULL, *tell = NULL;
	int			 rc;

	if (id_ref_range(k->prefix, text, &lo, &hi, &why) != 0) {
		oneteam_refuse(ot, cause, "%s", why);
		free(why);
		return -1;
	}
	q = query_prepare(ot->st, oneteam_find_sql(k));
	query_bind_id(q, 1, &lo);
	query_bind_id(q, 2, &hi);
	if ((rc = query_step(q)) == 1) {
		*out = query_id(q, 0);
		tell = query_text_dup(q, 1);
		if ((rc = query_step(q)) == 1)
			rc = oneteam_ambiguous(ot, k, text, out, tell, q,
			    cause);
		else if (rc == 0)
			rc = 1;
	} else if (rc == 0) {
		store_set_fault(ot->st, STORE_ENOTFOUND);
		xasprintf(cause, "there is no %s %s", k->label, text);
		rc = -1;
	}
	query_done(q);
	free(tell);
	if (rc == -1 && *cause == NULL)
		oneteam_db_fail(ot, cause);
	return rc == 1 ? 0 : -1;
}

int
oneteam_family_of(struct oneteam *ot, const char *kind, const struct id *id,
    struct id *family, char **cause)
{
	const struct kind	*k = oneteam_ref_kind(kind);
	int			 rc;

	if ((rc = kinds_family_of(ot->st, k->etype, id, family)) == 1 ||
	    k->family == NULL)
		return 0;
	return oneteam_get_fail(ot, rc, k->label, cause);
}

char *
oneteam_staff_name(struct oneteam *ot, const struct id *id)
{
	struct query	*q;
	char		*name = NULL;

	if (id == NULL || id_is_zero(id))
		return xstrdup("");
	q = query_prepare(ot->st, "SELECT name FROM staff WHERE id = ?1");
	query_bind_id(q, 1, id);
	if (query_step(q) == 1)
		name = xstrdup(query_text(q, 0));
	query_done(q);
	return name != NULL ? name : xstrdup("");
}

int
oneteam_set_me(struct oneteam *ot, const char *who, char **cause)
{
	if (staff_lookup(ot, who, &ot->me, cause) != 0)
		return -1;
	/* Named, not proven: atwork_admit() is for a proof. */
	ot->me_proof = ATWORK_PROOF_NOBODY;
	store_set_author(ot->st, &ot->me);
	return 0;
}

int
oneteam_need_me(struct oneteam *ot, char **cause)
{
	if (!id_is_zero(&ot->me))
		return 0;
	return oneteam_refuse_field(ot, cause, "as", "who is recording this? "
	    "sign in (oneteam signin NAME), or say who you are");
}

int
oneteam_change(struct oneteam *ot, int (*fn)(struct oneteam *, void *,
    char **), void *arg, char **cause)
{
	/* Part of a larger change (a huddle's decision and what it writes):
	 * that one commits or rolls back the whole. */
	int64_t	mark;

	if (store_in_tx(ot->st))
		return fn(ot, arg, cause);
	if (store_begin(ot->st, cause) != 0)
		return -1;
	if (audit_change_mark(ot, &mark, cause) != 0 ||
	    fn(ot, arg, cause) != 0 ||
	    audit_change_record(ot, mark, cause) != 0) {
		store_rollback(ot->st);
		return -1;
	}
	return store_commit(ot->st, cause);
}

int
oneteam_text(struct oneteam *ot, const char *what, const char *s, size_t max,
    int flags, int required, char **out, char **cause)
{
	char	*why = NULL;

	*out = NULL;
	if (s != NULL && text_check(what, s, max, flags, &why) != 0) {
		oneteam_refuse(ot, cause, "%s", why);
		free(why);
		return -1;
	}
	if (s != NULL)
		*out = text_trim(s);
	if (*out != NULL && **out == '\0') {
		free(*out);
		*out = NULL;
	}
	if (*out == NULL && required)
		return oneteam_refuse(ot, cause, "%s is needed", what);
	return 0;
}

int
oneteam_date(struct oneteam *ot, const char *what, const char *s, char *iso,
    char **cause)
{
	struct date	 d;
	char		*why = NULL;

	if (date_parse(s, ot->now, &d, &why) != 0) {
		oneteam_refuse(ot, cause, "%s: %s", what, why);
		free(why);
		return -1;
	}
	date_iso(&d, iso);
	return 0;
}

int
oneteam_choice(struct oneteam *ot, enum ref_list list, const char *text,
    const struct ref_item **item, char **cause)
{
	char	*why = NULL;

	if ((*item = refdata_lookup(ot->rd, list, text, &why)) == NULL) {
		oneteam_refuse(ot, cause, "%s", why);
		free(why);
		return -1;
	}
	return 0;
}

/* Put a handful of codes in order: an insertion sort. */
static void
oneteam_sort_codes(const char **codes, size_t n)
{
	const char	*t;
	size_t		 i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(codes[j - 1], codes[j]) > 0; j--) {
			t = codes[j];
			codes[j] = codes[j - 1];
			codes[j - 1] = t;
		}
}

int
oneteam_needs(struct oneteam *ot, const char *text, char **codes,
    char **cause)
{
	const struct ref_item	*item;
	const char		*found[ONETEAM_NEEDS_MAX];
	char			*copy, *word, *save, *trimmed, *next;
	size_t			 n = 0, i;
	int			 rc = 0;

	*codes = NULL;
	copy = xstrdup(text);
	for (word = strtok_r(copy, ",", &save); word != NULL && rc == 0;
	    word = strtok_r(NULL, ",", &save)) {
		trimmed = text_trim(word);
		if (*trimmed != '\0') {
			rc = oneteam_choice(ot, REF_NEEDS, trimmed, &item,
			    cause);
			if (rc == 0 && n < ONETEAM_NEEDS_MAX)
				found[n++] = item->code;
		}
		free(trimmed);
	}
	free(copy);
	if (rc != 0)
		return -1;
	oneteam_sort_codes(found, n);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(found[i - 1], found[i]) == 0)
			continue;
		xasprintf(&next, "%s%s%s", *codes != NULL ? *codes : "",
		    *codes != NULL ? "," : "", found[i]);
		free(*codes);
		*codes = next;
	}
	return 0;
}

char *
oneteam_like(const char *before, const char *text)
{
	char	*out, *o;

	out = o = xmalloc(strlen(before) + strlen(text) * 2 + 2);
	o = stpcpy(o, before);
	for (; *text != '\0'; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			*o++ = '\\';
		*o++ = *text;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}
