/* report_views.c - the report's site-wide views: the overview, the
 * timeline and the agency x pillar matrix. The pages per pillar, agency
 * and requirement, and the site's main flow, are in report_pages.c. */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "polidex/containers.h"
#include "polidex/util.h"

#define TL_ROWS 120		/* rows of a timeline page */

/* The pillar furthest behind: the largest share of its dated
 * requirements overdue (then the most overdue); 0 if none is. */
static int furthest_behind(const rp_counts *c)
{
	int best = 0;
	double share = -1;
	for (int p = 1; p <= 3; p++) {
		int od = c->n[p][RP_OVERDUE];
		if (!od || !c->total[p])
			continue;
		double s = (double)od / c->total[p];
		if (s > share || (s == share && od > c->n[best][RP_OVERDUE])) {
			share = s;
			best = p;
		}
	}
	return best;
}

/* ---- the overview ---------------------------------------------------- */

static void status_table(FILE *f, const rp_data *d, const rp_counts *c)
{
	fputs("<div class=\"tablewrap\"><table class=\"counts\">\n<caption>Requirements by pillar and status"
	      " (the numbers behind the bars)</caption>\n<thead><tr><th scope=\"col\">Pillar</th>", f);
	for (int s = 0; s < RP_NSTATUS; s++)
		fprintf(f, "<th scope=\"col\" class=\"num\">%s</th>", rp_status_title(s));
	fputs("<th scope=\"col\" class=\"num\">Total</th><th scope=\"col\" class=\"num\">On time</th></tr></thead>\n<tbody>\n", f);
	for (int p = 1; p <= 4; p++) {
		int q = p % 4;	/* 1, 2, 3, then 0 */
		if (q == 0 && !c->total[0])
			continue;
		fprintf(f, "<tr><th scope=\"row\"><a href=\"pillar-%d.html\">", q);
		rp_pillar_title(f, d, q);
		fputs("</a></th>", f);
		for (int s = 0; s < RP_NSTATUS; s++)
			fprintf(f, "<td class=\"num\" data-count=\"p%d-%s\">%d</td>", q, rp_status_name(s),
				c->n[q][s]);
		char rate[64];
		rp_rate_text(c->on_time[q], c->late[q], rate, sizeof rate);
		fprintf(f, "<td class=\"num\" data-count=\"p%d-requirements\">%d</td><td class=\"num\">%s</td></tr>\n",
			q, c->total[q], rate);
	}
	fputs("</tbody></table></div>\n", f);
}

/* The next requirement due: the earliest due on or after the date. */
static long next_due(const rp_data *d)
{
	long best = -1;
	for (size_t r = 0; r < d->nreqs; r++) {
		const rp_req *q = &d->reqs[r];
		if (q->status != RP_DUE && q->status != RP_IN_PROGRESS)
			continue;
		if (!q->has_due || pdx_date_diff(d->asof, q->due_day) < 0)
			continue;
		if (best < 0 || pdx_date_diff(q->due_day, d->reqs[best].due_day) > 0)
			best = (long)r;
	}
	return best;
}

int rp_write_overview(rp_data *d, const rp_counts *c, size_t *const lists[4],
		      const size_t nlists[4])
{
	rp_page p;
	if (rp_page_open(&p, d, "index.html", "Overview"))
		return -1;
	FILE *f = p.f;
	int behind = furthest_behind(c);
	long next = next_due(d);
	fprintf(f, "<p>As of <strong>%s</strong>: <span data-count=\"requirements\">%zu</span> requirements in"
		" <span data-count=\"records\">%zu</span> records of <span data-count=\"documents\">%zu</span> documents.</p>\n",
		d->asof_s, d->nreqs, d->recs.n, d->nworks);
	if (strcmp(d->status_provider, "deadline only") == 0)
		fputs("<p class=\"note\">Statuses come from the deadlines alone: a due date passed is"
		      " <em>overdue</em>, one ahead is <em>due</em>, none is <em>open</em>. Nothing is marked"
		      " done without evidence, so the on-time rate is shown once evidence is tracked.</p>\n", f);
	fputs("<div class=\"glance\">\n<section class=\"card\"><h2>Furthest behind</h2>", f);
	if (behind) {
		fprintf(f, "<p class=\"big\"><a href=\"pillar-%d.html\">Pillar %s</a></p><p>", behind, rp_roman[behind]);
		rp_esc(f, pillar_name(d->terms, behind, "en"));
		fprintf(f, ": %d of %d requirements overdue.</p>", c->n[behind][RP_OVERDUE], c->total[behind]);
	} else {
		fputs("<p class=\"big\">None</p><p>No pillar has an overdue requirement.</p>", f);
	}
	fputs("</section>\n<section class=\"card\"><h2>Due next</h2>", f);
	if (next >= 0) {
		const rp_req *q = &d->reqs[next];
		const pdx_hit *h = &d->recs.v[q->rec];
		char due[64], href[64], lead[256];
		rp_due_text(q->due, due, sizeof due);
		rp_req_href(d, (size_t)next, href, sizeof href);
		rp_leads(d, q->rec, "lead", lead, sizeof lead);
		fputs("<p class=\"big\">", f);
		rp_esc(f, due);
		fprintf(f, " <span class=\"note\">(in %ld days)</span></p><p><a href=\"%s\">", pdx_date_diff(d->asof, q->due_day), href);
		rp_esc(f, h->key);
		fputs("</a>", f);
		if (*lead) {
			fputs(" \xE2\x80\x94 ", f);
			rp_esc(f, lead);
		}
		fputs(": <span", f);
		rp_lang(f, h->text);
		fputs(">", f);
		rp_esc_cut(f, h->text, 140);
		fputs("</span></p>", f);
	} else {
		fputs("<p class=\"big\">Nothing</p><p>No requirement has a due date ahead.</p>", f);
	}
	fprintf(f, "</section>\n<section class=\"card\"><h2>Overdue</h2><p class=\"big\"><a href=\"overdue.html\">%zu</a></p>"
		"<p>requirements past their due date with no evidence of completion.</p></section>\n</div>\n",
		nlists[2]);

	fputs("<h2>Pillars</h2>\n", f);
	rp_legend(f);
	fputs("<ul class=\"pillars\">\n", f);
	for (int q = 1; q <= 3; q++) {
		char rate[64], label[256];
		rp_rate_text(c->on_time[q], c->late[q], rate, sizeof rate);
		snprintf(label, sizeof label, "Pillar %s", rp_roman[q]);
		fprintf(f, "<li%s><div class=\"pname\"><a href=\"pillar-%d.html\">", q == behind ? " class=\"behind\"" : "", q);
		rp_pillar_title(f, d, q);
		fputs("</a>", f);
		if (q == behind)
			fputs(" <span class=\"flag\">furthest behind</span>", f);
		fprintf(f, "<span>%d requirements \xC2\xB7 %d overdue \xC2\xB7 on time: %s</span></div>\n",
			c->total[q], c->n[q][RP_OVERDUE], rate);
		rp_svg_bar(f, c->n[q], 600, label);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
	status_table(f, d, c);

	fputs("<h2>Due in the next 30 days</h2>\n", f);
	rp_top_table(&p, lists[0], nlists[0], "Due in the next 30 days", "due-30.html",
		  "Nothing is due in the next 30 days.");
	fputs("<h2>Due in the next 90 days</h2>\n", f);
	rp_top_table(&p, lists[1], nlists[1], "Due in the next 90 days", "due-90.html",
		  "Nothing is due in the next 90 days.");
	fputs("<h2>Overdue</h2>\n", f);
	rp_top_table(&p, lists[2], nlists[2], "Overdue, earliest due first", "overdue.html",
		  "Nothing is overdue.");
	fputs("<h2>Recently completed</h2>\n", f);
	if (!nlists[3]) {
		fputs("<p>No completion recorded in the last 90 days", f);
		if (strcmp(d->status_provider, "deadline only") == 0)
			fputs(" (statuses come from deadlines only: completion needs evidence)", f);
		fputs(".</p>\n", f);
	} else {
		fputs("<ul class=\"done\">\n", f);
		for (size_t i = 0; i < nlists[3] && i < RP_TOP_ROWS; i++) {
			const rp_req *q = &d->reqs[lists[3][i]];
			char href[64];
			rp_req_href(d, lists[3][i], href, sizeof href);
			fprintf(f, "<li><a href=\"%s\">", href);
			rp_esc(f, d->recs.v[q->rec].key);
			fprintf(f, "</a> done %s", q->done_on);
			if (q->nev) {
				fputs(": <blockquote", f);
				rp_lang(f, q->ev[0].text);
				fputs(">", f);
				rp_esc_cut(f, q->ev[0].text, 300);
				fputs("</blockquote>", f);
			}
			fputs("</li>\n", f);
		}
		fputs("</ul>\n", f);
	}
	return rp_page_close(&p);
}

/* ---- the timeline ------------------------------------------------------ */

typedef struct {
	size_t rec;
	long req;		/* -1: an event */
	const pdx_time *t;	/* the entry (NULL for a requirement's due date) */
	pdx_date day;
	long doc;
} tl_item;

static const rp_data *tl_d;

static int tl_cmp(const void *a, const void *b)
{
	const tl_item *x = a, *y = b;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	long c = pdx_date_diff(y->day, x->day);
	if (c)
		return c < 0 ? -1 : 1;
	return (x->rec > y->rec) - (x->rec < y->rec);
}

static bool event_kind(pdx_time_kind k)
{
	switch (k) {
	case PDX_TIME_OPENS: case PDX_TIME_CLOSES: case PDX_TIME_EFFECTIVE:
	case PDX_TIME_EXPIRES: case PDX_TIME_START: case PDX_TIME_NOTIFICATION:
		return true;
	default:
		return false;
	}
}

static bool day_of(const char *value, pdx_date *out)
{
	pdx_value v;
	if (!value || pdx_value_parse(value, &v))
		return false;
	*out = v.shape == PDX_VALUE_DAY || v.shape == PDX_VALUE_TIME ? v.start : v.end;
	return true;
}

static double tl_x(pdx_date d0, long span, pdx_date day, double left, double w)
{
	return left + w * (double)pdx_date_diff(d0, day) / (double)span;
}

static void tl_svg(FILE *f, const rp_data *d, const tl_item *v, size_t n)
{
	pdx_date lo = d->asof, hi = d->asof;
	for (size_t i = 0; i < n; i++) {
		if (pdx_date_diff(v[i].day, lo) > 0)
			lo = v[i].day;
		if (pdx_date_diff(hi, v[i].day) > 0)
			hi = v[i].day;
	}
	pdx_date d0 = { lo.y, lo.m, 1 }, d1 = pdx_date_add_months((pdx_date){ hi.y, hi.m, 1 }, 1);
	long span = pdx_date_diff(d0, d1);
	int months = (d1.y - d0.y) * 12 + d1.m - d0.m;
	int step = months <= 18 ? 1 : months <= 36 ? 3 : months <= 96 ? 6 : 12;
	/* rows: a heading for each document, a row for each item */
	size_t rows = 0;
	for (size_t i = 0; i < n; i++)
		rows += 1 + (i == 0 || v[i].doc != v[i - 1].doc);
	const double left = 250, w = 720, top = 30, rh = 18;
	double height = top + rh * (double)rows + 10;
	fprintf(f, "<figure class=\"timeline\"><svg viewBox=\"0 0 %g %g\" width=\"100%%\" role=\"img\""
		" aria-labelledby=\"tl-t\"><title id=\"tl-t\">%zu dated requirements and events from %04d-%02d to %04d-%02d,"
		" with the report date; the table below lists them</title>\n",
		left + w + 20, height, n, d0.y, d0.m, d1.y, d1.m);
	fputs("<style>.ax{font-size:11px;fill:#57606a}.lb{font-size:11px;fill:#1f2328}.gh{font-size:11px;font-weight:700;fill:#1f2328}</style>\n", f);
	for (int m = 0; m <= months; m++) {
		pdx_date md = pdx_date_add_months(d0, m);
		double x = tl_x(d0, span, md, left, w);
		fprintf(f, "<line x1=\"%.1f\" y1=\"%g\" x2=\"%.1f\" y2=\"%g\" stroke=\"#d0d7de\"/>", x, top - 6, x, height - 10);
		if (m % step == 0 && m < months)
			fprintf(f, "<text class=\"ax\" x=\"%.1f\" y=\"%g\">%s %d</text>", x + 2, top - 10,
				pdx_month_abbr[md.m - 1], md.y);
	}
	fputs("\n", f);
	double y = top;
	for (size_t i = 0; i < n; i++) {
		const pdx_hit *h = &d->recs.v[v[i].rec];
		if (i == 0 || v[i].doc != v[i - 1].doc) {
			fprintf(f, "<text class=\"gh\" x=\"4\" y=\"%.1f\"", y + 13);
			rp_lang(f, h->doc_title);
			fputs(">", f);
			rp_esc_cut(f, h->doc_title ? h->doc_title : h->doc_path, 110);
			fputs("</text>\n", f);
			y += rh;
		}
		double x = tl_x(d0, span, v[i].day, left, w);
		/* under its document's heading: the record's own part of the key */
		const char *sk = strrchr(h->key, ':');
		fprintf(f, "<text class=\"lb\" x=\"12\" y=\"%.1f\">", y + 13);
		rp_esc_cut(f, h->label ? h->label : sk ? sk + 1 : h->key, 30);
		if (v[i].req < 0) {
			fputs(" \xC2\xB7 ", f);
			rp_esc(f, time_kind_name(v[i].t->kind));
		}
		fputs("</text>", f);
		if (v[i].req >= 0) {
			const rp_req *q = &d->reqs[v[i].req];
			pdx_date pub;
			if (h->doc_published && pdx_date_parse(h->doc_published, &pub) == 0 &&
			    pdx_date_diff(d0, pub) >= 0 && pdx_date_diff(pub, v[i].day) >= 0)
				fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#8c959f\" stroke-width=\"2\"/>",
					tl_x(d0, span, pub, left, w), y + 9, x, y + 9);
			fprintf(f, "<circle class=\"st-%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"5.5\" fill=\"%s\"><title>",
				rp_status_name(q->status), x, y + 9,
				q->status == RP_OVERDUE ? "#c21f2b" : q->status == RP_DONE ? "#1a7f37" :
				q->status == RP_IN_PROGRESS ? "#0550ae" : q->status == RP_DUE ? "#9a6700" : "#6e7781");
			rp_esc(f, h->key);
			fprintf(f, ": %s</title></circle>", rp_status_title(q->status));
		} else {
			fprintf(f, "<path d=\"M%.1f %.1fl5 5l-5 5l-5 -5z\" fill=\"#fff\" stroke=\"#24292f\" stroke-width=\"1.5\"><title>",
				x, y + 4);
			rp_esc(f, time_kind_name(v[i].t->kind));
			fputs("</title></path>", f);
		}
		fputs("\n", f);
		y += rh;
	}
	double tx = tl_x(d0, span, d->asof, left, w);
	fprintf(f, "<line x1=\"%.1f\" y1=\"%g\" x2=\"%.1f\" y2=\"%g\" stroke=\"#c21f2b\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>"
		"<text class=\"ax\" x=\"%.1f\" y=\"%g\" fill=\"#c21f2b\">as of %s</text>\n",
		tx, top - 4, tx, height - 10, tx + 3, height - 1, d->asof_s);
	fputs("</svg><figcaption>Each row a requirement (a circle at its due date, coloured by status,"
	      " a line from its document's publication) or an event (a diamond), grouped by document;"
	      " the dashed line is the report date.</figcaption></figure>\n", f);
}

static void tl_table(rp_page *p, const tl_item *v, size_t n)
{
	FILE *f = p->f;
	const rp_data *d = p->d;
	fputs("<div class=\"tablewrap\"><table class=\"sortable\"><caption>The timeline as a table</caption>\n"
	      "<thead><tr><th scope=\"col\">Record</th><th scope=\"col\">What</th><th scope=\"col\">Date (Eastern)</th>"
	      "<th scope=\"col\">Status</th><th scope=\"col\">Document</th></tr></thead><tbody>\n", f);
	for (size_t i = 0; i < n; i++) {
		const pdx_hit *h = &d->recs.v[v[i].rec];
		char date[64], href[64];
		fputs("<tr><th scope=\"row\">", f);
		if (v[i].req >= 0) {
			rp_req_href(d, (size_t)v[i].req, href, sizeof href);
			fprintf(f, "<a href=\"%s\">", href);
			rp_esc(f, h->key);
			fputs("</a>", f);
		} else {
			rp_esc(f, h->key);
		}
		const rp_req *q = v[i].req >= 0 ? &d->reqs[v[i].req] : NULL;
		rp_due_text(q ? q->due : v[i].t->value, date, sizeof date);
		fprintf(f, "</th><td>%s</td><td>", q ? "due" : time_kind_name(v[i].t->kind));
		rp_esc(f, date);
		fputs("</td><td>", f);
		if (q)
			fprintf(f, "<span class=\"status st-%s\">%s</span>", rp_status_name(q->status),
				rp_status_title(q->status));
		fputs("</td><td", f);
		rp_lang(f, h->doc_title);
		fputs(">", f);
		rp_esc_cut(f, h->doc_title ? h->doc_title : h->doc_path, 80);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);
}

int rp_write_timeline(rp_data *d)
{
	size_t n = 0, cap = 0;
	tl_item *v = NULL;
	for (size_t i = 0; i < d->recs.n; i++) {
		const rp_rec *x = &d->x[i];
		if (x->req >= 0 && d->reqs[x->req].has_due) {
			tl_item *it = pdx_grow((void **)&v, &n, &cap, sizeof *v);
			if (!it)
				goto nomem;
			*it = (tl_item){ i, x->req, NULL, d->reqs[x->req].due_day, x->doc };
		}
		for (size_t k = 0; k < x->nt; k++) {
			pdx_date day;
			if (!event_kind(x->t[k].kind) || !day_of(x->t[k].value, &day))
				continue;
			tl_item *it = pdx_grow((void **)&v, &n, &cap, sizeof *v);
			if (!it)
				goto nomem;
			*it = (tl_item){ i, -1, &x->t[k], day, x->doc };
		}
	}
	tl_d = d;
	qsort(v, n, sizeof *v, tl_cmp);
	size_t pages = n ? (n + TL_ROWS - 1) / TL_ROWS : 1;
	int rc = 0;
	for (size_t k = 1; !rc && k <= pages; k++) {
		char rel[64], title[128];
		size_t from = (k - 1) * TL_ROWS, m = n ? (n - from < TL_ROWS ? n - from : TL_ROWS) : 0;
		if (k == 1)
			snprintf(rel, sizeof rel, "timeline.html");
		else
			snprintf(rel, sizeof rel, "timeline-%zu.html", k);
		if (pages > 1)
			snprintf(title, sizeof title, "Timeline (page %zu of %zu)", k, pages);
		else
			snprintf(title, sizeof title, "Timeline");
		rp_page p;
		if (rp_page_open(&p, d, rel, title)) {
			rc = -1;
			break;
		}
		fprintf(p.f, "<p><span data-count=\"timeline\">%zu</span> dated requirements and events, grouped by"
			" document; due dates in Eastern time. Requirements without a due date are on the"
			" <a href=\"requirements.html\">requirements list</a>.</p>\n", n);
		rp_legend(p.f);
		if (pages > 1) {
			fputs("<nav class=\"pages\" aria-label=\"Pages\"><ul>", p.f);
			for (size_t j = 1; j <= pages; j++) {
				if (j == k)
					fprintf(p.f, "<li><span aria-current=\"page\">%zu</span></li>", j);
				else if (j == 1)
					fputs("<li><a href=\"timeline.html\">1</a></li>", p.f);
				else
					fprintf(p.f, "<li><a href=\"timeline-%zu.html\">%zu</a></li>", j, j);
			}
			fputs("</ul></nav>\n", p.f);
		}
		if (m) {
			tl_svg(p.f, d, v + from, m);
			tl_table(&p, v + from, m);
		} else {
			fputs("<p>Nothing dated.</p>\n", p.f);
		}
		rc = rp_page_close(&p);
	}
	free(v);
	return rc;
nomem:
	free(v);
	fprintf(stderr, PROG ": out of memory\n");
	return -1;
}

int rp_write_matrix(rp_data *d, const size_t *order)
{
	rp_page p;
	if (rp_page_open(&p, d, "matrix.html", "Agencies \xC3\x97 pillars"))
		return -1;
	FILE *f = p.f;
	fputs("<p>Each cell: the requirements the agency leads (L) and supports (S) in the pillar, and how many"
	      " of them are overdue; each links to its list.</p>\n"
	      "<div class=\"tablewrap\"><table class=\"matrix sortable\"><caption>Requirements by agency and pillar</caption>\n"
	      "<thead><tr><th scope=\"col\">Agency</th>", f);
	for (int q = 1; q <= 4; q++)
		fprintf(f, "<th scope=\"col\">%s%s</th>", q < 4 ? "Pillar " : "", q < 4 ? rp_roman[q] : "No pillar");
	fputs("<th scope=\"col\" class=\"num\">Overdue</th></tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < d->nagencies; i++) {
		const rp_agency *a = &d->agencies[order[i]];
		fprintf(f, "<tr><th scope=\"row\"><a href=\"agency/%s.html\">", a->file);
		rp_esc(f, a->row->acronym ? a->row->acronym : a->row->id);
		fputs("</a></th>", f);
		int od = 0;
		for (int q = 1; q <= 4; q++) {
			int pq = q % 4;
			od += a->overdue[pq];
			if (!a->lead[pq] && !a->support[pq]) {
				fputs("<td data-sort=\"0\"></td>", f);
				continue;
			}
			fprintf(f, "<td data-sort=\"%d\"><a href=\"cells/%s-p%d.html\">L %d \xC2\xB7 S %d</a>",
				a->lead[pq] + a->support[pq], a->file, pq, a->lead[pq], a->support[pq]);
			if (a->overdue[pq])
				fprintf(f, " <span class=\"od\">%d overdue</span>", a->overdue[pq]);
			fputs("</td>", f);
		}
		fprintf(f, "<td class=\"num\">%d</td></tr>\n", od);
	}
	fputs("</tbody></table></div>\n", f);
	return rp_page_close(&p);
}
