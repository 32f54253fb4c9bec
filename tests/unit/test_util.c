/* test_util.c - the containers and text helpers of lib/util.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "polidex/util.h"

static void test_buf(void)
{
	pdx_buf b;
	pdx_buf_init(&b);
	T_INT(pdx_buf_adds(&b, "SELECT"), PDX_OK, "append");
	T_INT(pdx_buf_printf(&b, " %d", 42), PDX_OK, "printf");
	T_INT(pdx_buf_addc(&b, ';'), PDX_OK, "a byte");
	T_STR(b.s, "SELECT 42;", "contents");
	T_INT(pdx_buf_status(&b), PDX_OK, "no failure");
	char *s = pdx_buf_take(&b);
	T_STR(s, "SELECT 42;", "take hands the string over");
	T_OK(b.s == NULL && b.len == 0, "and leaves the buffer empty");
	free(s);

	/* An append that cannot be allocated: the buffer drops what it held,
	 * and the failure sticks through later appends that would fit. */
	pdx_buf_init(&b);
	pdx_buf_adds(&b, "SELECT id FROM actions WHERE 1");
	T_INT(pdx_buf_add(&b, "x", SIZE_MAX / 2), PDX_ENOMEM, "an impossible append fails");
	T_OK(b.s == NULL && b.len == 0, "and drops the contents");
	T_INT(pdx_buf_adds(&b, " AND pillar = 1"), PDX_ENOMEM, "a later append fails too");
	T_INT(pdx_buf_printf(&b, "%s", "x"), PDX_ENOMEM, "and a later printf");
	T_INT(pdx_buf_status(&b), PDX_ENOMEM, "pdx_buf_status reports it once at the end");
	T_OK(pdx_buf_take(&b) == NULL, "pdx_buf_take gives no string with a piece missing");
	T_INT(pdx_buf_status(&b), PDX_OK, "the taken buffer starts over");
	T_INT(pdx_buf_adds(&b, "ok"), PDX_OK, "and appends again");
	pdx_buf_clear(&b);

	pdx_buf_init(&b);
	s = pdx_buf_take(&b);
	T_STR(s, "", "an empty buffer takes as an empty string");
	free(s);
}

/* pdx_squeeze_extent: the bytes pdx_squeeze_prefix reads are enough to
 * make the same prefix (what a reader keeps of a text it shows the first
 * words of), for every limit, white space of every kind at the cut, and
 * characters of several bytes. */
static void test_squeeze_extent(void)
{
	static const char *const texts[] = {
		"", "   ", "a", "  (a)  Within 30 days\tof the\n\n date  ",
		"x\xC2\xA0\xC2\xA0y z", "\xE2\x80\x83lead\xE3\x80\x80\xE2\x80\x94" "dash \xE2\x80\x8B",
		"\xE6\x96\xB0\xE4\xB8\x80\xE4\xBB\xA3  \xE4\xBA\xBA\xE5\xB7\xA5\xE6\x99\xBA\xE8\x83\xBD",
		"a b c d e f g h i j k l m n o p q r s t u v w x y z",
	};
	int bad = 0, n = 0;
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		for (size_t min = 0; min < 40; min++)
			for (size_t chars = 0; chars < 30; chars++) {
				char full[64], cut[64], part[128];
				size_t a = pdx_squeeze_prefix(texts[i], full, min, chars);
				size_t used = pdx_squeeze_extent(texts[i], min, chars);
				memcpy(part, texts[i], used);
				part[used] = '\0';
				size_t b = pdx_squeeze_prefix(part, cut, min, chars);
				n++;
				bad += a != b || strcmp(full, cut) != 0 || used > strlen(texts[i]);
			}
	T_INT(bad, 0, "the bytes read make the same prefix");
	T_OK(n > 0, "limits tried");
	T_INT((long)pdx_squeeze_extent("  ab  cd", 100, 100), 8, "all of a short text");
	T_INT((long)pdx_squeeze_extent("  ab  cd", 100, 2), 4, "up to the chars asked for");
}

int main(void)
{
	test_buf();
	test_squeeze_extent();
	return t_done();
}
