#!/bin/sh
# The bodies a document creates, and plural short forms (issue 18): an
# order's new task force becomes an agency of that order, named by its
# short form in the rest of it; "the Secretaries" names every body of the
# list it was defined on.
. tests/cli/lib.sh

FX=tests/fixtures/bodies
DB="$TMP/b.db"
mkdir -p "$TMP/docs"
cp "$FX/quantum-order.md" "$TMP/docs/"
run $INDEX -q -d "$DB" "$TMP/docs"
check_rc "index the order" 0

roles() {
	record_roles "$DB" "quantum-order:$1"
}
TF=interagency_task_force_on_quantum_readiness
check_eq "the sentence that creates the Task Force: mentioned (what is made)" \
	"$(roles 'sec.2(a)')" "$TF:mentioned ostp:lead"
check_eq "\"the Task Force shall\": the new body leads" "$(roles 'sec.3(a)')" "$TF:lead"
check_eq "\"the Secretaries shall\": both Secretaries lead" "$(roles 'sec.3(b)')" "doc:lead doe:lead"
check_eq "a council created within DOL, then acting: it leads, DOL with it" \
	"$(roles 'sec.3(c)')" "dol:lead quantum_workforce_council:lead"

run $QUERY -d "$DB" docs -f json
check_eq "docs -f json: what the order creates, with short form and parent" \
	"$(json "[(b['id'], b['short'], b['parent']) for b in d['documents'][0]['creates']]")" \
	"[('$TF', 'Task Force', None), ('quantum_workforce_council', None, 'dol')]"
run $QUERY -d "$DB" docs
check_out "docs text: a creates line each" "^    creates: Quantum Workforce Council, within DOL  \[quantum_workforce_council\]$"

run $QUERY -d "$DB" agencies -f json
check_eq "agencies: the new bodies are agencies, named, with their parent" \
	"$(json "sorted((a['id'], a['name'], a.get('parent')) for a in d['agencies'] if a['id'] in ('$TF', 'quantum_workforce_council'))")" \
	"[('$TF', 'Interagency Task Force on Quantum Readiness', None), ('quantum_workforce_council', 'Quantum Workforce Council', 'dol')]"
run $QUERY -d "$DB" search -a quantum_workforce_council -n 0 -f json
check_eq "-a takes a new body's id" "$(json "[r['key'] for r in d['results']]")" "['quantum-order:sec.3(c)']"
run $QUERY -d "$DB" search -a "Interagency Task Force on Quantum Readiness" -n 0 -f json
check_eq "-a takes its name" "$(json "sorted(r['key'] for r in d['results'])")" \
	"['quantum-order:sec.2(a)', 'quantum-order:sec.2(b)', 'quantum-order:sec.3(a)']"

# the body goes with the last document that creates it
rm "$TMP/docs/quantum-order.md"
run $INDEX -q --prune --force -d "$DB" "$TMP/docs"
check_eq "pruned: no document creates it, no agency is left of it" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM agencies WHERE id IN ('$TF', 'quantum_workforce_council'); SELECT count(*) FROM doc_bodies; SELECT count(*) FROM agency_aliases WHERE agency_id = '$TF'" | tr '\n' ' ')" "0 0 0 "

# a gazetteer body re-established stays itself, and a bare "Task Force"
# is no name
cat > "$TMP/docs/known.md" <<'END'
---
title: "Reestablishing a Council"
type: executive_order
date: 2026-04-01
---

Sec. 1. (a) There is hereby established the National Space Council.

(b) The Secretary of Energy shall establish a Task Force to review grid planning.
END
run $INDEX -q -d "$DB" "$TMP/docs"
check_eq "no new body from a known name or a bare \"Task Force\"" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM doc_bodies")" 0

finish
