#!/bin/sh
# Schema versions: a version 1 database (the ranked lists still named
# impact) is read as it is, and migrated in place by the indexer; one
# that cannot be migrated, and one newer than the programs, are refused
# with a message (exit 3) and left untouched.
. tests/cli/lib.sh

# The tokenizer is needed to rename a table (SQLite checks the FTS5
# table's trigger): the sqlite3 shell loads the extension (with the ASan
# runtime when the build is instrumented).
asan=$(ext_asan)
sq() {
	if [ -n "$asan" ]; then
		LD_PRELOAD=$asan ASAN_OPTIONS=detect_leaks=0 sqlite3 -cmd ".load $B/polidex" "$@"
	else
		sqlite3 -cmd ".load $B/polidex" "$@"
	fi
}
ver() { sqlite3 "$1" "PRAGMA user_version"; }
tables() { sqlite3 "$1" "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('impact', 'ranked_lists') ORDER BY name)"; }
metakeys() { sqlite3 "$1" "SELECT group_concat(key, ' ') FROM (SELECT key FROM meta WHERE key IN ('impact', 'ranked_lists') ORDER BY key)"; }

# short lists, so that the corpus's words have some
V2="$TMP/v2.db"
run $INDEX -q --x-ranked-lists=5,16,20000 -d "$V2" corpus
check_rc "index corpus" 0
check_eq "a new database is schema 3" "$(ver "$V2")" 3
check_eq "with the table ranked_lists" "$(tables "$V2")" ranked_lists
check_eq "and meta key ranked_lists" "$(metakeys "$V2")" ranked_lists
lists=$(sqlite3 "$V2" "SELECT count(*), sum(length(list)) FROM ranked_lists")
meta=$(sqlite3 "$V2" "SELECT value FROM meta WHERE key = 'ranked_lists'")
state=$(db_state "$V2")
run $QUERY -d "$V2" search -f json data
cp "$TMP/out" "$TMP/search.v2"

# a version 1 database: as the programs before the rename wrote it
V1="$TMP/v1.db"
cp "$V2" "$V1"
sq "$V1" "ALTER TABLE ranked_lists RENAME TO impact;
	UPDATE meta SET key = 'impact' WHERE key = 'ranked_lists'; PRAGMA user_version = 1;"
check_eq "the version 1 database" "$(ver "$V1") $(tables "$V1") $(metakeys "$V1")" "1 impact impact"

run $QUERY -d "$V1" search -f json data
check_rc "polidex-query answers on a version 1 database" 0
check_eq "the same results (ranking every match)" \
	"$(cmp -s "$TMP/out" "$TMP/search.v2" && echo same)" same
check_eq "and leaves it at version 1" "$(ver "$V1") $(tables "$V1")" "1 impact"

run $INDEX --x-ranked-lists=5,16,20000 -d "$V1" corpus
check_rc "polidex-index opens a version 1 database" 0
check_err "nothing to re-index" "0 files indexed"
check_eq "migrated to version 3" "$(ver "$V1")" 3
check_eq "impact renamed ranked_lists" "$(tables "$V1")" ranked_lists
check_eq "meta impact renamed ranked_lists" "$(metakeys "$V1")" ranked_lists
check_eq "the lists kept" "$(sqlite3 "$V1" "SELECT count(*), sum(length(list)) FROM ranked_lists")" "$lists"
check_eq "and still valid (meta unchanged)" \
	"$(sqlite3 "$V1" "SELECT value FROM meta WHERE key = 'ranked_lists'")" "$meta"
check_eq "the records unchanged" "$(db_state "$V1")" "$state"
run $QUERY -d "$V1" search -f json data
check_eq "the same search results" "$(cmp -s "$TMP/out" "$TMP/search.v2" && echo same)" same
run $QUERY -d "$V1" check
check_rc "the migrated database passes check" 0

# a version 1 database that cannot be migrated (a table in the way)
VB="$TMP/blocked.db"
cp "$V2" "$VB"
sq "$VB" "ALTER TABLE ranked_lists RENAME TO impact; CREATE TABLE ranked_lists(x);
	UPDATE meta SET key = 'impact' WHERE key = 'ranked_lists'; PRAGMA user_version = 1;"
run $INDEX -q -d "$VB" corpus
check_rc "a database that cannot be migrated: polidex-index refuses (exit 3)" 3
check_err "saying why and to re-index into a new file" \
	"cannot open database '.*blocked\.db': cannot migrate the database from schema 1 to 3 \(.*\); re-index into a new file"
check_eq "and leaves it as it was" "$(ver "$VB") $(tables "$VB") $(metakeys "$VB")" \
	"1 impact ranked_lists impact"

# a version 2 database: documents without type and identifiers, no works
VT="$TMP/v2old.db"
cp "$V2" "$VT"
sq "$VT" "ALTER TABLE documents DROP COLUMN type; ALTER TABLE documents DROP COLUMN subtype;
	ALTER TABLE documents DROP COLUMN fr_doc; ALTER TABLE documents DROP COLUMN fr_citation;
	ALTER TABLE documents DROP COLUMN rin; ALTER TABLE documents DROP COLUMN docket;
	ALTER TABLE documents DROP COLUMN number; ALTER TABLE documents DROP COLUMN effective_on;
	ALTER TABLE documents DROP COLUMN comments_close_on; ALTER TABLE documents DROP COLUMN work_id;
	ALTER TABLE documents DROP COLUMN copy_of; DROP TABLE works;
	UPDATE meta SET value = 'an older indexer' WHERE key = 'indexer'; PRAGMA user_version = 2;" >"$TMP/sq.err" 2>&1
check_eq "the version 2 database ($(head -c 200 "$TMP/sq.err"))" \
	"$(ver "$VT") $(sqlite3 "$VT" "SELECT count(*) FROM pragma_table_info('documents') WHERE name = 'fr_doc'")" "2 0"
run $QUERY -d "$VT" docs -f json
check_rc "polidex-query docs answers on a version 2 database" 0
check_eq "its documents without type or identifiers" \
	"$(json "sorted(set((x['type'], x['fr_doc']) for x in d['documents']))")" "[('other', None)]"
run $QUERY -d "$VT" search --eo 14320 -n 1
check_rc "a filter on identifiers finds nothing there (exit 1)" 1
check_eq "and leaves it at version 2" "$(ver "$VT")" 2
run $INDEX -q -d "$VT" corpus
check_rc "polidex-index opens a version 2 database" 0
check_eq "migrated to version 3, with the documents' new columns and works" \
	"$(ver "$VT") $(sqlite3 "$VT" "SELECT count(*) FROM pragma_table_info('documents') WHERE name IN ('type', 'fr_doc', 'copy_of');
		SELECT count(*) FROM sqlite_master WHERE name = 'works'" | tr '\n' ' ')" "3 3 1 "
run $QUERY -d "$VT" search --eo 14320 -n 1 -f json
check_eq "re-indexed (an older indexer): the identifiers filled" "$(json "d['results'][0]['key'][:9]")" "eo-14320:"
run $QUERY -d "$VT" check
check_rc "the migrated database passes check" 0

# a database newer than the programs
VF="$TMP/future.db"
cp "$V2" "$VF"
sqlite3 "$VF" "PRAGMA user_version = 99"
run $QUERY -d "$VF" search data
check_rc "a newer schema: polidex-query refuses (exit 3)" 3
check_err "saying so" \
	"cannot open database '.*future\.db': database schema 99 is newer than this program \(3\); use a newer polidex, or re-index into a new file"
run $INDEX -q -d "$VF" corpus
check_rc "polidex-index refuses it too (exit 3)" 3
check_err "with the same message" "database schema 99 is newer than this program \(3\)"
check_eq "and leaves it as it was" "$(ver "$VF") $(db_state "$VF")" "99 $state"

finish
