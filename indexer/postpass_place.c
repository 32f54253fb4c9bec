/* postpass_place.c - pillars for the records the plan's structure does not place.
 *
 * The plan is its own reference. Its sections, as stored (every record the
 * plan's structure put in a section: the heading, the narrative, the
 * recommended actions), become tf-idf vectors; so does each pillar's term
 * list (data/pillar_terms.json), one vector per pillar, which carries the
 * pillars the indexed plan lacks and the Chinese vocabulary the English
 * plan cannot. A record is tokenized as the index tokenizes it (Porter
 * stems, CJK bigrams), weighted by idf over the whole collection, and
 * compared by cosine with every vector at once through an inverted index:
 * one pass over the records, no SQL per record and section. It takes the
 * pillar of its best match when that reaches PLACE_MIN; its best plan
 * sections (PLACE_MIN or more, up to three) become links, each with the
 * section's action it resembles most.
 *
 * Document smoothing: when a document is clearly about one pillar (at
 * least three of its placed records, and two thirds of them, in it), a
 * record of it left unplaced whose score for that pillar still reaches
 * WEAK_MIN takes that pillar; boilerplate (dates, signatures, "General
 * Provisions") scores below WEAK_MIN and stays without a pillar.
 *
 * PILLAR_EVALUATE scores the records placed by structure too, as if they
 * had none: text only (their section heading is structure), each left out
 * of the section vector it helped build, their structure hidden from the
 * smoothing; agreement with structure is the placement accuracy. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postpass.h"
#include "polidex/db_write.h"
#include "polidex/ranked.h"
#include "polidex/pillar.h"
#include "polidex/tokenizer.h"
#include "polidex/util.h"

/* Thresholds on the cosine, set on the corpus (see tests/cli/t_pillars.sh
 * for the placement accuracy they give). */
#define PLACE_MIN 0.09		/* placed by content, and linked */
#define WEAK_MIN 0.03		/* placed by the document's pillar */
#define SECTION_WEIGHT 0.5	/* a record's section heading, against its text */
#define TERM_WEIGHT 0.5	/* the term lists' share, against the plan's cosine */
#define TERM_WEIGHT_ALONE 0.75	/* ... for a pillar the plan indexed lacks */
#define DOC_PRIOR 0.2		/* the document's share, see place() */
#define MAX_LINKS 3
#define TRIPLES_COMPACT 65536	/* triples before the first compaction */

/* Vocabulary ----------------------------------------------------------- */

#define NO_TERM UINT32_MAX

typedef struct {
	uint32_t *slot;		/* open addressing: term id + 1; 0 empty */
	size_t nslot;
	char **word;		/* id -> token */
	uint32_t *df;		/* id -> records holding it */
	double *tf;		/* id -> weight in the record at hand */
	size_t n, cap;
	uint32_t *touched;	/* ids with tf != 0 in the record at hand */
	size_t ntouched, touched_cap;
	bool frozen;		/* no new terms (scoring) */
	double unknown;		/* weight of tokens not in a frozen vocabulary */
	long raw;		/* tokens seen, as FTS5 counts a row's length */
	double weight;		/* weight of the tokens being added */
} vocab_t;

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static int vocab_rehash(vocab_t *v)
{
	size_t nslot = v->nslot ? v->nslot * 2 : 4096;
	uint32_t *slot = calloc(nslot, sizeof *slot);
	if (!slot)
		return PDX_ENOMEM;
	for (size_t id = 0; id < v->n; id++) {
		size_t h = hash_bytes(v->word[id], strlen(v->word[id])) & (nslot - 1);
		while (slot[h])
			h = (h + 1) & (nslot - 1);
		slot[h] = (uint32_t)id + 1;
	}
	free(v->slot);
	v->slot = slot;
	v->nslot = nslot;
	return PDX_OK;
}

/* The id of tok[0..n), added unless the vocabulary is frozen; NO_TERM
 * when frozen and unknown, or out of memory (*rc set). */
static uint32_t vocab_id(vocab_t *v, const char *tok, size_t n, int *rc)
{
	if (v->n * 2 >= v->nslot && !v->frozen && (*rc = vocab_rehash(v)))
		return NO_TERM;
	size_t h = hash_bytes(tok, n) & (v->nslot - 1);
	while (v->slot[h]) {
		const char *w = v->word[v->slot[h] - 1];
		if (strncmp(w, tok, n) == 0 && w[n] == '\0')
			return v->slot[h] - 1;
		h = (h + 1) & (v->nslot - 1);
	}
	if (v->frozen)
		return NO_TERM;
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 4096;
		char **w = realloc(v->word, cap * sizeof *w);
		uint32_t *df = w ? realloc(v->df, cap * sizeof *df) : NULL;
		double *tf = df ? realloc(v->tf, cap * sizeof *tf) : NULL;
		if (w)
			v->word = w;
		if (df)
			v->df = df;
		if (!tf) {
			*rc = PDX_ENOMEM;
			return NO_TERM;
		}
		v->tf = tf;
		v->cap = cap;
	}
	if (!(v->word[v->n] = xstrndup(tok, n))) {
		*rc = PDX_ENOMEM;
		return NO_TERM;
	}
	v->df[v->n] = 0;
	v->tf[v->n] = 0;
	v->slot[h] = (uint32_t)v->n + 1;
	return (uint32_t)v->n++;
}

static void vocab_free(vocab_t *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->word[i]);
	free(v->word);
	free(v->slot);
	free(v->df);
	free(v->tf);
	free(v->touched);
}

/* Forget the record at hand. */
static void vocab_clear(vocab_t *v)
{
	for (size_t i = 0; i < v->ntouched; i++)
		v->tf[v->touched[i]] = 0;
	v->ntouched = 0;
	v->unknown = 0;
}

/* Numbers and one-letter Latin tokens say nothing of a pillar. */
static bool says_nothing(const char *tok, int ntok)
{
	bool digits = true;
	for (int i = 0; i < ntok && digits; i++)
		digits = tok[i] >= '0' && tok[i] <= '9';
	return digits || (ntok == 1 && (unsigned char)tok[0] < 0x80);
}

/* Count the term id (NO_TERM: not in the vocabulary) in the record at
 * hand. */
static int count_term(vocab_t *v, uint32_t id)
{
	if (id == NO_TERM) {
		v->unknown += v->weight;
		return SQLITE_OK;
	}
	if (v->tf[id] == 0) {
		if (v->ntouched == v->touched_cap) {
			size_t cap = v->touched_cap ? v->touched_cap * 2 : 256;
			uint32_t *t = realloc(v->touched, cap * sizeof *t);
			if (!t)
				return SQLITE_NOMEM;
			v->touched = t;
			v->touched_cap = cap;
		}
		v->touched[v->ntouched++] = id;
	}
	v->tf[id] += v->weight;
	return SQLITE_OK;
}

/* Pass 1's rules for a token, which pillar_words follows too: colocated
 * tokens are not counted, the others count toward the row's length (*raw)
 * and are words unless they say nothing. */
static bool is_word(int tflags, const char *tok, int ntok, long *raw)
{
	if (tflags & FTS5_TOKEN_COLOCATED)
		return false;
	(*raw)++;
	return !says_nothing(tok, ntok);
}

/* The tokenizer's callback: count a token in the record at hand. */
static int on_token(void *arg, int tflags, const char *tok, int ntok, int start, int end)
{
	vocab_t *v = arg;
	(void)start;
	(void)end;
	if (!is_word(tflags, tok, ntok, &v->raw))
		return SQLITE_OK;
	int rc = PDX_OK;
	uint32_t id = vocab_id(v, tok, (size_t)ntok, &rc);
	return rc ? SQLITE_NOMEM : count_term(v, id);
}

/* Model ---------------------------------------------------------------- */

/* Grow *v (elements of sz bytes) by one; returns the new element, or
 * NULL when out of memory. */
static void *grow_array(void **v, size_t *n, size_t *cap, size_t sz)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		void *p = realloc(*v, c * sz);
		if (!p)
			return NULL;
		*v = p;
		*cap = c;
	}
	return (char *)*v + (*n)++ * sz;
}

typedef struct {
	int pillar;
	char *name, *key;	/* section heading; key aiap:I.3 or NULL */
	double norm2;
	size_t first_action, nactions;
} msection;

typedef struct {
	int64_t id;
	char *key;
	uint32_t *t;
	double *w;
	size_t n;
	double norm;
} maction;

typedef struct {
	uint32_t term, sec;
	double w;
} triple;

typedef struct {
	int64_t id;
	uint32_t sec;
} member;

typedef struct {
	int16_t sec, act;	/* act -1: the section only */
	float score;
} rlink;

/* A record of the document at hand, scored. */
typedef struct {
	int64_t id;
	int structure;		/* its pillar by structure, 0 none */
	int old_pillar;		/* its inferred pillar as stored, 0 none */
	float old_score;	/* ... and score */
	int stored;		/* its pillar as stored, whatever the source (1-3, 0 else) */
	float ps[4];		/* score per pillar */
	float tv[4];		/* of which from the term lists */
	rlink links[MAX_LINKS];
	int nlinks;
} rscore;

typedef struct {
	int64_t id;
	int pillar;		/* 0: no pillar any more */
	float score;
	bool changed;		/* pillar or score differ from the stored */
	rlink links[MAX_LINKS];
	int nlinks;
} update;

typedef struct {
	pdx_db *db;
	unsigned flags;
	const pdx_pillar_terms *terms;
	Fts5Tokenizer *tok;
	fts5_tokenizer api;
	vocab_t v;
	long nrec;
	double *idf;
	uint8_t *mask;		/* term -> STOP, or the pillars whose list has it */
	bool has_pillar[4];	/* the plan indexed has sections in it */
	/* the model */
	msection *sec;
	size_t nsec, seccap;
	maction *act;
	size_t nact, actcap;
	triple *tri;
	size_t ntri, tricap;
	size_t tri_compacted;	/* no compaction below this length */
	member *mem;
	size_t nmem, memcap;
	char *last_heading;	/* plan records without a section: the last heading's */
	uint32_t *post_off;	/* term -> postings [post_off[t], post_off[t+1]) */
	uint32_t *post_sec;
	double *post_w;
	double *dot;		/* per section, the record at hand */
	/* the document at hand */
	int64_t doc_id;
	rscore *doc;
	size_t ndoc, doccap;
	update *upd;
	size_t nupd, updcap;
	/* record id -> its pillar (1-3, 0 none) once the pass is through:
	 * for the summaries (db_summary_refresh); no_map when ids run far
	 * past the records (or memory runs out), and the summaries look the
	 * pillars up instead */
	uint8_t *pillar_of;
	size_t npillar_of, pillar_of_cap;
	bool no_map;
	pdx_pillar_stats *st;
	int rc;
	impact_acc *imp;	/* the impact lists, built in pass 3 */
	int32_t *islot;		/* term -> its impact list, -1 none */
} model_t;

static int tokenize(model_t *m, const char *text, double weight)
{
	if (!text || !*text)
		return PDX_OK;
	m->v.weight = weight;
	int rc = m->api.xTokenize(m->tok, &m->v, FTS5_TOKENIZE_DOCUMENT, text,
				  (int)strlen(text), on_token);
	return rc == SQLITE_OK ? PDX_OK : PDX_ENOMEM;
}

/* Pass 3 scores records on a thread of its own while the main thread
 * reads and writes the database (pass3_run). What scoring writes is a
 * scorer's own: the model's vocabulary with its own weights, the
 * per-section dot products, a tokenizer, the impact counter; the model
 * itself is only read. */
typedef struct {
	const model_t *m;
	vocab_t v;		/* shares the frozen words; own tf, touched */
	double *dot;
	Fts5Tokenizer *tok;
	impact_counter ic;
} scorer;

/* Pass 3's callback: every token counts toward the record's impact lists
 * (all three columns, colocated tokens too, as FTS5 indexes them), and
 * toward its pillar scores when its column is scored (weight > 0). */
static int on_token_scored(void *arg, int tflags, const char *tok, int ntok, int start, int end)
{
	scorer *w = arg;
	(void)start;
	(void)end;
	bool nothing = says_nothing(tok, ntok);
	int rc = PDX_OK;
	uint32_t id = nothing ? NO_TERM : vocab_id(&w->v, tok, (size_t)ntok, &rc);
	if (rc || impact_counter_token(&w->ic, id == NO_TERM ? -1 : w->m->islot[id], tflags))
		return SQLITE_NOMEM;
	if (w->v.weight <= 0 || (tflags & FTS5_TOKEN_COLOCATED) || nothing)
		return SQLITE_OK;
	return count_term(&w->v, id);
}

/* The record's columns of the full-text index, the text and section
 * scored with these weights (0: not scored). */
static int tokenize_row(scorer *w, const char *const col[FTS_NCOL], double wtext, double wsection)
{
	const double wt[FTS_NCOL] = { wtext, wsection, 0 };
	for (int c = 0; c < FTS_NCOL; c++) {
		impact_counter_column(&w->ic, c);
		if (!col[c] || !*col[c])
			continue;
		w->v.weight = wt[c];
		if (w->m->api.xTokenize(w->tok, w, FTS5_TOKENIZE_DOCUMENT, col[c], (int)strlen(col[c]),
					on_token_scored) != SQLITE_OK)
			return PDX_ENOMEM;
	}
	return PDX_OK;
}

/* Pass 1: document frequencies over every record. */
static int count_df(const pdx_pillar_row *r, void *arg)
{
	model_t *m = arg;
	m->nrec++;
	if (tokenize(m, r->text, 1) || tokenize(m, r->section, 1))
		return PDX_ENOMEM;
	for (size_t i = 0; i < m->v.ntouched; i++)
		m->v.df[m->v.touched[i]]++;
	vocab_clear(&m->v);
	return PDX_OK;
}

/* Pass 1 ahead of time ------------------------------------------------ */

/* A bulk build counts the document frequencies as it stores the records
 * (pillar.h): a parse thread lists each record's words as count_df
 * would count them (pillar_words), the main thread adds them in record
 * order (pillar_df_add), so the vocabulary, its ids and the counts are
 * those pass 1 would give. A record's words in the list: a header of two
 * 32-bit counts (words, raw tokens), then each distinct word once, in the
 * order it first comes, NUL-terminated. */
struct pdx_df {
	vocab_t v;
	long nrec;
};

struct pdx_words_ctx {
	fts5_tokenizer api;
	Fts5Tokenizer *tok;
	pdx_buf *out;
	size_t rec;		/* where the record at hand starts in out */
	uint32_t *set;		/* offsets after rec + 1 of its words; 0 empty */
	size_t setcap, nset;
	uint32_t nwords;
	long raw;
};

pdx_words_ctx *pillar_words_ctx(fts5_api *api)
{
	pdx_words_ctx *c = calloc(1, sizeof *c);
	if (!c || tokenizer_create(api, &c->api, &c->tok) != SQLITE_OK) {
		free(c);
		return NULL;
	}
	return c;
}

void pillar_words_ctx_free(pdx_words_ctx *c)
{
	if (!c)
		return;
	if (c->tok)
		c->api.xDelete(c->tok);
	free(c->set);
	free(c);
}

static int words_set_grow(pdx_words_ctx *c)
{
	size_t cap = c->setcap ? c->setcap * 2 : 256;
	uint32_t *set = calloc(cap, sizeof *set);
	if (!set)
		return PDX_ENOMEM;
	for (size_t i = 0; i < c->setcap; i++) {
		if (!c->set[i])
			continue;
		const char *w = c->out->s + c->rec + c->set[i] - 1;
		size_t h = hash_bytes(w, strlen(w)) & (cap - 1);
		while (set[h])
			h = (h + 1) & (cap - 1);
		set[h] = c->set[i];
	}
	free(c->set);
	c->set = set;
	c->setcap = cap;
	return PDX_OK;
}

/* count_df's tokens, on_token's rules: each word once. */
static int on_word(void *arg, int tflags, const char *tok, int ntok, int start, int end)
{
	pdx_words_ctx *c = arg;
	(void)start;
	(void)end;
	if (!is_word(tflags, tok, ntok, &c->raw))
		return SQLITE_OK;
	if ((c->nset + 1) * 2 > c->setcap && words_set_grow(c))
		return SQLITE_NOMEM;
	size_t h = hash_bytes(tok, (size_t)ntok) & (c->setcap - 1);
	while (c->set[h]) {
		const char *w = c->out->s + c->rec + c->set[h] - 1;
		if (strncmp(w, tok, (size_t)ntok) == 0 && w[ntok] == '\0')
			return SQLITE_OK;
		h = (h + 1) & (c->setcap - 1);
	}
	size_t off = c->out->len - c->rec + 1;
	if (off > UINT32_MAX || buf_add(c->out, tok, (size_t)ntok) || buf_addc(c->out, '\0'))
		return SQLITE_NOMEM;
	c->set[h] = (uint32_t)off;
	c->nset++;
	c->nwords++;
	return SQLITE_OK;
}

int pillar_words(pdx_words_ctx *c, const char *text, const char *section, pdx_buf *out)
{
	uint32_t head[2] = { 0, 0 };
	c->out = out;
	c->rec = out->len;
	c->nwords = c->raw = 0;
	c->nset = 0;
	if (c->set)
		memset(c->set, 0, c->setcap * sizeof *c->set);
	if (buf_add(out, (const char *)head, sizeof head))
		return PDX_ENOMEM;
	const char *col[2] = { text, section };
	for (int k = 0; k < 2; k++)
		if (col[k] && *col[k] &&
		    c->api.xTokenize(c->tok, c, FTS5_TOKENIZE_DOCUMENT, col[k], (int)strlen(col[k]),
				     on_word) != SQLITE_OK)
			return PDX_ENOMEM;
	head[0] = c->nwords;
	head[1] = (uint32_t)c->raw;
	memcpy(out->s + c->rec, head, sizeof head);
	return PDX_OK;
}

pdx_df *pillar_df_new(void)
{
	return calloc(1, sizeof(pdx_df));
}

void pillar_df_free(pdx_df *d)
{
	if (!d)
		return;
	vocab_free(&d->v);
	free(d);
}

int pillar_df_add(pdx_df *d, const char *words, size_t len)
{
	size_t at = 0;
	while (at + 8 <= len) {
		uint32_t head[2];
		memcpy(head, words + at, sizeof head);
		at += sizeof head;
		d->nrec++;
		d->v.raw += head[1];
		for (uint32_t i = 0; i < head[0] && at < len; i++) {
			size_t n = strlen(words + at);
			int rc = PDX_OK;
			uint32_t id = vocab_id(&d->v, words + at, n, &rc);
			if (rc)
				return rc;
			d->v.df[id]++;
			at += n + 1;
		}
	}
	return PDX_OK;
}

static double idf_of(const model_t *m, uint32_t id)
{
	return id == NO_TERM || id >= m->v.n ? log((m->nrec + 1.0) / 0.5)
					     : m->idf[id];
}

enum { STOP = 1 };	/* mask bits: STOP, then 1 << pillar */

/* Add the record at hand (its tf) to section sec as triples. */
static int cmp_triple(const void *a, const void *b);

/* Sort the triples by term and section and sum each pair's weights into
 * one: the plan's records repeat pairs, and the list would otherwise grow
 * with them (a hundred MB for a collection with a thousand plans). */
static void compact_triples(model_t *m)
{
	if (!m->ntri)
		return;
	qsort(m->tri, m->ntri, sizeof *m->tri, cmp_triple);
	size_t n = 0;
	for (size_t i = 0; i < m->ntri; i++) {
		if (n && m->tri[n - 1].term == m->tri[i].term && m->tri[n - 1].sec == m->tri[i].sec)
			m->tri[n - 1].w += m->tri[i].w;
		else
			m->tri[n++] = m->tri[i];
	}
	m->ntri = n;
}

static int add_triples(model_t *m, uint32_t sec)
{
	for (size_t i = 0; i < m->v.ntouched; i++) {
		uint32_t t = m->v.touched[i];
		if (m->mask[t] & STOP)
			continue;
		/* full: compact before growing, unless compacting would not
		 * free a quarter of the list */
		if (m->ntri == m->tricap && m->ntri >= TRIPLES_COMPACT && m->ntri > m->tri_compacted) {
			compact_triples(m);
			m->tri_compacted = m->ntri + m->ntri / 3;
		}
		triple *x = grow_array((void **)&m->tri, &m->ntri, &m->tricap, sizeof *x);
		if (!x)
			return PDX_ENOMEM;
		x->term = t;
		x->sec = sec;
		x->w = m->v.tf[t] * m->idf[t];
	}
	return PDX_OK;
}

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* Pass 2: the plan's sections (records placed by structure). */
static int add_plan_record(const pdx_pillar_row *r, void *arg)
{
	model_t *m = arg;
	const char *name = r->section;
	if (!name && same(r->kind, "heading")) {
		free(m->last_heading);
		if (!(m->last_heading = xstrdup(r->text)))
			return PDX_ENOMEM;
	}
	if (!name)
		name = m->last_heading;
	size_t s = 0;
	while (s < m->nsec && !(m->sec[s].pillar == r->pillar && same(m->sec[s].name, name)))
		s++;
	if (s == m->nsec) {
		msection *x = grow_array((void **)&m->sec, &m->nsec, &m->seccap, sizeof *x);
		if (!x)
			return PDX_ENOMEM;
		memset(x, 0, sizeof *x);
		x->pillar = r->pillar;
		if (name && !(x->name = xstrdup(name)))
			return PDX_ENOMEM;
	}
	msection *sec = &m->sec[s];
	member *mb = grow_array((void **)&m->mem, &m->nmem, &m->memcap, sizeof *mb);
	if (!mb)
		return PDX_ENOMEM;
	mb->id = r->id;
	mb->sec = (uint32_t)s;
	if (tokenize(m, r->text, 1) || add_triples(m, (uint32_t)s))
		return PDX_ENOMEM;
	if (same(r->kind, "recommended_action") && r->key) {
		if (!sec->key) {
			/* aiap:I.3.2 -> aiap:I.3 */
			const char *dot = strrchr(r->key, '.');
			sec->key = xstrndup(r->key, dot ? (size_t)(dot - r->key) : strlen(r->key));
		}
		/* a section's actions are contiguous: its records are */
		if (sec->nactions == 0)
			sec->first_action = m->nact;
		if (sec->first_action + sec->nactions == m->nact) {
			maction *a = grow_array((void **)&m->act, &m->nact, &m->actcap, sizeof *a);
			if (!a)
				return PDX_ENOMEM;
			memset(a, 0, sizeof *a);
			a->id = r->id;
			a->key = xstrdup(r->key);
			a->t = malloc(m->v.ntouched * sizeof *a->t + 1);
			a->w = malloc(m->v.ntouched * sizeof *a->w + 1);
			if (!a->key || !a->t || !a->w)
				return PDX_ENOMEM;
			for (size_t i = 0; i < m->v.ntouched; i++) {
				uint32_t t = m->v.touched[i];
				if (m->mask[t] & STOP)
					continue;
				a->t[a->n] = t;
				a->w[a->n] = m->v.tf[t] * m->idf[t];
				a->norm += a->w[a->n] * a->w[a->n];
				a->n++;
			}
			a->norm = sqrt(a->norm);
			sec->nactions++;
		}
	}
	vocab_clear(&m->v);
	return PDX_OK;
}

static int cmp_triple(const void *a, const void *b)
{
	const triple *x = a, *y = b;
	if (x->term != y->term)
		return x->term < y->term ? -1 : 1;
	return x->sec < y->sec ? -1 : x->sec > y->sec;
}

static int cmp_member(const void *a, const void *b)
{
	const member *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* The inverted index of the plan's sections. */
static int build_index(model_t *m)
{
	if (m->nsec > INT16_MAX)
		return PDX_ERR;
	for (size_t s = 0; s < m->nsec; s++)
		m->has_pillar[m->sec[s].pillar] = true;
	/* one triple per (term, section), in term order */
	compact_triples(m);
	/* qsort(NULL, 0, ...) is undefined */
	if (m->nmem)
		qsort(m->mem, m->nmem, sizeof *m->mem, cmp_member);
	m->post_off = calloc(m->v.n + 1, sizeof *m->post_off);
	m->post_sec = malloc((m->ntri + 1) * sizeof *m->post_sec);
	m->post_w = malloc((m->ntri + 1) * sizeof *m->post_w);
	m->dot = calloc(m->nsec + 1, sizeof *m->dot);
	if (!m->post_off || !m->post_sec || !m->post_w || !m->dot)
		return PDX_ENOMEM;
	for (size_t i = 0; i < m->ntri; i++) {
		const triple *x = &m->tri[i];
		m->post_sec[i] = x->sec;
		m->post_w[i] = x->w;
		m->post_off[x->term + 1]++;
		m->sec[x->sec].norm2 += x->w * x->w;
	}
	for (size_t t = 0; t < m->v.n; t++)
		m->post_off[t + 1] += m->post_off[t];
	free(m->tri);
	m->tri = NULL;
	m->ntri = m->tricap = 0;
	m->v.frozen = true;
	return PDX_OK;
}

/* Scoring -------------------------------------------------------------- */

/* Place the records of the document at hand: by structure (unless hidden),
 * by content, then by the document's pillar. Fills asg[] and sc[]. */
static void place(const model_t *m, bool hide, int *asg, float *sc, bool *smoothed)
{
	int votes[4] = { 0 }, total = 0;
	/* the document's prior: its term-list evidence by pillar (the lists
	 * are even-handed where the plan indexed may not be), from the
	 * records placed by content; those placed by structure are scored
	 * only when evaluating, and count only when hidden, so that the
	 * evaluation does not change what is stored */
	double prior[4] = { 0 }, sum = 0;
	for (size_t i = 0; i < m->ndoc; i++) {
		if (m->doc[i].structure && !hide)
			continue;
		for (int p = 1; p <= 3; p++)
			prior[p] += m->doc[i].tv[p];
	}
	sum = prior[1] + prior[2] + prior[3];
	for (size_t i = 0; i < m->ndoc; i++) {
		const rscore *r = &m->doc[i];
		asg[i] = 0;
		sc[i] = 0;
		smoothed[i] = false;
		if (r->structure && !hide) {
			asg[i] = r->structure;
		} else {
			float a[4];
			int best = 1;
			for (int p = 1; p <= 3; p++) {
				a[p] = r->ps[p];
				if (sum > 0 && (r->ps[1] >= WEAK_MIN || r->ps[2] >= WEAK_MIN ||
						r->ps[3] >= WEAK_MIN))
					a[p] += (float)(DOC_PRIOR * prior[p] / sum);
				if (a[p] > a[best])
					best = p;
			}
			if (a[best] >= PLACE_MIN) {
				asg[i] = best;
				sc[i] = a[best];
			}
		}
		if (asg[i]) {
			votes[asg[i]]++;
			total++;
		}
	}
	int dom = 0;
	for (int p = 1; p <= 3; p++)
		if (votes[p] >= 3 && 3 * votes[p] >= 2 * total)
			dom = p;
	for (size_t i = 0; dom && i < m->ndoc; i++) {
		const rscore *r = &m->doc[i];
		if (!asg[i] && (!r->structure || hide) && r->ps[dom] >= WEAK_MIN) {
			asg[i] = dom;
			sc[i] = r->ps[dom];
			smoothed[i] = true;
		}
	}
}

/* Record id's pillar as the pass leaves it in the database. Ids grow as
 * documents are indexed again (a record is deleted and inserted anew),
 * so the map is one byte per id only while ids stay within a few times
 * the records; past that, or short of memory, there is no map. */
static void set_pillar_of(model_t *m, int64_t id, int pillar)
{
	if (m->no_map)
		return;
	uint64_t limit = 4 * ((uint64_t)m->nrec + 65536);
	if (id < 0 || (uint64_t)id >= limit) {
		m->no_map = true;
		return;
	}
	if ((size_t)id >= m->pillar_of_cap) {
		size_t cap = m->pillar_of_cap ? m->pillar_of_cap : 4096;
		while (cap <= (size_t)id)
			cap *= 2;
		uint8_t *p = realloc(m->pillar_of, cap);
		if (!p) {
			m->no_map = true;
			return;
		}
		memset(p + m->pillar_of_cap, 0, cap - m->pillar_of_cap);
		m->pillar_of = p;
		m->pillar_of_cap = cap;
	}
	m->pillar_of[id] = (uint8_t)pillar;
	if ((size_t)id >= m->npillar_of)
		m->npillar_of = (size_t)id + 1;
}

static int flush_doc(model_t *m)
{
	if (!m->ndoc)
		return PDX_OK;
	int *asg = malloc(m->ndoc * sizeof *asg);
	float *sc = malloc(m->ndoc * sizeof *sc);
	bool *sm = malloc(m->ndoc * sizeof *sm);
	int rc = asg && sc && sm ? PDX_OK : PDX_ENOMEM;
	if (rc == PDX_OK) {
		place(m, false, asg, sc, sm);
		for (size_t i = 0; i < m->ndoc && rc == PDX_OK; i++) {
			const rscore *r = &m->doc[i];
			/* rows are rewritten only where the placement changed
			 * (a re-run after a small change rewrites few); links
			 * are all written anew */
			bool changed = !r->structure && (asg[i] != r->old_pillar ||
							 (asg[i] && sc[i] != r->old_score));
			set_pillar_of(m, r->id, changed ? asg[i] : r->stored);
			if (r->structure) {
				m->st->structure++;
				continue;
			}
			if (!asg[i] && !changed)
				continue;
			update *u = grow_array((void **)&m->upd, &m->nupd, &m->updcap, sizeof *u);
			if (!u) {
				rc = PDX_ENOMEM;
				break;
			}
			u->id = r->id;
			u->pillar = asg[i];
			u->score = sc[i];
			u->changed = changed;
			u->nlinks = asg[i] ? r->nlinks : 0;
			memcpy(u->links, r->links, sizeof u->links);
			if (!asg[i])
				continue;
			m->st->inferred++;
			m->st->smoothed += sm[i];
			m->st->links += r->nlinks;
		}
	}
	if (rc == PDX_OK && (m->flags & PILLAR_EVALUATE)) {
		place(m, true, asg, sc, sm);
		for (size_t i = 0; i < m->ndoc; i++) {
			if (!m->doc[i].structure)
				continue;
			m->st->evaluated++;
			m->st->agreed += asg[i] == m->doc[i].structure;
		}
	}
	free(asg);
	free(sc);
	free(sm);
	m->ndoc = 0;
	return rc;
}

/* The plan section record id helped build, or -1. */
static long own_section(const model_t *m, int64_t id)
{
	member key = { .id = id };
	const member *x = bsearch(&key, m->mem, m->nmem, sizeof *m->mem, cmp_member);
	return x ? (long)x->sec : -1;
}

/* The cosine of the record at hand (norm rnorm) with action a. */
static double action_cos(const scorer *w, const maction *a, double rnorm)
{
	double dot = 0;
	for (size_t k = 0; k < a->n; k++)
		dot += a->w[k] * w->v.tf[a->t[k]] * w->m->idf[a->t[k]];
	return a->norm > 0 && rnorm > 0 ? dot / (a->norm * rnorm) : 0;
}

/* The best plan sections of the record at hand, with the best action of
 * each, into r->links. */
static void find_links(const scorer *w, rscore *r, const double *cos, double rnorm)
{
	const model_t *m = w->m;
	r->nlinks = 0;
	for (size_t s = 0; s < m->nsec; s++) {
		if (cos[s] < PLACE_MIN)
			continue;
		int pos = r->nlinks;
		while (pos > 0 && r->links[pos - 1].score < cos[s])
			pos--;
		if (pos >= MAX_LINKS)
			continue;
		int last = r->nlinks < MAX_LINKS ? r->nlinks : MAX_LINKS - 1;
		memmove(&r->links[pos + 1], &r->links[pos], (size_t)(last - pos) * sizeof *r->links);
		r->links[pos] = (rlink){ .sec = (int16_t)s, .act = -1, .score = (float)cos[s] };
		if (r->nlinks < MAX_LINKS)
			r->nlinks++;
	}
	for (int i = 0; i < r->nlinks; i++) {
		const msection *sec = &m->sec[r->links[i].sec];
		double best = 0;
		for (size_t a = 0; a < sec->nactions; a++) {
			double c = action_cos(w, &m->act[sec->first_action + a], rnorm);
			if (c > best) {
				best = c;
				r->links[i].act = (int16_t)a;
			}
		}
	}
}

static bool is_boilerplate(const model_t *m, const char *section)
{
	return m->terms && pillar_terms_boilerplate(m->terms, section);
}

/* Pass 3, on a scorer's thread: the scores and links of the record
 * r (whose id, structure and old placement are set) with text, section
 * and agency names col[]; its words with impact lists go to the scorer's
 * impact counter. */
static int score_one(scorer *w, const char *const col[FTS_NCOL], rscore *r)
{
	const model_t *m = w->m;
	/* boilerplate scores 0: never placed; a record placed by structure
	 * is scored on its text alone: its section heading is the structure */
	bool scored = !(r->structure && !(m->flags & PILLAR_EVALUATE)) &&
		      !is_boilerplate(m, col[FTS_SECTION]);
	if (tokenize_row(w, col, scored ? 1 : 0, scored && !r->structure ? SECTION_WEIGHT : 0))
		return PDX_ENOMEM;
	if (!scored) {
		vocab_clear(&w->v);
		return PDX_OK;
	}
	double rnorm2 = 0, in_list[4] = { 0 };
	memset(w->dot, 0, m->nsec * sizeof *w->dot);
	for (size_t i = 0; i < w->v.ntouched; i++) {
		uint32_t t = w->v.touched[i];
		if (m->mask[t] & STOP)
			continue;
		double x = w->v.tf[t] * m->idf[t];
		rnorm2 += x * x;
		/* a word of two lists tells neither */
		int p = m->mask[t] == 2 ? 1 : m->mask[t] == 4 ? 2 : m->mask[t] == 8 ? 3 : 0;
		in_list[p] += x * x;
		for (uint32_t k = m->post_off[t]; k < m->post_off[t + 1]; k++)
			w->dot[m->post_sec[k]] += x * m->post_w[k];
	}
	double unk = w->v.unknown * idf_of(m, NO_TERM);
	rnorm2 += unk * unk;
	long own = r->structure ? own_section(m, r->id) : -1;
	for (size_t s = 0; s < m->nsec; s++) {
		double n2 = m->sec[s].norm2;
		if ((long)s == own) {
			/* leave the record out of the section it helped build:
			 * its vector is exactly its share of the section's */
			n2 += rnorm2 - 2 * w->dot[s];
			w->dot[s] -= rnorm2;
		}
		double c = n2 > 1e-12 && rnorm2 > 0 ? w->dot[s] / sqrt(n2 * rnorm2) : 0;
		w->dot[s] = c;
		int p = m->sec[s].pillar;
		if (c > r->ps[p])
			r->ps[p] = (float)c;
	}
	/* the term lists: the share of the record's weight in a pillar's
	 * words, whatever the list's length */
	for (int p = 1; p <= 3 && rnorm2 > 0; p++) {
		r->tv[p] = (float)((m->has_pillar[p] ? TERM_WEIGHT : TERM_WEIGHT_ALONE) *
				   sqrt(in_list[p] / rnorm2));
		r->ps[p] += r->tv[p];
	}
	if (!r->structure)
		find_links(w, r, w->dot, sqrt(rnorm2));
	vocab_clear(&w->v);
	return PDX_OK;
}

/* Write the updates gathered since the last call: the pass over the
 * records pauses for this every few thousand records, so that memory
 * does not grow with the collection. */
static int write_updates(void *arg)
{
	model_t *m = arg;
	for (size_t i = 0; i < m->nupd; i++) {
		const update *u = &m->upd[i];
		if (u->changed && db_pillar_set(m->db, u->id, u->pillar, u->score))
			return PDX_ERR;
		for (int k = 0; k < u->nlinks; k++) {
			const msection *s = &m->sec[u->links[k].sec];
			const maction *a = u->links[k].act >= 0
				? &m->act[s->first_action + (size_t)u->links[k].act] : NULL;
			if (db_link_add(m->db, u->id, a ? a->id : 0, a ? a->key : s->key, s->name,
					s->pillar, u->links[k].score, u->pillar))
				return PDX_ERR;
		}
	}
	m->nupd = 0;
	return PDX_OK;
}

/* Pass 3's rows, copied: db_pillar_rows lends its strings only to the
 * callback. */
typedef struct {
	int64_t id, doc_id;
	int structure, old_pillar, stored;
	float old_score;
	size_t col[FTS_NCOL];	/* offsets in the chunk's text; SIZE_MAX: NULL */
} prow;

typedef struct {
	size_t first, n;	/* in the chunk's slot[] and F[] */
	uint32_t D;
} pimpact;

/* A chunk of rows (db_pillar_rows's), and what scoring them gave. */
typedef struct {
	prow *row;
	size_t n, cap;
	pdx_buf text;		/* the rows' strings, each NUL-terminated */
	rscore *out;
	pimpact *imp;
	size_t outcap;
	uint32_t *slot, *F;
	size_t nw, wcap;
	int rc;			/* the scorer's */
} chunk;

/* The passes over every record read rows on the main thread and hand
 * each chunk to a thread of their own: work() there, consume() back on
 * the main thread in row order, while the next chunk is read. */
typedef struct rowpipe rowpipe;
struct rowpipe {
	model_t *m;
	scorer w;
	int (*work)(rowpipe *p, chunk *c);
	int (*consume)(rowpipe *p, chunk *c);
	chunk ch[2];
	int cur;		/* the chunk being read */
	chunk *busy;		/* the chunk being worked on, or NULL */
	pthread_t th;
	bool threaded;		/* busy is worked on on th */
};

static int chunk_text(chunk *c, const char *s, size_t *off)
{
	if (!s) {
		*off = SIZE_MAX;
		return PDX_OK;
	}
	*off = c->text.len;
	return buf_add(&c->text, s, strlen(s) + 1);
}

/* db_pillar_rows's callback: the row into the chunk being read. */
static int pipe_collect(const pdx_pillar_row *row, void *arg)
{
	rowpipe *p = arg;
	chunk *c = &p->ch[p->cur];
	prow *r = grow_array((void **)&c->row, &c->n, &c->cap, sizeof *r);
	if (!r)
		return PDX_ENOMEM;
	memset(r, 0, sizeof *r);
	r->id = row->id;
	r->doc_id = row->doc_id;
	r->stored = row->pillar >= 1 && row->pillar <= 3 ? row->pillar : 0;
	if (same(row->pillar_source, "structure") && row->pillar >= 1 && row->pillar <= 3)
		r->structure = row->pillar;
	if (same(row->pillar_source, "inferred") && row->pillar >= 1 && row->pillar <= 3) {
		r->old_pillar = row->pillar;
		r->old_score = (float)row->pillar_score;
	}
	if (chunk_text(c, row->text, &r->col[FTS_TEXT]) ||
	    chunk_text(c, row->section, &r->col[FTS_SECTION]) ||
	    chunk_text(c, row->agency_names, &r->col[FTS_AGENCY_NAMES]))
		return PDX_ENOMEM;
	return PDX_OK;
}

/* Score every row of c (on the scorer's thread). */
static int score_chunk(scorer *w, chunk *c)
{
	if (c->n > c->outcap) {
		rscore *o = realloc(c->out, c->n * sizeof *o);
		if (o)
			c->out = o;
		pimpact *i = o ? realloc(c->imp, c->n * sizeof *i) : NULL;
		if (!i)
			return PDX_ENOMEM;
		c->imp = i;
		c->outcap = c->n;
	}
	c->nw = 0;
	for (size_t i = 0; i < c->n; i++) {
		const prow *row = &c->row[i];
		const char *col[FTS_NCOL];
		for (int k = 0; k < FTS_NCOL; k++)
			col[k] = row->col[k] == SIZE_MAX ? NULL : c->text.s + row->col[k];
		rscore *r = &c->out[i];
		memset(r, 0, sizeof *r);
		r->id = row->id;
		r->structure = row->structure;
		r->old_pillar = row->old_pillar;
		r->old_score = row->old_score;
		r->stored = row->stored;
		if (score_one(w, col, r))
			return PDX_ENOMEM;
		size_t words = impact_counter_words(&w->ic);
		if (c->nw + words > c->wcap) {
			size_t cap = c->wcap ? c->wcap : 4096;
			while (cap < c->nw + words)
				cap *= 2;
			uint32_t *sl = realloc(c->slot, cap * sizeof *sl);
			if (sl)
				c->slot = sl;
			uint32_t *F = sl ? realloc(c->F, cap * sizeof *F) : NULL;
			if (!F)
				return PDX_ENOMEM;
			c->F = F;
			c->wcap = cap;
		}
		impact_rec rec;
		impact_counter_take(&w->ic, &rec, c->slot + c->nw, c->F + c->nw);
		c->imp[i] = (pimpact){ c->nw, rec.n, rec.D };
		c->nw += rec.n;
	}
	return PDX_OK;
}

static void *work_thread(void *arg)
{
	rowpipe *p = arg;
	p->busy->rc = p->work(p, p->busy);
	return NULL;
}

/* Work on c on the pipe's thread (or here, when no thread can start). */
static void pipe_start(rowpipe *p, chunk *c)
{
	p->busy = c;
	p->threaded = pthread_create(&p->th, NULL, work_thread, p) == 0;
	if (!p->threaded)
		c->rc = p->work(p, c);
}

/* The chunk being scored, once scored; NULL when none is. */
static chunk *pipe_wait(rowpipe *p)
{
	chunk *c = p->busy;
	if (c && p->threaded)
		pthread_join(p->th, NULL);
	p->busy = NULL;
	p->threaded = false;
	return c;
}

static int score_work(rowpipe *p, chunk *c)
{
	return score_chunk(&p->w, c);
}

/* In row order: documents placed as they end, records into the impact
 * lists; then the updates written. */
static int score_consume(rowpipe *p, chunk *c)
{
	model_t *m = p->m;
	int rc = c->rc;
	for (size_t i = 0; rc == PDX_OK && i < c->n; i++) {
		const prow *row = &c->row[i];
		m->st->records++;
		if (row->doc_id != m->doc_id && (rc = flush_doc(m)) != PDX_OK)
			break;
		m->doc_id = row->doc_id;
		rscore *r = grow_array((void **)&m->doc, &m->ndoc, &m->doccap, sizeof *r);
		if (!r) {
			rc = PDX_ENOMEM;
			break;
		}
		*r = c->out[i];
		impact_rec rec = { c->imp[i].D, c->imp[i].n, c->slot + c->imp[i].first,
				   c->F + c->imp[i].first };
		rc = impact_acc_add(m->imp, row->id, &rec);
	}
	c->n = c->text.len = c->nw = 0;
	return rc == PDX_OK ? write_updates(m) : rc;
}

/* db_pillar_rows's pause, after each chunk it read: the pipe's thread
 * takes that chunk, and the one it worked on before is consumed
 * meanwhile. */
static int pipe_pause(void *arg)
{
	rowpipe *p = arg;
	chunk *done = pipe_wait(p);
	chunk *c = &p->ch[p->cur];
	if (c->n)
		pipe_start(p, c);
	p->cur ^= 1;
	return done ? p->consume(p, done) : PDX_OK;
}

static void pipe_free(rowpipe *p)
{
	for (int i = 0; i < 2; i++) {
		chunk *c = &p->ch[i];
		free(c->row);
		buf_free(&c->text);
		free(c->out);
		free(c->imp);
		free(c->slot);
		free(c->F);
	}
}

/* Pass 1 on the pipe's thread: the chunk's words into the vocabulary,
 * which only this thread touches during the pass (ids in row order, as
 * one thread would give them). */
static int df_work(rowpipe *p, chunk *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const prow *row = &c->row[i];
		pdx_pillar_row r = {
			.text = row->col[FTS_TEXT] == SIZE_MAX ? NULL : c->text.s + row->col[FTS_TEXT],
			.section = row->col[FTS_SECTION] == SIZE_MAX ? NULL
				   : c->text.s + row->col[FTS_SECTION],
		};
		if (count_df(&r, p->m))
			return PDX_ENOMEM;
	}
	return PDX_OK;
}

static int df_consume(rowpipe *p, chunk *c)
{
	(void)p;
	int rc = c->rc;
	c->n = c->text.len = c->nw = 0;
	return rc;
}

/* Pass 1: document frequencies over every record, counted on the pipe's
 * thread while the main thread reads. */
static int df_run(model_t *m)
{
	rowpipe p = { .m = m, .work = df_work, .consume = df_consume };
	int rc = db_pillar_rows(m->db, false, pipe_collect, pipe_pause, &p);
	chunk *done = pipe_wait(&p);
	if (rc == PDX_OK && done)
		rc = df_consume(&p, done);
	pipe_free(&p);
	return rc;
}

/* Pass 3: score every record, document by document, on a thread of its
 * own; the results in the order of the rows, the same as scoring them
 * one after the other. */
static int pass3_run(model_t *m)
{
	rowpipe p = { .m = m, .w = { .m = m, .v = m->v }, .work = score_work,
		      .consume = score_consume };
	p.w.v.tf = calloc(m->v.n + 1, sizeof *p.w.v.tf);
	p.w.v.touched = NULL;
	p.w.v.ntouched = p.w.v.touched_cap = 0;
	p.w.v.unknown = 0;
	p.w.dot = calloc(m->nsec + 1, sizeof *p.w.dot);
	int rc = p.w.v.tf && p.w.dot && impact_counter_init(&p.w.ic, m->imp) == PDX_OK &&
		 tokenizer_create(db_fts5_api(m->db), &m->api, &p.w.tok) == SQLITE_OK ? PDX_OK : PDX_ENOMEM;
	if (rc == PDX_OK)
		rc = db_pillar_rows(m->db, false, pipe_collect, pipe_pause, &p);
	chunk *done = pipe_wait(&p);
	if (rc == PDX_OK && done)
		rc = score_consume(&p, done);
	if (rc == PDX_OK)
		rc = flush_doc(m);
	if (rc == PDX_OK)
		rc = write_updates(m);
	pipe_free(&p);
	free(p.w.v.tf);
	free(p.w.v.touched);
	free(p.w.dot);
	impact_counter_free(&p.w.ic);
	if (p.w.tok)
		m->api.xDelete(p.w.tok);
	return rc;
}

static void model_free(model_t *m)
{
	for (size_t i = 0; i < m->nsec; i++) {
		free(m->sec[i].name);
		free(m->sec[i].key);
	}
	free(m->sec);
	for (size_t i = 0; i < m->nact; i++) {
		free(m->act[i].key);
		free(m->act[i].t);
		free(m->act[i].w);
	}
	free(m->act);
	free(m->tri);
	free(m->mem);
	free(m->last_heading);
	free(m->post_off);
	free(m->post_sec);
	free(m->post_w);
	free(m->dot);
	free(m->doc);
	free(m->upd);
	free(m->pillar_of);
	free(m->idf);
	free(m->mask);
	vocab_free(&m->v);
	impact_acc_free(m->imp);
	free(m->islot);
	if (m->tok)
		m->api.xDelete(m->tok);
}

typedef struct {
	uint32_t df, id;
} term_df;

static int cmp_df_desc(const void *x, const void *y)
{
	const term_df *a = x, *b = y;
	return a->df != b->df ? (a->df > b->df ? -1 : 1) : (a->id > b->id) - (a->id < b->id);
}

/* Which words get impact lists, and how long: those of at least
 * ip->df_min records here (the other columns of the full-text index can
 * only add to that), the most frequent first while the budget lasts;
 * each list ip->k records and a share of the rest of the budget by its
 * frequency, but not more than a sixteenth of its records (the index
 * grows by at most half a byte a posting). raw: pass 1's tokens, for the mean record length. */
static int plan_impact(model_t *m, const pdx_impact_params *ip, long raw)
{
	term_df *ids = malloc((m->v.n + 1) * sizeof *ids);
	if (!(m->imp = impact_acc_new(m->nrec ? (double)raw / m->nrec : 1)) || !ids ||
	    !(m->islot = malloc((m->v.n + 1) * sizeof *m->islot))) {
		free(ids);
		return PDX_ENOMEM;
	}
	size_t n = 0;
	for (size_t t = 0; t < m->v.n; t++) {
		m->islot[t] = -1;
		if (m->v.df[t] >= ip->df_min)
			ids[n++] = (term_df){ m->v.df[t], (uint32_t)t };
	}
	qsort(ids, n, sizeof *ids, cmp_df_desc);
	if (ip->k > 0 && n > (size_t)(ip->budget / ip->k))
		n = (size_t)(ip->budget / ip->k);
	double total = 0;
	for (size_t i = 0; i < n; i++)
		total += ids[i].df;
	double spare = (double)ip->budget - (double)n * ip->k;
	int rc = PDX_OK;
	for (size_t i = 0; rc == PDX_OK && i < n; i++) {
		/* at most a sixteenth of the word's records beyond ip->k */
		double k = ip->k + floor(spare * ids[i].df / total);
		if (k > ip->k + ids[i].df / 16.0)
			k = floor(ip->k + ids[i].df / 16.0);
		if (k > 1 << 16)
			k = 1 << 16;
		if ((m->islot[ids[i].id] = impact_acc_term(m->imp, m->v.word[ids[i].id], (int)k)) < 0)
			rc = PDX_ENOMEM;
	}
	free(ids);
	return rc;
}

/* The seconds since *t, added to the phase's time; *t is now. */
static void lap(pdx_pillar_stats *st, int phase, double *t)
{
	double now = now_seconds();
	st->seconds[phase] += now - *t;
	*t = now;
}

int pillar_infer(pdx_db *db, unsigned flags, const pdx_impact_params *ip, pdx_df *df,
		 pdx_pillar_stats *st, char *err, size_t errlen)
{
	memset(st, 0, sizeof *st);
	model_t m = { .db = db, .flags = flags, .st = st, .doc_id = -1 };
	m.terms = pillar_terms_builtin();
	if (tokenizer_create(db_fts5_api(db), &m.api, &m.tok) != SQLITE_OK) {
		snprintf(err, errlen, "cannot load the %s tokenizer", TOKENIZER_NAME);
		return PDX_ERR;
	}
	if (db_begin(db)) {
		snprintf(err, errlen, "%s", db_errmsg(db));
		model_free(&m);
		return PDX_ERR;
	}
	double clock = now_seconds();
	int rc = PDX_OK;
	if (df) {
		/* pass 1 done as the records were stored: the vocabulary is
		 * the model's now */
		m.v = df->v;
		m.nrec = df->nrec;
		memset(&df->v, 0, sizeof df->v);
		df->nrec = 0;
	} else {
		rc = df_run(&m);
	}
	lap(st, PILLAR_T_DF, &clock);
	long raw = m.v.raw;
	/* the lists' words, which no record may hold, join the vocabulary;
	 * then their ids are marked */
	for (int pass = 0; rc == PDX_OK && m.terms && pass < 2; pass++) {
		if (pass == 1) {
			m.v.frozen = true;
			if (!(m.mask = calloc(m.v.n + 1, 1))) {
				rc = PDX_ENOMEM;
				break;
			}
		}
		for (int p = 0; p <= 3 && rc == PDX_OK; p++) {
			size_t nl;
			const char *const *l = pillar_terms_list(m.terms, p, &nl);
			for (size_t i = 0; rc == PDX_OK && i < nl; i++) {
				rc = tokenize(&m, l[i], 1);
				for (size_t k = 0; pass == 1 && k < m.v.ntouched; k++)
					m.mask[m.v.touched[k]] |= p ? 1u << p : STOP;
				vocab_clear(&m.v);
			}
		}
	}
	m.v.frozen = true;
	if (rc == PDX_OK && !m.mask && !(m.mask = calloc(m.v.n + 1, 1)))
		rc = PDX_ENOMEM;
	if (rc == PDX_OK && !(m.idf = malloc((m.v.n + 1) * sizeof *m.idf)))
		rc = PDX_ENOMEM;
	for (size_t t = 0; rc == PDX_OK && t < m.v.n; t++)
		m.idf[t] = log((m.nrec + 1.0) / (m.v.df[t] + 0.5));
	if (rc == PDX_OK)
		rc = plan_impact(&m, ip, raw);
	if (rc == PDX_OK)
		rc = db_pillar_rows(db, true, add_plan_record, NULL, &m);
	st->plan_sections = (long)m.nsec;
	if (rc == PDX_OK)
		rc = build_index(&m);
	lap(st, PILLAR_T_PLAN, &clock);
	/* the links go before the pass that sets them anew; the inferred
	 * pillars stay, and the pass rewrites those that change */
	if (rc == PDX_OK && db_links_reset(db))
		rc = PDX_ERR;
	if (rc == PDX_OK)
		rc = pass3_run(&m);
	lap(st, PILLAR_T_PLACE, &clock);
	if (rc == PDX_OK)
		rc = impact_acc_store(m.imp, db, ip->df_min);
	lap(st, PILLAR_T_IMPACT, &clock);
	if (rc == PDX_OK && (flags & PILLAR_BULK) && db_bulk_indexes(db))
		rc = PDX_ERR;
	lap(st, PILLAR_T_INDEXES, &clock);
	if (rc == PDX_OK)
		rc = db_summary_refresh(db, m.no_map ? NULL : m.pillar_of, m.npillar_of);
	lap(st, PILLAR_T_SUMMARY, &clock);
	if (rc == PDX_OK && db_commit(db))
		rc = PDX_ERR;
	lap(st, PILLAR_T_COMMIT, &clock);
	if (rc) {
		snprintf(err, errlen, "%s", rc == PDX_ENOMEM ? "out of memory" : db_errmsg(db));
		db_rollback(db);
	}
	model_free(&m);
	return rc;
}
