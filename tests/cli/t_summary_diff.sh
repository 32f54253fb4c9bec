#!/bin/sh
# The stored summaries kept by difference (issue 19): a run that changes
# a few documents counts their old records out as they are deleted and the
# new ones in, instead of counting every record again. After each such
# run on a generated corpus, the stored summaries must say exactly what
# the same summaries counted live say (the query counts live when no
# summary is stored). The documents changed are ones with records in the
# plan's pillars, so that their counts move.
. tests/cli/lib.sh

if [ ! -x "$B/bench/gen" ]; then
	echo "# skipped: $B/bench/gen not built (make bench-tools)"
	finish
	exit 0
fi
W="$TMP/w"
mkdir -p "$W"
"$B/bench/gen" -s 11 -r 12000 "$W/c" >/dev/null
run $INDEX -q -d "$W/db" "$W/c"
check_rc "index a generated corpus" 0

check_eq "the first build's stored summaries are the live counts" "$(summaries_stored_live "$W/db")" same

# the documents (not copies, not the plan) with the most records in a pillar
docs=$(sqlite3 "$W/db" "SELECT d.path FROM actions a JOIN documents d ON d.id = a.doc_id
	WHERE a.pillar IN (1, 2, 3) AND d.kind NOT IN ('plan', 'executive_order', 'proclamation')
	AND d.copy_of IS NULL GROUP BY d.id HAVING count(*) BETWEEN 5 AND 20 ORDER BY count(*) DESC, d.path LIMIT 3")
check_eq "three documents with records in the pillars" "$(echo "$docs" | wc -l)" 3
step=0
for f in $docs; do
	step=$((step + 1))
	case "$f" in
	/*) p="$f" ;;
	*) p="$W/$f" ;;
	esac
	[ -f "$p" ] || p="$W/c/${f#c/}"
	printf '\nThe Secretary of Commerce shall report on AI exports within 45 days.\n' >>"$p"
	run $INDEX -v -d "$W/db" "$W/c"
	check_eq "step $step: a run on what changed" "$(grep -c 'post-pass on what changed' "$TMP/err")" 1
	check_eq "step $step: a document changed, the stored summaries are the live counts" "$(summaries_stored_live "$W/db")" same
done
# one removed (--prune), then put back
p=$(echo "$docs" | head -1)
[ -f "$p" ] || p="$W/c/${p#c/}"
mv "$p" "$p.off"
run $INDEX -v --prune -d "$W/db" "$W/c"
check_eq "a document removed: a run on what changed" "$(grep -c 'post-pass on what changed' "$TMP/err")" 1
check_eq "a document removed: the stored summaries are the live counts" "$(summaries_stored_live "$W/db")" same
mv "$p.off" "$p"
run $INDEX -v -d "$W/db" "$W/c"
check_eq "the document put back: the stored summaries are the live counts" "$(summaries_stored_live "$W/db")" same
run $QUERY -d "$W/db" check
check_rc "check passes after the runs" 0

finish
