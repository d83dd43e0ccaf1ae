/*
 * cli-contact.c: the contact commands (add, correct, list) over contact.c
 * and the story commands (show, edit) over story.c, with the contacts and
 * story sections of family show. Long text (a summary, a section of the
 * story) may come from standard input or a file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "oneteam/contact.h"
#include "oneteam/field.h"
#include "oneteam/story.h"
#include "oneteam/install.h"
#include "oneteam/xmalloc.h"

/* Longest text read from a file or standard input; the core's own limit
 * (ONETEAM_NOTE_MAX) is checked on what is read. */
#define CLI_TEXT_MAX	(4 * ONETEAM_NOTE_MAX)

/* How many done contacts family show lists. */
#define CONTACT_SECTION_MAX	10

/*
 * Read all of f (named name in messages) into *out. Returns an exit code:
 * too long, a NUL byte or a read error is refused.
 */
static int
cli_read_text(struct cli *cli, FILE *f, const char *name, char **out)
{
	char	*buf = xmalloc(CLI_TEXT_MAX + 2), *why;
	size_t	 len;

	len = fread(buf, 1, CLI_TEXT_MAX + 1, f);
	why = NULL;
	if (ferror(f))
		why = xprintf("cannot read %s: %s", name, strerror(errno));
	else if (len > CLI_TEXT_MAX)
		why = xprintf("%s is too long (at most %d characters)", name,
		    ONETEAM_NOTE_MAX);
	else if (memchr(buf, '\0', len) != NULL)
		why = xprintf("%s holds a NUL byte: it is not text", name);
	if (why != NULL) {
		free(buf);
		return cli_fail(cli, why);
	}
	buf[len] = '\0';
	*out = buf;
	return EXIT_OK;
}

/* Read a file named on the command line ("-": standard input). */
static int
cli_read_file(struct cli *cli, const char *path, char **out)
{
	FILE	*f;
	char	*name;
	int	 rc;

	if (strcmp(path, "-") == 0)
		return cli_read_text(cli, stdin, "standard input", out);
	if ((f = install_fopen(path, "r")) == NULL)
		return cli_fail(cli, xprintf("cannot open %s: %s", path,
		    strerror(errno)));
	name = xstrdup(path);
	rc = cli_read_text(cli, f, name, out);
	free(name);
	fclose(f);
	return rc;
}

/* ---- contacts ---------------------------------------------------------- */

enum contact_col {
	CC_REF, CC_REV, CC_WHEN, CC_KIND, CC_VENUE, CC_SEEN, CC_SUMMARY,
	CC_FOLLOW_UP, CC_STATUS, CC_BY, CC_RECORDED, CC_PLANNED_FOR, CC_NCOLS
};

static const char *const contact_columns[CC_NCOLS] = {
	"ref", "rev", "when", "kind", "venue", "seen", "summary", "follow_up",
	"status", "recorded_by", "recorded", "planned_for",
};

/* Columns of family show (done, planned), and of contact list (with
 * --all, recorded too). */
static const enum contact_col section_cols[] = {
	CC_REF, CC_WHEN, CC_KIND, CC_VENUE, CC_SEEN, CC_SUMMARY, CC_FOLLOW_UP,
	CC_BY,
};
static const enum contact_col planned_cols[] = {
	CC_REF, CC_PLANNED_FOR, CC_KIND, CC_VENUE, CC_SEEN, CC_SUMMARY, CC_BY,
};
static const enum contact_col list_cols[] = {
	CC_REF, CC_REV, CC_WHEN, CC_KIND, CC_VENUE, CC_SEEN, CC_SUMMARY,
	CC_FOLLOW_UP, CC_STATUS, CC_BY, CC_RECORDED,
};
#define NSECTION_COLS (sizeof section_cols / sizeof section_cols[0])
#define NPLANNED_COLS (sizeof planned_cols / sizeof planned_cols[0])
#define NLIST_COLS (sizeof list_cols / sizeof list_cols[0])

/* A table of contacts with the columns chosen. */
struct contact_table {
	struct out		*o;
	const enum contact_col	*cols;
	size_t			 ncols;
	size_t			 rows;
	int			 planned;	/* family show: planned only */
	char			**held;		/* rows to print reversed */
	size_t			 nheld;
};

static struct out *
contact_table_open(struct cli *cli, const char *title,
    struct contact_table *t, const enum contact_col *cols, size_t ncols)
{
	const char	*names[CC_NCOLS];
	size_t		 i;

	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->ncols = ncols;
	for (i = 0; i < ncols; i++)
		names[i] = contact_columns[cols[i]];
	return t->o = out_table(cli, title, names, ncols);
}

/* "done", "planned" or "corrected", and how many versions if two. */
static char *
contact_status(const struct contact *c)
{
	const char	*s = !c->current ? "corrected" : c->planned ?
			    "planned" : "done";

	if (c->current && c->versions > 1)
		return xprintf("%s (%d versions)", s, c->versions);
	return xstrdup(s);
}

/* A copy of a cell's value; NULL (null for scripts) when there is none. */
static char *
contact_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* A summary for a table: all of it for scripts, the first line for
 * people. */
static char *
contact_summary_cell(struct cli *cli, const char *summary)
{
	const char	*nl;

	if (summary == NULL)
		return NULL;
	if (cli->format != OUT_HUMAN || (nl = strchr(summary, '\n')) == NULL)
		return xstrdup(summary);
	return xprintf("%.*s …", (int)(nl - summary), summary);
}

/* The cells of a row, each a new string. */
static void
contact_cells(struct cli *cli, const struct contact *c,
    const struct contact_table *t, char **v)
{
	size_t		 i;
	const char	*kind;

	kind = cli->format == OUT_HUMAN ? cli_label(cli,
	    REF_CONTACT_KINDS, c->kind) : c->kind;
	for (i = 0; i < t->ncols; i++) {
		switch (t->cols[i]) {
		case CC_REF: v[i] = xstrdup(c->ref); break;
		case CC_REV: v[i] = xstrdup(cli_int(c->revision)); break;
		case CC_WHEN:
		case CC_PLANNED_FOR:
			v[i] = xstrdup(cli_time(cli, c->at));
			break;
		case CC_KIND: v[i] = xstrdup(kind); break;
		case CC_VENUE: v[i] = contact_dup(c->venue); break;
		case CC_SEEN: v[i] = contact_dup(c->seen); break;
		case CC_SUMMARY:
			v[i] = contact_summary_cell(cli, c->summary);
			break;
		case CC_FOLLOW_UP:
			v[i] = c->follow_up == NULL ? NULL :
			    xstrdup(cli_date(cli, c->follow_up));
			break;
		case CC_STATUS: v[i] = contact_status(c); break;
		case CC_BY: v[i] = xstrdup(c->recorded_by_name); break;
		case CC_RECORDED:
			v[i] = xstrdup(cli_time(cli, c->recorded));
			break;
		case CC_NCOLS: v[i] = NULL; break;
		}
	}
}

static void
contact_cells_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
}

static int
contact_row(const struct contact *c, void *arg)
{
	struct contact_table	*t = arg;
	struct cli		*cli = out_cli(t->o);
	char			*v[CC_NCOLS];

	contact_cells(cli, c, t, v);
	out_row(t->o, (const char *const *)v);
	contact_cells_free(v, t->ncols);
	t->rows++;
	return 0;
}

static int
contact_list_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "reason", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	struct contact_table	 t;
	struct family_view	*view;
	struct id		 family;
	const char		*reason = NULL;
	char			*cause = NULL;
	int			 opt, all = 0, rc;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt == 'a')
			all = 1;
		else if (opt == 'R')
			reason = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind + 1 != argc)
		return cli_usage(cli, "give one family reference");
	if ((rc = cli_find(cli, "family", argv[optind], &family)) != EXIT_OK ||
	    (rc = cli_audit_view(cli, &family, reason, &view)) != EXIT_OK)
		return rc;
	contact_table_open(cli, "contacts", &t, list_cols, all ? NLIST_COLS :
	    NLIST_COLS - 1);
	rc = contact_list(&cli->ot, view, all, contact_row, &t, &cause);
	family_view_close(view);
	return out_end_list(t.o, rc, cause);
}

/* family show: the latest done contacts, up to CONTACT_SECTION_MAX. */
static int
contact_section_done(const struct contact *c, void *arg)
{
	struct contact_table	*t = arg;

	if (c->planned)
		return 0;
	contact_row(c, t);
	return t->rows >= CONTACT_SECTION_MAX;
}

/* family show: planned contacts, kept to be printed soonest first. */
static int
contact_section_planned(const struct contact *c, void *arg)
{
	struct contact_table	*t = arg;

	if (!c->planned)
		return 0;
	t->held = xreallocarray(t->held, (t->nheld + 1) * t->ncols,
	    sizeof *t->held);
	contact_cells(out_cli(t->o), c, t, t->held + t->nheld * t->ncols);
	t->nheld++;
	return 0;
}

static void
contact_section_flush(struct contact_table *t)
{
	size_t	i;

	for (i = t->nheld; i > 0; i--) {
		out_row(t->o, (const char *const *)t->held +
		    (i - 1) * t->ncols);
		contact_cells_free(t->held + (i - 1) * t->ncols, t->ncols);
	}
	free(t->held);
	t->held = NULL;
	t->nheld = 0;
}

int
cli_contact_section(struct cli *cli, const struct family_view *view)
{
	struct contact_table	 t;
	char			*cause = NULL;
	int			 rc;

	contact_table_open(cli, "contacts", &t, section_cols, NSECTION_COLS);
	rc = contact_list(&cli->ot, view, 0, contact_section_done, &t,
	    &cause);
	out_end(t.o);
	if (rc != 0)
		return cli_fail(cli, cause);
	contact_table_open(cli, "planned contacts", &t, planned_cols,
	    NPLANNED_COLS);
	rc = contact_list(&cli->ot, view, 0, contact_section_planned, &t,
	    &cause);
	contact_section_flush(&t);
	return out_end_list(t.o, rc, cause);
}

/* The options of contact add and correct that belong to the other of
 * the two, refused with the reason: bits of what contact_options() says
 * was given. */
enum { CO_DONE = 0x1, CO_PLANNED = 0x2, CO_REASON = 0x4 };

static const struct option contact_add_more[] = {
	{ "done", no_argument, NULL, CO_DONE },
	{ NULL, 0, NULL, 0 }
};

static const struct option contact_correct_more[] = {
	{ "planned", no_argument, NULL, CO_PLANNED },
	{ "reason", required_argument, NULL, CO_REASON },
	{ NULL, 0, NULL, 0 }
};

/*
 * Read the options of contact add or correct into change, from the table
 * of its change; the options of the other command (more) that are given
 * are set in *other. Returns -1 on an option that is neither.
 */
static int
contact_options(struct cli *cli, int argc, char **argv,
    const struct field_table *ft, void *change, const struct option *more,
    int *other)
{
	int	opt;

	*other = 0;
	while ((opt = cli_field_getopt(cli, argc, argv, ft, change,
	    more)) != -1) {
		if (opt != CO_DONE && opt != CO_PLANNED && opt != CO_REASON)
			return -1;
		*other |= opt;
	}
	return 0;
}

/* "--summary -": the summary from standard input, into *text. */
static int
contact_summary_input(struct cli *cli, const char **summary, char **text)
{
	int	rc;

	*text = NULL;
	if (*summary == NULL || strcmp(*summary, "-") != 0)
		return EXIT_OK;
	if ((rc = cli_read_text(cli, stdin, "the summary on standard input",
	    text)) != EXIT_OK)
		return rc;
	*summary = *text;
	return EXIT_OK;
}

static int
contact_add_run(struct cli *cli, int argc, char **argv)
{
	struct contact_new	 cn;
	struct id		 family, id;
	char			*cause = NULL, *text;
	int			 other, rc;

	memset(&cn, 0, sizeof cn);
	if (contact_options(cli, argc, argv, &field_contact_add, &cn,
	    contact_add_more, &other) != 0)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(cli, "give one family reference");
	if ((rc = cli_field_needed(cli, &field_contact_add, &cn)) != EXIT_OK)
		return rc;
	if (other & CO_DONE)
		return cli_usage(cli, "--done is for contact correct: a new "
		    "contact is done unless --planned");
	if ((rc = cli_find(cli, "family", argv[optind], &family)) != EXIT_OK ||
	    (rc = contact_summary_input(cli, &cn.summary, &text)) != EXIT_OK)
		return rc;
	rc = contact_add(&cli->ot, &family, &cn, &id, &cause);
	free(text);
	if (rc != 0)
		return cli_fail(cli, cause);
	cli_done(cli, "contact", "contact", &id);
	return EXIT_OK;
}

static int
contact_correct_run(struct cli *cli, int argc, char **argv)
{
	struct contact_change	 c;
	struct id		 id;
	char			*cause = NULL, *note, *text;
	int			 other, rc;

	memset(&c, 0, sizeof c);
	if (contact_options(cli, argc, argv, &field_contact_correct, &c,
	    contact_correct_more, &other) != 0)
		return EXIT_USAGE;
	if (optind + 1 != argc)
		return cli_usage(cli, "give one contact reference");
	if (other & CO_PLANNED)
		return cli_usage(cli, "a contact cannot be planned again once "
		    "done; --planned is for contact add");
	if (other & CO_REASON)
		return cli_usage(cli, "--reason is for contact add");
	if (memcmp(&c, &(struct contact_change){ 0 }, sizeof c) == 0)
		return cli_usage(cli, "nothing to correct: give an option "
		    "such as --summary or --done");
	if ((rc = cli_find(cli, "contact", argv[optind], &id)) != EXIT_OK ||
	    (rc = contact_summary_input(cli, &c.summary, &text)) != EXIT_OK)
		return rc;
	rc = contact_correct(&cli->ot, &id, &c, &note, &cause);
	free(text);
	if (rc != 0)
		return cli_fail(cli, cause);
	cli_done(cli, "the correction of contact", "contact", &id);
	if (note != NULL)
		out_say(cli, "Note: %s.", note);
	free(note);
	return EXIT_OK;
}

/* The lines of --help of the options of contact add and correct are made
 * from their tables (cli-field.c); what follows them is here. */
const struct cli_cmd cli_contact_cmds[] = {
	{ "contact", "add", "FAMILY --kind KIND [options]",
	    "Record a contact with a family: a visit, a call, a missed "
	    "appointment",
	    "\nA contact that has happened needs a summary and cannot be in "
	    "the future.\n",
	    CLI_WRITE, contact_add_run },
	{ "contact", "correct", "REF [options]",
	    "Correct a contact: the correction is added and the original kept",
	    "\nA contact is never edited in place: each correction is a new "
	    "revision, and\ncontact list --all shows them all.\n",
	    CLI_WRITE, contact_correct_run },
	{ "contact", "list", "FAMILY [--all] [--reason TEXT]",
	    "List a family's contacts, newest first",
	    "  --all            every revision, the corrected ones too\n"
	    REASON_HELP, CLI_WRITE | CLI_NOSTAFF | CLI_NAMED, contact_list_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};

/* ---- the story --------------------------------------------------------- */

static const char *const story_columns[] = {
	"section", "title", "revision", "current", "versions", "text",
	"written_by", "written", "read_back",
};
#define NSTORY_COLUMNS (sizeof story_columns / sizeof story_columns[0])

/* What one printing of the story needs. */
struct story_print {
	struct cli	*cli;
	struct out	*o;		/* scripts: a table; people: NULL */
	int		 history;
	int		 rows;		/* revisions printed */
	int		 nth;		/* of the section, from 1 */
};

/* A revision as a row, for scripts. */
static void
story_row(struct story_print *p, const struct story_rev *r)
{
	const char	*v[NSTORY_COLUMNS];

	v[0] = story_section_code(r->section);
	v[1] = story_section_title(r->section);
	v[2] = cli_int(r->revision);
	v[3] = r->current ? "yes" : "no";
	v[4] = cli_int(r->versions);
	v[5] = r->body;
	v[6] = r->author_name;
	v[7] = cli_time(p->cli, r->written);
	v[8] = r->read_back != NULL ? cli_date(p->cli, r->read_back) : NULL;
	out_row(p->o, v);
}

/* The text indented by two spaces, a line at a time, for people. */
static void
story_say_body(struct cli *cli, const char *body)
{
	const char	*nl;

	if (*body == '\0') {
		out_say(cli, "  (cleared)");
		return;
	}
	while ((nl = strchr(body, '\n')) != NULL) {
		out_say(cli, "  %.*s", (int)(nl - body), body);
		body = nl + 1;
	}
	out_say(cli, "  %s", body);
}

/* A revision as a heading, its text and who wrote it, for people. */
static void
story_say(struct story_print *p, const struct story_rev *r)
{
	const char	*title = story_section_title(r->section);
	char		*rb = NULL;

	if (p->rows > 0)
		out_say(p->cli, "%s", "");
	if (p->history)
		out_say(p->cli, "%s, revision %d%s", title, r->revision,
		    r->current ? " (current)" : "");
	else if (r->versions > 1)
		out_say(p->cli, "%s: version %d of %d (written at different "
		    "sites while apart; editing the section makes them one)",
		    title, p->nth, r->versions);
	else
		out_say(p->cli, "%s", title);
	story_say_body(p->cli, r->body);
	if (r->read_back != NULL)
		rb = xprintf("; read back to the family on %s",
		    cli_date(p->cli, r->read_back));
	/* The author may be someone this site has not heard of yet. */
	out_say(p->cli, "  (written %s%s%son %s, revision %d%s)",
	    *r->author_name != '\0' ? "by " : "", r->author_name,
	    *r->author_name != '\0' ? " " : "", cli_time(p->cli, r->written),
	    r->revision, rb != NULL ? rb : "");
	free(rb);
}

static int
story_print_rev(const struct story_rev *r, void *arg)
{
	struct story_print	*p = arg;

	p->nth++;
	if (p->o != NULL)
		story_row(p, r);
	else
		story_say(p, r);
	p->rows++;
	return 0;
}

/* Print a section's current text or history; a section never written
 * is listed as such for people when empty is set. */
static int
story_print_section(struct story_print *p, const struct family_view *view,
    enum story_section s, int empty, char **cause)
{
	int	rows = p->rows, rc;

	p->nth = 0;
	if (p->history)
		rc = story_history(&p->cli->ot, view, s, story_print_rev, p,
		    cause);
	else
		rc = story_get(&p->cli->ot, view, s, story_print_rev, p,
		    cause);
	if (rc == 0 && rows == p->rows && empty && p->o == NULL) {
		if (p->rows++ > 0)
			out_say(p->cli, "%s", "");
		out_say(p->cli, "%s\n  (nothing written yet)",
		    story_section_title(s));
	}
	return rc;
}

/*
 * Print the story, or one section of it (section >= 0): a table for
 * scripts; headings and text for people. Returns an exit code.
 */
static int
story_print(struct cli *cli, const struct family_view *view, int section,
    int history, int empty)
{
	struct story_print	 p;
	char			*cause = NULL;
	int			 s, rc = 0;

	memset(&p, 0, sizeof p);
	p.cli = cli;
	p.history = history;
	if (cli->format != OUT_HUMAN)
		p.o = out_table(cli, "story", story_columns, NSTORY_COLUMNS);
	else if (cli->in_doc && cli->doc_items++ > 0)
		putchar('\n');
	for (s = 0; s < STORY_NSECTIONS && rc == 0; s++)
		if (section < 0 || s == section)
			rc = story_print_section(&p, view,
			    (enum story_section)s, empty, &cause);
	if (p.o != NULL)
		out_end(p.o);
	else if (rc == 0 && p.rows == 0)
		out_say(cli, "No story written yet.");
	return rc != 0 ? cli_fail(cli, cause) : EXIT_OK;
}

int
cli_story_section(struct cli *cli, const struct family_view *view)
{
	return story_print(cli, view, -1, 0, 0);
}

static int
story_show_run(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "history", no_argument, NULL, 'h' },
		{ "reason", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	enum story_section	 s;
	struct family_view	*view;
	struct id		 family;
	const char		*reason = NULL;
	char			*cause = NULL;
	int			 opt, history = 0, rc;

	while ((opt = cli_getopt(cli, argc, argv, opts)) != -1) {
		if (opt == 'h')
			history = 1;
		else if (opt == 'R')
			reason = optarg;
		else
			return EXIT_USAGE;
	}
	if (optind + 1 != argc && optind + 2 != argc)
		return cli_usage(cli, "give a family reference and, if you "
		    "like, a section");
	if ((rc = cli_find(cli, "family", argv[optind], &family)) != EXIT_OK)
		return rc;
	if (optind + 2 == argc && story_section_find(&cli->ot,
	    argv[optind + 1], &s, &cause) != 0)
		return cli_fail(cli, cause);
	if ((rc = cli_audit_view(cli, &family, reason, &view)) != EXIT_OK)
		return rc;
	rc = story_print(cli, view, optind + 2 == argc ? (int)s : -1,
	    history, 1);
	family_view_close(view);
	return rc;
}

/* The new text: --text, --file, or standard input. */
static int
story_input(struct cli *cli, const char *text, const char *file, char **out)
{
	if (text != NULL) {
		*out = xstrdup(text);
		return EXIT_OK;
	}
	if (file != NULL)
		return cli_read_file(cli, file, out);
	return cli_read_text(cli, stdin, "standard input", out);
}

static int
story_edit_run(struct cli *cli, int argc, char **argv)
{
	/* --file is the command line's way to give the text. */
	static const struct option more[] = {
		{ "file", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct story_change	 c;
	enum story_section	 s;
	struct id		 family;
	const char		*file = NULL, *text;
	char			*cause = NULL, *body = NULL, *what;
	int			 opt, rc, mark_only;

	memset(&c, 0, sizeof c);
	while ((opt = cli_field_getopt(cli, argc, argv, &field_story_edit, &c,
	    more)) != -1) {
		if (opt != 'f')
			return EXIT_USAGE;
		file = optarg;
	}
	if (optind + 2 != argc)
		return cli_usage(cli, "give a family reference and a section");
	if (c.text != NULL && file != NULL)
		return cli_usage(cli, "give the text with --text or --file, "
		    "not both");
	if ((rc = cli_find(cli, "family", argv[optind], &family)) != EXIT_OK)
		return rc;
	if (story_section_find(&cli->ot, argv[optind + 1], &s, &cause) != 0)
		return cli_fail(cli, cause);
	text = c.text;
	mark_only = text == NULL && file == NULL && c.read_back != NULL;
	if (mark_only)
		rc = story_read_back(&cli->ot, &family, s, c.read_back, &cause);
	else if ((rc = story_input(cli, text, file, &body)) != EXIT_OK)
		return rc;
	else {
		c.text = body;
		rc = story_edit(&cli->ot, &family, s, &c, &cause);
	}
	free(body);
	/* Text read from a file, or standard input, was not --text's. */
	if (rc != 0 && text == NULL && cli->ot.fault_field != NULL &&
	    strcmp(cli->ot.fault_field, "text") == 0)
		cli->ot.fault_field = file != NULL ? "file" : NULL;
	if (rc != 0)
		return cli_fail(cli, cause);
	if (mark_only)
		what = xprintf("that \"%s\" was read back to family",
		    story_section_title(s));
	else
		what = xprintf("\"%s\" in the story of family",
		    story_section_title(s));
	cli_done(cli, what, "family", &family);
	free(what);
	return EXIT_OK;
}

const struct cli_cmd cli_story_cmds[] = {
	{ "story", "show", "FAMILY [SECTION] [--history] [--reason TEXT]",
	    "Show a family's story (tell it once), or one section of it",
	    "  --history        every revision, newest first, not only the "
	    "current text\n"
	    "\nThe sections: our_family, working_well, worries, "
	    "family_wants, child_voice,\nhistory (a code, the title, or the "
	    "start of a word of either: \"voice\").\n" REASON_HELP,
	    CLI_WRITE | CLI_NOSTAFF | CLI_NAMED, story_show_run },
	{ "story", "edit", "FAMILY SECTION [--text TEXT | --file FILE] "
	    "[--read-back DATE]",
	    "Write a section of a family's story anew, or mark it read back",
	    /* After the lines of --text and --read-back (its table's). */
	    "  --file FILE       read the new text from FILE (- for standard "
	    "input)\n"
	    "\nWith neither --text nor --file (nor --read-back alone), the "
	    "text is read\nfrom standard input. Each edit is kept with who "
	    "wrote it and when: story\nshow --history lists them. Editing a "
	    "section with two versions, written\nat different sites while "
	    "apart, makes them one.\n",
	    CLI_WRITE, story_edit_run },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL }
};
