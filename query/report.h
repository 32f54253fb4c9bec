/* report.h - what the files of the report subcommand share: report.c
 * (options, loading, the main flow), report_status.c (THE status
 * interface: the one place that says how each requirement stands),
 * report_html.c (escaping, pages, lists, downloads, charts),
 * report_views.c (the site-wide views: overview, timeline, matrix) and
 * report_pages.c (the pages per pillar, agency, requirement, the
 * documents, and the site's main flow). */
#ifndef POLIDEX_QUERY_REPORT_H
#define POLIDEX_QUERY_REPORT_H

#include <stdio.h>

#include "query.h"
#include "polidex/track.h"
#include "polidex/pillar.h"

/* A requirement's status as of the report's date. The order is the
 * order of the stacked bars. */
typedef enum {
	RP_DONE, RP_IN_PROGRESS, RP_OVERDUE, RP_DUE, RP_OPEN, RP_NSTATUS
} rp_status;

/* "done", "in_progress", ... (the JSON and CSV names), and a title. */
const char *rp_status_name(rp_status s);
const char *rp_status_title(rp_status s);

typedef enum { RP_TIME_UNKNOWN, RP_ON_TIME, RP_LATE } rp_timeliness;

/* One piece of evidence that a requirement was carried out. */
typedef struct {
	char *date;		/* YYYY-MM-DD */
	char *how;		/* citation, match, manual */
	double confidence;	/* 0..1; < 0: not given */
	char *text;		/* the quotation */
	char *key;		/* the record that is the evidence, or NULL */
	char *doc_path, *doc_title, *url;	/* url: http(s) only, or NULL */
} rp_evidence;

/* One requirement. rp_is_requirement fills due, the loader rec; the status
 * provider (rp_status_fill) fills the rest. */
typedef struct {
	size_t rec;		/* into rp_data.recs */
	char due[PDX_VALUE_LEN];	/* the due value as stored; "" none */
	pdx_date due_day;	/* its first day (Eastern for a time) */
	bool has_due;
	rp_status status;
	const char *status_source;	/* static: "deadline only", "inferred", "manual" */
	char done_on[11];	/* "" unless done */
	rp_timeliness timeliness;
	long days_late;
	rp_evidence *ev;
	size_t nev;
} rp_req;

/* What the loader keeps of each record beside its hit. */
typedef struct {
	pdx_hit_agency *ag;
	size_t nag;
	pdx_time *t;
	size_t nt;
	long doc;		/* into rp_data.docs, -1 if not found */
	long req;		/* into rp_data.reqs, -1 if not a requirement */
} rp_rec;

/* An agency the report has a page for: it leads or supports a requirement. */
typedef struct {
	const pdx_agency_row *row;	/* into rp_data.ags */
	char file[80];			/* its page's name, safe as a path */
	int lead[4], support[4];	/* by pillar (0: none) */
	int overdue[4];
	int done, on_time, late;
	size_t *reqs;			/* its requirements (lead or support) */
	size_t nreqs, cap;
} rp_agency;

typedef struct {
	pdx_db *db;
	const char *dir;		/* the output folder */
	pdx_date asof;
	char asof_s[11];
	int pillar;			/* -p, 0: all */
	const char *agency;		/* -a, an id, or NULL */
	const char *agency_name;	/* as typed */
	const pdx_pillar_terms *terms;
	const char *status_provider;	/* what rp_status_fill says it used */

	pdx_hits recs;			/* the records of works: none of a copy */
	pdx_hits copies;		/* the records of copies, left out */
	rp_rec *x;			/* recs.n of them */
	pdx_doc_row *docs;		/* by work, each canonical rendition
					 * first, its copies beneath */
	size_t ndocs;
	size_t nworks;			/* the docs that are no copy */
	size_t *doc_by_path;		/* ndocs indexes of docs by path, part */
	pdx_agency_row *ags;
	size_t nags;
	rp_req *reqs;
	size_t nreqs;
	rp_agency *agencies;
	size_t nagencies;
	/* the tracker's requirements (report_status.c), sorted by record id;
	 * NULL when the database has none (then deadlines alone) */
	pdx_requirements *trk;
	size_t *trk_by_id;
	long files, bytes;		/* written */
} rp_data;

/* ---- report_status.c: the status interface ------------------------- */

/* Fill the status fields of every requirement of d (status,
 * status_source, done_on, timeliness, days_late, ev) as of d->asof, and
 * set d->status_provider to a short phrase naming what was used. This is
 * the ONE place the requirement tracker (issue 17: `status -f json`, its
 * statuses and evidence) plugs into the report; everything else reads
 * only these fields. Returns 0, or -1 (message printed). */
int rp_status_fill(rp_data *d);
/* Is record h (with x's agencies and timeline) a requirement? Fills r
 * (zeroed first) with its due date. Today: a plan action, an order's
 * section, or a record with a deadline, due by its earliest deadline.
 * The tracker's list of requirements replaces this rule here. */
bool rp_is_requirement(const rp_data *d, const pdx_hit *h, const rp_rec *x, rp_req *r);
/* Load the tracker's requirements, when the database has them, before
 * rp_is_requirement is asked. Returns 0 or -1 (said on stderr). */
int rp_status_load(rp_data *d);
/* Free what rp_status_fill allocated (the evidence). */
void rp_status_clear(rp_data *d);

/* ---- report_html.c ------------------------------------------------- */

/* The one HTML escaper: text (or an attribute value in double quotes)
 * with & < > " ' escaped, control characters dropped and bytes that are
 * not UTF-8 replaced by U+FFFD. NULL writes nothing. */
void rp_esc(FILE *f, const char *s);
/* The same for at most max bytes of s, cut at a character, with an
 * ellipsis when cut. */
void rp_esc_cut(FILE *f, const char *s, size_t max);
/* lang="zh" when s is Chinese, else nothing (with its leading space). */
void rp_lang(FILE *f, const char *s);
/* A safe http(s) URL, or NULL. */
const char *rp_url(const char *s);

/* A page being written. root: the way back to the report's folder from
 * the page ("", "../" or "../../"). */
typedef struct {
	FILE *f;
	char path[4096];
	char root[8];
	rp_data *d;
} rp_page;

/* Open DIR/rel (folders made), write the head, the navigation and the
 * page's h1. Returns 0 or -1 (message printed). */
int rp_page_open(rp_page *p, rp_data *d, const char *rel, const char *title);
/* The footer (as-of date, version), then close; returns 0 or -1. */
int rp_page_close(rp_page *p);
/* A plain file (CSV, JSON) at DIR/rel; NULL and a message on failure. */
FILE *rp_file_open(rp_data *d, const char *rel, char *path, size_t pathlen);
int rp_file_close(rp_data *d, FILE *f, const char *path);

/* The link to requirement r's page from root, and its path in the
 * report (into out). */
void rp_req_href(const rp_data *d, size_t r, char *out, size_t outlen);
/* The due value shown in Eastern time ("2025-10-27 23:59 ET", a day as
 * it is), into out. */
void rp_due_text(const char *value, char *out, size_t outlen);
/* The lead agencies of record i, acronyms joined by ", " into out. */
void rp_leads(const rp_data *d, size_t rec, const char *role, char *out, size_t outlen);
/* The agency page of id, or NULL when it has none. */
const rp_agency *rp_agency_find(const rp_data *d, const char *id);

/* A list of requirements (indexes into d->reqs), written as pages of at
 * most RP_PAGE_ROWS rows: base.html, base-2.html, ... each with its
 * base[-N].csv and .json beside it (pages of a list stay small at any
 * scale). Returns 0 or -1. */
#define RP_PAGE_ROWS 400
int rp_req_list(rp_data *d, const char *base, const char *title, const char *intro,
		const size_t *v, size_t n);
/* The rows of a requirement table (no pagination) into an open page. */
void rp_req_table(rp_page *p, const size_t *v, size_t n, const char *caption);

/* Charts: the stacked status bar of counts[RP_NSTATUS], w pixels wide. */
void rp_svg_bar(FILE *f, const int *counts, int w, const char *label);
/* The legend of the status colours. */
void rp_legend(FILE *f);

/* ---- report_pages.c ------------------------------------------------- */

#define RP_TOP_ROWS 50		/* rows of a list shown on a summary page */

/* The pillars as Roman numerals, by pillar (0, none: a dash). */
extern const char *const rp_roman[4];

/* ---- counts ------------------------------------------------------------ */

typedef struct {
	int n[4][RP_NSTATUS];	/* by pillar (0: none) and status */
	int total[4];
	int on_time[4], late[4];
} rp_counts;

/* The on-time rate as text: "75% (3 of 4)", or a dash when nothing
 * done had a due date. */
void rp_rate_text(int on_time, int late, char *out, size_t outlen);
/* "Pillar I: name <span lang=zh>...</span>", or "Outside the pillars". */
void rp_pillar_title(FILE *f, const rp_data *d, int p);
/* The first RP_TOP_ROWS rows of list v (n long) with a link to all of
 * it at more_href, or the sentence none when it is empty. Returns 0. */
int rp_top_table(rp_page *p, const size_t *v, size_t n, const char *caption,
		 const char *more_href, const char *none);

int rp_write_site(rp_data *d);

/* ---- report_views.c ------------------------------------------------- */

/* index.html: the glance cards, the pillars' bars, the count table and
 * the top rows of lists[0..3] (due in 30, due in 90, overdue, recently
 * done; nlists their lengths). Returns 0 or -1. */
int rp_write_overview(rp_data *d, const rp_counts *c, size_t *const lists[4],
		      const size_t nlists[4]);
/* timeline.html (and timeline-N.html): the dated requirements and events. */
int rp_write_timeline(rp_data *d);
/* matrix.html: agencies (in order, indexes into d->agencies) x pillars. */
int rp_write_matrix(rp_data *d, const size_t *order);

#endif
