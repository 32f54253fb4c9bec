/* fuzz_common.h - shared bits of the libFuzzer harnesses: a NUL-terminated
 * copy of the input (the readers need buf[len] == NUL). */
#ifndef POLIDEX_FUZZ_COMMON_H
#define POLIDEX_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Inputs beyond this are cut: the fuzzer should look for bugs, not spend
 * its time on megabyte inputs. */
#define FUZZ_MAX (256u * 1024)

static inline char *fuzz_cstr(const uint8_t *data, size_t *size)
{
	if (*size > FUZZ_MAX)
		*size = FUZZ_MAX;
	char *s = malloc(*size + 1);
	if (!s)
		return NULL;
	memcpy(s, data, *size);
	s[*size] = '\0';
	return s;
}

#endif
