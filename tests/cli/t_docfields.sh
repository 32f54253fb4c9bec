#!/bin/sh
# t_docfields.sh - docs/output-format.md and the JSON agree: the fields
# each table documents (the tables after a "<!-- fields: NAME -->" line)
# are exactly the members each command emits on corpus/, no more, no fewer.
. tests/cli/lib.sh
DB="$TMP/doc.db"
$INDEX -q -d "$DB" corpus >/dev/null 2>&1
Q="$QUERY -d $DB"
$Q search -n 0 -f json data center >"$TMP/search.json"
$Q search -n 0 -f json -k order_section >"$TMP/search2.json"
$Q show -f json aiap:I.3.5 >"$TMP/show.json"
$Q show -f json 'eo-14320:sec.3(a)' >"$TMP/show2.json"
$Q summary -f json --as-of 2025-09-01 >"$TMP/summary.json"
$Q summary -f json --as-of 2025-09-01 -a DOC >"$TMP/summary2.json"
$Q docs -f json >"$TMP/docs.json"
$Q agencies -f json >"$TMP/agencies.json"
$Q deadlines -f json --as-of 2025-01-01 >"$TMP/deadlines.json"
$PY - "$TMP" docs/output-format.md <<'PYEOF'
import json, re, sys
tmp, doc = sys.argv[1], sys.argv[2]
documented, name = {}, None
for line in open(doc, encoding="utf-8"):
    m = re.match(r"<!-- fields: ([\w.]+) -->", line)
    if m:
        name = m.group(1)
        documented[name] = set()
        continue
    if name and line.startswith("| `"):
        cell = line.split("|")[1]
        documented[name] |= set(re.findall(r"`(\w+)`", cell))
    elif name and not line.startswith("|"):
        name = None if documented[name] else name
L = lambda f: json.load(open(f"{tmp}/{f}.json", encoding="utf-8"))
search, search2, show, show2 = L("search"), L("search2"), L("show"), L("show2")
summ, summ2, docs, ags, dl = L("summary"), L("summary2"), L("docs"), L("agencies"), L("deadlines")
recs = search["results"] + search2["results"] + show["results"] + show2["results"]
def keys(objs):
    s = set()
    for o in objs:
        s |= set(o)
    return s
pillars = summ["pillars"] + summ2["pillars"]
dues = [x for p in pillars for x in p["deadlines"]["next"] + p["deadlines"]["overdue"]]
emitted = {
    "search": keys([search]) | keys([show]),
    "record": keys(recs),
    "record.document": keys(r["document"] for r in recs),
    "record.agency": keys(a for r in recs for a in r["agencies"]),
    "record.timeline": keys(t for r in recs for t in r["timeline"]),
    "record.link": keys(l for r in show["results"] + show2["results"] for l in r["links"]),
    "summary": keys([summ, summ2]),
    "summary.pillar": keys(pillars),
    "summary.section": keys(s for p in pillars for s in p["sections"]),
    "summary.due": keys(dues),
    "docs": keys([docs]),
    "docs.document": keys(docs["documents"]),
    "agencies": keys([ags]),
    "agencies.agency": keys(ags["agencies"]),
    "deadlines": keys([dl]),
    "deadlines.entry": keys(e["entry"] for e in dl["deadlines"] + dl["unresolved"]) - documented.get("record.timeline", set()),
}
# every object of a kind has every documented member (absent values are null)
always = {
    "record.document": [r["document"] for r in recs],
    "record.timeline": [t for r in recs for t in r["timeline"]],
    "summary.section": [s for p in pillars for s in p["sections"]],
    "summary": [summ, summ2],
}
fails = passes = 0
def check(name, ok, detail=""):
    global fails, passes
    if ok:
        passes += 1
        print(f"ok - {name}")
    else:
        fails += 1
        print(f"not ok - {name}\n#   {detail}")
for n in sorted(set(documented) | set(emitted)):
    d, e = documented.get(n), emitted.get(n)
    if d is None or e is None:
        check(f"fields {n}: documented and tested", False, f"documented {d is not None}, tested {e is not None}")
        continue
    check(f"fields {n}: documented = emitted", d == e,
          f"documented only: {sorted(d - e)}; emitted only: {sorted(e - d)}")
# copy_of: only a copy's records; renditions: show only
base = documented["record"] - {"pillar_score", "links", "snippet", "copy_of", "renditions"}
missing = [sorted(base - set(r)) for r in recs if base - set(r)]
check("fields record: every record has every field but the conditional ones (null when absent)",
      not missing, str(missing[:3]))
for n, objs in always.items():
    missing = [sorted(documented[n] - set(o)) for o in objs if documented[n] - set(o)]
    check(f"fields {n}: every object has every field (null when absent)", not missing, str(missing[:3]))
# a DEADLINE is a RECORD without show's members and snippet, plus entry
want = documented["record"] - {"pillar_score", "links", "snippet", "copy_of", "renditions"} | {"entry"}
check("fields: a DEADLINE is a RECORD plus entry", keys(dl["deadlines"]) == want,
      f"{sorted(keys(dl['deadlines']) ^ want)}")
print(f"# passed {passes} failed {fails}")
PYEOF
