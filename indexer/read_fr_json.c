/* read_fr_json.c - the Federal Register API's JSON
 * (federalregister.gov/api/v1): one document (documents/N.json), or a page
 * of search results ({"count": ..., "results": [...]}), which gives one
 * document per entry (part 1..n), its abstract as its text.
 *
 * The API's fields become the document's metadata as the API states them
 * (type, document number, citation, dates, RINs, dockets, order numbers);
 * the agencies, action, abstract and dates become labelled paragraphs, the
 * way the Federal Register prints them, for the taggers to read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "identify.h"
#include "read.h"
#include "polidex/util.h"

/* The string value of o[name], or NULL (a number is not a string). */
static const char *js(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	return cJSON_IsString(v) && v->valuestring && v->valuestring[0] ? v->valuestring : NULL;
}

/* o[name] as text: a string as is, a whole number printed ("14320"). */
static int set_text_or_number(char **field, const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	char num[32];
	if (cJSON_IsString(v) && v->valuestring && v->valuestring[0])
		return doc_set(field, v->valuestring);
	if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 1e9) {
		snprintf(num, sizeof num, "%ld", (long)v->valuedouble);
		return doc_set(field, num);
	}
	return PDX_OK;
}

/* A list of strings o[name] joined with ", " into *field. */
static int set_list(char **field, const cJSON *o, const char *name)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, name), *v;
	pdx_buf b;
	pdx_buf_init(&b);
	cJSON_ArrayForEach(v, a) {
		if (cJSON_IsString(v) && v->valuestring && v->valuestring[0])
			pdx_buf_printf(&b, "%s%s", b.len ? ", " : "", v->valuestring);
	}
	char *s = pdx_buf_take(&b);
	int rc = s && *s ? doc_set(field, s) : PDX_OK;
	free(s);
	return rc;
}

/* A date field ("2025-11-28") of the API, checked for its shape. */
static int set_date(char **field, const cJSON *o, const char *name)
{
	const char *s = js(o, name);
	if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return PDX_OK;
	char d[11];
	memcpy(d, s, 10);
	d[10] = '\0';
	return doc_set(field, d);
}

/* The 1-based line of the k-th (0-based) occurrence of needle in buf, or
 * 1: where an entry starts, for the records' lines. */
static int line_of(const char *buf, size_t len, const char *needle, size_t k)
{
	const char *p = buf, *end = buf + len;
	size_t nl = strlen(needle);
	for (;;) {
		const char *q = p < end ? memchr(p, needle[0], (size_t)(end - p)) : NULL;
		if (!q || (size_t)(end - q) < nl)
			return 1;
		if (memcmp(q, needle, nl) == 0) {
			if (k-- == 0) {
				int line = 1;
				for (const char *c = buf; c < q; c++)
					line += *c == '\n';
				return line;
			}
		}
		p = q + 1;
	}
}

/* One entry of the API into a new document. */
static int fr_json_document(const cJSON *e, const char *path, int part, int line,
			    pdx_doclist *out)
{
	pdx_doc *doc = doc_new(path);
	if (!doc)
		return PDX_ENOMEM;
	doc->part = part;
	doc->format = "fr-json";
	int rc = doc_set(&doc->lang, "en");
	const char *type = identify_fr_type(js(e, "type"));
	const char *sub = identify_subtype(js(e, "subtype"));
	if (!sub)
		sub = identify_subtype(js(e, "presidential_document_type"));
	if (rc == PDX_OK && type)
		rc = doc_set(&doc->type, type);
	if (rc == PDX_OK && sub && (!type || !strcmp(type, "presidential_document")))
		rc = doc_set(&doc->subtype, sub);
	/* the kind the segmenter works by: an order's sections, a notice's
	 * events */
	const char *kind = sub && strcmp(sub, "memorandum") ? sub : type && strcmp(type,
			   "presidential_document") ? type : "other";
	if (rc == PDX_OK)
		rc = doc_set(&doc->kind, kind);
	if (rc == PDX_OK && js(e, "title"))
		rc = doc_set(&doc->title, js(e, "title"));
	if (rc == PDX_OK)
		rc = doc_set(&doc->fr_doc, js(e, "document_number"));
	if (rc == PDX_OK)
		rc = doc_set(&doc->fr_citation, js(e, "citation"));
	if (rc == PDX_OK)
		rc = set_date(&doc->published, e, "publication_date");
	if (rc == PDX_OK)
		rc = set_date(&doc->signed_date, e, "signing_date");
	if (rc == PDX_OK)
		rc = set_date(&doc->effective_on, e, "effective_on");
	if (rc == PDX_OK)
		rc = set_date(&doc->comments_close_on, e, "comments_close_on");
	if (rc == PDX_OK)
		rc = set_list(&doc->rin, e, "regulation_id_numbers");
	if (rc == PDX_OK)
		rc = set_list(&doc->docket, e, "docket_ids");
	if (rc == PDX_OK)
		rc = set_text_or_number(&doc->number, e, "executive_order_number");
	if (rc == PDX_OK && !doc->number)
		rc = set_text_or_number(&doc->number, e, "proclamation_number");
	if (rc == PDX_OK)
		rc = doc_set(&doc->source_url, js(e, "html_url"));

	/* the text: title, then the labelled paragraphs */
	if (rc == PDX_OK && doc->title)
		rc = doc_add_block(doc, PDX_HEADING, 1, line, doc->title);
	pdx_buf b;
	pdx_buf_init(&b);
	const cJSON *agencies = cJSON_GetObjectItemCaseSensitive(e, "agencies"), *a;
	cJSON_ArrayForEach(a, agencies) {
		const char *name = js(a, "name") ? js(a, "name") : js(a, "raw_name");
		if (name)
			pdx_buf_printf(&b, "%s%s", b.len ? "; " : "AGENCY: ", name);
	}
	if (b.len && pdx_buf_adds(&b, "."))
		rc = PDX_ENOMEM;
	if (rc == PDX_OK && b.len)
		rc = doc_add_block(doc, PDX_PARAGRAPH, 0, line, b.s);
	pdx_buf_clear(&b);
	static const char *const labelled[][2] = {
		{ "action", "ACTION" }, { "abstract", "SUMMARY" }, { "dates", "DATES" },
	};
	for (size_t k = 0; rc == PDX_OK && k < sizeof labelled / sizeof *labelled; k++) {
		const char *v = js(e, labelled[k][0]);
		if (!v)
			continue;
		pdx_buf_init(&b);
		pdx_buf_printf(&b, "%s: %s", labelled[k][1], v);
		char *t = pdx_buf_take(&b);
		rc = t ? doc_add_block(doc, PDX_PARAGRAPH, 0, line, t) : PDX_ENOMEM;
		free(t);
	}
	if (rc == PDX_OK && doc->nblocks == 0) {
		doc_free(doc);
		return PDX_EFORMAT;
	}
	if (rc == PDX_OK)
		rc = doclist_push(out, doc);
	if (rc != PDX_OK)
		doc_free(doc);
	return rc;
}

bool read_fr_json_sniff(const char *buf, size_t len)
{
	size_t i = strspn(buf, " \t\r\n");
	if (i >= len || (buf[i] != '{' && buf[i] != '['))
		return false;
	/* the API's own field, in the first 64 KB */
	size_t n = len < 65536 ? len : 65536;
	const char *key = "\"document_number\"";
	for (const char *p = buf; (p = memchr(p, '"', (size_t)(buf + n - p))) != NULL; p++)
		if ((size_t)(buf + n - p) >= strlen(key) && memcmp(p, key, strlen(key)) == 0)
			return true;
	return false;
}

int read_fr_json(const char *path, const char *buf, size_t len, pdx_doclist *out,
		 char *err, size_t errlen)
{
	cJSON *root = cJSON_ParseWithLength(buf, len);
	if (!root) {
		const char *at = cJSON_GetErrorPtr();
		size_t off = at && at >= buf && at <= buf + len ? (size_t)(at - buf) : 0;
		int line = 1;
		for (size_t i = 0; i < off; i++)
			line += buf[i] == '\n';
		snprintf(err, errlen, "line %d: not valid JSON", line);
		return PDX_EFORMAT;
	}
	int rc = PDX_OK;
	size_t before = out->n;
	const cJSON *results = cJSON_IsArray(root) ? root
			       : cJSON_GetObjectItemCaseSensitive(root, "results");
	if (cJSON_IsArray(results)) {
		const cJSON *e;
		int part = 0;
		cJSON_ArrayForEach(e, results) {
			if (!cJSON_IsObject(e) || !js(e, "document_number"))
				continue;
			part++;
			rc = fr_json_document(e, path, part,
					      line_of(buf, len, "\"document_number\"", (size_t)part - 1), out);
			if (rc == PDX_EFORMAT)
				rc = PDX_OK;	/* an entry with nothing to read */
			if (rc)
				break;
		}
		/* one entry is one document, as the page gave it alone */
		if (rc == PDX_OK && out->n == before + 1)
			out->docs[before]->part = 0;
	} else if (cJSON_IsObject(root) && js(root, "document_number")) {
		rc = fr_json_document(root, path, 0, line_of(buf, len, "\"document_number\"", 0), out);
	} else {
		rc = PDX_EFORMAT;
	}
	cJSON_Delete(root);
	if (rc == PDX_EFORMAT || (rc == PDX_OK && out->n == before)) {
		snprintf(err, errlen, "no Federal Register document in the JSON"
			 " (no entry with a document_number and a title or abstract)");
		return PDX_EFORMAT;
	}
	if (rc == PDX_ENOMEM)
		snprintf(err, errlen, "out of memory");
	return rc;
}
