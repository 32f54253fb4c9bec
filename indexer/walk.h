/* walk.h - the files named on polidex-index's command line: a file as
 * given, a folder's files walked in name order (hidden files and the notes
 * beside documents left out, symlink loops broken, links out of the
 * folder not followed); and where a stored path is on disk. */
#ifndef POLIDEX_WALK_H
#define POLIDEX_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "polidex/util.h"

struct pdx_walk_file { dev_t dev; ino_t ino; bool used; };

typedef struct {
	char **v;		/* the files, in the order to index them */
	bool *link;		/* v[i] was a symbolic link itself (named, or
				 * inside the folder): to be read through it */
	size_t n, cap;
	char **notes;		/* what the walk left out and why, in order:
				 * "cannot read 'x': ...", "warning: ..." */
	size_t nnotes, capnotes;
	int skipped;		/* paths it could not or would not read (skipped
				 * files: unreadable, not regular, too deep) */
	struct { dev_t dev; ino_t ino; } *seen;	/* the folders walked */
	size_t nseen, capseen;
	struct pdx_walk_file *files;	/* the files listed (a hash table) */
	size_t nfiles, capfiles;
	char *root;		/* the folder being walked, resolved */
} pdx_walk;

/* Add path to w: a regular file itself, a folder its files (walked in
 * name order, at most 64 folders deep). path itself may be a symbolic
 * link; a link met in the walk is followed only when it resolves under
 * path (warning otherwise). A file already listed (same device and inode)
 * is not listed again. FIFOs, devices, sockets, and paths under /dev and
 * /proc are skipped. What it cannot read or leaves out becomes a note.
 * Returns PDX_OK, or PDX_ENOMEM. */
int walk_add(pdx_walk *w, const char *path);
/* Free what w holds (not w). */
void walk_clear(pdx_walk *w);

/* Where a document path stored in the database is: an absolute path
 * (by name: "." and ".." resolved, no links) into out (initialized here;
 * the caller frees it). Paths are stored as they were given to the
 * indexer, so a relative one is relative to the folder it ran in, base.
 * Returns PDX_OK, PDX_ERR when stored is relative and base is NULL or
 * relative (unknown), or PDX_ENOMEM. The one place that knows how stored
 * paths map to files. */
int walk_resolve(const char *stored, const char *base, pdx_buf *out);
/* Is path (absolute, resolved) dir or under it? */
bool walk_under(const char *path, const char *dir);

#endif
