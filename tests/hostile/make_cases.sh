#!/bin/sh
# make_cases.sh DIR: build from nothing the hostile inputs of issue 22's
# indexer items in DIR (made empty first), one per line of DIR/CASES:
# "NAME<TAB>what it is". tests/cli/t_reliability2.sh runs the indexer on
# each (under make check, so make check SANITIZE=1 covers them).
# Needs sh, python3, sqlite3, mkfifo.
set -e
D=${1:?usage: make_cases.sh DIR}
rm -rf "$D"
mkdir -p "$D"
cd "$D"
: >CASES
case_() { printf '%s\t%s\n' "$1" "$2" >>CASES; }

good='Sec. 2. Policy. The Secretary of Commerce shall report within 90 days.'

# links: a corpus with a link out of it (to a folder holding a secret),
# a link inside it, and a dangling one
mkdir -p links/outside links/corpus/sub
echo 'root:outsidesecret:20228:0:99999:7:::' >links/outside/shadow.txt
echo "$good" >links/corpus/good.txt
echo "$good Also the Secretary of State." >links/corpus/sub/inner.txt
ln -s ../outside links/corpus/etc
ln -s "$PWD/links/outside/shadow.txt" links/corpus/shadow.txt
ln -s sub links/corpus/alias
ln -s nowhere links/corpus/dangling.txt
case_ links 'a corpus with links out of it (folder and file), inside it, and to nothing'

# special files: a FIFO, named on the command line or met in a walk
mkfifo fifo
mkdir -p specials
echo "$good" >specials/a.txt
mkfifo specials/pipe.txt
case_ fifo 'a FIFO named on the command line'
case_ specials 'a folder holding a FIFO'

# a folder 70 deep (the walk stops at 64)
p=deep
for i in $(seq 1 70); do p="$p/d"; done
mkdir -p "$p"
echo "$good" >"$p/bottom.txt"
echo "$good" >deep/top.txt
case_ deep 'folders nested 70 deep'

# old Mac line ends: CR only
printf 'The first paragraph ends here.\r\rThe Secretary of Energy shall act.\r' >cr.txt
case_ cr.txt 'CR-only line ends'

# a front matter title of 2 MB (the attack used 31 MB)
python3 -c "import sys; sys.stdout.write('---\ntitle: ' + 'T' * (2 << 20) + '\n---\n\n# Heading\n\n$good\n')" >bigtitle.md
case_ bigtitle.md 'a 2 MB front-matter title'

# a file name that is not UTF-8, with an escape sequence in it
bad=$(printf 'bad\377name\033[2J.txt')
echo "$good" >"$bad"
case_ badname 'a file name with a byte 0xFF and ESC [2J'

# another program's SQLite file, at -d
sqlite3 foreign.db 'CREATE TABLE notes(x); INSERT INTO notes VALUES (1);'
case_ foreign.db 'a SQLite file that is not a polidex database'

# a gazetteer that is a FIFO (the -A file, read like a document)
mkfifo gazetteer.json
case_ gazetteer.json 'a FIFO as the -A gazetteer'

# a record-dense file for --dump (one short paragraph a line, 3 MB)
python3 -c "
import sys
for i in range(60000):
    sys.stdout.write('Sec. %d. The Secretary shall act by 2026-01-%02d.\n\n' % (i, i % 28 + 1))
" >dense.txt
case_ dense.txt 'a record-dense file (60,000 records)'

# a folder whose first file takes a while (the dense one) and whose last
# is swapped for a FIFO while the first is parsed (t_reliability2.sh
# swaps it): the walk has listed it as a regular file by then
mkdir swap
cp dense.txt swap/f000.txt
for i in $(seq 1 20); do echo "$good $i" >"swap/f$(printf %03d "$i").txt"; done
case_ swap 'files, the last swapped for a FIFO during the run'
