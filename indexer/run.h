/* polidex-index: the run all its files share (indexer only). */
#ifndef PDX_INDEXER_RUN_H
#define PDX_INDEXER_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "polidex/agencies.h"
#include "polidex/db.h"
#include "polidex/ranked.h"
#include "postpass.h"
#include "tag_agencies.h"

#define PROG "polidex-index"

enum { EXIT_SKIPPED = 1, EXIT_USAGE = 2, EXIT_RUNTIME = 3 };

/* At most this many parsing threads (main.c's workers). */
#define MAX_JOBS 16

/* Paths are stored as they were given, so a relative one is relative to
 * the folder the indexer ran in: meta BASE_META keeps that folder for
 * --prune, or "?" when relative paths were stored from several folders
 * (or before it was kept), which makes them unprovable. */
#define BASE_META "base"

typedef struct {
	pdx_db *db;
	pdx_gazetteer *gaz;
	pdx_tagger *tagger;	/* made from gaz once it is whole */
	bool quiet, verbose, force, progress, dump;
	bool pillar_eval;	/* --x-pillar-eval */
	bool retrack;		/* --status stored lines: the post-pass runs */
	pdx_ranked_params ranked;	/* which words get ranked lists, how long */
	bool bulk;	/* a first run, building the database whole (bulk.h) */
	pdx_df *df;	/* bulk: pass 1 of the post-pass, counted as files are stored */
	int files, indexed, unchanged, skipped, documents, records;
	int pruned, pruned_files;	/* documents and files dropped by --prune */
	int fatal;
	bool refused;	/* --prune refused to drop more than PRUNE_SHARE */
	char *cwd;	/* the folder it runs in (NULL: unknown) */
	int legacy;	/* relative paths stored without a BASE_META: 1 yes,
			 * 0 no, -1 not looked yet (find_legacy) */
	char store_err[256];	/* why store() failed (SQLite's message, before the rollback) */
	long dumped;	/* --dump: records printed so far */
	/* identities (paths.c): the database's folder and file, resolved;
	 * the stored path of each file to index, beside it; the PATHs */
	char *db_dir, *db_file;
	char **stored;
	char **roots;
	size_t nroots;
	/* the open batch: files stored since the last commit */
	struct {
		bool open;
		double start;
		size_t bytes;
		int files, documents, records;
		bool based;	/* BASE_META checked in this batch */
	} batch;
} run_t;

#endif
