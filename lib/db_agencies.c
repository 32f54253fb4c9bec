/* db_agencies.c - agency names as the query side reads them: lookup by
 * id, acronym, name or alias, the name as people vary it, and
 * suggestions for a name that names no body (db_read.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_int.h"
#include "polidex/text.h"

static const char *const agency_sql[ST_COUNT] = {
	[ST_AGENCY_LOOKUP] = "SELECT id FROM agencies WHERE id = ?1 COLLATE NOCASE"
			     " OR acronym = ?1 COLLATE NOCASE OR name = ?1 COLLATE NOCASE"
			     " OR name_zh = ?1"
			     " UNION ALL SELECT agency_id FROM agency_aliases WHERE alias = ?1 COLLATE NOCASE"
			     " LIMIT 1",
	[ST_AGENCY_NAMES] = "SELECT id, id FROM agencies UNION ALL"
			    " SELECT acronym, id FROM agencies WHERE acronym IS NOT NULL UNION ALL"
			    " SELECT name, id FROM agencies WHERE name IS NOT NULL UNION ALL"
			    " SELECT name_zh, id FROM agencies WHERE name_zh IS NOT NULL UNION ALL"
			    " SELECT alias, agency_id FROM agency_aliases",
};

/* The cached statement which, prepared from this file's SQL. */
static sqlite3_stmt *stmt(pdx_db *db, int which)
{
	return db_stmt(db, which, agency_sql[which]);
}

/* A name as people vary it, reduced to what names the body: ASCII
 * lowercase, periods dropped ("U.S." "us", "Dept." "dept"), white space
 * collapsed, then a leading "the", "us" / "united states", "department
 * of" / "dept of" (and a "the" after them) and a trailing "department" /
 * "dept" left out: "the Department of Commerce", "U.S. Commerce Dept."
 * and "Commerce" all read "commerce". Writes at most outlen bytes. */
static void agency_norm(const char *in, char *out, size_t outlen)
{
	char buf[256];
	size_t n = 0;
	for (const char *p = in; *p && n + 1 < sizeof buf; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '.' || c == ',')
			continue;
		if (c == ' ' || c == '\t' || c == '\n' || c == '-') {
			if (n && buf[n - 1] != ' ')
				buf[n++] = ' ';
			continue;
		}
		buf[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	while (n && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	char *w = buf;
	static const char *const lead[] = { "the ", "united states ", "us ", "the ",
					    "department of ", "dept of ", "the " };
	for (size_t i = 0; i < sizeof lead / sizeof *lead; i++) {
		size_t l = strlen(lead[i]);
		if (strncmp(w, lead[i], l) == 0 && w[l])
			w += l;
	}
	static const char *const trail[] = { " department", " dept" };
	for (size_t i = 0; i < sizeof trail / sizeof *trail; i++) {
		size_t wl = strlen(w), l = strlen(trail[i]);
		if (wl > l && strcmp(w + wl - l, trail[i]) == 0)
			w[wl - l] = '\0';
	}
	snprintf(out, outlen, "%s", w);
}

int db_agency_matches(pdx_db *db, const char *name, char **out, size_t max, size_t *n)
{
	*n = 0;
	sqlite3_stmt *s = stmt(db, ST_AGENCY_NAMES);
	if (!s)
		return PDX_ERR;
	char want[256], got[256];
	agency_norm(name, want, sizeof want);
	if (!*want)
		return PDX_OK;
	int rc = PDX_OK;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *cand = (const char *)sqlite3_column_text(s, 0);
		const char *id = (const char *)sqlite3_column_text(s, 1);
		if (!cand || !id)
			continue;
		agency_norm(cand, got, sizeof got);
		if (strcmp(want, got) != 0)
			continue;
		bool dup = false;
		for (size_t k = 0; k < *n; k++)
			dup |= strcmp(out[k], id) == 0;
		if (dup || *n == max)
			continue;
		if (!(out[*n] = pdx_strdup(id))) {
			rc = PDX_ENOMEM;
			break;
		}
		(*n)++;
	}
	sqlite3_reset(s);
	return rc;
}

int db_agency_lookup(pdx_db *db, const char *name, char **id)
{
	*id = NULL;
	sqlite3_stmt *s = stmt(db, ST_AGENCY_LOOKUP);
	if (!s)
		return PDX_ERR;
	bind_text(s, 1, name);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = col_text(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return PDX_ERR;
	if (*id)
		return PDX_OK;
	/* the name as people vary it: one body only (two: ambiguous, the
	 * caller asks db_agency_matches which) */
	char *cand[2];
	size_t n = 0;
	rc = db_agency_matches(db, name, cand, 2, &n);
	if (n == 1)
		*id = cand[0];
	else
		for (size_t k = 0; k < n; k++)
			free(cand[k]);
	return rc;
}

/* How many bytes of a and b are not shared (as multisets, ASCII case
 * folded): 0 for an anagram ("NITS", "nist"), the tie-break between
 * names as many edits away. */
static size_t bag_diff(const char *a, const char *b)
{
	int count[256] = { 0 };
	for (const unsigned char *p = (const unsigned char *)a; *p; p++)
		count[*p >= 'A' && *p <= 'Z' ? *p + 32 : *p]++;
	for (const unsigned char *p = (const unsigned char *)b; *p; p++)
		count[*p >= 'A' && *p <= 'Z' ? *p + 32 : *p]--;
	size_t d = 0;
	for (int i = 0; i < 256; i++)
		d += (size_t)(count[i] < 0 ? -count[i] : count[i]);
	return d;
}

/* The shared distance, within the 200 bytes this suggester has always
 * compared (a longer name is never near). */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
	if (strlen(a) > 200 || strlen(b) > 200)
		return limit + 1;
	return pdx_edit_distance(a, b, limit);
}

/* Distance from what the user typed to a name: to the whole name, or to
 * any run of as many of its words as the user typed ("Comerce" is near
 * "Department of Commerce"). */
static size_t name_distance(const char *typed, const char *cand, size_t limit)
{
	size_t best = edit_distance(typed, cand, limit);
	int words = 1;
	for (const char *p = typed; *p; p++)
		words += *p == ' ';
	const char *start = cand;
	while (start && *start) {
		const char *end = start;
		for (int w = 0; w < words && end; w++) {
			end = strchr(end, ' ');
			if (end && w + 1 < words)
				end++;
		}
		size_t len = end ? (size_t)(end - start) : strlen(start);
		char window[201];
		if (len < sizeof window) {
			memcpy(window, start, len);
			window[len] = '\0';
			size_t d = edit_distance(typed, window, limit);
			if (d < best)
				best = d;
		}
		start = strchr(start, ' ');
		if (start)
			start++;
	}
	return best;
}

int db_agency_suggest(pdx_db *db, const char *name, char **out, size_t max, size_t *n)
{
	*n = 0;
	sqlite3_stmt *s = stmt(db, ST_AGENCY_NAMES);
	if (!s)
		return PDX_ERR;
	size_t best[8];
	char *names[8] = { 0 };
	if (max > 8)
		max = 8;
	char typed[256];
	agency_norm(name, typed, sizeof typed);
	if (!*typed)
		return PDX_OK;
	size_t limit = strlen(typed) / 3 + 2;
	bool cjk = false;
	for (const char *p = typed; *p; p++)
		cjk |= (unsigned char)*p >= 0x80;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *raw = (const char *)sqlite3_column_text(s, 0);
		const char *id = (const char *)sqlite3_column_text(s, 1);
		if (!raw || !id)
			continue;
		char cand[256];
		agency_norm(raw, cand, sizeof cand);
		size_t d;
		if (cjk && strlen(typed) >= 6 && strstr(cand, typed))
			d = 0;	/* part of a Chinese name (联邦储备 in 美国联邦储备系统) */
		else
			d = name_distance(typed, cand, limit);
		if (d > limit)
			continue;
		/* ranked by edits, then by the letters not shared ("NITS":
		 * nist before bis), then by the length difference */
		size_t lt = strlen(typed), lc = strlen(cand);
		size_t bd = bag_diff(typed, cand);
		size_t score = d * 10000 + (bd > 99 ? 99 : bd) * 100 +
			       (lt > lc ? lt - lc : lc - lt) % 100;
		size_t k = 0;
		while (k < *n && strcmp(names[k], id) != 0)
			k++;
		if (k < *n) {
			if (best[k] <= score)
				continue;
			/* a nearer name of a body already listed: take it out */
			free(names[k]);
			memmove(&best[k], &best[k + 1], (*n - k - 1) * sizeof *best);
			memmove(&names[k], &names[k + 1], (*n - k - 1) * sizeof *names);
			(*n)--;
		}
		size_t pos = *n;
		while (pos > 0 && best[pos - 1] > score)
			pos--;
		if (pos >= max)
			continue;
		if (*n == max)
			free(names[--*n]);
		memmove(&best[pos + 1], &best[pos], (*n - pos) * sizeof *best);
		memmove(&names[pos + 1], &names[pos], (*n - pos) * sizeof *names);
		best[pos] = score;
		names[pos] = pdx_strdup(id);
		(*n)++;
	}
	sqlite3_reset(s);
	for (size_t k = 0; k < *n; k++)
		out[k] = names[k];
	return PDX_OK;
}
