#!/bin/sh
# One document, one identity: a file is stored under its resolved path,
# relative to the database's folder or to the folder holding the PATH it
# was named under; the indexer never reads a database.
. tests/cli/lib.sh
# the indexer run from another folder
INDEXA="$(pwd)/$B/polidex-index"

counts() {
	# records, dated and unresolved deadlines, summary totals
	$QUERY -d "$1" search -n 0 -f json | $PY -c "import json,sys; print(json.load(sys.stdin)['count'])"
	$QUERY -d "$1" deadlines --as-of 2025-08-01 -f json | $PY -c "import json,sys; d=json.load(sys.stdin); print(d['count'], len(d.get('unresolved', [])))"
	$QUERY -d "$1" summary --as-of 2025-09-01 -f json | $PY -c "import json,sys; print([p['records']['total'] for p in json.load(sys.stdin)['pillars']])"
}

# --- the same file by two spellings ---------------------------------------
DB="$TMP/c.db"
run $INDEX -q -d "$DB" corpus
check_rc "index corpus by a relative path" 0
before=$(counts "$DB")
state=$(db_state "$DB")
run $INDEX -d "$DB" "$(pwd)/corpus"
check_rc "then by its absolute path" 0
check_err "nothing new: every file unchanged" "0 files indexed \(0 documents, 0 records\), 18 unchanged"
check_eq "records, deadlines and summary counts unchanged" "$(counts "$DB")" "$before"
check_eq "the database unchanged" "$(db_state "$DB")" "$state"
run $INDEX -d "$DB" ./corpus/../corpus corpus/plan/americas-ai-action-plan.txt
check_err "a third spelling, and a file of it named again: still unchanged" "0 files indexed .* 18 unchanged"
run $INDEX -q -d "$TMP/two.db" corpus "$(pwd)/corpus/whitehouse"
check_eq "two spellings in one run: each file once" \
	"$(sqlite3 "$TMP/two.db" "SELECT count(*), count(DISTINCT path) FROM documents WHERE part = 0")" "17|17"
check_eq "stored relative to the working folder" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM documents WHERE path NOT LIKE 'corpus/%'")" 0
mkdir -p "$TMP/w"
run sh -c "cd '$TMP/w' && '$INDEXA' -q -d '$TMP/elsewhere.db' '$(pwd)/corpus'"
check_eq "from elsewhere, a folder named: stored under the folder's name" \
	"$(sqlite3 "$TMP/elsewhere.db" "SELECT count(*), min(path) FROM documents WHERE path LIKE 'corpus/%'")" \
	"21|corpus/federal-register/2025-02305-nsf-rfi-development-of-ai-action-plan.excerpt.txt"
run $QUERY -d "$DB" search --doc "$(pwd)/corpus/whitehouse/2025-07-23-eo-14320-promoting-the-export-of-the-american-ai-technology-stack.md" -k order_section -n 1 -f json
check_eq "--doc takes the file as the user spells it" "$(json "d['results'][0]['key'][:9]")" "eo-14320:"

# --- a corpus moved with its database keeps its identity -------------------
mkdir -p "$TMP/a"
cp -r corpus "$TMP/a/"
run $INDEX -q -d "$TMP/a/p.db" "$TMP/a/corpus"
check_eq "beside the database: stored relative to its folder" \
	"$(sqlite3 "$TMP/a/p.db" "SELECT min(path) FROM documents")" \
	"corpus/federal-register/2025-02305-nsf-rfi-development-of-ai-action-plan.excerpt.txt"
mv "$TMP/a" "$TMP/b"
run $INDEX -d "$TMP/b/p.db" "$TMP/b/corpus"
check_err "moved: every file unchanged" "0 files indexed .* 18 unchanged"

# --- the indexer never reads a database -----------------------------------
mkdir -p "$TMP/docs"
cp corpus/whitehouse/*eo-14320*.md corpus/federal-register/*18737* "$TMP/docs/"
cp "$DB" "$TMP/docs/archive.dat"			# a database by any other name
printf '\067\177\006\202%060d' 0 >"$TMP/docs/log.bin"	# a write-ahead log's header
(cd "$TMP/docs" && env -u POLIDEX_DB $INDEXA . >"$TMP/out" 2>"$TMP/err"; echo $? >"$TMP/rc")
check_eq "polidex-index . in the database's folder: exit 0" "$(cat "$TMP/rc")" 0
check_eq "nothing said of the databases" "$(grep -c 'archive\|log.bin\|polidex.db' "$TMP/err")" 0
check_err "two documents" "2 files indexed \(2 documents"
touch "$TMP/docs/polidex.db-shm" "$TMP/docs/polidex.db-wal" "$TMP/docs/polidex.db.building"
(cd "$TMP/docs" && env -u POLIDEX_DB $INDEXA . >"$TMP/out" 2>"$TMP/err"; echo $? >"$TMP/rc")
check_eq "again, beside its -wal, -shm and .building files: exit 0" "$(cat "$TMP/rc")" 0
check_err "the two unchanged, nothing else" "^polidex-index: 0 files indexed \(0 documents, 0 records\), 2 unchanged, 0 skipped$"
check_eq "the database's documents are the two" \
	"$(sqlite3 "$TMP/docs/polidex.db" "SELECT group_concat(substr(path, 1, 12), ' ') FROM (SELECT path FROM documents ORDER BY path)")" \
	"2025-07-23-e 2025-18737-o"

# --- prune finds the files by their identity -------------------------------
rm "$TMP/docs/"*18737*
(cd "$TMP/docs" && env -u POLIDEX_DB $INDEXA --prune . >"$TMP/out" 2>"$TMP/err"; echo $? >"$TMP/rc")
check_eq "--prune . drops the file gone" "$(sqlite3 "$TMP/docs/polidex.db" "SELECT count(*) FROM documents")" 1
cp -r corpus/news "$TMP/news"
run $INDEX -q -d "$TMP/docs/polidex.db" "$TMP/news"
run $INDEX -q --prune -d "$TMP/docs/polidex.db" "$TMP/docs"
check_eq "pruning one folder keeps what came from another" \
	"$(sqlite3 "$TMP/docs/polidex.db" "SELECT count(DISTINCT path) FROM documents")" 2

finish
