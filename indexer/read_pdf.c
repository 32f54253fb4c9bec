/* read_pdf.c - PDF through poppler's GLib API.
 *
 * The text layer is taken page by page in poppler's reading order and laid
 * out the way pdftotext prints it (a blank line where the page leaves a
 * paragraph gap, a form feed between pages), with running headers, footers
 * and page numbers dropped. That text goes to the text reader, so the
 * segmenter sees the same blocks as from a pdftotext rendering of the same
 * document; each block then gets the page its first line came from.
 *
 * poppler_page_get_text_layout gives one rectangle per character of
 * poppler_page_get_text, newlines included: that is where a line's
 * position, height and indentation come from. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <poppler.h>

#include "read.h"
#include "polidex/util.h"

/* Bounds for a huge or hostile PDF: pages read, text kept per page and in
 * all (the extracted text is read again as a text file, so it obeys the
 * same limit as one). */
#define PDF_MAX_PAGES 5000
#define PDF_MAX_PAGE_TEXT (4u << 20)
#define PDF_MAX_TEXT PDX_MAX_FILE

/* Lines at each end of a page that may be a running header or footer. */
#define ZONE 3

typedef struct {
	char *text;		/* UTF-8, no line end; owned */
	double x, top, bottom;	/* points from the page's top left; top < 0
				 * when poppler gave no layout */
	bool drop;		/* header, footer or page number */
} pline_t;

typedef struct {
	pline_t *v;
	size_t n, cap;
	double height;		/* page height in points */
} ppage_t;

static void pages_free(ppage_t *pg, size_t n)
{
	for (size_t i = 0; pg && i < n; i++) {
		for (size_t j = 0; j < pg[i].n; j++)
			free(pg[i].v[j].text);
		free(pg[i].v);
	}
	free(pg);
}

static int page_push(ppage_t *pg, const char *s, size_t n, double x, double top,
		     double bottom)
{
	if (pg->n == pg->cap) {
		size_t cap = pg->cap ? pg->cap * 2 : 64;
		pline_t *v = realloc(pg->v, cap * sizeof *v);
		if (!v)
			return PDX_ENOMEM;
		pg->v = v;
		pg->cap = cap;
	}
	char *t = malloc(n + 1);
	if (!t)
		return PDX_ENOMEM;
	memcpy(t, s, n);
	t[n] = '\0';
	pg->v[pg->n++] = (pline_t){ t, x, top, bottom, false };
	return PDX_OK;
}

static bool space_char(gunichar c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == 0xA0 || c == '\f';
}

/* Cut the page's text into lines, each with the box of its visible
 * characters when the layout matches the text (one rectangle per
 * character). Blank lines are dropped: gaps come from the geometry. */
static int page_lines(PopplerPage *page, ppage_t *pg, size_t *total, int pno,
		      char *err, size_t errlen)
{
	double w = 0, h = 0;
	poppler_page_get_size(page, &w, &h);
	pg->height = h;
	char *text = poppler_page_get_text(page);
	if (!text)
		return PDX_OK;
	size_t len = strlen(text);
	if (len > PDF_MAX_PAGE_TEXT || *total + len > PDF_MAX_TEXT) {
		snprintf(err, errlen, "page %d: more text than %u MB", pno,
			 (len > PDF_MAX_PAGE_TEXT ? PDF_MAX_PAGE_TEXT : PDF_MAX_TEXT) >> 20);
		g_free(text);
		return PDX_EFORMAT;
	}
	*total += len;
	if (!g_utf8_validate(text, (gssize)len, NULL)) {
		snprintf(err, errlen, "page %d: text layer is not valid UTF-8", pno);
		g_free(text);
		return PDX_EFORMAT;
	}
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	if (!poppler_page_get_text_layout(page, &rects, &nrects) ||
	    (glong)nrects != g_utf8_strlen(text, (gssize)len)) {
		g_free(rects);
		rects = NULL;
	}
	int rc = PDX_OK;
	const char *p = text, *line = text;
	size_t k = 0;		/* character index into rects */
	double x = INFINITY, top = INFINITY, bottom = -INFINITY;
	bool visible = false;
	for (;;) {
		gunichar c = *p ? g_utf8_get_char(p) : '\n';
		if (c == '\n') {
			if (visible) {
				const char *e = p;
				while (e > line && (e[-1] == ' ' || e[-1] == '\r'))
					e--;
				rc = page_push(pg, line, (size_t)(e - line), rects ? x : -1,
					       rects ? top : -1, rects ? bottom : -1);
				if (rc)
					break;
			}
			if (!*p)
				break;
			line = p + 1;
			x = top = INFINITY;
			bottom = -INFINITY;
			visible = false;
		} else if (!space_char(c)) {
			visible = true;
			if (rects) {
				const PopplerRectangle *r = &rects[k];
				x = fmin(x, fmin(r->x1, r->x2));
				top = fmin(top, fmin(r->y1, r->y2));
				bottom = fmax(bottom, fmax(r->y1, r->y2));
			}
		}
		p = g_utf8_next_char(p);
		k++;
	}
	g_free(rects);
	g_free(text);
	return rc;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The usual gap between two lines of a paragraph on these pages, in
 * points: the lower quartile of the gaps between kept lines that follow
 * each other down a page; INFINITY where there are none, NAN when out of
 * memory. */
static double usual_gap(const ppage_t *pg, size_t npages)
{
	size_t cap = 0;
	for (size_t i = 0; i < npages; i++)
		cap += pg[i].n;
	double *gaps = malloc((cap + 1) * sizeof *gaps);
	if (!gaps)
		return NAN;
	size_t ng = 0;
	for (size_t i = 0; i < npages; i++) {
		const pline_t *prev = NULL;
		for (size_t j = 0; j < pg[i].n; j++) {
			const pline_t *l = &pg[i].v[j];
			if (l->drop)
				continue;
			if (prev && l->top >= 0 && l->top > prev->top)
				gaps[ng++] = l->top - prev->bottom;
			prev = l;
		}
	}
	qsort(gaps, ng, sizeof *gaps, cmp_double);
	double g = ng ? gaps[ng / 4] : INFINITY;
	free(gaps);
	return g;
}

/* A line's text with digit runs folded to one '#' and white space
 * squeezed, so "3/12" and "4/12" or two dates compare equal. Caller frees. */
static char *fold(const char *s)
{
	char *o = malloc(strlen(s) + 1), *q = o;
	if (!o)
		return NULL;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (q == o || q[-1] != '#')
				*q++ = '#';
		} else if (*s == ' ' || *s == '\t') {
			if (q > o && q[-1] != ' ')
				*q++ = ' ';
		} else {
			*q++ = *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s;
		}
	}
	while (q > o && q[-1] == ' ')
		q--;
	*q = '\0';
	return o;
}

/* A page number as a page's edge prints it: "7", "- 7 -", "7/28",
 * "7 of 28", "Page 7", "Page 7 of 28", "vii". */
static bool page_number_line(const char *s)
{
	char *f = fold(s);
	if (!f)
		return false;
	static const char *const forms[] = { "#", "- # -", "-#-", "#/#", "# / #",
		"# of #", "page #", "page # of #", "page #/#", "p. #", NULL };
	bool yes = false;
	for (int i = 0; forms[i] && !yes; i++)
		yes = strcmp(f, forms[i]) == 0;
	/* front matter's roman numbers, i to xxxix (not words like "civil") */
	if (!yes && *f && strlen(f) <= 6 && strspn(f, "ivx") == strlen(f))
		yes = true;
	free(f);
	return yes;
}

/* Is line j of page pg within ZONE lines of its top (side 0) or bottom
 * (side 1), and, when the layout is known, in the top or bottom fifth? */
static bool in_zone(const ppage_t *pg, size_t j, int side)
{
	const pline_t *l = &pg->v[j];
	if (side == 0)
		return j < ZONE && (l->top < 0 || l->top < pg->height * 0.2);
	return j + ZONE >= pg->n && (l->top < 0 || l->bottom > pg->height * 0.8);
}

/* The key a running line is known by: its folded text and, when the
 * layout is known, its height on the page in 4-point steps (a running
 * header sits at the same place on every page). Caller frees. */
static char *zone_key(const pline_t *l, int side)
{
	char *f = fold(l->text);
	if (!f)
		return NULL;
	size_t n = strlen(f) + 32;
	char *k = malloc(n);
	if (k)
		snprintf(k, n, "%d@%ld@%s", side, l->top < 0 ? -1L : lround(l->top / 4), f);
	free(f);
	return k;
}

/* Is line j of page pg, in the zone of the given side, a running line:
 * a page number, or one whose key recurs near the same edge of at least
 * half the pages (and of two at least)? */
static int is_running(const ppage_t *pg, size_t j, int side, GHashTable *seen,
		      size_t npages, bool *yes)
{
	*yes = false;
	if (!in_zone(pg, j, side))
		return PDX_OK;
	if (page_number_line(pg->v[j].text)) {
		*yes = true;
		return PDX_OK;
	}
	char *k = zone_key(&pg->v[j], side);
	if (!k)
		return PDX_ENOMEM;
	size_t c = GPOINTER_TO_SIZE(g_hash_table_lookup(seen, k));
	*yes = c >= 2 && c * 2 >= npages;
	free(k);
	return PDX_OK;
}

/* Is line a set apart from the line b below it: by a paragraph gap, a
 * jump up (a new column) or another type size (a running header's is
 * mostly smaller)? Without a layout, assume so. */
static bool separated(const pline_t *a, const pline_t *b, double usual)
{
	if (a->top < 0 || b->top < 0)
		return true;
	double ha = a->bottom - a->top, hb = b->bottom - b->top;
	return b->top <= a->top || b->top - a->bottom > usual + 0.5 * fmin(ha, hb) ||
	       fabs(ha - hb) > 0.2 * fmax(ha, hb);
}

/* Mark running headers and footers: the running lines at each edge of a
 * page, set apart from the body by a gap (body lines that differ only in
 * their numbers, at the same place on every page, are not). */
static int mark_running(ppage_t *pg, size_t npages)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int rc = PDX_OK;
	/* count each key once per page */
	for (size_t i = 0; i < npages && rc == PDX_OK; i++) {
		GHashTable *page = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
		for (size_t j = 0; j < pg[i].n && rc == PDX_OK; j++) {
			for (int side = 0; side < 2; side++) {
				if (!in_zone(&pg[i], j, side))
					continue;
				char *k = zone_key(&pg[i].v[j], side);
				if (!k) {
					rc = PDX_ENOMEM;
					break;
				}
				if (g_hash_table_contains(page, k)) {
					free(k);
					continue;
				}
				g_hash_table_add(page, k);
				gpointer old = g_hash_table_lookup(seen, k);
				g_hash_table_insert(seen, g_strdup(k),
						    GSIZE_TO_POINTER(GPOINTER_TO_SIZE(old) + 1));
			}
		}
		g_hash_table_destroy(page);
	}
	double usual = rc == PDX_OK ? usual_gap(pg, npages) : 0;
	if (isnan(usual))
		rc = PDX_ENOMEM;
	for (size_t i = 0; i < npages && rc == PDX_OK; i++) {
		ppage_t *p = &pg[i];
		bool yes = true;
		size_t t = 0;		/* running lines from the top: 0..t-1 */
		while (rc == PDX_OK && t < p->n && t < ZONE &&
		       (rc = is_running(p, t, 0, seen, npages, &yes)) == PDX_OK && yes)
			t++;
		/* drop them down to the last gap among them */
		size_t k = t;
		while (k > 0 && k < p->n && !separated(&p->v[k - 1], &p->v[k], usual))
			k--;
		for (size_t j = 0; j < k; j++)
			p->v[j].drop = true;
		size_t b = p->n;	/* running lines from the bottom: b..n-1 */
		while (rc == PDX_OK && b > k && p->n - b < ZONE &&
		       (rc = is_running(p, b - 1, 1, seen, npages, &yes)) == PDX_OK && yes)
			b--;
		/* up to the first gap among them */
		k = b;
		while (k < p->n && k > 0 && !p->v[k - 1].drop &&
		       !separated(&p->v[k - 1], &p->v[k], usual))
			k++;
		for (size_t j = k; j < p->n; j++)
			p->v[j].drop = true;
	}
	g_hash_table_destroy(seen);
	return rc;
}

static bool bullet_start(const char *s)
{
	static const char *const marks[] = { "\u2022", "\u25CF", "\u25AA", "\u25E6",
		"\u25A0", "\u2023", "\u00B7", NULL };
	for (int i = 0; marks[i]; i++)
		if (strncmp(s, marks[i], strlen(marks[i])) == 0)
			return true;
	return false;
}

/* The items of the document's lists, from its structure tree when it is
 * a tagged PDF (Chromium prints one): the first words of each item, in
 * document order, and its list depth. Chromium draws an HTML list's
 * bullets as shapes, not text; with these the lines that begin an item
 * get a typed bullet, as the text reader expects. */
typedef struct {
	char *head;		/* first bytes of the item's text, squeezed */
	bool whole;		/* head is all of it */
	int depth;		/* 1 for a top-level list */
} litem_t;

typedef struct {
	litem_t *v;
	size_t n, cap, next;
} litems_t;

#define ITEM_HEAD 32		/* bytes of an item's text to match a line by */
#define MAX_ITEMS 100000
#define MAX_DEPTH 64

static void litems_free(litems_t *it)
{
	for (size_t i = 0; i < it->n; i++)
		free(it->v[i].head);
	free(it->v);
}

/* The first ITEM_HEAD bytes of s, up to its first non-ASCII character,
 * with white space squeezed and a leading bullet or white space dropped;
 * *whole tells whether that is all of s. (poppler's text of a structure
 * element garbles what is not ASCII, ligatures and curly quotes: only
 * the ASCII before them can be compared with the page's text.) Caller
 * frees. */
static char *head_of(const char *s, bool *whole)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || bullet_start(s))
		s = bullet_start(s) ? g_utf8_next_char(s) : s + 1;
	char *h = malloc(ITEM_HEAD + 1), *q = h;
	if (!h)
		return NULL;
	for (; *s && !((unsigned char)*s & 0x80) && q - h < ITEM_HEAD; s++) {
		bool ws = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
		if (ws && (q == h || q[-1] == ' '))
			continue;
		*q++ = ws ? ' ' : *s;
	}
	while (q > h && q[-1] == ' ')
		q--;
	*q = '\0';
	s += strspn(s, " \t\n\r");
	*whole = *s == '\0';
	return h;
}

static int collect_items(PopplerStructureElementIter *iter, int depth, int nest,
			 litems_t *it)
{
	if (nest > MAX_DEPTH)
		return PDX_OK;
	int rc = PDX_OK;
	do {
		PopplerStructureElement *el = poppler_structure_element_iter_get_element(iter);
		if (!el)
			continue;
		PopplerStructureElementKind kind = poppler_structure_element_get_kind(el);
		if (kind == POPPLER_STRUCTURE_ELEMENT_LIST_ITEM && it->n < MAX_ITEMS) {
			char *t = poppler_structure_element_get_text(el,
					POPPLER_STRUCTURE_GET_TEXT_RECURSIVE);
			bool whole = false;
			char *h = t ? head_of(t, &whole) : NULL;
			g_free(t);
			if (h && *h) {
				if (it->n == it->cap) {
					size_t cap = it->cap ? it->cap * 2 : 64;
					litem_t *v = realloc(it->v, cap * sizeof *v);
					if (!v) {
						free(h);
						g_object_unref(el);
						return PDX_ENOMEM;
					}
					it->v = v;
					it->cap = cap;
				}
				it->v[it->n++] = (litem_t){ h, whole, depth > 0 ? depth : 1 };
			} else {
				free(h);
			}
		}
		PopplerStructureElementIter *child = poppler_structure_element_iter_get_child(iter);
		if (child) {
			size_t from = it->n;
			rc = collect_items(child, depth + (kind == POPPLER_STRUCTURE_ELEMENT_LIST),
					   nest + 1, it);
			poppler_structure_element_iter_free(child);
			/* a list of nothing but a few words an item (a site's
			 * menu or footer links) is no list of the document's */
			bool links = kind == POPPLER_STRUCTURE_ELEMENT_LIST && it->n > from;
			for (size_t i = from; links && i < it->n; i++)
				links = it->v[i].whole && strlen(it->v[i].head) < 24;
			while (links && it->n > from)
				free(it->v[--it->n].head);
		}
		g_object_unref(el);
	} while (rc == PDX_OK && poppler_structure_element_iter_next(iter));
	return rc;
}

static int list_items(PopplerDocument *pdf, litems_t *it)
{
	PopplerStructureElementIter *iter = poppler_structure_element_iter_new(pdf);
	if (!iter)
		return PDX_OK;	/* not tagged */
	int rc = collect_items(iter, 0, 0, it);
	poppler_structure_element_iter_free(iter);
	return rc;
}

/* Does this line begin the next list item (or one of the few after it,
 * should an item's text not be on the page)? Then its depth, else 0. A
 * short item must be the whole line; a longer one must share its first
 * bytes with the line, eight at least. */
static int starts_item(litems_t *it, const char *line)
{
	if (it->next >= it->n)
		return 0;
	bool whole = false;
	char *h = head_of(line, &whole);
	if (!h)
		return 0;
	int depth = 0;
	for (size_t k = it->next; k < it->n && k < it->next + 4 && !depth; k++) {
		const litem_t *want = &it->v[k];
		size_t n = strlen(want->head) < strlen(h) ? strlen(want->head) : strlen(h);
		bool match = want->whole ? whole && strcmp(h, want->head) == 0
					 : n >= 8 && strncmp(h, want->head, n) == 0;
		if (match) {
			depth = want->depth;
			it->next = k + 1;
		}
	}
	free(h);
	return depth;
}


/* Lay the kept lines out as pdftotext does: a blank line where the gap
 * above a line is wider than a line's spacing allows (or the type size
 * changes), a form feed before each page but the first. A bullet set
 * further in than the document's first-level bullets is indented four
 * spaces, which the text reader takes as a nested item; a line that starts
 * an item of a tagged list gets the bullet typed. first_line[i] gets
 * the output line page i+1 starts on. */
static int layout(const ppage_t *pg, size_t npages, litems_t *items, pdx_buf *out,
		  int *first_line)
{
	double bullet_x = INFINITY;
	for (size_t i = 0; i < npages; i++)
		for (size_t j = 0; j < pg[i].n; j++)
			if (!pg[i].v[j].drop && pg[i].v[j].x >= 0 && bullet_start(pg[i].v[j].text))
				bullet_x = fmin(bullet_x, pg[i].v[j].x);
	double doc_gap = usual_gap(pg, npages);
	if (isnan(doc_gap))
		return PDX_ENOMEM;
	int line = 1;
	for (size_t i = 0; i < npages; i++) {
		const ppage_t *p = &pg[i];
		/* the usual gap between lines: this page's, or the
		 * document's where a short page has mostly paragraph gaps */
		double usual = usual_gap(p, 1);
		if (isnan(usual))
			return PDX_ENOMEM;
		usual = fmin(usual, doc_gap);

		bool first = true;
		const pline_t *prev = NULL;
		first_line[i] = line;
		for (size_t j = 0; j < p->n; j++) {
			const pline_t *l = &p->v[j];
			if (l->drop)
				continue;
			if (first && i > 0) {
				pdx_buf_adds(out, "\n\f");
				line++;
				first_line[i] = line;
			}
			if (prev && l->top >= 0 && prev->top >= 0) {
				double h = fmin(prev->bottom - prev->top, l->bottom - l->top);
				double hp = prev->bottom - prev->top, hl = l->bottom - l->top;
				bool gap = l->top <= prev->top ||	/* a new column */
					   l->top - prev->bottom > usual + 0.5 * h ||
					   fabs(hp - hl) > 0.2 * fmax(hp, hl);
				if (gap) {
					pdx_buf_addc(out, '\n');
					line++;
				}
			}
			int depth = starts_item(items, l->text);
			if (depth && !bullet_start(l->text))
				pdx_buf_adds(out, depth > 1 ? "    \u2022 " : "\u2022 ");
			else if (l->x >= 0 && bullet_start(l->text) && l->x > bullet_x + 12)
				pdx_buf_adds(out, "    ");
			pdx_buf_adds(out, l->text);
			pdx_buf_addc(out, '\n');
			line++;
			first = false;
			prev = l;
		}
		if (first)	/* a page without text keeps its place */
			first_line[i] = line;
	}
	return pdx_buf_status(out);
}

/* The page whose text holds the given output line. */
static int page_of(const int *first_line, size_t npages, int line)
{
	size_t lo = 0, hi = npages;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (first_line[mid] <= line)
			lo = mid;
		else
			hi = mid;
	}
	return (int)lo + 1;
}

/* Does the file end as a whole PDF does, with %%EOF in its last kilobyte?
 * poppler would rebuild a cut file's cross-reference table and read what
 * is left, silently losing the rest. */
static bool has_eof_marker(const char *buf, size_t len)
{
	size_t from = len > 1024 ? len - 1024 : 0;
	for (size_t i = from; i + 5 <= len; i++)
		if (memcmp(buf + i, "%%EOF", 5) == 0)
			return true;
	return false;
}

int read_pdf(const char *buf, size_t len, pdx_doc *doc, char *err, size_t errlen)
{
	int rc = PDX_OK;
	GBytes *bytes = NULL;
	PopplerDocument *pdf = NULL;
	ppage_t *pg = NULL;
	int *first_line = NULL;
	size_t npages = 0;
	litems_t items = { 0 };
	pdx_buf text;
	pdx_buf_init(&text);

	if (len < 8 || !has_eof_marker(buf, len)) {
		snprintf(err, errlen, "truncated PDF (no %%%%EOF at the end of its %zu bytes)", len);
		rc = PDX_EFORMAT;
		goto out;
	}
	/* poppler reads the caller's bytes in place: the document is freed
	 * before they are */
	bytes = g_bytes_new_static(buf, len);
	GError *gerr = NULL;
	pdf = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	if (!pdf) {
		if (gerr && g_error_matches(gerr, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
			snprintf(err, errlen, "encrypted PDF (it needs a password to open)");
		else
			snprintf(err, errlen, "broken PDF (%s)",
				 gerr && gerr->message ? gerr->message : "poppler cannot open it");
		g_clear_error(&gerr);
		rc = PDX_EFORMAT;
		goto out;
	}
	int n = poppler_document_get_n_pages(pdf);
	if (n <= 0) {
		snprintf(err, errlen, "broken PDF (no pages)");
		rc = PDX_EFORMAT;
		goto out;
	}
	if (n > PDF_MAX_PAGES) {
		snprintf(err, errlen, "PDF of %d pages, more than %d", n, PDF_MAX_PAGES);
		rc = PDX_EFORMAT;
		goto out;
	}
	npages = (size_t)n;
	pg = calloc(npages, sizeof *pg);
	first_line = calloc(npages, sizeof *first_line);
	if (!pg || !first_line) {
		rc = PDX_ENOMEM;
		goto out;
	}
	size_t total = 0, with_text = 0;
	for (int i = 0; i < n; i++) {
		PopplerPage *page = poppler_document_get_page(pdf, i);
		if (!page) {
			snprintf(err, errlen, "broken PDF (cannot read page %d)", i + 1);
			rc = PDX_EFORMAT;
			goto out;
		}
		rc = page_lines(page, &pg[i], &total, i + 1, err, errlen);
		g_object_unref(page);
		if (rc)
			goto out;
		with_text += pg[i].n > 0;
	}
	if (with_text == 0) {
		snprintf(err, errlen, "no text layer in %d page%s (a scan or images only; "
			 "run OCR first, e.g. ocrmypdf)", n, n == 1 ? "" : "s");
		rc = PDX_EFORMAT;
		goto out;
	}
	rc = mark_running(pg, npages);
	if (rc == PDX_OK)
		rc = list_items(pdf, &items);
	if (rc == PDX_OK)
		rc = layout(pg, npages, &items, &text, first_line);
	if (rc)
		goto out;
	if (text.len == 0) {
		snprintf(err, errlen, "no text content besides running headers and footers");
		rc = PDX_EFORMAT;
		goto out;
	}
	rc = read_text(text.s, text.len, doc, err, errlen);
	if (rc)
		goto out;
	for (size_t i = 0; i < doc->nblocks; i++)
		doc->blocks[i].page = page_of(first_line, npages, doc->blocks[i].line);
	if (!doc->title) {
		char *t = poppler_document_get_title(pdf);
		rc = doc_set(&doc->title, t);
		g_free(t);
	}
out:
	litems_free(&items);
	pdx_buf_clear(&text);
	free(first_line);
	pages_free(pg, npages);
	if (pdf)
		g_object_unref(pdf);
	if (bytes)
		g_bytes_unref(bytes);
	return rc;
}
