/* postpass_indexes.c - step 6 of the post-pass: a bulk build (db.h,
 * DB_BULK) left the secondary indexes out while it stored the records;
 * they are built once, now that the records are placed and linked, and
 * before the summaries, which read through them. */
#include "postpass_int.h"

int postpass_indexes(pdx_db *db, unsigned flags)
{
	if (!(flags & POSTPASS_BULK))
		return PDX_OK;
	return db_bulk_indexes(db) ? PDX_ERR : PDX_OK;
}
