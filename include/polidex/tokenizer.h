/* tokenizer.h - the "polidex" FTS5 tokenizer: CJK bigrams, unicode61
 * folding and Porter stemming for Latin runs, full-width folding.
 *
 * Use it as tokenize='polidex' in CREATE VIRTUAL TABLE ... USING fts5.
 * Arguments after the name go to the inner unicode61 tokenizer, after our
 * own "remove_diacritics 2" (e.g. tokenize='polidex remove_diacritics 1').
 * The same code builds as the loadable extension build/polidex.so, whose
 * entry point sqlite3_polidex_init() calls tokenizer_register(). */
#ifndef POLIDEX_TOKENIZER_H
#define POLIDEX_TOKENIZER_H

#include <sqlite3.h>

#define TOKENIZER_NAME "polidex"

/* Register the tokenizer as "polidex" on db. Needs FTS5 and its built-in
 * "porter" and "unicode61" tokenizers. Returns a SQLite result code
 * (SQLITE_ERROR when the library has no FTS5). */
int tokenizer_register(sqlite3 *db);

/* A new instance of the polidex tokenizer registered on api, its methods
 * into *methods (free it with methods->xDelete). Returns a SQLite result
 * code; *tok is NULL on failure. An instance keeps buffers of its own:
 * one per thread. */
int tokenizer_create(fts5_api *api, fts5_tokenizer *methods, Fts5Tokenizer **tok);

#endif
