/* test_read_fr_xml.c - the Federal Register XML reader on the fixture rule
 * and on broken and hostile input. Run from the top of the tree. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "read.h"
#include "polidex/util.h"
#include "t.h"

#define SAMPLE "tests/fixtures/xml/2025-23853-h1b-weighted-selection-final-rule.excerpt.xml"

static pdx_doc *read_mem(const char *xml, size_t len, int *rc, char *err, size_t errlen)
{
	pdx_doc *d = doc_new("t.xml");
	err[0] = '\0';
	*rc = read_fr_xml(xml, len, d, err, errlen);
	return d;
}

static long find_block(const pdx_doc *d, const char *s)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (strstr(d->blocks[i].text, s))
			return (long)i;
	return -1;
}

static long find_exact(const pdx_doc *d, pdx_block_type type, const char *s)
{
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].type == type && strcmp(d->blocks[i].text, s) == 0)
			return (long)i;
	return -1;
}

static size_t count_str(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_sample(const char *buf, size_t len)
{
	char err[256];
	int rc;
	pdx_doc *d = read_mem(buf, len, &rc, err, sizeof err);
	long i;
	T_INT(rc, PDX_OK, "sample: read (%s)", err);
	T_STR(d->title, "Weighted Selection Process for Registrants and Petitioners "
	      "Seeking To File Cap-Subject H-1B Petitions", "sample: title = SUBJECT");
	T_STR(d->lang, "en", "sample: lang");
	T_STR(d->kind, "rule", "sample: kind (a <RULE>)");
	T_STR(d->type, "rule", "sample: type");
	T_STR(d->published, NULL, "sample: no issue date");
	i = find_exact(d, PDX_PARAGRAPH, "DEPARTMENT OF HOMELAND SECURITY");
	T_OK(i == 0, "sample: the agency line is the first paragraph");
	T_INT(i >= 0 ? d->blocks[i].line : 0, 3, "sample: agency line number");
	T_OK(find_exact(d, PDX_PARAGRAPH, "8 CFR Part 214") >= 0 &&
	     find_exact(d, PDX_PARAGRAPH, "RIN 1615-AD01") >= 0 &&
	     find_exact(d, PDX_PARAGRAPH, "[CIS No. 2847-26; DHS Docket No. USCIS-2025-0040]") >= 0,
	     "sample: CFR, DEPDOC, RIN");
	i = find_exact(d, PDX_HEADING, d->title ? d->title : "");
	T_OK(i >= 0 && d->blocks[i].level == 1, "sample: SUBJECT heading level 1");
	T_OK(find_exact(d, PDX_PARAGRAPH, "U.S. Citizenship and Immigration Services, DHS.") >= 0,
	     "sample: loose agency text");
	i = find_exact(d, PDX_HEADING, "DATES:");
	T_OK(i >= 0 && d->blocks[i].level == 2, "sample: HD HED -> heading 2 'DATES:'");
	T_INT(i >= 0 ? d->blocks[i].line : 0, 17, "sample: DATES: line");
	T_OK(i >= 0 && (size_t)i + 1 < d->nblocks &&
	     strcmp(d->blocks[i + 1].text, "This final rule is effective February 27, 2026.") == 0 &&
	     d->blocks[i + 1].type == PDX_PARAGRAPH,
	     "sample: the effective date follows DATES:");
	T_INT(i >= 0 && (size_t)i + 1 < d->nblocks ? d->blocks[i + 1].line : 0, 18,
	      "sample: effective date line");
	T_OK(find_block(d, "The U.S. Department of Homeland Security (DHS) is amending") >= 0,
	     "sample: summary text");
	T_OK(find_block(d, "Camp Springs, MD 20746") >= 0, "sample: contact");
	doc_free(d);
}

static void test_truncated(const char *buf, size_t len)
{
	char err[256];
	int rc;
	pdx_doc *d = read_mem(buf, len / 2, &rc, err, sizeof err);
	T_INT(rc, PDX_EFORMAT, "truncated: PDX_EFORMAT");
	T_OK(strncmp(err, "line ", 5) == 0 && err[5] >= '1' && err[5] <= '9',
	     "truncated: message has a line number: %s", err);
	T_OK(err[0] && err[strlen(err) - 1] != '\n', "truncated: no trailing newline");
	doc_free(d);
}

static void test_xxe(void)
{
	static const char xxe[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE RULE [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
		"<RULE><SUBJECT>Subject</SUBJECT><P>&xxe;</P><P>after</P></RULE>\n";
	static const char ext_dtd[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE RULE SYSTEM \"file:///etc/passwd\">\n"
		"<RULE><P>text</P></RULE>\n";
	char err[256];
	int rc;
	pdx_doc *d = read_mem(xxe, sizeof xxe - 1, &rc, err, sizeof err);
	T_OK(rc == PDX_OK || rc == PDX_EFORMAT, "xxe: returns (%d %s)", rc, err);
	T_OK(find_block(d, "root:") < 0, "xxe: /etc/passwd not read");
	T_OK(rc != PDX_OK || find_exact(d, PDX_PARAGRAPH, "after") >= 0,
	     "xxe: text around the reference kept");
	doc_free(d);
	d = read_mem(ext_dtd, sizeof ext_dtd - 1, &rc, err, sizeof err);
	T_OK(find_block(d, "root:") < 0 && !strstr(err, "root:"),
	     "external DTD: not loaded");
	doc_free(d);
}

static void test_laughs(void)
{
	pdx_buf b;
	char err[256];
	int rc;
	clock_t t0 = clock();
	pdx_doc *d;
	pdx_buf_init(&b);
	pdx_buf_adds(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE RULE [\n"
		 "<!ENTITY lol0 \"lol\">\n");
	for (int i = 1; i < 10; i++) {
		pdx_buf_printf(&b, "<!ENTITY lol%d \"", i);
		for (int j = 0; j < 10; j++)
			pdx_buf_printf(&b, "&lol%d;", i - 1);
		pdx_buf_adds(&b, "\">\n");
	}
	pdx_buf_adds(&b, "]>\n<RULE><SUBJECT>Laughs</SUBJECT><P>&lol9;</P><P>done</P></RULE>\n");
	d = read_mem(b.s, b.len, &rc, err, sizeof err);
	T_OK(rc == PDX_OK || rc == PDX_EFORMAT, "laughs: returns (%d %s)", rc, err);
	T_OK((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0, "laughs: quick");
	{
		size_t lol = 0;
		for (size_t i = 0; i < d->nblocks; i++)
			lol += count_str(d->blocks[i].text, "lol");
		T_OK(lol <= 3, "laughs: not expanded (%zu lol)", lol);
	}
	doc_free(d);
	pdx_buf_clear(&b);
}

static void test_not_fr(void)
{
	static const char html[] = "<?xml version=\"1.0\"?><html><body><p>x</p></body></html>";
	static const char bad[] = "<RULE><P>unclosed</RULE>";
	char err[256];
	int rc;
	pdx_doc *d = read_mem(html, sizeof html - 1, &rc, err, sizeof err);
	T_INT(rc, PDX_EFORMAT, "non-FR root: PDX_EFORMAT");
	T_STR(err, "not a Federal Register document (root <html>)", "non-FR root: message");
	doc_free(d);
	d = read_mem(bad, sizeof bad - 1, &rc, err, sizeof err);
	T_INT(rc, PDX_EFORMAT, "mismatched tags: PDX_EFORMAT");
	T_OK(strncmp(err, "line 1: ", 8) == 0, "mismatched tags: %s", err);
	doc_free(d);
	d = read_mem("", 0, &rc, err, sizeof err);
	T_INT(rc, PDX_EFORMAT, "empty: PDX_EFORMAT (%s)", err);
	doc_free(d);
}

static void test_deep(void)
{
	pdx_buf b;
	char err[256];
	int rc;
	pdx_doc *d;
	pdx_buf_init(&b);
	pdx_buf_adds(&b, "<RULE><P>top</P>");
	for (int i = 0; i < 100000; i++)
		pdx_buf_adds(&b, "<EXTRACT>");
	pdx_buf_adds(&b, "deep");
	for (int i = 0; i < 100000; i++)
		pdx_buf_adds(&b, "</EXTRACT>");
	pdx_buf_adds(&b, "</RULE>");
	d = read_mem(b.s, b.len, &rc, err, sizeof err);
	T_OK(rc == PDX_OK || rc == PDX_EFORMAT, "deep: returns (%d %s)", rc, err);
	doc_free(d);
	pdx_buf_clear(&b);
}

static void test_issue(void)
{
	static const char issue[] =
		"<?xml version=\"1.0\"?>\n"
		"<FEDREG><VOL>90</VOL><DATE>Monday, December 29, 2025</DATE>\n"
		"<CNTNTS><P>table of contents</P></CNTNTS>\n"
		"<RULES><RULE><PREAMB><AGENCY TYPE=\"F\">DEPARTMENT OF A</AGENCY>\n"
		"<SUBJECT>First rule</SUBJECT>\n"
		"<SUM><HD SOURCE=\"HED\">SUMMARY:</HD><P>Rule <E T=\"03\">one</E> text.</P></SUM>\n"
		"</PREAMB><SUPLINF><HD SOURCE=\"HD1\">I. Background</HD>\n"
		"<P>Body<PRTPAGE P=\"12\"/> continues.<FTREF>1</FTREF></P>\n"
		"<GPOTABLE><BOXHD><CHED>Col A</CHED><CHED>Col B</CHED></BOXHD>\n"
		"<ROW><ENT>a1</ENT><ENT>b1</ENT></ROW></GPOTABLE>\n"
		"<REGTEXT><SECTION><SECTNO>\xc2\xa7 214.2</SECTNO><SUBJECT>Special requirements.</SUBJECT>\n"
		"<P>(a) text.</P></SECTION></REGTEXT></SUPLINF></RULE></RULES>\n"
		"<NOTICES><NOTICE><SUBJECT>Second</SUBJECT><P>Notice text.</P></NOTICE></NOTICES>\n"
		"</FEDREG>\n";
	char err[256];
	int rc;
	pdx_doc *d = read_mem(issue, sizeof issue - 1, &rc, err, sizeof err);
	long i;
	T_INT(rc, PDX_OK, "issue: read (%s)", err);
	T_STR(d->published, "2025-12-29", "issue: date of the issue");
	T_STR(d->title, "First rule", "issue: title from the first SUBJECT");
	T_OK(find_block(d, "table of contents") < 0, "issue: contents left out");
	T_OK(find_exact(d, PDX_PARAGRAPH, "Rule one text.") >= 0, "issue: inline E flattened");
	T_OK(find_exact(d, PDX_PARAGRAPH, "Body continues.1") >= 0 ||
	     find_exact(d, PDX_PARAGRAPH, "Body continues. 1") >= 0,
	     "issue: PRTPAGE dropped, FTREF kept");
	i = find_exact(d, PDX_HEADING, "I. Background");
	T_OK(i >= 0 && d->blocks[i].level == 3, "issue: HD1 -> level 3");
	T_OK(find_exact(d, PDX_PARAGRAPH, "Col A | Col B") >= 0 &&
	     find_exact(d, PDX_PARAGRAPH, "a1 | b1") >= 0, "issue: table rows");
	i = find_exact(d, PDX_HEADING, "\xc2\xa7 214.2 Special requirements.");
	T_OK(i >= 0 && d->blocks[i].level == 6, "issue: section number and subject");
	T_OK(find_exact(d, PDX_PARAGRAPH, "Notice text.") >= 0 &&
	     find_exact(d, PDX_HEADING, "Second") > find_exact(d, PDX_PARAGRAPH, "(a) text."),
	     "issue: every document, in order");
	doc_free(d);
}

int main(void)
{
	char *buf = NULL;
	size_t len = 0;
	if (pdx_read_file(SAMPLE, PDX_MAX_FILE, &buf, &len) != PDX_OK) {
		T_OK(0, "read %s", SAMPLE);
		return t_done();
	}
	test_sample(buf, len);
	test_truncated(buf, len);
	free(buf);
	test_xxe();
	test_laughs();
	test_not_fr();
	test_deep();
	test_issue();
	return t_done();
}
