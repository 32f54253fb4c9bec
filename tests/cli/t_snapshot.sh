#!/bin/sh
# The whole observable behaviour on corpus/ and the reader fixtures, pinned:
# every table of the database as sorted text, and the output of every
# command the README and the man pages show. A change that moves a byte of
# either fails here; one that means to (an issue asks for it) rewrites the
# snapshot with UPDATE_GOLDEN=1 and the diff shows in review.
# Volatile fields are masked: the indexing time, the temporary folder,
# the folder the tests run in (meta 'base').
. tests/cli/lib.sh

snap=tests/cli/golden/snapshot
[ "${UPDATE_GOLDEN:-}" = 1 ] && mkdir -p "$snap"

# The FTS5 vocabulary needs the tokenizer: the sqlite3 shell loads the
# extension (with the ASan runtime when the build is instrumented).
asan=$(ext_asan)
sq() {
	if [ -n "$asan" ]; then
		LD_PRELOAD=$asan ASAN_OPTIONS=detect_leaks=0 sqlite3 -cmd ".load $B/polidex" "$@"
	else
		sqlite3 -cmd ".load $B/polidex" "$@"
	fi
}

# same NAME: stdout of the last run (masked) equals $snap/NAME.
same() {
	sed -e "s#$TMP#TMP#g" -e "s#|$(pwd)\$#|CWD#" "$TMP/out" >"$TMP/masked"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$TMP/masked" "$snap/$1"; fi
	if cmp -s "$TMP/masked" "$snap/$1"; then
		ok "snapshot $1"
	else
		not_ok "snapshot $1" "$(diff "$snap/$1" "$TMP/masked" | head -20)"
	fi
}

db=$TMP/c.db
run $INDEX -d "$db" corpus tests/fixtures/xml tests/fixtures/html/2025-02-05-fy2026-h1b-cap-initial-registration-period.html
check_rc "index corpus and fixtures" 0

# Every table, sorted by every column; blobs as hex.
dump_table() {
	cols=$(sqlite3 "$db" "SELECT group_concat(CASE WHEN type = 'BLOB' THEN 'hex(' || name || ')' WHEN name = 'indexed_at' THEN '''T''' ELSE '\"' || name || '\"' END, ',') FROM pragma_table_info('$1') WHERE name != 'rowid'")
	n=$(sqlite3 "$db" "SELECT count(*) FROM pragma_table_info('$1') WHERE name != 'rowid'")
	order=$(seq -s, 1 "$n")
	sqlite3 "$db" "SELECT $cols FROM \"$1\" ORDER BY $order"
}
# (the views too: links shows the compact link tables as they were stored)
for t in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'actions_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
	dump_table "$t" >"$TMP/out" 2>&1
	same "table.$t"
done
sq "$db" "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, actions_fts, instance);
	SELECT term, doc, col, offset FROM temp.v ORDER BY 1, 2, 3, 4" >"$TMP/out" 2>&1
same "table.actions_fts.vocab"

# Every command of the README, the demo and the man pages; fixed dates.
Q="$QUERY -d $db"
n=0
cmd() {
	n=$((n + 1))
	name=$1
	shift
	$Q "$@" >"$TMP/out" 2>&1
	echo "exit $?" >>"$TMP/out"
	same "cmd.$name"
}
cmd docs docs
cmd docs.json docs -f json
cmd agencies agencies
cmd agencies.json agencies -f json
cmd check check
cmd search.open-weight search open-weight
cmd search.open-weight.n3 search -n 3 open-weight
cmd search.nist-lead search -k recommended_action -a NIST --role lead
cmd search.nist-lead.json search -k recommended_action -a NIST --role lead -f json
cmd search.commerce-lead search -k recommended_action -a DOC --role lead -n 0
cmd search.zh search -f json 数据中心
cmd search.zh.lottery search -n 3 抽签
cmd search.csv search -f csv deepfake
cmd search.ndjson search -f ndjson -p 2 data center
cmd search.raw search --raw 'permit* NOT nepa'
cmd search.dates search --from 2025-07-01 --to 2025-07-31 -k order_section -n 0
cmd search.lang search -l zh -n 0 -f csv
cmd search.doc search --doc corpus/whitehouse/2025-07-23-eo-14318-accelerating-federal-permitting-of-data-center-infrastructure.md -n 0
cmd search.exact search -a DOC --exact-agency -n 0
cmd search.bad-kind search -k nosuchkind x
cmd show.eo14320 show --as-of 2025-11-01 'eo-14320:sec.3(a)'
cmd show.plan show --as-of 2025-11-01 'aiap:I.1.1'
cmd show.plan.json show --as-of 2025-11-01 -f json 'aiap:I.3.1'
cmd show.missing show 'nosuch:key'
cmd status.json status --as-of 2025-11-01 -f json
cmd status status --as-of 2025-11-01
cmd status.csv status --as-of 2025-11-01 -f csv
cmd deadlines deadlines --as-of 2025-08-01
cmd deadlines.within deadlines --as-of 2025-08-01 --within 90
cmd deadlines.overdue deadlines --as-of 2025-11-01 --overdue -a DOC
cmd deadlines.range deadlines --as-of 2025-08-01 --from 2025-03-01 --to 2025-03-31 -f json
cmd deadlines.csv deadlines --as-of 2025-08-01 -f csv
cmd deadlines.ics deadlines --as-of 2025-08-01 -f ics
cmd deadlines.all deadlines --as-of 2025-08-01 --all -f json
cmd summary summary --as-of 2025-09-01
cmd summary.p3 summary -p 3 --as-of 2025-09-01
cmd summary.p2 summary -p II --as-of 2025-09-01
cmd summary.doc.json summary -a DOC -f json --as-of 2025-09-01
cmd summary.json summary -f json --as-of 2025-09-01
finish
