#!/usr/bin/env python3
"""cmp_tables.py A.db B.db [--drift D] [--allow K]: the tables a
post-pass writes, compared row for row by what they mean (record keys and
paths, not ids, which depend on the order files were stored in). Prints
one line per table, "same" or "DIFF" with counts, and exits 1 when any
differs past what is allowed. t_incremental.sh runs it on a database
updated incrementally (A) and one built from scratch (B).

Within an incremental pass's bound (indexer/postpass_inc.c) the records
that did not change keep what the last whole pass gave them: their
scores may move by the drift of the words' frequencies since (--drift,
the largest difference allowed), and a pillar or link that close to a
threshold may differ, with what counts it (--allow, rows per table); a
word that became frequent enough for a ranked list since gets it at the
next whole pass (rows of B alone). Every other table is equal."""
import sqlite3, sys
a, b = sys.argv[1], sys.argv[2]
def rows(db, sql):
    c = sqlite3.connect(db)
    return sorted(c.execute(sql).fetchall(), key=lambda r: tuple('' if x is None else str(x) for x in r))
checks = {
 'pillars': "select d.path, d.part, a.key, a.pillar, a.pillar_source from actions a join documents d on d.id=a.doc_id",
 'links': "select d.path, a.key, l.plan_key, l.section from links l join actions a on a.id=l.action_id join documents d on d.id=a.doc_id",
 'vocab': "select word, df from pillar_vocab",
 # what the full-text index holds of each record's agencies (schema 7:
 # read through the view, from the rows marked fts)
 'agency_names': "select d.path, d.part, a.key, t.agency_names from actions_text t join actions a on a.id=t.id join documents d on d.id=a.doc_id",
 'requirements': "select key, type, due, due_by, kind, path from requirements",
 # the copy of each requirement's record's pillar: as the record's, it may
 # keep the last whole pass's within the bound
 'requirement_pillars': "select key, pillar from requirements",
 'evidence': "select r.key, d.path, a.key, e.how, e.completes from evidence e join requirements r on r.action_id=e.requirement_id join documents d on d.id=e.doc_id left join actions a on a.id=e.action_id",
 'ranked_df': "select term, df from ranked_lists",
 'meta': "select key, value from meta where key in ('ranked_lists', 'tracker')",
 'summary_kinds': "select * from summary_kinds",
 'summary_sections': "select * from summary_sections",
 'summary_agencies': "select * from summary_agencies",
 'summary_dues': "select * from summary_dues",
 'works': "select d.path, d.part, w.key, (select path from documents c where c.id=d.copy_of) from documents d left join works w on w.id=d.work_id",
}
allow = int(sys.argv[sys.argv.index('--allow') + 1]) if '--allow' in sys.argv else 0
# tables a record's pillar or links move, and those the lists' choice does
near = {'pillars', 'requirement_pillars', 'links', 'evidence', 'summary_kinds', 'summary_sections', 'summary_agencies',
        'summary_dues'}
bad = 0
for name, sql in checks.items():
    try:
        ra, rb = rows(a, sql), rows(b, sql)
    except Exception as e:
        print(name, 'ERR', e)
        bad += 1
        continue
    sa, sb = set(ra), set(rb)
    pass

    if name in near:
        over = max(len(sa - sb), len(sb - sa)) > allow
    elif name == 'ranked_df':
        over = bool(sa - sb) or allow == 0 and bool(sb - sa)
    else:
        over = ra != rb
    bad += over
    print("%-18s %s  (%d rows; only in first %d, only in second %d)" % (name, 'same' if ra == rb else 'within' if not over else 'DIFF', len(ra), len(sa - sb), len(sb - sa)))
    if ra != rb and len(sa ^ sb) < 8:
        for r in sorted(sa - sb, key=str)[:4]: print('   <', r)
        for r in sorted(sb - sa, key=str)[:4]: print('   >', r)
# scores: the records that did not change keep those of the last whole
# pass, within the drift of the words' frequencies since: reported, and
# held to --drift D (default 0: equal to 4 places)
drift = float(sys.argv[sys.argv.index('--drift') + 1]) if '--drift' in sys.argv else 0.0
# (a record whose pillar differs is counted under pillars, not here)
for name, sql in (('pillar scores', "select d.path || '#' || d.part || ' ' || a.key || ' ' || coalesce(a.pillar, 0), coalesce(a.pillar_score, 0) from actions a join documents d on d.id=a.doc_id"),
                  ('link scores', "select d.path || ' ' || a.key || ' ' || l.plan_key, l.score from links l join actions a on a.id=l.action_id join documents d on d.id=a.doc_id"),
                  ('evidence confidence', "select r.key || ' ' || d.path || ' ' || coalesce(a.key, ''), e.confidence from evidence e join requirements r on r.action_id=e.requirement_id join documents d on d.id=e.doc_id left join actions a on a.id=e.action_id")):
    da = dict(rows(a, sql)); db = dict(rows(b, sql))
    gaps = sorted(abs((da[k] or 0) - (db[k] or 0)) for k in da if k in db)
    # past the drift: a score that crossed to another rule (placed by its
    # own words in one, by its document's in the other), as a pillar
    # that moved: at most ALLOW of them
    over = [g for g in gaps if g > drift + 5e-5]
    within = [g for g in gaps if g <= drift + 5e-5]
    ok = len(over) <= allow
    print("%-18s %s  (largest difference %.4f within %.4f; %d past it, %d allowed)"
          % (name, 'same' if ok else 'DIFF', max(within or [0]), drift, len(over), allow))
    bad += not ok
sys.exit(1 if bad else 0)
