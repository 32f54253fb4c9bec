/* walk.h - the files named on polidex-index's command line: a file as
 * given, a folder's files walked in name order (hidden files and the notes
 * beside documents left out, symlink loops broken). */
#ifndef POLIDEX_WALK_H
#define POLIDEX_WALK_H

#include <stddef.h>
#include <sys/types.h>

typedef struct {
	char **v;		/* the files, in the order to index them */
	size_t n, cap;
	char **notes;		/* what the walk left out and why, in order:
				 * "cannot read 'x': ...", "warning: ..." */
	size_t nnotes, capnotes;
	int unreadable;		/* paths it could not read (skipped files) */
	struct { dev_t dev; ino_t ino; } *seen;	/* the folders walked */
	size_t nseen, capseen;
} pdx_walk;

/* Add path to w: a regular file itself, a folder its files (walked in
 * name order, at most 64 folders deep). What it cannot read or leaves out
 * becomes a note. Returns PDX_OK, or PDX_ENOMEM. */
int walk_add(pdx_walk *w, const char *path);
/* Free what w holds (not w). */
void walk_clear(pdx_walk *w);

#endif
