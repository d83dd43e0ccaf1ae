/*
 * export.c owns exports for people outside the core team (export.h): the
 * rule of consent that decides whether a family's records may go and on
 * what basis, the rows of the families CSV, and writing an export so that
 * the file and the audit trail agree. The printed summary of a family is
 * export-summary.c's, laid out by export-text.c. Choosing the families
 * and the words of a refusal are the caller's.
 *
 * Everything written passes through text_escape(), whether it goes to a
 * file or a terminal: a summary is printed or read on screen, and a
 * record imported from a bundle may hold anything.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oneteam/access.h"
#include "oneteam/audit.h"
#include "oneteam/export.h"
#include "oneteam/family.h"
#include "oneteam/field.h"
#include "oneteam/huddle.h"
#include "oneteam/install.h"
#include "oneteam/staff.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "export-private.h"
#include "read-private.h"

/* --- the rule --------------------------------------------------------- */

enum export_basis
export_basis(const char *state, const char *safeguarding)
{
	const char	*p;

	if (state != NULL && strcmp(state, CONSENT_GIVEN) == 0)
		return EXPORT_CONSENT;
	for (p = safeguarding; p != NULL && *p != '\0'; p++)
		if (*p != ' ' && *p != '\t')
			return EXPORT_SAFEGUARDING;
	return EXPORT_REFUSED;
}

/* Check an export's fields against ft into v (of FE_FAMILIES_N). */
static int
export_ask_read(struct oneteam *ot, const struct field_table *ft,
    const struct export_ask *ask, struct field_val *v, char **cause)
{
	if (ft->n > FE_FAMILIES_N)
		return oneteam_refuse(ot, cause, "no such export");
	return field_read(ot, ft, ask, v, cause);
}

int
export_ask_check(struct oneteam *ot, const struct field_table *ft,
    const struct export_ask *ask, char **cause)
{
	struct field_val	v[FE_FAMILIES_N];

	if (export_ask_read(ot, ft, ask, v, cause) != 0)
		return -1;
	field_vals_free(v, ft->n);
	if (ft != &field_export_families)
		return 0;
	if (ask->locality != NULL && ask->named > 0)
		return oneteam_refuse_field(ot, cause, "locality", "give a "
		    "locality or families named, not both");
	if (ask->safeguarding != NULL && ask->named == 0)
		return oneteam_refuse_field(ot, cause, "safeguarding", "a "
		    "safeguarding reason covers only the families named one "
		    "by one, never a whole locality");
	return 0;
}

int
export_decide(struct oneteam *ot, const struct id *family,
    const char *safeguarding, struct export_share *s, char **cause)
{
	struct export_ask	ask = { .safeguarding = safeguarding };
	struct field_val	v[FE_FAMILIES_N];
	char			*why;

	memset(s, 0, sizeof *s);
	s->family = *family;
	oneteam_ref("family", family, s->ref);
	/* A reason given is a reason written: one line, not blank. */
	if (export_ask_read(ot, &field_export_summary, &ask, v, cause) != 0)
		return -1;
	why = field_take(&v[FE_SAFEGUARDING]);
	field_vals_free(v, field_export_summary.n);
	if (consent_current_core(ot, family, &s->consent, &s->found,
	    cause) != 0) {
		free(why);
		return -1;
	}
	s->basis = export_basis(s->found ? s->consent.state : NULL, why);
	if (s->basis == EXPORT_SAFEGUARDING)
		s->safeguarding = why;
	else
		free(why);
	return 0;
}

void
export_clear(struct export_share *s)
{
	consent_clear(&s->consent);
	free(s->safeguarding);
	s->safeguarding = NULL;
}

const char *
export_why_not(const struct export_share *s)
{
	if (!s->found)
		return "has no consent to share recorded";
	if (strcmp(s->consent.state, CONSENT_REFUSED) == 0)
		return "refused consent to share";
	if (strcmp(s->consent.state, CONSENT_WITHDRAWN) == 0)
		return "withdrew consent to share";
	return "has not given consent to share";
}

/* --- who is named ------------------------------------------------------ */

/*
 * A member of staff: "Tom Brennan (Early help)" when with_name, else
 * their agency alone ("Early help"). NULL for nobody or no agency.
 */
char *
export_staff(struct oneteam *ot, const struct id *id, int with_name)
{
	struct staff	 s;
	char		*cause = NULL, *out = NULL;
	const char	*agency;

	if (id_is_zero(id))
		return NULL;
	if (staff_get(ot, id, &s, &cause) != 0) {
		free(cause);
		return with_name ? oneteam_staff_name(ot, id) : NULL;
	}
	agency = s.agency != NULL && *s.agency != '\0' ?
	    refdata_label(ot->rd, REF_AGENCIES, s.agency) : NULL;
	if (with_name && agency != NULL)
		out = xprintf("%s (%s)", s.name, agency);
	else if (with_name)
		out = xstrdup(s.name);
	else if (agency != NULL)
		out = xstrdup(agency);
	staff_clear(&s);
	return out;
}

/* --- the CSV ----------------------------------------------------------- */

const char *const export_csv_columns[EXPORT_CSV_NCOLUMNS] = {
	"reference", "household", "postcode", "locality", "level", "status",
	"lead", "lead_agency", "next_review", "needs", "consent",
	"consent_date", "basis", "open_referrals",
};

/* Would a spreadsheet take a cell starting with c for a formula? */
static int
export_formula(char c)
{
	return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

void
export_csv_field(FILE *f, const char *v)
{
	char	*e, *p;
	int	 quote, defuse;

	if (v == NULL)
		return;
	e = text_escape(v, TEXT_MULTILINE);
	defuse = export_formula(*v) || export_formula(*e);
	quote = strpbrk(e, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', f);
	if (defuse)
		fputc('\'', f);
	for (p = e; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	if (quote)
		fputc('"', f);
	free(e);
}

void
export_csv_row(FILE *f, const char *const *fields, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', f);
		export_csv_field(f, fields[i]);
	}
	fputs("\r\n", f);
}

int
export_csv_family(struct oneteam *ot, const struct export_share *s, FILE *f,
    char **cause)
{
	struct family	 fam;
	const char	*v[EXPORT_CSV_NCOLUMNS];
	char		 level[16], refs[16], *needs, *agency;

	if (s->basis == EXPORT_REFUSED)
		return oneteam_refuse(ot, cause, "%s %s: it is not shared "
		    "outside the team", s->ref, export_why_not(s));
	if (family_get_core(ot, &s->family, &fam, cause) != 0)
		return -1;
	snprintf(level, sizeof level, "%d", fam.level);
	snprintf(refs, sizeof refs, "%d", fam.open_referrals);
	needs = fam.needs != NULL ? refdata_labels(ot->rd, REF_NEEDS,
	    fam.needs) : NULL;
	agency = export_staff(ot, &fam.lead, 0);
	v[0] = fam.ref;
	v[1] = fam.household;
	v[2] = fam.postcode;
	v[3] = fam.locality_name;
	v[4] = fam.level != 0 ? level : NULL;
	v[5] = fam.status;
	v[6] = fam.lead_name;
	v[7] = agency;
	v[8] = fam.next_review;
	v[9] = needs;
	v[10] = s->found ? s->consent.state : "none";
	v[11] = s->found ? s->consent.date : NULL;
	v[12] = s->basis == EXPORT_CONSENT ? "consent" : "safeguarding";
	v[13] = refs;
	export_csv_row(f, v, EXPORT_CSV_NCOLUMNS);
	free(needs);
	free(agency);
	family_clear(&fam);
	return 0;
}

/* --- choosing families ------------------------------------------------- */

int
export_locality(struct oneteam *ot, const char *locality, struct id **ids,
    size_t *n, char **name, char **cause)
{
	struct query	*q;
	struct id	 lid;
	char		*lname = NULL;
	int		 rc;

	/* Another locality's is not refused here: export_run() asks why
	 * for each of its families. */
	if (locality == NULL) {
		if (huddle_locality(ot, NULL, &lid, &lname, cause) != 0)
			return -1;
	} else if (locality_lookup(ot, locality, &lid, cause) != 0) {
		/* None of that name: the field is at fault, not the db. */
		if (store_fault(ot->st) == STORE_ENOTFOUND)
			field_fault(ot, "locality");
		return -1;
	} else
		lname = xstrdup(locality);
	/* Of any locality of the name: each site may have made its own.
	 * Every one of them, whoever asks: need to know is export_run()'s,
	 * which refuses a family outside one's work rather than leave it
	 * out unsaid. */
	*ids = NULL;
	*n = 0;
	q = query_prepare(ot->st, "SELECT f.id FROM family f JOIN locality l "
	    "ON l.id = f.locality WHERE f.status = 'open' AND l.name = ?1 "
	    "COLLATE NOCASE ORDER BY f.household, f.id");
	query_bind_text(q, 1, lname);
	while ((rc = query_step(q)) == 1) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = query_id(q, 0);
	}
	query_done(q);
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		free(lname);
		return oneteam_db_fail(ot, cause);
	}
	if (name != NULL)
		*name = lname;
	else
		free(lname);
	return 0;
}

/* --- writing and recording --------------------------------------------- */

/* Where an export is written until it is published. */
struct export_out {
	const char	*path;	/* NULL: standard output */
	char		*tmp;	/* the new file beside path */
	FILE		*f;
	char		*buf;	/* standard output's, from open_memstream */
	size_t		 len;
};

/* Refuse to replace anything already there: it may be the database. */
static int
export_open(struct oneteam *ot, struct export_out *o, char **cause)
{
	struct stat	sb;
	int		fd, as;

	if (o->path == NULL) {
		if ((o->f = open_memstream(&o->buf, &o->len)) == NULL)
			fatal("out of memory");
		return 0;
	}
	/* The person's file, made with their rights (oneteam/install.h). */
	as = install_begin(o->path);
	if (lstat(o->path, &sb) == 0) {
		install_end(as);
		return oneteam_refuse(ot, cause, "%s exists: choose another "
		    "name (an export never replaces a file)", o->path);
	}
	if (errno != ENOENT) {
		install_end(as);
		return oneteam_refuse(ot, cause, "cannot write %s: %s",
		    o->path, strerror(errno));
	}
	o->tmp = xprintf("%s.part-%ld", o->path, (long)getpid());
	fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, install_mode(0600));
	install_end(as);
	if (fd < 0 || (o->f = fdopen(fd, "w")) == NULL) {
		oneteam_refuse(ot, cause, "cannot write %s: %s", o->path,
		    strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	return 0;
}

/* Flush and close what was written, synced to disk for a file. */
static int
export_close(struct oneteam *ot, struct export_out *o, char **cause)
{
	int	rc = 0;

	if (fflush(o->f) != 0 || ferror(o->f) ||
	    (o->tmp != NULL && fsync(fileno(o->f)) != 0))
		rc = -1;
	if (fclose(o->f) != 0)
		rc = -1;
	o->f = NULL;
	if (rc != 0)
		return oneteam_refuse(ot, cause, "cannot write %s: %s",
		    o->path != NULL ? o->path : "standard output",
		    strerror(errno));
	return 0;
}

/* Put the file in place, or write the buffer to standard output. */
static int
export_publish(struct oneteam *ot, struct export_out *o, char **cause)
{
	int	as, rc = 0;

	if (o->path == NULL) {
		if (fwrite(o->buf, 1, o->len, stdout) != o->len ||
		    fflush(stdout) != 0)
			return oneteam_refuse(ot, cause, "cannot write to "
			    "standard output: %s", strerror(errno));
		return 0;
	}
	/* link() never replaces a file that came meanwhile; rename() would,
	 * and is left for file systems without links. */
	as = install_begin(o->path);
	if (link(o->tmp, o->path) == 0)
		(void)unlink(o->tmp);
	else if (errno == EEXIST)
		rc = oneteam_refuse(ot, cause, "%s exists: choose another "
		    "name", o->path);
	else if ((errno != EPERM && errno != EOPNOTSUPP) ||
	    rename(o->tmp, o->path) != 0)
		rc = oneteam_refuse(ot, cause, "cannot write %s: %s",
		    o->path, strerror(errno));
	install_end(as);
	if (rc != 0)
		return rc;
	free(o->tmp);
	o->tmp = NULL;
	return 0;
}

static void
export_discard(struct export_out *o)
{
	int	as;

	if (o->f != NULL)
		fclose(o->f);
	if (o->tmp != NULL) {
		as = install_begin(o->path);
		unlink(o->tmp);
		install_end(as);
	}
	free(o->tmp);
	free(o->buf);
}

/* Need to know, then the entry, for one family: in the caller's tx. */
static int
export_record_one(struct oneteam *ot, const struct export_job *job,
    const struct export_share *s, char **cause)
{
	char	*detail;
	int	 rc;

	if (s->basis == EXPORT_REFUSED)
		return oneteam_refuse(ot, cause, "%s %s: it is not shared "
		    "outside the team", s->ref, export_why_not(s));
	if ((rc = access_may_view(ot, &s->family, cause)) < 0)
		return -1;
	if (rc == 0 && job->reason == NULL)
		return oneteam_refuse_field(ot, cause, "reason", "%s is not of "
		    "your locality nor a family you work with: say why it is "
		    "exported (it is recorded for the coordinators)", s->ref);
	if (rc == 0 && access_break_glass(ot, &s->family, job->reason,
	    cause) != 0)
		return -1;
	if (s->basis == EXPORT_SAFEGUARDING)
		detail = xprintf("%s; safeguarding: %s", job->what,
		    s->safeguarding);
	else
		detail = xstrdup(job->what);
	rc = audit_record(ot, AUDIT_EXPORT, &s->family, detail, cause);
	free(detail);
	return rc;
}

static int
export_record_fn(struct oneteam *ot, void *arg, char **cause)
{
	const struct export_job	*job = arg;
	size_t			 i;

	for (i = 0; i < job->nshares; i++)
		if (export_record_one(ot, job, &job->shares[i], cause) != 0)
			return -1;
	return 0;
}

int
export_run(struct oneteam *ot, const struct export_job *job, char **cause)
{
	struct export_out	o;

	if (oneteam_need_me(ot, cause) != 0)
		return -1;
	memset(&o, 0, sizeof o);
	o.path = job->path;
	if (export_open(ot, &o, cause) != 0)
		return -1;
	if (job->write(ot, o.f, job->arg, cause) != 0 ||
	    export_close(ot, &o, cause) != 0 ||
	    oneteam_change(ot, export_record_fn, (void *)job, cause) != 0)
		goto fail;
	/*
	 * Recorded and not published (a rename that fails in a directory
	 * just written to) says more than was done, never less.
	 */
	if (export_publish(ot, &o, cause) != 0)
		goto fail;
	export_discard(&o);
	return 0;
fail:
	export_discard(&o);
	return -1;
}

int
export_file(struct oneteam *ot, const char *path, const char *text,
    int (*record)(struct oneteam *, void *, char **), void *arg,
    char **cause)
{
	struct export_out	o;
	size_t			len = strlen(text);

	memset(&o, 0, sizeof o);
	o.path = path;
	if (export_open(ot, &o, cause) != 0)
		return -1;
	if (fwrite(text, 1, len, o.f) != len) {
		oneteam_refuse(ot, cause, "cannot write %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	if (export_close(ot, &o, cause) != 0 || record(ot, arg, cause) != 0 ||
	    export_publish(ot, &o, cause) != 0)
		goto fail;
	export_discard(&o);
	return 0;
fail:
	export_discard(&o);
	return -1;
}
