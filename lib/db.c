/* db.c - every SQL statement of polidex, and the schema. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db_int.h"
#include "polidex/db.h"
#include "polidex/tokenizer.h"
#include "polidex/util.h"

/* Schema version 1. Documents, records ("actions"), the gazetteer, roles,
 * the timeline, and an external-content FTS5 index over the records kept
 * in step by triggers. */
static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
	"CREATE TABLE IF NOT EXISTS documents("
	" id INTEGER PRIMARY KEY,"
	" path TEXT NOT NULL, part INTEGER NOT NULL DEFAULT 0,"
	" hash TEXT NOT NULL, format TEXT, kind TEXT, title TEXT, lang TEXT,"
	" issuer TEXT, published TEXT, published_at TEXT, signed TEXT,"
	" source_url TEXT, indexed_at TEXT NOT NULL,"
	" UNIQUE(path, part));"
	"CREATE TABLE IF NOT EXISTS actions("
	" id INTEGER PRIMARY KEY,"
	" doc_id INTEGER NOT NULL REFERENCES documents(id),"
	" key TEXT NOT NULL, kind TEXT NOT NULL,"
	" pillar INTEGER, pillar_source TEXT, pillar_score REAL,"
	" section TEXT, label TEXT, text TEXT NOT NULL, lang TEXT,"
	" line INTEGER, ordinal INTEGER, agency_names TEXT,"
	" UNIQUE(doc_id, key));"
	"CREATE INDEX IF NOT EXISTS actions_key ON actions(key);"
	"CREATE INDEX IF NOT EXISTS actions_kind ON actions(kind, pillar);"
	"CREATE INDEX IF NOT EXISTS actions_doc ON actions(doc_id, ordinal);"
	/* summaries count a pillar's records by kind and source, and by
	 * document, off this index alone */
	"DROP INDEX IF EXISTS actions_pillar;"
	"CREATE INDEX IF NOT EXISTS actions_pillar_doc ON actions(pillar, kind, pillar_source, doc_id);"
	"CREATE TABLE IF NOT EXISTS agencies("
	" id TEXT PRIMARY KEY, acronym TEXT, name TEXT, name_zh TEXT, parent TEXT);"
	"CREATE TABLE IF NOT EXISTS agency_aliases("
	" alias TEXT NOT NULL COLLATE NOCASE, agency_id TEXT NOT NULL,"
	" PRIMARY KEY(alias, agency_id));"
	"CREATE TABLE IF NOT EXISTS action_agencies("
	" action_id INTEGER NOT NULL REFERENCES actions(id),"
	" agency_id TEXT NOT NULL, role TEXT NOT NULL,"
	" PRIMARY KEY(action_id, agency_id));"
	/* a body's records (by role) off the index alone: the agency filters */
	"DROP INDEX IF EXISTS action_agencies_agency;"
	"CREATE INDEX IF NOT EXISTS action_agencies_scope ON action_agencies(agency_id, role, action_id);"
	"CREATE TABLE IF NOT EXISTS timeline("
	" id INTEGER PRIMARY KEY,"
	" action_id INTEGER NOT NULL REFERENCES actions(id),"
	" kind TEXT NOT NULL, expr TEXT, value TEXT, precision TEXT,"
	" offset_days INTEGER, offset_months INTEGER, anchor TEXT,"
	" date TEXT);"
	"CREATE INDEX IF NOT EXISTS timeline_action ON timeline(action_id);"
	"CREATE INDEX IF NOT EXISTS timeline_date ON timeline(date);"
	/* entries in value order from a day on (or back from it), their kind
	 * and record at hand: the summaries' next and overdue deadlines */
	"CREATE INDEX IF NOT EXISTS timeline_value ON timeline(value, kind, action_id);"
	/* links: a record placed by content, to the plan sections (and the
	 * action in each) it resembles most; rebuilt by the indexer's
	 * post-pass */
	"CREATE TABLE IF NOT EXISTS links("
	" action_id INTEGER NOT NULL, plan_action_id INTEGER, plan_key TEXT,"
	" section TEXT, pillar INTEGER, score REAL, record_pillar INTEGER);"
	"CREATE INDEX IF NOT EXISTS links_action ON links(action_id);"
	"CREATE INDEX IF NOT EXISTS links_plan ON links(plan_action_id);"
	/* the records of a pillar linked to its sections: the summaries */
	"DROP INDEX IF EXISTS links_section;"
	"CREATE INDEX IF NOT EXISTS links_pillar ON links(pillar, record_pillar, section, action_id);"
	/* the pillar summaries without an agency filter, as the queries of
	 * db_pillar_summary give them, rebuilt by the indexer's post-pass
	 * (db_summary_refresh); rows in the order shown */
	"CREATE TABLE IF NOT EXISTS summary_kinds(pillar INTEGER, kind TEXT, source TEXT, n INTEGER);"
	"CREATE TABLE IF NOT EXISTS summary_sections(pillar INTEGER, section TEXT, key TEXT,"
	" records INTEGER, linked INTEGER);"
	"CREATE TABLE IF NOT EXISTS summary_agencies(pillar INTEGER, agency_id TEXT, acronym TEXT,"
	" role TEXT, n INTEGER);"
	"CREATE TABLE IF NOT EXISTS summary_docs(pillar INTEGER, doc_id INTEGER, n INTEGER);"
	/* the deadlines, closings and expiries of each pillar by day (the
	 * first ten characters of the value; NULL: unresolved) */
	"CREATE TABLE IF NOT EXISTS summary_dues(pillar INTEGER, day TEXT, n INTEGER);"
	/* the impact lists of frequent words (impact.c), valid while meta
	 * "impact" is there */
	"CREATE TABLE IF NOT EXISTS impact(term TEXT PRIMARY KEY, df INTEGER NOT NULL,"
	" list BLOB NOT NULL) WITHOUT ROWID;"
	"CREATE VIRTUAL TABLE IF NOT EXISTS actions_fts USING fts5("
	" text, section, agency_names,"
	" content='actions', content_rowid='id', tokenize='polidex');"
	/* no insert trigger: a trigger makes each INSERT a statement
	 * transaction, and FTS5 flushes its pending terms into a new segment
	 * at each one; insert_record writes the index row itself */
	"DROP TRIGGER IF EXISTS actions_ai;"
	"CREATE TRIGGER IF NOT EXISTS actions_ad AFTER DELETE ON actions BEGIN"
	" INSERT INTO actions_fts(actions_fts, rowid, text, section, agency_names)"
	" VALUES ('delete', old.id, old.text, old.section, old.agency_names); END;";

/* FTS5 gathers the terms of the rows inserted in memory and writes them
 * as a new segment of the index when they pass its 'hashsize' (1 MB by
 * default); segments are then merged. A bulk build gathers 8 MB, which
 * makes fewer segments to merge (the floor at 40 MB: 2.97 -> 2.60 s; 16
 * and 32 MB gave no more), and sets the default back when it seals the
 * database, as later runs write in small batches while others read. */
#define BULK_FTS_HASH "8388608"
#define FTS_HASH_DEFAULT "1048576"

/* The indexes a bulk build leaves out while it inserts (DB_BULK): none
 * of them serves the inserts or the pillar post-pass (which updates the
 * records' pillars and writes the links), and a sort builds each faster
 * than rows arriving in id order can, out of key order. schema_sql
 * creates them again (db_bulk_indexes, before the summaries). The
 * indexes whose keys come in id order (actions_doc, timeline_action,
 * links_action) stay: each row only appends to them, where building them
 * later would read their table again. */
static const char *const deferred_indexes[] = {
	"actions_key", "actions_kind", "actions_pillar_doc",
	"action_agencies_scope", "timeline_date", "timeline_value",
	"links_plan", "links_pillar",
};

enum {
	ST_DOC_HASH,
	ST_DOC_IDS,
	ST_DEL_TIMELINE,
	ST_DEL_ROLES,
	ST_DEL_ACTIONS,
	ST_DEL_DOC,
	ST_INS_DOC,
	ST_INS_ACTION,
	ST_INS_FTS,
	ST_IMPACT_STALE,
	ST_INS_ROLE,
	ST_INS_TIME,
	ST_INS_AGENCY,
	ST_INS_ALIAS,
	ST_PATHS,
	ST_META_GET,
	ST_META_SET,
	ST_SHOW,
	ST_REC_AGENCIES,
	ST_REC_TIMES,
	ST_AGENCY_LOOKUP,
	ST_AGENCY_NAMES,
	ST_DOCUMENTS,
	ST_AGENCY_ROWS,
	ST_DEL_LINKS,
	ST_PILLAR_SET,
	ST_LINK_ADD,
	ST_LINKS_FROM,
	ST_LINKS_TO,
	ST_COUNT
};

#define HIT_COLUMNS \
	"a.id, a.key, a.kind, a.pillar, a.pillar_source, a.pillar_score," \
	" a.section, a.label, a.text, a.lang, a.line," \
	" d.path, d.part, d.title, d.kind, d.lang, d.published, d.issuer"

/* a hit's snippet: the text around the matches, marked with [ ] */
#define SNIPPET_SQL "snippet(actions_fts, 0, '[', ']', '\u2026', 16)"

static const char *const stmt_sql[ST_COUNT] = {
	[ST_DOC_HASH] = "SELECT hash FROM documents WHERE path = ? ORDER BY part LIMIT 1",
	[ST_DOC_IDS] = "SELECT id FROM documents WHERE path = ? LIMIT 1",
	[ST_DEL_TIMELINE] = "DELETE FROM timeline WHERE action_id IN"
			    " (SELECT id FROM actions WHERE doc_id = ?)",
	[ST_DEL_ROLES] = "DELETE FROM action_agencies WHERE action_id IN"
			 " (SELECT id FROM actions WHERE doc_id = ?)",
	[ST_DEL_ACTIONS] = "DELETE FROM actions WHERE doc_id = ?",
	[ST_DEL_DOC] = "DELETE FROM documents WHERE id = ?",
	[ST_INS_DOC] = "INSERT INTO documents(path, part, hash, format, kind, title,"
		       " lang, issuer, published, published_at, signed, source_url,"
		       " indexed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,"
		       " strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
	[ST_INS_ACTION] = "INSERT INTO actions(doc_id, key, kind, pillar, pillar_source,"
			  " pillar_score, section, label, text, lang, line, ordinal,"
			  " agency_names) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[ST_IMPACT_STALE] = "DELETE FROM meta WHERE key = 'impact'",
	[ST_INS_FTS] = "INSERT INTO actions_fts(rowid, text, section, agency_names)"
		       " VALUES (?,?,?,?)",
	[ST_INS_ROLE] = "INSERT OR REPLACE INTO action_agencies(action_id, agency_id, role)"
			" VALUES (?,?,?)",
	[ST_INS_TIME] = "INSERT INTO timeline(action_id, kind, expr, value, precision,"
			" offset_days, offset_months, anchor, date)"
			" VALUES (?,?,?,?,?,?,?,?,?)",
	[ST_INS_AGENCY] = "INSERT OR REPLACE INTO agencies(id, acronym, name, name_zh, parent)"
			  " VALUES (?,?,?,?,?)",
	[ST_INS_ALIAS] = "INSERT OR IGNORE INTO agency_aliases(alias, agency_id) VALUES (?,?)",
	[ST_PATHS] = "SELECT DISTINCT path FROM documents ORDER BY path",
	[ST_META_GET] = "SELECT value FROM meta WHERE key = ?",
	[ST_META_SET] = "INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)",
	[ST_SHOW] = "SELECT " HIT_COLUMNS " FROM actions a JOIN documents d ON d.id = a.doc_id"
		    " WHERE a.key = ? ORDER BY d.path, d.part",
	[ST_REC_AGENCIES] = "SELECT g.id, g.acronym, g.name, g.name_zh, g.parent, r.role"
			    " FROM action_agencies r LEFT JOIN agencies g ON g.id = r.agency_id"
			    " WHERE r.action_id = ?"
			    " ORDER BY CASE r.role WHEN 'lead' THEN 0 WHEN 'support' THEN 1 ELSE 2 END,"
			    " r.rowid",
	[ST_REC_TIMES] = "SELECT kind, expr, value, precision, offset_days, offset_months, anchor"
			 " FROM timeline WHERE action_id = ? ORDER BY id",
	[ST_AGENCY_LOOKUP] = "SELECT id FROM agencies WHERE id = ?1 COLLATE NOCASE"
			     " OR acronym = ?1 COLLATE NOCASE OR name = ?1 COLLATE NOCASE"
			     " OR name_zh = ?1"
			     " UNION ALL SELECT agency_id FROM agency_aliases WHERE alias = ?1"
			     " LIMIT 1",
	[ST_AGENCY_NAMES] = "SELECT id, id FROM agencies UNION ALL"
			    " SELECT acronym, id FROM agencies WHERE acronym IS NOT NULL UNION ALL"
			    " SELECT name, id FROM agencies WHERE name IS NOT NULL UNION ALL"
			    " SELECT alias, agency_id FROM agency_aliases",
	[ST_DOCUMENTS] = "SELECT d.id, d.path, d.part, d.title, d.kind, d.lang, d.published,"
			 " d.issuer, d.format, (SELECT count(*) FROM actions a WHERE a.doc_id = d.id)"
			 " FROM documents d ORDER BY d.path, d.part",
	[ST_AGENCY_ROWS] = "SELECT g.id, g.acronym, g.name, g.name_zh, g.parent,"
			   " count(CASE r.role WHEN 'lead' THEN 1 END),"
			   " count(CASE r.role WHEN 'support' THEN 1 END),"
			   " count(CASE r.role WHEN 'mentioned' THEN 1 END)"
			   " FROM agencies g LEFT JOIN action_agencies r ON r.agency_id = g.id"
			   " GROUP BY g.id ORDER BY count(r.role) DESC, g.id",
	/* a document's links: its records' and those pointing at them */
	[ST_DEL_LINKS] = "DELETE FROM links WHERE action_id IN"
			 " (SELECT id FROM actions WHERE doc_id = ?1)"
			 " OR plan_action_id IN (SELECT id FROM actions WHERE doc_id = ?1)",
	/* pillar NULL (?1 = 0): no pillar, no source, no score */
	[ST_PILLAR_SET] = "UPDATE actions SET pillar = nullif(?1, 0),"
			  " pillar_source = CASE WHEN ?1 = 0 THEN NULL ELSE 'inferred' END,"
			  " pillar_score = CASE WHEN ?1 = 0 THEN NULL ELSE ?2 END WHERE id = ?3",
	[ST_LINK_ADD] = "INSERT INTO links(action_id, plan_action_id, plan_key, section,"
			" pillar, score, record_pillar) VALUES (?,?,?,?,?,?,?)",
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

struct pdx_db {
	sqlite3 *h;
	sqlite3_stmt *st[ST_COUNT];
	char *scope;		/* the agency whose records temp.scope holds */
};

static sqlite3_stmt *stmt(pdx_db *db, int which)
{
	sqlite3_stmt *s = db->st[which];
	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		return s;
	}
	if (sqlite3_prepare_v3(db->h, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
			       &db->st[which], NULL) != SQLITE_OK)
		return NULL;
	return db->st[which];
}

const char *db_errmsg(pdx_db *db)
{
	return db && db->h ? sqlite3_errmsg(db->h) : "out of memory";
}

sqlite3 *db_handle(pdx_db *db)
{
	return db->h;
}

static int exec(pdx_db *db, const char *sql)
{
	return sqlite3_exec(db->h, sql, NULL, NULL, NULL) == SQLITE_OK ? PDX_OK : PDX_ERR;
}

/* Columns added to a table of schema 1 since it was first written: added
 * to a database that lacks them (the indexer's revision stamp then makes
 * it re-index, which fills them). */
static int add_missing_columns(pdx_db *db)
{
	sqlite3_stmt *s = NULL;
	bool has_table = false, has_column = false;
	if (sqlite3_prepare_v2(db->h, "SELECT name FROM pragma_table_info('links')", -1, &s,
			       NULL) != SQLITE_OK)
		return PDX_ERR;
	while (sqlite3_step(s) == SQLITE_ROW) {
		has_table = true;
		if (strcmp((const char *)sqlite3_column_text(s, 0), "record_pillar") == 0)
			has_column = true;
	}
	sqlite3_finalize(s);
	if (has_table && !has_column)
		return exec(db, "ALTER TABLE links ADD COLUMN record_pillar INTEGER;");
	return PDX_OK;
}

int db_open(pdx_db **out, const char *path, int mode, char *err, size_t errlen)
{
	*out = NULL;
	pdx_db *db = calloc(1, sizeof *db);
	if (!db) {
		snprintf(err, errlen, "out of memory");
		return PDX_ENOMEM;
	}
	/* A connection is used by one thread only (the indexer's parsing
	 * threads never touch the database): no mutex on it. And no memory
	 * statistics, which take a global mutex on every allocation; this
	 * must precede SQLite's initialization, and is refused (harmlessly)
	 * once it is done. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	int flags = SQLITE_OPEN_NOMUTEX | (mode != DB_READONLY
		? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READWRITE);
	int rc = sqlite3_open_v2(path, &db->h, flags, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s", db->h ? sqlite3_errmsg(db->h) : "cannot open");
		db_close(db);
		return PDX_EIO;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, 10000);
	if (tokenizer_register(db->h) != SQLITE_OK || ranked_register(db_fts5_api(db)) != SQLITE_OK) {
		snprintf(err, errlen, "cannot register the tokenizer: %s", sqlite3_errmsg(db->h));
		db_close(db);
		return PDX_EIO;
	}
	/* is it a polidex database at all? */
	sqlite3_stmt *s = NULL;
	int version = -1;
	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (version < 0) {
		snprintf(err, errlen, "not a database: %s", sqlite3_errmsg(db->h));
		db_close(db);
		return PDX_EIO;
	}
	if (version > PDX_SCHEMA_VERSION) {
		snprintf(err, errlen, "database schema %d is newer than this program (%d)",
			 version, PDX_SCHEMA_VERSION);
		db_close(db);
		return PDX_EIO;
	}
	if (version == 0 && mode == DB_READONLY) {
		snprintf(err, errlen, "not a polidex database (run polidex-index first)");
		db_close(db);
		return PDX_EIO;
	}
	if (mode == DB_BULK && version != 0) {
		snprintf(err, errlen, "not a new database");
		db_close(db);
		return PDX_EIO;
	}
	if (mode == DB_CREATE || mode == DB_BULK) {
		char ver[64];
		snprintf(ver, sizeof ver, "PRAGMA user_version=%d;", PDX_SCHEMA_VERSION);
		/* WAL with synchronous=NORMAL: each document's transaction is
		 * atomic; a power cut may lose the last ones, never half of one */
		rc = mode == DB_BULK
			? exec(db, "PRAGMA journal_mode=OFF;") || exec(db, "PRAGMA synchronous=OFF;")
			: exec(db, "PRAGMA journal_mode=WAL;") || exec(db, "PRAGMA synchronous=NORMAL;");
		if (rc || exec(db, "BEGIN IMMEDIATE;") || add_missing_columns(db) ||
		    exec(db, schema_sql) || exec(db, ver)) {
			snprintf(err, errlen, "cannot create the schema: %s", sqlite3_errmsg(db->h));
			exec(db, "ROLLBACK;");
			db_close(db);
			return PDX_EIO;
		}
		if (mode == DB_BULK)
			rc = exec(db, "INSERT INTO actions_fts(actions_fts, rank) VALUES('hashsize', "
				  BULK_FTS_HASH ");");
		for (size_t i = 0; rc == PDX_OK && mode == DB_BULK &&
				   i < sizeof deferred_indexes / sizeof *deferred_indexes; i++) {
			char *sql = sqlite3_mprintf("DROP INDEX %s;", deferred_indexes[i]);
			rc = sql ? exec(db, sql) : PDX_ENOMEM;
			sqlite3_free(sql);
		}
		if (rc || exec(db, "COMMIT;")) {
			snprintf(err, errlen, "cannot create the schema: %s", sqlite3_errmsg(db->h));
			exec(db, "ROLLBACK;");
			db_close(db);
			return PDX_EIO;
		}
	}
	*out = db;
	return PDX_OK;
}

int db_bulk_indexes(pdx_db *db)
{
	/* The sorts that build the indexes spill to temporary files beyond
	 * the page cache's size; a helper thread sorts those while the
	 * table is read (one million records: 3.7 -> 2.6 s for the two
	 * largest indexes). One helper: two were slower on two cores. */
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	if (ncpu > 1 && exec(db, "PRAGMA threads=1;"))
		return PDX_ERR;
	/* in the caller's transaction, or in one of its own */
	bool own = sqlite3_get_autocommit(db->h);
	int rc = PDX_OK;
	if ((own && exec(db, "BEGIN IMMEDIATE;")) || exec(db, schema_sql) ||
	    (own && exec(db, "COMMIT;"))) {
		if (own)
			exec(db, "ROLLBACK;");
		rc = PDX_ERR;
	}
	exec(db, "PRAGMA threads=0;");
	return rc;
}

int db_bulk_seal(pdx_db *db)
{
	return exec(db, "INSERT INTO actions_fts(actions_fts, rank) VALUES('hashsize', "
		    FTS_HASH_DEFAULT ");") ||
	       exec(db, "PRAGMA journal_mode=WAL;") || exec(db, "PRAGMA synchronous=NORMAL;")
		? PDX_ERR : PDX_OK;
}

void db_close(pdx_db *db)
{
	if (!db)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(db->st[i]);
	sqlite3_close(db->h);
	free(db->scope);
	free(db);
}

int db_begin(pdx_db *db)
{
	return exec(db, "BEGIN IMMEDIATE");
}

int db_commit(pdx_db *db)
{
	return exec(db, "COMMIT");
}

int db_rollback(pdx_db *db)
{
	return exec(db, "ROLLBACK");
}

/* Grow *v (of elements of size sz) to hold one more and return the new
 * element (counted in *n); NULL: no memory. */
static void *grow(void **v, size_t *n, size_t *cap, size_t sz)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		void *p = realloc(*v, c * sz);
		if (!p)
			return NULL;
		*v = p;
		*cap = c;
	}
	return (char *)*v + (*n)++ * sz;
}

/* Step a write statement to completion. */
static int step_done(sqlite3_stmt *s)
{
	return s && sqlite3_step(s) == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static char *col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrdup((const char *)t) : NULL;
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

/* The index is about to change: the impact lists no longer describe it
 * (in the same transaction as the change). */
static int impact_stale(pdx_db *db)
{
	sqlite3_stmt *s = stmt(db, ST_IMPACT_STALE);
	return s ? step_done(s) : PDX_ERR;
}

int db_delete_path(pdx_db *db, const char *path, int *n)
{
	static const int dels[] = { ST_DEL_LINKS, ST_DEL_TIMELINE, ST_DEL_ROLES,
				    ST_DEL_ACTIONS, ST_DEL_DOC };
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
		if (impact_stale(db))
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

int db_insert_document(pdx_db *db, const pdx_doc *doc, const char *hash, int64_t *id)
{
	if (impact_stale(db))
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
	if (step_done(s))
		return PDX_ERR;
	*id = sqlite3_last_insert_rowid(db->h);
	return PDX_OK;
}

/* The names of a record's agencies, English and Chinese, for the index. */
static char *agency_names(const pdx_record *r, const pdx_gazetteer *g)
{
	pdx_buf b;
	buf_init(&b);
	for (size_t i = 0; i < r->nagencies; i++) {
		const pdx_agency *a = g ? gazetteer_find(g, r->agencies[i].id) : NULL;
		if (!a)
			continue;
		const char *parts[] = { a->acronym, a->name_en, a->name_zh };
		for (size_t k = 0; k < 3; k++) {
			if (!parts[k])
				continue;
			if (b.len)
				buf_adds(&b, "; ");
			buf_adds(&b, parts[k]);
		}
	}
	return b.len ? buf_take(&b) : NULL;
}

/* The sortable date of a timeline value: its first ten characters when
 * it starts with a full date (ranges are dated by their start). */
static void value_date(const char *value, char out[11])
{
	out[0] = '\0';
	if (value && strlen(value) >= 10 && value[4] == '-' && value[7] == '-') {
		memcpy(out, value, 10);
		out[10] = '\0';
	}
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
	bind_text(s, 3, r->kind);
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
	bind_text(s, 13, names);
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
		bind_text(a, 3, role_name(r->agencies[i].role));
		if (step_done(a))
			return PDX_ERR;
	}
	for (size_t i = 0; i < r->ntimes; i++) {
		const pdx_time *t = &r->times[i];
		sqlite3_stmt *ts = stmt(db, ST_INS_TIME);
		if (!ts)
			return PDX_ERR;
		char date[11];
		value_date(t->value, date);
		sqlite3_bind_int64(ts, 1, id);
		bind_text(ts, 2, t->kind);
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

int db_store_gazetteer(pdx_db *db, const pdx_gazetteer *g)
{
	if (exec(db, "DELETE FROM agency_aliases; DELETE FROM agencies;"))
		return PDX_ERR;
	size_t n = gazetteer_count(g);
	for (size_t i = 0; i < n; i++) {
		const pdx_agency *a = gazetteer_at(g, i);
		sqlite3_stmt *s = stmt(db, ST_INS_AGENCY);
		if (!s)
			return PDX_ERR;
		bind_text(s, 1, a->id);
		bind_text(s, 2, a->acronym);
		bind_text(s, 3, a->name_en);
		bind_text(s, 4, a->name_zh);
		bind_text(s, 5, a->parent);
		if (step_done(s))
			return PDX_ERR;
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

int db_meta_get(pdx_db *db, const char *key, char **value)
{
	*value = NULL;
	sqlite3_stmt *s = stmt(db, ST_META_GET);
	if (!s)
		return PDX_ERR;
	bind_text(s, 1, key);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = col_text(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

int db_meta_set(pdx_db *db, const char *key, const char *value)
{
	sqlite3_stmt *s = stmt(db, ST_META_SET);
	if (!s)
		return PDX_ERR;
	bind_text(s, 1, key);
	bind_text(s, 2, value);
	return step_done(s);
}

/* Query side ----------------------------------------------------------- */

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
	free(h->snippet);
}

void hits_free(pdx_hits *h)
{
	for (size_t i = 0; i < h->n; i++)
		hit_clear(&h->v[i]);
	free(h->v);
	h->v = NULL;
	h->n = h->cap = 0;
}

/* Read the HIT_COLUMNS of the current row (and a snippet at column
 * snip_col, -1 for none) into a new hit. */
static int read_hit(sqlite3_stmt *s, pdx_hits *hits, int snip_col)
{
	pdx_hit *h = grow((void **)&hits->v, &hits->n, &hits->cap, sizeof *hits->v);
	if (!h)
		return PDX_ENOMEM;
	memset(h, 0, sizeof *h);
	h->id = sqlite3_column_int64(s, 0);
	h->key = col_text(s, 1);
	h->kind = col_text(s, 2);
	h->pillar = sqlite3_column_int(s, 3);
	h->pillar_source = col_text(s, 4);
	h->pillar_score = sqlite3_column_double(s, 5);
	h->section = col_text(s, 6);
	h->label = col_text(s, 7);
	h->text = col_text(s, 8);
	h->lang = col_text(s, 9);
	h->line = sqlite3_column_int(s, 10);
	h->doc_path = col_text(s, 11);
	h->doc_part = sqlite3_column_int(s, 12);
	h->doc_title = col_text(s, 13);
	h->doc_kind = col_text(s, 14);
	h->doc_lang = col_text(s, 15);
	h->doc_published = col_text(s, 16);
	h->doc_issuer = col_text(s, 17);
	if (snip_col >= 0) {
		h->snippet = col_text(s, snip_col);
		h->rank = sqlite3_column_double(s, snip_col + 1);
	}
	return PDX_OK;
}

/* The agency filter's condition on a row r of action_agencies: the body
 * itself, and unless exact its sub-agencies at any depth; any role, or
 * the one given. Four parameters, bound by bind_agency. */
#define AGENCY_ROWS_SQL \
	"r.agency_id IN (WITH RECURSIVE sub(id) AS (SELECT ?" \
	" UNION SELECT g.id FROM agencies g JOIN sub ON g.parent = sub.id AND ? = 0)" \
	" SELECT id FROM sub) AND (? IS NULL OR r.role = ?)"
/* The filter after " AND <id expression>", not correlated: SQLite builds
 * the set once, off action_agencies_scope, instead of probing per record */
static const char agency_filter_sql[] =
	" IN (SELECT r.action_id FROM action_agencies r WHERE " AGENCY_ROWS_SQL ")";
/* The same, after "EXISTS (... WHERE r.action_id = <id>": the record has
 * the body or one under it. */
static const char agency_probe_sql[] = " AND " AGENCY_ROWS_SQL ")";

/* Bind AGENCY_ROWS_SQL's parameters from *i on; role NULL: any. */
static void bind_agency(sqlite3_stmt *s, int *i, const char *agency, bool exact,
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

static void search_filters(pdx_buf *sql, const pdx_search *q, const char *id,
			   enum filter_mode mode)
{
	bool probe = mode != FILTER_SETS;
	const char *plus = probe ? "+" : "";
	if (mode == FILTER_MATCHES && (q->kind || q->pillar)) {
		buf_adds(sql, " AND +");
		buf_adds(sql, id);
		buf_adds(sql, " IN (SELECT k.id FROM actions k WHERE ");
		buf_adds(sql, q->kind && q->pillar ? "k.kind = ? AND k.pillar = ?)"
			 : q->kind ? "k.kind = ?)" : "k.pillar = ?)");
	} else {
		if (q->kind) {
			buf_adds(sql, " AND ");
			buf_adds(sql, plus);
			buf_adds(sql, "a.kind = ?");
		}
		if (q->pillar) {
			buf_adds(sql, " AND ");
			buf_adds(sql, plus);
			buf_adds(sql, "a.pillar = ?");
		}
	}
	if (q->lang)
		buf_adds(sql, " AND a.lang = ?");
	if (q->doc)
		buf_adds(sql, " AND d.path = ?");
	for (size_t i = 0; i < q->nagencies; i++) {
		if (probe) {
			buf_adds(sql, " AND EXISTS (SELECT 1 FROM action_agencies r WHERE r.action_id = ");
			buf_adds(sql, id);
			buf_adds(sql, agency_probe_sql);
		} else {
			buf_adds(sql, " AND ");
			buf_adds(sql, id);
			buf_adds(sql, agency_filter_sql);
		}
	}
	if (q->nagencies == 0 && q->role) {
		if (probe) {
			buf_adds(sql, " AND EXISTS (SELECT 1 FROM action_agencies r WHERE r.action_id = ");
			buf_adds(sql, id);
			buf_adds(sql, " AND r.role = ?)");
		} else {
			buf_adds(sql, " AND ");
			buf_adds(sql, id);
			buf_adds(sql, " IN (SELECT r.action_id FROM action_agencies r WHERE r.role = ?)");
		}
	}
	if (q->from || q->to) {
		buf_adds(sql, " AND ");
		if (probe) {
			buf_adds(sql, "EXISTS (SELECT 1 FROM timeline t WHERE t.action_id = ");
			buf_adds(sql, id);
			buf_adds(sql, " AND");
		} else {
			buf_adds(sql, id);
			buf_adds(sql, " IN (SELECT t.action_id FROM timeline t WHERE");
		}
		buf_adds(sql, " t.date >= coalesce(?, '0000') AND t.date <= coalesce(?, '9999'))");
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
	if (q->doc)
		bind_text(s, (*i)++, q->doc);
	for (size_t k = 0; k < q->nagencies; k++)
		bind_agency(s, i, q->agencies[k], q->exact_agency, q->role);
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
	buf_init(&sql);
	/* the records' rows only for the filters on them */
	buf_adds(&sql, "SELECT j.value FROM json_each(?1) j");
	if (q->kind || q->pillar || q->lang || q->doc)
		buf_adds(&sql, " JOIN actions a ON a.id = j.value");
	if (q->doc)
		buf_adds(&sql, " JOIN documents d ON d.id = a.doc_id");
	buf_adds(&sql, " WHERE 1");
	search_filters(&sql, q, "j.value", FILTER_SCAN);
	*out = NULL;
	int rc = sql.s && sqlite3_prepare_v2(db->h, sql.s, -1, out, NULL) == SQLITE_OK ? PDX_OK : PDX_ERR;
	buf_free(&sql);
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
	buf_init(&list);
	buf_addc(&list, '[');
	for (size_t i = 0; i < n; i++)
		buf_printf(&list, "%s%lld", i ? "," : "", (long long)ids[i]);
	buf_addc(&list, ']');
	sqlite3_stmt *s = NULL;
	pdx_buf sql;
	buf_init(&sql);
	buf_printf(&sql, "SELECT " HIT_COLUMNS ", " SNIPPET_SQL ", 0.0, %s"
		   " FROM json_each(?2) j CROSS JOIN actions_fts ON actions_fts.rowid = j.value"
		   " JOIN actions a ON a.id = j.value JOIN documents d ON d.id = a.doc_id"
		   " WHERE actions_fts MATCH ?1 ORDER BY j.key", check_sql);
	int rc = list.s && sql.s && sqlite3_prepare_v2(db->h, sql.s, -1, &s, NULL) == SQLITE_OK
		? PDX_OK : PDX_ERR;
	buf_free(&sql);
	if (rc == PDX_OK) {
		bind_text(s, 1, match);
		bind_text(s, 2, list.s);
		int step;
		size_t k = 0;
		while ((step = sqlite3_step(s)) == SQLITE_ROW) {
			if (read_hit(s, hits, 18)) {
				rc = PDX_ENOMEM;
				break;
			}
			/* rows come in the order of ids */
			int64_t id = hits->v[hits->n - 1].id;
			while (k < n && ids[k] != id)
				k++;
			if (k == n || !check(arg, k, sqlite3_column_blob(s, 20),
					     sqlite3_column_bytes(s, 20))) {
				rc = PDX_DECLINED;
				break;
			}
			hits->v[hits->n - 1].rank = rank[k++];
		}
		if (rc == PDX_OK && step != SQLITE_DONE)
			rc = PDX_ERR;
	}
	sqlite3_finalize(s);
	buf_free(&list);
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
	if (q->limit <= 0 || q->doc || (!q->kind && !q->pillar && !q->nagencies && !q->from && !q->to))
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
			bind_agency(s, &k, q->agencies[i], q->exact_agency, q->role);
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
	buf_init(&sql);
	if (q->match && q->limit > 0) {
		/* Ranked with a limit: first the ids and scores of the best
		 * matches, reading no more than the filters need; then the
		 * columns and the snippet of those alone. In one statement
		 * SQLite would build every match's snippet and text before
		 * sorting (a million-record index: 10x slower). CROSS JOIN
		 * keeps the few ids the outer loop: with a bound LIMIT the
		 * planner cannot know they are few, and would scan every match
		 * again, reading each one's record. */
		buf_adds(&sql, "WITH top(id, score) AS MATERIALIZED (SELECT actions_fts.rowid,"
			 " bm25(actions_fts, " BM25_WEIGHTS_SQL ") AS score FROM actions_fts");
		if (q->lang || q->doc)
			buf_adds(&sql, " JOIN actions a ON a.id = actions_fts.rowid");
		if (q->doc)
			buf_adds(&sql, " JOIN documents d ON d.id = a.doc_id");
		buf_adds(&sql, " WHERE actions_fts MATCH ?1");
		/* the filters test each match; "+" on the id everywhere: as a
		 * rowid constraint, a set would make FTS5 run the MATCH once
		 * per id in it */
		search_filters(&sql, q, "actions_fts.rowid", FILTER_MATCHES);
		buf_adds(&sql, " ORDER BY score, actions_fts.rowid LIMIT ?)"
			 " SELECT " HIT_COLUMNS ", " SNIPPET_SQL ","
			 " top.score FROM top CROSS JOIN actions_fts ON actions_fts.rowid = top.id"
			 " JOIN actions a ON a.id = top.id JOIN documents d ON d.id = a.doc_id"
			 " WHERE actions_fts MATCH ?1 ORDER BY top.score, top.id");
	} else {
		buf_adds(&sql, "SELECT " HIT_COLUMNS);
		if (q->match)
			buf_adds(&sql, ", " SNIPPET_SQL ","
				 " bm25(actions_fts, " BM25_WEIGHTS_SQL ") AS score"
				 " FROM actions_fts JOIN actions a ON a.id = actions_fts.rowid");
		else
			buf_adds(&sql, " FROM actions a");
		buf_adds(&sql, " JOIN documents d ON d.id = a.doc_id WHERE 1");
		if (q->match)
			buf_adds(&sql, " AND actions_fts MATCH ?1");
		search_filters(&sql, q, "a.id",
			       !q->match && listing_probes(db, q) ? FILTER_SCAN : FILTER_SETS);
		/* without terms: document order, read straight off the
		 * actions_doc index so that a LIMIT stops early instead of
		 * sorting everything */
		buf_adds(&sql, q->match ? " ORDER BY score, a.id" : " ORDER BY a.doc_id, a.ordinal");
		if (q->limit > 0)
			buf_adds(&sql, " LIMIT ?");
	}
	if (!sql.s)
		return PDX_ENOMEM;

	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, sql.s, -1, &s, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(db->h));
		buf_free(&sql);
		return PDX_ERR;
	}
	buf_free(&sql);
	int i = 1;
	if (q->match)
		bind_text(s, i++, q->match);
	bind_filters(s, &i, q);
	if (q->limit > 0)
		sqlite3_bind_int64(s, i++, q->limit);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (read_hit(s, hits, q->match ? 18 : -1))
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
		if (read_hit(s, hits, -1))
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
		pdx_hit_agency *a = grow((void **)out, n, &cap, sizeof **out);
		if (!a) {
			sqlite3_reset(s);
			return PDX_ENOMEM;
		}
		a->id = col_text(s, 0);
		a->acronym = col_text(s, 1);
		a->name = col_text(s, 2);
		a->name_zh = col_text(s, 3);
		a->parent = col_text(s, 4);
		a->role = col_text(s, 5);
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

/* Read the timeline columns kind, expr, value, precision, offset_days,
 * offset_months, anchor (in that order, from column col) into t. */
static void read_time(sqlite3_stmt *s, int col, pdx_time *t)
{
	memset(t, 0, sizeof *t);
	t->kind = col_text(s, col);
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
		pdx_time *t = grow((void **)out, n, &cap, sizeof **out);
		if (!t) {
			sqlite3_reset(s);
			return PDX_ENOMEM;
		}
		read_time(s, 0, t);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

void db_times_free(pdx_time *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		time_clear(&v[i]);
	free(v);
}

int db_agency_lookup(pdx_db *db, const char *name, char **id)
{
	*id = NULL;
	sqlite3_stmt *s = stmt(db, ST_AGENCY_LOOKUP);
	if (!s)
		return PDX_ERR;
	bind_text(s, 1, name);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = col_text(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

/* Levenshtein distance over bytes, case-folded for ASCII. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 200 || lb > 200)
		return (size_t)-1;
	size_t row[201];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			char ca = a[i - 1], cb = b[j - 1];
			if (ca >= 'A' && ca <= 'Z')
				ca += 32;
			if (cb >= 'A' && cb <= 'Z')
				cb += 32;
			size_t best = diag + (ca != cb);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* Distance from what the user typed to a name: to the whole name, or to
 * any run of as many of its words as the user typed ("Comerce" is near
 * "Department of Commerce"). */
static size_t name_distance(const char *typed, const char *cand)
{
	size_t best = edit_distance(typed, cand);
	int words = 1;
	for (const char *p = typed; *p; p++)
		words += *p == ' ';
	const char *start = cand;
	while (start && *start) {
		const char *end = start;
		for (int w = 0; w < words && end; w++) {
			end = strchr(end, ' ');
			if (end && w + 1 < words)
				end++;
		}
		size_t len = end ? (size_t)(end - start) : strlen(start);
		char window[201];
		if (len < sizeof window) {
			memcpy(window, start, len);
			window[len] = '\0';
			size_t d = edit_distance(typed, window);
			if (d < best)
				best = d;
		}
		start = strchr(start, ' ');
		if (start)
			start++;
	}
	return best;
}

int db_agency_suggest(pdx_db *db, const char *name, char **out, size_t max, size_t *n)
{
	*n = 0;
	sqlite3_stmt *s = stmt(db, ST_AGENCY_NAMES);
	if (!s)
		return PDX_ERR;
	size_t best[8];
	char *names[8] = { 0 };
	if (max > 8)
		max = 8;
	size_t limit = strlen(name) / 3 + 2;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *cand = (const char *)sqlite3_column_text(s, 0);
		const char *id = (const char *)sqlite3_column_text(s, 1);
		if (!cand || !id)
			continue;
		size_t d = name_distance(name, cand);
		if (d > limit)
			continue;
		bool dup = false;
		for (size_t k = 0; k < *n; k++)
			dup |= strcmp(names[k], id) == 0;
		if (dup)
			continue;
		size_t pos = *n;
		while (pos > 0 && best[pos - 1] > d)
			pos--;
		if (pos >= max)
			continue;
		if (*n == max)
			free(names[--*n]);
		memmove(&best[pos + 1], &best[pos], (*n - pos) * sizeof *best);
		memmove(&names[pos + 1], &names[pos], (*n - pos) * sizeof *names);
		best[pos] = d;
		names[pos] = xstrdup(id);
		(*n)++;
	}
	sqlite3_reset(s);
	for (size_t k = 0; k < *n; k++)
		out[k] = names[k];
	return PDX_OK;
}

int db_documents(pdx_db *db, pdx_doc_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = stmt(db, ST_DOCUMENTS);
	if (!s)
		return PDX_ERR;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_doc_row *d = grow((void **)out, n, &cap, sizeof **out);
		if (!d) {
			sqlite3_reset(s);
			return PDX_ENOMEM;
		}
		d->id = sqlite3_column_int64(s, 0);
		d->path = col_text(s, 1);
		d->part = sqlite3_column_int(s, 2);
		d->title = col_text(s, 3);
		d->kind = col_text(s, 4);
		d->lang = col_text(s, 5);
		d->published = col_text(s, 6);
		d->issuer = col_text(s, 7);
		d->format = col_text(s, 8);
		d->records = sqlite3_column_int(s, 9);
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
	}
	free(v);
}

int db_agency_rows(pdx_db *db, pdx_agency_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = stmt(db, ST_AGENCY_ROWS);
	if (!s)
		return PDX_ERR;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_agency_row *a = grow((void **)out, n, &cap, sizeof **out);
		if (!a) {
			sqlite3_reset(s);
			return PDX_ENOMEM;
		}
		a->id = col_text(s, 0);
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

/* Consistency checks: each query returns rows that describe a problem. */
static const struct { const char *what; const char *sql; } checks[] = {
	{ "record without document",
	  "SELECT 'record ' || a.key FROM actions a LEFT JOIN documents d ON d.id = a.doc_id"
	  " WHERE d.id IS NULL LIMIT 20" },
	{ "document without records",
	  "SELECT d.path || ' part ' || d.part FROM documents d"
	  " WHERE NOT EXISTS (SELECT 1 FROM actions a WHERE a.doc_id = d.id) LIMIT 20" },
	{ "parts of one file from different versions",
	  "SELECT path FROM documents GROUP BY path HAVING count(DISTINCT hash) > 1 LIMIT 20" },
	{ "agency role without record",
	  "SELECT 'action ' || r.action_id FROM action_agencies r"
	  " LEFT JOIN actions a ON a.id = r.action_id WHERE a.id IS NULL LIMIT 20" },
	{ "link without record",
	  "SELECT 'action ' || l.action_id FROM links l LEFT JOIN actions a ON a.id = l.action_id"
	  " LEFT JOIN actions p ON p.id = l.plan_action_id"
	  " WHERE a.id IS NULL OR (l.plan_action_id IS NOT NULL AND p.id IS NULL) LIMIT 20" },
	{ "timeline entry without record",
	  "SELECT 'action ' || t.action_id FROM timeline t"
	  " LEFT JOIN actions a ON a.id = t.action_id WHERE a.id IS NULL LIMIT 20" },
	{ "full-text rows do not match records",
	  "SELECT (SELECT count(*) FROM actions_fts_docsize) || ' index rows, '"
	  " || (SELECT count(*) FROM actions) || ' records'"
	  " WHERE (SELECT count(*) FROM actions_fts_docsize) != (SELECT count(*) FROM actions)" },
	{ "full-text row without record",
	  "SELECT 'rowid ' || s.id FROM actions_fts_docsize s"
	  " LEFT JOIN actions a ON a.id = s.id WHERE a.id IS NULL LIMIT 20" },
};

int db_check(pdx_db *db, void (*report)(const char *problem, void *arg), void *arg)
{
	int problems = 0;
	char line[1024];
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(s, 0);
		if (r && strcmp(r, "ok") != 0) {
			snprintf(line, sizeof line, "integrity_check: %s", r);
			report(line, arg);
			problems++;
		}
	}
	sqlite3_finalize(s);
	if (sqlite3_exec(db->h, "INSERT INTO actions_fts(actions_fts) VALUES('integrity-check')",
			 NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(line, sizeof line, "fts5 integrity-check: %s", sqlite3_errmsg(db->h));
		report(line, arg);
		problems++;
	}
	for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
		if (sqlite3_prepare_v2(db->h, checks[i].sql, -1, &s, NULL) != SQLITE_OK)
			return -1;
		while (sqlite3_step(s) == SQLITE_ROW) {
			snprintf(line, sizeof line, "%s: %s", checks[i].what,
				 (const char *)sqlite3_column_text(s, 0));
			report(line, arg);
			problems++;
		}
		sqlite3_finalize(s);
	}
	return problems;
}

/* Deadlines ---- */

void dues_free(pdx_dues *d)
{
	hits_free(&d->hits);
	for (size_t i = 0; i < d->n; i++)
		time_clear(&d->v[i].t);
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
	if (q->nkinds) {
		buf_adds(sql, " AND t.kind IN (");
		for (size_t i = 0; i < q->nkinds; i++)
			buf_adds(sql, i ? ",?" : "?");
		buf_adds(sql, ")");
	}
	/* from a day on (or back from it), the entries are read in value
	 * order and each tested ("+": not the pillar's records first) */
	bool ordered = q->before || q->from_day;
	if (q->pillar)
		buf_adds(sql, ordered ? " AND +a.pillar = ?" : " AND a.pillar = ?");
	if (in_scope(db, q))
		buf_adds(sql, ordered ? " AND +a.id IN temp.scope" : " AND a.id IN temp.scope");
	for (size_t i = 0; !in_scope(db, q) && i < q->nagencies; i++) {
		if (ordered) {
			buf_adds(sql, " AND EXISTS (SELECT 1 FROM action_agencies r WHERE r.action_id = a.id");
			buf_adds(sql, agency_probe_sql);
		} else {
			buf_adds(sql, " AND a.id");
			buf_adds(sql, agency_filter_sql);
		}
	}
	/* a value's first ten characters are its day (a range's: its
	 * start); against a day D of ten characters, substr(value, 1, 10) < D
	 * exactly when value < D (a longer value with D's ten characters
	 * sorts after it, a shorter one that is D's prefix before it), and
	 * the bare comparison reads the index timeline_value in order */
	if (q->before)
		buf_adds(sql, " AND t.value < ?");
	if (q->from_day)
		buf_adds(sql, " AND t.value >= ?");
	/* a span's first day is its value's start: "2025", "2025-09",
	 * "2025-09-01", a time that day or a range from it all start no
	 * later than D exactly when value <= D followed by '~' (above every
	 * character of a value); its last day is a range's end, or the
	 * value itself, the year's or the month's end padded in */
	if (q->start_max)
		buf_adds(sql, " AND t.value <= ? || '~'");
	static const char span_end[] = " AND (CASE length(t.value) WHEN 21 THEN substr(t.value, 12)"
		" WHEN 4 THEN t.value || '-12-31' WHEN 7 THEN t.value || '-31' ELSE t.value END)";
	if (q->end_min) {
		buf_adds(sql, span_end);
		buf_adds(sql, " >= ?");
	}
	if (q->end_before) {
		buf_adds(sql, span_end);
		buf_adds(sql, " < ?");
	}
}

static void deadline_bind(pdx_db *db, sqlite3_stmt *s, const pdx_deadline_query *q, int *i)
{
	for (size_t k = 0; k < q->nkinds; k++)
		bind_text(s, (*i)++, q->kinds[k]);
	if (q->pillar)
		sqlite3_bind_int(s, (*i)++, q->pillar);
	for (size_t k = 0; !in_scope(db, q) && k < q->nagencies; k++)
		bind_agency(s, i, q->agencies[k], q->exact_agency, NULL);
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
}

int db_deadlines(pdx_db *db, const pdx_deadline_query *q, pdx_dues *out,
		 char *err, size_t errlen)
{
	pdx_buf sql;
	buf_init(&sql);
	/* ISO values sort as dates: a day before its timed entries, a range
	 * by its start; the unresolved (NULL) last */
	const char *order = q->latest_first
		? " ORDER BY t.value IS NULL, t.value DESC, d.path DESC, d.part DESC,"
		  " a.ordinal DESC, t.id DESC"
		: " ORDER BY t.value IS NULL, t.value, d.path, d.part, a.ordinal, t.id";
	/* with a day bound no value is NULL: ordered by value alone first,
	 * SQLite reads timeline_value in order and stops at the limit */
	if (q->before || q->from_day)
		order = q->latest_first
			? " ORDER BY t.value DESC, d.path DESC, d.part DESC, a.ordinal DESC, t.id DESC"
			: " ORDER BY t.value, d.path, d.part, a.ordinal, t.id";
	if (q->limit > 0) {
		/* the entries first, then the columns of those alone: sorting
		 * would build every entry's record (text and all) otherwise */
		buf_adds(&sql, "WITH top(id) AS MATERIALIZED (SELECT t.id FROM timeline t"
			 " JOIN actions a ON a.id = t.action_id JOIN documents d ON d.id = a.doc_id"
			 " WHERE 1");
		deadline_filters(db, &sql, q);
		buf_adds(&sql, order);
		buf_adds(&sql, " LIMIT ?) ");
	}
	/* index: the entry's position in db_record_times order (by id);
	 * dup: earlier entries of the record for the same event (kind and
	 * value), so that they still get distinct calendar UIDs */
	buf_adds(&sql, "SELECT " HIT_COLUMNS ","
		 " t.kind, t.expr, t.value, t.precision, t.offset_days, t.offset_months, t.anchor,"
		 " (SELECT count(*) FROM timeline p WHERE p.action_id = t.action_id AND p.id < t.id),"
		 " (SELECT count(*) FROM timeline p WHERE p.action_id = t.action_id AND p.id < t.id"
		 "  AND p.kind = t.kind AND p.value IS t.value)");
	if (q->limit > 0) {
		buf_adds(&sql, " FROM top CROSS JOIN timeline t ON t.id = top.id"
			 " JOIN actions a ON a.id = t.action_id JOIN documents d ON d.id = a.doc_id");
	} else {
		buf_adds(&sql, " FROM timeline t JOIN actions a ON a.id = t.action_id"
			 " JOIN documents d ON d.id = a.doc_id WHERE 1");
		deadline_filters(db, &sql, q);
	}
	buf_adds(&sql, order);
	if (!sql.s)
		return PDX_ENOMEM;

	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, sql.s, -1, &s, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(db->h));
		buf_free(&sql);
		return PDX_ERR;
	}
	buf_free(&sql);
	int i = 1;
	deadline_bind(db, s, q, &i);
	if (q->limit > 0)
		sqlite3_bind_int64(s, i++, q->limit);
	int rc, out_rc = PDX_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_due *e = grow((void **)&out->v, &out->n, &out->cap, sizeof *out->v);
		if (e)
			memset(e, 0, sizeof *e);
		if (!e || read_hit(s, &out->hits, -1)) {
			out_rc = PDX_ENOMEM;
			break;
		}
		/* the entry's nine columns come after HIT_COLUMNS, however
		 * many those are */
		int tc = sqlite3_column_count(s) - 9;
		read_time(s, tc, &e->t);
		e->index = sqlite3_column_int(s, tc + 7);
		e->dup = sqlite3_column_int(s, tc + 8);
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
	static const char *const kinds[] = { "deadline", "closes", "expires" };
	if (!q->pillar || q->nagencies || q->nkinds != 3)
		return false;
	for (size_t i = 0; i < 3; i++)
		if (strcmp(q->kinds[i], kinds[i]) != 0)
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
	buf_init(&sql);
	/* a.id stands for the record: no row of actions is read unless a
	 * filter needs it */
	buf_adds(&sql, "SELECT count(*), coalesce(sum(t.value IS NULL), 0),"
		 " coalesce(sum(substr(t.value, 1, 10) < ?), 0)"
		 " FROM timeline t JOIN actions a ON a.id = t.action_id WHERE 1");
	pdx_deadline_query f = *q;
	f.before = f.from_day = f.start_max = f.end_min = f.end_before = NULL;
	deadline_filters(db, &sql, &f);
	sqlite3_stmt *s = NULL;
	if (!sql.s || sqlite3_prepare_v2(db->h, sql.s, -1, &s, NULL) != SQLITE_OK) {
		buf_free(&sql);
		return PDX_ERR;
	}
	buf_free(&sql);
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

/* Pillars ---- */

fts5_api *db_fts5_api(pdx_db *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(s);
	sqlite3_finalize(s);
	return api;
}

int db_pillar_rows(pdx_db *db, bool plan_only,
		   int (*fn)(const pdx_pillar_row *r, void *arg),
		   int (*pause)(void *arg), void *arg)
{
	/* rowid order is document order: a document's records are inserted
	 * together, in order, and never updated in place. Read in chunks of
	 * PILLAR_CHUNK by id, so that between two no statement reads the
	 * table and pause() may write to it. */
	enum { PILLAR_CHUNK = 4096 };
	sqlite3_stmt *s = NULL;
	/* every record: actions alone, without a lookup of its document */
#define PILLAR_ROW_SQL "SELECT a.id, a.doc_id, a.kind, a.key, a.pillar, a.pillar_source," \
		       " a.section, a.text, a.pillar_score, a.agency_names FROM actions a"
	if (sqlite3_prepare_v2(db->h, plan_only
			       ? PILLAR_ROW_SQL " JOIN documents d ON d.id = a.doc_id"
				 " WHERE a.id > ?2 AND d.kind = 'plan' AND a.pillar_source = 'structure'"
				 " ORDER BY a.id LIMIT ?3"
			       : PILLAR_ROW_SQL " WHERE a.id > ?2 ORDER BY a.id LIMIT ?3",
			       -1, &s, NULL) != SQLITE_OK)
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
				.kind = (const char *)sqlite3_column_text(s, 2),
				.key = (const char *)sqlite3_column_text(s, 3),
				.pillar = sqlite3_column_int(s, 4),
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

int db_links_reset(pdx_db *db)
{
	return exec(db, "DELETE FROM links;");
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
	sqlite3_stmt *s = stmt(db, ST_LINK_ADD);
	if (!s)
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, action_id);
	if (plan_action_id)
		sqlite3_bind_int64(s, 2, plan_action_id);
	bind_text(s, 3, plan_key);
	bind_text(s, 4, section);
	sqlite3_bind_int(s, 5, pillar);
	sqlite3_bind_double(s, 6, score);
	sqlite3_bind_int(s, 7, record_pillar);
	return step_done(s);
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
		pdx_link *l = grow((void **)out, n, &cap, sizeof **out);
		if (!l) {
			sqlite3_reset(s);
			return PDX_ENOMEM;
		}
		l->id = sqlite3_column_int64(s, 0);
		l->key = col_text(s, 1);
		l->section = col_text(s, 2);
		l->text = col_text(s, 3);
		l->doc_path = col_text(s, 4);
		l->doc_part = sqlite3_column_int(s, 5);
		l->doc_title = col_text(s, 6);
		l->doc_kind = col_text(s, 7);
		l->pillar = sqlite3_column_int(s, 8);
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

/* The summary's four queries: SELECT ... FROM ..., then what follows the
 * WHERE clause. Each is run live (with an agency filter) or stored by
 * db_summary_refresh into its summary_* table, whose columns are the
 * query's. */
enum { SUM_KINDS, SUM_SECTIONS, SUM_AGENCIES, SUM_DOCS, SUM_COUNT };
static const struct {
	const char *table, *select, *rest, *cached;
} summary_sql[SUM_COUNT] = {
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
	buf_init(&sql);
	if (cached) {
		buf_adds(&sql, summary_sql[which].cached);
	} else {
		buf_adds(&sql, which == SUM_DOCS ? summary_docs_live : summary_sql[which].select);
		buf_adds(&sql, " WHERE a.pillar = ?1");
		if (agency)
			buf_adds(&sql, " AND a.id IN temp.scope");
		buf_adds(&sql, summary_sql[which].rest);
	}
	sqlite3_stmt *s = NULL;
	if (!sql.s || sqlite3_prepare_v2(db->h, sql.s, -1, &s, NULL) != SQLITE_OK) {
		buf_free(&sql);
		return NULL;
	}
	buf_free(&sql);
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
		bind_agency(s, &i, agency, false, NULL);	/* sub-agencies, any role */
		rc = step_done(s);
	}
	sqlite3_finalize(s);
	if (rc == PDX_OK && !(db->scope = xstrdup(agency)))
		rc = PDX_ENOMEM;
	return rc;
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
	" GROUP BY 1, 2;"
	" INSERT INTO summary_agencies(pillar, agency_id, acronym, role, n)"
	" SELECT c.p, g.id, g.acronym, c.role, c.n FROM (SELECT pdx_pillar_of(r.action_id) AS p,"
	" r.agency_id AS agency_id, r.role AS role, count(*) AS n FROM action_agencies r"
	" WHERE r.role IN ('lead', 'support') AND pdx_pillar_of(r.action_id) IN (1, 2, 3)"
	" GROUP BY 1, 2, 3) c JOIN agencies g ON g.id = c.agency_id"
	" ORDER BY c.p, c.n DESC, g.id;";

/* ... and without a map, each record looked up */
static const char summary_dues_joined[] =
	"INSERT INTO summary_dues SELECT a.pillar, substr(t.value, 1, 10), count(*)"
	" FROM timeline t JOIN actions a ON a.id = t.action_id"
	" WHERE t.kind IN ('deadline', 'closes', 'expires') AND a.pillar IN (1, 2, 3)"
	" GROUP BY 1, 2;";

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
		buf_init(&sql);
		buf_adds(&sql, "INSERT INTO ");
		buf_adds(&sql, summary_sql[w].table);
		buf_adds(&sql, " SELECT ?1, * FROM (");
		buf_adds(&sql, summary_sql[w].select);
		buf_adds(&sql, " WHERE a.pillar = ?1");
		buf_adds(&sql, summary_sql[w].rest);
		buf_adds(&sql, ")");
		sqlite3_stmt *s = NULL;
		rc = sql.s && sqlite3_prepare_v2(db->h, sql.s, -1, &s, NULL) == SQLITE_OK
			? PDX_OK : PDX_ERR;
		buf_free(&sql);
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
		pdx_count *k = grow((void **)&out->kinds, &out->nkinds, &cap, sizeof *k);
		if (!k || !(k->name = xstrdup(kind)))
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
		pdx_section_count *c = grow((void **)&out->sections, &out->nsections, &cap,
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
		bool lead = strcmp((const char *)sqlite3_column_text(s, 2), "lead") == 0;
		pdx_agency_count *a = lead
			? grow((void **)&out->lead, &out->nlead, &lcap, sizeof *a)
			: grow((void **)&out->support, &out->nsupport, &scap, sizeof *a);
		if (!a)
			break;
		a->id = col_text(s, 0);
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
		pdx_doc_row *d = grow((void **)&out->docs, &out->ndocs, &cap, sizeof *d);
		if (!d)
			break;
		memset(d, 0, sizeof *d);
		d->id = sqlite3_column_int64(s, 0);
		d->path = col_text(s, 1);
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

void db_pillar_summary_free(pdx_pillar_summary *s)
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
