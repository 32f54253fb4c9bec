/* db.h - the database: schema, and every SQL statement of the project.
 * Statements are prepared once, cached in the handle and finalized
 * together; every value is bound. */
#ifndef POLIDEX_DB_H
#define POLIDEX_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

#include "polidex/agencies.h"
#include "polidex/doc.h"
#include "polidex/record.h"

#define PDX_SCHEMA_VERSION 1

typedef struct pdx_db pdx_db;

enum { DB_READONLY = 0, DB_CREATE = 1 };

/* Open (mode DB_CREATE: create when missing, upgrade the schema) the
 * database at path. WAL mode, a busy timeout, the polidex tokenizer.
 * Returns PDX_OK, or PDX_EIO with a message in err. */
int db_open(pdx_db **db, const char *path, int mode, char *err, size_t errlen);
void db_close(pdx_db *db);
/* The last SQLite error message. */
const char *db_errmsg(pdx_db *db);
sqlite3 *db_handle(pdx_db *db);

int db_begin(pdx_db *db);	/* BEGIN IMMEDIATE: one writer at a time */
int db_commit(pdx_db *db);
int db_rollback(pdx_db *db);

/* Indexer side ------------------------------------------------------- */

/* The stored content hash of path's documents into *hash (caller frees;
 * NULL when the path is not indexed). */
int db_doc_hash(pdx_db *db, const char *path, char **hash);
/* Delete every document of path with its records; *n gets how many. */
int db_delete_path(pdx_db *db, const char *path, int *n);
int db_insert_document(pdx_db *db, const pdx_doc *doc, const char *hash,
		       int64_t *id);
int db_insert_records(pdx_db *db, int64_t doc_id, const pdx_records *recs,
		      const pdx_gazetteer *g);
/* Replace the stored gazetteer with g. */
int db_store_gazetteer(pdx_db *db, const pdx_gazetteer *g);
/* Call fn for each indexed path (distinct). Stops on a non-zero return. */
int db_each_path(pdx_db *db, int (*fn)(const char *path, void *arg), void *arg);
int db_meta_get(pdx_db *db, const char *key, char **value);
int db_meta_set(pdx_db *db, const char *key, const char *value);

/* Query side --------------------------------------------------------- */

typedef struct {
	int64_t id;
	char *key, *kind, *pillar_source, *section, *label, *text, *lang;
	int pillar, line;
	double pillar_score;
	char *doc_path, *doc_title, *doc_kind, *doc_lang, *doc_published,
	     *doc_issuer;
	int doc_part;
	char *snippet;		/* search with terms only */
	double rank;
} pdx_hit;

typedef struct {
	pdx_hit *v;
	size_t n, cap;
} pdx_hits;

void hits_free(pdx_hits *h);

#define PDX_MAX_AGENCY_FILTERS 8

typedef struct {
	const char *match;	/* FTS5 MATCH expression, or NULL */
	const char *kind;
	int pillar;		/* 0: any */
	const char *lang;
	const char *doc;	/* document path */
	const char *agencies[PDX_MAX_AGENCY_FILTERS];	/* canonical ids */
	size_t nagencies;
	bool exact_agency;	/* no sub-agencies */
	const char *role;	/* lead, support, mentioned or NULL */
	const char *from, *to;	/* timeline dates, YYYY-MM-DD */
	long limit;		/* 0: no limit */
} pdx_search;

/* Run a search; fills hits. On a bad MATCH expression returns PDX_EFORMAT
 * with SQLite's message in err. */
int db_search(pdx_db *db, const pdx_search *q, pdx_hits *hits,
	      char *err, size_t errlen);
/* Every record whose key is key (one per document holding it). */
int db_show(pdx_db *db, const char *key, pdx_hits *hits);

typedef struct {
	char *id, *acronym, *name, *name_zh, *parent;
	char *role;
} pdx_hit_agency;

/* The agencies of record id, strongest role first. Caller frees with
 * db_agencies_free. */
int db_record_agencies(pdx_db *db, int64_t id, pdx_hit_agency **v, size_t *n);
void db_agencies_free(pdx_hit_agency *v, size_t n);
/* The timeline of record id. Caller frees with db_times_free. */
int db_record_times(pdx_db *db, int64_t id, pdx_time **v, size_t *n);
void db_times_free(pdx_time *v, size_t n);

/* Resolve what a user typed (id, acronym, English or Chinese name) to an
 * agency id using the stored gazetteer. *id is NULL when unknown. */
int db_agency_lookup(pdx_db *db, const char *name, char **id);
/* Up to max known names nearest to name, for a suggestion. */
int db_agency_suggest(pdx_db *db, const char *name, char **out, size_t max, size_t *n);

typedef struct {
	int64_t id;
	char *path, *title, *kind, *lang, *published, *issuer, *format;
	int part, records;
} pdx_doc_row;

int db_documents(pdx_db *db, pdx_doc_row **v, size_t *n);
void db_documents_free(pdx_doc_row *v, size_t n);

typedef struct {
	char *id, *acronym, *name, *name_zh, *parent;
	int lead, support, mentioned;
} pdx_agency_row;

/* Every body of the stored gazetteer with its record counts by role,
 * most named first. Caller frees with db_agency_rows_free. */
int db_agency_rows(pdx_db *db, pdx_agency_row **v, size_t *n);
void db_agency_rows_free(pdx_agency_row *v, size_t n);

/* Check the database: SQLite's integrity_check, the FTS5 index against
 * its content, and polidex's own invariants (records belong to documents,
 * every document has records, the index has one row per record, tags
 * belong to records, all parts of a file come from one version). Calls
 * report(problem, arg) for each problem found; returns the number of
 * problems, or -1 when the check itself could not run. */
int db_check(pdx_db *db, void (*report)(const char *problem, void *arg), void *arg);

#endif
