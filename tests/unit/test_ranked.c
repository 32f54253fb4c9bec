/* test_ranked.c - searches answered from the ranked lists give exactly
 * what ranking every match gives: the same records in the same order with
 * the same scores, for single words and several, with filters and limits.
 *
 *   test_ranked        a generated database (short words in a skewed mix,
 *                      so that many records tie) with short lists
 *   test_ranked DB     every listed word of DB, alone and in pairs
 *
 * Also: a change of the index makes the lists unused until rebuilt; lists
 * that do not describe the index are caught and not used. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "../../lib/db_int.h"
#include "polidex/agencies.h"
#include "polidex/pillar.h"
#include "polidex/ranked.h"
#include "postpass.h"
#include "polidex/util.h"

static int answered, declined, compared, differed;

static bool same_hits(const pdx_hits *a, const pdx_hits *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].id != b->v[i].id || a->v[i].rank != b->v[i].rank ||
		    strcmp(a->v[i].snippet ? a->v[i].snippet : "",
			   b->v[i].snippet ? b->v[i].snippet : "") != 0)
			return false;
	return true;
}

/* q through the lists when they answer, and by ranking every match */
static void compare(pdx_db *db, pdx_search q)
{
	pdx_hits fast = { 0 }, full = { 0 };
	char err[256];
	int rc = ranked_search(db, &q, &fast);
	if (rc == PDX_DECLINED) {
		declined++;
	} else {
		answered++;
		q.exhaustive = true;
		compared++;
		if (rc != PDX_OK || db_search(db, &q, &full, err, sizeof err) != PDX_OK ||
		    !same_hits(&fast, &full)) {
			if (differed++ < 5) {
				printf("# differs: %s (limit %ld, kind %s, agency %s, from %s): %zu vs %zu hits\n",
				       q.match, q.limit, q.kind ? q.kind : "-",
				       q.nagencies ? q.agencies[0] : "-", q.from ? q.from : "-",
				       fast.n, full.n);
				for (size_t i = 0; i < fast.n || i < full.n; i++)
					printf("#   %lld %.17g | %lld %.17g\n",
					       i < fast.n ? (long long)fast.v[i].id : -1LL,
					       i < fast.n ? fast.v[i].rank : 0,
					       i < full.n ? (long long)full.v[i].id : -1LL,
					       i < full.n ? full.v[i].rank : 0);
			}
		}
	}
	db_hits_clear(&fast);
	db_hits_clear(&full);
}

static void compare_all(pdx_db *db, const char *match)
{
	static const long limits[] = { 1, 5, 20 };
	for (size_t i = 0; i < sizeof limits / sizeof *limits; i++) {
		pdx_search q = { .match = match, .limit = limits[i] };
		compare(db, q);
	}
	pdx_search k = { .match = match, .limit = 10, .kind = "recommended_action" };
	compare(db, k);
	pdx_search a = { .match = match, .limit = 10, .nagencies = 1, .agencies = { "doc" } };
	compare(db, a);
	pdx_search d = { .match = match, .limit = 10, .from = "2026-01-01", .to = "2026-06-30" };
	compare(db, d);
}

/* The words of the stored lists: each alone, and each with the next. */
static void check_db(pdx_db *db)
{
	sqlite3_stmt *s = NULL;
	char **w = NULL;
	size_t n = 0;
	if (sqlite3_prepare_v2(db_handle(db), "SELECT term FROM " RANKED_TABLE " ORDER BY df DESC", -1, &s,
			       NULL) == SQLITE_OK)
		while (sqlite3_step(s) == SQLITE_ROW && n < 400) {
			char **v = realloc(w, (n + 1) * sizeof *w);
			if (!v)
				break;
			w = v;
			w[n++] = pdx_strdup((const char *)sqlite3_column_text(s, 0));
		}
	sqlite3_finalize(s);
	for (size_t i = 0; i < n; i++) {
		char m[512];
		snprintf(m, sizeof m, "\"%s\"", w[i]);
		compare_all(db, m);
		if (i + 1 < n) {
			snprintf(m, sizeof m, "\"%s\" \"%s\"", w[i], w[i + 1]);
			compare_all(db, m);
		}
		if (i + 2 < n) {
			snprintf(m, sizeof m, "\"%s\" \"%s\" \"%s\"", w[i + 2], w[i], w[i + 1]);
			compare(db, (pdx_search){ .match = m, .limit = 20 });
		}
	}
	for (size_t i = 0; i < n; i++)
		free(w[i]);
	free(w);
	printf("# %d searches answered from the lists, %d declined\n", answered, declined);
}

static unsigned long rnd_state = 12345;
static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(rnd_state >> 33) % n;
}

static const char *const words[] = {
	"data", "center", "energy", "grid", "export", "chips", "standards", "report",
	"agency", "secure", "model", "open", "weight", "workforce", "permit", "federal",
	"数据", "中心", "芯片", "出口",
};

/* Documents of records of one to thirty words, the first words the
 * likeliest; agencies, kinds and dates on some. */
static int fill(pdx_db *db, const pdx_gazetteer *g, int ndocs, const char *prefix)
{
	for (int d = 0; d < ndocs; d++) {
		char path[64], text[1024];
		snprintf(path, sizeof path, "%s-%d.txt", prefix, d);
		pdx_doc *doc = doc_new(path);
		pdx_records recs = { 0 };
		int64_t id;
		for (int r = 0; r < 25; r++) {
			pdx_record *rec = records_add(&recs);
			size_t len = 0, nw = 1 + rnd(30);
			text[0] = '\0';
			for (size_t k = 0; k < nw; k++) {
				unsigned i = rnd(rnd(sizeof words / sizeof *words) + 1);
				len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", k ? " " : "", words[i]);
			}
			char key[32];
			snprintf(key, sizeof key, "r%d", r);
			rec->key = pdx_strdup(key);
			rec->kind = rnd(3) ? PDX_REC_PARAGRAPH : PDX_REC_RECOMMENDED_ACTION;
			rec->text = pdx_strdup(text);
			rec->section = rnd(4) ? NULL : pdx_strdup(words[rnd(6)]);
			rec->lang = pdx_strdup("en");
			rec->ordinal = r + 1;
			if (rnd(3) == 0)
				record_add_agency(rec, rnd(2) ? "nist" : "doe", PDX_ROLE_LEAD);
			if (rnd(5) == 0) {
				char v[16];
				snprintf(v, sizeof v, "2026-0%u-1%u", 1 + rnd(9), rnd(9));
				record_add_time(rec, PDX_TIME_DEADLINE, v, v, "day");
			}
		}
		int rc = db_insert_document(db, doc, "h", &id) || db_insert_records(db, id, &recs, g);
		records_clear(&recs);
		doc_free(doc);
		if (rc)
			return PDX_ERR;
	}
	return PDX_OK;
}

static int generated(void)
{
	char path[] = "/tmp/test_ranked_XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return t_done();
	close(fd);
	unlink(path);
	pdx_db *db = NULL;
	pdx_gazetteer *g = NULL;
	char err[256] = "";
	pdx_postpass_stats st;
	pdx_ranked_params ip = { 30, 32, 4000 };
	T_OK(db_open(&db, path, DB_CREATE, err, sizeof err) == PDX_OK, "a new database: %s", err);
	T_OK(gazetteer_load_builtin(&g, err, sizeof err) == PDX_OK && db_begin(db) == PDX_OK &&
	     db_store_gazetteer(db, g) == PDX_OK && fill(db, g, 40, "a") == PDX_OK &&
	     db_commit(db) == PDX_OK, "1000 generated records stored");
	T_OK(postpass_run(db, 0, &ip, NULL, &st, err, sizeof err) == PDX_OK, "the pass builds the lists: %s", err);
	sqlite3_stmt *s = NULL;
	long lists = 0;
	if (sqlite3_prepare_v2(db_handle(db), "SELECT count(*) FROM " RANKED_TABLE, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		lists = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	T_OK(lists >= 10, "lists for the frequent words (%ld)", lists);

	check_db(db);
	T_INT(differed, 0, "every answer from the lists is the full ranking's (%d compared)", compared);
	T_OK(answered >= 100, "the lists answer most searches (%d of %d)", answered, answered + declined);
	T_OK(declined > 0, "some searches need the full ranking (%d)", declined);

	/* a change of the index: the lists wait for the next pass */
	pdx_search q = { .match = "\"data\"", .limit = 5 };
	pdx_hits h = { 0 };
	T_OK(ranked_search(db, &q, &h) == PDX_OK, "\"data\" is answered from the lists");
	db_hits_clear(&h);
	T_OK(db_begin(db) == PDX_OK && fill(db, g, 1, "b") == PDX_OK && db_commit(db) == PDX_OK,
	     "another document stored");
	T_INT(ranked_search(db, &q, &h), PDX_DECLINED, "after a change the lists are not used");
	db_hits_clear(&h);
	T_OK(postpass_run(db, 0, &ip, NULL, &st, err, sizeof err) == PDX_OK, "the pass rebuilds them");
	T_OK(ranked_search(db, &q, &h) == PDX_OK, "and they answer again");
	db_hits_clear(&h);
	answered = declined = compared = differed = 0;
	check_db(db);
	T_INT(differed, 0, "after the rebuild too (%d compared)", compared);

	/* a list that lies about a record's count is caught: the first
	 * record it holds given the highest count, which puts it first in
	 * the results, and every result is checked against FTS5 */
	unsigned char *blob = NULL;
	int len = 0;
	if (sqlite3_prepare_v2(db_handle(db), "SELECT list FROM " RANKED_TABLE " WHERE term = 'data'", -1, &s,
			       NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
		len = sqlite3_column_bytes(s, 0);
		if ((blob = malloc((size_t)len)))
			memcpy(blob, sqlite3_column_blob(s, 0), (size_t)len);
	}
	sqlite3_finalize(s);
	/* a count n, n pairs of 12 bytes, then records of 8: id, F, D */
	int at = blob ? 4 + 12 * blob[0] + 4 : len;
	T_OK(blob && at + 2 <= len, "data's list read");
	if (blob && at + 2 <= len) {
		blob[at] = blob[at + 1] = 0xff;
		if (sqlite3_prepare_v2(db_handle(db), "UPDATE " RANKED_TABLE " SET list = ?1 WHERE term = 'data'",
				       -1, &s, NULL) == SQLITE_OK) {
			sqlite3_bind_blob(s, 1, blob, len, SQLITE_STATIC);
			sqlite3_step(s);
		}
		sqlite3_finalize(s);
		T_INT(ranked_search(db, &q, &h), PDX_DECLINED,
		      "a list that does not describe the index is not used");
		db_hits_clear(&h);
	}
	free(blob);

	gazetteer_free(g);
	db_close(db);
	unlink(path);
	char side[64];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	return t_done();
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return generated();
	pdx_db *db = NULL;
	char err[256] = "";
	T_OK(db_open(&db, argv[1], DB_READONLY, err, sizeof err) == PDX_OK, "open %s: %s", argv[1], err);
	if (!db)
		return t_done();
	check_db(db);
	T_INT(differed, 0, "every answer from the lists is the full ranking's (%d compared)", compared);
	T_OK(answered > 0, "the lists answer searches (%d of %d)", answered, answered + declined);
	db_close(db);
	return t_done();
}
