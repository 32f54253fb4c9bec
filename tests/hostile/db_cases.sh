#!/bin/sh
# db_cases.sh - hostile cases for the database, query and extraction side
# of polidex (issue 22): each is built here from nothing, run, and its
# outcome asserted. Sourced by tests/cli/t_reliability_db.sh after
# tests/cli/lib.sh (run/check_*/ok/not_ok, $TMP, $INDEX, $QUERY), so
# `make check SANITIZE=1` runs them under the sanitizers.
H="$TMP/hostile"
mkdir -p "$H"

# now_ms: milliseconds since the epoch (GNU date), or seconds * 1000.
now_ms() {
	t=$(date +%s%N 2>/dev/null)
	case $t in
	*N|'') echo $(($(date +%s) * 1000)) ;;
	*) echo $((t / 1000000)) ;;
	esac
}

# fy_paragraph N FILE: a Markdown file whose one paragraph holds N pairs
# of fiscal-year phrases.
fy_paragraph() {
	awk -v n="$1" 'BEGIN { printf "# Budget\n\n"; for (i = 0; i < n; i++)
		printf "funds for fiscal year %d and FY%02d, ", 2000 + i % 30, i % 99; print "" }' >"$2"
}

# --- timeline: date-like phrases per paragraph (item 3) ----------------------
# Doubling a hostile paragraph at most triples its time (with 400 ms of
# slack for start-up and noise); past the cap the rest is not extracted,
# with a warning naming the file and line.
fy_paragraph 8000 "$H/fy1.md"
fy_paragraph 16000 "$H/fy2.md"
t0=$(now_ms)
run $INDEX -d "$H/fy1.db" "$H/fy1.md"
t1=$(now_ms)
run $INDEX -d "$H/fy2.db" "$H/fy2.md"
t2=$(now_ms)
check_rc "hostile dates: indexed" 0
check_err "hostile dates: warning names the file and line" "warning: '$H/fy2.md' line 3: more than [0-9]+ dates in one paragraph"
a=$((t1 - t0))
b=$((t2 - t1))
if [ "$b" -le $((3 * a + 400)) ]; then ok "hostile dates: doubling the paragraph at most triples the time ($a ms, $b ms)"
else not_ok "hostile dates: doubling the paragraph at most triples the time" "$a ms then $b ms"; fi
n=$(sqlite3 "$H/fy2.db" "SELECT count(*) FROM timeline")
check_eq "hostile dates: capped at 4096 per paragraph" "$n" 4096

# --- gazetteer: a very long alias (item 13) ----------------------------------
# The trie is laid out without recursion: a 1 MB alias costs no stack.
awk 'BEGIN { printf "{\"format_version\":1,\"agencies\":[{\"id\":\"zz\",\"name\":\"Zed Agency\",\"kind\":\"agency\",\"aliases\":[\""
	for (i = 0; i < 1000000; i++) printf "a"; print "\"]}]}" }' >"$H/long_alias.json"
printf 'The Zed Agency shall act.\n' >"$H/zed.txt"
run $INDEX -A "$H/long_alias.json" -d "$H/zed.db" "$H/zed.txt"
check_rc "long gazetteer alias: indexed" 0
check_eq "long gazetteer alias: the agency is found" \
	"$(sqlite3 "$H/zed.db" "SELECT agency_id FROM action_agencies" 2>&1)" "zz"

# --- a database that cannot be written can still be read (item 4) ------------
# Another user's database in a read-only folder: as root the test reads
# it as nobody (setpriv); as anyone else, a folder of mode 555 is enough.
as_other() {
	if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else "$@"; fi
}
mkdir -p "$H/ro"
printf 'The Department of Energy shall report on grid storage by March 1, 2026.\n' >"$H/ro/a.txt"
run $INDEX -d "$H/ro/r.db" "$H/ro/a.txt"
chmod 755 "$H" "$TMP"
chmod 644 "$H/ro/r.db"
chmod 555 "$H/ro"
if [ "$(id -u)" -ne 0 ] || command -v setpriv >/dev/null; then
	run as_other $QUERY -d "$H/ro/r.db" search storage
	check_rc "read-only folder: search works" 0
	check_out "read-only folder: the record is found" "report on grid"
	run as_other $QUERY -d "$H/ro/r.db" deadlines --all
	check_rc "read-only folder: deadlines work" 0
	run as_other $QUERY -d "$H/ro/missing.db" search storage
	check_rc "missing database: runtime error" 3
	check_err "missing database: says what failed" "cannot open database '.*missing.db': No such file or directory"
else
	ok "read-only folder: skipped (no setpriv)"
fi
chmod 755 "$H/ro"
