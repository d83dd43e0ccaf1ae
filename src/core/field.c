/*
 * field.c owns the checks that a change's field table (field-table.c)
 * describes: a needed field given, a text valid and not too long, an item
 * of its reference list, a date, one of its words. Each is written here
 * once, for every change described by a table, and each refusal names its
 * field. The rules that join fields or need the records (a basis reason
 * goes with safeguarding; a person of this family) are the modules' own.
 */
#include <stdlib.h>
#include <string.h>

#include "oneteam/field.h"
#include "oneteam/text.h"
#include "oneteam/xmalloc.h"

const char *
field_get(const struct field_def *fd, const void *change)
{
	if (fd->kind == FIELD_YES || fd->kind == FIELD_BIT)
		return NULL;
	return *(const char *const *)((const char *)change + fd->offset);
}

void
field_set(const struct field_def *fd, void *change, const char *value)
{
	if (fd->kind == FIELD_YES)
		*(int *)((char *)change + fd->offset) = fd->bit != 0 ?
		    fd->bit : 1;
	else if (fd->kind == FIELD_BIT)
		*(int *)((char *)change + fd->offset) |= fd->bit;
	else
		*(const char **)((char *)change + fd->offset) = value;
}

int
field_fault(struct oneteam *ot, const char *name)
{
	ot->fault_field = name;
	return -1;
}

const struct field_def *
field_find(const struct field_table *ft, const char *name)
{
	size_t	i;

	for (i = 0; i < ft->n; i++)
		if (strcmp(ft->fields[i].name, name) == 0)
			return &ft->fields[i];
	return NULL;
}

void
field_option(const char *name, char *buf, size_t len)
{
	size_t	i;

	if (len < 3) {
		if (len > 0)
			*buf = '\0';
		return;
	}
	buf[0] = buf[1] = '-';
	for (i = 2; i + 1 < len && *name != '\0'; i++, name++)
		buf[i] = *name == '_' ? '-' : *name;
	buf[i] = '\0';
}

/* Refuse a value that is none of a field's words: "urgency "x" is not
 * one of routine, priority or urgent", "... is not consent or ...". */
static int
field_refuse_word(struct oneteam *ot, const struct field_def *fd,
    const char *v, char **cause)
{
	char	*list = xstrdup(""), *next, *shown;
	size_t	 n, i;

	for (n = 0; fd->words[n].word != NULL; n++)
		;
	for (i = 0; i < n; i++) {
		xasprintf(&next, "%s%s%s", list, i == 0 ? "" : i + 1 == n ?
		    " or " : ", ", fd->words[i].word);
		free(list);
		list = next;
	}
	shown = text_escape(v, 0);
	oneteam_refuse_field(ot, cause, fd->name, "%s \"%s\" is not %s%s",
	    fd->label, shown, n > 2 ? "one of " : "", list);
	free(shown);
	free(list);
	return -1;
}

/* Which of a field's words was typed: whole, or a start of one. */
static int
field_word(struct oneteam *ot, const struct field_def *fd, const char *v,
    size_t *which, char **cause)
{
	size_t	i;

	for (i = 0; fd->words[i].word != NULL; i++) {
		if (text_casecmp(fd->words[i].word, v) == 0 ||
		    (*v != '\0' && text_has_prefix(fd->words[i].word, v))) {
			*which = i;
			return 0;
		}
	}
	return field_refuse_word(ot, fd, v, cause);
}

/* A text field: valid, not too long, trimmed; blank is not given. A
 * name keeps its words one space apart, as it reads. */
static int
field_text(struct oneteam *ot, const struct field_def *fd, const char *v,
    struct field_val *out, char **cause)
{
	size_t	max = fd->max;

	if (max == 0)
		max = fd->kind == FIELD_TEXT ? ONETEAM_NOTE_MAX :
		    ONETEAM_LINE_MAX;
	if (oneteam_text(ot, fd->label, v, max, fd->kind == FIELD_TEXT ?
	    TEXT_MULTILINE : fd->kind == FIELD_NAME ? TEXT_NAME : 0,
	    fd->required, &out->text, cause) != 0) {
		ot->fault_field = fd->name;
		return -1;
	}
	if (fd->kind == FIELD_NAME && out->text != NULL)
		text_squeeze(out->text);
	return 0;
}

int
field_read_value(struct oneteam *ot, const struct field_def *fd, const char *v,
    struct field_val *out, char **cause)
{
	char	iso[11];
	int	rc = 0;

	if (fd->kind == FIELD_LINE || fd->kind == FIELD_NAME ||
	    fd->kind == FIELD_TEXT)
		return field_text(ot, fd, v, out, cause);
	if (v == NULL || (*v == '\0' && fd->kind != FIELD_WORD)) {
		if (fd->required)
			return oneteam_refuse_field(ot, cause, fd->name,
			    "%s is needed", fd->label);
		return 0;
	}
	switch (fd->kind) {
	case FIELD_DATE:
		if ((rc = oneteam_date(ot, fd->label, v, iso, cause)) == 0)
			out->text = xstrdup(iso);
		break;
	case FIELD_LIST:
		rc = oneteam_choice(ot, fd->list, v, &out->item, cause);
		break;
	case FIELD_NEEDS:
		rc = oneteam_needs(ot, v, &out->text, cause);
		break;
	case FIELD_WORD:
		return field_word(ot, fd, v, &out->word, cause);
	default:
		/* The module's to check: it needs the records. */
		break;
	}
	if (rc != 0)
		ot->fault_field = fd->name;
	return rc;
}

int
field_read(struct oneteam *ot, const struct field_table *ft,
    const void *change, struct field_val *vals, char **cause)
{
	size_t	i;

	const char	*v;

	memset(vals, 0, ft->n * sizeof *vals);
	for (i = 0; i < ft->n; i++) {
		v = field_get(&ft->fields[i], change);
		if (v == NULL && ft->partial)
			continue;
		if (field_read_value(ot, &ft->fields[i], v, &vals[i],
		    cause) != 0) {
			field_vals_free(vals, ft->n);
			return -1;
		}
	}
	return 0;
}

char *
field_take(struct field_val *val)
{
	char	*text = val->text;

	val->text = NULL;
	return text;
}

const char *
field_word_of(const struct field_def *fd, const void *change,
    const struct field_val *val)
{
	if (field_get(fd, change) == NULL)
		return NULL;
	return fd->words[val->word].word;
}

void
field_vals_free(struct field_val *vals, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(vals[i].text);
		vals[i].text = NULL;
	}
}
