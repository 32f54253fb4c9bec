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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "read.h"
#include "polidex/util.h"

/* Deeper lists are read as if at this depth. */
#define MD_MAX_DEPTH 32
/* Links nested deeper than this inside link text are left as literal text. */
#define MD_MAX_LINKS 16

typedef struct {
	const char *s;
	size_t len;		/* without the line end */
} md_line;

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

static bool md_is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

/* strchr for a character that may be NUL (never in the set). */
static bool md_in(const char *set, char c)
{
	return c && strchr(set, c);
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

/* Only white space, no-break spaces (U+00A0) included: pages mirrored
 * from HTML keep &nbsp; lines that stand for empty ones. */
static bool md_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
			i++;
		else if (!md_is_ws(s[i]))
			return false;
	}
	return true;
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

static void md_trim(const char **s, size_t *n)
{
	while (*n && md_is_ws(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && md_is_ws((*s)[*n - 1]))
		(*n)--;
}

/* ------------------------------------------------------------------ */
/* YAML front matter: the subset the mirrors use (key: value lines, values
 * folded onto indented lines, quoted scalars, simple lists). */

static bool md_fence_line(const md_line *l, const char *mark)
{
	const char *s = l->s;
	size_t n = l->len;
	md_trim(&s, &n);
	return l->len >= 3 && memcmp(l->s, mark, 3) == 0 && n == 3;
}

/* The value of a YAML scalar without its quotes and escapes. Caller frees. */
static char *md_yaml_scalar(const char *s, size_t n)
{
	pdx_buf b;
	buf_init(&b);
	md_trim(&s, &n);
	int rc = PDX_OK;
	if (n && (s[0] == '"' || s[0] == '\'')) {
		char q = s[0];
		for (size_t i = 1; i < n && rc == PDX_OK; i++) {
			if (s[i] == q) {
				if (q == '\'' && i + 1 < n && s[i + 1] == '\'') {
					rc = buf_addc(&b, '\'');
					i++;
					continue;
				}
				break;
			}
			if (q == '"' && s[i] == '\\' && i + 1 < n) {
				char e = s[++i];
				rc = buf_addc(&b, e == 'n' ? '\n' : e == 't' ? '\t' : e);
				continue;
			}
			rc = buf_addc(&b, s[i]);
		}
	} else {
		/* Block scalar indicators (| >) announce the text that follows. */
		if (n && (s[0] == '|' || s[0] == '>')) {
			size_t i = 1;
			while (i < n && (s[i] == '-' || s[i] == '+' || isdigit((unsigned char)s[i])))
				i++;
			if (i == n || md_is_ws(s[i])) {
				s += i;
				n -= i;
			}
		}
		/* A comment needs white space before its '#' (URLs keep theirs). */
		for (size_t i = 1; i < n; i++)
			if (s[i] == '#' && md_is_ws(s[i - 1])) {
				n = i;
				break;
			}
		md_trim(&s, &n);
		rc = buf_add(&b, s, n);
	}
	if (rc != PDX_OK) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

/* Normalize an ISO-like date or date-time to ISO 8601 ("2025-07-23
 * 18:51:23-04:00" -> "2025-07-23T18:51:23-04:00") in out (64 bytes).
 * Returns the precision: 0 not a date, 1 date, 2 date-time, 3 with zone. */
static int md_iso_date(const char *s, char *out)
{
	static const char shape[] = "dddd-dd-dd";
	size_t i;
	for (i = 0; i < 10; i++) {
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != '-')
			return 0;
	}
	memcpy(out, s, 10);
	out[10] = '\0';
	const char *t = s + 10;
	if (!*t || !((*t == ' ' || *t == 'T' || *t == 't') && isdigit((unsigned char)t[1])))
		return 1;
	t++;
	size_t k = 10;
	out[k++] = 'T';
	while (k < 40 && (isdigit((unsigned char)*t) || *t == ':' || *t == '.'))
		out[k++] = *t++;
	out[k] = '\0';
	while (*t == ' ')
		t++;
	if (*t == 'Z' || *t == 'z') {
		out[k++] = 'Z';
		out[k] = '\0';
		return 3;
	}
	if ((*t == '+' || *t == '-') && isdigit((unsigned char)t[1])) {
		out[k++] = *t++;
		while (k < 62 && (isdigit((unsigned char)*t) || *t == ':'))
			out[k++] = *t++;
		out[k] = '\0';
		return 3;
	}
	return 2;
}

/* True when a tags value (scalar, flow or block list) holds tag. */
static bool md_has_tag(const char *v, const char *tag)
{
	size_t tl = strlen(tag);
	const char *p = v;
	while (*p) {
		while (*p && strchr(" \t\n,[]'\"", *p))
			p++;
		const char *q = p;
		while (*q && !strchr(" \t\n,[]'\"", *q))
			q++;
		if ((size_t)(q - p) == tl && strncasecmp(p, tag, tl) == 0)
			return true;
		p = q;
	}
	return false;
}

typedef struct {
	pdx_doc *doc;
	char date[64];
	int date_score;
	bool source_url;	/* source_url given: it beats url */
} md_meta;

static int md_meta_apply(md_meta *m, const char *key, const char *raw,
			 size_t rawlen)
{
	/* Among the date keys the most precise value wins; on a tie the key
	 * earlier in this list. */
	static const char *const date_keys[] = {
		"published_time", "published", "date_published", "date", NULL
	};
	char *v = md_yaml_scalar(raw, rawlen);
	if (!v)
		return PDX_ENOMEM;
	int rc = PDX_OK;
	if (!strcasecmp(key, "title")) {
		rc = doc_set(&m->doc->title, v);
	} else if (!strcasecmp(key, "source_url") ||
		   (!strcasecmp(key, "url") && !m->source_url)) {
		m->source_url |= !strcasecmp(key, "source_url");
		rc = doc_set(&m->doc->source_url, v);
	} else if (!strcasecmp(key, "lang") || !strcasecmp(key, "language")) {
		/* "en-US" -> "en": the index keeps the language only. */
		for (char *p = v; *p; p++) {
			if (*p == '-' || *p == '_') {
				*p = '\0';
				break;
			}
			*p = (char)tolower((unsigned char)*p);
		}
		rc = doc_set(&m->doc->lang, v);
	} else if (!strcasecmp(key, "tags") || !strcasecmp(key, "categories")) {
		if (md_has_tag(v, "fact-sheets") || md_has_tag(v, "fact-sheet"))
			rc = doc_set(&m->doc->kind, "fact_sheet");
	} else {
		for (int i = 0; date_keys[i]; i++) {
			char iso[64];
			int prec;
			if (strcasecmp(key, date_keys[i]) ||
			    !(prec = md_iso_date(v, iso)))
				continue;
			int score = prec * 10 + (9 - i);
			/* keep the text as the source gives it: the timeline
			 * quotes it verbatim and normalizes it itself */
			if (score > m->date_score) {
				m->date_score = score;
				snprintf(m->date, sizeof m->date, "%s", v);
			}
		}
	}
	free(v);
	return rc;
}

/* Read the front matter, if any, into doc; *body is the index of the first
 * line after it. */
static int md_front_matter(const md_line *L, size_t n, pdx_doc *doc,
			   size_t *body, char *err, size_t errlen)
{
	*body = 0;
	if (n == 0 || !md_fence_line(&L[0], "---"))
		return PDX_OK;
	size_t end = 1;
	while (end < n && !md_fence_line(&L[end], "---") &&
	       !md_fence_line(&L[end], "..."))
		end++;
	if (end == n) {
		snprintf(err, errlen,
			 "line 1: unterminated front matter (no closing '---')");
		return PDX_EFORMAT;
	}
	md_meta m = { .doc = doc };
	pdx_buf val;
	buf_init(&val);
	char key[40] = "";
	int rc = PDX_OK;
	for (size_t i = 1; i <= end && rc == PDX_OK; i++) {
		const char *s = L[i].s;
		size_t len = i < end ? L[i].len : 0;
		if (i < end && (md_blank(s, len) || s[0] == '#'))
			continue;
		/* Indented lines and "- item" lines continue the value above. */
		if (i < end && (md_is_ws(s[0]) || s[0] == '-')) {
			if (key[0]) {
				size_t k = len;
				md_trim(&s, &k);
				rc = buf_addc(&val, ' ');
				if (rc == PDX_OK)
					rc = buf_add(&val, s, k);
			}
			continue;
		}
		if (key[0])
			rc = md_meta_apply(&m, key, val.s ? val.s : "", val.len);
		key[0] = '\0';
		val.len = 0;
		if (rc != PDX_OK || i == end)
			break;
		size_t k = 0;
		while (k < len && k + 1 < sizeof key &&
		       (isalnum((unsigned char)s[k]) || s[k] == '_' || s[k] == '-'))
			k++;
		if (k == 0 || k >= len || s[k] != ':' ||
		    (k + 1 < len && !md_is_ws(s[k + 1])))
			continue;	/* not a key we can read */
		memcpy(key, s, k);
		key[k] = '\0';
		rc = buf_add(&val, s + k + 1, len - k - 1);
	}
	buf_free(&val);
	if (rc == PDX_OK && m.date_score)
		rc = doc_set(&doc->published, m.date);
	*body = end + 1;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Inline text: markup out, plain text left. */

enum { MD_SPACE, MD_PUNCT, MD_WORD };

static int md_class(uint32_t cp)
{
	if (cp == 0 || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == '\f' || cp == '\v' || cp == 0xA0 || cp == 0x3000 ||
	    (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F)
		return MD_SPACE;
	if (cp < 0x80)
		return ispunct((int)cp) ? MD_PUNCT : MD_WORD;
	if ((cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
	    (cp >= 0x3001 && cp <= 0x3011) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
	    cp == 0xA7 || cp == 0xAB || cp == 0xB7 || cp == 0xBB)
		return MD_PUNCT;
	return MD_WORD;
}

/* Class of the character before s[i] (start of text counts as space). */
static int md_class_before(const char *s, size_t i)
{
	if (i == 0)
		return MD_SPACE;
	size_t j = i - 1;
	while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	int adv;
	return md_class(utf8_decode(s + j, i - j, &adv));
}

static int md_class_at(const char *s, size_t i, size_t n)
{
	int adv;
	return i < n ? md_class(utf8_decode(s + i, n - i, &adv)) : MD_SPACE;
}

/* A run of '*' or '_' that may open or close emphasis; which of its
 * characters are markup is settled once the whole text has been seen. */
typedef struct {
	size_t pos;		/* in the output */
	int len;
	int used_open;		/* markup at its right end (as opener) */
	int used_close;		/* markup at its left end (as closer) */
	long prev;		/* previous run still in play, or -1 */
	char ch;
	bool can_open, can_close;
} md_delim;

typedef struct {
	md_delim *v;
	size_t n, cap;
} md_delims;

static int md_delim_left(const md_delim *d)
{
	return d->len - d->used_open - d->used_close;
}

/* Pair openers and closers as CommonMark's "process emphasis" does (rule
 * of three, nearest opener first, strong before emphasis), in linear time:
 * runs between a matched pair leave play, and a failed search sets a floor
 * for later closers of the same kind. */
static void md_emphasis(md_delims *d)
{
	long bottom[2][2][3];
	for (int a = 0; a < 2; a++)
		for (int b = 0; b < 2; b++)
			for (int c = 0; c < 3; c++)
				bottom[a][b][c] = -1;
	for (size_t c = 0; c < d->n; c++) {
		md_delim *cl = &d->v[c];
		if (!cl->can_close)
			continue;
		long *floor = &bottom[cl->ch == '_'][cl->can_open][cl->len % 3];
		while (md_delim_left(cl) > 0) {
			long o = cl->prev;
			while (o >= 0 && o > *floor) {
				md_delim *op = &d->v[o];
				bool odd = (op->can_close || cl->can_open) &&
					   (op->len + cl->len) % 3 == 0 &&
					   !(op->len % 3 == 0 && cl->len % 3 == 0);
				if (op->ch == cl->ch && op->can_open &&
				    md_delim_left(op) > 0 && !odd)
					break;
				o = op->prev;
			}
			if (o < 0 || o <= *floor) {
				*floor = (long)c - 1;
				break;
			}
			md_delim *op = &d->v[o];
			int use = md_delim_left(op) >= 2 && md_delim_left(cl) >= 2 ? 2 : 1;
			op->used_open += use;
			cl->used_close += use;
			cl->prev = md_delim_left(op) > 0 ? o : op->prev;
		}
		if (md_delim_left(cl) == 0 && c + 1 < d->n)
			d->v[c + 1].prev = cl->prev;
	}
}

/* What the inline pass knows about its text, so that no search runs twice
 * over the same stretch and hostile input (thousands of '[' or "<!--")
 * stays linear: the partner of every '[', and where a search for a closing
 * sequence has already failed. */
enum { MD_MISS_COMMENT, MD_MISS_GT, MD_MISS_DQ, MD_MISS_SQ,
       MD_MISS_PAREN, MD_MISS_TICK, MD_NMISS = MD_MISS_TICK + 16 };

typedef struct {
	const char *s;
	size_t n;
	size_t *open, *close;	/* each '[' and its ']' (SIZE_MAX: none) */
	size_t nopen, cur;
	struct { size_t from, lim; } miss[MD_NMISS]; /* nothing in [from, lim) */
} md_text;

static int md_text_init(md_text *t, const char *s, size_t n)
{
	memset(t, 0, sizeof *t);
	t->s = s;
	t->n = n;
	for (int k = 0; k < MD_NMISS; k++)
		t->miss[k].from = SIZE_MAX;
	size_t nb = 0;
	for (size_t i = 0; i < n; i++)
		nb += s[i] == '[';
	if (!nb)
		return PDX_OK;
	size_t *stack = malloc(nb * sizeof *stack);
	t->open = malloc(nb * sizeof *t->open);
	t->close = malloc(nb * sizeof *t->close);
	if (!stack || !t->open || !t->close) {
		free(stack);
		return PDX_ENOMEM;
	}
	size_t top = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\') {
			i++;
		} else if (s[i] == '[') {
			t->open[t->nopen] = i;
			t->close[t->nopen] = SIZE_MAX;
			stack[top++] = t->nopen++;
		} else if (s[i] == ']' && top) {
			t->close[stack[--top]] = i;
		}
	}
	free(stack);
	return PDX_OK;
}

static void md_text_free(md_text *t)
{
	free(t->open);
	free(t->close);
}

/* The ']' that closes the '[' at i (called with i increasing), or
 * SIZE_MAX. */
static size_t md_partner(md_text *t, size_t i)
{
	while (t->cur < t->nopen && t->open[t->cur] < i)
		t->cur++;
	return t->cur < t->nopen && t->open[t->cur] == i ? t->close[t->cur]
							 : SIZE_MAX;
}

/* Index of the first w in s[from..lim), or SIZE_MAX; key names w for the
 * memory of failed searches. */
static size_t md_find(md_text *t, int key, size_t from, size_t lim,
		      const char *w)
{
	if (from >= t->miss[key].from && lim <= t->miss[key].lim)
		return SIZE_MAX;
	size_t wn = strlen(w);
	for (size_t i = from; i + wn <= lim; i++)
		if (t->s[i] == w[0] && memcmp(t->s + i, w, wn) == 0)
			return i;
	t->miss[key].from = from;
	t->miss[key].lim = lim;
	return SIZE_MAX;
}

/* A code span at s[i] (a backtick run): its content goes out verbatim.
 * An unmatched run is literal. Returns the index after it. */
static size_t md_code_span(md_text *t, size_t i, size_t lim, pdx_buf *out,
			   int *rc)
{
	const char *s = t->s;
	size_t k = 0;
	while (i + k < lim && s[i + k] == '`')
		k++;
	int key = k < 16 ? MD_MISS_TICK + (int)k : -1;
	if (key < 0 || !(i >= t->miss[key].from && lim <= t->miss[key].lim)) {
		for (size_t j = i + k; j < lim;) {
			if (s[j] != '`') {
				j++;
				continue;
			}
			size_t m = 0;
			while (j + m < lim && s[j + m] == '`')
				m++;
			if (m == k) {
				const char *c = s + i + k;
				size_t cn = j - i - k;
				if (cn >= 2 && c[0] == ' ' && c[cn - 1] == ' ' &&
				    !md_blank(c, cn)) {
					c++;
					cn -= 2;
				}
				*rc = buf_add(out, c, cn);
				return j + m;
			}
			j += m;
		}
		if (key >= 0) {
			t->miss[key].from = i + k;
			t->miss[key].lim = lim;
		}
	}
	*rc = buf_add(out, s + i, k);
	return i + k;
}

static size_t md_skip_ws(const char *s, size_t j, size_t lim)
{
	while (j < lim && isspace((unsigned char)s[j]))
		j++;
	return j;
}

/* The "(dest "title")" of an inline link, from just after its '('.
 * Returns the index after the ')', or 0. */
static size_t md_link_tail(md_text *t, size_t j, size_t lim)
{
	const char *s = t->s;
	j = md_skip_ws(s, j, lim);
	if (j < lim && s[j] == '<') {
		for (j++; j < lim && s[j] != '>' && s[j] != '\n' && s[j] != '<'; j++)
			if (s[j] == '\\')
				j++;
		if (j >= lim || s[j] != '>')
			return 0;
		j++;
	} else {
		int depth = 0;
		for (; j < lim; j++) {
			char c = s[j];
			if (c == '\\' && j + 1 < lim) {
				j++;
			} else if ((unsigned char)c <= ' ') {
				break;
			} else if (c == '(') {
				if (++depth > 32)
					return 0;
			} else if (c == ')') {
				if (depth == 0)
					break;
				depth--;
			}
		}
	}
	size_t ws = j;
	j = md_skip_ws(s, j, lim);
	if (j < lim && j > ws && (s[j] == '"' || s[j] == '\'' || s[j] == '(')) {
		size_t e = s[j] == '"' ? md_find(t, MD_MISS_DQ, j + 1, lim, "\"")
			 : s[j] == '\'' ? md_find(t, MD_MISS_SQ, j + 1, lim, "'")
			 : md_find(t, MD_MISS_PAREN, j + 1, lim, ")");
		if (e == SIZE_MAX)
			return 0;
		j = md_skip_ws(s, e + 1, lim);
	}
	return j < lim && s[j] == ')' ? j + 1 : 0;
}

/* A link or image starting at the '[' s[i]: "[text](dest "title")" or
 * "[text][ref]". Sets *close to its ']' and returns the index after the
 * whole, or 0 when it is no link. */
static size_t md_link(md_text *t, size_t i, size_t lim, size_t *close)
{
	const char *s = t->s;
	size_t j = md_partner(t, i);
	if (j == SIZE_MAX || j + 1 >= lim)
		return 0;
	*close = j++;
	if (s[j] == '[') {
		/* a reference label: at most 999 characters, no brackets */
		size_t from = j;
		for (j++; j < lim && j - from < 1000 && s[j] != ']' && s[j] != '['; j++)
			if (s[j] == '\\')
				j++;
		return j < lim && s[j] == ']' ? j + 1 : 0;
	}
	return s[j] == '(' ? md_link_tail(t, j + 1, lim) : 0;
}

/* An autolink <scheme:...> or <user@host> at s[i]: out gets the address.
 * Returns the index after it, or 0. */
static size_t md_autolink(const char *s, size_t i, size_t lim, pdx_buf *out,
			  int *rc)
{
	size_t j = i + 1;
	if (j < lim && isalpha((unsigned char)s[j])) {
		size_t k = j + 1;
		while (k < lim && k - j < 32 &&
		       (isalnum((unsigned char)s[k]) || md_in("+.-", s[k])))
			k++;
		if (k < lim && s[k] == ':' && k - j >= 2) {
			size_t e = k + 1;
			while (e < lim && s[e] != '>' && s[e] != '<' &&
			       (unsigned char)s[e] > ' ')
				e++;
			if (e < lim && s[e] == '>') {
				*rc = buf_add(out, s + j, e - j);
				return e + 1;
			}
		}
	}
	size_t e = j, at = 0;
	while (e < lim && (isalnum((unsigned char)s[e]) ||
			   md_in(".!#$%&'*+/=?^_`{|}~-@", s[e]))) {
		if (s[e] == '@')
			at = e;
		e++;
	}
	if (at > j && at + 1 < e && e < lim && s[e] == '>' &&
	    !memchr(s + at + 1, '@', e - at - 1)) {
		*rc = buf_add(out, s + j, e - j);
		return e + 1;
	}
	return 0;
}

/* An HTML tag, comment or declaration at s[i] (possibly across lines).
 * Returns the index after it, or 0; *brk is set for tags that separate
 * words (<br>, <p>, ...) rather than sit inside them (<span>, <a>). */
static size_t md_html_tag(md_text *t, size_t i, size_t lim, bool *brk)
{
	const char *s = t->s;
	static const char *const breaking[] = {
		"br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table",
		"hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd",
		"dt", "section", "article", NULL
	};
	*brk = false;
	size_t j = i + 1;
	if (j >= lim)
		return 0;
	if (lim - j >= 3 && memcmp(s + j, "!--", 3) == 0) {
		size_t e = md_find(t, MD_MISS_COMMENT, j + 3, lim, "-->");
		return e == SIZE_MAX ? 0 : e + 3;
	}
	if (s[j] == '?' || (s[j] == '!' && j + 1 < lim && isalpha((unsigned char)s[j + 1]))) {
		size_t e = md_find(t, MD_MISS_GT, j, lim, ">");
		return e == SIZE_MAX ? 0 : e + 1;
	}
	bool closing = s[j] == '/';
	if (closing)
		j++;
	if (j >= lim || !isalpha((unsigned char)s[j]))
		return 0;
	size_t name = j;
	while (j < lim && (isalnum((unsigned char)s[j]) || s[j] == '-'))
		j++;
	size_t namelen = j - name;
	for (;;) {
		size_t ws = j;
		while (j < lim && isspace((unsigned char)s[j]))
			j++;
		if (j >= lim)
			return 0;
		if (s[j] == '>' || (!closing && s[j] == '/' && j + 1 < lim && s[j + 1] == '>')) {
			j += s[j] == '/' ? 2 : 1;
			break;
		}
		if (closing || j == ws)
			return 0;
		/* attribute: name, then optionally = value */
		if (!(isalpha((unsigned char)s[j]) || s[j] == '_' || s[j] == ':'))
			return 0;
		while (j < lim && (isalnum((unsigned char)s[j]) || md_in("_.:-", s[j])))
			j++;
		size_t k = j;
		while (k < lim && isspace((unsigned char)s[k]))
			k++;
		if (k >= lim || s[k] != '=')
			continue;
		k++;
		while (k < lim && isspace((unsigned char)s[k]))
			k++;
		if (k >= lim)
			return 0;
		if (s[k] == '"' || s[k] == '\'') {
			size_t e = s[k] == '"' ? md_find(t, MD_MISS_DQ, k + 1, lim, "\"")
						: md_find(t, MD_MISS_SQ, k + 1, lim, "'");
			if (e == SIZE_MAX)
				return 0;
			j = e + 1;
		} else {
			size_t v = k;
			while (k < lim && !isspace((unsigned char)s[k]) &&
			       !md_in("\"'=<>`", s[k]))
				k++;
			if (k == v)
				return 0;
			j = k;
		}
	}
	for (int b = 0; breaking[b]; b++)
		if (strlen(breaking[b]) == namelen &&
		    strncasecmp(s + name, breaking[b], namelen) == 0)
			*brk = true;
	return j;
}

/* An entity (&amp; &#8211; &#x2014;) at s[i], decoded into out. Returns
 * the index after it, or 0 when it is none. */
static size_t md_entity(const char *s, size_t i, size_t lim, pdx_buf *out,
			int *rc)
{
	size_t j = i + 1;
	uint32_t cp = 0;
	if (j < lim && s[j] == '#') {
		bool hex = j + 1 < lim && (s[j + 1] == 'x' || s[j + 1] == 'X');
		j += hex ? 2 : 1;
		size_t d = j;
		while (j < lim && j - d < 7 &&
		       (hex ? isxdigit((unsigned char)s[j]) : isdigit((unsigned char)s[j]))) {
			int v = isdigit((unsigned char)s[j]) ? s[j] - '0'
				: tolower((unsigned char)s[j]) - 'a' + 10;
			cp = cp * (hex ? 16 : 10) + (uint32_t)v;
			j++;
		}
		if (j == d || j >= lim || s[j] != ';')
			return 0;
		if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			cp = 0xFFFD;
	} else {
		char name[32];
		size_t k = 0;
		while (j < lim && k + 1 < sizeof name && isalnum((unsigned char)s[j]))
			name[k++] = s[j++];
		name[k] = '\0';
		if (k == 0 || j >= lim || s[j] != ';')
			return 0;
		const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
		if (!e)
			return 0;
		cp = e->value;
	}
	char u[4];
	*rc = buf_add(out, u, (size_t)utf8_encode(cp, u));
	return j + 1;
}

/* Drop the markup runs that emphasis pairing used from out. */
static void md_strip_delims(pdx_buf *out, const md_delims *d)
{
	size_t w = 0, r = 0;
	for (size_t k = 0; k < d->n; k++) {
		const md_delim *x = &d->v[k];
		size_t cut[2][2] = {
			{ x->pos, x->pos + (size_t)x->used_close },
			{ x->pos + (size_t)(x->len - x->used_open), x->pos + (size_t)x->len },
		};
		for (int c = 0; c < 2; c++) {
			if (cut[c][0] == cut[c][1])
				continue;
			memmove(out->s + w, out->s + r, cut[c][0] - r);
			w += cut[c][0] - r;
			r = cut[c][1];
		}
	}
	memmove(out->s + w, out->s + r, out->len - r);
	w += out->len - r;
	out->len = w;
	out->s[w] = '\0';
}

/* Append the plain text of the Markdown inline text s[0..n) to out: links
 * give their text, images nothing, autolinks their address, HTML tags
 * nothing, escapes and entities the character, emphasis its content. */
static int md_inline(const char *s, size_t n, pdx_buf *out)
{
	md_delims d = { 0 };
	struct { size_t close, end; } links[MD_MAX_LINKS];
	int nlinks = 0;
	md_text t;
	int rc = md_text_init(&t, s, n);
	if (rc == PDX_OK)
		rc = buf_add(out, "", 0);
	size_t i = 0;
	while (i < n && rc == PDX_OK) {
		size_t lim = nlinks ? links[nlinks - 1].close : n;
		if (i >= lim) {
			i = links[--nlinks].end;
			continue;
		}
		char c = s[i];
		size_t e = 0, close = 0;
		bool brk;
		if (c == '\\' && i + 1 < lim &&
		    (s[i + 1] == '\n' || ispunct((unsigned char)s[i + 1]))) {
			rc = buf_addc(out, s[i + 1]);
			i += 2;
		} else if (c == '`') {
			i = md_code_span(&t, i, lim, out, &rc);
		} else if (c == '!' && i + 1 < lim && s[i + 1] == '[' &&
			   (e = md_link(&t, i + 1, lim, &close))) {
			i = e;
		} else if (c == '[' && nlinks < MD_MAX_LINKS &&
			   (e = md_link(&t, i, lim, &close))) {
			links[nlinks].close = close;
			links[nlinks++].end = e;
			i++;
		} else if (c == '<' && (e = md_autolink(s, i, lim, out, &rc))) {
			i = e;
		} else if (c == '<' && (e = md_html_tag(&t, i, lim, &brk))) {
			if (brk)
				rc = buf_addc(out, ' ');
			i = e;
		} else if (c == '&' && (e = md_entity(s, i, lim, out, &rc))) {
			i = e;
		} else if (c == '*' || c == '_') {
			size_t k = i;
			while (k < lim && s[k] == c)
				k++;
			int before = md_class_before(s, i);
			int after = md_class_at(s, k, lim);
			bool left = after != MD_SPACE &&
				    (after != MD_PUNCT || before != MD_WORD);
			bool right = before != MD_SPACE &&
				     (before != MD_PUNCT || after != MD_WORD);
			if (d.n == d.cap) {
				size_t cap = d.cap ? d.cap * 2 : 16;
				md_delim *v = realloc(d.v, cap * sizeof *v);
				if (!v) {
					rc = PDX_ENOMEM;
					break;
				}
				d.v = v;
				d.cap = cap;
			}
			/* '_' inside a word (snake_case) is never markup. */
			d.v[d.n] = (md_delim){
				.pos = out->len, .len = (int)(k - i),
				.prev = (long)d.n - 1, .ch = c,
				.can_open = c == '*' ? left : left && (!right || before == MD_PUNCT),
				.can_close = c == '*' ? right : right && (!left || after == MD_PUNCT),
			};
			d.n++;
			rc = buf_add(out, s + i, k - i);
			i = k;
		} else {
			rc = buf_addc(out, c);
			i++;
		}
	}
	if (rc == PDX_OK) {
		md_emphasis(&d);
		md_strip_delims(out, &d);
	}
	free(d.v);
	md_text_free(&t);
	return rc;
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
	buf_init(&j);
	if (buf_adds(&j, b->text) || buf_addc(&j, ' ') || buf_adds(&j, text)) {
		buf_free(&j);
		return PDX_ENOMEM;
	}
	squeeze_space(j.s);
	free(b->text);
	b->text = buf_take(&j);
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
	buf_init(&out);
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
	buf_free(&out);
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
		rc = buf_addc(&p->raw, '\n');
	return rc == PDX_OK ? buf_add(&p->raw, s, n) : rc;
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
	buf_init(&code);
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
			*rc = buf_addc(&code, '\n');
		if (*rc == PDX_OK)
			*rc = buf_add(&code, L[j].s + cut, L[j].len - cut);
	}
	if (*rc == PDX_OK && code.len)
		*rc = doc_add_block(p->doc, PDX_PARAGRAPH, 0, (int)i + 1, code.s);
	buf_free(&code);
	return j < n ? j : n - 1;
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
		if (p->type && p->broke && (rc = md_flush(p)) != PDX_OK)
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
	buf_init(&p.raw);
	if (rc == PDX_OK)
		rc = md_blocks(&p, L, n, body);
	buf_free(&p.raw);
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
