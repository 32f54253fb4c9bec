#!/bin/sh
# Kinds of time expression beyond dates (issue 18), on a constructed notice
# (tests/fixtures/timeline/kinds-notice.md, dated 2026-03-02): a range of
# times sharing one zone, noon and midnight, the end of a year, fiscal
# year or month, quarters, "the date of this notice", an event dated only
# relative to another (the effective date) anchoring what follows it,
# anniversaries, and recurring words. Each line: the record's entries as
# kind|expression|value|offset days|offset months|anchor.
. tests/cli/lib.sh

F=tests/fixtures/timeline/kinds-notice.md
run $INDEX --dump "$F"
check_rc "dump the constructed notice" 0
cp "$TMP/out" "$TMP/dump.json"

# entries TEXT: the entries of the record whose text starts with TEXT
entries() {
	$PY -c "import json,sys
d = json.load(open(sys.argv[1]))
for r in d:
    if r['text'].startswith(sys.argv[2]):
        for t in (t for t in r['timeline'] if t['kind'] != 'published'):
            print('|'.join(str(t.get(k)) for k in ('kind', 'expr', 'value', 'offset_days', 'offset_months', 'anchor')))" \
		"$TMP/dump.json" "$1"
}

check_eq "a range of two times shares its zone and day (EDT: UTC-4)" "$(entries 'DATES: A public hearing')" \
"other|April 14, 2026, from 9 a.m.|2026-04-14T13:00:00Z|None|None|None
other|5 p.m. EDT|2026-04-14T21:00:00Z|None|None|None"
check_eq "an effective date 60 days after publication" "$(entries 'The rule would take effect')" \
"effective|60 days after publication in the Federal Register|2026-05-01|60|None|published"
check_eq "a deadline relative to that effective date gets its day" "$(entries 'Employers must certify')" \
"deadline|within six months of the effective date|2026-11-01|None|6|effective"
check_eq "a window closes at a time of day" "$(entries 'The comment period closes')" \
"closes|11:59 p.m. Eastern Time on May 1, 2026|2026-05-02T03:59:00Z|None|None|None"
check_eq "the end of a calendar year is its last day" "$(entries 'Small entities')" \
"other|until the end of calendar year 2026|2026-12-31|None|None|None"
check_eq "the end of a fiscal year is September 30" "$(entries 'Agencies shall report by the end')" \
"deadline|by the end of fiscal year 2027|2027-09-30|None|None|None"
check_eq "a fiscal quarter: Q3 FY2026 is April to June 2026" "$(entries 'Grants will be awarded')" \
"fiscal_year|Q3 FY2026|2026-04-01/2026-06-30|None|None|None"
check_eq "a calendar quarter" "$(entries 'Results are expected')" \
"other|the fourth quarter of 2026|2026-10-01/2026-12-31|None|None|None"
check_eq "'the date of this notice' is its publication" "$(entries 'Requests must be submitted')" \
"deadline|no later than 30 calendar days after the date of this notice|2026-04-01|30|None|published"
check_eq "biannually: every six months" "$(entries 'The Department will publish')" \
"recurring|biannually|None|None|6|None"
check_eq "the third anniversary of an event: 36 months on" "$(entries 'The requirement expires')" \
"expires|the third anniversary of the effective date|2029-05-01|None|36|effective"
check_eq "'the first day of each quarter' counts no day: it recurs" "$(entries 'Covered entities')" \
"recurring|each quarter|None|None|3|None"
check_eq "noon Eastern Time with its date (EDT: UTC-4)" "$(entries 'Registrants must confirm')" \
"deadline|by noon Eastern Time on May 4, 2026|2026-05-04T16:00:00Z|None|None|None"

finish
