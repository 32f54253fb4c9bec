/* agencies.h - the gazetteer of federal bodies (a JSON data file read with
 * cJSON, format in docs/gazetteer.md): lookups of what a user types, and
 * the longest name at a position of a text, English and Chinese, that the
 * indexer's tagger (indexer/tag_agencies.h) recognises bodies with. */
#ifndef POLIDEX_AGENCIES_H
#define POLIDEX_AGENCIES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pdx_gazetteer pdx_gazetteer;

/* One body. Every string is owned by the gazetteer and lives as long as it. */
typedef struct {
	const char *id;		/* canonical, lowercase: "nist" */
	const char *acronym;	/* "NIST", or NULL */
	const char *name_en;	/* "National Institute of Standards and Technology" */
	const char *name_zh;	/* simplified Chinese name, or NULL */
	const char *parent;	/* parent id, or NULL */
	const char *const *aliases; /* every other name, both languages: variants,
				 * former names, titles of its head, generated
				 * "Commerce Department" forms */
	size_t naliases;
	const char *name_zh_hant; /* traditional Chinese name, or NULL */
	const char *kind;	/* "department", "agency", "eop", "council", ... */
} pdx_agency;

/* Parse gazetteer JSON (len bytes) and add its bodies to *g, creating *g
 * when NULL; a body whose id is already known is replaced. Returns PDX_OK,
 * PDX_ENOMEM, or PDX_EFORMAT with a message in err (for a syntax error the
 * line, column and byte offset cJSON stopped at). On failure *g keeps the
 * bodies it had. */
int gazetteer_load(pdx_gazetteer **g, const char *json, size_t len,
		   char *err, size_t errlen);
/* The gazetteer shipped with polidex (data/agencies.json, built in). */
/* A hash of the data files built into the library (data/agencies.json,
 * data/pillar_terms.json), as 16 hex digits into out: what an index
 * built with other data would have tagged differently. */
void pdx_builtin_data_hash(char out[17]);

int gazetteer_load_builtin(pdx_gazetteer **g, char *err, size_t errlen);
void gazetteer_free(pdx_gazetteer *g);

size_t gazetteer_count(const pdx_gazetteer *g);
const pdx_agency *gazetteer_at(const pdx_gazetteer *g, size_t i);
/* The body with canonical id exactly, or NULL. */
const pdx_agency *gazetteer_find(const pdx_gazetteer *g, const char *id);

/* Resolve what a user types: an id, acronym, English name or variant
 * (ASCII case ignored, a leading "the" ignored) or a Chinese name.
 * Returns the body or NULL. */
const pdx_agency *gazetteer_lookup(const pdx_gazetteer *g, const char *name);

/* The bodies nearest to name by edit distance over ids, acronyms and English
 * names, best first, for "did you mean" messages. Fills out[0..max) and
 * returns how many (0 when nothing is close). */
size_t gazetteer_suggest(const pdx_gazetteer *g, const char *name,
			 const pdx_agency **out, size_t max);

/* A number that tells this state of g from any other gazetteer's, or
 * from g's before its last load: each successful gazetteer_load gives a
 * new one (1, 2, ... in the process; 0 for NULL). What is derived from a
 * gazetteer's names (the tagger's patterns) can be kept by stamp. */
unsigned long gazetteer_stamp(const pdx_gazetteer *g);

/* A gazetteer name found in text. */
typedef struct {
	size_t end;		/* the byte just past it */
	size_t body;		/* its body: gazetteer_at(g, body) */
	bool ambiguous;		/* also an ordinary word ("ED", "IC", "the
				 * Army"): a body only where the context
				 * makes it one */
} pdx_name_match;

/* The longest gazetteer name starting at t[at] (at < len, the start of a
 * word or, in Chinese, of a character), read from t[at..len): ASCII case
 * ignored except in names matched in their own case (acronyms, one-word
 * names: "ED", not "Ed"); a name that ends in a letter or digit ends a
 * word. Of two readings of the same text the unambiguous wins. Returns
 * true and fills *m, false when no name starts there. Reads g only: any
 * number of threads may match at once. */
bool gazetteer_match(const pdx_gazetteer *g, const char *t, size_t len, size_t at,
		     pdx_name_match *m);

/* The short names of body i ("Commerce", "the Treasury"): a department's,
 * for the coordinated forms "the Commerce and State Departments". Sets *n
 * (0 and NULL for none); the strings live as long as g. */
const char *const *gazetteer_shorts(const pdx_gazetteer *g, size_t i, size_t *n);

/* The body whose web host (one of its domains, or a host under one)
 * serves url, or NULL. */
const pdx_agency *gazetteer_find_host(const pdx_gazetteer *g, const char *url);

#endif
