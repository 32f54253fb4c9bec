/* pipeline.h - one file through every stage short of storage: read,
 * segment, tag (agencies, timeline), mark events. */
#ifndef POLIDEX_PIPELINE_H
#define POLIDEX_PIPELINE_H

#include "polidex/doc.h"
#include "polidex/record.h"
#include "tag_agencies.h"

typedef struct {
	pdx_doclist docs;
	pdx_records *recs;	/* one list per document, same order */
} pdx_parsed;

/* Run the stages over a file in memory (buf[len] must be NUL), tagging
 * agencies with tg (NULL: none; it is only read, so threads may share
 * it). Returns PDX_OK, or PDX_EFORMAT/PDX_ENOMEM with a message in err.
 * Free the result with pipeline_clear, also on failure. */
int pipeline_buffer(const pdx_tagger *tg, const char *path, const char *buf,
		    size_t len, pdx_parsed *out, char *err, size_t errlen);
/* The same, reading the file at path. */
int pipeline_file(const pdx_tagger *tg, const char *path, pdx_parsed *out,
		  char *err, size_t errlen);
void pipeline_clear(pdx_parsed *p);

#endif
