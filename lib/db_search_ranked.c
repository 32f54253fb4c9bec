/* ranked.c - the best matches of a search without ranking every match:
 * the search side of the ranked lists (polidex/ranked.h).
 *
 * FTS5 ranks every match with bm25 before it returns the first: a word in
 * 5% of a million records costs 50 ms however few results are asked for.
 * bm25 adds one part per query word w:
 *
 *     idf(w) * F (k1 + 1) / (F + k1 (1 - b + b D / avgdl))
 *
 * where F is w's weighted count in the record and D the record's length
 * in tokens. The fraction, w's "impact" on the record (ranked_bm25_tf),
 * does not depend on the query. For every word in at least df_min records
 * the indexer's post-pass keeps a ranked list (indexer/postpass_ranked.c):
 * up to k records of high impact with their F and D, and for the records
 * left out, per F the shortest D with the lowest id of that F and D.
 * Impact grows with F and falls with D, so those pairs bound every record
 * left out whatever avgdl is, and the list stays exact however it chose
 * whom to keep.
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
 * document deletes meta RANKED_META in its transaction and the next pass
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

/* BM25_WEIGHTS_SQL's, for the indexer that counts the words */
const double ranked_weight[FTS_NCOL] = { 10.0, 4.0, 2.0 };

#define TF_SQL "pdx_tf(actions_fts, " BM25_WEIGHTS_SQL ")"

/* bm25's idf, as fts5_aux.c computes it */
static double idf_of(int64_t nrow, int64_t nhit)
{
	double idf = log((nrow - nhit + 0.5) / (nhit + 0.5));
	return idf <= 0.0 ? 1e-6 : idf;
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

int ranked_register(fts5_api *api)
{
	return api ? api->xCreateFunction(api, "pdx_tf", NULL, tf_function, NULL) : SQLITE_ERROR;
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
	return (w->w[w->n++] = pdx_strndup(tok, (size_t)ntok)) ? SQLITE_OK : SQLITE_NOMEM;
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

/* The slot of candidate id, or the empty one where it would go. The
 * table is this search's own (sized once, int64 keys, a multiplicative
 * hash) rather than a generic one: it is probed for every posting a search
 * reads (see polidex/containers.h). */
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
		double f = ranked_bm25_tf(v[3 + i], v[2], s->avgdl);
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
	return q->kind || q->pillar || q->lang || q->doc || q->type || q->fr || q->eo || q->nagencies || q->role || q->from || q->to;
}

static int load_lists(search *s, words *w)
{
	char *meta = NULL;
	long long nrow = 0, ntok = 0;
	if (db_meta_get(s->db, RANKED_META, &meta) != PDX_OK || !meta ||
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
		if (sqlite3_prepare_v2(h, "SELECT df, list FROM " RANKED_TABLE " WHERE term = ?1", -1,
				       &s->get[i], NULL) != SQLITE_OK)
			return PDX_DECLINED;	/* an older database: no table */
		sqlite3_bind_text(s->get[i], 1, w->w[i], -1, SQLITE_STATIC);
		if (sqlite3_step(s->get[i]) != SQLITE_ROW)
			return PDX_DECLINED;
		qlist *l = &s->l[i];
		l->df = sqlite3_column_int64(s->get[i], 0);
		const unsigned char *p = sqlite3_column_blob(s->get[i], 1);
		int len = sqlite3_column_bytes(s->get[i], 1);
		uint32_t nout = p && len >= 4 ? ranked_get_u32(p) : UINT32_MAX;
		int head = nout <= RANKED_SKY_MAX ? 4 + RANKED_PAIR_BYTES * (int)nout : 0;
		if (!head || len < head || (len - head) % RANKED_ENTRY_BYTES)
			return PDX_DECLINED;
		l->blob = p + head;
		l->n = (len - head) / RANKED_ENTRY_BYTES;
		l->complete = nout == 0;
		if (l->complete != (l->n >= l->df))
			return PDX_DECLINED;
		l->idf = idf_of(s->nrow, l->df);
		l->pairs = p + 4;
		l->npairs = (int)nout;
		l->out = -1;
		for (int j = 0; j < l->npairs; j++) {
			const unsigned char *o = l->pairs + (size_t)j * RANKED_PAIR_BYTES;
			double f = ranked_bm25_tf(ranked_get_u32(o), ranked_get_u32(o + 4), s->avgdl);
			if (f > l->out)
				l->out = f;
		}
		/* the pairs of (nearly) that impact: ties need all their ids */
		l->out_id = UINT32_MAX;
		for (int j = 0; j < l->npairs; j++) {
			const unsigned char *o = l->pairs + (size_t)j * RANKED_PAIR_BYTES;
			double f = ranked_bm25_tf(ranked_get_u32(o), ranked_get_u32(o + 4), s->avgdl);
			if (f >= l->out * (1 - 1e-12) && ranked_get_u32(o + 8) < l->out_id)
				l->out_id = ranked_get_u32(o + 8);
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
		const unsigned char *o = l->pairs + (size_t)j * RANKED_PAIR_BYTES;
		if (ranked_get_u32(o + 4) <= D && ranked_get_u32(o) > F)
			F = ranked_get_u32(o);
	}
	return F ? ranked_bm25_tf(F, D, s->avgdl) : -1;
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
			const unsigned char *p = l->blob + (size_t)j * RANKED_ENTRY_BYTES;
			cand *c = cand_of(s, ranked_get_u32(p));
			c->D = ranked_get_u16(p + 6);
			c->f[i] = ranked_bm25_tf(ranked_get_u16(p + 4), c->D, s->avgdl);
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
	pdx_buf_init(&ids);
	pdx_buf_addc(&ids, '[');
	for (size_t j = from; j < to; j++) {
		cand *c = nth(s, j);
		pdx_buf_printf(&ids, "%s%lld", j > from ? "," : "", (long long)c->id);
		c->pass = -1;
	}
	pdx_buf_addc(&ids, ']');
	if (!ids.s)
		return PDX_ENOMEM;
	sqlite3_reset(filter);
	sqlite3_bind_text(filter, 1, ids.s, (int)ids.len, SQLITE_TRANSIENT);
	pdx_buf_clear(&ids);
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

int ranked_search(pdx_db *db, const pdx_search *q, pdx_hits *hits)
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
