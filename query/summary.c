/* summary.c - polidex-query summary: each pillar's records, sections,
 * agencies, implementing documents and deadlines. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "query.h"
#include "polidex/pillar.h"
#include "polidex/util.h"

static const char summary_usage[] =
	"usage: " PROG " summary [-p PILLAR] [-a AGENCY] [--as-of DATE] [-f json|text]\n"
	"Summarize each pillar of the plan: records by kind and by how they were\n"
	"placed (structure or inferred), the plan's sections, lead and supporting\n"
	"agencies, the documents implementing it, and its deadlines.\n"
	"\n"
	"  -p, --pillar N       one pillar (1-3 or I-III)\n"
	"  -a, --agency NAME    only the records naming this agency (or a body under it)\n"
	"      --as-of DATE     upcoming and overdue as of DATE (YYYY-MM-DD; default today)\n"
	"  -f, --format FMT     text (default) or json\n";

static const struct option summary_opts[] = {
	{ "pillar", required_argument, NULL, 'p' },
	{ "agency", required_argument, NULL, 'a' },
	{ "as-of", required_argument, NULL, 'A' },
	{ "format", required_argument, NULL, 'f' },
	{ "db", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* A summary shows this many of the overdue deadlines (the latest) and of
 * the documents (the most records first), with their totals: at a few
 * hundred thousand records the full lists would be megabytes, and
 * `deadlines --overdue -p N` and `docs` give them whole. */
#define SUMMARY_OVERDUE 10
#define SUMMARY_DOCS 20
#define SUMMARY_NEXT 5

/* The deadlines of one pillar: the timeline kinds that close something. */
typedef struct {
	pdx_dues next;		/* the first dated on or after as_of */
	pdx_dues overdue;	/* the latest dated before it, by date */
	pdx_due_counts n;
} pillar_dues;

static int load_dues(pdx_db *db, int pillar, const char *agency, const char *as_of,
		     pillar_dues *pd)
{
	pdx_deadline_query q = { .kinds = { "deadline", "closes", "expires" }, .nkinds = 3,
				 .pillar = pillar };
	char err[512] = "";
	if (agency) {
		q.agencies[0] = agency;
		q.nagencies = 1;
	}
	pdx_deadline_query next = q, over = q;
	next.from_day = as_of;
	next.limit = SUMMARY_NEXT;
	over.before = as_of;
	over.limit = SUMMARY_OVERDUE;
	over.latest_first = true;
	if (db_deadline_counts(db, &q, as_of, &pd->n) ||
	    db_deadlines(db, &next, &pd->next, err, sizeof err) ||
	    db_deadlines(db, &over, &pd->overdue, err, sizeof err)) {
		fprintf(stderr, PROG ": %s\n", *err ? err : db_errmsg(db));
		return -1;
	}
	/* latest first from the database; shown by date */
	pdx_dues *o = &pd->overdue;
	for (size_t i = 0, j = o->n; j-- > i + 1; i++) {
		pdx_due t = o->v[i];
		o->v[i] = o->v[j];
		o->v[j] = t;
		pdx_hit h = o->hits.v[i];
		o->hits.v[i] = o->hits.v[j];
		o->hits.v[j] = h;
	}
	return 0;
}

static void dues_clear(pillar_dues *pd)
{
	dues_free(&pd->next);
	dues_free(&pd->overdue);
}

static cJSON *due_json(const pdx_dues *d, size_t i, cJSON *arr)
{
	const pdx_hit *h = &d->hits.v[i];
	const pdx_time *t = &d->v[i].t;
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddItemToArray(arr, o);
	cJSON_AddStringToObject(o, "key", h->key);
	cJSON_AddStringToObject(o, "kind", t->kind);
	cJSON_AddStringToObject(o, "expr", t->expr ? t->expr : "");
	cJSON_AddStringToObject(o, "value", t->value);
	cJSON_AddStringToObject(o, "document", h->doc_path);
	return o;
}

static cJSON *summary_json(const pdx_pillar_summary *s, const pillar_dues *pd,
			   const pdx_pillar_terms *terms, cJSON *arr)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddItemToArray(arr, o);
	cJSON_AddNumberToObject(o, "pillar", s->pillar);
	cJSON *name = cJSON_AddObjectToObject(o, "name");
	if (name) {
		cJSON_AddStringToObject(name, "en", pillar_name(terms, s->pillar, "en"));
		cJSON_AddStringToObject(name, "zh", pillar_name(terms, s->pillar, "zh"));
	}
	cJSON *rec = cJSON_AddObjectToObject(o, "records");
	if (rec) {
		cJSON_AddNumberToObject(rec, "total", s->total);
		cJSON *k = cJSON_AddObjectToObject(rec, "by_kind");
		for (size_t i = 0; k && i < s->nkinds; i++)
			cJSON_AddNumberToObject(k, s->kinds[i].name, s->kinds[i].count);
		cJSON *src = cJSON_AddObjectToObject(rec, "by_source");
		if (src) {
			cJSON_AddNumberToObject(src, "structure", s->structure);
			cJSON_AddNumberToObject(src, "inferred", s->inferred);
		}
	}
	cJSON *secs = cJSON_AddArrayToObject(o, "sections");
	for (size_t i = 0; secs && i < s->nsections; i++) {
		cJSON *x = cJSON_CreateObject();
		if (!x)
			break;
		cJSON_AddItemToArray(secs, x);
		cJSON_AddStringToObject(x, "section", s->sections[i].section);
		if (s->sections[i].key)
			cJSON_AddStringToObject(x, "key", s->sections[i].key);
		cJSON_AddNumberToObject(x, "records", s->sections[i].records);
		cJSON_AddNumberToObject(x, "linked", s->sections[i].linked);
	}
	cJSON *ag = cJSON_AddObjectToObject(o, "agencies");
	for (int role = 0; ag && role < 2; role++) {
		cJSON *l = cJSON_AddArrayToObject(ag, role ? "support" : "lead");
		const pdx_agency_count *v = role ? s->support : s->lead;
		size_t n = role ? s->nsupport : s->nlead;
		for (size_t i = 0; l && i < n; i++) {
			cJSON *x = cJSON_CreateObject();
			if (!x)
				break;
			cJSON_AddItemToArray(l, x);
			cJSON_AddStringToObject(x, "id", v[i].id);
			cJSON_AddStringToObject(x, "acronym", v[i].acronym ? v[i].acronym : v[i].id);
			cJSON_AddNumberToObject(x, "count", v[i].count);
		}
	}
	cJSON *docs = cJSON_AddArrayToObject(o, "documents");
	for (size_t i = 0; docs && i < s->ndocs && i < SUMMARY_DOCS; i++) {
		cJSON *x = cJSON_CreateObject();
		if (!x)
			break;
		cJSON_AddItemToArray(docs, x);
		cJSON_AddStringToObject(x, "path", s->docs[i].path);
		cJSON_AddNumberToObject(x, "part", s->docs[i].part);
		if (s->docs[i].title)
			cJSON_AddStringToObject(x, "title", s->docs[i].title);
		cJSON_AddStringToObject(x, "kind", s->docs[i].kind ? s->docs[i].kind : "other");
		cJSON_AddNumberToObject(x, "records", s->docs[i].records);
	}
	cJSON_AddNumberToObject(o, "documents_total", (double)s->ndocs);
	cJSON *dl = cJSON_AddObjectToObject(o, "deadlines");
	if (dl) {
		cJSON *next = cJSON_AddArrayToObject(dl, "next");
		for (size_t i = 0; next && i < pd->next.n; i++)
			due_json(&pd->next, i, next);
		cJSON *over = cJSON_AddArrayToObject(dl, "overdue");
		for (size_t i = 0; over && i < pd->overdue.n; i++)
			due_json(&pd->overdue, i, over);
		cJSON_AddNumberToObject(dl, "overdue_total", (double)pd->n.before);
		cJSON_AddNumberToObject(dl, "unresolved", (double)pd->n.unresolved);
	}
	return o;
}

static void summary_text(const pdx_pillar_summary *s, const pillar_dues *pd,
			 const pdx_pillar_terms *terms)
{
	printf("Pillar %d: %s (%s)\n", s->pillar, pillar_name(terms, s->pillar, "en"),
	       pillar_name(terms, s->pillar, "zh"));
	printf("  records: %d (structure %d, inferred %d)\n", s->total, s->structure,
	       s->inferred);
	for (size_t i = 0; i < s->nkinds; i++)
		printf("    %-20s %d\n", s->kinds[i].name, s->kinds[i].count);
	if (s->nsections)
		printf("  sections of the plan (records, linked):\n");
	for (size_t i = 0; i < s->nsections; i++)
		printf("    %-10s %s (%d, %d)\n", s->sections[i].key ? s->sections[i].key : "",
		       s->sections[i].section, s->sections[i].records, s->sections[i].linked);
	for (int role = 0; role < 2; role++) {
		const pdx_agency_count *v = role ? s->support : s->lead;
		size_t n = role ? s->nsupport : s->nlead;
		if (!n)
			continue;
		printf("  %s:", role ? "support" : "lead");
		for (size_t i = 0; i < n; i++)
			printf("%s %s %d", i ? "," : "", v[i].acronym ? v[i].acronym : v[i].id,
			       v[i].count);
		printf("\n");
	}
	if (s->ndocs > SUMMARY_DOCS)
		printf("  implemented by (the %d of %zu with most records):\n", SUMMARY_DOCS,
		       s->ndocs);
	else if (s->ndocs)
		printf("  implemented by:\n");
	for (size_t i = 0; i < s->ndocs && i < SUMMARY_DOCS; i++)
		printf("    %4d  %s%s  %s\n", s->docs[i].records, s->docs[i].path,
		       s->docs[i].part ? "" : "", s->docs[i].title ? s->docs[i].title : "");
	printf("  deadlines: %zu upcoming shown, %ld overdue%s, %ld unresolved\n", pd->next.n,
	       pd->n.before, pd->n.before > (long)pd->overdue.n ? " (the latest shown)" : "",
	       pd->n.unresolved);
	for (int part = 0; part < 2; part++) {
		const pdx_dues *d = part ? &pd->overdue : &pd->next;
		for (size_t i = 0; i < d->n; i++)
			printf("    %s %-10.10s %-8s %s\n", part ? "overdue" : "next   ",
			       d->v[i].t.value, d->v[i].t.kind, d->hits.v[i].key);
	}
}

int cmd_summary(const char *dbpath, int argc, char **argv)
{
	pdx_format fmt = FMT_TEXT;
	int pillar = 0, c;
	const char *agency_name = NULL, *as_of = NULL;
	char today[11];
	optind = 0;
	while ((c = getopt_long(argc, argv, "p:a:f:d:h", summary_opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			if (!(pillar = parse_pillar(optarg))) {
				fprintf(stderr, PROG ": bad pillar '%s' (1-3 or I-III)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'a': agency_name = optarg; break;
		case 'A': as_of = optarg; break;
		case 'f':
			if (take_format(&fmt, optarg, 1u << FMT_TEXT | 1u << FMT_JSON))
				return EXIT_USAGE;
			break;
		case 'd': dbpath = optarg; break;
		case 'h': fputs(summary_usage, stdout); return EXIT_RESULTS;
		default: fputs(summary_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fputs(summary_usage, stderr);
		return EXIT_USAGE;
	}
	if (as_of && (strlen(as_of) != 10 || as_of[4] != '-' || as_of[7] != '-')) {
		fprintf(stderr, PROG ": bad date '%s' (YYYY-MM-DD)\n", as_of);
		return EXIT_USAGE;
	}
	if (!as_of) {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		strftime(today, sizeof today, "%Y-%m-%d", &tm);
		as_of = today;
	}
	const pdx_pillar_terms *terms = pillar_terms_builtin();
	if (!terms) {
		fprintf(stderr, PROG ": the built-in pillar term list is broken\n");
		return EXIT_RUNTIME;
	}
	pdx_db *db = open_db(dbpath);
	if (!db)
		return EXIT_RUNTIME;
	int status = EXIT_RUNTIME;
	char *agency = NULL;
	cJSON *root = NULL, *arr = NULL;
	if (agency_name && !(agency = resolve_agency(db, agency_name))) {
		status = EXIT_USAGE;
		goto out;
	}
	if (fmt == FMT_JSON) {
		root = cJSON_CreateObject();
		if (!root)
			goto out;
		cJSON_AddNumberToObject(root, "format_version", PDX_FORMAT_VERSION);
		cJSON_AddStringToObject(root, "as_of", as_of);
		if (agency)
			cJSON_AddStringToObject(root, "agency", agency);
		if (!(arr = cJSON_AddArrayToObject(root, "pillars")))
			goto out;
	} else {
		printf("As of %s%s%s\n\n", as_of, agency ? ", records naming " : "",
		       agency ? agency_name : "");
	}
	for (int p = pillar ? pillar : 1; p <= (pillar ? pillar : 3); p++) {
		pdx_pillar_summary s;
		pillar_dues pd = { 0 };
		int rc = db_pillar_summary(db, p, agency, &s);
		if (rc || load_dues(db, p, agency, as_of, &pd)) {
			if (rc)
				fprintf(stderr, PROG ": %s\n", db_errmsg(db));
			db_pillar_summary_free(&s);
			dues_clear(&pd);
			goto out;
		}
		if (arr)
			summary_json(&s, &pd, terms, arr);
		else {
			if (p != (pillar ? pillar : 1))
				printf("\n");
			summary_text(&s, &pd, terms);
		}
		db_pillar_summary_free(&s);
		dues_clear(&pd);
	}
	if (root) {
		print_json(root, true);
		root = NULL;
	}
	status = EXIT_RESULTS;
out:
	cJSON_Delete(root);
	free(agency);
	db_close(db);
	return status;
}
