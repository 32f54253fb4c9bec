#!/bin/sh
# The post-pass on what changed (issue 19): after a run that changed a
# few documents, only their records are placed, linked and counted into
# the ranked lists, and the deleted ones counted out; the result equals a
# build from scratch of the same files, table by table (cmp_tables.py).
# The bound (indexer/postpass_inc.c): while at most one record in fifty
# (and at least 64) changed since the last whole pass; past it, when the
# plan changes, or when an unchanged document becomes or stops being a
# copy, the pass runs whole and -v says why. Within the bound the records
# that did not change keep what the last whole pass gave them; on the
# corpus that is what a whole pass gives too, which this test holds.
. tests/cli/lib.sh

C="$TMP/c"
mkdir -p "$C"
cp -R corpus/. "$C/"
DB="$TMP/inc.db"
# short ranked lists, so that the corpus's words have some
RL=--x-ranked-lists=5,16,20000
run $INDEX -q $RL -d "$DB" "$C"
check_rc "index a copy of the corpus" 0

# same NAME [DRIFT ALLOW]: DB equals a build from scratch of the tree as
# it is now: exactly after a whole pass; after one on what changed, within
# the bound (cmp_tables.py): the unchanged records' scores within DRIFT of
# a whole pass's, at most ALLOW rows apart in what their pillars and
# links move. On the corpus one changed document moves scores by 0.005 at
# most and one link.
same() {
	rm -f "$TMP/scratch.db"
	$INDEX -q $RL -d "$TMP/scratch.db" "$C" >/dev/null 2>&1
	run $PY tests/cli/cmp_tables.py "$DB" "$TMP/scratch.db" --drift "${2:-0}" --allow "${3:-0}"
	check_eq "$1: every table as a build from scratch${2:+, within the bound}" "$RC" 0
	[ "$RC" -eq 0 ] || cat "$TMP/out"
}

# a notice changed: on what changed
n="$C/federal-register/2025-18737-ostp-rfi-regulatory-reform-on-ai.excerpt.txt"
printf '\nThe Director of the Office of Science and Technology Policy shall publish the responses on the data center permitting portal within 30 days.\n' >>"$n"
run $INDEX -v $RL -d "$DB" "$C"
check_rc "a notice changed" 0
check_err "-v: on what changed, with the records added and deleted" \
	"^polidex-index: post-pass on what changed \([0-9]+ records added, [0-9]+ deleted\): works"
same "a notice changed" 0.02 5

# a new notice citing orders by number, from a body that leads none of
# their sections: the orders it cites are classified, and its citations
# found as a build from scratch finds them (they were not: the orders'
# numbers were looked up before their copies were known)
cat >"$C/federal-register/2025-20000-nasa-guidance.md" <<'END'
---
title: "Agency Guidance on Removing Barriers"
document_number: "2025-20000"
publication_date: "2025-11-03"
agency: "National Aeronautics and Space Administration"
type: "Notice"
---

# Agency Guidance on Removing Barriers
**AGENCY:**
National Aeronautics and Space Administration.
**SUMMARY:**
Pursuant to section 5(a) of Executive Order 14179, the Administration issues this guidance on artificial intelligence. This notice implements Executive Order 14319 as directed by the President, covering AI procurement.
END
run $INDEX -v $RL -d "$DB" "$C"
check_err "a new notice citing orders: on what changed" "^polidex-index: post-pass on what changed"
same "a new notice citing orders" 0.02 5
ev="SELECT count(*) FROM evidence e JOIN documents d ON d.id = e.doc_id WHERE d.path LIKE '%nasa-guidance%' AND e.how = 'citation'"
check_eq "its citations as a build from scratch's" "$(sqlite3 "$DB" "$ev")" "$(sqlite3 "$TMP/scratch.db" "$ev")"
check_eq "and there are two" "$(sqlite3 "$DB" "$ev")" 2
run "$B/tests/test_ranked" "$DB"
check_out "the ranked lists updated in place answer as the full ranking" "^# passed [0-9]+ failed 0$"

# a new document, then the same one pruned
cat >"$C/whitehouse/2026-01-05-fact-sheet-grid.md" <<'END'
---
title: "Fact Sheet: Modernizing the Grid for AI Data Centers"
type: fact_sheet
date: 2026-01-05
---

The Secretary of Energy shall accelerate interconnection of data centers to the electric grid and report progress within 90 days.

The Department of Commerce will expand exports of the American AI technology stack.
END
run $INDEX -v $RL -d "$DB" "$C"
check_err "a new document: on what changed, nothing deleted" \
	"^polidex-index: post-pass on what changed \([0-9]+ records added, 0 deleted\)"
same "a new document" 0.02 5
rm "$C/whitehouse/2026-01-05-fact-sheet-grid.md"
run $INDEX -v $RL --prune -d "$DB" "$C"
check_err "a document pruned: on what changed, nothing added" \
	"^polidex-index: post-pass on what changed \(0 records added, [0-9]+ deleted\)"
same "a document pruned" 0.02 5
# records deleted and added again: the full-text index holds what the
# records hold (FTS5's integrity-check against the view actions_text, in
# check), the agency names with them
run $QUERY -d "$DB" check
check_rc "after records deleted and added: check passes (FTS5 integrity-check)" 0
run $QUERY -d "$DB" search -n 0 -f json "Department of Energy"
c1=$(json "d['count']")
run $QUERY -d "$TMP/scratch.db" search -n 0 -f json "Department of Energy"
check_eq "an agency's name found in as many records as a build from scratch ($c1)" "$(json "d['count']")" "$c1"

# nothing changed: no post-pass
run $INDEX -v $RL -d "$DB" "$C"
check_eq "nothing changed: no post-pass" "$(grep -c 'post-pass' "$TMP/err")" 0

# the plan changed: whole
printf '\nRecommended Policy Actions\n\n- Publish a plan update.\n' >>"$C/plan/americas-ai-action-plan.txt"
run $INDEX -v $RL -d "$DB" "$C"
check_err "the plan changed: the pass runs whole, and says so" \
	"^polidex-index: post-pass over [0-9]+ records \(whole: the plan changed\)"
same "after the plan changed"

# past the bound: whole
for f in "$C"/whitehouse/*.md; do printf '\nA closing line.\n' >>"$f"; done
run $INDEX -v $RL -d "$DB" "$C"
check_err "many records changed: whole, with the bound" \
	"^polidex-index: post-pass over [0-9]+ records \(whole: .*more .*than the bound.*\)"
same "past the bound"

# the run after a whole pass is incremental again
printf '\nOne more line for the notice.\n' >>"$n"
run $INDEX -v $RL -d "$DB" "$C"
check_err "after a whole pass, on what changed again" "^polidex-index: post-pass on what changed"
same "again on what changed" 0.02 5

# the kept records of a deleted document leave with the next pass
check_eq "nothing of the deleted records is kept once the pass ran" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM postpass_gone")" 0

# an order changed: placement on what changed, the tracker's step on
# what changed with every document read (a later document may cite or
# answer the order)
printf '\nSec. 9. The Secretary of Commerce shall report on AI exports within 60 days.\n' \
	>>"$C/whitehouse/2025-12-11-eo-ensuring-a-national-policy-framework-for-ai.md"
run $INDEX -v $RL -d "$DB" "$C"
check_err "an order changed: the tracker's step reads every document, and says why" \
	"^polidex-index: tracking on what changed, with every document read: an order, a proclamation or a memorandum changed"
same "an order changed" 0.02 5

# an order dated on the day the dateless plan takes from its earliest
# citer changed (after a whole pass, for the bound): the plan's day may
# move, the tracker's step runs whole
run $INDEX -q --force $RL -d "$DB" "$C"
printf '\nSec. 9. The Secretary of Commerce shall report on AI exports within 60 days.\n' \
	>>"$C/whitehouse/2025-07-23-eo-14320-promoting-the-export-of-the-american-ai-technology-stack.md"
run $INDEX -v $RL -d "$DB" "$C"
check_err "an order of the plan's day changed: the tracker's step runs whole, and says why" \
	"^polidex-index: tracking whole: a new or deleted document may move the day of a dateless one"
same "an order of the plan's day changed" 0.02 5

# the White House's copy of a proclamation now dated after the Federal
# Register's: that copy holds the requirements now, which the tracker's
# step on what changed would not write: it runs whole (or the whole
# post-pass, which sees the copies change first)
run $INDEX -q --force $RL -d "$DB" "$C"
p="$C/whitehouse/2025-09-19-proclamation-10973-restriction-on-entry-of-certain-nonimmigrant-workers.md"
sed "s/^date: '2025-09-19'/date: '2025-09-30'/; s/^published_time: 2025-09-19/published_time: 2025-09-30/" \
	"$p" >"$TMP/p.md" && cat "$TMP/p.md" >"$p"
run $INDEX -v $RL -d "$DB" "$C"
check_err "another copy of a proclamation holds its requirements now: the tracker's step runs whole" \
	"^polidex-index: (tracking whole: another copy of an order may hold its requirements now|post-pass over [0-9]+ records \(whole: 1 unchanged document became or stopped being a copy\))"
same "another copy holds the requirements" 0.02 5

# the analysts' statuses: the tracker's step whole
printf 'key\tstatus\tdate\tevidence\tnote\n' >"$TMP/st.tsv"
printf 'eo-14318:sec.5(a)\tdone\t2025-08-01\t\tCEs identified\n' >>"$TMP/st.tsv"
run $INDEX -v $RL -d "$DB" --status "$TMP/st.tsv"
check_err "a status file: the tracker's step runs whole" \
	"^polidex-index: tracking whole: the analysts' statuses changed"
check_eq "and the status holds" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM requirements WHERE key = 'eo-14318:sec.5(a)'")" 1

# a new article dated before the day the dateless plan takes from its
# earliest citer, naming it: the plan's day may move, the tracker's step
# runs whole
cat >"$C/news-early.md" <<'END'
---
title: "Early note"
type: news
date: 2025-07-01
---

Winning the Race: America's AI Action Plan is expected soon, officials said.
END
run $INDEX -v $RL -d "$DB" "$C"
check_err "a new citer earlier than the dateless plan's day: the tracker's step whole" \
	"^polidex-index: tracking whole: a new or deleted document may move the day of a dateless one"
same "an earlier citer of the plan" 0.02 5
run $QUERY -d "$DB" check
check_rc "at the end: check passes" 0

# the gazetteer changes (a user's file renames a body) while only some of
# the files are indexed again: the index rows of the other records that
# name the body are taken out with the names they were indexed with and
# put back with the new ones (the index reads the names through the
# gazetteer stored); and back again without the file
printf '{ "format_version": 1, "agencies": [ { "id": "doe", "acronym": "DOEX", "name": "Department of Energy Renamed", "zh": "美国能源部" } ] }\n' >"$TMP/gaz.json"
run $INDEX -q -A "$TMP/gaz.json" -d "$DB" "$C/whitehouse"
check_rc "a changed gazetteer, one folder indexed again" 0
run $QUERY -d "$DB" check
check_rc "check passes (the index as the records and the new names)" 0
run $QUERY -d "$DB" search -n 0 -f json DOEX
check_eq "the new acronym found in records outside the folder" \
	"$(json "len([r for r in d['results'] if '/whitehouse/' not in r['document']['path']]) > 0")" True
run $INDEX -q -d "$DB" "$C"
check_rc "the built-in gazetteer again" 0
run $QUERY -d "$DB" check
check_rc "check passes" 0
run $QUERY -d "$DB" search -n 0 DOEX
check_rc "the acronym gone with the file (exit 1: no match)" 1

finish
