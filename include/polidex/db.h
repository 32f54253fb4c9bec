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

enum { DB_READONLY = 0, DB_CREATE = 1, DB_BULK = 2 };

/* Open (mode DB_CREATE: create when missing, upgrade the schema) the
 * database at path. WAL mode, a busy timeout, the polidex tokenizer.
 * Returns PDX_OK, or PDX_EIO with a message in err.
 *
 * DB_BULK builds a new database that no one else sees until it is whole
 * (the indexer's first run writes a file of its own and renames it into
 * place): no journal and no syncs, which nothing could use, and the
 * secondary indexes left out until db_bulk_indexes() builds each in one
 * sort (the pillar post-pass calls it once the records are placed).
 * db_bulk_seal() puts the database in WAL mode for its later users; the
 * caller then closes it and makes the file durable. */
int db_open(pdx_db **db, const char *path, int mode, char *err, size_t errlen);
int db_bulk_indexes(pdx_db *db);	/* in the open transaction, if any */
int db_bulk_seal(pdx_db *db);
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
	bool exhaustive;	/* rank every match, never the impact lists
				 * (the tests compare the two) */
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

/* Deadlines ---- */

#define PDX_MAX_KIND_FILTERS 16

typedef struct {
	const char *kinds[PDX_MAX_KIND_FILTERS];	/* timeline kinds; none: any */
	size_t nkinds;
	int pillar;		/* 0: any */
	const char *agencies[PDX_MAX_AGENCY_FILTERS];	/* canonical ids, all named */
	size_t nagencies;
	bool exact_agency;	/* no sub-agencies */
	const char *before;	/* YYYY-MM-DD: only values whose day is before it */
	const char *from_day;	/* YYYY-MM-DD: only values whose day is on or after it */
	long limit;		/* > 0: at most this many entries */
	bool latest_first;	/* dated entries latest first */
	/* YYYY-MM-DD: only entries whose span (a day, a month, a year, a
	 * range) starts on or before start_max, ends on or after end_min,
	 * ends before end_before; unresolved entries are left out */
	const char *start_max, *end_min, *end_before;
} pdx_deadline_query;

typedef struct {
	long total, unresolved;
	long before;		/* dated, their day before as_of */
} pdx_due_counts;

/* Count the entries of q (its before, from_day and limit ignored). */
int db_deadline_counts(pdx_db *db, const pdx_deadline_query *q, const char *as_of,
		       pdx_due_counts *out);

typedef struct {
	pdx_time t;		/* the timeline entry */
	int index;		/* its position in db_record_times' list */
	int dup;		/* earlier entries of its record with the same
				 * kind and value */
} pdx_due;

/* hits.v[i] is the record of v[i]. */
typedef struct {
	pdx_hits hits;
	pdx_due *v;
	size_t n, cap;
} pdx_dues;

/* The timeline entries matching q with their records, dated ones by value
 * (then document order), unresolved ones (value NULL) last. Date windows
 * are the caller's: a value may be a day, a UTC time, a month, a year or a
 * range. Returns PDX_OK, or PDX_ERR/PDX_ENOMEM with a message in err.
 * Free with dues_free. */
int db_deadlines(pdx_db *db, const pdx_deadline_query *q, pdx_dues *out,
		 char *err, size_t errlen);
void dues_free(pdx_dues *d);

/* Pillars ---- */

/* The FTS5 API of the handle (to run the polidex tokenizer outside a
 * table), or NULL. */
fts5_api *db_fts5_api(pdx_db *db);

typedef struct {
	int64_t id, doc_id;
	int pillar;
	double pillar_score;
	const char *kind, *key, *pillar_source, *section, *text;
	const char *agency_names;	/* as the full-text index has them */
} pdx_pillar_row;

/* Call fn for every record in document order (plan_only: only the plan's
 * records placed by structure); the strings live until fn returns. Every
 * few thousand records, and at the end, calls pause (when not NULL) while
 * no statement reads the table, so it may write to it. Stops at the first
 * non-zero return of fn or pause, which it returns. */
int db_pillar_rows(pdx_db *db, bool plan_only,
		   int (*fn)(const pdx_pillar_row *r, void *arg),
		   int (*pause)(void *arg), void *arg);
/* Forget every link. */
int db_links_reset(pdx_db *db);
/* Record id is in pillar by inference, with score; pillar 0: in none
 * (no pillar, source or score). */
int db_pillar_set(pdx_db *db, int64_t id, int pillar, double score);
/* Record action_id (placed in record_pillar) resembles the plan section
 * (plan_key "aiap:I.3", or the action plan_action_id with its key) in
 * pillar, with score. */
int db_link_add(pdx_db *db, int64_t action_id, int64_t plan_action_id,
		const char *plan_key, const char *section, int pillar, double score,
		int record_pillar);

typedef struct {
	int64_t id;		/* the other record; 0: a plan section */
	char *key, *section, *text;
	char *doc_path, *doc_title, *doc_kind;
	int doc_part, pillar;
	double score;
} pdx_link;

/* to_plan: the plan actions and sections record id links to, best first;
 * else the records linked to plan action id. Free with db_links_free. */
int db_record_links(pdx_db *db, int64_t id, bool to_plan, pdx_link **v, size_t *n);
void db_links_free(pdx_link *v, size_t n);

typedef struct { char *name; int count; } pdx_count;
typedef struct { char *id, *acronym; int count; } pdx_agency_count;
typedef struct {
	char *section, *key;	/* key: aiap:I.3, or NULL */
	int records;		/* the plan's records in the section */
	int linked;		/* other records linked to it */
} pdx_section_count;

typedef struct {
	int pillar;
	int total, structure, inferred;
	pdx_count *kinds;		/* records by kind, by name */
	size_t nkinds;
	pdx_section_count *sections;	/* the plan's, in plan order */
	size_t nsections;
	pdx_agency_count *lead, *support;	/* most records first */
	size_t nlead, nsupport;
	pdx_doc_row *docs;		/* other documents; records: in the pillar */
	size_t ndocs;
} pdx_pillar_summary;

/* The records of pillar (only those naming agency or a body under it,
 * when agency is not NULL) counted every way the summary shows. Free
 * with db_pillar_summary_free, also on failure. */
int db_pillar_summary(pdx_db *db, int pillar, const char *agency, pdx_pillar_summary *out);
void db_pillar_summary_free(pdx_pillar_summary *s);
/* Store the summary of each whole pillar for db_pillar_summary (the
 * indexer's post-pass, once pillars and links are set, in its
 * transaction). PDX_SUMMARY_REVISION marks a stored summary as one this
 * program reads; any other is ignored and the summary counted live. */
#define PDX_SUMMARY_REVISION "2"
/* pillar_of[id] (id < n) is record id's pillar as the database now holds
 * it (1-3; 0 none, or no such record): the post-pass has it at hand, and
 * the counts by agency and by day take it from there instead of looking
 * each record up. NULL: they look each record up. */
int db_summary_refresh(pdx_db *db, const uint8_t *pillar_of, size_t n);

/* Check the database: SQLite's integrity_check, the FTS5 index against
 * its content, and polidex's own invariants (records belong to documents,
 * every document has records, the index has one row per record, tags
 * belong to records, all parts of a file come from one version). Calls
 * report(problem, arg) for each problem found; returns the number of
 * problems, or -1 when the check itself could not run. */
int db_check(pdx_db *db, void (*report)(const char *problem, void *arg), void *arg);

#endif
