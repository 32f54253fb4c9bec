/* tag_timeline_scan.c - the scan of one record: candidates and the
 * spans they take, sentences and clauses, numbers in words, US zones,
 * values of the candidates, and what an absolute date means from the
 * words around it in its sentence. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tag_timeline_int.h"
#include "polidex/text.h"
#include "polidex/util.h"

bool tl_is_order_kind(const char *k)
{
	return k && (strcmp(k, "executive_order") == 0 || strcmp(k, "proclamation") == 0 ||
		     strcmp(k, "memorandum") == 0);
}

/* Spans are looked up linearly up to this many candidates. */
#define FW_FROM 32

/* Note in the Fenwick tree that a span starts at s and ends at e. */
static void fw_put(scan *sc, size_t s, size_t e)
{
	if (s > sc->len)
		s = sc->len;
	for (size_t i = s + 1; i <= sc->fwn; i += i & -i)
		if (sc->fw[i] < e)
			sc->fw[i] = e;
}

/* A span [a, b) overlaps [s, e) when a < e and b > s: the greatest end
 * of the spans starting before e, in O(log len) from the tree. */
bool tl_overlaps(const scan *sc, size_t s, size_t e)
{
	if (!sc->fw) {
		for (size_t i = 0; i < sc->n; i++)
			if (s < sc->c[i].e && sc->c[i].s < e)
				return true;
		return false;
	}
	size_t m = 0;
	for (size_t i = e < sc->fwn ? e : sc->fwn; i > 0; i -= i & -i)
		if (sc->fw[i] > m)
			m = sc->fw[i];
	return m > s;
}

void tl_last_widen(scan *sc, size_t s)
{
	cand *c = tl_last(sc);
	c->s = s;
	if (sc->fw)
		fw_put(sc, s, c->e);
}

cand *tl_cand_add(scan *sc, size_t s, size_t e)
{
	if (sc->n == FW_FROM && !sc->fw && (sc->fw = calloc(sc->len + 2, sizeof *sc->fw))) {
		sc->fwn = sc->len + 1;
		for (size_t i = 0; i < sc->n; i++)
			fw_put(sc, sc->c[i].s, sc->c[i].e);
	}
	if (sc->n == sc->cap) {
		size_t cap = sc->cap ? sc->cap * 2 : 16;
		cand *v = realloc(sc->c, cap * sizeof *v);
		if (!v)
			return NULL;
		sc->c = v;
		sc->cap = cap;
	}
	cand *c = &sc->c[sc->n++];
	memset(c, 0, sizeof *c);
	c->s = s;
	c->e = e;
	if (sc->fw)
		fw_put(sc, s, e);
	return c;
}

/* Does pattern id match in t[from..to)? Lookbehind may see before from. */
bool tl_ctx_has(const scan *sc, int id, size_t from, size_t to)
{
	size_t ov[2];
	if (from > to)
		return false;
	return rx_match(tl_pats[id], sc->t, to, from, ov, 1) > 0;
}

size_t tl_align_fwd(const char *t, size_t i, size_t len)
{
	while (i < len && ((unsigned char)t[i] & 0xC0) == 0x80)
		i++;
	return i;
}

int tl_num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n && i < 6; i++)
		if (s[i] >= '0' && s[i] <= '9')
			v = v * 10 + (s[i] - '0');
	return v;
}

bool tl_starts_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++)
		if (tolower((unsigned char)s[i]) != w[i])
			return false;
	return true;
}

/* ---- sentences ------------------------------------------------------------ */

/* Length of a sentence terminator at i, 0 if none: the shared splitter's
 * marks, with ';' (and '!', '?') ending a sentence even with no space
 * after ("shall;(b)"). */
static size_t term_at(const char *t, size_t len, size_t i)
{
	return pdx_sentence_mark(t, len, i, PDX_SENT_SEMICOLON | PDX_SENT_BARE);
}

/* How far a sentence is looked for on each side of a match: a record with
 * no sentence ends (a 50 MB line) must not make every match scan it all. */
#define SENT_WINDOW 2000

/* Move i forward to the start of a UTF-8 character. */
static size_t char_boundary(const scan *sc, size_t i)
{
	while (i < sc->len && ((unsigned char)sc->t[i] & 0xC0) == 0x80)
		i++;
	return i;
}

size_t tl_sent_start(const scan *sc, size_t pos)
{
	size_t floor_ = pos > SENT_WINDOW ? char_boundary(sc, pos - SENT_WINDOW) : 0;
	for (size_t i = pos; i > floor_; i--) {
		size_t k = i >= 3 ? 3 : i;
		for (size_t w = 1; w <= k; w++) {
			size_t tl = term_at(sc->t, sc->len, i - w);
			if (tl == w)
				return i;
		}
	}
	return floor_;
}

size_t tl_sent_end(const scan *sc, size_t pos)
{
	size_t end = sc->len - pos > SENT_WINDOW ? char_boundary(sc, pos + SENT_WINDOW) : sc->len;
	for (size_t i = pos; i < end; i++) {
		size_t tl = term_at(sc->t, sc->len, i);
		if (tl)
			return i;
	}
	return end;
}

/* Clause start for Chinese: after the last comma, colon or sentence end. */
size_t tl_clause_start(const scan *sc, size_t pos)
{
	size_t ss = tl_sent_start(sc, pos);
	for (size_t i = pos; i > ss; i--) {
		const char *p = sc->t + i;
		if (p[-1] == ',' || p[-1] == ':' ||
		    (i >= ss + 3 && (memcmp(p - 3, "，", 3) == 0 || memcmp(p - 3, "：", 3) == 0 ||
				     memcmp(p - 3, "【", 3) == 0)))
			return i;
	}
	return ss;
}

size_t tl_clause_end(const scan *sc, size_t pos)
{
	size_t se = tl_sent_end(sc, pos);
	for (size_t i = pos; i < se; i++) {
		const char *p = sc->t + i;
		if (*p == ',' || (i + 3 <= se && (memcmp(p, "，", 3) == 0 || memcmp(p, "】", 3) == 0)))
			return i;
	}
	return se;
}

/* ---- numbers in words ------------------------------------------------------ */

/* "two hundred and fiftieth", "nineteenth", "two thousand twenty-five":
 * the value, or -1 when a word is not a number. */
long tl_words_number(const char *s, size_t n)
{
	static const char *const unit[] = { "zero", "one", "two", "three", "four", "five", "six", "seven",
		"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
		"seventeen", "eighteen", "nineteen" };
	static const char *const unit_ord[] = { "zeroth", "first", "second", "third", "fourth", "fifth",
		"sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth",
		"fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth" };
	static const char *const tens[] = { "", "", "twenty", "thirty", "forty", "fifty", "sixty",
		"seventy", "eighty", "ninety" };
	static const char *const tens_ord[] = { "", "", "twentieth", "thirtieth", "fortieth", "fiftieth",
		"sixtieth", "seventieth", "eightieth", "ninetieth" };
	long total = 0, cur = 0;
	int words = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && !isalpha((unsigned char)s[i]))
			i++;
		size_t b = i;
		while (i < n && isalpha((unsigned char)s[i]))
			i++;
		if (i == b)
			break;
		char w[16];
		size_t wl = i - b;
		if (wl >= sizeof w)
			return -1;
		for (size_t k = 0; k < wl; k++)
			w[k] = (char)tolower((unsigned char)s[b + k]);
		w[wl] = 0;
		if (strcmp(w, "and") == 0 || strcmp(w, "a") == 0)
			continue;
		int found = 0;
		for (int k = 0; k < 20 && !found; k++)
			if (strcmp(w, unit[k]) == 0 || strcmp(w, unit_ord[k]) == 0)
				cur += k, found = 1;
		for (int k = 2; k < 10 && !found; k++)
			if (strcmp(w, tens[k]) == 0 || strcmp(w, tens_ord[k]) == 0)
				cur += 10L * k, found = 1;
		if (!found && (strcmp(w, "hundred") == 0 || strcmp(w, "hundredth") == 0))
			cur = (cur ? cur : 1) * 100, found = 1;
		if (!found && (strcmp(w, "thousand") == 0 || strcmp(w, "thousandth") == 0))
			total += (cur ? cur : 1) * 1000, cur = 0, found = 1;
		if (!found)
			return -1;
		words++;
	}
	return words ? total + cur : -1;
}

long tl_count_value(const char *s, size_t n)
{
	if (n && isdigit((unsigned char)s[0]))
		return n > 6 ? -1 : tl_num(s, n);
	return tl_words_number(s, n);
}

/* ---- zones ------------------------------------------------------------------ */

/* Standard offset and whether the US DST rule applies; false if unknown. */
bool tl_zone_parse(const char *z, size_t n, int *std, bool *rule)
{
	char b[48];
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < sizeof b; i++)
		if (z[i] != '(' && z[i] != ')')
			b[k++] = (char)tolower((unsigned char)z[i]);
	b[k] = 0;
	static const struct { const char *name; int std; } us[] = {
		{ "eastern", -300 }, { "central", -360 }, { "mountain", -420 }, { "pacific", -480 },
		{ "东部", -300 }, { "美东", -300 }, { "東部", -300 }, { "美東", -300 } };
	static const struct { const char *abbr; int off; bool rule; } ab[] = {
		{ "et", -300, true }, { "edt", -240, false }, { "est", -300, false },
		{ "ct", -360, true }, { "cdt", -300, false }, { "cst", -360, false },
		{ "mt", -420, true }, { "mdt", -360, false }, { "mst", -420, false },
		{ "pt", -480, true }, { "pdt", -420, false }, { "pst", -480, false },
		{ "utc", 0, false }, { "gmt", 0, false } };
	for (size_t i = 0; i < sizeof ab / sizeof ab[0]; i++)
		if (strcmp(b, ab[i].abbr) == 0) {
			*std = ab[i].off;
			*rule = ab[i].rule;
			return true;
		}
	if (strstr(b, "北京")) {
		*std = 480;
		*rule = false;
		return true;
	}
	for (size_t i = 0; i < sizeof us / sizeof us[0]; i++) {
		if (!strstr(b, us[i].name))
			continue;
		*std = us[i].std;
		*rule = true;
		/* an explicit "daylight"/"standard" is respected, whatever the date */
		if (strstr(b, "daylight") || strstr(b, "夏令")) {
			*std += 60;
			*rule = false;
		} else if (strstr(b, "standard") || strstr(b, "标准") || strstr(b, "標準")) {
			*rule = false;
		}
		return true;
	}
	return false;
}

/* ---- values --------------------------------------------------------------------- */

void tl_set_value(cand *c, pdx_value v)
{
	char buf[PDX_VALUE_LEN];
	pdx_value_format(&v, buf);
	memcpy(c->value, buf, sizeof buf);
}

/* Compute c->value from its (now complete) fields. False: no such date. */
bool tl_cand_finish(cand *c)
{
	if (c->form == F_READY)
		return true;
	if (c->form == F_MONTH) {
		if (c->y <= 0 || c->m < 1 || c->m > 12)
			return false;
		tl_set_value(c, (pdx_value){ .shape = PDX_VALUE_MONTH, .start = { c->y, c->m, 1 } });
		return true;
	}
	if (!pdx_date_valid(c->y, c->m, c->d))
		return false;
	if (c->form == F_DAY) {
		tl_set_value(c, (pdx_value){ .shape = PDX_VALUE_DAY, .start = { c->y, c->m, c->d } });
		return true;
	}
	if (c->hh > 23 || c->mi > 59 || c->ss > 59)
		return false;
	int off = c->dst_rule ? pdx_us_offset(c->std_off, c->y, c->m, c->d, c->hh, c->mi) : c->std_off;
	tl_set_value(c, pdx_value_utc((pdx_date){ c->y, c->m, c->d }, c->hh, c->mi, c->ss, off));
	return true;
}

void tl_local_date(const cand *c, char out[11])
{
	pdx_date_format((pdx_date){ c->y, c->m, c->d }, out);
}

/* ---- classification ------------------------------------------------------------- */

int tl_ctx_year(const scan *sc)
{
	return sc->ctx->pub_date[0] ? tl_num(sc->ctx->pub_date, 4) : sc->ctx->year_hint;
}

/* The lead word right before s in the sentence ("by", "through", ...),
 * lowercased into out, with *ls its start; "" if none. */
static void lead_before(const scan *sc, size_t s, char *out, size_t outlen, size_t *ls)
{
	size_t ss = tl_sent_start(sc, s);
	size_t from = s > ss + 40 ? tl_align_fwd(sc->t, s - 40, s) : ss;
	size_t ov[4];	/* our own: sc->ov still holds the caller's match */
	out[0] = 0;
	*ls = s;
	if (rx_match(tl_pats[C_LEAD], sc->t, s, from, ov, 2) > 0) {
		size_t k = 0;
		for (size_t i = ov[2]; i < ov[3] && k + 1 < outlen; i++)
			out[k++] = isspace((unsigned char)sc->t[i]) ? ' ' : (char)tolower((unsigned char)sc->t[i]);
		out[k] = 0;
		*ls = ov[0];
	}
}

/* Kind of a window-bound or deadline phrase ("by", "within", 前) whose
 * context is t[from..to): notification, closes (a public submission
 * window), or deadline when the sentence [os, oe) obliges someone, else
 * other: a date after "by" that nobody has to meet is no deadline. */
pdx_time_kind tl_by_kind(const scan *sc, size_t from, size_t to, size_t os, size_t oe)
{
	if (tl_ctx_has(sc, C_NOTIFY, from, to))
		return PDX_TIME_NOTIFICATION;
	if (tl_ctx_has(sc, C_SUBMIT, from, to))
		return PDX_TIME_CLOSES;
	return tl_ctx_has(sc, C_OBLIG, os, oe) ? PDX_TIME_DEADLINE : PDX_TIME_OTHER;
}

static bool only_date_in_record(const scan *sc, size_t s, size_t e)
{
	for (size_t i = 0; i < s; i++)
		if (!isspace((unsigned char)sc->t[i]))
			return false;
	return tl_ctx_has(sc, C_ONLY_DATE, e, sc->len);
}

/* What an absolute date or time at [s, e) means. *ls is moved left over a
 * lead phrase worth keeping in the expression. */
pdx_time_kind tl_date_kind(scan *sc, size_t s, size_t e, size_t *ls)
{
	const timeline_ctx *ctx = sc->ctx;
	size_t ss = tl_sent_start(sc, s), se = tl_sent_end(sc, e);
	size_t cs = tl_clause_start(sc, s), ce = tl_clause_end(sc, e);
	char lead[32];

	*ls = s;
	if (only_date_in_record(sc, s, e)) {
		if (tl_is_order_kind(ctx->doc_kind) ||
		    (ctx->prev_text && rx_test(tl_pats[C_WH], ctx->prev_text)))
			return PDX_TIME_SIGNED;
		return PDX_TIME_PUBLISHED;
	}
	if (tl_ctx_has(sc, C_WH, 0, s) || tl_ctx_has(sc, C_DATED, 0, s))
		return PDX_TIME_SIGNED;
	if (tl_ctx_has(sc, C_FRHEAD, 0, s))
		return PDX_TIME_PUBLISHED;
	if ((tl_ctx_has(sc, C_DATELINE_ZH, 0, s) && tl_ctx_has(sc, C_DATELINE_ZH_END, e, sc->len)) ||
	    (tl_ctx_has(sc, C_DATELINE_EN, 0, s) && tl_ctx_has(sc, C_DASH, e, sc->len)))
		return PDX_TIME_PUBLISHED;

	lead_before(sc, s, lead, sizeof lead, ls);
	if (!strcmp(lead, "on or before") || !strcmp(lead, "no later than") ||
	    !strcmp(lead, "not later than") || !strcmp(lead, "by"))
		return tl_by_kind(sc, ss, *ls, ss, se);
	if (tl_ctx_has(sc, C_ZH_BY, e, ce))
		return tl_by_kind(sc, cs, ce, ss, se);
	if (!strcmp(lead, "wait until"))
		return PDX_TIME_OPENS;
	if (!strcmp(lead, "until") || !strcmp(lead, "till"))
		return tl_ctx_has(sc, C_REMAIN, ss, *ls) ? PDX_TIME_EXPIRES : PDX_TIME_OTHER;
	if (!strcmp(lead, "through") || !strcmp(lead, "thru"))
		return tl_ctx_has(sc, C_WINDOW, ss, *ls) ? PDX_TIME_CLOSES : PDX_TIME_OTHER;
	if (!strcmp(lead, "effective"))
		return PDX_TIME_EFFECTIVE;
	if (!lead[0]) {
		/* "the comment period closes at 11:59 p.m. on May 1": a
		 * window's end */
		size_t w = s > ss + 40 ? tl_align_fwd(sc->t, s - 40, s) : ss;
		if (tl_ctx_has(sc, C_ANC_CLOSE, w, s) && tl_ctx_has(sc, C_WINDOW, ss, s))
			return PDX_TIME_CLOSES;
	}
	if (tl_ctx_has(sc, C_ZH_OPENS, e, ce))
		return PDX_TIME_OPENS;
	if (tl_ctx_has(sc, C_ZH_CLOSES, e, ce))
		return PDX_TIME_CLOSES;
	if (tl_ctx_has(sc, C_ZH_EFF, e, ce))
		return PDX_TIME_EFFECTIVE;
	if (tl_ctx_has(sc, C_ZH_EXT, cs, s))
		return PDX_TIME_EXPIRES;
	if (strcmp(lead, "before") && strcmp(lead, "prior to") && strcmp(lead, "after") &&
	    strcmp(lead, "since") && strcmp(lead, "from")) {
		size_t w = s > ss + 80 ? tl_align_fwd(sc->t, s - 80, s) : ss;
		if (tl_ctx_has(sc, C_EFFECTIVE, w, s))
			return PDX_TIME_EFFECTIVE;
		if (tl_ctx_has(sc, C_EXPIRE, w, s))
			return PDX_TIME_EXPIRES;
		w = s > ss + 40 ? tl_align_fwd(sc->t, s - 40, s) : ss;
		if (tl_ctx_has(sc, C_OPENS, w, s))
			return PDX_TIME_OPENS;
	}
	/* "On July 23, 2025, the White House released ...", "2025年7月23日,白宫发布" */
	if (!lead[0] && tl_ctx_has(sc, C_ATSTART, cs, s)) {
		size_t w = e + 60 < se ? tl_align_fwd(sc->t, e + 60, sc->len) : se;
		if (tl_ctx_has(sc, C_PUB_VERB, e, w))
			return tl_ctx_has(sc, C_SIGNED, e, w) ? PDX_TIME_SIGNED : PDX_TIME_PUBLISHED;
	}
	/* keep meaningful leads in the expression, drop the rest */
	if (strcmp(lead, "before") && strcmp(lead, "prior to") && strcmp(lead, "after") &&
	    strcmp(lead, "since") && strcmp(lead, "until") && strcmp(lead, "till") &&
	    strcmp(lead, "through") && strcmp(lead, "thru") && strcmp(lead, "wait until"))
		*ls = s;
	return PDX_TIME_OTHER;
}

/* ---- dated candidates --------------------------------------------------- */

int tl_add_dated(scan *sc, size_t s, size_t e, int form, int y, int year_rel, int m, int d)
{
	size_t ls;
	pdx_time_kind kind = tl_date_kind(sc, s, e, &ls);
	/* keep "wait until" out: "until March 7" is the expression */
	if (ls < s && tl_starts_ci(sc->t + ls, s - ls, "wait"))
		ls = tl_align_fwd(sc->t, ls + 5, s);
	cand *c = tl_cand_add(sc, ls, e);
	if (!c)
		return PDX_ENOMEM;
	c->kind = kind;
	c->form = form;
	c->prec = form == F_MONTH ? "month" : form == F_TIME ? "minute" : "day";
	c->y = y;
	c->year_rel = year_rel;
	c->m = m;
	c->d = d;
	return PDX_OK;
}

cand *tl_last(scan *sc)
{
	return &sc->c[sc->n - 1];
}
