# lib.sh - helpers for the CLI tests: each check prints "ok - NAME" or
# "not ok - NAME" (with detail), and finish prints "# passed N failed M".
# Source it from a test script run at the repository root.
B=${B:-build}
PY=/usr/bin/python3
INDEX="$B/polidex-index"
QUERY="$B/polidex-query"
if [ "${VALGRIND:-}" = 1 ]; then
	VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
	INDEX="$VG $INDEX"
	QUERY="$VG $QUERY"
fi
T_PASS=0
T_FAIL=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export POLIDEX_DB="$TMP/none.db"

ok() { T_PASS=$((T_PASS + 1)); echo "ok - $1"; }
not_ok() { T_FAIL=$((T_FAIL + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && echo "$2" | sed 's/^/#   /'; }

# run CMD...: runs it, keeping stdout in $TMP/out, stderr in $TMP/err and
# the exit status in $RC.
run() {
	"$@" >"$TMP/out" 2>"$TMP/err"
	RC=$?
}

# check_rc NAME WANT: the last run exited with WANT.
check_rc() {
	if [ "$RC" -eq "$2" ]; then ok "$1"; else not_ok "$1" "exit $RC, want $2; stderr: $(head -c 400 "$TMP/err")"; fi
}

# check_out NAME PATTERN: stdout of the last run matches grep -E PATTERN.
check_out() {
	if grep -Eq -- "$2" "$TMP/out"; then ok "$1"; else not_ok "$1" "stdout lacks /$2/: $(head -c 400 "$TMP/out")"; fi
}

# check_err NAME PATTERN: stderr of the last run matches PATTERN.
check_err() {
	if grep -Eq -- "$2" "$TMP/err"; then ok "$1"; else not_ok "$1" "stderr lacks /$2/: $(head -c 400 "$TMP/err")"; fi
}

# check_eq NAME GOT WANT
check_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got '$2', want '$3'"; fi
}

# check_golden NAME FILE: stdout of the last run equals tests/cli/golden/FILE.
# UPDATE_GOLDEN=1 rewrites the golden file instead.
check_golden() {
	g="tests/cli/golden/$2"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$TMP/out" "$g"; fi
	if cmp -s "$TMP/out" "$g"; then ok "$1"; else not_ok "$1" "$(diff "$g" "$TMP/out" | head -20)"; fi
}

# record_roles DB KEY: a record's agencies as id:role, sorted, as `show`
# gives them
record_roles() {
	$QUERY -d "$1" show "$2" -f json | $PY -c "import json,sys
d = json.load(sys.stdin)
print(' '.join(sorted(a['id'] + ':' + a['role'] for a in d['results'][0]['agencies'])))"
}

# db_state DB: a digest of everything a database holds (for "unchanged").
db_state() {
	sqlite3 "$1" "SELECT path, part, hash FROM documents ORDER BY 1,2;
		SELECT count(*) FROM actions; SELECT count(*) FROM timeline;
		SELECT count(*) FROM action_agencies;" 2>&1 | md5sum | cut -c1-32
}

# json EXPR: evaluate a Python expression over the JSON on stdout (as d).
json() {
	$PY -c "import json,sys; d=json.load(open('$TMP/out')); print($1)" 2>/dev/null || echo "(no JSON on stdout)"
}

# The ASan runtime a SANITIZE=1 build of $B/polidex.so links, or nothing:
# an uninstrumented host program (sqlite3, python3) loading the extension
# needs it preloaded (with LD_PRELOAD and ASAN_OPTIONS=detect_leaks=0, as
# the host's own leaks are not ours).
ext_asan() {
	ldd "$B/polidex.so" 2>/dev/null | awk '/libasan/ { print $3 }'
}

# have_pty: script(1) is there and can give a command a pseudo-terminal
# (a container without /dev/pts cannot); else prints why, for the skip.
have_pty() {
	if ! command -v script >/dev/null 2>&1; then
		PTY_WHY="no script(1)"
		return 1
	fi
	case $(script -qc tty /dev/null 2>&1 </dev/null) in
	/dev/*) return 0 ;;
	esac
	PTY_WHY="script(1) cannot allocate a pseudo-terminal here"
	return 1
}

finish() {
	echo "# passed $T_PASS failed $T_FAIL"
	[ "$T_FAIL" -eq 0 ]
}

# summaries_stored_live DB: "same" when the summaries stored in DB (kept by
# difference on what changed) say what the same summaries counted live
# say (the query counts live when no summary is stored), else the diff
summaries_stored_live() {
	cp "$1" "$TMP/live.db"
	sqlite3 "$TMP/live.db" "UPDATE meta SET value = 'not stored' WHERE key = 'summary'"
	$QUERY -d "$1" summary -f json --as-of 2026-01-01 >"$TMP/stored.json" 2>&1
	$QUERY -d "$TMP/live.db" summary -f json --as-of 2026-01-01 >"$TMP/live.json" 2>&1
	cmp -s "$TMP/stored.json" "$TMP/live.json" && echo same || diff "$TMP/stored.json" "$TMP/live.json" | head -20
}
