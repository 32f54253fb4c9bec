/* postpass_df.c - step 1 of the post-pass: the document frequencies of
 * every record's words, the vocabulary the placement's model is made of
 * and the ranked lists are chosen from.
 *
 * A record's words are its text's and its section heading's, tokenized
 * as the index tokenizes them (Porter stems, CJK bigrams); colocated
 * tokens are not counted, numbers and one-letter Latin tokens are not
 * words. Either counted here, in one pass over the records, or by a bulk
 * build as it stores them (pillar_words, pillar_df_add), with the same
 * vocabulary, ids and counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postpass_int.h"

/* The vocabulary ------------------------------------------------------- */

/* The vocabulary and the word set below keep their own open-addressing
 * tables rather than a generic one: this is the indexer's hottest loop
 * (see polidex/containers.h). */
static inline uint64_t hash_bytes(const char *s, size_t n)
{
	return pdx_fnv1a(PDX_FNV_OFFSET, s, n);
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

uint32_t vocab_id(vocab_t *v, const char *tok, size_t n, int *rc)
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
	if (!(v->word[v->n] = pdx_strndup(tok, n))) {
		*rc = PDX_ENOMEM;
		return NO_TERM;
	}
	v->df[v->n] = 0;
	v->tf[v->n] = 0;
	v->slot[h] = (uint32_t)v->n + 1;
	return (uint32_t)v->n++;
}

void vocab_clear(vocab_t *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->word[i]);
	free(v->word);
	free(v->slot);
	free(v->df);
	free(v->tf);
	free(v->touched);
}

void vocab_reset_record(vocab_t *v)
{
	for (size_t i = 0; i < v->ntouched; i++)
		v->tf[v->touched[i]] = 0;
	v->ntouched = 0;
	v->unknown = 0;
}

bool vocab_says_nothing(const char *tok, int ntok)
{
	bool digits = true;
	for (int i = 0; i < ntok && digits; i++)
		digits = tok[i] >= '0' && tok[i] <= '9';
	return digits || (ntok == 1 && (unsigned char)tok[0] < 0x80);
}

int vocab_count(vocab_t *v, uint32_t id)
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
	return !vocab_says_nothing(tok, ntok);
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
	return rc ? SQLITE_NOMEM : vocab_count(v, id);
}

int vocab_tokenize(vocab_t *v, const fts5_tokenizer *api, Fts5Tokenizer *tok,
		   const char *text, double weight)
{
	if (!text || !*text)
		return PDX_OK;
	v->weight = weight;
	int rc = api->xTokenize(tok, v, FTS5_TOKENIZE_DOCUMENT, text, (int)strlen(text), on_token);
	return rc == SQLITE_OK ? PDX_OK : PDX_ENOMEM;
}


/* Pass 1 --------------------------------------------------------------- */

/* Pass 1 on a thread of its own: a chunk's words into the vocabulary,
 * which only that thread touches during the pass (ids in row order, as
 * one thread would give them). */
typedef struct {
	pdx_df *d;
	fts5_tokenizer api;
	Fts5Tokenizer *tok;
} df_pass;

static int df_work(void *arg, postpass_chunk *c)
{
	df_pass *p = arg;
	vocab_t *v = &p->d->v;
	for (size_t i = 0; i < c->n; i++) {
		const postpass_row *row = &c->row[i];
		p->d->nrec++;
		if (vocab_tokenize(v, &p->api, p->tok, postpass_col(c, row, FTS_TEXT), 1) ||
		    vocab_tokenize(v, &p->api, p->tok, postpass_col(c, row, FTS_SECTION), 1))
			return PDX_ENOMEM;
		for (size_t k = 0; k < v->ntouched; k++)
			v->df[v->touched[k]]++;
		vocab_reset_record(v);
	}
	return PDX_OK;
}

static int df_consume(void *arg, postpass_chunk *c)
{
	(void)arg;
	return c->rc;
}

int postpass_df(pdx_db *db, pdx_df *ahead, pdx_df *words)
{
	if (ahead) {
		/* counted as the records were stored: the vocabulary is
		 * the pass's now */
		*words = *ahead;
		memset(ahead, 0, sizeof *ahead);
		return PDX_OK;
	}
	df_pass p = { .d = words };
	if (tokenizer_create(db_fts5_api(db), &p.api, &p.tok) != SQLITE_OK)
		return PDX_ENOMEM;
	postpass_rows_fn fn = { .work = df_work, .consume = df_consume, .arg = &p };
	int rc = postpass_rows(db, PILLAR_ROWS_ALL, 0, &fn);
	p.api.xDelete(p.tok);
	return rc;
}

/* Pass 1 ahead of time ------------------------------------------------ */

/* A bulk build counts the document frequencies as it stores the records
 * (postpass.h): a parse thread lists each record's words as pass 1
 * would count them (pillar_words), the main thread adds them in record
 * order (pillar_df_add), so the vocabulary, its ids and the counts are
 * those pass 1 would give. A record's words in the list: a header of two
 * 32-bit counts (words, raw tokens), then each distinct word once, in the
 * order it first comes, NUL-terminated. */
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

/* Pass 1's tokens, on_token's rules: each word once. */
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
	if (off > UINT32_MAX || pdx_buf_add(c->out, tok, (size_t)ntok) || pdx_buf_addc(c->out, '\0'))
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
	if (pdx_buf_add(out, (const char *)head, sizeof head))
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
	vocab_clear(&d->v);
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
