#!/bin/sh
# Fact sheets and an order as the White House pages give them (issue 18),
# on constructed texts (tests/fixtures/factsheet/README.md): a line cut by
# a hard break mid-sentence is one paragraph; a body told as acting in the
# present or past tense leads ("The VA shortens", "is using", "released",
# with a partners' clause between); a body's name before a thing it owns
# does not ("The Department of Energy building"); a misspelled name before
# a known acronym is that body; "the Council" is the council named before;
# "it is imperative that X" tells X to act; a partners' clause holds every
# partner it names; an order whose page lacks its enacting clause is still
# an order; a page's published minute stands beside the text's "Today";
# "unless such X is modified" is conditional. An article that names an
# office's holder after its title ("Director of OSTP Dana Whitfield") calls
# the office by the holder's surname and by the title alone after that;
# "joined by Under Secretary of State X, Under Secretary of Commerce Y":
# both support. An article's quotations are what officials said: "said
# Secretary of Education X" after a quotation makes the office its
# speaker, and a body acting inside it acts; "This council will" is the
# council named before; "Today's announcement" is dated, "the leaders
# of tomorrow" is not.
. tests/cli/lib.sh

mkdir -p "$TMP/d"
cp tests/fixtures/factsheet/*.md "$TMP/d/"
DB="$TMP/f.db"
run $INDEX -q -d "$DB" "$TMP/d"
check_rc "index the constructed fact sheet and order" 0

F=2026-03-10-fact-sheet-federal-ai-services
O=2026-03-11-eo-grid-reserve
roles() {
	sqlite3 "$DB" "SELECT group_concat(agency_id || ':' || role, ' ') FROM (SELECT r.agency_id, r.role FROM action_agencies r JOIN actions a ON a.id = r.action_id WHERE a.key = '$1' ORDER BY r.agency_id)"
}
check_eq "a hard break mid-sentence does not cut the paragraph" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM actions a JOIN documents d ON d.id = a.doc_id WHERE d.path LIKE '%$F%'")" 7
check_eq "... nor a bullet" "$(sqlite3 "$DB" "SELECT text FROM actions WHERE key = '$F:li2'")" \
	"The Department of Veterans Affairs (VA) shortens wait times by using AI to sort claims."
check_eq "\"the White House OMB, in coordination with OSTP, released\": OMB leads, OSTP supports" "$(roles "$F:p1")" "omb:lead ostp:support"
check_eq "\"The VA shortens wait times\": the VA leads" "$(roles "$F:li2")" "va:lead"
check_eq "\"The Social Security Administration is using AI\": it leads" "$(roles "$F:li3")" "ssa:lead"
check_eq "\"The Department of Energy building ... hosted\": DOE is only named" "$(roles "$F:li4")" "doe:mentioned"
check_eq "a misspelled name before (NASA) is NASA, acting" "$(roles "$F:li5")" "nasa:lead"
check_eq "\"The Council will advise\": the council named before leads" "$(roles "$F:li7")" "nedc:lead"

run $QUERY -d "$DB" docs -f json
check_eq "an order with sections and a White House signature, no enacting clause: an order" \
	"$(json "[x['kind'] for x in d['documents'] if '$O' in x['path']]")" "['executive_order']"
check_eq "\"It is imperative that the Department of Energy preserve\": DOE leads; the rhetoric (\"The United States must\") takes nothing away" \
	"$(roles "$O:sec.1")" "doe:lead"
check_eq "a partners' clause naming two chairs: both support" "$(roles "$O:sec.2(a)")" "doe:lead epa:support ferc:support"

timeline_of() {
	sqlite3 "$DB" "SELECT group_concat(kind || '|' || expr || '|' || coalesce(value, ''), '; ') FROM (SELECT t.kind, t.expr, t.value FROM timeline t JOIN actions a ON a.id = t.action_id WHERE a.key = '$1' ORDER BY t.id)"
}
check_eq "the page's published minute stands beside the text's \"Today\"" "$(timeline_of "$F:p1")" \
	"published|Today|2026-03-10; published|2026-03-10 14:30:00-04:00|2026-03-10T18:30:00Z"
check_eq "\"unless such designation is expressly modified\" is conditional" "$(timeline_of "$O:sec.2(b)")" \
	"conditional|unless such designation is expressly modified|"

A=2026-03-12-article-summit-delegation
check_eq "\"Assistant to the President and Director of OSTP Dana Whitfield led ..., joined by Under Secretary of State Lee Marsh, Under Secretary of Commerce Ana Ortiz\"" \
	"$(roles "$A:p1")" "doc:support dos:support ostp:lead"
check_eq "\"... ,” Director Whitfield said\": the holder's office speaks" "$(roles "$A:p2")" "ostp:lead"
check_eq "\"The Director spoke\"" "$(roles "$A:p3")" "ostp:lead"
check_eq "\"Whitfield also announced\"" "$(roles "$A:p4")" "ostp:lead"

P=2026-03-13-article-pledge
check_eq "\"said Secretary of Education Ruth Alder\": the office speaks" "$(roles "$P:p2")" "ed:lead"
check_eq "\"said U.S. Secretary of Labor Omar Field\"" "$(roles "$P:p3")" "dol:lead"
check_eq "\"At USDA, we are building\" inside an official's quotation: USDA acts" "$(roles "$P:p4")" "usda:lead"
check_eq "\"This council will report\": the council named before (PCAST)" "$(roles "$P:p5")" "pcast:lead"
check_eq "\"the leaders of tomorrow\" is no day; \"throughout the year ahead\" is vague; \"Today’s announcement\" is dated" \
	"$(timeline_of "$P:p4") / $(timeline_of "$P:p5") / $(timeline_of "$P:p6")" \
	" / vague|throughout the year ahead| / published|Today|2026-03-13"

finish
