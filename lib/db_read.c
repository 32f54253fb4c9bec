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

/* The WHERE terms of a deadline query, after "WHERE 1"; deadline_bind
 * binds their values from *i on. */
static void deadline_filters(pdx_db *db, pdx_buf *sql, const pdx_deadline_query *q)
{
	/* a work's deadlines once: those of its canonical rendition */
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
	if (q->pillar)
		pdx_buf_adds(sql, ordered ? " AND +a.pillar = ?" : " AND a.pillar = ?");
	if (in_scope(db, q))
		pdx_buf_adds(sql, ordered ? " AND +a.id IN temp.scope" : " AND a.id IN temp.scope");
	for (size_t i = 0; !in_scope(db, q) && i < q->nagencies; i++) {
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

static void deadline_bind(pdx_db *db, sqlite3_stmt *s, const pdx_deadline_query *q, int *i)
{
	for (size_t k = 0; k < q->nkinds; k++)
		bind_text(s, (*i)++, time_kind_name(q->kinds[k]));
	if (q->pillar)
		sqlite3_bind_int(s, (*i)++, q->pillar);
	for (size_t k = 0; !in_scope(db, q) && k < q->nagencies; k++)
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
		deadline_filters(db, &sql, q);
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
		deadline_filters(db, &sql, q);
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
	deadline_bind(db, s, q, &i);
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
	deadline_filters(db, &sql, &f);
	sqlite3_stmt *s = NULL;
	if (!sql.s || sqlite3_prepare_v2(db->h, sql.s, -1, &s, NULL) != SQLITE_OK) {
		pdx_buf_clear(&sql);
		return PDX_ERR;
	}
	pdx_buf_clear(&sql);
	int i = 1;
	bind_text(s, i++, as_of);
	deadline_bind(db, s, &f, &i);
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
