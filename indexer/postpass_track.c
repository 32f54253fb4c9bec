/* postpass_track.c - the post-pass's tracking step (after placement, in
 * its transaction): which records are requirements (a plan action; an
 * order's section that tells a body to act; a notice's paragraph that
 * sets an obligation), their type and due date (resolved, or relative
 * to another section with an upper bound due_by), the issuer a notice's
 * records inherit, and the evidence that carries each out: later
 * documents that cite the order or plan (by number or by title, down to
 * the section where they say so) or that come from the lead body and do
 * what it asks (a match, with a confidence). The SQL is lib/db_track.c's. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polidex/date.h"
#include "polidex/db_read.h"
#include "polidex/db_write.h"
#include "polidex/track.h"
#include "postpass_int.h"
#include "rx.h"

typedef struct {
	int64_t id, doc;	/* doc: index into docs */
	char *key, *kind, *label, *text, *section;
	bool req;		/* a requirement */
	char *due, *due_at, *due_tz, *anchor, *due_by, *expr, *type;
	long off_days;
	int off_months;
} trec;

typedef struct {
	int64_t id;
	char *kind, *title, *date, *issuer, *path;
	char number[8];		/* the order's or proclamation's number */
	char numkind;		/* 'E', 'P', 0 */
	size_t first, n;	/* its records: recs[first..first+n) */
	int ai;			/* mentions of AI */
	bool rendition;		/* another copy of an order indexed twice */
	bool plan;		/* holds plan actions */
} tdoc;

typedef struct {
	pdx_db *db;
	trec *recs;
	size_t nrec, rcap;
	tdoc *docs;
	size_t ndoc, dcap;
	pdx_rx *cite, *shall, *boiler, *defn, *recur, *immed, *ongoing, *secref, *eastern,
	       *rfi, *ai, *ownnum, *pathnum, *obligation, *carry, *partners, *deliverable;
	int rc;
} track;

static char *dup(const char *s)
{
	return s ? pdx_strdup(s) : NULL;
}

static int take_row(void *arg, const pdx_track_row *r)
{
	track *t = arg;
	if (!t->ndoc || t->docs[t->ndoc - 1].id != r->doc_id) {
		tdoc *d = postpass_grow((void **)&t->docs, &t->ndoc, &t->dcap, sizeof *d);
		if (!d)
			return PDX_ENOMEM;
		memset(d, 0, sizeof *d);
		d->id = r->doc_id;
		d->kind = dup(r->doc_kind);
		d->title = dup(r->doc_title);
		d->date = r->doc_date ? pdx_strndup(r->doc_date, 10) : NULL;
		d->issuer = dup(r->doc_issuer);
		d->path = dup(r->doc_path);
		d->first = t->nrec;
	}
	trec *c = postpass_grow((void **)&t->recs, &t->nrec, &t->rcap, sizeof *c);
	if (!c)
		return PDX_ENOMEM;
	memset(c, 0, sizeof *c);
	c->id = r->id;
	c->doc = (int64_t)t->ndoc - 1;
	c->key = dup(r->key);
	c->kind = dup(r->kind);
	c->label = dup(r->label);
	c->text = dup(r->text ? r->text : "");
	c->section = dup(r->section);
	t->docs[t->ndoc - 1].n++;
	if (r->kind && strcmp(r->kind, "recommended_action") == 0)
		t->docs[t->ndoc - 1].plan = true;
	return c->key && c->text ? PDX_OK : PDX_ENOMEM;
}

static bool is(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* ---- words ----------------------------------------------------------- */

static const char *const stop[] = {
	"the", "and", "for", "of", "to", "in", "on", "a", "an", "by", "with", "this", "that",
	"shall", "order", "section", "such", "any", "all", "its", "their", "be", "as", "or",
	"from", "under", "other", "is", "are", "will", "within", "days", "date", "sec", "who",
	"which", "under", "into", "than", "may", "including", "president", "federal",
	"certain", "at", "it", "has", "have", NULL
};

/* The words of s, lowercased, "artificial intelligence" as "ai", a
 * plural's s cut; stop words kept when keep_stop. Returns the count;
 * w[i] are NUL-terminated in buf. */
static size_t words(const char *s, char *buf, size_t buflen, char **w, size_t maxw, bool keep_stop)
{
	size_t n = 0, b = 0;
	while (s && *s && n < maxw) {
		while (*s && !isalnum((unsigned char)*s))
			s++;
		if (!*s)
			break;
		size_t start = b;
		while (*s && isalnum((unsigned char)*s) && b + 1 < buflen)
			buf[b++] = (char)tolower((unsigned char)*s++);
		while (*s && isalnum((unsigned char)*s))
			s++;
		if (b + 1 >= buflen)
			break;
		buf[b++] = '\0';
		char *x = buf + start;
		size_t len = strlen(x);
		if (len > 3 && x[len - 1] == 's' && x[len - 2] != 's')
			x[len - 1] = '\0';
		if (is(x, "intelligence") && n && is(w[n - 1], "artificial")) {
			w[n - 1] = (char *)"ai";
			continue;
		}
		bool st = false;
		for (size_t i = 0; !keep_stop && stop[i]; i++)
			if (is(x, stop[i]))
				st = true;
		if (!st)
			w[n++] = x;
	}
	return n;
}

#define MAXW 2048
/* Do the words of title (at least two) appear in text in order, within
 * a window of twice their number and two? */
static bool title_in(const char *title, const char *text)
{
	static char tb[2048], xb[65536];
	static char *tw[64], *xw[MAXW * 4];
	size_t nt = words(title, tb, sizeof tb, tw, 64, false);
	if (nt < 2)
		return false;
	size_t nx = words(text, xb, sizeof xb, xw, MAXW * 4, false);
	for (size_t i = 0; i < nx; i++) {
		if (!is(xw[i], tw[0]))
			continue;
		size_t k = 1, j = i + 1;
		for (; j < nx && j < i + 2 * nt + 2 && k < nt; j++)
			if (is(xw[j], tw[k]))
				k++;
		if (k == nt)
			return true;
	}
	return false;
}

/* Does the text hold the word w (as words() cuts them)? */
static bool has_word(char *const *w, size_t n, const char *x)
{
	for (size_t i = 0; i < n; i++)
		if (is(w[i], x))
			return true;
	return false;
}

/* The requirements recs[lo..hi) scored by the words of ctx they share,
 * each weighted by how few of them hold it (log(1 + n / df)). */
static int cite_scores(track *t, size_t lo, size_t hi, const char *ctx, double *score)
{
	static char cb[65536];
	static char *cw[MAXW];
	size_t nc = words(ctx, cb, sizeof cb, cw, MAXW, false);
	size_t nsec = 0;
	char **bufs = calloc(hi - lo, sizeof *bufs);
	char ***ws = calloc(hi - lo, sizeof *ws);
	size_t *nw = calloc(hi - lo, sizeof *nw);
	int rc = PDX_ENOMEM;
	if (!bufs || !ws || !nw)
		goto out;
	for (size_t i = lo; i < hi; i++) {
		if (!t->recs[i].req)
			continue;
		size_t len = strlen(t->recs[i].text) * 2 + 16;
		bufs[i - lo] = malloc(len);
		ws[i - lo] = malloc(MAXW * sizeof(char *));
		if (!bufs[i - lo] || !ws[i - lo])
			goto out;
		nw[i - lo] = words(t->recs[i].text, bufs[i - lo], len, ws[i - lo], MAXW, false);
		nsec++;
	}
	for (size_t k = 0; k < nc; k++) {
		bool dupw = false;
		for (size_t j = 0; j < k && !dupw; j++)
			dupw = is(cw[j], cw[k]);
		if (dupw)
			continue;
		size_t df = 0;
		for (size_t i = 0; i < hi - lo; i++)
			df += ws[i] && has_word(ws[i], nw[i], cw[k]);
		if (!df)
			continue;
		double idf = log(1.0 + (double)nsec / (double)df);
		for (size_t i = 0; i < hi - lo; i++)
			if (ws[i] && has_word(ws[i], nw[i], cw[k]))
				score[i] += idf;
	}
	rc = PDX_OK;
out:
	for (size_t i = 0; bufs && ws && i < hi - lo; i++) {
		free(bufs[i]);
		free(ws[i]);
	}
	free(bufs);
	free(ws);
	free(nw);
	return rc;
}

/* ---- requirements ---------------------------------------------------- */

/* Does the text tell a body to act: a sentence with "shall" or "must"
 * that is not boilerplate? */
static bool directive(track *t, const char *text)
{
	const char *p = text;
	while (*p) {
		const char *e = p;
		while (*e && !((*e == '.' || *e == ';') && (e[1] == ' ' || !e[1])))
			e++;
		size_t n = (size_t)(e - p);
		char *s = pdx_strndup(p, n);
		if (s) {
			bool yes = rx_test(t->shall, s) && !rx_test(t->boiler, s);
			free(s);
			if (yes)
				return true;
		}
		p = *e ? e + 1 : e;
	}
	return false;
}

static void set(char **dst, const char *v)
{
	free(*dst);
	*dst = dup(v);
}

static void set_due(track *t, trec *c, pdx_time *tm)
{
	set(&c->expr, tm->expr);
	c->off_days = tm->has_offset_days ? tm->offset_days : 0;
	c->off_months = tm->has_offset_months ? tm->offset_months : 0;
	/* relative to another section: no due date of its own */
	size_t ov[10];
	const char *ex = tm->expr ? tm->expr : "";
	int m = rx_match(t->secref, ex, strlen(ex), 0, ov, 5);
	const char *colon = strchr(c->key, ':');
	if (m > 0 && colon) {
		char ref[256];
		size_t plen = (size_t)(colon - c->key);
		if (ov[2] != (size_t)-1) {
			snprintf(ref, sizeof ref, "%.*s:sec.%.*s%.*s", (int)plen, c->key,
				 (int)(ov[3] - ov[2]), ex + ov[2],
				 ov[4] != (size_t)-1 ? (int)(ov[5] - ov[4]) : 0,
				 ov[4] != (size_t)-1 ? ex + ov[4] : "");
		} else {	/* "subsection (a)": of this section */
			const char *sec = strstr(c->key, ":sec.");
			size_t sl = sec ? strcspn(sec + 5, "(") : 0;
			snprintf(ref, sizeof ref, "%.*s:sec.%.*s%.*s", (int)plen, c->key, (int)sl,
				 sec ? sec + 5 : "", (int)(ov[7] - ov[6]), ex + ov[6]);
		}
		set(&c->anchor, ref);
		if (db_track_set_anchor(t->db, c->id, tm->expr, ref))
			t->rc = PDX_ERR;
		return;
	}
	if (tm->anchor && strchr(tm->anchor, ':') && !tm->value) {
		set(&c->anchor, tm->anchor);
		return;
	}
	if (!tm->value) {
		set(&c->anchor, tm->anchor);
		return;
	}
	if (strlen(tm->value) > 10 && tm->value[10] == 'T') {
		set(&c->due_at, tm->value);
		const pdx_zone *z = track_zone_of(ex);
		char day[11];
		if (track_local(z, tm->value, day, NULL))
			set(&c->due, day);
		set(&c->due_tz, z->name);
	} else if (strlen(tm->value) == 10) {
		set(&c->due, tm->value);
	}
	if (tm->anchor && !is(tm->anchor, "signing") && !is(tm->anchor, "published") &&
	    !is(tm->anchor, "effective"))
		set(&c->anchor, tm->anchor);
}

static int subject_roles(track *t, trec *c);

static int find_requirements(track *t)
{
	/* an order indexed twice (the White House's and the Federal
	 * Register's): the first dated copy holds the requirements */
	for (size_t i = 0; i < t->ndoc; i++)
		for (size_t j = 0; j < t->ndoc; j++)
			if (i != j && t->docs[i].numkind && t->docs[i].numkind == t->docs[j].numkind &&
			    is(t->docs[i].number, t->docs[j].number) && t->docs[j].date &&
			    (!t->docs[i].date || strcmp(t->docs[j].date, t->docs[i].date) < 0 ||
			     (strcmp(t->docs[j].date, t->docs[i].date) == 0 && j < i)))
				t->docs[i].rendition = true;
	for (size_t i = 0; i < t->nrec; i++) {
		trec *c = &t->recs[i];
		tdoc *d = &t->docs[c->doc];
		if (d->rendition)
			continue;
		bool order_kind = is(d->kind, "executive_order") || is(d->kind, "proclamation") ||
				  is(d->kind, "memorandum");
		bool notice_kind = is(d->kind, "notice") || is(d->kind, "rule") ||
				   is(d->kind, "proposed_rule");
		if (is(c->kind, "recommended_action"))
			c->req = true;
		else if (is(c->kind, "order_section") && order_kind) {
			bool defs = rx_test(t->defn, c->text) ||
				    (c->section && rx_test(t->defn, c->section));
			c->req = !defs && directive(t, c->text);
			/* boilerplate and definitions name no one to act (an
			 * authority given, "may", still has its actor) */
			if (!c->req && (defs || rx_test(t->boiler, c->text)) &&
			    db_track_demote(t->db, c->id))
				return PDX_ERR;
		} else if (notice_kind && (is(c->kind, "notice_event") || is(c->kind, "paragraph")))
			c->req = rx_test(t->obligation, c->text) && directive(t, c->text);
		if (!c->req)
			continue;
		if (is(c->kind, "order_section") && subject_roles(t, c))
			return PDX_ERR;
		pdx_time *tv = NULL;
		size_t nt = 0;
		if (db_record_times(t->db, c->id, &tv, &nt))
			return PDX_ERR;
		for (size_t k = 0; k < nt; k++)
			if (is(tv[k].kind, "deadline") || (is(tv[k].kind, "closes") && order_kind)) {
				set_due(t, c, &tv[k]);
				break;
			}
		db_times_free(tv, nt);
		if (t->rc)
			return t->rc;
		if (rx_test(t->recur, c->text))
			set(&c->type, "recurring");
		else if (c->due || c->anchor)
			set(&c->type, "time_boxed");
		else if (rx_test(t->immed, c->text))
			set(&c->type, "immediate");
		else if (rx_test(t->ongoing, c->text))
			set(&c->type, "ongoing");
		else
			set(&c->type, "open_ended");
	}
	/* due_by: the anchor's due date (or bound) plus the offset */
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < t->nrec; i++) {
			trec *c = &t->recs[i];
			if (!c->req || c->due || !c->anchor || c->due_by)
				continue;
			for (size_t j = 0; j < t->nrec; j++) {
				trec *a = &t->recs[j];
				if (!a->req || a->doc != c->doc || !is(a->key, c->anchor))
					continue;
				const char *base = a->due ? a->due : a->due_by;
				pdx_date bd;
				if (!base || timeline_date_parse(base, &bd))
					break;
				bd = timeline_date_add_months(timeline_date_add_days(bd, c->off_days),
							      c->off_months);
				char out[11];
				timeline_date_format(bd, out);
				set(&c->due_by, out);
				break;
			}
		}
	return PDX_OK;
}

/* Is name at text[at] a whole word or phrase there? */
static bool name_at(const char *text, size_t len, const char *name, size_t from, size_t to)
{
	size_t n = strlen(name);
	if (n < 3)
		return false;
	for (const char *p = text + from; p && (size_t)(p - text) + n <= to;
	     p = strstr(p + 1, name)) {
		p = strstr(p, name);
		if (!p || (size_t)(p - text) + n > to)
			return false;
		size_t i = (size_t)(p - text);
		bool before = i == 0 || !isalnum((unsigned char)text[i - 1]);
		bool after = i + n >= len || !isalnum((unsigned char)text[i + n]);
		if (before && after)
			return true;
	}
	return false;
}

static void free_strs(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The actor of an order's directive: in "X, Y and Z, in coordination with
 * A and B, shall ...", the bodies named before "shall" outside the
 * partners' clause are its leads (an official's title resolves to the
 * office: the APST is OSTP), those named only in the clause support. */
static int subject_roles(track *t, trec *c)
{
	size_t ov[4], len = strlen(c->text);
	if (rx_match(t->shall, c->text, len, 0, ov, 2) <= 0)
		return PDX_OK;
	size_t verb = ov[0], start = verb;
	/* the sentence the "shall" is in */
	while (start > 0 && !(c->text[start - 1] == ' ' && start >= 2 &&
			      (c->text[start - 2] == '.' || c->text[start - 2] == ';')))
		start--;
	size_t pstart = verb, pend = verb;
	if (rx_match(t->partners, c->text, verb, start, ov, 2) > 0) {
		pstart = ov[0];
		pend = verb;
	}
	char **ag = NULL, **role = NULL;
	size_t n = 0;
	int rc = db_track_roles(t->db, c->id, &ag, &role, &n);
	bool any_subject = false;
	bool *in_subj = calloc(n + 1, sizeof *in_subj), *in_part = calloc(n + 1, sizeof *in_part);
	if (!rc && (!in_subj || !in_part))
		rc = PDX_ENOMEM;
	for (size_t i = 0; !rc && i < n; i++) {
		char **names = NULL;
		size_t nn = 0;
		rc = db_track_names(t->db, ag[i], &names, &nn);
		for (size_t k = 0; !rc && k < nn; k++) {
			if (!names[k])
				continue;
			in_subj[i] |= name_at(c->text, len, names[k], start, pstart);
			in_part[i] |= name_at(c->text, len, names[k], pstart, pend);
		}
		any_subject |= in_subj[i];
		free_strs(names, nn);
	}
	/* only when the subject names a body: else the tagger's word stands */
	for (size_t i = 0; !rc && any_subject && i < n; i++) {
		if (in_subj[i] && !is(role[i], "lead"))
			rc = db_track_set_role(t->db, c->id, ag[i], "lead");
		else if (!in_subj[i] && in_part[i] && is(role[i], "lead"))
			rc = db_track_set_role(t->db, c->id, ag[i], "support");
	}
	free(in_subj);
	free(in_part);
	free_strs(ag, n);
	free_strs(role, n);
	return rc;
}

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

static bool have_evidence(track *t, int64_t req, int64_t doc)
{
	(void)t; (void)req; (void)doc;
	return false;
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

typedef struct {
	int64_t req, doc;
} pair;

typedef struct {
	pair *v;
	size_t n, cap;
} pairs;

static bool seen_pair(pairs *p, int64_t req, int64_t doc)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].req == req && p->v[i].doc == doc)
			return true;
	pair *x = postpass_grow((void **)&p->v, &p->n, &p->cap, sizeof *x);
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

static int citations(track *t, pairs *seen)
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
		/* by title: the orders, proclamations and plans of the index */
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
static void date_from_citers(track *t)
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
} match_arg;

static trec *rec_by_id(track *t, int64_t id)
{
	size_t lo = 0, hi = t->nrec;	/* ids ascend within a document only */
	(void)lo; (void)hi;
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
static int64_t cur_doc = -1;
static double cur_best = 0;

static int match_one(void *arg, int64_t doc_id, int64_t plan_id, int64_t best_record,
		     double max, double sum)
{
	match_arg *a = arg;
	track *t = a->t;
	if (doc_id != cur_doc) {
		cur_doc = doc_id;
		cur_best = max;
	}
	tdoc *e = doc_by_id(t, doc_id);
	trec *p = rec_by_id(t, plan_id);
	if (!e || !p || !p->req || !may_carry(e) || e->ai < 2 || e->rendition)
		return PDX_OK;
	tdoc *pd = &t->docs[p->doc];
	if (!pd->date || strcmp(e->date, pd->date) < 0)
		return PDX_OK;
	if (!(max >= 0.3 || (max >= 0.2 && sum >= 0.3) || sum >= 0.5) || max < cur_best * 0.6)
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
static int order_matches(track *t, pairs *seen)
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

/* ---- the step -------------------------------------------------------- */

static void doc_numbers(track *t)
{
	size_t ov[8];
	for (size_t i = 0; i < t->ndoc; i++) {
		tdoc *d = &t->docs[i];
		const char *p = d->path ? strrchr(d->path, '/') : NULL;
		p = p ? p + 1 : d->path;
		int m = p ? rx_match(t->pathnum, p, strlen(p), 0, ov, 3) : 0;
		const char *src = p;
		if (m <= 0 && d->n) {
			/* "Executive Order 14319 of July 23, 2025" at its head */
			for (size_t k = d->first; k < d->first + d->n && k < d->first + 3 && m <= 0; k++) {
				src = t->recs[k].text;
				m = rx_match(t->ownnum, src, strlen(src), 0, ov, 3);
			}
		}
		if (m > 0 && (is(d->kind, "executive_order") || is(d->kind, "proclamation") ||
			      is(d->kind, "notice"))) {
			bool eo = ov[2] != (size_t)-1;
			size_t s = eo ? ov[2] : ov[4], e = eo ? ov[3] : ov[5];
			snprintf(d->number, sizeof d->number, "%.*s", (int)(e - s), src + s);
			d->numkind = eo ? 'E' : 'P';
		}
		for (size_t k = d->first; k < d->first + d->n; k++) {
			size_t o[2], at = 0;
			const char *x = t->recs[k].text;
			while (d->ai < 100 && rx_match(t->ai, x, strlen(x), at, o, 1) > 0) {
				d->ai++;
				at = o[1];
			}
		}
	}
}

static void track_free(track *t)
{
	for (size_t i = 0; i < t->nrec; i++) {
		trec *c = &t->recs[i];
		char *f[] = { c->key, c->kind, c->label, c->text, c->section, c->due, c->due_at, c->due_tz,
			      c->anchor, c->due_by, c->expr, c->type };
		for (size_t k = 0; k < sizeof f / sizeof *f; k++)
			free(f[k]);
	}
	for (size_t i = 0; i < t->ndoc; i++) {
		free(t->docs[i].kind);
		free(t->docs[i].title);
		free(t->docs[i].date);
		free(t->docs[i].issuer);
		free(t->docs[i].path);
	}
	free(t->recs);
	free(t->docs);
	pdx_rx *rx[] = { t->cite, t->shall, t->boiler, t->defn, t->recur, t->immed, t->ongoing,
			 t->secref, t->eastern, t->rfi, t->ai, t->ownnum, t->pathnum, t->obligation, t->carry, t->partners, t->deliverable };
	for (size_t i = 0; i < sizeof rx / sizeof *rx; i++)
		rx_free(rx[i]);
}

#define CI 0x00000008u /* PCRE2_CASELESS */

int postpass_track(pdx_db *db)
{
	track t = { .db = db };
	t.cite = rx_new("(?:(?:section|sec\\.)\\s+(\\d+)(\\([a-z]\\))?(?:\\([ivx0-9]+\\))*\\s+of\\s+"
			"(?:the\\s+)?)?(?:(Executive\\s+Order|E\\.\\s?O\\.)\\s+(?:No\\.\\s*)?(\\d{5})"
			"|(Proclamation)\\s+(?:No\\.\\s*)?(\\d{4,5}))\\b", CI);
	t.shall = rx_new("\\b(?:shall|must|is directed to|are directed to|is hereby directed)\\b", CI);
	t.boiler = rx_new("shall\\s+(?:not\\s+)?be\\s+construed|shall\\s+be\\s+implemented\\s+"
			  "consistent|shall\\s+be\\s+borne|shall\\s+have\\s+the\\s+meaning|"
			  "shall\\s+(?:remain|take|become)\\s+(?:in\\s+)?effect|shall\\s+expire|"
			  "shall\\s+terminate|shall\\s+not\\s+apply|shall\\s+apply|"
			  "does\\s+not,?\\s+create|\\b(?:we|United\\s+States|Nation|America)\\s+must\\b|shall\\s+mean\\b|\\bmust\\s+be\\s+(?:received|"
			  "submitted|filed|postmarked)", CI);
	t.defn = rx_new("^\\W*(?:Sec\\.\\s*\\d+\\.\\s*)?Definitions\\b|\\bthe\\s+term\\s+[\"“][^\"”]+"
			"[\"”]\\s+means\\b|^\\W*(?:\\([a-z]\\)\\s*)?[\"“][^\"”]{1,80}[\"”]\\s+(?:means|has\\s+the\\s+meaning)\\b", CI);
	t.recur = rx_new("\\b(?:annually|every\\s+\\d+\\s+(?:days|weeks|months|years)|each\\s+"
			 "(?:fiscal\\s+)?year|quarterly|biennially|periodically|on\\s+a\\s+regular\\s+"
			 "basis|(?:annual|regular)\\s+(?:reports?|updates?))\\b", CI);
	t.immed = rx_new("\\b(?:immediately|promptly|without\\s+delay|forthwith)\\b", CI);
	t.ongoing = rx_new("\\b(?:continue|continuing|ongoing|maintain|continuously|on\\s+a\\s+"
			   "rolling\\s+basis)\\b", CI);
	t.secref = rx_new("\\bsection\\s+(\\d+)(\\([a-z]\\))?\\s+of\\s+this\\b|\\bsubsection\\s+"
			  "(\\([a-z]\\))", CI);
	t.eastern = rx_new("\\b(?:ET|EST|EDT|Eastern)\\b|东部时间", 0);
	t.rfi = rx_new("\\brequest\\s+for\\s+(?:information|comments?)\\b|\\bRFI\\b|"
		       "\\bproposed\\s+rule|\\badvance\\s+notice\\b|\\bwill\\s+issue\\b", CI);
	t.ai = rx_new("\\bAI\\b|artificial\\s+intelligence|人工智能", 0);
	t.ownnum = rx_new("^\\W*(?:(?:Executive\\s+Order)\\s+(\\d{5})|Proclamation\\s+(\\d{4,5}))"
			  "\\s+of\\b", 0);
	t.pathnum = rx_new("\\b(?:eo|executive-order)-(\\d{5})|\\bproclamation-(\\d{4,5})", CI);
	t.obligation = rx_new("\\b(?:shall|must)\\b", CI);
	/* what a document says when it carries an order out */
	t.carry = rx_new("\\b(?:as\\s+directed|directed\\s+by|pursuant\\s+to|in\\s+accordance\\s+with|"
			 "as\\s+required\\s+by|required\\s+by|as\\s+called\\s+for|called\\s+for\\s+(?:in|by)|"
			 "in\\s+response\\s+to|implement(?:s|ing|ation\\s+of)?|carr(?:y|ies|ying)\\s+out|"
			 "consistent\\s+with|in\\s+furtherance\\s+of|fulfil+(?:s|ing)?|mandated\\s+by|"
			 "under\\s+section|direct(?:s|ed)|instruct(?:s|ed)|call(?:s|ed)?\\s+(?:for|on|upon)|"
			 "(?:established|created|set\\s+up|launched)\\s+(?:by|under|pursuant|through))\\b", CI);
	t.partners = rx_new("\\b(?:in\\s+(?:coordination|consultation|collaboration|cooperation)"
			    "\\s+with|with\\s+(?:the\\s+)?(?:support|assistance|input|help)\\s+(?:of|from))\\b", CI);
	/* what a section asks for and a document can be */
	t.deliverable = rx_new("\\b(?:rulemaking|proposed\\s+rule|final\\s+rule|interim\\s+final|"
			       "regulations?|request\\s+for\\s+(?:information|comments?|proposals)|RFI|"
			       "guidance|program|priorit(?:y|ies)|grant|notice)\\b", CI);
	int rc = PDX_ENOMEM;
	pairs seen = { 0 };
	if (!t.cite || !t.shall || !t.boiler || !t.defn || !t.recur || !t.immed || !t.ongoing ||
	    !t.secref || !t.eastern || !t.rfi || !t.ai || !t.ownnum || !t.pathnum || !t.obligation || !t.carry || !t.partners || !t.deliverable)
		goto out;
	if ((rc = db_track_reset(db)) || (rc = db_track_inherit_issuer(db)) ||
	    (rc = db_track_rows(db, take_row, &t)))
		goto out;
	doc_numbers(&t);
	date_from_citers(&t);
	if ((rc = find_requirements(&t)))
		goto out;
	for (size_t i = 0; i < t.nrec && !rc; i++) {
		trec *c = &t.recs[i];
		if (!c->req)
			continue;
		pdx_requirement_row r = { .action_id = c->id, .key = c->key, .type = c->type,
					  .due = c->due, .due_at = c->due_at, .due_tz = c->due_tz,
					  .anchor = c->anchor, .due_by = c->due_by, .expr = c->expr,
					  .doc_date = t.docs[c->doc].date };
		rc = db_track_add_requirement(db, &r);
	}
	if (rc == PDX_OK)
		rc = citations(&t, &seen);
	if (rc == PDX_OK)
		rc = order_matches(&t, &seen);
	if (rc == PDX_OK) {
		match_arg a = { &t, &seen };
		cur_doc = -1;
		rc = db_track_links(db, match_one, &a);
	}
	(void)have_evidence;
	if (rc == PDX_OK)
		rc = db_meta_set(db, TRACK_META, "1");
out:
	free(seen.v);
	track_free(&t);
	return rc;
}
