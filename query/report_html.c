/* report_html.c - the report's HTML: the one escaper, pages (head,
 * navigation, footer with the as-of date and the version), requirement
 * tables and their paginated lists with CSV and JSON downloads, and the
 * stacked status bar. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report.h"
#include "polidex/util.h"

void rp_esc(FILE *f, const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			switch (c) {
			case '&': fputs("&amp;", f); break;
			case '<': fputs("&lt;", f); break;
			case '>': fputs("&gt;", f); break;
			case '"': fputs("&quot;", f); break;
			case '\'': fputs("&#39;", f); break;
			case '\n': case '\t': fputc(' ', f); break;
			default:
				if (c >= 0x20 && c != 0x7f)
					fputc(c, f);
				break;
			}
			i++;
			continue;
		}
		int adv = 0;
		uint32_t cp = pdx_utf8_decode(s + i, n - i, &adv);
		if (adv <= 0 || cp == 0xFFFD || (cp >= 0x80 && cp < 0xA0)) {
			if (!(cp >= 0x80 && cp < 0xA0))
				fputs("\xEF\xBF\xBD", f);
			i += adv > 0 ? (size_t)adv : 1;
			continue;
		}
		fwrite(s + i, 1, (size_t)adv, f);
		i += (size_t)adv;
	}
}

void rp_esc_cut(FILE *f, const char *s, size_t max)
{
	if (!s)
		return;
	size_t n = strlen(s);
	if (n <= max) {
		rp_esc(f, s);
		return;
	}
	size_t cut = max;
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	char *t = pdx_strndup(s, cut);
	if (!t)
		return;
	rp_esc(f, t);
	fputs("\xE2\x80\xA6", f);
	free(t);
}

void rp_lang(FILE *f, const char *s)
{
	if (s && pdx_text_is_zh(s))
		fputs(" lang=\"zh\"", f);
}

const char *rp_url(const char *s)
{
	if (!s)
		return NULL;
	if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
		return NULL;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
			return NULL;
	return s;
}

/* Make the folders of path (a file's path). */
static int make_parents(char *path)
{
	for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		int rc = mkdir(path, 0777);
		*p = '/';
		if (rc != 0 && errno != EEXIST)
			return -1;
	}
	return 0;
}

FILE *rp_file_open(rp_data *d, const char *rel, char *path, size_t pathlen)
{
	if ((size_t)snprintf(path, pathlen, "%s/%s", d->dir, rel) >= pathlen) {
		fprintf(stderr, PROG ": path too long: '%s/%s'\n", d->dir, rel);
		return NULL;
	}
	FILE *f = NULL;
	if (make_parents(path) == 0)
		f = fopen(path, "w");
	if (!f)
		fprintf(stderr, PROG ": cannot write '%s': %s\n", path, strerror(errno));
	return f;
}

int rp_file_close(rp_data *d, FILE *f, const char *path)
{
	long size = ftell(f);
	int bad = ferror(f);
	if (fclose(f) != 0 || bad) {
		fprintf(stderr, PROG ": write error on '%s'\n", path);
		return -1;
	}
	d->files++;
	d->bytes += size > 0 ? size : 0;
	return 0;
}

static const struct { const char *href, *title; } nav[] = {
	{ "index.html", "Overview" },
	{ "timeline.html", "Timeline" },
	{ "matrix.html", "Agencies \xC3\x97 pillars" },
	{ "requirements.html", "Requirements" },
	{ "agencies.html", "Agencies" },
	{ "documents.html", "Documents" },
};

int rp_page_open(rp_page *p, rp_data *d, const char *rel, const char *title)
{
	p->d = d;
	int depth = 0;
	for (const char *s = rel; *s; s++)
		depth += *s == '/';
	p->root[0] = '\0';
	for (int i = 0; i < depth && i < 2; i++)
		strcat(p->root, "../");
	if (!(p->f = rp_file_open(d, rel, p->path, sizeof p->path)))
		return -1;
	FILE *f = p->f;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"polidex " PDX_VERSION "\">\n<title>", f);
	rp_esc(f, title);
	fprintf(f, " \xE2\x80\x94 polidex report</title>\n"
		"<link rel=\"stylesheet\" href=\"%sstyle.css\">\n"
		"<script src=\"%sreport.js\" defer></script>\n</head>\n<body>\n"
		"<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
		"<header class=\"site\"><p class=\"brand\"><a href=\"%sindex.html\">polidex report</a>"
		" <span class=\"asof\">as of <time datetime=\"%s\">%s</time></span></p>\n"
		"<nav aria-label=\"Report\"><ul>", p->root, p->root, p->root, d->asof_s, d->asof_s);
	for (size_t i = 0; i < sizeof nav / sizeof *nav; i++)
		fprintf(f, "<li><a href=\"%s%s\">%s</a></li>", p->root, nav[i].href, nav[i].title);
	fputs("</ul></nav></header>\n<main id=\"main\">\n<h1>", f);
	rp_esc(f, title);
	fputs("</h1>\n", f);
	if (d->pillar || d->agency) {
		fputs("<p class=\"scope\">This report covers only ", f);
		if (d->pillar)
			fprintf(f, "pillar %d", d->pillar);
		if (d->pillar && d->agency)
			fputs(" and ", f);
		if (d->agency) {
			fputs("the records naming ", f);
			rp_esc(f, d->agency_name);
		}
		fputs(".</p>\n", f);
	}
	return 0;
}

int rp_page_close(rp_page *p)
{
	fprintf(p->f, "</main>\n<footer class=\"site\"><p>Data as of <time datetime=\"%s\">%s</time>;"
		" statuses: %s. Made by polidex %s from the indexed documents; every"
		" requirement links to its source.</p></footer>\n</body>\n</html>\n",
		p->d->asof_s, p->d->asof_s, p->d->status_provider, PDX_VERSION);
	return rp_file_close(p->d, p->f, p->path);
}

void rp_req_href(const rp_data *d, size_t r, char *out, size_t outlen)
{
	const pdx_hit *h = &d->recs.v[d->reqs[r].rec];
	snprintf(out, outlen, "req/%03lld/%lld.html", (long long)(h->id / 1000), (long long)h->id);
}

void rp_due_text(const char *value, char *out, size_t outlen)
{
	pdx_value v;
	if (!value || !*value) {
		snprintf(out, outlen, "%s", "");
		return;
	}
	if (pdx_value_parse(value, &v) || v.shape != PDX_VALUE_TIME) {
		snprintf(out, outlen, "%s", value);
		return;
	}
	/* UTC to New York: EDT when the local time is in daylight-saving time */
	for (int off = -240; off >= -300; off -= 60) {
		long mins = (long)v.hh * 60 + v.mi + off;
		pdx_date l = pdx_date_add_days(v.start, mins < 0 ? -1 : (mins >= 1440 ? 1 : 0));
		long lm = (mins + 1440) % 1440;
		bool dst = pdx_us_dst(l.y, l.m, l.d, (int)(lm / 60), (int)(lm % 60));
		if (dst == (off == -240)) {
			char day[11];
			pdx_date_format(l, day);
			snprintf(out, outlen, "%s %02ld:%02ld %s", day, lm / 60, lm % 60,
				 dst ? "EDT" : "EST");
			return;
		}
	}
	snprintf(out, outlen, "%s", value);
}

void rp_leads(const rp_data *d, size_t rec, const char *role, char *out, size_t outlen)
{
	const rp_rec *x = &d->x[rec];
	size_t o = 0;
	out[0] = '\0';
	for (size_t k = 0; k < x->nag && o + 1 < outlen; k++) {
		if (strcmp(x->ag[k].role, role) != 0)
			continue;
		const char *name = x->ag[k].acronym ? x->ag[k].acronym : x->ag[k].id;
		int w = snprintf(out + o, outlen - o, "%s%s", o ? ", " : "", name);
		if (w < 0 || (size_t)w >= outlen - o) {
			out[o] = '\0';
			break;
		}
		o += (size_t)w;
	}
}

const rp_agency *rp_agency_find(const rp_data *d, const char *id)
{
	for (size_t i = 0; id && i < d->nagencies; i++)
		if (strcmp(d->agencies[i].row->id, id) == 0)
			return &d->agencies[i];
	return NULL;
}

/* Status colours: dark enough for white text and for 3:1 against the page. */
static const char *const status_fill[RP_NSTATUS] = {
	[RP_DONE] = "#1a7f37", [RP_IN_PROGRESS] = "#0550ae", [RP_OVERDUE] = "#c21f2b",
	[RP_DUE] = "#9a6700", [RP_OPEN] = "#6e7781",
};

void rp_svg_bar(FILE *f, const int *counts, int w, const char *label)
{
	int total = 0;
	for (int s = 0; s < RP_NSTATUS; s++)
		total += counts[s];
	fprintf(f, "<svg class=\"bar\" viewBox=\"0 0 %d 28\" width=\"100%%\" height=\"28\""
		" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"", w);
	rp_esc(f, label);
	fprintf(f, ": %d requirements", total);
	for (int s = 0; s < RP_NSTATUS; s++)
		if (counts[s])
			fprintf(f, ", %d %s", counts[s], rp_status_title(s));
	fputs("\">", f);
	if (!total) {
		fprintf(f, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"28\" fill=\"#eaeef2\"/>", w);
	}
	double x = 0;
	for (int s = 0; total && s < RP_NSTATUS; s++) {
		if (!counts[s])
			continue;
		double bw = (double)w * counts[s] / total;
		fprintf(f, "<rect class=\"st-%s\" x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"28\""
			" fill=\"%s\"><title>%s: %d</title></rect>",
			rp_status_name(s), x, bw, status_fill[s], rp_status_title(s), counts[s]);
		x += bw;
	}
	fputs("</svg>", f);
}

void rp_legend(FILE *f)
{
	fputs("<ul class=\"legend\" aria-label=\"Status colours\">", f);
	for (int s = 0; s < RP_NSTATUS; s++)
		fprintf(f, "<li><span class=\"sw\" style=\"background:%s\"></span>%s</li>",
			status_fill[s], rp_status_title(s));
	fputs("</ul>\n", f);
}

/* ---- requirement tables and lists ---------------------------------- */

void rp_req_table(rp_page *p, const size_t *v, size_t n, const char *caption)
{
	FILE *f = p->f;
	rp_data *d = p->d;
	fputs("<div class=\"tablewrap\"><table class=\"reqs sortable\">\n<caption>", f);
	rp_esc(f, caption);
	fputs("</caption>\n<thead><tr><th scope=\"col\">Requirement</th><th scope=\"col\">Pillar</th>"
	      "<th scope=\"col\">Lead</th><th scope=\"col\">Due (Eastern)</th>"
	      "<th scope=\"col\">Status</th><th scope=\"col\">Document</th>"
	      "<th scope=\"col\">Text</th></tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < n; i++) {
		const rp_req *r = &d->reqs[v[i]];
		const pdx_hit *h = &d->recs.v[r->rec];
		char href[64], due[64], lead[256];
		rp_req_href(d, v[i], href, sizeof href);
		rp_due_text(r->due, due, sizeof due);
		rp_leads(d, r->rec, "lead", lead, sizeof lead);
		fprintf(f, "<tr class=\"st-%s\"><th scope=\"row\"><a href=\"%s%s\">", rp_status_name(r->status),
			p->root, href);
		rp_esc(f, h->key);
		fputs("</a>", f);
		if (h->label) {
			fputs(" <span class=\"label\">", f);
			rp_esc(f, h->label);
			fputs("</span>", f);
		}
		fprintf(f, "</th><td>%s</td><td>", h->pillar >= 1 && h->pillar <= 3 ?
			(const char *[]){ "", "I", "II", "III" }[h->pillar] : "\xE2\x80\x94");
		rp_esc(f, *lead ? lead : "\xE2\x80\x94");
		fprintf(f, "</td><td data-sort=\"%s\">", r->due);
		rp_esc(f, *due ? due : "\xE2\x80\x94");
		fprintf(f, "</td><td><span class=\"status st-%s\">%s</span></td><td",
			rp_status_name(r->status), rp_status_title(r->status));
		rp_lang(f, h->doc_title);
		fputs(">", f);
		rp_esc_cut(f, h->doc_title ? h->doc_title : h->doc_path, 80);
		fputs("</td><td", f);
		rp_lang(f, h->text);
		fputs(">", f);
		rp_esc_cut(f, h->text, 240);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table></div>\n", f);
}

/* One requirement as a CSV line. */
static void req_csv(FILE *f, const rp_data *d, size_t ri)
{
	const rp_req *r = &d->reqs[ri];
	const pdx_hit *h = &d->recs.v[r->rec];
	const rp_rec *x = &d->x[r->rec];
	char lead[512], support[512];
	rp_leads(d, r->rec, "lead", lead, sizeof lead);
	rp_leads(d, r->rec, "support", support, sizeof support);
	const char *url = x->doc >= 0 ? d->docs[x->doc].source_url : NULL;
	csv_field(f, h->key, false);
	csv_field(f, h->kind, false);
	csv_field(f, h->label ? h->label : "", false);
	csv_opt_int(f, h->pillar > 0, h->pillar, false);
	csv_field(f, lead, false);
	csv_field(f, support, false);
	csv_field(f, r->due, false);
	csv_field(f, rp_status_name(r->status), false);
	csv_field(f, r->status_source, false);
	csv_field(f, r->done_on, false);
	csv_field(f, h->doc_path, false);
	csv_int(f, h->line, false);
	csv_field(f, rp_url(url) ? url : "", false);
	csv_field(f, h->text, true);
}

static const char csv_header[] =
	"key,kind,label,pillar,lead,support,due,status,status_source,done_on,document,line,source_url,text\r\n";

/* One requirement as an object of arr, in the shape of `status -f json`. */
static bool req_json(const rp_data *d, size_t ri, cJSON *arr)
{
	const rp_req *r = &d->reqs[ri];
	const pdx_hit *h = &d->recs.v[r->rec];
	const rp_rec *x = &d->x[r->rec];
	cJSON *o = cJSON_CreateObject();
	if (!o || !cJSON_AddItemToArray(arr, o)) {
		cJSON_Delete(o);
		return false;
	}
	bool ok = json_str(o, "key", h->key) && json_str(o, "kind", h->kind) &&
		  json_str(o, "label", h->label);
	ok = ok && (h->pillar > 0 ? json_num(o, "pillar", h->pillar)
				  : cJSON_AddNullToObject(o, "pillar") != NULL);
	cJSON *doc = ok ? cJSON_AddObjectToObject(o, "document") : NULL;
	ok = doc && json_str(doc, "path", h->doc_path) && json_str(doc, "title", h->doc_title) &&
	     json_str(doc, "source_url", x->doc >= 0 ? rp_url(d->docs[x->doc].source_url) : NULL) &&
	     json_num(o, "line", h->line);
	cJSON *ags = ok ? cJSON_AddArrayToObject(o, "agencies") : NULL;
	ok = ags != NULL;
	for (size_t k = 0; ok && k < x->nag; k++) {
		cJSON *a = cJSON_CreateObject();
		ok = a && cJSON_AddItemToArray(ags, a);
		if (!ok)
			cJSON_Delete(a);
		ok = ok && json_str(a, "id", x->ag[k].id) && json_str(a, "role", x->ag[k].role);
	}
	ok = ok && json_str(o, "due", *r->due ? r->due : NULL) &&
	     json_str(o, "status", rp_status_name(r->status)) &&
	     json_str(o, "status_source", r->status_source) &&
	     json_str(o, "done_on", *r->done_on ? r->done_on : NULL) &&
	     json_str(o, "text", h->text);
	cJSON *ev = ok ? cJSON_AddArrayToObject(o, "evidence") : NULL;
	ok = ev != NULL;
	for (size_t k = 0; ok && k < r->nev; k++) {
		const rp_evidence *e = &r->ev[k];
		cJSON *a = cJSON_CreateObject();
		ok = a && cJSON_AddItemToArray(ev, a);
		if (!ok)
			cJSON_Delete(a);
		ok = ok && json_str(a, "key", e->key) && json_str(a, "date", e->date) &&
		     json_str(a, "how", e->how) && json_str(a, "text", e->text);
	}
	return ok;
}

typedef struct {
	const rp_data *d;
	const char *list;
	size_t page, pages, total;
} list_echo;

static int echo_list(cJSON *root, const void *arg)
{
	const list_echo *e = arg;
	return json_str(root, "as_of", e->d->asof_s) && json_str(root, "list", e->list) &&
	       json_str(root, "status_source", e->d->status_provider) &&
	       json_num(root, "page", (double)e->page) && json_num(root, "pages", (double)e->pages) &&
	       json_num(root, "total", (double)e->total) ? 0 : -1;
}

/* The JSON of one page of a list, at DIR/rel. */
static int list_json(rp_data *d, const char *rel, const char *list, const size_t *v, size_t n,
		     size_t page, size_t pages, size_t total)
{
	list_echo e = { d, list, page, pages, total };
	json_envelope env = { .order = "vecr", .results = "requirements", .count = n,
			      .echo = echo_list, .echo_arg = &e };
	cJSON *arr, *root = json_envelope_new(&env, &arr);
	bool ok = root != NULL;
	for (size_t i = 0; ok && i < n; i++)
		ok = req_json(d, v[i], arr);
	char *s = ok ? cJSON_PrintUnformatted(root) : NULL;
	cJSON_Delete(root);
	if (!s) {
		fprintf(stderr, PROG ": out of memory\n");
		return -1;
	}
	char path[4096];
	FILE *f = rp_file_open(d, rel, path, sizeof path);
	int rc = -1;
	if (f) {
		fputs(s, f);
		fputc('\n', f);
		rc = rp_file_close(d, f, path);
	}
	free(s);
	return rc;
}

/* base, page k (from 1) into out: base.html, base-2.html, ... */
static void page_name(char *out, size_t outlen, const char *base, size_t k, const char *ext)
{
	if (k <= 1)
		snprintf(out, outlen, "%s.%s", base, ext);
	else
		snprintf(out, outlen, "%s-%zu.%s", base, k, ext);
}

/* The part of a path after its last slash. */
static const char *leaf(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

int rp_req_list(rp_data *d, const char *base, const char *title, const char *intro,
		const size_t *v, size_t n)
{
	size_t pages = n ? (n + RP_PAGE_ROWS - 1) / RP_PAGE_ROWS : 1;
	char rel[512], path[4096];
	FILE *f;
	for (size_t k = 1; k <= pages; k++) {
		size_t from = (k - 1) * RP_PAGE_ROWS, m = n - from < RP_PAGE_ROWS ? n - from : RP_PAGE_ROWS;
		if (!n)
			m = 0;
		char csv[512], json[512];
		page_name(csv, sizeof csv, base, k, "csv");
		page_name(json, sizeof json, base, k, "json");
		if (!(f = rp_file_open(d, csv, path, sizeof path)))
			return -1;
		fputs(csv_header, f);
		for (size_t i = 0; i < m; i++)
			req_csv(f, d, v[from + i]);
		if (rp_file_close(d, f, path) ||
		    list_json(d, json, title, v + from, m, k, pages, n))
			return -1;
		page_name(rel, sizeof rel, base, k, "html");
		rp_page p;
		char t[512];
		if (pages > 1)
			snprintf(t, sizeof t, "%s (page %zu of %zu)", title, k, pages);
		else
			snprintf(t, sizeof t, "%s", title);
		if (rp_page_open(&p, d, rel, t))
			return -1;
		FILE *h = p.f;
		if (intro) {
			fputs("<p>", h);
			rp_esc(h, intro);
			fputs("</p>\n", h);
		}
		fprintf(h, "<p class=\"count\"><span data-count=\"list\">%zu</span> requirements", n);
		if (pages > 1)
			fprintf(h, "; rows %zu\xE2\x80\x93%zu here", from + 1, from + m);
		fputs(".</p>\n<p class=\"downloads\">Download: <a href=\"", h);
		rp_esc(h, leaf(csv));
		fputs("\">this page as CSV</a> \xC2\xB7 <a href=\"", h);
		rp_esc(h, leaf(json));
		fputs("\">this page as JSON</a></p>\n", h);
		if (pages > 1) {
			fputs("<nav class=\"pages\" aria-label=\"Pages\"><ul>", h);
			for (size_t j = 1; j <= pages; j++) {
				char pn[512];
				page_name(pn, sizeof pn, base, j, "html");
				if (j == k)
					fprintf(h, "<li><span aria-current=\"page\">%zu</span></li>", j);
				else {
					fputs("<li><a href=\"", h);
					rp_esc(h, leaf(pn));
					fprintf(h, "\">%zu</a></li>", j);
				}
			}
			fputs("</ul></nav>\n", h);
		}
		if (m) {
			fputs("<p class=\"filter\" hidden><label>Filter rows: <input type=\"search\" class=\"rowfilter\"></label></p>\n", h);
			rp_req_table(&p, v + from, m, title);
		} else {
			fputs("<p>None.</p>\n", h);
		}
		if (rp_page_close(&p))
			return -1;
	}
	return 0;
}
