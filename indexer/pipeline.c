/* pipeline.c - read, segment and tag one file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polidex/pipeline.h"
#include "polidex/read.h"
#include "polidex/segment.h"
#include "polidex/timeline.h"
#include "polidex/util.h"

int pipeline_buffer(const pdx_gazetteer *g, const char *path, const char *buf,
		    size_t len, pdx_parsed *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	int rc = read_buffer(path, buf, len, &out->docs, err, errlen);
	if (rc)
		return rc;
	out->recs = calloc(out->docs.n, sizeof *out->recs);
	if (!out->recs)
		return PDX_ENOMEM;
	for (size_t i = 0; i < out->docs.n && rc == PDX_OK; i++) {
		pdx_doc *d = out->docs.docs[i];
		pdx_records *r = &out->recs[i];
		rc = segment_document(d, r);
		if (rc == PDX_OK && g)
			rc = agencies_tag_document(g, d, r);
		if (rc == PDX_OK)
			rc = timeline_tag_document(d, r);
		if (rc == PDX_OK)
			segment_mark_events(d, r);
	}
	if (rc == PDX_ENOMEM)
		snprintf(err, errlen, "out of memory");
	return rc;
}

int pipeline_file(const pdx_gazetteer *g, const char *path, pdx_parsed *out,
		  char *err, size_t errlen)
{
	char *buf = NULL;
	size_t len = 0;
	memset(out, 0, sizeof *out);
	int rc = read_whole_file(path, PDX_MAX_FILE, &buf, &len);
	if (rc == PDX_EIO)
		snprintf(err, errlen, "%s", strerror(errno));
	else if (rc == PDX_EFORMAT)
		snprintf(err, errlen, "file larger than %u MB", PDX_MAX_FILE >> 20);
	if (rc == PDX_OK)
		rc = pipeline_buffer(g, path, buf, len, out, err, errlen);
	free(buf);
	return rc;
}

void pipeline_free(pdx_parsed *p)
{
	if (p->recs)
		for (size_t i = 0; i < p->docs.n; i++)
			records_free(&p->recs[i]);
	free(p->recs);
	doclist_free(&p->docs);
	p->recs = NULL;
}
