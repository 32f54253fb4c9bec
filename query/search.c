/* search.c - the search, show and docs subcommands. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "polidex/date.h"
#include "polidex/util.h"

static const char search_usage[] =
	"usage: " PROG " search [options] [TERM...]\n"
	"  -a, --agency A      records naming agency A (acronym, name or Chinese\n"
	"                      name; repeatable: all must be named; includes\n"
	"                      sub-agencies)\n"
	"      --exact-agency  do not include sub-agencies\n"
	"      --role R        the agency's role: lead, support, mentioned, any\n"
	"  -k, --kind K        recommended_action, key_policy, order_section,\n"
	"                      notice_event, list_item, paragraph, heading\n"
	"  -p, --pillar P      1, 2, 3 (or I, II, III)\n"
	"  -l, --lang L        en, zh\n"
	"      --doc PATH      records of one document\n"
	"      --from DATE     records with a timeline date on or after DATE\n"
	"      --to DATE       ... on or before DATE (YYYY-MM-DD)\n"
	"  -n, --limit N       at most N results (default 20; 0: all)\n"
	"  -f, --format F      text, json, ndjson, csv\n"
	"      --raw           TERMs are an FTS5 query, not quoted words\n"
	"  -d, --db DB         database file\n";

enum { OPT_EXACT = 256, OPT_ROLE, OPT_DOC, OPT_FROM, OPT_TO, OPT_RAW };

static const struct option search_opts[] = {
	{ "agency", required_argument, NULL, 'a' },
	{ "exact-agency", no_argument, NULL, OPT_EXACT },
	{ "role", required_argument, NULL, OPT_ROLE },
	{ "kind", required_argument, NULL, 'k' },
	{ "pillar", required_argument, NULL, 'p' },
	{ "lang", required_argument, NULL, 'l' },
	{ "doc", required_argument, NULL, OPT_DOC },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "limit", required_argument, NULL, 'n' },
	{ "format", required_argument, NULL, 'f' },
	{ "raw", no_argument, NULL, OPT_RAW },
	{ "db", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* One CJK character alone: the index holds bigrams, so a one-character
 * word is found as a prefix (see lib/tokenizer.c). */
static bool lone_cjk(const char *s)
{
	int adv;
	size_t n = strlen(s);
	uint32_t cp = utf8_decode(s, n, &adv);
	return n && (size_t)adv == n && is_cjk(cp);
}

/* Quote each user term as an FTS5 string so that hyphens, periods,
 * apostrophes and colons are ordinary text. Caller frees. */
static char *quote_terms(char **terms, int n)
{
	pdx_buf b;
	buf_init(&b);
	for (int i = 0; i < n; i++) {
		if (!*terms[i])
			continue;
		if (b.len)
			buf_addc(&b, ' ');
		buf_addc(&b, '"');
		for (const char *p = terms[i]; *p; p++) {
			if (*p == '"')
				buf_addc(&b, '"');
			buf_addc(&b, *p);
		}
		buf_addc(&b, '"');
		if (lone_cjk(terms[i]))
			buf_addc(&b, '*');
	}
	return b.len ? buf_take(&b) : NULL;
}

static char *join_terms(char **terms, int n)
{
	pdx_buf b;
	buf_init(&b);
	for (int i = 0; i < n; i++) {
		if (i)
			buf_addc(&b, ' ');
		buf_adds(&b, terms[i]);
	}
	return b.len ? buf_take(&b) : NULL;
}

static bool valid_date(const char *s)
{
	int y, m, d;
	char tail;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return false;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}

static void print_text_hit(const pdx_hit *h, bool with_snippet)
{
	printf("%s  %s", h->key, h->kind);
	if (h->pillar)
		printf("  Pillar %s", h->pillar == 1 ? "I" : h->pillar == 2 ? "II" : "III");
	if (h->label)
		printf("  %s", h->label);
	if (h->section)
		printf("  %s", h->section);
	printf("\n    %s", h->doc_path);
	if (h->doc_part)
		printf(" (part %d)", h->doc_part);
	printf(":%d\n", h->line);
	const char *t = with_snippet && h->snippet ? h->snippet : h->text;
	size_t n = strlen(t), cut = n;
	if (!with_snippet && n > 240) {
		cut = 240;
		while (cut > 0 && ((unsigned char)t[cut] & 0xC0) == 0x80)
			cut--;
	}
	printf("    %.*s%s\n\n", (int)cut, t, cut < n ? "\u2026" : "");
}

static void print_csv(const pdx_hits *hits)
{
	fputs("key,kind,pillar,section,label,lang,path,part,line,text\r\n", stdout);
	for (size_t i = 0; i < hits->n; i++) {
		const pdx_hit *h = &hits->v[i];
		char pillar[4], part[12], line[12];
		snprintf(pillar, sizeof pillar, "%d", h->pillar);
		snprintf(part, sizeof part, "%d", h->doc_part);
		snprintf(line, sizeof line, "%d", h->line);
		csv_field(stdout, h->key, false);
		csv_field(stdout, h->kind, false);
		csv_field(stdout, h->pillar ? pillar : "", false);
		csv_field(stdout, h->section, false);
		csv_field(stdout, h->label, false);
		csv_field(stdout, h->lang, false);
		csv_field(stdout, h->doc_path, false);
		csv_field(stdout, part, false);
		csv_field(stdout, line, false);
		csv_field(stdout, h->text, true);
	}
}

/* Print hits in the chosen format; returns 0 or -1 (out of memory). */
static int print_hits(pdx_db *db, const pdx_hits *hits, pdx_format fmt,
		      const char *query, bool snippets)
{
	if (fmt == FMT_CSV) {
		print_csv(hits);
		return 0;
	}
	if (fmt == FMT_TEXT) {
		for (size_t i = 0; i < hits->n; i++)
			print_text_hit(&hits->v[i], snippets);
		return 0;
	}
	if (fmt == FMT_NDJSON) {
		for (size_t i = 0; i < hits->n; i++) {
			cJSON *arr = cJSON_CreateArray();
			cJSON *o = arr ? hit_json(db, &hits->v[i], arr) : NULL;
			if (!o) {
				cJSON_Delete(arr);
				return -1;
			}
			cJSON_AddNumberToObject(o, "format_version", PDX_FORMAT_VERSION);
			cJSON *one = cJSON_DetachItemFromArray(arr, 0);
			cJSON_Delete(arr);
			if (print_json(one, false))
				return -1;
		}
		return 0;
	}
	cJSON *root = cJSON_CreateObject();
	if (!root)
		return -1;
	cJSON_AddNumberToObject(root, "format_version", PDX_FORMAT_VERSION);
	if (query)
		cJSON_AddStringToObject(root, "query", query);
	else
		cJSON_AddNullToObject(root, "query");
	cJSON_AddNumberToObject(root, "count", (double)hits->n);
	cJSON *arr = cJSON_AddArrayToObject(root, "results");
	for (size_t i = 0; arr && i < hits->n; i++)
		if (!hit_json(db, &hits->v[i], arr))
			break;
	return print_json(root, true);
}

int cmd_search(const char *dbpath, int argc, char **argv)
{
	pdx_search q = { .limit = 20 };
	pdx_format fmt = FMT_TEXT;
	const char *agency_names[PDX_MAX_AGENCY_FILTERS];
	char *ids[PDX_MAX_AGENCY_FILTERS] = { 0 };
	size_t nagency = 0;
	bool raw = false;
	int c, status = EXIT_USAGE;
	char *match = NULL, *query = NULL;
	pdx_db *db = NULL;
	pdx_hits hits = { 0 };

	optind = 0;
	while ((c = getopt_long(argc, argv, "a:k:p:l:n:f:d:h", search_opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			if (nagency == PDX_MAX_AGENCY_FILTERS) {
				fprintf(stderr, PROG ": at most %d agency filters\n", PDX_MAX_AGENCY_FILTERS);
				return EXIT_USAGE;
			}
			agency_names[nagency++] = optarg;
			break;
		case OPT_EXACT: q.exact_agency = true; break;
		case OPT_ROLE:
			if (strcmp(optarg, "any") == 0)
				q.role = NULL;
			else if (role_parse(optarg) > 0)
				q.role = optarg;
			else {
				fprintf(stderr, PROG ": unknown role '%s' (lead, support, mentioned, any)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'k': q.kind = optarg; break;
		case 'p':
			if (!(q.pillar = parse_pillar(optarg))) {
				fprintf(stderr, PROG ": bad pillar '%s' (1, 2, 3 or I, II, III)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'l': q.lang = optarg; break;
		case OPT_DOC: q.doc = optarg; break;
		case OPT_FROM: q.from = optarg; break;
		case OPT_TO: q.to = optarg; break;
		case 'n': {
			char *end;
			q.limit = strtol(optarg, &end, 10);
			if (*end || q.limit < 0) {
				fprintf(stderr, PROG ": bad limit '%s'\n", optarg);
				return EXIT_USAGE;
			}
			break;
		}
		case 'f':
			if (take_format(&fmt, optarg, 1u << FMT_TEXT | 1u << FMT_JSON | 1u << FMT_NDJSON | 1u << FMT_CSV))
				return EXIT_USAGE;
			break;
		case OPT_RAW: raw = true; break;
		case 'd': dbpath = optarg; break;
		case 'h': fputs(search_usage, stdout); return EXIT_RESULTS;
		default: fputs(search_usage, stderr); return EXIT_USAGE;
		}
	}
	const char *dates[] = { q.from, q.to };
	for (int i = 0; i < 2; i++) {
		if (dates[i] && !valid_date(dates[i])) {
			fprintf(stderr, PROG ": bad date '%s' (YYYY-MM-DD)\n", dates[i]);
			return EXIT_USAGE;
		}
	}
	query = join_terms(argv + optind, argc - optind);
	match = raw ? xstrdup(query) : quote_terms(argv + optind, argc - optind);
	if (!(db = open_db(dbpath))) {
		status = EXIT_RUNTIME;
		goto out;
	}
	for (size_t i = 0; i < nagency; i++) {
		if (!(ids[i] = resolve_agency(db, agency_names[i])))
			goto out;
		q.agencies[q.nagencies++] = ids[i];
	}
	q.match = match;
	char err[512] = "";
	int rc = db_search(db, &q, &hits, err, sizeof err);
	if (rc == PDX_EFORMAT) {
		fprintf(stderr, PROG ": bad query '%s': %s\n", query ? query : "", err);
		goto out;
	}
	if (rc) {
		fprintf(stderr, PROG ": search failed: %s\n", err);
		status = EXIT_RUNTIME;
		goto out;
	}
	if (print_hits(db, &hits, fmt, query, match != NULL)) {
		fprintf(stderr, PROG ": out of memory\n");
		status = EXIT_RUNTIME;
		goto out;
	}
	status = hits.n ? EXIT_RESULTS : EXIT_NONE;
out:
	hits_free(&hits);
	for (size_t i = 0; i < nagency; i++)
		free(ids[i]);
	free(match);
	free(query);
	db_close(db);
	return status;
}

static const struct option show_opts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "db", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const char show_usage[] =
	"usage: " PROG " show [-f text|json] KEY\n"
	"Print one record whole: its text, document, agencies and timeline.\n";

static void print_show_text(pdx_db *db, const pdx_hit *h)
{
	printf("key:       %s\nkind:      %s\n", h->key, h->kind);
	if (h->pillar)
		printf("pillar:    %d (%s)\n", h->pillar, h->pillar_source ? h->pillar_source : "");
	if (h->section)
		printf("section:   %s\n", h->section);
	if (h->label)
		printf("label:     %s\n", h->label);
	printf("document:  %s%s%s:%d\n", h->doc_path, h->doc_part ? " part " : "",
	       h->doc_part ? "" : "", h->line);
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
			printf("agency:    %s (%s) %s\n", ag[i].acronym ? ag[i].acronym : ag[i].id,
			       ag[i].name ? ag[i].name : "", ag[i].role);
	db_agencies_free(ag, nag);
	pdx_time *tv = NULL;
	size_t nt = 0;
	if (db_record_times(db, h->id, &tv, &nt) == PDX_OK)
		for (size_t i = 0; i < nt; i++)
			printf("timeline:  %s %s (%s) \"%s\"%s%s\n", tv[i].kind,
			       tv[i].value ? tv[i].value : "unresolved", tv[i].precision,
			       tv[i].expr, tv[i].anchor ? " anchor: " : "",
			       tv[i].anchor ? tv[i].anchor : "");
	db_times_free(tv, nt);
	printf("\n%s\n", h->text);
}

/* The links of hit h: for a plan action, the records of other documents
 * linked to it; for any other record, the plan actions and sections it
 * links to. Added to obj (JSON) as "links", or printed when obj is NULL.
 * A database indexed before links existed has none to show. */
static void show_links(pdx_db *db, const pdx_hit *h, cJSON *obj)
{
	bool plan = h->doc_kind && strcmp(h->doc_kind, "plan") == 0;
	pdx_link *v = NULL;
	size_t n = 0;
	if (db_record_links(db, h->id, !plan, &v, &n) != PDX_OK)
		n = 0;
	/* the score of an inferred pillar belongs with the record; hit_json
	 * does not carry it (yet), show does */
	if (obj && h->pillar_source && strcmp(h->pillar_source, "inferred") == 0)
		cJSON_AddNumberToObject(obj, "pillar_score", round(h->pillar_score * 1000) / 1000);
	cJSON *arr = obj ? cJSON_AddArrayToObject(obj, "links") : NULL;
	if (!obj && n)
		printf("%s\n", plan ? "linked records:" : "links to the plan:");
	for (size_t i = 0; i < n; i++) {
		const pdx_link *l = &v[i];
		if (!obj) {
			if (plan)
				printf("  %.3f  %s  %s\n", l->score, l->key ? l->key : "-",
				       l->doc_path ? l->doc_path : "");
			else
				printf("  %.3f  %s  pillar %d\n", l->score, l->key ? l->key : "-",
				       l->pillar);
			if (!plan && l->section)
				printf("         %s\n", l->section);
			continue;
		}
		cJSON *o = arr ? cJSON_CreateObject() : NULL;
		if (!o)
			break;
		cJSON_AddItemToArray(arr, o);
		if (l->key)
			cJSON_AddStringToObject(o, "key", l->key);
		if (l->section)
			cJSON_AddStringToObject(o, "section", l->section);
		cJSON_AddNumberToObject(o, "pillar", l->pillar);
		cJSON_AddNumberToObject(o, "score", round(l->score * 1000) / 1000);
		if (l->text)
			cJSON_AddStringToObject(o, "text", l->text);
		if (l->doc_path) {
			cJSON *d = cJSON_AddObjectToObject(o, "document");
			if (d) {
				cJSON_AddStringToObject(d, "path", l->doc_path);
				cJSON_AddNumberToObject(d, "part", l->doc_part);
				if (l->doc_title)
					cJSON_AddStringToObject(d, "title", l->doc_title);
				if (l->doc_kind)
					cJSON_AddStringToObject(d, "kind", l->doc_kind);
			}
		}
	}
	db_links_free(v, n);
}

int cmd_show(const char *dbpath, int argc, char **argv)
{
	pdx_format fmt = FMT_TEXT;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "f:d:h", show_opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (take_format(&fmt, optarg, 1u << FMT_TEXT | 1u << FMT_JSON))
				return EXIT_USAGE;
			break;
		case 'd': dbpath = optarg; break;
		case 'h': fputs(show_usage, stdout); return EXIT_RESULTS;
		default: fputs(show_usage, stderr); return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		fputs(show_usage, stderr);
		return EXIT_USAGE;
	}
	pdx_db *db = open_db(dbpath);
	if (!db)
		return EXIT_RUNTIME;
	pdx_hits hits = { 0 };
	int status = EXIT_RUNTIME;
	if (db_show(db, argv[optind], &hits)) {
		fprintf(stderr, PROG ": %s\n", db_errmsg(db));
		goto out;
	}
	if (hits.n == 0) {
		fprintf(stderr, PROG ": no record '%s'\n", argv[optind]);
		status = EXIT_NONE;
		goto out;
	}
	if (fmt == FMT_JSON) {
		cJSON *root = cJSON_CreateObject();
		cJSON *arr = root ? cJSON_AddArrayToObject(root, "results") : NULL;
		if (!arr) {
			cJSON_Delete(root);
			goto out;
		}
		cJSON_AddNumberToObject(root, "format_version", PDX_FORMAT_VERSION);
		cJSON_AddNumberToObject(root, "count", (double)hits.n);
		for (size_t i = 0; i < hits.n; i++) {
			cJSON *o = hit_json(db, &hits.v[i], arr);
			if (o)
				show_links(db, &hits.v[i], o);
		}
		print_json(root, true);
	} else {
		for (size_t i = 0; i < hits.n; i++) {
			if (i)
				printf("\n");
			print_show_text(db, &hits.v[i]);
			show_links(db, &hits.v[i], NULL);
		}
	}
	status = EXIT_RESULTS;
out:
	hits_free(&hits);
	db_close(db);
	return status;
}

static const char docs_usage[] =
	"usage: " PROG " docs [-f text|json|csv]\n"
	"List the indexed documents with their kind, language, date and record count.\n";

int cmd_docs(const char *dbpath, int argc, char **argv)
{
	pdx_format fmt = FMT_TEXT;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "f:d:h", show_opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (take_format(&fmt, optarg, 1u << FMT_TEXT | 1u << FMT_JSON | 1u << FMT_CSV))
				return EXIT_USAGE;
			break;
		case 'd': dbpath = optarg; break;
		case 'h': fputs(docs_usage, stdout); return EXIT_RESULTS;
		default: fputs(docs_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fputs(docs_usage, stderr);
		return EXIT_USAGE;
	}
	pdx_db *db = open_db(dbpath);
	if (!db)
		return EXIT_RUNTIME;
	pdx_doc_row *v = NULL;
	size_t n = 0;
	int status = EXIT_RUNTIME;
	if (db_documents(db, &v, &n)) {
		fprintf(stderr, PROG ": %s\n", db_errmsg(db));
		goto out;
	}
	if (fmt == FMT_JSON) {
		cJSON *root = cJSON_CreateObject();
		cJSON *arr = root ? cJSON_AddArrayToObject(root, "documents") : NULL;
		if (!arr) {
			cJSON_Delete(root);
			goto out;
		}
		cJSON_AddNumberToObject(root, "format_version", PDX_FORMAT_VERSION);
		cJSON_AddNumberToObject(root, "count", (double)n);
		for (size_t i = 0; i < n; i++) {
			cJSON *o = cJSON_CreateObject();
			if (!o)
				break;
			cJSON_AddItemToArray(arr, o);
			cJSON_AddStringToObject(o, "path", v[i].path);
			cJSON_AddNumberToObject(o, "part", v[i].part);
			cJSON_AddStringToObject(o, "title", v[i].title ? v[i].title : "");
			cJSON_AddStringToObject(o, "kind", v[i].kind ? v[i].kind : "other");
			cJSON_AddStringToObject(o, "lang", v[i].lang ? v[i].lang : "");
			if (v[i].published)
				cJSON_AddStringToObject(o, "published", v[i].published);
			else
				cJSON_AddNullToObject(o, "published");
			if (v[i].issuer)
				cJSON_AddStringToObject(o, "issuer", v[i].issuer);
			else
				cJSON_AddNullToObject(o, "issuer");
			cJSON_AddStringToObject(o, "format", v[i].format ? v[i].format : "");
			cJSON_AddNumberToObject(o, "records", v[i].records);
		}
		print_json(root, true);
	} else if (fmt == FMT_CSV) {
		fputs("path,part,kind,lang,published,records,title\r\n", stdout);
		for (size_t i = 0; i < n; i++) {
			char part[12], recs[12];
			snprintf(part, sizeof part, "%d", v[i].part);
			snprintf(recs, sizeof recs, "%d", v[i].records);
			csv_field(stdout, v[i].path, false);
			csv_field(stdout, part, false);
			csv_field(stdout, v[i].kind, false);
			csv_field(stdout, v[i].lang, false);
			csv_field(stdout, v[i].published, false);
			csv_field(stdout, recs, false);
			csv_field(stdout, v[i].title, true);
		}
	} else {
		for (size_t i = 0; i < n; i++) {
			printf("%-14s %-2s %-10s %4d  %s", v[i].kind ? v[i].kind : "other",
			       v[i].lang ? v[i].lang : "", v[i].published ? v[i].published : "-",
			       v[i].records, v[i].path);
			if (v[i].part)
				printf(" (part %d)", v[i].part);
			printf("\n    %s\n", v[i].title ? v[i].title : "");
		}
	}
	status = n ? EXIT_RESULTS : EXIT_NONE;
out:
	db_documents_free(v, n);
	db_close(db);
	return status;
}
