/* walk.c - the files under the paths given to polidex-index. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "walk.h"
#include "polidex/util.h"

static int paths_add(pdx_walk *w, const char *path)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		char **v = realloc(w->v, cap * sizeof *v);
		if (!v)
			return PDX_ENOMEM;
		w->v = v;
		w->cap = cap;
	}
	if (!(w->v[w->n] = pdx_strdup(path)))
		return PDX_ENOMEM;
	w->n++;
	return PDX_OK;
}

static int note(pdx_walk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The program prints the notes: the walk only says what happened. */
static int note(pdx_walk *w, const char *fmt, ...)
{
	if (w->nnotes == w->capnotes) {
		size_t cap = w->capnotes ? w->capnotes * 2 : 8;
		char **v = realloc(w->notes, cap * sizeof *v);
		if (!v)
			return PDX_ENOMEM;
		w->notes = v;
		w->capnotes = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (!s)
		return PDX_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	w->notes[w->nnotes++] = s;
	return PDX_OK;
}

void walk_clear(pdx_walk *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	for (size_t i = 0; i < w->nnotes; i++)
		free(w->notes[i]);
	free(w->notes);
	free(w->seen);
	memset(w, 0, sizeof *w);
}

/* Files a folder walk leaves alone: hidden ones, and the notes that sit
 * beside documents (README, SOURCES, LICENSE). Named explicitly, they are
 * indexed. */
static bool walk_skips(const char *name)
{
	static const char *const notes[] = { "README", "SOURCES", "LICENSE", NULL };
	if (name[0] == '.')
		return true;
	for (int i = 0; notes[i]; i++)
		if (strncmp(name, notes[i], strlen(notes[i])) == 0)
			return true;
	return false;
}

static int cmp_str(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int walk(pdx_walk *w, const char *path, int depth)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		w->unreadable++;
		return note(w, "cannot read '%s': %s", path, strerror(errno));
	}
	if (!S_ISDIR(st.st_mode))
		return S_ISREG(st.st_mode) ? paths_add(w, path) : PDX_OK;
	for (size_t i = 0; i < w->nseen; i++)
		if (w->seen[i].dev == st.st_dev && w->seen[i].ino == st.st_ino)
			return note(w, "warning: '%s': folder already visited (symlink loop?), skipped",
				    path);
	if (depth > 64)
		return note(w, "warning: '%s': folders nested too deep, skipped", path);
	if (w->nseen == w->capseen) {
		size_t cap = w->capseen ? w->capseen * 2 : 16;
		void *v = realloc(w->seen, cap * sizeof *w->seen);
		if (!v)
			return PDX_ENOMEM;
		w->seen = v;
		w->capseen = cap;
	}
	w->seen[w->nseen].dev = st.st_dev;
	w->seen[w->nseen++].ino = st.st_ino;
	struct dirent **ents = NULL;
	int n = scandir(path, &ents, NULL, cmp_str);
	if (n < 0) {
		w->unreadable++;
		return note(w, "cannot read folder '%s': %s", path, strerror(errno));
	}
	int rc = PDX_OK;
	for (int i = 0; i < n; i++) {
		if (rc == PDX_OK && !walk_skips(ents[i]->d_name)) {
			pdx_buf child;
			pdx_buf_init(&child);
			pdx_buf_adds(&child, path);
			if (child.len && child.s[child.len - 1] != '/')
				pdx_buf_addc(&child, '/');
			pdx_buf_adds(&child, ents[i]->d_name);
			rc = child.s ? walk(w, child.s, depth + 1) : PDX_ENOMEM;
			pdx_buf_clear(&child);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int walk_add(pdx_walk *w, const char *path)
{
	return walk(w, path, 0);
}
