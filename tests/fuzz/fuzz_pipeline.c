/* fuzz_pipeline.c - the whole pipeline (read, segment, agencies with the
 * built-in gazetteer, timeline dates, events) on arbitrary bytes: the date
 * parser and the agency matcher see every record text the readers make. */
#include <stdio.h>

#include "fuzz_common.h"
#include "polidex/agencies.h"
#include "polidex/util.h"
#include "pipeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pdx_gazetteer *gaz;
static pdx_tagger *tagger;	/* gaz's, kept for the process like gaz */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "f.txt", "f.md", "f.html", "f.xml" };
	char err[512];
	if (!gaz && gazetteer_load_builtin(&gaz, err, sizeof err)) {
		fprintf(stderr, "gazetteer: %s\n", err);
		abort();
	}
	if (!tagger && tagger_new(&tagger, gaz) != PDX_OK) {
		fprintf(stderr, "the agency tagger\n");
		abort();
	}
	if (size < 1)
		return 0;
	const char *name = names[data[0] & 3];
	data++;
	size--;
	char *s = fuzz_cstr(data, &size);
	if (!s)
		return 0;
	pdx_parsed p;
	pipeline_buffer(tagger, name, s, size, &p, err, sizeof err);
	pipeline_clear(&p);
	free(s);
	return 0;
}
