/* test_read_html.c - the HTML reader on the fixture pages and on hostile
 * input. Run from the top of the tree. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "read.h"
#include "polidex/util.h"
#include "t.h"

#define FIX "tests/fixtures/html/"

static pdx_doc *read_str(const char *html, int *rc, char *err, size_t errlen)
{
	pdx_doc *d = doc_new("t.html");
	*rc = read_html(html, strlen(html), d, err, errlen);
	return d;
}

static pdx_doc *read_fix(const char *name, int *rc)
{
	char path[512], err[256] = "";
	char *buf = NULL;
	size_t len = 0;
	pdx_doc *d;
	snprintf(path, sizeof path, FIX "%s", name);
	if (pdx_read_file(path, PDX_MAX_FILE, &buf, &len) != PDX_OK) {
		printf("# cannot read %s\n", path);
		*rc = PDX_EIO;
		return doc_new(path);
	}
	d = doc_new(path);
	*rc = read_html(buf, len, d, err, sizeof err);
	if (*rc != PDX_OK)
		printf("# %s: %s\n", path, err);
	free(buf);
	return d;
}

/* Index of the first block whose text contains s, or -1. */
static long find_block(const pdx_doc *d, const char *s)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (strstr(d->blocks[i].text, s))
			return (long)i;
	return -1;
}

/* Index of the block whose text is exactly s, or -1. */
static long find_exact(const pdx_doc *d, const char *s)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (strcmp(d->blocks[i].text, s) == 0)
			return (long)i;
	return -1;
}

static size_t count_blocks(const pdx_doc *d, pdx_block_type type, int level)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].type == type && d->blocks[i].level == level)
			n++;
	return n;
}

static void test_uscis(void)
{
	int rc;
	pdx_doc *d = read_fix("2025-02-05-fy2026-h1b-cap-initial-registration-period.html", &rc);
	long i;
	T_INT(rc, PDX_OK, "uscis: read");
	T_STR(d->title, "FY 2026 H-1B Cap Initial Registration Period Opens March 7",
	      "uscis: title without the site suffix");
	T_STR(d->published, "2025-02-05", "uscis: published");
	T_STR(d->lang, "en", "uscis: lang");
	i = find_block(d, "Today, U.S. Citizenship");
	T_OK(i >= 0 && d->blocks[i].type == PDX_PARAGRAPH &&
	     strncmp(d->blocks[i].text, "Today, U.S. Citizenship", 23) == 0,
	     "uscis: the first body paragraph starts 'Today, U.S. Citizenship'");
	for (long j = 0; j < i; j++)
		T_OK(d->blocks[j].type != PDX_PARAGRAPH ||
		     strncmp(d->blocks[j].text, "Release Date", 12) == 0,
		     "uscis: only the release date before the body: %s", d->blocks[j].text);
	T_INT(i >= 0 ? d->blocks[i].line : 0, 18, "uscis: line of the first paragraph");
	T_OK(d->nblocks > 0 && d->blocks[0].type == PDX_HEADING &&
	     d->blocks[0].level == 1, "uscis: h1 first");
	T_OK(find_block(d, "An official website") < 0, "uscis: no banner");
	T_OK(find_block(d, "Newsroom") < 0 && find_block(d, "Home") < 0,
	     "uscis: no breadcrumbs or menu");
	T_OK(find_block(d, "Related Links") < 0 &&
	     find_block(d, "H-1B Specialty Occupations") < 0, "uscis: no sidebar");
	T_OK(find_block(d, "Accessibility") < 0 &&
	     find_block(d, "FOIA") < 0, "uscis: no footer");
	T_OK(find_block(d, "_uscis") < 0 && find_block(d, "function") < 0,
	     "uscis: no script text");
	T_OK(find_block(d, "These enhancements will be live") >= 0,
	     "uscis: the last paragraph is there");
	doc_free(d);
}

static void test_plan(void)
{
	int rc;
	pdx_doc *d = read_fix("americas-ai-action-plan.pillar-1.html", &rc);
	long i;
	T_INT(rc, PDX_OK, "plan: read (content under role=main)");
	i = find_block(d, "Pillar I: Accelerate AI Innovation");
	T_OK(i >= 0 && d->blocks[i].type == PDX_HEADING && d->blocks[i].level == 2,
	     "plan: h2 pillar heading");
	T_INT(count_blocks(d, PDX_HEADING, 3), 15, "plan: 15 h3 sections");
	T_INT(count_blocks(d, PDX_HEADING, 4), 15, "plan: 15 h4 'Recommended Policy Actions'");
	T_INT(count_blocks(d, PDX_ITEM, 1), 58, "plan: 58 actions at depth 1");
	T_INT(count_blocks(d, PDX_ITEM, 2), 0, "plan: no deeper items");
	i = find_block(d, "Recommended Policy Actions");
	T_OK(i >= 0 && d->blocks[i].type == PDX_HEADING && d->blocks[i].level == 4 &&
	     strcmp(d->blocks[i].text, "Recommended Policy Actions") == 0,
	     "plan: h4 Recommended Policy Actions");
	T_OK(i >= 0 && (size_t)i + 1 < d->nblocks && d->blocks[i + 1].type == PDX_ITEM &&
	     strncmp(d->blocks[i + 1].text, "Led by the Office of Science", 28) == 0,
	     "plan: the first action follows its heading");
	T_OK(find_block(d, "state\xe2\x80\x99s AI regulatory climate") >= 0,
	     "plan: &rsquo; decoded");
	T_OK(find_block(d, "&rsquo;") < 0 && find_block(d, "&amp;") < 0 &&
	     find_block(d, "&quot;") < 0, "plan: no entity left raw");
	T_OK(find_block(d, "\"Unleashing Prosperity Through Deregulation,\"") >= 0,
	     "plan: &quot; decoded");
	T_OK(find_block(d, "Skip to content") < 0 && find_exact(d, "Administration") < 0 &&
	     find_exact(d, "Contact") < 0,
	     "plan: no skip link or menu");
	T_OK(find_block(d, "Pennsylvania Ave") < 0 && find_block(d, "Privacy Policy") < 0,
	     "plan: no footer");
	T_OK(find_block(d, "dataLayer") < 0 && find_block(d, "skip-link") < 0,
	     "plan: no script or style text");
	T_STR(d->title, "America\xe2\x80\x99s AI Action Plan", "plan: title from the h1");
	T_STR(d->published, "2025-07-23T10:30:00-04:00", "plan: published");
	T_STR(d->lang, "en", "plan: lang from en-US");
	doc_free(d);
}

static void test_whitehouse(void)
{
	int rc;
	pdx_doc *d = read_fix("2025-07-23-white-house-unveils-americas-ai-action-plan.html", &rc);
	long i;
	T_INT(rc, PDX_OK, "wh: read");
	T_STR(d->title, "White House Unveils America\xe2\x80\x99s AI Action Plan", "wh: title");
	T_STR(d->published, "2025-07-23T10:36:24-04:00", "wh: published verbatim");
	T_INT(count_blocks(d, PDX_ITEM, 1), 4, "wh: the 4 key policies");
	i = find_block(d, "Exporting American AI:");
	T_OK(i >= 0 && d->blocks[i].type == PDX_ITEM &&
	     strncmp(d->blocks[i].text, "Exporting American AI: The Commerce", 35) == 0,
	     "wh: <strong> flattened into the item with its space");
	T_INT(i >= 0 ? d->blocks[i].line : 0, 31, "wh: line of the first item");
	T_OK(find_block(d, "Gallery") < 0 && find_block(d, "Contact") < 0, "wh: no nav");
	T_OK(find_block(d, "More news") < 0 && find_block(d, "Related") < 0, "wh: no aside");
	T_OK(find_block(d, "1600 Pennsylvania") < 0 && find_block(d, "Privacy") < 0,
	     "wh: no footer");
	T_OK(find_block(d, "wh_config") < 0 && find_block(d, "font-family") < 0,
	     "wh: no script or style text");
	T_OK(find_block(d, "Learn more at AI.Gov.") >= 0, "wh: link text kept");
	doc_free(d);
}

static void test_nested_lists(void)
{
	int rc;
	pdx_doc *d = read_fix("2025-07-23-fact-sheet-accelerates-federal-permitting-of-data-center-infrastructure.html", &rc);
	long i = find_block(d, "The Order directs the Secretary of Commerce");
	T_INT(rc, PDX_OK, "fact sheet: read");
	T_INT(count_blocks(d, PDX_ITEM, 2), 2, "fact sheet: 2 nested items");
	T_INT(count_blocks(d, PDX_ITEM, 1), 15, "fact sheet: 15 top-level items");
	T_OK(i >= 0 && d->blocks[i].type == PDX_ITEM && d->blocks[i].level == 1 &&
	     !strstr(d->blocks[i].text, "Qualifying Projects include"),
	     "fact sheet: outer item without its nested list");
	T_OK(i >= 0 && (size_t)i + 1 < d->nblocks && d->blocks[i + 1].level == 2 &&
	     strncmp(d->blocks[i + 1].text, "These Qualifying Projects include", 33) == 0,
	     "fact sheet: nested item follows at depth 2");
	doc_free(d);
}

static void test_fallback(void)
{
	char err[256] = "";
	int rc;
	pdx_doc *d = read_str(
		"<html lang=\"zh-CN\"><head><title>A page | Site</title>"
		"<link rel=\"canonical\" href=\"https://example.gov/a\">"
		"<meta name=\"date\" content=\"2025-03-01\"></head><body>\n"
		"<header><h1>Site Logo</h1></header>\n"
		"<div class=\"site-menu\"><a href=\"/\">Home</a></div>\n"
		"<div class=\"wrapper\">Loose text in a div\n<p>A <em>real</em> paragraph.</p>\n"
		"tail text<br>after break</div>\n"
		"<div class=\"social-share\">Share this</div>\n"
		"<table><tr><td>cell one</td><th>cell two</th></tr></table>\n"
		"<dl><dt>term</dt><dd>definition</dd></dl>\n"
		"<footer>Footer text</footer></body></html>", &rc, err, sizeof err);
	T_INT(rc, PDX_OK, "fallback: read the body");
	T_STR(d->title, "A page", "fallback: title from <title>, suffix cut");
	T_STR(d->lang, "zh", "fallback: lang from zh-CN");
	T_STR(d->published, "2025-03-01", "fallback: meta date");
	T_STR(d->source_url, "https://example.gov/a", "fallback: canonical");
	T_OK(find_block(d, "Loose text in a div") >= 0, "fallback: loose div text");
	T_OK(find_block(d, "A real paragraph.") >= 0, "fallback: inline flattened");
	T_OK(find_block(d, "tail text after break") >= 0, "fallback: <br> is a space");
	T_OK(find_block(d, "cell one") >= 0 && find_block(d, "cell two") >= 0 &&
	     find_block(d, "definition") >= 0, "fallback: cells and definitions");
	T_OK(find_block(d, "Site Logo") < 0, "fallback: site header with an h1 left out");
	T_OK(find_block(d, "Home") < 0 && find_block(d, "Share this") < 0 &&
	     find_block(d, "Footer text") < 0, "fallback: chrome left out");
	doc_free(d);
}

static void test_malformed(void)
{
	char err[256] = "";
	int rc;
	pdx_doc *d = read_str(
		"<html><body><main><h2>Heading<p>First para <b>bold\n"
		"<p>Second para</div></div></span>\n<ul><li>one<li>two</ul>"
		"<p>Third &amp; last", &rc, err, sizeof err);
	T_INT(rc, PDX_OK, "malformed: read");
	T_OK(find_block(d, "Heading") >= 0, "malformed: heading");
	T_OK(find_block(d, "First para bold") >= 0, "malformed: unclosed tags");
	T_OK(find_block(d, "Second para") >= 0, "malformed: stray end tags");
	T_INT(count_blocks(d, PDX_ITEM, 1), 2, "malformed: unclosed li");
	T_OK(find_block(d, "Third & last") >= 0, "malformed: unterminated, &amp; decoded");
	doc_free(d);
}

static void test_deep(void)
{
	const size_t depth = 100000;
	pdx_buf b;
	char err[256] = "";
	int rc;
	clock_t t0 = clock();
	pdx_doc *d;
	pdx_buf_init(&b);
	pdx_buf_adds(&b, "<html><body><p>Before the pit.</p>");
	for (size_t i = 0; i < depth; i++)
		pdx_buf_adds(&b, "<div>");
	pdx_buf_adds(&b, "deep text");
	for (size_t i = 0; i < depth; i++)
		pdx_buf_adds(&b, "</div>");
	pdx_buf_adds(&b, "</body></html>");
	T_OK(b.s != NULL, "deep: built %zu nested divs", depth);
	d = doc_new("deep.html");
	rc = read_html(b.s, b.len, d, err, sizeof err);
	T_OK(rc == PDX_OK || rc == PDX_EFORMAT, "deep: returns (rc %d)", rc);
	T_OK(rc != PDX_OK || find_block(d, "Before the pit.") >= 0,
	     "deep: text before the nesting kept");
	T_OK((double)(clock() - t0) / CLOCKS_PER_SEC < 10.0, "deep: quick");
	doc_free(d);

	/* Deep lists too: the block stack is capped, not the input. */
	b.len = 0;
	pdx_buf_adds(&b, "<html><body><main>");
	for (size_t i = 0; i < 2000; i++)
		pdx_buf_adds(&b, "<ul><li>x");
	pdx_buf_adds(&b, "</main></body></html>");
	d = doc_new("deep2.html");
	rc = read_html(b.s, b.len, d, err, sizeof err);
	T_INT(rc, PDX_OK, "deep lists: read");
	T_OK(d->nblocks > 0 && d->blocks[0].type == PDX_ITEM && d->blocks[0].level == 1,
	     "deep lists: items");
	doc_free(d);
	pdx_buf_clear(&b);
}

static void test_empty(void)
{
	char err[256] = "";
	int rc;
	pdx_doc *d = read_str("<html><head><title>Nothing</title></head><body>  </body></html>",
			      &rc, err, sizeof err);
	T_INT(rc, PDX_EFORMAT, "empty body: PDX_EFORMAT");
	T_STR(err, "no text content", "empty body: message");
	doc_free(d);
	err[0] = '\0';
	d = read_str("<html><body><nav>Only chrome</nav><script>var x;</script></body></html>",
		     &rc, err, sizeof err);
	T_INT(rc, PDX_EFORMAT, "chrome only: PDX_EFORMAT");
	doc_free(d);
	d = read_str("", &rc, err, sizeof err);
	T_INT(rc, PDX_EFORMAT, "zero bytes: PDX_EFORMAT");
	doc_free(d);
}

static void test_landmarks(void)
{
	char err[256] = "";
	int rc;
	pdx_doc *d = read_str(
		"<html><head><meta property=\"og:title\" content=\"OG title\">"
		"<meta property=\"og:url\" content=\"https://x.gov/og\"></head><body>"
		"<div id=\"content\"><p>weak candidate</p>"
		"<div id=\"main-content\"><h1>Main h1</h1><p>strong candidate "
		"<time datetime=\"2024-01-02\">Jan 2</time></p>"
		"<div class=\"breadcrumb\">crumbs</div></div></div></body></html>",
		&rc, err, sizeof err);
	T_INT(rc, PDX_OK, "landmarks: read");
	T_OK(find_block(d, "strong candidate") >= 0 && find_block(d, "weak candidate") < 0,
	     "landmarks: #main-content over #content");
	T_OK(find_block(d, "crumbs") < 0, "landmarks: breadcrumb class left out");
	T_STR(d->title, "OG title", "landmarks: og:title first");
	T_STR(d->source_url, "https://x.gov/og", "landmarks: og:url");
	T_STR(d->published, "2024-01-02", "landmarks: <time datetime>");
	T_STR(d->lang, NULL, "landmarks: no lang");
	doc_free(d);

	d = read_str("<html><body><article><header><h1>Article title</h1>"
		     "<nav>Prev</nav></header><p>Body.</p></article></body></html>",
		     &rc, err, sizeof err);
	T_INT(rc, PDX_OK, "article: read");
	T_STR(d->title, "Article title", "article: title from the h1 in its header");
	T_OK(find_block(d, "Prev") < 0, "article: nav inside header left out");
	doc_free(d);
}

int main(void)
{
	test_uscis();
	test_plan();
	test_whitehouse();
	test_nested_lists();
	test_fallback();
	test_malformed();
	test_deep();
	test_empty();
	test_landmarks();
	return t_done();
}
