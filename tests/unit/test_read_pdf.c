/* test_read_pdf.c - the PDF reader: the committed fixtures (printed by
 * Chromium, encrypted by qpdf, cut short, drawn as an image by cairo; see
 * tests/make-pdf-fixtures.sh) and small PDFs drawn here with cairo, whose
 * running headers, footers and page numbers are known. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>

#include "polidex/doc.h"
#include "read.h"
#include "polidex/util.h"
#include "t.h"

#define DIR "tests/fixtures/pdf/"

static char err[512];
static int last_rc;

/* Read a file into a list; the first document, or NULL (rc in last_rc). */
static pdx_doc *load(const char *path, pdx_doclist *l)
{
	err[0] = '\0';
	last_rc = read_file(path, l, err, sizeof err);
	return last_rc == PDX_OK && l->n ? l->docs[0] : NULL;
}

static const pdx_block *find(const pdx_doc *d, const char *prefix)
{
	for (size_t i = 0; d && i < d->nblocks; i++)
		if (strncmp(d->blocks[i].text, prefix, strlen(prefix)) == 0)
			return &d->blocks[i];
	return NULL;
}

/* How many blocks hold needle. */
static size_t holding(const pdx_doc *d, const char *needle)
{
	size_t n = 0;
	for (size_t i = 0; d && i < d->nblocks; i++)
		n += strstr(d->blocks[i].text, needle) != NULL;
	return n;
}

/* The plan's sections printed by Chromium give the blocks of their
 * pdftotext rendering, each with its page; Chromium's running header (date,
 * title) and footer (file URL, "n/3") are gone. */
static void test_plan_sections(void)
{
	pdx_doclist lp = { 0 }, lt = { 0 };
	pdx_doc *p = load(DIR "plan-sections.pdf", &lp);
	T_INT(last_rc, PDX_OK, "plan-sections.pdf reads (%s)", err);
	pdx_doc *t = load(DIR "plan-sections.txt", &lt);
	T_INT(last_rc, PDX_OK, "plan-sections.txt reads (%s)", err);
	if (!p || !t)
		goto out;
	T_INT(lp.n, 1, "a PDF is one document");
	T_STR(p->format, "pdf", "format is pdf");
	T_STR(p->lang, "en", "language en");
	T_INT(p->nblocks, t->nblocks, "as many blocks as the text rendering");
	size_t same = 0;
	for (size_t i = 0; i < p->nblocks && i < t->nblocks; i++)
		same += p->blocks[i].type == t->blocks[i].type &&
			p->blocks[i].level == t->blocks[i].level &&
			strcmp(p->blocks[i].text, t->blocks[i].text) == 0;
	T_INT(same, t->nblocks, "every block has the text rendering's type, level and text");
	T_STR(p->title, t->title, "same title");

	int monotone = 1, pmax = 0;
	for (size_t i = 0; i < p->nblocks; i++) {
		monotone &= p->blocks[i].page >= pmax && p->blocks[i].page >= 1;
		pmax = p->blocks[i].page > pmax ? p->blocks[i].page : pmax;
		monotone &= i == 0 || p->blocks[i].line > p->blocks[i - 1].line;
	}
	T_OK(monotone, "pages from 1 and lines never go back");
	T_INT(p->blocks[0].page, 1, "the cover is page 1");
	T_INT(pmax, 3, "the last block is on page 3 of 3");
	const pdx_block *b = find(p, "Remove Red Tape and Onerous Regulation");
	T_OK(b && b->type == PDX_HEADING && b->page == 1, "section heading on page 1");
	b = find(p, "Led by the Department of Commerce (DOC) through the National Institute");
	T_OK(b && b->type == PDX_ITEM && b->page == 2, "item I.2.1 on page 2 (page %d)", b ? b->page : -1);
	b = find(p, "Encourage Open-Source and Open-Weight AI");
	T_OK(b && b->page == 2, "heading on page 2 (page %d)", b ? b->page : -1);
	b = &p->blocks[p->nblocks - 1];
	T_OK(b->page == 3 && b->type == PDX_ITEM, "the last item is on page 3");
	for (size_t i = 0; i < t->nblocks; i++)
		t->blocks[i].page = 0;
	T_INT(t->blocks[0].page, 0, "text blocks carry page 0");
	T_INT(holding(p, "file://"), 0, "footer URL dropped");
	T_INT(holding(p, " PM"), 0, "header date dropped");
	T_INT(holding(p, "(sections)"), 0, "header title dropped");
	T_INT(holding(p, "/3"), 0, "footer page numbers dropped");
out:
	doclist_clear(&lp);
	doclist_clear(&lt);
}

/* The Chinese article printed with a CJK font. */
static void test_zh(void)
{
	pdx_doclist l = { 0 };
	pdx_doc *d = load(DIR "news-zh.pdf", &l);
	T_INT(last_rc, PDX_OK, "news-zh.pdf reads (%s)", err);
	if (!d)
		goto out;
	T_STR(d->lang, "zh", "language zh");
	T_STR(d->blocks[0].text, "白宫发布《美国AI行动计划》,打造全球AI主导权战略蓝图",
	      "first block is the headline");
	T_INT(d->blocks[0].type, PDX_HEADING, "headline is a heading");
	const pdx_block *b = find(d, "概要:2025年7月23日");
	T_OK(b && b->type == PDX_PARAGRAPH && strstr(b->text, "加速创新") && b->page == 1,
	     "summary paragraph whole, on page 1");
	b = find(d, "该计划提出一系列");
	T_OK(b && b->page == 2, "a paragraph on page 2 (page %d)", b ? b->page : -1);
	T_INT(holding(d, "file://"), 0, "footer dropped");
	T_INT(holding(d, "/2"), 0, "page numbers dropped");
out:
	doclist_clear(&l);
}

/* Chromium draws an HTML list's bullets: the structure tags give the
 * items (a site's menu and footer link lists are no items). */
static void test_drawn_bullets(void)
{
	pdx_doclist l = { 0 };
	pdx_doc *d = load(DIR "plan-pillars-2-3.pdf", &l);
	T_INT(last_rc, PDX_OK, "plan-pillars-2-3.pdf reads (%s)", err);
	if (!d)
		goto out;
	size_t items = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		items += d->blocks[i].type == PDX_ITEM && d->blocks[i].level == 1;
	T_INT(items, 44, "44 list items, as the page has");
	const pdx_block *b = find(d, "Establish new Categorical Exclusions under NEPA");
	T_OK(b && b->type == PDX_ITEM && b->page == 1, "the first item, on page 1");
	b = find(d, "Led by DOC\u2019s revamped CHIPS Program Office");
	T_OK(b && b->type == PDX_ITEM, "an item whose tag text poppler garbles (a curly quote)");
	b = find(d, "Privacy Policy");
	T_OK(b && b->type != PDX_ITEM, "footer links are no item");
	b = find(d, "Administration");
	T_OK(b && b->type != PDX_ITEM, "menu links are no item");
	b = find(d, "Build, maintain, and update as necessary");
	T_OK(b && b->type == PDX_ITEM && !strstr(b->text, "White House"),
	     "the last item ends before the site footer on its page");
out:
	doclist_clear(&l);
}

/* Bad PDFs: each fails with PDX_EFORMAT and says why. */
static void test_errors(void)
{
	static const struct { const char *path, *why; } bad[] = {
		{ DIR "encrypted.pdf", "encrypted PDF" },
		{ DIR "truncated.pdf", "truncated PDF" },
		{ DIR "image-only.pdf", "no text layer in 1 page" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		pdx_doclist l = { 0 };
		load(bad[i].path, &l);
		T_INT(last_rc, PDX_EFORMAT, "%s is refused", bad[i].path);
		T_OK(strstr(err, bad[i].why) != NULL, "%s: '%s' (got '%s')", bad[i].path, bad[i].why, err);
		T_INT(l.n, 0, "%s gives no document", bad[i].path);
		doclist_clear(&l);
	}
	static const struct { const char *name, *bytes, *why; } mem[] = {
		{ "junk.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n", "broken PDF" },
		{ "junk.bin", "%PDF-1.4\n\x80\x81\x82 nothing but garbage\n%%EOF\n", "broken PDF" },
		{ "cut.pdf", "%PDF-1.4\n", "truncated PDF" },
		{ "page.pdf", "<html><body><p>Not Found</p></body></html>\n", "not a PDF" },
	};
	for (size_t i = 0; i < sizeof mem / sizeof mem[0]; i++) {
		pdx_doclist l = { 0 };
		err[0] = '\0';
		int rc = read_buffer(mem[i].name, mem[i].bytes, strlen(mem[i].bytes), &l, err, sizeof err);
		T_INT(rc, PDX_EFORMAT, "%s is refused", mem[i].name);
		T_OK(strstr(err, mem[i].why) != NULL, "%s: '%s' (got '%s')", mem[i].name, mem[i].why, err);
		doclist_clear(&l);
	}
	T_STR(read_sniff("x.txt", "%PDF-1.5\n", 9), "pdf", "sniffed by its header, whatever the name");
	pdx_doclist l = { 0 };
	T_INT(read_buffer("empty.pdf", NULL, 0, &l, err, sizeof err), PDX_EFORMAT,
	      "an empty .pdf is refused (%s)", err);
	doclist_clear(&l);
}

/* --- PDFs drawn here -------------------------------------------------- */

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return pdx_buf_add(closure, (const char *)data, len) ? CAIRO_STATUS_NO_MEMORY
							  : CAIRO_STATUS_SUCCESS;
}

/* Draw pages of lines: pages[i] is a NULL-terminated list of lines, set
 * from the top at 14-point steps; a line starting with '\v' leaves a
 * paragraph gap above it; "@y:text" sets a line at height y. */
static char *draw(const char *const *const *pages, size_t npages, size_t *len)
{
	pdx_buf b;
	pdx_buf_init(&b);
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, &b, 612, 792);
	cairo_t *cr = cairo_create(s);
	cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 11);
	for (size_t i = 0; i < npages; i++) {
		double y = 100;
		for (const char *const *l = pages[i]; *l; l++) {
			const char *t = *l;
			double at = y;
			if (t[0] == '@') {
				at = atof(t + 1);
				t = strchr(t, ':') + 1;
			} else {
				if (t[0] == '\v') {
					y += 14;
					t++;
				}
				at = y;
				y += 14;
			}
			cairo_move_to(cr, 72, at);
			cairo_show_text(cr, t);
		}
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	*len = b.len;
	return pdx_buf_take(&b);
}

static pdx_doc *read_drawn(const char *const *const *pages, size_t npages, pdx_doclist *l)
{
	size_t len = 0;
	char *pdf = draw(pages, npages, &len);
	err[0] = '\0';
	last_rc = pdf ? read_buffer("drawn.pdf", pdf, len, l, err, sizeof err) : PDX_ENOMEM;
	free(pdf);
	return last_rc == PDX_OK && l->n ? l->docs[0] : NULL;
}

static void test_running_lines(void)
{
	static const char *const p1[] = { "@30:Office of Example Policy | Draft for Comment",
		"Pillar I: Accelerate AI Innovation",
		"\vThe first paragraph of the body runs over two lines of text which",
		"are joined into one paragraph by the text reader of polidex.",
		"\vRecommended Policy Actions",
		"\u2022 Led by OSTP, launch a Request for Information from businesses and",
		"the public about Federal regulations that hinder AI innovation and",
		"@760:Page 1 of 3", NULL };
	static const char *const p2[] = { "@30:Office of Example Policy | Draft for Comment",
		"adoption, and work with relevant Federal agencies to take action.",
		"\v\u2022 Led by OMB, work with Federal agencies to identify and repeal",
		"regulations that unnecessarily hinder AI development or deployment.",
		"\vOffice of Example Policy | Draft for Comment",
		"@760:Page 2 of 3", NULL };
	static const char *const p3[] = { "@30:Office of Example Policy | Draft for Comment",
		"Build American AI Infrastructure",
		"\vThe last paragraph of the body, on the third and last page of it.",
		"@760:Page 3 of 3", NULL };
	static const char *const *const pages[] = { p1, p2, p3 };
	pdx_doclist l = { 0 };
	pdx_doc *d = read_drawn(pages, 3, &l);
	T_INT(last_rc, PDX_OK, "a cairo PDF reads (%s)", err);
	if (!d)
		goto out;
	T_INT(holding(d, "Page "), 0, "'Page n of 3' footers dropped");
	/* the header at the top of every page goes; the same words in the
	 * body of page 2, not at the top, stay */
	const pdx_block *b = find(d, "Office of Example Policy");
	T_OK(b && b->page == 2 && holding(d, "Office of Example") == 1,
	     "running header dropped, the same line in the body kept");
	b = find(d, "Pillar I: Accelerate AI Innovation");
	T_OK(b && b->type == PDX_HEADING && b->page == 1, "heading on page 1");
	b = find(d, "The first paragraph");
	T_OK(b && strstr(b->text, "which are joined") && b->page == 1,
	     "wrapped lines joined into one paragraph");
	b = find(d, "Led by OSTP");
	T_OK(b && b->type == PDX_ITEM && b->page == 1 &&
	     strstr(b->text, "innovation and adoption, and work with relevant Federal agencies to take action."),
	     "an item cut by the page break is joined, on the page it starts (%s)", b ? b->text : "-");
	b = find(d, "Led by OMB");
	T_OK(b && b->type == PDX_ITEM && b->page == 2, "next item on page 2");
	b = find(d, "Build American AI Infrastructure");
	T_OK(b && b->type == PDX_HEADING && b->page == 3, "heading on page 3");

	/* one page: nothing repeats, so its first line stays; its page
	 * number goes */
	static const char *const one[] = { "@30:Office of Example Policy",
		"The only paragraph of a one-page document.", "@760:- 1 -", NULL };
	static const char *const *const single[] = { one };
	doclist_clear(&l);
	d = read_drawn(single, 1, &l);
	T_INT(last_rc, PDX_OK, "a one-page PDF reads (%s)", err);
	T_OK(d && find(d, "Office of Example Policy") && d->blocks[0].page == 1,
	     "a lone page keeps its top line");
	T_OK(d && holding(d, "- 1 -") == 0 && holding(d, "1") == 0, "its '- 1 -' goes");

	/* body lines that differ only in their numbers, at the same place on
	 * every page but not set apart from the text below: kept */
	static const char *const q1[] = { "@30:Quarterly Report", "Table 1 on page 1 shows what the",
		"office spent in the first quarter of the year.", NULL };
	static const char *const q2[] = { "@30:Quarterly Report", "Table 2 on page 2 shows what the",
		"office spent in the second quarter of the year.", NULL };
	static const char *const q3[] = { "@30:Quarterly Report", "Table 3 on page 3 shows what the",
		"office spent in the third quarter of the year.", NULL };
	static const char *const *const quarters[] = { q1, q2, q3 };
	doclist_clear(&l);
	d = read_drawn(quarters, 3, &l);
	T_INT(last_rc, PDX_OK, "a report PDF reads (%s)", err);
	T_OK(d && holding(d, "Quarterly Report") == 0, "its running header goes");
	b = find(d, "Table 2 on page 2 shows what the office spent in the second quarter");
	T_OK(b && b->page == 2 && holding(d, "Table ") == 3,
	     "lines alike but for their numbers, not set apart, stay");

	/* pages without text: refused, naming how many */
	static const char *const blank[] = { NULL };
	static const char *const *const blanks[] = { blank, blank };
	doclist_clear(&l);
	read_drawn(blanks, 2, &l);
	T_INT(last_rc, PDX_EFORMAT, "a PDF of blank pages is refused");
	T_OK(strstr(err, "no text layer in 2 pages") != NULL, "it says so (%s)", err);
out:
	doclist_clear(&l);
}

/* fontconfig, which cairo's toy font API starts for the PDFs drawn here,
 * keeps its configuration for the life of the process: not our leak. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig\n";
}

int main(void)
{
	test_plan_sections();
	test_zh();
	test_drawn_bullets();
	test_errors();
	test_running_lines();
	return t_done();
}
