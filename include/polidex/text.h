/* text.h - text utilities both programs use: where a sentence ends (one
 * abbreviation list for every splitter) and the edit distance behind
 * "did you mean" suggestions. */
#ifndef POLIDEX_TEXT_H
#define POLIDEX_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Does the '.' at t[dot] close an abbreviation or an initial rather than
 * end a sentence? The word before it (its letters and dots) is an initial
 * ("A."), holds a dot ("U.S.", "e.g."), or is on the one abbreviation
 * list ("Sec.", "Dept.", "Mar.", "Inc.", ...; a capital first letter is
 * also taken for a small one: "No."/"no."). A period after a digit or a
 * bracket closes no abbreviation. */
bool pdx_abbrev_before(const char *t, size_t dot);

/* Which marks end a sentence for pdx_sentence_mark (or-ed). */
enum {
	PDX_SENT_SEMICOLON = 1 << 0,	/* ';' and the full-width one end it too */
	PDX_SENT_BARE = 1 << 1,		/* '!', '?' and ';' need no space after */
};

/* The length in bytes of the sentence-ending mark at t[i] (len bytes in
 * all), 0 when none is there: '.', '!', '?' followed by white space or
 * the end of the text (a '.' not closing an abbreviation, see
 * pdx_abbrev_before), or the full-width 。！？; with PDX_SENT_SEMICOLON
 * also ';' and ；. */
size_t pdx_sentence_mark_at(const char *t, size_t len, size_t i, unsigned flags);

/* Called for every byte of every record: most bytes cannot start a mark,
 * and answering those inline keeps the splitter as cheap as the three
 * inlined copies it replaced (2% of an indexing run otherwise). */
static inline size_t pdx_sentence_mark(const char *t, size_t len, size_t i, unsigned flags)
{
	unsigned char c = (unsigned char)t[i];
	if (c != '.' && c != ';' && c != '!' && c != '?' && c != 0xE3 && c != 0xEF)
		return 0;
	return pdx_sentence_mark_at(t, len, i, flags);
}

/* Levenshtein distance between a and b over bytes, ASCII letters folded,
 * given up past cap: a value above cap means "further than cap" (cap + 1),
 * as does either string being longer than PDX_EDIT_MAX bytes. The
 * suggesters choose cap from the length of what the user typed:
 * gazetteer_suggest (agencies.c) allows 1 edit under 4 bytes, then one in
 * three bytes up to 6; db_agency_suggest (db_agencies.c) allows len / 3 + 2,
 * against the whole name or any run of as many words as were typed, and
 * compares names of 200 bytes at most. */
#define PDX_EDIT_MAX 255
size_t pdx_edit_distance(const char *a, const char *b, size_t cap);

#endif
