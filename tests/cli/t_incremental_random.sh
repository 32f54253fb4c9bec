#!/bin/sh
# The post-pass on what changed under random updates (issue 19): a small
# generated corpus, then files appended to, removed, put back and copied in
# a fixed pseudo-random order; after each run, the database against one
# built from scratch of the same files (cmp_tables.py), within the bound
# of indexer/postpass_inc.c. On 3,000 records one change moves a few
# borderline pillars, so up to 30 rows may differ in what pillars move and
# the scores of the others by 0.05 at most.
. tests/cli/lib.sh

if [ ! -x "$B/bench/gen" ]; then
	echo "# skipped: $B/bench/gen not built (make bench-tools)"
	finish
	exit 0
fi
W="$TMP/w"
mkdir -p "$W"
"$B/bench/gen" -s 7 -r 3000 "$W/c" >/dev/null
run $INDEX -q -d "$W/inc.db" "$W/c"
check_rc "index a generated corpus" 0
files=$(find "$W/c" -type f | sort)
n=$(echo "$files" | wc -l)
for seed in 1 3; do
	i=0
	while [ $i -lt 6 ]; do
		i=$((i + 1))
		r=$(( (seed * 1103515245 + i * 12345) % 100000 ))
		f=$(echo "$files" | sed -n "$(( r % n + 1 ))p")
		case $(( r % 3 )) in
		0) printf '\nThe Secretary of Commerce shall report on AI exports within 45 days, pursuant to Executive Order 14179.\n' >>"$f"
		   what="appended to" ;;
		1) if [ -f "$f" ]; then mv "$f" "$f.off"; what="removed"; else mv "$f.off" "$f"; what="put back"; fi ;;
		2) [ -f "$f" ] && cp "$f" "$f.copy.txt"; what="copied" ;;
		esac
		run $INDEX -q --prune -d "$W/inc.db" "$W/c"
		rm -f "$W/s.db"
		$INDEX -q -d "$W/s.db" "$W/c" >/dev/null 2>&1
		run $PY tests/cli/cmp_tables.py "$W/inc.db" "$W/s.db" --drift 0.05 --allow 30
		check_eq "seed $seed, step $i, a file $what: as a build from scratch, within the bound" "$RC" 0
		[ "$RC" -eq 0 ] || grep -v same "$TMP/out"
		check_eq "seed $seed, step $i: the summaries kept by difference are the live counts" \
			"$(summaries_stored_live "$W/inc.db")" same
		run $QUERY -d "$W/inc.db" check
		check_rc "seed $seed, step $i: check passes (FTS5's integrity-check among others)" 0
	done
done

finish
