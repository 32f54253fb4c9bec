/* ics.c - iCalendar (RFC 5545) content lines: TEXT escaping, folding at
 * 75 octets, and stable event UIDs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "polidex/containers.h"
#include "polidex/util.h"

char *ics_escape(const char *text)
{
	pdx_buf b;
	pdx_buf_init(&b);
	for (const char *p = text ? text : ""; *p; p++) {
		switch (*p) {
		case '\\': pdx_buf_adds(&b, "\\\\"); break;
		case ';': pdx_buf_adds(&b, "\\;"); break;
		case ',': pdx_buf_adds(&b, "\\,"); break;
		case '\n': pdx_buf_adds(&b, "\\n"); break;
		case '\r': break;	/* CRLF in the source is one line break */
		case '\t': pdx_buf_addc(&b, *p); break;
		default:
			/* RFC 5545 allows no control but HTAB in TEXT: the C0
			 * ones, DEL and the C1 ones (C2 80..C2 9F) are left out */
			if ((unsigned char)*p < 0x20 || *p == 0x7F)
				break;
			if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] >= 0x80 &&
			    (unsigned char)p[1] <= 0x9F) {
				p++;
				break;
			}
			pdx_buf_addc(&b, *p);
			break;
		}
	}
	return pdx_buf_take(&b);
}

/* Length of the UTF-8 sequence that starts with byte c; a stray
 * continuation or invalid byte counts as one, so folding always advances. */
static size_t seq_len(unsigned char c)
{
	if (c >= 0xF0 && c < 0xF8)
		return 4;
	if (c >= 0xE0)
		return c < 0xF0 ? 3 : 1;
	if (c >= 0xC0)
		return 2;
	return 1;
}

char *ics_fold(const char *line)
{
	pdx_buf b;
	pdx_buf_init(&b);
	size_t n = strlen(line), col = 0;
	for (size_t i = 0; i < n;) {
		size_t len = seq_len((unsigned char)line[i]);
		if (i + len > n)
			len = n - i;
		/* 75 octets per physical line, CRLF not counted; a continuation
		 * line's leading space is */
		if (col + len > 75) {
			pdx_buf_adds(&b, "\r\n ");
			col = 1;
		}
		pdx_buf_add(&b, line + i, len);
		col += len;
		i += len;
	}
	pdx_buf_adds(&b, "\r\n");
	return pdx_buf_take(&b);
}

int ics_line(FILE *f, const char *name, const char *value)
{
	pdx_buf b;
	pdx_buf_init(&b);
	pdx_buf_printf(&b, "%s:%s", name, value ? value : "");
	char *folded = b.s ? ics_fold(b.s) : NULL;
	pdx_buf_clear(&b);
	if (!folded)
		return -1;
	fputs(folded, f);
	free(folded);
	return 0;
}

/* FNV-1a, 64 bits, over the fields with a separator no field holds. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	const char sep = 0x1f;
	s = s ? s : "";
	h = pdx_fnv1a(h, s, strlen(s));
	return pdx_fnv1a(h, &sep, 1);
}

void ics_uid(char *out, size_t outlen, const char *path, int part, const char *key,
	     const pdx_time *t, int dup)
{
	/* What names the event, and nothing that re-indexing changes (row
	 * ids, the index time): the file, the article of a clippings file,
	 * the record's stable key, the entry's kind and normalized value.
	 * The expression's wording is left out so that a better extraction
	 * of the same date keeps the event. */
	char partbuf[16];
	snprintf(partbuf, sizeof partbuf, "%d", part);
	uint64_t h = PDX_FNV_OFFSET;
	h = fnv1a(h, path);
	h = fnv1a(h, partbuf);
	h = fnv1a(h, key);
	h = fnv1a(h, time_kind_name(t->kind));
	h = fnv1a(h, t->value);
	if (dup)
		snprintf(out, outlen, "%016llx-%d@polidex", (unsigned long long)h, dup + 1);
	else
		snprintf(out, outlen, "%016llx@polidex", (unsigned long long)h);
}
