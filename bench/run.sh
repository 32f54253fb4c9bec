#!/bin/sh
# bench/run.sh - how fast polidex indexes and answers, against the floor
# SQLite sets. Run by `make bench` (B=build); see bench/RESULTS.md.
#
#   BENCH_SCALE=1M make bench     large scale of one million records
#
# Environment:
#   B             build folder (default build)
#   BENCH_SMALL   gen size of the small scale (default -b 5M: 5 MB)
#   BENCH_SCALE   records of the large scale (e.g. 1M); default: 40 MB
#   BENCH_LARGE   gen size of the large scale, overrides BENCH_SCALE
#                 (default -b 40M)
#   BENCH_SEED    generator seed (default 42)
#   BENCH_REPEAT  timed runs of each in-process search (default 30)
#   BENCH_RUNS    runs of each whole-process command (default 15)
#   BENCH_INDEX_RUNS  runs of each indexing and floor, the median kept
#                 (default 3; 1 with BENCH_SCALE)
#   BENCH_DIR     work folder (default $B/bench/work; removed at the end
#                 unless BENCH_KEEP=1)
# Nothing here asserts a time: the figures are printed, with the targets.
set -eu

B=${B:-build}
BENCH_SMALL=${BENCH_SMALL:--b 5M}
if [ -n "${BENCH_SCALE:-}" ]; then
	BENCH_LARGE=${BENCH_LARGE:--r $BENCH_SCALE}
fi
BENCH_LARGE=${BENCH_LARGE:--b 40M}
BENCH_SEED=${BENCH_SEED:-42}
BENCH_REPEAT=${BENCH_REPEAT:-30}
# runs of each indexing (the median is reported): 3, or 1 at BENCH_SCALE
if [ -n "${BENCH_SCALE:-}" ]; then RUNS=${BENCH_INDEX_RUNS:-1}; else RUNS=${BENCH_INDEX_RUNS:-3}; fi
BENCH_RUNS=${BENCH_RUNS:-15}
W=${BENCH_DIR:-$B/bench/work}
BB=$B/bench
OUT=$BB/RESULTS.md

# ---- helpers -----------------------------------------------------------
mkdir -p "$BB" "$W"
# the helpers, built by the Makefile (bench-tools) with the library
${MAKE:-make} --no-print-directory -s B="$B" bench-tools >&2 || { echo "bench: cannot build the helpers" >&2; exit 3; }

# ratio A B: A/B with two decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
# mbps BYTES SECONDS
mbps() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / 1e6 / b }'; }
rps() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", a / b }'; }
mb() { awk -v a="$1" 'BEGIN { printf "%.1f", a / 1e6 }'; }
fsize() { wc -c <"$1" | tr -d ' '; }

: >"$OUT"
say() { printf '%s\n' "$*" | tee -a "$OUT"; }

# ---- the machine -------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
sqlv=$(sqlite3 :memory: 'select sqlite_version()' 2>/dev/null || echo "?")
say "# polidex benchmark"
say ""
say "- machine: $(nproc) cores, ${cpu:-unknown CPU}, ${mem:-? GB} memory, $(uname -sr)"
say "- SQLite $sqlv; seed $BENCH_SEED; small \`gen $BENCH_SMALL\`, large \`gen $BENCH_LARGE\`; each indexing and floor: the median of $RUNS run(s)"
say "- targets: indexing >= 0.70 of the floor; query p50 <= 2 ms in process at 1M records;"
say "  polidex-query <= 1.3x the sqlite3 shell; summary <= 1 s at 1M records; indexing peak RSS <= 64 MB at every scale"

# Same SQL as db_search() builds for a term search (20 results), for the
# sqlite3 shell: the ids and scores of the best matches, then the columns
# and snippets of those.
COLS="a.id, a.key, a.kind, a.pillar, a.pillar_source, a.pillar_score, a.section, a.label, a.text, a.lang, a.line, d.path, d.part, d.title, d.kind, d.lang, d.published, d.issuer"
term_sql() {
	printf "WITH top(id, score) AS MATERIALIZED (SELECT actions_fts.rowid, bm25(actions_fts, 10.0, 4.0, 2.0) AS score FROM actions_fts WHERE actions_fts MATCH '%s'%s ORDER BY score, actions_fts.rowid LIMIT 20) SELECT %s, snippet(actions_fts, 0, '[', ']', '…', 16), top.score FROM top CROSS JOIN actions_fts ON actions_fts.rowid = top.id JOIN actions a ON a.id = top.id JOIN documents d ON d.id = a.doc_id WHERE actions_fts MATCH '%s' ORDER BY top.score, top.id;" "$1" "${2:-}" "$COLS" "$1"
}
AGENCY_SQL=" AND EXISTS (SELECT 1 FROM action_agencies r WHERE r.action_id = actions_fts.rowid AND r.agency_id IN (WITH RECURSIVE sub(id) AS (SELECT 'doc' UNION SELECT g.id FROM agencies g JOIN sub ON g.parent = sub.id AND 0 = 0) SELECT id FROM sub) AND (NULL IS NULL OR r.role = NULL))"

# floor_median OUT [FLAGS...]: the floor's own time (the rows' reading
# left out), the median of $RUNS runs into OUT.db; the last run's peak RSS
# in OUT.rss
floor_median() {
	out=$1
	shift
	: >"$out.times"
	k=0
	while [ "$k" -lt "$RUNS" ]; do
		# shellcheck disable=SC2046
		set -- $("$BB/peak" -o "$out.out" "$BB/floor" "$@" "$d/polidex.db" "$out.db") "$@"
		echo "$3" >"$out.rss"
		shift 4
		cut -d' ' -f1 "$out.out" >>"$out.times"
		k=$((k + 1))
	done
	sort -n "$out.times" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# median of the numbers in file $1
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# wall seconds of one command (its output dropped)
wall() { "$BB/peak" -n 1 "$@" | cut -d' ' -f1; }

# update_bench KIND: a re-run where nothing changed against one where one
# file changed (the first of the generated corpus named *-KIND.*: a notice,
# what a tracker is fed daily; a fact sheet, which carries nothing out; an
# executive order, which every later document may answer), interleaved
# ($RUNS pairs) on a copy of the corpus; medians and their ratio into
# upd_none, upd_one, upd_ratio
update_bench() {
	rm -rf "$d/upd" "$d/upd.db"*
	cp -r "$d/corpus" "$d/upd"
	"$B/polidex-index" -q -d "$d/upd.db" "$d/upd"
	f=$(find "$d/upd" -type f -name "*-$1.*" | sort | head -n 1)
	: >"$d/upd.none"
	: >"$d/upd.one"
	k=0
	while [ "$k" -lt "$RUNS" ]; do
		wall "$B/polidex-index" -q -d "$d/upd.db" "$d/upd" >>"$d/upd.none"
		printf '\nUpdated %s.\n' "$k" >>"$f"
		wall "$B/polidex-index" -q -d "$d/upd.db" "$d/upd" >>"$d/upd.one"
		k=$((k + 1))
	done
	upd_none=$(median "$d/upd.none")
	upd_one=$(median "$d/upd.one")
	upd_ratio=$(ratio "$upd_one" "$upd_none")
	rm -rf "$d/upd" "$d/upd.db"*
}

# size_bench DB: what each table and index costs (dbstat), largest first
size_bench() {
	say ""
	say "| table or index | MB | share |"
	say "|---|---:|---:|"
	sqlite3 "$1" "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 12" |
		while IFS='|' read -r tn tb; do
			say "| $tn | $(mb "$tb") | $(awk -v a="$tb" -v b="$(fsize "$1")" 'BEGIN { printf "%.1f%%", 100 * a / b }') |"
		done
}

# su_bench: Debian's sqlite-utils loading the same records' text (the
# paragraphs polidex cut) and making it searchable, against polidex-index
# reading the corpus itself; interleaved, $RUNS pairs, medians
su_bench() {
	if ! command -v sqlite-utils >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
		apt-get install -y -q sqlite-utils >/dev/null 2>&1 || true
	fi
	if ! command -v sqlite-utils >/dev/null 2>&1; then
		say "- sqlite-utils: not installed (apt-get install sqlite-utils, as root); comparison skipped"
		return 0
	fi
	sqlite3 -csv -header "$d/polidex.db" "SELECT id, text FROM actions" >"$d/paras.csv"
	: >"$d/su.px"
	: >"$d/su.su"
	k=0
	while [ "$k" -lt "$RUNS" ]; do
		rm -f "$d/su_px.db"* "$d/su.db"*
		wall "$B/polidex-index" -q -d "$d/su_px.db" "$d/corpus" >>"$d/su.px"
		wall sh -c "sqlite-utils insert '$d/su.db' paras '$d/paras.csv' --csv --pk id &&
			sqlite-utils enable-fts '$d/su.db' paras text" >>"$d/su.su"
		k=$((k + 1))
	done
	px=$(median "$d/su.px")
	su=$(median "$d/su.su")
	say "- against sqlite-utils (insert --csv + enable-fts of the same records' text, $(mb "$(fsize "$d/paras.csv")") MB CSV; interleaved, median of $RUNS): polidex-index $px s, sqlite-utils $su s, ratio $(ratio "$px" "$su")x (target <= 1.0); database size: polidex $(mb "$dbsize") MB, sqlite-utils $(mb "$(fsize "$d/su.db")") MB ($(ratio "$(fsize "$d/su.db")" "$bytes")x the corpus)"
	rm -f "$d/su_px.db"* "$d/su.db"* "$d/paras.csv"
}

scale() {
	name=$1
	shift
	d=$W/$name
	rm -rf "$d"
	mkdir -p "$d"
	# shellcheck disable=SC2086
	set -- $("$BB/gen" -s "$BENCH_SEED" "$@" "$d/corpus")
	files=$1 bytes=$2
	# polidex-index, whole process, a new database each run (the median
	# of $RUNS): on one parsing thread, then on the default (one per
	# processor), whose database is kept
	set -- $("$BB/peak" -n "$RUNS" -r "$d/polidex1.db" "$B/polidex-index" -j 1 -q -d "$d/polidex1.db" "$d/corpus")
	idx1_s=$1 idx1_rss=$3
	rm -f "$d/polidex1.db"*
	set -- $("$BB/peak" -n "$RUNS" -r "$d/polidex.db" "$B/polidex-index" -q -d "$d/polidex.db" "$d/corpus")
	idx_s=$1 idx_rss=$3
	[ "$4" -eq 0 ] || echo "bench: polidex-index exited $4" >&2
	recs=$(sqlite3 "$d/polidex.db" 'SELECT count(*) FROM actions')
	dbsize=$(fsize "$d/polidex.db")
	# the floor: same rows, same schema, minimal program; it writes
	# every row polidex-index's database holds (records, links, impact
	# lists, summaries); -r the records only, as the first rounds did
	floor_s=$(floor_median "$d/floor")
	floorr_s=$(floor_median "$d/floorr" -r)
	floor_rss=$(cat "$d/floor.rss")
	floorp_s=$(floor_median "$d/floorp" -p)
	# the same with the full-text rows inserted explicitly, no trigger
	floorx_s=$(floor_median "$d/floorx" -x)
	floorpx_s=$(floor_median "$d/floorpx" -p -x)
	# the same rows written the way polidex-index writes a new database
	floorb_s=$(floor_median "$d/floorb" -b)
	floorsize=$(fsize "$d/floor.db")
	rm -f "$d/floor.db" "$d/floorr.db" "$d/floorp.db" "$d/floorx.db" "$d/floorpx.db" "$d/floorb.db"

	say ""
	say "## $name: $files files, $(mb "$bytes") MB, $recs records"
	say ""
	say "| indexing | seconds | MB/s | records/s | ratio to floor |"
	say "|---|---:|---:|---:|---:|"
	say "| polidex-index ($(nproc) parsing threads) | $idx_s | $(mbps "$bytes" "$idx_s") | $(rps "$recs" "$idx_s") | $(ratio "$floor_s" "$idx_s") |"
	say "| polidex-index -j 1 (one parsing thread) | $idx1_s | $(mbps "$bytes" "$idx1_s") | $(rps "$recs" "$idx1_s") | $(ratio "$floor_s" "$idx1_s") |"
	say "| floor: same rows, one transaction | $floor_s | $(mbps "$bytes" "$floor_s") | $(rps "$recs" "$floor_s") | 1.00 |"
	say "| floor, the records only (no links, impact lists or summaries), one transaction | $floorr_s | $(mbps "$bytes" "$floorr_s") | $(rps "$recs" "$floorr_s") | $(ratio "$floor_s" "$floorr_s") |"
	say "| floor: same rows, one transaction a document | $floorp_s | $(mbps "$bytes" "$floorp_s") | $(rps "$recs" "$floorp_s") | $(ratio "$floor_s" "$floorp_s") |"
	say "| floor, FTS rows inserted explicitly (no trigger), one transaction | $floorx_s | $(mbps "$bytes" "$floorx_s") | $(rps "$recs" "$floorx_s") | $(ratio "$floor_s" "$floorx_s") |"
	say "| floor, FTS rows inserted explicitly, one transaction a document | $floorpx_s | $(mbps "$bytes" "$floorpx_s") | $(rps "$recs" "$floorpx_s") | $(ratio "$floor_s" "$floorpx_s") |"
	say "| floor written as polidex-index writes a new database (no journal, indexes after the rows) | $floorb_s | $(mbps "$bytes" "$floorb_s") | $(rps "$recs" "$floorb_s") | $(ratio "$floor_s" "$floorb_s") |"
	say ""
	say "- polidex-index against the floor of the records only: $(ratio "$floorr_s" "$idx_s")"
	say "- polidex-index against the floor written its own way: $(ratio "$floorb_s" "$idx_s") (what parsing, tagging and the pass over every record cost on top of SQLite's share)"
	say "- peak RSS: polidex-index $((idx_rss / 1024)) MB (-j 1: $((idx1_rss / 1024)) MB), floor $((floor_rss / 1024)) MB"
	say "- index size: $(mb "$dbsize") MB for $(mb "$bytes") MB of corpus ($(ratio "$dbsize" "$bytes")x); floor database $(mb "$floorsize") MB"
	eval "rss_$name=$idx_rss bytes_$name=$bytes"
	size_bench "$d/polidex.db"
	say ""
	for kind in notice sheet eo; do
		update_bench "$kind"
		say "- re-index after one file changed, a $kind (interleaved with runs where nothing changed, median of $RUNS): $upd_one s, nothing changed $upd_none s: ${upd_ratio}x (target <= 3x)"
		[ "$kind" = notice ] && eval "upd_$name=$upd_one"
	done
	su_bench

	say ""
	say "| search (in process, db_search, 20 results) | p50 ms | p95 ms | hits | ranking every match: p50 ms | answered by | results |"
	say "|---|---:|---:|---:|---:|---|---|"
	"$BB/qbench" "$d/polidex.db" "$BENCH_REPEAT" >"$d/q.out" ||
		echo "qbench: exit $? (a search gave other results than ranking every match, or failed)" >&2
	while read -r qn p50 p95 hits full how same; do
		say "| $qn | $p50 | $p95 | $hits | ${full:-} | ${how:-} | ${same:-} |"
	done <"$d/q.out"

	say ""
	say "| whole process, median of $BENCH_RUNS | polidex-query ms | sqlite3 shell ms | ratio |"
	say "|---|---:|---:|---:|"
	for q in "data center" "数据" "export -a DOC"; do
		case $q in
		"data center") sql=$(term_sql '"data" "center"'); args="data center" ;;
		"数据") sql=$(term_sql '"数据"'); args="数据" ;;
		*) sql=$(term_sql '"export"' "$AGENCY_SQL"); args="-a DOC export" ;;
		esac
		# shellcheck disable=SC2086
		set -- $("$BB/peak" -n "$BENCH_RUNS" "$B/polidex-query" search -d "$d/polidex.db" -n 20 $args)
		pq=$1
		set -- $("$BB/peak" -n "$BENCH_RUNS" sqlite3 -cmd ".load $B/polidex" "$d/polidex.db" "$sql")
		sq=$1
		say "| search $args | $(awk -v a="$pq" 'BEGIN { printf "%.1f", a * 1000 }') | $(awk -v a="$sq" 'BEGIN { printf "%.1f", a * 1000 }') | $(ratio "$pq" "$sq") |"
	done

	# summary and deadlines, against the sqlite3 shell counting the
	# records by pillar (one pass over an index: what any summary costs)
	set -- $("$BB/peak" -n "$BENCH_RUNS" sqlite3 -cmd ".load $B/polidex" "$d/polidex.db" \
		"SELECT pillar, count(*) FROM actions GROUP BY pillar;")
	base=$1
	say "- baseline: sqlite3 shell counting the records by pillar: $(awk -v a="$base" 'BEGIN { printf "%.1f", a * 1000 }') ms"
	for sub in "summary --as-of 2025-09-01" "summary --as-of 2025-09-01 -f json" \
		"deadlines --as-of 2025-09-01 --within 30" "deadlines --as-of 2025-09-01"; do
		# shellcheck disable=SC2086
		set -- $("$BB/peak" -n "$BENCH_RUNS" "$B/polidex-query" -d "$d/polidex.db" $sub)
		say "- polidex-query $sub: median $(awk -v a="$1" 'BEGIN { printf "%.1f", a * 1000 }') ms (exit $4; $(ratio "$1" "$base")x the baseline)"
	done
}

scale small $BENCH_SMALL
scale large $BENCH_LARGE
say ""
say "- one-file update (a notice), large against small: $(ratio "$upd_large" "$upd_small")x for $(ratio "$bytes_large" "$bytes_small")x the corpus (target <= 1.5x)"

# the index size the CJK tokenizer costs on the corpus itself
say ""
say "## FTS index size on corpus/: polidex tokenizer against unicode61"
say ""
"$B/polidex-index" -q -d "$W/corpus.db" corpus
asan=$(ldd "$B/polidex.so" 2>/dev/null | awk '/libasan/ { print $3 }')
env ${asan:+LD_PRELOAD=$asan ASAN_OPTIONS=detect_leaks=0} \
	/usr/bin/python3 bench/fts_size.py "$W/corpus.db" "$B/polidex.so" | while IFS= read -r line; do say "$line"; done

say ""
# shellcheck disable=SC2154
say "- peak RSS of polidex-index: $((rss_small / 1024)) MB small, $((rss_large / 1024)) MB large ($(ratio "$rss_large" "$rss_small")x for $(ratio "$bytes_large" "$bytes_small")x the corpus; target: at most 64 MB at every scale)"
[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$W"
echo "bench: results in $OUT" >&2
