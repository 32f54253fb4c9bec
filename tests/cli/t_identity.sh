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

# --- works and renditions ---------------------------------------------------
# the corpus holds both renditions of EO 14319 and of Proclamation 10973
run $QUERY -d "$DB" deadlines -f json
check_eq "every deadline once: no key and value twice" \
	"$(json "(lambda k: len(k) - len(set(k)))([(e['key'], e['entry']['kind'], e['entry']['value'], e['entry']['expr']) for e in d['deadlines']])")" 0
check_eq "the orders' deadlines from their canonical (White House) rendition" \
	"$(json "sorted(set(e['document']['path'].split('/')[1] for e in d['deadlines'] if e['key'].startswith(('eo-14319', 'proclamation-10973'))))")" \
	"['whitehouse']"
run $QUERY -d "$DB" show 'eo-14319:sec.4(a)'
check_rc "show eo-14319:sec.4(a)" 0
check_out "lists the Federal Register rendition" \
	"^  copy       corpus/federal-register/2025-14217-eo-14319-preventing-woke-ai\.govinfo\.excerpt\.txt  FR Doc 2025-14217  90 FR 35389  2025-07-28  \(without this record\)$"
run $QUERY -d "$DB" show 'eo-14319:sec.1' -f json
check_eq "a key names one record; its other rendition (holding it) beneath" \
	"$(json "(d['count'], d['results'][0]['document']['path'].split('/')[1], [(r['path'].split('/')[1], r['canonical'], r['line'] is not None, r['fr_doc']) for r in d['results'][0]['renditions']])")" \
	"(1, 'whitehouse', [('federal-register', False, True, '2025-14217')])"
run $QUERY -d "$DB" search --eo 14319 -k order_section -n 0 -f json
check_eq "copies stay searchable, marked copy_of" \
	"$(json "sorted(set((r['document']['path'].split('/')[1], (r.get('copy_of') or {}).get('path', '-')[:27]) for r in d['results']))")" \
	"[('federal-register', 'corpus/whitehouse/2025-07-2'), ('whitehouse', '-')]"
run $QUERY -d "$DB" docs -f json
check_eq "docs: the press release and its copy in the clippings file are one work" \
	"$(json "[(x['part'], x['copy_of']['path'].split('/')[-1][:30]) for x in d['documents'] if x['copy_of'] and 'clippings' in x['path']]")" \
	"[(2, '2025-07-23-white-house-unveils')]"
run $QUERY -d "$DB" docs
check_out "docs text: a copy listed under its work's canonical rendition" \
	"^  copy: executive_order en 2025-07-28 +10  corpus/federal-register/2025-14217-eo-14319"
check_eq "... right after it" \
	"$(grep -B3 '^  copy: executive_order' "$TMP/out" | head -1 | grep -c 'whitehouse/2025-07-23-eo-14319')" 1
run $QUERY -d "$DB" agencies -f json
agencies=$(cat "$TMP/out")

# the whole plan with its Pillar I excerpt beside it: one plan counted
mkdir -p "$TMP/plans"
P="$TMP/plans/p.db"
cp -r corpus "$TMP/plans/"
cp tests/fixtures/plan/americas-ai-action-plan.pillar-1.txt "$TMP/plans/corpus/plan/"
run $INDEX -q -d "$P" "$TMP/plans/corpus"
run $QUERY -d "$P" docs -f json
check_eq "the excerpt is a copy of the whole plan" \
	"$(json "[x['copy_of']['path'].split('/')[-1] for x in d['documents'] if x['path'].endswith('pillar-1.txt')]")" \
	"['americas-ai-action-plan.txt']"
run $QUERY -d "$P" show 'aiap:I.15.3' -f json
check_eq "aiap:I.15.3 names one record, the excerpt's beneath it" \
	"$(json "(d['count'], d['results'][0]['document']['path'].split('/')[-1], [r['path'].split('/')[-1] for r in d['results'][0]['renditions']])")" \
	"(1, 'americas-ai-action-plan.txt', ['americas-ai-action-plan.pillar-1.txt'])"
run $QUERY -d "$P" search deepfake -k recommended_action -f json
check_eq "search deepfake: each of the excerpt's records marked as a copy" \
	"$(json "sorted((r['key'], 'copy_of' in r) for r in d['results'] if r['key'] == 'aiap:I.15.3')")" \
	"[('aiap:I.15.3', False), ('aiap:I.15.3', True)]"
# (inferred pillars may move a little: the copy's words still count in
# the word statistics of the inference)
for q in "summary --as-of 2025-09-01 -f json" "deadlines -f json" "agencies -f json"; do
	run $QUERY -d "$P" $q
	cp "$TMP/out" "$TMP/with"
	run $QUERY -d "$TMP/b/p.db" $q
	cp "$TMP/out" "$TMP/without"
	case $q in
	summary*) e="[p['records']['by_source'].get('structure', 0) for p in d['pillars']]" ;;
	deadlines*) e="[(x['key'], x['entry']['kind'], x['entry']['value']) for x in d['deadlines']]" ;;
	*) e="d" ;;
	esac
	check_eq "$q: the same with the excerpt as without" \
		"$($PY -c "import json, sys; d = json.load(open(sys.argv[1])); print($e)" "$TMP/with")" \
		"$($PY -c "import json, sys; d = json.load(open(sys.argv[1])); print($e)" "$TMP/without")"
done
check_eq "no link from or to a copy's records" \
	"$(sqlite3 "$P" "SELECT count(*) FROM links l JOIN actions a ON a.id IN (l.action_id, l.plan_action_id) JOIN documents d ON d.id = a.doc_id WHERE d.copy_of IS NOT NULL")" 0

# --- works kept across updates ---------------------------------------------
# works as paths: each document's work key, its canonical rendition, and
# what it is a copy of
works() {
	sqlite3 "$1" "SELECT d.path || '#' || d.part || ' ' || coalesce(w.key, '-') || ' '
		|| coalesce((SELECT c.path FROM documents c WHERE c.id = w.canonical), '-') || ' '
		|| coalesce((SELECT c.path FROM documents c WHERE c.id = d.copy_of), '-')
		FROM documents d LEFT JOIN works w ON w.id = d.work_id ORDER BY 1"
}
W="$TMP/works"
rm -rf "$W"; mkdir -p "$W"; cp -R corpus "$W/"
# (run from $W: its relative paths are the database's, and /work's
# own corpus cannot stand in for a file pruned there)
windex() { (cd "$W" && "$INDEXA" -q "$@" -d w.db corpus); }
windex
first=$(works "$W/w.db")
check_eq "works: the corpus's three copies" \
	"$(sqlite3 "$W/w.db" "SELECT count(*) FROM documents WHERE copy_of IS NOT NULL")" 3
wid=$(sqlite3 "$W/w.db" "SELECT group_concat(id) FROM works")
printf '\nA line added to a notice.\n' >> "$W/corpus/federal-register/2025-18737-ostp-rfi-regulatory-reform-on-ai.excerpt.txt"
windex
check_eq "works: a changed notice leaves every other work as it was" \
	"$(works "$W/w.db")" "$first"
check_eq "works: and the works' rows are not rewritten" \
	"$(sqlite3 "$W/w.db" "SELECT group_concat(id) FROM works")" "$wid"
gov=$(ls "$W"/corpus/federal-register/*eo-14319*govinfo*)
mv "$gov" "$W/gone.txt"
windex --prune
check_eq "works: a copy pruned, its work has one rendition left" \
	"$(sqlite3 "$W/w.db" "SELECT count(*) FROM documents d JOIN works w ON w.id = d.work_id WHERE w.key = 'eo-14319'")" 1
mv "$W/gone.txt" "$gov"
windex
check_eq "works: put back, the works equal the first build's" \
	"$(works "$W/w.db")" "$first"
rm -rf "$W/fresh.db"
run $INDEX -q -d "$W/fresh.db" "$W/corpus"
check_eq "works: after the updates, the same as a build from scratch" \
	"$(works "$W/w.db")" "$(works "$W/fresh.db")"

finish
