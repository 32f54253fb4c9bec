/* clippings.c - a text file that holds several articles, one paragraph per
 * line, is split into one document per article. Articles are told apart by
 * a change of language between consecutive paragraphs (a Chinese report
 * followed by the English original it quotes), which is how news
 * compilations are put together; a split is only made when every article
 * it yields has a few paragraphs, so a single quoted line never splits. */
#include <stdlib.h>
#include <string.h>

#include "read.h"
#include "polidex/text.h"
#include "polidex/util.h"

#define MIN_ARTICLE_BLOCKS 3
#define TITLE_MAX_CHARS 120

/* 'z' for a Chinese paragraph, 'e' for a Latin one, 0 for neither. */
static char block_lang(const pdx_block *b)
{
	if (pdx_text_is_zh(b->text))
		return 'z';
	for (const char *p = b->text; *p; p++)
		if ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')
			return 'e';
	return 0;
}

/* The first sentence of text, cut to TITLE_MAX_CHARS at a word boundary.
 * Caller frees. (The titles of articles without a title line, too.) */
char *read_first_sentence(const char *text)
{
	size_t n = strlen(text), end = n;
	for (size_t i = 0; i < n; i++) {
		size_t m = pdx_sentence_mark(text, n, i, 0);
		if (m) {
			end = i + m;
			break;
		}
	}
	/* cut long sentences on a character boundary, at a space if any */
	size_t chars = 0, cut = end;
	for (size_t i = 0; i < end; i++) {
		if (((unsigned char)text[i] & 0xC0) != 0x80 && ++chars > TITLE_MAX_CHARS) {
			cut = i;
			break;
		}
	}
	if (cut < end) {
		size_t sp = cut;
		while (sp > cut / 2 && text[sp] != ' ')
			sp--;
		if (text[sp] == ' ')
			cut = sp;
		pdx_buf b;
		pdx_buf_init(&b);
		if (pdx_buf_add(&b, text, cut) || pdx_buf_adds(&b, "\u2026")) {
			pdx_buf_clear(&b);
			return NULL;
		}
		return pdx_buf_take(&b);
	}
	return pdx_strndup(text, end);
}

/* Move blocks [from, to) of src into a new document, part number part. */
static pdx_doc *take_article(pdx_doc *src, size_t from, size_t to, int part, char lang)
{
	pdx_doc *d = doc_new(src->path);
	if (!d)
		return NULL;
	d->part = part;
	d->format = src->format;
	d->blocks = malloc((to - from) * sizeof *d->blocks);
	if (!d->blocks) {
		doc_free(d);
		return NULL;
	}
	memcpy(d->blocks, src->blocks + from, (to - from) * sizeof *d->blocks);
	d->nblocks = d->cap = to - from;
	for (size_t i = from; i < to; i++)
		src->blocks[i].text = NULL;
	char *title = read_first_sentence(d->blocks[0].text);
	doc_set(&d->title, title);
	free(title);
	doc_set(&d->lang, lang == 'z' ? "zh" : "en");
	return d;
}

int read_split_clippings(pdx_doc *doc, pdx_doclist *out)
{
	size_t starts[64], nstarts = 0;
	char langs[64];
	char cur = 0;
	for (size_t i = 0; i < doc->nblocks; i++) {
		char l = block_lang(&doc->blocks[i]);
		if (!l || l == cur)
			continue;
		if (nstarts == 64)
			return PDX_OK;	/* too fragmented to be articles */
		starts[nstarts] = nstarts ? i : 0;
		langs[nstarts++] = l;
		cur = l;
	}
	if (nstarts < 2)
		return PDX_OK;
	for (size_t k = 0; k < nstarts; k++) {
		size_t end = k + 1 < nstarts ? starts[k + 1] : doc->nblocks;
		if (end - starts[k] < MIN_ARTICLE_BLOCKS)
			return PDX_OK;
	}
	for (size_t k = 0; k < nstarts; k++) {
		size_t end = k + 1 < nstarts ? starts[k + 1] : doc->nblocks;
		pdx_doc *a = take_article(doc, starts[k], end, (int)k + 1, langs[k]);
		if (!a || doclist_push(out, a)) {
			doc_free(a);
			return PDX_ENOMEM;
		}
	}
	/* the blocks now belong to the articles */
	for (size_t i = 0; i < doc->nblocks; i++)
		free(doc->blocks[i].text);
	doc->nblocks = 0;
	return PDX_OK;
}
