/* deadlines.c - the deadlines subcommand: the timeline entries of the
 * records as a to-do list as of a date (overdue, due, upcoming), in text,
 * JSON, CSV and iCalendar (deadlines_print.c). Here: the options, the
 * query, the choice of entries and the main flow. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "deadlines.h"
#include "polidex/containers.h"
#include "polidex/track.h"
#include "polidex/util.h"

static const unsigned deadlines_formats =
	1u << FMT_TEXT | 1u << FMT_JSON | 1u << FMT_CSV | 1u << FMT_ICS;

static const char deadlines_usage[] =
	"usage: " PROG " deadlines [options]\n"
	"Timeline entries sorted by date, each with its status as of a date: a\n"
	"requirement's deadline its tracking status (done, in_progress, overdue,\n"
	"due, open), an event its state (upcoming, open, closed, in_effect,\n"
	"expired; never overdue); relative deadlines whose anchor has no date\n"
	"are listed apart with their anchor. A time stated in a zone (11:59 p.m.\n"
	"ET) counts on its day there.\n"
	"      --as-of DATE    the reference date (default: today in the zone)\n"
	"      --tz ZONE       the zone of today: America/New_York (default),\n"
	"                      America/Chicago, America/Denver, America/Phoenix,\n"
	"                      America/Los_Angeles, UTC\n"
	"      --within DAYS   entries dated from the reference date to DAYS later\n"
	"      --overdue       requirements' deadlines past with no evidence\n"
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
	"      --bom           CSV starts with a UTF-8 byte-order mark (spreadsheets)\n"
	"  -d, --db DB         database file\n"
	"A date filter (--within, --overdue, --from, --to) leaves out the\n"
	"unresolved entries: they have no date to match.\n";

enum { OPT_ASOF = 256, OPT_WITHIN, OPT_OVERDUE, OPT_FROM, OPT_TO, OPT_EXACT, OPT_ALL, OPT_TZ };

static const struct option deadlines_opts[] = {
	{ "as-of", required_argument, NULL, OPT_ASOF },
	{ "tz", required_argument, NULL, OPT_TZ },
	{ "within", required_argument, NULL, OPT_WITHIN },
	{ "overdue", no_argument, NULL, OPT_OVERDUE },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "agency", required_argument, NULL, 'a' },
	{ "exact-agency", no_argument, NULL, OPT_EXACT },
	{ "pillar", required_argument, NULL, 'p' },
	{ "kind", required_argument, NULL, 'k' },
	{ "all", no_argument, NULL, OPT_ALL },
	BOM_OPTION,
	{ "format", required_argument, NULL, 'f' },
	{ "db", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int cmp_req_id(const void *a, const void *b)
{
	int64_t x = ((const dl_req *)a)->id, y = ((const dl_req *)b)->id;
	return (x > y) - (x < y);
}

/* The bitmap of t's ids (sorted, distinct), when they are positive and
 * not too sparse. 0 or -1 (no memory). */
static int track_index(dl_track *t)
{
	if (!t->n || t->v[0].id <= 0 || t->v[t->n - 1].id / 64 > (int64_t)t->n * 64)
		return 0;
	for (size_t i = 1; i < t->n; i++)
		if (t->v[i].id <= t->v[i - 1].id)
			return 0;
	t->nwords = (size_t)(t->v[t->n - 1].id / 64) + 1;
	t->bits = calloc(t->nwords, sizeof *t->bits);
	t->before = malloc(t->nwords * sizeof *t->before);
	if (!t->bits || !t->before)
		return -1;
	for (size_t i = 0; i < t->n; i++)
		t->bits[t->v[i].id / 64] |= 1ULL << (t->v[i].id % 64);
	uint32_t c = 0;
	for (size_t w = 0; w < t->nwords; w++) {
		t->before[w] = c;
		c += (uint32_t)__builtin_popcountll(t->bits[w]);
	}
	return 0;
}

/* The requirements' statuses as of a day, by record id (sorted). */
int dl_track_load(pdx_db *db, const char *asof, const pdx_zone *z, dl_track *t)
{
	memset(t, 0, sizeof *t);
	t->zone = z;
	if (!db_track_ready(db))
		return 0;
	if (db_track_statuses(db, NULL, 0, &t->reqs))
		return -1;
	t->v = calloc(t->reqs.n + 1, sizeof *t->v);
	t->st = calloc(t->reqs.n + 1, sizeof *t->st);
	if (!t->v || !t->st)
		return -1;
	for (size_t i = 0; i < t->reqs.n; i++) {
		track_status(&t->reqs.v[i], asof, t->zone, &t->st[i]);
		t->v[i] = (dl_req){ t->reqs.v[i].id, t->st[i].status, t->st[i].source };
	}
	t->n = t->reqs.n;
	if (t->n)	/* found by id: a million entries look theirs up */
		qsort(t->v, t->n, sizeof *t->v, cmp_req_id);
	return track_index(t);
}

int dl_track_states(pdx_db *db, const char *asof, const pdx_zone *z, const int64_t *ids,
		    size_t nids, dl_track *t)
{
	memset(t, 0, sizeof *t);
	t->zone = z;
	if (!db_track_ready(db))
		return 0;
	if (nids == SIZE_MAX ? db_track_status_list(db, asof, z, &t->v, &t->n)
			     : db_track_status_some(db, asof, z, ids, nids, &t->v, &t->n))
		return -1;
	return track_index(t);
}

const dl_req *dl_track_find(const void *track, int64_t id)
{
	const dl_track *t = track;
	if (t && t->bits) {
		if (id <= 0 || (uint64_t)id / 64 >= t->nwords)
			return NULL;
		size_t w = (size_t)id / 64;
		uint64_t bit = 1ULL << (id % 64);
		if (!(t->bits[w] & bit))
			return NULL;
		return &t->v[t->before[w] + (size_t)__builtin_popcountll(t->bits[w] & (bit - 1))];
	}
	size_t lo = 0, hi = t ? t->n : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return t && lo < t->n && t->v[lo].id == id ? &t->v[lo] : NULL;
}

void dl_track_free(dl_track *t)
{
	requirements_free(&t->reqs);
	free(t->v);
	free(t->st);
	free(t->bits);
	free(t->before);
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

/* Everything the options say. */
typedef struct {
	pdx_deadline_query q;
	dl_window w;
	agency_opt agencies;
	pdx_format fmt;
	const char *asof, *from, *to;	/* as typed */
	const pdx_zone *zone;		/* --tz */
	bool all;			/* --all: every kind */
	char lo[11], hi[11], before[11];	/* q's date bounds */
} dl_opts;

/* A timeline kind for -k K, checked; prints the error and returns -1
 * when unknown. */
static int take_kind(pdx_deadline_query *q, const char *kind)
{
	pdx_time_kind k = time_kind_parse(kind);
	if (k == PDX_TIME_NONE) {
		const char *names[PDX_TIME_NKINDS - 1];
		for (int i = PDX_TIME_NONE + 1; i < PDX_TIME_NKINDS; i++)
			names[i - 1] = time_kind_name((pdx_time_kind)i);
		return take_enum("timeline kind", kind, names, PDX_TIME_NKINDS - 1);
	}
	for (size_t i = 0; i < q->nkinds; i++)
		if (q->kinds[i] == k)
			return 0;	/* -k deadline -k deadline: once */
	if (q->nkinds < PDX_MAX_KIND_FILTERS)
		q->kinds[q->nkinds++] = k;
	return 0;
}

static int deadlines_getopt(int argc, char **argv, dl_opts *o, const char **dbpath)
{
	int c, status;
	const char *within_given = NULL;
	optind = 0;
	while ((c = getopt_long(argc, argv, "a:p:k:f:d:h", deadlines_opts, NULL)) != -1) {
		switch (c) {
		case OPT_ASOF:
			if (take_once(&o->asof, "--as-of", optarg))
				return EXIT_USAGE;
			break;
		case OPT_TZ:
			if (take_zone(&o->zone, optarg))
				return EXIT_USAGE;
			break;
		case OPT_WITHIN:
			if (take_once(&within_given, "--within", optarg))
				return EXIT_USAGE;
			if (!parse_days(optarg, &o->w.within)) {
				fprintf(stderr, PROG ": bad number of days '%s'\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_OVERDUE: o->w.overdue = true; break;
		case OPT_FROM:
			if (take_once(&o->from, "--from", optarg))
				return EXIT_USAGE;
			break;
		case OPT_TO:
			if (take_once(&o->to, "--to", optarg))
				return EXIT_USAGE;
			break;
		case 'a':
			if (agency_opt_add(&o->agencies, optarg))
				return EXIT_USAGE;
			break;
		case OPT_EXACT: o->q.exact_agency = true; break;
		case 'p': {
			int was = o->q.pillar;
			if (take_pillar(&o->q.pillar, optarg))
				return EXIT_USAGE;
			if (was && was != o->q.pillar) {
				fprintf(stderr, PROG ": --pillar given twice (%d, %d); give it once\n",
					was, o->q.pillar);
				return EXIT_USAGE;
			}
			break;
		}
		case 'k':
			if (take_kind(&o->q, optarg))
				return EXIT_USAGE;
			break;
		case OPT_ALL: o->all = true; break;
		default:
			status = common_option(c, deadlines_usage, deadlines_formats, &o->fmt, dbpath);
			if (status != OPTIONS_OK)
				return status;
			break;
		}
	}
	if (bom_check(o->fmt))
		return EXIT_USAGE;
	if (optind != argc) {
		fprintf(stderr, PROG ": deadlines takes no arguments ('%s')\n", argv[optind]);
		fputs(deadlines_usage, stderr);
		return EXIT_USAGE;
	}
	return OPTIONS_OK;
}

/* The options into o, dbpath among them: the dates parsed (today when
 * no --as-of), the tracking kinds when neither -k nor --all. Returns
 * OPTIONS_OK or the exit status. */
static int deadlines_options(int argc, char **argv, dl_opts *o, const char **dbpath)
{
	int status = deadlines_getopt(argc, argv, o, dbpath);
	if (status != OPTIONS_OK)
		return status;
	struct { const char *s; pdx_date *d; bool *has; } dates[] = {
		{ o->asof, &o->w.asof, NULL },
		{ o->from, &o->w.from, &o->w.has_from },
		{ o->to, &o->w.to, &o->w.has_to },
	};
	for (size_t k = 0; k < 3; k++) {
		if (!dates[k].s)
			continue;
		if (take_date(dates[k].s, dates[k].d))
			return EXIT_USAGE;
		if (dates[k].has)
			*dates[k].has = true;
	}
	if (!o->zone)
		o->zone = track_zone("America/New_York");
	if (!o->asof) {
		char day[11];
		track_today(o->zone, day);
		pdx_date_parse(day, &o->w.asof);
	}
	if (o->q.nkinds == 0 && !o->all)
		for (int k = PDX_TIME_NONE + 1; k < PDX_TIME_NKINDS; k++)
			if (time_kind_tracked((pdx_time_kind)k))
				o->q.kinds[o->q.nkinds++] = (pdx_time_kind)k;
	return OPTIONS_OK;
}

/* The window narrows what is read (classify() still decides): spans
 * ending on or after lo, starting on or before hi, or for overdue alone
 * ending before the reference date; overdue with a window, starting
 * before its end (an overdue deadline ended before the reference date). */
static void narrow_query(dl_opts *o)
{
	const dl_window *w = &o->w;
	pdx_date d_lo = w->from, d_hi = w->to;
	bool has_lo = w->has_from, has_hi = w->has_to;
	if (w->within >= 0 && !w->overdue) {
		pdx_date end = pdx_date_add_days(w->asof, w->within);
		pdx_date asof = w->asof;
		if (!has_lo || pdx_date_diff(d_lo, asof) > 0)
			d_lo = asof;
		if (!has_hi || pdx_date_diff(end, d_hi) > 0)
			d_hi = end;
		has_lo = has_hi = true;
	} else if (w->within >= 0) {
		pdx_date end = pdx_date_add_days(w->asof, w->within);
		if (!has_hi || pdx_date_diff(end, d_hi) > 0)
			d_hi = end;
		has_hi = true;
	}
	/* a time stated in a zone may fall on the next UTC day (or the one
	 * before): read a day more each side, classify() decides */
	d_lo = pdx_date_add_days(d_lo, -1);
	d_hi = pdx_date_add_days(d_hi, 1);
	if (has_lo) {
		pdx_date_format(d_lo, o->lo);
		o->q.end_min = o->lo;
	}
	if (has_hi) {
		pdx_date_format(d_hi, o->hi);
		o->q.start_max = o->hi;
	}
	if (w->overdue && w->within < 0) {
		/* a stated time's day in its zone may follow its UTC day */
		pdx_date_format(pdx_date_add_days(w->asof, 1), o->before);
		o->q.end_before = o->before;
	}
}

/* The span of a stored value (lib/date.c parses every shape the
 * extractor writes); a time ("2025-03-07T17:00:00Z") on its day in the
 * reader's zone zn (an instant is judged where the days are counted). A
 * range of years ("2000/2019", a period a text looks back on) is no date
 * to track: false, as for NULL or anything else. */
static bool parse_span(const char *v, const pdx_zone *zn, dl_span *sp)
{
	memset(sp, 0, sizeof *sp);
	pdx_value pv;
	if (pdx_value_parse(v, &pv) != PDX_OK || pv.shape == PDX_VALUE_YEAR_RANGE)
		return false;
	sp->start = pv.start;
	sp->end = pv.end;
	sp->timed = pv.shape == PDX_VALUE_TIME;
	sp->hh = pv.hh;
	sp->mi = pv.mi;
	sp->ss = pv.ss;
	if (sp->timed) {
		sp->utc = sp->start;
		char day[11];
		pdx_date local;
		if (zn && track_local(zn, v, day, NULL) && pdx_date_parse(day, &local) == PDX_OK)
			sp->start = sp->end = local;
	}
	return true;
}

/* Status as of w->asof, and whether the entry passes the date filters. */
static bool classify(const dl_window *w, const pdx_hit *h, const pdx_time *t, dl_item *it)
{
	long to_start = pdx_date_diff(w->asof, it->sp.start);
	long to_end = pdx_date_diff(w->asof, it->sp.end);
	it->days = to_start;
	it->source = NULL;
	/* a requirement's deadline says how the requirement stands; any
	 * other entry is an event, never overdue */
	const dl_req *rq = t->kind == PDX_TIME_DEADLINE || t->kind == PDX_TIME_CLOSES
		? dl_track_find(w->track, h->id) : NULL;
	if (rq && rq->status) {
		it->status = rq->status;
		it->source = rq->source;
		if (strcmp(it->status, "overdue") == 0 && to_end >= 0)
			it->status = "due";	/* its other deadline has passed, not this one */
	} else {
		char a[11], e[11];
		pdx_date_format(w->asof, a);
		pdx_date_format(it->sp.end, e);
		it->status = it->closed ? "closed" : track_event_state(time_kind_name(t->kind), e, a);
		if (!it->status)
			it->status = to_end < 0 ? "past" : to_start > 0 ? "upcoming" : "due";
		else if (strcmp(it->status, "upcoming") == 0 && to_start <= 0)
			it->status = "due";
	}
	bool closing = strcmp(it->status, "overdue") == 0;
	/* a span passes a window when they share a day */
	if (w->has_from && pdx_date_diff(w->from, it->sp.end) < 0)
		return false;
	if (w->has_to && pdx_date_diff(it->sp.start, w->to) < 0)
		return false;
	if (w->within < 0 && !w->overdue)
		return true;
	if (w->within >= 0 && to_end >= 0 && to_start <= w->within)
		return true;
	return w->overdue && closing;
}

/* The closings of every document, sorted by document (path, part) and
 * by the last day of their span: an opening's window closes at the first
 * of its document's closings that ends on or after its start. Read from
 * the whole database, not from the entries a window or filter chose: a
 * window that opened on the day asked for closes on a later one. */
typedef struct {
	char *path;
	int part;
	pdx_date end;
} dl_closing;

typedef struct {
	dl_closing *v;
	size_t n, cap;
	const pdx_zone *zone;
} dl_closings;

static int cmp_closing(const void *a, const void *b)
{
	const dl_closing *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	if (c)
		return c;
	if (x->part != y->part)
		return x->part < y->part ? -1 : 1;
	long d = pdx_date_diff(y->end, x->end);
	return d < 0 ? -1 : d > 0;
}

static int add_closing(const char *path, int part, const char *value, void *arg)
{
	dl_closings *c = arg;
	dl_span sp;
	if (!parse_span(value, c->zone, &sp))
		return PDX_OK;
	dl_closing *e = pdx_grow((void **)&c->v, &c->n, &c->cap, sizeof *c->v);
	if (!e || !(e->path = pdx_strdup(path))) {
		if (e)
			c->n--;
		return PDX_ENOMEM;
	}
	e->part = part;
	e->end = sp.end;
	return PDX_OK;
}

static void closings_free(dl_closings *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].path);
	free(c->v);
}

/* The closings, sorted (read once, when the first opening comes). */
static int closings_load(pdx_db *db, const dl_window *w, dl_closings *c)
{
	c->zone = w->zone;
	int rc = db_closings(db, add_closing, c);
	if (rc == PDX_OK && c->n)
		qsort(c->v, c->n, sizeof *c->v, cmp_closing);
	return rc;
}

/* An opening whose window has closed: the first closing of its document
 * on or after it is past. Sets it->closed. */
static void window_closed(const dl_closings *c, const pdx_hit *h, const dl_window *w,
			  dl_item *it)
{
	const dl_closing *cl = c->v;
	size_t ncl = c->n;
	it->closed = false;
	if (!h->doc_path)
		return;
	/* the first of the document's closings ending on or after the start */
	dl_closing key = { (char *)h->doc_path, h->doc_part, it->sp.start };
	size_t lo = 0, hi = ncl;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cmp_closing(&cl[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ncl && cl[lo].part == h->doc_part && strcmp(cl[lo].path, h->doc_path) == 0)
		it->closed = pdx_date_diff(w->asof, cl[lo].end) < 0;
}

/* One listing as its entries stream by: chosen, counted, printed. */
typedef struct {
	pdx_db *db;
	const dl_opts *o;
	bool dated_only;	/* a date filter: no unresolved entries */
	bool count_only;	/* JSON's first pass: the counts its envelope
				 * begins with */
	bool nothing;		/* no kind asked for can be overdue: none read */
	dl_closings cl;
	bool cl_loaded;
	size_t n, nun;		/* dated entries chosen, unresolved ones */
	int64_t *defer;		/* dated entries whose value is no date: listed
				 * with the unresolved, after the others */
	size_t ndefer, capdefer;
	dl_json json;
} dl_stream;

static void stream_head(dl_stream *st)
{
	/* the report names its date, as summary's does */
	if (st->o->fmt == FMT_TEXT && st->n + st->nun == 0) {
		char day[11];
		pdx_date_format(st->o->w.asof, day);
		printf("As of %s\n\n", day);
	}
}

static int on_dated(void *arg, const pdx_due *e, const pdx_hit *h)
{
	dl_stream *st = arg;
	const dl_window *w = &st->o->w;
	dl_item it;
	memset(&it, 0, sizeof it);
	/* a value that is no date (a range of years) counts as unresolved */
	if (!parse_span(e->t.value, w->zone, &it.sp)) {
		if (st->dated_only)
			return PDX_OK;
		if (st->count_only) {
			st->nun++;
			return PDX_OK;
		}
		int64_t *d = pdx_grow((void **)&st->defer, &st->ndefer, &st->capdefer, sizeof *d);
		if (!d)
			return PDX_ENOMEM;
		*d = e->tid;
		return PDX_OK;
	}
	/* whether an opening's window closed changes its status, never
	 * whether it is chosen */
	if (e->t.kind == PDX_TIME_OPENS && !st->count_only) {
		if (!st->cl_loaded) {
			st->cl_loaded = true;
			if (closings_load(st->db, w, &st->cl))
				return PDX_ENOMEM;
		}
		window_closed(&st->cl, h, w, &it);
	}
	if (!classify(w, h, &e->t, &it))
		return PDX_OK;
	int rc = 0;
	if (!st->count_only) {
		stream_head(st);
		switch (st->o->fmt) {
		case FMT_JSON: rc = dl_json_entry(st->db, h, e, &it, st->n == 0); break;
		case FMT_CSV: dl_csv_row(st->db, h, e, &it); break;
		case FMT_ICS: rc = dl_ics_entry(st->db, h, e, &it, w->asof); break;
		default: dl_text_entry(st->db, h, e, &it); break;
		}
	}
	st->n++;
	return rc ? PDX_ENOMEM : PDX_OK;
}

static int on_unresolved(void *arg, const pdx_due *e, const pdx_hit *h)
{
	dl_stream *st = arg;
	if (st->dated_only)
		return PDX_OK;
	int rc = 0;
	if (!st->count_only) {
		stream_head(st);
		switch (st->o->fmt) {
		case FMT_JSON: rc = dl_json_entry(st->db, h, e, NULL, st->nun == 0); break;
		case FMT_CSV: dl_csv_row(st->db, h, e, NULL); break;
		case FMT_ICS: break;	/* no calendar event */
		default:
			if (st->nun == 0)
				printf("Unresolved (relative to an event without a date):\n\n");
			dl_text_unresolved(st->db, h, e);
			break;
		}
	}
	st->nun++;
	return rc ? PDX_ENOMEM : PDX_OK;
}

/* Read (and print) every entry: the dated, then the unresolved (those
 * whose value is no date first). */
static int stream_entries(pdx_due_reader *rd, dl_stream *st)
{
	const pdx_deadline_query *q = &st->o->q;
	int rc = st->nothing ? PDX_OK : db_due_reader_run(rd, PDX_DUE_DATED, on_dated, st);
	if (rc == PDX_OK && !st->count_only && st->o->fmt == FMT_JSON)
		fwrite(st->json.mid, 1, (size_t)(st->json.tail - st->json.mid), stdout);
	for (size_t k = 0; rc == PDX_OK && k < st->ndefer; k++)
		rc = db_due_reader_get(rd, st->defer[k], on_unresolved, st);
	/* a span filter or any date filter leaves them all out */
	if (rc == PDX_OK && !st->nothing && !st->dated_only && !q->start_max && !q->end_min &&
	    !q->end_before)
		rc = db_due_reader_run(rd, PDX_DUE_UNRESOLVED, on_unresolved, st);
	return rc;
}

/* The requirements' statuses, once: of the records a window's few
 * entries show (rd knows them), else of every requirement. */
static int load_track(pdx_db *db, const dl_opts *o, pdx_due_reader *rd, dl_track *track,
		      bool *loaded)
{
	if (*loaded)
		return PDX_OK;
	*loaded = true;
	char asof[11];
	pdx_date_format(o->w.asof, asof);
	const int64_t *ids = NULL;
	/* none read (nothing asked for can be overdue): none */
	size_t nids = rd ? db_due_reader_records(rd, &ids) : 0;
	return dl_track_states(db, asof, o->zone, ids, nids, track) ? PDX_ENOMEM : PDX_OK;
}

/* The listing, in o's format (o->w.track is loaded here). Returns
 * PDX_OK, PDX_ENOMEM or PDX_ERR; *n and *nun the entries listed. */
static int list_entries(pdx_db *db, dl_opts *o, dl_track *track, size_t *n, size_t *nun)
{
	const dl_window *w = &o->w;
	bool loaded = false;
	o->w.track = track;
	dl_stream st = { .db = db, .o = o };
	st.dated_only = w->within >= 0 || w->overdue || w->has_from || w->has_to;
	pdx_due_reader *rd = NULL;
	int rc = PDX_OK;
	/* what is read: overdue alone can only be a requirement's deadline
	 * or closing (an event is never overdue), of the kinds asked for */
	pdx_deadline_query q = o->q;
	bool nothing = false;
	if (w->overdue && w->within < 0) {
		pdx_time_kind want[] = { PDX_TIME_DEADLINE, PDX_TIME_CLOSES };
		size_t nk = 0;
		for (size_t k = 0; k < 2; k++) {
			bool asked = q.nkinds == 0;
			for (size_t j = 0; j < o->q.nkinds && !asked; j++)
				asked = o->q.kinds[j] == want[k];
			if (asked)
				q.kinds[nk++] = want[k];
		}
		st.nothing = nothing = nk == 0;
		q.nkinds = nk;
	}
	if (o->fmt == FMT_JSON) {
		/* the counts come first: a pass that only counts */
		pdx_deadline_query light = q;
		light.light = true;
		st.count_only = true;
		if (!nothing)
			rc = db_due_reader_open(db, &light, &rd);
		if (rc == PDX_OK)
			rc = load_track(db, o, rd, track, &loaded);
		if (rc == PDX_OK)
			rc = stream_entries(rd, &st);
		db_due_reader_close(rd);
		rd = NULL;
		dl_echo echo = { &o->w, o->from, o->to, &o->q };
		if (rc == PDX_OK && dl_json_open(&echo, st.n, st.nun, &st.json))
			rc = PDX_ENOMEM;
		st.count_only = false;
		st.n = st.nun = 0;
		st.ndefer = 0;
		if (rc == PDX_OK)
			fwrite(st.json.s, 1, (size_t)(st.json.mid - st.json.s), stdout);
	} else if (o->fmt == FMT_CSV) {
		dl_csv_begin();
	} else if (o->fmt == FMT_ICS) {
		dl_ics_begin();
	}
	if (rc == PDX_OK && !nothing)
		rc = db_due_reader_open(db, &q, &rd);
	if (rc == PDX_OK)
		rc = load_track(db, o, rd, track, &loaded);
	if (rc == PDX_OK)
		rc = stream_entries(rd, &st);
	if (rc == PDX_OK && o->fmt == FMT_JSON)
		puts(st.json.tail);
	else if (rc == PDX_OK && o->fmt == FMT_ICS)
		dl_ics_end();
	db_due_reader_close(rd);
	dl_text_done();
	dl_json_close(&st.json);
	closings_free(&st.cl);
	free(st.defer);
	*n = st.n;
	*nun = st.nun;
	return rc;
}

int cmd_deadlines(const char *dbpath, int argc, char **argv)
{
	dl_opts o = { .w = { .within = -1 }, .fmt = FMT_TEXT };
	pdx_db *db = NULL;
	dl_track track = { 0 };

	int status = deadlines_options(argc, argv, &o, &dbpath);
	if (status != OPTIONS_OK)
		return status;
	fit_terminal(o.fmt, false);
	status = EXIT_RUNTIME;
	if (!(db = open_db(dbpath)))
		goto out;
	status = EXIT_USAGE;
	if (agency_opt_resolve(&o.agencies, db, o.q.agencies, &o.q.nagencies))
		goto out;
	narrow_query(&o);
	/* text, CSV and calendars list each entry's agencies: read with the
	 * entries, not by a statement per entry (JSON gives them whole);
	 * the entry's position only JSON (its index) and calendars (its
	 * duplicates) show */
	o.q.with_agencies = o.fmt != FMT_JSON;
	o.q.without_position = o.fmt == FMT_TEXT || o.fmt == FMT_CSV;
	/* the text view shows a record's first words alone (short_text) */
	if (o.fmt == FMT_TEXT)
		o.q.text_chars = DL_TEXT_CHARS;
	status = EXIT_RUNTIME;
	o.w.zone = o.zone;
	size_t n = 0, nun = 0;
	int rc = list_entries(db, &o, &track, &n, &nun);
	if (rc == PDX_ENOMEM) {
		fprintf(stderr, PROG ": out of memory\n");
		goto out;
	}
	if (rc) {
		fprintf(stderr, PROG ": deadlines failed: %s\n", db_errmsg(db));
		goto out;
	}
	/* unresolved entries are no calendar events */
	status = n + (o.fmt == FMT_ICS ? 0 : nun) ? EXIT_RESULTS : EXIT_NONE;
out:
	dl_track_free(&track);
	agency_opt_clear(&o.agencies);
	db_close(db);
	return status;
}
