/* containers.c - the growable array (see containers.h). */
#include <stdlib.h>

#include "polidex/containers.h"

void *pdx_grow(void **v, size_t *n, size_t *cap, size_t sz)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		void *p = realloc(*v, c * sz);
		if (!p)
			return NULL;
		*v = p;
		*cap = c;
	}
	return (char *)*v + (*n)++ * sz;
}
