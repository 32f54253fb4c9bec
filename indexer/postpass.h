/* postpass.h - the indexer's post-pass over every record, after the files
 * are stored: placement of the records the plan's structure does not
 * place, and their links to the plan; the ranked lists; the deferred
 * indexes of a first run; the stored summaries. */
#ifndef POLIDEX_POSTPASS_H
#define POLIDEX_POSTPASS_H

#include <stdbool.h>
#include <stddef.h>

#include "polidex/db.h"
#include "polidex/pillar.h"
#include "polidex/util.h"

enum {
	/* also score the records placed by structure as if they had no
	 * pillar (each left out of the plan model) and count agreement */
	PILLAR_EVALUATE = 1,
	/* a bulk build (db.h, DB_BULK): the indexes are built once the
	 * records are placed and linked, before the summaries */
	PILLAR_BULK = 2,
};

/* The post-pass's phases, as pdx_pillar_stats times them. */
enum {
	PILLAR_T_DF,		/* pass 1: document frequencies */
	PILLAR_T_PLAN,		/* pass 2: the plan's model */
	PILLAR_T_PLACE,		/* pass 3: placing and linking every record */
	PILLAR_T_IMPACT,	/* storing the impact lists */
	PILLAR_T_INDEXES,	/* PILLAR_BULK: the indexes */
	PILLAR_T_SUMMARY,	/* the stored summaries */
	PILLAR_T_COMMIT,
	PILLAR_T_N
};

typedef struct {
	long records;		/* records seen */
	long plan_sections;	/* sections of the plan model */
	long structure;		/* placed by structure */
	long inferred;		/* placed by content (smoothed included) */
	long smoothed;		/* of those, by their document's pillar */
	long links;		/* links to plan sections and actions */
	long evaluated, agreed;	/* PILLAR_EVALUATE: structure records, and
				 * how many inference placed the same */
	double seconds[PILLAR_T_N];	/* wall time of each phase */
} pdx_pillar_stats;

/* How many records a word must be in to get an impact list, how many
 * records a list holds at least, and all lists together at most
 * (impact.h; the indexer's defaults are PDX_IMPACT_DF_MIN, PDX_IMPACT_K
 * and PDX_IMPACT_BUDGET). */
typedef struct {
	long df_min;
	int k;
	long budget;
} pdx_impact_params;

/* Pass 1 of the post-pass (document frequencies) done as the records
 * are stored, when they are all the database will hold (the indexer's
 * bulk build): a parse thread appends each record's words to a buffer
 * with pillar_words (a context per thread, from the connection's FTS5
 * API), and the main thread adds each stored file's buffer, in the order
 * of the records' ids, with pillar_df_add. */
typedef struct pdx_df pdx_df;
typedef struct pdx_words_ctx pdx_words_ctx;
pdx_words_ctx *pillar_words_ctx(fts5_api *api);	/* NULL: no memory or tokenizer */
void pillar_words_ctx_free(pdx_words_ctx *c);
int pillar_words(pdx_words_ctx *c, const char *text, const char *section, pdx_buf *out);
pdx_df *pillar_df_new(void);
int pillar_df_add(pdx_df *d, const char *words, size_t len);
void pillar_df_free(pdx_df *d);

/* The post-pass, after all files are indexed: forget earlier inferred
 * pillars and links, then place every record without a pillar by
 * structure (see pillar.c for how) and store the links; the same pass
 * over the records rebuilds the impact lists; all in one transaction.
 * df: the document frequencies of every record in the database, counted
 * ahead (its vocabulary is taken), or NULL to count them here.
 * Returns PDX_OK, or PDX_ERR/PDX_ENOMEM with a message in err. */
int pillar_infer(pdx_db *db, unsigned flags, const pdx_impact_params *ip, pdx_df *df,
		 pdx_pillar_stats *st, char *err, size_t errlen);

#endif
