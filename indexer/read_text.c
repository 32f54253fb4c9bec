/* read_text.c - plain text, including the layout pdftotext prints a PDF in:
 * page-number lines and form feeds dropped, the wrapped lines of one
 * paragraph or bullet joined (also across a page break), bullets and
 * headings recognised. Files with one paragraph per line (news clippings)
 * are told apart by their line lengths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "identify.h"
#include "read.h"
#include "polidex/date.h"
#include "polidex/util.h"

typedef struct {
	const char *s;		/* start of the line in the buffer */
	size_t len;		/* bytes, without the line end */
	size_t chars;		/* code points, without leading white space */
	int no;			/* 1-based line number */
} line_t;

/* A block being assembled before it goes into the document. */
typedef struct {
	pdx_block_type type;
	int level;
	int line;
	pdx_buf text;
	int nlines;
} pending_t;

static size_t count_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static bool blank(const line_t *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (!strchr(" \t\r\f\v", l->s[i]))
			return false;
	return true;
}

/* A page number: a line of one to four digits (roman numerals too). */
static bool page_number(const line_t *l)
{
	size_t i = 0, d = 0;
	while (i < l->len && strchr(" \t\r\f", l->s[i]))
		i++;
	size_t start = i;
	while (i < l->len && (l->s[i] >= '0' && l->s[i] <= '9'))
		i++, d++;
	if (d == 0) {
		while (i < l->len && strchr("ivxlc", l->s[i]))
			i++;
		d = i - start;
		if (d == 0 || d > 5)
			return false;
	}
	while (i < l->len && strchr(" \t\r\f", l->s[i]))
		i++;
	return i == l->len && d <= 4;
}

/* A rule line (=====, -----, _____) separates like a blank line. */
static bool rule_line(const line_t *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->len; i++) {
		char c = l->s[i];
		if (c == '=' || c == '-' || c == '_' || c == '*')
			n++;
		else if (!strchr(" \t\r\f", c))
			return false;
	}
	return n >= 3;
}

/* "AGENCY:", "DATES:", "FOR FURTHER INFORMATION CONTACT:" at the start of
 * a line open a new paragraph (Federal Register and similar layouts). */
static bool caps_label(const line_t *l)
{
	size_t i = 0, caps = 0;
	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	for (; i < l->len; i++) {
		char c = l->s[i];
		if (c >= 'A' && c <= 'Z')
			caps++;
		else if (c == ':')
			return caps >= 3;
		else if (c != ' ')
			return false;
	}
	return false;
}

/* Length of a bullet marker at the start of the line (after indent), with
 * its level in *level; 0 when the line is no bullet. */
static size_t bullet(const line_t *l, int *level)
{
	size_t i = 0;
	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t' || l->s[i] == '\f'))
		i++;
	size_t indent = i;
	static const struct { const char *m; int level; } marks[] = {
		{ "\u2022", 1 }, { "\u25CF", 1 }, { "\u25AA", 2 }, { "\u25E6", 2 },
		{ "\u25A0", 2 }, { "\u2023", 2 }, { "\u2013", 2 }, { "\u00B7", 1 },
		{ "o", 2 }, { "-", 1 }, { "*", 1 }, { NULL, 0 },
	};
	for (int k = 0; marks[k].m; k++) {
		size_t n = strlen(marks[k].m);
		if (i + n < l->len && memcmp(l->s + i, marks[k].m, n) == 0 &&
		    (l->s[i + n] == ' ' || l->s[i + n] == '\t')) {
			*level = marks[k].level + (indent >= 4 && marks[k].level == 1);
			size_t j = i + n;
			while (j < l->len && (l->s[j] == ' ' || l->s[j] == '\t'))
				j++;
			return j;
		}
	}
	return 0;
}

static bool is_stopword(const char *w, size_t n)
{
	static const char *const stop[] = { "a", "an", "the", "and", "or", "of",
		"for", "in", "on", "to", "with", "while", "at", "by", "from", "as",
		"into", "within", "that", "is", "be", "are", "its", "vs", "via",
		"nor", "but", "than", NULL };
	for (int i = 0; stop[i]; i++)
		if (strlen(stop[i]) == n && strncmp(stop[i], w, n) == 0)
			return true;
	return false;
}

/* Does a block's text read as a heading? Short, no closing punctuation,
 * and Title Case (or ALL CAPS); for CJK text short and without sentence
 * punctuation. Conservative: a missed heading costs less than a paragraph
 * taken for a section name. */
static bool heading_like(const char *t, int nlines)
{
	size_t n = strlen(t);
	if (n == 0 || nlines > 3)
		return false;
	size_t chars = count_chars(t, n);
	/* the last character decides a lot */
	const char *last = t + n - 1;
	while (last > t && ((unsigned char)*last & 0xC0) == 0x80)
		last--;
	static const char *const enders[] = { ".", ",", ";", ":", "!", "?",
		"\u3002", "\uFF0C", "\uFF1B", "\uFF1A", "\uFF01", "\uFF1F", "\u3001",
		"\"", "\u201D", NULL };
	for (int i = 0; enders[i]; i++)
		if (strcmp(last, enders[i]) == 0)
			return false;
	if (pdx_text_is_zh(t))
		return chars <= 60;
	if (chars > 160)
		return false;
	/* no sentence break inside: ". " after a word that is no
	 * abbreviation (U.S., Dr., e.g.) */
	for (const char *q = strstr(t, ". "); q; q = strstr(q + 1, ". ")) {
		const char *w = q;
		while (w > t && w[-1] != ' ')
			w--;
		if (q - w > 3 && memchr(w, '.', (size_t)(q - w)) == NULL)
			return false;
	}
	int words = 0, lower = 0;
	const char *p = t;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		size_t wl = (size_t)(p - w);
		const char *c = w;
		while (c < p && strchr("(\"'\u201C[", *c))
			c++;
		if (c == p)
			continue;
		if (*c >= '0' && *c <= '9')
			continue;
		if (words > 0 && is_stopword(w, wl))
			continue;
		words++;
		if (!((*c >= 'A' && *c <= 'Z') || ((unsigned char)*c >= 0x80)))
			lower++;
	}
	if (words == 0)
		return false;
	return lower == 0 || (words >= 4 && lower == 1);
}

static void pending_reset(pending_t *p)
{
	pdx_buf_clear(&p->text);
	p->type = 0;
	p->nlines = 0;
}

/* Append one line's text to the pending block, joining wrapped words. */
static int pending_add(pending_t *p, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t' || *s == '\f'))
		s++, n--;
	while (n && strchr(" \t\r\f", s[n - 1]))
		n--;
	if (n == 0)
		return PDX_OK;
	if (p->text.len) {
		char prev = p->text.s[p->text.len - 1];
		char prev2 = p->text.len > 1 ? p->text.s[p->text.len - 2] : ' ';
		bool hyphen = prev == '-' && prev2 != ' ' && prev2 != '-';
		bool cjk_join = false;
		int adv;
		if (p->text.len >= 3) {
			const char *q = p->text.s + p->text.len - 1;
			while (q > p->text.s && ((unsigned char)*q & 0xC0) == 0x80)
				q--;
			uint32_t a = pdx_utf8_decode(q, (size_t)(p->text.s + p->text.len - q), &adv);
			uint32_t b = pdx_utf8_decode(s, n, &adv);
			cjk_join = pdx_is_cjk(a) && pdx_is_cjk(b);
		}
		if (!hyphen && !cjk_join && pdx_buf_addc(&p->text, ' '))
			return PDX_ENOMEM;
	}
	p->nlines++;
	return pdx_buf_add(&p->text, s, n);
}

static int pending_flush(pending_t *p, pdx_doc *doc)
{
	int rc = PDX_OK;
	if (p->type && p->text.len) {
		pdx_block_type t = p->type;
		if (t == PDX_PARAGRAPH && heading_like(p->text.s, p->nlines))
			t = PDX_HEADING;
		rc = doc_add_block(doc, t, t == PDX_ITEM ? p->level : 0, p->line, p->text.s);
	}
	pending_reset(p);
	return rc;
}

/* Split the buffer into lines; form feeds become page breaks of their own. */
static line_t *split_lines(const char *buf, size_t len, size_t *nout)
{
	size_t cap = 64, n = 0;
	line_t *v = malloc(cap * sizeof *v);
	if (!v)
		return NULL;
	const char *p = buf, *end = buf + len;
	int no = 1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		size_t l = (size_t)(le - p);
		if (l && p[l - 1] == '\r')
			l--;
		if (n == cap) {
			line_t *w = realloc(v, (cap *= 2) * sizeof *v);
			if (!w) {
				free(v);
				return NULL;
			}
			v = w;
		}
		size_t lead = 0;
		while (lead < l && strchr(" \t\f", p[lead]))
			lead++;
		v[n++] = (line_t){ p, l, count_chars(p + lead, l - lead), no };
		no++;
		p = nl ? nl + 1 : end;
	}
	*nout = n;
	return v;
}

/* The width text is wrapped at, or 0 when lines are not wrapped (one
 * paragraph per line): the 80th percentile of non-blank line lengths. */
static size_t wrap_width(const line_t *v, size_t n)
{
	size_t hist[402] = { 0 }, total = 0;
	for (size_t i = 0; i < n; i++) {
		if (blank(&v[i]))
			continue;
		hist[v[i].chars > 400 ? 401 : v[i].chars]++;
		total++;
	}
	if (total == 0)
		return 0;
	size_t acc = 0, p80 = 0;
	for (size_t k = 0; k < 402; k++) {
		acc += hist[k];
		if (acc * 10 >= total * 8) {
			p80 = k;
			break;
		}
	}
	return p80 > 140 ? 0 : p80;
}

/* The first date in s written "Month D, YYYY" or "MM/DD/YYYY", as
 * YYYY-MM-DD in out; false when there is none. */
static bool fr_first_date(const char *s, char out[11])
{
	return identify_us_date(s, out);
}

/* Does a block start with label (case as written) followed by ':' or ' '? */
static bool fr_label(const char *t, const char *label)
{
	size_t n = strlen(label);
	return strncmp(t, label, n) == 0 && (t[n] == ':' || t[n] == ' ');
}

/* The name of a section of the Federal Register's issue, which heads a
 * document's pages and is no title. */
static bool fr_section_name(const char *t)
{
	static const char *const names[] = { "Presidential Documents", "Rules and Regulations",
		"Proposed Rules", "Notices", NULL };
	for (int i = 0; names[i]; i++)
		if (strcmp(t, names[i]) == 0)
			return true;
	return false;
}

/* "Executive Order 14319 of July 23, 2025", "Proclamation 10973 of ...",
 * "Memorandum of ...": the line that names a presidential document above
 * its title. */
static bool fr_presidential_line(const char *t)
{
	static const char *const heads[] = { "Executive Order ", "Proclamation ", "Memorandum of ",
		NULL };
	for (int i = 0; heads[i]; i++)
		if (strncmp(t, heads[i], strlen(heads[i])) == 0 && strstr(t, " of ") &&
		    !strchr(t, '.'))
			return true;
	return false;
}

/* Federal Register text: the GPO rendition starts with "[Federal Register
 * Volume 90, Number 185 (Friday, September 26, 2025)]", whose issue date is
 * the publication date. An excerpt that starts below that header still
 * dates itself: the running head of a printed page ("Federal Register /
 * Vol. 90, No. 142 / Monday, July 28, 2025 / Presidential Documents") or
 * a "Published:" / "Publication Date:" line; when it has none, a DATES
 * paragraph that states the publication ("... published on ...") does.
 * The subject (the first heading in mixed case after the header) is the
 * title. Only text shaped as the Federal Register prints it (that header,
 * that running head, or AGENCY: and ACTION: labels) is read so. */
static void fr_text_metadata(pdx_doc *doc)
{
	if (doc->nblocks == 0)
		return;
	bool header = strncmp(doc->blocks[0].text, "[Federal Register Volume", 24) == 0;
	bool agency = false, action = false;
	char date[11] = "", dates[11] = "";
	int found = 0;	/* 3 header, 2 running head, 1 a published line */
	for (size_t i = 0; i < doc->nblocks; i++) {
		const char *t = doc->blocks[i].text;
		agency |= fr_label(t, "AGENCY");
		action |= fr_label(t, "ACTION");
		char d[11];
		if (i == 0 && header) {
			const char *p = strchr(t, '(');
			if (p && fr_first_date(p, d)) {
				memcpy(date, d, sizeof d);
				found = 3;
			}
		} else if (found < 2 && strncmp(t, "Federal Register / Vol.", 23) == 0 &&
			   fr_first_date(t, d)) {
			memcpy(date, d, sizeof d);
			found = 2;
		} else if (found < 1 && (fr_label(t, "Published") || fr_label(t, "Publication Date") ||
					  fr_label(t, "Publication date")) && fr_first_date(t, d)) {
			memcpy(date, d, sizeof d);
			found = 1;
		} else if (!dates[0] && fr_label(t, "DATES") && strstr(t, "published on") &&
			   fr_first_date(strstr(t, "published on"), d)) {
			memcpy(dates, d, sizeof d);
		}
	}
	if (!header && found < 2 && !(agency && action))
		return;
	if (found)
		doc_set(&doc->published, date);
	else if (dates[0])
		doc_set(&doc->published, dates);
	/* an agency's document names its agency and sub-agency above its
	 * subject, which is the last heading before AGENCY: */
	const char *subject = NULL;
	for (size_t i = header ? 1 : 0; i < doc->nblocks; i++) {
		const pdx_block *b = &doc->blocks[i];
		if (fr_label(b->text, "AGENCY"))
			break;
		bool lower = false;
		for (const char *c = b->text; *c; c++)
			lower |= *c >= 'a' && *c <= 'z';
		if (b->type == PDX_HEADING && lower && b->text[0] != '[' &&
		    !strstr(b->text, "Federal Register") && !fr_section_name(b->text) &&
		    !fr_presidential_line(b->text) && strncmp(b->text, "RIN ", 4) != 0) {
			subject = b->text;
			if (!agency)
				break;	/* a presidential document: the first */
		}
	}
	if (subject)
		doc_set(&doc->title, subject);
}

int read_text(const char *buf, size_t len, pdx_doc *doc, char *err, size_t errlen)
{
	size_t n = 0;
	line_t *v = split_lines(buf, len, &n);
	if (!v)
		return PDX_ENOMEM;
	size_t width = wrap_width(v, n);
	pending_t p = { 0 };
	pdx_buf_init(&p.text);
	int rc = PDX_OK;
	bool page_break = false, gap = false;

	for (size_t i = 0; i < n && rc == PDX_OK; i++) {
		const line_t *l = &v[i];
		if (memchr(l->s, '\f', l->len))
			page_break = true;
		if (page_number(l)) {
			page_break = true;
			continue;
		}
		if (blank(l) || rule_line(l)) {
			gap = true;
			continue;
		}
		int level = 1;
		size_t mark = bullet(l, &level);
		if (!mark && p.type && gap && page_break && width) {
			/* a block cut by a page break goes on when the next
			 * line reads as its continuation */
			const char *t = p.text.s;
			char e = p.text.len ? t[p.text.len - 1] : '.';
			size_t k = 0;
			while (k < l->len && strchr(" \t\f", l->s[k]))
				k++;
			bool lower = k < l->len && l->s[k] >= 'a' && l->s[k] <= 'z';
			if (lower || e == '-' || e == ',' || e == ';') {
				rc = pending_add(&p, l->s, l->len);
				gap = page_break = false;
				continue;
			}
		}
		if (mark) {
			rc = pending_flush(&p, doc);
			p.type = PDX_ITEM;
			p.level = level;
			p.line = l->no;
			rc = rc ? rc : pending_add(&p, l->s + mark, l->len - mark);
		} else if (!p.type || gap || width == 0 || caps_label(l)) {
			rc = pending_flush(&p, doc);
			p.type = PDX_PARAGRAPH;
			p.line = l->no;
			rc = rc ? rc : pending_add(&p, l->s, l->len);
		} else {
			rc = pending_add(&p, l->s, l->len);
		}
		/* a short line ends its paragraph in wrapped text */
		if (rc == PDX_OK && width && p.type == PDX_PARAGRAPH &&
		    l->chars * 10 < width * 6 && i + 1 < n && !blank(&v[i + 1])) {
			rc = pending_flush(&p, doc);
		}
		gap = page_break = false;
	}
	if (rc == PDX_OK)
		rc = pending_flush(&p, doc);
	pending_reset(&p);
	free(v);
	if (rc == PDX_OK && doc->nblocks == 0) {
		snprintf(err, errlen, "no text content");
		return PDX_EFORMAT;
	}
	if (rc == PDX_OK)
		fr_text_metadata(doc);
	for (size_t i = 0; rc == PDX_OK && !doc->title && i < doc->nblocks; i++)
		if (doc->blocks[i].type == PDX_HEADING)
			rc = doc_set(&doc->title, doc->blocks[i].text);
	return rc;
}
