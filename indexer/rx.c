/* rx.c - PCRE2 wrapper: patterns compiled once, JIT where it helps. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "rx.h"

/* valgrind cannot see through JIT-compiled code (it reports reads of
 * uninitialised memory inside it): under valgrind, interpret instead. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

int rx_use_jit(void)
{
	return !RUNNING_ON_VALGRIND;
}

struct pdx_rx {
	pcre2_code *code;
	uint32_t pairs;		/* capture pairs, the whole match included */
};

/* Match data is per thread, not per pattern, so that threads share the
 * compiled patterns (the indexer parses files on several). One block per
 * thread serves every pattern: RX_MAX_PAIRS is above the captures of any
 * pattern polidex compiles (rx_new refuses more). */
#define RX_MAX_PAIRS 32
static pthread_key_t md_key;
static pthread_once_t md_once = PTHREAD_ONCE_INIT;
static int md_key_ok;

static void md_free(void *md)
{
	pcre2_match_data_free(md);
}

static void md_key_init(void)
{
	md_key_ok = pthread_key_create(&md_key, md_free) == 0;
}

static pcre2_match_data *thread_md(void)
{
	pthread_once(&md_once, md_key_init);
	if (!md_key_ok)
		return NULL;
	pcre2_match_data *md = pthread_getspecific(md_key);
	if (!md && (md = pcre2_match_data_create(RX_MAX_PAIRS, NULL)) &&
	    pthread_setspecific(md_key, md) != 0) {
		pcre2_match_data_free(md);
		md = NULL;
	}
	return md;
}

pdx_rx *rx_new(const char *pattern, uint32_t options)
{
	int err;
	PCRE2_SIZE off;
	pdx_rx *rx = calloc(1, sizeof *rx);
	if (!rx)
		return NULL;
	rx->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				 options | PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK,
				 &err, &off, NULL);
	if (!rx->code) {
		free(rx);
		return NULL;
	}
	/* JIT failing (e.g. no executable memory) is not an error */
	if (rx_use_jit())
		(void)pcre2_jit_compile(rx->code, PCRE2_JIT_COMPLETE);
	uint32_t caps = 0;
	pcre2_pattern_info(rx->code, PCRE2_INFO_CAPTURECOUNT, &caps);
	rx->pairs = caps + 1;
	if (rx->pairs > RX_MAX_PAIRS) {
		rx_free(rx);
		return NULL;
	}
	return rx;
}

void rx_free(pdx_rx *rx)
{
	if (!rx)
		return;
	pcre2_code_free(rx->code);
	free(rx);
}

int rx_match(const pdx_rx *rx, const char *s, size_t len, size_t start,
	     size_t *ov, int nov)
{
	/* input is validated UTF-8 before it reaches any pattern */
	pcre2_match_data *md = thread_md();
	if (!md)
		return 0;
	int rc = pcre2_match(rx->code, (PCRE2_SPTR)s, len, start,
			     PCRE2_NO_UTF_CHECK, md, NULL);
	if (rc <= 0)
		return 0;
	PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);
	uint32_t pairs = rx->pairs;
	for (int i = 0; i < nov; i++) {
		if ((uint32_t)i < pairs && i < rc) {
			ov[2 * i] = v[2 * i] == PCRE2_UNSET ? (size_t)-1 : v[2 * i];
			ov[2 * i + 1] = v[2 * i + 1] == PCRE2_UNSET ? (size_t)-1 : v[2 * i + 1];
		} else {
			ov[2 * i] = ov[2 * i + 1] = (size_t)-1;
		}
	}
	return rc;
}

int rx_test(const pdx_rx *rx, const char *s)
{
	size_t ov[2];
	return rx_match(rx, s, strlen(s), 0, ov, 1) > 0;
}
