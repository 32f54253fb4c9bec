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
	bool dirty;		/* changed since loaded (an incremental pass) */
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
	l->dirty = true;
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

/* A stored list read back (postpass_ranked_load): its records kept and
 * its bounds as they were, its length at least what it holds. */
static int acc_load(ranked_acc *a, const char *term, int64_t df, const unsigned char *p, size_t len,
		    int k)
{
	uint32_t nout = len >= 4 ? ranked_get_u32(p) : UINT32_MAX;
	size_t head = nout <= RANKED_SKY_MAX ? 4 + RANKED_PAIR_BYTES * (size_t)nout : 0;
	if (!head || len < head || (len - head) % RANKED_ENTRY_BYTES)
		return -2;	/* not a list of ours: a whole pass */
	size_t n = (len - head) / RANKED_ENTRY_BYTES;
	if ((size_t)k < n)
		k = n > (1u << 20) ? 1 << 20 : (int)n;
	int slot = ranked_acc_term(a, term, k);
	if (slot < 0)
		return -1;
	ilist *l = &a->l[slot];
	l->df = df;
	l->nout = (int)nout;
	for (uint32_t j = 0; j < nout; j++) {
		const unsigned char *o = p + 4 + (size_t)j * RANKED_PAIR_BYTES;
		l->out[j] = (pair){ ranked_get_u32(o), ranked_get_u32(o + 4), ranked_get_u32(o + 8) };
	}
	if (n && !(l->heap = malloc((size_t)l->k * sizeof *l->heap)))
		return -1;
	for (size_t j = 0; j < n && (int)j < l->k; j++) {
		const unsigned char *e = p + head + j * RANKED_ENTRY_BYTES;
		uint32_t F = ranked_get_u16(e + 4), D = ranked_get_u16(e + 6);
		l->heap[l->n] = (entry){ (float)ranked_bm25_tf(F, D, a->avgdl), ranked_get_u32(e),
					 (uint16_t)F, (uint16_t)D };
		sift_up(l->heap, l->n++);
	}
	if (l->n) {
		l->root_f = l->heap[0].f;
		l->root_id = l->heap[0].id;
	}
	return slot;
}

/* Record id (its words' slots and counts in r) taken out of the lists:
 * each list's count falls, and a listed record leaves; the bounds of the
 * records left out stay (they bound fewer). A list that then holds every
 * record of its word needs no bounds. */
static void acc_remove(ranked_acc *a, int64_t id, const ranked_rec *r)
{
	for (size_t i = 0; i < r->n; i++) {
		ilist *l = &a->l[r->slot[i]];
		if (l->df > 0)
			l->df--;
		l->dirty = true;
		for (int j = 0; j < l->n; j++) {
			if (l->heap[j].id != (uint32_t)id)
				continue;
			l->heap[j] = l->heap[--l->n];
			/* the heap again: the simplest is to build it anew */
			for (int q = l->n / 2; q-- > 0;)
				sift_down(l->heap, l->n, q);
			break;
		}
		if (l->n) {
			l->root_f = l->heap[0].f;
			l->root_id = l->heap[0].id;
		}
		if (l->nout && l->n >= l->df)
			l->nout = 0;
	}
	a->nrow--;
	a->ntok -= r->D;
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

/* A list as stored (polidex/ranked.h); NULL: no memory. */
static unsigned char *list_blob(const ilist *l, size_t *len)
{
	*len = 4 + (size_t)l->nout * RANKED_PAIR_BYTES + (size_t)l->n * RANKED_ENTRY_BYTES;
	unsigned char *blob = malloc(*len), *p = blob;
	if (!blob)
		return NULL;
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
	return blob;
}

int ranked_acc_store(ranked_acc *a, pdx_db *db, long df_min)
{
	pdx_ranked_writer *w = NULL;
	int rc = db_ranked_open(db, &w);
	for (size_t i = 0; rc == PDX_OK && i < a->n; i++) {
		ilist *l = &a->l[i];
		if (l->df < df_min)
			continue;
		size_t len;
		unsigned char *blob = list_blob(l, &len);
		if (!blob) {
			rc = PDX_ENOMEM;
			break;
		}
		rc = db_ranked_add(w, l->term, l->df, blob, len);
		free(blob);
	}
	db_ranked_close(w);
	if (rc == PDX_OK)
		rc = db_ranked_stamp(db, a->nrow, a->ntok);
	return rc;
}

/* The changed lists, each in place of its old row, and the totals. */
static int acc_store_changed(ranked_acc *a, pdx_db *db)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db_handle(db), "UPDATE " RANKED_TABLE " SET df = ?2, list = ?3"
			       " WHERE term = ?1", -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	int rc = PDX_OK;
	for (size_t i = 0; rc == PDX_OK && i < a->n; i++) {
		ilist *l = &a->l[i];
		if (!l->dirty)
			continue;
		size_t len;
		unsigned char *blob = list_blob(l, &len);
		if (!blob) {
			rc = PDX_ENOMEM;
			break;
		}
		sqlite3_bind_text(s, 1, l->term, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, l->df);
		sqlite3_bind_blob(s, 3, blob, (int)len, SQLITE_TRANSIENT);
		rc = sqlite3_step(s) == SQLITE_DONE ? PDX_OK : PDX_ERR;
		sqlite3_reset(s);
		free(blob);
	}
	sqlite3_finalize(s);
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

int postpass_ranked_load(postpass_ranked *r, pdx_db *db, pdx_df *words, const postpass_state *st)
{
	vocab_t *v = &words->v;
	if (!(r->acc = ranked_acc_new(words->nrec ? (double)v->raw / words->nrec : 1)))
		return PDX_ENOMEM;
	r->acc->nrow = st->nrow;
	r->acc->ntok = st->ntok;
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db_handle(db), "SELECT term, df, list FROM " RANKED_TABLE, -1, &s,
			       NULL) != SQLITE_OK)
		return PDX_ERR;
	int rc = PDX_OK, st3;
	int32_t *sl = NULL;
	size_t nsl = 0;
	while (rc == PDX_OK && (st3 = sqlite3_step(s)) == SQLITE_ROW) {
		const char *term = (const char *)sqlite3_column_text(s, 0);
		const unsigned char *blob = sqlite3_column_blob(s, 2);
		size_t len = (size_t)sqlite3_column_bytes(s, 2);
		if (!term)
			continue;
		uint32_t id = vocab_id(v, term, strlen(term), &rc);
		if (rc)
			break;
		int slot = acc_load(r->acc, term, sqlite3_column_int64(s, 1), blob, len, PDX_RANKED_K);
		if (slot == -2) {
			rc = PDX_ERR;
			break;
		}
		if (slot < 0) {
			rc = PDX_ENOMEM;
			break;
		}
		if (id >= nsl) {
			size_t n = (size_t)id + 1024;
			int32_t *x = realloc(sl, n * sizeof *x);
			if (!x) {
				rc = PDX_ENOMEM;
				break;
			}
			for (size_t k = nsl; k < n; k++)
				x[k] = -1;
			sl = x;
			nsl = n;
		}
		sl[id] = slot;
	}
	if (rc == PDX_OK && st3 != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	r->slot = sl;
	r->nslot = nsl;
	return rc;
}

int postpass_ranked_store_changed(postpass_ranked *r, pdx_db *db)
{
	return acc_store_changed(r->acc, db);
}

int postpass_ranked_remove(postpass_ranked *r, int64_t id, const ranked_rec *rec)
{
	acc_remove(r->acc, id, rec);
	return PDX_OK;
}

void postpass_ranked_totals(const postpass_ranked *r, int64_t *nrow, int64_t *ntok)
{
	*nrow = r->acc ? r->acc->nrow : 0;
	*ntok = r->acc ? r->acc->ntok : 0;
}
