/* identify.h - what a document is and what names it: its precise type
 * (rule, proposed_rule, notice, presidential_document with its subtype,
 * plan, fact_sheet, press_release, news, guidance, other) and its
 * identifiers (FR document number, FR citation, RIN, docket ids, EO or
 * proclamation number, effective and comments-close dates). */
#ifndef POLIDEX_IDENTIFY_H
#define POLIDEX_IDENTIFY_H

#include <stdbool.h>
#include "polidex/doc.h"

/* Fill the fields of doc that its reader left empty, from its text (the
 * Federal Register's header lines, labels and DATES paragraph), its kind
 * (segment_classify's, which must have run) and its file name. Returns
 * PDX_OK or PDX_ENOMEM. */
int identify_document(pdx_doc *doc);

/* The first date in s written "Month D, YYYY" or "MM/DD/YYYY", as
 * YYYY-MM-DD in out; false when there is none. */
bool identify_us_date(const char *s, char out[11]);

/* The type a Federal Register name gives ("Rule", "Proposed Rule",
 * "Notice", "Presidential Document", "Rules and Regulations", "RULE",
 * "PRORULE", "PRESDOCU", ...), or NULL. */
const char *identify_fr_type(const char *name);

/* The subtype of a presidential document from a name ("Executive Order",
 * "Proclamation", "Memorandum", the FR API's "executive_order"), or NULL. */
const char *identify_subtype(const char *name);

#endif
