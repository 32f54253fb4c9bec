/* postpass.h - the indexer's post-pass over every record, after the files
 * are stored (postpass.c runs its steps in one transaction): the words'
 * document frequencies, the placement of the records the plan's
 * structure does not place and their links to the plan, the ranked lists,
 * the deferred indexes of a bulk build, the stored summaries. */
#ifndef POLIDEX_POSTPASS_H
#define POLIDEX_POSTPASS_H

#include <stdbool.h>
#include <stddef.h>

#include "polidex/db.h"
#include "polidex/db_write.h"
#include "polidex/util.h"

enum {
	/* also score the records placed by structure as if they had no
	 * pillar (each left out of the plan model) and count agreement */
	POSTPASS_EVALUATE = 1,
	/* a bulk build (db.h, DB_BULK): the indexes are built once the
	 * records are placed and linked, before the summaries */
	POSTPASS_BULK = 2,
	/* the analysts' statuses changed: the tracker runs whole */
	POSTPASS_RETRACK = 4,
};

/* The post-pass's phases, as pdx_postpass_stats times them. */
enum {
	POSTPASS_T_WORKS,	/* works and renditions */
	POSTPASS_T_DF,		/* pass 1: document frequencies */
	POSTPASS_T_PLAN,	/* pass 2: the plan's model */
	POSTPASS_T_PLACE,	/* pass 3: placing and linking every record */
	POSTPASS_T_RANKED,	/* storing the ranked lists */
	POSTPASS_T_INDEXES,	/* POSTPASS_BULK: the indexes */
	POSTPASS_T_TRACK,	/* the tracker: requirements and evidence */
	POSTPASS_T_SUMMARY,	/* the stored summaries */
	POSTPASS_T_COMMIT,
	POSTPASS_T_N
};

typedef struct {
	long records;		/* records seen */
	long plan_sections;	/* sections of the plan model */
	long structure;		/* placed by structure */
	long inferred;		/* placed by content (smoothed included) */
	long smoothed;		/* of those, by their document's pillar */
	long links;		/* links to plan sections and actions */
	long evaluated, agreed;	/* POSTPASS_EVALUATE: structure records, and
				 * how many inference placed the same */
	double seconds[POSTPASS_T_N];	/* wall time of each phase */
	/* on what changed (postpass_inc.c), or whole and why */
	bool incremental;
	long long gone, added;	/* records deleted and added since the last */
	char why[160];		/* a whole pass: the reason */
	char track_why[160];	/* on what changed, a tracking step that was not:
				 * "whole: why", or "on what changed, with
				 * every document read: why" */
} pdx_postpass_stats;

/* Words in at least PDX_RANKED_DF_MIN records get a ranked list of at
 * least PDX_RANKED_K records, the most frequent longer ones; all the
 * lists hold at most PDX_RANKED_BUDGET records together (12 bytes each
 * while the indexer builds them), whatever the size of the collection. */
#define PDX_RANKED_DF_MIN 1000
#define PDX_RANKED_K 256
#define PDX_RANKED_BUDGET 2000000

/* How many records a word must be in to get a ranked list, how many
 * records a list holds at least, and all lists together at most (the
 * indexer's defaults are PDX_RANKED_DF_MIN, PDX_RANKED_K and
 * PDX_RANKED_BUDGET). */
typedef struct {
	long df_min;
	int k;
	long budget;
} pdx_ranked_params;

/* Pass 1 of the post-pass (document frequencies) done as the records
 * are stored, when they are all the database will hold (the indexer's
 * bulk build): a parse thread appends each record's words to a buffer
 * with pillar_words (a context per thread, from the connection's FTS5
 * API), and the main thread adds each stored file's buffer, in the order
 * of the records' ids, with pillar_df_add (postpass_df.c). */
typedef struct pdx_df pdx_df;
typedef struct pdx_words_ctx pdx_words_ctx;
pdx_words_ctx *pillar_words_ctx(fts5_api *api);	/* NULL: no memory or tokenizer */
void pillar_words_ctx_free(pdx_words_ctx *c);
int pillar_words(pdx_words_ctx *c, const char *text, const char *section, pdx_buf *out);
pdx_df *pillar_df_new(void);
int pillar_df_add(pdx_df *d, const char *words, size_t len);
void pillar_df_free(pdx_df *d);

/* The post-pass, after all files are indexed, in one transaction: count
 * the document frequencies; place every record without a pillar by
 * structure (postpass_place.c says how) and store its links, forgetting
 * the earlier ones; rebuild the ranked lists (rp says which and how
 * long) in the same pass over the records; POSTPASS_BULK: build the
 * deferred indexes; refresh the stored summaries.
 * df: the document frequencies of every record in the database, counted
 * ahead (its vocabulary is taken), or NULL to count them here.
 * st: what the pass did and the time of each phase.
 * Returns PDX_OK, or PDX_ERR/PDX_ENOMEM with a message in err. */
int postpass_run(pdx_db *db, unsigned flags, const pdx_ranked_params *rp, pdx_df *df,
		 pdx_postpass_stats *st, char *err, size_t errlen);

#endif
