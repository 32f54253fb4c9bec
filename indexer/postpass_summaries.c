/* postpass_summaries.c - step 7 of the post-pass: the stored summaries
 * (db_summary_refresh), and the map of every record's pillar that the
 * placement leaves for them, so that they need not read the pillars back
 * from the database. */
#include <stdlib.h>
#include <string.h>

#include "postpass_int.h"

/* Ids grow as documents are indexed again (a record is deleted and
 * inserted anew), so the map is one byte per id only while ids stay
 * within a few times the records; past that, or short of memory, there
 * is no map. */
void postpass_pillar_map_set(postpass_pillar_map *map, long nrec, int64_t id, int pillar)
{
	if (map->none)
		return;
	uint64_t limit = 4 * ((uint64_t)nrec + 65536);
	if (id < 0 || (uint64_t)id >= limit) {
		map->none = true;
		return;
	}
	if ((size_t)id >= map->cap) {
		size_t cap = map->cap ? map->cap : 4096;
		while (cap <= (size_t)id)
			cap *= 2;
		uint8_t *p = realloc(map->pillar_of, cap);
		if (!p) {
			map->none = true;
			return;
		}
		memset(p + map->cap, 0, cap - map->cap);
		map->pillar_of = p;
		map->cap = cap;
	}
	map->pillar_of[id] = (uint8_t)pillar;
	if ((size_t)id >= map->n)
		map->n = (size_t)id + 1;
}

void postpass_pillar_map_clear(postpass_pillar_map *map)
{
	free(map->pillar_of);
	memset(map, 0, sizeof *map);
}

int postpass_pillar_map_load(pdx_db *db, postpass_pillar_map *map, long nrec)
{
	postpass_pillar_map_clear(map);
	sqlite3_stmt *s = NULL;
	/* off the index of pillars (every index holds the rowid) */
	if (sqlite3_prepare_v2(db_handle(db), "SELECT rowid, pillar FROM actions WHERE pillar IS NOT NULL",
			       -1, &s, NULL) != SQLITE_OK)
		return PDX_ERR;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !map->none) {
		int p = sqlite3_column_int(s, 1);
		postpass_pillar_map_set(map, nrec, sqlite3_column_int64(s, 0), p >= 1 && p <= 3 ? p : 0);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PDX_OK : PDX_ERR;
}

int postpass_summaries(pdx_db *db, const postpass_pillar_map *map)
{
	return db_summary_refresh(db, map->none ? NULL : map->pillar_of, map->n);
}
