/* query.h - what the subcommands of polidex-query share. */
#ifndef POLIDEX_QUERY_H
#define POLIDEX_QUERY_H

#include <cJSON.h>
#include <stdio.h>

#include "polidex/date.h"
#include "polidex/db.h"
#include "polidex/db_read.h"
#include "polidex/track.h"

#define PROG "polidex-query"
#define PDX_FORMAT_VERSION 1

enum { EXIT_RESULTS = 0, EXIT_NONE = 1, EXIT_USAGE = 2, EXIT_RUNTIME = 3 };

typedef enum { FMT_TEXT, FMT_JSON, FMT_NDJSON, FMT_CSV, FMT_ICS } pdx_format;

/* Parse -f NAME among the formats allowed (bit mask of 1 << FMT_x);
 * prints the error and returns -1 when not allowed. */
int parse_format(const char *name, unsigned allowed);
/* The same, storing the format in *fmt; returns 0, or -1 (error printed). */
int take_format(pdx_format *fmt, const char *name, unsigned allowed);

/* NAME as one of the n values of valid (an option's enumerated values):
 * returns its index, or prints "unknown WHAT 'NAME' (one of: ...); did
 * you mean 'X'?" (the closest by edit distance, when one is close) and
 * returns -1 (exit EXIT_USAGE). */
int take_enum(const char *what, const char *name, const char *const *valid, size_t n);
/* An option that takes one value given twice with different values:
 * prints "OPTION given twice ('A', 'B')" and returns -1; the same value
 * again, or the first time (*slot NULL), stores it and returns 0. */
int take_once(const char **slot, const char *option, const char *value);
/* --tz NAME: a zone the tracker knows into *zone; else prints the error
 * (the valid ones and the closest) and returns -1. */
int take_zone(const pdx_zone **zone, const char *name);
/* A date option's value (every one: --as-of, --from, --to) parsed by
 * pdx_date_parse into *d (d may be NULL); prints "bad date 'S'
 * (YYYY-MM-DD, a day that exists)" and returns -1 when it is not a day
 * of the years 1-9999. */
int take_date(const char *s, pdx_date *d);
/* The record kinds and languages the indexer stores (search -k, -l). */
extern const char *const pdx_record_kinds[];
extern const size_t pdx_nrecord_kinds;
/* --bom (every command with CSV output): the CSV starts with the UTF-8
 * byte-order mark that some spreadsheet programs need to read UTF-8.
 * common_option takes it; bom_check refuses it (exit EXIT_USAGE, -1)
 * with another format; csv_begin prints the mark when asked for. */
#define OPT_BOM 0x4000
#define BOM_OPTION { "bom", no_argument, NULL, OPT_BOM }
int bom_check(pdx_format fmt);
void csv_begin(FILE *f);
/* Text output that fits the terminal (term.c): with fmt text and stdout
 * a terminal, stdout becomes a stream that cuts each line at the
 * terminal's width (COLUMNS, else TIOCGWINSZ) with "…" or, wrap, wraps
 * it at spaces (show: a record whole); piped, nothing changes.
 * fit_terminal_end puts stdout back (main calls it); returns 0 or EOF
 * (a write error). */
void fit_terminal(pdx_format fmt, bool wrap);
int fit_terminal_end(void);
/* Open the database read-only-in-spirit (no schema changes); prints the
 * error (for a file that does not exist, with the hint to index first or
 * name one with -d). Returns NULL on failure. */
pdx_db *open_db(const char *path);

/* The -a/--agency option of search, deadlines, summary and agencies: the
 * names as given, then, once the database is open, their ids. */
typedef struct {
	bool single;		/* one agency, the last -a given (summary, agencies) */
	const char *names[PDX_MAX_AGENCY_FILTERS];
	char *ids[PDX_MAX_AGENCY_FILTERS];	/* owned; agency_opt_clear frees */
	size_t n;
} agency_opt;

/* Take one -a NAME. Prints the error and returns -1 (exit EXIT_USAGE)
 * when there are more than PDX_MAX_AGENCY_FILTERS. */
int agency_opt_add(agency_opt *a, const char *name);
/* Resolve the names in order, appending each id to ids (*nids of them
 * so far; ids NULL: only a->ids). At the first unknown name prints the
 * error with suggestions (resolve_agency) and returns -1 (exit
 * EXIT_USAGE). The ids stay a's. */
int agency_opt_resolve(agency_opt *a, pdx_db *db, const char **ids, size_t *nids);
/* Free the ids. */
void agency_opt_clear(agency_opt *a);

/* How text output names an agency: its acronym, else its English name
 * (looked up in db's gazetteer once), else its id: "DOC", "Department
 * of the Treasury", never a bare id where a name is known. The string
 * lives until agency_labels_clear. */
const char *agency_label(pdx_db *db, const char *id, const char *acronym);
void agency_labels_clear(void);

/* Today's date, in UTC or (utc false) local time; 1970-01-01 if the
 * clock cannot be read. */
pdx_date today(bool utc);

/* -p ARG, a pillar given as 1-3 or I-III, into *pillar; prints the
 * error (take_enum's) and returns -1 when invalid. */
int take_pillar(int *pillar, const char *arg);

/* The options parsers return this to say: go on (any other value is the
 * exit status). */
#define OPTIONS_OK (-1)
/* The options every command has, as the last cases of its getopt
 * switch: -f F (among formats), -d DB, -h (usage to stdout) and an
 * unknown option (usage to stderr). Returns OPTIONS_OK or the exit
 * status. */
int common_option(int c, const char *usage, unsigned formats, pdx_format *fmt,
		  const char **dbpath);
/* The options of a command that has only -f F (among formats), -d DB and
 * -h, with its usage text. Returns OPTIONS_OK or the exit status. */
int simple_options(int argc, char **argv, const char *usage, unsigned formats,
		   pdx_format *fmt, const char **dbpath);

/* JSON (json.c). The member adders return false when out of memory.
 * json_str adds null for a NULL value. */
bool json_str(cJSON *o, const char *name, const char *value);
bool json_num(cJSON *o, const char *name, double value);
/* count_name: count, then an empty array name, which it returns (NULL:
 * no memory). */
cJSON *json_list(cJSON *o, const char *count_name, size_t count, const char *name);

/* The top-level object every command's JSON output has. Its members come
 * in the order the command has always printed them, given by order: 'v'
 * format_version, 'e' the query echo (echo adds its members), 'c' count,
 * 'r' the results array; scripts compare the bytes, so the order is part
 * of the format. */
typedef struct {
	const char *order;	/* e.g. "vecr" (search), "rvc" (show, docs) */
	const char *results;	/* the results array's name */
	size_t count;
	int (*echo)(cJSON *root, const void *arg);	/* 0, or -1: no memory */
	const void *echo_arg;
} json_envelope;

/* Build the envelope, *results its empty results array. Returns the
 * root, which the caller frees (once), or NULL: no memory. */
cJSON *json_envelope_new(const json_envelope *e, cJSON **results);

/* A record as JSON (with its agencies and timeline), attached to parent
 * (an array) or, parent NULL, a root the caller frees. Returns the
 * object, or NULL: no memory (nothing left attached but what the parent
 * frees). */
cJSON *hit_json(pdx_db *db, const pdx_hit *h, cJSON *parent);
/* Print a top-level JSON object (the caller still frees it); returns 0
 * or -1 (no memory). */
int print_json(const cJSON *root, bool pretty);
/* An element of the envelope's result array printed alone, as cJSON
 * prints it nested there (two tabs more after each line break; ", "
 * before all but the first): a long list streams, byte for byte the
 * whole tree's output, without the tree. 0 or -1 (no memory). */
int json_print_item(const cJSON *item, bool first);
/* One CSV field, quoted as RFC 4180 says. */
void csv_field(FILE *f, const char *s, bool last);
/* A number as a CSV field (no quotes needed); the _opt one an empty
 * field when there is none (has false). */
void csv_int(FILE *f, long v, bool last);
void csv_opt_int(FILE *f, bool has, long v, bool last);

/* iCalendar (RFC 5545), ics.c. text escaped as a TEXT value (backslash,
 * semicolon, comma; a line break as \n). Caller frees; NULL: no memory. */
char *ics_escape(const char *text);
/* A content line folded at 75 octets, never inside a UTF-8 sequence,
 * continuation lines starting with one space, every physical line ended
 * with CRLF. Caller frees; NULL: no memory. */
char *ics_fold(const char *line);
/* Write the content line NAME:VALUE (value already escaped) folded to f.
 * Returns 0 or -1. */
int ics_line(FILE *f, const char *name, const char *value);
/* A UID for timeline entry t of record key in path (part), the same on
 * every run and after re-indexing: a hash of what names the event, and
 * dup (db_deadlines' count of earlier identical entries). */
void ics_uid(char *out, size_t outlen, const char *path, int part, const char *key,
	     const pdx_time *t, int dup);

/* Each subcommand parses its own options (-d DB among them), opens the
 * database at *dbpath and returns the exit status. */
int cmd_search(const char *dbpath, int argc, char **argv);
int cmd_show(const char *dbpath, int argc, char **argv);
int cmd_docs(const char *dbpath, int argc, char **argv);
int cmd_agencies(const char *dbpath, int argc, char **argv);
int cmd_check(const char *dbpath, int argc, char **argv);
int cmd_deadlines(const char *dbpath, int argc, char **argv);
int cmd_summary(const char *dbpath, int argc, char **argv);
int cmd_status(const char *dbpath, int argc, char **argv);
/* status.c, for show: the record h as a requirement (status as of asof,
 * "" for today in New York; evidence) and what it carries out; text returns 0 or -1,
 * json adds "requirement" (or null) and "carries_out" to o (false: no
 * memory). */
int show_track_text(pdx_db *db, const pdx_hit *h, const char *asof);
bool show_track_json(pdx_db *db, const pdx_hit *h, const char *asof, cJSON *o);
int cmd_report(const char *dbpath, int argc, char **argv);

#endif
