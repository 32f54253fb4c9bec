/* safe_out.c - what polidex-query and polidex-index write passes
 * through a filter that shows control characters escaped: a record, a title or a file name
 * holding ESC or OSC sequences (from a hostile document, or a database
 * edited by hand) must not set the terminal's title, clear its screen
 * or write its clipboard. The C0 controls but tab, newline and carriage
 * return (CSV and ICS end lines with CRLF), DEL and the C1 controls
 * (U+0080..U+009F) become \u00XX, which is also a valid escape inside a
 * JSON string (the only place cJSON leaves a C1 control). */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polidex/safe_out.h"

typedef struct {
	FILE *to;
	bool lead;	/* the last byte written was 0xC2 (held back) */
	bool erase;	/* "ESC [ K" (erase the line) passes: the progress line */
} filter;

static filter out_f, err_f;

static bool put(FILE *to, const char *s, size_t n)
{
	return n == 0 || fwrite(s, 1, n, to) == n;
}

static bool put_escape(FILE *to, unsigned c)
{
	char e[8];
	snprintf(e, sizeof e, "\\u%04X", c);
	return put(to, e, 6);
}

/* The bytes filter_write looks at: the C0 controls but tab, newline and
 * carriage return (ESC among them), DEL, and 0xC2 (a C1 control's lead
 * byte in UTF-8); every other byte passes as it is. */
static const bool special[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
	[0x07] = 1, [0x08] = 1, [0x0B] = 1, [0x0C] = 1, [0x0E] = 1, [0x0F] = 1, [0x10] = 1,
	[0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
	[0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1, [0x1E] = 1,
	[0x1F] = 1, [0x7F] = 1, [0xC2] = 1,
};

static ssize_t filter_write(void *cookie, const char *buf, size_t n)
{
	filter *f = cookie;
	const unsigned char *s = (const unsigned char *)buf;
	size_t from = 0;
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++) {
		/* the bytes that pass, at a table look-up each */
		if (!f->lead)
			while (i < n && !special[s[i]])
				i++;
		if (i >= n)
			break;
		unsigned c = s[i];
		if (f->lead) {
			f->lead = false;
			if (c >= 0x80 && c <= 0x9F)
				ok = put_escape(f->to, c);
			else
				ok = put(f->to, "\xC2", 1) && put(f->to, (const char *)s + i, 1);
			from = i + 1;
			continue;
		}
		if (c == 0x1B && f->erase && n - i >= 3 && s[i + 1] == '[' && s[i + 2] == 'K') {
			i += 2;
			continue;
		}
		bool ctl = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
		if (!ctl && c != 0xC2)
			continue;
		ok = put(f->to, (const char *)s + from, i - from);
		if (ok && ctl)
			ok = put_escape(f->to, c);
		else if (ok)
			f->lead = true;
		from = i + 1;
	}
	if (ok)
		ok = put(f->to, (const char *)s + from, n - from);
	if (ok && f->to == stderr)
		fflush(f->to);
	return ok ? (ssize_t)n : -1;
}

static int filter_close(void *cookie)
{
	filter *f = cookie;
	if (f->lead && !put(f->to, "\xC2", 1))
		return EOF;
	f->lead = false;
	return fflush(f->to);
}

/* Replace *stream by a filter writing to it; false when it cannot. */
static bool wrap(FILE **stream, filter *f, int mode)
{
	cookie_io_functions_t io = { .write = filter_write, .close = filter_close };
	f->to = *stream;
	FILE *w = fopencookie(f, "w", io);
	if (!w)
		return false;
	setvbuf(w, NULL, mode, mode == _IONBF ? 0 : BUFSIZ);
	*stream = w;
	return true;
}

static void flush_at_exit(void)
{
	pdx_safe_output_flush();
}

void pdx_safe_output(bool erase_line)
{
	err_f.erase = erase_line;
	wrap(&stdout, &out_f, _IOFBF);
	wrap(&stderr, &err_f, _IONBF);
	atexit(flush_at_exit);
}

int pdx_safe_output_flush(void)
{
	int rc = fflush(stdout);
	if (out_f.to) {
		if (out_f.lead) {
			out_f.lead = false;
			if (!put(out_f.to, "\xC2", 1))
				rc = EOF;
		}
		if (fflush(out_f.to) != 0 || ferror(out_f.to))
			rc = EOF;
	}
	return rc != 0 || ferror(stdout) ? EOF : 0;
}
