#!/bin/sh
# PDF: polidex-index reads PDFs (tests/fixtures/pdf, made by
# tests/make-pdf-fixtures.sh with headless Chromium, qpdf and cairo) as it
# reads their pdftotext rendering; bad PDFs are skipped with the reason.
. tests/cli/lib.sh

F=tests/fixtures/pdf

# --- the plan's sections: the same records as from their text rendering ---
run $INDEX -d "$TMP/pdf.db" $F/plan-sections.pdf
check_rc "index the plan sections PDF" 0
check_err "one file, one document" "1 file indexed \(1 document, 34 records\)"
run $INDEX -d "$TMP/txt.db" $F/plan-sections.txt
check_rc "index their text rendering" 0
run $QUERY -d "$TMP/pdf.db" search -k recommended_action -n 0 -f json
json "'\n'.join(r['key'] + '\t' + (r['section'] or '') + '\t' + r['text'] for r in d['results'])" >"$TMP/pdf.actions"
pdfkeys=$(json "' '.join(r['key'] for r in d['results'])")
run $QUERY -d "$TMP/txt.db" search -k recommended_action -n 0 -f json
json "'\n'.join(r['key'] + '\t' + (r['section'] or '') + '\t' + r['text'] for r in d['results'])" >"$TMP/txt.actions"
check_eq "13 recommended actions, aiap:I.1.1 .. aiap:I.3.5" \
	"$(echo $pdfkeys | wc -w) $(echo $pdfkeys | cut -d' ' -f1) $(echo $pdfkeys | awk '{print $NF}')" \
	"13 aiap:I.1.1 aiap:I.3.5"
if cmp -s "$TMP/pdf.actions" "$TMP/txt.actions"; then
	ok "PDF and text rendering: the same recommended_action keys, sections and texts"
else
	not_ok "PDF and text rendering: the same recommended_action keys, sections and texts" \
		"$(diff "$TMP/txt.actions" "$TMP/pdf.actions" | head -10)"
fi
run $QUERY -d "$TMP/pdf.db" search -n 0 -f json Protects Free Speech
check_eq "section headings searchable" "$(json "d['count'] > 0")" True
run $QUERY -d "$TMP/pdf.db" search -n 0 -f json file
check_eq "Chromium's running footer (file URL) is no record's text" \
	"$(json "[r['key'] for r in d['results'] if 'file://' in r['text']]")" "[]"
run $QUERY -d "$TMP/pdf.db" search -n 0 -f json sections
check_eq "Chromium's running header (page title) is no record's text" \
	"$(json "[r['key'] for r in d['results'] if '(sections)' in r['text']]")" "[]"
run $QUERY -d "$TMP/pdf.db" docs -f json
check_out "the PDF is a plan document" "plan-sections.pdf"
run $INDEX -d "$TMP/pdf.db" $F/plan-sections.pdf
check_err "re-indexing an unchanged PDF skips it" "0 files indexed.*1 unchanged"

# --- a record from a PDF carries its page; text output gives path:pN ---
run $QUERY -d "$TMP/pdf.db" search -n 0 -f json
check_eq "every PDF record has its page, 1..3" \
	"$(json "sorted(set(r['page'] for r in d['results']))")" "[1, 2, 3]"
p2key=$(json "[r['key'] for r in d['results'] if r['page'] == 2][0]")
run $QUERY -d "$TMP/pdf.db" show "$p2key"
check_out "show: a page-2 record's location is plan-sections.pdf:p2" "plan-sections\.pdf:p2$"
run $QUERY -d "$TMP/pdf.db" show -f json "$p2key"
check_eq "show -f json: its page" "$(json "d['results'][0]['page']")" "2"
run $QUERY -d "$TMP/pdf.db" search -n 0
check_out "search: the page, not the line" "plan-sections\.pdf:p2$"
run $QUERY -d "$TMP/txt.db" search -n 0 -f json
check_eq "a record not from a PDF: page null" \
	"$(json "sorted(set(str(r['page']) for r in d['results']))")" "['None']"
run $QUERY -d "$TMP/txt.db" search -n 1
check_out "a record not from a PDF: path:LINE" "plan-sections\.txt:[0-9]+$"

# --- a database indexed before the page column: read as it is (page
# null), migrated by the indexer (schema 5, column added), check passes
cp "$TMP/pdf.db" "$TMP/old.db"
# (its FTS trigger dropped first: sqlite3 lacks the polidex tokenizer; the
# indexer's schema creates it again)
sqlite3 "$TMP/old.db" "DROP TRIGGER actions_ad; ALTER TABLE actions DROP COLUMN page;
	UPDATE meta SET value = 'an older indexer' WHERE key = 'indexer'"
run $QUERY -d "$TMP/old.db" search -n 0 -f json
check_rc "an old database is read" 0
check_eq "an old database: page null" \
	"$(json "sorted(set(str(r['page']) for r in d['results']))")" "['None']"
run $INDEX -q -d "$TMP/old.db" $F/plan-sections.pdf
check_rc "the indexer migrates it" 0
check_eq "the column added, schema 7" \
	"$(sqlite3 "$TMP/old.db" "SELECT count(*) FROM pragma_table_info('actions') WHERE name = 'page'; PRAGMA user_version" | tr '\n' ' ')" "1 7 "
check_eq "re-indexed: pages filled" \
	"$(sqlite3 "$TMP/old.db" "SELECT count(*) FROM actions WHERE page IS NULL")" "0"
run $QUERY -d "$TMP/old.db" check
check_rc "check passes on the migrated database" 0
run $QUERY -d "$TMP/pdf.db" check
check_rc "check passes on a new database" 0

# --- drawn bullets: Chromium's print of an HTML list has no bullet in its
# text; the PDF's structure tags tell which lines begin an item
actions() {
	run $INDEX -q -d "$TMP/$2.db" "$1"
	run $QUERY -d "$TMP/$2.db" search -k recommended_action -n 0 -f json
	json "'\n'.join(r['key'] + '\t' + (r['section'] or '') + '\t' + r['text'].replace('\u2019', \"'\") for r in d['results'])"
}
actions $F/plan-pillars-2-3.html p23html >"$TMP/p23html.actions"
actions $F/plan-pillars-2-3.pdf p23pdf >"$TMP/p23pdf.actions"
check_eq "Pillars II-III printed by Chromium: 44 actions, aiap:II.1.1 .. aiap:III.7.3" \
	"$(wc -l <"$TMP/p23pdf.actions") $(head -1 "$TMP/p23pdf.actions" | cut -f1) $(tail -1 "$TMP/p23pdf.actions" | cut -f1)" \
	"44 aiap:II.1.1 aiap:III.7.3"
if cmp -s "$TMP/p23pdf.actions" "$TMP/p23html.actions"; then
	ok "and the same keys, sections and texts as the HTML page"
else
	not_ok "and the same keys, sections and texts as the HTML page" \
		"$(diff "$TMP/p23html.actions" "$TMP/p23pdf.actions" | head -10)"
fi

# --- a Chinese article printed with a CJK font -----------------------------
run $INDEX -d "$TMP/zh.db" $F/news-zh.pdf
check_rc "index the Chinese PDF" 0
for w in 监管 芯片 白宫 联邦 创新 模型; do
	run $QUERY -d "$TMP/zh.db" search -n 0 -f json "$w"
	check_eq "Chinese word $w is found in the PDF's records" \
		"$(json "d['count'] > 0 and all(r['lang'] == 'zh' and '$w' in r['text'] + (r['section'] or '') for r in d['results'])")" True
done
run $QUERY -d "$TMP/zh.db" search -n 0 -f json 去监管化
check_eq "a heading's text is the article's line" \
	"$(json "[r['text'] for r in d['results'] if r['kind'] == 'heading']")" "['去监管化,强化市场主导']"
run $QUERY -d "$TMP/zh.db" search -n 0 -f json 电网全链条
check_eq "a heading on page 2 is found whole" \
	"$(json "[r['text'] for r in d['results'] if r['kind'] == 'heading']")" "['基础设施升级:从芯片到电网全链条部署']"

# --- bad PDFs: skipped with the reason, the good files indexed --------------
run $INDEX -d "$TMP/all.db" $F
check_rc "a folder with bad PDFs exits 1" 1
check_err "encrypted PDF named, with the reason" "cannot parse '$F/encrypted.pdf': encrypted PDF"
check_err "truncated PDF named, with the reason" "cannot parse '$F/truncated.pdf': truncated PDF"
check_err "image-only PDF named, with the reason" "cannot parse '$F/image-only.pdf': no text layer"
check_err "the good files indexed, the bad skipped" "5 files indexed \(5 documents, [0-9]+ records\), 0 unchanged, 3 skipped"
run $QUERY -d "$TMP/all.db" docs
check_eq "the good PDFs and the text are documents" \
	"$(grep -c -E 'plan-sections\.pdf|news-zh\.pdf|plan-sections\.txt|plan-pillars-2-3\.pdf' "$TMP/out")" 4
# a download that is an error page, not a PDF
printf '<html><body><p>404 Not Found</p></body></html>\n' >"$TMP/memo.pdf"
run $INDEX -d "$TMP/all.db" "$TMP/memo.pdf"
check_rc "a .pdf without %PDF- is skipped" 1
check_err "and said to be no PDF" "cannot parse '.*memo.pdf': not a PDF"
# a PDF by its content, whatever its name
cp $F/plan-sections.pdf "$TMP/plan.dat"
run $INDEX -d "$TMP/any.db" "$TMP/plan.dat"
check_err "a PDF is known by %PDF-, not by its name" "1 file indexed \(1 document, 34 records\)"
finish
