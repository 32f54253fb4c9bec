#!/bin/sh
# Chinese and English alike: every Chinese word of the corpus finds its
# records, through polidex-query and through the SQLite extension.
. tests/cli/lib.sh

DB="$TMP/corpus.db"
run $INDEX -q -d "$DB" corpus
check_rc "index corpus" 0

# two-character words inside longer runs of the Chinese articles
for w in 数据 芯片 出口 白宫 抽签 财年 商务部 数据中心; do
	run $QUERY -d "$DB" search -l zh -n 0 -f json "$w"
	check_eq "Chinese word $w is found in each record's text or section, marked whole" \
		"$(json "d['count'] > 0 and all(('[' + '$w'[:2] in r['snippet']) or ('$w' in (r['section'] or '')) for r in d['results'])")" True
done
run $QUERY -d "$DB" search -n 0 -f json 心
check_eq "a one-character word is found where it ends a run (中心)" \
	"$(json "any('中心' in r['text'] for r in d['results'])")" True
run $QUERY -d "$DB" search -n 0 -f json "H-1B 抽签"
check_eq "mixed query H-1B 抽签" "$(json "d['count'] > 0 and all('抽签' in r['text'] + (r['section'] or '') and 'H-1B' in r['text'] + (r['section'] or '') for r in d['results'])")" True
run $QUERY -d "$DB" search -n 0 -f json AI 出口
check_eq "mixed query AI 出口" "$(json "d['count'] > 0")" True
run $QUERY -d "$DB" search -n 0 -f json ＡＩ 出口
check_eq "full-width ＡＩ folds to AI" "$(json "d['count'] > 0")" True
run $QUERY -d "$DB" search -n 0 -f json 数据 中心
check_eq "separate words are both required" \
	"$(json "all('数据' in r['text'] + (r['section'] or '') and '中心' in r['text'] + (r['section'] or '') for r in d['results'])")" True
run $QUERY -d "$DB" search -n 0 -f json 心中
check_rc "characters that never stand together do not match" 1

# the property: every pair of adjacent Chinese characters in a Chinese
# record finds that record (checked in one process over the extension)
asan=$(ext_asan)
env ${asan:+LD_PRELOAD=$asan ASAN_OPTIONS=detect_leaks=0} \
	$PY - "$DB" "$B/polidex.so" <<'PYEOF' >"$TMP/prop" 2>&1
import re, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.enable_load_extension(True)
db.load_extension(sys.argv[2])
rows = db.execute("SELECT id, text FROM actions WHERE lang = 'zh'").fetchall()
cjk = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
words = misses = 0
for rid, text in rows:
    for run in cjk.findall(text):
        for i in range(len(run) - 1):
            w = run[i:i + 2]
            words += 1
            hit = db.execute("SELECT 1 FROM actions_fts WHERE actions_fts MATCH ? AND rowid = ?",
                             ('"%s"' % w, rid)).fetchone()
            if not hit:
                misses += 1
                print("miss", rid, w)
print("words", words, "misses", misses, "records", len(rows))
PYEOF
check_eq "every Chinese word of two characters finds its record" \
	"$(grep -c '^miss' "$TMP/prop")" 0
check_eq "the property ran over the Chinese records" \
	"$(awk '/^words/ { print ($2 > 1000 && $6 > 40) ? "yes" : "no" }' "$TMP/prop")" yes

finish
