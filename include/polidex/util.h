/* util.h - small helpers every module uses: growable strings, UTF-8. */
#ifndef POLIDEX_UTIL_H
#define POLIDEX_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Return codes shared by every module. */
enum {
	PDX_OK = 0,
	PDX_ERR = -1,		/* generic failure, detail in the err buffer */
	PDX_ENOMEM = -2,
	PDX_EFORMAT = -3,	/* input no reader can take */
	PDX_EIO = -4,
};

/* A growable NUL-terminated byte string. Its first failure (out of
 * memory) sticks: the contents are dropped (s NULL, len 0), every later
 * append fails, pdx_buf_take returns NULL. A builder may so append freely and
 * check once at the end with pdx_buf_status; it can never end up with a
 * string that silently lacks a piece. */
typedef struct {
	char *s;
	size_t len;
	size_t cap;
	bool failed;
} pdx_buf;

void pdx_buf_init(pdx_buf *b);
void pdx_buf_clear(pdx_buf *b);
int pdx_buf_add(pdx_buf *b, const char *s, size_t n);
int pdx_buf_adds(pdx_buf *b, const char *s);
/* Room for n more bytes and a NUL after len, to write in place (then
 * len moves on, and s[len] is set to NUL by the writer). */
int pdx_buf_reserve(pdx_buf *b, size_t n);
int pdx_buf_addc(pdx_buf *b, char c);
int pdx_buf_printf(pdx_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* PDX_OK, or PDX_ENOMEM when an append has failed since pdx_buf_init. */
int pdx_buf_status(const pdx_buf *b);
/* Hand the string to the caller (who frees it); the buffer is left empty.
 * NULL when an append failed (or no memory for an empty string). */
char *pdx_buf_take(pdx_buf *b);

/* Seconds on the monotonic clock (for measuring intervals). */
double pdx_now(void);

/* A helper thread's first call: it yields the processors to the main
 * thread, which does what bounds the run (storing in order; reading and
 * writing the database) while helpers parse ahead of it. On
 * Linux the nice value is the thread's: PDX_HELPER_NICE more than the
 * process's, so that three threads on two processors do not share them
 * evenly. Elsewhere nothing. */
#define PDX_HELPER_NICE 10
void pdx_thread_yield(void);

/* strdup that returns NULL for NULL. Caller frees. */
char *pdx_strdup(const char *s);
char *pdx_strndup(const char *s, size_t n);

/* Byte offset of the first invalid UTF-8 sequence in s[0..n), or -1. */
long pdx_utf8_invalid_at(const char *s, size_t n);
/* Decode one code point at s (n bytes left); sets *adv. Invalid -> U+FFFD, adv 1. */
uint32_t pdx_utf8_decode(const char *s, size_t n, int *adv);
/* Encode cp into out (4 bytes room); returns the length. */
int pdx_utf8_encode(uint32_t cp, char *out);
/* True for Han ideographs, kana, hangul and CJK punctuation-free letters. */
bool pdx_is_cjk(uint32_t cp);
/* Fraction of letters in s that are CJK (0..1). */
double pdx_cjk_ratio(const char *s);

/* Is s Chinese text? More CJK characters than Latin words: a Chinese
 * sentence with English names in brackets is Chinese, an English one
 * quoting a Chinese name is not. */
bool pdx_text_is_zh(const char *s);

/* Collapse every run of white space (ASCII, NBSP, U+3000) into one space and
 * trim both ends, in place. */
void pdx_squeeze_space(char *s);
/* The beginning of what pdx_squeeze_space makes of s, into out: all of
 * it, or at least min bytes or chars characters (UTF-8 lead bytes) of it
 * and at most min + 1 bytes, NUL-terminated (out holds min + 2). Returns
 * its length. What a caller that shows the first words of a long text
 * squeezes, instead of the whole text. */
size_t pdx_squeeze_prefix(const char *s, char *out, size_t min, size_t chars);
/* The first max_chars characters of s (NULL: "") with white space
 * squeezed, cut after a word when one ends in the second half, "…"
 * marking the cut: a long text's first words as a listing shows them,
 * into out, which holds PDX_SHORT_SIZE(max_chars) bytes. Returns its
 * length. */
#define PDX_SHORT_SIZE(max_chars) (((max_chars) + 1) * 4 + 5)
size_t pdx_short_text(const char *s, size_t max_chars, char *out);

/* Read a whole file into memory, NUL-terminated. Caller frees *out.
 * Fails with PDX_EIO (errno kept) or PDX_EFORMAT when larger than max. */
int pdx_read_file(const char *path, size_t max, char **out, size_t *len);

#endif
