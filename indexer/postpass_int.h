/* postpass_int.h - what the steps of the post-pass share: the vocabulary
 * with its document frequencies, the pass over every row in chunks, and
 * the steps themselves, which postpass.c calls in order. */
#ifndef POLIDEX_POSTPASS_INT_H
#define POLIDEX_POSTPASS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "polidex/containers.h"
#include "polidex/db.h"
#include "polidex/ranked.h"
#include "polidex/tokenizer.h"
#include "polidex/util.h"
#include "postpass.h"
#include "postpass_ranked.h"

/* The vocabulary (postpass_df.c) ---------------------------------------- */

#define NO_TERM UINT32_MAX

/* Every word of the records as the index tokenizes it (Porter stems, CJK
 * bigrams), with the number of records that hold it, and the weights of
 * the words of the record at hand. */
typedef struct {
	uint32_t *slot;		/* open addressing: term id + 1; 0 empty */
	size_t nslot;
	char **word;		/* id -> token */
	uint32_t *df;		/* id -> records holding it */
	double *tf;		/* id -> weight in the record at hand */
	size_t n, cap;
	uint32_t *touched;	/* ids with tf != 0 in the record at hand */
	size_t ntouched, touched_cap;
	bool frozen;		/* no new terms (scoring) */
	double unknown;		/* weight of tokens not in a frozen vocabulary */
	long raw;		/* tokens seen, as FTS5 counts a row's length */
	double weight;		/* weight of the tokens being added */
} vocab_t;

/* The id of tok[0..n), added unless the vocabulary is frozen; NO_TERM
 * when frozen and unknown, or out of memory (*rc set). */
uint32_t vocab_id(vocab_t *v, const char *tok, size_t n, int *rc);
/* Count the term id (NO_TERM: not in the vocabulary) in the record at
 * hand with v->weight; SQLITE_OK or SQLITE_NOMEM (a tokenizer's
 * callback returns it). */
int vocab_count(vocab_t *v, uint32_t id);
/* Count the words of text in the record at hand, with weight. */
int vocab_tokenize(vocab_t *v, const fts5_tokenizer *api, Fts5Tokenizer *tok,
		   const char *text, double weight);
/* Forget the record at hand. */
void vocab_reset_record(vocab_t *v);
/* Its contents. */
void vocab_clear(vocab_t *v);
/* Numbers and one-letter Latin tokens say nothing of a pillar. */
bool vocab_says_nothing(const char *tok, int ntok);

/* Pass 1's result: the vocabulary with the document frequencies of
 * every record's words, and how many records there are. */
struct pdx_df {
	vocab_t v;
	long nrec;
};

/* Every row, in chunks (postpass_rows.c) ------------------------------- */

/* A row of db_pillar_rows, copied: it lends its strings only to the
 * callback. */
typedef struct {
	int64_t id, doc_id;
	int structure;		/* its pillar by structure, 0 none */
	int old_pillar;		/* its inferred pillar as stored, 0 none */
	int stored;		/* its pillar as stored, whatever the source (1-3, 0 else) */
	float old_score;	/* its inferred pillar's score */
	size_t col[FTS_NCOL];	/* offsets in the chunk's text; SIZE_MAX: NULL */
} postpass_row;

typedef struct {
	postpass_row *row;
	size_t n, cap;
	pdx_buf text;		/* the rows' strings, each NUL-terminated */
	void *out;		/* what work makes of the rows: the caller's */
	int rc;			/* work's */
} postpass_chunk;

/* Column col of row r of c (FTS_TEXT...), or NULL. */
static inline const char *postpass_col(const postpass_chunk *c, const postpass_row *r, int col)
{
	return r->col[col] == SIZE_MAX ? NULL : c->text.s + r->col[col];
}

/* A pass over the rows of the database db_pillar_rows reads (which,
 * max_id: PILLAR_ROWS_ALL, or the new ones), in id order:
 * the main thread reads a chunk of rows while a thread of the pass runs
 * work on the one before; consume then takes that one back on the main
 * thread, in row order. out[i] is chunk i's out. */
typedef struct {
	int (*work)(void *arg, postpass_chunk *c);
	int (*consume)(void *arg, postpass_chunk *c);
	void *arg;
	void *out[2];
} postpass_rows_fn;

int postpass_rows(pdx_db *db, int which, int64_t max_id, const postpass_rows_fn *fn);

/* The steps, in the order postpass.c runs them ------------------------- */

/* 1. Document frequencies (postpass_df.c): *words takes ahead's
 * vocabulary when it was counted as the files were stored (ahead not
 * NULL), else counts every record's. */
int postpass_df(pdx_db *db, pdx_df *ahead, pdx_df *words);

/* 2. Which words get ranked lists (postpass_ranked.c): words of at
 * least rp->df_min records, the most frequent first while the budget
 * lasts. slot: per word of the vocabulary then, its list, -1 none. */
typedef struct {
	ranked_acc *acc;
	int32_t *slot;
	size_t nslot;
} postpass_ranked;

int postpass_ranked_plan(postpass_ranked *r, const pdx_df *words, const pdx_ranked_params *rp);
/* The list of word id, or -1. */
static inline int postpass_ranked_slot(const postpass_ranked *r, uint32_t id)
{
	return id < r->nslot ? r->slot[id] : -1;
}
void postpass_ranked_clear(postpass_ranked *r);	/* its contents */

/* 3. The plan's model (postpass_place.c): the vocabulary (words, which
 * it completes with the pillars' term lists) weighted by idf, the plan's
 * sections and actions as vectors. */
typedef struct postpass_model postpass_model;
/* PDX_ERR: the tokenizer cannot be loaded. */
int postpass_model_new(postpass_model **m, pdx_db *db, unsigned flags, pdx_postpass_stats *st);
void postpass_model_free(postpass_model *m);
int postpass_model_build(postpass_model *m, pdx_df *words);

/* Record id -> its pillar once placed, for the summaries (1-3, 0 none);
 * no map when ids run far past the records (or memory runs out), and the
 * summaries look the pillars up instead (postpass_summaries.c). */
typedef struct {
	uint8_t *pillar_of;
	size_t n, cap;
	bool none;
} postpass_pillar_map;

void postpass_pillar_map_set(postpass_pillar_map *map, long nrec, int64_t id, int pillar);
void postpass_pillar_map_clear(postpass_pillar_map *map);	/* its contents */
/* Every record's pillar read into the map (an incremental pass, which
 * placed the new records alone); no map (map->none) past its limit. */
int postpass_pillar_map_load(pdx_db *db, postpass_pillar_map *map, long nrec);

/* 4. Place and link every record (postpass_place.c), document by
 * document, and count its words into the ranked lists; the links are
 * written anew, the placements where they change. */
int postpass_place(postpass_model *m, postpass_ranked *r, postpass_pillar_map *map);

/* 5. Store the ranked lists of words of at least df_min records
 * (postpass_ranked.c). */
int postpass_ranked_store(postpass_ranked *r, pdx_db *db, long df_min);

/* 6. POSTPASS_BULK: the indexes a bulk build deferred
 * (postpass_indexes.c). */
int postpass_indexes(pdx_db *db, unsigned flags);

/* 7. The stored summaries, with the pillars of map (postpass_summaries.c). */
int postpass_summaries(pdx_db *db, const postpass_pillar_map *map);

/* The post-pass on what changed (postpass_inc.c) ----------------------- */

/* What the last post-pass left (meta postpass). */
typedef struct {
	bool valid, spent;	/* spent: past the bound, whole next */
	long long bound, max_id, nrec, raw, nrow, ntok;
} postpass_state;

/* What changed since: records deleted and added, and whether the pass
 * may run on them alone. */
typedef struct {
	long long gone, added;
	bool incremental;
} postpass_change;

int postpass_inc_state(pdx_db *db, postpass_state *st);
/* Whether the pass runs on what changed; why not in why. */
int postpass_inc_decide(pdx_db *db, const postpass_state *st, postpass_change *ch, char *why,
			size_t whylen);
/* The stored vocabulary into words (empty). */
int postpass_inc_vocab_load(pdx_db *db, const postpass_state *st, pdx_df *words);
/* The deleted records counted out of words, the new ones in; the ids
 * whose count changed are marked in *changed (*nchanged long; free). */
int postpass_inc_df(pdx_db *db, const postpass_state *st, pdx_df *words, uint8_t **changed,
		    size_t *nchanged);
/* What the next post-pass starts from: the vocabulary (all of it, or
 * the words changed marks), the bound left (-1: a whole one's), the
 * ranked lists' rows and tokens; the deleted records forgotten. */
int postpass_inc_save(pdx_db *db, const pdx_df *words, const uint8_t *changed, size_t nchanged,
		      long long bound, int64_t nrow, int64_t ntok);
/* The stored ranked lists into r, with slots for their words (added to
 * words' vocabulary when missing), for the new records to be counted in
 * and the deleted ones out (postpass_ranked.c). */
int postpass_ranked_load(postpass_ranked *r, pdx_db *db, pdx_df *words, const postpass_state *st);
/* The full-text index's rows and tokens the lists describe. */
void postpass_ranked_totals(const postpass_ranked *r, int64_t *nrow, int64_t *ntok);
/* Record id (its words in rec) counted out of the lists. */
int postpass_ranked_remove(postpass_ranked *r, int64_t id, const ranked_rec *rec);
/* Store the lists that changed, and the index's totals. */
int postpass_ranked_store_changed(postpass_ranked *r, pdx_db *db);
/* Place, link and count into the lists only the new records
 * (postpass_place.c, before postpass_place); count the deleted ones out
 * of the lists (after the model is built). */
void postpass_model_only_new(postpass_model *m, int64_t max_id);
int postpass_unrank_gone(postpass_model *m, postpass_ranked *rk);

/* 6b. The tracker (postpass_track.c): requirements, inherited issuers,
 * evidence, rebuilt whole (max_id < 0); before the summaries. On what
 * changed since a post-pass that knew records up to max_id: the new
 * documents' requirements and evidence, the deleted ones' forgotten, the
 * rest kept; with every document read, and the evidence that may move found
 * again, when an order, a proclamation or a memorandum came or went;
 * whole when that cannot hold
 * (the plan changed, a dateless document's day may move, another copy of
 * an order holds its requirements now). why: "whole: why" or "on what
 * changed, with every document read: why" (empty: on what changed). */
int postpass_track(pdx_db *db, int64_t max_id, char *why, size_t whylen);

#endif
