/* db_check.c - polidex-query check: SQLite's and FTS5's integrity
 * checks, the schema against the one this program writes, polidex's own
 * invariants, the range of the values it reads back, and the stored
 * summaries against the live counts. */
#include <stdio.h>
#include <string.h>

#include "db_int.h"

/* Consistency checks: each query returns rows that describe a problem. */
static const struct { const char *what; const char *sql; } checks[] = {
	{ "record without document",
	  "SELECT 'record ' || a.key FROM actions a LEFT JOIN documents d ON d.id = a.doc_id"
	  " WHERE d.id IS NULL LIMIT 20" },
	{ "document without records",
	  "SELECT d.path || ' part ' || d.part FROM documents d"
	  " WHERE NOT EXISTS (SELECT 1 FROM actions a WHERE a.doc_id = d.id) LIMIT 20" },
	{ "parts of one file from different versions",
	  "SELECT path FROM documents GROUP BY path HAVING count(DISTINCT hash) > 1 LIMIT 20" },
	{ "agency role without record",
	  "SELECT 'action ' || r.action_id FROM action_agencies r"
	  " LEFT JOIN actions a ON a.id = r.action_id WHERE a.id IS NULL LIMIT 20" },
	{ "link without record",
	  "SELECT 'action ' || l.action_id FROM links l LEFT JOIN actions a ON a.id = l.action_id"
	  " LEFT JOIN actions p ON p.id = l.plan_action_id"
	  " WHERE a.id IS NULL OR (l.plan_action_id IS NOT NULL AND p.id IS NULL) LIMIT 20" },
	{ "timeline entry without record",
	  "SELECT 'action ' || t.action_id FROM timeline t"
	  " LEFT JOIN actions a ON a.id = t.action_id WHERE a.id IS NULL LIMIT 20" },
	{ "full-text rows do not match records",
	  "SELECT (SELECT count(*) FROM actions_fts_docsize) || ' index rows, '"
	  " || (SELECT count(*) FROM actions) || ' records'"
	  " WHERE (SELECT count(*) FROM actions_fts_docsize) != (SELECT count(*) FROM actions)" },
	{ "full-text row without record",
	  "SELECT 'rowid ' || s.id FROM actions_fts_docsize s"
	  " LEFT JOIN actions a ON a.id = s.id WHERE a.id IS NULL LIMIT 20" },
	/* values out of range: the file is an interchange format, anyone
	 * may have written it (the programs reading it validate too) */
	{ "value out of range",
	  "SELECT 'actions.pillar ' || quote(pillar) || ' of record ' || quote(key) FROM actions"
	  " WHERE pillar IS NOT NULL AND (typeof(pillar) != 'integer' OR pillar NOT BETWEEN 0 AND 3)"
	  " UNION ALL SELECT 'actions.pillar_source ' || quote(pillar_source) || ' of record ' || quote(key)"
	  " FROM actions WHERE pillar_source IS NOT NULL AND pillar_source NOT IN ('structure', 'inferred')"
	  " UNION ALL SELECT 'actions.kind NULL or empty, record ' || quote(key) FROM actions"
	  " WHERE kind IS NULL OR kind = ''"
	  " UNION ALL SELECT 'action_agencies.role ' || quote(role) || ' of record ' || action_id"
	  " FROM action_agencies WHERE role IS NULL OR role NOT IN ('lead', 'support', 'mentioned', 'issuer')"
	  " UNION ALL SELECT 'timeline.kind NULL, entry ' || id FROM timeline WHERE kind IS NULL"
	  " UNION ALL SELECT 'documents.part ' || quote(part) || ' of ' || quote(path) FROM documents"
	  " WHERE typeof(part) != 'integer' OR part < 0"
	  " UNION ALL SELECT 'links.pillar ' || quote(pillar) FROM links"
	  " WHERE pillar IS NOT NULL AND pillar NOT BETWEEN 0 AND 3"
	  " UNION ALL SELECT 'summary_kinds: pillar ' || quote(pillar) || ', kind ' || quote(kind)"
	  " FROM summary_kinds WHERE pillar NOT BETWEEN 1 AND 3 OR pillar IS NULL OR kind IS NULL"
	  " OR n IS NULL OR n < 0"
	  " UNION ALL SELECT 'summary_agencies: pillar ' || quote(pillar) || ', role ' || quote(role)"
	  " FROM summary_agencies WHERE pillar NOT BETWEEN 1 AND 3 OR pillar IS NULL"
	  " OR role IS NULL OR role NOT IN ('lead', 'support') OR agency_id IS NULL"
	  " OR n IS NULL OR n < 0"
	  " UNION ALL SELECT 'summary_sections: pillar ' || quote(pillar) FROM summary_sections"
	  " WHERE pillar NOT BETWEEN 1 AND 3 OR pillar IS NULL"
	  " UNION ALL SELECT 'summary_docs: pillar ' || quote(pillar) || ', document ' || quote(doc_id)"
	  " FROM summary_docs WHERE pillar NOT BETWEEN 1 AND 3 OR pillar IS NULL OR doc_id IS NULL"
	  " OR n IS NULL OR n < 0"
	  " UNION ALL SELECT 'summary_dues: pillar ' || quote(pillar) FROM summary_dues"
	  " WHERE pillar NOT BETWEEN 1 AND 3 OR pillar IS NULL OR n IS NULL OR n < 0"
	  " LIMIT 20" },
	/* the stored summaries (used while meta "summary" says they are
	 * valid) against the records they count: a copy of another
	 * rendition of its work is counted once, in its canonical one */
	{ "stored summary disagrees with the records",
	  "SELECT 'pillar ' || p.column1 || ': ' || coalesce(s.n, 0) || ' records stored, '"
	  " || coalesce(l.n, 0) || ' live'"
	  " FROM (VALUES (1), (2), (3)) p"
	  " LEFT JOIN (SELECT pillar, sum(n) AS n FROM summary_kinds GROUP BY pillar) s"
	  " ON s.pillar = p.column1"
	  " LEFT JOIN (SELECT pillar, count(*) AS n FROM actions"
	  "  WHERE doc_id NOT IN " COPY_DOCS_SQL " GROUP BY pillar) l"
	  " ON l.pillar = p.column1"
	  " WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'summary' AND value = '" PDX_SUMMARY_REVISION "')"
	  " AND coalesce(s.n, 0) != coalesce(l.n, 0)"
	  " UNION ALL SELECT 'pillar ' || p.column1 || ': ' || coalesce(s.n, 0) || ' documents stored, '"
	  " || coalesce(l.n, 0) || ' live'"
	  " FROM (VALUES (1), (2), (3)) p"
	  " LEFT JOIN (SELECT pillar, count(*) AS n FROM summary_docs GROUP BY pillar) s"
	  " ON s.pillar = p.column1"
	  " LEFT JOIN (SELECT a.pillar, count(DISTINCT a.doc_id) AS n FROM actions a"
	  " JOIN documents d ON d.id = a.doc_id WHERE d.kind IS NOT 'plan' AND d.copy_of IS NULL"
	  " GROUP BY a.pillar) l"
	  " ON l.pillar = p.column1"
	  " WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'summary' AND value = '" PDX_SUMMARY_REVISION "')"
	  " AND coalesce(s.n, 0) != coalesce(l.n, 0)" },
};

/* Checks of the tables of schema 5 (an older database has none): the
 * view links joins each link of plan_links to its section, and would
 * hide one whose section is gone. */
static const struct { const char *what; const char *sql; } checks_v5[] = {
	{ "link without section",
	  "SELECT 'action ' || l.action_id FROM plan_links l"
	  " LEFT JOIN link_sections s ON s.id = l.section_id WHERE s.id IS NULL LIMIT 20" },
};

typedef struct {
	void (*report)(const char *problem, void *arg);
	void *arg;
	int problems;
	bool busy;
} checker;

static void problem(checker *c, const char *fmt, const char *a, const char *b, const char *d)
{
	char line[1024];
	snprintf(line, sizeof line, fmt, a, b ? b : "", d ? d : "");
	c->report(line, c->arg);
	c->problems++;
}

/* Did the step fail only because another connection holds a lock? */
static bool is_busy(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

/* Run sql (one column of text per row, each a problem of what). A step
 * that fails is a problem too, unless the database is busy. */
static void rows(checker *c, sqlite3 *h, const char *what, const char *sql)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(h, sql, -1, &s, NULL);
	if (rc == SQLITE_OK)
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			const char *r = (const char *)sqlite3_column_text(s, 0);
			if (r && strcmp(r, "ok") != 0)
				problem(c, "%s: %s", what, r, NULL);
		}
	if (rc != SQLITE_DONE && rc != SQLITE_OK) {
		if (is_busy(rc))
			c->busy = true;
		else
			problem(c, "%s: the check failed: %s", what, sqlite3_errmsg(h), NULL);
	}
	sqlite3_finalize(s);
}

/* One line describing object name of the schema of h: a table's columns
 * (name, type, NOT NULL, key; by name, as migrations add columns at the
 * end), another object's SQL. NULL when it has none. Caller frees. */
static char *describe(sqlite3 *h, const char *type, const char *name, const char *sql)
{
	sqlite3_stmt *s = NULL;
	char *out = NULL;
	bool table = !strcmp(type, "table") && sql && strncmp(sql, "CREATE VIRTUAL", 14) != 0;
	if (!table)
		return sql ? sqlite3_mprintf("%s", sql) : NULL;
	if (sqlite3_prepare_v2(h, "SELECT group_concat(d, ', ') FROM (SELECT name || ' ' || type"
			       " || iif(\"notnull\", ' not null', '') || iif(pk, ' key', '') AS d"
			       " FROM pragma_table_info(?1) ORDER BY name)", -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
			out = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	return out;
}

/* The schema of db against the one this program writes (schema version
 * PDX_SCHEMA_VERSION only: an older one is read as it is). */
static void schema(checker *c, pdx_db *db)
{
	sqlite3 *want = NULL;
	sqlite3_stmt *s = NULL, *l = NULL;
	char err[256] = "";
	if (db_expected_schema(&want, err, sizeof err)) {
		problem(c, "schema: the check failed: %s", err, NULL, NULL);
		return;
	}
	int rc = sqlite3_prepare_v2(want, "SELECT type, name, sql FROM sqlite_master"
				    " WHERE name NOT LIKE 'sqlite_%' ORDER BY name", -1, &s, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db->h, "SELECT type, sql FROM sqlite_master WHERE name = ?1",
					-1, &l, NULL);
	if (rc != SQLITE_OK) {
		problem(c, "schema: the check failed: %s", sqlite3_errmsg(rc == SQLITE_OK ? want : db->h),
			NULL, NULL);
	} else {
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *type = (const char *)sqlite3_column_text(s, 0);
			const char *name = (const char *)sqlite3_column_text(s, 1);
			const char *sql = (const char *)sqlite3_column_text(s, 2);
			sqlite3_bind_text(l, 1, name, -1, SQLITE_STATIC);
			int lr = sqlite3_step(l);
			if (lr != SQLITE_ROW) {
				if (lr == SQLITE_DONE)
					problem(c, "schema: %s '%s' missing", type, name, NULL);
				else if (is_busy(lr))
					c->busy = true;
				else
					problem(c, "schema: the check failed: %s", sqlite3_errmsg(db->h),
						NULL, NULL);
				sqlite3_reset(l);
				continue;
			}
			const char *ltype = (const char *)sqlite3_column_text(l, 0);
			const char *lsql = (const char *)sqlite3_column_text(l, 1);
			if (!ltype || strcmp(ltype, type) != 0) {
				problem(c, "schema: '%s' is a %s, expected a %s", name, ltype ? ltype : "?", type);
			} else {
				char *a = describe(want, type, name, sql), *b = describe(db->h, type, name, lsql);
				if (!b)
					problem(c, "schema: %s '%s' cannot be read", type, name, NULL);
				else if (a && strcmp(a, b) != 0)
					problem(c, "schema: %s '%s' differs: %s", type, name, b);
				sqlite3_free(a);
				sqlite3_free(b);
			}
			sqlite3_reset(l);
		}
	}
	sqlite3_finalize(s);
	sqlite3_finalize(l);
	sqlite3_close(want);
}

int db_check(pdx_db *db, void (*report)(const char *problem, void *arg), void *arg)
{
	checker c = { .report = report, .arg = arg };
	rows(&c, db->h, "integrity_check", "PRAGMA integrity_check");
	int version = -1;
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		version = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (version == PDX_SCHEMA_VERSION)
		schema(&c, db);
	/* the FTS5 check writes: it needs the write lock (busy while an
	 * indexer runs) and a database that can be written. rank 1: the
	 * index against its content too (the records, their agency names
	 * read through the view actions_text), which FTS5 leaves out of an
	 * external content table's check without it (24 MB of corpus:
	 * 0.2 -> 0.6 s) */
	int rc = sqlite3_exec(db->h, "INSERT INTO actions_fts(actions_fts, rank)"
			      " VALUES('integrity-check', 1)", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		int ext = sqlite3_extended_errcode(db->h);
		if (is_busy(ext))
			c.busy = true;
		else if ((ext & 0xff) != SQLITE_READONLY)
			problem(&c, "fts5 integrity-check: %s", sqlite3_errmsg(db->h), NULL, NULL);
	}
	for (size_t i = 0; i < sizeof checks / sizeof *checks; i++)
		rows(&c, db->h, checks[i].what, checks[i].sql);
	for (size_t i = 0; version >= 5 && i < sizeof checks_v5 / sizeof *checks_v5; i++)
		rows(&c, db->h, checks_v5[i].what, checks_v5[i].sql);
	if (c.busy && !c.problems)
		return DB_CHECK_BUSY;
	return c.problems;
}
