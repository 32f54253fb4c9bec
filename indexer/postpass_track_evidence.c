/* postpass_track_evidence.c - the evidence the tracker finds for each
 * requirement (docs/tracking.md): later documents that cite the order or
 * plan (by number or title, down to the section where they say so) and
 * later documents that match (from the lead body, doing what it asks),
 * never one dated before the requirement or on another subject. */
#include <ctype.h>
#include <malloc.h>
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

/* Has document doc been given as evidence for req (and note it if not)?
 * A requirement has a handful of pieces of evidence. */
static bool seen_doc(trec *req, int64_t doc)
{
	treq *q = req->x;
	for (size_t i = 0; i < q->nseen; i++)
		if (q->seen[i] == doc)
			return true;
	int64_t *x = pdx_grow((void **)&q->seen, &q->nseen, &q->seencap, sizeof *x);
	if (x)
		*x = doc;
	return false;
}

static int add_ev(track *t, trec *req, tdoc *d, trec *by, const char *how, double conf,
		  bool completes, const char *text)
{
	if (seen_doc(req, d->id))
		return PDX_OK;
	pdx_evidence_row e = { .requirement_id = req->id, .doc_id = d->id,
			       .action_id = by ? by->id : 0, .date = d->date, .how = how,
			       .confidence = conf, .completes = completes, .text = text };
	return db_track_add_evidence(t->db, &e);
}

/* Evidence that cites document c (by number, section sec when given, or
 * by title): the requirements of c it names or resembles most. */
static int cite(track *t, tdoc *e, trec *r, tdoc *c, const char *sec, const char *quote,
		double conf)
{
	if (t->probe) {		/* want_documents: what would be cited */
		c->want = true;
		return PDX_OK;
	}
	if (t->wide && !e->fresh && !c->fresh)
		return PDX_OK;	/* an old document's citations of an old one stand */
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
				rc = add_ev(t, q, e, r, "citation", conf, !starts_only(t, e, r->text),
					    quote);
		}
		return rc;
	}
	/* what the citing sentence says, and the document's title */
	size_t tl = strlen(e->title ? e->title : ""), rl = strlen(quote);
	char *ctx = malloc(tl + rl + 2);
	if (!ctx)
		return PDX_ENOMEM;
	snprintf(ctx, tl + rl + 2, "%s %s", e->title ? e->title : "", quote);
	uint32_t *w = NULL;
	size_t nw = 0;
	double *score = calloc(hi - lo + 1, sizeof *score);
	int rc = score ? track_ctx_ids(t, ctx, &w, &nw) : PDX_ENOMEM;
	double best = 0;
	for (size_t i = lo; i < hi && !rc; i++)
		if (t->recs[i].req && (score[i - lo] = sec_score(c, &t->recs[i], w, nw)) > best)
			best = score[i - lo];
	for (size_t i = lo; i < hi && !rc && best > 0; i++)
		if (t->recs[i].req && score[i - lo] >= best * 0.75)
			rc = add_ev(t, &t->recs[i], e, r, "citation", conf * (c->plan ? 0.8 : 1),
				    !starts_only(t, e, r->text), quote);
	free(w);
	free(score);
	free(ctx);
	return rc;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* The numbered documents whose title record r names (its words in
 * order, close), in index order: *v to free. */
static int titles_named(track *t, const trec *r, size_t **v, size_t *n)
{
	uint32_t *x = NULL;
	size_t nx = 0, cap = 0;
	*v = NULL;
	*n = 0;
	int rc = track_text_ids(t, r->text, &x, &nx);
	for (size_t i = 0; i < nx && !rc; i++) {
		size_t lo, hi;
		if (x[i] == NO_TERM)
			continue;
		titles_starting(t, x[i], &lo, &hi);
		for (size_t k = lo; k < hi && !rc; k++) {
			size_t d = t->firstd[k];
			bool dup = false;
			for (size_t j = 0; j < *n && !dup; j++)
				dup = (*v)[j] == d;
			if (dup || !title_in_ids(&t->docs[d], x, nx))
				continue;
			size_t m = *n;
			if (!pdx_grow((void **)v, &m, &cap, sizeof **v))
				rc = PDX_ENOMEM;
			else
				(*v)[(*n)++] = d;
		}
	}
	free(x);
	if (!rc && *n)
		qsort(*v, *n, sizeof **v, cmp_size);
	return rc;
}

int citations(track *t)
{
	for (size_t i = 0; i < t->nrec; i++) {
		trec *r = &t->recs[i];
		tdoc *e = &t->docs[r->doc];
		if (!r->text || !may_carry(e) || !evidence_doc(t, e))
			continue;	/* (a text that cites or carries out is kept) */
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
			if (!says_carry(t, q)) {	/* named in passing */
				free(q);
				continue;
			}
			if (ov[2] != (size_t)-1)
				snprintf(sec, sizeof sec, "%.*s%.*s", (int)(ov[3] - ov[2]), r->text + ov[2],
					 ov[4] != (size_t)-1 ? (int)(ov[5] - ov[4]) : 0,
					 ov[4] != (size_t)-1 ? r->text + ov[4] : "");
			int rc = cite(t, e, r, c, sec[0] ? sec : NULL, q, sec[0] ? 0.95 : 0.9);
			free(q);
			if (rc)
				return rc;
		}
		/* by title: the orders and proclamations of the index (the
		 * plan's actions come by match, below), in a record that says
		 * it carries something out; the titles it names are looked up
		 * by their first word */
		if (!t->nfirst || !says_carry(t, r->text))
			continue;
		size_t *named = NULL, nn = 0;
		int rc = titles_named(t, r, &named, &nn);
		for (size_t k = 0; k < nn && !rc; k++) {
			tdoc *c = &t->docs[named[k]];
			if (c == e || c->rendition ||
			    (e->numkind && e->numkind == c->numkind && is(e->number, c->number)))
				continue;
			char *q = sentence(r->text, 0);
			if (!q)
				rc = PDX_ENOMEM;
			else if (says_carry(t, q))
				rc = cite(t, e, r, c, NULL, q, 0.85);
			free(q);
		}
		free(named);
		if (rc)
			return rc;
	}
	return PDX_OK;
}

/* A dateless document (the plan as a text file) takes the day of the
 * first dated one that names it by title. The records' texts are read
 * again for it (the step keeps few), each cut once, and only while some
 * dateless title may still be dated from an earlier day. */
typedef struct {
	track *t;
	size_t *dl, nd;		/* the dateless documents */
	const char **best;	/* their earliest citing day so far */
	bool kept;		/* on what changed: their days are as kept, and a
				 * new citer on or after one cannot move it */
} citers;

static int citer_row(void *arg, const pdx_track_row *r)
{
	citers *a = arg;
	track *t = a->t;
	tdoc *e = doc_by_id(t, r->doc_id);
	if (!e || !e->date)
		return PDX_OK;
	uint32_t *x = NULL;
	size_t nx = 0;
	int rc = PDX_OK;
	for (size_t j = 0; j < a->nd && !rc; j++) {
		tdoc *c = &t->docs[a->dl[j]];
		const char *bound = a->kept ? c->date : a->best[j];
		if (e == c || (bound && strcmp(e->date, bound) >= 0) || (a->kept && a->best[j]))
			continue;
		if (!x && (rc = track_text_ids(t, r->text ? r->text : "", &x, &nx)))
			break;
		if (title_in_ids(c, x, nx))
			a->best[j] = e->date;
	}
	free(x);
	return rc;
}

/* The dated documents by day (then index). */
static const track *by_day_t;
static int cmp_by_day(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int c = strcmp(by_day_t->docs[i].date, by_day_t->docs[j].date);
	return c ? c : (i > j) - (i < j);
}

/* citer_row over the records of the dated documents, by day: once every
 * dateless title has a citer on or before the day at hand, no later
 * document can move one (each takes its earliest citer's day, whatever
 * the order its citers are read in), and the rest are not read (every
 * record was read again for this, at every first build). */
static int citers_by_day(citers *a)
{
	track *t = a->t;
	size_t *order = malloc((t->ndoc + 1) * sizeof *order), n = 0;
	if (!order)
		return PDX_ENOMEM;
	for (size_t i = 0; i < t->ndoc; i++)
		if (t->docs[i].date)
			order[n++] = i;
	by_day_t = t;
	qsort(order, n, sizeof *order, cmp_by_day);
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db_handle(t->db), "SELECT id, text FROM actions WHERE doc_id = ?1",
				    -1, &s, NULL) == SQLITE_OK ? PDX_OK : PDX_ERR;
	for (size_t k = 0; k < n && !rc; k++) {
		const tdoc *e = &t->docs[order[k]];
		bool open = false;
		for (size_t j = 0; j < a->nd && !open; j++)
			open = !a->best[j] || strcmp(e->date, a->best[j]) < 0;
		if (!open)
			break;
		sqlite3_bind_int64(s, 1, e->id);
		int st;
		while (!rc && (st = sqlite3_step(s)) == SQLITE_ROW) {
			pdx_track_row r = { .id = sqlite3_column_int64(s, 0), .doc_id = e->id,
					    .text = (const char *)sqlite3_column_text(s, 1) };
			rc = citer_row(a, &r);
		}
		if (!rc && st != SQLITE_DONE)
			rc = PDX_ERR;
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	free(order);
	return rc;
}

int date_from_citers(track *t)
{
	citers a = { t, NULL, 0, NULL, false };
	size_t cap = 0;
	int rc = PDX_OK;
	for (size_t k = 0; k < t->ndoc && !rc; k++) {
		tdoc *c = &t->docs[k];
		if (c->date || !c->title || !(c->plan || c->numkind) || c->ntw < 2)
			continue;
		size_t m = a.nd;
		if (!pdx_grow((void **)&a.dl, &m, &cap, sizeof *a.dl))
			rc = PDX_ENOMEM;
		else
			a.dl[a.nd++] = k;
	}
	if (!rc && a.nd && !(a.best = calloc(a.nd, sizeof *a.best)))
		rc = PDX_ENOMEM;
	if (!rc && a.nd)
		rc = citers_by_day(&a);
	for (size_t j = 0; j < a.nd && !rc; j++)
		if (a.best[j] && !(t->docs[a.dl[j]].date = pdx_strdup(a.best[j])))
			rc = PDX_ENOMEM;
	free(a.best);
	free(a.dl);
	return rc;
}

int dates_kept(track *t, bool *still)
{
	*still = true;
	citers a = { t, NULL, 0, NULL, true };
	size_t cap = 0;
	int rc = PDX_OK;
	for (size_t k = 0; k < t->ndoc && !rc; k++) {
		tdoc *c = &t->docs[k];
		if (c->date || !c->title || !(c->plan || c->numkind) || c->ntw < 2)
			continue;
		size_t m = a.nd;
		if (!pdx_grow((void **)&a.dl, &m, &cap, sizeof *a.dl)) {
			rc = PDX_ENOMEM;
			break;
		}
		a.dl[a.nd++] = k;
		/* the day its citers gave it, kept with its requirements */
		if ((rc = db_track_doc_date(t->db, c->id, &c->date)))
			break;
		/* a deleted document dated on or before it may have been
		 * its earliest citer */
		long long n = 0;
		if ((rc = db_track_gone_dated(t->db, c->date, &n)))
			break;
		if (n > 0)
			*still = false;
	}
	if (!rc && a.nd && *still && !(a.best = calloc(a.nd, sizeof *a.best)))
		rc = PDX_ENOMEM;
	if (!rc && a.nd && *still)
		rc = db_track_rows_scoped(t->db, t->max_id, TRACK_ROWS_FRESH, citer_row, &a);
	for (size_t j = 0; j < a.nd && !rc && *still; j++)
		if (a.best[j])
			*still = false;
	free(a.best);
	free(a.dl);
	return rc;
}

/* Matches: a later document from the plan action's lead body (or under
 * it; the President's orders are over every body), on the plan's
 * subject, that resembles the action most among the actions it
 * resembles. Links come per document, best first. */
typedef struct {
	track *t;
	int64_t cur_doc;	/* the document whose links come now */
	double cur_best;	/* its best link score */
} match_arg;

/* The issuer and the bodies above it, read once an issuer. */
static int bodies_above(track *t, const char *issuer, char ***v, size_t *n)
{
	return strs_cache_get(&t->up, t->db, issuer, db_track_up, v, n);
}

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
	bool authority = is(e->kind, "executive_order") || is(e->kind, "proclamation") ||
			 is(e->kind, "memorandum");
	treq *px = p->x;
	if (!authority && !px->leads_read) {
		if (db_track_leads(t->db, p->id, &px->leads, &px->nleads))
			return PDX_ERR;
		px->leads_read = true;
	}
	if (!authority && e->issuer) {
		char **up;
		size_t nu;
		int rc = bodies_above(t, e->issuer, &up, &nu);
		if (rc)
			return rc;
		for (size_t i = 0; i < px->nleads && !authority; i++)
			for (size_t k = 0; k < nu && !authority; k++)
				authority = is(up[k], px->leads[i]);
	}
	if (!authority)
		return PDX_OK;
	trec *by = rec_by_id(t, best_record);
	/* the linking record's text: kept, or read again */
	char *own = NULL;
	const char *bt = by ? by->text : NULL;
	if (by && !bt) {
		if (db_track_text(t->db, by->id, &own))
			return PDX_ERR;
		bt = own ? own : "";
	}
	bool asks_rfi = px->asks_rfi;
	bool is_rfi = (e->title && rx_test(t->rfi, e->title)) || (bt && rx_test(t->rfi, bt));
	double conf = 0.4 + max;
	if (asks_rfi && is_rfi)
		conf += 0.2;
	if (conf > 0.9)
		conf = 0.9;
	char *q = bt ? sentence(bt, 0) : NULL;
	int rc = (bt && !q) ? PDX_ENOMEM : add_ev(t, p, e, by, "match", conf, asks_rfi && is_rfi, q);
	free(q);
	free(own);
	return rc;
}

/* A link of a record of a document to a plan action. */
typedef struct {
	int64_t doc, plan, rec;
	double score;
} tlink;

typedef struct {
	track *t;
	tlink *v;
	size_t n, cap;
} link_list;

static int take_link(void *arg, int64_t action_id, int64_t plan_id, double score)
{
	link_list *l = arg;
	const trec *r = rec_by_id(l->t, action_id);
	if (!r || (l->t->scope && !l->t->docs[r->doc].fresh))
		return PDX_OK;	/* a record the step does not read (a copy's), or an old one */
	/* a document match_one passes over whatever it links to (its
	 * groups then set nothing but its own best score, which none of
	 * them reads): not sorted */
	const tdoc *d = &l->t->docs[r->doc];
	if (!may_carry(d) || d->ai < 2 || d->rendition)
		return PDX_OK;
	tlink *e = pdx_grow((void **)&l->v, &l->n, &l->cap, sizeof *l->v);
	if (!e)
		return PDX_ENOMEM;
	*e = (tlink){ l->t->docs[r->doc].id, plan_id, action_id, score };
	return PDX_OK;
}

/* By document and plan action, the best link first (the lowest record
 * among equals). */
static int cmp_tlink(const void *a, const void *b)
{
	const tlink *x = a, *y = b;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	if (x->plan != y->plan)
		return x->plan < y->plan ? -1 : 1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return (x->rec > y->rec) - (x->rec < y->rec);
}

/* One per document and plan action: its best link (rec, score) and the
 * sum of its links' scores in sum. */
typedef struct {
	int64_t doc, plan, rec;
	double max, sum;
} tgroup;

/* By document, the best group first. */
static int cmp_tgroup(const void *a, const void *b)
{
	const tgroup *x = a, *y = b;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	if (x->max != y->max)
		return x->max > y->max ? -1 : 1;
	return (x->plan > y->plan) - (x->plan < y->plan);
}

int plan_matches(track *t)
{
	link_list l = { .t = t };
	int rc = db_track_links(t->db, t->scope, take_link, &l);
	if (rc || !l.n) {
		free(l.v);
		return rc;
	}
	qsort(l.v, l.n, sizeof *l.v, cmp_tlink);
	size_t ng = 0;
	tgroup *g = malloc(l.n * sizeof *g);
	if (!g) {
		free(l.v);
		return PDX_ENOMEM;
	}
	for (size_t i = 0; i < l.n;) {
		tgroup *x = &g[ng++];
		*x = (tgroup){ l.v[i].doc, l.v[i].plan, l.v[i].rec, l.v[i].score, 0 };
		size_t j = i;
		for (; j < l.n && l.v[j].doc == x->doc && l.v[j].plan == x->plan; j++)
			x->sum += l.v[j].score;
		i = j;
	}
	free(l.v);
	qsort(g, ng, sizeof *g, cmp_tgroup);
	match_arg a = { t, -1, 0 };
	for (size_t i = 0; rc == PDX_OK && i < ng; i++)
		rc = match_one(&a, g[i].doc, g[i].plan, g[i].rec, g[i].max, g[i].sum);
	free(g);
	return rc;
}

static int cmp_lead(const void *a, const void *b)
{
	const tlead *x = a, *y = b;
	int c = x->pre != y->pre ? (x->pre > y->pre) - (x->pre < y->pre) : strcmp(x->lead, y->lead);
	if (c)
		return c;
	if (x->doc != y->doc)
		return (x->doc > y->doc) - (x->doc < y->doc);
	return (x->rec > y->rec) - (x->rec < y->rec);
}

static bool post_less(const tpost *x, const tpost *y)
{
	return x->w != y->w ? x->w < y->w : x->slot < y->slot;
}

/* v[0..n) by (word, slot), each pair once in a lead's run (a section's
 * words are once each): qsort's order, without a call per comparison. */
static void sort_posts(tpost *v, size_t n)
{
	while (n > 16) {
		tpost p = v[n / 2];
		size_t i = 0, j = n - 1;
		for (;;) {
			while (post_less(&v[i], &p))
				i++;
			while (post_less(&p, &v[j]))
				j--;
			if (i >= j)
				break;
			tpost x = v[i];
			v[i++] = v[j];
			v[j--] = x;
		}
		size_t left = j + 1;
		if (left < n - left) {
			sort_posts(v, left);
			v += left;
			n -= left;
		} else {
			sort_posts(v + left, n - left);
			n = left;
		}
	}
	for (size_t i = 1; i < n; i++) {
		tpost x = v[i];
		size_t j = i;
		for (; j > 0 && post_less(&x, &v[j - 1]); j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* The sections that ask for a deliverable of the documents an order's
 * section may be carried out from (orders, proclamations, memoranda,
 * dated, not another copy), under each of their leads; each lead's
 * sections' words (postings), and a score slot per section. */
static int index_leads(track *t)
{
	size_t cap = 0, vcap = 0, scap = 0;
	for (size_t ci = 0; ci < t->ndoc; ci++) {
		tdoc *c = &t->docs[ci];
		if (!(c->numkind || is(c->kind, "executive_order") || is(c->kind, "proclamation") ||
		      is(c->kind, "memorandum")) || c->rendition || !c->date)
			continue;
		for (size_t i = c->first; i < c->first + c->n; i++) {
			trec *q = &t->recs[i];
			if (!q->req || !q->x->deliverable)
				continue;
			char **leads = NULL;
			size_t nl = 0;
			if (db_track_leads(t->db, q->id, &leads, &nl))
				return PDX_ERR;
			for (size_t k = 0; k < nl; k++) {
				size_t m = t->nleads, mv = t->nleadv;
				tlead *l = pdx_grow((void **)&t->leads, &m, &cap, sizeof *l);
				char **s = l ? pdx_grow((void **)&t->leadv, &mv, &vcap, sizeof *s) : NULL;
				if (!s) {
					free_strs(leads, nl);
					return PDX_ENOMEM;
				}
				*s = leads[k];
				leads[k] = NULL;
				t->nleadv++;
				uint64_t pre = 0;
				const char *p = *s;
				for (int b = 0; b < 8; b++)
					pre = pre << 8 | (uint64_t)(unsigned char)(*p ? *p++ : 0);
				t->leads[t->nleads++] = (tlead){ *s, pre, ci, i };
			}
			free_strs(leads, nl);
			if (nl) {
				size_t m = t->nslot;
				if (!pdx_grow((void **)&t->slotrec, &m, &scap, sizeof *t->slotrec))
					return PDX_ENOMEM;
				t->slotrec[t->nslot] = i;
				q->x->slot = t->nslot++;
			}
		}
	}
	if (t->nleads)
		qsort(t->leads, t->nleads, sizeof *t->leads, cmp_lead);
	/* the runs of one lead, and their postings */
	size_t gcap = 0, npost = 0;
	for (size_t k = 0; k < t->nleads; k++) {
		if (!k || !is(t->leads[k].lead, t->leads[k - 1].lead)) {
			size_t m = t->nlgroup;
			if (!pdx_grow((void **)&t->lgroup, &m, &gcap, sizeof *t->lgroup))
				return PDX_ENOMEM;
			t->lgroup[t->nlgroup++] = k;
		}
		npost += t->recs[t->leads[k].rec].x->nwid;
	}
	t->post = malloc((npost + 1) * sizeof *t->post);
	t->gpost = malloc((t->nlgroup + 1) * sizeof *t->gpost);
	t->score = malloc((t->nslot + 1) * sizeof *t->score);
	t->touched = calloc(t->nslot + 1, sizeof *t->touched);
	t->lastw = calloc(t->nslot + 1, sizeof *t->lastw);
	if (!t->post || !t->gpost || !t->score || !t->touched || !t->lastw)
		return PDX_ENOMEM;
	for (size_t g = 0; g < t->nlgroup; g++) {
		size_t end = g + 1 < t->nlgroup ? t->lgroup[g + 1] : t->nleads;
		t->gpost[g] = t->npost;
		for (size_t k = t->lgroup[g]; k < end; k++) {
			const treq *q = t->recs[t->leads[k].rec].x;
			const tdoc *c = &t->docs[t->leads[k].doc];
			for (size_t j = 0; j < q->nwid; j++)
				t->post[t->npost++] = (tpost){ q->wid[j], q->slot, word_weight(c, q->wid[j]) };
		}
		sort_posts(t->post + t->gpost[g], t->npost - t->gpost[g]);
	}
	t->gpost[t->nlgroup] = t->npost;
	return PDX_OK;
}

/* The run of lead's sections (its group), or -1. */
static long lead_group(const track *t, const char *lead)
{
	size_t a = 0, b = t->nlgroup;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		int c = strcmp(t->leads[t->lgroup[m]].lead, lead);
		if (c == 0)
			return (long)m;
		if (c < 0)
			a = m + 1;
		else
			b = m;
	}
	return -1;
}

/* The postings of word w under lead group g: t->post[*lo..*hi). */
static void postings(const track *t, size_t g, uint32_t w, size_t *lo, size_t *hi)
{
	size_t a = t->gpost[g], b = t->gpost[g + 1], e = b;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (t->post[m].w < w)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	while (a < e && t->post[a].w == w)
		a++;
	*hi = a;
}

typedef struct {
	size_t doc, rec;
	double score;
} hit_t;

/* A section match: a score of at least MATCH_MIN (the words of the
 * document's opening it shares, weighed by how rare each is among its
 * order's requirements), at least MATCH_NEAR of the document's best, in at
 * most MATCH_ORDERS orders. */
#define MATCH_MIN 8.0
#define MATCH_NEAR 0.9
#define MATCH_ORDERS 3

static int cmp_hit(const void *a, const void *b);

/* By score, highest first, then by document and section. */
static int cmp_hit_score(const void *a, const void *b)
{
	const hit_t *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return cmp_hit(a, b);
}

static int cmp_hit(const void *a, const void *b)
{
	const hit_t *x = a, *y = b;
	if (x->doc != y->doc)
		return (x->doc > y->doc) - (x->doc < y->doc);
	return (x->rec > y->rec) - (x->rec < y->rec);
}

/* The deliverable sections led by issuer or a body above it that share a
 * word with the document's words ctx (in their order), scored as
 * sec_score does (each section's sum taken in ctx's order, a word once
 * however many of its leads the issuer is under): *v by document then
 * section, to free. */
static int scored_sections(track *t, const char *issuer, const uint32_t *ctx, size_t nctx,
			   hit_t **v, size_t *n)
{
	char **up = NULL;
	size_t nu = 0, cap = 0;
	long gs[16];
	size_t ng = 0;
	*v = NULL;
	*n = 0;
	int rc = bodies_above(t, issuer, &up, &nu);
	for (size_t u = 0; u < nu && !rc; u++) {
		long g = lead_group(t, up[u]);
		if (g >= 0 && ng < sizeof gs / sizeof *gs)
			gs[ng++] = g;
	}
	if (rc || !ng)
		return rc;
	if (++t->tstamp == 0) {
		memset(t->touched, 0, (t->nslot + 1) * sizeof *t->touched);
		t->tstamp = 1;
	}
	uint32_t stamp = t->tstamp;
	uint32_t *sl_of = NULL;
	size_t ns = 0;
	/* the first touch of a slot notes it; words counted once */
	for (size_t kk = 0; kk < nctx && !rc; kk++)
		for (size_t gi = 0; gi < ng && !rc; gi++) {
			size_t lo, hi;
			postings(t, (size_t)gs[gi], ctx[kk], &lo, &hi);
			for (size_t p = lo; p < hi; p++) {
				uint32_t sl = t->post[p].slot;
				if (t->touched[sl] != stamp) {
					t->touched[sl] = stamp;
					t->score[sl] = 0;
					t->lastw[sl] = UINT32_MAX;
					size_t m = ns;
					uint32_t *x = pdx_grow((void **)&sl_of, &m, &cap, sizeof *x);
					if (!x) {
						rc = PDX_ENOMEM;
						break;
					}
					sl_of[ns++] = sl;
				}
				if (t->lastw[sl] == (uint32_t)kk)
					continue;
				t->lastw[sl] = (uint32_t)kk;
				t->score[sl] += t->post[p].wgt;
			}
		}
	/* the slots were given in the order of (document, section)
	 * (index_leads): in slot order, the hits are in that order */
	if (!rc && ns) {
		track_sort_u32(sl_of, ns);
		if (!(*v = malloc(ns * sizeof **v)))
			rc = PDX_ENOMEM;
	}
	for (size_t i = 0; i < ns && !rc; i++) {
		size_t r = t->slotrec[sl_of[i]];
		(*v)[i] = (hit_t){ (size_t)t->recs[r].doc, r, t->score[sl_of[i]] };
	}
	if (!rc)
		*n = ns;
	free(sl_of);
	return rc;
}

/* Matches for an order's sections: a later document from a section's lead
 * body (or one under it), not the President's, of the kind the section
 * asks for (a rulemaking, an RFI, guidance, a program), that resembles it
 * most among the sections that body leads: its best section in each
 * order, kept for the few orders that come near its best. The sections
 * a document may answer come from the lead's postings, not from every
 * order. */
/* Does e answer orders' sections (order_matches reads it)? */
static bool answers(const tdoc *e)
{
	return may_carry(e) && e->issuer && !e->numkind && !is(e->kind, "press_release") &&
	       !is(e->kind, "executive_order") && !is(e->kind, "proclamation") &&
	       !is(e->kind, "memorandum");
}

int redo_from_gone(track *t)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db_handle(t->db), "SELECT DISTINCT doc_id FROM evidence WHERE"
			       " requirement_id IN (SELECT id FROM postpass_gone)", -1, &s,
			       NULL) != SQLITE_OK)
		return PDX_ERR;
	int st;
	while ((st = sqlite3_step(s)) == SQLITE_ROW) {
		tdoc *d = doc_by_id(t, sqlite3_column_int64(s, 0));
		if (d)
			d->redo = true;
	}
	sqlite3_finalize(s);
	return st == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

/* A wide step: the old documents whose issuer is under a lead of a new
 * document's section are marked redo too (a new order may now be among
 * their best); every redo document's matches to orders' sections are
 * forgotten, and the rest of its evidence noted as given (as the whole
 * step, which finds citations before matches, would have). */
static int redo_matches(track *t)
{
	int rc = PDX_OK;
	for (size_t ei = 0; ei < t->ndoc && !rc; ei++) {
		tdoc *e = &t->docs[ei];
		if (e->fresh || e->redo || !answers(e))
			continue;
		char **up;
		size_t nu;
		rc = bodies_above(t, e->issuer, &up, &nu);
		for (size_t k = 0; k < t->nleads && !rc && !e->redo; k++) {
			if (!t->docs[t->leads[k].doc].fresh)
				continue;
			for (size_t u = 0; u < nu && !e->redo; u++)
				e->redo = is(up[u], t->leads[k].lead);
		}
	}
	sqlite3_stmt *s = NULL, *del = NULL;
	if (!rc && (sqlite3_prepare_v2(db_handle(t->db), "SELECT rowid, requirement_id, how FROM"
				       " evidence WHERE doc_id = ?1", -1, &s, NULL) != SQLITE_OK ||
		    sqlite3_prepare_v2(db_handle(t->db), "DELETE FROM evidence WHERE rowid = ?1", -1,
				       &del, NULL) != SQLITE_OK))
		rc = PDX_ERR;
	int64_t *gone = NULL;
	size_t ngone = 0, cap = 0;
	for (size_t ei = 0; ei < t->ndoc && !rc; ei++) {
		tdoc *e = &t->docs[ei];
		if (e->fresh || !e->redo)
			continue;
		sqlite3_bind_int64(s, 1, e->id);
		int st;
		ngone = 0;
		while (!rc && (st = sqlite3_step(s)) == SQLITE_ROW) {
			trec *q = rec_by_id(t, sqlite3_column_int64(s, 1));
			const char *how = (const char *)sqlite3_column_text(s, 2);
			if (!q || !q->req || !q->x)
				continue;	/* (not what a match points to) */
			if (is(how, "match") && !is(q->kind, "recommended_action")) {
				/* a match to an order's section (the plan's
				 * actions are matched by plan_matches), deleted
				 * once the rows are read */
				size_t m = ngone;
				int64_t *x = pdx_grow((void **)&gone, &m, &cap, sizeof *x);
				if (!x)
					rc = PDX_ENOMEM;
				else
					gone[ngone++] = sqlite3_column_int64(s, 0);
			} else {
				seen_doc(q, e->id);
			}
		}
		if (!rc && st != SQLITE_DONE)
			rc = PDX_ERR;
		sqlite3_reset(s);
		for (size_t k = 0; k < ngone && !rc; k++) {
			sqlite3_bind_int64(del, 1, gone[k]);
			if (sqlite3_step(del) != SQLITE_DONE)
				rc = PDX_ERR;
			sqlite3_reset(del);
		}
	}
	free(gone);
	sqlite3_finalize(s);
	sqlite3_finalize(del);
	return rc;
}

int order_matches(track *t)
{
	/* the texts kept for citations of the documents it does not read
	 * given back before the leads' postings are built (the step's
	 * peak) */
	for (size_t i = 0; i < t->nrec; i++) {
		trec *c = &t->recs[i];
		if (c->text && !answers(&t->docs[c->doc])) {
			free(c->text);
			c->text = NULL;
		}
	}
	malloc_trim(0);
	int rc = index_leads(t);
	if (!rc && t->wide)
		rc = redo_matches(t);
	for (size_t ei = 0; ei < t->ndoc && !rc; ei++) {
		tdoc *e = &t->docs[ei];
		if ((t->scope && !e->fresh && !e->redo) || !may_carry(e) || !e->issuer || e->numkind ||
		    is(e->kind, "press_release") ||
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
		hit_t *hits = NULL;
		size_t nh = 0, nw = 0;
		uint32_t *w = NULL;
		if (t->nlgroup && rx_test(t->deliverable, text) &&
		    !(rc = track_ctx_ids(t, text, &w, &nw)))
			rc = scored_sections(t, e->issuer, w, nw, &hits, &nh);
		/* the best section of each order, then the orders whose best
		 * comes near the document's best (a few at most: a notice that
		 * carries out several orders names them, and citations find it) */
		size_t nb = 0;
		double top = 0;
		for (size_t g = 0; g < nh;) {
			tdoc *c = &t->docs[hits[g].doc];
			size_t end = g;
			while (end < nh && hits[end].doc == hits[g].doc)
				end++;
			hit_t best = { 0, 0, 0 };
			if (c != e && strcmp(e->date, c->date) >= 0)
				for (size_t k = g; k < end; k++)
					if (hits[k].score > best.score)
						best = hits[k];
			if (best.score >= MATCH_MIN) {
				hits[nb++] = best;	/* nb <= g: in place */
				top = best.score > top ? best.score : top;
			}
			g = end;
		}
		size_t keep = 0;
		for (size_t k = 0; k < nb; k++)
			if (hits[k].score >= top * MATCH_NEAR)
				hits[keep++] = hits[k];
		if (keep)
			qsort(hits, keep, sizeof *hits, cmp_hit_score);
		if (keep > MATCH_ORDERS)
			keep = MATCH_ORDERS;
		if (keep)
			qsort(hits, keep, sizeof *hits, cmp_hit);
		for (size_t k = 0; k < keep && !rc; k++) {
			char *q = sentence(t->recs[e->first].text, 0);
			double conf = 0.4 + hits[k].score / 40;
			rc = add_ev(t, &t->recs[hits[k].rec], e, NULL, "match", conf > 0.85 ? 0.85 : conf,
				    !starts_only(t, e, text), q);
			free(q);
		}
		free(w);
		free(hits);
		free(text);
	}
	return rc;
}

/* Mark every document of SQL's doc ids (?1 bound to key) wanted. */
static int want_by(track *t, const char *sql, const char *key, int64_t id)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db_handle(t->db), sql, -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	if (key)
		sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(s, 1, id);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		tdoc *d = doc_by_id(t, sqlite3_column_int64(s, 0));
		if (d)
			d->want = true;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

int want_documents(track *t)
{
	/* cited: what citations() would cite, marked instead */
	t->probe = true;
	int rc = citations(t);
	t->probe = false;
	for (size_t i = 0; i < t->ndoc && !rc; i++) {
		tdoc *e = &t->docs[i];
		if (!e->fresh)
			continue;
		e->want = true;
		/* answered: the sections its issuer, or a body above it, leads */
		if (e->issuer && may_carry(e)) {
			char **up;
			size_t nu;
			rc = bodies_above(t, e->issuer, &up, &nu);
			for (size_t k = 0; k < nu && !rc; k++)
				rc = want_by(t, "SELECT DISTINCT a.doc_id FROM action_agencies r JOIN actions a"
					     " ON a.id = r.action_id WHERE r.agency_id = ?1 AND r.role IN"
					     " ('lead', 'issuer') AND a.kind = 'order_section'", up[k], 0);
		}
		/* matched: the plan's actions its records link to */
		if (!rc)
			rc = want_by(t, "SELECT DISTINCT p.doc_id FROM actions a JOIN plan_links l"
				     " ON l.action_id = a.id JOIN actions p ON p.id = l.plan_action_id"
				     " WHERE a.doc_id = ?1", NULL, e->id);
	}
	/* and the other renditions of what is wanted */
	for (size_t i = 0; i < t->ndoc && !rc; i++) {
		tdoc *c = &t->docs[i];
		if (!c->want || !c->numkind)
			continue;
		for (size_t k = 0; k < t->ndoc; k++)
			if (t->docs[k].numkind == c->numkind && is(t->docs[k].number, c->number))
				t->docs[k].want = true;
	}
	return rc;
}
