#!/bin/sh
# Reliability (issue 7): no interruption corrupts the index, queries run
# while an index is written, two indexers do not trample each other, and
# no bad input crashes either program. See docs/reliability.md.
# Environment: KILLS (default 20) kills of the indexer; COPIES (default 25)
# copies of the corpus to index; BIG_MB (default 50)
# size of the one-line file.
. tests/cli/lib.sh

KILLS=${KILLS:-20}
COPIES=${COPIES:-25}
BIG_MB=${BIG_MB:-50}
RAW_INDEX="$B/polidex-index"
RAW_QUERY="$B/polidex-query"

# check_rc_in NAME CODES...: the last run exited with one of CODES.
check_rc_in() {
	name=$1
	shift
	for c in "$@"; do
		if [ "$RC" -eq "$c" ]; then ok "$name"; return; fi
	done
	not_ok "$name" "exit $RC, want one of $*; stderr: $(head -c 400 "$TMP/err")"
}

# now_ms: milliseconds since the epoch (GNU date), or seconds * 1000.
now_ms() {
	t=$(date +%s%N 2>/dev/null)
	case $t in
	*N|'') echo $(($(date +%s) * 1000)) ;;
	*) echo $((t / 1000000)) ;;
	esac
}

# shape DB: one line per indexed file part: base name, part, parts of the
# file, records, timeline entries, agency roles. Copies of one file under
# different folders give the same lines.
shape() {
	sqlite3 "$1" "SELECT d.path, d.part,
		(SELECT count(*) FROM documents d2 WHERE d2.path = d.path),
		(SELECT count(*) FROM actions a WHERE a.doc_id = d.id),
		(SELECT count(*) FROM timeline t JOIN actions a ON a.id = t.action_id WHERE a.doc_id = d.id),
		(SELECT count(*) FROM action_agencies r JOIN actions a ON a.id = r.action_id WHERE a.doc_id = d.id)
		FROM documents d" | sed 's#^.*/##' | sort -u
}

# --- 1. atomicity under SIGKILL ---------------------------------------------
# Copies of the corpus under distinct folders; the reference is a clean
# index of one copy of each file.
BIG="$TMP/big"
mkdir -p "$BIG/ref"
for f in $(find corpus -type f ! -name SOURCES.md | sort); do
	cp "$f" "$BIG/ref/"
done
n=1
while [ $n -le "$COPIES" ]; do
	mkdir "$BIG/c$n"
	cp "$BIG"/ref/* "$BIG/c$n/"
	n=$((n + 1))
done
nfiles=$(find "$BIG" -type f | wc -l)
REF="$TMP/ref.db"
run $RAW_INDEX -q -d "$REF" "$BIG/ref"
check_rc "reference index of one copy of the corpus" 0
shape "$REF" >"$TMP/ref.shape"

KDB="$TMP/kill.db"
if [ "${VALGRIND:-}" = 1 ]; then
	ok "kill test skipped under valgrind (too slow to aim the kills)"
else
	# a clean run of the whole folder: its time aims the kills (a kill
	# that lands after completion still counts, and is no failure)
	t0=$(now_ms)
	run $RAW_INDEX -q -d "$TMP/full.db" "$BIG"
	t1=$(now_ms)
	check_rc "clean index of $nfiles files" 0
	shape "$TMP/full.db" >"$TMP/full.shape"
	check_eq "every copy gives what the reference gives" \
		"$(cmp -s "$TMP/ref.shape" "$TMP/full.shape" && echo same)" same
	T=$((t1 - t0))
	[ "$T" -lt 200 ] && T=200
	echo "# clean run: $nfiles files in $T ms"
	# delays spread over the run, jittered by a fixed-seed generator
	delays=$(awk -v n="$KILLS" -v t="$T" 'BEGIN { srand(7);
		for (i = 0; i < n; i++) printf "%.3f\n", t * (0.03 + 0.92 * ((i + rand()) / n)) / 1000 }')
	k=0
	bad=0
	fresh_bad=0
	landed=0
	for d in $delays; do
		k=$((k + 1))
		# the first third build a new database (a first run: no file
		# until it is whole), the second insert into a partial one (it
		# starts with one copy), the rest replace every file (--force):
		# delete and insert
		if [ $k -le $((KILLS / 3)) ]; then
			rm -f "$KDB" "$KDB-wal" "$KDB-shm"
			mode=""
		elif [ $k -le $((2 * KILLS / 3)) ]; then
			if [ $k -eq $((KILLS / 3 + 1)) ]; then
				rm -f "$KDB" "$KDB-wal" "$KDB-shm"
				$RAW_INDEX -q -d "$KDB" "$BIG/ref"
			fi
			mode=""
		else
			mode="--force"
		fi
		$RAW_INDEX -q $mode -d "$KDB" "$BIG" >/dev/null 2>"$TMP/kill.err" &
		pid=$!
		sleep "$d"
		if kill -KILL "$pid" 2>/dev/null; then landed=$((landed + 1)); fi
		wait "$pid" 2>/dev/null
		if [ $k -le $((KILLS / 3)) ] && [ -f "$KDB" ] &&
			! shape "$KDB" | cmp -s - "$TMP/full.shape"; then
			fresh_bad=$((fresh_bad + 1))
			echo "# first run killed after ${d}s left a database short of files"
		fi
		if ! $RAW_QUERY -d "$KDB" check >"$TMP/check.out" 2>&1; then
			[ -f "$KDB" ] || continue	# killed before the file was made
			bad=$((bad + 1))
			not_ok "check after kill $k (after ${d}s)" "$(head -5 "$TMP/check.out")"
			continue
		fi
		shape "$KDB" >"$TMP/kill.shape"
		extra=$(comm -23 "$TMP/kill.shape" "$TMP/ref.shape")
		if [ -n "$extra" ]; then
			bad=$((bad + 1))
			not_ok "documents complete after kill $k (after ${d}s)" "$extra"
		fi
	done
	echo "# $k kills, $landed while the indexer ran"
	check_eq "kills of first runs leave a whole database or none" "$fresh_bad" 0
	check_eq "database sound and every document whole after $k kills" "$bad" 0
	# a first run stopped by a signal other than SIGKILL removes its file
	TDB="$TMP/term.db"
	$RAW_INDEX -q -d "$TDB" "$BIG" >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v t="$T" 'BEGIN { printf "%.3f", t * 0.4 / 1000 }')"
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"
	trc=$?
	check_eq "a first run stopped by SIGTERM leaves no building file" \
		"$(ls "$TMP" | grep -c '^term\.db\.building')" 0
	if [ -f "$TDB" ]; then
		check_eq "a first run that ended before SIGTERM is whole" \
			"$(shape "$TDB" | cmp -s - "$TMP/full.shape" && echo same)" same
	else
		check_eq "a first run stopped by SIGTERM dies of it, leaving no database" "$trc" 143
	fi
	run $RAW_INDEX -q -d "$KDB" "$BIG"
	check_rc "a normal run after the kills completes" 0
	run $RAW_QUERY -d "$KDB" check
	check_rc "check after the final run" 0
	check_eq "the final database holds every file whole" \
		"$(shape "$KDB" | cmp -s - "$TMP/full.shape" && echo same)" same
	check_eq "the final database holds every file" \
		"$(sqlite3 "$KDB" "SELECT count(DISTINCT path) FROM documents")" "$nfiles"
fi

# --- 2. concurrency ------------------------------------------------------------
CDB="$TMP/conc.db"
run $INDEX -q -d "$CDB" "$BIG/ref"
check_rc "concurrency: first index" 0
$RAW_INDEX -q --force -d "$CDB" "$BIG" >"$TMP/bg.out" 2>"$TMP/bg.err" &
bgpid=$!
nq=0
qbad=0
while kill -0 "$bgpid" 2>/dev/null; do
	$QUERY -d "$CDB" search -n 5 AI commerce >/dev/null 2>"$TMP/q.err"
	rc=$?
	nq=$((nq + 1))
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
		qbad=$((qbad + 1))
		echo "# query $nq exited $rc: $(head -c 200 "$TMP/q.err")"
	fi
	[ $nq -ge 500 ] && break
done
wait "$bgpid"
bgrc=$?
echo "# $nq queries while the indexer ran"
check_eq "queries during an index exit 0 or 1" "$qbad" 0
check_eq "the indexer under queries exits 0" "$bgrc" 0

# two indexers on one database: the second waits for the lock (busy
# timeout) or fails with a clear message; the database stays sound
$RAW_INDEX -q --force -d "$CDB" "$BIG" >/dev/null 2>"$TMP/i1.err" &
p1=$!
$RAW_INDEX -q --force -d "$CDB" tests/bad/good.txt "$BIG/ref" >/dev/null 2>"$TMP/i2.err" &
p2=$!
wait "$p1"
rc1=$?
wait "$p2"
rc2=$?
RC=$rc1
check_rc_in "two indexers: the first exits 0 or 3" 0 3
case $rc2 in
0) ok "two indexers: the second waited and exited 0" ;;
3) if grep -q "locked\|busy" "$TMP/i2.err"; then ok "two indexers: the second failed clearly"
   else not_ok "two indexers: the second failed clearly" "$(cat "$TMP/i2.err")"; fi ;;
*) not_ok "two indexers: the second exits 0 or 3" "exit $rc2: $(cat "$TMP/i2.err")" ;;
esac
run $QUERY -d "$CDB" check
check_rc "two indexers: database sound" 0

# two first runs on one path: the second finds the file the first builds
# taken and stops (exit 3, naming it), or, when the first was done
# already, indexes into its database; either way the database is whole
FDB="$TMP/first.db"
$RAW_INDEX -q -d "$FDB" "$BIG" >/dev/null 2>"$TMP/f1.err" &
p1=$!
k=0
while [ ! -f "$FDB.building" ] && [ ! -f "$FDB" ] && [ $k -lt 200 ]; do sleep 0.01; k=$((k + 1)); done
$RAW_INDEX -q -d "$FDB" "$BIG" >/dev/null 2>"$TMP/f2.err"
rc2=$?
wait "$p1"
RC=$?
check_rc "two first runs: the first exits 0" 0
case $rc2 in
0) ok "two first runs: the second came after the first and exited 0" ;;
3) if grep -q "another run is building it in '$FDB.building'" "$TMP/f2.err"; then
	ok "two first runs: the second stops clearly"
   else not_ok "two first runs: the second stops clearly" "$(cat "$TMP/f2.err")"; fi ;;
*) not_ok "two first runs: the second exits 0 or 3" "exit $rc2: $(cat "$TMP/f2.err")" ;;
esac
run $QUERY -d "$FDB" check
check_rc "two first runs: database sound" 0
check_eq "two first runs: the database holds every file" \
	"$(sqlite3 "$FDB" "SELECT count(DISTINCT path) FROM documents")" "$nfiles"
check_eq "two first runs: no building file left" "$(ls "$TMP" | grep -c '^first\.db\.building')" 0

# --- 3. bad input ------------------------------------------------------------
BDB="$TMP/bad.db"
run $INDEX -q -d "$BDB" tests/bad/good.txt
check_rc "bad input: base index" 0
state=$(db_state "$BDB")
for f in empty.txt image.png invalid-utf8.txt utf16-bom.txt nul.txt truncated.xml; do
	run $INDEX -d "$BDB" "tests/bad/$f"
	check_rc "bad input $f exits 1" 1
	check_err "bad input $f: message names the file" "polidex-index: cannot parse 'tests/bad/$f': "
	[ "$f" = utf16-bom.txt ] && check_err "UTF-16 is refused clearly" "UTF-16 text is not supported"
done
cp /bin/true "$TMP/true"
run $INDEX -d "$BDB" "$TMP/true"
check_rc "an ELF binary exits 1" 1
check_err "an ELF binary: message names it" "cannot parse '$TMP/true': binary file"
check_eq "bad input leaves the database unchanged" "$(db_state "$BDB")" "$state"
run $QUERY -d "$BDB" check
check_rc "bad input: database sound" 0

# XML with external entities and nested entity definitions: read as
# Federal Register XML, entities never expanded, nothing fetched
nc_log="$TMP/net.log"
: >"$nc_log"
$PY - "$nc_log" "$TMP/port" <<'EOF' &
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(5)
open(sys.argv[2], "w").write(str(s.getsockname()[1]))
while True:
    c, a = s.accept(); open(sys.argv[1], "a").write("connection\n"); c.close()
EOF
netpid=$!
i=0
while [ ! -s "$TMP/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$TMP/port" 2>/dev/null)
echo "SECRET-MARKER-7f3a" >"$TMP/secret.txt"
sed -e "s#file:///etc/passwd#file://$TMP/secret.txt#" \
    -e "s#127.0.0.1:9#127.0.0.1:$port#g" tests/bad/xxe.xml >"$TMP/xxe.xml"
XDB="$TMP/xml.db"
run $INDEX -d "$XDB" "$TMP/xxe.xml"
check_rc "XXE: the file is indexed" 0
check_eq "XXE: read as Federal Register XML" \
	"$(sqlite3 "$XDB" "SELECT format FROM documents")" fr-xml
check_eq "XXE: the local file is not read into the index" \
	"$(sqlite3 "$XDB" "SELECT count(*) FROM actions WHERE text LIKE '%SECRET-MARKER%'")" 0
check_eq "XXE: nothing fetched over the network" "$(wc -l <"$nc_log")" 0
kill "$netpid" 2>/dev/null
wait "$netpid" 2>/dev/null
if command -v /usr/bin/time >/dev/null; then TIME="/usr/bin/time -f %M -o $TMP/rss"; else TIME=""; fi
run $TIME $RAW_INDEX -d "$XDB" tests/bad/billion-laughs.xml
case $RC in
0) ok "billion laughs: indexed" ;;
1) check_err "billion laughs: refused clearly" "cannot parse 'tests/bad/billion-laughs.xml': .*entity" ;;
*) not_ok "billion laughs: exit 0 or 1" "exit $RC: $(head -c 300 "$TMP/err")" ;;
esac
check_eq "billion laughs: entities not expanded" \
	"$(sqlite3 "$XDB" "SELECT max(length(text)) < 1000 FROM actions")" 1
[ -n "$TIME" ] && echo "# billion laughs: max RSS $(tail -n 1 "$TMP/rss") KB"
run $QUERY -d "$XDB" check
check_rc "XML: database sound" 0

# HTML nested 100,000 deep: libxml2 stops at its depth limit; no crash
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<div>"; printf "Deep text.";
	for (i = 0; i < 100000; i++) printf "</div>"; print "" }' >"$TMP/deep.html"
state=$(db_state "$BDB")
run $INDEX -d "$BDB" "$TMP/deep.html"
case $RC in
0) ok "HTML nested 100,000 deep is indexed" ;;
1) check_err "HTML nested 100,000 deep is refused clearly, naming the depth" "cannot parse '$TMP/deep.html': line [0-9]+: elements nested too deep" ;;
*) not_ok "HTML nested 100,000 deep: exit 0 or 1" "exit $RC: $(head -c 300 "$TMP/err")" ;;
esac
run $QUERY -d "$BDB" check
check_rc "deep HTML: database sound" 0

# a 50 MB single line: indexed or refused clearly, memory measured
if [ "${VALGRIND:-}" = 1 ]; then
	ok "50 MB line skipped under valgrind (too slow)"
else
	awk -v n="$BIG_MB" 'BEGIN { s = "The Secretary shall act within 30 days. ";
		while (length(s) < 65536) s = s s; s = substr(s, 1, 65536);
		for (i = 0; i < n * 16; i++) printf "%s", s }' >"$TMP/line.txt"
	run $TIME $RAW_INDEX -d "$TMP/line.db" "$TMP/line.txt"
	check_rc "a $BIG_MB MB single line is refused (exit 1)" 1
	check_err "a $BIG_MB MB single line is refused clearly" \
		"cannot parse '$TMP/line.txt': paragraph at line 1 is [0-9]+ bytes, more than 1 MB"
	[ -n "$TIME" ] && echo "# $BIG_MB MB line: max RSS $(tail -n 1 "$TMP/rss") KB"
	rm -f "$TMP/line.txt"
	run $RAW_QUERY -d "$TMP/line.db" check
	check_rc "50 MB line: database sound" 0
fi

# a folder with a symlink loop and an unreadable file beside good ones
F="$TMP/folder"
mkdir -p "$F/sub" "$F/locked"
cp tests/bad/*.txt tests/bad/*.png tests/bad/*.xml "$F/"
cp tests/bad/good.txt "$F/sub/good2.txt"
cp tests/bad/good.txt "$F/locked/good3.txt"
ln -s .. "$F/sub/loop"
chmod 000 "$F/locked"
run $INDEX -d "$TMP/folder.db" "$F"
check_rc "a folder with bad files exits 1" 1
check_err "a symlink loop is named and skipped" "'$F/sub/loop': folder already visited"
for f in empty.txt image.png invalid-utf8.txt utf16-bom.txt nul.txt truncated.xml; do
	check_err "the folder walk names $f" "cannot parse '$F/$f'"
done
check_eq "the good files of the folder are indexed, once each" \
	"$(sqlite3 "$TMP/folder.db" "SELECT count(*) FROM documents WHERE path LIKE '%good%.txt'")" \
	"$(if [ -r "$F/locked/good3.txt" ]; then echo 3; else echo 2; fi)"
if [ "$(id -u)" = 0 ]; then
	ok "an unreadable folder is named (skipped: running as root, chmod 000 does not stop root)"
else
	check_err "an unreadable folder is named" "cannot read folder '$F/locked': Permission denied"
fi
chmod 755 "$F/locked"
run $QUERY -d "$TMP/folder.db" check
check_rc "folder with bad files: database sound" 0

# --- queries: a very long one, an unknown agency, an impossible date ----------
run $INDEX -q -d "$TMP/q.db" corpus
state=$(db_state "$TMP/q.db")
awk 'BEGIN { for (i = 0; i < 12500; i++) printf "term%d ", i; print "" }' >"$TMP/long"
run $QUERY -d "$TMP/q.db" search $(cat "$TMP/long")
check_rc "a 100 KB query is refused (too many terms, issue 22)" 2
check_err "a 100 KB query: the limit is named" "too many search terms or phrases"
run $QUERY -d "$TMP/q.db" search --raw "$(cat "$TMP/long")"
check_rc "a 100 KB --raw query is refused" 2
run $QUERY -d "$TMP/q.db" search -a Comerce AI
check_rc "an unknown agency exits 2" 2
check_err "an unknown agency gets a suggestion" "Comerce.*(did you mean|Commerce)"
run $QUERY -d "$TMP/q.db" search --from 2025-02-30 AI
check_rc "an impossible date exits 2" 2
check_err "an impossible date is named" "2025-02-30"
check_eq "queries leave the database unchanged" "$(db_state "$TMP/q.db")" "$state"

# --- 6. the database file takes the user's umask ---------------------------
(umask 077 && $RAW_INDEX -q -d "$TMP/u077.db" tests/bad/good.txt)
check_eq "umask 077 gives mode 600" "$(stat -c %a "$TMP/u077.db")" 600
(umask 022 && $RAW_INDEX -q -d "$TMP/u022.db" tests/bad/good.txt)
check_eq "umask 022 gives mode 644" "$(stat -c %a "$TMP/u022.db")" 644

finish
