#!/bin/sh
# The ranked lists on the corpus itself (short lists, so that its words
# have them): every search they answer is the full ranking's, through the
# library and through polidex-query; a change of a file makes them unused
# until the pass rebuilds them.
. tests/cli/lib.sh

# where the lists are stored (RANKED_TABLE and RANKED_META in
# include/polidex/ranked.h)
TABLE=ranked_lists
META=ranked_lists

DB="$TMP/corpus.db"
run $INDEX -q --x-ranked-lists=5,16,20000 -d "$DB" corpus
check_rc "index corpus with short ranked lists" 0
check_eq "lists for the corpus's frequent words, English and Chinese" \
	"$(sqlite3 "$DB" "SELECT count(*) > 50, sum(term = '基础'), sum(term = 'agenc') FROM $TABLE")" "1|1|1"
check_eq "meta $META holds the index's rows and tokens" \
	"$(sqlite3 "$DB" "SELECT value LIKE (SELECT count(*) FROM actions) || ' %' FROM meta WHERE key = '$META'")" 1
run "$B/tests/test_ranked" "$DB"
check_out "each listed word, alone and in pairs, with filters: same results as ranking every match" \
	"^# passed [0-9]+ failed 0$"
check_out "and the lists answer searches" "^ok - the lists answer searches"

# polidex-query: the same output with the lists and without them
for q in "AI" "data" "数据" "export -a DOC" "infrastructure -k recommended_action" "agencies -n 3"; do
	# shellcheck disable=SC2086
	run $QUERY -d "$DB" search -f json $q
	cp "$TMP/out" "$TMP/with"
	sqlite3 "$DB" "DELETE FROM meta WHERE key = '$META'"
	# shellcheck disable=SC2086
	run $QUERY -d "$DB" search -f json $q
	check_eq "search $q: the same JSON with the lists and without" \
		"$(cmp -s "$TMP/out" "$TMP/with" && echo same)" same
	run $INDEX -q --x-ranked-lists=5,16,20000 -d "$DB" corpus
done
check_eq "a run with nothing changed rebuilds missing lists" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM meta WHERE key = '$META'")" 1

# a changed file: its run deletes the meta key with the change, the pass
# after the files rebuilds it
mkdir "$TMP/c"
cp -r corpus/. "$TMP/c/"
run $INDEX -q --x-ranked-lists=5,16,20000 -d "$TMP/c.db" "$TMP/c"
before=$(sqlite3 "$TMP/c.db" "SELECT value FROM meta WHERE key = '$META'")
f=$(find "$TMP/c/news" -type f | sort | head -n 1)
printf '\nThe Department of Commerce shall report on data centers within 30 days.\n' >>"$f"
run $INDEX -q --x-ranked-lists=5,16,20000 -d "$TMP/c.db" "$TMP/c"
after=$(sqlite3 "$TMP/c.db" "SELECT value FROM meta WHERE key = '$META'")
check_eq "a changed file: the lists are rebuilt for the new index" \
	"$([ -n "$after" ] && [ "$after" != "$before" ] && echo rebuilt)" rebuilt
run "$B/tests/test_ranked" "$TMP/c.db"
check_out "and still give the full ranking's results" "^# passed [0-9]+ failed 0$"

# a bad setting is a usage error; without one the defaults build the lists
run $INDEX -q --x-ranked-lists=5,16 -d "$TMP/bad.db" corpus/plan
check_rc "a bad --x-ranked-lists is a usage error" 2
check_err "and is named on stderr" "bad --x-ranked-lists '5,16'"
run $INDEX -q -d "$TMP/bad.db" corpus/plan
check_eq "the defaults apply (no word of the plan is in 1,000 records)" \
	"$(sqlite3 "$TMP/bad.db" "SELECT count(*) FROM $TABLE; SELECT count(*) FROM meta WHERE key = '$META'" | tr '\n' ' ')" "0 1 "

finish
