/* polidex-index --dump: the records as JSON on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polidex/agencies.h"
#include "polidex/util.h"
#include "dump.h"

/* s with each byte that is not valid UTF-8 replaced by U+FFFD: JSON
 * output is UTF-8 whatever a file name holds. Caller frees; NULL: no
 * memory. */
static char *utf8_clean(const char *s)
{
	size_t n = strlen(s);
	if (pdx_utf8_invalid_at(s, n) < 0)
		return pdx_strdup(s);
	pdx_buf b;
	pdx_buf_init(&b);
	for (size_t i = 0; i < n;) {
		int adv = 1;
		uint32_t cp = pdx_utf8_decode(s + i, n - i, &adv);
		char enc[4];
		pdx_buf_add(&b, enc, (size_t)pdx_utf8_encode(cp, enc));
		i += adv > 0 ? (size_t)adv : 1;
	}
	return pdx_buf_take(&b);
}

cJSON *dump_record(const pdx_doc *d, const pdx_record *r)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "key", r->key);
	cJSON_AddStringToObject(o, "kind", record_kind_name(r->kind));
	if (r->pillar)
		cJSON_AddNumberToObject(o, "pillar", r->pillar);
	if (r->pillar_source)
		cJSON_AddStringToObject(o, "pillar_source", r->pillar_source);
	if (r->section)
		cJSON_AddStringToObject(o, "section", r->section);
	if (r->label)
		cJSON_AddStringToObject(o, "label", r->label);
	cJSON_AddStringToObject(o, "text", r->text);
	cJSON_AddStringToObject(o, "lang", r->lang ? r->lang : "");
	cJSON_AddNumberToObject(o, "line", r->line);
	cJSON *doc = cJSON_AddObjectToObject(o, "document");
	if (doc) {
		cJSON_AddStringToObject(doc, "path", d->path);
		cJSON_AddNumberToObject(doc, "part", d->part);
		if (d->title)
			cJSON_AddStringToObject(doc, "title", d->title);
		cJSON_AddStringToObject(doc, "kind", d->kind ? d->kind : "other");
		cJSON_AddStringToObject(doc, "format", d->format);
		if (d->lang)
			cJSON_AddStringToObject(doc, "lang", d->lang);
		if (d->published)
			cJSON_AddStringToObject(doc, "published", d->published);
		if (d->issuer)
			cJSON_AddStringToObject(doc, "issuer", d->issuer);
		const struct { const char *name, *value; } ids[] = {
			{ "type", d->type }, { "subtype", d->subtype }, { "fr_doc", d->fr_doc },
			{ "citation", d->fr_citation }, { "rin", d->rin }, { "docket", d->docket },
			{ "number", d->number }, { "effective_on", d->effective_on },
			{ "comments_close_on", d->comments_close_on },
		};
		for (size_t k = 0; k < sizeof ids / sizeof *ids; k++)
			if (ids[k].value)
				cJSON_AddStringToObject(doc, ids[k].name, ids[k].value);
	}
	cJSON *ag = cJSON_AddArrayToObject(o, "agencies");
	for (size_t i = 0; ag && i < r->nagencies; i++) {
		cJSON *a = cJSON_CreateObject();
		if (!a)
			break;
		cJSON_AddItemToArray(ag, a);
		cJSON_AddStringToObject(a, "id", r->agencies[i].id);
		cJSON_AddStringToObject(a, "role", pdx_role_name(r->agencies[i].role));
	}
	cJSON *tl = cJSON_AddArrayToObject(o, "timeline");
	for (size_t i = 0; tl && i < r->ntimes; i++) {
		const pdx_time *t = &r->times[i];
		cJSON *e = cJSON_CreateObject();
		if (!e)
			break;
		cJSON_AddItemToArray(tl, e);
		cJSON_AddStringToObject(e, "kind", time_kind_name(t->kind));
		cJSON_AddStringToObject(e, "expr", t->expr ? t->expr : "");
		if (t->value)
			cJSON_AddStringToObject(e, "value", t->value);
		else
			cJSON_AddNullToObject(e, "value");
		cJSON_AddStringToObject(e, "precision", t->precision ? t->precision : "");
		if (t->has_offset_days)
			cJSON_AddNumberToObject(e, "offset_days", t->offset_days);
		if (t->has_offset_months)
			cJSON_AddNumberToObject(e, "offset_months", t->offset_months);
		if (t->anchor)
			cJSON_AddStringToObject(e, "anchor", t->anchor);
	}
	return o;
}

/* --dump prints one JSON array, a record at a time as each file is read
 * (the same text cJSON_Print gives the whole array), so that its memory
 * does not grow with the records. Takes o. */
int dump_print(run_t *run, cJSON *o)
{
	char *j = o ? cJSON_Print(o) : NULL;
	cJSON_Delete(o);
	/* a file name's bytes that are not UTF-8 (in the path, the keys) */
	char *s = j ? utf8_clean(j) : NULL;
	free(j);
	if (!s) {
		fprintf(stderr, PROG ": out of memory\n");
		return PDX_ENOMEM;
	}
	fputs(run->dumped++ ? ", " : "[", stdout);
	for (const char *p = s; *p; p++) {
		putchar(*p);
		if (*p == '\n')
			putchar('\t');
	}
	free(s);
	return PDX_OK;
}
