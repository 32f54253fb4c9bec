/* db_read.c - what the query side reads besides search: documents, the
 * agencies' counts, deadlines, and the pillar summary (stored by the
 * indexer, or counted live). Agency names (lookup and suggestions) are
 * db_agencies.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_int.h"

#define DOC_ROWS_SQL \
	"SELECT d.id, d.path, d.part, d.title, d.kind, d.lang, d.published," \
	" d.issuer, d.format, (SELECT count(*) FROM actions a WHERE a.doc_id = d.id)," \
	" d.type, d.subtype, d.fr_doc, d.fr_citation, d.rin, d.docket, d.number," \
	" d.effective_on, d.comments_close_on, w.key, c.path, c.part, d.source_url" \
	" FROM documents d LEFT JOIN works w ON w.id = d.work_id" \
	" LEFT JOIN documents c ON c.id = d.copy_of"

static const char *const read_sql[ST_COUNT] = {
	/* works in the order of their canonical rendition's path, each
	 * canonical rendition first, its copies beneath */
	[ST_DOCUMENTS] = DOC_ROWS_SQL
			 " ORDER BY coalesce(c.path, d.path), coalesce(c.part, d.part),"
			 " d.copy_of IS NOT NULL, d.path, d.part",
	[ST_RENDITIONS] = DOC_ROWS_SQL " WHERE d.work_id = ?"
			  " ORDER BY d.copy_of IS NOT NULL, d.path, d.part",
	[ST_AGENCY_ROWS] = "SELECT g.id, g.acronym, g.name, g.name_zh, g.parent,"
			   " count(CASE r.role WHEN 'lead' THEN 1 END),"
			   " count(CASE r.role WHEN 'support' THEN 1 END),"
			   " count(CASE r.role WHEN 'mentioned' THEN 1 END)"
			   " FROM agencies g LEFT JOIN action_agencies r ON r.agency_id = g.id"
			   " AND r.action_id NOT IN " COPY_RECORDS_SQL
			   " GROUP BY g.id ORDER BY count(r.role) DESC, g.id",
	[ST_AGENCY_LABELS] = "SELECT g.id, g.acronym, g.name, g.name_zh, g.parent, 0, 0, 0"
			     " FROM agencies g ORDER BY g.id",
};

/* The cached statement which, prepared from this file's SQL. */
static sqlite3_stmt *stmt(pdx_db *db, int which)
{
	return db_stmt(db, which, read_sql[which]);
}

int db_show_section(pdx_db *db, const char *key, pdx_hits *hits)
{
	/* the section of the key's actions (aiap:I.1 -> aiap:I.1.1, ...) */
	static const char sql[] =
		"SELECT " HIT_COLUMNS " FROM actions a JOIN documents d ON d.id = a.doc_id"
		" WHERE d.kind = 'plan' AND a.pillar IS (SELECT x.pillar FROM actions x"
		"  WHERE x.kind = 'recommended_action' AND substr(x.key, 1, length(?1) + 1) = ?1 || '.'"
		"  ORDER BY x.id LIMIT 1)"
		" AND a.section = (SELECT x.section FROM actions x"
		"  WHERE x.kind = 'recommended_action' AND substr(x.key, 1, length(?1) + 1) = ?1 || '.'"
		"  ORDER BY x.id LIMIT 1)"
		" ORDER BY d.path, d.part, a.id";
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	bind_text(s, 1, key);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (db_read_hit(s, hits, -1)) {
			sqlite3_finalize(s);
			return PDX_ENOMEM;
		}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}
static int doc_rows(sqlite3_stmt *s, pdx_doc_row **out, size_t *n);

int db_documents(pdx_db *db, pdx_doc_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = stmt(db, ST_DOCUMENTS);
	return s ? doc_rows(s, out, n) : PDX_ERR;
}

int db_work_renditions(pdx_db *db, int64_t work, pdx_doc_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = stmt(db, ST_RENDITIONS);
	if (!s)
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, work);
	return doc_rows(s, out, n);
}

static int doc_rows(sqlite3_stmt *s, pdx_doc_row **out, size_t *n)
{
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_doc_row *d = pdx_grow((void **)out, n, &cap, sizeof **out);
		if (!d) {
			sqlite3_reset(s);
			return PDX_ENOMEM;
		}
		d->id = sqlite3_column_int64(s, 0);
		d->path = col_text_nn(s, 1);
		d->part = sqlite3_column_int(s, 2);
		d->title = col_text(s, 3);
		d->kind = col_text(s, 4);
		d->lang = col_text(s, 5);
		d->published = col_text(s, 6);
		d->issuer = col_text(s, 7);
		d->format = col_text(s, 8);
		d->records = sqlite3_column_int(s, 9);
		char **ids[] = { &d->type, &d->subtype, &d->fr_doc, &d->fr_citation, &d->rin,
				 &d->docket, &d->number, &d->effective_on, &d->comments_close_on,
				 &d->work, &d->copy_of };
		for (int k = 0; k < (int)(sizeof ids / sizeof *ids); k++)
			*ids[k] = col_text(s, 10 + k);
		d->copy_of_part = sqlite3_column_int(s, 21);
		d->source_url = col_text(s, 22);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

void db_documents_free(pdx_doc_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].title);
		free(v[i].kind);
		free(v[i].lang);
		free(v[i].published);
		free(v[i].issuer);
		free(v[i].format);
		free(v[i].source_url);
		char *ids[] = { v[i].type, v[i].subtype, v[i].fr_doc, v[i].fr_citation, v[i].rin,
				v[i].docket, v[i].number, v[i].effective_on, v[i].comments_close_on,
				v[i].work, v[i].copy_of };
		for (size_t k = 0; k < sizeof ids / sizeof *ids; k++)
			free(ids[k]);
	}
	free(v);
}

static int agency_rows(pdx_db *db, int which, pdx_agency_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = stmt(db, which);
	if (!s)
		return PDX_ERR;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_agency_row *a = pdx_grow((void **)out, n, &cap, sizeof **out);
		if (!a) {
			sqlite3_reset(s);
			return PDX_ENOMEM;
		}
		a->id = col_text_nn(s, 0);
		a->acronym = col_text(s, 1);
		a->name = col_text(s, 2);
		a->name_zh = col_text(s, 3);
		a->parent = col_text(s, 4);
		a->lead = sqlite3_column_int(s, 5);
		a->support = sqlite3_column_int(s, 6);
		a->mentioned = sqlite3_column_int(s, 7);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

int db_agency_rows(pdx_db *db, pdx_agency_row **out, size_t *n)
{
	return agency_rows(db, ST_AGENCY_ROWS, out, n);
}

int db_agency_labels(pdx_db *db, pdx_agency_row **out, size_t *n)
{
	return agency_rows(db, ST_AGENCY_LABELS, out, n);
}

void db_agency_rows_free(pdx_agency_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].acronym);
		free(v[i].name);
		free(v[i].name_zh);
		free(v[i].parent);
	}
	free(v);
}

/* Deadlines ---- */

/* Free the strings of d's entries and hits, not the arrays. */
static void due_free(pdx_dues *d)
{
	for (size_t i = 0; i < d->hits.n; i++)
		db_hit_clear(&d->hits.v[i]);
	for (size_t i = 0; i < d->n; i++) {
		pdx_time_clear(&d->v[i].t);
		free(d->v[i].agencies);
	}
}

void db_dues_clear(pdx_dues *d)
{
	due_free(d);
	d->hits.n = 0;
	db_hits_clear(&d->hits);
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

/* Does temp.scope hold the records q's agency filter keeps? */
static bool in_scope(const pdx_db *db, const pdx_deadline_query *q)
{
	return q->nagencies == 1 && !q->exact_agency && db->scope &&
	       strcmp(db->scope, q->agencies[0]) == 0;
}

/* Which WHERE terms deadline_filters writes: the copies' records left
 * out, the record's filters (pillar, agencies; a the record), or only
 * the timeline's (kinds and days). */
enum { DF_COPIES = 1, DF_RECORD = 2, DF_ALL = DF_COPIES | DF_RECORD };

/* The WHERE terms of a deadline query, after "WHERE 1"; deadline_bind
 * binds their values from *i on (with the same parts). */
static void deadline_filters(pdx_db *db, pdx_buf *sql, const pdx_deadline_query *q, int parts)
{
	/* a work's deadlines once: those of its canonical rendition */
	if (parts & DF_COPIES)
		pdx_buf_adds(sql, " AND a.doc_id NOT IN " COPY_DOCS_SQL);
	if (q->nkinds) {
		pdx_buf_adds(sql, " AND t.kind IN (");
		for (size_t i = 0; i < q->nkinds; i++)
			pdx_buf_adds(sql, i ? ",?" : "?");
		pdx_buf_adds(sql, ")");
	}
	/* from a day on (or back from it), the entries are read in value
	 * order and each tested ("+": not the pillar's records first) */
	bool ordered = q->before || q->from_day;
	bool record = parts & DF_RECORD;
	if (record && q->pillar)
		pdx_buf_adds(sql, ordered ? " AND +a.pillar = ?" : " AND a.pillar = ?");
	if (record && in_scope(db, q))
		pdx_buf_adds(sql, ordered ? " AND +a.id IN temp.scope" : " AND a.id IN temp.scope");
	for (size_t i = 0; record && !in_scope(db, q) && i < q->nagencies; i++) {
		if (ordered) {
			pdx_buf_adds(sql, " AND EXISTS (SELECT 1 FROM action_agencies r WHERE r.action_id = a.id");
			pdx_buf_adds(sql, AGENCY_PROBE_SQL);
		} else {
			pdx_buf_adds(sql, " AND a.id");
			pdx_buf_adds(sql, AGENCY_FILTER_SQL);
		}
	}
	/* a value's first ten characters are its day (a range's: its
	 * start); against a day D of ten characters, substr(value, 1, 10) < D
	 * exactly when value < D (a longer value with D's ten characters
	 * sorts after it, a shorter one that is D's prefix before it), and
	 * the bare comparison reads the index timeline_value in order */
	if (q->before)
		pdx_buf_adds(sql, " AND t.value < ?");
	if (q->from_day)
		pdx_buf_adds(sql, " AND t.value >= ?");
	/* a span's first day is its value's start: "2025", "2025-09",
	 * "2025-09-01", a time that day or a range from it all start no
	 * later than D exactly when value <= D followed by '~' (above every
	 * character of a value); its last day is a range's end, or the
	 * value itself, the year's or the month's end padded in */
	if (q->start_max)
		pdx_buf_adds(sql, " AND t.value <= ? || '~'");
	static const char span_end[] = " AND (CASE length(t.value) WHEN 21 THEN substr(t.value, 12)"
		" WHEN 4 THEN t.value || '-12-31' WHEN 7 THEN t.value || '-31' ELSE t.value END)";
	if (q->end_min) {
		pdx_buf_adds(sql, span_end);
		pdx_buf_adds(sql, " >= ?");
	}
	if (q->end_before) {
		pdx_buf_adds(sql, span_end);
		pdx_buf_adds(sql, " < ?");
	}
	/* The same bounds on the value itself, which timeline_value reads
	 * as a range rather than every entry. A span ending before D
	 * starts before it: value < D. One ending on or after D is a day,
	 * a time, a month or a year whose value is at least D's year, or a
	 * range (the only spans that start earlier), at least the first of
	 * those ending on or after D: the partial index timeline_ranges
	 * finds it among the ranges alone ("+": not in timeline_value's
	 * order, which would read every entry before it). */
	if (q->end_before)
		pdx_buf_adds(sql, " AND t.value < ?");
	if (q->end_min)
		pdx_buf_adds(sql, " AND t.value >= min(substr(?, 1, 4), coalesce((SELECT"
			 " min(+r.value) FROM timeline r WHERE length(r.value) = 21"
			 " AND substr(r.value, 12) >= ?), '~'))");
}

static void deadline_bind(pdx_db *db, sqlite3_stmt *s, const pdx_deadline_query *q, int *i,
			  int parts)
{
	bool record = parts & DF_RECORD;
	for (size_t k = 0; k < q->nkinds; k++)
		bind_text(s, (*i)++, time_kind_name(q->kinds[k]));
	if (record && q->pillar)
		sqlite3_bind_int(s, (*i)++, q->pillar);
	for (size_t k = 0; record && !in_scope(db, q) && k < q->nagencies; k++)
		db_bind_agency(s, i, q->agencies[k], q->exact_agency, NULL);
	if (q->before)
		bind_text(s, (*i)++, q->before);
	if (q->from_day)
		bind_text(s, (*i)++, q->from_day);
	if (q->start_max)
		bind_text(s, (*i)++, q->start_max);
	if (q->end_min)
		bind_text(s, (*i)++, q->end_min);
	if (q->end_before)
		bind_text(s, (*i)++, q->end_before);
	if (q->end_before)
		bind_text(s, (*i)++, q->end_before);
	if (q->end_min) {
		bind_text(s, (*i)++, q->end_min);
		bind_text(s, (*i)++, q->end_min);
	}
}

/* Which entries one statement of a deadline query reads. */
enum { DUE_ALL, DUE_DATED, DUE_UNRESOLVED };

/* The SQL of one statement of q over the entries of part; NULL: no
 * memory. Caller frees. */
static char *deadline_sql(pdx_db *db, const pdx_deadline_query *q, int part)
{
	pdx_buf sql;
	pdx_buf_init(&sql);
	/* ISO values sort as dates: a day before its timed entries, a range
	 * by its start; the unresolved (NULL) last */
	const char *order = q->latest_first
		? " ORDER BY t.value IS NULL, t.value DESC, d.path DESC, d.part DESC,"
		  " a.ordinal DESC, t.id DESC"
		: " ORDER BY t.value IS NULL, t.value, d.path, d.part, a.ordinal, t.id";
	/* with a day bound no value is NULL, and the dated entries alone
	 * are none either: ordered by value first, SQLite reads
	 * timeline_value in order, sorts only the entries of one value by
	 * their document, and hands the first row over before it has read
	 * the last (or stops at the limit) */
	if (q->before || q->from_day || part == DUE_DATED)
		order = q->latest_first
			? " ORDER BY t.value DESC, d.path DESC, d.part DESC, a.ordinal DESC, t.id DESC"
			: " ORDER BY t.value, d.path, d.part, a.ordinal, t.id";
	else if (part == DUE_UNRESOLVED)
		order = q->latest_first
			? " ORDER BY d.path DESC, d.part DESC, a.ordinal DESC, t.id DESC"
			: " ORDER BY d.path, d.part, a.ordinal, t.id";
	const char *which = part == DUE_DATED ? " AND t.value IS NOT NULL"
		: part == DUE_UNRESOLVED ? " AND t.value IS NULL" : "";
	if (q->limit > 0) {
		/* the entries first, then the columns of those alone: sorting
		 * would build every entry's record (text and all) otherwise */
		pdx_buf_adds(&sql, "WITH top(id) AS MATERIALIZED (SELECT t.id FROM timeline t"
			 " JOIN actions a ON a.id = t.action_id JOIN documents d ON d.id = a.doc_id"
			 " WHERE 1");
		pdx_buf_adds(&sql, which);
		deadline_filters(db, &sql, q, DF_ALL);
		pdx_buf_adds(&sql, order);
		pdx_buf_adds(&sql, " LIMIT ?) ");
	}
	/* index: the entry's position in db_record_times order (by id);
	 * dup: earlier entries of the record for the same event (kind and
	 * value), so that they still get distinct calendar UIDs */
	pdx_buf_adds(&sql, "SELECT " HIT_COLUMNS ","
		 " t.kind, t.expr, t.value, t.precision, t.offset_days, t.offset_months, t.anchor,");
	pdx_buf_adds(&sql, q->without_position ? " 0, 0" :
		 " (SELECT count(*) FROM timeline p WHERE p.action_id = t.action_id AND p.id < t.id),"
		 " (SELECT count(*) FROM timeline p WHERE p.action_id = t.action_id AND p.id < t.id"
		 "  AND p.kind = t.kind AND p.value IS t.value)");
	/* the record's agencies as the views list them, strongest role
	 * first, each named as agency_label names it (its acronym, else its
	 * name, else its id): one subquery here costs a third of a
	 * statement of its own run for each entry */
	if (q->with_agencies)
		pdx_buf_adds(&sql, ", (SELECT group_concat(x, ', ') FROM (SELECT"
			 " coalesce(nullif(g.acronym, ''), g.name, r.agency_id) || ' (' || r.role || ')' AS x"
			 " FROM action_agencies r LEFT JOIN agencies g ON g.id = r.agency_id"
			 " WHERE r.action_id = a.id ORDER BY CASE r.role WHEN 'lead' THEN 0"
			 " WHEN 'support' THEN 1 ELSE 2 END, r.n))");
	if (q->limit > 0) {
		pdx_buf_adds(&sql, " FROM top CROSS JOIN timeline t ON t.id = top.id"
			 " JOIN actions a ON a.id = t.action_id JOIN documents d ON d.id = a.doc_id");
	} else {
		pdx_buf_adds(&sql, " FROM timeline t JOIN actions a ON a.id = t.action_id"
			 " JOIN documents d ON d.id = a.doc_id WHERE 1");
		pdx_buf_adds(&sql, which);
		deadline_filters(db, &sql, q, DF_ALL);
	}
	pdx_buf_adds(&sql, order);
	return pdx_buf_take(&sql);
}

/* Run one statement of q over part, each entry appended to out and
 * handed to fn (db_deadlines_each). */
static int deadlines_part(pdx_db *db, const pdx_deadline_query *q, int part, pdx_dues *out,
			  pdx_due_fn fn, void *arg, char *err, size_t errlen)
{
	char *sql = deadline_sql(db, q, part);
	if (!sql) {
		snprintf(err, errlen, "out of memory");
		return PDX_ENOMEM;
	}
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(db->h));
		free(sql);
		return PDX_ERR;
	}
	free(sql);
	int i = 1;
	deadline_bind(db, s, q, &i, DF_ALL);
	if (q->limit > 0)
		sqlite3_bind_int64(s, i++, q->limit);
	int rc, out_rc = PDX_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_due *e = pdx_grow((void **)&out->v, &out->n, &out->cap, sizeof *out->v);
		if (e)
			memset(e, 0, sizeof *e);
		if (!e || db_read_hit(s, &out->hits, -1)) {
			if (e)
				out->n--;
			out_rc = PDX_ENOMEM;
			break;
		}
		/* the entry's columns come after HIT_COLUMNS, however many
		 * those are */
		int tc = HIT_NCOLS;
		db_read_time(s, tc, &e->t);
		e->index = sqlite3_column_int(s, tc + 7);
		e->dup = sqlite3_column_int(s, tc + 8);
		if (q->with_agencies) {
			e->agencies = col_text(s, tc + 9);
			if (!e->agencies)
				e->agencies = pdx_strdup("");
		}
		int keep = fn ? fn(arg, out) : 1;
		if (keep < 0) {
			out_rc = PDX_ENOMEM;
			break;
		}
		if (!keep) {
			/* done with it: its memory is the next entry's */
			pdx_dues last = { .v = e, .n = 1 };
			last.hits.v = &out->hits.v[out->hits.n - 1];
			last.hits.n = 1;
			due_free(&last);
			out->n--;
			out->hits.n--;
		}
	}
	if (out_rc == PDX_OK && rc != SQLITE_DONE) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(db->h));
		out_rc = PDX_ERR;
	} else if (out_rc == PDX_ENOMEM) {
		snprintf(err, errlen, "out of memory");
	}
	sqlite3_finalize(s);
	return out_rc;
}

int db_doc_bodies(pdx_db *db, pdx_body_row **v, size_t *n)
{
	*v = NULL;
	*n = 0;
	sqlite3_stmt *s = NULL;
	/* a file older than the table has none */
	if (sqlite3_prepare_v2(db->h, "SELECT doc_id, agency_id, name, short, parent FROM doc_bodies"
			       " ORDER BY doc_id, name", -1, &s, NULL) != SQLITE_OK)
		return sqlite3_table_column_metadata(db->h, NULL, "doc_bodies", NULL, NULL, NULL, NULL,
						     NULL, NULL) == SQLITE_OK ? PDX_ERR : PDX_OK;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_body_row *b = pdx_grow((void **)v, n, &cap, sizeof **v);
		if (!b) {
			sqlite3_finalize(s);
			return PDX_ENOMEM;
		}
		b->doc_id = sqlite3_column_int64(s, 0);
		b->id = col_text_nn(s, 1);
		b->name = col_text_nn(s, 2);
		b->short_form = col_text(s, 3);
		b->parent = col_text(s, 4);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

void db_bodies_free(pdx_body_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].name);
		free(v[i].short_form);
		free(v[i].parent);
	}
	free(v);
}

int db_closings(pdx_db *db, int (*fn)(const char *path, int part, const char *value, void *arg),
		void *arg)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "SELECT d.path, d.part, t.value FROM timeline t"
			       " JOIN actions a ON a.id = t.action_id JOIN documents d ON d.id = a.doc_id"
			       " WHERE t.kind = 'closes' AND t.value IS NOT NULL", -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	int rc, out = PDX_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(s, 0);
		const char *value = (const char *)sqlite3_column_text(s, 2);
		if (path && value && (out = fn(path, sqlite3_column_int(s, 1), value, arg)) != 0)
			break;
	}
	if (out == PDX_OK && rc != SQLITE_DONE)
		out = PDX_ERR;
	sqlite3_finalize(s);
	return out;
}

int db_deadlines_each(pdx_db *db, const pdx_deadline_query *q, pdx_dues *out,
		      pdx_due_fn fn, void *arg, char *err, size_t errlen)
{
	/* a limit, or a day bound: one statement (the summaries' next and
	 * overdue few) */
	if (q->limit > 0 || q->before || q->from_day)
		return deadlines_part(db, q, DUE_ALL, out, fn, arg, err, errlen);
	/* else the dated entries in value order straight off the index,
	 * then the unresolved, which no span filter keeps */
	int rc = deadlines_part(db, q, DUE_DATED, out, fn, arg, err, errlen);
	if (rc == PDX_OK && !q->start_max && !q->end_min && !q->end_before)
		rc = deadlines_part(db, q, DUE_UNRESOLVED, out, fn, arg, err, errlen);
	return rc;
}

int db_deadlines(pdx_db *db, const pdx_deadline_query *q, pdx_dues *out,
		 char *err, size_t errlen)
{
	return db_deadlines_each(db, q, out, NULL, NULL, err, errlen);
}

/* Deadlines, streamed ---- */

/* A document as an entry shows it, read once for every entry. */
typedef struct {
	int64_t id;
	char *path, *title, *kind, *lang, *published, *issuer;
	int part;
	int64_t work_id;
	bool copy;		/* a copy of its work's canonical rendition */
	size_t rank;		/* its place in (path, part) order */
} due_doc;

/* An agency's row of a record, for the bulk read: its label and role
 * borrowed from the reader's tables. */
typedef struct {
	int64_t action_id;
	const char *label, *role;
	int64_t n;
	uint32_t rank;		/* lead 0, support 1, else 2 */
} due_role;

typedef struct {
	char *id, *label;	/* label: acronym, else name (NULL: the id) */
} due_label;

/* An entry read and not yet handed over: strings in the arena. */
enum { DS_EXPR, DS_VALUE, DS_PREC, DS_ANCHOR, DS_KEY, DS_KIND, DS_PSRC, DS_SECTION, DS_LABEL,
       DS_TEXT, DS_LANG, DS_N };

typedef struct {
	int64_t tid, aid;
	double pscore;
	uint32_t doc;		/* into docs */
	int ordinal, kind, od, om, pillar, line, page, index, dup;
	bool has_od, has_om;
	uint32_t str[DS_N];	/* offset in the arena + 1; 0: NULL */
} due_row;

/* The most a bulk read keeps in its arena: more, and the entries are
 * read in value order instead (keep_row returns DUE_TOO_BIG); the most
 * one value's entries may take (offsets fit in 32 bits). */
#define DUE_ARENA_MAX ((size_t)1 << 30)
#define DUE_GROUP_MAX ((size_t)1 << 31)
enum { DUE_TOO_BIG = 2 };

/* A bulk read's entry as it sorts: its value's first 16 bytes (the
 * rest only when both are longer), document rank, ordinal, id. */
typedef struct {
	uint64_t k[2];
	int64_t tid;
	uint32_t rank;
	int ordinal;
	uint32_t row;
	bool long_value;
} due_order;

struct pdx_due_reader {
	pdx_db *db;
	pdx_deadline_query q;
	due_doc *docs;
	size_t ndocs;
	size_t *by_rank;	/* scratch */
	due_label *labels;
	size_t nlabels;
	char **roles, **extra;	/* interned role names and unknown agency ids */
	size_t nroles, nextra;
	due_role *ag;		/* bulk: the roles of the records an entry may show */
	size_t nag;
	/* the records of ag as a bitmap with the count set before each
	 * word, and where each one's rows begin: found in a few cache lines,
	 * not by bisecting every row */
	uint64_t *ag_bits;
	uint32_t *ag_before, *ag_start;
	size_t ag_words;
	/* what the timeline's index says of the entries (prepass) */
	int64_t max_action, max_role, max_doc;
	uint8_t *mark;		/* their records */
	int64_t n_entries;	/* how many (an upper bound) */
	int64_t *ids;		/* their records, sorted, when listed */
	size_t nids;
	bool listed;
	bool bulk;
	sqlite3_stmt *one;	/* else: one record's agencies */
	due_row *rows;		/* the entries of one value (of all: bulk) */
	size_t nrows, caprows;
	due_order *order;	/* bulk: the order rows are handed over in */
	/* bulk without a date filter: the unresolved entries, read with the
	 * dated and held for their turn */
	bool held;
	bool too_big;		/* the bulk read did not fit (DUE_ARENA_MAX) */
	bool in_bulk;		/* a bulk read under way */
	due_row *held_rows;
	size_t nheld;
	pdx_buf held_arena;
	pdx_buf arena, agencies;
};

/* The columns of a streamed entry (light: only what choosing it needs). */
#define DUE_COLS "t.id, t.kind, t.expr, t.value, t.precision, t.offset_days, t.offset_months," \
	" t.anchor, a.id, a.doc_id, a.ordinal, a.key, a.kind, a.pillar, a.pillar_source," \
	" a.pillar_score, a.section, a.label, a.text, a.lang, a.line, a.page"
#define DUE_COLS_LIGHT "t.id, t.kind, NULL, t.value, NULL, NULL, NULL, NULL, a.id, a.doc_id," \
	" a.ordinal, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, 0, 0"
#define DUE_POSITION \
	", (SELECT count(*) FROM timeline p WHERE p.action_id = t.action_id AND p.id < t.id)," \
	" (SELECT count(*) FROM timeline p WHERE p.action_id = t.action_id AND p.id < t.id" \
	"  AND p.kind = t.kind AND p.value IS t.value)"

static int cmp_doc_id(const void *a, const void *b)
{
	int64_t x = ((const due_doc *)a)->id, y = ((const due_doc *)b)->id;
	return (x > y) - (x < y);
}

static const due_doc *sort_docs;

static int cmp_doc_place(const void *a, const void *b)
{
	const due_doc *x = &sort_docs[*(const size_t *)a], *y = &sort_docs[*(const size_t *)b];
	int c = strcmp(x->path, y->path);
	return c ? c : (x->part > y->part) - (x->part < y->part);
}

/* Every document, by id, each with its rank in (path, part) order; for
 * a window's few entries (fewer than half the documents), only theirs. */
static int load_docs(pdx_due_reader *r)
{
	sqlite3_stmt *s = NULL;
	bool few = r->mark && r->n_entries * 2 < r->max_doc;
	pdx_buf sql;
	pdx_buf_init(&sql);
	pdx_buf_adds(&sql, "SELECT id, path, part, title, kind, lang, published, issuer, work_id,"
		     " copy_of IS NOT NULL FROM documents");
	if (few) {
		pdx_buf_adds(&sql, " WHERE id IN (SELECT a.doc_id FROM timeline t JOIN actions a"
			     " ON a.id = t.action_id WHERE 1");
		deadline_filters(r->db, &sql, &r->q, 0);
		pdx_buf_adds(&sql, ")");
	}
	pdx_buf_adds(&sql, " ORDER BY id");
	if (!sql.s || sqlite3_prepare_v2(r->db->h, sql.s, -1, &s, NULL) != SQLITE_OK) {
		pdx_buf_clear(&sql);
		return PDX_ERR;
	}
	pdx_buf_clear(&sql);
	if (few) {
		int i = 1;
		deadline_bind(r->db, s, &r->q, &i, 0);
	}
	size_t cap = 0;
	int rc = PDX_OK, st;
	while ((st = sqlite3_step(s)) == SQLITE_ROW) {
		due_doc *d = pdx_grow((void **)&r->docs, &r->ndocs, &cap, sizeof *d);
		if (!d) {
			rc = PDX_ENOMEM;
			break;
		}
		memset(d, 0, sizeof *d);
		d->id = sqlite3_column_int64(s, 0);
		d->path = col_text_nn(s, 1);
		d->part = sqlite3_column_int(s, 2);
		d->title = col_text(s, 3);
		d->kind = col_text(s, 4);
		d->lang = col_text(s, 5);
		d->published = col_text(s, 6);
		d->issuer = col_text(s, 7);
		d->work_id = sqlite3_column_int64(s, 8);
		d->copy = sqlite3_column_int(s, 9) != 0;
		if (!d->path)
			rc = PDX_ENOMEM;
	}
	if (rc == PDX_OK && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	if (rc || !r->ndocs)
		return rc;
	/* a view of an older schema gives them in its own order */
	qsort(r->docs, r->ndocs, sizeof *r->docs, cmp_doc_id);
	if (!(r->by_rank = malloc(r->ndocs * sizeof *r->by_rank)))
		return PDX_ENOMEM;
	for (size_t i = 0; i < r->ndocs; i++)
		r->by_rank[i] = i;
	sort_docs = r->docs;
	qsort(r->by_rank, r->ndocs, sizeof *r->by_rank, cmp_doc_place);
	for (size_t k = 0; k < r->ndocs; k++)
		r->docs[r->by_rank[k]].rank = k;
	return PDX_OK;
}

static const due_doc *find_doc(const pdx_due_reader *r, int64_t id)
{
	size_t lo = 0, hi = r->ndocs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->docs[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->ndocs && r->docs[lo].id == id ? &r->docs[lo] : NULL;
}

/* s among the n strings of *v (a copy added when it is not): the reader's
 * one copy of each label or role, or NULL without memory. */
static const char *intern(char ***v, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return (*v)[i];
	char *c = pdx_strdup(s), **e = c ? realloc(*v, (*n + 1) * sizeof *e) : NULL;
	if (!e) {
		free(c);
		return NULL;
	}
	*v = e;
	return (*v)[(*n)++] = c;
}

/* The label an agency's id shows as: its acronym, else its name, else
 * the id (agency_label's rule); NULL: no memory. */
static const char *label_of(pdx_due_reader *r, const char *id)
{
	size_t lo = 0, hi = r->nlabels;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(r->labels[mid].id, id);
		if (c == 0)
			return r->labels[mid].label ? r->labels[mid].label : r->labels[mid].id;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return intern(&r->extra, &r->nextra, id);
}

static const char *role_of(pdx_due_reader *r, const char *role)
{
	return intern(&r->roles, &r->nroles, role);
}

static int load_labels(pdx_due_reader *r)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(r->db->h, "SELECT id, coalesce(nullif(acronym, ''), name) FROM agencies"
			       " ORDER BY id", -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	size_t cap = 0;
	int rc = PDX_OK, st;
	while ((st = sqlite3_step(s)) == SQLITE_ROW) {
		due_label *l = pdx_grow((void **)&r->labels, &r->nlabels, &cap, sizeof *l);
		if (!l || !(l->id = col_text(s, 0))) {
			if (l)
				r->nlabels--;
			rc = PDX_ENOMEM;
			break;
		}
		l->label = col_text(s, 1);
	}
	if (rc == PDX_OK && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	return rc;
}

static int cmp_role(const void *a, const void *b)
{
	const due_role *x = a, *y = b;
	if (x->action_id != y->action_id)
		return x->action_id < y->action_id ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return (x->n > y->n) - (x->n < y->n);
}

/* Sort v by record, role and the record's order of its agencies (n).
 * Read in the table's order, the rows of a record come together and
 * records in order: then only each record's few rows are put in role
 * order, else everything is sorted. */
static void sort_roles(due_role *v, size_t n)
{
	for (size_t k = 1; k < n; k++)
		if (v[k].action_id < v[k - 1].action_id) {
			qsort(v, n, sizeof *v, cmp_role);
			return;
		}
	for (size_t k = 1; k < n; k++) {
		due_role x = v[k];
		size_t j = k;
		while (j > 0 && cmp_role(&v[j - 1], &x) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

static uint32_t role_rank(const char *role)
{
	return strcmp(role, "lead") == 0 ? 0 : strcmp(role, "support") == 0 ? 1 : 2;
}

/* r->ag's records as a bitmap over ids up to max_action (PDX_OK or
 * PDX_ENOMEM). */
static int index_roles(pdx_due_reader *r, int64_t max_action)
{
	size_t nrec = 0;
	for (size_t k = 0; k < r->nag; k++)
		nrec += !k || r->ag[k].action_id != r->ag[k - 1].action_id;
	if (!nrec || nrec > UINT32_MAX || r->nag > UINT32_MAX)
		return PDX_OK;
	r->ag_words = (size_t)(max_action / 64) + 1;
	r->ag_bits = calloc(r->ag_words, sizeof *r->ag_bits);
	r->ag_before = malloc(r->ag_words * sizeof *r->ag_before);
	r->ag_start = malloc(nrec * sizeof *r->ag_start);
	if (!r->ag_bits || !r->ag_before || !r->ag_start)
		return PDX_ENOMEM;
	size_t j = 0;
	for (size_t k = 0; k < r->nag; k++)
		if (!k || r->ag[k].action_id != r->ag[k - 1].action_id) {
			int64_t id = r->ag[k].action_id;
			r->ag_bits[id / 64] |= 1ULL << (id % 64);
			r->ag_start[j++] = (uint32_t)k;
		}
	uint32_t c = 0;
	for (size_t w = 0; w < r->ag_words; w++) {
		r->ag_before[w] = c;
		c += (uint32_t)__builtin_popcountll(r->ag_bits[w]);
	}
	return PDX_OK;
}

/* The SQL reading the timeline's side of q (kinds, days) for part, from
 * "FROM": what the bulk read of the agencies counts and marks. */
static void part_sql(pdx_db *db, pdx_buf *sql, const pdx_deadline_query *q, int part, int parts)
{
	deadline_filters(db, sql, q, parts);
	pdx_buf_adds(sql, part == PDX_DUE_DATED ? " AND t.value IS NOT NULL" : " AND t.value IS NULL");
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The records the entries of q may show (the timeline's side of q, off
 * its index alone: kinds and days), marked in a bitmap, counted in
 * r->n_entries, and while they are few (a window's) listed in r->ids. */
static int prepass(pdx_due_reader *r, bool unresolved)
{
	pdx_db *db = r->db;
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "SELECT (SELECT max(id) FROM actions),"
			       " (SELECT count(*) FROM action_agencies), (SELECT max(id) FROM documents)",
			       -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	if (sqlite3_step(s) == SQLITE_ROW) {
		r->max_action = sqlite3_column_int64(s, 0);
		r->max_role = sqlite3_column_int64(s, 1);
		r->max_doc = sqlite3_column_int64(s, 2);
	}
	sqlite3_finalize(s);
	if (r->max_action <= 0 || r->max_action > INT32_MAX)
		return PDX_OK;
	if (!(r->mark = calloc((size_t)r->max_action / 8 + 1, 1)))
		return PDX_ENOMEM;
	int64_t n = 0;
	size_t cap = 0;
	bool listing = true;
	int rc = PDX_OK;
	for (int part = PDX_DUE_DATED; rc == PDX_OK && part <= PDX_DUE_UNRESOLVED; part++) {
		if (part == PDX_DUE_UNRESOLVED && !unresolved)
			break;
		pdx_buf sql;
		pdx_buf_init(&sql);
		pdx_buf_adds(&sql, "SELECT t.action_id FROM timeline t WHERE 1");
		part_sql(db, &sql, &r->q, part, 0);
		if (!sql.s || sqlite3_prepare_v2(db->h, sql.s, -1, &s, NULL) != SQLITE_OK) {
			pdx_buf_clear(&sql);
			rc = PDX_ERR;
			break;
		}
		pdx_buf_clear(&sql);
		int i = 1;
		deadline_bind(db, s, &r->q, &i, 0);
		int st;
		while ((st = sqlite3_step(s)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(s, 0);
			if (id <= 0 || id > r->max_action)
				continue;
			r->mark[id / 8] |= (uint8_t)(1u << (id % 8));
			n++;
			/* a window's few: listed (a sixty-fourth of the records
			 * at most) */
			if (listing && n * 64 > r->max_action) {
				listing = false;
				free(r->ids);
				r->ids = NULL;
				r->nids = 0;
			}
			if (listing) {
				int64_t *x = pdx_grow((void **)&r->ids, &r->nids, &cap, sizeof *x);
				if (!x) {
					rc = PDX_ENOMEM;
					break;
				}
				*x = id;
			}
		}
		if (rc == PDX_OK && st != SQLITE_DONE)
			rc = PDX_ERR;
		sqlite3_finalize(s);
	}
	r->n_entries = n;
	r->listed = rc == PDX_OK && listing;
	if (r->listed && r->nids) {
		qsort(r->ids, r->nids, sizeof *r->ids, cmp_i64);
		size_t k = 0;
		for (size_t i = 0; i < r->nids; i++)
			if (!k || r->ids[i] != r->ids[k - 1])
				r->ids[k++] = r->ids[i];
		r->nids = k;
	}
	return rc;
}

/* Every role of the records r->mark holds at once, when there are so
 * many that reading every role costs less than reading each record's
 * (about 30 rows of action_agencies read in order cost one record's
 * look-up). */
static int agencies_bulk(pdx_due_reader *r)
{
	pdx_db *db = r->db;
	sqlite3_stmt *s = NULL;
	int64_t max_action = r->max_action;
	uint8_t *mark = r->mark;
	int rc = PDX_OK;
	if (!mark || r->max_role <= 0 || r->n_entries * 32 < r->max_role)
		return PDX_OK;
	/* every role of the marked records, sorted by record, role and
	 * order of the record's agencies (n); read in the table's order,
	 * which is by record (its key is the record's and the agency's) */
	if (sqlite3_prepare_v2(db->h, "SELECT action_id, agency_id, role, n FROM action_agencies",
			       -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	size_t cap = 0;
	int st;
	while ((st = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		if (id <= 0 || id > max_action || !(mark[id / 8] & (1u << (id % 8))))
			continue;
		const char *ag = (const char *)sqlite3_column_text(s, 1);
		const char *role = (const char *)sqlite3_column_text(s, 2);
		if (!ag || !role)
			continue;	/* no label: group_concat left it out */
		due_role *x = pdx_grow((void **)&r->ag, &r->nag, &cap, sizeof *x);
		if (!x || !(x->label = label_of(r, ag)) || !(x->role = role_of(r, role))) {
			if (x)
				r->nag--;
			rc = PDX_ENOMEM;
			break;
		}
		x->action_id = id;
		x->rank = role_rank(role);
		x->n = sqlite3_column_int64(s, 3);
	}
	if (rc == PDX_OK && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	if (rc == PDX_OK) {
		sort_roles(r->ag, r->nag);
		r->bulk = true;
		rc = index_roles(r, max_action);
	}
	return rc;
}

/* Where the record's rows of r->ag begin (r->nag: none, or one past
 * them when its id is not there): off the bitmap, else by bisection. */
static size_t first_role(const pdx_due_reader *r, int64_t aid)
{
	size_t lo = r->nag;
	if (r->ag_bits) {
		size_t w = (size_t)aid / 64;
		uint64_t bit = 1ULL << (aid % 64);
		if (aid > 0 && w < r->ag_words && (r->ag_bits[w] & bit))
			lo = r->ag_start[r->ag_before[w] +
					 (size_t)__builtin_popcountll(r->ag_bits[w] & (bit - 1))];
	} else {
		size_t hi = r->nag;
		lo = 0;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (r->ag[mid].action_id < aid)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	return lo;
}

/* "OMB (lead), NIST (mentioned)": the record's agencies, the strongest
 * role first, then in the record's order (n; "" none), in r->agencies. */
static const char *record_agencies(pdx_due_reader *r, int64_t aid)
{
	pdx_buf *b = &r->agencies;
	b->len = 0;
	pdx_buf_add(b, "", 0);
	if (r->bulk) {
		size_t lo = first_role(r, aid);
		for (size_t k = lo; k < r->nag && r->ag[k].action_id == aid; k++) {
			if (k > lo)
				pdx_buf_add(b, ", ", 2);
			pdx_buf_adds(b, r->ag[k].label);
			pdx_buf_add(b, " (", 2);
			pdx_buf_adds(b, r->ag[k].role);
			pdx_buf_addc(b, ')');
		}
		return b->s;
	}
	if (!r->one && sqlite3_prepare_v2(r->db->h, "SELECT coalesce(nullif(g.acronym, ''), g.name,"
				       " r.agency_id) || ' (' || r.role || ')' FROM action_agencies r"
				       " LEFT JOIN agencies g ON g.id = r.agency_id WHERE r.action_id = ?"
				       " ORDER BY CASE r.role WHEN 'lead' THEN 0 WHEN 'support' THEN 1"
				       " ELSE 2 END, r.n", -1, &r->one, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_int64(r->one, 1, aid);
	bool first = true;
	while (sqlite3_step(r->one) == SQLITE_ROW) {
		const char *x = (const char *)sqlite3_column_text(r->one, 0);
		if (!x)
			continue;
		if (!first)
			pdx_buf_add(b, ", ", 2);
		pdx_buf_adds(b, x);
		first = false;
	}
	sqlite3_reset(r->one);
	return b->s;
}

int db_due_reader_open(pdx_db *db, const pdx_deadline_query *q, pdx_due_reader **out)
{
	pdx_due_reader *r = calloc(1, sizeof *r);
	*out = r;
	if (!r)
		return PDX_ENOMEM;
	r->db = db;
	r->q = *q;
	pdx_buf_init(&r->arena);
	pdx_buf_init(&r->agencies);
	pdx_buf_init(&r->held_arena);
	int rc = prepass(r, !q->start_max && !q->end_min && !q->end_before);
	if (rc == PDX_OK)
		rc = load_docs(r);
	if (rc == PDX_OK && q->with_agencies && !q->light)
		rc = load_labels(r);
	if (rc == PDX_OK && q->with_agencies && !q->light)
		rc = agencies_bulk(r);
	return rc;
}

size_t db_due_reader_records(const pdx_due_reader *r, const int64_t **ids)
{
	*ids = r->ids;
	return r->listed ? r->nids : SIZE_MAX;
}

void db_due_reader_close(pdx_due_reader *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ndocs; i++) {
		due_doc *d = &r->docs[i];
		free(d->path);
		free(d->title);
		free(d->kind);
		free(d->lang);
		free(d->published);
		free(d->issuer);
	}
	free(r->docs);
	free(r->by_rank);
	for (size_t i = 0; i < r->nlabels; i++) {
		free(r->labels[i].id);
		free(r->labels[i].label);
	}
	free(r->labels);
	for (size_t i = 0; i < r->nroles; i++)
		free(r->roles[i]);
	free(r->roles);
	for (size_t i = 0; i < r->nextra; i++)
		free(r->extra[i]);
	free(r->extra);
	free(r->ag);
	free(r->mark);
	free(r->ids);
	free(r->ag_bits);
	free(r->ag_before);
	free(r->ag_start);
	sqlite3_finalize(r->one);
	free(r->rows);
	free(r->order);
	free(r->held_rows);
	pdx_buf_clear(&r->held_arena);
	pdx_buf_clear(&r->arena);
	pdx_buf_clear(&r->agencies);
	free(r);
}

/* The entry of s's current row into the group; 0 (kept), 1 (left out:
 * a copy's, or no document), DUE_TOO_BIG (the arena is full) or
 * PDX_ENOMEM. */
static int keep_row(pdx_due_reader *r, sqlite3_stmt *s)
{
	const due_doc *d = find_doc(r, sqlite3_column_int64(s, 9));
	if (!d || d->copy)
		return 1;
	if (r->arena.len > (r->in_bulk ? DUE_ARENA_MAX : DUE_GROUP_MAX))
		return DUE_TOO_BIG;
	due_row *w = pdx_grow((void **)&r->rows, &r->nrows, &r->caprows, sizeof *w);
	if (!w)
		return PDX_ENOMEM;
	memset(w, 0, sizeof *w);
	w->tid = sqlite3_column_int64(s, 0);
	w->kind = (int)time_kind_parse((const char *)sqlite3_column_text(s, 1));
	w->has_od = sqlite3_column_type(s, 5) != SQLITE_NULL;
	w->od = sqlite3_column_int(s, 5);
	w->has_om = sqlite3_column_type(s, 6) != SQLITE_NULL;
	w->om = sqlite3_column_int(s, 6);
	w->aid = sqlite3_column_int64(s, 8);
	w->doc = (uint32_t)(d - r->docs);
	w->ordinal = sqlite3_column_int(s, 10);
	w->pillar = col_pillar(s, 13);
	w->pscore = sqlite3_column_double(s, 15);
	w->line = sqlite3_column_int(s, 20);
	w->page = sqlite3_column_int(s, 21);
	if (!r->q.light && !r->q.without_position) {
		w->index = sqlite3_column_int(s, 22);
		w->dup = sqlite3_column_int(s, 23);
	}
	static const int cols[DS_N] = { 2, 3, 4, 7, 11, 12, 14, 16, 17, 18, 19 };
	/* the record's strings once for its entries read one after another
	 * (a bulk read holds every entry: its texts are most of its bytes) */
	const due_row *prev = r->nrows > 1 ? w - 1 : NULL;
	bool same = prev && prev->aid == w->aid;
	for (int k = 0; k < DS_N; k++) {
		if (same && k >= DS_KEY) {
			w->str[k] = prev->str[k];
			continue;
		}
		const unsigned char *t = sqlite3_column_text(s, cols[k]);
		int n = sqlite3_column_bytes(s, cols[k]);
		/* NOT NULL columns are "" when NULL all the same */
		if (!t && (k == DS_KEY || k == DS_KIND || k == DS_TEXT) && !r->q.light)
			t = (const unsigned char *)"", n = 0;
		if (!t)
			continue;
		w->str[k] = (uint32_t)r->arena.len + 1;
		if (k == DS_TEXT && r->q.text_chars && !r->q.light) {
			/* its first words, cut in place at the arena's end */
			size_t room = PDX_SHORT_SIZE(r->q.text_chars);
			if (pdx_buf_reserve(&r->arena, room) == PDX_OK) {
				r->arena.len += pdx_short_text((const char *)t, r->q.text_chars,
							       r->arena.s + r->arena.len) + 1;
				r->arena.s[r->arena.len] = '\0';
			}
			continue;
		}
		pdx_buf_add(&r->arena, (const char *)t, (size_t)n + 1);
	}
	return pdx_buf_status(&r->arena);
}

static int cmp_row(const void *a, const void *b, const pdx_due_reader *r)
{
	const due_row *x = a, *y = b;
	size_t p = r->docs[x->doc].rank, q = r->docs[y->doc].rank;
	if (p != q)
		return p < q ? -1 : 1;
	if (x->ordinal != y->ordinal)
		return x->ordinal < y->ordinal ? -1 : 1;
	return (x->tid > y->tid) - (x->tid < y->tid);
}

static const pdx_due_reader *sort_reader;

static int cmp_row_sort(const void *a, const void *b)
{
	return cmp_row(a, b, sort_reader);
}

/* Hand the entries over, in r->order when it is set, else as they are
 * in r->rows, and empty the group. */
static int hand_rows(pdx_due_reader *r, pdx_due_visit fn, void *arg)
{
	int rc = PDX_OK;
	/* in r->order the rows, their strings, documents and agencies lie
	 * anywhere in memory: asked for some entries ahead, they are there
	 * when their turn comes, not waited for one after the other */
	enum { AHEAD = 8 };
	for (size_t k = 0; r->order && k < AHEAD && k < r->nrows; k++)
		__builtin_prefetch(&r->rows[r->order[k].row]);
	for (size_t k = 0; k < r->nrows && rc == PDX_OK; k++) {
		if (r->order && k + 2 * AHEAD < r->nrows) {
			const char *p = (const char *)&r->rows[r->order[k + 2 * AHEAD].row];
			__builtin_prefetch(p);
			__builtin_prefetch(p + 64);
			__builtin_prefetch(p + 128);
		}
		if (r->order && k + AHEAD < r->nrows) {
			const due_row *x = &r->rows[r->order[k + AHEAD].row];
			for (int i = 0; i < DS_N; i += 4)
				if (x->str[i])
					__builtin_prefetch(r->arena.s + x->str[i] - 1);
			if (x->str[DS_TEXT])
				__builtin_prefetch(r->arena.s + x->str[DS_TEXT] - 1);
			__builtin_prefetch(&r->docs[x->doc]);
			if (r->bulk) {
				size_t lo = first_role(r, x->aid);
				if (lo < r->nag)
					__builtin_prefetch(&r->ag[lo]);
			}
		}
		const due_row *w = &r->rows[r->order ? r->order[k].row : k];
		const due_doc *d = &r->docs[w->doc];
		const char *a = r->arena.s;
#define STR(i) ((char *)(w->str[i] ? a + w->str[i] - 1 : NULL))
		pdx_due e;
		pdx_hit h;
		memset(&e, 0, sizeof e);
		memset(&h, 0, sizeof h);
		e.tid = w->tid;
		e.t.kind = (pdx_time_kind)w->kind;
		e.t.expr = STR(DS_EXPR);
		e.t.value = STR(DS_VALUE);
		e.t.precision = STR(DS_PREC);
		e.t.anchor = STR(DS_ANCHOR);
		e.t.has_offset_days = w->has_od;
		e.t.offset_days = w->od;
		e.t.has_offset_months = w->has_om;
		e.t.offset_months = w->om;
		e.index = w->index;
		e.dup = w->dup;
		e.text_short = r->q.text_chars && !r->q.light;
		if (r->q.with_agencies && !r->q.light &&
		    !(e.agencies = (char *)record_agencies(r, w->aid))) {
			rc = PDX_ENOMEM;
			break;
		}
		h.id = w->aid;
		h.key = STR(DS_KEY);
		h.kind = STR(DS_KIND);
		h.pillar = w->pillar;
		h.pillar_source = STR(DS_PSRC);
		h.pillar_score = w->pscore;
		h.section = STR(DS_SECTION);
		h.label = STR(DS_LABEL);
		h.text = STR(DS_TEXT);
		h.lang = STR(DS_LANG);
		h.line = w->line;
		h.page = w->page;
		h.doc_path = d->path;
		h.doc_part = d->part;
		h.doc_title = d->title;
		h.doc_kind = d->kind;
		h.doc_lang = d->lang;
		h.doc_published = d->published;
		h.doc_issuer = d->issuer;
		h.work_id = d->work_id;
#undef STR
		rc = fn(arg, &e, &h);
	}
	r->nrows = 0;
	r->arena.len = 0;
	return rc;
}

/* Hand the group's entries over in (path, part, ordinal, id) order and
 * empty it. */
static int flush_rows(pdx_due_reader *r, pdx_due_visit fn, void *arg)
{
	if (r->nrows > 1) {
		sort_reader = r;
		qsort(r->rows, r->nrows, sizeof *r->rows, cmp_row_sort);
	}
	return hand_rows(r, fn, arg);
}

/* Run sql (bound by deadline_bind from parameter 1, then tid when
 * given), grouping the dated entries by value. */
static int run_due(pdx_due_reader *r, const char *sql, int part, int64_t tid,
		   pdx_due_visit fn, void *arg)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(r->db->h, sql, -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	int i = 1;
	if (tid)
		sqlite3_bind_int64(s, i, tid);
	else
		deadline_bind(r->db, s, &r->q, &i, DF_RECORD);
	int rc = PDX_OK, st;
	r->nrows = 0;
	r->arena.len = 0;
	while ((st = sqlite3_step(s)) == SQLITE_ROW) {
		/* a new value: the entries of the last one are complete */
		if (part == PDX_DUE_DATED && r->nrows) {
			const due_row *last = &r->rows[r->nrows - 1];
			const char *v = (const char *)sqlite3_column_text(s, 3);
			if (!v || strcmp(v, r->arena.s + last->str[DS_VALUE] - 1) != 0)
				rc = flush_rows(r, fn, arg);
		}
		if (rc == PDX_OK && (rc = keep_row(r, s)) == 1)
			rc = PDX_OK;
		if (rc == DUE_TOO_BIG)
			rc = PDX_ENOMEM;
		/* the unresolved come sorted */
		if (rc == PDX_OK && part != PDX_DUE_DATED)
			rc = flush_rows(r, fn, arg);
		if (rc)
			break;
	}
	if (rc == PDX_OK && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	if (rc == PDX_OK)
		rc = flush_rows(r, fn, arg);
	r->nrows = 0;
	return rc;
}

/* The first 16 bytes of s as two numbers that sort as the bytes do
 * (shorter strings padded with zeros, which sort first as a shorter
 * string does). */
static void value_key(const char *s, uint64_t k[2])
{
	k[0] = k[1] = 0;
	if (!s)
		return;
	for (int i = 0; i < 16 && s[i]; i++)
		k[i / 8] |= (uint64_t)(unsigned char)s[i] << (56 - 8 * (i % 8));
}

static int cmp_order(const void *a, const void *b)
{
	const due_order *x = a, *y = b;
	if (x->k[0] != y->k[0])
		return x->k[0] < y->k[0] ? -1 : 1;
	if (x->k[1] != y->k[1])
		return x->k[1] < y->k[1] ? -1 : 1;
	/* the same 16 bytes: a value of 16 sorts before a longer one, and
	 * the rest of two longer ones decides */
	if (x->long_value != y->long_value)
		return x->long_value ? 1 : -1;
	if (x->long_value) {
		const pdx_due_reader *r = sort_reader;
		const due_row *p = &r->rows[x->row], *q = &r->rows[y->row];
		int c = strcmp(r->arena.s + p->str[DS_VALUE] - 1 + 16,
			       r->arena.s + q->str[DS_VALUE] - 1 + 16);
		if (c)
			return c;
	}
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->ordinal != y->ordinal)
		return x->ordinal < y->ordinal ? -1 : 1;
	return (x->tid > y->tid) - (x->tid < y->tid);
}

/* The unresolved rows among r->rows (no value) copied aside with their
 * strings, for db_due_reader_run's second part (PDX_OK or PDX_ENOMEM). */
static int hold_unresolved(pdx_due_reader *r)
{
	size_t n = 0, cap = 0;
	due_row *v = NULL;
	pdx_buf a;
	pdx_buf_init(&a);
	for (size_t k = 0; k < r->nrows; k++) {
		const due_row *w = &r->rows[k];
		if (w->str[DS_VALUE])
			continue;
		due_row *x = pdx_grow((void **)&v, &n, &cap, sizeof *x);
		if (!x) {
			free(v);
			pdx_buf_clear(&a);
			return PDX_ENOMEM;
		}
		*x = *w;
		for (int i = 0; i < DS_N; i++)
			if (w->str[i]) {
				x->str[i] = (uint32_t)a.len + 1;
				const char *t = r->arena.s + w->str[i] - 1;
				pdx_buf_add(&a, t, strlen(t) + 1);
			}
	}
	if (pdx_buf_status(&a)) {
		free(v);
		return PDX_ENOMEM;
	}
	free(r->held_rows);
	pdx_buf_clear(&r->held_arena);
	r->held_rows = v;
	r->nheld = n;
	r->held_arena = a;
	r->held = true;
	return PDX_OK;
}

/* Hand r->rows over, sorted as the value order and flush_rows would
 * hand them over: the dated (part PDX_DUE_DATED, those with a value) by
 * value (SQLite's order of text, the bytes'), then document (path,
 * part), ordinal and id; the unresolved (else, those without) by
 * document, ordinal and id. Then r->rows, r->arena given back. */
static int hand_sorted(pdx_due_reader *r, int part, pdx_due_visit fn, void *arg)
{
	int rc = PDX_OK;
	size_t n = 0;
	if (r->nrows > UINT32_MAX)
		rc = PDX_ENOMEM;
	else if (r->nrows && !(r->order = malloc(r->nrows * sizeof *r->order)))
		rc = PDX_ENOMEM;
	for (size_t k = 0; rc == PDX_OK && k < r->nrows; k++) {
		const due_row *w = &r->rows[k];
		const char *v = w->str[DS_VALUE] ? r->arena.s + w->str[DS_VALUE] - 1 : NULL;
		if ((part == PDX_DUE_DATED) != (v != NULL))
			continue;
		due_order *o = &r->order[n++];
		value_key(v, o->k);
		o->long_value = v && strlen(v) > 16;
		o->rank = (uint32_t)r->docs[w->doc].rank;
		o->ordinal = w->ordinal;
		o->tid = w->tid;
		o->row = (uint32_t)k;
	}
	if (rc == PDX_OK && n) {
		sort_reader = r;
		qsort(r->order, n, sizeof *r->order, cmp_order);
		size_t all = r->nrows;
		r->nrows = n;	/* hand_rows: the first n of r->order */
		rc = hand_rows(r, fn, arg);
		r->nrows = all;
	}
	free(r->order);
	r->order = NULL;
	/* what a million entries took, given back */
	free(r->rows);
	r->rows = NULL;
	r->nrows = r->caprows = 0;
	pdx_buf_clear(&r->arena);
	pdx_buf_init(&r->arena);
	return rc;
}

/* Many entries: sql (without ORDER BY, bound as run_due binds it) reads
 * the timeline in the table's order, and each record's row with it in
 * its table's order too, every entry held here and sorted (hand_sorted).
 * Seeking each entry's rows in value order cost more than half of a
 * million entries' listing. With both, the dated and the unresolved
 * entries are read at once, the unresolved held for their turn. */
static int run_due_bulk(pdx_due_reader *r, const char *sql, int part, bool both,
			pdx_due_visit fn, void *arg)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(r->db->h, sql, -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	int i = 1;
	deadline_bind(r->db, s, &r->q, &i, DF_RECORD);
	int rc = PDX_OK, st;
	r->nrows = 0;
	r->arena.len = 0;
	r->in_bulk = true;
	while ((st = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = keep_row(r, s)) == 1)
			rc = PDX_OK;
		else if (rc)
			break;
	r->in_bulk = false;
	if (rc == PDX_OK && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	if (rc == PDX_OK && both)
		rc = hold_unresolved(r);
	if (rc) {
		/* nothing was handed over: DUE_TOO_BIG reads them again in
		 * value order */
		free(r->rows);
		r->rows = NULL;
		r->nrows = r->caprows = 0;
		pdx_buf_clear(&r->arena);
		pdx_buf_init(&r->arena);
		return rc;
	}
	return hand_sorted(r, part, fn, arg);
}

static void due_select(const pdx_due_reader *r, pdx_buf *sql)
{
	pdx_buf_adds(sql, "SELECT ");
	pdx_buf_adds(sql, r->q.light ? DUE_COLS_LIGHT : DUE_COLS);
	pdx_buf_adds(sql, r->q.light || r->q.without_position ? ", 0, 0" : DUE_POSITION);
}

int db_due_reader_run(pdx_due_reader *r, pdx_due_part part, pdx_due_visit fn, void *arg)
{
	pdx_buf sql;
	pdx_buf_init(&sql);
	due_select(r, &sql);
	/* many entries (more than a window's few): the timeline in its
	 * table's order, first in the join (CROSS JOIN: SQLite may not put a
	 * record filter's index first), sorted here */
	if (r->mark && !r->listed && !r->too_big && r->ndocs <= UINT32_MAX) {
		if (part == PDX_DUE_UNRESOLVED && r->held) {
			/* read with the dated */
			pdx_buf_clear(&sql);
			pdx_buf_clear(&r->arena);
			free(r->rows);
			r->rows = r->held_rows;
			r->nrows = r->caprows = r->nheld;
			r->arena = r->held_arena;
			r->held_rows = NULL;
			r->nheld = 0;
			pdx_buf_init(&r->held_arena);
			r->held = false;
			return hand_sorted(r, part, fn, arg);
		}
		/* no date filter: the unresolved entries are read with the
		 * dated (a date filter leaves them out) */
		const pdx_deadline_query *q = &r->q;
		bool both = part == PDX_DUE_DATED && !q->start_max && !q->end_min &&
			    !q->end_before && !q->before && !q->from_day;
		pdx_buf_adds(&sql, " FROM timeline t NOT INDEXED CROSS JOIN actions a"
			     " ON a.id = t.action_id WHERE 1");
		if (both)
			deadline_filters(r->db, &sql, q, DF_RECORD);
		else
			part_sql(r->db, &sql, q, part, DF_RECORD);
		if (!sql.s)
			return PDX_ENOMEM;
		int rc = run_due_bulk(r, sql.s, part, both, fn, arg);
		pdx_buf_clear(&sql);
		if (rc != DUE_TOO_BIG)
			return rc;
		/* too many to hold: in value order after all */
		r->too_big = true;
		pdx_buf_init(&sql);
		due_select(r, &sql);
	}
	/* dated: straight off timeline_value in value order, each value's
	 * entries put in document order here (with their documents read
	 * once, not joined to each entry); unresolved: sorted by SQLite */
	if (part == PDX_DUE_DATED)
		pdx_buf_adds(&sql, " FROM timeline t JOIN actions a ON a.id = t.action_id WHERE 1");
	else
		pdx_buf_adds(&sql, " FROM timeline t JOIN actions a ON a.id = t.action_id"
			 " JOIN documents d ON d.id = a.doc_id WHERE 1");
	part_sql(r->db, &sql, &r->q, part, DF_RECORD);
	pdx_buf_adds(&sql, part == PDX_DUE_DATED ? " ORDER BY t.value"
		     : " ORDER BY d.path, d.part, a.ordinal, t.id");
	if (!sql.s)
		return PDX_ENOMEM;
	int rc = run_due(r, sql.s, part, 0, fn, arg);
	pdx_buf_clear(&sql);
	return rc;
}

int db_due_reader_get(pdx_due_reader *r, int64_t tid, pdx_due_visit fn, void *arg)
{
	pdx_buf sql;
	pdx_buf_init(&sql);
	due_select(r, &sql);
	pdx_buf_adds(&sql, " FROM timeline t JOIN actions a ON a.id = t.action_id WHERE t.id = ?");
	if (!sql.s)
		return PDX_ENOMEM;
	int rc = run_due(r, sql.s, PDX_DUE_UNRESOLVED, tid, fn, arg);
	pdx_buf_clear(&sql);
	return rc;
}

/* Did the last index run store the summary this program reads? */
static bool summary_stored(pdx_db *db)
{
	char *v = NULL;
	bool stored = db_meta_get(db, "summary", &v) == PDX_OK && v &&
		      strcmp(v, PDX_SUMMARY_REVISION) == 0;
	free(v);
	return stored;
}

/* The stored counts of summary_dues, for q that asks for a pillar's
 * deadlines, closings and expiries, nothing more; false when it asks for
 * something else or none is stored. */
static bool stored_due_counts(pdx_db *db, const pdx_deadline_query *q, const char *as_of,
			      pdx_due_counts *out)
{
	static const pdx_time_kind kinds[] = { PDX_TIME_DEADLINE, PDX_TIME_CLOSES, PDX_TIME_EXPIRES };
	if (!q->pillar || q->nagencies || q->nkinds != 3)
		return false;
	for (size_t i = 0; i < 3; i++)
		if (q->kinds[i] != kinds[i])
			return false;
	sqlite3_stmt *s = NULL;
	if (!summary_stored(db) || sqlite3_prepare_v2(db->h, "SELECT coalesce(sum(n), 0),"
					  " coalesce(sum(CASE WHEN day IS NULL THEN n END), 0),"
					  " coalesce(sum(CASE WHEN day < ?2 THEN n END), 0)"
					  " FROM summary_dues WHERE pillar = ?1", -1, &s, NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_int(s, 1, q->pillar);
	bind_text(s, 2, as_of);
	bool ok = sqlite3_step(s) == SQLITE_ROW;
	if (ok) {
		out->total = sqlite3_column_int64(s, 0);
		out->unresolved = sqlite3_column_int64(s, 1);
		out->before = sqlite3_column_int64(s, 2);
	}
	sqlite3_finalize(s);
	return ok;
}

int db_deadline_counts(pdx_db *db, const pdx_deadline_query *q, const char *as_of,
		       pdx_due_counts *out)
{
	memset(out, 0, sizeof *out);
	if (stored_due_counts(db, q, as_of, out))
		return PDX_OK;
	pdx_buf sql;
	pdx_buf_init(&sql);
	/* a.id stands for the record: no row of actions is read unless a
	 * filter needs it */
	pdx_buf_adds(&sql, "SELECT count(*), coalesce(sum(t.value IS NULL), 0),"
		 " coalesce(sum(substr(t.value, 1, 10) < ?), 0)"
		 " FROM timeline t JOIN actions a ON a.id = t.action_id WHERE 1");
	pdx_deadline_query f = *q;
	f.before = f.from_day = f.start_max = f.end_min = f.end_before = NULL;
	deadline_filters(db, &sql, &f, DF_ALL);
	sqlite3_stmt *s = NULL;
	if (!sql.s || sqlite3_prepare_v2(db->h, sql.s, -1, &s, NULL) != SQLITE_OK) {
		pdx_buf_clear(&sql);
		return PDX_ERR;
	}
	pdx_buf_clear(&sql);
	int i = 1;
	bind_text(s, i++, as_of);
	deadline_bind(db, s, &f, &i, DF_ALL);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->total = sqlite3_column_int64(s, 0);
		out->unresolved = sqlite3_column_int64(s, 1);
		out->before = sqlite3_column_int64(s, 2);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? PDX_OK : PDX_ERR;
}

/* Pillar summary ---- */

/* The summary's four queries (db_int.h). */
const db_summary_query db_summary_sql[SUM_COUNT] = {
	[SUM_KINDS] = {
		"summary_kinds(pillar, kind, source, n)",
		"SELECT a.kind, a.pillar_source, count(*) FROM actions a",
		" GROUP BY 1, 2 ORDER BY 1, 2",
		"SELECT kind, source, n FROM summary_kinds WHERE pillar = ?1 ORDER BY rowid" },
	/* the plan's sections in the pillar, in plan order, each with its
	 * own records and the records of other documents linked to it */
	[SUM_SECTIONS] = {
		"summary_sections(pillar, section, key, records, linked)",
		/* the plan's records, from its documents (few) rather than
		 * from the pillar's (many); the linked records of the pillar
		 * off links_pillar alone */
		"SELECT a.section,"
		" min(CASE a.kind WHEN 'recommended_action' THEN a.key END), count(*),"
		" coalesce(max(k.n), 0)"
		" FROM documents d CROSS JOIN actions a ON a.doc_id = d.id"
		" LEFT JOIN (SELECT l.section AS section, count(DISTINCT l.action_id) AS n"
		"  FROM links l WHERE l.pillar = ?1 AND l.record_pillar = ?1 GROUP BY l.section) k"
		" ON k.section = a.section",
		" AND d.kind = 'plan' AND a.section IS NOT NULL"
		" GROUP BY a.section ORDER BY min(d.path), min(a.id)",
		"SELECT section, key, records, linked FROM summary_sections WHERE pillar = ?1"
		" ORDER BY rowid" },
	[SUM_AGENCIES] = {
		"summary_agencies(pillar, agency_id, acronym, role, n)",
		"SELECT g.id, g.acronym, r.role, count(DISTINCT a.id)"
		" FROM actions a JOIN action_agencies r ON r.action_id = a.id"
		" JOIN agencies g ON g.id = r.agency_id",
		" AND r.role IN ('lead', 'support')"
		" GROUP BY g.id, r.role ORDER BY 4 DESC, g.id",
		"SELECT agency_id, acronym, role, n FROM summary_agencies WHERE pillar = ?1"
		" ORDER BY rowid" },
	/* counted by document off actions_pillar_doc, then the documents */
	[SUM_DOCS] = {
		"summary_docs(pillar, doc_id, n)",
		"SELECT d.id, c.n FROM (SELECT a.doc_id, count(*) AS n FROM actions a",
		" GROUP BY a.doc_id) c JOIN documents d ON d.id = c.doc_id"
		" WHERE d.kind != 'plan' ORDER BY c.n DESC, d.path, d.part",
		"SELECT d.id, d.path, d.part, d.title, d.kind, c.n FROM summary_docs c"
		" JOIN documents d ON d.id = c.doc_id WHERE c.pillar = ?1 ORDER BY c.rowid" },
};
/* The documents' live query returns what the cached one does. */
static const char summary_docs_live[] =
	"SELECT d.id, d.path, d.part, d.title, d.kind, c.n"
	" FROM (SELECT a.doc_id, count(*) AS n FROM actions a";

/* Query which of the summary for pillar ?1: live, with the agency filter
 * (bound from ?2) when agency is not NULL; or, for the whole pillar, from
 * the stored summary when the last index run stored one. */
static sqlite3_stmt *summary_stmt(pdx_db *db, int which, int pillar, const char *agency,
				  bool cached)
{
	pdx_buf sql;
	pdx_buf_init(&sql);
	if (cached) {
		pdx_buf_adds(&sql, db_summary_sql[which].cached);
	} else {
		pdx_buf_adds(&sql, which == SUM_DOCS ? summary_docs_live : db_summary_sql[which].select);
		pdx_buf_adds(&sql, " WHERE a.pillar = ?1 AND a.doc_id NOT IN " COPY_DOCS_SQL);
		if (agency)
			pdx_buf_adds(&sql, " AND a.id IN temp.scope");
		pdx_buf_adds(&sql, db_summary_sql[which].rest);
	}
	sqlite3_stmt *s = NULL;
	if (!sql.s || sqlite3_prepare_v2(db->h, sql.s, -1, &s, NULL) != SQLITE_OK) {
		pdx_buf_clear(&sql);
		return NULL;
	}
	pdx_buf_clear(&sql);
	sqlite3_bind_int(s, 1, pillar);
	return s;
}

/* temp.scope: the ids of the records naming agency or a body under it,
 * built once for the summary's queries of every pillar (each would
 * otherwise build the set again). */
static int scope_to(pdx_db *db, const char *agency)
{
	if (db->scope && strcmp(db->scope, agency) == 0)
		return PDX_OK;
	free(db->scope);
	db->scope = NULL;
	if (exec(db, "DROP TABLE IF EXISTS temp.scope;"
		 " CREATE TEMP TABLE scope(id INTEGER PRIMARY KEY);"))
		return PDX_ERR;
	sqlite3_stmt *s = NULL;
	int i = 1, rc = PDX_ERR;
	if (sqlite3_prepare_v2(db->h, "INSERT INTO temp.scope"
			       " SELECT DISTINCT r.action_id FROM action_agencies r WHERE "
			       AGENCY_ROWS_SQL, -1, &s, NULL) == SQLITE_OK) {
		db_bind_agency(s, &i, agency, false, NULL);	/* sub-agencies, any role */
		rc = step_done(s);
	}
	sqlite3_finalize(s);
	if (rc == PDX_OK && !(db->scope = pdx_strdup(agency)))
		rc = PDX_ENOMEM;
	return rc;
}

int db_pillar_summary(pdx_db *db, int pillar, const char *agency, pdx_pillar_summary *out)
{
	memset(out, 0, sizeof *out);
	out->pillar = pillar;
	size_t cap;
	int rc;
	sqlite3_stmt *s;
	if (agency && scope_to(db, agency))
		return PDX_ERR;
	bool cached = !agency && summary_stored(db);

	if (!(s = summary_stmt(db, SUM_KINDS, pillar, agency, cached)))
		return PDX_ERR;
	cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(s, 0);
		const char *src = (const char *)sqlite3_column_text(s, 1);
		if (!kind)
			kind = "(none)";	/* NOT NULL in the schema, but edited */
		int c = sqlite3_column_int(s, 2);
		out->total += c;
		if (src && strcmp(src, "structure") == 0)
			out->structure += c;
		else
			out->inferred += c;
		if (out->nkinds && strcmp(out->kinds[out->nkinds - 1].name, kind) == 0) {
			out->kinds[out->nkinds - 1].count += c;
			continue;
		}
		pdx_count *k = pdx_grow((void **)&out->kinds, &out->nkinds, &cap, sizeof *k);
		if (!k || !(k->name = pdx_strdup(kind)))
			break;
		k->count = c;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return PDX_ERR;

	if (!(s = summary_stmt(db, SUM_SECTIONS, pillar, agency, cached)))
		return PDX_ERR;
	cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_section_count *c = pdx_grow((void **)&out->sections, &out->nsections, &cap,
					    sizeof *c);
		if (!c)
			break;
		c->section = col_text(s, 0);
		c->key = col_text(s, 1);
		char *dot = c->key ? strrchr(c->key, '.') : NULL;
		if (dot)
			*dot = '\0';	/* aiap:I.3.2 -> aiap:I.3 */
		c->records = sqlite3_column_int(s, 2);
		c->linked = sqlite3_column_int(s, 3);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return PDX_ERR;

	if (!(s = summary_stmt(db, SUM_AGENCIES, pillar, agency, cached)))
		return PDX_ERR;
	size_t lcap = 0, scap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *role = (const char *)sqlite3_column_text(s, 2);
		if (!role || (strcmp(role, "lead") != 0 && strcmp(role, "support") != 0))
			continue;	/* not one the summary stores: edited */
		bool lead = strcmp(role, "lead") == 0;
		pdx_agency_count *a = lead
			? pdx_grow((void **)&out->lead, &out->nlead, &lcap, sizeof *a)
			: pdx_grow((void **)&out->support, &out->nsupport, &scap, sizeof *a);
		if (!a)
			break;
		a->id = col_text_nn(s, 0);
		a->acronym = col_text(s, 1);
		a->count = sqlite3_column_int(s, 3);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return PDX_ERR;

	if (!(s = summary_stmt(db, SUM_DOCS, pillar, agency, cached)))
		return PDX_ERR;
	cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_doc_row *d = pdx_grow((void **)&out->docs, &out->ndocs, &cap, sizeof *d);
		if (!d)
			break;
		memset(d, 0, sizeof *d);
		d->id = sqlite3_column_int64(s, 0);
		d->path = col_text_nn(s, 1);
		d->part = sqlite3_column_int(s, 2);
		d->title = col_text(s, 3);
		d->kind = col_text(s, 4);
		d->records = sqlite3_column_int(s, 5);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

static void agency_counts_free(pdx_agency_count *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].acronym);
	}
	free(v);
}

void db_pillar_summary_clear(pdx_pillar_summary *s)
{
	for (size_t i = 0; i < s->nkinds; i++)
		free(s->kinds[i].name);
	free(s->kinds);
	for (size_t i = 0; i < s->nsections; i++) {
		free(s->sections[i].section);
		free(s->sections[i].key);
	}
	free(s->sections);
	agency_counts_free(s->lead, s->nlead);
	agency_counts_free(s->support, s->nsupport);
	db_documents_free(s->docs, s->ndocs);
	memset(s, 0, sizeof *s);
}
