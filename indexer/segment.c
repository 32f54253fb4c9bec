/* segment.c - blocks to policy-action records.
 *
 * The plan is cut by its own structure (pillar heading, section heading,
 * "Recommended Policy Actions", bullets), orders and proclamations by their
 * numbered sections and lettered subsections, and a "Key policies ...
 * include" list into key policies; every other block stays searchable as a
 * heading, paragraph or list item. Nothing here knows the source format. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "polidex/pillar.h"
#include "rx.h"
#include "segment.h"
#include "polidex/util.h"

enum {
	RX_PILLAR,
	RX_ACTIONS,
	RX_SECTION,
	RX_SECTION_BARE,
	RX_SUBSECTION,
	RX_KEY_INTRO,
	RX_LABEL_COLON,
	RX_CAPS_START,
	RX_ORDERED,
	RX_PROCLAMATION,
	RX_MEMORANDUM,
	RX_STANDING,
	RX_RELEASE,
	RX_FR_HEADER,
	RX_COUNT
};

static const struct { const char *pattern; uint32_t options; } patterns[RX_COUNT] = {
	[RX_PILLAR] = { "^Pillar\\s+(I{1,3}|[1-3])\\b", PCRE2_CASELESS },
	[RX_ACTIONS] = { "^Recommended\\s+Policy\\s+Actions\\s*:?$", PCRE2_CASELESS },
	/* "Sec. 5.  Efficient Environmental Reviews.  (a) Within ..." */
	[RX_SECTION] = { "^(?:Section|Sec)\\s*\\.?\\s*(\\d{1,3})\\s*\\.\\s*(.*)$", PCRE2_DOTALL },
	[RX_SECTION_BARE] = { "^(?:Section|Sec)\\s*\\.?\\s*\\d{1,3}\\s*\\.?$", 0 },
	[RX_SUBSECTION] = { "^\\(([a-z])\\)\\s", 0 },
	[RX_KEY_INTRO] = { "\\bkey\\s+(?:policies|actions|measures|provisions)\\b.*\\binclude[sd]?\\s*:\\s*$", PCRE2_CASELESS },
	[RX_LABEL_COLON] = { "^\\p{Lu}[^:.!?]{2,80}:\\s+\\S", 0 },
	[RX_CAPS_START] = { "^\\p{Lu}[\\p{Lu}'\u2019.,]+\\s+\\p{Lu}[\\p{Lu}'\u2019.,]*(?:\\s|$)", 0 },
	[RX_ORDERED] = { "\\bit is hereby ordered\\b", PCRE2_CASELESS },
	[RX_PROCLAMATION] = { "^(?:A\\s+)?PROCLAMATION$|\\bdo hereby proclaim\\b", 0 },
	/* a presidential memorandum's address line ("MEMORANDUM FOR THE
	 * SECRETARY OF STATE") or its own heading */
	[RX_MEMORANDUM] = { "^(?:PRESIDENTIAL\\s+)?MEMORANDUM(?:\\s+FOR\\b.*)?$", 0 },
	/* the document's standing provisions, unnumbered at a memorandum's
	 * end: not part of the subsection above them */
	[RX_STANDING] = { "^(?:This\\s+(?:order|memorandum|proclamation)\\s+(?:shall|is|does)\\b|"
			  "Nothing\\s+in\\s+this\\s+(?:order|memorandum|proclamation)\\b|"
			  "You\\s+are\\s+(?:hereby\\s+)?authorized\\s+and\\s+directed\\s+to\\s+publish\\b)", 0 },
	[RX_RELEASE] = { "^(?:Today,|The White House today\\b|\\S.{0,120}\\b(?:today )?announced\\b)", 0 },
	[RX_FR_HEADER] = { "^\\[Federal Register\\b|^AGENCY:", 0 },
};

static pdx_rx *rx_cache[RX_COUNT];
static pthread_once_t rx_once = PTHREAD_ONCE_INIT;

static void rx_compile_all(void)
{
	for (int i = 0; i < RX_COUNT; i++)
		rx_cache[i] = rx_new(patterns[i].pattern, patterns[i].options);
}

/* Patterns are compiled on first use, once whatever the threads, and
 * live as long as the process. */
static const pdx_rx *rx(int which)
{
	pthread_once(&rx_once, rx_compile_all);
	return rx_cache[which];
}

static bool matches(int which, const char *s)
{
	const pdx_rx *r = rx(which);
	return r && rx_test(r, s);
}

const char *segment_pillar_roman(int pillar)
{
	static const char *const roman[] = { "", "I", "II", "III" };
	return pillar >= 1 && pillar <= 3 ? roman[pillar] : "";
}

static int pillar_of_heading(const char *text)
{
	size_t ov[4];
	const pdx_rx *r = rx(RX_PILLAR);
	if (!r || rx_match(r, text, strlen(text), 0, ov, 2) < 2)
		return 0;
	const char *n = text + ov[2];
	size_t len = ov[3] - ov[2];
	if (*n >= '1' && *n <= '3')
		return *n - '0';
	return (int)len;	/* I, II, III */
}

void segment_classify(pdx_doc *doc)
{
	if (doc->kind)
		return;
	bool pillar = false, actions = false, ordered = false, sections = false,
	     procl = false, memo = false, signed_wh = false;
	for (size_t i = 0; i < doc->nblocks; i++) {
		const char *t = doc->blocks[i].text;
		if (doc->blocks[i].type == PDX_HEADING && pillar_of_heading(t))
			pillar = true;
		if (matches(RX_ACTIONS, t))
			actions = true;
		if (matches(RX_ORDERED, t))
			ordered = true;
		if (matches(RX_SECTION, t) || matches(RX_SECTION_BARE, t))
			sections = true;
		if (i < 12 && matches(RX_PROCLAMATION, t))
			procl = true;
		if (i < 12 && matches(RX_MEMORANDUM, t))
			memo = true;
		if (strstr(t, "THE WHITE HOUSE,"))
			signed_wh = true;
	}
	const char *kind = "other";
	const char *first = doc->nblocks ? doc->blocks[0].text : "";
	const char *lang = doc->lang ? doc->lang : doc_guess_lang(doc);
	if (pillar && actions)
		kind = "plan";
	else if (procl && sections)
		kind = "proclamation";
	else if (ordered && sections)
		kind = "executive_order";
	else if (memo && sections)
		kind = "memorandum";
	/* an order whose page left out its enacting clause: its sections
	 * and a White House signature or address say what it is */
	else if (sections && (signed_wh || (doc->source_url && strstr(doc->source_url, "/presidential-actions/"))))
		kind = "executive_order";
	else if (doc->title && strncasecmp(doc->title, "Fact Sheet", 10) == 0)
		kind = "fact_sheet";
	else if (strcmp(doc->format, "fr-xml") == 0 || matches(RX_FR_HEADER, first))
		kind = "notice";
	else if (strcmp(lang, "zh") == 0)
		kind = "news";
	else {
		for (size_t i = 0; i < doc->nblocks && i < 4; i++)
			if (doc->blocks[i].type == PDX_PARAGRAPH &&
			    matches(RX_RELEASE, doc->blocks[i].text))
				kind = "press_release";
	}
	doc_set(&doc->kind, kind);
}

/* Short, stable name of the document for keys: "eo-14318",
 * "proclamation-10973", else the file name's stem (cut at 48 bytes on a
 * dash), with "/<part>" for an article of a clippings file. Caller frees. */
static char *doc_slug(const pdx_doc *doc)
{
	const char *base = strrchr(doc->path, '/');
	base = base ? base + 1 : doc->path;
	size_t n = strlen(base);
	const char *dot = strchr(base, '.');
	if (dot)
		n = (size_t)(dot - base);
	static const char *const tags[] = { "eo-", "proclamation-", NULL };
	pdx_buf b;
	pdx_buf_init(&b);
	bool done = false;
	/* an order's number, where its text or its reader gives it, names
	 * it whatever the file is called: its renditions share their keys */
	if (doc->number && doc->subtype && (!strcmp(doc->subtype, "executive_order") ||
					    !strcmp(doc->subtype, "proclamation"))) {
		pdx_buf_printf(&b, "%s-%s", doc->subtype[0] == 'e' ? "eo" : "proclamation", doc->number);
		done = true;
	}
	for (int i = 0; tags[i] && !done; i++) {
		const char *p = base;
		size_t tl = strlen(tags[i]);
		while ((p = strstr(p, tags[i])) != NULL && (size_t)(p - base) < n) {
			const char *d = p + tl;
			size_t k = 0;
			while (d[k] >= '0' && d[k] <= '9')
				k++;
			if (k >= 3 && (p == base || p[-1] == '-')) {
				pdx_buf_add(&b, p, tl + k);
				done = true;
				break;
			}
			p += tl;
		}
	}
	if (!done) {
		size_t cut = n;
		if (cut > 48) {
			cut = 48;
			while (cut > 16 && base[cut] != '-')
				cut--;
		}
		pdx_buf_add(&b, base, cut);
	}
	if (doc->part)
		pdx_buf_printf(&b, "/%d", doc->part);
	return pdx_buf_take(&b);
}

/* Start a record for block b with the given kind and key suffix. */
static pdx_record *new_record(pdx_records *recs, const pdx_doc *doc,
			      const pdx_block *b, pdx_record_kind kind,
			      const char *slug, const char *keyfmt, int n)
{
	pdx_record *r = records_add(recs);
	if (!r)
		return NULL;
	pdx_buf key;
	pdx_buf_init(&key);
	pdx_buf_adds(&key, slug);
	pdx_buf_addc(&key, ':');
	pdx_buf_printf(&key, keyfmt, n);
	r->key = pdx_buf_take(&key);
	r->kind = kind;
	r->text = pdx_strdup(b->text);
	r->lang = pdx_strdup(pdx_text_is_zh(b->text) ? "zh" :
			  (doc->lang ? doc->lang : "en"));
	r->line = b->line;
	r->page = b->page;
	if (!r->key || !r->text || !r->lang)
		return NULL;
	return r;
}

static int append_text(pdx_record *r, const char *text)
{
	pdx_buf b;
	pdx_buf_init(&b);
	if (pdx_buf_adds(&b, r->text) || pdx_buf_addc(&b, ' ') || pdx_buf_adds(&b, text)) {
		pdx_buf_clear(&b);
		return PDX_ENOMEM;
	}
	free(r->text);
	r->text = pdx_buf_take(&b);
	return PDX_OK;
}

static int set_section(pdx_record *r, const char *section)
{
	if (!section)
		return PDX_OK;
	r->section = pdx_strdup(section);
	return r->section ? PDX_OK : PDX_ENOMEM;
}

/* The plan: pillar and section from the headings, one record per bullet
 * under "Recommended Policy Actions"; deeper bullets belong to their
 * action. */
static int segment_plan(pdx_doc *doc, pdx_records *recs, const char *slug)
{
	int pillar = 0, sec_n = 0, act_n = 0;
	const char *section = NULL;
	bool in_actions = false, counted = false;
	pdx_record *last_action = NULL;

	for (size_t i = 0; i < doc->nblocks; i++) {
		const pdx_block *b = &doc->blocks[i];
		pdx_record *r = NULL;
		if (b->type == PDX_HEADING) {
			int p = pillar_of_heading(b->text);
			if (p) {
				pillar = p;
				sec_n = 0;
				section = NULL;
				in_actions = false;
			} else if (matches(RX_ACTIONS, b->text)) {
				in_actions = true;
				if (!counted && pillar) {
					sec_n++;
					act_n = 0;
					counted = true;
				}
			} else {
				section = b->text;
				in_actions = false;
				counted = false;
			}
			last_action = NULL;
			r = new_record(recs, doc, b, PDX_REC_HEADING, slug, "h%d", (int)i + 1);
		} else if (b->type == PDX_ITEM && in_actions && pillar && b->level > 1 && last_action) {
			if (append_text(last_action, b->text))
				return PDX_ENOMEM;
			continue;
		} else if (b->type == PDX_ITEM && in_actions && pillar) {
			char key[64];
			snprintf(key, sizeof key, "aiap:%s.%d.%d",
				 segment_pillar_roman(pillar), sec_n, ++act_n);
			r = records_add(recs);
			if (!r)
				return PDX_ENOMEM;
			r->key = pdx_strdup(key);
			r->kind = PDX_REC_RECOMMENDED_ACTION;
			r->text = pdx_strdup(b->text);
			r->lang = pdx_strdup(doc->lang ? doc->lang : "en");
			r->line = b->line;
			r->page = b->page;
			last_action = r;
		} else {
			pdx_record_kind kind = b->type == PDX_ITEM ? PDX_REC_LIST_ITEM : PDX_REC_PARAGRAPH;
			r = new_record(recs, doc, b, kind, slug,
				       b->type == PDX_ITEM ? "li%d" : "p%d", (int)i + 1);
		}
		if (!r || !r->key || !r->text)
			return PDX_ENOMEM;
		if (pillar) {
			r->pillar = pillar;
			r->pillar_source = pdx_strdup("structure");
		}
		/* headings carry no section: a section heading would count
		 * its words twice, and a "Recommended Policy Actions" label
		 * would match every search for its section's words */
		if (b->type != PDX_HEADING)
			if (set_section(r, section))
				return PDX_ENOMEM;
	}
	return PDX_OK;
}

/* Orders and proclamations: "Sec. N. Title. (a) ..." sections, lettered
 * subsections as their own records, (i)/(A) items kept in their
 * subsection; the signature block (capitals) ends the body. */
static int segment_order(pdx_doc *doc, pdx_records *recs, const char *slug)
{
	int sec = 0;
	char sub = 0;
	bool ended = false;
	char *title = NULL;
	pdx_record *cur = NULL;
	pdx_buf merged;
	pdx_buf_init(&merged);
	int rc = PDX_OK;

	for (size_t i = 0; i < doc->nblocks && rc == PDX_OK; i++) {
		pdx_block blk = doc->blocks[i];
		if (blk.type == PDX_HEADING) {
			cur = new_record(recs, doc, &blk, PDX_REC_HEADING, slug, "h%d", (int)i + 1);
			rc = cur ? PDX_OK : PDX_ENOMEM;
			cur = NULL;
			continue;
		}
		/* "Section 1." and "Restriction on Entry." may stand alone:
		 * join them with what follows */
		pdx_buf_clear(&merged);
		pdx_buf_adds(&merged, blk.text);
		while (i + 1 < doc->nblocks && doc->blocks[i + 1].type != PDX_HEADING) {
			size_t ov[6];
			const pdx_rx *s = rx(RX_SECTION);
			bool bare = matches(RX_SECTION_BARE, merged.s);
			bool title_only = rx_match(s, merged.s, merged.len, 0, ov, 3) >= 3 &&
					  ov[5] > ov[4] && merged.s[merged.len - 1] == '.' &&
					  strstr(merged.s + ov[4], ". ") == NULL &&
					  merged.len - ov[4] < 120;
			if (!bare && !title_only)
				break;
			pdx_buf_addc(&merged, ' ');
			pdx_buf_adds(&merged, doc->blocks[++i].text);
		}
		blk.text = merged.s;

		size_t ov[6];
		const pdx_rx *s = rx(RX_SECTION);
		if (!ended && rx_match(s, blk.text, merged.len, 0, ov, 3) >= 3) {
			sec = atoi(blk.text + ov[2]);
			sub = 0;
			const char *rest = blk.text + ov[4];
			const char *dot = strstr(rest, ". ");
			size_t tl = dot ? (size_t)(dot - rest) : strlen(rest);
			if (tl && rest[tl - 1] == '.')
				tl--;
			free(title);
			title = pdx_strndup(rest, tl);
			const char *body = dot ? dot + 2 : rest + strlen(rest);
			while (*body == ' ')
				body++;
			char label[32];
			pdx_block bb = blk;
			bb.text = (char *)body;
			if (body[0] == '(' && body[1] == 'a' && body[2] == ')') {
				sub = 'a';
				snprintf(label, sizeof label, "Sec. %d(a)", sec);
			} else {
				snprintf(label, sizeof label, "Sec. %d", sec);
				if (!*body)
					bb.text = title;
			}
			char keyfmt[40];
			snprintf(keyfmt, sizeof keyfmt, "sec.%d%s", sec, sub ? "(a)" : "");
			cur = new_record(recs, doc, &bb, PDX_REC_ORDER_SECTION, slug, keyfmt, 0);
			if (!cur || !(cur->label = pdx_strdup(label)) || set_section(cur, title))
				rc = PDX_ENOMEM;
			continue;
		}
		size_t sv[4];
		const pdx_rx *ss = rx(RX_SUBSECTION);
		if (!ended && sec && rx_match(ss, blk.text, merged.len, 0, sv, 2) >= 2 &&
		    blk.text[1] == (sub ? sub + 1 : 'a')) {
			sub = blk.text[1];
			char label[32], keyfmt[40];
			snprintf(label, sizeof label, "Sec. %d(%c)", sec, sub);
			snprintf(keyfmt, sizeof keyfmt, "sec.%d(%c)", sec, sub);
			cur = new_record(recs, doc, &blk, PDX_REC_ORDER_SECTION, slug, keyfmt, 0);
			if (!cur || !(cur->label = pdx_strdup(label)) || set_section(cur, title))
				rc = PDX_ENOMEM;
			continue;
		}
		if (sec && matches(RX_CAPS_START, blk.text))
			ended = true;
		if (!ended && cur && sec && !matches(RX_STANDING, blk.text)) {
			rc = append_text(cur, blk.text);
			continue;
		}
		pdx_record_kind kind = blk.type == PDX_ITEM ? PDX_REC_LIST_ITEM : PDX_REC_PARAGRAPH;
		cur = new_record(recs, doc, &blk, kind, slug,
				 blk.type == PDX_ITEM ? "li%d" : "p%d", (int)i + 1);
		rc = cur ? PDX_OK : PDX_ENOMEM;
		cur = NULL;
	}
	pdx_buf_clear(&merged);
	free(title);
	return rc;
}

/* Everything else: headings, paragraphs and list items, with the items
 * of a "Key policies ... include:" list as key policies. */
static int segment_generic(pdx_doc *doc, pdx_records *recs, const char *slug)
{
	const char *section = NULL;
	bool key_list = false;
	int kp = 0;
	for (size_t i = 0; i < doc->nblocks; i++) {
		const pdx_block *b = &doc->blocks[i];
		pdx_record *r;
		if (key_list && (b->type == PDX_ITEM ||
		    (b->type == PDX_PARAGRAPH && matches(RX_LABEL_COLON, b->text)))) {
			r = new_record(recs, doc, b, PDX_REC_KEY_POLICY, slug, "kp%d", ++kp);
		} else {
			key_list = false;
			pdx_record_kind kind = b->type == PDX_HEADING ? PDX_REC_HEADING :
					       b->type == PDX_ITEM ? PDX_REC_LIST_ITEM : PDX_REC_PARAGRAPH;
			const char *fmt = b->type == PDX_HEADING ? "h%d" :
					  b->type == PDX_ITEM ? "li%d" : "p%d";
			r = new_record(recs, doc, b, kind, slug, fmt, (int)i + 1);
			if (b->type == PDX_PARAGRAPH && matches(RX_KEY_INTRO, b->text))
				key_list = true;
		}
		if (!r)
			return PDX_ENOMEM;
		if (b->type == PDX_HEADING) {
			if (!doc->title || strcmp(doc->title, b->text) != 0)
				section = b->text;
			continue;
		}
		if (set_section(r, section))
			return PDX_ENOMEM;
	}
	return PDX_OK;
}

/* A paragraph of a Chinese article that reads as a subheading: short,
 * "topic: gloss" with a full-width colon inside, no sentence in it. */
static bool zh_pseudo_heading(const char *t)
{
	const char *colon = strstr(t, "\uff1a");
	if (!colon)
		colon = strchr(t, ':');
	if (!colon || strlen(t) > 120)
		return false;
	colon += *colon == ':' ? 1 : 3;
	static const char *const ends[] = { "\u3002", "\uff1b", ";", "\uff01", "!", NULL };
	for (int i = 0; ends[i]; i++)
		if (strstr(t, ends[i]))
			return false;
	return *colon != '\0';
}

/* A Chinese article's own pillar headings place what stands under them,
 * by structure. The pillar names may also appear as a list (three
 * headings in a row, or a heading that speaks of all three pillars): a
 * heading sets a pillar only when content follows it and the heading
 * before it names none. A subheading-like paragraph naming a pillar
 * (技术外交与出口：...) sets it too, until the next heading. Records
 * first.. are the blocks of doc, one each (segment_generic). */
static int zh_structure(const pdx_doc *doc, pdx_records *recs, size_t first)
{
	const pdx_pillar_terms *t = pillar_terms_builtin();
	if (!t || recs->n - first != doc->nblocks)
		return PDX_OK;
	int cur = 0, prev_named = 0;
	for (size_t i = 0; i < doc->nblocks; i++) {
		const pdx_block *b = &doc->blocks[i];
		if (b->type == PDX_HEADING) {
			int p = pillar_heading_names(t, b->text);
			bool content = i + 1 < doc->nblocks && doc->blocks[i + 1].type != PDX_HEADING;
			cur = p && content && !prev_named ? p : 0;
			prev_named = p;
		} else {
			prev_named = 0;
			int p = b->type == PDX_PARAGRAPH && zh_pseudo_heading(b->text)
				? pillar_heading_names(t, b->text) : 0;
			if (p)
				cur = p;
		}
		pdx_record *r = &recs->v[first + i];
		if (cur && !r->pillar) {
			r->pillar = cur;
			if (!(r->pillar_source = pdx_strdup("structure")))
				return PDX_ENOMEM;
		}
	}
	return PDX_OK;
}

typedef struct {
	const char *key;
	size_t i;
} key_at;

static int cmp_key_at(const void *a, const void *b)
{
	const key_at *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* A record's key names it within its document (the database holds one
 * record per document and key). A document may number its parts twice:
 * two plans in one file, an order quoting another's sections. The second
 * record of a key and the ones after it become KEY~2, KEY~3, ... in
 * document order, so that every record is kept; a suffix may meet a key
 * the document has, hence the rounds. */
static int unique_keys(pdx_records *recs, size_t first)
{
	size_t n = recs->n - first;
	if (n < 2)
		return PDX_OK;
	key_at *v = malloc(n * sizeof *v);
	if (!v)
		return PDX_ENOMEM;
	int rc = PDX_OK;
	for (bool dup = true; dup && rc == PDX_OK;) {
		dup = false;
		for (size_t k = 0; k < n; k++)
			v[k] = (key_at){ recs->v[first + k].key, first + k };
		qsort(v, n, sizeof *v, cmp_key_at);
		/* base: the key of the run's first record, which keeps it */
		const char *base = v[0].key;
		for (size_t k = 1, run = 1; k < n && rc == PDX_OK; k++) {
			if (strcmp(v[k].key, base) != 0) {
				base = v[k].key;
				run = 1;
				continue;
			}
			dup = true;
			pdx_buf b;
			pdx_buf_init(&b);
			pdx_buf_printf(&b, "%s~%zu", base, ++run);
			char *key = pdx_buf_take(&b);
			if (!key) {
				rc = PDX_ENOMEM;
				break;
			}
			free(recs->v[v[k].i].key);
			recs->v[v[k].i].key = key;
		}
	}
	free(v);
	return rc;
}

int segment_document(pdx_doc *doc, pdx_records *recs)
{
	segment_classify(doc);
	char *slug = doc_slug(doc);
	if (!slug)
		return PDX_ENOMEM;
	int rc;
	if (strcmp(doc->kind, "plan") == 0)
		rc = segment_plan(doc, recs, slug);
	else if (strcmp(doc->kind, "executive_order") == 0 ||
		 strcmp(doc->kind, "proclamation") == 0 || strcmp(doc->kind, "memorandum") == 0)
		rc = segment_order(doc, recs, slug);
	else {
		size_t first = recs->n;
		const char *lang = doc->lang ? doc->lang : doc_guess_lang(doc);
		rc = segment_generic(doc, recs, slug);
		if (rc == PDX_OK && strcmp(lang, "zh") == 0)
			rc = zh_structure(doc, recs, first);
	}
	free(slug);
	return rc == PDX_OK ? unique_keys(recs, 0) : rc;
}

void segment_mark_events(const pdx_doc *doc, pdx_records *recs)
{
	static const char *const doc_kinds[] = { "notice", "rule", "proposed_rule", "press_release",
		"news", NULL };
	static const pdx_time_kind events[] = { PDX_TIME_OPENS, PDX_TIME_CLOSES,
		PDX_TIME_EFFECTIVE, PDX_TIME_DEADLINE, PDX_TIME_NOTIFICATION, PDX_TIME_EXPIRES };
	bool eligible = false;
	for (int i = 0; doc_kinds[i]; i++)
		eligible |= doc->kind && strcmp(doc->kind, doc_kinds[i]) == 0;
	if (!eligible)
		return;
	for (size_t i = 0; i < recs->n; i++) {
		pdx_record *r = &recs->v[i];
		if (r->kind != PDX_REC_PARAGRAPH && r->kind != PDX_REC_LIST_ITEM)
			continue;
		for (size_t t = 0; t < r->ntimes; t++) {
			bool ev = false;
			for (size_t e = 0; e < sizeof events / sizeof *events; e++)
				ev |= r->times[t].kind == events[e];
			if (ev && r->times[t].value) {
				r->kind = PDX_REC_NOTICE_EVENT;
				break;
			}
		}
	}
}
