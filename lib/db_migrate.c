/* db_migrate.c - older schemas: what the indexer does to bring a
 * database of an older version to this one (db_migrate, in the
 * transaction of db_open that then creates what it lacks), and what a
 * reader sees in place of what a database of version 2 or older lacks
 * (db_compat_views). Every step is added if missing: nothing to do when
 * the file has it already. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "db_int.h"
#include "polidex/util.h"

/* The columns schema 3 added to documents (DOC_ID_COLUMNS_SQL in db.c's
 * schema, in the same order): the precise type and the
 * identifiers (identify.c), and the work each document is a rendition of
 * (copy_of: the canonical rendition's id, NULL for the canonical one). */
static const char *const doc_id_columns[] = {
	"type TEXT", "subtype TEXT", "fr_doc TEXT", "fr_citation TEXT", "rin TEXT",
	"docket TEXT", "number TEXT", "effective_on TEXT", "comments_close_on TEXT",
	"work_id INTEGER", "copy_of INTEGER",
};

bool db_has_column(pdx_db *db, const char *table, const char *column, bool *has_table)
{
	sqlite3_stmt *s = NULL;
	bool found = false;
	*has_table = false;
	if (sqlite3_prepare_v2(db->h, "SELECT name FROM pragma_table_info(?1)", -1, &s,
			       NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
		while (sqlite3_step(s) == SQLITE_ROW) {
			*has_table = true;
			if (strcmp((const char *)sqlite3_column_text(s, 0), column) == 0)
				found = true;
		}
	}
	sqlite3_finalize(s);
	return found;
}


/* Columns added to a table since it was first written (links'
 * record_pillar in schema 2, the documents' identifiers in 3, the
 * records' page later): added to a database that lacks them (the
 * indexer's revision stamp then makes it re-index, which fills them). */
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
	if (has_table && !has_column &&
	    exec(db, "ALTER TABLE links ADD COLUMN record_pillar INTEGER;"))
		return PDX_ERR;
	/* schema 3: the documents' type, identifiers and work */
	for (size_t i = 0; i < sizeof doc_id_columns / sizeof *doc_id_columns; i++) {
		char name[32];
		snprintf(name, sizeof name, "%.*s", (int)strcspn(doc_id_columns[i], " "),
			 doc_id_columns[i]);
		has_table = has_column = false;
		if (sqlite3_prepare_v2(db->h, "SELECT name FROM pragma_table_info('documents')",
				       -1, &s, NULL) != SQLITE_OK)
			return PDX_ERR;
		while (sqlite3_step(s) == SQLITE_ROW) {
			has_table = true;
			if (strcmp((const char *)sqlite3_column_text(s, 0), name) == 0)
				has_column = true;
		}
		sqlite3_finalize(s);
		if (!has_table || has_column)
			continue;
		char *sql = sqlite3_mprintf("ALTER TABLE documents ADD COLUMN %s;", doc_id_columns[i]);
		int rc = sql ? exec(db, sql) : PDX_ENOMEM;
		sqlite3_free(sql);
		if (rc)
			return PDX_ERR;
	}
	/* schema 5, added later: a record's PDF page */
	if (!db_has_column(db, "actions", "page", &has_table) && has_table &&
	    exec(db, "ALTER TABLE actions ADD COLUMN page INTEGER;"))
		return PDX_ERR;
	return PDX_OK;
}

/* Schema 6's clustered tables, as schema_sql has them */
#define PLAN_LINKS_V6(name) \
	"CREATE TABLE " name "(action_id INTEGER NOT NULL, n INTEGER NOT NULL," \
	" plan_action_id INTEGER, section_id INTEGER NOT NULL, score REAL, record_pillar INTEGER," \
	" PRIMARY KEY(action_id, n)) WITHOUT ROWID;"
#define ACTION_AGENCIES_V6(name) \
	"CREATE TABLE " name "(action_id INTEGER NOT NULL REFERENCES actions(id)," \
	" agency_id TEXT NOT NULL, role TEXT NOT NULL, n INTEGER NOT NULL," \
	" PRIMARY KEY(action_id, agency_id)) WITHOUT ROWID;"

/* Schema 6: action_agencies and plan_links of schema 5 (rowid tables,
 * each with an index on its key) become clustered on their key, the
 * rowid's order kept in n; their indexes and the view links made again
 * by schema_sql. Added if missing: nothing to do when they have n (or
 * are not there). */
static int cluster_tables(pdx_db *db)
{
	bool t;
	if (!db_has_column(db, "action_agencies", "n", &t) && t &&
	    exec(db, ACTION_AGENCIES_V6("action_agencies_v6")
		 "INSERT INTO action_agencies_v6(action_id, agency_id, role, n)"
		 " SELECT action_id, agency_id, role,"
		 " row_number() OVER (PARTITION BY action_id ORDER BY rowid) - 1 FROM action_agencies;"
		 "DROP TABLE action_agencies;"
		 "ALTER TABLE action_agencies_v6 RENAME TO action_agencies;"))
		return PDX_ERR;
	if (!db_has_column(db, "plan_links", "n", &t) && t &&
	    exec(db, "DROP VIEW IF EXISTS links;"
		 PLAN_LINKS_V6("plan_links_v6")
		 "INSERT INTO plan_links_v6(action_id, n, plan_action_id, section_id, score, record_pillar)"
		 " SELECT action_id, row_number() OVER (PARTITION BY action_id ORDER BY rowid) - 1,"
		 " plan_action_id, section_id, score, record_pillar FROM plan_links;"
		 "DROP TABLE plan_links;"
		 "ALTER TABLE plan_links_v6 RENAME TO plan_links;"))
		return PDX_ERR;
	return PDX_OK;
}

/* Schema 7: the records' agency names read through the view actions_text
 * (FTS_SQL) instead of a column of actions. Added if missing: the rows of
 * action_agencies without fts get it, set for what the indexer put into
 * the index (a body of the stored gazetteer that is no document's own
 * body, in a role the tagger gives: not an inherited issuer); while
 * actions has the column, the trigger and the index go, the column after
 * them, and the index is built again whole from the view (the same
 * words, the names being the same). The file does not shrink (VACUUM
 * cannot run in a transaction; gen 24 MB: 82.6 -> 84.7 MB in 1.3 s,
 * where a new file is 76.6 MB): VACUUM, or a new file, is the smaller
 * one. */
static int names_from_agencies(pdx_db *db)
{
	bool t, bodies;
	if (!db_has_column(db, "action_agencies", "fts", &t) && t) {
		db_has_column(db, "doc_bodies", "agency_id", &bodies);
		if (exec(db, "ALTER TABLE action_agencies ADD COLUMN fts INTEGER NOT NULL DEFAULT 0;") ||
		    exec(db, bodies ? "UPDATE action_agencies SET fts = 1 WHERE role <> 'issuer'"
				      " AND agency_id IN (SELECT id FROM agencies)"
				      " AND agency_id NOT IN (SELECT agency_id FROM doc_bodies);"
				    : "UPDATE action_agencies SET fts = 1 WHERE role <> 'issuer'"
				      " AND agency_id IN (SELECT id FROM agencies);"))
			return PDX_ERR;
	}
	if (db_has_column(db, "actions", "agency_names", &t) &&
	    exec(db, "DROP TRIGGER IF EXISTS actions_ad; DROP TABLE IF EXISTS actions_fts;"
		 " ALTER TABLE actions DROP COLUMN agency_names;" FTS_SQL
		 " INSERT INTO actions_fts(actions_fts) VALUES('rebuild');"))
		return PDX_ERR;
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
		    PLAN_LINKS_V6("plan_links")
		    "INSERT INTO link_sections(pillar, section, key)"
		    " SELECT pillar, section, CASE WHEN plan_action_id IS NULL THEN plan_key END"
		    " FROM links_v2 GROUP BY 1, 2, 3 ORDER BY min(rowid);"
		    "INSERT INTO plan_links(action_id, n, plan_action_id, section_id, score, record_pillar)"
		    " SELECT l.action_id, row_number() OVER (PARTITION BY l.action_id ORDER BY l.rowid) - 1,"
		    " l.plan_action_id, s.id, l.score, l.record_pillar"
		    " FROM links_v2 l JOIN link_sections s ON s.pillar IS l.pillar"
		    " AND s.section IS l.section"
		    " AND s.key IS (CASE WHEN l.plan_action_id IS NULL THEN l.plan_key END)"
		    " ORDER BY l.rowid;"
		    "DROP TABLE links_v2;");
}

/* For a database of schema 2 or older opened to read: a temporary view
 * "documents" with the columns schema 3 added (NULL), and an empty
 * temporary "works", which unqualified names find before the file's own. */
int db_compat_views(pdx_db *db)
{
	pdx_buf sql;
	pdx_buf_init(&sql);
	pdx_buf_adds(&sql, "CREATE TEMP VIEW IF NOT EXISTS documents AS SELECT *");
	for (size_t i = 0; i < sizeof doc_id_columns / sizeof *doc_id_columns; i++) {
		int n = (int)strcspn(doc_id_columns[i], " ");
		sqlite3_stmt *s = NULL;
		bool has = false;
		if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM pragma_table_info('documents')"
				       " WHERE name = ?", -1, &s, NULL) == SQLITE_OK) {
			sqlite3_bind_text(s, 1, doc_id_columns[i], n, SQLITE_STATIC);
			has = sqlite3_step(s) == SQLITE_ROW;
		}
		sqlite3_finalize(s);
		if (!has)
			pdx_buf_printf(&sql, ", NULL AS %.*s", n, doc_id_columns[i]);
	}
	pdx_buf_adds(&sql, " FROM main.documents;"
		     "CREATE TEMP TABLE IF NOT EXISTS temp.works(id INTEGER PRIMARY KEY, key TEXT,"
		     " title TEXT, type TEXT, canonical INTEGER);");
	int rc = sql.s ? exec(db, sql.s) : PDX_ENOMEM;
	pdx_buf_clear(&sql);
	return rc;
}

/* PRAGMA user_version: the schema version (0: no polidex schema), or -1
 * when the file is not a database. */
int db_schema_version(pdx_db *db)
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
 * transaction (schema_sql then creates what is missing). Every step is
 * added if missing, whatever the version says. Version 6 -> 7: the agency
 * names no longer stored (names_from_agencies). Version 5 -> 6: two
 * tables clustered on their keys (cluster_tables). Version 3 -> 5: the table
 * links becomes link_sections and plan_links (compact_links; schema_sql
 * adds the view links and the index timeline_ranges); no step is
 * numbered 4. Version 2 -> 3:
 * the documents' columns above and the works table (the indexer's new
 * revision re-indexes, which fills them). Version 1 -> 2:
 * the impact lists are the ranked lists (table and meta key renamed; the
 * lists themselves are unchanged, so they stay valid). Returns PDX_OK, or
 * PDX_ERR with a message in err: the database cannot be migrated. */
int db_migrate(pdx_db *db, char *err, size_t errlen)
{
	/* read again in the transaction: another writer may have
	 * migrated it since */
	int version = db_schema_version(db);
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
	if (add_missing_columns(db) || compact_links(db) || cluster_tables(db) ||
	    names_from_agencies(db))
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
