/* paths.c - a file's identity: its resolved path, named relative to the
 * database's folder or to the folder that holds the PATH it was found
 * under, so the same file typed two ways is one document and a corpus
 * moved with its database keeps its documents. */
#define _XOPEN_SOURCE 700	/* realpath */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"
#include "polidex/util.h"

/* If path lies under dir (both resolved), the part after "dir/"; else
 * NULL. */
static const char *under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return path[0] == '/' ? path + 1 : NULL;
	if (strncmp(path, dir, n) == 0 && path[n] == '/')
		return path + n + 1;
	return NULL;
}

/* The folder holding path (resolved), in out: "/a/b/c" -> "/a/b". */
static void parent_of(const char *path, char *out, size_t n)
{
	snprintf(out, n, "%s", path);
	char *slash = strrchr(out, '/');
	if (slash && slash != out)
		*slash = '\0';
	else if (slash)
		slash[1] = '\0';
}

char *pdx_path_db_dir(const char *db_path)
{
	char dir[PATH_MAX], res[PATH_MAX];
	const char *slash = strrchr(db_path, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == db_path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - db_path), db_path);
	if (!realpath(dir, res))
		return NULL;
	return pdx_strdup(res);
}

char *pdx_path_canonical(const char *file, const char *root, const char *db_dir)
{
	char rf[PATH_MAX], rr[PATH_MAX], anchor[PATH_MAX];
	if (!realpath(file, rf))
		return pdx_strdup(file);
	const char *rel;
	char cwd[PATH_MAX];
	if (db_dir && (rel = under(rf, db_dir)) != NULL)
		return pdx_strdup(rel);
	if (realpath(".", cwd) && (rel = under(rf, cwd)) != NULL)
		return pdx_strdup(rel);
	struct stat st;
	if (!root || !realpath(root, rr) || stat(rr, &st) != 0 || !S_ISDIR(st.st_mode))
		return pdx_strdup(rf);
	/* a folder elsewhere: named from the folder that holds it */
	parent_of(rr, anchor, sizeof anchor);
	if ((rel = under(rf, anchor)) != NULL)
		return pdx_strdup(rel);
	return pdx_strdup(rf);
}

static bool exists(const char *dir, const char *stored, char *buf, size_t n)
{
	struct stat st;
	int k = dir ? snprintf(buf, n, "%s/%s", dir, stored) : snprintf(buf, n, "%s", stored);
	if (k < 0 || (size_t)k >= n)
		return false;
	return stat(buf, &st) == 0 || errno != ENOENT;
}

void pdx_path_locate(const char *stored, char *const *roots, size_t nroots, const char *db_dir,
		     bool *found, bool *gone)
{
	char buf[2 * PATH_MAX + 2], rr[PATH_MAX], anchor[PATH_MAX];
	bool inside = false;
	*found = *gone = false;
	if (stored[0] == '/') {
		*found = exists(NULL, stored, buf, sizeof buf);
		for (size_t i = 0; !*found && i < nroots; i++)
			inside |= realpath(roots[i], rr) && under(stored, rr);
		*gone = !*found && (inside || nroots == 0);
		return;
	}
	if ((db_dir && exists(db_dir, stored, buf, sizeof buf)) || exists(NULL, stored, buf, sizeof buf)) {
		*found = true;
		return;
	}
	for (size_t i = 0; i < nroots; i++) {
		struct stat st;
		if (!realpath(roots[i], rr) || stat(rr, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			parent_of(rr, anchor, sizeof anchor);
		else
			snprintf(anchor, sizeof anchor, "%s", ".");
		if (exists(anchor, stored, buf, sizeof buf)) {
			*found = true;
			return;
		}
		/* its place beside this root, or beside the database, lies
		 * inside the root: it was there, and is gone */
		snprintf(buf, sizeof buf, "%s/%s", anchor, stored);
		inside |= under(buf, rr) != NULL || strcmp(buf, rr) == 0;
		if (db_dir) {
			snprintf(buf, sizeof buf, "%s/%s", db_dir, stored);
			inside |= under(buf, rr) != NULL || strcmp(buf, rr) == 0;
		}
	}
	*gone = inside || nroots == 0;
}

char *pdx_path_resolve(const char *path)
{
	char r[PATH_MAX];
	return realpath(path, r) ? pdx_strdup(r) : NULL;
}
