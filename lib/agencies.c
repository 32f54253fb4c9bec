/* agencies.c - placeholder until the gazetteer lands. */
#include <stdlib.h>
#include "polidex/agencies.h"
#include "polidex/util.h"
struct pdx_gazetteer { int n; };
int gazetteer_load(pdx_gazetteer **g, const char *json, size_t len, char *err, size_t errlen)
{ (void)json; (void)len; (void)err; (void)errlen; if (!*g) *g = calloc(1, sizeof **g); return *g ? PDX_OK : PDX_ENOMEM; }
int gazetteer_load_builtin(pdx_gazetteer **g, char *err, size_t errlen) { return gazetteer_load(g, "", 0, err, errlen); }
void gazetteer_free(pdx_gazetteer *g) { free(g); }
size_t gazetteer_count(const pdx_gazetteer *g) { (void)g; return 0; }
const pdx_agency *gazetteer_at(const pdx_gazetteer *g, size_t i) { (void)g; (void)i; return NULL; }
const pdx_agency *gazetteer_find(const pdx_gazetteer *g, const char *id) { (void)g; (void)id; return NULL; }
int agencies_tag_document(const pdx_gazetteer *g, pdx_doc *doc, pdx_records *recs) { (void)g; (void)doc; (void)recs; return PDX_OK; }
