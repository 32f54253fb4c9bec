#!/bin/sh
# The benchmarks' helpers (bench/): the generator is deterministic by seed
# and sized as asked; the floor writes the database polidex-index wrote,
# table by table; peak reports a run; qbench finds every search the same
# as ranking every match. Nothing here times anything.
. tests/cli/lib.sh

BB="$B/bench"
for h in gen peak floor qbench; do
	[ -x "$BB/$h" ] || { not_ok "bench helper $h is built (make bench-tools)"; finish; exit 1; }
done

# gen: the same seed writes the same files; another seed other files
run "$BB/gen" -s 7 -b 300K "$TMP/g1"
check_rc "gen -b 300K" 0
check_out "gen prints files, bytes and estimated records" "^[0-9]+ [0-9]+ [0-9]+$"
bytes=$(cut -d' ' -f2 "$TMP/out")
check_eq "gen -b 300K writes about 300 KB" \
	"$(awk -v b="$bytes" 'BEGIN { print (b >= 300000 && b < 400000) ? "yes" : b }')" yes
check_eq "the bytes it says are the bytes on disk" \
	"$(find "$TMP/g1" -type f -exec cat {} + | wc -c | tr -d ' ')" "$bytes"
run "$BB/gen" -s 7 -b 300K "$TMP/g2"
check_eq "the same seed, the same corpus" "$(diff -r "$TMP/g1" "$TMP/g2" >/dev/null && echo same)" same
run "$BB/gen" -s 8 -b 300K "$TMP/g3"
check_eq "another seed, another corpus" "$(diff -r "$TMP/g1" "$TMP/g3" >/dev/null || echo differs)" differs
check_eq "Markdown orders, HTML pages and text files" \
	"$(find "$TMP/g1" -type f | sed 's/.*\.//' | sort -u | tr '\n' ' ')" "html md txt "
check_eq "plans with pillars, orders with deadlines, Chinese articles" \
	"$(grep -rlE '^ *Pillar I' "$TMP/g1" | head -n 1 | wc -l) $(grep -rl 'within [0-9]* days' "$TMP/g1" | head -n 1 | wc -l) $(grep -rl '人工智能' "$TMP/g1" | head -n 1 | wc -l)" "1 1 1"
run "$BB/gen" -s 7 -b 300K
check_rc "gen without a folder: usage error" 2

# the database the floor copies from (short impact lists, so that a
# corpus this small has some)
DB="$TMP/src.db"
run $INDEX -q --x-ranked-lists=2,4,2000 -d "$DB" "$TMP/g1"
check_rc "index the generated corpus" 0
recs=$(sqlite3 "$DB" "SELECT count(*) FROM actions")
check_eq "the corpus has links and impact lists for the floor to copy" \
	"$(sqlite3 "$DB" "SELECT (SELECT count(*) > 0 FROM links), (SELECT count(*) > 0 FROM ranked_lists)")" "1|1"
tables="documents actions action_agencies timeline links ranked_lists summary_kinds summary_sections summary_agencies summary_docs summary_dues agencies agency_aliases meta"
# rows TABLE DB: its rows in a stable order (impact and meta have no
# rowid: by their key), or the error
rows() {
	case $1 in
	ranked_lists) order="term" ;;
	meta) order="key" ;;
	# the post-pass adds inherited issuers after the records' own rows;
	# floor copies each record's rows together
	action_agencies) order="action_id, agency_id" ;;
	*) order="rowid" ;;
	esac
	sqlite3 "$2" "SELECT * FROM $1 ORDER BY $order" 2>&1 || echo "error $?"
}
# same_tables A B: the tables whose rows differ between A and B, or
# cannot be read
same_tables() {
	for t in $tables; do
		a=$(rows "$t" "$1" | md5sum)
		[ "$a" = "$(rows "$t" "$2" | md5sum)" ] && ! rows "$t" "$1" | grep -q '^error ' ||
			printf '%s ' "$t"
	done
	echo
}
for f in "" -p -x -b; do
	run "$BB/floor" $f "$DB" "$TMP/floor.db"
	check_rc "floor $f" 0
	check_out "floor $f prints seconds and records" "^[0-9]+\.[0-9]+ $recs$"
	check_eq "floor $f writes every table as polidex-index did" "$(same_tables "$DB" "$TMP/floor.db")" ""
	check_eq "floor $f: its full-text index finds what the indexer's does" \
		"$(LD_PRELOAD="$(ext_asan)" ASAN_OPTIONS=detect_leaks=0 sqlite3 -cmd ".load $B/polidex.so" "$TMP/floor.db" \
			"SELECT count(*) FROM actions_fts WHERE actions_fts MATCH 'agency'" 2>&1)" \
		"$(LD_PRELOAD="$(ext_asan)" ASAN_OPTIONS=detect_leaks=0 sqlite3 -cmd ".load $B/polidex.so" "$DB" \
			"SELECT count(*) FROM actions_fts WHERE actions_fts MATCH 'agency'" 2>&1)"
done
run "$BB/floor" -r "$DB" "$TMP/floor.db"
check_eq "floor -r: the records, without links or summaries" \
	"$(sqlite3 "$TMP/floor.db" "SELECT (SELECT count(*) FROM actions), (SELECT count(*) FROM links), (SELECT count(*) FROM summary_kinds)")" \
	"$recs|0|0"
run "$BB/floor" "$TMP/missing.db" "$TMP/floor.db"
check_rc "floor from a missing database: exit 3" 3
check_err "and says which" "cannot open '$TMP/missing.db'"

# peak: median, least time, peak RSS and the last status
run "$BB/peak" -n 2 -r "$TMP/p.db" $INDEX -q -d "$TMP/p.db" "$TMP/g1"
check_out "peak prints median, least, RSS and status 0" "^[0-9]+\.[0-9]+ [0-9]+\.[0-9]+ [0-9]+ 0$"
check_eq "peak -r lets each run build a new database" "$(sqlite3 "$TMP/p.db" "SELECT count(*) FROM actions")" "$recs"
run "$BB/peak" sh -c 'exit 3'
check_out "peak reports the command's exit status" " 3$"

# qbench: every search, and the same results as ranking every match
run "$BB/qbench" "$DB" 2
check_rc "qbench" 0
check_eq "qbench: twelve searches and the summary line" "$(grep -c . "$TMP/out")" 13
check_eq "each search's results the same as ranking every match" "$(grep -vc ' same$' "$TMP/out")" 1
check_out "ALL p50 p95 samples" "^ALL [0-9.]+ [0-9.]+ [0-9]+$"

finish
