/* tag_timeline.c - temporal expressions in record text: dates, times with US
 * zones, fiscal years, relative deadlines, vague horizons; normalized to
 * ISO 8601 and classified (deadline, opens, closes, ...).
 *
 * Each record is scanned with a list of patterns in priority order; a
 * match that overlaps a span an earlier pattern took is skipped, so
 * "noon Eastern on March 7" is one time, not a time plus a date. What a
 * date means (a deadline, an opening, a background date) is read from
 * the words around it in the same sentence. Relative entries are
 * resolved against the document's signing, publication, effective,
 * opening and closing dates once the whole document has been seen.
 *
 * The files of the extractor are listed in tag_timeline_int.h; this one
 * is the driver and the document pass. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tag_timeline_int.h"
#include "polidex/util.h"

/* Run pattern id over the text, handing each non-overlapping match on. */
static int run(scan *sc, int id)
{
	size_t start = 0;
	while (start <= sc->len) {
		if (rx_match(tl_pats[id], sc->t, sc->len, start, sc->ov, NOV) <= 0)
			break;
		size_t s = G_S(sc, 0), e = G_E(sc, 0);
		int rc = 1;
		if (sc->n >= TL_MAX_CANDS) {
			sc->capped = true;
			break;
		}
		if (e > s && !tl_overlaps(sc, s, e)) {
			if (id <= P_FY_REL)
				rc = tl_handle_absolute(sc, id);
			else if (id == P_NEXT || id == P_ANNIV || id == P_REL || id == P_ZH_AFTER || id == P_EVENT)
				rc = tl_handle_relative(sc, id);
			else
				rc = tl_handle_misc(sc, id);
			if (rc < 0)
				return rc;
		}
		/* after a rejected match, look again one character on: a shorter
		 * match may start inside it */
		size_t next = (rc == 1 || e == s) ? tl_align_fwd(sc->t, s + 1, sc->len) : e;
		if (next <= start)
			next = start + 1;
		start = next;
	}
	return PDX_OK;
}

static int cand_cmp(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	return x->s < y->s ? -1 : x->s > y->s;
}

/* Do a day and a time stand side by side ("March 30, 2026, by 5:00
 * p.m.", "5:00 p.m. ET, March 30")? At most a comma, spaces and one short
 * word between them. */
static bool gap_joins(const scan *sc, const cand *a, const cand *b)
{
	size_t s = a->e < b->s ? a->e : b->e, e = a->e < b->s ? b->s : a->s;
	if (e < s || e - s > 12)
		return false;
	int words = 0;
	for (size_t i = s; i < e; i++) {
		unsigned char ch = (unsigned char)sc->t[i];
		if (isalpha(ch) && (i == s || !isalpha((unsigned char)sc->t[i - 1])))
			words++;
		else if (!isalpha(ch) && ch != ' ' && ch != ',')
			return false;
	}
	return words <= 1;
}

/* A time of day without a date takes the day of the nearest dated
 * expression of its sentence, else of its record (and that one's year,
 * given or still to find); with none, its year stays 0: unresolved. */
static void fix_days(scan *sc)
{
	for (size_t i = 0; i < sc->n; i++) {
		cand *c = &sc->c[i];
		if (c->kind == PDX_TIME_NONE || c->year_rel != Y_DAY_CONTEXT)
			continue;
		size_t ss = tl_sent_start(sc, c->s);
		const cand *best = NULL;
		size_t bestd = SIZE_MAX;
		bool best_same = false;
		for (size_t j = 0; j < sc->n; j++) {
			const cand *o = &sc->c[j];
			if (j == i || o->kind == PDX_TIME_NONE || (o->form != F_DAY && o->form != F_TIME) ||
			    o->year_rel == Y_DAY_CONTEXT || !o->m || !o->d)
				continue;
			bool same = tl_sent_start(sc, o->s) == ss;
			size_t dist = o->s > c->s ? o->s - c->s : c->s - o->s;
			if ((same && !best_same) || (same == best_same && dist < bestd)) {
				best = o;
				bestd = dist;
				best_same = same;
			}
		}
		if (best && best->form == F_DAY && best_same && gap_joins(sc, best, c)) {
			/* "March 30, 2026, by 5:00 p.m. Eastern Time": one moment */
			cand *b = (cand *)best;
			b->form = F_TIME;
			b->prec = "minute";
			b->hh = c->hh, b->mi = c->mi, b->std_off = c->std_off, b->dst_rule = c->dst_rule;
			if (b->kind == PDX_TIME_OTHER)
				b->kind = c->kind;
			if (c->s < b->s)
				b->s = c->s;
			if (c->e > b->e)
				b->e = c->e;
			c->kind = PDX_TIME_NONE;
		} else if (best) {
			c->y = best->y;
			c->year_rel = best->year_rel;
			c->m = best->m;
			c->d = best->d;
		} else {
			c->y = 0;
			c->year_rel = Y_GIVEN;
			snprintf(c->anchor, sizeof c->anchor, "the day is not stated");
		}
	}
}

/* Two times of a range ("from 9 a.m. to 5 p.m. EDT", "上午9点至下午5点"),
 * one of them read as an opening: the first opens, the second closes. */
static void fix_ranges(scan *sc)
{
	for (size_t i = 0; i + 1 < sc->n; i++) {
		size_t j = i + 1;
		while (j + 1 < sc->n && sc->c[j].kind == PDX_TIME_NONE)
			j++;	/* a time joined to its date is gone */
		cand *a = &sc->c[i], *b = &sc->c[j];
		if (a->kind == PDX_TIME_NONE || b->kind == PDX_TIME_NONE || a->form != F_TIME ||
		    b->form != F_TIME || a->e > b->s || b->s - a->e > 12 ||
		    (a->kind != PDX_TIME_OPENS && b->kind != PDX_TIME_OPENS))
			continue;
		char gap[16];
		memcpy(gap, sc->t + a->e, b->s - a->e);
		gap[b->s - a->e] = 0;
		if (!rx_test(tl_pats[C_RANGE_GAP], gap))
			continue;
		a->kind = PDX_TIME_OPENS;
		b->kind = PDX_TIME_CLOSES;
	}
}

/* Fill in years the text leaves out: from a later (else earlier) date of
 * the same sentence that has one, else from the document. */
static void fix_years(scan *sc)
{
	int cy = tl_ctx_year(sc);
	for (size_t i = 0; i < sc->n; i++) {
		cand *c = &sc->c[i];
		if (c->kind == PDX_TIME_NONE || c->form == F_READY || c->year_rel == Y_GIVEN)
			continue;
		size_t ss = tl_sent_start(sc, c->s);
		int y = 0;
		if (c->year_rel == Y_CONTEXT) {
			for (size_t j = i + 1; j < sc->n && !y; j++)
				if (sc->c[j].kind != PDX_TIME_NONE && sc->c[j].year_rel == Y_GIVEN && sc->c[j].y &&
				    sc->c[j].form != F_READY && tl_sent_start(sc, sc->c[j].s) == ss)
					y = sc->c[j].y;
			for (size_t j = i; j-- > 0 && !y;)
				if (sc->c[j].kind != PDX_TIME_NONE && sc->c[j].y && sc->c[j].form != F_READY &&
				    tl_sent_start(sc, sc->c[j].s) == ss)
					y = sc->c[j].y;
			if (!y)
				y = cy;
		} else if (c->year_rel == Y_FOLLOWING) {
			for (size_t j = i; j-- > 0 && !y;)
				if (sc->c[j].kind != PDX_TIME_NONE && sc->c[j].y && sc->c[j].form != F_READY &&
				    tl_sent_start(sc, sc->c[j].s) == ss)
					y = sc->c[j].y;
			if (!y)
				y = cy;
			if (y)
				y++;
		} else if (cy) {
			y = cy + (c->year_rel == Y_CTX_PREV ? -1 : c->year_rel == Y_CTX_NEXT ? 1 : 0);
		}
		c->y = y;
		c->year_rel = Y_GIVEN;
	}
}

static void note_event(timeline_ctx *ctx, const cand *c)
{
	char d[11];
	if (c->form == F_MONTH || !c->value[0] || !c->y)
		return;
	tl_local_date(c, d);
	if (c->kind == PDX_TIME_SIGNED && !ctx->signed_date[0])
		memcpy(ctx->signed_date, d, 11);
	else if (c->kind == PDX_TIME_EFFECTIVE && !ctx->effective[0])
		memcpy(ctx->effective, d, 11);
	else if (c->kind == PDX_TIME_OPENS && !ctx->opens[0])
		memcpy(ctx->opens, d, 11);
	else if (c->kind == PDX_TIME_CLOSES && !ctx->closes[0])
		memcpy(ctx->closes, d, 11);
}

static int emit(scan *sc, pdx_record *r)
{
	for (size_t i = 0; i < sc->n; i++) {
		cand *c = &sc->c[i];
		if (c->kind == PDX_TIME_NONE)
			continue;
		if (c->form != F_READY && (!c->y || !tl_cand_finish(c))) {
			if (c->y)
				continue;	/* no such day */
			c->value[0] = 0;	/* no year anywhere: unresolved */
		}
		/* the signature line of a document ("Dated: ...") dates its
		 * signing, whatever signing its text told of before */
		if (c->kind == PDX_TIME_SIGNED && tl_ctx_has(sc, C_DATED, 0, c->s))
			sc->ctx->signed_date[0] = 0;
		note_event(sc->ctx, c);
		char *expr = pdx_strndup(sc->t + c->s, c->e - c->s);
		if (!expr)
			return PDX_ENOMEM;
		pdx_time *tm = record_add_time(r, c->kind, expr, c->value[0] ? c->value : NULL, c->prec);
		free(expr);
		if (!tm)
			return PDX_ENOMEM;
		tm->has_offset_days = c->has_days;
		tm->offset_days = c->days;
		tm->has_offset_months = c->has_months;
		tm->offset_months = c->months;
		if (c->anchor[0] && !(tm->anchor = pdx_strdup(c->anchor)))
			return PDX_ENOMEM;
	}
	return PDX_OK;
}

void timeline_ctx_init(timeline_ctx *ctx, const char *published, const char *doc_kind)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->published = published;
	ctx->doc_kind = doc_kind;
	char norm[48];
	if (published && pdx_iso_normalize(published, norm, sizeof norm, ctx->pub_date) != PDX_OK)
		ctx->pub_date[0] = 0;
}

int timeline_extract(const char *text, timeline_ctx *ctx, pdx_record *r)
{
	int rc = tl_pats_init();
	if (rc != PDX_OK)
		return rc;
	if (!text)
		return PDX_OK;
	scan sc = { .t = text, .len = strlen(text), .ctx = ctx };
	need_info ni;
	tl_need_scan(&ni, text, sc.len);
	for (int id = 0; id <= P_VAGUE_ZH && rc == PDX_OK && !sc.capped; id++)
		if (tl_may_match(&ni, id))
			rc = run(&sc, id);
	if (sc.capped)
		ctx->capped++;
	if (rc == PDX_OK) {
		if (sc.n)	/* qsort(NULL, 0) is undefined */
			qsort(sc.c, sc.n, sizeof *sc.c, cand_cmp);
		fix_days(&sc);
		fix_ranges(&sc);
		fix_years(&sc);
		rc = emit(&sc, r);
	}
	free(sc.c);
	free(sc.fw);
	if (rc == PDX_OK)
		rc = timeline_resolve(ctx, r);
	return rc;
}

static const char *event_date(const timeline_ctx *ctx, const char *a)
{
	const char *d = !strcmp(a, "signing") ? ctx->signed_date : !strcmp(a, "published") ? ctx->pub_date
		      : !strcmp(a, "effective") ? ctx->effective : !strcmp(a, "opens") ? ctx->opens
		      : !strcmp(a, "closes") ? ctx->closes : "";
	return d[0] ? d : NULL;
}

int timeline_resolve(const timeline_ctx *ctx, pdx_record *r)
{
	for (size_t i = 0; i < r->ntimes; i++) {
		pdx_time *tm = &r->times[i];
		if (tm->value || !tm->anchor || !tm->precision || strcmp(tm->precision, "relative"))
			continue;
		/* an open-ended span ("the last 5 fiscal years") is not a date */
		if (tm->kind == PDX_TIME_FISCAL_YEAR)
			continue;
		const char *ad = event_date(ctx, tm->anchor);
		pdx_date d;
		if (!ad || pdx_date_parse(ad, &d) != PDX_OK)
			continue;
		if (tm->has_offset_months)
			d = pdx_date_add_months(d, tm->offset_months);
		if (tm->has_offset_days)
			d = pdx_date_add_days(d, tm->offset_days);
		/* a span of years with no anchor of its own stays open */
		char buf[11];
		pdx_date_format(d, buf);
		if (!(tm->value = pdx_strdup(buf)))
			return PDX_ENOMEM;
	}
	return PDX_OK;
}

/* "subsection (a)" in the anchor of a record labelled "Sec. 4(b)(iii)"
 * names the record labelled "Sec. 4(a)": point the anchor at its key. */
static int anchor_labels(pdx_records *recs, pdx_record *r)
{
	if (!r->label || strncmp(r->label, "Sec. ", 5))
		return PDX_OK;
	for (size_t i = 0; i < r->ntimes; i++) {
		pdx_time *tm = &r->times[i];
		size_t ov[4];
		if (!tm->anchor || tm->value || tl_anchor_is_event(tm->anchor) ||
		    rx_match(tl_pats[C_SUBSEC], tm->anchor, strlen(tm->anchor), 0, ov, 2) <= 0)
			continue;
		char label[64];
		int secn = (int)strspn(r->label + 5, "0123456789");
		snprintf(label, sizeof label, "Sec. %.*s(%.*s)", secn, r->label + 5,
			 (int)(ov[3] - ov[2]), tm->anchor + ov[2]);
		for (size_t k = 0; k < recs->n; k++) {
			pdx_record *o = &recs->v[k];
			if (o != r && o->label && !strcmp(o->label, label)) {
				char *a = pdx_strdup(o->key ? o->key : o->label);
				if (!a)
					return PDX_ENOMEM;
				free(tm->anchor);
				tm->anchor = a;
				break;
			}
		}
	}
	return PDX_OK;
}

/* A document without a publication date (a news clipping) takes the year
 * of its first full date for the dates it gives without one: "3月7日"
 * beside "2025年3月24日". Returns the year or 0. */
static int first_full_year(const pdx_records *recs, const char *kind)
{
	timeline_ctx c;
	timeline_ctx_init(&c, NULL, kind);
	int year = 0;
	for (size_t i = 0; i < recs->n && !year; i++) {
		pdx_records tmp = { 0 };
		pdx_record *r = records_add(&tmp);
		if (!r)
			return 0;
		c.prev_text = i ? recs->v[i - 1].text : NULL;
		if (timeline_extract(recs->v[i].text, &c, r) == PDX_OK)
			for (size_t k = 0; k < r->ntimes && !year; k++)
				if (r->times[k].value && r->times[k].precision &&
				    (!strcmp(r->times[k].precision, "day") ||
				     !strcmp(r->times[k].precision, "minute")))
					year = tl_num(r->times[k].value, 4);
		records_clear(&tmp);
	}
	return year;
}

/* Fill the document's effective, opening and closing days that are still
 * empty from relative entries of those kinds that now have a day; true
 * when one was filled. */
static bool resolved_events(timeline_ctx *ctx, const pdx_records *recs)
{
	bool filled = false;
	for (size_t i = 0; i < recs->n; i++)
		for (size_t k = 0; k < recs->v[i].ntimes; k++) {
			const pdx_time *tm = &recs->v[i].times[k];
			char *slot = tm->kind == PDX_TIME_EFFECTIVE ? ctx->effective
				   : tm->kind == PDX_TIME_OPENS ? ctx->opens
				   : tm->kind == PDX_TIME_CLOSES ? ctx->closes : NULL;
			if (!slot || slot[0] || !tm->value || strlen(tm->value) != 10 || !tm->precision ||
			    strcmp(tm->precision, "relative"))
				continue;
			memcpy(slot, tm->value, 11);
			filled = true;
		}
	return filled;
}

int timeline_tag_document(pdx_doc *doc, pdx_records *recs)
{
	timeline_ctx ctx;
	int rc;
	timeline_ctx_init(&ctx, doc->published, doc->kind);
	if (!ctx.pub_date[0])
		ctx.year_hint = first_full_year(recs, doc->kind);
	for (size_t i = 0; i < recs->n; i++) {
		ctx.prev_text = i ? recs->v[i - 1].text : NULL;
		unsigned capped = ctx.capped;
		if ((rc = timeline_extract(recs->v[i].text, &ctx, &recs->v[i])) != PDX_OK)
			return rc;
		if (ctx.capped != capped && !doc->dates_capped_line)
			doc->dates_capped_line = recs->v[i].line ? recs->v[i].line : -1;
	}
	/* an order without a signature block was signed the day it was published */
	if (!ctx.signed_date[0] && tl_is_order_kind(doc->kind) && ctx.pub_date[0])
		memcpy(ctx.signed_date, ctx.pub_date, 11);
	if (ctx.signed_date[0] && (rc = doc_set(&doc->signed_date, ctx.signed_date)) != PDX_OK)
		return rc;
	bool pub_in_text = false;
	char pubnorm[48];
	for (size_t i = 0; i < recs->n; i++) {
		if ((rc = anchor_labels(recs, &recs->v[i])) != PDX_OK ||
		    (rc = timeline_resolve(&ctx, &recs->v[i])) != PDX_OK)
			return rc;
		for (size_t k = 0; k < recs->v[i].ntimes; k++) {
			pdx_time *tm = &recs->v[i].times[k];
			/* a dateline ("Date: 2026-03-02", "Published: March 2,
			 * 2026 at 4:15 PM ET") states the publication itself */
			if (tm->kind == PDX_TIME_OTHER && tm->value && doc->dateline_line &&
			    recs->v[i].line == doc->dateline_line && doc->published &&
			    pdx_iso_normalize(doc->published, pubnorm, sizeof pubnorm, NULL) == PDX_OK &&
			    !strcmp(tm->value, pubnorm))
				tm->kind = PDX_TIME_PUBLISHED;
			/* the text gives the publication as precisely as the
			 * metadata ("Today," gives the day of a page whose
			 * metadata has the minute: both stand) */
			if (tm->kind == PDX_TIME_PUBLISHED && tm->value &&
			    !strncmp(tm->value, ctx.pub_date, 10) &&
			    (!doc->published || !strchr(doc->published, ':') || strchr(tm->value, 'T')))
				pub_in_text = true;
		}
	}
	/* an event dated only relative to another ("takes effect 60 days
	 * after publication"), once resolved, dates what is relative to it
	 * ("within six months of the effective date") */
	if (resolved_events(&ctx, recs))
		for (size_t i = 0; i < recs->n; i++)
			if ((rc = timeline_resolve(&ctx, &recs->v[i])) != PDX_OK)
				return rc;
	/* The metadata publication time, unless the text already gives it. */
	char norm[48];
	if (doc->published && recs->n && !pub_in_text &&
	    pdx_iso_normalize(doc->published, norm, sizeof norm, NULL) == PDX_OK) {
		pdx_time *tm = record_add_time(&recs->v[0], PDX_TIME_PUBLISHED, doc->published, norm,
					       strchr(norm, 'T') ? "minute" : "day");
		if (!tm)
			return PDX_ENOMEM;
	}
	return PDX_OK;
}
