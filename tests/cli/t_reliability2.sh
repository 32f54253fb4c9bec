#!/bin/sh
# Reliability, round two (issue 22, the indexer's items): links out of the
# corpus, --prune from another folder, nohup, special files, limits,
# errors that name their cause, foreign and damaged databases. The hostile
# inputs are built from nothing by tests/hostile/make_cases.sh; every one
# is also run for "no crash, no hang". See docs/reliability.md.
. tests/cli/lib.sh

H="$TMP/h"
sh tests/hostile/make_cases.sh "$H" || { not_ok "make the hostile cases"; finish; exit 1; }
case $B in /*) RAW_INDEX="$B/polidex-index" ;; *) RAW_INDEX="$(pwd)/$B/polidex-index" ;; esac
TO="timeout 60"

# --- every case: no crash, no hang, a status the man page lists ----------
while IFS="$(printf '\t')" read -r name what; do
	case $name in
	foreign.db) run $TO $INDEX -q -d "$H/foreign.db" tests/bad/good.txt ;;
	gazetteer.json) run $TO $INDEX -q -d "$TMP/any.db" -A "$H/$name" tests/bad/good.txt ;;
	badname) run $TO $INDEX -q -d "$TMP/any.db" "$H"/bad*name* ;;
	*) run $TO $INDEX -q -d "$TMP/any.db" "$H/$name" ;;
	esac
	[ "$RC" -le 3 ] && ! grep -q 'Sanitizer\|runtime error' "$TMP/err" &&
		ok "hostile case $name ($what): exit $RC" ||
		not_ok "hostile case $name ($what)" "exit $RC; $(head -c 400 "$TMP/err")"
done <"$H/CASES"

# --- 1. links found in the walk are followed only inside the folder -------
rm -f "$TMP/l.db"
run $INDEX -d "$TMP/l.db" "$H/links/corpus"
check_rc "a corpus with links out of it is indexed (links are no error)" 0
check_eq "nothing outside the folder is indexed" \
	"$(sqlite3 "$TMP/l.db" "SELECT count(*) FROM actions WHERE text LIKE '%outsidesecret%'")" 0
check_eq "... not even by a path through the link" \
	"$(sqlite3 "$TMP/l.db" "SELECT count(*) FROM documents WHERE path LIKE '%etc/%' OR path LIKE '%shadow%'")" 0
check_err "a link to a folder outside is named" "warning: '.*corpus/etc': symbolic link to '.*outside', outside '.*corpus', not followed"
check_err "a link to a file outside is named" "warning: '.*corpus/shadow.txt': symbolic link to .*, not followed"
check_err "a link to nothing is named" "warning: '.*dangling.txt': symbolic link to nothing"
check_eq "a link inside the folder is followed; its file is indexed once" \
	"$(sqlite3 "$TMP/l.db" "SELECT count(*) FROM documents")" 2
# a path named on the command line may be a link
ln -s "$H/links/outside" "$TMP/named"
run $INDEX -q -d "$TMP/l2.db" "$TMP/named"
check_rc "a link named on the command line is followed" 0
check_eq "... and its files indexed" "$(sqlite3 "$TMP/l2.db" "SELECT count(*) FROM documents")" 1

# --- 2. --prune prunes only what is provably gone ---------------------------
P="$TMP/p"
mkdir -p "$P/work"
cp -r corpus "$P/work/"
rm -f "$TMP/p.db"
(cd "$P/work" && $RAW_INDEX -q -d "$TMP/p.db" corpus)
n=$(sqlite3 "$TMP/p.db" "SELECT count(DISTINCT path) FROM documents")
(cd / && $RAW_INDEX -d "$TMP/p.db" --prune >"$TMP/out" 2>"$TMP/err"); RC=$?
check_rc "--prune from another folder exits 0" 0
check_eq "... and keeps every document (paths are resolved where they were indexed)" \
	"$(sqlite3 "$TMP/p.db" "SELECT count(DISTINCT path) FROM documents")" "$n"
check_err "... and says how many it pruned" ", 0 pruned$"
rm "$P/work/corpus/whitehouse/"*14320*
(cd / && $RAW_INDEX -d "$TMP/p.db" --prune >"$TMP/out" 2>"$TMP/err"); RC=$?
check_rc "a file removed: --prune from anywhere exits 0" 0
check_eq "... and drops that file only" \
	"$(sqlite3 "$TMP/p.db" "SELECT count(DISTINCT path) FROM documents")" "$((n - 1))"
check_err "... and counts it" ", 1 pruned$"
# only under the PATHs given
rm "$P/work/corpus/whitehouse/"*14319*
(cd "$P/work" && $RAW_INDEX -d "$TMP/p.db" --prune corpus/plan >"$TMP/out" 2>"$TMP/err"); RC=$?
check_eq "--prune PATH leaves the files gone elsewhere" \
	"$(sqlite3 "$TMP/p.db" "SELECT count(DISTINCT path) FROM documents")" "$((n - 1))"
check_err "... 0 pruned" ", 0 pruned$"
# more than half gone: refused without --force
rm -r "$P/work/corpus/whitehouse" "$P/work/corpus/federal-register"
before=$(sqlite3 "$TMP/p.db" "SELECT count(DISTINCT path) FROM documents")
(cd "$P/work" && $RAW_INDEX -d "$TMP/p.db" --prune >"$TMP/out" 2>"$TMP/err"); RC=$?
check_rc "--prune that would drop more than half exits 3" 3
check_err "... and says why and what to do" "prune would drop [0-9]+ of the $before indexed files \(more than 50%\): nothing pruned; .*add --force"
check_eq "... and drops nothing" "$(sqlite3 "$TMP/p.db" "SELECT count(DISTINCT path) FROM documents")" "$before"
(cd "$P/work" && $RAW_INDEX -d "$TMP/p.db" --prune --force >"$TMP/out" 2>"$TMP/err"); RC=$?
check_rc "--prune --force drops them" 0
check_eq "... all that are gone" "$(sqlite3 "$TMP/p.db" "SELECT count(*) FROM documents WHERE path LIKE '%whitehouse%' OR path LIKE '%federal-register%'")" 0
# relative paths indexed from two folders: each is stored relative to the
# database's folder (paths.c), so a run from either folder finds the other's
mkdir -p "$P/other/x"
cp tests/bad/good.txt "$P/other/x/"
(cd "$P/other" && $RAW_INDEX -q -d "$TMP/p.db" x)
(cd "$P/work" && $RAW_INDEX -d "$TMP/p.db" --prune >"$TMP/out" 2>"$TMP/err"); RC=$?
check_rc "paths indexed from two folders: prune from one keeps the other's" 0
check_eq "... it stays" "$(sqlite3 "$TMP/p.db" "SELECT count(*) FROM documents WHERE path LIKE '%other/x/good.txt'")" 1
# where a relative path's folder cannot be told (the database outside the
# folders it was indexed from, runs from two of them), it is never pruned
mkdir -p "$TMP/dbs" "$P/third/y"
cp tests/bad/good.txt "$P/third/y/"
(cd "$P/other" && $RAW_INDEX -q -d "$TMP/dbs/q.db" x)
(cd "$P/third" && $RAW_INDEX -q -d "$TMP/dbs/q.db" y)
(cd / && $RAW_INDEX -d "$TMP/dbs/q.db" --prune --force >"$TMP/out" 2>"$TMP/err"); RC=$?
check_err "paths indexed from several folders are not pruned, and that is said" \
	"warning: [0-9]+ indexed files? (is|are) stored by a path relative to a folder it cannot tell"
check_eq "... they stay" "$(sqlite3 "$TMP/dbs/q.db" "SELECT count(*) FROM documents")" 2

# --- 8. a first run under nohup survives a hangup ---------------------------
mkdir -p "$TMP/many"
for i in 1 2 3 4 5 6; do cp -r corpus "$TMP/many/c$i"; done
rm -f "$TMP/hup.db"
trap '' HUP
$RAW_INDEX -q -d "$TMP/hup.db" "$TMP/many" 2>"$TMP/err" &
pid=$!
trap - HUP
hups=0
while kill -0 $pid 2>/dev/null; do
	kill -HUP $pid 2>/dev/null && hups=$((hups + 1))
	sleep 0.02
done
wait $pid
RC=$?
check_rc "a first run with SIGHUP ignored (nohup) is not stopped by $hups hangups" 0
check_eq "... and its database is in place" "$([ -f "$TMP/hup.db" ] && echo yes)" yes

# --- 13. special files, limits, messages -------------------------------------
run $INDEX -d "$TMP/s.db" "$H/fifo" tests/bad/good.txt
check_rc "a FIFO named on the command line is skipped (exit 1)" 1
check_err "... with a message" "cannot read '.*fifo': a FIFO, not a document file"
run $INDEX -d "$TMP/s.db" /dev/stdin </dev/null
check_rc "/dev/stdin is skipped (exit 1)" 1
check_err "... with a message" "cannot read '/dev/stdin': a device or process file"
run $INDEX -d "$TMP/s.db" "$H/specials"
check_rc "a FIFO met in a folder is skipped (exit 1)" 1
check_err "... with a message" "cannot read '.*specials/pipe.txt': a FIFO, not a document file"
run $TO $INDEX -d "$TMP/s.db" -A "$H/gazetteer.json" tests/bad/good.txt
check_rc "a FIFO as the -A file does not hang: a usage error" 2
check_err "... that names it" "cannot read '.*gazetteer.json': a FIFO, not a regular file"
run $INDEX -d "$TMP/s.db" -A /dev/zero tests/bad/good.txt
check_rc "-A /dev/zero: a usage error" 2
check_err "... that says what it is (no stale errno)" "cannot read '/dev/zero': a device, not a regular file"
run $INDEX -d "$TMP/s.db" -A "$TMP" tests/bad/good.txt
check_err "-A with a folder says so" "cannot read '.*': a folder, not a regular file"
# a file swapped for a FIFO after the walk: skipped, never waited on; one
# swapped for a link out of the folder: not read through it
rm -f "$TMP/sw.db"
$RAW_INDEX -j 1 -d "$TMP/sw.db" "$H/swap" >"$TMP/out" 2>"$TMP/err" &
pid=$!
sleep 0.3
rm -f "$H/swap/f020.txt" "$H/swap/f019.txt"
mkfifo "$H/swap/f020.txt"
ln -s "$H/links/outside/shadow.txt" "$H/swap/f019.txt"
t=0
while kill -0 $pid 2>/dev/null && [ $t -lt 300 ]; do sleep 0.1; t=$((t + 1)); done
if kill -0 $pid 2>/dev/null; then
	kill -9 $pid
	not_ok "a file swapped for a FIFO during the run does not hang the indexer"
else
	wait $pid
	RC=$?
	ok "a file swapped for a FIFO during the run does not hang the indexer"
	check_rc "... it is skipped (exit 1)" 1
	check_err "... with a message" "cannot read '.*f020.txt': a FIFO, not a regular file"
	check_err "a file swapped for a link after the walk is not read through it" \
		"cannot read '.*f019.txt': a symbolic link now, not followed"
	check_eq "... nothing of its target is stored" \
		"$(sqlite3 "$TMP/sw.db" "SELECT count(*) FROM actions WHERE text LIKE '%outsidesecret%'")" 0
fi
# folders too deep
run $INDEX -d "$TMP/deep.db" "$H/deep"
check_rc "folders nested deeper than 64 count as skipped (exit 1)" 1
check_err "... with a message" "cannot read folder '.*': nested more than 64 folders deep, skipped"
check_err "... the rest is indexed" "1 file indexed .* 1 skipped"
# the same file twice
mkdir -p "$TMP/tw"
cp tests/bad/good.txt "$TMP/tw/"
run $INDEX -d "$TMP/twice.db" "$TMP/tw/good.txt" "$TMP/tw" "$TMP/tw/good.txt"
check_err "the same file named twice is indexed once" "^polidex-index: 1 file indexed"
# CR-only line ends
run $INDEX --dump "$H/cr.txt"
check_eq "CR-only line ends are line ends (two paragraphs)" "$(json 'len(d)')" 2
# a huge front-matter title is refused as a huge paragraph is
run $INDEX -d "$TMP/t.db" "$H/bigtitle.md"
check_rc "a 2 MB front-matter title: the file is skipped" 1
check_err "... with the reason" "cannot parse '.*bigtitle.md': title is 2097[0-9]+ bytes, more than 1 MB"
# non-UTF-8 file names
run $INDEX --dump "$H"/bad*name*
check_rc "a non-UTF-8 file name is read" 0
if $PY -c "import json,sys; json.loads(open('$TMP/out','rb').read().decode('utf-8'))" 2>/dev/null; then
	ok "... and --dump prints valid UTF-8 JSON"
else
	not_ok "... and --dump prints valid UTF-8 JSON" "$(head -c 300 "$TMP/out" | od -c | head -5)"
fi
mkfifo "$H/pipe$(printf '\377\033')x"
run $INDEX -d "$TMP/n.db" "$H/pipe$(printf '\377\033')x"
check_err "a message shows a file name's odd bytes escaped" "pipe\\\\xFF\\\\x1Bx"
if grep -q "$(printf '\033')" "$TMP/err"; then not_ok "... and no raw ESC reaches the terminal"; else ok "... and no raw ESC reaches the terminal"; fi
# --dump streams: its memory does not grow with the records
if [ -z "$(ldd "$B/polidex-index" 2>/dev/null | grep libasan)" ] && [ -z "${VALGRIND:-}" ] && [ -x /usr/bin/time ]; then
	kb=$(/usr/bin/time -f %M "$B/polidex-index" --dump "$H/dense.txt" 2>&1 >/dev/null | tail -1)
	check_eq "--dump of 60,000 records streams (max RSS ${kb} KB < 120 MB)" "$([ "$kb" -lt 122880 ] && echo yes)" yes
fi
# a failed post-pass says why, and a first run that kept nothing says so
lied=0
why=0
for kb in 700 800 900 1000 1100 1200; do
	rm -f "$TMP/u.db"*
	sh -c "trap '' XFSZ; ulimit -f $kb; exec $RAW_INDEX -d '$TMP/u.db' corpus" 2>"$TMP/err"
	if [ ! -f "$TMP/u.db" ]; then
		grep -q " [1-9][0-9]* files* indexed" "$TMP/err" && lied=$((lied + 1))
		grep -q "not an error" "$TMP/err" && why=$((why + 1))
	fi
done
check_eq "a first run that fails (file size limit) claims no files indexed" "$lied" 0
check_eq "... and names the real error" "$why" 0

# --- 13, 7. a foreign or damaged database at -d ------------------------------
sum=$(md5sum <"$H/foreign.db")
run $INDEX -d "$H/foreign.db" tests/bad/good.txt
check_rc "another program's SQLite file is refused (exit 3)" 3
check_err "... with a message" "not a polidex database \(it holds table 'notes' and no polidex schema\); index into a new file"
check_eq "... and left as it was" "$(md5sum <"$H/foreign.db")" "$sum"
rm -f "$TMP/c.db"*
$RAW_INDEX -q -d "$TMP/c.db" corpus
cp "$TMP/c.db" "$TMP/c2.db"
sqlite3 "$TMP/c.db" "PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql='CREATE INDEX timeline_date ON timeline(value)' WHERE name='timeline_date';"
run $INDEX -d "$TMP/c.db" tests/bad/good.txt
check_rc "an index definition edited in sqlite_master: refused (exit 3)" 3
check_err "... with the hint to re-index into a new file" "index 'timeline_date' is defined otherwise\); re-index into a new file"
sqlite3 "$TMP/c2.db" "PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql=replace(sql,' label TEXT,',' labels TEXT,') WHERE name='actions';"
run $INDEX -d "$TMP/c2.db" tests/bad/good.txt
check_rc "a column renamed in sqlite_master: refused (exit 3)" 3
check_err "... with the hint" "re-index into a new file"
run $INDEX -d "$TMP/l.db" tests/bad/good.txt
check_rc "a sound database is written as before" 0

finish
