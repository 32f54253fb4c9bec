/* db.c - the database handle: open (the schema; an older one migrated
 * or read as it is, by db_migrate.c's steps), the bulk build's mode,
 * transactions, meta, the statement cache and the error message. The
 * rest of the database module: the indexer's writes in db_write.c,
 * search in db_search.c, the query side's other reads in db_read.c
 * (agency names in db_agencies.c), the check in db_check.c. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_int.h"
#include "polidex/util.h"
#include "polidex/tokenizer.h"

/* The columns schema 3 added to documents (db_migrate.c adds them to an
 * older database, in this order) */
#define DOC_ID_COLUMNS_SQL \
	" type TEXT, subtype TEXT, fr_doc TEXT, fr_citation TEXT, rin TEXT," \
	" docket TEXT, number TEXT, effective_on TEXT, comments_close_on TEXT," \
	" work_id INTEGER, copy_of INTEGER"

/* Schema version 7 (PDX_SCHEMA_VERSION; db_migrate() brings older ones to
 * it, and this text creates what they lack: version 3's works, version
 * 5's index timeline_ranges and compact links, say). Documents, records
 * ("actions"), the gazetteer, roles, the
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
	DOC_ID_COLUMNS_SQL ","
	" UNIQUE(path, part));"
	/* works: what several documents can be renditions of (an order, the
	 * plan, a notice, a release); rebuilt by the indexer's post-pass */
	"CREATE TABLE IF NOT EXISTS works(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,"
	" title TEXT, type TEXT, canonical INTEGER);"
	"CREATE TABLE IF NOT EXISTS actions("
	" id INTEGER PRIMARY KEY,"
	" doc_id INTEGER NOT NULL REFERENCES documents(id),"
	" key TEXT NOT NULL, kind TEXT NOT NULL,"
	" pillar INTEGER, pillar_source TEXT, pillar_score REAL,"
	" section TEXT, label TEXT, text TEXT NOT NULL, lang TEXT,"
	" line INTEGER, ordinal INTEGER,"
	" page INTEGER,"
	/* key first: the constraint's index is also the lookup by key
	 * (show KEY); a database made before keeps UNIQUE(doc_id, key) and
	 * its index actions_key(key), which do the same in two */
	" UNIQUE(key, doc_id));"
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
	/* schema 6: clustered on its key (a rowid table kept a second copy
	 * of every row in the key's index); n the order the record's
	 * agencies came in (a rowid's order until then: each new or
	 * replaced row after the record's others), which the lists follow
	 * within a role */
	/* fts (schema 7): 1 when the body's names went into the record's
	 * full-text row (AGENCY_NAMES_SQL): a body of the gazetteer that
	 * the tagger found; 0 for a document's own body and an issuer the
	 * post-pass adds */
	"CREATE TABLE IF NOT EXISTS action_agencies("
	" action_id INTEGER NOT NULL REFERENCES actions(id),"
	" agency_id TEXT NOT NULL, role TEXT NOT NULL, n INTEGER NOT NULL,"
	" fts INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY(action_id, agency_id)) WITHOUT ROWID;"
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
	/* schema 6: clustered on the record (what show and the deletes
	 * read; until then a rowid table and an index links_by_action); n
	 * the link's rank in the order its record's links were written */
	"CREATE TABLE IF NOT EXISTS plan_links("
	" action_id INTEGER NOT NULL, n INTEGER NOT NULL, plan_action_id INTEGER,"
	" section_id INTEGER NOT NULL, score REAL, record_pillar INTEGER,"
	" PRIMARY KEY(action_id, n)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS links_by_plan ON plan_links(plan_action_id);"
	/* the records of a pillar linked to its sections: the summaries */
	"CREATE INDEX IF NOT EXISTS links_by_section ON plan_links(record_pillar, section_id, action_id);"
	/* the action's key by a subquery, not a join: read only by the
	 * queries that ask for plan_key (SQLite 3.40 keeps a LEFT JOIN whose
	 * columns go unused, a fifth more for the summaries' linked counts) */
	/* rowid: a record's links in the order they were written (schema 6;
	 * the table's rowid before) */
	"CREATE VIEW IF NOT EXISTS links AS SELECT l.action_id * 256 + l.n AS rowid,"
	" l.action_id AS action_id,"
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
	FTS_SQL
	/* no insert trigger: a trigger makes each INSERT a statement
	 * transaction, and FTS5 flushes its pending terms into a new segment
	 * at each one; insert_record writes the index row itself */
	"DROP TRIGGER IF EXISTS actions_ai;";

/* What a requirement copies of its record and document (filled by the
 * tracker's step as it writes the requirement, db_track_add_requirement), so that a status column or a
 * count reads the requirements alone: a million records' rows are read
 * past their text to reach a column after it. Added when missing. */
#define TRACK_COPY_COLUMNS ", pillar INTEGER, kind TEXT, path TEXT, part INTEGER, ordinal INTEGER," \
	" owner TEXT, owner_role TEXT"


static int add_track_columns(pdx_db *db)
{
	bool t;
	if (!db_has_column(db, "requirements", "ordinal", &t) && t &&
	    exec(db, "ALTER TABLE requirements ADD COLUMN pillar INTEGER;"
		 " ALTER TABLE requirements ADD COLUMN kind TEXT;"
		 " ALTER TABLE requirements ADD COLUMN path TEXT;"
		 " ALTER TABLE requirements ADD COLUMN part INTEGER;"
		 " ALTER TABLE requirements ADD COLUMN ordinal INTEGER;"))
		return PDX_ERR;
	/* the first owner, copied with the rest: until the tracker fills
	 * them, the copies read as missing (ordinal NULL) */
	if (!db_has_column(db, "requirements", "owner", &t) && t &&
	    exec(db, "ALTER TABLE requirements ADD COLUMN owner TEXT;"
		 " ALTER TABLE requirements ADD COLUMN owner_role TEXT;"
		 " UPDATE requirements SET ordinal = NULL;"))
		return PDX_ERR;
	return PDX_OK;
}

/* Schema version 4: the tracker's tables (lib/db_track.c), created when
 * missing whatever the version the file had (add-if-missing: no other
 * migration step). requirements and evidence are rebuilt by each
 * post-pass; manual_status is the analyst's word (polidex-index
 * --status) and outlives re-indexing, by record key. */
static const char track_sql[] =
	"CREATE TABLE IF NOT EXISTS requirements("
	" action_id INTEGER PRIMARY KEY, key TEXT NOT NULL, type TEXT NOT NULL,"
	" due TEXT, due_at TEXT, due_tz TEXT, anchor TEXT, due_by TEXT, expr TEXT,"
	" doc_date TEXT" TRACK_COPY_COLUMNS ");"
	"CREATE INDEX IF NOT EXISTS requirements_key ON requirements(key);"
	"CREATE TABLE IF NOT EXISTS evidence("
	" requirement_id INTEGER NOT NULL, doc_id INTEGER NOT NULL, action_id INTEGER,"
	" date TEXT, how TEXT NOT NULL, confidence REAL, completes INTEGER NOT NULL,"
	" text TEXT);"
	"CREATE INDEX IF NOT EXISTS evidence_req ON evidence(requirement_id);"
	"CREATE INDEX IF NOT EXISTS evidence_doc ON evidence(doc_id, action_id);"
	"CREATE TABLE IF NOT EXISTS manual_status("
	" key TEXT PRIMARY KEY, status TEXT NOT NULL, date TEXT, evidence TEXT, note TEXT,"
	" source TEXT, line INTEGER, set_at TEXT);"
	/* the bodies a document creates (an order's new task force), each
	 * also an agency for as long as a document creates it */
	/* what an incremental post-pass starts from: the words of the text
	 * and headings with the records that hold them, as the last
	 * post-pass counted them, and the records deleted since (the meta
	 * key postpass says how far they go) */
	"CREATE TABLE IF NOT EXISTS pillar_vocab(word TEXT PRIMARY KEY, df INTEGER NOT NULL)"
	" WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS postpass_gone(id INTEGER PRIMARY KEY, doc_id INTEGER,"
	" pillar_source TEXT, text TEXT, section TEXT, agency_names TEXT, doc_kind TEXT,"
	" doc_date TEXT);"
	"CREATE TABLE IF NOT EXISTS doc_bodies("
	" doc_id INTEGER NOT NULL, agency_id TEXT NOT NULL, name TEXT NOT NULL, short TEXT,"
	" parent TEXT, PRIMARY KEY(doc_id, agency_id));";

/* FTS5 gathers the terms of the rows inserted in memory and writes them
 * as a new segment of the index when they pass its 'hashsize' (1 MB by
 * default); segments are then merged. A bulk build gathers 8 MB, which
 * makes fewer segments to merge (the floor at 40 MB: 2.97 -> 2.60 s; 16
 * and 32 MB gave no more), and sets the default back when it seals the
 * database, as later runs write in small batches while others read. */
#define BULK_FTS_HASH "8388608"

/* What a write-ahead log reset leaves of its file at most (64 MB): the
 * log grows while readers keep the checkpoint from its end, and SQLite
 * otherwise never shrinks the file. */
#define WAL_LIMIT "PRAGMA journal_size_limit=67108864;"
/* What a reading connection maps of the file (16 GB) */
#define READ_MMAP_SIZE "17179869184"
#define FTS_HASH_DEFAULT "1048576"

/* The indexes a bulk build leaves out while it inserts (DB_BULK): none
 * of them serves the inserts or the pillar post-pass (which updates the
 * records' pillars and writes the links), and a sort builds each faster
 * than rows arriving in id order can, out of key order. schema_sql
 * creates them again (db_bulk_indexes, before the summaries). The
 * indexes whose keys come in id order (actions_doc, timeline_action)
 * stay: each row only appends to them, where building them later would
 * read their table again. */
static const char *const deferred_indexes[] = {
	"actions_kind", "actions_pillar_doc",
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
	if (db && db->failed)
		return db->failed;
	return db && db->h ? sqlite3_errmsg(db->h) : "out of memory";
}

sqlite3 *db_handle(pdx_db *db)
{
	return db->h;
}

static bool has_actions(pdx_db *db)
{
	bool t;
	db_has_column(db, "actions", "id", &t);
	return t;
}

static bool actions_has_page(pdx_db *db)
{
	bool t;
	return db_has_column(db, "actions", "page", &t);
}

/* One text from the first row of sql (bound to a and b when given), or
 * NULL (no row, or an error). Caller frees with sqlite3_free. */
static char *one_text(sqlite3 *h, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *s = NULL;
	char *v = NULL;
	if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) != SQLITE_OK)
		return NULL;
	if (a)
		sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		v = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

/* Before the indexer writes into an existing file: is it ours, and whole?
 * A file with tables but no polidex schema (another program's SQLite
 * file) is refused rather than converted; a polidex database must pass
 * PRAGMA quick_check. Returns PDX_OK, or PDX_ERR with a message in err. */
static int check_ours(pdx_db *db, int version, char *err, size_t errlen)
{
	char *v = one_text(db->h, "SELECT name FROM sqlite_master WHERE type = 'table'"
			   " ORDER BY name = 'meta' DESC, name", NULL, NULL);
	bool foreign = v && (version == 0 || strcmp(v, "meta") != 0);
	if (foreign)
		snprintf(err, errlen, "not a polidex database (it holds table '%s' and no polidex"
			 " schema); index into a new file", v);
	sqlite3_free(v);
	if (foreign)
		return PDX_ERR;
	if (version == 0)
		return PDX_OK;
	v = one_text(db->h, "PRAGMA quick_check(1)", NULL, NULL);
	bool ok = v && strcmp(v, "ok") == 0;
	if (!ok)
		snprintf(err, errlen, "the database is damaged (quick_check: %s); re-index into a"
			 " new file", v ? v : sqlite3_errmsg(db->h));
	sqlite3_free(v);
	return ok ? PDX_OK : PDX_ERR;
}

/* Is the schema the one schema_sql makes: every table with its columns,
 * every index, trigger and virtual table with its definition (objects
 * added beside them are left alone)? Compared with schema_sql run in an
 * in-memory database. Returns PDX_OK, or PDX_ERR with the first
 * difference in err. */
static int check_schema(pdx_db *db, char *err, size_t errlen)
{
	static const char cols[] =
		"SELECT group_concat(name || ' ' || type || ' ' || \"notnull\" || ' ' || pk, ', ')"
		" FROM pragma_table_info(?1)";
	static const char def[] = "SELECT sql FROM sqlite_master WHERE type = ?1 AND name = ?2";
	sqlite3 *m = NULL;
	sqlite3_stmt *s = NULL;
	int rc = PDX_OK;
	if (sqlite3_open_v2(":memory:", &m, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) ||
	    tokenizer_register(m) != SQLITE_OK ||
	    sqlite3_exec(m, schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(m, "SELECT type, name, sql LIKE 'CREATE VIRTUAL%' FROM sqlite_master"
			       " WHERE sql IS NOT NULL ORDER BY rowid", -1, &s, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot make the expected schema: %s", sqlite3_errmsg(m));
		sqlite3_close(m);
		return PDX_ERR;
	}
	while (rc == PDX_OK && sqlite3_step(s) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(s, 0);
		const char *name = (const char *)sqlite3_column_text(s, 1);
		bool table = strcmp(type, "table") == 0 && !sqlite3_column_int(s, 2);
		char *want = one_text(m, table ? cols : def, table ? name : type, table ? NULL : name);
		char *have = one_text(db->h, table ? cols : def, table ? name : type,
				      table ? NULL : name);
		if (!have || !want || strcmp(have, want) != 0) {
			snprintf(err, errlen, "the database's schema is not polidex's (%s '%s' %s);"
				 " re-index into a new file", type, name,
				 !have ? "is missing" : table ? "has other columns" : "is defined otherwise");
			rc = PDX_ERR;
		}
		sqlite3_free(want);
		sqlite3_free(have);
	}
	sqlite3_finalize(s);
	sqlite3_close(m);
	return rc;
}

/* How long an open waits for a lock another connection holds (an
 * indexer's write transaction), in ms; the program's choice. */
static int busy_timeout_ms = PDX_BUSY_TIMEOUT_DEFAULT;

void db_set_busy_timeout(int ms)
{
	busy_timeout_ms = ms < 0 ? 0 : ms;
}

/* Open db->h on uri (a path, or a file: URI) with flags, the busy timeout
 * and the tokenizers, and read the schema version. Returns the version
 * (>= 0), or -1 with the reason in why (db->h then closed). */
static int try_open(pdx_db *db, const char *uri, int flags, char *why, size_t whylen)
{
	int rc = sqlite3_open_v2(uri, &db->h, flags, NULL);
	int version = -1;
	if (rc != SQLITE_OK) {
		snprintf(why, whylen, "%s", db->h ? sqlite3_errmsg(db->h) : "cannot open");
	} else {
		sqlite3_extended_result_codes(db->h, 1);
		sqlite3_busy_timeout(db->h, busy_timeout_ms);
		if (tokenizer_register(db->h) != SQLITE_OK || ranked_register(db_fts5_api(db)) != SQLITE_OK)
			snprintf(why, whylen, "cannot register the tokenizer: %s", sqlite3_errmsg(db->h));
		else if ((version = db_schema_version(db)) < 0)
			snprintf(why, whylen, "%s", sqlite3_errmsg(db->h));
	}
	if (version < 0) {
		sqlite3_close_v2(db->h);
		db->h = NULL;
	}
	return version;
}

/* Is the file at path missing or empty (its write-ahead log)? */
static bool file_empty(const char *path, const char *suffix)
{
	char name[4096];
	struct stat st;
	if (snprintf(name, sizeof name, "%s%s", path, suffix) >= (int)sizeof name)
		return false;
	return stat(name, &st) != 0 ? errno == ENOENT : st.st_size == 0;
}

/* path as a file: URI with immutable=1 (percent-encoded), or NULL. */
static char *immutable_uri(const char *path)
{
	pdx_buf b;
	pdx_buf_init(&b);
	pdx_buf_adds(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (isalnum(*p) || strchr("/-._~", *p))
			pdx_buf_addc(&b, (char)*p);
		else
			pdx_buf_printf(&b, "%%%02X", *p);
	}
	pdx_buf_adds(&b, "?immutable=1");
	return pdx_buf_take(&b);
}

/* Open for reading a database that may not be writable (a read-only
 * mount, another user's file in a read-only folder, a full disk): read
 * and write first (a reader of a WAL database writes the -shm index),
 * then read-only, then, when no write-ahead log holds anything that
 * would be missed, immutable (no locks: nothing can change it). Returns
 * the schema version, or -1 with what failed first in err. */
static int open_for_reading(pdx_db *db, const char *path, char *err, size_t errlen)
{
	char why[256] = "", why2[256] = "";
	int version = try_open(db, path, SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READWRITE, why, sizeof why);
	if (version >= 0)
		return version;
	if (access(path, F_OK) != 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	version = try_open(db, path, SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READONLY, why2, sizeof why2);
	if (version >= 0)
		return version;
	if (file_empty(path, "-wal")) {
		char *uri = immutable_uri(path);
		if (uri)
			version = try_open(db, uri, SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
					   why2, sizeof why2);
		free(uri);
		if (version >= 0)
			return version;
		snprintf(err, errlen, "%s; read-only: %s", why, why2);
	} else {
		snprintf(err, errlen, "%s; read-only: %s (its write-ahead log '%s-wal' cannot be read"
			 " without write access to the folder: run polidex-index on it once where it can"
			 " be written)", why, why2, path);
	}
	return -1;
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
	int version;
	bool has_t;
	if (mode == DB_READONLY) {
		if ((version = open_for_reading(db, path, err, errlen)) < 0) {
			db_close(db);
			return PDX_EIO;
		}
	} else {
		char why[256];
		version = try_open(db, path, SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
				   why, sizeof why);
		if (version < 0) {
			snprintf(err, errlen, "not a database: %s", why);
			db_close(db);
			return PDX_EIO;
		}
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
	if (mode == DB_CREATE && check_ours(db, version, err, errlen)) {
		db_close(db);
		return PDX_EIO;
	}
	/* an older database read as it is (the indexer migrates it; a
	 * reader may not write): the columns and tables it lacks are seen
	 * empty, through temporary ones that shadow its own (schema 3's:
	 * schema 5 adds nothing a query must see, its links a view with
	 * the old table's columns and timeline_ranges an index) */
	if (mode == DB_READONLY && version < 3 && db_compat_views(db)) {
		snprintf(err, errlen, "cannot read the schema %d database: %s", version,
			 sqlite3_errmsg(db->h));
		db_close(db);
		return PDX_EIO;
	}
	/* schema 5 or older: a record's agencies in their rowid's order */
	if (mode == DB_READONLY && version < 6 && !db_has_column(db, "action_agencies", "n", &has_t) &&
	    has_t && exec(db, "CREATE TEMP VIEW IF NOT EXISTS action_agencies AS SELECT action_id,"
			  " agency_id, role, rowid AS n FROM main.action_agencies;")) {
		snprintf(err, errlen, "cannot read the schema %d database: %s", version,
			 sqlite3_errmsg(db->h));
		db_close(db);
		return PDX_EIO;
	}
	/* a reader maps the file instead of copying each page it reads
	 * through a system call (a listing of a million records' deadlines
	 * spent a third of its time in pread); SQLite caps the size at its
	 * compiled maximum and reads what lies beyond with pread */
	if (mode == DB_READONLY)
		exec(db, "PRAGMA mmap_size=" READ_MMAP_SIZE ";");
	/* an actions table without the page column (indexed before it
	 * came): pages seen NULL */
	if (mode == DB_READONLY && has_actions(db) && !actions_has_page(db) &&
	    exec(db, "CREATE TEMP VIEW IF NOT EXISTS actions AS SELECT *, NULL AS page"
		 " FROM main.actions;")) {
		snprintf(err, errlen, "cannot read the schema %d database: %s", version,
			 sqlite3_errmsg(db->h));
		db_close(db);
		return PDX_EIO;
	}
	if (mode == DB_CREATE || mode == DB_BULK) {
		char ver[64];
		snprintf(ver, sizeof ver, "PRAGMA user_version=%d;", PDX_SCHEMA_VERSION);
		/* WAL with synchronous=NORMAL: each document's transaction is
		 * atomic; a power cut may lose the last ones, never half of one */
		int rc = mode == DB_BULK
			? exec(db, "PRAGMA journal_mode=OFF;") || exec(db, "PRAGMA synchronous=OFF;")
			: exec(db, "PRAGMA journal_mode=WAL;") || exec(db, "PRAGMA synchronous=NORMAL;") ||
			  exec(db, WAL_LIMIT);
		/* an older schema is migrated in the transaction that
		 * creates what it lacks: whole, or not at all */
		if (rc || exec(db, "BEGIN IMMEDIATE;")) {
			snprintf(err, errlen, "cannot create the schema: %s", sqlite3_errmsg(db->h));
			db_close(db);
			return PDX_EIO;
		}
		if (db_migrate(db, err, errlen)) {
			exec(db, "ROLLBACK;");
			db_close(db);
			return PDX_EIO;
		}
		if (exec(db, schema_sql) || exec(db, track_sql) || add_track_columns(db) ||
		    exec(db, ver)) {
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
		db->writer = mode == DB_CREATE;
	}
	if (mode == DB_CREATE && check_schema(db, err, errlen)) {
		db_close(db);
		return PDX_EIO;
	}
	*out = db;
	return PDX_OK;
}

int db_expected_schema(sqlite3 **out, char *err, size_t errlen)
{
	*out = NULL;
	if (sqlite3_open_v2(":memory:", out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
	    tokenizer_register(*out) != SQLITE_OK ||
	    sqlite3_exec(*out, schema_sql, NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot build the expected schema: %s",
			 *out ? sqlite3_errmsg(*out) : "out of memory");
		sqlite3_close(*out);
		*out = NULL;
		return PDX_ERR;
	}
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
		/* the clean-up below would leave "not an error" */
		sqlite3_free(db->failed);
		db->failed = sqlite3_mprintf("%s", sqlite3_errmsg(db->h));
		if (own)
			exec(db, "ROLLBACK;");
		rc = PDX_ERR;
	}
	exec(db, "PRAGMA threads=0;");
	return rc;
}

/* Sealing a bulk build: the post-pass's updates grew the records it
 * placed by their pillar, source and score (17 bytes), splitting the
 * full pages their inserts had left: a seventh of the records' pages
 * stood empty (24 MB of corpus: 5.3 of 37.5 MB). VACUUM INTO writes
 * every table and index again packed into a new file, into (there 80.3
 * -> 76.2 MB): the same pages VACUUM makes, without its second half,
 * which copies them all back over the first file (24 MB: 0.20 -> 0.13
 * s). Still without a journal or syncs, as the copy is new and not yet
 * in place; the copy is then put in WAL mode for its later users. */
int db_bulk_seal(pdx_db *db, const char *into)
{
	if (exec(db, "INSERT INTO actions_fts(actions_fts, rank) VALUES('hashsize', "
		 FTS_HASH_DEFAULT ");"))
		return PDX_ERR;
	char *sql = sqlite3_mprintf("VACUUM INTO %Q;", into);
	int rc = sql ? exec(db, sql) : PDX_ENOMEM;
	sqlite3_free(sql);
	if (rc)
		return rc;
	sqlite3 *h = NULL;
	rc = sqlite3_open_v2(into, &h, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	     sqlite3_exec(h, "PRAGMA journal_mode=WAL;", NULL, NULL, NULL) == SQLITE_OK
		? PDX_OK : PDX_ERR;
	if (rc && h) {
		/* the message where the caller reads it */
		sqlite3_free(db->failed);
		db->failed = sqlite3_mprintf("%s", sqlite3_errmsg(h));
	}
	sqlite3_close(h);
	return rc;
}

/* Fold the write-ahead log into the database and empty it, when the
 * readers let it: waits for them a moment at most, then leaves it (the
 * next run tries again; meanwhile WAL_LIMIT bounds what a reset leaves). */
static void checkpoint(pdx_db *db)
{
	sqlite3_busy_timeout(db->h, 200);
	if (sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) != SQLITE_OK)
		sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

void db_close(pdx_db *db)
{
	if (!db)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(db->st[i]);
	if (db->writer && db->h && sqlite3_get_autocommit(db->h))
		checkpoint(db);
	sqlite3_close(db->h);
	db_link_sections_clear(db);
	free(db->scope);
	sqlite3_free(db->failed);
	free(db);
}

int db_begin(pdx_db *db)
{
	sqlite3_free(db->failed);
	db->failed = NULL;
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
