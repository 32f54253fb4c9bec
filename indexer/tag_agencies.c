/* agencies_tag.c - finding gazetteer bodies in record text and giving each
 * the role the sentence gives it.
 *
 * Names are found with the gazetteer's byte trie (longest match at each word
 * start, any character start in Chinese), plus the acronyms the document
 * defines and coordinated forms ("the Commerce and State Departments").
 * Names joined by list or chain words ("X, Y, and Z", "X at Y", "X through
 * Y's Z") form one list, and a list takes its role from the clause around
 * it: the words before it ("Led by", "in collaboration with") and after it
 * ("should", "shall", "-led"). The patterns are PCRE2, compiled once per
 * gazetteer in agencies_compile. */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/agencies_int.h"	/* TODO(restructure): the tagger keeps its own patterns */
#include "rx.h"
#include "polidex/util.h"

/* Filler words between a trigger and the list it governs: "Through
 * collaboration with industry, NIST", "agencies such as the FDA". */
#define FILL "(?:(?:[\\w'\xe2\x80\x99&-]+\\s){0,5}[\\w'\xe2\x80\x99&-]+,?\\s(?:(?:and|or)\\s)?" \
	"(?:(?:to\\sinclude:?|including|such\\sas|like|namely|particularly|especially|notably)\\s)?)?(?:the\\s)?"

/* The office of a body's head: "instructs the Director of the" OMB. */
#define TITLE "(?:(?:assistant\\s|deputy\\s|under\\s|executive\\s)?(?:director|administrator|secretary|" \
	"chair|chairman|chairperson|head|commissioner)\\s(?:of|for)\\s(?:the\\s)?)?"
/* Punctuation that may open a clause before its subject. */
#define OPEN "[\\s\"'\xe2\x80\x9c\xe2\x80\x98\xe3\x80\x90\\[*\xe2\x80\x94\xe2\x80\x93-]*"
/* "The U.S. Department of Treasury". */
#define US "(?:(?:U\\.S\\.|US|United\\sStates|America's|America\xe2\x80\x99s)\\s)?"

#define SUPPORT_WITH \
	"\\b(?:collaborations?|coordination|consultations?|partnerships?|cooperation|conjunction|concert|engagement)" \
	"(?:\\s(?:and|or)\\s(?:collaboration|coordination|consultation|partnership|cooperation))?\\s(?:with|between|among)\\s"
#define SUPPORT_FROM \
	"\\bwith\\s(?:the\\s)?(?:support|input|assistance|help|participation|advice|contributions?|involvement|" \
	"cooperation|concurrence|feedback|expertise|guidance)\\s(?:of|from)\\s"
#define SUPPORT_VERB \
	"\\b(?:collaborat|coordinat|consult|partner|work|cooperat|engag|liais|team)\\w*\\s" \
	"(?:closely\\s|together\\s|jointly\\s|directly\\s)?with\\s"

static const char *const patterns[RX_COUNT] = {
	[RX_GAP] =
	"^(?!.*\\bincluding\\s(?:members|representatives|participants|staff|officials|experts))(?:"
	/* "DOC's revamped CHIPS Program Office": one modifier may stand
	 * between the owner and the office it owns */
	"(?:'s|\xe2\x80\x99s)\\s(?:[a-z][\\w-]*\\s)?"
	"|(?:'s|\xe2\x80\x99s)?\\s(?:at|within|in|through|via|under|inside|of)\\s"
	"(?:(?:its|their|the)\\s(?:[\\w&-]+\\s){0,6}?(?:at|within|in|of)\\s)?(?:the\\s)?"
	"|\\s?(?:[,;/\xe2\x80\x93-]|\xe3\x80\x81|\xef\xbc\x8c)?\\s?"
	"(?:(?:and|or|as\\swell\\sas|and/or|plus|together\\swith|along\\swith)\\s|和|与|與|及|以及|或)?"
	"(?:including\\s)?"
	"(?:(?:other|all|relevant|appropriate|members\\sof|member\\sagencies\\sof|components\\sof|"
	"elements\\sof|the|its|their|(?:assistant\\s|deputy\\s|under\\s|executive\\s)?"
	"(?:director|administrator|secretary|chair|chairman|chairperson|head|commissioner|members?)"
	"(?:\\sof)?)\\s)*"
	")\\z",

	[RX_PRE_LEAD] =
	"(?:\\b(?:led|managed|overseen|run|headed|chaired|administered|coordinated|conducted|implemented|"
	"executed|operated|sponsored|enabled|spearheaded|convened|hosted|carried\\sout|undertaken|"
	"performed|championed|driven|steered|staffed|housed)\\sby\\s" FILL
	"|\\bunder\\sthe\\s(?:auspices|leadership|direction|aegis|stewardship|oversight)\\sof\\s(?:the\\s)?"
	"|\\b(?:establish|create|launch|develop|set\\sup|stand\\sup|build|form|house|pilot|institute|"
	"convene|locate|situate)(?:s|es|ed|d)?\\b[^;:]*?\\s(?:at|within|under|inside)\\s(?:the\\s)?"
	"|\\b(?:direct|instruct|task|charge|call\\son|authorize|empower|delegate\\sto|assign\\sto)"
	"(?:s|es|ed|d|ing)?\\s(?:the\\s)?"
	"|由)" TITLE "\\z",

	[RX_PRE_THROUGH] =
	"\\b(?:through|via)\\s(?:(?:close\\s|continued\\s)?(?:collaboration|coordination|cooperation|"
	"partnerships?|work|efforts?|engagement|consultation)\\s(?:with|between|among|of|by)\\s)?" FILL TITLE "\\z",

	[RX_PRE_SUBJ] = "^" OPEN "(?:\\(\\w{1,5}\\)\\s)?(?:[A-Z][A-Za-z]*:\\s)?(?:the\\s)?" US TITLE "\\z",

	[RX_POST_MODAL] = "^(?!['\xe2\x80\x99]s)[^;:]{0,600}?\\b(?:shall|should|must)\\b",

	[RX_PRE_INIT] = "^" OPEN "(?:at|within|under|in)\\s(?:the\\s)?" TITLE "\\z",

	[RX_PRE_SUPPORT] =
	"(?:" SUPPORT_WITH "(?:the\\s)?|" SUPPORT_FROM "(?:the\\s)?|" SUPPORT_VERB "(?:the\\s)?"
	"|\\bincluding\\s(?:members|representatives|participants|staff|experts|officials)\\s(?:of|from)\\s(?:the\\s)?"
	"|\\bconsult(?:s|ing|ed)?\\s(?:the\\s)?"
	"|\\b(?:supported|assisted|advised|aided)\\sby\\s(?:the\\s)?"
	"|\\b(?<!consistent\\s)(?<!accordance\\s)(?<!compliance\\s)(?<!comply\\s)(?<!complies\\s)"
	"(?<!line\\s)(?<!filed\\s)(?<!file\\s)(?<!register\\s)(?<!registered\\s)(?<!contract\\s)"
	"(?<!contracts\\s)(?<!compared\\s)(?<!associated\\s)(?<!agreement\\s)with\\s(?:the\\s)?"
	"|会同|协同|協同|配合|联合|聯合)" TITLE "\\z",

	[RX_PRE_SUPPORT_LOOSE] =
	"(?:" SUPPORT_WITH "|" SUPPORT_FROM "|" SUPPORT_VERB ")" FILL TITLE "\\z",

	[RX_PRE_PASSIVE] =
	"\\b(?:be|been|being|is|are|was|were)\\s(?:\\w+ly\\s)?\\w+(?:ed|en|wn|un|lt|nt|ne)\\sby\\s" FILL TITLE "\\z",

	[RX_PRE_CLAUSE] =
	"(?:^|[,;:(]\\s?|[\xef\xbc\x8c\xe3\x80\x82\xef\xbc\x9a\xef\xbc\x9b\xef\xbc\x88]|"
	"\\b(?:that|which|and|but|while|where|today|now)\\s)" OPEN "(?:the\\s)?" US TITLE "\\z",

	[RX_PRE_AMBIG] = "\\b(?:the|by|with|through|via|from)\\s\\z",

	[RX_POST_LEAD] =
	"^(?:[-\xe2\x80\x93]led\\b"
	"|(?:\\s?[(\xef\xbc\x88][^)\xef\xbc\x89]{1,80}[)\xef\xbc\x89])?"
	"(?:,?\\s(?:and|or)\\s(?:(?:other|all|relevant|appropriate|academic|private|industry|interagency|"
	"federal|state|local|partner|participating|their|its|the)\\s)*(?:[\\w-]+\\s){0,2}?"
	"(?:agencies|partners|departments|bodies|entities|stakeholders|offices|components|organizations|"
	"institutions|councils|laboratories|labs|members|universities|companies|industry))?"
	"(?:,\\s(?:in\\s(?:consultation|coordination|collaboration|cooperation|partnership|conjunction)\\swith|"
	"acting\\sthrough|through|with\\sthe\\s(?:support|concurrence|assistance|advice)\\sof|as\\sappropriate|"
	"where\\sappropriate|consistent\\swith|to\\sthe\\sextent|together\\swith|along\\swith)[^;]{0,240}?,)?"
	"\\s(?:should|shall|will|must|may|can|(?:is|are)\\s(?:hereby\\s)?(?:directed|instructed|tasked|"
	"expected|encouraged|charged|responsible)|(?:has|have)\\sbeen\\s(?:directed|tasked|charged))\\b"
	"|(?:\\s?[(\xef\xbc\x88][^)\xef\xbc\x89]{1,40}[)\xef\xbc\x89])?(?:等[^，。；、]{0,12}?)?"
	"(?:牵头|牽頭|负责|負責|主导|主導))",

	[RX_POST_VERB] =
	"^(?:\\s?[(\xef\xbc\x88][^)\xef\xbc\x89]{1,80}[)\xef\xbc\x89])?(?:"
	"\\s(?:(?:is|are|has|have|will|shall|also|today|recently|jointly|hereby|now|formally|officially)\\s){0,2}"
	"(?:announc|releas|issu|request|launch|publish|unveil|seek|lead|direct|overse|administer|manag|"
	"coordinat|establish|develop|conduct|implement|propos|finaliz|award|invit|select|notif|updat|revis|"
	"approv|host|conven|recommend|solicit|expect|plan)\\w*"
	"|(?:近日|今日|日前|今天|正式|已经|已|将|也|还)?(?:宣布|发布|發布|公布|表示|推出|批准|启动|啟動|要求|计划|實施|实施)"
	/* A Chinese clause that opens with a body names its actor, unless
	 * the body qualifies a noun (的) or is listed (和, 与, 等). */
	"|(?![的之和与與及等、])\\p{Han})",

	[RX_PAREN] = "^(?:'s|\xe2\x80\x99s)?\\s?[(\xef\xbc\x88]\\s?([^()\xef\xbc\x88\xef\xbc\x89]{1,60}?)\\s?[)\xef\xbc\x89]",

	[RX_ANNOUNCE] =
	"^(?:\\s?[(\xef\xbc\x88][^)\xef\xbc\x89]{1,80}[)\xef\xbc\x89])?(?:,?\\s(?:today|recently|has|have|also))*"
	"\\s(?:announced|announces|released|releases|issued|issues|unveiled|unveils|published|publishes)\\b"
	"|^(?:\\s?[(\xef\xbc\x88][^)\xef\xbc\x89]{1,40}[)\xef\xbc\x89])?(?:近日|今日|日前|今天|正式|已经|已)?"
	"(?:宣布|发布|發布|公布)",
};

static pcre2_code *compile(const char *pat, uint32_t opts)
{
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | opts, &ec, &eo, NULL);
	if (re && rx_use_jit())
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);	/* optional: falls back */
	return re;
}

/* The short names of every department ("Commerce", "Homeland Security"),
 * longest first, as one alternation. */
static int short_alternation(const pdx_gazetteer *g, pdx_buf *b)
{
	const char **v = NULL;
	size_t n = 0, cap = 0;
	int rc = PDX_OK;
	for (size_t i = 0; i < g->n; i++)
		for (size_t k = 0; k < g->bodies[i].nshorts; k++) {
			if (n == cap) {
				cap = cap ? cap * 2 : 32;
				const char **nv = realloc(v, cap * sizeof *nv);
				if (!nv) {
					free(v);
					return PDX_ENOMEM;
				}
				v = nv;
			}
			const char *s = g->bodies[i].shorts[k];
			v[n++] = strncmp(s, "the ", 4) == 0 ? s + 4 : s;
		}
	for (size_t i = 1; i < n; i++)	/* insertion sort by length, longest first */
		for (size_t j = i; j > 0 && strlen(v[j]) > strlen(v[j - 1]); j--) {
			const char *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	rc = buf_adds(b, "(?:");
	for (size_t i = 0; !rc && i < n; i++)
		rc = buf_printf(b, "%s\\Q%s\\E", i ? "|" : "", v[i]);
	rc = rc ? rc : buf_adds(b, ")");
	free(v);
	return n ? rc : PDX_ERR;
}

static int agencies_compile(pdx_gazetteer *g)
{
	for (int i = 0; i < RX_COUNT; i++) {
		if (g->rx[i])
			continue;
		/* The gap and paren patterns are anchored by hand; trigger
		 * words are matched in any case ("Led by", "LED BY"). */
		uint32_t opts = (i == RX_PAREN) ? 0 : PCRE2_CASELESS;
		if (!(g->rx[i] = compile(patterns[i], opts)))
			return PDX_ERR;
	}
	pcre2_code_free(g->coord);
	pcre2_code_free(g->coord_item);
	g->coord = g->coord_item = NULL;
	pdx_buf sh, p;
	buf_init(&sh);
	buf_init(&p);
	int rc = short_alternation(g, &sh);
	if (rc == PDX_ERR) {	/* no departments: nothing to coordinate */
		buf_free(&sh);
		return PDX_OK;
	}
	const char *SH = sh.s, *SEP = "(?:,|,?\\sand|,?\\sor)\\s";
	rc = rc ? rc : buf_printf(&p,
		"(?<![\\w-])(?:(?i:departments|secretaries)\\sof\\s(?:the\\s)?%s(?:%s(?:the\\s)?%s)+"
		"|%s(?:%s%s)+\\s(?i:departments|secretaries))\\b", SH, SEP, SH, SH, SEP, SH);
	if (!rc && !(g->coord = compile(p.s, 0)))
		rc = PDX_ERR;
	p.len = 0;
	rc = rc ? rc : buf_printf(&p, "(?<![\\w-])(%s)\\b", SH);
	if (!rc && !(g->coord_item = compile(p.s, 0)))
		rc = PDX_ERR;
	buf_free(&sh);
	buf_free(&p);
	return rc;
}

static void agencies_release(pdx_gazetteer *g)
{
	for (int i = 0; i < RX_COUNT; i++) {
		pcre2_code_free(g->rx[i]);
		g->rx[i] = NULL;
	}
	pcre2_code_free(g->coord);
	pcre2_code_free(g->coord_item);
	g->coord = g->coord_item = NULL;
}

/* ---- per-document state ---- */

enum { M_AMBIG = 1 };

typedef struct {
	size_t s, e;		/* byte span in the text */
	int body;
	unsigned flags;
} mention;

typedef struct {
	char *tok;		/* "FPISC", as the document wrote it */
	int body;
} acr_def;

/* Two words of lowercase ASCII letters, of one length n (below 256), to
 * find in any ASCII case, with their Boyer-Moore-Horspool shifts. */
typedef struct {
	const char *w[2];
	size_t n;
	unsigned char skip[256];
} nocase_pair;

/* The names scan_names found in one text, kept for the rest of the
 * document: a record is scanned to learn the acronyms it defines and again
 * to tag it, and most records repeat the text of a block, which the
 * learning and the issuer read too. The scan depends on nothing but the
 * text, so a text seen before takes its names from here. */
typedef struct {
	const char *t;		/* a block's or record's text: these live, and
				 * do not change, while the document is tagged */
	size_t len;
	uint64_t hash;
	size_t first, n;	/* its names: found[first..first+n) */
	bool learned;		/* learn_defs has read it */
} scan_memo;

typedef struct {
	const pdx_gazetteer *g;
	pcre2_match_data *md;
	mention *m;
	size_t nm, capm;
	acr_def *defs;
	size_t ndefs, capdefs;
	size_t *sent;		/* sentence start offsets of the current text */
	size_t nsent, capsent;
	bool *keep;
	size_t capkeep;
	mention *found;		/* the names of every text in memo */
	size_t nfound, capfound;
	scan_memo *memo;
	size_t nmemo, capmemo;
	int *slot;		/* open-addressed table of memo indexes, -1 free */
	size_t nslot;		/* a power of two, or 0 */
	/* tolower() and "ASCII letter or digit" of every byte, looked up once
	 * per document instead of through the C library at every byte. */
	unsigned char fold[256];
	bool word[256];
	/* The trie's second level as a table: the child of root node
	 * g->root[b] labelled d is second[row[b] * 256 + d], -1 for none
	 * (row[b] is -1 when no name starts with b). Most words end their
	 * walk here, and a search of the root's children (up to a few dozen
	 * siblings) would cost more than the rest of the walk. */
	int row[256];
	int *second;
	nocase_pair coord_words;	/* see scan_coordinated */
} tagctx;

static void nocase_init(nocase_pair *p, const char *a, const char *b)
{
	p->w[0] = a;
	p->w[1] = b;
	p->n = strlen(a);
	memset(p->skip, (int)p->n, sizeof p->skip);
	/* A byte moves the window no further than the word it sits nearest
	 * the end of allows. */
	for (size_t i = 0; i < 2; i++)
		for (size_t k = 0; k + 1 < p->n; k++) {
			unsigned char ch = (unsigned char)p->w[i][k];
			unsigned char sh = (unsigned char)(p->n - 1 - k);
			if (sh < p->skip[ch])
				p->skip[ch] = p->skip[ch & ~0x20] = sh;
		}
}

static int ctx_init(tagctx *c, const pdx_gazetteer *g)
{
	memset(c, 0, sizeof *c);
	c->g = g;
	size_t nrows = 0;
	for (int ch = 0; ch < 256; ch++) {
		c->fold[ch] = (unsigned char)tolower(ch);
		c->word[ch] = ch < 0x80 && isalnum(ch);
		c->row[ch] = g->root[ch] >= 0 ? (int)nrows++ : -1;
	}
	if (!(c->second = malloc((nrows ? nrows : 1) * 256 * sizeof *c->second)))
		return PDX_ENOMEM;
	for (size_t i = 0; i < nrows * 256; i++)
		c->second[i] = -1;
	for (int ch = 0; ch < 256; ch++)
		for (int k = c->row[ch] >= 0 ? g->nodes[g->root[ch]].child : -1; k >= 0; k = g->nodes[k].sib)
			c->second[c->row[ch] * 256 + g->nodes[k].c] = k;
	nocase_init(&c->coord_words, "artment", "ecretar");
	if (!(c->md = pcre2_match_data_create(8, NULL)))
		return PDX_ENOMEM;
	return PDX_OK;
}

static void ctx_free(tagctx *c)
{
	pcre2_match_data_free(c->md);
	free(c->m);
	for (size_t i = 0; i < c->ndefs; i++)
		free(c->defs[i].tok);
	free(c->defs);
	free(c->sent);
	free(c->keep);
	free(c->found);
	free(c->memo);
	free(c->slot);
	free(c->second);
}

/* Does pattern which match s[0..len)? Anchoring is in the pattern.
 * Text is valid UTF-8 before it reaches a tagger, and s starts on a
 * character; without PCRE2_NO_UTF_CHECK every call would check the rest
 * of the record again, which is quadratic on a long one. */
static bool rx(tagctx *c, int which, const char *s, size_t len)
{
	const pcre2_code *re = c->g->rx[which];
	return re && pcre2_match(re, (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK, c->md, NULL) > 0;
}

/* Room for n mentions in *v (holding *cap). */
static int reserve_mentions(mention **v, size_t *cap, size_t n)
{
	if (n <= *cap)
		return PDX_OK;
	size_t nc = *cap ? *cap * 2 : 32;
	while (nc < n)
		nc *= 2;
	mention *nv = realloc(*v, nc * sizeof *nv);
	if (!nv)
		return PDX_ENOMEM;
	*v = nv;
	*cap = nc;
	return PDX_OK;
}

static int push_mention(tagctx *c, size_t s, size_t e, int body, unsigned flags)
{
	if (c->nm == c->capm && reserve_mentions(&c->m, &c->capm, c->nm + 1))
		return PDX_ENOMEM;
	c->m[c->nm++] = (mention){ s, e, body, flags };
	return PDX_OK;
}

static bool word_byte(unsigned char ch)
{
	return ch < 0x80 && isalnum(ch);
}

/* Longest gazetteer name at each word start (each character in Chinese). */
static int scan_names(tagctx *c, const char *t, size_t len)
{
	const pdx_gazetteer *g = c->g;
	const gz_node *nodes = g->nodes;
	const unsigned char *u = (const unsigned char *)t;
	const unsigned char *fold = c->fold;
	const bool *word = c->word;
	size_t i = 0;
	while (i < len) {
		unsigned char ch = u[i];
		int n = g->root[fold[ch]];
		bool start = ch < 0x80 ? (word[ch] && (i == 0 || !word[u[i - 1]]))
				       : (ch & 0xC0) != 0x80;
		/* Step over what starts no name: a byte inside a word or a
		 * character (its continuation bytes start nothing either), a
		 * word or character no name begins with. */
		if (!start || n < 0) {
			i++;
			if (start && word[ch])	/* nothing starts in the rest of the word */
				while (i < len && word[u[i]])
					i++;
			continue;
		}
		int best = -1;
		size_t best_end = 0;
		size_t j = i;
		const int *second = c->second + (size_t)c->row[fold[ch]] * 256;
		while (n >= 0) {
			j++;
			for (int k = nodes[n].term; k >= 0; k = g->names[k].next) {
				const gz_name *nm = &g->names[k];
				unsigned char last = (unsigned char)nm->s[nm->len - 1];
				if (word[last] && j < len && word[u[j]])
					continue;
				if ((nm->flags & GZ_CASE) && memcmp(t + i, nm->s, nm->len) != 0)
					continue;
				/* Prefer an unambiguous reading of the same name. */
				if (best < 0 || best_end < j || (g->names[best].flags & GZ_AMBIG)) {
					best = k;
					best_end = j;
				}
			}
			if (j >= len)
				break;
			unsigned char d = fold[u[j]];
			int k;
			if (j == i + 1) {	/* n is the root */
				k = second[d];
			} else {
				k = nodes[n].child;
				while (k >= 0 && nodes[k].c != d)
					k = nodes[k].sib;
			}
			n = k;
		}
		if (best >= 0) {
			int rc = push_mention(c, i, best_end, g->names[best].body,
					      (g->names[best].flags & GZ_AMBIG) ? M_AMBIG : 0);
			if (rc)
				return rc;
			i = best_end;
		} else {
			i++;
			if (word[ch])
				while (i < len && word[u[i]])
					i++;
		}
	}
	return PDX_OK;
}

/* A hash of s[0..n), eight bytes at a time. */
static uint64_t text_hash(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15u ^ n, w;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDu;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xC4CEB9FE1A85EC53u;
	return h ^ (h >> 29);
}

/* Make the memo table twice as large, or create it. */
static int grow_slots(tagctx *c)
{
	size_t ns = c->nslot ? c->nslot * 2 : 64;
	int *v = malloc(ns * sizeof *v);
	if (!v)
		return PDX_ENOMEM;
	for (size_t i = 0; i < ns; i++)
		v[i] = -1;
	for (size_t m = 0; m < c->nmemo; m++) {
		size_t at = (size_t)c->memo[m].hash & (ns - 1);
		while (v[at] >= 0)
			at = (at + 1) & (ns - 1);
		v[at] = (int)m;
	}
	free(c->slot);
	c->slot = v;
	c->nslot = ns;
	return PDX_OK;
}

/* The gazetteer names in t (scan_names' mentions, in c->m from c->nm = 0),
 * from the memo when the document had this text before. *memo, unless
 * memo is NULL, is set to the text's entry in c->memo. */
static int names_in(tagctx *c, const char *t, size_t len, size_t *memo)
{
	uint64_t h = text_hash(t, len);
	size_t at = c->nslot ? (size_t)h & (c->nslot - 1) : 0;
	for (; c->nslot && c->slot[at] >= 0; at = (at + 1) & (c->nslot - 1)) {
		const scan_memo *e = &c->memo[c->slot[at]];
		if (e->hash != h || e->len != len || (e->t != t && memcmp(e->t, t, len) != 0))
			continue;
		if (reserve_mentions(&c->m, &c->capm, e->n))
			return PDX_ENOMEM;
		if (e->n)
			memcpy(c->m, c->found + e->first, e->n * sizeof *c->m);
		c->nm = e->n;
		if (memo)
			*memo = (size_t)c->slot[at];
		return PDX_OK;
	}
	c->nm = 0;
	int rc = scan_names(c, t, len);
	if (rc)
		return rc;
	if ((c->nmemo + 1) * 2 > c->nslot && (rc = grow_slots(c)))
		return rc;
	if (c->nmemo == c->capmemo) {
		size_t cap = c->capmemo ? c->capmemo * 2 : 32;
		scan_memo *v = realloc(c->memo, cap * sizeof *v);
		if (!v)
			return PDX_ENOMEM;
		c->memo = v;
		c->capmemo = cap;
	}
	if (reserve_mentions(&c->found, &c->capfound, c->nfound + c->nm))
		return PDX_ENOMEM;
	if (c->nm)
		memcpy(c->found + c->nfound, c->m, c->nm * sizeof *c->m);
	c->memo[c->nmemo] = (scan_memo){ t, len, h, c->nfound, c->nm, false };
	c->nfound += c->nm;
	at = (size_t)h & (c->nslot - 1);
	while (c->slot[at] >= 0)
		at = (at + 1) & (c->nslot - 1);
	c->slot[at] = (int)c->nmemo;
	if (memo)
		*memo = c->nmemo;
	c->nmemo++;
	return PDX_OK;
}

/* The acronyms this document defined, wherever they recur. */
static int scan_defs(tagctx *c, const char *t, size_t len)
{
	for (size_t d = 0; d < c->ndefs; d++) {
		const char *tok = c->defs[d].tok;
		size_t tl = strlen(tok);
		for (const char *p = strstr(t, tok); p; p = strstr(p + 1, tok)) {
			size_t s = (size_t)(p - t), e = s + tl;
			if ((s > 0 && word_byte((unsigned char)t[s - 1])) ||
			    (e < len && word_byte((unsigned char)t[e])))
				continue;
			int rc = push_mention(c, s, e, c->defs[d].body, 0);
			if (rc)
				return rc;
		}
	}
	return PDX_OK;
}

static int short_body(const pdx_gazetteer *g, const char *s, size_t len)
{
	for (size_t i = 0; i < g->n; i++)
		for (size_t k = 0; k < g->bodies[i].nshorts; k++) {
			const char *sh = g->bodies[i].shorts[k];
			if (strncmp(sh, "the ", 4) == 0)
				sh += 4;
			if (strlen(sh) == len && memcmp(sh, s, len) == 0)
				return (int)i;
		}
	return -1;
}

/* Does t hold either of p's words in any ASCII case? Boyer-Moore-Horspool:
 * the byte under the window's last position says how far it may move. */
static bool nocase_in(const nocase_pair *p, const char *t, size_t len)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t n = p->n;
	for (size_t i = 0; i + n <= len; i += p->skip[u[i + n - 1]])
		for (size_t x = 0; x < 2; x++) {
			const unsigned char *w = (const unsigned char *)p->w[x];
			size_t k = n;
			/* | 0x20 maps a letter's two cases, and only them, to
			 * its lowercase: w holds letters only. */
			while (k > 0 && (u[i + k - 1] | 0x20) == w[k - 1])
				k--;
			if (k == 0)
				return true;
		}
	return false;
}

/* "the Departments of State and Homeland Security", "the Commerce and State
 * Departments": one mention per department. The first starts and the last
 * ends with the whole phrase, so the list reads as one. */
static int scan_coordinated(tagctx *c, const char *t, size_t len)
{
	const pdx_gazetteer *g = c->g;
	if (!g->coord)
		return PDX_OK;
	/* Every match of g->coord holds "departments" or "secretaries", in
	 * any case (agencies_compile): most texts have neither, and a look
	 * for "artment" or "ecretar" costs far less than the pattern. Those
	 * parts of the words are letters that match nothing but their own
	 * two ASCII cases (PCRE2 in UTF mode also matches "s" with U+017F,
	 * "k" with U+212A; "i" is left out too), so no match is missed. */
	if (!nocase_in(&c->coord_words, t, len))
		return PDX_OK;
	pcre2_match_data *md = c->md;
	size_t off = 0;
	while (off < len && pcre2_match(g->coord, (PCRE2_SPTR)t, len, off, PCRE2_NO_UTF_CHECK, md, NULL) > 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		size_t ms = ov[0], me = ov[1], first = c->nm, p = ms;
		while (p < me && pcre2_match(g->coord_item, (PCRE2_SPTR)t, me, p, PCRE2_NO_UTF_CHECK, md, NULL) > 0) {
			ov = pcre2_get_ovector_pointer(md);
			size_t is = ov[2], ie = ov[3];
			int b = short_body(g, t + is, ie - is);
			int rc = b >= 0 ? push_mention(c, is, ie, b, 0) : PDX_OK;
			if (rc)
				return rc;
			p = ie > p ? ie : p + 1;
		}
		if (c->nm > first) {
			c->m[first].s = ms;
			c->m[c->nm - 1].e = me;
		}
		off = me > off ? me : off + 1;
	}
	return PDX_OK;
}

static int cmp_mention(const void *a, const void *b)
{
	const mention *x = a, *y = b;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->e != y->e)
		return x->e > y->e ? -1 : 1;	/* longest first */
	return (int)(x->flags & M_AMBIG) - (int)(y->flags & M_AMBIG);
}

/* Sort and keep the longest of overlapping mentions. */
static void resolve_overlaps(tagctx *c)
{
	if (c->nm == 0)
		return;
	qsort(c->m, c->nm, sizeof *c->m, cmp_mention);
	size_t k = 0;
	for (size_t i = 0; i < c->nm; i++)
		if (k == 0 || c->m[i].s >= c->m[k - 1].e)
			c->m[k++] = c->m[i];
	c->nm = k;
}

static bool acronym_like(const char *s, size_t n)
{
	size_t upper = 0;
	if (n < 2 || n > 12 || !isupper((unsigned char)s[0]))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (!(isalnum(ch) || ch == '&' || ch == '-' || ch == '.'))
			return false;
		upper += isupper(ch) != 0;
	}
	return upper >= 2;
}

static int def_body(const tagctx *c, const char *s, size_t n)
{
	for (size_t i = 0; i < c->ndefs; i++)
		if (strlen(c->defs[i].tok) == n && memcmp(c->defs[i].tok, s, n) == 0)
			return c->defs[i].body;
	return -1;
}

static int add_def(tagctx *c, const char *s, size_t n, int body)
{
	if (def_body(c, s, n) >= 0)	/* the first definition holds */
		return PDX_OK;
	if (c->ndefs == c->capdefs) {
		size_t cap = c->capdefs ? c->capdefs * 2 : 8;
		acr_def *v = realloc(c->defs, cap * sizeof *v);
		if (!v)
			return PDX_ENOMEM;
		c->defs = v;
		c->capdefs = cap;
	}
	char *tok = xstrndup(s, n);
	if (!tok)
		return PDX_ENOMEM;
	c->defs[c->ndefs++] = (acr_def){ tok, body };
	return PDX_OK;
}

/* "Department of Education (ED)", "DHS(国土安全部)": fold the bracket into
 * the name before it, and learn an acronym the document defines. */
static int fold_parens(tagctx *c, const char *t, size_t len, bool learn)
{
	size_t k = 0;
	for (size_t i = 0; i < c->nm; i++) {
		mention *m = &c->m[i];
		c->m[k++] = *m;
		mention *kept = &c->m[k - 1];
		size_t e = kept->e;
		if (e >= len || !rx(c, RX_PAREN, t + e, len - e))
			continue;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
		size_t is = e + ov[2], ie = e + ov[3], pe = e + ov[1];
		const mention *n = i + 1 < c->nm ? &c->m[i + 1] : NULL;
		if (n && n->s == is && n->e == ie && n->body == kept->body) {
			/* "Department of Education (ED)": the bracket also makes
			 * an ambiguous acronym certain for the document. */
			if (learn && (n->flags & M_AMBIG)) {
				int rc = add_def(c, t + is, ie - is, kept->body);
				if (rc)
					return rc;
			}
			kept->e = pe;
			i++;		/* the repeat inside the bracket */
		} else if ((!n || n->s >= pe || (n->flags & M_AMBIG)) && acronym_like(t + is, ie - is) &&
			   !(kept->flags & M_AMBIG)) {
			if (learn) {
				int rc = add_def(c, t + is, ie - is, kept->body);
				if (rc)
					return rc;
			}
			kept->e = pe;
			while (i + 1 < c->nm && c->m[i + 1].s < pe)
				i++;
		}
	}
	c->nm = k;
	return PDX_OK;
}

static bool gap_joins(tagctx *c, const char *t, const mention *a, const mention *b)
{
	size_t gl = b->s - a->e;
	return gl <= 80 && rx(c, RX_GAP, t + a->e, gl);
}

/* An ambiguous name ("IC", "the Army", "SEC") stays only where the text
 * makes it a body: defined by the document, after "the"/"by"/"with", or
 * listed beside a body that is certain. */
static int settle_ambiguous(tagctx *c, const char *t)
{
	if (c->nm > c->capkeep) {
		bool *v = realloc(c->keep, c->nm * sizeof *v);
		if (!v)
			return PDX_ENOMEM;
		c->keep = v;
		c->capkeep = c->nm;
	}
	bool any = false;
	for (size_t i = 0; i < c->nm; i++) {
		const mention *m = &c->m[i];
		bool ok = !(m->flags & M_AMBIG);
		if (!ok) {
			any = true;
			size_t from = m->s > 12 ? m->s - 12 : 0;
			while (from > 0 && ((unsigned char)t[from] & 0xC0) == 0x80)
				from--;
			ok = def_body(c, t + m->s, m->e - m->s) == m->body ||
			     rx(c, RX_PRE_AMBIG, t + from, m->s - from) ||
			     strncmp(t + m->e, "-led", 4) == 0;
		}
		c->keep[i] = ok;
	}
	for (bool changed = any; changed;) {
		changed = false;
		for (size_t i = 0; i < c->nm; i++) {
			if (c->keep[i])
				continue;
			if ((i > 0 && c->keep[i - 1] && gap_joins(c, t, &c->m[i - 1], &c->m[i])) ||
			    (i + 1 < c->nm && c->keep[i + 1] && gap_joins(c, t, &c->m[i], &c->m[i + 1])))
				changed = c->keep[i] = true;
		}
	}
	size_t k = 0;
	for (size_t i = 0; i < c->nm; i++)
		if (c->keep[i])
			c->m[k++] = c->m[i];
	c->nm = k;
	return PDX_OK;
}

/* Every body text names, in order, bracketed repeats folded. */
static int find_mentions(tagctx *c, const char *t, size_t len)
{
	int rc;
	if ((rc = names_in(c, t, len, NULL)) || (rc = scan_defs(c, t, len)) ||
	    (rc = scan_coordinated(c, t, len)))
		return rc;
	resolve_overlaps(c);
	if ((rc = fold_parens(c, t, len, false)))
		return rc;
	return settle_ambiguous(c, t);
}

/* ---- sentences ---- */

static bool abbreviation(const char *t, size_t dot)
{
	static const char *const abbr[] = { "Sec", "No", "Nos", "Mr", "Mrs", "Ms", "Dr", "St",
		"Inc", "Co", "Corp", "Jr", "Sr", "Dept", "Gen", "Gov", "Fed", "Reg", "Stat",
		"Pub", "Vol", "vs", "Art", "al", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec" };
	size_t s = dot;
	while (s > 0 && t[s - 1] != ' ' && t[s - 1] != '(')
		s--;
	size_t n = dot - s;
	if (n <= 1 || memchr(t + s, '.', n))	/* "U.S.", "e.g.", "A." */
		return true;
	for (size_t i = 0; i < sizeof abbr / sizeof *abbr; i++)
		if (strlen(abbr[i]) == n && memcmp(abbr[i], t + s, n) == 0)
			return true;
	return false;
}

static int push_sent(tagctx *c, size_t at)
{
	if (c->nsent == c->capsent) {
		size_t cap = c->capsent ? c->capsent * 2 : 16;
		size_t *v = realloc(c->sent, cap * sizeof *v);
		if (!v)
			return PDX_ENOMEM;
		c->sent = v;
		c->capsent = cap;
	}
	c->sent[c->nsent++] = at;
	return PDX_OK;
}

static int split_sentences(tagctx *c, const char *t, size_t len)
{
	/* The bytes a sentence can end at: ". ", "! ", "? ", "; ", and the
	 * first bytes of the Chinese marks. */
	static const bool mark[256] = { ['.'] = true, ['!'] = true, ['?'] = true, [';'] = true,
					[0xE3] = true, [0xEF] = true };
	c->nsent = 0;
	int rc = push_sent(c, 0);
	for (size_t i = 0; !rc && i + 1 < len; i++) {
		char ch = t[i];
		if (!mark[(unsigned char)ch])
			continue;
		if ((ch == '.' || ch == '!' || ch == '?' || ch == ';') && t[i + 1] == ' ') {
			unsigned char nx = i + 2 < len ? (unsigned char)t[i + 2] : 0;
			if (ch == '.' && abbreviation(t, i))
				continue;
			if (ch != ';' && !(isupper(nx) || isdigit(nx) || nx == '"' || nx == '(' || nx >= 0x80))
				continue;
			rc = push_sent(c, i + 2);
		} else if (i + 3 <= len && ((memcmp(t + i, "\xe3\x80\x82", 3) == 0) ||	/* 。 */
					    memcmp(t + i, "\xef\xbc\x81", 3) == 0 ||	/* ！ */
					    memcmp(t + i, "\xef\xbc\x9f", 3) == 0 ||	/* ？ */
					    memcmp(t + i, "\xef\xbc\x9b", 3) == 0)) {	/* ； */
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

	if (rx(c, RX_PRE_LEAD, pre, pl) || (at_start && rx(c, RX_PRE_INIT, pre, pl)))
		return PDX_ROLE_LEAD;
	if (rx(c, RX_PRE_THROUGH, pre, pl))
		return *subj ? PDX_ROLE_MENTIONED : PDX_ROLE_LEAD;
	if (rx(c, RX_PRE_SUPPORT, pre, pl))
		return PDX_ROLE_SUPPORT;
	if (ql && rx(c, RX_POST_LEAD, post, ql))
		return *subj = true, PDX_ROLE_LEAD;
	if (rx(c, RX_PRE_SUPPORT_LOOSE, pre, pl))
		return PDX_ROLE_SUPPORT;
	if (rx(c, RX_PRE_PASSIVE, pre, pl))
		return PDX_ROLE_LEAD;
	if (ql && rx(c, RX_PRE_CLAUSE, pre, pl) && rx(c, RX_POST_VERB, post, ql))
		return *subj = true, PDX_ROLE_LEAD;
	/* The subject of the sentence, its verb past a parenthesis: "The
	 * EDAG, established in ..., chaired by ..., shall". */
	if (ql && at_start && rx(c, RX_PRE_SUBJ, pre, pl) && rx(c, RX_POST_MODAL, post, ql))
		return *subj = true, PDX_ROLE_LEAD;
	return PDX_ROLE_MENTIONED;
}

static int tag_record(tagctx *c, pdx_record *r)
{
	const char *t = r->text;
	size_t len = strlen(t);
	int rc;
	if ((rc = find_mentions(c, t, len)))
		return rc;
	if (c->nm == 0)		/* no body named: no sentence needed */
		return PDX_OK;
	if ((rc = split_sentences(c, t, len)))
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
		while (j + 1 < c->nm && c->m[j + 1].s < se && gap_joins(c, t, &c->m[j], &c->m[j + 1]))
			j++;
		pdx_role role = list_role(c, t, len, c->m[i].s, c->m[j].e, prev_end, &subj);
		for (size_t k = i; k <= j; k++)
			if ((rc = record_add_agency(r, c->g->bodies[c->m[k].body].pub.id, role)))
				return rc;
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

static int body_of_host(const pdx_gazetteer *g, const char *url)
{
	const char *h = url ? strstr(url, "://") : NULL;
	if (!h)
		return -1;
	h += 3;
	size_t hl = strcspn(h, "/:?#");
	for (size_t i = 0; i < g->n; i++)
		for (size_t k = 0; k < g->bodies[i].ndomains; k++) {
			const char *d = g->bodies[i].domains[k];
			size_t dl = strlen(d);
			if (hl >= dl && strncasecmp(h + hl - dl, d, dl) == 0 &&
			    (hl == dl || h[hl - dl - 1] == '.'))
				return (int)i;
		}
	return -1;
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
		int rc = find_mentions(c, t, len);
		if (rc)
			return rc;
		if (c->nm == 0)
			continue;
		size_t tail = c->m[0].e;
		while (tail < len && (t[tail] == '.' || t[tail] == ' '))
			tail++;
		if (agency_line || (c->m[0].s == 0 && tail == len))
			*out = c->m[0].body;
	}
	/* A release names its issuer in its first paragraph. */
	size_t seen = 0;
	for (size_t i = 0; i < doc->nblocks && *out < 0 && seen < 3; i++) {
		const char *t = doc->blocks[i].text;
		size_t len = strlen(t);
		seen++;
		int rc = find_mentions(c, t, len);
		if (rc)
			return rc;
		for (size_t k = 0; k < c->nm && *out < 0; k++)
			if (rx(c, RX_ANNOUNCE, t + c->m[k].e, len - c->m[k].e))
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
	if ((b = body_of_host(g, doc->source_url)) < 0) {
		int rc = issuer_from_text(c, doc, &b);
		if (rc)
			return rc;
	}
	return b >= 0 ? doc_set(&doc->issuer, g->bodies[b].pub.id) : PDX_OK;
}

/* ---- the document ---- */

/* Learn the acronyms a text defines ("Federal Permitting Improvement
 * Steering Council (FPISC)"). Reading the same text again would add
 * nothing: the first definition of an acronym holds, and this text's
 * definitions are all known after its first reading. */
static int learn_defs(tagctx *c, const char *t)
{
	if (!t || (!strchr(t, '(') && !strstr(t, "\xef\xbc\x88")))
		return PDX_OK;
	size_t len = strlen(t), memo;
	int rc;
	if ((rc = names_in(c, t, len, &memo)))
		return rc;
	if (c->memo[memo].learned)
		return PDX_OK;
	c->memo[memo].learned = true;
	resolve_overlaps(c);
	return fold_parens(c, t, len, true);
}

/* The patterns are compiled from the gazetteer's names once per load, by
 * whichever parse thread tags first; the others wait for it. */
static pthread_mutex_t compile_lock = PTHREAD_MUTEX_INITIALIZER;

static int patterns_ready(const pdx_gazetteer *cg)
{
	pdx_gazetteer *g = (pdx_gazetteer *)cg;	/* a cache on the gazetteer */
	int rc = PDX_OK;
	pthread_mutex_lock(&compile_lock);
	if (g->tag_gen != g->gen) {
		rc = agencies_compile(g);
		g->release = agencies_release;
		if (rc == PDX_OK)
			g->tag_gen = g->gen;
	}
	pthread_mutex_unlock(&compile_lock);
	return rc;
}

int agencies_tag_document(const pdx_gazetteer *g, pdx_doc *doc, pdx_records *recs)
{
	if (!g)
		return PDX_OK;
	if (patterns_ready(g) != PDX_OK)
		return PDX_ERR;
	tagctx c;
	int rc = ctx_init(&c, g);
	for (size_t i = 0; !rc && doc && i < doc->nblocks; i++)
		rc = learn_defs(&c, doc->blocks[i].text);
	for (size_t i = 0; !rc && recs && i < recs->n; i++)
		rc = learn_defs(&c, recs->v[i].text);
	for (size_t i = 0; !rc && recs && i < recs->n; i++)
		if (recs->v[i].text)
			rc = tag_record(&c, &recs->v[i]);
	if (!rc && doc)
		rc = tag_issuer(&c, doc);
	ctx_free(&c);
	return rc;
}
