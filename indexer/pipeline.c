/* pipeline.c - read, segment and tag one file. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "rx.h"
#include "read.h"
#include "identify.h"
#include "segment.h"
#include "tag_agencies.h"
#include "tag_timeline.h"
#include "polidex/date.h"
#include "polidex/util.h"

/* A dateline: a full date at the very start of one of the first
 * paragraphs of a document without metadata, after at most a short label
 * or a bracketed place ("概要:2025年7月23日", "【华盛顿,2025年7月23日】",
 * "WASHINGTON, July 23, 2025 -"). */
static const char *const dateline_patterns[] = {
	"^(?:[^\\s,,::]{1,12}[,,::]\\s*|【[^】]{0,12}[,,]\\s*)?(\\d{4})年(\\d{1,2})月(\\d{1,2})日",
	"^(?:[A-Z][A-Za-z .]{1,30},\\s*)?(January|February|March|April|May|June|July|August"
	"|September|October|November|December) (\\d{1,2}), (\\d{4})\\b",
};

static pdx_rx *dateline_rx[2];
static pthread_once_t dateline_once = PTHREAD_ONCE_INIT;

static void dateline_compile(void)
{
	for (int k = 0; k < 2; k++)
		dateline_rx[k] = rx_new(dateline_patterns[k], 0);
}

static void dateline(pdx_doc *doc)
{
	pthread_once(&dateline_once, dateline_compile);
	pdx_rx *const *rx = dateline_rx;
	for (size_t i = 0; i < doc->nblocks && i < 3; i++) {
		const char *t = doc->blocks[i].text;
		size_t ov[8];
		int y = 0, m = 0, d = 0;
		if (rx[0] && rx_match(rx[0], t, strlen(t), 0, ov, 4) == 4) {
			y = atoi(t + ov[2]);
			m = atoi(t + ov[4]);
			d = atoi(t + ov[6]);
		} else if (rx[1] && rx_match(rx[1], t, strlen(t), 0, ov, 4) == 4) {
			m = pdx_month_from_name(t + ov[2], ov[3] - ov[2]);
			d = atoi(t + ov[4]);
			y = atoi(t + ov[6]);
		}
		if (y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
			char date[16];
			snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
			doc_set(&doc->published, date);
			return;
		}
	}
}

/* Documents without metadata: a dateline dates them; an article of a
 * clippings file that the article before introduces ("原文如下:", "The
 * full text follows:") is the text it quotes, of the same date. */
static void infer_published(pdx_doclist *docs)
{
	for (size_t i = 0; i < docs->n; i++) {
		pdx_doc *d = docs->docs[i];
		if (d->published)
			continue;
		dateline(d);
		if (d->published || i == 0 || d->part == 0)
			continue;
		const pdx_doc *prev = docs->docs[i - 1];
		if (!prev->published || prev->nblocks == 0)
			continue;
		const char *last = prev->blocks[prev->nblocks - 1].text;
		size_t n = strlen(last);
		if ((n >= 1 && last[n - 1] == ':') ||
		    (n >= 3 && strcmp(last + n - 3, "\uFF1A") == 0))
			doc_set(&d->published, prev->published);
	}
}

int pipeline_buffer(const pdx_tagger *tg, const char *path, const char *buf,
		    size_t len, pdx_parsed *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	int rc = read_buffer(path, buf, len, &out->docs, err, errlen);
	if (rc)
		return rc;
	infer_published(&out->docs);
	out->recs = calloc(out->docs.n, sizeof *out->recs);
	if (!out->recs)
		return PDX_ENOMEM;
	for (size_t i = 0; i < out->docs.n && rc == PDX_OK; i++) {
		pdx_doc *d = out->docs.docs[i];
		pdx_records *r = &out->recs[i];
		/* the type and identifiers first: an order's number names
		 * its records' keys */
		segment_classify(d);
		rc = identify_document(d);
		if (rc == PDX_OK)
			rc = segment_document(d, r);
		if (rc == PDX_OK && tg)
			rc = tagger_tag_document(tg, d, r);
		if (rc == PDX_OK)
			rc = timeline_tag_document(d, r);
		if (rc == PDX_OK)
			segment_mark_events(d, r);
	}
	if (rc == PDX_ENOMEM)
		snprintf(err, errlen, "out of memory");
	return rc;
}

int pipeline_file(const pdx_tagger *tg, const char *path, pdx_parsed *out,
		  char *err, size_t errlen)
{
	char *buf = NULL;
	size_t len = 0;
	memset(out, 0, sizeof *out);
	int rc = read_whole(path, PDX_MAX_FILE, &buf, &len, err, errlen);
	if (rc == PDX_OK)
		rc = pipeline_buffer(tg, path, buf, len, out, err, errlen);
	free(buf);
	return rc;
}

void pipeline_clear(pdx_parsed *p)
{
	if (p->recs)
		for (size_t i = 0; i < p->docs.n; i++)
			records_clear(&p->recs[i]);
	free(p->recs);
	doclist_clear(&p->docs);
	p->recs = NULL;
}
