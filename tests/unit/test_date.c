/* test_date.c - the date and timeline-value module (polidex/date.h):
 * month names, ISO 8601 date-times, and the stored value's one producer
 * and one parser, valid and invalid, and format -> parse -> format. The
 * calendar arithmetic is tested in test_timeline.c. */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "polidex/date.h"
#include "polidex/util.h"

static void test_months(void)
{
	T_INT(pdx_month_from_name("March", 5), 3, "March");
	T_INT(pdx_month_from_name("May", 3), 5, "May");
	T_INT(pdx_month_from_name("December", 8), 12, "December");
	T_INT(pdx_month_from_name("march", 5), 0, "full names are cased as written");
	T_INT(pdx_month_from_name("Marc", 4), 0, "no prefix of a full name");
	T_INT(pdx_month_from_name("Mar", 3), 0, "no abbreviation");
	T_INT(pdx_month_from_name("Marchx", 5), 3, "only n bytes are read");
	T_INT(pdx_month_from_name(NULL, 0), 0, "NULL");
	T_INT(pdx_month_from_prefix("Sept.", 5), 9, "Sept.");
	T_INT(pdx_month_from_prefix("MARCH", 5), 3, "MARCH");
	T_INT(pdx_month_from_prefix("dec", 3), 12, "dec");
	T_INT(pdx_month_from_prefix("June", 4), 6, "June");
	T_INT(pdx_month_from_prefix("Ju", 2), 0, "too short");
	T_INT(pdx_month_from_prefix("Jux", 3), 0, "no month");
	T_INT(pdx_month_from_prefix(NULL, 3), 0, "NULL");
	T_OK(pdx_month_abbr_at("Mar 7"), "abbreviation at the start");
	T_OK(pdx_month_abbr_at("September"), "a full name starts with one");
	T_OK(!pdx_month_abbr_at("mar 7"), "abbreviations cased as written");
	T_OK(!pdx_month_abbr_at("Ma"), "short string");
	T_OK(!pdx_month_abbr_at(""), "empty string");
	for (int m = 1; m <= 12; m++) {
		const char *n = pdx_month_name[m - 1], *a = pdx_month_abbr[m - 1];
		T_INT(pdx_month_from_name(n, strlen(n)), m, "name %s", n);
		T_INT(pdx_month_from_prefix(n, strlen(n)), m, "prefix of %s", n);
		T_INT(pdx_month_from_prefix(a, strlen(a)), m, "abbreviation %s", a);
		T_OK(!strncmp(n, a, 3), "%s starts with %s", n, a);
	}
}

static void test_iso(void)
{
	char out[PDX_VALUE_LEN], loc[11];
	static const struct {
		const char *in, *out, *local;
	} ok[] = {
		{ "2025-07-23", "2025-07-23", "2025-07-23" },
		{ "2025-07-23 \t", "2025-07-23", "2025-07-23" },
		{ "2025-07-23T18:51:23-04:00", "2025-07-23T22:51:23Z", "2025-07-23" },
		{ "2025-07-23 21:30:00-04:00", "2025-07-24T01:30:00Z", "2025-07-23" },
		{ "2025-07-23T10:00Z", "2025-07-23T10:00:00Z", "2025-07-23" },
		{ "2025-07-23T10:00", "2025-07-23T10:00:00Z", "2025-07-23" },
		{ "2025-07-23T10:00:00.123 +0530", "2025-07-23T04:30:00Z", "2025-07-23" },
		{ "2025-07-23T10:00\xc2\xa0+05:30", "2025-07-23T04:30:00Z", "2025-07-23" },
		{ "2025-01-01T00:30+01:00", "2024-12-31T23:30:00Z", "2025-01-01" },
		{ "2024-02-29T23:59:59-00:01", "2024-03-01T00:00:59Z", "2024-02-29" },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		T_INT(pdx_iso_normalize(ok[i].in, out, sizeof out, loc), PDX_OK, "iso '%s'", ok[i].in);
		T_STR(out, ok[i].out, "iso '%s' value", ok[i].in);
		T_STR(loc, ok[i].local, "iso '%s' local date", ok[i].in);
		pdx_value v;
		T_INT(pdx_value_parse(out, &v), PDX_OK, "iso '%s' gives a value", ok[i].in);
	}
	static const char *const bad[] = {
		"", " 2025-07-23", "2025-07-23x", "2025-7-23", "2025-02-30", "0000-01-01",
		"2025-07-23T", "2025-07-23T10", "2025-07-23T10:0", "2025-07-23t10:00",
		"2025-07-23T24:00", "2025-07-23T10:60", "2025-07-23T10:00:60",
		"2025-07-23T10:00+05:3", "2025-07-23T10:00+5:30", "2025-07-23T10:00z",
		"2025-07-23T10:00:00.", "2025-07-23T10:00Z ?", "2025/07/23",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		strcpy(loc, "unchanged");
		T_INT(pdx_iso_normalize(bad[i], out, sizeof out, loc), PDX_EFORMAT, "iso rejects '%s'", bad[i]);
		T_STR(loc, "unchanged", "iso '%s' leaves local", bad[i]);
	}
	T_INT(pdx_iso_normalize(NULL, out, sizeof out, NULL), PDX_EFORMAT, "iso NULL");
}

static void test_value_parse(void)
{
	pdx_value v;
	char d[11], e[11];
	static const struct {
		const char *s;
		pdx_value_shape shape;
		const char *start, *end;
	} ok[] = {
		{ "2025", PDX_VALUE_YEAR, "2025-01-01", "2025-12-31" },
		{ "2024-02", PDX_VALUE_MONTH, "2024-02-01", "2024-02-29" },
		{ "2025-02", PDX_VALUE_MONTH, "2025-02-01", "2025-02-28" },
		{ "2025-07-23", PDX_VALUE_DAY, "2025-07-23", "2025-07-23" },
		{ "2025-09-21T04:01:00Z", PDX_VALUE_TIME, "2025-09-21", "2025-09-21" },
		{ "2025-10-01/2026-09-30", PDX_VALUE_DAY_RANGE, "2025-10-01", "2026-09-30" },
		{ "2025-07-23/2025-07-23", PDX_VALUE_DAY_RANGE, "2025-07-23", "2025-07-23" },
		{ "2000/2019", PDX_VALUE_YEAR_RANGE, "2000-01-01", "2019-12-31" },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		T_INT(pdx_value_parse(ok[i].s, &v), PDX_OK, "parse '%s'", ok[i].s);
		T_INT(v.shape, ok[i].shape, "shape of '%s'", ok[i].s);
		pdx_date_format(v.start, d);
		pdx_date_format(v.end, e);
		T_STR(d, ok[i].start, "start of '%s'", ok[i].s);
		T_STR(e, ok[i].end, "end of '%s'", ok[i].s);
	}
	T_INT(pdx_value_parse("2025-09-21T04:01:07Z", &v), PDX_OK, "parse a time");
	T_OK(v.hh == 4 && v.mi == 1 && v.ss == 7, "its hour, minute, second");
	static const char *const bad[] = {
		"", "202", "20255", "0000", "0000-01", "2025-13", "2025-00", "2025-7", "2025-02-29",
		"2025-02-30", "2025-7-23", "2025-07-23 ", " 2025-07-23", "+025",
		"2025-07-23T24:00:00Z", "2025-07-23T23:60:00Z", "2025-07-23T23:59:60Z",
		"2025-07-23T10:00:00", "2025-07-23T10:00:00z", "2025-07-23 10:00:00Z",
		"2025-07-23T10:00:00+00:00", "2026-09-30/2025-10-01", "2019/2000",
		"2025/20191", "2025-10-01/2026-9-30", "2025-10-01-2026-09-30", "abcd",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		T_INT(pdx_value_parse(bad[i], &v), PDX_EFORMAT, "parse rejects '%s'", bad[i]);
		T_OK(v.shape == 0 && v.start.y == 0 && v.hh == 0, "'%s' leaves *v zeroed", bad[i]);
	}
	T_INT(pdx_value_parse(NULL, &v), PDX_EFORMAT, "parse NULL");
}

static void test_value_format(void)
{
	char out[PDX_VALUE_LEN], day[11];
	pdx_value v = { .shape = PDX_VALUE_DAY_RANGE, .start = { 2024, 10, 1 }, .end = { 2025, 9, 30 } };
	T_INT(pdx_value_format(&v, out), PDX_OK, "format a fiscal year");
	T_STR(out, "2024-10-01/2025-09-30", "fiscal year 2025");
	v = (pdx_value){ .shape = PDX_VALUE_YEAR, .start = { 7, 1, 1 } };
	pdx_value_format(&v, out);
	T_STR(out, "0007", "years are four digits");
	v = (pdx_value){ .shape = PDX_VALUE_YEAR, .start = { 12025, 1, 1 } };
	pdx_value_format(&v, out);
	T_STR(out, "2025", "a year past 9999 is taken modulo 10000");
	v = (pdx_value){ .shape = (pdx_value_shape)42 };
	strcpy(out, "x");
	T_INT(pdx_value_format(&v, out), PDX_EFORMAT, "unknown shape");
	T_STR(out, "", "unknown shape writes nothing");

	v = pdx_value_utc((pdx_date){ 2025, 7, 23 }, 18, 51, 23, -240);
	pdx_value_format(&v, out);
	T_STR(out, "2025-07-23T22:51:23Z", "EDT to UTC");
	v = pdx_value_utc((pdx_date){ 2025, 1, 1 }, 0, 30, 0, 60);
	pdx_value_format(&v, out);
	T_STR(out, "2024-12-31T23:30:00Z", "UTC+1 before the year");
	v = pdx_value_utc((pdx_date){ 2025, 12, 31 }, 23, 0, 5, -300);
	pdx_value_format(&v, out);
	T_STR(out, "2026-01-01T04:00:05Z", "EST past the year");
	T_OK(v.start.y == v.end.y && v.start.d == v.end.d, "a time's end is its start");

	pdx_value_day("2025-09-21T04:01:00Z", day);
	T_STR(day, "2025-09-21", "day of a time");
	pdx_value_day("2025-10-01/2026-09-30", day);
	T_STR(day, "2025-10-01", "day of a range");
	pdx_value_day("2025-07-23", day);
	T_STR(day, "2025-07-23", "day of a day");
	pdx_value_day("2025-07", day);
	T_STR(day, "", "a month has no day");
	pdx_value_day("2025", day);
	T_STR(day, "", "a year has no day");
	pdx_value_day("2000/2019", day);
	T_STR(day, "", "a year range has no day");
	pdx_value_day(NULL, day);
	T_STR(day, "", "NULL has no day");
}

/* format(parse(s)) == s for each shape, and parse(format(v)) == v for
 * random valid values. */
static void test_round_trip(void)
{
	static const char *const vals[] = { "2025", "0001", "9999", "2025-07", "2024-02-29", "1900-02-28",
		"2025-09-21T04:01:00Z", "2025-09-21T23:59:59Z", "2025-10-01/2026-09-30", "2000/2019",
		"1776-07-04/1777-07-03" };
	char out[PDX_VALUE_LEN];
	pdx_value v, w;
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		T_INT(pdx_value_parse(vals[i], &v), PDX_OK, "parse '%s'", vals[i]);
		T_INT(pdx_value_format(&v, out), PDX_OK, "format '%s'", vals[i]);
		T_OK(!strcmp(out, vals[i]), "round trip '%s' gives '%s'", vals[i], out);
	}
	srand(15);
	int bad = 0;
	for (int i = 0; i < 20000; i++) {
		pdx_date a = pdx_civil_from_days(rand() % 2900000 - 719162);	/* 0001 .. 9909 */
		pdx_date b = pdx_date_add_days(a, rand() % 4000);
		v = (pdx_value){ .shape = (pdx_value_shape)(rand() % 6), .start = a, .end = a };
		switch (v.shape) {
		case PDX_VALUE_YEAR:
			v.start = (pdx_date){ a.y, 1, 1 };
			v.end = (pdx_date){ a.y, 12, 31 };
			break;
		case PDX_VALUE_MONTH:
			v.start.d = 1;
			v.end.d = pdx_days_in_month(a.y, a.m);
			break;
		case PDX_VALUE_TIME:
			v.hh = rand() % 24, v.mi = rand() % 60, v.ss = rand() % 60;
			break;
		case PDX_VALUE_DAY_RANGE:
			v.end = b;
			break;
		case PDX_VALUE_YEAR_RANGE:
			v.start = (pdx_date){ a.y, 1, 1 };
			v.end = (pdx_date){ b.y, 12, 31 };
			break;
		default:
			break;
		}
		char again[PDX_VALUE_LEN];
		if (pdx_value_format(&v, out) != PDX_OK || pdx_value_parse(out, &w) != PDX_OK ||
		    memcmp(&v, &w, sizeof v) || pdx_value_format(&w, again) != PDX_OK || strcmp(out, again)) {
			if (bad++ < 5)
				printf("# round trip failed: %s\n", out);
		}
	}
	T_INT(bad, 0, "20000 random values round trip");
}

int main(void)
{
	test_months();
	test_iso();
	test_value_parse();
	test_value_format();
	test_round_trip();
	return t_done();
}
