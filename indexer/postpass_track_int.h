/* postpass_track_int.h - what the two files of the tracker's post-pass
 * step share: postpass_track.c (the records read, the requirements, the
 * step) and postpass_track_evidence.c (citations and matches). */
#ifndef POLIDEX_POSTPASS_TRACK_INT_H
#define POLIDEX_POSTPASS_TRACK_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "polidex/containers.h"
#include "polidex/track.h"
#include "postpass_int.h"
#include "rx.h"

typedef struct {
	int64_t id, doc;	/* doc: index into docs */
	char *key, *kind, *label, *text, *section;
	bool req;		/* a requirement */
	char *due, *due_at, *due_tz, *anchor, *due_by, *expr, *type;
	long off_days;
	int off_months;
} trec;

typedef struct {
	int64_t id;
	char *kind, *title, *date, *issuer, *path;
	char number[8];		/* the order's or proclamation's number */
	char numkind;		/* 'E', 'P', 0 */
	size_t first, n;	/* its records: recs[first..first+n) */
	int ai;			/* mentions of AI */
	bool rendition;		/* another copy of an order indexed twice */
	bool plan;		/* holds plan actions */
} tdoc;

typedef struct {
	pdx_db *db;
	trec *recs;
	size_t nrec, rcap;
	tdoc *docs;
	size_t ndoc, dcap;
	pdx_rx *cite, *shall, *boiler, *defn, *recur, *immed, *ongoing, *secref,
	       *rfi, *ai, *ownnum, *pathnum, *obligation, *carry, *partners, *deliverable;
	int rc;
} track;

static inline bool is(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* postpass_track.c */
/* Do the words of title (at least two) appear in text in order, close? */
bool title_in(const char *title, const char *text);
/* The requirements recs[lo..hi) scored by the words of ctx they share,
 * each weighted by how few of them hold it; score[i - lo] += ... */
int cite_scores(track *t, size_t lo, size_t hi, const char *ctx, double *score);
/* Free v[0..n) and v. */
void free_strs(char **v, size_t n);

/* postpass_track_evidence.c */
/* The (requirement, document) pairs already given evidence. */
typedef struct {
	int64_t req, doc;
} pair;

typedef struct {
	pair *v;
	size_t n, cap;
} pairs;

/* A dateless document (the plan as a text file) takes the day of the
 * first dated one that names it by title. */
void date_from_citers(track *t);
/* Evidence by citation: a number or a title, in a sentence that says it
 * carries the order out. */
int citations(track *t, pairs *seen);
/* Evidence by match for the plan's actions (from the links to the plan)
 * and for an order's sections (from the lead body's notices and rules). */
int plan_matches(track *t, pairs *seen);
int order_matches(track *t, pairs *seen);

#endif
