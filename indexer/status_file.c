/* status_file.c - the analyst's word (docs/tracking.md): a TSV file whose
 * header names the columns key, status, date, evidence and note (key and
 * status required, any order, others ignored), one requirement a line.
 * Each usable line is stored in manual_status, which re-indexing keeps;
 * a line with an unknown key, a bad status or a bad date is reported
 * with its line number and the rest of the file is kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polidex/date.h"
#include "polidex/track.h"
#include "polidex/util.h"
#include "status_file.h"

enum { C_KEY, C_STATUS, C_DATE, C_EVIDENCE, C_NOTE, C_N };
static const char *const col_names[C_N] = { "key", "status", "date", "evidence", "note" };
#define MAX_COLS 32

/* Split line (NUL-terminated, modified) at tabs into f[0..*n). */
static void split(char *line, char **f, int *n)
{
	*n = 0;
	char *p = line;
	while (*n < MAX_COLS) {
		f[(*n)++] = p;
		char *tab = strchr(p, '\t');
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	for (int i = 0; i < *n; i++) {	/* trim spaces */
		char *s = f[i];
		while (*s == ' ')
			s++;
		size_t l = strlen(s);
		while (l && (s[l - 1] == ' ' || s[l - 1] == '\r'))
			s[--l] = '\0';
		f[i] = s;
	}
}

int status_file_load(pdx_db *db, const char *prog, const char *path, int *applied, int *bad)
{
	char *buf = NULL;
	size_t len = 0;
	*applied = *bad = 0;
	if (pdx_read_file(path, 64u << 20, &buf, &len)) {
		fprintf(stderr, "%s: cannot read status file '%s'\n", prog, path);
		return PDX_EIO;
	}
	int pos[C_N] = { -1, -1, -1, -1, -1 };
	char *f[MAX_COLS];
	int nf = 0;
	long lineno = 0;
	char *p = buf, *line;
	int rc = PDX_OK;
	bool header = false;
	if (db_begin(db)) {
		free(buf);
		fprintf(stderr, "%s: status file '%s': %s\n", prog, path, db_errmsg(db));
		return PDX_ERR;
	}
	while (rc == PDX_OK && p && *p) {
		line = p;
		char *nl = strchr(p, '\n');
		if (nl) {
			*nl = '\0';
			p = nl + 1;
		} else {
			p = NULL;
		}
		lineno++;
		if (!*line || *line == '#' || strspn(line, " \t\r") == strlen(line))
			continue;
		split(line, f, &nf);
		if (!header) {
			for (int i = 0; i < nf; i++)
				for (int c = 0; c < C_N; c++)
					if (strcmp(f[i], col_names[c]) == 0)
						pos[c] = i;
			if (pos[C_KEY] < 0 || pos[C_STATUS] < 0) {
				fprintf(stderr, "%s: status file '%s' line %ld: the header must name"
					" the columns key and status (and date, evidence, note)\n",
					prog, path, lineno);
				rc = PDX_EIO;
				break;
			}
			header = true;
			continue;
		}
		const char *v[C_N];
		for (int c = 0; c < C_N; c++)
			v[c] = pos[c] >= 0 && pos[c] < nf ? f[pos[c]] : "";
		pdx_date d;
		const char *why = NULL;
		if (!*v[C_KEY])
			why = "no key";
		else if (!track_status_valid(v[C_STATUS]))
			why = "bad status";
		else if (*v[C_DATE] && pdx_date_parse(v[C_DATE], &d))
			why = "bad date";
		else if (!db_track_key_exists(db, v[C_KEY]))
			why = "unknown key";
		if (why) {
			fprintf(stderr, "%s: status file '%s' line %ld: %s '%s' (line skipped;"
				" statuses: done, in_progress, overdue, due, open, not_verified;"
				" dates YYYY-MM-DD)\n", prog, path, lineno, why,
				strcmp(why, "bad status") == 0 ? v[C_STATUS]
				: strcmp(why, "bad date") == 0 ? v[C_DATE] : v[C_KEY]);
			(*bad)++;
			continue;
		}
		if (db_track_manual_set(db, v[C_KEY], v[C_STATUS], v[C_DATE], v[C_EVIDENCE],
					v[C_NOTE], path, lineno)) {
			rc = PDX_ERR;
			break;
		}
		(*applied)++;
	}
	if (rc == PDX_OK && !header) {
		fprintf(stderr, "%s: status file '%s': no header line\n", prog, path);
		rc = PDX_EIO;
	}
	if (rc == PDX_OK && db_commit(db))
		rc = PDX_ERR;
	if (rc) {
		if (rc == PDX_ERR)
			fprintf(stderr, "%s: status file '%s': %s\n", prog, path, db_errmsg(db));
		db_rollback(db);
	}
	free(buf);
	return rc;
}
