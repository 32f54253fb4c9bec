/* util.c - growable strings, UTF-8 helpers, whole-file reading. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE		/* syscall(SYS_gettid) */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "polidex/util.h"

void pdx_buf_init(pdx_buf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
	b->failed = false;
}

void pdx_buf_clear(pdx_buf *b)
{
	free(b->s);
	pdx_buf_init(b);
}

/* The first failure drops what the buffer held and sticks: a builder
 * that ignores one append's status cannot go on to produce a string with
 * a piece missing (an SQL filter clause, say); it gets no string. */
static int buf_fail(pdx_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->failed = true;
	return PDX_ENOMEM;
}

static int buf_grow(pdx_buf *b, size_t need)
{
	if (b->failed)
		return PDX_ENOMEM;
	if (need >= SIZE_MAX / 2 - b->len)
		return buf_fail(b);
	if (b->len + need + 1 <= b->cap)
		return PDX_OK;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + need + 1)
		cap *= 2;
	char *s = realloc(b->s, cap);
	if (!s)
		return buf_fail(b);
	b->s = s;
	b->cap = cap;
	return PDX_OK;
}

int pdx_buf_add(pdx_buf *b, const char *s, size_t n)
{
	if (buf_grow(b, n))
		return PDX_ENOMEM;
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return PDX_OK;
}

int pdx_buf_reserve(pdx_buf *b, size_t n)
{
	return buf_grow(b, n);
}

int pdx_buf_adds(pdx_buf *b, const char *s)
{
	return pdx_buf_add(b, s, strlen(s));
}

int pdx_buf_addc(pdx_buf *b, char c)
{
	return pdx_buf_add(b, &c, 1);
}

int pdx_buf_printf(pdx_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return buf_fail(b);
	if (buf_grow(b, (size_t)n))
		return PDX_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return PDX_OK;
}

int pdx_buf_status(const pdx_buf *b)
{
	return b->failed ? PDX_ENOMEM : PDX_OK;
}

char *pdx_buf_take(pdx_buf *b)
{
	if (b->failed) {
		pdx_buf_init(b);
		return NULL;
	}
	char *s = b->s;
	if (!s)
		s = calloc(1, 1);
	pdx_buf_init(b);
	return s;
}

char *pdx_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

char *pdx_strndup(const char *s, size_t n)
{
	return s ? strndup(s, n) : NULL;
}

uint32_t pdx_utf8_decode(const char *str, size_t n, int *adv)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t cp;
	int len;

	*adv = 1;
	if (n == 0)
		return 0xFFFD;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		cp = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		cp = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0xFFFD;
	}
	if ((size_t)len > n)
		return 0xFFFD;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0xFFFD;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates and values past U+10FFFF are invalid */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0xFFFD;
	*adv = len;
	return cp;
}

long pdx_utf8_invalid_at(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int adv;
		uint32_t cp = pdx_utf8_decode(s + i, n - i, &adv);
		if (cp == 0xFFFD && adv == 1)
			return (long)i;
		i += (size_t)adv;
	}
	return -1;
}

int pdx_utf8_encode(uint32_t cp, char *o)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool pdx_is_cjk(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) ||	/* ext A */
	       (cp >= 0x4E00 && cp <= 0x9FFF) ||	/* unified */
	       (cp >= 0xF900 && cp <= 0xFAFF) ||	/* compatibility */
	       (cp >= 0x3040 && cp <= 0x30FF) ||	/* kana */
	       (cp >= 0xAC00 && cp <= 0xD7AF) ||	/* hangul */
	       (cp >= 0x20000 && cp <= 0x2FA1F);	/* ext B.. */
}

double pdx_cjk_ratio(const char *s)
{
	size_t n = strlen(s), i = 0, cjk = 0, letters = 0;
	while (i < n) {
		int adv;
		uint32_t cp = pdx_utf8_decode(s + i, n - i, &adv);
		i += (size_t)adv;
		if (pdx_is_cjk(cp)) {
			cjk++;
			letters++;
		} else if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') {
			letters++;
		}
	}
	return letters ? (double)cjk / (double)letters : 0.0;
}

bool pdx_text_is_zh(const char *s)
{
	/* every CJK code point pdx_is_cjk knows is encoded from lead byte 0xE3
	 * up: text without one has none (most records) */
	const unsigned char *u = (const unsigned char *)s;
	while (*u && *u < 0xE3)
		u++;
	if (!*u)
		return false;
	size_t n = strlen(s), i = 0, cjk = 0, words = 0;
	bool in_word = false;
	while (i < n) {
		int adv;
		uint32_t cp = pdx_utf8_decode(s + i, n - i, &adv);
		i += (size_t)adv;
		bool latin = (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
		if (pdx_is_cjk(cp))
			cjk++;
		if (latin && !in_word)
			words++;
		in_word = latin || (in_word && cp >= '0' && cp <= '9');
	}
	return cjk > 0 && cjk >= words;
}

/* Length of the white-space character at s, or 0. */
static int space_len(const unsigned char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
	    *s == '\f' || *s == '\v')
		return 1;
	if (s[0] == 0xC2 && s[1] == 0xA0)		/* NBSP */
		return 2;
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)	/* U+3000 */
		return 3;
	if (s[0] == 0xE2 && s[1] == 0x80 &&
	    (s[2] >= 0x80 && s[2] <= 0x8B))		/* U+2000..U+200B */
		return 3;
	return 0;
}

void pdx_squeeze_space(char *str)
{
	unsigned char *s = (unsigned char *)str, *o = s;
	bool pending = false;
	while (*s) {
		int k = space_len(s);
		if (k) {
			pending = true;
			s += k;
			continue;
		}
		if (pending && o != (unsigned char *)str)
			*o++ = ' ';
		pending = false;
		*o++ = *s++;
	}
	*o = '\0';
}

/* The bytes a white-space character (space_len) may begin with. */
static const bool space_lead[256] = {
	['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
	[0xC2] = 1, [0xE2] = 1, [0xE3] = 1,
};

size_t pdx_squeeze_prefix(const char *str, char *out, size_t min, size_t chars)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char *o = (unsigned char *)out;
	bool pending = false;
	size_t leads = 0;
	while (*s && (size_t)(o - (unsigned char *)out) < min && leads < chars) {
		int k = space_lead[*s] ? space_len(s) : 0;
		if (k) {
			pending = true;
			s += k;
			continue;
		}
		if (pending && o != (unsigned char *)out) {
			*o++ = ' ';
			leads++;
		}
		pending = false;
		leads += (*s & 0xC0) != 0x80;
		*o++ = *s++;
	}
	*o = '\0';
	return (size_t)(o - (unsigned char *)out);
}

size_t pdx_short_text(const char *s, size_t max_chars, char *out)
{
	/* squeezed only as far as shown: the max_chars characters counted
	 * below take at most 4 bytes each and begin with a lead byte each
	 * (a byte that is no character counts as one), and one more tells
	 * whether there is more to cut */
	size_t len = pdx_squeeze_prefix(s ? s : "", out, (max_chars + 1) * 4, max_chars + 1);
	size_t i = 0, chars = 0, space = 0;
	while (i < len && chars < max_chars) {
		int adv = 1;
		if ((unsigned char)out[i] >= 0x80)
			pdx_utf8_decode(out + i, len - i, &adv);
		if (out[i] == ' ' && chars > max_chars / 2)
			space = i;
		i += (size_t)adv;
		chars++;
	}
	if (i >= len)
		return len;
	if (space)
		i = space;
	while (i > 0 && out[i - 1] == ' ')
		i--;
	memcpy(out + i, "\u2026", 4);	/* with its NUL */
	return i + 3;
}

int pdx_read_file(const char *path, size_t max, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return PDX_EIO;
	pdx_buf b;
	pdx_buf_init(&b);
	char chunk[65536];
	size_t n;
	int rc = PDX_OK;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > max) {
			rc = PDX_EFORMAT;
			break;
		}
		if (pdx_buf_add(&b, chunk, n)) {
			rc = PDX_ENOMEM;
			break;
		}
	}
	if (rc == PDX_OK && ferror(f))
		rc = PDX_EIO;
	int saved = errno;
	fclose(f);
	if (rc) {
		pdx_buf_clear(&b);
		errno = saved;
		return rc;
	}
	*len = b.len;
	*out = pdx_buf_take(&b);
	return PDX_OK;
}

double pdx_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void pdx_thread_yield(void)
{
#ifdef __linux__
	errno = 0;
	int nice = getpriority(PRIO_PROCESS, 0);
	if (errno == 0)
		setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid),
			    nice + PDX_HELPER_NICE > 19 ? 19 : nice + PDX_HELPER_NICE);
#endif
}
