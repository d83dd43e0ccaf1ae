/*
 * tui-referrals.c: the Referrals screen: referrals across families, as a
 * worker chases them. A view says whose (raised by me, by my agency, sent
 * to my agency, any waiting past the due date, all) and a status filter
 * narrows it; those waiting past their response date come first, as
 * referral_list() orders them. Each row stands for a referral and its
 * family; Enter opens the family.
 *
 * Which agency answers a service is the core's rule (referral.h); this
 * file only reads and lays out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oneteam/referral.h"
#include "oneteam/staff.h"
#include "oneteam/xmalloc.h"
#include "tui-lists.h"

enum referrals_view {
	VIEW_MINE,
	VIEW_AGENCY,
	VIEW_TO_AGENCY,
	VIEW_WAITING,
	VIEW_ALL,
};

static const char *const referrals_views[] = {
	[VIEW_MINE] = "Raised by me",
	[VIEW_AGENCY] = "By my agency",
	[VIEW_TO_AGENCY] = "To my agency",
	[VIEW_WAITING] = "Waiting past due",
	[VIEW_ALL] = "All",
};
#define NVIEWS (sizeof referrals_views / sizeof referrals_views[0])

/*
 * The status filter: open (not final, the default, as a worker chases
 * what is open), any, or one status. Kept as an index: 0 open, 1 any,
 * then 2 + an enum referral_status.
 */
#define STATUS_OPEN	0
#define STATUS_ANY	1
#define NSTATUS		(2 + REFERRAL_NSTATUS)

/* What the row kind of the document says: a referral. */
#define REFERRALS_K_REFERRAL	1

struct referrals_row {
	struct id	referral;
	struct id	family;
};

struct referrals {
	enum referrals_view	 view;
	int			 status;	/* index, see STATUS_OPEN */
	char			*agency;	/* my agency's code; NULL */
	struct tui_doc		*doc;
	struct referrals_row	*rows;
	size_t			 nrows;
	size_t			 late;		/* waiting past due */
	struct oneteam		*ot;
};

/* The columns; their widths are set for the width drawn at. */
enum {
	COL_REF, COL_HOUSEHOLD, COL_SERVICE, COL_STATUS, COL_DUE, COL_DAYS,
	COL_BY, NCOLS
};
static const struct tui_col referrals_cols[NCOLS] = {
	{ "Ref", 8 }, { "Household", 0 }, { "Service", 13 },
	{ "Status", 20 }, { "Due", 12 }, { "Days", 5 }, { "Raised by", 11 },
};

static const char *
referrals_status_name(int status)
{
	if (status == STATUS_OPEN)
		return "open";
	if (status == STATUS_ANY)
		return "any";
	return referral_status_name((enum referral_status)(status - 2));
}

static void
referrals_drop_rows(struct referrals *rs)
{
	free(rs->rows);
	rs->rows = NULL;
	rs->nrows = 0;
	rs->late = 0;
}

/* --- loading ------------------------------------------------------------ */

static int
referrals_row(const struct referral *r, void *arg)
{
	struct referrals	*rs = arg;
	char			 status[48], due[24], days[16];
	const char		*v[NCOLS];

	/* Late is said in words too, not by the colour alone. */
	snprintf(status, sizeof status, "%s%s",
	    referral_status_name(r->status), r->overdue ? " (late)" : "");
	tui_date(r->response_due, due, sizeof due);
	if (r->waiting >= 0)
		snprintf(days, sizeof days, "%d", r->waiting);
	else
		snprintf(days, sizeof days, "-");
	v[COL_REF] = r->ref;
	v[COL_HOUSEHOLD] = r->household;
	v[COL_SERVICE] = refdata_label(rs->ot->rd, REF_SERVICES, r->service);
	v[COL_STATUS] = status;
	v[COL_DUE] = due;
	v[COL_DAYS] = days;
	v[COL_BY] = r->raised_by;
	tui_doc_row(rs->doc, r->overdue ? tui_look(LOOK_LATE) : 0,
	    REFERRALS_K_REFERRAL, &r->id, v);
	rs->rows = xreallocarray(rs->rows, rs->nrows + 1, sizeof *rs->rows);
	rs->rows[rs->nrows].referral = r->id;
	rs->rows[rs->nrows].family = r->family;
	rs->nrows++;
	if (r->overdue)
		rs->late++;
	return 0;
}

/* My agency's code, read again on each load: it may have been changed. */
static int
referrals_my_agency(struct referrals *rs, char **cause)
{
	struct staff	st;

	free(rs->agency);
	rs->agency = NULL;
	if (oneteam_need_me(rs->ot, cause) != 0 ||
	    staff_get(rs->ot, &rs->ot->me, &st, cause) != 0)
		return -1;
	if (st.agency != NULL && *st.agency != '\0')
		rs->agency = xstrdup(st.agency);
	staff_clear(&st);
	return 0;
}

/* The filter of the view and status chosen. */
static void
referrals_filter(const struct referrals *rs, struct referral_filter *rf)
{
	memset(rf, 0, sizeof *rf);
	rf->status = -1;
	if (rs->status == STATUS_OPEN)
		rf->open = 1;
	else if (rs->status != STATUS_ANY)
		rf->status = rs->status - 2;
	switch (rs->view) {
	case VIEW_MINE:
		rf->mine = 1;
		break;
	case VIEW_AGENCY:
		rf->agency = rs->agency;
		break;
	case VIEW_TO_AGENCY:
		rf->to_agency = rs->agency;
		break;
	case VIEW_WAITING:
		rf->waiting = 1;
		break;
	case VIEW_ALL:
		break;
	}
}

static int
referrals_load(struct tui *t, struct tui_screen *s, char **cause)
{
	struct referrals	*rs = s->data;
	struct referral_filter	 rf;

	rs->ot = tui_core(t);
	tui_doc_clear(rs->doc);
	referrals_drop_rows(rs);
	tui_doc_columns(rs->doc, referrals_cols, NCOLS);
	if (referrals_my_agency(rs, cause) != 0)
		return -1;
	if ((rs->view == VIEW_AGENCY || rs->view == VIEW_TO_AGENCY) &&
	    rs->agency == NULL) {
		tui_doc_text(rs->doc, tui_look(LOOK_DIM), 0, NULL, 2,
		    "Your agency is not recorded, so this view is empty: a "
		    "coordinator can set it.");
		return 0;
	}
	referrals_filter(rs, &rf);
	if (referral_list(rs->ot, &rf, referrals_row, rs, cause) != 0)
		return -1;
	if (rs->nrows == 0)
		tui_doc_text(rs->doc, tui_look(LOOK_DIM), 0, NULL, 2,
		    "No referrals in this view.");
	return 0;
}

/* --- drawing ------------------------------------------------------------ */

static void
referrals_draw_views(const struct referrals *rs, WINDOW *win, int w)
{
	char	label[40];
	size_t	i;
	int	x = 0;

	for (i = 0; i < NVIEWS && x < w; i++) {
		int on = (enum referrals_view)i == rs->view;

		/* The chosen view is bracketed, not only coloured. */
		snprintf(label, sizeof label, on ? "[%zu %s]" : " %zu %s ",
		    i + 1, referrals_views[i]);
		x += w_text(win, 0, x, w - x, label,
		    tui_look(on ? LOOK_TAB_ON : LOOK_TAB));
		x += w_text(win, 0, x, w - x, " ", 0);
	}
}

/* "Status: open (t) · Health visiting · 12 referrals, 3 late". */
static void
referrals_draw_status(const struct referrals *rs, WINDOW *win, int w)
{
	char		*line, agency[120] = "";
	const char	*name;

	if (rs->view == VIEW_AGENCY || rs->view == VIEW_TO_AGENCY) {
		name = rs->agency != NULL ? refdata_label(rs->ot->rd,
		    REF_AGENCIES, rs->agency) : "agency not recorded";
		snprintf(agency, sizeof agency, " · %s %s",
		    rs->view == VIEW_AGENCY ? "raised by" : "sent to", name);
	}
	line = xprintf("Status: %s (t changes it)%s · %zu referral%s, %zu "
	    "waiting past the due date", referrals_status_name(rs->status),
	    agency, rs->nrows, rs->nrows == 1 ? "" : "s", rs->late);
	w_text(win, 1, 0, w, line, tui_look(LOOK_DIM));
	free(line);
}

/*
 * Ref, status, due and days keep their widths; what is left is shared by
 * the household (the rest), the service and who raised it. Only the
 * widths change, so the rows' cells still fit.
 */
static void
referrals_widths(struct referrals *rs, int w)
{
	struct tui_col	cols[NCOLS];
	int		rest;

	memcpy(cols, referrals_cols, sizeof cols);
	rest = w - (cols[COL_REF].width + cols[COL_STATUS].width +
	    cols[COL_DUE].width + cols[COL_DAYS].width);
	if (rest > 35) {
		cols[COL_SERVICE].width = rest * 35 / 100;
		cols[COL_BY].width = rest * 27 / 100;
	}
	tui_doc_columns(rs->doc, cols, NCOLS);
}

static void
referrals_draw(struct tui *t, struct tui_screen *s, WINDOW *win, int h,
    int w)
{
	struct referrals	*rs = s->data;

	(void)t;
	referrals_draw_views(rs, win, w);
	referrals_draw_status(rs, win, w);
	referrals_widths(rs, w);
	tui_doc_draw(rs->doc, win, 2, h - 2, w);
}

/* --- keys --------------------------------------------------------------- */

static void
referrals_set_view(struct tui *t, struct referrals *rs, size_t view)
{
	rs->view = (enum referrals_view)(view % NVIEWS);
	tui_doc_top(rs->doc);
	tui_reload(t);
}

static enum w_result
referrals_key(struct tui *t, struct tui_screen *s, int key)
{
	struct referrals	*rs = s->data;

	if (key >= '1' && key < '1' + (int)NVIEWS) {
		referrals_set_view(t, rs, (size_t)(key - '1'));
		return W_HANDLED;
	}
	return tui_doc_key(rs->doc, key) == W_IGNORED ? W_IGNORED :
	    W_HANDLED;
}

static int
referrals_open(struct tui *t, struct tui_screen *s, int key)
{
	struct referrals	*rs = s->data;
	struct id		 id;
	size_t			 i;
	int			 kind;

	(void)key;
	if (!tui_doc_selected(rs->doc, &kind, &id)) {
		tui_say(t, "No referral here: Tab shows another view.");
		return 0;
	}
	for (i = 0; i < rs->nrows; i++) {
		if (id_cmp(&rs->rows[i].referral, &id) == 0) {
			tui_family_open(t, &rs->rows[i].family);
			break;
		}
	}
	return 0;
}

static int
referrals_next_view(struct tui *t, struct tui_screen *s, int key)
{
	struct referrals	*rs = s->data;

	(void)key;
	referrals_set_view(t, rs, (size_t)rs->view + 1);
	return 0;
}

/* t the next status, T the one before. */
static int
referrals_status(struct tui *t, struct tui_screen *s, int key)
{
	struct referrals	*rs = s->data;

	rs->status = (rs->status + (key == 'T' ? NSTATUS - 1 : 1)) % NSTATUS;
	tui_doc_top(rs->doc);
	tui_reload(t);
	if (rs->status == STATUS_ANY)
		tui_say(t, "Showing referrals of any status.");
	else
		tui_say(t, "Showing %s referrals.",
		    referrals_status_name(rs->status));
	return 0;
}

static void
referrals_free(struct tui_screen *s)
{
	struct referrals	*rs = s->data;

	if (rs == NULL)
		return;
	referrals_drop_rows(rs);
	free(rs->agency);
	tui_doc_free(rs->doc);
	free(rs);
}

static const struct tui_bind referrals_binds[] = {
	{ '\r', "Enter", "open the family", 1, referrals_open },
	{ '\n', NULL, NULL, 0, referrals_open },
	{ W_FN | KEY_ENTER, NULL, NULL, 0, referrals_open },
	{ '\t', "Tab", "view", 1, referrals_next_view },
	{ 't', "t", "status", 1, referrals_status },
	{ 'T', "T", "status, back", 0, referrals_status },
	{ 0, NULL, NULL, 0, NULL }
};

const struct tui_screen_ops tui_referrals_ops = {
	.name = "Referrals",
	.about = "Referrals across families, those waiting past their "
	    "response date first. 1-5 choose the view (raised by me, by my "
	    "agency, sent to my agency, waiting past due, all); t and T the "
	    "status (open, any, or one status).",
	.binds = referrals_binds,
	.load = referrals_load,
	.draw = referrals_draw,
	.key = referrals_key,
	.free = referrals_free,
};

void
tui_referrals_open(struct tui *t)
{
	struct referrals	*rs = xcalloc(1, sizeof *rs);

	rs->view = VIEW_MINE;
	rs->status = STATUS_OPEN;
	rs->doc = tui_doc_new();
	rs->ot = tui_core(t);
	tui_push(t, &tui_referrals_ops, rs);
}
