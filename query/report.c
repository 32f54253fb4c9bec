/* report.c - polidex-query report: a static web site of the pillars,
 * agencies, requirements and deadlines (plain HTML and CSS, charts as
 * inline SVG, no network). Here: the options, loading the records and
 * the main flow; which records are requirements and how they stand come
 * from report_status.c, the pages from report_pages.c and report_html.c. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "report.h"
#include "polidex/containers.h"
#include "polidex/util.h"

static const char report_usage[] =
	"usage: " PROG " report -o DIR [--as-of DATE] [-p PILLAR] [-a AGENCY]\n"
	"Write a static web site of the database into DIR: an overview of the\n"
	"pillars, a timeline, an agency x pillar matrix, a page per pillar, agency,\n"
	"requirement, and the documents, with CSV and JSON downloads. Plain HTML\n"
	"and CSS, opening from file:// with no network.\n"
	"\n"
	"  -o, --output DIR     the folder to write (made if missing)\n"
	"      --as-of DATE     statuses as of DATE (YYYY-MM-DD; default today,\n"
	"                       America/New_York)\n"
	"  -p, --pillar N       one pillar (1-3 or I-III)\n"
	"  -a, --agency NAME    only the records naming this agency (or a body under it)\n"
	"  -d, --db DB          database file\n";

enum { OPT_ASOF = 256 };

static const struct option report_opts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "as-of", required_argument, NULL, OPT_ASOF },
	{ "pillar", required_argument, NULL, 'p' },
	{ "agency", required_argument, NULL, 'a' },
	{ "db", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Today in America/New_York. */
static pdx_date today_eastern(void)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!gmtime_r(&now, &tm))
		return (pdx_date){ 1970, 1, 1 };
	pdx_date u = { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
	long mins = (long)tm.tm_hour * 60 + tm.tm_min - 300;
	pdx_date l = pdx_date_add_days(u, mins < 0 ? -1 : 0);
	long lm = (mins + 1440) % 1440;
	if (pdx_us_dst(l.y, l.m, l.d, (int)(lm / 60), (int)(lm % 60))) {
		mins += 60;
		l = pdx_date_add_days(u, mins < 0 ? -1 : 0);
	}
	return l;
}

static int report_options(int argc, char **argv, rp_data *d, agency_opt *ag,
			  const char **dbpath)
{
	int c, status;
	const char *asof = NULL, *pillar = NULL, *dir = NULL;
	pdx_format fmt = FMT_TEXT;
	optind = 0;
	while ((c = getopt_long(argc, argv, "o:p:a:d:h", report_opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (take_once(&dir, "-o", optarg))
				return EXIT_USAGE;
			d->dir = optarg;
			break;
		case OPT_ASOF:
			if (take_once(&asof, "--as-of", optarg))
				return EXIT_USAGE;
			break;
		case 'p':
			if (take_once(&pillar, "-p", optarg) || take_pillar(&d->pillar, optarg))
				return EXIT_USAGE;
			break;
		case 'a':
			if (agency_opt_add(ag, optarg))
				return EXIT_USAGE;
			d->agency_name = optarg;
			break;
		default:
			status = common_option(c, report_usage, 1u << FMT_TEXT, &fmt, dbpath);
			if (status != OPTIONS_OK)
				return status;
			break;
		}
	}
	if (optind != argc) {
		fprintf(stderr, PROG ": report takes no arguments ('%s')\n", argv[optind]);
		fputs(report_usage, stderr);
		return EXIT_USAGE;
	}
	if (!d->dir || !*d->dir) {
		fprintf(stderr, PROG ": report needs -o DIR\n");
		fputs(report_usage, stderr);
		return EXIT_USAGE;
	}
	if (asof && take_date(asof, &d->asof))
		return EXIT_USAGE;
	if (!asof)
		d->asof = today_eastern();
	pdx_date_format(d->asof, d->asof_s);
	return OPTIONS_OK;
}

static int doc_cmp(const char *path, int part, const pdx_doc_row *r)
{
	int c = strcmp(path, r->path);
	return c ? c : (part > r->part) - (part < r->part);
}

static const pdx_doc_row *sort_docs;

static int doc_index_cmp(const void *a, const void *b)
{
	const pdx_doc_row *x = &sort_docs[*(const size_t *)a];
	return doc_cmp(x->path, x->part, &sort_docs[*(const size_t *)b]);
}

/* d->doc_by_path: the documents by path and part, for find_doc; the
 * works counted. Returns 0 or -1 (out of memory). */
static int index_docs(rp_data *d)
{
	d->doc_by_path = malloc((d->ndocs ? d->ndocs : 1) * sizeof *d->doc_by_path);
	if (!d->doc_by_path)
		return -1;
	d->nworks = 0;
	for (size_t i = 0; i < d->ndocs; i++) {
		d->doc_by_path[i] = i;
		if (!d->docs[i].copy_of)
			d->nworks++;
	}
	sort_docs = d->docs;
	qsort(d->doc_by_path, d->ndocs, sizeof *d->doc_by_path, doc_index_cmp);
	return 0;
}

/* Move the records of copies (other renditions of a work, counted once
 * with their canonical one, as summary does) from d->recs to d->copies,
 * keeping the order. Returns 0 or -1 (out of memory). */
static int drop_copies(rp_data *d)
{
	pdx_hits *h = &d->recs;
	size_t k = 0;
	for (size_t i = 0; i < h->n; i++) {
		if (!h->v[i].copy_of) {
			h->v[k++] = h->v[i];
			continue;
		}
		pdx_hit *c = pdx_grow((void **)&d->copies.v, &d->copies.n, &d->copies.cap,
				      sizeof *d->copies.v);
		if (!c) {
			/* the rest stay in recs, to be freed with it */
			memmove(&h->v[k], &h->v[i], (h->n - i) * sizeof *h->v);
			h->n = k + (h->n - i);
			return -1;
		}
		*c = h->v[i];
	}
	h->n = k;
	return 0;
}

/* The document of hit h in d->docs, or -1. */
static long find_doc(const rp_data *d, const pdx_hit *h)
{
	size_t lo = 0, hi = d->ndocs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = doc_cmp(h->doc_path, h->doc_part, &d->docs[d->doc_by_path[mid]]);
		if (!c)
			return (long)d->doc_by_path[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

static int agency_row_cmp(const void *a, const void *b)
{
	const pdx_agency_row *x = a, *y = b;
	return strcmp(x->id, y->id);
}

/* A page name for an agency id: its letters, digits, - and _, else
 * hex. */
static void agency_file(const char *id, char *out, size_t outlen)
{
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)id; *p && o + 3 < outlen; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')
			out[o++] = (char)*p;
		else if (*p >= 'A' && *p <= 'Z')
			out[o++] = (char)(*p - 'A' + 'a');
		else
			o += (size_t)snprintf(out + o, outlen - o, "%02x", *p);
	}
	out[o] = '\0';
}

static bool push(size_t **v, size_t *n, size_t *cap, size_t x)
{
	size_t *p = pdx_grow((void **)v, n, cap, sizeof **v);
	if (!p)
		return false;
	*p = x;
	return true;
}

/* The agencies with pages: each lead or support of a requirement. */
static int load_agencies(rp_data *d)
{
	qsort(d->ags, d->nags, sizeof *d->ags, agency_row_cmp);
	long *page = malloc((d->nags ? d->nags : 1) * sizeof *page);
	if (!page)
		return -1;
	for (size_t i = 0; i < d->nags; i++)
		page[i] = -1;
	size_t cap = 0;
	int rc = 0;
	for (size_t r = 0; !rc && r < d->nreqs; r++) {
		const rp_req *q = &d->reqs[r];
		const rp_rec *x = &d->x[q->rec];
		int pillar = d->recs.v[q->rec].pillar;
		if (pillar < 0 || pillar > 3)
			pillar = 0;
		for (size_t k = 0; !rc && k < x->nag; k++) {
			bool lead = strcmp(x->ag[k].role, "lead") == 0;
			if (!lead && strcmp(x->ag[k].role, "support") != 0)
				continue;
			pdx_agency_row key = { .id = x->ag[k].id };
			pdx_agency_row *row = bsearch(&key, d->ags, d->nags, sizeof *d->ags,
						      agency_row_cmp);
			if (!row)
				continue;
			size_t ri = (size_t)(row - d->ags);
			if (page[ri] < 0) {
				rp_agency *a = pdx_grow((void **)&d->agencies, &d->nagencies, &cap,
							sizeof *a);
				if (!a) {
					rc = -1;
					break;
				}
				memset(a, 0, sizeof *a);
				a->row = row;
				agency_file(row->id, a->file, sizeof a->file);
				page[ri] = (long)(d->nagencies - 1);
			}
			rp_agency *a = &d->agencies[page[ri]];
			if (lead)
				a->lead[pillar]++;
			else
				a->support[pillar]++;
			if (q->status == RP_OVERDUE)
				a->overdue[pillar]++;
			if (q->status == RP_DONE) {
				a->done++;
				a->on_time += q->timeliness == RP_ON_TIME;
				a->late += q->timeliness == RP_LATE;
			}
			if (!push(&a->reqs, &a->nreqs, &a->cap, r))
				rc = -1;
		}
	}
	free(page);
	return rc;
}

/* Every record of the report's filters, with its agencies, timeline and
 * document; the requirements among them. Returns 0 or -1 (message
 * printed). */
static int load(rp_data *d)
{
	char err[512] = "";
	pdx_search q = { .pillar = d->pillar, .exhaustive = true };
	if (d->agency) {
		q.agencies[0] = d->agency;
		q.nagencies = 1;
	}
	if (db_documents(d->db, &d->docs, &d->ndocs) ||
	    db_agency_rows(d->db, &d->ags, &d->nags) ||
	    db_search(d->db, &q, &d->recs, err, sizeof err)) {
		fprintf(stderr, PROG ": report: %s\n", *err ? err : db_errmsg(d->db));
		return -1;
	}
	if (index_docs(d) || drop_copies(d)) {
		fprintf(stderr, PROG ": out of memory\n");
		return -1;
	}
	size_t n = d->recs.n;
	d->x = calloc(n ? n : 1, sizeof *d->x);
	d->reqs = malloc((n ? n : 1) * sizeof *d->reqs);
	if (!d->x || !d->reqs) {
		fprintf(stderr, PROG ": out of memory\n");
		return -1;
	}
	if (rp_status_load(d))
		return -1;
	for (size_t i = 0; i < n; i++) {
		const pdx_hit *h = &d->recs.v[i];
		rp_rec *x = &d->x[i];
		if (db_record_agencies(d->db, h->id, &x->ag, &x->nag) ||
		    db_record_times(d->db, h->id, &x->t, &x->nt)) {
			fprintf(stderr, PROG ": report: %s\n", db_errmsg(d->db));
			return -1;
		}
		x->doc = find_doc(d, h);
		x->req = -1;
		if (rp_is_requirement(d, h, x, &d->reqs[d->nreqs])) {
			d->reqs[d->nreqs].rec = i;
			x->req = (long)d->nreqs++;
		}
	}
	return 0;
}

static void data_clear(rp_data *d)
{
	rp_status_clear(d);
	for (size_t i = 0; d->x && i < d->recs.n; i++) {
		db_agencies_free(d->x[i].ag, d->x[i].nag);
		db_times_free(d->x[i].t, d->x[i].nt);
	}
	free(d->x);
	free(d->reqs);
	for (size_t i = 0; i < d->nagencies; i++)
		free(d->agencies[i].reqs);
	free(d->agencies);
	db_hits_clear(&d->recs);
	db_hits_clear(&d->copies);
	db_documents_free(d->docs, d->ndocs);
	free(d->doc_by_path);
	db_agency_rows_free(d->ags, d->nags);
}

int cmd_report(const char *dbpath, int argc, char **argv)
{
	rp_data d = { 0 };
	agency_opt ag = { .single = true };
	size_t nagency = 0;
	double t0 = pdx_now();

	int status = report_options(argc, argv, &d, &ag, &dbpath);
	if (status != OPTIONS_OK)
		return status;
	if (!(d.terms = pillar_terms_builtin())) {
		fprintf(stderr, PROG ": the built-in pillar term list is broken\n");
		return EXIT_RUNTIME;
	}
	status = EXIT_RUNTIME;
	if (!(d.db = open_db(dbpath)))
		goto out;
	status = EXIT_USAGE;
	if (agency_opt_resolve(&ag, d.db, &d.agency, &nagency))
		goto out;
	status = EXIT_RUNTIME;
	if (mkdir(d.dir, 0777) != 0) {
		struct stat st;
		if (stat(d.dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, PROG ": cannot make folder '%s'\n", d.dir);
			goto out;
		}
	}
	if (load(&d) || rp_status_fill(&d))
		goto out;
	if (load_agencies(&d)) {
		fprintf(stderr, PROG ": out of memory\n");
		goto out;
	}
	if (rp_write_site(&d))
		goto out;
	fprintf(stderr, PROG ": report: %zu records, %zu requirements, %ld files, %ld bytes in '%s' (%.1f s)\n",
		d.recs.n, d.nreqs, d.files, d.bytes, d.dir, pdx_now() - t0);
	status = d.recs.n ? EXIT_RESULTS : EXIT_NONE;
out:
	data_clear(&d);
	agency_opt_clear(&ag);
	db_close(d.db);
	return status;
}
