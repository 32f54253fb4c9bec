/* walk.c - the files under the paths given to polidex-index, and where a
 * stored path is on disk (walk_resolve). */
#define _DEFAULT_SOURCE		/* realpath */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "walk.h"
#include "polidex/util.h"

/* Folders nested deeper than this under a path given are skipped. */
#define WALK_MAX_DEPTH 64

/* A file already listed (by device and inode): the same file named twice
 * on one command line, or reached again, is indexed once. An open
 * addressing table, as a corpus may hold many files. */
static uint64_t file_hash(dev_t dev, ino_t ino)
{
	uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15ULL;
	return h ^ ((uint64_t)dev * 0xC2B2AE3D27D4EB4FULL) ^ (h >> 29);
}

/* Add (dev, ino) to the table; false when it was there already.
 * *nomem set when the table cannot grow. */
static bool files_add(pdx_walk *w, dev_t dev, ino_t ino, bool *nomem)
{
	if ((w->nfiles + 1) * 2 > w->capfiles) {
		size_t cap = w->capfiles ? w->capfiles * 2 : 256;
		struct pdx_walk_file *t = calloc(cap, sizeof *t);
		if (!t) {
			*nomem = true;
			return false;
		}
		for (size_t i = 0; i < w->capfiles; i++) {
			if (!w->files[i].used)
				continue;
			size_t k = file_hash(w->files[i].dev, w->files[i].ino) & (cap - 1);
			while (t[k].used)
				k = (k + 1) & (cap - 1);
			t[k] = w->files[i];
		}
		free(w->files);
		w->files = t;
		w->capfiles = cap;
	}
	size_t k = file_hash(dev, ino) & (w->capfiles - 1);
	for (; w->files[k].used; k = (k + 1) & (w->capfiles - 1))
		if (w->files[k].dev == dev && w->files[k].ino == ino)
			return false;
	w->files[k].used = true;
	w->files[k].dev = dev;
	w->files[k].ino = ino;
	w->nfiles++;
	return true;
}

static int paths_add(pdx_walk *w, const char *path, const struct stat *st, bool link)
{
	bool nomem = false;
	if (!files_add(w, st->st_dev, st->st_ino, &nomem))
		return nomem ? PDX_ENOMEM : PDX_OK;
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		char **v = realloc(w->v, cap * sizeof *v);
		if (v)
			w->v = v;
		bool *l = v ? realloc(w->link, cap * sizeof *l) : NULL;
		if (!l)
			return PDX_ENOMEM;
		w->link = l;
		w->cap = cap;
	}
	if (!(w->v[w->n] = pdx_strdup(path)))
		return PDX_ENOMEM;
	w->link[w->n++] = link;
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
	free(w->link);
	for (size_t i = 0; i < w->nnotes; i++)
		free(w->notes[i]);
	free(w->notes);
	free(w->seen);
	free(w->files);
	free(w->root);
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

bool walk_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return path[0] == '/';
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* What a file that is neither a folder nor a regular file is. */
static const char *kind_of(mode_t m)
{
	return S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device"
	       : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

/* A symbolic link met in a folder walk is followed only when it resolves
 * under the folder named on the command line (w->root): a link out of the
 * corpus (to /etc, a home folder) would index what it points to. Returns
 * true to follow it. */
static bool link_inside(pdx_walk *w, const char *path, int *rc)
{
	char *target = realpath(path, NULL);
	if (!target) {
		*rc = note(w, "warning: '%s': symbolic link to nothing (%s), skipped", path,
			   strerror(errno));
		return false;
	}
	bool inside = w->root && walk_under(target, w->root);
	if (!inside)
		*rc = note(w, "warning: '%s': symbolic link to '%s', outside '%s', not followed",
			   path, target, w->root ? w->root : "?");
	free(target);
	return inside;
}

static int walk(pdx_walk *w, const char *path, int depth)
{
	struct stat st;
	/* the paths named on the command line may be links; those met in
	 * the walk are looked at, not through */
	if ((depth ? lstat(path, &st) : stat(path, &st)) != 0) {
		w->skipped++;
		return note(w, "cannot read '%s': %s", path, strerror(errno));
	}
	bool link = depth == 0 || S_ISLNK(st.st_mode);
	if (S_ISLNK(st.st_mode)) {
		int rc = PDX_OK;
		if (!link_inside(w, path, &rc))
			return rc;
		if (stat(path, &st) != 0) {
			w->skipped++;
			return note(w, "cannot read '%s': %s", path, strerror(errno));
		}
	}
	if (S_ISREG(st.st_mode))
		return paths_add(w, path, &st, link);
	if (!S_ISDIR(st.st_mode)) {
		w->skipped++;
		return note(w, "cannot read '%s': %s, not a document file", path,
			    kind_of(st.st_mode));
	}
	for (size_t i = 0; i < w->nseen; i++)
		if (w->seen[i].dev == st.st_dev && w->seen[i].ino == st.st_ino)
			return note(w, "warning: '%s': folder already visited (symlink loop?), skipped",
				    path);
	if (depth > WALK_MAX_DEPTH) {
		w->skipped++;
		return note(w, "cannot read folder '%s': nested more than %d folders deep, skipped",
			    path, WALK_MAX_DEPTH);
	}
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
		w->skipped++;
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
	/* /dev/stdin, /dev/fd/N, /proc/self/...: whatever they stand for,
	 * they are no document file */
	if (walk_under(path, "/dev") || walk_under(path, "/proc")) {
		w->skipped++;
		return note(w, "cannot read '%s': a device or process file, not a document file",
			    path);
	}
	free(w->root);
	w->root = realpath(path, NULL);	/* NULL: the walk says why below */
	int rc = walk(w, path, 0);
	free(w->root);
	w->root = NULL;
	return rc;
}

int walk_resolve(const char *stored, const char *base, pdx_buf *out)
{
	pdx_buf_init(out);
	if (stored[0] != '/' && (!base || base[0] != '/'))
		return PDX_ERR;
	pdx_buf raw;
	pdx_buf_init(&raw);
	if (stored[0] != '/') {
		pdx_buf_adds(&raw, base);
		pdx_buf_addc(&raw, '/');
	}
	pdx_buf_adds(&raw, stored);
	if (pdx_buf_status(&raw)) {
		pdx_buf_clear(&raw);
		return PDX_ENOMEM;
	}
	/* by name: "//" and "." dropped, ".." takes the name before it */
	for (const char *p = raw.s; *p;) {
		while (*p == '/')
			p++;
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 0)
			break;
		bool dot = n == 1 && p[0] == '.';
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *slash = out->s ? strrchr(out->s, '/') : NULL;
			if (slash) {
				out->len = (size_t)(slash - out->s);
				out->s[out->len] = '\0';
			}
		} else if (!dot) {
			pdx_buf_addc(out, '/');
			pdx_buf_add(out, p, n);
		}
		p += n;
	}
	if (!out->len)
		pdx_buf_addc(out, '/');
	pdx_buf_clear(&raw);
	return pdx_buf_status(out) ? PDX_ENOMEM : PDX_OK;
}
