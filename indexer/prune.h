/* polidex-index --prune (indexer only). */
#ifndef PDX_INDEXER_PRUNE_H
#define PDX_INDEXER_PRUNE_H

#include "run.h"

/* --prune: drop the documents of the files provably gone, under the
 * paths[0..n) given when any, in one transaction; refuse (run->refused)
 * to drop more than PRUNE_SHARE of the indexed files unless force.
 * Returns PDX_OK, or PDX_ERR (said on stderr). */
int prune(run_t *run, char **paths, int n, bool force);

/* Does the database hold relative paths stored before BASE_META was
 * kept (where they are from is unknown)? Asked only when BASE_META is
 * missing; looked up once. */
int find_legacy(run_t *run, bool *legacy);

#endif
