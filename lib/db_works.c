/* db_works.c - works and their renditions: which documents are the same
 * order, plan, notice or release, which one of them counts (canonical),
 * and which are copies, worked out by the indexer's post-pass.
 *
 * Two documents are renditions of one work when they share an identifier
 * (an executive order's or proclamation's number, a Federal Register
 * document number), or, where they have none in common, the same title
 * and date, or near-identical text (four fifths of the longer records of
 * the smaller one appear word for word in the other, and in no more than
 * one more document). The canonical rendition
 * is the most complete: the most records; then the earliest indexed.
 * Worked out whole by a post-pass, and only what differs is written; a
 * post-pass on what changed gives each new document a work of its own
 * when nothing ties it to another (works_new_alone). */
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db_int.h"
#include "polidex/containers.h"
#include "polidex/db_write.h"

typedef struct {
	int64_t id;
	char *subtype, *number, *fr_doc, *title, *day, *kind, *path;
	int part, records;
	int64_t old_work;	/* work_id as stored, 0 none */
	int64_t old_copy;	/* copy_of as stored, 0 none */
	size_t parent;		/* union-find */
} wdoc;

static size_t find(wdoc *v, size_t i)
{
	while (v[i].parent != i) {
		v[i].parent = v[v[i].parent].parent;
		i = v[i].parent;
	}
	return i;
}

static void join(wdoc *v, size_t a, size_t b)
{
	a = find(v, a);
	b = find(v, b);
	if (a != b)
		v[a > b ? a : b].parent = a < b ? a : b;
}

static bool same(const char *a, const char *b)
{
	return a && b && *a && strcmp(a, b) == 0;
}

/* The position of document id in v (sorted by id), or n. */
static size_t index_of(const wdoc *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].id == id ? lo : n;
}

static int cmp_key(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;
	return strcmp(*x, *y);
}

/* Join the documents whose key (built by keyf) is the same. */
static int join_by(wdoc *v, size_t n, char *(*keyf)(const wdoc *d))
{
	char **keys = calloc(n ? n : 1, sizeof *keys);
	if (!keys)
		return PDX_ENOMEM;
	size_t k = 0;
	int rc = PDX_OK;
	for (size_t i = 0; i < n; i++) {
		char *key = keyf(&v[i]);
		if (!key)
			continue;
		/* "<key>\t<index>" */
		size_t len = strlen(key) + 24;
		keys[k] = malloc(len);
		if (!keys[k]) {
			free(key);
			rc = PDX_ENOMEM;
			break;
		}
		snprintf(keys[k++], len, "%s\t%zu", key, i);
		free(key);
	}
	qsort(keys, k, sizeof *keys, cmp_key);
	for (size_t i = 1; rc == PDX_OK && i < k; i++) {
		size_t la = strrchr(keys[i - 1], '\t') - keys[i - 1];
		size_t lb = strrchr(keys[i], '\t') - keys[i];
		if (la == lb && strncmp(keys[i - 1], keys[i], la) == 0)
			join(v, (size_t)strtoull(keys[i - 1] + la + 1, NULL, 10),
			     (size_t)strtoull(keys[i] + lb + 1, NULL, 10));
	}
	for (size_t i = 0; i < k; i++)
		free(keys[i]);
	free(keys);
	return rc;
}

static char *key_order(const wdoc *d)
{
	if (!d->number || !d->subtype || (strcmp(d->subtype, "executive_order") &&
					  strcmp(d->subtype, "proclamation")))
		return NULL;
	size_t n = strlen(d->number) + 24;
	char *k = malloc(n);
	if (k)
		snprintf(k, n, "%s-%s", d->subtype[0] == 'e' ? "eo" : "proclamation", d->number);
	return k;
}

static char *key_fr(const wdoc *d)
{
	if (!d->fr_doc || !*d->fr_doc)
		return NULL;
	size_t n = strlen(d->fr_doc) + 4;
	char *k = malloc(n);
	if (k)
		snprintf(k, n, "fr-%s", d->fr_doc);
	return k;
}

/* The title (case and spacing aside) and the day; a title of a few
 * characters says too little. */
static char *key_title(const wdoc *d)
{
	/* a document with an identifier is known by it alone */
	if (!d->title || strlen(d->title) < 12 || d->fr_doc ||
	    (d->number && d->subtype && strcmp(d->subtype, "memorandum")))
		return NULL;
	size_t n = strlen(d->title) + 32;
	char *k = malloc(n);
	if (!k)
		return NULL;
	size_t j = 0;
	for (const char *p = d->title; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '\t')
			continue;
		k[j++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	snprintf(k + j, n - j, "|%s|%s", d->day ? d->day : "", d->kind ? d->kind : "");
	return k;
}

/* Near-identical text: pairs of documents sharing, word for word, at
 * least three records of 60 characters or more and four fifths of the
 * smaller one's such records. A text found in more than three documents
 * is boilerplate (an order's General Provisions), no evidence.
 *
 * Texts are compared by two 64-bit hashes, in one read of the records'
 * texts and sorts in memory (the same pairs as grouping the texts
 * themselves in SQL, which sorted a copy of every text: 0.75 s of a
 * one-file update at 24 MB). */
typedef struct {
	uint64_t h1, h2;
	int64_t doc;
} ntext;

typedef struct {
	int64_t a, b;
} npair;

static int cmp_ntext(const void *x, const void *y)
{
	const ntext *a = x, *b = y;
	if (a->h1 != b->h1)
		return a->h1 < b->h1 ? -1 : 1;
	if (a->h2 != b->h2)
		return a->h2 < b->h2 ? -1 : 1;
	return a->doc < b->doc ? -1 : a->doc > b->doc;
}

static int cmp_npair(const void *x, const void *y)
{
	const npair *a = x, *b = y;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* Characters of UTF-8 text, as SQL's length() counts them. */
static size_t utf8_chars(const unsigned char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += (s[i] & 0xC0) != 0x80;
	return c;
}

/* The pairs of near-identical documents (a < b), each once, into *out. */
static int near_pairs(pdx_db *db, const wdoc *v, size_t nv, npair **out, size_t *nout)
{
	*out = NULL;
	*nout = 0;
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "SELECT doc_id, text FROM actions WHERE text IS NOT NULL",
			       -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	ntext *t = NULL;
	size_t n = 0, cap = 0;
	int rc = PDX_OK, st;
	while ((st = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *txt = sqlite3_column_text(s, 1);
		size_t len = (size_t)sqlite3_column_bytes(s, 1);
		if (!txt || len < 60 || utf8_chars(txt, len) < 60)
			continue;
		ntext *e = pdx_grow((void **)&t, &n, &cap, sizeof *t);
		if (!e) {
			rc = PDX_ENOMEM;
			break;
		}
		e->h1 = pdx_fnv1a(PDX_FNV_OFFSET, txt, len);
		e->h2 = pdx_fnv1a(0x84222325cbf29ce4ULL ^ len, txt, len);
		e->doc = sqlite3_column_int64(s, 0);
	}
	if (rc == PDX_OK && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	if (rc) {
		free(t);
		return rc;
	}
	if (n)	/* qsort(NULL, 0) is undefined */
		qsort(t, n, sizeof *t, cmp_ntext);
	/* one row per document and text */
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!m || cmp_ntext(&t[m - 1], &t[i]) != 0)
			t[m++] = t[i];
	n = m;
	/* each document's distinct texts, by its place in v */
	int *count = calloc(nv ? nv : 1, sizeof *count);
	npair *p = NULL;
	size_t np = 0, pcap = 0;
	if (!count)
		rc = PDX_ENOMEM;
	for (size_t i = 0; rc == PDX_OK && i < n; i++) {
		size_t d = index_of(v, nv, t[i].doc);
		if (d < nv)
			count[d]++;
	}
	/* texts in two or three documents: their pairs */
	for (size_t i = 0; rc == PDX_OK && i < n;) {
		size_t j = i + 1;
		while (j < n && t[j].h1 == t[i].h1 && t[j].h2 == t[i].h2)
			j++;
		for (size_t x = i; j - i <= 3 && x < j && rc == PDX_OK; x++)
			for (size_t y = x + 1; y < j; y++) {
				npair *e = pdx_grow((void **)&p, &np, &pcap, sizeof *p);
				if (!e) {
					rc = PDX_ENOMEM;
					break;
				}
				e->a = t[x].doc;
				e->b = t[y].doc;
			}
		i = j;
	}
	free(t);
	if (np)
		qsort(p, np, sizeof *p, cmp_npair);
	/* k shared texts: at least three, and four fifths of the smaller */
	size_t kept = 0;
	for (size_t i = 0; rc == PDX_OK && i < np;) {
		size_t j = i + 1;
		while (j < np && p[j].a == p[i].a && p[j].b == p[i].b)
			j++;
		size_t k = j - i;
		size_t a = index_of(v, nv, p[i].a), b = index_of(v, nv, p[i].b);
		if (a < nv && b < nv) {
			size_t mn = (size_t)(count[a] < count[b] ? count[a] : count[b]);
			if (k >= 3 && k * 5 >= 4 * mn)
				p[kept++] = p[i];
		}
		i = j;
	}
	free(count);
	if (rc) {
		free(p);
		return rc;
	}
	*out = p;
	*nout = kept;
	return PDX_OK;
}

/* Per group (by its root in the union-find): the canonical rendition,
 * and the first renditions with an order's and with an FR number (n:
 * none). */
typedef struct {
	size_t *canon, *first_order, *first_fr;
} works_groups;

static int groups_new(works_groups *g, wdoc *v, size_t n)
{
	size_t sz = (n ? n : 1) * sizeof(size_t);
	g->canon = malloc(sz);
	g->first_order = malloc(sz);
	g->first_fr = malloc(sz);
	if (!g->canon || !g->first_order || !g->first_fr)
		return PDX_ENOMEM;
	for (size_t i = 0; i < n; i++)
		g->canon[i] = g->first_order[i] = g->first_fr[i] = n;
	for (size_t i = 0; i < n; i++) {
		size_t r = find(v, i), *c = &g->canon[r];
		if (*c == n || v[i].records > v[*c].records)
			*c = i;
		char *k = NULL;
		if (g->first_order[r] == n && (k = key_order(&v[i])) != NULL)
			g->first_order[r] = i;
		free(k);
		k = NULL;
		if (g->first_fr[r] == n && (k = key_fr(&v[i])) != NULL)
			g->first_fr[r] = i;
		free(k);
	}
	return PDX_OK;
}

/* The key of group r: an order's number, an FR number, else the
 * canonical rendition's path (NULL: no memory). */
static char *work_key(const works_groups *g, wdoc *v, size_t n, size_t r)
{
	if (g->first_order[r] < n)
		return key_order(&v[g->first_order[r]]);
	if (g->first_fr[r] < n)
		return key_fr(&v[g->first_fr[r]]);
	const wdoc *c = &v[g->canon[r]];
	size_t len = strlen(c->path) + 24;
	char *key = malloc(len);
	if (key)
		snprintf(key, len, c->part ? "%s#%d" : "%s", c->path, c->part);
	return key;
}

/* A work as stored. */
typedef struct {
	char *key;
	int64_t id, canonical;
	bool used;
} swork;

static int cmp_swork(const void *a, const void *b)
{
	return strcmp(((const swork *)a)->key, ((const swork *)b)->key);
}

static void sworks_free(swork *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(w[i].key);
	free(w);
}

/* The works as stored, sorted by key. */
static int sworks_load(pdx_db *db, swork **out, size_t *nout)
{
	sqlite3_stmt *s = NULL;
	swork *w = NULL;
	size_t n = 0, cap = 0;
	int rc = PDX_OK;
	if (sqlite3_prepare_v2(db->h, "SELECT id, key, canonical FROM works", -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	while (sqlite3_step(s) == SQLITE_ROW) {
		swork *e = pdx_grow((void **)&w, &n, &cap, sizeof *w);
		if (!e) {
			rc = PDX_ENOMEM;
			break;
		}
		if (!(e->key = col_text_nn(s, 1))) {
			n--;
			rc = PDX_ENOMEM;
			break;
		}
		e->id = sqlite3_column_int64(s, 0);
		e->canonical = sqlite3_column_int64(s, 2);
		e->used = false;
	}
	sqlite3_finalize(s);
	if (rc) {
		sworks_free(w, n);
		return rc;
	}
	if (n)
		qsort(w, n, sizeof *w, cmp_swork);
	*out = w;
	*nout = n;
	return PDX_OK;
}

/* The stored work of group r's key, or NULL; *rc set when out of memory. */
static swork *sworks_find(const works_groups *g, wdoc *v, size_t n, size_t r,
			  swork *old, size_t nold, char **key, int *rc)
{
	*key = work_key(g, v, n, r);
	if (!*key) {
		*rc = PDX_ENOMEM;
		return NULL;
	}
	swork k = { .key = *key };
	return nold ? bsearch(&k, old, nold, sizeof *old, cmp_swork) : NULL;
}

/* The works and every document's work_id and copy_of, brought to these
 * groups by writing only what differs: an update that changes one
 * notice inserts its work and sets its own row, and rewrites no other. */
static int works_write(pdx_db *db, const works_groups *g, wdoc *v, size_t n, int64_t old_max_id,
		       long *moved)
{
	swork *old = NULL;
	size_t nold = 0;
	int rc = sworks_load(db, &old, &nold);
	if (rc)
		return rc;
	sqlite3_stmt *ins = NULL, *upw = NULL, *del = NULL, *upd = NULL;
	int64_t *work_of = calloc(n ? n : 1, sizeof *work_of);
	if (!work_of)
		rc = PDX_ENOMEM;
	if (rc == PDX_OK &&
	    (sqlite3_prepare_v2(db->h, "INSERT INTO works(key, title, type, canonical)"
				" SELECT ?1, d.title, coalesce(d.subtype, d.type), d.id FROM documents d"
				" WHERE d.id = ?2", -1, &ins, NULL) != SQLITE_OK ||
	     sqlite3_prepare_v2(db->h, "UPDATE works SET (title, type, canonical) ="
				" (SELECT d.title, coalesce(d.subtype, d.type), d.id FROM documents d"
				" WHERE d.id = ?2) WHERE id = ?1", -1, &upw, NULL) != SQLITE_OK ||
	     sqlite3_prepare_v2(db->h, "DELETE FROM works WHERE id = ?1", -1, &del, NULL) != SQLITE_OK ||
	     sqlite3_prepare_v2(db->h, "UPDATE documents SET work_id = ?1, copy_of = ?2"
				" WHERE id = ?3", -1, &upd, NULL) != SQLITE_OK))
		rc = PDX_ERR;
	/* the works no group keeps go first */
	for (size_t i = 0; rc == PDX_OK && i < n; i++) {
		size_t r = find(v, i);
		if (g->canon[r] != i)
			continue;
		char *key = NULL;
		swork *w = sworks_find(g, v, n, r, old, nold, &key, &rc);
		free(key);
		if (w)
			w->used = true;
	}
	for (size_t i = 0; rc == PDX_OK && i < nold; i++) {
		if (old[i].used)
			continue;
		sqlite3_bind_int64(del, 1, old[i].id);
		rc = step_done(del);
		sqlite3_reset(del);
	}
	/* each group's work: kept, its canonical rendition changed, or new */
	for (size_t i = 0; rc == PDX_OK && i < n; i++) {
		size_t r = find(v, i);
		if (g->canon[r] != i)
			continue;
		char *key = NULL;
		swork *w = sworks_find(g, v, n, r, old, nold, &key, &rc);
		if (rc) {
			free(key);
			break;
		}
		if (w && w->canonical != v[i].id) {
			sqlite3_bind_int64(upw, 1, w->id);
			sqlite3_bind_int64(upw, 2, v[i].id);
			rc = step_done(upw);
			sqlite3_reset(upw);
		} else if (!w) {
			sqlite3_bind_text(ins, 1, key, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(ins, 2, v[i].id);
			rc = step_done(ins);
			sqlite3_reset(ins);
		}
		work_of[r] = w ? w->id : sqlite3_last_insert_rowid(db->h);
		free(key);
	}
	/* the documents whose work or copy_of differ */
	for (size_t i = 0; rc == PDX_OK && i < n; i++) {
		size_t r = find(v, i);
		int64_t copy = g->canon[r] == i ? 0 : v[g->canon[r]].id;
		if (v[i].old_work == work_of[r] && v[i].old_copy == copy)
			continue;
		sqlite3_bind_int64(upd, 1, work_of[r]);
		if (copy)
			sqlite3_bind_int64(upd, 2, copy);
		else
			sqlite3_bind_null(upd, 2);
		sqlite3_bind_int64(upd, 3, v[i].id);
		rc = step_done(upd);
		sqlite3_reset(upd);
		if (rc == PDX_OK && old_max_id >= 0) {
			sqlite3_stmt *q = NULL;
			if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM actions WHERE doc_id = ?1 AND id <= ?2"
					       " AND id NOT IN (SELECT id FROM postpass_gone) LIMIT 1",
					       -1, &q, NULL) != SQLITE_OK) {
				rc = PDX_ERR;
				break;
			}
			sqlite3_bind_int64(q, 1, v[i].id);
			sqlite3_bind_int64(q, 2, old_max_id);
			*moved += sqlite3_step(q) == SQLITE_ROW;
			sqlite3_finalize(q);
		}
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(upw);
	sqlite3_finalize(del);
	sqlite3_finalize(upd);
	free(work_of);
	sworks_free(old, nold);
	return rc;
}

/* After a run that changed few documents (old_max_id >= 0): the new
 * documents (no work yet) each their own work, without reading every
 * text, when none of them can join another and no work lost a member
 * it shared. 1: done; 0: the works are to be worked out whole; < 0 an
 * error. A new document can join another when one shares its order's,
 * proclamation's or FR number, its title and day, or one of its texts of
 * 60 characters or more (found by the full-text index, then compared
 * whole) with at most two other documents (more: boilerplate). */
/* An FTS5 query on the text column that every record whose text is t
 * matches: t's four longest ASCII words of six letters or more, each
 * quoted, joined by AND; t as one phrase when it has fewer than two. */
static void rare_words_query(pdx_buf *m, const char *t)
{
	const char *w[4] = { 0 };
	size_t wl[4] = { 0 };
	for (const char *p = t; *p;) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		const char *b = p;
		while (isalnum((unsigned char)*p))
			p++;
		size_t n = (size_t)(p - b);
		if (n < 6)
			continue;
		bool dup = false;
		for (int k = 0; k < 4 && !dup; k++)
			dup = wl[k] == n && !strncasecmp(w[k], b, n);
		int at = 4;
		while (!dup && at > 0 && wl[at - 1] < n)
			at--;
		if (dup || at == 4)
			continue;
		for (int k = 3; k > at; k--)
			w[k] = w[k - 1], wl[k] = wl[k - 1];
		w[at] = b, wl[at] = n;
	}
	m->len = 0;
	if (wl[1]) {
		pdx_buf_adds(m, "text : (");
		for (int k = 0; k < 4 && wl[k]; k++) {
			pdx_buf_adds(m, k ? " AND \"" : "\"");
			pdx_buf_add(m, w[k], wl[k]);
			pdx_buf_addc(m, '"');
		}
		pdx_buf_addc(m, ')');
		return;
	}
	pdx_buf_adds(m, "text : \"");
	for (const char *p = t; *p; p++) {
		if (*p == '"')
			pdx_buf_addc(m, '"');
		pdx_buf_addc(m, *p);
	}
	pdx_buf_addc(m, '"');
}

static int works_new_alone(pdx_db *db)
{
	/* a work whose canonical rendition went, and that has a rendition
	 * left: its group may split */
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM works w WHERE NOT EXISTS (SELECT 1 FROM"
			       " documents d WHERE d.id = w.canonical) AND EXISTS (SELECT 1 FROM documents d"
			       " WHERE d.work_id = w.id)", -1, &s, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(s) == SQLITE_ROW ? (sqlite3_column_int64(s, 0) ? 0 : 1) : -1;
	sqlite3_finalize(s);
	if (rc != 1)
		return rc;
	/* a new document sharing an identifier, or a title and day */
	if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM documents n JOIN documents o ON o.id <> n.id"
			       " WHERE n.work_id IS NULL AND ((n.number IS NOT NULL AND o.number = n.number"
			       " AND o.subtype IS n.subtype) OR (n.fr_doc IS NOT NULL AND o.fr_doc = n.fr_doc)"
			       " OR (length(n.title) >= 12 AND lower(replace(o.title, ' ', ''))"
			       " = lower(replace(n.title, ' ', '')) AND o.published IS n.published))",
			       -1, &s, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s) == SQLITE_ROW ? (sqlite3_column_int64(s, 0) ? 0 : 1) : -1;
	sqlite3_finalize(s);
	if (rc != 1)
		return rc;
	/* a new document's long text found in one or two other documents */
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(db->h, "SELECT a.id, a.doc_id, a.text, d.path FROM documents d JOIN actions a"
			       " ON a.doc_id = d.id WHERE d.work_id IS NULL AND length(a.text) >= 60",
			       -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db->h, "SELECT count(DISTINCT a.doc_id) FROM actions_fts f JOIN actions a"
			       " ON a.id = f.rowid JOIN documents d ON d.id = a.doc_id"
			       " WHERE actions_fts MATCH ?1 AND a.text = ?2 AND a.doc_id <> ?3 AND d.path <> ?4",
			       -1, &q, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		return -1;
	}
	pdx_buf m;
	pdx_buf_init(&m);
	rc = 1;
	int st;
	while (rc == 1 && (st = sqlite3_step(s)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(s, 2);
		if (!text)
			continue;
		/* what any record of the same text holds: its longest words
		 * (rare, so the index reads little), else the text as one
		 * phrase; the texts are then compared whole */
		rare_words_query(&m, text);
		if (!m.s) {
			rc = -1;
			break;
		}
		sqlite3_bind_text(q, 1, m.s, (int)m.len, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, text, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q, 3, sqlite3_column_int64(s, 1));
		sqlite3_bind_text(q, 4, (const char *)sqlite3_column_text(s, 3), -1, SQLITE_STATIC);
		int r = sqlite3_step(q);
		long long others = r == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
		sqlite3_reset(q);
		if (others < 0)
			rc = 0;	/* a text the index cannot take as a phrase: whole */
		else if (others >= 1 && others <= 2)
			rc = 0;
	}
	if (rc == 1 && st != SQLITE_DONE)
		rc = -1;
	pdx_buf_clear(&m);
	sqlite3_finalize(s);
	sqlite3_finalize(q);
	if (rc != 1)
		return rc;
	/* each new document its own work (a work of its key kept, as a
	 * changed document's is), then the works of documents gone */
	if (sqlite3_prepare_v2(db->h, "SELECT id, subtype, number, fr_doc, path, part FROM documents"
			       " WHERE work_id IS NULL ORDER BY id", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_stmt *ins = NULL, *upd = NULL;
	if (sqlite3_prepare_v2(db->h, "INSERT INTO works(key, title, type, canonical)"
			       " SELECT ?1, d.title, coalesce(d.subtype, d.type), d.id FROM documents d"
			       " WHERE d.id = ?2 ON CONFLICT(key) DO UPDATE SET title = excluded.title,"
			       " type = excluded.type, canonical = excluded.canonical", -1, &ins,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db->h, "UPDATE documents SET work_id = (SELECT id FROM works"
			       " WHERE key = ?1), copy_of = NULL WHERE id = ?2", -1, &upd, NULL) != SQLITE_OK)
		rc = -1;
	while (rc == 1 && (st = sqlite3_step(s)) == SQLITE_ROW) {
		wdoc d = { .id = sqlite3_column_int64(s, 0),
			   .subtype = (char *)sqlite3_column_text(s, 1),
			   .number = (char *)sqlite3_column_text(s, 2),
			   .fr_doc = (char *)sqlite3_column_text(s, 3),
			   .path = (char *)sqlite3_column_text(s, 4), .part = sqlite3_column_int(s, 5) };
		char *key = key_order(&d);
		if (!key)
			key = key_fr(&d);
		if (!key && d.path) {
			size_t len = strlen(d.path) + 24;
			if ((key = malloc(len)) != NULL)
				snprintf(key, len, d.part ? "%s#%d" : "%s", d.path, d.part);
		}
		if (!key) {
			rc = -1;
			break;
		}
		sqlite3_bind_text(ins, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(ins, 2, d.id);
		bool ok = step_done(ins) == PDX_OK;
		sqlite3_reset(ins);
		sqlite3_bind_text(upd, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(upd, 2, d.id);
		ok = ok && step_done(upd) == PDX_OK;
		sqlite3_reset(upd);
		free(key);
		if (!ok)
			rc = -1;
	}
	sqlite3_finalize(s);
	sqlite3_finalize(ins);
	sqlite3_finalize(upd);
	if (rc == 1 && exec(db, "DELETE FROM works WHERE NOT EXISTS (SELECT 1 FROM documents d"
			    " WHERE d.id = works.canonical)"))
		rc = -1;
	return rc;
}

int db_works_refresh(pdx_db *db, int64_t old_max_id, long *moved)
{
	*moved = 0;
	if (old_max_id >= 0) {
		int r = works_new_alone(db);
		if (r != 0)
			return r == 1 ? PDX_OK : PDX_ERR;
	}
	sqlite3_stmt *s = NULL;
	wdoc *v = NULL;
	size_t n = 0, cap = 0;
	int rc = PDX_OK;
	if (sqlite3_prepare_v2(db->h, "SELECT d.id, d.subtype, d.number, d.fr_doc, d.title,"
			       " d.published, d.kind, d.path, d.part,"
			       " (SELECT count(*) FROM actions a WHERE a.doc_id = d.id),"
			       " d.work_id, d.copy_of"
			       " FROM documents d ORDER BY d.id", -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	while (rc == PDX_OK && sqlite3_step(s) == SQLITE_ROW) {
		wdoc *d = pdx_grow((void **)&v, &n, &cap, sizeof *v);
		if (!d) {
			rc = PDX_ENOMEM;
			break;
		}
		memset(d, 0, sizeof *d);
		d->id = sqlite3_column_int64(s, 0);
		d->subtype = col_text(s, 1);
		d->number = col_text(s, 2);
		d->fr_doc = col_text(s, 3);
		d->title = col_text(s, 4);
		d->day = col_text(s, 5);
		d->kind = col_text(s, 6);
		d->path = col_text(s, 7);
		d->part = sqlite3_column_int(s, 8);
		d->records = sqlite3_column_int(s, 9);
		d->old_work = sqlite3_column_int64(s, 10);
		d->old_copy = sqlite3_column_int64(s, 11);
		d->parent = n - 1;
	}
	sqlite3_finalize(s);
	s = NULL;
	/* identifiers first; title and date, and text, for the rest */
	if (rc == PDX_OK)
		rc = join_by(v, n, key_order);
	if (rc == PDX_OK)
		rc = join_by(v, n, key_fr);
	if (rc == PDX_OK)
		rc = join_by(v, n, key_title);
	npair *near = NULL;
	size_t nnear = 0;
	if (rc == PDX_OK)
		rc = near_pairs(db, v, n, &near, &nnear);
	for (size_t q = 0; rc == PDX_OK && q < nnear; q++) {
		size_t a = index_of(v, n, near[q].a);
		size_t b = index_of(v, n, near[q].b);
		/* two articles of one clippings file are not one another's
		 * renditions, nor are two documents that name different
		 * orders or FR documents */
		if (a == n || b == n || same(v[a].path, v[b].path))
			continue;
		char *ka = key_order(&v[a]), *kb = key_order(&v[b]);
		bool differ = ka && kb && strcmp(ka, kb) != 0;
		free(ka);
		free(kb);
		if (!differ && !(v[a].fr_doc && v[b].fr_doc && strcmp(v[a].fr_doc, v[b].fr_doc)))
			join(v, a, b);
	}
	free(near);

	/* the canonical rendition of each group: the most records, then
	 * the first indexed (the smallest id); its first rendition with an
	 * order's or FR number */
	works_groups g = { 0 };
	if (rc == PDX_OK)
		rc = groups_new(&g, v, n);
	if (rc == PDX_OK)
		rc = works_write(db, &g, v, n, old_max_id, moved);
	free(g.canon);
	free(g.first_order);
	free(g.first_fr);
	for (size_t i = 0; i < n; i++) {
		free(v[i].subtype);
		free(v[i].number);
		free(v[i].fr_doc);
		free(v[i].title);
		free(v[i].day);
		free(v[i].kind);
		free(v[i].path);
	}
	free(v);
	return rc;
}

int db_links_drop_copies_new(pdx_db *db)
{
	/* on what changed, only a new record can be a copy's (an old one
	 * becoming one makes the pass whole), and a plan action is never
	 * new there (a changed plan makes it whole too) */
	return exec(db, "DELETE FROM plan_links WHERE action_id IN (SELECT n.id FROM temp.postpass_new n"
		    " JOIN documents d ON d.id = n.doc_id WHERE d.copy_of IS NOT NULL);");
}

int db_links_drop_copies(pdx_db *db)
{
	/* a copy's records are linked to nothing, and nothing to them (the
	 * rows of the compact links: the view links cannot be written) */
	return exec(db, "DELETE FROM plan_links WHERE action_id IN (SELECT a.id FROM actions a"
		    " JOIN documents d ON d.id = a.doc_id WHERE d.copy_of IS NOT NULL)"
		    " OR plan_action_id IN (SELECT a.id FROM actions a"
		    " JOIN documents d ON d.id = a.doc_id WHERE d.copy_of IS NOT NULL);");
}
