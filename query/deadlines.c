/* deadlines.c - the deadlines subcommand: the timeline entries of the
 * records as a to-do list as of a date (overdue, due, upcoming), in text,
 * JSON, CSV and iCalendar (deadlines_print.c). Here: the options, the
 * query, the choice of entries and the main flow. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "deadlines.h"
#include "polidex/util.h"

static const unsigned deadlines_formats =
	1u << FMT_TEXT | 1u << FMT_JSON | 1u << FMT_CSV | 1u << FMT_ICS;

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
	"      --bom           CSV starts with a UTF-8 byte-order mark (spreadsheets)\n"
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
	BOM_OPTION,
	{ "format", required_argument, NULL, 'f' },
	{ "db", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

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
	if (!o->asof)
		o->w.asof = today(true);
	if (o->q.nkinds == 0 && !o->all)
		for (int k = PDX_TIME_NONE + 1; k < PDX_TIME_NKINDS; k++)
			if (time_kind_tracked((pdx_time_kind)k))
				o->q.kinds[o->q.nkinds++] = (pdx_time_kind)k;
	return OPTIONS_OK;
}

/* The window narrows what is read (classify() still decides): spans
 * ending on or after lo, starting on or before hi, or for overdue alone
 * ending before the reference date. */
static void narrow_query(dl_opts *o)
{
	const dl_window *w = &o->w;
	pdx_date d_lo = w->from, d_hi = w->to;
	bool has_lo = w->has_from, has_hi = w->has_to;
	if (w->within >= 0 && !w->overdue) {
		pdx_date end = pdx_date_add_days(w->asof, w->within);
		if (!has_lo || pdx_date_diff(d_lo, w->asof) > 0)
			d_lo = w->asof;
		if (!has_hi || pdx_date_diff(end, d_hi) > 0)
			d_hi = end;
		has_lo = has_hi = true;
	}
	if (has_lo) {
		pdx_date_format(d_lo, o->lo);
		o->q.end_min = o->lo;
	}
	if (has_hi) {
		pdx_date_format(d_hi, o->hi);
		o->q.start_max = o->hi;
	}
	if (w->overdue && w->within < 0) {
		pdx_date_format(w->asof, o->before);
		o->q.end_before = o->before;
	}
}

/* The span of a stored value (lib/date.c parses every shape the
 * extractor writes). A range of years ("2000/2019", a period a text
 * looks back on) is no date to track: false, as for NULL or anything
 * else. */
static bool parse_span(const char *v, dl_span *sp)
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
	return true;
}

/* Status as of w->asof, and whether the entry passes the date filters. */
static bool classify(const dl_window *w, const pdx_time *t, dl_item *it)
{
	bool closing = time_kind_closing(t->kind);
	long to_start = pdx_date_diff(w->asof, it->sp.start);
	long to_end = pdx_date_diff(w->asof, it->sp.end);
	it->days = to_start;
	if (to_end < 0)
		it->status = closing ? "overdue" : "past";
	else if (to_start > 0)
		it->status = "upcoming";
	else
		it->status = "due";
	/* a span passes a window when they share a day */
	if (w->has_from && pdx_date_diff(w->from, it->sp.end) < 0)
		return false;
	if (w->has_to && pdx_date_diff(it->sp.start, w->to) < 0)
		return false;
	if (w->within < 0 && !w->overdue)
		return true;
	if (w->within >= 0 && to_end >= 0 && to_start <= w->within)
		return true;
	return w->overdue && closing && to_end < 0;
}

/* The entries of d to print, into l (freed with list_free). Returns 0
 * or -1 (no memory). */
static int choose_entries(const pdx_dues *d, const dl_window *w, dl_list *l)
{
	l->d = d;
	if (!d->n)
		return 0;
	l->v = malloc(d->n * sizeof *l->v);
	l->un = malloc(d->n * sizeof *l->un);
	if (!l->v || !l->un)
		return -1;
	bool dated_only = w->within >= 0 || w->overdue || w->has_from || w->has_to;
	for (size_t i = 0; i < d->n; i++) {
		dl_item *it = &l->v[l->n];
		it->i = i;
		/* a value that is no date (none here today) counts as unresolved */
		if (!parse_span(d->v[i].t.value, &it->sp)) {
			if (!dated_only)
				l->un[l->nun++] = i;
			continue;
		}
		if (classify(w, &d->v[i].t, it))
			l->n++;
	}
	return 0;
}

static void list_free(dl_list *l)
{
	free(l->v);
	free(l->un);
}

/* Print l in o's format; returns 0 or -1 (no memory). */
static int print_entries(pdx_db *db, const dl_opts *o, const dl_list *l)
{
	switch (o->fmt) {
	case FMT_JSON: {
		dl_echo echo = { &o->w, o->from, o->to, &o->q };
		return dl_print_json(db, l, &echo);
	}
	case FMT_CSV: dl_print_csv(db, l); return 0;
	case FMT_ICS: return dl_print_ics(db, l, o->w.asof);
	default:
		/* the report names its date, as summary's does */
		if (l->n || l->nun) {
			char day[11];
			pdx_date_format(o->w.asof, day);
			printf("As of %s\n\n", day);
		}
		dl_print_text(db, l);
		return 0;
	}
}

int cmd_deadlines(const char *dbpath, int argc, char **argv)
{
	dl_opts o = { .w = { .within = -1 }, .fmt = FMT_TEXT };
	pdx_db *db = NULL;
	pdx_dues dues = { 0 };
	dl_list list = { 0 };
	char err[512] = "";

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
	status = EXIT_RUNTIME;
	if (db_deadlines(db, &o.q, &dues, err, sizeof err)) {
		fprintf(stderr, PROG ": deadlines failed: %s\n", err);
		goto out;
	}
	if (choose_entries(&dues, &o.w, &list) || print_entries(db, &o, &list)) {
		fprintf(stderr, PROG ": out of memory\n");
		goto out;
	}
	/* unresolved entries are no calendar events */
	status = list.n + (o.fmt == FMT_ICS ? 0 : list.nun) ? EXIT_RESULTS : EXIT_NONE;
out:
	list_free(&list);
	db_dues_clear(&dues);
	agency_opt_clear(&o.agencies);
	db_close(db);
	return status;
}
