/* db_int.h - what db.c and impact.c share inside the library. */
#ifndef POLIDEX_DB_INT_H
#define POLIDEX_DB_INT_H

#include "polidex/db.h"
#include "polidex/ranked.h"

/* The columns of actions_fts, and the weights search gives them in
 * bm25(): a word in the text counts most, one in the section heading
 * less, one in an agency's name least. BM25_WEIGHTS_SQL and
 * ranked_weight[] must say the same. */
#define BM25_WEIGHTS_SQL "10.0, 4.0, 2.0"
extern const double ranked_weight[FTS_NCOL];

/* ranked.c: a search with terms whose best matches the ranked lists
 * give exactly. PDX_DECLINED when it cannot know them that way (then
 * db_search ranks every match). */
#define PDX_DECLINED 100
int ranked_search(pdx_db *db, const pdx_search *q, pdx_hits *hits);
/* The pdx_tf() auxiliary function of actions_fts (see impact.c). */
int ranked_register(fts5_api *api);

/* db.c, for impact.c. A statement that returns the ids of the records
 * of ?1, a JSON array of ids, that pass q's filters (q's strings must
 * outlive it; the caller finalizes it). One run for many ids: the
 * filters' sets (an agency's sub-agencies) are built once a run. */
int db_filter_stmt(pdx_db *db, const pdx_search *q, sqlite3_stmt **out);
/* The records ids[0..n) as hits, in that order, with the snippet of
 * match and rank[i] as their rank. check_sql, an expression on the
 * row of actions_fts, is computed for each and check(arg, i, value)
 * must accept it: else PDX_DECLINED. */
int db_hits_by_ids(pdx_db *db, const char *match, const int64_t *ids, const double *rank,
		   size_t n, const char *check_sql, bool (*check)(void *arg, size_t i,
		   const void *blob, int bytes), void *arg, pdx_hits *hits);

#endif
