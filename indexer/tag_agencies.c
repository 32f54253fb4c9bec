/* tag_agencies.c - the agency tagger: the role each body named in a
 * record's text takes from its sentence, and the issuer of a document.
 *
 * Names are found with the gazetteer (longest match at each word start,
 * any character start in Chinese), plus the acronyms the document defines
 * and coordinated forms ("the Commerce and State Departments"): see
 * tag_agencies_defs.c. Names joined by list or chain words ("X, Y, and
 * Z", "X at Y", "X through Y's Z") form one list, and a list takes its
 * role from the clause around it: the words before it ("Led by", "in
 * collaboration with") and after it ("should", "shall", "-led"). The
 * patterns are the tagger's, compiled once (tag_agencies_rx.c). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "tag_agencies_int.h"
#include "polidex/containers.h"
#include "polidex/text.h"
#include "polidex/util.h"

/* ---- sentences ---- */

static int push_sent(tagctx *c, size_t at)
{
	size_t *v = pdx_grow((void **)&c->sent, &c->nsent, &c->capsent, sizeof *v);
	if (!v)
		return PDX_ENOMEM;
	*v = at;
	return PDX_OK;
}

/* Sentence starts, from the shared splitter (';' ends one too); a '.',
 * '!' or '?' ends one here only before a capital, a digit, a quote, a
 * bracket or a non-ASCII character, so "the U.S. and" or "e.g. the" does
 * not cut a list in two. */
int tag_split_sentences(tagctx *c, const char *t, size_t len)
{
	c->nsent = 0;
	int rc = push_sent(c, 0);
	for (size_t i = 0; !rc && i + 1 < len; i++) {
		size_t m = pdx_sentence_mark(t, len, i, PDX_SENT_SEMICOLON);
		if (!m)
			continue;
		if (m == 1) {
			unsigned char nx = i + 2 < len ? (unsigned char)t[i + 2] : 0;
			if (t[i + 1] != ' ')
				continue;
			if (t[i] != ';' && !(isupper(nx) || isdigit(nx) || nx == '"' || nx == '(' || nx >= 0x80))
				continue;
			rc = push_sent(c, i + 2);
		} else if (i + 3 <= len) {
			rc = push_sent(c, i + 3);
		}
	}
	return rc;
}

static void sentence_of(const tagctx *c, size_t pos, size_t len, size_t *s, size_t *e)
{
	size_t k = 0;
	while (k + 1 < c->nsent && c->sent[k + 1] <= pos)
		k++;
	*s = c->sent[k];
	*e = k + 1 < c->nsent ? c->sent[k + 1] : len;
}

/* ---- roles ---- */

/* subj: the sentence already has an actor named before its verb, so a
 * later "through X" is the channel, not the actor ("shall submit to the
 * President, through the Homeland Security Advisor"). Set here when this
 * list is that actor. */
static pdx_role list_role(tagctx *c, const char *t, size_t len, size_t ls, size_t le,
			  size_t prev_end, bool *subj)
{
	size_t ss, se;
	sentence_of(c, ls, len, &ss, &se);
	size_t ps = prev_end > ss ? prev_end : ss;
	bool at_start = ps == ss;
	/* Triggers sit close to the list: look back 200 bytes at most. */
	if (ls - ps > 200) {
		ps = ls - 200;
		while (((unsigned char)t[ps] & 0xC0) == 0x80)
			ps++;
		at_start = false;
	}
	const char *pre = t + ps, *post = t + le;
	size_t pl = ls - ps, ql = se > le ? se - le : 0;

	if (tag_rx(c, RX_PRE_LEAD, pre, pl) || (at_start && tag_rx(c, RX_PRE_INIT, pre, pl)))
		return PDX_ROLE_LEAD;
	/* "through X" after the actor is the channel ("shall submit to the
	 * President, through the APNSA"), unless the verb is still to come:
	 * "The Secretary of Energy, acting through the Director of the
	 * Office of Science, shall" has both act */
	if (tag_rx(c, RX_PRE_THROUGH, pre, pl)) {
		size_t k = ql && post[0] == ',' ? 1 : 0;	/* the clause's closing comma */
		return *subj && !(ql > k && tag_rx(c, RX_POST_LEAD, post + k, ql - k))
			? PDX_ROLE_MENTIONED : PDX_ROLE_LEAD;
	}
	if (tag_rx(c, RX_PRE_SUPPORT, pre, pl) || tag_rx(c, RX_PRE_SUPPORT_OPEN, pre, pl))
		return PDX_ROLE_SUPPORT;
	if (ql && tag_rx(c, RX_POST_LEAD, post, ql))
		return *subj = true, PDX_ROLE_LEAD;
	if (tag_rx(c, RX_PRE_SUPPORT_LOOSE, pre, pl))
		return PDX_ROLE_SUPPORT;
	if (tag_rx(c, RX_PRE_PASSIVE, pre, pl))
		return PDX_ROLE_LEAD;
	if (ql && tag_rx(c, RX_PRE_CLAUSE, pre, pl) && tag_rx(c, RX_POST_VERB, post, ql))
		return *subj = true, PDX_ROLE_LEAD;
	/* The subject of the sentence, its verb past a parenthesis: "The
	 * EDAG, established in ..., chaired by ..., shall". */
	if (ql && at_start && tag_rx(c, RX_PRE_SUBJ, pre, pl) && tag_rx(c, RX_POST_MODAL, post, ql))
		return *subj = true, PDX_ROLE_LEAD;
	return PDX_ROLE_MENTIONED;
}

/* Is pos inside quotation marks in t ("...", “...”)? Text an order quotes
 * (words it strikes or inserts, a name it cites) is not the order acting:
 * a body named there is only mentioned. */
static bool quoted(const char *t, size_t pos)
{
	bool in_ascii = false;
	int curly = 0;
	for (size_t i = 0; i < pos && t[i]; i++) {
		if (t[i] == '"')
			in_ascii = !in_ascii;
		else if (!strncmp(t + i, "\xe2\x80\x9c", 3))
			curly++;
		else if (!strncmp(t + i, "\xe2\x80\x9d", 3) && curly > 0)
			curly--;
	}
	return in_ascii || curly > 0;
}

/* Does the document speak in the law's voice (an order, a proclamation, a
 * memorandum, a rule, a notice), whose quotations are text it strikes,
 * inserts or cites? An article's or a fact sheet's are what officials
 * said, and a body named there acts as the sentence says. */
static bool legal_voice(const pdx_doc *doc)
{
	static const char *const k[] = { "executive_order", "proclamation", "memorandum", "rule",
		"proposed_rule", "notice", "plan" };
	for (size_t i = 0; doc && doc->kind && i < sizeof k / sizeof *k; i++)
		if (!strcmp(doc->kind, k[i]))
			return true;
	return !doc || !doc->kind;
}

static int tag_record(tagctx *c, pdx_record *r)
{
	const char *t = r->text;
	size_t len = strlen(t);
	int rc;
	if ((rc = tag_find_mentions(c, t, len)))
		return rc;
	if (c->nm == 0)		/* no body named: no sentence needed */
		return PDX_OK;
	if ((rc = tag_split_sentences(c, t, len)))
		return rc;
	size_t prev_end = 0, cur_sent = (size_t)-1;
	bool subj = false;
	for (size_t i = 0; i < c->nm;) {
		size_t j = i;
		size_t ss, se;
		sentence_of(c, c->m[i].s, len, &ss, &se);
		if (ss != cur_sent) {
			cur_sent = ss;
			subj = false;
		}
		while (j + 1 < c->nm && c->m[j + 1].s < se && tag_gap_joins(c, t, &c->m[j], &c->m[j + 1]))
			j++;
		pdx_role role = list_role(c, t, len, c->m[i].s, c->m[j].e, prev_end, &subj);
		for (size_t k = i; k <= j; k++) {
			/* a body the document creates, where its sentence creates
			 * it ("shall establish an X Task Force"), is what is made,
			 * not who acts */
			bool made = c->m[k].body < 0 && c->m[k].s > ss &&
				    tag_rx(c, RX_ESTABLISH, t + ss, c->m[k].s - ss);
			if ((rc = record_add_agency(r, tag_body_id(c, c->m[k].body),
						    (quoted(t, c->m[k].s) && legal_voice(c->doc)) || made ? PDX_ROLE_MENTIONED
										 : role)))
				return rc;
		}
		prev_end = c->m[j].e;
		i = j + 1;
	}
	return PDX_OK;
}

/* ---- the issuer ---- */

static bool presidential(const char *kind)
{
	static const char *const k[] = { "executive_order", "proclamation", "fact_sheet",
		"memorandum", "presidential_memorandum", "presidential_action" };
	for (size_t i = 0; kind && i < sizeof k / sizeof *k; i++)
		if (strcmp(kind, k[i]) == 0)
			return true;
	return false;
}

static bool all_caps(const char *s)
{
	bool letter = false;
	for (; *s; s++) {
		if (islower((unsigned char)*s))
			return false;
		letter |= isupper((unsigned char)*s) != 0;
	}
	return letter;
}

/* The issuing body from the document's own words: a Federal Register agency
 * line in capitals ("OFFICE OF SCIENCE AND TECHNOLOGY POLICY"), an
 * "AGENCY:" line, or "<Body> announced" opening a release. */
static int issuer_from_text(tagctx *c, const pdx_doc *doc, int *out)
{
	*out = -1;
	size_t nb = doc->nblocks < 16 ? doc->nblocks : 16;
	for (size_t i = 0; i < nb && *out < 0; i++) {
		const char *t = doc->blocks[i].text;
		size_t len = strlen(t);
		bool agency_line = strncmp(t, "AGENCY:", 7) == 0;
		if (!agency_line && !all_caps(t))
			continue;
		int rc = tag_find_mentions(c, t, len);
		if (rc)
			return rc;
		if (c->nm == 0)
			continue;
		size_t tail = c->m[0].e;
		while (tail < len && (t[tail] == '.' || t[tail] == ' '))
			tail++;
		if ((agency_line || (c->m[0].s == 0 && tail == len)) && c->m[0].body >= 0)
			*out = c->m[0].body;
	}
	/* A release names its issuer in its first paragraph. */
	size_t seen = 0;
	for (size_t i = 0; i < doc->nblocks && *out < 0 && seen < 3; i++) {
		const char *t = doc->blocks[i].text;
		size_t len = strlen(t);
		seen++;
		int rc = tag_find_mentions(c, t, len);
		if (rc)
			return rc;
		for (size_t k = 0; k < c->nm && *out < 0; k++)
			if (c->m[k].body >= 0 && tag_rx(c, RX_ANNOUNCE, t + c->m[k].e, len - c->m[k].e))
				*out = c->m[k].body;
	}
	return PDX_OK;
}

static int tag_issuer(tagctx *c, pdx_doc *doc)
{
	const pdx_gazetteer *g = c->g;
	int b = -1;
	if (presidential(doc->kind) && gazetteer_find(g, "wh"))
		return doc_set(&doc->issuer, "wh");
	const pdx_agency *host = gazetteer_find_host(g, doc->source_url);
	if (host)
		return doc_set(&doc->issuer, host->id);
	int rc = issuer_from_text(c, doc, &b);
	if (rc)
		return rc;
	return b >= 0 ? doc_set(&doc->issuer, gazetteer_at(g, (size_t)b)->id) : PDX_OK;
}

/* ---- the document ---- */

int tagger_tag_document(const pdx_tagger *tg, pdx_doc *doc, pdx_records *recs)
{
	tagctx c;
	int rc = tag_ctx_init(&c, tg);
	c.doc = doc;
	/* the bodies the document creates first: their short forms are
	 * definitions like any other */
	for (size_t i = 0; !rc && doc && i < doc->nblocks; i++)
		rc = tag_learn_bodies(&c, doc->blocks[i].text);
	for (size_t i = 0; !rc && doc && recs && i < recs->n; i++)
		rc = tag_learn_bodies(&c, recs->v[i].text);
	for (size_t i = 0; !rc && doc && i < doc->nblocks; i++)
		rc = tag_learn_defs(&c, doc->blocks[i].text);
	for (size_t i = 0; !rc && recs && i < recs->n; i++)
		rc = tag_learn_defs(&c, recs->v[i].text);
	/* a new body's short form: the first the document defines for it */
	for (size_t i = 0; !rc && doc && i < c.ndefs; i++) {
		if (c.defs[i].body >= 0)
			continue;
		pdx_new_body *b = &doc->bodies[LOCAL_INDEX(c.defs[i].body)];
		if (!b->short_form && !(b->short_form = pdx_strdup(c.defs[i].tok)))
			rc = PDX_ENOMEM;
	}
	for (size_t i = 0; !rc && recs && i < recs->n; i++)
		if (recs->v[i].text)
			rc = tag_record(&c, &recs->v[i]);
	if (!rc && doc)
		rc = tag_issuer(&c, doc);
	tag_ctx_clear(&c);
	return rc;
}
