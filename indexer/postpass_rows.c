/* postpass_rows.c - a pass of the post-pass over every row: the main
 * thread reads the rows (db_pillar_rows) in chunks and hands each chunk
 * to a thread of the pass, and takes it back in row order while it reads
 * the next. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "postpass_int.h"

typedef struct {
	const postpass_rows_fn *fn;
	postpass_chunk ch[2];
	int cur;		/* the chunk being read */
	postpass_chunk *busy;	/* the chunk being worked on, or NULL */
	pthread_t th;
	bool threaded;		/* busy is worked on on th */
} rowpipe;

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static int chunk_text(postpass_chunk *c, const char *s, size_t *off)
{
	if (!s) {
		*off = SIZE_MAX;
		return PDX_OK;
	}
	*off = c->text.len;
	return pdx_buf_add(&c->text, s, strlen(s) + 1);
}

/* db_pillar_rows's callback: the row into the chunk being read. */
static int pipe_collect(const pdx_pillar_row *row, void *arg)
{
	rowpipe *p = arg;
	postpass_chunk *c = &p->ch[p->cur];
	postpass_row *r = pdx_grow((void **)&c->row, &c->n, &c->cap, sizeof *r);
	if (!r)
		return PDX_ENOMEM;
	memset(r, 0, sizeof *r);
	r->id = row->id;
	r->doc_id = row->doc_id;
	r->stored = row->pillar >= 1 && row->pillar <= 3 ? row->pillar : 0;
	if (same(row->pillar_source, "structure") && row->pillar >= 1 && row->pillar <= 3)
		r->structure = row->pillar;
	if (same(row->pillar_source, "inferred") && row->pillar >= 1 && row->pillar <= 3) {
		r->old_pillar = row->pillar;
		r->old_score = (float)row->pillar_score;
	}
	if (chunk_text(c, row->text, &r->col[FTS_TEXT]) ||
	    chunk_text(c, row->section, &r->col[FTS_SECTION]) ||
	    chunk_text(c, row->agency_names, &r->col[FTS_AGENCY_NAMES]))
		return PDX_ENOMEM;
	return PDX_OK;
}

static void *work_thread(void *arg)
{
	rowpipe *p = arg;
	p->busy->rc = p->fn->work(p->fn->arg, p->busy);
	return NULL;
}

/* Work on c on the pipe's thread (or here, when no thread can start). */
static void pipe_start(rowpipe *p, postpass_chunk *c)
{
	p->busy = c;
	p->threaded = pthread_create(&p->th, NULL, work_thread, p) == 0;
	if (!p->threaded)
		c->rc = p->fn->work(p->fn->arg, c);
}

/* The chunk being worked on, once done; NULL when none is. */
static postpass_chunk *pipe_wait(rowpipe *p)
{
	postpass_chunk *c = p->busy;
	if (c && p->threaded)
		pthread_join(p->th, NULL);
	p->busy = NULL;
	p->threaded = false;
	return c;
}

/* Consume c, and empty it for the rows to come. */
static int pipe_consume(rowpipe *p, postpass_chunk *c)
{
	int rc = p->fn->consume(p->fn->arg, c);
	c->n = c->text.len = 0;
	return rc;
}

/* db_pillar_rows's pause, after each chunk it read: the pipe's thread
 * takes that chunk, and the one it worked on before is consumed
 * meanwhile. */
static int pipe_pause(void *arg)
{
	rowpipe *p = arg;
	postpass_chunk *done = pipe_wait(p);
	postpass_chunk *c = &p->ch[p->cur];
	if (c->n)
		pipe_start(p, c);
	p->cur ^= 1;
	return done ? pipe_consume(p, done) : PDX_OK;
}

int postpass_rows(pdx_db *db, int which, int64_t max_id, const postpass_rows_fn *fn)
{
	rowpipe p = { .fn = fn };
	p.ch[0].out = fn->out[0];
	p.ch[1].out = fn->out[1];
	int rc = db_pillar_rows(db, which, max_id, pipe_collect, pipe_pause, &p);
	postpass_chunk *done = pipe_wait(&p);
	if (rc == PDX_OK && done)
		rc = pipe_consume(&p, done);
	for (int i = 0; i < 2; i++) {
		free(p.ch[i].row);
		pdx_buf_clear(&p.ch[i].text);
	}
	return rc;
}
