#!/bin/sh
# The unseen-text check (issue 18): documents the rules were not written on
# (tests/unseen/docs), indexed with the corpus, scored against their hand
# annotation (tests/unseen: agencies.tsv, timeline.jsonl, docs.tsv) by
# tests/unseen/score.py. Prints the figures; each must stay at or above its
# floor, set a little below what was measured when the set was made, so a
# change that extracts worse fails here. Raise a floor when a change
# improves a figure; never tune a rule on these documents (see
# tests/unseen/README.md): add new documents instead.
. tests/cli/lib.sh

DB="$TMP/unseen.db"
run $INDEX -q -d "$DB" corpus tests/unseen/docs
check_rc "index the corpus and the unseen documents" 0

# score SET: score the documents of one set (docs.tsv's set column)
score() {
	run $PY tests/unseen/score.py "$DB" tests/unseen --set "$1" ${UNSEEN_VERBOSE:+-v}
	check_rc "score the $1 documents (all of them indexed)" 0
	sed 's/^# unseen:/# unseen ('"$1"'):/' "$TMP/out" | grep '^# unseen'
	cp "$TMP/out" "$TMP/score"
}

# floor NAME FLOOR WHAT: the figure NAME is at least FLOOR
floor() {
	got=$(awk -v n="$1" '$1 == "figure" && $2 == n { print $3 }' "$TMP/score")
	if [ -z "$got" ]; then
		not_ok "$3" "score.py printed no figure $1"
		return
	fi
	check_eq "$3: $got >= $2" "$(awk -v g="$got" -v f="$2" 'BEGIN { print (g + 0 >= f + 0) ? "yes" : "no" }')" yes
}

# the eight documents of the first set, never tuned on. Measured when the
# set was made (h-unseen, 873bfee): lead 0.59, support 0.95, mentioned
# 0.61, timeline found 0.69 (52/75), values right 0.90 (47/52), pillars
# 5/8; after issue 18 (h-extract): lead 0.78, support 1.00, mentioned
# 0.75, found 0.89 (67/75), values 0.93 (62/67), pillars 7/8; with the
# bodies an order creates and plural short forms (built on the issue's
# kinds and tests/fixtures/bodies, not on these): lead 0.87, mentioned
# 0.83 (score.py matches a created body to the annotation's NEW ID by the
# name its note gives); with memoranda cut as orders, the plan's subject
# for pillars, and the roles and timeline kinds built on four public
# January 2025 orders and memoranda annotated before polidex ran on them
# (tests/unseen/jan2025), then tested on constructed
# fixtures: lead 0.87, support 1.00, mentioned 0.83, found 0.91 (68/75),
# values 0.93 (63/68), pillars 7/8
score heldout
floor lead_f1 0.85 "unseen (held out): agency lead F1"
floor support_f1 0.95 "unseen (held out): agency support F1"
floor mentioned_f1 0.80 "unseen (held out): agency mentioned F1"
floor timeline_found 0.88 "unseen (held out): timeline expressions found"
floor timeline_values 0.90 "unseen (held out): timeline values right"
floor pillar_docs 6 "unseen (held out): documents in the right pillar (of 8)"

# the documents issue 18's rules were developed on (annotated before
# polidex ran on them): before lead 0.74, mentioned 0.57, timeline found
# 0.73 (8/11), values 0.88 (7/8), pillars 1/3; after lead 0.96, mentioned
# 0.80, found 1.00, values 1.00, pillars 1/3. Add new documents to
# measure the next change on text nobody tuned on.
score dev
floor lead_f1 0.90 "unseen (dev): agency lead F1"
floor support_f1 0.95 "unseen (dev): agency support F1"
floor mentioned_f1 0.75 "unseen (dev): agency mentioned F1"
floor timeline_found 0.95 "unseen (dev): timeline expressions found"
floor timeline_values 0.95 "unseen (dev): timeline values right"
floor pillar_docs 1 "unseen (dev): documents in the right pillar (of 3)"

# the sets whose text the project may not hold (tests/unseen/jan2025,
# tests/unseen/mid2025: README.md in each): scored when someone has saved
# the documents under docs/, else a skip line says so
# saved SET LEAD PILLARS: score SET, its lead F1 and pillars held to floors
saved() {
	if [ ! -d "tests/unseen/$1/docs" ]; then
		echo "# skip: the $1 set: its documents are not in the project (tests/unseen/$1/README.md says how to save them)"
		return
	fi
	DB="$TMP/$1.db"
	run $INDEX -q -d "$DB" corpus "tests/unseen/$1/docs"
	check_rc "index the corpus and the $1 documents" 0
	run $PY tests/unseen/score.py "$DB" "tests/unseen/$1" --set "$1" ${UNSEEN_VERBOSE:+-v}
	check_rc "score the $1 documents" 0
	sed 's/^# unseen:/# unseen ('"$1"'):/' "$TMP/out" | grep '^# unseen'
	cp "$TMP/out" "$TMP/score"
	floor lead_f1 "$2" "unseen ($1): agency lead F1"
	floor pillar_docs "$3" "unseen ($1): documents in the right pillar"
}
saved jan2025 0.90 4
saved mid2025 0.90 3
saved late2025 0.90 3
saved early2026 0.85 3
saved memo2025 0.90 2
saved fs2025 0.90 3
saved final2025 0.85 1

finish
