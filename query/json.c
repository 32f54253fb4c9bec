/* json.c - the JSON output of polidex-query: the envelope every command's
 * top-level object shares, a record as JSON, members that say when they
 * could not be added, and printing. cJSON builds everything: no JSON is
 * written by hand. */
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "polidex/util.h"

bool json_str(cJSON *o, const char *name, const char *value)
{
	if (value)
		return cJSON_AddStringToObject(o, name, value) != NULL;
	return cJSON_AddNullToObject(o, name) != NULL;
}

bool json_num(cJSON *o, const char *name, double value)
{
	return cJSON_AddNumberToObject(o, name, value) != NULL;
}

cJSON *json_list(cJSON *o, const char *count_name, size_t count, const char *name)
{
	if (!json_num(o, count_name, (double)count))
		return NULL;
	return cJSON_AddArrayToObject(o, name);
}

cJSON *json_envelope_new(const json_envelope *e, cJSON **results)
{
	cJSON *root = cJSON_CreateObject();
	bool ok = root != NULL;
	*results = NULL;
	for (const char *f = e->order; ok && *f; f++) {
		switch (*f) {
		case 'v': ok = json_num(root, "format_version", PDX_FORMAT_VERSION); break;
		case 'e': ok = e->echo(root, e->echo_arg) == 0; break;
		case 'c': ok = json_num(root, "count", (double)e->count); break;
		case 'r': ok = (*results = cJSON_AddArrayToObject(root, e->results)) != NULL; break;
		default: ok = false; break;	/* a programming error: no output */
		}
	}
	if (ok && *results)
		return root;
	cJSON_Delete(root);
	*results = NULL;
	return NULL;
}

/* The agencies of record id as an array of o. */
static bool hit_agencies_json(pdx_db *db, int64_t id, cJSON *o)
{
	pdx_hit_agency *ag = NULL;
	size_t n = 0;
	cJSON *arr = cJSON_AddArrayToObject(o, "agencies");
	bool ok = arr != NULL;
	if (ok && db_record_agencies(db, id, &ag, &n) == PDX_OK) {
		for (size_t i = 0; ok && i < n; i++) {
			cJSON *a = cJSON_CreateObject();
			ok = a && cJSON_AddItemToArray(arr, a);
			if (!ok) {
				cJSON_Delete(a);
				break;
			}
			ok = json_str(a, "id", ag[i].id) && json_str(a, "acronym", ag[i].acronym) &&
			     json_str(a, "name", ag[i].name) && json_str(a, "role", ag[i].role);
		}
	}
	db_agencies_free(ag, n);
	return ok;
}

/* The timeline of record id as an array of o. */
static bool hit_timeline_json(pdx_db *db, int64_t id, cJSON *o)
{
	pdx_time *tv = NULL;
	size_t n = 0;
	cJSON *arr = cJSON_AddArrayToObject(o, "timeline");
	bool ok = arr != NULL;
	if (ok && db_record_times(db, id, &tv, &n) == PDX_OK) {
		for (size_t i = 0; ok && i < n; i++) {
			cJSON *t = cJSON_CreateObject();
			ok = t && cJSON_AddItemToArray(arr, t);
			if (!ok) {
				cJSON_Delete(t);
				break;
			}
			ok = json_str(t, "kind", time_kind_name(tv[i].kind)) && json_str(t, "expr", tv[i].expr) &&
			     json_str(t, "value", tv[i].value) &&
			     json_str(t, "precision", tv[i].precision);
			/* absent values are null (docs/output-format.md) */
			if (ok && tv[i].has_offset_days)
				ok = json_num(t, "offset_days", tv[i].offset_days);
			else if (ok)
				ok = cJSON_AddNullToObject(t, "offset_days") != NULL;
			if (ok && tv[i].has_offset_months)
				ok = json_num(t, "offset_months", tv[i].offset_months);
			else if (ok)
				ok = cJSON_AddNullToObject(t, "offset_months") != NULL;
			if (ok)
				ok = json_str(t, "anchor", tv[i].anchor);
		}
	}
	db_times_free(tv, n);
	return ok;
}

static bool hit_members(pdx_db *db, const pdx_hit *h, cJSON *o)
{
	bool ok = json_str(o, "key", h->key) && json_str(o, "kind", h->kind);
	if (ok && h->pillar)
		ok = json_num(o, "pillar", h->pillar);
	else if (ok)
		ok = cJSON_AddNullToObject(o, "pillar") != NULL;
	ok = ok && json_str(o, "pillar_source", h->pillar_source) &&
	     json_str(o, "section", h->section);
	if (ok)
		ok = json_str(o, "label", h->label);	/* null: not an order section */
	ok = ok && json_str(o, "text", h->text) && json_str(o, "lang", h->lang) &&
	     json_num(o, "line", h->line);
	/* null: not from a PDF */
	if (ok)
		ok = h->page > 0 ? json_num(o, "page", h->page)
				 : cJSON_AddNullToObject(o, "page") != NULL;
	cJSON *d = ok ? cJSON_AddObjectToObject(o, "document") : NULL;
	ok = d && json_str(d, "path", h->doc_path) && json_num(d, "part", h->doc_part) &&
	     json_str(d, "title", h->doc_title) && json_str(d, "kind", h->doc_kind) &&
	     json_str(d, "lang", h->doc_lang) && json_str(d, "published", h->doc_published) &&
	     json_str(d, "issuer", h->doc_issuer);
	/* a copy: the rendition of its work that counts */
	if (ok && h->copy_of) {
		cJSON *c = cJSON_AddObjectToObject(o, "copy_of");
		ok = c && json_str(c, "path", h->copy_of) && json_num(c, "part", h->copy_of_part);
	}
	ok = ok && hit_agencies_json(db, h->id, o) && hit_timeline_json(db, h->id, o);
	if (ok && h->snippet)
		ok = json_str(o, "snippet", h->snippet);
	return ok;
}

cJSON *hit_json(pdx_db *db, const pdx_hit *h, cJSON *parent)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	if (parent && !cJSON_AddItemToArray(parent, o)) {
		cJSON_Delete(o);
		return NULL;
	}
	if (hit_members(db, h, o))
		return o;
	/* attached: its parent frees it with the rest */
	if (!parent)
		cJSON_Delete(o);
	return NULL;
}

int json_print_item(const cJSON *item, bool first)
{
	char *s = cJSON_Print(item);
	if (!s)
		return -1;
	/* built whole and written at once (a write for each line took a
	 * tenth of a long listing's time) */
	size_t len = 0, nls = 0;
	for (const char *p = s; *p; p++, len++)
		nls += *p == '\n';
	char *out = malloc(len + 2 * nls + 3), *o = out;
	if (!out) {
		free(s);
		return -1;
	}
	if (!first) {
		memcpy(o, ", ", 2);
		o += 2;
	}
	for (const char *p = s; *p; p++) {
		*o++ = *p;
		if (*p == '\n') {
			*o++ = '\t';
			*o++ = '\t';
		}
	}
	fwrite(out, 1, (size_t)(o - out), stdout);
	free(out);
	free(s);
	return 0;
}

int print_json(const cJSON *root, bool pretty)
{
	char *s = pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
	if (!s)
		return -1;
	puts(s);
	free(s);
	return 0;
}
