/* deadlines.c - the deadlines subcommand: the timeline entries of the
 * records as a to-do list as of a date (overdue, due, upcoming), in text,
 * JSON, CSV and iCalendar. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "query.h"
#include "polidex/date.h"
#include "polidex/util.h"

static const char deadlines_usage[] =
	"usage: " PROG " deadlines [options]\n"
	"Timeline entries sorted by date, each with its status as of a date\n"
	"(overdue, due, upcoming, past); relative deadlines whose anchor has no\n"
	"date are listed apart with their anchor.\n"
	"      --as-of DATE    the reference date (default: today, UTC)\n"
	"      --within DAYS   entries dated from the reference date to DAYS later\n"
	"      --overdue       deadlines, closings and expiries dated before it\n"
	"                      (with --within: both)\n"
	"      --from DATE     entries dated on or after DATE (YYYY-MM-DD)\n"
	"      --to DATE       ... on or before DATE\n"
	"  -a, --agency A      records naming agency A (repeatable; includes\n"
	"                      sub-agencies)\n"
	"      --exact-agency  do not include sub-agencies\n"
	"  -p, --pillar P      1, 2, 3 (or I, II, III)\n"
	"  -k, --kind K        timeline kind (repeatable): deadline, opens, closes,\n"
	"                      effective, expires, notification, start (the default\n"
	"                      set), published, signed, fiscal_year, vague, other\n"
	"      --all           every kind\n"
	"  -f, --format F      text, json, csv, ics (iCalendar)\n"
	"  -d, --db DB         database file\n"
	"A date filter (--within, --overdue, --from, --to) leaves out the\n"
	"unresolved entries: they have no date to match.\n";

enum { OPT_ASOF = 256, OPT_WITHIN, OPT_OVERDUE, OPT_FROM, OPT_TO, OPT_EXACT, OPT_ALL };

static const struct option deadlines_opts[] = {
	{ "as-of", required_argument, NULL, OPT_ASOF },
	{ "within", required_argument, NULL, OPT_WITHIN },
	{ "overdue", no_argument, NULL, OPT_OVERDUE },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "agency", required_argument, NULL, 'a' },
	{ "exact-agency", no_argument, NULL, OPT_EXACT },
	{ "pillar", required_argument, NULL, 'p' },
	{ "kind", required_argument, NULL, 'k' },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "format", required_argument, NULL, 'f' },
	{ "db", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* The timeline kinds. tracking: listed unless --kind or --all says
 * otherwise (the others are facts about the past or not dates at all);
 * closing: something must be done by it, so it can be overdue. */
static const struct {
	const char *name, *title;
	bool tracking, closing;
} kinds[] = {
	{ "deadline", "Deadline", true, true },
	{ "opens", "Opens", true, false },
	{ "closes", "Closes", true, true },
	{ "effective", "Effective", true, false },
	{ "expires", "Expires", true, true },
	{ "notification", "Notification", true, false },
	{ "start", "Start", true, false },
	{ "published", "Published", false, false },
	{ "signed", "Signed", false, false },
	{ "fiscal_year", "Fiscal year", false, false },
	{ "vague", "Vague", false, false },
	{ "other", "Other", false, false },
};
#define NKINDS (sizeof kinds / sizeof *kinds)

static int find_kind(const char *name)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (name && strcmp(kinds[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* The days a timeline value covers. */
typedef struct {
	pdx_date start, end;	/* end is the last day; start for one day */
	bool timed;		/* a UTC time of day on start */
	int hh, mi, ss;
} span;

/* A strict YYYY-MM-DD at s (which may go on). */
static bool date_at(const char *s, pdx_date *d)
{
	char b[11];
	if (strlen(s) < 10)
		return false;
	memcpy(b, s, 10);
	b[10] = '\0';
	return timeline_date_parse(b, d) == PDX_OK;
}

/* The span of a stored value: "2025-03-07", "2025-03-07T17:00:00Z",
 * "2025-10-01/2026-09-30", "2025-07" (a month), "2019" (a year). False for
 * NULL or anything else. */
static bool parse_span(const char *v, span *sp)
{
	memset(sp, 0, sizeof *sp);
	if (!v)
		return false;
	size_t n = strlen(v);
	if (n == 4 || n == 7) {
		char b[11];
		memcpy(b, v, n);
		memcpy(b + n, n == 4 ? "-01-01" : "-01", n == 4 ? 7 : 4);
		if (!date_at(b, &sp->start))
			return false;
		sp->end = sp->start;
		sp->end.m = n == 4 ? 12 : sp->start.m;
		sp->end.d = timeline_days_in_month(sp->end.y, sp->end.m);
		return true;
	}
	if (!date_at(v, &sp->start))
		return false;
	sp->end = sp->start;
	if (n == 10)
		return true;
	if (v[10] == '/')
		return n == 21 && date_at(v + 11, &sp->end) &&
		       timeline_date_diff(sp->start, sp->end) >= 0;
	char z;
	if (v[10] == 'T' && n == 20 &&
	    sscanf(v + 11, "%2d:%2d:%2d%c", &sp->hh, &sp->mi, &sp->ss, &z) == 4 && z == 'Z' &&
	    sp->hh < 24 && sp->mi < 60 && sp->ss < 60 && sp->hh >= 0 && sp->mi >= 0 && sp->ss >= 0) {
		sp->timed = true;
		return true;
	}
	return false;
}

/* One dated entry chosen for output. */
typedef struct {
	size_t i;		/* into the pdx_dues */
	span sp;
	const char *status;	/* overdue, due, upcoming, past */
	long days;		/* from the reference date to the start */
} item;

typedef struct {
	pdx_date asof;
	long within;		/* -1: not asked */
	bool overdue;
	bool has_from, has_to;
	pdx_date from, to;
} window;

/* Status as of w->asof, and whether the entry passes the date filters. */
static bool classify(const window *w, const pdx_time *t, item *it)
{
	int k = find_kind(t->kind);
	bool closing = k >= 0 && kinds[k].closing;
	long to_start = timeline_date_diff(w->asof, it->sp.start);
	long to_end = timeline_date_diff(w->asof, it->sp.end);
	it->days = to_start;
	if (to_end < 0)
		it->status = closing ? "overdue" : "past";
	else if (to_start > 0)
		it->status = "upcoming";
	else
		it->status = "due";
	/* a span passes a window when they share a day */
	if (w->has_from && timeline_date_diff(w->from, it->sp.end) < 0)
		return false;
	if (w->has_to && timeline_date_diff(it->sp.start, w->to) < 0)
		return false;
	if (w->within < 0 && !w->overdue)
		return true;
	if (w->within >= 0 && to_end >= 0 && to_start <= w->within)
		return true;
	return w->overdue && closing && to_end < 0;
}

/* "OMB (lead), NIST (mentioned)", the strongest role first, for the
 * text, CSV and calendar views. Caller frees. */
static char *agency_list(pdx_db *db, int64_t id)
{
	pdx_hit_agency *ag = NULL;
	size_t n = 0;
	pdx_buf b;
	buf_init(&b);
	if (db_record_agencies(db, id, &ag, &n) == PDX_OK)
		for (size_t i = 0; i < n; i++)
			buf_printf(&b, "%s%s (%s)", i ? ", " : "",
				   ag[i].acronym ? ag[i].acronym : ag[i].id, ag[i].role);
	db_agencies_free(ag, n);
	return buf_take(&b);
}

/* The first max_chars characters of s with white space squeezed, cut
 * after a word when one ends in the second half, "…" marking the cut.
 * Caller frees. */
static char *short_text(const char *s, size_t max_chars)
{
	char *t = xstrdup(s ? s : "");
	if (!t)
		return NULL;
	squeeze_space(t);
	size_t len = strlen(t), i = 0, chars = 0, space = 0;
	while (i < len && chars < max_chars) {
		int adv;
		utf8_decode(t + i, len - i, &adv);
		if (t[i] == ' ' && chars > max_chars / 2)
			space = i;
		i += (size_t)adv;
		chars++;
	}
	if (i >= len)
		return t;
	if (space)
		i = space;
	while (i > 0 && t[i - 1] == ' ')
		i--;
	pdx_buf b;
	buf_init(&b);
	buf_add(&b, t, i);
	buf_adds(&b, "\u2026");
	free(t);
	return buf_take(&b);
}

/* "12 days after signing" / "anchor: opens", or "" without an anchor. */
static void offset_text(const pdx_time *t, char *out, size_t n)
{
	if (!t->anchor) {
		out[0] = '\0';
		return;
	}
	long v = t->has_offset_days ? t->offset_days : t->offset_months;
	const char *unit = t->has_offset_days ? "day" : "month";
	if (t->has_offset_days || t->has_offset_months)
		snprintf(out, n, "%ld %s%s %s %s", v < 0 ? -v : v, unit,
			 v == 1 || v == -1 ? "" : "s", v < 0 ? "before" : "after", t->anchor);
	else
		snprintf(out, n, "anchor: %s", t->anchor);
}

static void days_text(long days, char *out, size_t n)
{
	if (days == 0)
		snprintf(out, n, "today");
	else if (days > 0)
		snprintf(out, n, "in %ld day%s", days, days == 1 ? "" : "s");
	else
		snprintf(out, n, "%ld day%s ago", -days, days == -1 ? "" : "s");
}

/* How the date column shows a span: a day, a day and UTC time, or first
 * and last day. */
static void span_text(const span *sp, char *out, size_t n)
{
	char a[11], b[11];
	timeline_date_format(sp->start, a);
	timeline_date_format(sp->end, b);
	if (sp->timed)
		snprintf(out, n, "%s %02d:%02dZ", a, sp->hh, sp->mi);
	else if (timeline_date_diff(sp->start, sp->end) > 0)
		snprintf(out, n, "%s..%s", a, b);
	else
		snprintf(out, n, "%s", a);
}

/* The lines under an entry's head line: the record, the expression, the
 * agencies, the source, the text. */
static void print_text_body(pdx_db *db, const pdx_hit *h, const pdx_time *t)
{
	char off[256];
	offset_text(t, off, sizeof off);
	printf("    %s", h->key);
	if (h->label)
		printf("  %s", h->label);
	if (h->section)
		printf("  %s", h->section);
	printf("\n    \"%s\" (%s%s%s)\n", t->expr ? t->expr : "", t->precision ? t->precision : "",
	       off[0] ? ", " : "", off);
	char *ag = agency_list(db, h->id);
	if (ag && *ag)
		printf("    agencies: %s\n", ag);
	free(ag);
	printf("    %s", h->doc_path);
	if (h->doc_part)
		printf(" (part %d)", h->doc_part);
	printf(":%d\n", h->line);
	char *st = short_text(h->text, 160);
	printf("    %s\n\n", st ? st : "");
	free(st);
}

static void print_text(pdx_db *db, const pdx_dues *d, const item *v, size_t n,
		       const size_t *un, size_t nun)
{
	for (size_t k = 0; k < n; k++) {
		const pdx_time *t = &d->v[v[k].i].t;
		char when[32], days[32];
		span_text(&v[k].sp, when, sizeof when);
		days_text(v[k].days, days, sizeof days);
		printf("%-17s  %-12s  %-8s  %s\n", when, t->kind, v[k].status, days);
		print_text_body(db, &d->hits.v[v[k].i], t);
	}
	if (nun)
		printf("Unresolved (relative to an event without a date):\n\n");
	for (size_t k = 0; k < nun; k++) {
		const pdx_time *t = &d->v[un[k]].t;
		printf("%-17s  %-12s  %s%s\n", "-", t->kind, t->anchor ? "anchor: " : "no date",
		       t->anchor ? t->anchor : "");
		print_text_body(db, &d->hits.v[un[k]], t);
	}
}

static void csv_row(pdx_db *db, const pdx_hit *h, const pdx_time *t, const item *it)
{
	char date[11] = "", end[11] = "", days[24] = "", od[16] = "", om[16] = "",
	     part[16], line[16];
	if (it) {
		timeline_date_format(it->sp.start, date);
		if (timeline_date_diff(it->sp.start, it->sp.end) > 0)
			timeline_date_format(it->sp.end, end);
		snprintf(days, sizeof days, "%ld", it->days);
	}
	if (t->has_offset_days)
		snprintf(od, sizeof od, "%d", t->offset_days);
	if (t->has_offset_months)
		snprintf(om, sizeof om, "%d", t->offset_months);
	snprintf(part, sizeof part, "%d", h->doc_part);
	snprintf(line, sizeof line, "%d", h->line);
	char *ag = agency_list(db, h->id);
	csv_field(stdout, date, false);
	csv_field(stdout, end, false);
	csv_field(stdout, it ? it->status : "unresolved", false);
	csv_field(stdout, days, false);
	csv_field(stdout, t->kind, false);
	csv_field(stdout, t->expr, false);
	csv_field(stdout, t->value, false);
	csv_field(stdout, t->precision, false);
	csv_field(stdout, od, false);
	csv_field(stdout, om, false);
	csv_field(stdout, t->anchor, false);
	csv_field(stdout, h->key, false);
	csv_field(stdout, h->kind, false);
	csv_field(stdout, h->label, false);
	csv_field(stdout, h->section, false);
	csv_field(stdout, ag, false);
	csv_field(stdout, h->doc_path, false);
	csv_field(stdout, part, false);
	csv_field(stdout, line, false);
	csv_field(stdout, h->text, true);
	free(ag);
}

static void print_csv(pdx_db *db, const pdx_dues *d, const item *v, size_t n,
		      const size_t *un, size_t nun)
{
	fputs("date,end,status,days,kind,expr,value,precision,offset_days,offset_months,"
	      "anchor,key,record_kind,label,section,agencies,path,part,line,text\r\n", stdout);
	for (size_t k = 0; k < n; k++)
		csv_row(db, &d->hits.v[v[k].i], &d->v[v[k].i].t, &v[k]);
	for (size_t k = 0; k < nun; k++)
		csv_row(db, &d->hits.v[un[k]], &d->v[un[k]].t, NULL);
}

/* A RECORD (hit_json) with "entry": the timeline entry it is listed for,
 * copied from its "timeline", with the status fields. */
static bool entry_json(pdx_db *db, const pdx_dues *d, size_t i, const item *it, cJSON *arr)
{
	cJSON *o = hit_json(db, &d->hits.v[i], arr);
	if (!o)
		return false;
	cJSON *tl = cJSON_GetObjectItemCaseSensitive(o, "timeline");
	cJSON *src = cJSON_GetArrayItem(tl, d->v[i].index);
	cJSON *e = src ? cJSON_Duplicate(src, true) : cJSON_CreateObject();
	if (!e)
		return false;
	cJSON_AddItemToObject(o, "entry", e);
	cJSON_AddNumberToObject(e, "index", d->v[i].index);
	if (!it) {
		cJSON_AddNullToObject(e, "date");
		cJSON_AddNullToObject(e, "end");
		cJSON_AddStringToObject(e, "status", "unresolved");
		cJSON_AddNullToObject(e, "days");
		return true;
	}
	char date[11];
	timeline_date_format(it->sp.start, date);
	cJSON_AddStringToObject(e, "date", date);
	if (timeline_date_diff(it->sp.start, it->sp.end) > 0) {
		timeline_date_format(it->sp.end, date);
		cJSON_AddStringToObject(e, "end", date);
	} else {
		cJSON_AddNullToObject(e, "end");
	}
	cJSON_AddStringToObject(e, "status", it->status);
	cJSON_AddNumberToObject(e, "days", (double)it->days);
	return true;
}

static void add_opt_str(cJSON *o, const char *k, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

static int print_deadlines_json(pdx_db *db, const pdx_dues *d, const item *v, size_t n,
				const size_t *un, size_t nun, const window *w,
				const char *from, const char *to, const pdx_deadline_query *q)
{
	cJSON *root = cJSON_CreateObject();
	if (!root)
		return -1;
	char asof[11];
	timeline_date_format(w->asof, asof);
	cJSON_AddNumberToObject(root, "format_version", PDX_FORMAT_VERSION);
	cJSON_AddStringToObject(root, "as_of", asof);
	if (w->within >= 0)
		cJSON_AddNumberToObject(root, "within", (double)w->within);
	else
		cJSON_AddNullToObject(root, "within");
	cJSON_AddBoolToObject(root, "overdue", w->overdue);
	add_opt_str(root, "from", from);
	add_opt_str(root, "to", to);
	if (q->nkinds) {
		cJSON *ks = cJSON_AddArrayToObject(root, "kinds");
		for (size_t k = 0; ks && k < q->nkinds; k++) {
			cJSON *s = cJSON_CreateString(q->kinds[k]);
			if (!s)
				break;
			cJSON_AddItemToArray(ks, s);
		}
	} else {
		cJSON_AddNullToObject(root, "kinds");
	}
	cJSON_AddNumberToObject(root, "count", (double)n);
	cJSON *arr = cJSON_AddArrayToObject(root, "deadlines");
	for (size_t k = 0; arr && k < n; k++)
		if (!entry_json(db, d, v[k].i, &v[k], arr))
			goto fail;
	cJSON_AddNumberToObject(root, "unresolved_count", (double)nun);
	arr = cJSON_AddArrayToObject(root, "unresolved");
	for (size_t k = 0; arr && k < nun; k++)
		if (!entry_json(db, d, un[k], NULL, arr))
			goto fail;
	return print_json(root, true);
fail:
	cJSON_Delete(root);
	return -1;
}

/* SUMMARY: "Deadline: eo-14318 Sec. 5(a) — Within 10 days of…"; an order
 * section's label alone would not say which order. Caller frees. */
static char *ics_summary(const pdx_hit *h, const pdx_time *t)
{
	int k = find_kind(t->kind);
	pdx_buf b;
	buf_init(&b);
	buf_printf(&b, "%s: ", k >= 0 ? kinds[k].title : t->kind);
	const char *colon = strchr(h->key, ':');
	if (h->label && colon)
		buf_printf(&b, "%.*s %s", (int)(colon - h->key), h->key, h->label);
	else
		buf_adds(&b, h->label ? h->label : h->key);
	char *st = short_text(h->text, 60);
	if (st && *st)
		buf_printf(&b, " \u2014 %s", st);
	free(st);
	char *out = ics_escape(b.s ? b.s : "");
	buf_free(&b);
	return out;
}

/* DESCRIPTION: the text, then what was found, who, and where. Caller frees. */
static char *ics_description(pdx_db *db, const pdx_hit *h, const pdx_time *t)
{
	char off[256];
	offset_text(t, off, sizeof off);
	pdx_buf b;
	buf_init(&b);
	buf_printf(&b, "%s\n\nWhen: \"%s\" = %s (%s%s%s)\n", h->text ? h->text : "",
		   t->expr ? t->expr : "", t->value, t->precision ? t->precision : "",
		   off[0] ? ", " : "", off);
	char *ag = agency_list(db, h->id);
	if (ag && *ag)
		buf_printf(&b, "Agencies: %s\n", ag);
	free(ag);
	buf_printf(&b, "Record: %s (%s)\nSource: %s", h->key, h->kind, h->doc_path);
	if (h->doc_part)
		buf_printf(&b, " part %d", h->doc_part);
	buf_printf(&b, ", line %d", h->line);
	if (h->doc_title)
		buf_printf(&b, "\nDocument: %s", h->doc_title);
	char *out = ics_escape(b.s ? b.s : "");
	buf_free(&b);
	return out;
}

static void ics_date(const char *name, pdx_date d)
{
	char v[16];
	snprintf(v, sizeof v, "%04d%02d%02d", d.y % 10000, d.m % 100, d.d % 100);
	ics_line(stdout, name, v);
}

static int print_ics(pdx_db *db, const pdx_dues *d, const item *v, size_t n, const window *w)
{
	/* DTSTAMP is the reference date at midnight UTC, not the clock: the
	 * same database and options give the same bytes (a calendar
	 * subscriber sees no change that is not one), and --as-of defaults
	 * to today anyway */
	char stamp[24];
	snprintf(stamp, sizeof stamp, "%04d%02d%02dT000000Z", w->asof.y % 10000,
		 w->asof.m % 100, w->asof.d % 100);
	ics_line(stdout, "BEGIN", "VCALENDAR");
	ics_line(stdout, "VERSION", "2.0");
	ics_line(stdout, "PRODID", "-//polidex//polidex-query " PDX_VERSION "//EN");
	ics_line(stdout, "CALSCALE", "GREGORIAN");
	ics_line(stdout, "X-WR-CALNAME", "polidex deadlines");
	for (size_t k = 0; k < n; k++) {
		const pdx_hit *h = &d->hits.v[v[k].i];
		const pdx_time *t = &d->v[v[k].i].t;
		const span *sp = &v[k].sp;
		char uid[64];
		ics_uid(uid, sizeof uid, h->doc_path, h->doc_part, h->key, t, d->v[v[k].i].dup);
		char *summary = ics_summary(h, t), *desc = ics_description(db, h, t);
		char *cat = ics_escape(t->kind);
		if (!summary || !desc || !cat) {
			free(summary);
			free(desc);
			free(cat);
			return -1;
		}
		ics_line(stdout, "BEGIN", "VEVENT");
		ics_line(stdout, "UID", uid);
		ics_line(stdout, "DTSTAMP", stamp);
		if (sp->timed) {
			/* a moment: no DTEND, the event ends where it starts */
			char dt[24];
			snprintf(dt, sizeof dt, "%04d%02d%02dT%02d%02d%02dZ", sp->start.y % 10000,
				 sp->start.m % 100, sp->start.d % 100, sp->hh % 100, sp->mi % 100,
				 sp->ss % 100);
			ics_line(stdout, "DTSTART", dt);
		} else {
			/* all-day: DTEND is exclusive, the day after the last */
			ics_date("DTSTART;VALUE=DATE", sp->start);
			ics_date("DTEND;VALUE=DATE", timeline_date_add_days(sp->end, 1));
		}
		ics_line(stdout, "SUMMARY", summary);
		ics_line(stdout, "DESCRIPTION", desc);
		ics_line(stdout, "CATEGORIES", cat);
		ics_line(stdout, "TRANSP", "TRANSPARENT");
		ics_line(stdout, "END", "VEVENT");
		free(summary);
		free(desc);
		free(cat);
	}
	ics_line(stdout, "END", "VCALENDAR");
	return 0;
}

/* A count of days for --within: digits only, at most about a century. */
static bool parse_days(const char *s, long *out)
{
	char *end;
	if (!*s || strspn(s, "0123456789") != strlen(s))
		return false;
	*out = strtol(s, &end, 10);
	return *out <= 36600;
}

static pdx_date today_utc(void)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!gmtime_r(&now, &tm))
		return (pdx_date){ 1970, 1, 1 };
	return (pdx_date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

int cmd_deadlines(const char *dbpath, int argc, char **argv)
{
	pdx_deadline_query q = { 0 };
	pdx_format fmt = FMT_TEXT;
	window w = { .within = -1 };
	const char *agency_names[PDX_MAX_AGENCY_FILTERS];
	char *ids[PDX_MAX_AGENCY_FILTERS] = { 0 };
	size_t nagency = 0;
	const char *asof = NULL, *from = NULL, *to = NULL;
	bool all = false;
	int c, status = EXIT_USAGE;
	pdx_db *db = NULL;
	pdx_dues dues = { 0 };
	item *items = NULL;
	size_t *unres = NULL, nitems = 0, nunres = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, "a:p:k:f:d:h", deadlines_opts, NULL)) != -1) {
		switch (c) {
		case OPT_ASOF: asof = optarg; break;
		case OPT_WITHIN:
			if (!parse_days(optarg, &w.within)) {
				fprintf(stderr, PROG ": bad number of days '%s'\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_OVERDUE: w.overdue = true; break;
		case OPT_FROM: from = optarg; break;
		case OPT_TO: to = optarg; break;
		case 'a':
			if (nagency == PDX_MAX_AGENCY_FILTERS) {
				fprintf(stderr, PROG ": at most %d agency filters\n", PDX_MAX_AGENCY_FILTERS);
				return EXIT_USAGE;
			}
			agency_names[nagency++] = optarg;
			break;
		case OPT_EXACT: q.exact_agency = true; break;
		case 'p':
			if (!(q.pillar = parse_pillar(optarg))) {
				fprintf(stderr, PROG ": bad pillar '%s' (1, 2, 3 or I, II, III)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'k':
			if (find_kind(optarg) < 0) {
				fprintf(stderr, PROG ": unknown timeline kind '%s' (", optarg);
				for (size_t k = 0; k < NKINDS; k++)
					fprintf(stderr, "%s%s", k ? ", " : "", kinds[k].name);
				fprintf(stderr, ")\n");
				return EXIT_USAGE;
			}
			if (q.nkinds < PDX_MAX_KIND_FILTERS)
				q.kinds[q.nkinds++] = optarg;
			break;
		case OPT_ALL: all = true; break;
		case 'f':
			if (take_format(&fmt, optarg, 1u << FMT_TEXT | 1u << FMT_JSON | 1u << FMT_CSV | 1u << FMT_ICS))
				return EXIT_USAGE;
			break;
		case 'd': dbpath = optarg; break;
		case 'h': fputs(deadlines_usage, stdout); return EXIT_RESULTS;
		default: fputs(deadlines_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(stderr, PROG ": deadlines takes no arguments ('%s')\n", argv[optind]);
		fputs(deadlines_usage, stderr);
		return EXIT_USAGE;
	}
	struct { const char *s; pdx_date *d; bool *has; } dates[] = {
		{ asof, &w.asof, NULL }, { from, &w.from, &w.has_from }, { to, &w.to, &w.has_to },
	};
	for (size_t k = 0; k < 3; k++) {
		if (!dates[k].s)
			continue;
		if (timeline_date_parse(dates[k].s, dates[k].d)) {
			fprintf(stderr, PROG ": bad date '%s' (YYYY-MM-DD, a day that exists)\n",
				dates[k].s);
			return EXIT_USAGE;
		}
		if (dates[k].has)
			*dates[k].has = true;
	}
	if (!asof)
		w.asof = today_utc();
	if (q.nkinds == 0 && !all)
		for (size_t k = 0; k < NKINDS; k++)
			if (kinds[k].tracking)
				q.kinds[q.nkinds++] = kinds[k].name;

	if (!(db = open_db(dbpath))) {
		status = EXIT_RUNTIME;
		goto out;
	}
	for (size_t i = 0; i < nagency; i++) {
		if (!(ids[i] = resolve_agency(db, agency_names[i])))
			goto out;
		q.agencies[q.nagencies++] = ids[i];
	}
	/* the window narrows what is read (classify() still decides): spans
	 * ending on or after lo, starting on or before hi, or for overdue
	 * alone ending before the reference date */
	char lo[11], hi[11], before[11];
	pdx_date d_lo = w.from, d_hi = w.to;
	bool has_lo = w.has_from, has_hi = w.has_to;
	if (w.within >= 0 && !w.overdue) {
		pdx_date end = timeline_date_add_days(w.asof, w.within);
		if (!has_lo || timeline_date_diff(d_lo, w.asof) > 0)
			d_lo = w.asof;
		if (!has_hi || timeline_date_diff(end, d_hi) > 0)
			d_hi = end;
		has_lo = has_hi = true;
	}
	if (has_lo) {
		timeline_date_format(d_lo, lo);
		q.end_min = lo;
	}
	if (has_hi) {
		timeline_date_format(d_hi, hi);
		q.start_max = hi;
	}
	if (w.overdue && w.within < 0) {
		timeline_date_format(w.asof, before);
		q.end_before = before;
	}
	char err[512] = "";
	status = EXIT_RUNTIME;
	if (db_deadlines(db, &q, &dues, err, sizeof err)) {
		fprintf(stderr, PROG ": deadlines failed: %s\n", err);
		goto out;
	}
	items = dues.n ? malloc(dues.n * sizeof *items) : NULL;
	unres = dues.n ? malloc(dues.n * sizeof *unres) : NULL;
	if (dues.n && (!items || !unres)) {
		fprintf(stderr, PROG ": out of memory\n");
		goto out;
	}
	bool dated_only = w.within >= 0 || w.overdue || w.has_from || w.has_to;
	for (size_t i = 0; i < dues.n; i++) {
		item *it = &items[nitems];
		it->i = i;
		/* a value that is no date (none here today) counts as unresolved */
		if (!parse_span(dues.v[i].t.value, &it->sp)) {
			if (!dated_only)
				unres[nunres++] = i;
			continue;
		}
		if (classify(&w, &dues.v[i].t, it))
			nitems++;
	}
	int rc = 0;
	switch (fmt) {
	case FMT_JSON:
		rc = print_deadlines_json(db, &dues, items, nitems, unres, nunres, &w, from, to, &q);
		break;
	case FMT_CSV: print_csv(db, &dues, items, nitems, unres, nunres); break;
	case FMT_ICS: rc = print_ics(db, &dues, items, nitems, &w); break;
	default: print_text(db, &dues, items, nitems, unres, nunres); break;
	}
	if (rc) {
		fprintf(stderr, PROG ": out of memory\n");
		goto out;
	}
	/* unresolved entries are no calendar events */
	status = nitems + (fmt == FMT_ICS ? 0 : nunres) ? EXIT_RESULTS : EXIT_NONE;
out:
	free(items);
	free(unres);
	dues_free(&dues);
	for (size_t i = 0; i < nagency; i++)
		free(ids[i]);
	db_close(db);
	return status;
}
