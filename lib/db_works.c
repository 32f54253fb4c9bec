/* db_works.c - works and their renditions: which documents are the same
 * order, plan, notice or release, which one of them counts (canonical),
 * and which are copies. Rebuilt whole by the indexer's post-pass.
 *
 * Two documents are renditions of one work when they share an identifier
 * (an executive order's or proclamation's number, a Federal Register
 * document number), or, where they have none in common, the same title
 * and date, or near-identical text (four fifths of the longer records of
 * the smaller one appear word for word in the other, and in no more than
 * one more document). The canonical rendition
 * is the most complete: the most records; then the earliest indexed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_int.h"
#include "polidex/db_write.h"

typedef struct {
	int64_t id;
	char *subtype, *number, *fr_doc, *title, *day, *kind, *path;
	int part, records;
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
 * least three records of 60 bytes or more and four fifths of the smaller
 * one's such records. A text found in more than three documents is
 * boilerplate (an order's General Provisions), no evidence. */
static const char near_sql[] =
	"WITH t AS (SELECT a.doc_id AS doc, a.text AS text FROM actions a"
	" WHERE length(a.text) >= 60 GROUP BY a.doc_id, a.text),"
	" n AS (SELECT doc, count(*) AS n FROM t GROUP BY doc),"
	" u AS (SELECT text FROM t GROUP BY text HAVING count(*) BETWEEN 2 AND 3),"
	" p AS (SELECT x.doc AS a, y.doc AS b, count(*) AS k FROM u JOIN t x ON x.text = u.text"
	"  JOIN t y ON y.text = u.text AND y.doc > x.doc GROUP BY x.doc, y.doc)"
	" SELECT p.a, p.b FROM p JOIN n na ON na.doc = p.a JOIN n nb ON nb.doc = p.b"
	" WHERE p.k >= 3 AND p.k * 5 >= 4 * min(na.n, nb.n)";

int db_works_refresh(pdx_db *db)
{
	sqlite3_stmt *s = NULL;
	wdoc *v = NULL;
	size_t n = 0, cap = 0;
	int rc = PDX_OK;
	if (sqlite3_prepare_v2(db->h, "SELECT d.id, d.subtype, d.number, d.fr_doc, d.title,"
			       " d.published, d.kind, d.path, d.part,"
			       " (SELECT count(*) FROM actions a WHERE a.doc_id = d.id)"
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
	if (rc == PDX_OK && sqlite3_prepare_v2(db->h, near_sql, -1, &s, NULL) != SQLITE_OK)
		rc = PDX_ERR;
	while (rc == PDX_OK && sqlite3_step(s) == SQLITE_ROW) {
		size_t a = index_of(v, n, sqlite3_column_int64(s, 0));
		size_t b = index_of(v, n, sqlite3_column_int64(s, 1));
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
	sqlite3_finalize(s);
	s = NULL;

	/* the canonical rendition of each group: the most records, then
	 * the first indexed (the smallest id) */
	size_t *canon = rc == PDX_OK ? malloc((n ? n : 1) * sizeof *canon) : NULL;
	if (rc == PDX_OK && !canon)
		rc = PDX_ENOMEM;
	for (size_t i = 0; rc == PDX_OK && i < n; i++)
		canon[i] = n;
	for (size_t i = 0; rc == PDX_OK && i < n; i++) {
		size_t r = find(v, i), *c = &canon[r];
		if (*c == n || v[i].records > v[*c].records)
			*c = i;
	}
	if (rc == PDX_OK && exec(db, "DELETE FROM works; UPDATE documents SET work_id = NULL,"
				 " copy_of = NULL WHERE work_id IS NOT NULL OR copy_of IS NOT NULL;"))
		rc = PDX_ERR;
	sqlite3_stmt *ins = NULL, *upd = NULL;
	if (rc == PDX_OK &&
	    (sqlite3_prepare_v2(db->h, "INSERT INTO works(key, title, type, canonical)"
				" SELECT ?1, d.title, coalesce(d.subtype, d.type), d.id FROM documents d"
				" WHERE d.id = ?2", -1, &ins, NULL) != SQLITE_OK ||
	     sqlite3_prepare_v2(db->h, "UPDATE documents SET work_id = ?1, copy_of = ?2"
				" WHERE id = ?3", -1, &upd, NULL) != SQLITE_OK))
		rc = PDX_ERR;
	/* works with more than one rendition, or with an identifier */
	int64_t *work_of = rc == PDX_OK ? calloc(n ? n : 1, sizeof *work_of) : NULL;
	if (rc == PDX_OK && !work_of)
		rc = PDX_ENOMEM;
	for (size_t i = 0; rc == PDX_OK && i < n; i++) {
		size_t r = find(v, i);
		if (canon[r] != i)
			continue;
		/* the work's key: an order's number, an FR number, else the
		 * canonical rendition's path */
		char *key = NULL;
		for (size_t j = 0; j < n && !key; j++)
			if (find(v, j) == r)
				key = key_order(&v[j]);
		for (size_t j = 0; j < n && !key; j++)
			if (find(v, j) == r)
				key = key_fr(&v[j]);
		if (!key) {
			size_t len = strlen(v[i].path) + 24;
			if ((key = malloc(len)) != NULL)
				snprintf(key, len, v[i].part ? "%s#%d" : "%s", v[i].path, v[i].part);
		}
		if (!key) {
			rc = PDX_ENOMEM;
			break;
		}
		sqlite3_bind_text(ins, 1, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(ins, 2, v[i].id);
		rc = step_done(ins);
		sqlite3_reset(ins);
		free(key);
		work_of[r] = sqlite3_last_insert_rowid(db->h);
	}
	for (size_t i = 0; rc == PDX_OK && i < n; i++) {
		size_t r = find(v, i);
		sqlite3_bind_int64(upd, 1, work_of[r]);
		if (canon[r] == i)
			sqlite3_bind_null(upd, 2);
		else
			sqlite3_bind_int64(upd, 2, v[canon[r]].id);
		sqlite3_bind_int64(upd, 3, v[i].id);
		rc = step_done(upd);
		sqlite3_reset(upd);
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(upd);
	free(work_of);
	free(canon);
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

int db_links_drop_copies(pdx_db *db)
{
	/* a copy's records are linked to nothing, and nothing to them */
	return exec(db, "DELETE FROM links WHERE action_id IN (SELECT a.id FROM actions a"
		    " JOIN documents d ON d.id = a.doc_id WHERE d.copy_of IS NOT NULL)"
		    " OR plan_action_id IN (SELECT a.id FROM actions a"
		    " JOIN documents d ON d.id = a.doc_id WHERE d.copy_of IS NOT NULL);");
}
