/*
 * export.c owns exports for people outside the core team (export.h): the
 * rule of consent that decides whether a family's records may go and on
 * what basis, the printed summary of a family, the rows of the families
 * CSV, and writing either so that the file and the audit trail agree.
 * Choosing the families and the words of a refusal are the caller's.
 *
 * Everything written passes through text_escape(), whether it goes to a
 * file or a terminal: a summary is printed or read on screen, and a
 * record imported from a bundle may hold anything.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oneteam/access.h"
#include "oneteam/action.h"
#include "oneteam/audit.h"
#include "oneteam/date.h"
#include "oneteam/export.h"
#include "oneteam/family.h"
#include "oneteam/huddle.h"
#include "oneteam/person.h"
#include "oneteam/referral.h"
#include "oneteam/staff.h"
#include "oneteam/story.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"
#include "read-private.h"

/* Where the values of a field start: "  Lead professional:  ". */
#define LABEL_WIDTH	22

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

int
export_decide(struct oneteam *ot, const struct id *family,
    const char *safeguarding, struct export_share *s, char **cause)
{
	char	*why = NULL;

	memset(s, 0, sizeof *s);
	s->family = *family;
	oneteam_ref("family", family, s->ref);
	/* A reason given is a reason written: one line, not blank. */
	if (safeguarding != NULL && oneteam_text(ot, "the safeguarding "
	    "reason", safeguarding, ONETEAM_LINE_MAX, 0, 1, &why, cause) != 0)
		return -1;
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

/* --- laying out text --------------------------------------------------- */

/* The bytes of the UTF-8 character at s (escaped text is valid). */
static size_t
export_charlen(const char *s)
{
	unsigned char	c = (unsigned char)*s;
	size_t		n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2, i;

	for (i = 1; i < n; i++)
		if (s[i] == '\0')
			return i;
	return n;
}

/* Columns of the len bytes at s. */
static size_t
export_width(const char *s, size_t len)
{
	char	*t = xstrndup(s, len);
	size_t	 w = text_width(t);

	free(t);
	return w;
}

/*
 * Write a word longer than a line, cut between characters, going on to
 * new lines of indent. *col is the column reached.
 */
static void
export_cut(FILE *f, const char *w, size_t len, size_t indent, size_t *col)
{
	size_t	n, cw;

	while (len > 0) {
		n = export_charlen(w);
		cw = export_width(w, n);
		if (*col + cw > EXPORT_WIDTH && *col > indent) {
			fprintf(f, "\n%*s", (int)indent, "");
			*col = indent;
		}
		fwrite(w, 1, n, f);
		*col += cw;
		w += n;
		len -= n;
	}
}

/*
 * Write one line of escaped text from column col, breaking it between
 * words to fit EXPORT_WIDTH; lines after the first start at indent.
 */
static void
export_wrap_line(FILE *f, const char *s, size_t col, size_t indent)
{
	const char	*q;
	size_t		 w, start = col;

	for (;;) {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		for (q = s; *q != '\0' && *q != ' '; q++)
			;
		w = export_width(s, (size_t)(q - s));
		if (col > start && col + 1 + w > EXPORT_WIDTH) {
			fprintf(f, "\n%*s", (int)indent, "");
			col = start = indent;
		}
		if (col > start) {
			fputc(' ', f);
			col++;
		}
		if (col + w > EXPORT_WIDTH)
			export_cut(f, s, (size_t)(q - s), indent, &col);
		else {
			fwrite(s, 1, (size_t)(q - s), f);
			col += w;
		}
		s = q;
	}
	fputc('\n', f);
}

/*
 * Write text from the records (may be several lines), escaped and
 * wrapped to fit: first (our own words, NULL: indent spaces) starts the
 * first line, and every line after starts at indent.
 */
static void
export_text(FILE *f, const char *first, size_t indent, const char *text)
{
	char	*e = text_escape(text != NULL ? text : "", TEXT_MULTILINE);
	char	*line, *next;
	size_t	 col = indent;

	if (first != NULL) {
		fputs(first, f);
		col = text_width(first);
	} else
		fprintf(f, "%*s", (int)indent, "");
	for (line = e; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (line != e) {
			fprintf(f, "%*s", (int)indent, "");
			col = indent;
		}
		export_wrap_line(f, line, col, indent);
	}
	free(e);
}

/* A paragraph of text put together with printf, from column 0. */
static void
export_para(FILE *f, size_t indent, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
export_para(FILE *f, size_t indent, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	export_text(f, NULL, indent, s);
	free(s);
}

/* "  Label:" and a value after it; nothing when the value is empty. */
static void
export_field(FILE *f, const char *label, const char *value)
{
	char	*l, *p;

	if (value == NULL || *value == '\0')
		return;
	l = xprintf("  %s:", label);
	p = xprintf("%-*s", LABEL_WIDTH, l);
	export_text(f, p, LABEL_WIDTH, value);
	free(p);
	free(l);
}

static void
export_heading(FILE *f, const char *title)
{
	fprintf(f, "\n%s\n", title);
}

/* A stored ISO date as people read it, into buf (32). */
static const char *
export_date(const char *iso, char *buf)
{
	if (iso == NULL || *iso == '\0')
		return "";
	date_format(iso, buf, 32);
	return buf;
}

/* --- the summary ------------------------------------------------------- */

/* What the callbacks of the lists write to, and whether they wrote. */
struct export_sink {
	struct oneteam	*ot;
	FILE		*f;
	int		 any;		/* of the whole section */
	int		 titled;	/* of a part of the story */
};

/*
 * A member of staff: "Tom Brennan (Early help)" when with_name, else
 * their agency alone ("Early help"). NULL for nobody or no agency.
 */
static char *
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

static void
export_family_fields(struct oneteam *ot, const struct family *fam, FILE *f)
{
	char	 code[16], *level = NULL, *needs, *lead, d[32];

	if (fam->level != 0) {
		snprintf(code, sizeof code, "%d", fam->level);
		level = xprintf("%s: %s", code, refdata_label(ot->rd,
		    REF_LEVELS, code));
	}
	needs = fam->needs != NULL ? refdata_labels(ot->rd, REF_NEEDS,
	    fam->needs) : NULL;
	lead = export_staff(ot, &fam->lead, 1);
	export_heading(f, "Family");
	export_field(f, "Reference", fam->ref);
	export_field(f, "Household", fam->household);
	export_field(f, "Locality", fam->locality_name);
	export_field(f, "Level of need", level != NULL ? level :
	    "not yet assessed");
	export_field(f, "Status", fam->status);
	export_field(f, "Lead professional", lead != NULL ? lead : "none");
	export_field(f, "Next review", export_date(fam->next_review, d));
	export_field(f, "Needs", needs);
	free(level);
	free(needs);
	free(lead);
}

/* One person: children with their date of birth, adults without it. */
static int
export_person(const struct person *p, void *arg)
{
	struct export_sink	*k = arg;
	struct oneteam		*ot = k->ot;
	char			 d[32], age[32], *line;
	const char		*rel = p->relationship != NULL ? refdata_label(ot->rd,
			     REF_RELATIONSHIPS, p->relationship) : NULL;

	person_age(p->dob, ot->now, age, sizeof age);
	if (p->dob != NULL && p->relationship != NULL &&
	    strcmp(p->relationship, PERSON_UNBORN) == 0)
		line = xprintf("%s, %s, due %s", p->name, rel,
		    export_date(p->dob, d));
	else if (p->dob != NULL && person_is_child(p->dob, p->relationship,
	    ot->now))
		line = xprintf("%s%s%s, born %s (%s)", p->name,
		    rel != NULL ? ", " : "", rel != NULL ? rel : "",
		    export_date(p->dob, d), age);
	else
		line = xprintf("%s%s%s", p->name, rel != NULL ? ", " : "",
		    rel != NULL ? rel : "");
	export_text(k->f, "  ", 4, line);
	free(line);
	k->any = 1;
	return 0;
}

static int
export_people(struct oneteam *ot, const struct id *family, FILE *f,
    char **cause)
{
	struct export_sink	k = { ot, f, 0, 0 };

	export_heading(f, "People");
	if (person_list_core(ot, family, 0, export_person, &k, cause) != 0)
		return -1;
	if (!k.any)
		fputs("  None recorded.\n", f);
	return 0;
}

static void
export_consent(struct oneteam *ot, const struct export_share *s, FILE *f)
{
	const struct consent	*c = &s->consent;
	char			 d[32], *review = NULL;
	const char		*by = "Given by";

	export_heading(f, "Consent to share");
	if (!s->found) {
		fputs("  NOT RECORDED: the family has not been asked, or did "
		    "not answer.\n", f);
		return;
	}
	if (strcmp(c->state, CONSENT_REFUSED) == 0)
		by = "Refused by";
	else if (strcmp(c->state, CONSENT_WITHDRAWN) == 0)
		by = "Withdrawn by";
	export_field(f, "State", strcmp(c->state, CONSENT_GIVEN) == 0 ?
	    "given" : strcmp(c->state, CONSENT_REFUSED) == 0 ? "REFUSED" :
	    "WITHDRAWN");
	export_field(f, by, c->given_by);
	export_field(f, "Scope", c->scope);
	export_field(f, "Date", export_date(c->date, d));
	if (c->review != NULL)
		review = xprintf("%s%s", export_date(c->review, d),
		    consent_review_due(c, ot->now) ? " (review due)" : "");
	export_field(f, "Review", review);
	free(review);
}

/* One current revision of a section of the story, and who wrote it. */
static int
export_story_rev(const struct story_rev *r, void *arg)
{
	struct export_sink	*k = arg;
	char			 d[32], when[32], *by;

	if (r->body == NULL || *r->body == '\0')
		return 0;
	if (!k->titled)
		fprintf(k->f, "  %s\n", story_section_title(r->section));
	k->titled = k->any = 1;
	export_text(k->f, NULL, 4, r->body);
	time_format(r->written, when, sizeof when);
	by = xprintf("(%swritten by %s on %s%s%s)", r->versions > 1 ?
	    "versions differ, not yet agreed; " : "",
	    *r->author_name != '\0' ? r->author_name : "someone not known "
	    "here", when, r->read_back != NULL ? "; read back to the family "
	    "on " : "", export_date(r->read_back, d));
	export_text(k->f, NULL, 4, by);
	free(by);
	return 0;
}

static int
export_story(struct oneteam *ot, const struct id *family, FILE *f,
    char **cause)
{
	struct export_sink	k = { ot, f, 0, 0 };
	int			s;

	export_heading(f, "The family's story (tell it once)");
	for (s = 0; s < STORY_NSECTIONS; s++) {
		k.titled = 0;
		if (story_get_core(ot, family, (enum story_section)s,
		    export_story_rev, &k, cause) != 0)
			return -1;
	}
	if (!k.any)
		fputs("  Not written yet.\n", f);
	return 0;
}

static int
export_referral(const struct referral *r, void *arg)
{
	struct export_sink	*k = arg;
	char			 d[32], *line, *first;

	first = xprintf("  %s  ", r->ref);
	line = xprintf("%s, %s%s%s%s%s%s", refdata_label(k->ot->rd,
	    REF_SERVICES, r->service), referral_status_name(r->status),
	    *r->person_name != '\0' ? ", about " : "", r->person_name,
	    r->response_due != NULL ? ", answer due " : "",
	    export_date(r->response_due, d), r->overdue ? " (overdue)" : "");
	export_text(k->f, first, strlen(first), line);
	export_text(k->f, NULL, strlen(first), r->reason);
	free(first);
	free(line);
	k->any = 1;
	return 0;
}

static int
export_action(const struct action *x, void *arg)
{
	struct export_sink	*k = arg;
	char			 d[32], *line;

	line = xprintf("%s (%s%s%s%s)", x->what, x->owner_name,
	    x->due != NULL ? ", by " : "", export_date(x->due, d),
	    x->overdue ? ", overdue" : "");
	export_text(k->f, "  ", 4, line);
	free(line);
	k->any = 1;
	return 0;
}

static int
export_work(struct oneteam *ot, const struct id *family, FILE *f,
    char **cause)
{
	struct referral_filter	 rf = { NULL, 0, 0, 1, -1, NULL, NULL };
	struct action_filter	 af = { NULL, NULL, 0 };
	struct export_sink	 k = { ot, f, 0, 0 };

	export_heading(f, "Open referrals");
	if (referral_list_core(ot, family, &rf, export_referral, &k,
	    cause) != 0)
		return -1;
	if (!k.any)
		fputs("  None.\n", f);
	k.any = 0;
	export_heading(f, "Open actions");
	if (action_list_core(ot, family, &af, export_action, &k, cause) != 0)
		return -1;
	if (!k.any)
		fputs("  None.\n", f);
	return 0;
}

/* Who produced it, when, where, and on what basis it is shared. */
static void
export_footer(struct oneteam *ot, const struct export_share *s, FILE *f)
{
	char	 when[32], d[32], *me = export_staff(ot, &ot->me, 1);

	time_format(ot->now, when, sizeof when);
	fprintf(f, "\n%.*s\n", EXPORT_WIDTH, "-----------------------------"
	    "---------------------------------------------------");
	export_para(f, 0, "Produced by %s on %s at site %s.", me != NULL ?
	    me : "nobody known", when, store_site_name(ot->st));
	if (s->basis == EXPORT_CONSENT)
		export_para(f, 0, "Shared with consent given by %s on %s for: "
		    "%s", s->consent.given_by, export_date(s->consent.date, d),
		    s->consent.scope != NULL ? s->consent.scope : "");
	else
		export_para(f, 0, "Shared without consent, on safeguarding "
		    "grounds: %s", s->safeguarding);
	fputs("Do not copy it or pass it on. Destroy it securely when it is no "
	    "longer needed.\nOFFICIAL-SENSITIVE\n", f);
	free(me);
}

int
export_summary(struct oneteam *ot, const struct export_share *s, FILE *f,
    char **cause)
{
	struct family	fam;
	int		rc = -1;

	if (s->basis == EXPORT_REFUSED)
		return oneteam_refuse(ot, cause, "%s %s: it is not shared "
		    "outside the team", s->ref, export_why_not(s));
	if (family_get_core(ot, &s->family, &fam, cause) != 0)
		return -1;
	fputs("OFFICIAL-SENSITIVE\n", f);
	export_para(f, 0, "Family summary: %s, %s", fam.household, fam.ref);
	fputs("For the people it is shared with, on a need-to-know basis.\n",
	    f);
	export_family_fields(ot, &fam, f);
	if (export_people(ot, &s->family, f, cause) != 0)
		goto out;
	export_consent(ot, s, f);
	if (export_story(ot, &s->family, f, cause) != 0 ||
	    export_work(ot, &s->family, f, cause) != 0)
		goto out;
	export_footer(ot, s, f);
	rc = 0;
out:
	family_clear(&fam);
	return rc;
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
	} else if (locality_lookup(ot, locality, &lid, cause) != 0)
		return -1;
	else
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
	int		fd;

	if (o->path == NULL) {
		if ((o->f = open_memstream(&o->buf, &o->len)) == NULL)
			fatal("out of memory");
		return 0;
	}
	if (lstat(o->path, &sb) == 0)
		return oneteam_refuse(ot, cause, "%s exists: choose another "
		    "name (an export never replaces a file)", o->path);
	if (errno != ENOENT)
		return oneteam_refuse(ot, cause, "cannot write %s: %s",
		    o->path, strerror(errno));
	o->tmp = xprintf("%s.part-%ld", o->path, (long)getpid());
	fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
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
	if (o->path == NULL) {
		if (fwrite(o->buf, 1, o->len, stdout) != o->len ||
		    fflush(stdout) != 0)
			return oneteam_refuse(ot, cause, "cannot write to "
			    "standard output: %s", strerror(errno));
		return 0;
	}
	/* link() never replaces a file that came meanwhile; rename() would,
	 * and is left for file systems without links. */
	if (link(o->tmp, o->path) == 0)
		(void)unlink(o->tmp);
	else if (errno == EEXIST)
		return oneteam_refuse(ot, cause, "%s exists: choose another "
		    "name", o->path);
	else if ((errno != EPERM && errno != EOPNOTSUPP) ||
	    rename(o->tmp, o->path) != 0)
		return oneteam_refuse(ot, cause, "cannot write %s: %s",
		    o->path, strerror(errno));
	free(o->tmp);
	o->tmp = NULL;
	return 0;
}

static void
export_discard(struct export_out *o)
{
	if (o->f != NULL)
		fclose(o->f);
	if (o->tmp != NULL)
		unlink(o->tmp);
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
		return oneteam_refuse(ot, cause, "%s is not of your locality "
		    "nor a family you work with: say why it is exported (it "
		    "is recorded for the coordinators)", s->ref);
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
