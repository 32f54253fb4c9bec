#!/bin/sh
# The tracker (issue 17): requirements, their evidence and status as of a
# day, the analyst's status file, events that are never overdue, times in
# the zone they are stated in, and the score against the development gold
# (tests/fixtures/gold/evidence.tsv). Indexed: corpus/ with the documents
# of tests/fixtures/track/ over it (the whole plan, EO 14179, the December
# 2025 order, the NSF and ITA notices, FR renditions).
. tests/cli/lib.sh

C="$TMP/corpus"
mkdir -p "$C"
cp -r corpus/. "$C/"
rm -f "$C"/plan/*
cp -r tests/fixtures/track/. "$C/"
DB="$TMP/track.db"
run $INDEX -q -d "$DB" "$C"
check_rc "index the corpus with the tracked documents" 0

# --- status JSON: the shape scripts rely on ---
run $QUERY -d "$DB" status --as-of 2025-12-01 -f json
check_rc "status -f json" 0
check_eq "format_version, as_of, count" \
	"$(json "d['format_version'], d['as_of'], d['count'] == len(d['requirements']) > 100")" \
	"1 2025-12-01 True"
cp "$TMP/out" "$TMP/status.json"
req() {	# the fields $2 (a Python expression on r) of requirement $1
	$PY -c "import json; d=json.load(open('$TMP/status.json'))
r=[x for x in d['requirements'] if x['key']=='$1']
print($2 if r else 'missing')" 2>/dev/null
}
check_eq "every field of the issue's example" \
	"$($PY -c "import json; d=json.load(open('$TMP/status.json')); r=d['requirements'][0]
print(sorted(set(['key','kind','label','pillar','document','agencies','type','due','due_by','status','status_source','timeliness','days_late','done_on','evidence'])-set(r)))")" "[]"
check_eq "EO 14179 Sec. 4(a): done late by a day, on the release that cites the order by title" \
	"$(req 'eo-14179:sec.4(a)' "r[0]['type'], r[0]['due'], r[0]['status'], r[0]['status_source'], r[0]['timeliness'], r[0]['days_late'], r[0]['done_on'], sorted(set(e['how'] for e in r[0]['evidence']))")" \
	"time_boxed 2025-07-22 done inferred late 1 2025-07-23 ['citation']"
check_eq "its evidence quotes the citing sentence" \
	"$(req 'eo-14179:sec.4(a)' "any('in accordance with' in e['text'] for e in r[0]['evidence'])")" True
check_eq "EO 14320 Sec. 3(a): started by Commerce's RFI, cited by number" \
	"$(req 'eo-14320:sec.3(a)' "r[0]['status'], [(e['how'], e['date'], e['document']['path'].split('/')[-1][:10]) for e in r[0]['evidence']]")" \
	"in_progress [('citation', '2025-10-28', '2025-19674')]"
check_eq "the December 2025 order's Sec. 6: no due date, due_by 2026-06-09, anchored on Sec. 4" \
	"$(req '2025-12-11-eo-ensuring-a-national-policy:sec.6' "r[0]['due'], r[0]['due_by'], r[0]['anchor'], r[0]['type']")" \
	"None 2026-06-09 2025-12-11-eo-ensuring-a-national-policy:sec.4 time_boxed"
run $QUERY -d "$DB" status --as-of 2026-03-12 -f json
check_eq "on 2026-03-12 (past Sec. 4's due date) Sec. 6 is not overdue" \
	"$(json "[r['status'] for r in d['requirements'] if r['key'].endswith('policy:sec.6')]")" "['open']"
run $QUERY -d "$DB" status --as-of 2026-06-10 -f json
check_eq "past its upper bound it is" \
	"$(json "[r['status'] for r in d['requirements'] if r['key'].endswith('policy:sec.6')]")" "['overdue']"
check_eq "a relative deadline's due_by from a dated anchor (EO 14319 Sec. 4(b))" \
	"$(req 'eo-14319:sec.4(b)' "r[0]['due'], r[0]['due_by']")" "None 2026-02-18"
check_eq "types: plan actions open-ended unless they say otherwise; an order's dated section time-boxed" \
	"$(req 'aiap:I.1.2' "r[0]['type']") $(req 'eo-14318:sec.5(a)' "r[0]['type']")" "open_ended time_boxed"
check_eq "no requirement from boilerplate or definitions (EO 14179 Sec. 6, EO 14319 Sec. 2)" \
	"$(req 'eo-14179:sec.6(c)' "1") $(req 'eo-14319:sec.2(a)' "1")" "missing missing"
check_eq "statuses are among the five" \
	"$($PY -c "import json; d=json.load(open('$TMP/status.json')); print(sorted(set(r['status'] for r in d['requirements'])-{'done','in_progress','overdue','due','open'}))")" "[]"
check_eq "nothing done without evidence" \
	"$($PY -c "import json; d=json.load(open('$TMP/status.json')); print([r['key'] for r in d['requirements'] if r['status']=='done' and not r['evidence']])")" "[]"
check_eq "no evidence dated before its requirement's document" \
	"$($PY -c "import json; d=json.load(open('$TMP/status.json')); print([(r['key'], e['date']) for r in d['requirements'] for e in r['evidence'] if r['document'].get('date') and e['date'] < r['document']['date']])")" "[]"

# --- the score against the gold ---
gold=$($PY - "$TMP/status.json" tests/fixtures/gold/evidence.tsv <<'PYEOF'
import csv, json, sys
d = json.load(open(sys.argv[1]))
reqs = {r["key"]: r for r in d["requirements"]}
rows = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
found = right = 0
for g in rows:
    r = reqs.get(g["requirement"])
    ev = [e for e in (r["evidence"] if r else []) if e["document"]["path"].endswith(g["evidence"])]
    if not ev:
        print("# gold: missed %s <- %s" % (g["requirement"], g["evidence"]))
        continue
    found += 1
    allowed = g["status"].split("|")
    ok = r["status"] in allowed and ev[0]["date"] == g["evidence_date"]
    if ok and g["timeliness"] not in ("", "-") and r["status"] == "done":
        ok = r["timeliness"] == g["timeliness"]
    right += ok
    if not ok:
        print("# gold: %s: status %s timeliness %s (want %s %s)" % (g["requirement"], r["status"], r["timeliness"], g["status"], g["timeliness"]))
# what the notes rule out: a document before the requirement (the NSF RFI
# feeds the plan), one on another subject (the H-1B proclamation and its
# renditions for a plan action)
bad = [(k, e["document"]["path"]) for k, r in reqs.items() for e in r["evidence"]
       if (k.startswith("aiap:") and ("02305-nsf" in e["document"]["path"] or "10973" in e["document"]["path"]
           or "nonimmigrant" in e["document"]["path"]))]
ev_n = sum(len(r["evidence"]) for r in reqs.values())
print("# gold: %d of %d pairs found, %d with an allowed status and date; %d ruled out; %d evidence pairs in all" % (found, len(rows), right, len(bad), ev_n))
print("RESULT %d %d %d %d" % (found, right, len(rows), len(bad)))
PYEOF
)
echo "$gold" | grep '^#'
check_eq "gold: every pair found with an allowed status, nothing ruled out" \
	"$(echo "$gold" | awk '/^RESULT/ { print ($2 == $4) " " ($3 == $4) " " $5 }')" "1 1 0"

# --- a match for an order's section: a proposed rule from the lead body ---
M="$TMP/match"
mkdir -p "$M"
cp tests/unseen/docs/whitehouse/2025-04-23-eo-14277-advancing-ai-education-for-american-youth.md \
	tests/unseen/docs/federal-register/2025-13650-ed-proposed-priority-ai-in-education.excerpt.txt "$M/"
run $INDEX -q -d "$TMP/match.db" "$M"
run $QUERY -d "$TMP/match.db" status --as-of 2025-12-01 -f json
check_eq "ED's proposed grant priority starts EO 14277 Sec. 7(a) (ED leads it), by match" \
	"$(json "[(r['key'], r['status'], [(e['how'], e['date']) for e in r['evidence']]) for r in d['requirements'] if r['evidence']]")" \
	"[('eo-14277:sec.7(a)', 'in_progress', [('match', '2025-07-21')])]"

# --- events are never overdue ---
for d in 2025-03-01 2025-10-28 2025-12-01 2026-10-01; do
	run $QUERY -d "$DB" deadlines --as-of $d -f json
	check_eq "deadlines as of $d: no event overdue" \
		"$(json "[(e['entry']['kind'], e['key']) for e in d['deadlines'] if e['entry']['status'] == 'overdue' and e['entry']['kind'] != 'deadline']")" "[]"
done
run $QUERY -d "$DB" deadlines --as-of 2025-12-01 -f json
check_eq "closed windows, an expiry ahead, the promise of a notice: event states" \
	"$(json "sorted(set((e['entry']['kind'], e['entry']['status']) for e in d['deadlines'] if e['entry']['kind'] in ('closes', 'expires', 'opens', 'effective')))")" \
	"[('closes', 'closed'), ('effective', 'in_effect'), ('expires', 'in_effect'), ('opens', 'closed')]"
check_eq "the USCIS promise ('will be live before ...') is no overdue requirement" \
	"$(json "[e['entry']['status'] for e in d['deadlines'] if e['key'].endswith('/4:p14')]")" "['closed']"
run $QUERY -d "$DB" deadlines --as-of 2025-12-01 --overdue
check_rc "deadlines --overdue" 0
check_out "lists the overdue requirement EO 14319 Sec. 4(a)" "eo-14319:sec.4\(a\)"
if grep -q "eo-14179:sec.4(a)\|eo-14320:sec.3(a)\|closes\|expires" "$TMP/out"; then
	not_ok "but not what has evidence, nor a closed window" "$(grep -E '^[0-9]' "$TMP/out")"
else
	ok "but not what has evidence, nor a closed window"
fi

# --- an agency's own notices: their dated entries inherit the issuer ---
for a in OSTP NSF ITA; do
	run $QUERY -d "$DB" deadlines -a $a -f json
	check_eq "deadlines -a $a finds the dated entries of its own notices" \
		"$(json "[e['entry']['kind'] for e in d['deadlines'] if e['entry'].get('value') and ('$a' == 'OSTP' and '18737' in e['document']['path'] or '$a' == 'NSF' and '02305' in e['document']['path'] or '$a' == 'ITA' and '19674' in e['document']['path'])] != []")" True
done
run $QUERY -d "$DB" show '2025-18737-ostp-rfi-regulatory-reform-on-ai:p9' -f json
check_eq "the DATES paragraph names no one and inherits its issuer (role issuer)" \
	"$(json "[(a['id'], a['role']) for a in d['results'][0]['agencies']]")" "[('ostp', 'issuer')]"
run $QUERY -d "$DB" show 'eo-14179:sec.4(a)' -f json
# (every body named in the "in coordination with" clause supports,
# whether the tagger had it lead or mentioned: the OMB Director, the
# Assistants to the President for Economic and for Domestic Policy)
check_eq "EO 14179 Sec. 4(a): the APST (OSTP), the Special Advisor for AI and Crypto and the APNSA (NSC) lead; the OMB Director, NEC and DPC (in coordination) support" \
	"$(json "sorted((a['id'], a['role']) for a in d['results'][0]['agencies'])")" "[('ai_crypto_advisor', 'lead'), ('dpc', 'support'), ('nec', 'support'), ('nsc', 'lead'), ('omb', 'support'), ('ostp', 'lead')]"
run $QUERY -d "$DB" show 'eo-14318:sec.10(c)' -f json
check_eq "boilerplate makes no lead (costs of publication borne by ...)" \
	"$(json "[a['role'] for a in d['results'][0]['agencies'] if a['role'] == 'lead']")" "[]"

# --- time zones as written ---
run $QUERY -d "$DB" deadlines --as-of 2025-10-27 --within 0
check_rc "the OSTP RFI's ET deadline is due on 2025-10-27 (its day in Eastern time)" 0
check_out "shown in Eastern time" "^2025-10-27 23:59 ET +closes +open +today"
check_out "with its UTC instant" "UTC 2025-10-28T03:59:00Z"
run $QUERY -d "$DB" deadlines --as-of 2025-10-28 --within 0 -a OSTP
check_rc "on the 28th it is no longer due" 1
run $QUERY -d "$DB" deadlines --as-of 2025-10-28 --within 0 --tz UTC -a OSTP
check_out "with --tz UTC the same instant falls on the 28th" "^2025-10-27 23:59 ET +closes +open +today"
run $QUERY -d "$DB" deadlines --as-of 2025-10-27 --within 0 --tz Mars/Olympus
check_rc "an unknown zone: exit 2" 2
check_err "saying which zones" "unknown time zone 'Mars/Olympus'"

# --- the analyst's status file round-trips ---
ST="$TMP/status.tsv"
printf 'key\tstatus\tdate\tevidence\tnote\n' >"$ST"
printf 'eo-14318:sec.5(a)\tdone\t2025-08-01\thttps://www.energy.gov/nepa/categorical-exclusions\tCEs identified\n' >>"$ST"
printf 'no-such:sec.1\tdone\t2025-08-01\t\t\n' >>"$ST"
printf 'eo-14320:sec.3(a)\tfinished\t\t\t\n' >>"$ST"
printf 'eo-14319:sec.4(a)\tdone\t2025-02-30\t\t\n' >>"$ST"
printf 'aiap:I.1.2\tnot_verified\t\t\tchecked, nothing public\n' >>"$ST"
run $INDEX -d "$DB" --status "$ST"
check_rc "a status file with bad lines: exit 1" 1
check_err "an unknown key, with its line number" "'.*status.tsv' line 3: unknown key 'no-such:sec.1'"
check_err "a bad status" "line 4: bad status 'finished'"
check_err "a bad date" "line 5: bad date '2025-02-30'"
check_err "the rest kept" "2 statuses from"
run $INDEX -q --force -d "$DB" "$C"
check_rc "re-index everything" 0
run $QUERY -d "$DB" status --as-of 2025-12-01 -f json
check_eq "eo-14318:sec.5(a): done, on_time, manual, after re-indexing" \
	"$(json "[(r['status'], r['timeliness'], r['status_source'], r['done_on'], r['evidence'][-1]['how'], r['evidence'][-1]['reference']) for r in d['requirements'] if r['key'] == 'eo-14318:sec.5(a)']")" \
	"[('done', 'on_time', 'manual', '2025-08-01', 'manual', 'https://www.energy.gov/nepa/categorical-exclusions')]"
check_eq "an analyst's not_verified stands" \
	"$(json "[(r['status'], r['status_source']) for r in d['requirements'] if r['key'] == 'aiap:I.1.2']")" "[('not_verified', 'manual')]"
check_eq "the inferred ones say so" \
	"$(json "[r['status_source'] for r in d['requirements'] if r['key'] == 'eo-14179:sec.4(a)']")" "['inferred']"
printf 'status\tkey\tdate\n# a comment\ndone\teo-14319:sec.2(a)\t2025-09-01\n' >"$TMP/more.tsv"
run $INDEX -d "$DB" --status "$TMP/more.tsv"
check_rc "a second file, columns in another order, a comment line" 0
run $QUERY -d "$DB" status --as-of 2025-12-01 -f json
check_eq "a record the analyst gave a status becomes a requirement at once (no re-index)" \
	"$(json "[(r['status'], r['status_source'], r['done_on']) for r in d['requirements'] if r['key'] == 'eo-14319:sec.2(a)']")" \
	"[('done', 'manual', '2025-09-01')]"
check_eq "and the first file's word still stands" \
	"$(json "[r['status_source'] for r in d['requirements'] if r['key'] == 'eo-14318:sec.5(a)']")" "['manual']"
printf 'key\tnote\nx\ty\n' >"$TMP/nohead.tsv"
run $INDEX -d "$DB" --status "$TMP/nohead.tsv"
check_rc "a file without the key and status columns: exit 1" 1
check_err "saying so" "line 1: the header must name the columns key and status"
run $INDEX -d "$DB" --status "$TMP/none.tsv"
check_err "a file that is not there" "cannot read status file"

# --- the views: filters, text, CSV, iCalendar ---
run $QUERY -d "$DB" status --as-of 2025-12-01 -a OSTP -f json
check_eq "-a OSTP: the plan's OSTP actions" \
	"$(json "'aiap:I.1.1' in [r['key'] for r in d['requirements']] and 'aiap:III.1.1' not in [r['key'] for r in d['requirements']]")" True
run $QUERY -d "$DB" status --as-of 2025-12-01 -p 3 --status in_progress -f json
check_eq "-p 3 --status in_progress" \
	"$(json "d['count'] > 0 and all(r['pillar'] == 3 and r['status'] == 'in_progress' for r in d['requirements'])")" True
run $QUERY -d "$DB" status --status finished
check_rc "a bad --status: exit 2" 2
check_err "naming the statuses" "unknown status 'finished'"
run $QUERY -d "$DB" status --as-of 2025-13-01
check_rc "a bad --as-of: exit 2" 2
run $QUERY -d "$DB" status --as-of 2025-12-01
check_rc "text" 0
check_out "the text: status, due day, source, key" "^done +2025-07-22 +inferred +eo-14179:sec.4\(a\)"
check_out "with timeliness" "late 1 day +done on 2025-07-23"
run $QUERY -d "$DB" status --as-of 2025-12-01 -f csv
check_out "CSV header" "^key,kind,lead,type,due,due_by,due_at,status,status_source,timeliness,days_late,done_on,evidence,path"
run $QUERY -d "$DB" status --as-of 2025-12-01 -f ics
cp "$TMP/out" "$TMP/status.ics"
check_eq "iCalendar: parsed by python3-icalendar, VTODOs with DUE and STATUS" \
	"$($PY -c "
import icalendar
c = icalendar.Calendar.from_ical(open('$TMP/status.ics','rb').read())
t = [x for x in c.walk('VTODO')]
done = [x for x in t if str(x.get('STATUS')) == 'COMPLETED']
print(len(t) > 100, all(x.get('UID') and x.get('SUMMARY') for x in t), len(done) > 0 and all(x.get('COMPLETED') for x in done), any(x.get('DUE') for x in t))" 2>&1)" "True True True True"
check_eq "and the events as VEVENTs that ics_check.py accepts" \
	"$($PY tests/cli/ics_check.py "$TMP/status.ics" 2>&1 | awk '{ print ($1 == "vevents" && $2 > 0) ? "events" : $0 }'; echo "rc=$?")" "$(printf 'events\nrc=0')"

# --- show: a requirement's status and evidence; what a record carries out ---
run $QUERY -d "$DB" show --as-of 2025-12-01 'eo-14179:sec.4(a)'
check_rc "show a requirement" 0
check_out "its status as of the day" "^requirement \(as of 2025-12-01\):"
check_out "done late, on its evidence" "late 1 day +done on 2025-07-23"
check_out "the evidence listed" "evidence: 2025-07-23 citation .*white-house-unveils-americas-ai-action-plan.html"
run $QUERY -d "$DB" show -f json '2025-19674-ita-american-ai-exports-program-rfi:p2'
check_eq "a record that is evidence lists what it carries out" \
	"$(json "sorted((x['key'], x['how']) for x in d['results'][0]['carries_out'])[:1]")" "[('eo-14320:sec.3(a)', 'citation')]"
check_eq "and is no requirement itself" "$(json "d['results'][0]['requirement']")" None
run $QUERY -d "$DB" show --as-of 2025-02-30 'eo-14179:sec.4(a)'
check_rc "show with a bad --as-of: exit 2" 2

# evidence counts from its own day: as of a day before the ITA RFI
# (2025-10-28), EO 14320 Sec. 3(a) is still due, not in progress
run $QUERY -d "$DB" status --as-of 2025-10-20 -f json
check_eq "as of a day before its evidence, a requirement is not yet carried out, and the later evidence is counted apart, not listed" \
	"$(json "[(r['status'], r['evidence'], r['evidence_later']) for r in d['requirements'] if r['key'] == 'eo-14320:sec.3(a)']")" \
	"[('due', [], 1)]"
run $QUERY -d "$DB" status --as-of 2025-10-20 -a DOC
check_out "... and the text says so" "1 more dated after the as-of day, not counted"
run $QUERY -d "$DB" status --as-of 2025-10-28 -f json
check_eq "... and from that day on it is, with the evidence listed" \
	"$(json "[(r['status'], [e['date'] for e in r['evidence']], r['evidence_later']) for r in d['requirements'] if r['key'] == 'eo-14320:sec.3(a)']")" "[('in_progress', ['2025-10-28'], 0)]"

# status's options follow the rule of every enumerated option: the valid
# values and the closest; a second, different value is refused
run $QUERY -d "$DB" status --status overdu
check_rc "status --status overdu: exit 2" 2
check_err "... with the valid statuses and the closest" "unknown status 'overdu' \(one of: done, in_progress.*did you mean 'overdue'"
run $QUERY -d "$DB" status --tz America/NewYork
check_rc "status --tz America/NewYork: exit 2" 2
check_err "... with the zones and the closest" "did you mean 'America/New_York'"
run $QUERY -d "$DB" deadlines --tz Mars/Olympus
check_rc "deadlines takes the same zones" 2
run $QUERY -d "$DB" status --as-of 2025-01-01 --as-of 2025-02-01
check_rc "status --as-of given twice: exit 2" 2

# a requirement copies its record's pillar, kind and order and its
# document's path (the status column and the counts read them alone); a
# database whose copies are missing is read as before, the same answers
check_eq "every requirement has its copies" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM requirements WHERE path IS NULL OR ordinal IS NULL OR pillar IS NULL OR kind IS NULL")" 0
check_eq "... equal to its record's and document's" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM requirements q JOIN actions a ON a.id = q.action_id JOIN documents d ON d.id = a.doc_id WHERE q.pillar IS NOT COALESCE(a.pillar, 0) OR q.kind IS NOT a.kind OR q.path IS NOT d.path OR q.ordinal IS NOT a.ordinal OR q.owner IS NOT (SELECT r.agency_id FROM action_agencies r WHERE r.action_id = q.action_id AND r.role IN ('lead', 'issuer', 'support') ORDER BY CASE r.role WHEN 'lead' THEN 0 WHEN 'issuer' THEN 1 ELSE 2 END, r.n LIMIT 1)")" 0
run $QUERY -d "$DB" summary --as-of 2025-12-01 -f json
cp "$TMP/out" "$TMP/sum.copies"
run $QUERY -d "$DB" summary -a OSTP --as-of 2025-12-01 -f json
cp "$TMP/out" "$TMP/suma.copies"
run $QUERY -d "$DB" deadlines --as-of 2025-12-01 -f csv
cp "$TMP/out" "$TMP/dl.copies"
cp "$DB" "$TMP/nocopies.db"
sqlite3 "$TMP/nocopies.db" "UPDATE requirements SET ordinal = NULL"
run $QUERY -d "$TMP/nocopies.db" summary --as-of 2025-12-01 -f json
check_eq "without the copies, summary says the same" "$(cmp -s "$TMP/out" "$TMP/sum.copies" && echo same)" same
run $QUERY -d "$TMP/nocopies.db" summary -a OSTP --as-of 2025-12-01 -f json
check_eq "... with -a too" "$(cmp -s "$TMP/out" "$TMP/suma.copies" && echo same)" same
run $QUERY -d "$TMP/nocopies.db" deadlines --as-of 2025-12-01 -f csv
check_eq "... and deadlines too" "$(cmp -s "$TMP/out" "$TMP/dl.copies" && echo same)" same
cp "$DB" "$TMP/noowner.db"
sqlite3 "$TMP/noowner.db" "PRAGMA legacy_alter_table=ON; CREATE TABLE r2 AS SELECT action_id, key, type, due, due_at, due_tz, anchor, due_by, expr, doc_date, pillar, kind, path, part, ordinal FROM requirements; DROP TABLE requirements; ALTER TABLE r2 RENAME TO requirements"
check_eq "(the copy of the file lacks the owner columns)" \
	"$(sqlite3 "$TMP/noowner.db" "SELECT count(*) FROM pragma_table_info('requirements') WHERE name LIKE 'owner%'")" 0
run $QUERY -d "$TMP/noowner.db" summary --as-of 2025-12-01 -f json
check_eq "a file whose requirements lack a copied column (read-only, not migrated) says the same" \
	"$(cmp -s "$TMP/out" "$TMP/sum.copies" && echo same)" same

# --- a notice that resembles the sections of many orders: evidence by
# match for the few nearest (at most three orders), not for every order
# its issuer leads a section of (docs/tracking.md)
M="$TMP/many"
mkdir -p "$M"
for n in 1 2 3 4 5 6; do
	cat >"$M/2026-0$n-01-eo-1490$n-apprenticeship-order-$n.md" <<EOF
---
date: '2026-0$n-01'
title: Expanding Artificial Intelligence Apprenticeships, Part $n
---
By the authority vested in me as President by the Constitution and the
laws of the United States of America, it is hereby ordered:

Section 1. Purpose. Artificial intelligence skills matter for American workers.

Sec. 2. Apprenticeship Guidance. Within 90 days of the date of this order, the
Secretary of Labor shall issue guidance establishing a registered apprenticeship
program for artificial intelligence occupations, including machinist, welder
and electrician apprenticeships that teach artificial intelligence skills.
EOF
done
cat >"$M/2026-09-01-dol-apprenticeship-guidance.txt" <<'EOF'
[Federal Register Volume 91, Number 170 (Tuesday, September 1, 2026)]
[Notices]
DEPARTMENT OF LABOR
Guidance on Registered Apprenticeship Programs for Artificial Intelligence Occupations
AGENCY: Department of Labor.
ACTION: Notice of guidance.
SUMMARY: The Department of Labor issues guidance establishing a registered
apprenticeship program for artificial intelligence occupations, including
machinist, welder and electrician apprenticeships that teach artificial
intelligence skills to American workers.
EOF
run $INDEX -q -d "$TMP/many.db" "$M"
check_rc "index six like orders and a notice that resembles them all" 0
run $QUERY -d "$TMP/many.db" status --as-of 2026-12-01 -f json
check_eq "the notice is evidence by match, for one section in each of at most three orders" \
	"$(json "sorted(set(len([e for e in r['evidence'] if e['how'] == 'match']) for r in d['requirements'] if r['key'].endswith(':sec.2'))), sum(1 for r in d['requirements'] if any(e['how'] == 'match' for e in r['evidence']))")" \
	"[0, 1] 3"

finish
