/* search.c - the search subcommand: full-text search with filters. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "polidex/date.h"
#include "polidex/text.h"
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
	"      --bom           CSV starts with a UTF-8 byte-order mark (spreadsheets)\n"
	"      --raw           TERMs are an FTS5 query, not quoted words\n"
	"  -d, --db DB         database file\n";

/* The document types --type takes (types, subtypes and kinds). */
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
	BOM_OPTION,
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

/* Limits on a search's words: ranking costs grow with the number of
 * terms and phrases; more than this many is refused (exit 2). */
#define MAX_TERMS 64
#define MAX_WORDS 256

/* The words of s as the index sees them, roughly: each run of ASCII
 * letters and digits or other non-CJK characters, and each CJK
 * character. */
static size_t count_words(const char *s)
{
	size_t n = 0, len = strlen(s);
	bool in = false;
	for (size_t i = 0; i < len;) {
		int adv;
		uint32_t cp = pdx_utf8_decode(s + i, len - i, &adv);
		if (adv < 1)
			adv = 1;
		bool cjk = pdx_is_cjk(cp);
		bool word = cp >= 0x80 ? !cjk : (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
		if (cjk)
			n++;
		else if (word && !in)
			n++;
		in = word;
		i += (size_t)adv;
	}
	return n;
}

/* ASCII case-insensitive equality (the index folds case). */
static bool same_term(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;
		if (x >= 'A' && x <= 'Z')
			x = (char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (char)(y + 32);
		if (x != y)
			return false;
	}
	return *a == *b;
}

/* Drop empty and repeated TERMs in place (the first of each stays);
 * returns how many are left. */
static int dedup_terms(char **terms, int n)
{
	int k = 0;
	for (int i = 0; i < n; i++) {
		bool dup = !*terms[i];
		for (int j = 0; j < k && !dup; j++)
			dup = same_term(terms[j], terms[i]);
		if (!dup)
			terms[k++] = terms[i];
	}
	return k;
}

/* The terms and phrases of a raw FTS5 query: each quoted string and
 * each bare word that is not an operator. */
static size_t count_raw_terms(const char *q)
{
	size_t n = 0;
	for (const char *p = q; *p;) {
		if (*p == '"') {
			n++;
			for (p++; *p && !(*p == '"' && p[1] != '"'); p += *p == '"' ? 2 : 1)
				;
			if (*p)
				p++;
		} else if (*p == ' ' || *p == '\t' || *p == '(' || *p == ')' || *p == '+' || *p == '*' ||
			   *p == '^' || *p == ',' || *p == ':') {
			p++;
		} else {
			const char *w = p;
			while (*p && !strchr(" \t()\"+*^,:", *p))
				p++;
			size_t l = (size_t)(p - w);
			if (!((l == 3 && (!strncmp(w, "AND", 3) || !strncmp(w, "NOT", 3))) ||
			      (l == 2 && !strncmp(w, "OR", 2)) || (l == 4 && !strncmp(w, "NEAR", 4))))
				n++;
		}
	}
	return n;
}

/* Refuse a query over the limits, saying so; false when within them. */
static bool too_many(size_t terms, size_t words)
{
	if (terms > MAX_TERMS) {
		fprintf(stderr, PROG ": too many search terms or phrases (%zu after removing repeats;"
			" at most %d)\n", terms, MAX_TERMS);
		return true;
	}
	if (words > MAX_WORDS) {
		fprintf(stderr, PROG ": too many words in the query (%zu; at most %d)\n", words, MAX_WORDS);
		return true;
	}
	return false;
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
	if (h->page > 0)
		printf(":p%d\n", h->page);
	else
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
	csv_begin(stdout);
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

/* --doc NAME as a stored path: the path itself, a path NAME ends in
 * ("/home/me/proj/corpus/x.md" for the stored "corpus/x.md": the file as
 * the user spells it), or the one path ending in "/NAME" (the file name,
 * or its last directories); prints the error
 * (unknown with the nearest path, or ambiguous with the candidates) and
 * returns -1. *out points into docs (or is name). */
static int resolve_doc(pdx_db *db, const char *name, const char **out, pdx_doc_row **docs,
		       size_t *ndocs)
{
	if (db_documents(db, docs, ndocs) != PDX_OK) {
		fprintf(stderr, PROG ": cannot read the documents: %s\n", db_errmsg(db));
		return -1;
	}
	size_t nl = strlen(name), found = 0;
	const char *hit = NULL, *other = NULL;
	for (size_t i = 0; i < *ndocs; i++) {
		const char *p = (*docs)[i].path;
		if (strcmp(p, name) == 0) {
			*out = p;
			return 0;
		}
		size_t pl = strlen(p);
		if (pl && nl > pl && name[nl - pl - 1] == '/' && strcmp(name + nl - pl, p) == 0) {
			*out = p;
			return 0;
		}
		if (nl && pl > nl && p[pl - nl - 1] == '/' && strcmp(p + pl - nl, name) == 0 &&
		    (!hit || strcmp(hit, p) != 0)) {
			if (hit)
				other = p;
			hit = p;
			found++;
		}
	}
	if (found == 1) {
		*out = hit;
		return 0;
	}
	if (found > 1) {
		fprintf(stderr, PROG ": ambiguous document '%s': %s, %s%s (give more of the path)\n",
			name, other, hit, found > 2 ? ", ..." : "");
		return -1;
	}
	/* the nearest file name: one holding what was typed (its extension
	 * aside), else the fewest edits away */
	const char *slash = strrchr(name, '/'), *near = NULL;
	const char *typed = slash ? slash + 1 : name;
	size_t tl = strlen(typed);
	const char *dot = strrchr(typed, '.');
	size_t stem = dot && dot > typed ? (size_t)(dot - typed) : tl;
	size_t best = tl / 2 + 1;
	for (size_t i = 0; i < *ndocs; i++) {
		const char *p = (*docs)[i].path, *base = strrchr(p, '/');
		base = base ? base + 1 : p;
		size_t d = pdx_edit_distance(typed, base, best);
		if (stem >= 4) {
			for (const char *b = base; *b; b++)
				if (strncmp(b, typed, stem) == 0) {
					d = 0;
					break;
				}
		}
		if (d < best || (!near && d == best)) {
			best = d;
			near = p;
		}
	}
	fprintf(stderr, PROG ": no document '%s' indexed", name);
	if (near)
		fprintf(stderr, "; did you mean '%s'?", near);
	fprintf(stderr, " (" PROG " docs lists them)\n");
	return -1;
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
	const char *role_given = NULL, **role = &role_given, *limit_given = NULL;
	optind = 0;
	while ((c = getopt_long(argc, argv, "a:k:p:l:n:f:d:h", search_opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			if (agency_opt_add(ag, optarg))
				return EXIT_USAGE;
			break;
		case OPT_EXACT: q->exact_agency = true; break;
		case OPT_ROLE: {
			static const char *const roles[] = { "lead", "support", "mentioned", "any" };
			if (take_enum("role", optarg, roles, 4) < 0 ||
			    take_once(role, "--role", optarg))
				return EXIT_USAGE;
			q->role = strcmp(optarg, "any") == 0 ? NULL : optarg;
			break;
		}
		case 'k':
			if (take_enum("kind", optarg, pdx_record_kinds, pdx_nrecord_kinds) < 0 ||
			    take_once(&q->kind, "--kind", optarg))
				return EXIT_USAGE;
			break;
		case 'p': {
			int was = q->pillar;
			if (take_pillar(&q->pillar, optarg))
				return EXIT_USAGE;
			if (was && was != q->pillar) {
				fprintf(stderr, PROG ": --pillar given twice (%d, %d); give it once\n",
					was, q->pillar);
				return EXIT_USAGE;
			}
			break;
		}
		case 'l': {
			static const char *const langs[] = { "en", "zh" };
			if (take_enum("language", optarg, langs, 2) < 0 ||
			    take_once(&q->lang, "--lang", optarg))
				return EXIT_USAGE;
			break;
		}
		case OPT_DOC:
			if (take_once(&q->doc, "--doc", optarg))
				return EXIT_USAGE;
			break;
		case OPT_FROM:
			if (take_once(&q->from, "--from", optarg))
				return EXIT_USAGE;
			break;
		case OPT_TO:
			if (take_once(&q->to, "--to", optarg))
				return EXIT_USAGE;
			break;
		case OPT_TYPE: {
			static const char *const types[] = { "rule", "proposed_rule", "notice",
				"presidential_document", "executive_order", "proclamation", "memorandum",
				"plan", "fact_sheet", "press_release", "news", "guidance", "other" };
			if (take_enum("document type", optarg, types, sizeof types / sizeof *types) < 0 ||
			    take_once(&q->type, "--type", optarg))
				return EXIT_USAGE;
			break;
		}
		case OPT_FR:
			if (!fr_number_ok(optarg)) {
				fprintf(stderr, PROG ": bad Federal Register number '%s' (a document number"
					" such as 2025-19674, or a citation such as '90 FR 46422')\n", optarg);
				return EXIT_USAGE;
			}
			if (take_once(&q->fr, "--fr", optarg))
				return EXIT_USAGE;
			break;
		case OPT_EO:
			if (!optarg[0] || optarg[strspn(optarg, "0123456789")]) {
				fprintf(stderr, PROG ": bad order number '%s' (digits, such as 14320)\n", optarg);
				return EXIT_USAGE;
			}
			if (take_once(&q->eo, "--eo", optarg))
				return EXIT_USAGE;
			break;
		case 'n': {
			char *end;
			if (take_once(&limit_given, "--limit", optarg))
				return EXIT_USAGE;
			q->limit = strtol(optarg, &end, 10);
			if (!*optarg || *end || q->limit < 0) {
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
	if (bom_check(*fmt))
		return EXIT_USAGE;
	const char *dates[] = { q->from, q->to };
	for (int i = 0; i < 2; i++)
		if (dates[i] && take_date(dates[i], NULL))
			return EXIT_USAGE;
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
	pdx_doc_row *docs = NULL;
	size_t ndocs = 0;
	char err[512] = "";

	int status = search_options(argc, argv, &q, &ag, &fmt, &raw, &dbpath);
	if (status != OPTIONS_OK)
		return status;
	fit_terminal(fmt, false);
	int nterms = argc - optind;
	if (!raw)
		nterms = dedup_terms(argv + optind, nterms);
	query = join_terms(argv + optind, nterms);
	if (query && too_many(raw ? count_raw_terms(query) : (size_t)nterms, count_words(query))) {
		status = EXIT_USAGE;
		goto out;
	}
	match = raw ? pdx_strdup(query) : quote_terms(argv + optind, nterms);
	status = EXIT_RUNTIME;
	if (!(db = open_db(dbpath)))
		goto out;
	status = EXIT_USAGE;
	if (agency_opt_resolve(&ag, db, q.agencies, &q.nagencies))
		goto out;
	if (q.doc && resolve_doc(db, q.doc, &q.doc, &docs, &ndocs))
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
	db_hits_clear(&hits);
	db_documents_free(docs, ndocs);
	agency_opt_clear(&ag);
	db_close(db);
	free(match);
	free(query);
	return status;
}
