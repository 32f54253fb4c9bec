/* date.h - the civil calendar both programs share: dates, days between
 * them, US daylight-saving time, strict parsing of a user's dates. */
#ifndef POLIDEX_DATE_H
#define POLIDEX_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	int y, m, d;
} pdx_date;

/* Days since 1970-01-01 (proleptic Gregorian) and back. */
long timeline_days_from_civil(int y, int m, int d);
pdx_date timeline_civil_from_days(long days);
int timeline_days_in_month(int y, int m);	/* 0 for a bad month */
bool timeline_date_valid(int y, int m, int d);
/* Parse a strict "YYYY-MM-DD" (a user's --as-of), rejecting dates that do
 * not exist (2025-02-30). Returns PDX_OK or PDX_EFORMAT. */
int timeline_date_parse(const char *s, pdx_date *out);
pdx_date timeline_date_add_days(pdx_date d, long n);
/* Calendar months; a day past the end of the target month is clamped. */
pdx_date timeline_date_add_months(pdx_date d, int n);
/* b - a in days. */
long timeline_date_diff(pdx_date a, pdx_date b);
/* "YYYY-MM-DD" into out (11 bytes). */
void timeline_date_format(pdx_date d, char out[11]);
/* US daylight-saving time (2007 rule; 1987-2006 rule before) at a local
 * wall-clock time, and the UTC offset in minutes for a zone whose standard
 * offset is std_offset (Eastern -300, Central -360, Mountain -420,
 * Pacific -480). */
bool timeline_us_dst(int y, int m, int d, int hh, int mi);
int timeline_us_offset(int std_offset, int y, int m, int d, int hh, int mi);

#endif
