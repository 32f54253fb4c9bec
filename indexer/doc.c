/* doc.c - documents and their block lists. */
#include <stdlib.h>
#include <string.h>

#include "polidex/doc.h"
#include "polidex/util.h"

pdx_doc *doc_new(const char *path)
{
	pdx_doc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->path = pdx_strdup(path ? path : "");
	if (!d->path) {
		free(d);
		return NULL;
	}
	d->format = "text";
	return d;
}

void doc_free(pdx_doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nblocks; i++)
		free(d->blocks[i].text);
	free(d->blocks);
	free(d->path);
	free(d->title);
	free(d->lang);
	free(d->published);
	free(d->source_url);
	free(d->issuer);
	free(d->kind);
	free(d->signed_date);
	free(d->type);
	free(d->subtype);
	free(d->fr_doc);
	free(d->fr_citation);
	free(d->rin);
	free(d->docket);
	free(d->number);
	free(d->effective_on);
	free(d->comments_close_on);
	for (size_t i = 0; i < d->nbodies; i++) {
		free(d->bodies[i].id);
		free(d->bodies[i].name);
		free(d->bodies[i].short_form);
		free(d->bodies[i].parent);
	}
	free(d->bodies);
	free(d);
}

/* Replace with a space the C0 controls but tab and newline, DEL, and
 * the C1 controls (U+0080..U+009F, C2 80..C2 9F in UTF-8) of s, in
 * place: a document's ESC and OSC sequences must not reach a terminal,
 * a CSV or an ICS file through the index (the spaces are squeezed). */
static void drop_controls(char *s)
{
	unsigned char *r = (unsigned char *)s, *w = r;
	while (*r) {
		if ((*r < 0x20 && *r != '\t' && *r != '\n') || *r == 0x7F) {
			r++;
			*w++ = ' ';
			continue;
		}
		if (r[0] == 0xC2 && r[1] >= 0x80 && r[1] <= 0x9F) {
			r += 2;
			*w++ = ' ';
			continue;
		}
		*w++ = *r++;
	}
	*w = 0;
}

int doc_add_block(pdx_doc *d, pdx_block_type type, int level, int line,
		  const char *text)
{
	char *t = pdx_strdup(text ? text : "");
	if (!t)
		return PDX_ENOMEM;
	drop_controls(t);
	pdx_squeeze_space(t);
	if (!*t) {
		free(t);
		return PDX_OK;
	}
	if (d->nblocks == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		pdx_block *b = realloc(d->blocks, cap * sizeof *b);
		if (!b) {
			free(t);
			return PDX_ENOMEM;
		}
		d->blocks = b;
		d->cap = cap;
	}
	d->blocks[d->nblocks++] = (pdx_block){ .type = type, .level = level,
		.line = line, .text = t, .page = 0 };
	return PDX_OK;
}

int doc_set(char **field, const char *value)
{
	char *v = NULL;
	if (value) {
		v = pdx_strdup(value);
		if (!v)
			return PDX_ENOMEM;
		drop_controls(v);
		pdx_squeeze_space(v);
		if (!*v) {
			free(v);
			v = NULL;
		}
	}
	free(*field);
	*field = v;
	return PDX_OK;
}

int doclist_push(pdx_doclist *l, pdx_doc *d)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;
		pdx_doc **v = realloc(l->docs, cap * sizeof *v);
		if (!v)
			return PDX_ENOMEM;
		l->docs = v;
		l->cap = cap;
	}
	l->docs[l->n++] = d;
	return PDX_OK;
}

void doclist_clear(pdx_doclist *l)
{
	for (size_t i = 0; i < l->n; i++)
		doc_free(l->docs[i]);
	free(l->docs);
	l->docs = NULL;
	l->n = l->cap = 0;
}

const char *doc_guess_lang(const pdx_doc *d)
{
	size_t zh = 0, all = 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		size_t n = strlen(d->blocks[i].text);
		all += n;
		if (pdx_text_is_zh(d->blocks[i].text))
			zh += n;
	}
	return (all && zh * 2 > all) ? "zh" : "en";
}
