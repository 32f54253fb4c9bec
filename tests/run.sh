#!/bin/sh
# Run every unit test program and every CLI test script; add up the results
# and end with one line "N passed, N failed".
# Environment: B (build dir, default build), VALGRIND=1 runs the CLI tests'
# programs under valgrind.
B=${B:-build}
export B
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
pass=0
fail=0
add() {
	# add the "# passed N failed M" line of a test's output
	line=$(grep -E '^# passed [0-9]+ failed [0-9]+$' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "not ok - $1 ended without a summary (crashed?)"
		fail=$((fail + 1))
		return
	fi
	p=$(echo "$line" | awk '{print $3}')
	f=$(echo "$line" | awk '{print $5}')
	pass=$((pass + p))
	fail=$((fail + f))
}
for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	echo "== $t"
	"$t" >"$log" 2>&1
	grep -v '^ok - ' "$log"
	add "$t"
done
for t in tests/cli/t_*.sh; do
	[ -f "$t" ] || continue
	echo "== $t"
	sh "$t" >"$log" 2>&1
	grep -v '^ok - ' "$log"
	add "$t"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
