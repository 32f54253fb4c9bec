#!/usr/bin/env python3
"""Score a polidex database against the hand annotations of tests/unseen.

usage: score.py DB [ROOT] [-v] [--set NAME]

DB is a database made by polidex-index over ROOT/docs (and whatever else);
ROOT defaults to tests/unseen. Prints the figures as '# unseen: ...' lines,
then one 'figure NAME VALUE' line per figure for the test to compare with
its floors. -v also lists every miss and every extra (what to fix next).
--set NAME scores only the documents whose 'set' column in docs.tsv is
NAME ('heldout': the original eight, never tuned on; 'dev': documents
added later to develop rules on); the default scores all of them.

Matching: an order's annotated unit 'sec.4(a)' is the record whose key ends
in ':sec.4(a)' (and any record under it, 'sec.4(a)(i)'); another unit is
the records whose text contains the unit's 'match' text (spaces folded).
A unit's predicted agencies are the union over its records, each body in
its strongest role. Timeline expressions are matched within a document by
text overlap (one predicted entry per annotated one), and a value is right
when it equals the annotation's (seconds of a UTC time ignored; null equals
null). A document's pillar is the one most of its records are placed in,
or 'none' when none of them is placed.
"""
import json
import os
import re
import sqlite3
import sys

ROLES = ("lead", "support", "mentioned")
RANK = {"lead": 3, "support": 2, "mentioned": 1}


def norm(s):
    return re.sub(r"\s+", " ", (s or "").replace("\u00a0", " ")).strip().lower()


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    head = lines[0].split("\t")
    return [dict(zip(head, l.split("\t"))) for l in lines[1:] if l.strip()]


def ids(field):
    return {x.strip() for x in (field or "").split(",") if x.strip()}


def norm_value(v):
    if v is None:
        return None
    v = str(v)
    m = re.match(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d)(:\d\d)?(\.\d+)?Z$", v)
    return m.group(1) + "Z" if m else v


_known = None


def KNOWN_IDS(db):
    """The gazetteer's ids (the agencies no document created)."""
    global _known
    if _known is None:
        try:
            _known = {r[0] for r in db.execute(
                "SELECT id FROM agencies WHERE id NOT IN (SELECT agency_id FROM doc_bodies)")}
        except sqlite3.OperationalError:
            _known = {r[0] for r in db.execute("SELECT id FROM agencies")}
    return _known


def main(argv):
    verbose = "-v" in argv
    only = None
    if "--set" in argv:
        i = argv.index("--set")
        if i + 1 >= len(argv):
            sys.stderr.write("score.py: '--set' needs a name\n")
            return 2
        only = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    args = [a for a in argv if a != "-v"]
    if not args:
        sys.stderr.write(__doc__)
        return 2
    dbpath = args[0]
    root = args[1] if len(args) > 1 else "tests/unseen"
    db = sqlite3.connect(dbpath)

    docs = read_tsv(os.path.join(root, "docs.tsv"))
    if only is not None:
        docs = [d for d in docs if d.get("set", "heldout") == only]
        if not docs:
            sys.stderr.write("score.py: no documents in set '%s'\n" % only)
            return 2
    docids = {}   # doc_id -> list of documents.id
    for d in docs:
        rows = db.execute("SELECT id FROM documents WHERE path LIKE ?",
                          ("%/" + d["doc"],)).fetchall()
        docids[d["doc_id"]] = [r[0] for r in rows]
    missing_docs = [k for k, v in docids.items() if not v]

    def records(doc_id):
        out = []
        for did in docids[doc_id]:
            out += db.execute("SELECT id, key, text, pillar FROM actions WHERE doc_id = ?"
                              " ORDER BY ordinal", (did,)).fetchall()
        return out

    recs = {k: records(k) for k in docids}
    # a body a document creates has no gazetteer id: the annotation names
    # it in a note ("NEW ID: the order creates the X"), polidex records it
    # with the document (doc_bodies); the two meet by name
    new_ids = {}
    for u in read_tsv(os.path.join(root, "agencies.tsv")):
        m = re.search(r"NEW ID: (?:the order creates )?(?:the )?(.+?)(?: the order creates)?$",
                      u.get("note", ""))
        if not m:
            continue
        name = re.sub(r"[^a-z0-9]", "", m.group(1).lower())
        for role in ROLES:
            for aid in [x for x in u.get(role, "").split(",") if x]:
                if aid not in KNOWN_IDS(db):
                    new_ids[name] = aid
    created = {}
    try:
        for aid, name in db.execute("SELECT agency_id, name FROM doc_bodies"):
            key = re.sub(r"[^a-z0-9]", "", re.sub(r"^the\s+", "", name.lower()))
            if key in new_ids:
                created[aid] = new_ids[key]
    except sqlite3.OperationalError:
        pass    # a database without the table
    roles = {}
    # an inherited issuer (a notice's records that name no lead) counts
    # as lead, as the -a filters count it
    for aid, ag, role in db.execute("SELECT action_id, agency_id, role FROM action_agencies"):
        roles.setdefault(aid, []).append((created.get(ag, ag), "lead" if role == "issuer" else role))

    # --- agencies -------------------------------------------------------
    tp = {r: 0 for r in ROLES}
    fp = {r: 0 for r in ROLES}
    fn = {r: 0 for r in ROLES}
    units = unmatched = 0
    misses = []
    for u in read_tsv(os.path.join(root, "agencies.tsv")):
        if u["doc_id"] not in docids:
            continue
        units += 1
        rs = recs.get(u["doc_id"], [])
        unit = u["unit"]
        if unit.startswith("sec."):
            sel = [r for r in rs
                   if r[1].rsplit(":", 1)[-1].split("~")[0] == unit
                   or r[1].rsplit(":", 1)[-1].startswith(unit + "(")]
        else:
            want = norm(u["match"])
            sel = [r for r in rs if want and want in norm(r[2])]
            if not sel:   # a label the reader may have cut ("SUMMARY: ...")
                bare = re.sub(r"^[a-z ]+:\s*", "", want)
                sel = [r for r in rs if bare and bare in norm(r[2])][:1]
        if not sel:
            unmatched += 1
        pred = {}
        for r in sel:
            for ag, role in roles.get(r[0], []):
                if RANK[role] > RANK.get(pred.get(ag), 0):
                    pred[ag] = role
        gold = {}
        for role in ROLES:
            for ag in ids(u[role]):
                gold[ag] = role
        for role in ROLES:
            g = {a for a, x in gold.items() if x == role}
            p = {a for a, x in pred.items() if x == role}
            tp[role] += len(g & p)
            fp[role] += len(p - g)
            fn[role] += len(g - p)
        if gold != pred:
            misses.append("%s %s: gold %s, got %s%s" % (
                u["doc_id"], unit,
                " ".join("%s=%s" % kv for kv in sorted(gold.items())) or "-",
                " ".join("%s=%s" % kv for kv in sorted(pred.items())) or "-",
                "" if sel else " (no record matched)"))

    figures = {}
    for role in ROLES:
        p = tp[role] / (tp[role] + fp[role]) if tp[role] + fp[role] else 1.0
        r = tp[role] / (tp[role] + fn[role]) if tp[role] + fn[role] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        figures[role + "_f1"] = f
        print("# unseen: %s F1 %.2f (P %.2f R %.2f; %d right, %d extra, %d missed)"
              % (role, f, p, r, tp[role], fp[role], fn[role]))
    print("# unseen: agency units %d, matched to records %d" % (units, units - unmatched))

    # --- timeline -------------------------------------------------------
    gold_tl = []
    with open(os.path.join(root, "timeline.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                if g["doc"] in docids:
                    gold_tl.append(g)
    pred_tl = {}
    for k in docids:
        rows = []
        for did in docids[k]:
            rows += db.execute(
                "SELECT t.id, t.expr, t.kind, t.value FROM timeline t"
                " JOIN actions a ON a.id = t.action_id WHERE a.doc_id = ?"
                " ORDER BY a.ordinal, t.id", (did,)).fetchall()
        pred_tl[k] = rows
    used = set()
    found = right = 0
    tl_misses = []
    for g in gold_tl:
        gt = norm(g["text"])
        best = None
        for row in pred_tl.get(g["doc"], []):
            if row[0] in used:
                continue
            pt = norm(row[1])
            if not pt or not (gt in pt or pt in gt):
                continue
            d = abs(len(pt) - len(gt))
            if best is None or d < best[0]:
                best = (d, row)
        if best is None:
            tl_misses.append("%s %s: '%s' (%s %s) not found"
                             % (g["doc"], g["section"], g["text"], g["kind"], g["value"]))
            continue
        row = best[1]
        used.add(row[0])
        found += 1
        if norm_value(row[3]) == norm_value(g["value"]):
            right += 1
        else:
            tl_misses.append("%s %s: '%s' value %s, want %s (%s)"
                             % (g["doc"], g["section"], g["text"], row[3], g["value"], g["kind"]))
    extra = [(k, r[1], r[3]) for k in pred_tl for r in pred_tl[k] if r[0] not in used]
    n = len(gold_tl)
    figures["timeline_found"] = found / n if n else 1.0
    figures["timeline_values"] = right / found if found else 0.0
    print("# unseen: timeline expressions found %.2f (%d/%d), values right %.2f (%d/%d); %d extra"
          % (figures["timeline_found"], found, n, figures["timeline_values"], right, found, len(extra)))

    # --- pillars --------------------------------------------------------
    placed = 0
    pl_misses = []
    for d in docs:
        count = {}
        for r in recs[d["doc_id"]]:
            if r[3] is not None:
                count[r[3]] = count.get(r[3], 0) + 1
        got = str(max(sorted(count), key=lambda p: count[p])) if count else "none"
        if got == d["pillar"]:
            placed += 1
        else:
            pl_misses.append("%s: pillar %s (records %s), want %s"
                             % (d["doc_id"], got, count or "-", d["pillar"]))
    figures["pillar_docs"] = placed
    print("# unseen: documents in the right pillar %d/%d (outside the plan: %d)"
          % (placed, len(docs), sum(1 for d in docs if d["pillar"] == "none")))
    if missing_docs:
        print("# unseen: documents not indexed: %s" % " ".join(missing_docs))

    if verbose:
        for m in misses:
            print("#   agencies: " + m)
        for m in tl_misses:
            print("#   timeline: " + m)
        for k, e, v in extra:
            print("#   timeline extra: %s '%s' %s" % (k, re.sub(r"\s+", " ", e), v))
        for m in pl_misses:
            print("#   pillar: " + m)

    for k, v in figures.items():
        print("figure %s %s" % (k, ("%.4f" % v) if isinstance(v, float) else v))
    return 0 if not missing_docs else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
