/* impact.h - building the impact lists that let a search stop early
 * (lib/impact.c). The pillar pass feeds every record's tokens, column by
 * column, as FTS5 indexes them: impact_acc_column at each column,
 * impact_acc_token for every token (slot: the word's list, or -1),
 * impact_acc_record at the end of the record. */
#ifndef POLIDEX_IMPACT_H
#define POLIDEX_IMPACT_H

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
void impact_acc_column(impact_acc *a, int col);
int impact_acc_token(impact_acc *a, int slot, int tflags);
int impact_acc_record(impact_acc *a, int64_t id);
/* Replace the stored lists with those of words in at least df_min
 * records, and set meta "impact" (inside the caller's transaction). */
int impact_acc_store(impact_acc *a, pdx_db *db, long df_min);

#endif
