/* deadlines.h - what the two files of the deadlines subcommand share:
 * deadlines.c chooses the entries (options, query, dates), deadlines_print.c
 * prints them (text, CSV, JSON, iCalendar). */
#ifndef POLIDEX_QUERY_DEADLINES_H
#define POLIDEX_QUERY_DEADLINES_H

#include "query.h"
#include "polidex/date.h"

/* The days a timeline value covers. */
typedef struct {
	pdx_date start, end;	/* end is the last day; start for one day */
	bool timed;		/* a UTC time of day on start */
	int hh, mi, ss;
} dl_span;

/* One dated entry chosen for output. */
typedef struct {
	size_t i;		/* into the pdx_dues */
	dl_span sp;
	const char *status;	/* overdue, due, upcoming, past */
	long days;		/* from the reference date to the start */
} dl_item;

/* The reference date and the date filters. */
typedef struct {
	pdx_date asof;
	long within;		/* -1: not asked */
	bool overdue;
	bool has_from, has_to;
	pdx_date from, to;
} dl_window;

/* The entries to print: the dated ones chosen (v, by date) and the
 * unresolved ones (un: indexes into d). */
typedef struct {
	const pdx_dues *d;
	dl_item *v;
	size_t n;
	size_t *un;
	size_t nun;
} dl_list;

/* What the JSON output echoes of the query: the window, --from and --to
 * as typed, the kinds asked for (none: every kind). */
typedef struct {
	const dl_window *w;
	const char *from, *to;
	const pdx_deadline_query *q;
} dl_echo;


/* The views. Each writes to stdout; those returning int return 0 or -1
 * (no memory). Unresolved entries are no calendar events: ics has none. */
void dl_print_text(pdx_db *db, const dl_list *l);
void dl_print_csv(pdx_db *db, const dl_list *l);
int dl_print_json(pdx_db *db, const dl_list *l, const dl_echo *echo);
int dl_print_ics(pdx_db *db, const dl_list *l, pdx_date asof);

#endif
