/*
 * audit-words.c tells an entry of the audit trail (audit.h) in people's
 * words: what was done ("viewed", "broke the glass") and, for a change,
 * what it added or set ("added a decision at the huddle, story: read
 * back"), from the codes the trail keeps ("new huddle_decision,
 * story.read_back"), which scripts read as they are.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/audit.h"
#include "oneteam/field.h"
#include "oneteam/kinds.h"
#include "oneteam/xmalloc.h"

static const struct {
	const char	*code;
	const char	*words;
} audit_whats[] = {
	{ AUDIT_SIGNIN, "signed in" },
	{ AUDIT_SIGNIN_FAILED, "sign-in failed" },
	{ AUDIT_LOCK, "locked" },
	{ AUDIT_UNLOCK, "unlocked" },
	{ AUDIT_SIGNOUT, "signed out" },
	{ AUDIT_VIEW, "viewed" },
	{ AUDIT_BREAK_GLASS, "broke the glass" },
	{ AUDIT_SEARCH, "found it searching" },
	{ AUDIT_CHANGE, "changed" },
	{ AUDIT_EXPORT, "exported" },
	{ AUDIT_BUNDLE_EXPORT, "wrote a bundle" },
	{ AUDIT_BUNDLE_IMPORT, "read a bundle" },
	{ AUDIT_SITE_RECOVER, "recovered the site" },
};

const char *
audit_what_words(const char *code)
{
	size_t	i;

	for (i = 0; i < sizeof audit_whats / sizeof audit_whats[0]; i++)
		if (strcmp(audit_whats[i].code, code) == 0)
			return audit_whats[i].words;
	return code;
}

/* A record added, as people say it; a kind not named: its label. */
static const struct {
	const char	*etype;
	const char	*words;
} audit_news[] = {
	{ "family", "added the family" },
	{ "person", "added a person" },
	{ "consent", "recorded consent" },
	{ "contact", "recorded a contact" },
	{ "story", "wrote the story" },
	{ "referral", "raised a referral" },
	{ "referral_event", "moved a referral on" },
	{ "flag", "raised a red flag" },
	{ "flag_event", "acknowledged or resolved a red flag" },
	{ "action", "added an action" },
	{ "huddle", "started a huddle" },
	{ "huddle_item", "put it on the huddle's agenda" },
	{ "huddle_reason", NULL },	/* said by its item */
	{ "huddle_decision", "added a decision at the huddle" },
	{ "huddle_undo", "undid a decision at the huddle" },
	{ "episode", "opened an episode of early help" },
	{ "step", "stepped the level of need" },
	{ "admission", "admitted a site" },
};

/* What a person calls a record of a kind whose field is set. */
static const char *
audit_kind(const char *etype)
{
	const struct kind	*k;

	if (strcmp(etype, "story") == 0)
		return "story";
	k = kinds_get(etype);
	return k != NULL ? k->label : etype;
}

/* "NAME: field" of an account set, in words: "account of NAME: role". */
static char *
audit_staff_words(const char *item)
{
	const char	*colon = strrchr(item, ':'), *label;
	char		*name, *words;

	if (colon == NULL || colon[1] != ' ')
		return xprintf("account of %s", item);
	name = xstrndup(item, (size_t)(colon - item));
	if (strcmp(colon + 2, "passhash") == 0)
		label = "passphrase";
	else if ((label = field_label_of("staff", colon + 2)) == NULL)
		label = colon + 2;
	words = xprintf("account of %s: %s", name, label);
	free(name);
	return words;
}

/* One item of a change's detail in words, to be freed; NULL: none. */
static char *
audit_item_words(const char *item)
{
	const char	*dot, *label;
	char		*etype, *field, *words, *p;
	size_t		 i;

	if (strncmp(item, "new staff ", 10) == 0)
		return xprintf("added the account of %s", item + 10);
	if (strncmp(item, "staff ", 6) == 0)
		return audit_staff_words(item + 6);
	if (strncmp(item, "new ", 4) == 0) {
		for (i = 0; i < sizeof audit_news / sizeof audit_news[0]; i++)
			if (strcmp(audit_news[i].etype, item + 4) == 0)
				return audit_news[i].words != NULL ?
				    xstrdup(audit_news[i].words) : NULL;
		return xprintf("added a %s", audit_kind(item + 4));
	}
	if ((dot = strchr(item, '.')) == NULL)
		return xstrdup(item);
	etype = xstrndup(item, (size_t)(dot - item));
	field = xstrdup(dot + 1);
	/* The field as a form names it, else its name in words. */
	label = field_label_of(etype, field);
	if (label == NULL)
		for (p = field; *p != '\0'; p++)
			if (*p == '_')
				*p = ' ';
	words = xprintf("%s: %s", audit_kind(etype), label != NULL ? label :
	    field);
	free(etype);
	free(field);
	return words;
}

/* Where " and N more" ends a change's detail (audit-change.c), or NULL. */
static const char *
audit_more(const char *detail)
{
	const char	*p, *last = NULL;
	size_t		 n;

	for (p = detail; (p = strstr(p, " and ")) != NULL; p++)
		last = p;
	if (last == NULL)
		return NULL;
	n = strspn(last + 5, "0123456789");
	return n > 0 && strcmp(last + 5 + n, " more") == 0 ? last : NULL;
}

char *
audit_detail_words(const struct audit_entry *e)
{
	char		*all, *rest, *item, *words = NULL, *one, *t;
	const char	*more;

	if (strcmp(e->what, AUDIT_BREAK_GLASS) == 0 && *e->detail != '\0')
		return xprintf("Reason: %s", e->detail);
	if (strcmp(e->what, AUDIT_CHANGE) != 0)
		return xstrdup(e->detail);
	all = xstrdup(e->detail);
	/* "... and 3 more" at its end: said after the words of the rest. */
	if ((more = audit_more(all)) != NULL)
		all[more - all] = '\0';
	for (rest = all; (item = strsep(&rest, ",")) != NULL; ) {
		item += strspn(item, " ");
		if (*item == '\0' || (one = audit_item_words(item)) == NULL)
			continue;
		t = words == NULL ? one : xprintf("%s, %s", words, one);
		if (t != one) {
			free(words);
			free(one);
		}
		words = t;
	}
	if (more != NULL) {
		t = xprintf("%s%s", words != NULL ? words : "", e->detail +
		    (more - all));
		free(words);
		words = t;
	}
	free(all);
	return words != NULL ? words : xstrdup("");
}
