/* search.c - the search subcommand: full-text search with filters. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "polidex/date.h"
#include "polidex/util.h"

static const unsigned search_formats = 1u << FMT_TEXT | 1u << FMT_JSON | 1u << FMT_NDJSON | 1u << FMT_CSV;

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
	"      --type T        records of documents of type T: rule, proposed_rule,\n"
	"                      notice, presidential_document, executive_order,\n"
	"                      proclamation, memorandum, plan, fact_sheet,\n"
	"                      press_release, news, guidance, other\n"
	"      --fr N          records of the Federal Register document N (its\n"
	"                      document number 2025-19674, or citation 90 FR 46422)\n"
	"      --eo N          records of executive order or proclamation N\n"
	"      --from DATE     records with a timeline date on or after DATE\n"
	"      --to DATE       ... on or before DATE (YYYY-MM-DD)\n"
	"  -n, --limit N       at most N results (default 20; 0: all)\n"
	"  -f, --format F      text, json, ndjson, csv\n"
	"      --raw           TERMs are an FTS5 query, not quoted words\n"
	"  -d, --db DB         database file\n";

/* The document types --type takes (types, subtypes and kinds). */
static bool doc_type_known(const char *t)
{
	static const char *const types[] = { "rule", "proposed_rule", "notice",
		"presidential_document", "executive_order", "proclamation", "memorandum",
		"plan", "fact_sheet", "press_release", "news", "guidance", "other", NULL };
	for (int i = 0; types[i]; i++)
		if (strcmp(t, types[i]) == 0)
			return true;
	return false;
}

/* A Federal Register document number ("2025-19674") or citation
 * ("90 FR 46422"). */
static bool fr_number_ok(const char *s)
{
	size_t y = strspn(s, "0123456789");
	if (y == 4 && s[4] == '-') {
		size_t k = strspn(s + 5, "0123456789");
		return k >= 4 && k <= 6 && !s[5 + k];
	}
	if (y >= 1 && y <= 3 && strncmp(s + y, " FR ", 4) == 0) {
		size_t k = strspn(s + y + 4, "0123456789");
		return k >= 1 && !s[y + 4 + k];
	}
	return false;
}

enum { OPT_EXACT = 256, OPT_ROLE, OPT_DOC, OPT_FROM, OPT_TO, OPT_RAW, OPT_TYPE, OPT_FR, OPT_EO };

static const struct option search_opts[] = {
	{ "agency", required_argument, NULL, 'a' },
	{ "exact-agency", no_argument, NULL, OPT_EXACT },
	{ "role", required_argument, NULL, OPT_ROLE },
	{ "kind", required_argument, NULL, 'k' },
	{ "pillar", required_argument, NULL, 'p' },
	{ "lang", required_argument, NULL, 'l' },
	{ "doc", required_argument, NULL, OPT_DOC },
	{ "type", required_argument, NULL, OPT_TYPE },
	{ "fr", required_argument, NULL, OPT_FR },
	{ "eo", required_argument, NULL, OPT_EO },
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
	uint32_t cp = pdx_utf8_decode(s, n, &adv);
	return n && (size_t)adv == n && pdx_is_cjk(cp);
}

/* Quote each user term as an FTS5 string so that hyphens, periods,
 * apostrophes and colons are ordinary text. Caller frees. */
static char *quote_terms(char **terms, int n)
{
	pdx_buf b;
	pdx_buf_init(&b);
	for (int i = 0; i < n; i++) {
		if (!*terms[i])
			continue;
		if (b.len)
			pdx_buf_addc(&b, ' ');
		pdx_buf_addc(&b, '"');
		for (const char *p = terms[i]; *p; p++) {
			if (*p == '"')
				pdx_buf_addc(&b, '"');
			pdx_buf_addc(&b, *p);
		}
		pdx_buf_addc(&b, '"');
		if (lone_cjk(terms[i]))
			pdx_buf_addc(&b, '*');
	}
	return b.len ? pdx_buf_take(&b) : NULL;
}

static char *join_terms(char **terms, int n)
{
	pdx_buf b;
	pdx_buf_init(&b);
	for (int i = 0; i < n; i++) {
		if (i)
			pdx_buf_addc(&b, ' ');
		pdx_buf_adds(&b, terms[i]);
	}
	return b.len ? pdx_buf_take(&b) : NULL;
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
		csv_field(stdout, h->key, false);
		csv_field(stdout, h->kind, false);
		csv_opt_int(stdout, h->pillar != 0, h->pillar, false);
		csv_field(stdout, h->section, false);
		csv_field(stdout, h->label, false);
		csv_field(stdout, h->lang, false);
		csv_field(stdout, h->doc_path, false);
		csv_int(stdout, h->doc_part, false);
		csv_int(stdout, h->line, false);
		csv_field(stdout, h->text, true);
	}
}

/* search's query echo: the terms as typed, or null. */
static int echo_query(cJSON *root, const void *query)
{
	return json_str(root, "query", query) ? 0 : -1;
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
		/* one object a line, each with its format_version last */
		for (size_t i = 0; i < hits->n; i++) {
			cJSON *o = hit_json(db, &hits->v[i], NULL);
			int rc = -1;
			if (o && json_num(o, "format_version", PDX_FORMAT_VERSION))
				rc = print_json(o, false);
			cJSON_Delete(o);
			if (rc)
				return -1;
		}
		return 0;
	}
	json_envelope env = { .order = "vecr", .results = "results", .count = hits->n,
			      .echo = echo_query, .echo_arg = query };
	cJSON *arr, *root = json_envelope_new(&env, &arr);
	int rc = root ? 0 : -1;
	for (size_t i = 0; !rc && i < hits->n; i++)
		if (!hit_json(db, &hits->v[i], arr))
			rc = -1;
	if (!rc)
		rc = print_json(root, true);
	cJSON_Delete(root);
	return rc;
}

/* search's options into q and the rest; returns OPTIONS_OK or the exit
 * status. */
static int search_options(int argc, char **argv, pdx_search *q, agency_opt *ag,
			  pdx_format *fmt, bool *raw, const char **dbpath)
{
	int c, status;
	optind = 0;
	while ((c = getopt_long(argc, argv, "a:k:p:l:n:f:d:h", search_opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			if (agency_opt_add(ag, optarg))
				return EXIT_USAGE;
			break;
		case OPT_EXACT: q->exact_agency = true; break;
		case OPT_ROLE:
			if (strcmp(optarg, "any") == 0)
				q->role = NULL;
			else if (role_parse(optarg) > 0)
				q->role = optarg;
			else {
				fprintf(stderr, PROG ": unknown role '%s' (lead, support, mentioned, any)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'k': q->kind = optarg; break;
		case 'p':
			if (take_pillar(&q->pillar, optarg, "1, 2, 3 or I, II, III"))
				return EXIT_USAGE;
			break;
		case 'l': q->lang = optarg; break;
		case OPT_DOC: q->doc = optarg; break;
		case OPT_TYPE:
			if (!doc_type_known(optarg)) {
				fprintf(stderr, PROG ": unknown document type '%s' (rule, proposed_rule, notice,"
					" presidential_document, executive_order, proclamation, memorandum, plan,"
					" fact_sheet, press_release, news, guidance, other)\n", optarg);
				return EXIT_USAGE;
			}
			q->type = optarg;
			break;
		case OPT_FR:
			if (!fr_number_ok(optarg)) {
				fprintf(stderr, PROG ": bad Federal Register number '%s' (a document number"
					" such as 2025-19674, or a citation such as '90 FR 46422')\n", optarg);
				return EXIT_USAGE;
			}
			q->fr = optarg;
			break;
		case OPT_EO:
			if (!optarg[0] || optarg[strspn(optarg, "0123456789")]) {
				fprintf(stderr, PROG ": bad order number '%s' (digits, such as 14320)\n", optarg);
				return EXIT_USAGE;
			}
			q->eo = optarg;
			break;
		case OPT_FROM: q->from = optarg; break;
		case OPT_TO: q->to = optarg; break;
		case 'n': {
			char *end;
			q->limit = strtol(optarg, &end, 10);
			if (*end || q->limit < 0) {
				fprintf(stderr, PROG ": bad limit '%s'\n", optarg);
				return EXIT_USAGE;
			}
			break;
		}
		case OPT_RAW: *raw = true; break;
		default:
			status = common_option(c, search_usage, search_formats, fmt, dbpath);
			if (status != OPTIONS_OK)
				return status;
			break;
		}
	}
	/* the dates are only compared with stored values: checked here */
	const char *dates[] = { q->from, q->to };
	for (int i = 0; i < 2; i++) {
		pdx_date d;
		if (dates[i] && timeline_date_parse(dates[i], &d) != PDX_OK) {
			fprintf(stderr, PROG ": bad date '%s' (YYYY-MM-DD)\n", dates[i]);
			return EXIT_USAGE;
		}
	}
	return OPTIONS_OK;
}

int cmd_search(const char *dbpath, int argc, char **argv)
{
	pdx_search q = { .limit = 20 };
	pdx_format fmt = FMT_TEXT;
	agency_opt ag = { 0 };
	bool raw = false;
	char *match = NULL, *query = NULL;
	pdx_db *db = NULL;
	pdx_hits hits = { 0 };
	char err[512] = "";

	int status = search_options(argc, argv, &q, &ag, &fmt, &raw, &dbpath);
	if (status != OPTIONS_OK)
		return status;
	query = join_terms(argv + optind, argc - optind);
	match = raw ? pdx_strdup(query) : quote_terms(argv + optind, argc - optind);
	status = EXIT_RUNTIME;
	if (!(db = open_db(dbpath)))
		goto out;
	status = EXIT_USAGE;
	if (agency_opt_resolve(&ag, db, q.agencies, &q.nagencies))
		goto out;
	q.match = match;
	int rc = db_search(db, &q, &hits, err, sizeof err);
	if (rc == PDX_EFORMAT) {
		fprintf(stderr, PROG ": bad query '%s': %s\n", query ? query : "", err);
		goto out;
	}
	status = EXIT_RUNTIME;
	if (rc) {
		fprintf(stderr, PROG ": search failed: %s\n", err);
		goto out;
	}
	if (print_hits(db, &hits, fmt, query, match != NULL)) {
		fprintf(stderr, PROG ": out of memory\n");
		goto out;
	}
	status = hits.n ? EXIT_RESULTS : EXIT_NONE;
out:
	hits_free(&hits);
	agency_opt_clear(&ag);
	db_close(db);
	free(match);
	free(query);
	return status;
}
