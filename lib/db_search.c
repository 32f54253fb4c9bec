/* db_search.c - search and show: the records that match a query, with
 * their filters, and a record's agencies, timeline and links. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_int.h"

/* a hit's snippet: the text around the matches, marked with [ ] */
#define SNIPPET_SQL "snippet(actions_fts, 0, '[', ']', '\u2026', 16)"

static const char *const search_sql[ST_COUNT] = {
	[ST_SHOW] = "SELECT " HIT_COLUMNS " FROM actions a JOIN documents d ON d.id = a.doc_id"
		    " WHERE a.key = ? ORDER BY d.copy_of IS NOT NULL, d.path, d.part",
	[ST_REC_AGENCIES] = "SELECT g.id, g.acronym, g.name, g.name_zh, g.parent, r.role"
			    " FROM action_agencies r LEFT JOIN agencies g ON g.id = r.agency_id"
			    " WHERE r.action_id = ?"
			    " ORDER BY CASE r.role WHEN 'lead' THEN 0 WHEN 'support' THEN 1 ELSE 2 END,"
			    " r.n",
	[ST_REC_TIMES] = "SELECT kind, expr, value, precision, offset_days, offset_months, anchor"
			 " FROM timeline WHERE action_id = ? ORDER BY id",
	/* what record ?1 links to: plan actions, or plan sections */
	[ST_LINKS_FROM] = "SELECT p.id, l.plan_key, l.section, p.text, d.path, d.part, d.title,"
			  " d.kind, l.pillar, l.score"
			  " FROM links l LEFT JOIN actions p ON p.id = l.plan_action_id"
			  " LEFT JOIN documents d ON d.id = p.doc_id"
			  " WHERE l.action_id = ?1 ORDER BY l.score DESC, l.rowid",
	/* the records of other documents linked to plan action ?1 */
	[ST_LINKS_TO] = "SELECT a.id, a.key, a.section, a.text, d.path, d.part, d.title,"
			" d.kind, a.pillar, l.score"
			" FROM links l JOIN actions a ON a.id = l.action_id"
			" JOIN documents d ON d.id = a.doc_id"
			" WHERE l.plan_action_id = ?1 ORDER BY l.score DESC, d.path, d.part, a.ordinal",
};

/* The cached statement which, prepared from this file's SQL. */
static sqlite3_stmt *stmt(pdx_db *db, int which)
{
	return db_stmt(db, which, search_sql[which]);
}

static void hit_clear(pdx_hit *h)
{
	free(h->key);
	free(h->kind);
	free(h->pillar_source);
	free(h->section);
	free(h->label);
	free(h->text);
	free(h->lang);
	free(h->doc_path);
	free(h->doc_title);
	free(h->doc_kind);
	free(h->doc_lang);
	free(h->doc_published);
	free(h->doc_issuer);
	free(h->copy_of);
	free(h->snippet);
}

void db_hit_clear(pdx_hit *h)
{
	hit_clear(h);
}

void db_hits_clear(pdx_hits *h)
{
	for (size_t i = 0; i < h->n; i++)
		hit_clear(&h->v[i]);
	free(h->v);
	h->v = NULL;
	h->n = h->cap = 0;
}

int db_read_hit(sqlite3_stmt *s, pdx_hits *hits, int snip_col)
{
	pdx_hit *h = pdx_grow((void **)&hits->v, &hits->n, &hits->cap, sizeof *hits->v);
	if (!h)
		return PDX_ENOMEM;
	memset(h, 0, sizeof *h);
	h->id = sqlite3_column_int64(s, 0);
	h->key = col_text_nn(s, 1);
	h->kind = col_text_nn(s, 2);
	h->pillar = col_pillar(s, 3);
	h->pillar_source = col_text(s, 4);
	h->pillar_score = sqlite3_column_double(s, 5);
	h->section = col_text(s, 6);
	h->label = col_text(s, 7);
	h->text = col_text_nn(s, 8);
	h->lang = col_text(s, 9);
	h->line = sqlite3_column_int(s, 10);
	h->doc_path = col_text_nn(s, 11);
	h->doc_part = sqlite3_column_int(s, 12);
	h->doc_title = col_text(s, 13);
	h->doc_kind = col_text(s, 14);
	h->doc_lang = col_text(s, 15);
	h->doc_published = col_text(s, 16);
	h->doc_issuer = col_text(s, 17);
	h->work_id = sqlite3_column_int64(s, 18);
	h->copy_of = col_text(s, 19);
	h->copy_of_part = sqlite3_column_int(s, 20);
	h->page = sqlite3_column_int(s, 21);
	if (snip_col >= 0) {
		h->snippet = col_text(s, snip_col);
		h->rank = sqlite3_column_double(s, snip_col + 1);
	}
	return PDX_OK;
}

void db_bind_agency(sqlite3_stmt *s, int *i, const char *agency, bool exact,
			const char *role)
{
	bind_text(s, (*i)++, agency);
	sqlite3_bind_int(s, (*i)++, exact);
	bind_text(s, (*i)++, role);
	bind_text(s, (*i)++, role);
}

/* The WHERE terms of a search after its MATCH; id is the expression of
 * the record's id. Three ways to apply the same filters:
 *  - SETS: the agency's and the dates' records are built once and SQLite
 *    may drive the query from the smallest;
 *  - SCAN: a listing reads records in document order and tests each one
 *    (an index probe per record), nothing built: right when the filters
 *    pass often enough that the listing stops early;
 *  - MATCHES: a term's matches tested one by one against the agencies and
 *    dates, against kind and pillar by the set of ids their indexes hold
 *    (rather than each match's row read from the table: at a million
 *    records, "infrastructure" in Pillar II's recommended actions 68 ->
 *    25 ms warm, 2.2 s -> 34 ms cold). */
enum filter_mode { FILTER_SETS, FILTER_SCAN, FILTER_MATCHES };

/* Does q filter on the records' documents (their rows joined as d)? */
static bool doc_filtered(const pdx_search *q)
{
	return q->doc || q->type || q->fr || q->eo;
}

static void search_filters(pdx_buf *sql, const pdx_search *q, const char *id,
			   enum filter_mode mode)
{
	bool probe = mode != FILTER_SETS;
	const char *plus = probe ? "+" : "";
	if (mode == FILTER_MATCHES && (q->kind || q->pillar)) {
		pdx_buf_adds(sql, " AND +");
		pdx_buf_adds(sql, id);
		pdx_buf_adds(sql, " IN (SELECT k.id FROM actions k WHERE ");
		pdx_buf_adds(sql, q->kind && q->pillar ? "k.kind = ? AND k.pillar = ?)"
			 : q->kind ? "k.kind = ?)" : "k.pillar = ?)");
	} else {
		if (q->kind) {
			pdx_buf_adds(sql, " AND ");
			pdx_buf_adds(sql, plus);
			pdx_buf_adds(sql, "a.kind = ?");
		}
		if (q->pillar) {
			pdx_buf_adds(sql, " AND ");
			pdx_buf_adds(sql, plus);
			pdx_buf_adds(sql, "a.pillar = ?");
		}
	}
	if (q->lang)
		pdx_buf_adds(sql, " AND a.lang = ?");
	/* the document as stored, or as the user spells it: a path that ends
	 * in the stored one ("tests/fixtures/x.md" for "fixtures/x.md") */
	if (q->doc)
		pdx_buf_adds(sql, " AND (d.path = ? OR substr(?, -length(d.path) - 1) = '/' || d.path)");
	if (q->type)
		pdx_buf_adds(sql, " AND ? IN (d.type, d.subtype, d.kind)");
	if (q->fr)
		pdx_buf_adds(sql, " AND ? IN (d.fr_doc, d.fr_citation)");
	if (q->eo)
		pdx_buf_adds(sql, " AND d.number = ? AND d.subtype IN ('executive_order', 'proclamation')");
	for (size_t i = 0; i < q->nagencies; i++) {
		if (probe) {
			pdx_buf_adds(sql, " AND EXISTS (SELECT 1 FROM action_agencies r WHERE r.action_id = ");
			pdx_buf_adds(sql, id);
			pdx_buf_adds(sql, AGENCY_PROBE_SQL);
		} else {
			pdx_buf_adds(sql, " AND ");
			pdx_buf_adds(sql, id);
			pdx_buf_adds(sql, AGENCY_FILTER_SQL);
		}
	}
	if (q->nagencies == 0 && q->role) {
		if (probe) {
			pdx_buf_adds(sql, " AND EXISTS (SELECT 1 FROM action_agencies r WHERE r.action_id = ");
			pdx_buf_adds(sql, id);
			pdx_buf_adds(sql, " AND r.role = ?)");
		} else {
			pdx_buf_adds(sql, " AND ");
			pdx_buf_adds(sql, id);
			pdx_buf_adds(sql, " IN (SELECT r.action_id FROM action_agencies r WHERE r.role = ?)");
		}
	}
	if (q->from || q->to) {
		pdx_buf_adds(sql, " AND ");
		if (probe) {
			pdx_buf_adds(sql, "EXISTS (SELECT 1 FROM timeline t WHERE t.action_id = ");
			pdx_buf_adds(sql, id);
			pdx_buf_adds(sql, " AND");
		} else {
			pdx_buf_adds(sql, id);
			pdx_buf_adds(sql, " IN (SELECT t.action_id FROM timeline t WHERE");
		}
		pdx_buf_adds(sql, " t.date >= coalesce(?, '0000') AND t.date <= coalesce(?, '9999'))");
	}
}

/* Bind the parameters of search_filters from *i on. */
static void bind_filters(sqlite3_stmt *s, int *i, const pdx_search *q)
{
	if (q->kind)
		bind_text(s, (*i)++, q->kind);
	if (q->pillar)
		sqlite3_bind_int(s, (*i)++, q->pillar);
	if (q->lang)
		bind_text(s, (*i)++, q->lang);
	if (q->doc) {
		bind_text(s, (*i)++, q->doc);
		bind_text(s, (*i)++, q->doc);
	}
	if (q->type)
		bind_text(s, (*i)++, q->type);
	if (q->fr)
		bind_text(s, (*i)++, q->fr);
	if (q->eo)
		bind_text(s, (*i)++, q->eo);
	for (size_t k = 0; k < q->nagencies; k++)
		db_bind_agency(s, i, q->agencies[k], q->exact_agency, q->role);
	if (q->nagencies == 0 && q->role)
		bind_text(s, (*i)++, q->role);
	if (q->from || q->to) {
		bind_text(s, (*i)++, q->from);
		bind_text(s, (*i)++, q->to);
	}
}

int db_filter_stmt(pdx_db *db, const pdx_search *q, sqlite3_stmt **out)
{
	pdx_buf sql;
	pdx_buf_init(&sql);
	/* the records' rows only for the filters on them */
	pdx_buf_adds(&sql, "SELECT j.value FROM json_each(?1) j");
	if (q->kind || q->pillar || q->lang || doc_filtered(q))
		pdx_buf_adds(&sql, " JOIN actions a ON a.id = j.value");
	if (doc_filtered(q))
		pdx_buf_adds(&sql, " JOIN documents d ON d.id = a.doc_id");
	pdx_buf_adds(&sql, " WHERE 1");
	search_filters(&sql, q, "j.value", FILTER_SCAN);
	*out = NULL;
	int rc = sql.s && sqlite3_prepare_v2(db->h, sql.s, -1, out, NULL) == SQLITE_OK ? PDX_OK : PDX_ERR;
	pdx_buf_clear(&sql);
	int i = 2;
	if (rc == PDX_OK)
		bind_filters(*out, &i, q);
	return rc;
}

int db_hits_by_ids(pdx_db *db, const char *match, const int64_t *ids, const double *rank,
		   size_t n, const char *check_sql, bool (*check)(void *arg, size_t i,
		   const void *blob, int bytes), void *arg, pdx_hits *hits)
{
	pdx_buf list;
	pdx_buf_init(&list);
	pdx_buf_addc(&list, '[');
	for (size_t i = 0; i < n; i++)
		pdx_buf_printf(&list, "%s%lld", i ? "," : "", (long long)ids[i]);
	pdx_buf_addc(&list, ']');
	sqlite3_stmt *s = NULL;
	pdx_buf sql;
	pdx_buf_init(&sql);
	pdx_buf_printf(&sql, "SELECT " HIT_COLUMNS ", " SNIPPET_SQL ", 0.0, %s"
		   " FROM json_each(?2) j CROSS JOIN actions_fts ON actions_fts.rowid = j.value"
		   " JOIN actions a ON a.id = j.value JOIN documents d ON d.id = a.doc_id"
		   " WHERE actions_fts MATCH ?1 ORDER BY j.key", check_sql);
	int rc = list.s && sql.s && sqlite3_prepare_v2(db->h, sql.s, -1, &s, NULL) == SQLITE_OK
		? PDX_OK : PDX_ERR;
	pdx_buf_clear(&sql);
	if (rc == PDX_OK) {
		bind_text(s, 1, match);
		bind_text(s, 2, list.s);
		int step;
		size_t k = 0;
		while ((step = sqlite3_step(s)) == SQLITE_ROW) {
			if (db_read_hit(s, hits, HIT_NCOLS)) {
				rc = PDX_ENOMEM;
				break;
			}
			/* rows come in the order of ids */
			int64_t id = hits->v[hits->n - 1].id;
			while (k < n && ids[k] != id)
				k++;
			if (k == n || !check(arg, k, sqlite3_column_blob(s, HIT_NCOLS + 2),
					     sqlite3_column_bytes(s, HIT_NCOLS + 2))) {
				rc = PDX_DECLINED;
				break;
			}
			hits->v[hits->n - 1].rank = rank[k++];
		}
		if (rc == PDX_OK && step != SQLITE_DONE)
			rc = PDX_ERR;
	}
	sqlite3_finalize(s);
	pdx_buf_clear(&list);
	return rc;
}

/* count(*) of a statement with its first parameters bound from v (NULL:
 * bind NULL), or -1. */
static long count_of(pdx_db *db, const char *sql, const char *const *v, int n)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	for (int i = 0; i < n; i++)
		bind_text(s, i + 1, v[i]);
	long c = sqlite3_step(s) == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : -1;
	sqlite3_finalize(s);
	return c;
}

/* A listing in document order (no terms) stops once it has its LIMIT
 * records. Testing records in order until then reads about limit * N / k
 * of the N records when a filter keeps k; building the filter's set
 * reads k. So probes when k * k > limit * N for every filter (at a
 * million records and 20 results: k above about 4,500). N is taken as
 * the highest record id, which costs nothing to read. */
static bool listing_probes(pdx_db *db, const pdx_search *q)
{
	if (q->limit <= 0 || doc_filtered(q) || (!q->kind && !q->pillar && !q->nagencies && !q->from && !q->to))
		return false;
	long n = count_of(db, "SELECT max(id) FROM actions", NULL, 0);
	double need = sqrt((double)q->limit * (double)(n > 0 ? n : 0));
	long min_set = (long)need + 1;
	char pillar[16];
	snprintf(pillar, sizeof pillar, "%d", q->pillar);
	const char *v[4];
	/* off the indexes actions_kind(kind, pillar) and actions_pillar_doc */
	if (q->kind) {
		v[0] = q->kind;
		v[1] = pillar;
		if (count_of(db, q->pillar ? "SELECT count(*) FROM actions WHERE kind = ?1 AND pillar = ?2"
			     : "SELECT count(*) FROM actions WHERE kind = ?1", v, q->pillar ? 2 : 1) < min_set)
			return false;
	} else if (q->pillar) {
		v[0] = pillar;
		if (count_of(db, "SELECT count(*) FROM actions WHERE pillar = ?1", v, 1) < min_set)
			return false;
	}
	for (size_t i = 0; i < q->nagencies; i++) {
		sqlite3_stmt *s = NULL;
		long c = -1;
		if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM action_agencies r WHERE "
				       AGENCY_ROWS_SQL, -1, &s, NULL) == SQLITE_OK) {
			int k = 1;
			db_bind_agency(s, &k, q->agencies[i], q->exact_agency, q->role);
			if (sqlite3_step(s) == SQLITE_ROW)
				c = (long)sqlite3_column_int64(s, 0);
		}
		sqlite3_finalize(s);
		if (c < min_set)
			return false;
	}
	if (q->from || q->to) {
		v[0] = q->from;
		v[1] = q->to;
		if (count_of(db, "SELECT count(*) FROM timeline WHERE date >= coalesce(?1, '0000')"
			     " AND date <= coalesce(?2, '9999')", v, 2) < min_set)
			return false;
	}
	return true;
}

int db_search(pdx_db *db, const pdx_search *q, pdx_hits *hits, char *err, size_t errlen)
{
	if (!q->exhaustive) {
		size_t before = hits->n;
		int rc = ranked_search(db, q, hits);
		if (rc != PDX_DECLINED)
			return rc;
		while (hits->n > before)
			hit_clear(&hits->v[--hits->n]);
	}
	pdx_buf sql;
	pdx_buf_init(&sql);
	if (q->match && q->limit > 0) {
		/* Ranked with a limit: first the ids and scores of the best
		 * matches, reading no more than the filters need; then the
		 * columns and the snippet of those alone. In one statement
		 * SQLite would build every match's snippet and text before
		 * sorting (a million-record index: 10x slower). CROSS JOIN
		 * keeps the few ids the outer loop: with a bound LIMIT the
		 * planner cannot know they are few, and would scan every match
		 * again, reading each one's record. */
		pdx_buf_adds(&sql, "WITH top(id, score) AS MATERIALIZED (SELECT actions_fts.rowid,"
			 " bm25(actions_fts, " BM25_WEIGHTS_SQL ") AS score FROM actions_fts");
		if (q->lang || doc_filtered(q))
			pdx_buf_adds(&sql, " JOIN actions a ON a.id = actions_fts.rowid");
		if (doc_filtered(q))
			pdx_buf_adds(&sql, " JOIN documents d ON d.id = a.doc_id");
		pdx_buf_adds(&sql, " WHERE actions_fts MATCH ?1");
		/* the filters test each match; "+" on the id everywhere: as a
		 * rowid constraint, a set would make FTS5 run the MATCH once
		 * per id in it */
		search_filters(&sql, q, "actions_fts.rowid", FILTER_MATCHES);
		pdx_buf_adds(&sql, " ORDER BY score, actions_fts.rowid LIMIT ?)"
			 " SELECT " HIT_COLUMNS ", " SNIPPET_SQL ","
			 " top.score FROM top CROSS JOIN actions_fts ON actions_fts.rowid = top.id"
			 " JOIN actions a ON a.id = top.id JOIN documents d ON d.id = a.doc_id"
			 " WHERE actions_fts MATCH ?1 ORDER BY top.score, top.id");
	} else {
		pdx_buf_adds(&sql, "SELECT " HIT_COLUMNS);
		if (q->match)
			pdx_buf_adds(&sql, ", " SNIPPET_SQL ","
				 " bm25(actions_fts, " BM25_WEIGHTS_SQL ") AS score"
				 " FROM actions_fts JOIN actions a ON a.id = actions_fts.rowid");
		else
			pdx_buf_adds(&sql, " FROM actions a");
		pdx_buf_adds(&sql, " JOIN documents d ON d.id = a.doc_id WHERE 1");
		if (q->match)
			pdx_buf_adds(&sql, " AND actions_fts MATCH ?1");
		search_filters(&sql, q, "a.id",
			       !q->match && listing_probes(db, q) ? FILTER_SCAN : FILTER_SETS);
		/* without terms: document order, read straight off the
		 * actions_doc index so that a LIMIT stops early instead of
		 * sorting everything */
		pdx_buf_adds(&sql, q->match ? " ORDER BY score, a.id" : " ORDER BY a.doc_id, a.ordinal");
		if (q->limit > 0)
			pdx_buf_adds(&sql, " LIMIT ?");
	}
	if (!sql.s)
		return PDX_ENOMEM;

	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, sql.s, -1, &s, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(db->h));
		pdx_buf_clear(&sql);
		return PDX_ERR;
	}
	pdx_buf_clear(&sql);
	int i = 1;
	if (q->match)
		bind_text(s, i++, q->match);
	bind_filters(s, &i, q);
	if (q->limit > 0)
		sqlite3_bind_int64(s, i++, q->limit);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (db_read_hit(s, hits, q->match ? HIT_NCOLS : -1))
			break;
	int out = PDX_OK;
	if (rc != SQLITE_DONE) {
		const char *m = sqlite3_errmsg(db->h);
		snprintf(err, errlen, "%s", m);
		/* a syntax error in the MATCH string is the user's */
		out = (rc == SQLITE_ERROR && q->match) ? PDX_EFORMAT : PDX_ERR;
	}
	sqlite3_finalize(s);
	return out;
}

int db_show(pdx_db *db, const char *key, pdx_hits *hits)
{
	sqlite3_stmt *s = stmt(db, ST_SHOW);
	if (!s)
		return PDX_ERR;
	bind_text(s, 1, key);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (db_read_hit(s, hits, -1))
			return PDX_ENOMEM;
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

int db_record_agencies(pdx_db *db, int64_t id, pdx_hit_agency **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = stmt(db, ST_REC_AGENCIES);
	if (!s)
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_hit_agency *a = pdx_grow((void **)out, n, &cap, sizeof **out);
		if (!a) {
			sqlite3_reset(s);
			return PDX_ENOMEM;
		}
		a->id = col_text_nn(s, 0);
		a->acronym = col_text(s, 1);
		a->name = col_text(s, 2);
		a->name_zh = col_text(s, 3);
		a->parent = col_text(s, 4);
		a->role = col_text_nn(s, 5);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

void db_agencies_free(pdx_hit_agency *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].acronym);
		free(v[i].name);
		free(v[i].name_zh);
		free(v[i].parent);
		free(v[i].role);
	}
	free(v);
}

void db_read_time(sqlite3_stmt *s, int col, pdx_time *t)
{
	memset(t, 0, sizeof *t);
	t->kind = time_kind_parse((const char *)sqlite3_column_text(s, col));
	t->expr = col_text(s, col + 1);
	t->value = col_text(s, col + 2);
	t->precision = col_text(s, col + 3);
	if (sqlite3_column_type(s, col + 4) != SQLITE_NULL) {
		t->has_offset_days = true;
		t->offset_days = sqlite3_column_int(s, col + 4);
	}
	if (sqlite3_column_type(s, col + 5) != SQLITE_NULL) {
		t->has_offset_months = true;
		t->offset_months = sqlite3_column_int(s, col + 5);
	}
	t->anchor = col_text(s, col + 6);
}

int db_record_times(pdx_db *db, int64_t id, pdx_time **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = stmt(db, ST_REC_TIMES);
	if (!s)
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_time *t = pdx_grow((void **)out, n, &cap, sizeof **out);
		if (!t) {
			sqlite3_reset(s);
			return PDX_ENOMEM;
		}
		db_read_time(s, 0, t);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

void db_times_free(pdx_time *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		pdx_time_clear(&v[i]);
	free(v);
}

int db_record_links(pdx_db *db, int64_t id, bool to_plan, pdx_link **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = stmt(db, to_plan ? ST_LINKS_FROM : ST_LINKS_TO);
	if (!s)
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_link *l = pdx_grow((void **)out, n, &cap, sizeof **out);
		if (!l) {
			sqlite3_reset(s);
			return PDX_ENOMEM;
		}
		l->id = sqlite3_column_int64(s, 0);
		l->key = col_text_nn(s, 1);
		l->section = col_text(s, 2);
		l->text = col_text_nn(s, 3);
		l->doc_path = col_text_nn(s, 4);
		l->doc_part = sqlite3_column_int(s, 5);
		l->doc_title = col_text(s, 6);
		l->doc_kind = col_text(s, 7);
		l->pillar = col_pillar(s, 8);
		l->score = sqlite3_column_double(s, 9);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

void db_links_free(pdx_link *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].section);
		free(v[i].text);
		free(v[i].doc_path);
		free(v[i].doc_title);
		free(v[i].doc_kind);
	}
	free(v);
}
