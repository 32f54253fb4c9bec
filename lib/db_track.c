/* db_track.c - the tracker's writes (track.h): requirements and their
 * evidence, rebuilt by the indexer's post-pass (postpass_track.c), the
 * issuer a notice's records inherit, and the analyst's manual statuses,
 * which outlive re-indexing. */
#include <string.h>

#include "db_int.h"
#include "polidex/track.h"

static const char *const track_sql[] = {
	/* with the columns copied from its record, its document and its
	 * owner (the first lead, else issuer, else support), the rows they
	 * come from being written before the requirements are (an UPDATE of
	 * every requirement after them did it) */
	[0] = "INSERT OR REPLACE INTO requirements(action_id, key, type, due, due_at, due_tz,"
	      " anchor, due_by, expr, doc_date, pillar, kind, path, part, ordinal, owner, owner_role)"
	      " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, COALESCE(a.pillar, 0), a.kind, d.path,"
	      " d.part, a.ordinal, o.agency_id, o.role FROM actions a JOIN documents d ON d.id = a.doc_id"
	      " LEFT JOIN (SELECT r.agency_id, r.role FROM action_agencies r WHERE r.action_id = ?1"
	      " AND r.role IN ('lead', 'issuer', 'support') ORDER BY CASE r.role WHEN 'lead' THEN 0"
	      " WHEN 'issuer' THEN 1 ELSE 2 END, r.n LIMIT 1) o WHERE a.id = ?1",
	[1] = "INSERT INTO evidence(requirement_id, doc_id, action_id, date, how, confidence,"
	      " completes, text) VALUES (?,?,?,?,?,?,?,?)",
	[2] = "SELECT agency_id FROM action_agencies WHERE action_id = ?"
	      " AND role IN ('lead', 'issuer') ORDER BY n",
	[3] = "WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT g.parent FROM agencies g"
	      " JOIN up ON g.id = up.id WHERE g.parent IS NOT NULL) SELECT id FROM up",
};

/* An inherited issuer comes after the record's other agencies */
#define ISSUER_N "(SELECT coalesce(max(o.n) + 1, 0) FROM action_agencies o WHERE o.action_id = a.id)"

int db_track_reset(pdx_db *db)
{
	return exec(db, "DELETE FROM requirements; DELETE FROM evidence;"
		    " DELETE FROM action_agencies WHERE role = 'issuer';");
}

/* Kinds of documents whose records speak for their issuer: notices,
 * rules, announcements (not the President's orders, the plan, fact
 * sheets or news). */
int db_track_inherit_issuer(pdx_db *db)
{
	/* the documents of those kinds first, their records by actions_doc
	 * (by the records' kind, every record's document was looked up) */
	return exec(db,
		"INSERT OR IGNORE INTO action_agencies(action_id, agency_id, role, n)"
		" SELECT a.id, d.issuer, 'issuer', " ISSUER_N " FROM documents d CROSS JOIN actions a"
		" ON a.doc_id = d.id"
		" WHERE d.issuer IS NOT NULL AND d.issuer <> 'wh'"
		" AND d.kind IN ('notice', 'rule', 'proposed_rule', 'press_release', 'announcement', 'other')"
		" AND d.issuer IN (SELECT id FROM agencies)"
		" AND a.kind IN ('notice_event', 'paragraph', 'list_item')"
		" AND NOT EXISTS (SELECT 1 FROM action_agencies r WHERE r.action_id = a.id"
		" AND r.role = 'lead');");
}

int db_track_forget_gone(pdx_db *db)
{
	return exec(db, "DELETE FROM evidence WHERE requirement_id IN (SELECT id FROM postpass_gone)"
		    " OR action_id IN (SELECT id FROM postpass_gone)"
		    " OR doc_id NOT IN (SELECT id FROM documents);"
		    " DELETE FROM requirements WHERE action_id IN (SELECT id FROM postpass_gone);");
}

/* Run sql with ?9 bound to max_id. */
static int exec_new(pdx_db *db, const char *sql, int64_t max_id)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	sqlite3_bind_int64(s, 9, max_id);
	int rc = step_done(s);
	sqlite3_finalize(s);
	return rc;
}

int db_track_inherit_issuer_new(pdx_db *db, int64_t max_id)
{
	return exec_new(db,
		"INSERT OR IGNORE INTO action_agencies(action_id, agency_id, role, n)"
		" SELECT a.id, d.issuer, 'issuer', " ISSUER_N " FROM actions a JOIN documents d ON d.id = a.doc_id"
		" WHERE " TRACK_NEW_SQL("a.id") " AND d.issuer IS NOT NULL AND d.issuer <> 'wh'"
		" AND d.kind IN ('notice', 'rule', 'proposed_rule', 'press_release', 'announcement', 'other')"
		" AND d.issuer IN (SELECT id FROM agencies)"
		" AND a.kind IN ('notice_event', 'paragraph', 'list_item')"
		" AND NOT EXISTS (SELECT 1 FROM action_agencies r WHERE r.action_id = a.id"
		" AND r.role = 'lead')", max_id);
}

int db_track_doc_date(pdx_db *db, int64_t id, char **date)
{
	*date = NULL;
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "SELECT r.doc_date FROM actions a CROSS JOIN requirements r"
			       " ON r.action_id = a.id WHERE a.doc_id = ?1 AND r.doc_date IS NOT NULL"
			       " LIMIT 1", -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*date = col_text(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

int db_track_gone_dated(pdx_db *db, const char *date, long long *n)
{
	*n = 0;
	if (!date)
		return PDX_OK;
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM postpass_gone WHERE doc_date IS NOT NULL"
			       " AND substr(doc_date, 1, 10) <= ?1", -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	sqlite3_bind_text(s, 1, date, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? PDX_OK : PDX_ERR;
}

int db_track_count(pdx_db *db, size_t *records, size_t *docs)
{
	sqlite3_stmt *s = NULL;
	*records = *docs = 0;
	if (sqlite3_prepare_v2(db->h, "SELECT (SELECT count(*) FROM actions),"
			       " (SELECT count(*) FROM documents)", -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	int rc = sqlite3_step(s) == SQLITE_ROW ? PDX_OK : PDX_ERR;
	if (rc == PDX_OK) {
		*records = (size_t)sqlite3_column_int64(s, 0);
		*docs = (size_t)sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return rc;
}

/* (the step reads no text of a fact sheet's or a news article's records
 * as it reads them: they are never evidence, and a candidate's text is
 * read again by id) */
#define TRACK_ROW_SQL \
	"SELECT a.id, a.doc_id, a.key, a.kind, a.label," \
	" CASE WHEN d.kind IN ('fact_sheet', 'news') THEN NULL ELSE a.text END, a.section, d.kind, d.title," \
	" COALESCE(d.published, d.signed), d.issuer, d.path, COALESCE(a.pillar, 0)" \
	" FROM actions a JOIN documents d ON d.id = a.doc_id"

static int track_rows(pdx_db *db, const char *sql, int64_t max_id,
		      int (*fn)(void *arg, const pdx_track_row *r), void *arg);

int db_track_rows(pdx_db *db, int (*fn)(void *arg, const pdx_track_row *r), void *arg)
{
	return track_rows(db, TRACK_ROW_SQL " ORDER BY a.doc_id, a.ordinal", -1, fn, arg);
}

int db_track_rows_scoped(pdx_db *db, int64_t max_id, int which,
			 int (*fn)(void *arg, const pdx_track_row *r), void *arg)
{
	/* the documents in id order, each one's records off actions_doc in
	 * their order: no sort of the rows (which sorted every text) */
#define CITED_DOC "(d.kind IN ('executive_order', 'proclamation', 'memorandum', 'plan')" \
	" OR d.id IN (SELECT doc_id FROM actions WHERE kind = 'recommended_action'))"
#define FRESH_DOC "d.id IN (SELECT doc_id FROM temp.postpass_new)"
#define ROWS_OF(where) "SELECT a.id, a.doc_id, a.key, a.kind, a.label, a.text, a.section, d.kind," \
	" d.title, COALESCE(d.published, d.signed), d.issuer, d.path, COALESCE(a.pillar, 0)" \
	" FROM documents d CROSS JOIN actions a ON a.doc_id = d.id WHERE " where \
	" ORDER BY d.id, a.ordinal"
	static const char *const sql[] = {
		[TRACK_ROWS_ALL] = ROWS_OF("(" CITED_DOC " OR " FRESH_DOC ")"),
		[TRACK_ROWS_DATELESS] = ROWS_OF("((d.published IS NULL AND d.signed IS NULL AND "
						CITED_DOC ") OR " FRESH_DOC ")"),
		[TRACK_ROWS_FRESH] = ROWS_OF(FRESH_DOC),
		[TRACK_ROWS_WIDE] = ROWS_OF("(COALESCE(d.kind, '') NOT IN ('fact_sheet', 'news') OR "
					    CITED_DOC " OR " FRESH_DOC ")"),
	};
#undef CITED_DOC
#undef FRESH_DOC
#undef ROWS_OF
	return track_rows(db, sql[which], max_id, fn, arg);
}

static int track_rows(pdx_db *db, const char *sql, int64_t max_id,
		      int (*fn)(void *arg, const pdx_track_row *r), void *arg)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, sql, -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	if (max_id >= 0)
		sqlite3_bind_int64(s, 9, max_id);
	int rc = PDX_OK, st;
	while (rc == PDX_OK && (st = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_track_row r = {
			.id = sqlite3_column_int64(s, 0), .doc_id = sqlite3_column_int64(s, 1),
			.key = (const char *)sqlite3_column_text(s, 2),
			.kind = (const char *)sqlite3_column_text(s, 3),
			.label = (const char *)sqlite3_column_text(s, 4),
			.text = (const char *)sqlite3_column_text(s, 5),
			.section = (const char *)sqlite3_column_text(s, 6),
			.doc_kind = (const char *)sqlite3_column_text(s, 7),
			.doc_title = (const char *)sqlite3_column_text(s, 8),
			.doc_date = (const char *)sqlite3_column_text(s, 9),
			.doc_issuer = (const char *)sqlite3_column_text(s, 10),
			.doc_path = (const char *)sqlite3_column_text(s, 11),
			.pillar = sqlite3_column_int(s, 12),
		};
		rc = fn(arg, &r);
	}
	if (rc == PDX_OK && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	return rc;
}

int db_track_leads(pdx_db *db, int64_t id, char ***v, size_t *n)
{
	size_t cap = 0;
	*v = NULL;
	*n = 0;
	sqlite3_stmt *s = db_stmt(db, ST_TRACK_LEADS, track_sql[2]);
	if (!s)
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		char **slot = pdx_grow((void **)v, n, &cap, sizeof **v);
		if (!slot || !(*slot = col_text(s, 0))) {
			if (slot)
				(*n)--;
			sqlite3_reset(s);
			return PDX_ENOMEM;
		}
	}
	sqlite3_reset(s);
	return PDX_OK;
}

int db_track_up(pdx_db *db, const char *agency, char ***v, size_t *n)
{
	size_t cap = 0;
	*v = NULL;
	*n = 0;
	sqlite3_stmt *s = db_stmt(db, ST_TRACK_UP, track_sql[3]);
	if (!s)
		return PDX_ERR;
	bind_text(s, 1, agency);
	int rc = PDX_OK, st;
	while ((st = sqlite3_step(s)) == SQLITE_ROW) {
		char **slot = pdx_grow((void **)v, n, &cap, sizeof **v);
		if (!slot || !(*slot = col_text(s, 0))) {
			if (slot)
				(*n)--;
			rc = PDX_ENOMEM;
			break;
		}
	}
	if (rc == PDX_OK && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_reset(s);
	return rc;
}

int db_track_text(pdx_db *db, int64_t id, char **text)
{
	*text = NULL;
	sqlite3_stmt *s = db_stmt(db, ST_TRACK_TEXT, "SELECT text FROM actions WHERE id = ?");
	if (!s)
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, id);
	int rc = PDX_OK, st = sqlite3_step(s);
	if (st == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL && !(*text = col_text(s, 0)))
		rc = PDX_ENOMEM;
	else if (st != SQLITE_ROW && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_reset(s);
	return rc;
}

int db_track_demote(pdx_db *db, int64_t id)
{
	sqlite3_stmt *s = NULL;
	if (!(s = db_stmt(db, ST_TRACK_DEMOTE, "UPDATE action_agencies SET role = 'mentioned'"
			       " WHERE action_id = ? AND role = 'lead'")))
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, id);
	int rc = step_done(s);
	sqlite3_reset(s);
	return rc;
}

int db_track_links(pdx_db *db, bool fresh, int (*fn)(void *arg, int64_t action_id,
		   int64_t plan_id, double score), void *arg)
{
	sqlite3_stmt *s = NULL;
	/* the links view's rows, read off the compact table: grouping them
	 * by document in SQL sorted every link (a third of a one-file
	 * update's tracking at 24 MB); on what changed, the records of the
	 * documents with new records alone, by their key (every link was
	 * read, and all but a few dropped) */
	if (sqlite3_prepare_v2(db->h, fresh ?
		"SELECT l.action_id, l.plan_action_id, l.score FROM actions a"
		" CROSS JOIN plan_links l ON l.action_id = a.id"
		" JOIN link_sections s ON s.id = l.section_id WHERE a.doc_id IN"
		" (SELECT doc_id FROM temp.postpass_new) AND l.plan_action_id IS NOT NULL" :
		"SELECT l.action_id, l.plan_action_id, l.score FROM plan_links l"
		" JOIN link_sections s ON s.id = l.section_id WHERE l.plan_action_id IS NOT NULL",
		-1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	int rc = PDX_OK, st;
	while (rc == PDX_OK && (st = sqlite3_step(s)) == SQLITE_ROW)
		rc = fn(arg, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
			sqlite3_column_double(s, 2));
	if (rc == PDX_OK && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	return rc;
}

int db_track_add_requirement(pdx_db *db, const pdx_requirement_row *r)
{
	sqlite3_stmt *s = db_stmt(db, ST_TRACK_REQ, track_sql[0]);
	if (!s)
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, r->action_id);
	const char *v[] = { r->key, r->type, r->due, r->due_at, r->due_tz, r->anchor,
			    r->due_by, r->expr, r->doc_date };
	for (int i = 0; i < 9; i++)
		bind_text(s, i + 2, v[i]);
	return step_done(s);
}

int db_track_add_evidence(pdx_db *db, const pdx_evidence_row *e)
{
	sqlite3_stmt *s = db_stmt(db, ST_TRACK_EV, track_sql[1]);
	if (!s)
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, e->requirement_id);
	sqlite3_bind_int64(s, 2, e->doc_id);
	if (e->action_id)
		sqlite3_bind_int64(s, 3, e->action_id);
	bind_text(s, 4, e->date);
	bind_text(s, 5, e->how);
	sqlite3_bind_double(s, 6, e->confidence);
	sqlite3_bind_int(s, 7, e->completes);
	bind_text(s, 8, e->text);
	return step_done(s);
}

bool db_track_key_exists(pdx_db *db, const char *key)
{
	sqlite3_stmt *s = NULL;
	bool yes = false;
	if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM actions WHERE key = ? LIMIT 1", -1, &s,
			       NULL) == SQLITE_OK) {
		bind_text(s, 1, key);
		yes = sqlite3_step(s) == SQLITE_ROW;
	}
	sqlite3_finalize(s);
	return yes;
}

int db_track_manual_set(pdx_db *db, const char *key, const char *status, const char *date,
			const char *evidence, const char *note, const char *source, long line)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "INSERT OR REPLACE INTO manual_status(key, status, date,"
			       " evidence, note, source, line, set_at)"
			       " VALUES (?,?,?,?,?,?,?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
			       -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	const char *v[] = { key, status, date, evidence, note, source };
	for (int i = 0; i < 6; i++)
		bind_text(s, i + 1, v[i] && *v[i] ? v[i] : NULL);
	sqlite3_bind_int64(s, 7, line);
	int rc = step_done(s);
	sqlite3_finalize(s);
	return rc;
}

int db_track_set_anchor(pdx_db *db, int64_t id, const char *expr, const char *anchor)
{
	sqlite3_stmt *s = NULL;
	if (!(s = db_stmt(db, ST_TRACK_ANCHOR, "UPDATE timeline SET anchor = ?, value = NULL, date = NULL"
			       " WHERE action_id = ? AND expr = ? AND kind IN ('deadline', 'closes')"
			       " AND (value IS NOT NULL OR anchor IS NOT ?)")))
		return PDX_ERR;
	bind_text(s, 1, anchor);
	sqlite3_bind_int64(s, 2, id);
	bind_text(s, 3, expr);
	bind_text(s, 4, anchor);
	int rc = step_done(s);
	sqlite3_reset(s);
	return rc;
}

int db_track_roles(pdx_db *db, int64_t id, char ***agency, char ***role, size_t *n)
{
	sqlite3_stmt *s = NULL;
	size_t cap = 0, cap2 = 0, n2 = 0;
	*agency = *role = NULL;
	*n = 0;
	/* in no order (its one reader, subject_roles, asks of each body
	 * alone): ORDER BY n sorted the rows of every requirement */
	if (!(s = db_stmt(db, ST_TRACK_ROLES, "SELECT agency_id, role FROM action_agencies"
			       " WHERE action_id = ? AND role IN ('lead', 'support', 'mentioned')")))
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, id);
	int rc = PDX_OK;
	while (rc == PDX_OK && sqlite3_step(s) == SQLITE_ROW) {
		char **a = pdx_grow((void **)agency, n, &cap, sizeof **agency);
		char **r = a ? pdx_grow((void **)role, &n2, &cap2, sizeof **role) : NULL;
		if (!a || !r) {
			if (a)
				(*n)--;
			rc = PDX_ENOMEM;
			break;
		}
		*a = col_text(s, 0);
		*r = col_text(s, 1);
	}
	sqlite3_reset(s);
	return rc;
}

int db_track_names(pdx_db *db, const char *agency, char ***names, size_t *n)
{
	sqlite3_stmt *s = NULL;
	size_t cap = 0;
	*names = NULL;
	*n = 0;
	if (!(s = db_stmt(db, ST_TRACK_NAMES, "SELECT name FROM agencies WHERE id = ?1 AND name IS NOT NULL"
			       " UNION SELECT acronym FROM agencies WHERE id = ?1 AND acronym IS NOT NULL"
			       " UNION SELECT alias FROM agency_aliases WHERE agency_id = ?1")))
		return PDX_ERR;
	bind_text(s, 1, agency);
	int rc = PDX_OK;
	while (rc == PDX_OK && sqlite3_step(s) == SQLITE_ROW) {
		char **x = pdx_grow((void **)names, n, &cap, sizeof **names);
		if (!x) {
			rc = PDX_ENOMEM;
			break;
		}
		*x = col_text(s, 0);
	}
	sqlite3_reset(s);
	return rc;
}

int db_track_set_role(pdx_db *db, int64_t id, const char *agency, const char *role)
{
	sqlite3_stmt *s = NULL;
	if (!(s = db_stmt(db, ST_TRACK_SET_ROLE, "UPDATE action_agencies SET role = ? WHERE action_id = ?"
			       " AND agency_id = ?")))
		return PDX_ERR;
	bind_text(s, 1, role);
	sqlite3_bind_int64(s, 2, id);
	bind_text(s, 3, agency);
	int rc = step_done(s);
	sqlite3_reset(s);
	return rc;
}

int db_track_manual_keys(pdx_db *db, char ***keys, size_t *n)
{
	sqlite3_stmt *s = NULL;
	size_t cap = 0;
	*keys = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db->h, "SELECT key FROM manual_status ORDER BY key", -1, &s,
			       NULL) != SQLITE_OK)
		return PDX_ERR;
	int rc = PDX_OK;
	while (rc == PDX_OK && sqlite3_step(s) == SQLITE_ROW) {
		char **x = pdx_grow((void **)keys, n, &cap, sizeof **keys);
		if (!x || !(*x = col_text(s, 0))) {
			if (x)
				(*n)--;
			rc = PDX_ENOMEM;
		}
	}
	sqlite3_finalize(s);
	return rc;
}
