/* polidex-index - index policy documents into a polidex database. */
#include <cJSON.h>
#include <errno.h>
#include <getopt.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "polidex/agencies.h"
#include "polidex/containers.h"
#include "polidex/db.h"
#include "polidex/db_write.h"
#include "polidex/ranked.h"
#include "polidex/safe_out.h"
#include "polidex/pillar.h"
#include "postpass.h"
#include "pipeline.h"
#include "tag_timeline.h"
#include "read.h"
#include "bulk.h"
#include "status_file.h"
#include "walk.h"
#include "paths.h"
#include "polidex/track.h"
#include "polidex/util.h"
#include "run.h"
#include "options.h"
#include "prune.h"
#include "dump.h"

/* Bumped whenever reading, segmentation or tagging changes what a file
 * yields: a database indexed by another version is re-indexed whole (the
 * built-in data files count by their hash, see pdx_builtin_data_hash). */
#define PDX_INDEXER_REVISION "17"


/* 64-bit FNV-1a of the content: detects a changed file; not a
 * cryptographic hash, and need not be. */
static void content_hash(const char *buf, size_t len, char out[17])
{
	uint64_t h = pdx_fnv1a(PDX_FNV_OFFSET, buf, len);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* Print "polidex-index: MESSAGE" on stderr, the message's bytes that are
 * not valid UTF-8 and its control characters written \xNN: a file name
 * cannot garble the terminal, and its odd bytes show. */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char buf[8192];
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	size_t n = len < 0 ? 0 : (size_t)len < sizeof buf ? (size_t)len : sizeof buf - 1;
	fputs(PROG ": ", stderr);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)buf[i];
		int adv = 1;
		uint32_t cp = c < 0x80 ? c : pdx_utf8_decode(buf + i, n - i, &adv);
		bool bad = cp == 0xFFFD && adv == 1;	/* not UTF-8 */
		if (c < 0x20 || c == 0x7F || bad || (cp >= 0x80 && cp < 0xA0)) {
			for (int k = 0; k < (bad ? 1 : adv); k++)
				fprintf(stderr, "\\x%02X", (unsigned char)buf[i + (size_t)k]);
		} else {
			fwrite(buf + i, 1, (size_t)adv, stderr);
		}
		i += adv > 0 ? (size_t)adv : 1;
	}
	fputc('\n', stderr);
}

static void progress(run_t *run, size_t i, size_t n, const char *path)
{
	if (!run->progress)
		return;
	fprintf(stderr, "\r\033[K%zu/%zu %.60s", i + 1, n, path);
	if (i + 1 == n)
		fputs("\r\033[K", stderr);
}

/* Files are stored in batches: one transaction holds the files of about
 * BATCH_SECONDS or BATCH_BYTES, each file whole, so the database always
 * holds every document of a file or none of it. A commit costs FTS5 a
 * segment flush; one per file made indexing 2-3x slower than one per
 * batch (bench/RESULTS.md). An interrupted run loses its last batch,
 * which the next run indexes, as the files' hashes are not stored. */
#define BATCH_SECONDS 1.0
#define BATCH_BYTES ((size_t)32 << 20)

/* Close the open batch: its files count as indexed when it committed,
 * and are forgotten when it was rolled back. */
static void batch_end(run_t *run, bool committed)
{
	if (committed) {
		run->indexed += run->batch.files;
		run->documents += run->batch.documents;
		run->records += run->batch.records;
	}
	memset(&run->batch, 0, sizeof run->batch);
}

/* Commit the open batch; its files count as indexed from then on. */
static int batch_commit(run_t *run)
{
	if (!run->batch.open)
		return PDX_OK;
	if (db_commit(run->db)) {
		fprintf(stderr, PROG ": cannot store the last %d file%s: %s\n", run->batch.files,
			run->batch.files == 1 ? "" : "s", db_errmsg(run->db));
		db_rollback(run->db);
		batch_end(run, false);
		return PDX_ERR;
	}
	batch_end(run, true);
	return PDX_OK;
}

/* Keep BASE_META in step with a relative path stored by this run, in
 * the open batch. */
static int note_base(run_t *run)
{
	char *old = NULL;
	if (db_meta_get(run->db, BASE_META, &old) != PDX_OK)
		return PDX_ERR;
	const char *want = NULL;
	bool legacy = false;
	if (!old && find_legacy(run, &legacy)) {
		free(old);
		return PDX_ERR;
	}
	if (!run->cwd)
		want = "?";
	else if (!old)
		want = legacy ? "?" : run->cwd;
	else if (strcmp(old, run->cwd) != 0 && strcmp(old, "?") != 0)
		want = "?";
	free(old);
	return want ? db_meta_set(run->db, BASE_META, want) : PDX_OK;
}

/* Store one file's documents in the open batch. On an error the whole
 * batch is rolled back: the database keeps its last committed state. */
static int store(run_t *run, const char *path, const char *hash, const pdx_parsed *p,
		 size_t bytes, size_t nrec)
{
	if (!run->batch.open) {
		if (db_begin(run->db)) {
			snprintf(run->store_err, sizeof run->store_err, "%s", db_errmsg(run->db));
			return PDX_ERR;
		}
		run->batch.open = true;
		run->batch.start = pdx_now();
	}
	int old;
	int rc = PDX_OK;
	if (!run->batch.based && path[0] != '/') {
		rc = note_base(run);
		run->batch.based = true;
	}
	if (rc == PDX_OK)
		rc = db_delete_path(run->db, path, &old);
	for (size_t i = 0; rc == PDX_OK && i < p->docs.n; i++) {
		int64_t id;
		/* stored under its identity, not as the command line spelt it */
		if (strcmp(p->docs.docs[i]->path, path) != 0)
			rc = doc_set(&p->docs.docs[i]->path, path);
		if (rc != PDX_OK)
			break;
		rc = db_insert_document(run->db, p->docs.docs[i], hash, &id);
		if (rc == PDX_OK)
			rc = db_insert_records(run->db, id, &p->recs[i], run->gaz);
	}
	if (rc != PDX_OK) {
		snprintf(run->store_err, sizeof run->store_err, "%s",
			 rc == PDX_ENOMEM ? "out of memory" : db_errmsg(run->db));
		db_rollback(run->db);
		batch_end(run, false);
		return PDX_ERR;
	}
	run->batch.files++;
	run->batch.documents += (int)p->docs.n;
	run->batch.records += (int)nrec;
	run->batch.bytes += bytes;
	if (!run->bulk && (run->batch.bytes >= BATCH_BYTES || pdx_now() - run->batch.start >= BATCH_SECONDS))
		return batch_commit(run);
	return PDX_OK;
}

/* One file on its way through: read and checked by the main thread,
 * parsed by a worker (or the main thread), then stored by the main thread
 * in the order of the paths, so the database and the messages do not
 * depend on which thread was faster. */
typedef struct {
	const char *path;	/* as the walk found it: read, and named in messages */
	const char *stored;	/* its identity in the database */
	enum { IT_SKIPPED, IT_UNCHANGED, IT_PARSE, IT_IGNORED } what;
	char *buf;
	size_t len;
	char hash[17];
	pdx_parsed p;
	pdx_buf words;	/* bulk: its records' words (pillar_words) */
	int rc;
	bool done;
	char err[512];
} item_t;

/* Is path the database itself or one of the files SQLite keeps beside it
 * (its journal, write-ahead log and shared memory, and the file a first
 * run builds)? Those are left out by name too: the shared memory file
 * has no header to know it by. */
static bool own_file(const run_t *run, const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal", ".building",
		".building-wal", ".building-shm", ".building-journal", ".building-packed",
		".building-packed-wal", ".building-packed-shm", ".building-packed-journal", NULL };
	char *rf = run->db_file ? pdx_path_resolve(path) : NULL;
	size_t n = run->db_file ? strlen(run->db_file) : 0;
	bool own = false;
	for (int i = 0; rf && !own && suffixes[i]; i++)
		own = strncmp(rf, run->db_file, n) == 0 && strcmp(rf + n, suffixes[i]) == 0;
	free(rf);
	return own;
}

/* Read path and decide: unreadable (skipped, err says why), unchanged,
 * a database (ignored), or to parse. */
static void prepare(run_t *run, item_t *it, const char *path, bool link, const char *stored)
{
	memset(it, 0, sizeof *it);
	it->path = path;
	it->stored = stored ? stored : path;
	it->what = IT_SKIPPED;
	if (own_file(run, path)) {
		it->what = IT_IGNORED;
		return;
	}
	char why[256];
	/* a file the walk found as a file is not read through a link put
	 * in its place since */
	if ((link ? read_whole : read_whole_nofollow)(path, PDX_MAX_FILE, &it->buf, &it->len, why,
						      sizeof why)) {
		snprintf(it->err, sizeof it->err, "cannot read '%s': %s", path, why);
		return;
	}
	/* a database (SQLite's header, or a write-ahead log's) is never a
	 * document: left out without a word, whatever its name */
	if ((it->len >= 16 && memcmp(it->buf, "SQLite format 3", 16) == 0) ||
	    (it->len >= 32 && (memcmp(it->buf, "\x37\x7f\x06\x82", 4) == 0 ||
			       memcmp(it->buf, "\x37\x7f\x06\x83", 4) == 0))) {
		free(it->buf);
		it->buf = NULL;
		it->len = 0;
		it->what = IT_IGNORED;
		return;
	}
	content_hash(it->buf, it->len, it->hash);
	if (!run->dump && !run->force) {
		char *old = NULL;
		bool same = db_doc_hash(run->db, it->stored, &old) == PDX_OK && old &&
			    strcmp(old, it->hash) == 0;
		free(old);
		if (same) {
			it->what = IT_UNCHANGED;
			free(it->buf);
			it->buf = NULL;
			return;
		}
	}
	it->what = IT_PARSE;
}

/* Any thread: parse the file read; with wc (a bulk build), list its
 * records' words for the post-pass's document frequencies. */
static void parse(const pdx_tagger *tg, pdx_words_ctx *wc, item_t *it)
{
	it->rc = pipeline_buffer(tg, it->path, it->buf, it->len, &it->p, it->err, sizeof it->err);
	free(it->buf);
	it->buf = NULL;
	for (size_t i = 0; wc && it->rc == PDX_OK && i < it->p.docs.n; i++) {
		for (size_t k = 0; it->rc == PDX_OK && k < it->p.recs[i].n; k++) {
			const pdx_record *r = &it->p.recs[i].v[k];
			if (pillar_words(wc, r->text, r->section, &it->words)) {
				it->rc = PDX_ENOMEM;
				snprintf(it->err, sizeof it->err, "out of memory");
			}
		}
	}
}

/* Main thread, in path order: report, dump or store. */
static void finish(run_t *run, item_t *it)
{
	if (it->what == IT_IGNORED)
		return;
	run->files++;
	if (it->what == IT_SKIPPED) {
		say("%s", it->err);
		run->skipped++;
		return;
	}
	if (it->what == IT_UNCHANGED) {
		run->unchanged++;
		return;
	}
	const pdx_parsed *p = &it->p;
	if (it->rc) {
		say("cannot parse '%s': %s", it->path, it->err);
		run->skipped++;
		return;
	}
	size_t nrec = 0;
	for (size_t i = 0; i < p->docs.n; i++) {
		nrec += p->recs[i].n;
		int cl = p->docs.docs[i]->dates_capped_line;
		if (cl)
			fprintf(stderr, PROG ": warning: '%s' line %d: more than %d dates in one paragraph, "
				"the rest not extracted\n", it->path, cl > 0 ? cl : 0, TIMELINE_MAX_DATES);
	}
	if (!run->dump) {
		if (store(run, it->stored, it->hash, p, it->len, nrec)) {
			say("cannot store '%s': %s", it->path, run->store_err);
			run->fatal = 1;
		} else if (run->df && pillar_df_add(run->df, it->words.s, it->words.len)) {
			fprintf(stderr, PROG ": out of memory\n");
			run->fatal = 1;
		}
		return;
	}
	for (size_t i = 0; i < p->docs.n && !run->fatal; i++)
		for (size_t k = 0; k < p->recs[i].n && !run->fatal; k++)
			if (dump_print(run, dump_record(p->docs.docs[i], &p->recs[i].v[k])))
				run->fatal = 1;
	run->indexed++;
	run->documents += (int)p->docs.n;
	run->records += (int)nrec;
}

static void item_clear(item_t *it)
{
	free(it->buf);
	it->buf = NULL;
	pdx_buf_clear(&it->words);
	if (it->what == IT_PARSE)
		pipeline_clear(&it->p);
	it->what = IT_SKIPPED;
}

/* The workers: they take the files to parse in order from a window of
 * WINDOW_PER_JOB items per job, ahead of the file being stored. Files
 * differ in size: with 4 a job, the workers ran out of files while the
 * main thread stored a large one (store phase on two processors, 5 MB:
 * 0.47 -> 0.42 s, 40 MB: 4.0 -> 3.4 s with 16; 32 and 64 gave no more,
 * for 1 MB more memory each). */
#define WINDOW_PER_JOB 16
/* ... and no further ahead than this many bytes of files (one file at
 * least), so that a folder of large files does not fill memory */
#define READAHEAD_BYTES ((size_t)16 << 20)

typedef struct {
	pthread_mutex_t lock;
	pthread_cond_t work, done;
	item_t *ring;
	size_t w;
	size_t take, queued;	/* next item to parse; items prepared */
	size_t fin;		/* items finished: their slots may hold newer items */
	bool stop;
	const pdx_tagger *tagger;	/* shared by the workers: it is read only */
	pdx_words_ctx *wc[MAX_JOBS];	/* bulk: one per worker (0: the main thread's) */
	int nwc;			/* taken by the workers */
} pool_t;

static void *worker(void *arg)
{
	pool_t *pl = arg;
	pthread_mutex_lock(&pl->lock);
	pdx_words_ctx *wc = pl->wc[pl->nwc++];
	pthread_mutex_unlock(&pl->lock);
	/* the main thread stores in order and bounds the run (40 MB on
	 * two processors: 4.9 s with even shares, 4.4 s with these) */
	pdx_thread_yield();
	pthread_mutex_lock(&pl->lock);
	for (;;) {
		/* a finished item's slot may already hold a newer item being
		 * prepared: never look behind what the main thread finished */
		if (pl->take < pl->fin)
			pl->take = pl->fin;
		while (pl->take < pl->queued && pl->ring[pl->take % pl->w].what != IT_PARSE)
			pl->take++;
		if (pl->take == pl->queued) {
			if (pl->stop)
				break;
			pthread_cond_wait(&pl->work, &pl->lock);
			continue;
		}
		item_t *it = &pl->ring[pl->take++ % pl->w];
		pthread_mutex_unlock(&pl->lock);
		parse(pl->tagger, wc, it);
		pthread_mutex_lock(&pl->lock);
		it->done = true;
		pthread_cond_broadcast(&pl->done);
	}
	pthread_mutex_unlock(&pl->lock);
	return NULL;
}

/* Index paths[0..n) with jobs parsing threads (1: all in this thread);
 * link[i]: paths[i] may be read through a symbolic link. */
static void index_all(run_t *run, char **paths, const bool *link, size_t n, int jobs)
{
	pool_t pl = { .tagger = run->tagger };
	pthread_t tid[MAX_JOBS];
	int started = 0;
	pl.w = jobs > 1 ? (size_t)jobs * WINDOW_PER_JOB : 1;
	bool nomem = !(pl.ring = calloc(pl.w, sizeof *pl.ring));
	for (int i = 0; run->df && !nomem && i < jobs; i++)
		nomem = !(pl.wc[i] = pillar_words_ctx(db_fts5_api(run->db)));
	if (nomem) {
		fprintf(stderr, PROG ": out of memory\n");
		run->fatal = 1;
		for (int i = 0; i < jobs; i++)
			pillar_words_ctx_free(pl.wc[i]);
		free(pl.ring);
		return;
	}
	if (jobs > 1) {
		pthread_mutex_init(&pl.lock, NULL);
		pthread_cond_init(&pl.work, NULL);
		pthread_cond_init(&pl.done, NULL);
		for (; started < jobs; started++)
			if (pthread_create(&tid[started], NULL, worker, &pl) != 0)
				break;
	}
	size_t prep = 0, fin = 0, ahead = 0;	/* ahead: bytes read, not yet stored */
	while (fin < n && !run->fatal) {
		/* read ahead: fill the window */
		while (prep < n && prep - fin < pl.w && (prep == fin || ahead < READAHEAD_BYTES)) {
			item_t *it = &pl.ring[prep % pl.w];
			prepare(run, it, paths[prep], link[prep], run->stored ? run->stored[prep] : NULL);
			ahead += it->len;
			if (!started) {
				if (it->what == IT_PARSE)
					parse(pl.tagger, pl.wc[0], it);
				it->done = true;
				prep++;
				continue;
			}
			pthread_mutex_lock(&pl.lock);
			it->done = it->what != IT_PARSE;
			pl.queued = ++prep;
			pthread_cond_signal(&pl.work);
			pthread_mutex_unlock(&pl.lock);
		}
		item_t *it = &pl.ring[fin % pl.w];
		if (started) {
			pthread_mutex_lock(&pl.lock);
			while (!it->done)
				pthread_cond_wait(&pl.done, &pl.lock);
			pthread_mutex_unlock(&pl.lock);
		}
		progress(run, fin, n, paths[fin]);
		finish(run, it);
		ahead -= it->len;
		item_clear(it);
		fin++;
		if (started) {	/* before the slot is prepared again */
			pthread_mutex_lock(&pl.lock);
			pl.fin = fin;
			pthread_mutex_unlock(&pl.lock);
		}
	}
	if (started) {
		pthread_mutex_lock(&pl.lock);
		pl.stop = true;
		pthread_cond_broadcast(&pl.work);
		pthread_mutex_unlock(&pl.lock);
		for (int i = 0; i < started; i++)
			pthread_join(tid[i], NULL);
		pthread_mutex_destroy(&pl.lock);
		pthread_cond_destroy(&pl.work);
		pthread_cond_destroy(&pl.done);
	}
	/* a fatal error stops early: what was read ahead is dropped */
	for (; fin < prep; fin++)
		item_clear(&pl.ring[fin % pl.w]);
	free(pl.ring);
	for (int i = 0; i < jobs; i++)
		pillar_words_ctx_free(pl.wc[i]);
}

/* The pillar post-pass, once the files are in: the plan is the reference
 * for everything else, so it runs over the whole database whenever any
 * file came or went. --x-pillar-eval also scores the records placed by
 * structure as if they had none and prints the agreement on stderr (the
 * tests' placement accuracy). */
static int place_pillars(run_t *run)
{
	unsigned flags = run->pillar_eval ? POSTPASS_EVALUATE : 0;
	flags |= run->bulk ? POSTPASS_BULK : 0;
	flags |= run->retrack ? POSTPASS_RETRACK : 0;
	/* the pass also builds the ranked lists, which any change of a
	 * document deletes (and an interrupted run or an older database
	 * lacks) */
	char *lists = NULL;
	if (db_meta_get(run->db, RANKED_META, &lists) != PDX_OK)
		return PDX_ERR;
	bool current = lists != NULL;
	free(lists);
	/* and the tracker's tables, which a database older than schema 4
	 * lacks until the pass fills them */
	char *tracked = NULL;
	if (db_meta_get(run->db, TRACK_META, &tracked) != PDX_OK)
		return PDX_ERR;
	current = current && tracked != NULL;
	free(tracked);
	if (!run->indexed && !run->pruned && !(flags & POSTPASS_EVALUATE) && current &&
	    !run->retrack)
		return PDX_OK;
	pdx_postpass_stats st;
	char err[512] = "";
	pdx_ranked_params ip = run->ranked;
	/* pass 1 as the files were stored holds for every record unless
	 * some were pruned since */
	pdx_df *df = run->df && !run->pruned ? run->df : NULL;
	/* the pass takes a while on a large database: say what runs */
	if (run->progress)
		fputs("\r\033[Kplacing the records in pillars and linking them to the plan...", stderr);
	int rc = postpass_run(run->db, flags, &ip, df, &st, err, sizeof err);
	if (run->progress)
		fputs("\r\033[K", stderr);
	if (rc) {
		fprintf(stderr, PROG ": cannot place records in pillars: %s\n", err);
		return PDX_ERR;
	}
	if (run->verbose) {
		static const char *const names[POSTPASS_T_N] = {
			"works", "document frequencies", "the plan's model", "placing and linking",
			"ranked lists", "indexes", "tracking", "summaries", "commit",
		};
		if (st.incremental)
			fprintf(stderr, PROG ": post-pass on what changed (%lld records added, %lld deleted):",
				st.added, st.gone);
		else
			fprintf(stderr, PROG ": post-pass over %ld records (whole: %s):", st.records,
				st.why[0] ? st.why : "asked");
		for (int i = 0; i < POSTPASS_T_N; i++)
			fprintf(stderr, "%s %s %.3f s", i ? "," : "", names[i], st.seconds[i]);
		fputc('\n', stderr);
		if (st.incremental && st.track_why[0])
			fprintf(stderr, PROG ": tracking %s\n", st.track_why);
	}
	if (flags & POSTPASS_EVALUATE)
		fprintf(stderr, PROG ": pillar placement: %ld/%ld (%.1f%%)\n", st.agreed, st.evaluated,
		       st.evaluated ? 100.0 * (double)st.agreed / (double)st.evaluated : 0.0);
	return PDX_OK;
}

/* Load the built-in gazetteer and the user's file and make its tagger;
 * store it; a change of gazetteer or indexer revision forces a full
 * re-index. */
static int setup_gazetteer(run_t *run, const char *user_file)
{
	char err[512] = "";
	if (gazetteer_load_builtin(&run->gaz, err, sizeof err)) {
		fprintf(stderr, PROG ": built-in gazetteer: %s\n", err);
		return EXIT_RUNTIME;
	}
	pdx_buf fp;
	pdx_buf_init(&fp);
	char data_hash[17];
	pdx_builtin_data_hash(data_hash);
	pdx_buf_printf(&fp, "%s.%s", PDX_INDEXER_REVISION, data_hash);
	if (user_file) {
		char *json = NULL;
		size_t len = 0;
		if (read_whole(user_file, 16u << 20, &json, &len, err, sizeof err)) {
			say("cannot read '%s': %s", user_file, err);
			pdx_buf_clear(&fp);
			return EXIT_USAGE;
		}
		int rc = gazetteer_load(&run->gaz, json, len, err, sizeof err);
		char h[17];
		content_hash(json, len, h);
		pdx_buf_printf(&fp, "+%s", h);
		free(json);
		if (rc) {
			say("cannot load '%s': %s", user_file, err);
			pdx_buf_clear(&fp);
			return EXIT_USAGE;
		}
	}
	if (tagger_new(&run->tagger, run->gaz) != PDX_OK) {
		fprintf(stderr, PROG ": cannot make the agency tagger\n");
		pdx_buf_clear(&fp);
		return EXIT_RUNTIME;
	}
	if (run->dump) {
		pdx_buf_clear(&fp);
		return 0;
	}
	char *old = NULL;
	int rc = 0;
	if (db_meta_get(run->db, "indexer", &old) == PDX_OK && (!old || strcmp(old, fp.s) != 0)) {
		run->force = true;
		if (db_begin(run->db) || db_store_gazetteer(run->db, run->gaz) ||
		    db_meta_set(run->db, "indexer", fp.s) || db_commit(run->db)) {
			fprintf(stderr, PROG ": cannot store the gazetteer: %s\n", db_errmsg(run->db));
			db_rollback(run->db);
			rc = EXIT_RUNTIME;
		}
	}
	free(old);
	pdx_buf_clear(&fp);
	return rc;
}

/* Open the database at dbpath; a first run (no file there yet) builds
 * it whole (bulk.h). Returns PDX_OK, or an error with a message in err. */
static int open_db(run_t *run, const char *dbpath, char *err, size_t errlen)
{
	struct stat st;
	if (stat(dbpath, &st) == 0 || errno != ENOENT)
		return db_open(&run->db, dbpath, DB_CREATE, err, errlen);
	int rc = bulk_open(&run->db, dbpath, err, errlen);
	if (rc)
		return rc;
	run->bulk = true;
	if (!(run->df = pillar_df_new())) {
		snprintf(err, errlen, "out of memory");
		return PDX_ENOMEM;
	}
	return PDX_OK;
}

/* Close the database a first run built and put it in place (or drop it
 * when the run failed). Returns PDX_OK or PDX_ERR (said on stderr). */
static int close_bulk(run_t *run, const char *dbpath, bool keep)
{
	char err[512] = "";
	run->bulk = false;
	if (bulk_close(&run->db, dbpath, keep, err, sizeof err) == PDX_OK)
		return PDX_OK;
	fprintf(stderr, PROG ": %s\n", err);
	return PDX_ERR;
}

typedef struct {
	const char *s;
	size_t i;
} ident_t;

static int cmp_ident(const void *a, const void *b)
{
	const ident_t *x = a, *y = b;
	int c = strcmp(x->s, y->s);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Drop from files (and run->stored) every file whose identity an earlier
 * one has: the order is kept, the first spelling wins. */
static int drop_repeats(run_t *run, pdx_walk *files)
{
	size_t n = files->n;
	ident_t *ix = malloc(n * sizeof *ix);
	bool *dup = calloc(n, sizeof *dup);
	if (!ix || !dup) {
		free(ix);
		free(dup);
		return PDX_ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		ix[i] = (ident_t){ run->stored[i], i };
	/* by identity, then by position: a repeat follows its first */
	qsort(ix, n, sizeof *ix, cmp_ident);
	for (size_t i = 1; i < n; i++)
		if (strcmp(ix[i].s, ix[i - 1].s) == 0)
			dup[ix[i].i] = true;
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		if (dup[i]) {
			free(files->v[i]);
			free(run->stored[i]);
			continue;
		}
		files->v[w] = files->v[i];
		run->stored[w++] = run->stored[i];
	}
	files->n = w;
	free(ix);
	free(dup);
	return PDX_OK;
}

/* The files under paths[0..n), in order; what the walk left out is said
 * on stderr, an unreadable path counts as skipped. Returns PDX_OK or
 * PDX_ENOMEM. */
static int walk_paths(run_t *run, char **paths, int n, pdx_walk *files)
{
	int rc = PDX_OK;
	size_t *from = calloc((size_t)n + 1, sizeof *from);
	if (!from)
		return PDX_ENOMEM;
	for (int i = 0; rc == PDX_OK && i < n; i++) {
		from[i] = files->n;
		rc = walk_add(files, paths[i]);
	}
	from[n] = files->n;
	for (size_t i = 0; i < files->nnotes; i++)
		say("%s", files->notes[i]);
	run->skipped += files->skipped;
	run->roots = paths;
	run->nroots = (size_t)n;
	/* each file's identity; a file named twice (two spellings, or a
	 * folder and a file in it) is indexed once */
	if (rc == PDX_OK && !run->dump && files->n) {
		run->stored = calloc(files->n, sizeof *run->stored);
		if (!run->stored)
			rc = PDX_ENOMEM;
		for (int i = 0; rc == PDX_OK && i < n; i++)
			for (size_t k = from[i]; rc == PDX_OK && k < from[i + 1]; k++)
				if (!(run->stored[k] = pdx_path_canonical(files->v[k], paths[i], run->db_dir)))
					rc = PDX_ENOMEM;
		if (rc == PDX_OK)
			rc = drop_repeats(run, files);
	}
	free(from);
	return rc;
}

int main(int argc, char **argv)
{
	run_t run = { .legacy = -1, .ranked = { PDX_RANKED_DF_MIN, PDX_RANKED_K, PDX_RANKED_BUDGET } };
	opts_t o;
	pdx_walk files = { 0 };
	char err[512] = "";
	pdx_safe_output(true);	/* file names with controls shown escaped */
	int status = parse_options(argc, argv, &o, &run);
	if (status >= 0)
		return status;
	status = 0;
	run.progress = !run.quiet && isatty(STDERR_FILENO);
	run.cwd = getcwd(NULL, 0);

	/* the database's folder and file, resolved: files are stored by paths
	 * relative to it, and the indexer never reads its own database */
	if (!run.dump && (run.db_dir = pdx_path_db_dir(o.dbpath)) != NULL) {
		const char *base = strrchr(o.dbpath, '/');
		pdx_buf b;
		pdx_buf_init(&b);
		pdx_buf_printf(&b, "%s%s%s", run.db_dir, strcmp(run.db_dir, "/") ? "/" : "",
			       base ? base + 1 : o.dbpath);
		run.db_file = pdx_buf_take(&b);
	}
	/* the files first: a run that finds none creates no database */
	if (walk_paths(&run, argv + optind, argc - optind, &files)) {
		fprintf(stderr, PROG ": out of memory\n");
		status = EXIT_RUNTIME;
		goto out;
	}
	struct stat st;
	if (!run.dump && files.n == 0 && stat(o.dbpath, &st) != 0 && errno == ENOENT) {
		if (!run.quiet)
			fprintf(stderr, PROG ": no file to index; database '%s' not created\n",
				o.dbpath);
		status = EXIT_SKIPPED;
		goto out;
	}
	if (!run.dump && open_db(&run, o.dbpath, err, sizeof err)) {
		say("cannot open database '%s': %s", o.dbpath, err);
		status = EXIT_RUNTIME;
		goto out;
	}
	if ((status = setup_gazetteer(&run, o.agencies_file)) != 0)
		goto out;

	xmlInitParser();	/* before any thread parses */
	double t0 = pdx_now();
	index_all(&run, files.v, files.link, files.n, run.dump ? 1 : o.jobs);
	if (!run.dump && !run.fatal && batch_commit(&run))
		run.fatal = 1;
	if (run.verbose && !run.dump)
		fprintf(stderr, PROG ": %zu files read, parsed and stored in %.3f s (%d parsing thread%s%s)\n",
			files.n, pdx_now() - t0, o.jobs, o.jobs == 1 ? "" : "s",
			run.bulk ? ", a new database built whole" : "");
	if (o.prune && !run.dump && !run.fatal &&
	    prune(&run, argv + optind, argc - optind, o.force))
		run.fatal = 1;
	int status_bad = 0;
	if (o.status_file && !run.dump && !run.fatal) {
		int applied = 0;
		int rc = status_file_load(run.db, PROG, o.status_file, &applied, &status_bad);
		if (rc == PDX_ERR)
			run.fatal = 1;
		else if (rc)
			status_bad++;
		run.retrack = applied > 0;
		if (rc == PDX_OK && !run.quiet)
			fprintf(stderr, PROG ": %d status%s from '%s'%s\n", applied,
				applied == 1 ? "" : "es", o.status_file,
				status_bad ? ", some lines skipped" : "");
	}
	if (!run.dump && !run.fatal && place_pillars(&run))
		run.fatal = 1;
	/* the post-pass builds the indexes before its summaries; this builds
	 * any it did not (none: it runs on every new database) */
	if (run.bulk && !run.fatal && db_bulk_indexes(run.db)) {
		fprintf(stderr, PROG ": cannot build the indexes: %s\n", db_errmsg(run.db));
		run.fatal = 1;
	}
	bool was_bulk = run.bulk;
	if (run.bulk && close_bulk(&run, o.dbpath, !run.fatal))
		run.fatal = 1;
	if (run.verbose && !run.dump)
		fprintf(stderr, PROG ": %.3f s in all\n", pdx_now() - t0);

	if (run.dump)
		puts(run.dumped ? "]" : "[]");
	/* a first run that failed keeps nothing: it indexed nothing */
	bool dropped = was_bulk && run.fatal;
	if (dropped)
		run.indexed = run.documents = run.records = 0;
	if (!run.quiet && !run.dump) {
		fprintf(stderr, PROG ": %d file%s indexed (%d document%s, %d records), "
			"%d unchanged, %d skipped", run.indexed, run.indexed == 1 ? "" : "s",
			run.documents, run.documents == 1 ? "" : "s", run.records, run.unchanged,
			run.skipped);
		if (o.prune)
			fprintf(stderr, ", %d pruned", run.pruned_files);
		fputs(dropped ? "; the new database was not kept\n" : "\n", stderr);
	}
	status = run.fatal || run.refused ? EXIT_RUNTIME : run.skipped || status_bad ? EXIT_SKIPPED : 0;
out:
	if (pdx_safe_output_flush() != 0) {
		fprintf(stderr, PROG ": write error: %s\n", strerror(errno));
		status = EXIT_RUNTIME;
	}
	for (size_t i = 0; run.stored && i < files.n; i++)
		free(run.stored[i]);
	free(run.stored);
	free(run.db_dir);
	free(run.db_file);
	walk_clear(&files);
	free(run.cwd);
	tagger_free(run.tagger);
	gazetteer_free(run.gaz);
	if (run.bulk)
		close_bulk(&run, o.dbpath, false);
	pillar_df_free(run.df);
	db_close(run.db);
	return status;
}
