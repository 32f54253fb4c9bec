/* floor.c - the floor SQLite sets for indexing: the records polidex-index
 * extracted, inserted by a minimal program into the same schema.
 *
 *   floor [-p] [-x] [-b] [-r] SRC.db DST.db
 *
 * SRC.db is a database polidex-index built. DST.db is created by db_open()
 * from libpolidex.a, so the schema, the triggers, the pragmas (WAL,
 * synchronous=NORMAL) and the FTS5 tokenizer are those of lib/db.c. The
 * rows of SRC (documents, actions, action_agencies, timeline, and the
 * gazetteer tables) are read in chunks of about 20000 records, untimed, and
 * inserted in the order polidex-index inserts them (a document, then each
 * record with its roles and timeline), timed: all in one transaction, or
 * with -p one transaction per document as polidex-index does. Then the
 * rows of polidex-index's post-pass, copied as they are: the links and
 * impact lists, and the summaries (in one transaction of their own with
 * -p), so that DST.db holds what SRC.db holds. -r stops after the
 * records (the floor of the first rounds, which left those out).
 *
 * -b builds DST.db as polidex-index's first run builds a new database
 * (db.h, DB_BULK: no journal, no syncs, the secondary indexes built after
 * the rows): the floor for the same way of writing.
 *
 * The full-text rows go in as the schema has them go in: by its trigger
 * on actions when there is one, else by an explicit INSERT into
 * actions_fts. -x drops the trigger to measure the explicit way (an
 * INSERT that fires a trigger writing to FTS5 opens a statement
 * savepoint, and FTS5 flushes its pending terms at every savepoint).
 *
 * Prints "seconds records" on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polidex/db.h"
#include "polidex/db_write.h"
#include "polidex/util.h"

/* Rows in memory: column 0 is the grouping key, the rest is the row. */
typedef struct {
	sqlite3_value **v;
	size_t n, cap;
	int ncol;
	char *names[64];	/* column names */
} rows;

static void rows_clear(rows *r)
{
	for (size_t i = 0; i < r->n * (size_t)r->ncol; i++)
		sqlite3_value_free(r->v[i]);
	r->n = 0;
}

static int load(sqlite3 *src, const char *sql, sqlite3_int64 lo, sqlite3_int64 hi, rows *r)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(src, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, lo);
	sqlite3_bind_int64(s, 2, hi);
	r->ncol = sqlite3_column_count(s);
	for (int c = 0; c < r->ncol && c < 64 && !r->names[c]; c++)
		r->names[c] = pdx_strdup(sqlite3_column_name(s, c));
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (r->n == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 1024;
			sqlite3_value **v = realloc(r->v, r->cap * (size_t)r->ncol * sizeof *v);
			if (!v)
				return -1;
			r->v = v;
		}
		for (int c = 0; c < r->ncol; c++)
			r->v[r->n * (size_t)r->ncol + (size_t)c] = sqlite3_value_dup(sqlite3_column_value(s, c));
		r->n++;
	}
	return sqlite3_finalize(s) == SQLITE_OK ? 0 : -1;
}

static int col(const rows *r, const char *name)
{
	for (int c = 1; c < r->ncol && c < 64; c++)
		if (r->names[c] && strcmp(r->names[c], name) == 0)
			return c;
	return -1;
}

static void rows_free(rows *r)
{
	rows_clear(r);
	free(r->v);
	for (int c = 0; c < 64; c++)
		free(r->names[c]);
}

static sqlite3_int64 key(const rows *r, size_t i)
{
	return sqlite3_value_int64(r->v[i * (size_t)r->ncol]);
}

static int insert(sqlite3_stmt *ins, const rows *r, size_t i)
{
	sqlite3_reset(ins);
	for (int c = 1; c < r->ncol; c++)
		sqlite3_bind_value(ins, c, r->v[i * (size_t)r->ncol + (size_t)c]);
	return sqlite3_step(ins) == SQLITE_DONE ? 0 : -1;
}

static sqlite3_stmt *prepare_insert(sqlite3 *h, const char *table, int ncol)
{
	char sql[512];
	int n = snprintf(sql, sizeof sql, "INSERT INTO %s VALUES (?", table);
	for (int i = 1; i < ncol; i++)
		n += snprintf(sql + n, sizeof sql - (size_t)n, ",?");
	snprintf(sql + n, sizeof sql - (size_t)n, ")");
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v3(h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK)
		fprintf(stderr, "floor: %s: %s\n", sql, sqlite3_errmsg(h));
	return s;
}

static int exec(sqlite3 *h, const char *sql)
{
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	fprintf(stderr, "floor: %s: %s\n", sql, sqlite3_errmsg(h));
	return -1;
}

/* Copies TABLE from SRC into H as it is, in rowid order and in chunks
 * of 50000 rows (by_rowid) or whole (a WITHOUT ROWID table); the reading
 * is added to *untimed. */
static int copy_table(sqlite3 *src, sqlite3 *h, const char *table, int by_rowid, double *untimed)
{
	char sql[160];
	snprintf(sql, sizeof sql, by_rowid ? "SELECT 0, * FROM %s WHERE rowid BETWEEN ? AND ? ORDER BY rowid"
					   : "SELECT 0, * FROM %s WHERE ?1 <= ?2", table);
	sqlite3_int64 last = 0;
	if (by_rowid) {
		char q[96];
		sqlite3_stmt *m = NULL;
		snprintf(q, sizeof q, "SELECT max(rowid) FROM %s", table);
		if (sqlite3_prepare_v2(src, q, -1, &m, NULL) != SQLITE_OK)
			return -1;
		if (sqlite3_step(m) == SQLITE_ROW)
			last = sqlite3_column_int64(m, 0);
		sqlite3_finalize(m);
	}
	rows r = { 0 };
	sqlite3_stmt *ins = NULL;
	int rc = 0;
	for (sqlite3_int64 lo = by_rowid ? 1 : 0; rc == 0 && lo <= last; lo += 50000) {
		double u = pdx_now();
		if ((rc = load(src, sql, lo, by_rowid ? lo + 49999 : 0, &r)))
			fprintf(stderr, "floor: cannot read %s: %s\n", table, sqlite3_errmsg(src));
		*untimed += pdx_now() - u;
		if (rc == 0 && !ins && r.ncol > 1 && !(ins = prepare_insert(h, table, r.ncol - 1)))
			rc = -1;
		for (size_t k = 0; rc == 0 && k < r.n; k++)
			if (insert(ins, &r, k)) {
				fprintf(stderr, "floor: insert into %s: %s\n", table, sqlite3_errmsg(h));
				rc = -1;
			}
		u = pdx_now();
		rows_clear(&r);
		*untimed += pdx_now() - u;
	}
	sqlite3_finalize(ins);
	rows_free(&r);
	return rc;
}

int main(int argc, char **argv)
{
	int per_doc = 0, explicit_fts = 0, bulk = 0, records_only = 0, ai = 1;
	for (; ai < argc && argv[ai][0] == '-'; ai++) {
		per_doc |= strchr(argv[ai], 'p') != NULL;
		explicit_fts |= strchr(argv[ai], 'x') != NULL;
		bulk |= strchr(argv[ai], 'b') != NULL;
		records_only |= strchr(argv[ai], 'r') != NULL;
	}
	if (argc - ai != 2) {
		fputs("usage: floor [-p] [-x] [-b] [-r] SRC.db DST.db\n", stderr);
		return 2;
	}
	const char *srcpath = argv[ai], *dstpath = argv[ai + 1];
	sqlite3 *src = NULL;
	pdx_db *db = NULL;
	char err[512];
	int status = 3;
	rows docs = { 0 }, acts = { 0 }, names = { 0 }, roles = { 0 }, times = { 0 }, misc = { 0 };
	sqlite3_stmt *ins_doc = NULL, *ins_act = NULL, *ins_role = NULL, *ins_time = NULL;
	sqlite3_stmt *chunks = NULL, *ins_fts = NULL;
	int c_id = -1, c_text = -1, c_section = -1;
	double t0 = pdx_now(), untimed = 0;
	long nrec = 0;

	if (sqlite3_open_v2(srcpath, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "floor: cannot open '%s'\n", srcpath);
		goto out;
	}
	remove(dstpath);
	if (db_open(&db, dstpath, bulk ? DB_BULK : DB_CREATE, err, sizeof err)) {
		fprintf(stderr, "floor: cannot open '%s': %s\n", dstpath, err);
		goto out;
	}
	sqlite3 *h = db_handle(db);
	if (explicit_fts && exec(h, "DROP TRIGGER IF EXISTS actions_ai"))
		goto out;
	if (sqlite3_prepare_v2(h, "SELECT 1 FROM sqlite_master WHERE type = 'trigger'"
			       " AND tbl_name = 'actions' AND sql LIKE '%INSERT INTO actions_fts%'"
			       " AND sql NOT LIKE '%''delete''%'", -1, &chunks, NULL) != SQLITE_OK)
		goto out;
	explicit_fts = sqlite3_step(chunks) != SQLITE_ROW;
	sqlite3_finalize(chunks);
	chunks = NULL;
	if (explicit_fts && sqlite3_prepare_v3(h, "INSERT INTO actions_fts(rowid, text, section,"
					       " agency_names) VALUES (?,?,?,?)", -1,
					       SQLITE_PREPARE_PERSISTENT, &ins_fts, NULL) != SQLITE_OK)
		goto out;
	if (exec(h, "BEGIN IMMEDIATE"))
		goto out;
	/* the gazetteer and meta tables, as polidex-index stores them first */
	static const char *const small[] = { "meta", "agencies", "agency_aliases" };
	for (size_t i = 0; i < 3; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT 0, * FROM %s WHERE ?1 <= ?2", small[i]);
		double u = pdx_now();
		if (load(src, sql, 0, 0, &misc))
			goto out;
		untimed += pdx_now() - u;
		sqlite3_stmt *ins = prepare_insert(h, small[i], misc.ncol - 1);
		for (size_t k = 0; ins && k < misc.n; k++)
			insert(ins, &misc, k);
		sqlite3_finalize(ins);
		rows_clear(&misc);
	}
	if (per_doc && exec(h, "COMMIT"))
		goto out;
	/* chunks of documents holding about 20000 records */
	if (sqlite3_prepare_v2(src, "SELECT d.id, (SELECT count(*) FROM actions a WHERE a.doc_id = d.id)"
			       " FROM documents d ORDER BY d.id", -1, &chunks, NULL) != SQLITE_OK)
		goto out;
	int more = sqlite3_step(chunks) == SQLITE_ROW;
	while (more) {
		double u = pdx_now();
		sqlite3_int64 lo = sqlite3_column_int64(chunks, 0), hi = lo;
		long n = 0;
		while (more && n < 20000) {
			hi = sqlite3_column_int64(chunks, 0);
			n += sqlite3_column_int(chunks, 1);
			more = sqlite3_step(chunks) == SQLITE_ROW;
		}
		if (load(src, "SELECT id, * FROM documents WHERE id BETWEEN ? AND ? ORDER BY id", lo, hi, &docs) ||
		    load(src, "SELECT doc_id, * FROM actions WHERE doc_id BETWEEN ? AND ? ORDER BY doc_id, id", lo, hi, &acts) ||
		    /* the agency names as the index reads them (schema 7: not a column of actions) */
		    load(src, "SELECT a.doc_id, t.agency_names FROM actions a JOIN actions_text t ON t.id = a.id"
			 " WHERE a.doc_id BETWEEN ? AND ? ORDER BY a.doc_id, a.id", lo, hi, &names) ||
		    load(src, "SELECT r.action_id, r.* FROM action_agencies r WHERE r.action_id IN"
			 " (SELECT id FROM actions WHERE doc_id BETWEEN ? AND ?) ORDER BY r.action_id, r.n", lo, hi, &roles) ||
		    load(src, "SELECT t.action_id, t.* FROM timeline t WHERE t.action_id IN"
			 " (SELECT id FROM actions WHERE doc_id BETWEEN ? AND ?) ORDER BY t.action_id, t.id", lo, hi, &times))
			goto out;
		untimed += pdx_now() - u;
		if (!ins_doc && (!(ins_doc = prepare_insert(h, "documents", docs.ncol - 1)) ||
				 !(ins_act = prepare_insert(h, "actions", acts.ncol - 1)) ||
				 !(ins_role = prepare_insert(h, "action_agencies", roles.ncol - 1)) ||
				 !(ins_time = prepare_insert(h, "timeline", times.ncol - 1))))
			goto out;
		if (c_id < 0 && ((c_id = col(&acts, "id")) < 0 || (c_text = col(&acts, "text")) < 0 ||
				 (c_section = col(&acts, "section")) < 0))
			goto out;
		size_t a = 0, r = 0, t = 0;
		for (size_t d = 0; d < docs.n; d++) {
			if (per_doc && exec(h, "BEGIN IMMEDIATE"))
				goto out;
			if (insert(ins_doc, &docs, d))
				goto ins_fail;
			for (; a < acts.n && key(&acts, a) == key(&docs, d); a++) {
				sqlite3_int64 id = sqlite3_value_int64(acts.v[a * (size_t)acts.ncol + 1]);
				if (insert(ins_act, &acts, a))
					goto ins_fail;
				if (ins_fts) {
					sqlite3_value **v = acts.v + a * (size_t)acts.ncol;
					sqlite3_reset(ins_fts);
					sqlite3_bind_value(ins_fts, 1, v[c_id]);
					sqlite3_bind_value(ins_fts, 2, v[c_text]);
					sqlite3_bind_value(ins_fts, 3, v[c_section]);
					sqlite3_bind_value(ins_fts, 4, names.v[a * (size_t)names.ncol + 1]);
					if (sqlite3_step(ins_fts) != SQLITE_DONE)
						goto ins_fail;
				}
				nrec++;
				for (; r < roles.n && key(&roles, r) == id; r++)
					if (insert(ins_role, &roles, r))
						goto ins_fail;
				for (; t < times.n && key(&times, t) == id; t++)
					if (insert(ins_time, &times, t))
						goto ins_fail;
			}
			if (per_doc && exec(h, "COMMIT"))
				goto out;
		}
		u = pdx_now();
		rows_clear(&docs);
		rows_clear(&acts);
		rows_clear(&names);
		rows_clear(&roles);
		rows_clear(&times);
		untimed += pdx_now() - u;
	}
	/* the rest of the database polidex-index writes after the records:
	 * the links and impact lists of its post-pass, then (after a bulk
	 * build's indexes, as there) the summaries */
	if (per_doc && !records_only && exec(h, "BEGIN IMMEDIATE"))	/* one post-pass transaction */
		goto out;
	if (!records_only && (copy_table(src, h, "link_sections", 1, &untimed) ||
			      copy_table(src, h, "plan_links", 0, &untimed) ||
			      copy_table(src, h, "ranked_lists", 0, &untimed)))
		goto out;
	if (bulk && db_bulk_indexes(db)) {
		fprintf(stderr, "floor: indexes: %s\n", sqlite3_errmsg(h));
		goto out;
	}
	static const char *const summaries[] = {
		"summary_kinds", "summary_sections", "summary_agencies", "summary_docs", "summary_dues",
	};
	for (size_t i = 0; !records_only && i < sizeof summaries / sizeof *summaries; i++)
		if (copy_table(src, h, summaries[i], 1, &untimed))
			goto out;
	if ((!per_doc || !records_only) && exec(h, "COMMIT"))
		goto out;
	/* sealed as polidex-index seals it: packed into a new file, which
	 * then replaces the one built */
	char *packed = bulk ? sqlite3_mprintf("%s.packed", dstpath) : NULL;
	if (bulk && (!packed || db_bulk_seal(db, packed))) {
		fprintf(stderr, "floor: %s\n", db_errmsg(db));
		sqlite3_free(packed);
		goto out;
	}
	sqlite3_finalize(ins_doc);
	sqlite3_finalize(ins_act);
	sqlite3_finalize(ins_role);
	sqlite3_finalize(ins_time);
	sqlite3_finalize(ins_fts);
	ins_doc = ins_act = ins_role = ins_time = ins_fts = NULL;
	db_close(db);	/* the last checkpoint is part of the cost */
	db = NULL;
	if (packed && rename(packed, dstpath) != 0) {
		fprintf(stderr, "floor: cannot rename '%s'\n", packed);
		sqlite3_free(packed);
		goto out;
	}
	sqlite3_free(packed);
	printf("%.4f %ld\n", pdx_now() - t0 - untimed, nrec);
	status = 0;
	goto out;
ins_fail:
	fprintf(stderr, "floor: insert: %s\n", sqlite3_errmsg(h));
out:
	sqlite3_finalize(chunks);
	sqlite3_finalize(ins_doc);
	sqlite3_finalize(ins_act);
	sqlite3_finalize(ins_role);
	sqlite3_finalize(ins_time);
	sqlite3_finalize(ins_fts);
	rows_free(&docs);
	rows_free(&acts);
	rows_free(&names);
	rows_free(&roles);
	rows_free(&times);
	rows_free(&misc);
	db_close(db);
	sqlite3_close(src);
	return status;
}
