/* docs.c - the docs subcommand: the indexed documents. */
#include <getopt.h>
#include <stdlib.h>

#include "query.h"

static const char docs_usage[] =
	"usage: " PROG " docs [-f text|json|csv [--bom]]\n"
	"List the indexed documents with their kind, language, date and record count.\n";

static bool doc_json(const pdx_doc_row *r, cJSON *arr)
{
	cJSON *o = cJSON_CreateObject();
	if (!o || !cJSON_AddItemToArray(arr, o)) {
		cJSON_Delete(o);
		return false;
	}
	return json_str(o, "path", r->path) && json_num(o, "part", r->part) &&
	       json_str(o, "title", r->title ? r->title : "") &&
	       json_str(o, "kind", r->kind ? r->kind : "other") &&
	       json_str(o, "lang", r->lang ? r->lang : "") &&
	       json_str(o, "published", r->published) && json_str(o, "issuer", r->issuer) &&
	       json_str(o, "format", r->format ? r->format : "") &&
	       json_num(o, "records", r->records);
}

static int print_docs_json(const pdx_doc_row *v, size_t n)
{
	json_envelope env = { .order = "rvc", .results = "documents", .count = n };
	cJSON *arr, *root = json_envelope_new(&env, &arr);
	int rc = root ? 0 : -1;
	for (size_t i = 0; !rc && i < n; i++)
		if (!doc_json(&v[i], arr))
			rc = -1;
	if (!rc)
		rc = print_json(root, true);
	cJSON_Delete(root);
	return rc;
}

static void print_docs_csv(const pdx_doc_row *v, size_t n)
{
	csv_begin(stdout);
	fputs("path,part,kind,lang,published,records,title\r\n", stdout);
	for (size_t i = 0; i < n; i++) {
		csv_field(stdout, v[i].path, false);
		csv_int(stdout, v[i].part, false);
		csv_field(stdout, v[i].kind, false);
		csv_field(stdout, v[i].lang, false);
		csv_field(stdout, v[i].published, false);
		csv_int(stdout, v[i].records, false);
		csv_field(stdout, v[i].title, true);
	}
}

static void print_docs_text(const pdx_doc_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		printf("%-14s %-2s %-10s %4d  %s", v[i].kind ? v[i].kind : "other",
		       v[i].lang ? v[i].lang : "", v[i].published ? v[i].published : "-",
		       v[i].records, v[i].path);
		if (v[i].part)
			printf(" (part %d)", v[i].part);
		printf("\n    %s\n", v[i].title ? v[i].title : "");
	}
}

int cmd_docs(const char *dbpath, int argc, char **argv)
{
	pdx_format fmt = FMT_TEXT;
	pdx_db *db = NULL;
	pdx_doc_row *v = NULL;
	size_t n = 0;

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
	if (db_documents(db, &v, &n)) {
		fprintf(stderr, PROG ": %s\n", db_errmsg(db));
		goto out;
	}
	if (fmt == FMT_JSON) {
		if (print_docs_json(v, n)) {
			fprintf(stderr, PROG ": out of memory\n");
			goto out;
		}
	} else if (fmt == FMT_CSV) {
		print_docs_csv(v, n);
	} else {
		print_docs_text(v, n);
	}
	status = n ? EXIT_RESULTS : EXIT_NONE;
out:
	db_documents_free(v, n);
	db_close(db);
	return status;
}
