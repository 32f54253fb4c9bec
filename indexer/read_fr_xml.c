/* read_fr_xml.c - the Federal Register XML reader (GPO bulk data: RULE,
 * PRORULE, NOTICE, PRESDOCU, alone or inside FEDREG/RULES/NOTICES issues).
 *
 * The parser runs without network, DTD loading or entity substitution, and
 * with an entity loader that refuses everything: entity references stay
 * reference nodes, which the walk passes over, so neither an external
 * entity (XXE) nor a chain of internal ones (billion laughs) is ever
 * expanded. Text is gathered from text nodes only, never with
 * xmlNodeGetContent, which would expand references. */
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "identify.h"
#include "read.h"
#include "polidex/date.h"
#include "polidex/util.h"

/* Documents, and the wrappers of a bulk issue that hold them. An issue
 * gives one pdx_doc with all its documents in order: read_fr_xml fills a
 * single document, and dropping all but the first would lose text. */
static const char *const fr_doc_roots[] = {
	"RULE", "PRORULE", "NOTICE", "PRESDOCU", "CORRECT", NULL
};
static const char *const fr_wrappers[] = {
	"FEDREG", "RULES", "PRORULES", "NOTICES", "PRESDOCS", "CORRECTS",
	"NEWPART", NULL
};

/* Flattened into the text around them. */
static const char *const fr_inline_tags[] = {
	"E", "SU", "FTREF", "AC", "B", "I", "LI", NULL
};
/* No text worth keeping: page breaks, graphics, ellipses of stars. */
static const char *const fr_skip_tags[] = {
	"PRTPAGE", "GPH", "GID", "STARS", NULL
};
/* Table rows: one paragraph, cells separated. */
static const char *const fr_row_tags[] = { "ROW", "BOXHD", NULL };

static bool fr_in(const xmlChar *name, const char *const *set)
{
	for (; *set; set++)
		if (strcmp((const char *)name, *set) == 0)
			return true;
	return false;
}

static bool fr_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *fr_next_element(const xmlNode *n)
{
	for (n = n->next; n && n->type != XML_ELEMENT_NODE; n = n->next)
		;
	return n;
}

static const xmlNode *fr_prev_element(const xmlNode *n)
{
	for (n = n->prev; n && n->type != XML_ELEMENT_NODE; n = n->prev)
		;
	return n;
}

/* A leaf holds text and inline markup only: it gives one block. Anything
 * with block children is a container whose loose text gives paragraphs. */
static bool fr_is_leaf(const xmlNode *n)
{
	if (fr_in(n->name, fr_row_tags))
		return true;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !fr_in(c->name, fr_inline_tags) &&
		    !fr_in(c->name, fr_skip_tags))
			return false;
	return true;
}

/* Visit the subtree under root in document order without recursion:
 * enter returns true to go into a node's children; leave is called for
 * each node gone into. */
typedef bool (*fr_enter_fn)(xmlNode *n, void *ctx);
typedef void (*fr_leave_fn)(xmlNode *n, void *ctx);

static void fr_walk(xmlNode *root, fr_enter_fn enter, fr_leave_fn leave, void *ctx)
{
	xmlNode *n = root->children;
	while (n) {
		bool down = enter(n, ctx);
		if (down && n->children) {
			n = n->children;
			continue;
		}
		if (down)
			leave(n, ctx);
		while (n && !n->next) {
			n = n->parent;
			if (n == root || !n)
				n = NULL;
			else
				leave(n, ctx);
		}
		if (n)
			n = n->next;
	}
}

typedef struct {
	pdx_doc *doc;
	xmlNode *leaf;		/* the leaf being gathered, or NULL */
	pdx_block_type type;	/* what the pending text becomes */
	int level;
	pdx_buf text;
	int line;		/* of the pending text, 0 while empty */
	bool title_set;
	int rc;
} fr_state;

static bool fr_blank(const char *s)
{
	return !s[strspn(s, " \t\r\n")];
}

/* The line of a text node's first non-space character: libxml2 stamps
 * text nodes with the line where they end. */
static int fr_text_line(const xmlNode *n)
{
	long line = xmlGetLineNo(n);
	const char *s = (const char *)n->content;
	s += strspn(s, " \t\r\n");
	for (; *s; s++)
		if (*s == '\n')
			line--;
	return line > 0 ? (int)line : 1;
}

static void fr_add(fr_state *st, const char *s, int line)
{
	if (st->rc != PDX_OK)
		return;
	if (!st->text.len || fr_blank(st->text.s)) {
		if (fr_blank(s))
			return;
		if (!st->line)
			st->line = line;
	}
	if (pdx_buf_adds(&st->text, s) != PDX_OK)
		st->rc = PDX_ENOMEM;
}

static void fr_flush(fr_state *st)
{
	if (st->rc == PDX_OK && st->text.len && !fr_blank(st->text.s))
		st->rc = doc_add_block(st->doc, st->type, st->level, st->line,
				       st->text.s);
	st->text.len = 0;
	if (st->text.s)
		st->text.s[0] = '\0';
	st->line = 0;
	st->type = PDX_PARAGRAPH;
	st->level = 0;
}

/* HD levels: SOURCE="HED" 2, HD1 3, HD2 4, HD3 5, deeper 6. */
static int fr_hd_level(const xmlNode *n)
{
	xmlChar *src = xmlGetProp(n, (const xmlChar *)"SOURCE");
	int level = 2;
	if (src && strncmp((const char *)src, "HD", 2) == 0 &&
	    src[2] >= '1' && src[2] <= '9') {
		level = 2 + (src[2] - '0');
		if (level > 6)
			level = 6;
	}
	xmlFree(src);
	return level;
}

static bool fr_is_doc_level(const xmlNode *n)
{
	const xmlNode *p = n->parent;
	return p && p->type == XML_ELEMENT_NODE &&
	       (fr_in(p->name, fr_doc_roots) || fr_is(p, "PREAMB"));
}

static void fr_start_leaf(fr_state *st, xmlNode *n)
{
	const xmlNode *prev;
	fr_flush(st);
	st->leaf = n;
	st->line = (int)xmlGetLineNo(n);
	if (fr_is(n, "HD")) {
		st->type = PDX_HEADING;
		st->level = fr_hd_level(n);
	} else if (fr_is(n, "SUBJECT")) {
		/* The document's subject is its title; a section's subject
		 * is a heading below HD3, after its section number. */
		st->type = PDX_HEADING;
		st->level = fr_is_doc_level(n) ? 1 : 6;
		prev = fr_prev_element(n);
		if (st->level == 6 && fr_is(prev, "SECTNO")) {
			for (const xmlNode *c = prev->children; c; c = c->next)
				if (c->type == XML_TEXT_NODE && c->content)
					fr_add(st, (const char *)c->content, st->line);
			fr_add(st, " ", st->line);
			st->line = (int)xmlGetLineNo(prev);
		}
	}
}

/* "2025-12-29" as is; "Monday, December 29, 2025" (an issue's date) made
 * ISO when month_names; else false. */
static bool fr_iso_date(const char *s, bool month_names, char out[11])
{
	const char *comma;
	int d, y;
	s += strspn(s, " \t\r\n");
	if (strlen(s) >= 10 && s[4] == '-' && s[7] == '-' &&
	    strspn(s, "0123456789") == 4 && strspn(s + 5, "0123456789") == 2 &&
	    strspn(s + 8, "0123456789") == 2 && !(s[10] >= '0' && s[10] <= '9')) {
		memcpy(out, s, 10);
		out[10] = '\0';
		return true;
	}
	if (!month_names)
		return false;
	if ((comma = strchr(s, ',')) && strchr(comma + 1, ','))
		s = comma + 1 + strspn(comma + 1, " ");
	for (int m = 0; m < 12; m++) {
		size_t ml = strlen(pdx_month_name[m]);
		if (strncmp(s, pdx_month_name[m], ml) == 0 && s[ml] == ' ' &&
		    sscanf(s + ml, "%d, %d", &d, &y) == 2 && d >= 1 && d <= 31 &&
		    y >= 1900 && y <= 9999) {
			snprintf(out, 11, "%04d-%02d-%02d", y, m + 1, d);
			return true;
		}
	}
	return false;
}

static void fr_end_leaf(fr_state *st, xmlNode *n)
{
	char iso[11];
	if (st->rc == PDX_OK && fr_is(n, "SUBJECT") && st->level == 1 &&
	    !st->title_set && st->text.s && !fr_blank(st->text.s)) {
		st->rc = doc_set(&st->doc->title, st->text.s);
		st->title_set = true;
	}
	if (st->rc == PDX_OK && fr_is(n, "DATE") && !st->doc->published &&
	    st->text.s && fr_iso_date(st->text.s, fr_is(n->parent, "FEDREG"), iso))
		st->rc = doc_set(&st->doc->published, iso);
	fr_flush(st);
	st->leaf = NULL;
}

static bool fr_enter(xmlNode *n, void *ctx)
{
	fr_state *st = ctx;
	if (st->rc != PDX_OK)
		return false;
	switch (n->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content)
			fr_add(st, (const char *)n->content, fr_text_line(n));
		return false;
	case XML_ELEMENT_NODE:
		break;
	default:
		/* Entity references above all: never followed. */
		return false;
	}
	if (fr_in(n->name, fr_skip_tags))
		return false;
	if (st->leaf) {
		/* Cells of a row, or stray block markup inside a leaf. */
		if (!fr_in(n->name, fr_inline_tags) && st->text.len &&
		    !fr_blank(st->text.s))
			fr_add(st, fr_in(st->leaf->name, fr_row_tags) ? " | " : " ", 0);
		return true;
	}
	if (fr_in(n->name, fr_inline_tags))
		return true;
	/* A section number is said with the subject that follows it. */
	if (fr_is(n, "SECTNO") && fr_is(fr_next_element(n), "SUBJECT"))
		return false;
	if (fr_is_leaf(n))
		fr_start_leaf(st, n);
	else
		fr_flush(st);
	return true;
}

static void fr_leave(xmlNode *n, void *ctx)
{
	fr_state *st = ctx;
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (st->leaf == n)
		fr_end_leaf(st, n);
	else if (!st->leaf && !fr_in(n->name, fr_inline_tags))
		fr_flush(st);
}

/* One Federal Register document: its loose text is a paragraph too. */
static void fr_read_document(fr_state *st, xmlNode *root)
{
	fr_flush(st);
	fr_walk(root, fr_enter, fr_leave, st);
	fr_flush(st);
}

/* In a bulk issue: read each document, and take the date. */
static bool fr_enter_wrapper(xmlNode *n, void *ctx)
{
	fr_state *st = ctx;
	if (st->rc != PDX_OK || n->type != XML_ELEMENT_NODE)
		return false;
	if (fr_in(n->name, fr_doc_roots)) {
		fr_read_document(st, n);
		return false;
	}
	if (fr_is(n, "DATE") && fr_is(n->parent, "FEDREG")) {
		fr_start_leaf(st, n);
		fr_walk(n, fr_enter, fr_leave, st);
		fr_end_leaf(st, n);
		return false;
	}
	return fr_in(n->name, fr_wrappers);
}

static void fr_leave_wrapper(xmlNode *n, void *ctx)
{
	(void)n;
	(void)ctx;
}

/* The first document of a bulk issue, depth first, or NULL. */
static const xmlNode *fr_first_document(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (fr_in(c->name, fr_doc_roots))
			return c;
		if (fr_in(c->name, fr_wrappers)) {
			const xmlNode *d = fr_first_document(c);
			if (d)
				return d;
		}
	}
	return NULL;
}

static xmlParserInputPtr fr_no_loader(const char *url, const char *id,
				      xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static pthread_once_t loader_once = PTHREAD_ONCE_INIT;

static void set_no_loader(void)
{
	xmlSetExternalEntityLoader(fr_no_loader);
}

static int fr_parse_error(xmlParserCtxtPtr ctxt, char *err, size_t errlen)
{
	xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
	const char *msg = e && e->message ? e->message : "cannot parse XML";
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	if (e && e->line > 0)
		snprintf(err, errlen, "line %d: %.*s", e->line, (int)n, msg);
	else
		snprintf(err, errlen, "%.*s", (int)n, msg);
	return PDX_EFORMAT;
}

int read_fr_xml(const char *buf, size_t len, pdx_doc *doc, char *err, size_t errlen)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr x;
	xmlNode *root;
	fr_state st = { 0 };
	int rc = PDX_OK;

	if (len > INT_MAX) {
		snprintf(err, errlen, "file too large for the XML parser");
		return PDX_EFORMAT;
	}
	if ((rc = read_check_tags(buf, len, err, errlen)) != PDX_OK)
		return rc;
	if (!(ctxt = xmlNewParserCtxt())) {
		snprintf(err, errlen, "out of memory");
		return PDX_ENOMEM;
	}
	/* the loader is process-wide in libxml2, not per parser: set once,
	 * never restored, so that no thread parses with the default one */
	pthread_once(&loader_once, set_no_loader);
	x = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, "UTF-8",
			      XML_PARSE_NONET | XML_PARSE_NOERROR |
			      XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
	if (!x) {
		rc = fr_parse_error(ctxt, err, errlen);
		xmlFreeParserCtxt(ctxt);
		return rc;
	}
	root = xmlDocGetRootElement(x);
	if (!root || (!fr_in(root->name, fr_doc_roots) && !fr_in(root->name, fr_wrappers))) {
		snprintf(err, errlen, "not a Federal Register document (root <%s>)",
			 root ? (const char *)root->name : "none");
		rc = PDX_EFORMAT;
		goto out;
	}

	st.doc = doc;
	st.type = PDX_PARAGRAPH;
	pdx_buf_init(&st.text);
	if (fr_in(root->name, fr_doc_roots))
		fr_read_document(&st, root);
	else
		fr_walk(root, fr_enter_wrapper, fr_leave_wrapper, &st);
	pdx_buf_clear(&st.text);
	if ((rc = st.rc) != PDX_OK) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (doc->nblocks == 0) {
		snprintf(err, errlen, "no text content");
		rc = PDX_EFORMAT;
		goto out;
	}
	/* Presidential documents have no SUBJECT: their first heading. */
	for (size_t i = 0; !doc->title && i < doc->nblocks; i++)
		if (doc->blocks[i].type == PDX_HEADING &&
		    (rc = doc_set(&doc->title, doc->blocks[i].text)) != PDX_OK)
			goto out;
	/* the root names the type (an issue: its first document's); a
	 * presidential document's kind (order, proclamation) is for its text
	 * to tell */
	const xmlNode *first = root;
	if (!fr_in(root->name, fr_doc_roots))
		first = fr_first_document(root);
	const char *type = first ? identify_fr_type((const char *)first->name) : NULL;
	if ((rc = doc_set(&doc->lang, "en")) != PDX_OK ||
	    (type && (rc = doc_set(&doc->type, type)) != PDX_OK) ||
	    (type && strcmp(type, "presidential_document") != 0 &&
	     (rc = doc_set(&doc->kind, type)) != PDX_OK) ||
	    (!type && (rc = doc_set(&doc->kind, "notice")) != PDX_OK))
		snprintf(err, errlen, "out of memory");
out:
	xmlFreeDoc(x);
	xmlFreeParserCtxt(ctxt);
	return rc;
}
