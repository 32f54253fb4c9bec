/* db.h - the database: opening it (schema and migrations), transactions,
 * meta, and the handle both programs share. What only the indexer calls
 * is in db_write.h, what the query side calls in db_read.h. All SQL lives
 * in lib/db*.c; statements are prepared once, cached in the handle and
 * finalized together; every value is bound. */
#ifndef POLIDEX_DB_H
#define POLIDEX_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

/* Version 2: the table impact became ranked_lists, and meta key "impact"
 * "ranked_lists". Version 3: the documents' type, identifiers and work
 * (columns added), and the table works. Version 4: the tracker's tables
 * (requirements, evidence, manual_status). Version 5: the partial index
 * timeline_ranges and the compact links (link_sections and plan_links,
 * behind the view links). Version 6: action_agencies and plan_links
 * clustered on their keys (WITHOUT ROWID; their rowids' order kept in a
 * column n). Version 7: the records' agency names no longer stored
 * (actions.agency_names dropped): the full-text index reads them through
 * the view actions_text, from the rows of action_agencies marked fts.
 * Each step is added if missing, so a database of
 * any older version is migrated in place when opened for writing. */
#define PDX_SCHEMA_VERSION 7

typedef struct pdx_db pdx_db;

enum { DB_READONLY = 0, DB_CREATE = 1, DB_BULK = 2 };

/* How long db_open's connections wait for a lock another program holds
 * (an indexer writing), in milliseconds; for the databases opened after
 * the call. */
#define PDX_BUSY_TIMEOUT_DEFAULT 10000
void db_set_busy_timeout(int ms);

/* Open the database at path. WAL mode, a busy timeout, the polidex
 * tokenizer. Returns PDX_OK, or PDX_EIO with a message in err (a file of
 * a newer schema than this program: refused, the message says so).
 *
 * DB_READONLY: an existing polidex database, as it is (an older schema
 * is read as it is; its ranked lists are not used).
 *
 * DB_CREATE: created when missing; an older schema is migrated in place
 * in one transaction, or, when it cannot be, refused with a message that
 * says to re-index into a new file.
 *
 * DB_BULK builds a new database that no one else sees until it is whole
 * (the indexer's first run writes a file of its own and renames it into
 * place): no journal and no syncs, which nothing could use, and the
 * secondary indexes left out until db_bulk_indexes() (db_write.h) builds
 * them. */
int db_open(pdx_db **db, const char *path, int mode, char *err, size_t errlen);
/* Close db and finalize its statements; NULL is accepted. */
void db_close(pdx_db *db);
/* The last SQLite error message. */
const char *db_errmsg(pdx_db *db);
/* The SQLite connection (the tests and the benchmarks' tools read it). */
sqlite3 *db_handle(pdx_db *db);
/* The FTS5 API of the handle (to run the polidex tokenizer outside a
 * table), or NULL. */
fts5_api *db_fts5_api(pdx_db *db);

int db_begin(pdx_db *db);	/* BEGIN IMMEDIATE: one writer at a time */
int db_commit(pdx_db *db);
int db_rollback(pdx_db *db);

/* The value of meta key into *value (caller frees; NULL when absent). */
int db_meta_get(pdx_db *db, const char *key, char **value);

#endif
