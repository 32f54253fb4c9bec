/* ranked.h - the ranked lists: for every frequent word, the records that
 * rank best for it in bm25, stored so that a search can stop early. The
 * indexer's post-pass builds them (indexer/postpass_ranked.c), stores
 * them through db_ranked_* (lib/db_write_ranked.c), and a search reads them
 * (lib/db_search_ranked.c). What the two sides share: where they are stored, the
 * columns of the full-text index and their weights, bm25's per-word part
 * and the layout of a stored list. */
#ifndef POLIDEX_RANKED_H
#define POLIDEX_RANKED_H

#include <stddef.h>
#include <stdint.h>

#include "polidex/db.h"

/* The table of the lists and the meta key that says they describe the
 * index (its value: the index's rows and tokens, "ROWS TOKENS"). Every
 * change of a document deletes the meta key in its transaction. */
#define RANKED_TABLE "ranked_lists"
#define RANKED_META "ranked_lists"

/* the columns of actions_fts, in order, and the weight bm25 gives each
 * (BM25_WEIGHTS_SQL in lib/db_int.h says the same) */
enum { FTS_TEXT, FTS_SECTION, FTS_AGENCY_NAMES, FTS_NCOL };
extern const double ranked_weight[FTS_NCOL];

/* bm25's part for one word of weighted count F in a record of D tokens,
 * without the idf, as fts5_aux.c computes it: it does not depend on the
 * query, so the lists can be ranked by it ahead of time. */
static inline double ranked_bm25_tf(double F, double D, double avgdl)
{
	const double k1 = 1.2;
	const double b = 0.75;
	return (F * (k1 + 1.0)) / (F + k1 * (1 - b + b * D / avgdl));
}

/* A stored list (the blob of its row, little-endian): a 32-bit count n,
 * n pairs (F, D, lowest id; 32 bits each) that bound the records left
 * out, then the records listed (id 32 bits, F 16, D 16), in no order. */
#define RANKED_SKY_MAX 16	/* at most that many pairs */
#define RANKED_PAIR_BYTES 12
#define RANKED_ENTRY_BYTES 8

static inline void ranked_put_u32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static inline void ranked_put_u16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static inline uint32_t ranked_get_u16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static inline uint32_t ranked_get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* Storing the lists (lib/db_write_ranked.c), inside the caller's transaction:
 * db_ranked_open deletes the stored lists and returns a writer in *w;
 * db_ranked_add stores one list (blob stays the caller's);
 * db_ranked_close frees the writer (NULL: nothing); db_ranked_stamp sets
 * the meta key once every list is stored. Each returns PDX_OK, or
 * PDX_ERR (db_errmsg says why) or PDX_ENOMEM. */
typedef struct pdx_ranked_writer pdx_ranked_writer;
int db_ranked_open(pdx_db *db, pdx_ranked_writer **w);
int db_ranked_add(pdx_ranked_writer *w, const char *term, int64_t df,
		  const unsigned char *blob, size_t len);
void db_ranked_close(pdx_ranked_writer *w);
int db_ranked_stamp(pdx_db *db, int64_t nrow, int64_t ntok);

#endif
