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
check_eq "a new database is schema 7" "$(ver "$V2")" 7
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
check_eq "migrated to version 7" "$(ver "$V1")" 7
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
	"cannot open database '.*blocked\.db': cannot migrate the database from schema 1 to 7 \(.*\); re-index into a new file"
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
check_eq "migrated to version 7, with the documents' new columns and works" \
	"$(ver "$VT") $(sqlite3 "$VT" "SELECT count(*) FROM pragma_table_info('documents') WHERE name IN ('type', 'fr_doc', 'copy_of');
		SELECT count(*) FROM sqlite_master WHERE name = 'works'" | tr '\n' ' ')" "7 3 1 "
run $QUERY -d "$VT" search --eo 14320 -n 1 -f json
check_eq "re-indexed (an older indexer): the identifiers filled" "$(json "d['results'][0]['key'][:9]")" "eo-14320:"
run $QUERY -d "$VT" check
check_rc "the migrated database passes check" 0

# a version 2 database (before the tracker): its tables are added when
# missing, whatever else another step of the migration does
VT="$TMP/v2track.db"
cp "$V2" "$VT"
sqlite3 "$VT" "DROP TABLE requirements; DROP TABLE evidence; DROP TABLE manual_status;
	DELETE FROM meta WHERE key = 'tracker';
	PRAGMA user_version = 2;"
run $QUERY -d "$VT" status
check_rc "status on a database without the tracker's tables: exit 3" 3
check_err "saying to re-index" "has no requirements yet \(re-index it"
run $INDEX -q -d "$VT" corpus
check_rc "polidex-index opens a version 2 database" 0
check_eq "migrated to the current version (7), the tracker's tables added" \
	"$(ver "$VT") $(sqlite3 "$VT" "SELECT count(*) FROM sqlite_master WHERE name IN ('requirements', 'evidence', 'manual_status')")" "7 3"
run $QUERY -d "$VT" status -f json
check_rc "status answers on the migrated database" 0

# a database newer than the programs
VF="$TMP/future.db"
cp "$V2" "$VF"
sqlite3 "$VF" "PRAGMA user_version = 99"
run $QUERY -d "$VF" search data
check_rc "a newer schema: polidex-query refuses (exit 3)" 3
check_err "saying so" \
	"cannot open database '.*future\.db': database schema 99 is newer than this program \(7\); use a newer polidex, or re-index into a new file"
run $INDEX -q -d "$VF" corpus
check_rc "polidex-index refuses it too (exit 3)" 3
check_err "with the same message" "database schema 99 is newer than this program \(7\)"
check_eq "and leaves it as it was" "$(ver "$VF") $(db_state "$VF")" "99 $state"

# a version 2 database (before the index timeline_ranges): the query
# answers without it, the indexer adds it and nothing else changes
VR="$TMP/v2r.db"
cp "$V2" "$VR"
sq "$VR" "DROP INDEX timeline_ranges; PRAGMA user_version = 2;"
run $QUERY -d "$VR" deadlines --as-of 2024-09-01 --within 10 --all -f json
check_rc "polidex-query deadlines answers on a version 2 database" 0
cp "$TMP/out" "$TMP/dl.v2"
run $INDEX -d "$VR" corpus
check_rc "polidex-index opens a version 2 database" 0
check_eq "migrated to version 7, timeline_ranges added" \
	"$(ver "$VR") $(sqlite3 "$VR" "SELECT count(*) FROM sqlite_master WHERE name = 'timeline_ranges'")" "7 1"
check_eq "the records unchanged" "$(db_state "$VR")" "$state"
run $QUERY -d "$VR" deadlines --as-of 2024-09-01 --within 10 --all -f json
check_eq "the same deadlines with the index" "$(cmp -s "$TMP/out" "$TMP/dl.v2" && echo same)" same

# a version 3 database (main's before the compact links: a table links
# with every column, no timeline_ranges): read as it is, then migrated
# to 5 by the indexer with the same links, and check passes on it
V3="$TMP/v3.db"
cp "$V2" "$V3"
links() { sqlite3 "$1" "SELECT action_id, plan_action_id, plan_key, section, pillar, score, record_pillar FROM links ORDER BY rowid" | md5sum; }
links_before=$(links "$V2")
sq "$V3" "CREATE TABLE links_old AS SELECT action_id, plan_action_id, plan_key, section, pillar,
		score, record_pillar FROM links ORDER BY rowid;
	DROP VIEW links; DROP TABLE plan_links; DROP TABLE link_sections; DROP INDEX timeline_ranges;
	ALTER TABLE links_old RENAME TO links; PRAGMA user_version = 3;" >"$TMP/sq.err" 2>&1
check_eq "the version 3 database ($(head -c 200 "$TMP/sq.err"))" \
	"$(ver "$V3") $(sqlite3 "$V3" "SELECT type FROM sqlite_master WHERE name = 'links'")" "3 table"
run $QUERY -d "$V3" deadlines --as-of 2024-09-01 --within 10 --all -f json
check_rc "polidex-query deadlines answers on a version 3 database" 0
cp "$TMP/out" "$TMP/dl.v3"
run $QUERY -d "$V3" check
check_rc "check passes on it as it is (no schema comparison below 7)" 0
run $INDEX -q -d "$V3" corpus
check_rc "polidex-index opens a version 3 database" 0
check_eq "migrated to version 7: links a view over link_sections and plan_links, timeline_ranges added" \
	"$(ver "$V3") $(sqlite3 "$V3" "SELECT group_concat(name || ':' || type, ' ') FROM (SELECT name, type FROM sqlite_master
		WHERE name IN ('links', 'link_sections', 'plan_links', 'timeline_ranges') ORDER BY name)")" \
	"7 link_sections:table links:view plan_links:table timeline_ranges:index"
check_eq "the same links, in the same order" "$(links "$V3")" "$links_before"
run $QUERY -d "$V3" deadlines --as-of 2024-09-01 --within 10 --all -f json
check_eq "the same deadlines" "$(cmp -s "$TMP/out" "$TMP/dl.v3" && echo same)" same
run $QUERY -d "$V3" check
check_rc "the migrated database passes check (its schema compared with schema_sql)" 0
run $INDEX -q -d "$V3" corpus
check_eq "a second run changes nothing (every step added if missing)" \
	"$(ver "$V3") $(links "$V3")" "7 $links_before"
# a link whose section is gone: the view would hide it, check says so
sqlite3 "$V3" "DELETE FROM link_sections WHERE id = (SELECT min(section_id) FROM plan_links)"
run $QUERY -d "$V3" check
check_rc "check finds a link without its section (exit 3)" 3
check_out "naming it" "link without section"

# a version 6 database (each record's agency names stored in a column of
# actions, the table the index's content): read as it is; migrated to 7
# by the indexer (the column dropped, the index read through the view
# actions_text and built again from it) with the same answers
V6O="$TMP/v6.orig.db"
cp "$V2" "$V6O"
sq "$V6O" "ALTER TABLE actions ADD COLUMN agency_names TEXT;
	UPDATE actions SET agency_names = (SELECT t.agency_names FROM actions_text t WHERE t.id = actions.id);
	DROP TRIGGER actions_ad; DROP TABLE actions_fts; DROP VIEW actions_text;
	ALTER TABLE action_agencies DROP COLUMN fts;
	CREATE VIRTUAL TABLE actions_fts USING fts5(text, section, agency_names,
		content='actions', content_rowid='id', tokenize='polidex');
	INSERT INTO actions_fts(actions_fts) VALUES('rebuild');
	CREATE TRIGGER actions_ad AFTER DELETE ON actions BEGIN
		INSERT INTO actions_fts(actions_fts, rowid, text, section, agency_names)
		VALUES ('delete', old.id, old.text, old.section, old.agency_names); END;
	PRAGMA user_version = 6;" >"$TMP/sq.err" 2>&1
V6="$TMP/v6.db"
cp "$V6O" "$V6"
names() { sqlite3 "$1" "SELECT count(*) FROM pragma_table_info('actions') WHERE name = 'agency_names'"; }
flags() { sqlite3 "$1" "SELECT action_id, agency_id, role, n, fts FROM action_agencies ORDER BY action_id, n" | md5sum; }
check_eq "the version 6 database ($(head -c 200 "$TMP/sq.err"))" \
	"$(ver "$V6") $(names "$V6") $(sqlite3 "$V6" "SELECT count(*) FROM actions WHERE agency_names LIKE '%Homeland%'")" \
	"6 1 $(sqlite3 "$V2" "SELECT count(*) FROM actions_text WHERE agency_names LIKE '%Homeland%'")"
for q in "Homeland Security" "国土安全部" DHS; do
	run $QUERY -d "$V2" search -n 0 -f json "$q"
	cp "$TMP/out" "$TMP/names.v7"
	run $QUERY -d "$V6" search -n 0 -f json "$q"
	check_eq "polidex-query searches agency names on a version 6 database as on 7 ($q, $(json "d['count']") results)" \
		"$(cmp -s "$TMP/out" "$TMP/names.v7" && echo same)" same
done
check_eq "and leaves it at version 6" "$(ver "$V6") $(names "$V6")" "6 1"
run $INDEX -d "$V6" corpus
check_rc "polidex-index opens a version 6 database" 0
check_err "nothing to re-index" "0 files indexed"
check_eq "migrated to version 7: the column gone, the view there" \
	"$(ver "$V6") $(names "$V6") $(sqlite3 "$V6" "SELECT type FROM sqlite_master WHERE name = 'actions_text'")" "7 0 view"
check_eq "the agencies marked as a new database marks them" "$(flags "$V6")" "$(flags "$V2")"
check_eq "the records unchanged" "$(db_state "$V6")" "$state"
for q in "Homeland Security" "国土安全部" DHS; do
	run $QUERY -d "$V2" search -n 0 -f json "$q"
	cp "$TMP/out" "$TMP/names.v7"
	run $QUERY -d "$V6" search -n 0 -f json "$q"
	check_eq "the same search results ($q)" "$(cmp -s "$TMP/out" "$TMP/names.v7" && echo same)" same
done
run $QUERY -d "$V6" check
check_rc "the migrated database passes check (FTS5's integrity-check against the view)" 0
run $INDEX -q -d "$V6" corpus
check_eq "a second run changes nothing" "$(ver "$V6") $(names "$V6") $(flags "$V6")" "7 0 $(flags "$V2")"

# a version 5 database (action_agencies and plan_links rowid tables, each
# with an index on its key): read as it is, the agencies in their rowid's
# order; migrated to 7 by the indexer with the same rows in the same order
V5="$TMP/v5.db"
cp "$V6O" "$V5"
roles() { sqlite3 "$1" "SELECT action_id, agency_id, role FROM action_agencies ORDER BY action_id, $2" | md5sum; }
roles_before=$(roles "$V2" n)
run $QUERY -d "$V2" show -f json "$(sqlite3 "$V2" "SELECT a.key FROM actions a WHERE (SELECT count(*) FROM action_agencies r WHERE r.action_id = a.id) > 2 LIMIT 1")"
cp "$TMP/out" "$TMP/show.v6"
key5=$(sqlite3 "$V2" "SELECT a.key FROM actions a WHERE (SELECT count(*) FROM action_agencies r WHERE r.action_id = a.id) > 2 LIMIT 1")
sq "$V5" "CREATE TABLE aa_old(action_id INTEGER NOT NULL REFERENCES actions(id),
		agency_id TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY(action_id, agency_id));
	INSERT INTO aa_old SELECT action_id, agency_id, role FROM action_agencies ORDER BY action_id, n;
	DROP TABLE action_agencies; ALTER TABLE aa_old RENAME TO action_agencies;
	CREATE INDEX action_agencies_scope ON action_agencies(agency_id, role, action_id);
	CREATE TABLE pl_old(action_id INTEGER NOT NULL, plan_action_id INTEGER, section_id INTEGER NOT NULL,
		score REAL, record_pillar INTEGER);
	INSERT INTO pl_old SELECT action_id, plan_action_id, section_id, score, record_pillar
		FROM plan_links ORDER BY action_id, n;
	DROP VIEW links; DROP TABLE plan_links; ALTER TABLE pl_old RENAME TO plan_links;
	CREATE INDEX links_by_action ON plan_links(action_id);
	CREATE INDEX links_by_plan ON plan_links(plan_action_id);
	CREATE INDEX links_by_section ON plan_links(record_pillar, section_id, action_id);
	CREATE VIEW links AS SELECT l.rowid AS rowid, l.action_id AS action_id,
		l.plan_action_id AS plan_action_id,
		coalesce((SELECT p.key FROM actions p WHERE p.id = l.plan_action_id), s.key) AS plan_key,
		s.section AS section, s.pillar AS pillar, l.score AS score, l.record_pillar AS record_pillar
		FROM plan_links l JOIN link_sections s ON s.id = l.section_id;
	PRAGMA user_version = 5;" >"$TMP/sq.err" 2>&1
check_eq "the version 5 database ($(head -c 200 "$TMP/sq.err"))" \
	"$(ver "$V5") $(sqlite3 "$V5" "SELECT count(*) FROM pragma_table_info('action_agencies') WHERE name = 'n'") $(roles "$V5" rowid)" \
	"5 0 $roles_before"
run $QUERY -d "$V5" show -f json "$key5"
check_rc "polidex-query show answers on a version 5 database" 0
check_eq "the same record, agencies and links in the same order" \
	"$(cmp -s "$TMP/out" "$TMP/show.v6" && echo same)" same
check_eq "and leaves it at version 5" "$(ver "$V5")" 5
run $INDEX -q -d "$V5" corpus
check_rc "polidex-index opens a version 5 database" 0
check_eq "migrated to version 7: both tables clustered, links_by_action gone" \
	"$(ver "$V5") $(sqlite3 "$V5" "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master
		WHERE name IN ('links', 'links_by_action', 'links_by_plan', 'links_by_section', 'action_agencies_scope',
		'sqlite_autoindex_action_agencies_1') ORDER BY name);
		SELECT count(*) FROM pragma_table_info('plan_links') WHERE name = 'n'" | tr '\n' ' ')" \
	"7 action_agencies_scope links links_by_plan links_by_section 1 "
check_eq "the same agencies in the same order" "$(roles "$V5" n)" "$roles_before"
check_eq "the same links, in the same order" "$(links "$V5")" "$links_before"
run $QUERY -d "$V5" show -f json "$key5"
check_eq "the same record shown" "$(cmp -s "$TMP/out" "$TMP/show.v6" && echo same)" same
run $QUERY -d "$V5" check
check_rc "the migrated database passes check" 0

finish
