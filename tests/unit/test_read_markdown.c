/* test_read_markdown.c - the Markdown reader on the plan sample, the
 * whitehouse.gov mirrors of the corpus and small hand-made documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polidex/doc.h"
#include "read.h"
#include "polidex/util.h"
#include "t.h"

#define PLAN "tests/fixtures/md/americas-ai-action-plan.pillar-1.md"
#define PLAN_GOLD "tests/fixtures/md/plan_agencies.pillar-1.tsv"
#define EO14318 "corpus/whitehouse/2025-07-23-eo-14318-accelerating-federal-permitting-of-data-center-infrastructure.md"
#define EO14319 "corpus/whitehouse/2025-07-23-eo-14319-preventing-woke-ai-in-the-federal-government.md"
#define PROC "corpus/whitehouse/2025-09-19-proclamation-10973-restriction-on-entry-of-certain-nonimmigrant-workers.md"
#define FACT "corpus/whitehouse/2025-09-19-fact-sheet-suspends-entry-of-certain-alien-nonimmigrant-workers.md"

static char err[256];
static int last_rc;

/* Read a Markdown string; returns the document (never NULL), rc in last_rc. */
static pdx_doc *md(const char *s)
{
	pdx_doc *d = doc_new("t.md");
	err[0] = '\0';
	last_rc = read_markdown(s, strlen(s), d, err, sizeof err);
	return d;
}

static pdx_doc *md_file(const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	if (pdx_read_file(path, PDX_MAX_FILE, &buf, &len) != PDX_OK) {
		T_OK(0, "read %s", path);
		last_rc = PDX_EIO;
		return doc_new(path);
	}
	pdx_doc *d = doc_new(path);
	err[0] = '\0';
	last_rc = read_markdown(buf, len, d, err, sizeof err);
	free(buf);
	return d;
}

/* The first block whose text starts with prefix, or NULL. */
static const pdx_block *find(const pdx_doc *d, const char *prefix)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (strncmp(d->blocks[i].text, prefix, strlen(prefix)) == 0)
			return &d->blocks[i];
	return NULL;
}

static size_t count(const pdx_doc *d, pdx_block_type type, int level)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		n += d->blocks[i].type == type && d->blocks[i].level == level;
	return n;
}

static bool any_contains(const pdx_doc *d, const char *needle)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (strstr(d->blocks[i].text, needle))
			return true;
	return false;
}

/* The text of block i, or "" when there is none (keeps T_STR readable). */
static const char *text(const pdx_doc *d, size_t i)
{
	return i < d->nblocks ? d->blocks[i].text : "";
}

static void test_plan(void)
{
	pdx_doc *d = md_file(PLAN);
	T_INT(last_rc, PDX_OK, "plan: read");
	T_STR(d->title, "Winning the Race: America\u2019s AI Action Plan", "plan: title");
	T_STR(d->published, "2025-07-23", "plan: published");
	T_STR(d->source_url, "https://www.whitehouse.gov/wp-content/uploads/2025/07/Americas-AI-Action-Plan.pdf",
	      "plan: source_url");
	T_STR(d->format, "markdown", "plan: format");
	const pdx_block *b = find(d, "Pillar I: Accelerate AI Innovation");
	T_OK(b && b->type == PDX_HEADING && b->level == 2, "plan: pillar heading level 2");
	T_INT(b ? b->line : 0, 10, "plan: pillar heading line");
	T_INT(count(d, PDX_HEADING, 3), 15, "plan: 15 section headings");
	T_INT(count(d, PDX_HEADING, 0), 15, "plan: 15 inferred headings");
	size_t rpa = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		rpa += d->blocks[i].type == PDX_HEADING && d->blocks[i].level == 0 &&
		       !strcmp(d->blocks[i].text, "Recommended Policy Actions");
	T_INT(rpa, 15, "plan: all inferred headings are Recommended Policy Actions");
	T_INT(count(d, PDX_ITEM, 1), 58, "plan: 58 top-level items");
	T_INT(count(d, PDX_ITEM, 2), 0, "plan: no nested items");
	b = find(d, "Led by the Office of Science and Technology Policy");
	T_STR(b ? b->text : NULL,
	      "Led by the Office of Science and Technology Policy (OSTP), launch a "
	      "Request for Information from businesses and the public at large about "
	      "current Federal regulations that hinder AI innovation and adoption, and "
	      "work with relevant Federal agencies to take appropriate action.",
	      "plan: first item whole");
	T_INT(b ? b->line : 0, 30, "plan: first item line");
	T_OK(find(d, "America must have the most powerful AI systems") &&
	     strstr(find(d, "America must have")->text, "private sector-led innovation"),
	     "plan: a compound broken at its hyphen is joined");

	/* Every item equals the hand-annotated text, in order. */
	char *gold = NULL;
	size_t glen = 0, k = 0, bad = 0;
	T_OK(pdx_read_file(PLAN_GOLD, PDX_MAX_FILE, &gold, &glen) == PDX_OK, "plan: gold read");
	char *save = NULL, *row = gold ? strtok_r(gold, "\n", &save) : NULL;
	for (row = row ? strtok_r(NULL, "\n", &save) : NULL; row;
	     row = strtok_r(NULL, "\n", &save)) {
		const char *want = strrchr(row, '\t');
		while (k < d->nblocks && d->blocks[k].type != PDX_ITEM)
			k++;
		if (!want || k == d->nblocks || strcmp(d->blocks[k].text, want + 1)) {
			bad++;
			printf("# item %zu: %s\n", k, k < d->nblocks ? d->blocks[k].text : "(none)");
		}
		k++;
	}
	T_INT(bad, 0, "plan: every item matches the gold text");
	free(gold);
	doc_free(d);
}

static void test_eo(void)
{
	pdx_doc *d = md_file(EO14318);
	T_INT(last_rc, PDX_OK, "eo 14318: read");
	T_STR(d->title, "Accelerating Federal Permitting of Data Center Infrastructure", "eo 14318: title");
	T_STR(d->published, "2025-07-23 18:51:23-04:00", "eo 14318: published_time wins over date");
	T_STR(d->source_url, "https://www.whitehouse.gov/presidential-actions/2025/07/accelerating-federal-permitting-of-data-center-infrastructure/",
	      "eo 14318: source_url");
	T_OK(d->kind == NULL, "eo 14318: no kind from tags");
	const pdx_block *b = find(d, "Sec. 5. Efficient Environmental Reviews. (a) Within 10 days of the date of this order");
	T_OK(b && b->type == PDX_PARAGRAPH, "eo 14318: Sec. 5 paragraph, spans removed");
	T_INT(b ? b->line : 0, 116, "eo 14318: Sec. 5 line");
	T_OK(find(d, "Section 1. Policy and Purpose. My Administration") != NULL, "eo 14318: Section 1 joined");
	b = find(d, "(b) The Council on Environmental Quality");
	T_OK(b && b->type == PDX_PARAGRAPH, "eo 14318: escaped \\(b\\) label");
	T_OK(b && b->line == 126, "eo 14318: (b) line");
	T_OK(any_contains(d, "(42 U.S.C. 7401 et seq.); the Clean Water Act (33 U.S.C. 1251 et seq.);"),
	     "eo 14318: *et seq.* emphasis removed");
	T_OK(any_contains(d, "(42 U.S.C. 9601 et seq.);"), "eo 14318: *et seq*. emphasis removed");
	T_OK(!any_contains(d, "*") && !any_contains(d, "<span") && !any_contains(d, "\\"),
	     "eo 14318: no markup left");
	T_OK(count(d, PDX_ITEM, 1) == 0 && count(d, PDX_HEADING, 1) == 0, "eo 14318: paragraphs only");
	T_STR(text(d, d->nblocks - 1), "July 23, 2025.", "eo 14318: last block");
	doc_free(d);
}

static void test_eo_stray_blank(void)
{
	pdx_doc *d = md_file(EO14319);
	T_INT(last_rc, PDX_OK, "eo 14319: read");
	const pdx_block *b = find(d, "(b) The term \u201cagency head\u201d");
	T_STR(b ? b->text : NULL, "(b) The term \u201cagency head\u201d means the highest-ranking "
	      "official or officials of an agency, such as the Secretary, Administrator, "
	      "Chairman, Director, Commissioners, or Board of Directors.",
	      "eo 14319: definition cut by a stray blank line is whole");
	T_INT(b ? b->line : 0, 60, "eo 14319: its line");
	doc_free(d);
}

static void test_proclamation(void)
{
	pdx_doc *d = md_file(PROC);
	T_INT(last_rc, PDX_OK, "proclamation: read");
	T_STR(d->title, "Restriction on Entry of Certain Nonimmigrant Workers", "proclamation: title");
	T_STR(d->published, "2025-09-19 18:49:46-04:00", "proclamation: published");
	const pdx_block *b = find(d, "The number of foreign STEM workers");
	T_OK(b && b->type == PDX_PARAGRAPH && b->line == 27, "proclamation: hard break starts a paragraph");
	b = find(d, "The H-1B nonimmigrant visa program");
	T_OK(b && strstr(b->text, "(STEM) fields.") && !strstr(b->text, "The number of"),
	     "proclamation: the paragraph before the break ends there");
	b = find(d, "(b) The Secretary of Homeland Security shall restrict decisions");
	T_OK(b && b->type == PDX_PARAGRAPH && b->line == 127, "proclamation: (b) is its own block");
	T_OK(find(d, "Section 1. Restriction on Entry. (a) Pursuant to sections 212(f)") != NULL,
	     "proclamation: Section 1 with its (a)");
	b = find(d, "Section 1.");
	T_OK(b && !strstr(b->text, "(b) The Secretary"), "proclamation: (a) and (b) not fused");
	T_OK(find(d, "(i) the authority granted by law") != NULL, "proclamation: deeply indented text is no code");
	T_STR(text(d, d->nblocks - 1), "DONALD J. TRUMP", "proclamation: signature");
	T_OK(find(d, "IN WITNESS WHEREOF, I have hereunto set my hand this nineteenth day of September") != NULL,
	     "proclamation: witness clause whole across its hard break");
	T_INT(count(d, PDX_ITEM, 1), 0, "proclamation: no items");
	doc_free(d);
}

static void test_fact_sheet(void)
{
	pdx_doc *d = md_file(FACT);
	T_INT(last_rc, PDX_OK, "fact sheet: read");
	T_STR(d->title, "Fact Sheet: President Donald J. Trump Suspends the Entry of Certain Alien Nonimmigrant Workers",
	      "fact sheet: folded title");
	T_STR(d->kind, "fact_sheet", "fact sheet: kind from tags");
	T_STR(d->published, "2025-09-19 19:10:47-04:00", "fact sheet: published");
	const pdx_block *b = find(d, "One company was approved for 5,189 H-1B workers");
	T_OK(b && b->type == PDX_ITEM && b->level == 2 && b->line == 53, "fact sheet: nested item level 2");
	T_STR(b ? b->text : NULL, "One company was approved for 5,189 H-1B workers in FY 2025, while laying off roughly 16,000 U.S. employees this year.",
	      "fact sheet: nested item text");
	b = find(d, "American companies are laying off");
	T_STR(b ? b->text : NULL, "American companies are laying off their American technology workers and seemingly replacing them with H-1B workers:",
	      "fact sheet: parent item excludes its children");
	T_OK(b && b->level == 1, "fact sheet: parent level 1");
	b = find(d, "Yet another company");
	T_OK(b && b->type == PDX_ITEM && b->level == 2, "fact sheet: items after comments stay nested");
	b = find(d, "American IT workers have even");
	T_OK(b && b->type == PDX_ITEM && b->level == 1, "fact sheet: back to level 1");
	T_INT(count(d, PDX_ITEM, 2), 5, "fact sheet: 5 nested items");
	T_INT(count(d, PDX_ITEM, 1), 15, "fact sheet: 15 top-level items");
	T_INT(count(d, PDX_HEADING, 2), 3, "fact sheet: 3 headings");
	T_OK(!any_contains(d, "<!--") && !any_contains(d, "-->"), "fact sheet: comments dropped");
	doc_free(d);
}

static void test_errors(void)
{
	pdx_doc *d = md("---\ntitle: x\n\nSome text.\n");
	T_INT(last_rc, PDX_EFORMAT, "unterminated front matter fails");
	T_OK(strstr(err, "front matter") && strstr(err, "line 1"), "unterminated: message names line (%s)", err);
	doc_free(d);

	d = md("");
	T_INT(last_rc, PDX_EFORMAT, "empty document fails");
	T_STR(err, "no text content", "empty: message");
	doc_free(d);

	d = md("---\ntitle: Only metadata\n---\n   \n\n<!-- nothing -->\n");
	T_INT(last_rc, PDX_EFORMAT, "front matter only fails");
	doc_free(d);
}

static void test_plain(void)
{
	pdx_doc *d = md("# Heading One #\n\nA paragraph\nover two lines.\n\nSetext\n======\n\nSub\n---\n");
	T_INT(last_rc, PDX_OK, "no front matter: read");
	T_STR(d->title, "Heading One", "no front matter: title from the first h1");
	T_OK(d->published == NULL && d->source_url == NULL, "no front matter: no metadata");
	T_INT(d->nblocks, 4, "no front matter: 4 blocks");
	T_STR(text(d, 0), "Heading One", "atx: closing #s removed");
	T_STR(text(d, 1), "A paragraph over two lines.", "paragraph lines joined");
	T_INT(d->nblocks > 1 ? d->blocks[1].line : 0, 3, "paragraph line");
	T_OK(d->nblocks > 3 && d->blocks[2].type == PDX_HEADING && d->blocks[2].level == 1 &&
	     d->blocks[3].level == 2, "setext headings");
	T_STR(text(d, 3), "Sub", "setext level 2 text");
	doc_free(d);

	/* A paragraph cut mid-sentence (stray blank line, hard break) is
	 * joined again when the rest goes on in lowercase. */
	d = md("The term means the\n\nofficial of it.\n\nSigned this  \nninth day.\n\n# H\n\nlower after heading\n\nEnds with a period.\n\nlower again\n");
	T_STR(text(d, 0), "The term means the official of it.", "rejoin across a blank line");
	T_STR(text(d, 1), "Signed this ninth day.", "rejoin across a hard break");
	T_STR(text(d, 3), "lower after heading", "no rejoin into a heading");
	T_STR(text(d, 5), "lower again", "no rejoin after a full stop");
	T_INT(d->nblocks, 6, "rejoin: block count");
	doc_free(d);

	d = md("First.\n \xc2\xa0 \nSecond.\n");
	T_INT(d->nblocks, 2, "a line of no-break spaces is blank");
	doc_free(d);

	d = md("---\r\ntitle: \"A \\\"quoted\\\" title\"\r\ndate: 2025-01-02\r\n---\r\n\r\n- one\r\n  two\r\n- three  \r\n\r\nEnd.\\\r\nNext\r\n");
	T_INT(last_rc, PDX_OK, "crlf: read");
	T_STR(d->title, "A \"quoted\" title", "crlf: double-quoted title with escapes");
	T_STR(d->published, "2025-01-02", "crlf: date");
	T_STR(text(d, 0), "one two", "crlf: item with continuation");
	T_INT(d->nblocks ? d->blocks[0].line : 0, 6, "crlf: item line counts front matter");
	T_STR(text(d, 1), "three", "crlf: no \\r left");
	T_STR(text(d, 2), "End.", "backslash hard break ends the paragraph");
	T_STR(text(d, 3), "Next", "backslash hard break: next paragraph");
	T_INT(d->nblocks > 3 ? d->blocks[3].line : 0, 11, "backslash hard break: next line");
	doc_free(d);
}

static void test_blocks(void)
{
	pdx_doc *d = md("1. first\n2) second\n   1. nested\n\n    still nested\n\nText\n> quoted\ncontinued\n\n"
			"```c\nint *a = b_c;\n```\n\n**Bold** and more\n\n__Also a heading__\n\n"
			"* lazy\ncontinuation\n+ plus item\n\n[ref]: https://example.com\n\n***\n");
	T_INT(last_rc, PDX_OK, "blocks: read");
	T_STR(text(d, 0), "first", "ordered item");
	T_OK(d->nblocks > 2 && d->blocks[1].level == 1 && d->blocks[2].level == 2, "ordered nesting");
	T_STR(text(d, 2), "nested", "nested ordered item");
	T_STR(text(d, 3), "still nested", "item paragraph after a blank");
	T_STR(text(d, 4), "Text", "paragraph after list");
	T_STR(text(d, 5), "quoted continued", "blockquote with lazy line");
	T_STR(text(d, 6), "int *a = b_c;", "fenced code verbatim");
	T_INT(d->nblocks > 6 ? d->blocks[6].line : 0, 11, "fenced code line");
	T_OK(d->nblocks > 7 && d->blocks[7].type == PDX_PARAGRAPH, "bold then text is a paragraph");
	T_STR(text(d, 7), "Bold and more", "bold removed in paragraph");
	T_OK(d->nblocks > 8 && d->blocks[8].type == PDX_HEADING && d->blocks[8].level == 0,
	     "__bold__ paragraph is an inferred heading");
	T_STR(text(d, 9), "lazy continuation", "lazy item continuation");
	T_STR(text(d, 10), "plus item", "+ marker");
	T_INT(d->nblocks, 11, "blocks: count (reference definition, rule dropped)");
	doc_free(d);

	/* Four spaces indent a paragraph start, never a code block; an
	 * ordered marker other than 1 does not interrupt a paragraph. */
	d = md("Intro line\n2. not an item\n\n    Indented paragraph\n    continues.\n");
	T_STR(text(d, 0), "Intro line 2. not an item", "ordered 2. does not interrupt");
	T_OK(d->nblocks > 1 && d->blocks[1].type == PDX_PARAGRAPH, "indented text is a paragraph");
	T_STR(text(d, 1), "Indented paragraph continues.", "indented paragraph text");
	doc_free(d);
}

static void test_inline(void)
{
	pdx_doc *d = md("See [the plan](https://x.gov/a_(b) \"T\") and [ref text][r] ![logo](l.png) <https://x.gov/q?a=1>.\n\n"
			"A &amp; B &#8211; C&rsquo;s&nbsp;D &#x2014; &bogus; AT&T\n\n"
			"\\(b\\) \\* star, 5 * 3, snake_case_name, *em* **strong** _u_ __uu__ ***both***\n\n"
			"Use `a*b*c` and `` x ` y `` here\n\n"
			"<span style=\"x\">Sec</span>. <span\nclass=\"y\">2</span>.<br>Next <!-- hidden --> end\n\n"
			"Footnote* stays, 2 < 3 > 1, a_b_, **unclosed\n");
	T_INT(last_rc, PDX_OK, "inline: read");
	T_STR(text(d, 0), "See the plan and ref text https://x.gov/q?a=1.", "links, images, autolinks");
	T_STR(text(d, 1), "A & B \u2013 C\u2019s D \u2014 &bogus; AT&T", "entities");
	T_STR(text(d, 2), "(b) * star, 5 * 3, snake_case_name, em strong u uu both", "escapes and emphasis");
	T_STR(text(d, 3), "Use a*b*c and x ` y here", "code spans");
	T_STR(text(d, 4), "Sec. 2. Next end", "html tags, split tag, comment");
	T_STR(text(d, 5), "Footnote* stays, 2 < 3 > 1, a_b_, **unclosed", "literal markup kept");
	doc_free(d);
}

static void test_front_matter(void)
{
	pdx_doc *d = md("---\n# comment\ntitle: 'It''s folded'\nurl: https://a.gov/x#frag\nsource_url: https://b.gov/y\n"
			"lang: en-US\npublished: 2025-07-23\npublished_time: '2025-07-23 09:00:00 -04:00'\n"
			"tags:\n  - news\n  - fact-sheets\nissuer: The White House\n...\nBody.\n");
	T_INT(last_rc, PDX_OK, "front matter: read");
	T_STR(d->title, "It's folded", "front matter: single quotes");
	T_STR(d->source_url, "https://b.gov/y", "front matter: source_url beats url");
	T_STR(d->lang, "en", "front matter: language");
	T_STR(d->published, "2025-07-23 09:00:00 -04:00", "front matter: most precise date");
	T_STR(d->kind, "fact_sheet", "front matter: tags as a block list");
	T_STR(text(d, 0), "Body.", "front matter closed by ...");
	T_INT(d->nblocks ? d->blocks[0].line : 0, 14, "front matter: body line");
	doc_free(d);

	d = md("---\ntags: [presidential-actions, fact-sheets-archive]\ndate: July 4\n---\nx\n");
	T_OK(d->kind == NULL, "front matter: tag must match whole");
	T_OK(d->published == NULL, "front matter: non-ISO date ignored");
	doc_free(d);
}

/* double-quoted YAML scalars carry escapes, as mirrors write them */
static void test_yaml_escapes(void)
{
	pdx_doc *d = md("---\ntitle: \"America\\u2019s \\\"AI\\\" Plan \\\\ \\x41\\U0001F600\\ud83d\\ude00\\nend\\_x\\q\"\n"
			"publication_date: \"2025-10-28\"\n---\nBody.\n");
	T_INT(last_rc, PDX_OK, "yaml escapes: read");
	T_STR(d->title, "America\u2019s \"AI\" Plan \\ A\U0001F600\U0001F600 end x\\q",
	      "yaml escapes: \\u, \\\", \\\\, \\x, \\U, a surrogate pair, \\n, \\_, an unknown one kept");
	T_STR(d->published, "2025-10-28", "yaml: publication_date (the FR API's name) is a date");
	doc_free(d);
	d = md("---\ntitle: \"cut \\u20\"\n---\nBody.\n");
	T_STR(d->title, "cut \\u20", "yaml escapes: a short \\u is kept as written");
	doc_free(d);
}

int main(void)
{
	test_plan();
	test_eo();
	test_eo_stray_blank();
	test_proclamation();
	test_fact_sheet();
	test_errors();
	test_plain();
	test_blocks();
	test_inline();
	test_front_matter();
	test_yaml_escapes();
	return t_done();
}
