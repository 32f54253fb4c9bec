/* containers.h - the small containers every module shares: the FNV-1a
 * hash and a growable array. (The string buffer is pdx_buf, util.h.)
 *
 * Hash tables: polidex has three, each open addressing with linear
 * probing over a power-of-two slot array, and each keeps its own code on
 * purpose: the post-pass vocabulary and per-record word set
 * (indexer/postpass_df.c) are the indexer's hottest loop and store 32-bit
 * indexes into their own string storage, and the search's candidate table
 * (lib/ranked.c) keys 64-bit row ids with a multiplicative hash. A generic
 * table would add an indirect compare and a wider slot to each probe;
 * what they share, the hash, is here. */
#ifndef POLIDEX_CONTAINERS_H
#define POLIDEX_CONTAINERS_H

#include <stddef.h>
#include <stdint.h>

/* 64-bit FNV-1a: start from PDX_FNV_OFFSET, fold bytes in with
 * pdx_fnv1a (which may be chained over several pieces). Fast and well
 * spread for hash tables and change detection; not cryptographic. */
#define PDX_FNV_OFFSET 0xcbf29ce484222325ULL
#define PDX_FNV_PRIME 0x100000001b3ULL

static inline uint64_t pdx_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= PDX_FNV_PRIME;
	}
	return h;
}

/* Grow the array *v (elements of sz bytes, *n used of *cap) to hold one
 * more, doubling from 16, and return the new element, counted in *n and
 * left uninitialised. NULL when out of memory (the array is unchanged). */
void *pdx_grow(void **v, size_t *n, size_t *cap, size_t sz);

#endif
