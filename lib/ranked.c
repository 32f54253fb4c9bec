/* impact.c - the best matches of a search without ranking every match.
 *
 * FTS5 ranks every match with bm25 before it returns the first: a word in
 * 5% of a million records costs 50 ms however few results are asked for.
 * bm25 adds one part per query word w:
 *
 *     idf(w) * F (k1 + 1) / (F + k1 (1 - b + b D / avgdl))
 *
 * where F is w's weighted count in the record and D the record's length
 * in tokens. The fraction, w's "impact" on the record, does not depend on
 * the query. For every word in at least df_min records the indexer's
 * pillar pass keeps an impact list (impact_acc_*): up to k records of high
 * impact with their F and D, and for the records left out, per F the
 * shortest D with the lowest id of that F and D. Impact grows with F and
 * falls with D, so those pairs bound every record left out whatever avgdl
 * is, and the list stays exact however it chose whom to keep.
 *
 * A search of plain words that all have lists takes its candidates from
 * them (Fagin's threshold algorithm, every list read whole). A record in
 * every list has its exact score. One missing from a list is bounded by
 * that list's pairs no shorter than its own D (none: it lacks the word and
 * does not match), and if it could still make the results, scored exactly
 * through FTS5 (pdx_tf, a rowid lookup). A record in no list scores at
 * most the sum of the lists' best left out, and ties that bound only with
 * an id no lower than theirs. The answer stands when the last result ranks
 * before every bound; else, when more than MAX_VERIFY records need FTS5,
 * or the filters keep too few candidates, the search declines and
 * db_search ranks every match. Scores use FTS5's bm25 operations in its
 * order, so they are the same doubles, and the order, ties included, is
 * db_search's.
 *
 * The lists describe the index as it was when built: every change of a
 * document deletes meta "impact" in its transaction and the next pass
 * rebuilds it; each result's F, D and the index's totals are checked
 * against FTS5 as the result is read. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_int.h"
#include "polidex/ranked.h"
#include "polidex/tokenizer.h"
#include "polidex/util.h"

#define MAX_TERMS 8
#define MAX_VERIFY 32
#define MAX_LIMIT 100		/* more results: db_search ranks every match */
#define FILTER_CHUNK 32		/* candidates tested at once, doubling */
#define ENTRY_BYTES 8		/* id (4), F (2), D (2), little-endian */
#define SKY_MAX 16		/* (F, D) pairs bounding the records left out */
#define PAIR_BYTES 12		/* F, D, lowest id */

const double impact_weight[FTS_NCOL] = { 10.0, 4.0, 2.0 };

#define TF_SQL "pdx_tf(actions_fts, " BM25_WEIGHTS_SQL ")"

/* bm25's per-word fraction, as fts5_aux.c computes it */
static double impact_of(double F, double D, double avgdl)
{
	const double k1 = 1.2;
	const double b = 0.75;
	return (F * (k1 + 1.0)) / (F + k1 * (1 - b + b * D / avgdl));
}

/* bm25's idf, as fts5_aux.c computes it */
static double idf_of(int64_t nrow, int64_t nhit)
{
	double idf = log((nrow - nhit + 0.5) / (nhit + 0.5));
	return idf <= 0.0 ? 1e-6 : idf;
}

static void put_u32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void put_u16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static uint32_t get_u16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* pdx_tf(actions_fts, w0, w1, w2): for the current row, a blob of
 * doubles: the index's rows and tokens, the row's tokens, and the
 * weighted count of each phrase of the query, as bm25 counts them. */
static void tf_function(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
			int nval, sqlite3_value **val)
{
	int nphrase = api->xPhraseCount(fts);
	double *out = sqlite3_malloc64((uint64_t)(3 + nphrase) * sizeof *out);
	if (!out) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	memset(out, 0, (size_t)(3 + nphrase) * sizeof *out);
	sqlite3_int64 nrow = 0, ntok = 0;
	int ninst = 0, size = 0;
	int rc = api->xRowCount(fts, &nrow);
	if (rc == SQLITE_OK)
		rc = api->xColumnTotalSize(fts, -1, &ntok);
	if (rc == SQLITE_OK)
		rc = api->xColumnSize(fts, -1, &size);
	if (rc == SQLITE_OK)
		rc = api->xInstCount(fts, &ninst);
	for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
		int ip, ic, io;
		rc = api->xInst(fts, i, &ip, &ic, &io);
		if (rc == SQLITE_OK && ip >= 0 && ip < nphrase)
			out[3 + ip] += nval > ic ? sqlite3_value_double(val[ic]) : 1.0;
	}
	if (rc != SQLITE_OK) {
		sqlite3_free(out);
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	out[0] = (double)nrow;
	out[1] = (double)ntok;
	out[2] = (double)size;
	sqlite3_result_blob(ctx, out, (int)((size_t)(3 + nphrase) * sizeof *out), sqlite3_free);
}

int impact_register(fts5_api *api)
{
	return api ? api->xCreateFunction(api, "pdx_tf", NULL, tf_function, NULL) : SQLITE_ERROR;
}

/* Building ------------------------------------------------------------- */

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
	pair out[SKY_MAX];	/* left out: per weighted count, the shortest row */
} ilist;

struct impact_acc {
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
 * SKY_MAX counts the two closest merge into (the higher F, the lower D,
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
	if (l->nout == SKY_MAX) {
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

impact_acc *impact_acc_new(double avgdl)
{
	impact_acc *a = calloc(1, sizeof *a);
	if (a)
		a->avgdl = avgdl > 0 ? avgdl : 1;
	return a;
}

void impact_acc_free(impact_acc *a)
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

int impact_acc_term(impact_acc *a, const char *term, int k)
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
	if (!(l->term = xstrdup(term)))
		return -1;
	return (int)a->n++;
}

int impact_acc_add(impact_acc *a, int64_t id, const impact_rec *r)
{
	int rc = PDX_OK;
	for (size_t i = 0; rc == PDX_OK && i < r->n; i++) {
		ilist *l = &a->l[r->slot[i]];
		rc = list_add(l, r->F[i], r->D, id, (float)impact_of(r->F[i], r->D, a->avgdl));
	}
	a->nrow++;
	a->ntok += r->D;
	return rc;
}

/* Counting one record ------------------------------------------------- */

int impact_counter_init(impact_counter *c, const impact_acc *a)
{
	memset(c, 0, sizeof *c);
	c->nslots = a->n;
	c->F = calloc(a->n + 1, sizeof *c->F);
	return c->F ? PDX_OK : PDX_ENOMEM;
}

void impact_counter_free(impact_counter *c)
{
	free(c->F);
	free(c->touched);
	memset(c, 0, sizeof *c);
}

void impact_counter_column(impact_counter *c, int col)
{
	c->col = col >= 0 && col < FTS_NCOL ? col : FTS_AGENCY_NAMES;
	c->colsize = 0;
}

int impact_counter_token(impact_counter *c, int slot, int tflags)
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
	c->F[slot] += impact_weight[c->col];
	return PDX_OK;
}

int impact_counter_take(impact_counter *c, impact_rec *r, uint32_t *slot, uint32_t *F)
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

int impact_acc_store(impact_acc *a, pdx_db *db, long df_min)
{
	sqlite3 *h = db_handle(db);
	sqlite3_stmt *ins = NULL;
	if (sqlite3_exec(h, "DELETE FROM ranked_lists", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO ranked_lists(term, df, list) VALUES (?1, ?2, ?3)", -1,
			       &ins, NULL) != SQLITE_OK)
		return PDX_ERR;
	int rc = PDX_OK;
	for (size_t i = 0; rc == PDX_OK && i < a->n; i++) {
		ilist *l = &a->l[i];
		if (l->df < df_min)
			continue;
		size_t len = 4 + (size_t)l->nout * PAIR_BYTES + (size_t)l->n * ENTRY_BYTES;
		unsigned char *blob = malloc(len), *p = blob;
		if (!blob) {
			rc = PDX_ENOMEM;
			break;
		}
		put_u32(p, (uint32_t)l->nout);
		p += 4;
		for (int j = 0; j < l->nout; j++, p += PAIR_BYTES) {
			put_u32(p, l->out[j].F);
			put_u32(p + 4, l->out[j].D);
			put_u32(p + 8, l->out[j].id);
		}
		for (int j = 0; j < l->n; j++, p += ENTRY_BYTES) {
			put_u32(p, l->heap[j].id);
			put_u16(p + 4, l->heap[j].F);
			put_u16(p + 6, l->heap[j].D);
		}
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, l->term, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 2, l->df);
		sqlite3_bind_blob(ins, 3, blob, (int)len, free);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = PDX_ERR;
	}
	sqlite3_finalize(ins);
	if (rc == PDX_OK) {
		char v[64];
		snprintf(v, sizeof v, "%lld %lld", (long long)a->nrow, (long long)a->ntok);
		rc = db_meta_set(db, "ranked_lists", v);
	}
	return rc;
}

/* Searching ------------------------------------------------------------ */

typedef struct {
	const unsigned char *blob;	/* the records listed, in no order */
	int n;
	int64_t df;
	double idf;
	const unsigned char *pairs;	/* the (F, D, id) bounding those left out */
	int npairs;
	double out;			/* impact of the best left out; < 0: none */
	uint32_t out_id;		/* a record left out with that impact has
					 * at least this id (0: unknown) */
	bool complete;			/* every record with the word is listed */
} qlist;

typedef struct {
	int64_t id;
	uint32_t D;
	int8_t pass;			/* the filters: 1 passed, -1 failed, 0 not yet */
	unsigned known;			/* bit i: in list i */
	double f[MAX_TERMS];
	double score;			/* exact, or an upper bound */
	bool exact;
} cand;

typedef struct {
	pdx_db *db;
	const pdx_search *q;
	int nterm;
	qlist l[MAX_TERMS];
	sqlite3_stmt *get[MAX_TERMS];
	int64_t nrow, ntok;
	double avgdl;
	cand *c;
	size_t nc;
	int32_t *slot;			/* open addressing over c, -1 empty */
	size_t nslot;
	/* the candidates in rank order, as far as needed: sorted[0..nsorted)
	 * taken off a heap of the others (few are needed; sorting them all
	 * cost a quarter of a search) */
	uint32_t *sorted, *heap;
	size_t nsorted, nheap;
} search;

/* The query's words when it is exactly "w1" "w2" ... and each phrase is
 * one token; false otherwise (the lone CJK character's prefix query, a
 * phrase of several words, any operator). */
typedef struct {
	char *w[MAX_TERMS];
	int n;
	bool bad;
} words;

static int on_query_token(void *arg, int tflags, const char *tok, int ntok, int start, int end)
{
	words *w = arg;
	(void)start;
	(void)end;
	if (tflags & FTS5_TOKEN_COLOCATED || w->n >= MAX_TERMS) {
		w->bad = true;
		return SQLITE_OK;
	}
	return (w->w[w->n++] = xstrndup(tok, (size_t)ntok)) ? SQLITE_OK : SQLITE_NOMEM;
}

static bool query_words(pdx_db *db, const char *match, words *w)
{
	fts5_tokenizer tk;
	Fts5Tokenizer *tok;
	if (tokenizer_create(db_fts5_api(db), &tk, &tok) != SQLITE_OK)
		return false;
	const char *p = match;
	while (!w->bad && *p) {
		if (*p != '"') {
			w->bad = true;
			break;
		}
		const char *q = strchr(p + 1, '"');
		if (!q || q[1] == '"' || (q[1] && q[1] != ' ') || q == p + 1) {
			w->bad = true;
			break;
		}
		int before = w->n;
		if (tk.xTokenize(tok, w, FTS5_TOKENIZE_QUERY, p + 1, (int)(q - p - 1),
				 on_query_token) != SQLITE_OK || w->n != before + 1)
			w->bad = true;
		p = q + 1;
		while (*p == ' ')
			p++;
	}
	tk.xDelete(tok);
	for (int i = 0; !w->bad && i < w->n; i++)
		for (int j = 0; j < i; j++)
			if (strcmp(w->w[i], w->w[j]) == 0)
				w->bad = true;
	return !w->bad && w->n > 0;
}

/* The slot of candidate id, or the empty one where it would go. */
static size_t cand_slot(const search *s, int64_t id)
{
	size_t h = ((uint64_t)id * 0x9E3779B97F4A7C15ULL) >> 20 & (s->nslot - 1);
	while (s->slot[h] >= 0 && s->c[s->slot[h]].id != id)
		h = (h + 1) & (s->nslot - 1);
	return h;
}

/* Candidate id, added when new. */
static cand *cand_of(search *s, int64_t id)
{
	size_t h = cand_slot(s, id);
	if (s->slot[h] >= 0)
		return &s->c[s->slot[h]];
	cand *c = &s->c[s->nc];
	memset(c, 0, sizeof *c);
	c->id = id;
	s->slot[h] = (int32_t)s->nc++;
	return c;
}

/* exact score, or bound (f[i] of a word not known: its bound): the parts
 * in query order, as bm25 adds them */
static void rescore(search *s, cand *c)
{
	double score = 0.0;
	for (int i = 0; i < s->nterm; i++)
		score += s->l[i].idf * c->f[i];
	c->score = score;
	c->exact = c->known == (1u << s->nterm) - 1;
}

static int cmp_cand(const void *x, const void *y)
{
	const cand *a = x, *b = y;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* pdx_tf()'s value for c's row: the index is the one the lists describe
 * (rows, tokens, the row's length) and c's known words weigh what the
 * lists say; the others get their weight from it. */
static bool tf_agrees(search *s, cand *c, const void *blob, int bytes)
{
	double v[3 + MAX_TERMS];
	if (!blob || bytes != (3 + s->nterm) * (int)sizeof(double))
		return false;
	memcpy(v, blob, (size_t)bytes);
	if ((int64_t)v[0] != s->nrow || (int64_t)v[1] != s->ntok ||
	    (c->known && v[2] != (double)c->D))
		return false;
	for (int i = 0; i < s->nterm; i++) {
		double f = impact_of(v[3 + i], v[2], s->avgdl);
		if (c->known >> i & 1 && f != c->f[i])
			return false;
		c->f[i] = f;
	}
	c->D = (uint32_t)v[2];
	c->known = (1u << s->nterm) - 1;
	rescore(s, c);
	return true;
}

/* Restore the heap below i: the candidate that ranks first on top. */
static void order_down(search *s, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < s->nheap && cmp_cand(&s->c[s->heap[l]], &s->c[s->heap[m]]) < 0)
			m = l;
		if (r < s->nheap && cmp_cand(&s->c[s->heap[r]], &s->c[s->heap[m]]) < 0)
			m = r;
		if (m == i)
			return;
		uint32_t t = s->heap[i];
		s->heap[i] = s->heap[m];
		s->heap[m] = t;
		i = m;
	}
}

/* Score c exactly through FTS5 (the full query, on its row alone): 0
 * when it does not match; -1 when the index is not what the lists say. */
static int verify(search *s, sqlite3_stmt *st, cand *c)
{
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 2, c->id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return 0;
	return rc == SQLITE_ROW && tf_agrees(s, c, sqlite3_column_blob(st, 0),
					     sqlite3_column_bytes(st, 0)) ? 1 : -1;
}

typedef struct {
	search *s;
	cand *r;
} result_check;

static bool result_agrees(void *arg, size_t i, const void *blob, int bytes)
{
	result_check *rc = arg;
	return tf_agrees(rc->s, &rc->r[i], blob, bytes);
}

static bool has_filters(const pdx_search *q)
{
	return q->kind || q->pillar || q->lang || q->doc || q->nagencies || q->role || q->from || q->to;
}

static int load_lists(search *s, words *w)
{
	char *meta = NULL;
	long long nrow = 0, ntok = 0;
	if (db_meta_get(s->db, "ranked_lists", &meta) != PDX_OK || !meta ||
	    sscanf(meta, "%lld %lld", &nrow, &ntok) != 2 || nrow <= 0) {
		free(meta);
		return PDX_DECLINED;
	}
	free(meta);
	s->nrow = nrow;
	s->ntok = ntok;
	s->avgdl = (double)ntok / (double)nrow;
	sqlite3 *h = db_handle(s->db);
	for (int i = 0; i < w->n; i++) {
		if (sqlite3_prepare_v2(h, "SELECT df, list FROM ranked_lists WHERE term = ?1", -1,
				       &s->get[i], NULL) != SQLITE_OK)
			return PDX_DECLINED;	/* an older database: no table */
		sqlite3_bind_text(s->get[i], 1, w->w[i], -1, SQLITE_STATIC);
		if (sqlite3_step(s->get[i]) != SQLITE_ROW)
			return PDX_DECLINED;
		qlist *l = &s->l[i];
		l->df = sqlite3_column_int64(s->get[i], 0);
		const unsigned char *p = sqlite3_column_blob(s->get[i], 1);
		int len = sqlite3_column_bytes(s->get[i], 1);
		uint32_t nout = p && len >= 4 ? get_u32(p) : UINT32_MAX;
		int head = nout <= SKY_MAX ? 4 + PAIR_BYTES * (int)nout : 0;
		if (!head || len < head || (len - head) % ENTRY_BYTES)
			return PDX_DECLINED;
		l->blob = p + head;
		l->n = (len - head) / ENTRY_BYTES;
		l->complete = nout == 0;
		if (l->complete != (l->n >= l->df))
			return PDX_DECLINED;
		l->idf = idf_of(s->nrow, l->df);
		l->pairs = p + 4;
		l->npairs = (int)nout;
		l->out = -1;
		for (int j = 0; j < l->npairs; j++) {
			const unsigned char *o = l->pairs + (size_t)j * PAIR_BYTES;
			double f = impact_of(get_u32(o), get_u32(o + 4), s->avgdl);
			if (f > l->out)
				l->out = f;
		}
		/* the pairs of (nearly) that impact: ties need all their ids */
		l->out_id = UINT32_MAX;
		for (int j = 0; j < l->npairs; j++) {
			const unsigned char *o = l->pairs + (size_t)j * PAIR_BYTES;
			double f = impact_of(get_u32(o), get_u32(o + 4), s->avgdl);
			if (f >= l->out * (1 - 1e-12) && get_u32(o + 8) < l->out_id)
				l->out_id = get_u32(o + 8);
		}
		if (!l->npairs)
			l->out_id = 0;
	}
	s->nterm = w->n;
	return PDX_OK;
}

/* The most a record of length D left out of l can have: the best of
 * the pairs whose shortest row is not longer; -1 when none is (then the
 * record does not have the word at all). */
static double bound_for(const search *s, const qlist *l, uint32_t D)
{
	/* for one D the impact grows with F: the highest F that fits */
	uint32_t F = 0;
	for (int j = 0; j < l->npairs; j++) {
		const unsigned char *o = l->pairs + (size_t)j * PAIR_BYTES;
		if (get_u32(o + 4) <= D && get_u32(o) > F)
			F = get_u32(o);
	}
	return F ? impact_of(F, D, s->avgdl) : -1;
}

/* The candidates: every listed record, scored or bounded; a record
 * missing from a list that could not hold it does not match. */
static int gather(search *s)
{
	size_t total = 0;
	for (int i = 0; i < s->nterm; i++)
		total += (size_t)s->l[i].n;
	for (s->nslot = 64; s->nslot < 2 * total; s->nslot *= 2)
		;
	if (!(s->c = malloc((total ? total : 1) * sizeof *s->c)) ||
	    !(s->slot = malloc(s->nslot * sizeof *s->slot)))
		return PDX_ENOMEM;
	memset(s->slot, 0xff, s->nslot * sizeof *s->slot);
	for (int i = 0; i < s->nterm; i++) {
		const qlist *l = &s->l[i];
		for (int j = 0; j < l->n; j++) {
			const unsigned char *p = l->blob + (size_t)j * ENTRY_BYTES;
			cand *c = cand_of(s, get_u32(p));
			c->D = get_u16(p + 6);
			c->f[i] = impact_of(get_u16(p + 4), c->D, s->avgdl);
			c->known |= 1u << i;
		}
	}
	if (!(s->sorted = malloc((s->nc + 1) * sizeof *s->sorted)) ||
	    !(s->heap = malloc((s->nc + 1) * sizeof *s->heap)))
		return PDX_ENOMEM;
	for (size_t j = 0; j < s->nc; j++) {
		cand *c = &s->c[j];
		bool gone = false;
		for (int i = 0; i < s->nterm && !gone; i++)
			if (!(c->known >> i & 1))
				gone = (c->f[i] = bound_for(s, &s->l[i], c->D)) < 0;
		if (gone)
			continue;
		rescore(s, c);
		s->heap[s->nheap++] = (uint32_t)j;
	}
	for (size_t i = s->nheap / 2; i-- > 0;)
		order_down(s, i);
	return PDX_OK;
}

/* The candidate of rank j (0 first), or NULL past the last. */
static cand *nth(search *s, size_t j)
{
	while (s->nsorted <= j && s->nheap > 0) {
		s->sorted[s->nsorted++] = s->heap[0];
		s->heap[0] = s->heap[--s->nheap];
		order_down(s, 0);
	}
	return j < s->nsorted ? &s->c[s->sorted[j]] : NULL;
}

/* Insert c into the results r[0..*n) kept in rank order, at most limit. */
static void take(cand *r, size_t *n, size_t limit, const cand *c)
{
	size_t pos = *n;
	while (pos > 0 && cmp_cand(c, &r[pos - 1]) < 0)
		pos--;
	if (pos >= limit)
		return;
	size_t last = *n < limit ? *n : limit - 1;
	memmove(&r[pos + 1], &r[pos], (last - pos) * sizeof *r);
	r[pos] = *c;
	if (*n < limit)
		(*n)++;
}

/* Test the filters on candidates from; *chunk of them, twice as many
 * next time; *passed counts those that pass. */
static int filter_from(search *s, sqlite3_stmt *filter, size_t from, size_t *chunk,
		       size_t *passed)
{
	size_t to = from;
	while (to < from + *chunk && nth(s, to))
		to++;
	*chunk *= 2;
	pdx_buf ids;
	buf_init(&ids);
	buf_addc(&ids, '[');
	for (size_t j = from; j < to; j++) {
		cand *c = nth(s, j);
		buf_printf(&ids, "%s%lld", j > from ? "," : "", (long long)c->id);
		c->pass = -1;
	}
	buf_addc(&ids, ']');
	if (!ids.s)
		return PDX_ENOMEM;
	sqlite3_reset(filter);
	sqlite3_bind_text(filter, 1, ids.s, (int)ids.len, SQLITE_TRANSIENT);
	buf_free(&ids);
	int rc;
	while ((rc = sqlite3_step(filter)) == SQLITE_ROW) {
		/* one of the candidates just listed */
		size_t h = cand_slot(s, sqlite3_column_int64(filter, 0));
		cand *c = s->slot[h] >= 0 ? &s->c[s->slot[h]] : NULL;
		if (c && c->pass < 0) {
			c->pass = 1;
			(*passed)++;
		}
	}
	return rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

static int run(search *s, pdx_hits *hits)
{
	const pdx_search *q = s->q;
	size_t limit = (size_t)q->limit;
	double unseen = 0.0;	/* bound of a record in no list */
	uint32_t unseen_id = 0;	/* ... whose id, at that bound, is at least */
	bool none_unseen = false;
	for (int i = 0; i < s->nterm; i++) {
		if (s->l[i].complete)
			none_unseen = true;
		else
			unseen += s->l[i].idf * s->l[i].out;
		if (s->l[i].out_id > unseen_id)
			unseen_id = s->l[i].out_id;
	}
	int rc = gather(s);
	if (rc)
		return rc;
	cand *r = malloc(limit * sizeof *r);
	int64_t *ids = malloc(limit * sizeof *ids);
	double *rank = malloc(limit * sizeof *rank);
	sqlite3_stmt *st = NULL, *filter = NULL;
	size_t nr = 0, chunk = FILTER_CHUNK, passed = 0;
	/* testing a candidate's filters costs about what ranking four
	 * matches does: past that, ranking every match is cheaper */
	size_t max_tested = SIZE_MAX;
	for (int i = 0; i < s->nterm; i++)
		if ((size_t)s->l[i].df / 4 < max_tested)
			max_tested = (size_t)s->l[i].df / 4;
	int verified = 0;
	if (!r || !ids || !rank) {
		rc = PDX_ENOMEM;
		goto out;
	}
	if (sqlite3_prepare_v2(db_handle(s->db), "SELECT " TF_SQL
			       " FROM actions_fts WHERE actions_fts MATCH ?1 AND rowid = ?2", -1,
			       &st, NULL) != SQLITE_OK ||
	    (has_filters(q) && db_filter_stmt(s->db, q, &filter))) {
		rc = PDX_DECLINED;
		goto out;
	}
	sqlite3_bind_text(st, 1, q->match, -1, SQLITE_STATIC);
	/* candidates by score or bound, best first, until the rest rank
	 * below the last result: an exact one joins the results if it
	 * passes the filters; a bounded one is scored through FTS5 first */
	cand *c;
	for (size_t j = 0; (c = nth(s, j)); j++) {
		/* the rest, bounds included, rank after the last result:
		 * at most its score, and a higher id when equal */
		if (nr == limit && cmp_cand(c, &r[limit - 1]) > 0)
			break;
		if (filter && !c->pass) {
			/* the filters keep too few to fill the results: rank
			 * every match instead of testing the rest */
			if (j >= max_tested ||
			    (j >= 4 * FILTER_CHUNK && (double)passed * (double)s->nc < (double)limit * (double)j)) {
				rc = PDX_DECLINED;
				goto out;
			}
			if ((rc = filter_from(s, filter, j, &chunk, &passed)) != PDX_OK)
				goto out;
		}
		if (filter && c->pass < 0)
			continue;
		if (!c->exact) {
			if (++verified > MAX_VERIFY) {
				rc = PDX_DECLINED;
				goto out;
			}
			int v = verify(s, st, c);
			if (v < 0) {
				rc = PDX_DECLINED;
				goto out;
			}
			if (v == 0)
				continue;
		}
		take(r, &nr, limit, c);
	}
	/* exact when the last result ranks before any record in no list:
	 * one that scores the bound has every word at its best left out,
	 * so an id not below theirs */
	if (!none_unseen && !(nr == limit && (r[limit - 1].score > unseen ||
					      (r[limit - 1].score == unseen &&
					       r[limit - 1].id < (int64_t)unseen_id)))) {
		rc = PDX_DECLINED;
		goto out;
	}
	for (size_t i = 0; i < nr; i++) {
		ids[i] = r[i].id;
		rank[i] = -1.0 * r[i].score;
	}
	/* every result is checked against FTS5 as it is read: the lists
	 * must describe the index as it is */
	result_check chk = { s, r };
	rc = db_hits_by_ids(s->db, q->match, ids, rank, nr, TF_SQL, result_agrees, &chk, hits);
out:
	sqlite3_finalize(st);
	sqlite3_finalize(filter);
	free(r);
	free(ids);
	free(rank);
	return rc;
}

int impact_search(pdx_db *db, const pdx_search *q, pdx_hits *hits)
{
	if (!q->match || q->limit <= 0 || q->limit > MAX_LIMIT)
		return PDX_DECLINED;
	words w = { 0 };
	search s = { .db = db, .q = q };
	int rc = PDX_DECLINED;
	/* one snapshot for the lists and the index they describe: an
	 * indexer may commit between two statements */
	sqlite3 *h = db_handle(db);
	bool own = sqlite3_get_autocommit(h) && sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	if (query_words(db, q->match, &w) && (rc = load_lists(&s, &w)) == PDX_OK)
		rc = run(&s, hits);
	for (int i = 0; i < MAX_TERMS; i++) {
		sqlite3_finalize(s.get[i]);
		free(w.w[i]);
	}
	free(s.c);
	free(s.slot);
	free(s.sorted);
	free(s.heap);
	if (own)
		sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	return rc;
}
