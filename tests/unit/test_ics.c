/* test_ics.c - iCalendar content lines: TEXT escaping, folding at 75
 * octets without splitting a UTF-8 character, stable UIDs. */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "../../query/query.h"

/* Each physical line of a folded content line: at most 75 octets, not
 * starting inside a UTF-8 sequence, the later ones starting with a space;
 * and unfolding gives the input back. */
static void check_fold(const char *line, const char *name)
{
	char *f = ics_fold(line);
	T_OK(f != NULL, "%s: folded", name);
	if (!f)
		return;
	size_t flen = strlen(f);
	T_OK(flen >= 2 && strcmp(f + flen - 2, "\r\n") == 0, "%s: ends with CRLF", name);
	char *unfolded = calloc(1, flen + 1);
	size_t ulen = 0, nlines = 0, maxlen = 0;
	int bad_start = 0, bad_cont = 0;
	for (char *p = f; *p;) {
		char *crlf = strstr(p, "\r\n");
		size_t len = crlf ? (size_t)(crlf - p) : strlen(p);
		if (len > maxlen)
			maxlen = len;
		const char *content = p;
		size_t clen = len;
		if (nlines > 0) {
			bad_cont += p[0] != ' ';
			content++;
			clen--;
		}
		if (clen && ((unsigned char)content[0] & 0xC0) == 0x80)
			bad_start++;
		memcpy(unfolded + ulen, content, clen);
		ulen += clen;
		nlines++;
		p += len + (crlf ? 2 : 0);
	}
	T_OK(maxlen <= 75, "%s: no physical line over 75 octets (%zu)", name, maxlen);
	T_INT(bad_start, 0, "%s: no line starts inside a UTF-8 sequence", name);
	T_INT(bad_cont, 0, "%s: continuation lines start with a space", name);
	T_STR(unfolded, line, "%s: unfolding gives the line back", name);
	free(unfolded);
	free(f);
}

static char *repeat(const char *unit, size_t n, const char *prefix)
{
	size_t ul = strlen(unit), pl = strlen(prefix);
	char *s = malloc(pl + ul * n + 1);
	memcpy(s, prefix, pl);
	for (size_t i = 0; i < n; i++)
		memcpy(s + pl + i * ul, unit, ul);
	s[pl + ul * n] = '\0';
	return s;
}

int main(void)
{
	char *e = ics_escape("a,b;c\\d\ne\r\nf");
	T_STR(e, "a\\,b\\;c\\\\d\\ne\\nf", "escape: comma, semicolon, backslash, LF, CRLF");
	free(e);
	e = ics_escape(NULL);
	T_STR(e, "", "escape: NULL is empty");
	free(e);
	e = ics_escape("a\033]0;t\007b\tc\302\233d\177e\302\240f");
	T_STR(e, "a]0\\;tb\tcde\302\240f", "escape: C0 but tab, DEL and C1 controls left out (RFC 5545)");
	free(e);

	char *s = repeat("x", 75, "");
	char *f = ics_fold(s);
	T_OK(f && strlen(f) == 77 && strcmp(f + 75, "\r\n") == 0, "fold: 75 octets stay one line");
	free(f);
	free(s);
	s = repeat("x", 76, "");
	f = ics_fold(s);
	T_OK(f && strncmp(f + 75, "\r\n x\r\n", 6) == 0 && strlen(f) == 81,
	     "fold: the 76th octet goes to a continuation line");
	free(f);
	check_fold(s, "76 ASCII");
	free(s);
	s = repeat("x", 300, "DESCRIPTION:");
	check_fold(s, "312 ASCII");
	free(s);

	/* a two-byte character that would straddle octet 75 moves whole */
	s = repeat("x", 74, "");
	char *t = malloc(80);
	snprintf(t, 80, "%s\u00e9", s);
	f = ics_fold(t);
	T_OK(f && strncmp(f + 74, "\r\n \u00e9\r\n", 7) == 0, "fold: é at octets 75-76 moves whole");
	free(f);
	free(t);
	free(s);
	s = repeat("x", 73, "");
	t = malloc(80);
	snprintf(t, 80, "%s\u00e9", s);
	f = ics_fold(t);
	T_OK(f && strlen(f) == 77, "fold: é ending at octet 75 stays");
	free(f);
	free(t);
	free(s);

	for (int pre = 0; pre < 4; pre++) {
		char *prefix = repeat("x", (size_t)pre, "SUMMARY:");
		s = repeat("数据", 40, prefix);
		check_fold(s, "CJK after a prefix of 8+n octets");
		free(s);
		s = repeat("\U0001F4C5", 30, prefix);
		check_fold(s, "4-byte characters");
		free(s);
		free(prefix);
	}
	f = ics_fold("");
	T_STR(f, "\r\n", "fold: an empty line is CRLF");
	free(f);

	pdx_time tm = { .kind = PDX_TIME_DEADLINE, .value = "2025-08-02" };
	char a[64], b[64];
	ics_uid(a, sizeof a, "corpus/eo.md", 0, "eo-14318:sec.5(a)", &tm, 0);
	ics_uid(b, sizeof b, "corpus/eo.md", 0, "eo-14318:sec.5(a)", &tm, 0);
	T_STR(a, b, "uid: the same input gives the same UID");
	T_OK(strlen(a) == 16 + 8 && strcmp(a + 16, "@polidex") == 0, "uid: 16 hex digits @polidex (%s)", a);
	ics_uid(b, sizeof b, "corpus/eo.md", 0, "eo-14318:sec.5(a)", &tm, 1);
	T_OK(strncmp(a, b, 16) == 0 && strcmp(b + 16, "-2@polidex") == 0,
	     "uid: a repeated entry gets -2 (%s)", b);
	const char *fields[][4] = {
		{ "corpus/eo2.md", "0", "deadline", "2025-08-02" },
		{ "corpus/eo.md", "1", "deadline", "2025-08-02" },
		{ "corpus/eo.md", "0", "closes", "2025-08-02" },
		{ "corpus/eo.md", "0", "deadline", "2025-08-03" },
	};
	for (size_t i = 0; i < 4; i++) {
		pdx_time u = { .kind = time_kind_parse(fields[i][2]), .value = (char *)fields[i][3] };
		ics_uid(b, sizeof b, fields[i][0], atoi(fields[i][1]), "eo-14318:sec.5(a)", &u, 0);
		T_OK(strcmp(a, b) != 0, "uid: differs with %s part %s %s %s", fields[i][0],
		     fields[i][1], fields[i][2], fields[i][3]);
	}
	/* the wording of the expression does not change the event */
	pdx_time w = { .kind = PDX_TIME_DEADLINE, .value = "2025-08-02", .expr = "by August 2" };
	ics_uid(b, sizeof b, "corpus/eo.md", 0, "eo-14318:sec.5(a)", &w, 0);
	T_STR(b, a, "uid: the expression's wording is not part of it");
	return t_done();
}
