#!/bin/sh
# The README's demo queries give what the README says they give.
. tests/cli/lib.sh

DB="$TMP/demo.db"
run $INDEX -d "$DB" corpus
check_err "demo: 18 files, 21 documents, 543 records" "18 files indexed \(21 documents, 543 records\)"

run $QUERY -d "$DB" search -n 3 open-weight -f json
check_eq "demo: open-weight gives the section heading, I.3.5 and the narrative" \
	"$(json "' '.join(r['kind'] for r in d['results'])")" "heading recommended_action paragraph"
check_eq "demo: the second open-weight result is aiap:I.3.5" "$(json "d['results'][1]['key']")" "aiap:I.3.5"
check_eq "demo: open-weight is marked in the snippet" \
	"$(json "'[open-weight]' in d['results'][1]['snippet']")" True

run $QUERY -d "$DB" search -k recommended_action -a NIST --role lead -n 5 -f json
check_eq "demo: NIST-led actions start with aiap:I.2.1" "$(json "d['results'][0]['key']")" "aiap:I.2.1"
check_eq "demo: every NIST-led action names NIST or a body under it as lead" \
	"$(json "all(any(a['id'] in ('nist','caisi') and a['role']=='lead' for a in r['agencies']) for r in d['results'])")" True

run $QUERY -d "$DB" search -n 3 抽签 -f json
check_eq "demo: 抽签 finds the Chinese H-1B article (part 3)" \
	"$(json "set(r['document']['part'] for r in d['results']) == {3} and all('[抽签]' in r['snippet'] for r in d['results'])")" True

run $QUERY -d "$DB" show 'eo-14320:sec.3(a)' -f json
check_eq "demo: EO 14320 Sec. 3(a) roles" \
	"$(json "[(a['id'], a['role']) for a in d['results'][0]['agencies']]")" \
	"[('doc', 'lead'), ('dos', 'support'), ('ostp', 'support')]"
check_eq "demo: EO 14320 Sec. 3(a) due 2025-10-21, 90 days from signing" \
	"$(json "[(t['kind'], t['value'], t['offset_days'], t['anchor']) for t in d['results'][0]['timeline'] if t['kind']=='deadline']")" \
	"[('deadline', '2025-10-21', 90, 'signing')]"

run $QUERY -d "$DB" deadlines --as-of 2025-08-01 --within 90 -f json
check_eq "demo: deadlines in the 90 days from 2025-08-01, in date order" \
	"$(json "[(e['key'], e['entry']['value']) for e in d['deadlines']][:4]")" \
	"[('eo-14318:sec.5(a)', '2025-08-02'), ('proclamation-10973:sec.3(a)', '2025-09-21'), ('proclamation-10973:sec.1(a)', '2025-09-21T04:01:00Z'), ('eo-14320:sec.3(a)', '2025-10-21')]"

check_eq "demo: then the OSTP RFI closing, five in all, no unresolved (a date filter)" \
	"$(json "(d['count'], d['deadlines'][4]['key'], d['deadlines'][4]['entry']['value'], d['unresolved_count'])")" \
	"(5, '2025-18737-ostp-rfi-regulatory-reform-on-ai:p9', '2025-10-28T03:59:00Z', 0)"
run $QUERY -d "$DB" deadlines --as-of 2025-08-01 --within 90
check_eq "demo: the deadlines report starts with its date" "$(head -n 1 "$TMP/out")" "As of 2025-08-01"

run $QUERY -d "$DB" summary -p 3 --as-of 2025-09-01 -f json
check_eq "demo: Pillar III is implemented first by EO 14320 and its fact sheet" \
	"$(json "sorted(x['path'].split('/')[-1][:30] for x in d['pillars'][0]['documents'][:2])")" \
	"['2025-07-23-eo-14320-promoting-', '2025-07-23-fact-sheet-promotes']"
check_eq "demo: Pillar III's next dates are EO 14320 Sec. 3(a), then the ITA RFI's close" \
	"$(json "[(x['key'], x['value']) for x in d['pillars'][0]['deadlines']['next']]")" \
	"[('eo-14320:sec.3(a)', '2025-10-21'), ('2025-19674-ita-american-ai-exports-program-rfi:p2', '2025-11-28')]"

finish
