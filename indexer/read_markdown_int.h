/* read_markdown_int.h - what the Markdown reader's files share: the
 * lines of the file, a few tests on them, and the two passes that live in
 * files of their own: the YAML front matter (read_markdown_meta.c) and
 * the inline text (read_markdown_inline.c). Private to read_markdown*.c. */
#ifndef POLIDEX_READ_MARKDOWN_INT_H
#define POLIDEX_READ_MARKDOWN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include "polidex/doc.h"
#include "polidex/util.h"

typedef struct {
	const char *s;
	size_t len;		/* without the line end */
} md_line;

static inline bool md_is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

/* strchr for a character that may be NUL (never in the set). */
static inline bool md_in(const char *set, char c)
{
	return c && strchr(set, c);
}

/* Only white space, no-break spaces (U+00A0) included: pages mirrored
 * from HTML keep &nbsp; lines that stand for empty ones. */
static inline bool md_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
			i++;
		else if (!md_is_ws(s[i]))
			return false;
	}
	return true;
}

static inline void md_trim(const char **s, size_t *n)
{
	while (*n && md_is_ws(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && md_is_ws((*s)[*n - 1]))
		(*n)--;
}

/* Read the front matter of the lines L[0..n), if any, into doc; *body is
 * the index of the first line after it. Returns PDX_OK, PDX_ENOMEM, or
 * PDX_EFORMAT with a message in err. */
int md_front_matter(const md_line *L, size_t n, pdx_doc *doc,
		    size_t *body, char *err, size_t errlen);

/* Append the plain text of the Markdown inline text s[0..n) to out: links
 * give their text, images nothing, autolinks their address, HTML tags
 * nothing, escapes and entities the character, emphasis its content.
 * Returns PDX_OK or PDX_ENOMEM. */
int md_inline(const char *s, size_t n, pdx_buf *out);

#endif
