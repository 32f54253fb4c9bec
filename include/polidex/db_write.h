/* db_write.h - what only the indexer does to the database (lib/db_write.c,
 * and the bulk build in lib/db.c): store and delete documents with their
 * records, the gazetteer, the post-pass's pillars, links and summaries. */
#ifndef POLIDEX_DB_WRITE_H
#define POLIDEX_DB_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "polidex/agencies.h"
#include "polidex/db.h"
#include "polidex/doc.h"
#include "polidex/record.h"

/* DB_BULK (db_open): build the indexes left out, each in one sort (the
 * post-pass calls it once the records are placed), in the open
 * transaction if any. */
int db_bulk_indexes(pdx_db *db);
/* DB_BULK: write the database packed into the new file into, in WAL mode
 * for its later users; the caller then closes db and makes into durable
 * and puts it in place. */
int db_bulk_seal(pdx_db *db, const char *into);

/* Set meta key to value. */
int db_meta_set(pdx_db *db, const char *key, const char *value);

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

/* Pillars ---- */

typedef struct {
	int64_t id, doc_id;
	int pillar;
	double pillar_score;
	pdx_record_kind kind;
	const char *key, *pillar_source, *section, *text;
	const char *agency_names;	/* as the full-text index has them */
} pdx_pillar_row;

/* Which records db_pillar_rows reads: every one, the plan's placed by
 * structure, or those new since the last post-pass (an id past its
 * highest, or one it knew and saw deleted: postpass_gone). */
enum { PILLAR_ROWS_ALL, PILLAR_ROWS_PLAN, PILLAR_ROWS_NEW };

/* Call fn for every record of which (PILLAR_ROWS_NEW: past max_id or
 * reused) in document order; the strings live until fn returns. Every
 * few thousand records, and at the end, calls pause (when not NULL) while
 * no statement reads the table, so it may write to it. Stops at the first
 * non-zero return of fn or pause, which it returns. */
int db_pillar_rows(pdx_db *db, int which, int64_t max_id,
		   int (*fn)(const pdx_pillar_row *r, void *arg),
		   int (*pause)(void *arg), void *arg);
/* The records deleted since the last post-pass (postpass_gone), as
 * db_pillar_rows gives rows (pillar, score and key left out). */
int db_gone_rows(pdx_db *db, int (*fn)(const pdx_pillar_row *r, void *arg), void *arg);
/* Forget every link. */
int db_links_reset(pdx_db *db);
/* Know the link sections stored (an incremental post-pass adds links
 * without forgetting the others). */
int db_link_sections_load(pdx_db *db);
/* Record id is in pillar by inference, with score; pillar 0: in none
 * (no pillar, source or score). */
int db_pillar_set(pdx_db *db, int64_t id, int pillar, double score);
/* Record action_id (placed in record_pillar) resembles the plan section
 * (plan_key "aiap:I.3", or the action plan_action_id with its key) in
 * pillar, with score. */
int db_link_add(pdx_db *db, int64_t action_id, int64_t plan_action_id,
		const char *plan_key, const char *section, int pillar, double score,
		int record_pillar);

/* Store the summary of each whole pillar for db_pillar_summary (the
 * indexer's post-pass, once pillars and links are set, in its
 * transaction), and mark it in meta "summary" as the revision this
 * program reads. pillar_of[id] (id < n) is record id's pillar as the
 * database now holds it (1-3; 0 none, or no such record): the post-pass
 * has it at hand, and the counts by agency and by day take it from there
 * instead of looking each record up. NULL: they look each record up. */
int db_summary_refresh(pdx_db *db, const uint8_t *pillar_of, size_t n);
/* Is a summary kept (stored, or waiting for the new records: meta
 * summary "2 pending")? While it is, every
 * document deleted is counted out of it as it goes (db_delete_path), and
 * db_summary_add_new counts in the records of temp.postpass_new: the
 * summaries by difference, equal to what db_summary_refresh stores. */
bool db_summary_is_kept(pdx_db *db);
int db_summary_add_new(pdx_db *db);

/* Rebuild the works and mark each document's work and, for a rendition
 * that is not its work's canonical one, copy_of (db_works.c). In the
 * caller's transaction. Returns PDX_OK, PDX_ENOMEM or PDX_ERR. */
/* old_max_id >= 0: *moved counts the documents whose work or copy_of
 * changed and that hold a record the last post-pass knew (an id up to
 * old_max_id, not deleted since). */
int db_works_refresh(pdx_db *db, int64_t old_max_id, long *moved);
/* Drop the links from and to the records of copies (after placing). */
int db_links_drop_copies(pdx_db *db);
/* The same for the new records of a post-pass on what changed
 * (temp.postpass_new), the only ones that can be a copy's there. */
int db_links_drop_copies_new(pdx_db *db);

#endif
