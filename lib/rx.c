/* rx.c - PCRE2 wrapper: patterns compiled once, JIT where it helps. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "polidex/rx.h"

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
	pcre2_match_data *md;
};

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
	rx->md = pcre2_match_data_create_from_pattern(rx->code, NULL);
	if (!rx->md) {
		rx_free(rx);
		return NULL;
	}
	return rx;
}

void rx_free(pdx_rx *rx)
{
	if (!rx)
		return;
	pcre2_match_data_free(rx->md);
	pcre2_code_free(rx->code);
	free(rx);
}

int rx_match(const pdx_rx *rx, const char *s, size_t len, size_t start,
	     size_t *ov, int nov)
{
	/* input is validated UTF-8 before it reaches any pattern */
	int rc = pcre2_match(rx->code, (PCRE2_SPTR)s, len, start,
			     PCRE2_NO_UTF_CHECK, rx->md, NULL);
	if (rc <= 0)
		return 0;
	PCRE2_SIZE *v = pcre2_get_ovector_pointer(rx->md);
	uint32_t pairs = pcre2_get_ovector_count(rx->md);
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
