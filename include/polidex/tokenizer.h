/* tokenizer.h - the "polidex" FTS5 tokenizer: CJK bigrams, unicode61
 * folding and Porter stemming for Latin runs, full-width folding. */
#ifndef POLIDEX_TOKENIZER_H
#define POLIDEX_TOKENIZER_H

#include <sqlite3.h>

/* Register the tokenizer as "polidex" on db. Returns a SQLite result code. */
int tokenizer_register(sqlite3 *db);

#endif
