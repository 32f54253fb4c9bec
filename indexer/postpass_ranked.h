/* postpass_ranked.h - building the ranked lists (polidex/ranked.h) in
 * the post-pass (postpass_ranked.c). The placement pass counts every
 * record's tokens on its scoring thread (ranked_counter) and adds the
 * records to the lists in id order on its main thread (ranked_acc). */
#ifndef POLIDEX_POSTPASS_RANKED_H
#define POLIDEX_POSTPASS_RANKED_H

#include <stddef.h>
#include <stdint.h>

#include "polidex/db.h"
#include "polidex/ranked.h"

typedef struct ranked_acc ranked_acc;

/* avgdl: an estimate of the mean record length in tokens; it only
 * chooses which records a list keeps, never a score. NULL: no memory.
 * ranked_acc_free accepts NULL. */
ranked_acc *ranked_acc_new(double avgdl);
void ranked_acc_free(ranked_acc *a);
/* A list of at most k records for term; its slot, or -1 when out of
 * memory. */
int ranked_acc_term(ranked_acc *a, const char *term, int k);

/* One record's words that have lists: their slots and weighted counts
 * (F), and the row's length D. */
typedef struct {
	uint32_t D;
	size_t n;
	const uint32_t *slot, *F;
} ranked_rec;

/* Add record id to the lists of its words (records in id order). */
int ranked_acc_add(ranked_acc *a, int64_t id, const ranked_rec *r);

/* Counting a record's tokens, column by column, as FTS5 indexes them: a
 * counter per thread; ranked_counter_column at each column,
 * ranked_counter_token for every token (slot: the word's list, or -1),
 * then ranked_counter_take, which copies the record into slot[] and F[]
 * (room for every slot the counter saw: at most the number of lists) and
 * starts the next. */
typedef struct {
	size_t nslots;
	double *F;		/* per slot, the record at hand */
	uint32_t *touched;
	size_t ntouched, cap;
	int col;
	uint32_t colsize, D;
} ranked_counter;

int ranked_counter_init(ranked_counter *c, const ranked_acc *a);
void ranked_counter_clear(ranked_counter *c);	/* its contents */
void ranked_counter_column(ranked_counter *c, int col);
int ranked_counter_token(ranked_counter *c, int slot, int tflags);
int ranked_counter_take(ranked_counter *c, ranked_rec *r, uint32_t *slot, uint32_t *F);
/* How many slots the record at hand has touched. */
static inline size_t ranked_counter_words(const ranked_counter *c)
{
	return c->ntouched;
}

/* Replace the stored lists with those of words in at least df_min
 * records, and set meta RANKED_META (inside the caller's transaction).
 * Returns PDX_OK, PDX_ERR (db_errmsg) or PDX_ENOMEM. */
int ranked_acc_store(ranked_acc *a, pdx_db *db, long df_min);

#endif
