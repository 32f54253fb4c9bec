/* bulk.c - a first run's database, built whole in DB.building.
 *
 * Nothing can read that file while it is built, so it goes without a
 * journal or syncs, in one transaction, and with its secondary indexes
 * built after the rows (db.h, DB_BULK); db_bulk_seal then packs it into
 * DB.building-packed, which is synced and renamed to DB. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulk.h"
#include "polidex/db_write.h"
#include "polidex/util.h"

/* DB.building and its -wal, -shm, -journal, then DB.building-packed (the packed
 * copy db_bulk_seal writes, which becomes DB) and its own: static, as the
 * signal handler removes them. */
enum { BULK_NAMES = 8, PACKED = 4 };
static char *bulk_names[BULK_NAMES];
/* DB.building, held with flock() for the whole run: a second first run on
 * the same path finds it taken and stops, instead of replacing the file
 * the first is writing */
static int bulk_lock = -1;

/* The signals whose handler removes DB.building, and what they did
 * before: an ignored one (nohup, a shell's trap '' HUP) stays ignored. */
static const int bulk_sigs[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIGS (sizeof bulk_sigs / sizeof *bulk_sigs)
static struct sigaction bulk_old[NSIGS];
static bool bulk_caught[NSIGS];

static void bulk_unlink(void)
{
	for (int i = 0; i < BULK_NAMES; i++)
		if (bulk_names[i])
			unlink(bulk_names[i]);
}

static void bulk_signal(int sig)
{
	bulk_unlink();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Let DB.building go (the lock) and forget its names. */
static void bulk_release(void)
{
	if (bulk_lock >= 0)
		close(bulk_lock);
	bulk_lock = -1;
	for (int i = 0; i < BULK_NAMES; i++) {
		free(bulk_names[i]);
		bulk_names[i] = NULL;
	}
}

int bulk_open(pdx_db **db, const char *dbpath, char *err, size_t errlen)
{
	static const char *const sfx[BULK_NAMES] = {
		".building", ".building-wal", ".building-shm", ".building-journal",
		".building-packed", ".building-packed-wal", ".building-packed-shm",
		".building-packed-journal" };
	for (int i = 0; i < BULK_NAMES; i++) {
		size_t n = strlen(dbpath) + strlen(sfx[i]) + 1;
		if (!(bulk_names[i] = malloc(n))) {
			snprintf(err, errlen, "out of memory");
			bulk_release();
			return PDX_ENOMEM;
		}
		snprintf(bulk_names[i], n, "%s%s", dbpath, sfx[i]);
	}
	bulk_lock = open(bulk_names[0], O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	/* a file system without flock() builds unguarded */
	bool mine = bulk_lock >= 0 &&
		    (flock(bulk_lock, LOCK_EX | LOCK_NB) == 0 || errno != EWOULDBLOCK);
	if (!mine) {
		snprintf(err, errlen, errno == EWOULDBLOCK ? "another run is building it in '%s'"
			 : "cannot create '%s': %s", bulk_names[0], strerror(errno));
		bulk_release();
		return PDX_ERR;
	}
	/* a file left by a killed run: start it anew */
	for (int i = 1; i < BULK_NAMES; i++)
		unlink(bulk_names[i]);
	if (ftruncate(bulk_lock, 0) != 0) {
		snprintf(err, errlen, "cannot empty '%s': %s", bulk_names[0], strerror(errno));
		bulk_close(db, dbpath, false, NULL, 0);
		return PDX_ERR;
	}
	for (size_t i = 0; i < NSIGS; i++) {	/* bulk_close puts them back */
		struct sigaction sa;
		if (sigaction(bulk_sigs[i], NULL, &bulk_old[i]) != 0 ||
		    bulk_old[i].sa_handler == SIG_IGN)
			continue;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = bulk_signal;
		sigemptyset(&sa.sa_mask);
		bulk_caught[i] = sigaction(bulk_sigs[i], &sa, NULL) == 0;
	}
	int rc = db_open(db, bulk_names[0], DB_BULK, err, errlen);
	if (rc)
		bulk_close(db, dbpath, false, NULL, 0);
	return rc;
}

/* Sync the database built (its packed copy) and rename it to dbpath,
 * then sync the folder's entry. Returns PDX_OK, or PDX_ERR with a message
 * in err. */
static int put_in_place(const char *dbpath, char *err, size_t errlen)
{
	/* the file's data, the rename, then the folder's entry */
	const char *what = "sync";
	int fd = open(bulk_names[PACKED], O_RDONLY);
	bool ok = fd >= 0 && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	struct stat st;
	if (ok && (stat(dbpath, &st) == 0 || errno != ENOENT)) {
		what = "rename (the path exists now)";
		ok = false;
		errno = EEXIST;
	} else if (ok) {
		/* a journal left by a database since deleted must not be
		 * replayed into this one */
		char *side = malloc(strlen(dbpath) + 5);
		for (int i = 0; side && i < 2; i++) {
			sprintf(side, "%s%s", dbpath, i ? "-shm" : "-wal");
			unlink(side);
		}
		free(side);
		what = "rename";
		ok = rename(bulk_names[PACKED], dbpath) == 0;
	}
	if (!ok) {
		snprintf(err, errlen, "cannot store database '%s' (%s of '%s'): %s", dbpath,
			 what, bulk_names[PACKED], strerror(errno));
		return PDX_ERR;
	}
	char *dir = pdx_strdup(dbpath), *slash = dir ? strrchr(dir, '/') : NULL;
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	fd = open(slash ? dir : ".", O_RDONLY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
	return PDX_OK;
}

int bulk_close(pdx_db **db, const char *dbpath, bool keep, char *err, size_t errlen)
{
	int rc = PDX_OK;
	if (keep && db_bulk_seal(*db, bulk_names[PACKED])) {
		snprintf(err, errlen, "cannot store database '%s': %s", dbpath, db_errmsg(*db));
		keep = false;
		rc = PDX_ERR;
	}
	db_close(*db);
	*db = NULL;
	if (keep)
		rc = put_in_place(dbpath, err, errlen);
	bulk_unlink();
	for (size_t i = 0; i < NSIGS; i++)
		if (bulk_caught[i])
			sigaction(bulk_sigs[i], &bulk_old[i], NULL);
	memset(bulk_caught, 0, sizeof bulk_caught);
	bulk_release();
	return rc;
}
