/* agencies.h - the gazetteer of federal bodies (a JSON data file read with
 * cJSON, format in docs/gazetteer.md) and their recognition in record text,
 * English and Chinese, with roles (lead, support, mentioned). */
#ifndef POLIDEX_AGENCIES_H
#define POLIDEX_AGENCIES_H

#include <stddef.h>
#include "polidex/doc.h"
#include "polidex/record.h"

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

/* Tag every record of doc with the bodies its text names and their roles
 * (one per body, the strongest), and set doc->issuer where it can.
 * Acronyms the document defines ("Economic Diplomacy Action Group (EDAG)")
 * are recognised in all its records. Returns PDX_OK or PDX_ENOMEM. */
int agencies_tag_document(const pdx_gazetteer *g, pdx_doc *doc,
			  pdx_records *recs);

#endif
