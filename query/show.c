/* show.c - the show subcommand: one record whole, with its links to or
 * from the plan. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "polidex/util.h"

static const char show_usage[] =
	"usage: " PROG " show [-f text|json] [--as-of DATE] KEY\n"
	"Print one record whole: its text, document, agencies and timeline; a\n"
	"requirement's status as of DATE (default today in America/New_York)\n"
	"with its evidence, and what the record carries out. A section key of\n"
	"the plan (aiap:I.1) prints the section's records.\n";

static void print_show_text(pdx_db *db, const pdx_hit *h)
{
	printf("key:       %s\nkind:      %s\n", h->key, h->kind);
	if (h->pillar)
		printf("pillar:    %d (%s)\n", h->pillar, h->pillar_source ? h->pillar_source : "");
	if (h->section)
		printf("section:   %s\n", h->section);
	if (h->label)
		printf("label:     %s\n", h->label);
	printf("document:  %s", h->doc_path);
	if (h->doc_part)
		printf(" (part %d)", h->doc_part);
	if (h->page > 0)
		printf(":p%d\n", h->page);
	else
		printf(":%d\n", h->line);
	if (h->doc_part)
		printf("part:      %d\n", h->doc_part);
	if (h->doc_title)
		printf("title:     %s\n", h->doc_title);
	if (h->doc_published)
		printf("published: %s\n", h->doc_published);
	pdx_hit_agency *ag = NULL;
	size_t nag = 0;
	if (db_record_agencies(db, h->id, &ag, &nag) == PDX_OK)
		for (size_t i = 0; i < nag; i++)
			printf("agency:    %s (%s) %s\n", agency_label(db, ag[i].id, ag[i].acronym),
			       ag[i].name ? ag[i].name : "", ag[i].role);
	db_agencies_free(ag, nag);
	pdx_time *tv = NULL;
	size_t nt = 0;
	if (db_record_times(db, h->id, &tv, &nt) == PDX_OK)
		for (size_t i = 0; i < nt; i++)
			printf("timeline:  %s %s (%s) \"%s\"%s%s\n", time_kind_name(tv[i].kind),
			       tv[i].value ? tv[i].value : "unresolved", tv[i].precision,
			       tv[i].expr, tv[i].anchor ? " anchor: " : "",
			       tv[i].anchor ? tv[i].anchor : "");
	db_times_free(tv, nt);
	printf("\n%s\n", h->text);
}

/* The links of hit h: for a plan action, the records of other documents
 * linked to it; for any other record, the plan actions and sections it
 * links to. A database indexed before links existed has none to show. */
typedef struct {
	bool plan;		/* h is a plan action */
	pdx_link *v;
	size_t n;
} links;

static void links_load(pdx_db *db, const pdx_hit *h, links *l)
{
	l->plan = h->doc_kind && strcmp(h->doc_kind, "plan") == 0;
	l->v = NULL;
	l->n = 0;
	if (db_record_links(db, h->id, !l->plan, &l->v, &l->n) != PDX_OK)
		l->n = 0;
}

static void print_links_text(const links *ls)
{
	if (ls->n)
		printf("%s\n", ls->plan ? "linked records:" : "links to the plan:");
	for (size_t i = 0; i < ls->n; i++) {
		const pdx_link *l = &ls->v[i];
		if (ls->plan)
			printf("  %.3f  %s  %s\n", l->score, l->key ? l->key : "-",
			       l->doc_path ? l->doc_path : "");
		else
			printf("  %.3f  %s  pillar %d\n", l->score, l->key ? l->key : "-", l->pillar);
		if (!ls->plan && l->section)
			printf("         %s\n", l->section);
	}
}

/* One link as an object of arr. */
static bool link_json(const pdx_link *l, cJSON *arr)
{
	cJSON *o = cJSON_CreateObject();
	if (!o || !cJSON_AddItemToArray(arr, o)) {
		cJSON_Delete(o);
		return false;
	}
	/* absent values are null (docs/output-format.md) */
	bool ok = json_str(o, "key", l->key) && json_str(o, "section", l->section) &&
		  json_num(o, "pillar", l->pillar) &&
		  json_num(o, "score", round(l->score * 1000) / 1000) &&
		  json_str(o, "text", l->text);
	if (ok && !l->doc_path)
		return cJSON_AddNullToObject(o, "document") != NULL;
	if (!ok)
		return ok;
	cJSON *d = cJSON_AddObjectToObject(o, "document");
	return d && json_str(d, "path", l->doc_path) && json_num(d, "part", l->doc_part) &&
	       json_str(d, "title", l->doc_title) && json_str(d, "kind", l->doc_kind);
}

/* What show adds to hit_json's record o: the score of an inferred pillar
 * (it belongs with the record; hit_json does not carry it yet) and the
 * links. */
static bool show_json(const pdx_hit *h, const links *ls, cJSON *o)
{
	bool ok;
	if (h->pillar_source && strcmp(h->pillar_source, "inferred") == 0)
		ok = json_num(o, "pillar_score", round(h->pillar_score * 1000) / 1000);
	else
		ok = cJSON_AddNullToObject(o, "pillar_score") != NULL;
	cJSON *arr = ok ? cJSON_AddArrayToObject(o, "links") : NULL;
	ok = arr != NULL;
	for (size_t i = 0; ok && i < ls->n; i++)
		ok = link_json(&ls->v[i], arr);
	return ok;
}

/* Is hit i a copy's record whose work's canonical rendition also holds
 * the key? Then the key names that record, and this one is listed among
 * its renditions. */
static bool folded(const pdx_hits *hits, size_t i)
{
	const pdx_hit *h = &hits->v[i];
	if (!h->copy_of)
		return false;
	for (size_t k = 0; k < hits->n; k++)
		if (k != i && !hits->v[k].copy_of && hits->v[k].work_id == h->work_id)
			return true;
	return false;
}

/* The line of the key in rendition r, or 0 when r does not hold it. */
static int key_line(const pdx_hits *hits, const pdx_doc_row *r)
{
	for (size_t k = 0; k < hits->n; k++)
		if (!strcmp(hits->v[k].doc_path, r->path) && hits->v[k].doc_part == r->part)
			return hits->v[k].line ? hits->v[k].line : -1;
	return 0;
}

/* The other renditions of h's work: path, identifiers, which one counts. */
static void print_renditions_text(const pdx_hit *h, const pdx_doc_row *rv, size_t nr,
				  const pdx_hits *hits)
{
	bool head = false;
	for (size_t i = 0; i < nr; i++) {
		const pdx_doc_row *r = &rv[i];
		if (!strcmp(r->path, h->doc_path) && r->part == h->doc_part)
			continue;
		if (!head)
			printf("renditions of %s:\n", r->work ? r->work : "this work");
		head = true;
		int line = key_line(hits, r);
		printf("  %s%s", r->copy_of ? "copy       " : "canonical  ", r->path);
		if (r->part)
			printf(" (part %d)", r->part);
		if (line > 0)
			printf(":%d", line);
		if (r->fr_doc)
			printf("  FR Doc %s", r->fr_doc);
		if (r->fr_citation)
			printf("  %s", r->fr_citation);
		if (r->published)
			printf("  %s", r->published);
		printf("%s\n", line ? "" : "  (without this record)");
	}
}

static bool renditions_json(const pdx_hit *h, const pdx_doc_row *rv, size_t nr,
			    const pdx_hits *hits, cJSON *o)
{
	cJSON *arr = cJSON_AddArrayToObject(o, "renditions");
	if (!arr)
		return false;
	for (size_t i = 0; i < nr; i++) {
		const pdx_doc_row *r = &rv[i];
		if (!strcmp(r->path, h->doc_path) && r->part == h->doc_part)
			continue;
		cJSON *x = cJSON_CreateObject();
		if (!x || !cJSON_AddItemToArray(arr, x)) {
			cJSON_Delete(x);
			return false;
		}
		int line = key_line(hits, r);
		if (!json_str(x, "path", r->path) || !json_num(x, "part", r->part) ||
		    !json_str(x, "title", r->title) || !json_str(x, "type", r->type) ||
		    !json_str(x, "fr_doc", r->fr_doc) || !json_str(x, "citation", r->fr_citation) ||
		    !json_str(x, "published", r->published) ||
		    !cJSON_AddBoolToObject(x, "canonical", r->copy_of == NULL) ||
		    !(line > 0 ? json_num(x, "line", line) : cJSON_AddNullToObject(x, "line") != NULL))
			return false;
	}
	return true;
}

/* Print the records of hits in fmt; returns 0 or -1 (no memory). */
static int print_show(pdx_db *db, const pdx_hits *hits, pdx_format fmt, const char *asof)
{
	json_envelope env = { .order = "rvc", .results = "results", .count = hits->n };
	cJSON *arr = NULL, *root = NULL;
	if (fmt == FMT_JSON && !(root = json_envelope_new(&env, &arr)))
		return -1;
	int rc = 0;
	size_t shown = 0;
	for (size_t i = 0; !rc && i < hits->n; i++) {
		if (folded(hits, i))
			continue;
		links ls;
		links_load(db, &hits->v[i], &ls);
		pdx_doc_row *rv = NULL;
		size_t nr = 0;
		if (hits->v[i].work_id)
			db_work_renditions(db, hits->v[i].work_id, &rv, &nr);
		if (root) {
			cJSON *o = hit_json(db, &hits->v[i], arr);
			if (!o || !show_json(&hits->v[i], &ls, o) ||
			    !renditions_json(&hits->v[i], rv, nr, hits, o) ||
			    !show_track_json(db, &hits->v[i], asof, o))
				rc = -1;
		} else {
			if (shown)
				printf("\n");
			print_show_text(db, &hits->v[i]);
			print_links_text(&ls);
			print_renditions_text(&hits->v[i], rv, nr, hits);
			rc = show_track_text(db, &hits->v[i], asof);
		}
		shown++;
		db_documents_free(rv, nr);
		db_links_free(ls.v, ls.n);
	}
	if (root)
		cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(root, "count"), (double)shown);
	if (root && !rc)
		rc = print_json(root, true);
	cJSON_Delete(root);
	return rc;
}

int cmd_show(const char *dbpath, int argc, char **argv)
{
	pdx_format fmt = FMT_TEXT;
	pdx_db *db = NULL;
	pdx_hits hits = { 0 };

	static const struct option opts[] = {
		{ "as-of", required_argument, NULL, 'A' },
		{ "format", required_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, status = OPTIONS_OK;
	char asof[11] = "";
	optind = 0;
	while (status == OPTIONS_OK && (c = getopt_long(argc, argv, "f:d:h", opts, NULL)) != -1) {
		pdx_date d;
		if (c != 'A')
			status = common_option(c, show_usage, 1u << FMT_TEXT | 1u << FMT_JSON, &fmt,
					       &dbpath);
		else if (pdx_date_parse(optarg, &d)) {
			fprintf(stderr, PROG ": bad date '%s' (YYYY-MM-DD)\n", optarg);
			status = EXIT_USAGE;
		} else {
			pdx_date_format(d, asof);
		}
	}
	if (status != OPTIONS_OK)
		return status;
	if (argc - optind != 1) {
		fputs(show_usage, stderr);
		return EXIT_USAGE;
	}
	const char *key = argv[optind];
	fit_terminal(fmt, true);
	status = EXIT_RUNTIME;
	if (!(db = open_db(dbpath)))
		goto out;
	if (db_show(db, key, &hits) || (hits.n == 0 && db_show_section(db, key, &hits))) {
		fprintf(stderr, PROG ": %s\n", db_errmsg(db));
		goto out;
	}
	if (hits.n == 0) {
		fprintf(stderr, PROG ": no record '%s'\n", key);
		status = EXIT_NONE;
		goto out;
	}
	if (print_show(db, &hits, fmt, asof)) {
		fprintf(stderr, PROG ": out of memory\n");
		goto out;
	}
	status = EXIT_RESULTS;
out:
	db_hits_clear(&hits);
	db_close(db);
	return status;
}
