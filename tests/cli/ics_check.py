#!/usr/bin/python3
"""ics_check.py FILE - check an iCalendar file from `polidex-query deadlines
-f ics` with a real parser (python3-icalendar) and at the byte level.

Prints one summary line on stdout,
    vevents N all-day A timed T multi-day M uids unique
and each problem on stderr; exits 1 when there is any problem, 2 when the
file cannot be read or parsed at all.

Bytes (RFC 5545 3.1): every physical line ends with CRLF, holds at most 75
octets before it, and decodes as UTF-8 on its own (so folding never split
a character); a continuation line starts with one space; in SUMMARY and
DESCRIPTION, commas and semicolons are escaped and every backslash starts
a valid escape.
Parser: Calendar.from_ical; VERSION 2.0, PRODID; every VEVENT has UID,
DTSTAMP (a UTC date-time), DTSTART and SUMMARY; UIDs are unique; all-day
events have date values with a DTEND after DTSTART, timed ones UTC
date-times.
"""
import datetime
import sys

import icalendar

problems = []


def problem(msg):
    problems.append(msg)
    print("ics_check: " + msg, file=sys.stderr)


def check_bytes(data):
    if not data.endswith(b"\r\n"):
        problem("the file does not end with CRLF")
    lines = data.split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for n, line in enumerate(lines, 1):
        if b"\r" in line or b"\n" in line:
            problem("line %d: a bare CR or LF" % n)
        if len(line) > 75:
            problem("line %d: %d octets (at most 75)" % (n, len(line)))
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as e:
            problem("line %d: not UTF-8 on its own (%s)" % (n, e))
        if line.startswith(b"\t"):
            problem("line %d: continuation with a tab (we fold with a space)" % n)
        if n == 1 and line.startswith(b" "):
            problem("line 1 is a continuation")


def check_text_escapes(data):
    """In SUMMARY and DESCRIPTION (TEXT), after unfolding, a backslash
    escapes one of \\ ; , n N, and no comma or semicolon is bare."""
    text = data.decode("utf-8", "replace").replace("\r\n ", "")
    for line in text.split("\r\n"):
        name, _, value = line.partition(":")
        if name not in ("SUMMARY", "DESCRIPTION"):
            continue
        i = 0
        while i < len(value):
            c = value[i]
            if c == "\\":
                if value[i + 1:i + 2] not in ("\\", ";", ",", "n", "N"):
                    problem("%s: bad escape %r" % (name, value[i:i + 2]))
                i += 2
                continue
            if c in ",;":
                problem("%s: bare %r in %r" % (name, c, value[max(0, i - 20):i + 20]))
            i += 1


def is_utc(dt):
    return dt.tzinfo is not None and dt.utcoffset() == datetime.timedelta(0)


def check_calendar(data):
    try:
        cal = icalendar.Calendar.from_ical(data)
    except Exception as e:  # the parser's own error: the file is no calendar
        print("ics_check: cannot parse: %s" % e, file=sys.stderr)
        sys.exit(2)
    if cal.name != "VCALENDAR":
        problem("top component is %s" % cal.name)
    if str(cal.get("VERSION")) != "2.0":
        problem("VERSION is %r" % cal.get("VERSION"))
    if not str(cal.get("PRODID", "")).startswith("-//polidex//"):
        problem("PRODID is %r" % cal.get("PRODID"))
    for comp in cal.walk():
        for err in getattr(comp, "errors", []):
            problem("%s: parser error %r" % (comp.name, err))
    events = cal.walk("VEVENT")
    uids = set()
    allday = timed = multi = 0
    for ev in events:
        uid = str(ev.get("UID", ""))
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if prop not in ev:
                problem("event %s lacks %s" % (uid or "?", prop))
        if uid in uids:
            problem("UID %s repeated" % uid)
        uids.add(uid)
        if not uid.endswith("@polidex"):
            problem("UID %s is not ours" % uid)
        if "DTSTAMP" in ev:
            st = ev.decoded("DTSTAMP")
            if not isinstance(st, datetime.datetime) or not is_utc(st):
                problem("event %s: DTSTAMP %r is not a UTC date-time" % (uid, st))
        if "DTSTART" not in ev:
            continue
        start = ev.decoded("DTSTART")
        if isinstance(start, datetime.datetime):
            timed += 1
            if not is_utc(start):
                problem("event %s: DTSTART %r is not UTC" % (uid, start))
        elif isinstance(start, datetime.date):
            allday += 1
            if "DTEND" not in ev:
                problem("event %s: all-day without DTEND" % uid)
                continue
            end = ev.decoded("DTEND")
            if type(end) is not datetime.date:
                problem("event %s: DTEND %r is not a date" % (uid, end))
            elif end <= start:
                problem("event %s: DTEND %s not after DTSTART %s" % (uid, end, start))
            elif (end - start).days > 1:
                multi += 1
        else:
            problem("event %s: DTSTART %r" % (uid, start))
    return len(events), allday, timed, multi, len(uids) == len(events)


def main():
    if len(sys.argv) != 2:
        print("usage: ics_check.py FILE", file=sys.stderr)
        return 2
    try:
        with open(sys.argv[1], "rb") as f:
            data = f.read()
    except OSError as e:
        print("ics_check: %s" % e, file=sys.stderr)
        return 2
    check_bytes(data)
    check_text_escapes(data)
    n, allday, timed, multi, unique = check_calendar(data)
    print("vevents %d all-day %d timed %d multi-day %d uids %s"
          % (n, allday, timed, multi, "unique" if unique else "repeated"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
