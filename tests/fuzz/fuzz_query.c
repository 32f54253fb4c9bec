/* fuzz_query.c - db_search with a fuzzed --raw MATCH string over a small
 * in-memory index of two corpus files, with short impact lists. FTS5
 * syntax errors are expected (PDX_EFORMAT); crashes and other failures
 * are not, nor a search whose results differ from ranking every match. */
#include <stdio.h>

#include "fuzz_common.h"
#include "polidex/agencies.h"
#include "polidex/db.h"
#include "polidex/db_read.h"
#include "polidex/db_write.h"
#include "polidex/pillar.h"
#include "postpass.h"
#include "pipeline.h"
#include "polidex/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pdx_db *db;

static const char *const seed_files[] = {
	"corpus/whitehouse/2025-07-23-eo-14320-promoting-the-export-of-the-american-ai-technology-stack.md",
	"corpus/news/2025-ai-action-plan-and-h1b-clippings.zh-en.txt",
	NULL,
};

static void setup(void)
{
	char err[512];
	pdx_gazetteer *g = NULL;
	pdx_tagger *tg = NULL;
	if (db_open(&db, ":memory:", DB_CREATE, err, sizeof err) ||
	    gazetteer_load_builtin(&g, err, sizeof err)) {
		fprintf(stderr, "setup: %s\n", err);
		abort();
	}
	if (tagger_new(&tg, g) != PDX_OK)
		abort();
	if (db_begin(db) || db_store_gazetteer(db, g))
		abort();
	for (int i = 0; seed_files[i]; i++) {
		pdx_parsed p;
		if (pipeline_file(tg, seed_files[i], &p, err, sizeof err)) {
			fprintf(stderr, "%s: %s (run from the repository root)\n",
				seed_files[i], err);
			abort();
		}
		for (size_t k = 0; k < p.docs.n; k++) {
			int64_t id;
			if (db_insert_document(db, p.docs.docs[k], "0", &id) ||
			    db_insert_records(db, id, &p.recs[k], g))
				abort();
		}
		pipeline_clear(&p);
	}
	if (db_commit(db))
		abort();
	tagger_free(tg);
	gazetteer_free(g);
	/* impact lists for every word in two records, four records long */
	pdx_ranked_params ip = { 2, 4, 100000 };
	pdx_postpass_stats st;
	if (postpass_run(db, 0, &ip, NULL, &st, err, sizeof err)) {
		fprintf(stderr, "setup: %s\n", err);
		abort();
	}
}

/* q as db_search answers it, and ranking every match: the same */
static void search_both(pdx_search *q)
{
	pdx_hits a = { 0 }, b = { 0 };
	char err[512];
	q->exhaustive = false;
	int ra = db_search(db, q, &a, err, sizeof err);
	q->exhaustive = true;
	int rb = db_search(db, q, &b, err, sizeof err);
	if (ra != rb || (ra == PDX_OK && a.n != b.n))
		abort();
	for (size_t i = 0; ra == PDX_OK && i < a.n; i++)
		if (a.v[i].id != b.v[i].id || a.v[i].rank != b.v[i].rank)
			abort();
	db_hits_clear(&a);
	db_hits_clear(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db)
		setup();
	if (size > 4096)
		size = 4096;
	char *s = fuzz_cstr(data, &size);
	if (!s)
		return 0;
	pdx_search q = { 0 };
	q.match = s;
	q.limit = 20;
	search_both(&q);
	/* the input's words quoted, as polidex-query passes them: what the
	 * impact lists answer */
	pdx_buf b;
	pdx_buf_init(&b);
	for (const char *p = s; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		pdx_buf_adds(&b, b.len ? " \"" : "\"");
		for (; *p && *p != ' '; p++) {
			if (*p == '"')
				pdx_buf_addc(&b, '"');
			pdx_buf_addc(&b, *p);
		}
		pdx_buf_addc(&b, '"');
	}
	if (b.s) {
		q.match = b.s;
		search_both(&q);
		q.limit = 3;
		search_both(&q);
		q.limit = 20;
		q.match = s;
	}
	/* with the filters, too: every bound value path */
	q.kind = "paragraph";
	q.from = "2025-01-01";
	q.to = "2026-12-31";
	q.agencies[0] = "doc";
	q.nagencies = 1;
	search_both(&q);
	if (b.s) {
		q.match = b.s;
		search_both(&q);
	}
	pdx_buf_clear(&b);
	free(s);
	return 0;
}
