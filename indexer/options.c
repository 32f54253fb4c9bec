/* polidex-index: the command line, read into opts_t and run_t. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "polidex/util.h"
#include "options.h"

static const char usage_text[] =
	"usage: " PROG " [-d DB] [-q] [--force] [--prune] [--agencies FILE] [--status FILE] PATH...\n"
	"       " PROG " --dump FILE...\n"
	"Index documents (HTML, Federal Register XML, Markdown, plain text) and\n"
	"the folders under PATH into a polidex database.\n"
	"\n"
	"  -d, --db DB          database file (default $POLIDEX_DB or ./polidex.db)\n"
	"  -q, --quiet          no progress and no summary\n"
	"  -v, --verbose        also the time of each phase\n"
	"      --force          re-index files even when unchanged\n"
	"      --prune          drop documents whose files are gone (at most half\n"
	"                       of the files, unless --force)\n"
	"  -A, --agencies FILE  add the bodies of a gazetteer file (JSON)\n"
	"      --status FILE    the analyst's statuses (TSV: key, status, date,\n"
	"                       evidence, note; docs/tracking.md), kept across runs\n"
	"  -j, --jobs N         parse on N threads (default: the processors, at most 16)\n"
	"      --dump           print the records of FILE as JSON; no database\n"
	"  -h, --help           this help\n"
	"  -V, --version        print the version\n"
	"\n"
	"Exit status: 0 all indexed, 1 some files skipped (bad input; each named\n"
	"on stderr), 2 usage error, 3 runtime error (database; --prune refused).\n";

enum { OPT_PILLAR_EVAL = 256, OPT_RANKED_LISTS, OPT_FORCE, OPT_PRUNE, OPT_STATUS };

static const struct option long_opts[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "prune", no_argument, NULL, OPT_PRUNE },
	{ "agencies", required_argument, NULL, 'A' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "dump", no_argument, NULL, 'D' },
	{ "status", required_argument, NULL, OPT_STATUS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	/* for the tests, not in the usage text (docs/polidex-index.1) */
	{ "x-pillar-eval", no_argument, NULL, OPT_PILLAR_EVAL },
	{ "x-ranked-lists", required_argument, NULL, OPT_RANKED_LISTS },
	{ NULL, 0, NULL, 0 },
};

/* --x-ranked-lists=DF,K,BUDGET: the words in at least DF records get
 * ranked lists of at least K records, all lists together at most BUDGET
 * entries (the tests make them short). False when arg is not that. */
static bool ranked_arg(const char *arg, pdx_ranked_params *ip)
{
	long df, k, budget;
	char end;
	if (sscanf(arg, "%ld,%ld,%ld%c", &df, &k, &budget, &end) != 3 || df < 1 || k < 1 ||
	    k > 1 << 16 || budget < k)
		return false;
	*ip = (pdx_ranked_params){ .df_min = df, .k = (int)k, .budget = budget };
	return true;
}

/* Read the options into o and run. Returns -1 to go on, or the exit status
 * (--help, --version, a usage error: said on stderr). */
int parse_options(int argc, char **argv, opts_t *o, run_t *run)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int c;
	*o = (opts_t){ .dbpath = getenv("POLIDEX_DB"),
		       .jobs = ncpu < 1 ? 1 : ncpu > MAX_JOBS ? MAX_JOBS : (int)ncpu };
	if (!o->dbpath || !*o->dbpath)
		o->dbpath = "polidex.db";
	while ((c = getopt_long(argc, argv, "d:qvfpA:j:hV", long_opts, NULL)) != -1) {
		switch (c) {
		case 'd': o->dbpath = optarg; break;
		case 'q': run->quiet = true; break;
		case 'v': run->verbose = true; break;
		case OPT_FORCE: run->force = o->force = true; break;
		case OPT_PRUNE: o->prune = true; break;
		case 'f':
		case 'p':
			/* -f is --format and -p --pillar in polidex-query: here the
			 * costly --force and the destructive --prune are spelled
			 * out, never taken from a letter meant for the other tool */
			fprintf(stderr, PROG ": -%c is no option of " PROG " (in polidex-query it is"
				" %s); say %s\n", c, c == 'f' ? "--format" : "--pillar",
				c == 'f' ? "--force to re-index unchanged files"
					 : "--prune to drop documents whose files are gone");
			return EXIT_USAGE;
		case 'A': o->agencies_file = optarg; break;
		case 'j': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 1 || v > MAX_JOBS) {
				fprintf(stderr, PROG ": bad --jobs '%s' (1 to %d)\n", optarg, MAX_JOBS);
				return EXIT_USAGE;
			}
			o->jobs = (int)v;
			break;
		}
		case 'D': run->dump = true; break;
		case OPT_STATUS: o->status_file = optarg; break;
		case OPT_PILLAR_EVAL: run->pillar_eval = true; break;
		case OPT_RANKED_LISTS:
			if (!ranked_arg(optarg, &run->ranked)) {
				fprintf(stderr, PROG ": bad --x-ranked-lists '%s' (want DF,K,BUDGET: "
					"DF >= 1, 1 <= K <= 65536, BUDGET >= K)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h': fputs(usage_text, stdout); return 0;
		case 'V': printf(PROG " %s\n", PDX_VERSION); return 0;
		default: fputs(usage_text, stderr); return EXIT_USAGE;
		}
	}
	if (optind == argc && !o->prune && !o->status_file) {
		fprintf(stderr, PROG ": no PATH given\n");
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	return -1;
}
