/* date.c - civil-calendar arithmetic and the US daylight-saving rule;
 * English month names; ISO 8601 date-times; the stored timeline value,
 * formatted and parsed. Our own small functions rather than mktime/TZ:
 * results must not depend on the host's time zone database or
 * environment. */
#include <stdio.h>
#include <string.h>

#include "polidex/date.h"
#include "polidex/util.h"

/* Howard Hinnant's days_from_civil: proleptic Gregorian, day 0 = 1970-01-01. */
long pdx_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

pdx_date pdx_civil_from_days(long z)
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

int pdx_days_in_month(int y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return dim[m - 1] + (m == 2 && is_leap(y));
}

bool pdx_date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 &&
	       d >= 1 && d <= pdx_days_in_month(y, m);
}

int pdx_date_parse(const char *s, pdx_date *out)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return PDX_EFORMAT;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return PDX_EFORMAT;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (!pdx_date_valid(y, m, d))
		return PDX_EFORMAT;
	out->y = y;
	out->m = m;
	out->d = d;
	return PDX_OK;
}

pdx_date pdx_date_add_days(pdx_date d, long n)
{
	return pdx_civil_from_days(pdx_days_from_civil(d.y, d.m, d.d) + n);
}

/* Calendar months: the day is kept, or clamped to the end of a shorter
 * month (January 31 + 1 month = February 28/29), as statutes count. */
pdx_date pdx_date_add_months(pdx_date d, int n)
{
	long idx = (long)d.y * 12 + (d.m - 1) + n;
	pdx_date r;
	r.y = (int)(idx / 12);
	r.m = (int)(idx % 12) + 1;
	int dim = pdx_days_in_month(r.y, r.m);
	r.d = d.d > dim ? dim : d.d;
	return r;
}

long pdx_date_diff(pdx_date a, pdx_date b)
{
	return pdx_days_from_civil(b.y, b.m, b.d) - pdx_days_from_civil(a.y, a.m, a.d);
}

void pdx_date_format(pdx_date d, char out[11])
{
	/* the digits by hand (a listing formats a few per entry); snprintf
	 * for what does not fit four, two and two digits */
	if (d.y >= 0 && d.y <= 9999 && d.m >= 0 && d.m <= 99 && d.d >= 0 && d.d <= 99) {
		out[0] = (char)('0' + d.y / 1000);
		out[1] = (char)('0' + d.y / 100 % 10);
		out[2] = (char)('0' + d.y / 10 % 10);
		out[3] = (char)('0' + d.y % 10);
		out[4] = '-';
		out[5] = (char)('0' + d.m / 10);
		out[6] = (char)('0' + d.m % 10);
		out[7] = '-';
		out[8] = (char)('0' + d.d / 10);
		out[9] = (char)('0' + d.d % 10);
		out[10] = 0;
		return;
	}
	char tmp[40];	/* room for any int, so no truncation warnings */
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d.y, d.m, d.d);
	memcpy(out, tmp, 10);
	out[10] = 0;
}

/* Day of month of the n-th (1-based) Sunday of y-m. */
static int nth_sunday(int y, int m, int n)
{
	long first = pdx_days_from_civil(y, m, 1);
	int wd = (int)(((first % 7) + 7 + 4) % 7);	/* 1970-01-01 was a Thursday */
	int first_sun = 1 + (7 - wd) % 7;
	return first_sun + 7 * (n - 1);
}

/* Last Sunday of y-m. */
static int last_sunday(int y, int m)
{
	int d = nth_sunday(y, m, 1);
	while (d + 7 <= pdx_days_in_month(y, m))
		d += 7;
	return d;
}

/* DST starts and ends at 2:00 local wall-clock time. In the repeated hour
 * of the autumn change (1:00-1:59) the first, daylight, reading is taken. */
bool pdx_us_dst(int y, int m, int d, int hh, int mi)
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
	long t = pdx_days_from_civil(y, m, d) * 1440 + hh * 60 + mi;
	long start = pdx_days_from_civil(y, sm, sd) * 1440 + 120;
	long end = pdx_days_from_civil(y, em, ed) * 1440 + 120;
	return t >= start && t < end;
}

int pdx_us_offset(int std_offset, int y, int m, int d, int hh, int mi)
{
	return std_offset + (pdx_us_dst(y, m, d, hh, mi) ? 60 : 0);
}

/* ---- month names ------------------------------------------------------ */

const char *const pdx_month_name[12] = { "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December" };
const char *const pdx_month_abbr[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
	"Sep", "Oct", "Nov", "Dec" };

int pdx_month_from_name(const char *s, size_t n)
{
	for (int i = 0; s && i < 12; i++)
		if (strlen(pdx_month_name[i]) == n && !memcmp(s, pdx_month_name[i], n))
			return i + 1;
	return 0;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int pdx_month_from_prefix(const char *s, size_t n)
{
	if (!s || n < 3)
		return 0;
	for (int i = 0; i < 12; i++) {
		const char *a = pdx_month_abbr[i];
		if (lower(s[0]) == lower(a[0]) && lower(s[1]) == a[1] && lower(s[2]) == a[2])
			return i + 1;
	}
	return 0;
}

bool pdx_month_abbr_at(const char *p)
{
	/* p[1] is read only when p[0] matched, so p[0] was no NUL */
	for (int i = 0; i < 12; i++) {
		const char *a = pdx_month_abbr[i];
		if (p[0] == a[0] && p[1] == a[1] && p[2] == a[2])
			return true;
	}
	return false;
}

/* ---- timeline values -------------------------------------------------- */

int pdx_value_format(const pdx_value *v, char out[PDX_VALUE_LEN])
{
	char tmp[96];	/* room for any ints, so no truncation warnings */
	int sy = v->start.y % 10000, sm = v->start.m % 100, sd = v->start.d % 100;
	int ey = v->end.y % 10000, em = v->end.m % 100, ed = v->end.d % 100;
	switch (v->shape) {
	case PDX_VALUE_YEAR:
		snprintf(tmp, sizeof tmp, "%04d", sy);
		break;
	case PDX_VALUE_MONTH:
		snprintf(tmp, sizeof tmp, "%04d-%02d", sy, sm);
		break;
	case PDX_VALUE_DAY:
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", sy, sm, sd);
		break;
	case PDX_VALUE_TIME:
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02dZ", sy, sm, sd,
			 v->hh % 100, v->mi % 100, v->ss % 60);
		break;
	case PDX_VALUE_DAY_RANGE:
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02d/%04d-%02d-%02d", sy, sm, sd, ey, em, ed);
		break;
	case PDX_VALUE_YEAR_RANGE:
		snprintf(tmp, sizeof tmp, "%04d/%04d", sy, ey);
		break;
	default:
		out[0] = 0;
		return PDX_EFORMAT;
	}
	size_t n = strlen(tmp);
	if (n >= PDX_VALUE_LEN)	/* only a negative field can widen a value */
		n = PDX_VALUE_LEN - 1;
	memcpy(out, tmp, n);
	out[n] = 0;
	return PDX_OK;
}

/* n ASCII digits at s[i..i+n) within len; their value into *out. */
static bool digits(const char *s, size_t len, size_t i, int n, int *out)
{
	int v = 0;
	if (i + (size_t)n > len)
		return false;
	for (int k = 0; k < n; k++) {
		char c = s[i + (size_t)k];
		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*out = v;
	return true;
}

/* "YYYY-MM-DD" at s[i..) within len, a date that exists. */
static bool day_at(const char *s, size_t len, size_t i, pdx_date *d)
{
	return i + 10 <= len && s[i + 4] == '-' && s[i + 7] == '-' &&
	       digits(s, len, i, 4, &d->y) && digits(s, len, i + 5, 2, &d->m) &&
	       digits(s, len, i + 8, 2, &d->d) && pdx_date_valid(d->y, d->m, d->d);
}

int pdx_value_parse(const char *s, pdx_value *v)
{
	memset(v, 0, sizeof *v);
	if (!s)
		return PDX_EFORMAT;
	size_t n = strlen(s);
	int y, y2, m;
	switch (n) {
	case 4:		/* 2025 */
		if (!digits(s, n, 0, 4, &y) || y < 1)
			break;
		v->shape = PDX_VALUE_YEAR;
		v->start = (pdx_date){ y, 1, 1 };
		v->end = (pdx_date){ y, 12, 31 };
		return PDX_OK;
	case 7:		/* 2025-07 */
		if (!digits(s, n, 0, 4, &y) || s[4] != '-' || !digits(s, n, 5, 2, &m) ||
		    !pdx_date_valid(y, m, 1))
			break;
		v->shape = PDX_VALUE_MONTH;
		v->start = (pdx_date){ y, m, 1 };
		v->end = (pdx_date){ y, m, pdx_days_in_month(y, m) };
		return PDX_OK;
	case 9:		/* 2000/2019 */
		if (!digits(s, n, 0, 4, &y) || s[4] != '/' || !digits(s, n, 5, 4, &y2) ||
		    y < 1 || y2 < y)
			break;
		v->shape = PDX_VALUE_YEAR_RANGE;
		v->start = (pdx_date){ y, 1, 1 };
		v->end = (pdx_date){ y2, 12, 31 };
		return PDX_OK;
	case 10:	/* 2025-07-23 */
		if (!day_at(s, n, 0, &v->start))
			break;
		v->shape = PDX_VALUE_DAY;
		v->end = v->start;
		return PDX_OK;
	case 20:	/* 2025-09-21T04:01:00Z */
		if (!day_at(s, n, 0, &v->start) || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
		    s[19] != 'Z' || !digits(s, n, 11, 2, &v->hh) || !digits(s, n, 14, 2, &v->mi) ||
		    !digits(s, n, 17, 2, &v->ss) || v->hh > 23 || v->mi > 59 || v->ss > 59)
			break;
		v->shape = PDX_VALUE_TIME;
		v->end = v->start;
		return PDX_OK;
	case 21:	/* 2025-10-01/2026-09-30 */
		if (!day_at(s, n, 0, &v->start) || s[10] != '/' || !day_at(s, n, 11, &v->end) ||
		    pdx_date_diff(v->start, v->end) < 0)
			break;
		v->shape = PDX_VALUE_DAY_RANGE;
		return PDX_OK;
	default:
		break;
	}
	memset(v, 0, sizeof *v);
	return PDX_EFORMAT;
}

pdx_value pdx_value_utc(pdx_date local, int hh, int mi, int ss, int offset)
{
	long t = pdx_days_from_civil(local.y, local.m, local.d) * 1440 + hh * 60 + mi - offset;
	long days = t >= 0 ? t / 1440 : -((-t + 1439) / 1440);
	long mins = t - days * 1440;
	pdx_value v = { .shape = PDX_VALUE_TIME };
	v.start = v.end = pdx_civil_from_days(days);
	v.hh = (int)(mins / 60);
	v.mi = (int)(mins % 60);
	v.ss = ss;
	return v;
}

void pdx_value_day(const char *value, char out[11])
{
	pdx_value v;
	out[0] = 0;
	if (pdx_value_parse(value, &v) == PDX_OK &&
	    (v.shape == PDX_VALUE_DAY || v.shape == PDX_VALUE_TIME || v.shape == PDX_VALUE_DAY_RANGE))
		pdx_date_format(v.start, out);
}

/* ---- ISO 8601 --------------------------------------------------------- */

/* Length of the white-space character at s[i..len), 0 if none: those
 * PCRE2 takes for \s with Unicode properties (the extractor's ISO pattern
 * allowed them before the offset, and a date it finds in text comes here):
 * ASCII tab to carriage return and space, U+0085, U+00A0, U+1680,
 * U+180E, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. */
static size_t space_len(const char *s, size_t len, size_t i)
{
	const unsigned char *p = (const unsigned char *)s + i;
	size_t left = len - i;
	if (left >= 1 && (p[0] == ' ' || (p[0] >= '\t' && p[0] <= '\r')))
		return 1;
	if (left >= 2 && p[0] == 0xC2 && (p[1] == 0x85 || p[1] == 0xA0))
		return 2;
	if (left < 3)
		return 0;
	if ((p[0] == 0xE1 && p[1] == 0x9A && p[2] == 0x80) ||	/* U+1680 */
	    (p[0] == 0xE1 && p[1] == 0xA0 && p[2] == 0x8E) ||	/* U+180E */
	    (p[0] == 0xE2 && p[1] == 0x80 && ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xA8 ||
					      p[2] == 0xA9 || p[2] == 0xAF)) ||
	    (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) ||	/* U+205F */
	    (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80))	/* U+3000 */
		return 3;
	return 0;
}

static bool ascii_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* YYYY-MM-DD, then optionally [T ]HH:MM, :SS, .fraction, white space,
 * Z or +HH:MM / +HHMM; nothing else. */
int pdx_iso_normalize(const char *s, char *out, size_t outlen, char *local)
{
	if (!s)
		return PDX_EFORMAT;
	size_t len = strlen(s);
	while (len && ascii_space(s[len - 1]))
		len--;
	pdx_date d;
	if (len < 10 || s[4] != '-' || s[7] != '-' || !digits(s, len, 0, 4, &d.y) ||
	    !digits(s, len, 5, 2, &d.m) || !digits(s, len, 8, 2, &d.d) ||
	    !pdx_date_valid(d.y, d.m, d.d))
		return PDX_EFORMAT;
	pdx_value v = { .shape = PDX_VALUE_DAY, .start = d, .end = d };
	if (len > 10) {
		int hh, mi, ss = 0, off = 0, oh, om;
		if ((s[10] != 'T' && s[10] != ' ') || !digits(s, len, 11, 2, &hh) ||
		    !digits(s, len, 14, 2, &mi) || s[13] != ':')
			return PDX_EFORMAT;
		size_t i = 16;
		if (i < len && s[i] == ':' && digits(s, len, i + 1, 2, &ss))
			i += 3;
		if (i + 1 < len && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9')
			for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
				;
		for (size_t k; i < len && (k = space_len(s, len, i));)
			i += k;
		if (i < len && s[i] == 'Z') {
			i++;
		} else if (i < len && (s[i] == '+' || s[i] == '-') && digits(s, len, i + 1, 2, &oh)) {
			size_t mm = i + 3 < len && s[i + 3] == ':' ? i + 4 : i + 3;
			if (digits(s, len, mm, 2, &om)) {
				off = (s[i] == '-' ? -1 : 1) * (oh * 60 + om);
				i = mm + 2;
			}
		}
		if (i != len || hh > 23 || mi > 59 || ss > 59)
			return PDX_EFORMAT;
		v = pdx_value_utc(d, hh, mi, ss, off);
	}
	char buf[PDX_VALUE_LEN];
	pdx_value_format(&v, buf);
	if (local)
		pdx_date_format(d, local);
	snprintf(out, outlen, "%s", buf);
	return PDX_OK;
}
