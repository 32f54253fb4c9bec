/* db.c - the database handle: open (the schema, and the migration of an
 * older one), the bulk build's mode, transactions, meta, the statement
 * cache and the error message. The rest of the database module: the
 * indexer's writes in db_write.c, search in db_search.c, the query
 * side's other reads in db_read.c, the check in db_check.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db_int.h"
#include "polidex/tokenizer.h"

/* Schema version 5 (PDX_SCHEMA_VERSION; migrate() brings older ones to
 * it, and this text creates what they lack: version 5's index
 * timeline_ranges, say). Documents, records ("actions"), the gazetteer, roles, the
 * timeline, and an external-content FTS5 index over the records kept in
 * step by triggers. */
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
	/* schema 5: the ranges (a fiscal year, "2025-10-01/2026-09-30") by
	 * their last day: a date window's earliest start (db_read.c,
	 * deadline_filters); a few bytes an entry of a range */
	"CREATE INDEX IF NOT EXISTS timeline_ranges ON timeline(substr(value, 12), value)"
	" WHERE length(value) = 21;"
	/* links: a record placed by content, to the plan sections (and the
	 * action in each) it resembles most; rebuilt by the indexer's
	 * post-pass. Stored compactly (schema 5): each link names its plan
	 * section by number (link_sections: the section's pillar, name, and
	 * for a link to the section itself its key) and its plan action by
	 * id alone, whose key is the action's; the view links shows them as
	 * schema 2 stored them, and is what every query reads (a third of
	 * the bytes: the section's name was in every row and in an index) */
	"CREATE TABLE IF NOT EXISTS link_sections(id INTEGER PRIMARY KEY, pillar INTEGER,"
	" section TEXT, key TEXT);"
	"CREATE TABLE IF NOT EXISTS plan_links("
	" action_id INTEGER NOT NULL, plan_action_id INTEGER, section_id INTEGER NOT NULL,"
	" score REAL, record_pillar INTEGER);"
	"CREATE INDEX IF NOT EXISTS links_by_action ON plan_links(action_id);"
	"CREATE INDEX IF NOT EXISTS links_by_plan ON plan_links(plan_action_id);"
	/* the records of a pillar linked to its sections: the summaries */
	"CREATE INDEX IF NOT EXISTS links_by_section ON plan_links(record_pillar, section_id, action_id);"
	/* the action's key by a subquery, not a join: read only by the
	 * queries that ask for plan_key (SQLite 3.40 keeps a LEFT JOIN whose
	 * columns go unused, a fifth more for the summaries' linked counts) */
	"CREATE VIEW IF NOT EXISTS links AS SELECT l.rowid AS rowid, l.action_id AS action_id,"
	" l.plan_action_id AS plan_action_id,"
	" coalesce((SELECT p.key FROM actions p WHERE p.id = l.plan_action_id), s.key) AS plan_key,"
	" s.section AS section, s.pillar AS pillar, l.score AS score,"
	" l.record_pillar AS record_pillar"
	" FROM plan_links l JOIN link_sections s ON s.id = l.section_id;"
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
	/* the ranked lists of frequent words (db_search_ranked.c), valid while meta
	 * "ranked_lists" is there */
	"CREATE TABLE IF NOT EXISTS ranked_lists(term TEXT PRIMARY KEY, df INTEGER NOT NULL,"
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
 * links_by_action) stay: each row only appends to them, where building them
 * later would read their table again. */
static const char *const deferred_indexes[] = {
	"actions_key", "actions_kind", "actions_pillar_doc",
	"action_agencies_scope", "timeline_date", "timeline_value", "timeline_ranges",
	"links_by_plan", "links_by_section",
};

static const char *const db_sql[ST_COUNT] = {
	[ST_META_GET] = "SELECT value FROM meta WHERE key = ?",
	[ST_META_SET] = "INSERT OR REPLACE INTO meta(key, value) VALUES (?,?)",
};

sqlite3_stmt *db_stmt(pdx_db *db, int which, const char *sql)
{
	sqlite3_stmt *s = db->st[which];
	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		return s;
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &db->st[which], NULL) != SQLITE_OK)
		return NULL;
	return db->st[which];
}

static sqlite3_stmt *stmt(pdx_db *db, int which)
{
	return db_stmt(db, which, db_sql[which]);
}

const char *db_errmsg(pdx_db *db)
{
	return db && db->h ? sqlite3_errmsg(db->h) : "out of memory";
}

sqlite3 *db_handle(pdx_db *db)
{
	return db->h;
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

/* Schema 5's links (schema_sql): a table links of schema 2 becomes
 * link_sections and plan_links, the same rows in the same order, with the
 * view links in its place. Added if missing: nothing to do when links is
 * the view already (or not there). */
static int compact_links(pdx_db *db)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM sqlite_master WHERE type = 'table'"
			       " AND name = 'links'", -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	bool table = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	if (!table)
		return PDX_OK;
	return exec(db, "ALTER TABLE links RENAME TO links_v2;"
		    "CREATE TABLE link_sections(id INTEGER PRIMARY KEY, pillar INTEGER,"
		    " section TEXT, key TEXT);"
		    "CREATE TABLE plan_links(action_id INTEGER NOT NULL, plan_action_id INTEGER,"
		    " section_id INTEGER NOT NULL, score REAL, record_pillar INTEGER);"
		    "INSERT INTO link_sections(pillar, section, key)"
		    " SELECT pillar, section, CASE WHEN plan_action_id IS NULL THEN plan_key END"
		    " FROM links_v2 GROUP BY 1, 2, 3 ORDER BY min(rowid);"
		    "INSERT INTO plan_links(action_id, plan_action_id, section_id, score, record_pillar)"
		    " SELECT l.action_id, l.plan_action_id, s.id, l.score, l.record_pillar"
		    " FROM links_v2 l JOIN link_sections s ON s.pillar IS l.pillar"
		    " AND s.section IS l.section"
		    " AND s.key IS (CASE WHEN l.plan_action_id IS NULL THEN l.plan_key END)"
		    " ORDER BY l.rowid;"
		    "DROP TABLE links_v2;");
}

/* PRAGMA user_version: the schema version (0: no polidex schema), or -1
 * when the file is not a database. */
static int schema_version(pdx_db *db)
{
	sqlite3_stmt *s = NULL;
	int version = -1;
	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return version;
}

/* Bring a database of an older schema to this one, in the caller's
 * transaction (schema_sql then creates what is missing). Version 1 -> 2:
 * the impact lists are the ranked lists (table and meta key renamed; the
 * lists themselves are unchanged, so they stay valid). Returns PDX_OK, or
 * PDX_ERR with a message in err: the database cannot be migrated. */
static int migrate(pdx_db *db, char *err, size_t errlen)
{
	/* read again in the transaction: another writer may have
	 * migrated it since */
	int version = schema_version(db);
	sqlite3_stmt *s = NULL;
	bool has_impact = false;
	if (version < 0)
		goto fail;
	if (version > PDX_SCHEMA_VERSION) {
		snprintf(err, errlen, "database schema %d is newer than this program (%d);"
			 " use a newer polidex, or re-index into a new file", version,
			 PDX_SCHEMA_VERSION);
		return PDX_ERR;
	}
	if (add_missing_columns(db) || compact_links(db))
		goto fail;
	if (version != 1)
		return PDX_OK;
	if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM sqlite_master WHERE type = 'table'"
			       " AND name = 'impact'", -1, &s, NULL) != SQLITE_OK)
		goto fail;
	has_impact = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	if ((has_impact && exec(db, "ALTER TABLE impact RENAME TO ranked_lists;")) ||
	    exec(db, "UPDATE OR REPLACE meta SET key = 'ranked_lists' WHERE key = 'impact';"))
		goto fail;
	return PDX_OK;
fail:
	snprintf(err, errlen, "cannot migrate the database from schema %d to %d (%s);"
		 " re-index into a new file", version, PDX_SCHEMA_VERSION, sqlite3_errmsg(db->h));
	return PDX_ERR;
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
	int version = schema_version(db);
	if (version < 0) {
		snprintf(err, errlen, "not a database: %s", sqlite3_errmsg(db->h));
		db_close(db);
		return PDX_EIO;
	}
	if (version > PDX_SCHEMA_VERSION) {
		snprintf(err, errlen, "database schema %d is newer than this program (%d);"
			 " use a newer polidex, or re-index into a new file", version,
			 PDX_SCHEMA_VERSION);
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
		/* an older schema is migrated in the transaction that
		 * creates what it lacks: whole, or not at all */
		if (rc || exec(db, "BEGIN IMMEDIATE;")) {
			snprintf(err, errlen, "cannot create the schema: %s", sqlite3_errmsg(db->h));
			db_close(db);
			return PDX_EIO;
		}
		if (migrate(db, err, errlen)) {
			exec(db, "ROLLBACK;");
			db_close(db);
			return PDX_EIO;
		}
		if (exec(db, schema_sql) || exec(db, ver)) {
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
	db_link_sections_clear(db);
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
