/* db_check.c - polidex-query check: SQLite's and FTS5's integrity
 * checks, and polidex's own invariants. */
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
};

int db_check(pdx_db *db, void (*report)(const char *problem, void *arg), void *arg)
{
	int problems = 0;
	char line[1024];
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(s, 0);
		if (r && strcmp(r, "ok") != 0) {
			snprintf(line, sizeof line, "integrity_check: %s", r);
			report(line, arg);
			problems++;
		}
	}
	sqlite3_finalize(s);
	if (sqlite3_exec(db->h, "INSERT INTO actions_fts(actions_fts) VALUES('integrity-check')",
			 NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(line, sizeof line, "fts5 integrity-check: %s", sqlite3_errmsg(db->h));
		report(line, arg);
		problems++;
	}
	for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
		if (sqlite3_prepare_v2(db->h, checks[i].sql, -1, &s, NULL) != SQLITE_OK)
			return -1;
		while (sqlite3_step(s) == SQLITE_ROW) {
			snprintf(line, sizeof line, "%s: %s", checks[i].what,
				 (const char *)sqlite3_column_text(s, 0));
			report(line, arg);
			problems++;
		}
		sqlite3_finalize(s);
	}
	return problems;
}
