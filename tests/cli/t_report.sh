#!/bin/sh
# polidex-query report: the static site. Usage errors; a report of corpus/
# whose every local link resolves, which loads nothing from the network,
# whose counts equal summary -f json, whose downloads parse, which escapes
# what documents say; -p and -a; pagination on a generated corpus (no
# file over 2 MB; the time printed, not asserted); and, in headless
# Chromium, every page loaded with no console error and no request leaving
# the machine, the counts after the scripts ran, and screenshots written
# to $B/report-shots/ (skipped, saying so, when chromium is missing
# outside CI).
. tests/cli/lib.sh

DB="$TMP/c.db"
OUT="$TMP/site"
run $INDEX -q -d "$DB" corpus
check_rc "index corpus" 0
VERSION=$($QUERY -V | awk '{ print $2 }')

# ---- usage ---------------------------------------------------------------
run $QUERY -d "$DB" report
check_rc "report without -o: usage error" 2
check_err "it says -o DIR is needed" "^polidex-query: report needs -o DIR"
run $QUERY -d "$DB" report -o "$OUT" --as-of 2025-02-30
check_rc "a day that does not exist: usage error" 2
check_err "it names the date" "bad date '2025-02-30'"
run $QUERY -d "$DB" report -o "$OUT" -p 4
check_rc "pillar 4: usage error" 2
run $QUERY -d "$DB" report -o "$OUT" -a "Department of Nothing"
check_rc "an unknown agency: usage error" 2
check_err "it names the agency" "unknown agency 'Department of Nothing'"
run $QUERY -d "$DB" report -o "$OUT" extra
check_rc "an argument: usage error" 2
run $QUERY -d "$TMP/missing.db" report -o "$OUT"
check_rc "a missing database: runtime error" 3
: >"$TMP/afile"
run $QUERY -d "$DB" report -o "$TMP/afile"
check_rc "-o naming a file: runtime error" 3
check_err "it names the folder" "cannot make folder '.*afile'"
run $QUERY report -h
check_rc "report -h" 0
check_out "the usage names -o DIR" "report -o DIR"
[ -e "$OUT" ] && not_ok "no folder written on a usage error" || ok "no folder written on a usage error"

# ---- the report of corpus/ ------------------------------------------------
run $QUERY -d "$DB" report -o "$OUT" --as-of 2025-12-01
check_rc "report of corpus/" 0
check_err "it says what it wrote" "report: [0-9]+ records, [0-9]+ requirements, [0-9]+ files"
for f in index.html timeline.html matrix.html agencies.html documents.html requirements.html \
	overdue.html due-30.html due-90.html pillar-1.html pillar-2.html pillar-3.html style.css report.js; do
	[ -f "$OUT/$f" ] || not_ok "the report has $f"
done
ok "the report has its views"
check_eq "a page per requirement" "$(find "$OUT/req" -name '*.html' | wc -l | tr -d ' ')" \
	"$(sed -n 's/.*data-count="requirements">\([0-9]*\)<.*/\1/p' "$OUT/index.html" | head -n 1)"

sqlite3 "$DB" "SELECT source_url FROM documents WHERE source_url IS NOT NULL" >"$TMP/allowed"
$PY tests/report/check_site.py "$OUT" "$TMP/allowed" "$VERSION" >"$TMP/site.txt"
check_eq "every local link resolves, nothing from the network, headings, th scope, svg text, footers" \
	"$(tail -n 1 "$TMP/site.txt" | sed 's/.* problems //')" "0"
[ "$(tail -n 1 "$TMP/site.txt" | sed 's/.* problems //')" = 0 ] || head -n 20 "$TMP/site.txt" | sed 's/^/#   /'
check_eq "links out are the documents' source URLs" \
	"$(tail -n 1 "$TMP/site.txt" | awk '{ print ($6 > 0) }')" 1
# the checker itself finds a broken link and a script from the network
cp -r "$OUT" "$TMP/bad"
printf '<a href="nowhere.html">x</a><script src="https://cdn.example/x.js"></script>\n' >>"$TMP/bad/matrix.html"
$PY tests/report/check_site.py "$TMP/bad" "$TMP/allowed" "$VERSION" >"$TMP/bad.txt"
check_eq "the checker catches a broken link and a network script" \
	"$(grep -c 'broken link nowhere.html\|<script src> to the network' "$TMP/bad.txt")" 2

# the counts of the pages equal summary -f json (the same numbers the
# browser must find after the scripts ran, below)
$QUERY -d "$DB" summary --as-of 2025-12-01 -f json >"$TMP/summary.json"
cat >"$TMP/counts.py" <<'EOF'
import html.parser, json, os, sys
# counts.py SUMMARY DIR_or_COUNTS_JSON: compare the pillars' counts
summary = json.load(open(sys.argv[1]))
src = sys.argv[2]
def page_counts(path):
    class P(html.parser.HTMLParser):
        def __init__(self):
            super().__init__(); self.key = None; self.o = {}
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if "data-count" in a: self.key = a["data-count"]; self.o[self.key] = ""
        def handle_endtag(self, tag): self.key = None
        def handle_data(self, d):
            if self.key: self.o[self.key] += d
    p = P(); p.feed(open(path, encoding="utf-8").read())
    return {k: int(v.strip()) for k, v in p.o.items()}
if os.path.isdir(src):
    pages = {f"pillar-{n}.html": page_counts(os.path.join(src, f"pillar-{n}.html")) for n in (1, 2, 3)}
    index = page_counts(os.path.join(src, "index.html"))
else:
    got = json.load(open(src))["counts"]
    pages = {f"pillar-{n}.html": got[f"pillar-{n}.html"] for n in (1, 2, 3)}
    index = got["index.html"]
bad = []
for p in summary["pillars"]:
    c = pages[f"pillar-{p['pillar']}.html"]
    want = {"total": p["records"]["total"], "structure": p["records"]["by_source"]["structure"],
            "inferred": p["records"]["by_source"]["inferred"], "documents_total": p["documents_total"],
            "unresolved": p["deadlines"]["unresolved"],
            # the tracker's statuses: the report's requirements are status's
            "requirements": p["tracking"]["requirements"],
            "overdue": p["tracking"]["by_status"].get("overdue", 0)}
    want.update({"kind-" + k: v for k, v in p["records"]["by_kind"].items()})
    for k, v in want.items():
        if c.get(k) != v: bad.append(f"pillar {p['pillar']} {k}: page {c.get(k)}, summary {v}")
    if index.get(f"p{p['pillar']}-requirements") != c.get("requirements"):
        bad.append(f"pillar {p['pillar']}: overview and pillar page differ")
print("\n".join(bad) if bad else "same")
EOF
check_eq "the pillar pages hold the counts of summary -f json" "$($PY "$TMP/counts.py" "$TMP/summary.json" "$OUT")" same

# works and renditions (issue 16): the documents page has a row per work,
# its copies listed beneath its file; copies' records are counted once,
# with their work, as summary counts them
$QUERY -d "$DB" docs -f json >"$TMP/docs.json"
works=$($PY -c 'import json,sys; print(sum(1 for d in json.load(open(sys.argv[1]))["documents"] if d["copy_of"] is None))' "$TMP/docs.json")
copies=$($PY -c 'import json,sys; print(sum(1 for d in json.load(open(sys.argv[1]))["documents"] if d["copy_of"] is not None))' "$TMP/docs.json")
check_eq "corpus/ has copies (other renditions of a work)" "$(awk -v c="$copies" 'BEGIN { print (c > 0) }')" 1
check_eq "the overview counts works, not renditions" \
	"$(sed -n 's/.*data-count="documents">\([0-9]*\)<.*/\1/p' "$OUT/index.html")" "$works"
check_eq "the documents page: a row per work, all renditions named" \
	"$(sed -n 's/.*data-count="documents">\([0-9]*\)<.*data-count="files">\([0-9]*\)<.*/\1 \2/p' "$OUT/documents.html") $(grep -c '^<tr><th scope="row"' "$OUT/documents.html")" \
	"$works $((works + copies)) $works"
check_eq "each copy listed once, beneath its work's file" "$(grep -o '<li>copy: ' "$OUT/documents.html" | wc -l | tr -d ' ')" "$copies"
check_eq "the records of copies are left out (counted with their work)" \
	"$(sed -n 's/.*data-count="records">\([0-9]*\)<.*/\1/p' "$OUT/index.html")" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM actions a JOIN documents d ON d.id = a.doc_id WHERE d.copy_of IS NULL")"
check_eq "the overview's requirements are the pillars' sum" \
	"$($PY -c "
import re; s = open('$OUT/index.html').read()
c = dict(re.findall(r'data-count=\"([^\"]+)\">(\d+)<', s))
print(int(c['requirements']) == sum(int(c['p%d-requirements' % p]) for p in (0, 1, 2, 3) if 'p%d-requirements' % p in c))")" True
check_eq "the overdue list holds what the overview counts overdue" \
	"$($PY -c "
import json, re; s = open('$OUT/index.html').read()
c = dict(re.findall(r'data-count=\"([^\"]+)\">(\d+)<', s))
d = json.load(open('$OUT/overdue.json'))
print(d['total'] == sum(int(c['p%d-overdue' % p]) for p in (0, 1, 2, 3) if 'p%d-overdue' % p in c) and all(r['status'] == 'overdue' for r in d['requirements']))")" True

# downloads: JSON (cJSON) and CSV beside each list
run $PY -c "
import csv, glob, json
n = 0
for j in glob.glob('$OUT/**/*.json', recursive=True):
    d = json.load(open(j))
    assert d['format_version'] == 1 and d['count'] == len(d['requirements']), j
    rows = list(csv.DictReader(open(j[:-5] + '.csv', newline='', encoding='utf-8')))
    assert [r['key'] for r in rows] == [r['key'] for r in d['requirements']], j
    n += 1
print(n)"
check_rc "every JSON download parses and matches its CSV" 0
check_out "there are downloads" "^[1-9][0-9]*$"
check_eq "a requirement in the JSON has the status fields" \
	"$($PY -c "
import json; r = json.load(open('$OUT/pillar-1-requirements.json'))['requirements'][0]
print(sorted(k for k in r if k in ('key','status','status_source','due','agencies','document','evidence')))")" \
	"['agencies', 'document', 'due', 'evidence', 'key', 'status', 'status_source']"

# what the pages show
check_eq "pillar names in English and Chinese" \
	"$(grep -c '加速AI创新' "$OUT/index.html" | awk '{ print ($1 > 0) }')$(grep -c 'Accelerate AI Innovation' "$OUT/index.html" | awk '{ print ($1 > 0) }')" 11
check_eq "Chinese records as written, marked lang=zh" \
	"$(grep -c 'lang="zh">2026财年H-1B申请3月7日开启' "$OUT/timeline.html" | awk '{ print ($1 > 0) }')" 1
check_eq "a deadline in Eastern time (11:59 p.m. ET, October 27)" \
	"$(grep -c '2025-10-27 23:59 EDT' "$OUT/timeline.html" | awk '{ print ($1 > 0) }')" 1
check_eq "the as-of date and the version on every page" \
	"$(grep -L "Data as of <time datetime=\"2025-12-01\">2025-12-01</time>.*polidex $VERSION" $(find "$OUT" -name '*.html') | wc -l | tr -d ' ')" 0
check_eq "the overview names the pillar furthest behind and what is due next" \
	"$(grep -c 'Furthest behind' "$OUT/index.html")$(grep -c 'Due next' "$OUT/index.html")" 11
check_eq "the status source is said: the tracker" \
	"$(grep -c 'statuses: tracker' "$OUT/index.html")" 1
check_eq "the report's requirements and statuses are status -f json's" \
	"$($QUERY -d "$DB" status --as-of 2025-12-01 -f json | $PY -c "
import json, sys, glob, re
d = json.load(sys.stdin)
want = {}
for r in d['requirements']:
    want[r['status']] = want.get(r['status'], 0) + 1
print(sorted(want.items()))")" \
	"$($PY -c "
import json, glob
got = {}
for f in glob.glob('$OUT/pillar-*-requirements*.json'):
    for r in json.load(open(f))['requirements']:
        got[r['status']] = got.get(r['status'], 0) + 1
print(sorted(got.items()))")"
check_eq "the matrix links each cell to its list" \
	"$(grep -o 'href="cells/[^"]*"' "$OUT/matrix.html" | wc -l | awk '{ print ($1 > 0) }')" 1
check_eq "the EO 14318 requirement page cites its line and source URL" \
	"$(grep -l 'eo-14318:sec.7(b)' "$OUT"/req/*/*.html | xargs grep -c 'line [0-9]*).*\|whitehouse.gov/presidential-actions/2025/07/accelerating' | head -n 1 | awk -F: '{ print ($NF > 0) }')" 1

# ---- escaping: a hostile document -------------------------------------------
mkdir -p "$TMP/h"
cat >"$TMP/h/2025-08-01-eo-19999-hostile.md" <<'EOF'
---
date: '2025-08-01'
source_url: javascript:alert(1)
title: A <script>alert("t")</script> & "order"
---

By the authority vested in me as President by the Constitution and the
laws of the United States of America, it is hereby ordered:

Section 1. Purpose. The policy is stated here.

Sec. 2. Actions. (a) Within 30 days of the date of this order, the Secretary of Commerce shall report on <b onmouseover="x">data</b> 'quotes' & ampersands.
EOF
run $INDEX -q -d "$TMP/h.db" "$TMP/h"
run $QUERY -d "$TMP/h.db" report -o "$TMP/hs" --as-of 2025-12-01
check_rc "report of a hostile document" 0
check_eq "no markup of the document reaches the HTML" \
	"$(grep -l '<script>alert\|onmouseover=\|javascript:' $(find "$TMP/hs" -name '*.html') | wc -l | tr -d ' ')" 0
check_eq "its title shown escaped" \
	"$(grep -c 'A &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &quot;order&quot;' "$TMP/hs/documents.html")" 1

# ---- -p and -a ---------------------------------------------------------------
run $QUERY -d "$DB" report -o "$TMP/p2" --as-of 2025-12-01 -p 2
check_rc "report -p 2" 0
check_eq "-p 2: only pillar 2's requirements" \
	"$(grep -o 'data-count="requirements">[0-9]*' "$TMP/p2/index.html" | head -n 1 | sed 's/.*>//')" \
	"$(grep -o 'data-count="p2-requirements">[0-9]*' "$OUT/index.html" | sed 's/.*>//')"
check_eq "-p 2 says what it covers" "$(grep -c 'This report covers only pillar 2' "$TMP/p2/index.html")" 1
run $QUERY -d "$DB" report -o "$TMP/epa" --as-of 2025-12-01 -a EPA
check_rc "report -a EPA" 0
check_eq "-a EPA: its requirements name EPA" \
	"$($PY -c "
import glob, json
rs = [r for j in glob.glob('$TMP/epa/pillar-*-requirements*.json') for r in json.load(open(j))['requirements']]
print(len(rs) > 0 and all(any(a['id'] == 'epa' for a in r['agencies']) for r in rs))")" True

# ---- pagination on a generated corpus --------------------------------------
if [ -x "$B/bench/gen" ]; then
	"$B/bench/gen" -r 20k "$TMP/g" >/dev/null
	$INDEX -q -d "$TMP/g.db" "$TMP/g"
	t0=$(date +%s.%N)
	run $QUERY -d "$TMP/g.db" report -o "$TMP/gs" --as-of 2025-12-01
	t1=$(date +%s.%N)
	check_rc "report of a generated corpus of 20k records" 0
	echo "# report of 20k records: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s; $(head -c 200 "$TMP/err")"
	check_eq "lists are paginated" "$([ -f "$TMP/gs/pillar-1-requirements-2.html" ] && echo yes)" yes
	check_eq "no file over 2 MB" "$(find "$TMP/gs" -type f -size +1953k | wc -l | tr -d ' ')" 0
	echo "# largest file: $(find "$TMP/gs" -type f -printf '%s %P\n' | sort -n | tail -n 1)"
else
	not_ok "bench/gen is built (make bench-tools)"
fi

# ---- in a real browser ----------------------------------------------------------
CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
SHOTS="$B/report-shots"
REQ=$(grep -o 'href="req/[0-9]*/[0-9]*.html"' "$OUT/index.html" | head -n 1 | sed 's/href="//; s/"$//')
if [ -z "$CHROMIUM" ]; then
	if [ "${CI:-}" = true ]; then
		not_ok "chromium is installed in CI (.ci/run)"
	else
		echo "# SKIP browser tests: chromium not found (apt-get install chromium; .ci/run installs it)"
	fi
elif command -v node >/dev/null && [ -d tests/report/node_modules/puppeteer-core ]; then
	rm -rf "$SHOTS"
	CHROMIUM="$CHROMIUM" node tests/report/browse.js "$OUT" "$SHOTS" "$OUT/$REQ" >"$TMP/browse.json" 2>"$TMP/browse.err"
	check_eq "chromium loaded the report" "$?" 0
	check_eq "every page loaded" "$($PY -c "import json; print(json.load(open('$TMP/browse.json'))['pages'])")" \
		"$(find "$OUT" -name '*.html' | wc -l | tr -d ' ')"
	check_eq "no console error, no page error, no failed load" \
		"$($PY -c "import json; print(json.load(open('$TMP/browse.json'))['errors'][:5])")" "[]"
	check_eq "no request left the machine" \
		"$($PY -c "import json; d = json.load(open('$TMP/browse.json')); print(d['requests'] > 0, d['external'][:5])")" "True []"
	check_eq "after the scripts ran, the counts equal summary -f json" \
		"$($PY "$TMP/counts.py" "$TMP/summary.json" "$TMP/browse.json")" same
	for s in overview timeline requirement overview-phone; do
		[ -s "$SHOTS/$s.png" ] || not_ok "screenshot $s.png"
	done
	ok "screenshots in $SHOTS"
else
	# no driver (npm ci not run): the DOM after scripts of the main pages
	mkdir -p "$SHOTS"
	CH="$CHROMIUM --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
	mkdir -p "$TMP/dom"
	for pg in index pillar-1 pillar-2 pillar-3; do
		$CH --user-data-dir="$TMP/chr" --dump-dom "file://$OUT/$pg.html" >"$TMP/dom/$pg.html" 2>/dev/null
	done
	check_eq "the script ran (--dump-dom)" "$(grep -c '<button type="button">' "$TMP/dom/index.html" | awk '{ print ($1 > 0) }')" 1
	check_eq "after the scripts ran, the counts equal summary -f json (--dump-dom)" \
		"$($PY "$TMP/counts.py" "$TMP/summary.json" "$TMP/dom")" same
	$CH --user-data-dir="$TMP/chr" --screenshot="$SHOTS/overview.png" --window-size=1280,1100 "file://$OUT/index.html" 2>/dev/null
	$CH --user-data-dir="$TMP/chr" --screenshot="$SHOTS/timeline.png" --window-size=1280,1100 "file://$OUT/timeline.html" 2>/dev/null
	$CH --user-data-dir="$TMP/chr" --screenshot="$SHOTS/requirement.png" --window-size=1280,1000 "file://$OUT/$REQ" 2>/dev/null
	check_eq "screenshots in $SHOTS" "$(ls "$SHOTS"/overview.png "$SHOTS"/timeline.png "$SHOTS"/requirement.png 2>/dev/null | wc -l | tr -d ' ')" 3
	echo "# every page and its console: cd tests/report && npm ci (then the driver runs)"
fi

finish
