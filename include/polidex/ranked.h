/* impact.h - building the impact lists that let a search stop early
 * (lib/impact.c). The pillar pass counts every record's tokens on its
 * scoring threads (impact_counter) and adds the records to the lists in
 * id order on its main thread (impact_acc). */
#ifndef POLIDEX_IMPACT_H
#define POLIDEX_IMPACT_H

#include <stddef.h>
#include <stdint.h>

#include "polidex/db.h"

/* Words in at least PDX_IMPACT_DF_MIN records get a list of at least
 * PDX_IMPACT_K records, the most frequent longer ones; all the lists
 * hold at most PDX_IMPACT_BUDGET records together (12 bytes each while
 * the indexer builds them), whatever the size of the collection. */
#define PDX_IMPACT_DF_MIN 1000
#define PDX_IMPACT_K 256
#define PDX_IMPACT_BUDGET 2000000

/* the columns of actions_fts, in order */
enum { FTS_TEXT, FTS_SECTION, FTS_AGENCY_NAMES, FTS_NCOL };

typedef struct impact_acc impact_acc;

/* avgdl: an estimate of the mean record length in tokens; it only
 * chooses which records a list keeps, never a score. NULL: no memory. */
impact_acc *impact_acc_new(double avgdl);
void impact_acc_free(impact_acc *a);
/* A list of at most k records for term; its slot, or -1 when out of
 * memory. */
int impact_acc_term(impact_acc *a, const char *term, int k);

/* One record's words that have lists: their slots and weighted counts
 * (F), and the row's length D. */
typedef struct {
	uint32_t D;
	size_t n;
	const uint32_t *slot, *F;
} impact_rec;

/* Add record id to the lists of its words (records in id order). */
int impact_acc_add(impact_acc *a, int64_t id, const impact_rec *r);

/* Counting a record's tokens, column by column, as FTS5 indexes them: a
 * counter per thread; impact_counter_column at each column,
 * impact_counter_token for every token (slot: the word's list, or -1),
 * then impact_counter_take, which copies the record into slot[] and F[]
 * (room for every slot the counter saw: at most the number of lists) and
 * starts the next. */
typedef struct {
	size_t nslots;
	double *F;		/* per slot, the record at hand */
	uint32_t *touched;
	size_t ntouched, cap;
	int col;
	uint32_t colsize, D;
} impact_counter;

int impact_counter_init(impact_counter *c, const impact_acc *a);
void impact_counter_free(impact_counter *c);
void impact_counter_column(impact_counter *c, int col);
int impact_counter_token(impact_counter *c, int slot, int tflags);
int impact_counter_take(impact_counter *c, impact_rec *r, uint32_t *slot, uint32_t *F);
/* How many slots the record at hand has touched. */
static inline size_t impact_counter_words(const impact_counter *c)
{
	return c->ntouched;
}

/* Replace the stored lists with those of words in at least df_min
 * records, and set meta "impact" (inside the caller's transaction). */
int impact_acc_store(impact_acc *a, pdx_db *db, long df_min);

#endif
