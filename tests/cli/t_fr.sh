#!/bin/sh
# CLI tests of documents as the Federal Register and news sites publish
# them: metadata read from the page itself (titles, dates).
. tests/cli/lib.sh

# doc FILE EXPR: EXPR (python, over the first record's document d) of FILE
doc() {
	run $INDEX --dump "$1"
	json "(lambda d: $2)(d[0]['document'])"
}
FR=corpus/federal-register

# --- small reader fixes: titles and dates ---------------------------------
# a Chinese article without a title line is named by its first sentence,
# as an English one is
mkdir -p "$TMP/news"
printf '美国商务部周二宣布，将在九十天内发布新的人工智能出口计划，并征求公众意见。该计划旨在推动美国技术出口。\n\n商务部表示，企业可以在十一月底前提交意见。\n' >"$TMP/news/zh.txt"
printf 'The Department of Commerce announced a new program for exporting American technology. It takes comments.\n\nCompanies may comment by November.\n' >"$TMP/news/en.txt"
check_eq "a Chinese article without a title line: its first sentence" \
	"$(doc "$TMP/news/zh.txt" "d['title']")" "美国商务部周二宣布，将在九十天内发布新的人工智能出口计划，并征求公众意见。"
check_eq "an English one: its first sentence" \
	"$(doc "$TMP/news/en.txt" "d['title']")" "The Department of Commerce announced a new program for exporting American technology."

# a Federal Register excerpt that starts below its bracketed header dates
# itself by its running head, a Published line, or a DATES paragraph that
# says when it was published; without any, it has no date (not a guess)
sed '1,5d' $FR/2025-18737-ostp-rfi-regulatory-reform-on-ai.excerpt.txt >"$TMP/ostp-bare.txt"
check_eq "an FR excerpt without header or date lines: no date, its subject as title" \
	"$(doc "$TMP/ostp-bare.txt" "(d.get('published'), d['title'])")" \
	"(None, 'Notice of Request for Information; Regulatory Reform on Artificial Intelligence')"
{ sed '1,5d' $FR/2025-18737-ostp-rfi-regulatory-reform-on-ai.excerpt.txt; printf '\nPublished: 09/26/2025\n'; } >"$TMP/ostp-pub.txt"
check_eq "... with a Published line: that date" "$(doc "$TMP/ostp-pub.txt" "d.get('published')")" 2025-09-26
sed '1,5d; s/^DATES: .*/DATES: This notice, published on September 26, 2025, invites comments on or before/' \
	$FR/2025-18737-ostp-rfi-regulatory-reform-on-ai.excerpt.txt >"$TMP/ostp-dates.txt"
check_eq "... with a DATES paragraph that says when: that date" "$(doc "$TMP/ostp-dates.txt" "d.get('published')")" 2025-09-26
sed '1,5d' $FR/2025-14217-eo-14319-preventing-woke-ai.govinfo.excerpt.txt >"$TMP/eo-bare.txt"
check_eq "an FR presidential document without its header: the running head's date, the order's title" \
	"$(doc "$TMP/eo-bare.txt" "(d.get('published'), d['title'])")" "('2025-07-28', 'Preventing Woke AI in the Federal Government')"
check_eq "the govinfo rendition of a proclamation: its own title, not the section name" \
	"$(doc $FR/2025-18601-proclamation-10973.govinfo.excerpt.txt "(d.get('published'), d['title'])")" \
	"('2025-09-24', 'Restriction on Entry of Certain Nonimmigrant Workers')"
# plain text that merely holds a Published line is not read as FR; the
# line still dates it, as a dateline of its own layout (issue 18)
printf 'Some Memo Title\n\nPublished: 09/26/2025 by the team.\n' >"$TMP/memo.txt"
check_eq "a Published line outside FR-shaped text: no FR document, dated by the line" \
	"$(doc "$TMP/memo.txt" "(d.get('type'), d.get('fr_doc'), d.get('published'))")" "('other', None, '2025-09-26')"

# --- Federal Register formats: types and identifiers ----------------------
XML=tests/fixtures/xml/2025-23853-h1b-weighted-selection-final-rule.excerpt.xml
check_eq "FR XML <RULE>: a rule, with RIN, docket, effective date, FR number from the file name" \
	"$(doc $XML "(d['kind'], d['type'], d.get('rin'), d.get('docket'), d.get('effective_on'), d.get('fr_doc'))")" \
	"('rule', 'rule', '1615-AD01', 'USCIS-2025-0040', '2026-02-27', '2025-23853')"
for root in PRORULE:proposed_rule NOTICE:notice; do
	sed "s/<RULE>/<${root%%:*}>/; s|</RULE>|</${root%%:*}>|; s/Final rule\./Request for comments./" $XML >"$TMP/x.xml"
	check_eq "FR XML <${root%%:*}>: type ${root#*:}" "$(doc "$TMP/x.xml" "d['type']")" "${root#*:}"
done
cat >"$TMP/presdocu.xml" <<'XEOF'
<?xml version="1.0" encoding="UTF-8"?>
<PRESDOCU>
<EXECORD>
<PRTPAGE P="35389"/>
<EXECORDR>Executive Order 14319 of July 23, 2025</EXECORDR>
<HD SOURCE="HED">Preventing Woke AI in the Federal Government</HD>
<FP>By the authority vested in me as President by the Constitution and the laws of the United States of America, it is hereby ordered:</FP>
<P>
<E T="04">Section 1.</E>
<E T="03">Purpose.</E> Artificial intelligence (AI) will play a critical role in how Americans of all ages learn new skills.</P>
<P>
<E T="04">Sec. 4.</E>
<E T="03">Implementation.</E> (a) Within 120 days of the date of this order, the Director of OMB shall issue guidance to agencies to implement section 3 of this order.</P>
<FRDOC>[FR Doc. 2025-14217 Filed 7-25-25; 8:45 am]</FRDOC>
</EXECORD>
</PRESDOCU>
XEOF
check_eq "FR XML <PRESDOCU>: a presidential document, an executive order, its number and FR number" \
	"$(doc "$TMP/presdocu.xml" "(d['kind'], d['type'], d.get('subtype'), d.get('number'), d.get('fr_doc'))")" \
	"('executive_order', 'presidential_document', 'executive_order', '14319', '2025-14217')"

# govinfo's text rendition: [FR Doc No: ...], [Pages ...] and the section
check_eq "govinfo text of a notice: FR number, citation, docket, comments close" \
	"$(doc $FR/2025-18737-ostp-rfi-regulatory-reform-on-ai.excerpt.txt "(d['type'], d.get('fr_doc'), d.get('citation'), d.get('docket'), d.get('comments_close_on'))")" \
	"('notice', '2025-18737', '90 FR 46422', 'OSTP-TECH-2025-0067', '2025-10-27')"
check_eq "govinfo text of EO 14319: a presidential document, its number, FR number and citation" \
	"$(doc $FR/2025-14217-eo-14319-preventing-woke-ai.govinfo.excerpt.txt "(d['kind'], d['type'], d.get('subtype'), d.get('number'), d.get('fr_doc'), d.get('citation'))")" \
	"('executive_order', 'presidential_document', 'executive_order', '14319', '2025-14217', '90 FR 35389')"
check_eq "... and of Proclamation 10973" \
	"$(doc $FR/2025-18601-proclamation-10973.govinfo.excerpt.txt "(d['kind'], d.get('subtype'), d.get('number'), d.get('citation'))")" \
	"('proclamation', 'proclamation', '10973', '90 FR 46027')"
sed '2s/.*/[Proposed Rules]/' $FR/2025-18737-ostp-rfi-regulatory-reform-on-ai.excerpt.txt >"$TMP/pr.txt"
check_eq "govinfo text under [Proposed Rules]: a proposed rule" "$(doc "$TMP/pr.txt" "d['type']")" proposed_rule
# the YAML front matter with the FR API's field names
check_eq "Markdown with FR front matter: type, FR number, date, docket, comments close" \
	"$(doc $FR/2025-19674-ita-american-ai-exports-program-rfi.excerpt.md "(d['kind'], d['type'], d.get('fr_doc'), d.get('published'), d.get('docket'), d.get('comments_close_on'))")" \
	"('notice', 'notice', '2025-19674', '2025-10-28', 'ITA-ITA-2025-0070', '2025-11-28')"

# the FR API's JSON: one document; a page of results, one per entry
J=tests/fixtures/fr-json
run $INDEX --dump $J/2025-19674-ita-american-ai-exports-program-rfi.json
check_rc "FR API JSON (one document) is read" 0
check_eq "its fields as the API states them" \
	"$(json "(lambda x: (x['format'], x['part'], x['type'], x['fr_doc'], x['published'], x['docket'], x['comments_close_on'], x['issuer']))(d[0]['document'])")" \
	"('fr-json', 0, 'notice', '2025-19674', '2025-10-28', 'ITA-ITA-2025-0070', '2025-11-28', 'doc')"
check_eq "its abstract is text, the agencies named, the comments' close an event" \
	"$(json "(any('American AI Exports Program' in r['text'] and r['text'].startswith('SUMMARY:') for r in d), [t['value'] for r in d for t in r['timeline'] if t['kind'] == 'closes'])")" \
	"(True, ['2025-11-28'])"
run $INDEX --dump $J/search-ai-notices.json
check_eq "a page of search results: one document per entry (parts 1, 2)" \
	"$(json "sorted(set((r['document']['part'], r['document']['fr_doc'], r['document'].get('citation')) for r in d))")" \
	"[(1, '2025-02305', '90 FR 9088'), (2, '2025-19674', None)]"
printf '{"count": 0, "results": [], "document_number": null}' >"$TMP/empty.json"
run $INDEX -q -d "$TMP/e.db" "$TMP/empty.json"
check_rc "a page with no entry: skipped (exit 1)" 1
check_err "with a message naming the file" "polidex-index: cannot parse '.*empty\.json': no Federal Register document in the JSON"
printf '{"document_number": "2025-1", "title": "x",\n "abstract": }' >"$TMP/bad.json"
run $INDEX -q -d "$TMP/e.db" "$TMP/bad.json"
check_err "broken JSON: the line named" "cannot parse '.*bad\.json': line 2: not valid JSON"

# fields and filters
DB="$TMP/fr.db"
run $INDEX -q -d "$DB" corpus $XML $J
check_rc "index the corpus with the FR XML and JSON fixtures" 0
run $QUERY -d "$DB" docs -f json
check_eq "docs JSON: the identifiers of the govinfo EO 14319" \
	"$(json "[(x['type'], x['subtype'], x['number'], x['fr_doc'], x['citation'], x['rin'], x['docket']) for x in d['documents'] if 'govinfo' in x['path'] and 'eo-14319' in x['path']]")" \
	"[('presidential_document', 'executive_order', '14319', '2025-14217', '90 FR 35389', [], [])]"
check_eq "docs JSON: the rule's RIN and docket are lists" \
	"$(json "[(x['type'], x['rin'], x['docket'], x['effective_on']) for x in d['documents'] if x['path'].endswith('.xml')]")" \
	"[('rule', ['1615-AD01'], ['USCIS-2025-0040'], '2026-02-27')]"
run $QUERY -d "$DB" docs
check_out "docs text: the identifiers under the title" \
	"^    notice · FR Doc 2025-18737 · 90 FR 46422 · docket OSTP-TECH-2025-0067 · comments close 2025-10-27$"
check_out "docs text: an order's type, number, FR number and citation" \
	"^    presidential_document \(executive_order\) · EO 14319 · FR Doc 2025-14217 · 90 FR 35389$"
run $QUERY -d "$DB" search --type rule -n 0 -f json
check_eq "search --type rule: the rule's records only" \
	"$(json "sorted(set(r['document']['path'] for r in d['results']))")" "['$XML']"
run $QUERY -d "$DB" search --type proclamation -n 0 -f json
check_eq "search --type proclamation: both renditions of Proclamation 10973" \
	"$(json "sorted(set(r['document']['path'].split('/')[-1][:24] for r in d['results']))")" \
	"['2025-09-19-proclamation-', '2025-18601-proclamation-']"
run $QUERY -d "$DB" search --fr 2025-19674 -n 0 -f json
check_eq "search --fr 2025-19674: the ITA notice in Markdown and in the API's JSON" \
	"$(json "sorted(set(r['document']['path'].split('/')[-1][:10] for r in d['results']))")" \
	"['2025-19674', 'search-ai-']"
run $QUERY -d "$DB" search --fr '90 FR 46422' -n 0 -f json
check_eq "search --fr by citation" "$(json "sorted(set(r['document']['path'].split('/')[-1][:10] for r in d['results']))")" "['2025-18737']"
run $QUERY -d "$DB" search --eo 14320 export -n 0 -f json
check_eq "search --eo 14320 with terms: EO 14320's records only" \
	"$(json "d['count'] > 0 and all(r['key'].startswith('eo-14320:') for r in d['results'])")" True
run $QUERY -d "$DB" search --eo 14319 -k order_section -n 0 -f json
check_eq "search --eo 14319: sections of both renditions" \
	"$(json "sorted(set(r['document']['path'].split('/')[1] for r in d['results']))")" "['federal-register', 'whitehouse']"
run $QUERY -d "$DB" search --type law
check_rc "an unknown type is a usage error" 2
check_err "naming the types, and the closest" "unknown document type 'law' \(one of: rule, proposed_rule.*did you mean 'plan'"
run $QUERY -d "$DB" search --fr 19674
check_rc "a bad FR number is a usage error" 2
run $QUERY -d "$DB" search --eo EO-14320
check_rc "a bad order number is a usage error" 2
run $QUERY -d "$DB" search --eo 99999
check_rc "an order not indexed: no results (exit 1)" 1

# --- an agency's notice in plain text: its subject is the last heading
# above AGENCY: (not the agency's or sub-agency's name above it), and its
# "Dated:" line is its signing, not the date of the order it tells of
F=tests/fixtures/text/fr-agency-notice.txt
rm -f "$TMP/frt.db"
run $INDEX -q -d "$TMP/frt.db" "$F"
check_rc "index a plain-text agency notice" 0
check_eq "its title is the subject above AGENCY:, its signing the Dated: line" \
	"$(sqlite3 "$TMP/frt.db" "SELECT title || '|' || signed || '|' || kind FROM documents")" \
	"Request for Information on Artificial Intelligence Standards|2025-09-24|notice"

finish
