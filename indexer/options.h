/* polidex-index: the command line (indexer only). */
#ifndef PDX_INDEXER_OPTIONS_H
#define PDX_INDEXER_OPTIONS_H

#include "run.h"

/* What the command line asks for beyond run_t's switches. */
typedef struct {
	const char *dbpath;
	const char *agencies_file;
	const char *status_file;	/* --status */
	int jobs;
	bool prune;
	bool force;	/* --force as given (run.force may be set for a re-index) */
} opts_t;

/* Read the options into o and run. Returns -1 to go on, or the exit status
 * (--help, --version, a usage error: said on stderr). */
int parse_options(int argc, char **argv, opts_t *o, run_t *run);

#endif
