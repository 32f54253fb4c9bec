/* segment.h - cut a document's blocks into policy-action records. */
#ifndef POLIDEX_SEGMENT_H
#define POLIDEX_SEGMENT_H

#include "polidex/doc.h"
#include "polidex/record.h"

/* Set doc->kind (plan, executive_order, proclamation, fact_sheet,
 * press_release, notice, news, other) unless a reader already did. */
void segment_classify(pdx_doc *doc);

/* Append the records of doc to recs: recommended_action for the plan's
 * bullets under "Recommended Policy Actions" (pillar, section, key
 * aiap:<pillar>.<section>.<n>), key_policy for the items of a "Key policies
 * ... include" list, order_section for each numbered section and lettered
 * subsection of an order or proclamation, and heading, paragraph and
 * list_item for every other block. Keys are stable for an unchanged file.
 * Returns PDX_OK or PDX_ENOMEM. */
int segment_document(pdx_doc *doc, pdx_records *recs);

/* Roman numeral of a pillar number 1..3 ("I", "II", "III"). */
const char *segment_pillar_roman(int pillar);

/* After tagging: a notice's or release's paragraph that carries a dated
 * event (opens, closes, effective, deadline, notification) becomes a
 * notice_event. */
void segment_mark_events(const pdx_doc *doc, pdx_records *recs);

#endif
