/* query.h - what the subcommands of polidex-query share. */
#ifndef POLIDEX_QUERY_H
#define POLIDEX_QUERY_H

#include <cJSON.h>
#include <stdio.h>

#include "polidex/db.h"
#include "polidex/db_read.h"

#define PROG "polidex-query"
#define PDX_FORMAT_VERSION 1

enum { EXIT_RESULTS = 0, EXIT_NONE = 1, EXIT_USAGE = 2, EXIT_RUNTIME = 3 };

typedef enum { FMT_TEXT, FMT_JSON, FMT_NDJSON, FMT_CSV, FMT_ICS } pdx_format;

/* Parse -f NAME among the formats allowed (bit mask of 1 << FMT_x);
 * prints the error and returns -1 when not allowed. */
int parse_format(const char *name, unsigned allowed);
/* The same, storing the format in *fmt; returns 0, or -1 (error printed). */
int take_format(pdx_format *fmt, const char *name, unsigned allowed);

/* Open the database read-only-in-spirit (no schema changes); prints the
 * error. Returns NULL on failure. */
pdx_db *open_db(const char *path);

/* Resolve a user's agency name to an id; prints a usage error with
 * suggestions and returns NULL when unknown. Caller frees. */
char *resolve_agency(pdx_db *db, const char *name);

/* Parse a pillar given as 1-3 or I-III; 0 when invalid. */
int parse_pillar(const char *s);

/* A record as JSON (with its agencies and timeline), attached to parent
 * (an array). Returns the object or NULL. */
cJSON *hit_json(pdx_db *db, const pdx_hit *h, cJSON *parent);
/* Print a top-level JSON object and free it; returns 0 or -1. */
int print_json(cJSON *root, bool pretty);
/* One CSV field, quoted as RFC 4180 says. */
void csv_field(FILE *f, const char *s, bool last);

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

#endif
