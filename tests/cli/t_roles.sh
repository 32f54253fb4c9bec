#!/bin/sh
# An order's roles in three general forms (issue 18), on a constructed
# order (tests/fixtures/agencies/order-roles.md):
# - an office acted through, in a list of partners, takes their role
#   ("in consultation with the Secretary of Commerce, through NOAA, and
#   the EPA Administrator": all three support);
# - a body named in the phrase that opens a sentence is not its actor
#   ("In light of the permit issued by BLM on ..., the Secretary shall");
# - the agent of a passive that is told to act leads, past "to me"
#   ("shall be delivered to me by the Director of OMB");
# - the subject of a passive is acted on, not acting ("NSF shall be
#   consulted"), unless told to act ("shall be required to");
# - a recipient is mentioned ("share information with X"); a concurrence or
#   a review is support ("subject to the concurrence of", "after review
#   by"); an office acted through takes its head's role in any list; a
#   thing a body owns does not act ("DIU's Blue UAS List can"); the body
#   whose budget bears an order's costs leads.
. tests/cli/lib.sh

mkdir -p "$TMP/d"
cp tests/fixtures/agencies/order-roles.md "$TMP/d/2026-03-01-eo-test-roles.md"
DB="$TMP/r.db"
run $INDEX -q -d "$DB" "$TMP/d"
check_rc "index the constructed order" 0
roles() {
	record_roles "$DB" "2026-03-01-eo-test-roles:$1"
}
check_eq "Sec. 2(a): Energy leads; Treasury, Commerce, NOAA (through which Commerce acts) and EPA support" \
	"$(roles 'sec.2(a)')" "doc:support doe:lead epa:support noaa:support treasury:support"
check_eq "Sec. 2(b): BLM, named in the opening phrase, is mentioned; Energy leads" \
	"$(roles 'sec.2(b)')" "blm:mentioned doe:lead"
check_eq "Sec. 2(c): delivered to me by the Director of OMB: OMB leads" "$(roles 'sec.2(c)')" "omb:lead"
check_eq "Sec. 2(d): a report coordinated by the Secretary of Commerce: Commerce leads" "$(roles 'sec.2(d)')" "doc:lead"
check_eq "Sec. 2(f): the subject of \"shall be consulted\" does not lead" "$(roles 'sec.2(f)')" "nsf:mentioned"
check_eq "Sec. 2(g): those information is shared with receive it: mentioned" "$(roles 'sec.2(g)')" "dod:mentioned doe:lead doj:mentioned"
check_eq "Sec. 2(h): concurrence and review are support" "$(roles 'sec.2(h)')" "doe:lead dos:support ostp:support"
check_eq "Sec. 2(i): Transportation and the FAA it acts through support alike" "$(roles 'sec.2(i)')" "dod:lead dot:support faa:support"
check_eq "Sec. 2(j): DIU's list is not DIU acting" "$(roles 'sec.2(j)')" "diu:mentioned dod:lead"
check_eq "Sec. 2(k): the channel after the actor's chain is mentioned" "$(roles 'sec.2(k)')" "dot:lead faa:lead ostp:mentioned"
check_eq "Sec. 2(l): the department whose budget bears the costs leads" "$(roles 'sec.2(l)')" "doe:lead"
check_eq "Sec. 2(m): \"reviewed and updated regularly, including by NSF\": the agent leads" "$(roles 'sec.2(m)')" "nsf:lead"
check_eq "Sec. 2(n): \"is authorized and directed to publish\": Commerce leads" "$(roles 'sec.2(n)')" "doc:lead"

finish
