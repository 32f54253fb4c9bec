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

/* pdx_short_text: a text's first words as a listing shows them. */
static void test_short_text(void)
{
	char out[PDX_SHORT_SIZE(10)];
	T_INT((long)pdx_short_text("  a\tb \n c  ", 10, out), 5, "short: its length");
	T_STR(out, "a b c", "short: squeezed, whole");
	pdx_short_text(NULL, 10, out);
	T_STR(out, "", "NULL: empty");
	pdx_short_text("one two three four", 10, out);
	T_STR(out, "one two\xE2\x80\xA6", "cut after a word in the second half");
	pdx_short_text("abcdefghijklmnop", 10, out);
	T_STR(out, "abcdefghij\xE2\x80\xA6", "no word ends there: cut at the limit");
	pdx_short_text("0123456789", 10, out);
	T_STR(out, "0123456789", "exactly the limit: no cut");
	pdx_short_text("\xE6\x96\xB0\xE4\xB8\x80\xE4\xBB\xA3 \xE4\xBA\xBA\xE5\xB7\xA5\xE6\x99\xBA\xE8\x83\xBD"
		       "\xE6\x96\xB0\xE4\xB8\x80\xE4\xBB\xA3\xE6\x96\xB0", 6, out);
	T_STR(out, "\xE6\x96\xB0\xE4\xB8\x80\xE4\xBB\xA3 \xE4\xBA\xBA\xE5\xB7\xA5\xE2\x80\xA6",
	      "characters, not bytes, counted");
	char big[PDX_SHORT_SIZE(160)];
	char text[2000];
	for (int i = 0; i < 1999; i++)
		text[i] = i % 7 == 6 ? ' ' : (char)('a' + i % 26);
	text[1999] = '\0';
	size_t n = pdx_short_text(text, 160, big);
	T_OK(n == strlen(big) && n < sizeof big, "a long text fits PDX_SHORT_SIZE");
}

int main(void)
{
	test_buf();
	test_short_text();
	return t_done();
}
