/* db_track_read.c - the tracker's reads (track.h): the requirements with
 * their owners, evidence and the analyst's status; what a record carries
 * out. */
#include <string.h>

#include "db_int.h"
#include "polidex/track.h"

bool db_track_ready(pdx_db *db)
{
	sqlite3_stmt *s = NULL;
	bool yes = false;
	if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
			       " AND name IN ('requirements', 'evidence', 'manual_status')",
			       -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		yes = sqlite3_column_int(s, 0) == 3;
	sqlite3_finalize(s);
	return yes;
}

void evidence_free(pdx_evidence *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].path);
		free(v[i].title);
		free(v[i].date);
		free(v[i].how);
		free(v[i].text);
		free(v[i].for_key);
	}
	free(v);
}

/* Rows of evidence: e.* of the query, in this order. */
#define EV_COLUMNS "x.key, d.path, d.part, d.title, e.date, e.how, e.text, e.confidence," \
	" e.completes, r.key"
#define EV_FROM " FROM evidence e JOIN documents d ON d.id = e.doc_id" \
	" LEFT JOIN actions x ON x.id = e.action_id JOIN requirements r ON r.action_id = e.requirement_id"

/* The evidence row of s from column c on. */
static void evidence_row(sqlite3_stmt *s, int c, pdx_evidence *e)
{
	memset(e, 0, sizeof *e);
	e->key = col_text(s, c);
	e->path = col_text(s, c + 1);
	e->part = sqlite3_column_int(s, c + 2);
	e->title = col_text(s, c + 3);
	e->date = col_text(s, c + 4);
	e->how = col_text(s, c + 5);
	e->text = col_text(s, c + 6);
	e->confidence = sqlite3_column_double(s, c + 7);
	e->completes = sqlite3_column_int(s, c + 8) != 0;
	e->for_key = col_text(s, c + 9);
}

static int read_evidence(sqlite3_stmt *s, pdx_evidence **v, size_t *n)
{
	size_t cap = 0;
	int st;
	while ((st = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_evidence *e = pdx_grow((void **)v, n, &cap, sizeof **v);
		if (!e)
			return PDX_ENOMEM;
		evidence_row(s, 0, e);
	}
	return st == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

int db_track_carries(pdx_db *db, const char *key, pdx_evidence **v, size_t *n)
{
	sqlite3_stmt *s = NULL;
	*v = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(db->h, "SELECT " EV_COLUMNS EV_FROM " WHERE x.key = ?"
			       " ORDER BY r.key", -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	bind_text(s, 1, key);
	int rc = read_evidence(s, v, n);
	sqlite3_finalize(s);
	return rc;
}

void requirements_free(pdx_requirements *r)
{
	for (size_t i = 0; i < r->n; i++) {
		pdx_requirement *q = &r->v[i];
		char *f[] = { q->key, q->kind, q->label, q->text, q->path, q->title, q->doc_kind,
			      q->type, q->due, q->due_at, q->due_tz, q->anchor, q->due_by, q->expr,
			      q->doc_date, q->m_status, q->m_date, q->m_evidence, q->m_note };
		for (size_t k = 0; k < sizeof f / sizeof *f; k++)
			free(f[k]);
		for (size_t k = 0; k < q->nowners; k++) {
			free(q->owners[k].id);
			free(q->owners[k].role);
		}
		free(q->owners);
		evidence_free(q->ev, q->nev + q->nlater);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

static int load_owners(pdx_db *db, pdx_requirement *q)
{
	sqlite3_stmt *s = NULL;
	size_t cap = 0;
	if (!(s = db_stmt(db, ST_TRACK_OWNERS, "SELECT agency_id, role FROM action_agencies"
			  " WHERE action_id = ? AND role IN ('lead', 'issuer', 'support')"
			  " ORDER BY CASE role WHEN 'lead' THEN 0 WHEN 'issuer' THEN 1 ELSE 2 END,"
			  " n")))
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, q->id);
	int rc = PDX_OK;
	while (sqlite3_step(s) == SQLITE_ROW) {
		pdx_owner *o = pdx_grow((void **)&q->owners, &q->nowners, &cap, sizeof *o);
		if (!o) {
			rc = PDX_ENOMEM;
			break;
		}
		o->id = col_text(s, 0);
		o->role = col_text(s, 1);
	}
	sqlite3_reset(s);
	return rc;
}

static int load_evidence(pdx_db *db, pdx_requirement *q, bool light)
{
	sqlite3_stmt *s = light ?
		db_stmt(db, ST_TRACK_EVIDENCE_LIGHT, "SELECT NULL, d.path, d.part, NULL, e.date, e.how,"
			" NULL, e.confidence, e.completes, NULL FROM evidence e JOIN documents d"
			" ON d.id = e.doc_id WHERE e.requirement_id = ?"
			" ORDER BY e.date, e.confidence DESC, d.path") :
		db_stmt(db, ST_TRACK_EVIDENCE, "SELECT " EV_COLUMNS EV_FROM
			" WHERE e.requirement_id = ? ORDER BY e.date, e.confidence DESC, d.path");
	if (!s)
		return PDX_ERR;
	sqlite3_bind_int64(s, 1, q->id);
	int rc = read_evidence(s, &q->ev, &q->nev);
	sqlite3_reset(s);
	return rc;
}

typedef struct {
	int64_t id;
	size_t i;
} req_index;

static int cmp_req_index(const void *a, const void *b)
{
	int64_t x = ((const req_index *)a)->id, y = ((const req_index *)b)->id;
	return (x > y) - (x < y);
}

static pdx_requirement *req_find(pdx_requirements *out, const req_index *ix, int64_t id)
{
	size_t lo = 0, hi = out->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < out->n && ix[lo].id == id ? &out->v[ix[lo].i] : NULL;
}

/* Every requirement's owners and evidence in two statements (not two a
 * requirement: a million records have a quarter of a million), each
 * requirement's rows in the order the one-requirement statements give. */
static int load_all(pdx_db *db, pdx_requirements *out, bool light, bool copies)
{
	if (!out->n)
		return PDX_OK;
	req_index *ix = malloc(out->n * sizeof *ix);
	if (!ix)
		return PDX_ENOMEM;
	for (size_t i = 0; i < out->n; i++)
		ix[i] = (req_index){ out->v[i].id, i };
	qsort(ix, out->n, sizeof *ix, cmp_req_index);
	sqlite3_stmt *s = NULL;
	int rc = PDX_OK, st = SQLITE_DONE;
	if (!copies && sqlite3_prepare_v2(db->h, "SELECT r.action_id, r.agency_id, r.role FROM action_agencies r"
			       " WHERE r.role IN ('lead', 'issuer', 'support')"
			       " AND r.action_id IN (SELECT action_id FROM requirements)"
			       " ORDER BY r.action_id, CASE r.role WHEN 'lead' THEN 0 WHEN 'issuer' THEN 1"
			       " ELSE 2 END, r.n", -1, &s, NULL) != SQLITE_OK)
		rc = PDX_ERR;
	pdx_requirement *q = NULL;
	size_t cap = 0;
	while (!rc && s && (st = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		if (!q || q->id != id) {
			q = req_find(out, ix, id);
			cap = 0;
		}
		if (!q)
			continue;
		pdx_owner *o = pdx_grow((void **)&q->owners, &q->nowners, &cap, sizeof *o);
		if (!o) {
			rc = PDX_ENOMEM;
			break;
		}
		o->id = col_text(s, 1);
		o->role = col_text(s, 2);
	}
	if (!rc && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	s = NULL;
	if (!rc && sqlite3_prepare_v2(db->h, light ?
			"SELECT e.requirement_id, NULL, d.path, d.part, NULL, e.date, e.how, NULL,"
			" e.confidence, e.completes, NULL FROM evidence e JOIN documents d ON d.id = e.doc_id"
			" ORDER BY e.requirement_id, e.date, e.confidence DESC, d.path" :
			"SELECT e.requirement_id, " EV_COLUMNS EV_FROM
			" ORDER BY e.requirement_id, e.date, e.confidence DESC, d.path",
			-1, &s, NULL) != SQLITE_OK)
		rc = PDX_ERR;
	q = NULL;
	while (!rc && (st = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		if (!q || q->id != id) {
			q = req_find(out, ix, id);
			cap = 0;
		}
		if (!q)
			continue;
		pdx_evidence *e = pdx_grow((void **)&q->ev, &q->nev, &cap, sizeof *e);
		if (!e) {
			rc = PDX_ENOMEM;
			break;
		}
		evidence_row(s, 1, e);
	}
	if (!rc && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	free(ix);
	return rc;
}

/* Are the requirements' copies there and filled (by the tracker's step
 * since they exist)? */
static bool track_copies(pdx_db *db)
{
	sqlite3_stmt *s = NULL;
	/* (owner read: a file without that column is read as before) */
	bool yes = sqlite3_prepare_v2(db->h, "SELECT NOT EXISTS (SELECT 1 FROM requirements"
				      " WHERE ordinal IS NULL OR path IS NULL OR pillar IS NULL),"
				      " (SELECT max(owner) FROM requirements)",
				      -1, &s, NULL) == SQLITE_OK &&
		   sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 1;
	sqlite3_finalize(s);
	return yes;
}

/* The requirements with their records' and documents' columns, in
 * due-date order (db_track_requirements, the reader); ?1 a key or NULL,
 * ?2 a pillar or 0, ?3 an agency or NULL. */
#define REQ_COLUMNS "q.action_id, q.key, a.kind, a.label, a.text, d.path, d.part, d.title," \
	" d.kind, COALESCE(a.pillar, 0), q.type, q.due, q.due_at, q.due_tz, q.anchor, q.due_by," \
	" q.expr, q.doc_date, m.status, m.date, m.evidence, m.note"
/* what a count's pass reads of them (the status: due, manual status) */
#define REQ_COLUMNS_LIGHT "q.action_id, q.key, NULL, NULL, NULL, NULL, 0, NULL, NULL, 0," \
	" NULL, q.due, q.due_at, q.due_tz, NULL, q.due_by, NULL, NULL, m.status, m.date, NULL, NULL"
#define REQ_FROM " FROM requirements q JOIN actions a ON a.id = q.action_id" \
	" JOIN documents d ON d.id = a.doc_id LEFT JOIN manual_status m ON m.key = q.key" \
	" WHERE (?1 IS NULL OR q.key = ?1) AND (?2 = 0 OR a.pillar = ?2)" \
	" AND (?3 IS NULL OR EXISTS (SELECT 1 FROM action_agencies r WHERE r.action_id = a.id" \
	" AND r.role IN ('lead', 'support', 'issuer') AND r.agency_id IN (WITH RECURSIVE" \
	" sub(id) AS (SELECT ?3 UNION SELECT g.id FROM agencies g JOIN sub ON g.parent = sub.id)" \
	" SELECT id FROM sub)))"
#define REQ_ORDER " ORDER BY COALESCE(q.due, q.due_by) IS NULL, COALESCE(q.due, q.due_by)," \
	" d.path, a.ordinal"
/* Every requirement's owners, by record, role, the record's order */
#define OWNERS_SQL "SELECT r.action_id, r.agency_id, r.role FROM action_agencies r" \
	" WHERE r.role IN ('lead', 'issuer', 'support')" \
	" AND r.action_id IN (SELECT action_id FROM requirements)" \
	" ORDER BY r.action_id, CASE r.role WHEN 'lead' THEN 0 WHEN 'issuer' THEN 1" \
	" ELSE 2 END, r.n"
/* every requirement's evidence, by requirement, date, confidence, path */
#define EVIDENCE_SQL "SELECT e.requirement_id, " EV_COLUMNS EV_FROM \
	" ORDER BY e.requirement_id, e.date, e.confidence DESC, d.path"

/* The columns of a requirement row of s (REQ_COLUMNS) into q, its
 * strings s's own: valid until its next step. */
static void req_row(sqlite3_stmt *s, pdx_requirement *q)
{
	memset(q, 0, sizeof *q);
#define TXT(c) ((char *)sqlite3_column_text(s, c))
	q->id = sqlite3_column_int64(s, 0);
	q->key = TXT(1);
	q->kind = TXT(2);
	q->label = TXT(3);
	q->text = TXT(4);
	q->path = TXT(5);
	q->part = sqlite3_column_int(s, 6);
	q->title = TXT(7);
	q->doc_kind = TXT(8);
	q->pillar = sqlite3_column_int(s, 9);
	char **f[] = { &q->type, &q->due, &q->due_at, &q->due_tz, &q->anchor, &q->due_by,
		       &q->expr, &q->doc_date, &q->m_status, &q->m_date, &q->m_evidence,
		       &q->m_note };
	for (int k = 0; k < 12; k++)
		*f[k] = TXT(10 + k);
#undef TXT
}

/* light: no record text, label or title, no evidence text (what a count
 * or a status column reads) */
static int requirements(pdx_db *db, const char *agency, int pillar, const char *key, bool light,
			pdx_requirements *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = NULL;
	/* light: the requirement's copies of its record's and document's
	 * columns (a database whose tracker ran before they were copied, or
	 * a file opened read-only that lacks them: read as before) */
	bool copies = light && track_copies(db);
	if (sqlite3_prepare_v2(db->h, copies ?
		"SELECT q.action_id, q.key, q.kind, NULL, NULL, q.path, q.part, NULL, NULL,"
		" q.pillar, q.type, q.due, q.due_at, q.due_tz, q.anchor, q.due_by, q.expr,"
		" q.doc_date, m.status, m.date, m.evidence, m.note, q.owner, q.owner_role"
		" FROM requirements q LEFT JOIN manual_status m ON m.key = q.key"
		" WHERE (?1 IS NULL OR q.key = ?1) AND (?2 = 0 OR q.pillar = ?2)"
		" AND (?3 IS NULL OR EXISTS (SELECT 1 FROM action_agencies r WHERE r.action_id = q.action_id"
		" AND r.role IN ('lead', 'support', 'issuer') AND r.agency_id IN (WITH RECURSIVE"
		" sub(id) AS (SELECT ?3 UNION SELECT g.id FROM agencies g JOIN sub ON g.parent = sub.id)"
		" SELECT id FROM sub)))"
		" ORDER BY COALESCE(q.due, q.due_by) IS NULL, COALESCE(q.due, q.due_by), q.path, q.ordinal" :
		"SELECT " REQ_COLUMNS REQ_FROM REQ_ORDER,
		-1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	bind_text(s, 1, key);
	sqlite3_bind_int(s, 2, pillar);
	bind_text(s, 3, agency);
	int rc = PDX_OK, st;
	while ((st = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_requirement *q = pdx_grow((void **)&out->v, &out->n, &out->cap, sizeof *q);
		if (!q) {
			rc = PDX_ENOMEM;
			break;
		}
		memset(q, 0, sizeof *q);
		q->id = sqlite3_column_int64(s, 0);
		q->key = col_text(s, 1);
		q->kind = col_text(s, 2);
		q->label = col_text(s, 3);
		q->text = col_text(s, 4);
		q->path = col_text(s, 5);
		q->part = sqlite3_column_int(s, 6);
		q->title = col_text(s, 7);
		q->doc_kind = col_text(s, 8);
		q->pillar = sqlite3_column_int(s, 9);
		char **f[] = { &q->type, &q->due, &q->due_at, &q->due_tz, &q->anchor, &q->due_by,
			       &q->expr, &q->doc_date, &q->m_status, &q->m_date, &q->m_evidence,
			       &q->m_note };
		for (int k = 0; k < 12; k++)
			*f[k] = col_text(s, 10 + k);
		/* with the copies: the first owner only (a count's) */
		if (copies && sqlite3_column_type(s, 22) != SQLITE_NULL) {
			if (!(q->owners = calloc(1, sizeof *q->owners)) ||
			    !(q->owners[0].id = col_text(s, 22))) {
				rc = PDX_ENOMEM;
				break;
			}
			q->owners[0].role = col_text(s, 23);
			q->nowners = 1;
		}
		/* one requirement (show): its own rows; else all at once, below */
		if (key && ((rc = load_owners(db, q)) || (rc = load_evidence(db, q, light))))
			break;
	}
	if (rc == PDX_OK && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	if (rc == PDX_OK && !key)
		rc = load_all(db, out, light, copies);
	if (rc)
		requirements_free(out);
	return rc;
}

int db_track_requirements(pdx_db *db, const char *agency, int pillar, const char *key,
			  pdx_requirements *out)
{
	return requirements(db, agency, pillar, key, false, out);
}

int db_track_statuses(pdx_db *db, const char *agency, int pillar, pdx_requirements *out)
{
	return requirements(db, agency, pillar, NULL, true, out);
}

/* The requirements one at a time ---- */

/* One requirement's rows of a list read whole (owners, evidence): where
 * they begin and how many. */
typedef struct {
	int64_t id;
	size_t at, n;
} req_span;

struct pdx_req_reader {
	pdx_db *db;
	const char *agency;
	int pillar;
	sqlite3_stmt *s;
	/* every requirement's owners, their names interned (a few agencies
	 * and three roles), and evidence, by requirement id */
	pdx_owner *owners;
	size_t nowners;
	req_span *own;
	size_t nown;
	char **names;
	size_t nnames;
	pdx_evidence *ev;
	size_t nev;
	req_span *evs;
	size_t nevs;
	pdx_requirement cur;
};

static const req_span *span_find(const req_span *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].id == id ? &v[lo] : NULL;
}

/* id's span in *v (a new one when id is not the last's), one row more. */
static int span_add(req_span **v, size_t *n, size_t *cap, int64_t id, size_t at)
{
	if (*n && (*v)[*n - 1].id == id) {
		(*v)[*n - 1].n++;
		return PDX_OK;
	}
	req_span *x = pdx_grow((void **)v, n, cap, sizeof *x);
	if (!x)
		return PDX_ENOMEM;
	*x = (req_span){ id, at, 1 };
	return PDX_OK;
}

/* The reader's one copy of s (NULL: NULL, or no memory: *rc). */
static char *name_of(pdx_req_reader *r, const char *s, int *rc)
{
	if (!s)
		return NULL;
	for (size_t i = r->nnames; i-- > 0;)
		if (strcmp(r->names[i], s) == 0)
			return r->names[i];
	char *c = pdx_strdup(s), **e = c ? realloc(r->names, (r->nnames + 1) * sizeof *e) : NULL;
	if (!e) {
		free(c);
		*rc = PDX_ENOMEM;
		return NULL;
	}
	r->names = e;
	return r->names[r->nnames++] = c;
}

static int reader_lists(pdx_req_reader *r)
{
	sqlite3_stmt *s = NULL;
	size_t cap = 0, scap = 0;
	int rc = PDX_OK, st = SQLITE_DONE;
	if (sqlite3_prepare_v2(r->db->h, OWNERS_SQL, -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	while (rc == PDX_OK && (st = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_owner *o = pdx_grow((void **)&r->owners, &r->nowners, &cap, sizeof *o);
		if (!o) {
			rc = PDX_ENOMEM;
			break;
		}
		o->id = name_of(r, (const char *)sqlite3_column_text(s, 1), &rc);
		o->role = name_of(r, (const char *)sqlite3_column_text(s, 2), &rc);
		if (rc == PDX_OK)
			rc = span_add(&r->own, &r->nown, &scap, sqlite3_column_int64(s, 0),
				      r->nowners - 1);
	}
	if (rc == PDX_OK && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	s = NULL;
	cap = scap = 0;
	if (rc == PDX_OK && sqlite3_prepare_v2(r->db->h, EVIDENCE_SQL, -1, &s, NULL) != SQLITE_OK)
		rc = PDX_ERR;
	while (rc == PDX_OK && (st = sqlite3_step(s)) == SQLITE_ROW) {
		pdx_evidence *e = pdx_grow((void **)&r->ev, &r->nev, &cap, sizeof *e);
		if (!e) {
			rc = PDX_ENOMEM;
			break;
		}
		evidence_row(s, 1, e);
		rc = span_add(&r->evs, &r->nevs, &scap, sqlite3_column_int64(s, 0), r->nev - 1);
	}
	if (rc == PDX_OK && st != SQLITE_DONE)
		rc = PDX_ERR;
	sqlite3_finalize(s);
	return rc;
}

int db_track_reader_open(pdx_db *db, const char *agency, int pillar, pdx_req_reader **out)
{
	pdx_req_reader *r = calloc(1, sizeof *r);
	*out = r;
	if (!r)
		return PDX_ENOMEM;
	r->db = db;
	r->agency = agency;
	r->pillar = pillar;
	return reader_lists(r);
}

int db_track_reader_start(pdx_req_reader *r, bool light)
{
	sqlite3_finalize(r->s);
	r->s = NULL;
	if (sqlite3_prepare_v2(r->db->h, light ? "SELECT " REQ_COLUMNS_LIGHT REQ_FROM
			       : "SELECT " REQ_COLUMNS REQ_FROM REQ_ORDER, -1, &r->s, NULL) != SQLITE_OK)
		return PDX_ERR;
	sqlite3_bind_null(r->s, 1);
	sqlite3_bind_int(r->s, 2, r->pillar);
	bind_text(r->s, 3, r->agency);
	return PDX_OK;
}

int db_track_reader_count(pdx_req_reader *r, size_t *n)
{
	sqlite3_stmt *s = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(r->db->h, "SELECT count(*)" REQ_FROM, -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	sqlite3_bind_null(s, 1);
	sqlite3_bind_int(s, 2, r->pillar);
	bind_text(s, 3, r->agency);
	int rc = sqlite3_step(s) == SQLITE_ROW ? PDX_OK : PDX_ERR;
	if (rc == PDX_OK)
		*n = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc;
}

int db_track_reader_next(pdx_req_reader *r, pdx_requirement **q)
{
	*q = NULL;
	int st = r->s ? sqlite3_step(r->s) : SQLITE_DONE;
	if (st == SQLITE_DONE)
		return 0;
	if (st != SQLITE_ROW)
		return PDX_ERR;
	pdx_requirement *c = &r->cur;
	req_row(r->s, c);
	const req_span *o = span_find(r->own, r->nown, c->id);
	if (o) {
		c->owners = r->owners + o->at;
		c->nowners = o->n;
	}
	const req_span *e = span_find(r->evs, r->nevs, c->id);
	if (e) {
		/* all of it: track_status moves what is dated later past nev
		 * again (in the same order for the same day) */
		c->ev = r->ev + e->at;
		c->nev = e->n;
	}
	*q = c;
	return 1;
}

void db_track_reader_close(pdx_req_reader *r)
{
	if (!r)
		return;
	sqlite3_finalize(r->s);
	for (size_t i = 0; i < r->nnames; i++)
		free(r->names[i]);
	free(r->names);
	free(r->owners);
	free(r->own);
	evidence_free(r->ev, r->nev);
	free(r->evs);
	free(r);
}

/* A status name as one of pdx_req_statuses (an analyst's is one of
 * them: the indexer refuses others), else NULL. */
static const char *status_name(const char *s)
{
	for (size_t i = 0; s && pdx_req_statuses[i]; i++)
		if (strcmp(s, pdx_req_statuses[i]) == 0)
			return pdx_req_statuses[i];
	return NULL;
}

/* The state of the requirement whose row s holds (id, due, due_at,
 * due_tz, due_by, manual status and date from column c on) with its
 * evidence ev[0..nev) (dates, completes). */
static void state_of(sqlite3_stmt *s, int c, int64_t id, pdx_evidence *ev, size_t nev,
		     const char *asof, const pdx_zone *z, pdx_req_state *o)
{
	pdx_requirement r;
	memset(&r, 0, sizeof r);
	r.id = id;
	r.due = (char *)sqlite3_column_text(s, c);
	r.due_at = (char *)sqlite3_column_text(s, c + 1);
	r.due_tz = (char *)sqlite3_column_text(s, c + 2);
	r.due_by = (char *)sqlite3_column_text(s, c + 3);
	r.m_status = (char *)sqlite3_column_text(s, c + 4);
	r.m_date = (char *)sqlite3_column_text(s, c + 5);
	r.ev = ev;
	r.nev = nev;
	pdx_track_status ts;
	track_status(&r, asof, z, &ts);
	o->id = id;
	/* a manual status is the row's, gone with the next step */
	o->status = ts.status == r.m_status ? status_name(ts.status) : ts.status;
	o->source = ts.source;
	if (!o->status)
		o->status = "open";	/* an unknown analyst's word (never stored) */
}

/* One row of evidence from e (its date in column col, whether it
 * completes the requirement in col + 1) added to *ev. */
static int push_evidence(pdx_evidence **ev, size_t *nev, size_t *cap, sqlite3_stmt *e, int col)
{
	pdx_evidence *x = pdx_grow((void **)ev, nev, cap, sizeof *x);
	const unsigned char *d = sqlite3_column_text(e, col);
	if (!x || (d && !(x->date = pdx_strdup((const char *)d)))) {
		if (x)
			(*nev)--;
		return PDX_ENOMEM;
	}
	if (!d)
		x->date = NULL;
	x->completes = sqlite3_column_int(e, col + 1) != 0;
	return PDX_OK;
}

int db_track_status_some(pdx_db *db, const char *asof, const pdx_zone *z, const int64_t *ids,
			 size_t nids, pdx_req_state **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = NULL, *e = NULL;
	if (sqlite3_prepare_v2(db->h, "SELECT q.due, q.due_at, q.due_tz, q.due_by, m.status, m.date"
			       " FROM requirements q LEFT JOIN manual_status m ON m.key = q.key"
			       " WHERE q.action_id = ?", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db->h, "SELECT date, completes FROM evidence WHERE requirement_id = ?",
			       -1, &e, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		return PDX_ERR;
	}
	size_t cap = 0, evcap = 0;
	pdx_evidence *ev = NULL;
	int rc = PDX_OK;
	for (size_t i = 0; rc == PDX_OK && i < nids; i++) {
		if (i && ids[i] == ids[i - 1])
			continue;
		sqlite3_bind_int64(s, 1, ids[i]);
		int st = sqlite3_step(s);
		if (st == SQLITE_ROW) {
			size_t nev = 0;
			sqlite3_bind_int64(e, 1, ids[i]);
			int est;
			while ((est = sqlite3_step(e)) == SQLITE_ROW)
				if ((rc = push_evidence(&ev, &nev, &evcap, e, 0)))
					break;
			if (rc == PDX_OK && est != SQLITE_DONE)
				rc = PDX_ERR;
			sqlite3_reset(e);
			pdx_req_state *o = rc ? NULL : pdx_grow((void **)out, n, &cap, sizeof *o);
			if (o)
				state_of(s, 0, ids[i], ev, nev, asof, z, o);
			else if (rc == PDX_OK)
				rc = PDX_ENOMEM;
			for (size_t k = 0; k < nev; k++)
				free(ev[k].date);
		} else if (st != SQLITE_DONE) {
			rc = PDX_ERR;
		}
		sqlite3_reset(s);
	}
	free(ev);
	sqlite3_finalize(s);
	sqlite3_finalize(e);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int db_track_status_list(pdx_db *db, const char *asof, const pdx_zone *z, pdx_req_state **out,
			 size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = NULL, *e = NULL;
	/* no analyst's status at all (the usual case): no look-up of one for
	 * each requirement (a tenth of the reading) */
	bool manual = true;
	if (sqlite3_prepare_v2(db->h, "SELECT EXISTS (SELECT 1 FROM manual_status)", -1, &s,
			       NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		manual = sqlite3_column_int(s, 0) != 0;
	sqlite3_finalize(s);
	s = NULL;
	/* in record order both: the requirements by their key, the evidence
	 * by its index, each requirement's read beside it */
	if (sqlite3_prepare_v2(db->h, manual ?
			       "SELECT q.action_id, q.due, q.due_at, q.due_tz, q.due_by,"
			       " m.status, m.date FROM requirements q LEFT JOIN manual_status m"
			       " ON m.key = q.key ORDER BY q.action_id" :
			       "SELECT q.action_id, q.due, q.due_at, q.due_tz, q.due_by, NULL, NULL"
			       " FROM requirements q ORDER BY q.action_id", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db->h, "SELECT requirement_id, date, completes FROM evidence"
			       " ORDER BY requirement_id", -1, &e, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		return PDX_ERR;
	}
	size_t cap = 0, evcap = 0;
	pdx_evidence *ev = NULL;
	int rc = PDX_OK, st, est = sqlite3_step(e);
	while ((st = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		/* its evidence: dates and whether each completes it */
		while (est == SQLITE_ROW && sqlite3_column_int64(e, 0) < id)
			est = sqlite3_step(e);
		size_t nev = 0;
		while (rc == PDX_OK && est == SQLITE_ROW && sqlite3_column_int64(e, 0) == id) {
			if ((rc = push_evidence(&ev, &nev, &evcap, e, 1)))
				break;
			est = sqlite3_step(e);
		}
		pdx_req_state *o = rc ? NULL : pdx_grow((void **)out, n, &cap, sizeof *o);
		if (o)
			state_of(s, 1, id, ev, nev, asof, z, o);
		else if (rc == PDX_OK)
			rc = PDX_ENOMEM;
		for (size_t k = 0; k < nev; k++)
			free(ev[k].date);
		if (rc)
			break;
	}
	if (rc == PDX_OK && (st != SQLITE_DONE || (est != SQLITE_ROW && est != SQLITE_DONE)))
		rc = PDX_ERR;
	free(ev);
	sqlite3_finalize(s);
	sqlite3_finalize(e);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}
