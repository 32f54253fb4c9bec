/* postpass_track_int.h - what the three files of the tracker's post-pass
 * step share: postpass_track.c (the records read, the requirements, the
 * step), postpass_track_words.c (words as ids: titles, the sections'
 * word sets, the scores) and postpass_track_evidence.c (citations and
 * matches). */
#ifndef POLIDEX_POSTPASS_TRACK_INT_H
#define POLIDEX_POSTPASS_TRACK_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "polidex/containers.h"
#include "polidex/track.h"
#include "postpass_int.h"
#include "rx.h"

/* What a requirement holds beyond its record (allocated when a record
 * becomes one). */
typedef struct {
	char *due, *due_at, *due_tz, *anchor, *due_by, *expr, *type;
	long off_days;
	int off_months;
	uint32_t *wid;		/* a cited document's requirement: its words' ids, sorted, once each */
	size_t nwid;
	uint32_t slot;		/* a deliverable section: its score's slot in order_matches */
	bool deliverable;	/* it asks for a rule, an RFI, guidance, a program */
	bool asks_rfi;		/* it asks for an RFI (a plan action's match completes it) */
	int64_t *seen;		/* the documents already given as evidence */
	size_t nseen, seencap;
	char **leads;		/* a plan action: its leads, read once (leads_read) */
	size_t nleads;
	bool leads_read;
} treq;

/* A record, as small as the step allows (a million of them are held):
 * its text only while something still reads it (keep: the citations and
 * a document's opening; a requirement candidate's until its words are
 * taken), its key only when it may be a requirement. */
typedef struct {
	int64_t id;
	uint32_t doc;		/* index into docs */
	bool req;		/* a requirement (x holds the rest) */
	bool cand;		/* it may be one: its kind in its document's kind, or a manual key */
	bool keep;		/* its text is read after the requirements are known */
	const char *kind;	/* one of the kinds the step tells apart, or "other" */
	char *key, *text, *section;
	treq *x;
} trec;			/* (56 bytes: the flags beside doc) */

typedef struct {
	int64_t id;
	char *kind, *title, *date, *issuer, *path;
	char number[8];		/* the order's or proclamation's number */
	char numkind;		/* 'E', 'P', 0 */
	size_t first, n;	/* its records: recs[first..first+n) */
	int ai;			/* mentions of AI */
	bool rendition;		/* another copy of an order indexed twice */
	bool fresh;		/* a step on what changed: it holds new records */
	bool want;		/* ... and a new document may cite or answer it:
				 * its records are classified */
	bool redo;		/* a wide step: an old document whose matches to
				 * orders' sections may move (it answered a deleted
				 * order's requirement, or its issuer is under a lead
				 * of a new order's section): found again */
	bool plan;		/* holds plan actions */
	uint32_t *tw;		/* the title's words' ids (words of a title, two or more) */
	size_t ntw;
	uint32_t *dfw, *dfn;	/* a cited document: its requirements' word ids, sorted, and how
				 * many requirements hold each */
	size_t ndf, nsec;	/* nsec: its requirements */
} tdoc;

/* A lead of an order's section that asks for a deliverable (a rule, an
 * RFI, guidance): by the lead, the order's sections it leads. */
typedef struct {
	const char *lead;	/* owned by leads[] */
	uint64_t pre;		/* its first 8 bytes, big-endian, 0-padded: strcmp's
				 * order when they differ */
	size_t doc, rec;	/* indexes into docs and recs */
} tlead;

/* A word of a deliverable section under one of its leads: its id, the
 * section's score slot, and the word's weight in the section. */
typedef struct {
	uint32_t w, slot;
	double wgt;
} tpost;

/* Lists of strings read from the database once a key (a body's names,
 * the bodies above an issuer). */
typedef struct {
	char **key;
	char ***v;
	size_t *nv, n;
} strs_cache;

typedef struct {
	pdx_db *db;
	/* a step on what changed (scope): documents with new records (an
	 * id past max_id, or in gone, sorted) are the only evidence and the
	 * only requirements written; the others are read as they stand */
	bool scope;
	bool light;		/* and no new document may carry anything out:
				 * the old ones are read for their days alone */
	bool selective;		/* only the documents wanted are classified */
	bool wide;		/* an order, a proclamation or a memorandum came or
				 * went: every document is read, what evidence may
				 * point to classified, and the evidence an order's
				 * change may move found again (citations of the new
				 * documents, matches of the documents marked redo),
				 * but the requirements and roles of the new ones
				 * alone written */
	bool probe;		/* citations() marks what it would cite (want) */
	int64_t max_id;
	int64_t *gone;
	size_t ngone;
	trec *recs;
	size_t nrec, rcap;
	tdoc *docs;
	size_t ndoc, dcap;
	pdx_rx *cite, *shall, *boiler, *defn, *recur, *immed, *ongoing, *secref,
	       *rfi, *ai, *ownnum, *pathnum, *obligation, *carry, *partners, *deliverable;
	int rc;
	vocab_t v;		/* the words of titles and cited requirements, as ids */
	uint32_t *mark, stamp;	/* per id: the stamp of the last text that held it */
	char **manual;		/* the keys an analyst gave a status, sorted */
	size_t nmanual;
	size_t open_len;	/* the document being read: its opening's length so far */
	size_t *numbered, nnumbered;	/* docs with a number, by (kind, number, index) */
	size_t *recid;		/* recs by id */
	uint32_t *firstw;	/* the titles that may be cited, by their first word: */
	size_t *firstd, nfirst;	/* (first word id, doc index) sorted */
	strs_cache names;	/* a body's names (db_track_names), read once */
	strs_cache up;		/* an issuer and the bodies above it (db_track_up), read once */
	tlead *leads;		/* the deliverable sections' leads, sorted by lead */
	char **leadv;		/* the strings they point to */
	size_t nleads, nleadv;
	size_t *lgroup, nlgroup;	/* where each lead's run in leads[] starts */
	tpost *post;		/* the sections' words, by (lead, word, section) */
	size_t *gpost, npost;	/* where each lead's words start; gpost[nlgroup] = npost */
	double *score;		/* per slot: a section's score for the document at hand */
	uint32_t *touched, *lastw, nslot;	/* per slot: the document's stamp, the last word counted */
	size_t *slotrec;	/* per slot: its section (index into recs) */
	uint32_t tstamp;	/* the document at hand's stamp in touched[] */
} track;

static inline bool is(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* Are d's texts read for evidence in this step (every document's, but on
 * what changed the new documents' alone, unless wide: then its citations
 * of a new document are)? */
static inline bool evidence_doc(const track *t, const tdoc *d)
{
	return !t->scope || t->wide || d->fresh;
}

/* postpass_track.c */
/* Does s say it carries something out (t->carry), and does s[0..len)
 * cite an order or proclamation by number (t->cite)? Each after a test
 * of the bytes every match holds. */
bool says_carry(const track *t, const char *s);
bool cites_at(const track *t, const char *s, size_t len);
/* Free v[0..n) and v. */
void free_strs(char **v, size_t n);
/* The list of key in c, read by load the first time: *v is the cache's. */
int strs_cache_get(strs_cache *c, pdx_db *db, const char *key,
		   int (*load)(pdx_db *db, const char *key, char ***v, size_t *n), char ***v,
		   size_t *n);
void strs_cache_free(strs_cache *c);
/* The document of id, the record of id (NULL: none). */
tdoc *doc_by_id(track *t, int64_t id);
trec *rec_by_id(track *t, int64_t id);
/* The first document of numbered kind ('E', 'P') and number that is not
 * another copy (NULL: none). */
tdoc *doc_numbered(track *t, char kind, const char *num);

/* postpass_track_words.c: every text's words are cut one way (lowercase,
 * "artificial intelligence" as "ai", a plural's s cut, stop words out)
 * and known by their ids in t->v, so that what is asked of every pair of
 * documents is a lookup, not a cut. */
#define MAXW 2048
/* The ids of the titles of the documents that may be cited or dated by
 * citation (numbered ones, the plan's), and the index by first word. */
int track_titles(track *t);
/* The ids of the words of requirement q (its text at hand), sorted and
 * once each, when its document may be cited (an order, a proclamation, a
 * memorandum, not another copy). */
int track_req_words(track *t, trec *q);
/* Each such document's word frequencies among its requirements, and each
 * requirement's words weighed by them. After the requirements are known. */
int track_sections(track *t);
/* v[0..n) in ascending order (qsort's, without a call per comparison). */
void track_sort_u32(uint32_t *v, size_t n);
/* The ids of the words of text, as title matching reads it (unknown
 * words NO_TERM), in order: *ids to free. */
int track_text_ids(track *t, const char *text, uint32_t **ids, size_t *n);
/* The ids of the known words of ctx, once each, in first-seen order
 * (what a citing sentence or a document's opening says). */
int track_ctx_ids(track *t, const char *ctx, uint32_t **ids, size_t *n);
/* Do the title's words (at least two) appear in the text in order,
 * within a window of twice their number and two? */
bool title_in_ids(const tdoc *c, const uint32_t *x, size_t nx);
/* The cited documents whose title may start at the word id w:
 * t->firstd[*lo..*hi). */
void titles_starting(const track *t, uint32_t w, size_t *lo, size_t *hi);
/* The weight of word w in a requirement of cited document c: how few of
 * c's requirements hold it, log(1 + nsec / df). */
double word_weight(const tdoc *c, uint32_t w);
/* The requirement q of cited document c scored by the words of ctx it
 * holds, each with its weight, summed in ctx's order. */
double sec_score(const tdoc *c, const trec *q, const uint32_t *ctx, size_t nctx);

/* postpass_track_evidence.c */
/* A dateless document (the plan as a text file) takes the day of the
 * first dated one that names it by title. */
int date_from_citers(track *t);
/* A step on what changed: the dateless documents' days as the last
 * step found them (their requirements'), and whether a new or deleted
 * document could move one (then false: the step runs whole). */
int dates_kept(track *t, bool *still);
/* A step on what changed: mark the old documents a new one may cite (by
 * number or title), answer (an order's section led by its issuer or a
 * body above it) or match (a plan action its records link to), and their
 * other renditions: the only ones classified. */
int want_documents(track *t);
/* Evidence by citation: a number or a title, in a sentence that says it
 * carries the order out. */
int citations(track *t);
/* Evidence by match for the plan's actions (from the links to the plan)
 * and for an order's sections (from the lead body's notices and rules). */
int plan_matches(track *t);
int order_matches(track *t);
/* A wide step, before the deleted records' evidence is forgotten: the
 * documents that gave any to a deleted requirement are marked redo. */
int redo_from_gone(track *t);

#endif
