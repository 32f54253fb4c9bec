/* read.c - choose a reader by sniffing the content, check the bytes first,
 * and split clippings files into their articles. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* A PDF starts with "%PDF-"; readers accept it within the first kilobyte
 * (after a mail header or other junk), and so do we. */
static bool looks_pdf(const char *buf, size_t len)
{
	if (!buf || len < 5)	/* an empty file comes as NULL */
		return false;
	size_t n = len < 1024 ? len : 1024;
	for (const char *p = buf; (p = memchr(p, '%', (size_t)(buf + n - p))); p++)
		if ((size_t)(buf + len - p) >= 5 && memcmp(p, "%PDF-", 5) == 0)
			return true;
	return false;
}

const char *read_sniff(const char *path, const char *buf, size_t len)
{
	const char *end = buf + len;
	if (len == 0)
		return NULL;
	if (looks_pdf(buf, len))
		return "pdf";
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

/* The line of byte at of buf. */
static size_t line_at(const char *buf, size_t at)
{
	size_t line = 1;
	for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + at - p))); p++)
		line++;
	return line;
}

/* p past the first occurrence of the NUL-terminated needle in [p, end),
 * or end. */
static const char *past(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	while (p < end) {
		const char *q = memchr(p, needle[0], (size_t)(end - p));
		if (!q || (size_t)(end - q) < n)
			return end;
		if (strncasecmp(q, needle, n) == 0)
			return q + n;
		p = q + 1;
	}
	return end;
}

static bool name_char(char c)
{
	return c && !strchr(" \t\r\n/>=\"'", c);
}

int read_check_tags(const char *buf, size_t len, char *err, size_t errlen)
{
	const char *end = buf + len, *p = buf;
	while ((p = memchr(p, '<', (size_t)(end - p)))) {
		const char *tag = p++;
		if (p < end && *p == '!') {
			p = has_prefix(p, end, "!--") ? past(p + 3, end, "-->")
			  : has_prefix(p, end, "![CDATA[") ? past(p, end, "]]>") : past(p, end, ">");
			continue;
		}
		if (p < end && *p == '?') {
			p = past(p, end, "?>");
			continue;
		}
		if (p >= end || !((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
			continue;
		/* the element's name, then its attributes */
		const char *name = p;
		while (p < end && name_char(*p))
			p++;
		size_t namelen = (size_t)(p - name), attrs = 0;
		bool open = true;
		while (open && p < end) {
			if ((size_t)(p - tag) > PDX_MAX_TAG) {
				snprintf(err, errlen, "start tag <%.*s> at line %zu (byte %zu) is longer than %u MB",
					 (int)(namelen < 40 ? namelen : 40), name, line_at(buf, (size_t)(tag - buf)),
					 (size_t)(tag - buf), PDX_MAX_TAG >> 20);
				return PDX_EFORMAT;
			}
			char c = *p;
			if (c == '>') {
				open = false;
				p++;
			} else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/') {
				p++;
			} else if (c == '=') {
				p++;
				while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
					p++;
				if (p < end && (*p == '"' || *p == '\'')) {
					const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
					if (!q)
						return PDX_OK;	/* unclosed: the parser's business */
					p = q + 1;
				} else {
					while (p < end && name_char(*p))
						p++;
				}
			} else {
				if (++attrs > PDX_MAX_ATTRS) {
					snprintf(err, errlen, "start tag <%.*s> at line %zu (byte %zu) has more than"
						 " %d attributes", (int)(namelen < 40 ? namelen : 40), name,
						 line_at(buf, (size_t)(tag - buf)), (size_t)(tag - buf), PDX_MAX_ATTRS);
					return PDX_EFORMAT;
				}
				const char *at = p;
				while (p < end && name_char(*p))
					p++;
				if (p == at)
					p++;	/* a stray quote: one character */
			}
		}
		/* the contents of script and style are text, not markup */
		if ((namelen == 6 && strncasecmp(name, "script", 6) == 0))
			p = past(p, end, "</script");
		else if (namelen == 5 && strncasecmp(name, "style", 5) == 0)
			p = past(p, end, "</style");
	}
	return PDX_OK;
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

static int read_open(const char *path, int flags, size_t max, char **out, size_t *len,
		     char *err, size_t errlen)
{
	*out = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | flags);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd < 0 && errno == ELOOP && (flags & O_NOFOLLOW))
			snprintf(err, errlen, "a symbolic link now, not followed");
		else
			snprintf(err, errlen, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return PDX_EIO;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s, not a regular file",
			 S_ISDIR(st.st_mode) ? "a folder" : S_ISFIFO(st.st_mode) ? "a FIFO"
			 : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
			 : S_ISSOCK(st.st_mode) ? "a socket" : "something else");
		close(fd);
		return PDX_EIO;
	}
	if ((uint64_t)st.st_size > max) {
		snprintf(err, errlen, "file larger than %zu MB", max >> 20);
		close(fd);
		return PDX_EFORMAT;
	}
	/* regular files do not block: the flag only guarded the open */
	pdx_buf b;
	pdx_buf_init(&b);
	char chunk[65536];
	int rc = PDX_OK;
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "%s", strerror(errno));
			rc = PDX_EIO;
			break;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > max) {	/* it grew since fstat */
			snprintf(err, errlen, "file larger than %zu MB", max >> 20);
			rc = PDX_EFORMAT;
			break;
		}
		if (pdx_buf_add(&b, chunk, (size_t)n)) {
			snprintf(err, errlen, "out of memory");
			rc = PDX_ENOMEM;
			break;
		}
	}
	close(fd);
	size_t n = b.len;
	if (rc == PDX_OK && !(*out = pdx_buf_take(&b))) {
		snprintf(err, errlen, "out of memory");
		rc = PDX_ENOMEM;
	}
	if (rc) {
		pdx_buf_clear(&b);
		return rc;
	}
	*len = n;
	return PDX_OK;
}

int read_whole(const char *path, size_t max, char **out, size_t *len, char *err,
	       size_t errlen)
{
	return read_open(path, 0, max, out, len, err, errlen);
}

int read_whole_nofollow(const char *path, size_t max, char **out, size_t *len, char *err,
			size_t errlen)
{
	return read_open(path, O_NOFOLLOW, max, out, len, err, errlen);
}

int read_file(const char *path, pdx_doclist *out, char *err, size_t errlen)
{
	char *buf = NULL;
	size_t len = 0;
	int rc = read_whole(path, PDX_MAX_FILE, &buf, &len, err, errlen);
	if (rc)
		return rc;
	rc = read_buffer(path, buf, len, out, err, errlen);
	free(buf);
	return rc;
}

int read_buffer(const char *path, const char *buf, size_t len, pdx_doclist *out,
		char *err, size_t errlen)
{
	/* a PDF is binary: it skips the checks for text */
	bool pdf = looks_pdf(buf, len);
	/* a UTF-8 byte order mark is dropped */
	const char *text = buf;
	if (!pdf && len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	int rc = pdf ? PDX_OK : check_bytes(text, len, err, errlen);
	pdx_doc *doc = NULL;
	char *lf = NULL;
	if (rc)
		goto out;
	if (!pdf && strcasecmp(ext_of(path), "pdf") == 0) {
		snprintf(err, errlen, "not a PDF (no %%PDF- header)");
		rc = PDX_EFORMAT;
		goto out;
	}
	/* old Mac line ends: a CR alone ends a line as LF does (readers split
	 * lines at LF; CR LF stays as it is); a PDF is binary */
	for (const char *cr = pdf ? NULL : memchr(text, '\r', len); cr;
	     cr = memchr(cr + 1, '\r', len - (size_t)(cr + 1 - text))) {
		if (cr + 1 < text + len && cr[1] == '\n')
			continue;
		if (!(lf = malloc(len + 1))) {
			rc = PDX_ENOMEM;
			goto out;
		}
		memcpy(lf, text, len);
		lf[len] = '\0';
		for (size_t i = 0; i < len; i++)
			if (lf[i] == '\r' && (i + 1 == len || lf[i + 1] != '\n'))
				lf[i] = '\n';
		text = lf;
		break;
	}
	const char *fmt = pdf ? "pdf" : read_sniff(path, text, len);
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
	if (pdf)
		rc = read_pdf(buf, len, doc, err, errlen);
	else if (strcmp(fmt, "fr-xml") == 0)
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
	 * time grows with the matches in one record: refuse it here; and
	 * metadata (a front matter's title) of that size the same. */
	const struct { const char *name, *value; } meta[] = {
		{ "title", doc->title }, { "date", doc->published },
		{ "source URL", doc->source_url }, { "language", doc->lang },
	};
	for (size_t i = 0; i < sizeof meta / sizeof *meta; i++) {
		size_t n = meta[i].value ? strlen(meta[i].value) : 0;
		if (n > PDX_MAX_BLOCK) {
			snprintf(err, errlen, "%s is %zu bytes, more than %u MB", meta[i].name, n,
				 PDX_MAX_BLOCK >> 20);
			rc = PDX_EFORMAT;
			goto out;
		}
	}
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
	free(lf);
	return rc;
}
