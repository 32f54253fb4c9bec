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
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "polidex/date.h"
#include "polidex/db_read.h"
#include "polidex/db_write.h"
#include "polidex/track.h"
#include "postpass_track_int.h"


static char *dup(const char *s)
{
	return s ? pdx_strdup(s) : NULL;
}

static bool order_kind(const char *kind)
{
	return is(kind, "executive_order") || is(kind, "proclamation") || is(kind, "memorandum");
}

static bool notice_kind(const char *kind)
{
	return is(kind, "notice") || is(kind, "rule") || is(kind, "proposed_rule");
}

/* The record kinds the step tells apart (the rest are "other"). */
static const char *kind_of(const char *kind)
{
	static const char *const kinds[] = { "recommended_action", "order_section",
					     "notice_event", "paragraph" };
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (is(kind, kinds[i]))
			return kinds[i];
	return "other";
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ---- what a text may match: tests no regex is run without ------------
 *
 * Each holds for every text the regex it guards matches (it names bytes
 * every match holds), so a text it fails is one the regex fails: the
 * regexes are caseless with Unicode properties, and no character outside
 * ASCII matches one of these ASCII letters caselessly (of a-z only k and
 * s have such a match, and no needle holds either: a program over every
 * code point checked it against this PCRE2); \s may be a multibyte
 * space. */

static bool ascii_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Does s hold needle (lowercase letters) at i, ASCII caseless? */
static bool at_ci(const char *s, size_t len, size_t i, const char *needle)
{
	size_t n = strlen(needle);
	if (i + n > len)
		return false;
	for (size_t k = 0; k < n; k++)
		if (((unsigned char)s[i + k] | 0x20) != (unsigned char)needle[k])
			return false;
	return true;
}

/* After s[j]: one or more spaces (ASCII, or bytes of a multibyte
 * character) when some, else j. */
static size_t past_spaces(const char *s, size_t len, size_t j, size_t most)
{
	size_t k = j;
	while (k < len && k < j + most && (ascii_space((unsigned char)s[k]) || (unsigned char)s[k] >= 0x80))
		k++;
	return k;
}

/* t->cite: "Executive Order", "E. O." (one space at most), "Proclamation". */
static bool may_cite(const char *s, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		/* the two bytes (| 0x20) first: "or", "pr", "e." */
		unsigned p = (unsigned)((unsigned char)s[i] | 0x20) << 8 | ((unsigned char)s[i + 1] | 0x20);
		if (p != ('o' << 8 | 'r') && p != ('p' << 8 | 'r') && p != ('e' << 8 | '.'))
			continue;
		unsigned char c = (unsigned char)(p >> 8);
		if ((c == 'o' && at_ci(s, len, i, "order")) ||
		    (c == 'p' && at_ci(s, len, i, "proclamation")))
			return true;
		if (c == 'e' && s[i + 1] == '.') {
			size_t j = past_spaces(s, len, i + 2, 3);
			if ((j + 1 < len && ((unsigned char)s[j] | 0x20) == 'o' && s[j + 1] == '.') ||
			    (i + 3 < len && ((unsigned char)s[i + 2] | 0x20) == 'o' && s[i + 3] == '.'))
				return true;
		}
	}
	return false;
}

/* t->carry: a part of each of its phrases with neither k nor s. A
 * position is looked at when its two bytes (| 0x20) start one: a bit of
 * a table of pairs, not a loop over the parts at every letter. */
static bool may_say_carry(const char *s, size_t len)
{
	static const char *const part[] = {
		"direct", "uant", "accordance", "required", "call", "pon", "implement", "carr",
		"tent", "furtherance", "fulfil", "mandated", "under", "truct", "tabli", "created",
		"launched", "et", NULL	/* "et": "set up", "et", spaces, "up" */
	};
	static uint64_t pair[65536 / 64];
	static bool ready;
	if (!ready) {	/* (the post-pass is one thread) */
		for (size_t k = 0; part[k]; k++) {
			unsigned p = (unsigned)(unsigned char)part[k][0] << 8 | (unsigned char)part[k][1];
			pair[p / 64] |= (uint64_t)1 << (p % 64);
		}
		ready = true;
	}
	for (size_t i = 0; i + 1 < len; i++) {
		unsigned p = (unsigned)((unsigned char)s[i] | 0x20) << 8 | ((unsigned char)s[i + 1] | 0x20);
		if (!(pair[p / 64] >> (p % 64) & 1))
			continue;
		for (size_t k = 0; part[k + 1]; k++)
			if ((unsigned char)part[k][0] == p >> 8 && (unsigned char)part[k][1] == (p & 0xff) &&
			    at_ci(s, len, i, part[k]))
				return true;
		if (p == ('e' << 8 | 't')) {
			size_t j = past_spaces(s, len, i + 2, len);
			if (j > i + 2 && at_ci(s, len, j, "up"))
				return true;
		}
	}
	return false;
}

bool says_carry(const track *t, const char *s)
{
	size_t len = strlen(s);
	return may_say_carry(s, len) && rx_test(t->carry, s);
}

bool cites_at(const track *t, const char *s, size_t len)
{
	size_t o[2];
	return may_cite(s, len) && rx_match(t->cite, s, len, 0, o, 1) > 0;
}

/* t->defn: "definition" (Definitions), "mean" (means, has the meaning). */
static bool may_define(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i + 1 < len; i++) {
		unsigned p = (unsigned)((unsigned char)s[i] | 0x20) << 8 | ((unsigned char)s[i + 1] | 0x20);
		if ((p == ('d' << 8 | 'e') && at_ci(s, len, i, "definition")) ||
		    (p == ('m' << 8 | 'e') && at_ci(s, len, i, "mean")))
			return true;
	}
	return false;
}

static bool defines(const track *t, const char *s)
{
	return may_define(s) && rx_test(t->defn, s);
}

/* t->ai (case-sensitive): "AI", "artificial", 人工智能. */
static bool may_say_ai(const char *s, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++)
		if ((s[i] == 'A' && s[i + 1] == 'I') || (s[i] == 'a' && strncmp(s + i, "artificial", 10) == 0) ||
		    ((unsigned char)s[i] == 0xE4 && strncmp(s + i, "人工智能", strlen("人工智能")) == 0))
			return true;
	return false;
}

/* Was record id deleted since the last step (its id taken again)? */
static bool is_gone(const track *t, int64_t id)
{
	size_t lo = 0, hi = t->ngone;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t->gone[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->ngone && t->gone[lo] == id;
}

/* A record read: what it may be (a requirement candidate keeps its key;
 * its text is read again when it is classified) and what reads its text
 * later (keep: a document's first three records and its opening, as
 * order_matches reads it; a record that cites an order or says it
 * carries something out); its document's mentions of AI counted. */
static int take_row(void *arg, const pdx_track_row *r)
{
	track *t = arg;
	if (!t->ndoc || t->docs[t->ndoc - 1].id != r->doc_id) {
		tdoc *d = pdx_grow((void **)&t->docs, &t->ndoc, &t->dcap, sizeof *d);
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
		t->open_len = strlen(r->doc_title ? r->doc_title : "");
		if ((r->doc_kind && !d->kind) || (r->doc_title && !d->title) ||
		    (r->doc_issuer && !d->issuer) || (r->doc_path && !d->path))
			return PDX_ENOMEM;
	}
	tdoc *d = &t->docs[t->ndoc - 1];
	if (t->scope && !d->fresh)
		d->fresh = r->id > t->max_id || is_gone(t, r->id);
	trec *c = pdx_grow((void **)&t->recs, &t->nrec, &t->rcap, sizeof *c);
	if (!c)
		return PDX_ENOMEM;
	memset(c, 0, sizeof *c);
	c->id = r->id;
	c->doc = (uint32_t)(t->ndoc - 1);
	c->kind = kind_of(r->kind);
	const char *text = r->text ? r->text : "";
	size_t len = strlen(text), o[2], at = 0;
	c->cand = is(c->kind, "recommended_action") ||
		  (is(c->kind, "order_section") && order_kind(d->kind)) ||
		  ((is(c->kind, "notice_event") || is(c->kind, "paragraph")) && notice_kind(d->kind)) ||
		  (t->nmanual && r->key &&
		   bsearch(&r->key, t->manual, t->nmanual, sizeof *t->manual, cmp_key));
	/* the first three records of what may be numbered (doc_numbers);
	 * the opening of what may carry out an order's section (order_matches
	 * reads a notice's, a rule's: an issuer's, not the President's) */
	bool numbered = is(d->kind, "executive_order") || is(d->kind, "proclamation") ||
			is(d->kind, "notice");
	bool answers = d->issuer && !order_kind(d->kind) && !is(d->kind, "fact_sheet") &&
		       !is(d->kind, "news") && !is(d->kind, "press_release");
	/* on what changed, an old document is no evidence (only the new
	 * ones' is found): of its texts only its opening's are kept, for
	 * its number, and what it cites or says of AI is not looked for */
	/* (and a fact sheet or a news article is never evidence: may_carry) */
	bool evidence = evidence_doc(t, d) && !is(d->kind, "fact_sheet") && !is(d->kind, "news");
	c->keep = (numbered && d->n < 3) ||
		  (evidence && ((answers && (d->n == 0 || t->open_len < 1500)) ||
				cites_at(t, text, len) || says_carry(t, text)));
	if (t->open_len < 1500)
		t->open_len += 1 + len;
	while (evidence && d->ai < 100 && (at || may_say_ai(text, len)) &&
	       rx_match(t->ai, text, len, at, o, 1) > 0) {
		d->ai++;
		at = o[1];
	}
	if (c->cand && ((r->key && !(c->key = pdx_strdup(r->key))) ||
			(r->section && !(c->section = pdx_strdup(r->section)))))
		return PDX_ENOMEM;
	/* a wide step classifies every order's and the plan's sections: a
	 * candidate's text at hand is held until then (not read again by
	 * id, one lookup each); drop_texts lets it go after */
	if ((c->keep || (t->wide && c->cand && r->text)) && !(c->text = pdx_strndup(text, len)))
		return PDX_ENOMEM;
	d->n++;
	if (is(c->kind, "recommended_action"))
		d->plan = true;
	return PDX_OK;
}


/* ---- lookups --------------------------------------------------------- */

tdoc *doc_by_id(track *t, int64_t id)
{
	size_t a = 0, b = t->ndoc;	/* read in the order of their ids */
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (t->docs[m].id < id)
			a = m + 1;
		else
			b = m;
	}
	return a < t->ndoc && t->docs[a].id == id ? &t->docs[a] : NULL;
}

trec *rec_by_id(track *t, int64_t id)
{
	size_t a = 0, b = t->nrec;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (t->recs[t->recid[m]].id < id)
			a = m + 1;
		else
			b = m;
	}
	return a < t->nrec && t->recs[t->recid[a]].id == id ? &t->recs[t->recid[a]] : NULL;
}

/* Sort keys: a record by id, a numbered document by (kind, number,
 * index). */
typedef struct {
	int64_t id;
	const char *number;
	size_t i;
} skey;

static int cmp_skey(const void *a, const void *b)
{
	const skey *x = a, *y = b;
	if (x->id != y->id)
		return (x->id > y->id) - (x->id < y->id);
	int c = x->number && y->number ? strcmp(x->number, y->number) : 0;
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Sort idx[0..n) by key(i), for lookups by bisection. */
static int sort_by(track *t, size_t *idx, size_t n, bool recs)
{
	skey *k = malloc((n + 1) * sizeof *k);
	if (!k)
		return PDX_ENOMEM;
	for (size_t j = 0; j < n; j++)
		k[j] = recs ? (skey){ t->recs[idx[j]].id, NULL, idx[j] }
			    : (skey){ t->docs[idx[j]].numkind, t->docs[idx[j]].number, idx[j] };
	qsort(k, n, sizeof *k, cmp_skey);
	for (size_t j = 0; j < n; j++)
		idx[j] = k[j].i;
	free(k);
	return PDX_OK;
}

static int index_recs(track *t)
{
	if (!(t->recid = malloc((t->nrec + 1) * sizeof *t->recid)))
		return PDX_ENOMEM;
	for (size_t i = 0; i < t->nrec; i++)
		t->recid[i] = i;
	return sort_by(t, t->recid, t->nrec, true);
}

tdoc *doc_numbered(track *t, char kind, const char *num)
{
	size_t a = 0, b = t->nnumbered;
	while (a < b) {
		size_t m = a + (b - a) / 2;
		const tdoc *d = &t->docs[t->numbered[m]];
		int c = d->numkind != kind ? d->numkind - kind : strcmp(d->number, num);
		if (c < 0)
			a = m + 1;
		else
			b = m;
	}
	for (; a < t->nnumbered; a++) {
		tdoc *d = &t->docs[t->numbered[a]];
		if (d->numkind != kind || !is(d->number, num))
			break;
		if (!d->rendition)
			return d;
	}
	return NULL;
}

/* An order indexed twice (the White House's and the Federal Register's):
 * the first dated copy (by date, then by index) holds the requirements,
 * every other copy is a rendition (none when no copy is dated). */
static int find_renditions(track *t)
{
	for (size_t i = 0; i < t->ndoc; i++)
		if (t->docs[i].numkind) {
			size_t n = t->nnumbered, cap = n;
			if (!pdx_grow((void **)&t->numbered, &n, &cap, sizeof *t->numbered))
				return PDX_ENOMEM;
			t->numbered[t->nnumbered++] = i;
		}
	if (sort_by(t, t->numbered, t->nnumbered, false))
		return PDX_ENOMEM;
	for (size_t g = 0; g < t->nnumbered;) {
		size_t e = g + 1;
		const tdoc *d = &t->docs[t->numbered[g]];
		while (e < t->nnumbered && t->docs[t->numbered[e]].numkind == d->numkind &&
		       is(t->docs[t->numbered[e]].number, d->number))
			e++;
		size_t first = (size_t)-1;
		for (size_t k = g; k < e; k++) {
			const tdoc *x = &t->docs[t->numbered[k]];
			if (x->date && (first == (size_t)-1 ||
					strcmp(x->date, t->docs[first].date) < 0))
				first = t->numbered[k];
		}
		for (size_t k = g; k < e && first != (size_t)-1; k++)
			t->docs[t->numbered[k]].rendition = t->numbered[k] != first;
		g = e;
	}
	return PDX_OK;
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
		/* the sentence as the subject (no copy: PCRE2 sees its end
		 * as a copy's) */
		size_t n = (size_t)(e - p), o[2];
		if (rx_match(t->shall, p, n, 0, o, 1) > 0 && rx_match(t->boiler, p, n, 0, o, 1) <= 0)
			return true;
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
	set(&c->x->expr, tm->expr);
	c->x->off_days = tm->has_offset_days ? tm->offset_days : 0;
	c->x->off_months = tm->has_offset_months ? tm->offset_months : 0;
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
		set(&c->x->anchor, ref);
		if (db_track_set_anchor(t->db, c->id, tm->expr, ref))
			t->rc = PDX_ERR;
		return;
	}
	if (tm->anchor && strchr(tm->anchor, ':') && !tm->value) {
		set(&c->x->anchor, tm->anchor);
		return;
	}
	if (!tm->value) {
		set(&c->x->anchor, tm->anchor);
		return;
	}
	if (strlen(tm->value) > 10 && tm->value[10] == 'T') {
		set(&c->x->due_at, tm->value);
		const pdx_zone *z = track_zone_of(ex);
		char day[11];
		if (track_local(z, tm->value, day, NULL))
			set(&c->x->due, day);
		set(&c->x->due_tz, z->name);
	} else if (strlen(tm->value) == 10) {
		set(&c->x->due, tm->value);
	}
	if (tm->anchor && !is(tm->anchor, "signing") && !is(tm->anchor, "published") &&
	    !is(tm->anchor, "effective"))
		set(&c->x->anchor, tm->anchor);
}

static int subject_roles(track *t, trec *c);

/* Is candidate c (its text at hand) a requirement, and if so its type,
 * due date, actors and words. */
/* Does text hold the legal boilerplate of an order ("shall be construed",
 * "does not create"), not only its rhetoric ("the United States must
 * ensure"), which names no one but leaves a sentence's actor its role? */
static bool legal_boiler(track *t, const char *text)
{
	size_t ov[2], len = strlen(text);
	for (size_t from = 0; from < len && rx_match(t->boiler, text, len, from, ov, 1) > 0; from = ov[1]) {
		const char *m = text + ov[0];
		if (strncasecmp(m, "we", 2) && strncasecmp(m, "United", 6) && strncasecmp(m, "Nation", 6) &&
		    strncasecmp(m, "America", 7))
			return true;
		if (ov[1] <= from)
			break;
	}
	return false;
}

static int classify(track *t, trec *c, const tdoc *d)
{
	bool ok = order_kind(d->kind), nk = notice_kind(d->kind);
	/* a step on what changed reads an old document as it stands: its
	 * roles were set and its requirement written by the step before */
	bool own = !t->scope || d->fresh;
	if (is(c->kind, "recommended_action"))
		c->req = true;
	else if (is(c->kind, "order_section") && ok) {
		bool defs = defines(t, c->text) || (c->section && defines(t, c->section));
		c->req = !defs && directive(t, c->text);
		/* boilerplate and definitions name no one to act (an
		 * authority given, "may", still has its actor; so does the
		 * body whose budget bears an order's costs: "shall be borne
		 * by the Department of Energy") */
		if (own && !c->req && (defs || (legal_boiler(t, c->text) && !strstr(c->text, "borne by"))) &&
		    db_track_demote(t->db, c->id))
			return PDX_ERR;
	} else if (nk && (is(c->kind, "notice_event") || is(c->kind, "paragraph")))
		c->req = rx_test(t->obligation, c->text) && directive(t, c->text);
	/* a record the analyst gave a status is a requirement whatever it says */
	if (!c->req && t->nmanual && c->key &&
	    bsearch(&c->key, t->manual, t->nmanual, sizeof *t->manual, cmp_key))
		c->req = true;
	if (!c->req)
		return PDX_OK;
	if (!(c->x = calloc(1, sizeof *c->x)))
		return PDX_ENOMEM;
	treq *x = c->x;
	x->deliverable = rx_test(t->deliverable, c->text);
	x->asks_rfi = is(c->kind, "recommended_action") && rx_test(t->rfi, c->text);
	if (own && is(c->kind, "order_section") && subject_roles(t, c))
		return PDX_ERR;
	pdx_time *tv = NULL;
	size_t nt = 0;
	if (own && db_record_times(t->db, c->id, &tv, &nt))
		return PDX_ERR;
	for (size_t k = 0; k < nt; k++)
		if (tv[k].kind == PDX_TIME_DEADLINE || (tv[k].kind == PDX_TIME_CLOSES && ok)) {
			set_due(t, c, &tv[k]);
			break;
		}
	db_times_free(tv, nt);
	if (t->rc)
		return t->rc;
	/* the type is written with the requirement: an old document's, read
	 * as it stands, is not */
	if (!own)
		return track_req_words(t, c);
	if (rx_test(t->recur, c->text))
		set(&x->type, "recurring");
	else if (x->due || x->anchor)
		set(&x->type, "time_boxed");
	else if (rx_test(t->immed, c->text))
		set(&x->type, "immediate");
	else if (rx_test(t->ongoing, c->text))
		set(&x->type, "ongoing");
	else
		set(&x->type, "open_ended");
	return track_req_words(t, c);
}

/* A wide step classifies an old document only when what it holds may be
 * evidence's target (cited, answered or matched: an order, a numbered
 * document, the plan); the others' requirements are as written. */
static bool wide_skips(const track *t, const tdoc *d)
{
	return t->wide && !d->fresh && !(d->numkind || order_kind(d->kind) || d->plan);
}

static int find_requirements(track *t)
{
	int rc = PDX_OK;
	for (size_t i = 0; i < t->nrec && !rc; i++) {
		trec *c = &t->recs[i];
		tdoc *d = &t->docs[c->doc];
		if (d->rendition || !c->cand || (t->light && !d->fresh) || (t->selective && !d->want) ||
		    wide_skips(t, d))
			continue;
		/* the text, read again unless kept */
		bool fetched = !c->text;
		if (fetched && (rc = db_track_text(t->db, c->id, &c->text)) == PDX_OK && !c->text &&
		    !(c->text = pdx_strdup("")))
			rc = PDX_ENOMEM;
		if (!rc)
			rc = classify(t, c, d);
		if (fetched) {
			free(c->text);
			c->text = NULL;
		}
	}
	if (rc)
		return rc;
	/* due_by: the anchor's due date (or bound) plus the offset */
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < t->nrec; i++) {
			trec *c = &t->recs[i];
			if (!c->req || c->x->due || !c->x->anchor || c->x->due_by)
				continue;
			const tdoc *d = &t->docs[c->doc];	/* the anchor is of its document */
			for (size_t j = d->first; j < d->first + d->n; j++) {
				trec *a = &t->recs[j];
				if (!a->req || !is(a->key, c->x->anchor))
					continue;
				const char *base = a->x->due ? a->x->due : a->x->due_by;
				pdx_date bd;
				if (!base || pdx_date_parse(base, &bd))
					break;
				bd = pdx_date_add_months(pdx_date_add_days(bd, c->x->off_days),
							      c->x->off_months);
				char out[11];
				pdx_date_format(bd, out);
				set(&c->x->due_by, out);
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

void free_strs(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int strs_cache_get(strs_cache *c, pdx_db *db, const char *key,
		   int (*load)(pdx_db *db, const char *key, char ***v, size_t *n), char ***v,
		   size_t *n)
{
	for (size_t i = 0; i < c->n; i++)
		if (is(c->key[i], key)) {
			*v = c->v[i];
			*n = c->nv[i];
			return PDX_OK;
		}
	char **got = NULL, *k = pdx_strdup(key);
	size_t ng = 0, m = c->n + 1;
	int rc = k ? load(db, key, &got, &ng) : PDX_ENOMEM;
	char **a = rc ? NULL : realloc(c->key, m * sizeof *a);
	if (a)
		c->key = a;
	char ***b = a ? realloc(c->v, m * sizeof *b) : NULL;
	if (b)
		c->v = b;
	size_t *d = b ? realloc(c->nv, m * sizeof *d) : NULL;
	if (d)
		c->nv = d;
	if (!d) {
		free(k);
		free_strs(got, ng);
		return rc ? rc : PDX_ENOMEM;
	}
	c->key[c->n] = k;
	c->v[c->n] = got;
	c->nv[c->n++] = ng;
	*v = got;
	*n = ng;
	return PDX_OK;
}

void strs_cache_free(strs_cache *c)
{
	for (size_t i = 0; i < c->n; i++)
		free_strs(c->v[i], c->nv[i]);
	free_strs(c->key, c->n);
	free(c->v);
	free(c->nv);
}

/* Does the text after a modal read as a passive ("be established",
 * "be publicly renamed", "be headed by")? "be responsible" is not one. */
static bool passive_after(const char *p)
{
	while (*p == ' ')
		p++;
	if (strncmp(p, "be ", 3) != 0)
		return false;
	p += 3;
	for (int w = 0; w < 2; w++) {
		size_t n = 0;
		while (isalpha((unsigned char)p[n]))
			n++;
		if (n > 2 && !strncmp(p + n - 2, "ly", 2) && w == 0 && p[n] == ' ') {
			p += n + 1;	/* an adverb first: "be publicly renamed" */
			continue;
		}
		static const char *const ends[] = { "ed", "en", "wn", "un", "lt", "nt", "ne" };
		for (size_t i = 0; n > 3 && i < sizeof ends / sizeof *ends; i++)
			if (!strncmp(p + n - 2, ends[i], 2))
				/* "shall be required to report" is told to act */
				return strncmp(p + n, " to ", 4) != 0;
		return false;
	}
	return false;
}

/* Where the subject of the sentence from start may begin, up to verb: past
 * an opening phrase ("In light of the permit issued by X on May 5, 2024,
 * the Secretary shall", "Within 90 days of ..., the Secretary shall",
 * "Consistent with ..., the Secretary shall"), at its first comma; a body
 * named there is not who acts. A sentence that opens with its subject
 * starts there. */
static size_t subject_start(const char *text, size_t start, size_t verb)
{
	static const char *const intro[] = { "In ", "Given ", "Consistent ", "Pursuant ",
		"Notwithstanding ", "To ", "Within ", "Upon ", "After ", "Following ", "Under ",
		"For ", "Because ", "As ", "When ", "Where ", "Once ", "Subject ", "Except ",
		"Based ", "Beginning ", "Starting ", "No later ", "Not later ", "By ", "Before ",
		"During ", "Until ", "With ", "Recognizing ", "Having ", "Building ", "If ",
		"Unless ", "Absent ", "Additionally,", "Further,", "Furthermore,", "Moreover,",
		"Accordingly,", "Specifically,", "Finally,", "Also," };
	const char *p = text + start;
	while (*p == '(' || (*p >= 'a' && *p <= 'z' && p[1] == ')'))	/* "(a) In light of" */
		p += *p == '(' ? 1 : 2;
	while (*p == ' ')
		p++;
	for (size_t i = 0; i < sizeof intro / sizeof *intro; i++) {
		size_t n = strlen(intro[i]);
		if (strncmp(p, intro[i], n) != 0)
			continue;
		const char *c = memchr(p, ',', verb > (size_t)(p - text) ? verb - (size_t)(p - text) : 0);
		return c ? (size_t)(c - text) + 1 : start;
	}
	return start;
}

/* The actor of an order's directive: in "X, Y and Z, in coordination with
 * A and B, shall ...", the bodies named before "shall" outside the
 * partners' clause are its leads (an official's title resolves to the
 * office: the APST is OSTP), those named only in the clause support
 * (whatever the tagger said: lead or mentioned). */
static int subject_roles(track *t, trec *c)
{
	size_t ov[4], len = strlen(c->text);
	if (rx_match(t->shall, c->text, len, 0, ov, 2) <= 0)
		return PDX_OK;
	size_t verb = ov[0], start = verb;
	/* "X shall be established / renamed / headed by Y": the subject of a
	 * passive is acted on, not acting; the tagger's word stands */
	if (passive_after(c->text + ov[1]))
		return PDX_OK;
	/* the sentence the "shall" is in */
	while (start > 0 && !(c->text[start - 1] == ' ' && start >= 2 &&
			      (c->text[start - 2] == '.' || c->text[start - 2] == ';')))
		start--;
	start = subject_start(c->text, start, verb);
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
		rc = strs_cache_get(&t->names, t->db, ag[i], db_track_names, &names, &nn);
		for (size_t k = 0; !rc && k < nn; k++) {
			if (!names[k])
				continue;
			in_subj[i] |= name_at(c->text, len, names[k], start, pstart);
			in_part[i] |= name_at(c->text, len, names[k], pstart, pend);
		}
		any_subject |= in_subj[i];
	}
	/* only when the subject names a body: else the tagger's word stands */
	for (size_t i = 0; !rc && any_subject && i < n; i++) {
		if (in_subj[i] && !is(role[i], "lead"))
			rc = db_track_set_role(t->db, c->id, ag[i], "lead");
		else if (!in_subj[i] && in_part[i] && !is(role[i], "support"))
			rc = db_track_set_role(t->db, c->id, ag[i], "support");
	}
	free(in_subj);
	free(in_part);
	free_strs(ag, n);
	free_strs(role, n);
	return rc;
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
		bool numbered = is(d->kind, "executive_order") || is(d->kind, "proclamation") ||
				is(d->kind, "notice");
		if (m <= 0 && d->n && numbered) {
			/* "Executive Order 14319 of July 23, 2025" at its head (the
			 * first three records of these kinds are kept) */
			for (size_t k = d->first; k < d->first + d->n && k < d->first + 3 && m <= 0; k++) {
				src = t->recs[k].text;
				m = rx_match(t->ownnum, src, strlen(src), 0, ov, 3);
			}
		}
		if (m > 0 && numbered) {
			bool eo = ov[2] != (size_t)-1;
			size_t s = eo ? ov[2] : ov[4], e = eo ? ov[3] : ov[5];
			snprintf(d->number, sizeof d->number, "%.*s", (int)(e - s), src + s);
			d->numkind = eo ? 'E' : 'P';
		}
	}
}

static void treq_free(treq *x)
{
	if (!x)
		return;
	char *f[] = { x->due, x->due_at, x->due_tz, x->anchor, x->due_by, x->expr, x->type };
	for (size_t k = 0; k < sizeof f / sizeof *f; k++)
		free(f[k]);
	free(x->wid);
	free(x->seen);
	free_strs(x->leads, x->nleads);
	free(x);
}

/* The texts no step reads any more (the requirements known and their
 * words taken): a candidate's, unless kept; every section; the keys of
 * what is no requirement. */
static void drop_texts(track *t)
{
	for (size_t i = 0; i < t->nrec; i++) {
		trec *c = &t->recs[i];
		if (!c->keep) {
			free(c->text);
			c->text = NULL;
		}
		free(c->section);
		c->section = NULL;
		if (!c->req) {
			free(c->key);
			c->key = NULL;
		}
	}
}

/* The arrays of records and documents at their final size (growing by
 * doubling would hold up to twice what a million records need). */
static int presize(track *t)
{
	size_t nr, nd;
	if (db_track_count(t->db, &nr, &nd))
		return PDX_ERR;
	t->recs = malloc((nr + 1) * sizeof *t->recs);
	t->docs = malloc((nd + 1) * sizeof *t->docs);
	if (!t->recs || !t->docs)
		return PDX_ENOMEM;
	t->rcap = nr + 1;
	t->dcap = nd + 1;
	return PDX_OK;
}

/* The leads' postings and scores (order_matches'), given back: by the
 * step at its peak, and at its end. */
static void free_leads(track *t)
{
	free(t->leads);
	free_strs(t->leadv, t->nleadv);
	free(t->lgroup);
	free(t->post);
	free(t->gpost);
	free(t->score);
	free(t->touched);
	free(t->lastw);
	free(t->slotrec);
	t->leads = NULL;
	t->leadv = NULL;
	t->lgroup = t->gpost = t->slotrec = NULL;
	t->post = NULL;
	t->score = NULL;
	t->touched = t->lastw = NULL;
	t->nleads = t->nleadv = t->nlgroup = t->npost = 0;
	t->nslot = 0;
}

static void track_free(track *t)
{
	for (size_t i = 0; i < t->nrec; i++) {
		trec *c = &t->recs[i];
		free(c->key);
		free(c->text);
		free(c->section);
		treq_free(c->x);
	}
	for (size_t i = 0; i < t->ndoc; i++) {
		free(t->docs[i].kind);
		free(t->docs[i].title);
		free(t->docs[i].date);
		free(t->docs[i].issuer);
		free(t->docs[i].path);
		free(t->docs[i].tw);
		free(t->docs[i].dfw);
		free(t->docs[i].dfn);
	}
	vocab_clear(&t->v);
	free(t->mark);
	free(t->numbered);
	free(t->recid);
	free(t->firstw);
	free(t->firstd);
	strs_cache_free(&t->names);
	strs_cache_free(&t->up);
	free_leads(t);
	free(t->gone);
	free(t->recs);
	free(t->docs);
	free_strs(t->manual, t->nmanual);
	pdx_rx *rx[] = { t->cite, t->shall, t->boiler, t->defn, t->recur, t->immed, t->ongoing,
			 t->secref, t->rfi, t->ai, t->ownnum, t->pathnum, t->obligation, t->carry, t->partners, t->deliverable };
	for (size_t i = 0; i < sizeof rx / sizeof *rx; i++)
		rx_free(rx[i]);
}

#define CI 0x00000008u /* PCRE2_CASELESS */

/* The step declines to run on what changed: it runs whole. */
#define TRACK_WHOLE 100

/* One number from SQL with ?9 bound to max_id (-1: an error). */
static long long count_new(pdx_db *db, const char *sql, int64_t max_id)
{
	sqlite3_stmt *s = NULL;
	long long n = -1;
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(s, 9, max_id);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	return n;
}

/* The records deleted since the last step, their ids sorted. */
static int load_gone(track *t)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db_handle(t->db), "SELECT id FROM postpass_gone ORDER BY id", -1, &s,
			       NULL) != SQLITE_OK)
		return PDX_ERR;
	size_t cap = 0;
	int rc = PDX_OK, st;
	while ((st = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t *x = pdx_grow((void **)&t->gone, &t->ngone, &cap, sizeof *x);
		if (!x) {
			rc = PDX_ENOMEM;
			break;
		}
		*x = sqlite3_column_int64(s, 0);
	}
	if (rc == PDX_OK && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	return rc;
}

/* The step on what changed (max_id >= 0) may run when the plan did not
 * come or go; when an order, a proclamation or a memorandum did (what
 * the other documents cite and answer), *wide: every document is read,
 * and the evidence the change may move found again (citations of the new
 * documents; the matches of the documents that answered a deleted
 * requirement or whose issuer is under a lead of a new section). */
static int scope_allowed(pdx_db *db, int64_t max_id, bool *wide, char *why, size_t whylen)
{
	long long n = count_new(db, "SELECT (SELECT count(*) FROM postpass_gone WHERE doc_kind ="
				" 'plan') + (SELECT count(*) FROM documents d WHERE d.id IN (SELECT doc_id"
				" FROM temp.postpass_new) AND (d.kind = 'plan' OR d.id IN (SELECT doc_id"
				" FROM actions WHERE kind = 'recommended_action')))", max_id);
	long long o = n ? 0 : count_new(db, "SELECT (SELECT count(*) FROM postpass_gone WHERE doc_kind IN"
				" ('executive_order', 'proclamation', 'memorandum'))"
				" + (SELECT count(*) FROM documents d WHERE d.id IN (SELECT doc_id FROM"
				" temp.postpass_new) AND d.kind IN ('executive_order', 'proclamation',"
				" 'memorandum'))", max_id);
	if (n < 0 || o < 0)
		return PDX_ERR;
	if (n > 0) {
		snprintf(why, whylen, "whole: the plan changed");
		return TRACK_WHOLE;
	}
	*wide = o > 0;
	if (*wide)
		snprintf(why, whylen, "on what changed, with every document read: an order, a"
			 " proclamation or a memorandum changed");
	return PDX_OK;
}

/* A wide step classifies the documents evidence may point to, but writes
 * the requirements of the new ones alone: the others' must be as the
 * last step wrote them (they are unless another copy of an order became
 * or stopped being the one that holds them). *same: every old document
 * classified has as many requirements as it has rows. */
static int kept_requirements(track *t, bool *same)
{
	*same = true;
	long *n = calloc(t->ndoc + 1, sizeof *n);
	if (!n)
		return PDX_ENOMEM;
	for (size_t i = 0; i < t->nrec; i++)
		if (t->recs[i].req)
			n[t->recs[i].doc]++;
	sqlite3_stmt *s = NULL;
	int rc = PDX_OK, st = SQLITE_DONE;
	/* each row's record found among those read (a join with actions
	 * looked every one up in the table) */
	if (sqlite3_prepare_v2(db_handle(t->db), "SELECT action_id FROM requirements", -1, &s,
			       NULL) != SQLITE_OK)
		rc = PDX_ERR;
	while (!rc && *same && (st = sqlite3_step(s)) == SQLITE_ROW) {
		const trec *c = rec_by_id(t, sqlite3_column_int64(s, 0));
		if (!c)
			*same = false;	/* (every record is read) */
		else
			n[c->doc]--;
	}
	if (!rc && *same && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	for (size_t i = 0; !rc && i < t->ndoc; i++)
		if (n[i] && !t->docs[i].fresh && !wide_skips(t, &t->docs[i]))
			*same = false;
	free(n);
	return rc;
}

/* What the plan's matches do not read, given back before they read the
 * links (the step's peak was there, with all of it still held): the
 * texts kept (a match reads its linking record's again by id), the
 * words of titles and requirements, the leads' postings and scores. The
 * freed pages go back to the system. */
static void drop_for_plan(track *t)
{
	for (size_t i = 0; i < t->nrec; i++) {
		trec *c = &t->recs[i];
		free(c->text);
		c->text = NULL;
		if (c->x) {
			free(c->x->wid);
			c->x->wid = NULL;
			c->x->nwid = 0;
		}
	}
	for (size_t i = 0; i < t->ndoc; i++) {
		tdoc *d = &t->docs[i];
		free(d->tw);
		free(d->dfw);
		free(d->dfn);
		d->tw = d->dfw = d->dfn = NULL;
		d->ntw = d->ndf = 0;
	}
	free(t->firstw);
	free(t->firstd);
	t->firstw = NULL;
	t->firstd = NULL;
	t->nfirst = 0;
	free_leads(t);
	malloc_trim(0);
}

static int track_run(pdx_db *db, int64_t max_id, char *why, size_t whylen)
{
	track t = { .db = db, .scope = max_id >= 0, .max_id = max_id };
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
	if (!t.cite || !t.shall || !t.boiler || !t.defn || !t.recur || !t.immed || !t.ongoing ||
	    !t.secref || !t.rfi || !t.ai || !t.ownnum || !t.pathnum || !t.obligation || !t.carry || !t.partners || !t.deliverable)
		goto out;
	if (t.scope) {
		/* what changed alone: the old documents read as they stand,
		 * before anything is written */
		bool still = true;
		/* a fact sheet or news article carries nothing out (and an
		 * undated document nothing): with only those new, no old
		 * document is read but for the days of the dateless */
		long long carry = count_new(db, "SELECT count(*) FROM documents d WHERE d.id IN"
					    " (SELECT doc_id FROM temp.postpass_new)"
					    " AND COALESCE(d.published, d.signed) IS NOT NULL"
					    " AND d.kind NOT IN ('fact_sheet', 'news')", max_id);
		rc = carry < 0 ? PDX_ERR : PDX_OK;
		if (rc || (rc = scope_allowed(db, max_id, &t.wide, why, whylen)))
			goto out;
		t.light = carry == 0 && !t.wide;
		/* wide: every document, in the order a whole step reads them;
		 * but for the old fact sheets and news articles, which nothing
		 * in a wide step reads (never evidence, cited or matched; no
		 * requirement unless an analyst gave one of their records a
		 * status: then they are read too) */
		if ((rc = load_gone(&t)) || (rc = db_track_manual_keys(db, &t.manual, &t.nmanual)) ||
		    (rc = presize(&t)))
			goto out;
		if (t.wide)
			rc = t.nmanual ? db_track_rows(db, take_row, &t) :
			     db_track_rows_scoped(db, max_id, TRACK_ROWS_WIDE, take_row, &t);
		else
			rc = db_track_rows_scoped(db, max_id, t.light ? TRACK_ROWS_DATELESS : TRACK_ROWS_ALL,
						  take_row, &t);
		if (rc)
			goto out;
		doc_numbers(&t);
		if ((rc = index_recs(&t)) || (rc = track_titles(&t)) || (rc = dates_kept(&t, &still)))
			goto out;
		if (!still) {
			snprintf(why, whylen, "whole: a new or deleted document may move the day of a dateless one");
			rc = TRACK_WHOLE;
			goto out;
		}
		/* the copies known (with the days of the dateless) before what
		 * a new document cites is looked up by number */
		if ((rc = find_renditions(&t)) || (t.wide && (rc = redo_from_gone(&t))) ||
		    (rc = db_track_forget_gone(db)) || (rc = db_track_inherit_issuer_new(db, max_id)))
			goto out;
		/* only what a new document may cite, answer or match is
		 * classified among the old ones */
		if (!t.light && !t.wide && (rc = want_documents(&t)))
			goto out;
		t.selective = !t.light && !t.wide;
	} else {
		if ((rc = db_track_reset(db)) || (rc = db_track_inherit_issuer(db)) ||
		    (rc = db_track_manual_keys(db, &t.manual, &t.nmanual)) ||
		    (rc = presize(&t)) || (rc = db_track_rows(db, take_row, &t)))
			goto out;
		doc_numbers(&t);
		if ((rc = index_recs(&t)) || (rc = track_titles(&t)) || (rc = date_from_citers(&t)) ||
		    (rc = find_renditions(&t)))
			goto out;
	}
	if ((rc = find_requirements(&t)) || (rc = track_sections(&t)))
		goto out;
	if (t.wide) {
		bool same = true;
		if ((rc = kept_requirements(&t, &same)))
			goto out;
		if (!same) {
			snprintf(why, whylen, "whole: another copy of an order may hold its requirements now");
			rc = TRACK_WHOLE;
			goto out;
		}
		/* a match to a plan action and one to an order's section are
		 * told apart by the record's kind (redo_matches): not in a
		 * document that holds both */
		for (size_t i = 0; i < t.ndoc; i++)
			if (t.docs[i].plan && (t.docs[i].numkind || order_kind(t.docs[i].kind))) {
				snprintf(why, whylen, "whole: a document holds plan actions and an order's sections");
				rc = TRACK_WHOLE;
				goto out;
			}
	}
	drop_texts(&t);
	for (size_t i = 0; i < t.nrec && !rc; i++) {
		trec *c = &t.recs[i];
		/* on what changed, the new documents' alone: the others stay */
		if (!c->req || (t.scope && !t.docs[c->doc].fresh))
			continue;
		const treq *x = c->x;
		pdx_requirement_row r = { .action_id = c->id, .key = c->key, .type = x->type,
					  .due = x->due, .due_at = x->due_at, .due_tz = x->due_tz,
					  .anchor = x->anchor, .due_by = x->due_by, .expr = x->expr,
					  .doc_date = t.docs[c->doc].date };
		rc = db_track_add_requirement(db, &r);
	}
	if (rc == PDX_OK)
		rc = citations(&t);
	if (rc == PDX_OK)
		rc = order_matches(&t);
	if (rc == PDX_OK) {
		drop_for_plan(&t);
		rc = plan_matches(&t);
	}
	if (rc == PDX_OK)
		rc = db_meta_set(db, TRACK_META, "1");
out:
	track_free(&t);
	return rc;
}

int postpass_track(pdx_db *db, int64_t max_id, char *why, size_t whylen)
{
	char w[160] = "";
	int rc = track_run(db, max_id, w, sizeof w);
	if (rc == TRACK_WHOLE)
		rc = track_run(db, -1, NULL, 0);
	if (why && whylen)
		snprintf(why, whylen, "%s", w);
	return rc;
}
