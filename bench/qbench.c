/* qbench.c - query latency in process: a fixed set of searches through
 * db_search() of libpolidex.a, as polidex-query search runs them (terms
 * quoted, agencies resolved, 20 results), each run once to warm the cache
 * and then REPEAT times, timed.
 *
 *   qbench DB [REPEAT]
 *
 * Each search also runs ranking every match (pdx_search.exhaustive), the
 * way db_search answers when the impact lists cannot: its p50 is the
 * baseline, and its results must be the same records with the same
 * scores.
 *
 * Prints one line per search, "name p50_ms p95_ms hits full_p50_ms how
 * same" (how: lists, full or listing; same or DIFFERENT), then
 * "ALL p50_ms p95_ms samples" over every timed run of db_search. Exit 4
 * when any search differs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/db_int.h"
#include "polidex/db.h"
#include "polidex/util.h"

typedef struct {
	const char *name, *match, *agency, *kind, *from, *to;
	int pillar;
} search;

static const search searches[] = {
	{ "terms:data-center", "\"data\" \"center\"", NULL, NULL, NULL, NULL, 0 },
	{ "terms:open-weight", "\"open-weight\"", NULL, NULL, NULL, NULL, 0 },
	{ "terms:semiconductor", "\"semiconductor\"", NULL, NULL, NULL, NULL, 0 },
	{ "agency:DOC+export", "\"export\"", "DOC", NULL, NULL, NULL, 0 },
	{ "agency:NIST+standards", "\"standards\"", "NIST", NULL, NULL, NULL, 0 },
	{ "agency:DOE-only", NULL, "DOE", NULL, NULL, NULL, 0 },
	{ "zh:数据", "\"数据\"", NULL, NULL, NULL, NULL, 0 },
	{ "zh:抽签", "\"抽签\"", NULL, NULL, NULL, NULL, 0 },
	{ "kind+pillar:infrastructure", "\"infrastructure\"", NULL, "recommended_action", NULL, NULL, 2 },
	{ "kind+pillar-only", NULL, NULL, "recommended_action", NULL, NULL, 1 },
	{ "dates:2025-Q4", NULL, NULL, NULL, "2025-10-01", "2025-12-31", 0 },
	{ "dates+terms:report", "\"report\"", NULL, NULL, "2026-01-01", "2026-06-30", 0 },
};
#define NSEARCH (sizeof searches / sizeof *searches)

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* nearest-rank percentile of sorted v[0..n) */
static double pct(const double *v, size_t n, double p)
{
	size_t k = (size_t)(p / 100.0 * (double)n + 0.999999);
	return v[k ? k - 1 : 0];
}

/* Run q once untimed, its hits into *first, then repeat times timed,
 * the times in ms into one[] (sorted); non-zero when a run failed. */
static int timed_runs(pdx_db *db, const pdx_search *q, int repeat, double *one, pdx_hits *first,
		      char *err, size_t errlen)
{
	int status = 0;
	for (int r = -1; r < repeat; r++) {
		pdx_hits hits = { 0 };
		double t = pdx_now();
		if (db_search(db, q, r < 0 ? first : &hits, err, errlen))
			status = 3;
		t = (pdx_now() - t) * 1e3;
		db_hits_clear(&hits);
		if (r >= 0)
			one[r] = t;
	}
	qsort(one, (size_t)repeat, sizeof *one, cmp_double);
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: qbench DB [REPEAT]\n", stderr);
		return 2;
	}
	int repeat = argc > 2 ? atoi(argv[2]) : 30;
	if (repeat < 1)
		repeat = 1;
	pdx_db *db = NULL;
	char err[512];
	if (db_open(&db, argv[1], DB_READONLY, err, sizeof err)) {
		fprintf(stderr, "qbench: %s\n", err);
		return 3;
	}
	double *all = malloc(NSEARCH * (size_t)repeat * sizeof *all);
	double *one = malloc((size_t)repeat * sizeof *one);
	size_t nall = 0;
	int status = 0;
	for (size_t i = 0; all && one && i < NSEARCH; i++) {
		const search *s = &searches[i];
		char *agency = NULL;
		pdx_search q = { .match = s->match, .kind = s->kind, .pillar = s->pillar,
				 .from = s->from, .to = s->to, .limit = 20 };
		if (s->agency) {
			if (db_agency_lookup(db, s->agency, &agency) || !agency) {
				fprintf(stderr, "qbench: unknown agency '%s'\n", s->agency);
				status = 3;
				break;
			}
			q.agencies[q.nagencies++] = agency;
		}
		pdx_hits first = { 0 }, full_first = { 0 };
		if (timed_runs(db, &q, repeat, one, &first, err, sizeof err)) {
			fprintf(stderr, "qbench: %s: %s\n", s->name, err);
			status = 3;
		}
		for (int r = 0; r < repeat; r++)
			all[nall++] = one[r];
		size_t nhits = first.n;
		double p50 = pct(one, (size_t)repeat, 50), p95 = pct(one, (size_t)repeat, 95);
		/* the same search ranking every match: the baseline, and the
		 * results the impact lists must give */
		pdx_search full = q;
		full.exhaustive = true;
		if (timed_runs(db, &full, repeat, one, &full_first, err, sizeof err)) {
			fprintf(stderr, "qbench: %s (every match): %s\n", s->name, err);
			status = 3;
		}
		bool same = full_first.n == first.n;
		for (size_t k = 0; same && k < first.n; k++)
			same = full_first.v[k].id == first.v[k].id && full_first.v[k].rank == first.v[k].rank;
		db_hits_clear(&full_first);
		pdx_hits probe = { 0 };
		const char *how = !q.match ? "listing"
			: ranked_search(db, &q, &probe) == PDX_DECLINED ? "full" : "lists";
		db_hits_clear(&probe);
		db_hits_clear(&first);
		free(agency);
		if (!same)
			status = 4;
		printf("%s %.3f %.3f %zu %.3f %s %s\n", s->name, p50, p95, nhits,
		       pct(one, (size_t)repeat, 50), how, same ? "same" : "DIFFERENT");
	}
	if (all && nall) {
		qsort(all, nall, sizeof *all, cmp_double);
		printf("ALL %.3f %.3f %zu\n", pct(all, nall, 50), pct(all, nall, 95), nall);
	}
	free(all);
	free(one);
	db_close(db);
	return status;
}
