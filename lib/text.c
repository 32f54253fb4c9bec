/* text.c - where a sentence ends, and edit distance (see text.h). The
 * agency tagger, the timeline extractor and the clippings splitter all ask
 * pdx_sentence_mark, so "Dept." or "Mar." is read the same way by each. */
#include <ctype.h>
#include <string.h>

#include "polidex/text.h"

/* The one abbreviation list: the words that, before a '.', do not end a
 * sentence. Titles, legal and bibliographic forms, company forms, months.
 * Kept in the case they are written; a capitalised form is accepted for a
 * lowercase entry ("Fig." for "fig"), and the reverse ("no." for "No"). */
static const char *const abbrevs[] = {
	"Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Gen", "Gov",
	"Sec", "No", "Nos", "Art", "Vol", "Stat", "Pub", "Reg", "Fed", "Dept",
	"Inc", "Co", "Corp", "Ltd",
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
	"al", "vs", "etc", "seq", "pp", "fig",
};

static bool on_list(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof abbrevs / sizeof *abbrevs; i++) {
		const char *a = abbrevs[i];
		if (strlen(a) != n || memcmp(a + 1, w + 1, n - 1) != 0)
			continue;
		if (tolower((unsigned char)a[0]) == tolower((unsigned char)w[0]))
			return true;
	}
	return false;
}

bool pdx_abbrev_before(const char *t, size_t dot)
{
	size_t b = dot;
	while (b > 0 && (isalpha((unsigned char)t[b - 1]) || t[b - 1] == '.'))
		b--;
	size_t n = dot - b;
	if (n == 0)
		return false;
	if (n == 1 || memchr(t + b, '.', n))
		return true;
	return on_list(t + b, n);
}

size_t pdx_sentence_mark_at(const char *t, size_t len, size_t i, unsigned flags)
{
	unsigned char c = (unsigned char)t[i];
	bool spaced = i + 1 == len || isspace((unsigned char)t[i + 1]);
	bool semi = flags & PDX_SENT_SEMICOLON;
	switch (c) {
	case '.':
		return spaced && !pdx_abbrev_before(t, i);
	case ';':
		if (!semi)
			return 0;
		/* fall through */
	case '!':
	case '?':
		return spaced || (flags & PDX_SENT_BARE);
	case 0xE3:		/* 。 E3 80 82 */
		return i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
		       (unsigned char)t[i + 2] == 0x82 ? 3 : 0;
	case 0xEF:		/* ！ EF BC 81, ？ EF BC 9F, ； EF BC 9B */
		if (i + 2 >= len || (unsigned char)t[i + 1] != 0xBC)
			return 0;
		c = (unsigned char)t[i + 2];
		return c == 0x81 || c == 0x9F || (semi && c == 0x9B) ? 3 : 0;
	default:
		return 0;
	}
}

size_t pdx_edit_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > PDX_EDIT_MAX || lb > PDX_EDIT_MAX || (la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	size_t row[PDX_EDIT_MAX + 1];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0], best;
		row[0] = best = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			size_t v = diag + cost;
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > cap)	/* every later row is at least this */
			return cap + 1;
	}
	return row[lb] > cap ? cap + 1 : row[lb];
}
