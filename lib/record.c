/* record.c - policy-action records and their tags. */
#include <stdlib.h>
#include <string.h>

#include "polidex/record.h"
#include "polidex/util.h"

static const char *const role_names[] = { NULL, "mentioned", "support", "lead" };

const char *pdx_role_name(pdx_role r)
{
	return (r >= PDX_ROLE_MENTIONED && r <= PDX_ROLE_LEAD) ? role_names[r] : "mentioned";
}

int pdx_role_parse(const char *s)
{
	for (int i = PDX_ROLE_MENTIONED; i <= PDX_ROLE_LEAD; i++)
		if (s && strcmp(s, role_names[i]) == 0)
			return i;
	return -1;
}

/* The one name table of each kind: the names are what the database
 * stores and what the programs print. */
static const char *const record_kind_names[PDX_REC_NKINDS] = {
	[PDX_REC_RECOMMENDED_ACTION] = "recommended_action",
	[PDX_REC_KEY_POLICY] = "key_policy",
	[PDX_REC_ORDER_SECTION] = "order_section",
	[PDX_REC_NOTICE_EVENT] = "notice_event",
	[PDX_REC_HEADING] = "heading",
	[PDX_REC_PARAGRAPH] = "paragraph",
	[PDX_REC_LIST_ITEM] = "list_item",
};

/* Each timeline kind's name (the database and the output), its title in
 * text output, whether `deadlines` lists it by default (what a tracker
 * follows), and whether its passing closes something (a deadline, a
 * window's end, an expiry: past it, it is overdue or past, not upcoming). */
static const struct {
	const char *name, *title;
	bool tracked, closing;
} time_kinds[PDX_TIME_NKINDS] = {
	[PDX_TIME_DEADLINE] = { "deadline", "Deadline", true, true },
	[PDX_TIME_OPENS] = { "opens", "Opens", true, false },
	[PDX_TIME_CLOSES] = { "closes", "Closes", true, true },
	[PDX_TIME_EFFECTIVE] = { "effective", "Effective", true, false },
	[PDX_TIME_EXPIRES] = { "expires", "Expires", true, true },
	[PDX_TIME_NOTIFICATION] = { "notification", "Notification", true, false },
	[PDX_TIME_START] = { "start", "Start", true, false },
	[PDX_TIME_PUBLISHED] = { "published", "Published", false, false },
	[PDX_TIME_SIGNED] = { "signed", "Signed", false, false },
	[PDX_TIME_FISCAL_YEAR] = { "fiscal_year", "Fiscal year", false, false },
	[PDX_TIME_VAGUE] = { "vague", "Vague", false, false },
	[PDX_TIME_OTHER] = { "other", "Other", false, false },
};

const char *record_kind_name(pdx_record_kind k)
{
	return k > PDX_REC_NONE && k < PDX_REC_NKINDS ? record_kind_names[k] : NULL;
}

pdx_record_kind record_kind_parse(const char *s)
{
	for (int k = PDX_REC_NONE + 1; s && k < PDX_REC_NKINDS; k++)
		if (strcmp(s, record_kind_names[k]) == 0)
			return (pdx_record_kind)k;
	return PDX_REC_NONE;
}

const char *time_kind_name(pdx_time_kind k)
{
	return k > PDX_TIME_NONE && k < PDX_TIME_NKINDS ? time_kinds[k].name : NULL;
}

const char *time_kind_title(pdx_time_kind k)
{
	return k > PDX_TIME_NONE && k < PDX_TIME_NKINDS ? time_kinds[k].title : "";
}

bool time_kind_tracked(pdx_time_kind k)
{
	return k > PDX_TIME_NONE && k < PDX_TIME_NKINDS && time_kinds[k].tracked;
}

bool time_kind_closing(pdx_time_kind k)
{
	return k > PDX_TIME_NONE && k < PDX_TIME_NKINDS && time_kinds[k].closing;
}

pdx_time_kind time_kind_parse(const char *s)
{
	for (int k = PDX_TIME_NONE + 1; s && k < PDX_TIME_NKINDS; k++)
		if (strcmp(s, time_kinds[k].name) == 0)
			return (pdx_time_kind)k;
	return PDX_TIME_NONE;
}

pdx_record *records_add(pdx_records *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		pdx_record *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return NULL;
		l->v = v;
		l->cap = cap;
	}
	pdx_record *r = &l->v[l->n++];
	memset(r, 0, sizeof *r);
	r->ordinal = (int)l->n;
	return r;
}

void pdx_time_clear(pdx_time *t)
{
	free(t->expr);
	free(t->value);
	free(t->precision);
	free(t->anchor);
	memset(t, 0, sizeof *t);
}

static void record_clear(pdx_record *r)
{
	free(r->key);
	free(r->pillar_source);
	free(r->section);
	free(r->label);
	free(r->text);
	free(r->lang);
	for (size_t i = 0; i < r->nagencies; i++)
		free(r->agencies[i].id);
	free(r->agencies);
	for (size_t i = 0; i < r->ntimes; i++)
		pdx_time_clear(&r->times[i]);
	free(r->times);
}

void records_clear(pdx_records *l)
{
	for (size_t i = 0; i < l->n; i++)
		record_clear(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

int record_add_agency(pdx_record *r, const char *id, pdx_role role)
{
	for (size_t i = 0; i < r->nagencies; i++) {
		if (strcmp(r->agencies[i].id, id) == 0) {
			if (role > r->agencies[i].role)
				r->agencies[i].role = role;
			return PDX_OK;
		}
	}
	if (r->nagencies == r->agencies_cap) {
		size_t cap = r->agencies_cap ? r->agencies_cap * 2 : 4;
		pdx_agency_ref *v = realloc(r->agencies, cap * sizeof *v);
		if (!v)
			return PDX_ENOMEM;
		r->agencies = v;
		r->agencies_cap = cap;
	}
	char *dup = pdx_strdup(id);
	if (!dup)
		return PDX_ENOMEM;
	r->agencies[r->nagencies++] = (pdx_agency_ref){ dup, role };
	return PDX_OK;
}

pdx_time *record_add_time(pdx_record *r, pdx_time_kind kind, const char *expr,
			  const char *value, const char *precision)
{
	if (r->ntimes == r->times_cap) {
		size_t cap = r->times_cap ? r->times_cap * 2 : 4;
		pdx_time *v = realloc(r->times, cap * sizeof *v);
		if (!v)
			return NULL;
		r->times = v;
		r->times_cap = cap;
	}
	pdx_time *t = &r->times[r->ntimes];
	memset(t, 0, sizeof *t);
	t->kind = kind;
	t->expr = pdx_strdup(expr);
	t->value = pdx_strdup(value);
	t->precision = pdx_strdup(precision);
	if ((expr && !t->expr) ||
	    (value && !t->value) || (precision && !t->precision)) {
		pdx_time_clear(t);
		return NULL;
	}
	r->ntimes++;
	return t;
}
