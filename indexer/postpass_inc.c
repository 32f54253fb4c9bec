/* postpass_inc.c - the post-pass on what changed (issue 19): when a run
 * changed only a few documents, the records they brought are placed,
 * linked and counted into the ranked lists, and those they took away are
 * counted out, instead of every record being read again.
 *
 * What it starts from, written by every post-pass (postpass_inc_save):
 * the words of the records' text and headings with their document
 * frequencies (table pillar_vocab), and the meta key postpass, "BOUND
 * MAXID NREC RAW NROW NTOK": the bound, the highest record id, the
 * records and their tokens as the placement counts them, and the rows
 * and tokens of the full-text index the ranked lists describe. While the
 * key is there, every document the indexer deletes leaves its records in
 * postpass_gone (lib/db_write.c), until more than BOUND of them are kept.
 *
 * The bound: the next post-pass runs on what changed only while the
 * records added and deleted since the last whole post-pass are at most
 * one in fifty of the records (and at least 64). Within it, the records
 * that did not change keep the pillars and links the last whole pass gave
 * them with the frequencies of then; every other table equals a whole
 * post-pass's (document frequencies, the new records' pillars and links,
 * the ranked lists, the tracker's tables, the summaries). A whole
 * post-pass runs past the bound, when the plan changed (a record placed
 * by structure came or went), when a document that did not change became
 * or stopped being a copy, and for --x-pillar-eval and a first build. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "postpass_int.h"

#define STATE_META "postpass"

/* The share of the records that may change before a whole pass: 1/50. */
#define BOUND_DIV 50
#define BOUND_MIN 64

static long bound_of(long nrec)
{
	long b = nrec / BOUND_DIV;
	return b < BOUND_MIN ? BOUND_MIN : b;
}

int postpass_inc_state(pdx_db *db, postpass_state *st)
{
	memset(st, 0, sizeof *st);
	char *v = NULL;
	if (db_meta_get(db, STATE_META, &v) != PDX_OK)
		return PDX_ERR;
	if (v) {
		long long b, mx, nr, raw, row, tok;
		if (sscanf(v, "%lld %lld %lld %lld %lld %lld", &b, &mx, &nr, &raw, &row, &tok) == 6 &&
		    b >= 0 && mx >= 0 && nr >= 0 && raw >= 0 && row >= 0 && tok >= 0) {
			st->valid = true;
			st->bound = b;
			st->max_id = mx;
			st->nrec = nr;
			st->raw = raw;
			st->nrow = row;
			st->ntok = tok;
		}
	}
	long long mx;
	if (v && sscanf(v, "spent %lld", &mx) == 1) {
		st->spent = true;
		st->max_id = mx;
	}
	free(v);
	return PDX_OK;
}

/* One number from SQL (-1: an error). */
static long long count_of(pdx_db *db, const char *sql, int64_t bind)
{
	sqlite3_stmt *s = NULL;
	long long n = -1;
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_bind_parameter_count(s) >= 1)
			sqlite3_bind_int64(s, 1, bind);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	return n;
}

int postpass_inc_decide(pdx_db *db, const postpass_state *st, postpass_change *ch, char *why,
			size_t whylen)
{
	memset(ch, 0, sizeof *ch);
	if (!st->valid && !st->spent) {
		snprintf(why, whylen, "no earlier post-pass to start from");
		return PDX_OK;
	}
	/* the new records listed once: past the last id, or an id taken
	 * again after its record was deleted */
	sqlite3_stmt *s = NULL;
	if (sqlite3_exec(db_handle(db), "CREATE TEMP TABLE IF NOT EXISTS postpass_new(id INTEGER"
			 " PRIMARY KEY, doc_id INTEGER); DELETE FROM temp.postpass_new;", NULL, NULL,
			 NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db_handle(db), "INSERT INTO temp.postpass_new(id, doc_id)"
			       " SELECT id, doc_id FROM actions WHERE id > ?1 UNION"
			       " SELECT a.id, a.doc_id FROM postpass_gone g JOIN actions a ON a.id = g.id",
			       -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, st->max_id);
	int rc = sqlite3_step(s) == SQLITE_DONE ? PDX_OK : PDX_ERR;
	sqlite3_finalize(s);
	if (rc)
		return rc;
	ch->gone = count_of(db, "SELECT count(*) FROM postpass_gone", 0);
	ch->added = count_of(db, "SELECT count(*) FROM temp.postpass_new", 0);
	long long plan = count_of(db, "SELECT (SELECT count(*) FROM postpass_gone WHERE pillar_source ="
				  " 'structure') + (SELECT count(*) FROM temp.postpass_new n JOIN actions a"
				  " ON a.id = n.id WHERE a.pillar_source = 'structure')", 0);
	if (ch->gone < 0 || ch->added < 0 || plan < 0)
		return PDX_ERR;
	/* the reason users know first: a new plan */
	if (plan > 0)
		snprintf(why, whylen, "the plan changed");
	else if (st->spent)
		snprintf(why, whylen, "more records changed than the bound since the last whole pass");
	else if (ch->gone + ch->added > st->bound)
		snprintf(why, whylen, "%lld records changed, more than the bound of %lld",
			 ch->gone + ch->added, st->bound);
	else
		ch->incremental = true;
	return PDX_OK;
}

/* The vocabulary -------------------------------------------------------- */

int postpass_inc_vocab_load(pdx_db *db, const postpass_state *st, pdx_df *words)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db_handle(db), "SELECT word, df FROM pillar_vocab", -1, &s, NULL) !=
	    SQLITE_OK)
		return PDX_ERR;
	int rc = PDX_OK, r;
	while (rc == PDX_OK && (r = sqlite3_step(s)) == SQLITE_ROW) {
		const char *w = (const char *)sqlite3_column_text(s, 0);
		int n = sqlite3_column_bytes(s, 0);
		if (!w)
			continue;
		uint32_t id = vocab_id(&words->v, w, (size_t)n, &rc);
		if (rc == PDX_OK)
			words->v.df[id] = (uint32_t)sqlite3_column_int64(s, 1);
	}
	if (rc == PDX_OK && r != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	words->nrec = st->nrec;
	words->v.raw = st->raw;
	return rc;
}

/* Counting the records that changed into (sign 1) or out of (-1) the
 * document frequencies, as pass 1 counts them. */
typedef struct {
	pdx_df *d;
	fts5_tokenizer api;
	Fts5Tokenizer *tok;
	int sign;
	uint8_t *changed;	/* per word id: its count changed */
	size_t nchanged;
	int rc;
} df_delta;

static int delta_row(const pdx_pillar_row *r, void *arg)
{
	df_delta *x = arg;
	vocab_t *v = &x->d->v;
	long raw0 = v->raw;
	if (vocab_tokenize(v, &x->api, x->tok, r->text, 1) ||
	    vocab_tokenize(v, &x->api, x->tok, r->section, 1))
		return PDX_ENOMEM;
	if (x->sign < 0)
		v->raw = raw0 - (v->raw - raw0);
	x->d->nrec += x->sign;
	if (v->n > x->nchanged) {
		uint8_t *c = realloc(x->changed, v->n * 2 + 16);
		if (!c)
			return PDX_ENOMEM;
		memset(c + x->nchanged, 0, v->n * 2 + 16 - x->nchanged);
		x->changed = c;
		x->nchanged = v->n * 2 + 16;
	}
	for (size_t k = 0; k < v->ntouched; k++) {
		uint32_t id = v->touched[k];
		if (x->sign > 0)
			v->df[id]++;
		else if (v->df[id] > 0)
			v->df[id]--;
		x->changed[id] = 1;
	}
	vocab_reset_record(v);
	return PDX_OK;
}

int postpass_inc_df(pdx_db *db, const postpass_state *st, pdx_df *words, uint8_t **changed,
		    size_t *nchanged)
{
	df_delta x = { .d = words };
	if (tokenizer_create(db_fts5_api(db), &x.api, &x.tok) != SQLITE_OK)
		return PDX_ENOMEM;
	x.sign = -1;
	int rc = db_gone_rows(db, delta_row, &x);
	x.sign = 1;
	if (rc == PDX_OK)
		rc = db_pillar_rows(db, PILLAR_ROWS_NEW, st->max_id, delta_row, NULL, &x);
	x.api.xDelete(x.tok);
	*changed = x.changed;
	*nchanged = x.nchanged;
	return rc;
}

/* Saving what the next post-pass starts from ---------------------------- */

static int put_word(sqlite3_stmt *s, const vocab_t *v, size_t id)
{
	sqlite3_bind_text(s, 1, v->word[id], -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, v->df[id]);
	int rc = sqlite3_step(s) == SQLITE_DONE ? PDX_OK : PDX_ERR;
	sqlite3_reset(s);
	return rc;
}

int postpass_inc_save(pdx_db *db, const pdx_df *words, const uint8_t *changed, size_t nchanged,
		      long long bound, int64_t nrow, int64_t ntok)
{
	sqlite3 *h = db_handle(db);
	const vocab_t *v = &words->v;
	/* every word after a whole pass; the words that changed after one
	 * on what changed */
	if (!changed && sqlite3_exec(h, "DELETE FROM pillar_vocab", NULL, NULL, NULL) != SQLITE_OK)
		return PDX_ERR;
	sqlite3_stmt *ins = NULL, *del = NULL;
	if (sqlite3_prepare_v2(h, "INSERT OR REPLACE INTO pillar_vocab(word, df) VALUES (?1, ?2)", -1,
			       &ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "DELETE FROM pillar_vocab WHERE word = ?1", -1, &del, NULL) !=
		    SQLITE_OK) {
		sqlite3_finalize(ins);
		return PDX_ERR;
	}
	int rc = PDX_OK;
	for (size_t id = 0; rc == PDX_OK && id < v->n; id++) {
		if (changed && (id >= nchanged || !changed[id]))
			continue;
		if (v->df[id] > 0) {
			rc = put_word(ins, v, id);
		} else if (changed) {
			sqlite3_bind_text(del, 1, v->word[id], -1, SQLITE_STATIC);
			rc = sqlite3_step(del) == SQLITE_DONE ? PDX_OK : PDX_ERR;
			sqlite3_reset(del);
		}
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(del);
	if (rc)
		return rc;
	long long max_id = count_of(db, "SELECT coalesce(max(id), 0) FROM actions", 0);
	if (max_id < 0 || sqlite3_exec(h, "DELETE FROM postpass_gone", NULL, NULL, NULL) != SQLITE_OK)
		return PDX_ERR;
	char val[160];
	if (!changed)	/* a whole pass: the bound anew */
		bound = bound_of(words->nrec);
	snprintf(val, sizeof val, "%lld %lld %ld %ld %lld %lld", bound, max_id,
		 words->nrec, v->raw, (long long)nrow, (long long)ntok);
	return db_meta_set(db, STATE_META, val);
}
