/* tag_timeline_absolute.c - dates, times with US zones and fiscal years
 * as the text gives them: the forms of a signed proclamation ("the
 * twenty-third day of July, in the year of our Lord two thousand
 * twenty-five"), Chinese dates (2025年7月23日 下午3点), English ones with
 * or without a time and zone, ISO and US numeric dates, months, fiscal
 * years and their ranges. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tag_timeline_int.h"
#include "polidex/util.h"

/* Fiscal years fy_from to fy_to: October 1 before the first to
 * September 30 of the last. */
static void fy_value(cand *c, int fy_from, int fy_to)
{
	tl_set_value(c, (pdx_value){ .shape = PDX_VALUE_DAY_RANGE, .start = { fy_from - 1, 10, 1 },
				     .end = { fy_to, 9, 30 } });
}

static int fy_year(const char *s, size_t n)
{
	int v = tl_num(s, n);
	return n == 2 ? 2000 + v : v;
}

/* A year in Chinese digits, 二〇二五: -1 if not. */
static int zh_digits_year(const char *s, size_t n)
{
	static const char *const dig[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	int y = 0;
	for (size_t i = 0; i < n; i += 3) {
		int d = !strncmp(s + i, "零", 3) ? 0 : -1;
		for (int k = 0; k < 10 && d < 0; k++)
			if (!strncmp(s + i, dig[k], 3))
				d = k;
		if (d < 0)
			return -1;
		y = y * 10 + d;
	}
	return y;
}

/* Hour and minute of an English TIME group set starting at group g. */
static bool en_time(scan *sc, int g, int *hh, int *mi)
{
	const char *t = sc->t;
	if (tl_starts_ci(t + G_S(sc, g), G_LEN(sc, g), "noon")) {
		*hh = 12, *mi = 0;
		return true;
	}
	if (tl_starts_ci(t + G_S(sc, g), G_LEN(sc, g), "midnight")) {
		*hh = 0, *mi = 0;
		return true;
	}
	int h = tl_num(t + G_S(sc, g + 1), G_LEN(sc, g + 1));
	int m = G_SET(sc, g + 2) ? tl_num(t + G_S(sc, g + 2), 2) : 0;
	if (h < 1 || h > 12 || m > 59)
		return false;
	bool pm = tolower((unsigned char)t[G_S(sc, g + 3)]) == 'p';
	*hh = (h % 12) + (pm ? 12 : 0);
	*mi = m;
	return true;
}

/* A time of day with its zone and no date: its day is found later
 * (Y_DAY_CONTEXT). */
static int add_dayless(scan *sc, size_t s, size_t e, int hh, int mi, int std, bool rule)
{
	int rc = tl_add_dated(sc, s, e, F_TIME, 0, Y_DAY_CONTEXT, 0, 0);
	if (rc == PDX_OK) {
		cand *c = tl_last(sc);
		c->hh = hh, c->mi = mi, c->std_off = std, c->dst_rule = rule;
	}
	return rc;
}

/* English date with an optional time: groups for month, day, year, time
 * (4 groups: time, hh, mi, am/pm) and zone; 0 when absent. */
static int handle_en(scan *sc, int gm, int gd, int gy, int gt, int gz)
{
	size_t s = G_S(sc, 0), e = G_E(sc, 0);
	int m = pdx_month_from_prefix(sc->t + G_S(sc, gm), G_LEN(sc, gm));
	int d = tl_num(sc->t + G_S(sc, gd), G_LEN(sc, gd));
	bool has_y = G_SET(sc, gy);
	int y = has_y ? tl_num(sc->t + G_S(sc, gy), 4) : 0;
	int hh = 0, mi = 0, std = 0;
	bool rule = false, timed = false;
	if (gt && G_SET(sc, gt) && gz && G_SET(sc, gz) &&
	    tl_zone_parse(sc->t + G_S(sc, gz), G_LEN(sc, gz), &std, &rule))
		timed = en_time(sc, gt, &hh, &mi);
	if (m < 1 || d < 1 || d > 31 || (has_y && !pdx_date_valid(y, m, d)) ||
	    (!has_y && !pdx_date_valid(2024, m, d))) {
		cand *c = tl_cand_add(sc, s, e);	/* no such day: take the span, say nothing */
		return c ? PDX_OK : PDX_ENOMEM;
	}
	int rc = tl_add_dated(sc, s, e, timed ? F_TIME : F_DAY, y, has_y ? Y_GIVEN : Y_CONTEXT, m, d);
	if (rc == PDX_OK && timed) {
		cand *c = tl_last(sc);
		c->hh = hh, c->mi = mi, c->std_off = std, c->dst_rule = rule;
	}
	return rc;
}

int tl_handle_absolute(scan *sc, int id)
{
	const char *t = sc->t;
	size_t s = G_S(sc, 0), e = G_E(sc, 0);
	cand *c;

	switch (id) {
	case P_SIGNFORM: {
		long d = tl_words_number(t + G_S(sc, 1), G_LEN(sc, 1));
		long y = tl_words_number(t + G_S(sc, 3), G_LEN(sc, 3));
		int m = pdx_month_from_prefix(t + G_S(sc, 2), G_LEN(sc, 2));
		if (d < 1 || y < 1000 || y > 9999 || !pdx_date_valid((int)y, m, (int)d))
			return 1;
		if (!(c = tl_cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = PDX_TIME_SIGNED;
		c->prec = "day";
		c->form = F_DAY;
		c->y = (int)y, c->m = m, c->d = (int)d;
		return PDX_OK;
	}
	case P_INDEP: {
		long n = tl_words_number(t + G_S(sc, 1), G_LEN(sc, 1));
		if (n < 1 || n > 1000)
			return 1;
		if (tl_overlaps(sc, G_S(sc, 1), G_E(sc, 1)))
			return 1;
		if (!(c = tl_cand_add(sc, G_S(sc, 1), G_E(sc, 1))))
			return PDX_ENOMEM;
		/* the n-th year of Independence runs from July 4 to July 3 */
		c->kind = PDX_TIME_OTHER;
		c->prec = "year";
		tl_set_value(c, (pdx_value){ .shape = PDX_VALUE_DAY_RANGE, .start = { (int)(1775 + n), 7, 4 },
					     .end = { (int)(1776 + n), 7, 3 } });
		return PDX_OK;
	}
	case P_ZH_DATE: {
		int m = tl_num(t + G_S(sc, 3), G_LEN(sc, 3)), d = tl_num(t + G_S(sc, 4), G_LEN(sc, 4));
		int y = G_SET(sc, 1) ? tl_num(t + G_S(sc, 1), 4) : 0, yr = Y_CONTEXT;
		if (G_SET(sc, 1))
			yr = Y_GIVEN;
		else if (G_SET(sc, 2)) {
			const char *w = t + G_S(sc, 2);
			yr = !strncmp(w, "去年", 6) ? Y_CTX_PREV : !strncmp(w, "今年", 6) ? Y_CTX_SAME
			   : !strncmp(w, "明年", 6) ? Y_CTX_NEXT : Y_FOLLOWING;
		}
		if (!pdx_date_valid(yr == Y_GIVEN ? y : 2024, m, d)) {
			c = tl_cand_add(sc, s, e);
			return c ? PDX_OK : PDX_ENOMEM;
		}
		int hh = 0, mi = 0, std = 0;
		bool rule = false, timed = false;
		/* groups: 5 a zone before the time ("美东时间上午9点"), 6 上午..,
		 * 7 hour, 8 minute, 9 半, 10 a/p of "12:01AM", 11 a zone after */
		int gz = G_SET(sc, 11) ? 11 : G_SET(sc, 5) ? 5 : 0;
		size_t zs = 0, ze = 0;	/* a zone before the date: 美国东部时间9月21日凌晨0点01分 */
		if (!gz && G_SET(sc, 7)) {
			size_t ov[4], from = s > 30 ? tl_align_fwd(t, s - 30, s) : 0;
			if (rx_match(tl_pats[C_ZH_ZONE_END], t, s, from, ov, 2) > 0)
				zs = ov[2], ze = ov[3], s = ov[0];
			/* or the zone of the range it opens: 上午9点至下午5点(美东时间) */
			else if (rx_match(tl_pats[C_ZH_RANGE_ZONE], t, sc->len, e, ov, 2) > 0)
				zs = ov[2], ze = ov[3];
		}
		if (G_SET(sc, 7) && (gz || ze) &&
		    (ze ? tl_zone_parse(t + zs, ze - zs, &std, &rule)
			: tl_zone_parse(t + G_S(sc, gz), G_LEN(sc, gz), &std, &rule))) {
			hh = tl_num(t + G_S(sc, 7), G_LEN(sc, 7));
			mi = G_SET(sc, 8) ? tl_num(t + G_S(sc, 8), G_LEN(sc, 8)) : G_SET(sc, 9) ? 30 : 0;
			if (G_SET(sc, 6)) {
				const char *ap = t + G_S(sc, 6);
				bool pm = !strncmp(ap, "下午", 6) || !strncmp(ap, "晚上", 6);
				if (pm && hh < 12)
					hh += 12;
				if (!strncmp(ap, "凌晨", 6) && hh == 12)
					hh = 0;
			}
			if (G_SET(sc, 10)) {
				bool pm = t[G_S(sc, 10)] == 'p' || t[G_S(sc, 10)] == 'P';
				if (hh > 12 || hh == 0)
					hh = 99;	/* "13:00PM": not a time */
				else if (pm && hh < 12)
					hh += 12;
				else if (!pm && hh == 12)
					hh = 0;
			}
			timed = hh <= 23 && mi <= 59;
		}
		int rc = tl_add_dated(sc, s, e, timed ? F_TIME : F_DAY, y, yr, m, d);
		if (rc == PDX_OK && timed) {
			c = tl_last(sc);
			c->hh = hh, c->mi = mi, c->std_off = std, c->dst_rule = rule;
		}
		return rc;
	}
	case P_ZH_DATE_CN: {
		/* groups: 1 a year in Chinese digits, 2 a relative year, 3 month, 4 day */
		int y = 0, yr = Y_CONTEXT;
		if (G_SET(sc, 1)) {
			y = zh_digits_year(t + G_S(sc, 1), G_LEN(sc, 1));
			yr = Y_GIVEN;
		} else if (G_SET(sc, 2)) {
			const char *w = t + G_S(sc, 2);
			yr = !strncmp(w, "去年", 6) ? Y_CTX_PREV : !strncmp(w, "今年", 6) ? Y_CTX_SAME
			   : !strncmp(w, "明年", 6) ? Y_CTX_NEXT : Y_FOLLOWING;
		}
		int m = (int)tl_zh_number(t + G_S(sc, 3), G_LEN(sc, 3)), d = (int)tl_zh_number(t + G_S(sc, 4), G_LEN(sc, 4));
		if ((yr == Y_GIVEN && y < 1000) || !pdx_date_valid(yr == Y_GIVEN ? y : 2024, m, d))
			return 1;
		return tl_add_dated(sc, s, e, F_DAY, y, yr, m, d);
	}
	case P_ZH_YEAR_END:
	case P_ZH_QUARTER: {
		/* groups: 1 a year, 2 a relative year, 3 the quarter */
		int y = G_SET(sc, 1) ? tl_num(t + G_S(sc, 1), 4) : 0, yr = G_SET(sc, 1) ? Y_GIVEN : Y_CONTEXT;
		if (G_SET(sc, 2)) {
			const char *w = t + G_S(sc, 2);
			yr = !strncmp(w, "去年", 6) ? Y_CTX_PREV : !strncmp(w, "明年", 6) ? Y_CTX_NEXT : Y_CTX_SAME;
		}
		if (id == P_ZH_YEAR_END && G_SET(sc, 3))	/* a fiscal year ends on September 30 */
			return tl_add_dated(sc, s, e, F_DAY, tl_num(t + G_S(sc, 3), 4), Y_GIVEN, 9, 30);
		if (id == P_ZH_YEAR_END)	/* its last day, the year found later */
			return tl_add_dated(sc, s, e, F_DAY, y, yr, 12, 31);
		if (!y) {
			int cy = tl_ctx_year(sc);
			if (!cy)
				return 1;
			y = cy + (yr == Y_CTX_PREV ? -1 : yr == Y_CTX_NEXT ? 1 : 0);
		}
		const char *qw = t + G_S(sc, 3);
		int q = isdigit((unsigned char)qw[0]) ? qw[0] - '0' : (int)tl_zh_number(qw, G_LEN(sc, 3));
		if (q < 1 || q > 4)
			return 1;
		if (!(c = tl_cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = PDX_TIME_OTHER;
		c->prec = "quarter";
		pdx_date a = { y, 3 * (q - 1) + 1, 1 };
		pdx_date b = pdx_date_add_days(pdx_date_add_months(a, 3), -1);
		tl_set_value(c, (pdx_value){ .shape = PDX_VALUE_DAY_RANGE, .start = { a.y, a.m, a.d },
					     .end = { b.y, b.m, b.d } });
		return PDX_OK;
	}
	case P_ZH_YM:
		return tl_add_dated(sc, s, e, F_MONTH, tl_num(t + G_S(sc, 1), 4), Y_GIVEN, tl_num(t + G_S(sc, 2), G_LEN(sc, 2)), 1);
	case P_ZH_Y:
		if (!(c = tl_cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = PDX_TIME_OTHER;
		c->prec = "year";
		tl_set_value(c, (pdx_value){ .shape = PDX_VALUE_YEAR, .start = { tl_num(t + G_S(sc, 1), 4), 1, 1 } });
		return PDX_OK;
	case P_TIME_DATE:
		return handle_en(sc, 6, 7, 8, 1, 5);
	case P_DATE_TIME:
		return handle_en(sc, 1, 2, 3, 4, 8);
	case P_END_OF: {
		/* groups: 1 calendar year, 2 fiscal year, 3 month, 4 year */
		int y = tl_num(t + G_S(sc, 4), 4), m = 12;
		if (G_SET(sc, 3)) {
			if (G_SET(sc, 1) || G_SET(sc, 2))
				return 1;	/* "the end of fiscal year March 2026" */
			m = pdx_month_from_prefix(t + G_S(sc, 3), G_LEN(sc, 3));
		} else if (G_SET(sc, 2)) {
			m = 9;	/* a fiscal year ends on September 30 */
		}
		pdx_date last = pdx_date_add_days(pdx_date_add_months((pdx_date){ y, m, 1 }, 1), -1);
		return tl_add_dated(sc, s, e, F_DAY, last.y, Y_GIVEN, last.m, last.d);
	}
	case P_QUARTER: {
		/* groups: 1 Q digit, 2 its ordinal, 3 fiscal, 4 year */
		int q = G_SET(sc, 1) ? t[G_S(sc, 1)] - '0' : (int)tl_words_number(t + G_S(sc, 2), G_LEN(sc, 2));
		if (G_SET(sc, 2) && isdigit((unsigned char)t[G_S(sc, 2)]))
			q = t[G_S(sc, 2)] - '0';
		bool fiscal = G_SET(sc, 3);
		if (q < 1 || q > 4 || (G_LEN(sc, 4) == 2 && !fiscal))
			return 1;	/* "Q3 26": no year */
		int y = G_LEN(sc, 4) == 2 ? 2000 + tl_num(t + G_S(sc, 4), 2) : tl_num(t + G_S(sc, 4), 4);
		/* a fiscal year's first quarter is October to December before it */
		pdx_date a = { fiscal ? y - 1 : y, fiscal ? 10 : 1, 1 };
		a = pdx_date_add_months(a, 3 * (q - 1));
		pdx_date b = pdx_date_add_days(pdx_date_add_months(a, 3), -1);
		if (!(c = tl_cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = fiscal ? PDX_TIME_FISCAL_YEAR : PDX_TIME_OTHER;
		c->prec = "quarter";
		tl_set_value(c, (pdx_value){ .shape = PDX_VALUE_DAY_RANGE, .start = { a.y, a.m, a.d },
					     .end = { b.y, b.m, b.d } });
		return PDX_OK;
	}
	case P_TIME_ZONE: {
		/* groups: 1-4 the first time of a range, 5-8 the time, 9 the zone */
		int hh = 0, mi = 0, std = 0;
		bool rule = false;
		if (!tl_zone_parse(t + G_S(sc, 9), G_LEN(sc, 9), &std, &rule) || !en_time(sc, 5, &hh, &mi))
			return 1;
		if (G_SET(sc, 1)) {
			int h0 = 0, m0 = 0;
			if (!en_time(sc, 1, &h0, &m0))
				return 1;
			int rc = add_dayless(sc, G_S(sc, 1), G_E(sc, 1), h0, m0, std, rule);
			if (rc != PDX_OK)
				return rc;
			s = G_S(sc, 5);
		}
		return add_dayless(sc, s, e, hh, mi, std, rule);
	}
	case P_TIME_NOON: {
		int std = 0;
		bool rule = false;
		if (!tl_zone_parse(t + G_S(sc, 2), G_LEN(sc, 2), &std, &rule))
			return 1;
		return add_dayless(sc, s, e, tl_starts_ci(t + G_S(sc, 1), 4, "noon") ? 12 : 0, 0, std, rule);
	}
	case P_ZH_TIME: {
		/* groups: 1 a zone before, 2 上午.., 3 hour, 4 minute, 5 半,
		 * 6 a/p, 7 a zone after; a zone is needed */
		int gz = G_SET(sc, 7) ? 7 : G_SET(sc, 1) ? 1 : 0, std = 0;
		bool rule = false;
		if (!gz || !tl_zone_parse(t + G_S(sc, gz), G_LEN(sc, gz), &std, &rule))
			return 1;
		int hh = tl_num(t + G_S(sc, 3), G_LEN(sc, 3));
		int mi = G_SET(sc, 4) ? tl_num(t + G_S(sc, 4), G_LEN(sc, 4)) : G_SET(sc, 5) ? 30 : 0;
		if (G_SET(sc, 2)) {
			const char *ap = t + G_S(sc, 2);
			if ((!strncmp(ap, "下午", 6) || !strncmp(ap, "晚上", 6)) && hh < 12)
				hh += 12;
			if (!strncmp(ap, "凌晨", 6) && hh == 12)
				hh = 0;
		}
		if (G_SET(sc, 6)) {
			bool pm = t[G_S(sc, 6)] == 'p' || t[G_S(sc, 6)] == 'P';
			if (hh > 12 || hh == 0)
				return 1;
			hh = pm ? hh % 12 + 12 : hh % 12;
		}
		if (hh > 23 || mi > 59)
			return 1;
		return add_dayless(sc, s, e, hh, mi, std, rule);
	}
	case P_MDY:
		return handle_en(sc, 1, 2, 3, 0, 0);
	case P_DMY:
		return handle_en(sc, 2, 1, 3, 0, 0);
	case P_ISO: {
		int y = tl_num(t + G_S(sc, 1), 4), m = tl_num(t + G_S(sc, 2), 2), d = tl_num(t + G_S(sc, 3), 2);
		if (!pdx_date_valid(y, m, d)) {
			c = tl_cand_add(sc, s, e);
			return c ? PDX_OK : PDX_ENOMEM;
		}
		char buf[48], loc[11];
		char tmp[64];
		if (G_SET(sc, 4) && !G_SET(sc, 7) && !G_SET(sc, 8)) {
			/* a time of no stated zone is no moment: the day */
			snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
		} else if (G_SET(sc, 8)) {
			/* a zone by name: UTC, GMT, or US Eastern */
			const char *z = t + G_S(sc, 8);
			int hh = tl_num(t + G_S(sc, 4), 2), mi = tl_num(t + G_S(sc, 5), 2);
			int off = z[0] == 'U' || z[0] == 'G' ? 0 : !strncmp(z, "EST", 3) ? -300
				  : !strncmp(z, "EDT", 3) ? -240 : pdx_us_offset(-300, y, m, d, hh, mi);
			snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m, d, hh, mi,
				 G_SET(sc, 6) ? tl_num(t + G_S(sc, 6), 2) : 0, off < 0 ? '-' : '+',
				 (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
		} else {
			snprintf(tmp, sizeof tmp, "%.*s", (int)(e - s), t + s);
		}
		if (pdx_iso_normalize(tmp, buf, sizeof buf, loc) != PDX_OK)
			return 1;
		size_t ls;
		pdx_time_kind kind = tl_date_kind(sc, s, e, &ls);
		if (!(c = tl_cand_add(sc, ls, e)))
			return PDX_ENOMEM;
		c->kind = kind;
		c->prec = strchr(buf, 'T') ? "minute" : "day";
		snprintf(c->value, sizeof c->value, "%s", buf);
		c->y = y, c->m = m, c->d = d;
		return PDX_OK;
	}
	case P_US: {
		int m = tl_num(t + G_S(sc, 1), G_LEN(sc, 1)), d = tl_num(t + G_S(sc, 2), G_LEN(sc, 2));
		int y = tl_num(t + G_S(sc, 3), 4);
		if (!pdx_date_valid(y, m, d)) {
			c = tl_cand_add(sc, s, e);
			return c ? PDX_OK : PDX_ENOMEM;
		}
		return tl_add_dated(sc, s, e, F_DAY, y, Y_GIVEN, m, d);
	}
	case P_MY:
		return tl_add_dated(sc, s, e, F_MONTH, tl_num(t + G_S(sc, 2), 4), Y_GIVEN,
				 pdx_month_from_prefix(t + G_S(sc, 1), G_LEN(sc, 1)), 1);
	case P_FY_RANGE: {
		int a = fy_year(t + G_S(sc, 1), G_LEN(sc, 1)), b = fy_year(t + G_S(sc, 2), G_LEN(sc, 2));
		if (b < a || b - a > 50)
			return 1;
		if (!(c = tl_cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = PDX_TIME_FISCAL_YEAR;
		c->prec = "fiscal_year";
		fy_value(c, a, b);
		return PDX_OK;
	}
	case P_FY:
	case P_FY_ZH: {
		int g = id == P_FY ? 2 : 1;
		int a = fy_year(t + G_S(sc, g), G_LEN(sc, g));
		if (!(c = tl_cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = PDX_TIME_FISCAL_YEAR;
		c->prec = "fiscal_year";
		fy_value(c, a, a);
		return PDX_OK;
	}
	case P_FY_REL: {
		long n = tl_count_value(t + G_S(sc, 1), G_LEN(sc, 1));
		if (n < 1)
			return 1;
		if (!(c = tl_cand_add(sc, s, e)))
			return PDX_ENOMEM;
		c->kind = PDX_TIME_FISCAL_YEAR;
		c->prec = "relative";
		snprintf(c->anchor, sizeof c->anchor, "%s", tl_is_order_kind(sc->ctx->doc_kind) ? "signing" : "published");
		c->value[0] = 0;
		/* which years "the last 5" means is not certain: left unresolved */
		return PDX_OK;
	}
	default:
		return 1;
	}
}
