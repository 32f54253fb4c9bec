#!/bin/sh
# t_ux.sh - no silent wrong answers (issue 21): every enumerated option
# refuses an unknown value with the valid ones and the closest; repeated
# options are refused, not dropped; agency names as people write them;
# one date parser; printed keys and parts; missing database; exit codes.
. tests/cli/lib.sh
DB="$TMP/ux.db"
$INDEX -q -d "$DB" corpus >/dev/null 2>&1
Q="$QUERY -d $DB"

# enumerated options: exit 2, the valid values, the closest one
run $Q search -k recommended_actions -a NIST
check_rc "unknown kind: exit 2" 2
check_err "unknown kind: valid values and the closest" "unknown kind 'recommended_actions' \(one of: recommended_action, .*heading\); did you mean 'recommended_action'\?"
run $Q search -l fr
check_rc "unknown language: exit 2" 2
check_err "unknown language: the valid ones" "unknown language 'fr' \(one of: en, zh\)"
run $Q search --role leed
check_err "unknown role: the closest" "unknown role 'leed' .*did you mean 'lead'"
run $Q search -p IV
check_rc "unknown pillar: exit 2" 2
check_err "unknown pillar: the valid ones" "unknown pillar 'IV' \(one of: 1, 2, 3, I, II, III\)"
run $Q search -f jsn
check_err "unknown format: the closest" "unknown format 'jsn' \(one of: text, json, ndjson, csv\); did you mean 'json'"
run $Q deadlines -k deadlines
check_err "unknown timeline kind: the closest" "did you mean 'deadline'"
run $Q summary -f csv
check_rc "summary: a format it has not: exit 2" 2

# repeated options: refused, never silently dropped
run $Q search -a DOC --role lead --role support
check_rc "--role twice: exit 2" 2
check_err "--role twice: says so" "\-\-role given twice \('lead', 'support'\)"
run $Q search -k heading -k paragraph
check_err "--kind twice: says so" "\-\-kind given twice"
run $Q summary -a DOC -a NIST
check_rc "summary -a twice: exit 2" 2
check_err "summary -a twice: says so" "\-\-agency given twice \('DOC', 'NIST'\)"
for c in "search -f json -f csv" "search -n 1 -n 2" "deadlines -p 1 -p 2" "deadlines --within 3 --within 4" "deadlines --as-of 2025-01-01 --as-of 2025-01-02" "summary -p 1 -p 2" "search --doc a --doc b"; do
	run $Q $c
	check_rc "$c: refused" 2
	check_err "$c: given twice" "given twice"
done
run $Q search -a DOC --role lead --role lead -n 1
check_rc "the same --role twice: fine" 0

# --doc: the stored path, or a unique end of it; else the nearest
run $Q search --doc 2025-07-23-eo-14318-accelerating-federal-permitting-of-data-center-infrastructure.md -n 1
check_rc "--doc by file name" 0
run $Q search --doc eo-14318.md
check_rc "--doc unknown: exit 2" 2
check_err "--doc unknown: the nearest" "no document 'eo-14318.md' indexed; did you mean 'corpus/whitehouse/2025-07-23-eo-14318-"

# agency names as people write them
for a in Commerce "Commerce Dept" "Dept. of Commerce" "the Department of Commerce" "U.S. Commerce Department" commerce; do
	run $Q search -k recommended_action -a "$a" --role lead -n 1 -f json
	check_eq "agency '$a' is DOC" "$RC $(json 'd["count"]')" "0 1"
done
for a in Energy State Labor "Homeland Security" DoW Treasury "Department of War"; do
	run $Q search -a "$a" -n 1
	check_rc "agency '$a' resolves" 0
done
run $Q search -a NITS
check_err "suggestions ranked by closeness: nist first" "did you mean: nist,"
run $Q search -a 联邦储备
check_err "a part of a Chinese name gets a suggestion" "unknown agency '联邦储备'; did you mean: fed"
run $Q search -a ''
check_rc "empty agency: exit 2" 2
check_err "empty agency: says it is empty" "empty agency name ''"
cat >"$TMP/amb.json" <<'J'
{"format_version":1,"agencies":[{"id":"xa","name":"Department of Widgets","kind":"department"},{"id":"xb","name":"Widgets Department","acronym":"WDX","kind":"agency"}]}
J
$INDEX -q -A "$TMP/amb.json" -d "$TMP/amb.db" corpus/plan >/dev/null 2>&1
run $QUERY -d "$TMP/amb.db" search -a widgets
check_rc "ambiguous agency: exit 2" 2
check_err "ambiguous agency: its candidates" "ambiguous agency 'widgets'; it names xa and xb"

# dates: one parser
for d in 2025-02-30 2025-13-01 0000-01-01 2025-1-01; do
	for cmd in "summary --as-of" "deadlines --as-of" "search --from" "deadlines --to"; do
		run $Q $cmd $d
		check_rc "$cmd $d: exit 2" 2
	done
	check_err "bad date $d: says so" "bad date '$d' \(YYYY-MM-DD, a day that exists\)"
done
run $Q search -n ''
check_rc "search -n '': exit 2" 2
check_err "search -n '': bad limit" "bad limit ''"

# output
run $Q show '2025-ai-action-plan-and-h1b-clippings/2:kp1'
check_out "show: the part number in the document line" "^document: +corpus/news/2025-ai-action-plan-and-h1b-clippings.zh-en.txt \(part 2\):[0-9]+$"
run $Q summary -p 2
check_out "summary: a document's part" "clippings.zh-en.txt \(part [0-9]+\)  "
check_out "summary: a body without acronym by name" "lead: .*Department of the Treasury 1"
if grep -Eq 'lead: .*(treasury|army|wh) [0-9]' "$TMP/out"; then not_ok "summary: no raw ids"; else ok "summary: no raw ids"; fi
run $Q deadlines --as-of 2025-08-01
check_out "deadlines text: an As of header" "^As of 2025-08-01$"
run $Q summary -a FERC
check_rc "summary with nothing to show: exit 1" 1
run $Q agencies
check_out "agencies: children by acronym" "children: NIST, BEA"

# every key the tool prints can be given to show
run $Q summary -f json
keys=$(json '" ".join(s["key"] for p in d["pillars"] for s in p["sections"] if s["key"])')
check_out "summary JSON: a section without actions has key null" '"key":[[:space:]]*null'
n=0; bad=""
for k in $keys $(sqlite3 "$DB" "SELECT DISTINCT plan_key FROM links WHERE plan_key IS NOT NULL"); do
	n=$((n + 1))
	$Q show "$k" >/dev/null 2>&1 || bad="$bad $k"
done
check_eq "show takes every section and link key printed ($n)" "$bad" ""
run $Q show aiap:I.1
check_out "show of a section key: its actions" "^key: +aiap:I\.1\.1$"
check_eq "no link without a key (a pseudo-section)" "$(sqlite3 "$DB" "SELECT count(*) FROM links WHERE plan_key IS NULL")" 0
check_eq "no record linked to three pillars with one score" "$(sqlite3 "$DB" "SELECT count(*) FROM (SELECT action_id FROM links GROUP BY action_id HAVING count(DISTINCT pillar) = 3 AND count(DISTINCT round(score, 4)) = 1)")" 0
run $Q search -k paragraph -n 1 -f json
check_eq "JSON: label null, not missing" "$(json '"label" in d["results"][0] and d["results"][0]["label"] is None')" True

# output fits the terminal; piped, lines are whole
long=$(awk '{ if (length > m) m = length } END { print m }' <<EOT
$($Q agencies)
EOT
)
check_eq "piped: agencies lines whole (longest > 100)" "$([ "$long" -gt 100 ] && echo yes)" yes
run env COLUMNS=60 $Q search -n 3 data center
check_eq "piped, COLUMNS=60: long lines kept whole" "$([ "$(awk 'length > 60' "$TMP/out" | wc -l)" -gt 0 ] && echo yes)" yes
if have_pty; then
	for c in "agencies" "search -n 3 data center" "summary -p 2" "show aiap:I.1.1" "docs" "deadlines --as-of 2025-08-01"; do
		COLUMNS=60 script -qc "$Q $c" /dev/null </dev/null | tr -d '\r' >"$TMP/tty.out"
		check_eq "on a terminal: $c fits 60 columns" \
			"$($PY -c "import sys,unicodedata as u; print(max(sum(2 if u.east_asian_width(c) in 'WF' else 1 for c in l.rstrip('\n')) for l in open('$TMP/tty.out', encoding='utf-8')) <= 60)")" True
	done
	COLUMNS=60 script -qc "$Q search -n 3 data center" /dev/null </dev/null | tr -d '\r' >"$TMP/tty.out"
	check_out_file() { grep -q -- "$2" "$TMP/tty.out" && ok "$1" || not_ok "$1" "$(head -5 "$TMP/tty.out")"; }
	check_out_file "on a terminal: a cut line ends with an ellipsis" "…$"
	COLUMNS=60 script -qc "$Q agencies" /dev/null </dev/null | tr -d '\r' >"$TMP/tty.out"
	# wrapped at a space: the words joined again hold every name whole
	check_eq "on a terminal: agencies wrapped, nothing lost" \
		"$(sed 's/^ *//' "$TMP/tty.out" | tr '\n' ' ' | tr -s ' ' | grep -c 'Economic Development Administration')" 1
else
	ok "output on a terminal: skipped ($PTY_WHY)"
fi

# --bom: CSV with a UTF-8 byte-order mark; refused with another format
for c in "search -n 1" docs agencies "deadlines --all"; do
	run $Q $c -f csv --bom
	check_eq "$c -f csv --bom starts with the BOM" "$(head -c 3 "$TMP/out" | od -An -tx1 | tr -d ' ')" efbbbf
done
run $Q search -n 1 -f csv
check_eq "CSV without --bom: no BOM" "$(head -c 3 "$TMP/out")" "key"
run $Q search --bom -n 1
check_rc "--bom without -f csv: exit 2" 2
check_err "--bom without -f csv: says so" "\-\-bom is for CSV output"

# polidex-index: a run with no file creates no database; -f and -p refused
run $INDEX -d "$TMP/x.db" /nonexistent
check_rc "index of nothing: exit 1" 1
check_eq "index of nothing: no database left" "$([ -e "$TMP/x.db" ] && echo left || echo none)" none
check_err "index of nothing: says so" "no file to index; database '.*x.db' not created"
run $INDEX -f -d "$TMP/x.db" corpus/plan
check_rc "polidex-index -f: exit 2" 2
check_err "polidex-index -f: the hint" "\-f is no option of polidex-index \(in polidex-query it is --format\); say --force"
run $INDEX -p -d "$TMP/x.db" corpus/plan
check_err "polidex-index -p: the hint" "say --prune"
check_eq "polidex-index -f: no database" "$([ -e "$TMP/x.db" ] && echo left || echo none)" none

# a missing database: says so, with the hint; exit 3
run $QUERY -d "$TMP/nope.db" search x
check_rc "missing database: exit 3" 3
check_err "missing database: the hint" "no database '.*nope.db' \(index documents first with polidex-index -d '.*nope.db' DIR, or name one with -d DB"
finish
