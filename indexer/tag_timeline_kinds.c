/* tag_timeline_kinds.c - the timeline kinds that carry no date of their
 * own: recurring ("annually thereafter", "every 90 days", 每年: kind
 * recurring, the period as an offset, the first due date when an earlier
 * time of the sentence gives one), immediate ("shall promptly", 立即: the
 * anchor's date), conditional ("until such action is finalized", "during
 * the performance period": the condition as anchor), Chinese relative
 * deadlines and spans (在30天内, 三个月内, 为期6个月) and day-only dates
 * (24日, 二十三日) resolved from the document's date. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "tag_timeline_int.h"
#include "polidex/date.h"
#include "polidex/util.h"

long tl_zh_number(const char *s, size_t n)
{
	if (n && isdigit((unsigned char)s[0])) {
		for (size_t i = 0; i < n; i++)
			if (!isdigit((unsigned char)s[i]))
				return -1;
		return n > 6 ? -1 : tl_num(s, n);
	}
	static const char *const dig[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	long total = 0, cur = -1;
	size_t i = 0;
	while (i < n) {
		int d = -1, mult = 0;
		for (int k = 0; k < 10 && d < 0; k++)
			if (!strncmp(s + i, dig[k], 3))
				d = k;
		if (d < 0 && (!strncmp(s + i, "两", 3) || !strncmp(s + i, "兩", 3)))
			d = 2;
		if (d < 0 && !strncmp(s + i, "廿", 3))
			d = 20;
		if (d < 0 && !strncmp(s + i, "卅", 3))
			d = 30;
		if (d < 0 && !strncmp(s + i, "十", 3))
			mult = 10;
		if (d < 0 && !strncmp(s + i, "百", 3))
			mult = 100;
		if (d < 0 && !mult)
			return -1;
		if (mult) {
			total += (cur < 0 ? 1 : cur) * mult;
			cur = -1;
		} else {
			cur = (cur < 0 ? 0 : cur) + d;
		}
		i += 3;
	}
	return total + (cur < 0 ? 0 : cur);
}

/* The anchor of a relative time with none in the text: the signing in an
 * order, or in any document that has already given a signing date (a news
 * report of an order); else the publication. */
const char *tl_default_anchor(const scan *sc)
{
	return tl_is_order_kind(sc->ctx->doc_kind) || sc->ctx->signed_date[0] ? "signing" : "published";
}

/* The latest candidate before s in the same sentence that is a time of its
 * own (a date, or a relative time with an offset), or NULL. */
static cand *earlier_time(scan *sc, size_t s)
{
	size_t ss = tl_sent_start(sc, s);
	cand *best = NULL;
	for (size_t i = 0; i < sc->n; i++) {
		cand *c = &sc->c[i];
		if (c->kind == PDX_TIME_NONE || c->s < ss || c->e > s || c->kind == PDX_TIME_RECURRING)
			continue;
		bool dated = c->y && c->m && c->d && c->form != F_MONTH;
		bool rel = c->anchor[0] && (c->has_days || c->has_months);
		if ((dated || rel) && (!best || c->s > best->s))
			best = c;
	}
	return best;
}

static int recurring(scan *sc, size_t s, size_t e)
{
	const char *t = sc->t;
	int months = 0, days = 0;
	if (G_SET(sc, 1) || G_SET(sc, 2)) {
		const char *w = t + (G_SET(sc, 1) ? G_S(sc, 1) : G_S(sc, 2));
		months = tl_starts_ci(w, 4, "quar") ? 3 : tl_starts_ci(w, 4, "mont") ? 1 : tl_starts_ci(w, 4, "semi") ? 6
		       : tl_starts_ci(w, 4, "bien") ? 24 : 12;
	} else if (G_SET(sc, 3)) {
		long n = tl_count_value(t + G_S(sc, 3), G_LEN(sc, 3));
		if (n < 1 || n > 10000)
			return 1;
		char u = (char)tolower((unsigned char)t[G_S(sc, 4)]);
		if (u == 'd')
			days = (int)n;
		else if (u == 'w')
			days = (int)n * 7;
		else
			months = (int)n * (u == 'y' ? 12 : 1);
	} else if (G_SET(sc, 5)) {
		const char *w = t + G_S(sc, 5), *per = t + G_S(sc, 6);
		int times = tl_starts_ci(w, 4, "once") ? 1 : tl_starts_ci(w, 5, "twice") ? 2 : tl_starts_ci(w, 5, "three") ? 3 : 4;
		int span = tl_starts_ci(per, 4, "year") ? 12 : tl_starts_ci(per, 4, "quar") ? 3 : 1;
		if (span % times)
			days = span * 30 / times;
		else
			months = span / times;
	} else if (G_SET(sc, 7)) {
		const char *w = t + G_S(sc, 7);
		months = tl_starts_ci(w, 4, "year") ? 12 : tl_starts_ci(w, 4, "quar") ? 3 : 1;
	} else if (G_SET(sc, 8)) {
		/* "biannually", "twice a year": every six months; "weekly" */
		if (tl_starts_ci(t + G_S(sc, 8), 6, "weekly"))
			days = 7;
		else
			months = 6;
	} else if (G_SET(sc, 9)) {
		const char *w = t + G_S(sc, 9);
		months = !strncmp(w, "年", 3) ? 12 : !strncmp(w, "季", 3) ? 3 : !strncmp(w, "月", 3) ? 1 : 6;
	} else {
		return 1;
	}
	cand *c = tl_cand_add(sc, s, e);
	if (!c)
		return PDX_ENOMEM;
	c->kind = PDX_TIME_RECURRING;
	c->prec = "relative";
	/* "within 1 year ... and annually thereafter": the first recurrence
	 * falls one period after the time before it */
	size_t idx = (size_t)(c - sc->c);
	cand *prev = earlier_time(sc, s);
	c = &sc->c[idx];
	if (prev) {
		if (prev->anchor[0] && (prev->has_days || prev->has_months)) {
			snprintf(c->anchor, sizeof c->anchor, "%s", prev->anchor);
			c->has_days = prev->has_days || days;
			c->days = prev->days + days;
			c->has_months = prev->has_months || months;
			c->months = prev->months + months;
			return PDX_OK;
		}
		pdx_date d = { prev->y, prev->m, prev->d };
		d = pdx_date_add_months(d, months);
		d = pdx_date_add_days(d, days);
		pdx_date_format(d, c->value);
	}
	c->has_days = days != 0;
	c->days = days;
	c->has_months = months != 0;
	c->months = months;
	return PDX_OK;
}

/* Does t[0..n) hold the word "shall"? */
static bool has_shall(const char *t, size_t n)
{
	for (size_t i = 0; i + 5 <= n; i++)
		if (tl_starts_ci(t + i, 5, "shall") && (i == 0 || !isalpha((unsigned char)t[i - 1])) &&
		    (i + 5 == n || !isalpha((unsigned char)t[i + 5])))
			return true;
	return false;
}

static int immediate(scan *sc, size_t s, size_t e)
{
	size_t ss = tl_sent_start(sc, s), se = tl_sent_end(sc, e);
	bool zh = (unsigned char)sc->t[s] >= 0x80;
	bool directs = false;
	static const char *const verbs[] = { "direct", "require", "instruct", "order" };
	for (size_t k = 0; k < sizeof verbs / sizeof *verbs && !directs; k++)
		for (size_t i = ss; i + strlen(verbs[k]) <= s && !directs; i++)
			directs = tl_starts_ci(sc->t + i, strlen(verbs[k]), verbs[k]);
	if (!zh && !directs && !tl_ctx_has(sc, C_OBLIG, ss, se))
		return 1;	/* "is immediately apparent": no act */
	/* "If ... cannot be finalized immediately, the heads shall ...": the
	 * word is in the condition, not the act */
	size_t st = ss;
	while (st < s && isspace((unsigned char)sc->t[st]))
		st++;
	if (!zh && s > st + 3 && tl_starts_ci(sc->t + st, 3, "if ") && !has_shall(sc->t + st, s - st) &&
	    has_shall(sc->t + e, se - e))
		return 1;
	cand *c = tl_cand_add(sc, s, e);
	if (!c)
		return PDX_ENOMEM;
	c->kind = PDX_TIME_IMMEDIATE;
	c->prec = "relative";
	/* "Once OSTP publishes the guidance, ... shall promptly ...": the
	 * condition is the anchor */
	const char *t = sc->t;
	static const char *const cond[] = { "once ", "when ", "upon ", "after ", "following ", "as soon as " };
	for (size_t k = 0; k < sizeof cond / sizeof *cond; k++) {
		size_t cl = strlen(cond[k]);
		if (s > ss + cl && tl_starts_ci(t + ss, cl, cond[k])) {
			const char *comma = memchr(t + ss, ',', s - ss);
			if (comma) {
				size_t n = (size_t)(comma - (t + ss + cl));
				snprintf(c->anchor, sizeof c->anchor, "%.*s", (int)(n < 150 ? n : 150), t + ss + cl);
				return PDX_OK;
			}
		}
	}
	snprintf(c->anchor, sizeof c->anchor, "%s", tl_default_anchor(sc));
	c->has_days = true;
	c->days = 0;
	return PDX_OK;
}

static int conditional(scan *sc, size_t s, size_t e)
{
	int g = G_SET(sc, 1) ? 1 : G_SET(sc, 2) ? 2 : G_SET(sc, 3) ? 3 : 4;
	cand *c = tl_cand_add(sc, s, e);
	if (!c)
		return PDX_ENOMEM;
	c->kind = PDX_TIME_CONDITIONAL;
	c->prec = "relative";
	size_t n = G_LEN(sc, g);
	snprintf(c->anchor, sizeof c->anchor, "%.*s", (int)(n < 150 ? n : 150), sc->t + G_S(sc, g));
	return PDX_OK;
}

static int zh_relative(scan *sc, size_t s, size_t e)
{
	const char *t = sc->t;
	bool span = G_SET(sc, 4), after = G_SET(sc, 8);
	int gn = after ? 8 : span ? 5 : 2, gu = after ? 9 : span ? 6 : 3, gev = after ? 7 : 1;
	long n = tl_zh_number(t + G_S(sc, gn), G_LEN(sc, gn));
	if (n < 1 || n > 100000)
		return 1;
	cand *c = tl_cand_add(sc, s, e);
	if (!c)
		return PDX_ENOMEM;
	const char *u = t + G_S(sc, gu);
	if (!strncmp(u, "月", 3))
		c->has_months = true, c->months = (int)n;
	else if (!strncmp(u, "年", 3))
		c->has_months = true, c->months = (int)n * 12;
	else if (!strncmp(u, "天", 3) || !strncmp(u, "日", 3))
		c->has_days = true, c->days = (int)n;
	else
		c->has_days = true, c->days = (int)n * 7;
	c->prec = "relative";
	size_t ss = tl_sent_start(sc, s), se = tl_sent_end(sc, e);
	const char *sx = strstr(t + ss, "生效");
	bool eff = tl_ctx_has(sc, C_EFFECTIVE, ss, se) || (sx && (size_t)(sx - t) < se);
	const char *anchor = tl_default_anchor(sc);
	if (G_SET(sc, gev)) {
		const char *ev = t + G_S(sc, gev);
		anchor = !strncmp(ev, "签", 3) || !strncmp(ev, "簽", 3) ? "signing"
		       : !strncmp(ev, "生", 3) || !strncmp(ev, "实", 3) || !strncmp(ev, "實", 3) ? "effective"
		       : "published";
	} else if (span && eff) {
		anchor = "effective";
	}
	snprintf(c->anchor, sizeof c->anchor, "%s", anchor);
	c->kind = after ? (eff ? PDX_TIME_EFFECTIVE : PDX_TIME_OTHER) : span ? PDX_TIME_EXPIRES : PDX_TIME_DEADLINE;
	if (after && !G_SET(sc, gev) && c->kind == PDX_TIME_EFFECTIVE)
		snprintf(c->anchor, sizeof c->anchor, "%s", tl_default_anchor(sc));
	return PDX_OK;
}

/* Does the clause say, just before s, that what follows is to come
 * (将于, 將於, 拟于, 预计, 预定, 起)? */
static bool future_before(const scan *sc, size_t s)
{
	static const char *const w[] = { "将", "將", "拟", "擬", "预计", "預計", "预定", "預定", "届时", "屆時", NULL };
	size_t from = s > 12 ? s - 12 : 0;
	while (from < s && ((unsigned char)sc->t[from] & 0xC0) == 0x80)
		from++;
	for (size_t i = from; i < s; i++)
		for (int k = 0; w[k]; k++)
			if (!strncmp(sc->t + i, w[k], strlen(w[k])))
				return true;
	return false;
}

/* 24日 in a document of 2025-11-25 is 2025-11-24; 28日 in one of
 * 2025-12-03 is 2025-11-28 (news reports what has happened). */
static int zh_day(scan *sc, size_t s, size_t e)
{
	pdx_date pd;
	if (pdx_date_parse(sc->ctx->pub_date, &pd) != PDX_OK)
		return 1;
	long d = tl_zh_number(sc->t + G_S(sc, 2), G_LEN(sc, 2));
	if (d < 1 || d > 31)
		return 1;
	int y = pd.y, m = pd.m;
	if (G_SET(sc, 1)) {
		/* 本月, 下月, 上月: the month is given */
		const char *w = sc->t + G_S(sc, 1);
		int step = !strncmp(w, "下", 3) ? 1 : !strncmp(w, "上", 3) ? -1 : 0;
		pdx_date md = pdx_date_add_months((pdx_date){ y, m, 1 }, step);
		y = md.y, m = md.m;
	} else if (d > pd.d + 1 && !future_before(sc, s)) {
		if (--m < 1)
			m = 12, y--;
	} else if (d < pd.d - 1 && future_before(sc, s)) {
		/* 将于5日: the next month's */
		pdx_date md = pdx_date_add_months((pdx_date){ y, m, 1 }, 1);
		y = md.y, m = md.m;
	}
	int rc = tl_add_dated(sc, s, e, F_DAY, y, Y_GIVEN, m, (int)d);
	/* a dateline: the day at the head of the report, in brackets after
	 * the agency and the city ("（中央社華盛頓24日綜合外電報導）",
	 * "【新华社北京3日电】") dates the report where it was written */
	size_t head = 0;
	while (head < s && (sc->t[head] == ' ' || sc->t[head] == '\n'))
		head++;
	bool open = !strncmp(sc->t + head, "（", 3) || sc->t[head] == '(' || !strncmp(sc->t + head, "【", 3);
	bool closed = false;
	for (size_t i = head + 1; open && i < s && !closed; i++)
		closed = sc->t[i] == ')' || !strncmp(sc->t + i, "）", 3) || !strncmp(sc->t + i, "】", 3);
	/* 川普11日簽署: the act that directly follows the date names it */
	if (rc == PDX_OK && tl_last(sc)->kind == PDX_TIME_OTHER) {
		const char *t = sc->t + e;
		size_t left = sc->len - e;
		while (left && (*t == ' ' || *t == '\t'))
			t++, left--;
		if (left >= 6 && (!strncmp(t, "签署", 6) || !strncmp(t, "簽署", 6)))
			tl_last(sc)->kind = PDX_TIME_SIGNED;
		else if (left >= 6 && (!strncmp(t, "发布", 6) || !strncmp(t, "發布", 6) || !strncmp(t, "宣布", 6) ||
				       !strncmp(t, "宣佈", 6) || !strncmp(t, "公布", 6) || !strncmp(t, "公佈", 6)))
			tl_last(sc)->kind = PDX_TIME_PUBLISHED;
	}
	if (rc == PDX_OK && open && !closed && s - head < 48) {
		tl_last(sc)->kind = PDX_TIME_PUBLISHED;
		snprintf(sc->ctx->dateline, sizeof sc->ctx->dateline, "%04d-%02d-%02d", y, m, (int)d);
	}
	return rc;
}

int tl_handle_kinds(scan *sc, int id)
{
	size_t s = G_S(sc, 0), e = G_E(sc, 0);
	switch (id) {
	case P_RECUR:
		return recurring(sc, s, e);
	case P_IMMED:
		return immediate(sc, s, e);
	case P_COND:
		return conditional(sc, s, e);
	case P_ZH_REL:
		return zh_relative(sc, s, e);
	case P_ZH_DAY:
		return zh_day(sc, s, e);
	default:
		return 1;
	}
}
