/* tag_agencies_int.h - what the agency tagger's files share: its patterns
 * (tag_agencies_rx.c), the mentions of one document (tag_agencies_defs.c)
 * and the roles (tag_agencies.c). Private to those three. */
#ifndef POLIDEX_TAG_AGENCIES_INT_H
#define POLIDEX_TAG_AGENCIES_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stdint.h>
#include "tag_agencies.h"
#include "polidex/doc.h"

/* The fixed patterns of the tagger (tag_agencies_rx.c). */
enum {
	RX_GAP,		/* text joining two names into one list or chain */
	RX_PRE_LEAD,	/* "Led by ", "Through ", "under the auspices of " */
	RX_PRE_THROUGH,	/* "Through ", "via collaboration between " */
	RX_PRE_SUBJ,	/* a list opening its sentence: "(a) The " */
	RX_POST_MODAL,	/* its verb further on: ", chaired by ..., shall" */
	RX_PRE_INIT,	/* sentence-initial "At ", "Within " */
	RX_PRE_SUPPORT,	/* "in collaboration with " (tight) */
	RX_PRE_SUPPORT_LOOSE, /* the same with filler words before the list */
	RX_PRE_SUPPORT_OPEN, /* a partners' clause still open: "in consultation with A and the Chair of " */
	RX_PRE_PASSIVE,	/* "would be enabled by regulatory agencies such as " */
	RX_PRE_CLAUSE,	/* start of a clause: "", ", the ", "SUMMARY: The " */
	RX_PRE_AMBIG,	/* words before an ambiguous name that make it a body */
	RX_POST_LEAD,	/* " should", ", in consultation with Y, shall", "-led" */
	RX_POST_VERB,	/* " announced", "宣布": actor when at a clause start */
	RX_PAREN,	/* "'s (NSF)" after a name: a definition or a repeat */
	RX_ANNOUNCE,	/* " announced", "近日宣布": the issuer of a release */
	RX_ESTABLISH,	/* "is hereby established", "shall establish": a body created */
	RX_NEW_NAME,	/* the name of a body: "Interagency Task Force on ..." */
	RX_COUNT
};

/* A department's short name ("Commerce", "Homeland Security": a leading
 * "the" dropped) and its body. */
typedef struct {
	const char *s;
	size_t len;
	int body;
} tag_short;

struct pdx_tagger {
	const pdx_gazetteer *g;
	pcre2_code *rx[RX_COUNT];
	pcre2_code *coord;	/* "Departments of State and Labor", or NULL
				 * when the gazetteer has no department */
	pcre2_code *coord_item;	/* one short name inside it */
	tag_short *shorts;	/* longest first */
	size_t nshorts;
};

/* ---- the mentions of one document (tag_agencies_defs.c) ---- */

enum { M_AMBIG = 1 };

typedef struct {
	size_t s, e;		/* byte span in the text */
	int body;		/* gazetteer_at(g, body) */
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

/* The state of one document being tagged, on one thread. */
typedef struct {
	const pdx_tagger *tg;
	const pdx_gazetteer *g;
	pcre2_match_data *md;
	mention *m;		/* the mentions of the current text */
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
	bool word[256];		/* ASCII letter or digit, looked up once */
	nocase_pair coord_words;	/* see scan_coordinated */
	pdx_doc *doc;		/* the document tagged: the bodies it creates go
				 * to doc->bodies, and a mention of body k of
				 * them has body LOCAL_BODY(k) */
} tagctx;

/* A body the document creates, as a mention's body (the gazetteer's are
 * 0 and up). */
#define LOCAL_BODY(k) (-2 - (int)(k))
#define LOCAL_INDEX(body) ((size_t)(-2 - (body)))

/* The id of a mention's body. */
const char *tag_body_id(const tagctx *c, int body);

int tag_ctx_init(tagctx *c, const pdx_tagger *tg);
void tag_ctx_clear(tagctx *c);

/* Does pattern which match s[0..len)? Anchoring is in the pattern; the
 * captures are in c->md. */
bool tag_rx(tagctx *c, int which, const char *s, size_t len);

/* Every body text names, in order, bracketed repeats folded: c->m[0..nm). */
int tag_find_mentions(tagctx *c, const char *t, size_t len);
/* Learn the acronyms text t defines, for the rest of the document. */
int tag_learn_defs(tagctx *c, const char *t);
/* Sentence starts of t into c->sent (tag_agencies.c). */
int tag_split_sentences(tagctx *c, const char *t, size_t len);
/* Learn the bodies text t creates (learn_bodies), before its acronyms. */
int tag_learn_bodies(tagctx *c, const char *t);
/* Does the text between mentions a and b join them into one list? */
bool tag_gap_joins(tagctx *c, const char *t, const mention *a, const mention *b);

#endif
