#!/bin/sh
# The tokenizer as a loadable extension: the sqlite3 shell with
# `.load $B/polidex` can query a table created with tokenize='polidex',
# and without it cannot.
# Run from the repository root; B is the build directory (default build).
B=${B:-build}
pass=0
fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
not_ok() { echo "not ok - $1"; fail=$((fail + 1)); }
# check WHAT GOT WANT
check() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		echo "#   got:  $2"
		echo "#   want: $3"
	fi
}

# A SANITIZE=1 build of the extension needs the ASan runtime loaded before
# the (uninstrumented) sqlite3 shell; the shell's own leaks are not ours.
asan=$(ldd "$B/polidex.so" 2>/dev/null | awk '/libasan/ { print $3 }')
if [ -n "$asan" ]; then
	LD_PRELOAD=$asan
	ASAN_OPTIONS=detect_leaks=0
	export LD_PRELOAD ASAN_OPTIONS
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
db=$tmp/t.db

if [ -f "$B/polidex.so" ]; then
	ok "extension $B/polidex.so is built"
else
	not_ok "extension $B/polidex.so is built"
fi

# Only the entry points are exported: the library's helpers stay out of
# the namespace of the process that loads the extension.
check "the extension exports only sqlite3_*_init" \
	"$(nm -D --defined-only "$B/polidex.so" | awk '{ print $3 }' | grep -v '^sqlite3_[a-z0-9_]*_init$' | tr '\n' ' ')" ""
check "... and does export its entry point" \
	"$(nm -D --defined-only "$B/polidex.so" | awk '$3 == "sqlite3_polidex_init" { print $3 }')" "sqlite3_polidex_init"

sqlite3 -batch "$db" -cmd ".load $B/polidex" "
CREATE VIRTUAL TABLE t USING fts5(x, tokenize='polidex');
INSERT INTO t(rowid, x) VALUES (1, '加快数据中心与半导体工厂审批');
INSERT INTO t(rowid, x) VALUES (2, 'New regulations on AI exports');
" >"$tmp/out" 2>&1
check "create and fill a table with tokenize='polidex'" "$(cat "$tmp/out")" ""

got=$(sqlite3 -batch "$db" -cmd ".load $B/polidex" \
	"SELECT rowid FROM t WHERE t MATCH '数据';" 2>&1)
check "MATCH '数据' finds the Chinese row" "$got" "1"

got=$(sqlite3 -batch "$db" -cmd ".load $B/polidex" \
	"SELECT rowid FROM t WHERE t MATCH 'regulation';" 2>&1)
check "MATCH 'regulation' finds the English row (stemmed)" "$got" "2"

got=$(sqlite3 -batch "$db" -cmd ".load $B/polidex" \
	"SELECT rowid FROM t WHERE t MATCH '\"ＡＩ\"';" 2>&1)
check "MATCH full-width 'ＡＩ' finds the English row" "$got" "2"

got=$(sqlite3 -batch "$db" -cmd ".load $B/polidex" \
	"SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH '数据中心';" 2>&1)
check "highlight() marks whole characters" "$got" "加快[数据中心]与半导体工厂审批"

got=$(sqlite3 -batch "$db" "SELECT rowid FROM t WHERE t MATCH '数据';" 2>&1)
rc=$?
case $got in
*"no such tokenizer"*)
	if [ "$rc" -ne 0 ]; then
		ok "without .load the query fails with 'no such tokenizer'"
	else
		not_ok "without .load the query fails (exit status was 0)"
	fi ;;
*)
	not_ok "without .load the query fails with 'no such tokenizer'"
	echo "#   got: $got" ;;
esac

echo "# passed $pass failed $fail"
[ "$fail" -eq 0 ]
