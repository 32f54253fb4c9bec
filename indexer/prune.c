/* polidex-index --prune: drop the documents of the files gone. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "polidex/db_write.h"
#include "polidex/util.h"
#include "paths.h"
#include "walk.h"
#include "prune.h"

static int any_relative(const char *path, void *arg)
{
	if (path[0] != '/')
		*(bool *)arg = true;
	return PDX_OK;
}

/* Does the database hold relative paths stored before BASE_META was
 * kept (where they are from is unknown)? Asked only when BASE_META is
 * missing; looked up once. */
int find_legacy(run_t *run, bool *legacy)
{
	if (run->legacy < 0) {
		bool any = false;
		if (!run->bulk && db_each_path(run->db, any_relative, &any))
			return PDX_ERR;
		run->legacy = any;
	}
	*legacy = run->legacy;
	return PDX_OK;
}

/* --prune drops at most this share of the indexed files without --force:
 * more is likelier a run from the wrong folder, or a corpus on an unmounted
 * disk, than files deleted. */
#define PRUNE_SHARE 0.5

typedef struct {
	const char *base;	/* where relative stored paths are (NULL: unknown) */
	char *const *roots;	/* the PATHs given, as typed (paths.c) */
	size_t nroots;
	const char *db_dir;	/* the database's folder, resolved */
	char **under;		/* the PATHs given, resolved */
	int nunder;
	bool limited;		/* PATHs given: only files under them */
	char **gone;		/* stored paths provably gone */
	size_t ngone, cap;
	int total, unknown, relative;
} prune_t;

/* One stored path: gone when the file it stands for provably is not there
 * (no such file, or a part of its path no folder). */
static int prune_look(const char *path, void *arg)
{
	prune_t *p = arg;
	p->total++;
	p->relative += path[0] != '/';
	bool found, gone;
	pdx_path_locate(path, p->roots, p->nroots, p->db_dir, &found, &gone);
	if (found || !gone)
		return PDX_OK;
	/* A relative path was stored relative to the database's folder or to
	 * the folder a run started from (meta base; unknown when runs started
	 * from several). It is gone only where one of those places still
	 * holds the tree it was stored in (its first folder) and not the
	 * file; else where it is cannot be told, and it stays. */
	if (path[0] != '/') {
		const char *from[2] = { p->db_dir, p->base };
		bool placed = false;
		for (int k = 0; k < 2 && !found; k++) {
			pdx_buf abs;
			pdx_buf_init(&abs);
			if (from[k] && walk_resolve(path, from[k], &abs) == PDX_OK) {
				struct stat st;
				found = lstat(abs.s, &st) == 0 || !(errno == ENOENT || errno == ENOTDIR);
				size_t first = strcspn(path, "/"), pl = strlen(path);
				if (!found && path[first] == '/' && abs.len > pl &&
				    strcmp(abs.s + abs.len - pl, path) == 0) {
					/* from[k] + "/" + the path's first folder */
					abs.s[abs.len - pl + first] = '\0';
					placed |= stat(abs.s, &st) == 0 && S_ISDIR(st.st_mode);
				} else if (!found && !path[first]) {
					/* a file right in from[k] */
					placed |= stat(from[k], &st) == 0 && S_ISDIR(st.st_mode);
				}
			}
			pdx_buf_clear(&abs);
		}
		if (found)
			return PDX_OK;
		if (!placed) {
			p->unknown++;
			return PDX_OK;
		}
	}
	if (p->ngone == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		char **v = realloc(p->gone, cap * sizeof *v);
		if (!v)
			return PDX_ENOMEM;
		p->gone = v;
		p->cap = cap;
	}
	if (!(p->gone[p->ngone] = pdx_strdup(path)))
		return PDX_ENOMEM;
	p->ngone++;
	return PDX_OK;
}

/* --prune: drop the documents of the files provably gone, under the
 * paths[0..n) given when any, in one transaction; refuse (run->refused)
 * to drop more than PRUNE_SHARE of the indexed files unless force.
 * Returns PDX_OK, or PDX_ERR (said on stderr). */
int prune(run_t *run, char **paths, int n, bool force)
{
	prune_t p = { 0 };
	char *base = NULL;
	bool legacy = false;
	int rc = db_meta_get(run->db, BASE_META, &base);
	if (rc == PDX_OK && !base)
		rc = find_legacy(run, &legacy);
	struct stat st;
	/* where relative paths were stored from; the folder itself must
	 * still be there for anything under it to be provably gone */
	if (rc == PDX_OK && !base && !legacy && run->cwd)
		base = pdx_strdup(run->cwd);	/* none stored: any is this run's */
	if (base && (base[0] != '/' || lstat(base, &st) != 0)) {
		if (base[0] == '/')
			fprintf(stderr, PROG ": warning: '%s', the folder relative paths were indexed "
				"from, is gone\n", base);
		free(base);
		base = NULL;
	}
	p.base = base;
	p.roots = paths;
	p.nroots = (size_t)n;
	p.db_dir = run->db_dir;
	p.limited = n > 0;
	if (rc == PDX_OK && n > 0 && !(p.under = calloc((size_t)n, sizeof *p.under)))
		rc = PDX_ENOMEM;
	for (int i = 0; rc == PDX_OK && i < n; i++) {
		pdx_buf abs;
		rc = walk_resolve(paths[i], run->cwd, &abs);
		if (rc == PDX_OK)
			p.under[p.nunder++] = pdx_buf_take(&abs);
		else
			pdx_buf_clear(&abs);
		if (rc == PDX_ERR)	/* no folder to resolve it against */
			rc = PDX_OK;
	}
	if (rc == PDX_OK)
		rc = db_each_path(run->db, prune_look, &p);
	if (rc == PDX_OK && p.unknown)
		fprintf(stderr, PROG ": warning: %d indexed file%s stored by a path relative to a "
			"folder it cannot tell (indexed from several folders, or by an older "
			"version): not pruned; index them by absolute paths to prune them\n",
			p.unknown, p.unknown == 1 ? " is" : "s are");
	if (rc == PDX_OK && !force && (double)p.ngone > PRUNE_SHARE * p.total) {
		fprintf(stderr, PROG ": --prune would drop %zu of the %d indexed files (more than "
			"%d%%): nothing pruned; check the PATHs%s%s%s, or add --force\n", p.ngone,
			p.total, (int)(PRUNE_SHARE * 100),
			p.relative && base ? " and the folder relative paths are from, '" : "",
			p.relative && base ? base : "", p.relative && base ? "'" : "");
		run->refused = true;
	}
	if (rc == PDX_OK && p.ngone && !run->refused) {
		int docs = 0;
		rc = db_begin(run->db);
		for (size_t i = 0; rc == PDX_OK && i < p.ngone; i++) {
			int k = 0;
			rc = db_delete_path(run->db, p.gone[i], &k);
			docs += k;
		}
		if (rc == PDX_OK)
			rc = db_commit(run->db);
		if (rc == PDX_OK) {
			run->pruned += docs;
			run->pruned_files += (int)p.ngone;
		}
	}
	if (rc)
		fprintf(stderr, PROG ": cannot prune: %s\n",
			rc == PDX_ENOMEM ? "out of memory" : db_errmsg(run->db));
	if (rc && rc != PDX_ENOMEM)
		db_rollback(run->db);
	for (size_t i = 0; i < p.ngone; i++)
		free(p.gone[i]);
	free(p.gone);
	for (int i = 0; i < p.nunder; i++)
		free(p.under[i]);
	free(p.under);
	free(base);
	return rc ? PDX_ERR : PDX_OK;
}
