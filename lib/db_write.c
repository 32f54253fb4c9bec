/* db_write.c - the indexer's writes: documents and their records (with
 * their index rows, roles and timeline), the gazetteer, deletions, and
 * the post-pass's pillars, links and stored summaries. */
#include <stdlib.h>
#include <string.h>

#include "db_int.h"
#include "polidex/date.h"

/* SQL: record ALIAS is counted in the stored summaries: it was there at
 * the last post-pass (its id at most that pass's last, and not an id
 * taken again since its record was deleted, which postpass_gone lists).
 * Past the incremental pass's bound (meta postpass "spent ...") nothing
 * is counted out: the next pass stores the summaries anew. */
#define COUNTED_SQL(alias) alias ".id <= (SELECT CAST(substr(value, instr(value, ' ') + 1) AS INTEGER)" \
	" FROM meta WHERE key = 'postpass' AND value NOT LIKE 'spent%') AND " alias ".id NOT IN" \
	" (SELECT id FROM postpass_gone)"

static const char *const write_sql[ST_COUNT] = {
	[ST_DOC_HASH] = "SELECT hash FROM documents WHERE path = ? ORDER BY part LIMIT 1",
	[ST_DOC_IDS] = "SELECT id FROM documents WHERE path = ? LIMIT 1",
	[ST_DEL_TIMELINE] = "DELETE FROM timeline WHERE action_id IN"
			    " (SELECT id FROM actions WHERE doc_id = ?)",
	/* the trigger actions_ad deletes each record's index row and agencies */
	[ST_DEL_ACTIONS] = "DELETE FROM actions WHERE doc_id = ?",
	/* a document's records kept for the next post-pass, while it can
	 * run on what changed (meta postpass) */
	[ST_GONE_KEEP] = "INSERT OR REPLACE INTO postpass_gone(id, doc_id, pillar_source, text, section,"
			 " agency_names, doc_kind, doc_date) SELECT a.id, a.doc_id, a.pillar_source, a.text,"
			 " a.section, " AGENCY_NAMES_SQL("a.id") ", d.kind, COALESCE(d.published, d.signed)"
			 " FROM actions a JOIN documents d ON d.id = a.doc_id"
			 " WHERE a.doc_id = ?1 AND EXISTS (SELECT 1 FROM meta"
			 " WHERE key = 'postpass' AND value NOT LIKE 'spent%')",
	/* a document's records counted out of the stored summaries as it
	 * goes, while they are kept (the post-pass counts the new ones in:
	 * db_summary_add_new); a copy counts nowhere */
	[ST_SUM_OUT_KINDS] = "UPDATE summary_kinds SET n = summary_kinds.n - c.n FROM"
			     " (SELECT a.pillar AS p, a.kind AS k, a.pillar_source AS src, count(*) AS n"
			     " FROM actions a WHERE a.doc_id = ?1 AND " COUNTED_SQL("a") " AND a.pillar IN (1, 2, 3)"
			     " AND ?1 NOT IN " COPY_DOCS_SQL " GROUP BY 1, 2, 3) c"
			     " WHERE " SUM_KEPT_SQL " AND summary_kinds.pillar = c.p"
			     " AND summary_kinds.kind = c.k AND summary_kinds.source IS c.src",
	[ST_SUM_OUT_AGENCIES] = "UPDATE summary_agencies SET n = summary_agencies.n - c.n FROM"
				" (SELECT a.pillar AS p, r.agency_id AS ag, r.role AS role, count(*) AS n"
				" FROM actions a JOIN action_agencies r ON r.action_id = a.id"
				" WHERE a.doc_id = ?1 AND " COUNTED_SQL("a") " AND a.pillar IN (1, 2, 3) AND r.role IN ('lead', 'support')"
				" AND ?1 NOT IN " COPY_DOCS_SQL " GROUP BY 1, 2, 3) c"
				" WHERE " SUM_KEPT_SQL " AND summary_agencies.pillar = c.p"
				" AND summary_agencies.agency_id = c.ag AND summary_agencies.role = c.role",
	[ST_SUM_OUT_DUES] = "UPDATE summary_dues SET n = summary_dues.n - c.n FROM"
			    " (SELECT a.pillar AS p, substr(t.value, 1, 10) AS day, count(*) AS n"
			    " FROM actions a JOIN timeline t ON t.action_id = a.id WHERE a.doc_id = ?1 AND " COUNTED_SQL("a")
			    " AND a.pillar IN (1, 2, 3) AND t.kind IN ('deadline', 'closes', 'expires')"
			    " AND ?1 NOT IN " COPY_DOCS_SQL " GROUP BY 1, 2) c"
			    " WHERE " SUM_KEPT_SQL " AND summary_dues.pillar = c.p AND summary_dues.day IS c.day",
	[ST_SUM_OUT_SECTIONS] = "UPDATE summary_sections SET linked = summary_sections.linked - c.n FROM"
				" (SELECT l.pillar AS p, l.section AS sec, count(DISTINCT l.action_id) AS n"
				" FROM actions a JOIN links l ON l.action_id = a.id WHERE a.doc_id = ?1 AND " COUNTED_SQL("a")
				" AND l.record_pillar = l.pillar GROUP BY 1, 2) c"
				" WHERE " SUM_KEPT_SQL " AND summary_sections.pillar = c.p"
				" AND summary_sections.section = c.sec",
	[ST_SUM_OUT_DOCS] = "DELETE FROM summary_docs WHERE doc_id = ?1",
	/* the summaries no longer describe the records until the post-pass
	 * has counted the new ones in: the queries count live meanwhile */
	[ST_SUM_PENDING] = "UPDATE meta SET value = '" PDX_SUMMARY_REVISION " pending' WHERE key = 'summary'"
			   " AND value = '" PDX_SUMMARY_REVISION "'",
	/* past the bound it states first, the next post-pass runs whole:
	 * keeping more is of no use */
	[ST_GONE_CAP] = "UPDATE meta SET value = 'spent ' || CAST(substr(value, instr(value, ' ') + 1)"
			" AS INTEGER) WHERE key = 'postpass' AND value NOT LIKE 'spent%'"
			" AND (SELECT count(*) FROM postpass_gone) > CAST(value AS INTEGER)",
	/* the agencies only this document created go with it */
	[ST_DEL_BODY_ALIASES] = "DELETE FROM agency_aliases WHERE agency_id IN"
				" (SELECT agency_id FROM doc_bodies WHERE doc_id = ?1) AND agency_id NOT IN"
				" (SELECT agency_id FROM doc_bodies WHERE doc_id <> ?1)",
	[ST_DEL_BODY_AGENCIES] = "DELETE FROM agencies WHERE id IN"
				 " (SELECT agency_id FROM doc_bodies WHERE doc_id = ?1) AND id NOT IN"
				 " (SELECT agency_id FROM doc_bodies WHERE doc_id <> ?1)",
	[ST_DEL_BODIES] = "DELETE FROM doc_bodies WHERE doc_id = ?1",
	[ST_DEL_DOC] = "DELETE FROM documents WHERE id = ?",
	[ST_INS_BODY] = "INSERT OR IGNORE INTO doc_bodies(doc_id, agency_id, name, short, parent)"
			" VALUES (?,?,?,?,?)",
	[ST_INS_BODY_AGENCY] = "INSERT OR IGNORE INTO agencies(id, acronym, name, name_zh, parent)"
			       " VALUES (?,?,?,NULL,?)",
	[ST_INS_DOC] = "INSERT INTO documents(path, part, hash, format, kind, title,"
		       " lang, issuer, published, published_at, signed, source_url,"
		       " indexed_at, type, subtype, fr_doc, fr_citation, rin, docket, number,"
		       " effective_on, comments_close_on) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,"
		       " strftime('%Y-%m-%dT%H:%M:%SZ','now'),?,?,?,?,?,?,?,?,?)",
	[ST_INS_ACTION] = "INSERT INTO actions(doc_id, key, kind, pillar, pillar_source,"
			  " pillar_score, section, label, text, lang, line, ordinal,"
			  " page) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[ST_RANKED_STALE] = "DELETE FROM meta WHERE key = 'ranked_lists'",
	[ST_INS_FTS] = "INSERT INTO actions_fts(rowid, text, section, agency_names)"
		       " VALUES (?,?,?,?)",
	/* n: the order the record's agencies come in (a replaced row goes
	 * after the others, as it did with a new rowid); fts: its names are
	 * in the record's index row */
	[ST_INS_ROLE] = "INSERT OR REPLACE INTO action_agencies(action_id, agency_id, role, n, fts)"
			" VALUES (?,?,?,?,?)",
	[ST_INS_TIME] = "INSERT INTO timeline(action_id, kind, expr, value, precision,"
			" offset_days, offset_months, anchor, date)"
			" VALUES (?,?,?,?,?,?,?,?,?)",
	[ST_INS_ALIAS] = "INSERT OR IGNORE INTO agency_aliases(alias, agency_id) VALUES (?,?)",
	[ST_PATHS] = "SELECT DISTINCT path FROM documents ORDER BY path",
	/* a document's links: its records' and those pointing at them */
	[ST_DEL_LINKS] = "DELETE FROM plan_links WHERE action_id IN"
			 " (SELECT id FROM actions WHERE doc_id = ?1)"
			 " OR plan_action_id IN (SELECT id FROM actions WHERE doc_id = ?1)",
	/* pillar NULL (?1 = 0): no pillar, no source, no score */
	[ST_PILLAR_SET] = "UPDATE actions SET pillar = nullif(?1, 0),"
			  " pillar_source = CASE WHEN ?1 = 0 THEN NULL ELSE 'inferred' END,"
			  " pillar_score = CASE WHEN ?1 = 0 THEN NULL ELSE ?2 END WHERE id = ?3",
	/* n: after the record's links written before */
	[ST_LINK_ADD] = "INSERT INTO plan_links(action_id, n, plan_action_id, section_id, score,"
			" record_pillar) VALUES (?1, (SELECT coalesce(max(n) + 1, 0) FROM plan_links"
			" WHERE action_id = ?1), ?2, ?3, ?4, ?5)",
	[ST_LINK_SECTION] = "INSERT INTO link_sections(pillar, section, key) VALUES (?,?,?)",
};

/* The cached statement which, prepared from this file's SQL. */
static sqlite3_stmt *stmt(pdx_db *db, int which)
{
	return db_stmt(db, which, write_sql[which]);
}

int db_doc_hash(pdx_db *db, const char *path, char **hash)
{
	*hash = NULL;
	sqlite3_stmt *s = stmt(db, ST_DOC_HASH);
	if (!s)
		return PDX_ERR;
	bind_text(s, 1, path);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*hash = col_text(s, 0);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

/* The index is about to change: the ranked lists no longer describe it
 * (in the same transaction as the change). */
static int ranked_stale(pdx_db *db)
{
	sqlite3_stmt *s = stmt(db, ST_RANKED_STALE);
	if (!s || step_done(s))
		return PDX_ERR;
	s = stmt(db, ST_SUM_PENDING);
	return s ? step_done(s) : PDX_ERR;
}

int db_delete_path(pdx_db *db, const char *path, int *n)
{
	static const int dels[] = { ST_SUM_OUT_KINDS, ST_SUM_OUT_AGENCIES, ST_SUM_OUT_DUES,
				    ST_SUM_OUT_SECTIONS, ST_SUM_OUT_DOCS, ST_GONE_KEEP, ST_GONE_CAP,
				    ST_DEL_LINKS, ST_DEL_TIMELINE,
				    ST_DEL_ACTIONS, ST_DEL_BODY_ALIASES, ST_DEL_BODY_AGENCIES,
				    ST_DEL_BODIES, ST_DEL_DOC };
	*n = 0;
	/* one document at a time, however many parts the file had */
	for (;;) {
		sqlite3_stmt *s = stmt(db, ST_DOC_IDS);
		if (!s)
			return PDX_ERR;
		bind_text(s, 1, path);
		int rc = sqlite3_step(s);
		if (rc == SQLITE_DONE)
			return PDX_OK;
		if (rc != SQLITE_ROW)
			return PDX_ERR;
		int64_t id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (ranked_stale(db))
			return PDX_ERR;
		for (size_t k = 0; k < sizeof dels / sizeof *dels; k++) {
			sqlite3_stmt *d = stmt(db, dels[k]);
			if (!d)
				return PDX_ERR;
			sqlite3_bind_int64(d, 1, id);
			if (step_done(d))
				return PDX_ERR;
		}
		(*n)++;
	}
}

/* "TF", "OSTP": a short form that reads as an acronym. */
static bool acronym_form(const char *s)
{
	size_t n = s ? strlen(s) : 0, upper = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ')
			return false;
		upper += s[i] >= 'A' && s[i] <= 'Z';
	}
	return n >= 2 && upper >= 2;
}

/* The bodies doc creates: with it, and as agencies (a name any document
 * of the gazetteer's knows stays the gazetteer's). */
static int insert_bodies(pdx_db *db, int64_t doc_id, const pdx_doc *doc)
{
	for (size_t i = 0; i < doc->nbodies; i++) {
		const pdx_new_body *b = &doc->bodies[i];
		sqlite3_stmt *s = stmt(db, ST_INS_BODY), *a = s ? stmt(db, ST_INS_BODY_AGENCY) : NULL,
			     *al = a ? stmt(db, ST_INS_ALIAS) : NULL;
		if (!al)
			return PDX_ERR;
		sqlite3_bind_int64(s, 1, doc_id);
		bind_text(s, 2, b->id);
		bind_text(s, 3, b->name);
		bind_text(s, 4, b->short_form);
		bind_text(s, 5, b->parent);
		bind_text(a, 1, b->id);
		bind_text(a, 2, acronym_form(b->short_form) ? b->short_form : NULL);
		bind_text(a, 3, b->name);
		bind_text(a, 4, b->parent);
		bind_text(al, 1, b->name);
		bind_text(al, 2, b->id);
		if (step_done(s) || step_done(a) || step_done(al))
			return PDX_ERR;
	}
	return PDX_OK;
}

int db_insert_document(pdx_db *db, const pdx_doc *doc, const char *hash, int64_t *id)
{
	if (ranked_stale(db))
		return PDX_ERR;
	sqlite3_stmt *s = stmt(db, ST_INS_DOC);
	if (!s)
		return PDX_ERR;
	/* the publication date as the source gives it locally, YYYY-MM-DD */
	char date[11] = "";
	if (doc->published && strlen(doc->published) >= 10)
		memcpy(date, doc->published, 10);
	bind_text(s, 1, doc->path);
	sqlite3_bind_int(s, 2, doc->part);
	bind_text(s, 3, hash);
	bind_text(s, 4, doc->format);
	bind_text(s, 5, doc->kind);
	bind_text(s, 6, doc->title);
	bind_text(s, 7, doc->lang);
	bind_text(s, 8, doc->issuer);
	bind_text(s, 9, date[0] ? date : NULL);
	bind_text(s, 10, doc->published);
	bind_text(s, 11, doc->signed_date);
	bind_text(s, 12, doc->source_url);
	bind_text(s, 13, doc->type);
	bind_text(s, 14, doc->subtype);
	bind_text(s, 15, doc->fr_doc);
	bind_text(s, 16, doc->fr_citation);
	bind_text(s, 17, doc->rin);
	bind_text(s, 18, doc->docket);
	bind_text(s, 19, doc->number);
	bind_text(s, 20, doc->effective_on);
	bind_text(s, 21, doc->comments_close_on);
	if (step_done(s))
		return PDX_ERR;
	*id = sqlite3_last_insert_rowid(db->h);
	return insert_bodies(db, *id, doc);
}

/* The names of a record's agencies, English and Chinese, for the index:
 * those of the gazetteer (a document's own bodies have none), each the
 * acronym, English and Chinese names there are, joined by "; ". What
 * AGENCY_NAMES_SQL gives from the rows insert_record marks fts and the
 * gazetteer stored (db_store_gazetteer), byte for byte: FTS5 deletes a
 * row with the words it is given. */
static char *agency_names(const pdx_record *r, const pdx_gazetteer *g)
{
	pdx_buf b;
	pdx_buf_init(&b);
	for (size_t i = 0; i < r->nagencies; i++) {
		const pdx_agency *a = g ? gazetteer_find(g, r->agencies[i].id) : NULL;
		if (!a)
			continue;
		const char *parts[] = { a->acronym, a->name_en, a->name_zh };
		for (size_t k = 0; k < 3; k++) {
			if (!parts[k])
				continue;
			if (b.len)
				pdx_buf_adds(&b, "; ");
			pdx_buf_adds(&b, parts[k]);
		}
	}
	return b.len ? pdx_buf_take(&b) : NULL;
}

static int insert_record(pdx_db *db, int64_t doc_id, const pdx_record *r,
			 const pdx_gazetteer *g)
{
	sqlite3_stmt *s = stmt(db, ST_INS_ACTION);
	if (!s)
		return PDX_ERR;
	char *names = agency_names(r, g);
	sqlite3_bind_int64(s, 1, doc_id);
	bind_text(s, 2, r->key);
	bind_text(s, 3, record_kind_name(r->kind));
	if (r->pillar)
		sqlite3_bind_int(s, 4, r->pillar);
	bind_text(s, 5, r->pillar_source);
	if (r->pillar_source && strcmp(r->pillar_source, "inferred") == 0)
		sqlite3_bind_double(s, 6, r->pillar_score);
	bind_text(s, 7, r->section);
	bind_text(s, 8, r->label);
	bind_text(s, 9, r->text);
	bind_text(s, 10, r->lang);
	sqlite3_bind_int(s, 11, r->line);
	sqlite3_bind_int(s, 12, r->ordinal);
	if (r->page > 0)
		sqlite3_bind_int(s, 13, r->page);
	else
		sqlite3_bind_null(s, 13);
	int rc = step_done(s);
	int64_t id = sqlite3_last_insert_rowid(db->h);
	sqlite3_stmt *f = rc ? NULL : stmt(db, ST_INS_FTS);
	if (f) {
		sqlite3_bind_int64(f, 1, id);
		bind_text(f, 2, r->text);
		bind_text(f, 3, r->section);
		bind_text(f, 4, names);
		rc = step_done(f);
	} else {
		rc = PDX_ERR;
	}
	free(names);
	if (rc)
		return rc;
	for (size_t i = 0; i < r->nagencies; i++) {
		sqlite3_stmt *a = stmt(db, ST_INS_ROLE);
		if (!a)
			return PDX_ERR;
		sqlite3_bind_int64(a, 1, id);
		bind_text(a, 2, r->agencies[i].id);
		bind_text(a, 3, pdx_role_name(r->agencies[i].role));
		sqlite3_bind_int64(a, 4, (sqlite3_int64)i);
		sqlite3_bind_int(a, 5, g && gazetteer_find(g, r->agencies[i].id) != NULL);
		if (step_done(a))
			return PDX_ERR;
	}
	for (size_t i = 0; i < r->ntimes; i++) {
		const pdx_time *t = &r->times[i];
		sqlite3_stmt *ts = stmt(db, ST_INS_TIME);
		if (!ts)
			return PDX_ERR;
		char date[11];
		pdx_value_day(t->value, date);
		sqlite3_bind_int64(ts, 1, id);
		bind_text(ts, 2, time_kind_name(t->kind));
		bind_text(ts, 3, t->expr);
		bind_text(ts, 4, t->value);
		bind_text(ts, 5, t->precision);
		if (t->has_offset_days)
			sqlite3_bind_int(ts, 6, t->offset_days);
		if (t->has_offset_months)
			sqlite3_bind_int(ts, 7, t->offset_months);
		bind_text(ts, 8, t->anchor);
		bind_text(ts, 9, date[0] ? date : NULL);
		if (step_done(ts))
			return PDX_ERR;
	}
	return PDX_OK;
}

int db_insert_records(pdx_db *db, int64_t doc_id, const pdx_records *recs,
		      const pdx_gazetteer *g)
{
	for (size_t i = 0; i < recs->n; i++)
		if (insert_record(db, doc_id, &recs->v[i], g))
			return PDX_ERR;
	return PDX_OK;
}

/* The gazetteer changes (db_store_gazetteer): the records whose names
 * would read otherwise through AGENCY_NAMES_SQL, those with a body whose
 * acronym or names change, or which comes or goes (ids, in fts_redo) */
#define GAZ_REDO_SQL \
	"CREATE TEMP TABLE fts_redo AS SELECT DISTINCT r.action_id AS id FROM action_agencies r" \
	" WHERE r.fts AND r.agency_id IN (SELECT o.id FROM main.agencies o" \
	" LEFT JOIN temp.gaz_new n ON n.id = o.id WHERE n.id IS NULL OR n.acronym IS NOT o.acronym" \
	" OR n.name IS NOT o.name OR n.name_zh IS NOT o.name_zh UNION SELECT n.id FROM temp.gaz_new n" \
	" WHERE n.id NOT IN (SELECT id FROM main.agencies));"

int db_store_gazetteer(pdx_db *db, const pdx_gazetteer *g)
{
	/* the new gazetteer beside the old first: the index rows of the
	 * records whose names change leave the index with the names they
	 * were indexed with, and come back with the new (the index is read
	 * through the gazetteer stored: AGENCY_NAMES_SQL) */
	if (exec(db, "DROP TABLE IF EXISTS temp.gaz_new; DROP TABLE IF EXISTS temp.fts_redo;"
		 " CREATE TEMP TABLE gaz_new(id TEXT PRIMARY KEY, acronym TEXT, name TEXT,"
		 " name_zh TEXT, parent TEXT);"))
		return PDX_ERR;
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "INSERT OR IGNORE INTO temp.gaz_new(id, acronym, name, name_zh,"
			       " parent) VALUES (?,?,?,?,?)", -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	size_t n = gazetteer_count(g);
	int rc = PDX_OK;
	for (size_t i = 0; rc == PDX_OK && i < n; i++) {
		const pdx_agency *a = gazetteer_at(g, i);
		sqlite3_reset(s);
		bind_text(s, 1, a->id);
		bind_text(s, 2, a->acronym);
		bind_text(s, 3, a->name_en);
		bind_text(s, 4, a->name_zh);
		bind_text(s, 5, a->parent);
		rc = step_done(s);
	}
	sqlite3_finalize(s);
	if (rc || exec(db, GAZ_REDO_SQL))
		return PDX_ERR;
	bool redo = false;
	if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM temp.fts_redo LIMIT 1", -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	redo = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	/* the index changes: the ranked lists and the counts of an
	 * incremental post-pass no longer describe it (the next pass whole) */
	if (redo && (ranked_stale(db) ||
		     exec(db, "UPDATE meta SET value = 'spent ' || CAST(substr(value, instr(value, ' ') + 1)"
			  " AS INTEGER) WHERE key = 'postpass' AND value NOT LIKE 'spent%';"
			  " INSERT INTO actions_fts(actions_fts, rowid, text, section, agency_names)"
			  " SELECT 'delete', id, text, section, agency_names FROM actions_text"
			  " WHERE id IN (SELECT id FROM temp.fts_redo);")))
		return PDX_ERR;
	/* in the gazetteer's order, each id once (the entry gazetteer_find
	 * gives, which tagged the records); a body a document created whose
	 * id the gazetteer now has is the gazetteer's (its document no
	 * longer takes it with it) */
	if (exec(db, "DELETE FROM agency_aliases; DELETE FROM agencies;"
		 " INSERT INTO agencies(id, acronym, name, name_zh, parent)"
		 " SELECT id, acronym, name, name_zh, parent FROM temp.gaz_new ORDER BY rowid;"
		 " DELETE FROM doc_bodies WHERE agency_id IN (SELECT id FROM agencies);"))
		return PDX_ERR;
	if (redo && exec(db, "INSERT INTO actions_fts(rowid, text, section, agency_names)"
			 " SELECT id, text, section, agency_names FROM actions_text"
			 " WHERE id IN (SELECT id FROM temp.fts_redo);"))
		return PDX_ERR;
	if (exec(db, "DROP TABLE temp.fts_redo; DROP TABLE temp.gaz_new;"))
		return PDX_ERR;
	for (size_t i = 0; i < n; i++) {
		const pdx_agency *a = gazetteer_at(g, i);
		for (size_t k = 0; k < a->naliases; k++) {
			sqlite3_stmt *al = stmt(db, ST_INS_ALIAS);
			if (!al)
				return PDX_ERR;
			bind_text(al, 1, a->aliases[k]);
			bind_text(al, 2, a->id);
			if (step_done(al))
				return PDX_ERR;
		}
	}
	return PDX_OK;
}

int db_each_path(pdx_db *db, int (*fn)(const char *path, void *arg), void *arg)
{
	/* collect first: fn may write to the database */
	sqlite3_stmt *s = stmt(db, ST_PATHS);
	if (!s)
		return PDX_ERR;
	char **paths = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **p = realloc(paths, cap * sizeof *p);
			if (!p)
				break;
			paths = p;
		}
		paths[n++] = col_text(s, 0);
	}
	sqlite3_reset(s);
	int out = rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
	for (size_t i = 0; i < n && out == PDX_OK; i++)
		out = fn(paths[i], arg);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	return out;
}

/* The post-pass: pillars, links, stored summaries ---- */

int db_pillar_rows(pdx_db *db, int which, int64_t max_id,
		   int (*fn)(const pdx_pillar_row *r, void *arg),
		   int (*pause)(void *arg), void *arg)
{
	/* rowid order is document order: a document's records are inserted
	 * together, in order, and never updated in place. Read in chunks of
	 * PILLAR_CHUNK by id, so that between two no statement reads the
	 * table and pause() may write to it. */
	enum { PILLAR_CHUNK = 4096 };
	(void)max_id;	/* the new records: listed in temp.postpass_new */
	sqlite3_stmt *s = NULL;
	/* every record: actions alone, without a lookup of its document */
#define PILLAR_ROW_SQL "SELECT a.id, a.doc_id, a.kind, a.key, a.pillar, a.pillar_source," \
		       " a.section, a.text, a.pillar_score, " AGENCY_NAMES_SQL("a.id") " FROM actions a"
	const char *sql = which == PILLAR_ROWS_PLAN
		? PILLAR_ROW_SQL " JOIN documents d ON d.id = a.doc_id"
		  " WHERE a.id > ?2 AND d.kind = 'plan' AND d.copy_of IS NULL AND a.pillar_source = 'structure'"
		  " ORDER BY a.id LIMIT ?3"
		: which == PILLAR_ROWS_NEW
		? "SELECT a.id, a.doc_id, a.kind, a.key, a.pillar, a.pillar_source, a.section, a.text,"
		  " a.pillar_score, " AGENCY_NAMES_SQL("a.id") " FROM temp.postpass_new n CROSS JOIN actions a"
		  " ON a.id = n.id WHERE n.id > ?2 ORDER BY n.id LIMIT ?3"
		: PILLAR_ROW_SQL " WHERE a.id > ?2 ORDER BY a.id LIMIT ?3";
	if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
#undef PILLAR_ROW_SQL
	sqlite3_bind_int(s, 3, PILLAR_CHUNK);
	int64_t last = 0;
	int rc = SQLITE_DONE, out = PDX_OK;
	for (int n = PILLAR_CHUNK; n == PILLAR_CHUNK && out == PDX_OK;) {
		sqlite3_bind_int64(s, 2, last);
		n = 0;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			pdx_pillar_row r = {
				.id = sqlite3_column_int64(s, 0),
				.doc_id = sqlite3_column_int64(s, 1),
				.kind = record_kind_parse((const char *)sqlite3_column_text(s, 2)),
				.key = (const char *)sqlite3_column_text(s, 3),
				.pillar = col_pillar(s, 4),
				.pillar_source = (const char *)sqlite3_column_text(s, 5),
				.section = (const char *)sqlite3_column_text(s, 6),
				.text = (const char *)sqlite3_column_text(s, 7),
				.pillar_score = sqlite3_column_double(s, 8),
				.agency_names = (const char *)sqlite3_column_text(s, 9),
			};
			last = r.id;
			n++;
			if ((out = fn(&r, arg)) != PDX_OK)
				break;
		}
		if (out == PDX_OK && rc != SQLITE_DONE)
			out = PDX_ERR;
		sqlite3_reset(s);
		if (out == PDX_OK && pause)
			out = pause(arg);
	}
	sqlite3_finalize(s);
	return out;
}

int db_gone_rows(pdx_db *db, int (*fn)(const pdx_pillar_row *r, void *arg), void *arg)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "SELECT id, doc_id, pillar_source, text, section, agency_names"
			       " FROM postpass_gone ORDER BY id", -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	int rc, out = PDX_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_pillar_row r = {
			.id = sqlite3_column_int64(s, 0),
			.doc_id = sqlite3_column_int64(s, 1),
			.pillar_source = (const char *)sqlite3_column_text(s, 2),
			.text = (const char *)sqlite3_column_text(s, 3),
			.section = (const char *)sqlite3_column_text(s, 4),
			.agency_names = (const char *)sqlite3_column_text(s, 5),
		};
		if ((out = fn(&r, arg)) != PDX_OK)
			break;
	}
	if (out == PDX_OK && rc != SQLITE_DONE)
		out = PDX_ERR;
	sqlite3_finalize(s);
	return out;
}

int db_link_sections_load(pdx_db *db)
{
	db_link_sections_clear(db);
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "SELECT id, pillar, section, key FROM link_sections ORDER BY id",
			       -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	int rc, out = PDX_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		db_link_section *e = pdx_grow((void **)&db->lsec, &db->nlsec, &db->lseccap, sizeof *e);
		if (!e) {
			out = PDX_ENOMEM;
			break;
		}
		e->id = sqlite3_column_int64(s, 0);
		e->pillar = sqlite3_column_int(s, 1);
		e->section = col_text(s, 2);
		e->key = col_text(s, 3);
	}
	if (out == PDX_OK && rc != SQLITE_DONE)
		out = PDX_ERR;
	sqlite3_finalize(s);
	return out;
}

void db_link_sections_clear(pdx_db *db)
{
	for (size_t i = 0; i < db->nlsec; i++) {
		free(db->lsec[i].section);
		free(db->lsec[i].key);
	}
	free(db->lsec);
	db->lsec = NULL;
	db->nlsec = db->lseccap = 0;
}

int db_links_reset(pdx_db *db)
{
	db_link_sections_clear(db);
	return exec(db, "DELETE FROM plan_links; DELETE FROM link_sections;");
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The number of the link section (pillar, section, key), stored the
 * first time it is named since db_links_reset; 0: an error. */
static int64_t link_section(pdx_db *db, int pillar, const char *section, const char *key)
{
	for (size_t i = db->nlsec; i-- > 0;) {
		const db_link_section *e = &db->lsec[i];
		if (e->pillar == pillar && same_text(e->section, section) && same_text(e->key, key))
			return e->id;
	}
	sqlite3_stmt *s = stmt(db, ST_LINK_SECTION);
	if (!s)
		return 0;
	sqlite3_bind_int(s, 1, pillar);
	bind_text(s, 2, section);
	bind_text(s, 3, key);
	if (step_done(s))
		return 0;
	db_link_section *e = pdx_grow((void **)&db->lsec, &db->nlsec, &db->lseccap, sizeof *e);
	if (!e)
		return 0;
	e->pillar = pillar;
	e->section = section ? pdx_strdup(section) : NULL;
	e->key = key ? pdx_strdup(key) : NULL;
	e->id = sqlite3_last_insert_rowid(db->h);
	if ((section && !e->section) || (key && !e->key)) {
		free(e->section);
		free(e->key);
		db->nlsec--;
		return 0;
	}
	return e->id;
}

int db_pillar_set(pdx_db *db, int64_t id, int pillar, double score)
{
	sqlite3_stmt *s = stmt(db, ST_PILLAR_SET);
	if (!s)
		return PDX_ERR;
	sqlite3_bind_int(s, 1, pillar);
	sqlite3_bind_double(s, 2, score);
	sqlite3_bind_int64(s, 3, id);
	return step_done(s);
}

int db_link_add(pdx_db *db, int64_t action_id, int64_t plan_action_id,
		const char *plan_key, const char *section, int pillar, double score,
		int record_pillar)
{
	/* a link to a plan action takes the action's key (the view links
	 * reads it there); one to a section alone keeps the section's */
	int64_t sec = link_section(db, pillar, section, plan_action_id ? NULL : plan_key);
	sqlite3_stmt *s = sec ? stmt(db, ST_LINK_ADD) : NULL;
	if (!s)
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, action_id);
	if (plan_action_id)
		sqlite3_bind_int64(s, 2, plan_action_id);
	sqlite3_bind_int64(s, 3, sec);
	sqlite3_bind_double(s, 4, score);
	sqlite3_bind_int(s, 5, record_pillar);
	return step_done(s);
}

/* pdx_pillar_of(id): the record's pillar from db_summary_refresh's map
 * (a copy SQLite owns, freed with the function) */
typedef struct {
	size_t n;
	uint8_t v[];
} pillar_map;

static void pillar_of_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const pillar_map *pm = sqlite3_user_data(ctx);
	sqlite3_int64 id = sqlite3_value_int64(argv[0]);
	sqlite3_result_int(ctx, id >= 0 && (sqlite3_uint64)id < pm->n ? pm->v[id] : 0);
}

/* The deadlines by pillar and day, and the agencies' records by pillar
 * and role, the pillar off the map: count(*) is the live query's
 * count(DISTINCT a.id), as an agency has one role in a record; the order
 * within a pillar is the live queries'. */
static const char summary_by_map[] =
	"INSERT INTO summary_dues SELECT pdx_pillar_of(t.action_id), substr(t.value, 1, 10),"
	" count(*) FROM timeline t"
	" WHERE t.kind IN ('deadline', 'closes', 'expires') AND pdx_pillar_of(t.action_id) IN (1, 2, 3)"
	" AND t.action_id NOT IN " COPY_RECORDS_SQL
	" GROUP BY 1, 2;"
	" INSERT INTO summary_agencies(pillar, agency_id, acronym, role, n)"
	" SELECT c.p, g.id, g.acronym, c.role, c.n FROM (SELECT pdx_pillar_of(r.action_id) AS p,"
	" r.agency_id AS agency_id, r.role AS role, count(*) AS n FROM action_agencies r"
	" WHERE r.role IN ('lead', 'support') AND pdx_pillar_of(r.action_id) IN (1, 2, 3)"
	" AND r.action_id NOT IN " COPY_RECORDS_SQL
	" GROUP BY 1, 2, 3) c JOIN agencies g ON g.id = c.agency_id"
	" ORDER BY c.p, c.n DESC, g.id;";

/* ... and without a map, each record looked up */
static const char summary_dues_joined[] =
	"INSERT INTO summary_dues SELECT a.pillar, substr(t.value, 1, 10), count(*)"
	" FROM timeline t JOIN actions a ON a.id = t.action_id"
	" WHERE t.kind IN ('deadline', 'closes', 'expires') AND a.pillar IN (1, 2, 3)"
	" AND a.doc_id NOT IN " COPY_DOCS_SQL
	" GROUP BY 1, 2;";

/* The new records (temp.postpass_new) counted into the stored summaries,
 * whose deleted records were counted out as they went (db_delete_path):
 * what db_summary_refresh would store, at the cost of what changed. Rows
 * left at zero go; the lists are put back in the order they are shown
 * in (their rowids). */
static const char summary_in_new[] =
	"CREATE TEMP TABLE IF NOT EXISTS sum_new(p INTEGER, a INTEGER, d INTEGER, k TEXT, src TEXT);"
	" DELETE FROM temp.sum_new;"
	" INSERT INTO temp.sum_new SELECT a.pillar, a.id, a.doc_id, a.kind, a.pillar_source"
	" FROM temp.postpass_new nw JOIN actions a ON a.id = nw.id"
	" WHERE a.pillar IN (1, 2, 3) AND a.doc_id NOT IN " COPY_DOCS_SQL ";"
	/* kinds */
	" INSERT INTO summary_kinds(pillar, kind, source, n) SELECT p, k, src, 0 FROM temp.sum_new x"
	" WHERE NOT EXISTS (SELECT 1 FROM summary_kinds s WHERE s.pillar = x.p AND s.kind = x.k"
	" AND s.source IS x.src) GROUP BY 1, 2, 3;"
	" UPDATE summary_kinds SET n = summary_kinds.n + c.n FROM (SELECT p, k, src, count(*) AS n"
	" FROM temp.sum_new GROUP BY 1, 2, 3) c WHERE summary_kinds.pillar = c.p"
	" AND summary_kinds.kind = c.k AND summary_kinds.source IS c.src;"
	/* agencies, leads and supports, of the gazetteer's (or a document's) bodies */
	" INSERT INTO summary_agencies(pillar, agency_id, acronym, role, n)"
	" SELECT x.p, g.id, g.acronym, r.role, 0 FROM temp.sum_new x"
	" JOIN action_agencies r ON r.action_id = x.a JOIN agencies g ON g.id = r.agency_id"
	" WHERE r.role IN ('lead', 'support') AND NOT EXISTS (SELECT 1 FROM summary_agencies s"
	" WHERE s.pillar = x.p AND s.agency_id = g.id AND s.role = r.role) GROUP BY 1, 2, 4;"
	" UPDATE summary_agencies SET n = summary_agencies.n + c.n FROM (SELECT x.p AS p,"
	" r.agency_id AS ag, r.role AS role, count(*) AS n FROM temp.sum_new x"
	" JOIN action_agencies r ON r.action_id = x.a WHERE r.role IN ('lead', 'support')"
	" GROUP BY 1, 2, 3) c WHERE summary_agencies.pillar = c.p AND summary_agencies.agency_id = c.ag"
	" AND summary_agencies.role = c.role;"
	/* deadlines, closings and expiries by day */
	" INSERT INTO summary_dues(pillar, day, n) SELECT x.p, substr(t.value, 1, 10), 0"
	" FROM temp.sum_new x JOIN timeline t ON t.action_id = x.a"
	" WHERE t.kind IN ('deadline', 'closes', 'expires') AND NOT EXISTS (SELECT 1 FROM summary_dues s"
	" WHERE s.pillar = x.p AND s.day IS substr(t.value, 1, 10)) GROUP BY 1, 2;"
	" UPDATE summary_dues SET n = summary_dues.n + c.n FROM (SELECT x.p AS p,"
	" substr(t.value, 1, 10) AS day, count(*) AS n FROM temp.sum_new x"
	" JOIN timeline t ON t.action_id = x.a WHERE t.kind IN ('deadline', 'closes', 'expires')"
	" GROUP BY 1, 2) c WHERE summary_dues.pillar = c.p AND summary_dues.day IS c.day;"
	/* the plan's sections: the new records linked to them */
	" UPDATE summary_sections SET linked = summary_sections.linked + c.n FROM (SELECT l.pillar AS p,"
	" l.section AS sec, count(DISTINCT l.action_id) AS n FROM temp.postpass_new nw"
	" JOIN links l ON l.action_id = nw.id WHERE l.record_pillar = l.pillar GROUP BY 1, 2) c"
	" WHERE summary_sections.pillar = c.p AND summary_sections.section = c.sec;"
	/* the documents */
	" INSERT INTO summary_docs(pillar, doc_id, n) SELECT x.p, x.d, count(*) FROM temp.sum_new x"
	" JOIN documents d ON d.id = x.d WHERE d.kind != 'plan' GROUP BY 1, 2;"
	" DELETE FROM summary_kinds WHERE n <= 0; DELETE FROM summary_agencies WHERE n <= 0;"
	" DELETE FROM summary_dues WHERE n <= 0;"
	/* back in the order shown (through temporary tables kept, not
	 * dropped: a table cannot be dropped while a statement is open) */
	" CREATE TEMP TABLE IF NOT EXISTS sum_kinds AS SELECT * FROM summary_kinds WHERE 0;"
	" CREATE TEMP TABLE IF NOT EXISTS sum_agencies AS SELECT * FROM summary_agencies WHERE 0;"
	" CREATE TEMP TABLE IF NOT EXISTS sum_docs AS SELECT * FROM summary_docs WHERE 0;"
	" DELETE FROM temp.sum_kinds; DELETE FROM temp.sum_agencies; DELETE FROM temp.sum_docs;"
	" INSERT INTO temp.sum_kinds SELECT * FROM summary_kinds ORDER BY pillar, kind, source;"
	" DELETE FROM summary_kinds; INSERT INTO summary_kinds SELECT * FROM temp.sum_kinds ORDER BY rowid;"
	" INSERT INTO temp.sum_agencies SELECT * FROM summary_agencies ORDER BY pillar, n DESC, agency_id;"
	" DELETE FROM summary_agencies;"
	" INSERT INTO summary_agencies SELECT * FROM temp.sum_agencies ORDER BY rowid;"
	" INSERT INTO temp.sum_docs SELECT c.* FROM summary_docs c JOIN documents d ON d.id = c.doc_id"
	" ORDER BY c.pillar, c.n DESC, d.path, d.part;"
	" DELETE FROM summary_docs; INSERT INTO summary_docs SELECT * FROM temp.sum_docs ORDER BY rowid;"
	" DELETE FROM temp.sum_kinds; DELETE FROM temp.sum_agencies; DELETE FROM temp.sum_docs;"
	" DELETE FROM temp.sum_new;"
	" UPDATE meta SET value = '" PDX_SUMMARY_REVISION "' WHERE key = 'summary';";

int db_summary_add_new(pdx_db *db)
{
	return exec(db, summary_in_new) ? PDX_ERR : PDX_OK;
}

bool db_summary_is_kept(pdx_db *db)
{
	sqlite3_stmt *s = NULL;
	bool kept = sqlite3_prepare_v2(db->h, "SELECT " SUM_KEPT_SQL, -1, &s, NULL) == SQLITE_OK &&
		    sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 1;
	sqlite3_finalize(s);
	return kept;
}

int db_summary_refresh(pdx_db *db, const uint8_t *pillar_of, size_t n)
{
	if (exec(db, "DELETE FROM summary_kinds; DELETE FROM summary_sections;"
		 " DELETE FROM summary_agencies; DELETE FROM summary_docs; DELETE FROM summary_dues;"))
		return PDX_ERR;
	int rc;
	if (pillar_of) {
		pillar_map *pm = sqlite3_malloc64(sizeof *pm + n);
		if (!pm)
			return PDX_ENOMEM;
		pm->n = n;
		memcpy(pm->v, pillar_of, n);
		if (sqlite3_create_function_v2(db->h, "pdx_pillar_of", 1,
					       SQLITE_UTF8 | SQLITE_DIRECTONLY | SQLITE_DETERMINISTIC,
					       pm, pillar_of_fn, NULL, NULL, sqlite3_free) != SQLITE_OK)
			return PDX_ERR;	/* pm freed by SQLite */
		rc = exec(db, summary_by_map) ? PDX_ERR : PDX_OK;
		/* gone with the connection if it cannot go now */
		sqlite3_create_function_v2(db->h, "pdx_pillar_of", 1, SQLITE_UTF8, NULL, NULL,
					   NULL, NULL, NULL);
	} else {
		rc = exec(db, summary_dues_joined) ? PDX_ERR : PDX_OK;
	}
	if (rc)
		return PDX_ERR;
	for (int w = 0; w < SUM_COUNT; w++) {
		if (w == SUM_AGENCIES && pillar_of)
			continue;
		pdx_buf sql;
		pdx_buf_init(&sql);
		pdx_buf_adds(&sql, "INSERT INTO ");
		pdx_buf_adds(&sql, db_summary_sql[w].table);
		pdx_buf_adds(&sql, " SELECT ?1, * FROM (");
		pdx_buf_adds(&sql, db_summary_sql[w].select);
		pdx_buf_adds(&sql, " WHERE a.pillar = ?1 AND a.doc_id NOT IN " COPY_DOCS_SQL);
		pdx_buf_adds(&sql, db_summary_sql[w].rest);
		pdx_buf_adds(&sql, ")");
		sqlite3_stmt *s = NULL;
		rc = sql.s && sqlite3_prepare_v2(db->h, sql.s, -1, &s, NULL) == SQLITE_OK
			? PDX_OK : PDX_ERR;
		pdx_buf_clear(&sql);
		for (int p = 1; rc == PDX_OK && p <= 3; p++) {
			sqlite3_bind_int(s, 1, p);
			rc = step_done(s);
			sqlite3_reset(s);
		}
		sqlite3_finalize(s);
		if (rc)
			return PDX_ERR;
	}
	return db_meta_set(db, "summary", PDX_SUMMARY_REVISION);
}
