/* read.h - readers: bytes of one file in, documents (block lists) out.
 *
 * Every reader takes the whole file as a NUL-terminated, valid UTF-8 buffer
 * (read_file checks that first), fills the document it is given and returns
 * PDX_OK, or PDX_EFORMAT with a message in err when it cannot take it. */
#ifndef POLIDEX_READ_H
#define POLIDEX_READ_H

#include <stdbool.h>
#include <stddef.h>
#include "polidex/doc.h"

/* Largest file read_file accepts, in bytes. */
#define PDX_MAX_FILE (64u * 1024 * 1024)

int read_text(const char *buf, size_t len, pdx_doc *doc, char *err, size_t errlen);
int read_markdown(const char *buf, size_t len, pdx_doc *doc, char *err, size_t errlen);
int read_html(const char *buf, size_t len, pdx_doc *doc, char *err, size_t errlen);
int read_fr_xml(const char *buf, size_t len, pdx_doc *doc, char *err, size_t errlen);
/* A PDF (binary: buf need not be text nor NUL-terminated) through poppler:
 * its text layer, page by page, read as the text reader reads pdftotext's
 * output; every block gets its page. PDX_EFORMAT, with the reason (and
 * page where there is one) in err, for a PDF that is encrypted, truncated,
 * broken, has no text layer (a scan) or is too large. */
int read_pdf(const char *buf, size_t len, pdx_doc *doc, char *err, size_t errlen);

/* The markup parser's time grows with the square of the attributes of
 * one element (libxml2 compares each with those before it): a start tag
 * with more, or longer, is refused before parsing. */
#define PDX_MAX_ATTRS 1000
#define PDX_MAX_TAG (4u * 1024 * 1024)

/* Check the start tags of HTML or XML in buf[0..len) against the limits
 * above, in one pass (comments, CDATA, processing instructions, and the
 * contents of script and style elements skipped). Returns PDX_OK, or
 * PDX_EFORMAT with a message naming the line and byte in err. */
int read_check_tags(const char *buf, size_t len, char *err, size_t errlen);

/* The Federal Register API's JSON: one document, or a page of search
 * results (one document per entry, part 1..n), appended to out. */
int read_fr_json(const char *path, const char *buf, size_t len, pdx_doclist *out,
		 char *err, size_t errlen);
/* Is buf the FR API's JSON (an object or array naming document_number)? */
bool read_fr_json_sniff(const char *buf, size_t len);

/* Which reader takes buf: "text", "markdown", "html", "fr-xml", "fr-json", or NULL
 * when none does (binary). The path's extension is a hint only. */
const char *read_sniff(const char *path, const char *buf, size_t len);

/* Read the whole regular file at path into *out (NUL-terminated; the
 * caller frees it). Opened without blocking and without becoming a
 * controlling terminal, then checked with fstat: a FIFO, device, socket
 * or folder (say a file swapped for a FIFO since the walk) is refused at
 * once, never waited on. Returns PDX_OK, or PDX_EIO / PDX_EFORMAT with
 * the reason (without the path) in err: the system's message, "a FIFO,
 * not a regular file", "file larger than N MB". */
int read_whole(const char *path, size_t max, char **out, size_t *len, char *err,
	       size_t errlen);
/* The same, but a symbolic link at path is refused ("a symbolic link")
 * rather than followed (O_NOFOLLOW): for files the walk found as files,
 * swapped for a link since. */
int read_whole_nofollow(const char *path, size_t max, char **out, size_t *len, char *err,
			size_t errlen);

/* Read the file at path into one or more documents appended to out (a
 * clippings file gives one per article, part 1..n). On failure returns
 * PDX_EFORMAT or PDX_EIO and writes a message (without the path) to err. */
int read_file(const char *path, pdx_doclist *out, char *err, size_t errlen);

/* The same for a file already in memory (buf need not be NUL-terminated
 * but must have a NUL at buf[len] for the readers). */
int read_buffer(const char *path, const char *buf, size_t len, pdx_doclist *out,
		char *err, size_t errlen);

/* Split a document read from a clippings file into its articles. Returns
 * PDX_OK and leaves out empty when doc holds one article only; otherwise
 * moves the blocks into new documents (part 1..n) appended to out. */
int read_split_clippings(pdx_doc *doc, pdx_doclist *out);

/* The first sentence of text (to ". ", "!", "?", or "。！？"), cut to 120
 * characters at a word boundary: the title of an article that has no
 * title line, English or Chinese. Caller frees; NULL on no memory. */
char *read_first_sentence(const char *text);

#endif
