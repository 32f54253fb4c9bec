/* identify.c - a document's precise type and its identifiers, read from
 * what the Federal Register prints (the GPO header lines, the AGENCY /
 * ACTION / DATES labels, "RIN", "Docket No.", "FR Doc."), from the kind
 * segment_classify gave it and, for an order's number, its file name (as
 * the record keys already do). What a reader was told (FR API JSON, YAML
 * front matter, the XML root) is kept: only empty fields are filled. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "identify.h"
#include "rx.h"
#include "polidex/date.h"
#include "polidex/util.h"

enum {
	RX_FRDOC,	/* [FR Doc No: 2025-18737], [FR Doc. 2025-14217 Filed ...] */
	RX_CITATION,	/* 90 FR 46422 */
	RX_VOLUME,	/* [Federal Register Volume 90, ... */
	RX_PAGES,	/* [Pages 46422-46424], [Page 9088] */
	RX_RIN,		/* RIN 1615-AD01 */
	RX_DOCKET,	/* Docket No. USCIS-2025-0040, docket number ITA-ITA-2025-0070 */
	RX_PRESIDENTIAL, /* Executive Order 14319 of July 23, 2025 */
	RX_EFFECTIVE,	/* ... is effective February 27, 2026 */
	RX_COMMENTS,	/* comments ... on or before March 15, 2025 */
	RX_COUNT
};

static const char *const patterns[RX_COUNT] = {
	[RX_FRDOC] = "\\[FR Doc(?:\\.|ument)?(?: No:?)?\\s*(\\d{4}-\\d{4,6})\\b",
	[RX_CITATION] = "\\b(\\d{1,3}) FR (\\d{1,6})\\b",
	[RX_VOLUME] = "^\\[Federal Register Volume (\\d{1,3}),",
	[RX_PAGES] = "^\\[Pages? (\\d{1,6})(?:-\\d+)?\\]",
	[RX_RIN] = "\\bRIN:?\\s+(\\d{4}-[A-Z]{2}\\d{2})\\b",
	[RX_DOCKET] = "\\b[Dd]ocket(?: ID| No\\.?| Number| number| ID number| ID No\\.?)?:?\\s+"
		      "([A-Z][A-Z0-9]*(?:-[A-Z0-9]+){2,})",
	[RX_PRESIDENTIAL] = "^(Executive Order|Proclamation) (\\d{4,5}) of ",
	[RX_EFFECTIVE] = "\\beffective(?: on| as of| beginning)?\\s+([A-Z][a-z]+ \\d{1,2}, \\d{4}"
			 "|\\d{1,2}/\\d{1,2}/\\d{4})",
	[RX_COMMENTS] = "(?i:comments?|responses?|submissions?)[^.]*?(?:on or before|no later than|"
			"must be received by|by)\\s+(?:11:59 p\\.m\\.[^,]*?(?:on )?)?"
			"([A-Z][a-z]+ \\d{1,2}, \\d{4}|\\d{1,2}/\\d{1,2}/\\d{4})",
};

static pdx_rx *rx[RX_COUNT];
static pthread_once_t rx_once = PTHREAD_ONCE_INIT;

static void compile(void)
{
	for (int i = 0; i < RX_COUNT; i++)
		rx[i] = rx_new(patterns[i], 0);
}

bool identify_us_date(const char *s, char out[11])
{
	for (const char *p = s; *p; p++) {
		int y, m = 0, d;
		if (p != s && p[-1] != ' ' && p[-1] != '(' && p[-1] != ',')
			continue;
		size_t k = 0;
		while (((p[k] >= 'A' && p[k] <= 'Z') || (p[k] >= 'a' && p[k] <= 'z')) && k < 10)
			k++;
		m = k >= 3 ? pdx_month_from_name(p, k) : 0;
		if (m && sscanf(p + k, " %d, %d", &d, &y) == 2 && y >= 1900 && y < 2200 &&
		    pdx_date_valid(y, m, d)) {
			snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
			return true;
		}
		if (*p >= '0' && *p <= '9' && sscanf(p, "%2d/%2d/%4d", &m, &d, &y) == 3 &&
		    y >= 1900 && y < 2200 && pdx_date_valid(y, m, d)) {
			snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
			return true;
		}
	}
	return false;
}

const char *identify_fr_type(const char *name)
{
	static const struct { const char *name, *type; } map[] = {
		{ "Rule", "rule" }, { "Final Rule", "rule" }, { "Rules and Regulations", "rule" },
		{ "Rules", "rule" }, { "RULE", "rule" }, { "Interim Final Rule", "rule" },
		{ "Proposed Rule", "proposed_rule" }, { "Proposed Rules", "proposed_rule" },
		{ "PRORULE", "proposed_rule" },
		{ "Notice", "notice" }, { "Notices", "notice" }, { "NOTICE", "notice" },
		{ "Presidential Document", "presidential_document" },
		{ "Presidential Documents", "presidential_document" },
		{ "PRESDOCU", "presidential_document" },
	};
	if (!name)
		return NULL;
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strcasecmp(name, map[i].name) == 0)
			return map[i].type;
	return NULL;
}

const char *identify_subtype(const char *name)
{
	if (!name)
		return NULL;
	if (!strncasecmp(name, "executive order", 15) || !strncasecmp(name, "executive_order", 15))
		return "executive_order";
	if (!strncasecmp(name, "proclamation", 12))
		return "proclamation";
	if (!strncasecmp(name, "memorandum", 10) || !strncasecmp(name, "presidential memorandum", 23))
		return "memorandum";
	return NULL;
}

/* Set *field to s[ov[2*g] .. ov[2*g+1]) when it is empty. */
static int set_group(char **field, const char *s, const size_t *ov, int g)
{
	if (*field || ov[2 * g] == (size_t)-1)
		return PDX_OK;
	char *v = pdx_strndup(s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
	if (!v)
		return PDX_ENOMEM;
	int rc = doc_set(field, v);
	free(v);
	return rc;
}

/* Add s[a..b) to the ", "-separated list *field unless it is there. */
static int add_to_list(char **field, const char *s, size_t a, size_t b)
{
	size_t n = b - a;
	for (const char *p = *field; p && *p;) {
		const char *e = strstr(p, ", ");
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && strncmp(p, s + a, n) == 0)
			return PDX_OK;
		p = e ? e + 2 : NULL;
	}
	pdx_buf b2;
	pdx_buf_init(&b2);
	if (*field)
		pdx_buf_printf(&b2, "%s, ", *field);
	pdx_buf_add(&b2, s + a, n);
	char *v = pdx_buf_take(&b2);
	if (!v)
		return PDX_ENOMEM;
	int rc = doc_set(field, v);
	free(v);
	return rc;
}

/* The text under a Federal Register label ("DATES", "ACTION") in block i:
 * after "LABEL:" at the block's start or after a space (a Markdown
 * rendition runs the labels into one paragraph), up to the next label;
 * a label alone on its block (a heading) labels the next block. Caller
 * frees; NULL when the label is not there. */
static char *label_text(const pdx_doc *doc, size_t i, const char *label)
{
	const char *t = doc->blocks[i].text;
	size_t n = strlen(label);
	const char *p = t;
	while ((p = strstr(p, label)) != NULL) {
		if ((p == t || p[-1] == ' ') && p[n] == ':')
			break;
		p += n;
	}
	if (!p)
		return NULL;
	p += n + 1;
	p += strspn(p, " ");
	if (!*p)
		return i + 1 < doc->nblocks ? pdx_strdup(doc->blocks[i + 1].text) : NULL;
	/* up to the next label: " WORD WORD:" in capitals */
	const char *end = p + strlen(p);
	for (const char *q = p; *q; q++) {
		if (*q != ' ' || !(q[1] >= 'A' && q[1] <= 'Z'))
			continue;
		const char *c = q + 1;
		size_t caps = 0;
		while ((*c >= 'A' && *c <= 'Z') || *c == ' ')
			caps += *c++ != ' ';
		if (*c == ':' && caps >= 4) {
			end = q;
			break;
		}
	}
	return pdx_strndup(p, (size_t)(end - p));
}

/* The type a Federal Register ACTION line gives ("Final rule.",
 * "Proposed rule.", "Notice.", "Request for information."). */
static const char *action_type(const char *t)
{
	while (*t == ' ' || *t == ':')
		t++;
	if (!strncasecmp(t, "proposed rule", 13) || !strncasecmp(t, "notice of proposed rulemaking", 29))
		return "proposed_rule";
	if (!strncasecmp(t, "final rule", 10) || !strncasecmp(t, "interim final rule", 18) ||
	    !strncasecmp(t, "direct final rule", 17) || !strncasecmp(t, "rule", 4))
		return "rule";
	if (*t)
		return "notice";
	return NULL;
}

/* The number in a file name tagged "eo-14318" or "proclamation-10973"
 * (as the record keys take it), with the subtype it names. */
static const char *number_from_path(const char *path, char out[16])
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	static const struct { const char *tag, *subtype; } tags[] = {
		{ "eo-", "executive_order" }, { "proclamation-", "proclamation" },
	};
	for (size_t i = 0; i < 2; i++) {
		size_t tl = strlen(tags[i].tag);
		for (const char *p = base; (p = strstr(p, tags[i].tag)) != NULL; p += tl) {
			size_t k = strspn(p + tl, "0123456789");
			if (k >= 3 && k < 16 && (p == base || p[-1] == '-')) {
				memcpy(out, p + tl, k);
				out[k] = '\0';
				return tags[i].subtype;
			}
		}
	}
	return NULL;
}

int identify_document(pdx_doc *doc)
{
	pthread_once(&rx_once, compile);
	int rc = PDX_OK;
	size_t ov[6];
	const char *fr_type = NULL, *sub = NULL;
	char volume[8] = "", page[16] = "";
	char number[16] = "";
	bool fr = doc->fr_doc != NULL || (doc->format && strncmp(doc->format, "fr-", 3) == 0);
	for (size_t i = 0; i < doc->nblocks && rc == PDX_OK; i++) {
		const char *t = doc->blocks[i].text;
		size_t n = strlen(t);
		bool head = i < 12;
		if (rx[RX_FRDOC] && rx_match(rx[RX_FRDOC], t, n, 0, ov, 2) == 2) {
			rc = set_group(&doc->fr_doc, t, ov, 1);
			fr = true;
		}
		if (head && rx[RX_VOLUME] && rx_match(rx[RX_VOLUME], t, n, 0, ov, 2) == 2 &&
		    ov[3] - ov[2] < sizeof volume) {
			memcpy(volume, t + ov[2], ov[3] - ov[2]);
			volume[ov[3] - ov[2]] = '\0';
			fr = true;
		}
		if (head && !page[0] && rx[RX_PAGES] && rx_match(rx[RX_PAGES], t, n, 0, ov, 2) == 2 &&
		    ov[3] - ov[2] < sizeof page) {
			memcpy(page, t + ov[2], ov[3] - ov[2]);
			page[ov[3] - ov[2]] = '\0';
		}
		/* the GPO header's second line names the section */
		for (const char *b = head ? strchr(t, '[') : NULL; b && !fr_type; b = strchr(b + 1, '[')) {
			const char *e = strchr(b, ']');
			if (e && e - b < 40) {
				char name[40];
				snprintf(name, sizeof name, "%.*s", (int)(e - b - 1), b + 1);
				fr_type = identify_fr_type(name);
			}
		}
		char *a = head ? label_text(doc, i, "ACTION") : NULL;
		if (a) {
			if (!fr_type)
				fr_type = action_type(a);
			fr = true;
			free(a);
		}
		if (rx[RX_RIN] && rx_match(rx[RX_RIN], t, n, 0, ov, 2) == 2 && rc == PDX_OK)
			rc = add_to_list(&doc->rin, t, ov[2], ov[3]);
		for (size_t from = 0; rc == PDX_OK && rx[RX_DOCKET] &&
		     rx_match(rx[RX_DOCKET], t, n, from, ov, 2) == 2; from = ov[1])
			rc = add_to_list(&doc->docket, t, ov[2], ov[3]);
		if (head && !number[0] && rx[RX_PRESIDENTIAL] &&
		    rx_match(rx[RX_PRESIDENTIAL], t, n, 0, ov, 3) == 3 && ov[5] - ov[4] < sizeof number) {
			memcpy(number, t + ov[4], ov[5] - ov[4]);
			number[ov[5] - ov[4]] = '\0';
			sub = t[0] == 'E' ? "executive_order" : "proclamation";
		}
		/* DATES: the effective date and when comments close */
		char *d = label_text(doc, i, "DATES");
		if (!d)
			d = label_text(doc, i, "EFFECTIVE DATE");
		if (d) {
			size_t dn = strlen(d);
			char iso[11];
			if (!doc->effective_on && rx[RX_EFFECTIVE] &&
			    rx_match(rx[RX_EFFECTIVE], d, dn, 0, ov, 2) == 2 &&
			    identify_us_date(d + ov[2], iso))
				rc = doc_set(&doc->effective_on, iso);
			if (rc == PDX_OK && !doc->comments_close_on && rx[RX_COMMENTS] &&
			    rx_match(rx[RX_COMMENTS], d, dn, 0, ov, 2) == 2 &&
			    identify_us_date(d + ov[2], iso))
				rc = doc_set(&doc->comments_close_on, iso);
			free(d);
		}
	}
	/* a Federal Register document saved under its number
	 * ("2025-23853-h1b-....xml", as federalregister.gov names them) */
	if (rc == PDX_OK && fr && !doc->fr_doc) {
		const char *base = strrchr(doc->path, '/');
		base = base ? base + 1 : doc->path;
		size_t y = strspn(base, "0123456789"), k = y == 4 && base[4] == '-' ?
			   strspn(base + 5, "0123456789") : 0;
		if (k >= 4 && k <= 6 && (base[5 + k] == '-' || base[5 + k] == '.')) {
			char num[16];
			snprintf(num, sizeof num, "%.*s", (int)(5 + k), base);
			rc = doc_set(&doc->fr_doc, num);
		}
	}
	if (rc == PDX_OK && !doc->fr_citation && volume[0] && page[0]) {
		char cit[32];
		snprintf(cit, sizeof cit, "%s FR %s", volume, page);
		rc = doc_set(&doc->fr_citation, cit);
	}
	/* the subtype: the text's own line, else the kind, else the file */
	const char *kind = doc->kind ? doc->kind : "other";
	if (!sub && (!strcmp(kind, "executive_order") || !strcmp(kind, "proclamation") ||
		     !strcmp(kind, "memorandum")))
		sub = kind;
	if (!number[0] && sub && strcmp(sub, "memorandum") != 0) {
		char from_path[16];
		const char *ps = number_from_path(doc->path, from_path);
		if (ps && !strcmp(ps, sub))
			memcpy(number, from_path, sizeof number);
	}
	if (rc == PDX_OK && !doc->number && number[0])
		rc = doc_set(&doc->number, number);
	if (rc == PDX_OK && !doc->subtype && sub && (!doc->type ||
	    !strcmp(doc->type, "presidential_document")))
		rc = doc_set(&doc->subtype, sub);
	/* the kind follows what the text says it is: a presidential
	 * document's own line makes it an order (segmented by sections), a
	 * rule's ACTION a rule */
	const char *known = doc->subtype ? doc->subtype : doc->type ? doc->type : fr_type;
	if (rc == PDX_OK && known && (!strcmp(kind, "notice") || !strcmp(kind, "other")) &&
	    (!strcmp(known, "executive_order") || !strcmp(known, "proclamation") ||
	     !strcmp(known, "rule") || !strcmp(known, "proposed_rule") || !strcmp(known, "notice")))
		rc = doc_set(&doc->kind, known);
	if (rc != PDX_OK || doc->type)
		return rc;
	const char *type;
	if (doc->subtype)
		type = "presidential_document";
	else if (fr_type)
		type = fr_type;
	else if (!strcmp(kind, "notice") || fr)
		type = "notice";
	else if (!strcmp(kind, "plan") || !strcmp(kind, "fact_sheet") ||
		 !strcmp(kind, "press_release") || !strcmp(kind, "news") ||
		 !strcmp(kind, "rule") || !strcmp(kind, "proposed_rule"))
		type = kind;
	else if (doc->title && (strstr(doc->title, "Guidance") || strstr(doc->title, "guidance") ||
				!strncmp(doc->title, "M-", 2)))
		type = "guidance";
	else
		type = "other";
	return doc_set(&doc->type, type);
}
