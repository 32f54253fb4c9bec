#!/bin/sh
# Timestamps in layouts of their own and times of day without a date
# (issue 18): a document with no metadata is dated by a labelled
# timestamp line ("Date: 2026-03-02", "发布时间：2025-09-21 08:30",
# "Published: March 2, 2026 at 4:15 PM ET"), as a moment when it states a
# zone; "by 5:00 p.m. Eastern Time" and "美东时间上午9点" take the day of a
# date beside them, else stay unresolved and say why.
. tests/cli/lib.sh

D="$TMP/d"
mkdir -p "$D"
# published DIR/FILE: the document's date and its first record's entries
published() {
	$INDEX --dump "$1" | $PY -c "import json,sys
d = json.load(sys.stdin)
print(d[0]['document'].get('published'), [(t['kind'], t['value']) for t in d[0]['timeline']])"
}
printf 'Date: 2026-03-02\n\nThe Secretary shall act.\n' >"$D/a.txt"
check_eq "Date: 2026-03-02" "$(published "$D/a.txt")" "2026-03-02 [('published', '2026-03-02')]"
printf '发布时间：2025-09-21 08:30\n\n国务院宣布新措施。\n' >"$D/b.txt"
check_eq "发布时间：2025-09-21 08:30 (no zone: the day)" "$(published "$D/b.txt")" \
	"2025-09-21 [('published', '2025-09-21')]"
printf 'Published: March 2, 2026 at 4:15 PM ET\n\nThe Secretary shall act.\n' >"$D/c.txt"
check_eq "Published: March 2, 2026 at 4:15 PM ET (EST: UTC-5)" "$(published "$D/c.txt")" \
	"2026-03-02T16:15:00-05:00 [('published', '2026-03-02T21:15:00Z')]"
printf 'Updated: 07/02/2026\n\nThe Secretary shall act.\n' >"$D/d.txt"
check_eq "Updated: 07/02/2026 (US order)" "$(published "$D/d.txt")" "2026-07-02 [('published', '2026-07-02')]"
printf 'Posted 2026-03-02T10:00:00Z\n\nx\n' >"$D/e.txt"
check_eq "Posted 2026-03-02T10:00:00Z" "$(published "$D/e.txt")" \
	"2026-03-02T10:00:00+00:00 [('published', '2026-03-02T10:00:00Z')]"
printf 'Last updated: 2025-11-03 14:05 EST\n\nx\n' >"$D/f.txt"
check_eq "Last updated: 2025-11-03 14:05 EST" "$(published "$D/f.txt")" \
	"2025-11-03T14:05:00-05:00 [('published', '2025-11-03T19:05:00Z')]"
printf 'Version 2.1.3 released\n\nok\n' >"$D/h.txt"
check_eq "a version number is no date" "$(published "$D/h.txt")" "None []"
printf 'Meeting notes\n\nThe call was at 2026-03-02 09:30 and lasted an hour.\n' >"$D/i.txt"
check_eq "a date-time of no zone in running text: the day, not a UTC moment" \
	"$($INDEX --dump "$D/i.txt" | $PY -c "import json,sys
d = json.load(sys.stdin)
print([(t['value'], t['precision']) for r in d for t in r['timeline'] if t['kind'] != 'published'])")" \
	"[('2026-03-02', 'day')]"

# --- a time of day with its zone and no date ------------------------------
cat >"$D/notice.md" <<'END'
---
title: "Notice of Quantum Readiness Reporting"
type: notice
date: 2026-03-02
---

Comments must be received by 5:00 p.m. Eastern Time.

Comments are due March 30, 2026. They must be received by 5:00 p.m. Eastern Time.

Submit on March 30, 2026, by 5:00 p.m. ET to the docket.

申请窗口于美东时间上午9点开放。

申请须于下午5点(美东时间)前提交。
END
entries() {
	$INDEX --dump "$D/notice.md" | $PY -c "import json,sys
d = json.load(sys.stdin)
r = [r for r in d if r['key'].endswith(':$1')][0]
print([(t['kind'], t['expr'], t['value'], t.get('anchor')) for t in r['timeline'] if t['kind'] != 'published'])"
}
check_eq "no date anywhere near: unresolved, and why" "$(entries p1)" \
	"[('closes', 'by 5:00 p.m. Eastern Time', None, 'the day is not stated')]"
check_eq "a date in the record: its day, the time in UTC (EDT)" "$(entries p2)" \
	"[('other', 'March 30, 2026', '2026-03-30', None), ('deadline', 'by 5:00 p.m. Eastern Time', '2026-03-30T21:00:00Z', None)]"
check_eq "a date beside it: one moment" "$(entries p3)" \
	"[('other', 'March 30, 2026, by 5:00 p.m. ET', '2026-03-30T21:00:00Z', None)]"
check_eq "美东时间上午9点 with no date: unresolved" "$(entries p4)" \
	"[('opens', '美东时间上午9点', None, 'the day is not stated')]"
check_eq "下午5点(美东时间) with no date: unresolved" "$(entries p5)" \
	"[('closes', '下午5点(美东时间)', None, 'the day is not stated')]"
run $INDEX -q -d "$TMP/n.db" "$D/notice.md"
run $QUERY -d "$TMP/n.db" deadlines -f json
check_eq "deadlines lists the dayless ones as unresolved, with their reason" \
	"$(json "sorted(set(e['entry']['anchor'] for e in d.get('unresolved', [])))")" "['the day is not stated']"

finish
