/* common.c - what every subcommand of polidex-query uses: formats, the
 * database, the options several commands share (agency, pillar), CSV. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "query.h"
#include "polidex/util.h"

static const char *const format_names[] = { "text", "json", "ndjson", "csv", "ics" };

int parse_format(const char *name, unsigned allowed)
{
	for (int i = 0; i <= FMT_ICS; i++)
		if ((allowed & (1u << i)) && strcmp(name, format_names[i]) == 0)
			return i;
	fprintf(stderr, PROG ": unknown format '%s' (one of:", name);
	for (int i = 0; i <= FMT_ICS; i++)
		if (allowed & (1u << i))
			fprintf(stderr, " %s", format_names[i]);
	fprintf(stderr, ")\n");
	return -1;
}

int take_format(pdx_format *fmt, const char *name, unsigned allowed)
{
	int f = parse_format(name, allowed);
	if (f < 0)
		return -1;
	*fmt = (pdx_format)f;
	return 0;
}

pdx_db *open_db(const char *path)
{
	char err[512] = "";
	pdx_db *db = NULL;
	if (db_open(&db, path, DB_READONLY, err, sizeof err)) {
		fprintf(stderr, PROG ": cannot open database '%s': %s\n", path, err);
		return NULL;
	}
	return db;
}

/* A user's agency name as an id; prints a usage error with suggestions
 * and returns NULL when unknown. Caller frees. */
static char *resolve_agency(pdx_db *db, const char *name)
{
	char *id = NULL;
	if (db_agency_lookup(db, name, &id) == PDX_OK && id)
		return id;
	char *sugg[5];
	size_t n = 0;
	db_agency_suggest(db, name, sugg, 5, &n);
	fprintf(stderr, PROG ": unknown agency '%s'", name);
	for (size_t i = 0; i < n; i++) {
		fprintf(stderr, "%s%s", i ? ", " : "; did you mean: ", sugg[i]);
		free(sugg[i]);
	}
	fprintf(stderr, "\n");
	return NULL;
}

pdx_date today(bool utc)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!(utc ? gmtime_r(&now, &tm) : localtime_r(&now, &tm)))
		return (pdx_date){ 1970, 1, 1 };
	return (pdx_date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

static int parse_pillar(const char *s)
{
	if (strcmp(s, "1") == 0 || strcasecmp(s, "I") == 0)
		return 1;
	if (strcmp(s, "2") == 0 || strcasecmp(s, "II") == 0)
		return 2;
	if (strcmp(s, "3") == 0 || strcasecmp(s, "III") == 0)
		return 3;
	return 0;
}

int take_pillar(int *pillar, const char *arg, const char *hint)
{
	if ((*pillar = parse_pillar(arg)))
		return 0;
	fprintf(stderr, PROG ": bad pillar '%s' (%s)\n", arg, hint);
	return -1;
}

int agency_opt_add(agency_opt *a, const char *name)
{
	if (a->single) {
		/* one agency: the last -a given, as the command always took it */
		a->names[0] = name;
		a->n = 1;
		return 0;
	}
	if (a->n == PDX_MAX_AGENCY_FILTERS) {
		fprintf(stderr, PROG ": at most %d agency filters\n", PDX_MAX_AGENCY_FILTERS);
		return -1;
	}
	a->names[a->n++] = name;
	return 0;
}

int agency_opt_resolve(agency_opt *a, pdx_db *db, const char **ids, size_t *nids)
{
	for (size_t i = 0; i < a->n; i++) {
		if (!(a->ids[i] = resolve_agency(db, a->names[i])))
			return -1;
		if (ids)
			ids[(*nids)++] = a->ids[i];
	}
	return 0;
}

void agency_opt_clear(agency_opt *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->ids[i]);
		a->ids[i] = NULL;
	}
}

int common_option(int c, const char *usage, unsigned formats, pdx_format *fmt,
		  const char **dbpath)
{
	switch (c) {
	case 'f': return take_format(fmt, optarg, formats) ? EXIT_USAGE : OPTIONS_OK;
	case 'd': *dbpath = optarg; return OPTIONS_OK;
	case 'h': fputs(usage, stdout); return EXIT_RESULTS;
	default: fputs(usage, stderr); return EXIT_USAGE;
	}
}

int simple_options(int argc, char **argv, const char *usage, unsigned formats,
		   pdx_format *fmt, const char **dbpath)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, status = OPTIONS_OK;
	optind = 0;
	while (status == OPTIONS_OK && (c = getopt_long(argc, argv, "f:d:h", opts, NULL)) != -1)
		status = common_option(c, usage, formats, fmt, dbpath);
	return status;
}

void csv_int(FILE *f, long v, bool last)
{
	fprintf(f, "%ld%s", v, last ? "\r\n" : ",");
}

void csv_opt_int(FILE *f, bool has, long v, bool last)
{
	if (has)
		csv_int(f, v, last);
	else
		csv_field(f, "", last);
}

void csv_field(FILE *f, const char *s, bool last)
{
	s = s ? s : "";
	/* a cell a spreadsheet would take for a formula is text: a quote
	 * before it (OWASP's CSV injection advice) */
	bool formula = *s && strchr("=+-@\t\r", *s);
	if (strpbrk(s, ",\"\r\n") || formula) {
		fputc('"', f);
		if (formula)
			fputc('\'', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputs(last ? "\r\n" : ",", f);
}
