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
 * append fails, buf_take returns NULL. A builder may so append freely and
 * check once at the end with buf_status; it can never end up with a
 * string that silently lacks a piece. */
typedef struct {
	char *s;
	size_t len;
	size_t cap;
	bool failed;
} pdx_buf;

void buf_init(pdx_buf *b);
void buf_free(pdx_buf *b);
int buf_add(pdx_buf *b, const char *s, size_t n);
int buf_adds(pdx_buf *b, const char *s);
int buf_addc(pdx_buf *b, char c);
int buf_printf(pdx_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* PDX_OK, or PDX_ENOMEM when an append has failed since buf_init. */
int buf_status(const pdx_buf *b);
/* Hand the string to the caller (who frees it); the buffer is left empty.
 * NULL when an append failed (or no memory for an empty string). */
char *buf_take(pdx_buf *b);

/* Seconds on the monotonic clock (for measuring intervals). */
double now_seconds(void);

/* A helper thread's first call: it yields the processors to the main
 * thread, which does what bounds the run (storing in order; reading and
 * writing the database) while helpers parse ahead of it. On
 * Linux the nice value is the thread's: HELPER_NICE more than the
 * process's, so that three threads on two processors do not share them
 * evenly. Elsewhere nothing. */
#define HELPER_NICE 10
void thread_yield_to_main(void);

/* strdup that returns NULL for NULL. Caller frees. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Byte offset of the first invalid UTF-8 sequence in s[0..n), or -1. */
long utf8_invalid_at(const char *s, size_t n);
/* Decode one code point at s (n bytes left); sets *adv. Invalid -> U+FFFD, adv 1. */
uint32_t utf8_decode(const char *s, size_t n, int *adv);
/* Encode cp into out (4 bytes room); returns the length. */
int utf8_encode(uint32_t cp, char *out);
/* True for Han ideographs, kana, hangul and CJK punctuation-free letters. */
bool is_cjk(uint32_t cp);
/* Fraction of letters in s that are CJK (0..1). */
double cjk_ratio(const char *s);

/* Is s Chinese text? More CJK characters than Latin words: a Chinese
 * sentence with English names in brackets is Chinese, an English one
 * quoting a Chinese name is not. */
bool text_is_zh(const char *s);

/* Collapse every run of white space (ASCII, NBSP, U+3000) into one space and
 * trim both ends, in place. */
void squeeze_space(char *s);

/* Read a whole file into memory, NUL-terminated. Caller frees *out.
 * Fails with PDX_EIO (errno kept) or PDX_EFORMAT when larger than max. */
int read_whole_file(const char *path, size_t max, char **out, size_t *len);

#endif
