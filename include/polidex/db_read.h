/* db_read.h - what the query side reads from the database (lib/db_search.c,
 * lib/db_read.c, lib/db_agencies.c, lib/db_check.c): search and show, a
 * record's agencies, timeline and links, documents, agencies, deadlines,
 * the pillar summary and the check. Nothing here writes. */
#ifndef POLIDEX_DB_READ_H
#define POLIDEX_DB_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "polidex/db.h"
#include "polidex/record.h"

/* Search ---- */

typedef struct {
	int64_t id;
	char *key, *kind, *pillar_source, *section, *label, *text, *lang;
	int pillar, line;
	int page;		/* 1-based PDF page; 0: not from a PDF */
	double pillar_score;
	char *doc_path, *doc_title, *doc_kind, *doc_lang, *doc_published,
	     *doc_issuer;
	int doc_part;
	int64_t work_id;	/* the work its document is a rendition of */
	char *copy_of;		/* the canonical rendition's path when its
				 * document is a copy, else NULL */
	int copy_of_part;
	char *snippet;		/* search with terms only */
	double rank;
} pdx_hit;

typedef struct {
	pdx_hit *v;
	size_t n, cap;
} pdx_hits;

/* Free the hits and their strings; h is left empty, ready for reuse. */
void db_hits_clear(pdx_hits *h);

#define PDX_MAX_AGENCY_FILTERS 8

typedef struct {
	const char *match;	/* FTS5 MATCH expression, or NULL */
	const char *kind;
	int pillar;		/* 0: any */
	const char *lang;
	const char *doc;	/* document path */
	const char *type;	/* document type, subtype or kind ("rule",
				 * "executive_order") */
	const char *fr;		/* FR document number or citation */
	const char *eo;		/* EO or proclamation number */
	const char *agencies[PDX_MAX_AGENCY_FILTERS];	/* canonical ids */
	size_t nagencies;
	bool exact_agency;	/* no sub-agencies */
	const char *role;	/* lead, support, mentioned or NULL */
	const char *from, *to;	/* timeline dates, YYYY-MM-DD */
	long limit;		/* 0: no limit */
	bool exhaustive;	/* rank every match, never the ranked lists
				 * (the tests compare the two) */
} pdx_search;

/* Run a search; fills hits. On a bad MATCH expression returns PDX_EFORMAT
 * with SQLite's message in err. */
int db_search(pdx_db *db, const pdx_search *q, pdx_hits *hits,
	      char *err, size_t errlen);
/* Every record whose key is key (one per document holding it). */
int db_show(pdx_db *db, const char *key, pdx_hits *hits);
/* The plan's records of the section whose key is key (aiap:I.1, the key
 * summary and links print for a section: its actions are aiap:I.1.1...),
 * in document order; none when no action has such a key. */
int db_show_section(pdx_db *db, const char *key, pdx_hits *hits);

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
 * agency id using the stored gazetteer: the name as stored (ASCII case
 * ignored), else the one body whose name it is as people vary it ("the
 * Department of Commerce", "Commerce Dept.", "U.S. Commerce", "Commerce").
 * *id is NULL when unknown or ambiguous (db_agency_matches tells). */
int db_agency_lookup(pdx_db *db, const char *name, char **id);
/* The ids (up to max, caller frees each) of every body one of whose names
 * is name as people vary it (db_agency_lookup): more than one, and the
 * name is ambiguous. */
int db_agency_matches(pdx_db *db, const char *name, char **out, size_t max, size_t *n);
/* Up to max ids of the bodies whose names are nearest to name (by edits,
 * then letters not shared, then length; a Chinese name also by being
 * part of one), nearest first, for a suggestion. Caller frees each. */
int db_agency_suggest(pdx_db *db, const char *name, char **out, size_t max, size_t *n);

typedef struct {
	int64_t id;
	char *path, *title, *kind, *lang, *published, *issuer, *format;
	char *source_url;	/* NULL when none */
	int part, records;
	/* the precise type and the identifiers (NULL where unknown) */
	char *type, *subtype, *fr_doc, *fr_citation, *rin, *docket, *number,
	     *effective_on, *comments_close_on;
	/* the work it is a rendition of, and the canonical rendition's path
	 * and part when this one is a copy (copy_of NULL otherwise) */
	char *work, *copy_of;
	int copy_of_part;
} pdx_doc_row;

int db_documents(pdx_db *db, pdx_doc_row **v, size_t *n);
/* The documents of work (its renditions), canonical first. Caller frees
 * with db_documents_free. */
int db_work_renditions(pdx_db *db, int64_t work, pdx_doc_row **v, size_t *n);
void db_documents_free(pdx_doc_row *v, size_t n);

/* A body a document creates (doc_bodies). */
typedef struct {
	int64_t doc_id;
	char *id, *name, *short_form, *parent;
} pdx_body_row;

/* Every document's new bodies, by document id then name (none from a
 * database older than the table). Caller frees with db_bodies_free. */
int db_doc_bodies(pdx_db *db, pdx_body_row **v, size_t *n);
void db_bodies_free(pdx_body_row *v, size_t n);

typedef struct {
	char *id, *acronym, *name, *name_zh, *parent;
	int lead, support, mentioned;
} pdx_agency_row;

/* Every body of the stored gazetteer with its record counts by role,
 * most named first. Caller frees with db_agency_rows_free. */
int db_agency_rows(pdx_db *db, pdx_agency_row **v, size_t *n);
/* The same rows by id without the counts (lead, support, mentioned 0):
 * what a label needs, without counting a million records' roles. */
int db_agency_labels(pdx_db *db, pdx_agency_row **v, size_t *n);
void db_agency_rows_free(pdx_agency_row *v, size_t n);

/* Deadlines ---- */

#define PDX_MAX_KIND_FILTERS 16

typedef struct {
	pdx_time_kind kinds[PDX_MAX_KIND_FILTERS];	/* timeline kinds; none: any */
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
	bool with_agencies;	/* each entry's agencies as the views list them */
	bool without_position;	/* index and dup left 0 (a fifth of the
				 * reading for views that show neither) */
	bool light;		/* db_due_reader: only what choosing an entry
				 * reads (id, kind, value, record id,
				 * document), for a count */
	/* db_due_reader: > 0, a record's text as pdx_short_text(text,
	 * text_chars) shows it, not the whole (a view that shows its first
	 * words; a bulk read holds every entry); the entries say so
	 * (text_short) */
	size_t text_chars;
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
	char *agencies;		/* with_agencies: "OMB (lead), NIST (mentioned)",
				 * the strongest role first ("": none); else NULL */
	int64_t tid;		/* its row of timeline (db_due_reader) */
	bool text_short;	/* the record's text is its first words
				 * (pdx_short_text, text_chars) */
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
 * Free with db_dues_clear. */
/* Every closing (timeline kind "closes") with a value, whatever a query
 * filters: fn(path, part, value, arg) for each; fn's non-zero return
 * stops and is returned. PDX_OK, or PDX_ERR. */
int db_closings(pdx_db *db, int (*fn)(const char *path, int part, const char *value, void *arg),
		void *arg);
int db_deadlines(pdx_db *db, const pdx_deadline_query *q, pdx_dues *out,
		 char *err, size_t errlen);
/* What db_deadlines_each hands each entry to: out with the entry just
 * read last (out->v[out->n - 1], its record out->hits.v[out->n - 1]).
 * Returns 1 to keep it in out, 0 to have it freed (its memory is then
 * the next one's), -1 to stop (no memory). */
typedef int (*pdx_due_fn)(void *arg, pdx_dues *out);
/* db_deadlines, streamed: the entries are read in the same order, each
 * appended to out and handed to fn as soon as it is read (fn NULL: every
 * one kept, which is db_deadlines). Without a limit or a day bound the
 * first entry comes off the index before the last is read, and out holds
 * only what fn keeps. Returns as db_deadlines (PDX_ENOMEM when fn says
 * so); out is the caller's to free with db_dues_clear. */
int db_deadlines_each(pdx_db *db, const pdx_deadline_query *q, pdx_dues *out,
		      pdx_due_fn fn, void *arg, char *err, size_t errlen);
void db_dues_clear(pdx_dues *d);

/* The same entries streamed, with bounded memory: each handed to a
 * visitor as soon as its value's entries are read (they are put in
 * document order), the strings of e and h valid during the call only
 * (h's copy_of is NULL: copies are left out). Only for a query without
 * limit, before, from_day or latest_first. The visitor returns PDX_OK,
 * or anything else to stop (returned). */
typedef int (*pdx_due_visit)(void *arg, const pdx_due *e, const pdx_hit *h);
typedef struct pdx_due_reader pdx_due_reader;
typedef enum { PDX_DUE_DATED = 1, PDX_DUE_UNRESOLVED = 2 } pdx_due_part;
/* Ready to read q (copied; its strings borrowed): the documents read
 * once, and with with_agencies the agencies' labels, and when the
 * entries are many every role of their records at once. *out is the
 * caller's to close, whatever is returned. */
int db_due_reader_open(pdx_db *db, const pdx_deadline_query *q, pdx_due_reader **out);
/* The dated entries (by value, then document order), or the unresolved
 * (document order): those db_deadlines_each reads in its two statements. */
int db_due_reader_run(pdx_due_reader *r, pdx_due_part part, pdx_due_visit fn, void *arg);
/* The records the entries may show, sorted, when they are few (a
 * window's: then *ids, and the count is returned), else SIZE_MAX. */
size_t db_due_reader_records(const pdx_due_reader *r, const int64_t **ids);
/* The entry whose timeline row is tid (one fn read earlier). */
int db_due_reader_get(pdx_due_reader *r, int64_t tid, pdx_due_visit fn, void *arg);
void db_due_reader_close(pdx_due_reader *r);

/* Links ---- */

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

/* Pillar summary ---- */

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
 * with db_pillar_summary_clear, also on failure. */
int db_pillar_summary(pdx_db *db, int pillar, const char *agency, pdx_pillar_summary *out);
void db_pillar_summary_clear(pdx_pillar_summary *s);

/* Check ---- */

/* Check the database: SQLite's integrity_check, the FTS5 index against
 * its content, and polidex's own invariants (records belong to documents,
 * every document has records, the index has one row per record, tags
 * belong to records, all parts of a file come from one version). Calls
 * report(problem, arg) for each problem found, a step that fails
 * included; also the schema against the one this program writes, the
 * range of the values read back, and the stored summaries against the
 * live counts. Returns the number of problems, or DB_CHECK_BUSY when
 * the only failures were locks another program held (an indexer). */
#define DB_CHECK_BUSY (-2)
int db_check(pdx_db *db, void (*report)(const char *problem, void *arg), void *arg);

#endif
