/* postpass_place.c - steps 3 and 4 of the post-pass: pillars for the
 * records the plan's structure does not place, and every record's links
 * to the plan (postpass_model_build, then postpass_place).
 *
 * The plan is its own reference. Its sections, as stored (every record the
 * plan's structure put in a section: the heading, the narrative, the
 * recommended actions), become tf-idf vectors; so does each pillar's term
 * list (data/pillar_terms.json), one vector per pillar, which carries the
 * pillars the indexed plan lacks and the Chinese vocabulary the English
 * plan cannot. A record is tokenized as the index tokenizes it (Porter
 * stems, CJK bigrams), weighted by idf over the plan's records (over the
 * whole collection when fewer than PLAN_IDF_MIN are indexed), and
 * compared by cosine with every vector at once through an inverted index:
 * one pass over the records, no SQL per record and section (the same pass
 * counts the records' words into the ranked lists, postpass_ranked.c).
 * It takes the pillar of its best match when that reaches PLACE_MIN; its
 * best plan sections (PLACE_MIN or more, up to three) become links, each
 * with the section's action it resembles most.
 *
 * Document smoothing: when a document is clearly about one pillar (at
 * least three of its placed records, and two thirds of them, in it), a
 * record of it left unplaced whose score for that pillar still reaches
 * WEAK_MIN takes that pillar; boilerplate (dates, signatures, "General
 * Provisions") scores below WEAK_MIN and stays without a pillar.
 *
 * POSTPASS_EVALUATE scores the records placed by structure too, as if they
 * had none: text only (their section heading is structure), each left out
 * of the section vector it helped build, their structure hidden from the
 * smoothing; agreement with structure is the placement accuracy. */
#define PCRE2_CODE_UNIT_WIDTH 8
#define _GNU_SOURCE	/* memmem */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pcre2.h>

#include "polidex/pillar.h"
#include "postpass_int.h"
#include "rx.h"
#include "polidex/containers.h"

/* Thresholds on the cosine, set on the corpus (see tests/cli/t_pillars.sh
 * for the placement accuracy they give). */
#define PLACE_MIN 0.09		/* placed by content, and linked */
#define WEAK_MIN 0.03		/* placed by the document's pillar */
#define SECTION_WEIGHT 0.5	/* a record's section heading, against its text */
#define TERM_WEIGHT 0.5	/* the term lists' share, against the plan's cosine */
#define TERM_WEIGHT_ALONE 0.75	/* ... for a pillar the plan indexed lacks */
#define DOC_PRIOR 0.2		/* the document's share, see place() */
/* The records next to one in its document, where its own two best pillars
 * are close (set on the leave-one-out evaluation with the whole plan:
 * 80.3% without them, 92.2% with; 95.7% -> 98.3% on corpus/). */
#define NEIGHBOUR 0.4		/* the share of each neighbouring record's scores */
#define NEIGHBOUR2 0.2		/* ... and of the records next to those */
#define NEIGHBOUR_MARGIN 0.2	/* ... only where its own two best are this close */
/* A document outside the plan: its outside-list weight against its
 * pillar-list weight (documents on the plan's subjects reach 0.14 in the
 * corpus and the unseen dev set, immigration ones 0.44 and above). */
#define OUTSIDE_RATIO 0.3
#define MAX_LINKS 3
#define PLAN_IDF_MIN 20		/* plan records below which idf counts every record */
#define TRIPLES_COMPACT 65536	/* triples before the first compaction */

/* Model ---------------------------------------------------------------- */

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
	float out;		/* the share of its weight in the outside list */
	bool subject;		/* it names the plan's subject (the subject list) */
	uint64_t sec;		/* hash of its section heading, 0 none */
	bool boiler;		/* under a boilerplate heading: never placed */
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

/* A pillar's phrase ("data centers", "federal lands"): its words count
 * for the pillar only in a record that has them all. */
#define PHRASE_WORDS 6
typedef struct {
	int pillar;
	int n;
	uint32_t w[PHRASE_WORDS];
} phrase;

struct postpass_model {
	pdx_db *db;
	unsigned flags;
	const pdx_pillar_terms *terms;
	Fts5Tokenizer *tok;
	fts5_tokenizer api;
	vocab_t *v;		/* pass 1's (postpass_df), completed here */
	long nrec;
	double *idf;
	uint32_t *plan_df;	/* term -> plan records holding it */
	long nplan;		/* plan records placed by structure */
	long idf_n;		/* the records idf counts over: the plan's, or all */
	uint8_t *mask;		/* term -> STOP, or the pillars whose list has it */
	bool has_pillar[4];	/* the plan indexed has sections in it */
	pdx_rx *subject;	/* the plan's subject (the subject list), NULL: no list */
	/* what a value must hold for subject to match it: each term's
	 * letters, exactly (a term in capitals) or in either ASCII case;
	 * nlit 0: no such test (a term whose caseless match it could miss) */
	char **lit;
	bool *lit_exact;
	size_t nlit;
	phrase *phr;		/* the pillars' phrases, by their words */
	size_t nphr, phrcap;
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
	pdx_postpass_stats *st;
	/* pass 3's: the ranked lists it counts the words into, and the map
	 * of the pillars it leaves for the summaries */
	postpass_ranked *rk;
	postpass_pillar_map *map;
	/* an incremental pass: only the records new since the last, whose
	 * ids are past max_id or were deleted (postpass_inc.c) */
	bool only_new;
	int64_t max_id;
};
typedef struct postpass_model model_t;

static int tokenize(model_t *m, const char *text, double weight)
{
	return vocab_tokenize(m->v, &m->api, m->tok, text, weight);
}

/* Pass 3 scores records on a thread of its own while the main thread
 * reads and writes the database (postpass_place). What scoring writes is a
 * scorer's own: the model's vocabulary with its own weights, the
 * per-section dot products, a tokenizer, the ranked counter; the model
 * itself is only read. */
/* A token of a remembered column value: its term (NO_TERM: none), its
 * FTS5 flags, and whether it says nothing (vocab_says_nothing). */
typedef struct {
	uint32_t id;
	uint8_t tflags;
	bool nothing;
} ctoken;

/* A section heading or an agency-names value, tokenized once: many records
 * share one (24 MB of corpus: 94 headings and 2,448 names values over
 * 79,254 records, a fifth of the bytes tokenized), and the frozen
 * vocabulary gives a string the same tokens every time. */
typedef struct {
	char *s;		/* NULL: an empty slot */
	uint64_t h;
	int col;
	ctoken *t;
	uint32_t n;
	int8_t subject;		/* the subject pattern matches it: 1, 0, -1 not yet tried */
} centry;

/* Values longer than this are tokenized each time; at most CACHE_SLOTS/2
 * values and CACHE_TOKENS tokens are kept (then new ones are not). */
enum { CACHE_MAXLEN = 1024, CACHE_SLOTS = 8192, CACHE_TOKENS = 1 << 20 };

typedef struct {
	const model_t *m;
	vocab_t v;		/* shares the frozen words; own tf, touched */
	double *dot;
	Fts5Tokenizer *tok;
	ranked_counter ic;
	centry *cache;		/* CACHE_SLOTS, open addressing */
	size_t ncache, ncached_tokens;
	ctoken *rec;		/* the tokens of the value being tokenized */
	size_t nrec, reccap;
	bool recording, rec_fail;
	char *low;		/* a value in lower case (subject_maybe) */
	size_t lowcap;
} scorer;

/* A scorer of model m counting into the lists of rk: its own weights
 * over the model's frozen words, dot products, tokenizer and counter. */
static int scorer_init(scorer *w, model_t *m, postpass_ranked *rk)
{
	memset(w, 0, sizeof *w);
	w->m = m;
	w->v = *m->v;
	w->v.tf = calloc(m->v->n + 1, sizeof *w->v.tf);
	w->v.touched = NULL;
	w->v.ntouched = w->v.touched_cap = 0;
	w->v.unknown = 0;
	w->dot = calloc(m->nsec + 1, sizeof *w->dot);
	w->cache = calloc(CACHE_SLOTS, sizeof *w->cache);
	return w->v.tf && w->dot && w->cache && ranked_counter_init(&w->ic, rk->acc) == PDX_OK &&
	       tokenizer_create(db_fts5_api(m->db), &m->api, &w->tok) == SQLITE_OK ? PDX_OK : PDX_ENOMEM;
}

static void scorer_clear(scorer *w)
{
	free(w->v.tf);
	free(w->v.touched);
	free(w->dot);
	for (size_t i = 0; w->cache && i < CACHE_SLOTS; i++) {
		free(w->cache[i].s);
		free(w->cache[i].t);
	}
	free(w->cache);
	free(w->rec);
	free(w->low);
	ranked_counter_clear(&w->ic);
	if (w->tok)
		w->m->api.xDelete(w->tok);
}

/* Pass 3's callback: every token counts toward the record's ranked lists
 * (all three columns, colocated tokens too, as FTS5 indexes them), and
 * toward its pillar scores when its column is scored (weight > 0). */
static int on_token_scored(void *arg, int tflags, const char *tok, int ntok, int start, int end)
{
	scorer *w = arg;
	(void)start;
	(void)end;
	bool nothing = vocab_says_nothing(tok, ntok);
	int rc = PDX_OK;
	uint32_t id = nothing ? NO_TERM : vocab_id(&w->v, tok, (size_t)ntok, &rc);
	if (rc || ranked_counter_token(&w->ic, id == NO_TERM ? -1 : postpass_ranked_slot(w->m->rk, id),
					 tflags))
		return SQLITE_NOMEM;
	if (w->recording) {
		ctoken *t = pdx_grow((void **)&w->rec, &w->nrec, &w->reccap, sizeof *t);
		if (t)
			*t = (ctoken){ id, (uint8_t)tflags, nothing };
		else
			w->rec_fail = true;
	}
	if (w->v.weight <= 0 || (tflags & FTS5_TOKEN_COLOCATED) || nothing)
		return SQLITE_OK;
	return vocab_count(&w->v, id);
}

/* The record's columns of the full-text index, the text and section
 * scored with these weights (0: not scored). */
/* The slot of value s (hash h) of column c in the cache: its entry, or
 * the empty slot it would take. */
static centry *cache_slot(scorer *w, int c, const char *s, uint64_t h)
{
	size_t i = (size_t)h & (CACHE_SLOTS - 1);
	while (w->cache[i].s && !(w->cache[i].h == h && w->cache[i].col == c &&
				  strcmp(w->cache[i].s, s) == 0))
		i = (i + 1) & (CACHE_SLOTS - 1);
	return &w->cache[i];
}

/* Column c's value s as on_token_scored takes it, from the tokens
 * remembered: the same calls, in the same order. */
static int replay(scorer *w, const centry *e)
{
	for (uint32_t k = 0; k < e->n; k++) {
		const ctoken *t = &e->t[k];
		if (ranked_counter_token(&w->ic, t->id == NO_TERM ? -1 : postpass_ranked_slot(w->m->rk, t->id),
					 t->tflags))
			return PDX_ENOMEM;
		if (w->v.weight <= 0 || (t->tflags & FTS5_TOKEN_COLOCATED) || t->nothing)
			continue;
		if (vocab_count(&w->v, t->id) != SQLITE_OK)
			return PDX_ENOMEM;
	}
	return PDX_OK;
}

/* Tokenize column c's value s, or replay it when remembered; the section
 * and agency names are remembered (a record's text is its own). */
static int tokenize_col(scorer *w, int c, const char *s)
{
	size_t len = strlen(s);
	centry *e = NULL;
	uint64_t h = 0;
	if (c != FTS_TEXT && len <= CACHE_MAXLEN) {
		h = pdx_fnv1a(PDX_FNV_OFFSET, s, len);
		e = cache_slot(w, c, s, h);
		if (e->s)
			return replay(w, e);
		if (w->ncache >= CACHE_SLOTS / 2 || w->ncached_tokens >= CACHE_TOKENS)
			e = NULL;
	}
	w->recording = e != NULL;
	w->rec_fail = false;
	w->nrec = 0;
	int rc = w->m->api.xTokenize(w->tok, w, FTS5_TOKENIZE_DOCUMENT, s, (int)len, on_token_scored);
	w->recording = false;
	if (rc != SQLITE_OK)
		return PDX_ENOMEM;
	if (!e || w->rec_fail)
		return PDX_OK;
	/* remembered if memory allows; otherwise tokenized again next time */
	char *copy = pdx_strndup(s, len);
	ctoken *t = w->nrec ? malloc(w->nrec * sizeof *t) : NULL;
	if (!copy || (w->nrec && !t)) {
		free(copy);
		free(t);
		return PDX_OK;
	}
	if (w->nrec)
		memcpy(t, w->rec, w->nrec * sizeof *t);
	*e = (centry){ copy, h, c, t, (uint32_t)w->nrec, -1 };
	w->ncache++;
	w->ncached_tokens += w->nrec;
	return PDX_OK;
}

/* Could the subject pattern match s[0..n)? Not when it holds none of the
 * terms' literals (every match of a term holds its literal): a term in
 * capitals as it is, another in a copy of s in lower case (ASCII). */
static bool subject_maybe(scorer *w, const char *s, size_t n)
{
	const model_t *m = w->m;
	if (!m->nlit)
		return true;
	for (size_t i = 0; i < m->nlit; i++)
		if (m->lit_exact[i] && memmem(s, n, m->lit[i], strlen(m->lit[i])))
			return true;
	if (n + 1 > w->lowcap) {
		char *low = realloc(w->low, n + 1);
		if (!low)
			return true;	/* the pattern will tell */
		w->low = low;
		w->lowcap = n + 1;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		w->low[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	for (size_t i = 0; i < m->nlit; i++)
		if (!m->lit_exact[i] && memmem(w->low, n, m->lit[i], strlen(m->lit[i])))
			return true;
	return false;
}

/* Does the subject pattern match column c's value s? Remembered with the
 * value's tokens when they are. */
static bool subject_in(scorer *w, int c, const char *s)
{
	size_t len = strlen(s);
	centry *e = NULL;
	if (c != FTS_TEXT && len <= CACHE_MAXLEN) {
		e = cache_slot(w, c, s, pdx_fnv1a(PDX_FNV_OFFSET, s, len));
		if (!e->s)
			e = NULL;
		else if (e->subject >= 0)
			return e->subject;
	}
	bool yes = subject_maybe(w, s, len) && rx_test(w->m->subject, s) > 0;
	if (e)
		e->subject = yes;
	return yes;
}

static int tokenize_row(scorer *w, const char *const col[FTS_NCOL], double wtext, double wsection)
{
	const double wt[FTS_NCOL] = { wtext, wsection, 0 };
	for (int c = 0; c < FTS_NCOL; c++) {
		ranked_counter_column(&w->ic, c);
		if (!col[c] || !*col[c])
			continue;
		w->v.weight = wt[c];
		if (tokenize_col(w, c, col[c]))
			return PDX_ENOMEM;
	}
	return PDX_OK;
}

static double idf_of(const model_t *m, uint32_t id)
{
	return id == NO_TERM || id >= m->v->n ? log((m->idf_n + 1.0) / 0.5)
					     : m->idf[id];
}

/* A plan record's words, counted once each into the plan's document
 * frequencies (the words' weights, postpass_model_build). */
static int count_plan_record(const pdx_pillar_row *r, void *arg)
{
	model_t *m = arg;
	if (tokenize(m, r->text, 1))
		return PDX_ENOMEM;
	for (size_t i = 0; i < m->v->ntouched; i++)
		m->plan_df[m->v->touched[i]]++;
	vocab_reset_record(m->v);
	m->nplan++;
	return PDX_OK;
}

enum { STOP = 1, OUTSIDE = 1u << PDX_PILLAR_OUTSIDE };	/* mask bits: STOP, then 1 << pillar */

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
	for (size_t i = 0; i < m->v->ntouched; i++) {
		uint32_t t = m->v->touched[i];
		if (m->mask[t] & STOP)
			continue;
		/* full: compact before growing, unless compacting would not
		 * free a quarter of the list */
		if (m->ntri == m->tricap && m->ntri >= TRIPLES_COMPACT && m->ntri > m->tri_compacted) {
			compact_triples(m);
			m->tri_compacted = m->ntri + m->ntri / 3;
		}
		triple *x = pdx_grow((void **)&m->tri, &m->ntri, &m->tricap, sizeof *x);
		if (!x)
			return PDX_ENOMEM;
		x->term = t;
		x->sec = sec;
		x->w = m->v->tf[t] * m->idf[t];
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
	if (!name && r->kind == PDX_REC_HEADING) {
		free(m->last_heading);
		if (!(m->last_heading = pdx_strdup(r->text)))
			return PDX_ENOMEM;
	}
	if (!name)
		name = m->last_heading;
	size_t s = 0;
	while (s < m->nsec && !(m->sec[s].pillar == r->pillar && same(m->sec[s].name, name)))
		s++;
	if (s == m->nsec) {
		msection *x = pdx_grow((void **)&m->sec, &m->nsec, &m->seccap, sizeof *x);
		if (!x)
			return PDX_ENOMEM;
		memset(x, 0, sizeof *x);
		x->pillar = r->pillar;
		if (name && !(x->name = pdx_strdup(name)))
			return PDX_ENOMEM;
	}
	msection *sec = &m->sec[s];
	member *mb = pdx_grow((void **)&m->mem, &m->nmem, &m->memcap, sizeof *mb);
	if (!mb)
		return PDX_ENOMEM;
	mb->id = r->id;
	mb->sec = (uint32_t)s;
	if (tokenize(m, r->text, 1) || add_triples(m, (uint32_t)s))
		return PDX_ENOMEM;
	if (r->kind == PDX_REC_RECOMMENDED_ACTION && r->key) {
		if (!sec->key) {
			/* aiap:I.3.2 -> aiap:I.3 */
			const char *dot = strrchr(r->key, '.');
			sec->key = pdx_strndup(r->key, dot ? (size_t)(dot - r->key) : strlen(r->key));
		}
		/* a section's actions are contiguous: its records are */
		if (sec->nactions == 0)
			sec->first_action = m->nact;
		if (sec->first_action + sec->nactions == m->nact) {
			maction *a = pdx_grow((void **)&m->act, &m->nact, &m->actcap, sizeof *a);
			if (!a)
				return PDX_ENOMEM;
			memset(a, 0, sizeof *a);
			a->id = r->id;
			a->key = pdx_strdup(r->key);
			a->t = malloc(m->v->ntouched * sizeof *a->t + 1);
			a->w = malloc(m->v->ntouched * sizeof *a->w + 1);
			if (!a->key || !a->t || !a->w)
				return PDX_ENOMEM;
			for (size_t i = 0; i < m->v->ntouched; i++) {
				uint32_t t = m->v->touched[i];
				if (m->mask[t] & STOP)
					continue;
				a->t[a->n] = t;
				a->w[a->n] = m->v->tf[t] * m->idf[t];
				a->norm += a->w[a->n] * a->w[a->n];
				a->n++;
			}
			a->norm = sqrt(a->norm);
			sec->nactions++;
		}
	}
	vocab_reset_record(m->v);
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
	m->post_off = calloc(m->v->n + 1, sizeof *m->post_off);
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
	for (size_t t = 0; t < m->v->n; t++)
		m->post_off[t + 1] += m->post_off[t];
	free(m->tri);
	m->tri = NULL;
	m->ntri = m->tricap = 0;
	m->v->frozen = true;
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
			/* the records next to it, in the same document: a record
			 * shares its neighbours' subject more often than not */
			const rscore *nb[4] = { i > 0 ? &m->doc[i - 1] : NULL, i + 1 < m->ndoc ? &m->doc[i + 1] : NULL,
						i > 1 ? &m->doc[i - 2] : NULL, i + 2 < m->ndoc ? &m->doc[i + 2] : NULL };
			/* a record whose own words decide leaves them alone */
			float own1 = 0, own2 = 0;
			for (int p = 1; p <= 3; p++) {
				if (r->ps[p] > own1)
					own2 = own1, own1 = r->ps[p];
				else if (r->ps[p] > own2)
					own2 = r->ps[p];
			}
			bool near = !r->boiler && own1 >= WEAK_MIN && own1 - own2 < NEIGHBOUR_MARGIN;
			for (int p = 1; p <= 3; p++) {
				a[p] = r->ps[p];
				for (int k = 0; near && k < 4; k++)
					if (nb[k] && !nb[k]->boiler && (!nb[k]->structure || hide))
						a[p] += (float)((k < 2 ? NEIGHBOUR : NEIGHBOUR2) * nb[k]->ps[p]);
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
	/* A document that never names the plan's subject (the subject list:
	 * AI, artificial intelligence, 人工智能) carries out nothing in it,
	 * whatever words it shares with the plan (an order on trade or on
	 * wind leases speaks of Commerce, energy and reviews as the plan
	 * does): it stays out of every pillar, and so do its records. */
	bool subject = !m->subject;
	for (size_t i = 0; i < m->ndoc && !subject; i++)
		subject = m->doc[i].structure || m->doc[i].subject;
	/* A document whose words are more of a subject the plan leaves alone
	 * (immigration, visas, fees) than of the plan's own stays out of
	 * every pillar too. */
	double out = 0, in = 0;
	for (size_t i = 0; i < m->ndoc; i++) {
		if (m->doc[i].structure)
			continue;
		out += m->doc[i].out;
		in += m->doc[i].tv[1] + m->doc[i].tv[2] + m->doc[i].tv[3];
	}
	if (!subject || (out > 0 && out >= OUTSIDE_RATIO * in)) {
		for (size_t i = 0; i < m->ndoc; i++)
			if (!m->doc[i].structure || hide)
				asg[i] = 0, sc[i] = 0;
		return;
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
			postpass_pillar_map_set(m->map, m->nrec, r->id, changed ? asg[i] : r->stored);
			if (r->structure) {
				m->st->structure++;
				continue;
			}
			if (!asg[i] && !changed)
				continue;
			update *u = pdx_grow((void **)&m->upd, &m->nupd, &m->updcap, sizeof *u);
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
	if (rc == PDX_OK && (m->flags & POSTPASS_EVALUATE)) {
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
		/* a link names an action, or a section with a key that show
		 * takes: never a pseudo-section without actions (a pillar's
		 * introduction, a lone "Recommended Policy Actions" heading) */
		if (cos[s] < PLACE_MIN || !m->sec[s].key || !m->sec[s].nactions)
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
 * and agency names col[]; its words with ranked lists go to the scorer's
 * ranked counter. */
static int score_one(scorer *w, const char *const col[FTS_NCOL], rscore *r)
{
	const model_t *m = w->m;
	/* boilerplate scores 0: never placed; a record placed by structure
	 * is scored on its text alone: its section heading is the structure */
	bool scored = !(r->structure && !(m->flags & POSTPASS_EVALUATE)) &&
		      !is_boilerplate(m, col[FTS_SECTION]);
	if (tokenize_row(w, col, scored ? 1 : 0, scored && !r->structure ? SECTION_WEIGHT : 0))
		return PDX_ENOMEM;
	if (!scored) {
		vocab_reset_record(&w->v);
		return PDX_OK;
	}
	if (m->subject) {
		for (int c = 0; c < FTS_NCOL && !r->subject; c++)
			r->subject = col[c] && subject_in(w, c, col[c]);
	}
	double rnorm2 = 0, in_list[4] = { 0 }, out2 = 0;
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
		if (m->mask[t] & OUTSIDE)
			out2 += x * x;
		for (uint32_t k = m->post_off[t]; k < m->post_off[t + 1]; k++)
			w->dot[m->post_sec[k]] += x * m->post_w[k];
	}
	/* a phrase whose words are all here: those of its words no list
	 * has alone count for its pillar */
	for (size_t i = 0; i < m->nphr; i++) {
		const phrase *ph = &m->phr[i];
		int k = 0;
		while (k < ph->n && w->v.tf[ph->w[k]] > 0)
			k++;
		if (k < ph->n)
			continue;
		for (k = 0; k < ph->n; k++) {
			uint32_t t = ph->w[k];
			if (m->mask[t])
				continue;	/* a stopword, or a list's word alone */
			double x = w->v.tf[t] * m->idf[t];
			in_list[ph->pillar] += x * x;
		}
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
	r->out = rnorm2 > 0 ? (float)sqrt(out2 / rnorm2) : 0;
	for (int p = 1; p <= 3 && rnorm2 > 0; p++) {
		r->tv[p] = (float)((m->has_pillar[p] ? TERM_WEIGHT : TERM_WEIGHT_ALONE) *
				   sqrt(in_list[p] / rnorm2));
		r->ps[p] += r->tv[p];
	}
	if (!r->structure)
		find_links(w, r, w->dot, sqrt(rnorm2));
	vocab_reset_record(&w->v);
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

/* Pass 3 --------------------------------------------------------------- */

/* A record's words with ranked lists: slot[] and F[] from first, n of
 * them, in its chunk's scored. */
typedef struct {
	size_t first, n;
	uint32_t D;
} rwords;

/* What scoring a chunk of rows gave (a chunk's out). */
typedef struct {
	rscore *out;
	rwords *rw;
	size_t cap;
	uint32_t *slot, *F;
	size_t nw, wcap;
} scored;

/* Score every row of c (on the scorer's thread). */
static int score_chunk(scorer *w, postpass_chunk *c)
{
	scored *o = c->out;
	if (c->n > o->cap) {
		rscore *out = realloc(o->out, c->n * sizeof *out);
		if (out)
			o->out = out;
		rwords *rw = out ? realloc(o->rw, c->n * sizeof *rw) : NULL;
		if (!rw)
			return PDX_ENOMEM;
		o->rw = rw;
		o->cap = c->n;
	}
	o->nw = 0;
	for (size_t i = 0; i < c->n; i++) {
		const postpass_row *row = &c->row[i];
		const char *col[FTS_NCOL];
		for (int k = 0; k < FTS_NCOL; k++)
			col[k] = postpass_col(c, row, k);
		rscore *r = &o->out[i];
		memset(r, 0, sizeof *r);
		r->id = row->id;
		r->structure = row->structure;
		r->old_pillar = row->old_pillar;
		r->old_score = row->old_score;
		r->stored = row->stored;
		if (col[FTS_SECTION])
			r->sec = pdx_fnv1a(PDX_FNV_OFFSET, col[FTS_SECTION], strlen(col[FTS_SECTION])) | 1;
		r->boiler = is_boilerplate(w->m, col[FTS_SECTION]);
		if (score_one(w, col, r))
			return PDX_ENOMEM;
		size_t words = ranked_counter_words(&w->ic);
		if (o->nw + words > o->wcap) {
			size_t cap = o->wcap ? o->wcap : 4096;
			while (cap < o->nw + words)
				cap *= 2;
			uint32_t *sl = realloc(o->slot, cap * sizeof *sl);
			if (sl)
				o->slot = sl;
			uint32_t *F = sl ? realloc(o->F, cap * sizeof *F) : NULL;
			if (!F)
				return PDX_ENOMEM;
			o->F = F;
			o->wcap = cap;
		}
		ranked_rec rec;
		ranked_counter_take(&w->ic, &rec, o->slot + o->nw, o->F + o->nw);
		o->rw[i] = (rwords){ o->nw, rec.n, rec.D };
		o->nw += rec.n;
	}
	return PDX_OK;
}

static void scored_clear(scored *o)
{
	free(o->out);
	free(o->rw);
	free(o->slot);
	free(o->F);
}

typedef struct {
	model_t *m;
	scorer w;
} pass3;

static int score_work(void *arg, postpass_chunk *c)
{
	pass3 *p = arg;
	return score_chunk(&p->w, c);
}

/* In row order: documents placed as they end, records into the ranked
 * lists; then the updates written. */
static int score_consume(void *arg, postpass_chunk *c)
{
	pass3 *p = arg;
	model_t *m = p->m;
	const scored *o = c->out;
	int rc = c->rc;
	for (size_t i = 0; rc == PDX_OK && i < c->n; i++) {
		const postpass_row *row = &c->row[i];
		m->st->records++;
		if (row->doc_id != m->doc_id && (rc = flush_doc(m)) != PDX_OK)
			break;
		m->doc_id = row->doc_id;
		rscore *r = pdx_grow((void **)&m->doc, &m->ndoc, &m->doccap, sizeof *r);
		if (!r) {
			rc = PDX_ENOMEM;
			break;
		}
		*r = o->out[i];
		ranked_rec rec = { o->rw[i].D, o->rw[i].n, o->slot + o->rw[i].first,
				   o->F + o->rw[i].first };
		rc = ranked_acc_add(m->rk->acc, row->id, &rec);
	}
	return rc == PDX_OK ? write_updates(m) : rc;
}

/* Pass 3: score every record, document by document, on a thread of its
 * own; the results in the order of the rows, the same as scoring them
 * one after the other. */
int postpass_place(postpass_model *m, postpass_ranked *rk, postpass_pillar_map *map)
{
	m->rk = rk;
	m->map = map;
	/* the links go before the pass that sets them anew; the inferred
	 * pillars stay, and the pass rewrites those that change. An
	 * incremental pass adds the new records' links to the others (the
	 * deleted records' went with them). */
	if (m->only_new ? db_link_sections_load(m->db) : db_links_reset(m->db))
		return PDX_ERR;
	pass3 p = { .m = m };
	scored out[2] = { { 0 }, { 0 } };
	postpass_rows_fn fn = { .work = score_work, .consume = score_consume, .arg = &p,
				.out = { &out[0], &out[1] } };
	int rc = scorer_init(&p.w, m, rk);
	if (rc == PDX_OK)
		rc = postpass_rows(m->db, m->only_new ? PILLAR_ROWS_NEW : PILLAR_ROWS_ALL, m->max_id, &fn);
	if (rc == PDX_OK)
		rc = flush_doc(m);
	if (rc == PDX_OK)
		rc = write_updates(m);
	scored_clear(&out[0]);
	scored_clear(&out[1]);
	scorer_clear(&p.w);
	return rc;
}

void postpass_model_only_new(postpass_model *m, int64_t max_id)
{
	m->only_new = true;
	m->max_id = max_id;
}

/* A deleted record counted out of the ranked lists: its columns
 * tokenized as pass 3 counts them (nothing scored). */
typedef struct {
	scorer w;
	postpass_ranked *rk;
	uint32_t *slot, *F;
	size_t cap;
} unrank;

static int unrank_row(const pdx_pillar_row *r, void *arg)
{
	unrank *u = arg;
	const char *col[FTS_NCOL] = { r->text, r->section, r->agency_names };
	if (tokenize_row(&u->w, col, 0, 0))
		return PDX_ENOMEM;
	vocab_reset_record(&u->w.v);
	size_t n = ranked_counter_words(&u->w.ic);
	if (n > u->cap) {
		uint32_t *sl = realloc(u->slot, n * sizeof *sl);
		if (sl)
			u->slot = sl;
		uint32_t *F = sl ? realloc(u->F, n * sizeof *F) : NULL;
		if (!F)
			return PDX_ENOMEM;
		u->F = F;
		u->cap = n;
	}
	ranked_rec rec;
	ranked_counter_take(&u->w.ic, &rec, u->slot, u->F);
	return postpass_ranked_remove(u->rk, r->id, &rec);
}

int postpass_unrank_gone(postpass_model *m, postpass_ranked *rk)
{
	m->rk = rk;
	unrank u = { .rk = rk };
	int rc = scorer_init(&u.w, m, rk);
	if (rc == PDX_OK)
		rc = db_gone_rows(m->db, unrank_row, &u);
	free(u.slot);
	free(u.F);
	scorer_clear(&u.w);
	return rc;
}

/* The model ------------------------------------------------------------ */

int postpass_model_new(postpass_model **out, pdx_db *db, unsigned flags, pdx_postpass_stats *st)
{
	*out = NULL;
	postpass_model *m = calloc(1, sizeof *m);
	if (!m)
		return PDX_ENOMEM;
	m->db = db;
	m->flags = flags;
	m->st = st;
	m->doc_id = -1;
	m->terms = pillar_terms_builtin();
	if (tokenizer_create(db_fts5_api(db), &m->api, &m->tok) != SQLITE_OK) {
		free(m);
		return PDX_ERR;
	}
	*out = m;
	return PDX_OK;
}

void postpass_model_free(postpass_model *m)
{
	if (!m)
		return;
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
	free(m->idf);
	free(m->plan_df);
	free(m->mask);
	free(m->phr);
	rx_free(m->subject);
	for (size_t i = 0; i < m->nlit; i++)
		free(m->lit[i]);
	free(m->lit);
	free(m->lit_exact);
	if (m->tok)
		m->api.xDelete(m->tok);
	free(m);
}

/* Is c a character PCRE2's caseless matching finds only as itself or its
 * ASCII other case? ASCII but k and s (also the Kelvin sign and the long
 * s), and the Han ideographs, which have no case. */
static bool plain_char(uint32_t c)
{
	return (c < 0x80 && c != 'k' && c != 'K' && c != 's' && c != 'S') ||
	       (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF);
}

/* What a caseless match of term t must hold: its longest run of plain
 * characters, in lower case; NULL when it has none or a character
 * neither plain nor k or s (or without memory). */
static char *caseless_literal(const char *t)
{
	size_t n = strlen(t), best = 0, best_len = 0, run = 0;
	for (size_t i = 0; i <= n;) {
		int adv = 1;
		uint32_t c = i < n ? ((unsigned char)t[i] < 0x80 ? (unsigned char)t[i]
				      : pdx_utf8_decode(t + i, n - i, &adv)) : 0;
		if (i < n && plain_char(c)) {
			i += (size_t)adv;
			continue;
		}
		if (i < n && c != 'k' && c != 'K' && c != 's' && c != 'S')
			return NULL;
		if (i - run > best_len) {
			best = run;
			best_len = i - run;
		}
		i += (size_t)adv;
		run = i;
	}
	char *lit = best_len ? pdx_strndup(t + best, best_len) : NULL;
	for (char *c = lit; c && *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return lit;
}

/* m's subject terms l[0..n) as the literals a value must hold (m->lit):
 * a term in capitals (matched as it is) whole, another its longest run
 * of plain characters; none at all when a term has none, or without
 * memory (the pattern is then tried on every value). */
static void subject_literals(model_t *m, const char *const *l, size_t n)
{
	m->nlit = 0;
	if (!(m->lit = calloc(n, sizeof *m->lit)) || !(m->lit_exact = calloc(n, sizeof *m->lit_exact)))
		return;
	for (size_t i = 0; i < n; i++) {
		bool lower = false, upper = false;
		for (const char *c = l[i]; *c; c++) {
			lower |= *c >= 'a' && *c <= 'z';
			upper |= *c >= 'A' && *c <= 'Z';
		}
		m->lit_exact[i] = upper && !lower;	/* (?-i): matched as it is */
		m->lit[i] = m->lit_exact[i] ? pdx_strdup(l[i]) : caseless_literal(l[i]);
		if (!m->lit[i] || !*m->lit[i]) {
			for (size_t k = 0; k <= i; k++) {
				free(m->lit[k]);
				m->lit[k] = NULL;
			}
			return;
		}
	}
	m->nlit = n;
}

/* The subject list as one pattern: each term whole (a word boundary at
 * an ASCII letter or digit), case folded except for a term in capitals
 * ("AI", not the "ai" of another word). No list, no pattern. */
static int subject_rx(model_t *m)
{
	size_t n;
	const char *const *l = pillar_terms_list(m->terms, PDX_PILLAR_SUBJECT, &n);
	if (!n)
		return PDX_OK;
	pdx_buf b;
	pdx_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		const char *t = l[i];
		size_t len = strlen(t);
		bool lower = false, upper = false;
		for (const char *c = t; *c; c++) {
			lower |= *c >= 'a' && *c <= 'z';
			upper |= *c >= 'A' && *c <= 'Z';
		}
		pdx_buf_adds(&b, i ? "|(?:" : "(?:");
		if (upper && !lower)
			pdx_buf_adds(&b, "(?-i)");
		if (len && isalnum((unsigned char)t[0]))
			pdx_buf_adds(&b, "\\b");
		for (const char *c = t; *c; c++) {
			if (strchr("\\^$.|?*+()[]{}", *c))
				pdx_buf_addc(&b, '\\');
			pdx_buf_addc(&b, *c);
		}
		if (len && isalnum((unsigned char)t[len - 1]))
			pdx_buf_adds(&b, "\\b");
		pdx_buf_addc(&b, ')');
	}
	char *pat = pdx_buf_take(&b);
	if (!pat)
		return PDX_ENOMEM;
	m->subject = rx_new(pat, PCRE2_CASELESS);
	free(pat);
	if (!m->subject)
		return PDX_ENOMEM;
	subject_literals(m, l, n);
	return PDX_OK;
}

/* Pass 2: the vocabulary completed with the term lists and weighted,
 * then the plan's sections (records placed by structure) as vectors and
 * their inverted index. */
int postpass_model_build(postpass_model *m, pdx_df *words)
{
	m->v = &words->v;
	m->nrec = words->nrec;
	int rc = PDX_OK;
	/* the lists' words, which no record may hold, join the vocabulary;
	 * then their ids are marked */
	for (int pass = 0; rc == PDX_OK && m->terms && pass < 2; pass++) {
		if (pass == 1) {
			m->v->frozen = true;
			if (!(m->mask = calloc(m->v->n + 1, 1))) {
				rc = PDX_ENOMEM;
				break;
			}
		}
		for (int p = 0; p <= PDX_PILLAR_OUTSIDE && rc == PDX_OK; p++) {
			size_t nl;
			const char *const *l = pillar_terms_list(m->terms, p, &nl);
			for (size_t i = 0; rc == PDX_OK && i < nl; i++) {
				rc = tokenize(m, l[i], 1);
				/* a pillar's phrase ("federal lands", "data
				 * centers") marks none of its words: each alone
				 * ("federal", "data") is everyone's; the phrase
				 * counts where all its words are (score_one) */
				bool is_phrase = p >= 1 && p <= 3 && m->v->ntouched > 1;
				bool seen = false;	/* "data center" and "data centers" are one */
				for (size_t j = 0; pass == 1 && is_phrase && j < m->nphr && !seen; j++) {
					const phrase *o = &m->phr[j];
					seen = o->pillar == p && (size_t)o->n == m->v->ntouched;
					for (int k = 0; seen && k < o->n; k++)
						seen = o->w[k] == m->v->touched[k];
				}
				if (pass == 1 && is_phrase && !seen && m->v->ntouched <= PHRASE_WORDS) {
					phrase *ph = pdx_grow((void **)&m->phr, &m->nphr, &m->phrcap, sizeof *ph);
					if (!ph) {
						rc = PDX_ENOMEM;
						break;
					}
					ph->pillar = p;
					ph->n = (int)m->v->ntouched;
					for (size_t k = 0; k < m->v->ntouched; k++)
						ph->w[k] = m->v->touched[k];
				}
				for (size_t k = 0; pass == 1 && !is_phrase && k < m->v->ntouched; k++)
					m->mask[m->v->touched[k]] |= p ? 1u << p : STOP;
				vocab_reset_record(m->v);
			}
		}
	}
	m->v->frozen = true;
	if (rc == PDX_OK && m->terms)
		rc = subject_rx(m);
	if (rc == PDX_OK && !m->mask && !(m->mask = calloc(m->v->n + 1, 1)))
		rc = PDX_ENOMEM;
	if (rc == PDX_OK && !(m->idf = malloc((m->v->n + 1) * sizeof *m->idf)))
		rc = PDX_ENOMEM;
	/* The words' weights come from the plan, the reference every record
	 * is compared with: a record's placement then depends on its own
	 * text, its document and the plan, not on what else is indexed (500
	 * generated documents added to the corpus had moved 53 of its 543
	 * records). A collection without enough of a plan weighs its words
	 * over every record, as before. */
	if (rc == PDX_OK && !(m->plan_df = calloc(m->v->n + 1, sizeof *m->plan_df)))
		rc = PDX_ENOMEM;
	if (rc == PDX_OK)
		rc = db_pillar_rows(m->db, PILLAR_ROWS_PLAN, 0, count_plan_record, NULL, m);
	bool by_plan = m->nplan >= PLAN_IDF_MIN;
	m->idf_n = by_plan ? m->nplan : m->nrec;
	for (size_t t = 0; rc == PDX_OK && t < m->v->n; t++)
		m->idf[t] = log((m->idf_n + 1.0) / ((by_plan ? m->plan_df[t] : m->v->df[t]) + 0.5));
	if (rc == PDX_OK)
		rc = db_pillar_rows(m->db, PILLAR_ROWS_PLAN, 0, add_plan_record, NULL, m);
	m->st->plan_sections = (long)m->nsec;
	if (rc == PDX_OK)
		rc = build_index(m);
	return rc;
}
