/* read_markdown.c - the Markdown reader: YAML front matter for metadata, a
 * line-oriented block parser close to CommonMark, and an inline pass that
 * leaves plain text.
 *
 * It is tuned to the pandoc mirrors of whitehouse.gov pages in the corpus,
 * which depart from CommonMark in two ways that matter:
 *
 *  - Paragraph starts are indented (often four or more spaces), so an
 *    indented line never opens a code block here: it starts or continues a
 *    paragraph like any other line. Only fenced code is code.
 *
 *  - Decision: a hard line break (two or more trailing spaces, or a trailing
 *    backslash) ends the block, and the next line starts a new paragraph.
 *    The proclamation mirrors mark each paragraph of the original that way
 *    (the next line indented, no blank line between), and reading them as
 *    one paragraph would fuse the subsections (a), (b), (c) of an order into
 *    one block that segmentation could not cut again. The price is that a
 *    rare deliberate line break inside a sentence splits it in two. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"
#include "read_markdown_int.h"

/* Deeper lists are read as if at this depth. */
#define MD_MAX_DEPTH 32

/* ------------------------------------------------------------------ */
/* Lines */

/* Cut buf into lines; "\r\n" and "\n" both end a line. Caller frees *out. */
static int md_split_lines(const char *buf, size_t len, md_line **out,
			  size_t *n)
{
	size_t cap = 1;
	for (size_t i = 0; i < len; i++)
		cap += buf[i] == '\n';
	md_line *v = malloc(cap * sizeof *v);
	if (!v)
		return PDX_ENOMEM;
	size_t k = 0, start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && buf[i] != '\n')
			continue;
		if (i == len && start == len && k > 0)
			break;	/* the final line end does not open a line */
		size_t e = i;
		if (e > start && buf[e - 1] == '\r')
			e--;
		v[k++] = (md_line){ buf + start, e - start };
		start = i + 1;
	}
	*out = v;
	*n = k;
	return PDX_OK;
}

/* True when s[0..n) contains the NUL-free string w. */
static bool md_contains(const char *s, size_t n, const char *w)
{
	size_t wn = strlen(w);
	for (size_t i = 0; i + wn <= n; i++)
		if (memcmp(s + i, w, wn) == 0)
			return true;
	return false;
}

/* Leading white space of s: its width in columns (tab stops of 4) and in
 * bytes. */
static int md_indent(const char *s, size_t n, size_t *bytes)
{
	int col = 0;
	size_t i = 0;
	for (; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		col = s[i] == '\t' ? col + 4 - col % 4 : col + 1;
	*bytes = i;
	return col;
}

/* ------------------------------------------------------------------ */
/* Blocks */

typedef struct {
	pdx_doc *doc;
	pdx_buf raw;		/* source of the open block, lines joined by \n */
	int type;		/* 0 (none), PDX_PARAGRAPH, PDX_ITEM, PDX_HEADING */
	int level, line;
	bool quote;		/* the open paragraph is a blockquote */
	bool broke;		/* its last line ended in a hard break */
	int lists[MD_MAX_DEPTH]; /* content column of each open list item */
	int depth;
	size_t last_para;	/* 1 + index of the last plain paragraph, if it
				 * is the last block; else 0 */
} md_parser;

/* A paragraph that is one strong span and nothing else ("**Recommended
 * Policy Actions**"): sets the span's content. */
static bool md_bold_only(const char *s, size_t n, const char **in, size_t *inlen)
{
	md_trim(&s, &n);
	if (n < 5 || !((s[0] == '*' && s[1] == '*') || (s[0] == '_' && s[1] == '_')) ||
	    s[n - 1] != s[0] || s[n - 2] != s[0])
		return false;
	const char *c = s + 2;
	size_t cn = n - 4;
	if (md_is_ws(c[0]) || md_is_ws(c[cn - 1]) || c[cn - 1] == '\\')
		return false;
	for (size_t i = 0; i + 1 < cn; i++)
		if (c[i] == s[0] && c[i + 1] == s[0])
			return false;
	*in = c;
	*inlen = cn;
	return true;
}

/* Repair: a paragraph that stops mid-sentence (on a letter, digit or
 * comma) and one that goes on in lowercase are one paragraph cut by a
 * stray blank line or a hard break inside a sentence, both of which the
 * mirrors have ("the highest-ranking" / "official or officials of"). */
static bool md_rejoin(const md_parser *p, const char *text)
{
	const char *t = text;
	while (*t == ' ' || *t == '\n' || *t == '\t')
		t++;
	if (!p->last_para || p->last_para != p->doc->nblocks || !islower((unsigned char)*t))
		return false;
	const char *prev = p->doc->blocks[p->last_para - 1].text;
	size_t n = strlen(prev);
	return n && (isalnum((unsigned char)prev[n - 1]) || prev[n - 1] == ',');
}

static int md_rejoin_add(md_parser *p, const char *text)
{
	pdx_block *b = &p->doc->blocks[p->last_para - 1];
	pdx_buf j;
	pdx_buf_init(&j);
	if (pdx_buf_adds(&j, b->text) || pdx_buf_addc(&j, ' ') || pdx_buf_adds(&j, text)) {
		pdx_buf_clear(&j);
		return PDX_ENOMEM;
	}
	pdx_squeeze_space(j.s);
	free(b->text);
	b->text = pdx_buf_take(&j);
	return PDX_OK;
}

static int md_flush(md_parser *p)
{
	if (!p->type)
		return PDX_OK;
	int type = p->type, level = p->level;
	const char *s = p->raw.s ? p->raw.s : "";
	size_t n = p->raw.len;
	if (type == PDX_PARAGRAPH && !p->quote && md_bold_only(s, n, &s, &n)) {
		type = PDX_HEADING;
		level = 0;
	}
	pdx_buf out;
	pdx_buf_init(&out);
	int rc = md_inline(s, n, &out);
	bool plain = type == PDX_PARAGRAPH && !p->quote;
	if (rc == PDX_OK && plain && md_rejoin(p, out.s))
		rc = md_rejoin_add(p, out.s);
	else if (rc == PDX_OK) {
		size_t before = p->doc->nblocks;
		rc = doc_add_block(p->doc, type, level, p->line, out.s);
		if (p->doc->nblocks > before)
			p->last_para = plain ? p->doc->nblocks : 0;
	}
	pdx_buf_clear(&out);
	p->raw.len = 0;
	p->type = 0;
	p->quote = p->broke = false;
	return rc;
}

/* Add a line (indentation already cut) to the open block, noting and
 * removing a hard break at its end. */
static int md_take_line(md_parser *p, const char *s, size_t n)
{
	size_t sp = 0, bs = 0;
	while (sp < n && s[n - 1 - sp] == ' ')
		sp++;
	while (bs < n && s[n - 1 - bs] == '\\')
		bs++;
	p->broke = sp >= 2 || bs % 2 == 1;
	if (bs % 2 == 1)
		n--;
	/* Hard-wrapped text breaks compounds after their hyphen
	 * ("open-" / "source"); such a line joins the next without space. */
	const char *r = p->raw.s;
	size_t rl = p->raw.len;
	int rc = PDX_OK;
	if (rl && !(rl >= 2 && r[rl - 1] == '-' && isalnum((unsigned char)r[rl - 2])))
		rc = pdx_buf_addc(&p->raw, '\n');
	return rc == PDX_OK ? pdx_buf_add(&p->raw, s, n) : rc;
}

static int md_open(md_parser *p, int type, int level, int line,
		   const char *s, size_t n)
{
	int rc = md_flush(p);
	if (rc != PDX_OK)
		return rc;
	p->type = type;
	p->level = level;
	p->line = line;
	return md_take_line(p, s, n);
}

/* Lists whose content column is right of ind end at a line indented ind. */
static void md_close_lists(md_parser *p, int ind)
{
	while (p->depth > 0 && ind < p->lists[p->depth - 1])
		p->depth--;
}

static bool md_thematic(const char *s, size_t n)
{
	if (!n || !md_in("-*_", s[0]))
		return false;
	int count = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == s[0])
			count++;
		else if (!md_is_ws(s[i]))
			return false;
	}
	return count >= 3;
}

/* "===" or "---" under a paragraph: returns the heading level or 0. */
static int md_setext(const char *s, size_t n)
{
	md_trim(&s, &n);
	if (!n || (s[0] != '=' && s[0] != '-'))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != s[0])
			return 0;
	return s[0] == '=' ? 1 : 2;
}

/* "# Title ##": returns the level and sets the text, or 0. */
static int md_atx(const char *s, size_t n, const char **t, size_t *tn)
{
	int lvl = 0;
	while ((size_t)lvl < n && s[lvl] == '#')
		lvl++;
	if (lvl < 1 || lvl > 6 || ((size_t)lvl < n && !md_is_ws(s[lvl])))
		return 0;
	const char *c = s + lvl;
	size_t cn = n - (size_t)lvl;
	md_trim(&c, &cn);
	size_t k = cn;
	while (k && c[k - 1] == '#')
		k--;
	if (k == 0 || md_is_ws(c[k - 1]))
		cn = k;
	md_trim(&c, &cn);
	*t = c;
	*tn = cn;
	return lvl;
}

/* A list marker ("-", "*", "+", "1.", "1)") at s: sets its width, and the
 * start number of an ordered list (-1 for bullets). */
static bool md_marker(const char *s, size_t n, size_t *width, long *num)
{
	size_t k = 0;
	*num = -1;
	if (n && md_in("-*+", s[0])) {
		k = 1;
	} else {
		long v = 0;
		while (k < n && k < 9 && isdigit((unsigned char)s[k]))
			v = v * 10 + (s[k++] - '0');
		if (k == 0 || k >= n || (s[k] != '.' && s[k] != ')'))
			return false;
		*num = v;
		k++;
	}
	if (k < n && s[k] != ' ' && s[k] != '\t')
		return false;
	*width = k;
	return true;
}

/* Lines of a fenced code block from L[i] (the opening fence, indented ind,
 * fence fch x flen) go out verbatim as one paragraph. Returns the index of
 * the closing fence (or the last line). */
static size_t md_fenced(md_parser *p, const md_line *L, size_t n, size_t i,
			int ind, char fch, size_t flen, int *rc)
{
	pdx_buf code;
	pdx_buf_init(&code);
	size_t j = i + 1;
	for (; j < n && *rc == PDX_OK; j++) {
		size_t off;
		md_indent(L[j].s, L[j].len, &off);
		const char *t = L[j].s + off;
		size_t tn = L[j].len - off, k = 0;
		while (k < tn && t[k] == fch)
			k++;
		if (k >= flen && md_blank(t + k, tn - k))
			break;
		/* keep the code's own indentation beyond the fence's */
		size_t cut = 0;
		for (int col = 0; cut < L[j].len && col < ind && L[j].s[cut] == ' '; col++)
			cut++;
		if (code.len)
			*rc = pdx_buf_addc(&code, '\n');
		if (*rc == PDX_OK)
			*rc = pdx_buf_add(&code, L[j].s + cut, L[j].len - cut);
	}
	if (*rc == PDX_OK && code.len)
		*rc = doc_add_block(p->doc, PDX_PARAGRAPH, 0, (int)i + 1, code.s);
	pdx_buf_clear(&code);
	return j < n ? j : n - 1;
}

/* A hard break that cuts a sentence: the open block ends on a letter, a
 * digit or a comma ("Under President" / "Trump's leadership", "ability
 * to" / "safely traverse Mars") and the next line opens nothing of its
 * own (no subsection or list marker, numbered paragraph, section, heading
 * or line in capitals). The block goes on; a paragraph of the mirrors,
 * which ends its sentence before its hard break, still ends there. */
static bool md_goes_on(const md_parser *p, const char *t, size_t tn)
{
	size_t rl = p->raw.len;
	while (rl && (p->raw.s[rl - 1] == ' ' || p->raw.s[rl - 1] == '\n'))
		rl--;
	if (!rl || p->type == PDX_HEADING || p->quote)
		return false;
	unsigned char last = (unsigned char)p->raw.s[rl - 1];
	if (!(isalnum(last) || last == ','))
		return false;
	if (!tn || t[0] == '(' || t[0] == '#' || t[0] == '|' || t[0] == '>' ||
	    ((t[0] == '-' || t[0] == '*' || t[0] == '+') && tn > 1 && t[1] == ' '))
		return false;
	size_t d = 0;
	while (d < tn && isdigit((unsigned char)t[d]))
		d++;
	if (d && d < tn && (t[d] == '.' || t[d] == ')'))
		return false;	/* "2.  The Secretary found" */
	if (tn >= 3 && !strncmp(t, "Sec", 3))
		return false;
	bool lower = false, upper = false;
	for (size_t i = 0; i < tn; i++) {
		lower |= islower((unsigned char)t[i]) != 0;
		upper |= isupper((unsigned char)t[i]) != 0;
	}
	return lower || !upper;	/* "THE WHITE HOUSE," stands alone */
}

/* The block structure of lines L[first..n). */
static int md_blocks(md_parser *p, const md_line *L, size_t n, size_t first)
{
	int rc = PDX_OK;
	for (size_t i = first; i < n && rc == PDX_OK; i++) {
		const char *s = L[i].s;
		size_t len = L[i].len, off;
		int no = (int)i + 1, lvl;
		if (md_blank(s, len)) {
			rc = md_flush(p);
			continue;
		}
		int ind = md_indent(s, len, &off);
		const char *t = s + off, *ht;
		size_t tn = len - off, htn, mw;
		long num;
		if (p->type && p->broke && !md_goes_on(p, t, tn) && (rc = md_flush(p)) != PDX_OK)
			break;
		bool cont = p->type != 0;

		if (cont && p->type == PDX_PARAGRAPH && !p->quote && ind <= 3 &&
		    (lvl = md_setext(t, tn))) {
			p->type = PDX_HEADING;
			p->level = lvl;
			rc = md_flush(p);
		} else if (md_thematic(t, tn)) {
			rc = md_flush(p);
			md_close_lists(p, ind);
		} else if ((lvl = md_atx(t, tn, &ht, &htn))) {
			md_close_lists(p, ind);
			rc = md_open(p, PDX_HEADING, lvl, no, ht, htn);
			if (rc == PDX_OK)
				rc = md_flush(p);
		} else if (tn >= 3 && (t[0] == '`' || t[0] == '~') &&
			   t[1] == t[0] && t[2] == t[0] &&
			   !(t[0] == '`' && memchr(t + 3, '`', tn - 3))) {
			size_t flen = 3;
			while (flen < tn && t[flen] == t[0])
				flen++;
			if ((rc = md_flush(p)) != PDX_OK)
				break;
			md_close_lists(p, ind);
			i = md_fenced(p, L, n, i, ind, t[0], flen, &rc);
		} else if (tn >= 4 && memcmp(t, "<!--", 4) == 0) {
			/* An HTML comment block; pandoc puts one between lists
			 * that would otherwise merge. */
			if ((rc = md_flush(p)) != PDX_OK)
				break;
			md_close_lists(p, ind);
			const char *from = t + 4;
			size_t left = tn - 4;
			while (!md_contains(from, left, "-->") && i + 1 < n) {
				i++;
				from = L[i].s;
				left = L[i].len;
			}
		} else if (t[0] == '>') {
			while (tn && (t[0] == '>' || md_is_ws(t[0]))) {
				bool mark = t[0] == '>';
				t++;
				tn--;
				if (mark && tn && t[0] == ' ') {
					t++;
					tn--;
				}
			}
			if (!tn) {
				rc = md_flush(p);
			} else if (cont && p->quote) {
				rc = md_take_line(p, t, tn);
			} else {
				md_close_lists(p, ind);
				rc = md_open(p, PDX_PARAGRAPH, 0, no, t, tn);
				p->quote = true;
			}
		} else if (md_marker(t, tn, &mw, &num) &&
			   (!cont || p->type == PDX_ITEM ||
			    (!md_blank(t + mw, tn - mw) && num <= 1))) {
			/* Content starts 1-4 columns after the marker; more
			 * white space than that belongs to the content. */
			size_t k = mw;
			int col = ind + (int)mw, sp = 0;
			while (k < tn && (t[k] == ' ' || t[k] == '\t')) {
				sp += t[k] == '\t' ? 4 - (col + sp) % 4 : 1;
				k++;
			}
			int content = col + (sp >= 1 && sp <= 4 && k < tn ? sp : 1);
			md_close_lists(p, ind);
			if (p->depth < MD_MAX_DEPTH)
				p->lists[p->depth++] = content;
			else
				p->lists[p->depth - 1] = content;
			rc = md_open(p, PDX_ITEM, p->depth, no, t + k, tn - k);
		} else if (cont) {
			rc = md_take_line(p, t, tn);
		} else if (t[0] == '[' && tn > 1 && t[1] != '^' && ind <= 3 &&
			   (ht = memchr(t, ']', tn)) && ht + 1 < t + tn && ht[1] == ':') {
			/* a link reference definition: no text */
		} else {
			md_close_lists(p, ind);
			rc = md_open(p, PDX_PARAGRAPH, 0, no, t, tn);
		}
	}
	if (rc == PDX_OK)
		rc = md_flush(p);
	return rc;
}

int read_markdown(const char *buf, size_t len, pdx_doc *doc, char *err,
		  size_t errlen)
{
	md_line *L = NULL;
	size_t n = 0, body = 0;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	doc->format = "markdown";
	int rc = md_split_lines(buf, len, &L, &n);
	if (rc == PDX_OK)
		rc = md_front_matter(L, n, doc, &body, err, errlen);
	md_parser p = { .doc = doc };
	pdx_buf_init(&p.raw);
	if (rc == PDX_OK)
		rc = md_blocks(&p, L, n, body);
	pdx_buf_clear(&p.raw);
	free(L);
	if (rc == PDX_OK && doc->nblocks == 0) {
		snprintf(err, errlen, "no text content");
		rc = PDX_EFORMAT;
	}
	/* Without a title in the front matter, the first top heading is one. */
	for (size_t i = 0; rc == PDX_OK && !doc->title && i < doc->nblocks; i++)
		if (doc->blocks[i].type == PDX_HEADING && doc->blocks[i].level == 1)
			rc = doc_set(&doc->title, doc->blocks[i].text);
	if (rc == PDX_ENOMEM)
		snprintf(err, errlen, "out of memory");
	return rc;
}
