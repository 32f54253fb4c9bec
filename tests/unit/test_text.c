/* test_text.c - lib/text.c (sentence ends, edit distance) and
 * lib/containers.c (FNV-1a, the growable array). */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "polidex/containers.h"
#include "polidex/text.h"

/* Where the first sentence of s ends (the byte after its mark), or 0. */
static size_t first_end(const char *s, unsigned flags)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		size_t m = pdx_sentence_mark(s, n, i, flags);
		if (m)
			return i + m;
	}
	return 0;
}

static void test_sentences(void)
{
	/* The one list: the tagger's and the extractor's words read alike. */
	T_OK(pdx_abbrev_before("the Commerce Dept. and", 17), "Dept. is an abbreviation");
	T_OK(pdx_abbrev_before("by Mar. 5", 6), "Mar. is one");
	T_OK(pdx_abbrev_before("see Fig. 2", 7), "Fig. (list: fig)");
	T_OK(pdx_abbrev_before("the U.S. and", 7), "a dotted word");
	T_OK(pdx_abbrev_before("John A. Smith", 6), "an initial");
	T_OK(!pdx_abbrev_before("in section 2. The", 12), "a number is not");
	T_OK(!pdx_abbrev_before("to the SEC. The", 10), "case counts past the first letter");
	T_OK(!pdx_abbrev_before("by the agency. The", 13), "a plain word is not");

	T_INT((int)first_end("Sec. 3 applies. Next", 0), 15, "Sec. does not end the sentence");
	T_INT((int)first_end("a; go on. c", 0), 9, "';' ends nothing by default");
	T_INT((int)first_end("a; go on. c", PDX_SENT_SEMICOLON), 2, "but does with PDX_SENT_SEMICOLON");
	T_INT((int)first_end("a;b", PDX_SENT_SEMICOLON), 0, "which needs a space");
	T_INT((int)first_end("a;b", PDX_SENT_SEMICOLON | PDX_SENT_BARE), 2, "unless PDX_SENT_BARE");
	T_INT((int)first_end("end.", 0), 4, "the text's end counts as a space");
	T_INT((int)first_end("\xe5\x8f\x91\xe5\xb8\x83\xe3\x80\x82\xe5\x86\x8d", 0), 9, "。 ends one");
	T_INT((int)first_end("a\xef\xbc\x9b" "b", 0), 0, "； only with PDX_SENT_SEMICOLON");
	T_INT((int)first_end("a\xef\xbc\x9b" "b", PDX_SENT_SEMICOLON), 4, "；");
}

static void test_edit_distance(void)
{
	T_INT((int)pdx_edit_distance("Comerce", "Commerce", 3), 1, "one insertion");
	T_INT((int)pdx_edit_distance("COMMERCE", "commerce", 3), 0, "ASCII case folded");
	T_INT((int)pdx_edit_distance("abc", "xyz", 2), 3, "past cap: cap + 1");
	T_INT((int)pdx_edit_distance("a", "abcdefgh", 2), 3, "lengths too far apart: cap + 1");
	char big[PDX_EDIT_MAX + 2];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	T_INT((int)pdx_edit_distance(big, big, 5), 6, "a string over PDX_EDIT_MAX is never near");
}

static void test_containers(void)
{
	/* FNV-1a's published test vectors. */
	T_OK(pdx_fnv1a(PDX_FNV_OFFSET, "", 0) == 0xcbf29ce484222325ULL, "fnv1a of nothing");
	T_OK(pdx_fnv1a(PDX_FNV_OFFSET, "a", 1) == 0xaf63dc4c8601ec8cULL, "fnv1a(\"a\")");
	T_OK(pdx_fnv1a(pdx_fnv1a(PDX_FNV_OFFSET, "fo", 2), "obar", 4) ==
	     pdx_fnv1a(PDX_FNV_OFFSET, "foobar", 6), "chained over pieces");

	int *v = NULL;
	size_t n = 0, cap = 0;
	for (int i = 0; i < 100; i++) {
		int *e = pdx_grow((void **)&v, &n, &cap, sizeof *v);
		T_OK(e != NULL, "grow %d", i);
		if (!e)
			break;
		*e = i;
	}
	T_OK(n == 100 && cap >= 100 && v[0] == 0 && v[99] == 99, "100 elements kept in order");
	free(v);
}

int main(void)
{
	test_sentences();
	test_edit_distance();
	test_containers();
	return t_done();
}
