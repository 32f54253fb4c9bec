/* read.c - choose a reader by sniffing the content, check the bytes first,
 * and split clippings files into their articles. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read.h"
#include "polidex/util.h"

/* Longest block (paragraph, heading, item) a document may have, in bytes. */
#define PDX_MAX_BLOCK (1u << 20)

static const char *ext_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	return dot ? dot + 1 : "";
}

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

/* Case-insensitive prefix test on a bounded buffer. */
static bool has_prefix(const char *p, const char *end, const char *pre)
{
	size_t n = strlen(pre);
	return (size_t)(end - p) >= n && strncasecmp(p, pre, n) == 0;
}

/* Federal Register bulk XML: the first element is one of its roots. */
static bool looks_fr_xml(const char *p, const char *end)
{
	static const char *const roots[] = { "<FEDREG", "<RULE", "<PRORULE",
		"<NOTICE", "<PRESDOCU", "<RULES>", "<NOTICES>", "<PRESDOCS", NULL };
	for (;;) {
		p = skip_ws(p, end);
		if (has_prefix(p, end, "<?") || has_prefix(p, end, "<!")) {
			const char *gt = memchr(p, '>', (size_t)(end - p));
			/* a DOCTYPE's internal subset holds '>' of its own:
			 * skip to the "]" that closes it */
			const char *lb = memchr(p, '[', (size_t)(end - p));
			if (has_prefix(p, end, "<!DOCTYPE") && lb && gt && lb < gt) {
				const char *rb = memchr(lb, ']', (size_t)(end - lb));
				gt = rb ? memchr(rb, '>', (size_t)(end - rb)) : NULL;
			}
			if (!gt)
				return false;
			p = gt + 1;
			continue;
		}
		break;
	}
	for (int i = 0; roots[i]; i++) {
		size_t n = strlen(roots[i]);
		if ((size_t)(end - p) > n && strncmp(p, roots[i], n) == 0)
			return true;
	}
	return false;
}

static bool looks_html(const char *p, const char *end)
{
	p = skip_ws(p, end);
	if (has_prefix(p, end, "<!doctype html") || has_prefix(p, end, "<html"))
		return true;
	/* a fragment that starts with a tag: an HTML tag among the first
	 * kilobytes (read at each '<' only) */
	if (p >= end || *p != '<')
		return false;
	size_t n = (size_t)(end - p) < 4096 ? (size_t)(end - p) : 4096;
	static const char *const tags[] = { "<head", "<body", "<div", "<p>",
		"<p ", "<h1", "<h2", "<article", "<main", NULL };
	for (const char *q = p, *e = p + n; (q = memchr(q, '<', (size_t)(e - q))); q++) {
		for (int i = 0; tags[i]; i++) {
			size_t k = strlen(tags[i]);
			if ((size_t)(e - q) >= k && strncasecmp(q, tags[i], k) == 0)
				return true;
		}
	}
	return false;
}

/* Markdown: front matter, or ATX headings / list markers at line starts. */
static bool looks_markdown(const char *p, const char *end)
{
	if (has_prefix(p, end, "---\n") || has_prefix(p, end, "---\r\n"))
		return true;
	int hints = 0;
	const char *line = p;
	for (int i = 0; line < end && i < 200; i++) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *le = nl ? nl : end;
		if (le - line > 2 && line[0] == '#' && (line[1] == ' ' || line[1] == '#'))
			hints += 2;
		if (le - line > 4 && line[0] == '*' && line[1] == '*')
			hints++;
		if (memchr(line, '[', (size_t)(le - line)) &&
		    memchr(line, ']', (size_t)(le - line)) &&
		    strstr(line, "](") && strstr(line, "](") < le)
			hints++;
		line = nl ? nl + 1 : end;
	}
	return hints >= 2;
}

const char *read_sniff(const char *path, const char *buf, size_t len)
{
	const char *end = buf + len;
	if (len == 0)
		return NULL;
	if (memchr(buf, '\0', len))
		return NULL;
	if (read_fr_json_sniff(buf, len))
		return "fr-json";
	if (looks_fr_xml(buf, end))
		return "fr-xml";
	if (looks_html(buf, end))
		return "html";
	const char *ext = ext_of(path);
	if (strcasecmp(ext, "md") == 0 || strcasecmp(ext, "markdown") == 0)
		return "markdown";
	if (looks_markdown(buf, end))
		return "markdown";
	return "text";
}

/* Describe why bytes are not text: NUL byte, invalid UTF-8, or UTF-16. */
static int check_bytes(const char *buf, size_t len, char *err, size_t errlen)
{
	if (len == 0) {
		snprintf(err, errlen, "empty file");
		return PDX_EFORMAT;
	}
	if (len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
			 ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF))) {
		snprintf(err, errlen, "UTF-16 text is not supported (convert it to UTF-8, e.g. with iconv)");
		return PDX_EFORMAT;
	}
	const char *nul = memchr(buf, '\0', len);
	if (nul) {
		snprintf(err, errlen, "binary file (NUL byte at offset %zu)", (size_t)(nul - buf));
		return PDX_EFORMAT;
	}
	long bad = pdx_utf8_invalid_at(buf, len);
	if (bad >= 0) {
		size_t line = 1;
		for (long i = 0; i < bad; i++)
			line += buf[i] == '\n';
		snprintf(err, errlen, "invalid UTF-8 at byte %ld (line %zu)", bad, line);
		return PDX_EFORMAT;
	}
	return PDX_OK;
}

int read_file(const char *path, pdx_doclist *out, char *err, size_t errlen)
{
	char *buf = NULL;
	size_t len = 0;
	int rc = pdx_read_file(path, PDX_MAX_FILE, &buf, &len);
	if (rc == PDX_EIO) {
		snprintf(err, errlen, "%s", strerror(errno));
		return rc;
	}
	if (rc == PDX_EFORMAT) {
		snprintf(err, errlen, "file larger than %u MB", PDX_MAX_FILE >> 20);
		return rc;
	}
	if (rc)
		return rc;
	rc = read_buffer(path, buf, len, out, err, errlen);
	free(buf);
	return rc;
}

int read_buffer(const char *path, const char *buf, size_t len, pdx_doclist *out,
		char *err, size_t errlen)
{
	/* a UTF-8 byte order mark is dropped */
	const char *text = buf;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	int rc = check_bytes(text, len, err, errlen);
	pdx_doc *doc = NULL;
	if (rc)
		goto out;
	const char *fmt = read_sniff(path, text, len);
	if (!fmt) {
		snprintf(err, errlen, "not a document any reader can take");
		rc = PDX_EFORMAT;
		goto out;
	}
	if (strcmp(fmt, "fr-json") == 0) {
		size_t before = out->n;
		rc = read_fr_json(path, text, len, out, err, errlen);
		for (size_t k = before; rc == PDX_OK && k < out->n; k++)
			for (size_t i = 0; i < out->docs[k]->nblocks; i++)
				if (strlen(out->docs[k]->blocks[i].text) > PDX_MAX_BLOCK) {
					snprintf(err, errlen, "an entry's text is more than %u MB",
						 PDX_MAX_BLOCK >> 20);
					rc = PDX_EFORMAT;
					break;
				}
		goto out;
	}
	doc = doc_new(path);
	if (!doc) {
		rc = PDX_ENOMEM;
		goto out;
	}
	doc->format = fmt;
	if (strcmp(fmt, "fr-xml") == 0)
		rc = read_fr_xml(text, len, doc, err, errlen);
	else if (strcmp(fmt, "html") == 0)
		rc = read_html(text, len, doc, err, errlen);
	else if (strcmp(fmt, "markdown") == 0)
		rc = read_markdown(text, len, doc, err, errlen);
	else
		rc = read_text(text, len, doc, err, errlen);
	if (rc)
		goto out;
	if (doc->nblocks == 0) {
		snprintf(err, errlen, "no text content");
		rc = PDX_EFORMAT;
		goto out;
	}
	/* A paragraph of megabytes is no policy action, and the taggers'
	 * time grows with the matches in one record: refuse it here. */
	for (size_t i = 0; i < doc->nblocks; i++) {
		size_t n = strlen(doc->blocks[i].text);
		if (n > PDX_MAX_BLOCK) {
			snprintf(err, errlen, "paragraph at line %d is %zu bytes, more than %u MB",
				 doc->blocks[i].line, n, PDX_MAX_BLOCK >> 20);
			rc = PDX_EFORMAT;
			goto out;
		}
	}
	if (strcmp(fmt, "text") == 0) {
		size_t before = out->n;
		rc = read_split_clippings(doc, out);
		if (rc || out->n > before)
			goto out;
	}
	if (!doc->lang)
		doc_set(&doc->lang, doc_guess_lang(doc));
	/* no title line: the first sentence names the article (as for the
	 * articles of a clippings file), whatever its language */
	if (!doc->title || !doc->title[0]) {
		char *title = read_first_sentence(doc->blocks[0].text);
		if (!title) {
			rc = PDX_ENOMEM;
			goto out;
		}
		rc = doc_set(&doc->title, title);
		free(title);
		if (rc)
			goto out;
	}
	rc = doclist_push(out, doc);
	if (rc == PDX_OK)
		doc = NULL;
out:
	doc_free(doc);
	return rc;
}
