/* paths.h - one file, one identity: the path a document is stored under,
 * whatever spelling named it on the command line, and the way back from a
 * stored path to the file (for --prune). Every caller that turns a file
 * into a stored path goes through pdx_path_canonical. */
#ifndef POLIDEX_PATHS_H
#define POLIDEX_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* The stored path of file, found under root (the PATH named on the command
 * line: a folder, or the file itself), for the database whose folder is
 * db_dir (NULL: none, as for --dump). Symbolic links and "." / ".." are
 * resolved (realpath); the file is then named relative to db_dir when it
 * lies under it (a corpus moved with its database keeps its documents),
 * else relative to the working folder when it lies under that, else
 * relative to the folder holding root when root is a folder
 * ("corpus/plan/x.txt" whether root was typed "corpus", "../p/corpus" or
 * "/abs/corpus"), else absolute. So one file has one identity whatever
 * spelling, and whether it is named or found in a folder. A file that
 * cannot be resolved keeps its spelling. Returns a string the caller
 * frees, or NULL when out of memory. */
char *pdx_path_canonical(const char *file, const char *root, const char *db_dir);

/* The folder of the database file db_path, resolved. Caller frees; NULL
 * when it cannot be resolved (or out of memory). */
char *pdx_path_db_dir(const char *db_path);

/* Where the document stored as stored is on disk, for --prune: *found is
 * set when a file is there (at db_dir/stored, or beside one of roots[], or
 * from the working folder); *gone when none is and its place lies inside
 * one of the roots given (or none were given and it is not beside the
 * database or the working folder): only then may it be dropped, so that
 * a document indexed from another folder is never lost. */
void pdx_path_locate(const char *stored, char *const *roots, size_t nroots, const char *db_dir,
		     bool *found, bool *gone);

/* path resolved (realpath), or NULL when it cannot be. Caller frees. */
char *pdx_path_resolve(const char *path);

#endif
