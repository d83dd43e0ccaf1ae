/*
 * Reference lists: roles, agencies, contact kinds, the agreed red flags and
 * so on. Built-in defaults come from the .tsv files in share/oneteam,
 * compiled into the binary so oneteam runs with no data files installed; a
 * council overrides any list with its own file named in the configuration.
 */
#ifndef ONETEAM_REFDATA_H
#define ONETEAM_REFDATA_H

#include <stddef.h>

enum ref_list {
	REF_ROLES,		/* roles of staff: health visitor, ... */
	REF_AGENCIES,		/* agencies: health visiting, police, ... */
	REF_CONTACT_KINDS,	/* home visit, phone call, not brought, ... */
	REF_RED_FLAGS,		/* code, label, severity, agreed response */
	REF_NEEDS,		/* the ten Supporting Families outcomes */
	REF_LEVELS,		/* levels of need 1-4 */
	REF_SERVICES,		/* services a referral goes to */
	REF_INVOLVEMENT,	/* reasons an episode of early help opens */
	REF_END_REASONS,	/* reasons an episode closes */
	REF_RELATIONSHIPS,	/* mother, father, child, carer, ... */
	REF_BANK_HOLIDAYS,	/* date (ISO: its code), label */
	REF_NLISTS
};

/* One entry of a list. extra[] holds the columns beyond code and label. */
struct ref_item {
	char	*code;		/* stable code stored in records: "home_visit" */
	char	*label;		/* what people read: "Home visit" */
	char	*extra[2];	/* red flags: severity, response; contact
				   kinds: concern (yes, no) or NULL;
				   services: response (working days, or
				   "" or NULL: by urgency) */
};

struct refdata;

/* Name of a list as used in file names and the configuration ("red_flags"). */
const char	*refdata_list_name(enum ref_list);

/*
 * Load every list: the built-in default, or the file paths[list] when that
 * is not NULL. A file is UTF-8 TSV: a header line, then one entry a line,
 * '#' comments and blank lines ignored. Returns NULL with *cause naming the
 * file, line and fault ("red-flags.tsv line 4: severity \"urgent\" is not
 * one of high, medium, low").
 */
struct refdata	*refdata_load(const char *const paths[REF_NLISTS], char **cause);
void		 refdata_free(struct refdata *);

size_t			 refdata_count(const struct refdata *, enum ref_list);
const struct ref_item	*refdata_item(const struct refdata *, enum ref_list,
			     size_t);
/* Exact code, or NULL. */
const struct ref_item	*refdata_find(const struct refdata *, enum ref_list,
			     const char *code);
/*
 * What a person typed: a code or a label, any case, or an unambiguous
 * prefix of either. Returns NULL with *cause ("contact kind \"ph\" is not
 * known: choose from home_visit, phone_call, ..." or "... could be
 * phone_call or photo_id").
 */
const struct ref_item	*refdata_lookup(const struct refdata *, enum ref_list,
			     const char *text, char **cause);
/*
 * Label for a code; when the list does not have it (another site's list
 * has, or an older one had), the code with "(not in this site's list)".
 */
const char		*refdata_label(const struct refdata *, enum ref_list,
			     const char *code);
/* Labels for comma-separated codes, joined with ", ": a new string. */
char			*refdata_labels(const struct refdata *, enum ref_list,
			     const char *codes);

/*
 * Working days (date_add_workdays()): is the ISO date iso a bank holiday
 * of the list? And how many working days a service answers a referral in
 * (its response column), or 0 when its list does not say.
 */
int			 refdata_bank_holiday(const struct refdata *,
			     const char *iso);
int			 refdata_service_days(const struct refdata *,
			     const char *service);

#endif
