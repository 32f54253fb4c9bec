/* test_util.c - the containers and text helpers of lib/util.c. */
#include <stdint.h>
#include <stdlib.h>

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

int main(void)
{
	test_buf();
	return t_done();
}
