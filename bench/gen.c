/* gen.c - write a synthetic policy corpus for the benchmarks.
 *
 *   gen [-s SEED] [-b BYTES | -r RECORDS] [-c CORPUS] OUTDIR
 *
 * The material is the project's own corpus, read at run time: the plan's
 * bullets and headings, the orders' and fact sheets' sentences, the news
 * file's Chinese paragraphs. They are recombined, with agency names, order
 * numbers and dates varied, into five kinds of document in a realistic
 * mix: plans (pdftotext layout: "Pillar I/II/III", section headings,
 * "Recommended Policy Actions", bullets, page numbers, form feeds),
 * executive orders (Markdown, YAML front matter, "Sec. N. Title. (a)"
 * sections with "within N days of the date of this order"), fact sheets
 * (HTML inside site chrome: head, script, style, nav, header, footer),
 * Chinese news articles (plain text) and Federal Register notices (GPO
 * text). Files go to OUTDIR/NNNN/ (500 a folder).
 *
 * The output depends on the seed and the corpus only. -b stops at a byte
 * count, -r at an estimated record count (one per emitted heading,
 * paragraph, bullet or subsection: polidex's own count comes out close).
 * Prints "files bytes est_records" on stdout. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- random numbers: splitmix64 ------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* uniform in [lo, hi] */
static int range(int lo, int hi)
{
	return lo + (int)(rnd() % (uint64_t)(hi - lo + 1));
}

static int chance(int percent)
{
	return (int)(rnd() % 100) < percent;
}

/* ---- string pools ------------------------------------------------------ */

typedef struct {
	char **v;
	size_t n, cap;
} pool;

static void die(const char *what)
{
	fprintf(stderr, "gen: %s: %s\n", what, errno ? strerror(errno) : "failed");
	exit(2);
}

static void pool_add(pool *p, const char *s, size_t n)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->v = realloc(p->v, p->cap * sizeof *p->v);
		if (!p->v)
			die("out of memory");
	}
	char *c = malloc(n + 1);
	if (!c)
		die("out of memory");
	memcpy(c, s, n);
	c[n] = '\0';
	p->v[p->n++] = c;
}

static const char *pick(const pool *p)
{
	return p->v[rnd() % p->n];
}

static pool bullets, sentences, headings, zh_paras, zh_heads;

/* ---- reading the corpus ---------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *b = malloc(cap);
	size_t k;
	while (b && (k = fread(b + n, 1, cap - n - 1, f)) > 0) {
		n += k;
		if (n + 1 == cap) {
			char *nb = realloc(b, cap *= 2);
			if (!nb) {
				free(b);
				b = NULL;
			}
			b = nb;
		}
	}
	fclose(f);
	if (!b)
		die("out of memory");
	b[n] = '\0';
	*len = n;
	return b;
}

/* Remove markup from s in place: <tags>, Markdown escapes "\(", runs of
 * white space; a few entities. */
static void clean(char *s)
{
	char *w = s;
	for (char *r = s; *r;) {
		if (*r == '<') {
			char *e = strchr(r, '>');
			if (e) {
				r = e + 1;
				continue;
			}
		}
		if (*r == '\\' && r[1]) {
			r++;
			continue;
		}
		if (*r == '&') {
			static const struct { const char *e, *t; } ents[] = {
				{ "&amp;", "&" }, { "&#8211;", "-" }, { "&#8217;", "'" },
				{ "&quot;", "\"" }, { "&nbsp;", " " },
			};
			size_t i;
			for (i = 0; i < sizeof ents / sizeof *ents; i++)
				if (strncmp(r, ents[i].e, strlen(ents[i].e)) == 0)
					break;
			if (i < sizeof ents / sizeof *ents) {
				*w++ = ents[i].t[0];
				r += strlen(ents[i].e);
				continue;
			}
		}
		if (isspace((unsigned char)*r)) {
			if (w > s && w[-1] != ' ')
				*w++ = ' ';
			r++;
			continue;
		}
		*w++ = *r++;
	}
	while (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
}

static size_t cjk_bytes(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += (unsigned char)*s >= 0xE3 && (unsigned char)*s <= 0xE9;
	return n;
}

/* Cut a paragraph into sentences (". " before a capital) for the pool. */
static void add_sentences(char *para)
{
	clean(para);
	char *s = para;
	while (*s) {
		char *e = s;
		while (*e && !(e[0] == '.' && e[1] == ' ' && isupper((unsigned char)e[2])))
			e++;
		if (*e)
			e++;
		size_t n = (size_t)(e - s);
		if (n >= 40 && n <= 600 && isupper((unsigned char)*s) && s[n - 1] == '.')
			pool_add(&sentences, s, n);
		s = *e ? e + 1 : e;
	}
}

/* The paragraphs of a text file: runs of non-blank lines. Calls fn with
 * each (in a scratch buffer it may modify) and whether it is one line. */
static void paragraphs(const char *text, void (*fn)(char *para, int lines))
{
	size_t cap = 1 << 12;
	char *para = malloc(cap);
	size_t n = 0;
	int lines = 0;
	if (!para)
		die("out of memory");
	for (const char *p = text;; ) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		int blank = 1;
		for (size_t i = 0; i < len; i++)
			blank &= isspace((unsigned char)p[i]) != 0;
		if (blank || !e) {
			if (!blank) {
				memcpy(para + n, p, len);
				n += len;
				lines++;
			}
			if (n) {
				para[n] = '\0';
				fn(para, lines);
			}
			n = 0;
			lines = 0;
		} else {
			if (n + len + 2 >= cap) {
				cap = (n + len + 2) * 2;
				para = realloc(para, cap);
				if (!para)
					die("out of memory");
			}
			if (n)
				para[n++] = ' ';
			memcpy(para + n, p, len);
			n += len;
			lines++;
		}
		if (!e)
			break;
		p = e + 1;
	}
	free(para);
}

static void plan_para(char *para, int lines)
{
	if (strncmp(para, "Recommended Policy Actions", 26) == 0)
		para += 26;
	while (*para == ' ')
		para++;
	if (strncmp(para, "\xe2\x80\xa2 ", 4) == 0) {	/* "• " */
		clean(para + 4);
		if (strlen(para + 4) >= 40)
			pool_add(&bullets, para + 4, strlen(para + 4));
		return;
	}
	clean(para);
	size_t n = strlen(para);
	if (lines == 1 && n >= 8 && n <= 80 && isupper((unsigned char)para[0]) &&
	    para[n - 1] != '.' && strncmp(para, "Pillar", 6) != 0 &&
	    !strchr(para, ':'))
		pool_add(&headings, para, n);
	else if (n > 80)
		add_sentences(para);
}

static void md_para(char *para, int lines)
{
	(void)lines;
	if (para[0] == '-' || strchr(para, ':') == para + strcspn(para, " :"))
		return;		/* front matter */
	add_sentences(para);
}

static void zh_line(char *line)
{
	clean(line);
	size_t n = strlen(line), c = cjk_bytes(line);
	if (n < 12 || c * 6 < n)
		return;
	if (n < 90 && !strstr(line, "\xe3\x80\x82"))	/* no "。": a heading */
		pool_add(&zh_heads, line, n);
	else
		pool_add(&zh_paras, line, n);
}

/* <li> and <p> contents of an HTML page. */
static void html_items(char *html)
{
	for (char *p = html; (p = strchr(p, '<')) != NULL; p++) {
		int li = strncmp(p, "<li>", 4) == 0, para = strncmp(p, "<p>", 3) == 0;
		if (!li && !para)
			continue;
		char *s = strchr(p, '>') + 1;
		char *e = strstr(s, li ? "</li>" : "</p>");
		char *nl = strstr(s, "<ul>");
		if (!e || (nl && nl < e))
			e = nl ? nl : e;
		if (!e)
			break;
		char save = *e;
		*e = '\0';
		char *t = strdup(s);
		*e = save;
		if (!t)
			die("out of memory");
		clean(t);
		if (strlen(t) >= 40 && li)
			pool_add(&bullets, t, strlen(t));
		else if (strlen(t) >= 40)
			add_sentences(t);
		free(t);
	}
}

static void load_file(const char *path)
{
	size_t len;
	char *text = slurp(path, &len);
	if (!text)
		return;
	const char *ext = strrchr(path, '.');
	if (strstr(path, "/news/")) {
		char *save = NULL;
		for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			if (cjk_bytes(l) * 6 > strlen(l))
				zh_line(l);
			else if (strlen(l) > 80)
				add_sentences(l);
		}
	} else if (ext && strcmp(ext, ".html") == 0) {
		html_items(text);
	} else if (ext && strcmp(ext, ".md") == 0) {
		paragraphs(text, md_para);
	} else if (strstr(path, "/plan/")) {
		paragraphs(text, plan_para);
	} else {
		paragraphs(text, md_para);
	}
	free(text);
}

static void load_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strncmp(e->d_name, "SOURCES", 7) == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = realloc(names, cap * sizeof *names);
			if (!names)
				die("out of memory");
		}
		size_t l = strlen(dir) + strlen(e->d_name) + 2;
		names[n] = malloc(l);
		if (!names[n])
			die("out of memory");
		snprintf(names[n++], l, "%s/%s", dir, e->d_name);
	}
	closedir(d);
	/* sorted: the pools, and so the output, do not depend on readdir */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && strcmp(names[k - 1], names[k]) > 0; k--) {
			char *t = names[k];
			names[k] = names[k - 1];
			names[k - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
			load_dir(names[i]);
		else if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
			load_file(names[i]);
		free(names[i]);
	}
	free(names);
}

/* ---- variation --------------------------------------------------------- */

static const struct { const char *name, *acr, *zh, *head; } agencies[] = {
	{ "Department of Commerce", "DOC", "商务部", "Secretary of Commerce" },
	{ "National Institute of Standards and Technology", "NIST", "国家标准与技术研究院", "Director of NIST" },
	{ "Office of Science and Technology Policy", "OSTP", "白宫科技政策办公室", "Director of OSTP" },
	{ "Office of Management and Budget", "OMB", "管理和预算办公室", "Director of OMB" },
	{ "Department of Energy", "DOE", "能源部", "Secretary of Energy" },
	{ "Department of Defense", "DOD", "国防部", "Secretary of Defense" },
	{ "Department of State", "DOS", "国务院", "Secretary of State" },
	{ "Department of Labor", "DOL", "劳工部", "Secretary of Labor" },
	{ "Department of Homeland Security", "DHS", "国土安全部", "Secretary of Homeland Security" },
	{ "National Science Foundation", "NSF", "国家科学基金会", "Director of NSF" },
	{ "Federal Communications Commission", "FCC", "联邦通信委员会", "Chairman of the FCC" },
	{ "Federal Trade Commission", "FTC", "联邦贸易委员会", "Chairman of the FTC" },
	{ "Environmental Protection Agency", "EPA", "环境保护署", "Administrator of the EPA" },
	{ "Department of the Interior", "DOI", "内政部", "Secretary of the Interior" },
	{ "Bureau of Industry and Security", "BIS", "工业与安全局", "Under Secretary for Industry and Security" },
	{ "U.S. Citizenship and Immigration Services", "USCIS", "美国移民局", "Director of USCIS" },
};
#define NAGENCIES (sizeof agencies / sizeof *agencies)

static const char *const months[] = { "January", "February", "March", "April",
	"May", "June", "July", "August", "September", "October", "November", "December" };
static const char *const pillars[] = { "Accelerate AI Innovation",
	"Build American AI Infrastructure",
	"Lead in International AI Diplomacy and Security" };
static const char *const roman[] = { "I", "II", "III" };
static const int deadline_days[] = { 30, 45, 60, 90, 120, 150, 180, 240, 365 };

typedef struct { int y, m, d; } date;

static date rnd_date(void)
{
	date t = { range(2024, 2027), range(1, 12), range(1, 28) };
	return t;
}

/* One bullet with its lead agency varied: "Led by X, ..." keeps its verb
 * and gets another agency; others get one prepended now and then. */
static void write_bullet_text(FILE *f, const char *b)
{
	int a = (int)(rnd() % NAGENCIES);
	if (strncmp(b, "Led by ", 7) == 0) {
		const char *c = strstr(b, ", ");
		if (c && c - b < 160) {
			fprintf(f, "Led by the %s (%s)%s", agencies[a].name, agencies[a].acr, c);
			return;
		}
	} else if (chance(40)) {
		fprintf(f, "Led by %s, %c%s", agencies[a].acr, tolower((unsigned char)b[0]), b + 1);
		return;
	}
	fputs(b, f);
}

/* Write text wrapped at width columns (bytes), each line prefixed. */
static void wrap(FILE *f, const char *text, int width)
{
	const char *p = text;
	while (*p) {
		size_t n = strlen(p);
		if ((int)n <= width) {
			fprintf(f, "%s\n", p);
			return;
		}
		size_t cut = (size_t)width;
		while (cut > 0 && p[cut] != ' ')
			cut--;
		if (cut == 0)
			cut = strcspn(p, " ");
		fprintf(f, "%.*s\n", (int)cut, p);
		p += cut;
		while (*p == ' ')
			p++;
	}
}

/* A wrapped bullet (text rendered into a scratch buffer first). */
static void plan_bullet(FILE *f)
{
	char *s = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&s, &n);
	if (!m)
		die("open_memstream");
	fputs("\xe2\x80\xa2 ", m);
	write_bullet_text(m, pick(&bullets));
	fclose(m);
	wrap(f, s, 92);
	fputc('\n', f);
	free(s);
}

static void para_of(FILE *f, int nsent, int width)
{
	char *s = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&s, &n);
	if (!m)
		die("open_memstream");
	for (int i = 0; i < nsent; i++)
		fprintf(m, "%s%s", i ? " " : "", pick(&sentences));
	fclose(m);
	wrap(f, s, width);
	free(s);
}

static long est_records;

static void gen_plan(FILE *f, int size_factor)
{
	date t = rnd_date();
	int page = 1;
	fprintf(f, "\nWinning the Race\n\nAMERICA\xe2\x80\x99S\nAI ACTION PLAN\n\n%s %d\n\n%d\nIntroduction\n\n",
		months[t.m - 1], t.y, page++);
	para_of(f, range(3, 6), 92);
	fputc('\n', f);
	est_records += 2;
	for (int p = 0; p < 3; p++) {
		fprintf(f, "\n\f%d\nPillar %s: %s\n\n", page++, roman[p], pillars[p]);
		para_of(f, range(2, 5), 92);
		fputc('\n', f);
		est_records += 2;
		int nsec = range(3, 6 * size_factor);
		for (int s = 0; s < nsec; s++) {
			fprintf(f, "%s\n\n", pick(&headings));
			est_records++;
			if (chance(60)) {
				para_of(f, range(1, 3), 92);
				fputc('\n', f);
				est_records++;
			}
			fputs("Recommended Policy Actions\n", f);
			est_records++;
			int nb = range(2, 8);
			for (int b = 0; b < nb; b++) {
				plan_bullet(f);
				est_records++;
				if (chance(25))
					fprintf(f, "\n\f%d\n", page++);
			}
		}
	}
}

/* Executive order: Markdown as the whitehouse.gov mirror renders it. */
static void gen_order(FILE *f, long serial)
{
	date t = rnd_date();
	int eo = 14000 + (int)(serial % 9000);
	fprintf(f, "---\ndate: '%04d-%02d-%02d'\n"
		"published_time: %04d-%02d-%02d 18:%02d:00-04:00\n"
		"source_url: https://www.whitehouse.gov/presidential-actions/%04d/%02d/eo-%d/\n"
		"tags: presidential-actions\n"
		"title: Executive Order %d on Artificial Intelligence and %s\n---\n \n",
		t.y, t.m, t.d, t.y, t.m, t.d, range(0, 59), t.y, t.m, eo, eo,
		pick(&headings));
	fputs("By the authority vested in me as President by the Constitution and the\n"
	      "laws of the United States of America, it is hereby ordered:\n\n", f);
	est_records++;
	int nsec = range(5, 12);
	for (int s = 1; s <= nsec; s++) {
		fprintf(f, "<span style=\"text-decoration: underline\">%s</span>.\n"
			"<span style=\"text-decoration: underline\">%d</span>. \n"
			"<span style=\"text-decoration: underline\">%s</span>.  ",
			s == 1 ? "Section" : "Sec", s, pick(&headings));
		int nsub = s == 1 || s == nsec ? 0 : range(0, 5);
		est_records++;
		if (nsub == 0) {
			para_of(f, range(1, 4), 72);
			fputc('\n', f);
			continue;
		}
		for (int k = 0; k < nsub; k++) {
			const char *s2 = pick(&sentences);
			int a = (int)(rnd() % NAGENCIES);
			char lbl[8];
			snprintf(lbl, sizeof lbl, k ? "\\(%c\\)" : "(%c)", 'a' + k);
			char *txt = NULL;
			size_t n = 0;
			FILE *m = open_memstream(&txt, &n);
			if (!m)
				die("open_memstream");
			if (chance(50))
				fprintf(m, "%s  Within %d days of the date of this order, the %s shall, in consultation with the %s, %c%s",
					lbl, deadline_days[rnd() % 9], agencies[a].head,
					agencies[(a + 1) % NAGENCIES].head,
					tolower((unsigned char)s2[0]), s2 + 1);
			else
				fprintf(m, "%s  %s", lbl, s2);
			if (chance(20))
				fprintf(m, " The %s shall submit a report to the President by %s %d, %d.",
					agencies[a].head, months[range(0, 11)], range(1, 28), t.y + 1);
			fclose(m);
			wrap(f, txt, 72);
			fputc('\n', f);
			free(txt);
			est_records++;
		}
	}
	fprintf(f, "DONALD J. TRUMP\n\nTHE WHITE HOUSE,\n\n%s %d, %d.\n",
		months[t.m - 1], t.d, t.y);
}

/* Fact sheet: HTML in the site's chrome. */
static void gen_html(FILE *f)
{
	date t = rnd_date();
	const char *topic = pick(&headings);
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<meta charset=\"UTF-8\">\n"
		"<title>Fact Sheet: President Donald J. Trump Advances %s &#8211; The White House</title>\n"
		"<meta property=\"article:published_time\" content=\"%04d-%02d-%02dT19:00:00-04:00\">\n"
		"<script type=\"text/javascript\">var wh_config = {\"lang\":\"en\",\"nav\":[\"news\",\"issues\"]}; if (a < b && c > d) { console.log(\"x\"); }</script>\n"
		"<style>body{font-family:serif} .menu>li{display:inline}</style>\n</head>\n"
		"<body class=\"post-template-default single single-post\">\n<header class=\"header\">\n"
		"<nav aria-label=\"Main menu\"><ul class=\"menu\">\n"
		"<li><a href=\"https://www.whitehouse.gov/administration/\">Administration</a></li>\n"
		"<li><a href=\"https://www.whitehouse.gov/news/\">News</a></li>\n"
		"<li><a href=\"https://www.whitehouse.gov/issues/\">Issues</a></li>\n"
		"</ul></nav>\n</header>\n<main id=\"main\" class=\"site-main\">\n<article>\n"
		"<h1>Fact Sheet: President Donald J. Trump Advances %s</h1>\n"
		"<div class=\"wp-block-post-date\"><time datetime=\"%04d-%02d-%02dT19:00:00-04:00\">%s %d, %d</time></div>\n"
		"<div class=\"entry-content wp-block-post-content\">\n",
		topic, t.y, t.m, t.d, topic, t.y, t.m, t.d, months[t.m - 1], t.d, t.y);
	est_records++;
	int nblk = range(2, 5);
	for (int i = 0; i < nblk; i++) {
		fprintf(f, "<p><strong>%s:</strong> %s</p>\n<ul>\n", pick(&headings), pick(&sentences));
		est_records++;
		int nli = range(2, 6);
		for (int k = 0; k < nli; k++) {
			fputs("<li>", f);
			write_bullet_text(f, pick(&bullets));
			fputs("</li>\n", f);
			est_records++;
		}
		fputs("</ul>\n", f);
	}
	fputs("</div>\n</article>\n</main>\n<footer class=\"footer\"><p>The White House, 1600 Pennsylvania Ave NW, Washington, DC 20500</p>\n"
	      "<ul><li><a href=\"/privacy/\">Privacy Policy</a></li><li><a href=\"/copyright/\">Copyright</a></li></ul></footer>\n"
	      "<script>window.dataLayer = window.dataLayer || [];</script>\n</body>\n</html>\n", f);
}

/* Chinese news article, one paragraph a line, with a dateline. */
static void gen_news(FILE *f)
{
	date t = rnd_date();
	int a = (int)(rnd() % NAGENCIES);
	fprintf(f, "%s\n", pick(&zh_heads));
	fprintf(f, "\xe3\x80\x90\xe5\x8d\x8e\xe7\x9b\x9b\xe9\xa1\xbf\xef\xbc\x8c%d\xe5\xb9\xb4%d\xe6\x9c\x88%d\xe6\x97\xa5\xe3\x80\x91 %s\xef\xbc\x88%s\xef\xbc\x89%s\n",
		t.y, t.m, t.d, agencies[a].zh, agencies[a].acr, pick(&zh_paras));
	est_records += 2;
	int n = range(4, 14);
	for (int i = 0; i < n; i++) {
		if (chance(20)) {
			fprintf(f, "%s\n", pick(&zh_heads));
		} else if (chance(30)) {
			int b = (int)(rnd() % NAGENCIES);
			fprintf(f, "%s\xe7\x89\xb5\xe5\xa4\xb4\xef\xbc\x9a%s\n", agencies[b].zh, pick(&zh_paras));
		} else {
			fprintf(f, "%s\n", pick(&zh_paras));
		}
		est_records++;
	}
}

/* Federal Register notice as GPO's text rendition. */
static void gen_notice(FILE *f, long serial)
{
	date t = rnd_date(), due = t;
	due.m = due.m % 12 + 1;
	int a = (int)(rnd() % NAGENCIES);
	fprintf(f, "[Federal Register Volume %d, Number %d (%s %d, %d)]\n[Notices]\n[Pages %d-%d]\n"
		"From the Federal Register Online via the Government Publishing Office [www.gpo.gov]\n"
		"[FR Doc No: %d-%05ld]\n"
		"=======================================================================\n"
		"-----------------------------------------------------------------------\n"
		"%s\nNotice of Request for Information; %s\n"
		"AGENCY: %s.\nACTION: Request for information.\n"
		"-----------------------------------------------------------------------\n",
		t.y - 1935, range(1, 250), months[t.m - 1], t.d, t.y, 40000 + (int)(serial % 9000),
		40003 + (int)(serial % 9000), t.y, serial % 100000, agencies[a].name,
		pick(&headings), agencies[a].name);
	fputs("SUMMARY: ", f);
	para_of(f, range(2, 4), 72);
	fprintf(f, "DATES: Interested persons are invited to submit comments on or before\n"
		"11:59 p.m. (ET) %s %d, %d.\n", months[due.m - 1], due.d, due.m < t.m ? t.y + 1 : t.y);
	fputs("ADDRESSES: ", f);
	para_of(f, range(1, 3), 72);
	fputs("SUPPLEMENTARY INFORMATION: ", f);
	para_of(f, range(2, 6), 72);
	est_records += 5;
}

/* ---- main ---------------------------------------------------------------- */

static const char usage[] =
	"usage: gen [-s SEED] [-b BYTES | -r RECORDS] [-c CORPUS] OUTDIR\n"
	"  BYTES and RECORDS take a k, M or G suffix (1000s); default -b 5M\n";

static long long parse_size(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end == 'k' || *end == 'K')
		v *= 1000;
	else if (*end == 'M' || *end == 'm')
		v *= 1000000;
	else if (*end == 'G' || *end == 'g')
		v *= 1000000000;
	else if (*end)
		return -1;
	return v;
}

int main(int argc, char **argv)
{
	unsigned long long seed = 1;
	long long bytes = 5000000, records = 0;
	const char *corpus = "corpus";
	int c;
	while ((c = getopt(argc, argv, "s:b:r:c:h")) != -1) {
		switch (c) {
		case 's': seed = strtoull(optarg, NULL, 10); break;
		case 'b': bytes = parse_size(optarg); records = 0; break;
		case 'r': records = parse_size(optarg); bytes = 0; break;
		case 'c': corpus = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (optind + 1 != argc || bytes < 0 || records < 0) {
		fputs(usage, stderr);
		return 2;
	}
	const char *out = argv[optind];
	rng_state = seed;
	load_dir(corpus);
	if (!bullets.n || !sentences.n || !headings.n || !zh_paras.n || !zh_heads.n) {
		fprintf(stderr, "gen: '%s': not enough material (bullets %zu, sentences %zu, "
			"headings %zu, zh %zu/%zu)\n", corpus, bullets.n, sentences.n,
			headings.n, zh_paras.n, zh_heads.n);
		return 2;
	}
	if (mkdir(out, 0777) != 0 && errno != EEXIST)
		die(out);
	long long total = 0;
	long files = 0;
	char path[4096];
	while (records ? est_records < records : total < bytes) {
		if (files % 500 == 0) {
			snprintf(path, sizeof path, "%s/%04ld", out, files / 500);
			if (mkdir(path, 0777) != 0 && errno != EEXIST)
				die(path);
		}
		/* mix by count: 2% plans, 23% orders, 35% fact sheets, 30%
		 * Chinese news, 10% notices */
		int k = range(0, 99);
		const char *ext = k < 2 ? "plan.txt" : k < 25 ? "eo.md" : k < 60 ? "fact-sheet.html"
				: k < 90 ? "news.zh.txt" : "notice.txt";
		snprintf(path, sizeof path, "%s/%04ld/%07ld-%s", out, files / 500, files, ext);
		FILE *f = fopen(path, "w");
		if (!f)
			die(path);
		if (k < 2)
			gen_plan(f, range(1, 4));
		else if (k < 25)
			gen_order(f, files);
		else if (k < 60)
			gen_html(f);
		else if (k < 90)
			gen_news(f);
		else
			gen_notice(f, files);
		total += ftell(f);
		if (fclose(f) != 0)
			die(path);
		files++;
	}
	printf("%ld %lld %ld\n", files, total, est_records);
	return 0;
}
