#!/bin/sh
# CLI tests of polidex-index and polidex-query over the corpus and the
# fixtures: records, formats, re-indexing, bad input, exit codes.
. tests/cli/lib.sh

DB="$TMP/corpus.db"

# --- indexing the corpus --------------------------------------------------
run $INDEX -q -d "$DB" corpus
check_rc "index corpus exits 0" 0
run $QUERY -d "$DB" docs -f json
check_rc "docs exits 0" 0
check_eq "corpus gives 21 documents (clippings file gives 4)" "$(json "d['count']")" 21
check_eq "SOURCES.md is not indexed in a folder walk" \
	"$(json "sum(1 for x in d['documents'] if x['path'].endswith('SOURCES.md'))")" 0

# --- clippings: four articles, in order, each with title and language ----
check_eq "clippings parts and languages" \
	"$(json "' '.join('%d:%s' % (x['part'], x['lang']) for x in sorted(d['documents'], key=lambda x: x['part']) if 'clippings' in x['path'])")" \
	"1:zh 2:en 3:zh 4:en"
check_eq "clippings part 1 title" \
	"$(json "[x['title'] for x in d['documents'] if 'clippings' in x['path']][0]")" \
	"白宫发布《美国AI行动计划》,打造全球AI主导权战略蓝图"
check_eq "clippings part 3 title" \
	"$(json "[x['title'] for x in sorted(d['documents'], key=lambda x: x['part']) if 'clippings' in x['path']][2]")" \
	"2026财年H-1B申请3月7日开启:新规生效,流程与抽签机制重大调整!"
check_eq "clippings parts 2 and 4 are named by their first sentence" \
	"$(json "' | '.join(x['title'][:39] for x in sorted(d['documents'], key=lambda x: x['part']) if 'clippings' in x['path'] and x['lang']=='en')")" \
	"The White House today released “Winning | Today, U.S. Citizenship and Immigration"
check_eq "document kinds" \
	"$(json "' '.join(sorted(set(x['kind'] for x in d['documents'])))")" \
	"executive_order fact_sheet news notice plan press_release proclamation"

# --- the plan's recommended actions ---------------------------------------
run $QUERY -d "$DB" search -k recommended_action -n 0 -f json
check_rc "search by kind with no terms lists records" 0
check_eq "102 recommended actions in the whole plan" "$(json "d['count']")" 102
check_eq "58, 29 and 15 actions in pillars I, II and III, by structure" \
	"$(json "' '.join(str(len([r for r in d['results'] if r['pillar']==p and r['pillar_source']=='structure'])) for p in (1, 2, 3))")" "58 29 15"
check_eq "keys run aiap:I.1.1 .. aiap:III.7.3" \
	"$(json "d['results'][0]['key'] + ' ' + d['results'][-1]['key']")" "aiap:I.1.1 aiap:III.7.3"
check_eq "no page-number or line-break debris in action text" \
	"$(json "len([r for r in d['results'] if '  ' in r['text'] or '\n' in r['text'] or '\f' in r['text']])")" 0
check_eq "action I.5.2 text joined across the page break" \
	"$(json "'reshaping the tasks and skills required' in [r['text'] for r in d['results'] if r['key']=='aiap:I.5.2'][0]")" \
	True

# the same 58 actions, keys and sections from the Markdown and HTML samples
$PY - "$TMP" <<'EOF' >"$TMP/plan-check" 2>&1
import json, subprocess, sys, os
tmp = sys.argv[1]
B = os.environ.get("B", "build")
def actions(path):
    out = subprocess.run([B + "/polidex-index", "--dump", path], capture_output=True, text=True).stdout
    return [(r["key"], r["section"], r["text"].replace("\u2019", "'")) for r in json.loads(out)
            if r["kind"] == "recommended_action"]
txt = actions("tests/fixtures/plan/americas-ai-action-plan.pillar-1.txt")
for f in ("md", "html"):
    other = actions("tests/fixtures/plan/americas-ai-action-plan.pillar-1." + f)
    print(f, len(other), "same" if other == txt else "differ")
EOF
check_eq "markdown sample gives the same 58 actions" "$(grep '^md' "$TMP/plan-check")" "md 58 same"
check_eq "html sample gives the same 58 actions" "$(grep '^html' "$TMP/plan-check")" "html 58 same"

# --- key policies and order sections --------------------------------------
run $QUERY -d "$DB" search -k key_policy -n 0 -f json
check_eq "key policies: 4 in the White House page, 4 in the clippings" "$(json "d['count']")" 8
run $QUERY -d "$DB" show eo-14318:sec.5\(a\) -f json
check_rc "show an order subsection" 0
check_eq "order subsection label and text" \
	"$(json "d['results'][0]['label'] + ' | ' + d['results'][0]['text'][:44]")" \
	"Sec. 5(a) | (a) Within 10 days of the date of this order"
check_eq "order subsection section title" "$(json "d['results'][0]['section']")" "Efficient Environmental Reviews"
run $QUERY -d "$DB" search -k order_section --doc corpus/whitehouse/2025-09-19-proclamation-10973-restriction-on-entry-of-certain-nonimmigrant-workers.md -n 0 -f json
check_eq "proclamation sections" \
	"$(json "' '.join(r['label'] for r in d['results'])")" \
	"Sec. 1(a) Sec. 1(b) Sec. 1(c) Sec. 2(a) Sec. 2(b) Sec. 2(c) Sec. 3(a) Sec. 3(b) Sec. 4(a) Sec. 4(b) Sec. 5(a) Sec. 5(b) Sec. 5(c)"

# --- search output ----------------------------------------------------------
run $QUERY -d "$DB" search open-weight -k recommended_action -f json
check_rc "search with a hyphenated term" 0
check_out "snippet marks the match" '\[open\]-\[weight\]|\[open-weight\]|\[open\]'
run $QUERY -d "$DB" search "Request for Information" -k recommended_action -n 1
check_golden "text output of a search" search-rfi.txt
run $QUERY -d "$DB" search deepfake -k recommended_action -f csv
check_golden "csv output of a search" search-deepfake.csv
run $QUERY -d "$DB" search deepfake -k recommended_action -f ndjson
check_eq "ndjson: one object per line" "$(wc -l <"$TMP/out")" 3
run $QUERY -d "$DB" search zzzznotaword
check_rc "no results exits 1" 1
run $QUERY -d "$DB" search --raw 'AI AND'
check_rc "bad --raw query exits 2" 2
check_err "bad query message names the query" "bad query 'AI AND'"
run $QUERY -d "$DB" search -p 4
check_rc "bad pillar exits 2" 2
run $QUERY -d "$DB" search --from 2025-02-30
check_rc "impossible date exits 2" 2
run $QUERY -d "$TMP/missing.db" search AI
check_rc "missing database exits 3" 3
check_err "missing database message names it" "missing.db"
run $QUERY -d "$DB" frobnicate
check_rc "unknown command exits 2" 2

# --- the USCIS page and the Federal Register XML sample -----------------
run $INDEX --dump tests/fixtures/html/2025-02-05-fy2026-h1b-cap-initial-registration-period.html
check_rc "USCIS page reads" 0
check_eq "USCIS page: no site chrome in records" \
	"$(json "len([r for r in d if any(w in r['text'] for w in ('An official website', 'Related Links', 'Accessibility', 'FOIA'))])")" 0
check_eq "USCIS page: title and date" \
	"$(json "d[0]['document']['title'] + ' ' + d[0]['document']['published']")" \
	"FY 2026 H-1B Cap Initial Registration Period Opens March 7 2025-02-05"
run $INDEX --dump tests/fixtures/xml/2025-23853-h1b-weighted-selection-final-rule.excerpt.xml
check_rc "Federal Register XML reads" 0
check_eq "FR XML: a final rule (kind rule), its subject as title" \
	"$(json "d[0]['document']['kind'] + ' | ' + d[0]['document']['title'][:30]")" \
	"rule | Weighted Selection Process for"
check_eq "FR XML: the DATES paragraph is a record" \
	"$(json "len([r for r in d if r['text'] == 'This final rule is effective February 27, 2026.'])")" 1

# --- re-indexing ------------------------------------------------------------
W="$TMP/work"
mkdir -p "$W"
cp corpus/whitehouse/2025-07-23-eo-14320-promoting-the-export-of-the-american-ai-technology-stack.md "$W/eo.md"
cp tests/fixtures/plan/americas-ai-action-plan.pillar-1.txt "$W/plan.txt"
RDB="$TMP/re.db"
run $INDEX -d "$RDB" "$W"
check_rc "index a folder" 0
run $INDEX -d "$RDB" "$W"
check_err "unchanged files are skipped" "0 files indexed .* 2 unchanged"
before=$(sqlite3 "$RDB" "SELECT count(*) FROM actions a JOIN documents d ON d.id=a.doc_id WHERE d.path LIKE '%eo.md'")
printf '\nSec. 6. Added Section. The Secretary of State shall report.\n' >>"$W/eo.md"
run $INDEX -d "$RDB" "$W"
check_err "a changed file is re-indexed" "1 file indexed .* 1 unchanged"
after=$(sqlite3 "$RDB" "SELECT count(*) FROM actions a JOIN documents d ON d.id=a.doc_id WHERE d.path LIKE '%eo.md'")
check_eq "a changed file is replaced whole" "$after" "$((before + 1))"
check_eq "keys are stable across re-indexing" \
	"$(sqlite3 "$RDB" "SELECT count(*) FROM actions WHERE key='aiap:I.3.2'")" 1
rm "$W/eo.md"
run $INDEX -d "$RDB" --prune
check_rc "prune runs" 0
check_eq "prune drops documents whose files are gone" \
	"$(sqlite3 "$RDB" "SELECT count(*) FROM documents WHERE path LIKE '%eo.md'")" 0
check_eq "prune keeps the others" "$(sqlite3 "$RDB" "SELECT count(*) FROM documents")" 1

# --- a first run builds the database in a file of its own, then renames it
# into place: the same database as a run into an existing (empty) file ---
FDB="$TMP/first.db"
IDB="$TMP/incremental.db"
: >"$IDB"
run $INDEX -q -d "$IDB" corpus
check_rc "a run into an empty file exits 0" 0
echo "left by a killed run" >"$FDB.building"
run $INDEX -q -d "$FDB" corpus
check_rc "a first run exits 0" 0
check_eq "a first run leaves no building file (and replaces a stale one)" \
	"$(ls "$TMP" | grep -c '^first\.db\.building')" 0
check_eq "a first run's database is in WAL mode" "$(sqlite3 "$FDB" "PRAGMA journal_mode")" wal
everything() {
	sqlite3 "$1" "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name;
		SELECT id, path, part, hash, kind, title FROM documents ORDER BY id;
		SELECT * FROM actions ORDER BY id; SELECT * FROM action_agencies ORDER BY action_id, n;
		SELECT * FROM timeline ORDER BY id; SELECT * FROM plan_links ORDER BY action_id, n;
		SELECT * FROM link_sections ORDER BY id;
		SELECT * FROM summary_kinds; SELECT * FROM summary_sections; SELECT * FROM summary_dues;
		SELECT * FROM ranked_lists;
		PRAGMA integrity_check;" | md5sum
}
check_eq "a first run builds the same database, indexes included" "$(everything "$FDB")" "$(everything "$IDB")"
run $QUERY -d "$FDB" check
check_rc "check passes on a first run's database" 0
run $INDEX -v -d "$TMP/verbose.db" corpus
check_rc "--verbose exits 0" 0
check_err "--verbose times the files" "^polidex-index: 18 files read, parsed and stored in [0-9]+\.[0-9]{3} s \([0-9]+ parsing threads?, a new database built whole\)$"
check_err "--verbose times each phase of the post-pass" "^polidex-index: post-pass over 543 records \(whole: a first build\): works [0-9.]+ s, document frequencies [0-9.]+ s, the plan's model [0-9.]+ s, placing and linking [0-9.]+ s, ranked lists [0-9.]+ s, indexes [0-9.]+ s, tracking [0-9.]+ s, summaries [0-9.]+ s, commit [0-9.]+ s$"
check_err "--verbose times the whole run" "^polidex-index: [0-9]+\.[0-9]{3} s in all$"
check_err "--verbose keeps the summary" "18 files indexed"
run $INDEX -v -d "$TMP/verbose.db" corpus
check_err "--verbose on an unchanged run: no post-pass, no new database" \
	"^polidex-index: 18 files read, parsed and stored in [0-9.]+ s \([0-9]+ parsing threads?\)$"
check_eq "--verbose on an unchanged run: no post-pass line" "$(grep -c post-pass "$TMP/err")" 0
# progress when stderr is a terminal (script(1) gives one), none otherwise
if have_pty; then
	script -qc "$INDEX -d '$TMP/tty.db' corpus" /dev/null 2>&1 | tr '\r' '\n' >"$TMP/tty.out"
	check_eq "on a terminal: a progress line per file" \
		"$(grep -c '^.\[K[0-9]*/18 corpus/' "$TMP/tty.out")" 18
	check_eq "on a terminal: the pass over every record says what runs" \
		"$(grep -c 'placing the records in pillars and linking them to the plan' "$TMP/tty.out")" 1
	check_eq "on a terminal: the summary still ends the run" \
		"$(grep -c '18 files indexed' "$TMP/tty.out")" 1
else
	ok "progress on a terminal: skipped ($PTY_WHY)"
fi
run $INDEX -d "$TMP/notty.db" corpus
check_eq "not on a terminal: no progress" "$(grep -c 'placing\|/12 ' "$TMP/err")" 0
printf '{ "agencies": [' >"$TMP/bad-gazetteer.json"
run $INDEX -d "$TMP/never.db" -A "$TMP/bad-gazetteer.json" corpus
check_rc "a first run with a bad gazetteer file exits 2" 2
check_eq "a first run that fails leaves no database and no building file" \
	"$(ls "$TMP" | grep -c '^never\.db')" 0
run $INDEX -d "$TMP/no-such-dir/new.db" corpus
check_rc "a first run into a missing folder exits 3" 3
check_err "a first run into a missing folder names the database" "cannot open database '$TMP/no-such-dir/new.db'"

# --- bad input: clear message naming the file, exit 1, database unchanged --
state=$(db_state "$RDB")
for f in empty.txt image.png invalid-utf8.txt nul.txt utf16.txt truncated.xml; do
	run $INDEX -d "$RDB" "tests/fixtures/bad/$f"
	check_rc "bad input $f exits 1" 1
	check_err "bad input $f message names the file" "'tests/fixtures/bad/$f'"
done
check_err "truncated XML names the line" "line [0-9]+"
run $INDEX -d "$RDB" tests/fixtures/bad/invalid-utf8.txt
check_err "invalid UTF-8 names the byte" "invalid UTF-8 at byte 35 \\(line 3\\)"
cp /bin/true "$TMP/true.bin"
run $INDEX -d "$RDB" "$TMP/true.bin"
check_rc "an ELF binary is skipped" 1
run $INDEX -d "$RDB" "$TMP/no-such-file.txt"
check_rc "a missing path exits 1" 1
check_err "a missing path is named" "no-such-file.txt"
check_eq "bad input leaves the database unchanged" "$(db_state "$RDB")" "$state"
run $INDEX -d "$RDB" tests/fixtures/bad/malformed.html
check_rc "malformed HTML is read in recovery mode" 0
run $QUERY -d "$RDB" search -n 0 --doc tests/fixtures/bad/malformed.html -f json
check_eq "malformed HTML keeps its text" "$(json "'within 30 days' in ' '.join(r['text'] for r in d['results'])")" True
mkdir -p "$TMP/mixed"
cp tests/fixtures/bad/empty.txt tests/fixtures/bad/image.png "$TMP/mixed/"
cp corpus/federal-register/2025-18737-ostp-rfi-regulatory-reform-on-ai.excerpt.txt "$TMP/mixed/fr.txt"
run $INDEX -d "$TMP/mixed.db" "$TMP/mixed"
check_rc "a folder with bad files exits 1" 1
check_err "the good file of the folder is indexed" "1 file indexed"

# --- check ---------------------------------------------------------------
run $QUERY -d "$DB" check
check_rc "check on a sound database exits 0" 0
check_out "check says ok" "^ok$"
cp "$DB" "$TMP/broken.db"
sqlite3 "$TMP/broken.db" "DROP TRIGGER actions_ad; DELETE FROM actions WHERE key='aiap:I.1.1';"
run $QUERY -d "$TMP/broken.db" check
check_rc "check on a damaged index exits 3" 3
check_out "check reports the index mismatch" "full-text rows do not match records"

# --- a limited listing is the head of the full one, whichever way the
# filters are read (sets, or record by record in document order: chosen by
# how many records each filter keeps) --------------------------------------
for f in "-a DOC" "-a NIST --exact-agency" "-p 1" "-k recommended_action -p 1" "-k key_policy" \
	"--from 2025-01-01 --to 2025-12-31" "-a DHS --from 2025-01-01" "--role lead" "-a DOC data" "-p 2 -a DOE energy" \
	"-k recommended_action -p 1 data" "-k order_section agency" "-p 1 --lang zh AI"; do
	# shellcheck disable=SC2086
	run $QUERY -d "$DB" search $f -n 0 -f json
	want=$(json "[r['key'] for r in d['results']][:5]")
	# shellcheck disable=SC2086
	run $QUERY -d "$DB" search $f -n 5 -f json
	check_eq "search $f -n 5 is the head of -n 0" "$(json "[r['key'] for r in d['results']]")" "$want"
done

# --- threads: the index does not depend on how many parse -------------------
# (corpus and fixtures together: every reader, clippings, bad files skipped)
content() {
	sqlite3 "$1" "SELECT id, doc_id, key, kind, pillar, pillar_source, section, text FROM actions ORDER BY id;
		SELECT * FROM action_agencies ORDER BY 1, 2, 3; SELECT * FROM timeline ORDER BY id;
		SELECT action_id, plan_action_id, section, pillar FROM links ORDER BY 1, 2;
		SELECT id, path, part, hash FROM documents ORDER BY id;" | md5sum | cut -c1-32
}
run $INDEX -j 1 -d "$TMP/j1.db" corpus tests/fixtures
rc1=$RC
err1=$(cat "$TMP/err")
run $INDEX -j 4 -d "$TMP/j4.db" corpus tests/fixtures
check_eq "-j 4 exits as -j 1" "$RC" "$rc1"
check_eq "-j 4 reports as -j 1, in the same order" "$(cat "$TMP/err")" "$err1"
check_eq "-j 4 stores what -j 1 stores, with the same ids" "$(content "$TMP/j4.db")" "$(content "$TMP/j1.db")"
run $INDEX -j 0 -d "$TMP/j0.db" corpus
check_rc "-j 0 is a usage error" 2
check_err "-j 0 says why" "bad --jobs '0'"

# a document that numbers its sections twice (an order and its annex):
# every record is kept, the second of a key as KEY~2
run $INDEX --dump tests/fixtures/md/eo-99999-two-numberings.md
check_eq "twice-numbered sections: keys made unique in document order" \
	"$(json "[r['key'] for r in d if 'sec.' in r['key']]")" \
	"['eo-99999:sec.1', 'eo-99999:sec.2', 'eo-99999:sec.1~2', 'eo-99999:sec.2~2']"
mkdir -p "$TMP/twice"
cp tests/fixtures/md/eo-99999-two-numberings.md "$TMP/twice/"
run $INDEX -q -d "$TMP/twice.db" "$TMP/twice"
check_rc "a document with twice-numbered sections indexes" 0
check_eq "... with both sections' deadlines" \
	"$(sqlite3 "$TMP/twice.db" "SELECT a.key, t.value FROM timeline t JOIN actions a ON a.id = t.action_id WHERE t.kind = 'deadline' ORDER BY a.id" | tr '\n' ' ')" \
	"eo-99999:sec.1|2025-10-21 eo-99999:sec.1~2|2025-08-22 "

# --- usage --------------------------------------------------------------------
run $INDEX
check_rc "no PATH is a usage error" 2
run $INDEX --bogus x
check_rc "unknown option is a usage error" 2
run $INDEX --version
check_out "index --version" "^polidex-index [0-9]"
run $QUERY --help
check_out "query --help" "^usage: polidex-query"

# the built-in data counts in what the index was built with: a database
# indexed with other data (an older gazetteer or term list) is re-indexed
# whole, and its agency table stored again
FP="$TMP/fp.db"
run $INDEX -q -d "$FP" corpus/whitehouse
check_eq "the indexer's fingerprint names its revision and its data's hash" \
	"$(sqlite3 "$FP" "SELECT value GLOB '[0-9]*.[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' FROM meta WHERE key = 'indexer'")" 1
n=$(sqlite3 "$FP" "SELECT count(*) FROM agencies")
sqlite3 "$FP" "UPDATE meta SET value = substr(value, 1, instr(value, '.')) || '0000000000000000' WHERE key = 'indexer';
	DELETE FROM agencies WHERE id = 'ai_crypto_advisor'"
run $INDEX -d "$FP" corpus/whitehouse
check_err "other data: every file indexed again" "^polidex-index: [1-9][0-9]* files indexed .*, 0 unchanged"
check_eq "... and the gazetteer stored again" "$(sqlite3 "$FP" "SELECT count(*) FROM agencies")" "$n"

# one changed file among many unchanged ones, with parsing threads: the
# threads never parse a slot the main thread has finished and filled
# again (they once did, and read a freed buffer: a crash or a wrong
# parse on updates of large corpora)
if [ -x "$B/bench/gen" ]; then
	"$B/bench/gen" -r 12k "$TMP/upd" >/dev/null
	UD="$TMP/upd.db"
	run $INDEX -q -j 2 -d "$UD" "$TMP/upd"
	check_rc "index a generated corpus of many files" 0
	first=$(find "$TMP/upd" -type f | sort | sed -n 400p)
	echo "An added paragraph on artificial intelligence." >>"$first"
	crashed=0
	# two busy loops make the threads lag as on a loaded machine, where
	# the old race showed (6 crashes in 10 such updates before the fix)
	(i=0; while [ $i -lt 3000000 ]; do i=$((i + 1)); done) &
	h1=$!
	(i=0; while [ $i -lt 3000000 ]; do i=$((i + 1)); done) &
	h2=$!
	for i in 1 2 3 4 5 6 7 8 9 10; do
		cp "$UD" "$TMP/upd$i.db"
		run $INDEX -q -j 2 -d "$TMP/upd$i.db" "$TMP/upd"
		[ "$RC" -eq 0 ] || crashed=$((crashed + 1))
	done
	kill $h1 $h2 2>/dev/null
	wait $h1 $h2 2>/dev/null
	check_eq "one file changed past hundreds unchanged, on a busy machine: ten updates, each exit 0" "$crashed" 0
	run $INDEX -v -j 2 -d "$TMP/upd1.db" "$TMP/upd"
	check_err "... and the update stored it (nothing left to index)" "0 files indexed .* unchanged"
else
	not_ok "bench/gen is built (make bench-tools)"
fi

finish
