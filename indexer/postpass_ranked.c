/* postpass_ranked.c - the ranked lists (polidex/ranked.h), built in the
 * post-pass: step 2 chooses the words that get a list and how long
 * (postpass_ranked_plan), the placement pass counts every record's words
 * (ranked_counter, on its scoring thread) and adds the records to the
 * lists in id order (ranked_acc_add), step 5 stores them
 * (postpass_ranked_store).
 *
 * A list keeps up to k records of high impact (ranked_bm25_tf with an
 * estimated avgdl: it only chooses whom to keep) with their F and D, and
 * for the records left out, per F the shortest D with the lowest id of
 * that F and D: lib/db_search_ranked.c says why that bounds every record left out
 * whatever avgdl is. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postpass_int.h"

/* The lists ------------------------------------------------------------ */

typedef struct {
	float f;		/* impact with the estimated avgdl: which to keep */
	uint32_t id;
	uint16_t F, D;		/* larger: left out */
} entry;

typedef struct {
	uint32_t F, D;
	uint32_t id;		/* the lowest id of a record with this F and D;
				 * 0: unknown (merged pairs, large ids) */
} pair;

typedef struct {
	/* what every record of the word touches first, together */
	int64_t df;
	float root_f;		/* heap[0], the one that ranks last, when full */
	uint32_t root_id;
	int n, k, nout;
	entry *heap;		/* heap[0] ranks last */
	char *term;
	pair out[RANKED_SKY_MAX];	/* left out: per weighted count, the shortest row */
} ilist;

struct ranked_acc {
	double avgdl;		/* estimated: it only chooses what to keep */
	ilist *l;
	size_t n, cap;
	int64_t nrow, ntok;
};

/* a ranks after b: lower impact, or the same and a higher id */
static bool after(const entry *a, const entry *b)
{
	return a->f < b->f || (a->f == b->f && a->id > b->id);
}

static void sift_down(entry *h, int n, int i)
{
	for (;;) {
		int l = 2 * i + 1, r = l + 1, m = i;
		if (l < n && after(&h[l], &h[m]))
			m = l;
		if (r < n && after(&h[r], &h[m]))
			m = r;
		if (m == i)
			return;
		entry t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

static void sift_up(entry *h, int i)
{
	while (i > 0 && after(&h[i], &h[(i - 1) / 2])) {
		entry t = h[i];
		h[i] = h[(i - 1) / 2];
		h[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

/* A record left out of the list. The impact grows with F and falls with
 * D, so the shortest row of each F bounds them all, whatever avgdl is;
 * the lowest id of the records of that F and D settles ties. Past
 * RANKED_SKY_MAX counts the two closest merge into (the higher F, the lower D,
 * id unknown), which bounds both. */
static void leave_out(ilist *l, uint32_t F, uint32_t D, uint32_t id)
{
	int i = 0;
	while (i < l->nout && l->out[i].F < F)
		i++;
	if (i < l->nout && l->out[i].F == F) {
		pair *o = &l->out[i];
		if (D < o->D)
			*o = (pair){ F, D, id };
		else if (D == o->D && o->id && (id < o->id || !id))
			o->id = id;
		return;
	}
	if (l->nout == RANKED_SKY_MAX) {
		int best = 0;
		for (int j = 1; j + 1 < l->nout; j++)
			if (l->out[j + 1].F - l->out[j].F < l->out[best + 1].F - l->out[best].F)
				best = j;
		pair m = { l->out[best + 1].F,
			   l->out[best].D < l->out[best + 1].D ? l->out[best].D : l->out[best + 1].D, 0 };
		l->out[best] = m;
		memmove(&l->out[best + 1], &l->out[best + 2],
			(size_t)(l->nout - best - 2) * sizeof *l->out);
		l->nout--;
		leave_out(l, F, D, id);
		return;
	}
	memmove(&l->out[i + 1], &l->out[i], (size_t)(l->nout - i) * sizeof *l->out);
	l->out[i] = (pair){ F, D, id };
	l->nout++;
}

static int list_add(ilist *l, uint32_t F, uint32_t D, int64_t id, float f)
{
	l->df++;
	if (id <= 0 || id > UINT32_MAX || F > UINT16_MAX || D > UINT16_MAX) {
		leave_out(l, F, D, 0);
		return PDX_OK;
	}
	/* most records of a frequent word rank after the list's last: that
	 * test reads the fields next to F alone */
	if (l->n == l->k && (f < l->root_f || (f == l->root_f && (uint32_t)id > l->root_id))) {
		leave_out(l, F, D, (uint32_t)id);
		return PDX_OK;
	}
	entry e = { f, (uint32_t)id, (uint16_t)F, (uint16_t)D };
	if (!l->heap && !(l->heap = malloc((size_t)l->k * sizeof *l->heap)))
		return PDX_ENOMEM;
	if (l->n < l->k) {
		l->heap[l->n] = e;
		sift_up(l->heap, l->n++);
	} else {
		leave_out(l, l->heap[0].F, l->heap[0].D, l->heap[0].id);
		l->heap[0] = e;
		sift_down(l->heap, l->n, 0);
	}
	l->root_f = l->heap[0].f;
	l->root_id = l->heap[0].id;
	return PDX_OK;
}

ranked_acc *ranked_acc_new(double avgdl)
{
	ranked_acc *a = calloc(1, sizeof *a);
	if (a)
		a->avgdl = avgdl > 0 ? avgdl : 1;
	return a;
}

void ranked_acc_free(ranked_acc *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++) {
		free(a->l[i].term);
		free(a->l[i].heap);
	}
	free(a->l);
	free(a);
}

int ranked_acc_term(ranked_acc *a, const char *term, int k)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 256;
		ilist *l = realloc(a->l, cap * sizeof *l);
		if (!l)
			return -1;
		a->l = l;
		a->cap = cap;
	}
	ilist *l = &a->l[a->n];
	memset(l, 0, sizeof *l);
	l->k = k < 1 ? 1 : k;
	if (!(l->term = pdx_strdup(term)))
		return -1;
	return (int)a->n++;
}

int ranked_acc_add(ranked_acc *a, int64_t id, const ranked_rec *r)
{
	int rc = PDX_OK;
	for (size_t i = 0; rc == PDX_OK && i < r->n; i++) {
		ilist *l = &a->l[r->slot[i]];
		rc = list_add(l, r->F[i], r->D, id, (float)ranked_bm25_tf(r->F[i], r->D, a->avgdl));
	}
	a->nrow++;
	a->ntok += r->D;
	return rc;
}

/* Counting one record ------------------------------------------------- */

int ranked_counter_init(ranked_counter *c, const ranked_acc *a)
{
	memset(c, 0, sizeof *c);
	c->nslots = a->n;
	c->F = calloc(a->n + 1, sizeof *c->F);
	return c->F ? PDX_OK : PDX_ENOMEM;
}

void ranked_counter_clear(ranked_counter *c)
{
	free(c->F);
	free(c->touched);
	memset(c, 0, sizeof *c);
}

void ranked_counter_column(ranked_counter *c, int col)
{
	c->col = col >= 0 && col < FTS_NCOL ? col : FTS_AGENCY_NAMES;
	c->colsize = 0;
}

int ranked_counter_token(ranked_counter *c, int slot, int tflags)
{
	/* as fts5_storage.c counts a column's size */
	if (!(tflags & FTS5_TOKEN_COLOCATED) || c->colsize == 0) {
		c->colsize++;
		c->D++;
	}
	if (slot < 0 || (size_t)slot >= c->nslots)
		return PDX_OK;
	if (c->F[slot] == 0) {
		if (c->ntouched == c->cap) {
			size_t cap = c->cap ? c->cap * 2 : 256;
			uint32_t *t = realloc(c->touched, cap * sizeof *t);
			if (!t)
				return PDX_ENOMEM;
			c->touched = t;
			c->cap = cap;
		}
		c->touched[c->ntouched++] = (uint32_t)slot;
	}
	c->F[slot] += ranked_weight[c->col];
	return PDX_OK;
}

int ranked_counter_take(ranked_counter *c, ranked_rec *r, uint32_t *slot, uint32_t *F)
{
	r->D = c->D;
	r->n = c->ntouched;
	r->slot = slot;
	r->F = F;
	for (size_t i = 0; i < c->ntouched; i++) {
		slot[i] = c->touched[i];
		F[i] = (uint32_t)c->F[c->touched[i]];
		c->F[c->touched[i]] = 0;
	}
	c->ntouched = 0;
	c->D = 0;
	return PDX_OK;
}

int ranked_acc_store(ranked_acc *a, pdx_db *db, long df_min)
{
	pdx_ranked_writer *w = NULL;
	int rc = db_ranked_open(db, &w);
	for (size_t i = 0; rc == PDX_OK && i < a->n; i++) {
		ilist *l = &a->l[i];
		if (l->df < df_min)
			continue;
		size_t len = 4 + (size_t)l->nout * RANKED_PAIR_BYTES +
			     (size_t)l->n * RANKED_ENTRY_BYTES;
		unsigned char *blob = malloc(len), *p = blob;
		if (!blob) {
			rc = PDX_ENOMEM;
			break;
		}
		ranked_put_u32(p, (uint32_t)l->nout);
		p += 4;
		for (int j = 0; j < l->nout; j++, p += RANKED_PAIR_BYTES) {
			ranked_put_u32(p, l->out[j].F);
			ranked_put_u32(p + 4, l->out[j].D);
			ranked_put_u32(p + 8, l->out[j].id);
		}
		for (int j = 0; j < l->n; j++, p += RANKED_ENTRY_BYTES) {
			ranked_put_u32(p, l->heap[j].id);
			ranked_put_u16(p + 4, l->heap[j].F);
			ranked_put_u16(p + 6, l->heap[j].D);
		}
		rc = db_ranked_add(w, l->term, l->df, blob, len);
		free(blob);
	}
	db_ranked_close(w);
	if (rc == PDX_OK)
		rc = db_ranked_stamp(db, a->nrow, a->ntok);
	return rc;
}

/* The post-pass's steps -------------------------------------------------- */

typedef struct {
	uint32_t df, id;
} term_df;

static int cmp_df_desc(const void *x, const void *y)
{
	const term_df *a = x, *b = y;
	return a->df != b->df ? (a->df > b->df ? -1 : 1) : (a->id > b->id) - (a->id < b->id);
}

/* Which words get ranked lists, and how long: those of at least
 * rp->df_min records here (the other columns of the full-text index can
 * only add to that), the most frequent first while the budget lasts;
 * each list rp->k records and a share of the rest of the budget by its
 * frequency, but not more than a sixteenth of its records (the index
 * grows by at most half a byte a posting). Pass 1's tokens give the
 * mean record length. */
int postpass_ranked_plan(postpass_ranked *r, const pdx_df *words, const pdx_ranked_params *rp)
{
	const vocab_t *v = &words->v;
	term_df *ids = malloc((v->n + 1) * sizeof *ids);
	r->nslot = v->n;
	if (!(r->acc = ranked_acc_new(words->nrec ? (double)v->raw / words->nrec : 1)) || !ids ||
	    !(r->slot = malloc((v->n + 1) * sizeof *r->slot))) {
		free(ids);
		return PDX_ENOMEM;
	}
	size_t n = 0;
	for (size_t t = 0; t < v->n; t++) {
		r->slot[t] = -1;
		if (v->df[t] >= rp->df_min)
			ids[n++] = (term_df){ v->df[t], (uint32_t)t };
	}
	qsort(ids, n, sizeof *ids, cmp_df_desc);
	if (rp->k > 0 && n > (size_t)(rp->budget / rp->k))
		n = (size_t)(rp->budget / rp->k);
	double total = 0;
	for (size_t i = 0; i < n; i++)
		total += ids[i].df;
	double spare = (double)rp->budget - (double)n * rp->k;
	int rc = PDX_OK;
	for (size_t i = 0; rc == PDX_OK && i < n; i++) {
		/* at most a sixteenth of the word's records beyond rp->k */
		double k = rp->k + floor(spare * ids[i].df / total);
		if (k > rp->k + ids[i].df / 16.0)
			k = floor(rp->k + ids[i].df / 16.0);
		if (k > 1 << 16)
			k = 1 << 16;
		if ((r->slot[ids[i].id] = ranked_acc_term(r->acc, v->word[ids[i].id], (int)k)) < 0)
			rc = PDX_ENOMEM;
	}
	free(ids);
	return rc;
}

int postpass_ranked_store(postpass_ranked *r, pdx_db *db, long df_min)
{
	return ranked_acc_store(r->acc, db, df_min);
}

void postpass_ranked_clear(postpass_ranked *r)
{
	ranked_acc_free(r->acc);
	free(r->slot);
	memset(r, 0, sizeof *r);
}
