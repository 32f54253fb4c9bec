/* common.c - what every subcommand of polidex-query uses: formats, the
 * database, agency names, the JSON view of a record. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "query.h"
#include "polidex/util.h"

static const char *const format_names[] = { "text", "json", "ndjson", "csv", "ics" };

int parse_format(const char *name, unsigned allowed)
{
	for (int i = 0; i <= FMT_ICS; i++)
		if ((allowed & (1u << i)) && strcmp(name, format_names[i]) == 0)
			return i;
	fprintf(stderr, PROG ": unknown format '%s' (one of:", name);
	for (int i = 0; i <= FMT_ICS; i++)
		if (allowed & (1u << i))
			fprintf(stderr, " %s", format_names[i]);
	fprintf(stderr, ")\n");
	return -1;
}

int take_format(pdx_format *fmt, const char *name, unsigned allowed)
{
	int f = parse_format(name, allowed);
	if (f < 0)
		return -1;
	*fmt = (pdx_format)f;
	return 0;
}

pdx_db *open_db(const char *path)
{
	char err[512] = "";
	pdx_db *db = NULL;
	if (db_open(&db, path, DB_READONLY, err, sizeof err)) {
		fprintf(stderr, PROG ": cannot open database '%s': %s\n", path, err);
		return NULL;
	}
	return db;
}

char *resolve_agency(pdx_db *db, const char *name)
{
	char *id = NULL;
	if (db_agency_lookup(db, name, &id) == PDX_OK && id)
		return id;
	char *sugg[5];
	size_t n = 0;
	db_agency_suggest(db, name, sugg, 5, &n);
	fprintf(stderr, PROG ": unknown agency '%s'", name);
	for (size_t i = 0; i < n; i++) {
		fprintf(stderr, "%s%s", i ? ", " : "; did you mean: ", sugg[i]);
		free(sugg[i]);
	}
	fprintf(stderr, "\n");
	return NULL;
}

int parse_pillar(const char *s)
{
	if (strcmp(s, "1") == 0 || strcasecmp(s, "I") == 0)
		return 1;
	if (strcmp(s, "2") == 0 || strcasecmp(s, "II") == 0)
		return 2;
	if (strcmp(s, "3") == 0 || strcasecmp(s, "III") == 0)
		return 3;
	return 0;
}

static void add_str(cJSON *o, const char *k, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

cJSON *hit_json(pdx_db *db, const pdx_hit *h, cJSON *parent)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddItemToArray(parent, o);
	add_str(o, "key", h->key);
	add_str(o, "kind", h->kind);
	if (h->pillar)
		cJSON_AddNumberToObject(o, "pillar", h->pillar);
	else
		cJSON_AddNullToObject(o, "pillar");
	add_str(o, "pillar_source", h->pillar_source);
	add_str(o, "section", h->section);
	if (h->label)
		add_str(o, "label", h->label);
	add_str(o, "text", h->text);
	add_str(o, "lang", h->lang);
	cJSON_AddNumberToObject(o, "line", h->line);
	cJSON *d = cJSON_AddObjectToObject(o, "document");
	if (d) {
		add_str(d, "path", h->doc_path);
		cJSON_AddNumberToObject(d, "part", h->doc_part);
		add_str(d, "title", h->doc_title);
		add_str(d, "kind", h->doc_kind);
		add_str(d, "lang", h->doc_lang);
		add_str(d, "published", h->doc_published);
		add_str(d, "issuer", h->doc_issuer);
	}
	pdx_hit_agency *ag = NULL;
	size_t nag = 0;
	cJSON *arr = cJSON_AddArrayToObject(o, "agencies");
	if (arr && db_record_agencies(db, h->id, &ag, &nag) == PDX_OK) {
		for (size_t i = 0; i < nag; i++) {
			cJSON *a = cJSON_CreateObject();
			if (!a)
				break;
			cJSON_AddItemToArray(arr, a);
			add_str(a, "id", ag[i].id);
			add_str(a, "acronym", ag[i].acronym);
			add_str(a, "name", ag[i].name);
			add_str(a, "role", ag[i].role);
		}
	}
	db_agencies_free(ag, nag);
	pdx_time *tv = NULL;
	size_t nt = 0;
	arr = cJSON_AddArrayToObject(o, "timeline");
	if (arr && db_record_times(db, h->id, &tv, &nt) == PDX_OK) {
		for (size_t i = 0; i < nt; i++) {
			cJSON *t = cJSON_CreateObject();
			if (!t)
				break;
			cJSON_AddItemToArray(arr, t);
			add_str(t, "kind", tv[i].kind);
			add_str(t, "expr", tv[i].expr);
			add_str(t, "value", tv[i].value);
			add_str(t, "precision", tv[i].precision);
			if (tv[i].has_offset_days)
				cJSON_AddNumberToObject(t, "offset_days", tv[i].offset_days);
			if (tv[i].has_offset_months)
				cJSON_AddNumberToObject(t, "offset_months", tv[i].offset_months);
			if (tv[i].anchor)
				add_str(t, "anchor", tv[i].anchor);
		}
	}
	db_times_free(tv, nt);
	if (h->snippet)
		add_str(o, "snippet", h->snippet);
	return o;
}

int print_json(cJSON *root, bool pretty)
{
	char *s = pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!s)
		return -1;
	puts(s);
	free(s);
	return 0;
}

void csv_field(FILE *f, const char *s, bool last)
{
	s = s ? s : "";
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputs(last ? "\r\n" : ",", f);
}
