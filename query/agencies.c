/* agencies.c - the agencies subcommand: each body with its record counts
 * by role, its parent and its children. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"

static const unsigned agencies_formats = 1u << FMT_TEXT | 1u << FMT_JSON | 1u << FMT_CSV;

static const char usage[] =
	"usage: " PROG " agencies [-a AGENCY] [--all] [-f text|json|csv [--bom]]\n"
	"Each agency named in the index with its records by role (lead, support,\n"
	"mentioned), its parent and its children. --all lists the whole\n"
	"gazetteer; -a one body and its sub-agencies.\n";

/* Is row i the body root or one of its descendants? */
static bool under(const pdx_agency_row *v, size_t n, size_t i, const char *root)
{
	const char *id = v[i].id;
	for (int depth = 0; id && depth < 16; depth++) {
		if (strcmp(id, root) == 0)
			return true;
		const char *parent = NULL;
		for (size_t k = 0; k < n; k++)
			if (strcmp(v[k].id, id) == 0)
				parent = v[k].parent;
		id = parent;
	}
	return false;
}

/* The rows shown: one body and those under it (-a), every body (--all),
 * or those named in a record. */
typedef struct {
	const char *root;	/* -a: its id */
	bool all;
} agency_filter;

static bool shown(const agency_filter *f, const pdx_agency_row *v, size_t n, size_t i)
{
	if (f->root)
		return under(v, n, i, f->root);
	return f->all || v[i].lead + v[i].support + v[i].mentioned != 0;
}

static bool children_json(const pdx_agency_row *v, size_t n, const char *id, cJSON *o)
{
	cJSON *arr = cJSON_AddArrayToObject(o, "children");
	bool ok = arr != NULL;
	for (size_t k = 0; ok && k < n; k++) {
		if (!v[k].parent || strcmp(v[k].parent, id) != 0)
			continue;
		cJSON *s = cJSON_CreateString(v[k].id);
		ok = s && cJSON_AddItemToArray(arr, s);
		if (!ok)
			cJSON_Delete(s);
	}
	return ok;
}

static bool agency_json(const pdx_agency_row *v, size_t n, size_t i, cJSON *arr)
{
	const pdx_agency_row *a = &v[i];
	cJSON *o = cJSON_CreateObject();
	if (!o || !cJSON_AddItemToArray(arr, o)) {
		cJSON_Delete(o);
		return false;
	}
	bool ok = json_str(o, "id", a->id) && json_str(o, "acronym", a->acronym) &&
		  json_str(o, "name", a->name ? a->name : "") &&
		  json_str(o, "name_zh", a->name_zh) && json_str(o, "parent", a->parent);
	cJSON *roles = ok ? cJSON_AddObjectToObject(o, "records") : NULL;
	return roles && json_num(roles, "lead", a->lead) &&
	       json_num(roles, "support", a->support) &&
	       json_num(roles, "mentioned", a->mentioned) && children_json(v, n, a->id, o);
}

static int print_agencies_json(const agency_filter *f, const pdx_agency_row *v, size_t n,
			       size_t count)
{
	json_envelope env = { .order = "rvc", .results = "agencies", .count = count };
	cJSON *arr, *root = json_envelope_new(&env, &arr);
	int rc = root ? 0 : -1;
	for (size_t i = 0; !rc && i < n; i++)
		if (shown(f, v, n, i) && !agency_json(v, n, i, arr))
			rc = -1;
	if (!rc)
		rc = print_json(root, true);
	cJSON_Delete(root);
	return rc;
}

/* How text names a row: agency_label's choice. */
static const char *row_label(const pdx_agency_row *a)
{
	return a->acronym ? a->acronym : a->name ? a->name : a->id;
}

/* The children of id: their ids (CSV), or, labels, as text names them
 * (agency_label: the acronym, else the name). */
static void print_children(FILE *f, const pdx_agency_row *v, size_t n, const char *id,
			   const char *sep, bool labels)
{
	bool first = true;
	for (size_t k = 0; k < n; k++) {
		if (v[k].parent && strcmp(v[k].parent, id) == 0) {
			fprintf(f, "%s%s", first ? "" : sep,
				labels ? row_label(&v[k]) : v[k].id);
			first = false;
		}
	}
}

static void print_agencies_csv(const agency_filter *f, const pdx_agency_row *v, size_t n)
{
	csv_begin(stdout);
	fputs("id,acronym,name,name_zh,parent,lead,support,mentioned,children\r\n", stdout);
	for (size_t i = 0; i < n; i++) {
		const pdx_agency_row *a = &v[i];
		if (!shown(f, v, n, i))
			continue;
		csv_field(stdout, a->id, false);
		csv_field(stdout, a->acronym, false);
		csv_field(stdout, a->name, false);
		csv_field(stdout, a->name_zh, false);
		csv_field(stdout, a->parent, false);
		csv_int(stdout, a->lead, false);
		csv_int(stdout, a->support, false);
		csv_int(stdout, a->mentioned, false);
		print_children(stdout, v, n, a->id, " ", false);
		fputs("\r\n", stdout);
	}
}

static void print_agencies_text(const agency_filter *f, const pdx_agency_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const pdx_agency_row *a = &v[i];
		if (!shown(f, v, n, i))
			continue;
		printf("%-10s lead %3d  support %3d  mentioned %3d  %s",
		       a->acronym ? a->acronym : a->id, a->lead, a->support,
		       a->mentioned, a->name ? a->name : "");
		if (a->name_zh)
			printf(" / %s", a->name_zh);
		printf("\n");
		if (a->parent)
		{
			const char *pl = a->parent;
			for (size_t k = 0; k < n; k++)
				if (strcmp(v[k].id, a->parent) == 0)
					pl = row_label(&v[k]);
			printf("           parent: %s\n", pl);
		}
		bool has_children = false;
		for (size_t k = 0; k < n; k++)
			has_children |= v[k].parent && strcmp(v[k].parent, a->id) == 0;
		if (has_children) {
			printf("           children: ");
			print_children(stdout, v, n, a->id, ", ", true);
			printf("\n");
		}
	}
}

static int agencies_options(int argc, char **argv, agency_opt *ag, bool *all,
			    pdx_format *fmt, const char **dbpath)
{
	static const struct option opts[] = {
		{ "agency", required_argument, NULL, 'a' },
		{ "all", no_argument, NULL, 'A' },
		{ "format", required_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		BOM_OPTION,
		{ NULL, 0, NULL, 0 },
	};
	int c, status;
	optind = 0;
	while ((c = getopt_long(argc, argv, "a:f:d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			if (agency_opt_add(ag, optarg))
				return EXIT_USAGE;
			break;
		case 'A': *all = true; break;
		default:
			status = common_option(c, usage, agencies_formats, fmt, dbpath);
			if (status != OPTIONS_OK)
				return status;
			break;
		}
	}
	if (optind != argc) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	return bom_check(*fmt) ? EXIT_USAGE : OPTIONS_OK;
}

int cmd_agencies(const char *dbpath, int argc, char **argv)
{
	pdx_format fmt = FMT_TEXT;
	agency_opt ag = { .single = true };
	agency_filter f = { 0 };
	pdx_db *db = NULL;
	pdx_agency_row *v = NULL;
	size_t n = 0, count = 0;

	int status = agencies_options(argc, argv, &ag, &f.all, &fmt, &dbpath);
	if (status != OPTIONS_OK)
		return status;
	fit_terminal(fmt, true);	/* lists of children: wrapped, none lost */
	status = EXIT_RUNTIME;
	if (!(db = open_db(dbpath)))
		goto out;
	status = EXIT_USAGE;
	if (agency_opt_resolve(&ag, db, NULL, NULL))
		goto out;
	f.root = ag.n ? ag.ids[0] : NULL;
	status = EXIT_RUNTIME;
	if (db_agency_rows(db, &v, &n)) {
		fprintf(stderr, PROG ": %s\n", db_errmsg(db));
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		count += shown(&f, v, n, i);
	if (fmt == FMT_JSON) {
		if (print_agencies_json(&f, v, n, count)) {
			fprintf(stderr, PROG ": out of memory\n");
			goto out;
		}
	} else if (fmt == FMT_CSV) {
		print_agencies_csv(&f, v, n);
	} else {
		print_agencies_text(&f, v, n);
	}
	status = count ? EXIT_RESULTS : EXIT_NONE;
out:
	db_agency_rows_free(v, n);
	agency_opt_clear(&ag);
	db_close(db);
	return status;
}
