/* rx.h - a thin layer over PCRE2: compile once, match with captures. */
#ifndef POLIDEX_RX_H
#define POLIDEX_RX_H

#include <stddef.h>
#include <stdint.h>

typedef struct pdx_rx pdx_rx;

/* Compile pattern with PCRE2_UTF|PCRE2_UCP plus extra options (e.g.
 * PCRE2_CASELESS), JIT-compiled where available. NULL on a bad pattern
 * (a programming error) or no memory. Free with rx_free. */
pdx_rx *rx_new(const char *pattern, uint32_t options);
void rx_free(pdx_rx *rx);

/* Match rx in s[0..len) from offset start. On a match returns the number
 * of capture pairs set (>= 1) and fills ov[0..2*nov) with byte offsets
 * (unset groups get (size_t)-1); 0 when there is no match. */
int rx_match(const pdx_rx *rx, const char *s, size_t len, size_t start,
	     size_t *ov, int nov);

/* Should patterns be JIT-compiled? Not under valgrind, which cannot see
 * through JIT code and reports reads of uninitialised memory inside it.
 * Modules that compile PCRE2 patterns themselves ask this too. */
int rx_use_jit(void);

/* Convenience: does rx match anywhere in the NUL-terminated s? */
int rx_test(const pdx_rx *rx, const char *s);

#endif
