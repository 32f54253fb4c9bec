/* agencies.h - the gazetteer of federal bodies (a JSON data file read with
 * cJSON) and their recognition in record text, with roles. */
#ifndef POLIDEX_AGENCIES_H
#define POLIDEX_AGENCIES_H

#include <stddef.h>
#include "polidex/doc.h"
#include "polidex/record.h"

typedef struct pdx_gazetteer pdx_gazetteer;

typedef struct {
	const char *id;		/* canonical, lowercase: "nist" */
	const char *acronym;	/* "NIST", or NULL */
	const char *name_en;	/* "National Institute of Standards and Technology" */
	const char *name_zh;	/* simplified Chinese name, or NULL */
	const char *parent;	/* parent id, or NULL */
	const char *const *aliases; /* every other name, both languages */
	size_t naliases;
} pdx_agency;

/* Parse gazetteer JSON (len bytes) and add its bodies to *g, creating *g
 * when NULL; a body whose id is already known is replaced. Returns PDX_OK,
 * or PDX_EFORMAT with a message in err. */
int gazetteer_load(pdx_gazetteer **g, const char *json, size_t len,
		   char *err, size_t errlen);
/* The gazetteer shipped with polidex (data/agencies.json, built in). */
int gazetteer_load_builtin(pdx_gazetteer **g, char *err, size_t errlen);
void gazetteer_free(pdx_gazetteer *g);

size_t gazetteer_count(const pdx_gazetteer *g);
const pdx_agency *gazetteer_at(const pdx_gazetteer *g, size_t i);
const pdx_agency *gazetteer_find(const pdx_gazetteer *g, const char *id);

/* Tag every record of doc with the bodies its text names and their roles
 * (one per body, the strongest), and set doc->issuer where it can. */
int agencies_tag_document(const pdx_gazetteer *g, pdx_doc *doc,
			  pdx_records *recs);

#endif
