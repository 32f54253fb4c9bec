/* track.h - implementation tracking: requirements (directive records
 * with their owners, due dates and type), the evidence that carries them
 * out, the analyst's manual statuses, and a requirement's status as of a
 * day. The tables are written by the indexer's post-pass
 * (indexer/postpass_track.c through lib/db_track.c) and read by the
 * query side (lib/db_track_read.c); the status is computed here
 * (lib/track.c), without SQL, so that every command says the same. */
#ifndef POLIDEX_TRACK_H
#define POLIDEX_TRACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "polidex/db.h"

/* ---- write side (db_track.c) ------------------------------------------ */

/* The meta key the post-pass sets once the tracker's tables are filled. */
#define TRACK_META "tracker"

/* A record with its document, as the post-pass reads them (strings lent
 * to the callback only). date: the document's published or signed day. */
typedef struct {
	int64_t id, doc_id;
	const char *key, *kind, *label, *text, *section;
	const char *doc_kind, *doc_title, *doc_date, *doc_issuer, *doc_path;
	int pillar;
} pdx_track_row;

/* The records new since a post-pass that knew records up to max_id (an
 * id past it, or one it saw deleted: postpass_gone), as SQL on a record
 * id: what the tracker's step on what changed limits itself to. The
 * post-pass lists them in temp.postpass_new first (postpass_inc.c). */
#define TRACK_NEW_SQL(col) "(" col " IN (SELECT id FROM temp.postpass_new))"
/* The same steps on what changed: the requirements and evidence of
 * deleted records and documents forgotten (the others kept), the issuer
 * inherited for the new records alone. */
int db_track_forget_gone(pdx_db *db);
int db_track_inherit_issuer_new(pdx_db *db, int64_t max_id);
/* The day the requirements of document id were given (a dateless one's,
 * from its citers), or *date NULL. */
int db_track_doc_date(pdx_db *db, int64_t id, char **date);
/* How many records of deleted documents dated on or before date are
 * kept (date NULL: 0). */
int db_track_gone_dated(pdx_db *db, const char *date, long long *n);
/* Forget the requirements, the evidence and the inherited issuers. */
int db_track_reset(pdx_db *db);
/* The records of a notice, rule or announcement that name no lead get
 * their document's issuer with role "issuer". */
int db_track_inherit_issuer(pdx_db *db);
/* How many records and documents the index holds. */
int db_track_count(pdx_db *db, size_t *records, size_t *docs);
/* Every record in document order (the records of fact sheets and news
 * articles without their text). fn returns PDX_OK to go on. */
int db_track_rows(pdx_db *db, int (*fn)(void *arg, const pdx_track_row *r), void *arg);
/* The rows of documents that hold records new since max_id
 * (TRACK_NEW_SQL), and of the documents every step reads (TRACK_ROWS_ALL:
 * orders, proclamations, memoranda, the plan's), or the dateless ones of
 * those alone (TRACK_ROWS_DATELESS: what a new document may date), or
 * none (TRACK_ROWS_FRESH), or every document but the old fact sheets and
 * news articles (TRACK_ROWS_WIDE), in the order db_track_rows reads
 * them. */
enum { TRACK_ROWS_ALL, TRACK_ROWS_DATELESS, TRACK_ROWS_FRESH, TRACK_ROWS_WIDE };
int db_track_rows_scoped(pdx_db *db, int64_t max_id, int which,
			 int (*fn)(void *arg, const pdx_track_row *r), void *arg);
/* Record id's leads (ids, "lead" or "issuer"); *v freed by the caller
 * (each string and the array). */
int db_track_leads(pdx_db *db, int64_t id, char ***v, size_t *n);
/* Agency and every body above it in the gazetteer (agency itself even
 * when the gazetteer lacks it); *v freed by the caller. */
int db_track_up(pdx_db *db, const char *agency, char ***v, size_t *n);
/* Record id's text (*text NULL when it has none); *text freed by the
 * caller. */
int db_track_text(pdx_db *db, int64_t id, char **text);
/* A deadline of record id counted from another section (anchor, a key):
 * its timeline entry loses the date the tagger gave it from the wrong
 * anchor. */
int db_track_set_anchor(pdx_db *db, int64_t id, const char *expr, const char *anchor);
/* Record id's named bodies (lead, support, mentioned) and their roles,
 * in no order; the caller frees each string and both arrays. */
int db_track_roles(pdx_db *db, int64_t id, char ***agency, char ***role, size_t *n);
/* Every name of a body (name, acronym, aliases and titles); the caller
 * frees. */
int db_track_names(pdx_db *db, const char *agency, char ***names, size_t *n);
/* The keys the analyst gave a status, sorted (strcmp); the caller frees. */
int db_track_manual_keys(pdx_db *db, char ***keys, size_t *n);
/* Set the role of a body on record id. */
int db_track_set_role(pdx_db *db, int64_t id, const char *agency, const char *role);
/* Turn record id's leads into mentions (boilerplate, definitions). */
int db_track_demote(pdx_db *db, int64_t id);
/* Every link of a record to a plan action (fresh: of the records of the
 * documents with new records, temp.postpass_new's): fn(arg, record, plan
 * action, score), in no order; fn's non-zero return stops and is
 * returned. */
int db_track_links(pdx_db *db, bool fresh, int (*fn)(void *arg, int64_t action_id,
		   int64_t plan_id, double score), void *arg);

typedef struct {
	int64_t action_id;
	const char *key, *type, *due, *due_at, *due_tz, *anchor, *due_by, *expr, *doc_date;
} pdx_requirement_row;
int db_track_add_requirement(pdx_db *db, const pdx_requirement_row *r);

typedef struct {
	int64_t requirement_id, doc_id, action_id;	/* action_id 0: the document */
	const char *date, *how, *text;
	double confidence;
	bool completes;
} pdx_evidence_row;
int db_track_add_evidence(pdx_db *db, const pdx_evidence_row *e);

/* The analyst's status of key (polidex-index --status). */
bool db_track_key_exists(pdx_db *db, const char *key);
int db_track_manual_set(pdx_db *db, const char *key, const char *status, const char *date,
			const char *evidence, const char *note, const char *source, long line);

/* ---- read side (db_track_read.c) -------------------------------------- */

typedef struct {
	char *key, *path, *title;	/* key: the record's, NULL for a document */
	int part;
	char *date, *how, *text;
	double confidence;
	bool completes;
	char *for_key;		/* db_track_carries: the requirement's key */
} pdx_evidence;

typedef struct {
	char *id, *role;
} pdx_owner;

typedef struct {
	int64_t id;
	char *key, *kind, *label, *text, *path, *title, *doc_kind;
	int part, pillar;
	char *type, *due, *due_at, *due_tz, *anchor, *due_by, *expr, *doc_date;
	/* the analyst's word, if any */
	char *m_status, *m_date, *m_evidence, *m_note;
	pdx_owner *owners;
	size_t nowners;
	pdx_evidence *ev;
	size_t nev;
	size_t nlater;		/* after ev[nev]: evidence dated after the as-of day (track_status) */
} pdx_requirement;

typedef struct {
	pdx_requirement *v;
	size_t n, cap;
} pdx_requirements;

/* The requirements (with owners, evidence and manual status), in
 * due-date order; agency (NULL: any; sub-agencies included) among their
 * owners of role lead, support or issuer; pillar 0: any; key NULL: any. */
int db_track_requirements(pdx_db *db, const char *agency, int pillar, const char *key,
			  pdx_requirements *out);
/* The same without what a count or a status column does not read: the
 * record's text, label and title, the evidence's text, key and title. */
int db_track_statuses(pdx_db *db, const char *agency, int pillar, pdx_requirements *out);
void requirements_free(pdx_requirements *r);
/* The requirements of db_track_requirements (agency, pillar; any key)
 * one at a time, in its order, with owners and evidence: the owners and
 * evidence of all held, the requirements not (a million records' took
 * a third of a GB). db_track_reader_start before each pass (light: in no
 * order, with only what a status needs: key, due, due_at, due_tz,
 * due_by, manual status and date, evidence; for a count), then
 * db_track_reader_next until it returns 0 (*q borrowed until the next
 * call; track_status may reorder its evidence). PDX_OK, PDX_ERR,
 * PDX_ENOMEM; next 1 with a requirement. */
typedef struct pdx_req_reader pdx_req_reader;
int db_track_reader_open(pdx_db *db, const char *agency, int pillar, pdx_req_reader **out);
int db_track_reader_start(pdx_req_reader *r, bool light);
int db_track_reader_next(pdx_req_reader *r, pdx_requirement **q);
/* How many requirements a pass reads (without reading them). */
int db_track_reader_count(pdx_req_reader *r, size_t *n);
void db_track_reader_close(pdx_req_reader *r);
/* The requirements record key is evidence for (what it carries out). */
int db_track_carries(pdx_db *db, const char *key, pdx_evidence **v, size_t *n);
void evidence_free(pdx_evidence *v, size_t n);
/* Has the database the tracker's tables (a post-pass of schema 4)? */
bool db_track_ready(pdx_db *db);

/* ---- status (track.c) ------------------------------------------------- */

/* A time zone the tracker knows: its name and US-rule offset (standard
 * minutes east of UTC; dst: whether it follows US daylight-saving time). */
typedef struct {
	const char *name, *abbr;
	int std_offset;
	bool dst;
} pdx_zone;

/* The statuses a requirement takes, and an analyst may give. */
extern const char *const pdx_req_statuses[];	/* NULL-terminated */
bool track_status_valid(const char *s);

typedef struct {
	const char *status;		/* done, in_progress, overdue, due, open */
	const char *source;		/* manual, inferred */
	const char *timeliness;		/* on_time, late, NULL */
	long days_late;			/* with timeliness */
	char done_on[11];		/* "" none */
	long days;			/* due - as of (negative: past), has_days */
	bool has_days;
	char due_day[11];		/* the due day in the zone of the deadline, or "" */
} pdx_track_status;

/* The status of r as of day asof ("YYYY-MM-DD" in the reader's zone z;
 * NULL: the zone the deadline states). Evidence dated after asof did not
 * exist that day: it moves past r->ev[r->nev], counted in r->nlater (in
 * its order; a later call with another day sorts it again). */
void track_status(pdx_requirement *r, const char *asof, const pdx_zone *z,
		  pdx_track_status *st);

/* A requirement's status as of a day, and nothing else (what a status
 * column shows): the strings are constants. */
typedef struct {
	int64_t id;			/* its record */
	const char *status, *source;
} pdx_req_state;

/* Every requirement's status as of asof in zone z (track_status's), by
 * record id ascending, read in two statements without the requirements'
 * texts, owners or evidence held: a million records' quarter of a million
 * requirements in a few MB. Caller frees *out. PDX_OK, PDX_ERR or
 * PDX_ENOMEM. */
int db_track_status_list(pdx_db *db, const char *asof, const pdx_zone *z, pdx_req_state **out,
			 size_t *n);
/* The same for the requirements among the records ids[0..nids) (sorted
 * ascending), each read by its key: what a window of a few entries
 * shows, without reading every requirement. */
int db_track_status_some(pdx_db *db, const char *asof, const pdx_zone *z, const int64_t *ids,
			 size_t nids, pdx_req_state **out, size_t *n);

/* NULL when unknown. "UTC", "America/New_York", "America/Chicago",
 * "America/Denver", "America/Phoenix", "America/Los_Angeles". */
const pdx_zone *track_zone(const char *name);
/* The local date and time (minutes) of the UTC instant "YYYY-MM-DDTHH:MM[:SS]Z" in z;
 * false when it is not one. */
bool track_local(const pdx_zone *z, const char *instant, char day[11], int *minutes);
/* The zone a date expression states ("11:59 p.m. (ET)", "noon Eastern",
 * "东部时间"), or UTC when it states none. */
const pdx_zone *track_zone_of(const char *expr);
/* Today's day in zone z. */
void track_today(const pdx_zone *z, char day[11]);

/* The event state of a timeline entry of a given kind, dated day (in
 * its zone), as of day asof: upcoming, open, closed, in_effect, expired;
 * NULL when kind is not an event kind. */
const char *track_event_state(const char *kind, const char *day, const char *asof);

#endif
