/* timeline_date.c - civil-calendar arithmetic and the US daylight-saving
 * rule. Our own small functions rather than mktime/TZ: results must not
 * depend on the host's time zone database or environment. */
#include <stdio.h>
#include <string.h>

#include "polidex/date.h"
#include "polidex/util.h"

/* Howard Hinnant's days_from_civil: proleptic Gregorian, day 0 = 1970-01-01. */
long timeline_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

pdx_date timeline_civil_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	pdx_date r;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(yoe + era * 400 + (r.m <= 2));
	return r;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int timeline_days_in_month(int y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return dim[m - 1] + (m == 2 && is_leap(y));
}

bool timeline_date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 &&
	       d >= 1 && d <= timeline_days_in_month(y, m);
}

int timeline_date_parse(const char *s, pdx_date *out)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return PDX_EFORMAT;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return PDX_EFORMAT;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (!timeline_date_valid(y, m, d))
		return PDX_EFORMAT;
	out->y = y;
	out->m = m;
	out->d = d;
	return PDX_OK;
}

pdx_date timeline_date_add_days(pdx_date d, long n)
{
	return timeline_civil_from_days(timeline_days_from_civil(d.y, d.m, d.d) + n);
}

/* Calendar months: the day is kept, or clamped to the end of a shorter
 * month (January 31 + 1 month = February 28/29), as statutes count. */
pdx_date timeline_date_add_months(pdx_date d, int n)
{
	long idx = (long)d.y * 12 + (d.m - 1) + n;
	pdx_date r;
	r.y = (int)(idx / 12);
	r.m = (int)(idx % 12) + 1;
	int dim = timeline_days_in_month(r.y, r.m);
	r.d = d.d > dim ? dim : d.d;
	return r;
}

long timeline_date_diff(pdx_date a, pdx_date b)
{
	return timeline_days_from_civil(b.y, b.m, b.d) - timeline_days_from_civil(a.y, a.m, a.d);
}

void timeline_date_format(pdx_date d, char out[11])
{
	char tmp[40];	/* room for any int, so no truncation warnings */
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d.y, d.m, d.d);
	memcpy(out, tmp, 10);
	out[10] = 0;
}

/* Day of month of the n-th (1-based) Sunday of y-m. */
static int nth_sunday(int y, int m, int n)
{
	long first = timeline_days_from_civil(y, m, 1);
	int wd = (int)(((first % 7) + 7 + 4) % 7);	/* 1970-01-01 was a Thursday */
	int first_sun = 1 + (7 - wd) % 7;
	return first_sun + 7 * (n - 1);
}

/* Last Sunday of y-m. */
static int last_sunday(int y, int m)
{
	int d = nth_sunday(y, m, 1);
	while (d + 7 <= timeline_days_in_month(y, m))
		d += 7;
	return d;
}

/* DST starts and ends at 2:00 local wall-clock time. In the repeated hour
 * of the autumn change (1:00-1:59) the first, daylight, reading is taken. */
bool timeline_us_dst(int y, int m, int d, int hh, int mi)
{
	int sm, sd, em, ed;
	if (y >= 2007) {
		sm = 3; sd = nth_sunday(y, 3, 2);
		em = 11; ed = nth_sunday(y, 11, 1);
	} else if (y >= 1987) {
		sm = 4; sd = nth_sunday(y, 4, 1);
		em = 10; ed = last_sunday(y, 10);
	} else {
		return false;
	}
	long t = timeline_days_from_civil(y, m, d) * 1440 + hh * 60 + mi;
	long start = timeline_days_from_civil(y, sm, sd) * 1440 + 120;
	long end = timeline_days_from_civil(y, em, ed) * 1440 + 120;
	return t >= start && t < end;
}

int timeline_us_offset(int std_offset, int y, int m, int d, int hh, int mi)
{
	return std_offset + (timeline_us_dst(y, m, d, hh, mi) ? 60 : 0);
}
