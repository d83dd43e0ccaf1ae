/*
 * tui-forms-refer.c: the forms that reach outside the team or raise the
 * alarm: raising a referral and moving it on, and raising, acknowledging
 * and resolving a red flag. A referral is not sent without a basis for
 * sharing, and a safeguarding basis needs its reason: the core refuses
 * both, and the form says so beside the field.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/field.h"
#include "oneteam/flag.h"
#include "oneteam/referral.h"
#include "oneteam/xmalloc.h"
#include "tui-family.h"
#include "tui-forms.h"

static char *
refer_done(const char *what, const char *kind, const struct id *id)
{
	char	ref[ID_REF_MAX];

	oneteam_ref(kind, id, ref);
	return xprintf("%s %s recorded.", what, ref);
}

/* --- raising a referral ------------------------------------------------------ */

static char *
refer_raise_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct referral_new	rn;
	struct id		id;

	memset(&rn, 0, sizeof rn);
	tui_form_fill(f, &field_referral_raise, &rn);
	if (referral_raise(tui_core(t), &tui_form_target(f)->family, &rn, &id,
	    cause) != 0)
		return NULL;
	return refer_done("Referral sent:", "referral", &id);
}

/*
 * The form sends the referral, so it asks for the urgency (routine to
 * begin with) and the basis; the reason, in the editor, comes last.
 */
void
tui_form_referral(struct tui *t, const struct tui_target *tg)
{
	const struct field_def	*fd = field_referral_raise.fields;
	struct tui_form		*f;

	f = tui_form_new(t, "Raise a referral", tg, refer_raise_save);
	tui_form_field(f, &fd[FR_SERVICE], 0, "");
	tui_form_field(f, &fd[FR_CHILD], 0, "");
	tui_form_field(f, &fd[FR_URGENCY], FORM_NEEDED, "routine");
	tui_form_field(f, &fd[FR_BASIS], FORM_NEEDED, "");
	tui_form_field(f, &fd[FR_BASIS_REASON], FORM_ONE_LINE, NULL);
	tui_form_field(f, &fd[FR_NEEDS], 0, NULL);
	tui_form_field(f, &fd[FR_DUE], 0, NULL);
	tui_form_field(f, &fd[FR_REASON], 0, NULL);
	tui_form_open(t, f);
}

/* --- moving a referral on ---------------------------------------------------- */

static char *
refer_update_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct referral_update	ru;

	memset(&ru, 0, sizeof ru);
	tui_form_fill(f, &field_referral_update, &ru);
	if (referral_update(tui_core(t), &tui_form_target(f)->id, &ru,
	    cause) != 0)
		return NULL;
	return xprintf("Referral now %s.", ru.status);
}

void
tui_form_referral_update(struct tui *t, const struct tui_target *tg)
{
	const struct field_def	*fd = field_referral_update.fields;
	struct referral		 r;
	struct tui_form		*f;
	enum referral_status	 st;
	char			*title, *cause = NULL;
	size_t			 i;

	if (tg->kind != TAB_K_REFERRAL) {
		tui_fail(t, xstrdup("put the cursor on a referral first (tab "
		    "5, Referrals)"));
		return;
	}
	if (referral_get(tui_core(t), tg->view, &tg->id, &r, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	for (st = 0; st < REFERRAL_NSTATUS; st++)
		if (referral_can_move(r.status, st))
			break;
	if (st == REFERRAL_NSTATUS) {
		/* Said before a form that could never be saved. */
		tui_say(t, "%s is %s: it moves no further.", r.ref,
		    referral_status_name(r.status));
		referral_clear(&r);
		return;
	}
	title = xprintf("Referral %s to %s: now %s", r.ref,
	    refdata_label(tui_core(t)->rd, REF_SERVICES, r.service),
	    referral_status_name(r.status));
	f = tui_form_new(t, title, tg, refer_update_save);
	free(title);
	/* Only the moves allowed from where it is now. */
	i = tui_form_add(f, fd[FU_STATUS].prompt, FORM_CHOICE, 1, "");
	tui_form_name(f, i, fd[FU_STATUS].name);
	for (st = 0; st < REFERRAL_NSTATUS; st++)
		if (referral_can_move(r.status, st))
			tui_form_item(f, i, referral_status_name(st),
			    referral_status_name(st), NULL);
	tui_form_field(f, &fd[FU_NOTE], FORM_ONE_LINE, NULL);
	tui_form_field(f, &fd[FU_OUTCOME], FORM_ONE_LINE, NULL);
	tui_form_field(f, &fd[FU_DUE], 0, NULL);
	/* "(as it is)" to begin with: a basis given goes only with sending,
	 * so the one it has would refuse every other move. */
	tui_form_field(f, &fd[FU_BASIS], 0, "");
	tui_form_field(f, &fd[FU_BASIS_REASON], FORM_ONE_LINE, NULL);
	referral_clear(&r);
	tui_form_open(t, f);
}

/* --- red flags -------------------------------------------------------------- */

static char *
refer_flag_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct flag_new	 fn;
	struct id	 id;
	const char	*response;
	char		 ref[ID_REF_MAX];

	memset(&fn, 0, sizeof fn);
	tui_form_fill(f, &field_flag_raise, &fn);
	if (flag_raise(tui_core(t), &tui_form_target(f)->family, &fn, &id,
	    cause) != 0)
		return NULL;
	/* What to do now, at once, where it was raised (F3 reads it whole
	 * when the line is too short). */
	oneteam_ref("flag", &id, ref);
	response = flag_response(tui_core(t), fn.code);
	if (*response == '\0')
		return xprintf("Red flag %s recorded.", ref);
	return xprintf("Red flag %s recorded. Agreed response: %s", ref,
	    response);
}

void
tui_form_flag(struct tui *t, const struct tui_target *tg)
{
	const struct field_def	*fd = field_flag_raise.fields;
	struct oneteam		*ot = tui_core(t);
	const struct ref_item	*it;
	struct tui_form		*f;
	size_t			 i, k;

	/* Each red flag with its severity beside it. */
	f = tui_form_new(t, "Raise a red flag", tg, refer_flag_save);
	i = tui_form_add(f, fd[FG_CODE].prompt, FORM_CHOICE, 1, "");
	tui_form_name(f, i, fd[FG_CODE].name);
	for (k = 0; k < refdata_count(ot->rd, REF_RED_FLAGS); k++) {
		it = refdata_item(ot->rd, REF_RED_FLAGS, k);
		tui_form_item(f, i, it->code, it->label, it->extra[0]);
	}
	tui_form_field(f, &fd[FG_PERSON], 0, "");
	tui_form_field(f, &fd[FG_AT], FORM_NEEDED, "now");
	tui_form_field(f, &fd[FG_NOTE], 0, NULL);
	tui_form_open(t, f);
}

/* Acknowledging and resolving share one form: a flag and a note. */
struct refer_flag_step {
	int	resolve;
};

static char *
refer_flag_step_save(struct tui *t, struct tui_form *f, char **cause)
{
	struct refer_flag_step	*st = tui_form_data(f);
	const struct id		*id = &tui_form_target(f)->id;
	struct flag_step	 fs;

	memset(&fs, 0, sizeof fs);
	tui_form_fill(f, st->resolve ? &field_flag_resolve : &field_flag_ack,
	    &fs);
	if ((st->resolve ? flag_resolve : flag_ack)(tui_core(t), id, fs.note,
	    cause) != 0)
		return NULL;
	return xstrdup(st->resolve ? "Red flag resolved." :
	    "Red flag acknowledged.");
}

static void
refer_flag_step(struct tui *t, const struct tui_target *tg, int resolve)
{
	struct refer_flag_step	*st;
	struct flag		 fl;
	struct tui_form		*f;
	char			*title, *cause = NULL;

	if (tg->kind != TAB_K_FLAG) {
		tui_fail(t, xstrdup("put the cursor on a red flag first (tab "
		    "6, Flags)"));
		return;
	}
	if (flag_get(tui_core(t), tg->view, &tg->id, &fl, &cause) != 0) {
		tui_fail(t, cause);
		return;
	}
	title = xprintf("%s red flag %s: %s", resolve ? "Resolve" :
	    "Acknowledge", fl.ref, fl.label);
	f = tui_form_new(t, title, tg, refer_flag_step_save);
	free(title);
	st = xcalloc(1, sizeof *st);
	st->resolve = resolve;
	tui_form_set_data(f, st);
	if (resolve)
		tui_form_field(f, &field_flag_resolve.fields[FK_NOTE], 0, NULL);
	else
		tui_form_field(f, &field_flag_ack.fields[FK_NOTE],
		    FORM_ONE_LINE, NULL);
	flag_clear(&fl);
	tui_form_open(t, f);
}

void
tui_form_flag_ack(struct tui *t, const struct tui_target *tg)
{
	refer_flag_step(t, tg, 0);
}

void
tui_form_flag_resolve(struct tui *t, const struct tui_target *tg)
{
	refer_flag_step(t, tg, 1);
}
