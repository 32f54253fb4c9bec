/* test_reliability.c - issue 22's indexer items that the command line
 * cannot reach deterministically: a failed build step keeps its error for
 * db_errmsg (not the "not an error" of the clean-up after it); read_whole
 * refuses what is not a regular file without waiting; walk_resolve. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "t.h"
#include "polidex/db.h"
#include "polidex/db_write.h"
#include "read.h"
#include "walk.h"

static void bulk_index_error(void)
{
	char path[] = "/tmp/test_reliability_XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return;
	close(fd);
	unlink(path);
	pdx_db *db = NULL;
	char err[256] = "";
	T_OK(db_open(&db, path, DB_BULK, err, sizeof err) == PDX_OK, "a bulk database: %s", err);
	if (!db)
		return;
	/* a table in the place of a deferred index: building it fails */
	T_OK(sqlite3_exec(db_handle(db), "CREATE TABLE actions_kind(x)", NULL, NULL, NULL) == SQLITE_OK,
	     "a table named like an index");
	T_OK(db_bulk_indexes(db) != PDX_OK, "building the indexes fails");
	T_OK(strstr(db_errmsg(db), "actions_kind") != NULL,
	     "db_errmsg says why after the clean-up ran: '%s'", db_errmsg(db));
	T_OK(db_begin(db) == PDX_OK && strcmp(db_errmsg(db), "not an error") == 0,
	     "the next transaction forgets it");
	db_rollback(db);
	db_close(db);
	unlink(path);
}

static void read_special(void)
{
	char dir[] = "/tmp/test_reliability_XXXXXX";
	if (!mkdtemp(dir))
		return;
	char fifo[64], err[256] = "";
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	char *buf = NULL;
	size_t len = 0;
	T_OK(mkfifo(fifo, 0600) == 0, "a FIFO");
	T_OK(read_whole(fifo, 1 << 20, &buf, &len, err, sizeof err) == PDX_EIO,
	     "read_whole refuses a FIFO without waiting for a writer");
	T_STR(err, "a FIFO, not a regular file", "... and says so");
	T_OK(read_whole("/dev/zero", 1 << 20, &buf, &len, err, sizeof err) == PDX_EIO,
	     "read_whole refuses /dev/zero");
	T_STR(err, "a device, not a regular file", "... and says so");
	T_OK(read_whole(dir, 1 << 20, &buf, &len, err, sizeof err) == PDX_EIO, "and a folder");
	T_STR(err, "a folder, not a regular file", "... and says so");
	unlink(fifo);
	rmdir(dir);
}

static void resolve(void)
{
	static const struct { const char *stored, *base, *want; } cases[] = {
		{ "corpus/a.txt", "/work", "/work/corpus/a.txt" },
		{ "./corpus//b/../a.txt", "/work/", "/work/corpus/a.txt" },
		{ "/abs/x.md", NULL, "/abs/x.md" },
		{ "../up.txt", "/work/sub", "/work/up.txt" },
		{ "../../../x", "/a", "/x" },
		{ "rel.txt", NULL, NULL },
		{ "rel.txt", "?", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		pdx_buf out;
		int rc = walk_resolve(cases[i].stored, cases[i].base, &out);
		T_STR(rc == PDX_OK ? out.s : NULL, cases[i].want, "walk_resolve('%s', '%s')",
		      cases[i].stored, cases[i].base ? cases[i].base : "NULL");
		pdx_buf_clear(&out);
	}
	T_OK(walk_under("/a/b/c", "/a/b") && walk_under("/a/b", "/a/b") && !walk_under("/a/bc", "/a/b") &&
	     walk_under("/x", "/"), "walk_under by whole names");
}

int main(void)
{
	bulk_index_error();
	read_special();
	resolve();
	return t_done();
}
