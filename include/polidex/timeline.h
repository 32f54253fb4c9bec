/* timeline.h - temporal expressions found in record text, normalized. */
#ifndef POLIDEX_TIMELINE_H
#define POLIDEX_TIMELINE_H

#include "polidex/doc.h"
#include "polidex/record.h"

/* Find the dates, times, fiscal years, relative deadlines and vague
 * horizons of every record of doc and append them to r->times; set
 * doc->signed_date where the text or metadata gives it; resolve relative
 * entries whose anchor has a date. Returns PDX_OK or PDX_ENOMEM. */
int timeline_tag_document(pdx_doc *doc, pdx_records *recs);

#endif
