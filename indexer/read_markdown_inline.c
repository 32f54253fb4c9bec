/* read_markdown_inline.c - the Markdown reader's inline pass: markup
 * out, plain text left (emphasis by CommonMark's delimiter rules, code
 * spans, links and images, autolinks, raw HTML tags, escapes and
 * entities). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "read_markdown_int.h"

/* Links nested deeper than this inside link text are left as literal text. */
#define MD_MAX_LINKS 16

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
	return md_class(pdx_utf8_decode(s + j, i - j, &adv));
}

static int md_class_at(const char *s, size_t i, size_t n)
{
	int adv;
	return i < n ? md_class(pdx_utf8_decode(s + i, n - i, &adv)) : MD_SPACE;
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

static void md_text_clear(md_text *t)
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
				*rc = pdx_buf_add(out, c, cn);
				return j + m;
			}
			j += m;
		}
		if (key >= 0) {
			t->miss[key].from = i + k;
			t->miss[key].lim = lim;
		}
	}
	*rc = pdx_buf_add(out, s + i, k);
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
				*rc = pdx_buf_add(out, s + j, e - j);
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
		*rc = pdx_buf_add(out, s + j, e - j);
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
	*rc = pdx_buf_add(out, u, (size_t)pdx_utf8_encode(cp, u));
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

int md_inline(const char *s, size_t n, pdx_buf *out)
{
	md_delims d = { 0 };
	struct { size_t close, end; } links[MD_MAX_LINKS];
	int nlinks = 0;
	md_text t;
	int rc = md_text_init(&t, s, n);
	if (rc == PDX_OK)
		rc = pdx_buf_add(out, "", 0);
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
			rc = pdx_buf_addc(out, s[i + 1]);
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
				rc = pdx_buf_addc(out, ' ');
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
			rc = pdx_buf_add(out, s + i, k - i);
			i = k;
		} else {
			rc = pdx_buf_addc(out, c);
			i++;
		}
	}
	if (rc == PDX_OK) {
		md_emphasis(&d);
		md_strip_delims(out, &d);
	}
	free(d.v);
	md_text_clear(&t);
	return rc;
}

