/* timeline.c - placeholder until the timeline extractor lands. */
#include "polidex/timeline.h"
#include "polidex/util.h"
int timeline_tag_document(pdx_doc *doc, pdx_records *recs) { (void)doc; (void)recs; return PDX_OK; }
