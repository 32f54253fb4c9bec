/* tag_timeline_relative.c - times the text gives relative to something
 * else: offsets from an anchor ("within 90 days of the date of this
 * order", "30 days after publication"), events ("upon completion of ..."),
 * the Chinese "...结束后", "since ... took office", and the bare years and
 * months, deictic words (today, 明年) and vague horizons ("in the coming
 * months", 尽快). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tag_timeline_int.h"
#include "polidex/util.h"

/* Where an anchor phrase starting at s ends: at punctuation, at "of this
 * section" or "as set forth", or after max_words words. */
static size_t phrase_end(const scan *sc, size_t s, int max_words, bool short_np)
{
	static const char *const stops[] = { " of this section", " as set forth", " as described",
		" as provided", " pursuant to", NULL };
	/* an event named without an offset is a short noun phrase: "prior to
	 * filing an H-1B petition on behalf of ..." names "filing an H-1B
	 * petition" */
	static const char *const np_stops[] = { " by ", " on behalf of ", " with respect to ",
		" in order to ", " in accordance ", " may ", " shall ", " will ", " must ", " should ",
		" can ", " cannot ", " would ", " could ", NULL };
	/* the document itself ends its phrase: "within 180 days of the date
	 * of this order and an annual report thereafter" */
	static const char *const self[] = { "the date of this ", "this " };
	static const char *const docs[] = { "order", "memorandum", "proclamation", "notice", "rule", NULL };
	for (size_t k = 0; k < 2; k++) {
		size_t n = strlen(self[k]);
		if (s + n > sc->len || strncasecmp(sc->t + s, self[k], n) != 0)
			continue;
		for (int d = 0; docs[d]; d++) {
			size_t dn = strlen(docs[d]);
			if (s + n + dn <= sc->len && !strncasecmp(sc->t + s + n, docs[d], dn) &&
			    (s + n + dn == sc->len || !isalnum((unsigned char)sc->t[s + n + dn])))
				return s + n + dn;
		}
	}
	size_t i = s;
	int words = 0;
	bool in_word = false;
	while (i < sc->len) {
		char ch = sc->t[i];
		if (ch == ',' || ch == ';' || ch == ':' || (unsigned char)ch == 0xEF || (unsigned char)ch == 0xE3)
			break;
		if (ch == '.' && (i + 1 == sc->len || isspace((unsigned char)sc->t[i + 1])))
			break;
		if (ch == ' ' || ch == '\n' || ch == '\t') {
			for (int k = 0; stops[k]; k++)
				if (!strncmp(sc->t + i, stops[k], strlen(stops[k])))
					goto out;
			for (int k = 0; short_np && np_stops[k]; k++)
				if (!strncmp(sc->t + i, np_stops[k], strlen(np_stops[k])))
					goto out;
			if (in_word && ++words >= max_words)
				break;
			in_word = false;
		} else {
			in_word = true;
		}
		i++;
	}
out:
	while (i > s && isspace((unsigned char)sc->t[i - 1]))
		i--;
	return i;
}

/* Name the anchor phrase [s, e): a document event or the text itself. */
static void anchor_name(const scan *sc, size_t s, size_t e, char *out, size_t n)
{
	if (tl_ctx_has(sc, C_THIS_DOC, s, e))
		snprintf(out, n, "signing");
	else if (tl_ctx_has(sc, C_THIS_NOTICE, s, e))
		snprintf(out, n, "published");	/* a notice is dated by its publication */
	else if (tl_ctx_has(sc, C_EFF_ANCHOR, s, e))
		snprintf(out, n, "effective");
	else if (tl_ctx_has(sc, C_PUB_ANCHOR, s, e))
		snprintf(out, n, "published");
	else if (tl_ctx_has(sc, C_ANC_WIN, s, e) && tl_ctx_has(sc, C_ANC_OPEN, s, e))
		snprintf(out, n, "opens");
	else if (tl_ctx_has(sc, C_ANC_WIN, s, e) && tl_ctx_has(sc, C_ANC_CLOSE, s, e))
		snprintf(out, n, "closes");
	else {
		size_t k = e - s < n - 1 ? e - s : n - 1;
		while (k > 0 && ((unsigned char)sc->t[s + k] & 0xC0) == 0x80)
			k--;	/* never cut a character in two */
		memcpy(out, sc->t + s, k);
		out[k] = 0;
		pdx_squeeze_space(out);
	}
}

bool tl_anchor_is_event(const char *a)
{
	return !strcmp(a, "signing") || !strcmp(a, "published") || !strcmp(a, "effective") ||
	       !strcmp(a, "opens") || !strcmp(a, "closes");
}

static void set_offset(cand *c, long n, const char *unit)
{
	char u = (char)tolower((unsigned char)unit[0]);
	if (u == 'w')
		c->has_days = true, c->days = (int)(n * 7);
	else if (u == 'm')
		c->has_months = true, c->months = (int)n;
	else if (u == 'y')
		c->has_months = true, c->months = (int)(n * 12);
	else
		c->has_days = true, c->days = (int)n;
}

static const char *unit_word(const scan *sc, size_t s, size_t e)
{
	/* skip "calendar"/"business" */
	const char *p = sc->t + s, *end = sc->t + e;
	const char *sp = memchr(p, ' ', (size_t)(end - p));
	return sp ? sp + 1 : p;
}

/* "first", "third", "twentieth": a word that ranks, not counts ("the
 * first day of each quarter" is no day after anything). */
static bool ordinal_word(const char *w, size_t n)
{
	if (!n || !isalpha((unsigned char)w[0]))
		return false;
	return tl_starts_ci(w, n, "first") || tl_starts_ci(w, n, "second") || tl_starts_ci(w, n, "third") ||
	       (n > 2 && tolower((unsigned char)w[n - 2]) == 't' && tolower((unsigned char)w[n - 1]) == 'h');
}

/* After "today's": an act of the day ("Today's executive order")? */
static bool todays_event(const char *p, size_t n)
{
	static const char *const w[] = { " executive order", " order", " memorandum", " proclamation",
		" action", " announcement", " meeting", " event", " signing", " hearing", " summit" };
	for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
		size_t l = strlen(w[i]);
		if (n >= l && !strncasecmp(p, w[i], l))
			return true;
	}
	return false;
}

int tl_handle_relative(scan *sc, int id)
{
	const char *t = sc->t;
	size_t s = G_S(sc, 0), e = G_E(sc, 0);
	size_t ss = tl_sent_start(sc, s), se = tl_sent_end(sc, e);
	cand *c;

	if (id == P_NEXT) {
		long n = tl_count_value(t + G_S(sc, 3), G_LEN(sc, 3));
		if (n < 1)
			return 1;
		if (!(c = tl_cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->prec = "relative";
		set_offset(c, n, t + G_S(sc, 4));
		bool within = tl_starts_ci(t + G_S(sc, 1), G_LEN(sc, 1), "within");
		c->kind = within && tl_ctx_has(sc, C_OBLIG, ss, se) ? PDX_TIME_DEADLINE : PDX_TIME_OTHER;
		if (within)
			snprintf(c->anchor, sizeof c->anchor, "%s",
				 tl_is_order_kind(sc->ctx->doc_kind) ? "signing" : "published");
		return PDX_OK;
	}
	if (id == P_ANNIV) {
		/* "the third anniversary of the effective date": n years on */
		const char *w = t + G_S(sc, 1);
		long n = isdigit((unsigned char)w[0]) ? strtol(w, NULL, 10) : tl_words_number(w, G_LEN(sc, 1));
		if (n < 1 || n > 100)
			return 1;
		size_t ae = phrase_end(sc, e, 16, false);
		if (ae <= e || tl_overlaps(sc, s, ae))
			return 1;
		size_t ls;
		pdx_time_kind kind = tl_date_kind(sc, s, ae, &ls);
		if (!(c = tl_cand_add(sc, ls, ae)))
			return PDX_ENOMEM;
		c->kind = kind;
		c->prec = "relative";
		c->has_months = true;
		c->months = (int)(12 * n);
		anchor_name(sc, e, ae, c->anchor, sizeof c->anchor);
		return PDX_OK;
	}
	if (id == P_REL) {
		bool lead = G_SET(sc, 1), rel = G_SET(sc, 4);
		long n = tl_count_value(t + G_S(sc, 2), G_LEN(sc, 2));
		if (n < 1 || n > 100000 || (!lead && !rel) || ordinal_word(t + G_S(sc, 2), G_LEN(sc, 2)))
			return 1;
		const char *lw = lead ? t + G_S(sc, 1) : "";
		size_t ll = lead ? G_LEN(sc, 1) : 0;
		bool within = tl_starts_ci(lw, ll, "within") || tl_starts_ci(lw, ll, "no") || tl_starts_ci(lw, ll, "not");
		bool dur = tl_starts_ci(lw, ll, "for");
		if (lead && !within && !dur)
			return 1;	/* "at least 30 days", "up to 5 years": amounts, not times */
		char anchor[160] = "";
		size_t ae = e;
		if (rel) {
			size_t as = e;
			while (as < sc->len && isspace((unsigned char)t[as]))
				as++;
			ae = phrase_end(sc, as, 16, false);
			if (ae <= as)
				return 1;
			anchor_name(sc, as, ae, anchor, sizeof anchor);
		} else if (within) {
			snprintf(anchor, sizeof anchor, "%s", tl_default_anchor(sc));
		} else {
			return 1;
		}
		if (tl_overlaps(sc, s, ae))
			return 1;
		if (!(c = tl_cand_add(sc, s, ae)))
			return PDX_ENOMEM;
		c->prec = "relative";
		set_offset(c, n, unit_word(sc, G_S(sc, 3), G_E(sc, 3)));
		if (rel && (tl_starts_ci(t + G_S(sc, 4), 6, "before") || tl_starts_ci(t + G_S(sc, 4), 5, "prior") ||
			    tl_starts_ci(t + G_S(sc, 4), 9, "preceding"))) {
			c->days = -c->days;
			c->months = -c->months;
		}
		snprintf(c->anchor, sizeof c->anchor, "%s", anchor);
		if (within) {
			c->kind = tl_by_kind(sc, ss, s, ss, se);
			/* in an order, list items inherit the "shall" of their
			 * lead-in: "(b) Each agency head shall: ... (iii) within
			 * 90 days of ..., adopt procedures" */
			if (c->kind == PDX_TIME_OTHER && tl_is_order_kind(sc->ctx->doc_kind))
				c->kind = PDX_TIME_DEADLINE;
		}
		else if (dur || tl_ctx_has(sc, C_EXPIRE, ss, s))
			c->kind = PDX_TIME_EXPIRES;
		else if (tl_ctx_has(sc, C_EFFECTIVE, ss, s))
			c->kind = PDX_TIME_EFFECTIVE;
		else
			c->kind = PDX_TIME_OTHER;
		return PDX_OK;
	}
	if (id == P_ZH_AFTER) {
		if (!(c = tl_cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = PDX_TIME_START;
		c->prec = "relative";
		anchor_name(sc, G_S(sc, 1), G_E(sc, 2), c->anchor, sizeof c->anchor);
		return PDX_OK;
	}
	/* P_EVENT: before/after/upon/following/on the day + an event */
	const char *lw = t + G_S(sc, 1);
	size_t ll = G_LEN(sc, 1);
	size_t as = e;
	bool upon = tl_starts_ci(lw, ll, "upon");
	bool following = tl_starts_ci(lw, ll, "following");
	bool onday = tl_starts_ci(lw, ll, "on");
	bool after = tl_starts_ci(lw, ll, "after");
	/* "beginning on the effective date of the rule": when it starts */
	bool begin = tl_starts_ci(lw, ll, "beginning") || tl_starts_ci(lw, ll, "starting") ||
		     tl_starts_ci(lw, ll, "commencing");
	size_t ae = phrase_end(sc, as, 12, true);
	if (ae <= as)
		return 1;
	/* "the following two principles" is not a time */
	if (following && s >= 4 && tl_starts_ci(t + s - 4, 4, "the "))
		return 1;
	if (upon ? !tl_ctx_has(sc, C_NOMINAL, as, ae)
		 : !onday && !tl_ctx_has(sc, C_TEMPORAL, as, ae) && !(begin && tl_ctx_has(sc, C_NOMINAL, as, ae)))
		return 1;
	if (tl_overlaps(sc, s, ae))
		return 1;
	char anchor[160];
	anchor_name(sc, as, ae, anchor, sizeof anchor);
	if (!(c = tl_cand_add(sc, s, ae)))
		return PDX_ENOMEM;
	c->prec = "relative";
	snprintf(c->anchor, sizeof c->anchor, "%s", anchor);
	if (upon || following || begin)
		c->kind = PDX_TIME_START;
	else if (onday)
		c->kind = PDX_TIME_OTHER;
	else if (after)
		c->kind = tl_anchor_is_event(anchor) ? PDX_TIME_START : PDX_TIME_OTHER;
	else
		c->kind = tl_ctx_has(sc, C_OBLIG, ss, se) ? PDX_TIME_DEADLINE : PDX_TIME_OTHER;
	return PDX_OK;
}

int tl_handle_misc(scan *sc, int id)
{
	const char *t = sc->t;
	size_t s = G_S(sc, 0), e = G_E(sc, 0);
	size_t se = tl_sent_end(sc, e);
	int cy = tl_ctx_year(sc);
	cand *c;

	switch (id) {
	case P_SINCE:
		while (e > s && isspace((unsigned char)t[e - 1]))
			e--;
		if (!(c = tl_cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = PDX_TIME_OTHER;
		c->prec = "relative";
		anchor_name(sc, s + 6, e, c->anchor, sizeof c->anchor);
		return PDX_OK;
	case P_YEAR_RANGE: {
		int g = G_SET(sc, 1) ? 1 : 3;
		int a = tl_num(t + G_S(sc, g), 4), b = tl_num(t + G_S(sc, g + 1), 4);
		if (b < a)
			return 1;
		if (!(c = tl_cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = PDX_TIME_OTHER;
		c->prec = "year";
		tl_set_value(c, (pdx_value){ .shape = PDX_VALUE_YEAR_RANGE, .start = { a, 1, 1 }, .end = { b, 12, 31 } });
		return PDX_OK;
	}
	case P_YEAR: {
		size_t ys = G_S(sc, 2);
		size_t from = ys > 24 ? tl_align_fwd(t, ys - 24, ys) : 0;
		if (tl_ctx_has(sc, C_YEAR_EXCL, from, G_SET(sc, 1) ? s : ys))
			return 1;
		if (!(c = tl_cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = PDX_TIME_OTHER;
		c->prec = "year";
		tl_set_value(c, (pdx_value){ .shape = PDX_VALUE_YEAR, .start = { tl_num(t + ys, 4), 1, 1 } });
		return PDX_OK;
	}
	case P_BARE_MONTH: {
		size_t ms = G_S(sc, 2);
		bool lead = G_SET(sc, 1);
		const char *lw = lead ? t + G_S(sc, 1) : "";
		if (!lead && !strncmp(t + ms, "May", 3))
			return 1;	/* the verb */
		bool keep = lead && !tl_starts_ci(lw, 2, "in") && !tl_starts_ci(lw, 6, "during") &&
			    !tl_starts_ci(lw, 5, "early") && !tl_starts_ci(lw, 4, "late") && !tl_starts_ci(lw, 3, "mid");
		int rc = tl_add_dated(sc, ms, e, F_MONTH, 0, Y_CONTEXT, pdx_month_from_prefix(t + ms, e - ms), 1);
		if (rc == PDX_OK && keep)
			tl_last_widen(sc, s);
		return rc;
	}
	case P_DEICTIC:
	case P_ZH_DEICTIC: {
		const char *w = t + G_S(sc, 1);
		size_t wl = G_LEN(sc, 1);
		if (e < sc->len && (t[e] == '\'' || !strncmp(t + e, "’", 3)) && tl_starts_ci(w, wl, "today") &&
		    !todays_event(t + e + (t[e] == '\'' ? 2 : 4), sc->len - e))
			return 1;	/* "today's world", but "Today's executive order" is dated */
		/* "the leaders of tomorrow", "the world of today": no day */
		if (s >= 3 && !strncmp(t + s - 3, "of ", 3) && (tl_starts_ci(w, wl, "today") ||
								  tl_starts_ci(w, wl, "tomorrow")))
			return 1;
		if (!(c = tl_cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->prec = "day";
		c->kind = PDX_TIME_OTHER;
		snprintf(c->anchor, sizeof c->anchor, "published");
		bool today = tl_starts_ci(w, wl, "today") || tl_starts_ci(w, wl, "tonight") ||
			     !strncmp(w, "今天", 6) || !strncmp(w, "今日", 6);
		int dd = tl_starts_ci(w, wl, "yesterday") || !strncmp(w, "昨天", 6) ? -1
		       : tl_starts_ci(w, wl, "tomorrow") || !strncmp(w, "明天", 6) ? 1 : 0;
		int dy = tl_starts_ci(w, wl, "last") || !strncmp(w, "去年", 6) ? -1
		       : tl_starts_ci(w, wl, "next") || !strncmp(w, "明年", 6) ? 1 : 0;
		bool year = strstr(w, "year") ? (size_t)(strstr(w, "year") - w) < wl : false;
		year = year || !strncmp(w, "今年", 6) || !strncmp(w, "去年", 6) || !strncmp(w, "明年", 6);
		if (today) {
			size_t we = e + 80 < se ? tl_align_fwd(t, e + 80, sc->len) : se;
			/* an order's "today" ("Yet today, ...") is its time, not
			 * its publication: the metadata's date still stands */
			c->kind = tl_ctx_has(sc, C_SIGNED, e, we) ? PDX_TIME_SIGNED :
				  tl_is_order_kind(sc->ctx->doc_kind) ? PDX_TIME_OTHER : PDX_TIME_PUBLISHED;
		}
		pdx_date pd;
		/* in a news report, 今天 is the dateline's day */
		const char *base = !year && (unsigned char)w[0] >= 0x80 && sc->ctx->dateline[0] ? sc->ctx->dateline
										      : sc->ctx->pub_date;
		if (pdx_date_parse(base, &pd) != PDX_OK)
			return PDX_OK;	/* no document date: stays unresolved */
		if (year) {
			c->prec = "year";
			tl_set_value(c, (pdx_value){ .shape = PDX_VALUE_YEAR, .start = { cy + dy, 1, 1 } });
		} else {
			pd = pdx_date_add_days(pd, dd);
			pdx_date_format(pd, c->value);
		}
		return PDX_OK;
	}
	case P_VAGUE_EN:
		if (!(c = tl_cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->prec = "vague";
		c->kind = G_SET(sc, 1) ? PDX_TIME_OTHER : PDX_TIME_VAGUE;
		if (G_SET(sc, 1) ? tl_starts_ci(t + s, 9, "in recent") :
		    (tl_starts_ci(t + s, 6, "in the") || tl_starts_ci(t + s, 5, "as soon")))
			snprintf(c->anchor, sizeof c->anchor, "published");
		return PDX_OK;
	case P_VAGUE_ZH:
		if (!(c = tl_cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->prec = "vague";
		c->kind = G_SET(sc, 3) || G_SET(sc, 4) ? PDX_TIME_OTHER : PDX_TIME_VAGUE;
		if (G_SET(sc, 1) || G_SET(sc, 2))
			snprintf(c->anchor, sizeof c->anchor, "published");
		/* 近日宣布: "recently announced" dates the announcement, vaguely */
		if (G_SET(sc, 2) && tl_ctx_has(sc, C_ZH_ANNOUNCE, e, se))
			c->kind = PDX_TIME_PUBLISHED;
		return PDX_OK;
	default:
		return tl_handle_kinds(sc, id);
	}
}
