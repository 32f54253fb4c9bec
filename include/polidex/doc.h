/* doc.h - a document as every reader produces it: metadata and a flat list
 * of blocks (headings, paragraphs, list items), each with its source line.
 * Segmentation and tagging only ever see this, never the source format. */
#ifndef POLIDEX_DOC_H
#define POLIDEX_DOC_H

#include <stddef.h>

typedef enum {
	PDX_HEADING = 1,
	PDX_PARAGRAPH = 2,
	PDX_ITEM = 3,
} pdx_block_type;

typedef struct {
	pdx_block_type type;
	/* Heading: 1..6 where the format says so (HTML h1-h6, Markdown #),
	 * 0 where it is inferred (plain text, a lone bold line).
	 * Item: list depth, 1 for a top-level item. Paragraph: 0. */
	int level;
	int line;		/* 1-based line in the file where the block starts
				 * (a PDF: in its text, pages joined by form feeds) */
	char *text;		/* UTF-8, white space squeezed; owned */
	int page;		/* 1-based PDF page the block starts on; 0 when
				 * the source has no pages */
} pdx_block;

/* A body the document itself creates ("There is hereby established the
 * Interagency Task Force on ... (Task Force)"), found by the agency
 * tagger: an agency of the document's own, stored with it. */
typedef struct {
	char *id;		/* its name as an id: "interagency_task_force_on_..." */
	char *name;		/* as the document names it, without "the" */
	char *short_form;	/* the short form the document defines, or NULL */
	char *parent;		/* the body it is established within, or NULL */
} pdx_new_body;

typedef struct {
	char *path;		/* as given on the command line */
	int part;		/* 0: the whole file; 1.. : article of a clippings file */
	const char *format;	/* static: "text", "markdown", "html", "fr-xml", "pdf" */
	char *title;
	char *lang;		/* "en", "zh" */
	char *published;	/* ISO 8601: date, or date-time in UTC */
	char *source_url;
	char *issuer;		/* agency id, set by the agency tagger */
	char *kind;		/* plan, executive_order, ... (segment_classify) */
	char *signed_date;	/* YYYY-MM-DD, set by the timeline tagger */
	int dates_capped_line;	/* line of the first paragraph with more dates
				 * than the timeline tagger keeps (-1: line
				 * unknown), 0: none */
	/* What the document is and what names it (identify.c; a reader
	 * that is told, such as the FR API's JSON, sets them first). */
	char *type;		/* rule, proposed_rule, notice,
				 * presidential_document, plan, fact_sheet,
				 * press_release, news, guidance, other */
	char *subtype;		/* executive_order, proclamation, memorandum */
	char *fr_doc;		/* FR document number "2025-19674" */
	char *fr_citation;	/* "90 FR 46422" */
	char *rin;		/* "1615-AD01" (several: ", ") */
	char *docket;		/* "ITA-ITA-2025-0070" (several: ", ") */
	char *number;		/* EO or proclamation number "14320" */
	char *effective_on;	/* YYYY-MM-DD */
	char *comments_close_on; /* YYYY-MM-DD */
	pdx_block *blocks;
	size_t nblocks, cap;
	int dateline_line;	/* the line of the dateline that dated it (the
				 * document had no date of its own), else 0 */
	pdx_new_body *bodies;	/* the bodies it creates */
	size_t nbodies;
} pdx_doc;

/* A list of documents: one file gives one, a clippings file several. */
typedef struct {
	pdx_doc **docs;
	size_t n, cap;
} pdx_doclist;

/* New empty document for path. Caller frees with doc_free. */
pdx_doc *doc_new(const char *path);
void doc_free(pdx_doc *d);
/* Append a block; text is copied and its white space squeezed. Empty text
 * is dropped (returns PDX_OK). */
int doc_add_block(pdx_doc *d, pdx_block_type type, int level, int line,
		  const char *text);
/* Replace *field with a copy of value (squeezed); NULL clears it. */
int doc_set(char **field, const char *value);

int doclist_push(pdx_doclist *l, pdx_doc *d);
void doclist_clear(pdx_doclist *l);

/* Guess the language of the document from its blocks: "zh" or "en". */
const char *doc_guess_lang(const pdx_doc *d);

#endif
