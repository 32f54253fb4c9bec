/* fuzz_tokenizer.c - the polidex FTS5 tokenizer on arbitrary bytes (also
 * invalid UTF-8): index them in an in-memory FTS5 table, run the FTS5
 * integrity check (which re-tokenizes the content), and query the table
 * with the input as a quoted phrase and through snippet(). */
#include <stdio.h>
#include <sqlite3.h>

#include "fuzz_common.h"
#include "polidex/tokenizer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *db;
static sqlite3_stmt *ins, *del, *q;

static void die(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db) {
		if (sqlite3_open(":memory:", &db) || tokenizer_register(db) ||
		    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='polidex')",
				 NULL, NULL, NULL))
			die("setup");
		if (sqlite3_prepare_v2(db, "INSERT INTO t(rowid, x) VALUES (1, ?)", -1, &ins, NULL) ||
		    sqlite3_prepare_v2(db, "DELETE FROM t", -1, &del, NULL) ||
		    sqlite3_prepare_v2(db, "SELECT snippet(t, 0, '[', ']', '...', 8) FROM t"
				       " WHERE t MATCH '\"' || replace(?, '\"', '\"\"') || '\"'",
				       -1, &q, NULL))
			die("prepare");
	}
	if (size > 64 * 1024)
		size = 64 * 1024;
	sqlite3_bind_text(ins, 1, (const char *)data, (int)size, SQLITE_TRANSIENT);
	if (sqlite3_step(ins) != SQLITE_DONE)
		die("insert");
	sqlite3_reset(ins);
	if (sqlite3_exec(db, "INSERT INTO t(t) VALUES('integrity-check')", NULL, NULL, NULL))
		die("integrity-check");
	sqlite3_bind_text(q, 1, (const char *)data, (int)size, SQLITE_TRANSIENT);
	while (sqlite3_step(q) == SQLITE_ROW)
		;
	sqlite3_reset(q);
	if (sqlite3_step(del) != SQLITE_DONE)
		die("delete");
	sqlite3_reset(del);
	return 0;
}
