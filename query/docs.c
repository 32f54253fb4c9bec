/* docs.c - the docs subcommand: the indexed documents. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"

static const char docs_usage[] =
	"usage: " PROG " docs [-f text|json|csv [--bom]]\n"
	"List the indexed documents with their kind, language, date and record count.\n";

/* The bodies document id creates: bodies[*first..*last). */
static void bodies_of(const pdx_body_row *b, size_t nb, int64_t id, size_t *first, size_t *last)
{
	size_t lo = 0, hi = nb;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (b[mid].doc_id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (lo < nb && b[lo].doc_id == id)
		lo++;
	*last = lo;
}

static bool bodies_json(cJSON *o, const pdx_body_row *b, size_t nb, int64_t id)
{
	cJSON *a = cJSON_AddArrayToObject(o, "creates");
	if (!a)
		return false;
	size_t i, e;
	bodies_of(b, nb, id, &i, &e);
	for (; i < e; i++) {
		cJSON *x = cJSON_CreateObject();
		if (!x || !cJSON_AddItemToArray(a, x)) {
			cJSON_Delete(x);
			return false;
		}
		if (!json_str(x, "id", b[i].id) || !json_str(x, "name", b[i].name) ||
		    !json_str(x, "short", b[i].short_form) || !json_str(x, "parent", b[i].parent))
			return false;
	}
	return true;
}

static bool doc_json(const pdx_doc_row *r, cJSON *arr, const pdx_body_row *b, size_t nb)
{
	cJSON *o = cJSON_CreateObject();
	if (!o || !cJSON_AddItemToArray(arr, o)) {
		cJSON_Delete(o);
		return false;
	}
	if (!(json_str(o, "path", r->path) && json_num(o, "part", r->part) &&
	      json_str(o, "title", r->title ? r->title : "") &&
	      json_str(o, "kind", r->kind ? r->kind : "other") &&
	      json_str(o, "lang", r->lang ? r->lang : "") &&
	      json_str(o, "published", r->published) && json_str(o, "issuer", r->issuer) &&
	      json_str(o, "format", r->format ? r->format : "") &&
	      json_num(o, "records", r->records) &&
	      json_str(o, "type", r->type ? r->type : "other") &&
	      json_str(o, "subtype", r->subtype) && json_str(o, "fr_doc", r->fr_doc) &&
	      json_str(o, "citation", r->fr_citation) && json_str(o, "number", r->number) &&
	      json_str(o, "effective_on", r->effective_on) &&
	      json_str(o, "comments_close_on", r->comments_close_on) &&
	      json_str(o, "work", r->work)))
		return false;
	if (r->copy_of) {
		cJSON *c = cJSON_AddObjectToObject(o, "copy_of");
		if (!c || !json_str(c, "path", r->copy_of) || !json_num(c, "part", r->copy_of_part))
			return false;
	} else if (!cJSON_AddNullToObject(o, "copy_of")) {
		return false;
	}
	if (!bodies_json(o, b, nb, r->id))
		return false;
	/* RINs and dockets: lists (a document may carry several) */
	const char *lists[2][2] = { { "rin", r->rin }, { "docket", r->docket } };
	for (int k = 0; k < 2; k++) {
		cJSON *a = cJSON_AddArrayToObject(o, lists[k][0]);
		if (!a)
			return false;
		for (const char *p = lists[k][1]; p && *p;) {
			const char *e = strstr(p, ", ");
			size_t n = e ? (size_t)(e - p) : strlen(p);
			char item[128];
			snprintf(item, sizeof item, "%.*s", (int)n, p);
			cJSON *v = cJSON_CreateString(item);
			if (!v || !cJSON_AddItemToArray(a, v)) {
				cJSON_Delete(v);
				return false;
			}
			p = e ? e + 2 : NULL;
		}
	}
	return true;
}

/* The line under a document's title naming its type and identifiers:
 * "presidential_document (executive_order) · EO 14319 · FR Doc
 * 2025-14217 · 90 FR 35389"; nothing when there is nothing to add to the
 * kind. */
static void print_ids_text(const pdx_doc_row *r)
{
	const char *type = r->type ? r->type : "other";
	bool any = r->subtype || r->fr_doc || r->fr_citation || r->number || r->rin || r->docket ||
		   r->effective_on || r->comments_close_on || !r->kind || strcmp(type, r->kind) != 0;
	if (!any)
		return;
	printf("    %s", type);
	if (r->subtype)
		printf(" (%s)", r->subtype);
	if (r->number)
		printf(" · %s %s", r->subtype && !strcmp(r->subtype, "proclamation") ? "Proclamation" : "EO",
		       r->number);
	if (r->fr_doc)
		printf(" · FR Doc %s", r->fr_doc);
	if (r->fr_citation)
		printf(" · %s", r->fr_citation);
	if (r->rin)
		printf(" · RIN %s", r->rin);
	if (r->docket)
		printf(" · docket %s", r->docket);
	if (r->effective_on)
		printf(" · effective %s", r->effective_on);
	if (r->comments_close_on)
		printf(" · comments close %s", r->comments_close_on);
	putchar('\n');
}

static int print_docs_json(const pdx_doc_row *v, size_t n, const pdx_body_row *b, size_t nb)
{
	json_envelope env = { .order = "rvc", .results = "documents", .count = n };
	cJSON *arr, *root = json_envelope_new(&env, &arr);
	int rc = root ? 0 : -1;
	for (size_t i = 0; !rc && i < n; i++)
		if (!doc_json(&v[i], arr, b, nb))
			rc = -1;
	if (!rc)
		rc = print_json(root, true);
	cJSON_Delete(root);
	return rc;
}

static void print_docs_csv(const pdx_doc_row *v, size_t n)
{
	csv_begin(stdout);
	fputs("path,part,kind,lang,published,records,title,type,subtype,fr_doc,citation,number,"
	      "work,copy_of\r\n", stdout);
	for (size_t i = 0; i < n; i++) {
		csv_field(stdout, v[i].path, false);
		csv_int(stdout, v[i].part, false);
		csv_field(stdout, v[i].kind, false);
		csv_field(stdout, v[i].lang, false);
		csv_field(stdout, v[i].published, false);
		csv_int(stdout, v[i].records, false);
		csv_field(stdout, v[i].title, false);
		csv_field(stdout, v[i].type, false);
		csv_field(stdout, v[i].subtype, false);
		csv_field(stdout, v[i].fr_doc, false);
		csv_field(stdout, v[i].fr_citation, false);
		csv_field(stdout, v[i].number, false);
		csv_field(stdout, v[i].work, false);
		csv_field(stdout, v[i].copy_of, true);
	}
}

static void print_docs_text(pdx_db *db, const pdx_doc_row *v, size_t n, const pdx_body_row *b,
			    size_t nb)
{
	for (size_t i = 0; i < n; i++) {
		/* a copy under its work's canonical rendition */
		if (v[i].copy_of)
			printf("  copy: ");
		printf("%-14s %-2s %-10s %4d  %s", v[i].kind ? v[i].kind : "other",
		       v[i].lang ? v[i].lang : "", v[i].published ? v[i].published : "-",
		       v[i].records, v[i].path);
		if (v[i].part)
			printf(" (part %d)", v[i].part);
		printf("\n    %s\n", v[i].title ? v[i].title : "");
		print_ids_text(&v[i]);
		size_t k, e;
		bodies_of(b, nb, v[i].id, &k, &e);
		for (; k < e; k++) {
			printf("    creates: %s", b[k].name);
			if (b[k].short_form)
				printf(" (%s)", b[k].short_form);
			if (b[k].parent)
				printf(", within %s", agency_label(db, b[k].parent, NULL));
			printf("  [%s]\n", b[k].id);
		}
	}
}

int cmd_docs(const char *dbpath, int argc, char **argv)
{
	pdx_format fmt = FMT_TEXT;
	pdx_db *db = NULL;
	pdx_doc_row *v = NULL;
	size_t n = 0, nb = 0;
	pdx_body_row *b = NULL;

	int status = simple_options(argc, argv, docs_usage,
				    1u << FMT_TEXT | 1u << FMT_JSON | 1u << FMT_CSV, &fmt, &dbpath);
	if (status != OPTIONS_OK)
		return status;
	if (optind != argc) {
		fputs(docs_usage, stderr);
		return EXIT_USAGE;
	}
	fit_terminal(fmt, false);
	status = EXIT_RUNTIME;
	if (!(db = open_db(dbpath)))
		goto out;
	if (db_documents(db, &v, &n) || db_doc_bodies(db, &b, &nb)) {
		fprintf(stderr, PROG ": %s\n", db_errmsg(db));
		goto out;
	}
	if (fmt == FMT_JSON) {
		if (print_docs_json(v, n, b, nb)) {
			fprintf(stderr, PROG ": out of memory\n");
			goto out;
		}
	} else if (fmt == FMT_CSV) {
		print_docs_csv(v, n);
	} else {
		print_docs_text(db, v, n, b, nb);
	}
	status = n ? EXIT_RESULTS : EXIT_NONE;
out:
	db_documents_free(v, n);
	db_bodies_free(b, nb);
	db_close(db);
	return status;
}
