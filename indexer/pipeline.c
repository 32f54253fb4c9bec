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
 * "WASHINGTON, July 23, 2025 -"), or a timestamp in a page's own layout:
 * "Date: 2026-03-02", "发布时间：2025-09-21 08:30", "Published: March 2,
 * 2026 at 4:15 PM ET", "Updated: 03/02/2026". A time with its zone (an
 * offset, Z, UTC or GMT, or US Eastern: ET, EST, EDT, Eastern Time,
 * 美东时间) makes the publication a moment; without a zone the day alone
 * is kept. */
#define DL_LABEL "(?:[^\\s,，:：【]{1,16}(?:\\s[^\\s,，:：]{1,16}){0,2}\\s?[:：]\\s*|" \
	"(?:Posted|Published|Updated|Last\\supdated|Released|Issued)(?:\\s(?:on|at))?\\s+)"
#define DL_ZONE "\\s*(Z|[+-]\\d{2}:?\\d{2}|UTC|GMT|ET|EST|EDT|Eastern(?:\\s(?:Standard\\s|Daylight\\s)?Time)?|美东时间|美東時間)?"
static const char *const dateline_patterns[] = {
	/* 2025年7月23日 */
	"^(?:[^\\s,,::]{1,12}[,,::]\\s*|【[^】]{0,12}[,,]\\s*)?(\\d{4})年(\\d{1,2})月(\\d{1,2})日",
	/* July 23, 2025 (at 4:15 PM ET) */
	"^(?:[A-Z][A-Za-z .]{1,30},\\s*|" DL_LABEL ")?(January|February|March|April|May|June|July|August"
	"|September|October|November|December) (\\d{1,2}), (\\d{4})\\b"
	"(?:,?\\s(?:at\\s)?(\\d{1,2}):(\\d{2})\\s?([AaPp])\\.?\\s?[Mm]\\.?" DL_ZONE ")?",
	/* 2025-07-23, 2025/07/23 (08:30(:00) and a zone) */
	"^" DL_LABEL "?(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?![\\d/.-])"
	"(?:(?:T|\\s+)(\\d{1,2}):(\\d{2})(?::\\d{2}(?:\\.\\d+)?)?()" DL_ZONE ")?",
	/* Updated: 03/02/2026, US order, with a label only */
	"^" DL_LABEL "(\\d{1,2})/(\\d{1,2})/(\\d{4})\\b",
};
#define NDATELINE (sizeof dateline_patterns / sizeof *dateline_patterns)

static pdx_rx *dateline_rx[NDATELINE];
static pthread_once_t dateline_once = PTHREAD_ONCE_INIT;

static void dateline_compile(void)
{
	for (size_t k = 0; k < NDATELINE; k++)
		dateline_rx[k] = rx_new(dateline_patterns[k], 0);
}

/* The offset in minutes of zone z[0..n) at local y-m-d hh:mi, or false
 * when it names none. */
static bool zone_offset(const char *z, size_t n, int y, int m, int d, int hh, int mi, int *off)
{
	if (!n)
		return false;
	if ((n == 1 && z[0] == 'Z') || (n == 3 && (!memcmp(z, "UTC", 3) || !memcmp(z, "GMT", 3)))) {
		*off = 0;
		return true;
	}
	if (z[0] == '+' || z[0] == '-') {
		int h = (z[1] - '0') * 10 + (z[2] - '0');
		const char *q = z + 3 + (z[3] == ':');
		int mm = (q[0] - '0') * 10 + (q[1] - '0');
		*off = (z[0] == '-' ? -1 : 1) * (h * 60 + mm);
		return true;
	}
	if (n == 3 && !memcmp(z, "EST", 3))
		*off = -300;
	else if (n == 3 && !memcmp(z, "EDT", 3))
		*off = -240;
	else
		*off = pdx_us_offset(-300, y, m, d, hh, mi);	/* ET, Eastern Time, 美东时间 */
	return true;
}

static void dateline(pdx_doc *doc)
{
	pthread_once(&dateline_once, dateline_compile);
	pdx_rx *const *rx = dateline_rx;
	for (size_t i = 0; i < doc->nblocks && i < 3; i++) {
		const char *t = doc->blocks[i].text;
		size_t ov[16];
		int y = 0, m = 0, d = 0, hh = -1, mi = 0, off = 0;
		bool zoned = false;
		const char *z = NULL;
		size_t zn = 0;
		int c;
		if (rx[0] && rx_match(rx[0], t, strlen(t), 0, ov, 4) == 4) {
			y = atoi(t + ov[2]);
			m = atoi(t + ov[4]);
			d = atoi(t + ov[6]);
		} else if (rx[1] && (c = rx_match(rx[1], t, strlen(t), 0, ov, 8)) >= 4) {
			m = pdx_month_from_name(t + ov[2], ov[3] - ov[2]);
			d = atoi(t + ov[4]);
			y = atoi(t + ov[6]);
			if (c >= 7 && ov[8] != (size_t)-1) {
				hh = atoi(t + ov[8]) % 12 + ((t[ov[12]] | 0x20) == 'p' ? 12 : 0);
				mi = atoi(t + ov[10]);
				if (c >= 8 && ov[14] != (size_t)-1) {
					z = t + ov[14];
					zn = ov[15] - ov[14];
				}
			}
		} else if (rx[2] && (c = rx_match(rx[2], t, strlen(t), 0, ov, 8)) >= 4) {
			y = atoi(t + ov[2]);
			m = atoi(t + ov[4]);
			d = atoi(t + ov[6]);
			if (c >= 7 && ov[8] != (size_t)-1) {
				hh = atoi(t + ov[8]);
				mi = atoi(t + ov[10]);
				if (c >= 8 && ov[14] != (size_t)-1) {
					z = t + ov[14];
					zn = ov[15] - ov[14];
				}
			}
		} else if (rx[3] && rx_match(rx[3], t, strlen(t), 0, ov, 4) == 4) {
			m = atoi(t + ov[2]);
			d = atoi(t + ov[4]);
			y = atoi(t + ov[6]);
		}
		if (!(y >= 1900 && y <= 2199 && pdx_date_valid(y, m, d)))
			continue;
		char date[96];
		if (hh >= 0 && hh < 24 && mi < 60)
			zoned = zone_offset(z, zn, y, m, d, hh, mi, &off);
		if (zoned)
			snprintf(date, sizeof date, "%04d-%02d-%02dT%02d:%02d:00%c%02d:%02d", y, m, d, hh,
				 mi, off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
		else
			snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
		if (doc_set(&doc->published, date) == PDX_OK)
			doc->dateline_line = doc->blocks[i].line ? doc->blocks[i].line : -1;
		return;
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
