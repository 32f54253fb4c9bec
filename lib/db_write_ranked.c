/* db_write_ranked.c - storing the ranked lists (polidex/ranked.h): the SQL of
 * the indexer's post-pass that writes them. lib/db_search_ranked.c reads them. */
#include <stdio.h>
#include <stdlib.h>

#include "db_int.h"
#include "polidex/ranked.h"
#include "polidex/util.h"

struct pdx_ranked_writer {
	sqlite3_stmt *ins;
};

int db_ranked_open(pdx_db *db, pdx_ranked_writer **w)
{
	*w = NULL;
	pdx_ranked_writer *x = calloc(1, sizeof *x);
	if (!x)
		return PDX_ENOMEM;
	sqlite3 *h = db_handle(db);
	if (sqlite3_exec(h, "DELETE FROM " RANKED_TABLE, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO " RANKED_TABLE "(term, df, list) VALUES (?1, ?2, ?3)",
			       -1, &x->ins, NULL) != SQLITE_OK) {
		db_ranked_close(x);
		return PDX_ERR;
	}
	*w = x;
	return PDX_OK;
}

int db_ranked_add(pdx_ranked_writer *w, const char *term, int64_t df,
		  const unsigned char *blob, size_t len)
{
	sqlite3_reset(w->ins);
	sqlite3_bind_text(w->ins, 1, term, -1, SQLITE_STATIC);
	sqlite3_bind_int64(w->ins, 2, df);
	sqlite3_bind_blob(w->ins, 3, blob, (int)len, SQLITE_STATIC);
	int rc = sqlite3_step(w->ins) == SQLITE_DONE ? PDX_OK : PDX_ERR;
	/* the strings are the caller's: let go of them now */
	sqlite3_clear_bindings(w->ins);
	return rc;
}

void db_ranked_close(pdx_ranked_writer *w)
{
	if (!w)
		return;
	sqlite3_finalize(w->ins);
	free(w);
}

int db_ranked_stamp(pdx_db *db, int64_t nrow, int64_t ntok)
{
	char v[64];
	snprintf(v, sizeof v, "%lld %lld", (long long)nrow, (long long)ntok);
	return db_meta_set(db, RANKED_META, v);
}
