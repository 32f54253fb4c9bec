/* status.c - the status subcommand: every requirement (a plan action, an
 * order's directive section, a notice's obligation) with its owners, due
 * date, status as of a day, timeliness and the evidence behind it, in
 * text, JSON, CSV or iCalendar (requirements as VTODO). */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "polidex/track.h"
#include "polidex/util.h"
#include "query.h"

static const unsigned status_formats =
	1u << FMT_TEXT | 1u << FMT_JSON | 1u << FMT_CSV | 1u << FMT_ICS;

static const char status_usage[] =
	"usage: " PROG " status [options]\n"
	"Every requirement with its status as of a day: done, in_progress,\n"
	"overdue, due, open (and, for a done one with a due date, on_time or\n"
	"late), the evidence behind it, and whether an analyst set it\n"
	"(status_source manual) or polidex inferred it.\n"
	"      --as-of DATE    the day (default: today in the time zone)\n"
	"      --tz ZONE       the zone of today and --as-of: America/New_York\n"
	"                      (default), America/Chicago, America/Denver,\n"
	"                      America/Phoenix, America/Los_Angeles, UTC\n"
	"  -a, --agency A      requirements A owns (lead, support or issuer;\n"
	"                      includes sub-agencies)\n"
	"  -p, --pillar P      1, 2, 3 (or I, II, III)\n"
	"  -s, --status S      only requirements with status S (repeatable)\n"
	"  -f, --format F      text, json, csv, ics (iCalendar VTODO)\n"
	"  -d, --db DB         database file\n";

enum { OPT_ASOF = 256, OPT_TZ };

static const struct option status_opts[] = {
	{ "as-of", required_argument, NULL, OPT_ASOF },
	{ "tz", required_argument, NULL, OPT_TZ },
	{ "agency", required_argument, NULL, 'a' },
	{ "pillar", required_argument, NULL, 'p' },
	{ "status", required_argument, NULL, 's' },
	{ "format", required_argument, NULL, 'f' },
	{ "db", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

typedef struct {
	char asof[11];
	const pdx_zone *zone;
	agency_opt agencies;
	int pillar;
	const char *statuses[8];
	size_t nstatuses;
	pdx_format fmt;
} st_opts;

static int status_options(int argc, char **argv, st_opts *o, const char **dbpath)
{
	int c, status;
	const char *asof = NULL;
	optind = 0;
	while ((c = getopt_long(argc, argv, "a:p:s:f:d:h", status_opts, NULL)) != -1) {
		switch (c) {
		case OPT_ASOF:
			if (take_once(&asof, "--as-of", optarg))
				return EXIT_USAGE;
			break;
		case OPT_TZ:
			if (take_zone(&o->zone, optarg))
				return EXIT_USAGE;
			break;
		case 'a':
			o->agencies.single = true;
			if (agency_opt_add(&o->agencies, optarg))
				return EXIT_USAGE;
			break;
		case 'p':
			if (take_pillar(&o->pillar, optarg))
				return EXIT_USAGE;
			break;
		case 's':
			if (!track_status_valid(optarg)) {
				size_t n = 0;
				while (pdx_req_statuses[n])
					n++;
				take_enum("status", optarg, pdx_req_statuses, n);
				return EXIT_USAGE;
			}
			if (o->nstatuses < 8)
				o->statuses[o->nstatuses++] = optarg;
			break;
		default:
			if ((status = common_option(c, status_usage, status_formats, &o->fmt,
						    dbpath)) != OPTIONS_OK)
				return status;
		}
	}
	if (optind < argc) {
		fprintf(stderr, PROG ": unexpected argument '%s'\n%s", argv[optind], status_usage);
		return EXIT_USAGE;
	}
	if (asof) {
		pdx_date d;
		if (pdx_date_parse(asof, &d)) {
			fprintf(stderr, PROG ": bad date '%s' (YYYY-MM-DD)\n", asof);
			return EXIT_USAGE;
		}
		pdx_date_format(d, o->asof);
	} else {
		track_today(o->zone, o->asof);
	}
	return OPTIONS_OK;
}

/* The due moment as written: "2025-10-27 23:59 ET" for a stated time. */
static void due_local(const pdx_requirement *r, char *out, size_t n)
{
	out[0] = '\0';
	const pdx_zone *z = track_zone(r->due_tz);
	char day[11];
	int min;
	if (r->due_at && z && track_local(z, r->due_at, day, &min))
		snprintf(out, n, "%s %02d:%02d %s", day, min / 60, min % 60, z->abbr);
}

static const char *lead_of(const pdx_requirement *r)
{
	return r->nowners ? r->owners[0].id : NULL;
}

static bool want(const st_opts *o, const pdx_track_status *st)
{
	if (!o->nstatuses)
		return true;
	for (size_t i = 0; i < o->nstatuses; i++)
		if (strcmp(o->statuses[i], st->status) == 0)
			return true;
	return false;
}

static cJSON *doc_json(const char *path, const char *title, const char *date)
{
	cJSON *d = cJSON_CreateObject();
	if (d && (!json_str(d, "path", path) || !json_str(d, "title", title) ||
		  (date && !json_str(d, "date", date)))) {
		cJSON_Delete(d);
		return NULL;
	}
	return d;
}

static int req_json(cJSON *arr, const pdx_requirement *r, const pdx_track_status *st)
{
	cJSON *o = cJSON_CreateObject();
	if (!o || !cJSON_AddItemToArray(arr, o))
		return -1;
	char local[40];
	due_local(r, local, sizeof local);
	bool ok = json_str(o, "key", r->key) && json_str(o, "kind", r->kind) &&
		  json_str(o, "label", r->label);
	ok = ok && (r->pillar ? json_num(o, "pillar", r->pillar)
			      : cJSON_AddNullToObject(o, "pillar") != NULL);
	cJSON *d = ok ? doc_json(r->path, r->title, r->doc_date) : NULL;
	ok = d && cJSON_AddItemToObject(o, "document", d);
	cJSON *ag = ok ? cJSON_AddArrayToObject(o, "agencies") : NULL;
	ok = ag != NULL;
	for (size_t i = 0; ok && i < r->nowners; i++) {
		cJSON *a = cJSON_CreateObject();
		ok = a && cJSON_AddItemToArray(ag, a) && json_str(a, "id", r->owners[i].id) &&
		     json_str(a, "role", r->owners[i].role);
	}
	ok = ok && json_str(o, "type", r->type) && json_str(o, "due", st->due_day[0] ? st->due_day : NULL) &&
	     json_str(o, "due_by", r->due_by) && json_str(o, "due_at", r->due_at) &&
	     json_str(o, "due_local", local[0] ? local : NULL) &&
	     json_str(o, "anchor", r->anchor) && json_str(o, "expr", r->expr) &&
	     json_str(o, "status", st->status) && json_str(o, "status_source", st->source) &&
	     json_str(o, "timeliness", st->timeliness);
	ok = ok && (st->timeliness ? json_num(o, "days_late", (double)st->days_late)
				   : cJSON_AddNullToObject(o, "days_late") != NULL);
	ok = ok && json_str(o, "done_on", st->done_on[0] ? st->done_on : NULL);
	ok = ok && (st->has_days ? json_num(o, "days", (double)st->days)
				 : cJSON_AddNullToObject(o, "days") != NULL);
	if (ok && r->m_status) {
		cJSON *m = cJSON_AddObjectToObject(o, "manual");
		ok = m && json_str(m, "status", r->m_status) && json_str(m, "date", r->m_date) &&
		     json_str(m, "evidence", r->m_evidence) && json_str(m, "note", r->m_note);
	}
	cJSON *ev = ok ? cJSON_AddArrayToObject(o, "evidence") : NULL;
	ok = ev != NULL;
	for (size_t i = 0; ok && i < r->nev; i++) {
		const pdx_evidence *e = &r->ev[i];
		cJSON *x = cJSON_CreateObject();
		ok = x && cJSON_AddItemToArray(ev, x) && json_str(x, "key", e->key);
		cJSON *xd = ok ? doc_json(e->path, e->title, NULL) : NULL;
		ok = xd && cJSON_AddItemToObject(x, "document", xd) && json_str(x, "date", e->date) &&
		     json_str(x, "how", e->how) && json_num(x, "confidence", round(e->confidence * 1000) / 1000) &&
		     json_str(x, "supports", e->completes ? "done" : "in_progress") &&
		     json_str(x, "text", e->text);
	}
	ok = ok && json_num(o, "evidence_later", (double)r->nlater);
	if (ok && r->m_status && r->m_evidence && strcmp(st->source, "manual") == 0) {
		cJSON *x = cJSON_CreateObject();
		ok = x && cJSON_AddItemToArray(ev, x) && json_str(x, "key", NULL) &&
		     json_str(x, "reference", r->m_evidence) && json_str(x, "date", r->m_date) &&
		     json_str(x, "how", "manual") && json_num(x, "confidence", 1) &&
		     json_str(x, "supports", r->m_status) && json_str(x, "text", r->m_note);
	}
	return ok ? 0 : -1;
}

static void print_text(const pdx_requirement *r, const pdx_track_status *st);

/* show KEY: the requirement record h is (its status as of today in New
 * York, its evidence), and what h carries out. */
static int show_load(pdx_db *db, const pdx_hit *h, const char *asof, pdx_requirements *reqs,
		     const pdx_requirement **r, pdx_track_status *st, pdx_evidence **ev,
		     size_t *nev)
{
	*r = NULL;
	*ev = NULL;
	*nev = 0;
	memset(reqs, 0, sizeof *reqs);
	if (!db_track_ready(db))
		return 0;
	if (db_track_requirements(db, NULL, 0, h->key, reqs) ||
	    db_track_carries(db, h->key, ev, nev))
		return -1;
	char today[11];
	if (asof && *asof)
		snprintf(today, sizeof today, "%s", asof);
	else
		track_today(track_zone("America/New_York"), today);
	for (size_t i = 0; i < reqs->n; i++)
		if (reqs->v[i].id == h->id) {
			track_status(&reqs->v[i], today, track_zone("America/New_York"), st);
			*r = &reqs->v[i];
		}
	return 0;
}

int show_track_text(pdx_db *db, const pdx_hit *h, const char *asof)
{
	pdx_requirements reqs;
	const pdx_requirement *r;
	pdx_track_status st;
	pdx_evidence *ev;
	size_t nev;
	int rc = show_load(db, h, asof, &reqs, &r, &st, &ev, &nev);
	if (!rc && r) {
		printf("\nrequirement (as of %s):\n", *asof ? asof : "today");
		print_text(r, &st);
	}
	if (!rc && nev) {
		printf("%scarries out:\n", r ? "" : "\n");
		for (size_t i = 0; i < nev; i++)
			printf("  %s  %s %.2f %s\n", ev[i].for_key, ev[i].how, ev[i].confidence,
			       ev[i].completes ? "done" : "in_progress");
	}
	requirements_free(&reqs);
	evidence_free(ev, nev);
	return rc;
}

bool show_track_json(pdx_db *db, const pdx_hit *h, const char *asof, cJSON *o)
{
	pdx_requirements reqs;
	const pdx_requirement *r;
	pdx_track_status st;
	pdx_evidence *ev;
	size_t nev;
	bool ok = show_load(db, h, asof, &reqs, &r, &st, &ev, &nev) == 0;
	if (ok && r) {
		cJSON *tmp = cJSON_CreateArray();
		ok = tmp && req_json(tmp, r, &st) == 0;
		cJSON *x = ok ? cJSON_DetachItemFromArray(tmp, 0) : NULL;
		ok = x && cJSON_AddItemToObject(o, "requirement", x);
		cJSON_Delete(tmp);
	} else if (ok) {
		ok = cJSON_AddNullToObject(o, "requirement") != NULL;
	}
	cJSON *arr = ok ? cJSON_AddArrayToObject(o, "carries_out") : NULL;
	ok = arr != NULL;
	for (size_t i = 0; ok && i < nev; i++) {
		cJSON *x = cJSON_CreateObject();
		ok = x && cJSON_AddItemToArray(arr, x) && json_str(x, "key", ev[i].for_key) &&
		     json_str(x, "how", ev[i].how) && json_num(x, "confidence", round(ev[i].confidence * 1000) / 1000) &&
		     json_str(x, "supports", ev[i].completes ? "done" : "in_progress") &&
		     json_str(x, "date", ev[i].date) && json_str(x, "text", ev[i].text);
	}
	requirements_free(&reqs);
	evidence_free(ev, nev);
	return ok;
}

typedef struct {
	const st_opts *o;
} echo_arg;

static int status_echo(cJSON *root, const void *arg)
{
	const st_opts *o = ((const echo_arg *)arg)->o;
	return json_str(root, "as_of", o->asof) && json_str(root, "tz", o->zone->name) ? 0 : -1;
}

static void print_text(const pdx_requirement *r, const pdx_track_status *st)
{
	char local[40];
	due_local(r, local, sizeof local);
	const char *due = st->due_day[0] ? st->due_day : r->due_by ? r->due_by : "-";
	printf("%-11s  %-10s  %-8s  %s\n", st->status, due, st->source, r->key);
	printf("    %s%s%s", r->type, r->due_by && !st->due_day[0] ? "  due by " : "",
	       r->due_by && !st->due_day[0] ? r->due_by : "");
	if (local[0])
		printf("  due %s (%s)", local, r->due_at);
	if (r->anchor)
		printf("  anchor: %s", r->anchor);
	if (st->timeliness) {
		if (st->days_late)
			printf("  %s %ld day%s", st->timeliness, st->days_late,
			       st->days_late == 1 ? "" : "s");
		else
			printf("  %s", st->timeliness);
	}
	if (st->done_on[0])
		printf("  done on %s", st->done_on);
	printf("\n");
	if (r->nowners) {
		printf("    owners:");
		for (size_t i = 0; i < r->nowners; i++)
			printf("%s %s (%s)", i ? "," : "", r->owners[i].id, r->owners[i].role);
		printf("\n");
	}
	for (size_t i = 0; i < r->nev; i++)
		printf("    evidence: %s %s %.2f %s%s%s\n", r->ev[i].date ? r->ev[i].date : "-",
		       r->ev[i].how, r->ev[i].confidence, r->ev[i].path,
		       r->ev[i].key ? " " : "", r->ev[i].key ? r->ev[i].key : "");
	if (r->nlater)
		printf("    evidence: %zu more dated after the as-of day, not counted\n", r->nlater);
	if (r->m_status)
		printf("    manual: %s %s %s%s%s\n", r->m_status, r->m_date ? r->m_date : "-",
		       r->m_evidence ? r->m_evidence : "-", r->m_note ? "  " : "",
		       r->m_note ? r->m_note : "");
	printf("\n");
}

static void print_csv_row(const pdx_requirement *r, const pdx_track_status *st)
{
	csv_field(stdout, r->key, false);
	csv_field(stdout, r->kind, false);
	csv_field(stdout, lead_of(r), false);
	csv_field(stdout, r->type, false);
	csv_field(stdout, st->due_day[0] ? st->due_day : NULL, false);
	csv_field(stdout, r->due_by, false);
	csv_field(stdout, r->due_at, false);
	csv_field(stdout, st->status, false);
	csv_field(stdout, st->source, false);
	csv_field(stdout, st->timeliness, false);
	csv_opt_int(stdout, st->timeliness != NULL, st->days_late, false);
	csv_field(stdout, st->done_on[0] ? st->done_on : NULL, false);
	csv_int(stdout, (long)r->nev + (r->m_evidence && strcmp(st->source, "manual") == 0 ? 1 : 0), false);
	csv_field(stdout, r->path, true);
}

/* A short form of the action for a calendar: its first words. */
static char *short_form(const pdx_requirement *r)
{
	pdx_buf b;
	pdx_buf_init(&b);
	const char *lead = lead_of(r);
	if (lead) {
		for (const char *p = lead; *p; p++)
			pdx_buf_addc(&b, (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p));
		pdx_buf_adds(&b, ": ");
	}
	pdx_buf_adds(&b, r->key);
	pdx_buf_adds(&b, " ");
	const char *t = r->text ? r->text : "";
	size_t n = strlen(t);
	if (n > 80) {
		n = 80;
		while (n > 0 && (t[n] & 0xC0) == 0x80)
			n--;
	}
	pdx_buf_add(&b, t, n);
	if (n < strlen(t))
		pdx_buf_adds(&b, "...");
	return pdx_buf_take(&b);
}

static int ics_todo(const pdx_requirement *r, const pdx_track_status *st, const char *stamp)
{
	char uid[512], due[20], *sum = short_form(r), *esum = sum ? ics_escape(sum) : NULL;
	int rc = esum ? 0 : -1;
	snprintf(uid, sizeof uid, "%s@polidex", r->key);
	char *euid = ics_escape(uid);
	rc = rc || !euid || ics_line(stdout, "BEGIN", "VTODO") || ics_line(stdout, "UID", euid) ||
	     ics_line(stdout, "DTSTAMP", stamp) || ics_line(stdout, "SUMMARY", esum);
	const char *d = st->due_day[0] ? st->due_day : r->due_by;
	if (!rc && d && strlen(d) == 10) {
		snprintf(due, sizeof due, "%.4s%.2s%.2s", d, d + 5, d + 8);
		rc = ics_line(stdout, "DUE;VALUE=DATE", due);
	}
	const char *s = strcmp(st->status, "done") == 0 ? "COMPLETED"
		      : strcmp(st->status, "in_progress") == 0 ? "IN-PROCESS" : "NEEDS-ACTION";
	rc = rc || ics_line(stdout, "STATUS", s);
	if (!rc && st->done_on[0]) {
		char c[20];
		snprintf(c, sizeof c, "%.4s%.2s%.2sT000000Z", st->done_on, st->done_on + 5,
			 st->done_on + 8);
		rc = ics_line(stdout, "COMPLETED", c);
	}
	rc = rc || ics_line(stdout, "END", "VTODO");
	free(euid);
	free(esum);
	free(sum);
	return rc;
}

/* The events (windows opening and closing, rules taking effect,
 * restrictions expiring) as VEVENTs: all-day, or at their UTC instant.
 * Returns 0 or -1. */
static int ics_events(pdx_db *db, const st_opts *o, const char *agency, const char *stamp)
{
	pdx_deadline_query q = { .kinds = { PDX_TIME_OPENS, PDX_TIME_CLOSES, PDX_TIME_EFFECTIVE,
					    PDX_TIME_EXPIRES },
				 .nkinds = 4, .pillar = o->pillar };
	if (agency) {
		q.agencies[0] = agency;
		q.nagencies = 1;
	}
	pdx_dues d = { 0 };
	char err[256];
	if (db_deadlines(db, &q, &d, err, sizeof err))
		return -1;
	int rc = 0;
	for (size_t i = 0; !rc && i < d.n; i++) {
		const pdx_time *t = &d.v[i].t;
		const pdx_hit *h = &d.hits.v[i];
		if (!t->value || strlen(t->value) < 10 || d.v[i].dup)
			continue;
		char uid[600], start[24], end[11], line[400];
		const char *kind = time_kind_name(t->kind);
		if (!kind)
			continue;
		snprintf(uid, sizeof uid, "%s.%d.%s@polidex", h->key, d.v[i].index, kind);
		pdx_date day;
		char b[11];
		snprintf(b, sizeof b, "%.10s", t->value);
		if (pdx_date_parse(b, &day))
			continue;
		snprintf(line, sizeof line, "%s: %s", time_kind_title(t->kind), h->key);
		char *euid = ics_escape(uid), *esum = ics_escape(line);
		rc = !euid || !esum || ics_line(stdout, "BEGIN", "VEVENT") ||
		     ics_line(stdout, "UID", euid) || ics_line(stdout, "DTSTAMP", stamp);
		if (!rc && strlen(t->value) == 20 && t->value[10] == 'T') {
			snprintf(start, sizeof start, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", t->value,
				 t->value + 5, t->value + 8, t->value + 11, t->value + 14, t->value + 17);
			rc = ics_line(stdout, "DTSTART", start);
		} else if (!rc) {
			snprintf(start, sizeof start, "%.4s%.2s%.2s", b, b + 5, b + 8);
			pdx_date_format(pdx_date_add_days(day, 1), end);
			char e8[9];
			snprintf(e8, sizeof e8, "%.4s%.2s%.2s", end, end + 5, end + 8);
			rc = ics_line(stdout, "DTSTART;VALUE=DATE", start) ||
			     ics_line(stdout, "DTEND;VALUE=DATE", e8);
		}
		rc = rc || ics_line(stdout, "SUMMARY", esum) || ics_line(stdout, "END", "VEVENT");
		free(euid);
		free(esum);
	}
	db_dues_clear(&d);
	return rc;
}

/* One requirement in o's format (JSON: first, the first printed);
 * 0 or -1 (no memory). */
static int print_req(const st_opts *o, pdx_requirement *r, const pdx_track_status *st,
		     const char *stamp, bool first)
{
	switch (o->fmt) {
	case FMT_JSON: {
		cJSON *tmp = cJSON_CreateArray();
		int rc = !tmp || req_json(tmp, r, st) || json_print_item(tmp->child, first);
		cJSON_Delete(tmp);
		return rc ? -1 : 0;
	}
	case FMT_CSV: print_csv_row(r, st); return 0;
	case FMT_ICS: return ics_todo(r, st, stamp);
	default: print_text(r, st); return 0;
	}
}

int cmd_status(const char *dbpath, int argc, char **argv)
{
	st_opts o = { .fmt = FMT_TEXT, .zone = track_zone("America/New_York") };
	pdx_db *db = NULL;
	pdx_req_reader *rd = NULL;
	cJSON *root = NULL;
	char *env_s = NULL;
	const char *tail = NULL;
	int status = status_options(argc, argv, &o, &dbpath);
	if (status != OPTIONS_OK)
		goto out;
	status = EXIT_RUNTIME;
	if (!(db = open_db(dbpath)))
		goto out;
	if (!db_track_ready(db)) {
		fprintf(stderr, PROG ": '%s' has no requirements yet (re-index it with this"
			" polidex-index)\n", dbpath);
		goto out;
	}
	status = EXIT_USAGE;
	const char *ids[PDX_MAX_AGENCY_FILTERS];
	size_t nids = 0;
	if (agency_opt_resolve(&o.agencies, db, ids, &nids))
		goto out;
	status = EXIT_RUNTIME;
	/* the requirements one at a time as they are printed (held all at
	 * once, a million records' took a third of a GB) */
	pdx_requirement *r;
	pdx_track_status st;
	size_t count = 0;
	int rc = db_track_reader_open(db, nids ? ids[nids - 1] : NULL, o.pillar, &rd);
	if (rc == PDX_OK && o.fmt == FMT_JSON && !o.nstatuses) {
		/* the envelope's count first: all of them */
		rc = db_track_reader_count(rd, &count);
	} else if (rc == PDX_OK && o.fmt == FMT_JSON) {
		/* those of the statuses asked for: a pass in no order that
		 * counts */
		rc = db_track_reader_start(rd, true);
		while (rc == PDX_OK && (rc = db_track_reader_next(rd, &r)) == 1) {
			rc = PDX_OK;
			track_status(r, o.asof, o.zone, &st);
			count += want(&o, &st);
		}
	}
	if (rc == PDX_OK)
		rc = db_track_reader_start(rd, false);
	if (rc) {
		if (rc == PDX_ENOMEM)
			goto oom;
		fprintf(stderr, PROG ": status failed: %s\n", db_errmsg(db));
		goto out;
	}
	char stamp[20];
	snprintf(stamp, sizeof stamp, "%.4s%.2s%.2sT000000Z", o.asof, o.asof + 5, o.asof + 8);
	if (o.fmt == FMT_JSON) {
		/* the envelope with its list empty, each requirement printed
		 * into it as it is made (the tree of a million records' took
		 * 1.5 GB) */
		cJSON *arr;
		echo_arg ea = { &o };
		json_envelope env = { "vecr", "requirements", count, status_echo, &ea };
		if (!(root = json_envelope_new(&env, &arr)))
			goto oom;
		env_s = cJSON_Print(root);
		static const char rk[] = "\"requirements\":\t[]";
		char *a = env_s ? strstr(env_s, rk) : NULL;
		if (!a)
			goto oom;
		a += sizeof rk - 2;	/* at the closing ']' */
		tail = a;
		fwrite(env_s, 1, (size_t)(a - env_s), stdout);
	} else if (o.fmt == FMT_CSV) {
		fputs("key,kind,lead,type,due,due_by,due_at,status,status_source,timeliness,"
		      "days_late,done_on,evidence,path\r\n", stdout);
	} else if (o.fmt == FMT_ICS) {
		if (ics_line(stdout, "BEGIN", "VCALENDAR") || ics_line(stdout, "VERSION", "2.0") ||
		    ics_line(stdout, "PRODID", "-//polidex//status//EN"))
			goto oom;
	}
	size_t printed = 0;
	while ((rc = db_track_reader_next(rd, &r)) == 1) {
		track_status(r, o.asof, o.zone, &st);
		if (!want(&o, &st))
			continue;
		if (print_req(&o, r, &st, stamp, printed == 0))
			goto oom;
		printed++;
	}
	if (rc) {
		fprintf(stderr, PROG ": status failed: %s\n", db_errmsg(db));
		goto out;
	}
	db_track_reader_close(rd);
	rd = NULL;
	if (o.fmt == FMT_JSON) {
		puts(tail);
	} else if (o.fmt == FMT_ICS) {
		if (!o.nstatuses && ics_events(db, &o, nids ? ids[nids - 1] : NULL, stamp))
			goto oom;
		if (ics_line(stdout, "END", "VCALENDAR"))
			goto oom;
	}
	status = printed ? EXIT_RESULTS : EXIT_NONE;
	goto out;
oom:
	fprintf(stderr, PROG ": out of memory\n");
	status = EXIT_RUNTIME;
out:
	db_track_reader_close(rd);
	free(env_s);
	cJSON_Delete(root);
	agency_opt_clear(&o.agencies);
	db_close(db);
	return status;
}
