/* common.c - what every subcommand of polidex-query uses: formats, the
 * database, the options several commands share (agency, pillar), CSV. */
#include <errno.h>
#include <getopt.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "query.h"
#include "polidex/track.h"
#include "polidex/text.h"
#include "polidex/util.h"

static const char *const format_names[] = { "text", "json", "ndjson", "csv", "ics" };

const char *const pdx_record_kinds[] = {
	"recommended_action", "key_policy", "order_section", "notice_event",
	"list_item", "paragraph", "heading",
};
const size_t pdx_nrecord_kinds = sizeof pdx_record_kinds / sizeof *pdx_record_kinds;

int take_enum(const char *what, const char *name, const char *const *valid, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, valid[i]) == 0)
			return (int)i;
	/* the closest: a few edits, or a value the name starts or is a
	 * start of ("recommended" for recommended_action) */
	size_t cap = strlen(name) / 3 + 1, best = cap + 1;
	const char *near = NULL;
	for (size_t i = 0; i < n; i++) {
		size_t d = pdx_edit_distance(name, valid[i], cap);
		if (d > cap && *name && strncasecmp(name, valid[i], strlen(name)) == 0)
			d = cap;
		if (d < best) {
			best = d;
			near = valid[i];
		}
	}
	fprintf(stderr, PROG ": %s %s '%s' (one of:", *name ? "unknown" : "empty", what, name);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "%s %s", i ? "," : "", valid[i]);
	fprintf(stderr, ")");
	if (near)
		fprintf(stderr, "; did you mean '%s'?", near);
	fprintf(stderr, "\n");
	return -1;
}

int take_date(const char *s, pdx_date *d)
{
	pdx_date tmp;
	if (pdx_date_parse(s, d ? d : &tmp) == PDX_OK)
		return 0;
	fprintf(stderr, PROG ": bad date '%s' (YYYY-MM-DD, a day that exists)\n", s);
	return -1;
}

int take_once(const char **slot, const char *option, const char *value)
{
	if (*slot && strcmp(*slot, value) != 0) {
		fprintf(stderr, PROG ": %s given twice ('%s', '%s'); give it once\n", option,
			*slot, value);
		return -1;
	}
	*slot = value;
	return 0;
}

int parse_format(const char *name, unsigned allowed)
{
	const char *valid[FMT_ICS + 1];
	int idx[FMT_ICS + 1];
	size_t n = 0;
	for (int i = 0; i <= FMT_ICS; i++)
		if (allowed & (1u << i)) {
			idx[n] = i;
			valid[n++] = format_names[i];
		}
	int k = take_enum("format", name, valid, n);
	return k < 0 ? -1 : idx[k];
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
	struct stat st;
	if (stat(path, &st) != 0 && errno == ENOENT) {
		fprintf(stderr, PROG ": no database '%s' (index documents first with"
			" polidex-index -d '%s' DIR, or name one with -d DB or $POLIDEX_DB)\n",
			path, path);
		return NULL;
	}
	if (db_open(&db, path, DB_READONLY, err, sizeof err)) {
		fprintf(stderr, PROG ": cannot open database '%s': %s\n", path, err);
		return NULL;
	}
	return db;
}

/* A user's agency name as an id; prints a usage error (the name empty,
 * ambiguous with its candidates, or unknown with the nearest names) and
 * returns NULL when it names no one body. Caller frees. */
static char *resolve_agency(pdx_db *db, const char *name)
{
	char *id = NULL;
	if (strspn(name, " \t") == strlen(name)) {
		fprintf(stderr, PROG ": empty agency name '%s' (give an acronym, a name or a"
			" Chinese name)\n", name);
		return NULL;
	}
	if (db_agency_lookup(db, name, &id) == PDX_OK && id)
		return id;
	char *cand[8];
	size_t n = 0;
	if (db_agency_matches(db, name, cand, 8, &n) == PDX_OK && n > 1) {
		fprintf(stderr, PROG ": ambiguous agency '%s'; it names", name);
		for (size_t i = 0; i < n; i++) {
			fprintf(stderr, "%s%s", i ? (i + 1 == n ? " and " : ", ") : " ", cand[i]);
			free(cand[i]);
		}
		fprintf(stderr, " (give one of these)\n");
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		free(cand[i]);
	char *sugg[5];
	n = 0;
	db_agency_suggest(db, name, sugg, 5, &n);
	fprintf(stderr, PROG ": unknown agency '%s'", name);
	for (size_t i = 0; i < n; i++) {
		fprintf(stderr, "%s%s", i ? ", " : "; did you mean: ", sugg[i]);
		free(sugg[i]);
	}
	fprintf(stderr, "\n");
	return NULL;
}

static pdx_agency_row *label_rows;
static size_t nlabel_rows;
static bool label_loaded;

static int cmp_label(const void *a, const void *b)
{
	const pdx_agency_row *x = a, *y = b;
	return strcmp(x->id, y->id);
}

const char *agency_label(pdx_db *db, const char *id, const char *acronym)
{
	if (acronym && *acronym)
		return acronym;
	if (!label_loaded && db) {
		label_loaded = true;
		if (db_agency_labels(db, &label_rows, &nlabel_rows) != PDX_OK) {
			db_agency_rows_free(label_rows, nlabel_rows);
			label_rows = NULL;
			nlabel_rows = 0;
		}
		if (nlabel_rows)
			qsort(label_rows, nlabel_rows, sizeof *label_rows, cmp_label);
	}
	if (!id || !nlabel_rows)
		return id;
	/* sorted by id once loaded: a deadline list asks for each entry */
	size_t lo = 0, hi = nlabel_rows;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(label_rows[mid].id, id);
		if (c == 0)
			return label_rows[mid].acronym ? label_rows[mid].acronym
			       : label_rows[mid].name ? label_rows[mid].name : id;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return id;
}

void agency_labels_clear(void)
{
	db_agency_rows_free(label_rows, nlabel_rows);
	label_rows = NULL;
	nlabel_rows = 0;
	label_loaded = false;
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

int take_pillar(int *pillar, const char *arg)
{
	static const char *const valid[] = { "1", "2", "3", "I", "II", "III" };
	if ((*pillar = parse_pillar(arg)))
		return 0;
	return take_enum("pillar", arg, valid, sizeof valid / sizeof *valid);
}

int agency_opt_add(agency_opt *a, const char *name)
{
	if (a->single) {
		/* one agency: a second, different one is refused, not dropped */
		if (a->n && strcmp(a->names[0], name) != 0) {
			fprintf(stderr, PROG ": --agency given twice ('%s', '%s'); this command"
				" takes one\n", a->names[0], name);
			return -1;
		}
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

static bool want_bom;

int bom_check(pdx_format fmt)
{
	if (want_bom && fmt != FMT_CSV) {
		fprintf(stderr, PROG ": --bom is for CSV output (-f csv)\n");
		return -1;
	}
	return 0;
}

void csv_begin(FILE *f)
{
	if (want_bom)
		fputs("\xEF\xBB\xBF", f);
}

int common_option(int c, const char *usage, unsigned formats, pdx_format *fmt,
		  const char **dbpath)
{
	switch (c) {
	case 'f': {
		/* one format: a second, different one is refused, not dropped */
		static const char *seen;
		return take_format(fmt, optarg, formats) || take_once(&seen, "--format", optarg)
			? EXIT_USAGE : OPTIONS_OK;
	}
	case 'd': *dbpath = optarg; return OPTIONS_OK;
	case OPT_BOM: want_bom = true; return OPTIONS_OK;
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
		BOM_OPTION,
		{ NULL, 0, NULL, 0 },
	};
	int c, status = OPTIONS_OK;
	optind = 0;
	while (status == OPTIONS_OK && (c = getopt_long(argc, argv, "f:d:h", opts, NULL)) != -1)
		status = common_option(c, usage, formats, fmt, dbpath);
	if (status == OPTIONS_OK && bom_check(*fmt))
		status = EXIT_USAGE;
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

int take_zone(const pdx_zone **zone, const char *name)
{
	static const char *const names[] = { "America/New_York", "America/Chicago",
		"America/Denver", "America/Phoenix", "America/Los_Angeles", "UTC" };
	const pdx_zone *z = track_zone(name);
	if (!z) {
		take_enum("time zone", name, names, sizeof names / sizeof *names);
		return -1;
	}
	*zone = z;
	return 0;
}
