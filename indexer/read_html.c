/* read_html.c - the HTML reader: libxml2's HTML parser, the page's main
 * content found by its landmarks, site chrome left out, and the content cut
 * into headings, paragraphs and list items in document order.
 *
 * Hostile pages can nest elements as deep as they like, so every walk over
 * the tree is iterative (parent/next pointers) and the stack of open blocks
 * is capped: deeper blocks are folded into the innermost open one. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "read.h"
#include "polidex/util.h"

/* Open blocks beyond this depth are merged into their ancestor. */
#define HTML_MAX_FRAMES 256

/* How an element takes part in the block structure. */
typedef enum {
	EL_INLINE,		/* flattened into the enclosing block's text */
	EL_BREAK,		/* <br>: a space */
	EL_CONTAINER,		/* its loose text is a paragraph */
	EL_LEAF,		/* one paragraph */
	EL_HEADING,
	EL_LIST,		/* ul, ol, dl: list items inside go one deeper */
	EL_ITEM,
} html_class;

static const char *const html_inline_tags[] = {
	"a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code",
	"data", "del", "dfn", "em", "font", "i", "img", "ins", "kbd", "label",
	"mark", "nobr", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
	"strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
	NULL
};

static const char *const html_leaf_tags[] = {
	"p", "td", "th", "dd", "dt", "figcaption", "pre", "caption",
	"summary", "address", "legend", NULL
};

/* Never content, wherever they are. */
static const char *const html_skip_tags[] = {
	"nav", "header", "footer", "aside", "script", "style", "noscript",
	"template", "form", "iframe", "svg", "math", "button", "select",
	"textarea", "input", "object", "embed", "canvas", "audio", "video",
	"map", "dialog", "menu", "head", "title", "meta", "link", NULL
};

/* Words of a class or id that mark site chrome; the value is split at
 * white space, '-' and '_' so "usa-banner" and "usa-nav__primary" match. */
static const char *const html_chrome_words[] = {
	"breadcrumb", "breadcrumbs", "banner", "skip", "skiplink", "menu",
	"menubar", "nav", "navbar", "navigation", "sidebar", "share",
	"sharing", "social", "cookie", "cookies", "consent", "newsletter",
	"subscribe", "advertisement", "ads", "popup", "modal", "toolbar",
	"pagination", "pager", "footer", "masthead", "related", "print",
	NULL
};

/* ARIA landmarks that are not content. */
static const char *const html_chrome_roles[] = {
	"navigation", "banner", "contentinfo", "complementary", "search",
	"menu", "menubar", "toolbar", "dialog", NULL
};

static bool html_in(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (strcasecmp(s, *set) == 0)
			return true;
	return false;
}

static const char *html_name(const xmlNode *n)
{
	return (const char *)n->name;
}

static bool html_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcasecmp(html_name(n), name) == 0;
}

/* The value of attribute name, or NULL; borrowed from the tree. */
static const char *html_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (a->name && strcasecmp((const char *)a->name, name) == 0) {
			const xmlNode *v = a->children;
			if (v && v->type == XML_TEXT_NODE && v->content)
				return (const char *)v->content;
			return "";
		}
	return NULL;
}

/* True when one of the words of value (split at space, '-', '_') is in set. */
static bool html_words_in(const char *value, const char *const *set)
{
	char w[64];
	const char *p = value;
	while (*p) {
		size_t n = strcspn(p, " \t\r\n\f-_");
		if (n > 0 && n < sizeof w) {
			memcpy(w, p, n);
			w[n] = '\0';
			if (html_in(w, set))
				return true;
		}
		p += n;
		if (*p)
			p++;
	}
	return false;
}

/* Is this an article's own <header> carrying its title (content), rather
 * than a site header with a logo in an h1 (chrome)? */
static bool html_is_title_header(xmlNode *n);

/* Elements left out of the content: chrome by tag, role, class or id, and
 * hidden ones. */
static bool html_is_chrome(xmlNode *n)
{
	const char *v;
	if (html_in(html_name(n), html_skip_tags))
		return !(html_is(n, "header") && html_is_title_header(n));
	if (html_attr(n, "hidden"))
		return true;
	if ((v = html_attr(n, "aria-hidden")) && strcasecmp(v, "true") == 0)
		return true;
	if ((v = html_attr(n, "role")) && html_words_in(v, html_chrome_roles))
		return true;
	if ((v = html_attr(n, "class")) && html_words_in(v, html_chrome_words))
		return true;
	if ((v = html_attr(n, "id")) && html_words_in(v, html_chrome_words))
		return true;
	return false;
}

static html_class html_classify(const xmlNode *n)
{
	const char *t = html_name(n);
	if (strcasecmp(t, "br") == 0)
		return EL_BREAK;
	if (html_in(t, html_inline_tags))
		return EL_INLINE;
	if ((t[0] == 'h' || t[0] == 'H') && t[1] >= '1' && t[1] <= '6' && !t[2])
		return EL_HEADING;
	if (strcasecmp(t, "li") == 0)
		return EL_ITEM;
	if (strcasecmp(t, "ul") == 0 || strcasecmp(t, "ol") == 0 ||
	    strcasecmp(t, "dl") == 0)
		return EL_LIST;
	if (html_in(t, html_leaf_tags))
		return EL_LEAF;
	return EL_CONTAINER;
}

/* Visit the subtree under root in document order without recursion.
 * enter returns 1 to go into the node's children, 0 to pass over them,
 * -1 to stop; leave is called for every node entered with 1. */
typedef int (*html_enter_fn)(xmlNode *n, void *ctx);
typedef void (*html_leave_fn)(xmlNode *n, void *ctx);

static void html_walk(xmlNode *root, html_enter_fn enter, html_leave_fn leave,
		      void *ctx)
{
	xmlNode *n = root ? root->children : NULL;
	while (n) {
		int r = enter(n, ctx);
		if (r < 0)
			return;
		if (r > 0 && n->children) {
			n = n->children;
			continue;
		}
		if (r > 0 && leave)
			leave(n, ctx);
		while (n && !n->next) {
			n = n->parent;
			if (n == root || !n)
				n = NULL;
			else if (leave)
				leave(n, ctx);
		}
		if (n)
			n = n->next;
	}
}

static int html_find_h1(xmlNode *n, void *ctx)
{
	if (html_is(n, "h1")) {
		*(bool *)ctx = true;
		return -1;
	}
	return n->type == XML_ELEMENT_NODE;
}

static bool html_is_title_header(xmlNode *n)
{
	bool found = false;
	xmlNode *a;
	for (a = n->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
		if (html_is(a, "article") || html_is(a, "main"))
			break;
	if (!a || a->type != XML_ELEMENT_NODE)
		return false;
	html_walk(n, html_find_h1, NULL, &found);
	return found;
}

/* Any visible, non-chrome text in a subtree? */
static int html_find_text(xmlNode *n, void *ctx)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		const char *s = (const char *)n->content;
		if (s && s[strspn(s, " \t\r\n\f\v")]) {
			*(bool *)ctx = true;
			return -1;
		}
		return 0;
	}
	return n->type == XML_ELEMENT_NODE && !html_is_chrome(n);
}

static bool html_has_text(xmlNode *root)
{
	bool found = false;
	html_walk(root, html_find_text, NULL, &found);
	return found;
}

/* Articles in a subtree, counted up to two. */
typedef struct {
	xmlNode *first;
	int count;
} html_articles;

static int html_find_article(xmlNode *n, void *ctx)
{
	html_articles *a = ctx;
	if (html_is(n, "article")) {
		if (!a->first)
			a->first = n;
		return ++a->count >= 2 ? -1 : 0;
	}
	return n->type == XML_ELEMENT_NODE;
}

/* What one pass over the whole page finds: landmarks and metadata. */
typedef struct {
	xmlNode *main_el, *role_main, *main_content, *content, *article,
		*body, *title;
	const char *og_title, *og_url, *canonical;
	const char *pub_meta[3];	/* article:published_time, dcterms.date, date */
} html_page;

static int html_scan(xmlNode *n, void *ctx)
{
	html_page *p = ctx;
	const char *v, *id, *name, *content;
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	if (!p->main_el && html_is(n, "main"))
		p->main_el = n;
	if (!p->article && html_is(n, "article"))
		p->article = n;
	if (!p->body && html_is(n, "body"))
		p->body = n;
	if (!p->title && html_is(n, "title"))
		p->title = n;
	if (!p->role_main && (v = html_attr(n, "role")) && strcasecmp(v, "main") == 0)
		p->role_main = n;
	if ((id = html_attr(n, "id"))) {
		if (!p->main_content && strcasecmp(id, "main-content") == 0)
			p->main_content = n;
		if (!p->content && strcasecmp(id, "content") == 0)
			p->content = n;
	}
	if (html_is(n, "meta") && (content = html_attr(n, "content"))) {
		if (!(name = html_attr(n, "property")))
			name = html_attr(n, "name");
		if (!name)
			return 0;
		if (!p->og_title && strcasecmp(name, "og:title") == 0)
			p->og_title = content;
		else if (!p->og_url && strcasecmp(name, "og:url") == 0)
			p->og_url = content;
		else if (!p->pub_meta[0] && strcasecmp(name, "article:published_time") == 0)
			p->pub_meta[0] = content;
		else if (!p->pub_meta[1] && strcasecmp(name, "dcterms.date") == 0)
			p->pub_meta[1] = content;
		else if (!p->pub_meta[2] && strcasecmp(name, "date") == 0)
			p->pub_meta[2] = content;
	}
	if (!p->canonical && html_is(n, "link") && (v = html_attr(n, "rel")) &&
	    html_words_in(v, (const char *const[]){ "canonical", NULL }))
		p->canonical = html_attr(n, "href");
	return 1;
}

/* The content: the first landmark that holds text, in order of trust;
 * a main landmark holding one article narrows to the article. */
static xmlNode *html_choose_content(const html_page *p)
{
	xmlNode *mains[] = { p->main_el, p->role_main, p->main_content };
	for (size_t i = 0; i < sizeof mains / sizeof *mains; i++) {
		html_articles a = { NULL, 0 };
		if (!mains[i] || !html_has_text(mains[i]))
			continue;
		html_walk(mains[i], html_find_article, NULL, &a);
		if (a.count == 1 && html_has_text(a.first))
			return a.first;
		return mains[i];
	}
	if (p->article && html_has_text(p->article))
		return p->article;
	if (p->content && html_has_text(p->content))
		return p->content;
	return p->body;
}

/* An open block: the element, what its text becomes, and how many lists
 * enclose it. */
typedef struct {
	xmlNode *node;
	bool leaf;
	pdx_block_type type;
	int level;
	int lists;
	int line;
} html_frame;

typedef struct {
	pdx_doc *doc;
	html_frame frames[HTML_MAX_FRAMES];
	int nframes;
	pdx_buf text;		/* the innermost frame's pending text */
	int line;		/* line of that text, 0 while it is empty */
	const char *time_dt;	/* first <time datetime> in the content */
	int rc;
} html_state;

static bool html_blank(const char *s)
{
	return !s[strspn(s, " \t\r\n\f\v")];
}

/* The line where a text node's first non-space character is: libxml2
 * stamps text nodes with the line where they end. */
static int html_text_line(const xmlNode *n)
{
	long line = xmlGetLineNo(n);
	const char *s = (const char *)n->content;
	if (line >= 65535)	/* stamped lines stop there */
		return 65535;
	s += strspn(s, " \t\r\n\f\v");
	for (; *s; s++)
		if (*s == '\n')
			line--;
	return line > 0 ? (int)line : 1;
}

static void html_flush(html_state *st)
{
	const html_frame *f = &st->frames[st->nframes - 1];
	if (st->rc == PDX_OK && st->text.len && !html_blank(st->text.s))
		st->rc = doc_add_block(st->doc, f->type, f->level,
				       st->line ? st->line : f->line, st->text.s);
	st->text.len = 0;
	if (st->text.s)
		st->text.s[0] = '\0';
	st->line = 0;
}

static void html_add_text(html_state *st, const char *s, int line)
{
	if (st->rc != PDX_OK)
		return;
	if (!st->text.len || html_blank(st->text.s)) {
		if (html_blank(s))
			return;
		if (!st->line)
			st->line = line;
	}
	if (pdx_buf_adds(&st->text, s) != PDX_OK)
		st->rc = PDX_ENOMEM;
}

static void html_push(html_state *st, xmlNode *n, bool leaf,
		      pdx_block_type type, int level, int lists)
{
	html_flush(st);
	if (st->nframes == HTML_MAX_FRAMES)
		return;
	st->frames[st->nframes++] = (html_frame){
		n, leaf, type, level, lists, (int)xmlGetLineNo(n)
	};
	/* A block's text starts on the line of its element. */
	st->line = (int)xmlGetLineNo(n);
}

static int html_enter(xmlNode *n, void *ctx)
{
	html_state *st = ctx;
	const html_frame *top = &st->frames[st->nframes - 1];
	const char *dt;
	if (st->rc != PDX_OK)
		return -1;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			html_add_text(st, (const char *)n->content, html_text_line(n));
		return 0;
	}
	if (n->type != XML_ELEMENT_NODE || html_is_chrome(n))
		return 0;
	if (!st->time_dt && html_is(n, "time") && (dt = html_attr(n, "datetime")))
		st->time_dt = dt;
	switch (html_classify(n)) {
	case EL_INLINE:
		return 1;
	case EL_BREAK:
		html_add_text(st, " ", 0);
		return 0;
	case EL_HEADING:
		html_push(st, n, true, PDX_HEADING, html_name(n)[1] - '0', top->lists);
		return 1;
	case EL_ITEM:
		html_push(st, n, true, PDX_ITEM, top->lists ? top->lists : 1, top->lists);
		return 1;
	case EL_LIST:
		html_push(st, n, false, PDX_PARAGRAPH, 0, top->lists + 1);
		return 1;
	case EL_LEAF:
	case EL_CONTAINER:
		/* A paragraph or box inside a list item, heading or cell is
		 * part of its text: one item stays one block. */
		if (top->leaf) {
			html_add_text(st, " ", 0);
			return 1;
		}
		html_push(st, n, html_classify(n) == EL_LEAF, PDX_PARAGRAPH, 0,
			  top->lists);
		return 1;
	}
	return 1;
}

static void html_leave(xmlNode *n, void *ctx)
{
	html_state *st = ctx;
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (st->nframes > 1 && st->frames[st->nframes - 1].node == n) {
		html_flush(st);
		st->nframes--;
	} else if (html_classify(n) != EL_INLINE) {
		html_add_text(st, " ", 0);
	}
}

/* Cut the content into blocks. */
static int html_blocks(xmlNode *content, pdx_doc *doc, const char **time_dt)
{
	html_state *st = calloc(1, sizeof *st);
	int rc;
	if (!st)
		return PDX_ENOMEM;
	st->doc = doc;
	pdx_buf_init(&st->text);
	st->frames[0] = (html_frame){ content, false, PDX_PARAGRAPH, 0, 0,
				      (int)xmlGetLineNo(content) };
	st->nframes = 1;
	html_walk(content, html_enter, html_leave, st);
	html_flush(st);
	rc = st->rc;
	*time_dt = st->time_dt;
	pdx_buf_clear(&st->text);
	free(st);
	return rc;
}

/* The text of a small element such as <title>. Caller frees. */
static char *html_plain_text(xmlNode *n)
{
	pdx_buf b;
	pdx_buf_init(&b);
	for (xmlNode *c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
		    c->content && pdx_buf_adds(&b, (const char *)c->content) != PDX_OK) {
			pdx_buf_clear(&b);
			return NULL;
		}
	if (!b.s)
		return pdx_strdup("");
	return pdx_buf_take(&b);
}

/* Cut a site suffix such as " – The White House" or " | USCIS" off a
 * <title>, in place: at the last separator, if text is left before it. */
static void html_strip_site(char *t)
{
	static const char *const seps[] = { " \xe2\x80\x93 ", " - ", " | ", NULL };
	char *cut = NULL;
	for (const char *const *s = seps; *s; s++)
		for (char *p = strstr(t, *s); p; p = strstr(p + 1, *s))
			if (p > t && (!cut || p > cut))
				cut = p;
	if (cut)
		*cut = '\0';
}

/* "en-US" -> "en", "zh-Hans-CN" -> "zh"; NULL when not a language tag. */
static int html_set_lang(pdx_doc *doc, const char *tag)
{
	char l[4];
	size_t n = strcspn(tag, "-_");
	if (n < 2 || n > 3)
		return PDX_OK;
	for (size_t i = 0; i < n; i++) {
		char c = tag[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c < 'a' || c > 'z')
			return PDX_OK;
		l[i] = c;
	}
	l[n] = '\0';
	return doc_set(&doc->lang, l);
}

static int html_metadata(const html_page *p, xmlNode *root, pdx_doc *doc,
			 const char *time_dt)
{
	int rc = PDX_OK;
	const char *lang = root ? html_attr(root, "lang") : NULL;
	const char *pub = NULL;
	if (lang && (rc = html_set_lang(doc, lang)) != PDX_OK)
		return rc;
	for (size_t i = 0; i < 3 && !pub; i++)
		if (p->pub_meta[i] && !html_blank(p->pub_meta[i]))
			pub = p->pub_meta[i];
	if (!pub)
		pub = time_dt;
	if (pub && (rc = doc_set(&doc->published, pub)) != PDX_OK)
		return rc;
	if ((p->canonical || p->og_url) &&
	    (rc = doc_set(&doc->source_url, p->canonical ? p->canonical : p->og_url)) != PDX_OK)
		return rc;
	if (p->og_title && !html_blank(p->og_title))
		return doc_set(&doc->title, p->og_title);
	for (size_t i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].type == PDX_HEADING && doc->blocks[i].level == 1)
			return doc_set(&doc->title, doc->blocks[i].text);
	if (p->title) {
		char *t = html_plain_text(p->title);
		if (!t)
			return PDX_ENOMEM;
		pdx_squeeze_space(t);
		html_strip_site(t);
		rc = doc_set(&doc->title, t);
		free(t);
	}
	return rc;
}

int read_html(const char *buf, size_t len, pdx_doc *doc, char *err, size_t errlen)
{
	html_page page = { 0 };
	xmlNode *root, *content;
	const char *time_dt = NULL;
	int rc;
	htmlDocPtr h;

	if (len > INT_MAX) {
		snprintf(err, errlen, "file too large for the HTML parser");
		return PDX_EFORMAT;
	}
	if ((rc = read_check_tags(buf, len, err, errlen)) != PDX_OK)
		return rc;
	xmlResetLastError();
	h = htmlReadMemory(buf, (int)len, NULL, "UTF-8",
			   HTML_PARSE_RECOVER | HTML_PARSE_NONET |
			   HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (!h) {
		snprintf(err, errlen, "cannot parse HTML");
		return PDX_EFORMAT;
	}
	root = xmlDocGetRootElement(h);
	if (root) {
		if (html_scan(root, &page) > 0)
			html_walk(root, html_scan, NULL, &page);
	}
	content = html_choose_content(&page);
	if (!content) {
		rc = PDX_EFORMAT;
		snprintf(err, errlen, "no text content");
		goto out;
	}
	if ((rc = html_blocks(content, doc, &time_dt)) != PDX_OK) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (doc->nblocks == 0) {
		/* libxml2 builds no tree below 256 levels: say so rather than
		 * call a deep page empty */
		const xmlError *e = xmlGetLastError();
		rc = PDX_EFORMAT;
		if (e && e->message && strstr(e->message, "Excessive depth"))
			snprintf(err, errlen, "line %d: elements nested too deep (the HTML parser "
				 "stops at 256 levels); no text content above that", e->line);
		else
			snprintf(err, errlen, "no text content");
		goto out;
	}
	if ((rc = html_metadata(&page, root, doc, time_dt)) != PDX_OK)
		snprintf(err, errlen, "out of memory");
out:
	xmlFreeDoc(h);
	return rc;
}
