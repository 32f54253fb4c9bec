/* polidex-query - search a polidex database. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "polidex/safe_out.h"

static const char usage_text[] =
	"usage: " PROG " [-d DB] COMMAND [options] [ARGS]\n"
	"Search the policy actions indexed by polidex-index.\n"
	"\n"
	"commands:\n"
	"  search [TERM...]   full-text search with filters (" PROG " search -h)\n"
	"  show KEY           one record whole\n"
	"  docs               the indexed documents\n"
	"  agencies           each agency with its records by role, parent, children\n"
	"  check              verify the database (integrity, index, records)\n"
	"  deadlines          dated and pending timeline entries, overdue or due\n"
	"                     (text, JSON, CSV, iCalendar; " PROG " deadlines -h)\n"
	"  status             requirements with status, evidence, timeliness\n"
	"                     (" PROG " status -h)\n"
	"  summary            each pillar: records, sections, agencies, documents,\n"
	"                     deadlines (" PROG " summary -h)\n"
	"  report -o DIR      a static web site of pillars, agencies, requirements\n"
	"                     and deadlines (" PROG " report -h)\n"
	"\n"
	"  -d, --db DB        database file (default $POLIDEX_DB or ./polidex.db)\n"
	"  --busy-timeout MS  how long to wait for a lock an indexer holds\n"
	"                     (milliseconds, default 10000)\n"
	"  -h, --help         this help\n"
	"  -V, --version      print the version\n"
	"\n"
	"Exit status: 0 results, 1 no results, 2 usage or query error,\n"
	"3 runtime error (missing or unreadable database).\n";

static const struct option long_opts[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "busy-timeout", required_argument, NULL, 'B' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static const struct {
	const char *name;
	int (*fn)(const char *dbpath, int argc, char **argv);
} commands[] = {
	{ "search", cmd_search },
	{ "show", cmd_show },
	{ "docs", cmd_docs },
	{ "agencies", cmd_agencies },
	{ "check", cmd_check },
	{ "deadlines", cmd_deadlines },
	{ "summary", cmd_summary },
	{ "status", cmd_status },
	{ "report", cmd_report },
	{ NULL, NULL },
};

int main(int argc, char **argv)
{
	const char *dbpath = getenv("POLIDEX_DB");
	int c, status;
	if (!dbpath || !*dbpath)
		dbpath = "polidex.db";
	pdx_safe_output(false);
	/* "+": stop at the command; its options are its own */
	while ((c = getopt_long(argc, argv, "+d:hV", long_opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'B': {
			char *end;
			errno = 0;
			long ms = strtol(optarg, &end, 10);
			if (!*optarg || *end || errno || ms < 0 || ms > 3600000) {
				fprintf(stderr, PROG ": --busy-timeout takes milliseconds from 0 to 3600000,"
					" not '%s'\n", optarg);
				return EXIT_USAGE;
			}
			db_set_busy_timeout((int)ms);
			break;
		}
		case 'h': fputs(usage_text, stdout); return EXIT_RESULTS;
		case 'V': printf(PROG " %s\n", PDX_VERSION); return EXIT_RESULTS;
		default: fputs(usage_text, stderr); return EXIT_USAGE;
		}
	}
	if (optind == argc) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[optind];
	for (int i = 0; commands[i].name; i++) {
		if (strcmp(commands[i].name, name) == 0) {
			status = commands[i].fn(dbpath, argc - optind, argv + optind);
			agency_labels_clear();
			if (fit_terminal_end() != 0)
				status = EXIT_RUNTIME;
			if (pdx_safe_output_flush() != 0) {
				fprintf(stderr, PROG ": write error: %s\n", strerror(errno));
				status = EXIT_RUNTIME;
			}
			return status;
		}
	}
	fprintf(stderr, PROG ": unknown command '%s'\n", name);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}
