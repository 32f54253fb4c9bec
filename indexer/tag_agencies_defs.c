/* tag_agencies_defs.c - the agency tagger's work on one document: the
 * bodies a text names (the gazetteer's names, longest first; the
 * acronyms the document defines; coordinated forms), bracketed repeats
 * folded into the name before them, and ambiguous names kept only where
 * the text makes them a body. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tag_agencies_int.h"
#include "polidex/util.h"

static void nocase_init(nocase_pair *p, const char *a, const char *b)
{
	p->w[0] = a;
	p->w[1] = b;
	p->n = strlen(a);
	memset(p->skip, (int)p->n, sizeof p->skip);
	/* A byte moves the window no further than the word it sits nearest
	 * the end of allows. */
	for (size_t i = 0; i < 2; i++)
		for (size_t k = 0; k + 1 < p->n; k++) {
			unsigned char ch = (unsigned char)p->w[i][k];
			unsigned char sh = (unsigned char)(p->n - 1 - k);
			if (sh < p->skip[ch])
				p->skip[ch] = p->skip[ch & ~0x20] = sh;
		}
}

int tag_ctx_init(tagctx *c, const pdx_tagger *tg)
{
	memset(c, 0, sizeof *c);
	c->tg = tg;
	c->g = tg->g;
	for (int ch = 0; ch < 256; ch++)
		c->word[ch] = ch < 0x80 && isalnum(ch);
	nocase_init(&c->coord_words, "artment", "ecretar");
	if (!(c->md = pcre2_match_data_create(8, NULL)))
		return PDX_ENOMEM;
	return PDX_OK;
}

void tag_ctx_clear(tagctx *c)
{
	pcre2_match_data_free(c->md);
	free(c->m);
	for (size_t i = 0; i < c->ndefs; i++)
		free(c->defs[i].tok);
	free(c->defs);
	free(c->sent);
	free(c->keep);
	free(c->found);
	free(c->memo);
	free(c->slot);
}

/* Text is valid UTF-8 before it reaches a tagger, and s starts on a
 * character; without PCRE2_NO_UTF_CHECK every call would check the rest
 * of the record again, which is quadratic on a long one. */
bool tag_rx(tagctx *c, int which, const char *s, size_t len)
{
	const pcre2_code *re = c->tg->rx[which];
	return re && pcre2_match(re, (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK, c->md, NULL) > 0;
}

/* Room for n mentions in *v (holding *cap). */
static int reserve_mentions(mention **v, size_t *cap, size_t n)
{
	if (n <= *cap)
		return PDX_OK;
	size_t nc = *cap ? *cap * 2 : 32;
	while (nc < n)
		nc *= 2;
	mention *nv = realloc(*v, nc * sizeof *nv);
	if (!nv)
		return PDX_ENOMEM;
	*v = nv;
	*cap = nc;
	return PDX_OK;
}

static int push_mention(tagctx *c, size_t s, size_t e, int body, unsigned flags)
{
	if (c->nm == c->capm && reserve_mentions(&c->m, &c->capm, c->nm + 1))
		return PDX_ENOMEM;
	c->m[c->nm++] = (mention){ s, e, body, flags };
	return PDX_OK;
}

static bool word_byte(unsigned char ch)
{
	return ch < 0x80 && isalnum(ch);
}

static int scan_locals(tagctx *c, const char *t, size_t len);

/* Longest gazetteer name at each word start (each character in Chinese). */
static int scan_names(tagctx *c, const char *t, size_t len)
{
	const unsigned char *u = (const unsigned char *)t;
	const bool *word = c->word;
	size_t i = 0;
	while (i < len) {
		unsigned char ch = u[i];
		bool start = ch < 0x80 ? (word[ch] && (i == 0 || !word[u[i - 1]]))
				       : (ch & 0xC0) != 0x80;
		pdx_name_match nm;
		if (start && gazetteer_match(c->g, t, len, i, &nm)) {
			int rc = push_mention(c, i, nm.end, (int)nm.body, nm.ambiguous ? M_AMBIG : 0);
			if (rc)
				return rc;
			/* go on at the next word, not past the name: a longer
			 * name may start inside it (resolve_overlaps keeps the
			 * longest) */
		}
		/* Step over what starts no name: a byte inside a word or a
		 * character (its continuation bytes start nothing either), a
		 * word or character no name begins with. */
		i++;
		if (start && word[ch])	/* nothing starts in the rest of the word */
			while (i < len && word[u[i]])
				i++;
	}
	return PDX_OK;
}

/* A hash of s[0..n), eight bytes at a time. */
static uint64_t text_hash(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15u ^ n, w;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDu;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xC4CEB9FE1A85EC53u;
	return h ^ (h >> 29);
}

/* Make the memo table twice as large, or create it. */
static int grow_slots(tagctx *c)
{
	size_t ns = c->nslot ? c->nslot * 2 : 64;
	int *v = malloc(ns * sizeof *v);
	if (!v)
		return PDX_ENOMEM;
	for (size_t i = 0; i < ns; i++)
		v[i] = -1;
	for (size_t m = 0; m < c->nmemo; m++) {
		size_t at = (size_t)c->memo[m].hash & (ns - 1);
		while (v[at] >= 0)
			at = (at + 1) & (ns - 1);
		v[at] = (int)m;
	}
	free(c->slot);
	c->slot = v;
	c->nslot = ns;
	return PDX_OK;
}

/* The gazetteer names in t (scan_names' mentions, in c->m from c->nm = 0),
 * from the memo when the document had this text before. *memo, unless
 * memo is NULL, is set to the text's entry in c->memo. */
static int names_in(tagctx *c, const char *t, size_t len, size_t *memo)
{
	uint64_t h = text_hash(t, len);
	size_t at = c->nslot ? (size_t)h & (c->nslot - 1) : 0;
	for (; c->nslot && c->slot[at] >= 0; at = (at + 1) & (c->nslot - 1)) {
		const scan_memo *e = &c->memo[c->slot[at]];
		if (e->hash != h || e->len != len || (e->t != t && memcmp(e->t, t, len) != 0))
			continue;
		if (reserve_mentions(&c->m, &c->capm, e->n))
			return PDX_ENOMEM;
		if (e->n)
			memcpy(c->m, c->found + e->first, e->n * sizeof *c->m);
		c->nm = e->n;
		if (memo)
			*memo = (size_t)c->slot[at];
		return PDX_OK;
	}
	c->nm = 0;
	int rc = scan_names(c, t, len);
	if (rc)
		return rc;
	if ((c->nmemo + 1) * 2 > c->nslot && (rc = grow_slots(c)))
		return rc;
	if (c->nmemo == c->capmemo) {
		size_t cap = c->capmemo ? c->capmemo * 2 : 32;
		scan_memo *v = realloc(c->memo, cap * sizeof *v);
		if (!v)
			return PDX_ENOMEM;
		c->memo = v;
		c->capmemo = cap;
	}
	if (reserve_mentions(&c->found, &c->capfound, c->nfound + c->nm))
		return PDX_ENOMEM;
	if (c->nm)
		memcpy(c->found + c->nfound, c->m, c->nm * sizeof *c->m);
	c->memo[c->nmemo] = (scan_memo){ t, len, h, c->nfound, c->nm, false };
	c->nfound += c->nm;
	at = (size_t)h & (c->nslot - 1);
	while (c->slot[at] >= 0)
		at = (at + 1) & (c->nslot - 1);
	c->slot[at] = (int)c->nmemo;
	if (memo)
		*memo = c->nmemo;
	c->nmemo++;
	return PDX_OK;
}

/* The acronyms and short forms this document defined, wherever they
 * recur. A plural one of several bodies (add_group_def) gives a mention
 * of each, side by side within the word, which read as one list. */
static int scan_defs(tagctx *c, const char *t, size_t len)
{
	for (size_t d = 0; d < c->ndefs;) {
		const char *tok = c->defs[d].tok;
		size_t tl = strlen(tok), g = 1;
		while (d + g < c->ndefs && strcmp(c->defs[d + g].tok, tok) == 0)
			g++;
		if (g > tl)
			g = tl;
		for (const char *p = strstr(t, tok); p; p = strstr(p + 1, tok)) {
			size_t s = (size_t)(p - t), e = s + tl;
			if ((s > 0 && word_byte((unsigned char)t[s - 1])) ||
			    (e < len && word_byte((unsigned char)t[e])))
				continue;
			for (size_t k = 0; k < g; k++) {
				int rc = push_mention(c, s + k * tl / g, k + 1 == g ? e : s + (k + 1) * tl / g,
						      c->defs[d + k].body, 0);
				if (rc)
					return rc;
			}
		}
		d += g;
	}
	return PDX_OK;
}

/* The body whose short name s[0..len) is, or -1. */
static int short_body(const pdx_tagger *tg, const char *s, size_t len)
{
	for (size_t i = 0; i < tg->nshorts; i++)
		if (tg->shorts[i].len == len && memcmp(tg->shorts[i].s, s, len) == 0)
			return tg->shorts[i].body;
	return -1;
}

/* Does t hold either of p's words in any ASCII case? Boyer-Moore-Horspool:
 * the byte under the window's last position says how far it may move. */
static bool nocase_in(const nocase_pair *p, const char *t, size_t len)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t n = p->n;
	for (size_t i = 0; i + n <= len; i += p->skip[u[i + n - 1]])
		for (size_t x = 0; x < 2; x++) {
			const unsigned char *w = (const unsigned char *)p->w[x];
			size_t k = n;
			/* | 0x20 maps a letter's two cases, and only them, to
			 * its lowercase: w holds letters only. */
			while (k > 0 && (u[i + k - 1] | 0x20) == w[k - 1])
				k--;
			if (k == 0)
				return true;
		}
	return false;
}

/* "the Departments of State and Homeland Security", "the Commerce and State
 * Departments": one mention per department. The first starts and the last
 * ends with the whole phrase, so the list reads as one. */
static int scan_coordinated(tagctx *c, const char *t, size_t len)
{
	const pdx_tagger *tg = c->tg;
	if (!tg->coord)
		return PDX_OK;
	/* Every match of tg->coord holds "departments" or "secretaries", in
	 * any case (compile_coordinated): most texts have neither, and a look
	 * for "artment" or "ecretar" costs far less than the pattern. Those
	 * parts of the words are letters that match nothing but their own
	 * two ASCII cases (PCRE2 in UTF mode also matches "s" with U+017F,
	 * "k" with U+212A; "i" is left out too), so no match is missed. */
	if (!nocase_in(&c->coord_words, t, len))
		return PDX_OK;
	pcre2_match_data *md = c->md;
	size_t off = 0;
	while (off < len && pcre2_match(tg->coord, (PCRE2_SPTR)t, len, off, PCRE2_NO_UTF_CHECK, md, NULL) > 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		size_t ms = ov[0], me = ov[1], first = c->nm, p = ms;
		while (p < me && pcre2_match(tg->coord_item, (PCRE2_SPTR)t, me, p, PCRE2_NO_UTF_CHECK, md, NULL) > 0) {
			ov = pcre2_get_ovector_pointer(md);
			size_t is = ov[2], ie = ov[3];
			int b = short_body(tg, t + is, ie - is);
			int rc = b >= 0 ? push_mention(c, is, ie, b, 0) : PDX_OK;
			if (rc)
				return rc;
			p = ie > p ? ie : p + 1;
		}
		if (c->nm > first) {
			c->m[first].s = ms;
			c->m[c->nm - 1].e = me;
		}
		off = me > off ? me : off + 1;
	}
	return PDX_OK;
}

static int cmp_mention(const void *a, const void *b)
{
	const mention *x = a, *y = b;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->e != y->e)
		return x->e > y->e ? -1 : 1;	/* longest first */
	return (int)(x->flags & M_AMBIG) - (int)(y->flags & M_AMBIG);
}

/* Longest first; of equal length, the earlier, then the unambiguous. */
static int cmp_longest(const void *a, const void *b)
{
	const mention *x = a, *y = b;
	size_t lx = x->e - x->s, ly = y->e - y->s;
	if (lx != ly)
		return lx > ly ? -1 : 1;
	return cmp_mention(a, b);
}

/* Keep the longest of overlapping mentions, wherever it starts: "the
 * Director of the Office of Science and Technology Policy" names OSTP,
 * though a shorter title ("Director of the Office of Science") starts
 * before OSTP's name does. The mentions kept are in text order. */
static void resolve_overlaps(tagctx *c)
{
	if (c->nm == 0)
		return;
	qsort(c->m, c->nm, sizeof *c->m, cmp_longest);
	size_t k = 0;
	for (size_t i = 0; i < c->nm; i++) {
		bool free_span = true;
		for (size_t j = 0; j < k && free_span; j++)
			free_span = c->m[i].e <= c->m[j].s || c->m[i].s >= c->m[j].e;
		if (free_span)
			c->m[k++] = c->m[i];
	}
	c->nm = k;
	qsort(c->m, c->nm, sizeof *c->m, cmp_mention);
}

static bool acronym_like(const char *s, size_t n)
{
	size_t upper = 0;
	if (n < 2 || n > 12 || !isupper((unsigned char)s[0]))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (!(isalnum(ch) || ch == '&' || ch == '-' || ch == '.'))
			return false;
		upper += isupper(ch) != 0;
	}
	return upper >= 2;
}

/* A defined short form in words: "(the Secretary)", "(“the Task Force”)",
 * "(the Chair)": the span of the term without quotes and "the", or false.
 * One to four capitalized words. */
static bool term_like(const char *s, size_t n, size_t *ts, size_t *tn)
{
	size_t a = 0, b = n;
	static const char *const q[] = { "\xe2\x80\x9c", "\xe2\x80\x9d", "\"", "'" };
	for (bool moved = true; moved;) {
		moved = false;
		for (size_t k = 0; k < 4; k++) {
			size_t ql = strlen(q[k]);
			if (b - a > ql && !memcmp(s + a, q[k], ql))
				a += ql, moved = true;
			if (b - a > ql && !memcmp(s + b - ql, q[k], ql))
				b -= ql, moved = true;
		}
	}
	if (b - a > 4 && (!strncmp(s + a, "the ", 4) || !strncmp(s + a, "The ", 4)))
		a += 4;
	if (b - a < 3 || b - a > 40)
		return false;
	int words = 0;
	for (size_t i = a; i < b; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (i == a || s[i - 1] == ' ') {
			if (!isupper(ch))
				return false;
			words++;
		} else if (!(isalpha(ch) || ch == ' ' || ch == '-')) {
			return false;
		}
	}
	if (words > 4)
		return false;
	*ts = a;
	*tn = b - a;
	return true;
}

static int def_body(const tagctx *c, const char *s, size_t n)
{
	for (size_t i = 0; i < c->ndefs; i++)
		if (strlen(c->defs[i].tok) == n && memcmp(c->defs[i].tok, s, n) == 0)
			return c->defs[i].body;
	return -1;
}

/* Append the definition of s[0..n) as body. */
static int push_def(tagctx *c, const char *s, size_t n, int body)
{
	if (c->ndefs == c->capdefs) {
		size_t cap = c->capdefs ? c->capdefs * 2 : 8;
		acr_def *v = realloc(c->defs, cap * sizeof *v);
		if (!v)
			return PDX_ENOMEM;
		c->defs = v;
		c->capdefs = cap;
	}
	char *tok = pdx_strndup(s, n);
	if (!tok)
		return PDX_ENOMEM;
	c->defs[c->ndefs++] = (acr_def){ tok, body };
	return PDX_OK;
}

static int add_def(tagctx *c, const char *s, size_t n, int body)
{
	if (def_body(c, s, n) >= 0)	/* the first definition holds */
		return PDX_OK;
	return push_def(c, s, n, body);
}

/* A plural short form for the bodies of list[0..n): one definition each,
 * side by side in defs (scan_defs reads them as one), unless the term
 * is defined already. */
static int add_group_def(tagctx *c, const char *s, size_t n, const mention *list, size_t nl)
{
	if (def_body(c, s, n) >= 0)
		return PDX_OK;
	for (size_t i = 0; i < nl; i++) {
		bool dup = false;
		for (size_t k = 0; k < i; k++)
			dup |= list[k].body == list[i].body;
		int rc = dup ? PDX_OK : push_def(c, s, n, list[i].body);
		if (rc)
			return rc;
	}
	return PDX_OK;
}

/* "Department of Education (ED)", "DHS(国土安全部)": fold the bracket into
 * the name before it, and learn an acronym the document defines. */
static int fold_parens(tagctx *c, const char *t, size_t len, bool learn)
{
	size_t k = 0;
	for (size_t i = 0; i < c->nm; i++) {
		mention *m = &c->m[i];
		c->m[k++] = *m;
		mention *kept = &c->m[k - 1];
		size_t e = kept->e;
		if (e >= len || !tag_rx(c, RX_PAREN, t + e, len - e))
			continue;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
		size_t is = e + ov[2], ie = e + ov[3], pe = e + ov[1], ts = 0, tn = 0;
		const mention *n = i + 1 < c->nm ? &c->m[i + 1] : NULL;
		if (n && n->s == is && n->e == ie && n->body == kept->body) {
			/* "Department of Education (ED)": the bracket also makes
			 * an ambiguous acronym certain for the document. */
			if (learn && (n->flags & M_AMBIG)) {
				int rc = add_def(c, t + is, ie - is, kept->body);
				if (rc)
					return rc;
			}
			kept->e = pe;
			i++;		/* the repeat inside the bracket */
		} else if ((!n || n->s >= pe) && !(kept->flags & M_AMBIG) &&
			   !acronym_like(t + is, ie - is) && term_like(t + is, ie - is, &ts, &tn)) {
			/* "the Secretary of Energy (the Secretary)": the short form
			 * names the body wherever the document uses it; a plural
			 * after a list ("the Secretary of Energy and the Secretary
			 * of Commerce (the Secretaries)") names every body of it */
			if (learn) {
				size_t j = k - 1;
				while (j > 0 && tag_gap_joins(c, t, &c->m[j - 1], &c->m[j]))
					j--;
				bool plural = t[is + ts + tn - 1] == 's' && k - 1 > j;
				int rc = plural ? add_group_def(c, t + is + ts, tn, &c->m[j], k - j)
						: add_def(c, t + is + ts, tn, kept->body);
				if (rc)
					return rc;
			}
			kept->e = pe;
		} else if ((!n || n->s >= pe || (n->flags & M_AMBIG)) && acronym_like(t + is, ie - is) &&
			   !(kept->flags & M_AMBIG)) {
			if (learn) {
				int rc = add_def(c, t + is, ie - is, kept->body);
				if (rc)
					return rc;
			}
			kept->e = pe;
			while (i + 1 < c->nm && c->m[i + 1].s < pe)
				i++;
		}
	}
	c->nm = k;
	return PDX_OK;
}

bool tag_gap_joins(tagctx *c, const char *t, const mention *a, const mention *b)
{
	size_t gl = b->s - a->e;
	/* side by side: the bodies of one plural short form */
	return gl == 0 || (gl <= 80 && tag_rx(c, RX_GAP, t + a->e, gl));
}

/* An ambiguous name ("IC", "the Army", "SEC") stays only where the text
 * makes it a body: defined by the document, after "the"/"by"/"with", or
 * listed beside a body that is certain. */
static int settle_ambiguous(tagctx *c, const char *t)
{
	if (c->nm > c->capkeep) {
		bool *v = realloc(c->keep, c->nm * sizeof *v);
		if (!v)
			return PDX_ENOMEM;
		c->keep = v;
		c->capkeep = c->nm;
	}
	bool any = false;
	for (size_t i = 0; i < c->nm; i++) {
		const mention *m = &c->m[i];
		bool ok = !(m->flags & M_AMBIG);
		if (!ok) {
			any = true;
			size_t from = m->s > 12 ? m->s - 12 : 0;
			while (from > 0 && ((unsigned char)t[from] & 0xC0) == 0x80)
				from--;
			ok = def_body(c, t + m->s, m->e - m->s) == m->body ||
			     tag_rx(c, RX_PRE_AMBIG, t + from, m->s - from) ||
			     strncmp(t + m->e, "-led", 4) == 0;
		}
		c->keep[i] = ok;
	}
	for (bool changed = any; changed;) {
		changed = false;
		for (size_t i = 0; i < c->nm; i++) {
			if (c->keep[i])
				continue;
			if ((i > 0 && c->keep[i - 1] && tag_gap_joins(c, t, &c->m[i - 1], &c->m[i])) ||
			    (i + 1 < c->nm && c->keep[i + 1] && tag_gap_joins(c, t, &c->m[i], &c->m[i + 1])))
				changed = c->keep[i] = true;
		}
	}
	size_t k = 0;
	for (size_t i = 0; i < c->nm; i++)
		if (c->keep[i])
			c->m[k++] = c->m[i];
	c->nm = k;
	return PDX_OK;
}

/* "the White House Office of Management and Budget": the White House
 * qualifies an office of the Executive Office it names next, and is no
 * body of the sentence itself; the office's mention takes its place. */
static void fold_white_house(tagctx *c, const char *t)
{
	size_t k = 0;
	for (size_t i = 0; i < c->nm; i++) {
		const mention *m = &c->m[i], *n = i + 1 < c->nm ? &c->m[i + 1] : NULL;
		if (n && m->body >= 0 && n->body >= 0 && n->s == m->e + 1 && t[m->e] == ' ') {
			const pdx_agency *a = gazetteer_at(c->g, (size_t)m->body),
					 *b = gazetteer_at(c->g, (size_t)n->body);
			if (!strcmp(a->id, "wh") && b->parent && !strcmp(b->parent, "eop")) {
				c->m[k] = *n;
				c->m[k++].s = m->s;
				i++;
				continue;
			}
		}
		c->m[k++] = *m;
	}
	c->nm = k;
}

/* "The National Aeronautics Space Administration (NASA) expands": a known
 * acronym in brackets after a name the gazetteer does not know (a
 * variant, a slip) stands for that name, which starts the mention, so the
 * sentence reads it where it stands. */
static void stretch_bracketed(tagctx *c, const char *t)
{
	static const char *const small[] = { "of", "and", "the", "for", "on", "in", "to" };
	for (size_t i = 0; i < c->nm; i++) {
		mention *m = &c->m[i];
		if (m->body < 0 || m->s < 3 || t[m->s - 1] != '(' || t[m->e] != ')' || t[m->s - 2] != ' ')
			continue;
		if (i > 0 && c->m[i - 1].e + 2 >= m->s)
			continue;	/* a known name and its acronym: fold_parens */
		size_t lo = m->s - 2, start = m->s, caps = 0;
		size_t floor_ = i > 0 ? c->m[i - 1].e : 0;
		for (int words = 0; words < 10 && lo > floor_;) {
			size_t we = lo;
			while (lo > floor_ && t[lo - 1] != ' ')
				lo--;
			size_t wl = we - lo;
			if (!wl)
				break;
			bool cap = isupper((unsigned char)t[lo]) != 0, sm = false;
			for (size_t k = 0; !cap && k < sizeof small / sizeof *small; k++)
				sm = strlen(small[k]) == wl && !strncmp(t + lo, small[k], wl);
			if (!cap && !sm)
				break;
			if (cap) {
				caps++;
				start = lo;
			}
			words++;
			if (lo == floor_ || lo < 1)
				break;
			lo--;	/* the space before the word */
		}
		if (caps >= 2) {
			m->s = start;
			m->e++;		/* the closing bracket, as fold_parens does */
		}
	}
}

/* "Secretary of State Jacob Helberg": the holder's name (a surname the
 * document learnt, learn_holders) joins the title it follows, one
 * mention of the body, so a list of titled holders stays one list. */
static void fold_holders(tagctx *c, const char *t)
{
	size_t k = 0;
	for (size_t i = 0; i < c->nm; i++) {
		mention *m = &c->m[i];
		if (k > 0) {
			mention *prev = &c->m[k - 1];
			bool names = prev->body == m->body && m->s > prev->e && m->s - prev->e < 40;
			for (size_t p = prev->e; names && p < m->s; p++)
				names = t[p] == ' ' || t[p] == '.' || isalpha((unsigned char)t[p]);
			/* only capitalised given names between ("Jacob", "J.") */
			for (size_t p = prev->e; names && p + 1 < m->s; p++)
				if (t[p] == ' ' && !isupper((unsigned char)t[p + 1]))
					names = false;
			if (names) {
				prev->e = m->e;
				continue;
			}
		}
		c->m[k++] = *m;
	}
	c->nm = k;
}

int tag_find_mentions(tagctx *c, const char *t, size_t len)
{
	int rc;
	if ((rc = names_in(c, t, len, NULL)) || (rc = scan_locals(c, t, len)) ||
	    (rc = scan_defs(c, t, len)) || (rc = scan_coordinated(c, t, len)))
		return rc;
	resolve_overlaps(c);
	fold_white_house(c, t);
	stretch_bracketed(c, t);
	fold_holders(c, t);
	if ((rc = fold_parens(c, t, len, false)))
		return rc;
	return settle_ambiguous(c, t);
}

/* Learn the acronyms a text defines ("Federal Permitting Improvement
 * Steering Council (FPISC)"). Reading the same text again would add
 * nothing: the first definition of an acronym holds, and this text's
 * definitions are all known after its first reading. */
/* A collective body named whole ("the National Energy Dominance Council",
 * "the Federal Communications Commission") is "the Council", "the
 * Commission" in the rest of the document, as the orders and notices
 * write; the first such body named holds the word (a longer name that
 * holds it, "National Security Council", still wins where it stands). */
static int learn_heads(tagctx *c)
{
	static const char *const heads[] = { " Council", " Commission", " Committee", " Board",
		" Task Force" };
	/* no "board" in lower case: "on board" is no body */
	static const char *const lower[] = { "council", "commission", "committee", NULL, "task force" };
	for (size_t i = 0; i < c->nm; i++) {
		if (c->m[i].body < 0)
			continue;
		const char *name = gazetteer_at(c->g, (size_t)c->m[i].body)->name_en;
		size_t nl = name ? strlen(name) : 0;
		for (size_t k = 0; k < sizeof heads / sizeof *heads; k++) {
			size_t hl = strlen(heads[k]);
			/* the name ends in the word, or the word heads it ("the
			 * President's Council of Advisors on Science and
			 * Technology": "This council will") */
			const char *at = nl > hl ? strstr(name, heads[k]) : NULL;
			if (!at || !(at[hl] == '\0' || !strncmp(at + hl, " of ", 4) || !strncmp(at + hl, " on ", 4)))
				continue;
			int rc = add_def(c, heads[k] + 1, hl - 1, c->m[i].body);
			/* "the task force will", "This council will" */
			if (!rc && lower[k])
				rc = add_def(c, lower[k], strlen(lower[k]), c->m[i].body);
			if (rc)
				return rc;
		}
	}
	return PDX_OK;
}

/* The title a mention is named by: "Director of the [White House] Office
 * of Science and Technology Policy" (the title before the name) or
 * "Secretary of State" (a title that is the name); its first word, or
 * NULL. */
static const char *title_word(const char *t, const mention *m, size_t *n)
{
	static const char *const titles[] = { "Director", "Secretary", "Administrator", "Chair",
		"Chairman", "Commissioner" };
	for (size_t k = 0; k < sizeof titles / sizeof *titles; k++) {
		size_t tl = strlen(titles[k]);
		if (!strncmp(t + m->s, titles[k], tl) && !strncmp(t + m->s + tl, " of ", 4)) {
			*n = tl;
			return titles[k];
		}
		/* "<title> of [the] [White House] <name>" */
		static const char *const tails[] = { " of the White House ", " of the ", " of ", " for " };
		for (size_t j = 0; j < sizeof tails / sizeof *tails; j++) {
			size_t jl = strlen(tails[j]);
			if (m->s >= tl + jl && !strncmp(t + m->s - jl, tails[j], jl) &&
			    !strncmp(t + m->s - jl - tl, titles[k], tl) &&
			    (m->s == tl + jl || !isalpha((unsigned char)t[m->s - jl - tl - 1]))) {
				*n = tl;
				return titles[k];
			}
		}
	}
	return NULL;
}

/* A person named after an office's title ("Director of OSTP Michael
 * Kratsios", "Secretary of State Marco Rubio"): the article then calls
 * the office by the holder's surname ("Kratsios said", "Director
 * Kratsios unveiled") and by the title alone ("The Director spoke"). */
static int learn_holders(tagctx *c, const char *t, size_t len)
{
	static const char *const nouns[] = { "Office", "Program", "Initiative", "Act", "Plan", "Council",
		"Center", "Agency", "Service", "Laboratory", "Laboratories", "Strategy", "Fund", "Summit" };
	for (size_t i = 0; i < c->nm; i++) {
		const mention *m = &c->m[i];
		size_t tn;
		const char *title = m->body >= 0 ? title_word(t, m, &tn) : NULL;
		if (!title)
			continue;
		/* two or three capitalised words, a middle initial allowed */
		size_t p = m->e, last = 0, lastn = 0;
		int words = 0;
		while (p < len && t[p] == ' ' && p + 1 < len && isupper((unsigned char)t[p + 1]) && words < 3) {
			size_t w = p + 1, e = w + 1;
			while (e < len && (islower((unsigned char)t[e]) || t[e] == '-' || t[e] == '\''))
				e++;
			if (e - w == 2 && t[e] == '.') {	/* "J." */
				p = e + 1;
				continue;
			}
			if (e - w < 2 || (e < len && isalnum((unsigned char)t[e])))
				break;
			for (size_t k = 0; k < sizeof nouns / sizeof *nouns; k++)
				if (strlen(nouns[k]) == e - w && !strncmp(t + w, nouns[k], e - w))
					goto next;
			last = w;
			lastn = e - w;
			words++;
			p = e;
		}
		if (words >= 2) {
			int rc = add_def(c, t + last, lastn, m->body);
			if (!rc)
				rc = add_def(c, title, tn, m->body);
			if (rc)
				return rc;
		}
next:;
	}
	return PDX_OK;
}

int tag_learn_defs(tagctx *c, const char *t)
{
	if (!t)
		return PDX_OK;
	bool parens = strchr(t, '(') || strstr(t, "\xef\xbc\x88");
	size_t len = strlen(t), memo;
	int rc;
	if ((rc = names_in(c, t, len, &memo)))
		return rc;
	if (c->memo[memo].learned)
		return PDX_OK;
	c->memo[memo].learned = true;
	if ((rc = learn_heads(c)) || (rc = learn_holders(c, t, len)))
		return rc;
	if (!parens)
		return PDX_OK;
	if ((rc = scan_locals(c, t, len)))
		return rc;
	resolve_overlaps(c);
	return fold_parens(c, t, len, true);
}

/* ---- the bodies a document creates ---- */

const char *tag_body_id(const tagctx *c, int body)
{
	if (body >= 0)
		return gazetteer_at(c->g, (size_t)body)->id;
	return c->doc->bodies[LOCAL_INDEX(body)].id;
}

/* Every mention of the document's own bodies by their whole name (the
 * short forms they define are definitions, scan_defs). */
static int scan_locals(tagctx *c, const char *t, size_t len)
{
	size_t first = c->nm;
	for (size_t k = 0; c->doc && k < c->doc->nbodies; k++) {
		const char *name = c->doc->bodies[k].name;
		size_t nl = strlen(name);
		for (const char *p = strstr(t, name); p; p = strstr(p + 1, name)) {
			size_t s = (size_t)(p - t), e = s + nl;
			if ((s > 0 && word_byte((unsigned char)t[s - 1])) ||
			    (e < len && word_byte((unsigned char)t[e])))
				continue;
			int rc = push_mention(c, s, e, LOCAL_BODY(k), 0);
			if (rc)
				return rc;
		}
	}
	if (c->nm == first)
		return PDX_OK;
	/* a body the document created is named whole: a gazetteer name
	 * overlapping it ("the White House" of "the White House Task Force
	 * on ...") is part of its name */
	size_t w = 0;
	for (size_t i = 0; i < first; i++) {
		bool inside = false;
		for (size_t k = first; k < c->nm && !inside; k++)
			inside = c->m[i].s < c->m[k].e && c->m[k].s < c->m[i].e;
		if (!inside)
			c->m[w++] = c->m[i];
	}
	memmove(c->m + w, c->m + first, (c->nm - first) * sizeof *c->m);
	c->nm = w + c->nm - first;
	return PDX_OK;
}

/* Its name as an id: lowercase ASCII letters and digits, '_' between
 * words ("Interagency Task Force on Quantum Readiness" ->
 * "interagency_task_force_on_quantum_readiness"). */
static char *name_id(const char *name, size_t n)
{
	char *id = malloc(n + 1);
	if (!id)
		return NULL;
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)name[i];
		if (ch < 0x80 && isalnum(ch))
			id[j++] = (char)tolower(ch);
		else if (j && id[j - 1] != '_')
			id[j++] = '_';
	}
	while (j && id[j - 1] == '_')
		j--;
	id[j] = '\0';
	return id;
}

/* The body the sentence t[ss..se) establishes the new one within:
 * "within the Department of Labor", or -1. */
static int parent_in(tagctx *c, const char *t, size_t ss, size_t se)
{
	for (size_t i = 0; i < c->nm; i++) {
		const mention *m = &c->m[i];
		if (m->s < ss || m->e > se || m->body < 0)
			continue;
		size_t from = m->s >= ss + 12 ? m->s - 12 : ss;
		for (size_t x = from; x + 7 <= m->s; x++)
			if (!memcmp(t + x, "within ", 7))
				return m->body;
	}
	return -1;
}

/* Record the new body named t[s..e) (established within parent, or -1),
 * unless the gazetteer names it: a known body re-established is itself. */
static int add_local(tagctx *c, const char *t, size_t s, size_t e, int parent)
{
	for (size_t i = 0; i < c->nm; i++)
		if (c->m[i].body >= 0 && c->m[i].s <= s && c->m[i].e >= e)
			return PDX_OK;
	char *id = name_id(t + s, e - s);
	if (!id)
		return PDX_ENOMEM;
	bool known = !*id || strchr(id, '_') == NULL || gazetteer_find(c->g, id) != NULL;
	for (size_t k = 0; !known && k < c->doc->nbodies; k++)
		known = strcmp(c->doc->bodies[k].id, id) == 0;
	if (known) {
		free(id);
		return PDX_OK;
	}
	pdx_new_body *v = realloc(c->doc->bodies, (c->doc->nbodies + 1) * sizeof *v);
	if (!v) {
		free(id);
		return PDX_ENOMEM;
	}
	c->doc->bodies = v;
	pdx_new_body *b = &v[c->doc->nbodies];
	memset(b, 0, sizeof *b);
	b->id = id;
	if (!(b->name = pdx_strndup(t + s, e - s)) ||
	    (parent >= 0 && !(b->parent = pdx_strdup(gazetteer_at(c->g, (size_t)parent)->id)))) {
		free(b->id);
		free(b->name);
		return PDX_ENOMEM;
	}
	c->doc->nbodies++;
	return PDX_OK;
}

/* The name of a body in t[from..to): the first (last: the one ending the
 * span) that has more than the word that makes it a body. Its span in
 * *s, *e. */
static bool find_name(tagctx *c, const char *t, size_t from, size_t to, bool last,
		      size_t *s, size_t *e)
{
	bool found = false;
	size_t at = from;
	while (at < to) {
		if (pcre2_match(c->tg->rx[RX_NEW_NAME], (PCRE2_SPTR)t, to, at, PCRE2_NO_UTF_CHECK,
				c->md, NULL) <= 0)
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
		size_t ms = ov[2], me = ov[3];
		at = ov[1] > at ? ov[1] : at + 1;
		if (me - ms > 4 && !strncmp(t + ms, "The ", 4))
			ms += 4;	/* a sentence's first word */
		/* more than "Task Force", "Council": a word before or after */
		if (!memchr(t + ms, ' ', me - ms) || (ms > from && word_byte((unsigned char)t[ms - 1])))
			continue;
		const char *lone[] = { "Task Force", "Working Group" };
		bool generic = false;
		for (size_t k = 0; k < 2; k++)
			generic |= me - ms == strlen(lone[k]) && !memcmp(t + ms, lone[k], me - ms);
		if (generic)
			continue;
		*s = ms;
		*e = me;
		found = true;
		if (!last)
			break;
	}
	return found;
}

/* "There is hereby established the Interagency Task Force on Quantum
 * Readiness (Task Force)", "the Quantum Workforce Council, which is
 * hereby established within the Department of Labor", "The Secretary
 * shall establish an AI Safety Working Group": the body's name is the
 * first after the verb in its sentence, or the last right before it. */
int tag_learn_bodies(tagctx *c, const char *t)
{
	if (!t || !c->doc || (!strstr(t, "stablish") && !strstr(t, "reate") && !strstr(t, "onstitut") &&
			      !strstr(t, "onvene") && !strstr(t, "form") && !strstr(t, "stand up")))
		return PDX_OK;
	size_t len = strlen(t);
	int rc;
	if ((rc = names_in(c, t, len, NULL)))
		return rc;
	resolve_overlaps(c);
	mention *keep = NULL;
	size_t nkeep = c->nm;
	if (nkeep && !(keep = malloc(nkeep * sizeof *keep)))
		return PDX_ENOMEM;
	if (nkeep)
		memcpy(keep, c->m, nkeep * sizeof *keep);
	if ((rc = tag_split_sentences(c, t, len))) {
		free(keep);
		return rc;
	}
	size_t at = 0;
	while (!rc && at < len &&
	       pcre2_match(c->tg->rx[RX_ESTABLISH], (PCRE2_SPTR)t, len, at, PCRE2_NO_UTF_CHECK, c->md,
			   NULL) > 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
		size_t vs = ov[0], ve = ov[1];
		at = ve > at ? ve : at + 1;
		size_t k = 0;
		while (k + 1 < c->nsent && c->sent[k + 1] <= vs)
			k++;
		size_t ss = c->sent[k], se = k + 1 < c->nsent ? c->sent[k + 1] : len;
		size_t s = 0, e = 0;
		/* the name right before: "X, which is hereby established",
		 * "X is established" */
		bool before = find_name(c, t, ss, vs, true, &s, &e) && vs - e <= 10;
		if (before) {
			size_t g = e;
			while (g < vs && (t[g] == ',' || t[g] == ' '))
				g++;
			before = g == vs || !strncmp(t + g, "which ", 6) || !strncmp(t + g, "that ", 5);
		}
		if (!before && !(find_name(c, t, ve, se < ve + 200 ? se : ve + 200, false, &s, &e) &&
				 s - ve <= 120))
			continue;
		c->nm = nkeep;
		if (nkeep)
			memcpy(c->m, keep, nkeep * sizeof *keep);
		rc = add_local(c, t, s, e, parent_in(c, t, ss, se));
	}
	free(keep);
	return rc;
}
