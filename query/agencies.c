/* agencies.c - the agencies subcommand: each body with its record counts
 * by role, its parent and its children. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"

static const char usage[] =
	"usage: " PROG " agencies [-a AGENCY] [--all] [-f text|json|csv]\n"
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

static cJSON *children_json(const pdx_agency_row *v, size_t n, const char *id)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t k = 0; arr && k < n; k++)
		if (v[k].parent && strcmp(v[k].parent, id) == 0)
			cJSON_AddItemToArray(arr, cJSON_CreateString(v[k].id));
	return arr;
}

static void print_children(FILE *f, const pdx_agency_row *v, size_t n, const char *id,
			   const char *sep)
{
	bool first = true;
	for (size_t k = 0; k < n; k++) {
		if (v[k].parent && strcmp(v[k].parent, id) == 0) {
			fprintf(f, "%s%s", first ? "" : sep, v[k].id);
			first = false;
		}
	}
}

int cmd_agencies(const char *dbpath, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "agency", required_argument, NULL, 'a' },
		{ "all", no_argument, NULL, 'A' },
		{ "format", required_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	pdx_format fmt = FMT_TEXT;
	const char *agency = NULL;
	bool all = false;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "a:f:d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': agency = optarg; break;
		case 'A': all = true; break;
		case 'f':
			if (take_format(&fmt, optarg, 1u << FMT_TEXT | 1u << FMT_JSON | 1u << FMT_CSV))
				return EXIT_USAGE;
			break;
		case 'd': dbpath = optarg; break;
		case 'h': fputs(usage, stdout); return EXIT_RESULTS;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	pdx_db *db = open_db(dbpath);
	if (!db)
		return EXIT_RUNTIME;
	int status = EXIT_USAGE;
	char *root = NULL;
	pdx_agency_row *v = NULL;
	size_t n = 0, shown = 0;
	if (agency && !(root = resolve_agency(db, agency)))
		goto out;
	status = EXIT_RUNTIME;
	if (db_agency_rows(db, &v, &n)) {
		fprintf(stderr, PROG ": %s\n", db_errmsg(db));
		goto out;
	}
	cJSON *top = NULL, *arr = NULL;
	if (fmt == FMT_JSON) {
		top = cJSON_CreateObject();
		arr = top ? cJSON_AddArrayToObject(top, "agencies") : NULL;
		if (!arr) {
			cJSON_Delete(top);
			goto out;
		}
		cJSON_AddNumberToObject(top, "format_version", PDX_FORMAT_VERSION);
	} else if (fmt == FMT_CSV) {
		fputs("id,acronym,name,name_zh,parent,lead,support,mentioned,children\r\n", stdout);
	}
	for (size_t i = 0; i < n; i++) {
		const pdx_agency_row *a = &v[i];
		int total = a->lead + a->support + a->mentioned;
		if (root ? !under(v, n, i, root) : (!all && total == 0))
			continue;
		shown++;
		if (fmt == FMT_JSON) {
			cJSON *o = cJSON_CreateObject();
			if (!o)
				break;
			cJSON_AddItemToArray(arr, o);
			cJSON_AddStringToObject(o, "id", a->id);
			a->acronym ? (void)cJSON_AddStringToObject(o, "acronym", a->acronym)
				   : (void)cJSON_AddNullToObject(o, "acronym");
			cJSON_AddStringToObject(o, "name", a->name ? a->name : "");
			a->name_zh ? (void)cJSON_AddStringToObject(o, "name_zh", a->name_zh)
				   : (void)cJSON_AddNullToObject(o, "name_zh");
			a->parent ? (void)cJSON_AddStringToObject(o, "parent", a->parent)
				  : (void)cJSON_AddNullToObject(o, "parent");
			cJSON *roles = cJSON_AddObjectToObject(o, "records");
			if (roles) {
				cJSON_AddNumberToObject(roles, "lead", a->lead);
				cJSON_AddNumberToObject(roles, "support", a->support);
				cJSON_AddNumberToObject(roles, "mentioned", a->mentioned);
			}
			cJSON *ch = children_json(v, n, a->id);
			if (ch)
				cJSON_AddItemToObject(o, "children", ch);
		} else if (fmt == FMT_CSV) {
			char num[3][12];
			snprintf(num[0], 12, "%d", a->lead);
			snprintf(num[1], 12, "%d", a->support);
			snprintf(num[2], 12, "%d", a->mentioned);
			csv_field(stdout, a->id, false);
			csv_field(stdout, a->acronym, false);
			csv_field(stdout, a->name, false);
			csv_field(stdout, a->name_zh, false);
			csv_field(stdout, a->parent, false);
			for (int k = 0; k < 3; k++)
				csv_field(stdout, num[k], false);
			print_children(stdout, v, n, a->id, " ");
			fputs("\r\n", stdout);
		} else {
			printf("%-10s lead %3d  support %3d  mentioned %3d  %s",
			       a->acronym ? a->acronym : a->id, a->lead, a->support,
			       a->mentioned, a->name ? a->name : "");
			if (a->name_zh)
				printf(" / %s", a->name_zh);
			printf("\n");
			if (a->parent)
				printf("           parent: %s\n", a->parent);
			bool has_children = false;
			for (size_t k = 0; k < n; k++)
				has_children |= v[k].parent && strcmp(v[k].parent, a->id) == 0;
			if (has_children) {
				printf("           children: ");
				print_children(stdout, v, n, a->id, ", ");
				printf("\n");
			}
		}
	}
	if (fmt == FMT_JSON) {
		cJSON_AddNumberToObject(top, "count", (double)shown);
		print_json(top, true);
	}
	status = shown ? EXIT_RESULTS : EXIT_NONE;
out:
	db_agency_rows_free(v, n);
	free(root);
	db_close(db);
	return status;
}
