/* term.c - text output that fits the terminal: when stdout is a terminal
 * and the format is text, each line longer than the terminal is cut at
 * its width with "…" or wrapped at spaces (COLUMNS when set, else the
 * terminal's own width); piped or redirected, lines are whole. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "query.h"
#include "polidex/util.h"

typedef struct {
	FILE *out;		/* the real stdout */
	int width;		/* columns */
	bool wrap;		/* wrap at a space (else cut with "…") */
	pdx_buf line;		/* the line so far */
} fitter;

/* Columns a code point takes: 2 for the wide East Asian ranges, 0 for
 * combining marks, else 1. */
static int cp_width(uint32_t c)
{
	if ((c >= 0x300 && c <= 0x36F) || c == 0x200B || (c >= 0xFE00 && c <= 0xFE0F))
		return 0;
	if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD))
		return 2;
	return 1;
}

/* The columns of the character at s[i] (n bytes in all), its length in
 * *adv; a tab counts as the spaces to the next stop from col. */
static int char_cols(const char *s, size_t n, size_t i, int col, int *adv)
{
	if (s[i] == '\t') {
		*adv = 1;
		return 8 - col % 8;
	}
	uint32_t c = pdx_utf8_decode(s + i, n - i, adv);
	if (*adv < 1)
		*adv = 1;
	return cp_width(c);
}

/* Print one line (no line end) of n bytes fitted to the width: cut with
 * "…", or wrapped at spaces, continuation lines indented as the line is
 * (when that leaves half the width). */
static void emit_line(fitter *f, const char *s, size_t n)
{
	size_t indent = 0;
	while (indent < n && s[indent] == ' ')
		indent++;
	/* continuation lines start under the value of "name:   value" (a run
	 * of two spaces or more early in the line), else at the indent */
	size_t hang = indent;
	for (size_t k = indent; k + 1 < n && k < indent + 16; k++)
		if (s[k] == ' ' && s[k + 1] == ' ') {
			while (k < n && s[k] == ' ')
				k++;
			hang = k;
			break;
		}
	int cont = hang < (size_t)f->width / 2 ? (int)hang : indent < (size_t)f->width / 2 ? (int)indent : 0;
	size_t i = 0;
	for (bool first = true;; first = false) {
		int col = 0, adv = 1;
		if (!first) {
			fprintf(f->out, "%*s", cont, "");
			col = cont;
		}
		size_t j = i, last_space = 0;
		bool fits = true;
		while (j < n) {
			int w = char_cols(s, n, j, col, &adv);
			if (col + w > f->width - (f->wrap ? 0 : 1)) {
				fits = false;
				break;
			}
			if (s[j] == ' ' && j > (first ? hang : i))
				last_space = j;
			col += w;
			j += (size_t)adv;
		}
		if (fits) {
			fwrite(s + i, 1, n - i, f->out);
			return;
		}
		if (!f->wrap) {
			fwrite(s + i, 1, j - i, f->out);
			fputs("\u2026", f->out);
			return;
		}
		size_t cut = last_space > i ? last_space : j > i ? j : j + (size_t)adv;
		fwrite(s + i, 1, cut - i, f->out);
		fputc('\n', f->out);
		for (i = cut; i < n && s[i] == ' '; i++)
			;
		if (i >= n)
			return;
	}
}

static ssize_t fit_write(void *cookie, const char *buf, size_t size)
{
	fitter *f = cookie;
	for (size_t i = 0; i < size; i++) {
		if (buf[i] == '\n') {
			emit_line(f, f->line.s ? f->line.s : "", f->line.len);
			fputc('\n', f->out);
			f->line.len = 0;
		} else if (pdx_buf_addc(&f->line, buf[i])) {
			return -1;
		}
	}
	return (ssize_t)size;
}

static int fit_close(void *cookie)
{
	fitter *f = cookie;
	if (f->line.len)
		emit_line(f, f->line.s, f->line.len);
	int rc = fflush(f->out);
	pdx_buf_clear(&f->line);
	free(f);
	return rc;
}

/* The terminal's width: COLUMNS when a number, else the ioctl's; 0 when
 * unknown. */
static int term_width(void)
{
	const char *c = getenv("COLUMNS");
	char *end;
	if (c && *c) {
		long v = strtol(c, &end, 10);
		if (!*end && v > 0 && v < 10000)
			return (int)v;
	}
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

static FILE *real_stdout;

void fit_terminal(pdx_format fmt, bool wrap)
{
	if (fmt != FMT_TEXT || real_stdout || !isatty(STDOUT_FILENO))
		return;
	int width = term_width();
	if (width < 10)
		return;
	fitter *f = calloc(1, sizeof *f);
	if (!f)
		return;
	f->out = stdout;
	f->width = width;
	f->wrap = wrap;
	pdx_buf_init(&f->line);
	cookie_io_functions_t io = { .write = fit_write, .close = fit_close };
	FILE *s = fopencookie(f, "w", io);
	if (!s) {
		free(f);
		return;
	}
	real_stdout = stdout;
	stdout = s;
}

int fit_terminal_end(void)
{
	if (!real_stdout)
		return 0;
	FILE *s = stdout;
	stdout = real_stdout;
	real_stdout = NULL;
	return fclose(s);
}
