/* tag_agencies.h - the agency tagger: the gazetteer's bodies found in
 * record text, English and Chinese, each with the role its sentence gives
 * it (lead, support, mentioned), and the issuer of a document. */
#ifndef POLIDEX_TAG_AGENCIES_H
#define POLIDEX_TAG_AGENCIES_H

#include "polidex/agencies.h"
#include "polidex/doc.h"
#include "polidex/record.h"

/* The tagger for one gazetteer: its patterns, compiled from the
 * gazetteer's names. It only reads itself and the gazetteer once made, so
 * any number of threads may tag with one tagger at once. */
typedef struct pdx_tagger pdx_tagger;

/* Make the tagger for g, which must outlive it (and not be loaded into
 * while it lives). Returns PDX_OK with *out, PDX_ENOMEM, or PDX_ERR (a
 * pattern did not compile: a programming error). Free with tagger_free. */
int tagger_new(pdx_tagger **out, const pdx_gazetteer *g);
void tagger_free(pdx_tagger *tg);

/* Tag every record of doc with the bodies its text names and their roles
 * (one per body, the strongest), and set doc->issuer where it can.
 * Acronyms the document defines ("Economic Diplomacy Action Group (EDAG)")
 * are recognised in all its records. Returns PDX_OK or PDX_ENOMEM. */
int tagger_tag_document(const pdx_tagger *tg, pdx_doc *doc, pdx_records *recs);

#endif
