/* db_int.h - what the files of the database module (lib/db*.c) share,
 * and what db_search_ranked.c needs of them: the handle, its statement cache, the
 * small helpers every statement uses and the SQL pieces two sides use. */
#ifndef POLIDEX_DB_INT_H
#define POLIDEX_DB_INT_H

#include <stdlib.h>

#include "polidex/containers.h"
#include "polidex/db.h"
#include "polidex/db_read.h"
#include "polidex/db_write.h"
#include "polidex/ranked.h"
#include "polidex/util.h"

/* The statements prepared once and cached in the handle, by the file
 * that runs them; each file keeps its own SQL (db_stmt's sql). All are
 * finalized together by db_close. */
enum {
	/* db.c */
	ST_META_GET,
	ST_META_SET,
	/* db_write.c */
	ST_DOC_HASH,
	ST_DOC_IDS,
	ST_DEL_TIMELINE,
	ST_DEL_ACTIONS,
	ST_GONE_KEEP,
	ST_GONE_CAP,
	ST_SUM_OUT_KINDS,
	ST_SUM_OUT_AGENCIES,
	ST_SUM_OUT_DUES,
	ST_SUM_OUT_SECTIONS,
	ST_SUM_OUT_DOCS,
	ST_SUM_PENDING,
	ST_DEL_BODY_ALIASES,
	ST_DEL_BODY_AGENCIES,
	ST_DEL_BODIES,
	ST_DEL_DOC,
	ST_INS_BODY,
	ST_INS_BODY_AGENCY,
	ST_INS_DOC,
	ST_INS_ACTION,
	ST_INS_FTS,
	ST_RANKED_STALE,
	ST_INS_ROLE,
	ST_INS_TIME,
	ST_INS_ALIAS,
	ST_PATHS,
	ST_DEL_LINKS,
	ST_PILLAR_SET,
	ST_LINK_ADD,
	ST_LINK_SECTION,
	/* db_search.c */
	ST_SHOW,
	ST_REC_AGENCIES,
	ST_REC_TIMES,
	ST_LINKS_FROM,
	ST_LINKS_TO,
	/* db_agencies.c */
	ST_AGENCY_LOOKUP,
	ST_AGENCY_NAMES,
	/* db_read.c */
	ST_DOCUMENTS,
	ST_RENDITIONS,
	ST_AGENCY_ROWS,
	ST_AGENCY_LABELS,
	/* db_track.c */
	ST_TRACK_REQ,
	ST_TRACK_EV,
	ST_TRACK_LEADS,
	ST_TRACK_UP,
	ST_TRACK_TEXT,
	ST_TRACK_DEMOTE,
	ST_TRACK_ANCHOR,
	ST_TRACK_ROLES,
	ST_TRACK_NAMES,
	ST_TRACK_SET_ROLE,
	ST_TRACK_OWNERS,
	ST_TRACK_EVIDENCE,
	ST_TRACK_EVIDENCE_LIGHT,
	ST_COUNT
};

/* A link section stored since the last db_links_reset (db_write.c). */
typedef struct {
	int pillar;
	char *section, *key;
	int64_t id;
} db_link_section;

struct pdx_db {
	sqlite3 *h;
	sqlite3_stmt *st[ST_COUNT];
	char *scope;		/* the agency whose records temp.scope holds */
	db_link_section *lsec;	/* the link sections stored (few: the plan's) */
	size_t nlsec, lseccap;
	char *failed;		/* the error of a step whose clean-up ran after it
				 * (db_errmsg says it until the next db_begin) */
	bool writer;		/* opened to write (DB_CREATE): checkpoint on close */
};

/* Forget the link sections stored (db_write.c). */
void db_link_sections_clear(pdx_db *db);

/* db_migrate.c: does table have column (*has_table: is it there at all)? */
bool db_has_column(pdx_db *db, const char *table, const char *column, bool *has_table);
/* PRAGMA user_version: the schema version (0: no polidex schema), or -1
 * when the file is not a database. */
int db_schema_version(pdx_db *db);
/* Bring a database of an older schema to this one, in the caller's
 * transaction; PDX_ERR with a message in err when it cannot be. */
int db_migrate(pdx_db *db, char *err, size_t errlen);
/* For a database of schema 2 or older opened to read: temporary views
 * in place of what it lacks. */
int db_compat_views(pdx_db *db);

/* Statement which of the cache, reset and its bindings cleared; prepared
 * from sql on first use. NULL when it cannot be prepared. */
sqlite3_stmt *db_stmt(pdx_db *db, int which, const char *sql);

/* Run sql (one or more statements, no values). */
static inline int exec(pdx_db *db, const char *sql)
{
	return sqlite3_exec(db->h, sql, NULL, NULL, NULL) == SQLITE_OK ? PDX_OK : PDX_ERR;
}


/* Step a write statement to completion. */
static inline int step_done(sqlite3_stmt *s)
{
	return s && sqlite3_step(s) == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

static inline void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static inline char *col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? pdx_strdup((const char *)t) : NULL;
}

/* The same for a column the schema says NOT NULL: "" when it is NULL
 * all the same (a database edited by hand), which no reader expects. */
static inline char *col_text_nn(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return pdx_strdup(t ? (const char *)t : "");
}
/* The documents that are copies of another rendition of their work, and
 * their records: left out of every count (summaries, deadlines, agencies,
 * links). */
#define COPY_DOCS_SQL "(SELECT id FROM documents WHERE copy_of IS NOT NULL)"
#define COPY_RECORDS_SQL "(SELECT a2.id FROM actions a2 JOIN documents d2 ON d2.id = a2.doc_id" \
	" WHERE d2.copy_of IS NOT NULL)"

/* The columns of a hit (db_read_hit), in order. */
#define HIT_COLUMNS \
	"a.id, a.key, a.kind, a.pillar, a.pillar_source, a.pillar_score," \
	" a.section, a.label, a.text, a.lang, a.line," \
	" d.path, d.part, d.title, d.kind, d.lang, d.published, d.issuer," \
	" d.work_id, (SELECT c.path FROM documents c WHERE c.id = d.copy_of)," \
	" (SELECT c.part FROM documents c WHERE c.id = d.copy_of), a.page"
/* The column after HIT_COLUMNS (a snippet's). */
#define HIT_NCOLS 22

/* The agency names of record ID (an SQL expression) as its full-text row
 * holds them (schema 7: no longer stored with the record): for each of
 * its agencies whose names went into the index (action_agencies.fts: a
 * body of the gazetteer the tagger found, not a document's own body nor
 * an inherited issuer), in the order they came in (n), the acronym, the
 * English and the Chinese name that are there, all joined by "; ", as
 * insert_record gives them (db_write.c, agency_names; the gazetteer's
 * names are never empty, an English one always there). NULL: none. The
 * view actions_text and the trigger actions_ad read it, so FTS5's
 * 'delete' gets what was indexed while the rows and the gazetteer stay
 * as they were (db_store_gazetteer takes the rows of the records whose
 * names change out of the index first, and puts them back after). */
#define AGENCY_NAMES_SQL(id) \
	"(SELECT group_concat(x.names, '; ') FROM (SELECT coalesce(g.acronym || '; ', '')" \
	" || g.name || coalesce('; ' || g.name_zh, '') AS names FROM action_agencies r" \
	" CROSS JOIN agencies g ON g.id = r.agency_id WHERE r.action_id = " id " AND r.fts" \
	" ORDER BY r.n) x)"

/* The full-text index (schema 7; db.c's schema, and db_migrate.c for an
 * older file): external content, read from the view actions_text, which
 * gives each record's agency names from its rows of action_agencies and
 * the gazetteer (AGENCY_NAMES_SQL; until schema 6 a column agency_names
 * of actions held them, a sixth of its bytes). The trigger deletes a
 * record's index row with the names that were indexed, then its
 * agencies' rows (deleted before it, they would take the names with
 * them). */
#define FTS_SQL \
	"CREATE VIEW IF NOT EXISTS actions_text AS SELECT a.id AS id, a.text AS text," \
	" a.section AS section, " AGENCY_NAMES_SQL("a.id") " AS agency_names FROM actions a;" \
	"CREATE VIRTUAL TABLE IF NOT EXISTS actions_fts USING fts5(" \
	" text, section, agency_names," \
	" content='actions_text', content_rowid='id', tokenize='polidex');" \
	"CREATE TRIGGER IF NOT EXISTS actions_ad AFTER DELETE ON actions BEGIN" \
	" INSERT INTO actions_fts(actions_fts, rowid, text, section, agency_names)" \
	" VALUES ('delete', old.id, old.text, old.section, " AGENCY_NAMES_SQL("old.id") ");" \
	" DELETE FROM action_agencies WHERE action_id = old.id; END;"

/* The agency filter's condition on a row r of action_agencies: the body
 * itself, and unless exact its sub-agencies at any depth; any role, or
 * the one given. Four parameters, bound by db_bind_agency. */
#define AGENCY_ROWS_SQL \
	"r.agency_id IN (WITH RECURSIVE sub(id) AS (SELECT ?" \
	" UNION SELECT g.id FROM agencies g JOIN sub ON g.parent = sub.id AND ? = 0)" \
	" SELECT id FROM sub) AND (? IS NULL OR r.role = ?)"
/* The filter after " AND <id expression>", not correlated: SQLite builds
 * the set once, off action_agencies_scope, instead of probing per record */
#define AGENCY_FILTER_SQL \
	" IN (SELECT r.action_id FROM action_agencies r WHERE " AGENCY_ROWS_SQL ")"
/* The same, after "EXISTS (... WHERE r.action_id = <id>": the record has
 * the body or one under it. */
#define AGENCY_PROBE_SQL " AND " AGENCY_ROWS_SQL ")"

/* db_search.c, for db_read.c. Bind AGENCY_ROWS_SQL's parameters from *i
 * on; role NULL: any. */
void db_bind_agency(sqlite3_stmt *s, int *i, const char *agency, bool exact,
		    const char *role);
/* Read the HIT_COLUMNS of the current row (and a snippet at column
 * snip_col, -1 for none) into a new hit. */
int db_read_hit(sqlite3_stmt *s, pdx_hits *hits, int snip_col);
/* Free the strings of one hit (db_search.c), not the hit itself. */
void db_hit_clear(pdx_hit *h);
/* Read the timeline columns kind, expr, value, precision, offset_days,
 * offset_months, anchor (in that order, from column col) into t. */
void db_read_time(sqlite3_stmt *s, int col, pdx_time *t);

/* db_read.c, for db_write.c. The summary's four queries: SELECT ... FROM
 * ..., then what follows the WHERE clause. Each is run live (with an
 * agency filter) or stored by db_summary_refresh into its summary_*
 * table, whose columns are the query's. */
enum { SUM_KINDS, SUM_SECTIONS, SUM_AGENCIES, SUM_DOCS, SUM_COUNT };
typedef struct {
	const char *table, *select, *rest, *cached;
} db_summary_query;
extern const db_summary_query db_summary_sql[SUM_COUNT];
/* PDX_SUMMARY_REVISION marks a stored summary (meta "summary") as one
 * this program reads; any other is ignored and the summary counted
 * live. */
#define PDX_SUMMARY_REVISION "2"
/* SQL: the summaries are kept by difference: stored, or stored and
 * waiting for the post-pass to count the new records in ("2 pending",
 * which the queries do not read) */
#define SUM_KEPT_SQL "EXISTS (SELECT 1 FROM meta WHERE key = 'summary' AND value IN ('" \
	PDX_SUMMARY_REVISION "', '" PDX_SUMMARY_REVISION " pending'))"

/* A pillar read back from column i of s: 1..3, or 0 (none) for
 * anything else (the file may have been edited by hand). */
static inline int col_pillar(sqlite3_stmt *s, int i)
{
	sqlite3_int64 p = sqlite3_column_int64(s, i);
	return p >= 1 && p <= 3 ? (int)p : 0;
}

/* A new in-memory database with the schema this program writes (for the
 * check to compare with). PDX_OK, or PDX_ERR with a message in err. */
int db_expected_schema(sqlite3 **out, char *err, size_t errlen);

/* The columns of actions_fts, and the weights search gives them in
 * bm25(): a word in the text counts most, one in the section heading
 * less, one in an agency's name least. BM25_WEIGHTS_SQL and
 * ranked_weight[] must say the same. */
#define BM25_WEIGHTS_SQL "10.0, 4.0, 2.0"
extern const double ranked_weight[FTS_NCOL];

/* db_search_ranked.c: a search with terms whose best matches the ranked lists
 * give exactly. PDX_DECLINED when it cannot know them that way (then
 * db_search ranks every match). */
#define PDX_DECLINED 100
int ranked_search(pdx_db *db, const pdx_search *q, pdx_hits *hits);
/* The pdx_tf() auxiliary function of actions_fts (see db_search_ranked.c). */
int ranked_register(fts5_api *api);

/* db_search.c, for db_search_ranked.c. A statement that returns the ids of the
 * records of ?1, a JSON array of ids, that pass q's filters (q's strings
 * must outlive it; the caller finalizes it). One run for many ids: the
 * filters' sets (an agency's sub-agencies) are built once a run. */
int db_filter_stmt(pdx_db *db, const pdx_search *q, sqlite3_stmt **out);
/* The records ids[0..n) as hits, in that order, with the snippet of
 * match and rank[i] as their rank. check_sql, an expression on the
 * row of actions_fts, is computed for each and check(arg, i, value)
 * must accept it: else PDX_DECLINED. */
int db_hits_by_ids(pdx_db *db, const char *match, const int64_t *ids, const double *rank,
		   size_t n, const char *check_sql, bool (*check)(void *arg, size_t i,
		   const void *blob, int bytes), void *arg, pdx_hits *hits);

#endif
