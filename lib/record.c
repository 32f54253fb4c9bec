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
	free(t->kind);
	free(t->expr);
	free(t->value);
	free(t->precision);
	free(t->anchor);
	memset(t, 0, sizeof *t);
}

static void record_clear(pdx_record *r)
{
	free(r->key);
	free(r->kind);
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

pdx_time *record_add_time(pdx_record *r, const char *kind, const char *expr,
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
	t->kind = pdx_strdup(kind);
	t->expr = pdx_strdup(expr);
	t->value = pdx_strdup(value);
	t->precision = pdx_strdup(precision);
	if ((kind && !t->kind) || (expr && !t->expr) ||
	    (value && !t->value) || (precision && !t->precision)) {
		pdx_time_clear(t);
		return NULL;
	}
	r->ntimes++;
	return t;
}
