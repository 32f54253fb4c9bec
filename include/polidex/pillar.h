/* pillar.h - the three pillars of the plan: their names and a small
 * bilingual term list (data/pillar_terms.json, built in). The indexer's
 * post-pass that places records by content is indexer/postpass.h. */
#ifndef POLIDEX_PILLAR_H
#define POLIDEX_PILLAR_H

#include <stdbool.h>
#include <stddef.h>

#include "polidex/util.h"

typedef struct pdx_pillar_terms pdx_pillar_terms;

/* Parse a term list (JSON, the shape of data/pillar_terms.json). Returns
 * PDX_OK, or PDX_EFORMAT/PDX_ENOMEM with a message in err. Free with
 * pillar_terms_free. */
int pillar_terms_load(pdx_pillar_terms **t, const char *json, size_t len,
		      char *err, size_t errlen);
void pillar_terms_free(pdx_pillar_terms *t);
/* The built-in term list, parsed on first use and kept for the life of
 * the process (not to be freed); NULL if it cannot be parsed. */
const pdx_pillar_terms *pillar_terms_builtin(void);

/* The name of pillar 1..3 in lang "en" or "zh" ("Accelerate AI
 * Innovation", "加速AI创新"); NULL for another number. Owned by t. */
const char *pillar_name(const pdx_pillar_terms *t, int pillar, const char *lang);

/* The pillar a heading names, by the term list: 1..3 when it names the
 * vocabulary or a name of exactly one pillar (most terms wins), 0 when it
 * names none, or speaks of all of them ("三大支柱"). */
int pillar_heading_names(const pdx_pillar_terms *t, const char *heading);

/* Is section a heading whose records stay without a pillar (General
 * Provisions, signatures)? */
bool pillar_terms_boilerplate(const pdx_pillar_terms *t, const char *section);

/* The terms of pillar 1..3, for 0 the stopwords, for PDX_PILLAR_OUTSIDE
 * the words of subjects the plan leaves alone ("outside": immigration,
 * visas, fees), for PDX_PILLAR_SUBJECT the words of the plan's own subject
 * ("subject": AI, 人工智能; a document that names none of them carries out
 * nothing in the plan); *n is their number. Owned by t. */
#define PDX_PILLAR_OUTSIDE 4
#define PDX_PILLAR_SUBJECT 5
const char *const *pillar_terms_list(const pdx_pillar_terms *t, int pillar, size_t *n);

#endif
