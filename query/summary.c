/* summary.c - polidex-query summary: each pillar's records, sections,
 * agencies, implementing documents and deadlines. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "deadlines.h"
#include "polidex/containers.h"
#include "query.h"
#include "polidex/pillar.h"
#include "polidex/util.h"

static const unsigned summary_formats = 1u << FMT_TEXT | 1u << FMT_JSON;

static const char summary_usage[] =
	"usage: " PROG " summary [-p PILLAR] [-a AGENCY] [--as-of DATE] [-f json|text]\n"
	"Summarize each pillar of the plan: records by kind and by how they were\n"
	"placed (structure or inferred), the plan's sections, lead and supporting\n"
	"agencies, the documents implementing it, and its deadlines.\n"
	"\n"
	"  -p, --pillar N       one pillar (1-3 or I-III)\n"
	"  -a, --agency NAME    only the records naming this agency (or a body under it)\n"
	"      --as-of DATE     upcoming and overdue as of DATE (YYYY-MM-DD; default today)\n"
	"  -f, --format FMT     text (default) or json\n";

static const struct option summary_opts[] = {
	{ "pillar", required_argument, NULL, 'p' },
	{ "agency", required_argument, NULL, 'a' },
	{ "as-of", required_argument, NULL, 'A' },
	{ "format", required_argument, NULL, 'f' },
	{ "db", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* A summary shows this many of the overdue deadlines (the latest) and of
 * the documents (the most records first), with their totals: at a few
 * hundred thousand records the full lists would be megabytes, and
 * `deadlines --overdue -p N` and `docs` give them whole. */
#define SUMMARY_OVERDUE 10
#define SUMMARY_DOCS 20
#define SUMMARY_NEXT 5

/* The deadlines of one pillar: the timeline kinds that close something. */
typedef struct {
	pdx_dues next;		/* the first dated on or after as_of */
	pdx_dues overdue;	/* dated before it, by date: the candidates */
	size_t keep[SUMMARY_OVERDUE];	/* the latest overdue requirements' */
	size_t nkeep;
	long overdue_total;	/* requirements' deadlines overdue */
	pdx_due_counts n;
	/* the tracker: requirements by status, on time, per lead agency */
	pdx_requirements reqs;
	pdx_track_status *st;
	bool borrowed;		/* reqs and st are the pillar's share of a split (freed with it) */
} pillar_dues;

/* Every requirement read once, split by pillar (without an agency: with
 * one, each pillar reads its own, fewer). byp[1..3] own them, byp[0]
 * holds the rest. */
typedef struct {
	pdx_requirements byp[4];
	pdx_track_status *st[4];
	bool ready;
} pillar_split;

/* Move track's requirements and statuses into sp by pillar (track keeps
 * its id -> status list, whose strings are the requirements' or
 * constants: sp is freed after the last use of track). */
static int split_by_pillar(dl_track *t, pillar_split *sp)
{
	size_t cap[4] = { 0 }, scap[4] = { 0 };
	for (size_t i = 0; i < t->reqs.n; i++) {
		int p = t->reqs.v[i].pillar;
		if (p < 1 || p > 3)
			p = 0;
		size_t n = sp->byp[p].n, m = n;
		pdx_requirement *q = pdx_grow((void **)&sp->byp[p].v, &sp->byp[p].n, &cap[p], sizeof *q);
		pdx_track_status *x = q ? pdx_grow((void **)&sp->st[p], &m, &scap[p], sizeof *x) : NULL;
		if (!x) {
			if (q)
				sp->byp[p].n = n;
			return -1;	/* what was moved is freed with sp, the rest with t */
		}
		*q = t->reqs.v[i];
		*x = t->st[i];
		/* moved: t no longer frees it */
		memset(&t->reqs.v[i], 0, sizeof t->reqs.v[i]);
	}
	sp->ready = true;
	return 0;
}

static void split_free(pillar_split *sp)
{
	for (int p = 0; p < 4; p++) {
		requirements_free(&sp->byp[p]);
		free(sp->st[p]);
	}
}

static int load_dues(pdx_db *db, int pillar, const char *agency, const char *as_of,
		     const dl_track *track, const pillar_split *split, pillar_dues *pd)
{
	pdx_deadline_query q = { .kinds = { PDX_TIME_DEADLINE, PDX_TIME_CLOSES, PDX_TIME_EXPIRES }, .nkinds = 3,
				 .pillar = pillar };
	char err[512] = "";
	if (agency) {
		q.agencies[0] = agency;
		q.nagencies = 1;
	}
	pdx_deadline_query next = q, over = q;
	next.from_day = as_of;
	next.limit = SUMMARY_NEXT;
	/* overdue: the deadlines of requirements with no evidence (a
	 * closed window or an expiry is no overdue), as deadlines --overdue
	 * says; a stated time may fall a day after its UTC day */
	pdx_date d;
	char before[11];
	pdx_date_parse(as_of, &d);
	pdx_date_format(pdx_date_add_days(d, 1), before);
	over.before = before;
	if (db_deadline_counts(db, &q, as_of, &pd->n) ||
	    db_deadlines(db, &next, &pd->next, err, sizeof err) ||
	    db_deadlines(db, &over, &pd->overdue, err, sizeof err)) {
		fprintf(stderr, PROG ": %s\n", *err ? err : db_errmsg(db));
		return -1;
	}
	pdx_dues *o = &pd->overdue;
	for (size_t i = 0; i < o->n; i++) {
		const dl_req *rq = dl_track_find(track, o->hits.v[i].id);
		pdx_time_kind k = o->v[i].t.kind;
		if (!rq || !rq->status || strcmp(rq->status, "overdue") != 0 ||
		    (k != PDX_TIME_DEADLINE && k != PDX_TIME_CLOSES) ||
		    !o->v[i].t.value || strncmp(o->v[i].t.value, as_of, 10) >= 0)
			continue;
		pd->overdue_total++;
		if (pd->nkeep == SUMMARY_OVERDUE)
			memmove(pd->keep, pd->keep + 1, (SUMMARY_OVERDUE - 1) * sizeof *pd->keep);
		pd->keep[pd->nkeep < SUMMARY_OVERDUE ? pd->nkeep++ : SUMMARY_OVERDUE - 1] = i;
	}
	if (split && split->ready) {	/* read with the statuses: this pillar's share */
		pd->reqs = split->byp[pillar];
		pd->st = split->st[pillar];
		pd->borrowed = true;
	} else if (db_track_ready(db)) {
		if (db_track_statuses(db, agency, pillar, &pd->reqs) ||
		    !(pd->st = calloc(pd->reqs.n + 1, sizeof *pd->st))) {
			fprintf(stderr, PROG ": %s\n", db_errmsg(db));
			return -1;
		}
		for (size_t i = 0; i < pd->reqs.n; i++)
			track_status(&pd->reqs.v[i], as_of, track_zone("America/New_York"), &pd->st[i]);
	}
	return 0;
}

static cJSON *array_object(cJSON *arr);

/* The tracker's counts of requirements r[0..n) (those whose first lead
 * is lead, or all when lead is NULL) into o: by_status, on_time_rate. */
static bool status_counts(const pdx_requirements *r, const pdx_track_status *st,
			  const char *lead, cJSON *o)
{
	static const char *const names[] = { "done", "in_progress", "overdue", "due", "open",
					     "not_verified" };
	long c[6] = { 0 }, on_time = 0, timed = 0, total = 0;
	for (size_t i = 0; i < r->n; i++) {
		if (lead && !(r->v[i].nowners && strcmp(r->v[i].owners[0].id, lead) == 0))
			continue;
		total++;
		for (int k = 0; k < 6; k++)
			if (strcmp(st[i].status, names[k]) == 0)
				c[k]++;
		if (st[i].timeliness) {
			timed++;
			on_time += strcmp(st[i].timeliness, "on_time") == 0;
		}
	}
	cJSON *b = cJSON_AddObjectToObject(o, "by_status");
	bool ok = b && json_num(o, "requirements", (double)total);
	for (int k = 0; ok && k < 6; k++)
		ok = json_num(b, names[k], (double)c[k]);
	return ok && (timed ? json_num(o, "on_time_rate", (double)on_time / (double)timed)
			    : cJSON_AddNullToObject(o, "on_time_rate") != NULL) &&
	       json_num(o, "done_with_due_date", (double)timed);
}

/* "tracking": the pillar's requirements by status, and per lead agency. */
static bool tracking_json(const pillar_dues *pd, cJSON *o)
{
	if (!pd->st)
		return true;
	cJSON *t = cJSON_AddObjectToObject(o, "tracking");
	cJSON *ags = t && status_counts(&pd->reqs, pd->st, NULL, t) ?
		cJSON_AddArrayToObject(t, "agencies") : NULL;
	bool ok = ags != NULL;
	/* each lead once, in order of its first requirement (the distinct
	 * leads are few; the requirements a quarter of a million) */
	const char **leads = NULL;
	size_t nl = 0, cap = 0;
	for (size_t i = 0; ok && i < pd->reqs.n; i++) {
		const pdx_requirement *r = &pd->reqs.v[i];
		if (!r->nowners)
			continue;
		bool seen = false;
		for (size_t j = 0; j < nl && !seen; j++)
			seen = strcmp(leads[j], r->owners[0].id) == 0;
		if (seen)
			continue;
		const char **slot = pdx_grow((void **)&leads, &nl, &cap, sizeof *leads);
		if (!slot) {
			ok = false;
			break;
		}
		*slot = r->owners[0].id;
		cJSON *a = array_object(ags);
		ok = a && json_str(a, "id", r->owners[0].id) &&
		     status_counts(&pd->reqs, pd->st, r->owners[0].id, a);
	}
	free(leads);
	return ok;
}

static void dues_clear(pillar_dues *pd)
{
	db_dues_clear(&pd->next);
	db_dues_clear(&pd->overdue);
	if (!pd->borrowed) {
		requirements_free(&pd->reqs);
		free(pd->st);
	}
}

static bool due_json(const pdx_dues *d, size_t i, cJSON *arr)
{
	const pdx_hit *h = &d->hits.v[i];
	const pdx_time *t = &d->v[i].t;
	cJSON *o = cJSON_CreateObject();
	if (!o || !cJSON_AddItemToArray(arr, o)) {
		cJSON_Delete(o);
		return false;
	}
	return json_str(o, "key", h->key) && json_str(o, "kind", time_kind_name(t->kind)) &&
	       json_str(o, "expr", t->expr ? t->expr : "") && json_str(o, "value", t->value) &&
	       json_str(o, "document", h->doc_path);
}

/* A new object of arr, or NULL: no memory. */
static cJSON *array_object(cJSON *arr)
{
	cJSON *o = cJSON_CreateObject();
	if (o && cJSON_AddItemToArray(arr, o))
		return o;
	cJSON_Delete(o);
	return NULL;
}

static bool records_json(const pdx_pillar_summary *s, cJSON *o)
{
	cJSON *rec = cJSON_AddObjectToObject(o, "records");
	cJSON *k = rec && json_num(rec, "total", s->total) ?
		cJSON_AddObjectToObject(rec, "by_kind") : NULL;
	bool ok = k != NULL;
	for (size_t i = 0; ok && i < s->nkinds; i++)
		ok = json_num(k, s->kinds[i].name, s->kinds[i].count);
	cJSON *src = ok ? cJSON_AddObjectToObject(rec, "by_source") : NULL;
	return src && json_num(src, "structure", s->structure) &&
	       json_num(src, "inferred", s->inferred);
}

static bool sections_json(const pdx_pillar_summary *s, cJSON *o)
{
	cJSON *secs = cJSON_AddArrayToObject(o, "sections");
	bool ok = secs != NULL;
	for (size_t i = 0; ok && i < s->nsections; i++) {
		cJSON *x = array_object(secs);
		ok = x && json_str(x, "section", s->sections[i].section);
		if (ok)
			ok = json_str(x, "key", s->sections[i].key);	/* null: no actions */
		ok = ok && json_num(x, "records", s->sections[i].records) &&
		     json_num(x, "linked", s->sections[i].linked);
	}
	return ok;
}

static bool agencies_json(const pdx_pillar_summary *s, cJSON *o)
{
	cJSON *ag = cJSON_AddObjectToObject(o, "agencies");
	bool ok = ag != NULL;
	for (int role = 0; ok && role < 2; role++) {
		cJSON *l = cJSON_AddArrayToObject(ag, role ? "support" : "lead");
		const pdx_agency_count *v = role ? s->support : s->lead;
		size_t n = role ? s->nsupport : s->nlead;
		ok = l != NULL;
		for (size_t i = 0; ok && i < n; i++) {
			cJSON *x = array_object(l);
			ok = x && json_str(x, "id", v[i].id) &&
			     json_str(x, "acronym", v[i].acronym ? v[i].acronym : v[i].id) &&
			     json_num(x, "count", v[i].count);
		}
	}
	return ok;
}

static bool documents_json(const pdx_pillar_summary *s, cJSON *o)
{
	cJSON *docs = cJSON_AddArrayToObject(o, "documents");
	bool ok = docs != NULL;
	for (size_t i = 0; ok && i < s->ndocs && i < SUMMARY_DOCS; i++) {
		cJSON *x = array_object(docs);
		ok = x && json_str(x, "path", s->docs[i].path) &&
		     json_num(x, "part", s->docs[i].part);
		if (ok && s->docs[i].title)
			ok = json_str(x, "title", s->docs[i].title);
		ok = ok && json_str(x, "kind", s->docs[i].kind ? s->docs[i].kind : "other") &&
		     json_num(x, "records", s->docs[i].records);
	}
	return ok && json_num(o, "documents_total", (double)s->ndocs);
}

static bool deadlines_json(const pillar_dues *pd, cJSON *o)
{
	cJSON *dl = cJSON_AddObjectToObject(o, "deadlines");
	cJSON *next = dl ? cJSON_AddArrayToObject(dl, "next") : NULL;
	bool ok = next != NULL;
	for (size_t i = 0; ok && i < pd->next.n; i++)
		ok = due_json(&pd->next, i, next);
	cJSON *over = ok ? cJSON_AddArrayToObject(dl, "overdue") : NULL;
	ok = over != NULL;
	for (size_t i = 0; ok && i < pd->nkeep; i++)
		ok = due_json(&pd->overdue, pd->keep[i], over);
	return ok && json_num(dl, "overdue_total", (double)pd->overdue_total) &&
	       json_num(dl, "unresolved", (double)pd->n.unresolved);
}

/* One pillar's summary as an object of arr. */
static bool summary_json(const pdx_pillar_summary *s, const pillar_dues *pd,
			 const pdx_pillar_terms *terms, cJSON *arr)
{
	cJSON *o = array_object(arr);
	cJSON *name = o && json_num(o, "pillar", s->pillar) ?
		cJSON_AddObjectToObject(o, "name") : NULL;
	return name && json_str(name, "en", pillar_name(terms, s->pillar, "en")) &&
	       json_str(name, "zh", pillar_name(terms, s->pillar, "zh")) &&
	       records_json(s, o) && sections_json(s, o) && agencies_json(s, o) &&
	       documents_json(s, o) && deadlines_json(pd, o) && tracking_json(pd, o);
}

static void summary_text(pdx_db *db, const pdx_pillar_summary *s, const pillar_dues *pd,
			 const pdx_pillar_terms *terms)
{
	printf("Pillar %d: %s (%s)\n", s->pillar, pillar_name(terms, s->pillar, "en"),
	       pillar_name(terms, s->pillar, "zh"));
	printf("  records: %d (structure %d, inferred %d)\n", s->total, s->structure,
	       s->inferred);
	for (size_t i = 0; i < s->nkinds; i++)
		printf("    %-20s %d\n", s->kinds[i].name, s->kinds[i].count);
	if (s->nsections)
		printf("  sections of the plan (records, linked):\n");
	for (size_t i = 0; i < s->nsections; i++)
		printf("    %-10s %s (%d, %d)\n", s->sections[i].key ? s->sections[i].key : "",
		       s->sections[i].section, s->sections[i].records, s->sections[i].linked);
	for (int role = 0; role < 2; role++) {
		const pdx_agency_count *v = role ? s->support : s->lead;
		size_t n = role ? s->nsupport : s->nlead;
		if (!n)
			continue;
		printf("  %s:", role ? "support" : "lead");
		for (size_t i = 0; i < n; i++)
			printf("%s %s %d", i ? "," : "", agency_label(db, v[i].id, v[i].acronym),
			       v[i].count);
		printf("\n");
	}
	if (s->ndocs > SUMMARY_DOCS)
		printf("  implemented by (the %d of %zu with most records):\n", SUMMARY_DOCS,
		       s->ndocs);
	else if (s->ndocs)
		printf("  implemented by:\n");
	for (size_t i = 0; i < s->ndocs && i < SUMMARY_DOCS; i++)
	{
		printf("    %4d  %s", s->docs[i].records, s->docs[i].path);
		if (s->docs[i].part)
			printf(" (part %d)", s->docs[i].part);
		printf("  %s\n", s->docs[i].title ? s->docs[i].title : "");
	}
	printf("  deadlines: %zu upcoming shown, %ld overdue%s, %ld unresolved\n", pd->next.n,
	       pd->overdue_total, pd->overdue_total > (long)pd->nkeep ? " (the latest shown)" : "",
	       pd->n.unresolved);
	for (size_t i = 0; i < pd->next.n; i++)
		printf("    next    %-10.10s %-8s %s\n", pd->next.v[i].t.value, time_kind_name(pd->next.v[i].t.kind),
		       pd->next.hits.v[i].key);
	for (size_t k = 0; k < pd->nkeep; k++) {
		size_t i = pd->keep[k];
		printf("    overdue %-10.10s %-8s %s\n", pd->overdue.v[i].t.value,
		       time_kind_name(pd->overdue.v[i].t.kind), pd->overdue.hits.v[i].key);
	}
}

/* summary's options; returns OPTIONS_OK or the exit status. */
static int summary_options(int argc, char **argv, int *pillar, agency_opt *ag,
			   const char **as_of, pdx_format *fmt, const char **dbpath)
{
	int c, status;
	optind = 0;
	while ((c = getopt_long(argc, argv, "p:a:f:d:h", summary_opts, NULL)) != -1) {
		switch (c) {
		case 'p': {
			int was = *pillar;
			if (take_pillar(pillar, optarg))
				return EXIT_USAGE;
			if (was && was != *pillar) {
				fprintf(stderr, PROG ": --pillar given twice (%d, %d); give it once\n",
					was, *pillar);
				return EXIT_USAGE;
			}
			break;
		}
		case 'a':
			if (agency_opt_add(ag, optarg))
				return EXIT_USAGE;
			break;
		case 'A':
			if (take_once(as_of, "--as-of", optarg))
				return EXIT_USAGE;
			break;
		default:
			status = common_option(c, summary_usage, summary_formats, fmt, dbpath);
			if (status != OPTIONS_OK)
				return status;
			break;
		}
	}
	if (optind != argc) {
		fputs(summary_usage, stderr);
		return EXIT_USAGE;
	}
	if (*as_of && take_date(*as_of, NULL))
		return EXIT_USAGE;
	return OPTIONS_OK;
}

/* What summary's JSON echoes of the query. */
typedef struct {
	const char *as_of, *agency;
} summary_echo;

static int echo_summary(cJSON *root, const void *arg)
{
	const summary_echo *e = arg;
	if (!json_str(root, "as_of", e->as_of))
		return -1;
	/* null without -a: absent values are null */
	return json_str(root, "agency", e->agency) ? 0 : -1;
}

/* Each pillar asked for (pillar, or 0: all three), as JSON objects of
 * arr or, arr NULL, as text. Returns 0, or -1 (message printed). */
static int summarize(pdx_db *db, int pillar, const char *agency, const char *as_of,
		     const pdx_pillar_terms *terms, cJSON *arr, long *records)
{
	int first = pillar ? pillar : 1, last = pillar ? pillar : 3, rc = 0;
	/* every requirement's status as of the day, read once for the pillars */
	dl_track track = { 0 };
	pillar_split split = { 0 };
	if (dl_track_load(db, as_of, track_zone("America/New_York"), &track) ||
	    (!agency && split_by_pillar(&track, &split))) {
		fprintf(stderr, PROG ": %s\n", track.reqs.n ? "out of memory" : db_errmsg(db));
		dl_track_free(&track);
		split_free(&split);
		return -1;
	}
	for (int p = first; !rc && p <= last; p++) {
		pdx_pillar_summary s;
		pillar_dues pd = { 0 };
		if (db_pillar_summary(db, p, agency, &s)) {
			fprintf(stderr, PROG ": %s\n", db_errmsg(db));
			rc = -1;
		} else if (load_dues(db, p, agency, as_of, &track, &split, &pd)) {
			rc = -1;
		} else {
			*records += s.total;
			if (arr && !summary_json(&s, &pd, terms, arr)) {
				fprintf(stderr, PROG ": out of memory\n");
				rc = -1;
			} else if (!arr) {
				if (p != first)
					printf("\n");
				summary_text(db, &s, &pd, terms);
			}
		}
		db_pillar_summary_clear(&s);
		dues_clear(&pd);
	}
	dl_track_free(&track);
	split_free(&split);
	return rc;
}

int cmd_summary(const char *dbpath, int argc, char **argv)
{
	pdx_format fmt = FMT_TEXT;
	int pillar = 0;
	agency_opt ag = { .single = true };
	const char *as_of = NULL, *agency = NULL;
	size_t nagency = 0;
	char today_s[11];
	pdx_db *db = NULL;
	cJSON *root = NULL, *arr = NULL;

	int status = summary_options(argc, argv, &pillar, &ag, &as_of, &fmt, &dbpath);
	if (status != OPTIONS_OK)
		return status;
	fit_terminal(fmt, true);	/* lists of agencies: wrapped, none lost */
	if (!as_of) {
		/* local time, unlike deadlines' UTC: kept as it always was */
		pdx_date_format(today(false), today_s);
		as_of = today_s;
	}
	const pdx_pillar_terms *terms = pillar_terms_builtin();
	if (!terms) {
		fprintf(stderr, PROG ": the built-in pillar term list is broken\n");
		return EXIT_RUNTIME;
	}
	status = EXIT_RUNTIME;
	if (!(db = open_db(dbpath)))
		goto out;
	status = EXIT_USAGE;
	if (agency_opt_resolve(&ag, db, &agency, &nagency))
		goto out;
	status = EXIT_RUNTIME;
	if (fmt == FMT_JSON) {
		summary_echo echo = { as_of, agency };
		json_envelope env = { .order = "ver", .results = "pillars", .echo = echo_summary,
				      .echo_arg = &echo };
		if (!(root = json_envelope_new(&env, &arr))) {
			fprintf(stderr, PROG ": out of memory\n");
			goto out;
		}
	} else {
		printf("As of %s%s%s\n\n", as_of, agency ? ", records naming " : "",
		       agency ? ag.names[0] : "");
	}
	long records = 0;
	if (summarize(db, pillar, agency, as_of, terms, arr, &records))
		goto out;
	if (root && print_json(root, true)) {
		fprintf(stderr, PROG ": out of memory\n");
		goto out;
	}
	/* nothing to show (an agency no record of a pillar names): 1 */
	status = records ? EXIT_RESULTS : EXIT_NONE;
out:
	cJSON_Delete(root);
	agency_opt_clear(&ag);
	db_close(db);
	return status;
}
