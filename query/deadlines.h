/* deadlines.h - what the two files of the deadlines subcommand share:
 * deadlines.c chooses the entries (options, query, dates), deadlines_print.c
 * prints them (text, CSV, JSON, iCalendar). */
#ifndef POLIDEX_QUERY_DEADLINES_H
#define POLIDEX_QUERY_DEADLINES_H

#include "query.h"
#include "polidex/date.h"
#include "polidex/track.h"

/* A requirement's status as of the reference date. */
typedef pdx_req_state dl_req;

typedef struct {
	pdx_requirements reqs;
	pdx_track_status *st;
	dl_req *v;		/* by id */
	size_t n;
	const pdx_zone *zone;	/* the reader's */
	/* v's ids as a bitmap, and how many are set before each word: a
	 * look-up in a few cache lines, not a bisection of a quarter of a
	 * million (NULL: bisect) */
	uint64_t *bits;
	uint32_t *before;
	size_t nwords;
} dl_track;

/* The requirements' statuses as of asof in zone z, with the requirements
 * themselves (reqs, st: what summary counts). */
int dl_track_load(pdx_db *db, const char *asof, const pdx_zone *z, dl_track *t);
/* The statuses alone (v, n), what the deadlines' status column shows:
 * of the requirements among the records ids[0..nids) (sorted), or of
 * every one when nids is SIZE_MAX. */
int dl_track_states(pdx_db *db, const char *asof, const pdx_zone *z, const int64_t *ids,
		    size_t nids, dl_track *t);
const dl_req *dl_track_find(const void *track, int64_t id);
void dl_track_free(dl_track *t);

/* The text view shows the first DL_TEXT_CHARS characters of a record's
 * text (pdx_short_text): all the reader keeps of it. */
#define DL_TEXT_CHARS 160

/* The days a timeline value covers. */
typedef struct {
	pdx_date start, end;	/* end is the last day; start for one day */
	bool timed;		/* a UTC time of day on utc (start: its day in
				 * the zone the text states) */
	pdx_date utc;
	int hh, mi, ss;
} dl_span;

/* One dated entry chosen for output. */
typedef struct {
	dl_span sp;
	const char *status;	/* a requirement's (done, in_progress, overdue,
				 * due, open) or an event's (upcoming, open,
				 * closed, in_effect, expired) */
	const char *source;	/* a requirement's status_source, else NULL */
	bool closed;		/* an opening whose window has closed */
	long days;		/* from the reference date to the start */
} dl_item;

/* The reference date and the date filters. */
typedef struct {
	pdx_date asof;
	const void *track;	/* the requirements' statuses (dl_track), or NULL */
	const void *zone;	/* the reader's pdx_zone (--tz): a timed entry's day */
	long within;		/* -1: not asked */
	bool overdue;
	bool has_from, has_to;
	pdx_date from, to;
} dl_window;

/* What the JSON output echoes of the query: the window, --from and --to
 * as typed, the kinds asked for (none: every kind). */
typedef struct {
	const dl_window *w;
	const char *from, *to;
	const pdx_deadline_query *q;
} dl_echo;


/* The views, an entry at a time as the entries stream by (it NULL or
 * absent: an unresolved entry, listed after the dated). Each writes to
 * stdout; those returning int return 0 or -1 (no memory). Unresolved
 * entries are no calendar events: ics has none. */
void dl_text_entry(pdx_db *db, const pdx_hit *h, const pdx_due *e, const dl_item *it);
void dl_text_unresolved(pdx_db *db, const pdx_hit *h, const pdx_due *e);
void dl_text_done(void);	/* frees what the text view keeps */
void dl_csv_begin(void);
void dl_csv_row(pdx_db *db, const pdx_hit *h, const pdx_due *e, const dl_item *it);
void dl_ics_begin(void);
int dl_ics_entry(pdx_db *db, const pdx_hit *h, const pdx_due *e, const dl_item *it, pdx_date asof);
void dl_ics_end(void);

/* The JSON envelope, its counts first, cut where the lists go: print
 * s up to mid, the dated entries, mid up to tail, the unresolved, tail
 * and a line break. */
typedef struct {
	char *s;
	const char *mid, *tail;
} dl_json;
int dl_json_open(const dl_echo *echo, size_t n, size_t nun, dl_json *j);
int dl_json_entry(pdx_db *db, const pdx_hit *h, const pdx_due *e, const dl_item *it, bool first);
void dl_json_close(dl_json *j);

#endif
