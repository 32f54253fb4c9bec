/* date.h - the one date and timeline-value module both programs share:
 * the civil calendar (dates, days between them, US daylight-saving
 * time, strict parsing of a user's dates), English month names, ISO 8601
 * date-times with an offset, and the format of a stored timeline value
 * (timeline.value): one producer, pdx_value_format, and one parser,
 * pdx_value_parse. */
#ifndef POLIDEX_DATE_H
#define POLIDEX_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	int y, m, d;
} pdx_date;

/* Days since 1970-01-01 (proleptic Gregorian) and back. */
long pdx_days_from_civil(int y, int m, int d);
pdx_date pdx_civil_from_days(long days);
int pdx_days_in_month(int y, int m);	/* 0 for a bad month */
bool pdx_date_valid(int y, int m, int d);
/* Parse a strict "YYYY-MM-DD" (a user's --as-of), rejecting dates that do
 * not exist (2025-02-30). Returns PDX_OK or PDX_EFORMAT. */
int pdx_date_parse(const char *s, pdx_date *out);
pdx_date pdx_date_add_days(pdx_date d, long n);
/* Calendar months; a day past the end of the target month is clamped. */
pdx_date pdx_date_add_months(pdx_date d, int n);
/* b - a in days. */
long pdx_date_diff(pdx_date a, pdx_date b);
/* "YYYY-MM-DD" into out (11 bytes). */
void pdx_date_format(pdx_date d, char out[11]);
/* US daylight-saving time (2007 rule; 1987-2006 rule before) at a local
 * wall-clock time, and the UTC offset in minutes for a zone whose standard
 * offset is std_offset (Eastern -300, Central -360, Mountain -420,
 * Pacific -480). */
bool pdx_us_dst(int y, int m, int d, int hh, int mi);
int pdx_us_offset(int std_offset, int y, int m, int d, int hh, int mi);

/* ---- month names ------------------------------------------------------ */

/* English month names, [0] = January: full ("September") and the
 * three-letter abbreviation ("Sep"). */
extern const char *const pdx_month_name[12];
extern const char *const pdx_month_abbr[12];

/* The month (1-12) whose full English name is exactly s[0..n), cased as
 * written ("March"); 0 if none. */
int pdx_month_from_name(const char *s, size_t n);

/* The month whose three-letter abbreviation s[0..n) starts with, in any
 * case: "Sept.", "MARCH", "dec" (what a pattern already took for a
 * month); 0 if none or n < 3. */
int pdx_month_from_prefix(const char *s, size_t n);

/* Does the NUL-terminated p start with "Jan", "Feb", ... "Dec", cased as
 * written? */
bool pdx_month_abbr_at(const char *p);

/* ---- ISO 8601 --------------------------------------------------------- */

/* Normalize an ISO 8601 date or date-time with offset ("2025-07-23",
 * "2025-07-23T18:51:23-04:00", a space for the T allowed, fractions of a
 * second dropped, no offset read as UTC; trailing white space ignored)
 * into out: the date, or the UTC date-time "2025-07-23T22:51:23Z", a
 * timeline value either way. Sets *local (11 bytes, may be NULL) to the
 * date as written. Returns PDX_OK or PDX_EFORMAT (no such date or time,
 * or anything else around it). */
int pdx_iso_normalize(const char *s, char *out, size_t outlen, char *local);

/* ---- timeline values -------------------------------------------------- */

/* The shapes a stored timeline value takes; each covers the days from
 * start to end. As text, values sort in date order by their start (a
 * day before its times, a range by its first day, "2025" and "2025-07"
 * before "2025-07-01"), and their first ten characters are the first
 * day when they have one: the database's SQL compares and cuts values
 * as text on these two properties (lib/db.c, deadline_filters,
 * db_due_counts, the summary_dues statements). */
typedef enum {
	PDX_VALUE_YEAR,		/* "2025" */
	PDX_VALUE_MONTH,	/* "2025-07" */
	PDX_VALUE_DAY,		/* "2025-07-23" */
	PDX_VALUE_TIME,		/* "2025-09-21T04:01:00Z", always UTC */
	PDX_VALUE_DAY_RANGE,	/* "2025-10-01/2026-09-30" (fiscal years) */
	PDX_VALUE_YEAR_RANGE,	/* "2000/2019" */
} pdx_value_shape;

/* A timeline value taken apart. A YEAR or MONTH has start on its first
 * day and end on its last; a DAY and a TIME have end == start (a TIME's
 * day in UTC); a YEAR_RANGE runs from January 1 of its first year to
 * December 31 of its last. hh, mi, ss are a TIME's, else 0. */
typedef struct {
	pdx_value_shape shape;
	pdx_date start, end;
	int hh, mi, ss;
} pdx_value;

/* Room for any value pdx_value_format writes, NUL included. */
#define PDX_VALUE_LEN 24

/* Write v as a stored value into out: the fields the shape uses (a YEAR
 * start.y; a MONTH start.y and start.m; a YEAR_RANGE start.y and end.y;
 * ...), each with its fixed width, a field outside its width taken
 * modulo it (callers validate first: this never fails on numbers).
 * Returns PDX_OK, or PDX_EFORMAT for a shape it does not know (out ""). */
int pdx_value_format(const pdx_value *v, char out[PDX_VALUE_LEN]);

/* Parse a stored value, strictly: exactly one of the shapes above, with
 * dates that exist, a time below 24:00:00, and ranges that do not run
 * backwards. Fills *v (zeroed first). Returns PDX_OK, or PDX_EFORMAT for
 * NULL or anything else. pdx_value_format(pdx_value_parse(s)) == s. */
int pdx_value_parse(const char *s, pdx_value *v);

/* The TIME value of a local wall-clock time whose offset is offset
 * minutes east of UTC (-240 for EDT), converted to UTC. The date is not
 * checked. */
pdx_value pdx_value_utc(pdx_date local, int hh, int mi, int ss, int offset);

/* The first day of a value as "YYYY-MM-DD" into out (the timeline.date
 * column: a DAY, a TIME's UTC day, a DAY_RANGE's first day), or "" for
 * a YEAR, MONTH, YEAR_RANGE, NULL or a value that does not parse. */
void pdx_value_day(const char *value, char out[11]);

#endif
