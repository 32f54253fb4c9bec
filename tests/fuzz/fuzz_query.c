/* fuzz_query.c - db_search with a fuzzed --raw MATCH string over a small
 * in-memory index of two corpus files. FTS5 syntax errors are expected
 * (PDX_EFORMAT); crashes and other failures are not. */
#include <stdio.h>

#include "fuzz_common.h"
#include "polidex/agencies.h"
#include "polidex/db.h"
#include "polidex/pipeline.h"
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
	if (db_open(&db, ":memory:", DB_CREATE, err, sizeof err) ||
	    gazetteer_load_builtin(&g, err, sizeof err)) {
		fprintf(stderr, "setup: %s\n", err);
		abort();
	}
	if (db_begin(db) || db_store_gazetteer(db, g))
		abort();
	for (int i = 0; seed_files[i]; i++) {
		pdx_parsed p;
		if (pipeline_file(g, seed_files[i], &p, err, sizeof err)) {
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
		pipeline_free(&p);
	}
	if (db_commit(db))
		abort();
	gazetteer_free(g);
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
	pdx_hits hits = { 0 };
	char err[512];
	int rc = db_search(db, &q, &hits, err, sizeof err);
	hits_free(&hits);
	/* with the filters, too: every bound value path */
	q.kind = "paragraph";
	q.from = "2025-01-01";
	q.to = "2026-12-31";
	q.agencies[0] = "doc";
	q.nagencies = 1;
	db_search(db, &q, &hits, err, sizeof err);
	hits_free(&hits);
	free(s);
	(void)rc;
	return 0;
}
