/* test_timeline_gold.c - score the timeline extractor against the hand
 * annotations in tests/fixtures/gold/timeline.dev.jsonl.
 *
 * Records are built here without the rest of the pipeline: each corpus
 * document is cut into paragraphs on blank lines (the clippings file into
 * one record per line, with one document context per article). The
 * scoring itself (gold_score) only sees documents and their records, so
 * it can be fed by the real pipeline later. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "polidex/doc.h"
#include "polidex/record.h"
#include "tag_timeline.h"
#include "polidex/util.h"
#include "pipeline.h"

#define GOLD "tests/fixtures/gold/timeline.dev.jsonl"

typedef struct {
	pdx_doc *doc;		/* path and part identify it */
	pdx_records recs;
} gdoc;

typedef struct {
	gdoc *v;
	size_t n, cap;
} gdocs;

/* ---- building records ---------------------------------------------------- */

/* Replace every match of pattern in *s with repl (PCRE2 substitution). */
static void subst(char **s, const char *pattern, const char *repl)
{
	int err;
	PCRE2_SIZE eoff;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | PCRE2_DOTALL | PCRE2_CASELESS, &err, &eoff, NULL);
	if (!re)
		return;
	size_t len = strlen(*s), outlen = len * 2 + 64;
	char *out = malloc(outlen);
	if (out) {
		PCRE2_SIZE ol = outlen;
		int rc = pcre2_substitute(re, (PCRE2_SPTR)*s, len, 0, PCRE2_SUBSTITUTE_GLOBAL, NULL, NULL,
					  (PCRE2_SPTR)repl, PCRE2_ZERO_TERMINATED, (PCRE2_UCHAR *)out, &ol);
		if (rc >= 0) {
			free(*s);
			*s = out;
		} else {
			free(out);
		}
	}
	pcre2_code_free(re);
}

static gdoc *gdocs_add(gdocs *l, const char *path, int part, const char *kind,
		       const char *lang, const char *published)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = realloc(l->v, l->cap * sizeof *l->v);
	}
	gdoc *g = &l->v[l->n++];
	memset(g, 0, sizeof *g);
	g->doc = doc_new(path);
	g->doc->part = part;
	doc_set(&g->doc->kind, kind);
	doc_set(&g->doc->lang, lang);
	doc_set(&g->doc->published, published);
	return g;
}

static void add_record(gdoc *g, const char *s, size_t n)
{
	char *text = pdx_strndup(s, n);
	pdx_squeeze_space(text);
	if (!*text) {
		free(text);
		return;
	}
	pdx_record *r = records_add(&g->recs);
	r->text = text;
	r->lang = pdx_strdup(pdx_cjk_ratio(text) > 0.3 ? "zh" : "en");
}

/* One record per paragraph: split on lines holding only white space. */
static void add_paragraphs(gdoc *g, const char *text)
{
	const char *p = text, *start = text;
	while (*p) {
		const char *eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		bool blank = true;
		for (const char *q = p; q < eol; q++)
			if (*q != ' ' && *q != '\t' && *q != '\r' && *q != '\f')
				blank = false;
		if (blank) {
			add_record(g, start, (size_t)(p - start));
			start = *eol ? eol + 1 : eol;
		}
		p = *eol ? eol + 1 : eol;
	}
	add_record(g, start, (size_t)(p - start));
}

static char *yaml_value(const char *fm, size_t n, const char *key)
{
	size_t kl = strlen(key);
	for (const char *p = fm; p && p < fm + n; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, kl) == 0 && p[kl] == ':') {
			const char *v = p + kl + 1;
			const char *e = strchr(v, '\n');
			char *s = pdx_strndup(v, e ? (size_t)(e - v) : strlen(v));
			subst(&s, "^\\s*'|'\\s*$", "");
			pdx_squeeze_space(s);
			return s;
		}
	}
	return NULL;
}

static const char *kind_of(const char *path)
{
	if (strstr(path, "-eo-"))
		return "executive_order";
	if (strstr(path, "proclamation-"))
		return "proclamation";
	if (strstr(path, "fact-sheet"))
		return "fact_sheet";
	if (strstr(path, "federal-register/"))
		return "notice";
	if (strstr(path, "plan/"))
		return "plan";
	return "press_release";
}

static void load_markdown(gdocs *l, const char *path, char *buf)
{
	char *body = buf, *published = NULL;
	if (strncmp(buf, "---\n", 4) == 0) {
		char *end = strstr(buf + 4, "\n---\n");
		if (end) {
			published = yaml_value(buf + 4, (size_t)(end - buf - 4), "published_time");
			body = end + 5;
		}
	}
	char *text = pdx_strdup(body);
	subst(&text, "<[^>]+>", "");
	subst(&text, "\\\\([\\\\`*_{}\\[\\]()#+.!-])", "$1");
	gdoc *g = gdocs_add(l, path, 0, kind_of(path), "en", published);
	add_paragraphs(g, text);
	free(text);
	free(published);
}

static void load_html(gdocs *l, const char *path, char *buf)
{
	char *text = pdx_strdup(buf), *published = NULL;
	const char *m = strstr(buf, "article:published_time\" content=\"");
	if (m) {
		m += strlen("article:published_time\" content=\"");
		published = pdx_strndup(m, strcspn(m, "\""));
	}
	subst(&text, "<(script|style|head)\\b.*?</\\1>", "");
	subst(&text, "<(?:p|li|div|h[1-6]|br|tr|ul|ol|header|footer|nav|section|article)\\b[^>]*>", "\n\n");
	subst(&text, "<[^>]+>", "");
	gdoc *g = gdocs_add(l, path, 0, kind_of(path), "en", published);
	add_paragraphs(g, text);
	free(text);
	free(published);
}

/* The Federal Register excerpt: its header line dates it. */
static void load_fr(gdocs *l, const char *path, char *buf)
{
	pdx_record tmp = { 0 };
	timeline_ctx ctx;
	timeline_ctx_init(&ctx, NULL, NULL);
	char *line = pdx_strndup(buf, strcspn(buf, "\n"));
	timeline_extract(line, &ctx, &tmp);
	const char *pub = tmp.ntimes ? tmp.times[0].value : NULL;
	gdoc *g = gdocs_add(l, path, 0, "notice", "en", pub);
	for (size_t i = 0; i < tmp.ntimes; i++)
		pdx_time_clear(&tmp.times[i]);
	free(tmp.times);
	free(line);
	add_paragraphs(g, buf);
}

/* The clippings file: one record per line; a change of language starts
 * the next article. */
static void load_clippings(gdocs *l, const char *path, char *buf)
{
	static const struct { const char *kind, *lang, *published; } art[] = {
		{ "news", "zh", "2025-07-23" }, { "press_release", "en", "2025-07-23" },
		{ "news", "zh", "2025-02-05" }, { "press_release", "en", "2025-02-05" } };
	int part = 0;
	bool zh = false;
	gdoc *g = NULL;
	for (char *p = buf; *p;) {
		char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		char *line = pdx_strndup(p, n);
		pdx_squeeze_space(line);
		if (*line) {
			bool lz = pdx_cjk_ratio(line) > 0;
			if (!g || lz != zh) {
				part++;
				int a = part <= 4 ? part - 1 : 3;
				g = gdocs_add(l, path, part, art[a].kind, art[a].lang, art[a].published);
				zh = lz;
			}
			add_record(g, line, strlen(line));
		}
		free(line);
		p = eol ? eol + 1 : p + n;
	}
}

static void load_corpus(gdocs *l)
{
	static const char *const dirs[] = { "corpus/whitehouse", "corpus/news", "corpus/federal-register",
		"corpus/plan", NULL };
	for (int d = 0; dirs[d]; d++) {
		DIR *dir = opendir(dirs[d]);
		if (!dir)
			continue;
		struct dirent *de;
		while ((de = readdir(dir))) {
			if (de->d_name[0] == '.')
				continue;
			char path[512];
			snprintf(path, sizeof path, "%s/%s", dirs[d], de->d_name);
			char *buf;
			size_t len;
			if (pdx_read_file(path, 16u << 20, &buf, &len) != PDX_OK)
				continue;
			size_t pl = strlen(path);
			if (pl > 3 && !strcmp(path + pl - 3, ".md"))
				load_markdown(l, path, buf);
			else if (pl > 5 && !strcmp(path + pl - 5, ".html"))
				load_html(l, path, buf);
			else if (strstr(path, "news/"))
				load_clippings(l, path, buf);
			else if (strstr(path, "federal-register/"))
				load_fr(l, path, buf);
			else {
				gdoc *g = gdocs_add(l, path, 0, kind_of(path), "en", "2025-07-23");
				add_paragraphs(g, buf);
			}
			free(buf);
		}
		closedir(dir);
	}
}

/* The documents and records the real pipeline makes of every corpus file
 * (read, segment, tag): what the index holds. */
static void load_pipeline(gdocs *l)
{
	static const char *const dirs[] = { "corpus/whitehouse", "corpus/news", "corpus/federal-register",
		"corpus/plan", NULL };
	for (int d = 0; dirs[d]; d++) {
		DIR *dir = opendir(dirs[d]);
		if (!dir)
			continue;
		struct dirent *de;
		while ((de = readdir(dir))) {
			if (de->d_name[0] == '.')
				continue;
			char path[512], err[256];
			snprintf(path, sizeof path, "%s/%s", dirs[d], de->d_name);
			pdx_parsed p;
			if (pipeline_file(NULL, path, &p, err, sizeof err) == PDX_OK) {
				for (size_t i = 0; i < p.docs.n; i++) {
					if (l->n == l->cap) {
						l->cap = l->cap ? l->cap * 2 : 16;
						l->v = realloc(l->v, l->cap * sizeof *l->v);
					}
					/* move the document and its records out */
					l->v[l->n].doc = p.docs.docs[i];
					l->v[l->n++].recs = p.recs[i];
					p.recs[i] = (pdx_records){ 0 };
				}
				p.docs.n = 0;
			}
			pipeline_clear(&p);
		}
		closedir(dir);
	}
}

static void free_gdocs(gdocs *docs)
{
	for (size_t i = 0; i < docs->n; i++) {
		records_clear(&docs->v[i].recs);
		doc_free(docs->v[i].doc);
	}
	free(docs->v);
}

/* ---- scoring ------------------------------------------------------------------ */

typedef struct {
	int n, found, right, false_deadlines;
} gold_score_t;

static char *squeezed(const char *s)
{
	char *c = pdx_strdup(s ? s : "");
	pdx_squeeze_space(c);
	return c;
}

/* 2: same text; 1: one contains the other; 0: no match. */
static int expr_match(const char *mine, const char *gold)
{
	char *a = squeezed(mine), *b = squeezed(gold);
	int r = !*a || !*b ? 0 : !strcmp(a, b) ? 2 : (strstr(a, b) || strstr(b, a)) ? 1 : 0;
	free(a);
	free(b);
	return r;
}

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static const char *jstr(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Gold article number from its section ("Article 3 (zh: ...)"), else 0. */
static int gold_part(const cJSON *o)
{
	const char *sec = jstr(o, "section");
	return sec && !strncmp(sec, "Article ", 8) ? atoi(sec + 8) : 0;
}

/* Score docs against the gold lines: each gold expression is matched to an
 * unused extracted entry of its document (exact text first, then
 * containment, preferring the same kind). */
static gold_score_t gold_score(gdocs *docs, cJSON **gold, size_t ngold)
{
	gold_score_t sc = { 0 };
	size_t total = 0;
	for (size_t i = 0; i < docs->n; i++)
		for (size_t k = 0; k < docs->v[i].recs.n; k++)
			total += docs->v[i].recs.v[k].ntimes;
	bool *used = calloc(total + 1, 1);
	const pdx_time **match = calloc(ngold + 1, sizeof *match);

	for (int pass = 0; pass < 3; pass++) {
		for (size_t gi = 0; gi < ngold; gi++) {
			if (match[gi])
				continue;
			const char *gpath = jstr(gold[gi], "doc"), *gtext = jstr(gold[gi], "text");
			const char *gkind = jstr(gold[gi], "kind");
			int gpart = gold_part(gold[gi]);
			size_t idx = 0;	/* position of the entry over all documents */
			for (size_t i = 0; i < docs->n && !match[gi]; i++) {
				gdoc *g = &docs->v[i];
				bool same = gpath && !strcmp(g->doc->path, gpath) &&
					    (gpart == 0 || g->doc->part == gpart);
				for (size_t k = 0; k < g->recs.n && !match[gi]; k++) {
					pdx_record *r = &g->recs.v[k];
					for (size_t t = 0; t < r->ntimes; t++, idx++) {
						if (!same || used[idx])
							continue;
						int m = expr_match(r->times[t].expr, gtext);
						bool ok = pass == 0 ? m == 2
							: pass == 1 ? m == 1 && str_eq(time_kind_name(r->times[t].kind), gkind)
							: m == 1;
						if (ok) {
							used[idx] = true;
							match[gi] = &r->times[t];
							break;
						}
					}
				}
			}
		}
	}

	for (size_t gi = 0; gi < ngold; gi++) {
		const char *gtext = jstr(gold[gi], "text"), *gkind = jstr(gold[gi], "kind");
		const char *want = jstr(gold[gi], "resolved_value");
		if (!want)
			want = jstr(gold[gi], "value");
		const char *doc = strrchr(jstr(gold[gi], "doc"), '/');
		char *gt = squeezed(gtext);
		sc.n++;
		if (!match[gi]) {
			printf("# miss %s: \"%s\" (%s %s)\n", doc ? doc + 1 : "?", gt, gkind, want ? want : "null");
		} else {
			sc.found++;
			if (str_eq(time_kind_name(match[gi]->kind), gkind) && str_eq(match[gi]->value, want))
				sc.right++;
			else
				printf("# wrong %s: \"%s\": got %s %s, want %s %s\n", doc ? doc + 1 : "?", gt,
				       time_kind_name(match[gi]->kind), match[gi]->value ? match[gi]->value : "null", gkind,
				       want ? want : "null");
		}
		free(gt);
	}

	/* a deadline the gold does not have is a false deadline */
	for (size_t i = 0; i < docs->n; i++) {
		gdoc *g = &docs->v[i];
		for (size_t k = 0; k < g->recs.n; k++) {
			pdx_record *r = &g->recs.v[k];
			for (size_t t = 0; t < r->ntimes; t++) {
				if (r->times[t].kind != PDX_TIME_DEADLINE)
					continue;
				bool ok = false;
				for (size_t gi = 0; gi < ngold && !ok; gi++) {
					const char *gk = jstr(gold[gi], "kind"), *gp = jstr(gold[gi], "doc");
					int part = gold_part(gold[gi]);
					ok = gk && !strcmp(gk, "deadline") && gp && !strcmp(gp, g->doc->path) &&
					     (part == 0 || part == g->doc->part) &&
					     expr_match(r->times[t].expr, jstr(gold[gi], "text"));
				}
				if (!ok) {
					sc.false_deadlines++;
					printf("# false deadline %s: \"%s\"\n", g->doc->path, r->times[t].expr);
				}
			}
		}
	}
	free(used);
	free(match);
	return sc;
}

int main(void)
{
	char *buf;
	size_t len;
	if (pdx_read_file(GOLD, 1u << 24, &buf, &len) != PDX_OK) {
		T_OK(0, "read %s", GOLD);
		return t_done();
	}
	cJSON **gold = NULL;
	size_t ngold = 0, cap = 0;
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		cJSON *o = cJSON_Parse(line);
		if (!o)
			continue;
		if (ngold == cap) {
			cap = cap ? cap * 2 : 128;
			gold = realloc(gold, cap * sizeof *gold);
		}
		gold[ngold++] = o;
	}
	T_OK(ngold > 100, "gold has %zu lines", ngold);

	gdocs docs = { 0 };
	load_corpus(&docs);
	T_OK(docs.n >= 14, "corpus gives %zu documents", docs.n);
	for (size_t i = 0; i < docs.n; i++)
		T_INT(timeline_tag_document(docs.v[i].doc, &docs.v[i].recs), PDX_OK, "tag %s#%d",
		      docs.v[i].doc->path, docs.v[i].doc->part);

	/* POLIDEX_TIMELINE_DUMP=1 lists every entry, for tuning */
	if (getenv("POLIDEX_TIMELINE_DUMP"))
		for (size_t i = 0; i < docs.n; i++)
			for (size_t k = 0; k < docs.v[i].recs.n; k++)
				for (size_t t = 0; t < docs.v[i].recs.v[k].ntimes; t++) {
					const pdx_time *tm = &docs.v[i].recs.v[k].times[t];
					printf("# entry %s#%d: %s \"%s\" %s %s", strrchr(docs.v[i].doc->path, '/') + 1,
					       docs.v[i].doc->part, time_kind_name(tm->kind), tm->expr, tm->value ? tm->value : "null",
					       tm->precision);
					if (tm->has_offset_days)
						printf(" +%dd", tm->offset_days);
					if (tm->has_offset_months)
						printf(" +%dm", tm->offset_months);
					printf(" [%s]\n", tm->anchor ? tm->anchor : "");
				}
	gold_score_t sc = gold_score(&docs, gold, ngold);
	printf("# timeline gold (extractor alone): found %d/%d expressions (%.1f%%), values right %d/%d (%.1f%%), false deadlines %d\n",
	       sc.found, sc.n, sc.n ? 100.0 * sc.found / sc.n : 0.0, sc.right, sc.found,
	       sc.found ? 100.0 * sc.right / sc.found : 0.0, sc.false_deadlines);
	free_gdocs(&docs);

	/* what counts: the records the indexer itself stores */
	gdocs real = { 0 };
	load_pipeline(&real);
	T_OK(real.n >= 14, "the pipeline gives %zu documents", real.n);
	sc = gold_score(&real, gold, ngold);
	printf("# timeline gold: found %d/%d expressions (%.1f%%), values right %d/%d (%.1f%%), false deadlines %d\n",
	       sc.found, sc.n, sc.n ? 100.0 * sc.found / sc.n : 0.0, sc.right, sc.found,
	       sc.found ? 100.0 * sc.right / sc.found : 0.0, sc.false_deadlines);
	T_OK(sc.found * 100 >= sc.n * 95, "found >= 95%%");
	T_OK(sc.right * 100 >= sc.found * 95, "values right >= 95%%");
	T_INT(sc.false_deadlines, 0, "no false deadline");
	free_gdocs(&real);

	for (size_t i = 0; i < ngold; i++)
		cJSON_Delete(gold[i]);
	free(gold);
	free(buf);
	timeline_cleanup();
	return t_done();
}
