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
# plain text that merely holds a Published line is not read as FR
printf 'Some Memo Title\n\nPublished: 09/26/2025 by the team.\n' >"$TMP/memo.txt"
check_eq "a Published line outside FR-shaped text sets nothing" "$(doc "$TMP/memo.txt" "d.get('published')")" None

finish
