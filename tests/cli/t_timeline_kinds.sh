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
check_eq "a window's range of times: the first opens, the second closes" "$(entries 'The application window')" \
"opens|September 22, 2026, between 9:00 a.m.|2026-09-22T13:00:00Z|None|None|None
closes|5:00 p.m. Eastern Time|2026-09-22T21:00:00Z|None|None|None"
check_eq "an event's phrase ends before a modal ('after that date may not be considered')" "$(entries 'Submissions received')" \
"other|after that date|None|None|None|that date"
check_eq "a Federal Register signature line ('Dated: ...') is the signing" "$(entries 'Dated:')" \
"signed|February 27, 2026|2026-02-27|None|None|None"
check_eq "'Upon issuance of X' starts at an event (a noun in -ance too)" "$(entries 'Upon issuance')" \
"start|Upon issuance of the final rule|None|None|None|issuance of the final rule"
check_eq "'Beginning on the effective date' starts then, dated when the effective date is" "$(entries 'Beginning on the effective')" \
"start|Beginning on the effective date|2026-05-01|None|None|effective"

# --- Chinese (tests/fixtures/timeline/kinds-news.zh.md, dated 2025-09-19) ---
F=tests/fixtures/timeline/kinds-news.zh.md
run $INDEX --dump "$F"
check_rc "dump the constructed Chinese report" 0
cp "$TMP/out" "$TMP/dump.json"
check_eq "本月廿三日: this month's 23rd (廿 = 20)" "$(entries '该措施')" \
"effective|本月廿三日|2025-09-23|None|None|None"
check_eq "将于二十三日: a day to come is this month's; 十月卅一日 in Chinese numerals" "$(entries '新规将于')" \
"effective|二十三日|2025-09-23|None|None|None
closes|十月卅一日|2025-10-31|None|None|None"
check_eq "已于5日: a day past is this month's" "$(entries '签证处')" \
"other|5日|2025-09-05|None|None|None"
check_eq "年底前: the last day of the year" "$(entries '申请人必须')" \
"closes|年底|2025-12-31|None|None|None"
check_eq "明年第一季度: next year's first quarter" "$(entries '下一次更新')" \
"other|明年第一季度|2026-01-01/2026-03-31|None|None|None"
check_eq "2025财年末: the fiscal year's end" "$(entries '截至')" \
"other|2025财年末|2025-09-30|None|None|None"
check_eq "自公告发布之日起30日后: 30 days after publication, not the 30th" "$(entries '新规定自')" \
"effective|发布之日起30日后|2025-10-19|30|None|published"
check_eq "a zone before the date: 美国东部时间9月21日凌晨0点01分 (EDT: UTC-4)" "$(entries '美国东部时间')" \
"other|美国东部时间9月21日凌晨0点01分|2025-09-21T04:01:00Z|None|None|None"
check_eq "二〇二六年三月一日: a year in Chinese digits" "$(entries '该规定')" \
"other|二〇二六年三月一日|2026-03-01|None|None|None"
check_eq "上午9点至下午5点(美东时间): the range shares its zone; opens, then closes" "$(entries '申请窗口')" \
"opens|9月22日上午9点|2025-09-22T13:00:00Z|None|None|None
closes|下午5点(美东时间)|2025-09-22T21:00:00Z|None|None|None"

# an order (tests/fixtures/timeline/kinds-order.md, dated 2026-03-09):
# its "today" is its time, not its publication, which the metadata gives;
# "pending the completion of X" holds until X
F=tests/fixtures/timeline/kinds-order.md
run $INDEX --dump "$F"
check_rc "dump the constructed order" 0
cp "$TMP/out" "$TMP/dump.json"
check_eq "an order's \"Yet today\" is dated, not its publication" "$(entries 'Yet today')" \
"other|today|2026-03-09|None|None|published"
check_eq "... and the metadata's publication date stands" \
	"$($PY -c "import json,sys; print([(t['kind'], t['value']) for r in json.load(open(sys.argv[1])) for t in r['timeline'] if t['kind'] == 'published'])" "$TMP/dump.json")" \
	"[('published', '2026-03-09')]"
check_eq "\"pending the completion of a review\" is conditional on it" "$(entries '(a) The Secretary of the Interior')" \
"conditional|pending the completion of a review of the permitting program|None|None|None|the completion of a review of the permitting program"

check_eq "\"an annual report thereafter\" recurs every 12 months after the first" "$(entries '(c) The Secretary of Energy shall submit an initial')" \
"deadline|within 180 days of the date of this order|2026-09-05|180|None|signing
recurring|an annual report thereafter|2027-09-05|180|12|signing"
check_eq "\"within the next decade\" is a vague horizon" "$(entries 'Demand for transmission')" \
"vague|within the next decade|None|None|None|None"
check_eq "\"reviewed regularly\" is vague" "$(entries 'The reserve list')" \
"vague|regularly|None|None|None|None"

finish
