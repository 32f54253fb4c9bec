/* tag_timeline.h - temporal expressions found in record text, normalized
 * (dates, times with zone, fiscal years, relative deadlines with their
 * anchor). The calendar, month names, ISO date-times and the format of
 * the values it stores are polidex/date.h. The implementation is split
 * over indexer/tag_timeline*.c (listed in tag_timeline_int.h). */
#ifndef POLIDEX_TAG_TIMELINE_H
#define POLIDEX_TAG_TIMELINE_H

#include <stdbool.h>

#include "polidex/date.h"
#include "polidex/doc.h"
#include "polidex/record.h"

/* What the extractor knows about the document while it scans records in
 * order. Dates are local "YYYY-MM-DD" or "" when not (yet) known; the
 * extractor fills signed/effective/opens/closes as it finds them. */
typedef struct {
	const char *published;	/* raw ISO publication time, or NULL */
	const char *doc_kind;	/* "executive_order", ... or NULL */
	const char *prev_text;	/* text of the record before, or NULL */
	char pub_date[11];
	int year_hint;		/* year for dates without one when there is
				 * no publication date (0: none) */
	char signed_date[11];
	char effective[11];
	char opens[11];
	char closes[11];
	unsigned capped;	/* records whose dates were cut at the cap */
} timeline_ctx;

/* Date-like expressions looked at per record (paragraph): a paragraph
 * with more has the rest skipped, so that a hostile one stays linear. */
#define TIMELINE_MAX_DATES 4096

/* Set up ctx for a document (strings are borrowed, not copied). */
void timeline_ctx_init(timeline_ctx *ctx, const char *published,
		       const char *doc_kind);

/* Find the temporal expressions of text (valid UTF-8) and append them to
 * r->times; relative entries whose anchor ctx already dates are resolved.
 * Returns PDX_OK, PDX_ENOMEM, or PDX_ERR when a pattern fails to compile. */
int timeline_extract(const char *text, timeline_ctx *ctx, pdx_record *r);

/* Resolve the still unresolved relative entries of r against ctx (signing,
 * published, effective, opens, closes). Returns PDX_OK or PDX_ENOMEM. */
int timeline_resolve(const timeline_ctx *ctx, pdx_record *r);

/* Find the dates, times, fiscal years, relative deadlines and vague
 * horizons of every record of doc and append them to r->times; set
 * doc->signed_date where the text or metadata gives it; resolve relative
 * entries whose anchor has a date (two passes: the signature comes last).
 * The metadata publication time (doc->published) becomes a "published"
 * entry of the first record unless the text already gives that date.
 * Returns PDX_OK, PDX_ENOMEM or PDX_ERR. */
int timeline_tag_document(pdx_doc *doc, pdx_records *recs);

/* Free the compiled patterns (for leak checkers; extraction recompiles
 * them on next use). Not thread-safe, like the first extraction. */
void timeline_cleanup(void);

#endif
