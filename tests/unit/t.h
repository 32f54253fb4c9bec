/* t.h - the unit-test harness: each check prints "ok" or "not ok" with its
 * name; t_done() prints "# passed N failed M", which tests/run.sh adds up. */
#ifndef POLIDEX_T_H
#define POLIDEX_T_H

#include <stdio.h>
#include <string.h>

static int t_pass, t_fail;

#define T_OK(cond, ...) do { \
	if (cond) { t_pass++; printf("ok - "); printf(__VA_ARGS__); printf("\n"); } \
	else { t_fail++; printf("not ok - "); printf(__VA_ARGS__); \
	       printf("  (%s:%d: %s)\n", __FILE__, __LINE__, #cond); } \
} while (0)

/* Compare two strings (NULL-safe) and show both on failure. */
#define T_STR(got, want, ...) do { \
	const char *t_g_ = (got), *t_w_ = (want); \
	int t_eq_ = (t_g_ == NULL && t_w_ == NULL) || \
		    (t_g_ && t_w_ && strcmp(t_g_, t_w_) == 0); \
	if (t_eq_) { t_pass++; printf("ok - "); printf(__VA_ARGS__); printf("\n"); } \
	else { t_fail++; printf("not ok - "); printf(__VA_ARGS__); \
	       printf("\n#   got:  %s\n#   want: %s  (%s:%d)\n", t_g_ ? t_g_ : "(null)", \
		      t_w_ ? t_w_ : "(null)", __FILE__, __LINE__); } \
} while (0)

#define T_INT(got, want, ...) do { \
	long t_g_ = (long)(got), t_w_ = (long)(want); \
	if (t_g_ == t_w_) { t_pass++; printf("ok - "); printf(__VA_ARGS__); printf("\n"); } \
	else { t_fail++; printf("not ok - "); printf(__VA_ARGS__); \
	       printf("\n#   got:  %ld\n#   want: %ld  (%s:%d)\n", t_g_, t_w_, __FILE__, __LINE__); } \
} while (0)

static inline int t_done(void)
{
	printf("# passed %d failed %d\n", t_pass, t_fail);
	return t_fail ? 1 : 0;
}

#endif
