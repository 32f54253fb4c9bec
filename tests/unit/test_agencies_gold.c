/* test_agencies_gold.c - score agency recognition and roles against the
 * hand annotations of the plan's Pillar I (tests/fixtures/gold). */
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "polidex/agencies.h"
#include "polidex/doc.h"
#include "pipeline.h"
#include "polidex/record.h"
#include "polidex/util.h"

#define GOLD "tests/fixtures/gold/plan_agencies.pillar-1.tsv"
#define MAXROWS 256

typedef struct {
	char *key, *lead, *support, *mentioned;
} row;

typedef struct {
	int tp, fp, fn;
} score;

/* Is id in the comma-separated list? */
static int in_csv(const char *csv, const char *id)
{
	size_t n = strlen(id);
	for (const char *p = csv; p && *p;) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == n && strncmp(p, id, n) == 0)
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

static const char *gold_of(const row *w, pdx_role role)
{
	return role == PDX_ROLE_LEAD ? w->lead : role == PDX_ROLE_SUPPORT ? w->support : w->mentioned;
}

static void score_role(const row *w, const pdx_record *r, pdx_role role, score *s)
{
	const char *gold = gold_of(w, role);
	for (size_t i = 0; i < r->nagencies; i++) {
		if (r->agencies[i].role != role)
			continue;
		if (in_csv(gold, r->agencies[i].id)) {
			s->tp++;
		} else {
			s->fp++;
			printf("# diff %s %s: extra %s\n", w->key, pdx_role_name(role), r->agencies[i].id);
		}
	}
	for (const char *p = gold; p && *p;) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		int found = 0;
		for (size_t i = 0; i < r->nagencies; i++)
			if (r->agencies[i].role == role && strlen(r->agencies[i].id) == l &&
			    strncmp(r->agencies[i].id, p, l) == 0)
				found = 1;
		if (!found) {
			s->fn++;
			printf("# diff %s %s: missing %.*s\n", w->key, pdx_role_name(role), (int)l, p);
		}
		p = e ? e + 1 : NULL;
	}
}

static double f1(const score *s, double *p, double *r)
{
	*p = s->tp + s->fp ? (double)s->tp / (s->tp + s->fp) : 1.0;
	*r = s->tp + s->fn ? (double)s->tp / (s->tp + s->fn) : 1.0;
	return *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

/* The record of doc with key, or NULL. */
static const pdx_record *find_key(const pdx_parsed *p, const char *key)
{
	for (size_t d = 0; d < p->docs.n; d++)
		for (size_t i = 0; i < p->recs[d].n; i++)
			if (strcmp(p->recs[d].v[i].key, key) == 0)
				return &p->recs[d].v[i];
	return NULL;
}

/* Score the records the whole pipeline makes of one rendering of the plan. */
static void score_file(const pdx_tagger *tg, const char *path, const row *rows, size_t nrows)
{
	static const pdx_role roles[] = { PDX_ROLE_LEAD, PDX_ROLE_SUPPORT, PDX_ROLE_MENTIONED };
	static const double target[] = { 0.97, 0.9, 0.85 };
	char err[256] = "";
	pdx_parsed p;
	int rc = pipeline_file(tg, path, &p, err, sizeof err);
	T_INT(rc, PDX_OK, "pipeline %s %s", path, err);
	size_t found = 0;
	for (size_t i = 0; rc == PDX_OK && i < nrows; i++)
		found += find_key(&p, rows[i].key) != NULL;
	T_INT(found, nrows, "%s: every gold action has its record", path);
	for (size_t k = 0; rc == PDX_OK && k < 3; k++) {
		score s = { 0 };
		pdx_record none = { 0 };
		for (size_t i = 0; i < nrows; i++) {
			const pdx_record *r = find_key(&p, rows[i].key);
			score_role(&rows[i], r ? r : &none, roles[k], &s);
		}
		double pr, re, f = f1(&s, &pr, &re);
		printf("# agencies gold %s (%s): P=%.2f R=%.2f F1=%.2f (%d/%d/%d)\n",
		       pdx_role_name(roles[k]), path, pr, re, f, s.tp, s.fp, s.fn);
		T_OK(f >= target[k], "%s F1 %.2f >= %.2f", pdx_role_name(roles[k]), f, target[k]);
	}
	pipeline_clear(&p);
}

int main(void)
{
	char *buf = NULL, err[256] = "";
	size_t len = 0, nrows = 0;
	row rows[MAXROWS];
	pdx_gazetteer *g = NULL;

	T_INT(pdx_read_file(GOLD, 1 << 22, &buf, &len), PDX_OK, "read %s", GOLD);
	T_INT(gazetteer_load_builtin(&g, err, sizeof err), PDX_OK, "builtin gazetteer loads %s", err);
	pdx_tagger *tg = NULL;
	if (g)
		T_INT(tagger_new(&tg, g), PDX_OK, "the tagger is made");
	if (!buf || !tg) {
		gazetteer_free(g);
		free(buf);
		return t_done();
	}
	char *save = NULL;
	for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[6] = { 0 };
		int nf = 0;
		for (char *p = line; nf < 6; nf++) {
			f[nf] = p;
			char *tab = strchr(p, '\t');
			if (!tab) {
				nf++;
				break;
			}
			*tab = '\0';
			p = tab + 1;
		}
		if (nf < 6 || strcmp(f[0], "key") == 0 || nrows == MAXROWS)
			continue;
		rows[nrows++] = (row){ f[0], f[2], f[3], f[4] };
	}
	T_INT(nrows, 58, "gold rows");
	/* the records as the indexer makes them, from each rendering */
	score_file(tg, "tests/fixtures/plan/americas-ai-action-plan.pillar-1.txt", rows, nrows);
	score_file(tg, "tests/fixtures/plan/americas-ai-action-plan.pillar-1.md", rows, nrows);
	score_file(tg, "tests/fixtures/plan/americas-ai-action-plan.pillar-1.html", rows, nrows);
	tagger_free(tg);
	gazetteer_free(g);
	free(buf);
	return t_done();
}
