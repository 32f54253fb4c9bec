/* deadlines_print.c - the views of the deadlines subcommand: text, CSV,
 * JSON and iCalendar, one function each, over the entries deadlines.c
 * chose. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "deadlines.h"
#include "polidex/track.h"
#include "polidex/util.h"

/* "OMB (lead), NIST (mentioned)", the strongest role first, for the
 * text, CSV and calendar views. Caller frees. */
static char *agency_list(pdx_db *db, int64_t id)
{
	pdx_hit_agency *ag = NULL;
	size_t n = 0;
	pdx_buf b;
	pdx_buf_init(&b);
	if (db_record_agencies(db, id, &ag, &n) == PDX_OK)
		for (size_t i = 0; i < n; i++)
			pdx_buf_printf(&b, "%s%s (%s)", i ? ", " : "",
				   agency_label(db, ag[i].id, ag[i].acronym), ag[i].role);
	db_agencies_free(ag, n);
	return pdx_buf_take(&b);
}

/* The agencies of entry e of record h, as the query listed them with the
 * entry (with_agencies: read with the entries), else read now. Caller
 * frees. */
static char *entry_agencies(pdx_db *db, const pdx_hit *h, const pdx_due *e)
{
	return e->agencies ? pdx_strdup(e->agencies) : agency_list(db, h->id);
}

/* pdx_short_text, allocated: caller frees. */
static char *short_text(const char *s, size_t max_chars)
{
	char *t = malloc(PDX_SHORT_SIZE(max_chars));
	if (t)
		pdx_short_text(s, max_chars, t);
	return t;
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


/* How the date column shows a span: a day, a day and UTC time, or first
 * and last day. */
static void span_text(const dl_span *sp, const pdx_time *t, char *out, size_t n)
{
	char a[11], b[11];
	pdx_date_format(sp->start, a);
	pdx_date_format(sp->end, b);
	const pdx_zone *z = sp->timed ? track_zone_of(t->expr) : NULL;
	char day[11];
	int min;
	/* a time stated in a zone shows there (its UTC instant in the body) */
	if (z && z->std_offset && track_local(z, t->value, day, &min))
		snprintf(out, n, "%s %02d:%02d %s", day, min / 60, min % 60, z->abbr);
	else if (sp->timed) {
		pdx_date_format(sp->utc, a);
		snprintf(out, n, "%s %02d:%02dZ", a, sp->hh, sp->mi);
	}
	else if (pdx_date_diff(sp->start, sp->end) > 0)
		snprintf(out, n, "%s..%s", a, b);
	else if (n > strlen(a))
		memcpy(out, a, strlen(a) + 1);
	else
		snprintf(out, n, "%s", a);
}

/* The lines under an entry's head line: the record, the expression, the
 * agencies, the source, the text. */
/* One entry's lines, built in a buffer and written at once (printf's
 * parsing of its formats, and a lock of the stream for each piece, were a
 * third of a long listing's time). */
static pdx_buf text_out;

static void add(const char *s)
{
	pdx_buf_adds(&text_out, s);
}

/* s, then spaces to width bytes (printf's "%-*s", glibc's "(null)" for
 * NULL: a timeline kind this program does not know). */
static void add_padded(const char *s, size_t width)
{
	if (!s)
		s = "(null)";
	size_t n = strlen(s);
	pdx_buf_add(&text_out, s, n);
	static const char spaces[] = "                    ";
	if (n < width)
		pdx_buf_add(&text_out, spaces, width - n < sizeof spaces - 1 ? width - n : sizeof spaces - 1);
}

/* n in decimal (printf's "%d"). */
static void add_int(long n)
{
	char b[24];
	int k = (int)sizeof b;
	unsigned long u = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;
	do
		b[--k] = (char)('0' + u % 10);
	while (u /= 10);
	if (n < 0)
		b[--k] = '-';
	pdx_buf_add(&text_out, b + k, sizeof b - (size_t)k);
}

/* "today", "in 3 days", "1 day ago". */
static void add_days(long days)
{
	if (days == 0) {
		pdx_buf_add(&text_out, "today", 5);
		return;
	}
	if (days > 0)
		pdx_buf_add(&text_out, "in ", 3);
	add_int(days < 0 ? -days : days);
	pdx_buf_add(&text_out, days == 1 || days == -1 ? " day" : " days", days == 1 || days == -1 ? 4 : 5);
	if (days < 0)
		pdx_buf_add(&text_out, " ago", 4);
}

/* A record's text as the listing shows it: its first DL_TEXT_CHARS
 * characters (pdx_short_text), which the reader may have cut already. */
static void add_short_text(const pdx_hit *h, const pdx_due *e)
{
	if (e->text_short) {
		add(h->text ? h->text : "");
		return;
	}
	char t[PDX_SHORT_SIZE(DL_TEXT_CHARS)];
	pdx_buf_add(&text_out, t, pdx_short_text(h->text, DL_TEXT_CHARS, t));
}

/* The lines under an entry's head line: the record, the expression, the
 * agencies, the source, the text. */
static void add_text_body(pdx_db *db, const pdx_hit *h, const pdx_due *e)
{
	const pdx_time *t = &e->t;
	char off[256];
	offset_text(t, off, sizeof off);
	add("    ");
	add(h->key);
	if (h->label) {
		add("  ");
		add(h->label);
	}
	if (h->section) {
		add("  ");
		add(h->section);
	}
	/* a time: its UTC instant, when the text states a zone */
	bool at = t->value && strlen(t->value) > 10 && t->value[10] == 'T' &&
		  track_zone_of(t->expr)->std_offset;
	add("\n    \"");
	add(t->expr ? t->expr : "");
	add("\" (");
	add(t->precision ? t->precision : "");
	if (off[0]) {
		add(", ");
		add(off);
	}
	if (at) {
		add(", UTC ");
		add(t->value);
	}
	add(")\n");
	if (e->agencies) {
		if (*e->agencies) {
			add("    agencies: ");
			add(e->agencies);
			add("\n");
		}
	} else {
		char *ag = agency_list(db, h->id);
		if (ag && *ag) {
			add("    agencies: ");
			add(ag);
			add("\n");
		}
		free(ag);
	}
	add("    ");
	add(h->doc_path);
	if (h->doc_part) {
		add(" (part ");
		add_int(h->doc_part);
		add(")");
	}
	if (h->page > 0) {
		add(":p");
		add_int(h->page);
	} else {
		add(":");
		add_int(h->line);
	}
	add("\n");
	add("    ");
	add_short_text(h, e);
	add("\n\n");
}

/* Write what was built; a buffer that ran out of memory writes what the
 * printf calls it replaced would have: nothing (the run fails anyway). */
static void text_flush(void)
{
	if (text_out.s)
		fwrite(text_out.s, 1, text_out.len, stdout);
	if (pdx_buf_status(&text_out))
		pdx_buf_clear(&text_out);
	text_out.len = 0;
}

void dl_text_done(void)
{
	pdx_buf_clear(&text_out);
}

static void print_text_body(pdx_db *db, const pdx_hit *h, const pdx_due *e)
{
	add_text_body(db, h, e);
	text_flush();
}

void dl_text_entry(pdx_db *db, const pdx_hit *h, const pdx_due *e, const dl_item *it)
{
	const pdx_time *t = &e->t;
	char when[32];
	span_text(&it->sp, t, when, sizeof when);
	add_padded(when, 17);
	add("  ");
	add_padded(time_kind_name(t->kind), 12);
	add("  ");
	add_padded(it->status, 11);
	add("  ");
	add_days(it->days);
	add("\n");
	add_text_body(db, h, e);
	text_flush();
}

void dl_text_unresolved(pdx_db *db, const pdx_hit *h, const pdx_due *e)
{
	const pdx_time *t = &e->t;
	printf("%-17s  %-12s  %s%s\n", "-", time_kind_name(t->kind), t->anchor ? "anchor: " : "no date",
	       t->anchor ? t->anchor : "");
	print_text_body(db, h, e);
}

void dl_csv_row(pdx_db *db, const pdx_hit *h, const pdx_due *e, const dl_item *it)
{
	const pdx_time *t = &e->t;
	char date[11] = "", end[11] = "";
	if (it) {
		pdx_date_format(it->sp.start, date);
		if (pdx_date_diff(it->sp.start, it->sp.end) > 0)
			pdx_date_format(it->sp.end, end);
	}
	char *ag = entry_agencies(db, h, e);
	csv_field(stdout, date, false);
	csv_field(stdout, end, false);
	csv_field(stdout, it ? it->status : "unresolved", false);
	csv_opt_int(stdout, it != NULL, it ? it->days : 0, false);
	csv_field(stdout, time_kind_name(t->kind), false);
	csv_field(stdout, t->expr, false);
	csv_field(stdout, t->value, false);
	csv_field(stdout, t->precision, false);
	csv_opt_int(stdout, t->has_offset_days, t->offset_days, false);
	csv_opt_int(stdout, t->has_offset_months, t->offset_months, false);
	csv_field(stdout, t->anchor, false);
	csv_field(stdout, h->key, false);
	csv_field(stdout, h->kind, false);
	csv_field(stdout, h->label, false);
	csv_field(stdout, h->section, false);
	csv_field(stdout, ag, false);
	csv_field(stdout, h->doc_path, false);
	csv_int(stdout, h->doc_part, false);
	csv_int(stdout, h->line, false);
	csv_field(stdout, h->text, true);
	free(ag);
}

void dl_csv_begin(void)
{
	csv_begin(stdout);
	fputs("date,end,status,days,kind,expr,value,precision,offset_days,offset_months,"
	      "anchor,key,record_kind,label,section,agencies,path,part,line,text\r\n", stdout);
}

/* A RECORD (hit_json) with "entry": the timeline entry it is listed for,
 * copied from its "timeline", with the status fields; it (the status)
 * NULL for an unresolved entry. */
static bool entry_json(pdx_db *db, const pdx_hit *h, const pdx_due *due, const dl_item *it,
		       cJSON *arr)
{
	cJSON *o = hit_json(db, h, arr);
	if (!o)
		return false;
	cJSON *tl = cJSON_GetObjectItemCaseSensitive(o, "timeline");
	cJSON *src = cJSON_GetArrayItem(tl, due->index);
	cJSON *e = src ? cJSON_Duplicate(src, true) : cJSON_CreateObject();
	if (!e || !cJSON_AddItemToObject(o, "entry", e)) {
		cJSON_Delete(e);
		return false;
	}
	if (!json_num(e, "index", due->index))
		return false;
	if (!it)
		return json_str(e, "date", NULL) && json_str(e, "end", NULL) &&
		       json_str(e, "status", "unresolved") && json_str(e, "days", NULL);
	char date[11], end[11];
	pdx_date_format(it->sp.start, date);
	pdx_date_format(it->sp.end, end);
	bool range = pdx_date_diff(it->sp.start, it->sp.end) > 0;
	return json_str(e, "date", date) && json_str(e, "end", range ? end : NULL) &&
	       json_str(e, "status", it->status) && json_num(e, "days", (double)it->days) &&
	       json_str(e, "status_source", it->source);
}

/* deadlines' query echo: the reference date, the window, the kinds. */
static int echo_deadlines(cJSON *root, const void *arg)
{
	const dl_echo *e = arg;
	char asof[11];
	pdx_date_format(e->w->asof, asof);
	bool ok = json_str(root, "as_of", asof);
	if (ok && e->w->within >= 0)
		ok = json_num(root, "within", (double)e->w->within);
	else if (ok)
		ok = cJSON_AddNullToObject(root, "within") != NULL;
	ok = ok && cJSON_AddBoolToObject(root, "overdue", e->w->overdue) &&
	     json_str(root, "from", e->from) && json_str(root, "to", e->to);
	if (!ok)
		return -1;
	if (!e->q->nkinds)
		return cJSON_AddNullToObject(root, "kinds") ? 0 : -1;
	cJSON *ks = cJSON_AddArrayToObject(root, "kinds");
	for (size_t k = 0; ok && k < e->q->nkinds; k++) {
		cJSON *s = ks ? cJSON_CreateString(time_kind_name(e->q->kinds[k])) : NULL;
		ok = s && cJSON_AddItemToArray(ks, s);
		if (!ok)
			cJSON_Delete(s);
	}
	return ks && ok ? 0 : -1;
}

/* One entry (it NULL: an unresolved one), printed alone and indented as
 * cJSON nests an object in the envelope's array (two tabs more after
 * each line break; ", " before all but the first): the output is the
 * whole tree's, byte for byte, without the tree, whose million entries
 * took 2 GB. Returns 0 or -1 (no memory). */
int dl_json_entry(pdx_db *db, const pdx_hit *h, const pdx_due *e, const dl_item *it, bool first)
{
	cJSON *tmp = cJSON_CreateArray();
	bool ok = tmp && entry_json(db, h, e, it, tmp);
	int rc = ok ? json_print_item(tmp->child, first) : -1;
	cJSON_Delete(tmp);
	return rc;
}

/* The envelope with both lists empty, cut where the entries go: the
 * dated ones after head, the unresolved after mid, then tail. Caller
 * frees with dl_json_close. Returns 0 or -1 (no memory). */
int dl_json_open(const dl_echo *echo, size_t n, size_t nun, dl_json *j)
{
	memset(j, 0, sizeof *j);
	json_envelope env = { .order = "vecr", .results = "deadlines", .count = n,
			      .echo = echo_deadlines, .echo_arg = echo };
	cJSON *arr, *root = json_envelope_new(&env, &arr);
	bool ok = root && json_list(root, "unresolved_count", nun, "unresolved");
	char *s = ok ? cJSON_Print(root) : NULL;
	cJSON_Delete(root);
	static const char dk[] = "\"deadlines\":\t[]", uk[] = "\"unresolved\":\t[]";
	char *a = s ? strstr(s, dk) : NULL, *b = a ? strstr(a, uk) : NULL;
	if (!a || !b) {
		free(s);
		return -1;
	}
	j->s = s;
	j->mid = a + sizeof dk - 2;	/* at the closing ']' */
	j->tail = b + sizeof uk - 2;
	return 0;
}

void dl_json_close(dl_json *j)
{
	free(j->s);
	memset(j, 0, sizeof *j);
}

/* SUMMARY: "Deadline: eo-14318 Sec. 5(a) — Within 10 days of…"; an order
 * section's label alone would not say which order. Caller frees. */
static char *ics_summary(const pdx_hit *h, const pdx_time *t)
{
	pdx_buf b;
	pdx_buf_init(&b);
	pdx_buf_printf(&b, "%s: ", time_kind_title(t->kind));
	const char *colon = strchr(h->key, ':');
	if (h->label && colon)
		pdx_buf_printf(&b, "%.*s %s", (int)(colon - h->key), h->key, h->label);
	else
		pdx_buf_adds(&b, h->label ? h->label : h->key);
	char *st = short_text(h->text, 60);
	if (st && *st)
		pdx_buf_printf(&b, " \u2014 %s", st);
	free(st);
	char *out = ics_escape(b.s ? b.s : "");
	pdx_buf_clear(&b);
	return out;
}

/* DESCRIPTION: the text, then what was found, who, and where. Caller frees. */
static char *ics_description(pdx_db *db, const pdx_hit *h, const pdx_due *e)
{
	const pdx_time *t = &e->t;
	char off[256];
	offset_text(t, off, sizeof off);
	pdx_buf b;
	pdx_buf_init(&b);
	pdx_buf_printf(&b, "%s\n\nWhen: \"%s\" = %s (%s%s%s)\n", h->text ? h->text : "",
		   t->expr ? t->expr : "", t->value, t->precision ? t->precision : "",
		   off[0] ? ", " : "", off);
	char *ag = entry_agencies(db, h, e);
	if (ag && *ag)
		pdx_buf_printf(&b, "Agencies: %s\n", ag);
	free(ag);
	pdx_buf_printf(&b, "Record: %s (%s)\nSource: %s", h->key, h->kind, h->doc_path);
	if (h->doc_part)
		pdx_buf_printf(&b, " part %d", h->doc_part);
	if (h->page > 0)
		pdx_buf_printf(&b, ", page %d", h->page);
	else
		pdx_buf_printf(&b, ", line %d", h->line);
	if (h->doc_title)
		pdx_buf_printf(&b, "\nDocument: %s", h->doc_title);
	char *out = ics_escape(b.s ? b.s : "");
	pdx_buf_clear(&b);
	return out;
}

static void ics_date(const char *name, pdx_date d)
{
	char v[16];
	snprintf(v, sizeof v, "%04d%02d%02d", d.y % 10000, d.m % 100, d.d % 100);
	ics_line(stdout, name, v);
}

void dl_ics_begin(void)
{
	ics_line(stdout, "BEGIN", "VCALENDAR");
	ics_line(stdout, "VERSION", "2.0");
	ics_line(stdout, "PRODID", "-//polidex//polidex-query " PDX_VERSION "//EN");
	ics_line(stdout, "CALSCALE", "GREGORIAN");
	ics_line(stdout, "X-WR-CALNAME", "polidex deadlines");
}

void dl_ics_end(void)
{
	ics_line(stdout, "END", "VCALENDAR");
}

int dl_ics_entry(pdx_db *db, const pdx_hit *h, const pdx_due *e, const dl_item *it, pdx_date asof)
{
	const pdx_time *t = &e->t;
	const dl_span *sp = &it->sp;
	/* DTSTAMP is the reference date at midnight UTC, not the clock: the
	 * same database and options give the same bytes (a calendar
	 * subscriber sees no change that is not one), and --as-of defaults
	 * to today anyway */
	char stamp[24];
	snprintf(stamp, sizeof stamp, "%04d%02d%02dT000000Z", asof.y % 10000,
		 asof.m % 100, asof.d % 100);
	char uid[64];
	ics_uid(uid, sizeof uid, h->doc_path, h->doc_part, h->key, t, e->dup);
	char *summary = ics_summary(h, t), *desc = ics_description(db, h, e);
	char *cat = ics_escape(time_kind_name(t->kind));
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
		snprintf(dt, sizeof dt, "%04d%02d%02dT%02d%02d%02dZ", sp->utc.y % 10000,
			 sp->utc.m % 100, sp->utc.d % 100, sp->hh % 100, sp->mi % 100,
			 sp->ss % 100);
		ics_line(stdout, "DTSTART", dt);
	} else {
		/* all-day: DTEND is exclusive, the day after the last */
		ics_date("DTSTART;VALUE=DATE", sp->start);
		ics_date("DTEND;VALUE=DATE", pdx_date_add_days(sp->end, 1));
	}
	ics_line(stdout, "SUMMARY", summary);
	ics_line(stdout, "DESCRIPTION", desc);
	ics_line(stdout, "CATEGORIES", cat);
	ics_line(stdout, "TRANSP", "TRANSPARENT");
	ics_line(stdout, "END", "VEVENT");
	free(summary);
	free(desc);
	free(cat);
	return 0;
}
