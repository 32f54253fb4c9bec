/* placeholder */
#include "polidex/read.h"
#include "polidex/util.h"
#include <stdio.h>
int read_html(const char *buf, size_t len, pdx_doc *doc, char *err, size_t errlen)
{ (void)buf; (void)len; (void)doc; snprintf(err, errlen, "not implemented"); return PDX_EFORMAT; }
