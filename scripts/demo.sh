#!/bin/sh
# make demo: index corpus/ into polidex.db and show a few queries.
B=${1:-build}
set -e
show() {
	printf '\n$ %s\n' "$*"
	"$@" || true
}
echo "== indexing corpus/ into polidex.db"
"$B/polidex-index" -d polidex.db corpus
show "$B/polidex-query" -d polidex.db docs
show "$B/polidex-query" -d polidex.db search -n 3 open-weight
show "$B/polidex-query" -d polidex.db search -k recommended_action -a NIST --role lead -n 5
show "$B/polidex-query" -d polidex.db search -n 3 抽签
show "$B/polidex-query" -d polidex.db show 'eo-14320:sec.3(a)'
show "$B/polidex-query" -d polidex.db deadlines --as-of 2025-08-01 --within 90
show "$B/polidex-query" -d polidex.db summary -p 3 --as-of 2025-09-01
