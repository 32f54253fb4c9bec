/* bulk.h - a first run's database, built whole beside its path.
 *
 * A first run (no database at the path yet) builds the database in a
 * file of its own, DB.building next to it, and renames it into place
 * once it is whole: until then there is no database to read, and a run
 * that fails or is interrupted leaves none. */
#ifndef POLIDEX_BULK_H
#define POLIDEX_BULK_H

#include <stdbool.h>
#include <stddef.h>
#include "polidex/db.h"

/* Open a new database in dbpath.building (DB_BULK), held with flock() so
 * that a second first run on the same path stops instead of replacing it;
 * a file left by a killed run is started anew. Until bulk_close, SIGINT,
 * SIGTERM and SIGHUP remove the file. Returns PDX_OK with *db open, or an
 * error with a message in err and nothing left behind. */
int bulk_open(pdx_db **db, const char *dbpath, char *err, size_t errlen);

/* keep: seal the database, sync it and rename it to dbpath; otherwise drop
 * it. Closes *db (set to NULL) and lets the file go either way. Returns
 * PDX_OK, or PDX_ERR with a message in err (the file is dropped). */
int bulk_close(pdx_db **db, const char *dbpath, bool keep, char *err, size_t errlen);

#endif
