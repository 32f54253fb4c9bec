#!/usr/bin/python3
"""fts_size.py DB EXT - the FTS index size the polidex tokenizer costs: the
records of a polidex database indexed into fresh FTS5 tables with
unicode61, porter unicode61 and polidex, all records and the Chinese ones
alone. Prints a markdown table (bytes of FTS5 data, pages after VACUUM)."""
import os, sqlite3, sys, tempfile

src = sqlite3.connect(sys.argv[1])
ext = sys.argv[2]
sets = {
    "all": src.execute("SELECT id, text, section, agency_names FROM actions_text").fetchall(),
    "zh": src.execute("SELECT t.id, t.text, t.section, t.agency_names FROM actions_text t JOIN actions a ON a.id = t.id WHERE a.lang = 'zh'").fetchall(),
}

def build(tok, data):
    fd, path = tempfile.mkstemp(suffix=".db")
    os.close(fd)
    db = sqlite3.connect(path)
    db.enable_load_extension(True)
    db.load_extension(ext)
    db.execute("CREATE VIRTUAL TABLE t USING fts5(text, section, agency_names, tokenize=%s)" % tok)
    db.executemany("INSERT INTO t(rowid, text, section, agency_names) VALUES (?,?,?,?)", data)
    db.commit()
    size = db.execute("SELECT sum(length(block)) FROM t_data").fetchone()[0] or 0
    db.execute("VACUUM")
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.close()
    os.unlink(path)
    return size, pages

print("| records | n | unicode61 bytes | porter bytes | polidex bytes | polidex vs unicode61 |")
print("|---|---:|---:|---:|---:|---:|")
for name, data in sets.items():
    if not data:
        continue
    u = build("'unicode61'", data)
    p = build("'porter unicode61'", data)
    x = build("'polidex'", data)
    print("| %s | %d | %d | %d | %d | %+.1f%% bytes, %+.1f%% pages |" % (
        name, len(data), u[0], p[0], x[0], 100.0 * (x[0] - u[0]) / u[0], 100.0 * (x[1] - u[1]) / u[1]))
