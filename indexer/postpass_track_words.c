/* postpass_track_words.c - the tracker's words (docs/tracking.md): a
 * text's words cut one way and known by their ids in the step's
 * vocabulary, so that the evidence's loops over pairs of documents look
 * words up instead of cutting and comparing strings. Built once: the
 * titles of the documents that may be cited (indexed by their first
 * word), and the word sets of the requirements of the documents that
 * may be cited, with each word's frequency among its document's
 * requirements. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "postpass_track_int.h"

static const char *const stop[] = {
	"the", "and", "for", "of", "to", "in", "on", "a", "an", "by", "with", "this", "that",
	"shall", "order", "section", "such", "any", "all", "its", "their", "be", "as", "or",
	"from", "under", "other", "is", "are", "will", "within", "days", "date", "sec", "who",
	"which", "under", "into", "than", "may", "including", "president", "federal",
	"certain", "at", "it", "has", "have", NULL
};

/* Is x (len bytes) one of stop[]? By its length and first byte, then
 * memcmp: the same answer as comparing it with each (a word of a text
 * is asked this, and the loop of strcmp was most of the cut). */
static bool stop_word(const char *x, size_t len)
{
	static unsigned char at[10][32];	/* per length: 1 + the index in stop[], 0-ended */
	static bool ready;
	if (!ready) {	/* (the post-pass is one thread) */
		size_t n[10] = { 0 };
		for (size_t i = 0; stop[i]; i++) {
			size_t l = strlen(stop[i]);
			if (l < 10 && n[l] < 31)
				at[l][n[l]++] = (unsigned char)(i + 1);
		}
		ready = true;
	}
	if (len == 0 || len >= 10)
		return false;
	for (size_t i = 0; at[len][i]; i++) {
		const char *w = stop[at[len][i] - 1];
		size_t k = 0;
		while (k < len && w[k] == x[k])
			k++;
		if (k == len)
			return true;
	}
	return false;
}

/* The words of s, lowercased, "artificial intelligence" as "ai", a
 * plural's s cut, stop words out: at most maxw, from at most buflen - 1
 * bytes of words. Returns the count; w[i] are NUL-terminated in buf, of
 * wl[i] bytes. */
static size_t words(const char *s, char *buf, size_t buflen, char **w, uint32_t *wl, size_t maxw)
{
	/* per byte: its lowercase when isalnum says it is one (the C
	 * locale's: ASCII letters and digits; the indexer sets no other),
	 * else 0; a table, not two calls per byte */
	static unsigned char low[256];
	if (!low['a'])
		for (int c = 0; c < 256; c++)
			low[c] = isalnum(c) ? (unsigned char)tolower(c) : 0;
	size_t n = 0, b = 0;
	while (s && *s && n < maxw) {
		while (*s && !low[(unsigned char)*s])
			s++;
		if (!*s)
			break;
		size_t start = b;
		while (low[(unsigned char)*s] && b + 1 < buflen)
			buf[b++] = (char)low[(unsigned char)*s++];
		while (low[(unsigned char)*s])
			s++;
		if (b + 1 >= buflen)
			break;
		size_t len = b - start;
		buf[b++] = '\0';
		char *x = buf + start;
		if (len > 3 && x[len - 1] == 's' && x[len - 2] != 's')
			x[--len] = '\0';
		if (len == 12 && n && wl[n - 1] == 10 && is(x, "intelligence") &&
		    is(w[n - 1], "artificial")) {
			w[n - 1] = (char *)"ai";
			wl[n - 1] = 2;
			continue;
		}
		if (!stop_word(x, len)) {
			wl[n] = (uint32_t)len;
			w[n++] = x;
		}
	}
	return n;
}

/* The ids of the words of s (words() with buflen and maxw): added to the
 * vocabulary when add, else NO_TERM for a word it lacks. The buffer
 * holds what s can give (its words and their ends fit in strlen + 2
 * bytes), so a short text is cut as with the full buffer. */
static int word_ids(track *t, const char *s, size_t buflen, size_t maxw, bool add, uint32_t **ids,
		    size_t *n)
{
	size_t len = strlen(s ? s : "") + 2;
	if (len < buflen)
		buflen = len;
	/* a word and its end take two bytes at least: no more than len / 2
	 * of them (the arrays were maxw long for every text) */
	if (maxw > len / 2 + 1)
		maxw = len / 2 + 1;
	char *buf = malloc(buflen);
	char **w = malloc((maxw ? maxw : 1) * sizeof *w);
	uint32_t *v = malloc((maxw ? maxw : 1) * sizeof *v);
	*ids = NULL;
	*n = 0;
	int rc = PDX_ENOMEM;
	if (!buf || !w || !v)
		goto out;
	/* (v holds the words' lengths, then their ids) */
	size_t nw = words(s, buf, buflen, w, v, maxw);
	t->v.frozen = !add;
	rc = PDX_OK;
	for (size_t i = 0; i < nw && !rc; i++)	/* (an empty vocabulary knows nothing) */
		v[i] = add || t->v.nslot ? vocab_id(&t->v, w[i], v[i], &rc) : NO_TERM;
	t->v.frozen = false;
	if (!rc) {	/* (cut to its size: a section's set is held to the end) */
		uint32_t *fit = realloc(v, (nw ? nw : 1) * sizeof *v);
		*ids = fit ? fit : v;
		*n = nw;
		v = NULL;
	}
out:
	free(buf);
	free(w);
	free(v);
	return rc;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* v[0..n) in ascending order: qsort's order (ids are a total order),
 * without a call per comparison. */
void track_sort_u32(uint32_t *v, size_t n)
{
	while (n > 16) {
		uint32_t a = v[0], b = v[n / 2], c = v[n - 1];
		uint32_t p = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
		size_t i = 0, j = n - 1;
		for (;;) {
			while (v[i] < p)
				i++;
			while (v[j] > p)
				j--;
			if (i >= j)
				break;
			uint32_t x = v[i];
			v[i++] = v[j];
			v[j--] = x;
		}
		/* v[0..j] <= p <= v[j+1..n): the smaller side by recursion */
		size_t left = j + 1;
		if (left < n - left) {
			track_sort_u32(v, left);
			v += left;
			n -= left;
		} else {
			track_sort_u32(v + left, n - left);
			n = left;
		}
	}
	for (size_t i = 1; i < n; i++) {
		uint32_t x = v[i];
		size_t j = i;
		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

static bool cited_kind(const tdoc *d)
{
	return d->numkind || is(d->kind, "executive_order") || is(d->kind, "proclamation") ||
	       is(d->kind, "memorandum");
}

int track_titles(track *t)
{
	size_t cap = 0;
	for (size_t i = 0; i < t->ndoc; i++) {
		tdoc *d = &t->docs[i];
		if (!d->title || !(d->numkind || d->plan))
			continue;
		int rc = word_ids(t, d->title, 2048, 64, true, &d->tw, &d->ntw);
		if (rc)
			return rc;
		if (d->ntw < 2 || !d->numkind || d->plan)
			continue;	/* cited by title: a numbered document's */
		size_t n = t->nfirst;
		if (!pdx_grow((void **)&t->firstd, &n, &cap, sizeof *t->firstd))
			return PDX_ENOMEM;
		t->firstd[t->nfirst++] = i;
	}
	/* by first word, then index (the order citations come in) */
	t->firstw = malloc((t->nfirst + 1) * sizeof *t->firstw);
	if (!t->firstw)
		return PDX_ENOMEM;
	uint64_t *k = malloc((t->nfirst + 1) * sizeof *k);
	if (!k)
		return PDX_ENOMEM;
	for (size_t i = 0; i < t->nfirst; i++)
		k[i] = (uint64_t)t->docs[t->firstd[i]].tw[0] << 32 | t->firstd[i];
	qsort(k, t->nfirst, sizeof *k, cmp_u64);
	for (size_t i = 0; i < t->nfirst; i++) {
		t->firstw[i] = (uint32_t)(k[i] >> 32);
		t->firstd[i] = (size_t)(k[i] & 0xffffffffu);
	}
	free(k);
	return PDX_OK;
}

void titles_starting(const track *t, uint32_t w, size_t *lo, size_t *hi)
{
	size_t a = 0, b = t->nfirst;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (t->firstw[m] < w)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	while (a < t->nfirst && t->firstw[a] == w)
		a++;
	*hi = a;
}

bool title_in_ids(const tdoc *c, const uint32_t *x, size_t nx)
{
	size_t nt = c->ntw;
	if (nt < 2)
		return false;
	for (size_t i = 0; i < nx; i++) {
		if (x[i] != c->tw[0])
			continue;
		size_t k = 1;
		for (size_t j = i + 1; j < nx && j < i + 2 * nt + 2 && k < nt; j++)
			if (x[j] == c->tw[k])
				k++;
		if (k == nt)
			return true;
	}
	return false;
}

int track_text_ids(track *t, const char *text, uint32_t **ids, size_t *n)
{
	return word_ids(t, text, 65536, MAXW * 4, false, ids, n);
}

int track_req_words(track *t, trec *q)
{
	if (!cited_kind(&t->docs[q->doc]) || t->docs[q->doc].rendition)
		return PDX_OK;
	treq *x = q->x;
	int rc = word_ids(t, q->text, strlen(q->text) * 2 + 16, MAXW, true, &x->wid, &x->nwid);
	if (rc)
		return rc;
	track_sort_u32(x->wid, x->nwid);
	size_t u = 0;
	for (size_t k = 0; k < x->nwid; k++)
		if (!u || x->wid[u - 1] != x->wid[k])
			x->wid[u++] = x->wid[k];
	x->nwid = u;
	return PDX_OK;
}

int track_sections(track *t)
{
	for (size_t di = 0; di < t->ndoc; di++) {
		tdoc *c = &t->docs[di];
		if (!cited_kind(c) || c->rendition)
			continue;
		size_t all = 0, cap = 0;
		uint32_t *pool = NULL;
		for (size_t i = c->first; i < c->first + c->n; i++) {
			trec *q = &t->recs[i];
			if (!q->req)
				continue;
			c->nsec++;
			treq *x = q->x;
			for (size_t k = 0; k < x->nwid; k++) {
				size_t m = all;
				if (!pdx_grow((void **)&pool, &m, &cap, sizeof *pool)) {
					free(pool);
					return PDX_ENOMEM;
				}
				pool[all++] = x->wid[k];
			}
		}
		/* each word once, with the number of requirements holding it */
		track_sort_u32(pool, all);
		c->dfw = malloc((all + 1) * sizeof *c->dfw);
		c->dfn = malloc((all + 1) * sizeof *c->dfn);
		if (!c->dfw || !c->dfn) {
			free(pool);
			return PDX_ENOMEM;
		}
		for (size_t k = 0; k < all; k++) {
			if (c->ndf && c->dfw[c->ndf - 1] == pool[k]) {
				c->dfn[c->ndf - 1]++;
				continue;
			}
			c->dfw[c->ndf] = pool[k];
			c->dfn[c->ndf++] = 1;
		}
		free(pool);
	}
	/* one mark per word of the vocabulary, now complete */
	t->mark = calloc(t->v.n + 1, sizeof *t->mark);
	return t->mark ? PDX_OK : PDX_ENOMEM;
}

int track_ctx_ids(track *t, const char *ctx, uint32_t **ids, size_t *n)
{
	int rc = word_ids(t, ctx, 65536, MAXW, false, ids, n);
	if (rc)
		return rc;
	if (++t->stamp == 0) {	/* wrapped: every mark is old */
		memset(t->mark, 0, (t->v.n + 1) * sizeof *t->mark);
		t->stamp = 1;
	}
	size_t u = 0;
	for (size_t k = 0; k < *n; k++) {
		uint32_t w = (*ids)[k];
		if (w == NO_TERM || t->mark[w] == t->stamp)
			continue;
		t->mark[w] = t->stamp;
		(*ids)[u++] = w;
	}
	*n = u;
	return PDX_OK;
}

double word_weight(const tdoc *c, uint32_t w)
{
	const uint32_t *at = c->dfw ? bsearch(&w, c->dfw, c->ndf, sizeof *c->dfw, cmp_u32) : NULL;
	return at ? log(1.0 + (double)c->nsec / (double)c->dfn[at - c->dfw]) : 0;
}

double sec_score(const tdoc *c, const trec *r, const uint32_t *ctx, size_t nctx)
{
	const treq *q = r->x;
	double s = 0;
	for (size_t k = 0; q && k < nctx && q->wid; k++)
		if (bsearch(&ctx[k], q->wid, q->nwid, sizeof *q->wid, cmp_u32))
			s += word_weight(c, ctx[k]);
	return s;
}
