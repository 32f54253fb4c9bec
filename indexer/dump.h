/* polidex-index --dump (indexer only). */
#ifndef PDX_INDEXER_DUMP_H
#define PDX_INDEXER_DUMP_H

#include <cJSON.h>

#include "run.h"

/* One record of document d as a JSON object (NULL: no memory). */
cJSON *dump_record(const pdx_doc *d, const pdx_record *r);

/* --dump prints one JSON array, a record at a time as each file is read
 * (the same text cJSON_Print gives the whole array), so that its memory
 * does not grow with the records. Takes o. */
int dump_print(run_t *run, cJSON *o);

#endif
