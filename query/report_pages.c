/* report_pages.c - the report's pages per pillar, agency and requirement,
 * the documents and the requirements list, the stylesheet and script all
 * pages share, and the site's main flow (rp_write_site). The site-wide
 * views (overview, timeline, matrix) are in report_views.c. */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "polidex/containers.h"
#include "polidex/util.h"

const char *const rp_roman[4] = { "\xE2\x80\x94", "I", "II", "III" };

static const char style_css[] =
	":root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--link:#0550ae}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",\"DejaVu Sans\",\"Noto Sans CJK SC\",\"WenQuanYi Zen Hei\",sans-serif;color:var(--ink);background:var(--bg)}\n"
	"a{color:var(--link)}\n"
	".skip{position:absolute;left:-999px}.skip:focus{left:1em;top:1em;background:#fff;padding:.5em}\n"
	"header.site{background:#24292f;color:#fff;padding:.5em 1em}\n"
	"header.site a{color:#fff}\n"
	".brand{margin:0;font-weight:600}.asof{font-weight:400;margin-left:.5em}\n"
	"nav ul{list-style:none;margin:.3em 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.2em 1.2em}\n"
	"main{max-width:72em;margin:0 auto;padding:1em}\n"
	"footer.site{max-width:72em;margin:2em auto;padding:0 1em;color:var(--muted);font-size:.9em;border-top:1px solid var(--line)}\n"
	"h1{font-size:1.6em;margin:.3em 0}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid var(--line)}\n"
	".glance{display:grid;grid-template-columns:repeat(auto-fit,minmax(16em,1fr));gap:1em}\n"
	".card{border:1px solid var(--line);border-radius:6px;padding:.8em 1em;background:var(--soft)}\n"
	".card h2{margin-top:0;border:0;font-size:1em;color:var(--muted)}\n"
	".card .big{font-size:1.4em;font-weight:700;margin:.1em 0}\n"
	".pillars{list-style:none;padding:0}.pillars li{margin:.8em 0}\n"
	".pillars .pname{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5em}\n"
	".behind{outline:3px solid #c21f2b;outline-offset:4px}\n"
	".flag{background:#c21f2b;color:#fff;padding:0 .4em;border-radius:3px;font-size:.85em}\n"
	"svg.bar{display:block;border-radius:3px}\n"
	".legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3em 1em;font-size:.9em}\n"
	".sw{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em;border-radius:2px}\n"
	".tablewrap{overflow-x:auto}\n"
	"table{border-collapse:collapse;width:100%;font-size:.92em;margin:.5em 0}\n"
	"caption{text-align:left;font-weight:600;padding:.3em 0}\n"
	"th,td{border-bottom:1px solid var(--line);padding:.35em .5em;text-align:left;vertical-align:top}\n"
	"thead th{background:var(--soft)}th[aria-sort] button,thead th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}\n"
	"td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
	".status{display:inline-block;padding:0 .45em;border-radius:3px;color:#fff;font-size:.85em;white-space:nowrap}\n"
	".st-done.status{background:#1a7f37}.st-in_progress.status{background:#0550ae}.st-overdue.status{background:#c21f2b}\n"
	".st-due.status{background:#9a6700}.st-open.status{background:#6e7781}\n"
	".label{color:var(--muted)}\n"
	".renditions{margin:.2em 0 0;padding-left:1.2em;color:var(--muted);font-size:.9em}\n"
	".pages ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3em}.pages li>*{display:inline-block;padding:.1em .5em;border:1px solid var(--line)}\n"
	".note{color:var(--muted);font-size:.92em}\n"
	"blockquote{margin:.5em 0;padding:.3em 1em;border-left:4px solid var(--line);background:var(--soft)}\n"
	".timeline{overflow-x:auto}.timeline svg{min-width:720px}\n"
	".matrix td a{text-decoration:none}.matrix .od{color:#c21f2b;font-weight:600}\n"
	"dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dl.facts dt{font-weight:600}dl.facts dd{margin:0}\n"
	"@media (max-width:40em){body{font-size:15px}main{padding:.6em}.hide-sm{display:none}td,th{padding:.3em}}\n"
	"@media print{header.site nav,.skip,.filter,.downloads,.pages{display:none}header.site{background:none;color:#000}"
	"header.site a{color:#000}a{color:#000;text-decoration:none}main{max-width:none}"
	".status{color:#000;border:1px solid #000;background:none!important}"
	"tr,li,figure{break-inside:avoid}svg rect{print-color-adjust:exact;-webkit-print-color-adjust:exact}}\n";

/* Our own small script: sorting by a column, filtering rows. The pages
 * work without it. */
static const char report_js[] =
	"'use strict';\n"
	"document.querySelectorAll('table.sortable').forEach(function (t) {\n"
	"  var heads = t.tHead ? t.tHead.rows[0].cells : [];\n"
	"  Array.prototype.forEach.call(heads, function (th, col) {\n"
	"    var b = document.createElement('button');\n"
	"    b.type = 'button';\n"
	"    b.textContent = th.textContent;\n"
	"    th.textContent = '';\n"
	"    th.appendChild(b);\n"
	"    b.addEventListener('click', function () {\n"
	"      var asc = th.getAttribute('aria-sort') !== 'ascending';\n"
	"      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });\n"
	"      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');\n"
	"      var body = t.tBodies[0];\n"
	"      var rows = Array.prototype.slice.call(body.rows);\n"
	"      var key = function (r) { var c = r.cells[col]; return c ? (c.getAttribute('data-sort') || c.textContent) : ''; };\n"
	"      rows.sort(function (a, b) { var x = key(a), y = key(b);\n"
	"        var c = x.localeCompare(y, undefined, { numeric: true }); return asc ? c : -c; });\n"
	"      rows.forEach(function (r) { body.appendChild(r); });\n"
	"    });\n"
	"  });\n"
	"});\n"
	"document.querySelectorAll('p.filter').forEach(function (p) {\n"
	"  var input = p.querySelector('input');\n"
	"  var wrap = p.nextElementSibling;\n"
	"  var t = wrap ? wrap.querySelector('table') : null;\n"
	"  if (!input || !t) return;\n"
	"  p.hidden = false;\n"
	"  input.addEventListener('input', function () {\n"
	"    var q = input.value.toLowerCase();\n"
	"    Array.prototype.forEach.call(t.tBodies[0].rows, function (r) {\n"
	"      r.hidden = q !== '' && r.textContent.toLowerCase().indexOf(q) < 0;\n"
	"    });\n"
	"  });\n"
	"});\n";

static int write_static(rp_data *d, const char *rel, const char *text)
{
	char path[4096];
	FILE *f = rp_file_open(d, rel, path, sizeof path);
	if (!f)
		return -1;
	fputs(text, f);
	return rp_file_close(d, f, path);
}

static int pillar_of(const rp_data *d, size_t r)
{
	int p = d->recs.v[d->reqs[r].rec].pillar;
	return p >= 1 && p <= 3 ? p : 0;
}

/* ---- sorting indexes of requirements -------------------------------- */

static const rp_data *sort_d;

/* by due date (none last), then record order */
static int by_due(const void *a, const void *b)
{
	const rp_req *x = &sort_d->reqs[*(const size_t *)a], *y = &sort_d->reqs[*(const size_t *)b];
	if (x->has_due != y->has_due)
		return x->has_due ? -1 : 1;
	if (x->has_due) {
		long c = pdx_date_diff(y->due_day, x->due_day);
		if (c)
			return c < 0 ? -1 : 1;
	}
	return (x->rec > y->rec) - (x->rec < y->rec);
}

static int by_done_desc(const void *a, const void *b)
{
	const rp_req *x = &sort_d->reqs[*(const size_t *)a], *y = &sort_d->reqs[*(const size_t *)b];
	int c = strcmp(y->done_on, x->done_on);
	return c ? c : (x->rec > y->rec) - (x->rec < y->rec);
}

static void sort_reqs(const rp_data *d, size_t *v, size_t n, int (*cmp)(const void *, const void *))
{
	sort_d = d;
	qsort(v, n, sizeof *v, cmp);
}

/* The requirements passing keep, into a new array (caller frees) of
 * *n; NULL: no memory (or none, *n 0). */
typedef bool (*req_pred)(const rp_data *d, size_t r, const void *arg);

static size_t *select_reqs(const rp_data *d, req_pred keep, const void *arg, size_t *n)
{
	size_t *v = malloc((d->nreqs ? d->nreqs : 1) * sizeof *v);
	*n = 0;
	if (!v)
		return NULL;
	for (size_t r = 0; r < d->nreqs; r++)
		if (!keep || keep(d, r, arg))
			v[(*n)++] = r;
	return v;
}

static bool in_pillar(const rp_data *d, size_t r, const void *arg)
{
	return pillar_of(d, r) == *(const int *)arg;
}

typedef struct { long lo, hi; } day_window;

static bool due_within(const rp_data *d, size_t r, const void *arg)
{
	const day_window *w = arg;
	const rp_req *q = &d->reqs[r];
	if (!q->has_due || q->status == RP_DONE)
		return false;
	long k = pdx_date_diff(d->asof, q->due_day);
	return k >= w->lo && k <= w->hi;
}

static bool has_status(const rp_data *d, size_t r, const void *arg)
{
	return d->reqs[r].status == *(const rp_status *)arg;
}

static bool done_recently(const rp_data *d, size_t r, const void *arg)
{
	(void)arg;
	const rp_req *q = &d->reqs[r];
	pdx_date on;
	return q->status == RP_DONE && q->done_on[0] && pdx_date_parse(q->done_on, &on) == 0 &&
	       pdx_date_diff(on, d->asof) <= 90;
}

/* ---- counts ------------------------------------------------------------ */

static void count_statuses(const rp_data *d, rp_counts *c)
{
	memset(c, 0, sizeof *c);
	for (size_t r = 0; r < d->nreqs; r++) {
		int p = pillar_of(d, r);
		c->n[p][d->reqs[r].status]++;
		c->total[p]++;
		c->on_time[p] += d->reqs[r].timeliness == RP_ON_TIME;
		c->late[p] += d->reqs[r].timeliness == RP_LATE;
	}
}

/* The on-time rate as text: "75% (3 of 4)", or a dash when nothing
 * done had a due date. */
void rp_rate_text(int on_time, int late, char *out, size_t outlen)
{
	if (on_time + late == 0)
		snprintf(out, outlen, "\xE2\x80\x94");
	else
		snprintf(out, outlen, "%d%% (%d of %d)", (on_time * 100 + (on_time + late) / 2) / (on_time + late),
			 on_time, on_time + late);
}

void rp_pillar_title(FILE *f, const rp_data *d, int p)
{
	if (p == 0) {
		fputs("Outside the pillars", f);
		return;
	}
	fprintf(f, "Pillar %s: ", rp_roman[p]);
	rp_esc(f, pillar_name(d->terms, p, "en"));
	fputs(" <span lang=\"zh\">", f);
	rp_esc(f, pillar_name(d->terms, p, "zh"));
	fputs("</span>", f);
}

int rp_top_table(rp_page *p, const size_t *v, size_t n, const char *caption,
		 const char *more_href, const char *none)
{
	FILE *f = p->f;
	if (!n) {
		fputs("<p>", f);
		rp_esc(f, none);
		fputs("</p>\n", f);
		return 0;
	}
	rp_req_table(p, v, n < RP_TOP_ROWS ? n : RP_TOP_ROWS, caption);
	fprintf(f, "<p><a href=\"%s\">All %zu, with CSV and JSON downloads of each page</a></p>\n", more_href, n);
	return 0;
}

/* ---- agencies ---------------------------------------------------------- */

static const rp_agency *ag_sort_v;

static int ag_cmp(const void *a, const void *b)
{
	const rp_agency *x = &ag_sort_v[*(const size_t *)a], *y = &ag_sort_v[*(const size_t *)b];
	if (x->nreqs != y->nreqs)
		return x->nreqs > y->nreqs ? -1 : 1;
	return strcmp(x->row->id, y->row->id);
}

static void agency_name(FILE *f, const rp_agency *a)
{
	rp_esc(f, a->row->acronym ? a->row->acronym : a->row->id);
	if (a->row->name) {
		fputs(" \xE2\x80\x94 ", f);
		rp_esc(f, a->row->name);
	}
	if (a->row->name_zh) {
		fputs(" <span lang=\"zh\">", f);
		rp_esc(f, a->row->name_zh);
		fputs("</span>", f);
	}
}

static int write_agency(rp_data *d, const rp_agency *a)
{
	char rel[160];
	size_t *v = malloc((a->nreqs ? a->nreqs : 1) * sizeof *v);
	if (!v)
		return -1;
	memcpy(v, a->reqs, a->nreqs * sizeof *v);
	sort_reqs(d, v, a->nreqs, by_due);
	/* its lists are the cells of the matrix, one per pillar: a
	 * requirement is written once per agency, not twice */
	int rc = 0;
	/* the cells of the matrix */
	for (int q = 0; !rc && q <= 3; q++) {
		if (!a->lead[q] && !a->support[q])
			continue;
		size_t m = 0;
		size_t *w = malloc(a->nreqs * sizeof *w);
		if (!w) {
			rc = -1;
			break;
		}
		for (size_t i = 0; i < a->nreqs; i++)
			if (pillar_of(d, v[i]) == q)
				w[m++] = v[i];
		char cb[160], ct[300];
		snprintf(cb, sizeof cb, "cells/%s-p%d", a->file, q);
		snprintf(ct, sizeof ct, "%s in %s%s", a->row->acronym ? a->row->acronym : a->row->id,
			 q ? "pillar " : "no pillar", q ? rp_roman[q] : "");
		rc = rp_req_list(d, cb, ct, "Requirements the agency leads or supports.", w, m);
		free(w);
	}
	rp_page p;
	snprintf(rel, sizeof rel, "agency/%s.html", a->file);
	if (rc || rp_page_open(&p, d, rel, a->row->acronym ? a->row->acronym : a->row->id)) {
		free(v);
		return -1;
	}
	FILE *f = p.f;
	fputs("<p>", f);
	agency_name(f, a);
	fputs("</p>\n", f);
	char rate[64];
	rp_rate_text(a->on_time, a->late, rate, sizeof rate);
	int lead = 0, support = 0, od = 0;
	for (int q = 0; q <= 3; q++) {
		lead += a->lead[q];
		support += a->support[q];
		od += a->overdue[q];
	}
	fprintf(f, "<dl class=\"facts\"><dt>Leads</dt><dd data-count=\"lead\">%d</dd><dt>Supports</dt>"
		"<dd data-count=\"support\">%d</dd><dt>Overdue</dt><dd data-count=\"overdue\">%d</dd>"
		"<dt>Done</dt><dd>%d</dd><dt>On-time rate</dt><dd>%s</dd></dl>\n", lead, support, od, a->done, rate);
	fputs("<div class=\"tablewrap\"><table><caption>By pillar</caption><thead><tr><th scope=\"col\">Pillar</th>"
	      "<th scope=\"col\" class=\"num\">Leads</th><th scope=\"col\" class=\"num\">Supports</th>"
	      "<th scope=\"col\" class=\"num\">Overdue</th></tr></thead><tbody>\n", f);
	for (int q = 1; q <= 4; q++) {
		int pq = q % 4;
		if (!a->lead[pq] && !a->support[pq])
			continue;
		fprintf(f, "<tr><th scope=\"row\"><a href=\"../cells/%s-p%d.html\">", a->file, pq);
		rp_pillar_title(f, d, pq);
		fprintf(f, "</a></th><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>\n",
			a->lead[pq], a->support[pq], a->overdue[pq]);
	}
	fputs("</tbody></table></div>\n<h2>What it leads and supports</h2>\n", f);
	rp_req_table(&p, v, a->nreqs < RP_TOP_ROWS ? a->nreqs : RP_TOP_ROWS, "Its requirements, by due date");
	fprintf(f, "<p>All %zu, with CSV and JSON downloads, are in the lists of each pillar above.</p>\n", a->nreqs);
	free(v);
	return rp_page_close(&p);
}

static int write_agencies(rp_data *d)
{
	size_t *order = malloc((d->nagencies ? d->nagencies : 1) * sizeof *order);
	if (!order)
		return -1;
	for (size_t i = 0; i < d->nagencies; i++)
		order[i] = i;
	ag_sort_v = d->agencies;
	qsort(order, d->nagencies, sizeof *order, ag_cmp);
	int rc = rp_write_matrix(d, order);
	rp_page p;
	if (!rc && !(rc = rp_page_open(&p, d, "agencies.html", "Agencies"))) {
		FILE *f = p.f;
		fprintf(f, "<p><span data-count=\"agencies\">%zu</span> agencies lead or support a requirement.</p>\n"
			"<div class=\"tablewrap\"><table class=\"sortable\"><caption>Agencies, most requirements first</caption>"
			"<thead><tr><th scope=\"col\">Agency</th><th scope=\"col\">Name</th><th scope=\"col\" class=\"num\">Leads</th>"
			"<th scope=\"col\" class=\"num\">Supports</th><th scope=\"col\" class=\"num\">Overdue</th>"
			"<th scope=\"col\">On time</th></tr></thead><tbody>\n", d->nagencies);
		for (size_t i = 0; i < d->nagencies; i++) {
			const rp_agency *a = &d->agencies[order[i]];
			int lead = 0, support = 0, od = 0;
			for (int q = 0; q <= 3; q++) {
				lead += a->lead[q];
				support += a->support[q];
				od += a->overdue[q];
			}
			char rate[64];
			rp_rate_text(a->on_time, a->late, rate, sizeof rate);
			fprintf(f, "<tr><th scope=\"row\"><a href=\"agency/%s.html\">", a->file);
			rp_esc(f, a->row->acronym ? a->row->acronym : a->row->id);
			fputs("</a></th><td>", f);
			rp_esc(f, a->row->name);
			if (a->row->name_zh) {
				fputs(" <span lang=\"zh\">", f);
				rp_esc(f, a->row->name_zh);
				fputs("</span>", f);
			}
			fprintf(f, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td>%s</td></tr>\n",
				lead, support, od, rate);
		}
		fputs("</tbody></table></div>\n", f);
		rc = rp_page_close(&p);
	}
	for (size_t i = 0; !rc && i < d->nagencies; i++)
		rc = write_agency(d, &d->agencies[i]);
	free(order);
	return rc;
}

/* ---- pillars ------------------------------------------------------------ */

static int write_pillar(rp_data *d, int q, const rp_counts *c)
{
	size_t n;
	size_t *v = select_reqs(d, in_pillar, &q, &n);
	if (!v)
		return -1;
	char base[64], title[512];
	snprintf(base, sizeof base, "pillar-%d-requirements", q);
	if (q)
		snprintf(title, sizeof title, "Requirements of pillar %s", rp_roman[q]);
	else
		snprintf(title, sizeof title, "Requirements outside the pillars");
	int rc = rp_req_list(d, base, title, NULL, v, n);
	rp_page p;
	char rel[64];
	snprintf(rel, sizeof rel, "pillar-%d.html", q);
	if (q)
		snprintf(title, sizeof title, "Pillar %s: %s", rp_roman[q], pillar_name(d->terms, q, "en"));
	else
		snprintf(title, sizeof title, "Outside the pillars");
	if (rc || rp_page_open(&p, d, rel, title)) {
		free(v);
		return -1;
	}
	FILE *f = p.f;
	if (q) {
		fputs("<p lang=\"zh\">", f);
		rp_esc(f, pillar_name(d->terms, q, "zh"));
		fputs("</p>\n", f);
	}
	char rate[64], label[64];
	rp_rate_text(c->on_time[q], c->late[q], rate, sizeof rate);
	snprintf(label, sizeof label, "Pillar %s", rp_roman[q]);
	fprintf(f, "<p><span data-count=\"requirements\">%d</span> requirements; <span"
		" data-count=\"overdue\">%d</span> overdue; on time: %s.</p>\n",
		c->total[q], c->n[q][RP_OVERDUE], rate);
	rp_legend(f);
	rp_svg_bar(f, c->n[q], 600, label);

	/* the counts of `summary -f json`, from the same functions */
	pdx_pillar_summary s;
	pdx_due_counts dc = { 0 };
	pdx_deadline_query dq = { .kinds = { PDX_TIME_DEADLINE, PDX_TIME_CLOSES, PDX_TIME_EXPIRES }, .nkinds = 3, .pillar = q };
	if (d->agency) {
		dq.agencies[0] = d->agency;
		dq.nagencies = 1;
	}
	if (q && db_pillar_summary(d->db, q, d->agency, &s) == PDX_OK &&
	    db_deadline_counts(d->db, &dq, d->asof_s, &dc) == PDX_OK) {
		fprintf(f, "<h2>Records</h2>\n<div class=\"tablewrap\"><table class=\"counts\"><caption>Records of the pillar by kind"
			" (as <code>summary</code> counts them)</caption><thead><tr><th scope=\"col\">Kind</th>"
			"<th scope=\"col\" class=\"num\">Records</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < s.nkinds; i++) {
			fputs("<tr><th scope=\"row\">", f);
			rp_esc(f, s.kinds[i].name);
			fprintf(f, "</th><td class=\"num\" data-count=\"kind-");
			rp_esc(f, s.kinds[i].name);
			fprintf(f, "\">%d</td></tr>\n", s.kinds[i].count);
		}
		fprintf(f, "</tbody><tfoot><tr><th scope=\"row\">Total</th><td class=\"num\" data-count=\"total\">%d</td></tr></tfoot></table></div>\n"
			"<p>Placed by the plan's structure: <span data-count=\"structure\">%d</span>; by content:"
			" <span data-count=\"inferred\">%d</span>. Other documents with records here:"
			" <span data-count=\"documents_total\">%zu</span>. Deadlines, closings and expiries dated before"
			" %s: <span data-count=\"dated_before\">%ld</span>; unresolved: <span data-count=\"unresolved\">%ld</span>.</p>\n",
			s.total, s.structure, s.inferred, s.ndocs, d->asof_s, dc.before, dc.unresolved);
		if (s.nsections) {
			fputs("<h2>Sections of the plan</h2>\n<div class=\"tablewrap\"><table><caption>Sections: the plan's records"
			      " and the records of other documents linked to them</caption><thead><tr><th scope=\"col\">Section</th>"
			      "<th scope=\"col\" class=\"num\">Records</th><th scope=\"col\" class=\"num\">Linked</th></tr></thead><tbody>\n", f);
			for (size_t i = 0; i < s.nsections; i++) {
				fputs("<tr><th scope=\"row\">", f);
				if (s.sections[i].key) {
					rp_esc(f, s.sections[i].key);
					fputs(" ", f);
				}
				rp_esc(f, s.sections[i].section);
				fprintf(f, "</th><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>\n",
					s.sections[i].records, s.sections[i].linked);
			}
			fputs("</tbody></table></div>\n", f);
		}
		for (int role = 0; role < 2; role++) {
			const pdx_agency_count *av = role ? s.support : s.lead;
			size_t an = role ? s.nsupport : s.nlead;
			if (!an)
				continue;
			fprintf(f, "<h2>%s agencies</h2>\n<ul class=\"legend\">", role ? "Supporting" : "Lead");
			for (size_t i = 0; i < an; i++) {
				const rp_agency *a = rp_agency_find(d, av[i].id);
				fputs("<li>", f);
				if (a)
					fprintf(f, "<a href=\"agency/%s.html\">", a->file);
				rp_esc(f, av[i].acronym ? av[i].acronym : av[i].id);
				if (a)
					fputs("</a>", f);
				fprintf(f, "&nbsp;%d</li>", av[i].count);
			}
			fputs("</ul>\n", f);
		}
	}
	if (q)
		db_pillar_summary_clear(&s);
	fputs("<h2>Actions: owner, due date, status</h2>\n", f);
	char more[80];
	snprintf(more, sizeof more, "%s.html", base);
	rc = rp_top_table(&p, v, n, "Requirements in document order", more, "None.");
	free(v);
	return rp_page_close(&p) || rc;
}

/* ---- requirement pages ------------------------------------------------ */

static int write_req(rp_data *d, size_t r)
{
	const rp_req *q = &d->reqs[r];
	const pdx_hit *h = &d->recs.v[q->rec];
	const rp_rec *x = &d->x[q->rec];
	const pdx_doc_row *doc = x->doc >= 0 ? &d->docs[x->doc] : NULL;
	char rel[64], title[256], due[64];
	rp_req_href(d, r, rel, sizeof rel);
	snprintf(title, sizeof title, "%s%s%s", h->key, h->label ? " \xE2\x80\x94 " : "", h->label ? h->label : "");
	rp_page p;
	if (rp_page_open(&p, d, rel, title))
		return -1;
	FILE *f = p.f;
	rp_due_text(q->due, due, sizeof due);
	fprintf(f, "<p><span class=\"status st-%s\">%s</span> <span class=\"note\">(status: %s)</span></p>\n",
		rp_status_name(q->status), rp_status_title(q->status), q->status_source);
	fputs("<blockquote", f);
	rp_lang(f, h->text);
	fputs(">", f);
	rp_esc(f, h->text);
	fputs("</blockquote>\n<dl class=\"facts\">", f);
	fputs("<dt>Source</dt><dd", f);
	rp_lang(f, h->doc_title);
	fputs(">", f);
	const char *url = doc ? rp_url(doc->source_url) : NULL;
	if (url) {
		fputs("<a href=\"", f);
		rp_esc(f, url);
		fputs("\">", f);
	}
	rp_esc(f, h->doc_title ? h->doc_title : h->doc_path);
	if (url)
		fputs("</a>", f);
	fputs(" <span class=\"note\">(", f);
	rp_esc(f, h->doc_path);
	fprintf(f, ", line %d)</span></dd>", h->line);
	if (h->section) {
		fputs("<dt>Section</dt><dd", f);
		rp_lang(f, h->section);
		fputs(">", f);
		rp_esc(f, h->section);
		fputs("</dd>", f);
	}
	fputs("<dt>Kind</dt><dd>", f);
	rp_esc(f, h->kind);
	fputs("</dd><dt>Pillar</dt><dd>", f);
	if (h->pillar >= 1 && h->pillar <= 3) {
		fprintf(f, "<a href=\"%spillar-%d.html\">", p.root, h->pillar);
		rp_pillar_title(f, d, h->pillar);
		fputs("</a>", f);
	} else {
		fputs("none", f);
	}
	fputs("</dd><dt>Agencies</dt><dd>", f);
	for (size_t k = 0; k < x->nag; k++) {
		const rp_agency *a = rp_agency_find(d, x->ag[k].id);
		if (k)
			fputs(", ", f);
		if (a)
			fprintf(f, "<a href=\"%sagency/%s.html\">", p.root, a->file);
		rp_esc(f, x->ag[k].acronym ? x->ag[k].acronym : x->ag[k].id);
		if (a)
			fputs("</a>", f);
		fputs(" (", f);
		rp_esc(f, x->ag[k].role);
		fputs(")", f);
	}
	if (!x->nag)
		fputs("none named", f);
	fputs("</dd><dt>Due</dt><dd>", f);
	rp_esc(f, *due ? due : "no due date");
	fputs("</dd></dl>\n", f);

	fputs("<h2>Timeline</h2>\n", f);
	if (x->nt) {
		fputs("<div class=\"tablewrap\"><table><caption>Dates in the text (Eastern time)</caption><thead><tr>"
		      "<th scope=\"col\">Kind</th><th scope=\"col\">As written</th><th scope=\"col\">Date</th>"
		      "<th scope=\"col\">Counted from</th></tr></thead><tbody>\n", f);
		for (size_t k = 0; k < x->nt; k++) {
			char v[64];
			rp_due_text(x->t[k].value, v, sizeof v);
			fputs("<tr><th scope=\"row\">", f);
			rp_esc(f, time_kind_name(x->t[k].kind));
			fputs("</th><td", f);
			rp_lang(f, x->t[k].expr);
			fputs(">", f);
			rp_esc(f, x->t[k].expr);
			fputs("</td><td>", f);
			rp_esc(f, *v ? v : "unresolved");
			fputs("</td><td>", f);
			rp_esc(f, x->t[k].anchor);
			fputs("</td></tr>\n", f);
		}
		fputs("</tbody></table></div>\n", f);
	} else {
		fputs("<p>No dates in the text.</p>\n", f);
	}
	fputs("<h2>Evidence</h2>\n", f);
	if (!q->nev) {
		fprintf(f, "<p>None recorded%s.</p>\n", strcmp(q->status_source, "deadline only") == 0 ?
			" (statuses come from deadlines only)" : "");
	} else {
		fputs("<ul class=\"evidence\">\n", f);
		for (size_t k = 0; k < q->nev; k++) {
			const rp_evidence *e = &q->ev[k];
			const char *eu = rp_url(e->url);
			fputs("<li>", f);
			rp_esc(f, e->date);
			fputs(" \xC2\xB7 ", f);
			rp_esc(f, e->how);
			if (e->confidence >= 0)
				fprintf(f, " (confidence %.2f)", e->confidence);
			fputs(" \xC2\xB7 ", f);
			if (eu) {
				fputs("<a href=\"", f);
				rp_esc(f, eu);
				fputs("\">", f);
			}
			rp_esc(f, e->doc_title ? e->doc_title : e->doc_path);
			if (eu)
				fputs("</a>", f);
			if (e->text) {
				fputs("<blockquote", f);
				rp_lang(f, e->text);
				fputs(">", f);
				rp_esc(f, e->text);
				fputs("</blockquote>", f);
			}
			fputs("</li>\n", f);
		}
		fputs("</ul>\n", f);
	}
	fputs("<h2>Related records</h2>\n", f);
	pdx_link *lv = NULL;
	size_t ln = 0;
	bool plan = strcmp(h->kind, "recommended_action") == 0;
	if (db_record_links(d->db, h->id, !plan, &lv, &ln) == PDX_OK && ln) {
		fputs("<ul>\n", f);
		for (size_t k = 0; k < ln && k < 20; k++) {
			fputs("<li>", f);
			rp_esc(f, lv[k].key ? lv[k].key : lv[k].section);
			fputs(" \xE2\x80\x94 <span", f);
			rp_lang(f, lv[k].text ? lv[k].text : lv[k].section);
			fputs(">", f);
			rp_esc_cut(f, lv[k].text ? lv[k].text : lv[k].section, 200);
			fputs("</span> <span class=\"note\">(", f);
			rp_esc_cut(f, lv[k].doc_title ? lv[k].doc_title : lv[k].doc_path, 80);
			fprintf(f, "; score %.2f)</span></li>\n", lv[k].score);
		}
		fputs("</ul>\n", f);
	} else {
		fputs("<p>None linked.</p>\n", f);
	}
	db_links_free(lv, ln);
	return rp_page_close(&p);
}

/* ---- documents ---------------------------------------------------------- */

#define DOC_ROWS 500

/* One cell line naming a rendition's file: its path, part and format. */
static void doc_file(FILE *f, const pdx_doc_row *r)
{
	fputs("<code>", f);
	rp_esc(f, r->path);
	fputs("</code>", f);
	if (r->part)
		fprintf(f, " part %d", r->part);
	if (r->format) {
		fputs(" (", f);
		rp_esc(f, r->format);
		fputs(")", f);
	}
}

/* A row per work (its canonical rendition, with its records), its other
 * renditions (copies, whose records are not counted again) listed
 * beneath its file, in the row, so sorting keeps them with it. */
static int write_documents(rp_data *d)
{
	size_t pages = d->nworks ? (d->nworks + DOC_ROWS - 1) / DOC_ROWS : 1;
	int rc = 0;
	for (size_t k = 1; !rc && k <= pages; k++) {
		char rel[64], title[64];
		snprintf(rel, sizeof rel, k == 1 ? "documents.html" : "documents-%zu.html", k);
		if (pages > 1)
			snprintf(title, sizeof title, "Documents (page %zu of %zu)", k, pages);
		else
			snprintf(title, sizeof title, "Documents");
		rp_page p;
		if (rp_page_open(&p, d, rel, title))
			return -1;
		FILE *f = p.f;
		fprintf(f, "<p><span data-count=\"documents\">%zu</span> documents (works) indexed, in"
			" <span data-count=\"files\">%zu</span> renditions. A work's other renditions"
			" (the same order, notice or plan from another source) are listed beneath its file;"
			" their records are the work's, counted once. A file of several articles (clippings)"
			" is one document with a part for each.</p>\n", d->nworks, d->ndocs);
		if (pages > 1) {
			fputs("<nav class=\"pages\" aria-label=\"Pages\"><ul>", f);
			for (size_t j = 1; j <= pages; j++) {
				if (j == k)
					fprintf(f, "<li><span aria-current=\"page\">%zu</span></li>", j);
				else
					fprintf(f, j == 1 ? "<li><a href=\"documents.html\">%zu</a></li>" :
						"<li><a href=\"documents-%zu.html\">%zu</a></li>", j, j);
			}
			fputs("</ul></nav>\n", f);
		}
		fputs("<p class=\"filter\" hidden><label>Filter rows: <input type=\"search\" class=\"rowfilter\"></label></p>\n"
		      "<div class=\"tablewrap\"><table class=\"sortable\"><caption>Documents by work</caption><thead><tr>"
		      "<th scope=\"col\">Title</th><th scope=\"col\">Kind</th><th scope=\"col\">Published</th>"
		      "<th scope=\"col\">Issuer</th><th scope=\"col\" class=\"num\">Records</th><th scope=\"col\">Renditions</th>"
		      "</tr></thead><tbody>\n", f);
		size_t w = 0;
		for (size_t i = 0; i < d->ndocs && w < k * DOC_ROWS; i++) {
			const pdx_doc_row *r = &d->docs[i];
			if (r->copy_of || w++ < (k - 1) * DOC_ROWS)
				continue;
			const char *url = rp_url(r->source_url);
			fputs("<tr><th scope=\"row\"", f);
			rp_lang(f, r->title);
			fputs(">", f);
			if (url) {
				fputs("<a href=\"", f);
				rp_esc(f, url);
				fputs("\">", f);
			}
			rp_esc(f, r->title ? r->title : r->path);
			if (url)
				fputs("</a>", f);
			fputs("</th><td>", f);
			rp_esc(f, r->kind);
			fputs("</td><td>", f);
			rp_esc(f, r->published);
			fputs("</td><td>", f);
			rp_esc(f, r->issuer);
			fprintf(f, "</td><td class=\"num\">%d</td><td>", r->records);
			doc_file(f, r);
			size_t j = i + 1;
			if (j < d->ndocs && d->docs[j].copy_of) {
				fputs("<ul class=\"renditions\">", f);
				for (; j < d->ndocs && d->docs[j].copy_of; j++) {
					const char *cu = rp_url(d->docs[j].source_url);
					fputs("<li>copy: ", f);
					doc_file(f, &d->docs[j]);
					if (cu) {
						fputs(" <a href=\"", f);
						rp_esc(f, cu);
						fputs("\">source</a>", f);
					}
					fputs("</li>", f);
				}
				fputs("</ul>", f);
			}
			fputs("</td></tr>\n", f);
		}
		fputs("</tbody></table></div>\n", f);
		rc = rp_page_close(&p);
	}
	return rc;
}

/* The requirements page: the lists of each pillar (each requirement is
 * in one of them; one list of all would write every row twice). */
static int write_requirements(rp_data *d, const rp_counts *c)
{
	rp_page p;
	if (rp_page_open(&p, d, "requirements.html", "Requirements"))
		return -1;
	FILE *f = p.f;
	fprintf(f, "<p><span data-count=\"requirements\">%zu</span> requirements, listed by pillar"
		" with CSV and JSON downloads of each page.</p>\n<ul>\n", d->nreqs);
	for (int q = 1; q <= 4; q++) {
		int pq = q % 4;
		if (!pq && !c->total[0])
			continue;
		fprintf(f, "<li><a href=\"pillar-%d-requirements.html\">", pq);
		rp_pillar_title(f, d, pq);
		fprintf(f, "</a>: %d</li>\n", c->total[pq]);
	}
	fputs("</ul>\n", f);
	return rp_page_close(&p);
}

/* ---- the site ----------------------------------------------------------- */

int rp_write_site(rp_data *d)
{
	rp_counts c;
	count_statuses(d, &c);
	size_t *lists[4] = { 0 }, nlists[4] = { 0 };
	day_window w30 = { 0, 30 }, w90 = { 0, 90 };
	rp_status od = RP_OVERDUE;
	lists[0] = select_reqs(d, due_within, &w30, &nlists[0]);
	lists[1] = select_reqs(d, due_within, &w90, &nlists[1]);
	lists[2] = select_reqs(d, has_status, &od, &nlists[2]);
	lists[3] = select_reqs(d, done_recently, NULL, &nlists[3]);
	int rc = -1;
	if (!lists[0] || !lists[1] || !lists[2] || !lists[3]) {
		fprintf(stderr, PROG ": out of memory\n");
		goto out;
	}
	for (int i = 0; i < 3; i++)
		sort_reqs(d, lists[i], nlists[i], by_due);
	sort_reqs(d, lists[3], nlists[3], by_done_desc);
	if (write_static(d, "style.css", style_css) || write_static(d, "report.js", report_js) ||
	    rp_write_overview(d, &c, lists, nlists) ||
	    rp_req_list(d, "due-30", "Due in the next 30 days", NULL, lists[0], nlists[0]) ||
	    rp_req_list(d, "due-90", "Due in the next 90 days", NULL, lists[1], nlists[1]) ||
	    rp_req_list(d, "overdue", "Overdue", "Past their due date with no evidence of completion.",
			lists[2], nlists[2]) ||
	    write_requirements(d, &c) || rp_write_timeline(d) || write_agencies(d) || write_documents(d))
		goto out;
	for (int q = 0; q <= 3; q++)
		if (write_pillar(d, q, &c))
			goto out;
	for (size_t r = 0; r < d->nreqs; r++)
		if (write_req(d, r))
			goto out;
	rc = 0;
out:
	for (int i = 0; i < 4; i++)
		free(lists[i]);
	return rc;
}
