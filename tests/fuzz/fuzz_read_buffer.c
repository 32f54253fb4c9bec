/* fuzz_read_buffer.c - read_buffer() (byte checks, sniffing, every reader,
 * clippings split) on arbitrary bytes. The first byte picks the file name
 * the sniffer gets as a hint. */
#include "fuzz_common.h"
#include "polidex/doc.h"
#include "read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "f.txt", "f.md", "f.html", "f.xml" };
	if (size < 1)
		return 0;
	const char *name = names[data[0] & 3];
	data++;
	size--;
	char *s = fuzz_cstr(data, &size);
	if (!s)
		return 0;
	pdx_doclist l = { 0 };
	char err[512];
	read_buffer(name, s, size, &l, err, sizeof err);
	doclist_clear(&l);
	free(s);
	return 0;
}
