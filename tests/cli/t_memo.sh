#!/bin/sh
# Presidential memoranda and documents outside the plan (issue 18),
# on constructed texts (tests/fixtures/memo/README.md).
# A memorandum ("MEMORANDUM FOR THE SECRETARY OF ...", SUBJECT, numbered
# sections) is cut into sections as an order is, its sections tagged and
# tracked as an order's; a document that never names the plan's subject
# (AI, artificial intelligence, 人工智能: data/pillar_terms.json's
# "subject") takes no pillar however many of the plan's words it shares.
. tests/cli/lib.sh

FX=tests/fixtures/memo
M=2026-02-02-memo-grant-reporting
O=2026-02-03-eo-highway-permits
A=2026-02-04-eo-highway-permits-ai
mkdir -p "$TMP/a" "$TMP/b"
cp "$FX/$M.md" "$FX/$O.md" "$TMP/a/"
cp "$FX/$A.md" "$TMP/b/"
DB="$TMP/a.db"
run $INDEX -q -d "$DB" corpus "$TMP/a"
check_rc "index the corpus, the memorandum and the order outside the plan" 0

# keys DOC: the document's record keys, in order
keys() {
	sqlite3 "$1" "SELECT a.key FROM actions a JOIN documents d ON d.id = a.doc_id WHERE a.key LIKE '$2:%' ORDER BY a.ordinal" | sed "s/^$2://" | tr '\n' ' '
}
run $QUERY -d "$DB" docs -f json
check_eq "the memorandum is one: kind, subtype, type" \
	"$(json "[(x['kind'], x['subtype'], x['type']) for x in d['documents'] if x['path'].endswith('$M.md')]")" \
	"[('memorandum', 'memorandum', 'presidential_document')]"
check_eq "its sections and subsections are records; the dateline, the address block and the closing provisions are paragraphs" \
	"$(keys "$DB" "$M")" "p1 p2 p3 sec.1 sec.2(a) sec.2(b) sec.3(a) sec.3(b) p9 p10 p11 "

roles() {
	record_roles "$DB" "$M:$1"
}
check_eq "Sec. 2(a): OMB leads, in consultation with Labor" "$(roles 'sec.2(a)')" "dol:support omb:lead"
check_eq "Sec. 2(b): Education leads" "$(roles 'sec.2(b)')" "ed:lead"
check_eq "Sec. 3(a): Labor leads; OMB, the channel, is mentioned" "$(roles 'sec.3(a)')" "dol:lead omb:mentioned"
check_eq "Sec. 3(b): an authority given (\"may\") keeps its actor, the closing provisions not joined to it" \
	"$(roles 'sec.3(b)')" "ed:lead"

run $QUERY -d "$DB" status --as-of 2026-03-01 -f json
check_eq "its sections are requirements with their due dates" \
	"$(json "[(x['key'].split(':')[1], x['due'], x['status']) for x in d['requirements'] if x['key'].startswith('$M:')]")" \
	"[('sec.2(a)', '2026-04-03', 'due'), ('sec.2(b)', '2026-09-30', 'due'), ('sec.3(a)', None, 'open')]"

# pillars DB DOC: the pillars of the document's records, in order ("-": none)
pillars() {
	sqlite3 "$1" "SELECT coalesce(a.pillar, '-') FROM actions a JOIN documents d ON d.id = a.doc_id WHERE a.key LIKE '$2:%' ORDER BY a.ordinal" | tr '\n' ' '
}
check_eq "an order that never names AI takes no pillar, record by record" "$(pillars "$DB" "$O")" "- - - - - "
run $QUERY -d "$DB" summary --as-of 2026-03-01 -f json
check_eq "... and no pillar's summary lists it" \
	"$(json "[x for p in d['pillars'] for x in p.get('documents', []) if '$O' in json.dumps(x)]")" "[]"
check_eq "the memorandum on grant reporting takes none either" "$(pillars "$DB" "$M")" "- - - - - - - - - - - "

DB2="$TMP/b.db"
run $INDEX -q -d "$DB2" corpus "$TMP/b"
check_rc "index the corpus and the same order naming artificial intelligence once" 0
check_eq "the same order with one sentence on AI is placed (Pillar II)" "$(pillars "$DB2" "$A")" "- 2 2 2 2 "

finish
