/* postpass_track_evidence.c - the evidence the tracker finds for each
 * requirement (docs/tracking.md): later documents that cite the order or
 * plan (by number or title, down to the section where they say so) and
 * later documents that match (from the lead body, doing what it asks),
 * never one dated before the requirement or on another subject. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polidex/db_read.h"
#include "postpass_track_int.h"

/* ---- evidence -------------------------------------------------------- */

/* Documents that may carry a requirement out: not fact sheets or news,
 * which describe. */
static bool may_carry(const tdoc *d)
{
	return d->date && !is(d->kind, "fact_sheet") && !is(d->kind, "news") && !d->plan;
}

/* Does a document start or finish what it answers? An RFI, a proposed
 * rule, a notice of what will come start it. */
static bool starts_only(track *t, const tdoc *d, const char *text)
{
	return (d->title && rx_test(t->rfi, d->title)) || rx_test(t->rfi, text);
}

/* The sentence of text around byte off. */
static char *sentence(const char *text, size_t off)
{
	size_t b = off, e = off, n = strlen(text);
	while (b > 0 && !(b >= 2 && (text[b - 2] == '.' || text[b - 2] == ';') && text[b - 1] == ' '))
		b--;
	while (e < n && !((text[e] == '.' || text[e] == ';') && (e + 1 == n || text[e + 1] == ' ')))
		e++;
	if (e < n)
		e++;
	if (e - b > 600)
		e = b + 600;
	return pdx_strndup(text + b, e - b);
}

static bool seen_pair(pairs *p, int64_t req, int64_t doc)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].req == req && p->v[i].doc == doc)
			return true;
	pair *x = pdx_grow((void **)&p->v, &p->n, &p->cap, sizeof *x);
	if (x)
		*x = (pair){ req, doc };
	return false;
}

static int add_ev(track *t, pairs *seen, trec *req, tdoc *d, trec *by, const char *how,
		  double conf, bool completes, const char *text)
{
	if (seen_pair(seen, req->id, d->id))
		return PDX_OK;
	pdx_evidence_row e = { .requirement_id = req->id, .doc_id = d->id,
			       .action_id = by ? by->id : 0, .date = d->date, .how = how,
			       .confidence = conf, .completes = completes, .text = text };
	return db_track_add_evidence(t->db, &e);
}

/* Evidence that cites document c (by number, section sec when given, or
 * by title): the requirements of c it names or resembles most. */
static int cite(track *t, pairs *seen, tdoc *e, trec *r, tdoc *c, const char *sec,
		const char *quote, double conf)
{
	if (!c->date || strcmp(e->date, c->date) < 0)
		return PDX_OK;	/* never before the requirement */
	size_t lo = c->first, hi = c->first + c->n;
	if (sec) {
		int rc = PDX_OK;
		size_t sl = strlen(sec);
		for (size_t i = lo; i < hi && !rc; i++) {
			trec *q = &t->recs[i];
			const char *s = q->req ? strstr(q->key, ":sec.") : NULL;
			if (s && strncmp(s + 5, sec, sl) == 0 && (s[5 + sl] == '\0' ||
			    (s[5 + sl] == '(' && !strchr(sec, '('))))
				rc = add_ev(t, seen, q, e, r, "citation", conf,
					    !starts_only(t, e, r->text), quote);
		}
		return rc;
	}
	char *ctx = NULL;
	/* what the citing sentence says, and the document's title */
	size_t tl = strlen(e->title ? e->title : ""), rl = strlen(quote);
	ctx = malloc(tl + rl + 2);
	if (!ctx)
		return PDX_ENOMEM;
	snprintf(ctx, tl + rl + 2, "%s %s", e->title ? e->title : "", quote);
	double best = 0;
	double *score = calloc(hi - lo + 1, sizeof *score);
	if (!score) {
		free(ctx);
		return PDX_ENOMEM;
	}
	int rc = cite_scores(t, lo, hi, ctx, score);
	for (size_t i = lo; i < hi && !rc; i++)
		if (t->recs[i].req && score[i - lo] > best)
			best = score[i - lo];
	for (size_t i = lo; i < hi && !rc && best > 0; i++)
		if (t->recs[i].req && score[i - lo] >= best * 0.75)
			rc = add_ev(t, seen, &t->recs[i], e, r, "citation", conf * (c->plan ? 0.8 : 1),
				    !starts_only(t, e, r->text), quote);
	free(score);
	free(ctx);
	return rc;
}

static tdoc *doc_numbered(track *t, char kind, const char *num)
{
	for (size_t i = 0; i < t->ndoc; i++)
		if (t->docs[i].numkind == kind && is(t->docs[i].number, num) && !t->docs[i].rendition)
			return &t->docs[i];
	return NULL;
}

int citations(track *t, pairs *seen)
{
	for (size_t i = 0; i < t->nrec; i++) {
		trec *r = &t->recs[i];
		tdoc *e = &t->docs[r->doc];
		if (!may_carry(e))
			continue;
		size_t ov[14], at = 0, len = strlen(r->text);
		int m;
		while ((m = rx_match(t->cite, r->text, len, at, ov, 7)) > 0) {
			at = ov[1] > at ? ov[1] : at + 1;
			bool eo = ov[6] != (size_t)-1;
			char num[8];
			size_t ns = eo ? ov[8] : ov[12], ne = eo ? ov[9] : ov[13];
			snprintf(num, sizeof num, "%.*s", (int)(ne - ns), r->text + ns);
			tdoc *c = doc_numbered(t, eo ? 'E' : 'P', num);
			if (!c || c == e || (e->numkind == c->numkind && is(e->number, c->number)))
				continue;
			/* an order that names another without a section builds on
			 * it: it does not carry it out */
			if (ov[2] == (size_t)-1 && (is(e->kind, "executive_order") ||
						    is(e->kind, "proclamation")))
				continue;
			char sec[32] = "", *q = sentence(r->text, ov[0]);
			if (!q)
				return PDX_ENOMEM;
			if (!rx_test(t->carry, q)) {	/* named in passing */
				free(q);
				continue;
			}
			if (ov[2] != (size_t)-1)
				snprintf(sec, sizeof sec, "%.*s%.*s", (int)(ov[3] - ov[2]), r->text + ov[2],
					 ov[4] != (size_t)-1 ? (int)(ov[5] - ov[4]) : 0,
					 ov[4] != (size_t)-1 ? r->text + ov[4] : "");
			int rc = cite(t, seen, e, r, c, sec[0] ? sec : NULL, q, sec[0] ? 0.95 : 0.9);
			free(q);
			if (rc)
				return rc;
		}
		/* by title: the orders, proclamations and plans of the index,
		 * in a record that says it carries something out (asked once
		 * a record, not once a document: the pattern is the costly
		 * part, and most records say nothing of the kind) */
		if (!rx_test(t->carry, r->text))
			continue;
		for (size_t k = 0; k < t->ndoc; k++) {
			tdoc *c = &t->docs[k];
			if (c == e || c->rendition || !c->title || !(c->numkind || c->plan))
				continue;
			if (e->numkind && e->numkind == c->numkind && is(e->number, c->number))
				continue;
			if (!title_in(c->title, r->text))
				continue;
			int rc;
			if (c->plan) {
				continue;	/* the plan's actions by match (below) */
			}
			char *q = sentence(r->text, 0);
			if (!q)
				return PDX_ENOMEM;
			rc = rx_test(t->carry, q) ? cite(t, seen, e, r, c, NULL, q, 0.85) : PDX_OK;
			free(q);
			if (rc)
				return rc;
		}
	}
	return PDX_OK;
}

/* A dateless document (the plan as a text file) takes the day of the
 * first dated one that names it by title. */
void date_from_citers(track *t)
{
	for (size_t k = 0; k < t->ndoc; k++) {
		tdoc *c = &t->docs[k];
		if (c->date || !c->title || !(c->plan || c->numkind))
			continue;
		const char *best = NULL;
		for (size_t i = 0; i < t->nrec; i++) {
			tdoc *e = &t->docs[t->recs[i].doc];
			if (e == c || !e->date || (best && strcmp(e->date, best) >= 0))
				continue;
			if (title_in(c->title, t->recs[i].text))
				best = e->date;
		}
		if (best)
			c->date = pdx_strdup(best);
	}
}

typedef struct {
	track *t;
	pairs *seen;
	int64_t cur_doc;	/* the document whose links come now */
	double cur_best;	/* its best link score */
} match_arg;

static trec *rec_by_id(track *t, int64_t id)
{
	for (size_t i = 0; i < t->nrec; i++)
		if (t->recs[i].id == id)
			return &t->recs[i];
	return NULL;
}

static tdoc *doc_by_id(track *t, int64_t id)
{
	for (size_t i = 0; i < t->ndoc; i++)
		if (t->docs[i].id == id)
			return &t->docs[i];
	return NULL;
}

/* Matches: a later document from the plan action's lead body (or under
 * it; the President's orders are over every body), on the plan's
 * subject, that resembles the action most among the actions it
 * resembles. Links come per document, best first. */
static int match_one(void *arg, int64_t doc_id, int64_t plan_id, int64_t best_record,
		     double max, double sum)
{
	match_arg *a = arg;
	track *t = a->t;
	if (doc_id != a->cur_doc) {
		a->cur_doc = doc_id;
		a->cur_best = max;
	}
	tdoc *e = doc_by_id(t, doc_id);
	trec *p = rec_by_id(t, plan_id);
	if (!e || !p || !p->req || !may_carry(e) || e->ai < 2 || e->rendition)
		return PDX_OK;
	tdoc *pd = &t->docs[p->doc];
	if (!pd->date || strcmp(e->date, pd->date) < 0)
		return PDX_OK;
	if (!(max >= 0.3 || (max >= 0.2 && sum >= 0.3) || sum >= 0.5) || max < a->cur_best * 0.6)
		return PDX_OK;
	bool presidential = is(e->kind, "executive_order") || is(e->kind, "proclamation") ||
			    is(e->kind, "memorandum");
	bool authority = presidential;
	char **leads = NULL;
	size_t nl = 0;
	if (!authority) {
		if (db_track_leads(t->db, p->id, &leads, &nl))
			return PDX_ERR;
		for (size_t i = 0; i < nl && !authority; i++)
			authority = e->issuer && db_track_under(t->db, e->issuer, leads[i]);
		for (size_t i = 0; i < nl; i++)
			free(leads[i]);
		free(leads);
	}
	if (!authority)
		return PDX_OK;
	trec *by = rec_by_id(t, best_record);
	bool asks_rfi = rx_test(t->rfi, p->text);
	bool is_rfi = (e->title && rx_test(t->rfi, e->title)) || (by && rx_test(t->rfi, by->text));
	double conf = 0.4 + max;
	if (asks_rfi && is_rfi)
		conf += 0.2;
	if (conf > 0.9)
		conf = 0.9;
	char *q = by ? sentence(by->text, 0) : NULL;
	int rc = add_ev(t, a->seen, p, e, by, "match", conf, asks_rfi && is_rfi, q);
	free(q);
	return rc;
}

/* Matches for an order's sections: a later document from a section's lead
 * body (or one under it), not the President's, of the kind the section
 * asks for (a rulemaking, an RFI, guidance, a program), that resembles it
 * most among the sections that body leads. */
int order_matches(track *t, pairs *seen)
{
	for (size_t ei = 0; ei < t->ndoc; ei++) {
		tdoc *e = &t->docs[ei];
		if (!may_carry(e) || !e->issuer || e->numkind || is(e->kind, "press_release") ||
		    is(e->kind, "executive_order") || is(e->kind, "proclamation") ||
		    is(e->kind, "memorandum"))
			continue;
		/* what the document says of itself: its title and first records */
		pdx_buf ctx;
		pdx_buf_init(&ctx);
		pdx_buf_adds(&ctx, e->title ? e->title : "");
		for (size_t k = e->first; k < e->first + e->n && ctx.len < 1500; k++) {
			pdx_buf_addc(&ctx, ' ');
			pdx_buf_adds(&ctx, t->recs[k].text);
		}
		char *text = pdx_buf_take(&ctx);
		if (!text)
			return PDX_ENOMEM;
		bool kind_ok = rx_test(t->deliverable, text);
		for (size_t ci = 0; kind_ok && ci < t->ndoc; ci++) {
			tdoc *c = &t->docs[ci];
			if (!(c->numkind || is(c->kind, "executive_order") || is(c->kind, "proclamation") ||
			      is(c->kind, "memorandum")) || c->rendition || c == e || !c->date ||
			    strcmp(e->date, c->date) < 0)
				continue;
			size_t lo = c->first, hi = c->first + c->n;
			double *score = calloc(hi - lo + 1, sizeof *score);
			if (!score) {
				free(text);
				return PDX_ENOMEM;
			}
			int rc = cite_scores(t, lo, hi, text, score);
			double best = 0;
			size_t at = 0;
			for (size_t i = lo; !rc && i < hi; i++) {
				trec *q = &t->recs[i];
				if (!q->req || score[i - lo] <= best || !rx_test(t->deliverable, q->text))
					continue;
				char **leads = NULL;
				size_t nl = 0;
				bool owner = false;
				rc = db_track_leads(t->db, q->id, &leads, &nl);
				for (size_t k = 0; !rc && k < nl && !owner; k++)
					owner = db_track_under(t->db, e->issuer, leads[k]);
				free_strs(leads, nl);
				if (owner) {
					best = score[i - lo];
					at = i;
				}
			}
			free(score);
			if (!rc && best >= 8.0) {
				char *q = sentence(t->recs[e->first].text, 0);
				double conf = 0.4 + best / 40;
				rc = add_ev(t, seen, &t->recs[at], e, NULL, "match", conf > 0.85 ? 0.85 : conf,
					    !starts_only(t, e, text), q);
				free(q);
			}
			if (rc) {
				free(text);
				return rc;
			}
		}
		free(text);
	}
	return PDX_OK;
}


int plan_matches(track *t, pairs *seen)
{
	match_arg a = { t, seen, -1, 0 };
	return db_track_links(t->db, match_one, &a);
}
