/* test_regress.c - regression tests for input that once crashed, hung or
 * misled the readers (from tests/bad/, the fuzzers in tests/fuzz/ and the
 * reliability review, issue 7). Each input goes through read_buffer or
 * pipeline_buffer as the indexer would feed it. Run from the repository
 * root (tests/run.sh does). */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "polidex/agencies.h"
#include "pipeline.h"
#include "read.h"
#include "polidex/util.h"

static pdx_gazetteer *gaz;
static pdx_tagger *tagger;	/* gaz's */

/* Read buf through read_buffer; return its status, the format of the first
 * document in fmt (or "") and all block text joined in *text (caller frees). */
static int read_str(const char *path, const char *buf, size_t len, char fmt[16],
		    char **text, char *err, size_t errlen)
{
	pdx_doclist l = { 0 };
	pdx_buf b;
	pdx_buf_init(&b);
	/* the readers want buf[len] == NUL: copy */
	char *s = malloc(len + 1);
	if (!s)
		return PDX_ENOMEM;
	memcpy(s, buf, len);
	s[len] = '\0';
	err[0] = '\0';
	int rc = read_buffer(path, s, len, &l, err, errlen);
	fmt[0] = '\0';
	if (rc == PDX_OK && l.n)
		snprintf(fmt, 16, "%s", l.docs[0]->format);
	for (size_t i = 0; i < l.n; i++)
		for (size_t k = 0; k < l.docs[i]->nblocks; k++) {
			pdx_buf_adds(&b, l.docs[i]->blocks[k].text);
			pdx_buf_addc(&b, '\n');
		}
	*text = b.s ? pdx_buf_take(&b) : pdx_strdup("");
	doclist_clear(&l);
	free(s);
	return rc;
}

static int read_path(const char *path, char fmt[16], char **text, char *err, size_t errlen)
{
	char *buf = NULL;
	size_t len = 0;
	if (pdx_read_file(path, PDX_MAX_FILE, &buf, &len) != PDX_OK) {
		*text = pdx_strdup("");
		snprintf(err, errlen, "cannot read %s (run from the repository root)", path);
		return PDX_EIO;
	}
	int rc = read_str(path, buf, len, fmt, text, err, errlen);
	free(buf);
	return rc;
}

/* Whole pipeline; returns its status and the number of records. */
static int pipe_str(const char *path, const char *buf, size_t len, size_t *nrec)
{
	char err[512];
	pdx_parsed p;
	char *s = malloc(len + 1);
	if (!s)
		return PDX_ENOMEM;
	memcpy(s, buf, len);
	s[len] = '\0';
	int rc = pipeline_buffer(tagger, path, s, len, &p, err, sizeof err);
	*nrec = 0;
	for (size_t i = 0; rc == PDX_OK && i < p.docs.n; i++)
		*nrec += p.recs[i].n;
	pipeline_clear(&p);
	free(s);
	return rc;
}

static void test_xml_entities(void)
{
	char fmt[16], err[512], *text;
	/* a DOCTYPE internal subset has '>' inside: the sniffer used to stop
	 * at the first one and read the file as HTML, DTD and all */
	int rc = read_path("tests/bad/xxe.xml", fmt, &text, err, sizeof err);
	T_INT(rc, PDX_OK, "xxe.xml reads (%s)", err);
	T_STR(fmt, "fr-xml", "xxe.xml is sniffed as Federal Register XML");
	T_OK(!strstr(text, "root:"), "xxe.xml: /etc/passwd not read in");
	T_OK(!strstr(text, "ENTITY"), "xxe.xml: the DTD is not text");
	T_OK(strstr(text, "Secret: Remote: Comments are due") != NULL,
	     "xxe.xml: external entity references dropped");
	free(text);

	rc = read_path("tests/bad/billion-laughs.xml", fmt, &text, err, sizeof err);
	/* libxml2 refuses the nested definitions ("entity reference loop")
	 * even unexpanded; reading it without expansion would do too */
	T_OK(rc == PDX_EFORMAT || (rc == PDX_OK && strcmp(fmt, "fr-xml") == 0),
	     "billion-laughs.xml: refused or read as FR XML (%s)", err);
	T_OK(strlen(text) < 1000, "billion-laughs.xml: entities not expanded (%zu bytes)",
	     strlen(text));
	free(text);

	rc = read_path("tests/bad/truncated.xml", fmt, &text, err, sizeof err);
	T_INT(rc, PDX_EFORMAT, "truncated.xml is refused");
	T_OK(strstr(err, "line ") != NULL, "truncated.xml: message names the line (%s)", err);
	free(text);

	/* a DOCTYPE with an unclosed internal subset: no hang, no overread */
	static const char open_subset[] = "<!DOCTYPE RULE [ <!ENTITY a \"b\">\n<RULE><P>x</P></RULE>";
	rc = read_str("f.xml", open_subset, sizeof open_subset - 1, fmt, &text, err, sizeof err);
	T_OK(rc == PDX_OK || rc == PDX_EFORMAT, "unclosed internal subset: read or refused");
	free(text);
}

static void test_bytes(void)
{
	static const struct {
		const char *path, *want;
	} cases[] = {
		{ "tests/bad/empty.txt", "empty file" },
		{ "tests/bad/image.png", "binary file" },
		{ "tests/bad/nul.txt", "binary file (NUL byte at offset 28)" },
		{ "tests/bad/invalid-utf8.txt", "invalid UTF-8 at byte 44 (line 2)" },
		{ "tests/bad/utf16-bom.txt", "UTF-16 text is not supported" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char fmt[16], err[512], *text;
		int rc = read_path(cases[i].path, fmt, &text, err, sizeof err);
		T_INT(rc, PDX_EFORMAT, "%s is refused", cases[i].path);
		T_OK(strstr(err, cases[i].want) != NULL, "%s: '%s' in '%s'", cases[i].path,
		     cases[i].want, err);
		free(text);
	}
}

static void test_deep_html(void)
{
	enum { DEPTH = 100000 };
	pdx_buf b;
	pdx_buf_init(&b);
	for (int i = 0; i < DEPTH; i++)
		pdx_buf_adds(&b, "<div>");
	pdx_buf_adds(&b, "The Secretary of Commerce shall act within 30 days.");
	for (int i = 0; i < DEPTH; i++)
		pdx_buf_adds(&b, "</div>");
	T_OK(b.s != NULL, "deep HTML built");
	if (!b.s)
		return;
	size_t n = 0;
	int rc = pipe_str("deep.html", b.s, b.len, &n);
	T_OK(rc == PDX_OK || rc == PDX_EFORMAT, "HTML nested %d deep: read or refused, no crash",
	     DEPTH);
	pdx_buf_clear(&b);

	/* unclosed: 100,000 open lists */
	pdx_buf_init(&b);
	pdx_buf_adds(&b, "<html><body>");
	for (int i = 0; i < DEPTH; i++)
		pdx_buf_adds(&b, "<ul><li>x");
	rc = b.s ? pipe_str("deep2.html", b.s, b.len, &n) : PDX_ENOMEM;
	T_OK(rc == PDX_OK || rc == PDX_EFORMAT, "100,000 unclosed lists: read or refused");
	pdx_buf_clear(&b);
}

static void test_long_lines(void)
{
	/* 2 MB of one line: refused before the taggers see it (their time
	 * grows with the square of the matches in one record) */
	size_t len = 2u << 20;
	char *big = malloc(len + 1);
	if (big) {
		char fmt[16], err[512], *text;
		for (size_t i = 0; i < len; i++)
			big[i] = "The Secretary shall act within 30 days. "[i % 40];
		big[len] = '\0';
		T_INT(read_str("big.txt", big, len, fmt, &text, err, sizeof err), PDX_EFORMAT,
		      "a 2 MB paragraph is refused");
		T_STR(err, "paragraph at line 1 is 2097152 bytes, more than 1 MB",
		      "a 2 MB paragraph: the message says why");
		free(text);
		free(big);
	}
	/* 256 KB of one line, text and Markdown; a 256 KB Markdown heading */
	len = 256u << 10;
	char *s = malloc(len + 1);
	if (!s)
		return;
	for (size_t i = 0; i < len; i++)
		s[i] = "The Secretary shall act within 30 days. "[i % 40];
	s[len] = '\0';
	size_t n = 0;
	T_INT(pipe_str("long.txt", s, len, &n), PDX_OK, "a 256 KB line of text is indexed");
	s[0] = '#';
	s[1] = ' ';
	T_INT(pipe_str("long.md", s, len, &n), PDX_OK, "a 256 KB Markdown heading is indexed");
	memset(s, '*', len);
	T_OK(pipe_str("stars.md", s, len, &n) != PDX_ENOMEM, "256 KB of '*' in Markdown: no crash");
	memset(s, '[', len);
	T_OK(pipe_str("brackets.md", s, len, &n) != PDX_ENOMEM, "256 KB of '[' in Markdown: no crash");
	memset(s, '<', len);
	T_OK(pipe_str("lt.html", s, len, &n) != PDX_ENOMEM, "256 KB of '<': no crash");
	free(s);
}

int main(void)
{
	char err[512];
	if (gazetteer_load_builtin(&gaz, err, sizeof err) != PDX_OK) {
		printf("not ok - built-in gazetteer: %s\n", err);
		return t_done() | 1;
	}
	if (tagger_new(&tagger, gaz) != PDX_OK) {
		printf("not ok - the agency tagger\n");
		gazetteer_free(gaz);
		return t_done() | 1;
	}
	test_xml_entities();
	test_bytes();
	test_deep_html();
	test_long_lines();
	tagger_free(tagger);
	gazetteer_free(gaz);
	return t_done();
}
