/* check.c - the check subcommand: is the database sound? */
#include <getopt.h>

#include "query.h"

static void print_problem(const char *problem, void *arg)
{
	int *n = arg;
	(*n)++;
	printf("problem: %s\n", problem);
}

int cmd_check(const char *dbpath, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'h':
			puts("usage: " PROG " check\n"
			     "Run SQLite's integrity check, the FTS5 integrity check, compare\n"
			     "the schema with the expected one, range-check the values and\n"
			     "the stored summaries, and polidex's consistency checks; exit 0\n"
			     "when sound, 3 when not or when the database is busy.");
			return EXIT_RESULTS;
		default: return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return EXIT_USAGE;
	pdx_db *db = open_db(dbpath);
	if (!db)
		return EXIT_RUNTIME;
	int n = 0;
	int rc = db_check(db, print_problem, &n);
	db_close(db);
	if (rc == DB_CHECK_BUSY) {
		fprintf(stderr, PROG ": '%s': database busy (another program, an indexer, holds its"
			" lock); nothing found wrong so far: run check again when it is done\n", dbpath);
		return EXIT_RUNTIME;
	}
	if (rc < 0) {
		fprintf(stderr, PROG ": '%s': the check could not run\n", dbpath);
		return EXIT_RUNTIME;
	}
	if (n) {
		fprintf(stderr, PROG ": '%s': %d problem%s found\n", dbpath, n, n == 1 ? "" : "s");
		return EXIT_RUNTIME;
	}
	printf("ok\n");
	return EXIT_RESULTS;
}
