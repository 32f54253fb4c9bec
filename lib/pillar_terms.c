/* pillar_terms.c - the three pillars' names and the small bilingual term
 * list of data/pillar_terms.json (built in): what both programs know of
 * the pillars without the plan. The indexer's placement pass
 * (indexer/postpass_place.c) weighs records against these lists. */
#include <cJSON.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polidex/pillar.h"
#include "polidex/util.h"

extern const char pdx_pillar_terms_json[], pdx_pillar_terms_json_end[];

/* Term list ------------------------------------------------------------ */

typedef struct {
	char **v;
	size_t n;
} strv;

typedef struct {
	char *name_en, *name_zh;
	strv names;	/* the names and their aliases */
	strv terms;
} term_pillar;

struct pdx_pillar_terms {
	term_pillar p[3];
	strv overview;	/* what speaks of all three pillars */
	strv stopwords;	/* words that weigh nothing */
	strv boilerplate;	/* section headings whose records stay unplaced */
	strv outside;	/* the words of subjects the plan leaves alone */
	strv subject;	/* the plan's own subject: a document naming none is outside it */
};

static void strv_clear(strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

static int strv_add(strv *s, const char *str)
{
	char **v = realloc(s->v, (s->n + 1) * sizeof *v);
	if (!v)
		return PDX_ENOMEM;
	s->v = v;
	if (!(v[s->n] = pdx_strdup(str)))
		return PDX_ENOMEM;
	s->n++;
	return PDX_OK;
}

/* Append the strings of JSON array a (absent: nothing) to s. */
static int strv_json(strv *s, const cJSON *a)
{
	const cJSON *e;
	if (a && !cJSON_IsArray(a))
		return PDX_EFORMAT;
	cJSON_ArrayForEach(e, a) {
		if (!cJSON_IsString(e))
			return PDX_EFORMAT;
		if (strv_add(s, e->valuestring))
			return PDX_ENOMEM;
	}
	return PDX_OK;
}

void pillar_terms_free(pdx_pillar_terms *t)
{
	if (!t)
		return;
	for (int i = 0; i < 3; i++) {
		free(t->p[i].name_en);
		free(t->p[i].name_zh);
		strv_clear(&t->p[i].names);
		strv_clear(&t->p[i].terms);
	}
	strv_clear(&t->overview);
	strv_clear(&t->stopwords);
	strv_clear(&t->boilerplate);
	strv_clear(&t->outside);
	strv_clear(&t->subject);
	free(t);
}

int pillar_terms_load(pdx_pillar_terms **out, const char *json, size_t len,
		      char *err, size_t errlen)
{
	*out = NULL;
	cJSON *root = cJSON_ParseWithLength(json, len);
	if (!root) {
		snprintf(err, errlen, "not JSON");
		return PDX_EFORMAT;
	}
	pdx_pillar_terms *t = calloc(1, sizeof *t);
	int rc = t ? PDX_OK : PDX_ENOMEM;
	const cJSON *pillars = cJSON_GetObjectItemCaseSensitive(root, "pillars");
	const cJSON *p;
	if (rc == PDX_OK && !cJSON_IsArray(pillars)) {
		snprintf(err, errlen, "no \"pillars\" array");
		rc = PDX_EFORMAT;
	}
	if (rc == PDX_OK) {
		cJSON_ArrayForEach(p, pillars) {
			const cJSON *num = cJSON_GetObjectItemCaseSensitive(p, "pillar");
			const cJSON *name = cJSON_GetObjectItemCaseSensitive(p, "name");
			const char *en = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(name, "en"));
			const char *zh = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(name, "zh"));
			int n = cJSON_IsNumber(num) ? num->valueint : 0;
			if (n < 1 || n > 3 || !en || !zh) {
				snprintf(err, errlen, "a pillar needs \"pillar\" 1-3 and names \"en\" and \"zh\"");
				rc = PDX_EFORMAT;
				break;
			}
			term_pillar *q = &t->p[n - 1];
			if (!(q->name_en = pdx_strdup(en)) || !(q->name_zh = pdx_strdup(zh)) ||
			    strv_add(&q->names, en) || strv_add(&q->names, zh))
				rc = PDX_ENOMEM;
			if (rc == PDX_OK)
				rc = strv_json(&q->names, cJSON_GetObjectItemCaseSensitive(p, "aliases"));
			if (rc == PDX_OK)
				rc = strv_json(&q->terms, cJSON_GetObjectItemCaseSensitive(p, "terms"));
			if (rc == PDX_EFORMAT)
				snprintf(err, errlen, "pillar %d: \"aliases\" and \"terms\" are arrays of strings", n);
			if (rc)
				break;
		}
	}
	if (rc == PDX_OK && (rc = strv_json(&t->overview,
					    cJSON_GetObjectItemCaseSensitive(root, "overview"))) == PDX_EFORMAT)
		snprintf(err, errlen, "\"overview\" is an array of strings");
	if (rc == PDX_OK && (rc = strv_json(&t->stopwords,
					    cJSON_GetObjectItemCaseSensitive(root, "stopwords"))) == PDX_EFORMAT)
		snprintf(err, errlen, "\"stopwords\" is an array of strings");
	if (rc == PDX_OK && (rc = strv_json(&t->boilerplate,
					    cJSON_GetObjectItemCaseSensitive(root, "boilerplate_sections"))) == PDX_EFORMAT)
		snprintf(err, errlen, "\"boilerplate_sections\" is an array of strings");
	if (rc == PDX_OK && (rc = strv_json(&t->outside,
					    cJSON_GetObjectItemCaseSensitive(root, "outside"))) == PDX_EFORMAT)
		snprintf(err, errlen, "\"outside\" is an array of strings");
	if (rc == PDX_OK && (rc = strv_json(&t->subject,
					    cJSON_GetObjectItemCaseSensitive(root, "subject"))) == PDX_EFORMAT)
		snprintf(err, errlen, "\"subject\" is an array of strings");
	for (int i = 0; rc == PDX_OK && i < 3; i++) {
		if (!t->p[i].name_en) {
			snprintf(err, errlen, "pillar %d is missing", i + 1);
			rc = PDX_EFORMAT;
		}
	}
	if (rc == PDX_ENOMEM)
		snprintf(err, errlen, "out of memory");
	cJSON_Delete(root);
	if (rc) {
		pillar_terms_free(t);
		return rc;
	}
	*out = t;
	return PDX_OK;
}

static pdx_pillar_terms *builtin;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_load(void)
{
	char err[256];
	pillar_terms_load(&builtin, pdx_pillar_terms_json,
			  (size_t)(pdx_pillar_terms_json_end - pdx_pillar_terms_json),
			  err, sizeof err);
}

/* Loaded on first use, once whatever the threads (segmentation asks from
 * the indexer's parsing threads). */
const pdx_pillar_terms *pillar_terms_builtin(void)
{
	pthread_once(&builtin_once, builtin_load);
	return builtin;
}

const char *pillar_name(const pdx_pillar_terms *t, int pillar, const char *lang)
{
	if (!t || pillar < 1 || pillar > 3)
		return NULL;
	return lang && strcmp(lang, "zh") == 0 ? t->p[pillar - 1].name_zh
					       : t->p[pillar - 1].name_en;
}

/* Does hay contain needle, ASCII letters compared without case? */
static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!n)
		return false;
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i]) {
			char a = hay[i], b = needle[i];
			if (a >= 'A' && a <= 'Z')
				a += 32;
			if (b >= 'A' && b <= 'Z')
				b += 32;
			if (a != b)
				break;
			i++;
		}
		if (i == n)
			return true;
	}
	return false;
}

int pillar_heading_names(const pdx_pillar_terms *t, const char *heading)
{
	if (!t || !heading)
		return 0;
	for (size_t i = 0; i < t->overview.n; i++)
		if (contains(heading, t->overview.v[i]))
			return 0;
	int best = 0, best_n = 0, tie = 0;
	for (int p = 0; p < 3; p++) {
		int n = 0;
		for (size_t i = 0; i < t->p[p].names.n; i++)
			n += contains(heading, t->p[p].names.v[i]) ? 2 : 0;
		for (size_t i = 0; i < t->p[p].terms.n; i++)
			n += contains(heading, t->p[p].terms.v[i]);
		if (n > best_n) {
			best = p + 1;
			best_n = n;
			tie = 0;
		} else if (n && n == best_n) {
			tie = 1;
		}
	}
	return tie ? 0 : best;
}

bool pillar_terms_boilerplate(const pdx_pillar_terms *t, const char *section)
{
	for (size_t i = 0; section && t && i < t->boilerplate.n; i++)
		if (strcmp(section, t->boilerplate.v[i]) == 0)
			return true;
	return false;
}

const char *const *pillar_terms_list(const pdx_pillar_terms *t, int pillar, size_t *n)
{
	const strv *l = pillar == PDX_PILLAR_SUBJECT ? &t->subject : pillar == PDX_PILLAR_OUTSIDE ? &t->outside :
			pillar ? &t->p[pillar - 1].terms : &t->stopwords;
	*n = l->n;
	return (const char *const *)l->v;
}
