#!/bin/sh
# CLI tests of polidex-query deadlines over the corpus: windows, overdue,
# unresolved relative deadlines, filters, the JSON/CSV shapes, and the
# iCalendar export checked with a real parser and at the byte level.
. tests/cli/lib.sh

DB="$TMP/corpus.db"
run $INDEX -q -d "$DB" corpus
check_rc "index corpus" 0
D="$QUERY -d $DB deadlines"
ICS_CHECK="$PY tests/cli/ics_check.py"

# entries as "date kind key value" lines, for compact checks
entries() {
	json "'\n'.join('%s %s %s %s' % (e['entry']['date'], e['entry']['kind'], e['key'], e['entry']['value']) for e in d['deadlines'])"
}

# --within: from the reference date to DAYS later
run $D --as-of 2025-08-01 --within 30 -f json
check_rc "--as-of 2025-08-01 --within 30 finds entries" 0
check_eq "EO 14318 Sec. 5(a) is due 2025-08-02 (a requirement: due), in 1 day" \
	"$(json "[(e['entry']['kind'], e['entry']['date'], e['entry']['status'], e['entry']['days']) for e in d['deadlines'] if e['key'] == 'eo-14318:sec.5(a)']")" \
	"[('deadline', '2025-08-02', 'due', 1)]"
check_eq "--within 30: nothing before 2025-08-01 or after 2025-08-31" \
	"$(json "[e['entry']['date'] for e in d['deadlines'] if not '2025-08-01' <= e['entry']['date'] <= '2025-08-31']")" "[]"
check_eq "--within 30: a date filter leaves out the unresolved" "$(json "(d['unresolved_count'], d['unresolved'])")" "(0, [])"
run $D --as-of 2025-08-01 --within 0 -f json
check_eq "--within 0 is the reference day alone" "$(json "d['count']")" 0
check_rc "an empty window exits 1" 1

# --overdue: deadlines, closings and expiries before the reference date
run $D --as-of 2025-11-01 --overdue -f json
check_rc "--overdue finds entries" 0
out=$(entries)
check_eq "--overdue leaves out EO 14320 Sec. 3(a) (due 2025-10-21): the ITA RFI of 2025-10-28 carries it out" \
	"$(echo "$out" | grep -c '^2025-10-21 deadline eo-14320:sec.3(a) ')" 0
check_eq "--overdue leaves out the RFI comment close (an event: closed, never overdue)" \
	"$(echo "$out" | grep -c ' closes 2025-18737-ostp-rfi-regulatory-reform-on-ai:p9 ')" 0
check_eq "--overdue: all overdue, dated before 2025-11-01, of a closing kind" \
	"$(json "[e['key'] for e in d['deadlines'] if e['entry']['status'] != 'overdue' or e['entry']['date'] >= '2025-11-01' or e['entry']['kind'] not in ('deadline','closes','expires','immediate')]")" "[]"
check_eq "--overdue: days are negative" "$(json "all(e['entry']['days'] < 0 for e in d['deadlines'])")" True
overdue=$(json "d['count']")
run $D --as-of 2025-11-01 --within 90 -f json
within=$(json "d['count']")
run $D --as-of 2025-11-01 --within 90 --overdue -f json
check_eq "--overdue with --within lists both" "$(json "d['count']")" "$((overdue + within))"
run $D --as-of 2025-10-21 -f json
check_eq "an entry on the reference date is due, 0 days" \
	"$(json "[(e['entry']['status'], e['entry']['days']) for e in d['deadlines'] if e['key'] == 'eo-14320:sec.3(a)' and e['entry']['kind'] == 'deadline']")" \
	"[('due', 0)]"
check_eq "past openings whose window closed are closed, not overdue" \
	"$(json "sorted(set(e['entry']['status'] for e in d['deadlines'] if e['entry']['kind'] == 'opens'))")" "['closed']"

# the USCIS registration window, and daylight-saving time through the CLI:
# noon Eastern is 17:00Z on March 7 (EST) and 16:00Z on March 24 (EDT)
run $D --as-of 2025-03-01 --from 2025-03-01 --to 2025-03-31 -f json
check_rc "--from/--to March 2025 finds entries" 0
out=$(entries)
check_eq "the window opens at noon EST = 2025-03-07T17:00:00Z" \
	"$(echo "$out" | grep -c '^2025-03-07 opens 2025-ai-action-plan-and-h1b-clippings/4:p1 2025-03-07T17:00:00Z$')" 1
check_eq "the window closes at noon EDT = 2025-03-24T16:00:00Z" \
	"$(echo "$out" | grep -c '^2025-03-24 closes 2025-ai-action-plan-and-h1b-clippings/4:p1 2025-03-24T16:00:00Z$')" 1
check_eq "the Chinese article gives the same instants" \
	"$(json "sorted(e['entry']['value'] for e in d['deadlines'] if e['key'] == '2025-ai-action-plan-and-h1b-clippings/3:p2')")" \
	"['2025-03-07T17:00:00Z', '2025-03-24T16:00:00Z']"
check_eq "--from/--to: every date in March" \
	"$(json "[e['entry']['date'] for e in d['deadlines'] if not e['entry']['date'].startswith('2025-03-')]")" "[]"
check_eq "sorted by date, then time" \
	"$(json "[e['entry']['value'] for e in d['deadlines']] == sorted(e['entry']['value'] for e in d['deadlines'])")" True
run $D --as-of 2025-03-01 --from 2025-03-01 --to 2025-03-31
check_out "text: the opening at noon Eastern (EST)" '^2025-03-07 12:00 ET +opens +upcoming +in 6 days$'
check_out "text: the closing at noon Eastern (EDT)" '^2025-03-24 12:00 ET +closes +open +in 23 days$'
check_out "text: the expression, its precision and its UTC instant" '"noon Eastern on March 7" \(minute, UTC 2025-03-07T17:00:00Z\)'
check_out "text: agencies, lead first" 'agencies: USCIS \(lead\)'

# search --from/--to filters records by their timeline too
run $QUERY -d "$DB" search --from 2025-03-01 --to 2025-03-31 -n 0 -f json
check_eq "search --from/--to finds the USCIS announcement" \
	"$(json "'2025-ai-action-plan-and-h1b-clippings/4:p1' in [r['key'] for r in d['results']]")" True
check_eq "search --from/--to: each result has a timeline date in the range" \
	"$(json "all(any(t['value'] and '2025-03-01' <= t['value'][:10] <= '2025-03-31' for t in r['timeline']) for r in d['results'])")" True

# unresolved relative deadlines: listed apart, with their anchor
run $D --as-of 2025-08-01 -f json
check_eq "EO 14319 Sec. 4(b) is unresolved, anchored on Sec. 4(a)" \
	"$(json "[(e['entry']['anchor'], e['entry']['offset_days'], e['entry']['status'], e['entry']['date']) for e in d['unresolved'] if e['entry']['expr'] == 'within 90 days of the OMB guidance issued under subsection (a)']")" \
	"[('eo-14319:sec.4(a)', 90, 'unresolved', None)]"
check_eq "unresolved entries have no value, dated ones have one" \
	"$(json "all(e['entry']['value'] is None for e in d['unresolved']) and all(e['entry']['value'] for e in d['deadlines'])")" True
check_eq "unresolved_count counts them" "$(json "d['unresolved_count'] == len(d['unresolved']) > 0")" True
run $D --as-of 2025-08-01
check_out "text: a section for the unresolved" '^Unresolved \(relative to an event without a date\):$'
check_eq "text: EO 14319 Sec. 4(b) comes after that heading, with its anchor" \
	"$(sed -n '/^Unresolved/,$p' "$TMP/out" | grep -B1 '^    eo-14319:sec.4(b)' | grep -c 'deadline .*anchor: eo-14319:sec.4(a)')" 1

# filters: agency (with sub-agencies), kind, pillar
run $D --as-of 2025-08-01 -a DHS -f json
check_rc "-a DHS finds entries" 0
check_eq "-a DHS: the proclamation's Sec. 1(b) (DHS leads)" \
	"$(json "'proclamation-10973:sec.1(b)' in [e['key'] for e in d['deadlines']]")" True
check_eq "-a DHS includes USCIS (a sub-agency) records" \
	"$(json "'2025-ai-action-plan-and-h1b-clippings/4:p1' in [e['key'] for e in d['deadlines']]")" True
check_eq "-a DHS leaves out EO 14320 (Commerce)" \
	"$(json "[e['key'] for e in d['deadlines'] + d['unresolved'] if e['key'].startswith('eo-1432')]")" "[]"
check_eq "-a DHS: every entry names DHS or one of its bodies" \
	"$(json "all(any(a['id'] in ('dhs','uscis','cbp','ice','fema','tsa','cisa','uscg','usss') for a in e['agencies']) for e in d['deadlines'] + d['unresolved'])")" True
run $D --as-of 2025-08-01 -a DHS --exact-agency -f json
check_eq "--exact-agency leaves out the USCIS-only records" \
	"$(json "'2025-ai-action-plan-and-h1b-clippings/4:p1' in [e['key'] for e in d['deadlines']]")" False
run $D --as-of 2025-08-01 --kind closes -f json
check_eq "--kind closes: only closings" \
	"$(json "sorted(set(e['entry']['kind'] for e in d['deadlines'] + d['unresolved']))")" "['closes']"
check_eq "--kind closes: the RFI close is there" \
	"$(json "'2025-18737-ostp-rfi-regulatory-reform-on-ai:p9' in [e['key'] for e in d['deadlines']]")" True
run $D --as-of 2025-08-01 -f json
check_eq "default kinds: no published, signed, fiscal_year, other, vague" \
	"$(json "sorted(set(e['entry']['kind'] for e in d['deadlines'] + d['unresolved']) & {'published','signed','fiscal_year','other','vague'})")" "[]"
run $D --as-of 2025-08-01 --all -f json
check_eq "--all adds fiscal years, spans with an end" \
	"$(json "[(e['entry']['date'], e['entry']['end']) for e in d['deadlines'] if e['entry']['value'] == '2025-10-01/2026-09-30'][:1]")" \
	"[('2025-10-01', '2026-09-30')]"
check_eq "--all: kinds is null" "$(json "d['kinds']")" None
run $D --as-of 2025-08-01 --all -p 1 -f json
check_eq "--pillar 1: only Pillar I records" \
	"$(json "[e['key'] for e in d['deadlines'] + d['unresolved'] if e['pillar'] != 1]")" "[]"
run $D --as-of 2025-08-01 -p 4
check_rc "a bad --pillar exits 2" 2

# JSON and CSV shapes
run $D --as-of 2025-08-01 --within 30 -f json
check_eq "JSON: top-level fields" "$(json "sorted(d)")" \
	"['as_of', 'count', 'deadlines', 'format_version', 'from', 'kinds', 'overdue', 'to', 'unresolved', 'unresolved_count', 'within']"
check_eq "JSON: the parameters" "$(json "(d['format_version'], d['as_of'], d['within'], d['overdue'], d['from'], d['to'])")" \
	"(1, '2025-08-01', 30, False, None, None)"
check_eq "JSON: each entry is a RECORD with an entry" \
	"$(json "sorted(set(d['deadlines'][0]) - {'pillar_source'})")" \
	"['agencies', 'document', 'entry', 'key', 'kind', 'label', 'lang', 'line', 'page', 'pillar', 'section', 'text', 'timeline']"
check_eq "JSON: the entry's fields" "$(json "sorted(d['deadlines'][0]['entry'])")" \
	"['anchor', 'date', 'days', 'end', 'expr', 'index', 'kind', 'offset_days', 'offset_months', 'precision', 'status', 'status_source', 'value']"
check_eq "JSON: entry.index points into the record's timeline" \
	"$(json "all(dict(e['timeline'][e['entry']['index']], **{k: e['entry'][k] for k in ('index','date','end','status','days','status_source')}) == e['entry'] for e in d['deadlines'])")" True
run $D --as-of 2025-08-01 -f csv
check_eq "CSV header" "$(head -n 1 "$TMP/out")" \
	"$(printf 'date,end,status,days,kind,expr,value,precision,offset_days,offset_months,anchor,key,record_kind,label,section,agencies,path,part,line,text\r')"
check_eq "CSV: CRLF line ends" "$(grep -vc "$(printf '\r')\$" "$TMP/out")" 0
check_eq "CSV: one row per entry, the unresolved with their status" \
	"$($PY -c "import csv,sys; r=list(csv.DictReader(open('$TMP/out', newline=''))); print(len(r), sum(x['status']=='unresolved' for x in r), [x['date'] for x in r if x['key']=='eo-14318:sec.5(a)'])")" \
	"$($QUERY -d "$DB" deadlines --as-of 2025-08-01 -f json | $PY -c "import json,sys; d=json.load(sys.stdin); print(d['count']+d['unresolved_count'], d['unresolved_count'], ['2025-08-02'])")"

# usage errors and the default date
for bad in 2025-02-30 2025-13-01 2025-8-1 yesterday; do
	run $D --as-of "$bad"
	check_rc "bad --as-of $bad exits 2" 2
done
check_err "the bad date is named" "bad date 'yesterday'"
run $D --from 2025-02-29
check_rc "bad --from (2025 is no leap year) exits 2" 2
for bad in abc -5 1e3 ""; do
	run $D --within "$bad"
	check_rc "bad --within '$bad' exits 2" 2
done
run $D --kind deadlines
check_rc "unknown --kind exits 2" 2
check_err "unknown --kind lists the kinds" "unknown timeline kind 'deadlines' \(one of: deadline, opens.*did you mean 'deadline'"
run $D -f ndjson
check_rc "-f ndjson is not a deadlines format" 2
run $D extra
check_rc "a stray argument exits 2" 2
run $D -a Nowhere
check_rc "unknown agency exits 2" 2
run $D --from 2030-01-01
check_rc "nothing dated after 2030 exits 1" 1
run $QUERY -d "$TMP/missing.db" deadlines
check_rc "a missing database exits 3" 3
# today in the default zone, New York's (--tz): UTC less 4 or 5 hours
# (no time zone data needed), before and after the run, which may cross
# midnight there
days=$(date -u -d '-4 hours' +%Y-%m-%d; date -u -d '-5 hours' +%Y-%m-%d)
run $D -f json
days="$days $(date -u -d '-4 hours' +%Y-%m-%d; date -u -d '-5 hours' +%Y-%m-%d)"
asof=$(json "d['as_of']")
check_eq "--as-of defaults to today in New York" \
	"$(echo $days | tr ' ' '\n' | grep -qx "$asof" && echo today || echo "$asof, not among $days")" today

# iCalendar: a real parser, the bytes, stable UIDs
run $D --as-of 2025-11-01 -f json
want=$(json "'vevents %d all-day %d timed %d multi-day %d uids unique' % (d['count'], sum('T' not in e['entry']['value'] for e in d['deadlines']), sum('T' in e['entry']['value'] for e in d['deadlines']), sum(bool(e['entry']['end']) for e in d['deadlines']))")
run $D --as-of 2025-11-01 -f ics
check_rc "-f ics exits 0" 0
cp "$TMP/out" "$TMP/a.ics"
check_eq "ics_check: parses; UID, DTSTAMP, DTSTART, SUMMARY; all-day dates, UTC times; one event per dated entry" \
	"$($ICS_CHECK "$TMP/a.ics" 2>&1; echo "rc=$?")" "$want
rc=0"
check_out "VCALENDAR header" "^PRODID:-//polidex//polidex-query 0.1.0//EN"
check_eq "VERSION and CALSCALE" "$(grep -c -e '^VERSION:2.0' -e '^CALSCALE:GREGORIAN' "$TMP/a.ics")" 2
check_eq "EO 14318 Sec. 5(a): all day 2025-08-02, DTEND the next day" \
	"$($PY -c "
import icalendar
c = icalendar.Calendar.from_ical(open('$TMP/a.ics', 'rb').read())
print([(str(e.decoded('DTSTART')), str(e.decoded('DTEND'))) for e in c.walk('VEVENT') if str(e['SUMMARY']).startswith('Deadline: eo-14318 Sec. 5(a) \u2014 ')])")" \
	"[('2025-08-02', '2025-08-03')]"
check_eq "timed entries in UTC: the RFI close at 03:59Z" \
	"$(tr -d '\r' <"$TMP/a.ics" | grep -c '^DTSTART:20251028T035900Z$')" 1
check_eq "the DST pair as DTSTART values" \
	"$(tr -d '\r' <"$TMP/a.ics" | grep -E '^DTSTART:202503(07T17|24T16)0000Z$' | sort | uniq -c | awk '{print $1, $2}' | tr '\n' ' ')" \
	"2 DTSTART:20250307T170000Z 2 DTSTART:20250324T160000Z "
check_eq "DTSTAMP is the reference date at midnight UTC" \
	"$(tr -d '\r' <"$TMP/a.ics" | grep '^DTSTAMP:' | sort -u)" "DTSTAMP:20251101T000000Z"
check_eq "DESCRIPTION: the text, escaped and folded, reads back whole, with agencies and source" \
	"$($PY -c "
import icalendar, json, subprocess
c = icalendar.Calendar.from_ical(open('$TMP/a.ics', 'rb').read())
e = [e for e in c.walk('VEVENT') if str(e['SUMMARY']).startswith('Deadline: eo-14320 Sec. 3(a) ')][0]
desc = str(e['DESCRIPTION'])
d = json.loads(subprocess.run('$QUERY -d $DB show eo-14320:sec.3(a) -f json'.split(), capture_output=True).stdout)
text = d['results'][0]['text']
print(desc.startswith(text + '\n\nWhen: '), 'Agencies: DOC (lead)' in desc, 'line %d' % d['results'][0]['line'] in desc)")" \
	"True True True"
check_eq "TEXT escaping: the comma in 'date of this order, the Secretary' is escaped" \
	"$($PY -c "import sys; print(open(sys.argv[1], 'rb').read().decode().replace('\r\n ', '').count('date of this order\\\\, the Secretary') > 0)" "$TMP/a.ics")" True
# unresolved entries are no events
run $D --as-of 2025-11-01 --kind deadline -f json
check_eq "unresolved deadlines exist in the default view" "$(json "d['unresolved_count'] > 0")" True
dated=$(json "d['count']")
run $D --as-of 2025-11-01 --kind deadline -f ics
check_eq "unresolved entries are no VEVENTs" "$(grep -c '^BEGIN:VEVENT' "$TMP/out")" "$dated"

# folding: --all brings Chinese records and long descriptions
run $D --as-of 2025-11-01 --all -f ics
cp "$TMP/out" "$TMP/all.ics"
check_eq "--all -f ics passes ics_check (fiscal years as multi-day dates)" \
	"$($ICS_CHECK "$TMP/all.ics" >/dev/null 2>"$TMP/icserr"; echo "rc=$? $(head -c 300 "$TMP/icserr")")" "rc=0 "
check_eq "folded lines carry multi-byte characters (the check is not vacuous)" \
	"$($PY -c "
lines = open('$TMP/all.ics', 'rb').read().split(b'\r\n')
print(any(l.startswith(b' ') and any(b >= 0x80 for b in l) for l in lines), max(map(len, lines)) == 75)")" "True True"
check_eq "every line ends with CRLF, none over 75 octets" \
	"$(LC_ALL=C awk '!/\r$/ || length($0) > 76 { n++ } END { print n + 0 }' "$TMP/all.ics")" 0
check_eq "a fold never splits a UTF-8 character (each physical line decodes)" \
	"$($PY -c "
[l.decode('utf-8') for l in open('$TMP/all.ics', 'rb').read().split(b'\r\n')]; print('ok')" 2>&1)" ok

# UIDs: the same on a second run, and after re-indexing with --force
mask() { tr -d '\r' <"$1" | sed 's/^DTSTAMP:.*/DTSTAMP:X/'; }
run $D --as-of 2025-11-01 -f ics
check_eq "two runs give the same calendar (DTSTAMP masked)" "$(mask "$TMP/out" | md5sum)" "$(mask "$TMP/a.ics" | md5sum)"
uids() { tr -d '\r' <"$1" | grep '^UID:' | sort; }
run $INDEX -q --force -d "$DB" corpus
check_rc "re-index with --force" 0
run $D --as-of 2025-11-01 --all -f ics
check_eq "UIDs survive re-indexing" "$(uids "$TMP/out" | md5sum)" "$(uids "$TMP/all.ics" | md5sum)"
check_eq "the calendar survives re-indexing byte for byte" "$(md5sum <"$TMP/out")" "$(md5sum <"$TMP/all.ics")"

# every window keeps what the full listing says it should: the SQL that
# narrows the listing to a window must not lose an entry
ident="(e['key'], e['entry']['index'])"
for asof in 2025-03-01 2025-09-01 2026-01-15; do
	run $QUERY -d "$DB" deadlines --as-of $asof --all -f json
	full=$(cat "$TMP/out")
	pick() { printf '%s' "$full" | python3 -c "import json, sys; d = json.load(sys.stdin); print(sorted($ident for e in d['deadlines'] if $1))"; }
	for w in "--within 30:(e['entry']['end'] or e['entry']['date']) >= '$asof' and e['entry']['days'] <= 30" \
		"--within 0:(e['entry']['end'] or e['entry']['date']) >= '$asof' and e['entry']['days'] <= 0" \
		"--overdue:e['entry']['status'] == 'overdue'" \
		"--from 2025-09-01:(e['entry']['end'] or e['entry']['date']) >= '2025-09-01'" \
		"--to 2025-06-30:e['entry']['date'] <= '2025-06-30'"; do
		opt=${w%%:*}
		# shellcheck disable=SC2086
		run $QUERY -d "$DB" deadlines --as-of $asof --all $opt -f json
		check_eq "deadlines --as-of $asof $opt keeps what the full listing says" \
			"$(json "sorted($ident for e in d['deadlines'])")" "$(pick "${w#*:}")"
	done
done

# a window is read off the index timeline_value from its earliest
# possible start: a range that began years before the window (fiscal
# years 2021-2024) is still in it, in every view
run $D --all --as-of 2024-09-01 --within 10 -f json
check_eq "--within: a four-year range ending in the window is listed" \
	"$(json "[e['entry']['value'] for e in d['deadlines'] if e['entry']['value'] == '2020-10-01/2024-09-30']")" \
	"['2020-10-01/2024-09-30']"
run $D --all --from 2024-09-30 --to 2024-09-30 -f csv
check_eq "--from/--to on its last day, CSV" "$(grep -c '^2020-10-01,2024-09-30,' "$TMP/out")" 1
run $D --all --as-of 2024-10-01 --overdue --within 0 -f text
check_eq "--overdue: a fiscal year that has ended is past, not overdue (text)" \
	"$(grep -c '^2020-10-01..2024-09-30 ' "$TMP/out")" 0
run $D --all --as-of 2024-10-01 --from 2024-09-01 -f text
check_eq "--from: the range that ends after it (text)" \
	"$(grep -c '^2020-10-01..2024-09-30 ' "$TMP/out")" 1

# streamed views: the text, CSV and calendar show the entries of the JSON
# view, in its order, unresolved last
run $D --as-of 2025-09-01 -f json
jkeys=$(json "'\\n'.join(e['key'] for e in d['deadlines'] + d['unresolved'])")
run $D --as-of 2025-09-01 -f csv
check_eq "CSV lists the JSON's entries in order" \
	"$($PY -c "import csv,sys; print('\\n'.join(r['key'] for r in csv.DictReader(open(sys.argv[1], newline=''))))" "$TMP/out")" "$jkeys"
run $D --as-of 2025-09-01 -f text
check_eq "text lists them too, the unresolved under their heading" \
	"$(grep -c '^Unresolved (relative to an event without a date):$' "$TMP/out")" 1

# --- an opening closes at its document's first closing after it --------------
# (the first: a later round's closing does not keep the first window open;
# it once did, as the latest closing was taken)
mkdir -p "$TMP/win"
cat > "$TMP/win/notice.txt" <<'END'
Title: Notice of Request for Information on AI Exports
Type: notice
Date: 2025-02-01

The registration period opens at noon Eastern on March 7, 2025, and comments are due by noon Eastern on March 24, 2025.

Comments on the second round are due by noon Eastern on October 19, 2027.
END
run $INDEX -q -d "$TMP/win.db" "$TMP/win"
run $QUERY -d "$TMP/win.db" deadlines --as-of 2026-01-01
check_out "the window that opened on March 7 closed on March 24" "^2025-03-07 12:00 ET  opens +closed "
check_out "the later round's closing is still open" "^2027-10-19 12:00 ET  closes +open "
run $QUERY -d "$TMP/win.db" deadlines --as-of 2025-03-10
check_out "as of a day between, the window is open" "^2025-03-07 12:00 ET  opens +open "
run $QUERY -d "$TMP/win.db" deadlines --as-of 2026-01-01 -f csv
check_out "CSV: the same status" "^2025-03-07,,closed,"

run $QUERY -d "$TMP/win.db" deadlines --as-of 2026-01-01 --from 2025-03-07 --to 2025-03-07
check_out "a window asked for by its opening day alone: closed at its closing outside the window" "^2025-03-07 12:00 ET  opens +closed "
run $QUERY -d "$TMP/win.db" deadlines --as-of 2026-01-01 -k opens -f json
check_eq "-k opens: the closings still close it" "$(json "[e['entry']['status'] for e in d['deadlines']]")" "['closed']"

finish
