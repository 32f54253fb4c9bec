#!/bin/sh
# db_cases.sh - hostile cases for the database, query and extraction side
# of polidex (issue 22): each is built here from nothing, run, and its
# outcome asserted. Sourced by tests/cli/t_reliability_db.sh after
# tests/cli/lib.sh (run/check_*/ok/not_ok, $TMP, $INDEX, $QUERY), so
# `make check SANITIZE=1` runs them under the sanitizers.
H="$TMP/hostile"
RAW_QUERY="$B/polidex-query"
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
	check_err "missing database: says what failed" "no database '.*missing.db' \(index documents first"
else
	ok "read-only folder: skipped (no setpriv)"
fi
chmod 755 "$H/ro"

# A read-only mount and a full disk, in a user namespace where one can be
# made (unshare -rm); skipped where not.
if unshare -rm true 2>/dev/null; then
	mkdir -p "$H/rom" "$H/full"
	cp "$H/ro/r.db" "$H/rom/r.db"
	unshare -rm sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" &&
		"$2" -d "$1/r.db" search storage -n 1 >"$3/out" 2>"$3/err"; echo $? >"$3/rc"' \
		sh "$H/rom" "$RAW_QUERY" "$TMP"
	RC=$(cat "$TMP/rc")
	check_rc "read-only mount: search works" 0
	unshare -rm sh -c 'mount -t tmpfs -o size=4m none "$1" && cp "$4" "$1/r.db" &&
		{ dd if=/dev/zero of="$1/fill" bs=64k 2>/dev/null; true; } &&
		"$2" -d "$1/r.db" search storage -n 1 >"$3/out" 2>"$3/err"; echo $? >"$3/rc"' \
		sh "$H/full" "$RAW_QUERY" "$TMP" "$H/ro/r.db"
	RC=$(cat "$TMP/rc")
	check_rc "full disk: search works" 0
else
	ok "read-only mount and full disk: skipped (no user namespaces)"
fi

# A copy of the corpus, indexed: the database the next cases edit.
mkdir -p "$H/c"
cp -r corpus "$H/c/"
run $INDEX -d "$H/c.db" "$H/c/corpus"
check_rc "corpus copy indexed" 0
cp "$H/c.db" "$H/clean.db"

# --- values read back are validated; check range-checks them (item 9) -------
sqlite3 "$H/c.db" "UPDATE actions SET pillar = 100000000 WHERE id IN (SELECT id FROM actions ORDER BY id LIMIT 3);
	UPDATE summary_agencies SET role = NULL; UPDATE summary_kinds SET kind = NULL WHERE rowid % 2 = 0;"
for c in summary "summary -p 1" "summary -f json" "search policy" "search policy -f json"; do
	run $QUERY -d "$H/c.db" $c
	check_rc "edited values: '$c' runs" 0
done
run $QUERY -d "$H/c.db" check
check_rc "edited values: check fails" 3
check_out "edited values: check names the pillar" "value out of range: actions.pillar 100000000"
check_out "edited values: check names the NULL role" "summary_agencies: pillar [1-3], role NULL"
check_out "edited values: check names the NULL kind" "summary_kinds: pillar [1-3], kind NULL"
f=$(find "$H/c/corpus" -name '*.md' ! -name SOURCES.md | sort | head -n 1)
printf '\nOne more paragraph, to index the file again.\n' >>"$f"
run $INDEX -d "$H/c.db" "$H/c/corpus"
check_rc "edited values: the indexer runs over them" 0

# --- stored summaries follow every document change (item 5) ------------------
# A post-pass that fails (here a trigger refuses its summaries) leaves the
# documents changed: the stored summary must not be served any more.
cp "$H/clean.db" "$H/s.db"
sqlite3 "$H/s.db" "CREATE TRIGGER boom BEFORE INSERT ON summary_docs BEGIN SELECT RAISE(ABORT, 'boom'); END;"
# stored paths are relative to the database's folder (docs/schema.md)
plan=$H/$(sqlite3 "$H/s.db" "SELECT path FROM documents WHERE kind = 'plan' LIMIT 1")
# a copy of another rendition of its work is not counted again
LIVE1="SELECT count(*) FROM actions WHERE pillar = 1 AND doc_id NOT IN (SELECT id FROM documents WHERE copy_of IS NOT NULL)"
before=$(sqlite3 "$H/s.db" "$LIVE1")
printf '\nOne more paragraph of the plan.\n' >>"$plan"
run $INDEX -d "$H/s.db" "$H/c/corpus"
live=$(sqlite3 "$H/s.db" "$LIVE1")
run $QUERY -d "$H/s.db" summary -p 1 -f json
shown=$(json "d['pillars'][0]['records']['total']")
check_eq "failed post-pass: summary shows the live count ($before before)" "$shown" "$live"
cp "$H/clean.db" "$H/s2.db"
sqlite3 "$H/s2.db" "UPDATE summary_kinds SET n = n + 7 WHERE rowid = (SELECT min(rowid) FROM summary_kinds WHERE pillar = 1)"
run $QUERY -d "$H/s2.db" check
check_rc "stale stored summary: check fails" 3
check_out "stale stored summary: check says so" "stored summary disagrees with the records: pillar 1: [0-9]+ records stored, [0-9]+ live"

# --- check tells busy from broken (item 6) -----------------------------------
cp "$H/clean.db" "$H/b.db"
$PY -c "import sqlite3, time, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN IMMEDIATE'); c.execute('DELETE FROM meta WHERE key = \"nothing\"')
open(sys.argv[2], 'w').close(); time.sleep(4)" "$H/b.db" "$H/locked" &
lockpid=$!
i=0
while [ ! -f "$H/locked" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
run $QUERY --busy-timeout 2s -d "$H/b.db" check
check_rc "--busy-timeout takes milliseconds: '2s' is a usage error" 2
check_err "... with what it takes" "busy-timeout takes milliseconds from 0 to 3600000, not '2s'"
run $QUERY --busy-timeout 200 -d "$H/b.db" check
check_rc "locked database: check exits 3" 3
check_err "locked database: check says busy" "database busy"
if grep -q "problem" "$TMP/out" "$TMP/err"; then not_ok "locked database: no problem reported" "$(cat "$TMP/out" "$TMP/err")"
else ok "locked database: no problem reported"; fi
wait $lockpid
cp "$H/clean.db" "$H/d.db"
sqlite3 "$H/d.db" "PRAGMA writable_schema = ON;
	UPDATE sqlite_master SET sql = replace(sql, ' label TEXT,', ' labl TEXT,') WHERE name = 'actions';"
run $QUERY -d "$H/d.db" check
check_rc "damaged schema: check fails" 3
check_out "damaged schema: check names the table" "schema: table 'actions' differs: .*labl"
run $QUERY -d "$H/clean.db" check
check_rc "clean database: check ok" 0

# --- control characters (item 10) -------------------------------------------
# ESC/OSC/BEL and a C1 CSI in a document: the readers replace them; a
# database edited by hand still holds them: every writer escapes them.
ESC=$(printf '\033')
BEL=$(printf '\007')
mkdir -p "$H/ctl"
printf '# Hostile \033]0;pwned\007 title\n\n=HYPERLINK("http://x") The Department of Energy shall report by March 1, 2026 \033[2J now.\n\n@SUM(1) The agency shall act \302\233 by June 1, 2026.\n' >"$H/ctl/ctl.md"
run $INDEX -d "$H/ctl.db" "$H/ctl/ctl.md"
check_rc "controls: indexed" 0
n=$(sqlite3 "$H/ctl.db" "SELECT count(*) FROM actions WHERE text GLOB '*[$ESC$BEL]*' OR instr(text, char(155))
	OR instr(text, char(27)); SELECT count(*) FROM documents WHERE instr(title, char(27)) OR instr(title, char(7))")
check_eq "controls: the readers leave none in the index" "$(echo $n)" "0 0"
sqlite3 "$H/ctl.db" "UPDATE actions SET text = text || char(27) || ']52;c;AAAA' || char(7) || char(155);
	UPDATE documents SET title = title || char(27) || '[2J'"
has_ctl() { LC_ALL=C grep -c "$(printf '[\001-\010\013\014\016-\037\177]')" "$1"; }
for c in "search shall" "search shall -f csv" "search shall -f json" "search shall -f ndjson" \
	"deadlines --all" "deadlines --all -f csv" "deadlines --all -f ics" "docs" "docs -f csv" "show ctl:p2"; do
	run $QUERY -d "$H/ctl.db" $c
	check_eq "controls: '$c' writes no control character" "$(has_ctl "$TMP/out")" 0
	if LC_ALL=C grep -q "$(printf '\302\233')" "$TMP/out"; then not_ok "controls: '$c' writes no C1 control"
	else ok "controls: '$c' writes no C1 control"; fi
done
run $QUERY -d "$H/ctl.db" search shall
check_out "controls: text shows them escaped" '\\u001B\]52;c;AAAA\\u0007'
run $QUERY -d "$H/ctl.db" search shall -f csv
check_out "controls: a CSV formula cell is quoted text" "\"'=HYPERLINK"
check_out "controls: a CSV cell starting with @ is quoted text" "\"'@SUM"
run $QUERY -d "$H/ctl.db" search shall -f json
check_eq "controls: JSON keeps the text exact" "$(json "d['results'][0]['text'].endswith('\\x1b]52;c;AAAA\\x07\\x9b')")" True
run $QUERY -d "$H/ctl/$(printf 'a\033]0;x\007b').db" search x
check_err "controls: a file name is shown escaped" "a\\\\u001B\]0;x\\\\u0007b\.db"

# --- repeated and too many query terms (item 12) -----------------------------
words=$(awk 'BEGIN { for (i = 0; i < 1000; i++) printf "policy "; }')
run $QUERY -d "$H/clean.db" search $words -f json
check_rc "1000 times one term: runs as one" 0
check_eq "1000 times one term: the query echoed once" "$(json "d['query']")" "policy"
run $QUERY -d "$H/clean.db" search POLICY policy Policy -n 3 -f json
check_eq "repeats in other case: one term" "$(json "d['query']")" "POLICY"
many=$(awk 'BEGIN { for (i = 0; i < 100; i++) printf "w%d ", i; }')
run $QUERY -d "$H/clean.db" search $many
check_rc "100 distinct terms: usage error" 2
check_err "100 distinct terms: says the limit" "too many search terms or phrases \(100 after removing repeats; at most 64\)"
ored=$(awk 'BEGIN { for (i = 0; i < 8000; i++) printf "%s\"p%d q\"", i ? " OR " : "", i; }')
run $QUERY -d "$H/clean.db" search --raw "$ored"
check_rc "8000 ORed phrases: usage error" 2
check_err "8000 ORed phrases: says the limit" "too many search terms or phrases \(8000"
long=$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "w%d ", i; }')
run $QUERY -d "$H/clean.db" search "$long"
check_rc "a 300-word phrase: usage error" 2
check_err "a 300-word phrase: says the limit" "too many words in the query \(300; at most 256\)"
run $QUERY -d "$H/clean.db" search --raw 'policy AND (energy OR grid) NOT "foo bar"'
check_rc "a raw query within the limits runs" 0

# --- many attributes on one element (item 11) --------------------------------
# Refused before libxml2 parses (its cost is quadratic in them), naming
# the file, line and byte; an element within the limit, a script holding
# "<p" and a comment are read as before.
attrs() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf " a%d=\"%d\"", i, i }'; }
printf '<html><body>\n<p%s>Hello</p></body></html>\n' "$(attrs 80000)" >"$H/attrs.html"
t0=$(now_ms)
run $INDEX -d "$H/attrs.db" "$H/attrs.html"
t1=$(now_ms)
check_rc "80,000 HTML attributes: skipped" 1
check_err "80,000 HTML attributes: named" "cannot parse '$H/attrs.html': start tag <p> at line 2 \(byte 13\) has more than 1000 attributes"
if [ $((t1 - t0)) -lt 5000 ]; then ok "80,000 HTML attributes: refused at once ($((t1 - t0)) ms)"
else not_ok "80,000 HTML attributes: refused at once" "$((t1 - t0)) ms"; fi
printf '<?xml version="1.0"?>\n<NOTICE>\n<PREAMB><AGENCY>Department of Energy</AGENCY></PREAMB>\n<SUPLINF><P%s>The Department shall act.</P></SUPLINF></NOTICE>\n' "$(attrs 40000)" >"$H/attrs.xml"
run $INDEX -d "$H/attrs.db" "$H/attrs.xml"
check_rc "40,000 FR XML attributes: skipped" 1
check_err "40,000 FR XML attributes: named" "cannot parse '$H/attrs.xml': start tag <P> at line 4 \(byte [0-9]+\) has more than 1000 attributes"
printf '<html><body><p%s>Hello world, a paragraph.</p><script>if (a<b) x = "<p %s";</script><!-- <p%s> --></body></html>\n' \
	"$(attrs 900)" "$(attrs 2000)" "$(attrs 2000)" >"$H/attrs_ok.html"
run $INDEX -d "$H/attrs.db" "$H/attrs_ok.html"
check_rc "900 attributes, more inside a script and a comment: indexed" 0

# --- the write-ahead log is folded in when readers let it (item 13) ----------
# A reader keeps a connection open (so closing the indexer's is not the
# last close, which would fold the log in anyway) and queries in a loop:
# after each --force run the log is empty again, not as large as the run.
cp "$H/clean.db" "$H/w.db"
$PY -c "import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
end = time.time() + 60
while time.time() < end and not __import__('os').path.exists(sys.argv[2]):
    c.execute('SELECT count(*) FROM actions').fetchall(); time.sleep(0.01)" "$H/w.db" "$H/w.stop" &
rpid=$!
sleep 0.3
wal_max=0
for i in 1 2 3; do
	run $INDEX -q --force -d "$H/w.db" "$H/c/corpus"
	w=$(wc -c <"$H/w.db-wal" 2>/dev/null || echo 0)
	[ "$w" -gt "$wal_max" ] && wal_max=$w
done
: >"$H/w.stop"
wait $rpid
if [ "$wal_max" -le 65536 ]; then ok "WAL emptied after each run under a reader (at most $wal_max bytes)"
else not_ok "WAL emptied after each run under a reader" "$wal_max bytes"; fi
run $QUERY -d "$H/w.db" check
check_rc "WAL: database sound after the runs" 0

# --- NULL where the schema says NOT NULL (item 9) ----------------------------
# The schema edited to allow it, as a tool may: no command crashes, and
# check names the damage.
for tc in actions.key actions.text actions.kind documents.path timeline.kind action_agencies.role; do
	t=${tc%.*}
	c=${tc#*.}
	cp "$H/clean.db" "$H/n.db"
	sqlite3 "$H/n.db" "PRAGMA writable_schema = ON;
		UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '') WHERE name = '$t';"
	sqlite3 "$H/n.db" "UPDATE OR IGNORE $t SET $c = NULL"
	bad=
	for q in "search policy" "search policy -f csv" "deadlines --all -f ics" "deadlines --all -f json" \
		"docs" "summary" "agencies"; do
		run $QUERY -d "$H/n.db" $q
		[ "$RC" -le 3 ] || bad="$bad '$q' exit $RC: $(head -c 200 "$TMP/err");"
	done
	if [ -z "$bad" ]; then ok "$tc NULL: no command crashes"; else not_ok "$tc NULL: no command crashes" "$bad"; fi
	run $QUERY -d "$H/n.db" check
	check_rc "$tc NULL: check fails" 3
done
# the indexer's messages show a file name's controls escaped too
mkdir -p "$H/fn"
: >"$H/fn/$(printf 'a\033]0;x\007b').txt"
run $INDEX -d "$H/fn.db" "$H/fn"
# the indexer escapes a name's control bytes itself (\xNN, as in every message that
# names a file: indexer/walk.c), before the output filter would see them
check_err "controls: the indexer shows a file name escaped" "cannot parse '.*/a\\\\x1B\]0;x\\\\x07b\.txt': empty file"
