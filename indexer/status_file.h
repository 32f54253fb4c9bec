/* status_file.h - the analyst's status file (polidex-index --status). */
#ifndef POLIDEX_STATUS_FILE_H
#define POLIDEX_STATUS_FILE_H

#include "polidex/db.h"

/* Read the TSV file at path (a header line naming the columns key,
 * status, date, evidence, note) into the database's manual statuses, in
 * one transaction. Each line it cannot use is said on stderr with its
 * line number and left out; *applied and *bad count the lines. Returns
 * PDX_OK, PDX_EIO (the file cannot be read, or has no usable header:
 * said), or PDX_ERR (the database: said). */
int status_file_load(pdx_db *db, const char *prog, const char *path, int *applied, int *bad);

#endif
