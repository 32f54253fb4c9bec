/* fuzz_read_text.c - read_text() on arbitrary text. The reader is promised valid
 * UTF-8 without NUL bytes (read_buffer checks that first), so other inputs
 * go through read_buffer, which must refuse them cleanly. */
#include "fuzz_common.h"
#include "polidex/doc.h"
#include "read.h"
#include "polidex/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, &size);
	char err[512];
	if (!s)
		return 0;
	if (memchr(s, '\0', size) || pdx_utf8_invalid_at(s, size) >= 0) {
		pdx_doclist l = { 0 };
		read_buffer("fuzz.txt", s, size, &l, err, sizeof err);
		doclist_clear(&l);
	} else {
		pdx_doc *d = doc_new("fuzz");
		if (d)
			read_text(s, size, d, err, sizeof err);
		doc_free(d);
	}
	free(s);
	return 0;
}
